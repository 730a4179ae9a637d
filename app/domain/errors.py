"""Errors a person can read, with the upstream code alongside where one applies."""

from __future__ import annotations

from dataclasses import dataclass

NAME_TOO_LONG = 310008
NAME_TAKEN = 310069
INVALID_INPUT = 300004


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    code: int = INVALID_INPUT


class RuleError(ValueError):
    """A request broke one of the challenge rules; `errors` says which field and how to fix it."""

    def __init__(
        self,
        field: str | None = None,
        message: str = "",
        *,
        code: int = INVALID_INPUT,
        errors: list[FieldError] | None = None,
    ) -> None:
        self.errors = errors if errors is not None else [FieldError(field or "", message, code)]
        super().__init__("; ".join(e.message for e in self.errors))

    @property
    def code(self) -> int:
        return self.errors[0].code
