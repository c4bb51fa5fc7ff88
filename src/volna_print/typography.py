"""Russian print typography for «Волна»: quotes, dashes, non-breaking spaces.

Every special character produced is one PT Serif / PT Sans have: « » „ “ — – − … ’ № § and
U+00A0, which stands for every non-breaking or thin space (never U+202F, U+2009, U+2010, U+2011).

House choices, where Russian practice allows more than one answer:

* Non-breaking spaces belong to the typographer: U+00A0 and the thin/figure spaces in the input
  are read as ordinary spaces and the rules decide again. This is what makes ``typeset``
  idempotent; runs of spaces collapse to one; tabs, newlines and line ends are kept.
* Quotes: «ёлочки» outside, „лапки“ on every inner level. Each quote is opened or closed by its
  neighbours; where they do not tell, the glyph typed (« „ ‘ open, » “ ” ’ close) decides, and for
  a straight quote the nesting depth does. Nesting is reset at blank lines and HTML blocks.
  A double quote without a partner still becomes « or »; a single quote (' ‘ ’) without a
  partner is left as typed, because it is more often an apostrophe or a prime (5').
  ' ‘ ’ between two letters is an apostrophe and becomes ’ (O’Connor, д’Артаньян).
* Dashes: a spaced - – — -- --- between words becomes U+00A0 + «—» + space; so does one glued
  to a preceding comma/!/?/…/closing quote («…», — сказал). A dash opening a line is direct
  speech: «— » + U+00A0. Unspaced dashes between words (Москва—Петербург) are left alone.
  Number ranges take an en dash without spaces (1941–1945, 9:00–18:00, 10–12) unless part of a
  longer chain (3-21-95, 2025-07-30). A hyphen before a digit after a space, «(», a quote or at
  a line start is a minus (−5 °C); a spaced range (10 - 12) is treated as a spaced dash, except
  between clock times (09:00 - 18:00 → 09:00–18:00), which can only be a range.
* U+00A0 goes: after the short words of ``_SHORT_WORDS`` (any case, also after «из-» etc.);
  before the particles ли ль же ж бы б; between initials and surname (А. А. Иванов, and
  Иванов А. А. with two initials); inside т. д., т. е., т. п., т. к., т. н., т. ч., и. о.,
  н. э. (written «т.д.» becomes «т. д.»); after the abbreviations of ``_ABBREVIATIONS``
  (г. and см. not after a number, where they are units); after № and § («№31» becomes «№ 31»);
  between a number and a following lowercase word, unit or sign (500 компаний, 25 руб., 5 °C),
  except a short word, which binds forward instead («с 8:00 до 14:00» is not one unbreakable chain).
* Percent: «10%» is kept glued as written; «10 %» keeps its space as U+00A0.
* Digit groups: an integer of five digits or more gets U+00A0 thousand separators (10 245;
  3500 stays), and groups already typed with spaces (1 000 000) are bound with U+00A0. Not
  grouped: numbers glued to letters, hyphens, dashes, «:», «/» or a decimal point before them,
  numbers after № or ИНН/ОГРН/КПП/БИК/ОКВЭД/р/с/индекс/код, numbers with a leading zero, and a six-digit number
  followed by a comma (a postcode: «238530, Калининград»).
* Word ranges take an en dash without spaces: months and weekdays (Март–декабрь, в апреле–мае,
  понедельник–четверг), centuries before в./вв./век (XX–XXI вв.), numbers before a case ending
  (80–90-е, 1980–2010-е, 5–7-х). A Roman numeral is bound to в./вв. (XIX⍽в.), «1990-х гг.» binds
  «гг.» to the number, and upper-case units follow their number (220⍽В, 16⍽А, 60⍽Вт, 32⍽ГБ).
* Glued abbreviations get their no-break space (т.о. → т.⍽о., мн.ч., ж.д., с.ш., а.е.м.; not
  «дд.мм» nor domain names); address and page abbreviations bind forward (оф.⍽22, илл.⍽5, эт.⍽3),
  and so do «дом», «корпус», «офис»… before a number.
* Typing slips are repaired: a space after an address abbreviation glued to its name or number
  (г.Москва, ул.Ленина, д.5), after a comma glued to the next word (горизонт,и; Ленина,20 — not
  1,5), after ?/! or a sentence's full stop glued to a capital (дня.Потом); no space before , ; : ! ? ) . (a score «2 : 1» is kept) or
  after «(»; a unit glued to its number (2007г., 100руб., 10тыс., 2002году); «2x3» → «2×3»,
  «48 м2» → «48⍽м²», «(c)» → «©», «+-» → «±». The repairs run to a fixed point, so they stay
  idempotent together.
* «...» becomes «…»; «ё» is never touched.
* Left verbatim: URLs (http://, https://, ftp://, www.), e-mail addresses, phone numbers
  («8 (40150) 3-21-95», «+7 (4012) 12-34-56», «8 900 123-45-67», «3-21-95», «(4942)514172», and
  any run of six digits or more after «тел.», «факс», «моб.»), standards (ГОСТ⍽Р⍽52289-2019,
  СП⍽42.13330.2016: bound, never grouped, no en dash), `code` in plain text, and <code>, <kbd>,
  <samp>, <pre>, <script>, <style>, <textarea> in HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain

__all__ = ["NBSP", "to_html_entities", "typeset", "typeset_html"]

NBSP = "\u00a0"

_Edit = tuple[int, int, str]
_Repl = str | Callable[[re.Match[str]], str]

# Placeholders for verbatim spans are private-use characters: rules see one word-like glyph.
_PUA = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_DASHES = "-–—−"
_QUOTES = "\"“”„‟«»‘’‚'"
_SINGLES = "'‘’‚"
_OPEN_HINT = "«„‚‘"
_CLOSE_HINT = "»“”’"
_LEFT_OPEN = "([{" + _DASHES
_RIGHT_CLOSE = ".,;:!?)]}" + _DASHES + _QUOTES
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

_SHORT_WORDS = [
    "а", "в", "и", "к", "о", "с", "у", "я",
    "во", "да", "до", "за", "из", "ко", "на", "не", "ни", "но", "об", "от", "по", "со",
    "без", "вне", "для", "изо", "как", "или", "меж", "над", "обо", "ото", "под", "при", "про", "что",
]
_ABBREVIATIONS = [
    "г", "гг", "ул", "обл", "стр", "рис", "табл", "см", "д", "дер", "пос", "пр", "просп", "пер", "пл",
    "наб", "тел", "им", "ст", "ч", "п", "с", "гл", "кв", "корп", "мкр", "тыс", "илл", "ил", "оф", "эт", "комн",
    "уч", "бул", "ш", "вл", "каб",
]
_UNIT_ABBREVIATIONS = {"г", "гг", "см"}  # after a number they are units and end a sentence freely


def _same(char: str) -> str:
    """Return a character unchanged (plain-text output)."""
    return char


def _html_escape(char: str) -> str:
    """Escape one text character for HTML; quotes need none since they become « »."""
    return _ESCAPES.get(char, char)


def _weave(text: str, anchors: list[tuple[int, str]], held: dict[str, str],
           escape: Callable[[str], str]) -> str:
    """Render text with held spans restored and tags put back at their anchors."""
    if not anchors and not held and escape is _same:
        return text
    out: list[str] = []
    k = 0
    for i, char in enumerate(text):
        while k < len(anchors) and anchors[k][0] <= i:
            out.append(anchors[k][1])
            k += 1
        out.append(held[char] if char in held else escape(char))
    out.extend(tag for _, tag in anchors[k:])
    return "".join(out)


def _remap(pos: int, edits: list[_Edit]) -> int:
    """Move a tag anchor through a list of sorted, non-overlapping edits."""
    delta = 0
    for start, end, new in edits:
        if pos <= start:
            break
        if pos < end:  # inside a replaced span: keep its offset, clamped to the new text
            return start + delta + min(pos - start, len(new))
        delta += len(new) - (end - start)
    return pos + delta


def _free_chars(taken: set[str]) -> Iterator[str]:
    """Yield private-use characters not present in the input, for placeholders."""
    for cp in chain(range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE)):
        if chr(cp) not in taken:
            yield chr(cp)


class _Stream:
    """Text under typesetting, with tags anchored between characters and held spans."""

    def __init__(self, items: list[tuple[str, str]], escape: Callable[[str], str]) -> None:
        """Build from ("text", s) / ("tag", raw) / ("held", raw) items."""
        self.escape = escape
        self.held: dict[str, str] = {}
        self.anchors: list[tuple[int, str]] = []
        taken = {c for kind, s in items if kind == "text" for c in s if _is_pua(c)}
        self._free = _free_chars(taken)
        parts: list[str] = []
        size = 0
        for kind, s in items:
            ph = next(self._free, None) if kind == "held" else None
            if kind == "text" or ph is not None:
                piece = s if kind == "text" else str(ph)
                if ph is not None:
                    self.held[ph] = s
                parts.append(piece)
                size += len(piece)
            else:  # a tag, or a held span when placeholders ran out: invisible to the rules
                self.anchors.append((size, s))
        self.text = "".join(parts)

    def sub(self, pattern: re.Pattern[str], repl: _Repl) -> None:
        """Apply a regex substitution, keeping tag anchors in place."""
        edits: list[_Edit] = []
        for m in pattern.finditer(self.text):
            new = repl(m) if callable(repl) else m.expand(repl)
            if new != m.group():
                edits.append((m.start(), m.end(), new))
        self.apply(edits)

    def apply(self, edits: list[_Edit]) -> None:
        """Apply sorted, non-overlapping edits."""
        if not edits:
            return
        parts: list[str] = []
        pos = 0
        for start, end, new in edits:
            parts += [self.text[pos:start], new]
            pos = end
        parts.append(self.text[pos:])
        self.text = "".join(parts)
        self.anchors = [(_remap(p, edits), tag) for p, tag in self.anchors]

    def hold(self, spans: list[tuple[int, int]]) -> None:
        """Replace spans by placeholders so that no rule touches them."""
        edits: list[_Edit] = []
        for start, end in spans:
            ph = next(self._free, None)
            if ph is None:
                break
            inner = [(p - start, t) for p, t in self.anchors if start < p < end]
            self.held[ph] = _weave(self.text[start:end], inner, {}, self.escape)
            edits.append((start, end, ph))
        inside = {p for s, e, _ in edits for p, _t in self.anchors if s < p < e}
        self.anchors = [(p, t) for p, t in self.anchors if p not in inside]
        self.apply(edits)

    def render(self) -> str:
        """Return the typeset text with held spans and tags restored."""
        return _weave(self.text, self.anchors, self.held, self.escape)


def _is_pua(char: str) -> bool:
    """Tell whether a character is in a private-use area (possible placeholder)."""
    cp = ord(char)
    return 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000


# --- protection -----------------------------------------------------------------------------

_TICKS = re.compile(r"```[\s\S]*?```|`[^`\n]+`")
_PROTECT = re.compile(
    rf"(?P<url>(?<![\w.…@/])(?:(?:https?|ftp)://|www\.)[^\s<>«»“”„{_PUA}]+)"
    # an e-mail takes the whole run before «@», so no rule can split it and shift its start
    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|(?<![\w+\-–—−.…,:/])(?:"
    r"(?:(?:\+\d{1,3}|8)[ \-]?)?\(\d{3,5}\)[ \-]?\d{1,3}(?:[ \-]\d{2}){2}"
    r"|(?:\+\d{1,3}|8)[ \-]?\d{3}[ \-]?\d{3}(?:[ \-]?\d{2}){2}"
    r"|\d{1,3}(?:-\d{2}){2}"
    r"|(?:(?:\+\d{1,3}|8)[ \-]?)?\(\d{3,5}\)[ \-]?\d{5,7}"  # (4942)514172: a code glued to the number
    r")(?![\w\-–—−]|[.,:]\d)"
)
# After «тел.», «факс», «моб.» any run of digits is a phone number, however it is typed: «тел. 3522255512».
_PHONE_AFTER_WORD = re.compile(
    r"(?<!\w)(?:[Тт]ел|[Фф]акс|[Мм]об)\.?:?[ ]?(?P<n>\+?\(?\d(?:[()\-]|[ ](?=[\d(])|\d){4,}\d)(?![\d\-–—−])")
# Units glued to their number by a slip («2007г.», «100руб.», «10тыс.»), longest first.
_GLUED_UNITS = "|".join(sorted([
    "г", "гг", "кг", "мг", "т", "ц", "км", "м", "см", "мм", "га", "л", "мл", "руб", "коп", "р\\.", "тыс", "млн",
    "млрд", "трлн", "мин", "ч", "сек", "шт", "чел", "экз", "год", "года", "году", "годом", "лет",
], key=len, reverse=True))
# Standards and specifications: the designation and its number are one unbreakable name, never a quantity
# or a range: «ГОСТ Р 52289-2019», «СП 42.13330.2016», «ТУ 1234-567-89», «ISO 9001».
_STANDARD = re.compile(
    r"(?<![\w\-])(?:ГОСТ|ОСТ|СТО|ТУ|СНиП|СанПиН|СП|ISO|ИСО|IEC|МЭК|DIN|EN)"
    r"(?:[ \u00a0](?:Р|ISO|ИСО|IEC|МЭК|EN))*[ \u00a0]?\d+(?:[.\-–—:/]\d+)*"
    rf"(?![\w\-]|[ \u00a0](?:{_GLUED_UNITS})(?![а-яёa-z\d]))")  # «СП 5 лет» is a quantity


def _url_length(url: str) -> int:
    """Length of a URL without the sentence punctuation glued to its end."""
    end = len(url)
    while end:
        c = url[end - 1]
        unbalanced = (c == ")" and url.count("(", 0, end) < url.count(")", 0, end)) or (
            c in "\"'" and url.count(c, 0, end) % 2 == 1)
        if c not in ".,;:!?…" and not unbalanced:
            break
        end -= 1
    prefix = len(_URL_PREFIX.match(url).group())  # type: ignore[union-attr]  # the caller found a URL here: the prefix matches
    return end if end > prefix else 0


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses, phone numbers and standards, sorted and not overlapping."""
    spans = [m.span() for m in _STANDARD.finditer(text)]
    spans += [m.span("n") for m in _PHONE_AFTER_WORD.finditer(text) if sum(map(str.isdigit, m["n"])) >= 6]
    for m in _PROTECT.finditer(text):
        end = m.start() + _url_length(m.group()) if m.group("url") else m.end()
        if end > m.start():
            spans.append((m.start(), end))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _bind_standard(m: re.Match[str]) -> str:
    """Bind the parts of a standard's designation: «ГОСТ⍽Р⍽52289-2019»."""
    return m.group().replace(" ", NBSP)


