"""Checks of PDF pages: PDF/X structure, colours, transparency, fonts, picture resolution, ink, small type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..i18n import _, ngettext
from ..units import MM_PER_PT
from .findings import Finding
from .ink import RESOLUTION, PageInk
from .messages import say
from .scan import DocumentScan, PageScan, Placement, Rule, TextRun
from .settings import PrintSettings

Locate = Callable[[int, float, float], str]  # (page, x pt, y pt) → «article …», «ad …», «masthead»…
PRESS_SPACES = {"DeviceCMYK", "DeviceGray"}
INK_TOLERANCE = 0.5  # % over the limit still passed: the raster's rounding


def check_pdfx(scan: DocumentScan, page: int | None, subject: str = "") -> list[Finding]:
    """Check that a file is what PDF/X-1a:2001 requires of its structure."""
    found = []

    def error(message: str) -> None:
        found.append(Finding("error", "pdfx", message, page, subject))

    if scan.version > "1.4":
        error(_("PDF version {version}; PDF/X-1a needs 1.3 or 1.4").format(version=scan.version))
    if scan.encrypted:
        error(_("the file is encrypted; printing houses take no passwords"))
    if not (scan.pdfx_version or "").startswith("PDF/X-1"):
        error(_("GTS_PDFXVersion is {version}").format(version=scan.pdfx_version or _("missing")))
    intents = [i for i in scan.output_intents if i["subtype"] == "/GTS_PDFX"]
    if len(intents) != 1 or intents[0]["profile_components"] != 4:
        error(_("needs one GTS_PDFX OutputIntent with an embedded CMYK profile"))
    for item in scan.pages:
        if item.trim is None or item.bleed is None:
            error(_("every page needs a TrimBox and a BleedBox"))
        elif not _inside(item.trim, item.bleed) or not _inside(item.bleed, item.media):
            error(_("boxes must nest: TrimBox inside BleedBox inside MediaBox"))
    return found


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    """Return whether one box lies inside another (to a hundredth of a point)."""
    return all(inner[i] >= outer[i] - 0.01 for i in (0, 1)) and all(
        inner[i] <= outer[i] + 0.01 for i in (2, 3)
    )


def check_page(
    number: int, page: PageScan, ink: PageInk | None, settings: PrintSettings, locate: Locate, for_press: bool
) -> tuple[list[Finding], dict[str, Any]]:
    """Check one page; return the findings and the facts the report lists for it.

    for_press: a page of our print files (everything PDF/X-1a forbids is an error); otherwise an advertiser's
    file, which the build redraws, converts and flattens (so those are warnings or information).
    """
    found: list[Finding] = []
    whole = locate(number, -1e9, -1e9)  # the page as a whole: "" in an issue, the file name for artwork

    def add(level: str, check: str, message: str) -> None:
        """Record a finding about the whole page."""
        found.append(Finding(level, check, message, number, whole))

    strict, note = ("error", "") if for_press else ("warning", _(" (converted at build)"))
    foreign = sorted(page.spaces - PRESS_SPACES - {"Pattern"})
    if foreign:
        add(strict, "colour", _("colours in {spaces}: print needs CMYK or grey only{note}").format(
            spaces=", ".join(foreign), note=note))
    for what in sorted(set(page.transparency)):
        add(strict if for_press else "info", "transparency",
            _("{what}: PDF/X-1a allows no transparency{note}").format(what=what, note=note))
    for what in sorted(set(page.oddities)):
        add(strict, "content", _("{what}: not supported for print").format(what=what))
    for font in page.fonts.values():
        if not font.embedded:
            add("error", "fonts", _("font {name} ({kind}) is not embedded").format(name=font.name, kind=font.kind))
        elif font.program.endswith("/OpenType"):
            add(
                strict if for_press else "info",
                "fonts",
                _("font {name} is embedded as OpenType, which needs PDF 1.6; PDF/X-1a needs a bare CFF or "
                  "TrueType program").format(name=font.name),
            )
    found += [f for p in page.placements if (f := _resolution(number, p, settings, locate))]
    found += _ink_findings(number, page, ink, settings, locate, for_press)
    found += _small_type(number, page.text, settings, locate)
    found += _rich_black(number, page.text, settings, locate)
    found += _rules(number, page.rules, settings, locate)
    if for_press and settings.black_overprint:
        found += _knockouts(number, page, locate)
    return found, _facts(number, page, ink, locate)


def _resolution(number: int, placement: Placement, settings: PrintSettings, locate: Locate) -> Finding | None:
    """Report a picture printed at too few pixels per inch."""
    ppi = placement.ppi
    level = "error" if ppi < settings.ppi_error else "warning" if ppi < settings.ppi_warn else ""
    if not level:
        return None
    limit = settings.ppi_error if level == "error" else settings.ppi_warn
    message = _("picture of {width_px}×{height_px} px printed at {width:.0f}×{height:.0f} mm: {ppi:.0f} ppi "
                "effective, under {limit:g} ppi").format(
        width_px=placement.width_px, height_px=placement.height_px, width=placement.width_pt * MM_PER_PT,
        height=placement.height_pt * MM_PER_PT, ppi=ppi, limit=limit)
    return Finding(level, "resolution", message, number, locate(number, placement.x, placement.y))


def _ink_findings(
    number: int, page: PageScan, ink: PageInk | None, settings: PrintSettings, locate: Locate, for_press: bool
) -> list[Finding]:
    """Report total ink over the limit pixel by pixel, naming the picture; and ink in the unprinted edge."""
    found = []
    limit = settings.ink_limit
    # PDF artwork is redrawn as a picture and held under the limit at build: too much ink is the
    # advertiser's to fix, not a reason to stop the issue.
    level, note = ("error", "") if for_press else ("warning", _(" (held under it at build)"))
    for picture in page.placements:
        subject = locate(number, picture.x, picture.y)
        facts = {"name": picture.name.lstrip("/"), "pixels": f"{picture.width_px}×{picture.height_px}"}
        count, peak = picture.ink_over(limit + INK_TOLERANCE)
        if count:
            message = say("ink.picture", **facts, peak=peak, count=count, limit=limit, note=note)
            found.append(Finding(level, "ink", message, number, subject))
            continue
        count, peak = ink.over(limit + INK_TOLERANCE, picture.box()) if ink is not None else (0, 0.0)
        if count:  # the picture's own pixels are within the limit: what overprints it is not
            message = say(
                "ink.picture.raster", **facts, peak=peak, count=count, ppi=RESOLUTION, limit=limit, note=note
            )
            found.append(Finding(level, "ink", message, number, subject))
    if ink is not None:
        count, peak, where = ink.heaviest_outside(limit + INK_TOLERANCE, [p.box() for p in page.placements])
        if count:
            message = say("ink.raster", peak=peak, count=count, ppi=RESOLUTION, limit=limit, note=note)
            found.append(Finding(level, "ink", message, number, locate(number, *where)))
    if page.vector_ink > limit + INK_TOLERANCE:
        message = _("a flat colour of {ink:.0f} % total ink, over the limit of {limit:g} %{note}").format(
            ink=page.vector_ink, limit=limit, note=note)
        found.append(Finding(level, "ink", message, number, locate(number, -1e9, -1e9)))
    if ink is not None and ink.edge_ink is not None:
        message = _("ink within {margin:g} mm of the trim edge, which the press leaves unprinted").format(
            margin=settings.safe_margin)
        found.append(Finding("warning", "edge", message, number, locate(number, *ink.edge_ink)))
    return found


def inks_of(run: TextRun | Rule) -> tuple[int, bool]:
    """Return how many inks a text or rule colour uses, and whether it is reversed out (paper white)."""
    values = run.colour
    if run.space == "DeviceCMYK" and len(values) == 4:
        used = sum(1 for v in values if v > 0.005)
        return used, used == 0
    if run.space == "DeviceGray" and values:
        return (0 if values[0] >= 0.995 else 1), values[0] >= 0.995
    if len(values) == 3:
        neutral = max(values) - min(values) < 0.005
        return (1 if neutral else 3), min(values) >= 0.995
    return 1, False


def _is_black(run: TextRun | Rule) -> bool:
    """Return whether text or a rule is set in 100 % K alone."""
    return run.space == "DeviceCMYK" and tuple(round(v, 3) for v in run.colour) == (0, 0, 0, 1)


def _is_rich_black(run: TextRun) -> bool:
    """Return whether text is set in rich black: full black with colour under it."""
    values = run.colour
    return run.space == "DeviceCMYK" and len(values) == 4 and values[3] >= 0.995 and max(values[:3]) > 0.005


# How many items a grouped finding covers, by what they are: the form of the message for a count.
COUNTED: dict[str, Callable[[int], str]] = {
    "line": lambda count: ngettext("{message} ({count} line)", "{message} ({count} lines)", count),
    "rule": lambda count: ngettext("{message} ({count} rule)", "{message} ({count} rules)", count),
    "run": lambda count: ngettext("{message} ({count} run)", "{message} ({count} runs)", count),
}


def _grouped(
    items: Counter[tuple[str, str]], number: int, check: str, unit: str, level: str = "warning"
) -> list[Finding]:
    """Return one finding per (subject, message), with how many items it covers."""
    return [
        Finding(level, check, COUNTED[unit](count).format(message=message, count=count), number, subject)
        for (subject, message), count in sorted(items.items())
    ]


def _rich_black(number: int, runs: list[TextRun], settings: PrintSettings, locate: Locate) -> list[Finding]:
    """Report rich black on type too small for it (from the several-inks size up; below, small type says it)."""
    groups: Counter[tuple[str, str]] = Counter()
    low, high = settings.min_pt_several_inks - 0.05, settings.min_pt_rich_black - 0.05
    for run in runs:
        if _is_rich_black(run) and low <= run.size < high:
            message = _("{size:.1f} pt text in rich black ({colour}): rich black only from {limit:g} pt, smaller "
                        "black type in 100 % K").format(size=run.size, colour=_colour(run),
                                                         limit=settings.min_pt_rich_black)
            groups[(locate(number, run.x, run.y), message)] += 1
    return _grouped(groups, number, "rich black", "line")


def _rules(number: int, rules: list[Rule], settings: PrintSettings, locate: Locate) -> list[Finding]:
    """Report rules too thin for newsprint: under the minimum weight, or thin and in several inks or white."""
    groups: Counter[tuple[str, str]] = Counter()
    knocked: Counter[tuple[str, str]] = Counter()
    for rule in rules:
        inks, reversed_out = inks_of(rule)
        subject = locate(number, rule.x, rule.y)
        if (inks >= 2 or reversed_out) and rule.width < settings.min_rule_several_inks - 0.01:
            message = _("{width:.2f} pt rule {how}: under {limit:g} pt a rule belongs in one plate (100 % K)").format(
                width=rule.width, how=_how(rule, inks, reversed_out), limit=settings.min_rule_several_inks)
            groups[(subject, message)] += 1
        elif inks == 1 and rule.width < settings.min_rule_one_ink - 0.01:
            message = _("{width:.2f} pt rule, under the minimum weight of {limit:g} pt").format(
                width=rule.width, limit=settings.min_rule_one_ink)
            groups[(subject, message)] += 1
        if settings.black_overprint and _is_black(rule) and not rule.overprint:
            knocked[(subject, _("100 % K rule knocks out instead of overprinting"))] += 1
    return _grouped(groups, number, "rules", "rule") + _grouped(knocked, number, "overprint", "rule")


def _knockouts(number: int, page: PageScan, locate: Locate) -> list[Finding]:
    """Report 100 % K text that knocks out what lies under it, by the frame it lies in."""
    groups: Counter[tuple[str, str]] = Counter()
    for run in page.text:
        if _is_black(run) and not run.overprint:
            groups[(locate(number, run.x, run.y), _("100 % K text knocks out instead of overprinting"))] += 1
    return _grouped(groups, number, "overprint", "run")


def _small_type(number: int, runs: list[TextRun], settings: PrintSettings, locate: Locate) -> list[Finding]:
    """Report type too small for newsprint: in several inks or reversed out, or tiny in one ink.

    Four-colour text under the several-inks size is an error: misregistered, body text becomes unreadable.
    """
    # (where, size, inks: 1 for one ink, 0 reversed out, else how many; how it is set)
    groups: Counter[tuple[str, float, int, str]] = Counter()
    for run in runs:
        inks, reversed_out = inks_of(run)
        if (inks >= 2 or reversed_out) and run.size < settings.min_pt_several_inks - 0.05:
            key = (locate(number, run.x, run.y), round(run.size, 1), 0 if reversed_out else inks)
            groups[(*key, _how(run, inks, reversed_out))] += 1
        elif inks == 1 and run.size < settings.min_pt_one_ink - 0.05:
            groups[(locate(number, run.x, run.y), round(run.size, 1), 1, _("in one ink"))] += 1
    found = []
    for (subject, size, inks, how), count in sorted(groups.items()):
        limit = settings.min_pt_one_ink if inks == 1 else settings.min_pt_several_inks
        level = "error" if inks == 4 else "warning"
        message = ngettext("{size:g} pt text {how}, under {limit:g} pt ({count} line)",
                           "{size:g} pt text {how}, under {limit:g} pt ({count} lines)", count).format(
            size=size, how=how, limit=limit, count=count)
        found.append(Finding(level, "small type", message, number, subject))
    return found


def _how(run: TextRun | Rule, inks: int, reversed_out: bool) -> str:
    """Return how type or a rule is set in more than one ink: «reversed out», «in 3 inks (C100 M45 K10)»."""
    if reversed_out:
        return _("reversed out")
    return ngettext("in {count} ink ({colour})", "in {count} inks ({colour})", inks).format(
        count=inks, colour=_colour(run))


def _colour(run: TextRun | Rule) -> str:
    """Return a colour as «C100 M45 K10»."""
    if run.space == "DeviceCMYK" and len(run.colour) == 4:
        return " ".join(f"{ink}{v * 100:.0f}" for ink, v in zip("CMYK", run.colour, strict=True) if v > 0.005)
    return f"{run.space} {' '.join(f'{v:g}' for v in run.colour)}"


def _facts(number: int, page: PageScan, ink: PageInk | None, locate: Locate) -> dict[str, Any]:
    """Return what the report lists for a page."""
    facts: dict[str, Any] = {"page": number, "colour_spaces": sorted(page.spaces)}
    if ink is not None:
        facts["ink_max_percent"] = max(ink.max_total, page.vector_ink)
        facts["ink_mean_percent"] = {c: round(v * 100, 1) for c, v in zip("CMYK", ink.coverage, strict=True)}
    facts["pictures"] = [
        {
            "where": locate(number, p.x, p.y),
            "ppi": round(p.ppi),
            "pixels": f"{p.width_px}×{p.height_px}",
            "colour_space": p.space,
            **({"ink_max_percent": p.ink_over(0)[1]} if p.ink_levels is not None else {}),
        }
        for p in page.placements
    ]
    facts["fonts"] = [
        {"name": f.name, "type": f.kind, "embedded": f.embedded, "program": f.program}
        for f in sorted(page.fonts.values(), key=lambda f: f.name)
    ]
    if page.trim:
        facts["trim_mm"] = _box_mm(page.trim)
    if page.bleed and page.trim and page.bleed != page.trim:
        facts["bleed_mm"] = _box_mm(page.bleed)
    return facts


def _box_mm(box: tuple[float, ...]) -> str:
    """Return a box's size as «297.0 × 420.0»."""
    return f"{(box[2] - box[0]) * MM_PER_PT:.1f} × {(box[3] - box[1]) * MM_PER_PT:.1f}"
