"""Files an editor names: kept inside the issue folder, checked before anything renders."""

from __future__ import annotations

import warnings
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage

from .fields import Fields

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
ART_SUFFIXES = (*IMAGE_SUFFIXES, ".pdf")
# Newspaper artwork is at most A3 at 600 ppi (about 70 Mpx); anything bigger is a mistake or a bomb.
MAX_PIXELS = 80_000_000


def asset_path(root: Path, fields: Fields, name: str, suffixes: tuple[str, ...], required: bool = True) -> Path | None:
    """Resolve a file named in the issue, refusing anything that leaves the issue folder."""
    value = fields.text(name, required)
    if value is None:
        return None
    if "://" in value or value.startswith("//"):
        fields.error(name, f'"{value}" is a web address; copy the file into the issue folder and name it by path')
        return None
    posix = PurePosixPath(value.replace("\\", "/"))
    if posix.is_absolute() or ".." in posix.parts or (len(value) > 1 and value[1] == ":"):
        fields.error(name, f'"{value}" leaves the issue folder; use a path relative to the issue folder')
        return None
    if posix.suffix.lower() not in suffixes:
        fields.error(name, f'"{value}" has an unsupported type; use {", ".join(s.lstrip(".") for s in suffixes)}')
        return None
    path = root / posix
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    if not inside:
        fields.error(name, f'"{value}" is a link that leads out of the issue folder; copy the file in instead')
        return None
    if not path.is_file():
        fields.error(name, f'"{value}": file not found in the issue folder')
        return None
    problem = check_artwork(path) if path.suffix.lower() in ART_SUFFIXES else None
    if problem:
        fields.error(name, f'"{value}": {problem}')
        return None
    return path.resolve()


def check_artwork(path: Path) -> str | None:
    """Return what is wrong with an image or PDF file, or None when it can be placed."""
    if path.suffix.lower() == ".pdf":
        return _check_pdf(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    return f"{image.width}×{image.height} pixels is over the limit of {MAX_PIXELS:,} pixels"
                image.load()  # decodes everything: a truncated file fails here, not inside WeasyPrint
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "the image is far too large (a decompression bomb?); export it at print size"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"not a readable image ({exc}); export it again as JPEG or PNG"
    return None


def _check_pdf(path: Path) -> str | None:
    """Check that a PDF opens and has a first page."""
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            if len(pdf) < 1:
                return "the PDF has no pages"
            width, height = pdf[0].get_size()
            if width <= 0 or height <= 0:
                return "the PDF's first page has no size"
        finally:
            pdf.close()
    except Exception as exc:  # pypdfium2 raises its own PdfiumError and others on broken files
        return f"not a readable PDF ({exc}); export it again as PDF/X or JPEG"
    return None