# --- quotes ---------------------------------------------------------------------------------

_URL_PREFIX = re.compile(r"(?:https?|ftp)://|www\.")
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTES)}]")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


def _opens(char: str, prev: str, nxt: str, prev_open: bool | None, depth: int) -> bool:
    """Decide whether a quote opens, from its neighbours, then its glyph, then the depth."""
    left_open = prev.isspace() or prev in _LEFT_OPEN or bool(prev_open)
    right_close = nxt.isspace() or nxt in _RIGHT_CLOSE
    if left_open != right_close:
        return left_open
    if char in _OPEN_HINT:
        return True
    if char in _CLOSE_HINT:
        return False
    return depth == 0


def _quote_paragraph(text: str, start: int, end: int) -> list[_Edit]:
    """Edits that set the quotes and apostrophes of one paragraph."""
    toks: list[tuple[int, bool]] = []
    decided: dict[int, bool] = {}
    stack: list[int] = []
    matched: set[int] = set()
    edits: list[_Edit] = []
    for m in _QUOTE_RE.finditer(text, start, end):
        i, char = m.start(), m.group()
        prev = text[i - 1] if i > start else "\n"
        nxt = text[i + 1] if i + 1 < end else "\n"
        if char in _SINGLES and (prev.isdigit() or prev.isalpha() and nxt.isalpha()):
            if prev.isalpha() and char != "’":  # apostrophe; after a digit it is a prime
                edits.append((i, i + 1, "’"))
            continue
        opening = decided[i] = _opens(char, prev, nxt, decided.get(i - 1), len(stack))
        toks.append((i, opening))
        if opening:
            stack.append(len(toks) - 1)
        elif stack:
            matched.update((stack.pop(), len(toks) - 1))
    return sorted(edits + _render_quotes(text, toks, matched))


