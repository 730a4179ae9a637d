"""A person on a cluster of two behind nginx: the instance serving them is killed, the page
comes back from the other one, and they are still signed in and can log."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, col, func, select

from app.cluster import Cluster
from app.db.engine import make_engine
from app.db.tables import Log, Person
from tests.cluster_support import wait_until
from tests.e2e.test_journeys import WATER, drink, new_person

EMAIL = "failover@example.com"


def test_a_killed_instance_hands_the_person_to_the_other_still_signed_in(
    browser: Browser, cluster: Cluster
):
    context, page = new_person(browser, cluster.balancer_url, EMAIL)
    page.get_by_role("button", name=WATER).click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))
    page.goto("/")
    page.wait_for_function("() => window.did_handshake === true")
    drink(page, 2)
    expect(page.get_by_text("2 of 8 glasses")).to_be_visible()
    serving = cluster.instance_for(upstream_of(page))

    with page.expect_event("load", timeout=30_000):  # NiceGUI reloads on a stranger instance
        serving.kill()

    other = cluster.instance_for(upstream_of(page))
    assert other is not serving
    expect(page.get_by_text("2 of 8 glasses")).to_be_visible(timeout=20_000)
    page.wait_for_function("() => window.did_handshake === true")
    drink(page, 1)
    expect(page.get_by_text("3 of 8 glasses")).to_be_visible()
    expect(page.get_by_label("Points balance")).to_be_visible()  # signed in, not the landing
    engine = make_engine(cluster.database_url)
    try:
        wait_until(lambda: logs_of(engine, EMAIL) == 2, timeout=5, what="both logs stored")
    finally:
        engine.dispose()
    context.close()


def upstream_of(page: Page) -> str:
    """The instance the balancer sends this browser to now (its route cookie goes along)."""
    return str(page.evaluate("async () => (await fetch('/healthz')).headers.get('x-upstream')"))


def logs_of(engine, email: str) -> int:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return int(
            session.exec(
                select(func.count())
                .select_from(Log)
                .join(Person, col(Person.id) == Log.person_id)
                .where(Person.email == email)
            ).one()
        )
