"""Build your own challenge: a form that reads the challenge back as the person types."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nicegui import run, ui
from nicegui.elements.mixins.value_element import ValueElement

from app.domain.budget import Budget, Pay, most_it_can_pay, pay_under_budget
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.describe import describe
from app.domain.errors import INVALID_INPUT, FieldError, RuleError
from app.domain.periods import local_day
from app.domain.validation import NAME_MAX, validate_spec
from app.services.challenges import create_challenge
from app.services.event_types import EventTypeView
from app.ui.browser_values import as_text
from app.ui.builder_fields import (
    FREQUENCIES,
    MEASURES,
    RULES,
    STARTS,
    amount,
    choice_field,
    day_from,
    number_field,
    slug,
    text_field,
    whole,
)
from app.ui.context import UIContext
from app.ui.frame import clear_errors, field_errors

NEW = "+new"  # the picker's "something new to track"; never a valid key
WINDOWS = {"first_log": Window.CYCLIC_WINDOW, "stamp": Window.PERIOD_AGNOSTIC_WINDOW}
BLANK = ChallengeSpec(
    name="", event_type="", measure=Measure.COUNT, target=1, total_periods=7, required_periods=7
)


class ChallengeBuilder:
    """The "build your own" form: reads back as the person types, errors beside each field."""

    def __init__(
        self,
        ctx: UIContext,
        person_id: int,
        timezone: str,
        event_types: list[EventTypeView],
        budget: Budget | None = None,
    ) -> None:
        budget = budget or Budget()
        self.ctx, self.person_id, self.timezone = ctx, person_id, timezone
        self.budget = budget  # what the brand lets a self-made challenge pay
        self.known = {t.key: t for t in event_types}
        self.touched: set[str] = set()
        self.refused: list[FieldError] = []

    def draw(self) -> None:
        ui.label("Build your own").classes("text-lg font-medium").props("role=heading aria-level=2")
        with ui.card().classes("w-full gap-3"):
            self.name = text_field("Name", "name", "e.g. Water every day")
            self.picker = choice_field(
                "What to track",
                "event-type",
                {**{k: t.label for k, t in self.known.items()}, NEW: "Something new…"},
            )
            with (
                ui.column()
                .classes("w-full gap-3")
                .bind_visibility_from(self.picker, "value", backward=lambda v: v == NEW)
            ):
                self.label = text_field("What it is, in words", "label", "e.g. water")
                self.unit = text_field("Unit, plural", "unit", "e.g. glasses")
                self.key = text_field("Key", "key", "e.g. water_glass; empty: made from the words")
            ui.label("How it counts").classes("text-sm").props("id=measure-label")
            self.measure = (
                ui.radio(MEASURES).props('aria-labelledby="measure-label"').mark("measure")
            )
            self.attribute = text_field("Amount to add up", "attribute", "e.g. glasses")
            self.attribute.bind_visibility_from(
                self.measure, "value", backward=lambda v: v == Measure.SUM
            )
            self.target = number_field("Target per period", "target", minimum=0)
            self.start = choice_field("When it starts", "start", STARTS)
            self.start_date = text_field("Start date", "start-date").props("type=date stack-label")
            self.start_date.bind_visibility_from(
                self.start, "value", backward=lambda v: v == "date"
            )
            with (
                ui.column()
                .classes("w-full gap-3")
                .bind_visibility_from(self.start, "value", backward=lambda v: v != "stamp")
            ):
                self.frequency = choice_field("Period", "frequency", FREQUENCIES)
                self.every_n_days = number_field("N: days in a period", "every-n-days", minimum=2)
                self.every_n_days.bind_visibility_from(
                    self.frequency, "value", backward=lambda v: v == Frequency.EVERY_N_DAYS
                )
                self.total_periods = number_field(
                    "How long, in periods", "total-periods", minimum=1
                )
                self.tracking = choice_field("Rule", "tracking", RULES)
                self.required_periods = number_field("N: periods needed", "required-periods", 1)
                self.required_periods.bind_visibility_from(
                    self.tracking, "value", backward=lambda v: v != Tracking.DEFAULT
                )
            with ui.row().classes("w-full items-start gap-2 no-wrap"):
                ui.icon("stars").classes("text-xl text-primary")
                self.pays = ui.label().classes("text-sm").mark("pays")
            ui.label(f"Days follow your time zone, {self.timezone}.").classes("text-xs")
            with ui.row().classes("w-full items-start gap-2 no-wrap"):
                ui.icon("record_voice_over").classes("text-xl text-primary")
                self.sentence = ui.label().classes("text-base font-medium").mark("sentence")
                self.sentence.props('aria-live="polite"')
            self.problem = ui.label().classes("text-negative").mark("form-error")
            self.submit_button = (
                ui.button("Create challenge", icon="check", on_click=self.submit)
                .classes("w-full tap-target")
                .mark("submit")
            )
        self.fill(BLANK, label="", unit="")
        self.picker.on_value_change(self._picked)
        for element, field in self._watched():
            element.on_value_change(lambda _, f=field: self._changed(f))

    def fill(self, spec: ChallengeSpec, *, label: str, unit: str) -> None:
        """Put a challenge's values in the form (blank defaults, or a template to adjust)."""
        known = spec.event_type in self.known
        self.name.value = spec.name
        self.picker.value = spec.event_type if known else NEW
        self.key.value = "" if known else spec.event_type
        self.label.value, self.unit.value = ("", "") if known else (label, unit)
        self.measure.value = spec.measure
        self.attribute.value = spec.attribute or ""
        self.target.value = spec.target
        self.frequency.value = spec.frequency
        self.every_n_days.value = max(spec.every_n_days, 2)
        self.total_periods.value = spec.total_periods
        self.tracking.value = spec.tracking
        self.required_periods.value = spec.periods_needed
        self.start.value = _start_choice(spec, self._today())
        self.start_date.value = spec.start_date.isoformat() if spec.start_date else ""
        self._read_back()

    def spec(self) -> ChallengeSpec:
        """The challenge as the form stands; invalid values are left for validate_spec to name."""
        start, measure, frequency = self.start.value, self.measure.value, self.frequency.value
        stamp = start == "stamp"
        attribute = as_text(self.attribute.value, most=64).strip() if measure == Measure.SUM else ""
        spec = ChallengeSpec(
            name=as_text(self.name.value, most=NAME_MAX),
            event_type=self._event_type(),
            measure=measure,
            attribute=attribute or None,
            target=amount(self.target),
            frequency=frequency,
            every_n_days=whole(self.every_n_days) if frequency == Frequency.EVERY_N_DAYS else 1,
            total_periods=1 if stamp else whole(self.total_periods),
            tracking=Tracking.DEFAULT if stamp else self.tracking.value,
            required_periods=whole(self.required_periods),
            window=WINDOWS.get(start, Window.FIXED_CALENDAR_WINDOW),
            start_date=self._start_date(),
            timezone=self.timezone,
        )
        pay = pay_under_budget(self.budget, spec)
        return replace(
            spec, points_per_period=pay.per_period, points_on_completion=pay.on_completion
        )

    async def submit(self) -> None:
        spec = self.spec()
        errors = validate_spec(spec, today=self._today())
        if errors:
            self._show_all(errors)
            return
        self.submit_button.props("loading")
        try:
            challenge_id = await self._create(spec, *self._words())
        except RuleError as error:
            self._show_all(error.errors, refused=True)
            return
        finally:
            self.submit_button.props(remove="loading")
        if challenge_id is not None:
            ui.navigate.to(f"/challenge/{challenge_id}")

    async def _create(self, spec: ChallengeSpec, label: str, unit: str) -> int | None:
        return await run.io_bound(
            lambda: create_challenge(
                self.ctx.engine,
                person_id=self.person_id,
                spec=spec,
                now=self.ctx.clock.now(),
                event_label=label,
                event_unit=unit,
            )
        )

    def _changed(self, field: str) -> None:
        self.touched.add(field)
        # What only the server can tell (a taken name) stands until its own field changes.
        self.refused = [e for e in self.refused if e.field != field]
        self._show([*validate_spec(self.spec(), today=self._today()), *self.refused])

    def _picked(self) -> None:
        known = self.known.get(self.picker.value)
        if known is not None and known.attribute:
            self.attribute.value = known.attribute

    def _show_all(self, errors: list[FieldError], *, refused: bool = False) -> None:
        self.touched |= set(self._inputs())
        self.refused = errors if refused else []
        self._show(errors)

    def _show(self, errors: list[FieldError]) -> None:
        """Errors beside their fields; while typing, only on fields the person has changed."""
        inputs = self._inputs()
        clear_errors(inputs)
        shown = [(e.field, _message(e)) for e in errors if e.field in self.touched]
        self.problem.text = " ".join(field_errors(inputs, shown))
        self._read_back()

    def _read_back(self) -> None:
        label, unit = self._words()
        spec = self.spec()
        self.sentence.text = describe(spec, label=label or "something", unit=unit)
        self.pays.text = pays_line(spec, self.budget)

    def _watched(self) -> list[tuple[ValueElement, str]]:
        """Every input with the field whose errors it may change ("" when none of its own)."""
        return [
            (self.name, "name"),
            (self.picker, "event_type"),
            (self.label, "event_type"),
            (self.key, "event_type"),
            (self.unit, ""),
            (self.measure, "target"),
            (self.attribute, "attribute"),
            (self.target, "target"),
            (self.start, "window"),
            (self.start_date, "start_date"),
            (self.frequency, "every_n_days"),
            (self.every_n_days, "every_n_days"),
            (self.total_periods, "total_periods"),
            (self.tracking, "required_periods"),
            (self.required_periods, "required_periods"),
        ]

    def _inputs(self) -> dict[str, ui.element]:
        """Each ChallengeSpec field with the input its errors belong beside."""
        return {
            "name": self.name,
            "event_type": self.key if self.picker.value == NEW else self.picker,
            "attribute": self.attribute,
            "target": self.target,
            "every_n_days": self.every_n_days,
            "total_periods": self.total_periods,
            "required_periods": self.required_periods,
            "start_date": self.start_date if self.start.value == "date" else self.start,
            "window": self.start,
        }

    def _event_type(self) -> str:
        if self.picker.value != NEW:
            return self.picker.value
        return as_text(self.key.value, most=64).strip() or slug(as_text(self.label.value))

    def _words(self) -> tuple[str, str]:
        known = self.known.get(self.picker.value)
        if known is not None:
            return known.label, known.unit
        return as_text(self.label.value, most=120).strip(), as_text(
            self.unit.value, most=40
        ).strip()

    def _start_date(self) -> date | None:
        if self.start.value == "today":
            return self._today()
        return day_from(self.start_date.value) if self.start.value == "date" else None

    def _today(self) -> date:
        return local_day(self.ctx.clock.now(), self.timezone)


def _start_choice(spec: ChallengeSpec, today: date) -> str:
    if spec.window is Window.CYCLIC_WINDOW:
        return "first_log"
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW:
        return "stamp"
    return "today" if spec.start_date in (None, today) else "date"


def _message(error: FieldError) -> str:
    """The upstream code goes with the message where it is a specific one (310008, 310069)."""
    return error.message if error.code == INVALID_INPUT else f"{error.message} ({error.code})"


def pays_line(spec: ChallengeSpec, budget: Budget) -> str:
    """What the challenge will pay under the brand's budget, in words."""
    each = "day" if spec.frequency is Frequency.DAILY else "period"
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW:
        parts = [f"{spec.points_per_period + spec.points_on_completion} points when it is full"]
    else:
        parts = [
            f"{spec.points_per_period} points for each {each} achieved",
            f"{spec.points_on_completion} on completion",
        ]
    most = most_it_can_pay(
        Pay(spec.points_per_period, spec.points_on_completion), spec, budget.challenge_cap
    )
    return (
        f"Pays {' and '.join(parts)}: at most {most} in all. The brand's budget sets this, "
        f"up to {budget.monthly_cap} points a month."
    )
