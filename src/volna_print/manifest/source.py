"""YAML documents that remember where every value came from, and a collector of problems."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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

    def mark(self, key: Key) -> Mark:
        """Return the mark of the node at key, or of its nearest parent that has one."""
        while key not in self.marks and key:
            key = key[:-1]
        return self.marks.get(key, Mark(self.path, 1 + self.line_offset, 1))


def key_name(key: Key) -> str:
    """Return a key path as an editor reads it: articles[2].frame.col."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> Doc | None:
    """Parse YAML text keeping marks; report a syntax error as a problem and return None."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        problems.error(Mark(path, line + line_offset, col), "", f"YAML syntax error: {reason}; "
                       "check indentation, colons and quotes on this line or the one before")
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        problems.error(Mark(path, 1 + line_offset, 1), "", f"YAML error: {exc}")
        return None
    doc = Doc(path, None, {}, line_offset)
    if node is not None:
        doc.data = _build(node, (), doc, problems)
    return doc


def _build(node: yaml.Node, key: Key, doc: Doc, problems: Problems) -> Any:
    """Turn a composed node into plain data, recording marks and duplicate keys."""
    doc.marks[key] = Mark(doc.path, node.start_mark.line + 1 + doc.line_offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            name = _scalar(key_node)
            if not isinstance(name, str | int) or isinstance(name, bool):
                name = str(name)
            mark = Mark(doc.path, key_node.start_mark.line + 1 + doc.line_offset, key_node.start_mark.column + 1)
            if name in out:
                problems.error(mark, key_name((*key, name)), "duplicate key: remove one of the two")
            doc.key_marks[(*key, name)] = mark
            out[name] = _build(value_node, (*key, name), doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, index), doc, problems) for index, item in enumerate(node.value)]
    return _scalar(node)


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
        advice = f'did you mean "{hint[0]}"?' if hint else "allowed keys: " + ", ".join(allowed)
        where = doc.key_marks.get((*key, name)) or doc.mark((*key, name))
        problems.error(where, key_name((*key, name)), f"unknown key; {advice}")


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """Read a UTF-8 text file, explaining the usual ways it goes wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.error(Mark(display, 1, 1), "", "file not found")
        return None
    except OSError as exc:
        problems.error(Mark(display, 1, 1), "", f"cannot read the file: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "save it as UTF-8"
        try:
            raw.decode("cp1251")
            hint = "it looks like Windows-1251 (as Word saves Russian text); save it as UTF-8"
        except UnicodeDecodeError:
            pass
        problems.error(Mark(display, line, 1), "", f"not UTF-8 text: {hint}")
        return None
    if not text.strip():
        problems.error(Mark(display, 1, 1), "", "the file is empty")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_path(path: Path) -> str:
    """Return a path as the user should see it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
