"""Real journeys in Chromium against a real server whose clock the test moves forward."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.server import control_headers, running_server

PASSWORD = "correct horse battery"
WATER = "Start: Water every day"


@pytest.fixture(scope="module")
def journey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of this module's own: these journeys move its clock by days."""
    data = tmp_path_factory.mktemp("journeys")
    with running_server(data, ALLOW_CLOCK_OVERRIDE="true") as url:
        yield url


def new_person(browser: Browser, base_url: str, email: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        base_url=base_url, timezone_id="Europe/Stockholm", viewport={"width": 375, "height": 812}
    )
    page = context.new_page()
    page.goto("/signup")
    page.get_by_label("Your name").fill(email.split("@")[0].title())
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/new$"))
    return context, page


def advance(base_url: str, days: int) -> None:
    httpx.post(
        f"{base_url}/_demo/clock/advance", params={"days": days}, headers=control_headers()
    ).raise_for_status()


def drink(page: Page, glasses: int) -> None:
    """Log a number of glasses; on Today the field opens on demand, the challenge page has it."""
    log_amount(page, glasses, unit="glasses", other="Other amount", log="Log")


def log_amount(page: Page, amount: int, *, unit: str, other: str, log: str) -> None:
    """Log `amount` through the field named by its unit, opening it with `other` if needed."""
    field = page.get_by_role("spinbutton", name=unit)
    opener = page.get_by_role("button", name=other)
    expect(field.or_(opener)).to_be_visible()
    if not field.is_visible():
        opener.click()
    field.fill(str(amount))
    page.get_by_role("button", name=log, exact=True).click()


def charts_drawn(page: Page) -> None:
    """Both ECharts running (their module loaded), so a screenshot or a closing context does
    not catch the page half-loaded."""
    expect(page.locator(".nicegui-echart[_echarts_instance_]")).to_have_count(2)


def test_the_water_week_from_sign_up_to_100_points_and_back(
    browser: Browser, journey_server, shots
):
    context, page = new_person(browser, journey_server, "ada@example.com")
    page.get_by_role("button", name=WATER).click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    page.goto("/")

    # (a) eight glasses achieve today and start the streak
    drink(page, 8)
    expect(page.get_by_text("8 of 8 glasses")).to_be_visible()
    expect(page.get_by_text("1 streak", exact=True)).to_be_visible()

    # (b) six more days of eight glasses pay 100 points, in the header and the ledger
    for day in range(2, 8):
        advance(journey_server, 1)
        page.reload()
        expect(page.get_by_text("0 of 8 glasses")).to_be_visible()
        drink(page, 8)
        expect(page.get_by_text(f"{day} streak", exact=True)).to_be_visible()
    expect(page.get_by_label("Points balance")).to_have_text("100 pts")
    page.screenshot(path=shots / "today-375.png", full_page=True)

    # (c) undoing the log that achieved the last day asks first, naming the points, then
    # reopens the day and takes them back
    page.get_by_role("button", name="Undo last log").click()
    dialog = page.get_by_role("dialog", name="Undo this log?")
    expect(dialog.get_by_text("It takes back 100 points.")).to_be_visible()
    dialog.get_by_role("button", name="Undo", exact=True).click()
    expect(page.get_by_text("0 of 8 glasses")).to_be_visible()
    expect(page.get_by_label("Points balance")).to_have_text("0 pts")
    page.goto("/points")
    expect(page.get_by_text("+100 pts")).to_be_visible()
    expect(page.get_by_text("-100 pts")).to_be_visible()
    context.close()


def test_two_people_never_see_each_others_challenges(browser: Browser, journey_server):
    ada_context, ada = new_person(browser, journey_server, "ada2@example.com")
    ada.get_by_role("button", name=WATER).click()
    expect(ada).to_have_url(re.compile(r"/challenge/\d+$"))
    adas_challenge = ada.url

    bob_context, bob = new_person(browser, journey_server, "bob@example.com")
    bob.goto(adas_challenge)
    expect(bob.get_by_text("Not found")).to_be_visible()
    expect(bob.get_by_text("Water every day")).to_have_count(0)
    bob.goto("/")
    expect(bob.get_by_text("No challenges yet")).to_be_visible()
    bob.goto("/points")
    expect(bob.get_by_text("No points yet")).to_be_visible()
    ada_context.close()
    bob_context.close()


