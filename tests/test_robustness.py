"""Bad input gets a clear error and exit code 2, and the previous good PDF stays as it was."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from volna_print.cli import main
from volna_print.errors import BuildError
from volna_print.pdf import write_atomic

from .bad import artwork
from .bad.corpus import CASES, Case
from .conftest import ARTICLE, MANIFEST, write_tree

PDF_NAME = "volna-2025-07-30-n31.pdf"
PREVIOUS = b"%PDF-1.7\n% the previous good build of this issue\n%%EOF\n"
SECRET = "secret: a file outside the issue that nothing may read\n"


def issue_tree(where: Path, case: Case) -> Path:
    """Write the test issue changed as the case says; return the issue folder."""
    manifest = MANIFEST
    for old, new in case.edit:
        assert old in manifest, f"{case.name}: the edit does not apply: {old!r}"
        manifest = manifest.replace(old, new, 1)
    root = write_tree(where / "issue", {"issue.yaml": manifest, "articles/a.md": ARTICLE, **case.files})
    (where / "secret.md").write_text(SECRET, encoding="utf-8")
    if case.prepare:
        case.prepare(root)
    return root


def build_cli(*args: str) -> Result:
    """Run `volna-print build` in the current folder."""
    return CliRunner().invoke(main, ["build", *args])


def previous_build(out: Path) -> Path:
    """Put a previous good PDF in the output folder and return it."""
    out.mkdir(exist_ok=True)
    pdf = out / PDF_NAME
    pdf.write_bytes(PREVIOUS)
    return pdf


def assert_untouched(out: Path) -> None:
    """The previous PDF is unchanged and nothing else was written (no temporary files left either)."""
    assert (out / PDF_NAME).read_bytes() == PREVIOUS
    assert sorted(p.name for p in out.iterdir()) == [PDF_NAME]


def problems_found(count: int) -> str:
    """Return the last line of a refused build: «Найдены 3 ошибки; ничего не собрано.», in Russian's three forms."""
    if count % 10 == 1 and count % 100 != 11:
        return f"Найдена {count} ошибка; ничего не собрано."
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"Найдены {count} ошибки; ничего не собрано."
    return f"Найдено {count} ошибок; ничего не собрано."


def matches(line: str, expected: str | re.Pattern[str]) -> bool:
    """Compare an output line with an expected line or pattern."""
    return bool(expected.fullmatch(line)) if isinstance(expected, re.Pattern) else line == expected


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported_and_nothing_is_written(case: Case, tmp_path: Path, monkeypatch) -> None:
    # the corpus pins what each message says and where, in the English catalog (the source texts); the
    # Russian an editor reads by default is asserted in test_manifest.py and below
    issue_tree(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    previous_build(tmp_path / "out")
    result = CliRunner().invoke(main, ["--lang", "en", "build", "issue", "-o", "out"])
    lines = result.output.splitlines()
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a clean exit, not a crash
    count = len(case.expected)
    summary = f"{count} problem{'s' if count != 1 else ''} found; nothing was built."
    assert len(lines) == len(case.expected) + 1 and lines[-1] == summary, result.output
    for line, expected in zip(lines, case.expected, strict=False):
        assert matches(line, expected), f"\n got: {line}\nwant: {expected}"
    assert_untouched(tmp_path / "out")


def test_the_corpus_is_large_and_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) >= 40 and len(set(names)) == len(names)


# --- an article ten times too long ---------------------------------------------------------------------------------

LONG_ARTICLE = "---\nheadline: Проверка переполнения\n---\n" + "\n\n".join(
    f"Строка номер {n}." for n in range(1, 501)
)  # the test frame holds about 40 lines: this is over ten times that


def test_ten_times_too_long_is_overset_not_a_hang(make_issue, tmp_path: Path, monkeypatch) -> None:
    make_issue(files={"articles/a.md": LONG_ARTICLE})
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    result = build_cli("issue", "-o", "fresh")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 60
    overset = re.search(
        r"^перебор: полоса 2, «Проверка переполнения» \(issue/articles/a\.md\): перебор (\d+) строк",
        result.output,
        re.MULTILINE,
    )
    assert overset and int(overset[1]) >= 400, result.output
    assert (tmp_path / "fresh" / PDF_NAME).read_bytes().startswith(b"%PDF-")


def test_strict_build_with_overset_keeps_the_previous_pdf(make_issue, tmp_path: Path, monkeypatch) -> None:
    make_issue(files={"articles/a.md": LONG_ARTICLE})
    monkeypatch.chdir(tmp_path)
    previous_build(tmp_path / "out")
    result = build_cli("issue", "-o", "out", "--strict")
    assert result.exit_code == 1, result.output
    assert "--strict: выпуск не готов к печати; ничего не записано:" in result.output
    assert "перебор: полоса 2, «Проверка переполнения»" in result.output
    assert_untouched(tmp_path / "out")


