"""The demo week of `make run`, for several seeds: does it pass its own check?

    python bench/demo_week.py [--seeds 0-9] [--calls 150] [--days 7] [--json]

Per seed, exactly what `frontdesk demo` does, on a fresh SQLite database: the demo practice and
its 300 customers, the app served in-process on loopback, a past week of calls played into it
by the simulator (4 at a time), then the simulator's ground-truth check. The check's goal for
named calls (the caller said a name) is at most 5% unresolved (link status neither linked nor
new_customer). For every named call that stays unresolved it lists why, from the plan (what the
caller said, what the speech recognition made of it) and the review item (the matcher's
reason and best candidates): the matcher's review band, a misheard name, a number a family
shares, a namesake in the customer base, a birth date not given.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

import frontdesk.tables  # noqa: F401  (every table's metadata, as the app loads it)
from frontdesk.calls.models import Call
from frontdesk.cli.common import DEMO_COMPANY as COMPANY
from frontdesk.cli.common import DEMO_NUMBER as NUMBER
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.followup.models import ReviewItem
from frontdesk.settings import Settings
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.local import demo_key, serve_locally
from frontdesk.simulator.personas import Persona
from frontdesk.simulator.player import Outcome
from frontdesk.simulator.truth import RESOLVED, UNRESOLVED_GOAL


def seeds_of(text: str) -> list[int]:
    if "-" in text:
        low, high = text.split("-", 1)
        return list(range(int(low), int(high) + 1))
    return [int(part) for part in text.split(",")]


def why(outcome: Outcome, call: Call, reviews: list[ReviewItem], base: list[Persona]) -> str:
    """Why a named call stays unresolved, as far as the plan and the review item tell."""
    plan, persona = outcome.plan, outcome.plan.caller
    causes = []
    details = next((r.details for r in reviews if r.reason == "uncertain_link"), None) or {}
    reason = details.get("decision_reason")
    if reason:
        causes.append(f"matcher: {reason}")
    if plan.mishearing != "none" and not outcome.caller_known:
        causes.append(f"misheard name ({plan.mishearing}: {plan.heard_name!r})")
    shared = persona.phone and sum(1 for p in base if p.phone == persona.phone) > 1
    if shared and plan.from_number == persona.phone:
        causes.append("shared family number")
    if sum(1 for p in base if p.full_name == persona.full_name) > 1:
        causes.append("namesake in the customer base")
    if persona.birth_date is None:
        causes.append("no birth date on record")
    elif not plan.gives_birth_date:
        causes.append("birth date declined")
    if not plan.withheld and plan.from_number != persona.phone:
        causes.append("called from a number the practice does not know")
    if plan.intent == "early_hangup":
        causes.append("hung up early")
    if plan.name_form == "surname":
        causes.append("surname only")
    candidates = details.get("candidates") or []
    best = candidates[0] if candidates else None
    if isinstance(best, dict):
        levels = best.get("levels") or {}
        shown = ",".join(f"{k}={v}" for k, v in levels.items() if v not in (None, "missing"))
        right = best.get("external_id") == persona.customer_id
        causes.append(
            f"best candidate {best.get('external_id')} ({'right' if right else 'wrong'} person,"
            f" p={best.get('probability')}, {shown})"
        )
    return "; ".join(causes) or "?"


def one_week(seed: int, calls: int, days: int, directory: Path) -> dict[str, Any]:
    url = f"sqlite:///{directory / f'demo-{seed}.db'}"
    upgrade(url)
    database = Database(url)
    try:
        sim_demo.seed_practice(database, COMPANY, NUMBER)
        sim_demo.seed_customers(database)
        key = demo_key()
        settings = Settings(database_url=url, retell_api_key=key, log_level="WARNING")
        with serve_locally(settings, database) as base_url:
            sim = sim_demo.Simulation(
                url=base_url,
                api_key=key,
                company=COMPANY,
                number=NUMBER,
                calls=calls,
                days=days,
                seed=seed,
                concurrency=4,
                customers_file=sim_demo.example_file(sim_demo.DEMO_CUSTOMERS_FILE),
                practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
            )
            result = sim_demo.play(sim, sim_demo.plans(sim))
        truth = sim_demo.check(database, COMPANY, result.outcomes)
        base = sim_demo.customers(sim)
        unresolved = []
        with database.sessions() as session:
            for outcome in sorted(result.outcomes, key=lambda o: o.plan.start):
                if not outcome.named:
                    continue
                call = session.scalars(
                    select(Call).where(Call.provider_call_id == outcome.call_id)
                ).one_or_none()
                if call is None or call.link_status in RESOLVED:
                    continue
                reviews = list(
                    session.scalars(select(ReviewItem).where(ReviewItem.call_id == call.id))
                )
                persona = outcome.plan.caller
                unresolved.append(
                    {
                        "call": outcome.call_id,
                        "caller": persona.customer_id or f"{persona.full_name} (new)",
                        "said": outcome.plan.heard_name,
                        "withheld": outcome.plan.withheld,
                        "link_status": call.link_status,
                        "why": why(outcome, call, reviews, base),
                    }
                )
    finally:
        database.dispose()
    figures = truth.figures
    share = figures.get("named_unresolved_share", 0.0)
    return {
        "seed": seed,
        "calls": figures.get("calls"),
        "http_errors": len(result.stats.http_errors),
        "named": figures.get("named_calls"),
        "unresolved": figures.get("named_unresolved"),
        "share": share,
        "passes": share <= UNRESOLVED_GOAL,
        "differences": truth.differences,
        "unresolved_calls": unresolved,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-9")
    parser.add_argument("--calls", type=int, default=150)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    weeks = []
    with tempfile.TemporaryDirectory(prefix="frontdesk-demo-week-") as tmp:
        for seed in seeds_of(args.seeds):
            week = one_week(seed, args.calls, args.days, Path(tmp))
            weeks.append(week)
            if not args.json:
                mark = "pass" if week["passes"] else "FAIL"
                print(
                    f"seed {seed}: {week['unresolved']}/{week['named']} named calls unresolved"
                    f" = {week['share']:.1%} ({mark}); {len(week['differences'])} differences,"
                    f" {week['http_errors']} HTTP errors",
                    flush=True,
                )
                if not week["passes"]:
                    for item in week["unresolved_calls"]:
                        print(
                            f"    {item['call']} {item['caller']} said {item['said']!r}"
                            f" ({'withheld' if item['withheld'] else 'shown number'},"
                            f" {item['link_status']}): {item['why']}"
                        )
    passed = sum(1 for w in weeks if w["passes"])
    causes = Counter(
        cause.split(" (")[0].split(":")[0]
        for w in weeks
        for item in w["unresolved_calls"]
        for cause in item["why"].split("; ")
        if not cause.startswith("best candidate")
    )
    if args.json:
        print(json.dumps({"weeks": weeks, "passed": passed, "causes": causes}, indent=1))
    else:
        print(f"{passed}/{len(weeks)} seeds pass (named calls unresolved <= 5%)")
        print(
            "causes over all unresolved named calls: "
            + ", ".join(f"{k} {v}" for k, v in causes.most_common())
        )


if __name__ == "__main__":
    main()
