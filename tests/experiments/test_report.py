"""The report: no verdict before the plan, the verdicts, and the 20-seed acceptance runs."""

from __future__ import annotations

import pytest

from frontdesk.experiments import stats
from frontdesk.experiments.report import BETTER, NO_DIFFERENCE, WAITING, judge
from tests.experiments.helpers import simulated_report


def outcomes(*arms: tuple[str, int, int]) -> list[tuple[str, list[bool]]]:
    return [(name, [True] * hits + [False] * (calls - hits)) for name, calls, hits in arms]


def test_no_verdict_before_the_planned_calls() -> None:
    report = judge(
        name="x",
        metric="name_before_second_turn",
        planned_per_variant=100,
        outcomes=outcomes(("A", 100, 10), ("B", 64, 60)),  # a huge gap, but B is not complete
    )
    assert report.verdict.kind == WAITING
    assert report.verdict.text == (
        "Noch keine Aussage: geplant sind 100 Anrufe je Variante, bisher 64."
    )
    assert report.comparisons == []  # no p-value to peek at either
    assert [v.calls for v in report.variants] == [100, 64]
    assert report.variants[1].low is not None  # the figures themselves are shown


def test_better_variant_is_named() -> None:
    report = judge(
        name="x",
        metric="name_before_second_turn",
        planned_per_variant=100,
        outcomes=outcomes(("A", 100, 40), ("B", 100, 60)),
    )
    assert report.verdict.kind == BETTER
    assert report.verdict.text == "Variante B ist besser"
    assert report.comparisons[0].test == "z"
    assert report.comparisons[0].p_value == pytest.approx(stats.compare(40, 100, 60, 100).p_value)


def test_control_can_win_and_lower_is_better_for_hangups() -> None:
    higher = judge(
        name="x",
        metric="caller_identified",
        planned_per_variant=100,
        outcomes=outcomes(("A", 100, 60), ("B", 100, 40)),
    )
    assert higher.verdict.text == "Variante A ist besser"
    hangups = judge(
        name="x",
        metric="hangup_before_name",
        planned_per_variant=100,
        outcomes=outcomes(("A", 100, 60), ("B", 100, 40)),
    )
    assert hangups.verdict.text == "Variante B ist besser"  # fewer callers lost


def test_no_difference_says_how_many_calls_a_test_would_need() -> None:
    report = judge(
        name="x",
        metric="appointment_booked",
        planned_per_variant=100,
        outcomes=outcomes(("A", 100, 40), ("B", 100, 45)),
    )
    assert report.verdict.kind == NO_DIFFERENCE
    needed = 2 * stats.sample_size(0.40, 0.45)
    assert report.verdict.more_calls == needed
    spoken = f"{needed:,}".replace(",", ".")
    assert (
        report.verdict.text
        == f"noch kein Unterschied nachweisbar, etwa {spoken} weitere Anrufe nötig"
    )


def test_the_verdict_uses_exactly_the_planned_calls() -> None:
    """Calls after the plan are counted but do not move the verdict (no second look)."""
    base = outcomes(("A", 100, 40), ("B", 100, 45))
    later = [("A", base[0][1] + [False] * 50), ("B", base[1][1] + [True] * 50)]
    report = judge(name="x", metric="appointment_booked", planned_per_variant=100, outcomes=later)
    assert report.verdict.kind == NO_DIFFERENCE
    assert [(v.calls, v.successes, v.beyond_plan) for v in report.variants] == [
        (100, 40, 50),
        (100, 45, 50),
    ]


def test_three_variants_compare_with_the_control_bonferroni() -> None:
    report = judge(
        name="x",
        metric="name_before_second_turn",
        planned_per_variant=200,
        outcomes=outcomes(("A", 200, 80), ("B", 200, 84), ("C", 200, 120)),
    )
    assert [c.alpha for c in report.comparisons] == [stats.ALPHA / 2, stats.ALPHA / 2]
    assert report.verdict.text == "Variante C ist besser als A"


# The acceptance runs: planned for a 20-point rise from 40%, alpha 0.01, power 0.8.
PLANNED = stats.planned_from_effect(0.40, 0.20)
SEEDS = range(20)


def test_a_planted_difference_is_found_in_at_least_19_of_20_runs() -> None:
    # The true difference (30 points) exceeds the one the plan was sized for, as it should
    # when a test is expected to find it nearly every time.
    verdicts = [
        simulated_report(seed=s, rates={"A": 0.40, "B": 0.70}, planned=PLANNED).verdict
        for s in SEEDS
    ]
    right = sum(v.kind == BETTER and v.winner == "B" for v in verdicts)
    wrong = sum(v.kind == BETTER and v.winner == "A" for v in verdicts)
    assert right >= 19 and wrong == 0, [v.text for v in verdicts]


def test_equal_variants_give_no_verdict_in_at_least_19_of_20_runs() -> None:
    verdicts = [
        simulated_report(seed=s, rates={"A": 0.40, "B": 0.40}, planned=PLANNED).verdict
        for s in SEEDS
    ]
    quiet = [v for v in verdicts if v.kind == NO_DIFFERENCE]
    assert len(quiet) >= 19, [v.text for v in verdicts]
    assert all("kein Unterschied nachweisbar" in v.text for v in quiet)
