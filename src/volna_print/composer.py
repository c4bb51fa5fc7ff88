"""A paragraph composer: total-fit line breaking for justified body paragraphs, forced into the render.

WeasyPrint breaks lines first fit, as browsers do, and justification then stretches only the spaces, so
narrow justified columns get loose lines. Here each body paragraph's breaks are chosen over the whole
paragraph (Knuth–Plass: the least total demerits over every feasible sequence of breaks), with widths
measured by HarfBuzz in the very font files WeasyPrint draws with, hyphenation points from pyphen's
Russian dictionary under the paper's rules, and word and letter spacing kept within the limits paper.yaml
`composer:` sets. The chosen lines are then handed to WeasyPrint as one inline block each
(`span.ln`, as wide as the column, no wrapping inside): WeasyPrint draws exactly those lines, justifies
them (`text-align-last: justify`; the paragraph's last line is not), and the paragraph keeps its own line
boxes, so orphans, widows, the baseline grid and the fit read from anchors hold as before.

A paragraph the composer cannot set within the limits (a long word in a narrow column, markup it does not
know) is left to WeasyPrint's own breaking and named in the build's warnings.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen
import uharfbuzz as hb

from .manifest.model import Composer
from .resources import fonts_dir
from .units import PT_PER_MM

FONT_DIR = fonts_dir() / "pt"
# (sans, bold, italic) → the file fonts.css gives that face; `code` is set in PT Sans.
FACES = {
    (False, False, False): "PTSerif-Regular.ttf", (False, False, True): "PTSerif-Italic.ttf",
    (False, True, False): "PTSerif-Bold.ttf", (False, True, True): "PTSerif-BoldItalic.ttf",
    (True, False, False): "PTSans-Regular.ttf", (True, False, True): "PTSans-Italic.ttf",
    (True, True, False): "PTSans-Bold.ttf", (True, True, True): "PTSans-Bold.ttf",
}
INLINE_TAGS = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "code": "sans",
               'span class="caps"': "caps"}
PARAGRAPH_RE = re.compile(r'<p data-b="(\d+)">(.*?)</p>', re.S)
BLOCK_RE = re.compile(r'<(\w+)\b[^>]*\bdata-b="(\d+)"')
TAG_RE = re.compile(r"(<[^>]*>)")
LETTERS = re.compile(r"[^\W\d_]+")
SPACING_RE = re.compile(r"(letter|word)-spacing:\s*(-?[\d.]+)em")
SAFETY_EM = 0.05  # lines are composed this much narrower than the column, so WeasyPrint never overflows
JOIN_MARGIN_EM = 0.5  # a last line this near to fitting beside the one before is kept apart by a forced break
LETTER_STEP = 0.0005  # em: a line's letter spacing is a whole number of these (a class, not a style attribute)
WORD_STEP = 0.0025  # em: the same for its word spacing
STEPS_RE = re.compile(r'class="ln l(-?\d+) w(-?\d+)')
HANGS_RE = re.compile(r'class="ln l-?\d+ w-?\d+ h(\d+)"')
HEADINGS = ("h1", "h2", "h3", "h4")
# Optical margin alignment (InDesign's, microtype's protrusion): a justified line's last hyphen or
# punctuation mark hangs this share of its advance past the column's edge, so the edge reads straight and
# the line has that much more room. The shares are microtype's defaults, roughly.
HANG = {"-": 0.7, ",": 0.6, ".": 0.6, ":": 0.4, ";": 0.4, "»": 0.5, "…": 0.3, "!": 0.2, "?": 0.2, ")": 0.2}
HANG_STEP = 0.005  # em: a line's hang is a whole number of these (a class, as its spacing)

Style = frozenset[str]


@dataclass(frozen=True)
class Item:
    """A box (a word or a piece of one), a glue (a space) or a penalty (a possible break inside a word)."""

    kind: str  # "box", "glue", "penalty"
    width: float  # em
    start: int = 0  # the characters it covers in the paragraph's text
    end: int = 0
    breakable: bool = False  # glue: a space the line may break at (a no-break one only between words, at a cost)
    flagged: bool = False  # penalty: a break here ends the line with a hyphen
    cost: float = 0.0


@dataclass(frozen=True)
class Line:
    """One chosen line: its characters, whether it ends hyphenated, its spacing ratio (−1…1), and how far
    (em) its last glyph hangs past the column's edge."""

    start: int
    end: int
    hyphen: bool
    ratio: float
    last: bool
    hang: float = 0.0


@dataclass(frozen=True)
class Result:
    """A composed body: its HTML; the paragraphs left to WeasyPrint and those set past the limits (block
    number, first words, widest spacing as a share of the space — the tightest where only that is past the
    limits, within them where only the hyphens running are; 0 when not composed)."""

    html: str
    failed: tuple[tuple[int, str, float], ...]


# ---------- measuring in the fonts WeasyPrint draws with ----------

