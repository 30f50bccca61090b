"""German SMS bodies: the facts in German formats, polite, and always within two segments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.messaging import texts
from frontdesk.messaging.segments import count_segments, fits
from frontdesk.messaging.texts import AppointmentFacts

BERLIN = ZoneInfo("Europe/Berlin")
FACTS = AppointmentFacts(
    practice="Praxis Dr. Weber",
    service="Kontrolluntersuchung",
    start_local=datetime(2026, 12, 8, 9, 30, tzinfo=BERLIN),
)
WITH_STAFF = AppointmentFacts(
    practice="Praxis Dr. Weber",
    service="Kontrolluntersuchung",
    start_local=datetime(2026, 12, 8, 9, 30, tzinfo=BERLIN),
    staff="Dr. Müller",
)
CONFIRM_BY_NAME = "Antworten Sie mit Ihrem Namen, um den Termin zu bestätigen."
CANCEL_BY_REPLY = "Antworten Sie ABSAGEN, um abzusagen."

WITH_FACTS: dict[str, Callable[[AppointmentFacts], str]] = {
    "confirmation": lambda facts: texts.confirmation(facts, pending=False),
    "confirmation pending": lambda facts: texts.confirmation(facts, pending=True),
    "moved": texts.moved,
    "cancelled": texts.cancelled,
    "reminder": texts.reminder,
    "reminder tomorrow": lambda facts: texts.reminder(
        facts, today=facts.start_local.date() - timedelta(days=1)
    ),
    "reply confirmed": texts.reply_confirmed,
    "reply cancelled": texts.reply_cancelled,
    "reply name thanks": texts.reply_name_thanks,
}
WITHOUT_FACTS: dict[str, Callable[[], str]] = {
    "reply opted out": texts.reply_opted_out,
    "reply name thanks": lambda: texts.reply_name_thanks(None),
    "reply not understood": texts.reply_not_understood,
    "reply nothing open": texts.reply_nothing_open,
}


def test_confirmation() -> None:
    assert texts.confirmation(FACTS, pending=False) == (
        "Praxis Dr. Weber: Ihr Termin (Kontrolluntersuchung) am Dienstag, 08.12.2026 "
        "um 09:30 Uhr ist gebucht."
    )


def test_pending_confirmation_asks_for_the_name() -> None:
    body = texts.confirmation(FACTS, pending=True)
    assert body == (
        "Praxis Dr. Weber: Ihr Termin (Kontrolluntersuchung) am Dienstag, 08.12.2026 "
        f"um 09:30 Uhr ist vorgemerkt. {CONFIRM_BY_NAME}"
    )
    assert CONFIRM_BY_NAME not in texts.confirmation(FACTS, pending=False)


def test_staff_is_named() -> None:
    assert texts.confirmation(WITH_STAFF, pending=False) == (
        "Praxis Dr. Weber: Ihr Termin (Kontrolluntersuchung) bei Dr. Müller am Dienstag, "
        "08.12.2026 um 09:30 Uhr ist gebucht."
    )


def test_moved_names_the_new_time() -> None:
    assert texts.moved(FACTS) == (
        "Praxis Dr. Weber: Ihr Termin (Kontrolluntersuchung) wurde auf Dienstag, 08.12.2026 "
        "um 09:30 Uhr verschoben."
    )


def test_cancelled() -> None:
    body = texts.cancelled(FACTS)
    assert "am Dienstag, 08.12.2026 um 09:30 Uhr wurde abgesagt." in body


def test_reminder_tells_how_to_cancel() -> None:
    assert texts.reminder(FACTS) == (
        "Praxis Dr. Weber: Wir erinnern Sie an Ihren Termin (Kontrolluntersuchung) am Dienstag, "
        f"08.12.2026 um 09:30 Uhr. Können Sie nicht kommen? {CANCEL_BY_REPLY}"
    )


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (date(2026, 12, 7), "morgen, Dienstag, 08.12.2026 um 09:30 Uhr"),
        (date(2026, 12, 8), "heute, Dienstag, 08.12.2026 um 09:30 Uhr"),
        (date(2026, 12, 5), "am Dienstag, 08.12.2026 um 09:30 Uhr"),
        (None, "am Dienstag, 08.12.2026 um 09:30 Uhr"),
    ],
)
def test_reminder_says_tomorrow_only_when_true(today: date | None, words: str) -> None:
    assert words in texts.reminder(FACTS, today=today)


def test_replies() -> None:
    assert "ist bestätigt" in texts.reply_confirmed(FACTS)
    assert "ist abgesagt" in texts.reply_cancelled(FACTS)
    assert "keine SMS mehr" in texts.reply_opted_out()
    assert "Namen erhalten" in texts.reply_name_thanks(None)
    assert "Dienstag, 08.12.2026 um 09:30 Uhr" in texts.reply_name_thanks(FACTS)
    assert "meldet sich bei Ihnen" in texts.reply_not_understood()
    assert "keinen offenen Termin" in texts.reply_nothing_open()


@pytest.mark.parametrize("day", range(7, 14))
def test_weekdays_in_german(day: int) -> None:
    names = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
    start = datetime(2026, 12, day, 7, 5, tzinfo=BERLIN)
    body = texts.confirmation(AppointmentFacts("P", "S", start), pending=False)
    assert f"am {names[start.weekday()]}, {day:02d}.12.2026 um 07:05 Uhr" in body


def test_every_fixed_body_is_polite_gsm7_german() -> None:
    bodies = [render(WITH_STAFF) for render in WITH_FACTS.values()]
    bodies += [render() for render in WITHOUT_FACTS.values()]
    for body in bodies:
        assert count_segments(body).encoding == "GSM-7", body
        assert fits(body), body
        assert " du " not in f" {body.lower()} ", body
        assert " Sie " in f" {body} " or "Ihr" in body, body


def test_typographic_characters_in_names_keep_gsm7() -> None:
    facts = AppointmentFacts(
        practice="„Zahnärzte am Markt“ – Dr. Şahin & Łukasz",
        service="Prophylaxe … “Plus”",
        start_local=FACTS.start_local,
    )
    body = texts.confirmation(facts, pending=False)
    assert count_segments(body).encoding == "GSM-7"
    assert body.startswith('"Zahnärzte am Markt" - Dr. Sahin & Lukasz: Ihr Termin (Prophylaxe')


def test_long_names_are_shortened_not_the_facts() -> None:
    facts = AppointmentFacts(
        practice="Überörtliche Berufsausübungsgemeinschaft " * 3,
        service="Professionelle Zahnreinigung mit ausführlicher Beratung " * 2,
        start_local=FACTS.start_local,
        staff="Dr. med. dent. Maximiliane von Hohenzollern-Sigmaringen",
    )
    body = texts.confirmation(facts, pending=True)
    assert fits(body)
    assert count_segments(body).encoding == "GSM-7"
    assert "..." in body
    assert body.endswith(f"am Dienstag, 08.12.2026 um 09:30 Uhr ist vorgemerkt. {CONFIRM_BY_NAME}")


def test_names_without_gsm7_form_are_kept_when_they_fit() -> None:
    facts = AppointmentFacts("Клиника", "Приём", FACTS.start_local)
    body = texts.confirmation(facts, pending=False)
    assert body.startswith("Клиника: Ihr Termin (Приём) am")
    assert fits(body)


def test_names_without_gsm7_form_give_way_to_the_instruction() -> None:
    facts = AppointmentFacts("Клиника Здоровье", "Приём у врача", FACTS.start_local)
    body = texts.confirmation(facts, pending=True)
    assert fits(body)
    assert body.endswith(CONFIRM_BY_NAME)


def test_start_must_be_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        AppointmentFacts("P", "S", datetime(2026, 12, 8, 9, 30))


NAMES = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcXYZ äöüßÄÖÜé.-&()/€{}[]^|~\\\n\t„“”–…Şçł"),
        st.characters(codec="utf-8"),
    ),
    max_size=120,
)
STARTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(BERLIN)
)


@settings(max_examples=150, deadline=None)
@given(practice=NAMES, service=NAMES, staff=st.none() | NAMES, start=STARTS)
def test_every_body_fits_and_keeps_date_and_time(
    practice: str, service: str, staff: str | None, start: datetime
) -> None:
    facts = AppointmentFacts(practice, service, start, staff)
    date_text = f"{start.day:02d}.{start.month:02d}.{start.year}"
    time_text = f"{start.hour:02d}:{start.minute:02d} Uhr"
    for name, render in WITH_FACTS.items():
        body = render(facts)
        assert fits(body), (name, body, count_segments(body))
        assert date_text in body, (name, body)
        assert time_text in body, (name, body)
    assert texts.confirmation(facts, pending=True).endswith(CONFIRM_BY_NAME)
    assert texts.reminder(facts).endswith(CANCEL_BY_REPLY)


@settings(max_examples=100, deadline=None)
@given(
    practice=st.text(alphabet="abcdefg äöü.-", min_size=1, max_size=120),
    service=st.text(alphabet="abcdefg äöü.-", min_size=1, max_size=120),
    start=STARTS,
)
def test_plain_names_stay_gsm7_and_shorten_only_when_needed(
    practice: str, service: str, start: datetime
) -> None:
    facts = AppointmentFacts(practice, service, start)
    for render in WITH_FACTS.values():
        body = render(facts)
        assert count_segments(body).encoding == "GSM-7"
        if "..." not in body:
            assert " ".join(practice.split()) in body
            assert " ".join(service.split()) in body
