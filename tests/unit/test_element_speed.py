"""Remembering NiceGUI's signature checks changes no answer, and NiceGUI goes through it."""

from __future__ import annotations

import functools

from nicegui import Client, helpers, ui
from nicegui.helpers.functions import expects_arguments as nicegui_expects_arguments
from nicegui.page import page
from nicegui.props import Props

from app.ui import element_speed
from app.ui.element_speed import expects_arguments, remember_signatures


class Handlers:
    def takes_nothing(self) -> None: ...

    def takes_one(self, event: object) -> None: ...

    def takes_a_default(self, event: object = None) -> None: ...

    def takes_any(self, *args: object, **kwargs: object) -> None: ...


def plain(event: object) -> None: ...


def test_every_kind_of_handler_gets_nicegui_s_own_answer():
    first, second = Handlers(), Handlers()
    handlers = [
        first.takes_nothing,
        first.takes_one,
        first.takes_a_default,
        first.takes_any,
        second.takes_one,
        plain,
        lambda: None,
        lambda e: None,
        functools.partial(plain),
        print,
    ]
    for handler in handlers * 2:  # the second time from memory
        assert expects_arguments(handler) == nicegui_expects_arguments(handler), handler


def test_nicegui_builds_elements_through_it():
    remember_signatures()
    assert helpers.expects_arguments is expects_arguments
    with Client(page("/"), request=None):
        ui.label("x")
    assert Props._update in element_speed._by_function
