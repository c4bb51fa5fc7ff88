"""The volna-print command line: thin commands that call the pipeline's stages."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import i18n
from .click_i18n import lang_option, language_in_args, localize, translate_click
from .errors import VolnaError
from .i18n import N_, _, ngettext
from .options import cache_options, opened_cache

translate_click()  # before the decorators below make click's types (click.Path names itself at creation)

issue_dir_arg = click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))


class Group(click.Group):
    """The command group: it speaks the chosen language, and errors we did not foresee still end in a
    message, not a traceback."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """Choose the language (--lang, $VOLNA_LANG, the locale) before click reads a word of the options."""
        i18n.use(i18n.choose_language(language_in_args(args)))
        localize(self)
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; turn an operating-system error or a bug of ours into a message."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except OSError as exc:  # a full disk, a read-only output folder, a file vanishing mid-build
            name = exc.filename or _("file")
            raise VolnaError(f"{name}: {i18n.os_reason(exc)}") from exc
        except Exception as exc:
            if os.environ.get("VOLNA_DEBUG"):
                raise
            raise InternalError(_("internal error: {kind}: {error}\nnothing was written; run again with "
                                  "VOLNA_DEBUG=1 for the traceback and report it").format(
                kind=type(exc).__name__, error=exc)) from exc


class InternalError(VolnaError):
    """A bug of ours: exit 1, the last good output untouched."""

    exit_code = 1


@click.group(cls=Group, help=N_("Build the weekly newspaper «Волна» from an issue manifest into print-ready PDF "
                                 "pages."))
@click.version_option(package_name="volna-print")
@lang_option
def main() -> None:
    """The volna-print command group."""


@main.command(help=N_("Build ISSUE_DIR into one PDF of the whole issue (and, with --print, the printing house's "
                        "pages)."))
@issue_dir_arg
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help=N_("Folder for the PDF."))
@click.option("--strict", is_flag=True,
              help=N_("Fail (exit 1) on any overset or warning: the final build for print."))
@click.option("--print", "for_print", is_flag=True,
              help=N_("Also write one PDF/X-1a file per page for the printing house."))
@click.option("-q", "--quiet", is_flag=True, help=N_("Print only the PDF path and problems."))
@cache_options
def build(issue_dir: Path, out_dir: Path, strict: bool, for_print: bool, quiet: bool, no_cache: bool,
          jobs: int | None) -> None:
    """Run `build`."""
    from .build import build as run_build
    from .report import page_lines

    with opened_cache(no_cache, jobs) as cache:
        result = run_build(issue_dir, out_dir, strict=strict, cache=cache)
    if for_print:
        from .printing import write_print_files

        for path in write_print_files(result, out_dir):
            if not quiet:
                click.echo(_("print: {path}").format(path=path))
    for warning in result.warnings:
        click.echo(_("warning: {message}").format(message=warning), err=True)
    for fit in result.overset():
        click.echo(_("overset: {message}").format(message=fit.describe()), err=True)
    if not quiet:
        for text in page_lines(result):
            click.echo(text)
    click.echo(str(result.pdf))


@main.command(help=N_("Validate ISSUE_DIR without writing anything; with --json, report every frame's fit."))
@issue_dir_arg
@click.option("--json", "as_json", is_flag=True, help=N_("Lay the issue out and print the fit report as JSON."))
@cache_options
def check(issue_dir: Path, as_json: bool, no_cache: bool, jobs: int | None) -> None:
    """Run `check`."""
    from .manifest.issue import load_issue

    if not as_json:
        issue = load_issue(issue_dir)
        for warning in issue.warnings:
            click.echo(_("warning: {message}").format(message=warning), err=True)
        click.echo(checked_line(issue_dir, len(issue.pages), len(issue.articles), len(issue.ads)))
        return
    from .build import lay_out_issue
    from .report import fit_report

    with opened_cache(no_cache, jobs) as cache:
        result = lay_out_issue(issue_dir, cache)
    for warning in result.warnings:
        click.echo(_("warning: {message}").format(message=warning), err=True)
    click.echo(json.dumps(fit_report(result), ensure_ascii=False, indent=2))


def checked_line(issue_dir: Path, pages: int, articles: int, ads: int) -> str:
    """Return what `check` says of a valid issue: its folder and how many pages, articles and ads it has."""
    counts = ", ".join([ngettext("{count} page", "{count} pages", pages).format(count=pages),
                        ngettext("{count} article", "{count} articles", articles).format(count=articles),
                        ngettext("{count} ad", "{count} ads", ads).format(count=ads)])
    return _("{folder}: OK: {counts}").format(folder=issue_dir, counts=counts)


@main.command(help=N_("Typeset Russian text from stdin to stdout by the paper's rules."))
@click.option("--html", "as_html", is_flag=True,
              help=N_("Write non-breaking spaces as &nbsp; (for the website)."))
def typeset(as_html: bool) -> None:
    """Run `typeset`."""
    from .typography import to_html_entities
    from .typography import typeset as run

    text = sys.stdin.read()
    out = run(text)
    click.echo(to_html_entities(out) if as_html else out, nl=False)


@main.command("import", help=N_("Convert a Word article DOCX into a Markdown article for review; its pictures go "
                                  "to the issue's images/.\n\nThe issue folder is the one above articles/ when the "
                                  "Markdown goes there, else the Markdown's own folder."))
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Markdown file to write [default: the .docx's name with .md]."))
@click.option("--force", is_flag=True, help=N_("Overwrite the Markdown file if it exists."))
def import_(docx: Path, out: Path | None, force: bool) -> None:
    """Run `import`."""
    from .manifest.docx import WordError, convert

    if docx.suffix.lower() != ".docx":
        raise click.BadParameter(_("expected a Word .docx file (an old .doc: save it as .docx first)"),
                                 param_hint="DOCX")
    out = out or docx.with_suffix(".md")
    if out.exists() and not force:
        raise click.BadParameter(_("{file} exists; add --force to overwrite it").format(file=out), param_hint="-o")
    root = out.parent.parent if out.parent.name == "articles" else out.parent
    try:
        text = convert(docx, root, out.stem)
    except WordError as exc:
        raise VolnaError(f"{docx}: {exc}") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(str(out))


@main.command("new", help=N_("Start next week's issue from LAST: number and total + 1, date and signing + 7 days, "
                              "the same page plan.\n\nArticles and ads are left for the editor: last week's lists "
                              "stay in issue.yaml as comments; articles/, images/ and ads/ start empty. NEW_DIR "
                              "defaults to a folder beside LAST named by the new date and number."))
@click.argument("last", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("new_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
def new(last: Path, new_dir: Path | None) -> None:
    """Run `new`."""
    from .manifest.issue import load_issue
    from .manifest.sequence import next_manifest
    from .pdf import write_atomic

    issue = load_issue(last)  # a broken last issue is reported as by check
    text = (last / "issue.yaml").read_text(encoding="utf-8")
    new_date = issue.date + dt.timedelta(days=7)
    target = new_dir or last.parent / f"{new_date.isoformat()}-n{issue.number + 1}"
    if target.exists() and any(target.iterdir()):
        raise click.BadParameter(_("{folder} exists and is not empty; name another folder").format(folder=target),
                                 param_hint="NEW_DIR")
    for sub in ("articles", "images", "ads"):
        (target / sub).mkdir(parents=True, exist_ok=True)
    write_atomic(target / "issue.yaml", next_manifest(text, issue.number, issue.total, issue.date).encode("utf-8"))
    load_issue(target)  # what was written must pass check
    click.echo(str(target))


def _register() -> None:
    """Add the commands that live with their stages."""
    from .preview.command import serve
    from .printing.commands import package, preflight

    for command in (serve, preflight, package):
        main.add_command(command)


_register()

if __name__ == "__main__":
    main()
