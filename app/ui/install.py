"""Adding the app to a phone's home screen, and a plain page when the server cannot be reached.

The manifest and icons are built from the brand. The service worker does one thing: a page
that fails to load for want of a network gets the offline page it cached when it installed.
It caches nothing else, so no page or answer ever shows data that was not saved.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response
from nicegui import app
from PIL import Image, ImageDraw, ImageFont, ImageOps

from app.domain.brand import Brand, dark_variants
from app.domain.counts import ENGLISH
from app.domain.languages import LANGUAGES
from app.i18n import of_request
from app.translations import Translator, translator

MANIFEST = "/manifest.webmanifest"
OFFLINE = "/offline"
SERVICE_WORKER = "/sw.js"
APPLE_TOUCH_ICON = "/icons/apple-touch-icon.png"
RASTER_LOGOS = (".png", ".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class Icon:
    size: int
    full_bleed: bool  # maskable and Apple's: the platform cuts the shape, so no corners of ours


ICONS = {
    "icon-192.png": Icon(192, full_bleed=False),
    "icon-512.png": Icon(512, full_bleed=False),
    "maskable-512.png": Icon(512, full_bleed=True),
    "apple-touch-icon.png": Icon(180, full_bleed=True),
}

HEAD_HTML = (
    f'<link rel="manifest" href="{MANIFEST}">'
    f'<link rel="apple-touch-icon" href="{APPLE_TOUCH_ICON}">'
    # Browsers allow service workers only in secure contexts (https, and localhost).
    "<script>if (window.isSecureContext && 'serviceWorker' in navigator) "
    f"navigator.serviceWorker.register('{SERVICE_WORKER}');</script>"
)


def register(brand: Brand, static_dir: Path) -> None:
    """The manifest, its icons, the service worker and the offline page: the same for anyone.
    All are made once here (icons in about 40 ms), so each answer is ready the moment it is
    asked for, before a browser closing its tab can cut it off half-made."""
    manifest = json.dumps(manifest_for(brand)).encode()
    icons = {name: icon_png(brand, static_dir, icon) for name, icon in ICONS.items()}
    # The page a browser caches speaks the language it asked in (its cookie, else its own).
    offline = {language: offline_page(brand, translator(language)) for language in LANGUAGES}
    worker = service_worker("".join(offline.values()))

    @app.get(MANIFEST, include_in_schema=False)
    async def manifest_file() -> Response:
        return Response(
            manifest,
            media_type="application/manifest+json",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    @app.get("/icons/{name}", include_in_schema=False)
    async def icon(name: str) -> Response:
        if name not in icons:
            raise HTTPException(status_code=404)
        return Response(
            icons[name], media_type="image/png", headers={"Cache-Control": "public, max-age=86400"}
        )

    @app.get(SERVICE_WORKER, include_in_schema=False)
    async def service_worker_script() -> Response:
        return Response(worker, media_type="text/javascript", headers={"Cache-Control": "no-cache"})

    @app.get(OFFLINE, include_in_schema=False)
    async def offline_fallback(request: Request) -> Response:
        return Response(
            offline[of_request(request)],
            media_type="text/html",
            headers={"Cache-Control": "no-cache", "Vary": "Cookie, Accept-Language"},
        )


def manifest_for(brand: Brand) -> dict[str, Any]:
    return {
        "id": "/",
        "name": brand.name,
        "short_name": short_name(brand.name),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": brand.primary,
        "background_color": "#ffffff",
        "icons": [
            {
                "src": f"/icons/{name}",
                "sizes": f"{icon.size}x{icon.size}",
                "type": "image/png",
                "purpose": "maskable" if icon.full_bleed else "any",
            }
            for name, icon in ICONS.items()
            if name != "apple-touch-icon.png"
        ],
    }


def short_name(name: str) -> str:
    """What fits under an icon on a home screen: about 12 characters."""
    return name if len(name) <= 12 else (name.split() or [name])[0][:12]


def icon_png(brand: Brand, static_dir: Path, icon: Icon) -> bytes:
    """The brand's own picture when it is one Pillow can read, else its initial in white on
    its primary colour."""
    size = icon.size
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    logo = _raster_logo(brand, static_dir)
    background = "#ffffff" if logo else brand.primary
    radius = 0 if icon.full_bleed else size // 5
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=radius, fill=background)
    # A maskable icon keeps what matters inside the middle 80% circle.
    inner = int(size * (0.55 if icon.full_bleed else 0.7))
    if logo:
        logo = ImageOps.contain(logo, (inner, inner))
        picture.alpha_composite(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
    else:
        font = ImageFont.load_default(size=inner * 0.8)
        letter, weight = initial(brand.name), size // 64  # the stroke makes it bold
        draw.text(
            (size / 2, size / 2),
            letter,
            font=font,
            fill="#ffffff",
            anchor="mm",
            stroke_width=weight,
            stroke_fill="#ffffff",
        )
    output = io.BytesIO()
    picture.save(output, format="PNG")
    return output.getvalue()


def initial(name: str) -> str:
    return next((c for c in name if c.isalnum()), "G").upper()


def _raster_logo(brand: Brand, static_dir: Path) -> Image.Image | None:
    """The brand's logo file as an image; None for Goalpost's flag, an SVG or an https URL
    (never fetched at run time)."""
    if not brand.logo_is_image or brand.logo.startswith("https://"):
        return None
    path = static_dir / brand.logo.removeprefix("/static/")
    if path.suffix.lower() not in RASTER_LOGOS or not path.is_file():
        return None
    try:
        with Image.open(path) as opened:
            return opened.convert("RGBA")
    except OSError:  # not an image after all: the initial will do
        return None


def offline_page(brand: Brand, words: Translator = ENGLISH) -> str:
    """A page that needs nothing from the server: its styles inline, dark when the device is."""
    name = html.escape(brand.name)
    on_dark, dark_bg = dark_variants(brand.primary)
    title = html.escape(brand.title(words.gettext("Offline")), quote=False)
    offline = html.escape(
        words.gettext("You're offline — {brand} needs a connection to save your logs.").format(
            brand=brand.name
        ),
        quote=False,
    )
    again = html.escape(words.gettext("Try again"), quote=False)
    return f"""<!doctype html>
