"""Errors a person can read, with the upstream code alongside where one applies."""

from __future__ import annotations

from dataclasses import dataclass

NAME_TOO_LONG = 310008
NAME_TAKEN = 310069
INVALID_INPUT = 300004


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field. `message` is English, as the API and the logs say it;
    a page shows it in the person's language by translating `template` (the message before
    its `values` went in) and filling the values in again (app/i18n.py, `said`)."""

    field: str
    message: str
    code: int = INVALID_INPUT
    template: str = ""
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(
        cls, field: str, template: str, code: int = INVALID_INPUT, **values: object
    ) -> FieldError:
        """`FieldError.of("password", "Use at least {n} characters.", n=12)`."""
        return cls(field, template.format(**values), code, template, tuple(values.items()))


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

    @classmethod
    def of(
        cls, field: str, template: str, *, code: int = INVALID_INPUT, **values: object
    ) -> RuleError:
        """A refusal whose message a page can translate: `template` with `values` apart."""
        return cls(errors=[FieldError.of(field, template, code, **values)])

    @property
    def code(self) -> int:
        return self.errors[0].code
