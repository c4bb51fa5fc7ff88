"""The build cache: one object, handed through the pipeline, that keeps what a build made for the next one.

Two layers. In memory (for one process: the preview keeps it from build to build): laid-out WeasyPrint
documents, parsed stylesheets and the FontConfiguration of a design, content hashes of files. On disk
(shared by every process, `--no-cache` turns it off): measures of pieces, fits of flows, rendered
furniture pages and column pages as PDF, and whole results of an issue — every entry named by a hash
of everything it depends on (text, the pictures' bytes, stylesheets, fonts, paper.yaml values, the shape
it is set in, and the code: volna-print's sources and WeasyPrint's version), never by file times alone.

Entries are written to a temporary file and renamed, so two builds at once each see a whole entry or
none; an entry that is truncated, corrupt or of another format is ignored (and removed) and its value
made again. The folder is kept under a size limit by evicting the least recently used entries.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from . import i18n

MAGIC = b"volna-print cache 1\n"
DIGEST = 32  # bytes of the sha256 that follows the magic line and guards the payload
DEFAULT_LIMIT = 2 << 30  # bytes on disk before the least recently used entries go
MEMORY_DOCUMENTS = 512  # laid-out documents kept in a process (a long preview session stays bounded)
MEMORY_VALUES = 200_000  # measures kept in memory before they are dropped (and read from disk again)
MEMORY_KINDS = ("piece", "fit", "place", "blocks")  # also kept in memory: asked for again and again in a build
SOURCE = Path(__file__).resolve().parent

T = TypeVar("T")


def default_folder() -> Path:
    """Return the cache folder: $VOLNA_CACHE_DIR, else $XDG_CACHE_HOME/volna-print, else ~/.cache/volna-print."""
    if os.environ.get("VOLNA_CACHE_DIR"):
        return Path(os.environ["VOLNA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "volna-print"


def code_stamp() -> str:
    """Return what every entry depends on in the code: volna-print's sources, templates and message catalogs,
    WeasyPrint's version.

    The sources are hashed, not only the version number, so an edited checkout never reads entries its
    previous code made.
    """
    digest = hashlib.sha256()
    for name in ("volna-print", "weasyprint", "pydyf", "pikepdf"):
        try:
            digest.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=?;".encode())
    for path in sorted(SOURCE.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js", ".mo") and path.is_file():  # .mo: stored messages
            digest.update(str(path.relative_to(SOURCE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass
class Stats:
    """What the cache did in one build: entries found on disk, made anew, and renders run."""

    hits: int = 0
    misses: int = 0
    stored: int = 0
    ignored: int = 0  # corrupt or foreign entries


@dataclass
class BuildCache:
    """The build's state beyond one call: in memory always, on disk unless folder is None."""

    folder: Path | None = None
    limit: int = DEFAULT_LIMIT
    jobs: int = 1
    stats: Stats = field(default_factory=Stats)
    memory: dict[str, Any] = field(default_factory=dict)  # process-only values: stylesheets, fonts
    documents: OrderedDict[str, Any] = field(default_factory=OrderedDict)  # laid-out WeasyPrint documents
    _values: dict[str, Any] = field(default_factory=dict)  # the MEMORY_KINDS entries of this process
    _hashes: dict[tuple[str, int, int, int], str] = field(default_factory=dict)
    _code: str = ""
    _pool: Executor | None = None

    @classmethod
    def open(cls, use_disk: bool = True, jobs: int | None = None, folder: Path | None = None) -> BuildCache:
        """Return a cache on disk (default folder) or, without use_disk, in memory only."""
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        return cls(folder=(folder or default_folder()) if use_disk else None, jobs=max(1, workers))

    def begin(self) -> None:
        """Start a build: file hashes are taken again (a picture may have been replaced since the last one)."""
        self._hashes.clear()
        self.stats = Stats()

    @property
    def code(self) -> str:
        """Return the code stamp (computed once a process)."""
        if not self._code:
            self._code = code_stamp()
        return self._code

    def key(self, *parts: object) -> str:
        """Return the key of a value made from parts by this code."""
        return hashlib.sha256(repr((self.code, *parts)).encode()).hexdigest()

    def file_hash(self, path: Path) -> str:
        """Return the sha256 of a file's bytes (memoised within a build by path, inode, mtime and size)."""
        try:
            info = path.stat()
        except OSError:
            return "missing"
        memo = (str(path), info.st_ino, info.st_mtime_ns, info.st_size)
        if memo not in self._hashes:
            digest = hashlib.sha256()
            try:
                with path.open("rb") as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
            except OSError:
                return "unreadable"
            self._hashes[memo] = digest.hexdigest()
        return self._hashes[memo]

    def files_hash(self, paths: Iterable[Path]) -> str:
        """Return one hash of the names and bytes of files."""
        return hashlib.sha256("".join(f"{p}\0{self.file_hash(p)}\n" for p in paths).encode()).hexdigest()

    def remembered(self, name: str, make: Callable[[], T]) -> T:
        """Return a process-only value by name, making it once."""
        if name not in self.memory:
            self.memory[name] = make()
        return self.memory[name]

    def keep_document(self, key: str, document: Any) -> None:
        """Keep a laid-out document in memory (the oldest go beyond MEMORY_DOCUMENTS)."""
        self.documents[key] = document
        self.documents.move_to_end(key)
        while len(self.documents) > MEMORY_DOCUMENTS:
            self.documents.popitem(last=False)

    def load(self, kind: str, key: str) -> Any | None:
        """Return the value stored under kind/key, or None when absent, unreadable, corrupt or foreign."""
        if kind in MEMORY_KINDS and f"{kind}/{key}" in self._values:
            return self._values[f"{kind}/{key}"]
        value = self._load(kind, key)
        if value is not None and kind in MEMORY_KINDS:
            self._values[f"{kind}/{key}"] = value
        return value

    def _load(self, kind: str, key: str) -> Any | None:
        """Return the value stored on disk under kind/key, or None."""
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        head, digest, payload = data[:len(MAGIC)], data[len(MAGIC):len(MAGIC) + DIGEST], data[len(MAGIC) + DIGEST:]
        value: Any = None
        if head == MAGIC and hashlib.sha256(payload).digest() == digest:
            try:
                stored_key, value = pickle.loads(payload)
                if stored_key != key:
                    value = None
            except Exception:  # noqa: BLE001 - any unreadable entry is rebuilt, never a crash
                value = None
        if value is None:
            self.stats.ignored += 1
            self.stats.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.stats.hits += 1
        try:
            os.utime(path)  # least recently used goes first: a read counts as a use
        except OSError:
            pass
        return value

    def store(self, kind: str, key: str, value: Any) -> None:
        """Store a value under kind/key; a full or read-only disk only costs the cache, never the build."""
        if kind in MEMORY_KINDS:
            if len(self._values) > MEMORY_VALUES:  # a long preview session stays bounded
                self._values.clear()
            self._values[f"{kind}/{key}"] = value
        path = self._path(kind, key)
        if path is None:
            return
        payload = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
            tmp = None
            self.stats.stored += 1
        except OSError:
            pass
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def cached(self, kind: str, key: str, make: Callable[[], T]) -> T:
        """Return the stored value of kind/key, or make and store it."""
        value = self.load(kind, key)
        if value is None:
            value = make()
            self.store(kind, key, value)
        return value

    def prune(self) -> int:
        """Remove the least recently used entries while the folder is over its limit; return bytes removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        entries = []
        for path in self.folder.rglob("*"):
            try:
                info = path.stat()
            except OSError:
                continue
            if path.is_file():
                entries.append((info.st_mtime_ns, info.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        if total <= self.limit:
            return 0
        for _, size, path in sorted(entries, key=lambda entry: entry[0]):
            if total - removed <= self.limit * 0.8:
                break
            path.unlink(missing_ok=True)
            removed += size
        return removed

    def map(self, function: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> list[T]:
        """Return function(cache, *args) for every call, in worker processes when there are jobs to share.

        A worker runs the same function with its own in-memory cache, so the results do not depend on -j.
        """
        if self.jobs <= 1 or len(calls) < 2:
            return [function(self, *args) for args in calls]
        if self._pool is None:
            # fork is cheap but unsafe beside other threads (the preview's server): then a fork server.
            method = "fork" if threading.active_count() == 1 else "forkserver"
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method))
        # a fork server's workers never saw --lang: each call says which language its messages are in
        spoken = i18n.language()
        return list(self._pool.map(_in_worker, [(function, args, spoken) for args in calls]))

    def close(self) -> None:
        """Stop the worker processes (the next map starts new ones)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _path(self, kind: str, key: str) -> Path | None:
        """Return the file of an entry, or None when the cache has no disk."""
        if self.folder is None:
            return None
        return self.folder / kind / key[:2] / key


_worker: BuildCache | None = None


def _in_worker(call: tuple[Callable[..., T], tuple[Any, ...], str]) -> T:
    """Run one call in a worker process, with the worker's own cache (in memory: stylesheets, fonts)."""
    global _worker
    if _worker is None:
        _worker = BuildCache()
    function, args, spoken = call
    if i18n.language() != spoken:
        i18n.use(spoken)
    return function(_worker, *args)
