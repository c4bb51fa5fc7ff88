"""Read a PDF as a preflight sees it: pictures and their effective ppi, colours, text sizes, fonts, boxes."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
from pikepdf import Dictionary, Name

from ..i18n import _
from ..units import PT_PER_INCH
from .operators import COLOUR_OPERATORS, DEVICE_SPACES, MARKS_TAG

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
SPACE_NAMES = {"/G": "DeviceGray", "/RGB": "DeviceRGB", "/CMYK": "DeviceCMYK"}
COLOUR_OPS = {op: DEVICE_SPACES[kind] for op, (_, kind) in COLOUR_OPERATORS.items() if kind}
SHOW_OPS = ("Tj", "TJ", "'", '"')
PATH_OPS = ("m", "l", "c", "v", "y", "h", "re")
PAINT_OPS = {"S": "stroke", "s": "stroke", "f": "fill", "F": "fill", "f*": "fill", "B": "both", "B*": "both",
             "b": "both", "b*": "both", "n": ""}
RULE_MAX_PT = 3.0  # a filled shape thinner than this (and 3 times as long) is a rule


@dataclass
class Placement:
    """A picture drawn on a page; position and size in pt on the page."""

    name: str
    width_px: int
    height_px: int
    space: str
    soft_mask: bool
    x: float
    y: float
    width_pt: float
    height_pt: float
    ink_levels: np.ndarray | None = field(default=None, repr=False, compare=False)
    # how many of the picture's own pixels have each total ink (8-bit steps 0–1020); CMYK pictures only

    def ink_over(self, limit: float) -> tuple[int, float]:
        """Return how many of the picture's pixels exceed limit % total ink, and its highest total ink in %."""
        if self.ink_levels is None or not self.ink_levels.any():
            return 0, 0.0
        first = int(np.floor(limit * 2.55)) + 1
        return int(self.ink_levels[first:].sum()), round(int(np.nonzero(self.ink_levels)[0][-1]) / 2.55, 1)

    def box(self) -> tuple[float, float, float, float]:
        """Return the rectangle the picture covers on the page (pt): x0, y0, x1, y1."""
        half_w, half_h = self.width_pt / 2, self.height_pt / 2
        return self.x - half_w, self.y - half_h, self.x + half_w, self.y + half_h

    @property
    def ppi(self) -> float:
        """Return the effective resolution: pixels per inch as printed, the lower of the two axes."""
        if self.width_pt <= 0 or self.height_pt <= 0:
            return 0.0
        return min(self.width_px / (self.width_pt / PT_PER_INCH), self.height_px / (self.height_pt / PT_PER_INCH))


@dataclass
class TextRun:
    """One text-showing operator: effective size, fill colour, where it starts, whether it overprints."""

    size: float
    space: str
    colour: tuple[float, ...]
    x: float
    y: float
    overprint: bool


@dataclass
class Rule:
    """A thin line drawn on a page: a stroke, or a filled bar (WeasyPrint draws borders as filled shapes)."""

    width: float  # pt: the line weight (a bar's thinner side)
    length: float  # pt
    space: str
    colour: tuple[float, ...]
    x: float
    y: float
    overprint: bool
    stroked: bool


@dataclass
class FontInfo:
    """A font a page uses."""

    name: str
    kind: str
    embedded: bool
    program: str = ""  # FontFile2, FontFile3/CIDFontType0C, FontFile3/OpenType…


@dataclass
class PageScan:
    """What one page holds."""

    number: int
    media: tuple[float, ...]
    trim: tuple[float, ...] | None
    bleed: tuple[float, ...] | None
    placements: list[Placement] = field(default_factory=list)
    text: list[TextRun] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    spaces: set[str] = field(default_factory=set)
    transparency: list[str] = field(default_factory=list)
    fonts: dict[str, FontInfo] = field(default_factory=dict)
    oddities: list[str] = field(default_factory=list)
    vector_ink: float = 0.0  # the highest C+M+Y+K of a flat colour the content sets, %
    picture_ink: dict[tuple[int, int], np.ndarray | None] = field(default_factory=dict, repr=False)


