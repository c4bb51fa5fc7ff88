"""Total ink on the press, measured the way a printing house does: on a CMYK raster made by Ghostscript."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageMath, ImageStat

from .settings import PrintError

RESOLUTION = 100  # ppi of Ghostscript's raster
CELL = 4  # pixels averaged each way: ink is judged on ≈ 1 mm patches, as press preflights do, so that
# single JPEG pixels do not count; vector colours are checked exactly from the content (scan.py)
PT_PER_INCH = 72


@dataclass(frozen=True)
class PageInk:
    """The ink of one page, within its bleed box."""

    max_total: float  # % (C+M+Y+K), the highest pixel
    where: tuple[float, float]  # pt on the page (PDF axes) of the heaviest area
    coverage: tuple[float, float, float, float]  # mean C, M, Y, K over the page, 0–1 (as -sDEVICE=ink_cov)
    edge_ink: tuple[float, float] | None  # pt of ink found inside the unprinted edge, if any


def ghostscript() -> str:
    """Return the Ghostscript command, or fail with what to install."""
    found = shutil.which("gs")
    if not found:
        raise PrintError("Ghostscript (gs) is needed to measure ink: apt-get install ghostscript")
    return found


def measure_ink(files: list[Path], origins: list[tuple[float, float]], safe_pt: float = 0.0) -> list[PageInk]:
    """Rasterise every page of the files in CMYK and measure its ink.

    origins are the lower-left corners of the pages' bleed boxes (one per page, in order), which Ghostscript
    renders (-dUseBleedBox), so that crop marks outside the bleed do not count.
    """
    with tempfile.TemporaryDirectory(prefix="volna-ink-") as tmp:
        pattern = Path(tmp) / "page-%04d.tif"
        command = [
            ghostscript(),
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-dUseBleedBox",
            "-sDEVICE=tiff32nc",
            f"-r{RESOLUTION}",
            f"-sOutputFile={pattern}",
            *[str(f) for f in files],
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        rasters = sorted(Path(tmp).glob("page-*.tif"))
        if done.returncode != 0 or len(rasters) != len(origins):
            raise PrintError(f"Ghostscript could not rasterise the pages: {done.stderr.strip()[:400]}")
        return [_measure(path, origin, safe_pt) for path, origin in zip(rasters, origins, strict=True)]


def _measure(path: Path, origin: tuple[float, float], safe_pt: float) -> PageInk:
    """Measure one CMYK raster."""
    with Image.open(path) as image:
        image.load()
        raster = image.convert("CMYK").reduce(CELL)
    c, m, y, k = (band.convert("F") for band in raster.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    top = total.getextrema()[1]
    heaviest = ImageMath.lambda_eval(lambda a: (a["t"] >= top - 0.5) * 255, t=total).convert("L").getbbox()
    x, row = (heaviest[0], heaviest[1]) if heaviest else (0, 0)
    mean_c, mean_m, mean_y, mean_k = (v / 255 for v in ImageStat.Stat(raster).mean)
    return PageInk(
        max_total=round(top / 255 * 100, 1),
        where=_to_pt(x, row, raster.height, origin),
        coverage=(mean_c, mean_m, mean_y, mean_k),
        edge_ink=_edge(total, safe_pt, origin),
    )


def _to_pt(x: float, row: float, height: int, origin: tuple[float, float]) -> tuple[float, float]:
    """Map a raster pixel to pt on the page (raster rows run down, PDF y runs up)."""
    scale = PT_PER_INCH / RESOLUTION * CELL
    return origin[0] + (x + 0.5) * scale, origin[1] + (height - row - 0.5) * scale


def _edge(total: Image.Image, safe_pt: float, origin: tuple[float, float]) -> tuple[float, float] | None:
    """Return where ink lies within safe_pt of the page's edge, if anywhere."""
    band = round(safe_pt / PT_PER_INCH * RESOLUTION / CELL)
    if band <= 0:
        return None
    inked = ImageMath.lambda_eval(lambda a: (a["t"] > 0) * 255, t=total).convert("L")
    w, h = inked.size
    inner = Image.new("L", (max(w - 2 * band, 0), max(h - 2 * band, 0)), 0)
    inked.paste(inner, (band, band))
    box = inked.getbbox()
    return _to_pt(box[0], box[1], h, origin) if box else None
