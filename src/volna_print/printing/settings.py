"""The printing house's requirements: the `print:` block of layouts/<paper>/paper.yaml, typed and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BuildError, ManifestError
from ..i18n import _
from ..manifest.fields import MISSING, Fields, describe
from ..manifest.model import Paper
from ..manifest.source import Problems, display_path, parse_yaml, read_text

# Ghostscript's generic CMYK output profile (SWOP-like, ICC v2, device class "prtr"); Debian ships it in
# libgs-common, which the ghostscript package pulls in. Printers supply their own (ISOnewspaper26v4).
DEFAULT_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
PRINT_KEYS = (
    "trim",
    "bleed",
    "crop_marks",
    "safe_margin",
    "icc_profile",
    "output_condition",
    "rendering_intent",
    "ink_limit",
    "ink_margin",
    "image_ppi",
    "min_type_pt",
    "min_rule_pt",
    "black_overprint",
    "ad_share_max",
    "ad_size_tolerance",
)
INTENTS = ("perceptual", "relative")


class PrintError(BuildError):
    """The issue cannot be made print-ready (missing profile, a colour PDF/X-1a forbids…)."""


@dataclass(frozen=True)
class PrintSettings:
    """What the per-page print files and the preflight must meet."""

    trim_width: float
    """Width of the printed page in mm (default: the design's page)."""
    trim_height: float
    """Height of the printed page in mm; a trim unlike the design scales the page uniformly to fit."""
    page_width: float
    """Width of the design's page in mm (from paper.yaml `page`)."""
    page_height: float
    """Height of the design's page in mm."""
    icc_profile: Path
    """The printer's CMYK output profile: embedded as the OutputIntent, used to convert RGB pictures."""
    output_condition: str = "Custom"
    """OutputConditionIdentifier of the OutputIntent: a registered name (e.g. from the printer) or Custom."""
    rendering_intent: str = "perceptual"
    """How RGB pictures map into the press's gamut: perceptual, or relative with black point compensation."""
    bleed: float = 0.0
    """Bleed in mm around the trim (BleedBox); 0 for coldset newsprint."""
    crop_marks: bool = False
    """Draw crop marks outside the trim and bleed."""
    safe_margin: float = 0.0
    """Unprinted edge in mm inside the trim: the preflight warns about ink there."""
    ink_limit: float = 240.0
    """Highest total ink C+M+Y+K in %: pictures are held under it, the preflight checks every page."""
    ink_margin: float = 5.0
    """% under ink_limit that converted pictures aim at, so that JPEG noise and other decoders stay under it."""
    ppi_warn: float = 200.0
    """Effective resolution of a placed picture below which the preflight warns."""
    ppi_error: float = 120.0
    """Effective resolution below which the preflight reports an error."""
    min_pt_one_ink: float = 5.0
    """Smallest type set in one ink."""
    min_pt_several_inks: float = 10.0
    """Smallest type set in several inks or reversed out (misregistration on newsprint)."""
    min_pt_rich_black: float = 18.0
    """Smallest type set in rich black (100 % K with C, M or Y under it); smaller black type is 100 % K."""
    min_rule_one_ink: float = 0.5
    """Thinnest rule in one ink."""
    min_rule_several_inks: float = 1.5
    """Thinnest rule in several inks or reversed out; thinner rules belong in one plate (100 % K)."""
    black_overprint: bool = True
    """Make 100 % K (text, rules) overprint instead of knocking out what lies under it."""
    ad_share_max: float = 40.0
    """Highest share of the issue's type area given to ads, in % (38-ФЗ art. 16)."""
    ad_size_tolerance: float = 1.0
    """mm an ad's artwork may differ from its area (in size, or left over by its proportions) unreported."""

    @property
    def scale(self) -> float:
        """Return the factor that fits the design's page into the trim."""
        return min(self.trim_width / self.page_width, self.trim_height / self.page_height)


def load_print_settings(paper: Paper) -> PrintSettings:
    """Read the `print:` block of the paper's settings; report every problem at once (ManifestError)."""
    path = paper.folder / "paper.yaml"
    problems = Problems()
    shown = display_path(path)
    text = read_text(path, shown, problems)
    doc = parse_yaml(text, shown, problems) if text is not None else None
    data = doc.data.get("print") if doc is not None and isinstance(doc.data, dict) else None
    if doc is None or data is None:
        if problems:
            raise ManifestError(problems.messages)
        return _checked_profile(_defaults(paper))
    fields = Fields(doc, ("print",), data, problems, PRINT_KEYS)
    settings = _read(fields, paper)
    if problems:
        raise ManifestError(problems.messages)
    return _checked_profile(settings)


def _defaults(paper: Paper, **values: Any) -> PrintSettings:
    """Return the settings of a paper with no `print:` block (or with some keys given)."""
    base: dict[str, Any] = {
        "trim_width": paper.width,
        "trim_height": paper.height,
        "icc_profile": DEFAULT_PROFILE,
    }
    base.update({k: v for k, v in values.items() if v is not None})
    return PrintSettings(page_width=paper.width, page_height=paper.height, **base)


def _read(fields: Fields, paper: Paper) -> PrintSettings:
    """Read every key of the block; a missing key keeps its default."""
    trim = fields.sub("trim", ("width", "height"))
    ppi = fields.sub("image_ppi", ("warn", "error"))
    sizes = fields.sub("min_type_pt", ("one_ink", "several_inks", "rich_black"))
    rules = fields.sub("min_rule_pt", ("one_ink", "several_inks"))
    profile = fields.text("icc_profile")
    values: dict[str, Any] = {
        "trim_width": _number(trim, "width", 50, 2000),
        "trim_height": _number(trim, "height", 50, 2000),
        "bleed": _number(fields, "bleed", 0, 20),
        "safe_margin": _number(fields, "safe_margin", 0, 50),
        "crop_marks": _flag(fields, "crop_marks"),
        "black_overprint": _flag(fields, "black_overprint"),
        "icc_profile": (paper.folder / profile) if profile else None,
        "output_condition": fields.text("output_condition"),
        "rendering_intent": fields.choice("rendering_intent", INTENTS),
        "ink_limit": _number(fields, "ink_limit", 100, 400),
        "ink_margin": _number(fields, "ink_margin", 0, 20),
        "ppi_warn": _number(ppi, "warn", 1, 2400),
        "ppi_error": _number(ppi, "error", 1, 2400),
        "min_pt_one_ink": _number(sizes, "one_ink", 1, 72),
        "min_pt_several_inks": _number(sizes, "several_inks", 1, 72),
        "min_pt_rich_black": _number(sizes, "rich_black", 1, 200),
        "min_rule_one_ink": _number(rules, "one_ink", 0.05, 10),
        "min_rule_several_inks": _number(rules, "several_inks", 0.05, 10),
        "ad_share_max": _number(fields, "ad_share_max", 0, 100),
        "ad_size_tolerance": _number(fields, "ad_size_tolerance", 0, 50),
    }
    settings = _defaults(paper, **values)
    if ppi is not None and settings.ppi_error > settings.ppi_warn:
        ppi.error("error", _("must not be above warn ({warn:g})").format(warn=settings.ppi_warn))
    return settings


def _number(fields: Fields | None, name: str, low: float, high: float) -> float | None:
    """Return a number within bounds, or None when absent or wrong (the problem is reported)."""
    if fields is None:
        return None
    value = fields.raw(name, False)
    if value is MISSING:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        fields.error(name, _("expected a number, got {value}").format(value=describe(value)))
        return None
    if not low <= value <= high:
        fields.error(name, _("{value} is out of range {low:g}–{high:g}").format(value=value, low=low, high=high))
        return None
    return float(value)


def _flag(fields: Fields, name: str) -> bool | None:
    """Return a yes/no value, or None when absent or wrong."""
    value = fields.raw(name, False)
    if value is MISSING:
        return None
    if not isinstance(value, bool):
        fields.error(name, _("expected true or false, got {value}").format(value=describe(value)))
        return None
    return value


def _checked_profile(settings: PrintSettings) -> PrintSettings:
    """Fail early, and clearly, when the output profile is missing or not a CMYK printer profile."""
    from PIL import ImageCms

    path = settings.icc_profile
    if not path.is_file():
        hint = _(" (install ghostscript, which brings libgs-common)") if path == DEFAULT_PROFILE else ""
        raise PrintError(_("print: ICC profile not found: {file}{hint}").format(file=path, hint=hint))
    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        raise PrintError(_("print: {file} is not a readable ICC profile: {error}").format(file=path, error=exc)) from exc
    if profile.xcolor_space.strip() != "CMYK" or profile.device_class != "prtr":
        raise PrintError(_("print: {file} is not a CMYK output (printer) profile: PDF/X-1a needs one").format(
            file=path))
    return settings