def _render_quotes(text: str, toks: list[tuple[int, bool]], matched: set[int]) -> list[_Edit]:
    """Edits giving each quote its glyph by level; unmatched singles stay as typed."""
    edits: list[_Edit] = []
    depth = 0
    for k, (i, opening) in enumerate(toks):
        if k not in matched:
            if text[i] in _SINGLES:
                continue
            new = "«" if opening else "»"  # an unmatched quote is never inside a matched pair
        elif opening:
            new = "„" if depth else "«"
            depth += 1
        else:
            depth -= 1
            new = "“" if depth else "»"
        if new != text[i]:
            edits.append((i, i + 1, new))
    return edits


def _set_quotes(st: _Stream) -> None:
    """Set quotes paragraph by paragraph (blank lines reset the nesting)."""
    edits: list[_Edit] = []
    start = 0
    for m in chain(_PARA_BREAK.finditer(st.text), [None]):
        end = m.start() if m else len(st.text)
        edits += _quote_paragraph(st.text, start, end)
        start = m.end() if m else end
    st.apply(edits)


# --- rules ----------------------------------------------------------------------------------

def _join_abbreviation(m: re.Match[str]) -> str:
    """«т.д.» / «т. д.» → «т.⍽д.»."""
    s = m.group().replace(" ", "")
    return s[:2] + NBSP + s[2:]


