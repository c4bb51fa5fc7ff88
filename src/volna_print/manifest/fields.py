"""Typed reading of one YAML mapping: each getter checks its value and reports what is wrong."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .source import Doc, Key, Problems, key_name, unknown_keys

MISSING = object()


class Fields:
    """The keys of one mapping in a document, read with their types checked."""

    def __init__(self, doc: Doc, key: Key, data: Any, problems: Problems, allowed: tuple[str, ...]) -> None:
        self.doc, self.key, self.problems = doc, key, problems
        if not isinstance(data, dict):
            got = "nothing" if data is None else describe(data)
            problems.error(doc.mark(key), key_name(key) or "document", f"expected a mapping of keys, got {got}")
            data = {}
        self.data: dict[Any, Any] = data
        unknown_keys(doc, key, data, allowed, problems)

    def error(self, name: str | int, message: str) -> None:
        """Report a problem with one key."""
        key = (*self.key, name)
        self.problems.error(self.doc.mark(key), key_name(key), message)

    def raw(self, name: str, required: bool) -> Any:
        """Return a value as written, reporting it when required and missing."""
        value = self.data.get(name, MISSING)
        if value is MISSING or value is None:
            if required:
                where = self.doc.mark(self.key)
                self.problems.error(where, key_name((*self.key, name)), "required key is missing")
            return MISSING
        return value

    def text(self, name: str, required: bool = False, default: str | None = None) -> str | None:
        """Return a non-empty string (numbers are accepted as their text)."""
        value = self.raw(name, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(name, f"expected text, got {describe(value)}")
            return default
        text = str(value).strip()
        if not text:
            self.error(name, "must not be empty")
            return default
        return text

    def integer(self, name: str, required: bool = False, low: int | None = None, high: int | None = None) -> int | None:
        """Return a whole number within bounds."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(name, f"expected a whole number, got {describe(value)}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(name, f"{value} is out of range {bounds(low, high)}")
            return None
        return value

    def choice(self, name: str, options: tuple[str, ...], required: bool = False, default: str | None = None) -> str | None:
        """Return one of the allowed strings."""
        value = self.text(name, required)
        if value is None:
            return default
        if value not in options:
            self.error(name, f'"{value}" is not allowed; use one of: {", ".join(options)}')
            return default
        return value

    def date(self, name: str, required: bool = False) -> dt.date | None:
        """Return a calendar date written as YYYY-MM-DD."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.error(name, f'"{value}" is not a real date; write it as YYYY-MM-DD, e.g. 2025-07-30')
            return None

    def moment(self, name: str, required: bool = False) -> dt.datetime | None:
        """Return a date and time written as YYYY-MM-DD HH:MM."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        try:
            return dt.datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            self.error(name, f'"{value}" is not a date and time; write it as "YYYY-MM-DD HH:MM", e.g. "2025-07-29 18:00"')
            return None

    def items(self, name: str, required: bool = False) -> list[Any]:
        """Return a list value."""
        value = self.raw(name, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.error(name, f"expected a list, got {describe(value)}")
            return []
        return value

    def sub(self, name: str, allowed: tuple[str, ...], required: bool = False) -> Fields | None:
        """Return the fields of a nested mapping."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        return Fields(self.doc, (*self.key, name), value, self.problems, allowed)


def describe(value: Any) -> str:
    """Name a YAML value for a message: its type and what was written."""
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def bounds(low: int | None, high: int | None) -> str:
    """Say which numbers are allowed."""
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"
