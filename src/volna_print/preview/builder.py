"""One build at a time in a worker thread; requests wait for it and then read a finished snapshot.

The first build is the exception: until it is done, the page plan shows the pages the manifest lists and then
each page as soon as its image is drawn, rather than a blank tab. After each build, the preflight runs in the
background (checker.py) and its findings are added to the build's snapshot when they come.
"""

from __future__ import annotations

import json
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..build import Result, build
from ..cache import BuildCache
from ..errors import VolnaError
from ..i18n import _, ngettext
from ..manifest.issue import load_issue
from ..manifest.paper import layouts_dir
from ..pdf import FONTS_DIR, write_atomic
from ..printing.findings import Report
from ..report import fit_report
from .checker import Checker
from .plan import Checked, Plan, checked, make_plan, skeleton_plan
from .raster import PageImage, prune, rasterise

FIT_JSON = "fit-report.json"
CHECK_DIR = ".check"  # the preflight worker's temporary files; a hidden name is never served
# `file:line:col: message` or `file:line: message`, as ManifestError and YAML errors print them.
POSITION_RE = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.*)$")
SUMMARY_RE = re.compile(r"^(\d+ problems? found|Найден[аоы] \d+ ошиб)")  # ManifestError's last line, en or ru
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
    serial: int = 0  # grows with every publication (a build, a page of the first build, a preflight): tabs refresh
    partial: bool = False  # the first build, under way: some pages have no image yet (plan None: not even read)
    checked: Checked | None = None  # the build's preflight; None while it runs

    @property
    def checking(self) -> bool:
        """Return whether the preflight of this build is still to come."""
        return self.plan is not None and not self.partial and self.checked is None


@dataclass(frozen=True)
class State:
    """What the event stream announces: the build version, whether one is due or running, and the serial."""

    version: int
    busy: bool
    serial: int
    checking: bool


