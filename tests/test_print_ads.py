"""Ads in print: an issue whose ads are dark RGB, CMYK over the limit, grey, transparent and of the wrong
proportions; the marking's strip, contain and cover, the fit findings with figures, pixel-by-pixel ink."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from click.testing import CliRunner
from PIL import Image

from volna_print.layout.frames import AdFrame
from volna_print.layout.grid import frame_rect
from volna_print.manifest.model import Frame
from volna_print.printing.checks import art_area, artwork_fit
from volna_print.printing.color import Converter, max_ink
from volna_print.printing.commands import preflight
from volna_print.printing.preflight import PrintRun, prepare
from volna_print.printing.scan import scan_pdf

from .conftest import MANIFEST, ROOT, have, write_tree

pytestmark = pytest.mark.skipif(
    not (have("gs") and have("pdftoppm")), reason="ghostscript and poppler-utils are installed by make test"
)
MM_PER_PT = 25.4 / 72
PAGE_H = 420
LIMIT = 240


def _save(image: Image.Image, kind: str, **options) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    image.save(buffer, kind, dpi=(300, 300), **options)
    return buffer.getvalue()


def dark_rgb(width: int, height: int, seed: int) -> Image.Image:
    """Return dark, noisy RGB artwork, darkest in a band across the middle (rich black through the profile)."""
    rng = np.random.default_rng(seed)
    data = rng.normal(30, 14, (height, width, 3))
    data[height // 3 : 2 * height // 3] = (5, 0, 15)
    return Image.fromarray(np.clip(data, 0, 255).astype("uint8"), "RGB")


def ad_files() -> dict[str, str | bytes]:
    """Return an issue whose ads are all awkward, and the article the manifest names."""
    cmyk = np.zeros((673, 1254, 4), np.uint8)  # the 2x2 artwork area, 106.1 × 57.0 mm at 300 ppi
    cmyk[..., 3] = 160
    cmyk[100:500, 100:1100] = (230, 200, 190, 200)  # 322 % and no profile
    grey = np.full((293, 598), 40, np.uint8)  # the 1x1 artwork area, dark grey
    alpha = Image.new("RGBA", (598, 673), (0, 0, 0, 0))
    alpha.paste((10, 10, 30, 255), (0, 0, 598, 673))  # a 1x2 area of rich dark RGB, opaque
    alpha.paste((0, 0, 0, 0), (0, 600, 598, 673))  # transparent at the foot
    ads = (
        "ads:\n"
        "  - {id: dark, file: ads/dark.jpg, size: 3x2, page: 3}\n"
        "  - {id: cover, file: ads/cover.jpg, size: 2x2, page: 3, fit: cover}\n"
        "  - {id: cmyk, file: ads/cmyk.jpg, size: 2x2, page: 3, label: На правах рекламы}\n"
        "  - {id: grey, file: ads/grey.png, size: 1x1, page: 4}\n"
        "  - {id: alpha, file: ads/alpha.png, size: 1x2, page: 4}\n"
    )
    return {
        "issue.yaml": MANIFEST.replace("ads: []\n", ads),
        "articles/a.md": "---\nheadline: Заголовок\n---\n" + "Текст статьи для проверки печати. " * 30 + "\n",
        "ads/dark.jpg": _save(dark_rgb(900, 900, 1), "JPEG", quality=92),  # square for a 2.84 : 1 area
        "ads/cover.jpg": _save(dark_rgb(800, 800, 2), "JPEG", quality=92),  # square, fit: cover
        "ads/cmyk.jpg": _save(Image.fromarray(cmyk, "CMYK"), "JPEG", quality=92),
        "ads/grey.png": _save(Image.fromarray(grey, "L"), "PNG"),
        "ads/alpha.png": _save(alpha, "PNG"),
    }


@pytest.fixture(scope="module")
def ad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("ads") / "issue", ad_files())


@pytest.fixture(scope="module")
def ad_run(ad_dir: Path) -> PrintRun:
    return prepare(ad_dir)


def frames(run: PrintRun) -> dict[str, AdFrame]:
    """Return the ads' frames by id."""
    return {f.ad.id: f for p in run.result.layout.pages for f in p.frames if isinstance(f, AdFrame)}


def gs_max_ink(path: Path, resolution: int) -> tuple[float, int]:
    """Return the highest total ink of any pixel of a Ghostscript CMYK raster, and the pixels over 240 %."""
    raster = path.with_suffix(f".{resolution}.tif")
    command = ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dUseBleedBox", "-sDEVICE=tiff32nc"]
    subprocess.run([*command, f"-r{resolution}", f"-sOutputFile={raster}", str(path)], check=True)
    with Image.open(raster) as image:
        total = np.asarray(image.convert("CMYK"), dtype=np.uint16).sum(axis=2) / 2.55
    return float(total.max()), int((total > LIMIT).sum())


