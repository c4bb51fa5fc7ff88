"""Total ink on the press, measured the way a printing house does: on a CMYK raster made by Ghostscript."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from ..i18n import _
from .settings import PrintError

RESOLUTION = 100  # ppi of Ghostscript's raster; every pixel of it counts (no averaging)
PT_PER_INCH = 72
PT_PER_PIXEL = PT_PER_INCH / RESOLUTION


@dataclass(frozen=True)
class PageInk:
    """The ink of one page, within its bleed box, pixel by pixel."""

    max_total: float  # % (C+M+Y+K), the highest pixel
    where: tuple[float, float]  # pt on the page (PDF axes) of the heaviest pixel
    coverage: tuple[float, float, float, float]  # mean C, M, Y, K over the page, 0–1 (as -sDEVICE=ink_cov)
    edge_ink: tuple[float, float] | None  # pt of ink found inside the unprinted edge, if any
    origin: tuple[float, float] = (0.0, 0.0)  # pt of the raster's lower-left corner
    total: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.uint16), repr=False, compare=False)
    # total ink of every raster pixel in 8-bit steps (0–1020), rows from the top

    def over(self, limit: float, box: tuple[float, float, float, float] | None = None) -> tuple[int, float]:
        """Return how many pixels (within a box in pt, x0 y0 x1 y1, or the whole page) exceed limit %, and
        the highest total ink there in %."""
        area = self.total
        if box is not None:
            left, top, right, bottom = self._pixels(box)
            area = area[top:bottom, left:right]
        if not area.size:
            return 0, 0.0
        return int((area > limit * 2.55).sum()), round(float(area.max()) / 2.55, 1)

    def _pixels(self, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """Return a box in pt as raster columns and rows: left, top, right, bottom (clipped)."""
        height, width = self.total.shape
        x0, y0, x1, y1 = box
        left = int(np.floor((min(x0, x1) - self.origin[0]) / PT_PER_PIXEL))
        right = int(np.ceil((max(x0, x1) - self.origin[0]) / PT_PER_PIXEL))
        top = height - int(np.ceil((max(y0, y1) - self.origin[1]) / PT_PER_PIXEL))
        bottom = height - int(np.floor((min(y0, y1) - self.origin[1]) / PT_PER_PIXEL))
        return max(left, 0), max(top, 0), min(right, width), min(bottom, height)

    def heaviest_outside(
        self, limit: float, boxes: list[tuple[float, float, float, float]]
    ) -> tuple[int, float, tuple[float, float]]:
        """Return the pixels over limit % outside the boxes (pictures): count, highest % and where (pt)."""
        hot = self.total > limit * 2.55
        for box in boxes:
            left, top, right, bottom = self._pixels(box)
            hot[top:bottom, left:right] = False
        if not hot.any():
            return 0, 0.0, (0.0, 0.0)
        masked = np.where(hot, self.total, 0)
        row, column = np.unravel_index(int(masked.argmax()), masked.shape)
        peak = round(float(masked[row, column]) / 2.55, 1)
        return int(hot.sum()), peak, _to_pt(float(column), float(row), self.total.shape[0], self.origin)


def ghostscript() -> str:
    """Return the Ghostscript command, or fail with what to install."""
    found = shutil.which("gs")
    if not found:
        raise PrintError(_("Ghostscript (gs) is needed to measure ink: apt-get install ghostscript"))
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
            raise PrintError(_("Ghostscript could not rasterise the pages: {error}").format(
                error=done.stderr.strip()[:400]))
        return [_measure(path, origin, safe_pt) for path, origin in zip(rasters, origins, strict=True)]


def _measure(path: Path, origin: tuple[float, float], safe_pt: float) -> PageInk:
    """Measure one CMYK raster."""
    with Image.open(path) as image:
        data = np.asarray(image.convert("CMYK"), dtype=np.uint16)
    total = data.sum(axis=2)
    row, column = np.unravel_index(int(total.argmax()), total.shape)
    mean = data.reshape(-1, 4).mean(axis=0) / 255
    return PageInk(
        max_total=round(float(total[row, column]) / 2.55, 1),
        where=_to_pt(float(column), float(row), total.shape[0], origin),
        coverage=(float(mean[0]), float(mean[1]), float(mean[2]), float(mean[3])),
        edge_ink=_edge(total, safe_pt, origin),
        origin=origin,
        total=total,
    )


def _to_pt(column: float, row: float, height: int, origin: tuple[float, float]) -> tuple[float, float]:
    """Map a raster pixel to pt on the page (raster rows run down, PDF y runs up)."""
    return origin[0] + (column + 0.5) * PT_PER_PIXEL, origin[1] + (height - row - 0.5) * PT_PER_PIXEL


def _edge(total: np.ndarray, safe_pt: float, origin: tuple[float, float]) -> tuple[float, float] | None:
    """Return where ink lies within safe_pt of the page's edge, if anywhere."""
    band = round(safe_pt / PT_PER_PIXEL)
    if band <= 0:
        return None
    inked = total > 0
    inked[band:-band, band:-band] = False
    rows, columns = np.nonzero(inked)
    return _to_pt(columns[0], rows[0], total.shape[0], origin) if rows.size else None
