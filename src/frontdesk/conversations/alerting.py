"""The periodic alert check as a job (filled in by the alerts work)."""

from __future__ import annotations

from frontdesk.db.core import Database
from frontdesk.jobs.runner import JobView, Outcome

ALERTS_CHECK = "alerts.check"


def run_checks(database: Database, view: JobView) -> Outcome:
    return Outcome({"checked": 0})
