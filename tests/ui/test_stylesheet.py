"""The app runs without NiceGUI's in-browser Tailwind: every class the pages use must be defined.

A class missing from static/tailwind.css would silently do nothing in the browser; the README
("Styles") says how to regenerate the file after adding one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nicegui
from nicegui.testing import User

from app.ui.stylesheets import NAMES, addresses

ROOT = Path(__file__).resolve().parents[2]
NICEGUI_STATIC = Path(nicegui.__file__).parent / "static"


def test_every_class_the_pages_use_is_in_a_stylesheet():
    defined = "\n".join(
        path.read_text()
        for path in [
            ROOT / "static" / "tailwind.css",
            ROOT / "static" / "goalpost.css",
            NICEGUI_STATIC / "quasar.unimportant.prod.css",
            NICEGUI_STATIC / "quasar.important.prod.css",
            NICEGUI_STATIC / "nicegui.css",
        ]
    )
    missing = {
        f"{path.name}: {name}"
        for path in sorted((ROOT / "app" / "ui").rglob("*.py"))
        for name in classes_used(path)
        if not re.search(re.escape("." + css_escape(name)) + r"(?![\w-])", defined)
    }
    assert not missing, f"classes with no rule (regenerate static/tailwind.css?): {missing}"


def classes_used(path: Path) -> set[str]:
    """Every class named in a string literal passed to `.classes(...)` in the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "classes"
        ):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                for constant in ast.walk(argument):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        names.update(constant.value.split())
    return names


def css_escape(name: str) -> str:
    return re.sub(r"([^\w-])", r"\\\1", name)


async def test_a_page_links_its_stylesheets_by_content_so_a_browser_keeps_them_a_year(
    user: User,
):
    page = await user.http_client.get("/signin")
    links = re.findall(r'<link rel="stylesheet" href="(/assets/[^"]+)">', page.text)

    assert [re.sub(r"\.[0-9a-f]{12}\.", ".", a) for a in links] == [
        "/assets/tailwind.css",
        "/assets/goalpost.css",
    ]
    for address, name in zip(links, ("tailwind.css", "goalpost.css"), strict=True):
        answer = await user.http_client.get(address)
        assert answer.status_code == 200
        assert answer.content == (ROOT / "static" / name).read_bytes()
        assert "max-age=31536000" in answer.headers["cache-control"]
    assert (await user.http_client.get("/assets/tailwind.000000000000.css")).status_code == 404


def test_a_new_stylesheet_gets_a_new_address(tmp_path: Path):
    for name in NAMES:
        (tmp_path / name).write_text("a {}")
    before = addresses(tmp_path)["goalpost.css"]
    addresses.cache_clear()
    (tmp_path / "goalpost.css").write_text("a { color: red }")
    assert addresses(tmp_path)["goalpost.css"] != before
    addresses.cache_clear()