@lru_cache(maxsize=12)
def _file_font(name: str) -> tuple[hb.Font, float]:
    """Return a HarfBuzz font for a file of fonts/pt and its units per em."""
    blob = hb.Blob.from_file_path(str(FONT_DIR / name))
    face = hb.Face(blob)
    return hb.Font(face), float(face.upem)


def _shaped(text: str, name: str) -> float:
    """Return the advance in em of a run of text in a font file, shaped with the font's default features
    (as Pango does)."""
    font, upem = _file_font(name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    return sum(p.x_advance for p in buffer.glyph_positions) / upem


@lru_cache(maxsize=65536)
def advance(text: str, face: tuple[bool, bool, bool]) -> float:
    """Return the advance of a run of body text in em in a face (sans, bold, italic)."""
    return _shaped(text, FACES[face])


def _face(style: Style) -> tuple[bool, bool, bool]:
    return "sans" in style, "bold" in style, "italic" in style


def run_width(chars: list[str], styles: list[Style], start: int, end: int) -> float:
    """Return the width in em of characters start…end, each style run shaped as one."""
    width, index = 0.0, start
    while index < end:
        stop = index
        while stop < end and styles[stop] == styles[index]:
            stop += 1
        width += advance("".join(chars[index:stop]), _face(styles[index]))
        index = stop
    return width


# ---------- hyphenation under the paper's rules ----------

@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="ru_RU", left=2, right=2)


def hyphen_points(word: str, settings: Composer) -> list[int]:
    """Return where a word may be hyphenated (offsets into it): letter runs of min_word letters or more,
    at least 2 letters each side, none in a word with two capitals or more (abbreviations, caps)."""
    if sum(ch.isupper() for ch in word) >= 2:
        return []
    points = []
    for match in LETTERS.finditer(word):
        run = match.group()
        if len(run) < settings.min_word:
            continue
        points += [match.start() + p for p in _dictionary().positions(run)
                   if p >= settings.min_left and len(run) - p >= settings.min_right]
    # a compound's own hyphen (кто-то, Калининград-Москва) is a break with no hyphen added
    points += [i + 1 for i, ch in enumerate(word[:-1]) if ch == "-" and i > 0 and word[i - 1].isalpha()
               and word[i + 1].isalpha()]
    return sorted(set(points))


# ---------- reading a paragraph ----------

def parse(inner: str) -> tuple[list[str], list[Style], list[tuple[str, ...]]] | None:
    """Return a paragraph's characters, each one's style and its open tags; None for markup not handled."""
    chars: list[str] = []
    styles: list[Style] = []
    opened: list[tuple[str, ...]] = []
    stack: list[str] = []
    for part in TAG_RE.split(inner):
        if not part:
            continue
        if part.startswith("<"):
            name = part[1:-1].strip()
            if name.startswith("/"):
                if not stack or stack[-1].split()[0] != name[1:]:
                    return None
                stack.pop()
            elif name in INLINE_TAGS:
                stack.append(name)
            else:
                return None
            continue
        style = frozenset(INLINE_TAGS[t] for t in stack)
        for ch in html.unescape(part).replace("\u00ad", ""):
            if ch in "\n\t\r":
                ch = " "
            if ch == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(ch)
            styles.append(style)
            opened.append(tuple(stack))
    while chars and chars[-1] == " ":
        chars.pop()
        styles.pop()
        opened.pop()
    return (chars, styles, opened) if chars and not stack else None


def items_of(chars: list[str], styles: list[Style], settings: Composer) -> list[Item]:
    """Return the paragraph as boxes, glues and penalties."""
    items: list[Item] = []
    index = 0
    while index < len(chars):
        ch = chars[index]
        if ch in " \u00a0":
            face = _face(styles[index])
            # a no-break space between two words («на\u00a0время») may break at a price; one in a number,
            # before a dash or after an initial never does
            bound = ch == "\u00a0" and 1 < index < len(chars) - 1 and chars[index - 1].isalpha() \
                and chars[index + 1].isalpha() and settings.nbsp_penalty > 0 and not _one_letter_before(chars, index)
            items.append(Item("glue", advance(ch, face), index, index + 1, breakable=ch == " " or bound,
                              cost=settings.nbsp_penalty if bound else 0.0))
            index += 1
            continue
        stop = index
        while stop < len(chars) and chars[stop] not in " \u00a0":
            stop += 1
        for kind, width, start, end in _word_items(tuple(chars[index:stop]), tuple(styles[index:stop]), settings):
            if kind == "box":
                items.append(Item("box", width, index + start, index + end))
            else:
                items.append(Item("penalty", width, index + start, index + start, flagged=True,
                                  cost=settings.hyphen_penalty))
        index = stop
    return items


