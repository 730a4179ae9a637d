"""Child processes of a local cluster: started, watched through their logs, stopped or killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment plus `extra`, without PYTEST_*: a child that inherits them
    believes it is under NiceGUI's test runner and ignores PORT."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(extra)
    return env


class Child:
    """One command as a child process, each start logging to `<log_dir>/<name>-<start#>.log`."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        *,
        env: Mapping[str, str],
        log_dir: Path,
        ready: Callable[[], bool],
        ready_timeout_s: float = 60.0,
    ) -> None:
        self.name = name
        self.argv = argv
        self.env = dict(env)
        self.log_dir = log_dir
        self.ready = ready
        self.ready_timeout_s = ready_timeout_s
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"{self.name}-{self.starts}.log"

    def start(self) -> None:
        """Start the command and wait until `ready()` says it serves; on failure, stop it and
        raise with the tail of its log."""
        if self.alive:
            raise RuntimeError(f"{self.name} is already running")
        self.starts += 1
        with self.log_path.open("wb") as log:
            # Its own session: a Ctrl-C in the terminal reaches the cluster, which stops the
            # children in order, rather than every child at once.
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.kill()
            raise

    def terminate(self) -> None:
        """Send SIGTERM without waiting (see `wait`)."""
        if self.alive:
            assert self.process is not None
            self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """Wait for the process to end; SIGKILL it past `timeout_s`."""
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=timeout_s)

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM, then SIGKILL if it has not ended within `timeout_s`."""
        self.terminate()
        self.wait(timeout_s)

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no chance to finish what is in flight."""
        if self.alive:
            assert self.process is not None
            self.process.kill()
        self.wait()

    def tracebacks(self) -> list[str]:
        """The tracebacks in every log of this child, each with the lines just before it."""
        found = []
        for log in sorted(self.log_dir.glob(f"{self.name}-*.log")):
            lines = log.read_text(errors="replace").splitlines()
            for at, line in enumerate(lines):
                if line.startswith("Traceback"):
                    found.append(f"{log.name}:\n" + "\n".join(lines[max(at - 2, 0) : at + 30]))
        return found

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def _wait_until_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.ready_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}; the end of "
                    f"{self.log_path}:\n{self.log_tail()}"
                )
            if self.ready():
                return
            time.sleep(0.1)
        raise RuntimeError(
            f"{self.name} did not answer within {self.ready_timeout_s:.0f} s; the end of "
            f"{self.log_path}:\n{self.log_tail()}"
        )


def answers_200(url: str, headers: Mapping[str, str] | None = None) -> Callable[[], bool]:
    """A readiness check: does GET `url` answer 200?"""

    def check() -> bool:
        try:
            return httpx.get(url, headers=headers, timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    return check
