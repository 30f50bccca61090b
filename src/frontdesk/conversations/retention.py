"""The daily retention purge as a job (filled in by the privacy work)."""

from __future__ import annotations

from frontdesk.db.core import Database
from frontdesk.jobs.runner import JobView, Outcome

RETENTION = "privacy.retention"


def purge(database: Database, view: JobView) -> Outcome:
    return Outcome({"purged": 0})