@lru_cache(maxsize=65536)
def _word_items(chars: tuple[str, ...], styles: tuple[Style, ...],
                settings: Composer) -> tuple[tuple[str, float, int, int], ...]:
    """Return a word's boxes and hyphenation penalties (kind, width, its characters from the word's start):
    the same word in the same style is the same whatever paragraph it stands in."""
    word = "".join(chars)
    caps = any("caps" in style or "sans" in style for style in styles)
    points = [] if caps else hyphen_points(word, settings)
    hyphen = advance("-", _face(frozenset()))
    found: list[tuple[str, float, int, int]] = []
    previous, cut = 0.0, 0
    letters, looks = list(chars), list(styles)
    for point in [*points, len(word)]:
        width = run_width(letters, looks, 0, point)  # the prefix: kerning kept inside the word
        found.append(("box", width - previous, cut, point))
        previous, cut = width, point
        if point < len(word):
            found.append(("penalty", 0.0 if word[point - 1] == "-" else hyphen, cut, cut))
    return tuple(found)


# ---------- total-fit line breaking ----------

@dataclass
class _Node:
    position: int  # the item the line broke at (-1: the paragraph's start)
    line: int
    fitness: int
    hyphens: int  # hyphenated lines running up to this break
    total: float
    ratio: float
    previous: _Node | None


EMERGENCY_SPACE = 0.7  # past the limits a space shrinks to no less than this share of the normal one (with the
# letters 2 % in, any less and poppler reads two words as one: text extraction and search need the gap)


def break_lines(items: list[Item], chars: list[str], width: float, indent: float, settings: Composer,
                letter0: float = 0.0, word0: float = 0.0, tolerance: float = 1.0,
                whole: frozenset[int] = frozenset(), lines: int = 0) -> list[Line] | None:
    """Return the lines of least total demerits within the spacing limits, or None if there are none.

    Widths in em. Every space (no-break ones too: WeasyPrint justifies those as well) may stretch to
    word_max and shrink to word_min of the normal space, every character's spacing to ±letter em in all (the
    text's own letter spacing, letter0, counts in it); a line's ratio says how much of that it uses (−1 full
    shrink, 1 full stretch). A tolerance above 1 lets the spaces (never the letters) stretch further, or
    shrink to EMERGENCY_SPACE of the normal one, for a paragraph that has no other way. The lines numbered
    in `whole` (from 0) may not end in a hyphen: each is the last of a column; `lines`, when given, is the
    number of lines the paragraph must keep (the breaks are then searched for every line count apart, so
    both hold exactly).
    """
    if tolerance > FIRST_TOLERANCE:
        # most lines are far inside any tolerance: search first among lines of ratio up to FIRST_TOLERANCE
        # (much faster: a loose tolerance makes nearly every short line a candidate). Should the best of
        # those cost less than one line past it alone would, no line past it can be in the best breaks.
        found = _least_demerits(items, chars, width, indent, settings, letter0, word0, FIRST_TOLERANCE, whole,
                                lines)
        if found is not None and found[1] < (settings.line_penalty + 100 * FIRST_TOLERANCE ** 3) ** 2:
            return found[0]
    found = _least_demerits(items, chars, width, indent, settings, letter0, word0, tolerance, whole, lines)
    return found[0] if found is not None else None


WHOLE_TOLERANCE = 2.5  # a column's foot is kept unhyphenated by lines up to this ratio (200 %: not yet loose)
FIRST_TOLERANCE = 5.0  # break_lines' first, narrower search (spaces at 140 % + 5 × 40 %: 340 %)


