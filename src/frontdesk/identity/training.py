"""A company's match weights, estimated from its own data (Fellegi-Sunter, as Splink does).

u (how often two different people agree at a level) comes from random pairs of the company's
active customers: two registered records are two people. m (how often one person's records
agree at a level) comes from expectation maximisation over the pairs the live matcher scores:
each query (what a caller said, kept on the call's provisional record, or a line of a batch
file) against the candidates retrieval finds for it. The share of queries that are customers
(`p_known`) comes out of the same fit, so the probabilities the matcher reports are calibrated
to the company's own callers.

Hand-set defaults stay until there is enough data: u needs MIN_CUSTOMERS customers, m needs
MIN_MATCHES expected matching pairs (a field's m also needs MIN_FIELD_MATCHES matches that say
something about that field)."""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.identity import candidates
from frontdesk.identity.matcher import (
    DEFAULT_M,
    DEFAULT_U,
    EXACT,
    LEVELS,
    MISMATCH,
    MISSING,
    CandidateRecord,
    Evidence,
    Params,
    compare,
)
from frontdesk.identity.models import Customer, MatchWeights
from frontdesk.tenancy.models import Company

MIN_CUSTOMERS = 200
MIN_MATCHES = 100
MIN_FIELD_MATCHES = 20
LARGE_BATCH = 1000  # an import or a batch of queries this large re-estimates the weights
U_PAIRS = 100_000
# Pseudo-counts that pull a sparse estimate towards the hand-set value (a level seen twice in
# 100,000 random pairs is not known to be 0.00002).
U_PRIOR_PAIRS = 1000.0
M_PRIOR_MATCHES = 10.0
EM_MAX_ITERATIONS = 200
EM_TOLERANCE = 1e-7
# The data shows that one person's records often carry a different name (keyed typos,
# replaced values): then a different name weighs against a link instead of blocking it.
NAME_MISMATCH_BLOCKS_BELOW = 0.05
# Fields whose u is estimated here; phone and e-mail EXACT come from term frequencies.
U_FIELDS = ("surname", "first_name", "birth_date", "email")

Pattern = tuple[str, ...]
FIELDS: tuple[str, ...] = tuple(LEVELS)


@dataclass(frozen=True)
class Estimate:
    """What one training run found (stored beside the weights as `trained_on`)."""

    params: Params
    customers: int
    random_pairs: int
    queries: int
    blocked_pairs: int
    expected_matches: float
    iterations: int
    u_estimated: bool
    m_estimated: bool

    def summary(self) -> dict[str, Any]:
        return {
            "customers": self.customers,
            "random_pairs": self.random_pairs,
            "queries": self.queries,
            "blocked_pairs": self.blocked_pairs,
            "expected_matches": round(self.expected_matches, 1),
            "em_iterations": self.iterations,
            "u_estimated": self.u_estimated,
            "m_estimated": self.m_estimated,
        }


# --- u: random pairs of registered customers -------------------------------------------


def _exact_share(values: Iterable[object]) -> float | None:
    """P(two random records agree exactly), from the value counts (no sampling error)."""
    counts = Counter(v for v in values if v)
    n = sum(counts.values())
    if n < 2:
        return None
    return sum(c * (c - 1) for c in counts.values()) / (n * (n - 1))


def _smoothed(count: float, total: float, prior: float, weight: float) -> float:
    return (count + weight * prior) / (total + weight)


def estimate_u(records: Sequence[CandidateRecord], seed: int = 0) -> dict[str, dict[str, float]]:
    """u per field level from random pairs of distinct customers (EXACT from value counts)."""
    rng = random.Random(seed)
    seen: dict[str, Counter[str]] = {f: Counter() for f in U_FIELDS}
    n = len(records)
    for _ in range(U_PAIRS if n >= 2 else 0):
        i, j = rng.randrange(n), rng.randrange(n - 1)
        j += j >= i
        a = records[i]
        query = Evidence(a.first_norm, a.last_norm, a.birth_date, a.phone_e164, a.email)
        levels = compare(query, records[j])
        for f in U_FIELDS:
            seen[f][levels[f]] += 1
    u: dict[str, dict[str, float]] = {}
    for f in U_FIELDS:
        said = sum(c for level, c in seen[f].items() if level != MISSING)
        u[f] = {
            level: _smoothed(seen[f][level], said, DEFAULT_U[f][level], U_PRIOR_PAIRS)
            for level in DEFAULT_U[f]
        }
    for f, exact in (
        ("first_name", _exact_share(r.first_norm for r in records)),
        ("birth_date", _exact_share(r.birth_date for r in records)),
    ):
        if exact is not None:
            u[f][EXACT] = max(exact, 1e-7)
    return u


# --- m: expectation maximisation over blocked pairs --------------------------------------


