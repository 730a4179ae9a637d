"""nginx in front of the instances: sticky per browser by a route cookie, WebSockets proxied."""

from __future__ import annotations

import os
from pathlib import Path

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
ROUTE_COOKIE = "gp_route"


def nginx_argv(prefix: Path) -> list[str]:
    """nginx in the foreground with everything (pid, logs, temp files) under `prefix`."""
    return [
        NGINX,
        "-p",
        str(prefix),
        "-c",
        str(prefix / "nginx.conf"),
        "-e",
        str(prefix / "error.log"),
        "-g",
        "daemon off;",
    ]


def write_nginx_conf(prefix: Path, *, port: int, upstream_ports: list[int]) -> Path:
    """Write `prefix/nginx.conf` for a balancer on `port` over the instances on `upstream_ports`."""
    for temp in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / temp).mkdir(parents=True, exist_ok=True)
    path = prefix / "nginx.conf"
    path.write_text(nginx_conf(prefix, port=port, upstream_ports=upstream_ports))
    return path


def nginx_conf(prefix: Path, *, port: int, upstream_ports: list[int]) -> str:
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstream_ports
    )
    # Run as root (a container, CI), the workers would drop to `nobody`, who cannot reach the
    # temp files under a private run directory; this rehearsal keeps them as root.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""# Written by app/cluster: a local rehearsal of several instances (docs/deploy.md).
{user}worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;

events {{
    worker_connections 4096;
}}

http {{
    # Which instance served each request, and the browser's route key: what a failover shows.
    log_format goalpost '$remote_addr [$time_local] "$request" $status '
                        'upstream=$upstream_addr route=$gp_route $request_time s';
    access_log {prefix / "access.log"} goalpost;
    client_body_temp_path {prefix / "temp/client_body"};
    proxy_temp_path {prefix / "temp/proxy"};
    fastcgi_temp_path {prefix / "temp/fastcgi"};
    uwsgi_temp_path {prefix / "temp/uwsgi"};
    scgi_temp_path {prefix / "temp/scgi"};

    # Sticky per browser: the route cookie names the key the upstream is hashed on. A browser
    # without one gets this request's id as its key, and the cookie to keep it.
    map $cookie_{ROUTE_COOKIE} $gp_route {{
        "" $request_id;
        default $cookie_{ROUTE_COOKIE};
    }}
    map $cookie_{ROUTE_COOKIE} $gp_route_cookie {{
        "" "{ROUTE_COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" close;
    }}

    # Consistent hashing: when a server dies, its keys move on to one other server each and
    # stay there; the other servers' keys do not move.
    upstream goalpost {{
        hash $gp_route consistent;
{servers}
    }}

    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 10m;

        location / {{
            proxy_pass http://goalpost;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            # A dead instance is skipped (POSTs only when nothing was sent yet, nginx's default).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
            # An empty value sends no header: the cookie goes only to a browser without one.
            add_header Set-Cookie $gp_route_cookie always;
            # Which instance answered: a rehearsal aid for tests, not for production.
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""
