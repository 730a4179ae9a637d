"""A local Capillary-compatible server with fault injection (docs/sandbox.md)."""

from app.sandbox.app import create_sandbox_app
from app.sandbox.settings import SandboxSettings, sandbox_app_from_settings

__all__ = ["SandboxSettings", "create_sandbox_app", "sandbox_app_from_settings"]
