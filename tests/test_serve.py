"""`quizgen serve`: it serves the output folder, rebuilds on a change, shows errors, recovers."""

from __future__ import annotations

import errno
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizgen.errors import UsageError
from quizgen.present.pages import source_hash
from quizgen.serve import LiveSite, Outcome
from quizgen.served_pages import reload_script, served_html, widened_policy
from tests.harness import REPO, copy_project, run_cli

QUIZ = "/site/lighthouse/lighthouse-quiz.html"
PROMPT = "Who built the lighthouse?"


@dataclass
class Running:
    """A LiveSite watching its project in a thread, and every build it made."""

    site: LiveSite
    root: Path
    builds: list[Outcome]

    def get(self, path: str, host: str | None = None) -> tuple[int, str]:
        """Return the status and text the server answers for a path."""
        connection = http.client.HTTPConnection("127.0.0.1", self.site.server.server_port)
        try:
            connection.request("GET", path, headers={"Host": host} if host else {})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            connection.close()

    @property
    def bank(self) -> Path:
        return self.root / "questions" / "lighthouse.yaml"


@contextmanager
def running(root: Path) -> Iterator[Running]:
    """Build and serve a project on a free port, watching it until the test ends."""
    site = LiveSite(root, 0, {"only": ["html"]})
    builds = [site.rebuild()]
    site.start()
    stop = threading.Event()
    watcher = threading.Thread(target=site.watch, args=(builds.append, stop), daemon=True)
    watcher.start()
    try:
        yield Running(site, root, builds)
    finally:
        stop.set()
        watcher.join(10)
        site.close()


def eventually(check: Callable[[], bool], seconds: float = 15) -> None:
    """Wait until check() holds (a rebuild has happened), or fail."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("the server did not rebuild in time")
        time.sleep(0.05)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Running]:
    with running(copy_project(tmp_path, "mini")) as site:
        yield site


def test_serves_rebuilds_shows_the_errors_and_recovers(served: Running) -> None:
    assert served.get("/")[0] == 302  # to the students' site, /site/
    status, index = served.get("/site/")
    assert status == 200 and 'href="lighthouse/lighthouse-quiz.html"' in index
    status, quiz = served.get(QUIZ)
    assert status == 200 and PROMPT in quiz
    assert "/__quizgen__/version" in quiz
    on_disk = (served.root / "output" / QUIZ.lstrip("/")).read_text(encoding="utf-8")
    assert "__quizgen__" not in on_disk and PROMPT in on_disk

    text = served.bank.read_text(encoding="utf-8")
    served.bank.write_text(text.replace(PROMPT, "Who designed it?"), encoding="utf-8")
    eventually(lambda: "Who designed it?" in served.get(QUIZ)[1])

    broken = text.replace("type: single", "type: <script>alert(1)</script>", 1)
    assert broken != text
    served.bank.write_text(broken, encoding="utf-8")
    eventually(lambda: "quizgen-serve-problems" in served.get(QUIZ)[1])
    page = served.get(QUIZ)[1]
    assert "the last build failed; this is the last good output" in page
    assert (
        "questions/lighthouse.yaml:9:11: error: question &#x27;builder&#x27;: unknown type "
        "&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;; expected one of:" in page
    )
    assert "<script>alert(1)" not in page
    assert "Who designed it?" in page  # the last good output
    assert "quizgen-serve-problems" in served.get("/site/")[1]

    served.bank.write_text(text, encoding="utf-8")
    eventually(lambda: "quizgen-serve-problems" not in served.get(QUIZ)[1])
    assert PROMPT in served.get(QUIZ)[1]
    assert served.builds[-1].report is not None and not served.builds[-1].report.failed()


def test_the_version_changes_only_when_a_build_changed_something(served: Running) -> None:
    before = served.get("/__quizgen__/version")[1]
    (served.root / "notes.txt").write_text("not an input", encoding="utf-8")
    count = len(served.builds)
    eventually(lambda: len(served.builds) > count)
    assert served.get("/__quizgen__/version")[1] == before
    text = served.bank.read_text(encoding="utf-8")
    served.bank.write_text(text.replace(PROMPT, "Who?"), encoding="utf-8")
    eventually(lambda: served.get("/__quizgen__/version")[1] != before)


def test_an_edited_source_text_is_rebuilt(served: Running) -> None:
    source = served.root / "seeds" / "lighthouse.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("1887", "1888"), "utf-8")
    eventually(lambda: "quizgen-serve-problems" in served.get(QUIZ)[1])
    assert "source quote does not occur in seeds/lighthouse.txt" in served.get(QUIZ)[1]


def test_other_host_names_are_refused(served: Running) -> None:
    status, text = served.get("/", host="evil.example:8000")
    assert status == 403
    assert text == "quizgen serve answers only to http://127.0.0.1 and http://localhost\n"
    assert served.get("/site/", host=f"localhost:{served.site.server.server_port}")[0] == 200


def test_a_folder_without_its_slash_leads_to_it(served: Running) -> None:
    """Else the index's relative links would point one folder too high."""
    connection = http.client.HTTPConnection("127.0.0.1", served.site.server.server_port)
    try:
        connection.request("GET", "/teacher")
        response = connection.getresponse()
        assert (response.status, response.getheader("Location")) == (302, "/teacher/")
    finally:
        connection.close()
    assert served.get("/teacher/")[0] == 200


@pytest.mark.parametrize(
    "path", ["/missing.html", "/.quizgen-record.json", "/../quizgen.toml", "/site/%00"]
)
def test_a_file_not_in_the_output_folder_is_not_found(served: Running, path: str) -> None:
    status, text = served.get(path)
    assert status == 404
    assert "a bank with errors gets no files until they are fixed" in text


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(root, "serve", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == (
        f"quizgen: error: port {port} is in use (another quizgen serve?); "
        "stop it or choose another port with --port\n"
    )


def test_a_port_that_cannot_be_used_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("http.server.ThreadingHTTPServer.__init__", refuse)
    with pytest.raises(UsageError, match=r"^cannot serve on 127\.0\.0\.1:80: Permission denied$"):
        LiveSite(copy_project(tmp_path, "mini"), 80)


def test_warnings_alone_get_their_own_headline() -> None:
    page = served_html("<html><body><p>x</p></body></html>", "3", ["a.yaml:1:1: warning: w"], False)
    assert "quizgen serve: the last build has warnings" in page
    assert "a.yaml:1:1: warning: w" in page


def test_the_served_policy_allows_exactly_the_added_script() -> None:
    script = reload_script("7")
    policy = "default-src 'none'; style-src 'sha256-x'; script-src 'none'; img-src data:"
    widened = widened_policy(policy, script, banner=False)
    assert widened == (
        f"default-src 'none'; style-src 'sha256-x'; script-src {source_hash(script)}; "
        "img-src data:; connect-src 'self'"
    )
    page = served_html(
        f'<head><meta http-equiv="Content-Security-Policy" content="{policy}"></head>'
        "<body><p>x</p></body>",
        "7",
        [],
        False,
    )
    assert source_hash(script).replace("'", "&#x27;") in page
    assert page.endswith(f"<script>{script}</script></body>")


@pytest.mark.slow
def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "mini")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [
        sys.executable,
        "-m",
        "quizgen",
        "--project",
        str(root),
        "serve",
        "--port",
        "0",
        "--only",
        "html",
    ]
    # Ctrl-C as at a terminal: a shell's background job (how the suite may be started) ignores
    # SIGINT, and a Python started so keeps ignoring it
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("serving http://127.0.0.1:"):
            break
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(20) == 0
    assert "Traceback" not in rest
    assert rest.endswith("stopped serving\n")
