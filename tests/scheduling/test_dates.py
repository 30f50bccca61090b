"""German date and time understanding: one test group per convention of the shared README."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.scheduling.dates import DateWish, parse_wish, parse_wish_parts

WED = datetime.fromisoformat("2026-11-25T10:15:00+01:00")  # a Wednesday
SUN = datetime.fromisoformat("2026-03-29T10:00:00+02:00")  # DST starts
DST_END_FIRST = datetime.fromisoformat("2026-10-25T02:30:00+02:00")  # DST ends, first 02:30
DST_END_SECOND = datetime.fromisoformat("2026-10-25T02:30:00+01:00")  # the repeated 02:30
AFTER_MIDNIGHT = datetime.fromisoformat("2026-01-13T00:20:00+01:00")  # a Tuesday
NEW_YEARS_EVE = datetime.fromisoformat("2026-12-31T23:40:00+01:00")  # a Thursday
FRI = datetime.fromisoformat("2026-06-12T14:00:00+02:00")


def days(wish: DateWish) -> tuple[date | None, date | None]:
    return wish.date_from, wish.date_to


def d(text: str) -> date:
    return date.fromisoformat(text)


def one(text: str) -> tuple[date, date]:
    return d(text), d(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heute", one("2026-11-25")),
        ("Morgen.", one("2026-11-26")),
        ("übermorgen", one("2026-11-27")),
        ("in vier Tagen", one("2026-11-29")),
        ("in einer Woche", one("2026-12-02")),
        ("heute in einer Woche", one("2026-12-02")),
        ("in 14 Tagen", one("2026-12-09")),
        ("in drei Wochen", one("2026-12-16")),
        ("noch heute", one("2026-11-25")),
    ],
)
def test_relative_days(text: str, expected: tuple[date, date]) -> None:
    assert days(parse_wish(text, WED)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Montag", "2026-11-30"),
        ("am Mittwoch", "2026-12-02"),  # same weekday as today: a week later
        ("diesen Freitag", "2026-11-27"),
        ("nächsten Donnerstag", "2026-11-26"),
        ("am kommenden Montag", "2026-11-30"),
        ("Montags", "2026-11-30"),
    ],
)
def test_bare_weekdays(text: str, expected: str) -> None:
    assert days(parse_wish(text, WED)) == one(expected)


def test_next_monday_said_on_sunday_is_tomorrow() -> None:
    assert days(parse_wish("nächsten Montag", SUN)) == one("2026-03-30")


@pytest.mark.parametrize(
    "text",
    [
        "nächste Woche Dienstag",
        "Dienstag nächste Woche",
        "Dienstag in der nächsten Woche",
        "am Dienstag nächster Woche",
        "in der kommenden Woche am Dienstag",
        "kommende Woche Dienstag",
    ],
)
def test_weekday_of_next_week(text: str) -> None:
    assert days(parse_wish(text, WED)) == one("2026-12-01")


@pytest.mark.parametrize(
    "text",
    ["übernächste Woche Freitag", "Freitag übernächste Woche", "am Freitag übernächster Woche"],
)
def test_weekday_of_week_after_next(text: str) -> None:
    assert days(parse_wish(text, WED)) == one("2026-12-11")


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("nächste Woche", WED, ("2026-11-30", "2026-12-06")),
        ("im Laufe der nächsten Woche", WED, ("2026-11-30", "2026-12-06")),
        ("übernächste Woche", WED, ("2026-12-07", "2026-12-13")),
        ("noch diese Woche", WED, ("2026-11-25", "2026-11-29")),
        ("diese Woche noch", SUN, ("2026-03-29", "2026-03-29")),
        ("Anfang nächster Woche", WED, ("2026-11-30", "2026-12-01")),
        ("Mitte der kommenden Woche", WED, ("2026-12-01", "2026-12-03")),
        ("Ende übernächster Woche", WED, ("2026-12-10", "2026-12-11")),
        ("Ende der Woche", WED, ("2026-11-26", "2026-11-27")),
        ("Ende dieser Woche", FRI, ("2026-06-12", "2026-06-12")),
        ("am Wochenende", WED, ("2026-11-28", "2026-11-29")),
        ("am kommenden Wochenende", SUN, ("2026-04-04", "2026-04-05")),
    ],
)
def test_weeks_and_parts_of_weeks(text: str, now: datetime, expected: tuple[str, str]) -> None:
    assert days(parse_wish(text, now)) == (d(expected[0]), d(expected[1]))


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("am 5.", WED, "2026-12-05"),
        ("am fünften", WED, "2026-12-05"),
        ("der Fünfte", WED, "2026-12-05"),
        ("am 25.", WED, "2026-11-25"),  # today itself
        ("am 30.", datetime.fromisoformat("2026-01-31T11:00:00+01:00"), "2026-03-30"),
        ("am 5. nächsten Monats", WED, "2026-12-05"),
        ("am siebenundzwanzigsten", WED, "2026-11-27"),
    ],
)
def test_day_of_month(text: str, now: datetime, expected: str) -> None:
    assert days(parse_wish(text, now)) == one(expected)


def test_ordinal_that_is_not_a_day() -> None:
    assert days(parse_wish("den ersten freien Termin bitte", WED)) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.12.", "2026-12-05"),
        ("05.12.", "2026-12-05"),
        ("am 5. Dezember", "2026-12-05"),
        ("fünfter Dezember", "2026-12-05"),
        ("am fünften Zwölften", "2026-12-05"),
        ("5.12.2026", "2026-12-05"),
        ("am 5. Dezember zweitausendsechsundzwanzig", "2026-12-05"),
        ("2026-12-05", "2026-12-05"),
        ("am 20. Oktober", "2027-10-20"),  # 36 days ago: next year, no question
        ("Donnerstag, den 3. Dezember", "2026-12-03"),
        ("am Freitag, dem 27.", "2026-11-27"),
    ],
)
def test_explicit_dates(text: str, expected: str) -> None:
    wish = parse_wish(text, WED)
    assert days(wish) == one(expected)
    assert not wish.ask


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("im Dezember", WED, ("2026-12-01", "2026-12-31")),
        ("irgendwann im Januar", WED, ("2027-01-01", "2027-01-31")),
        ("Anfang Dezember", WED, ("2026-12-01", "2026-12-10")),
        ("Mitte Dezember", WED, ("2026-12-11", "2026-12-20")),
        ("gegen Ende Dezember", WED, ("2026-12-21", "2026-12-31")),
        ("Ende November", WED, ("2026-11-25", "2026-11-30")),  # clipped to today
        ("im Oktober", WED, ("2027-10-01", "2027-10-31")),
        ("nächsten Monat", WED, ("2026-12-01", "2026-12-31")),
        ("Ende des nächsten Monats", NEW_YEARS_EVE, ("2027-01-21", "2027-01-31")),
    ],
)
def test_months(text: str, now: datetime, expected: tuple[str, str]) -> None:
    assert days(parse_wish(text, now)) == (d(expected[0]), d(expected[1]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("um 14 Uhr", "14:00"),
        ("14:30", "14:30"),
        ("14 Uhr 30", "14:30"),
        ("vierzehn Uhr dreißig", "14:30"),
        ("um zwei", "14:00"),
        ("um 9", "09:00"),
        ("Punkt zehn", "10:00"),
        ("um sechs Uhr fünfzehn", "18:15"),
        ("um zwölf", "12:00"),
        ("um 0 Uhr 30", "00:30"),
        ("um Mitternacht", "00:00"),
    ],
)
def test_clock_times(text: str, expected: str) -> None:
    wish = parse_wish(text, WED)
    assert wish.time == time.fromisoformat(expected)
    assert days(wish) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("halb drei", "14:30"),
        ("viertel nach neun", "09:15"),
        ("viertel vor zehn", "09:45"),
        ("dreiviertel zehn", "09:45"),
        ("viertel zehn", "09:15"),
        ("zehn vor vier", "15:50"),
        ("zwanzig nach vier", "16:20"),
        ("fünf nach halb drei", "14:35"),
        ("fünf vor halb drei", "14:25"),
        ("halb eins", "12:30"),
        ("um halb acht", "07:30"),
        ("halb sieben", "18:30"),
        ("gegen zehn", "10:00"),
        ("so um zehn", "10:00"),
        ("ungefähr um zehn", "10:00"),
    ],
)
def test_colloquial_times(text: str, expected: str) -> None:
    wish = parse_wish(text, WED)
    assert (wish.time, wish.daypart) == (time.fromisoformat(expected), None)


@pytest.mark.parametrize(
    ("text", "expected", "daypart"),
    [
        ("morgens um sechs", "06:00", "morning"),
        ("um 9 Uhr früh", "09:00", "morning"),
        ("mittags um eins", "13:00", "midday"),
        ("um zwölf Uhr mittags", "12:00", "midday"),
        ("nachmittags um vier", "16:00", "afternoon"),
        ("um 8 Uhr abends", "20:00", "evening"),
        ("abends um elf", "23:00", "evening"),
        ("nachts um drei", "03:00", None),
        ("um zwölf Uhr nachts", "00:00", None),
        ("um elf Uhr nachts", "23:00", None),
        ("nachts um halb eins", "00:30", None),
        ("um 16 Uhr", "16:00", None),
    ],
)
def test_daypart_decides_the_hour(text: str, expected: str, daypart: str | None) -> None:
    wish = parse_wish(text, WED)
    assert (wish.time, wish.daypart) == (time.fromisoformat(expected), daypart)


@pytest.mark.parametrize(
    ("text", "day", "daypart"),
    [
        ("vormittags", None, "morning"),
        ("in der Früh", None, "morning"),
        ("über Mittag", None, "midday"),
        ("in der Mittagspause", None, "midday"),
        ("am späten Nachmittag", None, "afternoon"),
        ("nach Feierabend", None, "evening"),
        ("morgen früh", "2026-11-26", "morning"),
        ("Morgen früh", "2026-11-26", "morning"),
        ("heute Morgen", "2026-11-25", "morning"),
        ("heute morgen", "2026-11-25", "morning"),
        ("heute Abend", "2026-11-25", "evening"),
        ("Donnerstagabend", "2026-11-26", "evening"),
        ("am Dienstagvormittag", "2026-12-01", "morning"),
        ("Freitag früh", "2026-11-27", "morning"),
        ("Guten Morgen, morgen bitte", "2026-11-26", None),
        ("so früh wie möglich", None, None),
    ],
)
def test_dayparts(text: str, day: str | None, daypart: str | None) -> None:
    wish = parse_wish(text, WED)
    assert wish.daypart == daypart
    assert wish.date_from == (d(day) if day else None)


def test_week_with_daypart() -> None:
    wish = parse_wish("nächste Woche vormittags", WED)
    assert (days(wish), wish.daypart) == ((d("2026-11-30"), d("2026-12-06")), "morning")


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("am 20. November", WED),  # 5 days ago
        ("am 28. Dezember", datetime.fromisoformat("2027-01-05T09:00:00+01:00")),
        ("am 22.2.2025", WED),
        ("am 1. November 2026", WED),
        ("am 30. Februar", WED),
        ("am 31.11.", WED),
        ("am 31. April", WED),
        ("Montag, der 3. Dezember", WED),
        ("Den 3. Dezember, das ist doch ein Montag, oder?", WED),
        ("Samstag, der 27.", WED),
    ],
)
def test_questions_instead_of_guesses(text: str, now: datetime) -> None:
    wish = parse_wish(text, now)
    assert wish.ask
    assert days(wish) == (None, None)
    assert wish.question and wish.question.endswith("?")


def test_question_keeps_time_and_wording() -> None:
    wish = parse_wish("am 31.11. um 10 Uhr", WED)
    assert (wish.ask, wish.time) == (True, time(10, 0))
    assert wish.question == "Der 31. November existiert nicht – welchen Tag meinen Sie?"
    inconsistent = parse_wish("Montag, der 3. Dezember", WED)
    assert inconsistent.question == (
        "Der 3. Dezember ist ein Donnerstag, kein Montag. Welchen Tag meinen Sie?"
    )
    past = parse_wish("am 20. November", WED)
    assert past.question == (
        "Der 20. November liegt schon hinter uns. Meinen Sie einen Tag in der Zukunft?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "egal wann",
        "irgendwann",
        "so bald wie möglich",
        "Ich weiß noch nicht.",
        "den nächsten freien Termin",
        "Wann es Ihnen passt.",
    ],
)
def test_nothing_said(text: str) -> None:
    assert parse_wish(text, WED) == DateWish(None, None, None, None, False, None)


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("am Dienstag, äh nein, am Mittwoch", "2026-12-02", None),
        ("um zehn, nee, um elf", None, "11:00"),
        ("Nicht morgen, sondern übermorgen.", "2026-11-27", None),
        ("Ich war vor zwei Wochen da, geht Freitag?", "2026-11-27", None),
        ("Ich hab letzten Montag angerufen, geht übermorgen?", "2026-11-27", None),
        ("Ich würde gern zu Frau Montag, am Dienstag.", "2026-12-01", None),
        ("Herrn Freitag hätte ich gern, um zehn.", None, "10:00"),
        ("Meine Tochter ist sieben, geht es am Samstag?", "2026-11-28", None),
        ("Wir sind zwei Personen, seit drei Tagen Schmerzen, um vier?", None, "16:00"),
        ("Ich habe den Termin vom 3. verpasst, geht der 10.?", "2026-12-10", None),
        ("Kundennummer 4711, morgen um 9 bitte", "2026-11-26", "09:00"),
        ("Können wir den Termin vom Montag auf Donnerstag verschieben?", "2026-11-26", None),
        ("Guten Abend, Mahlzeit, am besten gleich morgen", "2026-11-26", None),
    ],
)
def test_noisy_utterances(text: str, day: str | None, clock: str | None) -> None:
    wish = parse_wish(text, WED)
    assert wish.date_from == (d(day) if day else None)
    assert wish.time == (time.fromisoformat(clock) if clock else None)
    assert not wish.ask


def test_conflicting_days_ask() -> None:
    assert parse_wish("Montag oder Dienstag", WED).ask


class TestDaylightSavingAndMidnight:
    def test_dst_start_sunday(self) -> None:
        assert days(parse_wish("morgen", SUN)) == one("2026-03-30")
        assert days(parse_wish("nächste Woche", SUN)) == (d("2026-03-30"), d("2026-04-05"))
        assert days(parse_wish("Mittwochnachmittag", SUN)) == one("2026-04-01")

    @pytest.mark.parametrize("now", [DST_END_FIRST, DST_END_SECOND])
    def test_repeated_hour_uses_wall_date(self, now: datetime) -> None:
        assert days(parse_wish("Morgen.", now)) == one("2026-10-26")
        assert days(parse_wish("heute", now)) == one("2026-10-25")
        assert days(parse_wish("Sonntag", now)) == one("2026-11-01")

    def test_after_midnight_today_is_the_written_date(self) -> None:
        # 00:20 CET is still the previous day in UTC; "morgen" follows the wall date.
        assert days(parse_wish("morgen", AFTER_MIDNIGHT)) == one("2026-01-14")
        assert days(parse_wish("heute Abend", AFTER_MIDNIGHT)) == one("2026-01-13")

    def test_turn_of_the_year(self) -> None:
        assert days(parse_wish("morgen", NEW_YEARS_EVE)) == one("2027-01-01")
        assert days(parse_wish("am 5.1.", NEW_YEARS_EVE)) == one("2027-01-05")
        assert days(parse_wish("nächste Woche", NEW_YEARS_EVE)) == (
            d("2027-01-04"),
            d("2027-01-10"),
        )
        assert days(parse_wish("Mitte Januar", NEW_YEARS_EVE)) == (
            d("2027-01-11"),
            d("2027-01-20"),
        )
        new_year = datetime.fromisoformat("2027-01-01T00:15:00+01:00")
        assert parse_wish("am 30.12.", new_year).ask
        assert parse_wish("am 28.12.2026", new_year).ask


class TestParts:
    def test_date_and_time_words_combine(self) -> None:
        wish = parse_wish_parts("nächste Woche Dienstag", "vormittags", WED)
        assert (days(wish), wish.daypart) == (one("2026-12-01"), "morning")

    def test_daypart_in_date_words_sets_the_hour(self) -> None:
        wish = parse_wish_parts("morgen abend", "um sieben", WED)
        assert (wish.date_from, wish.time, wish.daypart) == (
            d("2026-11-26"),
            time(19, 0),
            "evening",
        )

    def test_ask_in_either_part(self) -> None:
        wish = parse_wish_parts("am 31.11.", "um 10 Uhr", WED)
        assert wish.ask and wish.time == time(10, 0) and wish.date_from is None

    def test_missing_parts(self) -> None:
        assert parse_wish_parts(None, None, WED) == DateWish(None, None, None, None, False, None)
        assert parse_wish_parts(None, "morgen um 9", WED).date_from == d("2026-11-26")