def _group_digits(m: re.Match[str]) -> str:
    """Insert U+00A0 thousand separators unless the number is a postcode or an ID."""
    digits, text, start = m.group(), m.string, m.start()
    if len(digits) == 6 and text[m.end():m.end() + 1] == ",":
        return digits
    if _ID_BEFORE.search(text, max(0, start - 12), start):
        return digits
    head = len(digits) % 3 or 3
    return NBSP.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _bind_groups(m: re.Match[str]) -> str:
    """Bind digit groups typed with spaces: 1 000 000 → 1⍽000⍽000."""
    return re.sub(r"[ \u00a0]", NBSP, m.group())


def _abbreviation(m: re.Match[str]) -> str:
    """Bind an abbreviation to the next word, unless it is a unit after a number (also «1990-х гг.»)."""
    word = m.group(1).rstrip(".").lower()
    after_number = _NUMBER_BEFORE.search(m.string[max(0, m.start() - 6):m.start()])
    if word in _UNIT_ABBREVIATIONS and after_number:
        return m.group()
    return m.group(1) + NBSP


def _join_chain(m: re.Match[str]) -> str:
    """«т.о.», «мн. ч.», «а.е.м.» → parts bound by U+00A0, except dates' masks and domain names."""
    parts = [part.strip(" \u00a0") for part in m.group().split(".")[:-1]]
    if _NOT_ABBREVIATION & {part.lower() for part in parts}:
        return m.group()
    return NBSP.join(part + "." for part in parts)


