"""The brand console, the outbox page and the presenter's bar speak only through the catalog
(every page in a pseudo-language, empty and with data, dialogs open, errors showing), and
in Swedish once it is chosen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from nicegui.testing import User
from sqlmodel import Session, select

from app.db.tables import OutboxItem
from app.demo.seed import DemoPerson
from app.domain.definitions import DefinitionRule
from app.domain.rewards import CodeSource, RewardRule
from app.domain.templates import STEPS, WATER
from app.services.api_keys import list_api_keys
from app.services.assignments import start_definition
from app.services.definitions import create_definition, list_definitions, publish_definition
from app.services.rewards import create_reward
from app.sync.behind_the_scenes import BehindTheScenes, MirroredChallenge, PeriodSides
from app.translations import translator
from app.ui import frame, presenter, presenter_bar
from app.ui.presenter_bar import DemoControls, draw_if_presenting
from tests.ui import harness
from tests.ui.conftest import signed_in, start_challenge
from tests.ui.test_brand_console import PAGES
from tests.ui.untranslated import pseudo, untranslated  # noqa: F401  (pseudo: a fixture, used by name)

OPERATOR = "brand@example.com"
# What the operator, the brand or the upstream named, and identifiers they copy: data.
DATA = (OPERATOR, "Ada", "Goalpost", "Brand steps", "Brand draft", "Free coffee", "Cinema")


@pytest.fixture
def operators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPERATOR_EMAILS", OPERATOR)


def type_into(user: User, marker: str, text: str) -> None:
    user.find(marker=marker).clear().type(text)


def definition_names() -> tuple[str, ...]:
    ctx = harness.ctx()
    found = list_definitions(ctx.engine, now=ctx.clock.now(), count=100)
    return tuple(view.name for view in found.items)


def left_untranslated(user: User, *data: str) -> list[str]:
    return untranslated(user, data=(*DATA, *definition_names(), *data))


def a_definition(name: str, *, published: bool) -> int:
    ctx = harness.ctx()
    spec = STEPS.start(timezone="UTC", start_date=None)
    rule = DefinitionRule(spec=replace(spec, name=name), icon="directions_walk")
    made = create_definition(ctx.engine, rule=rule, by=OPERATOR, now=ctx.clock.now())
    if published:
        publish_definition(ctx.engine, definition_id=made, by=OPERATOR, now=ctx.clock.now())
    return made


def a_reward(title: str, source: CodeSource, codes: str | None = None) -> int:
    ctx = harness.ctx()
    rule = RewardRule(title=title, cost=1500, code_source=source)
    return create_reward(ctx.engine, rule=rule, codes=codes, by=OPERATOR, now=ctx.clock.now())


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("pseudo")
async def test_every_console_page_speaks_only_through_the_catalog(
    operators: None, user: User, page: str
):
    await signed_in(user, email=OPERATOR)

    await user.open(page)

    await user.should_see(marker="brand-name", retries=50)
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_definitions_speak_only_through_the_catalog_empty_and_full(
    operators: None, user: User
):
    a_definition("Brand steps", published=True)
    draft = a_definition("Brand draft", published=False)
    await signed_in(user, email=OPERATOR)

    await user.open("/brand?status=Draft")
    await user.should_see(marker="definition-row", retries=50)
    assert left_untranslated(user) == []
    await user.open("/brand?status=Scheduled")
    await user.should_see(marker="empty", retries=50)
    assert left_untranslated(user) == []
    await user.open("/brand")
    await user.should_see(marker="paging", retries=50)
    assert left_untranslated(user) == []

    await user.open(f"/brand/definitions/{draft}")
    await user.should_see(marker="publish", retries=50)
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_a_published_definition_its_dialogs_and_its_errors_speak_through_the_catalog(
    operators: None, user: User
):
    ctx = harness.ctx()
    published = a_definition("Brand steps", published=True)
    await signed_in(user, email=OPERATOR)
    await user.open(f"/brand/definitions/{published}")
    await user.should_see(marker="rule-locked", retries=50)
    assert left_untranslated(user) == []

    user.find(marker="end").click()
    await user.should_see(marker="end-dialog")
    assert left_untranslated(user) == []
    user.find(marker="end-confirm").click()
    await user.should_see(marker="reopen", retries=50)
    assert left_untranslated(user) == []

    user.find(marker="reopen").click()
    await user.should_see(marker="reopen-dialog")
    assert left_untranslated(user) == []
    type_into(user, "reopen-until", (ctx.clock.now() - timedelta(days=2)).date().isoformat())
    user.find(marker="reopen-confirm").click()
    await user.should_see(marker="reopen-until", content="⟦", retries=50)
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_new_definition_form_with_its_errors_speaks_through_the_catalog(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/definitions/new")
    await user.should_see(marker="save", retries=50)
    type_into(user, "name", "Brand draft")
    type_into(user, "target", "0")

    user.find(marker="save").click()

    await user.should_see(marker="target", content="⟦", retries=50)
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_budget_with_a_cap_and_an_error_speaks_through_the_catalog(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/budget")
    await user.should_see(marker="example", retries=50)
    type_into(user, "challenge-cap", "50")  # the example is capped
    type_into(user, "monthly-cap", "2000000")

    user.find(marker="save").click()

    await user.should_see(marker="monthly-cap", content="⟦", retries=50)
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_keys_created_shown_once_listed_and_revoked_speak_through_the_catalog(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/keys")
    await user.should_see(marker="no-keys", retries=50)
    assert left_untranslated(user) == []
    type_into(user, "key-name", "CRM")

    user.find(marker="create-key").click()

    await user.should_see(marker="shown-once", retries=50)
    [key] = list_api_keys(harness.ctx().engine)
    shown = next(iter(user.find(marker="key-value").elements)).text
    assert left_untranslated(user, "CRM", shown) == []
    user.find(marker="copy-key").click()
    await user.should_see("⟦Copied.⟧", retries=50)
    user.find(marker="key-done").click()
    await user.should_see(marker="key-row", retries=50)
    assert left_untranslated(user, "CRM", key.prefix) == []
    user.find(marker=f"revoke-{key.id}").click()
    await user.should_see(marker="revoke-dialog")
    assert left_untranslated(user, "CRM", key.prefix) == []
    user.find(marker="revoke-confirm").click()
    await user.should_see(marker=f"revoked-{key.id}", retries=50)
    assert left_untranslated(user, "CRM", key.prefix) == []


@pytest.mark.usefixtures("pseudo")
async def test_participation_with_figures_speaks_through_the_catalog(operators: None, user: User):
    ctx = harness.ctx()
    person = await signed_in(user, email=OPERATOR)
    for definition in (a_definition("Brand steps", published=True), 1):
        start_definition(
            ctx.engine,
            person_id=person,
            definition_id=definition,
            now=ctx.clock.now(),
            consent=True,
        )

    await user.open("/brand/participation")
    await user.should_see(marker="month-paid", retries=50)
    assert left_untranslated(user) == []
    user.find(marker="funnel-definition").click()

    await user.should_see(marker="funnel", retries=50)
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_rewards_with_codes_and_their_errors_speak_through_the_catalog(
    operators: None, user: User
):
    a_reward("Free coffee", CodeSource.GENERATED)
    uploaded = a_reward("Cinema", CodeSource.UPLOADED, codes="A1\nB1\n")
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards")
    await user.should_see(marker="reward-row", retries=50)
    assert left_untranslated(user) == []

    await user.open(f"/brand/rewards/{uploaded}")
    await user.should_see(marker="more-codes", retries=50)
    assert left_untranslated(user) == []
    type_into(user, "add-codes", "C1\n\nA1\n")
    user.find(marker="add-codes-save").click()
    await user.should_see(marker="add-codes-error", retries=50)
    assert left_untranslated(user, "A1") == []
    type_into(user, "add-codes", "C1\nD1\n")
    user.find(marker="add-codes-save").click()
    await user.should_see(marker="codes-added", content="⟦", retries=50)
    assert left_untranslated(user) == []

    user.find(marker="end").click()
    await user.should_see(marker="end-dialog")
    assert left_untranslated(user) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_new_reward_form_with_its_errors_speaks_through_the_catalog(
    operators: None, user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/brand/rewards/new")
    await user.should_see(marker="title", retries=50)
    type_into(user, "title", "Cinema")
    type_into(user, "cost", "0")
    type_into(user, "active-from", "2030-03-10")
    type_into(user, "active-to", "2030-03-01")
    user.find(marker="code-source").click()
    user.find("⟦Upload our codes⟧").click()
    type_into(user, "codes", "A1\n\nB1\nA1\n")

    user.find(marker="save").click()

    await user.should_see(marker="codes-error", retries=50)
    assert left_untranslated(user, "A1") == []


def outbox_in_every_state() -> None:
    """The challenge's items: one left pending, one sent, one dead with a reason, one skipped."""
    ctx = harness.ctx()
    now = ctx.clock.now()
    with Session(ctx.engine) as session:
        items = session.exec(select(OutboxItem).order_by(OutboxItem.id)).all()  # type: ignore[arg-type]
        for item, status in zip(items[1:], ("sent", "dead", "skipped"), strict=False):
            item.status, item.attempts = status, 3
            item.sent_at = now if status == "sent" else None
            item.last_error = "HTTP 500 from upstream" if status != "sent" else None
            session.add(item)
        session.commit()