@dataclass
class DocumentScan:
    """A whole PDF as the preflight reads it."""

    version: str
    encrypted: bool
    pdfx_version: str | None
    output_intents: list[dict[str, Any]]
    pages: list[PageScan]


def scan_pdf(source: bytes | Path) -> DocumentScan:
    """Read a PDF file or its bytes."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.get("/Info", Dictionary())
        version = info.get("/GTS_PDFXVersion")
        intents = [_intent(item) for item in pdf.Root.get("/OutputIntents", [])]
        pages = [_scan_page(number, page) for number, page in enumerate(pdf.pages, 1)]
        return DocumentScan(
            version=pdf.pdf_version,
            encrypted=pdf.is_encrypted,
            pdfx_version=str(version) if version is not None else None,
            output_intents=intents,
            pages=pages,
        )


def _intent(item: pikepdf.Object) -> dict[str, Any]:
    """Describe an OutputIntent."""
    profile = item.get("/DestOutputProfile")
    return {
        "subtype": str(item.get("/S", "")),
        "condition": str(item.get("/OutputConditionIdentifier", "")),
        "info": str(item.get("/Info", "")),
        "profile_components": int(profile.get("/N", 0)) if profile is not None else 0,
    }


def _box(page: pikepdf.Object, key: str) -> tuple[float, ...] | None:
    """Return a page box as floats, or None when the page has none."""
    box = page.get(key)
    return tuple(float(v) for v in box) if box is not None else None


def _scan_page(number: int, page: pikepdf.Page) -> PageScan:
    """Walk one page's content, forms included."""
    obj = page.obj
    result = PageScan(
        number=number,
        media=_box(obj, "/MediaBox") or (0, 0, 0, 0),
        trim=_box(obj, "/TrimBox"),
        bleed=_box(obj, "/BleedBox"),
    )
    group = obj.get("/Group")
    if group is not None and group.get("/S") == Name.Transparency:
        result.transparency.append(_("the page is a transparency group"))
    _Walker(result, obj.get("/Resources", Dictionary()), IDENTITY).walk(pikepdf.parse_content_stream(obj))
    return result


def mul(m: Matrix, n: Matrix) -> Matrix:
    """Return the product m × n of two PDF matrices (apply m, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """Map a point through a matrix."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass
class _GState:
    """The parts of the graphics state a preflight needs."""

    ctm: Matrix = IDENTITY
    space: str = "DeviceGray"
    colour: tuple[float, ...] = (0.0,)
    overprint: bool = False  # fill (op)
    stroke_space: str = "DeviceGray"
    stroke_colour: tuple[float, ...] = (0.0,)
    stroke_overprint: bool = False  # OP
    line_width: float = 1.0


