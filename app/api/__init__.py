"""HTTP endpoints beside the pages."""
