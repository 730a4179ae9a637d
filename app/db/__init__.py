"""Storage: SQLModel tables, engine and units of work. Alembic owns the schema."""
