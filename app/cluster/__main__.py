"""`python -m app.cluster`: a sandbox, N instances on PostgreSQL and nginx, until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from app.cluster.cluster import DEFAULT_DATABASE_URL, DEFAULT_SCHEMA, Cluster
from app.cluster.processes import ROOT


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="scripts/cluster", description=__doc__)
    parser.add_argument("--instances", type=int, default=2, help="how many app instances (2)")
    parser.add_argument("--port", type=int, default=8088, help="the balancer's port (8088)")
    parser.add_argument(
        "--database-url", default=DEFAULT_DATABASE_URL, help="the PostgreSQL server's URL"
    )
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help=f"its schema ({DEFAULT_SCHEMA})")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the schema")
    parser.add_argument(
        "--run-dir", type=Path, default=ROOT / "data" / "cluster", help="logs, secrets, nginx"
    )
    args = parser.parse_args(argv)
    cluster = Cluster(
        args.run_dir,
        instances=args.instances,
        port=args.port,
        database_url=args.database_url,
        schema=args.schema,
        fresh=args.fresh,
    )
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        cluster.start()
    except RuntimeError as failed:
        sys.exit(f"scripts/cluster: {failed}")
    _announce(cluster)
    try:
        _watch(cluster, stopping)
    finally:
        print("stopping…", flush=True)
        cluster.stop()


def _announce(cluster: Cluster) -> None:
    print(f"balancer  {cluster.balancer_url}", flush=True)
    for instance in cluster.instances:
        print(f"{instance.name}  {instance.base_url}  (log {instance.log_path})", flush=True)
    print(f"sandbox   {cluster.sandbox_url}", flush=True)
    print(f"database  {cluster.database_url}", flush=True)
    print(f"logs, secrets and nginx.conf under {cluster.run_dir}; Ctrl-C stops", flush=True)


def _watch(cluster: Cluster, stopping: threading.Event) -> None:
    """Until asked to stop, say when an instance ends (or is killed) and when it is back."""
    seen = {i.name: True for i in cluster.instances}
    while not stopping.wait(1.0):
        for instance in cluster.instances:
            if instance.alive != seen[instance.name]:
                seen[instance.name] = instance.alive
                state = "is back" if instance.alive else "has ended; the balancer skips it"
                print(f"{instance.name} {state}", flush=True)


if __name__ == "__main__":
    main()