class Builder:
    """Build the issue on request, one build at a time, and publish snapshots."""

    def __init__(self, issue_dir: Path, out_dir: Path, echo: Callable[[str], None] = lambda text: None,
                 warn: Callable[[str], None] = lambda text: None, cache: BuildCache | None = None,
                 preflight: bool = True) -> None:
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
        self._partial: Snapshot | None = None  # the first build's progress, until it is done
        self._serial = 0
        self._images: dict[str, PageImage] = {}
        self.checker = Checker(out_dir / CHECK_DIR, self._preflighted) if preflight else None
        self._thread = threading.Thread(target=self._run, name="volna-preview-build", daemon=True)

    def start(self) -> None:
        """Start the worker thread; the first build begins at once."""
        if self.checker:
            self.checker.start()
        self._thread.start()

    def stop(self) -> None:
        """Stop after the build under way and wake everyone who waits."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self.checker:
            self.checker.stop()  # ends a preflight halfway; a build under way is let finish
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

    def latest(self, timeout: float) -> Snapshot | None:
        """Return what the page plan shows: during the first build its progress at once, later as current()."""
        with self._cond:
            if self._snapshot is None:
                self._cond.wait_for(lambda: self._snapshot or self._partial or self._stopped, timeout)
                if self._snapshot is None:
                    return self._partial
        return self.current(timeout)

    def state(self) -> State:
        """Return the published version (0 before the first build), whether a build is due or running, and more."""
        with self._cond:
            return self._state()

    def wait_state(self, seen: State, timeout: float) -> State | None:
        """Wait until the state differs from seen; return it, or None when stopped."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopped or self._state() != seen, timeout)
            return None if self._stopped else self._state()

    def _state(self) -> State:
        """Return the state; the lock is held."""
        snapshot = self._snapshot
        return State(snapshot.version if snapshot else 0, self._busy, self._serial,
                     snapshot.checking if snapshot else False)

    def _run(self) -> None:
        """Take pending changes and build until stopped."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._stopped)
                if self._stopped:
                    return
                changes, self._pending = self._pending or set(), None
            if self.checker:
                self.checker.cancel()  # the last build's preflight is outdated now, and the build needs the processor
            snapshot, result = self._build(changes)
            with self._cond:
                previous = self._snapshot
                self._serial += 1
                self._snapshot = replace(snapshot, serial=self._serial)
                self._partial = None
                self._busy = self._pending is not None
                due = not self._busy and not self._stopped
                self._cond.notify_all()
            if result is not None:
                if due and self.checker:
                    self.checker.submit(snapshot.version, result)
                result.data = None  # the PDF is on disk, and the checker has its own copy
            # Files of the previous snapshot stay one more round: a tab that loaded its HTML may still ask.
            keep = snapshot.files | (previous.files if previous else frozenset())
            prune(self.out_dir, set(keep))

    def _build(self, changes: set[Path]) -> tuple[Snapshot, Result | None]:
        """Run one build and return its snapshot and result (None when it failed); never raises."""
        version = (self._snapshot.version if self._snapshot else 0) + 1
        first = self._snapshot is None
        started = time.monotonic()
        if first:
            self._progress(started, self._skeleton())
        try:
            result = build(self.issue_dir, self.out_dir, cache=self.cache)
            assert result.pdf is not None
            write_atomic(self.out_dir / FIT_JSON,
                         json.dumps(fit_report(result), ensure_ascii=False, indent=2).encode("utf-8"))

            def drawn_page(images: list[PageImage]) -> None:
                """Show the first build's pages one by one."""
                if first:
                    self._progress(started, make_plan(result, images, FIT_JSON))

            drawn_page([])
            images, drawn = rasterise(result.pdf, self.out_dir, self._images, drawn_page)
            plan = make_plan(result, images, FIT_JSON)
        except VolnaError as exc:
            failure = input_failure(exc.format_message(), watched_roots(self.issue_dir))
            return self._failed(version, started, failure), None
        except Exception as exc:  # noqa: BLE001 - a bug or a WeasyPrint crash must not stop the server
            text = "".join(traceback.format_exception(exc))
            return self._failed(version, started, Failure((Problem(f"{type(exc).__name__}: {exc}"),), text, True)), None
        self._images = {image.digest: image for image in images}
        seconds = time.monotonic() - started
        cause = _(" after changes to {files}").format(files=", ".join(sorted(p.name for p in changes)[:3])) if changes else ""
        self.echo(ngettext("built {name}{cause}: {count} page ({drawn} redrawn) in {seconds:.1f} s",
                           "built {name}{cause}: {count} pages ({drawn} redrawn) in {seconds:.1f} s",
                           len(images)).format(name=plan.basename, cause=cause, count=len(images), drawn=drawn,
                                               seconds=seconds))
        files = {plan.pdf, FIT_JSON} | {name for image in images for name in image.files}
        off = None if self.checker else Checked(off=True)
        return Snapshot(version, datetime.now(), seconds, plan=plan, drawn=drawn, files=frozenset(files),
                        checked=off), result

    def _skeleton(self) -> Plan | None:
        """Return the pages the manifest lists, to show while the first build runs (None when it cannot be read)."""
        try:
            return skeleton_plan(load_issue(self.issue_dir))
        except Exception:  # noqa: BLE001 - the build says what is wrong, with file and line
            return None

    def _progress(self, started: float, plan: Plan | None) -> None:
        """Publish how far the first build is: the plan with the pages drawn so far."""
        with self._cond:
            self._serial += 1
            self._partial = Snapshot(0, datetime.now(), time.monotonic() - started, plan=plan, serial=self._serial,
                                     partial=True, drawn=plan.drawn if plan else 0)
            self._cond.notify_all()

    def _preflighted(self, version: int, report: Report | None, error: str) -> None:
        """Add a build's preflight to its snapshot, unless a newer build replaced it meanwhile."""
        with self._cond:
            snapshot = self._snapshot
            if snapshot is None or snapshot.version != version or snapshot.plan is None:
                return
            found = checked(snapshot.plan, report) if report is not None else Checked(failure=error)
            self._serial += 1
            self._snapshot = replace(snapshot, checked=found, serial=self._serial)
            self._cond.notify_all()
        if report is not None:
            self.echo(_("preflight of build {version}: {summary}").format(version=version, summary=report.summary()))
        else:
            self.warn(_("preflight of build {version} failed: {error}").format(version=version, error=error))

    def _failed(self, version: int, started: float, failure: Failure) -> Snapshot:
        """Report a failed build and return its snapshot."""
        self.warn(_("build failed:") + "\n" + failure.text.rstrip())
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
