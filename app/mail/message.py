"""What a mail says: plain text and HTML from the same paragraphs, in the brand's name."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlencode

from app.domain.languages import DEFAULT
from app.translations import Translator, translator


@dataclass(frozen=True)
class Mail:
    """One message as it is sent: both bodies say the same."""

    to: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Letterhead:
    """Who a mail comes from and where its links point: the brand's name and PUBLIC_URL."""

    brand_name: str
    public_url: str  # no trailing slash, e.g. https://goalpost.example.com

    def link(self, path: str, **params: str) -> str:
        """An absolute link into the app: `link("/reset", token=t)`."""
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.public_url}/{path.lstrip('/')}{query}"


@dataclass(frozen=True)
class Button:
    """A link a mail asks the reader to open; its text in HTML, its address in both."""

    label: str
    url: str


def compose(
    letterhead: Letterhead,
    *,
    to: str,
    subject: str,
    paragraphs: list[str | Button],
    words: Translator | None = None,
) -> Mail:
    """A mail whose plain text and HTML say the same, signed with the brand's name, in the
    language of `words` (the reader's; English by default)."""
    words = words or translator(DEFAULT)
    subject = f"{subject} · {letterhead.brand_name}"
    text_parts = [f"{p.label}:\n{p.url}" if isinstance(p, Button) else p for p in paragraphs]
    text = "\n\n".join([*text_parts, f"— {letterhead.brand_name}"]) + "\n"
    html_parts = [_html_paragraph(p, words) for p in paragraphs]
    body = "\n".join([*html_parts, f"<p>— {html.escape(letterhead.brand_name)}</p>"])
    page = (
        f'<!doctype html>\n<html lang="{words.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>\n"
        f'<body style="font-family: sans-serif; line-height: 1.5">\n{body}\n</body></html>\n'
    )
    return Mail(to=to, subject=subject, text=text, html=page)


def _html_paragraph(part: str | Button, words: Translator) -> str:
    if isinstance(part, Button):
        url = html.escape(part.url, quote=True)
        copy_this = words.gettext("Or copy this address:")
        return (
            f'<p><a href="{url}">{html.escape(part.label)}</a></p>\n'
            f'<p style="font-size: 0.85em">{html.escape(copy_this)} {html.escape(part.url)}</p>'
        )
    return f"<p>{html.escape(part)}</p>"
