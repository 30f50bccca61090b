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
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rapidfuzz.distance import OSA, JaroWinkler

from frontdesk.identity.nicknames import is_short_form
from frontdesk.identity.normalise import cologne_keys, compact

EXACT, CLOSE, SHORT, MISMATCH, MISSING = "exact", "close", "short", "mismatch", "missing"
DAYS_IN_BIRTH_YEARS = 365.25 * 80  # birth dates spread over about 80 years
_GENDER_ENDINGS = ("a", "e", "ne", "na", "ine")


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


@dataclass(frozen=True)
class Params:
    """m and u probabilities per field level; the defaults are for live German phone calls."""

    p_known: float = 0.6  # share of callers who are already customers
    catchment: float = 20.0  # potential callers per customer (u of a phone number)
    # An e-mail address is personal (a landline is a household's): far rarer by chance.
    email_catchment: float = 200.0
    surname_m: Mapping[str, float] = field(
        default_factory=lambda: {EXACT: 0.85, CLOSE: 0.13, MISMATCH: 0.02}
    )
    first_m: Mapping[str, float] = field(
        default_factory=lambda: {EXACT: 0.85, SHORT: 0.07, CLOSE: 0.05, MISMATCH: 0.03}
    )
    first_u: Mapping[str, float] = field(
        default_factory=lambda: {EXACT: 0.01, SHORT: 0.004, CLOSE: 0.005, MISMATCH: 0.98}
    )
    # A given birth date is exact on a call: another date means another person (m = 0).
    birth_m: Mapping[str, float] = field(
        default_factory=lambda: {EXACT: 0.97, CLOSE: 0.0, MISMATCH: 0.0}
    )
    birth_close_u: float = 0.0025
    phone_m: Mapping[str, float] = field(default_factory=lambda: {EXACT: 0.9, MISMATCH: 0.4})
    email_m: Mapping[str, float] = field(default_factory=lambda: {EXACT: 0.95, MISMATCH: 0.3})
    # A phone or e-mail match with a clearly different name is a household member: never a link.
    different_name_blocks_link: bool = True


@dataclass(frozen=True)
class Thresholds:
    # 0.90: on the development set every link scored from 0.90 up is right (the 0.90-0.95 band
    # is a unique, exactly spelled full name with nothing else said); below it, review.
    link: float = 0.90
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


