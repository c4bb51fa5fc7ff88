"""The preflight's findings and its report as text, JSON-ready data and HTML."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any

LEVELS = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing the preflight found: where (page, article or ad), what, how bad."""

    level: str
    check: str
    message: str
    page: int | None = None
    subject: str = ""

    def where(self) -> str:
        """Return «page 3, ad cafe», «page 2», «ad cafe» or «issue»."""
        parts = ([f"page {self.page}"] if self.page else []) + ([self.subject] if self.subject else [])
        return ", ".join(parts) or "issue"

    def line(self) -> str:
        """Return the finding as one line of the text report."""
        return f"{self.level.upper():<8}{self.where()}: {self.check}: {self.message}"


@dataclass
class Report:
    """Everything a preflight found and measured."""

    title: str
    findings: list[Finding] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that stop the issue from going to print."""
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Return the findings an editor should look at."""
        return [f for f in self.findings if f.level == "warning"]

    def sorted_findings(self) -> list[Finding]:
        """Return the findings errors first, then by page."""
        return sorted(self.findings, key=lambda f: (LEVELS.index(f.level), f.page or 0, f.subject, f.check))

    def summary(self) -> str:
        """Return «2 errors, 3 warnings»."""
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"

    def as_data(self) -> dict[str, Any]:
        """Return the report for --json."""
        return {
            "title": self.title,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "facts": self.facts,
            "findings": [asdict(f) for f in self.sorted_findings()],
            "pages": self.pages,
        }

    def as_text(self) -> str:
        """Return the report as plain text."""
        lines = [f"Preflight: {self.title}", f"Result: {self.summary()}", ""]
        lines += [f"{key}: {_plain(value)}" for key, value in self.facts.items()]
        if self.findings:
            lines += ["", "Findings:"] + ["  " + f.line() for f in self.sorted_findings()]
        for page in self.pages:
            lines += ["", f"Page {page['page']}:" if "page" in page else "File:"]
            for key, value in page.items():
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    lines += [f"  {key}:"] + [f"    {_plain(item)}" for item in value]
                elif key != "page":
                    lines.append(f"  {key}: {_plain(value)}")
        return "\n".join(lines) + "\n"

    def as_html(self) -> str:
        """Return the report as a self-contained HTML page."""
        rows = "".join(
            f'<tr class="{f.level}"><td>{f.level}</td><td>{_h(f.where())}</td><td>{_h(f.check)}</td>'
            f"<td>{_h(f.message)}</td></tr>"
            for f in self.sorted_findings()
        )
        facts = "".join(f"<tr><th>{_h(k)}</th><td>{_h(_plain(v))}</td></tr>" for k, v in self.facts.items())
        pages = "".join(
            f"<h2>{'Page ' + str(p['page']) if 'page' in p else 'File'}</h2><table>"
            + "".join(f"<tr><th>{_h(k)}</th><td>{_cell(v)}</td></tr>" for k, v in p.items() if k != "page")
            + "</table>"
            for p in self.pages
        )
        return (
            '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8">'
            f"<title>Preflight: {_h(self.title)}</title><style>{CSS}</style></head><body>"
            f'<h1>Preflight: {_h(self.title)}</h1><p class="summary">{_h(self.summary())}</p>'
            f"<table>{facts}</table><h2>Findings</h2>"
            + (
                f"<table><tr><th>level</th><th>where</th><th>check</th><th>finding</th></tr>{rows}</table>"
                if rows
                else "<p>Nothing to report.</p>"
            )
            + pages
            + "</body></html>\n"
        )


CSS = (
    "body{font:14px/1.4 sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    "tr.error td{background:#fdd}tr.warning td{background:#ffd}.summary{font-weight:bold}"
)


def _plain(value: Any) -> str:
    """Return a fact as text: lists joined, numbers as they are."""
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    return str(value)


def _cell(value: Any) -> str:
    """Return a fact as HTML: a list of records one per line."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "<br>".join(_h(_plain(item)) for item in value)
    return _h(_plain(value))


def _h(text: str) -> str:
    """Escape text for HTML."""
    return html.escape(text, quote=True)
