"""The daily retention purge as a job: every company's expired call content, in one run."""

from __future__ import annotations

from frontdesk.db.core import Database
from frontdesk.jobs.runner import JobView, Outcome
from frontdesk.privacy.retention import purge_expired
from frontdesk.settings import get_settings

RETENTION = "privacy.retention"


def purge(database: Database, view: JobView) -> Outcome:
    """One transaction: a purge that fails half-way leaves nothing half-done to explain."""
    default_days = get_settings().retention_days
    with database.unit_of_work() as session:
        report = purge_expired(session, now=view.now, default_days=default_days)
    return Outcome({"purged": report.totals(), "default_days": default_days})
