"""Runs the app as a real server process on a free port, the way `scripts/start` does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
# The control secret of every app server and sandbox the tests start (docs/security.md).
CONTROL_SECRET = "test-control-secret"


def control_headers(secret: str = CONTROL_SECRET) -> dict[str, str]:
    """What `/_sandbox/*` and the demo clock need: the control secret as a bearer token."""
    return {"Authorization": f"Bearer {secret}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(data_dir: Path, **settings: str) -> Iterator[str]:
    """Start `python -m app`; yield its base URL once it answers; stop it afterwards."""
    server = AppServer(data_dir, **settings)
    try:
        yield server.start()
    finally:
        server.stop()
    tracebacks = server.tracebacks()
    assert not tracebacks, "the server logged errors:\n" + "\n\n".join(tracebacks)


class AppServer:
    """The app as a child process that a test can start, kill (SIGKILL) and start again."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.database_url = f"sqlite:///{data_dir / 'goalpost.db'}"
        # A child that inherits PYTEST_* believes it is under NiceGUI's test runner and
        # ignores PORT.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        self.env.update(
            {
                "DATABASE_URL": self.database_url,
                "PORT": str(self.port),
                "HOST": "127.0.0.1",
                "ENVIRONMENT": "test",
                "STORAGE_SECRET": "e2e-test-secret-not-for-production",
                "CONTROL_SECRET": CONTROL_SECRET,
                **settings,
            }
        )
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> str:
        self.starts += 1
        log_path = self.data_dir / f"server-{self.starts}.log"
        with log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_until_up(self.base_url, self.process, log_path)
        return self.base_url

    def tracebacks(self) -> list[str]:
        """The tracebacks the server wrote to its logs, each with the lines just before it."""
        found = []
        for log in sorted(self.data_dir.glob("server-*.log")):
            lines = log.read_text().splitlines()
            for at, line in enumerate(lines):
                if line.startswith("Traceback"):
                    found.append("\n".join(lines[max(at - 2, 0) : at + 30]))
        return found

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no chance to finish what is in flight."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not answer within 30 s:\n{log_path.read_text()}")
