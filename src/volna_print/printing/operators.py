"""The PDF content operators the print stage reads and rewrites, each table written once."""

from __future__ import annotations

MARKS_TAG = "VolnaCropMarks"  # marked-content tag around the crop marks pdfx.py draws: not the page's ink
# Colour-setting operators: the paint they set (fill or stroke) and the device space they name (None: the
# current colour space, set by cs/CS).
COLOUR_OPERATORS: dict[str, tuple[str, str | None]] = {
    "g": ("fill", "gray"), "rg": ("fill", "rgb"), "k": ("fill", "cmyk"), "sc": ("fill", None), "scn": ("fill", None),
    "G": ("stroke", "gray"), "RG": ("stroke", "rgb"), "K": ("stroke", "cmyk"), "SC": ("stroke", None),
    "SCN": ("stroke", None),
}
DEVICE_SPACES = {"gray": "DeviceGray", "rgb": "DeviceRGB", "cmyk": "DeviceCMYK"}
