"""Shared state between the NiceGUI test main file and the tests that drive it."""

from __future__ import annotations

from app.ui.context import UIContext

context: UIContext | None = None


def ctx() -> UIContext:
    assert context is not None, "the user fixture has not built the app yet"
    return context
