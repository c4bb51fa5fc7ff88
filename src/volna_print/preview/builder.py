"""One build at a time in a worker thread; requests wait for it and then read a finished snapshot."""

from __future__ import annotations

import json
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..build import build
from ..cache import BuildCache
from ..errors import VolnaError
from ..manifest.paper import layouts_dir
from ..pdf import FONTS_DIR, write_atomic
from ..report import fit_report
from .plan import Plan, make_plan
from .raster import PageImage, prune, rasterise

FIT_JSON = "fit-report.json"
# `file:line:col: message` or `file:line: message`, as ManifestError and YAML errors print them.
POSITION_RE = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.*)$")
SUMMARY_RE = re.compile(r"^\d+ problems? found")  # ManifestError's last line counts the problems
EXCERPT_LINES = 2  # lines shown before and after the faulty one


@dataclass(frozen=True)
class Problem:
    """One line of a failed build's message, with its position when it names one."""

    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    excerpt: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Failure:
    """A build that stopped: the user's error (bad input) or a bug (with its traceback)."""

    problems: tuple[Problem, ...]
    text: str
    bug: bool = False
    summary: str = ""


@dataclass(frozen=True)
class Snapshot:
    """The state every request reads: the last build's plan or its failure, never half of either."""

    version: int
    finished: datetime
    seconds: float
    plan: Plan | None = None
    failure: Failure | None = None
    drawn: int = 0
    files: frozenset[str] = field(default_factory=frozenset)  # output files the snapshot refers to


