"""Nothing outside the issue is read and nothing is fetched from the network, whatever the input says.

Two independent witnesses watch every test: a local HTTP server that records each request it gets, and a
Python audit hook that records every file opened and every socket connected while a build runs.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from volna_print.cli import main
from volna_print.manifest.issue import load_issue
from volna_print.pdf import allowed_roots, make_fetcher, render

from .bad import artwork
from .conftest import ARTICLE, MANIFEST

SECRET = "secret: nothing may read this file\n"


@dataclass
class Watch:
    """What a build did: files opened and sockets connected (from the audit hook)."""

    opened: list[str] = field(default_factory=list)
    connected: list[str] = field(default_factory=list)
    active: bool = False


WATCH = Watch()


def _audit(event: str, args: tuple[object, ...]) -> None:
    """Record file opens and socket connections while a watch is active."""
    if not WATCH.active:
        return
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        WATCH.opened.append(os.fsdecode(args[0]))
    elif event == "socket.connect":
        WATCH.connected.append(repr(args[1]))


sys.addaudithook(_audit)  # audit hooks cannot be removed: this one does nothing unless a watch is active


@contextmanager
def watching() -> Iterator[Watch]:
    """Record what happens inside the block."""
    WATCH.opened.clear()
    WATCH.connected.clear()
    WATCH.active = True
    try:
        yield WATCH
    finally:
        WATCH.active = False


@dataclass
class Server:
    """A local web server that answers every request with a picture and remembers it."""

    url: str
    requests: list[str]


@pytest.fixture
def server() -> Iterator[Server]:
    """Run a recording HTTP server on a free local port."""
    requests: list[str] = []
    picture = artwork.png(10, 10)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(picture)

        def log_message(self, *args: object) -> None:
            """Keep the test output quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", requests)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """Write a file beside the issue folder that nothing may read."""
    path = tmp_path / "secret.md"
    path.write_text(SECRET, encoding="utf-8")
    return path


def assert_nothing_left_the_issue(watch: Watch, server: Server, secret: Path, output: str = "") -> None:
    """No request reached the server, no socket was opened, neither the secret nor /etc/passwd was read."""
    assert server.requests == []
    assert watch.connected == []
    outside = [p for p in watch.opened if p in (str(secret), "/etc/passwd") or p.endswith("secret.md")]
    assert outside == []
    assert "secret: nothing may read" not in output and "root:x:0:0" not in output


def build(issue: Path, out: Path) -> tuple[int, str]:
    """Run `volna-print build` and return its exit code and output (in English: these tests are about what is
    read, and name the refusals by their source texts)."""
    result = CliRunner().invoke(main, ["--lang", "en", "build", str(issue), "-o", str(out)])
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result.exit_code, result.output


# --- the manifest and the front matter name files ------------------------------------------------------------------


def point_article_at(target: str) -> str:
    """Return the test manifest with the article's file replaced."""
    return MANIFEST.replace("file: articles/a.md", f"file: '{target}'")


MANIFEST_TARGETS = {
    "etc-passwd": ("/etc/passwd", "leaves the issue folder"),
    "dot-dot": ("../../secret.md", "leaves the issue folder"),
    "dot-dot-inside": ("articles/../../secret.md", "leaves the issue folder"),
    "file-url": ("file:///etc/passwd", "is a web address"),
    "http": ("{server}/a.md", "is a web address"),
    "symlink-out": ("articles/link.md", "is a link that leads out of the issue folder"),
}


@pytest.mark.parametrize("name", MANIFEST_TARGETS)
def test_manifest_pointing_outside_reads_nothing(
    name: str, make_issue, server: Server, secret: Path, tmp_path: Path
) -> None:
    target, message = MANIFEST_TARGETS[name]
    issue = make_issue(point_article_at(target.format(server=server.url)))
    os.symlink(secret, issue / "articles" / "link.md")
    with watching() as watch:
        code, output = build(issue, tmp_path / "out")
    assert code == 2 and message in output, output
    assert_nothing_left_the_issue(watch, server, secret, output)
    assert not (tmp_path / "out").exists()


ARTWORK_TARGETS = {
    "ad-http": ("ads", "{server}/ad.png"),
    "ad-etc": ("ads", "/etc/passwd.png"),
    "ad-symlink": ("ads", "ads/link.png"),
    "image-http": ("images", "{server}/photo.jpg"),
    "image-dot-dot": ("images", "../secret.jpg"),
    "image-symlink": ("images", "images/link.jpg"),
}


@pytest.mark.parametrize("name", ARTWORK_TARGETS)
def test_artwork_pointing_outside_reads_nothing(
    name: str, make_issue, server: Server, secret: Path, tmp_path: Path
) -> None:
    kind, target = ARTWORK_TARGETS[name]
    target = target.format(server=server.url)
    (tmp_path / "secret.jpg").write_bytes(artwork.jpeg())
    (tmp_path / "secret.png").write_bytes(artwork.png())
    manifest, article = MANIFEST, ARTICLE
    if kind == "ads":
        manifest = MANIFEST.replace("ads: []", f"ads:\n  - {{file: '{target}', size: 1x1, page: 3}}")
    else:
        article = ARTICLE.replace("---\nП", f"images:\n  - file: '{target}'\n---\nП")
    issue = make_issue(manifest, {"articles/a.md": article})
    for folder, suffix in (("ads", ".png"), ("images", ".jpg")):
        (issue / folder).mkdir(exist_ok=True)
        os.symlink(tmp_path / f"secret{suffix}", issue / folder / f"link{suffix}")
    with watching() as watch:
        code, output = build(issue, tmp_path / "out")
    assert code == 2 and "file" in output, output
    assert_nothing_left_the_issue(watch, server, secret, output)
    assert not any(p.startswith(str(tmp_path / "secret")) for p in watch.opened)


