"""Page images of the built PDF, re-rasterised only for pages whose PDF content changed."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2
from PIL import Image

THUMB_PX = 360  # page plan: ~180 CSS px wide, sharp on a 2× screen
# Large view: A3 at ~274 ppi. At 100 % (the page's own size, 297 mm ≈ 1123 CSS px) that is sharp on screens up
# to 2.8 device pixels per CSS pixel, and at 200 % up to 1.4; fitted to the window it is sharp on any screen.
LARGE_PX = 3200
PAGES_DIR = "pages"
NAME_RE = re.compile(rb"/((?:[^\s/\[\]<>(){}%#]|#[0-9A-Fa-f]{2})+)")
SUBSET_TAG_RE = re.compile(r"^/?[A-Z]{6}\+")
RESOURCE_KINDS = ("/XObject", "/Font", "/ExtGState", "/Pattern", "/Shading", "/ColorSpace", "/Properties")


@dataclass(frozen=True)
class PageImage:
    """One page's images, named by the digest of what draws the page."""

    number: int
    digest: str
    thumb: str  # path relative to the output folder
    large: str
    width_px: int
    height_px: int
    pdf: str = ""  # the page alone as a PDF, relative to the output folder

    @property
    def files(self) -> tuple[str, ...]:
        """Return the files of the page, relative to the output folder."""
        return tuple(name for name in (self.thumb, self.large, self.pdf) if name)


def page_digests(pdf_path: Path) -> list[str]:
    """Return one digest per page of everything that draws it: its boxes, content and the resources it names."""
    with pikepdf.open(pdf_path) as pdf:
        memo: dict[tuple[int, int], bytes] = {}
        return [_page_digest(page.obj, memo) for page in pdf.pages]


def _page_digest(page: pikepdf.Dictionary, memo: dict[tuple[int, int], bytes]) -> str:
    """Return the digest of one page."""
    digest = hashlib.sha256()
    for box in ("/MediaBox", "/CropBox", "/TrimBox"):
        digest.update(f"{box}={_box(page.get(box))};".encode())
    digest.update(f"/Rotate={int(page.get('/Rotate', 0))};".encode())
    contents = page.get("/Contents")
    streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents or [])
    data = b"\n".join(stream.read_bytes() for stream in streams)
    digest.update(_content_digest(data, page.get("/Resources"), memo, 0))
    return digest.hexdigest()[:20]


def _content_digest(data: bytes, resources: Any, memo: dict[tuple[int, int], bytes], depth: int) -> bytes:
    """Digest a content stream and, by name, only the resources it uses.

    WeasyPrint gives every page one shared resource dictionary, so hashing a page's /Resources whole would tie
    each page to every image of the issue.
    """
    digest = hashlib.sha256(data)
    if resources is None or depth > 8:
        return digest.digest()
    for raw in sorted(set(NAME_RE.findall(data))):
        name = "/" + re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1")
        for kind in RESOURCE_KINDS:
            group = resources.get(kind)
            if group is not None and name in group:
                digest.update(f"{kind}{name}=".encode() + _object_digest(group[name], memo, depth))
    return digest.digest()


def _object_digest(obj: Any, memo: dict[tuple[int, int], bytes], depth: int) -> bytes:
    """Digest one resource, following forms and patterns into the resources they use in turn."""
    key = obj.objgen if isinstance(obj, pikepdf.Object) and obj.is_indirect else None
    if key is not None and key in memo:
        return memo[key]
    if key is not None:
        memo[key] = b"cycle"  # a resource that (wrongly) refers back to itself ends here
    if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
        # Fonts are subset per document, so their programs change whenever any page gains a glyph; glyph ids are
        # kept (HarfBuzz RETAIN_GIDS), so the face's name is what identifies how this page's glyphs look.
        result = hashlib.sha256(SUBSET_TAG_RE.sub("", str(obj.get("/BaseFont", ""))).encode()).digest()
    elif isinstance(obj, pikepdf.Stream):
        head = {k: v for k, v in obj.stream_dict.items() if k not in ("/Resources", "/Length")}
        resources = obj.stream_dict.get("/Resources")
        body = _content_digest(obj.read_bytes(), resources, memo, depth + 1) if resources is not None \
            else hashlib.sha256(obj.read_raw_bytes()).digest()
        result = hashlib.sha256(_inline(head, memo, depth).encode() + body).digest()
    else:
        result = hashlib.sha256(_inline(obj, memo, depth).encode()).digest()
    if key is not None:
        memo[key] = result
    return result