def _gender_pair(a: str, b: str) -> bool:
    """Jan/Jana, Christian/Christiane, Alexander/Alexandra: different people, not slips."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short) :] in _GENDER_ENDINGS:
        return True
    stem = min(len(a), len(b)) - 2
    return stem >= 4 and a[:stem] == b[:stem] and (a[-1] in "ae") != (b[-1] in "ae")


def _similar(a: str, b: str) -> bool:
    """One slip (insertion, deletion, substitution, transposition) or a near spelling."""
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return OSA.distance(a, b) <= limit or JaroWinkler.similarity(a, b) >= 0.92


def surname_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    q, s = compact(query), compact(stored)
    if q == s:
        return EXACT
    if set(query.split()) & set(stored.split()) or _similar(q, s):
        return CLOSE
    q_keys, s_keys = set(cologne_keys(query)) - {None}, set(cologne_keys(stored)) - {None}
    # Same sound (Meier/Meyer, Beyer/Baier): a spelling the recogniser picked, not a new name.
    if q_keys & s_keys and JaroWinkler.similarity(q, s) >= 0.7:
        return CLOSE
    return MISMATCH


def first_name_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    q, s = compact(query), compact(stored)
    if q == s:
        return EXACT
    q_parts, s_parts = query.split(), stored.split()
    if q_parts[0] == s_parts[0] or is_short_form(q_parts[0], s_parts[0]):
        return SHORT
    if _gender_pair(q, s):
        return MISMATCH
    if len(min(q, s, key=len)) >= 3 and (s.startswith(q) or q.startswith(s)):
        return SHORT
    return CLOSE if _similar(q, s) else MISMATCH


def birth_level(query: date | None, stored: date | None) -> str:
    if query is None or stored is None:
        return MISSING
    if query == stored:
        return EXACT
    a, b = query.strftime("%Y%m%d"), stored.strftime("%Y%m%d")
    swapped = query.month == stored.day and query.day == stored.month and query.year == stored.year
    return CLOSE if swapped or OSA.distance(a, b) <= 1 else MISMATCH


def _equal_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    return EXACT if query == stored else MISMATCH


_RANK = {EXACT: 0, SHORT: 1, CLOSE: 1, MISMATCH: 3, MISSING: 2}


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
        "phone": _equal_level(evidence.phone_e164, candidate.phone_e164),
        "email": _equal_level(evidence.email, candidate.email),
    }


def _surname_factor(level: str, evidence: Evidence, freq: Frequencies, params: Params) -> float:
    size = max(freq.company_size, 1)
    if level == EXACT:
        count = freq.surname_counts.get(evidence.last_norm or "", 0)
        return params.surname_m[EXACT] / (max(count, 1) / size)
    if level == CLOSE:
        return params.surname_m[CLOSE] / (max(freq.close_surname_total, 1) / size)
    return params.surname_m[MISMATCH] if level == MISMATCH else 1.0


def bayes_factor(
    levels: Mapping[str, str], evidence: Evidence, freq: Frequencies, params: Params
) -> float:
    """P(data | this customer) / P(data | someone else), field by field (0 = ruled out)."""
    size = max(freq.company_size, 1)
    factor = _surname_factor(levels["surname"], evidence, freq, params)
    first = levels["first_name"]
    if first != MISSING:
        factor *= params.first_m[first] / params.first_u[first]
    birth = levels["birth_date"]
    if birth == EXACT:
        factor *= params.birth_m[EXACT] * DAYS_IN_BIRTH_YEARS
    elif birth == CLOSE:
        factor *= params.birth_m[CLOSE] / params.birth_close_u
    elif birth == MISMATCH:
        factor *= params.birth_m[MISMATCH]
    callers = size * params.catchment
    if levels["phone"] == EXACT:
        factor *= params.phone_m[EXACT] * callers / max(freq.phone_count, 1)
    elif levels["phone"] == MISMATCH:
        factor *= params.phone_m[MISMATCH]
    if levels["email"] == EXACT:
        factor *= params.email_m[EXACT] * size * params.email_catchment
    elif levels["email"] == MISMATCH:
        factor *= params.email_m[MISMATCH]
    return factor


def _clearly_different_name(levels: Mapping[str, str]) -> bool:
    return MISMATCH in (levels["surname"], levels["first_name"])


def _sound_alike_only(levels: Mapping[str, str]) -> bool:
    """A surname that only sounds or looks like the customer's (Scholz/Schulz, Meier/Meyer),
    with nothing else that agrees (no birth date, phone or e-mail): two real people as often
    as one misheard one, so a person decides. A wrong link is worse than none."""
    corroborated = EXACT in (levels["birth_date"], levels["phone"], levels["email"])
    return levels["surname"] == CLOSE and not corroborated


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
        blocked = params.different_name_blocks_link and _clearly_different_name(levels)
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
        if _sound_alike_only(best.levels):
            return Decision("review", best.probability, best, scored, "sound_alike_name_only")
        return Decision("link", best.probability, best, scored, "match")
    if best.blocked and _new_household_member(evidence, scored):
        return Decision("new", none_of_them, best, scored, "new_household_member")
    if best.probability >= thresholds.review:
        reason = "different_name" if best.blocked else "uncertain"
        return Decision("review", best.probability, best, scored, reason)
    shared = [s for s in scored if s.levels["phone"] == EXACT or s.levels["email"] == EXACT]
    if shared and (params or Params()).different_name_blocks_link:
        return Decision("review", shared[0].probability, shared[0], scored, "different_name")
    return Decision("new", none_of_them, best, scored, "no_plausible_match")


def with_birth_tolerance(params: Params, close_m: float, mismatch_m: float) -> Params:
    """Params for data with keyed birth-date typos (e.g. FEBRL), where a different date is
    not proof of a different person."""
    return replace(
        params, birth_m={EXACT: 0.97 - close_m - mismatch_m, CLOSE: close_m, MISMATCH: mismatch_m}
    )
