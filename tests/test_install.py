"""A plain (non-editable) install builds an issue from outside the checkout: designs and fonts ship inside."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel from a copy of the tracked files (no build artefacts of the checkout)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True).stdout
    source.mkdir()
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    # the working tree's own files win over HEAD's, so that the test checks what is being changed
    for name in ("pyproject.toml", "src", "layouts", "fonts"):
        target = source / name
        if target.is_dir():
            shutil.rmtree(target)
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, target)
    for cache in source.rglob("__pycache__"):
        shutil.rmtree(cache)
    out = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(out)],
                   check=True, capture_output=True)
    (found,) = out.glob("volna_print-*.whl")
    return found


def test_the_wheel_carries_the_design_and_the_fonts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "volna_print/_data/layouts/volna/paper.yaml" in names
    assert "volna_print/_data/layouts/volna/templates/flow.html" in names
    assert any(n.startswith("volna_print/_data/fonts/pt/PTSerif") for n in names)
    assert "volna_print/preview/static/preview.js" in names
    assert "volna_print/locale/ru/LC_MESSAGES/volna_print.mo" in names  # Russian, the default, is no fallback


def test_an_installed_volna_print_builds_the_sample_from_another_folder(wheel, tmp_path, monkeypatch):
    monkeypatch.delenv("PYTHONPATH", raising=False)  # the installed package only, never a source tree
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # the dependencies come from the test's own environment; the project itself only from the wheel
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    issue = tmp_path / "elsewhere" / "issue"
    shutil.copytree(SAMPLE, issue)
    located = subprocess.run([str(python), "-c", "import volna_print, volna_print.resources as r; "
                              "print(volna_print.__file__); print(r.layouts_dir()); print(r.fonts_dir())"],
                             cwd=tmp_path, check=True, capture_output=True, text=True).stdout.split()
    assert all(str(ROOT) not in path for path in located), located  # nothing is read from the checkout
    result = subprocess.run([str(venv / "bin" / "volna-print"), "build", str(issue), "-o", str(tmp_path / "out")],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "volna-2025-07-30-n31.pdf").stat().st_size > 100_000
    assert "полоса  1 front" in result.stdout  # the catalog came with the wheel
    english = subprocess.run([str(venv / "bin" / "volna-print"), "--lang", "en", "--help"], cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout
    assert english.startswith("Usage: volna-print [OPTIONS]")