def _times(m: re.Match[str]) -> str:
    """«2x3» → «2×3», but not a hexadecimal «0x1F»."""
    if re.search(r"(?<![\w.,])0$", m.string[max(0, m.start() - 2):m.start()]) and m.group().strip() in "xX":
        return m.group()
    return "×"


def _power(m: re.Match[str]) -> str:
    """«48 м2» → «48⍽м²»."""
    return m.group(1) + NBSP + m.group(2) + {"2": "²", "3": "³"}[m.group(3)]


def _initials(m: re.Match[str]) -> str:
    """Bind initials to each other and to the surname that follows."""
    return NBSP.join(g for g in m.groups() if g) + NBSP


_ID_BEFORE = re.compile(r"(?:ИНН|ОГРНИП|ОГРН|КПП|БИК|ОКПО|ОКТМО|ОКАТО|ОКВЭД|СНИЛС|[ркл]/с|индекс|код|арт\.|"
                        r"артикул)[\s:]*$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?:\d|\d-[а-яё]{1,3})[ \u00a0]$")
_NOT_ABBREVIATION = {"дд", "мм", "рф", "ру", "рус", "орг", "укр", "бг", "срб"}
_MONTH = (r"(?:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|"
          r"сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])")
_WEEKDAY = (r"(?:понедельник[аеу]?|вторник[аеу]?|сред[аыеуы]|четверг[аеу]?|пятниц[аыеу]|суббот[аыеу]|"
            r"воскресень[еяю])")
