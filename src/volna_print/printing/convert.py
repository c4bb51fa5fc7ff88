"""PDF/X-1a colour: rewrite WeasyPrint's PDF so that every colour is DeviceCMYK or DeviceGray and nothing
is transparent.

WeasyPrint writes `device-cmyk()` as DeviceCMYK, but `white`, RGB pictures and PNG alpha stay RGB or soft
masks. Rather than re-distil the file (Ghostscript), the content streams are rewritten in place with
pikepdf: fonts, text and vector geometry stay byte for byte as WeasyPrint wrote them, and only colour
operators, pictures and graphics states change.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, replace
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, PdfImage
from PIL import Image

from ..i18n import _
from .color import Converter, limit_ink, max_ink, with_mask
from .fonts import fix_fonts
from .operators import COLOUR_OPERATORS
from .settings import PrintError

JPEG_QUALITY = 90
# % a re-encoded JPEG keeps under the limit as decoded here: decoders (libjpeg in Ghostscript, a RIP's)
# differ from Pillow's by a level or so per ink.
JPEG_DECODER_SLACK = 2.0
JPEG_ATTEMPTS = 3  # re-encodings with a lower aim before a picture is stored losslessly instead
DEVICE = {
    "/DeviceGray": "gray",
    "/G": "gray",
    "/DeviceRGB": "rgb",
    "/RGB": "rgb",
    "/DeviceCMYK": "cmyk",
    "/CMYK": "cmyk",
    "/CalGray": "gray",
    "/CalRGB": "rgb",
}
BY_COMPONENTS = {1: "gray", 3: "rgb", 4: "cmyk"}
FILL_OPS = {op: kind for op, (paint, kind) in COLOUR_OPERATORS.items() if paint == "fill"}
STROKE_OPS = {op: kind for op, (paint, kind) in COLOUR_OPERATORS.items() if paint == "stroke"}
PDF14_STATE_KEYS = ("/CA", "/ca", "/SMask", "/BM", "/AIS", "/TK")  # transparency: not in PDF 1.3


def drop(obj: Any, *keys: str) -> None:
    """Remove keys from a PDF dictionary (or stream) where present."""
    for key in keys:
        if key in obj:
            del obj[key]


def overprint_name(fill: bool, stroke: bool) -> Name:
    """Return the name of the graphics state that overprints 100 % K fills and/or strokes."""
    return Name(f"/VolnaOP{int(fill)}{int(stroke)}")


def convert_document(pdf: pikepdf.Pdf, converter: Converter) -> None:
    """Convert every page of a WeasyPrint PDF in place to press CMYK with no transparency."""
    done: set[tuple[int, int]] = set()
    overprint = converter.settings.black_overprint
    prepared: dict[tuple[int, int], dict[str, Name]] = {}  # WeasyPrint shares one dictionary by all pages
    for number, page in enumerate(pdf.pages, 1):
        where = _("page {page}").format(page=number)
        resources = page.obj.get("/Resources", Dictionary())
        key = resources.objgen if resources.is_indirect else (-number, 0)
        if key not in prepared:
            prepared[key] = _prepare_resources(pdf, resources, converter, done, where, overprint)
        renames = prepared[key]
        rewriter = _Rewriter(converter, resources, renames, overprint, where, (False, False))
        page.obj.Contents = pdf.make_stream(
            pikepdf.unparse_content_stream(rewriter.rewrite(pikepdf.parse_content_stream(page.obj)))
        )
        for form in rewriter.forms:
            _convert_form(pdf, form, converter, done, overprint, where)
        _drop_group(page.obj)
        drop(page.obj, "/Annots")  # links: PDF/X allows no annotations on the printed area


def _convert_form(
    pdf: pikepdf.Pdf,
    form: pikepdf.Object,
    converter: Converter,
    done: set[tuple[int, int]],
    overprint: bool,
    where: str,
) -> None:
    """Convert a form XObject's content once, however many times it is drawn."""
    if form.objgen in done:
        return
    done.add(form.objgen)
    resources = form.get("/Resources", Dictionary())
    renames = _prepare_resources(pdf, resources, converter, done, where, overprint)
    # A form runs in its caller's graphics state, which differs from call to call: overprint unknown.
    rewriter = _Rewriter(converter, resources, renames, overprint, where, None)
    form.write(pikepdf.unparse_content_stream(rewriter.rewrite(pikepdf.parse_content_stream(form))))
    _drop_group(form)
    for inner in rewriter.forms:
        _convert_form(pdf, inner, converter, done, overprint, where)