class _Walker:
    """Interpret a content stream far enough to place pictures and text."""

    def __init__(self, page: PageScan, resources: pikepdf.Object, ctm: Matrix) -> None:
        self.page, self.resources = page, resources
        self.state = _GState(ctm=ctm)
        self.stack: list[_GState] = []
        self.text_matrix, self.line_matrix = IDENTITY, IDENTITY
        self.font_size, self.leading, self.render_mode = 0.0, 0.0, 0
        self.marked: list[str] = []  # open marked-content tags
        self.path: list[list[tuple[float, float]]] = []  # subpaths, in page space
        self._fonts()

    def walk(self, instructions: list[Any]) -> None:
        """Interpret every instruction."""
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.page.oddities.append(_("inline image"))
                continue
            self._one([_value(v) for v in instruction.operands], str(instruction.operator))

    def _one(self, ops: list[Any], op: str) -> None:
        """Interpret one instruction."""
        if op == "q":
            self.stack.append(replace(self.state))
        elif op == "Q" and self.stack:
            self.state = self.stack.pop()
        elif op == "cm":
            self.state.ctm = mul(tuple(ops), self.state.ctm)
        elif op in COLOUR_OPS:
            self.page.spaces.add(COLOUR_OPS[op])
            self._ink(COLOUR_OPS[op], ops)
            if op.islower():
                self.state.space, self.state.colour = COLOUR_OPS[op], tuple(ops)
            else:
                self.state.stroke_space, self.state.stroke_colour = COLOUR_OPS[op], tuple(ops)
        elif op in ("cs", "CS"):
            space = self._space_name(ops[0])
            self.page.spaces.add(space)
            if op == "cs":
                self.state.space = space
            else:
                self.state.stroke_space = space
        elif op in ("sc", "scn", "SC", "SCN"):
            values = [v for v in ops if isinstance(v, float)]
            self._ink("DeviceCMYK" if len(values) == 4 else "", values)
            if op.islower():
                self.state.colour = tuple(values)
            else:
                self.state.stroke_colour = tuple(values)
        elif op == "w":
            self.state.line_width = float(ops[0])
        elif op in PATH_OPS:
            self._path(ops, op)
        elif op in PAINT_OPS:
            self._paint(PAINT_OPS[op])
        elif op == "gs":
            self._graphics_state(ops[0])
        elif op == "sh":
            self.page.oddities.append(_("smooth shading (gradient)"))
        elif op == "Do":
            self._draw(ops[0])
        elif op in ("BMC", "BDC", "EMC"):
            self.marked = self.marked[:-1] if op == "EMC" else [*self.marked, str(ops[0])]
        else:
            self._text(ops, op)

    def _ink(self, space: str, values: list[Any]) -> None:
        """Keep the highest total ink of the CMYK colours set."""
        if space == "DeviceCMYK" and len(values) == 4 and f"/{MARKS_TAG}" not in self.marked:
            self.page.vector_ink = max(self.page.vector_ink, round(sum(float(v) for v in values) * 100, 1))

    def _path(self, ops: list[Any], op: str) -> None:
        """Collect the points of the path being built, in page space (curves by their end points)."""
        ctm = self.state.ctm
        if op == "re":
            x, y, w, h = (float(v) for v in ops)
            self.path.append([apply(ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))])
        elif op == "m" or not self.path:
            self.path.append([apply(ctm, float(ops[-2]), float(ops[-1]))] if ops else [])
        elif op != "h":
            self.path[-1].append(apply(ctm, float(ops[-2]), float(ops[-1])))

    def _paint(self, how: str) -> None:
        """Record a painted path that is a rule: a thin stroke, or a thin filled bar or frame."""
        path, self.path = [p for p in self.path if p], []
        if not how or not path or f"/{MARKS_TAG}" in self.marked:
            return
        xs, ys = [x for sub in path for x, _ in sub], [y for sub in path for _, y in sub]
        extent = max(max(xs) - min(xs), max(ys) - min(ys))
        centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        if how in ("stroke", "both"):
            ctm = self.state.ctm
            width = self.state.line_width * math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))
            state = self.state
            self.page.rules.append(
                Rule(width, extent, state.stroke_space, state.stroke_colour, *centre, state.stroke_overprint, True)
            )
        if how in ("fill", "both"):
            bar = _bar_width(path)
            if bar is not None and bar < RULE_MAX_PT and extent >= 3 * bar:
                state = self.state
                self.page.rules.append(Rule(bar, extent, state.space, state.colour, *centre, state.overprint, False))

    def _text(self, ops: list[Any], op: str) -> None:
        """Follow the text state and record every text-showing operator."""
        if op == "BT":
            self.text_matrix = self.line_matrix = IDENTITY
        elif op == "Tf":
            self.font_size = float(ops[1])
        elif op == "TL":
            self.leading = float(ops[0])
        elif op == "Tr":
            self.render_mode = int(ops[0])
        elif op == "Tm":
            self.text_matrix = self.line_matrix = tuple(ops)
        elif op in ("Td", "TD"):
            if op == "TD":
                self.leading = -float(ops[1])
            self.text_matrix = self.line_matrix = mul((1, 0, 0, 1, ops[0], ops[1]), self.line_matrix)
        elif op == "T*" or op in ("'", '"'):
            self.text_matrix = self.line_matrix = mul((1, 0, 0, 1, 0, -self.leading), self.line_matrix)
        if op in SHOW_OPS and self.render_mode != 3:  # mode 3 is invisible text (e.g. OCR layers)
            matrix = mul(self.text_matrix, self.state.ctm)
            x, y = apply(matrix, 0, 0)
            size = abs(self.font_size) * math.hypot(matrix[2], matrix[3])
            self.page.text.append(
                TextRun(
                    size=size,
                    space=self.state.space,
                    colour=self.state.colour,
                    x=x,
                    y=y,
                    overprint=self.state.overprint,
                )
            )

    def _space_name(self, name: Any) -> str:
        """Name a colour space operand, resolving named resources."""
        text = str(name)
        if text in SPACE_NAMES:
            return SPACE_NAMES[text]
        if text in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
            return text[1:]
        named = self.resources.get("/ColorSpace", Dictionary()).get(text)
        return space_family(named) if named is not None else text.lstrip("/")

    def _graphics_state(self, name: Any) -> None:
        """Apply the overprint part of an ExtGState; note transparency."""
        state = self.resources.get("/ExtGState", Dictionary()).get(str(name))
        if state is None:
            return
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                self.page.transparency.append(_("opacity {value:g}").format(value=float(state[key])))
        mask = state.get("/SMask")
        if mask is not None and mask != Name("/None"):
            self.page.transparency.append(_("soft mask in a graphics state"))
        if "/OP" in state:
            self.state.stroke_overprint = bool(state.get("/OP"))
        if "/op" in state or "/OP" in state:  # op defaults to OP (PDF 1.7, 8.6.7)
            self.state.overprint = bool(state.get("/op", state.get("/OP")))

    def _draw(self, name: Any) -> None:
        """Record a picture, or walk into a form."""
        xobject = self.resources.get("/XObject", Dictionary()).get(str(name))
        if xobject is None:
            self.page.oddities.append(_("missing XObject {name}").format(name=name))
            return
        if xobject.get("/Subtype") == Name.Image:
            self._picture(str(name), xobject)
        elif xobject.get("/Subtype") == Name.Form:
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            group = xobject.get("/Group")
            if group is not None and group.get("/S") == Name.Transparency:
                self.page.transparency.append(_("transparency group"))
            inner = _Walker(self.page, xobject.get("/Resources", self.resources), mul(matrix, self.state.ctm))  # type: ignore[arg-type]  # a resource dictionary read from the PDF is an Object, pikepdf's stub wants Dictionary
            inner.walk(pikepdf.parse_content_stream(xobject))

    def _picture(self, name: str, image: pikepdf.Object) -> None:
        """Record where a picture lies and how big it is printed."""
        ctm = self.state.ctm
        x, y = apply(ctm, 0.5, 0.5)
        mask = image.get("/SMask") is not None
        if mask:
            self.page.transparency.append(_("picture {name} has a soft mask (alpha)").format(name=name))
        space = "stencil mask" if image.get("/ImageMask", False) else space_family(image.get("/ColorSpace"))
        if space != "stencil mask":
            self.page.spaces.add(space)
        self.page.placements.append(
            Placement(
                name=name,
                width_px=int(image.Width),
                height_px=int(image.Height),
                space=space,
                soft_mask=mask,
                x=x,
                y=y,
                width_pt=math.hypot(ctm[0], ctm[1]),
                height_pt=math.hypot(ctm[2], ctm[3]),
                ink_levels=self._ink_levels(image, space),
            )
        )

    def _ink_levels(self, image: pikepdf.Object, space: str) -> np.ndarray | None:
        """Return the histogram of a CMYK picture's total ink per pixel (decoded once per picture)."""
        if space not in ("DeviceCMYK", "ICCBased CMYK"):
            return None
        key = image.objgen
        if key not in self.page.picture_ink or key == (0, 0):
            try:
                decoded = pikepdf.PdfImage(image).as_pil_image()  # type: ignore[arg-type]  # an image XObject is a Stream
            except Exception:  # a picture pikepdf cannot decode: Ghostscript's raster still measures it
                self.page.picture_ink[key] = None
            else:
                total = np.asarray(decoded.convert("CMYK"), dtype=np.uint16).sum(axis=2)
                self.page.picture_ink[key] = np.bincount(total.ravel(), minlength=1021)
        return self.page.picture_ink[key]

    def _fonts(self) -> None:
        """Record the fonts of the resources."""
        for name, font in self.resources.get("/Font", Dictionary()).items():
            info = font_info(font)
            self.page.fonts.setdefault(info.name or name, info)


