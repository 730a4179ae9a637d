"""Placeholder: being built."""

from app.ui.context import UIContext


def register(ctx: UIContext) -> None:
    return None
