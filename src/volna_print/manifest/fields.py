"""Typed reading of one YAML mapping through its schema table: each reader checks a value and reports what is wrong."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from ..i18n import _
from .kinds import Bound, Items, Mapping, Spec, Table
from .source import Doc, Key, Problems, key_name, quote, unknown_keys

T = TypeVar("T")
MISSING = object()
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RUSSIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(\s+\d{1,2}:\d{2})?$")  # 30.07.2025 as Russians write it


class Fields:
    """The keys of one mapping in a document, read as its table (manifest/schema.py) declares them."""

    def __init__(self, doc: Doc, key: Key, data: Any, problems: Problems, table: type[Table],
                 example: str | None = None, limits: dict[str, int] | None = None) -> None:
        self.doc, self.key, self.problems, self.table = doc, key, problems, table
        self.limits = limits or {}  # the values of the bounds a table names (kinds.LIMITS), for nested ones too
        # Not a mapping: that one problem is reported, not every key it therefore lacks.
        self.broken = not isinstance(data, dict)
        if self.broken:
            got = _("nothing") if data is None else describe(data)
            hint = _("; write it as {example}").format(example=_(example)) if example else ""
            problems.error(doc.mark(key), key_name(key, doc.data) or _("document"),
                           _("expected a mapping of keys, got {value}{hint}").format(value=got, hint=hint))
            data = {}
        self.data: dict[Any, Any] = data
        unknown_keys(doc, key, data, table.names(), problems)

    def get(self, spec: Spec[T]) -> T | None:
        """Return a key's value as its spec reads it, or the spec's default when it is absent or refused."""
        # A key read from a mapping whose table does not declare it is a slip in the code, not in the file.
        assert any(s is spec for s in self.table.specs), f"{spec.name} is not a key of {self.table.__name__}"
        value = spec.read(self)
        return spec.default if value is None else value

    def value(self, spec: Spec[T]) -> T:
        """Return a key's value or its default, for a key that declares one."""
        value = self.get(spec)
        if value is None:
            raise TypeError(f"the schema gives {spec.name} no default")  # a mistake in schema.py, not the editor's
        return value

    def entry(self, spec: Items, index: int, value: Any) -> Fields:
        """Return the fields of one entry of a list of mappings."""
        assert spec.entries is not None, f"{spec.name} is not a list of mappings"
        return Fields(self.doc, (*self.key, spec.name, index), value, self.problems, spec.entries,
                      limits=self.limits)

    def limit(self, bound: Bound) -> int | None:
        """Resolve a bound: a number, or the value of a named limit (None, no bound, when it is not known)."""
        return self.limits.get(bound) if isinstance(bound, str) else bound

    def error(self, name: str | int, message: str) -> None:
        """Report a problem with one key."""
        key = (*self.key, name)
        self.problems.error(self.doc.mark(key), key_name(key, self.doc.data), message)

    def written(self, name: str | int, value: Any) -> str:
        """Name a value for a message as the editor wrote it (YAML reads 18:00 as 1080 and 010 as 8)."""
        text = self.doc.texts.get((*self.key, name))
        if text is None or isinstance(value, str) or not text.strip():
            return describe(value)
        if isinstance(value, bool):
            return _("{value} (YAML reads it as yes/no)").format(value=quote(text))
        return quote(text) if text != str(value) else describe(value)

    def raw(self, name: str, required: bool) -> Any:
        """Return a value as written, reporting it when required and missing."""
        value = self.data.get(name, MISSING)
        if value is MISSING or value is None:
            if required and not self.broken and value is None:
                self.error(name, _("has no value; write it after the colon"))
            elif required and not self.broken:
                where = self.doc.mark(self.key)
                self.problems.error(where, key_name((*self.key, name), self.doc.data), _("required key is missing"))
            return MISSING
        return value

    def text(self, name: str, required: bool = False) -> str | None:
        """Return a non-empty string (numbers are accepted as their text)."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, bool):
            self.error(name, _("expected text, got {value}; put it in quotes").format(value=self.written(name, value)))
            return None
        if not isinstance(value, str | int | float):
            self.error(name, _("expected text, got {value}").format(value=self.written(name, value)))
            return None
        # A number is kept as written: «+11», «0.50», «010».
        text = value if isinstance(value, str) else self.doc.texts.get((*self.key, name), str(value))
        text = text.strip()
        if not text:
            self.error(name, _("must not be empty"))
            return None
        return text

    def integer(self, name: str, required: bool = False, low: int | None = None, high: int | None = None) -> int | None:
        """Return a whole number within bounds."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            digits = re.sub(r"[\s\u00a0\u202f,.']", "", str(value)) if isinstance(value, str) else ""
            hint = _("; write it without spaces or separators: {digits}").format(digits=digits) if digits.isdigit() else ""
            if len(digits) > 15:  # YAML gave up on it: no print run or page count is that long
                hint = _("; the number is far too long")
            self.error(name, _("expected a whole number, got {value}{hint}").format(value=self.written(name, value),
                                                                                   hint=hint))
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(name, _("{value} is out of range {range}").format(value=describe(value), range=bounds(low, high)))
            return None
        return value

    def choice(self, name: str, options: tuple[str, ...], required: bool = False) -> str | None:
        """Return one of the allowed strings."""
        value = self.text(name, required)
        if value is None:
            return None
        if value not in options:
            close = difflib.get_close_matches(value, options, n=1, cutoff=0.75)  # «16» → «16+», not «15+» → «18+»
            hint = _('did you mean "{value}"? ').format(value=close[0]) if close else ""
            self.error(name, _("{value} is not allowed; {hint}use one of: {options}").format(
                value=quote(value), hint=hint, options=", ".join(options)))
            return None
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
        text = str(value).strip()
        if ISO_DATE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.error(name, _("{value} is not a real date; write it as YYYY-MM-DD, e.g. 2025-07-30").format(
                    value=self.written(name, value)))
                return None
        self.error(name, _("{value} is not a date; write it as YYYY-MM-DD{hint}").format(
            value=self.written(name, value), hint=_iso_hint(text)))
        return None

    def moment(self, name: str, required: bool = False) -> dt.datetime | None:
        """Return a date and time written as YYYY-MM-DD HH:MM."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        try:
            return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
        except ValueError:
            hint = _iso_hint(text, with_time=True) or _(', e.g. "2025-07-29 18:00"')
            self.error(name, _('{value} is not a date and time; write it as "YYYY-MM-DD HH:MM"{hint}').format(
                value=self.written(name, value), hint=hint))
            return None

    def items(self, name: str, required: bool = False, example: str | None = None) -> list[Any]:
        """Return a list value (example: how to write it, for the message when it is not one)."""
        value = self.raw(name, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            hint = "; " + _(example) if example else ""  # a schema hint, marked there
            self.error(name, _("expected a list, got {value}{hint}").format(value=self.written(name, value), hint=hint))
            return []
        return value

    def sub(self, spec: Mapping) -> Fields | None:
        """Return the fields of a nested mapping (its hint: how to write it, for the message when it is not one)."""
        value = self.raw(spec.name, spec.required)
        if value is MISSING:
            return None
        return Fields(self.doc, (*self.key, spec.name), value, self.problems, spec.table, spec.hint or None,
                      self.limits)

    def given(self, name: str, required: bool = False) -> Any:
        """Return a value as written, or None when it is absent (reported when required)."""
        value = self.raw(name, required)
        return None if value is MISSING else value

    def flag(self, name: str, required: bool = False) -> bool | None:
        """Return a yes/no value."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if not isinstance(value, bool):
            self.error(name, _("expected true or false, got {value}").format(value=describe(value)))
            return None
        return value

    def number(self, name: str, required: bool, low: float, high: float) -> float | None:
        """Return a number within bounds."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(name, _("expected a number, got {value}").format(value=describe(value)))
            return None
        if not low <= value <= high:
            self.error(name, _("{value} is out of range {low:g}–{high:g}").format(value=describe(value), low=low, high=high))
            return None
        return float(value)

    def positive(self, name: str, required: bool) -> float | None:
        """Return a positive number (a length in mm, or a size in pt)."""
        value = self.raw(name, required)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.error(name, _("expected a positive number, got {value}").format(value=describe(value)))
            return None
        return float(value)


def _iso_hint(text: str, with_time: bool = False) -> str:
    """Return «: 2025-07-30» when the text is a date written the Russian way, DD.MM.YYYY."""
    match = RUSSIAN_DATE.match(text)
    if not match or bool(match[4]) != with_time:
        return _(", e.g. 2025-07-30") if not with_time else ""
    day, month, year = match[1].zfill(2), match[2].zfill(2), match[3]
    iso = f"{year}-{month}-{day}" + (f" {match[4].strip().zfill(5)}" if match[4] else "")
    return f': "{iso}"' if with_time else f": {iso}"


def describe(value: Any) -> str:
    """Name a YAML value for a message: its type and what was written."""
    if isinstance(value, bool):
        return _("yes/no value {value}").format(value=str(value).lower())
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def bounds(low: int | None, high: int | None) -> str:
    """Say which numbers are allowed."""
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"
