"""Runs the Capillary sandbox as a real server process on a free port, like `tests/server.py`."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.server import CONTROL_SECRET, control_headers, free_port

ROOT = Path(__file__).resolve().parent.parent

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
    # A child that inherits PYTEST_* believes it is under NiceGUI's test runner.
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    child_env.update(SANDBOX_CONTROL_SECRET=CONTROL_SECRET, ENVIRONMENT="test")
    child_env.update(env)
    log_path = data_dir / "sandbox.log"
    command = [sys.executable, "-m", "app.sandbox", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--db", str(data_dir / "sandbox.db")]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=child_env, stdout=log, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process, log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sandbox exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            stats = httpx.get(f"{base_url}/_sandbox/stats", headers=control_headers(), timeout=1)
            if stats.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"sandbox did not answer within 30 s:\n{log_path.read_text()}")
