"""The wire as Retell uses it, faults included: timeouts, retries, duplicates, in-flight retries.

Retell retries a webhook up to 3 times and a function call up to 2 times when the answer is not
2xx or does not come within its timeout (../shared/reference/retell-contract.md). It also
delivers the same webhook twice on its own, and its retry of a slow function call arrives while
the first attempt still runs. `RetellWire` plays all of that on top of the simulator's
transport, counts what it did, and hands the call's session the answer Retell would act on.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from frontdesk.conversations.live_schemas import TOOLS
from frontdesk.simulator.transport import Response, Transport
from frontdesk.voice.retell.signing import sign

FUNCTION_PREFIX = "/retell/functions/"
STILL_RUNNING = "still_running"


@dataclass(frozen=True)
class WirePlan:
    """Retell's behaviour with the timeouts frontdesk provisions (voice/retell/agent.py)."""

    seed: int = 0
    webhook_timeout_s: float = 10.0
    function_timeout_s: float = 8.0
    webhook_retries: int = 3
    function_retries: int = 2
    backoff_s: tuple[float, ...] = (1.0, 2.0, 4.0)
    duplicate_webhook: float = 0.15  # share of webhooks delivered again 3 times, at once
    inflight_retry: float = 0.25  # share of side-effecting calls retried while in flight
    asked_again_s: float = 1.0  # the agent calls again this long after a still-running answer
    asked_again_max: int = 6


@dataclass
class WireCounts:
    webhooks: int = 0
    function_calls: int = 0
    webhook_retries: int = 0  # after a timeout, a 5xx or a refused connection
    function_retries: int = 0
    webhook_duplicates: int = 0  # extra deliveries of an answered webhook
    inflight_retries: int = 0  # function retries sent while the first attempt ran
    inflight_same_answer: int = 0
    inflight_still_running: int = 0
    asked_again: int = 0  # the agent repeated a call after a still-running answer
    timeouts: int = 0
    server_errors: int = 0
    connection_errors: int = 0
    mismatches: list[str] = field(default_factory=list)  # a retry answered differently
    undelivered: list[str] = field(default_factory=list)  # no 2xx after every retry

    def as_dict(self) -> dict[str, Any]:
        return {
            **{k: v for k, v in self.__dict__.items() if isinstance(v, int)},
            "inflight_mismatches": len(self.mismatches),
            "undelivered": len(self.undelivered),
        }


def _side_effect(path: str) -> bool:
    tool = TOOLS.get(path.removeprefix(FUNCTION_PREFIX))
    return tool is not None and tool.side_effect


def _ok(response: Response) -> bool:
    return 200 <= response.status < 300


