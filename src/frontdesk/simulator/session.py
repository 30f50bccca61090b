"""One simulated call on the wire: its audio clock, transcript, and signed requests.

Every timestamp is what a real call's would be: the call starts at the plan's start time,
words take time to say, a function call takes as long as the server took to answer, and the
payloads carry start/end timestamps, duration and word timings on that clock."""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
from dataclasses import dataclass, field
from typing import Any

from frontdesk.simulator.plan import CallPlan
from frontdesk.simulator.transport import Response, Transport, body_of
from frontdesk.voice.retell.payloads import call_event, inbound_event, phone_call

WORDS_PER_SECOND = 2.6
TURN_GAP_S = 0.7  # the pause before the other side answers
AGENT_ID = "agent_frontdesk_demo"
MAX_CALL_S = 15 * 60  # a call longer than this is a simulator bug: realtime sleeps stop


@dataclass
class Wire:
    """What was sent for one call (the ground truth about events)."""

    digests: set[str] = field(default_factory=set)
    requests: int = 0
    functions: list[str] = field(default_factory=list)
    replies: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class CallSession:
    def __init__(
        self, plan: CallPlan, transport: Transport, *, to_number: str, realtime: bool = False
    ) -> None:
        self.plan, self.transport, self.to_number = plan, transport, to_number
        self.realtime = realtime
        self.rng = random.Random(plan.seed)
        self.start_ms = int(plan.start.timestamp() * 1000)
        self.clock = 0.0  # seconds of audio since the call connected
        self.turns: list[dict[str, Any]] = []
        self.tool_items: list[dict[str, Any]] = []
        self.variables: dict[str, str] = {}
        self.wire = Wire()
        self.disconnection = "agent_hangup"

    # --- the conversation ---------------------------------------------------------------

    async def say(self, role: str, text: str) -> None:
        """A turn: its words get audio times on the call clock."""
        self.clock += TURN_GAP_S
        words = []
        step = 1 / WORDS_PER_SECOND
        for word in text.split():
            words.append(
                {
                    "word": word,
                    "start": round(self.clock, 3),
                    "end": round(self.clock + step * 0.9, 3),
                }
            )
            self.clock += step
        self.turns.append({"role": role, "content": text, "words": words})
        if self.realtime and self.clock < MAX_CALL_S:
            await asyncio.sleep(TURN_GAP_S + len(words) * step)

    async def agent(self, text: str) -> None:
        await self.say("agent", text)

    async def user(self, text: str) -> None:
        await self.say("user", text)

    def transcript(self) -> str:
        return "".join(
            f"{'Agent' if t['role'] == 'agent' else 'User'}: {t['content']}\n" for t in self.turns
        )

    def with_tool_calls(self) -> list[dict[str, Any]]:
        items = [
            {**turn, "_at": turn["words"][0]["start"] if turn["words"] else 0}
            for turn in self.turns
        ]
        merged = sorted(items + self.tool_items, key=lambda item: item["_at"])
        return [{k: v for k, v in item.items() if k != "_at"} for item in merged]

    # --- requests -----------------------------------------------------------------------

    def call_object(self, status: str, **extra: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start_timestamp": self.start_ms,
            "transcript": self.transcript(),
            "transcript_object": [dict(t) for t in self.turns],
        }
        if self.variables:
            data["retell_llm_dynamic_variables"] = dict(self.variables)
        data.update(extra)
        return phone_call(
            call_id=self.plan.call_id,
            from_number=self.plan.from_number,
            to_number=self.to_number,
            agent_id=AGENT_ID,
            call_status=status,
            **data,
        )

    async def send(
        self, path: str, payload: dict[str, Any], label: str, times: int = 1
    ) -> Response:
        body = body_of(payload)
        last = Response(status=0, data=None, elapsed_ms=0.0)
        for _ in range(times):
            last = await self.transport.post(path, body, label, self.plan.call_id)
            self.wire.requests += 1
            if 0 < last.status < 300:
                self.wire.digests.add(hashlib.sha256(body).hexdigest())
            else:
                self.wire.problems.append(f"{label}: HTTP {last.status}")
        return last

    async def inbound(self) -> dict[str, str]:
        payload = inbound_event(
            from_number=self.plan.from_number, to_number=self.to_number, call_id=self.plan.call_id
        )
        reply = await self.send("/retell/inbound", payload, "call_inbound")
        data = reply.data if isinstance(reply.data, dict) else {}
        variables = (data.get("call_inbound") or {}).get("dynamic_variables") or {}
        self.variables = {str(k): str(v) for k, v in variables.items()}
        return self.variables

    async def webhook(self, event: str, call: dict[str, Any], times: int = 1) -> None:
        await self.send("/retell/webhook", call_event(event, call), event, times)

    async def function(
        self, name: str, args: dict[str, Any], *, retry: bool = False
    ) -> dict[str, Any]:
        """A live function call at this moment of the call; a retry repeats the same body."""
        args = {k: v for k, v in args.items() if v not in (None, "")}
        self.clock += 0.4  # the agent decides to call the tool
        tool_id = f"tool_{len(self.tool_items):02d}_{self.rng.getrandbits(32):08x}"
        self.tool_items.append(
            {
                "role": "tool_call_invocation",
                "tool_call_id": tool_id,
                "name": name,
                "arguments": json.dumps(args, ensure_ascii=False),
                "_at": round(self.clock, 3),
            }
        )
        payload = {"name": name, "call": self.call_object("ongoing"), "args": args}
        response = await self.send(
            f"/retell/functions/{name}", payload, name, times=2 if retry else 1
        )
        self.wire.functions.append(name)
        reply = response.data if isinstance(response.data, dict) else {}
        self.wire.replies.append((name, reply))
        self.clock += response.elapsed_ms / 1000
        self.tool_items.append(
            {
                "role": "tool_call_result",
                "tool_call_id": tool_id,
                "content": json.dumps(reply, ensure_ascii=False)[:15000],
                "_at": round(self.clock, 3),
            }
        )
        return reply

    # --- lifecycle ----------------------------------------------------------------------

    def end_fields(self) -> dict[str, Any]:
        duration_ms = int(self.clock * 1000) + 800
        return {
            "end_timestamp": self.start_ms + duration_ms,
            "duration_ms": duration_ms,
            "disconnection_reason": self.disconnection,
            "transcript_with_tool_calls": self.with_tool_calls(),
        }
