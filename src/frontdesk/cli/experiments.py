"""`frontdesk experiments`: prompt experiments and their honest report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.table import Table

from frontdesk.cli.common import company_or_fail, console, database, fail, print_json

experiments_app = typer.Typer(help="Prompt experiments (A/B tests).", no_args_is_help=True)

METRIC_HELP = (
    "name_before_second_turn | caller_identified | appointment_booked | hangup_before_name"
)


def _pairs(values: list[str], option: str, names: list[str]) -> dict[str, str]:
    """`VARIANT=VALUE` options (the value may itself contain '=')."""
    found: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or name.strip() not in names:
            fail(f"{option} {value!r}: expected VARIANT=VALUE with VARIANT one of {names}")
        found[name.strip()] = text
    return found


def _variants_from_options(
    specs: list[str],
    greetings: list[str],
    questions: list[str],
    agent_ids: list[str],
    agent_versions: list[str],
) -> list[dict[str, Any]]:
    variants: list[dict[str, Any]] = []
    for spec in specs:
        name, _, weight = spec.partition(":")
        try:
            parsed_weight = float(weight) if weight else 1.0
        except ValueError:
            fail(f"--variant {spec!r}: the weight after ':' must be a number")
            raise  # unreachable: fail() exits
        variants.append({"name": name.strip(), "weight": parsed_weight})
    names = [v["name"] for v in variants]
    extras = {
        "greeting": _pairs(greetings, "--greeting", names),
        "name_question": _pairs(questions, "--name-question", names),
        "override_agent_id": _pairs(agent_ids, "--agent-id", names),
    }
    versions = _pairs(agent_versions, "--agent-version", names)
    for variant in variants:
        for key, by_name in extras.items():
            if variant["name"] in by_name:
                variant[key] = by_name[variant["name"]]
        if variant["name"] in versions:
            if not versions[variant["name"]].strip().isdigit():
                fail(f"--agent-version for {variant['name']}: expected a whole number")
            variant["override_agent_version"] = int(versions[variant["name"]])
    return variants


def _read_file(path: Path) -> dict[str, Any]:
    """A JSON or YAML file: a list of variants, or a mapping with `variants` and optionally
    name, metric, planned_per_variant, baseline, min_detectable_effect."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        fail(f"{path}: {exc}")
    if isinstance(data, list):
        return {"variants": data}
    if not isinstance(data, dict) or not isinstance(data.get("variants"), list):
        fail(f"{path}: expected a list of variants or a mapping with 'variants'")
    return dict(data)


def _planned(planned: int | None, baseline: float | None, effect: float | None) -> int:
    from frontdesk.experiments import stats

    if planned is not None:
        return planned
    if baseline is None or effect is None:
        fail("give --planned-per-variant, or --baseline and --min-detectable-effect")
        raise AssertionError  # unreachable: fail() exits
    try:
        return stats.planned_from_effect(baseline, effect)
    except ValueError as exc:
        fail(str(exc))
        raise


