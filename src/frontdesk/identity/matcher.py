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

from rapidfuzz.distance import OSA, JaroWinkler

from frontdesk.identity.nicknames import is_short_form
from frontdesk.identity.normalise import cologne_keys, compact

EXACT, CLOSE, SHORT, MISMATCH, MISSING = "exact", "close", "short", "mismatch", "missing"
PARTIAL = "partial"  # one part of a double surname (Meyer for Meyer-Landrut)
ONE_DIGIT = "one_digit"  # one digit off, or a day heard alike (dreizehnten/dreißigsten)
SWAPPED = "swapped"  # day and month swapped
DECADE = "decade"  # the year alone off by ten
LOCAL_PART = "local_part"  # the same e-mail local part at another domain
DAYS_IN_BIRTH_YEARS = 365.25 * 80  # birth dates spread over about 80 years
TYPICAL_SURNAME_SHARE = 1 / 2000
PSEUDO_CUSTOMERS = 500
_GENDER_ENDINGS = ("a", "e", "ne", "na", "ine")
# Day numbers a listener confuses: "dreizehnten"/"dreißigsten" (13/30).
_HEARD_ALIKE_DAYS = frozenset({(13, 30), (30, 13)})

# The comparison levels of each field, most to least agreement (MISSING is never scored).
LEVELS: Mapping[str, tuple[str, ...]] = {
    "surname": (EXACT, PARTIAL, CLOSE, MISMATCH),
    "first_name": (EXACT, SHORT, CLOSE, MISMATCH),
    "birth_date": (EXACT, ONE_DIGIT, SWAPPED, DECADE, MISMATCH),
    "phone": (EXACT, MISMATCH),
    "email": (EXACT, LOCAL_PART, MISMATCH),
}
# Hand-set m probabilities (P(level | the same person)) for live German phone calls, used
# until a company's own data has been estimated (see `training.py`). A given birth date is
# exact on a call, so a different one weighs strongly against (1 in 5,000).
DEFAULT_M: Mapping[str, Mapping[str, float]] = {
    "surname": {EXACT: 0.85, PARTIAL: 0.04, CLOSE: 0.09, MISMATCH: 0.02},
    "first_name": {EXACT: 0.85, SHORT: 0.07, CLOSE: 0.05, MISMATCH: 0.03},
    "birth_date": {EXACT: 0.955, ONE_DIGIT: 0.03, SWAPPED: 0.007, DECADE: 0.007, MISMATCH: 0.0002},
    "phone": {EXACT: 0.9, MISMATCH: 0.4},
    "email": {EXACT: 0.95, LOCAL_PART: 0.02, MISMATCH: 0.3},
}
# u probabilities (P(level | two different people)). Surname EXACT/PARTIAL/CLOSE, phone EXACT
# and e-mail EXACT are not here: they come from the company's term frequencies.
DEFAULT_U: Mapping[str, Mapping[str, float]] = {
    "surname": {MISMATCH: 1.0},
    "first_name": {EXACT: 0.01, SHORT: 0.004, CLOSE: 0.005, MISMATCH: 0.98},
    "birth_date": {
        EXACT: 1 / DAYS_IN_BIRTH_YEARS,
        ONE_DIGIT: 0.0025,
        SWAPPED: 0.00005,
        DECADE: 0.0001,
        MISMATCH: 1.0,
    },
    "phone": {MISMATCH: 1.0},
    "email": {LOCAL_PART: 0.0005, MISMATCH: 1.0},
}


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
    """m and u probabilities per field level; the defaults are for live German phone calls.

    `version` 0 is the hand-set defaults; a company's estimated weights carry their stored
    version (see `training.py`)."""

    # The share of callers who are already customers: most of a practice's callers are its
    # patients (about 70% in the development set); a company's own data replaces it.
    p_known: float = 0.7
    # Potential callers per customer (u of a phone number): a practice's callers come from a
    # town, not from its file. At 50, a known number alone gives 0.99 (links at call start).
    catchment: float = 50.0
    # An e-mail address is personal (a landline is a household's): far rarer by chance.
    email_catchment: float = 200.0
    m: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_M)
    u: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_U)
    # A clearly different name blocks a link unless the company's data shows that its records
    # of one person often carry another name (keyed typos, replaced values).
    different_name_blocks_link: bool = True
    version: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "p_known": self.p_known,
            "catchment": self.catchment,
            "email_catchment": self.email_catchment,
            "m": {f: dict(levels) for f, levels in self.m.items()},
            "u": {f: dict(levels) for f, levels in self.u.items()},
            "different_name_blocks_link": self.different_name_blocks_link,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], version: int = 0) -> Params:
        base = cls()
        m = {f: {**base.m[f], **data.get("m", {}).get(f, {})} for f in LEVELS}
        u = {f: {**base.u[f], **data.get("u", {}).get(f, {})} for f in LEVELS}
        return cls(
            p_known=float(data.get("p_known", base.p_known)),
            catchment=float(data.get("catchment", base.catchment)),
            email_catchment=float(data.get("email_catchment", base.email_catchment)),
            m=m,
            u=u,
            different_name_blocks_link=bool(
                data.get("different_name_blocks_link", base.different_name_blocks_link)
            ),
            version=version,
        )


