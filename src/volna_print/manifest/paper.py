"""Read the paper's design and standing data from layouts/<paper>/paper.yaml."""

from __future__ import annotations

from ..i18n import _
from ..resources import layouts_dir
from .fields import Fields, describe
from .kinds import Items, Length, Table, Text, Whole
from .model import AdStyle, Composer, Grid, Imprint, Margins, Paper, Rules
from .schema import (
    AdStyleKeys,
    ComposerKeys,
    ContactKeys,
    GridKeys,
    ImprintKeys,
    LayoutKeys,
    MarginKeys,
    ModuleLineKeys,
    PageSizeKeys,
    PaperKeys,
    ReservedRowKeys,
    TypeKeys,
)
from .source import Problems, display_path, parse_yaml, read_text

FONTS = (TypeKeys.body_font, TypeKeys.head_font, TypeKeys.label_font, TypeKeys.masthead_font)


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
    top = Fields(doc, (), doc.data, problems, PaperKeys)
    page, grid, kind = top.get(PaperKeys.page), top.get(PaperKeys.grid), top.get(PaperKeys.type)
    contacts, imprint = top.get(PaperKeys.contacts), top.get(PaperKeys.imprint)
    if not (page and grid and kind and contacts and imprint):
        return None
    margins = page.get(PageSizeKeys.margins)
    paper = Paper(
        slug=slug, folder=folder,
        name=top.get(PaperKeys.name) or "", subtitle=top.get(PaperKeys.subtitle) or "",
        founded=top.get(PaperKeys.founded) or "", website=top.get(PaperKeys.website),
        width=_mm(page, PageSizeKeys.width), height=_mm(page, PageSizeKeys.height),
        margins=_margins(margins) if margins else Margins(0, 0, 0, 0),
        grid=_grid(grid),
        fonts={spec.name: kind.get(spec) or "" for spec in FONTS},
        body_pt=_mm(kind, TypeKeys.body_pt),
        contacts=_texts(contacts, ContactKeys),
        imprint=_imprint(imprint),
        rules=_rules(top.get(PaperKeys.layout)),
        ads=_ads(top.get(PaperKeys.ads)),
        composer=_composer(top.get(PaperKeys.composer)),
    )
    return paper if len(problems.messages) == count else None


def _texts(fields: Fields, table: type[Table]) -> dict[str, str]:
    """Read every text key of a table (a missing one is reported and left empty)."""
    return {spec.name: fields.get(spec) or "" for spec in table.specs if isinstance(spec, Text)}


def _mm(fields: Fields | None, spec: Length) -> float:
    """Return a positive number (a length in mm, or a size in pt); 0 when it is missing or wrong (reported)."""
    return (fields.get(spec) if fields else None) or 0.0


def _margins(fields: Fields) -> Margins:
    """Read the page margins."""
    keys = MarginKeys
    return Margins(_mm(fields, keys.top), _mm(fields, keys.bottom), _mm(fields, keys.inside), _mm(fields, keys.outside))


def _grid(fields: Fields) -> Grid:
    """Read the module grid and check that every page type has a module height."""
    lines, reserved = fields.get(GridKeys.module_lines), fields.get(GridKeys.reserved_rows)
    # The tables list one key per page template, so every page type gets a value.
    module_lines = {spec.name: (lines.get(spec) or 1) if lines else 1
                    for spec in ModuleLineKeys.specs if isinstance(spec, Whole)}
    rows = fields.get(GridKeys.rows) or 1
    reserved_rows = {spec.name: _reserved(reserved, spec, rows) for spec in ReservedRowKeys.specs
                     if isinstance(spec, Items)}
    return Grid(
        columns=fields.get(GridKeys.columns) or 1, rows=rows,
        gutter=_mm(fields, GridKeys.gutter), line_pt=_mm(fields, GridKeys.line_pt),
        module_lines=module_lines, reserved_rows=reserved_rows,
    )


def _reserved(fields: Fields | None, spec: Items, rows: int) -> tuple[int, ...]:
    """Read the module rows one page type keeps free."""
    values = (fields.get(spec) or []) if fields else []
    if fields and any(not isinstance(v, int) or not 1 <= v <= rows for v in values):
        fields.error(spec.name, _("expected a list of row numbers 1–{rows}").format(rows=rows))
        return ()
    return tuple(values)


def _rules(fields: Fields | None) -> Rules:
    """Read the layout rules; a missing key keeps its default."""
    if fields is None:
        return Rules()
    keys = LayoutKeys
    return Rules(min_fill=fields.value(keys.min_fill), photo_min_ppi=fields.value(keys.photo_min_ppi),
                 max_crop=fields.value(keys.max_crop))


