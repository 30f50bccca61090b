"""Estimating one company's match weights from its own data (offline: `identity train`).

Only the company's own customers (and, when given, its own calls) are read: every query is
scoped by `company_id`, so one tenant's data never shapes another's weights.

- u: random pairs (customer x customer, or call x customer when calls are given); exact levels
  of first name and birth date from the value frequencies themselves (a random sample sees too
  few exact birth-date pairs to count them).
- m: EM over blocked pairs, two runs as Splink does: pairs sharing a birth date estimate the name
  and e-mail levels, pairs sharing a surname estimate the birth-date levels.
  Between customers (dedupe) that finds duplicate registrations; with calls (link) the callers
  who are customers. A run that finds fewer than MIN_EXPECTED_MATCHES leaves its fields at the
  hand-set defaults: too few pairs to tell a slip from a stranger.
- p_known (share of callers who are customers): only from calls; otherwise the default.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.identity import weights
from frontdesk.identity.comparisons import EXACT, FIELDS, LEVELS
from frontdesk.identity.estimation import Pattern, Table, em, u_from_random_pairs
from frontdesk.identity.matcher import DEFAULT_M, DEFAULT_U, CandidateRecord, Evidence, compare
from frontdesk.identity.models import Customer

MIN_CUSTOMERS = 1_000  # fewer active customers: the hand-set defaults stay
MIN_EXPECTED_MATCHES = 50.0
MIN_CALLS = 500  # fewer calls: too few callers to learn their slips from; customers only
# An import creating or changing this many customers of a company re-estimates its weights.
LARGE_IMPORT = 1_000
RANDOM_PAIRS = 200_000
MAX_BLOCKED_PAIRS = 400_000
MAX_BLOCK = 200  # larger blocks (a common surname) add pairs, not information
_P_KNOWN_RANGE = (0.05, 0.98)


@dataclass(frozen=True)
class Run:
    name: str
    key: Callable[[Evidence], Hashable | None]
    fields: tuple[str, ...]  # compared in this run (the blocked ones left out)
    estimates: tuple[str, ...]  # whose m this run stores


def _birth_key(e: Evidence) -> Hashable | None:
    return e.birth_date


def _surname_key(e: Evidence) -> Hashable | None:
    return e.last_norm


# The first name stays compared in the surname run: with the birth date alone left, EM could
# not tell a keyed slip of the same person from a relative (one informative field).
RUNS = (
    Run(
        "birth_date",
        _birth_key,
        ("surname", "first_name", "phone", "email"),
        ("surname", "first_name", "email"),
    ),
    Run("surname", _surname_key, ("first_name", "birth_date", "phone", "email"), ("birth_date",)),
)


@dataclass(frozen=True)
class Training:
    weights: dict[str, Any]
    summary: dict[str, Any]


def customers_of(session: Session, company_id: int) -> list[CandidateRecord]:
    rows = session.execute(
        select(
            Customer.id,
            Customer.first_name_norm,
            Customer.last_name_norm,
            Customer.birth_date,
            Customer.phone_e164,
            Customer.email,
        ).where(Customer.company_id == company_id, Customer.status == "active")
    )
    return [CandidateRecord(*row) for row in rows]


def as_evidence(record: CandidateRecord) -> Evidence:
    return Evidence(
        record.first_norm, record.last_norm, record.birth_date, record.phone_e164, record.email
    )


def _pattern(query: Evidence, stored: CandidateRecord, fields: Sequence[str]) -> Pattern:
    levels = compare(query, stored)
    return tuple(levels[f] for f in fields)


def _random_pairs(
    queries: Sequence[Evidence],
    stored: Sequence[CandidateRecord],
    n: int,
    rng: random.Random,
    same_side: bool,
) -> Counter[Pattern]:
    patterns: Counter[Pattern] = Counter()
    for _ in range(n):
        i, j = rng.randrange(len(queries)), rng.randrange(len(stored))
        if same_side and i == j:
            continue
        patterns[_pattern(queries[i], stored[j], FIELDS)] += 1
    return patterns


def _exact_share(a: Iterable[Hashable | None], b: Iterable[Hashable | None]) -> float | None:
    """Chance that two random non-missing values agree, from their frequencies."""
    ca, cb = Counter(v for v in a if v), Counter(v for v in b if v)
    na, nb = sum(ca.values()), sum(cb.values())
    if not na or not nb:
        return None
    return sum(n * cb.get(v, 0) for v, n in ca.items()) / (na * nb)


def _with_exact(levels: Mapping[str, float], exact: float | None) -> dict[str, float]:
    if exact is None or exact <= 0:
        return dict(levels)
    rest = 1.0 - levels[EXACT]
    scale = (1.0 - exact) / rest if rest > 0 else 1.0
    return {lv: exact if lv == EXACT else p * scale for lv, p in levels.items()}


def estimate_u(
    queries: Sequence[Evidence], stored: Sequence[CandidateRecord], rng: random.Random
) -> Table:
    same_side = len(queries) == len(stored) and all(
        q == as_evidence(s) for q, s in zip(queries[:20], stored[:20], strict=False)
    )
    patterns = _random_pairs(queries, stored, RANDOM_PAIRS, rng, same_side)
    u = u_from_random_pairs(patterns, FIELDS, LEVELS, DEFAULT_U)
    u["first_name"] = _with_exact(
        u["first_name"],
        _exact_share((q.first_norm for q in queries), (s.first_norm for s in stored)),
    )
    u["birth_date"] = _with_exact(
        u["birth_date"],
        _exact_share((q.birth_date for q in queries), (s.birth_date for s in stored)),
    )
    return u


def _blocks(
    records: Iterable[Any], key: Callable[[Any], Hashable | None]
) -> dict[Hashable, list[int]]:
    out: dict[Hashable, list[int]] = {}
    for i, record in enumerate(records):
        k = key(record)
        if k is not None:
            out.setdefault(k, []).append(i)
    return out


def blocked_patterns(
    queries: Sequence[Evidence],
    stored: Sequence[CandidateRecord],
    run: Run,
    *,
    dedupe: bool,
) -> Counter[Pattern]:
    """Level patterns of all pairs sharing the run's key (one side each; i < j when dedupe)."""
    left = _blocks(queries, run.key)
    right = left if dedupe else _blocks((as_evidence(s) for s in stored), run.key)
    patterns: Counter[Pattern] = Counter()
    total = 0
    for k, qs in left.items():
        ss = right.get(k, [])
        if len(qs) > MAX_BLOCK or len(ss) > MAX_BLOCK:
            continue
        for i in qs:
            for j in ss:
                if dedupe and j <= i:
                    continue
                patterns[_pattern(queries[i], stored[j], run.fields)] += 1
                total += 1
        if total >= MAX_BLOCKED_PAIRS:
            break
    return patterns


