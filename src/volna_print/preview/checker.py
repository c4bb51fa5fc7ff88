"""The preflight of each build, in the background: `volna-print preflight`'s own code in a worker process.

The preflight converts every picture to the press's CMYK and has Ghostscript measure the ink: seconds per page,
more than a build takes. So the preview publishes a build's pages at once and its findings when they come.
The check runs in one long-lived worker process (spawned, so no thread state is forked), for three reasons: it
takes no time from the server's threads (the GIL), a newer build cancels it by ending the process, and the
worker's temporary files (the print pages Ghostscript reads) lie in a folder of the preview's own, which is
deleted with it on exit even when the worker was killed halfway.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from .. import i18n
from ..build import Result
from ..i18n import _
from ..printing.findings import Report

log = logging.getLogger(__name__)

REMEMBERED = 4  # reports kept by the digest of what was checked: an undo is checked at once
POLL_S = 0.1  # how often the waiting thread looks for a cancellation


class Checker:
    """Preflight one build at a time; a newer submission cancels the one under way."""

    def __init__(self, tmp_dir: Path, done: Callable[[int, Report | None, str], None]) -> None:
        self.tmp_dir = tmp_dir  # the worker's TMPDIR: deleted with the preview's output folder
        self.done = done  # called with (version, report, "") or (version, None, why it failed)
        self._cond = threading.Condition()
        self._job: tuple[int, bytes] | None = None
        self._running: int | None = None
        self._cancel = False
        self._stopped = False
        self._remembered: OrderedDict[str, Report] = OrderedDict()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._thread = threading.Thread(target=self._run, name="volna-preview-preflight", daemon=True)

    def start(self) -> None:
        """Start the thread that hands builds to the worker."""
        self._thread.start()

    def submit(self, version: int, result: Result) -> None:
        """Check this build next; any check under way or waiting is dropped."""
        assert result.data is not None, "the build's PDF is checked from memory: the file may be rebuilt meanwhile"
        payload = pickle.dumps(replace(result, pdf=None), protocol=pickle.HIGHEST_PROTOCOL)
        with self._cond:
            self._job = (version, payload)
            self._cancel = self._running is not None
            self._cond.notify_all()

    def cancel(self) -> None:
        """Drop the check under way and any waiting (a new build is starting: it needs the processor)."""
        with self._cond:
            self._job = None
            self._cancel = self._running is not None
            self._cond.notify_all()

    def stop(self) -> None:
        """End the worker and the thread."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(timeout=10)
        self._end_worker()

    def _run(self) -> None:
        """Take submitted builds and check them until stopped."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._job is not None or self._stopped)
                if self._stopped or self._job is None:
                    return
                (version, payload), self._job = self._job, None
                self._running, self._cancel = version, False
            try:
                outcome = self._check(payload)
            except Exception as exc:  # noqa: BLE001 - a broken check must not stop the preview
                log.exception("preflight failed")
                outcome = (None, f"{type(exc).__name__}: {exc}")
            with self._cond:
                self._running = None
            if outcome is not None:
                self.done(version, *outcome)

    def _check(self, payload: bytes) -> tuple[Report | None, str] | None:
        """Return the report of one build (None when cancelled or stopped)."""
        # the worker was spawned without --lang: every job says which language its findings are in
        language = i18n.language()
        key = hashlib.sha256(language.encode() + b"\0" + payload).hexdigest()
        if key in self._remembered:
            self._remembered.move_to_end(key)
            return self._remembered[key], ""
        conn = self._worker()
        conn.send_bytes(language.encode())
        conn.send_bytes(payload)
        while not conn.poll(POLL_S):
            with self._cond:
                dropped = self._cancel or self._stopped
            if dropped:
                self._end_worker()  # the quickest way to stop Ghostscript and the conversions halfway
                return None
            if self._process is not None and not self._process.is_alive():
                self._end_worker()
                return None, _("the check stopped: its worker process ended")
        try:
            report, error = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            self._end_worker()
            return None, _("the check stopped: its worker process ended")
        if report is not None:
            self._remembered[key] = report
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return report, error

    def _worker(self) -> Connection:
        """Return the connection to the worker process, starting it when there is none."""
        if self._process is None or not self._process.is_alive() or self._conn is None:
            self._end_worker()
            self.tmp_dir.mkdir(parents=True, exist_ok=True)
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe()
            self._process = context.Process(target=work, args=(theirs, str(self.tmp_dir)),
                                            name="volna-preview-preflight", daemon=True)
            self._process.start()
            theirs.close()
            self._conn = ours
        return self._conn

    def _end_worker(self) -> None:
        """End the worker process, if any, and delete what it left in its temporary folder."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=10)
        if self.tmp_dir.is_dir():
            for path in self.tmp_dir.iterdir():
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)


def work(conn: Connection, tmp_dir: str) -> None:
    """The worker process: preflight each pickled Result it is sent, and send back (report, error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the server ends the worker
    os.environ["TMPDIR"] = tmp_dir
    tempfile.tempdir = None
    from ..printing.preflight import prepare_result

    while True:
        try:
            language = conn.recv_bytes().decode()
            payload = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if i18n.language() != language:
            i18n.use(language)
        try:
            report: Report | None = prepare_result(pickle.loads(payload)).report
            error = ""
        except Exception as exc:  # noqa: BLE001 - the message is shown in the preview
            report, error = None, f"{type(exc).__name__}: {exc}"
        conn.send_bytes(pickle.dumps((report, error), protocol=pickle.HIGHEST_PROTOCOL))
