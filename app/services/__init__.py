"""Use cases, one transaction each; each writes the outbox rows its change implies."""