def _normalised(levels: Mapping[str, float], field_: str) -> dict[str, float]:
    values = {level: max(levels.get(level, 0.0), 1e-6) for level in LEVELS[field_]}
    total = sum(values.values())
    return {level: v / total for level, v in values.items()}


def _pattern_probability(pattern: Pattern, table: Mapping[str, Mapping[str, float]]) -> float:
    p = 1.0
    for f, level in zip(FIELDS, pattern, strict=True):
        if level != MISSING:
            p *= table[f][level]
    return p


def _level_sums(weighted: Mapping[Pattern, float]) -> dict[str, dict[str, float]]:
    """Per field, the summed weight of the patterns at each level (MISSING says nothing)."""
    sums: dict[str, dict[str, float]] = {f: {} for f in FIELDS}
    for pattern, weight in weighted.items():
        for f, level in zip(FIELDS, pattern, strict=True):
            if level != MISSING:
                sums[f][level] = sums[f].get(level, 0.0) + weight
    return sums


def _weighted(
    per_query: Sequence[Sequence[Pattern]], weights: Iterable[Iterable[float]]
) -> dict[Pattern, float]:
    totals: dict[Pattern, float] = {}
    for patterns, mine in zip(per_query, weights, strict=True):
        for pattern, w in zip(patterns, mine, strict=True):
            totals[pattern] = totals.get(pattern, 0.0) + w
    return totals


@dataclass
class _Fit:
    share: float  # π: the share of queries whose person is among their candidates
    m: dict[str, dict[str, float]]
    u: dict[str, dict[str, float]]  # of the retrieved pairs that are not a match
    iterations: int = 0


def _match_weights(per_query: Sequence[Sequence[Pattern]], fit: _Fit) -> list[list[float]]:
    """E step: each candidate's probability of being its query's person. A query is one
    person, so at most one candidate is: the candidates share the query's π (the model the live
    matcher scores with), which keeps the fit from calling a crowd of namesakes matches."""
    ratio: dict[Pattern, float] = {}
    weights = []
    for patterns in per_query:
        for pattern in patterns:
            if pattern not in ratio:
                ratio[pattern] = _pattern_probability(pattern, fit.m) / max(
                    _pattern_probability(pattern, fit.u), 1e-300
                )
        prior = fit.share / len(patterns)
        odds = [prior * ratio[p] for p in patterns]
        total = (1.0 - fit.share) + sum(odds)
        weights.append([o / total for o in odds])
    return weights


def _m_step(per_query: Sequence[Sequence[Pattern]], weights: Sequence[Sequence[float]]) -> _Fit:
    share = sum(sum(mine) for mine in weights) / len(per_query)
    m_sums = _level_sums(_weighted(per_query, weights))
    u_sums = _level_sums(_weighted(per_query, ([1.0 - w for w in mine] for mine in weights)))
    return _Fit(
        share=min(max(share, 1e-6), 1 - 1e-6),
        m={f: _normalised(m_sums[f], f) for f in FIELDS},
        u={f: _normalised(u_sums[f], f) for f in FIELDS},
    )


def expectation_maximisation(
    per_query: Sequence[Sequence[Pattern]],
) -> tuple[_Fit, list[list[float]]]:
    """Fit π, m and u (of retrieved non-matches) to the queries' candidate patterns,
    starting from the hand-set m and the observed level shares."""
    per_query = [patterns for patterns in per_query if patterns]
    observed = _level_sums(_weighted(per_query, ([1.0] * len(p) for p in per_query)))
    fit = _Fit(
        share=0.5,
        m={f: _normalised(DEFAULT_M[f], f) for f in FIELDS},
        u={f: _normalised(observed[f], f) for f in FIELDS},
    )
    weights = _match_weights(per_query, fit)
    for iteration in range(1, EM_MAX_ITERATIONS + 1):
        new = _m_step(per_query, weights)
        new.iterations = iteration
        moved = abs(new.share - fit.share) + max(
            abs(new.m[f][level] - fit.m[f][level]) for f in FIELDS for level in LEVELS[f]
        )
        fit, weights = new, _match_weights(per_query, new)
        if moved < EM_TOLERANCE:
            break
    return fit, weights


def _smoothed_m(
    per_query: Sequence[Sequence[Pattern]], weights: Sequence[Sequence[float]]
) -> dict[str, dict[str, float]]:
    """m per field: the EM's expected counts, pulled towards the defaults; a field the matches
    hardly mention (no phone in the data) keeps its hand-set m."""
    sums = _level_sums(_weighted(per_query, weights))
    m: dict[str, dict[str, float]] = {}
    for f in FIELDS:
        said = sum(sums[f].values())
        if said < MIN_FIELD_MATCHES:
            m[f] = dict(DEFAULT_M[f])
            continue
        prior = _normalised(DEFAULT_M[f], f)
        m[f] = {
            level: _smoothed(sums[f].get(level, 0.0), said, prior[level], M_PRIOR_MATCHES)
            for level in LEVELS[f]
        }
    return m


