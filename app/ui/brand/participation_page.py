"""Participation: how people take part in each definition, a funnel, and this month's payout."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.i18n import N_, _, current, ngettext
from app.services.participation import (
    DefinitionParticipation,
    MonthlyPayout,
    read_participation,
)
from app.ui.brand.frame import console_frame, load_console
from app.ui.context import UIContext

COLUMNS = [
    {"name": "name", "label": N_("Definition"), "field": "name", "align": "left"},
    {"name": "assigned", "label": N_("Assigned"), "field": "assigned"},
    {"name": "active", "label": N_("Active"), "field": "active"},
    {"name": "completed", "label": N_("Completed"), "field": "completed"},
    {"name": "failed", "label": N_("Failed"), "field": "failed"},
    {"name": "points_paid", "label": N_("Points paid"), "field": "points_paid"},
]
ALL = 0  # the funnel's "every definition together"


def register(ctx: UIContext) -> None:
    @ui.page("/brand/participation")
    async def participation_page() -> None:
        loaded = await load_console(
            ctx, lambda: read_participation(ctx.engine, now=ctx.clock.now())
        )
        if loaded is None:
            return
        profile, participation = loaded
        with console_frame(
            _("Participation"),
            section="Participation",
            brand=ctx.brand,
            dark_mode=profile.dark_mode,
        ):
            draw_month(participation.month)
            draw_table(participation.definitions)
            draw_funnel(participation.definitions)


def draw_month(month: MonthlyPayout) -> None:
    words = current()
    with ui.card().classes("w-full gap-1").mark("month"):
        ui.label(
            _("Points paid in {month}").format(month=words.day(month.month_start, "LLLL yyyy"))
        ).classes("font-medium")
        ui.label(
            ngettext(
                "{points} points to {count} person",
                "{points} points to {count} people",
                month.people_paid,
                points=words.number(month.points_paid),
            )
        ).classes("text-2xl font-bold").mark("month-paid")
        cap = month.budget.monthly_cap
        ui.label(
            _(
                "Budget: at most {cap} points per person a month, so at most {total} for the "
                "people paid so far."
            ).format(cap=words.number(cap), total=words.number(cap * month.people_paid))
        ).classes("text-sm").mark("month-cap")
        ui.label(
            _("Every challenge's awards minus what undos took back, this calendar month in UTC.")
        ).classes("text-xs text-gray-600")


def draw_table(rows: list[DefinitionParticipation]) -> None:
    """A plain table in a scroll region a keyboard can reach (axe: scrollable-region-focusable)."""
    if not rows:
        ui.label(_("No definitions yet.")).classes("text-gray-600").mark("no-participation")
        return
    words, region = current(), _("Participation by definition")
    with (
        ui.element("div")
        .classes("w-full overflow-x-auto border rounded")
        .props(f'tabindex=0 role=region aria-label="{region}"')
    ):
        with ui.element("table").classes("w-full text-sm").mark("participation"):
            with ui.element("thead"), ui.element("tr").classes("border-b"):
                for column in COLUMNS:
                    with ui.element("th").classes(_align(column) + " px-3 py-2 font-medium"):
                        ui.label(_(column["label"]))
            with ui.element("tbody"):
                for row in rows:
                    with ui.element("tr").classes("border-b").mark("participation-row"):
                        for column in COLUMNS:
                            value = getattr(row, column["field"])
                            with ui.element("td").classes(_align(column) + " px-3 py-2"):
                                ui.label(value if isinstance(value, str) else words.number(value))


def _align(column: dict[str, str]) -> str:
    return "text-left" if column.get("align") == "left" else "text-right"


def draw_funnel(rows: list[DefinitionParticipation]) -> None:
    if not rows:
        return
    ui.label(_("Funnel")).classes("text-lg font-medium").props("role=heading aria-level=2")
    names = {ALL: _("Every definition"), **{r.definition_id: r.name for r in rows}}
    picker = (
        ui.select(names, value=ALL, label=_("Definition"))
        .props("outlined")
        .classes("w-full md:w-96")
        .mark("funnel-definition")
    )
    chart = ui.echart(funnel_options(rows)).classes("w-full h-80").mark("funnel")

    def show() -> None:
        chosen = [r for r in rows if picker.value in (ALL, r.definition_id)]
        chart.options.clear()
        chart.options.update(funnel_options(chosen))
        chart.update()

    picker.on_value_change(show)


def funnel_steps(rows: list[DefinitionParticipation]) -> list[tuple[str, int]]:
    """Each step's name (in the tab's language) and how many reached it."""
    return [
        (_("Assigned"), sum(r.assigned for r in rows)),
        (_("First log"), sum(r.logged for r in rows)),
        (_("First period achieved"), sum(r.achieved for r in rows)),
        (_("Completed"), sum(r.completed for r in rows)),
    ]


def funnel_options(rows: list[DefinitionParticipation]) -> dict[str, Any]:
    steps = funnel_steps(rows)
    return {
        "animation": False,
        "tooltip": {"trigger": "item"},
        "color": ["#0f766e", "#0d9488", "#0369a1", "#15803d"],  # the app's primary family
        "series": [
            {
                "type": "funnel",
                "sort": "none",
                "left": "5%",
                "width": "60%",
                "minSize": "8%",
                "label": {"show": True, "position": "right", "formatter": "{b}: {c}"},
                "data": [{"name": name, "value": value} for name, value in steps],
            }
        ],
    }
