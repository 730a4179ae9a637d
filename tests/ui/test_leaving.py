"""Settings → "Delete my account": the dialog says what happens, asks for the password, and
on the right one the account is gone, the browser signed out and told so on the landing page."""

from __future__ import annotations

from nicegui.testing import User
from sqlmodel import Session, select

from app.db.tables import Person, WebSession
from app.domain.templates import WATER
from app.ui.web_session import DEVICE_COOKIE, SESSION_COOKIE
from tests.ui import harness
from tests.ui.conftest import PASSWORD, signed_in, start_challenge


async def open_the_dialog(user: User) -> None:
    await user.open("/settings")
    await user.should_see(marker="delete-account", retries=50)
    user.find(marker="delete-account").click()
    await user.should_see(marker="delete-account-password", retries=50)


async def test_the_dialog_says_what_happens_and_offers_the_data_first(user: User):
    await signed_in(user)
    await open_the_dialog(user)

    await user.should_see("un-enrolled from")
    await user.should_see("This cannot be undone.")
    user.find(marker="delete-account-download").click()
    response = await user.download.next(timeout=5)
    assert response.json()["profile"]["email"] == "ada@example.com"


async def test_a_wrong_password_is_refused_beside_the_field_and_the_account_stays(user: User):
    person = await signed_in(user)
    await open_the_dialog(user)

    user.find(marker="delete-account-password").type("not my password")
    user.find(marker="delete-account-confirm").click()

    await user.should_see("That isn't your password", retries=50)
    field = user.find(marker="delete-account-password").elements.pop()
    assert field.props.get("error") is True
    with Session(harness.ctx().engine) as s:
        assert s.get(Person, person) is not None


async def test_keep_my_account_closes_the_dialog_and_changes_nothing(user: User):
    person = await signed_in(user)
    await open_the_dialog(user)

    user.find(marker="delete-account-cancel").click()

    await user.should_not_see(marker="delete-account-password", retries=50)
    with Session(harness.ctx().engine) as s:
        assert s.get(Person, person) is not None


async def test_the_right_password_deletes_signs_out_everywhere_and_says_so(user: User):
    person = await signed_in(user)
    start_challenge(person, WATER)
    browser_id = user.http_client.cookies["session"]
    assert DEVICE_COOKIE in user.http_client.cookies
    await open_the_dialog(user)

    user.find(marker="delete-account-password").type(PASSWORD)
    user.find(marker="delete-account-confirm").click()

    await user.should_see("Your account is deleted.", retries=50)
    with Session(harness.ctx().engine) as s:
        assert s.get(Person, person) is None
        assert s.exec(select(WebSession).where(WebSession.person_id == person)).all() == []
    assert SESSION_COOKIE not in user.http_client.cookies
    assert DEVICE_COOKIE not in user.http_client.cookies  # it names the email
    assert user.http_client.cookies["session"] != browser_id
    await user.open("/settings")
    await user.should_see("Welcome back", retries=50)  # signed out: sent to sign in


async def test_the_deleted_page_is_no_sign_out_link_for_someone_still_signed_in(user: User):
    person = await signed_in(user)

    await user.open("/account/deleted")

    await user.should_see(marker="balance", retries=50)  # still signed in, on Today
    assert SESSION_COOKIE in user.http_client.cookies
    with Session(harness.ctx().engine) as s:
        assert s.get(Person, person) is not None
