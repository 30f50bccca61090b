"""The practice file: loads, loads again without change, and points at the faulty line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.scheduling import lookup
from frontdesk.scheduling.errors import PracticeFileError, UnknownService
from frontdesk.scheduling.models import DateOverride, Service, Staff, WorkingHours
from frontdesk.scheduling.practice import load_file, load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company
from tests.conftest import REPO_ROOT
from tests.scheduling.conftest import PRACTICE

EXAMPLE = REPO_ROOT / "examples" / "praxis-sonnenschein.yaml"


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_example_practice_loads_and_is_idempotent(session: Session) -> None:
    first = load_file(session=session, path=EXAMPLE)
    assert first.changed
    counts = [_count(session, m) for m in (Service, Staff, WorkingHours, DateOverride)]
    second = load_file(session=session, path=EXAMPLE)
    assert second.changes == []
    assert [_count(session, m) for m in (Service, Staff, WorkingHours, DateOverride)] == counts
    company = session.get(Company, first.company_id)
    assert company is not None
    assert company.name == "Praxis Sonnenschein"
    assert company.timezone == "Europe/Berlin"
    assert company.agent_names == ["Lena"]
    assert [p.e164 for p in company.phone_numbers] == ["+4930120045670"]
    assert first.staff == 3 and first.services >= 4
    settings = SchedulingSettings.of(company)
    assert settings.min_notice_minutes == 120 and settings.horizon_days == 90


def test_a_changed_file_changes_only_what_differs(session: Session) -> None:
    load_practice(session=session, practice=parse_practice(PRACTICE))
    edited = PRACTICE.replace("duration_minutes: 30", "duration_minutes: 40")
    report = load_practice(session=session, practice=parse_practice(edited))
    assert report.changes == ["service 'Beratung': duration_minutes -> 40"]
    without_winter = PRACTICE.split("  - name: Jonas Winter")[0]
    report = load_practice(session=session, practice=parse_practice(without_winter))
    assert "staff 'Jonas Winter' deactivated (not in the file)" in report.changes
    winter = session.scalars(select(Staff).where(Staff.key == "winter")).one()
    assert winter.active is False


@pytest.mark.parametrize(
    ("replace", "words"),
    [
        (('mo: "08:00-12:00"', 'mo: "08:00-25:00"'), "not a time of day"),
        (("services: [Beratung]", "services: [Massage]"), "unknown service 'Massage'"),
        (('      mi: "14:00-18:00"', '      xy: "14:00-18:00"'), "not a weekday"),
        (("duration_minutes: 60", "duration_minutes: -5"), "greater than 0"),
        (("buffer_after_minutes: 15", "bufer_after_minutes: 15"), "bufer"),
        (("  - name: Beratung", "  - name: [Beratung"), "not valid YAML"),
    ],
)
def test_errors_name_the_line(replace: tuple[str, str], words: str) -> None:
    text = PRACTICE.replace(*replace, 1)
    assert text != PRACTICE
    expected = 1 + next(i for i, row in enumerate(text.splitlines()) if replace[1] in row)
    with pytest.raises(PracticeFileError) as caught:
        parse_practice(text, source="praxis.yaml")
    line = caught.value.problems[0][0]
    assert line is not None, caught.value.problems
    if words == "not valid YAML":
        assert expected <= line <= expected + 1
    else:
        assert line == expected, caught.value.problems
    assert words in str(caught.value)
    assert f"praxis.yaml:{line}:" in str(caught.value)


def test_error_line_points_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "praxis.yaml"
    text = PRACTICE.replace("services: [Beratung]", "services: [Massage]")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        parse_practice(text, source=str(path))
    line = caught.value.problems[0][0]
    assert line is not None
    assert "Massage" in text.splitlines()[line - 1]


@pytest.mark.parametrize(
    ("said", "key"),
    [
        ("PZR", "pzr"),
        ("pzr", "pzr"),
        ("professionelle Zahnreinigung", "pzr"),
        ("zahnreinigung", "pzr"),
        ("eine Zahnreinigung bitte", "pzr"),
        ("Füllung", "fuellung"),
        ("fullung", "fuellung"),
        ("Fuellung", "fuellung"),
        ("beratungsgespraech", "beratung"),
        ("Akuttermin", "akutsprechstunde"),
        ("Kontrole", "kontrolle"),
    ],
)
def test_service_lookup_is_case_and_umlaut_tolerant(session: Session, said: str, key: str) -> None:
    report = load_file(session=session, path=EXAMPLE)
    found = lookup.get_service_or_raise(session=session, company_id=report.company_id, service=said)
    assert found.key == key


def test_unknown_service_lists_what_there_is(session: Session) -> None:
    report = load_file(session=session, path=EXAMPLE)
    with pytest.raises(UnknownService) as caught:
        lookup.get_service_or_raise(session=session, company_id=report.company_id, service="Tattoo")
    assert "Beratung" in caught.value.offered


def test_staff_lookup_by_surname(session: Session) -> None:
    report = load_file(session=session, path=EXAMPLE)
    found = lookup.get_staff_or_raise(
        session=session, company_id=report.company_id, staff="bei Frau Doktor Sommer"
    )
    assert found.key == "sommer"


def test_the_documented_example_is_valid() -> None:
    doc = (REPO_ROOT / "docs" / "practice-file.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    practice = parse_practice(block, source="docs/practice-file.md")
    assert practice.staff[0].hours[2] == []  # mi: geschlossen
    assert len(practice.staff[0].hours[0]) == 2
