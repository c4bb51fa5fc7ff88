"""The kinds of value a manifest key takes: how each is read, and how the key reference names it.

A key is declared once, as a Spec in manifest/schema.py; reading it (Fields.get) and documenting it
(schema.reference_markdown) both go through that one declaration.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    import datetime as dt

    from .fields import Fields

T_co = TypeVar("T_co", covariant=True)  # a key of a narrower kind may stand where a wider one is asked for
Bound = int | str | None  # a number, or a limit known only once the paper and the plan are read (LIMITS)

# The limits a bound may name, in the reference's words; Fields.limits gives their values for one issue.
LIMITS = {"columns": "the grid's columns", "rows": "the grid's module rows", "pages": "the page count"}


@dataclass(frozen=True)
class Spec(Generic[T_co]):
    """One key of a mapping: its kind, whether it must be given, its default, and its words for people."""

    name: str
    _: KW_ONLY
    about: str  # for developers: what the code does with the value
    doc: str  # for editors: the words of docs/manifest.md
    example: str = ""  # the value as an editor writes it
    required: bool = False
    default: T_co | None = None  # what the reader returns when the key is absent (or its value is refused)
    default_doc: str = ""  # a default the code works out instead (the first page is the front page…)
    shape: str = ""  # the form of the value where the kind says too little (columns x modules)

    kind: ClassVar[str] = "value"

    def read(self, fields: Fields) -> T_co | None:
        """Return the value, reporting what is wrong with it; None when it is absent or wrong."""
        raise NotImplementedError

    def form(self) -> str:
        """Name the value's form for the reference."""
        return self.shape or self.kind

    def allowed(self) -> str:
        """Say which values of the kind are allowed, for the reference ('' when any is)."""
        return ""


@dataclass(frozen=True, kw_only=True)
class Text(Spec[str]):
    """Non-empty text; a number is taken as written («+11», «010»)."""

    kind = "text"

    def read(self, fields: Fields) -> str | None:
        """Return the text."""
        return fields.text(self.name, self.required)


@dataclass(frozen=True, kw_only=True)
class File(Spec[str]):
    """A path inside the issue folder; assets.asset_path checks it and the file it names."""

    suffixes: tuple[str, ...]
    kind = "path"

    def read(self, fields: Fields) -> str | None:
        """Return the path as written."""
        return fields.text(self.name, self.required)

    def allowed(self) -> str:
        """Name the file types."""
        return "to a " + ", ".join(f"`{s}`" for s in self.suffixes) + " file"


@dataclass(frozen=True, kw_only=True)
class Whole(Spec[int]):
    """A whole number within bounds."""

    low: Bound = None
    high: Bound = None
    kind = "whole number"

    def read(self, fields: Fields) -> int | None:
        """Return the number."""
        return fields.integer(self.name, self.required, fields.limit(self.low), fields.limit(self.high))

    def allowed(self) -> str:
        """Give the bounds."""
        low, high = (LIMITS.get(b, b) if isinstance(b, str) else b for b in (self.low, self.high))
        if low is not None and high is not None:
            return f"{low} – {high}" if isinstance(high, str) else f"{low}–{high}"
        return f"≥ {low}" if low is not None else f"≤ {high}" if high is not None else ""


@dataclass(frozen=True, kw_only=True)
class Number(Spec[float]):
    """A number within bounds (a whole one is taken as well)."""

    low: float
    high: float
    kind = "number"

    def read(self, fields: Fields) -> float | None:
        """Return the number."""
        return fields.number(self.name, self.required, self.low, self.high)

    def allowed(self) -> str:
        """Give the bounds."""
        return f"{self.low:g}–{self.high:g}"


@dataclass(frozen=True, kw_only=True)
class Length(Spec[float]):
    """A positive number: a length in mm, or a size in pt."""

    unit: str
    kind = "positive number"

    def read(self, fields: Fields) -> float | None:
        """Return the length."""
        return fields.positive(self.name, self.required)

    def allowed(self) -> str:
        """Name the unit."""
        return f"in {self.unit}"


@dataclass(frozen=True, kw_only=True)
class Choice(Spec[str]):
    """One of a few words."""

    options: tuple[str, ...]
    kind = "one of"

    def read(self, fields: Fields) -> str | None:
        """Return the word."""
        return fields.choice(self.name, self.options, self.required)

    def allowed(self) -> str:
        """List the words."""
        return ", ".join(f"`{o}`" for o in self.options)


@dataclass(frozen=True, kw_only=True)
class Flag(Spec[bool]):
    """Yes or no, written true or false."""

    kind = "true or false"

    def read(self, fields: Fields) -> bool | None:
        """Return the flag."""
        return fields.flag(self.name, self.required)


@dataclass(frozen=True, kw_only=True)
class Date(Spec["dt.date"]):
    """A calendar date, YYYY-MM-DD."""

    kind = "date YYYY-MM-DD"

    def read(self, fields: Fields) -> dt.date | None:
        """Return the date."""
        return fields.date(self.name, self.required)


@dataclass(frozen=True, kw_only=True)
class Moment(Spec["dt.datetime"]):
    """A date and a time, "YYYY-MM-DD HH:MM"."""

    kind = 'date and time "YYYY-MM-DD HH:MM"'

    def read(self, fields: Fields) -> dt.datetime | None:
        """Return the date and time."""
        return fields.moment(self.name, self.required)


@dataclass(frozen=True, kw_only=True)
class Items(Spec[list[Any]]):
    """A list; its entries are mappings of another table when entries is given."""

    entries: type[Table] | None = None
    hint: str = ""  # how to write it, for the message when it is not a list
    kind = "list"

    def read(self, fields: Fields) -> list[Any] | None:
        """Return the list as written."""
        return fields.items(self.name, self.required, self.hint or None)

    def form(self) -> str:
        """Name the list and the keys of its entries."""
        return f"list of {braced(self.entries)}" if self.entries else self.shape or self.kind


@dataclass(frozen=True, kw_only=True)
class Mapping(Spec["Fields"]):
    """A nested mapping of another table."""

    table: type[Table]
    hint: str = ""  # how to write it, for the message when it is not a mapping
    kind = "mapping"

    def read(self, fields: Fields) -> Fields | None:
        """Return the nested mapping's fields."""
        return fields.sub(self)

    def form(self) -> str:
        """Name the mapping's keys."""
        return self.shape or braced(self.table)


@dataclass(frozen=True, kw_only=True)
class Custom(Spec[Any]):
    """A value of its own form (an aspect ratio, a focus point…), checked by the module that reads it."""

    def read(self, fields: Fields) -> Any:
        """Return the value as YAML gave it."""
        return fields.given(self.name, self.required)


class Table:
    """One mapping of the schema: its keys, declared as class attributes in the order the reference lists them."""

    title: ClassVar[str] = ""  # the reference's heading
    note: ClassVar[str] = ""  # one line under the heading, for editors
    specs: ClassVar[tuple[Spec[Any], ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Collect the keys a table class declares (a class body keeps its order)."""
        super().__init_subclass__(**kwargs)
        cls.specs = tuple(value for value in vars(cls).values() if isinstance(value, Spec))

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Return the key names, as unknown-key messages list them."""
        return tuple(spec.name for spec in cls.specs)


def braced(table: type[Table]) -> str:
    """Name a mapping by its keys, for the reference: `{col, row, cols, rows}`."""
    return "`{" + ", ".join(table.names()) + "}`"