def _p_known(
    runs: Mapping[str, Any], queries: Sequence[Evidence], m: Table, calls: bool
) -> float | None:
    """Callers who are customers: matches found among pairs sharing a birth date, divided by
    the callers who gave one and the share of true pairs whose birth date agrees exactly."""
    run = runs.get("birth_date")
    with_birth = sum(1 for q in queries if q.birth_date)
    if not calls or run is None or not run["used"] or not with_birth:
        return None
    known = float(run["expected_matches"]) / (with_birth * m["birth_date"][EXACT])
    return min(max(known, _P_KNOWN_RANGE[0]), _P_KNOWN_RANGE[1])


def train(
    stored: Sequence[CandidateRecord],
    calls: Sequence[Evidence] | None = None,
    *,
    seed: int = 7,
) -> Training:
    """Weights for one company from its customers (and its calls, when given)."""
    rng = random.Random(seed)
    given_calls = len(calls or ())
    if calls is not None and len(calls) < MIN_CALLS:
        calls = None
    dedupe = calls is None
    queries = [as_evidence(s) for s in stored] if calls is None else list(calls)
    summary: dict[str, Any] = {
        "customers": len(stored),
        "calls": given_calls,
        "calls_used": calls is not None,
    }
    if len(stored) < MIN_CUSTOMERS or not queries:
        summary["defaults"] = f"fewer than {MIN_CUSTOMERS} customers"
        return Training({}, summary)
    u = estimate_u(queries, stored, rng)
    m: Table = {f: dict(DEFAULT_M[f]) for f in FIELDS}
    runs: dict[str, Any] = {}
    # Within a customer base, pairs sharing a surname are mostly households (one landline, other
    # birth dates): EM would take them for duplicates. Only the birth-date run is safe there.
    for run in RUNS[:1] if dedupe else RUNS:
        patterns = blocked_patterns(queries, stored, run, dedupe=dedupe)
        result = em(patterns, run.fields, LEVELS, m_start=DEFAULT_M, u=u)
        used = result.expected_matches >= MIN_EXPECTED_MATCHES
        if used:
            for f in run.estimates:
                m[f] = result.m[f]
        runs[run.name] = {
            "pairs": sum(patterns.values()),
            "expected_matches": round(result.expected_matches, 1),
            "iterations": result.iterations,
            "converged": result.converged,
            "used": used,
        }
    summary["runs"] = runs
    weights: dict[str, Any] = {"m": m, "u": u}
    p_known = _p_known(runs, queries, m, calls is not None)
    if p_known is not None:
        weights["p_known"] = p_known
    return Training(weights, summary)


def train_company(
    session: Session, company_id: int, calls: Sequence[Evidence] | None = None
) -> tuple[int, Training]:
    """Estimate and store a new version of the company's weights; (version, what was done)."""
    result = train(customers_of(session, company_id), calls)
    version = weights.store(session, company_id, result.weights, result.summary)
    return version, result
