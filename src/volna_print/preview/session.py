"""A running preview: the builder, the file watcher and the HTTP server, started and stopped together."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from ..cache import BuildCache
from .builder import Builder, watched_roots
from .server import PreviewServer
from .watch import Watcher


class Preview:
    """Serve a live page plan of one issue; the build output goes to a temporary folder."""

    def __init__(self, issue_dir: Path, host: str = "127.0.0.1", port: int = 8000, watch: bool = True,
                 echo: Callable[[str], None] = lambda text: None,
                 warn: Callable[[str], None] = lambda text: None, cache: BuildCache | None = None,
                 preflight: bool = True) -> None:
        self.issue_dir = issue_dir
        # Never the issue folder: the preview's PDF and images are not the edition, and the watcher would see them.
        self.out_dir = Path(tempfile.mkdtemp(prefix="volna-preview-"))
        self.builder = Builder(issue_dir, self.out_dir, echo, warn, cache, preflight)
        self.watcher = Watcher(watched_roots(issue_dir), self.builder.request) if watch else None
        try:
            self.server = PreviewServer((host, port), self.builder, self.out_dir)
        except BaseException:
            shutil.rmtree(self.out_dir, ignore_errors=True)
            raise
        self._thread = threading.Thread(target=self.server.serve_forever, name="volna-preview-http", daemon=True)

    @property
    def url(self) -> str:
        """Return the address of the page plan, with the port actually bound."""
        host, port = str(self.server.server_address[0]), int(self.server.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def start(self) -> Self:
        """Start building, watching and serving."""
        self.builder.start()
        if self.watcher:
            self.watcher.start()
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop everything and delete the build output (even when a second Ctrl+C cuts the stopping short)."""
        try:
            if self.watcher:
                self.watcher.stop()
            self.builder.stop()  # wakes the event streams, which then end; ends the preflight worker
            self.server.shutdown()
            self.server.server_close()
        finally:
            shutil.rmtree(self.out_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