def _inline(obj: Any, memo: dict[tuple[int, int], bytes], depth: int) -> str:
    """Return a canonical text of a PDF value; streams and indirect objects by their digest."""
    if isinstance(obj, dict | pikepdf.Dictionary):
        return "<<" + ",".join(f"{k}:{_value(obj[k], memo, depth)}" for k in sorted(obj.keys())) + ">>"
    if isinstance(obj, pikepdf.Array):
        return "[" + ",".join(_value(item, memo, depth) for item in obj) + "]"
    return repr(obj)


def _value(obj: Any, memo: dict[tuple[int, int], bytes], depth: int) -> str:
    """Return the text of a value inside a dictionary or array."""
    if isinstance(obj, pikepdf.Stream) or (isinstance(obj, pikepdf.Object) and obj.is_indirect):
        return _object_digest(obj, memo, depth + 1).hex()
    return _inline(obj, memo, depth)


def _box(value: Any) -> str:
    """Return a page box as text."""
    return repr([float(v) for v in value]) if value is not None else "-"


def rasterise(pdf_path: Path, out_dir: Path, previous: dict[str, PageImage],
              on_page: Callable[[list[PageImage]], None] = lambda images: None) -> tuple[list[PageImage], int]:
    """Return the images of every page, drawing only pages whose digest is new; also how many were drawn.

    on_page is called with the images so far after each page, so that the first build can show them one by one.
    """
    digests = page_digests(pdf_path)
    images: list[PageImage] = []
    drawn = 0
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    try:
        with pikepdf.open(pdf_path) as whole:
            for index, digest in enumerate(digests):
                known = previous.get(digest)
                if known is not None and all((out_dir / name).is_file() for name in known.files):
                    images.append(PageImage(index + 1, digest, known.thumb, known.large, known.width_px,
                                            known.height_px, known.pdf))
                    continue
                image = _draw(pdf[index], index + 1, digest, out_dir)
                images.append(PageImage(index + 1, digest, image.thumb, image.large, image.width_px,
                                        image.height_px, _split(whole, index, digest, out_dir)))
                drawn += 1
                on_page(list(images))
    finally:
        pdf.close()
    return images, drawn


def _draw(page: Any, number: int, digest: str, out_dir: Path) -> PageImage:
    """Rasterise one page at both sizes and write the PNGs under out_dir/pages."""
    folder = out_dir / PAGES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    size = (0, 0)
    for label, width in (("thumb", THUMB_PX), ("large", LARGE_PX)):
        crop = _trim_crop(page)
        bitmap = page.render(scale=width / (page.get_width() - crop[0] - crop[2]), crop=crop)
        image: Image.Image = bitmap.to_pil()
        name = f"{PAGES_DIR}/{digest}-{label}.png"
        buffer = io.BytesIO()
        image.save(buffer, "PNG", compress_level=1)  # lossless; level 1 takes half the time of the default
        _write(out_dir / name, buffer.getvalue())
        names[label] = name
        size = image.size
    return PageImage(number, digest, names["thumb"], names["large"], *size)


def _split(pdf: pikepdf.Pdf, index: int, digest: str, out_dir: Path) -> str:
    """Write one page of the build's PDF as a PDF of its own (only the resources it uses); return its name."""
    out = pikepdf.new()
    out.pages.append(pdf.pages[index])
    out.remove_unreferenced_resources()
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    name = f"{PAGES_DIR}/{digest}-page.pdf"
    _write(out_dir / name, buffer.getvalue())
    return name


def _write(path: Path, data: bytes) -> None:
    """Write a file under a temporary name and rename it: readers see the whole file or none."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _trim_crop(page: Any) -> tuple[float, float, float, float]:
    """Return how much to crop from each side so that the image shows the trimmed page, as the reader holds it."""
    media = page.get_mediabox()
    trim = page.get_trimbox()
    return (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])


def prune(out_dir: Path, keep: set[str]) -> None:
    """Delete page images that no kept snapshot refers to."""
    folder = out_dir / PAGES_DIR
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if f"{PAGES_DIR}/{path.name}" not in keep:
            path.unlink(missing_ok=True)
