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
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from frontdesk.identity import surnames
from frontdesk.identity.matcher import (
    CLOSE,
    EXACT,
    MISMATCH,
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
_COLUMNS = (
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


def similar_surnames(
    snapshot: surnames.SurnameSnapshot, last_norm: str
) -> tuple[list[str], list[str]]:
    """(exact, close) registered surnames for a spoken one."""
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
    exact = [n for n in found if surname_level(last_norm, n) == EXACT]
    close = sorted(n for n in found if surname_level(last_norm, n) == CLOSE)
    return exact, close


def _first_name_filters(first_norm: str) -> list[ColumnElement[bool]]:
    """Same first name or a known short/full form; then the same two first letters (slips).

    Two separate conditions, each a seek on (company, surname, first name): an OR of both
    would make PostgreSQL scan the whole surname bucket (a tenth of all rows for Müller)."""
    names = {first_norm, first_norm.split()[0], *related_first_names(first_norm.split()[0])}
    prefix = compact(first_norm)[:2]
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return [
        Customer.first_name_norm.in_(sorted(names)),
        (Customer.first_name_norm >= prefix) & (Customer.first_name_norm < upper),
    ]


def _scoped(company_id: int) -> Select[Any]:
    # `status || ''` keeps the status index out of the plan: nearly every row is active, yet
    # with statistics SQLite preferred (company, status) to the phone index and read 1M rows.
    active = Customer.status.concat("") == "active"
    return select(*_COLUMNS).where(Customer.company_id == company_id, active)


def _queries(company_id: int, evidence: Evidence, names: list[str]) -> Iterable[Select[Any]]:
    if evidence.phone_e164:
        yield _scoped(company_id).where(Customer.phone_e164 == evidence.phone_e164)
    if evidence.email:
        yield _scoped(company_id).where(Customer.email == evidence.email)
    if evidence.birth_date:
        yield _scoped(company_id).where(Customer.birth_date == evidence.birth_date)
    if names:
        query = _scoped(company_id).where(Customer.last_name_norm.in_(names))
        if evidence.first_norm:
            for condition in _first_name_filters(evidence.first_norm):
                yield query.where(condition)
        else:
            yield query


def _swapped_queries(
    company_id: int, said_last: str, surnames_: list[str]
) -> Iterable[Select[Any]]:
    """The caller's "first name" looked up as a surname ("Schreiber Anna")."""
    if surnames_:
        query = _scoped(company_id).where(Customer.last_name_norm.in_(surnames_))
        for condition in _first_name_filters(said_last):
            yield query.where(condition)


def _fetch(session: Session, queries: list[Select[Any]]) -> list[Any]:
    """Each lookup on its own with its row limit, tagged with its position.

    (One UNION ALL round trip was measured slower: the planner loses the per-lookup plans.)"""
    rows: list[Any] = []
    for i, query in enumerate(queries):
        rows.extend((i, *row) for row in session.execute(query.limit(_ROWS_PER_QUERY)))
    return rows


def _collect(
    session: Session, queries: list[Select[Any]], records: dict[int, CandidateRecord]
) -> bool:
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
    truncated = _collect(session, list(_queries(company_id, evidence, exact + close)), records)
    if _try_swapped(evidence, records.values()):
        assert evidence.first_norm is not None and evidence.last_norm is not None
        swapped_exact, swapped_close = similar_surnames(snapshot, evidence.first_norm)
        queries = list(
            _swapped_queries(company_id, evidence.last_norm, swapped_exact + swapped_close)
        )
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
