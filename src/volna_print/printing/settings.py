"""The printing house's requirements: the `print:` block of layouts/<paper>/paper.yaml, typed and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError, ManifestError
from ..i18n import _
from ..manifest.fields import Fields
from ..manifest.kinds import Mapping
from ..manifest.model import Paper
from ..manifest.schema import PpiKeys, PrintKeys, RuleWeightKeys, TrimKeys, TypeSizeKeys
from ..manifest.source import Doc, Problems, display_path, parse_yaml, read_text

# Ghostscript's generic CMYK output profile (SWOP-like, ICC v2, device class "prtr"); Debian ships it in
# libgs-common, which the ghostscript package pulls in. Printers supply their own (ISOnewspaper26v4).
DEFAULT_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


class PrintError(BuildError):
    """The issue cannot be made print-ready (missing profile, a colour PDF/X-1a forbids…)."""


@dataclass(frozen=True)
class PrintSettings:
    """What the per-page print files and the preflight must meet (the defaults: PrintKeys in manifest/schema.py)."""

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
    output_condition: str
    """OutputConditionIdentifier of the OutputIntent: a registered name (e.g. from the printer) or Custom."""
    rendering_intent: str
    """How RGB pictures map into the press's gamut: perceptual, or relative with black point compensation."""
    bleed: float
    """Bleed in mm around the trim (BleedBox); 0 for coldset newsprint."""
    crop_marks: bool
    """Draw crop marks outside the trim and bleed."""
    safe_margin: float
    """Unprinted edge in mm inside the trim: the preflight warns about ink there."""
    ink_limit: float
    """Highest total ink C+M+Y+K in %: pictures are held under it, the preflight checks every page."""
    ink_margin: float
    """% under ink_limit that converted pictures aim at, so that JPEG noise and other decoders stay under it."""
    ppi_warn: float
    """Effective resolution of a placed picture below which the preflight warns."""
    ppi_error: float
    """Effective resolution below which the preflight reports an error."""
    min_pt_one_ink: float
    """Smallest type set in one ink."""
    min_pt_several_inks: float
    """Smallest type set in several inks or reversed out (misregistration on newsprint)."""
    min_pt_rich_black: float
    """Smallest type set in rich black (100 % K with C, M or Y under it); smaller black type is 100 % K."""
    min_rule_one_ink: float
    """Thinnest rule in one ink."""
    min_rule_several_inks: float
    """Thinnest rule in several inks or reversed out; thinner rules belong in one plate (100 % K)."""
    black_overprint: bool
    """Make 100 % K (text, rules) overprint instead of knocking out what lies under it."""
    ad_share_max: float
    """Highest share of the issue's type area given to ads, in % (38-ФЗ art. 16)."""
    ad_size_tolerance: float
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
    if (doc is None or data is None) and problems:
        raise ManifestError(problems.messages)
    # No block: every key takes its default, read from the same table.
    fields = Fields(doc or Doc(shown, {}, {}), ("print",), {} if data is None else data, problems, PrintKeys)
    settings = _read(fields, paper)
    if problems:
        raise ManifestError(problems.messages)
    return _checked_profile(settings)


def _read(fields: Fields, paper: Paper) -> PrintSettings:
    """Read every key of the block; a missing key keeps its default."""
    keys = PrintKeys
    trim, ppi = _block(fields, keys.trim), _block(fields, keys.image_ppi)
    sizes, rules = _block(fields, keys.min_type_pt), _block(fields, keys.min_rule_pt)
    profile = fields.get(keys.icc_profile)
    settings = PrintSettings(
        trim_width=trim.get(TrimKeys.width) or paper.width, trim_height=trim.get(TrimKeys.height) or paper.height,
        page_width=paper.width, page_height=paper.height,
        bleed=fields.value(keys.bleed), safe_margin=fields.value(keys.safe_margin),
        crop_marks=fields.value(keys.crop_marks), black_overprint=fields.value(keys.black_overprint),
        icc_profile=(paper.folder / profile) if profile else DEFAULT_PROFILE,
        output_condition=fields.value(keys.output_condition), rendering_intent=fields.value(keys.rendering_intent),
        ink_limit=fields.value(keys.ink_limit), ink_margin=fields.value(keys.ink_margin),
        ppi_warn=ppi.value(PpiKeys.warn), ppi_error=ppi.value(PpiKeys.error),
        min_pt_one_ink=sizes.value(TypeSizeKeys.one_ink), min_pt_several_inks=sizes.value(TypeSizeKeys.several_inks),
        min_pt_rich_black=sizes.value(TypeSizeKeys.rich_black),
        min_rule_one_ink=rules.value(RuleWeightKeys.one_ink),
        min_rule_several_inks=rules.value(RuleWeightKeys.several_inks),
        ad_share_max=fields.value(keys.ad_share_max), ad_size_tolerance=fields.value(keys.ad_size_tolerance),
    )
    if settings.ppi_error > settings.ppi_warn:  # the defaults agree, so only values written here can clash
        ppi.error("error", _("must not be above warn ({warn:g})").format(warn=settings.ppi_warn))
    return settings


def _block(fields: Fields, spec: Mapping) -> Fields:
    """Return a nested block's fields; an absent one reads as empty, so that each of its keys takes its default."""
    return fields.get(spec) or Fields(fields.doc, (*fields.key, spec.name), {}, fields.problems, spec.table)


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