def _bar_width(path: list[list[tuple[float, float]]]) -> float | None:
    """Return the thickness of a filled axis-aligned bar, or of a frame of two nested rectangles (a border
    filled even-odd); None for any other shape."""
    boxes = []
    for sub in path:
        xs, ys = sorted({round(x, 3) for x, _ in sub}), sorted({round(y, 3) for _, y in sub})
        if len(xs) > 2 or len(ys) > 2:
            return None
        boxes.append((xs[0], ys[0], xs[-1], ys[-1]))
    if len(boxes) == 1:
        x0, y0, x1, y1 = boxes[0]
        return min(x1 - x0, y1 - y0)
    if len(boxes) == 2:
        (a0, b0, a1, b1), (c0, d0, c1, d1) = sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        if not (c0 <= a0 and d0 <= b0 and a1 <= c1 and b1 <= d1):
            return None
        gaps = [g for g in (c1 - a1, a0 - c0, d1 - b1, b0 - d0) if g > 0.01]  # a side without a border
        return min(gaps) if gaps else None
    return None


def _value(operand: Any) -> Any:
    """Return a content-stream operand as a Python float where it is a number."""
    if isinstance(operand, bool):
        return operand
    if isinstance(operand, int | float) or type(operand).__name__ == "Decimal":
        return float(operand)
    return operand


