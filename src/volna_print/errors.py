"""Errors the user sees: clean messages and exit codes, never a traceback."""

from __future__ import annotations

import click

from .i18n import ngettext

EXIT_INVALID = 2  # bad input: manifest, article, artwork, arguments
EXIT_FAILED = 1  # the build ran but the result must not go to print (--strict, preflight errors)


class VolnaError(click.ClickException):
    """Base of every error volna-print reports to the user."""

    exit_code = EXIT_INVALID

    def show(self, file=None) -> None:
        """Print the message without click's «Error:» prefix when it already names a file."""
        click.echo(self.format_message(), err=True)


class ManifestError(VolnaError):
    """The issue, its articles or the paper's settings are invalid; lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        summary = ngettext("{count} problem found; nothing was built.",
                           "{count} problems found; nothing was built.", count).format(count=count)
        super().__init__("\n".join([*problems, summary]))


class BuildError(VolnaError):
    """Rendering failed for a reason the user can act on."""


class StrictError(VolnaError):
    """A --strict build found something that must not go to print."""

    exit_code = EXIT_FAILED
