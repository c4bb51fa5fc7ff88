"""The build cache and the worker processes: same bytes as a cold one-process build, never a stale page."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from volna_print import pdf as pdf_stage
from volna_print.build import lay_out_issue
from volna_print.cache import MAGIC, BuildCache
from volna_print.cli import main
from volna_print.manifest.paper import layouts_dir

from .conftest import ARTICLE, MANIFEST, SAMPLE

PICTURED = ARTICLE.replace("headline: Заголовок для проверки\n", "headline: Заголовок для проверки\nimages:\n"
                           "  - {file: images/p.png, caption: Подпись к снимку}\n")


def picture(colour: tuple[int, int, int]) -> bytes:
    """Return an uncompressed PNG: two colours give two files of the very same size."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def built(issue: Path, out: Path, *options: str) -> bytes:
    """Build through the command line and return the PDF's bytes."""
    result = CliRunner().invoke(main, ["build", str(issue), "-o", str(out), "-q", *options])
    assert result.exit_code == 0, result.output
    return Path(result.output.strip().splitlines()[-1]).read_bytes()


def digest(data: bytes) -> str:
    """Return a short hash for assertion messages."""
    return hashlib.sha256(data).hexdigest()[:16]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """Return a copy of the sample issue that a test may edit."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "sample"))


def test_cached_and_parallel_builds_are_the_bytes_of_a_cold_one_process_build(sample: Path, tmp_path: Path,
                                                                              build_cache_folder: Path) -> None:
    cold = built(sample, tmp_path / "cold", "--no-cache", "-j", "1")
    assert not any(build_cache_folder.iterdir())  # --no-cache writes nothing
    parallel = built(sample, tmp_path / "parallel", "-j", "2")  # cold cache, two workers
    again = built(sample, tmp_path / "again", "-j", "2")  # nothing changed: from the cache
    assert digest(parallel) == digest(cold) and digest(again) == digest(cold)
    article = sample / "articles" / "beach-season.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nНовый абзац в конце статьи.\n", encoding="utf-8")
    edited = built(sample, tmp_path / "edited", "-j", "2")  # one article set again, the rest from the cache
    assert digest(edited) == digest(built(sample, tmp_path / "edited-cold", "--no-cache", "-j", "1"))
    assert digest(edited) != digest(cold)


def test_a_changed_picture_of_the_same_name_size_and_time_is_never_served_from_the_cache(make_issue,
                                                                                       tmp_path: Path) -> None:
    issue = make_issue(MANIFEST, {"articles/a.md": PICTURED, "images/p.png": picture((200, 40, 40))})
    first = built(issue, tmp_path / "one")
    path = issue / "images" / "p.png"
    stamp = path.stat()
    path.write_bytes(picture((40, 40, 200)))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    second = built(issue, tmp_path / "two")
    assert digest(second) != digest(first)
    assert digest(second) == digest(built(issue, tmp_path / "cold", "--no-cache"))


def test_a_changed_stylesheet_is_never_served_from_the_cache(make_issue, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    layouts = Path(shutil.copytree(layouts_dir(), tmp_path / "layouts"))
    monkeypatch.setenv("VOLNA_LAYOUTS", str(layouts))
    issue = make_issue()
    first = built(issue, tmp_path / "one")
    css = layouts / "volna" / "css" / "volna.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1, h2 { color: #c00000 !important; }\n", encoding="utf-8")
    second = built(issue, tmp_path / "two")
    assert digest(second) != digest(first)
    assert digest(second) == digest(built(issue, tmp_path / "cold", "--no-cache"))


def test_a_changed_font_changes_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_issue) -> None:
    fonts = Path(shutil.copytree(pdf_stage.FONTS_DIR, tmp_path / "fonts"))
    monkeypatch.setattr(pdf_stage, "FONTS_DIR", fonts)
    from volna_print.manifest.issue import load_issue

    paper = load_issue(make_issue()).paper
    before = pdf_stage.design_stamp(paper, BuildCache())
    font = sorted(fonts.rglob("*.ttf"))[0]
    font.write_bytes(font.read_bytes() + b"\0")  # same name, other bytes
    assert pdf_stage.design_stamp(paper, BuildCache()) != before


def test_corrupt_and_foreign_entries_are_ignored_and_made_again(sample: Path, tmp_path: Path,
                                                                build_cache_folder: Path) -> None:
    cold = built(sample, tmp_path / "cold", "--no-cache", "-j", "1")
    built(sample, tmp_path / "warm", "-j", "1")
    entries = sorted(p for p in build_cache_folder.rglob("*") if p.is_file())
    assert entries
    for number, entry in enumerate(entries):
        data = entry.read_bytes()
        damaged = [data[: len(data) // 2], b"not a cache entry", MAGIC + b"\0" * 40][number % 3]
        entry.write_bytes(damaged)
    cache = BuildCache(folder=build_cache_folder)
    result = lay_out_issue(sample, cache)
    assert digest(result.data or b"") == digest(cold)
    assert cache.stats.ignored >= 1 and cache.stats.hits == 0


def test_two_builds_at_once_share_the_cache(sample: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "volna_print.cli", "build", str(sample), "-q", "-j", "1", "-o"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [subprocess.Popen([*command, str(tmp_path / f"out{n}")], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for n in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    pdfs = [Path(out.decode().strip().splitlines()[-1]).read_bytes() for out, _ in outputs]
    assert digest(pdfs[0]) == digest(pdfs[1]) == digest(built(sample, tmp_path / "cold", "--no-cache"))


def test_the_least_recently_used_entries_go_when_the_folder_is_over_its_limit(tmp_path: Path) -> None:
    cache = BuildCache(folder=tmp_path / "c", limit=10_000)
    for number in range(6):
        cache.store("pdf", cache.key(number), os.urandom(3000))
        path = cache._path("pdf", cache.key(number))
        assert path is not None
        os.utime(path, ns=(number * 10**9, number * 10**9))
    assert cache.load("pdf", cache.key(0)) is not None  # a read is a use: 0 is now the newest
    cache.prune()
    kept = [n for n in range(6) if cache.load("pdf", cache.key(n)) is not None]
    assert 0 in kept and 1 not in kept and len(kept) <= 2


def test_an_edit_searches_only_the_page_it_changed(sample: Path, tmp_path: Path, build_cache_folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from volna_print.layout import engine

    searched: list[int] = []  # the page each search ran for
    current = [0]
    real_page, real_search = engine.lay_out_page, engine.place_articles

    def page(issue, setter, number, items, setup=None):  # type: ignore[no-untyped-def]
        current[0] = number
        return real_page(issue, setter, number, items, setup)

    def search(needs, page, tree=None, memo=None):  # type: ignore[no-untyped-def]
        searched.append(current[0])
        return real_search(needs, page, tree, memo)

    monkeypatch.setattr(engine, "lay_out_page", page)
    monkeypatch.setattr(engine, "place_articles", search)
    built(sample, tmp_path / "first", "-j", "1")  # one process: every search is seen here
    assert searched  # a cold build searches every page
    searched.clear()
    built(sample, tmp_path / "again", "-j", "1")
    assert not searched  # nothing changed: every page's placement comes from the cache
    article = sample / "articles" / "youth-football.md"  # on page 3 only, placed automatically
    article.write_text(article.read_text(encoding="utf-8") + "\nНовый абзац в конце статьи.\n", encoding="utf-8")
    built(sample, tmp_path / "edited", "-j", "1")
    assert set(searched) == {3}  # only the page of the edited article is searched again
