"""The scored decision: lower-case speech, lexical priors, order, diacritics, evidence."""

from __future__ import annotations

import pytest

from frontdesk.names import decision
from frontdesk.names.batch import extract_record
from frontdesk.names.spelling import resolve_spelling
from frontdesk.names.truecase import truecase
from tests.names.test_extraction import call, names


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ja hallo hier ist sabine krüger ich bräuchte einen termin", "Sabine Krüger"),
        ("ja lehmann hier ick hätt gern n termin", "Lehmann"),
        ("guten tag mein name ist müller lüdenscheidt", "Müller Lüdenscheidt"),
    ],
)
def test_lower_case_recognition_still_yields_the_name(line: str, expected: str) -> None:
    assert names(call(f"U: {line}")) == (expected, None)


def test_truecase_leaves_verbs_and_closed_words_alone() -> None:
    assert truecase("ich nehme das jetzt mal so") == "ich nehme das jetzt mal so"
    assert truecase("Schon Großgeschrieben") == "Schon Großgeschrieben"
    assert truecase("freitag mein name") == "Freitag mein Name"


@pytest.mark.parametrize(
    "line",
    [
        "Scheiße, entschuldigen Sie, ich hab den Termin vergessen.",
        "Ja, Mahlzeit hier, ich wollte nur fragen, ob Sie offen haben.",
        "Herrje, ich brauch einen Termin.",
        "Ich nehme seit einer Woche Ibuprofen, hilft aber nicht.",
    ],
)
def test_curses_greetings_and_drugs_are_no_names(line: str) -> None:
    assert names(call(f"U: {line}", "A: Gerne.", "U: Danke, tschüss.")) == (None, None)


def test_surname_first_answer_is_turned_around() -> None:
    turns = call("U: Ich hätte gern einen Termin.", "A: Wie ist Ihr Name?", "U: meier corinne")
    assert names(turns) == ("Corinne Meier", None)


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("j wie julius o mit zwei punkten c wie cäsar k wie kaufmann e wie emil l", "Jöckel"),
        ("k o v a c mit strich oben", "Kovać"),
        ("s c h o umlaut t t l", "Schöttl"),
    ],
)
def test_spelled_diacritics(spoken: str, expected: str) -> None:
    assert resolve_spelling(spoken) == expected


def test_explain_lists_every_candidate_with_its_evidence() -> None:
    record = {
        "id": "x",
        "agent_names": ["Anna"],
        "transcript_object": [
            {"role": "agent", "content": "Praxis Sonnenschein, hier ist Anna."},
            {"role": "user", "content": "Guten Tag, mein Name ist Petra Lang."},
        ],
        "custom_analysis_data": {"caller_full_name": "Anna"},
    }
    row = extract_record(record, explain=True)
    assert row["caller_name"] == "Petra Lang"
    chosen = row["candidates"][0]
    assert chosen["name"] == "Petra Lang" and chosen["role"] == "caller"
    assert set(chosen["evidence"]) == set(decision.FEATURES)
    assert 0.0 < chosen["confidence"] <= 1.0 and chosen["notes"]
    assert "candidates" not in extract_record(record)


def test_below_the_threshold_the_answer_is_no_name() -> None:
    weak = decision.Candidate(
        "Olaplex", "caller", "transcript", {"cue": 0.0, "lexical": 0.5, "sources": 1.0}
    )
    assert decision.decide(weak) is None
    assert any("abstained" in note for note in weak.notes)
    strong = decision.Candidate(
        "Petra Lang",
        "caller",
        "transcript",
        {"cue": 0.92, "lexical": 0.9, "sources": 2.0, "full": 1.0, "mentions": 1.0},
    )
    decided = decision.decide(strong)
    assert decided is strong and strong.confidence >= decision.model().threshold("caller")


def test_calibration_was_fitted_without_the_sealed_part() -> None:
    assert "sealed" not in decision.model().fitted_on
    assert set(decision.model().thresholds) == {"caller", "patient"}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The patient named first, the caller's own name when asked.
        (
            (
                "U: Ja hallo, es geht um die Ella, Ella Hoffmann, die braucht die U8.",
                "A: Und Sie sind?",
                "U: Der Papa. Jens Hoffmann.",
                "A: Danke, Herr Hoffmann.",
            ),
            ("Jens Hoffmann", "Ella Hoffmann"),
        ),
        # A relative named, then the caller describes themself by the relation.
        (
            (
                "U: Grüß Gott, ich ruf an für meinen Vater, den Herrn Josef Bichlmaier.",
                "A: Und mit wem spreche ich?",
                "U: Mit seiner Tochter, Gabriele Hirschberger.",
            ),
            ("Gabriele Hirschberger", "Josef Bichlmaier"),
        ),
        # Two names in one answer: the caller's introduction tells them apart.
        (
            (
                "U: Ich möchte für meine Frau einen Termin machen.",
                "A: Auf welchen Namen soll ich ihn eintragen?",
                "U: Claudia Beck, und ich bin der Werner Beck, ich zahle.",
            ),
            ("Werner Beck", "Claudia Beck"),
        ),
    ],
)
def test_caller_and_patient_told_apart(lines: tuple[str, ...], expected: tuple[str, str]) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("U: Hallo, hier is der Schulte, Bernd Schulte aus Wattenscheid.",), "Bernd Schulte"),
        (("U: ja montag hier helmut montag i bräucht an termin am montag",), "Helmut Montag"),
        (("U: Hi, ich bin die Chiara, ich war schon öfter bei euch.",), "Chiara"),
        (
            (
                "U: Ich hätte gern einen Termin.",
                "A: Gern, am Dienstag um zehn?",
                "U: Ach ja, ich wollte ja noch meinen Namen sagen! Carstensen. Merle Carstensen.",
            ),
            "Merle Carstensen",
        ),
        (
            ("U: Jetzt Dreier, Sandra Dreier. Früher hieß ich Pohlmann.", "A: Danke, Frau Dreier."),
            "Sandra Dreier",
        ),
    ],
)
def test_introductions_in_many_forms(lines: tuple[str, ...], expected: str) -> None:
    assert names(call(*lines))[0] == expected


