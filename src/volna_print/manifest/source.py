"""YAML documents that remember where every value came from, and a collector of problems."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..i18n import N_, _, os_reason

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A position in a source file, 1-based as editors count."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass
class Problems:
    """Every problem found in an issue, collected before anything stops."""

    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, mark: Mark, key: str, message: str) -> None:
        """Record an error at a position."""
        where = f"{mark}: {key}: " if key else f"{mark}: "
        self.messages.append(where + message)

    def warn(self, mark: Mark, key: str, message: str) -> None:
        """Record a warning at a position."""
        where = f"{mark}: {key}: " if key else f"{mark}: "
        self.warnings.append(where + message)

    def __bool__(self) -> bool:
        return bool(self.messages)


@dataclass
class Doc:
    """A parsed YAML document: plain data plus the mark of every node by its key path."""

    path: str
    data: Any
    marks: dict[Key, Mark]
    line_offset: int = 0
    key_marks: dict[Key, Mark] = field(default_factory=dict)
    texts: dict[Key, str] = field(default_factory=dict)  # scalars as written: «+11» before YAML made it 11

    def mark(self, key: Key) -> Mark:
        """Return the mark of the node at key, or of its nearest parent that has one."""
        while key not in self.marks and key:
            key = key[:-1]
        return self.marks.get(key, Mark(self.path, 1 + self.line_offset, 1))


PLAIN_KEY = re.compile(r"^[^\W\d][\w-]{0,39}$")  # shown bare; anything else is shown quoted


# How an entry of a list is named, counted from 1 as editors count: «статья 3 (articles/school.md)».
ENTRY_NAMES = {
    "articles": N_("article {number}"),
    "ads": N_("ad {number}"),
    "pages": N_("page {number}"),  # the plan's n-th entry is page n
    "images": N_("photo {number}"),
}


def printable(text: str) -> str:
    """Return text with its control characters written as escapes (\\u0000), never sent raw to a terminal."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c).startswith("C") else c for c in text)


def key_name(key: Key, data: Any = None) -> str:
    """Return a key path as an editor reads it: «статья 3 (articles/school.md), frame.col».

    Keys are shown as typed (odd ones quoted: articles." "); an entry of a list is named by what it is and
    its number counted from 1, with the file it names when data (the document's) gives one; an entry of
    another list is «imprint.founders, пункт 2».
    """
    parts: list[str] = []  # an entry's name, then the dotted keys inside it, joined by «, »
    path = ""  # the dotted keys since the last entry
    node = data
    for part in key:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            entry = ENTRY_NAMES.get(path)  # a top-level list of things: articles, ads, pages, images
            if entry:
                name = _(entry).format(number=part + 1)
                file = node.get("file") if isinstance(node, dict) else None
                if isinstance(file, str) and file.strip():
                    name = _("{entry} ({file})").format(entry=name, file=printable(file.strip()[:60]))
            elif path:
                name = _("{list}, item {number}").format(list=path, number=part + 1)
            else:
                name = _("item {number}").format(number=part + 1)
            parts.append(name)
            path = ""
            continue
        node = node.get(part) if isinstance(node, dict) else None
        text = part if PLAIN_KEY.match(part) else quote(part, 40)
        path = f"{path}.{text}" if path else text
    if path:
        parts.append(path)
    return ", ".join(parts)


def quote(value: object, limit: int = 60) -> str:
    """Quote what the editor wrote for a message, shortened: a pasted paragraph must not flood the screen."""
    text = str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text) + '"'


