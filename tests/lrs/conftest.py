"""A real Learning Record Store for the xAPI tests: Ralph on 127.0.0.1, from its own tools venv.

`make lrs-tools` (a step of `make test`) makes `.venv-lrs/`; when it cannot, it
leaves the reason in `.venv-lrs/FAILED` and every test that needs Ralph skips with it.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TOOLS_VENV = ROOT / ".venv-lrs"
TOOLS_PYTHON = TOOLS_VENV / "bin" / "python"
XAPI_VERSION = "1.0.3"
START_TIMEOUT_S = 30.0


def tools_missing_reason() -> str | None:
    """Why Ralph's tools venv cannot be used, or None when it is ready."""
    failed = TOOLS_VENV / "FAILED"
    if failed.is_file():
        return (
            f"Ralph's tools venv could not be made (log: {TOOLS_VENV.name}/install.log; "
            f"retry with `make lrs-tools`): {failed.read_text(encoding='utf-8').strip()}"
        )
    if not (TOOLS_VENV / ".installed").is_file() or not TOOLS_PYTHON.is_file():
        return f"Ralph's tools venv {TOOLS_VENV.name}/ is not set up: run `make lrs-tools`"
    return None


@dataclass(frozen=True)
class Response:
    status: int
    body: Any  # the decoded JSON, or None for an empty body


@dataclass(frozen=True)
class Lrs:
    """A running Ralph: where its statements resource is and who may use it."""

    url: str  # the xAPI statements resource, e.g. http://127.0.0.1:PORT/xAPI/statements
    user: str
    password: str

    def request(
        self,
        method: str,
        body: Any = None,
        query: dict[str, str] | None = None,
        password: str | None = None,
        url: str | None = None,
    ) -> Response:
        """Send one xAPI request with basic auth; HTTP errors are returned, not raised."""
        target = url or self.url
        if query:
            target += "?" + urllib.parse.urlencode(query)
        credentials = f"{self.user}:{self.password if password is None else password}"
        headers = {
            "X-Experience-API-Version": XAPI_VERSION,
            "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
        }
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(target, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        return Response(status, json.loads(raw) if raw else None)

    def statements_about(self, agent: dict) -> list[dict]:
        """Every stored statement whose actor is `agent`, oldest first, through GET and its `more` links.

        Ralph's verb and activity filters never match, so the agent is the filter to use.
        """
        origin = urllib.parse.urlsplit(self.url)._replace(path="", query="").geturl()
        found: list[dict] = []
        page = self.request("GET", query={"agent": json.dumps(agent)})
        for _ in range(1000):
            assert page.status == 200, page
            found += page.body["statements"]
            if not page.body.get("more"):
                return found
            page = self.request("GET", url=origin + page.body["more"])
        raise AssertionError("the LRS kept answering with `more` links")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(base: str, server: subprocess.Popen, log: Path) -> None:
    """Return once Ralph's heartbeat answers 200; fail with its stderr if it dies or is too slow."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"Ralph exited with {server.returncode}:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(base + "/__heartbeat__", timeout=1) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    pytest.fail(f"Ralph was not ready within {START_TIMEOUT_S} s:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture(scope="session")
def tools_python() -> Path:
    """The tools venv's python, or a skip that says why there is none.

    A fixture rather than a module-level skip: pytest cannot skip from a conftest
    it loads first, as it does for `pytest tests/lrs`.
    """
    reason = tools_missing_reason()
    if reason:
        pytest.skip(reason)
    return TOOLS_PYTHON


@pytest.fixture(scope="session")
def lrs(tmp_path_factory, tools_python) -> Iterator[Lrs]:
    """Ralph's LRS, its fs backend in a temporary folder, for the whole session."""
    home = tmp_path_factory.mktemp("ralph")
    port, user, password = free_port(), "tutor", "tutor-test-password"
    env = {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_APP_DIR": str(home / "app"),
        "RALPH_AUTH_FILE": str(home / "app" / "auth.json"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(home / "statements"),
    }
    log = home / "ralph.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(tools_python), str(HERE / "launch_ralph.py"), str(port), user, password],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, server, log)
        yield Lrs(url=base + "/xAPI/statements", user=user, password=password)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_validator(python: Path, statements: list[dict]) -> list[str]:
    """One line per statement that Ralph's strict xAPI models reject, with the reasons."""
    done = subprocess.run(
        [str(python), str(HERE / "validate.py")],
        input="".join(json.dumps(s) + "\n" for s in statements),
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == (1 if lines else 0), done.stderr
    return lines


@pytest.fixture(scope="session")
def validate_statements(tools_python) -> Callable[[list[dict]], list[str]]:
    """`validate_statements(statements)`: the reasons Ralph's strict models give, one line per invalid statement."""
    return functools.partial(run_validator, tools_python)