def _ads(fields: Fields | None) -> AdStyle:
    """Read how ads sit in their modules; a missing key keeps its default."""
    if fields is None:
        return AdStyle()
    keys = AdStyleKeys
    return AdStyle(label=fields.value(keys.label), label_strip=fields.value(keys.label_strip),
                   rule_pt=fields.value(keys.rule_pt))


def _composer(fields: Fields | None) -> Composer:
    """Read the paragraph composer's limits; a missing key keeps its default."""
    default = Composer()
    if fields is None:
        return default
    enabled = fields.value(ComposerKeys.enabled)
    word_min, word_max = _word_spacing(fields, default)
    letter = _letter_spacing(fields, default)
    hyphens = fields.value(ComposerKeys.hyphenated_lines)
    return Composer(enabled=enabled, word_min=word_min, word_max=word_max, letter=letter, max_hyphens=hyphens,
                    emergency_letter=_emergency_letter(fields, letter),
                    emergency_hyphens=_emergency_hyphens(fields, hyphens),
                    hang=fields.value(ComposerKeys.hanging_punctuation))


def _word_spacing(fields: Fields, default: Composer) -> tuple[float, float]:
    """Read word spacing as [min, max] % of the space; return it as shares of the space."""
    words = fields.get(ComposerKeys.word_spacing)
    if words is None:
        return default.word_min, default.word_max
    if (isinstance(words, list) and len(words) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in words)
            and 50 <= words[0] <= 100 <= words[1] <= 300):
        return words[0] / 100, words[1] / 100
    fields.error("word_spacing", _("expected [min, max] in % of the space, 50–100 and 100–300, got {value}").format(
        value=describe(words)))
    return default.word_min, default.word_max


def _letter_spacing(fields: Fields, default: Composer) -> float:
    """Read letter spacing as ± % of the em; return it in em."""
    letters = fields.get(ComposerKeys.letter_spacing)
    if letters is None:
        return default.letter
    if isinstance(letters, int | float) and not isinstance(letters, bool) and 0 <= letters <= 5:
        return letters / 100
    fields.error("letter_spacing", _("expected ± % of the em from 0 to 5, got {value}").format(value=describe(letters)))
    return default.letter


def _emergency_letter(fields: Fields, letter: float) -> float:
    """Read the emergency's letter spacing as ± % of the em, no less than letter_spacing; return it in em."""
    # unset, it goes as far past letter_spacing as the default does past the default limit
    default = letter + Composer.emergency_letter - Composer.letter
    value = fields.get(ComposerKeys.emergency_letter_spacing)
    if value is None:
        return default
    if isinstance(value, int | float) and not isinstance(value, bool) and 100 * letter - 1e-9 <= value <= 5:
        return max(letter, value / 100)
    fields.error("emergency_letter_spacing", _("expected ± % of the em from letter_spacing ({low:g}) to 5, got "
                                               "{value}").format(low=round(100 * letter, 6), value=describe(value)))
    return default


def _emergency_hyphens(fields: Fields, hyphens: int) -> int:
    """Read the emergency's hyphenated lines running: no fewer than hyphenated_lines (unset: one more)."""
    if "emergency_hyphenated_lines" not in fields.data:
        return hyphens + Composer.emergency_hyphens - Composer.max_hyphens
    value = fields.value(ComposerKeys.emergency_hyphenated_lines)
    if value < hyphens:
        fields.error("emergency_hyphenated_lines", _("expected at least hyphenated_lines ({low}), got {value}").format(
            low=hyphens, value=value))
    return max(hyphens, value)


def _imprint(fields: Fields) -> Imprint:
    """Read the standing imprint data: every item the media law requires."""
    keys = ImprintKeys
    founders = tuple(f for f in fields.get(keys.founders) or [] if isinstance(f, str) and f.strip())
    if not founders and "founders" in fields.data:
        fields.error("founders", _("list at least one founder (учредитель)"))
    notes = tuple(str(n) for n in fields.get(keys.notes) or [])
    return Imprint(founders=founders, publisher=fields.get(keys.publisher) or "",
                   publisher_address=fields.get(keys.publisher_address) or "",
                   editor_in_chief=fields.get(keys.editor_in_chief) or "", printer=fields.get(keys.printer) or "",
                   printer_address=fields.get(keys.printer_address) or "",
                   registration=fields.get(keys.registration) or "", notes=notes)