def _prepare_resources(
    pdf: pikepdf.Pdf,
    resources: pikepdf.Object,
    converter: Converter,
    done: set[tuple[int, int]],
    where: str,
    overprint: bool,
) -> dict[str, Name]:
    """Convert the pictures and graphics states of a resource dictionary; return the new picture names."""
    for state in resources.get("/ExtGState", Dictionary()).values():
        _solid_state(state, where)
    fix_fonts(pdf, resources, done)
    if overprint:
        states = resources.get("/ExtGState")
        if states is None:
            resources.ExtGState = states = Dictionary()
        for fill in (False, True):
            for stroke in (False, True):
                states[overprint_name(fill, stroke)] = Dictionary(
                    Type=Name.ExtGState, OP=stroke, op=fill, OPM=1
                )
    renames: dict[str, Name] = {}
    xobjects = resources.get("/XObject", Dictionary())
    for name in list(xobjects.keys()):
        image = xobjects[name]
        if image.get("/Subtype") != Name.Image:
            continue
        if image.is_indirect and image.objgen not in done:
            done.add(image.objgen)
            convert_image(image, converter, _("{where}, picture {name}").format(where=where, name=name))
        # WeasyPrint names pictures after the md5 of their absolute path: name them after their content,
        # so the same issue gives the same files wherever its folder lies.
        renames[name] = Name("/Im" + hashlib.sha256(image.read_raw_bytes()).hexdigest()[:12])
    for old, new in renames.items():
        image = xobjects[old]
        del xobjects[old]
        xobjects[new] = image
    drop(resources, "/ColorSpace", "/Pattern", "/Shading")  # every use is rewritten to DeviceCMYK or refused
    return renames


def _solid_state(state: pikepdf.Object, where: str) -> None:
    """Refuse real transparency in a graphics state; drop the PDF 1.4 keys that only say «opaque»."""
    for key in ("/CA", "/ca"):
        if key in state and float(state[key]) < 1:
            raise PrintError(
                _("{where}: the design uses opacity {opacity:g}; PDF/X-1a allows no transparency (remove "
                  "`opacity`/rgba() from the CSS)").format(where=where, opacity=float(state[key]))
            )
    mask = state.get("/SMask")
    if mask is not None and mask != Name("/None"):
        raise PrintError(_("{where}: the design uses a soft mask; PDF/X-1a allows no transparency").format(where=where))
    mode = state.get("/BM")
    if mode is not None and str(mode) not in ("/Normal", "/Compatible"):
        raise PrintError(_("{where}: the design uses blend mode {mode}; PDF/X-1a allows no transparency").format(
            where=where, mode=mode))
    drop(state, *PDF14_STATE_KEYS)


def _drop_group(obj: Any) -> None:
    """Remove a transparency group: with nothing transparent left inside, it only raises the PDF version."""
    group = obj.get("/Group")
    if group is not None and group.get("/S") == Name.Transparency:
        del obj["/Group"]


def convert_image(image: pikepdf.Object, converter: Converter, where: str) -> None:
    """Convert one picture to press CMYK (grey stays grey), flattening any soft mask onto white."""
    if image.get("/ImageMask", False):
        return  # a stencil: painted in the fill colour, which is converted with the content
    space = image.get("/ColorSpace")
    kind = _image_kind(space)
    mask = image.get("/SMask")
    plain = (
        isinstance(space, Name) and kind in ("gray", "cmyk") and int(image.get("/BitsPerComponent", 8)) <= 8
    )
    if plain and mask is None and (kind == "gray" or _within_limit(image, converter, where)):
        return
    try:
        picture = PdfImage(image).as_pil_image()  # type: ignore[arg-type]  # an image XObject is a Stream
    except Exception as exc:  # pikepdf raises several types for what it cannot decode
        raise PrintError(_("{where}: cannot decode the picture to convert it: {error}").format(
            where=where, error=exc)) from exc
    icc = picture.info.get("icc_profile")
    if isinstance(space, Array) and space[0] == Name.ICCBased:
        icc = space[1].read_bytes()
    if kind not in ("gray", "rgb", "cmyk", "indexed"):
        raise PrintError(_("{where}: picture in colour space {space}; deliver it as RGB or CMYK").format(
            where=where, space=kind))
    if mask is not None:
        picture = with_mask(picture, PdfImage(mask).as_pil_image())  # type: ignore[arg-type]  # an image XObject is a Stream
    result = converter.picture(picture, icc if picture.mode in ("RGB", "CMYK") else None)
    _store(image, result, image.get("/Filter") == Name.DCTDecode, converter)


