"""Candidate retrieval: the few customers of ONE company who could be the caller.

Every query carries `company_id` in its WHERE clause (a customer of another company can never
come back), and each is an index seek: exact phone, exact e-mail, exact birth date, and names.
Names go through the distinct surnames (see `surnames.py`): the caller's surname is expanded to
the registered surnames that sound alike (Kölner Phonetik, two keys) or are one slip away
(Jaro-Winkler over the distinct surnames, never over all customers), and only then are
customers fetched, narrowed by first name, because common surnames are huge buckets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler
from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import Session

from frontdesk.identity import surnames
from frontdesk.identity.matcher import (
    CLOSE,
    EXACT,
    MISMATCH,
    PARTIAL,
    CandidateRecord,
    Evidence,
    Frequencies,
    first_name_level,
    surname_level,
)
from frontdesk.identity.models import Customer
from frontdesk.identity.nicknames import related_first_names
from frontdesk.identity.normalise import cologne_keys, compact

_FUZZY_LIMIT = 12
_FUZZY_CUTOFF = 0.84
_ROWS_PER_QUERY = 60
COLUMNS = (  # a CandidateRecord's fields, in order
    Customer.id,
    Customer.first_name_norm,
    Customer.last_name_norm,
    Customer.birth_date,
    Customer.phone_e164,
    Customer.email,
    Customer.external_id,
)


@dataclass(frozen=True)
class Candidates:
    records: Sequence[CandidateRecord]
    frequencies: Frequencies
    # A query hit its row limit (a huge surname bucket and nothing to narrow it): the caller
    # may be among the customers not fetched, so "new" cannot be concluded.
    truncated: bool = False


_EXPANSIONS_KEPT = 20_000


def similar_surnames(
    snapshot: surnames.SurnameSnapshot, last_norm: str
) -> tuple[list[str], list[str]]:
    """(exact, close) registered surnames for a spoken one (memoised on the snapshot)."""
    known = snapshot.expansions.get(last_norm)
    if known is None:
        known = _expand(snapshot, last_norm)
        if len(snapshot.expansions) < _EXPANSIONS_KEPT:
            snapshot.expansions[last_norm] = known
    return known


def _expand(snapshot: surnames.SurnameSnapshot, last_norm: str) -> tuple[list[str], list[str]]:
    found: set[str] = set()
    for key in set(cologne_keys(last_norm)) - {None}:
        found.update(snapshot.by_key.get(str(key), ()))
    query = compact(last_norm)
    names, compacts = snapshot.near_length(len(query))
    if compacts:
        hits = process.extract(
            query,
            compacts,
            scorer=JaroWinkler.similarity,
            score_cutoff=_FUZZY_CUTOFF,
            limit=_FUZZY_LIMIT,
        )
        found.update(names[index] for _, _, index in hits)
    if last_norm in snapshot.counts:
        found.add(last_norm)
    levels = {n: surname_level(last_norm, n) for n in found}
    exact = [n for n, level in levels.items() if level == EXACT]
    close = sorted(n for n, level in levels.items() if level in (CLOSE, PARTIAL))
    return exact, close


def _statement(*conditions: ColumnElement[bool]) -> Select[Any]:
    # `status || ''` keeps the status index out of the plan: nearly every row is active, yet
    # with statistics SQLite preferred (company, status) to the phone index and read 1M rows.
    active = Customer.status.concat("") == "active"
    scope = Customer.company_id == bindparam("company_id")
    return select(*COLUMNS).where(scope, active, *conditions).limit(_ROWS_PER_QUERY)


# Built once with bind parameters: building a statement per lookup cost more than running it.
_SURNAMES = Customer.last_name_norm.in_(bindparam("surnames", expanding=True))
_BY_PHONE = _statement(Customer.phone_e164 == bindparam("value"))
_BY_EMAIL = _statement(Customer.email == bindparam("value"))
_BY_BIRTH_DATE = _statement(Customer.birth_date == bindparam("value"))
_BY_SURNAME = _statement(_SURNAMES)
# Same first name or a known short/full form; then the same two first letters (slips). Two
# separate lookups, each a seek on (company, surname, first name): an OR of both made
# PostgreSQL scan the whole surname bucket (a tenth of all rows for Müller).
_BY_SURNAME_FIRST_NAMES = _statement(
    _SURNAMES, Customer.first_name_norm.in_(bindparam("first_names", expanding=True))
)
_BY_SURNAME_FIRST_PREFIX = _statement(
    _SURNAMES,
    Customer.first_name_norm >= bindparam("low"),
    Customer.first_name_norm < bindparam("high"),
)

Lookup = tuple[Select[Any], dict[str, Any]]


def _by_names(company_id: int, surnames_: list[str], first_norm: str | None) -> list[Lookup]:
    base = {"company_id": company_id, "surnames": surnames_}
    if not first_norm:
        return [(_BY_SURNAME, base)]
    first = first_norm.split()[0]
    names = sorted({first_norm, first, *related_first_names(first)})
    prefix = compact(first_norm)[:2]
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return [
        (_BY_SURNAME_FIRST_NAMES, {**base, "first_names": names}),
        (_BY_SURNAME_FIRST_PREFIX, {**base, "low": prefix, "high": upper}),
    ]


def _queries(company_id: int, evidence: Evidence, names: list[str]) -> list[Lookup]:
    lookups: list[Lookup] = []
    for statement, value in (
        (_BY_PHONE, evidence.phone_e164),
        (_BY_EMAIL, evidence.email),
        (_BY_BIRTH_DATE, evidence.birth_date),
    ):
        if value:
            lookups.append((statement, {"company_id": company_id, "value": value}))
    if names:
        lookups += _by_names(company_id, names, evidence.first_norm)
    return lookups


def _swapped_queries(company_id: int, said_last: str, surnames_: list[str]) -> list[Lookup]:
    """The caller's "first name" looked up as a surname ("Schreiber Anna")."""
    return _by_names(company_id, surnames_, said_last) if surnames_ else []


