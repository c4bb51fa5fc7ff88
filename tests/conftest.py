"""Shared fixtures: small issue trees built from dicts, and the sample issue built once."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from volna_print import i18n
from volna_print.build import Result, build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "issues" / "sample"

MANIFEST = """\
paper: volna
number: 31
total: 10245
date: 2025-07-30
price: Бесплатно
age_mark: 16+
print_run: 3500
signed_to_print: {scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}
pages:
  - {template: front}
  - {section: Власть}
  - {section: Общество}
  - {template: back}
articles:
  - file: articles/a.md
    page: 2
    frame: {col: 1, row: 1, cols: 2, rows: 3}
ads: []
"""

ARTICLE = """\
---
rubric: Город
headline: Заголовок для проверки
---
Первый абзац текста статьи для проверки.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (path → text or bytes) under root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def russian(monkeypatch: pytest.MonkeyPatch) -> None:
    """Speak Russian, the default, whatever the machine's locale: tests assert the editors' messages."""
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "ru")
    i18n.use("ru")


@pytest.fixture(autouse=True)
def build_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own disk cache: no test reads what another (or the user's builds) stored."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("VOLNA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def make_issue(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes an issue folder: the default manifest and article, with overrides."""

    def make(manifest: str = MANIFEST, files: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "issue"
        tree: dict[str, str | bytes] = {"issue.yaml": manifest, "articles/a.md": ARTICLE}
        tree.update(files or {})
        return write_tree(root, tree)

    return make


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Result:
    """Build the sample issue once for all tests that read its PDF."""
    out = tmp_path_factory.mktemp("sample-out")
    return build(SAMPLE, out)


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """Return a PDF's text through poppler's pdftotext (an independent reader)."""
    args = ["pdftotext", "-raw"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def have(tool: str) -> bool:
    """Return whether a command-line tool is installed."""
    return shutil.which(tool) is not None