# --- one training run -----------------------------------------------------------------


def _active_records(session: Session, company_id: int) -> list[CandidateRecord]:
    rows = session.execute(
        select(*candidates.COLUMNS).where(
            Customer.company_id == company_id, Customer.status == "active"
        )
    )
    return [CandidateRecord(*row) for row in rows]


def query_history(session: Session, company_id: int) -> list[tuple[Evidence, int | None]]:
    """What callers said, as kept on the calls' provisional records (open or since merged)."""
    rows = session.execute(
        select(
            Customer.first_name_norm,
            Customer.last_name_norm,
            Customer.birth_date,
            Customer.phone_e164,
            Customer.email,
            Customer.id,
        ).where(Customer.company_id == company_id, Customer.status.in_(("provisional", "merged")))
    )
    return [(Evidence(*row[:5]), row[5]) for row in rows]


def blocked_patterns(
    session: Session, company_id: int, queries: Iterable[tuple[Evidence, int | None]]
) -> list[list[Pattern]]:
    """The comparison pattern of every (query, candidate) pair retrieval yields, per query."""
    per_query: list[list[Pattern]] = []
    for evidence, own_id in queries:
        if evidence.is_empty:
            continue
        found = candidates.find(
            session=session,
            company_id=company_id,
            evidence=evidence,
            exclude_ids=(own_id,) if own_id else (),
        )
        per_query.append([tuple(compare(evidence, r)[f] for f in FIELDS) for r in found.records])
    return per_query


def estimate(
    session: Session,
    company: Company,
    queries: Sequence[tuple[Evidence, int | None]] | None = None,
    seed: int = 0,
) -> Estimate:
    """Estimate the company's weights from its customers and its queries (default: the
    query history kept on provisional records)."""
    records = _active_records(session, company.id)
    u_estimated = len(records) >= MIN_CUSTOMERS
    base = Params()
    u = estimate_u(records, seed) if u_estimated else {f: dict(v) for f, v in base.u.items()}
    u = {f: u.get(f, dict(base.u[f])) for f in FIELDS}
    history = list(queries) if queries is not None else query_history(session, company.id)
    per_query = [q for q in blocked_patterns(session, company.id, history) if q]
    m = {f: dict(v) for f, v in base.m.items()}
    p_known, iterations, expected = base.p_known, 0, 0.0
    if per_query:
        fit, weights = expectation_maximisation(per_query)
        iterations = fit.iterations
        expected = sum(sum(mine) for mine in weights)
    m_estimated = expected >= MIN_MATCHES
    if m_estimated:
        m = _smoothed_m(per_query, weights)
        p_known = min(max(fit.share, 0.05), 0.99)
    blocks = all(m[f][MISMATCH] < NAME_MISMATCH_BLOCKS_BELOW for f in ("surname", "first_name"))
    params = Params(p_known=p_known, m=m, u=u, different_name_blocks_link=blocks or not m_estimated)
    return Estimate(
        params=params,
        customers=len(records),
        random_pairs=U_PAIRS if u_estimated else 0,
        queries=len(per_query),
        blocked_pairs=sum(len(q) for q in per_query),
        expected_matches=expected,
        iterations=iterations,
        u_estimated=u_estimated,
        m_estimated=m_estimated,
    )


def train(
    session: Session,
    company: Company,
    queries: Sequence[tuple[Evidence, int | None]] | None = None,
) -> tuple[int, Estimate]:
    """Estimate and store a new version of the company's weights; returns (version, estimate)."""
    result = estimate(session, company, queries)
    latest = session.scalar(
        select(func.max(MatchWeights.version)).where(MatchWeights.company_id == company.id)
    )
    version = (latest or 0) + 1
    session.add(
        MatchWeights(
            company_id=company.id,
            version=version,
            params=result.params.as_dict(),
            trained_on=result.summary(),
        )
    )
    company.match_weights_version = f"{version}:{secrets.token_hex(8)}"
    session.flush()
    return version, result


# --- the live matcher's weights ---------------------------------------------------------

_cache: dict[str, Params] = {}


def params_for(session: Session, company: Company) -> Params:
    """The company's newest weights, or the hand-set defaults when none were estimated.

    The version token travels on the company row, which every call reads anyway; the weights
    row is read and parsed once per process and version (the random part of the token keeps
    two databases' "version 1" apart)."""
    token = company.match_weights_version
    if token is None:
        return Params()
    if token not in _cache:
        version = int(token.split(":", 1)[0])
        stored = session.scalar(
            select(MatchWeights.params).where(
                MatchWeights.company_id == company.id, MatchWeights.version == version
            )
        )
        _cache[token] = Params.from_dict(stored or {}, version=version)
    return _cache[token]
