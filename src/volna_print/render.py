"""Jinja2: the page HTML of an issue, from the paper's templates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .layout.frames import PageView
from .layout.grid import Rect, line_mm
from .manifest.model import Issue, Paper
from .text import date_long, group_digits, issue_number, line, moment, weekday


def box(rect: Rect) -> str:
    """Return the CSS that places a rectangle on the page."""
    return f"left: {rect.x:.3f}mm; top: {rect.y:.3f}mm; width: {rect.w:.3f}mm; height: {rect.h:.3f}mm"


def get_env(paper: Paper) -> jinja2.Environment:
    """Return the template environment of a paper: strict, autoescaped, with our filters."""
    return _env(paper.folder)


@lru_cache(maxsize=8)
def _env(folder: Path) -> jinja2.Environment:
    """Build a paper's environment once; Jinja reloads a template whose file changed (auto_reload)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder / "templates"),
        auto_reload=True,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=False,
    )
    env.filters["box"] = box
    return env


def masthead(issue: Issue) -> dict[str, Any]:
    """Return the issue's data for the masthead and running heads."""
    return {
        "number": issue_number(issue.number, issue.total),
        "date": date_long(issue.date),
        "date_short": f"{issue.date:%d.%m.%Y}",
        "weekday": weekday(issue.date),
        "weather": line(issue.weather),
        "price": line(issue.price),
        "age_mark": issue.age_mark,
        "founded": line(issue.paper.founded),
    }


def imprint(issue: Issue) -> dict[str, Any]:
    """Return the imprint items for the back page."""
    data = issue.paper.imprint
    return {
        "founders": [line(f) for f in data.founders],
        "publisher": line(data.publisher), "publisher_address": line(data.publisher_address),
        "editor_in_chief": line(data.editor_in_chief),
        "printer": line(data.printer), "printer_address": line(data.printer_address),
        "registration": line(data.registration), "notes": [line(n) for n in data.notes],
        "order": issue.order, "print_run": group_digits(issue.print_run),
        "signed_scheduled": moment(issue.signed_scheduled), "signed_actual": moment(issue.signed_actual),
    }


def base_context(issue: Issue) -> dict[str, Any]:
    """Return what every template of the issue may show: the paper, masthead data, imprint, contacts."""
    return {
        "paper": issue.paper,
        "masthead": masthead(issue),
        "imprint": imprint(issue),
        "contacts": {k: line(v) for k, v in issue.paper.contacts.items()},
        "line_mm": line_mm(issue.paper),
    }


def render_issue(issue: Issue, pages: list[PageView]) -> list[str]:
    """Render the furniture HTML of the issue, one document per page."""
    template = get_env(issue.paper).get_template("issue.html")
    context = base_context(issue)
    return [template.render(**context, pages=[page]) for page in pages]
