"""The preview's HTTP server: the standard library's threading server, a few routes, and nothing else served."""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import shutil
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from ..i18n import N_, _
from . import views
from .builder import Builder, State
from .raster import PAGES_DIR

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
WAIT_S = 120.0  # how long a request waits for a running build before it gets the last finished state
KEEPALIVE_S = 15.0  # a comment on the event stream this often finds closed tabs
MAX_STREAMS = 64  # open event streams; beyond this a tab falls back to its own retries
SEGMENT_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$")  # no "..", no hidden or odd names
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
         ".png": "image/png", ".pdf": "application/pdf", ".svg": "image/svg+xml"}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
ALLOWED = "GET, HEAD"
# What every error page says, in the editor's words and the active language (N_: translated when sent);
# http.server's own English is never sent.
ERRORS = {
    HTTPStatus.BAD_REQUEST: (N_("Bad request"), N_("The browser sent a request the server did not understand.")),
    HTTPStatus.NOT_FOUND: (N_("Page not found"), N_("There is nothing at this address: it may be mistyped, or the "
                                                    "file went out of date with a new build.")),
    HTTPStatus.METHOD_NOT_ALLOWED: (N_("This request is not allowed"), N_(
        "The preview only shows the issue: it answers GET and HEAD requests and accepts nothing.")),
    HTTPStatus.REQUEST_TIMEOUT: (N_("The request did not arrive"), N_(
        "The browser started a request and did not finish it.")),
    HTTPStatus.REQUEST_URI_TOO_LONG: (N_("Address too long"), N_("The preview has no address this long.")),
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: (N_("Headers too large"), N_(
        "The browser sent too much data in the request headers.")),
    HTTPStatus.NOT_IMPLEMENTED: (N_("The server does not know this request"), N_(
        "The preview answers GET and HEAD requests only.")),
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: (N_("HTTP version not supported"), N_("HTTP/1.0 or HTTP/1.1 is needed.")),
    HTTPStatus.INTERNAL_SERVER_ERROR: (N_("Preview error"), N_(
        "The page could not be shown because of a bug in the program; the server console has the details.")),
}


