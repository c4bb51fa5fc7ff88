"""WeasyPrint: HTML to PDF with the project's fonts only and no resource from outside."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import BuildError
from .manifest.model import Paper

FONTS_DIR = Path(__file__).resolve().parents[2] / "fonts"


@lru_cache(maxsize=1)
def _isolate_fontconfig() -> None:
    """Point fontconfig at our fonts only, so a missing glyph can never borrow a system font."""
    cache = Path(tempfile.gettempdir()) / f"volna-print-fontconfig-{os.getuid()}"
    cache.mkdir(exist_ok=True)
    conf = cache / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{FONTS_DIR}</dir>\n  <cachedir>{cache}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(conf)


def allowed_roots(issue_root: Path, paper: Paper) -> tuple[Path, ...]:
    """Return the folders a build may read: the issue, the paper's design and the fonts."""
    return (issue_root.resolve(), paper.folder.resolve().parent, FONTS_DIR)


def make_fetcher(roots: tuple[Path, ...]):  # type: ignore[no-untyped-def]
    """Return a WeasyPrint URL fetcher that reads local files under roots and nothing else."""
    from weasyprint.urls import URLFetcher

    class SandboxFetcher(URLFetcher):
        """Only file: URLs inside the allowed folders (symlinks resolved) and data: URLs."""

        def fetch(self, url: str, headers=None):  # type: ignore[no-untyped-def]
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"blocked: volna-print fetches nothing from the network ({url})")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                raise ValueError(f"blocked: {path} is outside the issue, layouts/ and fonts/")
            return super().fetch(path.as_uri(), headers)

    return SandboxFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


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


def stylesheets(paper: Paper, extra_css: str = ""):  # type: ignore[no-untyped-def]
    """Return the paper's stylesheets plus values from paper.yaml."""
    from weasyprint import CSS

    config, fetcher = font_config(), make_fetcher(allowed_roots(paper.folder, paper))
    css_dir = paper.folder / "css"
    sheets = [CSS(filename=str(css_dir / name), font_config=config, url_fetcher=fetcher)
              for name in ("fonts.css", "volna.css")]
    root = f":root {{ --line: {paper.grid.line_pt}pt; --body: {paper.body_pt}pt; }}\n{extra_css}"
    sheets.append(CSS(string=root, font_config=config, url_fetcher=fetcher))
    return sheets


@lru_cache(maxsize=1)
def font_config():  # type: ignore[no-untyped-def]
    """Return the one FontConfiguration shared by stylesheets and renders."""
    _isolate_fontconfig()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render(html: str, issue_root: Path, paper: Paper, extra_css: str = ""):  # type: ignore[no-untyped-def]
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
