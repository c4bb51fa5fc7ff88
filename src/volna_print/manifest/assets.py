"""Files an editor names: kept inside the issue folder, checked before anything renders."""

from __future__ import annotations

import errno
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage
from PIL import ImageFile

from ..i18n import _, os_reason, thousands
from ..units import MM_PER_PT, PT_PER_INCH
from .fields import Fields
from .kinds import File
from .source import quote

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
ART_SUFFIXES = (*IMAGE_SUFFIXES, ".pdf")
# Newspaper artwork is at most A3 at 600 ppi (about 70 Mpx); anything bigger is a mistake or a bomb.
MAX_PIXELS = 80_000_000
# Only these decoders may touch an editor's file: Pillow would otherwise also open EPS (through Ghostscript),
# PSD, TIFF and a dozen more by their content, whatever the file is called.
IMAGE_FORMATS = ("JPEG", "PNG")  # JPEG covers the MPO files phones make
PDF_PPI = 300  # PDF artwork is rasterised at this resolution (layout/frames.py)
MAX_PATH = 1024  # longer than any path an issue needs, and than some systems allow
PDF_TAIL = 1024  # a complete PDF ends with %%EOF within its last kilobyte


def asset_path(root: Path, fields: Fields, spec: File) -> Path | None:
    """Resolve a file named in the issue, refusing anything that leaves the issue folder."""
    value, name = fields.get(spec), spec.name
    if value is None:
        return None
    problem = _path_problem(value, spec.suffixes)
    if problem:
        fields.error(name, _("{path} {problem}").format(path=quote(value), problem=problem))
        return None
    path = root / PurePosixPath(value.replace("\\", "/"))
    problem = _file_problem(root, path, quote(value))
    if problem:
        fields.error(name, problem)
        return None
    return path.resolve()


def _path_problem(value: str, suffixes: tuple[str, ...]) -> str | None:
    """Return what is wrong with a path as written, before the disk is asked."""
    if "://" in value or value.startswith("//"):
        return _("is a web address; copy the file into the issue folder and name it by path")
    if any(not c.isprintable() for c in value):
        return _("contains an invisible control character; retype the file name")
    if len(value) > MAX_PATH or any(len(part.encode()) > 255 for part in value.replace("\\", "/").split("/")):
        return _("is too long for a file name; give the file a short name")
    posix = PurePosixPath(value.replace("\\", "/"))
    if posix.is_absolute() or ".." in posix.parts or (len(value) > 1 and value[1] == ":") or value.startswith("~"):
        return _("leaves the issue folder; use a path relative to the issue folder")
    if posix.suffix.lower() not in suffixes:
        return _("has an unsupported type; use {types}").format(types=", ".join(s.lstrip(".") for s in suffixes))
    return None


def _file_problem(root: Path, path: Path, shown: str) -> str | None:
    """Return what is wrong with the file a path names (it must be inside root), the path shown as written."""
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (RuntimeError, OSError) as exc:  # Python 3.11 reports a symlink loop as RuntimeError, later ones as ELOOP
        if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
            return _("{path} is a link that leads round in a circle; put the file itself there").format(path=shown)
        return _("{path}: cannot read the file: {reason}").format(path=shown, reason=os_reason(exc))
    if not inside:
        return _("{path} is a link that leads out of the issue folder; copy the file in instead").format(path=shown)
    if path.is_dir():
        return _("{path}: this is a folder, not a file").format(path=shown)
    if not path.is_file():
        found = same_name(root, path.name)
        if found:
            return _('{path}: file not found in the issue folder; did you mean "{found}"?').format(path=shown,
                                                                                                  found=found)
        return _("{path}: file not found in the issue folder").format(path=shown)
    problem = check_artwork(path) if path.suffix.lower() in ART_SUFFIXES else None
    return _("{path}: {problem}").format(path=shown, problem=problem) if problem else None


def same_name(root: Path, name: str, limit: int = 5000) -> str | None:
    """Return the path, relative to root, of a file named so (case aside) elsewhere in the issue, if one is."""
    seen = 0
    for folder, dirs, files in os.walk(root):  # links to folders are not followed
        dirs.sort()
        for file in sorted(files):
            if file.lower() == name.lower():
                return (Path(folder) / file).relative_to(root).as_posix()
        seen += len(files)
        if seen > limit:  # an issue has a few hundred files; do not crawl a mistaken folder
            return None
    return None


@contextmanager
def strict_decoding() -> Iterator[None]:
    """Make Pillow fail on a cut-off image for the block: importing WeasyPrint switches that off process-wide.

    Only the handling of truncated files changes, and no truncated file is ever passed on to WeasyPrint,
    so a render running meanwhile in another thread is not affected.
    """
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def check_artwork(path: Path) -> str | None:
    """Return what is wrong with an image or PDF file, or None when it can be placed."""
    if path.suffix.lower() == ".pdf":
        return _check_pdf(path)
    try:
        with warnings.catch_warnings(), strict_decoding():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path, formats=IMAGE_FORMATS) as image:
                if image.width * image.height > MAX_PIXELS:
                    return _("{width}×{height} pixels is over the limit of {limit} pixels; export it at print size "
                             "(300 ppi)").format(width=image.width, height=image.height,
                                                 limit=thousands(MAX_PIXELS))
                image.load()  # decodes everything: a truncated file fails here, not inside WeasyPrint
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return _("the image is far too large (a decompression bomb?); export it at print size")
    except PILImage.UnidentifiedImageError:
        return _("not a JPEG or PNG image (empty, damaged, or another format renamed); export it again as JPEG or PNG")
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:
        if "truncated" in str(exc):
            return _("the image is cut off (an interrupted copy or download?); copy or export it again")
        return _("not a readable image ({error}); export it again as JPEG or PNG").format(error=exc)
    return None


def _check_pdf(path: Path) -> str | None:
    """Check that a PDF is complete, opens, and has a first page of a sane size."""
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, path.stat().st_size - PDF_TAIL))
            tail = handle.read()
    except OSError as exc:
        return _("cannot read the file: {reason}").format(reason=os_reason(exc))
    if head != b"%PDF-":
        return _("not a PDF file; export the artwork again as PDF or JPEG")
    if b"%%EOF" not in tail:
        return _("the PDF is truncated (it does not end with %%EOF); copy or export it again")
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            if len(pdf) < 1:
                return _("the PDF has no pages")
            return _pdf_page_problem(*pdf[0].get_size())
        finally:
            pdf.close()
    except Exception as exc:  # noqa: BLE001 - pypdfium2 raises PdfiumError and others on broken files
        return _("not a readable PDF ({error}); export it again as PDF/X or JPEG").format(error=exc)


def _pdf_page_problem(width_pt: float, height_pt: float) -> str | None:
    """Return what is wrong with the size of a PDF's first page, in points."""
    if width_pt <= 0 or height_pt <= 0:
        return _("the PDF's first page has no size")
    pixels = (width_pt / PT_PER_INCH * PDF_PPI) * (height_pt / PT_PER_INCH * PDF_PPI)
    if pixels > MAX_PIXELS:
        mm = MM_PER_PT
        return _("the PDF's page is {width:.0f}×{height:.0f} mm, far larger than a newspaper page; export the ad at "
                 "its print size").format(width=width_pt * mm, height=height_pt * mm)
    return None
