"""Fonts PDF 1.3 can carry: WeasyPrint embeds CFF-flavoured OpenType as FontFile3/OpenType, a PDF 1.6 feature
that PDF/X-1a forbids. The CFF table inside is re-embedded as a bare CFF program (CIDFontType0C), made
CID-keyed with CID = glyph index, so Identity-H text draws the same glyphs."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from fontTools.cffLib import FDArrayIndex, FDSelect, FontDict
from fontTools.ttLib import TTFont
from pikepdf import Dictionary, Name

from ..i18n import _
from .settings import PrintError


def fix_fonts(pdf: pikepdf.Pdf, resources: pikepdf.Object, done: set[tuple[int, int]]) -> None:
    """Rewrite every OpenType font program of a resource dictionary into a PDF 1.3 one."""
    for font in resources.get("/Font", Dictionary()).values():
        if font.is_indirect and font.objgen in done:
            continue
        if font.is_indirect:
            done.add(font.objgen)
        target = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = target.get("/FontDescriptor")
        program = descriptor.get("/FontFile3") if descriptor is not None else None
        if descriptor is None or program is None or program.get("/Subtype") != Name.OpenType:
            continue
        _rewrite(pdf, descriptor, program, target, str(font.get("/BaseFont", "")))


def _rewrite(
    pdf: pikepdf.Pdf, descriptor: pikepdf.Object, program: pikepdf.Object, target: pikepdf.Object, name: str
) -> None:
    """Replace one FontFile3/OpenType program by a bare CFF or a TrueType program."""
    font = TTFont(io.BytesIO(program.read_bytes()))
    if "glyf" in font:  # TrueType outlines: the whole font is a FontFile2 program
        descriptor.FontFile2 = pdf.make_stream(program.read_bytes())
        del descriptor["/FontFile3"]
        return
    if "CFF " not in font:
        raise PrintError(
            _("font {name}: an OpenType font without CFF or TrueType outlines cannot go into PDF 1.3").format(
                name=name)
        )
    cid = target.get("/Subtype") == Name.CIDFontType0
    program.write(_cid_keyed(font) if cid else font.reader["CFF "])
    program.Subtype = Name.CIDFontType0C if cid else Name.Type1C
    if "/CIDToGIDMap" in target:  # only CIDFontType2 may carry one
        del target["/CIDToGIDMap"]


def _cid_keyed(font: Any) -> bytes:
    """Return the font's CFF program made CID-keyed (Adobe-Identity-0) with CID n = glyph n."""
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        order = list(top.charset)
        names = [".notdef"] + [f"cid{gid:05d}" for gid in range(1, len(order))]
        charstrings = top.CharStrings
        charstrings.charStrings = {
            new: charstrings.charStrings[old] for old, new in zip(order, names, strict=True)
        }
        top.charset = names
        top.ROS = ("Adobe", "Identity", 0)
        top.CIDCount = len(names)
        # No FontMatrix in the font dict: renderers multiply it with the top dict's, and the glyphs vanish.
        private = FontDict(strings=cff.strings)
        private.FontName = cff.fontNames[0]
        private.Private = top.Private
        array = FDArrayIndex()
        array.strings = cff.strings
        array.append(private)
        select = FDSelect(format=3, numGlyphs=len(names))
        select.gidArray = [0] * len(names)
        top.FDArray = charstrings.fdArray = array
        top.FDSelect = charstrings.fdSelect = select
        del top.rawDict["Private"]
        del top.Private
        if hasattr(top, "Encoding"):
            del top.Encoding
    buffer = io.BytesIO()
    cff.compile(buffer, font)
    return buffer.getvalue()