def _least_demerits(items: list[Item], chars: list[str], width: float, indent: float, settings: Composer,
                    letter0: float, word0: float, tolerance: float, whole: frozenset[int],
                    lines: int) -> tuple[list[Line], float] | None:
    """Return the lines of least total demerits at a tolerance and their total, or None (see break_lines)."""
    space = advance(" ", _face(frozenset()))
    # a paragraph with no other way may also have a line's spaces narrower than word_min, to EMERGENCY_SPACE
    # (a line a little tight reads better than the one before it stretched to several spaces); should its
    # letters close up further than letter, the spaces keep what they lose, so the gap between words stays
    floor = EMERGENCY_SPACE + 2 * max(0.0, settings.emergency_letter - settings.letter) / space
    squeeze = 1.0 if tolerance <= 1 else max(1.0, (1 - floor) / (1 - settings.word_min))
    count = len(items)
    widths, glues, boxes_chars = [0.0], [0], [0]
    for entry in items:
        widths.append(widths[-1] + (entry.width if entry.kind != "penalty" else 0.0))
        glues.append(glues[-1] + (entry.kind == "glue"))
        boxes_chars.append(boxes_chars[-1] + (entry.end - entry.start if entry.kind == "box" else 0))
    candidates = [i for i, item in enumerate(items)
                  if (item.kind == "glue" and item.breakable) or item.kind == "penalty"] + [count]
    # per line, not per break: the limits in em (the loop below runs for every active break × candidate)
    word_stretch = space * (settings.word_max - 1)
    word_shrink = space * (1 - settings.word_min)
    letter_stretch = max(0.0, settings.letter - letter0)
    letter_shrink = max(0.0, settings.letter + letter0)
    # past the limits a line's letters go on spreading with its spaces, to emergency_letter (k × their
    # stretch), and a paragraph may run more hyphens, each past max_hyphens at a price
    reach = emergency_reach(settings, letter0, 1) if tolerance > 1 else 1.0
    reach_in = emergency_reach(settings, letter0, -1) if tolerance > 1 else 1.0
    max_hyphens = max(settings.max_hyphens, settings.emergency_hyphens) if tolerance > 1 else settings.max_hyphens
    glue_natural = letter0 + word0
    measures = (width - SAFETY_EM - indent, width - SAFETY_EM)  # the first line, the others
    line_penalty, past_hyphen = settings.line_penalty, settings.past_hyphen
    active: dict[tuple[int, ...], _Node] = {(-1, 1, 0): _Node(-1, 0, 1, 0, 0.0, 0.0, None)}
    for b in candidates:
        last = b == count
        item = items[b] if not last else None
        penalty = item is not None and item.kind == "penalty"
        flagged = bool(penalty and item.flagged)  # type: ignore[union-attr]
        # what a break here costs whatever the line before it
        extra = item.width if penalty else 0.0  # type: ignore[union-attr]
        cost = item.cost ** 2 if item is not None else 0.0
        if item is not None and item.kind == "glue" and _one_letter_before(chars, item.start):
            cost += settings.one_letter_penalty ** 2
        width_b, glues_b, chars_b = widths[b] + extra, glues[b], boxes_chars[b] + flagged
        hang = 0.0 if last or not settings.hang else _hang(items, chars, b)
        found: dict[tuple[int, ...], _Node] = {}
        for key, node in list(active.items()):
            start = node.position + 1
            gaps = glues_b - glues[start]
            letters = chars_b - boxes_chars[start]  # spaces keep their width (spacing_style)
            natural = width_b - widths[start] + letters * letter0 + gaps * glue_natural
            excess = measures[node.line != 0] + hang - natural
            if excess >= 0:
                words = gaps * word_stretch
                stretch = words + letters * letter_stretch
                ratio = 0.0 if last else (excess / stretch if stretch > 0 else math.inf)
                if ratio > reach:  # past the letters' reach only the spaces stretch: the ratio is theirs
                    ratio = (excess - reach * letters * letter_stretch) / words if words > 0 else math.inf
            else:
                shrink = gaps * word_shrink + letters * letter_shrink
                ratio = excess / shrink if shrink > 0 else -math.inf
                if ratio < -reach_in:  # past the letters' reach only the spaces shrink: the ratio is theirs
                    words = gaps * word_shrink
                    ratio = (excess + reach_in * letters * letter_shrink) / words if words > 0 else -math.inf
            if ratio < -squeeze:
                del active[key]  # a later break only makes this line longer
                continue
            if ratio > tolerance:
                continue
            if flagged and node.line in whole:
                continue
            hyphens = node.hyphens + 1 if flagged else 0
            if hyphens > max_hyphens:
                continue
            fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
            badness = 100 * (ratio if ratio >= 0 else -ratio) ** 3
            demerits = (line_penalty + badness) ** 2 + cost
            if hyphens > settings.max_hyphens:
                demerits += past_hyphen
            if flagged and node.hyphens:
                demerits += settings.double_hyphen
            if last and node.hyphens:
                demerits += settings.final_hyphen  # the last full line ends in a hyphen
            if abs(fitness - node.fitness) > 1:
                demerits += settings.fitness_jump
            total = node.total + demerits
            if lines and node.line >= lines:
                continue
            kind = fitness if fitness < 2 else 2
            new_key = (b, kind, hyphens, node.line + 1) if lines else (b, kind, hyphens)
            if new_key not in found or total < found[new_key].total:
                found[new_key] = _Node(b, node.line + 1, fitness, hyphens, total, ratio, node)
        active.update(found)
        if not active:
            return None
    ends = [n for n in active.values() if n.position == count and (not lines or n.line == lines)]
    if not ends:
        return None
    best: _Node | None = min(ends, key=lambda n: n.total)
    total = best.total if best is not None else math.inf
    breaks: list[_Node] = []
    while best is not None and best.previous is not None:
        breaks.append(best)
        best = best.previous
    chosen = []
    for node in reversed(breaks):
        begin = node.previous.position + 1 if node.previous else 0
        first = items[begin].start if begin < count else len(chars)
        stop = items[node.position].start if node.position < count else len(chars)
        flagged = node.position < count and items[node.position].kind == "penalty"
        hyphen = flagged and items[node.position].width > 0
        chosen.append(Line(first, stop, hyphen, node.ratio, node.position == count,
                           0.0 if node.position == count or not settings.hang else _hang(items, chars, node.position)))
    return chosen, total


