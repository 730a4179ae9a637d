"""The floor: the least a NiceGUI page can do that shows what Today shows.

Twenty cards, each a name, an "N of 8" label and a "+1" button that adds one in memory, no
database, no sign-in, `tailwind=False`. bench/against_floor.py runs it beside Goalpost: what
Goalpost costs beyond this is what our own code costs.

    .venv/bin/python bench/floor.py --port 8090
"""

from __future__ import annotations

import argparse

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