class PreviewServer(ThreadingHTTPServer):
    """A thread per request; event streams are capped, everything else is short."""

    daemon_threads = True
    request_queue_size = 512  # a burst of connections waits in the kernel's queue instead of being refused

    def __init__(self, address: tuple[str, int], builder: Builder, out_dir: Path) -> None:
        self.builder = builder
        self.out_dir = out_dir
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        self.loopback_only = is_loopback(address[0])
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    """Route GET and HEAD requests; everything else is refused."""

    server: PreviewServer
    server_version = "volna-preview"
    sys_version = ""
    timeout = 30  # a client that opens a connection and sends nothing does not keep a thread for long

    def do_GET(self) -> None:  # the name http.server calls
        """Answer a GET request."""
        self._dispatch(body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD request like GET, without the body."""
        self._dispatch(body=False)

    def _refuse(self) -> None:
        """Answer a method that the preview knows but does not take: 405, with the methods it does."""
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send an error as a page in the active language (http.server calls this too: bad requests, unknown methods)."""
        status = HTTPStatus(code)
        title, text = ERRORS.get(status, (status.phrase, ""))
        title, text = _(title), _(text) if text else ""
        if status != HTTPStatus.NOT_FOUND:
            self.close_connection = True  # what http.server does: the request may not have been read whole
        self.log_error("code %d, message %s", code, message or status.phrase)
        page = views.error_page(status.value, title, text).encode()
        self.send_response(status)
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", ALLOWED)
        self._headers(TYPES[".html"], len(page), "no-store")
        if self.command != "HEAD":
            self.wfile.write(page)

    def log_error(self, format: str, *args: object) -> None:  # http.server's signature
        """Log errors at debug level, like requests."""
        log.debug("%s - %s", self.address_string(), format % args)

    def log_message(self, format: str, *args: object) -> None:  # http.server's signature
        """Log requests at debug level: the console is for builds and errors."""
        log.debug("%s - %s", self.address_string(), format % args)

    def _dispatch(self, body: bool) -> None:
        """Send the answer of the route the path names, or 404; a bug in a page gets 500, not a cut connection."""
        try:
            self._route(body)
        except OSError:  # the tab went away while it was answered
            self.close_connection = True
        except Exception:  # noqa: BLE001 - one broken page must not look like a dead server
            log.exception("cannot answer %s", self.path)
            if not self.wfile.closed:
                try:
                    self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR)
                except OSError:
                    self.close_connection = True

    def _route(self, body: bool) -> None:
        """Send the answer of the route the path names, or 404."""
        if not self._host_allowed():
            self._send_text(HTTPStatus.MISDIRECTED_REQUEST, _("foreign server name (Host)"), body)
            return
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == "/events":
            self._events(body)
        elif path.startswith("/static/"):
            self._send_file(STATIC_DIR, path[len("/static/"):], body, cache="no-cache")
        elif path.startswith("/out/"):
            self._send_built(path[len("/out/"):], body)
        else:
            self._send_view(path, body)

    def _host_allowed(self) -> bool:
        """Refuse other host names on a loopback server: a web page must not reach it by DNS rebinding."""
        host = self.headers.get("Host")
        if not self.server.loopback_only or host is None:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.strip("[]").lower() in LOOPBACK_NAMES

    def _send_view(self, path: str, body: bool) -> None:
        """Send one of the generated pages, after any build under way has finished.

        The page plan does not wait for the first build: it shows the pages as they are drawn.
        """
        page = re.fullmatch(r"/(page|spread)/([1-9][0-9]{0,3})", path)
        if path not in ("/", "/reports", "/api/state") and page is None:
            self._not_found(body)
            return
        builder = self.server.builder
        snapshot = builder.latest(WAIT_S) if path == "/" else builder.current(WAIT_S)
        if path == "/api/state":
            if snapshot is None:
                self._send_text(HTTPStatus.SERVICE_UNAVAILABLE, _("the first build has not finished yet"), body)
                return
            self._send(HTTPStatus.OK, views.state_json(snapshot, builder.state().busy).encode(), TYPES[".json"],
                       body)
            return
        if snapshot is None:
            self._send(HTTPStatus.OK, views.waiting_page().encode(), TYPES[".html"], body)
            return
        if path == "/":
            html: str | None = views.plan_page(snapshot)
        elif path == "/reports":
            html = views.reports_page(snapshot)
        elif page and page[1] == "page":
            html = views.page_view(snapshot, int(page[2]))
        else:
            html = views.spread_view(snapshot, int(page[2])) if page else None
        if html is None:
            self._not_found(body, _("The issue has no such page."))
            return
        self._send(HTTPStatus.OK, html.encode(), TYPES[".html"], body)

    def _not_found(self, body: bool, text: str = "") -> None:
        """Send the 404 page (body False: its headers only, for HEAD)."""
        title, default = ERRORS[HTTPStatus.NOT_FOUND]
        page = views.error_page(HTTPStatus.NOT_FOUND.value, _(title), text or _(default)).encode()
        self._send(HTTPStatus.NOT_FOUND, page, TYPES[".html"], body)

    def _send_built(self, relative: str, body: bool) -> None:
        """Send a file of the build output: the issue's PDF and reports once the build under way has finished.

        A page's files are named by the digest of what draws the page, so they never change: they are sent at
        once (the first build's plan shows each page as it is drawn), and a browser may keep them for good.
        """
        page_file = relative.startswith(f"{PAGES_DIR}/")
        if not page_file:
            self.server.builder.current(WAIT_S)
        self._send_file(self.server.out_dir, relative, body, "max-age=31536000, immutable" if page_file else "no-store")

    def _send_file(self, root: Path, relative: str, body: bool, cache: str) -> None:
        """Send a regular file under root, or 404 for anything else."""
        path = safe_path(root, relative)
        content_type = TYPES.get(path.suffix.lower()) if path else None
        if path is None or content_type is None:
            self._not_found(body)
            return
        try:
            handle = path.open("rb")
        except OSError:  # deleted since the check: a later build pruned it
            self._not_found(body)
            return
        with handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            self._start(HTTPStatus.OK, content_type, size, cache)
            if body:
                shutil.copyfileobj(handle, self.wfile)

    def _events(self, body: bool) -> None:
        """Stream the build state as server-sent events until the tab goes away."""
        if not body:
            self._start(HTTPStatus.OK, "text/event-stream; charset=utf-8", 0, "no-store")
            return
        if not self.server.streams.acquire(blocking=False):
            self._send_text(HTTPStatus.SERVICE_UNAVAILABLE, _("too many open tabs"), True)
            return
        try:
            self.send_response(HTTPStatus.OK)
            self._headers("text/event-stream; charset=utf-8", None, "no-store")
            self.wfile.write(b"retry: 1000\n\n")
            state: State | None = self.server.builder.state()
            sent = None
            while state is not None:
                if state != sent:
                    data = json.dumps({"version": state.version, "busy": state.busy, "serial": state.serial,
                                       "checking": state.checking})
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                    sent = state
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                state = self.server.builder.wait_state(state, KEEPALIVE_S)
        except OSError:  # the tab was closed or reloaded
            pass
        finally:
            self.server.streams.release()
            self.close_connection = True

    def _send_text(self, status: HTTPStatus, text: str, body: bool) -> None:
        """Send a short plain-text answer."""
        self._send(status, (text + "\n").encode(), "text/plain; charset=utf-8", body)

    def _send(self, status: HTTPStatus, data: bytes, content_type: str, body: bool) -> None:
        """Send a whole answer held in memory."""
        self._start(status, content_type, len(data), "no-store")
        if body:
            self.wfile.write(data)

    def _start(self, status: HTTPStatus, content_type: str, length: int, cache: str) -> None:
        """Send the status line and headers."""
        self.send_response(status)
        self._headers(content_type, length, cache)

    def _headers(self, content_type: str, length: int | None, cache: str) -> None:
        """Send the headers every answer has: type, length, caching and the security policy."""
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()


def safe_path(root: Path, relative: str) -> Path | None:
    """Return the regular file that relative names under root, or None for anything that would leave it.

    The path is decoded once; every segment must be a plain name (no "..", no hidden files, no encoded slash
    left over), no segment may be a symbolic link, and the resolved file must still lie under root.
    """
    try:
        decoded = unquote(relative, errors="strict")
    except UnicodeDecodeError:
        return None
    segments = decoded.split("/")
    if not segments or len(segments) > 4 or not all(SEGMENT_RE.match(s) for s in segments):
        return None
    if segments[-1].endswith(".tmp"):  # a file being written
        return None
    base = root.resolve()
    path = base
    for segment in segments:
        path = path / segment
        if path.is_symlink():
            return None
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(base) or not resolved.is_file():
        return None
    return resolved


def is_loopback(host: str) -> bool:
    """Return whether host names only this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
