"""One frame for every signed-in page: header, points balance, navigation, dark mode."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from nicegui import ui

from app.ui.references import reference

NAV = (
    ("Today", "/", "today"),
    ("New", "/new", "add_circle"),
    ("Points", "/points", "stars"),
    ("Rewards", "/rewards", "redeem"),
    ("Settings", "/settings", "settings"),
)


def apply_theme() -> None:
    """Colours and styles, and what the page says when a click meets an unexpected error."""
    ui.on_exception(
        lambda error: ui.notify(
            f"Something went wrong on our side. Reference {reference(error)}.", type="negative"
        )
    )
    ui.colors(
        primary="#0f766e",
        secondary="#0369a1",
        accent="#b45309",
        positive="#15803d",
        negative="#b91c1c",
    )
    # tailwind.css is compiled ahead of time (README, "Styles"): ui.run(tailwind=False).
    ui.add_head_html(
        '<meta name="theme-color" content="#0f766e">'
        '<link rel="stylesheet" href="/static/tailwind.css">'
        '<link rel="stylesheet" href="/static/goalpost.css">'
    )


@contextmanager
def frame(title: str, *, balance: int, dark_mode: bool = False) -> Iterator[ui.label]:
    """Header with the balance (returned, to update in place), nav, and the page body."""
    apply_theme()
    ui.dark_mode(dark_mode)
    ui.page_title(f"{title} · Goalpost")
    with ui.header().classes("items-center justify-between px-3 py-2 bg-primary text-white"):
        with ui.link(target="/").classes("text-white no-underline flex items-center gap-1"):
            ui.icon("flag").classes("text-2xl")
            ui.label("Goalpost").classes("text-lg font-bold")
        with ui.row().classes("items-center gap-1 no-wrap"):
            ui.icon("stars").classes("text-xl")
            points = ui.label(balance_text(balance)).classes("font-bold").mark("balance")
            points.props('aria-live="polite" aria-label="Points balance"')
    with ui.footer().classes("bg-white dark:bg-gray-900 border-t p-0"):
        with ui.row().classes("w-full justify-around no-wrap"):
            for label, target, icon in NAV:
                with (
                    ui.link(target=target)
                    .classes("flex flex-col items-center py-1 px-3 no-underline text-primary")
                    .props(f'aria-label="{label}"')
                    .mark(f"nav-{label.lower()}")
                ):
                    ui.icon(icon).classes("text-2xl")
                    ui.label(label).classes("text-xs")
    with ui.column().classes("w-full max-w-3xl mx-auto p-3 gap-3 pb-24"):
        ui.label(title).classes("text-2xl font-bold").props("role=heading aria-level=1")
        yield points


def balance_text(points: int) -> str:
    return f"{points:,} pts"


def empty_state(icon: str, title: str, text: str, *, action: str, target: str, marker: str) -> None:
    """A friendly card for a page with nothing to show yet, and what to do about it."""
    with ui.card().classes("w-full items-center text-center p-6 gap-2").mark(marker):
        ui.icon(icon).classes("text-5xl text-primary")
        ui.label(title).classes("text-lg font-medium")
        ui.label(text)
        ui.link(action, target).classes(
            "tap-target flex items-center px-4 rounded bg-primary text-white no-underline"
        ).mark("start-challenge")


def field_errors(fields: Mapping[str, ui.element], errors: list[tuple[str, str]]) -> list[str]:
    """Show each message beside its field; messages for fields not on the form are returned."""
    unplaced = []
    for field, message in errors:
        element = fields.get(field)
        if element is None:
            unplaced.append(message)
            continue
        # Set directly, not through a props string, so quotes in a message survive.
        element.props["error"] = True
        element.props["error-message"] = message
        element.update()
    return unplaced


def clear_errors(fields: Mapping[str, ui.element]) -> None:
    for element in fields.values():
        element.props.pop("error", None)
        element.props.pop("error-message", None)
        element.update()
