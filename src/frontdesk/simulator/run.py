"""Playing many plans: bounded concurrency, races played together, reschedules after their
booking, an overall deadline; and the summary (calls/s, client-side latency per function)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from frontdesk.simulator.plan import CallPlan, Practice
from frontdesk.simulator.player import Outcome, play
from frontdesk.simulator.transport import Stats, Transport, percentile

DEFAULT_DEADLINE_S = 3600.0
EVENT_LABELS = frozenset(
    {"call_inbound", "call_started", "transcript_updated", "call_ended", "call_analyzed"}
)
DEPENDENCY_WAIT_S = 120.0


@dataclass
class RunResult:
    outcomes: list[Outcome]
    stats: Stats
    seconds: float
    not_played: list[str] = field(default_factory=list)  # call ids cut by the deadline


def units(plans: list[CallPlan]) -> list[list[CallPlan]]:
    """Plans grouped so a race's callers are played at the same moment."""
    groups: dict[str, list[CallPlan]] = {}
    result: list[list[CallPlan]] = []
    for plan in plans:
        if plan.race_group is None:
            result.append([plan])
        elif plan.race_group in groups:
            groups[plan.race_group].append(plan)
        else:
            groups[plan.race_group] = [plan]
            result.append(groups[plan.race_group])
    return result


async def play_all(
    plans: list[CallPlan],
    *,
    url: str,
    api_key: str,
    practice: Practice,
    concurrency: int = 8,
    realtime: bool = False,
    deadline_s: float = DEFAULT_DEADLINE_S,
    on_done: Callable[[Outcome], None] | None = None,
    variant_name_early: Mapping[str, float] | None = None,
    transport_factory: Callable[[httpx.AsyncClient, str, str], Transport] = Transport,
) -> RunResult:
    """Play every plan (in start order, `concurrency` calls at a time) until done or deadline.

    `transport_factory(client, url, api_key)` lets a caller put faults on the wire (the fault
    suite retries and duplicates requests as Retell does)."""
    concurrency = max(1, concurrency)
    limits = httpx.Limits(
        max_connections=concurrency * 2, max_keepalive_connections=concurrency * 2
    )
    done: dict[str, asyncio.Event] = {plan.call_id: asyncio.Event() for plan in plans}
    outcomes: list[Outcome] = []
    not_played: list[str] = []
    started = time.perf_counter()
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=limits, trust_env=False) as client:
        transport = transport_factory(client, url, api_key)

        async def one(plan: CallPlan) -> None:
            try:
                if plan.depends_on and plan.depends_on in done:
                    # A reschedule is only meaningful once its booking call is over.
                    await asyncio.wait_for(done[plan.depends_on].wait(), DEPENDENCY_WAIT_S)
                if time.perf_counter() - started > deadline_s:
                    not_played.append(plan.call_id)
                    return
                outcome = await play(
                    plan,
                    transport,
                    practice,
                    realtime=realtime,
                    variant_name_early=variant_name_early,
                )
                outcomes.append(outcome)
                if on_done is not None:
                    on_done(outcome)
            except TimeoutError:
                not_played.append(plan.call_id)
            finally:
                done[plan.call_id].set()

        async def unit(group: list[CallPlan]) -> None:
            async with gate:
                await asyncio.gather(*(one(plan) for plan in group))

        await asyncio.gather(*(unit(group) for group in units(plans)))
        stats = transport.stats
    return RunResult(
        outcomes=outcomes,
        stats=stats,
        seconds=time.perf_counter() - started,
        not_played=not_played,
    )


def latency_table(stats: Stats) -> dict[str, dict[str, float]]:
    """Per endpoint label: count, p50 and p99 in ms (client-side, full round trip)."""
    return {
        label: {
            "count": float(len(values)),
            "p50_ms": round(percentile(values, 0.50), 2),
            "p99_ms": round(percentile(values, 0.99), 2),
        }
        for label, values in sorted(stats.latencies.items())
    }


def summary(result: RunResult, differences: list[str] | None = None) -> dict[str, Any]:
    """The figures a run is judged by (`--json` prints exactly this)."""
    seconds = max(result.seconds, 1e-9)
    kinds: dict[str, int] = {}
    for outcome in result.outcomes:
        kinds[outcome.plan.intent] = kinds.get(outcome.plan.intent, 0) + 1
    latencies = result.stats.latencies
    function_values = [v for k, vs in latencies.items() if k not in EVENT_LABELS for v in vs]
    events_sent = sum(len(vs) for k, vs in latencies.items() if k in EVENT_LABELS)
    return {
        "calls": len(result.outcomes),
        "not_played": len(result.not_played),
        "seconds": round(result.seconds, 2),
        "calls_per_second": round(len(result.outcomes) / seconds, 2),
        "requests": result.stats.requests,
        "events_sent": events_sent,
        "function_calls": len(function_values),
        "http_errors": len(result.stats.http_errors),
        "withheld_calls": sum(1 for o in result.outcomes if o.plan.withheld),
        "intents": dict(sorted(kinds.items())),
        "bookings": sum(len(o.appointment_ids) for o in result.outcomes),
        "function_latency_ms": {
            "p50": round(percentile(function_values, 0.5), 2),
            "p99": round(percentile(function_values, 0.99), 2),
        },
        "latency_ms": latency_table(result.stats),
        "differences": differences if differences is not None else None,
        "difference_count": len(differences) if differences is not None else None,
    }
