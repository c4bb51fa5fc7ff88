"""The words of the preflight's longer findings, kept together by subject.

Each template is an English message id, translated by the catalog when said, then filled in with
str.format; `say("ink.picture", …)` returns the message in the active language.
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _

MESSAGES: dict[str, str] = {
    # ink, pixel by pixel
    "ink.picture": N_(
        "picture {name} ({pixels} px): total ink up to {peak:.0f} % in {count} of its pixels, "
        "over the limit of {limit:g} %{note}"
    ),
    "ink.picture.raster": N_(
        "picture {name} ({pixels} px): total ink up to {peak:.0f} % at {count} pixels of the {ppi} ppi "
        "raster, over the limit of {limit:g} %{note}"
    ),
    "ink.raster": N_(
        "total ink up to {peak:.0f} % at {count} pixels of the {ppi} ppi raster (outside pictures), "
        "over the limit of {limit:g} %{note}"
    ),
    "ink.ad.reduced": N_(
        "the CMYK artwork has no profile and up to {peak:.0f} % total ink in {count} pixels, over the "
        "limit of {limit:g} %: it is held at {target:g} % at build (grey moved into black); ask for artwork "
        "made for {limit:g} %"
    ),
    # artwork against the area its module leaves it (module less the marking's strip and the rule)
    "fit.contain": N_(
        "the artwork is {made} ({ratio}), the module's artwork area {width:.1f} × {height:.1f} mm "
        "({area_ratio}): fitted whole (fit: contain) it leaves {spare:.1f} mm of paper {sides}; "
        "order artwork of {width:.1f} × {height:.1f} mm"
    ),
    "fit.cover": N_(
        "the artwork is {made} ({ratio}), the module's artwork area {width:.1f} × {height:.1f} mm "
        "({area_ratio}): filling the area (fit: cover) it loses {spare:.1f} mm {sides}; "
        "order artwork of {width:.1f} × {height:.1f} mm"
    ),
    "fit.scaled": N_(
        "the artwork is {made}, the module's artwork area {width:.1f} × {height:.1f} mm: same proportions, "
        "scaled by {scale:.0f}%"
    ),
    # furniture
    "placeholder": N_("{key} is a placeholder, «{value}», printed {where}: put the paper's own value there"),
}


def say(message: str, **values: Any) -> str:
    """Return the message of a finding, filled in."""
    return _(MESSAGES[message]).format(**values)
