"""Runs the Capillary sandbox as a real server process on a free port, like `tests/server.py`."""

from __future__ import annotations

import base64
import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.cluster.processes import Child, answers_200, child_environment, free_port
from tests.server import CONTROL_SECRET, control_headers

# The sandbox's defaults (docs/upstream.md, "Authentication").
SANDBOX_TILL = "goalpost.till"
SANDBOX_PASSWORD = "goalpost-sandbox"
SANDBOX_OAUTH_KEY = "goalpost-key"
SANDBOX_OAUTH_SECRET = "goalpost-secret"


def basic_auth_header(till: str = SANDBOX_TILL, password: str = SANDBOX_PASSWORD) -> dict[str, str]:
    """Capillary's Basic auth: the till code and the md5 hex digest of its password."""
    digest = hashlib.md5(password.encode()).hexdigest()
    token = base64.b64encode(f"{till}:{digest}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@contextmanager
def running_sandbox(data_dir: Path, **env: str) -> Iterator[str]:
    """Start `python -m app.sandbox`; yield its base URL once it answers; stop it afterwards.

    `env` is added to the child's environment, e.g. `SANDBOX_FAULTS='{"error_rate": 1}'`.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "app.sandbox", "--host", "127.0.0.1", "--port", str(port)]
    sandbox = Child(
        "sandbox",
        [*command, "--db", str(data_dir / "sandbox.db")],
        env=child_environment(
            {"SANDBOX_CONTROL_SECRET": CONTROL_SECRET, "ENVIRONMENT": "test", **env}
        ),
        log_dir=data_dir,
        ready=answers_200(f"{base_url}/_sandbox/stats", control_headers()),
        ready_timeout_s=30,
    )
    sandbox.start()
    try:
        yield base_url
    finally:
        sandbox.stop()
