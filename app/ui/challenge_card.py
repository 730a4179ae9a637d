"""A challenge's card: progress, streaks, time left, log buttons and, right after a log, undo.

Drawn once; after a log or an undo its labels change in place, so a tap sends a few texts
instead of a rebuilt card. Only a change of shape (a new status, a period starting) redraws it.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from nicegui import ui

from app.domain.challenge import Measure, Status
from app.domain.counts import amount, counted, time_left
from app.domain.failure import missed_period
from app.i18n import N_, _, current
from app.services.dashboard import ChallengeCard
from app.translations import Translator
from app.ui.plain_elements import PlainButton, ProgressBar

LogHandler = Callable[[ChallengeCard, float | None], Awaitable[object]]
UndoHandler = Callable[[], Awaitable[bool]]  # False: the log stays (kept, or refused)

# (words, Material icon): an icon font draws on every system, where an emoji may be a box.
STATUS_TEXT = {
    Status.UPCOMING: (N_("Starts soon"), "schedule"),
    Status.COMPLETED: (N_("Completed"), "emoji_events"),
    Status.FAILED: (N_("Ended"), "flag"),
    Status.ACTIVE: (N_("Active"), ""),
    Status.ABANDONED: (N_("Abandoned"), "cancel"),
}


class ChallengeCardView:
    """One challenge on a card.

    `in_list=True` (Today) links the name to the challenge's page and opens the field for a
    custom amount only on demand; `in_list=False` (the challenge's own page) leaves the name
    out and shows that field straight away.
    """

    def __init__(self, card: ChallengeCard, *, on_log: LogHandler, in_list: bool = True) -> None:
        self.card, self.on_log, self.in_list = card, on_log, in_list
        self.undo: UndoHandler | None = None
        self.undo_button: PlainButton | None = None
        self.custom: ui.number | None = None
        self.root = ui.card().classes("w-full gap-2").mark(f"card-{card.challenge_id}")
        self._draw()

    def show(self, card: ChallengeCard, undo: UndoHandler | None = None) -> None:
        """Bring the card in line with `card`; offer `undo` until the next change."""
        redraw = _shape(card) != _shape(self.card)
        self.card = card
        if redraw:
            self.root.clear()
            self._draw()
        else:
            self._fill()
            if self.custom is not None:
                self.custom.value = None  # logged: an amount left in the field would log twice
        self._offer_undo(undo)

    def _draw(self) -> None:
        card = self.card
        self.undo_button = self.custom = None
        with self.root:
            if self.in_list:  # the challenge's own page states its status once, at the top
                draw_name(card)
                reason = failure_reason(card)
                if reason:
                    ui.label(reason).classes("text-sm").mark("failed-because")
            if card.running is not None:
                self.progress = ProgressBar()
            # The period's total, its time left and the streaks: one element, its text
            # replaced whole on a log.
            self.figures = (
                ui.html(sanitize=False)
                .classes("w-full text-sm flex flex-col gap-2")
                .mark("figures")
            )
            if _can_log(card):
                self._draw_log_buttons()
        self._fill()

    def _fill(self) -> None:
        card, period, words = self.card, self.card.running, current()
        lines = []
        if period is not None:
            text = progress_text(card)
            self.progress.set(
                label=text,
                value=period.total / period.target if period.target else 0.0,
                achieved=period.achieved,
            )
            # a finished challenge has no deadline left, even while its period runs
            left = time_left(card.time_left, words) if card.status is Status.ACTIVE else None
            lines.append(
                '<div class="flex justify-between gap-2">'
                f"<div>{html.escape(text)}</div>"
                + (f'<div class="text-gray-500">{html.escape(left)}</div>' if left else "")
                + "</div>"
            )
        streak = _("{count} streak").format(count=words.number(card.current_streak))
        best = _("Best {count}").format(count=words.number(card.best_streak))
        achieved = _("{achieved} of {needed} achieved").format(
            achieved=words.number(card.achieved_periods), needed=words.number(card.periods_needed)
        )
        lines.append(
            '<div class="flex flex-wrap gap-4 items-center">'
            f'<span class="streak-count">{html.escape(streak)}</span>'
            f"<span>{html.escape(best)}</span>"
            f"<span>{html.escape(achieved)}</span></div>"
        )
        # Every part escaped: a unit is the person's own word.
        self.figures.content = "".join(lines)

    def _draw_log_buttons(self) -> None:
        card = self.card
        with ui.row().classes("items-center gap-2 no-wrap") as self.log_row:
            PlainButton(
                f"+{in_units(card, 1, current())}",
                on_click=lambda: self.on_log(self.card, 1 if card.measure == Measure.SUM else None),
            ).classes("tap-target").mark("log-one")
            if card.measure != Measure.SUM:
                return
            if self.in_list:
                self.other = (
                    PlainButton(_("Other amount"), on_click=self._open_amount, look="outline")
                    .classes("tap-target")
                    .mark("log-amount")
                )
            else:
                self._draw_amount(focus=False)

    def _open_amount(self) -> None:
        self.other.delete()
        with self.log_row:
            self._draw_amount(focus=True)

    def _draw_amount(self, *, focus: bool) -> None:
        self.custom = custom = (
            ui.number(label=self.card.unit or _("amount"), min=0, format="%.0f")
            .classes("w-28")
            .props("dense outlined" + (" autofocus" if focus else ""))
            .mark("custom-amount")
        )
        ui.button(_("Log"), on_click=lambda: self.on_log(self.card, custom.value)).props(
            "outline"
        ).classes("tap-target").mark("log-custom")

    def _offer_undo(self, undo: UndoHandler | None) -> None:
        self.undo = undo
        if self.undo_button is None and undo is not None:
            with self.root:
                self.undo_button = PlainButton(
                    _("Undo last log"), on_click=self._undo_clicked, look="flat", icon="undo"
                ).mark("undo")
        if self.undo_button is not None:
            self.undo_button.visible = undo is not None

    async def _undo_clicked(self) -> None:
        undo, self.undo = self.undo, None  # a second tap while the first runs does nothing
        if undo is not None and not await undo() and self.undo is None:
            self.undo = undo  # kept after all: the offer stands


def _shape(card: ChallengeCard) -> tuple[Status, bool]:
    """What decides which elements the card has; texts and values change in place."""
    return card.status, card.running is None


def _can_log(card: ChallengeCard) -> bool:
    # With no running period an active challenge waits for its first log (cyclic window).
    return card.status is Status.ACTIVE


def draw_name(card: ChallengeCard) -> None:
    """The name, linking to the challenge's page; beside it the status, unless active."""
    if card.status is Status.ACTIVE:
        _name_link(card)
        return
    with ui.row().classes("w-full items-start justify-between no-wrap"):
        _name_link(card)
        draw_status(card)


def _name_link(card: ChallengeCard) -> None:
    ui.link(card.name, f"/challenge/{card.challenge_id}").classes(
        "text-lg font-medium break-all no-underline text-inherit"
    )


def draw_status(card: ChallengeCard) -> None:
    """The status as a badge: its icon is decoration, its words are the text read out."""
    words, icon = STATUS_TEXT[card.status]
    with ui.badge().classes("items-center gap-1 no-wrap").mark("status"):
        if icon:
            ui.icon(icon).props('aria-hidden="true"')
        ui.label(_(words))


def status_line(card: ChallengeCard) -> str:
    """'Completed', 'Ended: missed Tuesday 9 December': the status once, with why it ended."""
    words = _(STATUS_TEXT[card.status][0])
    reason = failure_reason(card)
    if reason:
        return _("{status}: {reason}").format(status=words, reason=reason[:1].lower() + reason[1:])
    return words


def failure_reason(card: ChallengeCard) -> str | None:
    """'Missed Tuesday 9 December' in the tab's language; None unless the challenge failed."""
    if card.failed_period is None:
        return None
    return missed_period(*card.failed_period, words=current())


def progress_text(card: ChallengeCard) -> str:
    period = card.running
    assert period is not None
    words = current()
    return _("{done} of {target}").format(
        done=amount(period.total, words), target=in_units(card, period.target, words)
    )


def in_units(card: ChallengeCard, value: float, words: Translator) -> str:
    """'8 glasses', '1 day', '3 times': `value` in what the challenge counts, its unit when it
    has one (the person's word), else the app's days (visits) or times."""
    if card.unit:
        return counted(value, card.unit, words=words)
    one = 1 if value == 1 else 2  # the plural's form for any other amount
    if card.measure == Measure.VISIT:
        form = words.messages.ngettext("{count} day", "{count} days", one)
    else:
        form = words.messages.ngettext("{count} time", "{count} times", one)
    return form.format(count=amount(value, words))


def unit_of(card: ChallengeCard) -> str:
    """What the challenge counts, in words: its unit, else days (visits) or times."""
    if card.unit:
        return card.unit
    return _("days") if card.measure == Measure.VISIT else _("times")
