"""The matcher: levels, probabilities, decisions (pure, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.identity.matcher import (
    CLOSE,
    DECADE,
    EXACT,
    LOCAL_PART,
    MISMATCH,
    MISSING,
    ONE_DIGIT,
    PARTIAL,
    SWAPPED,
    CandidateRecord,
    Evidence,
    Frequencies,
    Params,
    Thresholds,
    bayes_factor,
    birth_level,
    compare,
    decide,
    email_level,
    first_name_level,
    score,
    surname_level,
)

FREQ = Frequencies(company_size=1000, surname_counts={"schreiber": 3}, close_surname_total=2)
ANNA = CandidateRecord(1, "anna", "schreiber", date(1984, 3, 12), "+4930123456", "a@web.de", "c1")

names = st.sampled_from(
    [
        "anna",
        "jan",
        "jana",
        "alexander",
        "alex",
        "schreiber",
        "schreiba",
        "meier",
        "maier",
        "neumann",
        "naumann",
        "mueller",
        "moeller",
    ]
)
maybe_names = st.none() | names
dates = st.none() | st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 1, 1))
phones = st.none() | st.sampled_from(["+4930123456", "+4930999999"])
emails = st.none() | st.sampled_from(["a@web.de", "b@web.de"])
evidence = st.builds(Evidence, maybe_names, maybe_names, dates, phones, emails)
candidates = st.builds(
    CandidateRecord, st.integers(1, 50), maybe_names, maybe_names, dates, phones, emails
)


def test_levels() -> None:
    assert surname_level("schreiber", "schreiber") == EXACT
    assert surname_level("maier", "meier") == CLOSE
    assert surname_level("meyer", "maier") == CLOSE
    assert surname_level("naumann", "neumann") == CLOSE
    assert surname_level("schmidt", "wagner") == MISMATCH
    assert surname_level(None, "wagner") == MISSING
    assert first_name_level("alex", "alexander") == "short"
    assert first_name_level("kathi", "katharina") == "short"
    assert first_name_level("jana", "jan") == MISMATCH
    assert first_name_level("christiane", "christian") == MISMATCH


def test_full_match_links_and_other_birth_date_is_another_person() -> None:
    said = Evidence("anna", "schreiber", date(1984, 3, 12))
    assert decide(said, [ANNA], FREQ).decision == "link"
    other = replace(said, birth_date=date(1991, 7, 28))
    assert decide(other, [ANNA], FREQ).decision == "new"


@pytest.mark.parametrize(
    ("said", "level"),
    [
        (date(1984, 3, 13), ONE_DIGIT),  # one digit off
        (date(1984, 3, 21), ONE_DIGIT),  # two digits transposed
        (date(1984, 12, 3), SWAPPED),  # day and month swapped
        (date(1974, 3, 12), DECADE),  # the year alone off by ten
    ],
)
def test_a_near_miss_birth_date_is_partial_agreement(said: date, level: str) -> None:
    """A slip in the birth date is the same person with a unique full name; a truly different
    date weighs strongly against (see above)."""
    assert birth_level(said, ANNA.birth_date) == level
    assert decide(Evidence("anna", "schreiber", said), [ANNA], FREQ).decision == "link"


def test_a_day_heard_alike_is_one_digit_off() -> None:
    assert birth_level(date(1984, 3, 13), date(1984, 3, 30)) == ONE_DIGIT  # dreizehn/dreißig
    assert birth_level(date(1984, 3, 14), date(1984, 3, 30)) == MISMATCH


@given(dates.filter(lambda d: d is not None), dates.filter(lambda d: d is not None))
def test_birth_levels_are_symmetric(a: date, b: date) -> None:
    assert birth_level(a, b) == birth_level(b, a)
    assert (birth_level(a, b) == EXACT) == (a == b)


def test_double_surname_partly_given_and_email_local_part() -> None:
    assert surname_level("meyer", "meyer landrut") == PARTIAL
    assert email_level("anna.schreiber@gmail.com", "anna.schreiber@web.de") == LOCAL_PART
    assert email_level("anna@web.de", "paul@web.de") == MISMATCH


def test_a_namesake_on_the_same_line_with_another_birth_date_is_never_a_link() -> None:
    """Senior and junior share name and landline: a shared phone with a different birth date
    is a relative, whatever the name says."""
    senior = replace(ANNA, birth_date=date(1951, 5, 2), email=None)
    said = Evidence("anna", "schreiber", date(1984, 3, 12), "+4930123456")
    assert decide(said, [senior], FREQ, thresholds=Thresholds(link=0.0)).decision != "link"


def test_two_identical_candidates_are_a_review() -> None:
    twin = replace(ANNA, customer_id=2, birth_date=None, phone_e164=None, email=None)
    first = replace(ANNA, birth_date=None, phone_e164=None, email=None)
    result = decide(Evidence("anna", "schreiber"), [first, twin], FREQ)
    assert result.decision == "review"
    assert 0.3 < result.confidence < 0.6


def test_phone_match_with_a_clearly_different_name_is_never_a_link() -> None:
    said = Evidence("peter", "schreiber", None, "+4930123456")
    result = decide(said, [replace(ANNA, birth_date=None)], FREQ)
    assert result.decision == "review"
    said_other_surname = Evidence("anna", "wagner", None, "+4930123456")
    assert decide(said_other_surname, [ANNA], FREQ).decision != "link"


@given(first=names, spelled=st.sampled_from(["schreiba", "schraiber", "schreibr"]))
def test_a_surname_that_only_sounds_alike_never_links_without_a_datum_that_agrees(
    first: str, spelled: str
) -> None:
    """However probable the name alone makes it, a close surname with no birth date, phone or
    e-mail that agrees goes to a person; one agreeing datum is enough to link."""
    bare = replace(ANNA, first_norm=first, birth_date=None, phone_e164=None, email=None)
    said = Evidence(first, spelled)
    assert decide(said, [bare], FREQ, thresholds=Thresholds(link=0.0)).decision != "link"
    dated = replace(bare, birth_date=date(1984, 3, 12))
    agreed = replace(said, birth_date=date(1984, 3, 12))
    assert decide(agreed, [dated], FREQ).decision == "link"


def test_nothing_said_is_a_review() -> None:
    assert decide(Evidence(), [ANNA], FREQ).reason == "no_identifying_data"


def test_thresholds_from_company_settings() -> None:
    t = Thresholds.from_settings({"identity": {"link_threshold": 0.99, "review_threshold": 0.3}})
    assert (t.link, t.review) == (0.99, 0.3)
    assert Thresholds.from_settings({}) == Thresholds()


@given(evidence, st.lists(candidates, max_size=4, unique_by=lambda c: c.customer_id))
def test_probabilities_are_probabilities(said: Evidence, found: list[CandidateRecord]) -> None:
    scored = score(said, found, FREQ)
    assert all(0.0 <= s.probability <= 1.0 for s in scored)
    assert sum(s.probability for s in scored) <= 1.0 + 1e-9


@given(evidence, candidates, st.sampled_from(["first_norm", "birth_date", "phone_e164", "email"]))
def test_missing_data_is_neutral(said: Evidence, cand: CandidateRecord, name: str) -> None:
    """A field the candidate lacks scores exactly as if the caller had not said it."""
    lacking = replace(cand, **{name: None})
    unsaid = replace(said, **{name: None})
    a = bayes_factor(compare(said, lacking), said, FREQ, _params())
    b = bayes_factor(compare(unsaid, lacking), unsaid, FREQ, _params())
    assert a == b


@given(candidates)
def test_no_data_is_factor_one(cand: CandidateRecord) -> None:
    assert bayes_factor(compare(Evidence(), cand), Evidence(), FREQ, _params()) == 1.0


@given(maybe_names, maybe_names)
def test_name_levels_are_symmetric(a: str | None, b: str | None) -> None:
    assert surname_level(a, b) == surname_level(b, a)
    assert first_name_level(a, b) == first_name_level(b, a)


def _params() -> Params:
    return Params()
