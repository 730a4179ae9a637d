"""Mirroring challenges and logs to Capillary through the transactional outbox (docs/sync.md)."""
