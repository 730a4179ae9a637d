"""Labelled, full-width fields and the rule choices in words, for the forms that ask for them
(the brand console's definition form, the goal sentence's "More options")."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from app.domain.challenge import Frequency, Tracking
from app.i18n import N_, _
from app.ui.browser_values import as_number, as_text, as_whole

# Marked for the catalog; choice_field shows them in the tab's language.
FREQUENCIES = {
    Frequency.DAILY: N_("Every day"),
    Frequency.WEEKLY: N_("Every week"),
    Frequency.MONTHLY: N_("Every month"),
    Frequency.EVERY_N_DAYS: N_("Every N days"),
}
RULES = {
    Tracking.DEFAULT: N_("Every period"),
    Tracking.STREAK: N_("N periods in a row"),
    Tracking.NON_CONTINUOUS_STREAK: N_("N of the periods, gaps allowed"),
}
# hide-bottom-space puts hints and errors in the flow, so a long message pushes the next field down
FIELD = "outlined hide-bottom-space"


def text_field(label: str, marker: str, hint: str = "") -> ui.input:
    field = ui.input(label).props(FIELD).classes("w-full").mark(marker)
    return field.props(f'hint="{hint}"') if hint else field


def number_field(label: str, marker: str, minimum: float) -> ui.number:
    return ui.number(label, min=minimum).props(FIELD).classes("w-full").mark(marker)


def choice_field(label: str, marker: str, options: dict) -> ui.select:
    """A select whose choices (messages marked with `N_`) are shown in the tab's language."""
    shown = {key: _(words) for key, words in options.items()}
    return ui.select(shown, label=label).props(FIELD).classes("w-full").mark(marker)


def whole(field: ui.number) -> int:
    """The field as a whole number: 0 when empty, -1 (refused by validation) when not one."""
    return 0 if field.value in (None, "") else as_whole(field.value)


def amount(field: ui.number) -> float:
    """The field as a number: 0 when empty, NaN (refused by validation) when not one."""
    return 0.0 if field.value in (None, "") else as_number(field.value)


def day_from(text: object) -> date | None:
    try:
        return date.fromisoformat(as_text(text, most=10))
    except ValueError:
        return None
