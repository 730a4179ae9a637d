"""The app's own stylesheets at addresses that change with their content, so a browser keeps
them for a year and never asks again; a new version is a new address.

NiceGUI's own scripts and styles are served the same way (versioned, `immutable`); static/
itself (a brand's logo) keeps NiceGUI's one-hour default, since a file there may change in
place.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from nicegui import app

STATIC = Path(__file__).resolve().parents[2] / "static"
NAMES = ("tailwind.css", "goalpost.css")  # compiled Tailwind utilities, then our own rules
A_YEAR = 365 * 24 * 3600


@cache
def addresses(static_dir: Path = STATIC) -> dict[str, str]:
    """Each stylesheet's address: `/assets/tailwind.<first 12 hex of its SHA-256>.css`."""
    found = {}
    for name in NAMES:
        digest = hashlib.sha256((static_dir / name).read_bytes()).hexdigest()[:12]
        stem, suffix = name.rsplit(".", 1)
        found[name] = f"/assets/{stem}.{digest}.{suffix}"
    return found


def register(static_dir: Path = STATIC) -> None:
    for name, address in addresses(static_dir).items():
        app.add_static_file(local_file=static_dir / name, url_path=address, max_cache_age=A_YEAR)


def links() -> str:
    """The `<link>`s a page's head takes."""
    return "".join(f'<link rel="stylesheet" href="{a}">' for a in addresses().values())
