"""Seeded generation of call plans: who calls when, wanting what, with which quirks.

A plan is the simulator's ground truth for one call. Generation is deterministic for a seed and
an anchor time, so a run can be reproduced exactly."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from frontdesk.simulator import census, german
from frontdesk.simulator.mix import Mix
from frontdesk.simulator.personas import (
    GARBLED,
    Persona,
    misheard_surname,
    new_persona,
    other_notation,
    relative,
    withheld_form,
)

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULT_SERVICES = ("Zahnreinigung", "Kontrolluntersuchung", "Beratung")
DEFAULT_STAFF = ("Dr. Weber", "Dr. Yılmaz", "Frau Kraus")
BOOKING_INTENTS = frozenset({"book", "book_for_other"})


@dataclass(frozen=True)
class Practice:
    """What the simulated callers and agent know of the practice."""

    company: str
    number: str
    agent: str = "Lena"
    services: tuple[str, ...] = DEFAULT_SERVICES
    staff: tuple[str, ...] = DEFAULT_STAFF


@dataclass(frozen=True)
class CallPlan:
    call_id: str
    start: datetime  # UTC, when the phone rang
    after_hours: bool
    caller: Persona
    returning: bool
    from_number: str  # as the platform delivers it
    withheld: bool
    intent: str
    says_name: bool
    name_form: str  # full | surname | mein_name
    heard_name: str | None  # what the ASR made of the spoken name (None: no name said)
    mishearing: str  # none | variant | garbled
    gives_birth_date: bool
    gives_callback_number: bool
    service: str
    date_wish: str
    time_wish: str
    patient: Persona | None = None
    relation: str | None = None
    race_group: str | None = None
    depends_on: str | None = None
    quirks: frozenset[str] = field(default_factory=frozenset)
    wrong_analysis_name: str | None = None
    extra_callback: bool = False
    seed: int = 0

    @property
    def wants_booking(self) -> bool:
        return self.intent in BOOKING_INTENTS


def load_practice(path: Path | None, company: str, number: str) -> Practice:
    """Services and staff from a practice YAML when there is one (any of its usual shapes)."""
    if path is None or not path.exists():
        return Practice(company=company, number=number)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        return Practice(company=company, number=number)
    services = _names(data.get("services")) or DEFAULT_SERVICES
    staff = _names(data.get("staff")) or DEFAULT_STAFF
    header = data.get("company")
    agent = str(header.get("agent_name") or "Lena") if isinstance(header, dict) else "Lena"
    return Practice(company=company, number=number, agent=agent, services=services, staff=staff)


def _names(section: Any) -> tuple[str, ...]:
    if isinstance(section, dict):
        return tuple(str(key) for key in section)
    if isinstance(section, list):
        names = [item.get("name") if isinstance(item, dict) else item for item in section]
        return tuple(str(n) for n in names if isinstance(n, str) and n)
    return ()


def _call_id(rng: random.Random) -> str:
    return f"call_{rng.getrandbits(128):032x}"


def _days(anchor: datetime, days: int) -> list[date]:
    today = anchor.astimezone(BERLIN).date()
    return [today - timedelta(days=offset) for offset in range(days, 0, -1)]


def _business_minute(rng: random.Random) -> int:
    """Minutes after midnight in opening hours: peaks in the morning and early afternoon."""
    windows = (
        (8 * 60, 11 * 60, 5),
        (11 * 60, 14 * 60, 2),
        (14 * 60, 16 * 60, 3),
        (16 * 60, 18 * 60, 1),
    )
    start, end, _ = rng.choices(windows, weights=[w for *_, w in windows], k=1)[0]
    return rng.randint(start, end - 1)


def _after_hours_minute(rng: random.Random) -> int:
    early_or_late = ((6 * 60 + 30, 8 * 60), (18 * 60, 21 * 60 + 30))
    start, end = rng.choice(early_or_late)
    return rng.randint(start, end - 1)


def start_time(rng: random.Random, days: list[date], after_hours: bool) -> datetime:
    """A realistic local start time (Europe/Berlin) on one of `days`, returned in UTC."""
    weekdays = [d for d in days if d.weekday() < 5] or days
    if after_hours and rng.random() < 0.4:
        weekend = [d for d in days if d.weekday() >= 5]
        day = rng.choice(weekend or days)
        minute = rng.randint(9 * 60, 18 * 60 - 1)
    elif after_hours:
        day, minute = rng.choice(days), _after_hours_minute(rng)
    else:
        day, minute = rng.choice(weekdays), _business_minute(rng)
    local = datetime.combine(day, time(minute // 60, minute % 60, rng.randint(0, 59)), BERLIN)
    return local.astimezone(UTC)


class Planner:
    """Draws plans one by one from a seeded random stream."""

    def __init__(
        self, *, mix: Mix, practice: Practice, customers: list[Persona], seed: int, anchor: datetime
    ) -> None:
        self.mix, self.practice, self.customers = mix, practice, customers
        # Children are booked for by their parents; they do not phone the practice themselves.
        adult_born_before = (anchor - timedelta(days=18 * 365)).date()
        self.callers = [
            p for p in customers if p.birth_date is None or p.birth_date <= adult_born_before
        ] or customers
        self.rng = random.Random(seed)
        self.anchor = anchor
        self.taken = {p.full_name for p in customers}
        self.intents, self.weights = mix.intent_weights()

    def draw_intent(self) -> str:
        return self.rng.choices(self.intents, weights=self.weights, k=1)[0]

    def caller(self) -> tuple[Persona, bool]:
        if self.callers and self.rng.random() < self.mix.returning:
            return self.rng.choice(self.callers), True
        return new_persona(self.rng, self.taken), False

    def number(self, persona: Persona, returning: bool) -> tuple[str, bool]:
        rng, mix = self.rng, self.mix
        if rng.random() < mix.withheld:
            return withheld_form(rng), True
        if returning and persona.phone and rng.random() < mix.from_stored_number:
            if rng.random() < mix.other_notation:
                return other_notation(persona.phone, rng), False
            return persona.phone, False
        if not returning and persona.phone:
            return persona.phone, False
        # A customer calling from a number the practice does not know (work, a friend's phone).
        return census.mobile(rng), False

    def heard(self, persona: Persona, form: str) -> tuple[str, str]:
        spoken = persona.last_name if form == "surname" else persona.full_name
        if self.rng.random() >= self.mix.misheard_name:
            return spoken, "none"
        if self.rng.random() < 0.25:
            return self.rng.choice(GARBLED), "garbled"
        wrong = misheard_surname(persona.last_name, self.rng)
        heard = wrong if form == "surname" else f"{persona.first_name} {wrong}"
        return heard, "variant"

    def quirks(self) -> frozenset[str]:
        rng, mix = self.rng, self.mix
        chosen = {
            name
            for name, share in (
                ("duplicate_call_ended", mix.duplicate_call_ended),
                ("duplicate_call_analyzed", mix.duplicate_call_analyzed),
                ("analyzed_before_ended", mix.analyzed_before_ended),
                ("duplicate_function_call", mix.duplicate_function_call),
            )
            if rng.random() < share
        }
        return frozenset(chosen)

    def plan(
        self,
        days: list[date],
        intent: str | None = None,
        caller: Persona | None = None,
        returning: bool | None = None,
    ) -> CallPlan:
        rng, mix = self.rng, self.mix
        intent = intent or self.draw_intent()
        if caller is None or returning is None:
            caller, returning = self.caller()
        from_number, withheld = self.number(caller, returning)
        after_hours = rng.random() < mix.after_hours
        says_name = intent != "early_hangup" or rng.random() < mix.early_hangup_named
        form = rng.choice(("full", "full", "surname", "mein_name"))
        heard, mishearing = self.heard(caller, form) if says_name else (None, "none")
        patient, relation = None, None
        if intent == "book_for_other":
            relation, female = rng.choice(german.RELATIONS)
            patient = relative(rng, caller, female)
        wrong = None
        if rng.random() < mix.wrong_analysis:
            wrong = rng.choice(("Guten Tag", self.practice.agent, *self.practice.staff))
        return CallPlan(
            call_id=_call_id(rng),
            start=start_time(rng, days, after_hours),
            after_hours=after_hours,
            caller=caller,
            returning=returning,
            from_number=from_number,
            withheld=withheld,
            intent=intent,
            says_name=says_name,
            name_form=form,
            heard_name=heard,
            mishearing=mishearing,
            gives_birth_date=caller.birth_date is not None and rng.random() < mix.gives_birth_date,
            gives_callback_number=rng.random() < mix.gives_callback_number,
            service=rng.choice(self.practice.services),
            date_wish=rng.choice(german.DATE_WISHES),
            time_wish=rng.choice(german.TIME_WISHES),
            patient=patient,
            relation=relation,
            quirks=self.quirks(),
            wrong_analysis_name=wrong,
            extra_callback=rng.random() < mix.extra_callback,
            seed=rng.getrandbits(32),
        )


def _with_prior_booking(planner: Planner, plan: CallPlan, days: list[date]) -> list[CallPlan]:
    """A reschedule or cancellation needs an appointment: an earlier booking by the same person."""
    prior = planner.plan(days, intent="book", caller=plan.caller, returning=True)
    first, second = sorted((prior.start, plan.start))
    # At least an hour between booking and change; the booking moves earlier, never the change
    # into the future.
    first = min(first, second - timedelta(hours=1))
    return [replace(prior, start=first), replace(plan, start=second, depends_on=prior.call_id)]


def _race_partner(planner: Planner, plan: CallPlan, days: list[date]) -> list[CallPlan]:
    """Two callers wanting the same service at the same wish, a few seconds apart."""
    other = planner.plan(days, intent="book")
    group = f"race-{plan.call_id[-8:]}"
    partner = replace(
        other,
        start=plan.start + timedelta(seconds=planner.rng.randint(1, 20)),
        service=plan.service,
        date_wish=plan.date_wish,
        time_wish=plan.time_wish,
        race_group=group,
    )
    return [replace(plan, race_group=group), partner]


def generate(
    *,
    count: int,
    days: int,
    mix: Mix,
    practice: Practice,
    customers: list[Persona],
    seed: int,
    anchor: datetime | None = None,
) -> list[CallPlan]:
    """`count` plans over the `days` days before the anchor (default: now), sorted by start."""
    if count < 0 or days < 1:
        raise ValueError("count must be >= 0 and days >= 1")
    anchor = anchor or datetime.now(UTC)
    planner = Planner(mix=mix, practice=practice, customers=customers, seed=seed, anchor=anchor)
    window = _days(anchor, days)
    plans: list[CallPlan] = []
    # A reschedule brings its own earlier booking; that booking stands in for a later "book"
    # draw, so the intent shares stay those of the mix.
    bookings_owed = 0
    for _ in range(count * 4):  # bounded: each round adds a plan or pays off a booking
        if len(plans) >= count:
            break
        room = count - len(plans)
        intent = planner.draw_intent()
        if intent == "book" and bookings_owed:
            bookings_owed -= 1
            continue
        if intent in {"reschedule", "cancel"} and (not customers or room < 2):
            intent = "book"
        if intent in {"reschedule", "cancel"}:
            caller = planner.rng.choice(planner.callers)
            plan = planner.plan(window, intent=intent, caller=caller, returning=True)
            plans.extend(_with_prior_booking(planner, plan, window))
            bookings_owed += 1
            continue
        plan = planner.plan(window, intent=intent)
        if intent == "book" and room >= 2 and planner.rng.random() < mix.race:
            plans.extend(_race_partner(planner, plan, window))
        else:
            plans.append(plan)
    plans = [replace(p, after_hours=is_after_hours(p.start)) for p in plans]
    return sorted(plans, key=lambda p: (p.start, p.call_id))


def is_after_hours(start: datetime) -> bool:
    """Outside the usual opening hours (weekdays 8-18, Europe/Berlin)."""
    local = start.astimezone(BERLIN)
    return local.weekday() >= 5 or not 8 <= local.hour < 18
