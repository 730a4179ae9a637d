"""One frame for every signed-in page: header, points balance, navigation, dark mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from nicegui import ui

from app.domain.brand import Brand, dark_variants
from app.i18n import N_, _, current
from app.ui import install, stylesheets
from app.ui.references import reference

NAV = (
    (N_("Today"), "/", "today"),
    (N_("New"), "/new", "add_circle"),
    (N_("Points"), "/points", "stars"),
    (N_("Rewards"), "/rewards", "redeem"),
    (N_("Settings"), "/settings", "settings"),
)
# Read more than scanned: on a wide screen their column keeps a measure for reading, while
# card lists and charts take the width.
TEXT_PAGES = ("/points", "/settings")


def apply_theme(brand: Brand) -> None:
    """The brand's colours and styles, and what the page says when a click meets an unexpected
    error."""
    ui.on_exception(
        lambda error: ui.notify(
            _("Something went wrong on our side. Reference {ref}.").format(ref=reference(error)),
            type="negative",
        )
    )
    ui.colors(
        primary=brand.primary,
        secondary="#0369a1",
        accent=brand.accent,
        positive="#15803d",
        negative="#b91c1c",
    )
    # tailwind.css is compiled ahead of time (README, "Styles"): ui.run(tailwind=False).
    ui.add_head_html(
        f'<meta name="theme-color" content="{brand.primary}">'
        + stylesheets.links()
        + install.HEAD_HTML
    )
    if brand.primary != Brand.primary:  # Goalpost's own dark shades are goalpost.css's defaults
        on_dark, dark_bg = dark_variants(brand.primary)
        ui.add_head_html(
            f"<style>:root {{ --goalpost-primary-on-dark: {on_dark}; "
            f"--goalpost-primary-dark-bg: {dark_bg}; }}</style>"
        )


_page_top: Callable[[], None] | None = None


def set_page_top(draw: Callable[[], None] | None) -> None:
    """What the composition root draws at the top of every people's page (in a demo, the
    presenter's bar, which decides for itself whether this browser presents); None: nothing."""
    global _page_top
    _page_top = draw


def draw_page_top() -> None:
    if _page_top is not None:
        _page_top()


@contextmanager
def frame(title: str, *, brand: Brand, balance: int, dark_mode: bool = False) -> Iterator[ui.label]:
    """Header with the balance (returned, to update in place), nav, and the page body.

    One DOM for every width: goalpost.css makes the nav a tab bar along the bottom of a phone
    or tablet and a rail down the left from 1024 px."""
    apply_theme(brand)
    ui.dark_mode(dark_mode)
    ui.page_title(brand.title(title))
    with ui.header().classes("items-center justify-between px-3 py-2 bg-primary text-white"):
        with (
            ui.link(target="/")
            .classes("text-white no-underline flex items-center gap-1 min-w-0")
            .mark("brand-home")
        ):
            brand_logo(brand)
            ui.label(brand.name).classes("text-lg font-bold truncate").mark("brand-name")
        with ui.row().classes("items-center gap-1 no-wrap shrink-0"):
            ui.icon("stars").classes("text-xl")
            # The header keeps the short "pts" whatever the points are called; a screen reader
            # hears the brand's name for them.
            points = ui.label(balance_text(balance)).classes("font-bold").mark("balance")
            points.props["role"] = "status"  # a live region: its label is read out
            points.props["aria-live"] = "polite"
            heading = brand.points_heading(current())  # "Points", "Poäng", "Vitality points"
            points.props["aria-label"] = _("{points} balance").format(points=heading)
    path = ui.context.client.request.url.path
    with ui.element("div").classes("goalpost-shell"):
        navigation(path)
        main = ui.element("main").classes("goalpost-main nicegui-column w-full mx-auto p-3 gap-3")
        if path in TEXT_PAGES:
            main.classes("goalpost-text")
        ui.skip_link(_("Skip to content"), target=main)
        with main:
            draw_page_top()
            ui.label(title).classes("text-2xl font-bold").props("role=heading aria-level=1")
            yield points


def navigation(path: str) -> None:
    """The app's sections, the one `path` belongs to marked as the current page."""
    with ui.element("nav").classes("goalpost-nav") as nav:
        nav.props["aria-label"] = _("Main")
        for label, target, icon in NAV:
            link = (
                ui.link(target=target)
                .classes("goalpost-nav-link no-underline")
                .props(f'aria-label="{_(label)}"')
                .mark(f"nav-{label.lower()}")
            )
            if target == path:
                link.props["aria-current"] = "page"
            with link:
                ui.icon(icon).classes("text-2xl")
                ui.label(_(label)).classes("text-xs")


def balance_text(points: int) -> str:
    return _("{points} pts").format(points=current().number(points))


def brand_logo(brand: Brand, *, large: bool = False) -> None:
    """The brand's logo beside its name (so the picture needs no text of its own); Goalpost's
    flag when the brand has none."""
    if not brand.logo_is_image:
        ui.icon(brand.logo).classes("text-5xl text-primary" if large else "text-2xl")
        return
    logo = ui.element("img").classes("h-12 w-auto shrink-0" if large else "h-8 w-auto shrink-0")
    logo.mark("brand-logo")
    logo.props["src"] = brand.logo
    logo.props["alt"] = ""


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
