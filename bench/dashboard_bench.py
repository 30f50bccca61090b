"""Dashboard speed: every page and fragment, server-side, over 100,000 customers and 50,000 calls.

    .venv/bin/python bench/dashboard_bench.py [--customers 100000] [--calls 50000] [--runs 40]

Builds a fresh SQLite database under bench/out/ (or uses FRONTDESK_BENCH_DATABASE_URL), logs in
as the practice owner and requests each route `--runs` times in process; the figure is the
app's own `Server-Timing` (request start to response headers), p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import statistics
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from frontdesk.accounts import service as accounts_service
from frontdesk.app import create_app
from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.followup.models import ReviewItem
from frontdesk.identity import surnames
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import cologne_keys, normalise_name
from frontdesk.scheduling.models import Appointment, Service, Staff
from frontdesk.scheduling.practice import load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from frontdesk.settings import Settings

OUT = Path(__file__).parent / "out"
BERLIN = ZoneInfo("Europe/Berlin")
EMAIL, PASSWORD = "bench@praxis.test", "bench-passwort-123"
SURNAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Werner",
]
FIRST = ["Anna", "Maria", "Jutta", "Peter", "Jonas", "Lena", "Paul", "Sabine", "Thomas", "Eva"]
WEEK = ", ".join(f'{d}: "07:00-19:00"' for d in ("mo", "di", "mi", "do", "fr"))
PRACTICE = """
company: {name: Benchpraxis, timezone: Europe/Berlin, numbers: ["+4930999000111"]}
scheduling: {min_notice_minutes: 0, horizon_days: 365}
services: [{name: Beratung, duration_minutes: 20}]
staff:
  - {name: Dr. Eins, key: eins, services: [Beratung], hours: HOURS}
  - {name: Dr. Zwei, key: zwei, services: [Beratung], hours: HOURS}
