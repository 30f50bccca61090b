"""A real cluster: two app processes behind haproxy and one worker on PostgreSQL and Redis.

A dashboard session made on one app works on the other (cookie, CSRF token and lock-out state
live in the signed cookie and the database, not in a process); simulated calls through haproxy
land on both apps and agree with the ground truth; their jobs are done by the worker process.
Runs in the PostgreSQL pass (SQLite is refused for several processes, see test_refusals.py).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from sqlalchemy import func, select

from frontdesk.accounts import service as accounts_service
from frontdesk.calls.models import Call
from frontdesk.cluster.supervisor import HAPROXY, Cluster, ClusterSpec
from frontdesk.dashboard.routes.booking import CONFIRM
from frontdesk.db.core import Database, utcnow
from frontdesk.db.migrate import upgrade
from frontdesk.jobs.models import DONE, Job
from frontdesk.scheduling.models import ACTIVE_STATUSES, CANCELLED, Appointment
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.run import summary
from frontdesk.tenancy import service as tenancy_service
from tests.conftest import TEST_API_KEY, _postgres_database, backend
from tests.dashboard.conftest import csrf_of

pytestmark = [
    pytest.mark.db,
    pytest.mark.skipif(backend() != "postgres", reason="a cluster runs on PostgreSQL only"),
]

REDIS_URL = os.environ.get("FRONTDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
COMPANY = "Praxis Sonnenschein"
NUMBER = "+4930120045670"
OWNER = "owner@cluster.test"
PASSWORD = "Cluster-Test-Passwort-2026"


@pytest.fixture
def cluster_database() -> Iterator[str]:
    yield from _postgres_database("cluster")


@pytest.fixture
def cluster(cluster_database: str, tmp_path: Path) -> Iterator[Cluster]:
    if not Path(HAPROXY).exists() and not os.environ.get("CI"):
        pytest.skip("haproxy not installed (sh scripts/ensure-haproxy.sh)")
    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    upgrade(cluster_database)
    db = Database(cluster_database)
    sim_demo.seed_practice(db, COMPANY, NUMBER)
    with db.unit_of_work() as session:
        company = tenancy_service.get_by_name(session=session, name=COMPANY)
        assert company is not None
        accounts_service.create_user(
            session=session, company_id=company.id, email=OWNER, role="owner", password=PASSWORD
        )
    db.dispose()
    queue = f"frontdesk-cluster-test-{uuid.uuid4().hex[:8]}"  # apart from other tests' queues
    spec = ClusterSpec(
        apps=2,
        workers=1,
        database_url=cluster_database,
        redis_url=REDIS_URL,
        env={
            "FRONTDESK_RETELL_API_KEY": TEST_API_KEY,
            "FRONTDESK_QUEUE_NAME": queue,
            "FRONTDESK_LOG_LEVEL": "WARNING",
            "FRONTDESK_SESSION_SECRET_FILE": str(tmp_path / "session-secret"),
        },
        log_dir=tmp_path / "logs",
    )
    with Cluster(spec) as running:
        yield running


def _log_in(client: httpx.Client) -> None:
    token = csrf_of(client.get("/app/login").text)
    response = client.post(
        "/app/login", data={"email": OWNER, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303, response.text


def _play(cluster: Cluster, calls: int) -> dict[str, object]:
    sim = sim_demo.Simulation(
        url=cluster.url,
        api_key=TEST_API_KEY,
        company=COMPANY,
        number=NUMBER,
        calls=calls,
        days=2,
        concurrency=4,
        seed=19,
        customers_file=None,
        practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
    )
    result = sim_demo.play(sim, sim_demo.plans(sim))
    db = Database(cluster.spec.database_url)
    try:
        truth = sim_demo.check(db, COMPANY, result.outcomes)
    finally:
        db.dispose()
    return summary(result, truth.differences)


def _wait_for_jobs(db: Database, timeout: float) -> list[Job]:
    """The jobs due by now, once none of them is pending or running any more."""
    deadline = time.monotonic() + timeout
    while True:
        with db.sessions() as session:
            due = list(session.scalars(select(Job).where(Job.run_at <= utcnow())))
        if due and all(j.status not in ("pending", "running") for j in due):
            return due
        if time.monotonic() > deadline:
            return due
        time.sleep(0.5)


def test_two_apps_share_sessions_calls_and_jobs(cluster: Cluster) -> None:
    first, second = cluster.app_urls
    assert httpx.get(cluster.url + "/readyz").json() == {"status": "ready"}

    # Simulated calls through haproxy, played as Retell plays them, agree with the truth.
    figures = _play(cluster, calls=8)
    assert figures["http_errors"] == 0, figures
    assert figures["difference_count"] == 0, figures["differences"]

    db = Database(cluster.spec.database_url)
    try:
        with db.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Call)) == 8
            booked = session.scalars(
                select(Appointment).where(Appointment.status.in_(ACTIVE_STATUSES))
            ).first()
        assert booked is not None, "the default mix books in 8 calls"

        # A session made on the first app; a CSRF-protected cancel on the second.
        with httpx.Client(base_url=first, timeout=15) as on_first:
            _log_in(on_first)
            cookies = on_first.cookies
        with httpx.Client(base_url=second, timeout=15, cookies=cookies) as on_second:
            page = on_second.get("/app")
            assert page.status_code == 200, page.text[:300]
            token = csrf_of(page.text)
            path = f"/app/appointments/{booked.id}/cancel"
            refused = on_second.post(path, data={"csrf_token": "x" * 43})
            assert refused.status_code == 403
            done = on_second.post(path, data={"csrf_token": token, "confirm": CONFIRM})
            assert done.status_code == 303, done.text[:300]
        with db.sessions() as session:
            assert session.get(Appointment, booked.id).status == CANCELLED  # type: ignore[union-attr]

        # Through haproxy the same cookie is accepted by whichever app answers.
        with httpx.Client(base_url=cluster.url, timeout=15, cookies=cookies) as balanced:
            assert all(balanced.get("/app").status_code == 200 for _ in range(4))

        # Jobs the calls enqueued were run by the worker process (apps only enqueue).
        jobs = _wait_for_jobs(db, timeout=20)
        assert jobs, "the calls enqueued no job"
        left = [(j.kind, j.status, j.run_at, j.attempts, j.last_error) for j in jobs]
        assert {j.status for j in jobs} <= {DONE, "failed"}, left
        assert any(j.status == DONE for j in jobs)
    finally:
        db.dispose()