def test_read_back_confirmed_by_the_caller_wins() -> None:
    turns = call(
        "U: Ich bräuchte einen Termin zum Waxing.",
        "A: Gern. Wie ist Ihr Name?",
        "U: mei name is ähm kathi pichl maier",
        "A: Pichlmaier in einem Wort, mit a-i?",
        "U: ja genau in einem wort pichlmaier",
    )
    assert names(turns)[0] == "Kathi Pichlmaier"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Gerber Hofstetter ist ein Doppelname mit Bindestrich.", "Simone Gerber-Hofstetter"),
        ("Huber, Bindestrich, Mittermaier.", "Simone Huber-Mittermaier"),
    ],
)
def test_double_surnames_get_their_hyphen(line: str, expected: str) -> None:
    first, second = expected.split()[1].split("-")
    turns = call(
        "A: Mit wem spreche ich?",
        f"U: Simone {first} {second}.",
        "A: Wie bitte?",
        f"U: {line}",
        f"A: Danke, Frau {first}-{second}.",
    )
    assert names(turns)[0] == expected


@pytest.mark.parametrize(
    "name", ["Hausarztpraxis Feddersen", "Brillenhaus Kröber", "Schreinerei Haslbeck"]
)
def test_businesses_are_no_names(name: str) -> None:
    from frontdesk.names.validator import validate_name

    assert not validate_name(name).ok


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        ("Đ, also D mit Strich, dann O, R, D mit Strich, E, V, I, C mit Strich oben", "Đorđević"),
        (
            "S mit Komma unten, also wie Sch, T, E, F, A mit kleinem Bogen, N, E, S, C, U",
            "Ștefănescu",
        ),
        ("P-E-T-R-O-V-I-C, und das C am Ende mit Häkchen", "Petrovič"),
        ("k i e und dann des eszett l i n g", "Kießling"),
    ],
)
def test_spelling_with_explanations(spoken: str, expected: str) -> None:
    assert resolve_spelling(spoken) == expected


def test_a_callers_first_name_and_surname_said_apart_are_one_person() -> None:
    record = {
        "id": "x",
        "agent_names": ["Anna"],
        "transcript_object": [
            {"role": "agent", "content": "Praxis Sonnenschein, hier ist Anna."},
            {"role": "user", "content": "Hallo, hier ist Jonte, ich brauche einen Termin."},
            {"role": "agent", "content": "Gern. Und Ihr Nachname?"},
            {"role": "user", "content": "Carstensen."},
        ],
    }
    chosen = extract_record(record, explain=True)["candidates"][0]
    assert chosen["name"] == "Jonte Carstensen" and chosen["evidence"]["persons"] == 1.0


def test_the_order_transcript_and_analysis_share_stands() -> None:
    record = {
        "id": "x",
        "agent_names": ["Anna"],
        "transcript_object": [
            {"role": "agent", "content": "Augenarztpraxis, guten Tag, hier ist Anna."},
            {
                "role": "user",
                "content": "Guten Tag. Kim Seo-yeon. Kim ist der Familienname, Seo-yeon der "
                "Vorname. Ich brauche eine Untersuchung.",
            },
            {"role": "agent", "content": "Danke, Frau Kim. Dienstag um 13 Uhr?"},
        ],
        "custom_analysis_data": {"caller_full_name": "Seo-yeon Kim"},
    }
    assert extract_record(record)["caller_name"] == "Seo-Yeon Kim"


def test_the_analysis_naming_the_booked_relative_as_caller_is_not_used() -> None:
    record = {
        "id": "x",
        "agent_names": ["Anna"],
        "transcript_object": [
            {"role": "agent", "content": "Augenarztpraxis, guten Tag, hier ist Anna."},
            {"role": "user", "content": "jo hallo ich ruf für minge papa an der sieht schlecht"},
            {"role": "agent", "content": "Gerne. Wie heißt Ihr Vater denn?"},
            {
                "role": "user",
                "content": "heinz peter wollersheim also heinz peter mit bindestrich der war "
                "schon mal da",
            },
            {
                "role": "agent",
                "content": "Ich habe Herrn Heinz-Peter Wollersheim gefunden. Mittwoch?",
            },
        ],
        "custom_analysis_data": {"caller_full_name": "Heinz-Peter Wollersheim"},
    }
    row = extract_record(record)
    assert (row["caller_name"], row["patient_name"]) == (None, "Heinz-Peter Wollersheim")
