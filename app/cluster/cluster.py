"""A local cluster: one sandbox, N app instances on one PostgreSQL schema, nginx in front."""

from __future__ import annotations

import json
import re
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

from sqlalchemy import text

from app.cluster.nginx import nginx_argv, write_nginx_conf
from app.cluster.processes import Child, answers_200, child_environment, free_port
from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head

DEFAULT_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEFAULT_SCHEMA = "goalpost_cluster"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


class Instance(Child):
    """One `python -m app` behind the balancer; `start()` again reuses its port and env."""

    def __init__(self, name: str, port: int, *, env: Mapping[str, str], log_dir: Path) -> None:
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        super().__init__(
            name,
            [sys.executable, "-m", "app"],
            env=env,
            log_dir=log_dir,
            ready=answers_200(f"{self.base_url}/healthz"),
        )

    def __repr__(self) -> str:
        return f"Instance({self.name!r}, port={self.port}, alive={self.alive})"


class Cluster:
    """Everything `scripts/cluster` runs, as an object tests can start, poke and stop.

    `database_url` is the server's URL; the cluster works in its own `schema` (dropped and made
    again with `fresh=True`). `redis_url=None` leaves NiceGUI's storage in files, per instance.
    `env` is added to every instance's environment (e.g. `JOBS_CLOSE_PERIODS_SECONDS`).
    """

    def __init__(
        self,
        run_dir: Path,
        *,
        instances: int = 2,
        port: int | None = None,
        database_url: str = DEFAULT_DATABASE_URL,
        schema: str | None = DEFAULT_SCHEMA,
        fresh: bool = False,
        redis_url: str | None = DEFAULT_REDIS_URL,
        environment: str = "development",
        env: Mapping[str, str] | None = None,
    ) -> None:
        if instances < 1:
            raise ValueError("a cluster needs at least one instance")
        if schema is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
            raise ValueError(f"schema {schema!r}: use lower-case letters, digits and _")
        self.run_dir = run_dir.resolve()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.fresh = fresh
        self.server_url = database_url
        self.database_url = _with_schema(database_url, schema)
        self.port = port or free_port()
        self.balancer_url = f"http://127.0.0.1:{self.port}"
        self.sandbox_port = free_port()
        self.sandbox_url = f"http://127.0.0.1:{self.sandbox_port}"
        run = _run_secrets(self.run_dir, renew=fresh)
        self.control_secret = run["control_secret"]
        self.storage_secret = run["storage_secret"]
        self.redis_key_prefix = run["redis_key_prefix"]
        port_and_db = ("--port", str(self.sandbox_port), "--db", str(self.run_dir / "sandbox.db"))
        self.sandbox = Child(
            "sandbox",
            [sys.executable, "-m", "app.sandbox", "--host", "127.0.0.1", *port_and_db],
            env=child_environment(
                {"SANDBOX_CONTROL_SECRET": self.control_secret, "ENVIRONMENT": "development"}
            ),
            log_dir=self.run_dir,
            ready=answers_200(
                f"{self.sandbox_url}/_sandbox/stats",
                {"Authorization": f"Bearer {self.control_secret}"},
            ),
        )
        shared = {
            "DATABASE_URL": self.database_url,
            "HOST": "127.0.0.1",
            "ENVIRONMENT": environment,
            "STORAGE_SECRET": self.storage_secret,
            "CONTROL_SECRET": self.control_secret,
            "UPSTREAM": "sandbox",
            "SANDBOX_URL": self.sandbox_url,
        }
        if redis_url is not None:
            shared["NICEGUI_REDIS_URL"] = redis_url
            shared["NICEGUI_REDIS_KEY_PREFIX"] = self.redis_key_prefix
        self.instances = [self._instance(k, shared, env or {}) for k in range(1, instances + 1)]
        nginx_dir = self.run_dir / "nginx"
        nginx_dir.mkdir(exist_ok=True)
        write_nginx_conf(nginx_dir, port=self.port, upstream_ports=[i.port for i in self.instances])
        self.nginx = Child(
            "nginx",
            nginx_argv(nginx_dir),
            env=child_environment({}),
            log_dir=nginx_dir,
            ready=answers_200(f"{self.balancer_url}/healthz"),
        )

    def _instance(self, k: int, shared: Mapping[str, str], extra: Mapping[str, str]) -> Instance:
        name = f"instance-{k}"
        port = free_port()
        env = {
            **shared,
            "PORT": str(port),
            "INSTANCE_NAME": name,
            # Without Redis, NiceGUI keeps storage in files: one folder per instance.
            "NICEGUI_STORAGE_PATH": str(self.run_dir / f"{name}-storage"),
            **extra,
        }
        return Instance(name, port, env=child_environment(env), log_dir=self.run_dir)

    def start(self) -> Cluster:
        """Prepare the schema, migrate once, then start the sandbox, each instance and nginx,
        each waited for; if any fails, whatever started is stopped again."""
        try:
            self.prepare_database()
            self.sandbox.start()
            for instance in self.instances:
                instance.start()
            self.nginx.start()
        except BaseException:
            self.stop()
            raise
        return self

    def prepare_database(self) -> None:
        """Make the schema (drop it first when fresh) and run the migrations once."""
        if self.schema is not None:
            admin = make_engine(self.server_url)
            try:
                with admin.begin() as conn:
                    if self.fresh:
                        conn.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
                    conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {self.schema}"))
            finally:
                admin.dispose()
        upgrade_to_head(self.database_url)

    def stop(self) -> None:
        """Stop nginx, then every instance together, then the sandbox: SIGTERM, and SIGKILL
        whatever has not ended within the timeout."""
        self.nginx.stop()
        for instance in self.instances:
            instance.terminate()
        for instance in self.instances:
            instance.wait()
        self.sandbox.stop()

    def instance_for(self, upstream_addr: str) -> Instance:
        """The instance an `X-Upstream` value names; after a failover nginx lists every server
        it tried ("a, b"), and the last one answered."""
        last = upstream_addr.split(",")[-1].strip()
        port = last.rsplit(":", 1)[-1]
        for instance in self.instances:
            if str(instance.port) == port:
                return instance
        raise LookupError(f"no instance of this cluster at {upstream_addr!r}")

    def tracebacks(self) -> list[str]:
        """Every traceback any instance or the sandbox logged."""
        found = self.sandbox.tracebacks()
        for instance in self.instances:
            found += instance.tracebacks()
        return found

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _with_schema(url: str, schema: str | None) -> str:
    """`url` with every connection's search_path set to `schema` (psycopg takes libpq's
    `options` from the URL's query)."""
    if schema is None:
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}', safe='-')}"


def _run_secrets(run_dir: Path, *, renew: bool) -> dict[str, str]:
    """The secrets every instance of this cluster shares, kept in the run directory so a
    restarted cluster keeps its sessions; a fresh start makes new ones."""
    path = run_dir / "cluster-secrets.json"
    if path.exists() and not renew:
        return dict(json.loads(path.read_text()))
    made = {
        "storage_secret": secrets.token_urlsafe(32),
        "control_secret": secrets.token_urlsafe(32),
        "redis_key_prefix": f"goalpost-cluster-{secrets.token_hex(4)}:",
    }
    path.touch(mode=0o600)
    path.write_text(json.dumps(made, indent=2))
    return made
