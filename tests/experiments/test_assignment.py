"""Assignment: deterministic, follows the split, ignores the caller; pure, no database."""

from __future__ import annotations

import random

import pytest
from scipy import stats as scipy_stats

from frontdesk.experiments.assignment import (
    Variant,
    VariantError,
    assign,
    bucket,
    parse_variants,
)
from tests.experiments.helpers import call_id

AB = [Variant("A", 1.0), Variant("B", 1.0)]


def test_the_same_call_always_gets_the_same_variant() -> None:
    ids = [call_id(random.Random(i)) for i in range(200)]
    first = [assign(3, cid, AB).name for cid in ids]
    assert [assign(3, cid, AB).name for cid in ids] == first
    assert set(first) == {"A", "B"}


def test_the_experiment_id_reshuffles_calls() -> None:
    """Each experiment draws anew: a call in B once is not in B for every later experiment."""
    ids = [call_id(random.Random(i)) for i in range(500)]
    same = sum(assign(1, cid, AB).name == assign(2, cid, AB).name for cid in ids)
    assert 200 < same < 300


@pytest.mark.parametrize("weights", [(1, 1), (9, 1), (2, 1, 1)])
def test_assignment_follows_the_split_over_10000_calls(weights: tuple[int, ...]) -> None:
    variants = [Variant(chr(65 + i), float(w)) for i, w in enumerate(weights)]
    rng = random.Random(42)
    counts = {v.name: 0 for v in variants}
    for _ in range(10_000):
        counts[assign(11, call_id(rng), variants).name] += 1
    expected = [10_000 * w / sum(weights) for w in weights]
    chi2, p_value = scipy_stats.chisquare(list(counts.values()), expected)
    # A correct split fails this 1 time in 1000; a split off by 2 points almost always fails.
    assert p_value > 0.001, (counts, chi2)


def test_bucket_is_uniform() -> None:
    rng = random.Random(7)
    values = [bucket(5, call_id(rng)) for _ in range(5000)]
    assert all(0 <= v < 1 for v in values)
    assert scipy_stats.kstest(values, "uniform").pvalue > 0.001


def test_assignment_has_no_caller_number_to_depend_on() -> None:
    """The signature is the proof: only the experiment id and the call id go in (the HTTP test
    shows a withheld and a shown number of one call getting the same variant)."""
    assert list(assign.__code__.co_varnames[: assign.__code__.co_argcount]) == [
        "experiment_id",
        "provider_call_id",
        "variants",
    ]


@pytest.mark.parametrize(
    "items",
    [
        [{"name": "A"}],
        [{"name": "A"}, {"name": "A"}],
        [{"name": "A"}, {"name": "B", "weight": 0}],
        [{"name": "A"}, {"name": "B", "weight": True}],
        [{"name": "A"}, {"name": "B:x"}],
        [{"name": "A"}, {"name": "B", "override_agent_version": "7"}],
        [{"name": "A"}, {"name": "B", "greeting": 5}],
    ],
)
def test_bad_variants_are_refused(items: list[dict[str, object]]) -> None:
    with pytest.raises(VariantError):
        parse_variants(items)


def test_variant_texts_become_dynamic_variables() -> None:
    a, b = parse_variants(
        [{"name": "A"}, {"name": "B", "greeting": " Hallo ", "name_question": "Ihr Name?"}]
    )
    assert a.dynamic_variables() == {}
    assert b.dynamic_variables() == {"greeting": "Hallo", "name_question": "Ihr Name?"}
