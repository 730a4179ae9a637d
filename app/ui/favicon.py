"""The browser tab's icon: the brand's logo when it has one, else Goalpost's flag in its colour."""

from __future__ import annotations

from pathlib import Path

from app.domain.brand import Brand

# Material Symbols' "flag" (Apache 2.0), the icon the header shows for Goalpost's own logo.
FLAG_PATH = "M14.4 6 14 4H5v17h2v-7h5.6l.4 2h7V6z"


def favicon_for(brand: Brand, static_dir: Path) -> str | Path:
    """What `ui.run(favicon=...)` takes: a file under static/, an https URL, or an SVG."""
    if brand.logo.startswith("https://"):
        return brand.logo
    logo_file = static_dir / brand.logo.removeprefix("/static/")
    if brand.logo_is_image and logo_file.is_file():
        return logo_file
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<rect width="24" height="24" rx="5" fill="{brand.primary}"/>'
        f'<path d="{FLAG_PATH}" fill="#ffffff"/></svg>'
    )