class Builder:
    """Build the issue on request, one build at a time, and publish snapshots."""

    def __init__(self, issue_dir: Path, out_dir: Path, echo: Callable[[str], None] = lambda text: None,
                 warn: Callable[[str], None] = lambda text: None, cache: BuildCache | None = None) -> None:
        self.issue_dir = issue_dir
        self.out_dir = out_dir
        # One cache for the session: what a build set stays in memory for the next, and on disk for `build`.
        self.cache = cache or BuildCache()
        self.echo = echo  # progress: one line per build
        self.warn = warn  # failed builds, shown even when quiet
        self._cond = threading.Condition()
        self._pending: set[Path] | None = set()  # the first build is due at once
        self._busy = True
        self._stopped = False
        self._snapshot: Snapshot | None = None
        self._images: dict[str, PageImage] = {}
        self._thread = threading.Thread(target=self._run, name="volna-preview-build", daemon=True)

    def start(self) -> None:
        """Start the worker thread; the first build begins at once."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the build under way and wake everyone who waits."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(timeout=60)
        self.cache.close()

    def request(self, changes: Iterable[Path] = ()) -> None:
        """Ask for a rebuild; from now on, requests wait for it."""
        with self._cond:
            self._pending = (self._pending or set()) | {Path(p) for p in changes}
            self._busy = True
            self._cond.notify_all()

    def current(self, timeout: float) -> Snapshot | None:
        """Return the snapshot once no build is due or running (or the last one after timeout)."""
        with self._cond:
            self._cond.wait_for(lambda: not self._busy or self._stopped, timeout)
            return self._snapshot

    def state(self) -> tuple[int, bool]:
        """Return the published version (0 before the first build) and whether a build is due or running."""
        with self._cond:
            return (self._snapshot.version if self._snapshot else 0), self._busy

    def wait_state(self, seen: tuple[int, bool], timeout: float) -> tuple[int, bool] | None:
        """Wait until the state differs from seen; return it, or None when stopped."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopped or self._state() != seen, timeout)
            return None if self._stopped else self._state()

    def _state(self) -> tuple[int, bool]:
        """Return the state; the lock is held."""
        return (self._snapshot.version if self._snapshot else 0), self._busy

    def _run(self) -> None:
        """Take pending changes and build until stopped."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._stopped)
                if self._stopped:
                    return
                changes, self._pending = self._pending or set(), None
            snapshot = self._build(changes)
            with self._cond:
                previous = self._snapshot
                self._snapshot = snapshot
                self._busy = self._pending is not None
                self._cond.notify_all()
            # Files of the previous snapshot stay one more round: a tab that loaded its HTML may still ask.
            keep = snapshot.files | (previous.files if previous else frozenset())
            prune(self.out_dir, set(keep))

    def _build(self, changes: set[Path]) -> Snapshot:
        """Run one build and return its snapshot; never raises."""
        version = (self._snapshot.version if self._snapshot else 0) + 1
        started = time.monotonic()
        try:
            result = build(self.issue_dir, self.out_dir, cache=self.cache)
            assert result.pdf is not None
            images, drawn = rasterise(result.pdf, self.out_dir, self._images)
            write_atomic(self.out_dir / FIT_JSON,
                         json.dumps(fit_report(result), ensure_ascii=False, indent=2).encode("utf-8"))
            plan = make_plan(result, images, FIT_JSON)
            result.data = None  # the PDF is on disk now
        except VolnaError as exc:
            return self._failed(version, started, input_failure(exc.format_message(), watched_roots(self.issue_dir)))
        except Exception as exc:  # noqa: BLE001 - a bug or a WeasyPrint crash must not stop the server
            text = "".join(traceback.format_exception(exc))
            return self._failed(version, started, Failure((Problem(f"{type(exc).__name__}: {exc}"),), text, True))
        self._images = {image.digest: image for image in images}
        seconds = time.monotonic() - started
        cause = f" after changes to {', '.join(sorted(p.name for p in changes)[:3])}" if changes else ""
        self.echo(f"built {plan.basename}{cause}: {len(images)} pages ({drawn} redrawn) in {seconds:.1f} s")
        files = {plan.pdf, FIT_JSON} | {name for image in images for name in image.files}
        return Snapshot(version, datetime.now(), seconds, plan=plan, drawn=drawn, files=frozenset(files))

    def _failed(self, version: int, started: float, failure: Failure) -> Snapshot:
        """Report a failed build and return its snapshot."""
        self.warn("build failed:\n" + failure.text.rstrip())
        return Snapshot(version, datetime.now(), time.monotonic() - started, failure=failure)


def input_failure(text: str, roots: list[Path]) -> Failure:
    """Return the failure of a build stopped by bad input, its summary line apart."""
    problems = parse_problems(text, roots)
    if len(problems) > 1 and problems[-1].file is None and SUMMARY_RE.search(problems[-1].message):
        return Failure(problems[:-1], text, summary=problems[-1].message)
    return Failure(problems, text)


def parse_problems(text: str, roots: list[Path]) -> tuple[Problem, ...]:
    """Split an error message into problems, each with its file, line and source excerpt where it has them."""
    problems = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        match = POSITION_RE.match(raw)
        if match is None or not match["file"].strip():
            problems.append(Problem(raw))
            continue
        line = int(match["line"])
        problems.append(Problem(match["message"], match["file"], line, int(match["col"]) if match["col"] else None,
                                excerpt(Path(match["file"]), line, roots)))
    return tuple(problems)


def excerpt(path: Path, line: int, roots: list[Path]) -> tuple[tuple[int, str], ...]:
    """Return the numbered lines around line, only from a file under roots (what the build reads)."""
    try:
        resolved = path.resolve()
        inside = any(resolved.is_relative_to(root) for root in roots)
        if not inside or not resolved.is_file() or resolved.stat().st_size > 2_000_000:
            return ()
        text = resolved.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    lines = text.splitlines()
    first, last = max(1, line - EXCERPT_LINES), min(len(lines), line + EXCERPT_LINES)
    return tuple((number, lines[number - 1]) for number in range(first, last + 1))


def watched_roots(issue_dir: Path) -> list[Path]:
    """Return the folders whose changes make a rebuild: the issue, the paper designs and the fonts."""
    roots: list[Path] = []
    for path in (issue_dir.resolve(), layouts_dir().resolve(), FONTS_DIR.resolve()):
        if path.is_dir() and not any(path.is_relative_to(root) for root in roots):
            roots.append(path)
    return roots
