"""Building elements at the speed NiceGUI's own work allows.

NiceGUI 3.18 gives every element three observable collections (its props, classes and
style), and each asks `helpers.expects_arguments(self._update)`, which runs
`inspect.signature` on a new bound method every time: measured on Today with 20 cards, about
40% of the time spent building the page (bench/ui_latency.py's page construction, under
cProfile). The answer depends only on the method's function, never on the instance it is
bound to, so `remember_signatures()` memoises it per function. Every other callable goes to
NiceGUI's own check unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from nicegui import helpers
from nicegui.helpers import functions

_original = functions.expects_arguments
_by_function: WeakKeyDictionary[Callable[..., Any], bool] = WeakKeyDictionary()


def expects_arguments(func: Callable[..., Any]) -> bool:
    """NiceGUI's `expects_arguments`, remembered per function for bound methods."""
    function = getattr(func, "__func__", None)
    if function is None or getattr(func, "__self__", None) is None:
        return _original(func)
    known = _by_function.get(function)
    if known is None:
        known = _by_function[function] = _original(func)
    return known


def remember_signatures() -> None:
    """Route NiceGUI's checks through `expects_arguments` (idempotent)."""
    helpers.expects_arguments = expects_arguments  # type: ignore[attr-defined]
    functions.expects_arguments = expects_arguments