_ROMAN = r"[IVXLC]+"
# Upper-case units after a number: volts, amperes, watts, hertz, ohms, joules, pascals, bytes.
_CAPITAL_UNITS = "В|А|Вт|МВт|ГВт|Гц|МГц|ГГц|Ом|Дж|Па|МПа|ГБ|МБ|КБ|ТБ|Гб|Мб|Кб|Тб"
_ADDRESS_NAME = r"(?:[Уу]л|[Пп]р|[Пп]росп|[Пп]ер|[Пп]л|[Нн]аб|[Оо]бл|[Пп]ос|[Дд]ер|[Мм]кр|г|с|им|ст)"
_ADDRESS_NUMBER = r"(?:д|кв|оф|стр|корп|эт|[Тт]ел|илл|рис|табл|гл|стр|п|ч|ст|каб)"
_C = re.compile
_DASH = r"(?:-{1,3}|–|—)"
_SHORT = "|".join(_SHORT_WORDS)
_ABBR = "|".join(_ABBREVIATIONS)

_NORMALISE: list[tuple[re.Pattern[str], _Repl]] = [
    (_C("[\u00a0\u2000-\u200a\u202f\u205f\u3000]"), " "),
    (_C("[\u2010\u2011]"), "-"),
    (_C("\u2012"), "–"),
    (_C("\u2015"), "—"),
    (_C(" {2,}"), " "),
]
# Spaces typed inside brackets and before punctuation go before URLs are found: no URL holds a space, and
# «www. )» must be read the same way on every pass.
_SPACING: list[tuple[re.Pattern[str], _Repl]] = [
    (_C(r"(?<=\()[ ]+"), ""),
    (_C(r"(?<=[^\s(])[ ]+(?=[,;!?)]|\.(?![.\d])|:(?![ ]?\d))"), ""),
]
_SLIP_PASSES = 4
_BEFORE_QUOTES: list[tuple[re.Pattern[str], _Repl]] = [
    (_C(r"\.\.\."), "…"),
    # typing slips: signs typed as letters, spaces missing or doubled around punctuation
    (_C(r"\([cCсС]\)"), "©"),
    (_C(r"(?<![+\w])\+-(?=[ ]?\d)"), "±"),
    (_C(r"(?<=\d)[ ]?[xXхХ×][ ]?(?=\d)"), _times),
    (_C(r"(?<![\w.,])(\d+(?:[.,]\d+)?)[ ]?(км|см|мм|дм|м)([23])(?![\w²³])"), _power),
    (_C(rf"(?<![\w.])(?<!\.[ ])(?:({_ADDRESS_NAME}\.)(?=[А-ЯЁ])|({_ADDRESS_NUMBER}\.)(?=\d))"), "\\1\\2 "),
    (_C(rf"(?<![\w.,:/\-–—−+№§#])(?<![№§] )(\d+(?:[.,]\d+)?)(?=(?:{_GLUED_UNITS})(?![а-яёa-z\d]))"), "\\1 "),
    (_C(rf"(?<=[^\W\d_]),(?=[^\W_]|[({_PUA}])|(?<=\d),(?=[^\W\d_]|[({_PUA}])"), ", "),
    (_C(r"(?<=[!?])(?=[А-ЯЁA-Z][а-яёa-z])|(?<=[а-яё)]\.)(?=[А-ЯЁ][а-яё])"), " "),
    # abbreviations typed without their space; «XX в. в.» is «XX вв.», «2012-2015 г. г.» is «гг.»
    (_C(r"(?<=[IVXLC])[ ]?в\.[ \u00a0]?в\.(?!\w)"), " вв."),
    (_C(r"(?<=[IVXLC])(?=вв?\.)"), " "),
    (_C(r"(?<=\d)[ ]?г\.[ \u00a0]?г\.(?!\w)"), " гг."),
    (_C(r"(?<![\w.])(?:(?i:т)\.[ ]?[депкнч]\.|(?i:и)\.[ ]?о\.|(?i:н)\.[ ]?э\.)"), _join_abbreviation),
    (_C(r"(?<!\w)[а-яёА-ЯЁ][а-яё]{0,2}\.(?:[ \u00a0]?[а-яё]{1,3}\.)+(?![\w])"), _join_chain),
]
_AFTER_QUOTES: list[tuple[re.Pattern[str], _Repl]] = [
    # dashes: ranges, minus, direct speech, spaced dash, dash glued to a comma
    # a spaced range of clock times is still a range (working hours «09:00 - 18:00»), never a dash
    (_C(r"(?<![\w.:])(\d{1,2}:\d{2})[ \u00a0]+[\-–—][ ]+(\d{1,2}:\d{2})(?![\w:])"), "\\1–\\2"),
    (_C(r"(?<![\w.,:/\-–—−+])(\d+(?:[.,:]\d+)?)[\-–—](?=\d)(\d+(?:[.,:]\d+)?)(?![\w\-–—−]|[.,:]\d)"),
     "\\1–\\2"),
    # word ranges: months, weekdays, centuries; ranges before a case ending: «80–90-е», «5–7-х»
    (_C(rf"(?<!\w)(?<!\w-)({_MONTH})[ ]?[\-–—][ ]?({_MONTH})(?![\w\-])", re.IGNORECASE), "\\1–\\2"),
    (_C(rf"(?<!\w)(?<!\w-)({_WEEKDAY})[ ]?[\-–—][ ]?({_WEEKDAY})(?![\w\-])", re.IGNORECASE), "\\1–\\2"),
    (_C(rf"(?<!\w)(?<!\w-)({_ROMAN})[ ]?[\-–—][ ]?({_ROMAN})(?=[ \u00a0]?(?:вв?\.|век|столет))"), "\\1–\\2"),
    (_C(r"(?<![\w.,:/\-–—−+])(\d+)[\-–—](\d+)(?=-[а-яё]{1,3}(?![\w\-]))"), "\\1–\\2"),
    (_C(rf"(?:^|(?<=[\s(\[={re.escape(_QUOTES)}]))-(?=\d)", re.MULTILINE), "−"),
    (_C(rf"^([ \t]*){_DASH}(?:[ ]+(?=\S)|(?=[^\W\d_]|[(…{re.escape(_QUOTES)}]))", re.MULTILINE),
     "\\1—" + NBSP),
    (_C(rf"(?<=\S)[ ]+{_DASH}(?=\s|$)", re.MULTILINE), NBSP + "—"),
    (_C(rf"(?<=[,!?…»“]){_DASH}(?=[ ])"), NBSP + "—"),
    # digit groups
    (_C(r"(?<![\w.,:/\-–—+№§#])(?<!№ )(?<!§ )[1-9]\d{4,}(?![\w\-–—−/]|:\d)"), _group_digits),
    (_C(r"(?<![\w.,:/\-+№§#])(?<!№ )\d{1,3}(?:[ \u00a0]\d{3})+(?![\w\-/]|:\d)"), _bind_groups),
    # non-breaking spaces
    (_C(r"(?<![\w.\-])([А-ЯЁ]\.)[ ]?(?:([А-ЯЁ]\.)[ ]?)?(?=[А-ЯЁ][а-яё])"), _initials),
    (_C(r"(?<=[а-яё])[ ]([А-ЯЁ]\.)[ \u00a0]?([А-ЯЁ]\.)(?!\w|[ \u00a0]?[А-ЯЁ][а-яё])"),
     NBSP + "\\1" + NBSP + "\\2"),
    (_C(rf"(?<![\w.\-])(?<!т\.\u00a0)((?:{_ABBR})\.|(?:млн|млрд|трлн)\.?)[ ](?=\S)", re.IGNORECASE),
     _abbreviation),
    (_C(rf"([№§])[ ]?(?=[\w{_PUA}])"), "\\1" + NBSP),
    (_C(rf"(?<![\w\-–—°])((?:{_ROMAN}–)?{_ROMAN})[ ]?(?=вв?\.)"), "\\1" + NBSP),
    (_C(r"(?:(?<=\d-[а-яё])|(?<=\d-[а-яё]{2}))[ ](?=(?:гг?|вв?)\.)"), NBSP),
    (_C(rf"(?<=\d)[ ](?=(?:{_CAPITAL_UNITS})(?!\w))"), NBSP),
    (_C(r"(?<![\w\-])((?i:дом|корпус|строение|квартира|офис|комната|подъезд|этаж|кабинет))[ ](?=\d)"),
     "\\1" + NBSP),
    # a short word after a number bound to it («220⍽В») is a unit, not a preposition
    (_C(rf"(?<!\d\u00a0)(?<![^\s(\[«„“\"'‘\-—–/])({_SHORT})[ ](?=\S)", re.IGNORECASE), "\\1" + NBSP),
    (_C(r"(?<=[\w»“)\]])[ ](?=(?:ли|ль|же|бы)(?![\w\-/])|[жб](?![\w\-/).]))"), NBSP),
    # a short word after a number opens the next phrase: binding it too makes unbreakable chains
    (_C(rf"(?<=\d)[ ](?=[а-яёa-z%‰°$€₽£])(?!(?:{_SHORT})\s)"), NBSP),
]


