"""The print commands: `preflight` and `package` (registered in the CLI group by cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import EXIT_FAILED, VolnaError
from ..i18n import N_, _, ngettext
from ..options import cache_options, opened_cache


class PreflightFailed(VolnaError):
    """The preflight found errors: the issue must not go to print as it is."""

    exit_code = EXIT_FAILED


@click.command(
    help=N_("Check ISSUE_DIR's print files, or one artwork file (PDF, JPEG, PNG), as a printing house would.\n\n"
            "Exit code 1 when the report has errors.")
)
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the report as JSON."))
@click.option(
    "--size", metavar="COLSxROWS", help=N_("For one artwork file: the ad size it is booked for, e.g. 2x3.")
)
@click.option(
    "--page",
    metavar="N|front|inner|back",
    help=N_("For one artwork file: the page it is booked on (front-page modules are shorter); default inner."),
)
@click.option(
    "--fit",
    type=click.Choice(["contain", "cover"]),
    default="contain",
    show_default=True,
    help=N_("For one artwork file: how the ad is fitted to its module (the ad's `fit` in issue.yaml)."),
)
@click.option(
    "--paper",
    default="volna",
    show_default=True,
    help=N_("For one artwork file: the paper whose print settings apply."),
)
@click.option("--strict", is_flag=True,
              help=N_("Placeholders in the furniture are errors: the check before print."))
@cache_options
def preflight(
    target: Path, as_json: bool, size: str | None, page: str | None, fit: str, paper: str, strict: bool,
    no_cache: bool, jobs: int | None,
) -> None:
    """Run `preflight`."""
    if target.is_dir():
        if size or page:
            raise click.BadParameter(
                _("--size and --page apply to one artwork file, not to an issue"), param_hint="--size"
            )
        from .preflight import prepare

        with opened_cache(no_cache, jobs) as cache:
            report = prepare(target, strict, cache).report
    else:
        from .artwork import preflight_file

        report = preflight_file(target, size, paper, page, fit)
    click.echo(
        json.dumps(report.as_data(), ensure_ascii=False, indent=2) if as_json else report.as_text(),
        nl=as_json,
    )
    if report.errors:
        click.get_current_context().exit(EXIT_FAILED)


@click.command(help=N_("Write the zip for the printing house: PDF/X-1a pages, preflight report, checksums, readme."))
@click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help=N_("Folder for the zip."),
)
@click.option("--force", is_flag=True, help=N_("Write the package even when the preflight found errors."))
@click.option("--strict", is_flag=True, help=N_("Placeholders in the furniture are errors."))
@cache_options
def package(issue_dir: Path, out_dir: Path, force: bool, strict: bool, no_cache: bool, jobs: int | None) -> None:
    """Run `package`."""
    from .package import write_package
    from .preflight import prepare

    with opened_cache(no_cache, jobs) as cache:
        run = prepare(issue_dir, strict, cache)
    for finding in run.report.sorted_findings():
        if finding.level != "info":
            click.echo(finding.line(), err=True)
    if run.report.errors and not force:
        raise PreflightFailed(
            _("preflight: {summary}; nothing was written (fix the errors, or --force to package anyway)").format(
                summary=run.report.summary())
        )
    path = write_package(run, out_dir)
    click.echo(ngettext("{summary}; {count} page", "{summary}; {count} pages", len(run.pages)).format(
        summary=run.report.summary(), count=len(run.pages)))
    click.echo(str(path))
