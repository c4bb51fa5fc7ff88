"""The volna-print command line: thin commands that call the pipeline's stages."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from .errors import VolnaError
from .options import cache_options, opened_cache

issue_dir_arg = click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))


class Group(click.Group):
    """The command group: errors we did not foresee still end in a message, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except OSError as exc:  # a full disk, a read-only output folder, a file vanishing mid-build
            raise VolnaError(f"{exc.filename or 'file'}: {exc.strerror or exc}") from exc
        except Exception as exc:
            if os.environ.get("VOLNA_DEBUG"):
                raise
            raise InternalError(f"internal error: {type(exc).__name__}: {exc}\n"
                                "nothing was written; run again with VOLNA_DEBUG=1 for the traceback "
                                "and report it") from exc


class InternalError(VolnaError):
    """A bug of ours: exit 1, the last good output untouched."""

    exit_code = 1


@click.group(cls=Group)
@click.version_option(package_name="volna-print")
def main() -> None:
    """Build the weekly newspaper «Волна» from an issue manifest into print-ready PDF pages."""


@main.command()
@issue_dir_arg
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the PDF.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any overset or warning: the final build for print.")
@click.option("--print", "for_print", is_flag=True,
              help="Also write one PDF/X-1a file per page for the printing house.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the PDF path and problems.")
@cache_options
def build(issue_dir: Path, out_dir: Path, strict: bool, for_print: bool, quiet: bool, no_cache: bool,
          jobs: int | None) -> None:
    """Build ISSUE_DIR into one PDF of the whole issue (and, with --print, the printing house's pages)."""
    from .build import build as run_build
    from .report import page_lines

    with opened_cache(no_cache, jobs) as cache:
        result = run_build(issue_dir, out_dir, strict=strict, cache=cache)
    if for_print:
        from .printing import write_print_files

        for path in write_print_files(result, out_dir):
            if not quiet:
                click.echo(f"print: {path}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for fit in result.overset():
        click.echo(f"overset: {fit.describe()}", err=True)
    if not quiet:
        for text in page_lines(result):
            click.echo(text)
    click.echo(str(result.pdf))


@main.command()
@issue_dir_arg
@click.option("--json", "as_json", is_flag=True, help="Lay the issue out and print the fit report as JSON.")
@cache_options
def check(issue_dir: Path, as_json: bool, no_cache: bool, jobs: int | None) -> None:
    """Validate ISSUE_DIR without writing anything; with --json, report every frame's fit."""
    from .manifest.issue import load_issue

    if not as_json:
        issue = load_issue(issue_dir)
        for warning in issue.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(f"{issue_dir}: OK: {len(issue.pages)} pages, {len(issue.articles)} articles, {len(issue.ads)} ads")
        return
    from .build import lay_out_issue
    from .report import fit_report

    with opened_cache(no_cache, jobs) as cache:
        result = lay_out_issue(issue_dir, cache)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(json.dumps(fit_report(result), ensure_ascii=False, indent=2))


@main.command()
@click.option("--html", "as_html", is_flag=True, help="Write non-breaking spaces as &nbsp; (for the website).")
def typeset(as_html: bool) -> None:
    """Typeset Russian text from stdin to stdout by the paper's rules."""
    from .typography import to_html_entities
    from .typography import typeset as run

    text = sys.stdin.read()
    out = run(text)
    click.echo(to_html_entities(out) if as_html else out, nl=False)


@main.command("import")
@click.argument("docx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Markdown file to write [default: the .docx's name with .md].")
@click.option("--force", is_flag=True, help="Overwrite the Markdown file if it exists.")
def import_(docx: Path, out: Path | None, force: bool) -> None:
    """Convert a Word article DOCX into a Markdown article for review; its pictures go to the issue's images/.

    The issue folder is the one above articles/ when the Markdown goes there, else the Markdown's own folder.
    """
    from .manifest.docx import WordError, convert

    if docx.suffix.lower() != ".docx":
        raise click.BadParameter("expected a Word .docx file (an old .doc: save it as .docx first)", param_hint="DOCX")
    out = out or docx.with_suffix(".md")
    if out.exists() and not force:
        raise click.BadParameter(f"{out} exists; add --force to overwrite it", param_hint="-o")
    root = out.parent.parent if out.parent.name == "articles" else out.parent
    try:
        text = convert(docx, root, out.stem)
    except WordError as exc:
        raise VolnaError(f"{docx}: {exc}") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(str(out))


@main.command("new")
@click.argument("last", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("new_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
def new(last: Path, new_dir: Path | None) -> None:
    """Start next week's issue from LAST: number and total + 1, date and signing + 7 days, the same page plan.

    Articles and ads are left for the editor: last week's lists stay in issue.yaml as comments; articles/,
    images/ and ads/ start empty. NEW_DIR defaults to a folder beside LAST named by the new date and number.
    """
    from .manifest.issue import load_issue
    from .manifest.sequence import next_manifest
    from .pdf import write_atomic

    issue = load_issue(last)  # a broken last issue is reported as by check
    text = (last / "issue.yaml").read_text(encoding="utf-8")
    new_date = issue.date + dt.timedelta(days=7)
    target = new_dir or last.parent / f"{new_date.isoformat()}-n{issue.number + 1}"
    if target.exists() and any(target.iterdir()):
        raise click.BadParameter(f"{target} exists and is not empty; name another folder", param_hint="NEW_DIR")
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
