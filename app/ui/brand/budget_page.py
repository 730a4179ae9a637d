"""The points budget: what self-made challenges may pay, with an example of what it means."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.budget import (
    MAX_BUDGET_POINTS,
    MAX_FREEZES_HELD,
    Budget,
    most_it_can_pay,
    pay_under_budget,
)
from app.domain.challenge import ChallengeSpec, Frequency, Measure
from app.domain.errors import RuleError
from app.i18n import N_, _, current, ngettext, said
from app.services.budget import read_budget, update_budget
from app.ui.brand.frame import console_frame, load_console
from app.ui.builder_fields import number_field, whole
from app.ui.context import UIContext
from app.ui.frame import clear_errors, field_errors

# Each field: its label, what it means, and the most it takes.
FIELDS = {
    "points_per_period": (
        N_("Points per achieved period"),
        N_("What a self-made challenge pays each time a period reaches its target."),
        MAX_BUDGET_POINTS,
    ),
    "completion_points_per_period": (
        N_("Completion points, per period"),
        N_(
            "Paid when a self-made challenge completes, for each period it spans: longer "
            "challenges pay more."
        ),
        MAX_BUDGET_POINTS,
    ),
    "challenge_cap": (
        N_("Cap per challenge"),
        N_("At most this much from one challenge, all its awards together."),
        MAX_BUDGET_POINTS,
    ),
    "monthly_cap": (
        N_("Cap per person per month"),
        N_("At most this much to one person in a calendar month, in their time zone."),
        MAX_BUDGET_POINTS,
    ),
    "freeze_price": (
        N_("Streak freeze price"),
        N_("What a streak freeze costs: it keeps a streak going through one missed period."),
        MAX_BUDGET_POINTS,
    ),
    "freeze_max_held": (
        N_("Most freezes held per challenge"),
        N_("How many unused freezes a person may keep for one challenge; 0 turns freezes off."),
        MAX_FREEZES_HELD,
    ),
}
EXAMPLE = ChallengeSpec(
    name="Example",
    event_type="example",
    measure=Measure.COUNT,
    target=1,
    frequency=Frequency.DAILY,
    total_periods=7,
    required_periods=7,
)


def register(ctx: UIContext) -> None:
    @ui.page("/brand/budget")
    async def budget_page() -> None:
        loaded = await load_console(ctx, lambda: read_budget(ctx.engine))
        if loaded is None:
            return
        profile, budget = loaded
        with console_frame(
            _("Points budget"),
            section="Points budget",
            brand=ctx.brand,
            dark_mode=profile.dark_mode,
        ):
            ui.label(
                _(
                    "Self-made challenges pay under this budget; the brand's own definitions "
                    "pay what each one says. A change holds for awards from now on."
                )
            ).classes("text-sm")
            inputs: dict[str, ui.number] = {}
            with ui.element("div").classes("w-full grid grid-cols-1 md:grid-cols-2 gap-3"):
                for field, (label, explanation, most) in FIELDS.items():
                    with ui.card().classes("w-full gap-1"):
                        inputs[field] = number_field(_(label), field.replace("_", "-"), 0)
                        inputs[field].max = most  # a number: the browser's value is clamped
                        inputs[field].value = getattr(budget, field)
                        ui.label(_(explanation)).classes("text-sm text-gray-600")
            example = ui.label().classes("text-base").mark("example")
            example.props('aria-live="polite"')

            def read() -> Budget:
                return Budget(**{field: whole(element) for field, element in inputs.items()})

            def explain() -> None:
                example.text = example_text(read())

            for element in inputs.values():
                element.on_value_change(explain)
            explain()

            async def save() -> None:
                clear_errors(inputs)
                wanted = read()
                try:
                    await run.io_bound(
                        lambda: update_budget(
                            ctx.engine, budget=wanted, by=profile.email, now=ctx.clock.now()
                        )
                    )
                except RuleError as error:
                    field_errors(inputs, [(e.field, said(e)) for e in error.errors])
                    return
                ui.notify(_("Budget saved."), type="positive")

            ui.button(_("Save budget"), icon="save", on_click=save).classes("tap-target").mark(
                "save"
            )


def example_text(budget: Budget) -> str:
    """What a 7-day daily challenge, every day achieved, pays under `budget` (the same rule
    the awards follow: pay_under_budget, most_it_can_pay)."""
    pay = pay_under_budget(budget, EXAMPLE)
    per_day = pay.per_period * EXAMPLE.total_periods
    earned = per_day + pay.on_completion
    paid = most_it_can_pay(pay, EXAMPLE, budget.challenge_cap)
    words = current()
    figures = {
        "per_day": words.number(per_day),
        "completion": words.number(pay.on_completion),
        "earned": words.number(earned),
        "paid": words.number(paid),
    }
    days = EXAMPLE.total_periods
    if paid < earned:
        return ngettext(
            "A daily challenge for {count} day, every day achieved: {per_day} for the days + "
            "{completion} on completion = {earned}, capped at {cap}; it pays {paid} points.",
            "A daily challenge for {count} days, every day achieved: {per_day} for the days + "
            "{completion} on completion = {earned}, capped at {cap}; it pays {paid} points.",
            days,
            cap=words.number(budget.challenge_cap),
            **figures,
        )
    return ngettext(
        "A daily challenge for {count} day, every day achieved: {per_day} for the days + "
        "{completion} on completion = {earned}; it pays {paid} points.",
        "A daily challenge for {count} days, every day achieved: {per_day} for the days + "
        "{completion} on completion = {earned}; it pays {paid} points.",
        days,
        **figures,
    )
