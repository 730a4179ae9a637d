"""Service errors. Rule violations come from the domain (RuleError)."""

from app.domain.errors import FieldError, RuleError

__all__ = ["FieldError", "NotFound", "RuleError"]


class NotFound(LookupError):
    """No such thing for this person; also what another person's data looks like."""
