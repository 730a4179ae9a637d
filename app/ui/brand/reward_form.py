"""A reward's form: what it is and costs, how many and for whom, when, and its codes.

Errors come back from the service (reward_errors, parse_codes) and are shown beside the field
they name; the codes' errors, one per line, are listed under the codes box.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from nicegui import ui

from app.domain.errors import FieldError
from app.domain.rewards import MAX_COST, MAX_STOCK, MAX_VALID_DAYS, CodeSource, RewardRule
from app.i18n import N_, _, said
from app.ui.brand.frame import utc_day, utc_midnight
from app.ui.brand.reward_codes import CodesBox
from app.ui.browser_values import as_text
from app.ui.builder_fields import FIELD, number_field, text_field, whole
from app.ui.frame import clear_errors, field_errors

ICONS = {
    "redeem": N_("Gift"),
    "card_giftcard": N_("Gift card"),
    "local_offer": N_("Discount tag"),
    "confirmation_number": N_("Ticket"),
    "local_cafe": N_("Coffee"),
    "restaurant": N_("Meal"),
    "shopping_bag": N_("Shopping"),
    "local_shipping": N_("Free delivery"),
    "fitness_center": N_("Fitness"),
    "spa": N_("Wellness"),
    "sports_esports": N_("Games"),
    "volunteer_activism": N_("Donation"),
}
SOURCES = {
    CodeSource.GENERATED: N_("Generate codes"),
    CodeSource.UPLOADED: N_("Upload our codes"),
}
BLANK = RewardRule(title="", cost=100)


class RewardForm:
    """Draws the fields; `rule()` and `codes()` read them back; `show(errors)` places errors.

    On edit (`editing`) the code source is shown, not offered: a reward keeps its kind of codes.
    """

    def __init__(self, rule: RewardRule = BLANK, *, editing: bool = False) -> None:
        self.start_rule, self.editing = rule, editing
        self.inputs: dict[str, ui.element] = {}
        self.codes_box: CodesBox | None = None
        self.source: ui.radio | None = None

    def draw(self) -> None:
        with ui.element("div").classes("w-full grid grid-cols-1 md:grid-cols-2 gap-3"):
            with ui.card().classes("w-full gap-3"):
                _heading(_("What it is"))
                self._what()
            with ui.card().classes("w-full gap-3"):
                _heading(_("How many, for whom, and when"))
                self._limits()
            with ui.card().classes("w-full gap-3"):
                _heading(_("Codes"))
                self._codes()
        self.problem = ui.label().classes("text-negative").mark("form-error")
        self.fill(self.start_rule)

    def _what(self) -> None:
        i = self.inputs
        i["title"] = text_field(_("Title"), "title", _("e.g. A free coffee")).props("maxlength=121")
        i["description"] = (
            ui.textarea(_("Description"))
            .props(f"{FIELD} autogrow maxlength=2001")
            .classes("w-full")
            .mark("description")
        )
        with ui.row().classes("w-full items-start gap-2 no-wrap"):
            icons = {name: _(label) for name, label in ICONS.items()}
            icons.setdefault(self.start_rule.icon, self.start_rule.icon)
            icon = ui.select(icons, label=_("Icon")).props(FIELD).classes("grow").mark("icon")
            self.preview = (
                ui.icon("redeem").classes("text-4xl text-primary mt-2").mark("icon-preview")
            )
        icon.on_value_change(lambda e: self.preview.set_name(str(e.value or "redeem")))
        i["icon"] = icon
        i["image_url"] = text_field(
            _("Image address (optional)"),
            "image-url",
            _("An https:// address of a picture of it"),
        )
        i["cost"] = _number(_("Cost, in points"), "cost", 0, MAX_COST)

    def _limits(self) -> None:
        i = self.inputs
        with ui.column().classes("w-full gap-1") as stock_block:
            i["stock"] = _number(_("Stock: how many there are"), "stock", 0, MAX_STOCK)
            self.unlimited = _none_switch(i["stock"], _("Unlimited"), "stock-unlimited")
        self.stock_block = stock_block
        self.stock_note = ui.label(_("Stock is the number of codes you upload.")).classes(
            "text-sm text-gray-600"
        )
        i["per_person_limit"] = _number(
            _("Most one person may redeem"), "per-person-limit", 1, 1000
        )
        self.no_limit = _none_switch(i["per_person_limit"], _("No limit"), "no-limit")
        i["active_from"] = text_field(_("Available from (empty: at once)"), "active-from")
        i["active_to"] = text_field(_("Available until (empty: no end)"), "active-to")
        for key in ("active_from", "active_to"):
            i[key].props("type=date stack-label")
        ui.label(
            _(
                "Dates are days in UTC: a reward opens as its first day begins and closes as "
                "its end day begins."
            )
        ).classes("text-xs text-gray-600")

    def _codes(self) -> None:
        i = self.inputs
        i["code_valid_days"] = _number(
            _("A code is valid for, in days"), "code-valid-days", 1, MAX_VALID_DAYS
        )
        self.never_expires = _none_switch(i["code_valid_days"], _("Never expires"), "never-expires")
        if self.editing:
            source = self.start_rule.code_source
            ui.label(
                _("Codes: {source} (a reward keeps its kind of codes)").format(
                    source=_(SOURCES[source])
                )
            ).mark("code-source-fixed")
        else:
            sources = {source: _(label) for source, label in SOURCES.items()}
            source_choice = ui.radio(sources, value=CodeSource.GENERATED).props("inline")
            source_choice.on_value_change(lambda: self._show_for(self.code_source))
            self.source = i["code_source"] = source_choice.mark("code-source")
        i["code_prefix"] = text_field(
            _("Code prefix (optional)"),
            "code-prefix",
            _("Capital letters, digits and dashes, e.g. RUN-"),
        ).props("maxlength=21")
        self.uploaded_block = ui.column().classes("w-full gap-1")
        if not self.editing:
            with self.uploaded_block:
                self.codes_box = CodesBox("codes")
                self.codes_box.draw()

    def _show_for(self, source: CodeSource) -> None:
        """Stock and prefix belong to generated codes; the codes box to uploaded ones."""
        generated = source is CodeSource.GENERATED
        self.stock_block.set_visibility(generated)
        self.inputs["code_prefix"].set_visibility(generated)
        self.stock_note.set_visibility(not generated)
        self.uploaded_block.set_visibility(not generated and not self.editing)

    @property
    def code_source(self) -> CodeSource:
        if self.source is None:
            return self.start_rule.code_source
        value = self.source.value  # a tampered page may send anything: read it as ours or not
        known = isinstance(value, str) and value in {s.value for s in CodeSource}
        return CodeSource(value) if known else CodeSource.GENERATED

    def fill(self, rule: RewardRule) -> None:
        i = self.inputs
        values: dict[str, object] = {
            "title": rule.title,
            "description": rule.description,
            "icon": rule.icon,
            "image_url": rule.image_url or "",
            "cost": rule.cost,
            "stock": rule.stock if rule.stock is not None else 100,
            "per_person_limit": rule.per_person_limit or 1,
            "active_from": utc_day(rule.active_from),
            "active_to": utc_day(rule.active_to),
            "code_valid_days": rule.code_valid_days or 90,
            "code_prefix": rule.code_prefix,
        }
        for key, value in values.items():
            i[key].set_value(value)  # type: ignore[attr-defined]
        self.unlimited.set_value(rule.stock is None)
        self.no_limit.set_value(rule.per_person_limit is None)
        self.never_expires.set_value(rule.code_valid_days is None)
        if self.source is not None:
            self.source.set_value(rule.code_source)
        self.preview.set_name(rule.icon)
        self._show_for(rule.code_source)

    def rule(self) -> RewardRule:
        """The reward as the form stands."""
        source = self.code_source
        generated = source is CodeSource.GENERATED
        return RewardRule(
            title=self._text("title", 120),
            cost=self._whole("cost"),
            description=self._text("description", 2000),
            icon=self._icon(),
            image_url=self._text("image_url", 500).strip() or None,
            stock=None if self.unlimited.value or not generated else self._whole("stock"),
            per_person_limit=None if self.no_limit.value else self._whole("per_person_limit"),
            active_from=self._instant("active_from", self.start_rule.active_from),
            active_to=self._instant("active_to", self.start_rule.active_to),
            code_valid_days=None if self.never_expires.value else self._whole("code_valid_days"),
            code_source=source,
            code_prefix=self._text("code_prefix", 20) if generated else "",
        )

    def codes(self) -> str | None:
        """The codes pasted or read from a file, for a new reward of uploaded codes."""
        if self.codes_box is None or self.code_source is not CodeSource.UPLOADED:
            return None
        return self.codes_box.text

    def show(self, errors: list[FieldError]) -> None:
        """Each error beside its field, the codes' under their box; the rest below the form."""
        clear_errors(self.inputs)
        lines = [said(e) for e in errors if e.field == "codes"]
        others = [(e.field, said(e)) for e in errors if e.field != "codes"]
        unplaced = field_errors(self.inputs, others)
        if self.codes_box is not None:
            self.codes_box.show(lines)
        else:
            unplaced += lines
        self.problem.text = " ".join(unplaced)

    def _text(self, key: str, most: int) -> str:
        return as_text(getattr(self.inputs[key], "value", None), most=most)

    def _whole(self, key: str) -> int:
        return whole(cast(ui.number, self.inputs[key]))

    def _icon(self) -> str:
        chosen = self._text("icon", 64)
        return chosen if chosen in ICONS or chosen == self.start_rule.icon else "redeem"

    def _instant(self, key: str, started: datetime | None) -> datetime | None:
        """The day's start in UTC; the time it had kept when its day is left as it was (so a
        reward ended at 16:05 is not moved to midnight by saving its texts)."""
        text = self._text(key, 10)
        if started is not None and text == utc_day(started):
            return started
        return utc_midnight(text)


def _number(label: str, marker: str, least: int, most: int) -> ui.number:
    field = number_field(label, marker, least)
    field.max = most  # a number, not a props string: the browser's value is clamped to it
    return field


def _none_switch(number: ui.element, label: str, marker: str) -> ui.switch:
    """A switch that, on, means "none" for the number beside it (and disables it)."""
    switch = ui.switch(label).mark(marker)
    number.bind_enabled_from(switch, "value", backward=lambda on: not on)  # type: ignore[attr-defined]
    return switch


def _heading(text: str) -> None:
    """A card's heading; `text` is translated already."""
    ui.label(text).classes("font-medium").props("role=heading aria-level=2")
