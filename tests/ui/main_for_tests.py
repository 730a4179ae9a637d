"""The app as NiceGUI's `user` fixture runs it: built on the test's own database."""

from nicegui import ui

from app.main import build
from tests.ui import harness

harness.context = build()
ui.run(storage_secret="test secret", language="en-GB")
