"""The honest report: per-variant figures with Wilson intervals, the two-sided test against the
control (the first variant), and a plain German verdict only once the plan is complete.

No peeking: the test is fixed-horizon. Before every variant has its planned number of finished
calls the report refuses a verdict (and shows no p-value), because looking at a running test
again and again and stopping at the first "significant" look inflates the false-positive rate
far beyond 5%. Once the plan is reached the verdict uses exactly the first planned calls of
each variant (in the order they were made), so it never changes afterwards; later calls are
counted but not judged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from frontdesk.experiments import stats
from frontdesk.experiments.metrics import METRICS

WAITING, BETTER, NO_DIFFERENCE = "waiting", "better", "no_difference"


@dataclass(frozen=True)
class VariantFigures:
    name: str
    calls: int  # judged (or, while waiting, so far)
    successes: int
    rate: float | None
    low: float | None  # 95% Wilson interval
    high: float | None
    beyond_plan: int = 0  # finished calls after the planned ones: counted, not judged


@dataclass(frozen=True)
class Comparison:
    variant: str
    control: str
    difference: float  # variant rate minus control rate
    test: str  # "z" | "fisher"
    p_value: float
    alpha: float  # per comparison (Bonferroni over the comparisons with the control)
    significant: bool


@dataclass(frozen=True)
class Verdict:
    kind: str  # waiting | better | no_difference
    text: str
    winner: str | None = None
    more_calls: int | None = None


@dataclass(frozen=True)
class Report:
    name: str
    metric: str
    metric_title: str
    higher_is_better: bool
    status: str
    planned_per_variant: int
    reached: bool
    variants: list[VariantFigures]
    verdict: Verdict
    comparisons: list[Comparison] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _de(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _figures(name: str, outcomes: Sequence[bool], beyond: int = 0) -> VariantFigures:
    calls, hits = len(outcomes), sum(1 for o in outcomes if o)
    if not calls:
        return VariantFigures(name, 0, 0, None, None, None, beyond)
    low, high = stats.wilson_interval(hits, calls)
    return VariantFigures(name, calls, hits, hits / calls, low, high, beyond)


def _better(a: float, b: float, higher_is_better: bool) -> bool:
    return a > b if higher_is_better else a < b


def _more_calls(figures: list[VariantFigures]) -> int | None:
    """Calls (all variants together) a fresh test would need to detect the largest observed
    difference to the control; None when no difference was observed at all."""
    control = figures[0].rate or 0.0
    others = [f.rate or 0.0 for f in figures[1:]]
    widest = max(others, key=lambda rate: abs(rate - control))
    if widest == control:
        return None
    return stats.sample_size(control, widest) * len(figures)


def _verdict(
    figures: list[VariantFigures], comparisons: list[Comparison], higher_is_better: bool
) -> Verdict:
    control = figures[0]
    rate = {f.name: f.rate or 0.0 for f in figures}
    winners = [
        c.variant
        for c in comparisons
        if c.significant and _better(rate[c.variant], rate[control.name], higher_is_better)
    ]
    if winners:
        best = winners[0]
        for name in winners[1:]:
            if _better(rate[name], rate[best], higher_is_better):
                best = name
        suffix = "" if len(figures) == 2 else f" als {control.name}"
        return Verdict(BETTER, f"Variante {best} ist besser{suffix}", winner=best)
    control_wins = bool(comparisons) and all(
        c.significant and _better(rate[control.name], rate[c.variant], higher_is_better)
        for c in comparisons
    )
    if control_wins:
        return Verdict(BETTER, f"Variante {control.name} ist besser", winner=control.name)
    more = _more_calls(figures)
    if more is None:
        return Verdict(NO_DIFFERENCE, "noch kein Unterschied nachweisbar, beobachtet ist keiner")
    return Verdict(
        NO_DIFFERENCE,
        f"noch kein Unterschied nachweisbar, etwa {_de(more)} weitere Anrufe nötig",
        more_calls=more,
    )


def judge(
    *,
    name: str,
    metric: str,
    planned_per_variant: int,
    outcomes: Sequence[tuple[str, Sequence[bool]]],
    status: str = "running",
    alpha: float = stats.ALPHA,
) -> Report:
    """The report for per-variant outcomes (True = success), variants in order, the first
    being the control, each variant's outcomes in the order its calls were made."""
    definition = METRICS[metric]
    header: dict[str, Any] = {
        "name": name,
        "metric": metric,
        "metric_title": definition.title,
        "higher_is_better": definition.higher_is_better,
        "status": status,
        "planned_per_variant": planned_per_variant,
    }
    fewest = min((len(o) for _, o in outcomes), default=0)
    if fewest < planned_per_variant:
        text = (
            f"Noch keine Aussage: geplant sind {_de(planned_per_variant)} Anrufe je Variante, "
            f"bisher {_de(fewest)}."
        )
        return Report(
            **header,
            reached=False,
            variants=[_figures(n, o) for n, o in outcomes],
            verdict=Verdict(WAITING, text, more_calls=planned_per_variant - fewest),
        )
    figures = [
        _figures(n, o[:planned_per_variant], len(o) - planned_per_variant) for n, o in outcomes
    ]
    control = figures[0]
    per_comparison = alpha / max(1, len(figures) - 1)
    comparisons = []
    for other in figures[1:]:
        result = stats.compare(control.successes, control.calls, other.successes, other.calls)
        comparisons.append(
            Comparison(
                variant=other.name,
                control=control.name,
                difference=(other.rate or 0.0) - (control.rate or 0.0),
                test=result.test,
                p_value=result.p_value,
                alpha=per_comparison,
                significant=result.p_value < per_comparison,
            )
        )
    return Report(
        **header,
        reached=True,
        variants=figures,
        verdict=_verdict(figures, comparisons, definition.higher_is_better),
        comparisons=comparisons,
    )
