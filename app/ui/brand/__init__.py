"""The brand console at /brand: definitions, points budget, API keys, participation, rewards.

For operators only (load_operator): anyone else gets the "Not found" page.
"""

from __future__ import annotations

from app.ui.brand import (
    budget_page,
    definitions_page,
    keys_page,
    participation_page,
    rewards_page,
)
from app.ui.context import UIContext


def register(ctx: UIContext) -> None:
    for module in (definitions_page, budget_page, keys_page, participation_page, rewards_page):
        module.register(ctx)