def test_the_artwork_really_is_too_heavy(ad_run, ad_dir):
    unlimited = Converter(dataclasses.replace(ad_run.settings, ink_limit=400, ink_margin=0))
    with Image.open(ad_dir / "ads/dark.jpg") as image:
        assert max_ink(unlimited.picture(image.convert("RGB"))) > 280
    with Image.open(ad_dir / "ads/cmyk.jpg") as image:
        assert max_ink(image) > 300


@pytest.mark.parametrize("resolution", [50, 300])
def test_no_pixel_over_the_limit_on_a_ghostscript_raster(ad_run, tmp_path, resolution):
    for name, data in ad_run.pages[2:]:  # the pages with the ads
        (tmp_path / name).write_bytes(data)
        peak, over = gs_max_ink(tmp_path / name, resolution)
        assert over == 0 and peak <= LIMIT, (name, peak, over)
        assert peak > 200  # the dark artwork is there, near the limit, not washed out


def test_preflight_passes_the_ink_and_warns_about_the_cmyk_artwork(ad_run):
    assert not [f for f in ad_run.report.findings if f.check == "ink" and f.level == "error"]
    assert all(p["ink_max_percent"] <= LIMIT for p in ad_run.report.pages)
    (warning,) = [f for f in ad_run.report.findings if f.check == "ink"]
    assert (warning.level, warning.page, warning.subject) == ("warning", 3, "реклама cmyk")
    assert re.search(r"нет профиля, а сумма красок доходит до 3[23]\d % в \d+ пикс\.", warning.message)


def page_image(data: bytes, dpi: int) -> np.ndarray:
    """Return a print page rendered in RGB (PDFium), as an array."""
    document = pypdfium2.PdfDocument(data)
    try:
        return np.asarray(document[0].render(scale=dpi / 72).to_pil().convert("RGB"))
    finally:
        document.close()


def text_in(data: bytes, box_mm: tuple[float, float, float, float]) -> str:
    """Return the text PDFium finds in a box of a print page, given in mm from the top-left corner."""
    left, top, right, bottom = box_mm
    document = pypdfium2.PdfDocument(data)
    try:
        return str(
            document[0]
            .get_textpage()
            .get_text_bounded(
                left=left / MM_PER_PT,
                bottom=(PAGE_H - bottom) / MM_PER_PT,
                right=right / MM_PER_PT,
                top=(PAGE_H - top) / MM_PER_PT,
            )
        )
    finally:
        document.close()


def pixels(image: np.ndarray, box_mm: tuple[float, float, float, float], dpi: int) -> np.ndarray:
    """Return the pixels of a box in mm, shrunk by 0.5 mm so that the frame's rule stays out."""
    left, top, right, bottom = (round((v + d) / 25.4 * dpi) for v, d in zip(box_mm, (0.5, 0.5, -0.5, -0.5), strict=True))
    return image[top:bottom, left:right]


def test_the_marking_has_its_own_strip_and_never_covers_the_artwork(ad_run):
    strip = ad_run.result.issue.paper.ads.label_strip
    assert ad_run.result.issue.paper.ads.label == "top"
    images = {n: page_image(ad_run.pages[n - 1][1], 100) for n in (3, 4)}
    for ident, frame in frames(ad_run).items():
        r = frame.rect
        data = ad_run.pages[frame.page - 1][1]
        strip_box, art_box = (r.x, r.y, r.x + r.w, r.y + strip), (r.x, r.y + strip, r.x + r.w, r.bottom)
        assert frame.label in text_in(data, strip_box), ident
        assert "Реклам" not in text_in(data, art_box), ident
        band = pixels(images[frame.page], strip_box, 100)
        white = (band.min(axis=2) > 235).mean()
        assert 0.75 < white < 1.0, ident  # paper with the label's letters: no artwork in the strip
        art = pixels(images[frame.page], art_box, 100)
        if ident in ("cover", "cmyk", "grey"):  # artwork that fills its area: no paper (no label box) on it
            assert (art.min(axis=2) > 235).mean() < 0.005, ident


def placed(run: PrintRun, ident: str) -> tuple[float, float]:
    """Return the size in mm at which an ad's picture is drawn (before any clip)."""
    frame = frames(run)[ident]
    scan = scan_pdf(run.pages[frame.page - 1][1]).pages[0]
    cx, cy = frame.rect.x + frame.rect.w / 2, frame.rect.y + frame.rect.h / 2
    for p in scan.placements:
        if abs(p.x * MM_PER_PT - cx) < frame.rect.w / 2 and abs(PAGE_H - p.y * MM_PER_PT - cy) < frame.rect.h / 2:
            return p.width_pt * MM_PER_PT, p.height_pt * MM_PER_PT
    raise AssertionError(f"no picture in ad {ident}")


