"""The relay against the sandbox over real HTTP, and its database side on both backends."""