@dataclass(frozen=True)
class Thresholds:
    # 0.99: link when the caller is the customer at 99 to 1; the probabilities are calibrated
    # (docs/benchmarks.md: the links made on FEBRL4 and on the development set are 99.9% and
    # 100% right). A full name alone reaches it in a file of a few hundred for all but the
    # most common names; a company may set {"identity": {"link_threshold": ...}}.
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
    if set(query.split()) & set(stored.split()):
        return PARTIAL
    if _similar(q, s):
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
    if query.month == stored.day and query.day == stored.month and query.year == stored.year:
        return SWAPPED
    if (query.month, query.day) == (stored.month, stored.day) and abs(
        query.year - stored.year
    ) == 10:
        return DECADE
    a, b = query.strftime("%Y%m%d"), stored.strftime("%Y%m%d")
    same_month = (query.year, query.month) == (stored.year, stored.month)
    if OSA.distance(a, b) <= 1 or (same_month and (query.day, stored.day) in _HEARD_ALIKE_DAYS):
        return ONE_DIGIT
    return MISMATCH


def _equal_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    return EXACT if query == stored else MISMATCH


def email_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    if query == stored:
        return EXACT
    return LOCAL_PART if query.split("@")[0] == stored.split("@")[0] else MISMATCH


_RANK = {EXACT: 0, SHORT: 1, PARTIAL: 1, CLOSE: 1, MISMATCH: 3, MISSING: 2}


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
        "email": email_level(evidence.email, candidate.email),
    }


def surname_share(count: int, company_size: int) -> float:
    """How common a surname is among potential callers: the company's own count, smoothed
    towards a typical surname's share (1 in 2,000) as if 500 more people had been seen. In a
    small file every surname looks common (one Scholz among 100 customers is 1%, in the
    country it is 0.05%); in a large file the company's own count decides."""
    return (count + PSEUDO_CUSTOMERS * TYPICAL_SURNAME_SHARE) / (company_size + PSEUDO_CUSTOMERS)


def _surname_factor(level: str, evidence: Evidence, freq: Frequencies, params: Params) -> float:
    size = max(freq.company_size, 1)
    m = params.m["surname"]
    if level == EXACT:  # u is the surname's own frequency in the company
        count = freq.surname_counts.get(evidence.last_norm or "", 0)
        return m[EXACT] / surname_share(max(count, 1), size)
    if level in (PARTIAL, CLOSE):  # u is how many customers carry a surname this close
        return m[level] / surname_share(max(freq.close_surname_total, 1), size)
    return m[MISMATCH] / params.u["surname"][MISMATCH] if level == MISMATCH else 1.0


def _contact_factor(field_: str, level: str, params: Params, u_exact: float) -> float:
    if level == MISSING:
        return 1.0
    u = u_exact if level == EXACT else params.u[field_][level]
    return params.m[field_][level] / u


def bayes_factor(
    levels: Mapping[str, str], evidence: Evidence, freq: Frequencies, params: Params
) -> float:
    """P(data | this customer) / P(data | someone else), field by field (0 = ruled out)."""
    size = max(freq.company_size, 1)
    factor = _surname_factor(levels["surname"], evidence, freq, params)
    for field_ in ("first_name", "birth_date"):
        level = levels[field_]
        if level != MISSING:
            factor *= params.m[field_][level] / params.u[field_][level]
    # u of a phone number: the share of all potential callers on that line (a household's).
    callers = size * params.catchment
    factor *= _contact_factor("phone", levels["phone"], params, max(freq.phone_count, 1) / callers)
    factor *= _contact_factor("email", levels["email"], params, 1 / (size * params.email_catchment))
    return factor


def _clearly_different(levels: Mapping[str, str], params: Params) -> bool:
    """A link is blocked (at most a review) when the name clearly differs, or when a shared
    phone or e-mail (a household's) carries a different name or birth date: a relative, even
    a namesake (senior/junior), never the same person by the channel alone."""
    names_differ = MISMATCH in (levels["surname"], levels["first_name"])
    shared_contact = EXACT in (levels["phone"], levels["email"])
    if shared_contact and (names_differ or levels["birth_date"] == MISMATCH):
        return True
    return params.different_name_blocks_link and names_differ


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
        blocked = _clearly_different(levels, params)
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
