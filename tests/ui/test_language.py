"""Which language a person is spoken to in: the browser's at sign-up, kept for them, brought
to each new device at sign-in, and changeable by a link that sets only this browser."""

from __future__ import annotations

import re

import pytest
from nicegui.testing import User
from sqlmodel import Session, select

from app.db.tables import Person, saved_id
from app.services.accounts import read_profile, set_language, sign_up
from app.ui.auth import BROWSER_ZONE
from tests.ui import harness
from tests.ui.conftest import PASSWORD, sign_in_with_the_form, signed_in


async def test_an_account_made_in_a_swedish_browser_is_spoken_to_in_swedish(user: User):
    user.http_client.headers["Accept-Language"] = "sv-SE,sv;q=0.9,en;q=0.5"
    user.javascript_rules[re.compile(re.escape(BROWSER_ZONE))] = lambda _: "Europe/Stockholm"
    await user.open("/signup")
    user.find(marker="email").type("sara@example.com")
    user.find(marker="password").type(PASSWORD)
    user.find(marker="submit").click()
    await user.should_see(marker="balance", retries=50)

    person = person_with("sara@example.com")
    assert read_profile(harness.ctx().engine, person_id=person).language == "sv"


async def test_a_new_device_speaks_the_language_the_person_chose(user: User):
    ctx = harness.ctx()
    person = sign_up(
        ctx.engine, email="sara@example.com", password=PASSWORD, timezone="UTC", now=ctx.clock.now()
    )
    set_language(ctx.engine, person_id=person, language="sv")
    user.http_client.headers["Accept-Language"] = "en-GB"

    await sign_in_with_the_form(user, "sara@example.com")

    assert user.http_client.cookies.get("goalpost_language") == "sv"


async def test_a_person_who_never_chose_leaves_the_device_its_own_language(user: User):
    ctx = harness.ctx()
    sign_up(
        ctx.engine, email="ada@example.com", password=PASSWORD, timezone="UTC", now=ctx.clock.now()
    )

    await sign_in_with_the_form(user, "ada@example.com")

    assert user.http_client.cookies.get("goalpost_language") is None


@pytest.mark.parametrize(
    ("path", "cookie", "to"),
    [
        ("/language/sv?next=/settings", "sv", "/settings"),
        ("/language/en?next=/signin", "en", "/signin"),
        ("/language/de?next=/settings", None, "/settings"),  # not one we speak: nothing set
        ("/language/sv?next=//evil.example", "sv", "/"),  # never away from this site
        ("/language/sv?next=https://evil.example/", "sv", "/"),
    ],
)
async def test_choosing_a_language_sets_only_this_browser_and_stays_on_the_site(
    user: User, path: str, cookie: str | None, to: str
):
    answer = await user.http_client.get(path, follow_redirects=False)

    assert answer.status_code == 303 and answer.headers["location"] == to
    assert answer.cookies.get("goalpost_language") == cookie


def person_with(email: str) -> int:
    with Session(harness.ctx().engine) as session:
        return saved_id(session.exec(select(Person).where(Person.email == email)).one())


async def test_choosing_svenska_in_settings_saves_it_and_redraws_the_page_in_swedish(user: User):
    person = await signed_in(user)
    await user.open("/settings")
    await user.should_see("Language")

    user.find(marker="language").elements.pop().set_value("sv")

    await user.should_see("Språk", retries=50)
    assert read_profile(harness.ctx().engine, person_id=person).language == "sv"
    assert user.http_client.cookies.get("goalpost_language") == "sv"


async def test_today_and_the_navigation_speak_swedish_once_chosen(user: User):
    await signed_in(user)
    user.http_client.cookies.set("goalpost_language", "sv")

    await user.open("/")

    await user.should_see("Inga utmaningar än", retries=50)
    for swedish in ("I dag", "Ny", "Poäng", "Belöningar", "Inställningar", "0 p"):
        await user.should_see(swedish)
    await user.should_not_see("No challenges yet")


async def test_a_refusal_beside_its_field_is_in_swedish_with_its_number(user: User):
    user.http_client.cookies.set("goalpost_language", "sv")
    await user.open("/signin")

    user.find(marker="email").type("ada@example.com")
    user.find(marker="password").type("x" * 5_000)
    user.find(marker="submit").click()

    await user.should_see("Lösenord får vara högst 128 tecken långa", retries=50)
