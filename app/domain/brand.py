"""The brand people see: its name, logo, colours and what its points are called.

Colours are checked against WCAG 2's contrast rule for the text drawn on them, so no brand
can ship a header or a button its customers cannot read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.counts import ENGLISH
from app.translations import Translator

WHITE = "#ffffff"
DARK_CARD = "#1d1d1d"  # Quasar's dark card, the darkest a dark-mode text sits on
AA_NORMAL_TEXT = 4.5  # WCAG 2.x, success criterion 1.4.3
DEFAULT_LOGO = "flag"  # Goalpost's own: the Material "flag" icon
POINTS = "points"  # Goalpost's own name for points: the catalog's word in each language
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Brand:
    name: str = "Goalpost"
    logo: str = DEFAULT_LOGO  # a path under /static/, an https URL, or Goalpost's flag
    primary: str = "#0f766e"
    accent: str = "#b45309"
    points_name: str = POINTS
    support_url: str | None = None

    @property
    def logo_is_image(self) -> bool:
        return self.logo != DEFAULT_LOGO

    @property
    def points_title(self) -> str:
        """The points name to start a sentence or a heading with: "Points", "Vitality points"."""
        return self.points_heading()

    def points_word(self, words: Translator = ENGLISH) -> str:
        """The points name mid-sentence in the reader's language: "points", "poäng"; a name
        the brand gave ("Vitality points") is its own, in every language."""
        return words.gettext("points") if self.points_name == POINTS else self.points_name

    def points_heading(self, words: Translator = ENGLISH) -> str:
        """`points_word` to start a heading with: "Points", "Poäng", "Vitality points"."""
        word = self.points_word(words)
        return word[:1].upper() + word[1:]

    def points(self, amount: int, words: Translator = ENGLISH) -> str:
        """An amount as a person reads it: "1 point", "1,000 points", "1 000 poäng",
        "80 Vitality points"."""
        if self.points_name == POINTS:
            return words.ngettext("{count} point", "{count} points", amount)
        return f"{words.number(amount)} {self.points_name}"

    def title(self, page: str) -> str:
        """A browser tab's title: "Today · Nordic Fitness"."""
        return f"{page} · {self.name}"


def brand_problems(brand: Brand) -> list[str]:
    """Why this brand cannot be shown as it is; empty when it can."""
    problems = []
    if not brand.name.strip():
        problems.append("BRAND_NAME must not be empty")
    if not brand.points_name.strip():
        problems.append("BRAND_POINTS_NAME must not be empty")
    for setting, colour in (("BRAND_PRIMARY", brand.primary), ("BRAND_ACCENT", brand.accent)):
        problem = colour_problem(setting, colour)
        if problem:
            problems.append(problem)
    logo = brand.logo
    if brand.logo_is_image and not (logo.startswith("https://") or logo.startswith("/static/")):
        problems.append(
            f"BRAND_LOGO {logo!r} must be a path under /static/ (e.g. /static/brand/logo.svg) "
            "or an https:// URL"
        )
    support = brand.support_url
    if support and not (support.startswith("https://") or support.startswith("mailto:")):
        problems.append(f"BRAND_SUPPORT_URL {support!r} must start with https:// or mailto:")
    return problems


def colour_problem(setting: str, colour: str, *, text: str = WHITE) -> str | None:
    """Why `colour` cannot carry `text` (white: the header's and the buttons'); None if it can."""
    if not _HEX.match(colour):
        return f"{setting} {colour!r} is not a colour: write it as #rrggbb, e.g. #0f766e"
    ratio = contrast_ratio(colour, text)
    if ratio >= AA_NORMAL_TEXT:
        return None
    return (
        f"{setting} {colour} has a contrast ratio of {_shown(ratio)}:1 against the white text "
        f"drawn on it; WCAG AA needs {AA_NORMAL_TEXT}:1. Choose a darker colour."
    )


def dark_variants(primary: str) -> tuple[str, str]:
    """The primary for dark mode: as text, lightened until it reads on a dark card (4.5:1);
    as the header, darkened a quarter (white on it only gains contrast)."""
    text = primary
    for step in range(1, 21):
        if contrast_ratio(text, DARK_CARD) >= AA_NORMAL_TEXT:
            break
        text = mix(primary, WHITE, step / 20)
    return text, mix(primary, "#000000", 0.25)


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way to `other`, as #rrggbb."""
    channels = (round(a + (b - a) * amount) for a, b in zip(rgb(colour), rgb(other), strict=True))
    return "#" + "".join(f"{c:02x}" for c in channels)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour written #rgb or #rrggbb: 0 to 1."""
    red, green, blue = (_linear(channel / 255) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def rgb(colour: str) -> tuple[int, int, int]:
    """#0f766e -> (15, 118, 110); #abc is #aabbcc."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: float) -> float:
    if channel <= 0.04045:  # WCAG 2.x prints 0.03928; both give the same 8-bit results
        return channel / 12.92
    return float(((channel + 0.055) / 1.055) ** 2.4)


def _shown(ratio: float) -> str:
    """Rounded down, so a ratio just under 4.5 never reads as 4.5."""
    return f"{int(ratio * 100) / 100:g}"
