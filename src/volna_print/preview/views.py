"""The preview's HTML: the page plan, a large page, the reports and a failed build, in Russian."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .builder import Snapshot
from .plan import plural

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def get_env() -> jinja2.Environment:
    """Return the preview's template environment: strict and autoescaped, as the paper's own."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined,
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = lambda count, one, few, many: f"{count} {plural(count, one, few, many)}"
    env.filters["pct"] = lambda value: f"{value:.2f}%"
    return env


def _render(name: str, snapshot: Snapshot, **context: Any) -> str:
    """Render one template with what every page shows: the version, the title and the state."""
    plan = snapshot.plan
    return get_env().get_template(name).render(snapshot=snapshot, plan=plan, failure=snapshot.failure,
                                                issue_title=plan.title if plan else "сборка не удалась", **context)


def plan_page(snapshot: Snapshot) -> str:
    """Return the page plan: every page in reader spreads, with badges."""
    return _render("plan.html", snapshot, view="plan")


def page_view(snapshot: Snapshot, number: int) -> str | None:
    """Return the large view of one page, or None when the issue has no such page."""
    if snapshot.plan is None:
        return _render("plan.html", snapshot, view="plan")
    pages = {page.number: page for page in snapshot.plan.pages}
    if number not in pages:
        return None
    return _render("page.html", snapshot, view="page", page=pages[number],
                   previous=pages.get(number - 1), following=pages.get(number + 1))


def reports_page(snapshot: Snapshot) -> str:
    """Return the preflight and fit reports."""
    return _render("reports.html", snapshot, view="reports")


def waiting_page() -> str:
    """Return the page shown when the first build has not finished in time."""
    return get_env().get_template("waiting.html").render()


def state_json(snapshot: Snapshot, busy: bool) -> str:
    """Return the state as JSON: for scripts and tests, the same data the pages show."""
    plan, failure = snapshot.plan, snapshot.failure
    data: dict[str, Any] = {"version": snapshot.version, "busy": busy, "ok": plan is not None,
                            "finished": snapshot.finished.isoformat(timespec="seconds"),
                            "seconds": round(snapshot.seconds, 3), "redrawn": snapshot.drawn}
    if plan is not None:
        data["pdf"] = f"/out/{plan.pdf}"
        data["pages"] = [{"number": page.number, "digest": page.image.digest, "thumb": f"/out/{page.image.thumb}",
                          "large": f"/out/{page.image.large}", "overset": len(page.overset),
                          "underset": len(page.underset)} for page in plan.pages]
    if failure is not None:
        data["problems"] = [{"file": p.file, "line": p.line, "col": p.col, "message": p.message}
                            for p in failure.problems]
    return json.dumps(data, ensure_ascii=False)


def error_page(code: int, title: str, text: str) -> str:
    """Return an error page in Russian: 404, 405 and the rest."""
    return get_env().get_template("error.html").render(code=code, title=title, text=text)