def _within_limit(image: pikepdf.Object, converter: Converter, where: str) -> bool:
    """Return whether a CMYK picture, as delivered, keeps every pixel within the ink limit."""
    try:
        picture = PdfImage(image).as_pil_image()  # type: ignore[arg-type]  # an image XObject is a Stream
    except Exception as exc:  # pikepdf raises several types for what it cannot decode
        raise PrintError(_("{where}: cannot decode the picture to check its ink: {error}").format(
            where=where, error=exc)) from exc
    return max_ink(picture) <= converter.settings.ink_limit


def _image_kind(space: Any) -> str:
    """Name a picture's colour space family: gray, rgb, cmyk, indexed, or the PDF family name."""
    if isinstance(space, Name):
        return DEVICE.get(str(space), str(space))
    if isinstance(space, Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return BY_COMPONENTS.get(int(space[1].get("/N", 0)), family)
        if family == "/Indexed":
            return "indexed"
        return DEVICE.get(family, family)
    return "unknown"


def _store(image: pikepdf.Object, picture: Image.Image, as_jpeg: bool, converter: Converter) -> None:
    """Write a converted picture back into its stream: JPEG stays JPEG where it keeps within the ink limit
    as decoded, anything else is deflated."""
    drop(
        image, "/SMask", "/Mask", "/DecodeParms", "/Decode", "/Interpolate", "/Alternates", "/OPI", "/Intent"
    )
    jpeg = _jpeg_within_limit(picture, converter) if as_jpeg else None
    if jpeg is not None:
        image.write(jpeg, filter=Name.DCTDecode)
        if picture.mode == "CMYK":
            # Pillow writes Adobe-style inverted CMYK; the Decode array turns it back (as WeasyPrint does).
            image.Decode = Array([1, 0] * 4)
    else:
        image.write(zlib.compress(picture.tobytes(), 9), filter=Name.FlateDecode)
    image.Width, image.Height = picture.size
    image.ColorSpace = Name.DeviceCMYK if picture.mode == "CMYK" else Name.DeviceGray
    image.BitsPerComponent = 8


def _jpeg_within_limit(picture: Image.Image, converter: Converter) -> bytes | None:
    """Return the picture as JPEG whose every decoded pixel keeps within the ink limit, or None.

    JPEG's quantisation lifts single pixels of dark areas by several per cent; when the decoded file goes
    over, the picture is held lower by the overshoot and encoded again.
    """
    ceiling = converter.settings.ink_limit - JPEG_DECODER_SLACK
    aim = converter.target
    for _attempt in range(JPEG_ATTEMPTS):
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
        if picture.mode != "CMYK":
            return buffer.getvalue()
        with Image.open(buffer) as decoded:
            peak = max_ink(decoded)
        if peak <= ceiling:
            return buffer.getvalue()
        aim -= peak - ceiling + 0.5
        picture = limit_ink(picture, aim)
    return None


@dataclass
class _State:
    """The colour part of the graphics state, as far as the rewrite needs it."""

    fill_space: str = "gray"
    stroke_space: str = "gray"
    fill_black: bool = False
    stroke_black: bool = False
    overprint: tuple[bool, bool] | None = (False, False)


class _Rewriter:
    """Rewrite one content stream: colours to DeviceCMYK, 100 % K to overprint, pictures renamed."""

    def __init__(
        self,
        converter: Converter,
        resources: pikepdf.Object,
        renames: dict[str, Name],
        overprint: bool,
        where: str,
        initial: tuple[bool, bool] | None,
    ) -> None:
        self.converter, self.resources, self.renames = converter, resources, renames
        self.overprint, self.where = overprint, where
        self.state = _State(overprint=initial)
        self.stack: list[_State] = []
        self.forms: list[pikepdf.Object] = []

    def rewrite(self, instructions: list[Any]) -> list[tuple[list[Any], Operator]]:
        """Return the rewritten instructions."""
        out: list[tuple[list[Any], Operator]] = []
        for index, instruction in enumerate(instructions):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                raise PrintError(_("{where}: inline image; PDF/X conversion handles only image XObjects").format(
                    where=self.where))
            operands, op = list(instruction.operands), str(instruction.operator)
            following = instructions[index + 1] if index + 1 < len(instructions) else None
            self._one(operands, op, following, out)
        return out

    def _one(
        self, operands: list[Any], op: str, following: Any, out: list[tuple[list[Any], Operator]]
    ) -> None:
        """Rewrite one instruction into out."""
        if op == "q":
            self.stack.append(replace(self.state))
        elif op == "Q" and self.stack:
            self.state = self.stack.pop()
        elif op in ("cs", "CS"):
            stroke = op == "CS"
            kind = self._space(operands[0])
            setattr(self.state, "stroke_space" if stroke else "fill_space", kind)
            next_op = (
                str(following.operator) if isinstance(following, pikepdf.ContentStreamInstruction) else ""
            )
            if next_op not in (("SC", "SCN") if stroke else ("sc", "scn")):
                self._colour(stroke, kind, [], out)  # cs alone sets the space's initial colour: black
            return
        elif op in FILL_OPS or op in STROKE_OPS:
            stroke = op in STROKE_OPS
            kind = (STROKE_OPS if stroke else FILL_OPS)[op] or (
                self.state.stroke_space if stroke else self.state.fill_space
            )
            self._colour(stroke, kind, operands, out)
            return
        elif op == "sh":
            raise PrintError(
                _("{where}: the design uses a gradient; PDF/X conversion supports flat colours only").format(
                    where=self.where)
            )
        elif op == "gs":
            state = self.resources.get("/ExtGState", Dictionary()).get(operands[0])
            if (
                state is not None
                and ("/OP" in state or "/op" in state)
                and not str(operands[0]).startswith("/VolnaOP")
            ):
                self.state.overprint = None
        elif op == "Do":
            operands = self._draw(operands)
        out.append((operands, Operator(op)))

    def _space(self, name: Any) -> str:
        """Resolve a colour space operand to gray, rgb or cmyk; refuse the rest."""
        kind = _image_kind(name)
        if kind not in ("gray", "rgb", "cmyk") and isinstance(name, Name):
            named = self.resources.get("/ColorSpace", Dictionary()).get(name)
            kind = _image_kind(named) if named is not None else kind
        if kind == "/Pattern":
            return "pattern"
        if kind not in ("gray", "rgb", "cmyk"):
            raise PrintError(
                _("{where}: colour space {space} is not allowed in PDF/X-1a here (CMYK only, no spot colours); "
                  "use device-cmyk() in the CSS").format(where=self.where, space=kind.lstrip("/"))
            )
        return kind

    def _colour(
        self, stroke: bool, kind: str, operands: list[Any], out: list[tuple[list[Any], Operator]]
    ) -> None:
        """Emit a colour as CMYK (k/K) and switch overprint to match it."""
        if kind == "pattern" or any(isinstance(v, pikepdf.Object) for v in operands):
            raise PrintError(
                _("{where}: the design uses a pattern fill; PDF/X conversion supports flat colours only").format(
                    where=self.where)
            )
        values = [float(v) for v in operands]
        kind = BY_COMPONENTS.get(len(values), kind) if values else kind
        if not values:
            cmyk = (0.0, 0.0, 0.0, 1.0)
        elif kind == "gray":
            cmyk = (0.0, 0.0, 0.0, round(1 - values[0], 4))
        elif kind == "rgb":
            cmyk = self.converter.rgb(*values[:3])
        else:
            cmyk = tuple(round(min(max(v, 0.0), 1.0), 4) for v in values[:4])  # type: ignore[assignment]  # four components, as the CMYK tuple type says
        out.append(([*cmyk], Operator("K" if stroke else "k")))
        black = cmyk == (0.0, 0.0, 0.0, 1.0)
        setattr(self.state, "stroke_black" if stroke else "fill_black", black)
        want = (self.state.fill_black, self.state.stroke_black)
        if self.overprint and self.state.overprint != want:
            out.append(([overprint_name(*want)], Operator("gs")))
            self.state.overprint = want

    def _draw(self, operands: list[Any]) -> list[Any]:
        """Rename a picture; remember a form to convert its own content."""
        name = operands[0]
        if str(name) in self.renames:
            return [self.renames[str(name)]]
        xobject = self.resources.get("/XObject", Dictionary()).get(name)
        if xobject is not None and xobject.get("/Subtype") == Name.Form:
            self.forms.append(xobject)
        return operands
