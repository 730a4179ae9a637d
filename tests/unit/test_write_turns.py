"""Writers take turns in the order they asked; background writers wait behind everyone else."""

from __future__ import annotations

import threading
import time

from app.db.write_turns import WriteTurns


def queue_up(turns: WriteTurns, name: str, order: list[str], *, background: bool = False):
    def take_turn() -> None:
        assert turns.acquire(timeout=10, background=background)
        order.append(name)
        turns.release()

    thread = threading.Thread(target=take_turn)
    thread.start()
    return thread


def until_waiting(turns: WriteTurns, count: int) -> None:
    deadline = time.monotonic() + 5
    while sum(len(line) for line in turns._lines) < count:
        assert time.monotonic() < deadline, "the writers never queued"
        time.sleep(0.001)


def test_waiting_writers_get_the_turn_in_the_order_they_asked_background_ones_last():
    turns, order = WriteTurns(), []
    assert turns.acquire(timeout=1)  # a writer is in
    threads = []
    for n, (name, background) in enumerate(
        [("relay 1", True), ("log 1", False), ("relay 2", True), ("log 2", False)]
    ):
        threads.append(queue_up(turns, name, order, background=background))
        until_waiting(turns, n + 1)

    turns.release()
    for thread in threads:
        thread.join(10)

    assert order == ["log 1", "log 2", "relay 1", "relay 2"]


def test_a_writer_that_waited_too_long_leaves_the_line_and_the_turn_goes_on():
    turns = WriteTurns()
    assert turns.acquire(timeout=1)

    assert not turns.acquire(timeout=0.05)  # gave up: no longer in line
    turns.release()

    assert turns.acquire(timeout=0.05)  # free again, not handed to the writer that left
    turns.release()
