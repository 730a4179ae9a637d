"""Errors a person can read, with the upstream code alongside where one applies."""

from __future__ import annotations

from dataclasses import dataclass

NAME_TOO_LONG = 310008
NAME_TAKEN = 310069
INVALID_INPUT = 300004


def N_(message: str) -> str:
    """Marks a refusal's template for the catalog where it is defined (the domain cannot use
    app/i18n.py); it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Counted:
    """A refusal's value that is a number with one of the app's own nouns ("1 second",
    "12 seconds"): English in the message, the reader's language where a page shows it
    (`said` words it through the catalog's plural). Made by `Counted.ngettext(...)`, so the
    catalog finds both forms."""

    singular: str
    plural: str
    count: int

    @classmethod
    def ngettext(cls, singular: str, plural: str, count: int) -> Counted:
        return cls(singular, plural, count)

    def __format__(self, spec: str) -> str:
        return (self.singular if self.count == 1 else self.plural).format(count=f"{self.count:,}")

    def __str__(self) -> str:
        return format(self)


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
