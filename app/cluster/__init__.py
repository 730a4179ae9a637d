"""Several Goalpost instances behind nginx on one machine: the rehearsal of docs/deploy.md.

    with Cluster(tmp_path, instances=2, fresh=True) as cluster:
        httpx.get(cluster.balancer_url)

`scripts/cluster` runs one until Ctrl-C (`python -m app.cluster --help`).
"""

from app.cluster.cluster import Cluster, Instance

__all__ = ["Cluster", "Instance"]