MAX_DEPTH = 40  # the manifest nests four levels; anything deeper is a mistake or an attack on the parser
MAX_TEXT_BYTES = 5_000_000  # ten times the longest article ever set is under 200 KB


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that the manifest does not accept."""


# PyYAML's wording of the usual slips, and what an editor should do about them.
# The keys are PyYAML's own English texts, matched as it writes them; the advice is shown translated.
ADVICE = {
    "found character '\\t' that cannot start any token": N_("a tab character; indent with spaces, not tabs"),
    "mapping values are not allowed here": N_("a second colon on this line; put a value that contains a colon "
                                              'in quotes: title: "Итоги: что дальше"'),
    "could not find expected ':'": N_("line {line} has no colon after its key; write key: value"),
    "expected ',' or ']'": N_("the [list] opened at line {line}, column {col} is never closed, or a comma is "
                              "missing between its items"),
    "expected ',' or '}'": N_("the {{mapping}} opened at line {line}, column {col} is never closed, or a comma "
                              "is missing between its items"),
    "expected <block end>": N_("this line's indentation does not match the lines above it"),
    "found unexpected end of stream": N_("the quote opened at line {line}, column {col} is never closed"),
}


OPENING_QUOTE = re.compile(r"""(?:^|[:\-\[{,?])\s*(["'])""")  # a quote that starts a value
KEY_ONLY = re.compile(r"^(-\s+)?[^\s:#\"'][^:#\"']*$")  # «page», «- file»: a key with nothing else before its colon
NO_SPACE = re.compile(r"^\s*(-\s+)?[^\s:#\"'][^\s:#]*:[^\s:/\\]")  # «number:31», but not «http://»


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses aliases (a «billion laughs» bomb) and absurd nesting."""

    depth = 0

    def compose_node(self, parent, index):
        """Compose one node, refusing aliases and nesting deeper than MAX_DEPTH."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise Refused(None, None, _("a value starting with * is a YAML alias, which is not supported: put the "
                                        'value in quotes ("*…") or write it out in full'), mark)
        if self.depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise Refused(None, None, _("nested more than {depth} levels deep").format(depth=MAX_DEPTH), mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def parse_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> Doc | None:
    """Parse YAML text keeping marks; report a syntax error as a problem and return None."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        message, (line, col) = _explain(exc, text, line_offset)
        problems.error(Mark(path, line + line_offset, col), "", message)
        return None
    except yaml.reader.ReaderError as exc:  # a control character, e.g. pasted from a PDF or a spreadsheet
        line, col = _position(text, exc.position)
        problems.error(Mark(path, line + line_offset, col), "", _(
            "the text contains the invisible control character {character}; delete it (retype the line)").format(
            character=_codepoint(exc.character)))
        return None
    except yaml.YAMLError as exc:
        problems.error(Mark(path, 1 + line_offset, 1), "", _("YAML error: {error}").format(error=exc))
        return None
    doc = Doc(path, None, {}, line_offset)
    if node is not None:
        doc.data = _build(node, (), doc, problems)
    return doc


def unclosed_quote(text: str, upto: int) -> tuple[int, int] | None:
    """Return the line and column of the first value whose opening quote is not closed on its line."""
    for number, line in enumerate(text.split("\n")[:upto], 1):
        if line.lstrip().startswith("#"):
            continue
        match = OPENING_QUOTE.search(line)
        if match is None:
            continue
        quote, rest = match[1], line[match.end():]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number, match.start(1) + 1
    return None


def _explain(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> tuple[str, tuple[int, int]]:
    """Explain a YAML error in an editor's words; return the message and the 1-based line and column to show."""
    mark = exc.problem_mark or exc.context_mark
    position = where(mark) if mark else (1, 1)
    reason = exc.problem or exc.context or _("invalid YAML")
    if isinstance(exc, Refused):
        return _("YAML not accepted: {reason}").format(reason=reason), position
    quote = unclosed_quote(text, position[0])
    if quote:  # a quoted value may run on over lines, so PyYAML stumbles much later: point at the quote
        return _("YAML syntax error: the quote opened here is not closed on its line; close it or remove it"), quote
    slip = _layout_slip(exc, text)
    if slip:
        return _("YAML syntax error: {advice}").format(advice=slip[0]), slip[1]
    advice = next((text for key, text in ADVICE.items() if reason.startswith(key)), None)
    if advice:
        # PyYAML finds an unclosed bracket at the end of the file: say where it began.
        start = exc.context_mark or mark
        line, col = (start.line + 1 + line_offset, start.column + 1) if start else (1 + line_offset, 1)
        return _("YAML syntax error: {advice}").format(advice=_(advice).format(line=line, col=col)), position
    # PyYAML's own reason stays in English: it has no catalog, and it is what a search finds
    return _("YAML syntax error: {reason}; check indentation, colons and quotes on this line or the one "
             "before").format(reason=reason), position


def where(mark: yaml.Mark) -> tuple[int, int]:
    """Return a PyYAML mark as a 1-based line and column."""
    return mark.line + 1, mark.column + 1


def _layout_slip(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, tuple[int, int]] | None:
    """Recognise the two layout slips PyYAML words worst: a key indented too far, a colon without a space."""
    lines = text.split("\n")
    reason = exc.problem or ""
    mark, start = exc.problem_mark, exc.context_mark
    if reason.startswith("mapping values are not allowed here") and mark and mark.line < len(lines):
        before = lines[mark.line][: mark.column].strip()
        if before and KEY_ONLY.match(before):  # the colon is the key's own: the key is where it should not be
            indent = len(lines[mark.line]) - len(lines[mark.line].lstrip())
            return (_("this line is indented more than the key above it; line up the keys of one entry"),
                    (mark.line + 1, indent + 1))
        key, _sep, value = lines[mark.line].strip().partition(": ")
        if value and KEY_ONLY.match(key) and "#" not in value:
            quoted = f"'{value}'" if '"' in value else f'"{value}"'
            return (_("a second colon on this line; put the value in quotes: {key}: {value}").format(
                key=key.lstrip("- "), value=quoted), where(mark))
    no_colon = reason.startswith("could not find expected ':'") and start is not None and start.line < len(lines)
    if no_colon and start is not None and NO_SPACE.match(lines[start.line]):
        return _("put a space after the colon (key: value)"), where(start)
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _codepoint(character: str | int) -> str:
    """Name a character by its code point: U+0001."""
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def _build(node: yaml.Node, key: Key, doc: Doc, problems: Problems) -> Any:
    """Turn a composed node into plain data, recording marks and duplicate keys."""
    doc.marks[key] = Mark(doc.path, node.start_mark.line + 1 + doc.line_offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            # A key is its text as written: «1:» and «yes:» are keys "1" and "yes", not a number and a flag.
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else _node_kind(key_node)
            mark = Mark(doc.path, key_node.start_mark.line + 1 + doc.line_offset, key_node.start_mark.column + 1)
            if name in out:
                problems.error(mark, key_name((*key, name)), _("duplicate key: remove one of the two"))
            doc.key_marks[(*key, name)] = mark
            out[name] = _build(value_node, (*key, name), doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, index), doc, problems) for index, item in enumerate(node.value)]
    doc.texts[key] = node.value
    return _scalar(node)


def _node_kind(node: yaml.Node) -> str:
    """Name a list or mapping used where a key was expected."""
    return "[…]" if isinstance(node, yaml.SequenceNode) else "{…}"


def _scalar(node: yaml.Node) -> Any:
    """Construct a scalar the way yaml.safe_load would, falling back to its text."""
    if not isinstance(node, yaml.ScalarNode):
        return repr(node)
    try:
        return yaml.SafeLoader(node.value).construct_object(node)
    except (yaml.YAMLError, ValueError):  # e.g. 2025-02-30 is resolved as a date and fails
        return node.value


def unknown_keys(
    doc: Doc, key: Key, data: dict[Any, Any], allowed: tuple[str, ...], problems: Problems
) -> None:
    """Report keys that the schema does not know, with a did-you-mean hint."""
    for name in data:
        if name in allowed:
            continue
        hint = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        advice = (_('did you mean "{key}"?').format(key=hint[0]) if hint
                  else _("allowed keys: {keys}").format(keys=", ".join(allowed)))
        where = doc.key_marks.get((*key, name)) or doc.mark((*key, name))
        problems.error(where, key_name((*key, name), doc.data), _("unknown key; {advice}").format(advice=advice))


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """Read a UTF-8 text file, explaining the usual ways it goes wrong."""
    raw = _read_bytes(path, display, problems)
    if raw is None:
        return None
    kind = foreign_format(raw)
    if kind:
        problems.error(Mark(display, 1, 1), "", _("this is {kind}, not a text file; save it as plain text (UTF-8)").format(
            kind=_(kind)))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(Mark(display, line, 1), "", _("not UTF-8 text: {hint}").format(hint=_encoding_hint(raw)))
        return None
    if not text.strip():
        problems.error(Mark(display, 1, 1), "", _("the file is empty"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path, display: str, problems: Problems) -> bytes | None:
    """Read a file's bytes, reporting a missing, unreadable or oversized file."""
    try:
        if path.is_dir():
            problems.error(Mark(display, 1, 1), "", _("this is a folder, not a file"))
            return None
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            problems.error(Mark(display, 1, 1), "", _(
                "the file is {size:.0f} MB; a manifest or an article is at most a few hundred KB (limit {limit} MB): "
                "is it the right file?").format(size=size / 1e6, limit=MAX_TEXT_BYTES // 1_000_000))
            return None
        return path.read_bytes()
    except FileNotFoundError:
        problems.error(Mark(display, 1, 1), "", _("file not found"))
    except OSError as exc:
        problems.error(Mark(display, 1, 1), "", _("cannot read the file: {reason}; check that it exists and that "
                                                  "you may read it").format(reason=os_reason(exc)))
    except ValueError:  # a NUL in the name
        problems.error(Mark(display, 1, 1), "", _("the file name contains a NUL character"))
    return None


# Files editors save by mistake instead of plain text, by their first bytes.
SIGNATURES = (
    (b"PK\x03\x04", N_("a ZIP archive (a Word .docx or OpenOffice .odt document?)")),
    (b"\xd0\xcf\x11\xe0", N_("an old Word .doc (or Excel .xls) document")),
    (b"{\\rtf", N_("an RTF document")),
    (b"%PDF-", N_("a PDF document")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"\x89PNG", N_("a PNG image")),
)


def foreign_format(raw: bytes) -> str | None:
    """Name the document or image format a supposed text file is really in, if it is one."""
    for magic, kind in SIGNATURES:
        if raw.startswith(magic):
            return kind
    return None


def _encoding_hint(raw: bytes) -> str:
    """Say what encoding a non-UTF-8 text is probably in, and what to do."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > 10:
        return _("it looks like UTF-16 (Word's «Unicode» text); save it as UTF-8")
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return _("save it as UTF-8")
    foreign = [c for c in text if ord(c) > 127]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in foreign)
    if foreign and cyrillic >= 0.8 * len(foreign):
        return _("it looks like Windows-1251 (as Word saves Russian text); save it as UTF-8")
    return _("save it as UTF-8")


def display_path(path: Path) -> str:
    """Return a path as the user should see it: relative to the working folder when inside it."""
    try:
        # The folder is resolved, the file itself is not: a link is shown by its own name, not its target's.
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
