"""Finding a service or a staff member from what a caller said ("PZR", "bei Frau Sommer")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import time

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from frontdesk.scheduling import roster
from frontdesk.scheduling.errors import UnknownService, UnknownStaff
from frontdesk.scheduling.models import Service, Staff

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TITLES = {"dr", "med", "dent", "prof", "frau", "herr", "herrn", "bei", "zu", "mit", "von", "die"}
_FILLERS = {"eine", "einen", "ein", "termin", "fuer", "zur", "zum", "die", "der", "das", "bitte"}
FUZZY_THRESHOLD = 86


def normalise(text: str) -> str:
    """Lower case, umlauts spelled out, accents and punctuation dropped, spaces collapsed."""
    lowered = text.casefold().translate(_UMLAUTS)
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )
    return " ".join(re.sub(r"[^a-z0-9]+", " ", stripped).split())


def slug(text: str) -> str:
    return normalise(text).replace(" ", "-")


def _service_names(service: Service) -> list[str]:
    return [n for n in (normalise(x) for x in [service.name, service.key, *service.synonyms]) if n]


def match_service(services: Sequence[Service], said: str) -> Service | None:
    """Exact name/key/synonym, then a name inside the words, then a close spelling."""
    wanted = normalise(said)
    if not wanted:
        return None
    content = " ".join(w for w in wanted.split() if w not in _FILLERS) or wanted
    for candidate in (wanted, content):
        for service in services:
            if candidate in _service_names(service):
                return service
    padded = f" {wanted} "
    contained = [
        (len(name), service)
        for service in services
        for name in _service_names(service)
        if len(name) >= 3 and f" {name} " in padded
    ]
    if contained:
        return max(contained, key=lambda pair: pair[0])[1]
    best: tuple[float, Service] | None = None
    for service in services:
        for name in _service_names(service):
            score = fuzz.ratio(content, name)
            if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
                best = (score, service)
    return best[1] if best else None


def services_of(*, session: Session, company_id: int) -> Sequence[Service]:
    """The active services, by id (see roster: read once per process and change)."""
    return roster.services(session, company_id)


def staff_of(*, session: Session, company_id: int) -> Sequence[Staff]:
    """The active staff, by id, each with its hours and services loaded (see roster)."""
    return roster.staff(session, company_id)


def services_to_read(*, session: Session, company_id: int) -> Sequence[Service]:
    """The active services as the roster's shared copies, in no session: for reading only
    (names to offer, durations), never to hang on a row."""
    return roster.current(session, company_id).services


def staff_to_read(*, session: Session, company_id: int) -> Sequence[Staff]:
    """The active staff as the roster's shared copies, in no session: for computing slots
    only, never to hang on a row (merging every member into the session, hours and services
    included, cost more than computing an answer from them)."""
    return roster.current(session, company_id).staff


def get_service_or_raise(*, session: Session, company_id: int, service: str | int) -> Service:
    """A service by id, or by name, key or spoken synonym (case and umlaut tolerant)."""
    services = services_of(session=session, company_id=company_id)
    if isinstance(service, int):
        for item in services:
            if item.id == service:
                return item
        raise UnknownService(str(service), [s.name for s in services])
    found = match_service(services, service)
    if found is None:
        raise UnknownService(service, [s.name for s in services])
    return found


def match_staff(staff: Sequence[Staff], said: str) -> Staff | None:
    """Full name or key, else a single staff member whose name has the said surname."""
    wanted = normalise(said)
    for member in staff:
        if wanted in (normalise(member.name), normalise(member.key)):
            return member
    words = {w for w in wanted.split() if w not in _TITLES and len(w) >= 3}
    hits = [m for m in staff if words & (set(normalise(m.name).split()) - _TITLES)]
    if len(hits) == 1:
        return hits[0]
    fuzzy = [
        m
        for m in staff
        for part in set(normalise(m.name).split()) - _TITLES
        for w in words
        if fuzz.ratio(w, part) >= FUZZY_THRESHOLD
    ]
    return fuzzy[0] if len({m.id for m in fuzzy}) == 1 else None


def get_staff_or_raise(*, session: Session, company_id: int, staff: str | int) -> Staff:
    if isinstance(staff, int):
        found = roster.staff_member(session, company_id, staff)
        if found is None:
            members = staff_of(session=session, company_id=company_id)
            raise UnknownStaff(str(staff), [m.name for m in members])
        return found
    members = staff_of(session=session, company_id=company_id)
    found = match_staff(members, staff)
    if found is None:
        raise UnknownStaff(staff, [m.name for m in members])
    return found


def opening_hours(*, session: Session, company_id: int) -> dict[int, tuple[time, time]]:
    """The practice's weekly hours: per weekday (0 = Monday) the earliest start and the latest
    end over its active staff (a day nobody works is absent)."""
    days: dict[int, tuple[time, time]] = {}
    for member in staff_to_read(session=session, company_id=company_id):
        for hours in member.hours:
            end = time.max if hours.end_time == time(0) else hours.end_time  # 00:00 = midnight
            first, last = days.get(hours.weekday, (hours.start_time, end))
            days[hours.weekday] = (min(first, hours.start_time), max(last, end))
    return dict(sorted(days.items()))
