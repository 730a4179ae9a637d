"""Tests against the app running as a real server process, with its scheduler."""
