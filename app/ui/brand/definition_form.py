"""A definition's form: every rule field the builder offers, its texts, consent and dates.

A Draft edits everything; a published definition shows its rule read-only and edits its
texts and dates (docs/rules.md, "Definitions"). Errors come back from the service and are
shown beside the field they name.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import TypeVar, cast

from nicegui import ui

from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.definitions import DESCRIPTION_MAX, DefinitionRule
from app.domain.validation import NAME_MAX
from app.i18n import N_, _
from app.services.definitions import RULE_FIELDS
from app.ui.brand.frame import utc_day, utc_midnight
from app.ui.browser_values import as_text
from app.ui.builder_fields import (
    FIELD,
    FREQUENCIES,
    RULES,
    amount,
    choice_field,
    number_field,
    text_field,
    whole,
)
from app.ui.frame import clear_errors, field_errors

E = TypeVar("E", bound=StrEnum)
MEASURES = {
    Measure.COUNT: N_("COUNT: each log counts 1"),
    Measure.VISIT: N_("VISIT: days with a log"),
    Measure.SUM: N_("SUM: add up an amount"),
}
WINDOWS = {
    Window.FIXED_CALENDAR_WINDOW: N_("Fixed: from the day they start"),
    Window.CYCLIC_WINDOW: N_("Cyclic: from their first log"),
    Window.PERIOD_AGNOSTIC_WINDOW: N_("Stamp card: one open period"),
}
BLANK = DefinitionRule(
    spec=ChallengeSpec(
        name="", event_type="", measure=Measure.COUNT, target=1, total_periods=7, required_periods=7
    ),
    icon="flag",
)


class DefinitionForm:
    """Draws the fields; `rule()` reads them back; `show(errors)` puts errors beside them."""

    def __init__(self, rule: DefinitionRule = BLANK, *, rule_locked: bool = False) -> None:
        self.start_rule, self.rule_locked = rule, rule_locked
        self.inputs: dict[str, ui.element] = {}

    def draw(self) -> None:
        with ui.element("div").classes("w-full grid grid-cols-1 md:grid-cols-2 gap-3"):
            with ui.card().classes("w-full gap-3"):
                ui.label(_("Texts")).classes("font-medium").props("role=heading aria-level=2")
                self._texts()
            with ui.card().classes("w-full gap-3"):
                ui.label(_("Rule")).classes("font-medium").props("role=heading aria-level=2")
                if self.rule_locked:
                    ui.label(
                        _("Published: the rule stays as it is, so everyone plays by the same one.")
                    ).classes("text-sm text-gray-600").mark("rule-locked")
                self._rule()
        self.problem = ui.label().classes("text-negative").mark("form-error")
        self.fill(self.start_rule)

    def _texts(self) -> None:
        self.inputs["name"] = text_field(_("Name"), "name", _("e.g. Water every day")).props(
            f"maxlength={NAME_MAX + 1}"
        )
        self.inputs["description"] = (
            ui.textarea(_("Description"))
            .props(f"{FIELD} autogrow maxlength={DESCRIPTION_MAX + 1}")
            .classes("w-full")
            .mark("description")
        )
        with ui.row().classes("w-full items-start gap-2 no-wrap"):
            icon = text_field(
                _("Icon"), "icon", _("a Material icon name, e.g. water_drop")
            ).classes("grow")
            self.inputs["icon"] = icon
            self.preview = ui.icon("flag").classes("text-4xl text-primary mt-2").mark("preview")
        icon.on_value_change(lambda e: self.preview.set_name(_icon(e.value)))
        self.inputs["consent_required"] = ui.checkbox(
            _("People agree to share their progress before they start")
        ).mark("consent-required")
        self.inputs["expiration_months"] = number_field(
            _("Participant deadline, in months (empty: none)"), "expiration-months", 1
        )
        self.inputs["scheduled_from"] = text_field(
            _("Runs from (empty: at once)"), "scheduled-from"
        )
        self.inputs["scheduled_to"] = text_field(_("Runs until (empty: no end)"), "scheduled-to")
        for key in ("scheduled_from", "scheduled_to"):
            self.inputs[key].props("type=date stack-label")
        ui.label(_("Dates are days in UTC.")).classes("text-xs text-gray-600")

    def _rule(self) -> None:
        i = self.inputs
        i["event_type"] = text_field(_("Event type key"), "event-type", _("e.g. water_glass"))
        i["event_label"] = text_field(_("What it is, in words"), "event-label", _("e.g. water"))
        i["event_unit"] = text_field(_("Unit, plural"), "event-unit", _("e.g. glasses"))
        i["measure"] = choice_field(_("How it counts"), "measure", _words(MEASURES))
        i["attribute"] = text_field(_("Amount to add up"), "attribute", _("e.g. glasses"))
        i["attribute"].bind_visibility_from(i["measure"], "value", lambda v: v == Measure.SUM)
        i["target"] = number_field(_("Target per period"), "target", 0)
        i["window"] = choice_field(_("When the periods run"), "window", _words(WINDOWS))
        i["frequency"] = choice_field(_("Period"), "frequency", _words(FREQUENCIES))
        i["every_n_days"] = number_field(_("N: days in a period"), "every-n-days", 2)
        i["every_n_days"].bind_visibility_from(
            i["frequency"], "value", lambda v: v == Frequency.EVERY_N_DAYS
        )
        i["total_periods"] = number_field(_("How long, in periods"), "total-periods", 1)
        i["tracking"] = choice_field(_("Tracking"), "tracking", _words(RULES))
        i["required_periods"] = number_field(_("N: periods needed"), "required-periods", 1)
        i["required_periods"].bind_visibility_from(
            i["tracking"], "value", lambda v: v != Tracking.DEFAULT
        )
        i["points_per_period"] = number_field(
            _("Points per achieved period"), "points-per-period", 0
        )
        i["points_on_completion"] = number_field(
            _("Points on completion"), "points-on-completion", 0
        )
        if self.rule_locked:  # what update_definition refuses to change once published
            for key in RULE_FIELDS:
                i[key].props("readonly")

    def fill(self, rule: DefinitionRule) -> None:
        spec, i = rule.spec, self.inputs
        values: dict[str, object] = {
            "name": spec.name,
            "description": rule.description,
            "icon": rule.icon,
            "consent_required": rule.consent_required,
            "expiration_months": rule.expiration_months,
            "scheduled_from": utc_day(rule.scheduled_from),
            "scheduled_to": utc_day(rule.scheduled_to),
            "event_type": spec.event_type,
            "event_label": rule.event_label,
            "event_unit": rule.event_unit,
            "measure": spec.measure,
            "attribute": spec.attribute or "",
            "target": spec.target,
            "window": spec.window,
            "frequency": spec.frequency,
            "every_n_days": max(spec.every_n_days, 2),
            "total_periods": spec.total_periods,
            "tracking": spec.tracking,
            "required_periods": spec.periods_needed,
            "points_per_period": spec.points_per_period,
            "points_on_completion": spec.points_on_completion,
        }
        for key, value in values.items():
            i[key].set_value(value)  # type: ignore[attr-defined]
        self.preview.set_name(_icon(rule.icon))

    def rule(self) -> DefinitionRule:
        """The definition as the form stands; a locked rule is the one it started with."""
        texts = DefinitionRule(
            spec=replace(self.start_rule.spec, name=self._text("name", NAME_MAX)),
            description=self._text("description", DESCRIPTION_MAX),
            icon=self._text("icon", 64),
            consent_required=bool(_value(self.inputs["consent_required"])),
            expiration_months=self._optional_whole("expiration_months"),
            scheduled_from=utc_midnight(_value(self.inputs["scheduled_from"])),
            scheduled_to=utc_midnight(_value(self.inputs["scheduled_to"])),
            event_label=self._text("event_label", 120),
            event_unit=self._text("event_unit", 40),
        )
        if self.rule_locked:
            return texts
        measure = _choice(Measure, self.inputs["measure"], Measure.COUNT)
        frequency = _choice(Frequency, self.inputs["frequency"], Frequency.DAILY)
        attribute = self._text("attribute", 64).strip()
        spec = ChallengeSpec(
            name=texts.spec.name,
            event_type=self._text("event_type", 64).strip(),
            measure=measure,
            attribute=(attribute or None) if measure is Measure.SUM else None,
            target=amount(self._number("target")),
            frequency=frequency,
            every_n_days=self._whole("every_n_days") if frequency is Frequency.EVERY_N_DAYS else 1,
            total_periods=self._whole("total_periods"),
            tracking=_choice(Tracking, self.inputs["tracking"], Tracking.DEFAULT),
            required_periods=self._whole("required_periods"),
            window=_choice(Window, self.inputs["window"], Window.FIXED_CALENDAR_WINDOW),
            points_per_period=self._whole("points_per_period"),
            points_on_completion=self._whole("points_on_completion"),
        )
        return replace(texts, spec=spec)

    def _text(self, key: str, most: int) -> str:
        return as_text(_value(self.inputs[key]), most=most)

    def _number(self, key: str) -> ui.number:
        return cast(ui.number, self.inputs[key])

    def _whole(self, key: str) -> int:
        return whole(self._number(key))

    def _optional_whole(self, key: str) -> int | None:
        return None if _value(self.inputs[key]) in (None, "") else self._whole(key)

    def show(self, errors: list[tuple[str, str]]) -> None:
        """Each error beside its field; any the form has no field for, below the form."""
        clear_errors(self.inputs)
        self.problem.text = " ".join(field_errors(self.inputs, errors))


def _words(choices: dict[E, str]) -> dict[E, str]:
    """A select's choices in the tab's language (each label marked with N_ where it is
    defined; FREQUENCIES and RULES are the builder's)."""
    return {key: _(label) for key, label in choices.items()}


def _value(element: ui.element) -> object:
    return getattr(element, "value", None)


def _choice(kind: type[E], element: ui.element, fallback: E) -> E:
    """The select's choice as its enum; a tampered value reads as the fallback."""
    value = _value(element)
    return kind(value) if value in {k.value for k in kind} else fallback


def _icon(name: object) -> str:
    text = as_text(name, most=64).strip()
    return text if text.replace("_", "").isalnum() else "help_outline"