# --- the article's Markdown ----------------------------------------------------------------------------------------

HOSTILE_MARKDOWN = """\
---
headline: Ссылки и разметка
---
Текст <script>alert(1)</script> и <img src="{server}/raw.png"> и <img src="file://{secret}">.

<iframe src="{server}/frame"></iframe>

<link rel="stylesheet" href="{server}/style.css">

<style>@import url({server}/import.css); p {{ background: url({server}/bg.png) }}</style>

<div style="background: url(file://{secret})">блок</div>

<object data="{server}/object"></object> <embed src="{server}/embed">

<a rel="attachment" href="file://{secret}">вложение</a>

<svg><image href="{server}/svg.png"/></svg>

![картинка]({server}/md.png) ![вверх](../../secret.md) [ссылка]({server}/link) [файл](file://{secret})

[ref]: {server}/ref.png
![по ссылке][ref]
"""


def test_markdown_links_and_raw_html_are_refused_and_fetch_nothing(
    make_issue, server: Server, secret: Path, tmp_path: Path
) -> None:
    source = HOSTILE_MARKDOWN.format(server=server.url, secret=secret)
    issue = make_issue(files={"articles/a.md": source})
    with watching() as watch:
        code, output = build(issue, tmp_path / "out")
    assert code == 2, output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert_nothing_left_the_issue(watch, server, secret, output)
    for found in ("raw HTML <script>", "raw HTML <img>", "raw HTML <iframe>", "raw HTML <link>", "raw HTML <style>",
                  "raw HTML <div>", "raw HTML <object>", "raw HTML <a>", "raw HTML <svg>", "a picture from the web",
                  "a picture in the text (../../secret.md)", "a link's address", 'a link to a "file:" address'):
        assert found in output, found


def test_rendering_parser_escapes_what_a_missed_check_would_let_through(server: Server, secret: Path) -> None:
    # The loader refuses raw HTML; the renderer must still never emit it, should a check ever be missed.
    from volna_print.text import body_blocks

    body = "".join(body_blocks(HOSTILE_MARKDOWN.format(server=server.url, secret=secret).split("---\n", 2)[2]))
    for tag in ("<script", "<img", "<iframe", "<link", "<object", "<embed", "<svg", 'rel="attachment"', "<style"):
        assert tag not in body, tag
    assert "&lt;script&gt;" in body


# --- the fetcher itself, and a render that tries every way out -------------------------------------------------------


def test_fetcher_allows_only_the_issue_layouts_and_fonts(make_issue, server: Server, secret: Path) -> None:
    issue = make_issue(files={"images/ok.png": artwork.png()})
    os.symlink(secret, issue / "images" / "link.png")
    paper = load_issue(issue).paper
    fetcher = make_fetcher(allowed_roots(issue, paper))
    blocked = [
        f"{server.url}/x.png",
        "https://example.invalid/x.png",
        "ftp://127.0.0.1/x",
        "FILE:///etc/passwd",
        "file:///etc/passwd",
        f"file://{issue}/../secret.md",
        f"file://{issue}/%2e%2e/secret.md",
        f"file://{issue}/images/link.png",
        f"file://localhost{secret}",
        f"file://evil.example{issue}/images/ok.png",
        "javascript:alert(1)",
        "about:blank",
        f"file://{issue}/images/nul%00.png",
    ]
    with watching() as watch:
        for url in blocked:
            with pytest.raises(ValueError, match="blocked"):
                fetcher.fetch(url)
        inside = fetcher.fetch(f"file://{issue}/images/ok.png")
        fonts = fetcher.fetch((paper.folder / "css" / "fonts.css").as_uri())
        data = fetcher.fetch("data:text/plain,ok")
    assert fetcher.blocked == blocked
    assert inside.read() == artwork.png() and fonts.read() and data.read() == b"ok"
    assert_nothing_left_the_issue(watch, server, secret)


HOSTILE_HTML = """\
<!doctype html><html><head>
<link rel="stylesheet" href="{server}/linked.css">
<style>
@import url({server}/imported.css);
@font-face {{ font-family: Evil; src: url({server}/font.woff) }}
body {{ background: url(file:///etc/passwd); font-family: Evil }}
p {{ background-image: url(../secret.png) }}
</style></head><body>
<p>текст</p>
<img src="{server}/img.png"> <img src="/etc/passwd"> <img src="../secret.png"> <img src="images/link.png">
<img src="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'
 width='10' height='10'><image width='10' height='10' href='{server}/svg-data.png'/></svg>">
<svg width="10" height="10"><image width="10" height="10" href="{server}/svg-inline.png"/>
 <use href="file:///etc/passwd#x"/></svg>
<object data="{server}/object.png"></object> <embed src="{server}/embed.png"> <iframe src="{server}/frame"></iframe>
<a rel="attachment" href="file://{secret}">attachment</a>
</body></html>
"""


def test_render_blocks_every_way_out_a_template_could_take(make_issue, server: Server, secret: Path) -> None:
    """Templates and CSS are ours, but the sandbox does not trust them: every reference outside is refused."""
    issue = make_issue()
    (issue / "images").mkdir()
    (issue.parent / "secret.png").write_bytes(artwork.png())
    os.symlink(issue.parent / "secret.png", issue / "images" / "link.png")
    paper = load_issue(issue).paper
    with watching() as watch:
        _, warnings = render(HOSTILE_HTML.format(server=server.url, secret=secret), issue, paper)
    assert_nothing_left_the_issue(watch, server, secret)
    assert not any(p.startswith(str(issue.parent / "secret")) for p in watch.opened)
    assert sum("blocked" in w for w in warnings) >= 8, warnings
