"""Public holidays by German state (or any ISO 3166-2 subdivision) from the maintained
`holidays` package: a practice closes on them without listing them in its file."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


class UnknownHolidayRegion(ValueError):
    pass


def _split(code: str) -> tuple[str, str | None]:
    country, _, subdivision = code.strip().upper().partition("-")
    return country, subdivision or None


def check_region(code: str) -> str:
    """The normalised code ("DE-BY"), or UnknownHolidayRegion saying what exists."""
    country, subdivision = _split(code)
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise UnknownHolidayRegion(f"unknown country {country!r} for public holidays")
    if subdivision is not None and subdivision not in supported[country]:
        known = ", ".join(f"{country}-{s}" for s in supported[country])
        raise UnknownHolidayRegion(f"unknown subdivision {code!r}; known: {known}")
    return f"{country}-{subdivision}" if subdivision else country


@lru_cache(maxsize=256)
def _year(code: str, year: int) -> dict[date, str]:
    country, subdivision = _split(code)
    found = holidays.country_holidays(country, subdiv=subdivision, years=year, language="de")
    return {day: str(name) for day, name in found.items()}


def holidays_between(code: str | None, first: date, last: date) -> dict[date, str]:
    """Public holidays (German names) of the region on first..last; {} without a region."""
    if not code or first > last:
        return {}
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update({day: name for day, name in _year(code, year).items() if first <= day <= last})
    return found


def holiday_name(code: str | None, day: date) -> str | None:
    return holidays_between(code, day, day).get(day)
