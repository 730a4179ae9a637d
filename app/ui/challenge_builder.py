"""Build your own challenge by saying it: one sentence of blanks, read back as the person edits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from nicegui import run, ui
from nicegui.elements.mixins.value_element import ValueElement

from app.domain.budget import Budget, Pay, most_it_can_pay, pay_under_budget
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.describe import describe
from app.domain.errors import FieldError, RuleError
from app.domain.periods import local_day
from app.domain.validation import NAME_MAX, validate_spec
from app.i18n import _, current
from app.services.challenges import create_challenge
from app.services.event_types import EventTypeView
from app.translations import Translator
from app.ui.browser_values import as_text
from app.ui.builder_fields import amount, day_from, text_field, whole
from app.ui.context import UIContext
from app.ui.frame import clear_errors, field_errors
from app.ui.sentence_line import SentenceLine
from app.ui.sentence_words import (
    BLANK_NAMES,
    attribute_of,
    event_key,
    matching,
    name_from,
    plain,
    suggestions,
)

WINDOWS = {"first_log": Window.CYCLIC_WINDOW, "stamp": Window.PERIOD_AGNOSTIC_WINDOW}
OUTSIDE_THE_SENTENCE = ("name", "start_date", "window")  # their fields show their own errors


class ChallengeBuilder:
    """The goal said in one sentence; its readback and points beneath, errors by their blank."""

    def __init__(
        self,
        ctx: UIContext,
        person_id: int,
        timezone: str,
        event_types: list[EventTypeView],
        budget: Budget | None = None,
    ) -> None:
        self.ctx, self.person_id, self.timezone = ctx, person_id, timezone
        self.budget = budget or Budget()  # what the brand lets a self-made challenge pay
        self.things = suggestions(event_types)
        self.labels = {t.key: t.label for t in event_types}
        self.units_in_use = {t.key: t.unit for t in event_types}
        self.touched: set[str] = set()
        self.refused: list[FieldError] = []
        self.suggested_name = ""
        self.quiet = False  # the builder itself is changing values: nothing was touched
        self.busy = False

    def draw(self) -> None:
        heading = ui.label(_("Say your goal")).classes("text-lg font-medium")
        heading.props("role=heading aria-level=2")
        self.line = SentenceLine(self.things)
        with ui.card().classes("w-full gap-3"):
            self.line.draw()
            with ui.column().classes("w-full gap-2").props('aria-live="polite"'):
                with ui.row().classes("w-full items-start gap-2 no-wrap"):
                    ui.icon("record_voice_over").classes("text-xl text-primary")
                    self.sentence = ui.label().classes("text-base font-medium").mark("sentence")
                with ui.row().classes("w-full items-start gap-2 no-wrap"):
                    ui.icon("stars").classes("text-xl text-primary")
                    self.pays = ui.label().classes("text-sm").mark("pays")
            hint = _("Made from your goal; change it if you like")
            self.name = text_field(_("Name"), "name", hint)
            self.name.without_auto_validation()  # its errors are the builder's to set and clear
            zone = _("Days follow your time zone, {zone}.").format(zone=self.timezone)
            ui.label(zone).classes("text-xs")
            self.problem = ui.label().classes("text-negative").mark("form-error")
            self.submit_button = (
                ui.button(_("Create challenge"), icon="check", on_click=self.submit)
                .classes("w-full tap-target")
                .mark("submit")
            )
        self._start_blank()
        self.line.thing.on_value_change(self._thing_said)
        self.name.on_value_change(lambda: self._changed("name"))
        for element, field in self._watched():
            element.on_value_change(lambda _, f=field: self._changed(f))

    def spec(self) -> ChallengeSpec:
        """The challenge as the sentence says it; invalid values are left for validate_spec."""
        line = self.line
        stamp, measure, frequency = line.is_stamp_card(), line.measure_chosen(), line.frequency()
        words, unit = self._words()
        thing = matching(self.things, words, self.labels)
        key = event_key(words, unit, thing, self.units_in_use)
        attribute = attribute_of(unit, thing, key) if measure is Measure.SUM else ""
        spec = ChallengeSpec(
            name=as_text(self.name.value, most=NAME_MAX),
            event_type=key,
            measure=measure,
            attribute=attribute or None,
            target=amount(line.target),
            frequency=frequency,
            every_n_days=whole(line.every_n_days) if frequency is Frequency.EVERY_N_DAYS else 1,
            total_periods=1 if stamp else whole(line.total_periods),
            tracking=Tracking.DEFAULT if stamp else line.tracking.value,
            required_periods=whole(line.required_periods),
            window=WINDOWS.get(line.start.value, Window.FIXED_CALENDAR_WINDOW),
            start_date=self._start_date(),
            timezone=self.timezone,
        )
        pay = pay_under_budget(self.budget, spec)
        return replace(
            spec, points_per_period=pay.per_period, points_on_completion=pay.on_completion
        )

    async def submit(self) -> None:
        if self.busy:  # a second click while the first is on its way
            return
        spec = self.spec()
        errors = validate_spec(spec, today=self._today())
        if errors:
            self._show_all(errors)
            return
        self.busy = True
        self.submit_button.props("loading")
        try:
            challenge_id = await self._create(spec, *self._words())
        except RuleError as error:
            self._show_all(error.errors, refused=True)
            self.busy = False
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
                event_unit=unit or _("times"),
            )
        )

    def _start_blank(self) -> None:
        """Once a day, for a week, starting today: the sentence as it opens."""
        line = self.line
        with self._quietly():
            line.target.value, line.every_n_days.value = 1, 3
            line.measure.value, line.period.value = Measure.COUNT, Frequency.DAILY
            line.total_periods.value, line.required_periods.value = 7, 7
            line.tracking.value, line.start.value = Tracking.DEFAULT, "today"
        self._read_back()

    def _thing_said(self) -> None:
        """A known thing brings its unit and how it counts; the name follows the words until
        the person gives it one of their own."""
        words, _ = self._words()
        thing = matching(self.things, words, self.labels)
        with self._quietly():
            if thing is not None:
                self.line.unit.value = thing.unit
                self.line.measure.value = thing.measure
            if as_text(self.name.value) in ("", self.suggested_name):
                self.suggested_name = name_from(words)[:NAME_MAX]
                self.name.value = self.suggested_name

    def _changed(self, field: str) -> None:
        if self.quiet:
            return
        self.touched.add(field)
        if field == "total_periods" and "required_periods" not in self.touched:
            with self._quietly():  # "at least 7 in a row" of 7 days stays all of them
                self.line.required_periods.value = self.line.total_periods.value
        # What only the server can tell (a taken name) stands until its own field changes.
        self.refused = [e for e in self.refused if e.field != field]
        self._show([*validate_spec(self.spec(), today=self._today()), *self.refused])

    def _show_all(self, errors: list[FieldError], *, refused: bool = False) -> None:
        self.touched |= {e.field for e in errors} | set(BLANK_NAMES) | set(OUTSIDE_THE_SENTENCE)
        self.refused = errors if refused else []
        self._show(errors)

    def _show(self, errors: list[FieldError]) -> None:
        """Errors beside their blank; while typing, only on what the person has changed."""
        shown = [e for e in errors if e.field in self.touched]
        fields = self._fields()
        clear_errors(fields)
        outside = [(e.field, plain(e)) for e in shown if e.field in OUTSIDE_THE_SENTENCE]
        unplaced = field_errors(fields, outside)
        rest = self.line.show([e for e in shown if e.field not in OUTSIDE_THE_SENTENCE])
        if any(e.field in ("start_date", "window") for e in shown):
            self.line.more.open()
        self.problem.text = " ".join([*unplaced, *(plain(e) for e in rest)])
        self._read_back()

    def _read_back(self) -> None:
        self.line.reshape()
        words, unit = self._words()
        spec = self.spec()
        words_of = current()
        thing = matching(self.things, words, self.labels)
        one = thing.unit_one if thing is not None and unit == thing.unit else None
        self.sentence.text = describe(
            spec,
            label=words or _("something"),
            unit=unit or _("times"),
            unit_one=one if unit else _("time"),
            words=words_of,
        )
        self.pays.text = pays_line(spec, self.budget, words_of)

    def _watched(self) -> list[tuple[ValueElement, str]]:
        """Every blank with the field whose errors it may change."""
        line = self.line
        return [
            (line.thing, "event_type"),
            (line.target, "target"),
            (line.unit, "attribute"),
            (line.measure, "target"),
            (line.period, "target"),
            (line.every_n_days, "every_n_days"),
            (line.total_periods, "total_periods"),
            (line.tracking, "required_periods"),
            (line.required_periods, "required_periods"),
            (line.start, "window"),
            (line.start_date, "start_date"),
            (line.several_days, "every_n_days"),
            (line.count_days, "target"),
        ]

    def _fields(self) -> dict[str, ui.element]:
        """The fields outside the sentence, by the ChallengeSpec field whose errors they show."""
        line = self.line
        dated = line.start.value == "date"
        return {
            "name": self.name,
            "start_date": line.start_date if dated else line.start,
            "window": line.start,
        }

    def _words(self) -> tuple[str, str]:
        """What the person will do and what it is counted in, as they said them."""
        words = " ".join(as_text(self.line.thing.value, most=120).split())
        return words, " ".join(as_text(self.line.unit.value, most=40).split())

    def _start_date(self) -> date | None:
        if self.line.start.value == "today":
            return self._today()
        return day_from(self.line.start_date.value) if self.line.start.value == "date" else None

    def _today(self) -> date:
        return local_day(self.ctx.clock.now(), self.timezone)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """While the builder fills blanks itself, no field counts as touched."""
        self.quiet = True
        try:
            yield
        finally:
            self.quiet = False


def pays_line(spec: ChallengeSpec, budget: Budget, words: Translator) -> str:
    """What the challenge will pay under the brand's budget, in words."""
    most = most_it_can_pay(
        Pay(spec.points_per_period, spec.points_on_completion), spec, budget.challenge_cap
    )
    # Plain digits, as the English has always shown them.
    per, end = str(spec.points_per_period), str(spec.points_on_completion)
    if spec.window is Window.PERIOD_AGNOSTIC_WINDOW:
        pays = words.gettext("Pays {points} points when it is full: at most {most} in all.")
        full = str(spec.points_per_period + spec.points_on_completion)
        said = pays.format(points=full, most=most)
    elif spec.frequency is Frequency.DAILY:
        said = words.gettext(
            "Pays {each} points for each day achieved and {end} on completion: "
            "at most {most} in all."
        ).format(each=per, end=end, most=most)
    else:
        said = words.gettext(
            "Pays {each} points for each period achieved and {end} on completion: "
            "at most {most} in all."
        ).format(each=per, end=end, most=most)
    cap = words.gettext("The brand's budget sets this, up to {cap} points a month.")
    return f"{said} {cap.format(cap=budget.monthly_cap)}"
