"""WeasyPrint: HTML to PDF with the project's fonts only and no resource from outside."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import BuildError
from .manifest.model import Paper
from .resources import fonts_dir

FONTS_DIR = fonts_dir()


@lru_cache(maxsize=1)
def _isolate_fontconfig() -> None:
    """Point fontconfig at our fonts only, so a missing glyph can never borrow a system font."""
    cache = Path(tempfile.gettempdir()) / f"volna-print-fontconfig-{os.getuid()}"
    cache.mkdir(exist_ok=True)
    conf = cache / "fonts.conf"
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f"  <dir>{FONTS_DIR}</dir>\n  <cachedir>{cache}</cachedir>\n</fontconfig>\n")
    # Another build may be reading it right now: replace it whole, and only when it differs.
    if not conf.is_file() or conf.read_text(encoding="utf-8") != text:
        write_atomic(conf, text.encode("utf-8"))
    os.environ["FONTCONFIG_FILE"] = str(conf)


def allowed_roots(issue_root: Path, paper: Paper) -> tuple[Path, ...]:
    """Return the folders a build may read: the issue, the paper's design and the fonts."""
    return (issue_root.resolve(), paper.folder.resolve().parent, FONTS_DIR)


def make_fetcher(roots: tuple[Path, ...]):
    """Return a WeasyPrint URL fetcher that reads local files under roots and nothing else."""
    from weasyprint.urls import URLFetcher

    class SandboxFetcher(URLFetcher):
        """Only file: URLs inside the allowed folders (symlinks resolved) and data: URLs; `blocked` lists the rest."""

        blocked: list[str]

        def fetch(self, url: str, headers=None):
            """Fetch a data: URL or a file inside the roots; raise ValueError (WeasyPrint warns) for anything else."""
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            path = sandboxed_path(url, roots)
            if path is None:
                self.blocked.append(url)
                raise ValueError(f"blocked: volna-print reads only files of the issue, layouts/ and fonts/, "
                                 f"and nothing from the network ({url[:200]})")
            return super().fetch(path.as_uri(), headers)

    fetcher = SandboxFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
    fetcher.blocked = []
    return fetcher


def sandboxed_path(url: str, roots: tuple[Path, ...]) -> Path | None:
    """Return the local file a file: URL names when it lies inside one of roots (links resolved), else None."""
    parsed = urlparse(url)
    if parsed.scheme.lower() != "file" or parsed.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(unquote(parsed.path)).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return None
    if not any(path.is_relative_to(root.resolve()) for root in roots):
        return None
    return path


class _Collector(logging.Handler):
    """Keep WeasyPrint's warnings so the build can show them (and --strict fail on them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's log warnings during a render."""
    logger = logging.getLogger("weasyprint")
    handler = _Collector()
    logger.addHandler(handler)
    previous = logger.propagate
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def stylesheets(paper: Paper, extra_css: str = ""):
    """Return the paper's stylesheets plus values from paper.yaml, parsed once while the files are unchanged."""
    return _stylesheets(paper.folder, design_css(paper) + extra_css, css_stamp(paper))


def design_css(paper: Paper) -> str:
    """Return the grid and type values of paper.yaml as CSS: their one home is paper.yaml, not the stylesheet."""
    return (f"@page {{ size: {paper.width}mm {paper.height}mm; margin: 0; }}\n"
            f":root {{ --line: {paper.grid.line_pt}pt; --body: {paper.body_pt}pt; --gutter: {paper.grid.gutter}mm; "
            f"--page-width: {paper.width}mm; --page-height: {paper.height}mm; }}\n")


def css_stamp(paper: Paper) -> tuple[tuple[str, int, int], ...]:
    """Return name, mtime and size of the paper's stylesheets and of the fonts: what a cached layout depends on."""
    files = [*sorted((paper.folder / "css").glob("*.css")), *sorted(FONTS_DIR.rglob("*.[ot]tf"))]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def design_stamp(paper: Paper) -> str:
    """Return what every cached layout of a paper depends on besides its HTML: stylesheets, fonts, type."""
    return repr((css_stamp(paper), paper.folder, design_css(paper)))


@lru_cache(maxsize=16)
def _stylesheets(folder: Path, root: str, _stamp: tuple[tuple[str, int, int], ...]):
    """Parse the stylesheets (cached by the files' stamps)."""
    from weasyprint import CSS

    config, fetcher = font_config(), make_fetcher((folder.resolve().parent, FONTS_DIR))
    sheets = [CSS(filename=str(folder / "css" / name), font_config=config, url_fetcher=fetcher)
              for name in ("fonts.css", "volna.css")]
    sheets.append(CSS(string=root, font_config=config, url_fetcher=fetcher))
    return sheets


@lru_cache(maxsize=1)
def font_config():
    """Return the one FontConfiguration shared by stylesheets and renders."""
    _isolate_fontconfig()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render(html: str, issue_root: Path, paper: Paper, extra_css: str = ""):
    """Lay out HTML with WeasyPrint; return the Document and the warnings it logged."""
    from weasyprint import HTML

    with captured_warnings() as messages:
        try:
            document = HTML(string=html, base_url=str(issue_root) + "/",
                            url_fetcher=make_fetcher(allowed_roots(issue_root, paper))).render(
                stylesheets=stylesheets(paper, extra_css), font_config=font_config())
        except Exception as exc:  # WeasyPrint has no error hierarchy of its own
            raise BuildError(f"WeasyPrint could not lay out the pages: {exc}") from exc
    return document, list(messages)


_documents: dict[str, tuple[object, list[str]]] = {}  # page HTML hash → (laid-out page, its warnings)


def render_pages(pages: list[str], issue_root: Path, paper: Paper):
    """Lay out one HTML document per page and join them; pages already laid out are taken from the cache.

    A page's layout depends only on its HTML (every resource it names is inside it, by path and mtime-free
    content of the issue) and the stylesheets, so a correction round or a rebuild re-renders only the pages
    that changed. The joined document is WeasyPrint's documented way of combining documents.
    """
    stamp = design_stamp(paper)
    documents, messages = [], []
    for html in pages:
        key = hashlib.sha256(f"{stamp}|{resource_stamp(html, issue_root)}|{html}".encode()).hexdigest()
        if key not in _documents:
            _documents[key] = render(html, issue_root, paper)
        document, logged = _documents[key]
        messages += logged  # a cached page still reports its warnings (--strict must see them every time)
        documents.append(document)
    if len(_documents) > 256:  # a long preview session: keep the cache bounded
        for key in list(_documents)[:-128]:
            del _documents[key]
    joined = documents[0].copy([page for document in documents for page in document.pages])  # type: ignore[attr-defined]  # WeasyPrint ships no type information
    return joined, messages


def resource_stamp(html: str, issue_root: Path | None = None) -> str:
    """Return the modification stamps of the local files a page's HTML names (pictures change in place)."""
    stamps = []
    for uri in sorted(set(re.findall(r'src="(file://[^"]+)"', html))):
        path = Path(unquote(urlparse(uri).path))
        try:
            info = path.stat()
            stamps.append(f"{path}:{info.st_mtime_ns}:{info.st_size}")
        except OSError:
            stamps.append(f"{path}:missing")
    return ";".join(stamps)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it.

    The temporary file has a unique name beside the target, so two builds writing the same PDF at once each
    rename a whole file into place and the last one wins. Errors leave the previous file untouched.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain new file would have.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BuildError(f"{path}: cannot write the file: {reason}; check the output folder (-o) and that it "
                         "is writable and not full. The previous file, if any, is unchanged.") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    """Return the process umask without changing it (os.umask would, for a moment, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