OUTBOX_DATA = ("HTTP 500 from upstream",)


def outbox_identifiers() -> tuple[str, ...]:
    """Item kinds, stream names, job names and this instance's name: the operator copies them."""
    ctx = harness.ctx()
    with Session(ctx.engine) as session:
        items = session.exec(select(OutboxItem)).all()
        named = {item.kind for item in items} | {item.stream for item in items}
    assert ctx.scheduler is not None
    jobs = {job.name for job in ctx.scheduler.jobs}
    errors = {h.last_error for h in ctx.scheduler.health.values() if h.last_error}
    return (*named, *jobs, *errors, ctx.settings.instance)


@pytest.mark.parametrize("status", ["pending", "sent", "dead", "skipped", "cancelled", "all"])
@pytest.mark.usefixtures("pseudo")
async def test_the_outbox_in_every_state_speaks_through_the_catalog(
    operators: None, user: User, status: str
):
    person = await signed_in(user, email=OPERATOR)
    start_challenge(person, WATER)
    outbox_in_every_state()

    await user.open(f"/operator/outbox?status={status}")

    await user.should_see(marker="jobs", retries=50)
    assert left_untranslated(user, *OUTBOX_DATA, *outbox_identifiers()) == []


PEOPLE = [DemoPerson(1, "alva@example.com", "Alva", "Keeps a streak")]
PRESENTER_DATA = ("Alva", "Keeps a streak", "Drink water", *OUTBOX_DATA)


