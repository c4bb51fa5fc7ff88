"""Notice changed files under the issue, layouts/ and fonts/, and ask the builder for a rebuild."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

log = logging.getLogger(__name__)

# watchfiles yields once no new change came for STEP_MS (an editor's save is several events within
# milliseconds), and at the latest after DEBOUNCE_MS of continuous changes (a `git checkout`, a copied folder).
STEP_MS = 150
DEBOUNCE_MS = 1600


class Watcher:
    """A thread that calls on_change with the changed paths, debounced."""

    def __init__(self, roots: list[Path], on_change: Callable[[Iterable[Path]], None]) -> None:
        self.roots = roots
        self.on_change = on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="volna-preview-watch", daemon=True)

    def start(self) -> None:
        """Start watching."""
        self._thread.start()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        """Pass every batch of changes on until stopped."""
        try:
            for changes in watchfiles.watch(*self.roots, watch_filter=watchfiles.DefaultFilter(), debounce=DEBOUNCE_MS,
                                            step=STEP_MS, stop_event=self._stop, raise_interrupt=False):
                paths = sorted({Path(path) for _, path in changes})
                log.debug("changed: %s", ", ".join(map(str, paths)))
                self.on_change(paths)
        except Exception:  # the server without live reload is still worth keeping up
            log.exception("watching files stopped; reload the page by hand after edits")
