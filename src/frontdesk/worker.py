"""The worker face: builds the queue, the SMS gateway and the job handlers from settings.

The web app uses `producer_queue` to ring the doorbell after a commit; `frontdesk worker`
uses `worker_queue` to run jobs (continuously, or `--burst` until none is due)."""

from __future__ import annotations

from datetime import timedelta

from huey import Huey, crontab

import frontdesk.tables  # noqa: F401  (every table known: merging needs them all)
from frontdesk.conversations import alerting, calendar_jobs, enrichment, retention, work
from frontdesk.conversations.sms import SmsSetup
from frontdesk.db.core import Database, utcnow
from frontdesk.jobs.queue import JobQueue, dispatch_after_commit, make_huey
from frontdesk.jobs.runner import run_one
from frontdesk.jobs.service import enqueue
from frontdesk.messaging.timing import parse_quiet_hours
from frontdesk.settings import Settings
from frontdesk.sms.twilio.gateway import TwilioGateway

STATUS_CALLBACK_PATH = "/sms/twilio/status"


def huey_for(settings: Settings) -> Huey:
    return make_huey(
        redis_url=settings.redis_url,
        queue_path=settings.queue_path,
        database_url=settings.database_url,
        name=settings.queue_name,
    )


def sms_setup(settings: Settings) -> SmsSetup:
    """Twilio when its credentials are set; otherwise SMS is off (the jobs say so)."""
    gateway = None
    if settings.sms_enabled:
        gateway = TwilioGateway(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            api_base_url=settings.twilio_api_base_url or None,
        )
    callback = None
    if "public_base_url" in settings.model_fields_set and settings.public_base_url:
        callback = settings.public_base_url.rstrip("/") + STATUS_CALLBACK_PATH
    return SmsSetup(
        gateway=gateway,
        sender=settings.twilio_from_number,
        quiet=parse_quiet_hours(settings.sms_quiet_hours),
        status_callback=callback,
    )


def producer_queue(settings: Settings, database: Database) -> JobQueue:
    """A queue that only enqueues, wired to ring after every commit that wrote jobs."""
    queue = JobQueue(huey_for(settings), database)
    dispatch_after_commit(database.sessions, queue)
    calendar_jobs.install_on_demand_pull()  # offers refresh stale external calendars first
    return queue


def worker_queue(settings: Settings, database: Database) -> JobQueue:
    handlers = work.handlers(
        sms_setup(settings), stale_after=timedelta(days=settings.stale_provisional_days)
    )
    lease = timedelta(seconds=settings.job_lease_seconds)

    def runner(job_id: int) -> str:
        return run_one(database=database, job_id=job_id, handlers=handlers, lease=lease)

    huey = huey_for(settings)
    queue = JobQueue(huey, database, runner)
    dispatch_after_commit(database.sessions, queue)  # retries and deferrals ring too
    calendar_jobs.install_on_demand_pull()

    @huey.periodic_task(crontab(minute="*"), name="frontdesk.calendar_pull")  # type: ignore[untyped-decorator]
    def calendar_pull() -> None:
        with database.unit_of_work() as session:
            calendar_jobs.schedule_pull(session, utcnow())

    @huey.periodic_task(crontab(minute="*/5"), name="frontdesk.alerts_check")  # type: ignore[untyped-decorator]
    def alerts_check() -> None:
        now = utcnow()
        with database.unit_of_work() as session:
            enqueue(
                session=session,
                kind=alerting.ALERTS_CHECK,
                key=f"{alerting.ALERTS_CHECK}:{now:%Y%m%d%H%M}",
                company_id=None,
            )

    @huey.periodic_task(crontab(hour="3", minute="15"), name="frontdesk.daily_sweep")  # type: ignore[untyped-decorator]
    def daily_sweep() -> None:
        now = utcnow()
        with database.unit_of_work() as session:
            enrichment.schedule_sweep(session, now)
            enqueue(
                session=session,
                kind=retention.RETENTION,
                key=f"{retention.RETENTION}:{now.date().isoformat()}",
                company_id=None,
            )

    return queue
