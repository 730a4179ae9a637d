"""Runs the app as a real server process on a free port, the way `scripts/start` does."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.cluster.processes import Child, answers_200, child_environment, free_port

ROOT = Path(__file__).resolve().parent.parent
# The control secret of every app server and sandbox the tests start (docs/security.md).
CONTROL_SECRET = "test-control-secret"


def control_headers(secret: str = CONTROL_SECRET) -> dict[str, str]:
    """What `/_sandbox/*` and the demo clock need: the control secret as a bearer token."""
    return {"Authorization": f"Bearer {secret}"}


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
    """The app as a child process that a test can start, kill (SIGKILL) and start again; each
    start logs to `<data_dir>/server-<start#>.log`."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.database_url = f"sqlite:///{data_dir / 'goalpost.db'}"
        env = child_environment(
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
        self.child = Child(
            "server",
            [sys.executable, "-m", "app"],
            env=env,
            log_dir=data_dir,
            ready=answers_200(f"{self.base_url}/healthz"),
            ready_timeout_s=30,
        )

    def start(self) -> str:
        self.child.start()
        return self.base_url

    def tracebacks(self) -> list[str]:
        """The tracebacks the server wrote to its logs, each with the lines just before it."""
        return self.child.tracebacks()

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no chance to finish what is in flight."""
        self.child.kill()

    def stop(self) -> None:
        self.child.stop()