def _fetch(session: Session, lookups: list[Lookup]) -> list[Any]:
    """Each lookup on its own with its row limit, tagged with its position.

    (One UNION ALL round trip was measured slower: the planner loses the per-lookup plans.)
    Plain column reads, run on the session's connection after one flush: through the ORM's
    execution each cost about twice its round trip."""
    rows: list[Any] = []
    if lookups:
        session.flush()  # what the session changed is what the lookups must see
    connection = session.connection()
    for i, (statement, params) in enumerate(lookups):
        rows.extend((i, *row) for row in connection.execute(statement, params))
    return rows


def _collect(session: Session, queries: list[Lookup], records: dict[int, CandidateRecord]) -> bool:
    """Fetch into `records`; True when some lookup hit its row limit."""
    per_source: dict[int, int] = {}
    for source, *row in _fetch(session, queries):
        per_source[source] = per_source.get(source, 0) + 1
        records.setdefault(row[0], CandidateRecord(*row))
    return any(n >= _ROWS_PER_QUERY for n in per_source.values())


def _try_swapped(evidence: Evidence, found: Iterable[CandidateRecord]) -> bool:
    """Look for the name said surname first only when the usual order found nobody fitting."""
    if not (evidence.first_norm and evidence.last_norm):
        return False
    return not any(
        surname_level(evidence.last_norm, r.last_norm) != MISMATCH
        and first_name_level(evidence.first_norm, r.first_norm) != MISMATCH
        for r in found
    )


def find(
    *, session: Session, company_id: int, evidence: Evidence, exclude_ids: Sequence[int] = ()
) -> Candidates:
    """Candidates of `company_id` for the evidence, with the term frequencies to score them."""
    snapshot = surnames.snapshot(session, company_id)
    exact: list[str] = []
    close: list[str] = []
    if evidence.last_norm:
        exact, close = similar_surnames(snapshot, evidence.last_norm)
    records: dict[int, CandidateRecord] = {}
    truncated = _collect(session, _queries(company_id, evidence, exact + close), records)
    if _try_swapped(evidence, records.values()):
        assert evidence.first_norm is not None and evidence.last_norm is not None
        swapped_exact, swapped_close = similar_surnames(snapshot, evidence.first_norm)
        queries = _swapped_queries(company_id, evidence.last_norm, swapped_exact + swapped_close)
        truncated = _collect(session, queries, records) or truncated
    phone = evidence.phone_e164
    phone_count = sum(1 for r in records.values() if phone and r.phone_e164 == phone)
    excluded = set(exclude_ids)
    frequencies = Frequencies(
        company_size=max(snapshot.total, len(records)),
        surname_counts={n: snapshot.counts.get(n, 1) for n in exact},
        close_surname_total=sum(snapshot.counts.get(n, 1) for n in close),
        phone_count=phone_count,
    )
    kept = [r for i, r in records.items() if i not in excluded]
    return Candidates(records=kept, frequencies=frequencies, truncated=truncated)
