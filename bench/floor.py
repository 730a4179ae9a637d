"""The floor: the least a NiceGUI page can do that shows what a Goalpost page shows.

`/`: twenty cards, each a name, an "N of 8" label and a "+1" button that adds one in memory.
`/challenge?days=N`: one such card, a calendar heatmap of N days, a bar chart of N bars and
20 history rows with an undo button each. `/points?rows=N`: N ledger rows (when, why, how
much, the balance). `/rewards?cards=N&mine=M`: N reward cards (a name, what it costs, a
description, "Redeem") and M redeemed rewards (a name, the code, the day). `/console?rewards=N`:
the brand console's rewards, N cards of a title linking to the reward, its status, and four
figures under their names (cost, redeemed, left, points spent). No database, no sign-in,
`tailwind=False`. bench/against_floor.py runs it beside Goalpost: what Goalpost costs beyond
this is what our own code costs.

    .venv/bin/python bench/floor.py --port 8090
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from nicegui import ui

NAMES = [f"Challenge {n}" for n in range(1, 21)]
TARGET = 8
totals = dict.fromkeys(NAMES, 0)


def card(name: str) -> None:
    with ui.card():
        ui.label(name)
        label = ui.label(f"{totals[name]} of {TARGET}")

        def tap() -> None:
            totals[name] += 1
            label.text = f"{totals[name]} of {TARGET}"

        ui.button("+1", on_click=tap)


@ui.page("/")
def today() -> None:
    for name in NAMES:
        card(name)


@ui.page("/challenge")
def challenge(days: int = 30) -> None:
    card(NAMES[0])
    first = date.today() - timedelta(days=days - 1)
    shown = [(first + timedelta(days=n)).isoformat() for n in range(days)]
    ui.echart(
        {
            "calendar": {"range": [shown[0], shown[-1]], "cellSize": ["auto", "auto"]},
            "visualMap": {"show": False, "min": 0, "max": 3},
            "series": [
                {
                    "type": "heatmap",
                    "coordinateSystem": "calendar",
                    "data": [[d, n % 4] for n, d in enumerate(shown)],
                }
            ],
        }
    ).classes("w-full h-44")
    ui.echart(
        {
            "xAxis": {"type": "category", "data": shown},
            "yAxis": {"type": "value"},
            "series": [{"type": "bar", "data": [n % 9 for n in range(days)]}],
        }
    ).classes("w-full h-56")
    for n in range(20):
        with ui.row():
            ui.label(f"{n:02d}:00 · +1 glass")
            ui.button("Undo")


@ui.page("/points")
def points(rows: int = 200) -> None:
    for n in range(rows):
        with ui.row():
            with ui.column():
                ui.label(f"Thu 3 Dec 2026, {n % 24:02d}:14")
                ui.label(f"Challenge {n % 20 + 1}: period {n} achieved")
            ui.label("+10 pts")
            ui.label(f"Balance {10 * (rows - n):,}")


@ui.page("/rewards")
def rewards(cards: int = 12, mine: int = 4) -> None:
    for n in range(cards):
        with ui.card():
            ui.label(f"Reward {n + 1}")
            ui.label(f"{150 * (n + 1):,} points")
            ui.label("A coffee and a cinnamon bun at any of our cafés.")
            ui.button("Redeem")
    ui.label("My rewards")
    for n in range(mine):
        with ui.row():
            ui.label(f"Reward {n + 1}")
            ui.label(f"FIKA-{n:04d}-K7QX")
            ui.label("Redeemed 2 December 2026")


@ui.page("/console")
def console(rewards: int = 12) -> None:
    for n in range(rewards):
        with ui.card():
            ui.link(f"Reward {n + 1}", f"/console/{n + 1}")
            ui.label("Active")
            with ui.row():
                for name, figure in (
                    ("Cost", f"{150 * (n + 1):,} pts"),
                    ("Redeemed", str(n)),
                    ("Left", "Unlimited"),
                    ("Points spent", f"{150 * n * (n + 1):,}"),
                ):
                    with ui.column():
                        ui.label(name)
                        ui.label(figure)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8090)
    args = parser.parse_args()
    ui.run(
        host="127.0.0.1",
        port=args.port,
        reload=False,
        show=False,
        tailwind=False,
        title="Floor",
        show_welcome_message=False,
    )


if __name__ in {"__main__", "__mp_main__"}:
    main()
