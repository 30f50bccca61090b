"""Fellegi-Sunter m and u probabilities estimated from unlabelled pairs, as Splink does.

u (how often two different people show a level) comes from random pairs, where nearly every
pair is two different people. m (how often the same person shows it) comes from expectation
maximisation over blocked pairs: pairs sharing a blocking key are a mix of the same person and
strangers, and EM splits the mix with u held fixed. A field used for blocking agrees in every
blocked pair, so it tells nothing there and is left out of that run (its m comes from a run
blocked on something else). Pure functions over level patterns and their counts; no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from frontdesk.identity.comparisons import MISSING

Pattern = tuple[str, ...]  # one level per field, in the order of the run's fields
Table = dict[str, dict[str, float]]  # field -> level -> probability

_FLOOR = 1e-5  # no level is impossible: a zero would turn one slip into a veto


@dataclass(frozen=True)
class EmResult:
    m: Table
    match_share: float  # lambda: the share of blocked pairs that are the same person
    expected_matches: float
    iterations: int
    converged: bool


def _normalised(counts: Mapping[str, float], levels: Sequence[str]) -> dict[str, float]:
    floored = {level: max(counts.get(level, 0.0), 0.0) for level in levels}
    total = sum(floored.values())
    if total <= 0:
        return {level: 1.0 / len(levels) for level in levels}
    shares = {level: max(value / total, _FLOOR) for level, value in floored.items()}
    norm = sum(shares.values())
    return {level: value / norm for level, value in shares.items()}


def u_from_random_pairs(
    patterns: Mapping[Pattern, int],
    fields: Sequence[str],
    levels: Mapping[str, Sequence[str]],
    prior: Mapping[str, Mapping[str, float]],
    prior_weight: float = 50.0,
) -> Table:
    """u per field and level from random pairs; `prior` counts as `prior_weight` pairs so that a
    level no random pair showed (a rare one) keeps a sensible value instead of zero."""
    u: Table = {}
    for i, field in enumerate(fields):
        counts: dict[str, float] = {
            level: prior_weight * prior[field].get(level, 0.0) for level in levels[field]
        }
        for pattern, n in patterns.items():
            if pattern[i] != MISSING:
                counts[pattern[i]] = counts.get(pattern[i], 0.0) + n
        u[field] = _normalised(counts, levels[field])
    return u


def _likelihood(pattern: Pattern, fields: Sequence[str], table: Table) -> float:
    product = 1.0
    for field, level in zip(fields, pattern, strict=True):
        if level != MISSING:
            product *= table[field][level]
    return product


def _posteriors(
    patterns: Mapping[Pattern, int], fields: Sequence[str], m: Table, u: Table, share: float
) -> dict[Pattern, float]:
    out: dict[Pattern, float] = {}
    for pattern in patterns:
        pm = share * _likelihood(pattern, fields, m)
        pu = (1.0 - share) * _likelihood(pattern, fields, u)
        out[pattern] = pm / (pm + pu) if pm + pu > 0 else 0.0
    return out


def _m_step(
    patterns: Mapping[Pattern, int],
    weights: Mapping[Pattern, float],
    fields: Sequence[str],
    levels: Mapping[str, Sequence[str]],
    previous: Table,
) -> Table:
    m: Table = {}
    for i, field in enumerate(fields):
        counts: dict[str, float] = {}
        for pattern, n in patterns.items():
            if pattern[i] != MISSING:
                counts[pattern[i]] = counts.get(pattern[i], 0.0) + n * weights[pattern]
        # A field no pair holds (no e-mail addresses at all) says nothing: keep what was there.
        m[field] = _normalised(counts, levels[field]) if counts else previous[field]
    return m


def em(
    patterns: Mapping[Pattern, int],
    fields: Sequence[str],
    levels: Mapping[str, Sequence[str]],
    *,
    m_start: Mapping[str, Mapping[str, float]],
    u: Mapping[str, Mapping[str, float]],
    share_start: float = 0.1,
    max_iterations: int = 200,
    tolerance: float = 1e-6,
) -> EmResult:
    """m per field and level (and the match share) for the blocked pairs' level patterns."""
    m: Table = {f: _normalised(dict(m_start[f]), levels[f]) for f in fields}
    u_table: Table = {f: dict(u[f]) for f in fields}
    total = sum(patterns.values())
    share = share_start
    if total == 0:
        return EmResult(m, 0.0, 0.0, 0, True)
    for iteration in range(1, max_iterations + 1):
        weights = _posteriors(patterns, fields, m, u_table, share)
        new_m = _m_step(patterns, weights, fields, levels, m)
        expected = sum(n * weights[p] for p, n in patterns.items())
        new_share = min(max(expected / total, 1e-9), 1.0 - 1e-9)
        change = max(
            abs(new_share - share),
            *(abs(new_m[f][lv] - m[f][lv]) for f in fields for lv in levels[f]),
        )
        m, share = new_m, new_share
        if change < tolerance:
            return EmResult(m, share, expected, iteration, True)
    return EmResult(m, share, share * total, max_iterations, False)
