"""The statistics of a two-arm test on proportions: Wilson intervals, the two-sided test, and
the sample size a fixed-horizon test needs. Pure functions, no database."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from scipy import stats as scipy_stats

# Two-sided, per experiment. 0.01 rather than 0.05: a practice runs many experiments over the
# years, and a false winner changes what every caller hears; the plan grows by about half.
ALPHA = 0.01
POWER = 0.8
# Below this expected count in any cell the normal approximation is poor: use Fisher's test.
MIN_EXPECTED = 5.0
_NORMAL = NormalDist()


def z_quantile(probability: float) -> float:
    return _NORMAL.inv_cdf(probability)


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval; keeps sensible bounds at 0 and n successes, unlike the Wald one."""
    if trials <= 0:
        return 0.0, 1.0
    z = z_quantile(1 - (1 - confidence) / 2)
    share = successes / trials
    denominator = 1 + z * z / trials
    centre = (share + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    half /= denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class TestResult:
    test: str  # "z" (two-proportion z-test, pooled) | "fisher" (Fisher's exact)
    p_value: float
    statistic: float | None  # z for the z-test, the odds ratio for Fisher's


def expected_counts(s1: int, n1: int, s2: int, n2: int) -> list[float]:
    """Expected cell counts of the 2x2 table under "no difference"."""
    total, hits = n1 + n2, s1 + s2
    misses = total - hits
    return [n * part / total for n in (n1, n2) for part in (hits, misses)]


def compare(s1: int, n1: int, s2: int, n2: int) -> TestResult:
    """Two-sided test of p1 == p2: the pooled z-test, or Fisher's exact test when any expected
    cell count is below 5 (where the z-test's normal approximation is unreliable)."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError("both arms need at least one trial")
    if min(expected_counts(s1, n1, s2, n2)) < MIN_EXPECTED:
        odds, p_value = scipy_stats.fisher_exact([[s1, n1 - s1], [s2, n2 - s2]])
        return TestResult("fisher", float(p_value), float(odds))
    pooled = (s1 + s2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (s2 / n2 - s1 / n1) / spread
    return TestResult("z", math.erfc(abs(z) / math.sqrt(2)), z)


def sample_size(p1: float, p2: float, alpha: float = ALPHA, power: float = POWER) -> int:
    """Calls per variant for a two-sided pooled z-test to detect p1 vs p2 (Fleiss, no
    continuity correction)."""
    if not (0 <= p1 <= 1 and 0 <= p2 <= 1) or p1 == p2:
        raise ValueError("need two different rates between 0 and 1")
    z_alpha, z_beta = z_quantile(1 - alpha / 2), z_quantile(power)
    mean = (p1 + p2) / 2
    top = z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_beta * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2)
    )
    return max(2, math.ceil(top * top / (p1 - p2) ** 2))


def planned_from_effect(baseline: float, effect: float) -> int:
    """Calls per variant to detect an absolute change `effect` (e.g. 0.10 = 10 points) from the
    baseline rate, alpha 0.01 two-sided, power 0.8. Upwards if room, else downwards."""
    if not 0 < baseline < 1:
        raise ValueError("the baseline rate must lie strictly between 0 and 1")
    if not 0 < effect < 1:
        raise ValueError("the minimum detectable effect must lie strictly between 0 and 1")
    other = baseline + effect if baseline + effect < 1 else baseline - effect
    if not 0 < other < 1:
        raise ValueError("baseline ± effect leaves the range 0..1")
    return sample_size(baseline, other)
