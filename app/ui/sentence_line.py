"""The goal as one sentence of inline blanks, and the rarer choices one tap away beneath it."""

from __future__ import annotations

from nicegui import ui

from app.domain.challenge import Frequency, Measure, Tracking
from app.domain.errors import FieldError
from app.i18n import _, ngettext
from app.ui.builder_fields import choice_field, text_field, whole
from app.ui.sentence_words import (
    EVERY,
    HOW_EACH_LOG_COUNTS,
    STARTS,
    Thing,
    blank_name,
    in_words,
    needed_words,
    period_words,
    plain,
    rule_shown,
    rules,
)

# Compact and outlined; hide-bottom-space: a blank's messages go under the sentence, named.
BLANK = "outlined dense hide-bottom-space"


class SentenceLine:
    """Draws "I will [drink water] · [8] [glasses] · … " and reshapes it as the choices change."""

    def __init__(self, things: list[Thing]) -> None:
        self.things = things

    def draw(self) -> None:
        with ui.element("div").classes("goal-sentence").mark("goal-sentence"):
            _words(_("I will"))
            self.thing = _input(_("What you will do"), "thing", _("drink water"), "blank-l")
            self.thing.props["autocomplete"] = "off"  # the suggestions, not the browser's history
            # NiceGUI's input points its native input's list at this id (elements/input.js)
            with ui.element("datalist").props(f"id=c{self.thing.id}-datalist"):
                for thing in self.things:
                    ui.element("option").props["value"] = thing.words
            self.on_word = _words(_("on"))
            self.target = _number(_("How many"), "target", 0, "blank-s")
            self.days_word = _words(ngettext("day", "days", 2))
            self.unit = _input(_("Counted in"), "unit", _("glasses"), "blank-m")
            how = _("How each log counts")
            self.measure = _select(in_words(HOW_EACH_LOG_COUNTS), how, "measure")
            self.period = _select(in_words(EVERY), _("How often"), "frequency")
            self.every_n_days = _number(_("Every how many days"), "every-n-days", 2, "blank-m")
            self.every_n_days.props["prefix"] = _("every")
            self.every_n_days.props["suffix"] = ngettext("day", "days", 2)
            self.for_word = _words(_("for"))
            self.total_periods = _number(_("For how many days"), "total-periods", 1, "")
            needed = _("How many of them you need")
            self.tracking = _select(rules(Frequency.DAILY), needed, "tracking")
            self.required_periods = _number(_("How many of them"), "required-periods", 1, "")
            self.no_deadline = _words(_("in my own time, no deadline"))
        self.problems = ui.column().classes("gap-1 text-sm text-negative").mark("blank-errors")
        self.problems.props('aria-live="polite"')
        self.more = ui.expansion(_("More options"), icon="tune").classes("w-full")
        with self.more.mark("more-options"), ui.column().classes("w-full gap-3"):
            start = choice_field(_("When it starts"), "start", STARTS)
            self.start = start.without_auto_validation()
            self.start_date = text_field(_("Start date"), "start-date")
            self.start_date.props("type=date stack-label").without_auto_validation()
            self.several_days = ui.switch(_("Periods of several days")).mark("several-days")
            self.count_days = ui.switch(_("Count the days I do it, not amounts"))
            self.count_days.mark("count-days")

    def blanks(self) -> list[ui.element]:
        """Every control whose change reshapes the sentence."""
        return [
            self.thing,
            self.target,
            self.unit,
            self.measure,
            self.period,
            self.every_n_days,
            self.total_periods,
            self.tracking,
            self.required_periods,
            self.start,
            self.start_date,
            self.several_days,
            self.count_days,
        ]

    def frequency(self) -> Frequency:
        if self.several_days.value and not self.is_stamp_card():
            return Frequency.EVERY_N_DAYS
        return Frequency(self.period.value)

    def measure_chosen(self) -> Measure:
        return Measure.VISIT if self.count_days.value else Measure(self.measure.value)

    def is_stamp_card(self) -> bool:
        return self.start.value == "stamp"

    def reshape(self) -> None:
        """Show the blanks this goal has, each in its period's words."""
        days, stamp = bool(self.count_days.value), self.is_stamp_card()
        frequency, tracking = self.frequency(), Tracking(self.tracking.value)
        several = frequency is Frequency.EVERY_N_DAYS
        for element, shown in (
            (self.on_word, days),
            (self.days_word, days),
            (self.unit, not days),
            (self.measure, not days),
            (self.period, not stamp and not several),
            (self.every_n_days, several),
            (self.for_word, not stamp),
            (self.total_periods, not stamp),
            (self.tracking, not stamp),
            (self.required_periods, not stamp and tracking is not Tracking.DEFAULT),
            (self.no_deadline, stamp),
            (self.start_date, self.start.value == "date"),
        ):
            element.set_visibility(shown)
        self.days_word.text = ngettext("day", "days", 1 if self.target.value == 1 else 2)
        _label(self.target, _("On how many days") if days else _("How many"))
        n = max(whole(self.every_n_days), 2)
        length = period_words(frequency, n, whole(self.total_periods))
        asked_length = _("For how many {length}").format(length=length)
        _label(self.total_periods, asked_length, suffix=length)
        choices = rules(frequency)
        if self.tracking.options != choices:
            self.tracking.set_options(choices, value=tracking)
        shown_as = rule_shown(tracking)
        if shown_as is None:
            self.tracking.props.pop("display-value", None)
        else:
            self.tracking.props["display-value"] = shown_as
        self.tracking.update()
        needed = needed_words(tracking, frequency, n, whole(self.required_periods))
        asked = (
            _("At least how many {needed}").format(needed=needed)
            if tracking is Tracking.STREAK
            else _("How many of them")
        )
        _label(self.required_periods, asked, suffix=needed)

    def show(self, errors: list[FieldError]) -> list[FieldError]:
        """Mark each blank an error names and say it under the sentence, naming the blank;
        the errors of no blank are returned."""
        blanks: dict[str, ui.input | ui.number] = {
            "event_type": self.thing,
            "target": self.target,
            "attribute": self.unit,
            "every_n_days": self.every_n_days,
            "total_periods": self.total_periods,
            "required_periods": self.required_periods,
        }
        for element in blanks.values():
            element.props.pop("error", None)
            element.props.pop("aria-invalid", None)
            element.update()
        self.problems.clear()
        rest: list[FieldError] = []
        with self.problems:
            for error in errors:
                if error.field not in blanks:
                    rest.append(error)
                    continue
                element = blanks[error.field]
                element.props["error"] = True
                element.props["aria-invalid"] = "true"
                element.update()
                name = blank_name(error.field)
                ui.label(f"{name}: {plain(error)}").mark(f"error-{error.field}")
        return rest


def _words(text: str) -> ui.label:
    return ui.label(text).classes("sentence-words")


def _input(aria: str, marker: str, example: str, width: str) -> ui.input:
    field = ui.input(placeholder=example).props(BLANK).classes(f"blank {width}").mark(marker)
    field.props["aria-label"] = aria
    return field.without_auto_validation()  # its errors are the builder's to set and clear


def _number(aria: str, marker: str, minimum: float, width: str) -> ui.number:
    field = ui.number(min=minimum).props(BLANK).classes(f"blank {width}").mark(marker)
    field.props["aria-label"] = aria
    return field.without_auto_validation()


def _select(options: dict, label: str, marker: str) -> ui.select:
    """A choice in the sentence; its label names it to screen readers (Quasar makes it the
    combobox's aria-label), the sentence around it names it on screen."""
    return ui.select(options, label=label).props(BLANK).classes("blank blank-select").mark(marker)


def _label(field: ui.element, aria: str, *, suffix: str | None = None) -> None:
    field.props["aria-label"] = aria
    if suffix is not None:  # as wide as its words and a few digits, so the line stays short
        field.props["suffix"] = suffix
        field.style(f"width: calc({len(suffix)}ch + 4.5rem)")
    field.update()