@experiments_app.command("create")
def create(
    company: Annotated[str, typer.Option(help="The company (its exact name).")],
    name: Annotated[str | None, typer.Option(help="The experiment's name.")] = None,
    metric: Annotated[str | None, typer.Option(help=METRIC_HELP)] = None,
    variant: Annotated[
        list[str] | None, typer.Option(help="NAME[:WEIGHT], repeated; the first is the control.")
    ] = None,
    greeting: Annotated[
        list[str] | None, typer.Option(help="VARIANT=TEXT: the variant's greeting.")
    ] = None,
    name_question: Annotated[
        list[str] | None, typer.Option(help="VARIANT=TEXT: the variant's name question.")
    ] = None,
    agent_id: Annotated[
        list[str] | None, typer.Option(help="VARIANT=ID: answer with another Retell agent.")
    ] = None,
    agent_version: Annotated[
        list[str] | None, typer.Option(help="VARIANT=N: answer with another agent version.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Variants (and settings) as JSON/YAML."),
    ] = None,
    planned_per_variant: Annotated[
        int | None, typer.Option(min=1, help="Finished calls per variant before a verdict.")
    ] = None,
    baseline: Annotated[
        float | None, typer.Option(help="Today's rate of the metric, e.g. 0.4.")
    ] = None,
    min_detectable_effect: Annotated[
        float | None,
        typer.Option(help="Smallest absolute change worth finding, e.g. 0.1 (10 points)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Start an experiment (alpha 0.01 two-sided, power 0.8 when the size is computed)."""
    from frontdesk.experiments import service
    from frontdesk.experiments.assignment import VariantError

    spec = _read_file(file) if file is not None else {}
    if variant:
        spec["variants"] = _variants_from_options(
            variant, greeting or [], name_question or [], agent_id or [], agent_version or []
        )
    elif greeting or name_question or agent_id or agent_version:
        fail("--greeting/--name-question/--agent-id/--agent-version need --variant")
    if not spec.get("variants"):
        fail("give the variants: --variant NAME[:WEIGHT] (twice or more) or --file")
    chosen_name = name or spec.get("name")
    chosen_metric = metric or spec.get("metric")
    if not chosen_name or not chosen_metric:
        fail("give --name and --metric (or put them in the file)")
    size = _planned(
        planned_per_variant if planned_per_variant is not None else spec.get("planned_per_variant"),
        baseline if baseline is not None else spec.get("baseline"),
        min_detectable_effect
        if min_detectable_effect is not None
        else spec.get("min_detectable_effect"),
    )
    with database().unit_of_work() as session:
        row = company_or_fail(session, company)
        try:
            experiment = service.create(
                session=session,
                company_id=row.id,
                name=str(chosen_name),
                metric=str(chosen_metric),
                variants=spec["variants"],
                planned_per_variant=int(size),
            )
        except (service.ExperimentError, VariantError) as exc:
            fail(str(exc))
            return
        data = _as_dict(experiment, row.name)
    if as_json:
        print_json(data)
        return
    console.print(
        f"experiment {data['name']!r} läuft: {len(data['variants'])} Varianten, "
        f"Metrik {data['metric']}, geplant {data['planned_per_variant']} Anrufe je Variante"
    )


def _as_dict(experiment: Any, company: str) -> dict[str, Any]:
    return {
        "id": experiment.id,
        "company": company,
        "name": experiment.name,
        "metric": experiment.metric,
        "status": experiment.status,
        "planned_per_variant": experiment.planned_per_variant,
        "variants": experiment.variants,
        "created_at": experiment.created_at.isoformat(),
        "stopped_at": experiment.stopped_at.isoformat() if experiment.stopped_at else None,
    }


@experiments_app.command("list")
def list_experiments(
    company: Annotated[str, typer.Option(help="The company (its exact name).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """The company's experiments, oldest first."""
    from frontdesk.experiments import service

    with database().sessions() as session:
        row = company_or_fail(session, company)
        rows = [
            _as_dict(e, row.name)
            for e in service.list_for_company(session=session, company_id=row.id)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("name", "status", "metric", "variants", "planned/variant", "created")
    for item in rows:
        table.add_row(
            item["name"],
            item["status"],
            item["metric"],
            ", ".join(f"{v['name']}:{v['weight']:g}" for v in item["variants"]),
            str(item["planned_per_variant"]),
            item["created_at"][:16],
        )
    console.print(table)


def _experiment_or_fail(session: Any, company: str, name: str) -> tuple[Any, Any]:
    from frontdesk.experiments import service

    row = company_or_fail(session, company)
    experiment = service.get_by_name(session=session, company_id=row.id, name=name)
    if experiment is None:
        fail(f"{row.name} has no experiment named {name!r}")
    return row, experiment


@experiments_app.command("stop")
def stop(
    name: Annotated[str, typer.Argument(help="The experiment's name.")],
    company: Annotated[str, typer.Option(help="The company (its exact name).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Stop assigning calls; calls that rang before keep their variant and count."""
    from frontdesk.experiments import service

    with database().unit_of_work() as session:
        row, experiment = _experiment_or_fail(session, company, name)
        service.stop(session=session, experiment=experiment)
        data = _as_dict(experiment, row.name)
    if as_json:
        print_json(data)
        return
    console.print(f"experiment {name!r} gestoppt")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


@experiments_app.command("report")
def report(
    name: Annotated[str, typer.Argument(help="The experiment's name.")],
    company: Annotated[str, typer.Option(help="The company (its exact name).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Per variant: calls, successes, rate with 95% Wilson interval; the test and the verdict
    once the planned calls are in."""
    from frontdesk.experiments import service

    with database().sessions() as session:
        _, experiment = _experiment_or_fail(session, company, name)
        result = service.report(session=session, experiment=experiment)
    if as_json:
        print_json(result.as_dict())
        return
    console.print(
        f"[bold]{result.name}[/bold] ({result.status}) – {result.metric_title} "
        f"({'höher' if result.higher_is_better else 'niedriger'} ist besser); "
        f"geplant {result.planned_per_variant} Anrufe je Variante"
    )
    table = Table("Variante", "Anrufe", "Erfolge", "Rate", "95 %-Intervall", "nach Plan")
    for figures in result.variants:
        interval = (
            f"{_percent(figures.low)} – {_percent(figures.high)}"
            if figures.low is not None
            else "–"
        )
        table.add_row(
            figures.name,
            str(figures.calls),
            str(figures.successes),
            _percent(figures.rate),
            interval,
            str(figures.beyond_plan or ""),
        )
    console.print(table)
    for comparison in result.comparisons:
        test = "z-Test" if comparison.test == "z" else "exakter Test nach Fisher"
        points = f"{comparison.difference * 100:+.1f}".replace(".", ",")
        p_value = f"{comparison.p_value:.4f}".replace(".", ",")
        alpha = f"{comparison.alpha:g}".replace(".", ",")
        console.print(
            f"{comparison.variant} gegen {comparison.control}: Unterschied {points} Punkte, "
            f"{test}, p = {p_value} (Schwelle {alpha})"
        )
    console.print(f"[bold]{result.verdict.text}[/bold]")
