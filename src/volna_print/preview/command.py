"""`volna-print serve`: the live preview of an issue in the browser."""

from __future__ import annotations

import errno
import signal
import time
from pathlib import Path
from types import FrameType

import click

from ..cache import BuildCache
from ..i18n import N_, _, os_reason
from ..options import cache_options

WAKE_S = 0.25  # how soon Ctrl+C or SIGTERM is acted on


@click.command(help=N_("Serve a live page plan of ISSUE_DIR in the browser, rebuilt whenever a file changes."))
@click.argument("issue_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help=N_("Port to listen on; 0 picks a free one."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on. Only this computer by default; 0.0.0.0 shows unpublished pages to "
                      "the whole network."))
@click.option("-q", "--quiet", is_flag=True, help=N_("Print only the address and errors, not every rebuild."))
@click.option("--no-preflight", is_flag=True,
              help=N_("Do not run the preflight after each build (it takes seconds per page in the background)."))
@cache_options
def serve(*, issue_dir: Path, port: int, host: str, quiet: bool, no_preflight: bool, no_cache: bool,
          jobs: int | None) -> None:
    """Serve the live preview (the help text is the decorator's, translated)."""
    from .server import is_loopback  # the server and its views load with serve, not with every command
    from .session import Preview

    if not is_loopback(host):
        click.echo(_("warning: --host {host}: anyone who can reach this computer can see the pages").format(host=host),
                   err=True)
    try:
        preview = Preview(issue_dir, host, port, echo=(lambda text: None) if quiet else click.echo,
                          warn=lambda text: click.echo(text, err=True),
                          cache=BuildCache.open(use_disk=not no_cache, jobs=jobs), preflight=not no_preflight)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.BadParameter(_("port {port} on {host} is in use; choose another, e.g. --port 0").format(
                port=port, host=host), param_hint="--port") from exc
        raise click.ClickException(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=os_reason(exc))) from exc
    # SIGTERM (`kill`, a service manager, a closed terminal's session) stops the server as Ctrl+C does: the
    # with block ends, so the temporary folder is deleted. Without this, Python would die at once and leave it.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with preview:
            click.echo(_("Serving the page plan of {folder} at {url} (Ctrl+C to stop)").format(
                folder=issue_dir, url=preview.url))
            try:
                while True:
                    # Short sleeps: a signal the kernel hands to one of the server's threads only sets Python's
                    # flag, and a long sleep of the main thread would not wake up to act on it.
                    time.sleep(WAKE_S)
            except KeyboardInterrupt:
                click.echo(_("stopped"))
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into the KeyboardInterrupt that Ctrl+C raises; later ones wait for the clean-up."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt
