"""Plan generation: deterministic per seed, faithful to the mix, realistic times and ids."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.calls.ids import check_call_id
from frontdesk.simulator import personas
from frontdesk.simulator.mix import DEFAULT_MIX, MixError, load_mix, mix_from_dict
from frontdesk.simulator.plan import CallPlan, Practice, generate

BERLIN = ZoneInfo("Europe/Berlin")
ANCHOR = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)  # the week spans the DST change of 29 March
PRACTICE = Practice(company="Praxis Sonnenschein", number="+4930120045670")
CUSTOMERS = personas.demo_customers("Praxis Sonnenschein")
REPO = Path(__file__).resolve().parents[2]


def plans(count: int, seed: int, mix: object = DEFAULT_MIX, days: int = 7) -> list[CallPlan]:
    return generate(
        count=count,
        days=days,
        mix=mix,  # type: ignore[arg-type]
        practice=PRACTICE,
        customers=CUSTOMERS,
        seed=seed,
        anchor=ANCHOR,
    )


def test_same_seed_same_plans_other_seed_other_plans() -> None:
    assert plans(200, seed=11) == plans(200, seed=11)
    assert [p.call_id for p in plans(50, seed=11)] != [p.call_id for p in plans(50, seed=12)]


def test_the_default_mix_follows_the_root_cause_analysis() -> None:
    generated = plans(3000, seed=5)
    assert len(generated) == 3000
    withheld = sum(p.withheld for p in generated) / len(generated)
    assert abs(withheld - 0.72) < 0.03
    intents = Counter(p.intent for p in generated)
    assert set(intents) >= {"book", "book_for_other", "reschedule", "cancel", "early_hangup"}
    assert intents["early_hangup"] / len(generated) == pytest.approx(0.20, abs=0.03)
    assert sum(p.mishearing != "none" for p in generated) > 0.08 * len(generated)
    assert any(p.race_group for p in generated)
    assert 0.04 < sum(p.after_hours for p in generated) / len(generated) < 0.12
    for quirk in ("duplicate_call_ended", "analyzed_before_ended", "duplicate_call_analyzed"):
        assert any(quirk in p.quirks for p in generated)
    wrong = Counter(p.wrong_analysis_name for p in generated if p.wrong_analysis_name)
    assert {"Guten Tag", "Lena"} <= set(wrong)


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**31), withheld=st.floats(0.0, 1.0))
def test_withheld_share_follows_any_mix(seed: int, withheld: float) -> None:
    mix = mix_from_dict({"withheld": withheld})
    generated = plans(600, seed=seed, mix=mix)
    share = sum(p.withheld for p in generated) / len(generated)
    assert abs(share - withheld) < 0.08


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**31), days=st.integers(1, 14))
def test_times_ids_and_dependencies_are_realistic(seed: int, days: int) -> None:
    generated = plans(300, seed=seed, days=days)
    by_id = {p.call_id: p for p in generated}
    assert len(by_id) == len(generated)
    first_day = ANCHOR.astimezone(BERLIN).date() - timedelta(days=days)
    for plan in generated:
        check_call_id(plan.call_id)
        local = plan.start.astimezone(BERLIN)
        assert plan.start < ANCHOR and local.date() >= first_day
        if not plan.after_hours:
            assert 8 <= local.hour < 18
        if plan.withheld:
            assert plan.from_number in personas.WITHHELD_FORMS
        if plan.depends_on:
            prior = by_id[plan.depends_on]
            assert prior.start < plan.start and prior.caller == plan.caller
            assert plan.intent in {"reschedule", "cancel"} and plan.returning
        if plan.intent == "early_hangup" and not plan.says_name:
            assert plan.heard_name is None
    races: dict[str, list[CallPlan]] = {}
    for plan in generated:
        if plan.race_group:
            races.setdefault(plan.race_group, []).append(plan)
    for pair in races.values():
        assert len(pair) == 2
        assert len({(p.service, p.date_wish, p.time_wish) for p in pair}) == 1


def test_mishearings_are_plausible() -> None:
    import random

    rng = random.Random(3)
    assert personas.misheard_surname("Maier", rng) in {"Meier", "Mayer", "Meyer"}
    assert personas.misheard_surname("Schmitt", rng) in {"Schmidt", "Schmid"}
    assert personas.misheard_surname("Müller", random.Random(1)) in {"Mueller", "Muller"}
    slip = personas.misheard_surname("Schreiber", rng)
    assert slip != "Schreiber" and abs(len(slip) - len("Schreiber")) <= 1


def test_other_notations_are_the_same_number() -> None:
    import random

    from frontdesk.phones import normalise_phone

    rng = random.Random(1)
    for number in ("+493012345678", "+4915112345678"):
        for _ in range(20):
            written = personas.other_notation(number, rng)
            assert written != number
            assert normalise_phone(written) == number


def test_mix_files(tmp_path: Path) -> None:
    path = tmp_path / "mix.yaml"
    path.write_text("withheld: 0.5\nintents:\n  early_hangup: 0\n", encoding="utf-8")
    mix = load_mix(path)
    assert mix.withheld == 0.5 and mix.intents["early_hangup"] == 0
    assert all(p.intent != "early_hangup" for p in plans(200, seed=1, mix=mix))
    path.write_text("withheld: 1.5\n", encoding="utf-8")
    with pytest.raises(MixError, match="between 0 and 1"):
        load_mix(path)
    path.write_text("witheld: 0.5\n", encoding="utf-8")
    with pytest.raises(MixError, match="unknown mix keys: witheld"):
        load_mix(path)
    for sample in REPO.glob("examples/mix-*.yaml"):
        load_mix(sample)


def test_the_shipped_customer_base_is_the_generated_one() -> None:
    from frontdesk.simulator import census

    shipped = (REPO / "examples" / "praxis-sonnenschein-customers.csv").read_text(encoding="utf-8")
    assert shipped == census.to_csv(census.customer_base("Praxis Sonnenschein"))
    loaded = personas.load_customers(REPO / "examples" / "praxis-sonnenschein-customers.csv")
    assert len(loaded) == 300
    phones = Counter(p.phone for p in loaded if p.phone)
    assert any(count >= 2 for count in phones.values())  # households share a landline