def space_family(space: Any) -> str:
    """Name a colour space object: DeviceCMYK, ICCBased RGB, Separation, Lab…"""
    if space is None:
        return "none"
    if isinstance(space, Name):
        return SPACE_NAMES.get(str(space), str(space).lstrip("/"))
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0]).lstrip("/")
        if family == "ICCBased":
            return {1: "ICCBased Gray", 3: "ICCBased RGB", 4: "ICCBased CMYK"}.get(
                int(space[1].get("/N", 0)), family
            )
        if family == "Indexed":
            return f"Indexed {space_family(space[1])}"
        return family
    return str(space)


def font_info(font: pikepdf.Object) -> FontInfo:
    """Describe a font and whether its program is embedded."""
    kind = str(font.get("/Subtype", "")).lstrip("/")
    name = str(font.get("/BaseFont", "")).lstrip("/")
    if kind == "Type3":
        return FontInfo(name=name or "Type3", kind=kind, embedded=True)
    descriptor = font.get("/FontDescriptor")
    if kind == "Type0" and "/DescendantFonts" in font:
        descendant = font.DescendantFonts[0]
        kind = str(descendant.get("/Subtype", kind)).lstrip("/")
        descriptor = descendant.get("/FontDescriptor")
    files = [
        k for k in ("/FontFile", "/FontFile2", "/FontFile3") if descriptor is not None and k in descriptor
    ]
    program = files[0].lstrip("/") if files else ""
    if program == "FontFile3" and descriptor is not None:
        program += str(descriptor.FontFile3.get("/Subtype", ""))
    return FontInfo(name=name, kind=kind, embedded=bool(files), program=program)
