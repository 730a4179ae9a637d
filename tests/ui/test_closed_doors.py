"""Pages that odd input cannot break, and sign-in that cannot be fixed on someone else."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

import httpx
import pytest
from nicegui.testing import User

from app.services.accounts import sign_up
from app.ui import points, settings_page
from app.ui.auth import BROWSER_ZONE
from app.ui.web_session import DEVICE_COOKIE, SESSION_COOKIE
from tests.ui import harness
from tests.ui.conftest import PASSWORD, signed_in


@pytest.mark.parametrize(
    "odd", ["%C2%B2", "%D9%A3", "99999999999999999999999", "-1", "0", "1e3", "%20"]
)
async def test_an_odd_challenge_id_shows_the_normal_not_found_page(user: User, odd: str):
    await signed_in(user)

    await user.open(f"/challenge/{odd}")

    await user.should_see(marker="not-found", retries=50)


async def test_an_unknown_address_answers_404_with_the_not_found_page(user: User):
    answer = await user.http_client.get("/no/such/page")

    assert answer.status_code == 404
    assert "Not found · Goalpost" in answer.text and "Traceback" not in answer.text


@pytest.mark.parametrize(
    "path", ["/manifest.webmanifest", "/icons/icon-192.png", "/sw.js", "/offline"]
)
async def test_what_installing_the_app_needs_is_open_to_anyone_signed_out(user: User, path: str):
    answer = await user.http_client.get(path)

    assert answer.status_code == 200  # the same for everyone: nothing about anyone in it


@pytest.mark.parametrize("name", ["nope.png", "..%2Fgoalpost.db", "%00", "icon-192.png.exe"])
async def test_an_icon_that_is_not_one_of_ours_is_a_404(user: User, name: str):
    answer = await user.http_client.get(f"/icons/{name}")

    assert answer.status_code == 404
    assert "Traceback" not in answer.text


async def test_an_unexpected_error_shows_a_reference_and_keeps_the_details_in_the_log(
    user: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail: postgres://admin:hunter2@db")

    await signed_in(user)
    monkeypatch.setattr(points, "read_ledger", broken)

    answer = await user.http_client.get("/points")

    assert answer.status_code == 500
    assert "Something went wrong" in answer.text
    assert "hunter2" not in answer.text and "RuntimeError" not in answer.text
    logged = [r for r in caplog.records if r.name == "goalpost.errors"]
    assert logged and logged[0].exc_info is not None
    assert logged[0].getMessage().split()[-1] in answer.text  # the reference, on both sides
    caplog.clear()  # these ERROR lines are the point of the test


async def test_an_error_in_a_click_says_so_with_a_reference(
    user: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    await signed_in(user)
    await user.open("/settings")
    await user.should_see(marker="save", retries=50)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(settings_page, "update_profile", broken)
    user.find(marker="save").click()

    await user.should_see("Something went wrong on our side. Reference", retries=50)
    await user.should_not_see("secret detail")
    caplog.clear()


@pytest.mark.parametrize("zone", [{"zone": "UTC"}, 42, "x" * 10_000, ["Europe/Stockholm"]])
async def test_a_browser_that_sends_no_zone_name_gets_a_clear_refusal(user: User, zone: object):
    user.javascript_rules[re.compile(re.escape(BROWSER_ZONE))] = lambda _: zone
    await user.open("/signup")

    user.find(marker="email").type("zone@example.com")
    user.find(marker="password").type(PASSWORD)
    user.find(marker="submit").click()

    await user.should_see("Your browser sent no time zone we know", retries=50)


async def test_a_malformed_email_is_refused_beside_the_field(user: User):
    await user.open("/signup")

    user.find(marker="email").type("ada@@example.com")
    user.find(marker="password").type(PASSWORD)
    user.find(marker="submit").click()

    await user.should_see("name@example.com", retries=50)
    email = user.find(marker="email").elements.pop()
    assert email.props.get("error") is True


async def test_a_password_over_the_limit_gets_its_own_message(user: User):
    await user.open("/signin")

    user.find(marker="email").type("ada@example.com")
    user.find(marker="password").type("x" * 5_000)
    user.find(marker="submit").click()

    await user.should_see("at most 128 characters", retries=50)


def recorded(user: User) -> list[httpx.Response]:
    responses: list[httpx.Response] = []

    async def record(response: httpx.Response) -> None:
        responses.append(response)

    user.http_client.event_hooks["response"].append(record)
    return responses


async def test_a_browser_id_planted_before_sign_in_is_not_the_one_signed_in(
    user: User, create_user: Callable[[], User]
):
    attacker = create_user()
    await attacker.open("/signin")
    planted = attacker.http_client.cookies["session"]
    for cookie in attacker.http_client.cookies.jar:  # planted as it was set: same domain, path
        user.http_client.cookies.jar.set_cookie(cookie)

    await signed_in(user)

    assert user.http_client.cookies["session"] != planted
    assert SESSION_COOKIE not in attacker.http_client.cookies
    home = await attacker.http_client.get("/")
    assert "Create an account" in home.text  # still the landing page: not signed in
    await attacker.open("/points")
    await attacker.should_see("Welcome back", retries=50)


async def test_a_sign_in_ticket_works_once_and_only_for_the_browser_that_asked(
    user: User, create_user: Callable[[], User]
):
    responses = recorded(user)
    await signed_in(user)
    ticket_url = next(str(r.request.url) for r in responses if "/auth/session" in str(r.url))

    stranger = create_user()
    await stranger.open("/signin")
    taken = await stranger.http_client.get(ticket_url)
    again = await user.http_client.get(ticket_url)

    assert taken.status_code == again.status_code == 303
    assert taken.headers["location"] == again.headers["location"] == "/signin?expired=1"
    assert SESSION_COOKIE not in stranger.http_client.cookies


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("ALLOW_CLOCK_OVERRIDE")


async def test_in_production_the_sign_in_cookies_are_secure_httponly_and_lax(
    production: None, user: User
):
    responses = recorded(user)
    ctx = harness.ctx()
    sign_up(
        ctx.engine, email="ada@example.com", password=PASSWORD, timezone="UTC", now=ctx.clock.now()
    )
    await user.open("/signin")
    user.find(marker="email").type("ada@example.com")
    user.find(marker="password").type(PASSWORD)
    user.find(marker="submit").click()

    # httpx keeps Secure cookies off plain http://test, so the page itself stays signed out.
    for _ in range(50):
        completed = [r for r in responses if r.url.path == "/auth/session"]
        if completed:
            break
        await asyncio.sleep(0.1)
    cookies = completed[0].headers.get_list("set-cookie")
    for name in (SESSION_COOKIE, DEVICE_COOKIE):
        cookie = next(c.lower() for c in cookies if c.startswith(f"{name}="))
        assert "; secure" in cookie and "; httponly" in cookie and "samesite=lax" in cookie


async def test_signing_out_ends_the_session_for_good_and_gives_a_new_browser_id(
    user: User, create_user: Callable[[], User]
):
    await signed_in(user)
    token = user.http_client.cookies[SESSION_COOKIE]
    browser_id = user.http_client.cookies["session"]

    await user.open("/signout")

    assert user.http_client.cookies["session"] != browser_id
    assert SESSION_COOKIE not in user.http_client.cookies
    replay = create_user()
    replay.http_client.cookies.set(SESSION_COOKIE, token)
    assert "Create an account" in (await replay.http_client.get("/")).text


@pytest.mark.parametrize("path", ["/presenter", "/auth/presenter?ticket=x", "/presenter/stop"])
async def test_the_presenters_doors_exist_only_in_a_demo(user: User, path: str):
    answer = await user.http_client.get(path)

    assert answer.status_code == 404


async def test_the_not_found_page_speaks_the_browsers_language(user: User):
    swedish = await user.http_client.get("/no/such/page", headers={"Accept-Language": "sv-SE,sv"})
    english = await user.http_client.get("/no/such/page", headers={"Accept-Language": "en-GB"})

    assert swedish.status_code == english.status_code == 404
    assert "Vi hittade inte sidan" in swedish.text and '<html lang="sv"' in swedish.text
    assert "lang/sv.umd.prod.js" in swedish.text  # Quasar's own words in Swedish too
    assert "We couldn't find that page" in english.text and "Vi hittade" not in english.text


@pytest.mark.parametrize(("cookie", "heading"), [("sv", "Hittades inte"), ("xx", "Not found")])
async def test_a_language_chosen_in_settings_wins_over_the_browsers(
    user: User, cookie: str, heading: str
):
    answer = await user.http_client.get(
        "/no/such/page", headers={"Accept-Language": "en", "Cookie": f"goalpost_language={cookie}"}
    )

    assert f">{heading}<" in answer.text or f'"{heading}"' in answer.text
