"""WeasyPrint: HTML to PDF with the project's fonts only and no resource from outside."""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .cache import BuildCache
from .errors import BuildError
from .i18n import _, os_reason
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
                # English whatever the language: WeasyPrint logs it in an English line, and the log is cached
                # with the PDF, whose bytes do not depend on the language
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


def design_css(paper: Paper) -> str:
    """Return the grid and type values of paper.yaml as CSS: their one home is paper.yaml, not the stylesheet."""
    return (f"@page {{ size: {paper.width}mm {paper.height}mm; margin: 0; }}\n"
            f":root {{ --line: {paper.grid.line_pt}pt; --body: {paper.body_pt}pt; --gutter: {paper.grid.gutter}mm; "
            f"--page-width: {paper.width}mm; --page-height: {paper.height}mm; }}\n")


def design_files(paper: Paper) -> list[Path]:
    """Return the files every layout of a paper depends on besides its HTML: the stylesheets and the fonts."""
    return [*sorted((paper.folder / "css").glob("*.css")), *sorted(FONTS_DIR.rglob("*.[ot]tf"))]


def design_stamp(paper: Paper, cache: BuildCache) -> str:
    """Return what every cached layout of a paper depends on besides its HTML: stylesheets, fonts, type (by content)."""
    return cache.key("design", str(paper.folder), cache.files_hash(design_files(paper)), design_css(paper))


def stylesheets(paper: Paper, cache: BuildCache, design: str):
    """Return the paper's stylesheets plus values from paper.yaml, parsed once a design."""
    from weasyprint import CSS

    def parse() -> list[Any]:
        config, fetcher = font_config(cache, design), make_fetcher((paper.folder.resolve().parent, FONTS_DIR))
        sheets = [CSS(filename=str(paper.folder / "css" / name), font_config=config, url_fetcher=fetcher)
                  for name in ("fonts.css", "volna.css")]
        sheets.append(CSS(string=design_css(paper), font_config=config, url_fetcher=fetcher))
        return sheets

    return cache.remembered(f"stylesheets:{design}", parse)


def font_config(cache: BuildCache, design: str):
    """Return the one FontConfiguration of a design, shared by its stylesheets and renders.

    A new design (a replaced font file) gets a new configuration, so the old font is never used again.
    """
    _isolate_fontconfig()
    from weasyprint.text.fonts import FontConfiguration

    return cache.remembered(f"fonts:{design}", FontConfiguration)


def render(html: str, issue_root: Path, paper: Paper, cache: BuildCache | None = None, design: str = ""):
    """Lay out HTML with WeasyPrint; return the Document and the warnings it logged."""
    from weasyprint import HTML

    cache = cache or BuildCache()
    design = design or design_stamp(paper, cache)

    with captured_warnings() as messages:
        try:
            document = HTML(string=html, base_url=str(issue_root) + "/",
                            url_fetcher=make_fetcher(allowed_roots(issue_root, paper))).render(
                stylesheets=stylesheets(paper, cache, design), font_config=font_config(cache, design))
        except Exception as exc:  # WeasyPrint has no error hierarchy of its own
            raise BuildError(_("WeasyPrint could not lay out the pages: {error}").format(error=exc)) from exc
    return document, list(messages)


def write_document(document: Any) -> bytes:
    """Write a laid-out document as PDF bytes."""
    try:
        return document.write_pdf()
    except Exception as exc:  # WeasyPrint has no error hierarchy of its own
        raise BuildError(_("WeasyPrint could not write the PDF: {error}; nothing was written").format(
            error=exc)) from exc


def render_pdf(cache: BuildCache, html: str, issue_root: Path, paper: Paper, design: str) -> tuple[bytes, list[str]]:
    """Render HTML to PDF bytes and the warnings logged (run here or in a worker process)."""
    document, messages = render(html, issue_root, paper, cache, design)
    return write_document(document), messages


def render_pdfs(cache: BuildCache, htmls: list[str], issue_root: Path, paper: Paper, design: str,
                documents: list[Any] | None = None) -> list[tuple[bytes, list[str]]]:
    """Return every HTML rendered to PDF with its warnings: from the cache, else rendered (in workers).

    A piece's PDF depends only on its HTML (every resource it names is inside it, hashed by content) and
    the design, so a correction round or a rebuild renders only what changed. A document already laid out
    (documents[i]) is only written; the bytes are the same as a fresh render's.
    """
    keys = [cache.key("pdf", design, resource_stamp(html, cache), html) for html in htmls]
    results: list[tuple[bytes, list[str]] | None] = [cache.load("pdf", key) for key in keys]
    laid = documents or [None] * len(htmls)
    for index, kept in enumerate(laid):  # (document, its warnings)
        if results[index] is None and kept is not None:
            results[index] = (write_document(kept[0]), kept[1])
    todo = [index for index, result in enumerate(results) if result is None]
    made = cache.map(render_pdf, [(htmls[i], issue_root, paper, design) for i in todo])
    for index, result in zip(todo, made, strict=True):
        results[index] = result
    for index, key in enumerate(keys):
        if index in todo or (documents and documents[index] is not None):
            cache.store("pdf", key, results[index])
    return [result for result in results if result is not None]


def resource_stamp(html: str, cache: BuildCache) -> str:
    """Return the content hashes of the local files a piece's HTML names (pictures change in place)."""
    paths = [Path(unquote(urlparse(uri).path)) for uri in sorted(set(re.findall(r'src="(file://[^"]+)"', html)))]
    return cache.files_hash(paths)


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
        raise BuildError(_("{file}: cannot write the file: {reason}; check the output folder (-o) and that it "
                           "is writable and not full. The previous file, if any, is unchanged.").format(
            file=path, reason=os_reason(exc))) from exc
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
