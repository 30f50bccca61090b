"""The distinct-surname index of each company, and its per-process cache.

Design: `customer_surnames` holds one row per (company, distinct surname of an active customer)
with its count, maintained by the one write path for customers (`records.py`). Fuzzy search
(Jaro-Winkler) needs every distinct surname of the company, so each process caches them; the
cache is checked against `surname_index_versions` (one primary-key read per call) and reloaded
only when a surname appeared or disappeared anywhere. Counts of existing surnames may lag in the
cache; they only serve as term frequencies, where a few customers more or less do not matter.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.identity.models import CustomerSurname, SurnameIndexVersion
from frontdesk.identity.normalise import cologne_keys, compact


@dataclass(frozen=True)
class SurnameSnapshot:
    version: str | None
    names: tuple[str, ...]
    compacts: tuple[str, ...]
    counts: Mapping[str, int]
    by_key: Mapping[str, tuple[str, ...]]
    total: int
    # Distinct surnames grouped by the length of their compact form: a slip changes the length
    # by one letter at most (an insertion or deletion), so fuzzy search scans neighbouring lengths.
    by_length: Mapping[int, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    # Spoken surname -> (exact, close) registered ones, filled by candidate search: one call
    # matches several times with the same surname, and common surnames recur across calls.
    # It lives and dies with the snapshot, so it is never stale.
    expansions: dict[str, tuple[list[str], list[str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def near_length(self, length: int, spread: int = 1) -> tuple[list[str], list[str]]:
        names: list[str] = []
        compacts: list[str] = []
        for size in range(length - spread, length + spread + 1):
            group = self.by_length.get(size)
            if group:
                names.extend(group[0])
                compacts.extend(group[1])
        return names, compacts


_EMPTY = SurnameSnapshot(None, (), (), {}, {}, 0)
_cache: dict[int, SurnameSnapshot] = {}
_lock = threading.Lock()


def _bump(session: Session, company_id: int) -> None:
    token = uuid.uuid4().hex
    if _set_version(session, company_id, token):
        return
    try:
        with session.begin_nested():
            session.add(SurnameIndexVersion(company_id=company_id, version=token))
    except IntegrityError:
        # A concurrent transaction created the company's row first: update that one.
        _set_version(session, company_id, token)


def _set_version(session: Session, company_id: int, token: str) -> bool:
    done = session.execute(
        update(SurnameIndexVersion)
        .where(SurnameIndexVersion.company_id == company_id)
        .values(version=token)
    )
    return bool(getattr(done, "rowcount", 0))


def adjust(session: Session, company_id: int, last_norm: str, delta: int) -> None:
    """Count one active customer more (+1) or less (-1) under a surname."""
    row = session.get(CustomerSurname, (company_id, last_norm))
    if row is None:
        if delta <= 0:
            return
        key, alt = cologne_keys(last_norm)
        try:
            with session.begin_nested():
                session.add(
                    CustomerSurname(
                        company_id=company_id,
                        last_name_norm=last_norm,
                        surname_key=key,
                        surname_key_alt=alt,
                        n=delta,
                    )
                )
        except IntegrityError:  # a concurrent writer added the surname first: count on it
            row = session.get(CustomerSurname, (company_id, last_norm))
            if row is None:
                raise
        else:
            _bump(session, company_id)
            return
    row.n = CustomerSurname.n + delta  # in SQL, so concurrent writers do not lose counts
    session.flush()
    session.refresh(row, ["n"])
    if row.n <= 0:
        session.delete(row)
        _bump(session, company_id)


# Read on every match: built once with a bound parameter (building it cost more than running).
_VERSION = select(SurnameIndexVersion.version).where(
    SurnameIndexVersion.company_id == bindparam("company_id")
)


def current_version(session: Session, company_id: int) -> str | None:
    return session.scalar(_VERSION, {"company_id": company_id})


def _load(session: Session, company_id: int, version: str | None) -> SurnameSnapshot:
    rows = session.execute(
        select(
            CustomerSurname.last_name_norm,
            CustomerSurname.n,
            CustomerSurname.surname_key,
            CustomerSurname.surname_key_alt,
        ).where(CustomerSurname.company_id == company_id)
    ).all()
    by_key: dict[str, list[str]] = {}
    for name, _, key, alt in rows:
        for k in {key, alt} - {None}:
            by_key.setdefault(str(k), []).append(name)
    names = tuple(r[0] for r in rows)
    grouped: dict[int, tuple[list[str], list[str]]] = {}
    for name in names:
        squeezed = compact(name)
        group = grouped.setdefault(len(squeezed), ([], []))
        group[0].append(name)
        group[1].append(squeezed)
    return SurnameSnapshot(
        version=version,
        names=names,
        compacts=tuple(compact(n) for n in names),
        counts={r[0]: int(r[1]) for r in rows},
        by_key={k: tuple(v) for k, v in by_key.items()},
        total=sum(int(r[1]) for r in rows),
        by_length={k: (tuple(v[0]), tuple(v[1])) for k, v in grouped.items()},
    )


def snapshot(session: Session, company_id: int) -> SurnameSnapshot:
    """The company's distinct surnames, current as of this session's view of the version."""
    version = current_version(session, company_id)
    if version is None:
        return _EMPTY
    cached = _cache.get(company_id)
    if cached is not None and cached.version == version:
        return cached
    fresh = _load(session, company_id, version)
    with _lock:
        _cache[company_id] = fresh
    return fresh


def rebuild(session: Session, company_id: int) -> int:
    """Recount the index from the customers table (after bulk loads); returns distinct names."""
    from sqlalchemy import delete, func

    from frontdesk.identity.models import Customer

    session.execute(delete(CustomerSurname).where(CustomerSurname.company_id == company_id))
    counts = session.execute(
        select(Customer.last_name_norm, func.count())
        .where(
            Customer.company_id == company_id,
            Customer.status == "active",
            Customer.last_name_norm.is_not(None),
        )
        .group_by(Customer.last_name_norm)
    ).all()
    for name, n in counts:
        key, alt = cologne_keys(name)
        session.add(
            CustomerSurname(
                company_id=company_id,
                last_name_norm=name,
                surname_key=key,
                surname_key_alt=alt,
                n=int(n),
            )
        )
    session.flush()
    _bump(session, company_id)
    session.flush()
    return len(counts)
