"""Days the practice or a staff member does not work beyond the weekly hours: public holidays
of the practice's region, company-wide closures, and staff absences. Slots read them; the agent
says why a day is closed."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from frontdesk.scheduling.holidays import holidays_between
from frontdesk.scheduling.models import DateOverride, StaffAbsence
from frontdesk.scheduling.spoken import spoken_date
from frontdesk.tenancy.models import Company

Overrides = dict[tuple[int | None, date], list[DateOverride]]


def holiday_region(company: Company) -> str | None:
    region = (company.settings or {}).get("public_holidays")
    return region if isinstance(region, str) and region else None


def add_holidays(company: Company, overrides: Overrides, first: date, last: date) -> None:
    """A public holiday closes the day for everyone, unless the practice file says otherwise
    for that date (an explicit company override wins: a practice open on a holiday)."""
    for day, name in holidays_between(holiday_region(company), first, last).items():
        if (None, day) not in overrides:
            overrides[(None, day)] = [
                DateOverride(company_id=company.id, staff_id=None, day=day, closed=True, note=name)
            ]


# Read on every calendar load: built once with bound parameters (see slots._BUSY).
_ABSENCES = select(StaffAbsence).where(
    StaffAbsence.company_id == bindparam("company_id"),
    StaffAbsence.staff_id.in_(bindparam("staff_ids", expanding=True)),
    StaffAbsence.first_day <= bindparam("last"),
    StaffAbsence.last_day >= bindparam("first"),
)


def add_absences(
    session: Session,
    company: Company,
    staff_ids: list[int],
    overrides: Overrides,
    first: date,
    last: date,
) -> None:
    """An absent member works on none of the absent days, whatever their hours say."""
    rows = session.scalars(
        _ABSENCES,
        {"company_id": company.id, "staff_ids": list(staff_ids), "first": first, "last": last},
    )
    for absence in rows:
        day = max(absence.first_day, first)
        while day <= min(absence.last_day, last):
            overrides[(absence.staff_id, day)] = [
                DateOverride(
                    company_id=company.id,
                    staff_id=absence.staff_id,
                    day=day,
                    closed=True,
                    note=absence.note or "abwesend",
                )
            ]
            day += timedelta(days=1)


_COMPANY_OVERRIDES = select(DateOverride).where(
    DateOverride.company_id == bindparam("company_id"),
    DateOverride.staff_id.is_(None),
    DateOverride.day >= bindparam("first"),
    DateOverride.day <= bindparam("last"),
)


def company_closures(
    session: Session, company: Company, first: date, last: date
) -> dict[date, str | None]:
    """Days the whole practice is closed (holidays and closed company overrides) with why."""
    overrides: Overrides = defaultdict(list)
    days = {"company_id": company.id, "first": first, "last": last}
    for row in session.scalars(_COMPANY_OVERRIDES, days):
        overrides[(None, row.day)].append(row)
    add_holidays(company, overrides, first, last)
    return {
        day: next((r.note for r in rows if r.note), None)
        for (_, day), rows in sorted(overrides.items(), key=lambda item: item[0][1])
        if any(r.closed for r in rows)
    }


def closure_sentence(closures: dict[date, str | None]) -> str | None:
    """What the agent says about closed days in the caller's wish, in German."""
    if not closures:
        return None
    parts = []
    for day, why in list(closures.items())[:3]:
        reason = f" wegen {why}" if why else ""
        parts.append(f"Am {spoken_date(day)}, ist die Praxis{reason} geschlossen.")
    return " ".join(parts)
