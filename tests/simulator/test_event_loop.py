"""The simulator's sync entry works from a thread whose event loop is already running."""

from __future__ import annotations

import asyncio

from frontdesk.simulator.demo import _run_to_end


async def _answer() -> int:
    await asyncio.sleep(0)
    return 42


def test_runs_without_a_loop() -> None:
    assert _run_to_end(_answer()) == 42


def test_runs_inside_a_running_loop() -> None:
    async def inside() -> int:
        return _run_to_end(_answer())

    assert asyncio.run(inside()) == 42
