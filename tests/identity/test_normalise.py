"""Names, e-mail addresses and birth dates in comparable form."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.identity.nicknames import is_short_form
from frontdesk.identity.normalise import (
    cologne_keys,
    fold,
    normalise_email,
    normalise_name,
    parse_birth_date,
    split_name,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Müller", "mueller"),
        ("MUELLER", "mueller"),
        ("Weiß", "weiss"),
        ("Yılmaz", "yilmaz"),
        ("Şahin", "sahin"),
        ("Wałęsa", "walesa"),
        ("Ćwikła", "cwikla"),
        ("Müller-Lüdenscheidt", "mueller luedenscheidt"),
        ("  von   der Heide ", "von der heide"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_salutations_and_titles_are_stripped() -> None:
    assert normalise_name("Herr Dr. med. Weber") == "weber"
    assert split_name("Frau Prof. Anna Schreiber").first_norm == "anna"
    assert split_name("Herr Schneider").last_norm == "schneider"
    assert split_name("Herr Schneider").first_norm is None
    assert split_name("Schreiber, Anna") == split_name("Anna Schreiber")
    assert split_name("Karl-Heinz Müller-Lüdenscheidt").last_norm == "mueller luedenscheidt"


def test_cologne_keys_have_the_er_a_swap() -> None:
    assert cologne_keys("schreiber")[0] == cologne_keys("schreiba")[1]
    assert cologne_keys("meier")[0] == cologne_keys("meyer")[0]
    assert cologne_keys(None) == (None, None)


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ("max punkt müller at web punkt de", "max.mueller@web.de"),
        (" ANNA.KERN@GMAIL.COM ", "anna.kern@gmail.com"),
        ("nadinebeck @ web.de", "nadinebeck@web.de"),
        ("max minus mustermann klammeraffe gmx punkt de", "max-mustermann@gmx.de"),
        ("k unterstrich m at t-online punkt de", "k_m@t-online.de"),
        ("keine ahnung", None),
        ("", None),
    ],
)
def test_email(raw: str, address: str | None) -> None:
    assert normalise_email(raw) == address


@pytest.mark.parametrize(
    "raw",
    [
        "12.03.1984",
        "12.3.84",
        "12. März 1984",
        "1984-03-12",
        "zwölfter dritter vierundachtzig",
        "12. maerz 1984",
        "zwölfter März neunzehnhundertvierundachtzig",
    ],
)
def test_birth_date_forms(raw: str) -> None:
    assert parse_birth_date(raw, today=TODAY) == date(1984, 3, 12)


@pytest.mark.parametrize("raw", ["12.03.2084", "31.02.1990", "01.01.1850", "morgen", "", None])
def test_implausible_birth_dates_are_none(raw: str | None) -> None:
    assert parse_birth_date(raw, today=TODAY) is None


def test_short_forms_are_symmetric_data() -> None:
    assert is_short_form("alex", "alexander") and is_short_form("alexander", "alex")
    assert is_short_form("kathi", "katharina")
    assert not is_short_form("jan", "jana")


@given(st.text())
def test_fold_is_idempotent_ascii(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert all(c.islower() or c == " " for c in once)
    assert once.isascii()


@given(st.dates(min_value=date(1910, 1, 1), max_value=TODAY))
def test_every_german_notation_round_trips(born: date) -> None:
    assert parse_birth_date(f"{born.day}.{born.month}.{born.year}", today=TODAY) == born
    assert parse_birth_date(born.isoformat(), today=TODAY) == born


@given(st.text(max_size=30))
def test_birth_date_never_in_the_future(text: str) -> None:
    parsed = parse_birth_date(text, today=TODAY)
    assert parsed is None or parsed <= TODAY
