"""The preview's HTML: the page plan, a large page, a spread, the reports and a failed build.

The templates speak through the catalog (jinja2.ext.i18n bound to volna_print.i18n), so the pages are in
the language active when they are rendered.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .. import i18n
from ..i18n import _
from ..text import group_digits
from . import plan as counts
from .builder import Snapshot
from .plan import NBSP, Checked, PageInfo, count_words

NO_FINDINGS = Checked()

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def get_env() -> jinja2.Environment:
    """Return the preview's template environment: strict and autoescaped, as the paper's own."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined,
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    # called at render time, so a page follows the language active then; newstyle: _("…", name=…) fills itself in
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True)
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's line breaks and indents are one space
    env.filters["digits"] = group_digits
    env.filters["plural"] = count_words
    env.filters["pct"] = lambda value: f"{value:.2f}%"
    env.filters["relative"] = lambda value, start, size: f"{100 * (value - start) / size:.2f}%" if size else "0%"
    env.globals["NBSP"] = NBSP
    env.globals["language"] = i18n.language
    env.globals["seconds"] = seconds
    env.globals.update(count_lines=counts.lines, count_errors=counts.errors, count_warnings=counts.warnings,
                       count_findings=counts.findings, count_pages=counts.pages)
    return env


def seconds(value: float) -> str:
    """Return seconds with one decimal, written as the language writes fractions: 2,5 or 2.5."""
    return i18n.Message("{0:.1f}").format(value) if i18n.language() in i18n.DECIMAL_COMMA else f"{value:.1f}"


def _render(name: str, snapshot: Snapshot, **context: Any) -> str:
    """Render one template with what every page shows: the version, the title, the state and the findings."""
    plan = snapshot.plan
    title = plan.title if plan else _("the issue is being built") if snapshot.partial else _("the build failed")
    found = snapshot.checked or NO_FINDINGS
    return get_env().get_template(name).render(snapshot=snapshot, plan=plan, failure=snapshot.failure,
                                                issue_title=title, checked=snapshot.checked, findings=found,
                                                notes=found.by_anchor(), **context)


def plan_page(snapshot: Snapshot) -> str:
    """Return the page plan: every page in reader spreads, with badges (during the first build, as drawn)."""
    return _render("plan.html", snapshot, view="plan")


def page_view(snapshot: Snapshot, number: int) -> str | None:
    """Return the large view of one page, or None when the issue has no such page."""
    if snapshot.plan is None:
        return _render("plan.html", snapshot, view="plan")
    pages = {page.number: page for page in snapshot.plan.pages}
    if number not in pages:
        return None
    spread = snapshot.plan.spread_of(number)
    return _render("page.html", snapshot, view="page", page=pages[number], sheets=(pages[number],),
                   previous=pages.get(number - 1), following=pages.get(number + 1), spread=spread)


def spread_view(snapshot: Snapshot, number: int) -> str | None:
    """Return the spread that holds page number, both pages large; None when the issue has no such page."""
    if snapshot.plan is None:
        return _render("plan.html", snapshot, view="plan")
    spreads = snapshot.plan.spreads
    index = next((i for i, pair in enumerate(spreads) if any(p and p.number == number for p in pair)), None)
    if index is None:
        return None
    pair = spreads[index]
    shown: tuple[PageInfo, ...] = tuple(p for p in pair if p is not None)
    return _render("spread.html", snapshot, view="spread", pair=pair, sheets=shown, spread_title=spread_name(pair),
                   previous=spreads[index - 1] if index > 0 else None,
                   following=spreads[index + 1] if index + 1 < len(spreads) else None)


def spread_name(pair: tuple[PageInfo | None, PageInfo | None]) -> str:
    """Return «pages 2–3» or «page 1» (Russian: «полосы 2–3», «полоса 1»)."""
    numbers = [str(p.number) for p in pair if p is not None]
    if len(numbers) > 1:
        return _("pages{nbsp}{numbers}").format(nbsp=NBSP, numbers="–".join(numbers))
    return _("page{nbsp}{number}").format(nbsp=NBSP, number=numbers[0])


def reports_page(snapshot: Snapshot) -> str:
    """Return the preflight and fit reports."""
    return _render("reports.html", snapshot, view="reports")


def waiting_page() -> str:
    """Return the page shown when the first build has not finished in time."""
    return get_env().get_template("waiting.html").render()


def error_page(code: int, title: str, text: str) -> str:
    """Return an error page in the active language: 404, 405 and the rest."""
    return get_env().get_template("error.html").render(code=code, title=title, text=text)


def state_json(snapshot: Snapshot, busy: bool) -> str:
    """Return the state as JSON: for scripts and tests, the same data the pages show."""
    plan, failure = snapshot.plan, snapshot.failure
    data: dict[str, Any] = {"version": snapshot.version, "busy": busy, "ok": plan is not None,
                            "serial": snapshot.serial, "finished": snapshot.finished.isoformat(timespec="seconds"),
                            "seconds": round(snapshot.seconds, 3), "redrawn": snapshot.drawn}
    if plan is not None:
        data["pdf"] = f"/out/{plan.pdf}"
        data["pages"] = [{"number": page.number, "digest": page.image.digest, "thumb": f"/out/{page.image.thumb}",
                          "large": f"/out/{page.image.large}", "pdf": f"/out/{page.image.pdf}",
                          "width_px": page.image.width_px, "overset": len(page.overset),
                          "overset_lines": sum(f.overset_lines for f in page.overset),
                          "underset": len(page.underset)} for page in plan.pages if page.image]
        checked = snapshot.checked
        data["preflight"] = ("running" if checked is None else "off" if checked.off else
                             "failed" if checked.failure else "done")
        if checked is not None:
            data["preflight_failure"] = checked.failure
            data["findings"] = [{"level": f.level, "check": f.check, "message": f.message, "page": f.page,
                                 "subject": f.subject, "frame": f.anchor, "href": f.href} for f in checked.findings]
    if failure is not None:
        data["problems"] = [{"file": p.file, "line": p.line, "col": p.col, "message": p.message}
                            for p in failure.problems]
    return json.dumps(data, ensure_ascii=False)
