"""Read the paper's design and standing data from layouts/<paper>/paper.yaml."""

from __future__ import annotations

from ..resources import layouts_dir
from .fields import MISSING, Fields, describe
from .model import AD_LABEL_PLACES, PAGE_TEMPLATES, AdStyle, Composer, Grid, Imprint, Margins, Paper, Rules
from .source import Problems, display_path, parse_yaml, read_text

IMPRINT_KEYS = ("founders", "publisher", "publisher_address", "editor_in_chief",
                "printer", "printer_address", "registration", "notes")
CONTACT_KEYS = ("address", "hours", "phone", "ads_phone", "email")


def load_paper(slug: str, problems: Problems) -> Paper | None:
    """Load and check one paper's settings; report problems and return None when unusable."""
    folder = layouts_dir() / slug
    path = folder / "paper.yaml"
    shown = display_path(path)
    text = read_text(path, shown, problems)
    doc = parse_yaml(text, shown, problems) if text is not None else None
    if doc is None:
        return None
    count = len(problems.messages)
    top = Fields(doc, (), doc.data, problems, ("name", "subtitle", "founded", "website", "page", "grid", "type",
                                               "contacts", "imprint", "ads", "print", "layout",
                                               "composer"))
    page = top.sub("page", ("width", "height", "margins"), required=True)
    grid = top.sub("grid", ("columns", "rows", "gutter", "line_pt", "module_lines", "reserved_rows"), required=True)
    kind = top.sub("type", ("body_pt", "body_font", "head_font", "label_font", "masthead_font"), required=True)
    contacts = top.sub("contacts", CONTACT_KEYS, required=True)
    imprint = top.sub("imprint", IMPRINT_KEYS, required=True)
    if not (page and grid and kind and contacts and imprint):
        return None
    margins = page.sub("margins", ("top", "bottom", "inside", "outside"), required=True)
    paper = Paper(
        slug=slug, folder=folder,
        name=top.text("name", True) or "", subtitle=top.text("subtitle", True) or "",
        founded=top.text("founded", True) or "", website=top.text("website"),
        width=_mm(page, "width"), height=_mm(page, "height"),
        margins=Margins(*(_mm(margins, side) for side in ("top", "bottom", "inside", "outside")))
        if margins else Margins(0, 0, 0, 0),
        grid=_grid(grid),
        fonts={role: kind.text(role, True) or "" for role in ("body_font", "head_font", "label_font", "masthead_font")},
        body_pt=_mm(kind, "body_pt"),
        contacts={name: contacts.text(name, True) or "" for name in CONTACT_KEYS},
        imprint=_imprint(imprint),
        rules=_rules(top.sub("layout", ("min_fill", "photo_min_ppi", "max_crop"))),
        ads=_ads(top.sub("ads", ("label", "label_strip", "rule_pt"))),
        composer=_composer(top.sub("composer", ("enabled", "word_spacing", "letter_spacing", "hyphenated_lines"))),
    )
    return paper if len(problems.messages) == count else None


def _mm(fields: Fields | None, name: str) -> float:
    """Return a positive number (a length in mm, or a size in pt)."""
    if fields is None:
        return 0.0
    value = fields.raw(name, True)
    if value is MISSING:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        fields.error(name, f"expected a positive number, got {describe(value)}")
        return 0.0
    return float(value)


def _grid(fields: Fields) -> Grid:
    """Read the module grid and check that every page type has a module height."""
    lines = fields.sub("module_lines", PAGE_TEMPLATES, required=True)
    reserved = fields.sub("reserved_rows", PAGE_TEMPLATES)
    module_lines = {t: (lines.integer(t, True, 1, 40) or 1) if lines else 1 for t in PAGE_TEMPLATES}
    rows = fields.integer("rows", True, 1, 40) or 1
    reserved_rows: dict[str, tuple[int, ...]] = {}
    for template in PAGE_TEMPLATES:
        values = reserved.items(template) if reserved else []
        if any(not isinstance(v, int) or not 1 <= v <= rows for v in values):
            reserved.error(template, f"expected a list of row numbers 1–{rows}") if reserved else None
            values = []
        reserved_rows[template] = tuple(values)
    return Grid(
        columns=fields.integer("columns", True, 1, 12) or 1, rows=rows,
        gutter=_mm(fields, "gutter"), line_pt=_mm(fields, "line_pt"),
        module_lines=module_lines, reserved_rows=reserved_rows,
    )


def _rules(fields: Fields | None) -> Rules:
    """Read the layout rules; a missing key keeps its default."""
    if fields is None:
        return Rules()
    values = {}
    for name, low, high in (("min_fill", 0.0, 1.0), ("photo_min_ppi", 50.0, 1200.0), ("max_crop", 0.0, 0.6)):
        value = fields.raw(name, False)
        if value is MISSING:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            fields.error(name, f"expected a number from {low:g} to {high:g}, got {describe(value)}")
            continue
        values[name] = float(value)
    return Rules(**values)
def _ads(fields: Fields | None) -> AdStyle:
    """Read how ads sit in their modules; a missing key keeps its default."""
    if fields is None:
        return AdStyle()
    default = AdStyle()
    return AdStyle(
        label=fields.choice("label", AD_LABEL_PLACES, default=default.label) or default.label,
        label_strip=_mm(fields, "label_strip") if "label_strip" in fields.data else default.label_strip,
        rule_pt=_mm(fields, "rule_pt") if "rule_pt" in fields.data else default.rule_pt,
    )


def _composer(fields: Fields | None) -> Composer:
    """Read the paragraph composer's limits: word spacing as [min, max] % of the space, letter spacing ± %
    of the em, hyphenated lines running; a missing key keeps its default."""
    default = Composer()
    if fields is None:
        return default
    enabled = fields.raw("enabled", False)
    if enabled is not MISSING and not isinstance(enabled, bool):
        fields.error("enabled", f"expected true or false, got {describe(enabled)}")
    words = fields.raw("word_spacing", False)
    word_min, word_max = default.word_min, default.word_max
    if words is not MISSING:
        if (isinstance(words, list) and len(words) == 2 and all(isinstance(v, int | float) and not isinstance(v, bool)
                                                                for v in words) and 50 <= words[0] <= 100 <= words[1] <= 300):
            word_min, word_max = words[0] / 100, words[1] / 100
        else:
            fields.error("word_spacing", f"expected [min, max] in % of the space, 50–100 and 100–300, got {describe(words)}")
    letters = fields.raw("letter_spacing", False)
    letter = default.letter
    if letters is not MISSING:
        if isinstance(letters, int | float) and not isinstance(letters, bool) and 0 <= letters <= 5:
            letter = letters / 100
        else:
            fields.error("letter_spacing", f"expected ± % of the em from 0 to 5, got {describe(letters)}")
    hyphens = fields.integer("hyphenated_lines", False, 1, 10)
    return Composer(enabled=enabled if isinstance(enabled, bool) else default.enabled, word_min=word_min,
                    word_max=word_max, letter=letter,
                    max_hyphens=hyphens if hyphens is not None else default.max_hyphens)


def _imprint(fields: Fields) -> Imprint:
    """Read the standing imprint data: every item the media law requires."""
    founders = [f for f in fields.items("founders", True) if isinstance(f, str) and f.strip()]
    if not founders and "founders" in fields.data:
        fields.error("founders", "list at least one founder (учредитель)")
    notes = tuple(str(n) for n in fields.items("notes"))
    values = {k: fields.text(k, True) or "" for k in IMPRINT_KEYS if k not in ("founders", "notes")}
    return Imprint(founders=tuple(founders), notes=notes, **values)
