"""`python -m app.sandbox --host 127.0.0.1 --port 8090 --db data/sandbox.db` runs the sandbox."""

from __future__ import annotations

import argparse
import sys

import uvicorn

from app.sandbox.auth import SandboxRefused
from app.sandbox.settings import SandboxSettings, sandbox_app_from_settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--db", help="SQLite file (default SANDBOX_DB or data/sandbox.db)")
    args = parser.parse_args(argv)
    settings = SandboxSettings()
    if args.db:
        settings.db = args.db
    try:
        app = sandbox_app_from_settings(settings)
    except SandboxRefused as refusal:
        sys.exit(f"python -m app.sandbox: {refusal}")
    # uvicorn picks httptools and uvloop by itself when they are installed.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