<html lang="{words.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="{brand.primary}">
<title>{title}</title>
<style>
  :root {{ color-scheme: light dark; }}
  body {{ margin: 0; min-height: 100vh; display: flex; align-items: center;
    justify-content: center; font-family: system-ui, sans-serif; background: #f9fafb;
    color: #111827; }}
  main {{ max-width: 28rem; margin: 1.5rem; padding: 1.5rem; text-align: center;
    background: #ffffff; border-radius: 14px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }}
  h1 {{ margin: 0 0 0.75rem; font-size: 1.5rem; color: {brand.primary}; }}
  p {{ line-height: 1.5; }}
  button {{ min-height: 48px; padding: 0 1.5rem; border: 0; border-radius: 6px;
    font: inherit; font-weight: 600; color: #ffffff; background: {brand.primary};
    cursor: pointer; }}
  button:focus-visible {{ outline: 3px solid #f59e0b; outline-offset: 2px; }}
  @media (prefers-color-scheme: dark) {{
    body {{ background: #121212; color: #e5e7eb; }}
    main {{ background: #1d1d1d; }}
    h1 {{ color: {on_dark}; }}
    button {{ background: {dark_bg}; }}
  }}
</style>
</head>
<body>
<main>
  <h1>{name}</h1>
  <p>{offline}</p>
  <button type="button" onclick="location.reload()">{again}</button>
</main>
</body>
</html>
"""


def service_worker(offline: str) -> str:
    """Named after the offline page it caches, so a new brand's page replaces the old one."""
    version = hashlib.sha256(offline.encode()).hexdigest()[:12]
    return f"""// Goalpost's service worker: the offline page for failed navigations, nothing else.
const CACHE = "offline-{version}";
const OFFLINE = "{OFFLINE}";

self.addEventListener("install", (event) => {{
  // Where the browser supports it, everything but a navigation skips this worker altogether
  // (no start-up, no fetch event), so pages load as fast as without it.
  event.addRoutes?.({{ condition: {{ not: {{ requestMode: "navigate" }} }}, source: "network" }})
    .catch(() => {{}});  // refused: the fetch handler below lets those requests pass anyway
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.add(new Request(OFFLINE, {{ cache: "reload" }})))
      .then(() => self.skipWaiting()),
  );
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.registration.navigationPreload?.enable())
      .then(() => self.clients.claim()),
  );
}});

self.addEventListener("fetch", (event) => {{
  if (event.request.mode !== "navigate") return;  // the browser fetches everything else itself
  event.respondWith((async () => {{
    try {{
      return (await event.preloadResponse) || (await fetch(event.request));
    }} catch (error) {{
      return (await caches.match(OFFLINE)) || Response.error();
    }}
  }})());
}});
"""
