"""The words of the preflight's new findings, in one place so that they can be translated together.

Each template is formatted with str.format; `say("ink.picture", …)` returns the message.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # ink, pixel by pixel
    "ink.picture": (
        "picture {name} ({pixels} px): total ink up to {peak:.0f} % in {count} of its pixels, "
        "over the limit of {limit:g} %{note}"
    ),
    "ink.picture.raster": (
        "picture {name} ({pixels} px): total ink up to {peak:.0f} % at {count} pixels of the {ppi} ppi "
        "raster, over the limit of {limit:g} %{note}"
    ),
    "ink.raster": (
        "total ink up to {peak:.0f} % at {count} pixels of the {ppi} ppi raster (outside pictures), "
        "over the limit of {limit:g} %{note}"
    ),
    "ink.ad.reduced": (
        "the CMYK artwork has no profile and up to {peak:.0f} % total ink in {count} pixels, over the "
        "limit of {limit:g} %: it is held at {target:g} % at build (grey moved into black); ask for artwork "
        "made for {limit:g} %"
    ),
    # artwork against the area its module leaves it (module less the marking's strip and the rule)
    "fit.contain": (
        "the artwork is {made} ({ratio}), the module's artwork area {width:.1f} × {height:.1f} mm "
        "({area_ratio}): fitted whole (fit: contain) it leaves {spare:.1f} mm of paper {sides}; "
        "order artwork of {width:.1f} × {height:.1f} mm"
    ),
    "fit.cover": (
        "the artwork is {made} ({ratio}), the module's artwork area {width:.1f} × {height:.1f} mm "
        "({area_ratio}): filling the area (fit: cover) it loses {spare:.1f} mm {sides}; "
        "order artwork of {width:.1f} × {height:.1f} mm"
    ),
    "fit.scaled": (
        "the artwork is {made}, the module's artwork area {width:.1f} × {height:.1f} mm: same proportions, "
        "scaled by {scale:.0%}"
    ),
    # furniture
    "placeholder": "{key} is a placeholder, «{value}», printed in the {where}: put the paper's own value there",
}


def say(message: str, **values: Any) -> str:
    """Return the message of a finding, filled in."""
    return MESSAGES[message].format(**values)
