"""Fuzzing: whatever the manifest or an article says, only our own error comes out, with a position."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from volna_print.errors import ManifestError
from volna_print.manifest.article import load_article, split_front_matter
from volna_print.manifest.assets import check_artwork
from volna_print.manifest.issue import AD_KEYS, ARTICLE_KEYS, FRAME_KEYS, ISSUE_KEYS, load_issue
from volna_print.manifest.source import Problems

from .bad import artwork
from .conftest import ARTICLE, MANIFEST, write_tree

FUZZ = settings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
POSITIONED = re.compile(r"^\S.*?:\d+:\d+: \S")  # file:line:col: message
MAX_LINE = 600  # a message echoes what was written, shortened: pasted junk must not flood the terminal

# Pieces a manifest is made of, and the slips and attacks that break it.
TOKENS = [
    "",
    " ",
    "\t",
    "\x00",
    "\x1b",
    "\ufeff",
    "\u2028",
    ":",
    ": ",
    "- ",
    "-",
    "---",
    "...",
    "#",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "|",
    ">",
    "&a",
    "*a",
    "&a [*a]",
    "!!python/object/apply:os.system ['true']",
    "!!binary AAAA",
    "!!set {a}",
    "? [a]",
    "<<: *a",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "0",
    "-1",
    "1e999",
    "0x1F",
    "010",
    "18:00",
    "2025-02-30",
    "2025-07-30T10:00:00",
    "99999999999999999999999",
    "9" * 5000,
    "2x3",
    "6x0",
    "2х3",
    "nan",
    ".inf",
    "../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.png",
    "C:\\a.md",
    "a" * 3000,
    "ads/x.jpg",
    "articles/a.md",
    "front",
    "Реклама",
    "16+",
    "Заголовок: с двоеточием",
]
KEYS = sorted(
    {
        *ISSUE_KEYS,
        *ARTICLE_KEYS,
        *AD_KEYS,
        *FRAME_KEYS,
        "template",
        "section",
        "scheduled",
        "actual",
        "headline",
        "images",
        "caption",
    }
)


def scalars() -> st.SearchStrategy[object]:
    """Return YAML scalars of every type, biased towards the awkward ones."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.sampled_from(TOKENS),
        st.text(max_size=30),
        st.dates(),
    )


def values() -> st.SearchStrategy[object]:
    """Return nested YAML data whose keys are mostly the schema's own."""
    keys = st.one_of(st.sampled_from(KEYS), st.sampled_from(TOKENS), st.text(max_size=10), st.integers())
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
        max_leaves=30,
    )


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """Return a good document broken by a few edits: a value replaced, a line dropped or doubled, junk inserted."""
    lines = base.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        action = draw(st.sampled_from(["value", "drop", "double", "insert", "indent"]))
        if action == "value" and ":" in line:
            lines[index] = line[: line.index(":") + 1] + " " + draw(st.sampled_from(TOKENS))
        elif action == "drop":
            lines[index] = ""
        elif action == "double":
            lines.insert(index, line)
        elif action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = (
                line[:at] + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5))) + line[at:]
            )
        else:
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", ""])) + line.lstrip()
    return "\n".join(lines)


def dumped(data: object) -> str:
    """Return data as YAML text."""
    return yaml.safe_dump({"paper": "volna", **data} if isinstance(data, dict) else data, allow_unicode=True)


MANIFEST_WITH_AD = MANIFEST.replace("ads: []", "ads:\n  - {id: x, file: ads/x.jpg, size: 2x2, page: 3}")
manifests = st.one_of(
    st.text(max_size=200), values().map(dumped), mutated(MANIFEST), mutated(MANIFEST_WITH_AD)
)
articles = st.one_of(
    st.text(max_size=200),
    mutated(ARTICLE),
    st.builds(lambda front, body: f"---\n{front}---\n{body}", values().map(dumped), st.text(max_size=50)),
    st.builds(
        lambda lead, front: f"{lead}---\n{front}",
        st.sampled_from(["", "\n", " \n"]),
        mutated("headline: Заголовок\nrubric: Город\n---\nТекст.\n"),
    ),
)


@pytest.fixture(scope="module")
def issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an issue folder that examples overwrite (one folder: creating one per example is slow)."""
    return write_tree(
        tmp_path_factory.mktemp("fuzz") / "issue",
        {"issue.yaml": MANIFEST, "articles/a.md": ARTICLE, "ads/x.jpg": artwork.jpeg()},
    )


def check(folder: Path) -> None:
    """Load the issue: it loads or raises ManifestError whose every problem is positioned and short."""
    try:
        load_issue(folder)
    except ManifestError as error:
        assert error.problems
        for problem in error.problems:
            assert POSITIONED.match(problem), problem
            assert len(problem) <= MAX_LINE, problem
            assert "\n" not in problem, problem


@FUZZ
@given(text=manifests)
def test_manifest_loader_raises_only_manifest_error(issue: Path, text: str) -> None:
    (issue / "issue.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    check(issue)


@FUZZ
@given(data=st.binary(max_size=200))
def test_manifest_loader_survives_any_bytes(issue: Path, data: bytes) -> None:
    (issue / "issue.yaml").write_bytes(data)
    check(issue)


@FUZZ
@given(text=articles)
def test_front_matter_parser_raises_only_manifest_error(issue: Path, text: str) -> None:
    (issue / "issue.yaml").write_text(MANIFEST, encoding="utf-8")
    (issue / "articles" / "a.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    check(issue)


@FUZZ
@given(
    data=st.binary(max_size=200), cyrillic=st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", max_size=40)
)
def test_article_in_any_encoding_gets_a_clear_message(issue: Path, data: bytes, cyrillic: str) -> None:
    (issue / "issue.yaml").write_text(MANIFEST, encoding="utf-8")
    (issue / "articles" / "a.md").write_bytes(data + cyrillic.encode("cp1251"))
    check(issue)


@FUZZ
@given(text=st.text(alphabet=string.printable + "—«»ёЁ\u00a0\ufeff", max_size=300) | articles)
def test_split_front_matter_is_total_and_honest(text: str) -> None:
    front, body, offset = split_front_matter(text)
    lines = text.split("\n")
    if front is None:
        assert body == text
        assume(offset)
        assert lines[offset - 1].strip() == "---"  # opened there and never closed
        return
    assert lines[offset - 1].strip() == "---" and not any(line.strip() for line in lines[: offset - 1])
    assert text.startswith("\n".join(lines[:offset]))
    assert body in text and front.rstrip("\n") in text


@FUZZ
@given(text=articles)
def test_load_article_reports_instead_of_raising(issue: Path, text: str) -> None:
    path = issue / "articles" / "a.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = Problems()
    article = load_article(issue, path, problems)
    assert (article is None) == bool(problems.messages)
    assert all(POSITIONED.match(message) for message in problems.messages)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """Return a file name and a real picture or PDF with bytes flipped, cut or spliced in."""
    suffix, data = draw(
        st.sampled_from([(".jpg", artwork.jpeg()), (".png", artwork.png()), (".pdf", artwork.pdf())])
    )
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    cut = draw(st.integers(0, len(data)))
    return f"x{suffix}", bytes(data[:cut]) + draw(st.binary(max_size=40))


@FUZZ
@given(file=damaged())
def test_artwork_check_reports_instead_of_raising(
    tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes]
) -> None:
    name, data = file
    path = tmp_path_factory.getbasetemp() / name
    path.write_bytes(data)
    problem = check_artwork(path)
    assert problem is None or (problem and "\n" not in problem and len(problem) < MAX_LINE)