class RetellWire(Transport):
    """The simulator's transport with Retell's retries and duplicates (see the module doc)."""

    def __init__(
        self, client: httpx.AsyncClient, base_url: str, api_key: str, plan: WirePlan
    ) -> None:
        super().__init__(client, base_url, api_key)
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.counts = WireCounts()

    async def _attempt(self, path: str, body: bytes, timeout_s: float) -> Response:
        headers = {
            "content-type": "application/json",
            "x-retell-signature": sign(body, self.api_key),
        }
        started = time.perf_counter()
        try:
            answer = await self.client.post(
                self.base_url + path, content=body, headers=headers, timeout=timeout_s
            )
        except httpx.TimeoutException:
            self.counts.timeouts += 1
            return Response(status=0, data=None, elapsed_ms=(time.perf_counter() - started) * 1000)
        except httpx.HTTPError:
            self.counts.connection_errors += 1
            return Response(status=0, data=None, elapsed_ms=(time.perf_counter() - started) * 1000)
        if answer.status_code >= 500:
            self.counts.server_errors += 1
        data: Any = None
        if answer.content:
            try:
                data = answer.json()
            except ValueError:
                data = answer.text
        elapsed = (time.perf_counter() - started) * 1000
        return Response(status=answer.status_code, data=data, elapsed_ms=elapsed)

    async def _with_retries(
        self, path: str, body: bytes, function: bool, first: Response | None = None
    ) -> Response:
        """Retell's loop: retry on no answer or a non-2xx, up to its count, with backoff."""
        timeout = self.plan.function_timeout_s if function else self.plan.webhook_timeout_s
        retries = self.plan.function_retries if function else self.plan.webhook_retries
        response = first if first is not None else await self._attempt(path, body, timeout)
        for attempt in range(retries):
            if _ok(response) or 400 <= response.status < 500:
                break  # a 4xx is an answer (Retell would not get further by retrying)
            if function:
                self.counts.function_retries += 1
            else:
                self.counts.webhook_retries += 1
            await asyncio.sleep(self.plan.backoff_s[min(attempt, len(self.plan.backoff_s) - 1)])
            response = await self._attempt(path, body, timeout)
        return response

    async def _function(self, path: str, body: bytes, call_id: str) -> Response:
        timeout = self.plan.function_timeout_s
        if not (_side_effect(path) and self.rng.random() < self.plan.inflight_retry):
            return await self._with_retries(path, body, True)
        # Retell's retry while the first attempt still runs: both land, at most one may act.
        self.counts.inflight_retries += 1
        first = asyncio.create_task(self._attempt(path, body, timeout))
        await asyncio.sleep(self.rng.uniform(0.0, 0.05))
        second = await self._attempt(path, body, timeout)
        one = await first
        if _ok(one) and _ok(second):
            answers = [r.data for r in (one, second)]
            running = [isinstance(a, dict) and a.get("error") == STILL_RUNNING for a in answers]
            if any(running):
                self.counts.inflight_still_running += 1
            elif answers[0] == answers[1]:
                self.counts.inflight_same_answer += 1
            else:
                self.counts.mismatches.append(f"{call_id}: {path}: {answers[0]!r} / {answers[1]!r}")
        # Retell acts on the answer that came back; a still-running one is asked again.
        chosen = one if _ok(one) else second
        if isinstance(chosen.data, dict) and chosen.data.get("error") == STILL_RUNNING:
            chosen = second if _ok(second) and second is not chosen else chosen
        return await self._with_retries(path, body, True, first=chosen)

    async def _webhook(self, path: str, body: bytes) -> Response:
        if self.rng.random() >= self.plan.duplicate_webhook:
            return await self._with_retries(path, body, False)
        # The same webhook delivered 1 + 3 times, overlapping: dedupe must hold under a race.
        self.counts.webhook_duplicates += self.plan.webhook_retries
        deliveries = [self._with_retries(path, body, False)]
        for _ in range(self.plan.webhook_retries):
            deliveries.append(self._with_retries(path, body, False))
        answers = await asyncio.gather(*deliveries)
        return next((a for a in answers if _ok(a)), answers[0])

    async def post(self, path: str, body: bytes, label: str, call_id: str) -> Response:
        """One logical request as Retell makes it; the latency is what the caller waited."""
        started = time.perf_counter()
        function = path.startswith(FUNCTION_PREFIX)
        if function:
            self.counts.function_calls += 1
            response = await self._function(path, body, call_id)
            for _ in range(self.plan.asked_again_max):
                if not (
                    isinstance(response.data, dict) and response.data.get("error") == STILL_RUNNING
                ):
                    break
                # The answer says: call again with the same arguments. The agent does.
                self.counts.asked_again += 1
                await asyncio.sleep(self.plan.asked_again_s)
                response = await self._with_retries(path, body, True)
        else:
            self.counts.webhooks += 1
            response = await self._webhook(path, body)
        waited = (time.perf_counter() - started) * 1000
        self.stats.requests += 1
        if _ok(response):
            self.stats.latencies[label].append(waited)
        else:
            problem = f"{call_id}: {label}: HTTP {response.status} after every retry"
            self.stats.http_errors.append(problem)
            self.counts.undelivered.append(problem)
        return Response(status=response.status, data=response.data, elapsed_ms=waited)
