"""Wilson intervals, the two-sided tests and the sample size against scipy and known values."""

from __future__ import annotations

from math import comb

import pytest
from scipy import stats as scipy_stats

from frontdesk.experiments import stats


@pytest.mark.parametrize(("k", "n"), [(0, 10), (1, 10), (7, 20), (50, 100), (99, 100), (5, 5)])
def test_wilson_interval_matches_scipy(k: int, n: int) -> None:
    ci = scipy_stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = stats.wilson_interval(k, n)
    assert low == pytest.approx(ci.low, abs=1e-12)
    assert high == pytest.approx(ci.high, abs=1e-12)


def test_wilson_interval_known_value() -> None:
    # 7 of 20: Newcombe (1998) gives 0.1812 to 0.5671.
    low, high = stats.wilson_interval(7, 20)
    assert (round(low, 4), round(high, 4)) == (0.1812, 0.5671)


@pytest.mark.parametrize(
    ("s1", "n1", "s2", "n2"), [(40, 100, 60, 100), (120, 400, 150, 410), (30, 97, 31, 97)]
)
def test_z_test_matches_the_uncorrected_chi_square_test(s1: int, n1: int, s2: int, n2: int) -> None:
    result = stats.compare(s1, n1, s2, n2)
    table = [[s1, n1 - s1], [s2, n2 - s2]]
    chi2, p_value, _, _ = scipy_stats.chi2_contingency(table, correction=False)
    assert result.test == "z"
    assert result.p_value == pytest.approx(p_value, rel=1e-9)
    assert result.statistic is not None and result.statistic**2 == pytest.approx(chi2, rel=1e-9)


def test_z_test_known_value() -> None:
    # 40/100 vs 60/100: pooled z = 0.2 / sqrt(0.25 * 0.02) = 2.8284, p = 0.00468.
    result = stats.compare(40, 100, 60, 100)
    assert result.statistic == pytest.approx(2.828427, rel=1e-6)
    assert result.p_value == pytest.approx(0.004678, rel=1e-3)


def test_fisher_when_an_expected_count_is_below_five() -> None:
    result = stats.compare(1, 12, 7, 12)
    assert min(stats.expected_counts(1, 12, 7, 12)) < 5
    _, p_value = scipy_stats.fisher_exact([[1, 11], [7, 5]])
    assert result.test == "fisher"
    assert result.p_value == pytest.approx(p_value)
    # By hand: the hypergeometric tables at most as likely as the observed one.
    tables = [comb(12, k) * comb(12, 8 - k) / comb(24, 8) for k in range(9)]
    by_hand = sum(p for p in tables if p <= tables[1] * (1 + 1e-9))
    assert result.p_value == pytest.approx(by_hand, rel=1e-12)


def test_identical_arms_have_p_one() -> None:
    assert stats.compare(0, 20, 0, 20).p_value == pytest.approx(1.0)
    assert stats.compare(10, 20, 10, 20).p_value == pytest.approx(1.0)


def test_sample_size_known_values() -> None:
    # Fleiss without continuity correction, power 0.8; alpha 0.05 (textbook) and the default 0.01.
    assert stats.sample_size(0.5, 0.6, alpha=0.05) == 388
    assert stats.sample_size(0.2, 0.3, alpha=0.05) == 294
    assert stats.ALPHA == 0.01
    assert stats.sample_size(0.4, 0.6) == 145
    assert stats.planned_from_effect(0.4, 0.2) == stats.sample_size(0.4, 0.6)
    assert stats.planned_from_effect(0.9, 0.2) == stats.sample_size(0.9, 0.7)  # downwards


def test_sample_size_has_the_promised_power() -> None:
    """Cross-check by simulation: the planned size finds the effect about 80% of the time."""
    import random

    n = stats.sample_size(0.3, 0.45)
    rng = random.Random(1)
    found = 0
    for _ in range(400):
        a = sum(rng.random() < 0.3 for _ in range(n))
        b = sum(rng.random() < 0.45 for _ in range(n))
        found += stats.compare(a, n, b, n).p_value < stats.ALPHA
    assert 0.74 < found / 400 < 0.87


@pytest.mark.parametrize(("baseline", "effect"), [(0, 0.1), (0.5, 0), (0.5, 1), (0.5, 0.6)])
def test_impossible_plans_are_refused(baseline: float, effect: float) -> None:
    with pytest.raises(ValueError):
        stats.planned_from_effect(baseline, effect)
