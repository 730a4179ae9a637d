"""The demo world: a seeded brand and three people with history, mirrored upstream, and a
reset to that first state (docs/demo.md).

For the presenter's bar: `demo_people(engine)` lists who to switch to, `DemoWorld.reset()`
(or `reset_demo(world)`) goes back to the start, `DEMO_PASSWORD` signs a demo person in.
"""

from app.demo.reset import DemoResetUnsupported, ResetReport
from app.demo.seed import DemoPerson, demo_people, seed_world
from app.demo.start import DemoWorld, demo_settings, open_demo_world
from app.demo.world import DEMO_PASSWORD


def reset_demo(world: DemoWorld) -> ResetReport:
    """Back to the demo's first state: databases, sandbox records and clock."""
    return world.reset()


__all__ = [
    "DEMO_PASSWORD",
    "DemoPerson",
    "DemoResetUnsupported",
    "DemoWorld",
    "ResetReport",
    "demo_people",
    "demo_settings",
    "open_demo_world",
    "reset_demo",
    "seed_world",
]
