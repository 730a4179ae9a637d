"""Installing the app: a manifest in the brand's name and colours, icons a phone can use, and a
service worker that answers a failed navigation with the offline page and caches nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from nicegui.testing import User
from PIL import Image

from app.domain.brand import Brand, rgb
from app.ui.install import ICONS, icon_png


@pytest.fixture
def nordic(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app is built with a demo brand (set before the `user` fixture builds it)."""
    monkeypatch.setenv("BRAND_NAME", "Nordic Fitness")
    monkeypatch.setenv("BRAND_PRIMARY", "#1d4ed8")


async def test_the_manifest_names_the_brand_and_its_colour_and_opens_standalone(
    nordic: None, user: User
):
    answer = await user.http_client.get("/manifest.webmanifest")

    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["name"] == "Nordic Fitness"
    assert manifest["short_name"] == "Nordic"  # what fits under a home-screen icon
    assert manifest["theme_color"] == "#1d4ed8"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"


async def test_every_icon_the_manifest_lists_is_a_png_of_the_size_it_claims(user: User):
    manifest = (await user.http_client.get("/manifest.webmanifest")).json()

    sizes = set()
    for icon in manifest["icons"]:
        answer = await user.http_client.get(icon["src"])
        assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
        assert "max-age" in answer.headers["cache-control"]
        picture = Image.open(io.BytesIO(answer.content))
        assert picture.format == "PNG"
        assert f"{picture.width}x{picture.height}" == icon["sizes"]
        sizes.add((picture.width, icon["purpose"]))
    assert sizes == {(192, "any"), (512, "any"), (512, "maskable")}


async def test_every_page_links_the_manifest_and_the_home_screen_icon(user: User):
    page = (await user.http_client.get("/")).text

    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    apple = await user.http_client.get("/icons/apple-touch-icon.png")
    assert '<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png">' in page
    assert Image.open(io.BytesIO(apple.content)).size == (180, 180)


async def test_the_offline_page_stands_alone_in_the_brands_name_light_and_dark(
    nordic: None, user: User
):
    answer = await user.http_client.get("/offline")

    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    page = answer.text
    assert "You're offline — Nordic Fitness needs a connection to save your logs." in page
    assert '<button type="button" onclick="location.reload()">Try again</button>' in page
    assert "prefers-color-scheme: dark" in page
    assert "src=" not in page and "href=" not in page  # nothing to fetch from a lost server


async def test_the_service_worker_caches_the_offline_page_and_nothing_else(user: User):
    answer = await user.http_client.get("/sw.js")

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.headers["cache-control"] == "no-cache"  # a new version is picked up at once
    script = answer.text
    assert 'const OFFLINE = "/offline";' in script
    assert script.count("cache.add(") == 1 and "cache.put" not in script
    assert 'if (event.request.mode !== "navigate") return;' in script


def test_a_brand_with_a_png_logo_gets_it_on_its_icons(tmp_path: Path):
    (tmp_path / "brand").mkdir()
    Image.new("RGB", (40, 20), "#dc2626").save(tmp_path / "brand" / "logo.png")
    brand = Brand(name="Red", logo="/static/brand/logo.png", primary="#1d4ed8")

    for icon in ICONS.values():
        picture = Image.open(io.BytesIO(icon_png(brand, tmp_path, icon))).convert("RGB")
        across = [picture.getpixel((icon.size * x // 8, icon.size // 2)) for x in (2, 4, 6)]
        assert across == [rgb("#dc2626")] * 3  # scaled to fill the icon, not left small


def test_a_brand_without_a_picture_gets_its_initial_on_its_colour(tmp_path: Path):
    brand = Brand(name="Nordic Fitness", logo="/static/brand/logo.svg", primary="#1d4ed8")

    maskable = Image.open(io.BytesIO(icon_png(brand, tmp_path, ICONS["maskable-512.png"])))
    plain = Image.open(io.BytesIO(icon_png(brand, tmp_path, ICONS["icon-512.png"])))

    assert maskable.convert("RGB").getpixel((0, 0)) == rgb("#1d4ed8")  # the platform cuts it
    assert plain.getpixel((0, 0))[3] == 0  # our own rounded corner
    middle = maskable.convert("RGB").crop((128, 128, 384, 384))
    colours = {colour for _, colour in middle.getcolors(256 * 256) or []}
    assert (255, 255, 255) in colours  # the white N, inside the safe zone
