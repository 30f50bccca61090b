"""Every kind of background job and the function that does it, for the worker to run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from frontdesk.conversations import (
    alerting,
    calendar_jobs,
    enrichment,
    followups,
    retention,
    waitlist_flow,
)
from frontdesk.conversations.sms import SmsSetup
from frontdesk.db.core import Database
from frontdesk.jobs.runner import Handler, JobView, Outcome
from frontdesk.scheduling.announce import APPOINTMENT_CHANGED, WAITLIST_FREED
from frontdesk.scheduling.calendar_sync_ports import CalendarConnector


def handlers(
    setup: SmsSetup,
    *,
    steps: Sequence[enrichment.Step] = enrichment.DEFAULT_STEPS,
    stale_after: timedelta = timedelta(days=30),
    calendar_connector: CalendarConnector | None = None,
) -> dict[str, Handler]:
    def appointment_changed(database: Database, view: JobView) -> Outcome:
        return followups.on_appointment_changed(database, setup, view)

    def reminder(database: Database, view: JobView) -> Outcome:
        return followups.on_reminder(database, setup, view)

    def enrich(database: Database, view: JobView) -> Outcome:
        return enrichment.enrich_call(database, view, steps)

    def sweep(database: Database, view: JobView) -> Outcome:
        return enrichment.sweep_stale_provisional(database, view, stale_after)

    def waitlist_freed(database: Database, view: JobView) -> Outcome:
        return waitlist_flow.offer_freed(database, setup, view)

    def waitlist_expire(database: Database, view: JobView) -> Outcome:
        return waitlist_flow.expire_offer(database, setup, view)

    return {
        APPOINTMENT_CHANGED: appointment_changed,
        followups.SMS_REMINDER: reminder,
        enrichment.CALL_ENRICH: enrich,
        enrichment.SWEEP_STALE: sweep,
        alerting.ALERTS_CHECK: alerting.run_checks,
        retention.RETENTION: retention.purge,
        WAITLIST_FREED: waitlist_freed,
        waitlist_flow.WAITLIST_EXPIRE: waitlist_expire,
        **calendar_jobs.handlers(calendar_connector),
    }
