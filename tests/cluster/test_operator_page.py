"""The operator page, from either instance, names the instance that leads each job."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from app.cluster import Cluster
from app.jobs.leadership import PostgresLeadership
from app.services.people import register_person
from tests.cluster_support import OPERATOR, signed_in, wait_until


def test_both_instances_show_the_same_leader_and_that_draining_runs_everywhere(
    cluster: Cluster, cluster_db
):
    person = register_person(
        cluster_db, email=OPERATOR, timezone="Europe/Stockholm", now=datetime.now(UTC)
    )
    observer = PostgresLeadership(cluster.database_url, instance="observer", heartbeat_seconds=5)
    try:
        wait_until(
            lambda: observer.leaders(["close_periods"])["close_periods"],
            timeout=10,
            what="a leader elected",
        )
        leader = observer.leaders(["close_periods"])["close_periods"]
    finally:
        observer.close()

    for instance in cluster.instances:
        cookies = signed_in(cluster, instance.base_url, person, OPERATOR)
        page = httpx.get(f"{instance.base_url}/operator/outbox", cookies=cookies).text
        here = " (this instance)" if instance.name == leader else ""
        assert f"Led by {leader}{here}" in page, instance.name
        assert "Runs on every instance" in page
        assert f"This page comes from instance {instance.name}" in page
