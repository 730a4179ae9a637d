"""The challenge page's pictures of its periods: a timeline of chips, a calendar heatmap, a chart.

Builders take plain rows (PeriodRow) and only draw; the same window of periods
feeds all three, so they always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from nicegui import ui

from app.domain.counts import amount
from app.domain.periods import local_day
from app.i18n import N_, _, current, ngettext
from app.services.history import PeriodRow

MAX_PERIODS_DRAWN = 60  # keeps the page at a few hundred elements
UPCOMING_DRAWN = 6  # how far ahead the window looks once there is history
MAX_DAYS_DRAWN = 366

STATE_WORDS = {
    "achieved": N_("achieved"),
    "missed": N_("missed"),
    "frozen": N_("frozen"),
    "running": N_("in progress"),
    "upcoming": N_("upcoming"),
    "skipped": N_("skipped"),
}
STATE_ORDER = tuple(STATE_WORDS)
# Material icons, not symbol characters: a system without a symbol font draws those as boxes.
_ICON = {
    "achieved": "check",
    "missed": "close",
    "frozen": "ac_unit",
    "running": "more_horiz",
    "upcoming": "",
    "skipped": "remove",
}
# (light, dark): chosen to keep contrast against white and against Quasar's dark page.
_COLOURS = {
    "achieved": ("#15803d", "#22c55e"),
    "missed": ("#b91c1c", "#f87171"),
    "frozen": ("#0369a1", "#7dd3fc"),  # ice blue: neither a hit nor a miss
    "running": ("#0f766e", "#2dd4bf"),
    "upcoming": ("#9ca3af", "#4b5563"),
    "skipped": ("#d1d5db", "#374151"),
}
_TEXT = ("#374151", "#d1d5db")
_GRID = ("#e5e7eb", "#374151")
_EMPTY_CELL = ("#f3f4f6", "#1f2937")
_CELL_BORDER = ("#ffffff", "#121212")
_TARGET = ("#b45309", "#fbbf24")
_CHIP_TEXT = ("#ffffff", "#111827")
_SUNDAY = date(2000, 1, 2)  # ECharts names the week's days from Sunday, whatever day is first


class Timeline:
    """One chip per period, oldest first; after a log or an undo only changed chips are sent."""

    def __init__(self, *, timezone: str, units: Callable[[float], str], dark: bool) -> None:
        """`units` words an amount in what the challenge counts ('8 glasses')."""
        self.timezone, self.units, self.dark = timezone, units, dark
        self.row = ui.row().classes("w-full gap-1.5 items-center").props("role=group")
        self.row.props["aria-label"] = _("Periods, oldest first")
        self.row.mark("timeline")
        self.note = ui.label().classes("text-xs text-gray-500")
        self.drawn: dict[int, tuple[ui.element, PeriodRow]] = {}

    def sync(self, periods: Sequence[PeriodRow]) -> None:
        shown = visible_periods(periods)
        if [p.index for p in shown] != list(self.drawn):
            self.row.clear()
            with self.row:
                self.drawn = {p.index: (draw_chip(p, self._label(p), self.dark), p) for p in shown}
        for period in shown:
            chip, before = self.drawn[period.index]
            if before != period:
                restyle_chip(chip, period, self._label(period), self.dark)
                self.drawn[period.index] = (chip, period)
        hidden = len(periods) - len(shown)
        self.note.text = ngettext(
            "Showing {shown} of {count} period.",
            "Showing {shown} of {count} periods.",
            len(periods),
            shown=current().number(len(shown)),
        )
        self.note.visible = bool(hidden)

    def _label(self, period: PeriodRow) -> str:
        return period_label(period, self.timezone, self.units)


def visible_periods(
    periods: Sequence[PeriodRow], limit: int = MAX_PERIODS_DRAWN
) -> list[PeriodRow]:
    """The latest periods that have started plus a few ahead, at most `limit` in all."""
    started = [p for p in periods if p.state != "upcoming"]
    upcoming = [p for p in periods if p.state == "upcoming"]
    ahead = min(len(upcoming), max(UPCOMING_DRAWN, limit - len(started)), limit)
    kept = started[-(limit - ahead) :] if limit > ahead else []
    return kept + upcoming[:ahead]


def period_label(period: PeriodRow, timezone: str, units: Callable[[float], str]) -> str:
    """'Mon 13 Jan: achieved, 8 of 8 glasses' — what a chip says to a screen reader."""
    words = current()
    day = words.day(local_day(period.starts_at, timezone), "EEE dd MMM")
    state = state_words(period.state)
    if period.running and period.state == "achieved":
        state = _("achieved (still running)")
    if period.state == "upcoming":
        return _("{day}: {state}").format(day=day, state=state)
    return _("{day}: {state}, {done} of {target}").format(
        day=day, state=state, done=amount(period.total, words), target=units(period.target)
    )


def state_words(state: str) -> str:
    """'achieved', 'in progress': a period's state as a person reads it."""
    return _(STATE_WORDS[state]) if state in STATE_WORDS else state


def colour(state: str, dark: bool) -> str:
    return _COLOURS.get(state, _COLOURS["upcoming"])[dark]


def draw_legend(dark: bool, *, frozen: bool = False) -> None:
    """`frozen`: the challenge can have frozen periods (a streak), so the legend names them."""
    with ui.row().classes("gap-3 text-xs items-center").props('aria-hidden="true"'):
        for state in STATE_ORDER:
            if state == "frozen" and not frozen:
                continue
            with (
                ui.row()
                .classes("items-center gap-1 no-wrap")
                .style(f"border-left: 12px solid {colour(state, dark)}; padding-left: 4px")
            ):
                if _ICON[state]:
                    ui.icon(_ICON[state]).classes("text-sm")
                ui.label(state_words(state))