def test_a_long_or_taken_name_is_refused_with_its_message(browser: Browser, journey_server):
    context, page = new_person(browser, journey_server, "cleo@example.com")
    page.get_by_role("button", name=WATER).click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    page.goto("/new")

    page.get_by_label("Name").fill("x" * 201)
    page.get_by_role("button", name="Create challenge").click()
    expect(
        page.locator("#app").get_by_role("alert").filter(has_text="at most 200 characters")
    ).to_be_visible()

    page.get_by_label("Name").fill("Water every day")  # the one just started is called that
    page.get_by_label("What you will do").fill("drink water")
    page.get_by_role("button", name="Create challenge").click()
    expect(
        page.locator("#app").get_by_role("alert").filter(has_text="already have a challenge called")
    ).to_be_visible()

    page.get_by_role("button", name=WATER).click()  # the same definition again: refused
    expect(page.get_by_text("You have already started this one")).to_be_visible()
    page.get_by_role("link", name="open it").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    context.close()


def say_a_goal(page: Page) -> None:
    """Fill the goal sentence on /new: drink water, 8 glasses a day, 5 days in a row of 7."""
    page.get_by_label("What you will do").fill("drink water")
    expect(page.get_by_label("Counted in")).to_have_value("glasses")  # the suggestion's unit
    page.get_by_label("How many", exact=True).fill("8")
    page.get_by_role("combobox", name="How many of them you need").click()
    page.get_by_role("option", name="at least … in a row").click()
    page.get_by_label("At least how many days in a row").fill("5")
    expect(page.get_by_text("drink water: 8 glasses every day, 5 days in a row")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Drink water")


def test_a_goal_said_in_one_sentence_becomes_a_challenge_that_logs(
    browser: Browser, journey_server
):
    context, page = new_person(browser, journey_server, "eve@example.com")
    say_a_goal(page)
    page.get_by_role("button", name="Create challenge").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    # read back in the words of water_glass, the brand's own water (its label may be "water")
    expect(
        page.get_by_text(re.compile(r"8 glasses.* every day, 5 days in a row")).first
    ).to_be_visible()
    drink(page, 8)
    expect(page.get_by_text("8 of 8 glasses").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [375, 768, 1440])
def test_screenshots_of_every_page_on_a_phone_a_tablet_and_a_laptop(
    browser: Browser, journey_server, shots, width
):
    context, page = new_person(browser, journey_server, f"dora{width}@example.com")
    page.set_viewport_size({"width": width, "height": 900})
    say_a_goal(page)
    page.get_by_role("button", name="More options").click()
    expect(page.get_by_role("switch", name="Periods of several days")).to_be_visible()
    page.wait_for_timeout(300)  # let the expansion finish opening
    page.screenshot(path=shots / f"new-challenge-{width}.png", full_page=True)
    page.get_by_role("button", name=WATER).click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    challenge = page.url
    drink(page, 3)
    expect(page.get_by_text("3 of 8 glasses").first).to_be_visible()
    charts_drawn(page)
    page.screenshot(path=shots / f"challenge-{width}.png", full_page=True)
    page.goto("/")
    expect(page.get_by_text("3 of 8 glasses")).to_be_visible()
    page.screenshot(path=shots / f"today-{width}.png", full_page=True)
    for name, heading in (("points", "Points"), ("rewards", "Rewards"), ("settings", "Settings")):
        page.goto(f"/{name}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
    page.get_by_role("switch", name="Dark mode").click()
    page.goto("/")
    expect(page.locator("body.body--dark")).to_have_count(1)
    page.screenshot(path=shots / f"today-dark-{width}.png", full_page=True)
    page.goto("/new")
    expect(page.get_by_role("button", name="Create challenge")).to_be_visible()
    page.screenshot(path=shots / f"new-challenge-dark-{width}.png", full_page=True)
    page.goto(challenge)
    expect(page.get_by_text("3 of 8 glasses").first).to_be_visible()
    charts_drawn(page)
    page.screenshot(path=shots / f"challenge-dark-{width}.png", full_page=True)
    context.close()


def test_the_same_week_in_swedish_from_a_swedish_browser(browser: Browser, journey_server, shots):
    """A browser that asks for Swedish gets every step in Swedish: signing up, saying the goal,
    logging, the streak, the points, the undo that asks first, and choosing English later."""
    context = browser.new_context(
        base_url=journey_server,
        locale="sv-SE",
        timezone_id="Europe/Stockholm",
        viewport={"width": 375, "height": 812},
    )
    page = context.new_page()
    page.goto("/signup")
    page.get_by_label("Ditt namn").fill("Sara")
    page.get_by_label("E-post").fill("sara@example.com")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()
    expect(page).to_have_url(re.compile(r"/new$"))

    # the goal said in Swedish, read back in Swedish word order (reading: the English journeys
    # of this server drink water, and a kind of event keeps the unit it was first counted in)
    page.get_by_label("Vad du ska göra").fill("läsa")
    expect(page.get_by_label("Räknas i")).to_have_value("sidor")
    page.get_by_label("Hur många", exact=True).fill("8")
    page.get_by_role("combobox", name="Hur många av dem du behöver").click()
    page.get_by_role("option", name="minst … i rad").click()
    page.get_by_label("Minst hur många dagar i rad").fill("3")
    expect(page.get_by_text("läsa: 8 sidor varje dag, 3 dagar i rad")).to_be_visible()
    page.get_by_role("button", name="Skapa utmaning").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))

    page.goto("/")
    expect(page.get_by_role("heading", name="I dag", level=1)).to_be_visible()
    balance = page.get_by_label("Poäng: saldo")
    read_in_swedish(page, 8)
    expect(page.get_by_text("8 av 8 sidor")).to_be_visible()
    expect(page.get_by_text("Svit 1", exact=True)).to_be_visible()
    expect(balance).not_to_have_text("0 p")
    earned = balance.inner_text()

    # the undo asks first, naming the points in Swedish, and takes them back
    page.get_by_role("button", name="Ångra senaste loggningen").click()
    dialog = page.get_by_role("dialog", name="Ångra loggningen?")
    expect(dialog.get_by_text(re.compile(r"^Då tas \d+ poäng tillbaka\.$"))).to_be_visible()
    dialog.get_by_role("button", name="Ångra", exact=True).click()
    expect(page.get_by_text("0 av 8 sidor")).to_be_visible()
    expect(balance).to_have_text("0 p")

    # three days in a row complete it
    read_in_swedish(page, 8)
    expect(balance).to_have_text(earned)
    for day in (2, 3):
        advance(journey_server, 1)
        page.reload()
        expect(page.get_by_text("0 av 8 sidor")).to_be_visible()
        read_in_swedish(page, 8)
        expect(page.get_by_text(f"Svit {day}", exact=True)).to_be_visible()
    expect(page.get_by_text("Klar", exact=True)).to_be_visible()
    page.screenshot(path=shots / "today-sv-375.png", full_page=True)

    page.goto("/points")
    expect(page.get_by_role("heading", name="Poäng", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\+\d+ p$")).first).to_be_visible()

    # English, chosen in Settings, from then on
    page.goto("/settings")
    page.get_by_role("combobox", name="Språk").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    page.goto("/")
    expect(page.get_by_text("8 of 8 sidor")).to_be_visible()  # the unit stays as it was said
    context.close()


def read_in_swedish(page: Page, pages: int) -> None:
    log_amount(page, pages, unit="sidor", other="Annan mängd", log="Logga")