def emergency_reach(settings: Composer, letter0: float, side: int) -> float:
    """Return how far past the limits (in units of their stretch, side 1, or shrink, side −1; ≥ 1) a line's
    letters go on with its spaces in a paragraph that has no breaks within them."""
    room = settings.letter - side * letter0
    return max(1.0, (settings.emergency_letter - side * letter0) / room) if room > 0 else 1.0


def _hang(items: list[Item], chars: list[str], position: int) -> float:
    """Return how far (em, in whole HANG_STEPs) a line broken at items[position] hangs past the edge."""
    item = items[position]
    if item.kind == "penalty":
        mark, width = "-", item.width or advance("-", _face(frozenset()))  # added, or the word's own hyphen
    else:
        mark = chars[item.start - 1] if item.start else ""
        width = advance(mark, _face(frozenset())) if mark in HANG else 0.0
    return math.floor(HANG.get(mark, 0.0) * width / HANG_STEP) * HANG_STEP


def _one_letter_before(chars: list[str], space: int) -> bool:
    """Return whether the word before a space is a single letter («и», «а»): a poor line end."""
    return space >= 1 and chars[space - 1].isalpha() and (space == 1 or not chars[space - 2].isalnum())


# ---------- balanced heads ----------

HEAD_FACE = "PTSansNarrow-Bold.ttf"  # volna.css `.headline`: PT Sans Narrow, 700
PHRASE_ENDS = set(",:;.!?—–…»)")
PHRASE_WEIGHT = 0.25  # a break inside a phrase costs as much as a line short by this share of the head
LAST_LINE = 0.5  # a head's last line shorter than this share of the head is costed, LAST_LINE_WEIGHT times over
LAST_LINE_WEIGHT = 2.0
NBSP_OR_SPACE = re.compile("[ \u00a0]")  # a line of more than one word
HEAD_SAFETY_EM = 0.15  # a balanced line is this much narrower than the head, so WeasyPrint never rewraps it


@lru_cache(maxsize=16384)
def head_advance(text: str) -> float:
    """Return the advance of a headline's run of text in em."""
    return _shaped(text, HEAD_FACE)


def _phrase_break(words: tuple[str, ...], index: int) -> bool:
    """Return whether a break before words[index] falls between phrases: after punctuation, or before a
    group the typographer tied to a preposition or conjunction («в\u00a0школах», «и\u00a0детских»)."""
    before, word = words[index - 1], words[index]
    if before[-1:] in PHRASE_ENDS:
        return True
    head = word.split("\u00a0", 1)[0].strip("«„(\"").lower()
    return "\u00a0" in word and len(head) <= 3 and head.isalpha()


@lru_cache(maxsize=4096)
def balance(words: tuple[str, ...], width: float, floor: float = 0.0) -> tuple[str, ...] | None:
    """Return a headline's lines, as many as first fit needs, broken between phrases and with a last line
    not left short; or None.

    Words are what the typographer left between plain spaces (a preposition already holds on to its
    word). The lines are as many as breaking first fit would give, so the head keeps its height. No line
    is shorter than `floor`, the last one too where the words allow it (across a wide head a short line
    leaves a column of white beside it) and unless the floor would leave one word alone on the last line;
    among those breaks the least costly is taken (see _head_breaks). None: one line, or a word wider than
    the head.
    """
    count = len(words)
    lines, start = 0, 0
    while start < count:  # first fit, as WeasyPrint breaks it (the count of lines to keep)
        stop = start + 1
        if _head_measure(words, start, stop) > width:
            return None
        while stop < count and _head_measure(words, start, stop + 1) <= width:
            stop += 1
        lines, start = lines + 1, stop
    if lines < 2:
        return None
    room = width - HEAD_SAFETY_EM
    # the floor gives way to a lone last word: white beside a line reads better than a one-word line
    found = [_head_breaks(words, lines, room, low, last) for low, last in ((floor, floor), (floor, 0.0), (0.0, 0.0))]
    whole = [breaks for breaks in found if breaks is not None and NBSP_OR_SPACE.search(breaks[-1])]
    return whole[0] if whole else next((breaks for breaks in found if breaks is not None), None)


def fill_head(words: tuple[str, ...], width: float, floor: float) -> tuple[str, ...] | None:
    """Return a headline's lines at a width (em) with no line shorter than floor (em), or None.

    One line when it fits; else balanced (see balance). None where white beside some line would stay.
    """
    whole = " ".join(words)
    if head_advance(whole) <= width - HEAD_SAFETY_EM:
        return (whole,) if head_advance(whole) >= floor else None
    lines = balance(words, width, floor)
    if lines is None or any(head_advance(line) < floor for line in lines):
        return None
    return lines


def _head_measure(words: tuple[str, ...], start: int, stop: int) -> float:
    """Return the width in em of a headline's words start…stop set as one line."""
    return head_advance(" ".join(words[start:stop]))


