"""Days the practice or a staff member does not work beyond the weekly hours: public holidays
of the practice's region, company-wide closures, and staff absences. Slots read them; the agent
says why a day is closed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from frontdesk.scheduling import roster
from frontdesk.scheduling.holidays import holidays_between
from frontdesk.scheduling.models import DateOverride
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


def overrides_between(
    session: Session, company: Company, staff_ids: Sequence[int], first: date, last: date
) -> Overrides:
    """The days first..last as slots read them: date overrides, public holidays and the
    absences of `staff_ids` (from the company's roster, see scheduling.roster)."""
    config = roster.current(session, company.id)
    overrides: Overrides = defaultdict(list)
    for row in config.overrides_between(first, last):
        overrides[(row.staff_id, row.day)].append(row)
    add_holidays(company, overrides, first, last)
    for absence in config.absences_between(staff_ids, first, last):
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
    return overrides


def company_closures(
    session: Session, company: Company, first: date, last: date
) -> dict[date, str | None]:
    """Days the whole practice is closed (holidays and closed company overrides) with why."""
    overrides = overrides_between(session, company, (), first, last)
    return {
        day: next((r.note for r in rows if r.note), None)
        for (staff_id, day), rows in sorted(overrides.items(), key=lambda item: item[0][1])
        if staff_id is None and any(r.closed for r in rows)
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
