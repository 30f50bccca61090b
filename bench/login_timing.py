"""Does a failed login tell whether the e-mail has an account? Status, text and time compared.

    .venv/bin/python bench/login_timing.py [--accounts 40] [--attempts 4]

Creates a practice with `--accounts` users on a fresh SQLite database under bench/out/ and,
through the real app (in process, Starlette's TestClient), sends wrong passwords for those
accounts and for as many unknown e-mails, interleaved, `--attempts` times each (below the
lock-out). Prints per side the statuses, the distinct error texts and the p50/p99 of the
server-side time (`Server-Timing`); it fails when status or text differ, or when the medians
differ by more than 10 %.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from frontdesk.accounts import service as accounts_service
from frontdesk.app import create_app
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.settings import Settings
from frontdesk.tenancy import service as tenancy_service

OUT = Path(__file__).parent / "out"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ERROR = re.compile(r'<p class="error" role="alert">([^<]+)</p>')


def _setup(url: str, accounts: int) -> list[str]:
    upgrade(url)
    database = Database(url)
    emails = [f"empfang{i}@timing.test" for i in range(accounts)]
    with database.unit_of_work() as session:
        company = tenancy_service.create(session=session, name="Praxis Zeitmessung")
        for email in emails:
            accounts_service.create_user(
                session=session,
                company_id=company.id,
                email=email,
                role="staff",
                password="das-richtige-passwort",
            )
    database.dispose()
    return emails


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=40)
    parser.add_argument("--attempts", type=int, default=4, help="per e-mail, below the lock-out")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / "login-timing.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    known = _setup(url, args.accounts)
    unknown = [f"niemand{i}@timing.test" for i in range(args.accounts)]
    app = create_app(Settings(database_url=url, session_secret="bench" * 10, log_level="ERROR"))
    seen: dict[str, dict[str, list]] = {
        side: {"ms": [], "status": [], "text": []} for side in ("known", "unknown")
    }
    with TestClient(app, follow_redirects=False) as client:
        csrf = CSRF.search(client.get("/app/login").text)
        assert csrf
        for _ in range(args.attempts):
            for pair in zip(known, unknown, strict=True):
                for side, email in zip(("known", "unknown"), pair, strict=True):
                    response = client.post(
                        "/app/login",
                        data={"email": email, "password": "falsch-123456", "csrf_token": csrf[1]},
                    )
                    timing = float(response.headers["server-timing"].split("dur=")[1])
                    error = ERROR.search(response.text)
                    seen[side]["ms"].append(timing)
                    seen[side]["status"].append(response.status_code)
                    seen[side]["text"].append(error[1] if error else "")
    print("| e-mail | requests | statuses | texts | p50 ms | p99 ms |")
    print("|---|---:|---|---:|---:|---:|")
    for side, data in seen.items():
        statuses = ",".join(str(s) for s in sorted(set(data["status"])))
        print(
            f"| {side} | {len(data['ms'])} | {statuses} | {len(set(data['text']))} | "
            f"{statistics.median(data['ms']):.1f} | {_p99(data['ms']):.1f} |"
        )
    same_answer = (
        set(seen["known"]["status"]) == set(seen["unknown"]["status"])
        and set(seen["known"]["text"]) == set(seen["unknown"]["text"])
        and len(set(seen["known"]["text"])) == 1
    )
    k, u = statistics.median(seen["known"]["ms"]), statistics.median(seen["unknown"]["ms"])
    gap = abs(k - u) / max(k, u)
    print(f"\nsame status and text: {same_answer}; medians differ by {gap:.1%} (limit 10 %)")
    return 0 if same_answer and gap <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
