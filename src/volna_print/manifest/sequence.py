"""The weekly sequence of issues: next week's manifest from last week's, and checks that they agree.

An issue folder's neighbours are the other folders of its parent (issues/) that hold an issue.yaml; the
previous issue is the one with the latest date before this one's. Only the header keys are read from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..i18n import _, ngettext

WEEK = dt.timedelta(days=7)
HEADER_RE = {key: re.compile(rf"^(?P<head>{key}:[ \t]*)(?P<value>[^#\n]*?)(?P<tail>[ \t]*(#.*)?)$", re.M)
             for key in ("number", "total", "date")}
SIGNED_RE = re.compile(r'^(?P<head>signed_to_print:.*?)$', re.M)
MOMENT_RE = re.compile(r"(\d{4}-\d{2}-\d{2})([ T]\d{1,2}:\d{2})")


@dataclass(frozen=True)
class Header:
    """What the sequence checks of an issue: its folder, number, running total and date."""

    folder: Path
    number: int | None
    total: int | None
    date: dt.date | None


def read_header(folder: Path) -> Header | None:
    """Read an issue folder's number, total and date; None when it is no readable issue."""
    try:
        data = yaml.safe_load((folder / "issue.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):  # ValueError: a date such as 2025-02-30
        return None
    if not isinstance(data, dict):
        return None
    day = data.get("date")
    number, total = data.get("number"), data.get("total")
    return Header(folder, number if isinstance(number, int) else None, total if isinstance(total, int) else None,
                  day if isinstance(day, dt.date) else None)


def previous_issue(folder: Path, date: dt.date) -> Header | None:
    """Return the neighbour issue with the latest date before this one's."""
    found = []
    for other in sorted(folder.resolve().parent.iterdir()):
        if other.resolve() == folder.resolve() or not (other / "issue.yaml").is_file():
            continue
        header = read_header(other)
        if header and header.date and header.date < date:
            found.append(header)
    return max(found, key=lambda h: h.date or dt.date.min, default=None)


def sequence_warnings(folder: Path, number: int, total: int | None, date: dt.date,
                      scheduled: dt.datetime, actual: dt.datetime) -> list[str]:
    """Return what disagrees with last week's issue, and signing times that do not fit the date."""
    out = []
    before = previous_issue(folder, date)
    if before is not None and before.date is not None:
        name = before.folder.name
        if before.number is not None and number != before.number + 1 and not (number == 1 and date.year != before.date.year):
            out.append(_("number {number}: the previous issue ({name}) is № {previous}; expected {expected}").format(
                number=number, name=name, previous=before.number, expected=before.number + 1))
        if before.total is not None and total is not None and total != before.total + 1:
            out.append(_("total {total}: the previous issue ({name}) is ({previous}); expected {expected}").format(
                total=total, name=name, previous=before.total, expected=before.total + 1))
        if date - before.date != WEEK:
            days = (date - before.date).days
            out.append(ngettext("date {date}: {days} day after the previous issue ({name}, {previous}); a weekly "
                                "issue comes out 7 days later",
                                "date {date}: {days} days after the previous issue ({name}, {previous}); a weekly "
                                "issue comes out 7 days later", days).format(
                date=f"{date:%Y-%m-%d}", days=days, name=name, previous=f"{before.date:%Y-%m-%d}"))
    for key, moment in (("scheduled", scheduled), ("actual", actual)):
        if moment.date() >= date:
            out.append(_("signed_to_print.{key} {moment} is not before the issue's date {date}").format(
                key=key, moment=f"{moment:%Y-%m-%d %H:%M}", date=f"{date:%Y-%m-%d}"))
        elif date - moment.date() > WEEK:
            days = (date - moment.date()).days
            out.append(ngettext("signed_to_print.{key} {moment} is {days} day before the issue's date {date}: "
                                "last week's time?",
                                "signed_to_print.{key} {moment} is {days} days before the issue's date {date}: "
                                "last week's time?", days).format(
                key=key, moment=f"{moment:%Y-%m-%d %H:%M}", days=days, date=f"{date:%Y-%m-%d}"))
    return out


def next_manifest(text: str, number: int, total: int | None, date: dt.date) -> str:
    """Return next week's issue.yaml: number and total + 1, date and signing times + 7 days, no articles or ads.

    The page plan, the paper and the standing values are kept as written, comments included; last week's
    articles and ads are kept as comments, for the editor to take up or delete.
    """
    text = _set(text, "number", str(number + 1))
    if total is not None:
        text = _set(text, "total", str(total + 1))
    text = _set(text, "date", (date + WEEK).isoformat())
    text = SIGNED_RE.sub(lambda m: MOMENT_RE.sub(_week_later, m["head"]), text)
    head, _sep, rest = text.partition("\narticles:")
    if not rest:
        return text
    kept = "\n".join(f"#   {line}" if line.strip() else "#" for line in ("articles:" + rest).split("\n")).rstrip("#\n")
    note = _("# Last week's articles and ads, for the editor to take up or delete:")
    return f"{head}\n{note}\n{kept}\narticles: []\nads: []\n"


def _set(text: str, key: str, value: str) -> str:
    """Replace a top-level scalar, keeping its comment."""
    return HEADER_RE[key].sub(lambda m: f"{m['head']}{value}{m['tail']}", text, count=1)


def _week_later(match: re.Match[str]) -> str:
    """Move a 'YYYY-MM-DD HH:MM' a week on."""
    day = dt.date.fromisoformat(match[1]) + WEEK
    return f"{day.isoformat()}{match[2]}"