def _run(st: _Stream, ticks: bool) -> None:
    """Apply every rule to a stream, in order."""
    if ticks:
        st.hold([m.span() for m in _TICKS.finditer(st.text)])
    for pattern, repl in _NORMALISE:
        st.sub(pattern, repl)
    for pattern, repl in _SPACING:
        st.sub(pattern, repl)
    st.sub(_STANDARD, _bind_standard)
    st.hold(_protected_spans(st.text))
    # One repair can make another one apply (a space put after «г.» makes «2007г.» a glued year): repeat
    # to a fixed point, which is what keeps typeset(typeset(x)) == typeset(x).
    for _ in range(_SLIP_PASSES):
        before = st.text
        for pattern, repl in _BEFORE_QUOTES:
            st.sub(pattern, repl)
        if st.text == before:
            break
    _set_quotes(st)
    for pattern, repl in _AFTER_QUOTES:
        st.sub(pattern, repl)


@lru_cache(maxsize=4096)
def typeset(text: str) -> str:
    """Typeset plain text by the house rules (a pure function: the preview's rebuilds and the glyph check
    ask again for the same headlines, captions and bodies)."""
    st = _Stream([("text", text)], _same)
    _run(st, ticks=True)
    return st.render()


def to_html_entities(text: str) -> str:
    """Escape & < > and write U+00A0 as &nbsp; for the website."""
    return html.escape(text, quote=False).replace(NBSP, "&nbsp;")