def draw_chip(period: PeriodRow, label: str, dark: bool) -> ui.element:
    """A dot named for a screen reader; the icon inside it is only what the eye sees (Quasar
    hides an icon from assistive technology)."""
    chip = ui.element("div").classes(
        "w-5 h-5 rounded-full flex items-center justify-center select-none"
    )
    with chip:
        ui.icon("").classes("text-sm")
    return restyle_chip(chip, period, label, dark)


def restyle_chip(chip: ui.element, period: PeriodRow, label: str, dark: bool) -> ui.element:
    ring = f"outline: 2px solid {colour('running', dark)}; outline-offset: 2px;"
    icon = chip.default_slot.children[0]
    assert isinstance(icon, ui.icon)
    icon.name = _ICON.get(period.state, "")
    chip.style(
        replace=f"background: {colour(period.state, dark)}; color: {_CHIP_TEXT[dark]};"
        + (ring if period.running else "")
    )
    chip.props("role=img")
    chip.props["aria-label"] = chip.props["title"] = label
    chip.update()
    return chip


def heatmap_options(
    periods: Sequence[PeriodRow], *, timezone: str, today: date, dark: bool
) -> dict[str, Any]:
    """ECharts calendar + heatmap: each local day coloured by the state of its period."""
    cells, words = _day_states(periods, timezone, today), current()
    first, last = (cells[0][0], cells[-1][0]) if cells else (today, today)
    return {
        "animation": False,
        "aria": {"enabled": True},
        "backgroundColor": "transparent",
        "tooltip": {":formatter": "p => p.value[2]"},
        "visualMap": {
            "show": False,
            "type": "piecewise",
            "dimension": 1,
            "pieces": [{"value": i, "color": colour(s, dark)} for i, s in enumerate(STATE_ORDER)],
        },
        "calendar": {
            "range": [first.isoformat(), last.isoformat()],
            "orient": "horizontal",
            # the cells share out the card's width and height, whatever the range or screen
            "cellSize": ["auto", "auto"],
            "left": 34,
            "right": 8,
            "top": 22,
            "bottom": 8,
            "yearLabel": {"show": False},
            "dayLabel": {
                "firstDay": 1,
                "color": _TEXT[dark],
                "fontSize": 10,
                "nameMap": [words.day(_SUNDAY + timedelta(days=d), "EEEEE") for d in range(7)],
            },
            "monthLabel": {
                "color": _TEXT[dark],
                "fontSize": 11,
                "nameMap": [words.day(date(2000, m, 1), "LLL") for m in range(1, 13)],
            },
            "itemStyle": {"color": _EMPTY_CELL[dark], "borderColor": _CELL_BORDER[dark]},
            "splitLine": {"lineStyle": {"color": _GRID[dark]}},
        },
        "series": [
            {
                "type": "heatmap",
                "coordinateSystem": "calendar",
                "data": [
                    [
                        d.isoformat(),
                        STATE_ORDER.index(s),
                        _("{day}: {state}").format(
                            day=words.day(d, "EEE dd MMM"), state=state_words(s)
                        ),
                    ]
                    for d, s in cells
                ],
            }
        ],
    }


def chart_options(
    periods: Sequence[PeriodRow], *, timezone: str, unit: str, dark: bool
) -> dict[str, Any]:
    """Bars of each period's total, coloured by state, with the target as a dashed line."""
    target, words = (periods[-1].target if periods else 0), current()
    return {
        "animation": False,
        "aria": {"enabled": True},
        "backgroundColor": "transparent",
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 12, "top": 24, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [words.day(local_day(p.starts_at, timezone), "dd MMM") for p in periods],
            "axisLabel": {"color": _TEXT[dark]},
            "axisLine": {"lineStyle": {"color": _GRID[dark]}},
        },
        "yAxis": {
            "type": "value",
            ":max": f"v => Math.max(v.max, {target})",
            "axisLabel": {"color": _TEXT[dark]},
            "splitLine": {"lineStyle": {"color": _GRID[dark]}},
        },
        "series": [
            {
                "type": "bar",
                "name": unit,
                "data": [
                    {"value": p.total, "itemStyle": {"color": colour(p.state, dark)}}
                    for p in periods
                ],
                "markLine": {
                    "symbol": "none",
                    "silent": True,
                    "lineStyle": {"color": _TARGET[dark], "type": "dashed", "width": 2},
                    "label": {
                        "formatter": _("target {amount}").format(amount=amount(target, words)),
                        "position": "insideEndTop",
                        "color": _TARGET[dark],
                    },
                    "data": [{"yAxis": target}],
                },
            }
        ],
    }


def push(chart: ui.echart, options: dict[str, Any]) -> None:
    """Send only the series when axes and ranges are unchanged; otherwise redraw the chart."""
    same_frame = _without_series(chart.options) == _without_series(options)
    with chart.props.suspend_updates():  # keep the server's copy right for reconnects
        chart.options.clear()
        chart.options.update(options)
    if same_frame:
        chart.run_chart_method("setOption", {"series": options["series"]})
    else:
        chart.update()


def _without_series(options: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in options.items() if k != "series"}


def _day_states(periods: Sequence[PeriodRow], timezone: str, today: date) -> list[tuple[date, str]]:
    states: dict[date, str] = {}
    for period in periods:
        day = local_day(period.starts_at, timezone)
        # ends_at is the next period's local midnight; an open stamp card runs to today
        last = (
            local_day(period.ends_at, timezone) - timedelta(days=1)
            if period.ends_at is not None
            else max(today, day)
        )
        while day <= last:
            states[day] = period.state
            day += timedelta(days=1)
    return sorted(states.items())[-MAX_DAYS_DRAWN:]