def scenes(customer: int | None) -> BehindTheScenes:
    """What the platform would hold: a challenge mirrored, one sent yet, periods in states."""
    day = harness.ctx().clock.now().date()
    periods = [
        PeriodSides(i, day + timedelta(days=i), ours, state, theirs)
        for i, (ours, state, theirs) in enumerate(
            [(8, "achieved", 8.0), (3, "missed", 3.0), (0, "frozen", None), (2, "running", 1.0)]
        )
    ]
    mirrored = MirroredChallenge(1, "Drink water", 11, 12, 13, True, 1, periods)
    waiting = MirroredChallenge(2, "Drink water", None, None, None, False, 0, periods[-1:])
    return BehindTheScenes(customer_id=customer, challenges=[mirrored, waiting] if customer else [])


@pytest.fixture
def presenting(user: User, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BehindTheScenes]]:
    """Every page shows the presenter's bar, as a presenting browser in a demo sees it; the
    platform's answer is the list's last."""
    answers = [scenes(None)]

    async def read(*args: object, **kwargs: object) -> BehindTheScenes:
        return answers[-1]

    monkeypatch.setattr(presenter_bar, "is_presenter", lambda ctx, cookie: True)
    monkeypatch.setattr(presenter_bar, "read_behind_the_scenes", read)
    controls = DemoControls(people=lambda: PEOPLE, reset=lambda: None, client=object())  # type: ignore[arg-type]
    frame.set_page_top(lambda: draw_if_presenting(harness.ctx(), controls))
    yield answers
    frame.set_page_top(None)


