"""The matcher: a Fellegi-Sunter score over surname, first name, birth date, phone and e-mail.

Each field comparison falls into a level (exact, close, ..., missing); a level has an m
probability (how often the true customer shows it) and a u probability (how often someone else
does). Their ratios multiply into a Bayes factor per candidate, and the candidates compete with
"a caller who is none of them" for the posterior probability, so two equally good candidates
each get about one half (a review), and the number is a probability, not a raw score.
Missing data gives the factor 1: it neither helps nor hurts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontdesk.identity.comparisons import (
    CLOSE,
    DECADE,
    DIGIT,
    EXACT,
    LOCAL,
    MISMATCH,
    MISSING,
    PART,
    SHORT,
    SWAPPED,
    birth_level,
    email_level,
    equal_level,
    first_name_level,
    surname_level,
)

__all__ = [
    "CLOSE",
    "DECADE",
    "DIGIT",
    "EXACT",
    "LOCAL",
    "MISMATCH",
    "MISSING",
    "PART",
    "SHORT",
    "SWAPPED",
    "birth_level",
    "first_name_level",
    "surname_level",
]

DAYS_IN_BIRTH_YEARS = 365.25 * 80  # birth dates spread over about 80 years


@dataclass(frozen=True)
class Evidence:
    """What is known about a caller (normalised); None is missing, never a disagreement."""

    first_norm: str | None = None
    last_norm: str | None = None
    birth_date: date | None = None
    phone_e164: str | None = None
    email: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.last_norm or self.first_norm or self.birth_date or self.phone_e164 or self.email
        )


@dataclass(frozen=True)
class CandidateRecord:
    customer_id: int
    first_norm: str | None
    last_norm: str | None
    birth_date: date | None
    phone_e164: str | None
    email: str | None
    external_id: str | None = None


@dataclass(frozen=True)
class Frequencies:
    """How common the caller's data is in the company (term frequencies for the u values)."""

    company_size: int
    surname_counts: Mapping[str, int] = field(default_factory=dict)
    close_surname_total: int = 0
    phone_count: int = 0


# Hand-set defaults, used until a company has enough data to estimate its own (`training.py`).
# m: how often the true customer shows the level; u: how often another person does. A given
# birth date on a call is nearly always exact, so a truly different one weighs ~1:1000 against;
# the graded levels (a digit, day/month swapped, a decade) are slips of the same person.
DEFAULT_M: Mapping[str, Mapping[str, float]] = {
    "surname": {EXACT: 0.85, PART: 0.03, CLOSE: 0.10, MISMATCH: 0.02},
    "first_name": {EXACT: 0.85, SHORT: 0.07, CLOSE: 0.05, MISMATCH: 0.03},
    # Until a company's own slips are counted, a digit off is about as likely for a stranger as
    # for the customer (factor ~1); a swap or a decade is rare by chance (factor ~20-30).
    "birth_date": {EXACT: 0.99, SWAPPED: 0.003, DECADE: 0.002, DIGIT: 0.003, MISMATCH: 0.002},
    "phone": {EXACT: 0.9, MISMATCH: 0.1},
    "email": {EXACT: 0.9, LOCAL: 0.03, MISMATCH: 0.07},
}
DEFAULT_U: Mapping[str, Mapping[str, float]] = {
    "surname": {EXACT: 0.002, PART: 0.0005, CLOSE: 0.002, MISMATCH: 0.9955},
    "first_name": {EXACT: 0.01, SHORT: 0.004, CLOSE: 0.005, MISMATCH: 0.981},
    "birth_date": {
        EXACT: 1 / DAYS_IN_BIRTH_YEARS,
        SWAPPED: 0.0001,
        DECADE: 0.0001,
        DIGIT: 0.0025,
        MISMATCH: 0.9973,
    },
    "phone": {EXACT: 0.001, MISMATCH: 0.999},
    "email": {EXACT: 0.0001, LOCAL: 0.0002, MISMATCH: 0.9997},
}