# --- HTML -----------------------------------------------------------------------------------

_TAG_RE = re.compile(
    r"<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_RAW_INLINE = frozenset({"code", "kbd", "samp"})
_RAW_BLOCK = frozenset({"pre", "script", "style", "textarea"})
_BLOCK = _RAW_BLOCK | frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hr", "html", "iframe", "li", "main", "nav", "noscript", "ol", "option", "p",
    "section", "select", "summary", "table", "tbody", "td", "template", "tfoot", "th", "thead", "title",
    "tr", "ul",
})


def _raw_end(fragment: str, name: str, pos: int) -> int:
    """Position just after the closing tag of a raw element (or the end of the fragment)."""
    m = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(fragment, pos)
    return m.end() if m else len(fragment)


def _flush(items: list[tuple[str, str]], out: list[str]) -> None:
    """Typeset one block's inline content as a single stream and emit it."""
    if items:
        st = _Stream(items, _html_escape)
        _run(st, ticks=False)
        out.append(st.render())
        items.clear()


def typeset_html(fragment: str) -> str:
    """Typeset the text of an HTML fragment, leaving tags, attributes and code as they are."""
    out: list[str] = []
    items: list[tuple[str, str]] = []
    pos = 0
    while pos < len(fragment):
        m = _TAG_RE.search(fragment, pos)
        if m is None:
            items.append(("text", html.unescape(fragment[pos:])))
            break
        if m.start() > pos:
            items.append(("text", html.unescape(fragment[pos:m.start()])))
        tag, pos = m.group(), m.end()
        name_match = _TAG_NAME.match(tag)
        name = name_match.group(1).lower() if name_match else ""
        opening = not tag.startswith("</") and not tag.endswith("/>")
        if opening and name in _RAW_INLINE | _RAW_BLOCK:
            pos = _raw_end(fragment, name, pos)
            tag = fragment[m.start():pos]
        if name in _BLOCK:
            _flush(items, out)
            out.append(tag)
        else:
            items.append(("held" if opening and name in _RAW_INLINE else "tag", tag))
    _flush(items, out)
    return "".join(out)