def _head_breaks(words: tuple[str, ...], lines: int, room: float, floor: float,
                 last_floor: float) -> tuple[str, ...] | None:
    """Return the least costly breaks of a headline into so many lines of room em, or None.

    Each line costs the square of what it lacks of the room (the last only of half of it), a break inside a
    phrase costs more, a one-word last line far more; no line is shorter than floor (the last than last_floor).
    """
    count = len(words)
    inf = math.inf
    # best[k][j]: the least cost of setting words[:j] in k lines, and where its last line starts
    best = [[(inf, 0)] * (count + 1) for _ in range(lines + 1)]
    best[0][0] = (0.0, 0)
    for k in range(1, lines + 1):
        for j in range(1, count + 1):
            for i in range(j - 1, -1, -1):
                length = _head_measure(words, i, j)
                if length > room:
                    break
                if best[k - 1][i][0] == inf or length < (floor if j < count else last_floor):
                    continue
                # lines as full as they go, as first fit sets them, but a last line not left short
                short = room - length if j < count else LAST_LINE_WEIGHT * max(0.0, LAST_LINE * room - length)
                cost = best[k - 1][i][0] + short ** 2
                if i and not _phrase_break(words, i):
                    cost += (PHRASE_WEIGHT * room) ** 2
                if k == lines and j == count and j - i == 1:
                    cost += 100 * room ** 2  # a one-word last line
                if cost < best[k][j][0]:
                    best[k][j] = (cost, i)
    if best[lines][count][0] == inf:
        return None
    result, j = [], count
    for k in range(lines, 0, -1):
        i = best[k][j][1]
        result.append(" ".join(words[i:j]))
        j = i
    return tuple(reversed(result))


# ---------- writing the lines for WeasyPrint ----------

def line_html(chars: list[str], opened: list[tuple[str, ...]], line: Line) -> str:
    """Return one line's HTML: its text with its inline tags opened and closed inside it."""
    out: list[str] = []
    current: tuple[str, ...] = ()
    for index in range(line.start, line.end):
        tags = opened[index]
        if tags != current:
            common = 0
            while common < min(len(tags), len(current)) and tags[common] == current[common]:
                common += 1
            out += [f"</{t.split()[0]}>" for t in reversed(current[common:])]
            out += [f"<{t}>" for t in tags[common:]]
            current = tags
        out.append(html.escape(chars[index], quote=False))
    if line.hyphen:
        out.append("-")
    out += [f"</{t.split()[0]}>" for t in reversed(current)]
    return "".join(out)


def spacing(line: Line, settings: Composer, letter0: float, word0: float) -> tuple[int, int]:
    """Return the line's letter and word spacing in steps: what its ratio takes from letters, and for a
    tight line the spaces' shrink (WeasyPrint justifies only by stretching; what is left it spreads itself).

    Both are rounded down to a step, so a line is only ever narrower than the composer chose: the
    justification gives the spaces back the rest.
    """
    space = advance(" ", _face(frozenset()))
    ratio = line.ratio
    # the line's own share of the letter spacing: the text's (a tight or loose fit) plus the line's, within ±letter
    room = max(0.0, settings.letter - letter0) if ratio > 0 else max(0.0, settings.letter + letter0)
    # a line past the limits (only in a paragraph with no breaks within them) spreads its letters further
    letter = math.floor((letter0 + max(-emergency_reach(settings, letter0, -1),
                                       min(ratio, emergency_reach(settings, letter0, 1))) * room)
                        / LETTER_STEP + 1e-9)
    # WeasyPrint gives a space word-spacing plus letter-spacing: take the line's letter spacing back off
    # its spaces, so that only the word spacing (within its limits) changes them
    word = word0 + (letter0 - letter * LETTER_STEP) + (ratio * space * (1 - settings.word_min) if ratio < 0 else 0.0)
    return letter, math.floor(word / WORD_STEP + 1e-9)


def _hang_class(line: Line) -> str:
    """Return a line's hang class (a negative right margin: the justification fills the line past the edge)."""
    return f" h{round(line.hang / HANG_STEP)}" if line.hang else ""  # a last line never hangs


def spacing_css(body: str) -> str:
    """Return the style rules of the spacing steps a composed body's lines use (one rule per step)."""
    steps = STEPS_RE.findall(body)
    letters = sorted({int(letter) for letter, _ in steps})
    words = sorted({int(word) for _, word in steps})
    rules = [f".ln.l{n} {{ letter-spacing: {n * LETTER_STEP:.4f}em; }}" for n in letters]
    rules += [f".ln.w{n} {{ word-spacing: {n * WORD_STEP:.4f}em; }}" for n in words]
    rules += [f".ln.h{n} {{ margin-right: -{n * HANG_STEP:.4f}em; }}" for n in sorted({int(h) for h in HANGS_RE.findall(body)})]
    return "\n".join(rules)


