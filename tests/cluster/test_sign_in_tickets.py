"""A sign-in ticket is one use across the cluster: redeemed on one instance, refused on the
other (the used ids are kept in the Redis they share)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx

from app.cluster import Cluster
from app.services.people import register_person
from tests.cluster_support import ticket_for


def test_a_ticket_redeemed_on_one_instance_is_refused_on_the_other(cluster: Cluster, cluster_db):
    email = f"ticket-{uuid.uuid4().hex[:8]}@example.com"
    person = register_person(cluster_db, email=email, timezone="Europe/Stockholm", now=now())
    first, second = cluster.instances
    ticket, cookie = ticket_for(cluster, first.base_url, person, email)

    answers = [
        httpx.get(
            f"{where.base_url}/auth/session", params={"ticket": ticket}, cookies={"session": cookie}
        )
        for where in (first, second)
    ]

    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["location"] == "/"
    assert "goalpost_session" in answers[0].cookies
    assert answers[1].headers["location"] == "/signin?expired=1"
    assert "goalpost_session" not in answers[1].cookies


def now() -> datetime:
    return datetime.now(UTC)
