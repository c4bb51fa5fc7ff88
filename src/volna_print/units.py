"""Units, each conversion defined once (as WeasyPrint keeps them in css/units.py)."""

from __future__ import annotations

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
PX_PER_INCH = 96.0  # CSS pixels: WeasyPrint reports positions in them
MM_PER_PT = MM_PER_INCH / PT_PER_INCH
PT_PER_MM = PT_PER_INCH / MM_PER_INCH
PX_PER_MM = PX_PER_INCH / MM_PER_INCH