@pytest.mark.usefixtures("pseudo")
async def test_the_presenters_bar_its_reset_and_behind_the_scenes_speak_through_the_catalog(
    operators: None, presenting: list[BehindTheScenes], user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/operator/outbox")  # a page of the app's own frame
    await user.should_see(marker="presenter-reset", retries=50)
    assert left_untranslated(user, *PRESENTER_DATA, *outbox_identifiers()) == []

    user.find(marker="presenter-reset").click()
    await user.should_see(marker="confirm-reset", retries=50)
    assert left_untranslated(user, *PRESENTER_DATA, *outbox_identifiers()) == []


@pytest.mark.usefixtures("pseudo")
async def test_behind_the_scenes_speaks_through_the_catalog(
    operators: None, presenting: list[BehindTheScenes], user: User
):
    await signed_in(user, email=OPERATOR)
    await user.open("/operator/outbox")
    await user.should_see(marker="presenter-scenes", retries=50)

    user.find(marker="presenter-scenes").click()

    await user.should_see(marker="scenes-customer", retries=50)
    assert left_untranslated(user, *PRESENTER_DATA, *outbox_identifiers()) == []
    presenting.append(scenes(7))
    await user.should_see(marker="scenes-challenge", retries=50)  # read again while open
    assert left_untranslated(user, *PRESENTER_DATA, *outbox_identifiers()) == []


@pytest.mark.usefixtures("pseudo")
async def test_the_presenters_door_and_its_refusal_speak_through_the_catalog(user: User):
    await user.open("/signin")  # the app is built; a demo registers its presenter's door
    presenter.register(harness.ctx(), control_secret="the demo's secret")

    await user.open("/presenter")
    await user.should_see(marker="start-presenting", retries=50)
    user.find(marker="presenter-secret").type("a guess")
    user.find(marker="start-presenting").click()

    await user.should_see(marker="form-error", content="⟦", retries=50)
    assert untranslated(user) == []


async def swedish_operator(user: User) -> None:
    user.http_client.cookies.set("goalpost_language", "sv")
    await signed_in(user, email=OPERATOR)


async def test_the_console_speaks_swedish_once_chosen(operators: None, user: User):
    await swedish_operator(user)

    await user.open("/brand")

    await user.should_see(marker="brand-name", content="Goalpost · Varumärkeskonsol", retries=50)
    await user.should_see("Definitioner")
    await user.should_see("Poängbudget")
    await user.should_see(marker="filter-all", content="Alla")
    await user.should_see(marker="status-active", content="Aktiv")


async def test_participation_words_its_figures_in_swedish(operators: None, user: User):
    sv = translator("sv")
    month = sv.day(harness.ctx().clock.now(), "LLLL yyyy")
    await swedish_operator(user)

    await user.open("/brand/participation")

    await user.should_see(marker="month-paid", content="0 poäng till 0 personer", retries=50)
    await user.should_see(f"Utbetalda poäng i {month}")
    await user.should_see(marker="month-cap", content=f"högst {sv.number(1000)} poäng per person")


async def test_the_budget_example_reads_in_swedish(operators: None, user: User):
    await swedish_operator(user)

    await user.open("/brand/budget")

    await user.should_see(
        marker="example", content="En daglig utmaning i 7 dagar, varje dag uppnådd", retries=50
    )
    await user.should_see(marker="example", content="poäng.")
