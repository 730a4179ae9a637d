"""Points worth having, end to end in Chromium: the brand stocks a reward and prices a streak
freeze in the console; a person earns 100 points, redeems an 80-point reward and sees its
code and a balance of 20, is refused the same reward when short, buys a freeze, misses a day
and sees the streak kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_brand_console import OPERATOR, _operator
from tests.e2e.test_journeys import advance, new_person
from tests.server import running_server

SHOES = "10 % off running shoes"


@pytest.fixture(scope="module")
def rewards_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("rewards-journey")
    with running_server(data, OPERATOR_EMAILS=OPERATOR, ALLOW_CLOCK_OVERRIDE="true") as url:
        yield url


def stock_the_shelf(browser: Browser, base_url: str) -> None:
    """The operator: 50 points a day for self-made challenges, freezes at 10, and the shoes."""
    context, _ = new_person(browser, base_url, OPERATOR)
    context.close()
    context, ops = _operator(browser, base_url, 1280)
    ops.goto("/brand/budget")
    ops.get_by_label("Points per achieved period").fill("50")
    ops.get_by_label("Completion points, per period").fill("0")
    ops.get_by_label("Streak freeze price").fill("10")
    ops.get_by_role("button", name="Save budget").click()
    expect(ops.get_by_text("Budget saved.")).to_be_visible()
    ops.goto("/brand/rewards/new")
    ops.get_by_label("Title").fill(SHOES)
    ops.get_by_label("Cost, in points").fill("80")
    ops.get_by_role("switch", name="No limit").click()
    ops.get_by_label("Code prefix (optional)").fill("RUN-")
    ops.get_by_role("button", name="Create reward").click()
    expect(ops).to_have_url(re.compile(r"/brand/rewards(/\d+)?$"))
    ops.goto("/brand/rewards")
    expect(ops.get_by_text(SHOES)).to_be_visible()
    context.close()


def build_a_stretch_streak(page: Page) -> None:
    """Once a day for 7 days, 5 in a row: room for a frozen day."""
    page.get_by_label("What you will do").fill("stretch")
    expect(page.get_by_label("Name")).to_have_value("Stretch")  # made from the sentence
    page.get_by_role("combobox", name="How many of them you need").click()
    page.get_by_role("option", name="at least … in a row").click()
    page.get_by_label("At least how many days in a row").fill("5")
    page.get_by_role("button", name="Create challenge").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))


def stretch_once(page: Page) -> None:
    page.get_by_role("button", name=re.compile(r"^\+1 ")).first.click()
    expect(page.get_by_text("1 of 1", exact=False).first).to_be_visible()


def test_earn_redeem_be_refused_when_short_and_keep_a_streak_with_a_freeze(
    browser: Browser, rewards_server: str, shots
):
    stock_the_shelf(browser, rewards_server)
    context, page = new_person(browser, rewards_server, "mia@example.com")
    build_a_stretch_streak(page)
    challenge = page.url

    # (a) two days stretched: 50 points each
    stretch_once(page)
    expect(page.get_by_label("Points balance")).to_have_text("50 pts")
    advance(rewards_server, 1)
    page.reload()
    stretch_once(page)
    expect(page.get_by_label("Points balance")).to_have_text("100 pts")

    # (b) the shoes for 80: asked first, then the code, and 20 left
    page.get_by_role("link", name="Rewards").click()
    page.get_by_role("button", name=f"Redeem {SHOES}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Your balance will be 20 points")).to_be_visible()
    dialog.get_by_role("button", name="Redeem for 80 points").click()
    code = dialog.get_by_label(re.compile(r"^Code RUN-"))
    expect(code).to_be_visible()
    expect(page.get_by_label("Points balance")).to_have_text("20 pts")
    page.screenshot(path=shots / "rewards-code-375.png", full_page=True)
    dialog.get_by_role("button", name="Done").click()

    # (c) the same reward again: 60 points short, so no Redeem
    expect(page.get_by_role("button", name=f"60 more points: {SHOES}")).to_be_disabled()
    expect(page.get_by_role("button", name=f"Redeem {SHOES}")).to_have_count(0)
    expect(page.get_by_role("list", name="My rewards, newest first")).to_contain_text("RUN-")
    page.goto("/points")
    expect(page.get_by_text(f"Redeemed: {SHOES}")).to_be_visible()

    # (d) a freeze for 10, then a missed day: the streak is kept
    page.goto(challenge)
    page.get_by_role("button", name=re.compile(r"^Buy a freeze")).click()
    page.get_by_role("dialog").get_by_role("button", name="Buy freeze").click()
    expect(page.get_by_text("Streak freezes: 1 of 2 held")).to_be_visible()
    expect(page.get_by_label("Points balance")).to_have_text("10 pts")
    advance(rewards_server, 2)  # the third day passes without a stretch
    page.reload()
    expect(
        page.get_by_text(re.compile(r"2 in a row; \w+ \d+ \w+ was covered by a freeze"))
    ).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r": frozen, 0 of 1"))).to_be_visible()
    stretch_once(page)
    expect(page.get_by_text(re.compile(r"^3 in a row"))).to_be_visible()
    page.screenshot(path=shots / "streak-frozen-375.png", full_page=True)
    context.close()