@dataclass(frozen=True)
class Params:
    """m and u probabilities per field level, and the share of callers who are customers.

    Levels whose chance agreement depends on the value itself use term frequencies at match
    time instead of u: an exact or similar surname (how many customers bear it), a phone number
    (how many share it), an exact e-mail address (personal: rare by chance)."""

    p_known: float = 0.6  # share of callers who are already customers
    # Potential callers per customer (u of a phone number): a stranger calling from exactly a
    # registered number is rare; the usual other caller on it, a relative, is handled by the
    # name (a shared number with a clearly different name is never a link). 100 puts a known
    # number alone at ~0.99 with p_known 0.6.
    catchment: float = 100.0
    # An e-mail address is personal (a landline is a household's): far rarer by chance.
    email_catchment: float = 200.0
    m: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_M)
    u: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_U)
    version: int = 0  # the company's stored weights (0: the hand-set defaults)


@dataclass(frozen=True)
class Thresholds:
    # Link when the calibrated probability of being the same person is at least 0.99: on the
    # development set and FEBRL4 the share right among links made at p is within 0.05 of p.
    link: float = 0.99
    review: float = 0.15

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> Thresholds:
        """Per-company overrides from Company.settings["identity"], else the defaults."""
        identity = (settings or {}).get("identity") or {}
        base = cls()
        link = float(identity.get("link_threshold", base.link))
        review = float(identity.get("review_threshold", base.review))
        return cls(link=link, review=min(review, link))


@dataclass(frozen=True)
class Scored:
    candidate: CandidateRecord
    levels: Mapping[str, str]
    bayes_factor: float
    probability: float
    blocked: bool  # the name clearly differs: at most a review

    def as_dict(self) -> dict[str, Any]:
        return {
            "customer_id": self.candidate.customer_id,
            "external_id": self.candidate.external_id,
            "probability": round(self.probability, 4),
            "levels": dict(self.levels),
            "blocked": self.blocked,
        }


@dataclass(frozen=True)
class Decision:
    decision: str  # link | review | new
    confidence: float
    best: Scored | None
    scored: Sequence[Scored]
    reason: str

    @property
    def customer_id(self) -> int | None:
        return self.best.candidate.customer_id if self.decision == "link" and self.best else None


_RANK = {EXACT: 0, SHORT: 1, CLOSE: 1, PART: 1, MISMATCH: 3, MISSING: 2}


def _name_levels(evidence: Evidence, candidate: CandidateRecord) -> tuple[str, str]:
    """(surname, first name) levels; a name said surname first ("Schreiber Anna") counts when
    it fits clearly better than the usual order."""
    direct = (
        surname_level(evidence.last_norm, candidate.last_norm),
        first_name_level(evidence.first_norm, candidate.first_norm),
    )
    if MISMATCH not in direct or not (evidence.first_norm and candidate.first_norm):
        return direct
    swapped = (
        surname_level(evidence.first_norm, candidate.last_norm),
        first_name_level(evidence.last_norm, candidate.first_norm),
    )
    if MISMATCH in swapped or MISSING in swapped:
        return direct
    # Only the surname's level carries the term frequency, so a swap never scores EXACT there.
    return (CLOSE, swapped[1]) if sum(_RANK[level] for level in swapped) <= 2 else direct


def compare(evidence: Evidence, candidate: CandidateRecord) -> dict[str, str]:
    surname, first = _name_levels(evidence, candidate)
    return {
        "surname": surname,
        "first_name": first,
        "birth_date": birth_level(evidence.birth_date, candidate.birth_date),
        "phone": equal_level(evidence.phone_e164, candidate.phone_e164),
        "email": email_level(evidence.email, candidate.email),
    }


def _surname_factor(level: str, evidence: Evidence, freq: Frequencies, params: Params) -> float:
    """An exact or similar surname weighs by how few customers bear it (term frequency)."""
    size = max(freq.company_size, 1)
    m = params.m["surname"]
    if level == EXACT:
        count = freq.surname_counts.get(evidence.last_norm or "", 0)
        return m[EXACT] / (max(count, 1) / size)
    if level in (CLOSE, PART):
        return m[level] / (max(freq.close_surname_total, 1) / size)
    return m[MISMATCH] / params.u["surname"][MISMATCH] if level == MISMATCH else 1.0