def test_contain_pads_and_cover_crops(ad_run):
    paper = ad_run.result.issue.paper
    ads = frames(ad_run)
    width, height = art_area(paper, ads["dark"].rect)
    assert placed(ad_run, "dark") == pytest.approx((height, height), abs=0.1)  # square, whole, padded
    width, height = art_area(paper, ads["cover"].rect)
    assert placed(ad_run, "cover") == pytest.approx((width, width), abs=0.1)  # square, filling, cut
    assert placed(ad_run, "cmyk") == pytest.approx(art_area(paper, ads["cmyk"].rect), abs=0.1)


def test_fit_findings_say_what_to_cut_and_what_to_order(ad_run):
    paper = ad_run.result.issue.paper
    ads = frames(ad_run)
    found = {f.subject: f for f in ad_run.report.findings if f.check == "ad size"}
    assert set(found) == {"реклама dark", "реклама cover"}  # the others are made for their areas
    width, height = art_area(paper, ads["dark"].rect)
    dark = found["реклама dark"]
    assert dark.level == "warning" and dark.page == 3
    assert dark.message == (
        f"макет — 76,2 × 76,2 мм (1,00 : 1), поле макета в модуле — {ru(width)} × {ru(height)} мм "
        f"({ru(width / height, 2)} : 1): вписанный целиком (fit: contain), он оставляет {ru(width - height)} мм "
        f"пустой бумаги по бокам; закажите макет {ru(width)} × {ru(height)} мм"
    )
    width, height = art_area(paper, ads["cover"].rect)
    assert f"(fit: cover), он теряет {ru(width - height)} мм сверху и снизу" in found["реклама cover"].message


def ru(value: float, digits: int = 1) -> str:
    """Return a number as the Russian messages write it: 76,2."""
    return f"{value:.{digits}f}".replace(".", ",")


def test_a_small_mismatch_is_silent_within_the_tolerance(ad_run, tmp_path):
    settings = ad_run.settings
    area = (50.6, 24.8)
    path = tmp_path / "near.png"  # 50.1 × 24.8 mm: 0.5 mm narrower than the area
    Image.new("L", (round(50.1 / 25.4 * 300), round(24.8 / 25.4 * 300)), 40).save(path, dpi=(300, 300))
    assert artwork_fit(path, area, 3, "ad near", "contain", settings) is None
    strict = dataclasses.replace(settings, ad_size_tolerance=0.2)
    finding = artwork_fit(path, area, 3, "ad near", "contain", strict)
    assert finding is not None and "оставляет 0,5 мм пустой бумаги по бокам" in finding.message


def test_preflight_of_a_file_checks_against_the_page_of_its_booking(ad_dir):
    runner = CliRunner()
    facts = {}
    for page in ("1", "front", "3", None):
        args = [str(ad_dir / "ads/grey.png"), "--size", "5x1", "--json", *(["--page", page] if page else [])]
        result = runner.invoke(preflight, args)
        assert result.exit_code == 0, result.output
        facts[page] = json.loads(result.output)["facts"]
    assert facts["1"] == facts["front"] == {"page": "front", "artwork_area_mm": "272.6 × 20.8"}
    assert facts["3"] == facts[None] == {"page": "inner", "artwork_area_mm": "272.6 × 24.8"}
    bad = runner.invoke(preflight, [str(ad_dir / "ads/grey.png"), "--size", "5x1", "--page", "первая"])
    assert bad.exit_code == 2 and "укажите номер полосы" in bad.output


def test_front_page_module_sizes_in_the_docs_come_from_the_grid(ad_run):
    paper = ad_run.result.issue.paper
    doc = (ROOT / "docs/print.md").read_text(encoding="utf-8")
    widths = [frame_rect(paper, "inner", 2, Frame(1, 1, c, 1)) for c in range(1, paper.grid.columns + 1)]
    assert "| module width | " + " | ".join(f"{r.w:.1f}" for r in widths) + " |" in doc
    assert "| artwork width | " + " | ".join(f"{art_area(paper, r)[0]:.1f}" for r in widths) + " |" in doc
    for rows in range(1, paper.grid.rows + 1):
        front = frame_rect(paper, "front", 1, Frame(1, 1, 1, rows))
        inner = frame_rect(paper, "inner", 2, Frame(1, 1, 1, rows))
        row = (
            f"| {rows} | {front.h:.1f} | {art_area(paper, front)[1]:.1f} | {inner.h:.1f} | "
            f"{art_area(paper, inner)[1]:.1f} |"
        )
        assert row in doc
    assert front.h < inner.h