def _spaced_width(chars: list[str], styles: list[Style], line: Line, steps: tuple[int, int]) -> float:
    """Return a line's width in em as WeasyPrint measures it before justifying: at its own spacing."""
    letter, word = steps[0] * LETTER_STEP, steps[1] * WORD_STEP
    count, spaces = line.end - line.start, chars[line.start:line.end].count(" ")
    return run_width(chars, styles, line.start, line.end) + count * letter + spaces * word


@lru_cache(maxsize=8192)
def compose_paragraph(inner: str, width: float, indent: float, settings: Composer, letter0: float,
                      word0: float, whole: frozenset[int] = frozenset(),
                      looseness: int = 0) -> tuple[str | None, float, bool]:
    """Return a paragraph's inner HTML as composed lines, its widest word spacing (share of the space) or
    its tightest where only that is past the limits, and whether it is set past a limit (to be reported).

    Each line is a span that never wraps, the spans joined by plain spaces: WeasyPrint can break only
    between them, justifies every line but the last (as any paragraph) and leaves the last ragged. Should
    the last line fit beside the one before (a very loose line before a short end), the lines are joined
    by forced breaks instead, every one justified and the last filled out by an empty inline block.

    `looseness` (TeX's), for a text set tight or loose: −1 sets the paragraph a line shorter where it can be
    (squeezing as a paragraph with no other way may), +1 a line longer only within the limits; otherwise it
    keeps its best breaks.

    The HTML is None when the paragraph cannot be composed: markup the composer does not read, or no
    breaks within the limits (and, when paper.yaml allows it, within the emergency stretch either).
    """
    parsed = parse(inner)
    if parsed is None:
        return None, 0.0, True
    chars, styles, opened = parsed
    items = items_of(chars, styles, settings)
    lines, tolerance = best_lines(items, chars, width, indent, settings, letter0, word0)
    if lines is None:
        return None, 0.0, True
    if looseness and len(lines) + looseness >= 1:
        # a line fewer may squeeze spaces as a paragraph with no other way does; a line more only within the
        # limits (a stretched line is what the composer is there to avoid)
        lines = break_lines(items, chars, width, indent, settings, letter0, word0,
                            max(1.0, settings.emergency) if looseness < 0 else 1.0, lines=len(lines) + looseness) or lines
    if whole:  # the same number of lines (the text's setting stays as measured), those kept whole if they can
        # be with no line looser than a reader sees (or than the paragraph has already)
        loosest = max([min(WHOLE_TOLERANCE, max(1.0, settings.emergency))] +
                      [line.ratio for line in lines if not line.last])
        lines = break_lines(items, chars, width, indent, settings, letter0, word0, loosest, whole,
                            len(lines)) or lines
    shares = [word_share(line, settings) for line in lines if not line.last]
    widest = max(shares, default=1.0)
    if widest <= settings.word_max + 1e-6 and min(shares, default=1.0) < settings.word_min - 1e-6:
        widest = min(shares)  # set past the limits only on the tight side: the tightest is what is reported
    past = past_limits(lines, chars, settings)
    steps = [spacing(line, settings, letter0, word0) for line in lines]
    spans = [f'<span class="ln l{letter} w{word}{_hang_class(line)}">{line_html(chars, opened, line)}</span>'
             for line, (letter, word) in zip(lines, steps, strict=True)]
    forced = False
    if len(lines) > 1:
        space = advance(" ", _face(frozenset()))  # between two lines: volna.css gives it no spacing
        joined = _spaced_width(chars, styles, lines[-2], steps[-2]) + space + \
            _spaced_width(chars, styles, lines[-1], steps[-1]) + (indent if len(lines) == 2 else 0.0)
        forced = joined <= width + JOIN_MARGIN_EM
    if not forced:
        return " ".join(spans), widest, past
    last = lines[-1]
    natural = _spaced_width(chars, styles, last, steps[-1]) + (indent if len(lines) == 1 else 0.0) + SAFETY_EM
    spans[-1] = spans[-1][:-len("</span>")] + f'<span class="fill" style="width:{max(0.0, width - natural - 0.05):.3f}em">' \
        "</span></span>"
    return "<br>".join(spans), widest, past


def best_lines(items: list[Item], chars: list[str], width: float, indent: float, settings: Composer,
               letter0: float = 0.0, word0: float = 0.0) -> tuple[list[Line] | None, float]:
    """Return a paragraph's best lines within the limits or, if it has none, past them as little as it
    must (paper.yaml's emergency: spaces further, letters to emergency_letter, a hyphen more running), and
    the tolerance they were found at (above 1: past the limits)."""
    lines = break_lines(items, chars, width, indent, settings, letter0, word0, 1.0)
    if lines is not None or settings.emergency <= 1:
        return lines, 1.0
    return break_lines(items, chars, width, indent, settings, letter0, word0, settings.emergency), settings.emergency


