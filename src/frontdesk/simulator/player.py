"""Plays one call plan exactly as Retell would: inbound, started, the agent's function calls in
a realistic order, transcript updates, ended and analyzed (with the plan's webhook quirks).

Replies are read defensively (`ask`/`say`, `next_required_field`, `slots[0]["slot_id"]`,
`appointment_id`, `appointments[0]["appointment_id"]`): the agent only uses what it was given."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from frontdesk.simulator import german
from frontdesk.simulator.plan import CallPlan, Practice
from frontdesk.simulator.session import CallSession, Wire
from frontdesk.simulator.transport import Transport

MAX_BOOKING_ATTEMPTS = 3
MAX_FIELD_QUESTIONS = 4
MAX_NAME_ATTEMPTS = 3


@dataclass
class Outcome:
    """The ground truth of a played call: what was said, asked for and answered."""

    plan: CallPlan
    wire: Wire = field(default_factory=Wire)
    caller_known: bool = False
    named: bool = False  # the caller said their name (or confirmed it on a known number)
    final_name: str | None = None  # the name as the caller last gave it
    booking_requested: bool = False
    appointment_ids: list[str] = field(default_factory=list)
    rescheduled_ids: list[str] = field(default_factory=list)
    cancelled_ids: list[str] = field(default_factory=list)
    change_requested: bool = False  # reschedule or cancel
    callback_requested: bool = False
    booked: bool = False
    duration_ms: int = 0

    @property
    def call_id(self) -> str:
        return self.plan.call_id


def _text(reply: dict[str, Any]) -> str | None:
    """What the agent tells the caller from a reply; error replies are instructions, not speech."""
    if reply.get("error"):
        return None
    for key in ("ask", "say"):
        if isinstance(reply.get(key), str) and reply[key]:
            return str(reply[key])
    return None


def _next_field(reply: dict[str, Any]) -> str | None:
    value = reply.get("next_required_field")
    return value if isinstance(value, str) and value else None


def _asks_name_again(reply: dict[str, Any]) -> bool:
    """The server wants the name again (e.g. "guten Tag" is not a name)."""
    return _next_field(reply) == "name" and "ask" in reply


def _first_id(items: Any, key: str) -> str | None:
    if isinstance(items, list) and items and isinstance(items[0], dict) and items[0].get(key):
        return str(items[0][key])
    return None


def names_early(plan: CallPlan, variant: str | None, rates: Mapping[str, float]) -> bool | None:
    """Whether this caller says their name in their first turn under the call's experiment
    variant (None: no planted rate for it, the plan decides as always). Drawn from its own
    stream seeded by the plan, so the planner's stream (and every other run) stays unchanged."""
    if variant is None or variant not in rates:
        return None
    return random.Random(f"{plan.seed}:name-early").random() < rates[variant]


