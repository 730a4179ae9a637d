"""Reading the brand's look from a `brand.toml`; environment variables override what it says.

The file holds the BRAND_* settings without their prefix (`name`, `logo`, `primary`,
`accent`, `points_name`, `support_url`); see brand.example.toml and the README, "Your brand".
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_settings import PydanticBaseSettingsSource

from app.domain.brand import Brand

DEFAULT_FILE = "brand.toml"  # read from the working directory when it exists
KEYS = ("name", "logo", "primary", "accent", "points_name", "support_url")


class BrandFileSource(PydanticBaseSettingsSource):
    """Settings from BRAND_FILE, ranked below the environment and .env."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # __call__ reads the whole file at once

    def __call__(self) -> dict[str, Any]:
        named = self.current_state.get("brand_file")  # from the sources ranked above this one
        return read_brand_file(Path(named) if named else None)


def read_brand_file(path: Path | None) -> dict[str, Any]:
    """The file's settings as `brand_<key>` fields; no file named and none in the working
    directory: nothing."""
    if path is None:
        path = Path(DEFAULT_FILE)
        if not path.is_file():
            return {}
    try:
        with path.open("rb") as file:
            found = tomllib.load(file)
    except FileNotFoundError:
        raise ValueError(f"BRAND_FILE {path} does not exist") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"BRAND_FILE {path} is not valid TOML: {error}") from None
    unknown = sorted(set(found) - set(KEYS))
    if unknown:
        raise ValueError(
            f"BRAND_FILE {path} has unknown keys {', '.join(unknown)}; "
            f"it may hold {', '.join(KEYS)}"
        )
    return {f"brand_{key}": value for key, value in found.items()}


def brand_from(
    *,
    name: str,
    logo: str | None,
    primary: str,
    accent: str,
    points_name: str,
    support_url: str | None,
) -> Brand:
    """The Brand the settings describe; a logo under static/ may be written without /static/."""
    if logo and not logo.startswith(("https://", "/static/", "http://")):
        logo = "/static/" + logo.removeprefix("static/").lstrip("/")
    return Brand(
        name=name.strip(),
        logo=logo or Brand.logo,
        primary=primary.strip().lower(),
        accent=accent.strip().lower(),
        points_name=points_name.strip(),
        support_url=support_url or None,
    )