# --- output safety ---------------------------------------------------------------------------------------------------


def test_a_render_failure_keeps_the_previous_pdf(make_issue, tmp_path: Path, monkeypatch) -> None:
    make_issue()
    monkeypatch.chdir(tmp_path)
    previous_build(tmp_path / "out")

    def fail(*args: object, **kwargs: object) -> None:
        raise BuildError("WeasyPrint could not lay out the pages: out of memory")

    monkeypatch.setattr("volna_print.compose.render_pdfs", fail)
    result = build_cli("issue", "-o", "out", "--no-cache")
    assert (
        result.exit_code == 2 and result.output == "WeasyPrint could not lay out the pages: out of memory\n"
    )
    assert_untouched(tmp_path / "out")


def test_a_full_disk_keeps_the_previous_pdf_and_leaves_no_temporary_file(
    make_issue, tmp_path: Path, monkeypatch
) -> None:
    make_issue()
    monkeypatch.chdir(tmp_path)
    previous_build(tmp_path / "out")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("volna_print.pdf.os.fsync", full)
    result = build_cli("issue", "-o", "out")
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"out/{PDF_NAME}: не удалось записать файл: на диске нет места; проверьте папку вывода (-o): можно ли "
        "в неё писать и есть ли место на диске. Прежний файл, если он был, не тронут.\n"
    )
    assert_untouched(tmp_path / "out")


def test_write_atomic_replaces_whole_files_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600


def test_write_atomic_into_a_folder_that_cannot_exist(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file where the output folder should be")
    with pytest.raises(BuildError) as info:
        write_atomic(tmp_path / "out" / "a.pdf", b"data")
    assert "a.pdf: не удалось записать файл: " in str(info.value.message)
    assert "проверьте папку вывода (-o)" in info.value.message


def test_write_atomic_cleans_up_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("volna_print.pdf.os.replace", refuse)
    with pytest.raises(BuildError, match="нет прав доступа"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


# --- reproducible output, and two builds at once ---------------------------------------------------------------------

RICH_MANIFEST = MANIFEST.replace(
    "ads: []\n",
    "ads:\n  - {file: ads/photo.jpg, size: 1x2, page: 3}\n  - {file: ads/poster.pdf, size: 2x2, page: 3}\n",
)
RICH_ARTICLE = (
    "---\nheadline: Статья с фотографией\nimages:\n  - {file: images/p.jpg, caption: Подпись}\n---\n"
    "Текст статьи.\n"
)


def build_process(issue: Path, out: Path) -> subprocess.Popen[bytes]:
    """Start `volna-print build` in its own Python process."""
    return subprocess.Popen(
        [sys.executable, "-m", "volna_print.cli", "build", str(issue), "-o", str(out), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_builds_are_byte_identical_and_two_at_once_do_not_collide(make_issue, tmp_path: Path) -> None:
    issue = make_issue(
        RICH_MANIFEST,
        {
            "articles/a.md": RICH_ARTICLE,
            "images/p.jpg": artwork.jpeg(300, 200),
            "ads/photo.jpg": artwork.jpeg(),
            "ads/poster.pdf": artwork.pdf(),
        },
    )
    first, second = build_process(issue, tmp_path / "same"), build_process(issue, tmp_path / "same")
    from volna_print.build import build

    reference = build(issue, tmp_path / "reference").pdf
    for process in (first, second):
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors.decode()
    assert reference is not None
    assert [p.name for p in (tmp_path / "same").iterdir()] == [PDF_NAME]  # no temporary file left behind
    assert (tmp_path / "same" / PDF_NAME).read_bytes() == reference.read_bytes()


def test_a_cut_off_image_is_refused_even_after_weasyprint_is_loaded(tmp_path: Path) -> None:
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process; validation must not inherit it."""
    import weasyprint.images  # noqa: F401 - imported for its side effect
    from PIL import ImageFile

    from volna_print.manifest.assets import check_artwork

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    path = tmp_path / "cut.jpg"
    path.write_bytes(artwork.truncated_jpeg())
    assert check_artwork(path) == ("изображение обрезано (прерванное копирование или загрузка?); скопируйте или "
                                   "экспортируйте его заново")
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # restored for WeasyPrint


def test_an_unreadable_article_is_named(make_issue, tmp_path: Path, monkeypatch) -> None:
    """A file the user may not read (chmod 000 does not stop root, so the refusal is simulated)."""
    make_issue()
    monkeypatch.chdir(tmp_path)
    previous_build(tmp_path / "out")
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "a.md":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = build_cli("issue", "-o", "out")
    assert result.exit_code == 2
    assert result.output == (
        "issue/articles/a.md:1:1: не удалось прочитать файл: нет прав доступа; проверьте, что он есть и что у вас "
        "есть право его читать\nНайдена 1 ошибка; ничего не собрано.\n"
    )
    assert_untouched(tmp_path / "out")
