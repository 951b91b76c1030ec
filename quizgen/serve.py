"""`quizgen serve`: build, serve the output folder on 127.0.0.1, rebuild on every change."""

from __future__ import annotations

import errno
import http.server
import logging
import mimetypes
import posixpath
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.build import BuildReport, build
from quizgen.errors import ProblemsFound, QuizgenError, UsageError
from quizgen.output.freshness import DEFAULT_OUT
from quizgen.output.record import read_record
from quizgen.progress import Progress
from quizgen.served_pages import VERSION_PATH, missing_page, served_html
from quizgen.settings import build_settings

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
# the names a browser on this machine may call the server by; any other Host header is refused,
# so that a web page cannot reach the server through a name of its own (DNS rebinding)
LOCAL_NAMES = ("127.0.0.1", "localhost")
_TYPES = {".apkg": "application/octet-stream", ".gift": "text/plain", ".tsv": "text/plain"}


@dataclass(frozen=True)
class Outcome:
    """One build of the server: its report (or the error that stopped it) and how long it took."""

    report: BuildReport | None
    error: str  # a QuizgenError's message when the build stopped before making anything
    seconds: float
    reloads: bool  # whether open pages reload: files were written or the problems changed


@dataclass
class _State:
    """What the handlers serve, changed by the builds: the folder, the version, the problems."""

    out_dir: Path
    version: int = 0
    problems: list[str] = field(default_factory=list)
    failed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class LiveSite:
    """A server of a project's output folder that rebuilds the project whenever a file changes."""

    def __init__(
        self,
        root: Path,
        port: int,
        settings: Mapping[str, object] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.root, self.settings = root, dict(settings or {})
        self.progress = progress or Progress()
        self.state = _State(self._out_dir())
        try:
            self.server = http.server.ThreadingHTTPServer((HOST, port), _handler(self.state))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} is in use (another quizgen serve?); "
                    "stop it or choose another port with --port"
                ) from exc
            raise UsageError(f"cannot serve on {HOST}:{port}: {exc.strerror}") from exc
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the address of the index page."""
        return f"http://{HOST}:{self.server.server_port}/"

    def rebuild(self) -> Outcome:
        """Build the project (only what changed); open pages reload if anything did."""
        started = time.perf_counter()
        report, error, lines, failed = None, "", [], False
        try:
            report = build(self.root, (), self.settings, progress=self.progress)
            lines, failed = [str(p) for p in report.problems], report.failed()
        except ProblemsFound as exc:  # quizgen.toml: located problems, like a bank's
            error, lines, failed = str(exc), [str(p) for p in exc.problems], True
        except QuizgenError as exc:  # a template or option: the message says where
            error, lines, failed = str(exc), [str(exc)], True
        with self.state.lock:
            reloads = bool(report and report.written) or lines != self.state.problems
            self.state.problems, self.state.failed = lines, failed
            self.state.out_dir = self._out_dir()
            if reloads:
                self.state.version += 1
        return Outcome(report, error, time.perf_counter() - started, reloads)

    def start(self) -> None:
        """Serve requests in a thread of their own."""
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def watch(
        self, on_build: Callable[[Outcome], None], stop: threading.Event | None = None
    ) -> None:
        """Rebuild after every change to the project until `stop` is set (or Ctrl+C)."""
        import watchfiles

        stop = stop or threading.Event()
        caught_up = False
        while not stop.is_set():
            paths = self._watched()
            ignored = (str(self.state.out_dir),)
            changes = watchfiles.watch(
                *paths,
                watch_filter=watchfiles.DefaultFilter(ignore_paths=ignored),
                stop_event=stop,
                debounce=400,
                step=30,
                rust_timeout=500,
                yield_on_timeout=True,
            )
            for changed in changes:
                if not caught_up:  # what was saved before the watch began: built now
                    caught_up = True
                    outcome = self.rebuild()
                    if outcome.reloads or changed:
                        on_build(outcome)
                elif changed:
                    on_build(self.rebuild())
                if self._watched() != paths:
                    break  # a bank names a source outside the project: watch it too

    def close(self) -> None:
        """Stop serving and free the port."""
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join()
        self.server.server_close()

    def _out_dir(self) -> Path:
        try:
            values = build_settings(self.root, self.settings)
        except QuizgenError:  # (a broken quizgen.toml: the build reports it)
            values = {}
        return (self.root / str(values.get("out") or DEFAULT_OUT)).resolve()

    def _watched(self) -> list[Path]:
        """Return the project folder and the source texts outside it that the banks read."""
        outside = {
            (self.root / source).resolve()
            for source in read_record(self.state.out_dir).sources
            if not (self.root / source).resolve().is_relative_to(self.root)
        }
        return [self.root, *sorted(p for p in outside if p.exists())]


def _handler(state: _State) -> type[http.server.BaseHTTPRequestHandler]:
    """Return the request handler class that serves `state`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "quizgen-serve"

        def do_GET(self) -> None:
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in LOCAL_NAMES:
                text = "quizgen serve answers only to http://127.0.0.1 and http://localhost\n"
                self._send(403, "text/plain; charset=utf-8", text.encode(), body)
                return
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            with state.lock:
                version, problems, failed = str(state.version), list(state.problems), state.failed
                out_dir = state.out_dir
            if path == VERSION_PATH:
                self._send(200, "text/plain; charset=utf-8", version.encode(), body)
                return
            if path in ("", "/"):
                # the students' site; the teacher's is beside it, at /teacher/ (docs/site.md)
                self._redirect("/site/")
                return
            if not path.endswith("/") and _is_folder(out_dir, path):
                self._redirect(path + "/")  # else its pages' relative links miss their files
                return
            file = _file_for(out_dir, path)
            if file is None:
                page = missing_page(path, version, problems, failed)
                self._send(404, "text/html; charset=utf-8", page.encode(), body)
                return
            data = file.read_bytes()
            kind = _TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0]
            kind = kind or "application/octet-stream"
            if kind == "text/html":
                page = data.decode("utf-8", errors="replace")
                data = served_html(page, version, problems, failed).encode("utf-8")
            if kind.startswith("text/"):
                kind += "; charset=utf-8"
            self._send(200, kind, data, body)

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", urllib.parse.quote(location))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            log.debug("%s %s", self.address_string(), format % args)

    return Handler


def _is_folder(out_dir: Path, path: str) -> bool:
    """Return whether a request path names a folder of the output (served as its index)."""
    file = _file_for(out_dir, path)
    return file is not None and file.name == "index.html" and not path.endswith("index.html")


def _file_for(out_dir: Path, path: str) -> Path | None:
    """Return the file a request path names inside the output folder, or None."""
    parts = [p for p in posixpath.normpath("/" + path).split("/") if p and p != "."]
    if any(p == ".." or p.startswith(".") for p in parts):
        return None  # (the build's own records are no pages)
    file = out_dir.joinpath(*parts)
    if file.is_dir():
        file = file / "index.html"
    try:
        if not file.resolve().is_relative_to(out_dir) or not file.is_file():
            return None
    except (OSError, ValueError):  # ValueError: a NUL byte in the path (%00)
        return None
    return file
