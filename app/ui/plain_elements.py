"""A button and a progress bar that look like Quasar's and are each one plain HTML element.

Quasar's `q-btn` draws four DOM elements through a Vue component, its linear progress three;
on Today, with two buttons and a bar on each of twenty cards, that is most of the page.
These carry Quasar's own classes on a single `<button>` or `<div>` (the rest of the look is in
static/goalpost.css), so the browser builds a fraction of the DOM and no component, and a
tap's new total paints sooner. Behaviour is the platform's: a `<button type=button>` is
focusable and answers Enter and Space; the bar is an ARIA progressbar with its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from nicegui.element import Element
from nicegui.elements.mixins.text_element import TextElement

Look = Literal["standard", "outline", "flat"]

_BUTTON = (
    "plain-button q-btn q-btn-item non-selectable no-outline q-btn--rectangle "
    "q-btn--actionable q-focusable q-hoverable"
)
_LOOKS: dict[Look, str] = {
    "standard": "q-btn--standard bg-primary text-white",
    "outline": "q-btn--outline text-primary",
    "flat": "q-btn--flat q-btn--dense",
}


class PlainButton(TextElement):
    """A button of `text`, as ui.button draws it in `look`; `icon` (a Material icon's name)
    before the text is decoration, kept out of its accessible name."""

    def __init__(
        self,
        text: str,
        *,
        on_click: Callable[..., Any],
        look: Look = "standard",
        icon: str | None = None,
    ) -> None:
        super().__init__(tag="button", text=text)
        self._props["type"] = "button"
        self._classes.extend(f"{_BUTTON} {_LOOKS[look]}".split())
        if icon:
            self._props["data-icon"] = icon
        self.on("click", lambda: on_click())


class ProgressBar(Element):
    """A determinate bar, filled to `value` (0 to 1) in the text colour."""

    def __init__(self) -> None:
        super().__init__("div")
        self.classes("plain-progress text-primary")
        self._props.update({"role": "progressbar", "aria-valuemin": "0", "aria-valuemax": "100"})
        self.set(label="", value=0.0)

    def set(self, *, label: str, value: float, achieved: bool = False) -> None:
        """Filled to `value` (0 to 1) and named `label`; in the positive colour once
        `achieved`, else the primary."""
        percent = round(max(0.0, min(value, 1.0)) * 100)
        self._props["aria-label"] = label
        self._props["aria-valuenow"] = str(percent)
        self._style["--done"] = f"{percent}%"
        if achieved:
            self.classes(remove="text-primary", add="text-positive")
        else:
            self.classes(remove="text-positive", add="text-primary")

    @property
    def percent(self) -> int:
        return int(self._props["aria-valuenow"])
