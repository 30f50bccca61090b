"""The report's figures per day, with the root-cause analysis's "before" beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.experiments import service as experiment_service
from frontdesk.experiments.report import Report
from frontdesk.followup.models import ReviewItem
from frontdesk.scheduling.models import Appointment

# From the root-cause analysis (shared/seeds): before frontdesk, 64% of withheld-number calls
# ended without a customer record and none of them produced an appointment.
BEFORE = {
    "withheld_unresolved_share": 0.64,
    "appointments_from_withheld": 0.0,
}
_RESOLVED = ("linked", "new_customer")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DayFigures:
    day: date
    calls: int
    withheld_share: float | None
    unresolved_share: float | None
    withheld_unresolved_share: float | None
    name_capture: float | None
    appointments_from_withheld: int
    open_review_age_hours: float | None


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    unit: str  # "share" | "count" | "hours"
    points: list[tuple[date, float | None]]
    before: float | None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def daily(
    *, session: Session, company_id: int, tz: ZoneInfo, last_day: date, days: int, now: datetime
) -> list[DayFigures]:
    """One row per local day, oldest first (grouped in Python: a day is a few hundred calls)."""
    first = last_day - timedelta(days=days - 1)
    begin = datetime.combine(first, time.min, tz)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tz)
    ends = [datetime.combine(first + timedelta(days=i + 1), time.min, tz) for i in range(days)]
    when = func.coalesce(Call.started_at, Call.created_at)  # simulated calls: started_at
    bucket = case(*[(when < e, i) for i, e in enumerate(ends)], else_=days)
    unresolved = Call.link_status.is_(None) | Call.link_status.not_in(_RESOLVED)
    booked = Call.id.in_(
        select(Appointment.call_id).where(
            Appointment.company_id == company_id, Appointment.call_id.is_not(None)
        )
    )
    withheld = Call.caller_id_withheld.is_(True)

    def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.sum(case((condition, 1), else_=0))

    rows = session.execute(
        select(
            bucket,
            func.count(),
            count_if(withheld),
            count_if(unresolved),
            count_if(withheld & unresolved),
            count_if(Call.caller_name.is_not(None)),
            count_if(withheld & booked),
        )
        .where(Call.company_id == company_id, when >= begin, when < end)
        .group_by(bucket)
    ).all()
    by_day = {int(r[0]): [int(v or 0) for v in r[1:]] for r in rows}
    ages = _queue_age_by_day(session=session, company_id=company_id, ends=ends, now=now)
    out: list[DayFigures] = []
    for i in range(days):
        n, held, unres, held_unres, named, held_booked = by_day.get(i, [0] * 6)
        out.append(
            DayFigures(
                day=first + timedelta(days=i),
                calls=n,
                withheld_share=_share(held, n),
                unresolved_share=_share(unres, n),
                withheld_unresolved_share=_share(held_unres, held),
                name_capture=_share(named, n),
                appointments_from_withheld=held_booked,
                open_review_age_hours=ages[i],
            )
        )
    return out


def _queue_age_by_day(
    *, session: Session, company_id: int, ends: list[datetime], now: datetime
) -> list[float | None]:
    """Age in hours of the oldest item still open at each day's end (or now, for today)."""
    items = session.execute(
        select(ReviewItem.created_at, ReviewItem.resolved_at).where(
            ReviewItem.company_id == company_id,
            ReviewItem.created_at < ends[-1],
            (ReviewItem.status == "open") | (ReviewItem.resolved_at >= ends[0] - _DAY),
        )
    ).all()
    ages: list[float | None] = []
    for end in ends:
        moment = min(end, now)
        open_then = [c for c, r in items if c < moment and (r is None or r > moment)]
        ages.append((moment - min(open_then)).total_seconds() / 3600 if open_then else None)
    return ages


def series(figures: list[DayFigures]) -> list[Series]:
    def points(attr: str) -> list[tuple[date, float | None]]:
        return [(f.day, getattr(f, attr)) for f in figures]

    return [
        Series(
            "withheld_share",
            "Anteil mit unterdrückter Nummer",
            "share",
            points("withheld_share"),
            None,
        ),
        Series(
            "unresolved_share",
            "Anrufe ohne Kundenzuordnung",
            "share",
            points("unresolved_share"),
            None,
        ),
        Series(
            "withheld_unresolved_share",
            "Unterdrückte Nummer ohne Kunde",
            "share",
            points("withheld_unresolved_share"),
            BEFORE["withheld_unresolved_share"],
        ),
        Series("name_capture", "Name erfasst", "share", points("name_capture"), None),
        Series(
            "appointments_from_withheld",
            "Termine aus Anrufen mit unterdrückter Nummer",
            "count",
            [(f.day, float(f.appointments_from_withheld)) for f in figures],
            BEFORE["appointments_from_withheld"],
        ),
        Series(
            "open_review_age_hours",
            "Alter des ältesten offenen Prüfeintrags",
            "hours",
            points("open_review_age_hours"),
            None,
        ),
        Series("calls", "Anrufe", "count", [(f.day, float(f.calls)) for f in figures], None),
    ]


def running_experiments(*, session: Session, company_id: int) -> list[Report]:
    """The company's running prompt experiments with their report so far (the verdict waits
    for the planned calls, as on the command line)."""
    return [
        experiment_service.report(session=session, experiment=experiment)
        for experiment in experiment_service.running_for_company(
            session=session, company_id=company_id
        )
    ]