""".replace("HOURS", "{" + WEEK + "}")


def bench_database(
    name: str, customers: int, calls: int, reuse: bool
) -> tuple[str, dict[str, int]]:
    """A SQLite bench database bench/out/<name>.db with its ids: the one an earlier run built
    (`reuse`, when its ids were kept), else built afresh."""
    OUT.mkdir(exist_ok=True)
    path, ids_file = OUT / f"{name}.db", OUT / f"{name}-ids.json"
    url = f"sqlite:///{path}"
    if reuse and ids_file.exists():
        return url, json.loads(ids_file.read_text())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ids = build(url, customers, calls)
    ids_file.write_text(json.dumps(ids))
    return url, ids


def build(url: str, n_customers: int, n_calls: int) -> dict[str, int]:
    upgrade(url)
    db = Database(url)
    rng = random.Random(7)
    now = datetime.now(UTC)
    with db.unit_of_work() as session:
        company_id = load_practice(session=session, practice=parse_practice(PRACTICE)).company_id
        accounts_service.create_user(
            session=session, company_id=company_id, email=EMAIL, role="owner", password=PASSWORD
        )
        staff = session.scalars(select(Staff.id).where(Staff.company_id == company_id)).all()
        service = session.scalars(select(Service.id).where(Service.company_id == company_id)).one()
        rows = []
        for i in range(n_customers):
            last = rng.choice(SURNAMES) + ("" if i % 3 else str(i % 997))
            first = rng.choice(FIRST)
            last_norm = normalise_name(last)
            key, alt = cologne_keys(last_norm)
            rows.append(
                {
                    "company_id": company_id,
                    "status": "active",
                    "first_name": first,
                    "last_name": last,
                    "first_name_norm": normalise_name(first),
                    "last_name_norm": last_norm,
                    "surname_key": key,
                    "surname_key_alt": alt,
                    "phone_e164": f"+49301{i:07d}",
                    "email": f"k{i}@beispiel.de",
                    "birth_date": date(1940, 1, 1) + timedelta(days=rng.randrange(25_000)),
                    "completeness": 1.0,
                    "extra": {},
                    "created_at": now,
                    "updated_at": now,
                }
            )
        for start in range(0, len(rows), 5000):
            session.execute(insert(Customer), rows[start : start + 5000])
        surnames.rebuild(session, company_id)
        first_id = session.scalar(select(Customer.id).order_by(Customer.id)) or 1
        calls = []
        for i in range(n_calls):
            created = now - timedelta(minutes=i * 3)
            withheld = i % 4 == 0
            calls.append(
                {
                    "provider": "retell",
                    "provider_call_id": f"call_bench_{i}",
                    "company_id": company_id,
                    "caller_id_withheld": withheld,
                    "from_number_e164": None if withheld else f"+49301{i % n_customers:07d}",
                    "status": "analyzed",
                    "started_at": created,
                    "duration_ms": 90_000,
                    "customer_id": first_id + i % n_customers,
                    "link_status": ["linked", "new_customer", "review", "unidentified"][i % 4],
                    "caller_name": None if i % 5 == 0 else "Anna Müller",
                    "name_attempts": 0,
                    "needs_followup": i % 4 == 2,
                    "field_versions": {},
                    "created_at": created,
                    "updated_at": created,
                    "transcript_object": [
                        {"role": "agent", "content": "Wie ist Ihr Name?"},
                        {"role": "user", "content": "Anna Müller."},
                    ],
                }
            )
        for start in range(0, len(calls), 5000):
            session.execute(insert(Call), calls[start : start + 5000])
        first_call = session.scalar(select(Call.id).order_by(Call.id)) or 1
        items = [
            {
                "company_id": company_id,
                "call_id": first_call + i * 25,
                "customer_id": first_id + i,
                "reason": "uncertain_link",
                "priority": 1 + i % 3,
                "status": "open" if i % 2 else "resolved",
                "details": {
                    "candidates": [
                        {
                            "customer_id": first_id + i + 1,
                            "probability": 0.5,
                            "levels": {"surname": "close"},
                        }
                    ]
                },
                "created_at": now - timedelta(hours=i),
            }
            for i in range(n_calls // 25)
        ]
        session.execute(insert(ReviewItem), items)
        monday = datetime.now(BERLIN).date() - timedelta(days=datetime.now(BERLIN).weekday())
        appointments = []
        for d in range(-60, 30):
            day = monday + timedelta(days=d)
            if day.weekday() >= 5:
                continue
            for slot in range(30):
                begin = datetime.combine(day, time(7, 0), BERLIN) + timedelta(minutes=20 * slot)
                for member in staff:
                    appointments.append(
                        {
                            "company_id": company_id,
                            "customer_id": first_id + (slot * 7 + d) % n_customers,
                            "call_id": first_call + (slot + d * 30) % n_calls,
                            "service_id": service,
                            "staff_id": member,
                            "starts_at": begin,
                            "ends_at": begin + timedelta(minutes=20),
                            "blocked_from": begin,
                            "blocked_until": begin + timedelta(minutes=20),
                            "status": "pending_confirmation" if slot % 9 == 0 else "confirmed",
                            "created_at": begin - timedelta(days=2),
                            "updated_at": now,
                        }
                    )
        session.execute(insert(Appointment), appointments)
        item_id = session.scalar(select(ReviewItem.id).where(ReviewItem.status == "open")) or 1
        appt_id = session.scalar(select(Appointment.id)) or 1
    db.dispose()
    return {
        "company_id": company_id,
        "customer_id": first_id + 5,
        "call_id": first_call + 25,
        "item_id": item_id,
        "appointment_id": appt_id,
        "staff_id": staff[0],
    }


def measure(
    url: str, ids: dict[str, int], runs: int, freeze: bool
) -> list[tuple[str, float, float]]:
    app = create_app(
        Settings(database_url=url, session_secret="bench" * 10, log_level="ERROR", log_json=True)
    )
    if freeze:
        gc.collect()
        gc.freeze()
    results = []
    with TestClient(app, follow_redirects=False) as client:
        page = client.get("/app/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf
        login = client.post(
            "/app/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": csrf.group(1)}
        )
        assert login.status_code == 303
        today = datetime.now(BERLIN).date().isoformat()
        hx = {"HX-Request": "true"}
        routes = [
            ("GET /app", "/app", {}),
            ("GET /app/review", "/app/review", {}),
            ("GET /app/review/{id}", f"/app/review/{ids['item_id']}", {}),
            ("GET /app/calls", "/app/calls", {}),
            ("GET /app/calls?withheld=yes&link=review", "/app/calls?withheld=yes&link=review", {}),
            ("GET /app/calls?outcome=appointment (fragment)", "/app/calls?outcome=appointment", hx),
            ("GET /app/calls?day=today", f"/app/calls?day={today}", {}),
            ("GET /app/calls/{id}", f"/app/calls/{ids['call_id']}", {}),
            ("GET /app/calls/export.csv?day=today", f"/app/calls/export.csv?day={today}", {}),
            ("GET /app/customers?q=Maier (fragment)", "/app/customers?q=Maier", hx),
            ("GET /app/customers?q=Jutta Schmitt", "/app/customers?q=Jutta%20Schmitt", {}),
            (
                "GET /app/customers?q=030 1000 0123 (fragment)",
                "/app/customers?q=030%2010000123",
                hx,
            ),
            ("GET /app/customers?q=k77@beispiel.de", "/app/customers?q=k77@beispiel.de", {}),
            ("GET /app/customers/{id}", f"/app/customers/{ids['customer_id']}", {}),
            ("GET /app/appointments (week, all staff)", "/app/appointments", {}),
            (
                "GET /app/appointments (week, one staff)",
                f"/app/appointments?staff={ids['staff_id']}",
                {},
            ),
            ("GET /app/appointments?view=day", "/app/appointments?view=day", {}),
            ("GET /app/appointments/{id}", f"/app/appointments/{ids['appointment_id']}", {}),
            ("GET /app/metrics (14 days)", "/app/metrics", {}),
            ("GET /app/metrics?days=30", "/app/metrics?days=30", {}),
            ("GET /app/fragments/nav", "/app/fragments/nav", hx),
        ]
        for name, path, headers in routes:
            timings = []
            for _ in range(runs + 3):
                response = client.get(path, headers=headers)
                assert response.status_code == 200, (path, response.status_code)
                timing = response.headers["server-timing"]
                timings.append(float(timing.split("dur=")[1]))
            timings = sorted(timings[3:])  # the first few warm caches
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            results.append((name, statistics.median(timings), p95))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after startup, as a server should (retell-sdk's import alone leaves "
        "~200k objects for every full collection to walk)",
    )
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    args = parser.parse_args()
    url = os.environ.get("FRONTDESK_BENCH_DATABASE_URL")
    if url is None:
        OUT.mkdir(exist_ok=True)
        path = OUT / "dashboard-bench.db"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    ids_file = OUT / "dashboard-bench-ids.json"
    if args.reuse and ids_file.exists():
        ids = json.loads(ids_file.read_text())
    else:
        ids = build(url, args.customers, args.calls)
        OUT.mkdir(exist_ok=True)
        ids_file.write_text(json.dumps(ids))
    results = measure(url, ids, args.runs, args.gc_freeze)
    print(f"| route ({args.customers:,} customers, {args.calls:,} calls) | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for name, p50, p95 in results:
        print(f"| `{name}` | {p50:.1f} | {p95:.1f} |")
    worst = max(p95 for _, _, p95 in results)
    print(f"\nworst p95: {worst:.1f} ms (target <= 100 ms)")
    return 0 if worst <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