class Player:
    def __init__(
        self,
        session: CallSession,
        practice: Practice,
        variant_name_early: Mapping[str, float] | None = None,
    ) -> None:
        self.s, self.practice, self.plan = session, practice, session.plan
        self.outcome = Outcome(plan=self.plan, wire=session.wire)
        self.last_reply: dict[str, Any] = {}
        self.name_corrected: str | None = None  # the name as spelled after a re-ask
        self.denies_greeting = False
        self.rates = variant_name_early or {}
        self.early_name: bool | None = None  # set by a planted experiment rate

    async def opening(self, variables: dict[str, str], greeted_as: str | None) -> None:
        """The agent's first words: a variant's greeting and name question when it set them."""
        company, agent = self.practice.company, self.practice.agent
        if greeted_as is None and ("greeting" in variables or "name_question" in variables):
            await self.s.agent(
                german.experiment_greeting(
                    company,
                    agent,
                    variables.get("greeting", "Guten Tag"),
                    variables.get("name_question", "Mit wem spreche ich?"),
                )
            )
            return
        await self.s.agent(german.greeting(company, agent, greeted_as))

    async def play(self) -> Outcome:
        variables = await self.s.inbound()
        await self.s.webhook("call_started", self.s.call_object("ongoing"))
        greeted_as = (
            variables.get("customer_name") if variables.get("caller_known") == "true" else None
        )
        # Someone else of a family sharing the landline says so, and gives their own name.
        known = bool(greeted_as) and greeted_as in {
            self.plan.caller.address,
            self.plan.caller.full_name,
        }
        self.outcome.caller_known = known
        self.denies_greeting = bool(greeted_as) and not known
        if not known:
            self.early_name = names_early(
                self.plan, variables.get("experiment_variant"), self.rates
            )
        await self.opening(variables, greeted_as)
        if self.plan.intent == "early_hangup":
            await self.early_hangup()
        else:
            if self.early_name is False:
                # The wish first: the name comes only after the agent asks again.
                await self.s.user(german.opener_without_name(self.plan.intent))
                await self.s.agent(variables.get("name_question", "Mit wem spreche ich?"))
            await self.identify(known)
            await self.fields(known)
            await self.intent()
            if self.plan.extra_callback and self.plan.intent != "callback":
                await self.callback("Bitte rufen Sie mich wegen einer Rechnung zurück.")
            await self.s.user(german.goodbye_caller(self.s.rng))
            await self.s.agent(german.goodbye_agent(self.practice.company))
        await self.finish()
        return self.outcome

    # --- identification -------------------------------------------------------------

    async def identify(self, known: bool) -> None:
        if known:
            await self.s.user(german.confirms_identity(self.s.rng))
            await self.s.function("identify_caller", {})
            self.outcome.named, self.outcome.final_name = True, self.plan.caller.full_name
            return
        if not self.plan.says_name or self.plan.heard_name is None:
            return
        await self.s.user(
            german.introduction(
                self.plan.caller,
                self.plan.heard_name,
                self.plan.name_form,
                denies=self.denies_greeting,
            )
        )
        await self.save_name(self.plan.heard_name)

    async def save_name(self, heard: str) -> None:
        self.outcome.named = True
        self.outcome.final_name = self.plan.caller.full_name
        reply = await self.s.function("save_caller_data", {"name": heard})
        attempts = 1
        while _asks_name_again(reply) and attempts < MAX_NAME_ATTEMPTS:
            await self.s.agent(german.agent_asks_name_again(_text(reply)))
            await self.s.user(german.corrects_name(self.plan.caller.last_name))
            reply = await self.s.function("save_caller_data", {"name": self.plan.caller.full_name})
            self.name_corrected = self.plan.caller.full_name
            attempts += 1
        self.last_reply = reply

    async def fields(self, known: bool) -> None:
        """Birth date, then a callback number for withheld callers: as the server asks, else as
        the prompt says. Each field is asked at most once, so the dialogue always ends."""
        if known or not self.outcome.named:
            return
        wanted = ["birth_date"] + (["phone"] if self.plan.withheld else [])
        asked: set[str] = set()
        reply = self.last_reply
        for _ in range(MAX_FIELD_QUESTIONS):
            server = _next_field(reply)
            todo = (
                server
                if server in {"first_name", "birth_date", "phone", "email"} and server not in asked
                else None
            )
            todo = todo or next((f for f in wanted if f not in asked), None)
            if todo is None:
                return
            asked.add(todo)
            reply = await self.answer_field(todo, _text(reply) if server == todo else None)

    def heard_address(self) -> str | None:
        """How the agent addresses the caller: by the surname as it understood it."""
        plan = self.plan
        if plan.mishearing == "garbled" and not self.name_corrected:
            return None
        heard = self.name_corrected or plan.heard_name or ""
        surname = heard.split()[-1] if heard else plan.caller.last_name
        return f"{'Frau' if plan.caller.female else 'Herr'} {surname}"

    async def answer_field(self, name: str, question: str | None) -> dict[str, Any]:
        caller, rng = self.plan.caller, self.s.rng
        if name == "first_name":
            await self.s.agent("Und wie ist Ihr Vorname?")
            await self.s.user(f"{caller.first_name}.")
            return await self.s.function("save_caller_data", {"name": caller.full_name})
        if name == "birth_date":
            await self.s.agent(question or german.agent_asks_birth_date(self.heard_address()))
            if not self.plan.gives_birth_date or caller.birth_date is None:
                await self.s.user(german.declines_birth_date())
                return {}
            said, arg = german.birth_date_spoken(caller.birth_date, rng)
            await self.s.user(said)
            return await self.s.function("save_caller_data", {"birth_date": arg})
        if name == "phone":
            await self.s.agent(question or german.agent_asks_callback_number())
            if not self.plan.gives_callback_number or not caller.phone:
                await self.s.user(german.declines_number())
                return {}
            said, arg = german.phone_spoken(caller.phone)
            await self.s.user(said)
            return await self.s.function("save_caller_data", {"phone": arg})
        await self.s.agent(question or "Haben Sie auch eine E-Mail-Adresse für uns?")
        await self.s.user("Nein, danke, die brauchen Sie nicht.")
        return {}

    # --- intents --------------------------------------------------------------------

    async def intent(self) -> None:
        intent = self.plan.intent
        if intent in {"book", "book_for_other"}:
            await self.book()
        elif intent in {"reschedule", "cancel"}:
            await self.change()
        elif intent == "callback":
            await self.s.user(
                "Könnten Sie mich bitte zurückrufen? " + self.s.rng.choice(german.CALLBACK_REASONS)
            )
            await self.callback("Rückrufbitte der anrufenden Person")
        else:
            await self.s.user(self.s.rng.choice(german.QUESTIONS))
            reply = await self.s.function("get_context", {})
            await self.s.agent(_text(reply) or german.agent_generic_ok())

    async def offered_slots(
        self, date_wish: str, time_wish: str
    ) -> tuple[list[Any], dict[str, Any]]:
        """Ask for availability; on a question back or nothing free, try other days (bounded)."""
        wishes = [(date_wish, time_wish), ("nächste Woche Mittwoch", ""), ("in zwei Wochen", "")]
        reply: dict[str, Any] = {}
        for attempt, (day, hour) in enumerate(wishes[:MAX_BOOKING_ATTEMPTS]):
            if attempt:
                await self.s.agent(_text(reply) or german.agent_offer_fallback(0))
                await self.s.user(german.other_day_please(day))
            args = {"service": self.plan.service, "date": day, "time": hour or None}
            reply = await self.s.function("check_availability", args)
            slots = reply.get("slots")
            if isinstance(slots, list) and _first_id(slots, "slot_id"):
                return slots, reply
        return [], reply

    async def book(self) -> None:
        plan, outcome = self.plan, self.outcome
        outcome.booking_requested = True
        if plan.patient is not None and plan.relation is not None:
            await self.s.user(
                german.booking_for_other(plan.relation, plan.patient, plan.service, plan.date_wish)
            )
        else:
            await self.s.user(german.booking_wish(plan.service, plan.date_wish, plan.time_wish))
        slots, reply = await self.offered_slots(plan.date_wish, plan.time_wish)
        for _ in range(MAX_BOOKING_ATTEMPTS):
            slot_id = _first_id(slots, "slot_id")
            if slot_id is None:
                break
            await self.s.agent(_text(reply) or german.agent_offer_fallback(len(slots)))
            await self.s.user(german.accepts_offer(self.s.rng))
            args: dict[str, Any] = {"slot_id": slot_id, "confirmed": True}
            if plan.patient is not None:
                args["for_name"] = plan.patient.full_name
            retry = "duplicate_function_call" in plan.quirks
            reply = await self.s.function("book_appointment", args, retry=retry)
            if reply.get("appointment_id") and not reply.get("error"):
                outcome.appointment_ids.append(str(reply["appointment_id"]))
                outcome.booked = True
                await self.s.agent(_text(reply) or "Ihr Termin ist gebucht.")
                return
            slots = reply.get("slots") or []  # taken meanwhile: the server offers alternatives
        await self.s.agent(
            "Ich gebe Ihren Wunsch an das Praxisteam weiter, man meldet sich bei Ihnen."
        )
        await self.callback(
            f"Terminwunsch: {plan.service}, {plan.date_wish} {plan.time_wish}".strip()
        )

    async def change(self) -> None:
        plan, outcome = self.plan, self.outcome
        outcome.change_requested = True
        reschedule = plan.intent == "reschedule"
        await self.s.user(
            german.reschedule_wish(plan.date_wish) if reschedule else german.cancel_wish()
        )
        listed = await self.s.function("list_appointments", {})
        appointment_id = _first_id(listed.get("appointments"), "appointment_id")
        if appointment_id is None:
            await self.s.agent(_text(listed) or "Ich finde leider keinen Termin unter Ihrem Namen.")
            await self.callback("Termin verschieben" if reschedule else "Termin absagen")
            return
        if not reschedule:
            reply = await self.s.function("cancel_appointment", {"appointment_id": appointment_id})
            if not reply.get("error"):
                outcome.cancelled_ids.append(appointment_id)
            await self.s.agent(_text(reply) or "Der Termin ist abgesagt.")
            return
        slots, reply = await self.offered_slots(plan.date_wish, plan.time_wish)
        slot_id = _first_id(slots, "slot_id")
        if slot_id is not None:
            await self.s.agent(_text(reply) or german.agent_offer_fallback(len(slots)))
            await self.s.user(german.accepts_offer(self.s.rng))
            args = {"appointment_id": appointment_id, "slot_id": slot_id}
            reply = await self.s.function("reschedule_appointment", args)
            if not reply.get("error") and (reply.get("appointment_id") or reply.get("say")):
                outcome.rescheduled_ids.append(appointment_id)
                await self.s.agent(_text(reply) or "Ich habe den Termin verschoben.")
                return
        await self.callback(f"Termin verschieben: {plan.date_wish}")

    async def callback(self, reason: str) -> None:
        self.outcome.callback_requested = True
        reply = await self.s.function("request_callback", {"reason": reason})
        if _next_field(reply) == "phone":
            await self.s.agent(_text(reply) or german.agent_asks_callback_number())
            phone = self.plan.caller.phone
            if self.plan.gives_callback_number and phone:
                said, arg = german.phone_spoken(phone)
                await self.s.user(said)
                await self.s.function("request_callback", {"reason": reason, "phone": arg})
            else:
                await self.s.user(german.declines_number())
        else:
            await self.s.agent(_text(reply) or "Ich habe den Rückrufwunsch notiert.")

    async def early_hangup(self) -> None:
        """The root-cause call: the wish, then the caller is gone before the agent can book."""
        plan = self.plan
        # A planted experiment rate decides alone whether the name comes before the hang-up.
        says_name = plan.says_name if self.early_name is None else self.early_name
        heard = plan.heard_name or (plan.caller.full_name if says_name else None)
        if says_name and heard:
            await self.s.user(
                german.introduction(plan.caller, heard, plan.name_form, denies=self.denies_greeting)
            )
            await self.save_name(heard)
            # The agent asks what the server asked for next; the caller answers that one
            # question (or declines it), then states the wish and is gone.
            field = _next_field(self.last_reply)
            if field in {"first_name", "birth_date"}:
                await self.answer_field(field, _text(self.last_reply))
            else:
                await self.s.agent("Danke. Wie kann ich Ihnen helfen?")
        self.outcome.booking_requested = True
        await self.s.user(german.early_hangup_line(plan.service))
        await self.s.agent("Sehr gern. Darf ich zuerst noch Ihren Namen")
        self.s.disconnection = "user_hangup"

    # --- after the call -------------------------------------------------------------

    def analysis(self) -> dict[str, Any]:
        plan, outcome = self.plan, self.outcome
        caller_name = plan.wrong_analysis_name or (plan.caller.full_name if outcome.named else None)
        patient = (
            plan.patient.full_name
            if plan.patient
            else (plan.caller.full_name if outcome.named else None)
        )
        data: dict[str, Any] = {
            "caller_full_name": caller_name,
            "patient_full_name": patient,
            "reason_for_visit": plan.service if outcome.booking_requested else plan.intent,
            "first_visit": not plan.returning,
            "appointment_made": outcome.booked,
        }
        return {
            "call_summary": german.analysis_summary(plan.intent, outcome.named, outcome.booked),
            "user_sentiment": "Positive" if outcome.booked else "Neutral",
            "call_successful": outcome.booked or plan.intent in {"question", "callback"},
            "in_voicemail": False,
            "custom_analysis_data": {k: v for k, v in data.items() if v is not None},
        }

    async def finish(self) -> None:
        quirks = self.plan.quirks
        await self.s.webhook("transcript_updated", self.s.call_object("ongoing"))
        ended = self.s.call_object("ended", **self.s.end_fields())
        analyzed = {**ended, "call_analysis": self.analysis()}
        ended_times = 2 if "duplicate_call_ended" in quirks else 1
        analyzed_times = 2 if "duplicate_call_analyzed" in quirks else 1
        if "analyzed_before_ended" in quirks:
            await self.s.webhook("call_analyzed", analyzed, analyzed_times)
            await self.s.webhook("call_ended", ended, ended_times)
        else:
            await self.s.webhook("call_ended", ended, ended_times)
            await self.s.webhook("call_analyzed", analyzed, analyzed_times)
        self.outcome.duration_ms = int(ended.get("duration_ms", 0))


async def play(
    plan: CallPlan,
    transport: Transport,
    practice: Practice,
    *,
    realtime: bool = False,
    variant_name_early: Mapping[str, float] | None = None,
) -> Outcome:
    """Play one plan to its end; wire errors are recorded in the outcome, never raised."""
    session = CallSession(plan, transport, to_number=practice.number, realtime=realtime)
    return await Player(session, practice, variant_name_early).play()
