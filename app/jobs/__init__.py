"""Background jobs run by one in-process scheduler."""
