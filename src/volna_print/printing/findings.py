"""The preflight's findings and its report as text, JSON-ready data and HTML."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import i18n
from ..i18n import N_, _, ngettext

LEVELS = ("error", "warning", "info")
# The report's words for what the data keeps as codes (JSON has the codes: programs read it).
LEVEL_NAMES = {"error": N_("ERROR"), "warning": N_("WARNING"), "info": N_("INFO")}
CHECK_NAMES = {
    "overset": N_("overset"), "build": N_("build"), "imprint": N_("imprint"), "placeholder": N_("placeholder"),
    "ad share": N_("ad share"), "ad size": N_("ad size"), "ink": N_("ink"), "edge": N_("edge"),
    "pdfx": N_("PDF/X"), "pdf": N_("PDF"), "pages": N_("page count"), "colour": N_("colour"),
    "transparency": N_("transparency"), "content": N_("content"), "fonts": N_("fonts"),
    "resolution": N_("resolution"), "small type": N_("small type"), "rich black": N_("rich black"),
    "rules": N_("rules"), "overprint": N_("overprint"),
}
FACT_NAMES = {
    # the issue's
    "pages": N_("pages"), "trim_mm": N_("trim, mm"), "scale": N_("scale"), "bleed_mm": N_("bleed, mm"),
    "icc_profile": N_("ICC profile"), "ink_limit_percent": N_("total ink limit, %"),
    "image_ppi": N_("picture resolution"), "ad_share_percent": N_("ads' share of the type area, %"),
    "ads": N_("ads"), "print_run": N_("print run"),
    # a page's, a picture's, a font's
    "file": N_("file"), "colour_spaces": N_("colour spaces"), "ink_max_percent": N_("total ink, highest %"),
    "ink_mean_percent": N_("ink coverage, mean %"), "pictures": N_("pictures"), "fonts": N_("fonts"),
    "where": N_("where"), "ppi": N_("ppi"), "pixels": N_("pixels"), "colour_space": N_("colour space"),
    "name": N_("name"), "type": N_("type"), "embedded": N_("embedded"), "program": N_("program"),
    # an artwork file's
    "mode": N_("colour mode"), "size_mm": N_("size, mm"), "pdf_version": N_("PDF version"),
    "pdfx": N_("PDF/X"), "page": N_("page"), "artwork_area_mm": N_("artwork area, mm"),
}


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
        page = [_("page {page}").format(page=self.page)] if self.page else []
        return ", ".join(page + ([self.subject] if self.subject else [])) or _("issue")

    def line(self) -> str:
        """Return the finding as one line of the text report, its level padded to the longest one's."""
        width = max(len(_(name)) for name in LEVEL_NAMES.values())
        return f"{level_name(self.level):<{width}} {self.where()}: {check_name(self.check)}: {self.message}"


def level_name(level: str) -> str:
    """Return how the report names a level: ERROR, WARNING, INFO."""
    return _(LEVEL_NAMES[level]) if level in LEVEL_NAMES else level


def check_name(check: str) -> str:
    """Return how the report names a check (its code when the catalog has no name for it)."""
    return _(CHECK_NAMES[check]) if check in CHECK_NAMES else check


def fact_name(key: str) -> str:
    """Return how the report names a fact (its key when the catalog has no name for it)."""
    return _(FACT_NAMES[key]) if key in FACT_NAMES else key


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
        return ", ".join([ngettext("{count} error", "{count} errors", errors).format(count=errors),
                          ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)])

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
        lines = [_("Preflight: {title}").format(title=self.title), _("Result: {summary}").format(summary=self.summary()),
                 ""]
        lines += [f"{fact_name(key)}: {_plain(value)}" for key, value in self.facts.items()]
        if self.findings:
            lines += ["", _("Findings:")] + ["  " + f.line() for f in self.sorted_findings()]
        for page in self.pages:
            lines += ["", _page_heading(page) + ":"]
            for key, value in page.items():
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    lines += [f"  {fact_name(key)}:"] + [f"    {_plain(item)}" for item in value]
                elif key != "page":
                    lines.append(f"  {fact_name(key)}: {_plain(value)}")
        return "\n".join(lines) + "\n"

    def as_html(self) -> str:
        """Return the report as a self-contained HTML page."""
        rows = "".join(
            f'<tr class="{f.level}"><td>{_h(level_name(f.level).lower())}</td><td>{_h(f.where())}</td>'
            f"<td>{_h(check_name(f.check))}</td><td>{_h(f.message)}</td></tr>"
            for f in self.sorted_findings()
        )
        facts = "".join(f"<tr><th>{_h(fact_name(k))}</th><td>{_h(_plain(v))}</td></tr>" for k, v in self.facts.items())
        pages = "".join(
            f"<h2>{_h(_page_heading(p))}</h2><table>"
            + "".join(f"<tr><th>{_h(fact_name(k))}</th><td>{_cell(v)}</td></tr>" for k, v in p.items() if k != "page")
            + "</table>"
            for p in self.pages
        )
        title = _h(_("Preflight: {title}").format(title=self.title))
        head = "".join(f"<th>{_h(word)}</th>" for word in (_("level"), _("where"), _("check"), _("finding")))
        findings, nothing = _h(_("Findings")), _h(_("Nothing to report."))
        return (
            f'<!DOCTYPE html>\n<html lang="{i18n.language()}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{CSS}</style></head><body>"
            f'<h1>{title}</h1><p class="summary">{_h(self.summary())}</p>'
            f"<table>{facts}</table><h2>{findings}</h2>"
            + (f"<table><tr>{head}</tr>{rows}</table>" if rows else f"<p>{nothing}</p>")
            + pages
            + "</body></html>\n"
        )


CSS = (
    "body{font:14px/1.4 sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    "tr.error td{background:#fdd}tr.warning td{background:#ffd}.summary{font-weight:bold}"
)


def _page_heading(page: dict[str, Any]) -> str:
    """Return the heading of a page's facts: «Page 3», or «File» for an artwork file's."""
    return _("Page {page}").format(page=page["page"]) if "page" in page else _("File")


def _plain(value: Any) -> str:
    """Return a fact as text: lists joined, yes and no in words, numbers as they are."""
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value) if value else _("none")
    if isinstance(value, dict):
        return ", ".join(f"{fact_name(k)} {_plain(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _cell(value: Any) -> str:
    """Return a fact as HTML: a list of records one per line."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "<br>".join(_h(_plain(item)) for item in value)
    return _h(_plain(value))


def _h(text: str) -> str:
    """Escape text for HTML."""
    return html.escape(text, quote=True)
