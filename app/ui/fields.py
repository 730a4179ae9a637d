"""Length limits that hold before anything is sent over the page's socket."""

from __future__ import annotations

from typing import TypeVar

from nicegui import ui

from app.i18n import _, current

Field = TypeVar("Field", bound=ui.input)


def limit_length(field: Field, most: int) -> Field:
    """Let the browser keep at most one character more than `most` (a 1 MB paste is cut there,
    in the browser), and say "at most N characters" as soon as it is over."""
    field.props(f"maxlength={most + 1}")
    refusal = _("Use at most {most} characters.").format(most=current().number(most))
    field.validation = {refusal: lambda value: len(value or "") <= most}
    return field