def _level_factor(field_name: str, level: str, params: Params) -> float:
    if level == MISSING:
        return 1.0
    return params.m[field_name][level] / params.u[field_name][level]


def bayes_factor(
    levels: Mapping[str, str], evidence: Evidence, freq: Frequencies, params: Params
) -> float:
    """P(data | this customer) / P(data | someone else), field by field."""
    size = max(freq.company_size, 1)
    factor = _surname_factor(levels["surname"], evidence, freq, params)
    factor *= _level_factor("first_name", levels["first_name"], params)
    factor *= _level_factor("birth_date", levels["birth_date"], params)
    if levels["phone"] == EXACT:
        callers = size * params.catchment
        factor *= params.m["phone"][EXACT] * callers / max(freq.phone_count, 1)
    else:
        factor *= _level_factor("phone", levels["phone"], params)
    if levels["email"] == EXACT:
        factor *= params.m["email"][EXACT] * size * params.email_catchment
    else:
        factor *= _level_factor("email", levels["email"], params)
    return factor


def _clearly_different_name(levels: Mapping[str, str]) -> bool:
    """A shared number or address with a clearly different name is a household member (or a
    colleague): at most a review. Without such a shared identifier a name mismatch is just
    evidence, weighed like any other."""
    shared = EXACT in (levels["phone"], levels["email"])
    return shared and MISMATCH in (levels["surname"], levels["first_name"])


def _new_household_member(evidence: Evidence, scored: Sequence[Scored]) -> bool:
    """A caller who named themself in full and gave a birth date, on a shared line whose
    registered members all carry another first name: a new member of the household, not an
    uncertain match (members with another birth date were already ruled out)."""
    if not (evidence.first_norm and evidence.last_norm and evidence.birth_date):
        return False
    plausible = [s for s in scored if s.probability >= 0.01]
    return bool(plausible) and all(
        s.levels["first_name"] == MISMATCH and s.levels["phone"] == EXACT for s in plausible
    )


def score(
    evidence: Evidence,
    candidates: Sequence[CandidateRecord],
    freq: Frequencies,
    params: Params | None = None,
) -> list[Scored]:
    """Every candidate with its posterior probability of being the caller, best first."""
    params = params or Params()
    prior = params.p_known / max(freq.company_size, 1, len(candidates))
    rows = []
    for candidate in candidates:
        levels = compare(evidence, candidate)
        factor = bayes_factor(levels, evidence, freq, params)
        blocked = _clearly_different_name(levels)
        rows.append((candidate, levels, factor, blocked))
    total = (1.0 - params.p_known) + sum(prior * f for _, _, f, _ in rows)
    scored = [Scored(c, lv, f, prior * f / total, b) for c, lv, f, b in rows]
    return sorted(scored, key=lambda s: (-s.probability, s.candidate.customer_id))


def decide(
    evidence: Evidence,
    candidates: Sequence[CandidateRecord],
    freq: Frequencies,
    *,
    params: Params | None = None,
    thresholds: Thresholds | None = None,
) -> Decision:
    """link (one customer is very probably the caller), review (a person decides) or new."""
    thresholds = thresholds or Thresholds()
    if evidence.is_empty:
        return Decision("review", 0.0, None, [], "no_identifying_data")
    scored = [s for s in score(evidence, candidates, freq, params) if s.bayes_factor > 0]
    best = scored[0] if scored else None
    none_of_them = max(0.0, 1.0 - sum(s.probability for s in scored))
    if best is None:
        return Decision("new", 1.0, None, [], "no_candidate")
    if best.probability >= thresholds.link and not best.blocked:
        return Decision("link", best.probability, best, scored, "match")
    if best.blocked and _new_household_member(evidence, scored):
        return Decision("new", none_of_them, best, scored, "new_household_member")
    if best.probability >= thresholds.review:
        reason = "different_name" if best.blocked else "uncertain"
        return Decision("review", best.probability, best, scored, reason)
    shared = [s for s in scored if s.levels["phone"] == EXACT or s.levels["email"] == EXACT]
    if shared:
        return Decision("review", shared[0].probability, shared[0], scored, "different_name")
    return Decision("new", none_of_them, best, scored, "no_plausible_match")
