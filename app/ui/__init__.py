"""NiceGUI pages: they call services, never SQL."""