def past_limits(lines: list[Line], chars: list[str], settings: Composer) -> bool:
    """Return whether composed lines break a limit: spacing past the range (a last line only squeezed), or
    hyphens running past it — as the break search counts them: an added hyphen or a compound's own, not a
    space after a suspended one («северо- и»)."""
    running = 0
    for line in lines:
        own = 0 < line.end < len(chars) and chars[line.end - 1] == "-" and chars[line.end] not in " \u00a0"
        running = running + 1 if line.hyphen or own else 0
        if running > settings.max_hyphens:
            return True
    return any(line.ratio < -1 - 1e-9 or (not line.last and line.ratio > 1 + 1e-9) for line in lines)


LINE_OPEN_RE = re.compile(r'<span class="ln l-?\d+ w-?\d+(?: h\d+)?">')
FILL_RE = re.compile(r'<span class="fill" style="[^"]*"></span>')
INNER_BREAK_RE = re.compile(r"[-\u2010\u2013\u2014/\u200b]")  # where Pango may break inside a line


def measuring_form(body: str) -> str:
    """Return a composed body as cheap to lay out as WeasyPrint's own paragraphs, in the same line boxes.

    A span a line costs WeasyPrint as much again as the text it holds, and measuring (how many lines, where
    a text ends) needs only where lines break, not how they are spaced. So each line becomes its text
    with its spaces no-break: WeasyPrint can break only between lines, every line is one unbreakable run
    (one the composer set tight may stand a little past the column's edge), and a paragraph keeps exactly
    its composed line boxes, so the fit measured is the fit printed. A line holding another break
    opportunity (a hyphen or dash inside it, a slash) keeps its span, or part of it could move up a line;
    a forced paragraph's last-line filler goes (unspaced, the line plus filler could wrap).
    """
    body = FILL_RE.sub("", body)
    out: list[str] = []
    done = 0
    for opened in LINE_OPEN_RE.finditer(body):
        if opened.start() < done:
            continue
        depth, index = 1, opened.end()
        for tag in TAG_RE.finditer(body, opened.end()):  # the span's own end, past the spans inside it
            depth += 1 if tag.group().startswith("<span") else -1 if tag.group() == "</span>" else 0
            if depth == 0:
                index = tag.start()
                break
        inner = body[opened.end():index]
        out.append(body[done:opened.start()])
        if INNER_BREAK_RE.search(TAG_RE.sub("", inner)[:-1]):
            out.append(body[opened.start():index + len("</span>")])
        else:
            out += [part if part.startswith("<") else part.replace(" ", "\u00a0") for part in TAG_RE.split(inner)]
        done = index + len("</span>")
    return "".join(out) + body[done:]


def word_share(line: Line, settings: Composer) -> float:
    """Return the spaces' width in a line as a share of the normal space (1.4: 140 %)."""
    if line.ratio <= 1:
        return 1 + line.ratio * ((settings.word_max - 1) if line.ratio > 0 else (1 - settings.word_min))
    return settings.word_max + (line.ratio - 1) * (settings.word_max - 1)  # stretch past the limit: spaces only


Whole = tuple[tuple[int, int], ...]  # (block, line) pairs: lines that end a column, never in a hyphen


def compose_body(body: str, width_mm: float, body_pt: float, settings: Composer, spacing: str = "",
                 whole: Whole = ()) -> Result:
    """Compose every body paragraph of a text's HTML at a column width; other blocks are left as they are.

    A paragraph is indented unless it is the text's first paragraph or follows a heading (volna.css).
    `whole` names the lines (of a paragraph, from 0) found last in a column: they are kept unhyphenated.
    """
    width = width_mm * PT_PER_MM / body_pt
    values = {kind: float(value) for kind, value in SPACING_RE.findall(spacing)}
    letter0, word0 = values.get("letter", 0.0), values.get("word", 0.0)
    # a text set tight or loose (fit:, or the layout's own 1 %) also has each paragraph a line shorter or
    # longer where the limits allow: total fit alone keeps a paragraph's lines, only their spacing changes
    looseness = -1 if letter0 < 0 else 1 if letter0 > 0 else 0
    tags = {int(index): tag for tag, index in BLOCK_RE.findall(body)}
    failed: list[tuple[int, str, float]] = []

    def replace(match: re.Match[str]) -> str:
        block = int(match.group(1))
        first = not any(tags.get(i) == "p" for i in range(block))
        indent = 0.0 if first or tags.get(block - 1) in HEADINGS else settings.indent
        keep = frozenset(line for b, line in whole if b == block)
        composed, widest, past = compose_paragraph(match.group(2), width, indent, settings, letter0, word0,
                                                   keep, looseness)
        if composed is None or past:
            text = html.unescape(TAG_RE.sub("", match.group(2)))
            failed.append((block, " ".join(text.split()[:8]), widest))
        if composed is None:
            return match.group(0)
        forced = " forced" if "<br>" in composed else ""
        return f'<p data-b="{block}" class="composed{forced}">{composed}</p>'

    return Result(PARAGRAPH_RE.sub(replace, body), tuple(failed))
