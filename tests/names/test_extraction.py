"""Caller and patient names from turns, analysis cross-checks and precedence."""

from __future__ import annotations

import pytest

from frontdesk.names.extraction import Turn, extract_names
from frontdesk.names.mentions import classify_ask
from frontdesk.names.spelling import spelled_names

AGENTS = ("Anna",)
STAFF = ("Dr. Martin Lindner", "Frau Petersen")
GREETING = "Hausarztpraxis Dr. Lindner, guten Tag, hier ist Anna. Wie kann ich Ihnen helfen?"


def call(*lines: str) -> list[Turn]:
    turns = [Turn("agent", GREETING)]
    for line in lines:
        role, _, text = line.partition(": ")
        turns.append(Turn("agent" if role == "A" else "user", text))
    return turns


def names(turns: list[Turn], **kwargs: object) -> tuple[str | None, str | None]:
    result = extract_names(turns, agent_names=AGENTS, staff_names=STAFF, **kwargs)  # type: ignore[arg-type]
    return result.caller_name, result.patient_name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Guten Tag, mein Name ist Katrin Becker.", "Katrin Becker"),
        ("Hallo, hier ist Jonas Richter.", "Jonas Richter"),
        ("Ja, hallo, Neubauer am Apparat.", "Neubauer"),
        ("Hallo, ich heiße Melanie Lorenz und war noch nie hier.", "Melanie Lorenz"),
        ("Guten Tag, Sie sprechen mit Stefan Peters.", "Stefan Peters"),
        ("Ja, Schulz hier, guten Morgen.", "Schulz"),
        ("Ja, guten Tag, Stein mein Name, Jürgen Stein.", "Jürgen Stein"),
        ("Guten Tag, hier spricht Dr. Kessler vom Klinikum.", "Kessler"),
        ("Hallo, hier ist die Jana!", "Jana"),
    ],
)
def test_self_introductions(line: str, expected: str) -> None:
    assert names(call(f"U: {line}")) == (expected, None)


def test_answer_to_the_name_question_and_turn_index() -> None:
    turns = call(
        "U: Hallo, ich bräuchte einen Termin.",
        "A: Gerne. Wie ist Ihr Name?",
        "U: Seidel. Michael Seidel.",
    )
    result = extract_names(turns, agent_names=AGENTS, staff_names=STAFF)
    assert (result.caller_name, result.caller_turn_index, result.caller_source) == (
        "Michael Seidel",
        3,
        "transcript",
    )


def test_spelled_and_corrected_across_turns() -> None:
    turns = call(
        "U: Hallo, ich hätte gern einen Termin.",
        "A: Wie ist Ihr Name?",
        "U: Huber.",
        "A: Hubert?",
        "U: Nein, Huber. H wie Heinrich, U wie Ulrich, B wie Berta, E wie Emil, R wie Richard.",
        "A: Und Ihr Vorname?",
        "U: Sebastian.",
    )
    assert names(turns) == ("Sebastian Huber", None)
    turns = call(
        "U: Hallo.",
        "A: Wie ist Ihr Name?",
        "U: Mayer, Birgit Mayer.",
        "A: Frau Maier, mit a-i?",
        "U: Nein, Mayer mit a y. M, A, Y, E, R.",
    )
    assert names(turns) == ("Birgit Mayer", None)


def test_surname_first_and_explicit_parts() -> None:
    turns = call("U: Hallo, hier ist Tran Minh. Also, Tran ist der Nachname, Minh der Vorname.")
    assert names(turns) == ("Minh Tran", None)


def test_name_given_late() -> None:
    turns = call(
        "U: Guten Tag, meine Nachbarin, Frau Jansen, hat Sie empfohlen.",
        "A: Schön. Was kann ich tun?",
        "U: Ich brauche ein Rezept.",
        "A: Dann brauche ich noch Ihren Namen.",
        "U: Natürlich: Nowak, Wolfgang Nowak.",
    )
    assert names(turns) == ("Wolfgang Nowak", None)


@pytest.mark.parametrize(
    "lines",
    [
        (
            "U: Ja, guten Tag. Ich hätte gern Termin für eine Beratung gebucht.",
            "A: Darf ich dafür Ihren Namen haben?",
            "A: Hallo? Sind Sie noch da?",
        ),
        (
            "U: Hallo, mir ist schwindelig.",
            "A: Darf ich Ihren Namen haben?",
            "U: Ich bin gerade unterwegs, ich ruf gleich nochmal an.",
        ),
        (
            "U: Hallo, ich brauche einen Termin.",
            "A: Wie ist Ihr Name?",
            "U: Acht Uhr wär mir am liebsten. Dienstag vielleicht?",
        ),
        (
            "U: Hallo Anna! Ist Dr. Lindner da?",
            "A: Ja. Auf welchen Namen?",
            "U: Das weiß die Frau Petersen schon. Danke, Anna!",
        ),
        ("U: Hallo.", "A: Wie ist denn Ihr Name?", "U: Oh, Moment – nein, Finn, lass das!"),
        ("U: Ich bin Selbstzahler.", "A: Gut."),
    ],
)
def test_no_name(lines: tuple[str, ...]) -> None:
    assert names(call(*lines)) == (None, None)


def test_booking_for_others() -> None:
    turns = call(
        "U: Guten Tag, hier ist Nicole Hahn. Ich bräuchte einen Termin für meinen Sohn.",
        "A: Wie heißt Ihr Sohn?",
        "U: Leon, Leon Hahn, er ist sieben.",
    )
    assert names(turns) == ("Nicole Hahn", "Leon Hahn")
    turns = call(
        "U: Guten Tag, ich rufe für meinen Vater an, Herbert Günther.",
        "A: Sind Sie eine Angehörige?",
        "U: Ja, ich bin die Tochter.",
    )
    assert names(turns) == (None, "Herbert Günther")
    turns = call("U: Hallo, ich möchte meine Tochter anmelden. Sie heißt Elif Kaya.")
    assert names(turns) == (None, "Elif Kaya")
    turns = call(
        "U: Hier ist Monika Arnold vom Pflegedienst. Ich rufe für eine Patientin "
        "von uns an, Frau Gertrud Pohl."
    )
    assert names(turns) == ("Monika Arnold", "Gertrud Pohl")


def test_former_name_is_not_returned() -> None:
    turns = call(
        "U: Hallo, Romano hier.",
        "A: Was kann ich tun?",
        "U: Ich hab geheiratet, früher Costa, jetzt Giulia Romano.",
        "A: Herzlichen Glückwunsch, Frau Romano!",
    )
    assert names(turns) == ("Giulia Romano", None)


def test_analysis_cross_check() -> None:
    turns = call(
        "U: Hallo, ich brauche einen Termin.", "A: Wie ist Ihr Name?", "U: Ernst. Petra Ernst."
    )
    result = extract_names(
        turns, agent_names=AGENTS, staff_names=STAFF, analysis={"caller_full_name": "Petra Ernst"}
    )
    # The transcript names her; the analysis agreeing is one more source for the same name.
    assert (result.caller_name, result.caller_source) == ("Petra Ernst", "transcript")
    assert result.candidates[0]["evidence"]["sources"] >= 2
    # Never said, the agent's name, a greeting, a time, a staff member, the patient.
    for wrong in ("Petra Ernsting", "Anna", "Guten Tag", "Acht Uhr", "Dr. Lindner"):
        got = extract_names(
            turns,
            agent_names=AGENTS,
            staff_names=STAFF,
            analysis={"caller_full_name": wrong, "customer_name": wrong},
        )
        assert got.caller_name == "Petra Ernst"
    turns = call("U: Guten Tag, ich rufe für meinen Vater an, Herbert Günther.")
    assert names(turns, analysis={"caller_full_name": "Herbert Günther"}) == (
        None,
        "Herbert Günther",
    )
    turns = call("U: Oh, hallo Anna! Ich heiße fast wie Sie: Ana Costa.", "A: Frau Costa, gern.")
    assert names(turns, analysis={"caller_full_name": "Anna Costa"}) == ("Ana Costa", None)


def test_precedence() -> None:
    turns = call("U: Hallo, Schulz hier.")
    result = extract_names(
        turns,
        agent_names=AGENTS,
        staff_names=STAFF,
        live_caller_name="Herr Dr. Karl Schulz",
        analysis={"caller_full_name": "Schulz"},
    )
    assert (result.caller_name, result.caller_source) == ("Karl Schulz", "function_call")
    result = extract_names(
        turns, agent_names=AGENTS, staff_names=STAFF, live_caller_name="guten Tag"
    )
    assert (result.caller_name, result.caller_source) == ("Schulz", "transcript")


def test_root_cause_call_835() -> None:
    turns = call(
        "U: Ja, guten Tag. Ich hätte gern Termin für eine Beratung gebucht.",
        "A: Sehr gerne! Darf ich dafür Ihren Namen haben?",
        "A: Hallo? Sind Sie noch da?",
    )
    result = extract_names(
        turns, agent_names=AGENTS, staff_names=STAFF, analysis={"caller_full_name": "Guten Tag"}
    )
    assert (result.caller_name, result.patient_name, result.caller_source) == (None, None, None)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # No cue phrase, lower case: the agent's "Frau Kaya" anchors the caller's words.
        (
            ("U: ja hallo kaya ayşe wegen meiner krone die wackelt", "A: Oh je, Frau Kaya."),
            "Ayşe Kaya",
        ),
        # Bavarian surname-first, taken up by the agent.
        (
            ("U: grüß gott, wimmer sepp, i hätt gern an termin", "A: Grüß Gott, Herr Wimmer."),
            "Sepp Wimmer",
        ),
        # A surname the agent took up from an earlier turn, with no first name beside it.
        (
            (
                "U: guten tag, thalmaier hier",
                "A: Worum geht es?",
                "U: zahnschmerzen",
                "A: Danke, Herr Thalmaier.",
            ),
            "Thalmaier",
        ),
    ],
)
def test_the_agent_addressing_the_caller_anchors_the_name(
    lines: tuple[str, ...], expected: str
) -> None:
    assert names(call(*lines))[0] == expected


@pytest.mark.parametrize(
    "lines",
    [
        # Speaking about someone ("Frau Brandt kann ..."), not to the caller.
        ("U: ich wollte zu frau brandt", "A: Frau Brandt kann Sie morgen um neun behandeln."),
        # A staff member's name is never the caller's.
        ("U: ist frau petersen heute da", "A: Ja, Frau Petersen."),
    ],
)
def test_names_the_agent_merely_mentions_anchor_nothing(lines: tuple[str, ...]) -> None:
    assert names(call(*lines))[0] is None


def test_a_name_the_agent_contradicts_is_not_stored() -> None:
    """The agent, who heard the call, speaks to the caller by another surname than the one
    extracted: one of the two is someone else's, so no name is stored."""
    turns = call(
        "U: Guten Tag, mein Name ist Gisela Brommer, es geht um die Kontrolle.",
        "A: Danke, Frau Lenz. Wann passt es Ihnen?",
    )
    assert names(turns)[0] is None
    agreeing = call(
        "U: Guten Tag, mein Name ist Gisela Brommer, es geht um die Kontrolle.",
        "A: Danke, Frau Brommer. Wann passt es Ihnen?",
    )
    assert names(agreeing)[0] == "Gisela Brommer"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The recogniser split the surname; the agent's form joins it, the first name stays.
        (
            (
                "U: Moin, hier ist Jördis Ham mers, es geht um die Kontrolle.",
                "A: Moin, Frau Hammers.",
            ),
            "Jördis Hammers",
        ),
        # Asked for the surname's spelling, two words are a double surname.
        (
            (
                "U: grüß gott, theresia gruber lanner, i bräucht an termin",
                "A: Wie schreibt man Ihren Nachnamen?",
                "U: gruber lanner mit bindestrich, lanner mit zwei n",
                "A: Danke, Frau Gruber-Lanner.",
            ),
            "Theresia Gruber-Lanner",
        ),
        # One word of the name spelled only confirms it; the first name stays.
        (
            (
                "U: Hier ist Wiebke Sönnichsen.",
                "A: Sönnichsen mit ö?",
                "U: Ja, S, ö, n, n, i, c, h, s, e, n.",
            ),
            "Wiebke Sönnichsen",
        ),
        # A dialect contraction before the name ("mit'm" = "mit dem") is no part of it.
        (("A: Mit wem spreche ich?", "U: Mit'm Hofbauer Xaver."), "Xaver Hofbauer"),
    ],
)
def test_split_double_and_dialect_forms_of_the_callers_name(
    lines: tuple[str, ...], expected: str
) -> None:
    assert names(call(*lines))[0] == expected


def test_a_spelling_word_is_never_the_first_name() -> None:
    turns = call(
        "U: Guten Tag, hier ist Knud Kwiring.",
        "A: Können Sie den Nachnamen buchstabieren?",
        "U: Q wie Quelle, U wie Ulrich, I wie Ida, R wie Richard, I wie Ida, N wie Nordpol, "
        "G wie Gustav. Quiring.",
        "A: Danke, Herr Quiring.",
    )
    assert names(turns)[0] == "Knud Quiring"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The caller describes the letters; the agent's read-back writes them.
        (
            (
                "A: Wie ist Ihr Name?",
                "U: Dvořák, Jiří.",
                "A: Dvorak, Jiri, richtig?",
                "U: Ja, aber beim R ist so ein Häkchen drauf, und beim I hinten ein Strich.",
                "A: Ich notiere: Jiří Dvořák. Was kann ich für Sie tun?",
            ),
            "Jiří Dvořák",
        ),
        # A word we had missed, said by the caller, read back by the agent.
        (
            (
                "A: Auf welchen Namen?",
                "U: Le Minh Chau.",
                "A: Ist Minh Chau der Vorname?",
                "U: Ja, Le ist der Familienname, Minh Chau ist der Vorname.",
                "A: Danke, dann trage ich Sie als Minh Chau Le ein.",
            ),
            "Minh Chau Le",
        ),
        # One word read back with the letter the caller asked for.
        (
            (
                "U: grüß gott, hier ist regina weisshaupt",
                "A: Gern, Frau Weisshaupt. Mit Doppel-s?",
                "U: na, mit scharfem s, weißhaupt",
                "A: Danke, also Weißhaupt mit ß.",
            ),
            "Regina Weißhaupt",
        ),
    ],
)
def test_the_agents_last_read_back_gives_the_written_form(
    lines: tuple[str, ...], expected: str
) -> None:
    assert names(call(*lines))[0] == expected


def test_a_read_back_before_the_callers_correction_does_not_win() -> None:
    turns = call(
        "A: Wie ist Ihr Name?",
        "U: Meier, Jana.",
        "A: Ich notiere Jana Meyer.",
        "U: Nein, Meier mit e i.",
    )
    assert names(turns)[0] == "Jana Meier"


def test_a_role_towards_someone_makes_them_the_patient_not_the_caller() -> None:
    turns = call(
        "U: Guten Tag, ich bin die Pflegehelferin von Herrn Bartsch, Gustav Bartsch. "
        "Er braucht einen Hausbesuch.",
        "A: Darf ich Ihren Namen notieren?",
        "U: Rufen Sie lieber seine Tochter an, Frau Bartsch, die kümmert sich.",
    )
    assert names(turns) == (None, "Gustav Bartsch")


def test_spelling_asked_for_the_childs_surname_is_the_patients() -> None:
    turns = call(
        "U: Hallo, ich bin die Milena, die Mama von Noah Petrović. Er braucht eine Kontrolle.",
        "A: Hallo Milena. Wie schreibt man Petrović?",
        "U: P, E, T, R, O, V, I, C, am Ende ein c mit Strich.",
    )
    caller, patient = names(turns)
    assert caller == "Milena"
    assert patient == "Noah Petrović"


def test_the_agent_naming_first_name_and_surname_settles_the_order() -> None:
    turns = call(
        "A: Wie ist Ihr Name?",
        "U: zhang wei",
        "A: Danke, Herr Wei.",
        "U: nein zhang ist familienname wei ist vorname",
        "A: Entschuldigung. Vorname Wei, Nachname Zhang. Wann passt es Ihnen?",
    )
    assert names(turns)[0] == "Wei Zhang"


def test_a_surname_that_is_an_everyday_word_holds_when_the_agent_speaks_to_the_caller_with_it() -> (
    None
):
    turns = call(
        "U: ja moin, schnell hier",
        "A: Guten Tag. Worum geht es?",
        "U: nee schnell ist mein name, jannik schnell, ich bräuchte nen termin",
        "A: Alles klar, Herr Schnell.",
    )
    assert names(turns)[0] == "Jannik Schnell"


def test_the_agent_correcting_its_address_lifts_the_contradiction() -> None:
    turns = call(
        "U: Guten Tag, mein Name ist Karim al-Hassan, ich brauche einen Termin.",
        "A: Danke, Herr Alhasan.",
        "U: Nein: al, klein, Bindestrich, dann Hassan mit zwei s.",
        "A: Entschuldigung, ich habe es korrigiert: Karim al-Hassan. Wann passt es Ihnen?",
    )
    assert names(turns)[0] == "Karim al-Hassan"


def test_a_neighbour_booked_for_is_not_the_caller() -> None:
    turns = call(
        "U: Grüezi. Ich rufe für meine Nachbarin an, die Frau Vreni Stucki. Sie hört schlecht.",
        "A: Gern. Darf ich Ihren Namen notieren?",
        "U: Das brauchen Sie nicht, ich bin nur der Nachbar.",
        "A: Gut, dann trage ich Frau Stucki ein.",
    )
    assert names(turns)[0] is None


def test_the_patients_first_name_said_again_later_is_still_the_patient() -> None:
    turns = call(
        "U: Ich bräuchte einen Termin für eine Bewohnerin von uns, die Frau Ilse Brandl.",
        "A: Wie ist Ihr Name?",
        "U: Kowalczyk, ich bin ihre Betreuerin.",
        "A: Danke, Frau Kowalczyk. Dienstag um zehn?",
        "U: Dat passt, da is die Ilse ausgeruht.",
    )
    assert names(turns) == ("Kowalczyk", "Ilse Brandl")


def test_the_person_the_agent_books_is_the_patient_when_it_is_not_the_caller() -> None:
    turns = call(
        "U: Guten Tag, Petra Schmiedel vom Pflegedienst Lindenhof. Wir betreuen Herrn Anton "
        "Brezovnik, der braucht eine Kontrolle.",
        "A: Danke, Frau Schmiedel. Passt Dienstag um zehn?",
        "U: Ja, das passt.",
        "A: Dann trage ich Anton Brezovnik am Dienstag um zehn ein.",
    )
    assert names(turns) == ("Petra Schmiedel", "Anton Brezovnik")


def test_a_booked_name_like_the_callers_is_the_caller_not_a_patient() -> None:
    turns = call(
        "U: Guten Tag, Wolfgang hier, ich brauche einen Termin.",
        "A: Wie ist Ihr Nachname?",
        "U: G, S, C, H, W, E, N, D, T, N, E, R.",
        "A: Danke. Dann trage ich Wolfgang Schwendner für Montag ein.",
    )
    assert names(turns)[1] is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("U: hoi da isch de jannis, ich bruch en termin", "Jannis"),
        ("U: Servus, do isch dr Korbinian, i hätt gern an Termin.", "Korbinian"),
        ("U: ja hallo hier ist chiara ich hätte gern einen termin", "Chiara"),
        (
            "U: Guten Tag, hier ist Lukas Brenner von der Diakonie Nord, es geht um Termine.",
            "Lukas Brenner",
        ),
    ],
)
def test_dialect_introductions_and_where_a_name_ends(line: str, expected: str) -> None:
    assert names(call(line))[0] == expected


def test_the_answer_to_whom_the_agent_asks_about_is_the_patient() -> None:
    turns = call(
        "U: Grüezi, Ruedi Graf von der Helvetia, Schadenabteilung, es geht um einen Termin.",
        "A: Grüezi Herr Graf. Wie heisst der Versicherte?",
        "U: Marco Bernasconi, wohnhaft in Olten.",
        "A: Danke. Für Herrn Marco Bernasconi hätte ich Montag um zehn.",
    )
    assert names(turns) == ("Ruedi Graf", "Marco Bernasconi")


def test_a_self_introduction_beside_the_answer_about_the_child_stays_the_callers() -> None:
    turns = call(
        "U: Grüezi. Mein Enkel braucht eine Brille.",
        "A: Wie heisst er denn mit Nachnamen? Und wie heißt er?",
        "U: Er ist neun. Levin Frei. Ich bin die Grossmutter, Vreni Amstutz.",
        "A: Danke, Frau Amstutz.",
    )
    assert names(turns) == ("Vreni Amstutz", "Levin Frei")


# Written from the classes fresh blind calls broke (not copies of them): who is who.
WHO_IS_WHO = [
    pytest.param(
        (
            "U: hallo ich ruf an wegen meinem opa dem herrn günter lenz der braucht nen termin",
            "A: Gern. Dienstag um zehn Uhr wäre frei. Mit wem spreche ich denn?",
            "U: ach so ja das is der enkel jonas lenz",
            "A: Danke, Herr Lenz.",
        ),
        ("Jonas Lenz", "Günter Lenz"),
        id="this-is-the-grandson-answers-who-speaks",
    ),
    pytest.param(
        (
            "U: Grüezi. Es geht um meine Frau, die Vreni Zbinden. Sie hat Fieber.",
            "A: Das tut mir leid. Ist Frau Zbinden bei uns Patientin?",
            "U: Ja, schon lange. Ich bin übrigens der Mann, Zbinden Kurt.",
            "A: Danke, Herr Zbinden. Ich habe Vreni Zbinden für heute eingetragen.",
        ),
        ("Kurt Zbinden", "Vreni Zbinden"),
        id="an-adverb-between-bin-and-the-relation",
    ),
    pytest.param(
        (
            "U: Grüß Gott, meine Tochter bräuchte einen Termin wegen Ohrenschmerzen.",
            "A: Wie heißt Ihre Tochter?",
            "U: Lisa Oberhollenzer.",
            "A: Danke. Können Sie den Nachnamen bitte buchstabieren?",
            "U: O-B-E-R-H-O-L-L-E-N-Z-E-R.",
            "A: Danke. Ich habe Lisa Oberhollenzer für morgen eingetragen.",
        ),
        (None, "Lisa Oberhollenzer"),
        id="spelling-the-name-just-said-is-the-patients",
    ),
    pytest.param(
        (
            "U: Guten Tag, Praxis Dr. Brenner, Haller mein Name. Es geht um einen Patienten "
            "von Ihnen, Herrn Ludwig Sandmeier, der bräuchte einen Kontrolltermin.",
            "A: Gern. Ich trage Herrn Sandmeier für Freitag um neun Uhr ein.",
            "U: Danke, auf Wiederhören.",
        ),
        ("Haller", "Ludwig Sandmeier"),
        id="a-name-before-mein-name-and-a-patient-after-it",
    ),
    pytest.param(
        (
            "U: Moin, Firma Reuter Logistik, Personalabteilung, Grote am Apparat. Einer "
            "unserer Fahrer, Herr Tarek Benali, braucht nach einem Arbeitsunfall Termine.",
            "A: Verstanden. Die Termine für Herrn Tarek Benali sind eingetragen.",
            "U: Danke, tschüss.",
        ),
        ("Grote", "Tarek Benali"),
        id="a-business-caller-books-for-an-employee",
    ),
    pytest.param(
        (
            "U: Guten Tag, meine Frau hätte gern einen Termin. Miriam Hesse, sie war "
            "schon mal bei Ihnen.",
            "A: Danke. Und wie ist Ihr Name, falls wir zurückrufen müssen?",
            "U: Hesse, Bernd Hesse.",
            "A: Gut, ich habe Frau Hesse für Mittwoch eingetragen. Danke, Herr Hesse.",
        ),
        ("Bernd Hesse", "Miriam Hesse"),
        id="a-spouse-sharing-the-surname-is-booked",
    ),
]
# Foreign name order, titles, institutions' clients.
OTHER_CULTURES_AND_INSTITUTIONS = [
    pytest.param(
        (
            "U: hallo ich hätte gern einen termin",
            "A: Gern. Wie ist Ihr Name?",
            "U: tran lan also tran ist familienname lan ist vorname",
            "A: Danke, Frau Tran.",
        ),
        ("Lan Tran", None),
        id="which-part-is-which-said-without-punctuation",
    ),
    pytest.param(
        (
            "U: Servus. Petrović Dragan, ich möchte die Kontrolle ausmachen.",
            "A: Servus Dragan. Donnerstag um acht wäre frei.",
            "U: Passt.",
            "A: Dann bis Donnerstag, Herr Petrović.",
        ),
        ("Dragan Petrović", None),
        id="surname-first-and-the-agent-greets-by-the-first-name",
    ),
    pytest.param(
        (
            "U: Grüezi, hier ist Dr. med. Beatrice Zwahlen vom Ärztezentrum Wil. Ich "
            "möchte eine Patientin zuweisen, Frau Laura Caduff.",
            "A: Gern, Frau Dr. Zwahlen. Frau Laura Caduff ist morgen um neun eingetragen.",
        ),
        ("Beatrice Zwahlen", "Laura Caduff"),
        id="a-referring-doctor-with-dr-med",
    ),
    pytest.param(
        (
            "U: Moin, Ambulanter Dienst Nordlicht, Kruse hier. Ich hab eine Klientin, Frau "
            "Halyna Kowaltschuk, die braucht einen Hausbesuch.",
            "A: Gern. Können Sie mir den Nachnamen buchstabieren?",
            "U: K-O-W-A-L-T-S-C-H-U-K.",
            "A: Danke. Frau Kowaltschuk ist für Donnerstag eingetragen.",
        ),
        ("Kruse", "Halyna Kowaltschuk"),
        id="the-clients-spelled-surname-stays-the-clients",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier ist das Sekretariat der Realschule. Es geht um einen "
            "Schüler von uns, Wang Hao, also Hao ist der Vorname.",
            "A: Danke. Ich habe Hao Wang für Donnerstag eingetragen.",
        ),
        (None, "Hao Wang"),
        id="a-school-calls-about-a-pupil",
    ),
]
# An institution introduces itself before the person speaking; unpunctuated and dialect openers.
INSTITUTIONS_FIRST = [
    pytest.param(
        ("U: Grüezi, mi Name isch Beat Zürcher. Ich bruuch en Termin.",),
        ("Beat Zürcher", None),
        id="swiss-mi-name-isch",
    ),
    pytest.param(
        (
            "U: Grüß Gott, Huber Theresia. I ruf für mein Vater o, den Huber Korbinian. Der "
            "braucht a neis Hörgerät.",
            "A: Grüß Gott, Frau Huber. Ich habe Herrn Korbinian Huber für Mittwoch eingetragen.",
        ),
        ("Theresia Huber", "Korbinian Huber"),
        id="a-daughter-and-her-father-both-said-surname-first",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier spricht Schwester Jutta vom Seniorenstift Elbblick. Ich bräuchte "
            "einen Termin für eine Bewohnerin von uns, Frau Gerda Lüders.",
            "A: Gern. Frau Gerda Lüders ist für Dienstag eingetragen.",
        ),
        ("Jutta", "Gerda Lüders"),
        id="a-nurse-by-role-and-first-name",
    ),
    pytest.param(
        ("U: servus i bin da sepp i wollt an termin ausmachn",),
        ("Sepp", None),
        id="bavarian-i-bin-da",
    ),
    pytest.param(
        ("U: ja gude hier is de jens der papa ich wollt an termin für die vorsorge",),
        ("Jens", None),
        id="a-first-name-then-the-relation-word",
    ),
    pytest.param(
        (
            "U: Grüezi, da isch d Regula Meier. Ich rüefe wäge minere Tochter a, d Lina, sie hät "
            "Fieber.",
            "A: Grüezi Frau Meier. Ich habe Lina für morgen um neun eingetragen.",
        ),
        ("Regula Meier", "Lina"),
        id="swiss-wegen-meiner-tochter",
    ),
    pytest.param(
        (
            "U: grüß gott gruber stefan ähm i hätt gern an termin wegen meim knie",
            "A: danke herr gruber der nächste termin ist am montag",
        ),
        ("Stefan Gruber", None),
        id="an-unpunctuated-greeting-then-surname-first",
    ),
    pytest.param(
        (
            "U: hallo gestern abend hat mei knie wehgetan",
            "A: Das tut mir leid. Wie ist Ihr Name?",
        ),
        (None, None),
        id="a-greeting-then-ordinary-words",
    ),
    pytest.param(
        (
            "U: Grüezi, hier ist die Spitex Zürich Süd, Frau Tanner. Es geht um eine "
            "Klientin von uns, Frau Rosa Ammann.",
            "A: Grüezi, Frau Tanner. Frau Rosa Ammann ist morgen um zehn eingetragen.",
        ),
        ("Tanner", "Rosa Ammann"),
        id="an-institution-then-the-person-speaking",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier ist das Pflegeheim Am Stadtpark, Wohnbereich drei, "
            "Schwester Jolanta Wiśniewska.",
            "A: Guten Tag, Frau Wiśniewska. Worum geht es?",
        ),
        ("Jolanta Wiśniewska", None),
        id="an-institution-a-ward-and-a-nurse",
    ),
    pytest.param(
        (
            "U: Ich bin die Betreuerin von Frau Kruse, Hannelore Kruse.",
            "A: Danke. Frau Hannelore Kruse ist für Montag eingetragen.",
        ),
        (None, "Hannelore Kruse"),
        id="a-role-then-the-patient-is-no-institution",
    ),
    pytest.param(
        (
            "U: Ja hallo, ich bräucht heut noch nen Termin für meine Kleene, die hat Fieber.",
            "A: Wie ist Ihr Name und wie heißt Ihre Tochter?",
            "U: Moment, ich bin im Auto, warten Se, ich ruf gleich nochmal an.",
        ),
        (None, None),
        id="a-spoken-pronoun-is-no-name",
    ),
]


WORD_SURNAMES_THE_DIALOGUE_CONFIRMS = [
    pytest.param(
        (
            "A: Zahnarztpraxis am Markt, hier ist Jana. Was kann ich für Sie tun?",
            "U: Ich bräuchte einen Kontrolltermin, am liebsten an einem Freitag.",
            "A: Gern. Wie ist Ihr Name?",
            "U: Freitag.",
            "A: Herr Freitag, gut. Und Ihr Vorname?",
            "U: Oliver.",
        ),
        ("Oliver Freitag", None),
        id="a-weekday-surname-the-agent-takes-up",
    ),
    pytest.param(
        (
            "A: Praxis Dr. Brandt, hier ist Lena. Wie ist Ihr Name?",
            "U: Fleischer.",
            "A: Wie schreibt man das?",
            "U: F wie Frankfurt, L wie Leipzig, E wie Essen, I wie Ingelheim, S wie Salzwedel, "
            "C wie Chemnitz, H wie Hamburg, E wie Essen, R wie Rostock.",
            "A: Danke. Wann passt es Ihnen?",
        ),
        ("Fleischer", None),
        id="a-word-surname-spelled-with-city-names",
    ),
    pytest.param(
        (
            "A: Praxis Dr. Brandt, hier ist Lena. Wie kann ich helfen?",
            "U: Ich wollte fragen, ob am Montag noch was frei ist.",
            "A: Am Montag um neun wäre frei. Wie ist Ihr Name?",
            "U: Ach, Montag geht doch nicht, ich ruf nochmal an.",
        ),
        (None, None),
        id="a-weekday-nobody-takes-up-is-no-name",
    ),
]


@pytest.mark.parametrize(
    "question", ["Wie heißt du?", "Und wie heisst du?", "Wer bist du denn?", "Wie heißen Sie?"]
)
def test_the_informal_question_for_the_name_is_one(question: str) -> None:
    assert classify_ask(f"Salon Schnittwerk, hier ist Tom. {question}") == "name"


NAMES_SAID_IN_TWO_FORMS = [
    pytest.param(
        (
            "U: ja guten tag maren weber thiel hier ich bräuchte einen termin",
            "A: Gern. Wie schreibt sich Ihr Nachname?",
            "U: weber thiel mit bindestrich also weber bindestrich thiel",
            "A: Danke, Frau Weber-Thiel.",
        ),
        ("Maren Weber-Thiel", None),
        id="a-double-surname-first-heard-as-a-second-first-name",
    ),
    pytest.param(
        (
            "U: Bonjour, äh, Verzeihung, guten Tag. Mein Name ist van Dijk, Sanne van Dijk. "
            "Ich hätte gern einen Termin.",
            "A: Gern, Frau van Dijk. Wann passt es Ihnen?",
        ),
        ("Sanne van Dijk", None),
        id="an-apology-before-the-introduction-takes-nothing-back",
    ),
    pytest.param(
        (
            "U: Guten Tag, Brandt hier. Also Brandt war ich, seit der Hochzeit heiße ich "
            "Wolters. Miriam Wolters.",
            "A: Herzlichen Glückwunsch, Frau Wolters. Worum geht es?",
        ),
        ("Miriam Wolters", None),
        id="the-name-before-the-wedding-is-a-former-one",
    ),
    pytest.param(
        (
            "U: Hallo, hier ist Tobias Krämer. Meine Schwester heißt Lea, für die rufe ich "
            "sonst immer an. Heute geht es aber um mich.",
            "A: Gern, Herr Krämer. Worum geht es?",
            "U: Ich brauche einen Termin wegen meiner Schulter.",
        ),
        ("Tobias Krämer", None),
        id="a-relative-mentioned-when-the-call-is-about-the-caller",
    ),
    pytest.param(
        (
            "U: Guten Tag, Lorenz hier, Sabine Lorenz. Ich hätte gern einen Termin.",
            "A: Gern, Frau Lorenz. Waren Sie schon bei uns?",
            "U: Ja, früher unter Vogel, ich habe geheiratet.",
            "A: Ich ändere das. Dienstag um neun wäre frei.",
            "U: Gut. Also Sabine Lorenz, nicht mehr Vogel.",
        ),
        ("Sabine Lorenz", None),
        id="new-and-old-name-contrasted-address-nobody-in-the-room",
    ),
    pytest.param(
        (
            "U: Grüezi, da isch d Lara.",
            "A: Hallo Lara. Darf ich noch Ihren Nachnamen haben?",
            "U: Ah, d Frau Keller kennt mich scho. Hät si am Fritig Morge Ziit?",
        ),
        ("Lara", None),
        id="no-surname-after-a-preposition-in-an-evasive-answer",
    ),
]


def test_an_analysis_name_the_caller_speaks_of_as_herrn_is_not_the_callers() -> None:
    turns = call(
        "U: Guten Tag, ich rufe aus der Praxis von Herrn Doktor Jonas Feld an. Er bräuchte "
        "einen Termin.",
        "A: Gern, für Herrn Feld also. Wann passt es ihm?",
        "U: Am Montag früh.",
    )
    caller, _ = names(turns, analysis={"caller_full_name": "Jonas Feld"})
    assert caller is None


# Written from the classes of the fifth round of blind calls (z73-z76), in other words and names.
CLIENTS_CARERS_AND_FORMS = [
    pytest.param(
        (
            "U: Hallo, Svenja Brockhaus von der Eventagentur Sonnenschein. Ich plane eine Feier "
            "und bräuchte Termine für die Braut.",
            "A: Gern. Auf welchen Namen?",
            "U: Carina Voss. Sie käme am Samstag früh.",
        ),
        ("Svenja Brockhaus", "Carina Voss"),
        id="a-planner-books-for-the-bride",
    ),
    pytest.param(
        (
            "U: Grüß Gott, hier ist die Rezeption vom Hotel Alpenblick. Wir hätten einen Gast, "
            "der gern eine Massage hätte.",
            "A: Sehr gern. Auf welchen Namen soll ich buchen?",
            "U: Auf den Herrn Gregor Wallner. Er bleibt bis Freitag.",
        ),
        (None, "Gregor Wallner"),
        id="a-hotel-books-for-its-guest",
    ),
    pytest.param(
        ("U: Servus, da spricht der August Brandstätter, ich bräucht einen Termin im August.",),
        ("August Brandstätter", None),
        id="a-month-that-is-a-first-name",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name, bitte?",
            "U: Yohannes Tekle. Tekle ist der Vorname von meinem Großvater, bei uns ist das so.",
            "A: Danke, Herr Tekle.",
        ),
        ("Yohannes Tekle", None),
        id="a-label-of-someone-elses-name",
    ),
    pytest.param(
        (
            "A: Auf welchen Namen darf ich reservieren?",
            "U: Kővári, Tamás.",
            "A: Können Sie den Nachnamen bitte buchstabieren?",
            "U: K, dann O mit zwei Strichen oben, so schräg, nicht die Punkte, dann V, A, R, I.",
            "A: Danke, Herr Kővári.",
        ),
        ("Tamás Kővári", None),
        id="a-remark-inside-a-spelling",
    ),
    pytest.param(
        (
            "U: Guten Tag, Hatice Kotscher, ich hab ein Rezept.",
            "A: Danke, Frau Kotscher. Mit T-S-C-H?",
            "U: Nein, K, O, C mit dem Häkchen unten dran, E, R.",
        ),
        ("Hatice Koçer", None),
        id="a-mark-under-the-letter",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich bin Pflegerin bei Frau Hildegard Sommerfeld, ich wohne bei ihr. "
            "Sie braucht ein neues Rezept.",
            "A: Wie ist Ihr Name, falls wir zurückrufen?",
            "U: Kowalczyk, Marta.",
        ),
        ("Marta Kowalczyk", "Hildegard Sommerfeld"),
        id="a-live-in-carer",
    ),
    pytest.param(
        (
            "U: Grüß Gott, da ist der Sonntag.",
            "A: Entschuldigung, das habe ich nicht verstanden?",
            "U: Sonntag, so heiß ich. Markus Sonntag. Am Sonntag bin ich umgeknickt.",
        ),
        ("Markus Sonntag", None),
        id="a-weekday-surname-the-caller-says-is-his-name",
    ),
    pytest.param(
        (
            "U: Grüß Gott, Theresa Weißl.",
            "A: Buchstabieren Sie mir bitte den Nachnamen?",
            "U: W wie Wilhelm, E, I, dann a scharfes S, und L wie Ludwig.",
        ),
        ("Theresa Weißl", None),
        id="a-bavarian-article-inside-a-spelling",
    ),
    pytest.param(
        (
            "U: Jo, moin. Hans-Jürgen Petersen. Mein Hörgerät pfeift.",
            "A: Moin, Herr Peterson. Mit o?",
            "U: Nee, mit e. Petersen mit e.",
        ),
        ("Hans-Jürgen Petersen", None),
        id="a-compound-first-name-after-the-greeting",
    ),
    pytest.param(
        ("U: Grüß Gott, Rauchenberger mein Name, Korbinian. Ich bräucht an Termin.",),
        ("Korbinian Rauchenberger", None),
        id="the-first-name-after-the-surname-introduced",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier spricht Dieter Lohmann. Ich bin der gesetzliche Betreuer von "
            "Frau Gisela Brandes, sie ist Patientin bei Ihnen.",
            "A: Worum geht es?",
            "U: Frau Brandes braucht einen Hausbesuch.",
        ),
        ("Dieter Lohmann", "Gisela Brandes"),
        id="a-legal-guardian",
    ),
    pytest.param(
        (
            "U: griaß gott do isch der pflegedienst sonnenhof mir bräuchten an termin für "
            "unsern klienten den herrn josef haberl",
        ),
        (None, "Josef Haberl"),
        id="a-care-service-client-in-lower-case-speech",
    ),
]


# Written from the classes of the sixth round of blind calls (z77-z80), in other words and names.
SPELLINGS_LABELS_AND_COLLEAGUES = [
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: dragana jovic",
            "A: Danke, Frau Jovic. Mit T-Z am Ende?",
            "U: nein j o v i dann c mit strich oben also ć",
        ),
        ("Dragana Jović", None),
        id="marks-the-recogniser-lost-come-from-the-spelling",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: Mercier, Élodie.",
            "A: Frau Mersier, mit S?",
            "U: Nein. M, E, R, C, I, also das C wie im Französischen, E, R. Mercier.",
        ),
        ("Élodie Mercier", None),
        id="a-remark-splits-a-spelling-of-a-word-said-in-the-turn",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich hätte gern einen Termin zur Kontrolle. Sabine Maier.",
            "A: Danke, Frau Maier. Mit A, I?",
            "U: Nein, Meyer. M, E, Y, E, R.",
        ),
        ("Sabine Meyer", None),
        id="a-spelling-that-sounds-like-the-name-heard-corrects-it",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich ruf wegen meiner Schwiegermutter an. Die Erika, also Erika "
            "Lindqvist, die ist bei Ihnen Patientin.",
            "A: Ja, Frau Lindqvist ist bei uns. Was ist passiert?",
            "U: Sie ist gestürzt und bräuchte einen Hausbesuch.",
        ),
        (None, "Erika Lindqvist"),
        id="the-relative-named-in-the-next-sentence",
    ),
    pytest.param(
        (
            "U: Hallo, hier ist Petra Gehrke vom Autohaus Nord. Mein Chef, Herr Albers, der "
            "braucht einen Termin zur Vorsorge.",
            "A: Gern, für Herrn Albers.",
        ),
        ("Petra Gehrke", "Albers"),
        id="the-boss-who-needs-the-appointment",
    ),
    pytest.param(
        (
            "U: Grüß Gott, do isch die Resi von der Anmeldung vom Gasthof Post. Mir hätten "
            "an Gast, der bräucht an Termin.",
            "A: Wie heißt der Gast?",
            "U: Jan de Groot.",
        ),
        ("Resi", "Jan de Groot"),
        id="a-first-name-from-the-front-desk",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: nguyen mai",
            "A: Danke, Frau Mai.",
            "U: nein nguyen ist familienname mai ist vorname",
            "A: also vorname mai familienname nguyen",
            "U: ja genau",
        ),
        ("Mai Nguyen", None),
        id="a-read-back-with-labels-is-no-longer-name",
    ),
    pytest.param(
        (
            "A: Mit wem spreche ich?",
            "U: Freitag.",
            "A: Sie möchten am Freitag kommen?",
            "U: Nein, Freitag is mein Name! Am liebsten nächste Woche.",
            "A: Ach so, Herr Freitag. Dienstag um zehn?",
            "U: Passt.",
        ),
        ("Freitag", None),
        id="a-weekday-the-caller-says-is-the-name",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich brauche einen Termin zur Beratung.",
            "A: Gern, wie ist Ihr Name?",
            "U: Dubois, D, U, B, O, I, S.",
            "A: Danke, Herr Dubois.",
            "U: Laurent, der Vorname. Merci.",
        ),
        ("Laurent Dubois", None),
        id="the-first-name-labelled-after-a-comma-at-the-end",
    ),
    pytest.param(
        (
            "U: Servus, i bin d'Oma vom Flori, Florian Weinzierl. Er hat a Zahnspange bei "
            "Ihnen, die is locker.",
            "A: Und wie ist Ihr Name?",
            "U: Anni Huber.",
        ),
        ("Anni Huber", "Florian Weinzierl"),
        id="a-short-form-then-the-full-name-of-the-grandchild",
    ),
]


# Written from the classes of the seventh round of blind calls (z81-z84), in other words and names.
PARTICLES_SLIPS_AND_READ_BACKS = [
    pytest.param(
        (
            "U: Guten Tag, Ewa Nowak hier. Ich brauche einen Termin für meinen Sohn.",
            "A: Wie heißt Ihr Sohn?",
            "U: Jędrzej, mit E mit Schwänzchen. J, E, D, R, Z, E, J. Nowak wie ich.",
            "A: Danke. Dann trage ich Jędrzej Nowak für Montag ein.",
        ),
        ("Ewa Nowak", "Jędrzej Nowak"),
        id="a-spelled-first-name-of-the-relative",
    ),
    pytest.param(
        (
            "U: Grüß Gott, hier ist das Hotel Bergblick. Für einen Gast bräuchten wir einen "
            "Termin.",
            "A: Für wen soll der Termin sein?",
            "U: Für Herrn Maarten de Jong, aus Utrecht. Heute noch, wenn es geht.",
        ),
        (None, "Maarten de Jong"),
        id="a-particle-after-a-salutation-and-a-first-name",
    ),
    pytest.param(
        ("U: Guten Tag, mein Name ist Beatriz Oliveira da Costa, ich hätte gern einen Termin.",),
        ("Beatriz Oliveira da Costa", None),
        id="a-particle-inside-a-surname",
    ),
    pytest.param(
        ("U: jo griaß eich i bin d resi resi huber de anni kennt mi eh scho",),
        ("Resi Huber", None),
        id="a-dialect-article-before-a-first-name-is-no-particle",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: Ramos, Ángela. Ángela mit A mit Akzent am Anfang.",
        ),
        ("Ángela Ramos", None),
        id="a-mark-placed-at-the-start",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich möchte einen Termin zum Färben. Nehmt ihr Igora Royal?",
            "A: Ja, wir färben mit Igora Royal. Darf ich Ihren Namen notieren?",
            "U: Färbt ihr auch mit Wella Koleston? Dann ruf ich nochmal an.",
        ),
        (None, None),
        id="a-product-in-a-question-back-is-no-answer",
    ),
    pytest.param(
        (
            "U: Hallo, ich möchte einen Termin für eine Massage.",
            "A: Auf welchen Namen darf ich buchen?",
            "U: Darija Schiwkowitsch. Geschrieben: Z mit Hatschek, I, V, K, O, V, I, C mit Akzent.",
            "A: Also Z, I, V, K, O, V, I, C, Zivkovic?",
            "U: Nein, auf dem Z ein Hatschek und auf dem C ein Akzent.",
        ),
        ("Darija Živković", None),
        id="a-spelling-after-the-said-name-and-a-rejected-read-back",
    ),
    pytest.param(
        (
            "A: Darf ich Ihren Namen notieren?",
            "U: ach so ja irina smirnow äh smirnowa mit a am ende",
            "A: danke frau smirnowa bis dienstag",
        ),
        ("Irina Smirnowa", None),
        id="a-slip-set-right-after-a-filler",
    ),
    pytest.param(
        (
            "A: darf ich ihren namen notieren",
            "U: jo mai sabine mai wie der monat",
            "A: danke frau mai dann bis dienstag",
        ),
        ("Sabine Mai", None),
        id="a-month-surname-the-agent-addresses-in-lower-case",
    ),
    pytest.param(
        (
            "U: ja hier montag grüß gott ich bräucht bis montag an termin",
            "A: mit wem spreche ich bitte",
            "U: montag hab ich doch gsagt helmut montag",
        ),
        ("Helmut Montag", None),
        id="a-weekday-surname-after-a-first-name-in-lower-case",
        # Known gap: the recogniser's "gsagt" is capitalised as an unknown word and joins the
        # run; a retry from the first name on cost two false names on the tuning calls.
        marks=pytest.mark.xfail(strict=True, reason="dialect word joins the name run"),
    ),
]


# Written from the classes of the eighth round of blind calls (z85-z88), in other words and names.
GREETINGS_RELATIVES_AND_DOUBLE_NAMES = [
    pytest.param(
        ("U: Goedemorgen, äh, guten Morgen. Sanne de Wit, ich brauche einen Sehtest.",),
        ("Sanne de Wit", None),
        id="a-dutch-greeting-before-the-name",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich ruf für meine Mutter an, sie versteht wenig Deutsch.",
            "A: Ist Ihre Mutter schon Patientin bei Dr. Lindner?",
            "U: Ja. Nowak Halina. Halina ist der Vorname.",
        ),
        (None, "Halina Nowak"),
        id="the-relatives-name-given-back-to-a-question-about-them",
    ),
    pytest.param(
        (
            "U: Grüezi, Bärtschi. Mini Tochter bruucht en Termin.",
            "A: Wie heißt Ihre Tochter?",
            "U: Nina, Nina Bärtschi.",
            "A: Danke. Dann ist Nina Bärtschi eingetragen. Darf ich noch Ihren Vornamen "
            "notieren, Frau Bärtschi?",
            "U: Ursula. Ursula Bärtschi.",
        ),
        ("Ursula Bärtschi", "Nina Bärtschi"),
        id="your-first-name-asked-after-the-childs-was-booked",
    ),
    pytest.param(
        (
            "U: guten tag mein name ist reza karimi nasab ich brauche einen termin",
            "A: ist nasab ein zweiter nachname",
            "U: ja karimi nasab ist ein doppelname mit bindestrich",
        ),
        ("Reza Karimi-Nasab", None),
        id="two-words-the-caller-says-are-one-double-surname",
    ),
    pytest.param(
        (
            "U: grüessech da isch d praxis am bahnhof mir lüte wäge em herr imboden a",
            "A: um welchen patienten geht es",
            "U: peter imboden vo visp är bruucht en termin",
        ),
        (None, "Peter Imboden"),
        id="where-the-patient-is-from-is-no-name-part",
    ),
    pytest.param(
        (
            "U: grüessech hie isch d lea mi chatz frisst nüt meh",
            "A: darf ich ihren vollständigen namen haben",
            "U: morn am drü passt schribet eifach lea",
        ),
        ("Lea", None),
        id="a-swiss-tomorrow-is-no-surname",
    ),
]


# Written from the classes of the ninth round of blind calls (z89-z92), in other words and names.
MARKS_AND_CORRECTED_SPELLINGS = [
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: branka tomic",
            "A: Danke, Frau Tomic. Wie schreibt man das?",
            "U: ja t o m i und dann c mit akzent also das c am schluss mit strich",
        ),
        ("Branka Tomić", None),
        id="a-yes-that-starts-a-spelling-confirms-no-form",
    ),
    pytest.param(
        (
            "U: ja tach hier is helga kwast ich bräuchte n termin",
            "A: danke frau kast mit k",
            "U: nee nee mit q q wie quelle u wie ulrich a wie anton s wie samuel t wie theodor",
        ),
        ("Helga Quast", None),
        id="a-spelling-after-no-corrects-the-heard-surname",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name, bitte?",
            "U: Jelena Schiwitsch.",
            "A: Schreibt man das S-C-H?",
            "U: Na, S mit Hatschek, also mit so an Hakerl drauf, dann I, V, I, C mit Akzent, mit "
            "am Stricherl.",
            "A: Danke, Frau Šivić. Dienstag um acht?",
        ),
        ("Jelena Šivić", None),
        id="austrian-words-for-the-marks",
    ),
    pytest.param(
        ("U: Grüß Gott, do is die Steffi von da Rezeption vom Hotel Post.",),
        ("Steffi", None),
        id="a-dialect-from-the-front-desk",
    ),
]


SWISS_ARTICLES_SLIPS_AND_SUPPLIERS = [
    pytest.param(
        ("U: Grüezi, do isch s Anneli. Ich chume wie immer am Donnschtig.",),
        ("Anneli", None),
        id="a-swiss-neuter-article-before-a-first-name",
    ),
    pytest.param(
        (
            "U: Hallo! Ich bin Merle, ich war letzte Woche schon mal bei euch.",
            "A: Hallo Merle! Was kann ich für dich tun?",
            "U: Ich bräuchte noch einen Termin.",
        ),
        ("Merle", None),
        id="a-first-name-after-ich-bin-greeted-back",
    ),
    pytest.param(
        (
            "U: Guten Tag. Mein Name ist Finn – nee, Quatsch, das ist ja mein Sohn. Ich bin die "
            "Silke Hansen.",
        ),
        ("Silke Hansen", None),
        id="a-second-introduction-after-a-correction",
    ),
    pytest.param(
        ("U: ja hallo hier is äh brenner walter ich bräucht mal wieder einen termin",),
        ("Walter Brenner", None),
        id="surname-first-with-a-first-name-that-is-also-a-surname",
    ),
    pytest.param(
        (
            "A: Mit wem spreche ich?",
            "U: Obermaier.",
            "A: Danke. Herr oder Frau Obermaier? Und darf ich auch Ihren Vornamen haben?",
            "U: Frau. Helga.",
            "A: Danke, Frau Obermaier.",
        ),
        ("Helga Obermaier", None),
        id="the-salutation-answered-before-the-first-name",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier ist Jörg Weinland, meine Tochter hat sich den Fuß verknackst.",
            "A: Das tut mir leid. Heißt Ihre Tochter mit Nachnamen auch Weinland?",
            "U: Ja, Lina Weinland.",
        ),
        ("Jörg Weinland", "Lina Weinland"),
        id="a-question-on-the-childs-surname-without-wie",
    ),
    pytest.param(
        (
            "U: hallo hier is das sanitätshaus am ring wegen der einlagen von frau kerstin wollny",
            "A: Können Sie mir den Vornamen der Patientin noch einmal sagen?",
            "U: kerstin kerstin wollny",
        ),
        (None, "Kerstin Wollny"),
        id="the-first-name-of-the-patient-asked-of-a-supplier",
    ),
    pytest.param(
        (
            "U: moin hier is der pflegedienst nordwind wir ham ne klientin frau erna hoyer die "
            "braucht n hausbesuch",
            "A: Schreibt man Hoyer mit Y?",
            "U: nee h e u e r heuer",
        ),
        (None, "Erna Heuer"),
        id="a-spelling-asked-of-the-clients-surname",
    ),
    pytest.param(
        (
            "U: ich ruf an für meine mutter die heißt ilse grünwald g r ü n wald die braucht "
            "einen termin",
        ),
        (None, "Ilse Grünwald"),
        id="letters-for-the-first-part-and-the-rest-said-as-a-word",
    ),
    pytest.param(
        ("U: ja grüß gott hier is brand äh jana brand ich hätt gern einen termin",),
        ("Jana Brand", None),
        id="the-surname-then-the-name-again-with-the-first-name",
    ),
]


FARMS_FIRMS_ABROAD_AND_DOUBLED_LETTERS = [
    pytest.param(
        (
            "U: Guten Morgen, hier ist die Diakoniestation Löhne. Es geht um Frau Ilse Schulte "
            "zur Surheide, die bräuchte einen Termin für die Kontrolle.",
            "A: Gern. Mit wem spreche ich?",
            "U: Mit Schwester Birgit, Birgit Tiemann.",
        ),
        ("Birgit Tiemann", "Ilse Schulte zur Surheide"),
        id="a-westphalian-farm-name-after-zur",
    ),
    pytest.param(
        ("U: Hallo, mein Name ist Karl Brinkmann zu Heerde, ich bräuchte einen Termin.",),
        ("Karl Brinkmann zu Heerde", None),
        id="a-farm-name-after-zu-for-the-caller",
    ),
    pytest.param(
        ("U: Hier ist Frau Kortmann, ich bring meinen Vater Hubert Kortmann zur Kontrolle.",),
        ("Kortmann", "Hubert Kortmann"),
        id="zur-before-a-noun-says-where-to",
    ),
    pytest.param(
        (
            "U: Bonjour, ici c'est la Pharmacie du Lac, on a une question zum Rezept von "
            "Doktor Graf.",
            "A: Gern. Mit wem spreche ich?",
            "U: Einfach die Pharmacie du Lac, die Offizin.",
        ),
        (None, None),
        id="a-pharmacy-named-in-french-is-no-caller",
    ),
    pytest.param(
        (
            "U: Grüezi, da isch d Farmacia Centrale in Locarno wägem Rezept vo Frau Dr. Graf.",
            "A: Und mit wem spreche ich?",
            "U: Eifach d Farmacia Centrale.",
        ),
        (None, None),
        id="a-pharmacy-named-in-italian-is-no-caller",
    ),
    pytest.param(
        (
            "U: Ja hallo, hier ist die Tante vom Ben. Ich hab den Ben bei mir, die Mama, die "
            "Sandra, muss arbeiten, und der Kleine hat Fieber.",
            "A: Oh je. Wie heißt Ben mit Nachnamen?",
            "U: Ben Kowalski.",
        ),
        (None, "Ben Kowalski"),
        id="a-name-the-next-verb-speaks-of-is-someone-else",
    ),
    pytest.param(
        (
            "U: Grüessech, ich bi dr Beat, ich bi scho lang Patient bi euch.",
            "A: Grüezi Beat, wie ist Ihr Nachname?",
            "U: Säget eifach dr Beat vom Schwingklub.",
        ),
        ("Beat", None),
        id="a-bernese-article-before-the-first-name",
    ),
    pytest.param(
        (
            "U: Guten Tag, Freitag.",
            "A: Am Freitag haben wir um 9 Uhr frei. Passt das?",
            "U: Nei, nei, i heisse Freitag. Jonas Freitag. I bruuche e Termin.",
        ),
        ("Jonas Freitag", None),
        id="a-swiss-i-heisse-before-a-weekday-surname",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: Unter Seidl, Monika Seidl. Ah naa, Moment, seit der Hochzeit heiß i ja Brandauer.",
        ),
        ("Monika Brandauer", None),
        id="a-new-surname-after-the-answer-keeps-the-first-name",
    ),
    pytest.param(
        (
            "U: Ich hätte gern einen Termin zur Massage, am liebsten abends.",
            "A: Donnerstag um 19 Uhr ist frei. Dann brauche ich noch Ihren Namen.",
            "U: Schreiben Sie einfach Jannik. Die Frau Petersen kennt mich.",
            "A: Alles klar, Jannik, Donnerstag um 19 Uhr.",
        ),
        ("Jannik", None),
        id="schreiben-sie-einfach-before-a-first-name",
    ),
    pytest.param(
        (
            "U: Wir bräuchten einen Termin für die Lohnabrechnung.",
            "A: Gern. Mit wem spreche ich?",
            "U: Ach, notieren Sie einfach Lea von Brandt Logistik, das reicht.",
            "A: Danke, Lea. Ich melde mich mit einem Termin.",
        ),
        ("Lea", None),
        id="a-first-name-from-a-firm-named-after-von",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier ist die Spedition Nordstern, Personalabteilung, Brinkmann am "
            "Apparat. Einer unserer Fahrer braucht die Untersuchung für den Führerschein, "
            "Klasse C.",
            "A: Wie heißt der Fahrer?",
            "U: Marko Petrović.",
            "A: Danke, Frau Brinkmann. Herr Petrović kann am Montag kommen.",
        ),
        ("Brinkmann", "Marko Petrović"),
        id="a-noun-only-name-noise-holds-is-no-first-name",
    ),
    pytest.param(
        (
            "U: jo grüaß gott i bruch an termin für a blutabnahm",
            "A: Gerne. Und wie ist Ihr Name, bitte?",
            "U: ah wart amol do klopft wer i ruaf glei zruck",
        ),
        (None, None),
        id="dialect-einmal-is-no-name",
    ),
    pytest.param(
        (
            "U: grüezi ich sött en termin ha wäge mim rugge beat risler isch min name",
            "A: Danke, Herr Risler. Schreibt man das mit I?",
            "U: nei nöd mit i mit ypsilon also r wie rosa y wie yverdon s wie sophie l wie lina "
            "e wie emil r wie rosa",
            "A: Also Rysler mit Y. Danke, Herr Rysler.",
        ),
        ("Beat Rysler", None),
        id="a-later-spelling-beats-the-name-heard-first",
    ),
    pytest.param(
        (
            "U: Buongiorno. Ich bin Giulia D'Amico und bräuchte einen Termin.",
            "A: Ist das Damico in einem Wort?",
            "U: Nein. D wie Daniel, Apostroph, A wie Anna, M wie Marie, I wie Ida, C wie "
            "Cäsar, O wie Otto.",
        ),
        ("Giulia D'Amico", None),
        id="an-italian-surname-with-an-apostrophe-said-and-spelled",
    ),
    pytest.param(
        (
            "U: Grüessech, da isch d Corinne Zaugg vo dr Spitex. I lüüte a für üse Klientin, d "
            "Frau Margrit Schwab. Si bruucht e Kontrolle vom Zucker.",
            "A: Gerne. Kann Frau Schwab am Donnerstag um 10 Uhr kommen?",
        ),
        ("Corinne Zaugg", "Margrit Schwab"),
        id="a-swiss-our-client",
    ),
    pytest.param(
        (
            "U: Grüezi, da isch d Spitex Nord, mis Name isch Beatrice Keller.",
            "A: Grüezi Frau Keller. Worum geht es?",
            "U: I lüüte a wäge de Frau Trudi Ammann. Si het e Verordnig für Physio bi sich dihei.",
        ),
        ("Beatrice Keller", "Trudi Ammann"),
        id="a-swiss-wegen-and-a-prescription",
    ),
    pytest.param(
        (
            "U: Grüß Gott. Ich bin die Betreuerin, 24-Stunden-Pflege, von Herrn Alois Gruber. "
            "Er bräuchte einen Termin zur Kontrolle.",
            "A: Gerne. Und wie ist Ihr Name?",
            "U: Mirela Popescu.",
        ),
        ("Mirela Popescu", "Alois Gruber"),
        id="a-carer-with-an-apposition-before-von",
    ),
    pytest.param(
        (
            "U: Grüß Gott. Ich bin die Pflegerin von Herrn Kommerzialrat Huber, Friedrich "
            "Huber. Er sieht seit gestern schlecht und bräuchte einen Termin.",
            "A: Das sollte rasch angeschaut werden. Und wie ist Ihr Name?",
            "U: Horváth, Erzsébet.",
        ),
        ("Erzsébet Horváth", "Friedrich Huber"),
        id="an-austrian-honorary-title-before-the-surname",
    ),
    pytest.param(
        (
            "U: grüezi mis name isch arta krasniqi hoxha ich hett gern en termin",
            "A: Gerne. Ist Krasniqi Ihr Nachname und Hoxha ein zweiter Vorname?",
            "U: nei nei beides nachname krasniqi bindestrich hoxha arta isch de vorname",
            "A: Danke, also Arta Krasniqi-Hoxha mit Bindestrich.",
        ),
        ("Arta Krasniqi-Hoxha", None),
        id="a-hyphen-said-between-two-surnames",
    ),
    pytest.param(
        (
            "U: Merhaba, guten Tag. Mein Name ist Doğan Yıldız, ich hab so einen Ausschlag an "
            "den Händen.",
            "A: Danke. Ich habe Dogan Yildiz verstanden, ist das richtig?",
            "U: Nicht ganz. Und Doğan: das G hat oben einen kleinen Bogen, das ist ein weiches G.",
            "A: Danke, Herr Yıldız. Dr. Lindner hätte am Montag einen Termin frei.",
        ),
        ("Doğan Yıldız", None),
        id="a-small-bow-over-a-letter-is-no-child",
    ),
    pytest.param(
        (
            "U: ja hallo mein bub der lukas hat bei ihnen immer montags um vier und nächste "
            "woche geht des net weil da is fasching in der schul",
            "A: Verstehe, dann verschieben wir die Stunde von Lukas auf Mittwoch.",
        ),
        (None, "Lukas"),
        id="a-feast-is-no-name",
    ),
    pytest.param(
        (
            "U: Grüß Gott, Kowal, Paweł. I ruf wegen einem Termin an.",
            "A: Gern. Und der Vorname, Pawel mit W?",
            "U: Ja, aber das L am Ende mit einem Schrägstrich durch: P wie Paula, A wie Anton, "
            "W wie Wilhelm, E wie Emil, L mit einem Schrägstrich durch.",
        ),
        ("Paweł Kowal", None),
        id="a-mark-said-with-where-it-sits",
    ),
    pytest.param(
        (
            "U: grüessech ich lüt a wägu mim vatter er het fieber",
            "A: Wie heißt Ihr Vater, und ist er bei uns Patient?",
            "U: jo er isch scho lang bi ech hans ulrich zbinden",
        ),
        (None, "Hans Ulrich Zbinden"),
        id="bernese-ech-is-no-name",
    ),
    pytest.param(
        (
            "U: Guten Tag, hier spricht Dr. Anil Rohta, ich brauche einen Termin.",
            "A: Gern, Herr Dr. Rohta. Wie schreibt man Rohta?",
            "U: R, O, H, T, A. Das H kommt nach dem O.",
            "A: Danke, Dr. Rohta.",
        ),
        ("Anil Rohta", None),
        id="a-remark-on-a-letter-after-the-spelling",
    ),
    pytest.param(
        (
            "U: Grüß Gott, Lorenz Sabine. I ruf wegen meinem Vater an, dem Franz Lorenz.",
            "A: Dr. Lindner kommt morgen zu Herrn Lorenz. Ich notiere Sie als Kontakt, Frau "
            "Lorenz.",
        ),
        ("Sabine Lorenz", "Franz Lorenz"),
        id="surname-first-when-the-agent-says-which-is-the-surname",
    ),
    pytest.param(
        (
            "U: Guten Tag, Petra Dannenmann, ich hätte gern einen Termin.",
            "A: Ich habe Petra Danemann notiert, richtig?",
            "U: Nein. D, A, Doppel-N, E, N, M, A, Doppel-N.",
        ),
        ("Petra Dannenmann", None),
        id="two-doubled-letters-each-said-with-doppel",
    ),
]


CORRECTIONS_FORMER_NAMES_AND_FOR_WHOM = [
    pytest.param(
        (
            "U: Hallo Anna. Hier ist Herr Lind... nein, Moment, ich will ja zu Dr. Lindner. "
            "Ich bin Karl Brenner.",
        ),
        ("Karl Brenner", None),
        id="ich-bin-after-a-taken-back-slip",
    ),
    pytest.param(
        (
            "U: Guten Tag, mein Name ist Lindqvist, ich war vor Jahren schon mal bei Ihnen.",
            "A: Unter Lindqvist finde ich leider keinen Eintrag.",
            "U: Ach so, das ist ja mein Geburtsname. Ich hab geheiratet, jetzt heiße ich Brandl. "
            "Sonja Brandl.",
        ),
        ("Sonja Brandl", None),
        id="a-name-called-a-birth-name-in-the-next-turn",
    ),
    pytest.param(
        (
            "U: Ich bräuchte einen Termin wegen meinem Rücken.",
            "A: Dr. Lindner hätte am Montag um zehn Uhr Zeit.",
            "U: Montag zehn passt.",
            "A: Darf ich zur Sicherheit den kompletten Namen noch einmal haben?",
            "U: Gisela Wendtland.",
            "A: Danke, Frau Wendtland, bis Montag.",
        ),
        ("Gisela Wendtland", None),
        id="the-full-name-asked-again",
    ),
    pytest.param(
        (
            "A: wie ist ihr name",
            "U: april",
            "A: april wie der monat",
            "U: genau april wie der monat heike april",
        ),
        ("Heike April", None),
        id="a-month-surname-likened-then-said-with-the-first-name",
    ),
    pytest.param(
        (
            "A: Auf welchen Namen darf ich das eintragen?",
            "U: Auf Sommer. Wie die Jahreszeit. Ute Sommer.",
        ),
        ("Ute Sommer", None),
        id="a-likeness-remark-between-surname-and-full-name",
    ),
    pytest.param(
        (
            "A: Wie ist Ihr Name?",
            "U: kowaltschuk mit t s c h marta kowaltschuk",
            "A: Danke, Frau Kowaltschuk.",
        ),
        ("Marta Kowaltschuk", None),
        id="a-surname-answer-then-the-full-name",
    ),
    pytest.param(
        (
            "U: ja guten tag ich ruf an für meine mama die heißt waltraud brückner die kann "
            "nicht mehr so gut laufen",
            "A: Dr. Lindner kann am Freitag um elf einen Hausbesuch machen.",
            "U: das wär gut",
            "A: und wie ist ihr name für rückfragen",
            "U: ach ich bin nur der sohn schreiben sie einfach brückner waltraud",
        ),
        (None, "Waltraud Brückner"),
        id="the-person-booked-for-given-as-the-callers-name",
    ),
    pytest.param(
        (
            "U: Hallo, hier ist Anja. Ich rufe wegen meiner Tochter an, die hat Fieber.",
            "A: Das tut mir leid. Für wen soll der Termin sein?",
            "U: Für meine Tochter. Nowak, Lea. Lea ist der Vorname.",
        ),
        ("Anja", "Lea Nowak"),
        id="for-whom-then-the-name-surname-first",
    ),
    pytest.param(
        (
            "U: Guten Tag, ich bin Tobias Rainer, ich kümmere mich um Herrn Faller, Eduard Faller. "
            "Er ist Patient bei Ihnen und braucht ein Rezept.",
        ),
        ("Tobias Rainer", "Eduard Faller"),
        id="a-neighbour-named-after-herrn-is-not-the-caller",
    ),
    pytest.param(
        (
            "U: Hallo, hier ist die Sanitätshaus Kröger GmbH, Wiebke Kröger am Apparat.",
            "A: Hallo Frau Kröger, worum geht es?",
            "U: Es geht um die Einlagen für einen Patienten von Dr. Lindner, Herrn Voss, Arne "
            "Voss. Die sind fertig, er kann sie anprobieren.",
        ),
        ("Wiebke Kröger", "Arne Voss"),
        id="a-patient-of-the-doctor-named-by-a-supplier",
    ),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        *SWISS_ARTICLES_SLIPS_AND_SUPPLIERS,
        *FARMS_FIRMS_ABROAD_AND_DOUBLED_LETTERS,
        *CORRECTIONS_FORMER_NAMES_AND_FOR_WHOM,
        *MARKS_AND_CORRECTED_SPELLINGS,
        *GREETINGS_RELATIVES_AND_DOUBLE_NAMES,
        *PARTICLES_SLIPS_AND_READ_BACKS,
        *SPELLINGS_LABELS_AND_COLLEAGUES,
        *CLIENTS_CARERS_AND_FORMS,
        *WHO_IS_WHO,
        *OTHER_CULTURES_AND_INSTITUTIONS,
        *INSTITUTIONS_FIRST,
        *WORD_SURNAMES_THE_DIALOGUE_CONFIRMS,
        *NAMES_SAID_IN_TWO_FORMS,
    ],
)
def test_fresh_blind_classes(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Darf ich noch wissen, mit wem ich spreche?",
        "Darf ich fragen, wer anruft?",
        "Und mit wem rede ich?",
        "Sagen Sie mir noch, wer dran ist?",
        "Entschuldigung, wie war der Name?",
        "Wie war noch mal der Name?",
        "Darf ich zur Sicherheit den vollen Namen noch einmal haben?",
    ],
)
def test_indirect_name_questions_are_name_questions(question: str) -> None:
    """The bare answer to an indirect "mit wem ich spreche" is the caller's name; a colleague
    named earlier for the appointment is not."""
    assert classify_ask(question) == "name"
    turns = call(
        "U: Ich rufe für einen Kollegen an, den Jens Ohlsen, der hat sich das Knie verdreht.",
        "A: Dr. Lindner hätte morgen um neun Zeit.",
        "U: Das passt, ich bringe ihn hin.",
        f"A: Gut, dann trage ich Herrn Ohlsen ein. {question}",
        "U: Brandes, Tobias Brandes. Danke.",
    )
    assert names(turns)[0] == "Tobias Brandes"


@pytest.mark.parametrize(
    "former",
    [
        "Früher hieß ich mal Lindemann, Sabine Lindemann, falls Sie mich so finden.",
        "Da hieß ich aber noch Lindemann. Sabine Lindemann.",
        "Mein Mädchenname ist Lindemann, Sabine Lindemann, so steht es vielleicht noch drin.",
        "Sabine Lindemann war ich damals, vor der Hochzeit.",
    ],
)
def test_a_former_name_in_any_of_its_forms_is_not_the_callers_name(former: str) -> None:
    turns = call(
        f"U: Guten Tag, hier ist Sabine Krüger. Ich war schon mal bei Ihnen. {former}",
        "A: Danke, Frau Krüger. Worum geht es?",
        "U: Um eine Kontrolle. Bitte auf Krüger eintragen.",
    )
    assert names(turns) == ("Sabine Krüger", None)


def test_a_split_word_after_a_name_does_not_join_it() -> None:
    turns = call(
        "U: hallo hier ist der ole jansen ich ruf an für meine mutter",
        "A: Gerne. Wie heißt Ihre Mutter?",
        "U: karla jansen ge boren am dritten mai neunzehnhundertvierzig",
    )
    assert names(turns) == ("Ole Jansen", "Karla Jansen")


def test_a_patient_who_is_only_the_callers_surname_is_no_patient() -> None:
    """ "Nowakowska, mit a am Ende, mein Mann heißt Nowakowski": the caller's own surname."""
    turns = call(
        "A: Auf welchen Namen soll ich den Termin eintragen?",
        "U: Nowakowska, Agnieszka.",
        "A: Ich habe Nowakowski notiert, ist das richtig?",
        "U: Nein, mit a am Ende, Nowakowska. Mein Mann heißt Nowakowski.",
    )
    assert names(turns) == ("Agnieszka Nowakowska", None)


def test_a_hotel_guest_is_whom_the_appointment_is_for() -> None:
    turns = call(
        "U: Grüß Gott, hier ist die Rezeption vom Parkhotel. Ein Gast von uns bräuchte heute "
        "noch einen Termin.",
        "A: Gerne. Auf welchen Namen darf ich eintragen?",
        "U: Auf den Namen vom Gast, Frau Sigrid Holmberg.",
        "A: Danke. Und wer ruft vom Hotel an?",
        "U: Rufen Sie einfach die Rezeption an.",
    )
    assert names(turns) == (None, "Sigrid Holmberg")


def test_part_of_the_full_name_said_again_keeps_the_full_name() -> None:
    turns = call(
        "U: Guten Tag, mein Name ist João dos Santos Ferreira, ich brauche einen Termin.",
        "A: Auf welchen Namen läuft die Akte?",
        "U: Auf mich, dos Santos Ferreira.",
        "A: Danke, Herr dos Santos Ferreira.",
    )
    assert names(turns)[0] == "João dos Santos Ferreira"


def test_the_surname_repeated_after_a_first_name_question_stays_the_surname() -> None:
    turns = call(
        "U: Ja, Tach. Öztürk, Mehmet Ali. Ich bräuchte n Termin, der Rücken.",
        "A: Gute Besserung, Herr Öztürk. Ihr Vorname ist Mehmet Ali und Ihr Nachname Öztürk?",
        "U: Genau, Mehmet Ali is der Vorname, beides. Öztürk mit zwei Ö-Strichen.",
    )
    assert names(turns)[0] == "Mehmet Ali Öztürk"


def test_a_relative_named_after_the_clause_that_books_them_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag. Ich möchte gern meinen Vater anmelden, Herbert Kuhnke. Er hat seit "
        "Tagen Schwindel.",
        "A: Das machen wir. Und mit wem spreche ich?",
        "U: Mit seiner Tochter. Ich kümmere mich um die Termine.",
    )
    assert names(turns) == (None, "Herbert Kuhnke")


def test_a_care_role_after_ich_bin_is_no_surname() -> None:
    """ "ich bin der Pfleger, Sven": the role ("Pfleger" is also a surname), then the name."""
    turns = call(
        "U: Guten Tag, Pflegedienst Lindenhof. Ich rufe für eine Klientin an, Frau Ilse Brandt.",
        "A: Gerne. Wer ist Ihr Ansprechpartner beim Pflegedienst?",
        "U: Ich, also ich bin der Pfleger, Sven. Den Nachnamen brauchen Sie nicht.",
        "A: Danke, Sven. Dr. Lindner kommt am Donnerstag.",
    )
    caller, patient = names(turns)
    assert caller in (None, "Sven") and patient == "Ilse Brandt"


def test_a_first_name_and_a_firm_are_not_put_together_as_a_name() -> None:
    turns = call(
        "U: Ja, hallo Anna, hier is Jana von Gerüstbau Krämer. Ich hab mir den Rücken verhoben.",
        "A: Gute Besserung, Jana. Und Ihr Nachname?",
        "U: Ach, schreiben Se Jana, Gerüstbau Krämer, die kennen mich hier alle.",
        "A: In Ordnung, Jana.",
    )
    assert names(turns)[0] in (None, "Jana")


def test_the_answer_to_the_name_of_the_callers_relative_is_the_patients() -> None:
    turns = call(
        "U: Guten Tag. Ich rufe für meine Nachbarin an, die Frau Gerber, ihr Knie ist dick.",
        "A: Das klären wir. Wie lautet der vollständige Name Ihrer Nachbarin?",
        "U: Hedwig Gerber. Sie wohnt über mir.",
        "A: Danke. Und wie ist Ihr Name?",
        "U: Das ist nicht so wichtig, ich bin nur die Nachbarin.",
        "A: Gut. Dann ist Frau Hedwig Gerber für Freitag eingetragen.",
    )
    assert names(turns) == (None, "Hedwig Gerber")


def test_labels_after_the_words_say_which_part_is_which() -> None:
    turns = call(
        "A: Wie ist Ihr Name, bitte?",
        "U: ioannidis dimitrios also dimitrios vorname ioannidis nachname",
    )
    assert names(turns)[0] == "Dimitrios Ioannidis"


def test_an_analysis_naming_one_person_in_both_roles_names_no_caller() -> None:
    turns = call(
        "U: ja moin ich ruf an für meine mutter die sieht so schlecht",
        "A: Ist Ihre Mutter schon Patientin bei uns?",
        "U: ja ja schon lange bei frau doktor albers hannelore jürgens heißt sie",
        "A: Danke. Ich habe Frau Hannelore Jürgens gefunden. Dr. Albers hätte Mittwoch frei.",
        "U: ja ich bring sie hin mittwoch neun uhr passt",
    )
    analysis = {"caller_full_name": "Hannelore Jürgens", "patient_full_name": "Hannelore Jürgens"}
    assert names(turns, analysis=analysis)[0] is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # "für mich und meinen Mann": the appointment is the caller's own, the husband comes too.
        (
            (
                "U: Guten Tag. Ich heiße Olena Bondarenko. Ich brauche eine Beratung für mich "
                "und meinen Mann Taras.",
                "A: Gern, Frau Bondarenko. Herr Böhme hat Freitag um 10 Uhr frei.",
                "U: Ja, Freitag geht.",
            ),
            ("Olena Bondarenko", None),
        ),
        # The agent's name after the greeting is said to the agent, not the caller's first name.
        (
            (
                "U: jo grüezi lea brunner do",
                "A: Möchten Sie mit Frau Brunner sprechen?",
                "U: nei nei ich ha e frag wäge de rechnig",
            ),
            (None, None),
        ),
    ],
)
def test_who_the_appointment_is_for_and_who_is_greeted(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    result = extract_names(call(*lines), agent_names=["Lea"], staff_names=["Frau Brunner"])
    assert (result.caller_name, result.patient_name) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Said in the home order, then restated "auf Deutsch": the German order holds.
        (
            (
                "U: Guten Tag. Nagy Réka, also auf Deutsch Réka Nagy. Ich brauche einen Termin.",
                "A: Gern, Frau Nagy. Wofür denn?",
            ),
            "Réka Nagy",
        ),
        (
            (
                "A: Wie ist Ihr Name?",
                "U: Lee Min-jun. Also Min-jun Lee auf Deutsch.",
            ),
            "Min-jun Lee",
        ),
        # The part after the hyphen said again with a hint is no new surname.
        (
            (
                "A: Wie ist Ihr Name?",
                "U: Al-Masri. Karim Al-Masri. Al, Bindestrich, Masri mit einem s.",
            ),
            "Karim Al-Masri",
        ),
        # ASR split the surname, then the caller said the name whole.
        (
            ("U: moin ja äh hier is peter sen lars petersen mir is ne füllung rausgefallen",),
            "Lars Petersen",
        ),
    ],
)
def test_restated_names_and_parts_said_again(lines: tuple[str, ...], expected: str) -> None:
    assert (names(call(*lines))[0] or "").casefold() == expected.casefold()  # as scored


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A vet's agent asks the pet's name: a dog breed is no patient, the dog is no person.
        (
            (
                "A: Tierklinik am Park, hier ist Jonas. Wie kann ich helfen?",
                "U: Grüß Gott, unser Hund hinkt seit gestern.",
                "A: Oh je. Wie heißt denn der Hund?",
                "U: Der heißt Balu, a Golden Retriever, fünf Johr.",
                "A: Und auf welchen Namen darf ich eintragen?",
                "U: Ah, i ruf nachher nochmal an, danke.",
            ),
            (None, None),
        ),
        # An answer to the surname question that is a noun phrase ("mit dem abgebrochenen
        # Nagel") names nobody.
        (
            (
                "U: hallo hier is die yvonne mir ist ein nagel abgebrochen",
                "A: Wie ist Ihr Nachname, damit ich Sie finde?",
                "U: ach schreib einfach yvonne mit dem eingerissenen Nagel Hihi",
            ),
            ("Yvonne", None),
        ),
        # The caller offers to spell the surname, then spells it unasked; the agent reads it
        # back and the caller confirms.
        (
            (
                "U: Guten Tag, ich heiße Ewa, und mein Nachname ist schwer, ich buchstabiere.",
                "A: Gern.",
                "U: K wie Kaufmann, R wie Richard, Z wie Zeppelin, Y wie Ypsilon, "
                "Z wie Zeppelin, A wie Anton, N wie Nordpol, O wie Otto, W wie Wilhelm, "
                "S wie Siegfried, K wie Kaufmann, A wie Anton.",
                "A: Danke, Frau Ewa Krzyzanowska, richtig?",
                "U: Genau.",
            ),
            ("Ewa Krzyzanowska", None),
        ),
    ],
)
def test_pets_noun_phrases_and_offered_spellings(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Labels before the words, the surname said first in the opening: the labels decide.
        (
            (
                "U: hallo ja äh nguyen thanh ich brauch einen termin zum haareschneiden",
                "A: Können Sie mir Ihren Namen bitte noch einmal sagen?",
                "U: ja also vorname thanh nachname nguyen",
                "A: Danke, Herr Nguyen.",
            ),
            "Thanh Nguyen",
        ),
        (
            (
                "U: guten tag kowalczyk agnieszka ich hab eine frage zur rechnung",
                "A: Ist Kowalczyk Ihr Nachname?",
                "U: ja genau nachname kowalczyk vorname agnieszka",
            ),
            "Agnieszka Kowalczyk",
        ),
        # Swiss "X isch de Vorname, Y isch Nachname": the verb points back.
        (
            (
                "U: grüezi berisha driton ich bruuch en termin",
                "A: Gern, Herr Driton. Was für Beschwerden haben Sie?",
                "U: nei driton isch de vorname berisha isch nachname es isch de rugge",
                "A: Entschuldigung, Herr Berisha.",
            ),
            "Driton Berisha",
        ),
        # A first-name label names first names only: "un" (Palatinate "und") ends it.
        (
            (
                "U: jo hier is hoffstätter ich hätt gern en termin",
                "A: Darf ich Ihren Vornamen haben?",
                "U: ei de vorname is gerhard un geboren bin ich im mai",
                "A: Danke, Herr Hoffstätter.",
            ),
            "Gerhard Hoffstätter",
        ),
        # Clean speech keeps a two-word first name after its label.
        (
            ("U: Guten Tag, hier ist Pham. Familienname Pham, Vorname ist Thu Trang.",),
            "Thu Trang Pham",
        ),
    ],
)
def test_labels_before_or_after_the_words_hold_their_direction(
    lines: tuple[str, ...], expected: str
) -> None:
    assert names(call(*lines))[0] == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Swiss German: "mini Mueter" is "meine Mutter"; the caller speaks for her.
        (
            (
                "U: grüezi ich rüef a für mini mueter d rosmarie vögtli si hät e verordnig",
                "A: Gern. Frau Vögtli, mit Ö?",
                "U: jo genau vögtli v ö g t l i",
                "A: Darf ich noch Ihren Namen für Rückfragen haben?",
                "U: nei das bruuchts nöd",
            ),
            (None, "Rosmarie Vögtli"),
        ),
        # Bavarian "Muadda", Austrian "Vatta": the same.
        (
            (
                "U: servus i bräucht an termin für mei muadda die hildegard brandl",
                "A: Gerne. Und Ihr Name?",
                "U: des passt scho i bin eh ned dabei",
            ),
            (None, "Hildegard Brandl"),
        ),
        # "mit mim Ma" ("with my husband") is no name.
        (
            (
                "U: grüezi ich hätt gärn e termin für e beratig",
                "A: Darf ich Ihren Namen aufnehmen?",
                "U: jo guet also ich lueg no schnell mit mim ma und rüef denn zrugg gäll",
            ),
            (None, None),
        ),
    ],
)
def test_relatives_in_swiss_and_bavarian_german(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_pharmacist_with_a_title_calls_for_a_customer() -> None:
    turns = call(
        "U: Grüß Gott, Magister Huemer von der Hirschen-Apotheke. Ich hab einen Kunden bei mir.",
        "A: Verstehe. Wie heißt der Herr?",
        "U: Gschwandtner, Johann. Er steht neben mir.",
        "A: Morgen um 11 Uhr wäre frei.",
        "U: Moment... Herr Gschwandtner, morgen um elf? ... Ja, er nickt, passt.",
    )
    assert names(turns) == ("Huemer", "Johann Gschwandtner")


def test_a_call_for_the_neighbour_books_the_neighbour() -> None:
    """ "Ich rufe für meine Nachbarin an": the name the appointment goes under is hers."""
    turns = call(
        "U: Grüezi. Ich rufe für meine Nachbarin an, sie hat kein Telefon mehr.",
        "A: Gerne. Auf welchen Namen soll ich den Termin eintragen?",
        "U: Auf Frau Sonntag. Margrit Sonntag.",
        "A: Dann ist Frau Margrit Sonntag eingetragen. Darf ich noch Ihren Namen notieren?",
        "U: Ach, das ist nicht nötig, sie weiss ja Bescheid.",
    )
    assert names(turns) == (None, "Margrit Sonntag")


def test_a_neighbour_who_recommended_the_practice_is_only_mentioned() -> None:
    turns = call(
        "U: Meine Nachbarin, Frau Sommer, hat Sie empfohlen. Ich bräuchte einen Termin.",
        "A: Gerne. Wie ist Ihr Name?",
        "U: Brigitte Lorenz.",
    )
    assert names(turns) == ("Brigitte Lorenz", None)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # "X, also Y": the caller says the name again in full; the full form is the name.
        (
            (
                "U: ja griaß di i tat für mei frau an termin brauchen zum färben",
                "A: Auf welchen Namen darf ich buchen?",
                "U: auf die frau also oberhofer waltraud",
                "A: Danke. Und wie ist Ihr Name, falls wir zurückrufen müssen?",
                "U: i bin der luis also alois oberhofer gell",
            ),
            ("Alois Oberhofer", "Waltraud Oberhofer"),
        ),
        (
            (
                "U: Grüß Gott. Mei Mann, der Poldi, also der Leopold Swoboda, der hätt morgen an "
                "Termin, aber der kann ned.",
                "A: Soll ich den Termin verschieben?",
                "U: Ja bitte, auf nächste Woche.",
            ),
            (None, "Leopold Swoboda"),
        ),
        (
            (
                "U: Hallo, hier ist Müller, also Anna Müller.",
                "A: Was kann ich für Sie tun?",
                "U: Ich bräuchte einen Termin.",
                "A: Gern, Frau Müller.",
            ),
            ("Anna Müller", None),
        ),
        # "also" before the rest of the sentence changes nothing.
        (
            (
                "U: Hallo, hier ist Anna Müller, also ich bräuchte einen Termin.",
                "A: Gerne, Frau Müller.",
            ),
            ("Anna Müller", None),
        ),
    ],
)
def test_a_name_said_again_in_full_after_also(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_the_name_asked_again_is_an_answer() -> None:
    """ "Entschuldigung, wie war der Name?" asks for the name again; the spelling answers it."""
    turns = call(
        "U: dobryj den guten tag ich bin hry horenko oksana",
        "A: Entschuldigung, wie war der Name?",
        "U: hryhorenko ein wort h r y h o r e n k o und vorname oksana",
        "A: Danke, Frau Hryhorenko. Worum geht es?",
        "U: ich brauche einen termin",
    )
    assert names(turns) == ("Oksana Hryhorenko", None)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The daughter hands the phone to her father and takes it back.
        (
            (
                "U: Grüß Gott, Brigitte Haslinger. Ich ruf wegen meinem Vater an, sein Hörgerät "
                "pfeift.",
                "A: Auf welchen Namen läuft das Hörgerät?",
                "U: Auf ihn, warten S', ich geb ihn Ihnen kurz.",
                "U: Jo, hallo? Hier Haslinger Franz. Des pfeift, i hör gar nix mehr.",
                "A: Grüß Gott, Herr Haslinger. Mittwoch um zehn Uhr wäre frei.",
                "U: Da bin wieder i, die Tochter. Mittwoch um zehn geht.",
            ),
            ("Brigitte Haslinger", "Franz Haslinger"),
        ),
        # A mother lets her son say hello, then gives both names.
        (
            (
                "U: grüß gott i bräucht an termin für mein sohn für an sehtest",
                "A: Wie alt ist Ihr Sohn?",
                "U: neun lukas sag amal hallo",
                "U: hallo ich bin der lukas",
                "U: so gib her entschuldigung ja lukas pichler und i bin die mama die pichler "
                "sandra",
                "A: Danke, Frau Pichler. Samstag um 10 Uhr?",
                "U: samstag is super",
                "A: Dann ist Lukas Pichler für Samstag, 10 Uhr, eingetragen.",
            ),
            ("Sandra Pichler", "Lukas Pichler"),
        ),
        # "… einen Termin machen, Gerhard Janssen": the husband booked.
        (
            (
                "U: Moin. Ich wollt für meinen Mann 'nen Termin machen, Gerhard Janssen. Der hat "
                "seine Brille kaputtgemacht.",
                "A: Darf ich auch Ihren Namen notieren?",
                "U: Ich bin die Frau. Rufen Se einfach auf meinem Handy an.",
            ),
            (None, "Gerhard Janssen"),
        ),
    ],
)
def test_the_phone_handed_on_and_the_relative_after_the_booking_clause(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_relative_who_has_an_appointment_of_their_own_is_only_mentioned() -> None:
    """ "Mein Mann Holger hat auch einen Termin": the call is about the caller's own."""
    turns = call(
        "U: Moin, Krause hier. Ich hab morgen bei Ihnen den Termin, ich wollte was fragen.",
        "A: Auf welchen Vornamen läuft der Termin?",
        "U: Dagmar Krause. Mein Mann Holger hat auch einen Termin, aber erst nächste Woche.",
        "A: Gefunden, Frau Krause.",
    )
    assert names(turns) == ("Dagmar Krause", None)


def test_a_relative_who_needs_an_appointment_too_is_the_patient() -> None:
    turns = call(
        "U: Hallo, Dagmar Krause hier. Mein Mann Holger braucht auch einen Termin.",
        "A: Gerne, für Ihren Mann Holger Krause.",
    )
    assert names(turns)[1] == "Holger Krause"


def test_a_call_that_is_not_about_an_appointment_has_no_patient() -> None:
    """A lab calls about a patient's crown: nobody is booked, so there is no patient."""
    turns = call(
        "U: Moin, hier ist das Dentallabor Förde-Keramik. Ist Dr. Lindner zu sprechen?",
        "A: Dr. Lindner ist in einer Behandlung. Worum geht es denn?",
        "U: Es geht nicht um einen Termin. Die Krone für die Patientin Ketelsen ist fertig, und "
        "wir bräuchten noch die Farbnummer.",
        "A: Ich gebe das weiter.",
    )
    assert names(turns) == (None, None)


def test_the_patients_surname_confirmed_is_not_the_callers() -> None:
    """The grandson gives his first name only; "Hinterberger" confirms the grandfather's."""
    turns = call(
        "U: Servus, i bin da Tobias, der Enkel vom Hinterberger Alois. Mei Opa bräucht an "
        "Termin wegen seim Star.",
        "A: Gern. Ihr Großvater heißt Alois Hinterberger?",
        "U: Jo genau. Hinterberger, wie ma's schreibt.",
        "A: Und Sie sind Tobias. Darf ich auch Ihren Nachnamen haben?",
        "U: Na, Tobias passt scho.",
        "A: Dann hätte ich für Herrn Hinterberger einen Termin am 12. März um 9 Uhr.",
    )
    assert names(turns) == ("Tobias", "Alois Hinterberger")


def test_a_first_name_said_in_syllables_then_spelled_stays_the_first_name() -> None:
    turns = call(
        "U: hello guten tag ich habe rezept für krankengymnastik",
        "A: Gern. Wie ist Ihr Name?",
        "U: chi nedu o kon kwo",
        "A: Entschuldigung, können Sie das buchstabieren?",
        "U: chinedu c h i n e d u und okonkwo o k o n k w o",
        "A: Danke, Herr Okonkwo. Dann trage ich Chinedu Okonkwo ab Montag, 18 Uhr, ein.",
    )
    assert names(turns) == ("Chinedu Okonkwo", None)


def test_the_wife_who_opens_with_the_shared_surname_is_the_caller() -> None:
    turns = call(
        "U: Ja, Hartmann, guten Tag. Ich rufe für meinen Mann an, Jürgen Hartmann. Er traut "
        "sich nicht, selbst anzurufen.",
        "A: Dann trage ich Herrn Jürgen Hartmann für Mittwoch, 11 Uhr, ein.",
    )
    assert names(turns) == ("Hartmann", "Jürgen Hartmann")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A dialect word after the first name, never taken up by the agent: no name at all.
        (
            (
                "U: grüezi do isch d jolanda gopferdori ich hett gern en termin",
                "A: Grüezi. Am Dienstag um neun wäre etwas frei.",
                "U: jo das passt",
                "A: Gut, dann ist der Termin eingetragen. Auf Wiederhören!",
            ),
            None,
        ),
        # The agent takes it up, even misheard: the surname was heard.
        (
            (
                "U: Guten Tag, mein Name ist Dimitrios Papadopoulos.",
                "A: Danke, Herr Papadopulos. Was kann ich für Sie tun?",
            ),
            "Dimitrios Papadopoulos",
        ),
        # "du": the agent keeps to first names; a surname is not expected back.
        (
            (
                "U: Hi, hier ist Lukas Eder, hast du heute noch was frei?",
                "A: Servus Lukas! Um 17 Uhr hätte ich noch was. Passt dir das?",
            ),
            "Lukas Eder",
        ),
        # Spelled by the caller: the letters are the evidence.
        (
            (
                "A: Wie ist Ihr Name, bitte?",
                "U: Tamara Quandt. Q wie Quelle, U wie Ulrich, A wie Anton, N wie Nordpol, "
                "D wie Dora, T wie Theodor.",
                "A: Vielen Dank. Was kann ich für Sie tun?",
            ),
            "Tamara Quandt",
        ),
    ],
)
def test_a_surname_the_formal_agent_never_takes_up_is_doubted(
    lines: tuple[str, ...], expected: str | None
) -> None:
    assert names(call(*lines))[0] == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A relative named by one word, unasked, that the agent never takes up: no patient.
        (
            (
                "U: Hallo, Krüger hier, Sabine Krüger.",
                "A: Guten Tag, Frau Krüger. Wie kann ich helfen?",
                "U: Ich brauche einen Termin, mein Sohn Paul kommt auch mit, der wartet dann "
                "draußen.",
                "A: Gut, Frau Krüger, Dienstag um neun.",
            ),
            ("Sabine Krüger", None),
        ),
        # The answer to "Wie heißt Ihr Sohn?" stands on its own.
        (
            (
                "U: Hallo, ich möchte meinen Sohn anmelden, Kinderhaarschnitt.",
                "A: Gerne! Wie heißt Ihr Sohn?",
                "U: Noah.",
                "A: Und auf welchen Namen trage ich das ein?",
                "U: Wagner, Julia Wagner.",
            ),
            ("Julia Wagner", "Noah"),
        ),
    ],
)
def test_a_patient_named_by_one_word_needs_a_second_source(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_surname_of_several_words_labelled_and_the_rest_as_first_names() -> None:
    turns = call(
        "A: Gerne. Wie ist Ihr Name?",
        "U: Pereira da Costa, Maria João. Pereira da Costa ist alles Familienname.",
        "A: Danke, Frau Pereira da Costa. Dienstag um zehn wäre frei.",
    )
    assert names(turns)[0] == "Maria João Pereira da Costa"


def test_a_spelled_surname_core_keeps_its_particles() -> None:
    turns = call(
        "U: Buenos días, ich brauche einen Termin für meine Tochter.",
        "A: Gern. Wie heißt Ihre Tochter?",
        "U: Inés de la Cruz. Und de la Cruz, drei Wörter: de, la, Cruz, C-R-U-Z.",
        "A: Danke. Und wie alt ist Inés?",
        "U: Fünf Jahre.",
    )
    assert names(turns)[1] == "Inés de la Cruz"


def test_named_like_the_staff_member_auch_so() -> None:
    """ "ich heiss au so, Patrick Lenz": Swiss "auch", the caller shares a staff surname."""
    turns = call(
        "U: grüezi ich heiss au so äh patrick lenz mir sind nöd verwandt",
        "A: Ah, entschuldigen Sie, Herr Lenz. Worum geht es?",
    )
    result = extract_names(turns, agent_names=["Noah"], staff_names=["Frau Lenz"])
    assert result.caller_name == "Patrick Lenz"


def test_dialect_vo_da_says_where_from() -> None:
    """Bavarian "vo da Zimmerei" is "von der Zimmerei": where from, not a surname "Vo"."""
    turns = call(
        "U: servus do is da sepp vo da zimmerei gschwendtner i hob mir den rücken verrissn",
        "A: Oh je. Wie ist Ihr Nachname?",
        "U: schreibts einfach sepp nei da korbinian kennt mi eh",
    )
    assert names(turns)[0] in (None, "Sepp")


def test_a_vietnamese_surname_vo_stays() -> None:
    turns = call("U: Guten Tag, mein Name ist Vo Thi Lan, ich brauche einen Termin.")
    assert names(turns)[0] is not None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The agent keeps to the first name; the word after it is on no name list: no surname.
        (
            (
                "U: grüezi da isch d vreni ich bi scho bi de frau bachme gsi",
                "A: Grüezi. Und wie ist Ihr Nachname?",
                "U: jo de nachname säg ich nöd gärn am telefon",
                "A: In Ordnung, Vreni. Frau Bachmann hat am Donnerstag um 10 Uhr frei.",
            ),
            "Vreni",
        ),
        # A rare surname the agent takes up stays; so does one the caller says again.
        (
            (
                "U: Hallo, hier ist Vreni Häberlimann.",
                "A: Grüezi Frau Häberlimann, wie kann ich helfen?",
            ),
            "Vreni Häberlimann",
        ),
        (
            (
                "U: Hallo, hier ist Vreni Häberlimann.",
                "A: Hallo Vreni, wie kann ich helfen?",
                "U: Ich hätte gern einen Termin, auf Häberlimann bitte.",
            ),
            "Vreni Häberlimann",
        ),
        # A surname said once that the agent, speaking formally, never takes up is doubted,
        # unless a known first name and a surname the lists know stand there as written: at
        # first sight on blind calls, the doubted ones were words heard as a surname in
        # lower-case speech ("priya ich", "svenja ut").
        (
            (
                "U: Hallo, hier ist Vreni Bachmann.",
                "A: Hallo Vreni, wie kann ich helfen?",
            ),
            "Vreni Bachmann",
        ),
        (
            (
                "U: hallo hier is vreni ut zernez ich hätt gern en termin",
                "A: Gern. Morgen um neun Uhr wäre frei.",
            ),
            None,
        ),
    ],
)
def test_a_surname_no_list_knows_and_the_agent_never_uses_is_dropped(
    lines: tuple[str, ...], expected: str | None
) -> None:
    assert names(call(*lines))[0] == expected


def test_a_later_form_with_the_marks_the_caller_described_wins() -> None:
    turns = call(
        "U: Dobar dan, äh, guten Tag. Jovanovic Dragana, ich brauche eine Überweisung zum "
        "Orthopäden und einen Termin für Blutabnahme.",
        "A: Guten Tag, Frau Jovanovic. Schreibe ich das J-O-V-A-N-O-V-I-C?",
        "U: Fast. Am Ende kein normales C, sondern C mit einem Strich oben drauf. Jovanović.",
        "A: Danke, ich habe es korrigiert: Jovanović. Und Ihr Vorname ist Dragana?",
        "U: Ja, Dragana.",
    )
    assert names(turns)[0] == "Dragana Jovanović"
    # The post-call analysis without the mark agrees on the words, not on the letters.
    analysis = {"caller_full_name": "Dragana Jovanovic"}
    assert names(turns, analysis=analysis)[0] == "Dragana Jovanović"


def test_a_name_before_spricht_opens_the_call_and_talk_about_a_language_does_not() -> None:
    assert names(call("U: Guten Tag, Nagy Eszter spricht. Ich brauche einen Termin.")) == (
        "Eszter Nagy",
        None,
    )
    assert names(
        call("U: Ich brauche einen Termin, weil mein Vater nicht so gut Deutsch spricht.")
    ) == (None, None)


def test_a_label_said_after_a_surname_first_name_keeps_who_is_who() -> None:
    turns = call(
        "U: Ich brauche eine Magenspiegelung.",
        "A: Gern. Wie darf ich Sie eintragen?",
        "U: Szabó Katalin. Also, Katalin ist der Vorname, Szabó der Familienname.",
        "A: Danke, Frau Szabó.",
    )
    assert names(turns) == ("Katalin Szabó", None)


def test_the_agent_asking_a_childs_surname_by_its_possessive_asks_for_the_patient() -> None:
    turns = call(
        "U: Moin, hier ist Kathrin Fuchs. Mein Sohn Mats hat seit gestern Fieber, und "
        "Ohrenschmerzen.",
        "A: Oh je. Wie alt ist Mats?",
        "U: Vier. Ich hab ihm schon Nurofen-Saft gegeben, aber er weint die ganze Zeit.",
        "A: Dr. Lindner kann ihn heute sehen. Wie ist Mats' Nachname?",
        "U: Auch Fuchs. Mats Fuchs.",
    )
    assert names(turns) == ("Kathrin Fuchs", "Mats Fuchs")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Grüezi. Ich lüüt für min Maa a, de Hansruedi Tobler. Er hät Knieproblem.",
            (None, "Hansruedi Tobler"),
        ),
        (
            "Grüezi, do isch d'Regula. Mi Bueb, dr Jonas, het sit geschter Fieber und bruucht "
            "en Termin.",
            ("Regula", "Jonas"),
        ),
    ],
)
def test_swiss_relatives_are_the_patients(
    line: str, expected: tuple[str | None, str | None]
) -> None:
    assert names(call(f"U: {line}")) == expected


def test_mensch_meier_is_an_exclamation() -> None:
    turns = call(
        "U: Ja, grüß Gott. Ich hätt gern einen Termin zum Färben.",
        "A: Sehr gern. Darf ich zuerst Ihren Namen haben?",
        "U: Ja, also, ähm... Mensch Meier, jetzt klingelt's an der Tür. Moment.",
        "A: Kein Problem, ich warte.",
        "U: Ich ruf nachher nochmal an. Servus.",
    )
    assert names(turns) == (None, None)


@pytest.mark.parametrize(
    ("agent", "asks_name"),
    [
        ("Wie darf ich Sie im Kalender eintragen?", True),
        ("Darf ich noch Ihren vollständigen Namen haben?", True),
        ("Wie darf ich Ihnen helfen?", False),
        ("Soll ich Sie für Dienstag eintragen?", False),
    ],
)
def test_more_ways_to_ask_the_name(agent: str, asks_name: bool) -> None:
    assert (classify_ask(agent) == "name") is asks_name


def test_a_staff_member_with_an_austrian_title_is_not_an_address_to_the_caller() -> None:
    turns = call(
        "U: Ich hätt gern ein Erstgespräch.",
        "A: Gerne. Wie ist Ihr Name?",
        "U: Xylander. X wie Xanthippe, Y wie Ypsilon, L wie Ludwig, A wie Anton, N wie Nordpol, "
        "D wie Dora, E wie Emil, R wie Richard. Vorname Ilka.",
        "A: Danke, Frau Ilka Xylander. Frau Mag. Feurstein hätte am 21. um 13 Uhr Zeit.",
    )
    assert names(turns) == ("Ilka Xylander", None)


def test_a_full_name_is_not_replaced_by_an_ordinary_word_answered_before_it() -> None:
    turns = call(
        "U: Grüezi Anna. Ich wött gern zum Dr. Lindner wäge mim Handgelenk.",
        "A: Gern. Wie ist Ihr Name, bitte?",
        "U: Lustig, mini Tochter heisst au so. Ich bi d'Frau Gubler, Claudia Gubler.",
        "A: Danke, Frau Gubler.",
    )
    assert names(turns) == ("Claudia Gubler", None)


def test_sach_ich_doch_is_no_name_part() -> None:
    turns = call(
        "U: ja hallo hier is die moni ich hab so ne verordnung",
        "A: Mit wem spreche ich denn genau?",
        "U: na moni sach ich doch moni reicht erstma",
    )
    assert names(turns) == ("Moni", None)


def test_a_surname_corrected_after_the_introduction_keeps_the_first_name() -> None:
    turns = call(
        "U: Grüß Gott, hier ist die Katrin Brandl, äh, Schmarrn, Hoffmann, ich hab geheiratet.",
        "A: Herzlichen Glückwunsch, Frau Hoffmann! Worum geht es?",
        "U: Eine Zahnreinigung.",
    )
    assert names(turns) == ("Katrin Hoffmann", None)


def test_a_child_after_fuer_den_in_lower_case_speech_is_the_patient() -> None:
    turns = call(
        "U: ja grüß gott anke fischer hier ich bräucht en termin für den paul der hot so en "
        "ausschlag"
    )
    assert names(turns) == ("Anke Fischer", "Paul")


def test_a_name_taken_back_as_the_daughters_is_not_the_callers() -> None:
    turns = call(
        "U: Hallo, hier ist Lena ... nein, Quatsch, Lena ist meine Tochter. Ich bin Sabine "
        "Hartwig, die Mutter.",
        "A: Kein Problem, Frau Hartwig. Worum geht es?",
        "U: Lena braucht die Vorsorgeuntersuchung.",
        "A: Gern. Wie ist der vollständige Name und das Geburtsdatum Ihrer Tochter?",
        "U: Lena Hartwig, geboren am zwölften Juni zweitausendzwanzig.",
    )
    assert names(turns) == ("Sabine Hartwig", "Lena Hartwig")


def test_a_relative_named_beside_the_callers_own_name_without_a_booking_is_no_patient() -> None:
    turns = call(
        "U: Ich bräuchte Lymphdrainage.",
        "A: Gern. Darf ich Ihren Namen haben?",
        "U: Reiter. Nein, Entschuldigung, Reuter, mit E-U. Reiter ist meine Schwester, die ruft "
        "bei Ihnen auch dauernd an.",
        "A: Kein Problem, Frau Reuter.",
    )
    assert names(turns) == ("Reuter", None)


def test_ohne_bindestrich_keeps_the_name_without_a_hyphen() -> None:
    turns = call(
        "U: Meine Katze frisst nichts.",
        "A: Wie ist Ihr Name?",
        "U: João Pereira da Silva.",
        "A: Können Sie mir den Vornamen buchstabieren?",
        "U: J, O, A mit so einer Welle oben drauf, Tilde sagt man, und O. João. Und Pereira da "
        "Silva ohne Bindestrich, da klein.",
    )
    assert names(turns) == ("João Pereira da Silva", None)


def test_a_split_surname_read_back_joined_and_confirmed_is_one_word() -> None:
    turns = call(
        "U: i bräucht a rezept für mei blutdrucktablette",
        "A: Wie ist Ihr Name, bitte?",
        "U: schmidt ke rainer",
        "A: Herr Schmitke, Rainer, ist das richtig?",
        "U: noi noi mit d t also schmidt mit d t und dann k e",
        "A: Entschuldigung. Also Rainer Schmidtke, S-C-H-M-I-D-T-K-E.",
        "U: jo passt äh ab wann kann i des hole",
    )
    assert names(turns) == ("Rainer Schmidtke", None)


def test_a_relative_who_brings_the_caller_is_no_patient() -> None:
    turns = call(
        "U: griaß gott i hob a problem mit da prothese",
        "A: Dr. Lindner kann morgen um 9 Uhr draufschauen. Geht das?",
        "U: jo morgen um neune des geht mei tochter bringt mi",
        "A: Sehr gut. Dann trage ich Sie ein. Auf welchen Namen?",
        "U: gerlinde schmidt ke",
        "A: Schmidtke, zusammengeschrieben, mit d-t-k-e?",
        "U: jo genau schmidtke zsammgschriebn",
    )
    assert names(turns) == ("Gerlinde Schmidtke", None)


@pytest.mark.parametrize(
    ("line", "caller"),
    [
        ("Grüß Gott, do isch d'Bühler, Heidrun Bühler. I ruf wega meim Bua a.", "Heidrun Bühler"),
        (
            "Grüezi, da isch d'OSKK, d'Ostschwiizer Krankekasse, Abteilig Leistige. Min Name "
            "isch Dominik Rüegg.",
            "Dominik Rüegg",
        ),
        (
            "Tach och. Ich heiße Jens … äh nä, dä Jens is minge Broder. Ich bin dä Dirk, Dirk "
            "Schnitzler.",
            "Dirk Schnitzler",
        ),
        ("Moin, Broder Jensen hier.", "Broder Jensen"),
    ],
)
def test_dialect_introductions(line: str, caller: str) -> None:
    assert names(call(f"U: {line}"))[0] == caller


def test_staff_with_a_kinship_title_is_no_relative() -> None:
    """ "die Schwester Anett weiß, wer ich bin" with the nurse "Schwester Anett" on the staff."""
    turns = call(
        "U: ja ich bräucht n termin wegen meinem schwindel",
        "A: Auf welchen Namen darf ich das eintragen?",
        "U: ach die schwester anett weiß wer ich bin ich komm einfach vorbei",
    )
    result = extract_names(
        turns, agent_names=AGENTS, staff_names=("Dr. Birgit Kühn", "Schwester Anett")
    )
    assert (result.caller_name, result.patient_name) == (None, None)


def test_the_full_name_of_a_relative_asked_with_namen_is_the_patients() -> None:
    assert classify_ask("Darf ich den vollständigen Namen Ihres Mannes haben?") == "patient"
    # "den vollen Namen" alone asks the caller; "... des Kindes" does not.
    assert classify_ask("Dann bräuchte ich den vollen Namen des Kindes, bitte.") != "name"


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("Wie ist der Nachname von Lea-Sophie, und wie alt ist sie?", "patient"),
        ("Und der Vorname von Herrn Kaya?", "patient"),
        ("Wie ist Ihr Nachname?", "surname"),
        ("Darf ich Ihren Vornamen haben?", "first"),
    ],
)
def test_a_name_asked_of_someone_named_is_the_patients(question: str, ask: str) -> None:
    assert classify_ask(question) == ask


def test_an_answer_taken_back_as_a_former_name_gives_way_to_the_name_after_it() -> None:
    turns = call(
        "U: Ich brauch einen Termin, meine Neurodermitis ist wieder schlimmer.",
        "A: Wie ist Ihr Name, bitte?",
        "U: Lehmann – ach Quatsch, entschuldigen Sie, so hieß ich früher. Strauß, Gabriele Strauß.",
    )
    assert names(turns) == ("Gabriele Strauß", None)


def test_a_firm_introduces_itself_and_the_caller_introduces_herself_later() -> None:
    turns = call(
        "U: Guten Tag, hier ist Hagemann Logistik aus Wismar. Wir bräuchten für einen "
        "unserer Fahrer einen Termin.",
        "A: Das machen wir. Wie heißt der Fahrer?",
        "U: Olaf Brinkmann.",
        "A: Dann brauche ich noch einen Ansprechpartner für die Rechnung.",
        "U: Ach so, entschuldigen Sie, ich hab mich gar nicht vorgestellt. Carola Tiedemann, "
        "Fuhrparkleitung.",
        "A: Danke, Frau Tiedemann.",
    )
    assert names(turns) == ("Carola Tiedemann", "Olaf Brinkmann")


def test_a_split_surname_said_again_whole_replaces_the_split_one() -> None:
    turns = call(
        "U: ja hallo ich hab ne verordnung für krankengymnastik",
        "A: Sehr gut. Wie ist Ihr Name?",
        "U: ja hier ist äh katharina schmidt ke",
        "A: Entschuldigung, war das Schmidt oder Schmidtke?",
        "U: schmidtke genau mit k e am ende",
        "A: Danke, Frau Schmidtke.",
    )
    assert names(turns) == ("Katharina Schmidtke", None)


def test_the_agent_asking_which_frau_x_asks_for_the_patient() -> None:
    turns = call(
        "U: Griaß Ihna, do is da Fahrdienst vom Roten Kreuz. I hob do a Frau Leitner, de mia "
        "imma am Dienstag zu Ihna bringan.",
        "A: Ja, ich sehe einen Termin am Dienstag. Welche Frau Leitner ist das genau?",
        "U: De Hermine, Hermine Leitner, aus Ybbs. Nächsten Dienstag geht's ned.",
        "A: Darf ich noch Ihren Namen für die Notiz haben?",
        "U: Ah geh, i bin nur da Fahrer, schreiben S' einfach Rotes Kreuz Amstetten.",
    )
    assert names(turns) == (None, "Hermine Leitner")


def test_a_law_firms_assistant_calls_for_a_client() -> None:
    turns = call(
        "U: Guten Tag, hier ist die Kanzlei Dr. Reuter und Kollegen. Ich rufe im Auftrag "
        "unseres Mandanten an, Herrn Dragan Jovanović.",
        "A: Das ist möglich. Und mit wem spreche ich?",
        "U: Koch, wie der Koch in der Küche. Ich bin die Assistentin von Dr. Reuter.",
        "A: Danke, Frau Koch. Ich habe für Herrn Dragan Jovanović den Donnerstag um zehn Uhr.",
    )
    assert names(turns) == ("Koch", "Dragan Jovanović")


def test_a_firm_books_for_a_new_employee_named_after_an_adjective() -> None:
    turns = call(
        "U: Grüß Gott, ich ruf von der Firma Krenn Logistik an. Wir haben einen neuen "
        "Mitarbeiter, den Herrn Dragan Ilić, der braucht eine Untersuchung.",
        "A: Gern. Und mit wem spreche ich?",
        "U: Mit der Personalabteilung von Krenn Logistik.",
    )
    assert names(turns) == (None, "Dragan Ilić")


@pytest.mark.parametrize(
    ("lines", "caller"),
    [
        (
            (
                "A: Wie darf ich Sie notieren?",
                "U: Sabine Meyer Bergmann. Das ist ein Doppelname, mit Bindestrich.",
            ),
            "Sabine Meyer-Bergmann",
        ),
        (
            (
                "A: Auf welchen Namen darf ich den Termin eintragen?",
                "U: Seraina. Eifach Seraina, d'Carla weiss Bescheid.",
                "A: In Ordnung, Seraina.",
            ),
            "Seraina",
        ),
        (
            (
                "U: äh ja hallo hier is äh die ko die konstanze ich hätt gern en termin für "
                "min hund",
                "A: Wie heißen Sie mit Nachnamen?",
                "U: oh sorry der hund zieht grad ich muess ufhöre ich chume eifach am zwöi",
            ),
            "Konstanze",
        ),
        (
            (
                "A: Wie ist Ihr Name?",
                "U: schmal torsten schmal",
                "A: Danke, Herr Schmall, mit zwei l?",
                "U: nee nee nur ein l s c h m a l schmal wie dünn",
            ),
            "Torsten Schmal",
        ),
    ],
)
def test_dialect_words_stutters_and_counted_letters(lines: tuple[str, ...], caller: str) -> None:
    assert names(call(*lines))[0] == caller


def test_a_husband_who_can_drive_the_caller_is_no_patient() -> None:
    turns = call(
        "U: Ich hätte gern einen Kontrolltermin.",
        "A: Gerne. Wie ist Ihr Name, bitte?",
        "U: Sabine Oberholzer.",
        "A: Dr. Lindner hätte am Montag um halb drei einen Termin.",
        "U: Dann nehme ich den Bus. Mein Mann, der Reto Oberholzer, könnte mich sonst auch holen.",
        "A: Gut, Frau Oberholzer, dann bis Montag.",
    )
    assert names(turns) == ("Sabine Oberholzer", None)


def test_a_colleague_named_with_a_care_title_is_not_the_caller() -> None:
    turns = call(
        "U: Guten Tag, hier ist Fuchs vom Pflegedienst Unstrut. Ich rufe für einen Klienten an.",
        "A: Gern. Um wen geht es denn?",
        "U: Um Herrn Gottfried Rinke, seine Prothese drückt.",
        "A: Wie ist Ihr vollständiger Name, damit ich Sie als Begleitperson notieren kann?",
        "U: Sandra Fuchs. Ich bin seine Bezugspflegekraft. Meine Kollegin, die Schwester Anke, "
        "hat morgen frei.",
    )
    assert names(turns) == ("Sandra Fuchs", "Gottfried Rinke")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (
                "U: Ich bräuchte einen Termin zur Vorsorge.",
                "A: Gern. Wie ist Ihr Name, bitte?",
                "U: Wagner, äh, nein, Hoffmann. Ich hab letzten Sommer geheiratet.",
                "A: Unter welchem Namen sind Sie bei uns in der Kartei?",
                "U: Wahrscheinlich noch als Melanie Wagner. Jetzt heiße ich Melanie Hoffmann.",
                "A: Danke, Frau Hoffmann, ich habe es geändert.",
            ),
            ("Melanie Hoffmann", None),
        ),
        (
            (
                "U: Kalimera, guten Tag. Papadopoulos, Konstantinos Papadopoulos. Ich rufe wegen "
                "meiner Mutter an, sie hat Knieschmerzen.",
                "A: Das tut mir leid. Wie heißt Ihre Mutter?",
                "U: Eleni Papadopoulou.",
            ),
            ("Konstantinos Papadopoulos", "Eleni Papadopoulou"),
        ),
        (
            (
                "U: Ick bin der Kalle, also eigentlich Karl-Heinz Rademacher. Mein Hörjerät "
                "pfeift.",
                "A: Das lässt sich sicher beheben, Herr Rademacher.",
            ),
            ("Karl-Heinz Rademacher", None),
        ),
        (
            (
                "A: Wie ist Ihr Name?",
                "U: Rania al-Khatib.",
                "A: Danke. Schreibt man das Al mit großem A?",
                "U: Klein a, l, dann Bindestrich, und Khatib mit K H: K, H, A, T, I, B.",
                "A: Perfekt, Rania al-Khatib.",
            ),
            ("Rania al-Khatib", None),
        ),
        (
            (
                "A: Und wie ist Ihr Name, bitte?",
                "U: Jocelyn dela Cruz. Dela ist klein geschrieben und zusammen.",
                "A: Danke, Frau dela Cruz.",
            ),
            ("Jocelyn dela Cruz", None),
        ),
    ],
)
def test_former_names_phone_intros_and_particles_of_other_languages(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "caller"),
    [
        (
            ("U: Sali, do isch d'Jolanda. Ich ha mit em Reto abgmacht.", "A: Gern, Jolanda."),
            "Jolanda",
        ),
        (
            (
                "U: grüezi da isch d jolanda ich hätt gern en termin zum färbe",
                "A: Darf ich Ihren Nachnamen haben?",
                "U: ah das bruchts nöd d fabienne kennt mi ich bi sit johre stammkundin",
            ),
            "Jolanda",
        ),
        (
            (
                "U: Ach Gottchen, jetzt ist da eine Maschine dran. Na gut. Hier ist die Ilse.",
                "A: Wie ist Ihr Nachname?",
                "U: Sagen Sie einfach, die Ilse mit dem pfeifenden Hörgerät.",
            ),
            "Ilse",
        ),
        (
            ("A: Mit wem spreche ich?", "U: mit em beat gisler", "A: Danke, Herr Gisler."),
            "Beat Gisler",
        ),
        (
            (
                "A: Wie ist Ihr Name?",
                "U: gerd schmidt ke",
                "A: Herr Schmidt, richtig?",
                "U: nee schmidtke mit t k e am ende schmidt ke",
                "A: Danke, Herr Schmidtke.",
            ),
            "Gerd Schmidtke",
        ),
    ],
)
def test_swiss_greetings_and_words_and_a_split_name_said_both_ways(
    lines: tuple[str, ...], caller: str
) -> None:
    assert names(call(*lines))[0] == caller


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (
                "U: Ich rufe von der Wohngruppe Am Deich an. Einer unserer Bewohner braucht einen "
                "Kontrolltermin, Herr Dennis Freitag.",
                "A: Gern. Und mit wem spreche ich?",
                "U: Ich bin nur die Betreuerin vom Frühdienst, mein Name ist da nicht so wichtig.",
                "A: Dann ist Dennis Freitag am Donnerstag um 9 Uhr eingetragen.",
            ),
            (None, "Dennis Freitag"),
        ),
        (
            (
                "U: Guten Tag, Sie sprechen mit Hiltrud Deeken. Ich hab eine Überweisung.",
                "A: Gerne, Frau Deeken. Haben Sie Voraufnahmen bei uns?",
                "U: Ja. Mein Mann, der Bernd Deeken, war letzte Woche auch bei Ihnen, wegen dem "
                "Knie.",
            ),
            ("Hiltrud Deeken", None),
        ),
        (
            (
                "A: Wie heißen Sie bitte?",
                "U: Kerstin Brandt Oehlschläger.",
                "A: Danke. Ist Brandt Ihr Nachname?",
                "U: Nein, beides. Das ist ein Doppelname mit Bindestrich. Brandt mit d-t, und "
                "Oehlschläger mit O-E am Anfang.",
                "A: Verstanden, Brandt-Oehlschläger.",
            ),
            ("Kerstin Brandt-Oehlschläger", None),
        ),
        (
            (
                "U: hallo meine cousine ioana popescu war letzte woche bei ihnen",
                "A: Das freut uns sehr!",
                "U: was kostet das so wie bei meiner cousine mit french und glitzer",
                "A: Eine Neumodellage mit French und Glitzer kostet 65 Euro.",
            ),
            (None, None),
        ),
    ],
)
def test_residents_past_visits_hyphens_read_back_and_what_a_relative_had(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # surname, then the full name, after a greeting and a dialect "da"
            (
                "U: Servus, Gruber da, Anton Gruber. I ruaf für mei Frau an, die Resi Gruber.",
                "A: Gern. Was hat Ihre Frau denn?",
                "U: Rücken halt, wie immer.",
            ),
            ("Anton Gruber", "Resi Gruber"),
        ),
        (  # the same phone habit with a full stop between the two forms
            ("U: Hallo, ähm, guten Tag. Okonkwo. Chidi Okonkwo. Ich brauche einen Termin.",),
            ("Chidi Okonkwo", None),
        ),
        (  # a carer's role without an article: whom she cares for is the patient
            (
                "U: Guten Morgen, ich bin Marta Wiśniewska. Ich bin Pflegerin von Frau Albers, "
                "Gertrud Albers. Sie braucht einen Hausbesuch.",
                "A: Gern. Dr. Lindner könnte am Freitag um zehn Uhr zu Frau Albers kommen.",
            ),
            ("Marta Wiśniewska", "Gertrud Albers"),
        ),
        (  # a neighbour calling for the person next door
            (
                "U: ja guten tag ich bin die nachbarin von herrn brehme walter brehme der kommt "
                "nicht mehr so gut die treppe runter",
                "A: Verstehe. Dr. Lindner macht am Montag Hausbesuche, um elf Uhr bei Herrn "
                "Brehme?",
                "U: ja das is gut danke",
            ),
            (None, "Walter Brehme"),
        ),
    ],
)
def test_phone_intros_after_greetings_and_whom_a_carer_or_neighbour_calls_for(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # the agent asks for the child's surname by the child's first name
            (
                "U: Hallo, hier spricht Svetlana Orlova, ich bin die Tante von Mila.",
                "A: Gern. Wie heißt Mila mit Nachnamen?",
                "U: Mila Hoffmann. Ihre Mutter ist meine Schwester.",
                "A: Danke. Dr. Lindner hätte am Mittwoch um neun Uhr Zeit.",
            ),
            ("Svetlana Orlova", "Mila Hoffmann"),
        ),
        (  # "sein Nachname" asks for the son's, not the caller's
            (
                "U: Guten Tag. Yilmaz, Kemal Yilmaz. Mein Sohn Deniz hat Ohrenschmerzen.",
                "A: Gute Besserung. Wie alt ist Deniz, und wie ist sein Nachname?",
                "U: Sieben. Auch Yilmaz. Deniz Yilmaz.",
            ),
            ("Kemal Yilmaz", "Deniz Yilmaz"),
        ),
        (  # a husband brought along to drive is no patient
            (
                "U: ich hätte gern einen termin zur fußpflege",
                "A: Gern. Dienstag um zehn Uhr?",
                "U: ja gut wenn ich meinen mann mitbringen darf der fährt mich",
                "A: Natürlich. Auf welchen Namen soll ich den Termin eintragen?",
                "U: Lindqvist Ebba Lindqvist",
            ),
            ("Ebba Lindqvist", None),
        ),
        (  # a business named before the family name is not part of the name
            (
                "U: Grüß Gott, Weingut Hackl aus Gols, Hackl Martin, der Sohn.",
                "A: Grüß Gott, Herr Hackl. Was kann ich für Sie tun?",
            ),
            ("Martin Hackl", None),
        ),
        (  # a name heard in parts, then said as one word
            (
                "A: Wie ist Ihr Name?",
                "U: Subra Maniam also zusammen Subramaniam, Kavya Subramaniam.",
                "A: Danke, Frau Subramaniam.",
            ),
            ("Kavya Subramaniam", None),
        ),
    ],
)
def test_third_person_surname_asks_companions_businesses_and_split_names(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # a full name right after the greeting, then a relative booked
            (
                "U: Servus, Moosbrugger Irmgard. Mei Enkel, der Felix Moosbrugger, braucht an "
                "Termin zum Impfen.",
                "A: Gern. Dr. Lindner hätte am Montag um neun Uhr Zeit für Felix.",
                "U: Passt, danke.",
            ),
            ("Irmgard Moosbrugger", "Felix Moosbrugger"),
        ),
        (  # lower-case speech: the surname, the first name, the surname again
            (
                "U: grüß gott sonntag erwin sonntag i bräucht an termin wegen meim knie",
                "A: Gern, Herr Sonntag. Passt Ihnen Mittwoch um zehn Uhr?",
                "U: jo mittwoch passt",
            ),
            ("Erwin Sonntag", None),
        ),
        (  # "hier is die" + surname and first name, as in the South, never echoed
            (
                "U: ja grüß gott hier is die wimmer rosi ich bräucht an termin zur blutabnahme",
                "A: Gern. Morgen um acht Uhr wäre frei.",
                "U: ja des passt",
            ),
            ("Rosi Wimmer", None),
        ),
        (  # the surname first, then asked for the first name
            (
                "U: Ja, Jung hier, guten Tag. Ich bräuchte einen Termin.",
                "A: Gern. Darf ich noch Ihren Vornamen notieren?",
                "U: Ernst. Ernst Jung.",
            ),
            ("Ernst Jung", None),
        ),
        (  # a child and the other parent, both by first name only: no made-up full name
            (
                "U: Grüß Gott, Bachmann Lukas. I ruf wegen meiner Tochter an, der Lena, die hot "
                "Fieber.",
                "A: Das tut mir leid. Wie alt ist Lena?",
                "U: Drei. Mei Frau, d'Sabine, kommt mit ihr.",
                "A: Eingetragen für Lena um 16 Uhr.",
            ),
            ("Lukas Bachmann", "Lena"),
        ),
    ],
)
def test_names_after_greetings_surname_first_and_two_relatives_by_first_name(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # a name said in answer to a question about the caller's wife is hers
            (
                "U: Guten Morgen. Meine Frau hat seit gestern Fieber, deshalb rufe ich an.",
                "A: Das tut mir leid. War Ihre Frau schon einmal bei uns?",
                "U: Ja, öfter. Heike Tamm.",
                "A: Danke. Frau Tamm kann heute um elf Uhr kommen.",
            ),
            (None, "Heike Tamm"),
        ),
        (  # the surname first, then the first name spelled when asked for it
            (
                "U: ja hallo yıldız hier ich hätte gern einen termin",
                "A: Gern. Darf ich noch Ihren Vornamen haben?",
                "U: frau yıldız vorname elif e l i f",
            ),
            ("Elif Yıldız", None),
        ),
        (  # the salutation, the surname, then the first name after a comma
            (
                "A: Mit wem spreche ich?",
                "U: Frau Sommer, Gisela. Ich brauche ein neues Rezept.",
            ),
            ("Gisela Sommer", None),
        ),
    ],
)
def test_answers_about_a_relative_first_names_after_a_surname_and_comma_forms(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # a firm's introduction, then the person and where in the firm
            (
                "U: Guten Tag, hier ist die Bäckerei Sommerfeld aus Kappeln, Jana Ewers aus der "
                "Buchhaltung. Unser Azubi braucht einen Termin.",
                "A: Gern. Um welchen Patienten geht es?",
                "U: Tim Brodersen. Er hat sich in die Hand geschnitten.",
            ),
            ("Jana Ewers", "Tim Brodersen"),
        ),
        (  # a care service names its client by the verb
            (
                "U: Guten Tag, hier ist der Pflegedienst Lindenhof. Wir betreuen Frau Edeltraud "
                "Kasper, die bräuchte einen Termin zur Blutabnahme.",
                "A: Gern. Dr. Lindner hätte Freitag um acht Uhr Zeit.",
            ),
            (None, "Edeltraud Kasper"),
        ),
    ],
)
def test_a_firm_s_caller_and_the_client_named_by_question_or_verb(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # a greeting, a first name and a surname no list knows, then the request
            (
                "U: Servus, Waltraud Kößlbacher, ich bräucht an Termin zur Kontrolle.",
                "A: Gern. Dr. Lindner hätte am Dienstag um zehn Uhr Zeit.",
            ),
            ("Waltraud Kößlbacher", None),
        ),
        (  # the agent mishears; the caller spells the surname right after
            (
                "U: Guten Tag, mein Name ist Jens Köpcke, ich brauche einen Termin.",
                "A: Gern, Herr Kepke. Schreibt man das K-E-P-K-E?",
                "U: Nein. K, Ö, P, C, K, E.",
                "A: Danke. Morgen um neun Uhr ist frei.",
            ),
            ("Jens Köpcke", None),
        ),
    ],
)
def test_unlisted_surnames_after_greetings_and_spelled_corrections_of_the_agent(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # "ihr Name ist" in the caller's mouth is a third person's name
            (
                "U: hallo ich ruf an wegen meinem opa der braucht krankengymnastik",
                "A: Gern. Für wen soll der Termin sein?",
                "U: für meinen opa also sein name ist hüseyin aktaş",
                "A: Danke. Dienstag um zehn Uhr wäre frei.",
            ),
            (None, "Hüseyin Aktaş"),
        ),
        (  # asked for the booking's name, the caller says it is their own too
            (
                "U: ich bräucht einen termin für die hochzeit von meiner schwester",
                "A: Gern. Auf welchen Namen darf ich buchen?",
                "U: auf winter also ich heiß auch winter carla winter",
            ),
            ("Carla Winter", None),
        ),
        (  # a spelling interrupted by a remark on a letter is one surname
            (
                "U: Dobrý den, Dvořáková, Jana. Ich hätte gern einen Termin.",
                "A: Wie schreibe ich Ihren Nachnamen?",
                "U: D, V, O, R mit Hatschek, das ist so ein kleines v oben, A mit Strich, K, O, "
                "V, A mit Strich.",
                "A: Danke, Frau Dvořáková. Dienstag um zehn Uhr?",
            ),
            ("Jana Dvořáková", None),
        ),
        (  # the caller spells a name of two words, saying so
            (
                "A: Wie ist Ihr Name?",
                "U: karim benomar",
                "A: Schreibt man Benomar zusammen?",
                "U: nee ben omar zwei wörter b e n und dann omar o m a r",
            ),
            ("Karim Ben Omar", None),
        ),
    ],
)
def test_third_person_names_own_names_split_spellings_and_two_word_surnames(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_relative_s_surname_said_later_after_the_first_name_completes_the_patient() -> None:
    turns = call(
        "U: Guten Tag, Demir, Hakan Demir. Ich rufe an für meinen Sohn Emir, er hustet seit "
        "einer Woche.",
        "A: Gute Besserung. Wie alt ist Emir?",
        "U: Sieben. Emir Demir, falls Sie ihn suchen.",
        "A: Danke. Morgen um neun Uhr ist frei.",
    )
    assert names(turns) == ("Hakan Demir", "Emir Demir")


def test_a_relative_s_first_name_before_an_ordinary_word_stays_alone() -> None:
    turns = call(
        "U: Guten Tag, Gisela Brandt. Ich rufe für meine Enkelin Mia an.",
        "A: Gern. Was fehlt Mia denn?",
        "U: Mia Fieber hat sie, seit gestern.",
    )
    assert names(turns)[1] == "Mia"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # "it's me again", then the surname-first name
            ("U: ja hallo ick bins nochma der lehmann kevin wegen dem termin",),
            ("Kevin Lehmann", None),
        ),
        (  # a surname, then the greeting, opening the call
            ("U: Brockmann, guten Tag. Ich brauche einen Termin zur Kontrolle.",),
            ("Brockmann", None),
        ),
        (  # a greeting of another language is no name
            (
                "U: Kalimera, guten Tag. Ich brauche einen Termin.",
                "A: Gern. Wie ist Ihr Name?",
                "U: Georgiou, Nikos Georgiou.",
            ),
            ("Nikos Georgiou", None),
        ),
        (  # the relative's first name, then the surname said with its label
            (
                "U: Guten Tag, Almaz Haile. Ich brauche einen Termin für meine Tochter.",
                "A: Gern. Wie heißt Ihre Tochter?",
                "U: Sie heißt Saba, S-A-B-A. Nachname auch Haile.",
            ),
            ("Almaz Haile", "Saba Haile"),
        ),
    ],
)
def test_its_me_again_surname_then_greeting_foreign_greetings_and_labelled_surnames(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # the agent writes the corrected name with its letters
            (
                "U: Guten Tag, mein Name ist Jozef Kral.",
                "A: Danke. Ich habe Jozef Kral notiert. Stimmt das?",
                "U: Fast. Das Z ist ein Z mit Häkchen, und beim Nachnamen hat das A einen Strich.",
                "A: Dann steht jetzt Jožef Král im System. Dienstag um neun Uhr?",
                "U: Ja, passt.",
            ),
            ("Jožef Král", None),
        ),
        (  # a foreign exclamation is no name
            (
                "U: Bonjour. Mon Dieu, ich habe meine Brille verloren.",
                "A: Oh je. Wie ist Ihr Name?",
                "U: Moreau, Camille Moreau.",
            ),
            ("Camille Moreau", None),
        ),
        (  # "mit der Enkelin" answers "Mit wem spreche ich?"
            (
                "U: hallo ich ruf an wegen meinem opa karl brandes der hört so schlecht",
                "A: Das sehen wir uns an. Mit wem spreche ich denn?",
                "U: mit der enkelin jana pohl",
                "A: Danke, Frau Pohl. Morgen um neun Uhr für Herrn Brandes?",
            ),
            ("Jana Pohl", "Karl Brandes"),
        ),
        (  # "Und wer ruft an?" after a call for the husband
            (
                "U: Grüß Gott, i ruf wegen meinem Mann an, Gruber Alois. Er hat Fieber.",
                "A: Dr. Lindner hat um zehn Uhr frei. Und wer ruft an, bitte?",
                "U: Rosa Gruber, seine Frau.",
            ),
            ("Rosa Gruber", "Alois Gruber"),
        ),
        (  # a surname, the firm, then the full name
            (
                "U: Grüß Gott, Pichler von Pichler Reisen, Monika Pichler. Ich brauche einen "
                "Termin.",
            ),
            ("Monika Pichler", None),
        ),
        (  # an office introduces itself with "da ist", then who speaks
            (
                "U: Grüß Gott, da ist das Sekretariat der Volksschule Leoben, Hainzl. Ein "
                "Schüler braucht einen Termin.",
            ),
            ("Hainzl", None),
        ),
    ],
)
def test_recorded_forms_foreign_exclamations_and_who_speaks_for_a_relative_or_an_office(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_spelling_after_the_patient_is_named_spells_the_patient_s_surname() -> None:
    turns = call(
        "U: Olá. Ich brauche einen Termin für meinen Sohn. Er heißt Rui Gonsalwesch.",
        "A: Gerne. Können Sie mir den Nachnamen bitte buchstabieren?",
        "U: G, O, N, C mit Häkchen unten, A, L, V, E, S.",
        "A: Danke. Und wie ist Ihr Name?",
        "U: Ana Pereira, ich bin die Mutter.",
    )
    assert names(turns) == ("Ana Pereira", "Rui Gonçalves")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # Kölsch: "för minge Mann, dä Heinz Pütz"
            (
                "U: Joden Daach, hier es et Gertrud Schmitz. Ich rof an för minge Mann, dä "
                "Willi Schmitz. Dä hät et widder am Knie.",
                "A: Guten Tag, Frau Schmitz. Der Termin ist also für Ihren Mann?",
                "U: Jenau.",
            ),
            ("Gertrud Schmitz", "Willi Schmitz"),
        ),
        (  # Plattdeutsch: "mien Deern"
            (
                "U: Moin, Hinnerk Janssen hier. Dat geiht um mien Deern, Wiebke Janssen, de "
                "hett sik den Foot verknackst.",
                "A: Oh je. Montag um 15 Uhr wäre frei.",
            ),
            ("Hinnerk Janssen", "Wiebke Janssen"),
        ),
    ],
)
def test_kölsch_and_plattdeutsch_relatives(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # the caller corrects the agent: the name after "nicht" is the wrong one
            (
                "U: Tach, Jens Vogt hier. Ich brauche einen Termin.",
                "A: Gern, Herr Voigt. Morgen um neun Uhr?",
                "U: Vogt, ohne i. Nicht Voigt.",
            ),
            ("Jens Vogt", None),
        ),
        (  # "für mich" answers the question for whom
            (
                "U: Hallo, meine Chefin hat gesagt, ich soll hier anrufen.",
                "A: Gerne. Für wen darf ich den Termin eintragen?",
                "U: Für mich. Maricel Santos.",
            ),
            ("Maricel Santos", None),
        ),
        (  # a drug after the Rhenish "misch" (mich) is nobody
            (
                "U: ja guten tag isch bräucht en neues rezept",
                "A: Gern. Für wen ist das Rezept?",
                "U: für misch bisoprolol fünf milligramm",
            ),
            (None, None),
        ),
    ],
)
def test_negated_names_for_myself_and_a_drug_for_me(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_name_the_agent_speaks_of_then_asks_the_callers_name_after_is_the_patients() -> None:
    """A caller names the person the call is about and never their own name: the agent speaks
    of that person in the third person and then asks for the caller's name, so the name is
    not the caller's but the patient's."""
    turns = call(
        "U: Moin, Konrad Albrecht, der hört so schlecht am Telefon, drum ruf ich an.",
        "A: Gerne. Was kann ich für Herrn Albrecht tun?",
        "U: Er braucht einen Termin zur Blutabnahme.",
        "A: Das geht am Donnerstag um acht. Darf ich noch Ihren Namen notieren?",
        "U: Ach, ich bin nur die Nachbarin, ich bring ihn hin.",
    )
    assert names(turns) == (None, "Konrad Albrecht")


def test_a_name_question_after_the_agent_spoke_to_the_caller_by_it_keeps_it() -> None:
    """The agent took the name up as the caller's ("Gerne, Frau X") before it asked for the
    full name: the caller's it stays."""
    turns = call(
        "U: Guten Tag, hier ist Edeltraud Wimmersberger.",
        "A: Gerne, Frau Wimmersberger. Darf ich noch Ihren vollständigen Namen haben?",
        "U: Das hab ich doch gesagt.",
    )
    assert names(turns)[0] == "Edeltraud Wimmersberger"


def test_a_first_name_of_the_other_sex_than_the_agent_speaks_to_is_dropped() -> None:
    """The agent speaks to the caller as "Frau X" while the first name found is a man's: the
    first name is a relative's; the surname the agent used is kept."""
    turns = call(
        "U: Grüß Gott, ich ruf wegen meim Vater an, am Gebhard Ortlieb, dem gehts ned guad.",
        "A: Das tut mir leid, Frau Ortlieb. Kann er morgen um neun kommen?",
        "U: Jo, des passt.",
    )
    caller = names(turns)[0]
    assert caller in (None, "Ortlieb")
    same_sex = call(
        "U: Grüß Gott, Gebhard Ortlieb hier, mir gehts ned guad.",
        "A: Das tut mir leid, Herr Ortlieb. Können Sie morgen um neun kommen?",
        "U: Jo, des passt.",
    )
    assert names(same_sex)[0] == "Gebhard Ortlieb"


def test_the_agents_letters_after_a_spelling_cut_short_by_a_described_mark() -> None:
    """A spelling whose mark is described in words ("S mit Hatschek, also so einem Häkchen
    oben drauf") is cut short there; the agent, who wrote the letters, answers with the whole
    surname, and the caller does not object: the agent's written form stands."""
    turns = call(
        "U: Guten Tag, Milan Hruška hier, ich brauche einen Termin.",
        "A: Gerne, Herr Hruschka. Wie schreibt man das?",
        "U: H wie Heinrich, R wie Richard, U wie Ulrich, S mit Hatschek, also so einem "
        "Häkchen oben drauf, K wie Kaufmann, A wie Anton.",
        "A: Danke, Herr Hruška. Passt Ihnen Dienstag um neun?",
        "U: Ja, passt.",
    )
    assert names(turns)[0] == "Milan Hruška"


def test_a_surname_spelled_whole_is_not_replaced_by_the_agents_longer_form() -> None:
    """A surname the name lists know, spelled letter by letter, stands even where the agent
    then says a longer one ("Horvath" for "Horvat")."""
    turns = call(
        "U: Dobar dan, Marija Horvat, ich brauche einen Termin.",
        "A: Gerne. Wie schreibt man Ihren Nachnamen?",
        "U: H, O, R, V, A, T.",
        "A: Danke, Frau Horvath. Passt Ihnen Dienstag um neun?",
        "U: Ja, passt.",
    )
    assert names(turns)[0] == "Marija Horvat"


def test_a_place_named_after_a_saint_ends_no_sentence() -> None:
    """ "St. Gallen": the abbreviation's dot is no sentence end, so the place is not a name
    standing alone before the caller's."""
    turns = call(
        "U: Grüezi, da ist das Labor Nordost in St. Gallen, Bösch. Es geht um eine Probe von "
        "Ihrem Patienten Urs Meili.",
        "A: Verstehe. Braucht Herr Meili eine neue Blutentnahme?",
        "U: Ja, diese Woche noch.",
        "A: Gut, danke, Herr Bösch.",
    )
    assert names(turns)[0] == "Bösch"


def test_the_agent_states_a_name_first_name_first() -> None:
    """A name put together surname first from "den Herrn Sander, Wilhelm Sander" is turned
    round when the agent says the two words only the other way round."""
    turns = call(
        "U: Moin, ich ruf für meinen Nachbarn an, den Herrn Sander, Wilhelm Sander. Der hört "
        "nicht mehr gut.",
        "A: Verstehe. Herr Wilhelm Sander ist bei uns Patient. Morgen um elf?",
        "U: Ja, da bring ich ihn.",
        "A: Darf ich noch fragen, mit wem ich spreche?",
        "U: Renate Pape, ich wohn nebenan.",
    )
    assert names(turns) == ("Renate Pape", "Wilhelm Sander")


def test_a_word_between_first_name_and_surname_the_agent_leaves_out_is_no_name() -> None:
    """ "lina au keller" (Swiss "au", also) read back by the agent as "Lina Keller"."""
    turns = call(
        "U: grüezi do isch d frau keller ich sött en termin ha für mini tochter",
        "A: Gerne, Frau Keller. Wie heißt Ihre Tochter?",
        "U: lina au keller si isch nüni",
        "A: Gut, dann Lina Keller, heute um halb zwei.",
    )
    assert names(turns)[1] == "Lina Keller"


def test_a_name_given_with_fuer_mich_is_the_callers() -> None:
    """ "Für wen darf ich den Termin eintragen?" - "Für mich. Wie gesagt, Kröger. Jens
    Kröger.": the question asks for a patient, the answer names the caller."""
    turns = call(
        "U: Kröger. Ich wollte fragen, ob Herr Kraus auch Bärte schneidet.",
        "A: Ja, das macht er. Für wen darf ich den Termin eintragen?",
        "U: Für mich. Wie gesagt, Kröger. Jens Kröger.",
        "A: Danke, Herr Kröger. Samstag um neun?",
        "U: Passt.",
    )
    assert names(turns) == ("Jens Kröger", None)


def test_a_compound_client_noun_books_for_someone_else() -> None:
    """ "einen Hotelgast", "eine Stammkundin von uns": a compound ending in a client noun makes
    the name asked for the appointment the client's, not the caller's."""
    turns = call(
        "U: Grüß Gott, da ist das Parkhotel Seeblick, Rezeption, Sie sprechen mit dem Bernhard. "
        "Wir haben einen Hochzeitsgast, der bräuchte am Samstag eine Rasur.",
        "A: Gerne. Auf welchen Namen soll ich den Termin machen?",
        "U: Herr Dr. Konstantin Auer. Er wohnt bei uns in Zimmer zwölf.",
        "A: Dann ist Herr Konstantin Auer am Samstag um acht eingetragen.",
    )
    assert names(turns) == ("Bernhard", "Konstantin Auer")


def test_mit_einer_stammkundin_describes_the_caller() -> None:
    turns = call(
        "U: Guten Tag, ich hätte gern einen Termin zur Kontrolle.",
        "A: Gern. Mit wem spreche ich?",
        "U: Mit einer Stammpatientin, ich war schon oft bei Frau Petersen.",
        "A: Frau Petersen hätte Dienstag um 14 Uhr Zeit. Auf welchen Namen darf ich das eintragen?",
        "U: Ach so, ja, Rosenberg. Elke Rosenberg.",
    )
    assert names(turns) == ("Elke Rosenberg", None)


@pytest.mark.parametrize(
    ("answer", "thanks", "expected"),
    [
        ("Mit Henrik.", "Henrik", "Henrik"),
        ("Mit Frau Brandhuber.", "Frau Brandhuber", "Brandhuber"),
        ("Mit Jens Ohlsen.", "Herr Ohlsen", "Jens Ohlsen"),
    ],
)
def test_an_answer_with_mit_to_mit_wem_spreche_ich(answer: str, thanks: str, expected: str) -> None:
    turns = call(
        "U: Ich hätte gern einen Termin zur Kontrolle.",
        "A: Gern. Mit wem spreche ich?",
        f"U: {answer}",
        f"A: Danke, {thanks}. Passt Ihnen Dienstag um neun?",
        "U: Ja.",
    )
    assert names(turns)[0] == expected


def test_the_agents_letters_in_its_second_turn_after_a_spelling() -> None:
    """The spelling's last letter described in words ("a C mit an Strichl oben") adds letters
    of the description; the agent writes the surname whole a turn later."""
    turns = call(
        "U: Guten Tag, Jovanović, Milena. I brauch an Termin für die Impfung.",
        "A: Gerne, Frau Jovanović. Schreibt man das am Ende mit tsch?",
        "U: Na, J, O, V, A, N, O, V, I, Ć. Am Schluss a C mit an Strichl oben.",
        "A: Danke. Dr. Lindner hat am Dienstag um 15 Uhr Zeit.",
        "U: Passt, danke.",
        "A: Gern, Frau Jovanović, bis Dienstag.",
    )
    assert names(turns)[0] == "Milena Jovanović"


def test_a_name_the_agent_speaks_to_the_caller_by_right_after_it_is_the_callers() -> None:
    """ "Auf welchen Namen?" after a booking that mentioned the children, answered with a name
    the agent at once speaks to the caller by: the caller's, not a patient's. Not so where
    the agent speaks to a mother ("Frau") by a son's surname."""
    turns = call(
        "U: Dienstag früh geht nicht, da bring ich die Kinder in die Schule.",
        "A: Dann trage ich Sie donnerstags um 16:30 Uhr ein. Auf welchen Namen?",
        "U: Korkut, Emine Korkut.",
        "A: Danke, Frau Korkut. Bis Donnerstag.",
    )
    assert names(turns) == ("Emine Korkut", None)
    son = call(
        "U: Grüß Gott, i ruf wegen meim Buam an, der braucht a Kontrolle, Jonas heißt er.",
        "A: Gern. Wie ist der Name Ihres Sohnes?",
        "U: Der Jonas Quirchbauer.",
        "A: Danke, Frau Quirchbauer. Freitag um zwei für Jonas?",
        "U: Passt.",
    )
    assert names(son)[1] == "Jonas Quirchbauer"


def test_a_name_the_caller_speaks_of_as_herrn_is_not_the_callers() -> None:
    """A care service names its patient ("einen Patienten von Ihnen, Herrn Walter Kuhn"):
    no caller calls themself "Herrn", so the name is the patient's."""
    turns = call(
        "U: Guten Tag, hier ist der Ambulante Pflegedienst Sonnental. Wir betreuen einen "
        "Patienten von Ihnen, Herrn Walter Kühnel, und bräuchten einen Hausbesuch.",
        "A: Verstanden. Ich trage Herrn Kühnel für Donnerstag ein.",
        "U: Danke, das passt.",
    )
    assert names(turns) == (None, "Walter Kühnel")


def test_bernese_frou_is_a_salutation() -> None:
    turns = call(
        "U: Grüessech, i lüte wäge dr Frou Rosmarie Kämpfer a, si isch üsi Nachbarin.",
        "A: Gern. Was braucht Frau Kämpfer?",
        "U: E Kontrolle.",
    )
    assert "Frou" not in (names(turns)[1] or "")


def test_every_chosen_name_is_among_the_explained_candidates() -> None:
    """--explain and the calibration look each chosen name up among the candidates, also one
    made after the decision (the patient of a name the agent asked past)."""
    turns = call(
        "U: Moin, Konrad Albrecht, der hört so schlecht am Telefon, drum ruf ich an.",
        "A: Gerne. Was kann ich für Herrn Albrecht tun?",
        "U: Er braucht einen Termin zur Blutabnahme.",
        "A: Das geht am Donnerstag um acht. Darf ich noch Ihren Namen notieren?",
        "U: Ach, ich bin nur die Nachbarin, ich bring ihn hin.",
    )
    result = extract_names(turns, agent_names=AGENTS, staff_names=STAFF)
    assert result.patient_name == "Konrad Albrecht"
    assert any(
        c["role"] == "patient" and c["name"] == result.patient_name for c in result.candidates
    )


def test_a_name_borne_now_makes_the_one_before_a_former_name() -> None:
    """ "Das bin ich, aber ich heiße jetzt Weigand, ich hab geheiratet. Also Ines Weigand.":
    the surname named before is a former one, also where the agent read it back."""
    turns = call(
        "U: Hallo, Schneiderhan hier, ich hatte letztes Jahr bei Ihnen Lymphdrainage.",
        "A: Hallo Frau Schneiderhan. Ich sehe eine Ines Schneiderhan in unserer Kartei. Sind Sie "
        "das?",
        "U: Ja, das bin ich, aber ich heiße jetzt Weigand, ich hab geheiratet. Also Ines Weigand.",
        "A: Herzlichen Glückwunsch! Dann ändere ich das auf Ines Weigand.",
        "U: Gut, danke.",
    )
    assert names(turns)[0] == "Ines Weigand"


def test_a_double_surname_alone_keeps_both_parts_whatever_the_salutation() -> None:
    """ "Gerber-Steiner" is one surname (its first part a man's first name in names-dataset):
    the agent's "Frau Gerber-Steiner" drops nothing of it."""
    turns = call(
        "U: Guten Tag, Gerber-Steiner hier, ich brauche einen Termin.",
        "A: Gerne, Frau Gerber-Steiner. Passt Ihnen Dienstag um neun?",
        "U: Ja, danke.",
        "A: Bis Dienstag, Frau Steiner.",
    )
    assert names(turns)[0] == "Gerber-Steiner"


@pytest.mark.parametrize(
    "lines",
    [
        (
            "U: Grüezi, hier ist Ladina. Ich hätte gern einen Termin.",
            "A: Gern, Ladina. Darf ich noch Ihren Nachnamen haben?",
            "U: Ou, ich bin gerade am Parkieren. Schreiben Sie einfach Ladina.",
        ),
        (
            "U: ei gude hier is de dennis ich bräucht mol widder en termin",
            "A: gern dennis möchtest du noch deinen nachnamen angeben",
            "U: nee brauchschde net alla hopp bis samschdag",
        ),
    ],
)
def test_swiss_ou_and_palatinate_alla_hopp_are_no_name_parts(lines: tuple[str, ...]) -> None:
    assert names(call(*lines))[0] in ("Ladina", "Dennis")


def test_the_agents_verstanden_read_back_writes_the_marks() -> None:
    turns = call(
        "U: Grüß Gott, Wójtowicz mein Name, Łukasz Wójtowicz.",
        "A: Danke, Herr Woitowitsch. Wie schreibt man das?",
        "U: W, O mit Strich drauf, J, T, O, W, I, C, Z. Und Łukasz vorne mit so einem "
        "durchgestrichenen L.",
        "A: Verstanden: Łukasz Wójtowicz. Montag um acht?",
        "U: Passt.",
    )
    assert names(turns)[0] == "Łukasz Wójtowicz"


def test_a_childs_name_the_agent_then_speaks_to_the_mother_by_stays_the_childs() -> None:
    """The son's full name was given in an earlier turn; the mother's turn gave only her own
    name, and the agent's "Frau Saleh" after it does not make the son's name the caller's."""
    turns = call(
        "U: hallo mein sohn hat fieber ich wollte fragen ob er heute kommen kann",
        "A: Wie heißt Ihr Sohn?",
        "U: er ist vier yusuf abu saleh",
        "A: Danke. Und Ihr Name, bitte?",
        "U: abu saleh rania also abu saleh ist der familienname und rania ist mein vorname",
        "A: Danke, Frau Saleh. Heute um 11:20 Uhr?",
        "U: ja",
    )
    assert names(turns)[1] == "Yusuf Abu Saleh"


def test_a_client_the_agent_names_with_her_first_name_in_the_third_person() -> None:
    """ "Frau Theresia Moser, morgen 10 Uhr.": the agent speaks of the care home's resident,
    and the caller never gives a name of their own."""
    turns = call(
        "U: Grüß Gott, do is die Pflegestation vom Seniorenwohnheim. Mia hätten a "
        "Bewohnerin, die Frau Moser, Theresia Moser, der is die Prothese brochn.",
        "A: Oje. Dr. Lindner hätte morgen um 10 Uhr Zeit.",
        "U: Jo, mach ma.",
        "A: Gut. Und mit wem spreche ich, bitte?",
        "U: Do is afoch die Station zwa.",
        "A: In Ordnung. Frau Theresia Moser, morgen 10 Uhr.",
    )
    assert names(turns) == (None, "Theresia Moser")


def test_a_letter_described_after_the_spelling_is_not_added_to_it() -> None:
    turns = call(
        "U: Grüaß Gott. Fässler, Jürgen Fässler. I hätt gern an Termin.",
        "A: Gerne, Herr Fessler. Schreibt man das mit E?",
        "U: Na, mit Ä. F, Ä, S, S, L, E, R. Ä wie Ärger, so wia i grad mit meim Nacka.",
        "A: Danke, Herr Fässler, mit Ä. Freitag um fünf?",
        "U: Passt.",
    )
    assert names(turns)[0] == "Jürgen Fässler"


# Thirteenth session: classes from the blind batches z145-z148, tests in new words.


@pytest.mark.parametrize(
    "said",
    [
        "nguyen ist familienname vorname ist minh also nguyen minh",
        "Nguyen ist der Familienname, Vorname ist Minh, also Nguyen Minh.",
    ],
)
def test_a_labelled_first_name_restated_with_also_keeps_its_label(said: str) -> None:
    """ "Vorname ist Minh, also Nguyen Minh": "also" repeats the whole name; Minh stays the
    first name the label gave."""
    turns = call(
        "U: Guten Tag, ich brauche einen Termin zur Kontrolle.",
        "A: Gerne. Mit wem spreche ich?",
        "U: Nguyen.",
        "A: Danke, Herr Nguyen. Und Ihr Vorname?",
        f"U: {said}",
    )
    assert names(turns)[0] == "Minh Nguyen"


@pytest.mark.parametrize(
    "said",
    [
        "adeyemi is family name nachname tunde is my first name vorname",
        "Adeyemi is my surname, Tunde is my first name.",
        "Adeyemi ist last name, Tunde ist first name.",
    ],
)
def test_name_parts_labelled_in_english(said: str) -> None:
    turns = call(
        "U: hello guten tag i need termin for check up",
        "A: Sehr gern. Darf ich Ihren Namen haben?",
        "U: adeyemi tunde",
        "A: Danke. Ist Adeyemi Ihr Vorname oder Ihr Nachname?",
        f"U: {said}",
    )
    assert names(turns)[0] == "Tunde Adeyemi"


def test_a_nickname_introduction_said_again_in_full_is_the_callers_name() -> None:
    turns = call(
        "U: Servus, da is der Huber Sepp – äh, Josef Huber, wie's auf der Karte steht. "
        "I bräucht an Termin zum Blutabnehmen.",
        "A: Gerne, Herr Huber. Am Freitag um acht Uhr wäre frei.",
        "U: Passt, dankschön.",
    )
    assert names(turns) == ("Josef Huber", None)


def test_an_answer_taken_back_for_a_full_introduction_after_the_correction() -> None:
    """ "weber klaus äh nein das ist mein vater ich bin sabine weber": the answer named the
    father; the caller introduced herself after correcting it."""
    turns = call(
        "U: hallo ich ruf an wegen meinem vater der braucht ein rezept und einen termin",
        "A: Gern. Wie ist Ihr Name?",
        "U: weber klaus äh nein moment das ist mein vater ich bin sabine weber",
        "A: Danke, Frau Weber. Dann ist der Termin für Herrn Klaus Weber?",
        "U: ja genau für den klaus",
    )
    assert names(turns) == ("Sabine Weber", "Klaus Weber")


def test_ich_bin_herr_x_introduces_the_caller() -> None:
    """ "ich bin Herr Tran": the salutation makes "ich bin" an introduction, as an article does."""
    turns = call(
        "U: hallo ja ich bin herr tran ich brauche termin für meine tochter sie sieht nicht gut",
        "A: Gern, Herr Tran. Wie heißt Ihre Tochter?",
        "U: tran linh sie ist sieben",
        "A: Danke. Dr. Lindner hätte Freitag um 15 Uhr Zeit.",
        "U: okay danke",
    )
    assert names(turns) == ("Tran", "Linh Tran")


def test_the_surname_shared_with_the_patient_said_as_auch_x() -> None:
    turns = call(
        "U: Guten Tag, ich rufe für meine Mutter an, sie hat Schmerzen im Knie.",
        "A: Das tut mir leid. Wie heißt Ihre Mutter?",
        "U: Eleni Papadakis.",
        "A: Danke. Und darf ich noch Ihren Namen haben?",
        "U: Giorgos. Auch Papadakis, klar.",
        "A: Danke, Herr Papadakis. Dienstag um neun Uhr wäre frei.",
    )
    assert names(turns) == ("Giorgos Papadakis", "Eleni Papadakis")


@pytest.mark.parametrize(
    "agent",
    [
        "Darf ich noch den vollständigen Namen und das Geburtsdatum von Lukas haben?",
        "Wie ist der Name und das Geburtsdatum Ihres Sohnes?",
    ],
)
def test_asking_for_a_named_childs_name_asks_for_the_patient(agent: str) -> None:
    assert classify_ask(agent) == "patient"
    turns = call(
        "U: Grüezi, do isch d'Corinne Zellweger. Mi Bueb, dr Lukas, het Fieber.",
        "A: Oh je. Wie alt ist Lukas?",
        "U: Är isch sächsi.",
        f"A: {agent}",
        "U: Lukas Zellweger, dr vierti April 2019.",
        "A: Danke, Frau Zellweger. Lukas ist um 14 Uhr eingetragen.",
    )
    assert names(turns) == ("Corinne Zellweger", "Lukas Zellweger")


def test_ich_heisse_jetzt_names_the_caller_after_a_change() -> None:
    turns = call(
        "U: Grüezi, Simone Baumann. Ich bi letscht Johr bi Ihne gsi.",
        "A: Gerne, Frau Baumann. Unter Baumann finde ich keinen aktuellen Eintrag. Können Sie "
        "mir Ihr Geburtsdatum nennen?",
        "U: Ah, sorry, ich ha ghürate. Ich heisse jetzt Simone Bachmann, früener Baumann. "
        "Vilicht bin ich scho under Bachmann im System.",
        "A: Kein Problem. Frau Petersen hat am Mittwoch Zeit.",
        "U: Merci.",
    )
    assert names(turns)[0] == "Simone Bachmann"


def test_swiss_vo_is_a_preposition_not_a_vietnamese_surname() -> None:
    turns = call(
        "U: grüezi ich bruuch en termin für de reife wechsel also vo winter uf sommer",
        "A: Gerne. Um welches Auto geht es?",
        "U: en opel astra",
        "A: Danke. Darf ich Ihren Namen notieren?",
        "U: ich ruef spöter nomol aa ade",
    )
    assert names(turns) == (None, None)


def test_a_client_of_yours_named_after_a_comma_is_the_patient() -> None:
    """A pharmacy calls: "e Kundin vo Ihne do, d'Frau …" is the customer, not the caller."""
    turns = call(
        "U: Grüessech, do isch d'Apotheke am Bärenplatz. Mir hei e Kundin vo Ihne do, "
        "d'Frau Rosmarie Aebersold. Si bruucht es nöis Rezept.",
        "A: Danke. Soll ich für Frau Aebersold einen Termin eintragen?",
        "U: Jo, gärn, am liebschte morn.",
    )
    assert names(turns) == (None, "Rosmarie Aebersold")


def test_ich_bin_and_a_full_name_answers_the_name_question() -> None:
    turns = call(
        "U: Guten Tag, ich bin die Mutter von Arjun, er braucht eine Kontrolle.",
        "A: Gerne. Wie ist der vollständige Name von Arjun?",
        "U: Arjun Ratnasingam.",
        "A: Danke. Und darf ich auch Ihren Namen haben, Frau Ratnasingam?",
        "U: Nein, ich heisse anders. Ich bin Tharshika Ponnuthurai.",
        "A: Danke, Frau Ponnuthurai. Mittwoch um 14 Uhr wäre frei.",
    )
    assert names(turns) == ("Tharshika Ponnuthurai", "Arjun Ratnasingam")


def test_her_surname_asked_in_lower_case_is_the_childs() -> None:
    """The agent writes "Ihr" for the caller's own; "wie lautet ihr Nachname" after naming
    the grandchild asks for hers."""
    assert classify_ask("Wie alt ist Mia, und wie lautet ihr Nachname?") == "patient"
    assert classify_ask("Wie lautet Ihr Nachname?") == "surname"
    turns = call(
        "U: Grüezi, da isch d'Heidi Zürcher-Gut. Ich lüüte aa für mis Grosschind, d'Mia.",
        "A: Gerne, Frau Zürcher. Wie alt ist Mia, und wie lautet ihr Nachname?",
        "U: Si isch sibni. Mia Landolt.",
        "A: Danke. Dann ist Mia Landolt am Montag um 10 Uhr eingetragen.",
    )
    assert names(turns) == ("Heidi Zürcher-Gut", "Mia Landolt")


def test_mein_mann_ist_x_names_the_patient() -> None:
    turns = call(
        "U: Guten Tag. Kovács Ildikó hier, ich rufe für meinen Mann an, er hat Rückenschmerzen.",
        "A: Das tut mir leid. Ist Kovács Ihr Nachname?",
        "U: Ja, Kovács ist der Familienname. Auf Deutsch also Ildikó Kovács. Und mein Mann ist "
        "Gábor Kovács.",
        "A: Danke, Frau Kovács. Morgen um elf Uhr wäre frei.",
    )
    assert names(turns) == ("Ildikó Kovács", "Gábor Kovács")


def test_an_unpunctuated_correction_of_the_introduced_surname() -> None:
    turns = call(
        "U: ja hallo hier is die kanzlei brandt sie sprechen mit frau becker äh nee quatsch "
        "fischer ich sitz heut am empfang von der kollegin",
        "A: Guten Tag, Frau Fischer. Worum geht es?",
        "U: um einen termin für unseren azubi",
    )
    assert names(turns)[0] == "Fischer"


def test_the_first_name_asked_for_opens_an_unpunctuated_answer() -> None:
    turns = call(
        "U: grüezi da isch d frau keller ich sött e kontrolle abmache",
        "A: Gern, Frau Keller. Am Dienstag um 7:50 Uhr wäre frei. Darf ich noch Ihren "
        "Vornamen haben?",
        "U: verena und dienstag am zehn vor achti das gaht guet",
        "A: Danke, Frau Keller. Bis Dienstag.",
    )
    assert names(turns)[0] == "Verena Keller"


def test_a_surname_spelled_with_bare_alphabet_words() -> None:
    turns = call(
        "U: ja guten tag ich brauche einen termin für eine bescheinigung",
        "A: Gern. Wie ist Ihr Name?",
        "U: vasile tschokan",
        "A: Danke, Herr Tschokan. Schreibt man das mit T-S-C-H?",
        "U: nein nein ich buchstabiere cäsar ida otto cäsar anton nordpol",
        "A: Danke, Herr Ciocan. Montag um acht Uhr wäre frei.",
    )
    assert names(turns)[0] == "Vasile Ciocan"


def test_a_name_the_caller_then_calls_a_colleagues_is_not_theirs() -> None:
    turns = call(
        "U: ja tach, hier is der pflegedienst lindenhof, krause am apparat. ich ruf an für ne "
        "klientin.",
        "A: Guten Tag, Herr Krause. Für wen soll der Termin sein?",
        "U: äh nee, sorry, falsch, krause is mein kollege, ich bin heute für den eingesprungen. "
        "wojcik is mein name. der termin is für frau winkler, gerda winkler.",
        "A: Danke, Herr Wojcik. Frau Winkler ist am Montag um neun Uhr eingetragen.",
    )
    assert names(turns) == ("Wojcik", "Gerda Winkler")


def test_a_mere_mention_changes_no_first_name_said_outright() -> None:
    turns = call(
        "U: ja gude es geht um mein vadder friedrich becker der hat so schwindel",
        "A: Verstehe. Dr. Lindner hätte am Dienstag um neun Uhr Zeit. Wie ist Ihr Name?",
        "U: ach schreibe se einfach mein vadder rein becker isch bin eh dabei",
        "A: In Ordnung. Friedrich Becker, Dienstag um neun Uhr.",
    )
    assert names(turns) == (None, "Friedrich Becker")


def test_a_surname_said_first_and_spelled_at_once() -> None:
    turns = call(
        "U: Grüß Gott, do is die Ordination Dr. Haider. I bräucht an Termin für a Patientin "
        "von uns.",
        "A: Gern. Wie heißt die Patientin?",
        "U: Ernst Rosa. E-R-N-S-T. Geboren neunzehnhundertfünfzig.",
        "A: Danke. Für Frau Rosa Ernst hätte ich am 9. um acht Uhr einen Termin.",
    )
    assert names(turns)[1] == "Rosa Ernst"


def test_the_surname_then_the_name_in_full_in_a_run_on_answer() -> None:
    turns = call(
        "U: ja tach hier vom dentallabor elbtal wir ham die krone fürn patienten von ihnen",
        "A: Guten Tag. Für welchen Patienten ist die Krone?",
        "U: herr kühnel bernd kühnel regio vierzehn der meister krug will vorher ne einprobe",
        "A: Verstehe. Dann trage ich Herrn Bernd Kühnel zur Einprobe ein.",
    )
    assert names(turns)[1] == "Bernd Kühnel"


def test_bavarian_mei_nam_is_mein_name() -> None:
    turns = call(
        "U: jo griaß gott i bin heut ned grad fröhlich mei brülln is hin",
        "A: Oh, das ist ärgerlich. Darf ich Ihren Namen haben?",
        "U: fröhlich",
        "A: Es tut mir leid, dass Sie sich ärgern. Darf ich trotzdem Ihren Namen erfahren?",
        "U: na des is mei nam fröhlich sepp fröhlich haha",
        "A: Ach so, Herr Fröhlich! Kommen Sie heute noch vorbei?",
    )
    assert names(turns)[0] == "Sepp Fröhlich"


def test_a_noun_split_by_the_recogniser_is_no_patient() -> None:
    turns = call(
        "U: servus mei auto macht so a geräusch beim bremsen",
        "A: Das sehen wir uns an. Mit wem spreche ich?",
        "U: gruber",
        "A: Danke, Herr Gruber. Um welches Fahrzeug geht es?",
        "U: a golf ihr habt den letzts jahr scho ghabt wegen der kupp lung",
    )
    assert names(turns) == ("Gruber", None)


def test_a_double_surname_said_with_bindestrich_after_correcting_the_agent() -> None:
    turns = call(
        "U: ja guten tag sabine meier lang ich hatte schon mal angerufen",
        "A: Guten Tag, Frau Meier. Einen Moment bitte.",
        "U: nein nicht meier das ist ein doppelname mayer bindestrich lang und mayer mit a y",
        "A: Vielen Dank, Frau Mayer-Lang. Donnerstag um 18 Uhr wäre frei.",
    )
    assert names(turns)[0] == "Sabine Mayer-Lang"


def test_a_first_name_then_from_which_desk() -> None:
    turns = call(
        "U: Servus, i ruf vom Hotel Sonnhof an. Unser Koch hat sich den Rücken verrissen.",
        "A: Das tut mir leid. Wie heißt der Mitarbeiter?",
        "U: Pfurtscheller Anton.",
        "A: Danke. Herr Kofler hätte morgen um 14 Uhr frei. Und wie heißen Sie?",
        "U: Monika, von der Rezeption. Des reicht.",
        "A: Danke, Monika. Auf Wiederhören!",
    )
    assert names(turns)[0] == "Monika"


def test_alemannic_wia_spells_and_sprechet_introduces() -> None:
    spelled = call(
        "U: Griaß Gott. I bruch an Termin wega dr Steuererklärung.",
        "A: Gerne. Auf welchen Namen darf ich den Termin eintragen?",
        "U: Erwin Thaler.",
        "A: Danke, Herr Taler, T-A-L-E-R, richtig?",
        "U: Na, mit H. T, H wia Heinrich, A, L wia Ludwig, E, R. Thaler.",
        "A: Vielen Dank, Herr Thaler mit H.",
    )
    assert names(spelled)[0] == "Erwin Thaler"
    introduced = call(
        "U: grüezi ich wett gern en termin abmache für physio",
        "A: Das mache ich gerne. Darf ich zuerst Ihren Namen haben?",
        "U: jaja sie sprechet mit corinne ammann",
        "A: Danke, Frau Ammann.",
    )
    assert names(introduced)[0] == "Corinne Ammann"


def test_a_first_name_the_agent_takes_up_with_gern() -> None:
    turns = call(
        "U: Hey, hi! Ich bin Rojin. Ich bräucht einen Auffülltermin für meine Nägel.",
        "A: Gern, Rojin. Am Freitag um 16 Uhr wäre frei.",
        "U: Freitag passt, danke dir!",
    )
    assert names(turns)[0] == "Rojin"


def test_a_marked_letter_explained_as_its_plain_letter_spells_nothing_more() -> None:
    turns = call(
        "U: Guten Tag. Jurišić, Mirela Jurišić. Ich brauche einen Termin für meinen Sohn.",
        "A: Können Sie mir den Nachnamen bitte buchstabieren?",
        "U: J, U, R, dann I, Š, das ist S mit Hatschek, I, Ć, C mit Strich. Jurišić.",
        "A: Danke, Frau Jurišić. Und wie heißt Ihr Sohn?",
        "U: Luka. Luka Jurišić.",
    )
    assert names(turns) == ("Mirela Jurišić", "Luka Jurišić")


def test_hessian_un_before_mein_name_is_no_name() -> None:
    turns = call(
        "U: guten tag ich hab en brief vom finanzamt bekomme",
        "A: Das schauen wir uns an. Frau Petersen hätte am Montag um 11 Uhr Zeit.",
        "U: montag elf is gut ach un mein name des hab ich ganz vergesse kessler gudrun kessler",
        "A: Vielen Dank, Frau Kessler.",
    )
    assert names(turns)[0] == "Gudrun Kessler"


def test_a_word_like_surname_answered_and_then_echoed_by_the_agent() -> None:
    turns = call(
        "U: Ja, gude. Isch bräucht mal widder en Termin für die Fußpflege.",
        "A: Sehr gern. Mit wem spreche ich, bitte?",
        "U: Sonntag.",
        "A: Frau Sonntag, richtig? Nur zur Sicherheit: wie der Wochentag?",
        "U: Genau, wie de Wochetach. Un bitte net am Sonntag, haha.",
        "A: Frau Petersen hätte am Samstag um 10 Uhr einen Termin frei.",
        "U: Samstag is gut.",
        "A: Dann ist Samstag, 10 Uhr für Sie eingetragen, Frau Sonntag.",
    )
    assert names(turns)[0] == "Sonntag"


def test_what_everyone_calls_the_caller_after_her_name_is_no_surname() -> None:
    turns = call(
        "U: ja grüß gott ich bräucht wieder a zahnreinigung",
        "A: Gerne. Wie ist Ihr Name, bitte?",
        "U: moni äh also eigentlich monika haller moni sagen halt alle",
        "A: Danke, Frau Haller. Dienstag um 14 Uhr wäre frei.",
    )
    assert names(turns)[0] == "Monika Haller"


def test_the_full_first_name_given_for_the_surname_question() -> None:
    turns = call(
        "U: hallo hier is die susi ich hätt gern nen termin zum nägel machen",
        "A: Gern. Darf ich noch Ihren Nachnamen haben?",
        "U: Susanne. Die kennen mich eh.",
        "A: Alles klar, Susanne. Samstag um zehn.",
    )
    assert names(turns)[0] == "Susanne"


def test_swiss_vo_de_and_a_group_is_where_from() -> None:
    turns = call(
        "U: hoi da isch d corinne ich bin scho bi de frau petersen in behandlig",
        "A: Kein Problem. Darf ich noch Ihren Nachnamen haben?",
        "U: s isch d corinne vo de gruppe si weiss scho merci adie",
    )
    assert names(turns)[0] == "Corinne"


def test_a_scandinavian_greeting_is_no_first_name() -> None:
    turns = call(
        "U: Hej, guten Tag. Nørgaard, Jens. Ich brauche Hilfe mit der Steuererklärung.",
        "A: Gern, Herr Nørgaard. Donnerstag um 15 Uhr wäre frei.",
        "U: Passt. Tak, vielen Dank.",
    )
    assert names(turns)[0] == "Jens Nørgaard"


def test_ai_meu_deus_is_an_exclamation() -> None:
    turns = call(
        "U: Olá – ah, hallo! Meine Kleine ist gefallen, der Zahn wackelt.",
        "A: Oh je. Darf ich Ihren Namen und den Namen Ihrer Tochter aufnehmen?",
        "U: Ai, meu Deus, jetzt hat sie den Saft umgekippt … ich rufe gleich zurück, ja? Obrigada!",
    )
    assert names(turns) == (None, None)


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        (
            "Vorname A-R-D, dann E mit zwei Punkten drauf, wie ein Ä, nur mit E, dann R, I. "
            "Ardëri. Nachname G-A-S-H-I.",
            "Ardëri Gashi",
        ),
        (
            "S wie Samuel, Z wie Zacharias, O mit zwei Strichen oben, also das lange ungarische "
            "Ö, C wie Cäsar, S wie Samuel. Szőcs. Und Anna wie Anna.",
            "Anna Szőcs",
        ),
    ],
)
def test_a_mark_described_and_then_likened_spells_nothing_more(
    spelling: str, expected: str
) -> None:
    first, last = expected.split()
    turns = call(
        f"U: Guten Tag, mein Name ist {first} {last}. Ich brauche einen Termin.",
        "A: Dürfte ich Sie bitten, Ihren Namen einmal zu buchstabieren?",
        f"U: Klar. {spelling}",
        f"A: Danke, {'Herr' if first == 'Ardëri' else 'Frau'} {last}.",
    )
    assert names(turns)[0] == expected


def test_hearn_s_mi_is_a_question_not_a_name() -> None:
    turns = call(
        "U: Jo, griaß Ihna. I hätt gern an Termin für a Mundhygiene.",
        "A: Gut. Darf ich bitte Ihren Vor- und Nachnamen haben?",
        "U: Griaß Ihna... hallo? Hearn S' mi?",
        "A: Hallo? Sind Sie noch in der Leitung?",
    )
    assert names(turns) == (None, None)


def test_a_surname_heard_in_pieces_then_said_whole_after_also() -> None:
    turns = call(
        "U: ja tach ick ruf für meine frau an die hat ne verordnung",
        "A: Gern. Wie heißt Ihre Frau mit vollem Namen?",
        "U: sabine ber ger also berger mit e",
        "A: Danke. Also Sabine Berger.",
    )
    assert names(turns)[1] == "Sabine Berger"


def test_a_first_name_then_the_firm_he_is_from() -> None:
    turns = call(
        "U: ja salam guten tag hier is karim von yilmaz bau wir ham einen sprinter",
        "A: Guten Tag, Karim. Auf welchen Namen läuft das Fahrzeug?",
        "U: auf die firma yilmaz bau gmbh",
    )
    assert names(turns)[0] == "Karim"


def test_a_compound_role_after_ich_bi_dr_is_no_name() -> None:
    turns = call(
        "U: Sali, hie isch d Schreinerei Gasser AG. Üse Lieferwage bruucht e Service.",
        "A: Gerne. Wer ist die Kontaktperson?",
        "U: Egger, Beat Egger. I bi dr Werkstattchef. Dr Chef isch i de Ferie.",
        "A: Danke, Herr Egger.",
    )
    assert names(turns)[0] == "Beat Egger"


def test_a_surname_said_first_then_spelled_with_aber_mit_marks() -> None:
    turns = call(
        "U: Dobar dan, äh, guten Tag. Ich hab Verordnung für Physiotherapie.",
        "A: Sehr gerne. Wie ist Ihr Name, bitte?",
        "U: schiwkowitsch milan",
        "A: Danke. Könnten Sie mir den Nachnamen bitte buchstabieren?",
        "U: Ja. Z wie Zürich, aber mit Hatschek oben, I wie Ida, V wie Viktor, K wie Konrad, "
        "O wie Otto, V wie Viktor, I wie Ida, C wie Cäsar mit Strich oben.",
        "A: Danke, Herr Živković.",
    )
    assert names(turns)[0] == "Milan Živković"


def test_the_first_name_in_full_spelled_after_its_short_form() -> None:
    turns = call(
        "U: ja hallo ich brauch einen termin",
        "A: Sehr gern. Wie ist Ihr Name?",
        "U: nwosu tobi",
        "A: Danke. Könnten Sie den Nachnamen buchstabieren?",
        "U: n w o s u und tobi ist nur so der rufname auf der karte steht oluwatobi "
        "o l u w a t o b i",
        "A: Ah, jetzt habe ich Sie: Oluwatobi Nwosu.",
    )
    assert names(turns)[0] == "Oluwatobi Nwosu"


def test_a_childs_surname_corrected_in_the_same_answer() -> None:
    turns = call(
        "U: jo grüß gott hier isch d oma vom finn ich bräucht en termin für de bub",
        "A: Gern. Wie ist Finns vollständiger Name?",
        "U: finn maier nee wart der heißt jo keller wie sei vadder finn keller",
        "A: Also Finn Keller. Und darf ich auch Ihren Namen haben?",
        "U: rosa maier",
    )
    assert classify_ask("Wie ist Finns vollständiger Name?") == "patient"
    assert names(turns) == ("Rosa Maier", "Finn Keller")


def test_dutch_met_before_the_name() -> None:
    turns = call(
        "U: Goedemiddag – äh, guten Tag. Met Joost Bakker. Ich bin der Opa von Sanne.",
        "A: Guten Tag, Herr Bakker.",
    )
    assert names(turns)[0] == "Joost Bakker"


def test_a_salutation_and_a_first_name_make_a_noun_a_surname() -> None:
    turns = call(
        "U: Hallo, hier ist Schwester Heike vom Pflegedienst Lindenhof.",
        "A: Guten Tag. Worum geht es?",
        "U: Wir bräuchten 'nen Hausbesuch für unseren Klienten, Herrn Reinhold Stute.",
        "A: Ich finde Herrn Reinhold Stute.",
    )
    assert names(turns)[1] == "Reinhold Stute"


def test_an_italian_particle_keeps_a_surname_first_name_whole() -> None:
    turns = call(
        "U: Buongiorno, guten Tag. Ich habe seit Wochen keine Stimme.",
        "A: Das tut mir leid. Wie ist Ihr Name?",
        "U: Dal Farra Chiara.",
        "A: Danke. Schreibt man Dalfarra in einem Wort?",
        "U: Nein, getrennt. D-A-L, dann Leerzeichen, und Farra, F-A-R-R-A. Zwei Wörter.",
        "A: Danke, Frau Dal Farra. Und Chiara mit C-H?",
        "U: Sì, genau, C-H-I-A-R-A.",
        "A: Dann ist Chiara Dal Farra am Mittwoch eingetragen.",
    )
    assert names(turns)[0] == "Chiara Dal Farra"


def test_saxon_ooch_is_auch() -> None:
    turns = call(
        "U: ja guten tach ich hätt gern en termin für de füße",
        "A: Sehr gern. Wie ist Ihr Name?",
        "U: bäcker",
        "A: Herr Bäcker, danke. Und Ihr Vorname?",
        "U: uwe und ja ich bin ooch bäcker von beruf drum steh ich den ganzen tag",
    )
    assert names(turns)[0] == "Uwe Bäcker"


def test_her_name_is_spelled_and_then_said_in_full() -> None:
    turns = call(
        "U: Hello, guten Tag. Mein Name ist Okoro, Chidi Okoro. I call for my daughter.",
        "A: Guten Tag, Herr Okoro. Wie heißt Ihre Tochter?",
        "U: Her name is Ngozi. N-G-O-Z-I. Ngozi Okoro. She is seven.",
        "A: Danke. Ngozi Okoro, sieben Jahre.",
    )
    assert names(turns) == ("Chidi Okoro", "Ngozi Okoro")


def test_a_relative_who_will_call_for_themself_is_no_patient() -> None:
    turns = call(
        "U: Guten Tag, Petra Huber mein Name. Mir ist eine Füllung rausgefallen.",
        "A: Dr. Lindner hat am Donnerstag um 16:40 Uhr frei.",
        "U: Passt. Und mein Mann, der Karl Huber, bräuchte auch mal eine Kontrolle, aber der "
        "soll selber anrufen.",
        "A: Gerne, Ihr Mann kann sich jederzeit melden.",
    )
    assert names(turns) == ("Petra Huber", None)


def test_a_carer_names_the_man_she_cares_for_as_herr_x_then_in_full() -> None:
    turns = call(
        "U: Guten Morgen. Ich bin Mojca, ich bin Betreuerin, vierundzwanzig Stunden, bei "
        "Herrn Bauer.",
        "A: Guten Morgen. Worum geht es?",
        "U: Herr Bauer, Alois Bauer, hat Fuß geschwollen, beide, seit drei Tage. Ich glaube, er "
        "braucht Kontrolle, und neue Rezept für Wassertablette.",
        "A: Das sollte sich Dr. Lindner ansehen. Ist Herr Bauer bei uns Patient?",
        "U: Ja, schon lange.",
        "A: Danke, ich habe ihn gefunden. Darf ich noch Ihren Nachnamen notieren?",
        "U: Kovačič. K, O, V, A, C mit Hatschek, I, C mit Hatschek.",
        "A: Also Mojca Kovačič. Heute um 11:15 Uhr hätten wir einen Termin.",
        "U: Ja, elf Uhr fünfzehn.",
        "A: Gut, Alois Bauer ist heute um 11:15 Uhr eingetragen.",
    )
    assert names(turns)[1] == "Alois Bauer"
    assert names(turns)[0] in (None, "Kovačič", "Mojca Kovačič")


def test_moien_is_a_greeting() -> None:
    turns = call(
        "U: jo moien sommer hier klaus sommer",
        "A: Guten Tag, Herr Sommer. Wie kann ich helfen?",
    )
    assert names(turns)[0] == "Klaus Sommer"


def test_the_agents_recorded_form_in_its_own_order() -> None:
    turns = call(
        "U: ja hallo mein auto macht so geräusch beim bremsen",
        "A: Das sehen wir uns an. Auf welchen Namen darf ich den Termin eintragen?",
        "U: saidov zelimkhan",
        "A: Danke, Herr Saidow. Schreibt man das mit W am Ende?",
        "U: nein mit v saidov s a i d o v v wie viktor am ende",
        "A: Danke, Herr Saidov, ich habe es korrigiert: Zelimkhan Saidov, Donnerstag 8 Uhr.",
    )
    assert names(turns)[0] == "Zelimkhan Saidov"


def test_the_name_of_a_pet_is_no_persons() -> None:
    turns = call(
        "U: ja hallo ich ruf an wegen unserm hund der frisst seit zwei tagen nix mehr",
        "A: Oh, das sollte sich Dr. Lindner ansehen. Mit wem spreche ich, bitte?",
        "U: becker",
        "A: Danke, Herr Becker. Heute um 17:40 Uhr wäre ein Termin frei. Wie heißt der Hund?",
        "U: max",
        "A: Danke. Bis später, Herr Becker, und gute Besserung für Max.",
    )
    assert names(turns) == ("Becker", None)


def test_palatinate_mamme_is_a_role_not_a_name() -> None:
    turns = call(
        "U: Ja, gumorje. Isch bräucht en Termin für mein Bub, der hot Fieber.",
        "A: Das tut mir leid. Wie heißt Ihr Sohn?",
        "U: De Jonas, der is sechs.",
        "A: Und der Nachname von Jonas?",
        "U: Weber.",
        "A: Danke. Jonas Weber, sechs Jahre. Darf ich auch Ihren Namen haben?",
        "U: Tanja Weber, isch bin die Mamme.",
        "A: Vielen Dank, Frau Weber.",
    )
    assert names(turns) == ("Tanja Weber", "Jonas Weber")


def test_a_spelled_surname_of_the_person_booked_for_is_theirs() -> None:
    turns = call(
        "U: Grüß Gott, hier ist die Ordination Dr. Pollak. Mein Name ist Sabine Wagner, ich bin "
        "die Ordinationsassistentin.",
        "A: Guten Tag, Frau Wagner. Was kann ich für Sie tun?",
        "U: Wir möchten einen Patienten von uns anmelden, Herrn Goran Jovanović. Er braucht "
        "dringend Physio.",
        "A: Gerne. Schreibt man Jovanović mit C am Ende?",
        "U: Ja, J, O, V, A, N, O, V, I, C, mit Akzent auf dem C.",
        "A: Danke. Dann trage ich Herrn Jovanović ab Montag um 18 Uhr ein.",
    )
    assert names(turns) == ("Sabine Wagner", "Goran Jovanović")


def test_a_first_name_takes_the_family_surname_the_agent_addresses_the_caller_by() -> None:
    turns = call(
        "U: Hallo, Jannik hier, ich brauch einen Termin für meinen Sohn Mats, der hustet.",
        "A: Das schauen wir uns an. Wie ist der Nachname?",
        "U: Quedenfeld.",
        "A: Entschuldigung, Wedenfeld?",
        "U: Nee, mit Q. Q wie Quelle, U wie Ulrich, E wie Emil, D wie Dora, E wie Emil, "
        "N wie Nordpol, F wie Friedrich, E wie Emil, L wie Ludwig, D wie Dora.",
        "A: Danke, Herr Quedenfeld. Mats kann morgen um 9 Uhr kommen.",
        "U: Super, danke.",
    )
    assert names(turns) == ("Jannik Quedenfeld", "Mats Quedenfeld")


def test_a_surname_the_caller_never_said_is_not_taken_from_the_agent() -> None:
    turns = call(
        "U: Hallo, Oksana Schubert hier, ich hätte gern einen Termin zur Blutabnahme.",
        "A: Gern, Frau Dziubak. Passt Ihnen Mittwoch um 8 Uhr?",
        "U: Ja, Mittwoch passt gut.",
        "A: Dann bis Mittwoch, Frau Dziubak.",
    )
    assert names(turns)[0] != "Oksana Dziubak"


def test_a_first_name_of_someone_the_agent_speaks_of_takes_no_address() -> None:
    turns = call(
        "U: Moin, Sievers vom Pflegedienst Lotsenhaus. Wir brauchen einen Hausbesuch.",
        "A: Guten Tag, Herr Sievers. Für wen ist der Hausbesuch?",
        "U: Für Gertrud Hagedorn, die ist dreiundneunzig.",
        "A: Danke. Dr. Lindner kann Frau Hagedorn am Donnerstag besuchen.",
        "U: Gertrud Hagedorn, ja, das passt.",
        "A: Ist notiert, Herr Sievers.",
    )
    assert names(turns)[0] != "Gertrud Sievers"


def test_a_first_name_and_ordinary_words_after_it_is_the_first_name() -> None:
    turns = call(
        "U: Grüß Gott, hier spricht die Hanni. Ich bräucht an Termin zum Blutabnehmen.",
        "A: Gerne. Darf ich Ihren Familiennamen haben?",
        "U: Geh, mich kennt doch jeder, sagen Sie einfach die Hanni vom Kirchplatz.",
        "A: Ich notiere Hanni vom Kirchplatz. Morgen um acht?",
        "U: Passt.",
    )
    assert names(turns) == ("Hanni", None)


def test_a_rare_surname_the_agent_let_pass_is_not_cut_to_the_first_name() -> None:
    turns = call(
        "U: Guten Tag, hier ist Gunnar Kettelhack, ich bräuchte einen Termin beim Doktor.",
        "A: Gern. Worum geht es denn?",
        "U: Um meinen Rücken, der zwickt seit Tagen.",
        "A: Dr. Lindner hätte morgen um 10 Uhr Zeit. Passt Ihnen das?",
        "U: Ja, passt.",
    )
    assert names(turns)[0] != "Gunnar"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (
                "U: Grüß Gott, hier Labor Sonnleitner, Kainz am Apparat. Es geht um einen Befund.",
                "A: Ja, bitte.",
                "U: Beim Herrn Gottfried Brandl ist der Blutzucker viel zu hoch, der müsste "
                "nochmal zur Kontrolle.",
                "A: Danke. Ich trage Herrn Brandl für morgen um 8 Uhr ein und rufe ihn an.",
                "U: Sehr gut, danke.",
            ),
            ("Kainz", "Gottfried Brandl"),
        ),
        (
            (
                "U: moin ich ruf an für meine tante die sieht nich mehr so gut die frau ilse "
                "hinrichs",
                "A: Moin! Dann möchten Sie einen Termin für Ihre Tante vereinbaren?",
                "U: ja genau so schnell wie möglich",
                "A: Am Freitag um 10 Uhr wäre frei. Kommt Frau Hinrichs allein?",
                "U: nee ich fahr sie freitag passt",
            ),
            (None, "Ilse Hinrichs"),
        ),
    ],
)
def test_a_person_named_with_a_salutation_and_spoken_of_by_the_agent_is_the_patient(
    lines: tuple[str, ...], expected: tuple[str | None, str | None]
) -> None:
    assert names(call(*lines)) == expected


def test_a_person_spoken_of_in_a_call_without_an_appointment_is_no_patient() -> None:
    turns = call(
        "U: Guten Tag, Praxis Dr. Adler, Meike Frerichs am Apparat. Wir bräuchten den Befund "
        "von Herrn Bernd Ostermann.",
        "A: Gern, ich leite die Anfrage weiter. Soll der Befund per Fax kommen?",
        "U: Ja, per Fax bitte. Herr Ostermann hat nächste Woche bei uns die Besprechung.",
        "A: Ich habe notiert: Befund für Herrn Ostermann per Fax an die Praxis Dr. Adler.",
    )
    assert names(turns) == ("Meike Frerichs", None)


@pytest.mark.parametrize(
    "answer",
    ["jessas so früh des is fei hart", "oh mann so früh das wird echt knapp hart"],
)
def test_words_a_du_agent_never_takes_up_as_a_first_name_are_no_name(answer: str) -> None:
    turns = call(
        "U: hallo ich wollt fragen ob ihr morgen was frei habt zum färben",
        "A: Morgen um 9 Uhr hätte Kerstin Zeit. Wie ist denn dein Name?",
        f"U: {answer}",
        "A: Ich kann auch am Nachmittag schauen.",
        "U: nee lass mal ich meld mich",
    )
    assert names(turns) == (None, None)


def test_a_name_a_du_agent_takes_up_by_first_name_stays() -> None:
    turns = call(
        "U: hallo ich wollt fragen ob ihr morgen was frei habt zum färben",
        "A: Morgen um 9 Uhr hätte Kerstin Zeit. Wie ist denn dein Name?",
        "U: ich bin die mia lang",
        "A: Super, Mia, dann bis morgen um 9!",
    )
    assert names(turns) == ("Mia Lang", None)


def test_ruhr_jau_is_a_yes_not_a_name() -> None:
    turns = call(
        "U: Tach, Kuschinski hier, Heinz Kuschinski. Ich ruf für meine Frau an, die hat Zahnweh.",
        "A: Das tut mir leid, Herr Kuschinski. Ist Ihre Frau schon Patientin bei uns?",
        "U: Jau, Hannelore Kuschinski, seit Jahren.",
        "A: Danke. Heute um 11 Uhr kann Dr. Lindner sie sehen.",
    )
    assert names(turns) == ("Heinz Kuschinski", "Hannelore Kuschinski")


def test_a_bare_label_between_two_names_names_the_one_after_it() -> None:
    turns = call(
        "U: guten tag ich hätte gern einen termin wegen meinem knie",
        "A: Gern. Wie ist Ihr Name, bitte?",
        "U: okonkwo vorname chi nedu",
        "A: Also Okonkwo als Nachname und Vorname Chinedu?",
        "U: ja genau chinedu okonkwo",
        "A: Danke, Herr Okonkwo. Dr. Lindner hätte Freitag um 11 Uhr Zeit.",
        "U: passt",
    )
    assert names(turns)[0] == "Chinedu Okonkwo"


def test_a_label_as_the_subject_of_a_sentence_names_nothing_after_it() -> None:
    turns = call(
        "U: servus do is der florian i brauch an termin zum haareschneiden",
        "A: Servus Florian! Darf ich auch deinen Nachnamen haben?",
        "U: na da vorname reicht eh der fuchs kennt mi",
        "A: Passt, Florian. Morgen um 10 Uhr?",
        "U: passt",
    )
    assert names(turns)[0] == "Florian"


def test_a_person_merely_mentioned_does_not_hide_the_one_booked() -> None:
    turns = call(
        "U: servus da huber sepp i ruf o weil mei schwester die vroni gsagt hat i soll mi um d "
        "mama kümmern",
        "A: Grüß Gott, Herr Huber. Was hat Ihre Mutter denn?",
        "U: die theres huber is higfalln und hat jetzt a gipsbein",
        "A: Dr. Lindner kann am Donnerstag um 10 Uhr zu ihr kommen. Dann trage ich Theres Huber "
        "für Donnerstag ein.",
        "U: passt danke",
    )
    assert names(turns) == ("Sepp Huber", "Theres Huber")


def test_the_one_booked_by_the_callers_surname_is_who_the_caller_named_with_it() -> None:
    turns = call(
        "U: Guten Tag, hier ist Aylin Doğan. Ich möchte einen Termin für meinen Mann machen.",
        "A: Guten Tag, Frau Doğan. Was hat Ihr Mann denn?",
        "U: Er hat Rückenschmerzen seit einer Woche. Kemal Doğan heißt er, mit G mit Bogen.",
        "A: Dr. Lindner hätte am Montag um 16 Uhr Zeit. Soll ich den für Herrn Doğan eintragen?",
        "U: Ja, bitte.",
    )
    assert names(turns) == ("Aylin Doğan", "Kemal Doğan")


def test_a_surname_given_alone_takes_the_first_name_the_caller_puts_before_it_later() -> None:
    turns = call(
        "U: Grüezi, Gisler, Personalabteilung der Sägerei Betschart. Ich rufe für einen "
        "Mitarbeiter an, Herrn Krasniqi.",
        "A: Grüezi, Frau Gisler. Worum geht es?",
        "U: Herr Krasniqi hatte einen Arbeitsunfall, er braucht Physiotherapie für die Schulter.",
        "A: Verstehe. Wie ist sein Vorname?",
        "U: Arben. Arben Krasniqi.",
        "A: Merci. Dr. Lindner hätte am Donnerstag um 16 Uhr Zeit.",
        "U: Gut. Und als Kontaktperson bitte Monika Gisler, das bin ich.",
        "A: Gemacht: Arben Krasniqi, Donnerstag 16 Uhr, Kontakt Monika Gisler.",
    )
    assert names(turns) == ("Monika Gisler", "Arben Krasniqi")


def test_a_first_name_before_the_shared_surname_for_a_child_stays_the_childs() -> None:
    turns = call(
        "U: Guten Tag, Kranzl hier, ich hätte gern einen Termin für meine Tochter.",
        "A: Guten Tag, Frau Kranzl. Wie heißt Ihre Tochter?",
        "U: Lea. Also für Lea Kranzl, die ist sieben.",
        "A: Dr. Lindner hätte am Mittwoch um 9 Uhr Zeit für Lea.",
        "U: Passt.",
    )
    assert names(turns) == ("Kranzl", "Lea Kranzl")


def test_two_words_of_a_name_the_agents_address_joins_are_one_surname() -> None:
    turns = call(
        "U: ja hallo hier is die meike braun schweiger ich hätt gern en termin zum schneiden",
        "A: Hallo Frau Braunschweiger! Nur Spitzen oder mehr?",
        "U: bloß die spitzen",
        "A: Gern. Dienstag um 9 Uhr?",
        "U: passt",
        "A: Dann bis Dienstag, Frau Braunschweiger.",
    )
    assert names(turns)[0] == "Meike Braunschweiger"


def test_austrian_eh_is_no_surname() -> None:
    turns = call(
        "U: Servus, do is die Carina. I hob heut um drei an Termin beim Doktor, aber i kumm a "
        "bissl später.",
        "A: Danke für die Info. Darf ich noch Ihren Nachnamen haben, damit ich den richtigen "
        "Termin finde?",
        "U: Eh, der Doktor weiß eh, wer i bin. Um drei, Knie, die Carina halt.",
        "A: Ich sehe um 15 Uhr eine Carina. Ich gebe Bescheid.",
        "U: Leiwand, danke.",
    )
    assert names(turns) == ("Carina", None)


def test_upper_valais_tagwohl_is_a_greeting() -> None:
    turns = call(
        "U: Tagwohl. Ja, ich hätte gern einen Termin bei der Dentalhygiene, bei Frau Petersen.",
        "A: Tagwohl. Frau Petersen hätte am Dienstag um 14 Uhr Zeit. Darf ich Ihren Namen haben?",
        "U: Dienstag geht nicht. Ich frage zuerst meine Mutter. Merci.",
        "A: Gerne. Ade.",
    )
    assert names(turns, analysis={"caller_full_name": "Tagwohl"}) == (None, None)


def test_the_bride_a_caller_books_for_is_the_patient() -> None:
    turns = call(
        "U: grüezi hier ist die rezeption vom hotel seeblick wir haben am samstag eine hochzeit",
        "A: Wie schön! Was kann ich für Sie tun?",
        "U: die braut frau selina okafor möchte morgens um sieben eine hochsteckfrisur geht das",
        "A: Samstag um 7 Uhr ist noch frei. Auf welchen Namen trage ich das ein?",
        "U: auf die braut selina okafor o k a f o r",
        "A: Danke. Und mit wem habe ich gesprochen?",
        "U: rufen sie einfach die rezeption an ich bin samstag nicht im dienst",
        "A: In Ordnung. Dann ist Selina Okafor für Samstag, 7 Uhr, eingetragen.",
    )
    assert names(turns) == (None, "Selina Okafor")


def test_the_nurse_who_speaks_is_the_caller_not_a_relative() -> None:
    turns = call(
        "U: Grüß Gott, Pflegedienst Sonnenhof, da spricht die Schwester Dragica. Dragica Kovač.",
        "A: Grüß Gott, Frau Kovač. Was kann ich für Sie tun?",
        "U: I betreu an Klienten, den Herrn Friedrich Oberleitner. Der braucht a Physio nach "
        "der Hüft-OP.",
        "A: Gut. Kann Herr Oberleitner selbst zu uns kommen?",
        "U: Mit'm Taxi jo.",
        "A: Danke, Frau Kovač. Dann ist Herr Friedrich Oberleitner am Dienstag um 10 Uhr "
        "eingetragen.",
    )
    assert names(turns) == ("Dragica Kovač", "Friedrich Oberleitner")


def test_a_surname_with_salutation_then_the_full_name_is_the_patient() -> None:
    turns = call(
        "U: Tach, hier ist Svetlana vom Pflegedienst Lichtblick. Ich bin grad bei Herrn "
        "Brockmann, Egon Brockmann, in der Lindenallee.",
        "A: Guten Tag. Was ist mit Herrn Brockmann?",
        "U: Der hat eine Wunde am Fuß, die sieht nicht gut aus.",
        "A: Dr. Lindner kann morgen um 8 Uhr einen Hausbesuch machen.",
        "U: Danke.",
    )
    assert names(turns) == ("Svetlana", "Egon Brockmann")


def test_who_brings_a_vehicle_in_is_no_patient() -> None:
    turns = call(
        "U: tach hier is der autohandel meyer wir bräuchten n termin für den transporter",
        "A: Gern. Welches Kennzeichen hat das Fahrzeug?",
        "U: os ab 123 den bringt der herr jens kuhlmann vorbei",
        "A: Danke. Mittwoch um 7 Uhr, gebracht von Herrn Kuhlmann.",
        "U: jo danke",
    )
    assert names(turns)[1] is None


def test_er_heisst_answering_who_the_child_is_names_the_patient() -> None:
    turns = call(
        "U: ja grüezi mitenand mein bueb ist beim velofahren umgefallen und jetzt ist ein zahn ab",
        "A: Oh je. Hat er Schmerzen? Und wie heisst er?",
        "U: es geht er heisst luca imhasly er ist acht",
        "A: Dann kommen Sie gleich. Dr. Lindner kann ihn um 10.45 Uhr anschauen.",
        "U: okay wir kommen",
    )
    assert names(turns) == (None, "Luca Imhasly")


def test_bavarian_mei_name_introduces() -> None:
    turns = call(
        "U: grüß gott brzezinski mei name i bräucht an termin für meine frau",
        "A: Gern, Herr Brzezinski. Worum geht es denn?",
        "U: die hat so an ausschlag am arm",
        "A: Wie ist der vollständige Name Ihrer Frau?",
        "U: ewa brzezinska mit a hinten",
        "A: Danke. Und Ihr Vorname, Herr Brzezinski?",
        "U: pawel",
        "A: Danke. Dr. Lindner hätte am Montag um 9 Uhr Zeit.",
    )
    assert names(turns) == ("Pawel Brzezinski", "Ewa Brzezinska")


def test_the_callers_surname_addressed_before_a_child_of_that_name_is_named() -> None:
    turns = call(
        "U: jo servus da wallner thomas es geht um mein buam der hat seit gestern a dicke wangen",
        "A: Grüß Gott, Herr Wallner. Wie alt ist Ihr Sohn und wie heißt er?",
        "U: acht is er der jonas jonas wallner",
        "A: Danke. Dann ist Jonas Wallner heute um 15:45 Uhr eingetragen.",
    )
    assert names(turns) == ("Thomas Wallner", "Jonas Wallner")


def test_a_surname_heard_cut_off_is_completed_by_its_spelling() -> None:
    turns = call(
        "U: hallo hier ist kavitha srinivas a raghavan ich möchte gerne einen termin",
        "A: Hallo! Entschuldigung, wie war Ihr Nachname?",
        "U: srinivasaraghavan das ist ein wort s r i n i v a s a r a g h a v a n",
        "A: Danke, Frau Srinivasaraghavan. Morgen um 12 Uhr wäre frei.",
        "U: perfekt danke",
    )
    assert names(turns)[0] == "Kavitha Srinivasaraghavan"


def test_a_double_surname_spelled_with_its_hyphen_keeps_the_first_name_said_before() -> None:
    turns = call(
        "U: Ja, guten Tag, Hannelore Kamp Wiesner. Ich bräuchte ein Folgerezept.",
        "A: Guten Tag. Ich finde unter Kamp leider keine Hannelore. Wie schreibt sich Ihr Name?",
        "U: Kamp-Wiesner, mit Bindestrich. Kamp mit K, Wiesner mit ie.",
        "A: Ah, jetzt habe ich Sie, Frau Kamp-Wiesner. Das Rezept liegt ab morgen bereit.",
        "U: Danke.",
    )
    assert names(turns)[0] == "Hannelore Kamp-Wiesner"


def test_letters_spelling_the_end_of_a_surname_do_not_replace_it() -> None:
    turns = call(
        "U: Guten Tag, Katarzyna Szczepańska. Ich habe seit gestern Zahnschmerzen.",
        "A: Oh je. Frau Schtschepanski, sagten Sie?",
        "U: Szczepańska. Mit S-Z-C-Z am Anfang, dann E, P, A, N mit einem Strich oben, S, K, A.",
        "A: Danke, also Szczepańska. Kommen Sie heute um 11 Uhr.",
        "U: Elf Uhr, ja. Danke.",
    )
    assert names(turns)[0] in ("Katarzyna Szczepańska", None)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (
                "U: moin hier is die hundepension deichblick bei mir is n gasthund der humpelt",
                "A: Moin! Mit wem spreche ich denn?",
                "U: ichbin ole brodersen ich leite die pension",
                "A: Danke, Herr Brodersen. Kommen Sie um 16 Uhr vorbei.",
                "U: jo tschüss",
            ),
            "Ole Brodersen",
        ),
        (
            (
                "U: ja grüß gott mei krone is rausgfalln",
                "A: Oh je. Morgen um halb neun wäre frei.",
                "U: passt und mein namen hob i ja no gar ned gsagt kunigunde schramm",
                "A: Danke, Frau Schramm. Bis morgen.",
            ),
            "Kunigunde Schramm",
        ),
    ],
)
def test_speech_run_into_a_full_name_is_no_part_of_it(
    lines: tuple[str, ...], expected: str
) -> None:
    assert names(call(*lines))[0] == expected


def test_whom_the_agent_books_after_addressing_the_caller_is_no_read_back_of_theirs() -> None:
    turns = call(
        "U: Nu, guten Tag. Hier is de Gudrun Rößler, de Oma von der Mia-Sophie.",
        "A: Guten Tag, Frau Rößler. Was darf ich für Sie tun?",
        "U: Mei Enkelin hat im Mai Jugendweihe und will ne Hochsteckfrisur.",
        "A: Wie schön! Auf welchen Namen soll der Termin laufen?",
        "U: Auf de Mia-Sophie. Mia-Sophie Kaden, die heißt ni wie ich.",
        "A: Samstag um 8 Uhr wäre frei.",
        "U: Das passt.",
        "A: Dann ist Mia-Sophie Kaden eingetragen.",
    )
    assert names(turns)[0] == "Gudrun Rößler"


def test_the_full_name_of_a_neighbour_asked_for_is_the_patients() -> None:
    turns = call(
        "U: hallo isch ruf an fer mei nachbarin die frau kiefer die hat kee telefon mehr",
        "A: Verstehe. Worum geht es denn bei Frau Kiefer?",
        "U: die hat e rezept fer krankengymnastik hausbesuch",
        "A: Wie ist der vollständige Name und die Adresse Ihrer Nachbarin?",
        "U: erika kiefer im ginsterweg vier",
        "A: Gut, dann ist Frau Erika Kiefer für Dienstag, 11 Uhr, eingetragen.",
    )
    assert names(turns) == (None, "Erika Kiefer")


def test_an_analysis_caller_the_caller_spoke_of_as_herrn_is_a_client() -> None:
    turns = call(
        "U: grüß gott ambulanter pflegedienst sonnenschein mir betreuet en herrn kurz anton kurz "
        "der bräucht lymphdrainage",
        "A: Grüß Gott. Für Herrn Kurz kann ich einen Hausbesuch am Mittwoch um 13 Uhr anbieten.",
        "U: passt ade",
    )
    assert names(turns, analysis={"caller_full_name": "Anton Kurz"}) == (None, "Anton Kurz")


def test_whom_the_agent_books_and_speaks_of_is_the_patient_of_an_unnamed_caller() -> None:
    turns = call(
        "U: Ja, hallo. Ich ruf für meinen Vater an, der spricht nicht so gut Deutsch. Dimitrios "
        "Papadakis heißt er.",
        "A: Gerne. Was hat Herr Papadakis denn für Beschwerden?",
        "U: Die Prothese drückt, oben links.",
        "A: Dr. Lindner hätte am Donnerstag um 9:40 Uhr einen Termin.",
        "U: Donnerstag geht, da fahr ich ihn.",
        "A: Und mit wem spreche ich, falls wir zurückrufen müssen?",
        "U: Ich bin die Tochter. Rufen Sie einfach die Nummer hier an.",
        "A: In Ordnung. Dann ist Herr Dimitrios Papadakis am Donnerstag um 9:40 Uhr eingetragen.",
    )
    assert names(turns) == (None, "Dimitrios Papadakis")


def test_a_caller_mending_their_own_name_first_still_names_the_patient_after() -> None:
    turns = call(
        "U: Guten Tag, Labor Nordheide, Kassab hier, ich habe einen kritischen Wert für Sie.",
        "A: Guten Tag, Herr Kasab. Um welche Patientin oder welchen Patienten geht es?",
        "U: Kassab, mit zwei S. Es geht um Frau Gisela Brandes. Kalium sechs Komma neun.",
        "A: Danke, Herr Kassab. Ich rufe Frau Brandes an und trage sie für heute um 15 Uhr ein.",
        "U: Gut, danke.",
    )
    assert names(turns) == ("Kassab", "Gisela Brandes")


def test_a_visit_the_agent_notes_as_vorgemerkt_books_the_person_named() -> None:
    turns = call(
        "U: Grüß Gott. I bin bloß die Nachbarin vom Herrn Pichler, vom Alois Pichler aus der "
        "Kirchgasse. Der kann selber ned telefonieren.",
        "A: Grüß Gott. Was kann ich für Herrn Pichler tun?",
        "U: Der bräucht an Hausbesuch, die Hüfte tut eam weh.",
        "A: Dr. Lindner fährt morgen Vormittag Hausbesuche. Darf ich noch Ihren Namen notieren?",
        "U: Ach, des braucht's ned.",
        "A: In Ordnung. Dann ist der Hausbesuch bei Herrn Alois Pichler für morgen vorgemerkt.",
    )
    assert names(turns) == (None, "Alois Pichler")


def test_heisse_jetzt_nur_noch_names_the_current_surname() -> None:
    turns = call(
        "U: Guten Tag, Carla Sommer hier. Ich war früher schon mal bei Ihnen, aber da hieß ich "
        "noch Brandt.",
        "A: Guten Tag, Frau Sommer. Ich finde Carla Brandt, letzter Besuch im Sommer 2019.",
        "U: Genau. Ich hab geheiratet. Ich heiße jetzt nur noch Sommer.",
        "A: Ich ändere das auf Carla Sommer. Dr. Lindner hat am Dienstag um 11 Uhr frei.",
        "U: Passt. Also Sommer, Carla Sommer.",
        "A: Notiert, Frau Sommer.",
    )
    assert names(turns)[0] == "Carla Sommer"


def test_a_child_named_in_full_with_the_callers_surname_keeps_it_beside_its_spelling() -> None:
    turns = call(
        "U: Bonjour, äh, grüß Gott. Dubois, Mathieu Dubois. Ich rufe für meinen Sohn Noé an, er "
        "hat sich beim Skifahren das Knie verdreht.",
        "A: Gute Besserung an Noé. Wie alt ist er, und heißt er auch Dubois?",
        "U: Er ist fünfzehn, und ja, Noé Dubois, N-O-É.",
        "A: Dr. Lindner hätte morgen um 15:30 Uhr einen Termin für Noé.",
        "U: Très bien, das passt.",
        "A: Dann bis morgen, Herr Dubois.",
    )
    assert names(turns) == ("Mathieu Dubois", "Noé Dubois")


def test_heisst_x_auch_y_mit_nachnamen_asks_about_the_child() -> None:
    turns = call(
        "U: Tach, hier is de Bollig, Birgit Bollig. Et jeht um minge Jung, dä Lukas.",
        "A: Guten Tag, Frau Bollig. Was hat Lukas denn?",
        "U: Dä hät sich dat Knie verdrieht.",
        "A: Heißt Lukas auch Bollig mit Nachnamen?",
        "U: Jo, Lukas Bollig, wie isch.",
        "A: Gut, Lukas Bollig ist um 16:15 Uhr eingetragen.",
    )
    assert names(turns) == ("Birgit Bollig", "Lukas Bollig")


def test_a_patient_named_in_part_takes_the_full_name_the_agent_books() -> None:
    turns = call(
        "U: grüß gott zahnlabor brenz in heidenheim yilmaz hier cem yilmaz",
        "A: Hallo Herr Yilmaz. Worum geht es?",
        "U: die brücke für die frau kübler isch fertig hannelore kübler dr lindner wollt dass "
        "mir direkt en termin ausmachet",
        "A: Alles klar. Wann liefern Sie die Brücke?",
        "U: morge früh bringt se unser fahrer",
        "A: Dann trage ich Frau Hannelore Kübler für Freitag um 8:15 Uhr bei Dr. Lindner ein.",
        "U: perfekt danke ade",
    )
    assert names(turns) == ("Cem Yilmaz", "Hannelore Kübler")


def test_a_relative_named_after_an_unpunctuated_dialect_infinitive_is_the_patient() -> None:
    turns = call(
        "U: ei gude ich wollt mei frau anmelde die gisela hammerschmidt die hat widder rücken",
        "A: Oh je. Hat Ihre Frau eine Verordnung vom Arzt?",
        "U: ja sechs mal krankegymnastik",
        "A: Dann trage ich Gisela Hammerschmidt für Donnerstag, 17:30 Uhr, ein. Darf ich noch "
        "Ihren Namen notieren?",
        "U: ach des brauche se net die gisela kommt ja selber",
    )
    assert names(turns) == (None, "Gisela Hammerschmidt")


def test_tyrolean_enk_is_part_of_a_greeting() -> None:
    turns = call(
        "U: Griaß enk! Pichler Hannes do. Mei Hund frisst seit zwoa Tag nix mehr.",
        "A: Oh je, Herr Pichler, das sollten wir uns anschauen. Heute um 16 Uhr?",
        "U: Jo, des geaht. Vergelt's Gott, pfiat enk.",
        "A: Gut, Herr Pichler, bis später.",
    )
    assert "Enk" not in (names(turns)[0] or "")


@pytest.mark.parametrize("name", ["Yogeswary Ravi", "Pirunthavy Mohan"])
def test_a_name_the_agent_addresses_by_its_second_word_is_in_the_order_said(name: str) -> None:
    surname = name.split()[1]
    turns = call(
        f"U: Grüezi, Sie sprechen mit {name}. Ich hätte gern einen Termin zum Färben.",
        f"A: Grüezi Frau {surname}. Haben Sie einen Wunsch, bei wem?",
        "U: Egal, einfach wenn möglich am Samstag.",
        "A: Am Samstag hätte Herr Kraus um 9 Uhr Zeit.",
        "U: Das passt, merci.",
    )
    assert names(turns)[0] == name


def test_an_exclamation_run_together_is_no_answer() -> None:
    turns = call(
        "U: griaß gott mir is a plombn aussagfalln i bräucht des bitte schnell",
        "A: Das machen wir möglichst bald. Wie ist Ihr Name?",
        "U: jessasmaria schnell",
        "A: Ja, wir finden schnell einen Termin. Ich brauche nur noch Ihren Namen.",
        "U: na schnell is mei nam rosi schnell wia schnell halt",
        "A: Ach so, Entschuldigung, Frau Schnell! Heute um 17 Uhr wäre noch frei.",
        "U: des is guat",
    )
    assert names(turns)[0] == "Rosi Schnell"


def test_ihr_vollstaendiger_name_in_lower_case_asks_for_hers() -> None:
    turns = call(
        "U: Moin. Hansen hier. Es geht um meine Frau, die hat sich einen Zahn abgebrochen.",
        "A: Oh je. Ist Ihre Frau schon Patientin bei uns?",
        "U: Nö, wir sind neu in Kiel.",
        "A: Dann lege ich sie neu an. Wie ist ihr vollständiger Name?",
        "U: Birte. Birte Hansen.",
        "A: Gut, dann ist Birte Hansen für morgen 8:45 Uhr eingetragen. Bis morgen, Herr Hansen.",
    )
    assert names(turns) == ("Hansen", "Birte Hansen")


def test_the_callers_first_name_said_after_the_surname_completes_the_address() -> None:
    turns = call(
        "U: Servus, do is der Biohof Lercher in Dellach. I bin der Kofler Gernot, i arbeit dort "
        "als Betriebsleiter.",
        "A: Servus, Herr Kofler. Was braucht ihr?",
        "U: Der Chef, der Herr Lercher, möcht, dass die Kälber enthornt werden.",
        "A: Dr. Lindner kann am Freitag um 7 Uhr früh zu euch auf den Hof kommen.",
        "U: Siebene passt.",
        "A: Dann ist der Hofbesuch eingetragen. Danke, Herr Kofler.",
    )
    assert names(turns)[0] == "Gernot Kofler"


def test_a_patient_is_not_completed_with_the_callers_own_first_name() -> None:
    turns = call(
        "U: Grüezi, Pereira hier, Ana Pereira. Ich möchte einen Termin für meine Mutter.",
        "A: Grüezi Frau Pereira. Wie heisst Ihre Mutter?",
        "U: Maria da Luz Fernandes. Fernandes mit S am Ende.",
        "A: Danke. War Ihre Mutter schon einmal bei uns?",
        "U: Ja. Vielleicht steht bei Ihnen noch mein lediger Name, Fernandes. Ich habe geheiratet.",
        "A: Ich sehe, als Kontaktperson steht noch Ana Fernandes. Ich ändere das auf Pereira. "
        "Dienstag um 10.45 Uhr wäre frei.",
        "U: Das geht, merci.",
    )
    assert names(turns)[1] != "Ana Fernandes"


def test_mein_name_run_together_by_the_recogniser_is_still_the_cue() -> None:
    turns = call(
        "U: ei gude meinname is karim benali isch wollt mir die hoar schneide lasse",
        "A: Hallo Herr Benali! Nur Schneiden oder auch Bart?",
        "U: schneide un bart bitte",
        "A: Morgen um 17:30 Uhr wäre frei.",
        "U: passt ciao",
    )
    assert names(turns)[0] == "Karim Benali"


def test_parts_the_agent_reads_back_with_labels_and_the_caller_confirms_set_the_order() -> None:
    turns = call(
        "U: salam äh hallo ben youssef karim isch will nen termin für fade schnitt",
        "A: Hallo! Damit ich es richtig eintrage: Karim ist Ihr Vorname, Ben Youssef der Nachname?",
        "U: jo genau ben youssef zwei wörter",
        "A: Danke, Herr Ben Youssef. Heute um 18 Uhr wäre noch ein Platz.",
        "U: safe isch komm",
    )
    assert names(turns)[0] == "Karim Ben Youssef"


def test_a_surname_spelled_as_a_correction_keeps_the_first_name_said_before() -> None:
    turns = call(
        "U: grüezi corinne weiss ich habe eine verordnung für physio wegen dem rücken",
        "A: Grüezi Frau Weiss. Weiss mit e-i?",
        "U: nein nein mit y wyss w y s s die schweizer schreibweise",
        "A: Merci, also Wyss mit Y. Am Montag um 18 Uhr wäre ein Termin frei.",
        "U: montag ist perfekt",
        "A: Dann sind Sie eingetragen, Frau Wyss.",
    )
    assert names(turns)[0] == "Corinne Wyss"


def test_a_company_named_for_its_trade_is_no_caller() -> None:
    turns = call(
        "U: ja grüß gott hier is elektro brandes aus zwickau wir solln die leitungen prüfen",
        "A: Ah ja, gern. Wann würden Sie vorbeikommen?",
        "U: mittwoch früh so um acht",
        "A: Mittwoch um acht, ich trage Elektro Brandes ein.",
    )
    assert names(turns) == (None, None)


def test_a_farmer_who_gives_the_farm_and_then_himself_keeps_his_own_name() -> None:
    turns = call(
        "U: Moin, hier ist Hauke Tjarks, eins von unseren Rindern hustet.",
        "A: Oh je. Wo steht das Tier denn?",
        "U: Hof Tjarks, Achterdiek 7 in Wesselburen.",
    )
    assert names(turns) == ("Hauke Tjarks", None)


def test_a_dog_named_after_its_breed_is_asked_is_no_patient() -> None:
    turns = call(
        "U: Grüß Gott, Renate Kübler, mein Pudel muss zum Impfen.",
        "A: Gerne, Frau Kübler. Und wie heißt Ihr Pudel?",
        "U: Bruno. Der ist jetzt neun.",
    )
    assert names(turns) == ("Renate Kübler", None)


def test_a_child_named_by_first_name_takes_the_callers_surname_the_agent_adds() -> None:
    said = (
        ("agent", "Salon Haarzeit, grüezi, hier ist Lea. Wie kann ich helfen?"),
        (
            "user",
            "Hallo, hier ist Sivaranjani Kanagaratnam. Ich brauche einen Termin für meine "
            "Tochter, Haare schneiden, sie hat Konfirmation.",
        ),
        ("agent", "Wie schön! Wie heisst Ihre Tochter?"),
        (
            "user",
            "Abinaya. Sie war schon bei Svenja, Svenja hat ihr letztes Mal die Haare gemacht.",
        ),
        ("agent", "Abinaya Kanagaratnam, ich sehe sie. Svenja hätte am Freitag um 15:30 Uhr Zeit."),
        ("user", "Ja, genau. Die Feier ist am Samstag, das passt perfekt."),
        ("agent", "Dann ist Abinaya am Freitag um 15:30 Uhr bei Svenja."),
    )
    result = extract_names(
        [Turn(role, text) for role, text in said],
        agent_names=["Lea"],
        staff_names=["Svenja", "Herr Imhof"],
    )
    assert (result.caller_name, result.patient_name) == (
        "Sivaranjani Kanagaratnam",
        "Abinaya Kanagaratnam",
    )


def test_the_firm_the_agent_notes_beside_the_callers_name_is_no_part_of_it() -> None:
    turns = call(
        "U: Guten Tag, Pavlič, Tomaž Pavlič von der Firma Medilux aus Ljubljana.",
        "A: Guten Tag, Herr Pavlič. Worum geht es?",
        "U: Ich möchte Dr. Lindner unsere neuen Blutdruckgeräte zeigen.",
        "A: Gern. Ich notiere Herrn Tomaž Pavlič von Medilux für Mittwoch um acht.",
    )
    assert names(turns) == ("Tomaž Pavlič", None)


def test_a_word_run_into_a_relatives_first_name_yields_to_the_family_name_booked() -> None:
    turns = call(
        "U: ja grüß gott wimmer hier die resi",
        "A: Grüß Gott, Frau Wimmer. Was kann ich für Sie tun?",
        "U: mei mann der alois mechat an termin zum blutabnehmen der is so schwerhörig",
        "A: Das machen wir gern. Dr. Lindner hätte am Dienstag um 8 Uhr Zeit.",
        "U: dienstag achte des basst",
        "A: Dann trage ich Alois Wimmer für Dienstag, 8 Uhr, bei Dr. Lindner ein.",
    )
    assert names(turns)[1] == "Alois Wimmer"


def test_a_word_before_a_name_the_agent_reads_back_without_it_is_speech() -> None:
    turns = call(
        "U: tach ick wollt für meene enkelin n termin machen die mia hat nächste woche jugendweihe",
        "A: Wie schön! Was soll gemacht werden, und wie heißt Ihre Enkelin mit Nachnamen?",
        "U: schneiden und föhnen und allet mia krüger krüger mit ü",
        "A: Danke. Frau Petersen hätte Samstag um 9 Uhr Zeit.",
        "U: jut samstag neune det passt",
        "A: Prima, ich trage Mia Krüger ein.",
    )
    assert names(turns) == (None, "Mia Krüger")


@pytest.mark.parametrize(
    "asked", ["Heißt Lina ebenfalls Haddad?", "Und heisst Jonas auch Berisha?"]
)
def test_asking_whether_someone_named_shares_the_surname_asks_about_them(asked: str) -> None:
    assert classify_ask(asked) == "patient"


def test_the_name_of_an_animal_the_agent_just_asked_about_is_no_patient() -> None:
    turns = call(
        "U: Guten Tag, hier spricht Monika Stenzel. Meine Katze frisst seit zwei Tagen nicht.",
        "A: Oh je, Frau Stenzel. Was für eine Katze ist es denn, und wie heißt sie?",
        "U: Eine Perserkatze, zwölf Jahre, sie heißt Minka.",
        "A: Dann sollte Dr. Lindner sie heute ansehen. Passt 17 Uhr?",
    )
    assert names(turns) == ("Monika Stenzel", None)


def test_the_caller_is_who_answered_the_name_question_and_was_addressed_so() -> None:
    turns = call(
        "U: Guten Tag. Ich rufe für meine Mutter an, sie hört schlecht. Kowalski, Irena Kowalski.",
        "A: Gern. Und wie ist Ihr Name, falls wir zurückrufen müssen?",
        "U: Ich bin der Sohn, Marek Nowak. Nowak, weil mein Vater so hieß.",
        "A: Danke, Herr Nowak. Dr. Lindner hätte am Montag um 10 Uhr Zeit für Frau Kowalski.",
        "U: Gut, ich bringe sie hin.",
    )
    assert names(turns) == ("Marek Nowak", "Irena Kowalski")


def test_a_pets_name_in_apposition_is_not_the_callers_first_name() -> None:
    turns = call(
        "U: Guten Tag, ich hab hier meinen Kater, den Moritz, der frisst seit gestern nicht.",
        "A: Oh je. Dr. Lindner kann ihn heute um 16 Uhr ansehen. Wie ist Ihr Name, bitte?",
        "U: Brockmann.",
        "A: Danke, bis heute Nachmittag.",
    )
    assert names(turns) == ("Brockmann", None)


def test_surname_first_with_a_rare_first_name_follows_the_agents_address() -> None:
    turns = call(
        "U: guten tag umarov aslan ich rufe an für meine tochter sie hat brief von schule",
        "A: Guten Tag, Herr Umarov. Wie heißt Ihre Tochter?",
        "U: amina amina umarova mit a am ende",
    )
    assert names(turns) == ("Aslan Umarov", "Amina Umarova")


def test_surname_first_then_a_first_name_the_agent_reads_back_hyphenated() -> None:
    turns = call(
        "A: Guten Tag. Wie ist Ihr Name?",
        "U: dudaev magomed ali",
        "A: Entschuldigung, können Sie das bitte buchstabieren?",
        "U: magomed ali mit bindestrich m a g o m e d und ali dann dudaev d u d a e v",
        "A: Danke, Herr Dudaev. Also Magomed-Ali Dudaev. Dr. Lindner hätte morgen um 9 Uhr Zeit.",
    )
    assert names(turns) == ("Magomed-Ali Dudaev", None)


def test_the_name_to_book_under_is_the_grandchilds_in_dialect() -> None:
    turns = call(
        "U: ja griaß god i bräucht an termin fürs enkerl d sophie gruber de hod zahnweh",
        "A: Gerne. Wie alt ist Sophie denn?",
        "U: ähm acht",
        "A: Dr. Lindner hätte am Samstag um 10 Uhr Zeit. Auf welchen Namen darf ich den Termin "
        "eintragen, und wie erreiche ich Sie?",
        "U: schreibns einfach d sophie gruber nei i bring s bloß vorbei",
        "A: In Ordnung, dann ist Sophie Gruber am Samstag um 10 Uhr eingetragen.",
    )
    assert names(turns) == (None, "Sophie Gruber")


def test_the_name_to_book_under_is_the_daughters_in_dialect() -> None:
    turns = call(
        "U: ja hallo ich wollt für mei dochder en termin machen die braucht was fürs zeugnis",
        "A: Gern. Dr. Lindner hätte Freitag um 8:30 Uhr Zeit. Auf welchen Namen trage ich das ein?",
        "U: marie kessler also die marie schreib se uff die",
        "A: Gern. Marie Kessler, Freitag 8:30 Uhr. Unter welcher Nummer erreichen wir Sie?",
    )
    assert names(turns) == (None, "Marie Kessler")


def test_the_agent_greeted_by_name_is_no_part_of_the_callers_name() -> None:
    turns = [
        Turn("agent", "Zweirad Petersen, moin, hier ist Finn."),
        Turn("user", "moin finn malte hier ich hab doch mein rad bei euch is das fertig"),
        Turn("agent", "Moment, ich schaue nach. Wie ist denn der Nachname?"),
        Turn("user", "malte reicht der chef kennt mich"),
        Turn("agent", "Alles klar, ab 16 Uhr können Sie es abholen."),
    ]
    result = extract_names(turns, agent_names=["Finn"], staff_names=["Herr Petersen"])
    assert result.caller_name == "Malte"


def test_a_first_name_said_weakly_joins_the_surname_the_agent_then_asks_for() -> None:
    turns = call(
        "U: Guten Tag, ich bin Dorota, die Betreuerin von Herrn Albers, Gerd Albers, aus Haag.",
        "A: Guten Tag. Und wie ist Ihr Nachname, bitte?",
        "U: Kaczmarek. K, A, C, Z, M, A, R, E, K.",
        "A: Danke, Frau Kaczmarek. Was braucht Herr Albers?",
    )
    assert names(turns)[0] == "Dorota Kaczmarek"


def test_a_full_name_in_apposition_to_someone_spoken_of_is_theirs() -> None:
    turns = call(
        "U: Guten Tag, ich bin Dorota, die Pflegerin von Frau Albers, Gerda Albers.",
        "A: Guten Tag. Und wie ist Ihr Nachname, bitte?",
        "U: Kaczmarek. K, A, C, Z, M, A, R, E, K.",
        "A: Danke, Frau Kaczmarek. Was braucht Frau Albers?",
    )
    assert names(turns) == ("Dorota Kaczmarek", "Gerda Albers")


def test_a_firm_said_with_its_legal_form_in_lower_case_is_no_name() -> None:
    turns = call(
        "U: ja tach hier is kretzschmar dach gmbh aus glauchau äh der chef selber uwe kretzschmar",
        "A: Guten Tag, Herr Kretzschmar. Wie kann ich helfen?",
        "U: ich bräucht en termin wegen der lohnabrechnung",
    )
    assert names(turns)[0] == "Uwe Kretzschmar"


def test_a_letter_named_after_mit_is_a_hint_before_the_spelling() -> None:
    said = "nee mit ypsilon m wie martha e wie emil y wie ypsilon e wie emil r wie richard"
    assert spelled_names(said) == ["Meyer"]


def test_both_parts_read_back_by_label_ask_for_the_name_not_the_first_name() -> None:
    asked = "Habe ich das richtig verstanden, Ihr Vorname ist Jonas und Ihr Nachname Krabbe?"
    assert classify_ask(asked) == "name"


def test_a_spelling_after_both_parts_were_read_back_mends_the_surname() -> None:
    turns = call(
        "A: Gut, bringen Sie das bitte mit. Wie ist Ihr Name?",
        "U: El-Masri, Tarek.",
        "A: Danke. Also Vorname Tarek, Nachname El-Masri?",
        "U: Ja, genau. El mit großem E, dann Bindestrich, dann Masri, M, A, S, R, I.",
        "A: Danke, Herr El-Masri. Dr. Lindner hat Donnerstag um 12 Uhr frei.",
    )
    assert names(turns) == ("Tarek El-Masri", None)


def test_confirming_the_name_the_agent_books_a_relative_under_names_the_patient() -> None:
    turns = call(
        "U: moin jessen broder jessen ich ruf wegen mien fru an",
        "A: Guten Tag, Herr Jessen. Worum geht es bei Ihrer Frau?",
        "U: de frauke hett dat mit de schulter dor mutt mol een kieken",
        "A: Dienstag um 9 Uhr geht. Ich trage das auf Frauke Jessen ein, richtig?",
        "U: jo genau frauke jessen",
        "A: Prima, bis Dienstag.",
    )
    assert names(turns) == ("Broder Jessen", "Frauke Jessen")


def test_a_relative_sharing_the_surname_of_a_caller_who_said_it_first_is_booked() -> None:
    # The caller gives "surname, first name"; the agent books his mother, who shares the
    # surname: the caller's first name, not his surname, tells the two apart.
    turns = call(
        "U: Grüezi, Zürcher Beat. Mis Mami isch uf de Stäge umgheit, jetz tuet ere s Knie weh.",
        "A: Das tut mir leid. Hat Ihre Mutter eine Überweisung?",
        "U: Ja, vom Hausarzt. Si heisst Hedwig, Hedwig Zürcher.",
        "A: Danke, Herr Zürcher. Dann ist Frau Hedwig Zürcher am Montag um 9 Uhr eingetragen.",
    )
    assert names(turns) == ("Beat Zürcher", "Hedwig Zürcher")


def test_a_grandchild_books_the_ruhr_grandmother_under_her_name() -> None:
    turns = call(
        "U: hömma ich ruf für meine omma an die braucht ne kontrolle",
        "A: Gern. Auf welchen Namen soll ich den Termin eintragen?",
        "U: brinkmann gertrud brinkmann die war schon öfter bei euch",
        "A: Ja, Frau Brinkmann ist bei uns gespeichert. Donnerstag um 10 Uhr?",
        "U: dat passt ich bring se hin",
    )
    assert names(turns) == (None, "Gertrud Brinkmann")


def test_an_austrian_caller_phones_about_her_vata() -> None:
    turns = call(
        "U: griaß gott i ruf wegen meim vata an dem franz pichler der braucht a rezept",
        "A: Gerne. Ist Herr Franz Pichler bei uns schon Patient?",
        "U: jo scho lang",
        "A: Und mit wem spreche ich?",
        "U: pichler monika i bin die tochter",
        "A: Danke, Frau Pichler. Für Ihren Vater hätte ich Dienstag um 8 Uhr.",
    )
    assert names(turns) == ("Monika Pichler", "Franz Pichler")


def test_a_kölsch_sigh_is_no_name() -> None:
    turns = call(
        "U: Hallo, hier is et Gerda, isch muss minge Termin verschieben.",
        "A: Kein Problem. Sagen Sie mir noch Ihren Nachnamen?",
        "U: Ach Jott, dat weiß die Frau Petersen doch. Dat Gerda halt.",
        "A: Gut, dann für Gerda. Wäre Freitag um 9 Uhr möglich?",
    )
    assert names(turns)[0] == "Gerda"


def test_a_name_before_heisst_sie_is_the_relative_booked_for() -> None:
    turns = call(
        "U: Guten Tag, Carstensen, Hauke. Ich rufe für meine Frau an, sie hat den Fuß verknackst.",
        "A: Das tut mir leid. Hat sie schon ein Röntgenbild?",
        "U: Ja, vom Unfallarzt. Wiebke heißt sie, Wiebke Carstensen.",
        "A: Danke, Herr Carstensen. Dr. Lindner hätte morgen um 11 Uhr Zeit.",
    )
    assert names(turns) == ("Hauke Carstensen", "Wiebke Carstensen")


def test_a_bavarian_caller_says_do_for_hier_after_the_name() -> None:
    turns = call(
        "U: Jo grüß Gott, Kofler Maria do. I tat gern an Termin ausmachen, mei Knia tuat weh.",
        "A: Grüß Gott. Morgen um 10 Uhr?",
    )
    assert names(turns) == ("Maria Kofler", None)


def test_asking_whether_someone_is_there_names_no_caller() -> None:
    turns = call("U: Grüß Gott, ist der Herr Wimmer da?", "A: Er ist heute nicht im Haus.")
    assert names(turns) == (None, None)


def test_a_name_spelled_with_letter_names_ends_where_the_letters_begin() -> None:
    turns = call(
        "U: ich ruf für meine mutter an die braucht ne kontrolle",
        "A: Gern. Wie heißt Ihre Mutter?",
        "U: erika kaminski ka a em i en es ka i",
        "A: Danke. Am Freitag um 9 Uhr hätte Dr. Lindner Zeit.",
    )
    assert names(turns) == (None, "Erika Kaminski")


def test_the_name_borne_since_a_marriage_after_jetzt_bin_ich() -> None:
    turns = call(
        "U: Guten Tag, Lehmann mein Name. Ich brauche einen Termin zur Kontrolle.",
        "A: Gern, Frau Lehmann. Ich finde Sie nicht. Waren Sie schon einmal bei uns?",
        "U: Ja, unter meinem Mädchennamen. Lehmann, geborene Albers. Damals stand Ruth Albers "
        "drin, jetzt bin ich Ruth Lehmann.",
        "A: Danke, jetzt habe ich Sie gefunden.",
    )
    assert names(turns) == ("Ruth Lehmann", None)


def test_a_surname_the_caller_no_longer_bears_does_not_complete_her_name() -> None:
    turns = call(
        "U: Hallo, Brandt hier, Sabine Brandt. Ich war im Frühjahr schon mal bei Ihnen.",
        "A: Einen Moment, Frau Brandt. Ihr Geburtsdatum, bitte?",
        "U: Zwölfter März neunzig. Ach, ich heiße ja gar nicht mehr Brandt, ich habe geheiratet. "
        "Sabine Okafor jetzt.",
        "A: Herzlichen Glückwunsch! Dann ändere ich den Namen.",
    )
    assert names(turns)[0] != "Sabine Brandt"


def test_a_bavarian_caller_who_forgot_to_introduce_himself_names_himself_at_the_end() -> None:
    turns = call(
        "U: ja grüß gott mei krone is locker",
        "A: Oh je. Haben Sie Schmerzen?",
        "U: na schmerzen ned",
        "A: Dann trage ich Sie für morgen um 11 Uhr ein.",
        "U: passt",
        "A: Gut.",
        "U: ach jetz hab i mi gar ned vorgstellt wimmer sepp wimmer",
    )
    assert names(turns) == ("Sepp Wimmer", None)


def test_yes_to_the_letters_the_agent_asked_about_confirms_the_whole_name() -> None:
    turns = call(
        "U: Guten Tag, Grzegorz Wróblewski, ich hätte gern einen Termin.",
        "A: Gern, Herr Wróblewski. Und der Vorname Grzegorz, mit o-r-z am Ende?",
        "U: Ja, o, r, z.",
        "A: Danke. Dr. Lindner hat Montag um 8 Uhr frei.",
    )
    assert names(turns) == ("Grzegorz Wróblewski", None)


def test_a_day_no_surname_list_ranks_is_no_surname_when_the_agent_only_said_it_as_the_day() -> None:
    turns = call(
        "U: servus i bins d vroni i hätt gern wieder an termin zur fußpflege",
        "A: Hallo Vroni! Frau Petersen hätte am Donnerstag um 14 Uhr Zeit.",
        "U: donnerstag um zwoa passt",
        "A: Darf ich noch Ihren Nachnamen notieren?",
        "U: ach de frau petersen woaß scho wer i bin schreibens vroni donnerstag des langt",
        "A: In Ordnung, dann bis Donnerstag.",
    )
    assert names(turns)[0] != "Vroni Donnerstag"


def test_a_spelling_unlike_the_said_name_wins_once_the_agent_addresses_the_caller_by_it() -> None:
    turns = call(
        "U: hallo iryna schewtschenko ich bräuchte einen termin zur kontrolle",
        "A: Gern, Frau Schewtschenko. Schreibe ich das S C H E W T S C H E N K O?",
        "U: nein im ausweis ist es englisch geschrieben s h e v c h e n k o",
        "A: Danke, also Shevchenko. Dr. Lindner hätte am Montag um 9 Uhr Zeit.",
        "U: montag neun passt",
        "A: Dann sind Sie eingetragen, Frau Shevchenko.",
    )
    assert names(turns) == ("Iryna Shevchenko", None)


def test_a_swiss_article_after_the_name_starts_the_next_clause() -> None:
    turns = call(
        "U: grüezi do isch d schreinerei gisler personalabteilig huber vreni",
        "A: Grüezi Frau Huber. Was darf ich für Sie tun?",
        "U: mir hän en neue lehrling dr jonas meier dä bruucht en termin bim dokter",
        "A: Gern. Dr. Lindner hätte am Montag um 7 Uhr Zeit für Jonas Meier.",
    )
    assert names(turns) == ("Vreni Huber", "Jonas Meier")


def test_the_childs_surname_asked_after_the_fathers_address_is_the_childs() -> None:
    turns = call(
        "U: Guten Tag. Petrow, Dmitri. Es geht um meine Tochter, Darja, sie hat Ohrenschmerzen.",
        "A: Danke, Herr Petrow. Heißt Darja auch Petrow mit Nachnamen?",
        "U: Petrowa, mit a am Ende, bei Mädchen ist das so.",
        "A: Verstanden, Darja Petrowa. Dr. Lindner hätte um 15 Uhr Zeit.",
    )
    assert names(turns) == ("Dmitri Petrow", "Darja Petrowa")


def test_a_relatives_surname_split_by_the_recogniser_is_joined_as_the_agent_said_it() -> None:
    turns = call(
        "U: ja guten tag yilmaz mein name ich möchte meinen sohn anmelden",
        "A: Gerne, Herr Yilmaz. Wie heißt Ihr Sohn?",
        "U: emre yil maz der ist acht",
        "A: Danke. Dr. Lindner hätte am Mittwoch um 15 Uhr Zeit für Emre.",
    )
    assert names(turns)[1] == "Emre Yilmaz"


def test_a_relative_named_after_bei_ihnen_and_the_verb_is_booked_for() -> None:
    turns = call(
        "U: Gude, Winter, Karl Winter. Ich wollt mei Bub bei Ihne anmelde, de Finn Winter.",
        "A: Gern, Herr Winter. Dr. Lindner hätte am Montag um 16 Uhr Zeit für Finn.",
    )
    assert names(turns) == ("Karl Winter", "Finn Winter")


def test_palatinate_fer_books_for_the_child_named_after_it() -> None:
    turns = call(
        "U: ei gude do is die sandra kessler isch bräucht en termin fer de noah mei bub",
        "A: Gern, Frau Kessler. Heißt Noah mit Nachnamen auch Kessler?",
        "U: jo aach kessler noah kessler",
        "A: Danke. Heute um 11 Uhr?",
    )
    assert names(turns) == ("Sandra Kessler", "Noah Kessler")


def test_unpunctuated_the_child_named_after_the_infinitive_is_booked_for() -> None:
    turns = call(
        "U: hallo hier ist petra lange ich wollt meinen sohn anmelden der ben der is neun",
        "A: Na klar. Soll Ben zu Dr. Lindner?",
        "U: ja genau",
        "A: Alles klar, dann trage ich Ben für Samstag um 10 Uhr ein.",
    )
    assert names(turns) == ("Petra Lange", "Ben")


def test_a_caseworker_addressed_by_surname_books_the_youth_she_named() -> None:
    turns = call(
        "U: Ja, guten Tag, Brenninger, Jugendamt Rosenheim. Ich rufe wegen eines Jugendlichen an.",
        "A: Guten Tag, Frau Brenninger. Worum geht es?",
        "U: Kevin Haslinger, fünfzehn Jahre, er braucht ein Erstgespräch.",
        "A: Verstehe. Dr. Lindner hätte am Dienstag um 15 Uhr Zeit.",
        "U: Passt. Für Rückfragen: Monika Brenninger, Durchwahl 12.",
        "A: Danke, Frau Brenninger. Dann ist Kevin Haslinger am Dienstag um 15 Uhr eingetragen.",
    )
    assert names(turns) == ("Monika Brenninger", "Kevin Haslinger")


def test_a_child_named_before_heisst_er_after_a_question_about_the_child() -> None:
    turns = call(
        "U: Hallo, Kraft hier. Meine Tochter soll zur Logopädie, die Erzieherin hat das gesagt.",
        "A: Das bekommen wir hin. Wie alt ist Ihre Tochter?",
        "U: Fünf, sie ist im Kindergarten. Lotta heißt sie, Lotta Kraft.",
        "A: Danke, Frau Kraft. Dr. Lindner hätte dienstags um 15 Uhr einen Platz für Lotta frei.",
    )
    assert names(turns) == ("Kraft", "Lotta Kraft")


def test_a_syllable_said_again_to_spell_the_first_name_is_no_part_of_the_name() -> None:
    turns = call(
        "A: Gerne. Wie heißen Sie?",
        "U: berivan aksoy be ri van also b e r i v a n",
        "A: Danke, Frau Aksoy. Kommen Sie am Dienstag um 18 Uhr.",
    )
    assert names(turns) == ("Berivan Aksoy", None)


def test_two_words_labelled_the_first_name_at_the_sentence_start_stay_whole() -> None:
    turns = call(
        "U: Guten Tag, Tran hier, Lan Tran. Ich brauche einen Termin für meine Tochter.",
        "A: Gern, Frau Tran. Wie heißt Ihre Tochter?",
        "U: Bao Ngoc. Bao Ngoc ist der Vorname, zwei Wörter. Nachname auch Tran.",
        "A: Danke. Also Bao Ngoc Tran. Dr. Lindner hat Donnerstag um 9 Uhr frei.",
    )
    assert names(turns) == ("Lan Tran", "Bao Ngoc Tran")


def test_the_agent_saying_the_appointment_is_for_someone_names_the_patient() -> None:
    turns = call(
        "U: Grüß Gott. Ich bräuchte einen Termin für meinen Sohn.",
        "A: Gerne. Wie ist Ihr Name, bitte?",
        "U: Hadžić, Amra Hadžić. Aber der Bub heißt anders, wie sein Vater. Emir Mujić.",
        "A: Also der Termin ist für Emir Mujić. Wie alt ist Emir?",
        "U: Sechs.",
    )
    assert names(turns)[1] == "Emir Mujić"


def test_a_first_name_after_a_surname_of_two_words_is_the_callers() -> None:
    # A double surname said without its hyphen, the first name after it: written hyphenated.
    turns = call(
        "U: Schönen Tag, Hollerbach Wendling ist mein Name, Irmgard. Ich bräuchte einen Termin.",
        "A: Gern, Frau Hollerbach-Wendling. Wann passt es Ihnen?",
        "U: Am liebsten vormittags.",
    )
    assert names(turns) == ("Irmgard Hollerbach-Wendling", None)


def test_a_surname_ending_like_a_firm_word_is_still_a_surname() -> None:
    turns = call(
        "U: Tag, hier ist der Pflegedienst Sonnenhof, Wellenbrockhaus mein Name. Ich rufe an "
        "wegen eines Hausbesuchs für unseren Klienten, Herrn Gustav Pieper.",
        "A: Gerne. Darf ich noch Ihren Vornamen notieren?",
        "U: Anke. Anke Wellenbrockhaus, Pflegedienst Sonnenhof.",
    )
    assert names(turns) == ("Anke Wellenbrockhaus", "Gustav Pieper")


def test_a_word_opening_an_unpunctuated_answer_before_the_labelled_first_name_is_the_surname() -> (
    None
):
    turns = call(
        "U: grüß gott i bräucht an termin beim doktor",
        "A: Gerne. Wie ist Ihr Name?",
        "U: pichler und der vorname is leopold",
        "A: Danke. Donnerstag um neun?",
    )
    assert names(turns) == ("Leopold Pichler", None)


def test_the_first_name_added_after_its_label_is_the_callers() -> None:
    turns = call(
        "U: wendlinger servus i hätt gern an termin",
        "A: Gerne. Darf ich noch Ihren vollständigen Namen haben?",
        "U: wendlinger wie gsagt ah so an vornamen a no kajetan",
        "A: Danke, Herr Wendlinger. Montag um acht.",
    )
    assert names(turns) == ("Kajetan Wendlinger", None)


def test_a_surname_with_its_particle_said_alone_first_is_no_first_name() -> None:
    turns = call(
        "U: Ich bräuchte einen Termin zum Ultraschall.",
        "A: Gerne. Auf welchen Namen?",
        "U: De Rosa. Graziella De Rosa. De groß und getrennt.",
        "A: Danke, Frau De Rosa. Mittwoch um elf.",
    )
    assert names(turns) == ("Graziella De Rosa", None)


def test_the_particles_of_a_surname_spelled_as_one_word_are_no_name() -> None:
    turns = call(
        "U: ja hallo ich bräuchte einen termin zur kontrolle",
        "A: gern wie ist ihr name bitte",
        "U: van den bosch",
        "A: ich habe herr bosch notiert ist das richtig",
        "U: nee van den bosch drei wörter v a n dann d e n und bosch b o s c h",
        "A: danke herr van den bosch und ihr vorname",
        "U: wouter w o u t e r",
        "A: danke dann dienstag um neun",
    )
    assert names(turns) == ("Wouter van den Bosch", None)


def test_a_surname_alone_introduced_after_a_correction_keeps_the_first_name() -> None:
    turns = call(
        "U: Hallo, hier ist Merve Yıldız, ich wollte … ach nee, Quatsch, ich heiße ja jetzt "
        "Aydın, seit der Hochzeit.",
        "A: Herzlichen Glückwunsch! Worum geht es?",
        "U: Um die Vorsorge.",
    )
    assert names(turns) == ("Merve Aydın", None)


def test_a_surname_with_a_particle_then_hier_is_an_introduction() -> None:
    turns = call(
        "U: Ja, moin, von Aschwege hier. Ich wollte einen Termin zur Kontrolle.",
        "A: Moin, Herr von Aschwege. Passt Dienstag?",
        "U: Ja. Und schreiben Sie den Vornamen dazu: Eilert.",
        "A: Notiert: Eilert von Aschwege, Dienstag.",
    )
    assert names(turns) == ("Eilert von Aschwege", None)


def test_a_vietnamese_middle_name_van_before_the_first_name_stays_a_first_name() -> None:
    turns = call(
        "U: ja hallo mein name ist nguyen van long ich habe rückenschmerzen",
        "A: Danke. Ist Nguyen Ihr Vorname oder Ihr Nachname?",
        "U: nguyen ist nachname und van long ist vorname",
        "A: Danke, Herr Nguyen. Freitag um acht?",
    )
    assert names(turns)[0] in ("Van Long Nguyen", "van Long Nguyen")


def test_labels_after_her_or_his_name_the_other_persons_parts() -> None:
    turns = call(
        "U: Guten Tag, hier ist Wang, Wang Lei. Ich möchte einen Termin für meine Mutter.",
        "A: Gern. Ist Wang Ihr Nachname?",
        "U: Ja, Wang ist der Familienname, Lei ist mein Vorname. Meine Mutter heißt anders, "
        "Zhou Ying. Zhou ist ihr Familienname, Ying der Vorname.",
        "A: Danke. Dann ist Frau Ying Zhou am Montag um zehn eingetragen.",
    )
    assert names(turns) == ("Lei Wang", "Ying Zhou")


def test_the_answer_to_the_former_name_question_is_no_current_name() -> None:
    turns = call(
        "U: Guten Tag, hier ist Friederike Lammersdorf. Vielleicht finden Sie mich noch unter "
        "meinem Mädchennamen.",
        "A: Wie lautet denn Ihr früherer Name?",
        "U: Pohlmeier. Friederike Pohlmeier.",
        "A: Ich habe Sie gefunden und trage Lammersdorf ein. Dienstag um zehn?",
        "U: Gut.",
    )
    assert names(turns) == ("Friederike Lammersdorf", None)


def test_a_name_said_after_jetzt_in_the_former_name_answer_is_current() -> None:
    turns = call(
        "U: Grüß Gott, Brandauer mein Name. Ich hab früher anders geheißen.",
        "A: Wie war denn Ihr früherer Name?",
        "U: Kovačević, Mirela Kovačević. Jetzt bin ich verheiratet, Mirela Brandauer.",
        "A: Danke, Frau Brandauer. Mittwoch um neun?",
    )
    assert names(turns) == ("Mirela Brandauer", None)


def test_ich_heisse_then_a_weekday_surname_the_first_name_and_it_again_is_a_name() -> None:
    turns = call(
        "U: ja hallo haben sie am sonntag notdienst",
        "A: Meinen Sie den Namen oder den Tag?",
        "U: nee der name ich heiß sonntag gerlinde sonntag hehe das fragen alle",
        "A: Alles klar. Dann bis Sonntag.",
    )
    assert names(turns) == ("Gerlinde Sonntag", None)


def test_the_answer_about_whom_opens_with_um_and_a_salutation() -> None:
    turns = call(
        "U: ja hallo hier is zahntechnik rheinaue jochen brettschneider wegen ner brücke",
        "A: Hallo Herr Brettschneider. Um welchen Patienten geht es?",
        "U: um die frau pützfeld die hat am freitag die anprobe aber dat teil is nit fertig",
        "A: Dann verschiebe ich den Termin von Frau Pützfeld auf nächste Woche.",
    )
    assert names(turns) == ("Jochen Brettschneider", "Pützfeld")


def test_a_surname_with_its_particle_the_first_name_and_it_again_opens_the_call() -> None:
    turns = call(
        "U: buongiorno äh guten tag di stefano marco di stefano",
        "A: Guten Tag, Herr Di Stefano. Was kann ich für Sie tun?",
        "U: ich brauch eine blutabnahme für die arbeit",
    )
    assert names(turns) == ("Marco Di Stefano", None)


def test_the_caller_spelling_their_own_surname_after_a_read_back_leaves_the_patients() -> None:
    turns = call(
        "U: Guten Tag, hier ist Arbnora Gashi vom Pflegeheim Sonnhalde.",
        "A: Guten Tag, Frau Gashi. Worum geht es?",
        "U: Eine Bewohnerin, Frau Hedwig Brunner, braucht eine Kontrolle.",
        "A: Dann Hedwig Brunner, Mittwoch um 10 Uhr. Soll ich die Bestätigung an Sie schicken?",
        "U: Ja, an die Station, zuhanden Gashi. G-A-S-H-I.",
        "A: Notiert, Frau Gashi.",
    )
    assert names(turns) == ("Arbnora Gashi", "Hedwig Brunner")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Hallo, ich bin's, die Gundula. Ich war letzte Woche zum Färben da.", "Gundula"),
        ("Hoi, ich bin es, die Gundula. Ich war letzte Woche da.", "Gundula"),
        ("Ja hallo, ich bins nochmal, Gundula Reimers. Es geht um den Termin.", "Gundula Reimers"),
    ],
)
def test_its_me_then_who(line: str, expected: str) -> None:
    assert names(call(f"U: {line}", "A: Hallo! Was kann ich für Sie tun?"))[0] == expected


def test_surname_hier_then_a_hesitation_is_an_introduction() -> None:
    turns = call(
        "U: ja moin brüggemann hier äh ich ruf an wegen meiner tochter",
        "A: Moin. Wie heißt Ihre Tochter?",
        "U: lina lina brüggemann",
    )
    assert names(turns) == ("Brüggemann", "Lina Brüggemann")


def test_a_first_name_before_dialect_words_that_make_no_name_is_the_first_name_alone() -> None:
    turns = call(
        "U: servus i bin da toni vom hof in oberndorf mei bulldog springt nimma o",
        "A: Servus. Wie ist denn Ihr Nachname?",
        "U: ah geh des brauchts ned sagns eam einfach da toni aus oberndorf",
        "A: Alles klar. Morgen um acht?",
    )
    assert names(turns) == ("Toni", None)


def test_no_first_name_alone_where_the_agent_said_it_with_a_surname() -> None:
    turns = call(
        "U: moin hier is hauke lassen boysen ich hätt gern n termin zum schneiden",
        "A: Gern. Ist Boysen Ihr Nachname?",
        "U: nee lassen boysen is der nachname beides mit bindestrich also lassen strich boysen "
        "hauke is der vorname",
        "A: Ah, danke: Hauke Lassen-Boysen. Wann passt es Ihnen?",
    )
    assert names(turns)[0] != "Hauke"


def test_the_name_after_a_clause_about_the_relative_is_the_relatives() -> None:
    turns = call(
        "U: Guten Tag. Ich ruf an wegen meiner Mutter, die ist schon lange bei Ihnen. "
        "Waltraud Hembach, Jahrgang 41.",
        "A: Danke. Worum geht es bei Frau Hembach?",
        "U: Sie hat seit gestern Fieber, wir bräuchten einen Hausbesuch.",
    )
    assert names(turns) == (None, "Waltraud Hembach")


def test_fuer_den_and_a_noun_that_is_also_a_surname_is_no_relative() -> None:
    turns = call(
        "U: Grüß Gott, Sommer hier. Für den Sommer hätte ich gern eine Pediküre.",
        "A: Sehr gern, Frau Sommer. Donnerstag um vier?",
        "U: Ja, gut.",
    )
    assert names(turns) == ("Sommer", None)


def test_syllables_before_the_labelled_surname_are_no_part_of_it() -> None:
    turns = call(
        "U: ja hallo äh ich hab überweisung für physio",
        "A: Gerne. Wie ist Ihr Name?",
        "U: mujkanović amar",
        "A: Entschuldigung, könnten Sie das wiederholen?",
        "U: amar ist vorname mu jka no vić mujkanović nachname",
        "A: Danke, Herr Mujkanović.",
    )
    assert names(turns) == ("Amar Mujkanović", None)


def test_a_first_name_said_again_as_all_there_is_answers_the_name_question() -> None:
    turns = call(
        "U: hi ich wollt fragen ob ihr morgen noch was frei habt für strähnchen",
        "A: Morgen um 16 Uhr. Auf welchen Namen darf ich das eintragen?",
        "U: merle einfach merle die frau petersen kennt mich",
        "A: Danke, Merle. Bis morgen.",
    )
    assert names(turns) == ("Merle", None)


def test_the_relative_asked_about_named_with_an_article_is_the_patient() -> None:
    turns = call(
        "U: ja hallo hier is ähm brandt birgit brandt ich ruf an wegen meiner tochter",
        "A: Hallo Frau Brandt. Worum geht es bei Ihrer Tochter?",
        "U: die merle brandt is sieben und stottert seit dem umzug",
        "A: Dann trage ich Merle für Montag um drei ein.",
    )
    assert names(turns) == ("Birgit Brandt", "Merle Brandt")


def test_a_title_before_the_first_name_keeps_a_particle_surname_whole() -> None:
    turns = call(
        "U: Guten Morgen, Ina Reinert vom Pflegedienst Saarblick. Ich rufe für einen unserer "
        "Klienten an, Herrn Dr. Konstantin von Hövelbeck.",
        "A: Guten Morgen, Frau Reinert. Was benötigt Herr Dr. von Hövelbeck?",
        "U: Einen Hausbesuch, der Verband muss angeschaut werden.",
        "A: Dann trage ich den Hausbesuch für Herrn Dr. von Hövelbeck am Donnerstag um 15 Uhr ein.",
    )
    assert names(turns) == ("Ina Reinert", "Konstantin von Hövelbeck")


def test_low_german_ik_after_the_name_is_no_part_of_it() -> None:
    turns = call(
        "U: moin moin jo hier is ähm frauke hinrichs ik hab da so n pochen im zahn",
        "A: Oh, das tut mir leid, Frau Hinrichs. Morgen um neun?",
    )
    assert names(turns) == ("Frauke Hinrichs", None)


def test_da_ist_and_a_first_name_right_after_the_greeting_introduces_the_caller() -> None:
    turns = call(
        "U: Grüezi Anna, da ist Ladina. Ich wollte fragen, ob Frau Petersen im Mai noch "
        "Termine für die Dentalhygiene hat.",
        "A: Sehr gern. Darf ich noch Ihren Nachnamen haben, Ladina?",
        "U: Ich möchte erst einmal nur wissen, ob es geht.",
    )
    assert names(turns) == ("Ladina", None)


def test_auch_and_the_shared_surname_then_who_one_is_names_the_caller() -> None:
    turns = call(
        "U: ja hallo ich ruf an für mein mann der bernhard kleinsorge der hat ne verordnung",
        "A: Gerne. Für Herrn Bernhard Kleinsorge also. Und mit wem spreche ich, bitte?",
        "U: auch kleinsorge die frau halt",
        "A: Danke, Frau Kleinsorge. Montag um fünf?",
    )
    assert names(turns) == ("Kleinsorge", "Bernhard Kleinsorge")


def test_the_surname_who_one_is_and_the_first_name_answer_who_calls() -> None:
    turns = call(
        "U: ja tach ähm meine mutter die edeltraud schmiemann die hat ne prothese die drückt",
        "A: Dann ist Frau Edeltraud Schmiemann morgen um neun eingetragen. Wer ruft denn an?",
        "U: ach so ja schmiemann der sohn detlef",
        "A: Danke, Herr Schmiemann.",
    )
    assert names(turns) == ("Detlef Schmiemann", "Edeltraud Schmiemann")


def test_a_word_then_the_department_after_the_greeting_is_the_callers_surname() -> None:
    turns = call(
        "U: Schönen guten Tag, Hollmichel, Personalabteilung Krüger Stahlbau. Wir bräuchten "
        "für einen Mitarbeiter eine Untersuchung.",
        "A: Gerne. Wie heißt der Mitarbeiter?",
        "U: Ömer Kaplan.",
        "A: Danke. Dienstag um sieben? Die Rechnung geht an Sie, Frau Hollmichel?",
    )
    assert names(turns) == ("Hollmichel", "Ömer Kaplan")


def test_a_first_name_from_a_practice_introduces_the_caller() -> None:
    turns = call(
        "U: Grüezi, hier ist die Corina von der Hausarztpraxis Dr. Bommeli in Frauenfeld.",
        "A: Grüezi Corina. Was kann ich für die Praxis tun?",
        "U: Wir haben einen Patienten, Herrn Ruedi Stäheli, er braucht Ergotherapie. Die Frau "
        "Schimmel von der Station hat gesagt, vormittags geht es.",
        "A: Dann trage ich Herrn Ruedi Stäheli ab Montag um zehn Uhr ein.",
    )
    assert names(turns) == ("Corina", "Ruedi Stäheli")


def test_the_patients_saluted_surname_in_the_booking_turn_is_not_the_callers() -> None:
    turns = call(
        "U: Grüezi, da ist Fabienne vom Alterszentrum Rosengarten. Ich organisiere einen Termin "
        "für eine Bewohnerin, Frau Doktor von Tscharner, Elisabeth von Tscharner.",
        "A: Gerne. Kommt Frau von Tscharner zu uns?",
        "U: Ja, mit dem Rollator, ich begleite sie.",
        "A: Mittwoch um 10 Uhr.",
    )
    assert names(turns) == ("Fabienne", "Elisabeth von Tscharner")


def test_a_client_noun_as_a_label_after_a_comma_names_the_patient() -> None:
    turns = call(
        "U: Guten Morgen, hier ist das Labor Rheintal, Hagedorn am Apparat. Es geht um eine "
        "Probe von gestern, Patientin Walburga Steinhoff, geboren 1948.",
        "A: Verstanden. Muss Frau Steinhoff neu kommen?",
        "U: Ja, die Blutabnahme müsste wiederholt werden.",
        "A: Ich trage Frau Steinhoff für morgen um sieben Uhr dreißig ein.",
    )
    assert names(turns) == ("Hagedorn", "Walburga Steinhoff")


def test_the_particle_the_agent_reads_back_is_kept() -> None:
    turns = call(
        "U: ja buongiorno ich bräuchte einen termin wegen meinem knie",
        "A: Guten Tag. Wie ist Ihr Name, bitte?",
        "U: de marchi paola",
        "A: Danke. Dann sind Sie Frau Paola De Marchi, richtig?",
        "U: ja genau de marchi mit großem d und getrennt",
    )
    assert names(turns)[0] == "Paola De Marchi"


@pytest.mark.parametrize("pronoun", ["icke", "ich"])
def test_me_the_one_named_answers_who_is_on_the_phone(pronoun: str) -> None:
    turns = call(
        "U: Hallo Anna! Ist Frau Petersen morgen da?",
        "A: Ja, ab zehn. Wer ist denn am Apparat?",
        f"U: Na {pronoun}, die Ronja! Ich bin Stammkundin.",
        "A: Hallo Ronja. Um halb elf?",
    )
    assert names(turns) == ("Ronja", None)


def test_whom_we_have_here_is_not_who_calls() -> None:
    turns = call(
        "U: ja hallo hier is die löwen apotheke in der mainzer straße",
        "A: Guten Tag. Worum geht es?",
        "U: mir hawwe hier die frau schäfer gisela schäfer die braucht ihr insulin",
        "A: Verstehe. Frau Schäfer müsste morgen um acht zur Blutabnahme kommen.",
    )
    assert names(turns)[0] is None


def test_the_boss_named_in_apposition_is_not_the_caller() -> None:
    turns = call(
        "U: Guten Tag, ich rufe an im Auftrag der Firma Kessler Logistik in Konz. Mein Chef, "
        "Herr Baptiste Moreau, hatte heute früh einen Hörsturz.",
        "A: Das sollte schnell untersucht werden. Kann Herr Moreau heute noch kommen?",
        "U: Ja, ich fahr ihn.",
        "A: Dann kommen Sie bitte heute um 11:30 Uhr. Herr Moreau, 11:30 Uhr, Akutsprechstunde.",
    )
    assert names(turns)[0] is None


@pytest.mark.parametrize(
    "question",
    [
        "Ist Ileana der Vorname und Marinescu der Nachname?",
        "Marinescu ist der Nachname und Ileana der Vorname?",
        "Also Marinescu ist Ihr Familienname und Ileana Ihr Vorname?",
    ],
)
def test_the_parts_read_back_with_labels_and_confirmed_set_the_order(question: str) -> None:
    turns = call(
        "U: buna ziua ich hab seit tagen kopfweh",
        "A: Das tut mir leid. Wie ist Ihr Name?",
        "U: marinescu ileana",
        f"A: {question}",
        "U: ja genau marinescu nachname ileana mit einem l",
        "A: Danke. Dr. Lindner hat morgen um neun Uhr Zeit.",
    )
    assert names(turns) == ("Ileana Marinescu", None)


def test_a_double_surname_labelled_then_said_with_strich_keeps_its_hyphen() -> None:
    turns = call(
        "U: Guten Morgen, ich brauche einen Termin zur Impfung.",
        "A: Gern. Wie ist Ihr Name?",
        "U: Mensah Bonsu, Kwabena.",
        "A: Ist Mensah Ihr Vorname?",
        "U: Nein, Kwabena ist mein Vorname. Mensah Bonsu ist der Nachname, ein Doppelname. "
        "Mensah, Strich, Bonsu.",
        "A: Danke, Herr Mensah-Bonsu. Morgen um zehn?",
    )
    assert names(turns) == ("Kwabena Mensah-Bonsu", None)


def test_a_hint_before_a_spoken_hyphen_is_no_part_of_the_name() -> None:
    turns = call(
        "U: Guten Tag, Kuhlmann-Ostrowski, Sekretariat der Realschule. Mit Strich, "
        "Kuhlmann-Ostrowski.",
        "A: Guten Tag, Frau Kuhlmann-Ostrowski. Worum geht es?",
        "U: Wir möchten einen Vortrag zur Ernährung anfragen.",
    )
    assert names(turns) == ("Kuhlmann-Ostrowski", None)


def test_the_parts_read_back_of_someone_the_caller_spoke_of_are_not_the_callers() -> None:
    turns = call(
        "U: grüezi hier ist die praxis doktor vogt wir schicken ihnen einen patienten "
        "herr ferreira lopes tiago er braucht eine nachkontrolle",
        "A: Gern. Ist Tiago der Vorname und Ferreira Lopes der Nachname?",
        "U: ja genau ferreira lopes ohne bindestrich",
        "A: Danke. Darf ich noch Ihren Namen haben?",
        "U: ich bin nur die vertretung rufen sie die praxis an",
        "A: In Ordnung. Herr Tiago Ferreira Lopes ist am Montag um acht eingetragen.",
    )
    assert names(turns) == (None, "Tiago Ferreira Lopes")


def test_which_part_is_the_first_name_said_after_also_is_no_restatement() -> None:
    turns = call(
        "U: guten tag hier ist der ambulante dienst sonnenhof wir haben einen klienten "
        "papadakis nikolaos also vorname nikolaos der braucht einen hausbesuch",
        "A: Guten Tag. Wann passt es Herrn Papadakis?",
        "U: am besten vormittags",
    )
    assert names(turns) == (None, "Nikolaos Papadakis")


def test_mending_the_address_before_naming_the_patient_mends_the_callers_name() -> None:
    turns = call(
        "U: Hallo, hier ist Brunhilde Meyer Wendt. Ich rufe für meine Enkelin an, die hat Fieber.",
        "A: Guten Tag, Frau Meyer. Wie heißt Ihre Enkelin?",
        "U: Nicht Meyer, Meyer-Wendt, mit Bindestrich. Die Kleine heißt Emma Kowalski.",
        "A: Entschuldigung, Frau Meyer-Wendt. Also für Emma Kowalski. Morgen um neun?",
        "U: Ja, das passt.",
    )
    assert names(turns) == ("Brunhilde Meyer-Wendt", "Emma Kowalski")


def test_a_particle_surname_spelled_in_one_run_keeps_its_words_apart() -> None:
    turns = call(
        "U: ja hallo hier ist joost van den berg ich brauch einen termin",
        "A: Guten Tag, Herr van den Berg. Worum geht es?",
        "U: um eine impfung j o o s t und van den berg v a n d e n b e r g",
        "A: Danke. Morgen um zehn?",
    )
    assert names(turns) == ("Joost van den Berg", None)


def test_a_product_after_a_full_introduction_is_no_first_name() -> None:
    turns = call(
        "U: Hallo, hier ist Mandy Krause Lehmann, ich hätt gern nen Termin, Gel mit French.",
        "A: Gern. Ich schreibe Krause Lehmann, mit Bindestrich?",
        "U: Ja, genau, mit Bindestrich.",
        "A: Danke, Frau Krause-Lehmann. Morgen um drei?",
    )
    assert names(turns) == ("Mandy Krause-Lehmann", None)


def test_a_first_letter_described_before_the_spelling_stays_in_the_name() -> None:
    turns = call(
        "U: Guten Tag, mein Name ist Łucja Nowak, ich brauche einen Termin.",
        "A: Ich habe Lucia Nowak verstanden, stimmt das?",
        "U: Fast. Łucja schreibt man mit L mit Strich, dann u, c, j, a.",
        "A: Danke, Frau Nowak. Morgen um acht?",
    )
    assert names(turns) == ("Łucja Nowak", None)


def test_a_surname_heard_in_two_words_spelled_as_one_keeps_the_first_name() -> None:
    turns = call(
        "U: guten tag ich habe fieber",
        "A: Das tut mir leid. Wie ist Ihr Name?",
        "U: saba gebre hiwet",
        "A: Saba Gebre Hiwet, richtig?",
        "U: nein zusammen g h e b r e h i w e t ghebrehiwet",
        "A: Danke. Heute um elf?",
    )
    assert names(turns) == ("Saba Ghebrehiwet", None)


def test_a_name_said_again_in_another_order_after_a_correction_wins() -> None:
    turns = call(
        "U: Guten Tag. Krasniqi Arta, äh nein, erst der Vorname: Arta Krasniqi. Ich brauche "
        "einen Termin.",
        "A: Danke, Frau Krasniqi. Morgen um neun?",
        "U: Ja, gern.",
    )
    assert names(turns) == ("Arta Krasniqi", None)


@pytest.mark.parametrize(
    "turn",
    [
        "Ach, damals hab ich noch Begić geheißen, Lejla Begić.",
        "ach so ja kann sein dass ich noch unter begić drin bin das war mein mädchenname",
    ],
)
def test_the_name_once_borne_is_not_the_callers(turn: str) -> None:
    turns = call(
        "U: Guten Tag, Lejla Sommerauer hier, ich war vor Jahren schon bei Ihnen.",
        "A: Guten Tag, Frau Sommerauer. Ich finde Sie leider nicht.",
        f"U: {turn}",
        "A: Jetzt habe ich Sie, Frau Begić. Morgen um zehn?",
        "U: Ja, danke.",
    )
    assert names(turns) == ("Lejla Sommerauer", None)


def test_a_greeting_word_labelled_and_spelled_as_the_first_name_is_the_first_name() -> None:
    turns = call(
        "U: Guten Tag, ich brauche einen Termin zur Vorsorge.",
        "A: Gern. Wie ist Ihr Name?",
        "U: Tesfay. Das ist der Nachname. Vorname Selam. S-E-L-A-M.",
        "A: Danke, Frau Tesfay. Montag um neun?",
    )
    assert names(turns) == ("Selam Tesfay", None)


def test_the_part_asked_about_as_a_second_first_name_belongs_to_the_double_surname() -> None:
    turns = call(
        "U: Guten Tag, hier spricht Elif Aydın Brandt. Ich brauche einen Termin.",
        "A: Ist Aydın Ihr zweiter Vorname oder gehört das zum Nachnamen?",
        "U: Das ist ein Doppelname. Aydın-Brandt, mit Bindestrich. Aydın mit dem I ohne Punkt.",
        "A: Danke, Frau Aydın-Brandt. Dienstag um zehn?",
    )
    assert names(turns) == ("Elif Aydın-Brandt", None)


def test_where_the_staff_work_is_no_name() -> None:
    turns = call(
        "U: Guten Tag, hier ist die Personalabteilung der Stadtwerke. Wir brauchen für unsere "
        "Mitarbeiter an den Montagebändern Hörtests, zuerst für unseren Azubi, den Jonas Weber.",
        "A: Gern. Für Herrn Weber hätte Dr. Lindner am Dienstag um acht Uhr Zeit.",
        "U: Das passt. Die Rechnung bitte an die Firma.",
    )
    assert names(turns) == (None, "Jonas Weber")


@pytest.mark.parametrize(
    "line",
    [
        "U: Moin, hier ist der Pflegedienst Deichblick. Wir sind gerade bei Frau Thomsen, "
        "Karin Thomsen, in der Hafenstraße.",
        "U: Moin, hier ist der Pflegedienst Deichblick. Es geht um eine Klientin, genau, Frau "
        "Karin Thomsen, Jahrgang 1940.",
    ],
)
def test_whom_the_caller_calls_herr_or_frau_is_not_the_caller(line: str) -> None:
    turns = call(
        line,
        "A: Was ist mit Frau Thomsen?",
        "U: Das Bein ist geschwollen, der Doktor sollte heute noch kommen.",
        "A: Dr. Lindner kommt heute um 13 Uhr zum Hausbesuch bei Karin Thomsen.",
    )
    assert names(turns) == (None, "Karin Thomsen")


def test_the_answer_to_which_salutation_is_the_callers_own() -> None:
    turns = call(
        "U: grüß gott i hätt gern an termin wegen am knie",
        "A: auf welchen namen darf ich den termin anlegen",
        "U: sommer",
        "A: herr oder frau sommer",
        "U: frau gerda sommer",
        "A: danke frau sommer am donnerstag um halb fünf",
    )
    assert names(turns) == ("Gerda Sommer", None)


def test_low_german_is_hier_introduces_the_caller() -> None:
    turns = call(
        "U: Moin. Telse Hansen is hier. Ich will mal wat für mien Mann ausmachen.",
        "A: Gern. Wie heißt Ihr Mann?",
        "U: Jens Hansen.",
        "A: Dann habe ich Jens Hansen für Montag um zehn eingetragen.",
    )
    assert names(turns) == ("Telse Hansen", "Jens Hansen")


def test_a_word_like_surname_before_heiss_ich_is_the_callers() -> None:
    turns = call(
        "U: Ja, guten Tag, ich bräuchte einen Termin für meine Mutter, Frau Ilse Brandt.",
        "A: Gern, Frau Brandt. Hat sie eine Überweisung?",
        "U: Ich bin nicht Frau Brandt, ich bin die Tochter. Essen heiß ich, Nicole Essen.",
        "A: Entschuldigung, Frau Essen. Montag um zwei für Ilse Brandt?",
        "U: Ja, danke.",
    )
    assert names(turns) == ("Nicole Essen", "Ilse Brandt")


def test_the_childs_surname_said_as_also_ours_completes_the_childs_name() -> None:
    turns = call(
        "U: Guten Tag. Ich möchte Termin für meine Tochter, sie hat Fieber.",
        "A: Wie ist Ihr Name, bitte?",
        "U: Dudajewa Luiza. Dudajewa ist Familienname.",
        "A: Danke, Frau Dudajewa. Und wie heißt Ihre Tochter?",
        "U: Amina. Auch Dudajewa. Sie ist fünf.",
        "A: Heute um 16 Uhr für Amina.",
    )
    assert names(turns) == ("Luiza Dudajewa", "Amina Dudajewa")


def test_a_second_relatives_first_name_is_no_surname_of_the_first() -> None:
    turns = call(
        "U: Ei gude, do is die Renate Becker. Isch ruf wege meim Enkel an, em Finn. Die "
        "Jasmin, mei Tochter, schafft bis sechs.",
        "A: Nett von Ihnen, Frau Becker. Wie alt ist Finn?",
        "U: De Finn is zehn, der hat sich de Zahn abgeschlage.",
        "A: Morgen um halb drei wäre frei.",
    )
    assert names(turns)[1] != "Finn Jasmin"


def test_herrn_with_a_full_name_is_someone_spoken_of() -> None:
    turns = call(
        "U: ja moin hier is der pflegedienst kliffblick ich bin die maren",
        "A: Moin Maren. Worum geht's?",
        "U: äh um herrn carstensen arne carstensen der braucht ne neue verordnung",
        "A: Dann biete ich Mittwoch um 10:30 Uhr an.",
        "U: mittwoch halb elf ja",
        "A: Gut. Arne Carstensen, Mittwoch 10:30 Uhr.",
    )
    assert names(turns)[1] == "Arne Carstensen"


def test_the_relative_the_call_is_about_booked_by_full_name_is_the_patient() -> None:
    turns = call(
        "U: Hallo, hier ist Mandy, äh nee, Quatsch, Doreen Uhlig. Die Mandy ist meine Tochter, "
        "um die geht's.",
        "A: Alles klar, Frau Uhlig. Was darf es für Ihre Tochter sein?",
        "U: Die hat Zahnschmerzen seit gestern.",
        "A: Dr. Lindner hätte morgen um acht Zeit. Auf welchen Namen trage ich den Termin ein?",
        "U: Auf Mandy Uhlig. Ich komm aber mit.",
    )
    assert names(turns) == ("Doreen Uhlig", "Mandy Uhlig")


def test_what_others_call_the_caller_is_no_name_of_anyone_booked() -> None:
    turns = call(
        "U: Guten Tag, ich möchte einen Beratungstermin für mich, meine Tochter ist vierzehn "
        "und redet nicht mehr mit uns.",
        "A: Gern. Wie ist Ihr Name?",
        "U: Hier sagen alle Umm Nour zu mir, das heißt Mutter von Nour. Mein Name ist Rana Saleh.",
        "A: Danke, Frau Saleh. Dienstag um zehn?",
        "U: Ja, gut.",
    )
    assert names(turns) == ("Rana Saleh", None)


def test_words_the_recogniser_wrote_apart_are_no_name() -> None:
    turns = call(
        "U: hallo anna die frau petersen hat gsagt i soll anrufen wegen an termin für die hoch "
        "steck frisur",
        "A: Gern. Wie ist Ihr Name, bitte?",
        "U: brunner lisa brunner",
        "A: Danke, Frau Brunner. Samstag um neun?",
    )
    assert names(turns) == ("Lisa Brunner", None)


def test_syllables_said_apart_then_spelled_as_one_are_one_surname() -> None:
    turns = call(
        "U: Guten Tag, Ranasinghe, Nadeeka. Ich habe Zahnschmerzen.",
        "A: Können Sie Ihren Nachnamen noch einmal langsam sagen?",
        "U: Rana-singhe. R-A-N-A-S-I-N-G-H-E. Nadeeka ist mein Vorname.",
        "A: Danke, Frau Ranasinghe. Freitag um zwölf?",
    )
    assert names(turns) == ("Nadeeka Ranasinghe", None)


def test_whom_the_agent_books_after_the_caller_gave_another_surname_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag, hier ist die Grundschule am Park, Sekretariat, Kowalczyk. Wir haben "
        "einen Notfall.",
        "A: Guten Tag, Frau Kowalczyk. Was ist passiert?",
        "U: Ein Schüler ist gestürzt, ein Zahn ist abgebrochen. Jonas Wetzel, dritte Klasse.",
        "A: Dr. Lindner kann Jonas heute um 12 Uhr sehen. Wie schreibt man den Nachnamen?",
        "U: W, E, T, Z, E, L.",
        "A: Danke. Ich habe Jonas Wetzel um 12 Uhr eingetragen.",
    )
    assert names(turns) == ("Kowalczyk", "Jonas Wetzel")


def test_where_the_caller_works_after_the_name_is_no_command_to_someone() -> None:
    turns = call(
        "U: Guten Tag, hier ist das Labor Nord, Hinrichsen am Apparat, aus der Probenannahme.",
        "A: Guten Tag, Herr Hinrichsen. Worum geht es?",
        "U: Bei einem Röhrchen fehlt das Etikett. Bitte rufen Sie zurück.",
    )
    assert names(turns) == ("Hinrichsen", None)


def test_surname_then_full_name_opening_a_later_sentence_is_the_callers() -> None:
    turns = call(
        "U: Servus Anna. Is die Frau Petersen da?",
        "A: Frau Petersen ist in einer Behandlung. Kann ich helfen?",
        "U: Na, eigentlich wollt i an Termin beim Dr. Lindner. Stark, Herta Stark, i bin "
        "bei Ihnen Patientin.",
        "A: Danke, Frau Stark. Heute um vier?",
    )
    assert names(turns) == ("Herta Stark", None)


def test_the_son_answering_who_he_is_names_himself() -> None:
    turns = call(
        "U: äh ja grüß gott ich ruf für mei mudder an die hat post vom amt gekriegt",
        "A: Auf welchen Namen soll ich den Termin eintragen?",
        "U: auf ihren namen hildegard röll r ö l l die wohnt in der altstadt",
        "A: Frau Hildegard Röll, danke. Und Sie sind?",
        "U: der sohn bernd röll",
        "A: Danke, Herr Röll. Donnerstag um drei?",
    )
    assert names(turns) == ("Bernd Röll", "Hildegard Röll")


def test_the_surname_before_hier_and_where_the_caller_is_from_introduces() -> None:
    turns = call(
        "U: Grüß Gott, Scheller hier aus Haßfurt. Ich ruf für meinen Mann an.",
        "A: Wie heißt Ihr Mann mit Vornamen?",
        "U: Gerhard. Gerhard Scheller.",
        "A: Und Ihr Vorname, Frau Scheller?",
        "U: Irmgard.",
        "A: Danke. Morgen um halb zehn für Herrn Scheller.",
    )
    assert names(turns) == ("Irmgard Scheller", "Gerhard Scheller")


def test_the_shared_surname_said_first_then_the_first_name() -> None:
    turns = call(
        "U: Hömma, ich ruf an wegen meinem Jungen, der Justin, der hat Zahnschmerzen.",
        "A: Wie heißt er mit vollem Namen?",
        "U: Justin Kowalewski.",
        "A: Danke. Und mit wem spreche ich?",
        "U: Kowalewski auch, Tanja. Ich bin die Mutter.",
        "A: Danke, Frau Kowalewski. Heute um vier?",
    )
    assert names(turns) == ("Tanja Kowalewski", "Justin Kowalewski")


def test_a_confirmation_of_who_the_caller_is_asks_nothing_new() -> None:
    turns = call(
        "U: Guten Tag, hier ist die Praxis Dr. Brand, Lehmkuhl am Apparat. Wir schicken einen "
        "Patienten.",
        "A: Wie heißt der Patient?",
        "U: Demir, Kerem.",
        "A: Danke. Und Sie sind Frau Lehmkuhl von der Praxis Brand, richtig?",
        "U: Richtig. Danke und tschüss.",
    )
    assert names(turns) == ("Lehmkuhl", "Kerem Demir")


def test_the_first_name_spelled_after_a_slip_mends_the_label() -> None:
    turns = call(
        "U: Guten Tag, Hinterreiter, ich hätt gern einen Termin zur Vorsorge.",
        "A: Wie schreibt man Ihren Namen?",
        "U: H-I-N-T-E-R-R-E-I-T-E-R. Und Vorname Karina, K-A … nein, halt, mit C. C-A-R-I-N-A.",
        "A: Also Carina Hinterreiter. Dienstag um neun?",
        "U: Genau, passt.",
    )
    assert names(turns) == ("Carina Hinterreiter", None)


def test_the_eldest_named_after_meinen_grossen_is_the_patient() -> None:
    turns = call(
        "U: Morgen! Hier ist die Mandy Köhler. Ich bräucht einen Termin für meinen Großen, den "
        "Paul Köhler, der hustet seit Tagen.",
        "A: Oje. Wie alt ist Paul denn?",
        "U: Acht.",
        "A: Heute um vier bei Dr. Lindner?",
    )
    assert names(turns) == ("Mandy Köhler", "Paul Köhler")


def test_a_name_taken_back_as_the_childs_is_the_childs() -> None:
    turns = call(
        "U: Moin, hier is Hauke Jessen, ach nee, Quatsch, dat is ja der Name von meinem Sohn. "
        "Ich bin Wiebke Jessen, die Mama. Hauke is sechs.",
        "A: Hallo Frau Jessen. Was hat Hauke denn?",
        "U: Fieber seit gestern.",
    )
    assert names(turns) == ("Wiebke Jessen", "Hauke Jessen")


def test_a_prompt_to_a_silent_caller_keeps_the_question_open() -> None:
    turns = call(
        "U: Hallo, Birgit Sommerfeld hier. Mein Sohn hat seit Sonntag Ohrenschmerzen.",
        "A: Danke, Frau Sommerfeld. Wie heißt Ihr Sohn?",
        "A: Hallo, Frau Sommerfeld?",
        "U: Ja, Entschuldigung. Jonas, der ist fünf.",
        "A: Jonas Sommerfeld, fünf Jahre. Heute um vier?",
    )
    assert names(turns) == ("Birgit Sommerfeld", "Jonas Sommerfeld")


def test_the_husband_named_by_first_name_whom_the_agent_books_as_herr_family_name() -> None:
    turns = call(
        "U: Guten Tag, mein Name ist Ingrid Pfandl. Ich ruf für meinen Mann an, den Herbert, "
        "der hat einen Bandscheibenvorfall.",
        "A: Hat Ihr Mann eine Verordnung?",
        "U: Ja, zehn Einheiten. Er liegt grad auf der Couch.",
        "A: Dr. Lindner hätte am Dienstag um 16 Uhr einen ersten Termin für Herrn Pfandl.",
        "U: Das geht.",
    )
    assert names(turns) == ("Ingrid Pfandl", "Herbert Pfandl")


def test_a_lower_case_full_name_after_the_greeting_keeps_its_first_name() -> None:
    turns = call(
        "U: ja tach jarek pschesinski ich bräuchte n neues rezept",
        "A: Gern, Herr Schesinski. Schreibt man das S-C-H-E-S-I-N-S-K-I?",
        "U: nee nee dat is polnisch p wie paula r wie richard z wie zeppelin e wie emil s wie "
        "samuel i wie ida n wie nordpol s wie samuel k wie kaufmann i wie ida",
        "A: Danke, also Przesinski. Freitag um halb zwölf?",
    )
    assert names(turns) == ("Jarek Przesinski", None)


def test_a_name_followed_by_what_that_person_needs_is_not_the_caller() -> None:
    turns = call(
        "U: guten tag marko vukić braucht einen termin die krone is raus",
        "A: Spreche ich mit Herrn Vukić selbst?",
        "U: nein nein ich bin seine frau jelena er is auf montage",
        "A: Alles klar, Frau Vukić. Morgen um halb acht für Ihren Mann?",
        "U: ja gut",
        "A: Dann ist Marko Vukić morgen eingetragen.",
    )
    assert names(turns)[0] != "Marko Vukić"


def test_the_spelling_examples_are_no_first_names() -> None:
    turns = call(
        "U: grüezi mein retainer ist kaputt",
        "A: Wie ist Ihr Name?",
        "U: driton hyseni",
        "A: Können Sie den Nachnamen buchstabieren?",
        "U: ja klar h wie hugo y wie yverdon s wie samuel e wie emil n wie nordpol i wie ida "
        "hyseni",
        "A: Danke, Herr Hyseni. Und der Vorname Driton mit D?",
        "U: genau d wie dora driton",
        "A: Montag um acht?",
    )
    assert names(turns) == ("Driton Hyseni", None)


def test_with_whom_one_speaks_answered_as_his_son_names_the_son() -> None:
    turns = call(
        "U: ja grüß gott äh ich ruf wegen meim vadder an der is nimmer so gut beinander",
        "A: Wie heißt Ihr Vater?",
        "U: der ewald schäfer der is zweiaachtzig",
        "A: Herr Ewald Schäfer, ja. Und mit wem spreche ich?",
        "U: mit seim sohn günther schäfer ich wohn gleich nebenan",
        "A: Danke, Herr Schäfer. Morgen um elf ein Hausbesuch?",
    )
    assert names(turns) == ("Günther Schäfer", "Ewald Schäfer")


def test_a_business_whose_name_a_list_takes_for_a_first_name_still_introduces_its_staff() -> None:
    turns = call(
        "U: Guten Tag, hier ist die Fahrschule Klaxon aus Bochum, Sandra Wessel aus dem Büro. "
        "Wir haben einen Fahrschüler, der braucht ein Gutachten.",
        "A: Wie heißt der Fahrschüler?",
        "U: Timo Brandes.",
        "A: Dienstag um acht für Timo Brandes.",
    )
    assert names(turns) == ("Sandra Wessel", "Timo Brandes")


def test_how_long_one_has_been_a_patient_does_not_make_the_old_name_current() -> None:
    turns = call(
        "U: Grüß Gott, Moosbauer ... ah, Schmarrn, von Hagen! Ich hab im Mai geheiratet. "
        "Theresa von Hagen.",
        "A: Herzlichen Glückwunsch, Frau von Hagen! Waren Sie unter dem alten Namen schon bei uns?",
        "U: Ja, seit Jahren. Theresa Moosbauer, Geburtsdatum dritter vierter neunzig.",
        "A: Gefunden. Ich ändere den Namen auf von Hagen. Herr Aigner hätte Donnerstag Zeit.",
        "U: Passt. Die neue Versichertenkarte auf von Hagen bring ich mit.",
    )
    assert names(turns) == ("Theresa von Hagen", None)


def test_a_bavarian_greeting_run_together_is_no_part_of_the_name() -> None:
    turns = call(
        "U: ja griaßeana hinterberger sepp i ruaf o wega meim enkerl",
        "A: Grüß Gott, Herr Hinterberger. Worum geht es bei Ihrem Enkel?",
        "U: da bua is fünf",
        "A: Wie heißt Ihr Enkel mit vollem Namen?",
        "U: lukas brandl",
    )
    assert names(turns)[0] == "Sepp Hinterberger"


def test_a_surname_with_a_leading_particle_after_its_label_is_kept() -> None:
    turns = call(
        "U: guten tag al hakim yusuf ich brauche eine überweisung",
        "A: Damit ich Sie richtig eintrage: Ist Yusuf Ihr Vorname?",
        "U: ja yusuf ist vorname familienname al hakim mit bindestrich",
        "A: Danke, Herr Al-Hakim. Freitag um elf?",
    )
    caller, patient = names(turns)
    assert (caller or "").casefold() == "yusuf al-hakim" and patient is None  # scored case-blind


def test_the_grandmother_of_someone_named_after_her_own_name_stays_the_caller() -> None:
    turns = call(
        "U: Guten Tag. Lakatos ist mein Name. Ich bin die Oma von Bianka, die braucht "
        "Krankengymnastik.",
        "A: Guten Tag, Frau Lakatos. Wie alt ist Bianka, und hat sie denselben Nachnamen?",
        "U: Ja, auch Lakatos, Bianka Lakatos. Sie ist zwölf.",
        "A: Dann trage ich Bianka Lakatos für Montag ein.",
    )
    assert names(turns) == ("Lakatos", "Bianka Lakatos")


def test_surname_first_name_surname_after_the_article_is_a_person_not_a_firm() -> None:
    turns = call(
        "U: ja hallo hier is die siddiqui amina siddiqui isch ruf an für mein vadder der tariq "
        "siddiqui der braucht physio",
        "A: Guten Tag, Frau Siddiqui. Hat Ihr Vater eine Verordnung?",
        "U: jo die hab isch hier",
        "A: Dann sind für Tariq Siddiqui Montag und Donnerstag um 10 Uhr eingetragen.",
    )
    assert names(turns) == ("Amina Siddiqui", "Tariq Siddiqui")


def test_born_in_the_dialect_ends_the_name() -> None:
    turns = call(
        "U: jo grüaß di do isch dr bischof markus i lüt a wäg minra muatter",
        "A: Grüß Gott, Herr Bischof. Wie heißt Ihre Mutter mit vollem Namen?",
        "U: hildegard bischof gebora neunzehnhundertvierzig",
        "A: Danke. Frau Dünser hätte am Montag um 10 Uhr einen Ersttermin.",
        "U: mäntig am zehni jo des goht",
    )
    assert names(turns) == ("Markus Bischof", "Hildegard Bischof")


def test_this_week_in_the_dialect_is_no_name() -> None:
    turns = call(
        "U: Ei gude, isch ruf an wege meiner Mudder, der Hannelore Schick. Die is gestürzt.",
        "A: Oh je. Und mit wem spreche ich?",
        "U: Mit ihrm Sohn, Matthias Schick. Isch wohn in Gieße, aber isch bin die Woch bei ihr.",
        "A: Danke, Herr Schick. Dr. Lindner kommt heute zwischen 13 und 14 Uhr.",
    )
    assert names(turns) == ("Matthias Schick", "Hannelore Schick")


def test_particles_inside_a_surname_said_after_the_greeting_stay() -> None:
    turns = call(
        "U: ja hallo guten tag äh tiago ferreira da costa ich brauche einen termin",
        "A: Guten Tag, Herr Ferreira da Costa. Wofür?",
        "U: zur kontrolle",
    )
    assert names(turns)[0] == "Tiago Ferreira da Costa"


def test_an_unlisted_surname_then_a_first_name_after_the_greeting_introduces() -> None:
    turns = call(
        "U: Guten Morgen, Senoner Martina. Ich ruf wegen meinem Buben an, dem Lukas, der hat "
        "Ohrenweh.",
        "A: Wie heißt er mit vollem Namen?",
        "U: Lukas Senoner, er ist vier.",
        "A: Heute um 14:20 Uhr für Lukas.",
    )
    assert names(turns) == ("Martina Senoner", "Lukas Senoner")


def test_a_surname_heard_in_two_words_and_spelled_anew_drops_the_false_first_name() -> None:
    turns = call(
        "U: guten tag mein name ist yonas tekle mariam ich möchte einen termin",
        "A: Können Sie mir den Nachnamen buchstabieren? Ist das Teklemariam?",
        "U: nein mit y also t e k l e m a r y a m",
        "A: Danke: Teklemaryam. Montag um neun?",
    )
    assert names(turns)[0] == "Yonas Teklemaryam"


def test_an_address_dictated_gives_no_first_name() -> None:
    turns = call(
        "U: Buongiorno, guten Tag. Hier ist Chiara Bianchi von der Bianchi Costruzioni SA.",
        "A: Guten Tag, Frau Bianchi. Wie kann ich helfen?",
        "U: Wir brauchen eine Beratung zur Lohnbuchhaltung.",
        "A: Gut, ich schicke Ihnen den Link. Auf welche E-Mail?",
        "U: chiara punto bianchi at bianchi-costruzioni punto ch.",
        "A: Danke, Frau Bianchi, der Termin ist eingetragen.",
    )
    assert names(turns) == ("Chiara Bianchi", None)


def test_the_alemannic_article_before_a_season_is_no_name() -> None:
    turns = call(
        "U: jo hallo do isch d winter katharina i hätt gern an termin bei da frau petersen für "
        "dän winter hätt i gern kürzere hoor",
        "A: Sehr gern, Frau Winter. Dienstag um 10 Uhr?",
        "U: zischtig zehne passt",
    )
    assert names(turns) == ("Katharina Winter", None)


def test_a_driving_school_in_swiss_spelling_is_no_caller() -> None:
    turns = call(
        "U: ja grüezi do isch d fahrschuel säntis mir händ es auto wo d bremse quietsched",
        "A: Auf welchen Namen darf ich den Termin eintragen?",
        "U: fahrschuel säntis eifach",
    )
    assert names(turns)[0] is None


def test_whose_car_after_a_full_name_ends_the_name() -> None:
    turns = call(
        "U: grüezi ich bi de driton berisha min audi macht so es komisches grüüsch",
        "A: Das schauen wir gern an, Herr Berisha. Seit wann?",
        "U: sit öppe ere wuche",
    )
    assert names(turns) == ("Driton Berisha", None)


def test_what_the_caller_is_after_the_full_name_asked_for_is_a_role() -> None:
    turns = call(
        "U: jo moin wi hebbt ne kuh die kalbt nich richtig",
        "A: Ich schicke sofort jemanden. Mit wem spreche ich?",
        "U: hauke carstensen ich bin de bauer ich steh im stall",
        "A: Danke, Herr Carstensen. Der Doktor ist in zwanzig Minuten da.",
    )
    assert names(turns) == ("Hauke Carstensen", None)


def test_a_surname_begun_and_said_whole_is_said_once() -> None:
    turns = call(
        "U: grüß gott mein name ist mirjana petro petrović ich hätte gern einen termin",
        "A: Grüß Gott, Frau Petrović. Freitag um halb neun?",
        "U: ja gut",
    )
    assert names(turns) == ("Mirjana Petrović", None)


def test_a_tyrolean_care_service_is_no_caller() -> None:
    turns = call(
        "U: Griaß Gott, do isch der Gesundheitssprengel Stubai. Mir bräuchten an Hausbesuch.",
        "A: Gerne. Für wen ist der Termin?",
        "U: Für die Frau Pittl, Maria Pittl, in Fulpmes.",
        "A: Darf ich noch Ihren Namen als Ansprechperson notieren?",
        "U: Schreibens oafach Gesundheitssprengel Stubai.",
        "A: Freitag, 11 Uhr, Hausbesuch bei Frau Maria Pittl ist eingetragen.",
    )
    assert names(turns) == (None, "Maria Pittl")


def test_the_grandchild_said_to_come_himself_is_not_the_caller() -> None:
    turns = call(
        "U: jo griaß gott i ruf wegen meinem enkerl an dem florian gruber der braucht no a "
        "fahrstund",
        "A: Gerne. Und wie ist Ihr Name, falls wir zurückrufen müssen?",
        "U: ah i bin nur die oma des passt eh der florian kummt eh selber mittwoch",
        "A: In Ordnung, dann ist Florian für Mittwoch um 16 Uhr eingetragen.",
    )
    assert names(turns)[0] is None


def test_an_italian_particle_leads_the_surname_labelled_after_it() -> None:
    turns = call(
        "U: Buongiorno. Lo Bianco Salvatore. Ich will wissen, wann ich in Rente gehen kann.",
        "A: Salvatore ist Ihr Vorname?",
        "U: Ja, Salvatore Vorname, Lo Bianco Nachname, zwei Wörter.",
        "A: Danke, Herr Lo Bianco. Dienstag um zwei?",
    )
    assert names(turns) == ("Salvatore Lo Bianco", None)


def test_where_the_caller_is_from_in_the_dialect_is_no_call_to_someone() -> None:
    turns = call(
        "U: Ei gude, do is de Stavridis, Nikos Stavridis, aus de Neckarstadt. Mei Rücke tut weh.",
        "A: Oh je, Herr Stavridis. Heute um fünf?",
        "U: Des schaff isch. Merci.",
    )
    assert names(turns) == ("Nikos Stavridis", None)


def test_the_full_name_of_the_gentleman_asked_for_is_the_patients_in_its_order() -> None:
    turns = call(
        "U: Gudde Daach. Hofmann hier, Gisela Hofmann. Ech rufen an fier mäin Nachbar, de Herr "
        "Gerber.",
        "A: Gern, Frau Hofmann. Wie ist der vollständige Name des Herrn?",
        "U: Wilhelm Gerber. Dä es Diabetiker.",
        "A: Mittwoch um 11 Uhr. Bringen Sie Herrn Gerber?",
        "U: Jo, ech fahren en.",
    )
    assert names(turns) == ("Gisela Hofmann", "Wilhelm Gerber")


def test_an_appointment_for_myself_makes_the_husband_only_mentioned() -> None:
    turns = call(
        "U: Grüezi. Ich möchte einen Termin für mich, wegen Rückenschmerzen. Mein Mann, Dawit "
        "Bekele, ist schon Patient bei Ihnen.",
        "A: Gern. Dann sind Sie Frau Bekele?",
        "U: Nein. Ich heisse Saba Tesfay. Tesfay ist der Name von meinem Vater.",
        "A: Danke, Frau Tesfay. Dienstag um 10:40 Uhr?",
    )
    assert names(turns) == ("Saba Tesfay", None)


def test_the_boss_the_office_calls_for_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag, hier ist das Sekretariat der Kanzlei Voss und Partner. Ich rufe für "
        "unseren Chef an, Herrn Dr. Henning Voss, der braucht dringend eine neue Brille.",
        "A: Heute um 13 Uhr. Auf wen darf ich den Termin eintragen, und mit wem spreche ich?",
        "U: Auf Dr. Voss. Und wenn was ist, rufen Sie einfach hier im Sekretariat an.",
        "A: Alles klar. Heute 13 Uhr für Dr. Voss ist eingetragen.",
    )
    assert names(turns) == (None, "Henning Voss")


def test_professional_titles_before_the_bosss_name_are_no_name() -> None:
    turns = call(
        "U: Grüß Gott, Baufirma Haider und Söhne, Sekretariat. Ich ruf für unseren Chef an, den "
        "Herrn Baumeister Ingenieur Anton Haider. Er bräuchte einen Termin.",
        "A: Gerne. Dienstag um 10 Uhr?",
        "U: Dienstag um zehn passt.",
        "A: Gut, ich trage Herrn Anton Haider für Dienstag um 10 Uhr ein.",
    )
    assert names(turns) == (None, "Anton Haider")


def test_a_lower_case_surname_then_first_name_after_the_greeting_introduces() -> None:
    turns = call(
        "U: moin brunckhorst sönke ich ruf an wegen mein vadder",
        "A: Moin, Herr Brunckhorst. Worum geht es?",
        "U: um eine kontrolle",
    )
    assert names(turns) == ("Sönke Brunckhorst", None)


def test_the_father_called_for_who_was_a_patient_before_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag, Anja Brenner hier, früher Kessler. Ich ruf für meinen Vater an, Rudolf "
        "Kessler, der war schon mal bei Ihnen.",
        "A: Guten Tag, Frau Brenner. Worum geht es bei Ihrem Vater?",
        "U: Sein Knie.",
        "A: Donnerstag um 10:20 Uhr?",
    )
    assert names(turns) == ("Anja Brenner", "Rudolf Kessler")


def test_the_order_the_agent_reads_back_is_kept() -> None:
    turns = call(
        "U: hallo ja ich ruf an für meine mutter die hat ne verordnung",
        "A: Alles klar. Wie heißt Ihre Mutter?",
        "U: tsehay bekele also mit y am ende",
        "A: Tsehay Bekele, danke. Kann Ihre Mutter vormittags?",
        "U: ja vormittags ist gut",
    )
    assert names(turns) == (None, "Tsehay Bekele")


def test_a_name_said_after_ich_bin_and_then_given_to_a_relative_is_taken_back() -> None:
    turns = call(
        "U: Hallo, ich bin Emir, ach nein, Moment, Emir ist mein Enkel, ich bin die Oma. "
        "Fatma Aksoy. Der Kleine braucht einen Termin, er hustet seit Tagen.",
        "A: Gerne, Frau Aksoy. Wie alt ist Emir, und heißt er auch Aksoy?",
        "U: Ja, Emir Aksoy, fünf ist er.",
        "A: Dr. Lindner hätte morgen um 9 Uhr Zeit.",
    )
    assert names(turns) == ("Fatma Aksoy", "Emir Aksoy")


def test_a_name_answering_whether_a_third_person_is_known_here_is_theirs() -> None:
    turns = call(
        "U: Guten Tag, Sabine Kolbe hier. Mein Schwiegervater kann nicht mehr gut laufen, der "
        "bräuchte einen Hausbesuch.",
        "A: Gerne, Frau Kolbe. Ist Herr Brügge schon bei uns als Patient bekannt?",
        "U: Ja, schon lange. Werner Brügge, Lindenallee zwölf.",
        "A: Dr. Lindner kommt am Freitag gegen 12 Uhr vorbei.",
    )
    assert names(turns) == ("Sabine Kolbe", "Werner Brügge")
    assert classify_ask("Ist Frau Brandt bei uns schon Patientin?") == "relative"
    assert classify_ask("Ist Frau Brandt noch am Apparat?") != "relative"


def test_an_answer_taken_back_as_a_relatives_name_gives_way_to_the_name_after_it() -> None:
    turns = call(
        "U: hallo ich bräucht nen termin zur vorsorge",
        "A: Gerne. Auf welchen Namen soll ich den Termin eintragen?",
        "U: gerd hansen äh nee moment gerd is mein opa sören hansen",
        "A: Danke, Herr Sören Hansen. Dienstag um 9 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Sören Hansen", None)


def test_the_boss_a_caller_calls_on_behalf_of_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag, hier ist das Sekretariat der Lenz Logistik GmbH. Ich rufe im Auftrag "
        "unserer Geschäftsführerin an, Frau Doktor Karin Otten. Sie hätte gern einen Termin "
        "zur Vorsorge.",
        "A: Gerne. Darf ich auch Ihren Namen haben?",
        "U: Nicht nötig, Sie erreichen uns über die Zentrale.",
        "A: Gut. Dr. Lindner hätte am Freitag um 8 Uhr Zeit.",
    )
    assert names(turns) == (None, "Karin Otten")


def test_a_spelling_broken_up_by_its_marks_replaces_the_surname_it_sounds_like() -> None:
    turns = call(
        "U: servus da is da tamás söke i bräucht an termin zum zähne putzen",
        "A: Servus! Wie schreibt man Ihren Nachnamen?",
        "U: s z und dann o mit zwei so strichln drauf, ungarisch halt, dann k e",
        "A: Alles klar. Am Montag um 9 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Tamás Szőke", None)


def test_a_first_name_taken_back_for_the_real_one_and_called_a_nickname_gives_way() -> None:
    turns = call(
        "U: Ja, Brockmann hier, ich bräuchte einen Termin zur Blutabnahme.",
        "A: Gerne, Frau Brockmann. Und Ihr Vorname?",
        "U: Gitti. Also eigentlich Brigitte, aber Gitti sagen alle.",
        "A: Danke. Donnerstag um 8 Uhr?",
        "U: Ja, gut.",
    )
    assert names(turns) == ("Brigitte Brockmann", None)


@pytest.mark.parametrize(
    "answer",
    [
        "Nein, Pereira Costa ist beides der Nachname. Vorname nur Inês.",
        "Nein, Pereira Costa ist alles der Nachname, und Inês der Vorname.",
    ],
)
def test_a_surname_of_two_words_labelled_as_both_keeps_both(answer: str) -> None:
    turns = call(
        "U: Guten Tag, mein Name ist Inês Pereira Costa, ich bräuchte einen Termin.",
        "A: Gerne. Ist Costa Ihr Nachname und Pereira ein zweiter Vorname?",
        f"U: {answer}",
        "A: Danke, Frau Pereira Costa. Montag um 10 Uhr?",
        "U: Passt.",
    )
    assert names(turns) == ("Inês Pereira Costa", None)


def test_a_full_name_around_a_labelled_surname_of_several_words_gives_the_first_name() -> None:
    turns = call(
        "U: ja hallo ich bräucht nen termin wegen meinem knie",
        "A: Gerne. Wie ist Ihr Name?",
        "U: costa äh rui pereira costa also pereira costa ist alles der nachname",
        "A: Danke, Herr Pereira Costa. Montag um 10 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Rui Pereira Costa", None)


def test_a_surname_announced_as_two_words_is_spelled_apart_after_the_first_name() -> None:
    turns = call(
        "U: Guten Tag, ich bräuchte einen Termin für mich.",
        "A: Gerne. Wie ist Ihr Name?",
        "U: Samira Ben Salah.",
        "A: Können Sie das bitte buchstabieren?",
        "U: S, A, M, I, R, A. Und Ben Salah, zwei Wörter: B, E, N, dann S, A, L, A, H.",
        "A: Danke, Frau Ben Salah. Dienstag um 9 Uhr?",
        "U: Ja.",
    )
    assert names(turns) == ("Samira Ben Salah", None)


def test_a_full_name_after_endlich_and_a_greeting_is_an_introduction() -> None:
    turns = call(
        "U: jessas maria endlich grüß gott hofstätter werner äh werner hofstätter i hab so an "
        "hexenschuss",
        "A: Oje, Herr Hofstätter. Seit wann?",
        "U: seit gestern",
    )
    assert names(turns) == ("Werner Hofstätter", None)


def test_particles_leading_a_surname_said_first_after_a_greeting() -> None:
    turns = call(
        "U: pronto grüezi äh de rosa marco ich han es loch im zahn",
        "A: Grüezi Herr De Rosa. Seit wann haben Sie Schmerzen?",
        "U: sit geschter",
    )
    assert names(turns) == ("Marco De Rosa", None)
    # a dialect article is no particle: "da Wallner Thomas" is "der Wallner Thomas"
    turns = call(
        "U: servus da wallner thomas i bräucht an termin",
        "A: Servus Herr Wallner. Morgen um 9?",
        "U: passt",
    )
    assert names(turns) == ("Thomas Wallner", None)


def test_a_surname_shared_with_staff_beside_another_first_name_is_the_callers() -> None:
    turns = call(
        "U: hallo ich hätte gern einen termin zum nägel machen bei thu",
        "A: Gern. Thu Tran hat morgen um 10 Uhr Zeit. Wie ist Ihr Name, bitte?",
        "U: tran linh also auch tran aber nich verwandt linh is vorname",
        "A: Danke, Frau Tran. Dann bis morgen.",
    )
    result = extract_names(turns, agent_names=AGENTS, staff_names=("Thu Tran", "Frau Mittag"))
    assert (result.caller_name, result.patient_name) == ("Linh Tran", None)


def test_an_employee_named_in_apposition_and_spelled_after_the_agent_speaks_of_him() -> None:
    turns = call(
        "U: Guten Tag, Schuster von der Spedition Kraft, Personalbüro. Einer von unseren "
        "Lagerarbeitern hat sich am Knie verletzt, der Herr Kwame Mensah. Geht heute noch was?",
        "A: Dr. Lindner kann ihn um 14 Uhr sehen. Wie schreibt man den Namen?",
        "U: Kwame, K-W-A-M-E, und Mensah, M-E-N-S-A-H.",
        "A: Danke. Und Ihr Name?",
        "U: Doris Schuster.",
    )
    assert names(turns) == ("Doris Schuster", "Kwame Mensah")


def test_a_dialect_grandson_restating_his_name_books_for_his_grandfather() -> None:
    turns = call(
        "U: jo tach hier is dä pitter äh also peter hansen ich bin dä enkel vom willi hansen",
        "A: Guten Tag, Herr Hansen. Worum geht es bei Ihrem Großvater?",
        "U: dä opa kann nit mehr jut laufen",
        "A: Dr. Lindner kommt am Freitag zu Ihrem Großvater.",
    )
    assert names(turns) == ("Peter Hansen", "Willi Hansen")


def test_a_first_name_spelled_beside_the_surname_and_taken_up_by_the_agent() -> None:
    turns = call(
        "U: ja hallo quandt hier ich bräucht n termin wegen meiner schulter",
        "A: Ich habe Kwand verstanden, ist das richtig?",
        "U: nee mit q q wie quelle u a n d t quandt yvette quandt ypsilon v e t t e",
        "A: Danke, Frau Yvette Quandt. Montag um 14 Uhr?",
        "U: ja gut",
    )
    assert names(turns) == ("Yvette Quandt", None)


def test_bavarian_ham_for_haben_ends_a_lower_case_introduction() -> None:
    turns = call(
        "U: servus hier is der korbinian frei ham sie am freitag no an termin frei",
        "A: Servus, Herr Frei. Freitag um 10 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Korbinian Frei", None)


@pytest.mark.parametrize(
    ("closing", "patient"),
    [
        ("A: Danke, ich gebe das an Dr. Lindner weiter.", None),
        (
            "A: Dann soll Herr Pohl morgen um 8 Uhr zur Kontrolle kommen, ich trage ihn ein.",
            "Gerhard Pohl",
        ),
    ],
)
def test_a_lab_reporting_a_value_books_for_no_one_unless_an_appointment_is_made(
    closing: str, patient: str | None
) -> None:
    turns = call(
        "U: Guten Tag, hier ist das Labor Sandmann, mein Name ist Weber, Ulrike Weber. Wir "
        "haben einen auffälligen Wert für einen Patienten von Ihnen.",
        "A: Guten Tag, Frau Weber. Um welchen Patienten geht es?",
        "U: Herr Gerhard Pohl, das Kreatinin ist deutlich erhöht. Der Befund geht per Fax raus.",
        closing,
        "U: Danke, auf Wiederhören.",
    )
    assert names(turns) == ("Ulrike Weber", patient)


def test_an_italian_d_apostrophe_before_a_vowel_is_part_of_the_surname() -> None:
    turns = call(
        "U: Hallo, Marco D'Urso hier, ich bräuchte einen Termin.",
        "A: Gern, Herr Urso. Dienstag um 9 Uhr?",
        "U: Nein, nicht Urso. D'Urso. Mit D und Apostroph vorne.",
        "A: Entschuldigung, Herr D'Urso. Dienstag um 9 Uhr?",
        "U: Ja, passt.",
    )
    assert names(turns) == ("Marco D'Urso", None)


def test_a_son_named_by_slip_whom_the_agent_asks_about_by_first_name_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag, Leon Krasniqi, äh, nein, das ist mein Sohn. Ich bin der Vater, Driton "
        "Krasniqi.",
        "A: Guten Tag, Herr Krasniqi. Worum geht es bei Leon?",
        "U: Er hat seit zwei Tagen Ohrenschmerzen.",
        "A: Dr. Lindner hätte morgen um 9 Uhr einen Termin.",
        "U: Gut, danke.",
    )
    assert names(turns) == ("Driton Krasniqi", "Leon Krasniqi")


def test_a_word_like_surname_said_then_said_in_full_is_vouched_for_by_the_agent() -> None:
    turns = call(
        "U: Guten Tag, Weißgerber, Anton Weißgerber. Ich hätte gern einen Termin zur Kontrolle.",
        "A: Guten Tag, Herr Weißgerber. Dienstag um 9 Uhr?",
        "U: Passt.",
    )
    assert names(turns) == ("Anton Weißgerber", None)


def test_a_surname_heard_in_two_words_is_read_back_joined_and_confirmed() -> None:
    turns = call(
        "U: ja bună ziua äh guten tag elena popes cu ich hab rückenschmerzen",
        "A: Guten Tag. Habe ich Ihren Namen richtig verstanden: Elena Popescu?",
        "U: ja ja popescu ein wort",
        "A: Danke, Frau Popescu. Donnerstag um 18 Uhr?",
        "U: gut",
    )
    assert names(turns) == ("Elena Popescu", None)


def test_a_surname_heard_in_two_words_then_spelled_keeps_the_first_names_before_it() -> None:
    turns = call(
        "U: ja bom dia äh guten tag hier is luisa fernanda gon salves ich brauch n termin zum "
        "impfen",
        "A: Guten Tag. Wie schreibt sich Ihr Nachname, bitte?",
        "U: g o n und dann c mit so n häkchen unten drunter a l v e s",
        "A: Danke, also Gonçalves mit ç. Donnerstag um 9 Uhr?",
        "U: ja",
    )
    assert names(turns) == ("Luisa Fernanda Gonçalves", None)


def test_the_name_answering_whom_the_booking_is_for_counts_as_asked() -> None:
    turns = call(
        "U: Guten Tag, Nowakowska mein Name, Karin Nowakowska. Ich rufe wegen meinem Sohn an.",
        "A: Guten Tag, Frau Nowakowska. Worum geht es denn?",
        "U: Mein Sohn, der Erik, der hat sich beim Fußball das Knie verdreht.",
        "A: Verstehe. Der Termin wäre dann für Ihren Sohn?",
        "U: Ja, für ihn, Erik Nowakowski. Er kommt selbst, ich bringe ihn.",
        "A: Dr. Lindner hätte Donnerstag um 16 Uhr einen Termin frei.",
        "U: Gut, danke.",
    )
    assert names(turns) == ("Karin Nowakowska", "Erik Nowakowski")


def test_a_childs_first_name_answered_and_taken_back_gives_way_to_the_next() -> None:
    turns = call(
        "U: Guten Tag. Ich möchte einen Termin für meine Tochter, sie hat Zahnschmerzen.",
        "A: Das machen wir gern. Wie heißt Ihre Tochter?",
        "U: Mira, äh nein, Entschuldigung, Lotta. Mira ist die Große. Lotta ist sieben.",
        "A: Und der Nachname?",
        "U: Brandes.",
        "A: Danke. Donnerstag um 15 Uhr?",
        "U: Passt.",
    )
    assert names(turns) == (None, "Lotta Brandes")


def test_a_first_name_spelled_after_its_hint_letter_stands_over_the_form_heard() -> None:
    turns = call(
        "U: ja guten tag ich soll anrufen für einen termin",
        "A: Sehr gerne. Wie ist Ihr Name, bitte?",
        "U: jonas gebre medhin",
        "A: Danke, Herr Medhin. Ist Medhin Ihr Nachname?",
        "U: nein nein gebremedhin ist alles zusammen ich buchstabiere g e b r e m e d h i n "
        "und vorname mit ypsilon y o n a s",
        "A: Danke, Herr Gebremedhin, Yonas mit Y. Montag um 10 Uhr?",
        "U: gut",
    )
    assert names(turns) == ("Yonas Gebremedhin", None)


def test_a_month_the_caller_labels_as_the_first_name_is_one() -> None:
    turns = call(
        "U: Hallo, guten Tag. Vu Mai. Ich möchte einen Termin zur Kontrolle.",
        "A: Gern. Ist Vu Ihr Vorname?",
        "U: Nein, nein. Vu ist Familienname, Mai ist Vorname.",
        "A: Danke, Frau Vu. Samstag um 10 Uhr?",
        "U: Ja, passt.",
    )
    assert names(turns) == ("Mai Vu", None)


def test_english_words_after_an_english_introduction_end_the_name() -> None:
    turns = call(
        "U: hello good afternoon ich brauche termin für impfung",
        "A: Guten Tag. Gern. Wie ist Ihr Name?",
        "U: my name is chukwudi okonkwo but everybody call me chuks",
        "A: Danke, Herr Okonkwo. Donnerstag um 10 Uhr?",
        "U: okay thank you",
    )
    assert names(turns) == ("Chukwudi Okonkwo", None)


def test_the_surname_spelled_of_the_man_the_agent_books_is_his_not_the_callers() -> None:
    turns = call(
        "U: Grüezi, Labor Medica Nord, Brunner am Apparat. Es geht um eine Probe von gestern.",
        "A: Ja, worum geht es?",
        "U: Die Blutprobe von Herrn Kovač, Zoran Kovač, ist geronnen. Er müsste nochmals zur "
        "Blutentnahme.",
        "A: Danke. Ich rufe Herrn Kovač an und gebe ihm einen Termin. Wie schreibt man den "
        "Nachnamen?",
        "U: K-O-V-A-C, mit einem Hatschek auf dem C.",
        "A: Ich plane ihn für morgen um 7:45 Uhr ein. Dann ist Zoran Kovač eingetragen.",
        "U: Danke, adieu.",
    )
    assert names(turns) == ("Brunner", "Zoran Kovač")


def test_a_label_before_an_intensifier_says_what_the_name_is_like_not_the_name() -> None:
    turns = call(
        "U: hallo hier is die nok ich hab schmerzen im knie",
        "A: Hallo. Das tut mir leid. Wie ist denn Ihr Nachname?",
        "U: nok reicht mein nachname ist so lang den kann keiner schreiben ich bin schon in der "
        "kartei",
        "A: Danke. Dienstag um 12 Uhr?",
        "U: gut",
    )
    assert names(turns) == ("Nok", None)


def test_a_caller_sharing_a_staff_first_name_is_named_with_the_surname_the_agent_uses() -> None:
    turns = call(
        "U: ja servus i bräucht an termin beim herrn brandl beim korbinian",
        "A: Gerne. Mit wem spreche ich denn?",
        "U: ha des is lustig i bin aa a korbinian korbinian wallner von der schreinerei in anger",
        "A: Danke, Herr Wallner. Montag um 15 Uhr?",
        "U: passt",
    )
    result = extract_names(turns, agent_names=AGENTS, staff_names=("Korbinian Brandl", "Frau Mai"))
    assert (result.caller_name, result.patient_name) == ("Korbinian Wallner", None)


def test_a_lone_word_after_a_question_about_whom_the_booking_is_for_is_no_answer() -> None:
    turns = call(
        "U: Hello, guten Tag. Ich bin Kofi. Kofi Mensah.",
        "A: Kein Problem, Herr Mensah. Geht es um einen Termin für Ihre Frau?",
        "U: Ja, genau. Chai, sie hört nicht mehr gut auf dem rechten Ohr.",
        "A: Dann machen wir einen Hörtest am Freitag um 11 Uhr.",
        "U: Okay, thank you.",
    )
    assert names(turns) == ("Kofi Mensah", None)


def test_whom_the_booking_is_for_answered_with_a_word_like_surname_and_a_likeness() -> None:
    turns = call(
        "U: Ja, moin. Meine Frau hat Geburtstag, und ich wollt ihr einen Termin schenken.",
        "A: Das ist eine schöne Idee! Für wen darf ich den Termin eintragen?",
        "U: Für Kirsten Lassen. Kirsten, wie Kirste mit 'nem N hinten dran, is dänisch.",
        "A: Danke. Freitag um 10 Uhr?",
        "U: Prima.",
    )
    assert names(turns) == (None, "Kirsten Lassen")


def test_the_callers_own_label_beats_the_order_the_agent_said_the_name_in() -> None:
    turns = call(
        "U: Guten Tag, ich bin Tran Minh. Ich rufe für meinen Vater an, er hat Rückenschmerzen.",
        "A: Wie ist der Name Ihres Vaters?",
        "U: Pham Hoa. Pham ist der Familienname, Hoa der Vorname.",
        "A: Danke. Und bei Ihnen, Tran Minh, ist Tran auch der Familienname?",
        "U: Ja, genau, Minh ist mein Vorname.",
        "A: Dr. Lindner hätte morgen um 10 Uhr Zeit.",
        "U: Danke.",
    )
    assert names(turns) == ("Minh Tran", "Hoa Pham")


def test_a_surname_that_is_also_a_greeting_word_holds_when_the_agent_uses_it() -> None:
    turns = call(
        "U: Ja hallo, Schöne hier, Gudrun Schöne. Ich bräucht mal was Schönes für die Hochzeit.",
        "A: Oh, wie schön, Frau Schöne! Schneiden und Föhnen?",
        "U: Ja, und 'ne schöne Hochsteckfrisur.",
        "A: Samstag um 9 Uhr?",
        "U: Dankschön, passt.",
    )
    assert names(turns) == ("Gudrun Schöne", None)


def test_a_surname_said_and_spelled_holds_though_the_agent_speaks_by_the_first_name() -> None:
    turns = call(
        "U: Grüß Gott! Froschmayr, Walburga. Unser Hund hat sich an der Pfote verletzt.",
        "A: Oh je. Ich lege Sie an: Frau Froschmaier, mit A-I?",
        "U: Nein: F wie Friedrich, R wie Richard, O wie Otto, S wie Samuel, C wie Cäsar, "
        "H wie Heinrich, M wie Martha, A wie Anton, Y wie Ypsilon, R wie Richard.",
        "A: Danke, also mit A-Y-R am Ende. Und Walburga mit W?",
        "U: Genau.",
    )
    assert names(turns) == ("Walburga Froschmayr", None)


def test_a_surname_taken_back_as_ones_own_and_spelled_later_is_the_patients() -> None:
    turns = call(
        "U: Hoi, grüaß di. Do isch d'Firma Holzbau Kofler in Dornbirn, Personalabteilung, "
        "Monika Demirci – na, Entschuldigung, Wallnöfer! Monika Wallnöfer. Demirci isch üsr "
        "Mitarbeiter, i hon grad sin Akt vor mir.",
        "A: Kein Problem, Frau Wallnöfer. Worum geht es?",
        "U: Dr Emre Demirci hät sich bi üs in dr Werkstatt s'Knie verdreht.",
        "A: Verstehe. Soll ich Herrn Demirci direkt anrufen, oder buchen Sie für ihn?",
        "U: I buach für ihn, er schafft Frühschicht bis zwei.",
        "A: Dr. Lindner hätte am Dienstag um 15 Uhr einen Termin frei.",
        "U: Guet, Dienstag drei Uhr. Schribet Sie bitte Emre Demirci, D-E-M-I-R-C-I.",
        "A: Ist notiert: Emre Demirci, Dienstag 15 Uhr bei Dr. Lindner.",
        "U: Merci, tschau!",
    )
    assert names(turns) == ("Monika Wallnöfer", "Emre Demirci")


def test_a_doctor_named_after_the_callers_full_name_is_no_correction_of_it() -> None:
    turns = call(
        "U: Moin! Hier ist Wiebke Reiners. Ich war letztes Jahr schon bei Ihnen.",
        "A: Moin, Frau Reiners. Haben Sie eine neue Verordnung?",
        "U: Ja, von der Hautärztin in Leer, Dr. Deiners, sechsmal.",
        "A: Dann hätte ich Dienstag um 8 Uhr.",
        "U: Passt, danke.",
    )
    assert names(turns) == ("Wiebke Reiners", None)


def test_a_stuttered_start_before_the_first_name_is_no_part_of_the_name() -> None:
    turns = call(
        "U: g g guten tag ich äh stottere ein bisschen",
        "A: Lassen Sie sich Zeit. Darf ich nach Ihrem Namen fragen?",
        "U: m mein name ist ma mathias kowalczyk",
        "A: Danke, Herr Kowalczyk. Was kann ich für Sie tun?",
        "U: ich brauch einen termin",
    )
    assert names(turns) == ("Mathias Kowalczyk", None)


def test_the_agent_asking_whether_the_child_shares_the_surname_asks_about_the_child() -> None:
    # "Esi" is on the surname lists too: only the question says whose name the answer is
    turns = call(
        "U: Hallo. Ich bin Ama Owusu, ich brauche einen Impftermin für meine Tochter Esi.",
        "A: Können Sie mir Ihren Nachnamen buchstabieren?",
        "U: Ja, klar. O, W, U, S, U. Owusu.",
        "A: Danke, Frau Owusu. Und Esi heißt auch Owusu?",
        "U: Ja, Esi Owusu. Sie ist fünfzehn Monate.",
        "A: Donnerstag um 15 Uhr wäre frei.",
        "U: Gut, danke.",
    )
    assert names(turns) == ("Ama Owusu", "Esi Owusu")


def test_an_animal_the_call_is_about_is_no_patient() -> None:
    turns = call(
        "U: Moin, Hansen am Apparat. Ich ruf an wegen Fiete.",
        "A: Moin. Wer ist denn Fiete?",
        "U: Unser Kater. Der muss zum Impfen.",
        "A: Freitag um 16 Uhr?",
        "U: Passt.",
    )
    assert names(turns) == ("Hansen", None)


def test_the_child_answered_for_and_then_spoken_to_stays_the_patient() -> None:
    turns = call(
        "U: Servus, Huber Josef. I bräucht an Kinderhaarschnitt für mein Buam.",
        "A: Gerne, Herr Huber. Wie alt ist Ihr Sohn und wie heißt er?",
        "U: Der Felix, der is sieben. Felix Huber halt. – Na, Felix, an Irokesen kriagst ned! "
        "– Entschuldigung, der plärrt grad dazwischen.",
        "A: Kein Problem. Möchten Sie selbst auch einen Termin, oder nur für Felix?",
        "U: Na, nur da Felix. Mei Frau, d'Andrea, schneid ma die Haar eh dahoam.",
        "A: Samstag um 10 Uhr?",
        "U: Passt, pfiat di.",
    )
    assert names(turns) == ("Josef Huber", "Felix Huber")


def test_a_double_first_name_confirmed_with_its_hyphen_keeps_it() -> None:
    turns = call(
        "U: ja tach hier is wolters hans peter wolters ich hätt gern en termin",
        "A: Guten Tag, Herr Wolters. Schreiben Sie Hans-Peter mit Bindestrich?",
        "U: jo mit bindestrich hans peter",
        "A: Danke. Mittwoch um 9:30 Uhr?",
        "U: dat passt",
    )
    assert names(turns) == ("Hans-Peter Wolters", None)


def test_a_surname_spelled_as_in_the_passport_beside_a_spelled_first_name_wins() -> None:
    turns = call(
        "U: Guten Tag, ich rufe für die Sprachschule an, für einen neuen Kursteilnehmer.",
        "A: Gern. Wie heißt der Teilnehmer?",
        "U: Oleh Tkatschenko. Aber bitte wie im Pass: T, K, A, C, H, E, N, K, O. "
        "Vorname Oleh, O, L, E, H.",
        "A: Danke. Montag um 9 Uhr wäre frei.",
        "U: Passt.",
    )
    assert names(turns) == (None, "Oleh Tkachenko")


def test_first_and_surname_spelled_in_the_turn_that_said_them_stand_with_the_agents_marks() -> None:
    turns = call(
        "U: Dzień dobry. Ich brauche Physiotherapie für die Schulter.",
        "A: Gern. Wie ist Ihr Name?",
        "U: Slawomir Schimanski. Der Vorname mit S, aber das L hat einen Querstrich: S, L, A, "
        "W, O, M, I, R. Und der Nachname: S, Z, Y, M, A, N, S, K, I.",
        "A: Danke, ich habe es mit den Sonderzeichen eingetragen: Sławomir Szymański.",
        "U: Ja, gut.",
    )
    assert names(turns)[0] in ("Sławomir Szymanski", "Sławomir Szymański")


def test_a_double_surname_with_a_split_hyphen_word_then_the_whole_name_in_the_same_turn() -> None:
    turns = call(
        "U: moin ich hab mir n zahn abgebrochen",
        "A: Oh je. Sind Sie schon Patientin bei uns?",
        "U: ja seit jahren ach so mein name entschuldigung meyer okafor mit binde strich "
        "katrin meyer okafor",
        "A: Danke, Frau Meyer-Okafor. Morgen um 15 Uhr?",
        "U: super danke",
    )
    assert names(turns) == ("Katrin Meyer-Okafor", None)


def test_the_daughter_named_in_full_is_booked_and_the_fathers_first_name_comes_late() -> None:
    turns = call(
        "U: Ja, Brandl hier, guten Tag. Es geht um meine Tochter, die braucht einen Sehtest.",
        "A: Guten Tag, Herr Brandl. Für den Führerschein?",
        "U: Genau. Die Leni, also richtig heißt sie Magdalena, Magdalena Brandl.",
        "A: Wann hat Magdalena Zeit?",
        "U: Mittwochs nach der Schule.",
        "A: Mittwoch um 15 Uhr. Für Rückfragen: Wie ist Ihr Vorname, Herr Brandl?",
        "U: Thomas. Die Nummer ist die, mit der ich anrufe.",
        "A: Danke, Herr Brandl. Magdalena ist für Mittwoch, 15 Uhr eingetragen.",
        "U: Danke, tschüss.",
    )
    assert names(turns) == ("Thomas Brandl", "Magdalena Brandl")


def test_a_first_name_added_to_the_yes_that_answers_a_question_to_the_caller_by_surname() -> None:
    turns = call(
        "U: Guten Tag, Nowak hier. Ich rufe wegen meiner Tochter an, die Zofia hat Fieber.",
        "A: Oh je. Wie alt ist Zofia?",
        "U: Fünf.",
        "A: Dann trage ich Zofia Nowak heute um 16 Uhr ein. Und Sie sind die Mutter, Frau Nowak?",
        "U: Ja, genau. Marta.",
        "A: Prima, bis später.",
    )
    assert names(turns) == ("Marta Nowak", "Zofia Nowak")


def test_a_first_name_after_ich_bin_in_a_turn_about_ones_own_first_name() -> None:
    turns = call(
        "U: Moin, Jensen hier. Ich muss meinen Termin am Freitag verschieben.",
        "A: Moin, Frau Jensen. Auf wann denn?",
        "U: Die Woche drauf, vormittags.",
        "A: Dienstag um 10 Uhr ist frei.",
        "U: Gut. Und schreiben Sie bitte meinen Vornamen dazu, da gibt's noch eine Jensen. "
        "Ich bin Wiebke.",
        "A: Ist notiert.",
    )
    assert names(turns) == ("Wiebke Jensen", None)


def test_the_agents_plain_i_does_not_undo_a_spelled_dotless_i() -> None:
    turns = call(
        "U: Guten Tag, mein Name ist Elif Kırıkkale, ich brauche einen Termin.",
        "A: Guten Tag, Frau Kirikkale. Wie schreibt man das?",
        "U: K, dann I ohne Punkt, R, wieder I ohne Punkt, K, K, A, L, E.",
        "A: Danke. Donnerstag um 10 Uhr?",
        "U: Passt.",
    )
    assert names(turns) == ("Elif Kırıkkale", None)


def test_one_run_between_a_surname_label_and_a_first_name_label_is_parted() -> None:
    turns = call(
        "U: ja grüezi rajendran priya ich möchte termin",
        "A: Grüezi. Ist Rajendran Ihr Vorname oder Ihr Nachname?",
        "U: nachname rajendran priya ist vorname",
        "A: Danke, Frau Rajendran. Montag um 10 Uhr?",
        "U: danke schön",
    )
    assert names(turns) == ("Priya Rajendran", None)


def test_the_person_booked_before_the_agent_asks_the_callers_name_is_the_patient() -> None:
    turns = call(
        "U: ja hallo ich ruf für meinen mann an der schläft grad der dieter kowalski",
        "A: Guten Tag. Worum geht es bei Herrn Kowalski?",
        "U: der muss zur nachuntersuchung wegen dem lärm",
        "A: Dann trage ich Dieter Kowalski für Freitag um 12 Uhr ein. Darf ich noch Ihren "
        "Namen für Rückfragen notieren?",
        "U: ich bin seine frau rufen se einfach auf seinem handy an",
        "A: In Ordnung.",
    )
    assert names(turns, analysis={"caller_full_name": "Dieter Kowalski"}) == (
        None,
        "Dieter Kowalski",
    )


def test_the_genitive_in_the_agents_question_is_not_the_childs_name() -> None:
    turns = call(
        "U: hallo hier is die sabine ich bin die mama vom timo",
        "A: Hallo Sabine. Was kann ich für Sie tun?",
        "U: der timo hat fieber mir müssen die stunde am dienstag absagen",
        "A: Gute Besserung an Timo. Wie ist denn Timos Nachname, damit ich ihn finde?",
        "U: äh der timo is der einzige timo am dienstag",
        "A: Stimmt, ich habe ihn gefunden.",
    )
    assert names(turns) == ("Sabine", "Timo")


def test_a_customer_named_herr_x_then_in_full_before_a_third_person_verb_is_the_patient() -> None:
    turns = call(
        "U: Guten Tag, hier ist das Sanitätshaus am Markt. Ich rufe für einen Kunden an.",
        "A: Guten Tag. Worum geht es?",
        "U: Herr Brenner, Otto Brenner, braucht eine neue Verordnung für seine Einlagen.",
        "A: Dafür muss Herr Brenner einmal persönlich kommen. Dienstag um 9 Uhr?",
        "U: Das sag ich ihm.",
        "A: In Ordnung. Herr Otto Brenner ist für Dienstag 9 Uhr eingetragen.",
        "U: Danke.",
    )
    assert names(turns) == (None, "Otto Brenner")


def test_a_name_the_caller_says_is_not_theirs_is_dropped() -> None:
    turns = call(
        "U: Jesus Maria, endlich! Grüß Gott. I häng seit zwanzig Minuten in der Schleife.",
        "A: Grüß Gott, Frau Maria. Was kann ich für Sie tun?",
        "U: Na, Maria heiß ich doch net, des sagt man halt so. I hätt a Frage zum Befund.",
        "A: Entschuldigung. Worum geht es?",
        "U: I ruf morgen nomal an.",
    )
    assert names(turns) == (None, None)


def test_no_not_that_after_the_agents_address_denies_the_word() -> None:
    turns = call(
        "U: ja griaß di i bin's nomal wegen vorhin",
        "A: Hallo Frau Nomal, worum ging es vorhin?",
        "U: ha noi net nomal i hab scho vorhin agrufe wege dem hund",
        "A: Entschuldigung. Soll ich einen Termin eintragen?",
        "U: na passt scho ade",
    )
    assert names(turns) == (None, None)


def test_an_unpunctuated_agent_turn_that_ends_with_herr_x_speaks_to_the_caller() -> None:
    turns = call(
        "U: jo griaß di i bräucht an termin wegen meim knie huber sepp",
        "A: danke herr hueber wie unser herr hueber mit u e",
        "U: na na huber ohne e h wie heinrich u wie ulrich b wie berta e wie emil r wie richard",
        "A: also h u b e r",
        "U: genau",
        "A: matthias gruber hätte am montag um acht uhr einen termin herr huber",
        "U: passt",
    )
    assert names(turns) == ("Sepp Huber", None)


def test_an_unpunctuated_herr_x_after_a_preposition_is_someone_spoken_of() -> None:
    turns = call(
        "U: ja guten tag hier ist die hausarztpraxis wir hätten eine überweisung für eine "
        "patientin",
        "A: gerne um welche patientin geht es",
        "U: frau erika lindemann geburtsdatum zwölfter mai neunzehnhundertfünfzig",
        "A: danke ich hätte am fünfzehnten um acht uhr einen termin für frau lindemann",
        "U: das geb ich so weiter wiederhören",
    )
    assert names(turns) == (None, "Erika Lindemann")


def test_a_label_with_aber_between_verb_and_label_names_the_word_before() -> None:
    turns = call(
        "U: Guten Tag, Jessen vom Betreuungsverein. Ich bin die Betreuerin eines Herrn, der "
        "bei Ihnen Patient werden soll.",
        "A: Guten Tag, Frau Jessen. Wie heißt der Herr?",
        "U: In seinen Papieren steht es verwirrend: Gebre Tekle. Tekle ist aber der Vorname, "
        "Gebre ist der Name des Vaters, das gilt als Nachname. Also Herr Tekle Gebre.",
        "A: Danke. Donnerstag um 10 Uhr?",
        "U: Gut.",
    )
    assert names(turns) == ("Jessen", "Tekle Gebre")


def test_a_full_name_with_the_first_name_the_caller_gave_a_child_is_the_childs() -> None:
    turns = call(
        "U: Grüessech. Ist die Frau Meier da?",
        "A: Frau Meier ist gerade beschäftigt. Mit wem spreche ich?",
        "U: Hier ist Elias ... nein, Quatsch, Elias ist mein Sohn. Ich bin Sara Wyss, die Mutter.",
        "A: Alles klar, Frau Wyss. Es geht also um Elias?",
        "U: Genau, Elias Wyss. Er war wegen dem Ausschlag da.",
        "A: Freitag um 9 Uhr für Elias.",
        "U: Merci.",
    )
    assert names(turns) == ("Sara Wyss", "Elias Wyss")


def test_the_callers_own_name_spelled_after_the_patient_is_booked_is_the_callers() -> None:
    turns = call(
        "U: ja guten tag hier ist das labor krause mein name ist dombrowski piotr",
        "A: Guten Tag, Herr Dombrowski. Worum geht es?",
        "U: es geht um eine patientin von ihnen frau helga brandt die blutprobe muss nochmal "
        "abgenommen werden",
        "A: Ich trage Frau Brandt für eine erneute Blutentnahme ein. Können Sie mir Ihren Namen "
        "für Rückfragen buchstabieren?",
        "U: ja d a mit so nem schwänzchen unten also das polnische a dann b r o w s k i",
        "A: Danke, Herr Dąbrowski.",
        "U: danke",
    )
    assert names(turns) == ("Piotr Dąbrowski", "Helga Brandt")


def test_x_der_nachname_without_a_verb_between_labels_the_word_before() -> None:
    turns = call(
        "U: ja grüessech ich brauche termin für physio",
        "A: Gerne. Wie ist Ihr Name, bitte?",
        "U: pema dorje",
        "A: Pema ist der Vorname?",
        "U: ja also bei uns sind eigentlich beide vornamen aber im ausweis hier ist dorje der "
        "nachname pema vorname",
        "A: Danke, Herr Dorje. Freitag um 8 Uhr?",
        "U: gut danke",
    )
    assert names(turns) == ("Pema Dorje", None)


def test_an_address_the_caller_answers_with_the_surname_in_other_letters_is_no_echo() -> None:
    turns = call(
        "U: Guten Tag. Ich bräuchte einen Termin für die Vorsorge, aber erst Ende März, "
        "vorher bin ich auf Montage.",
        "A: Das lässt sich machen. Wie ist Ihr Name, bitte?",
        "U: Marzo. Luca Marzo.",
        "A: Herr März?",
        "U: Marzo, mit O am Ende. Das ist Italienisch für März.",
        "A: Danke, Herr Marzo. Am 30. März um 8 Uhr?",
        "U: Perfekt.",
    )
    assert names(turns) == ("Luca Marzo", None)


def test_a_name_followed_by_der_ist_is_someone_spoken_of() -> None:
    turns = call(
        "U: Guten Tag, ich rufe für meinen Onkel an. Giorgio Bianchi, der ist bei Ihnen Patient.",
        "A: Guten Tag. Worum geht es denn bei Herrn Bianchi?",
        "U: Seine Prothese drückt.",
        "A: Dann ist Herr Bianchi für Montag um 10:30 Uhr eingetragen.",
        "U: Danke, tschüss.",
    )
    assert names(turns) == (None, "Giorgio Bianchi")


def test_the_agent_asking_about_her_in_the_third_person_does_not_speak_to_the_caller() -> None:
    turns = call(
        "U: ja hallo hier is des haus sankt anna wohnbereich drei mir bräuchten an hausbesuch",
        "A: Für welche Bewohnerin oder welchen Bewohner?",
        "U: für die frau kovacs ilona kovacs zimmer neun die hat wasser in den beinen",
        "A: Frau Kovacs, ja. Hat sie Fieber?",
        "U: nee fieber net",
        "A: Gut. Der Doktor kommt heute gegen halb eins. Mit wem spreche ich denn?",
        "U: ich bin die nachtwache ich geb des weiter",
    )
    assert names(turns) == (None, "Ilona Kovacs")


def test_a_parent_who_gives_their_own_name_for_the_childs_appointment_is_the_caller() -> None:
    turns = call(
        "U: Guten Tag, ich möchte den Termin von meiner Tochter verschieben, der ist morgen.",
        "A: Gern. Auf welchen Namen läuft der Termin?",
        "U: Aksoy. Emre Aksoy, ich bin der Vater.",
        "A: Danke, Herr Aksu. Ich finde morgen leider keinen Termin unter Aksu.",
        "U: Nicht Aksu. Aksoy. A wie Anton, K wie Kaufmann, S wie Samuel, O wie Otto, "
        "Y wie Ypsilon.",
        "A: Jetzt habe ich es: Aksoy, morgen 9 Uhr. Auf wann möchten Sie verschieben?",
        "U: Nächste Woche Montag.",
        "A: Der Termin ist verschoben auf Montag, Herr Aksoy.",
    )
    assert names(turns) == ("Emre Aksoy", None)


def test_a_caller_who_confirms_the_appointment_is_for_themself_books_for_no_one_else() -> None:
    turns = call(
        "U: Guten Tag. Mein Name ist Lina Nasser ... nein, Entschuldigung, Lina ist meine "
        "Tochter, für sie habe ich heute schon angerufen. Ich bin Karim Nasser.",
        "A: Kein Problem, Herr Nasser. Der Termin ist also für Sie selbst?",
        "U: Ja, für mich. Ich brauche einen Sehtest für den Führerschein.",
        "A: Morgen um 8:30 Uhr?",
        "U: Gut, danke.",
    )
    assert names(turns) == ("Karim Nasser", None)


def test_a_first_name_after_ich_bin_that_the_agent_says_closing_a_sentence_is_the_callers() -> None:
    turns = call(
        "U: Hallo Anna. Ich bin Leyla. Ich möchte erst mal nur meinen Vornamen sagen.",
        "A: Das ist in Ordnung, Leyla. Worum geht es?",
        "U: Ich suche einen Termin für ein Erstgespräch.",
        "A: Donnerstag um 10:30 Uhr?",
        "U: Ja, gern.",
    )
    assert names(turns) == ("Leyla", None)


def test_the_name_after_the_wedding_is_not_the_callers_name_yet() -> None:
    turns = call(
        "U: Hallo! Ich heirate im Juni und hätte gern vorher einen Probetermin.",
        "A: Herzlichen Glückwunsch! Auf welchen Namen darf ich buchen?",
        "U: Sommer. Julia Sommer. Ab dann heiß ich aber Brenner, wie mein Felix.",
        "A: Ich trage Sie als Julia Sommer ein.",
        "U: Perfekt, tschüss!",
    )
    assert names(turns) == ("Julia Sommer", None)


def test_swiss_clock_times_are_no_name() -> None:
    turns = call(
        "U: grüezi hier ist nadia keller ich bruuch en termin",
        "A: Grüezi Frau Keller. Mittwoch um 12:15 Uhr?",
        "U: zwölfi füfzäh ja perfekt",
        "A: Dann sind Sie eingetragen.",
        "U: merci",
    )
    assert names(turns) == ("Nadia Keller", None)


def test_berlin_keene_is_no_first_name() -> None:
    turns = call(
        "U: tach hier is kraft jessica kraft mir tut die schulter weh",
        "A: Hallo Frau Kraft. Haben Sie eine Verordnung oder kommen Sie privat?",
        "U: privat ick hab einfach keene kraft mehr in der schulter nach der arbeit",
        "A: Verstehe. Ich hätte einen Termin am Dienstag um 17 Uhr.",
        "U: dienstag fünf uhr ja dat is jut",
        "A: Dann sind Sie eingetragen, Frau Kraft.",
    )
    assert names(turns) == ("Jessica Kraft", None)


def test_a_surname_said_again_in_syllables_after_its_label_is_the_word_alone() -> None:
    turns = call(
        "U: ja hallo meine tochter hat fieber",
        "A: Wie heißt Ihre Tochter?",
        "U: elif nachname karadeniz ka ra de niz",
        "A: Danke. Heute um 10 Uhr?",
        "U: ja danke",
    )
    assert names(turns)[1] in ("Elif Karadeniz", "Karadeniz")


def test_two_bare_labels_after_their_words_name_both() -> None:
    turns = call(
        "U: hallo äh yilmaz cem ich wollte fahrstunden buchen",
        "A: Hallo! Ist Yilmaz dein Vorname?",
        "U: nee yilmaz is nachname cem vorname viele denken andersrum",
        "A: Alles klar. Donnerstag um 16 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Cem Yilmaz", None)


def test_a_spanish_double_surname_said_before_the_first_name_keeps_its_space() -> None:
    turns = call(
        "U: Buenos días, Fernández Gómez mein Name, Lucía. Ich habe Rückenschmerzen.",
        "A: Gute Besserung, Frau Fernández Gómez. Donnerstag um 9 Uhr?",
        "U: Ja, gern.",
    )
    assert names(turns) == ("Lucía Fernández Gómez", None)


def test_a_first_name_asked_for_and_owned_late_is_the_callers() -> None:
    turns = call(
        "U: Guten Tag, mein Sohn Yaw hat Husten.",
        "A: Wie heißt Ihr Sohn mit vollem Namen?",
        "U: Yaw Asante.",
        "A: Danke. Und Ihr Name?",
        "U: Asante, wie er.",
        "A: Danke, Frau Asante. Heute um 15 Uhr?",
        "U: Gut. Und wenn jemand zurückruft, fragen Sie nach Abena, das bin ich.",
        "A: Notiert.",
    )
    assert names(turns) == ("Abena Asante", "Yaw Asante")


def test_a_full_name_with_an_age_after_a_relative_is_spoken_of_is_the_childs() -> None:
    turns = call(
        "U: Guten Tag. Haddad, Samir. Haddad ist der Nachname, Samir der Vorname.",
        "A: Danke, Herr Haddad. Wie kann ich helfen?",
        "U: Mein Sohn hat seit gestern Ohrenschmerzen. Karim Haddad, fünf Jahre.",
        "A: Das sollte Dr. Weber ansehen. Morgen um 9 Uhr?",
        "U: Ja, danke.",
    )
    assert names(turns) == ("Samir Haddad", "Karim Haddad")


def test_a_verb_that_a_surname_list_holds_is_no_surname_before_its_object() -> None:
    turns = call(
        "U: hallo ich bin die nachbarin von der kleinen mia die hat sich das knie aufgeschlagen",
        "A: Wie heißt die Kleine mit vollem Namen?",
        "U: mia sommerfeld sechs jahre",
        "A: Danke. Um 14 Uhr ginge es. Und wie ist Ihr Name?",
        "U: ach ich bin nur die nachbarin der papa von der mia holt sie nachher ab",
        "A: In Ordnung, dann bis 14 Uhr.",
    )
    assert names(turns) == (None, "Mia Sommerfeld")


def test_two_surnames_said_together_before_the_maiden_name_is_called_so_are_no_full_name() -> None:
    turns = call(
        "U: moin ich bräucht nen termin zur blutabnahme",
        "A: Moin. Wie ist Ihr Name, bitte?",
        "U: petersen wiebke petersen aber vielleicht steh ich noch unter hansen drin",
        "A: Ich finde Sie unter Wiebke Hansen. Soll ich das auf Petersen ändern?",
        "U: ja bitte petersen hansen war mein mädchenname",
        "A: Erledigt, Frau Petersen. Montag um 8 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Wiebke Petersen", None)


def test_each_label_after_its_word_when_the_sentence_goes_on() -> None:
    turns = call(
        "U: ja moin mensah yaw ich wollt nach meinem auto fragen",
        "A: Moin! Ist Mensah der Nachname?",
        "U: ja mensah nachname yaw vorname is bei uns andersrum",
        "A: Danke. Ihr Wagen ist morgen fertig.",
        "U: super danke",
    )
    assert names(turns) == ("Yaw Mensah", None)


def test_a_first_name_asked_for_and_spelled_replaces_the_one_misheard() -> None:
    turns = call(
        "U: guten tag ich brauch einen termin wegen meinem knie",
        "A: Wie ist Ihr Name, bitte?",
        "U: del itsch dschenita",
        "A: Könnten Sie den Nachnamen buchstabieren?",
        "U: ja also d e l i c mit strich am ende",
        "A: Danke. Und der Vorname?",
        "U: d z mit hatschek e n i t a",
        "A: Vielen Dank, Frau Delić. Dienstag um 10 Uhr?",
        "U: ja passt",
    )
    assert names(turns) == ("Dženita Delić", None)


def test_first_name_and_surname_spelled_in_one_turn_and_read_back_together() -> None:
    turns = call(
        "U: Guten Tag, Wojtek Schtschepanski, ich brauche einen Termin.",
        "A: Gern. Ich habe Woitek Schtschepanski notiert, stimmt das?",
        "U: Nein, polnisch. Vorname: W, O, J, C, I, E, C, H. "
        "Nachname: S, Z, C, Z, E, P, A, N, S, K, I.",
        "A: Danke, also Wojciech Szczepanski. Montag um 9 Uhr?",
        "U: Ja, gut.",
    )
    assert names(turns) == ("Wojciech Szczepanski", None)


def test_a_spelled_first_word_that_is_more_a_first_name_keeps_its_place() -> None:
    turns = call(
        "U: Guten Tag. Ich bin Dilan Osman. Ich rufe für meinen Onkel an, sein Deutsch ist "
        "nicht so gut.",
        "A: Gern, Frau Osman. Was braucht Ihr Onkel?",
        "U: Er hat Zahnschmerzen, oben links. Er heißt Karwan Osman, K-A-R-W-A-N.",
        "A: Dr. Weber hätte am Freitag um 10 Uhr Zeit.",
        "U: Ja, Freitag passt. Danke.",
    )
    assert names(turns) == ("Dilan Osman", "Karwan Osman")


def test_the_surname_of_a_relative_just_named_mends_no_address_of_the_caller() -> None:
    turns = call(
        "U: Guten Tag. Morozow, Dmitri Morozow. Ich rufe wegen meiner Schwester an.",
        "A: Guten Tag, Herr Morozow. Wie heißt Ihre Schwester?",
        "U: Olga Morozowa. Also Morozowa mit a hinten, bei Frauen ist das so.",
        "A: Danke. Dr. Weber hätte am Mittwoch um 11 Uhr Zeit.",
        "U: Gut, danke.",
    )
    assert names(turns) == ("Dmitri Morozow", "Olga Morozowa")


def test_a_double_surname_said_again_with_its_hyphen_is_one_surname() -> None:
    turns = call(
        "U: ja hallo ich ruf für meine mutter an die braucht ne kontrolle",
        "A: Gern. Wie heißt Ihre Mutter?",
        "U: gertrud meyer holte meyer mit bindestrich holte geboren neunzehn vierzig",
        "A: Danke. Frau Meyer-Holte hätte am Montag um 10 Uhr einen Termin.",
        "U: ja danke",
    )
    assert names(turns) == (None, "Gertrud Meyer-Holte")


def test_our_two_words_described_one_by_one_the_other_way_round_are_our_name() -> None:
    turns = call(
        "U: Hallo, hier ist Gülşen Aydın. Ich möchte einen Termin zum Färben.",
        "A: Gern! Wie schreibt man Ihren Namen?",
        "U: Gülşen mit ü und einem s mit Häkchen unten, Aydın mit einem i ohne Punkt.",
        "A: Danke, Frau Aydın. Samstag um 10 Uhr?",
        "U: Ja, gern.",
    )
    assert names(turns) == ("Gülşen Aydın", None)


def test_the_berber_particle_ait_belongs_to_the_surname() -> None:
    turns = call(
        "U: Guten Tag, mein Name ist Samira Aït Bennour. Ich brauche einen Beratungstermin.",
        "A: Guten Tag, Frau Aït Bennour. Donnerstag um 14 Uhr?",
        "U: Ja, danke.",
    )
    assert names(turns) == ("Samira Aït Bennour", None)


@pytest.mark.parametrize("answer", ["auf bernd kessler", "auf den bernd kessler"])
def test_the_answer_may_echo_the_questions_preposition(answer: str) -> None:
    turns = call(
        "U: ja servus ich hätt a rezept für krankengymnastik",
        "A: Gern. Auf welchen Namen soll ich die Termine eintragen?",
        f"U: {answer}",
        "A: Danke. Montag um 8 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Bernd Kessler", None)


def test_a_name_taken_back_with_quatsch_gives_way_to_the_one_after() -> None:
    turns = call(
        "U: ja servus ich hätt a rezept für krankengymnastik",
        "A: Gern. Auf welchen Namen soll ich die Termine eintragen?",
        "U: auf renate kessler nee quatsch des is meine frau auf bernd kessler",
        "A: Also für Sie, Herr Kessler. Montag um 8 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Bernd Kessler", None)


def test_the_callers_first_name_spelled_then_said_with_a_staff_surname() -> None:
    turns = call(
        "U: Guten Tag. Tran mein Name. Nicht verwandt mit Ihrem Arzt, das fragen alle.",
        "A: Guten Tag, Herr Tran. Worum geht es?",
        "U: Ich brauche einen Termin zur Kontrolle.",
        "A: Gern. Ich bräuchte noch Ihren Vornamen.",
        "U: Long. L, O, N, G. Long Tran.",
        "A: Danke, Herr Long Tran. Freitag um 9 Uhr?",
        "U: Ja, danke.",
    )
    result = extract_names(turns, agent_names=AGENTS, staff_names=["Dr. Minh Tran"])
    assert (result.caller_name, result.patient_name) == ("Long Tran", None)


def test_heisst_anders_says_how_someone_is_called_not_what() -> None:
    turns = call(
        "U: ja hallo hier ist petra hoffmann ich ruf wegen meinem vater an",
        "A: Hallo Frau Hoffmann. Wie heißt Ihr Vater?",
        "U: der heißt anders also nicht hoffmann mein vater ist klaus ebert",
        "A: Danke. Also Herr Klaus Ebert. Dienstag um 10 Uhr?",
        "U: ja passt",
    )
    assert names(turns) == ("Petra Hoffmann", "Klaus Ebert")


def test_an_elided_possessive_still_speaks_of_a_relative() -> None:
    turns = call(
        "U: Servus. Es geht um mein' Vater, den Gruber Sepp in Kelheim. Der schafft's nimmer.",
        "A: Das tut mir leid. Frau Sommer käme am Freitag um 10 Uhr vorbei. Wären Sie dabei?",
        "U: Freitag passt, ich bin dann auch da.",
        "A: Dann trage ich Herrn Josef Gruber ein, oder steht im Ausweis ein anderer Vorname?",
        "U: Naa, Josef passt, Josef Gruber. Pfiat Eana.",
    )
    assert names(turns) == (None, "Josef Gruber")


def test_a_relative_who_died_is_no_patient() -> None:
    turns = call(
        "U: Guten Tag. Brandt, also geborene Brandt. Mein Vater, Horst Brandt, ist heute früh "
        "im Heim verstorben.",
        "A: Mein Beileid. Frau Rübsam hätte morgen um 14 Uhr Zeit. Auf welchen Namen trage ich "
        "den Termin ein? Auf Brandt?",
        "U: Nee, ich heiß seit Jahren Roth. Sabine Roth.",
        "A: Danke, Frau Roth. Morgen um 14 Uhr.",
        "U: Danke schön.",
    )
    assert names(turns) == ("Sabine Roth", None)


def test_a_surname_that_is_a_verb_of_wanting_after_is_mein_name_and_addressed() -> None:
    turns = call(
        "U: ja hallo ähm also will is mein name petra will ich will einen termin zur kontrolle",
        "A: Guten Tag, Frau Will. Donnerstag um 9 Uhr?",
        "U: ja passt danke",
    )
    assert names(turns) == ("Petra Will", None)


def test_a_name_said_alone_as_the_whole_answer_keeps_its_surname() -> None:
    turns = call(
        "U: servus ich bräucht no a paar fahrstunden vor der prüfung",
        "A: Servus! Wie heißt du denn?",
        "U: korbinian hinterstoisser",
        "A: Danke, Korbinian. Donnerstag um 16 Uhr?",
        "U: passt",
        "A: Eingetragen. Bis Donnerstag, Korbinian.",
    )
    assert names(turns) == ("Korbinian Hinterstoisser", None)


def test_both_parts_asked_by_the_agent_and_confirmed_make_the_name() -> None:
    turns = call(
        "U: guten tag o kafor chidi ich brauch einen termin",
        "A: Entschuldigung, ist Okafor Ihr Nachname und Chidi Ihr Vorname?",
        "U: ja genau okafor ist familienname",
        "A: Danke, Herr Okafor. Montag um 9 Uhr?",
        "U: okay danke",
    )
    assert names(turns) == ("Chidi Okafor", None)


def test_the_agents_read_back_of_a_spelling_brings_the_first_name_said_before() -> None:
    turns = call(
        "U: guten tag ilona nacht ich hätte gern einen termin für den rücken",
        "A: Guten Tag. Habe ich Ihren Nachnamen richtig verstanden, Nacht?",
        "U: nein nein n a g y mit ypsilon am ende das ist ungarisch",
        "A: Danke, also Ilona Nagy. Haben Sie eine Verordnung?",
        "U: ja vom hausarzt",
        "A: Dienstag um 10 Uhr, Frau Nagy?",
        "U: ja danke",
    )
    assert names(turns) == ("Ilona Nagy", None)


def test_the_particle_said_before_a_surname_stays_before_its_spelling() -> None:
    turns = call(
        "U: ja guten tag ich brauch n termin wegen meinem visum",
        "A: Gerne. Wie ist Ihr Name, bitte?",
        "U: samira el idrisi",
        "A: Danke, Frau El Idrisi. Schreibt sich das I-D-R-I-S-I?",
        "U: nee mit doppel s also i d r i s s i und das el getrennt",
        "A: Verstanden, Frau El Idrissi. Mittwoch um 10 Uhr?",
        "U: ja geht",
    )
    assert names(turns) == ("Samira El Idrissi", None)


def test_an_article_and_a_first_name_after_a_name_start_another_person() -> None:
    turns = call(
        "U: ja servus hier is der jonas der markus kennt mich schon",
        "A: Hallo Jonas. Wieder bei Markus?",
        "U: ja genau wegen knie",
        "A: Donnerstag um 19 Uhr?",
        "U: passt",
    )
    assert names(turns) == ("Jonas", None)


def test_swiss_words_for_last_week_and_only_are_no_names() -> None:
    turns = call(
        "U: hallo hie isch corinne ich bi letscht wuche bi ihne gsi",
        "A: Hallo Corinne. Darf ich auch Ihren Nachnamen haben?",
        "U: ähm ich wott nume frage ob ich d tropfe wyter söll näh",
        "A: Ich gebe Ihnen einen kurzen Termin morgen um 11 Uhr.",
        "U: ok merci",
    )
    assert names(turns) == ("Corinne", None)


@pytest.mark.parametrize("opening", ["hi ich bin abena", "Hallo, ich bin Abena."])
def test_ich_bin_and_a_first_name_right_after_the_greeting_introduce_the_caller(
    opening: str,
) -> None:
    turns = call(
        f"U: {opening} ich war schon mal bei ihnen wegen meinem knie",
        "A: Hallo. Wie ist Ihr Nachname?",
        "U: ach das steht doch bei ihnen mit der handynummer",
        "A: Ich sehe eine Patientin mit dieser Nummer. Freitag um 15 Uhr?",
        "U: okay",
    )
    assert names(turns) == ("Abena", None)


def test_a_first_name_stands_when_the_agent_wants_the_rest_of_the_name() -> None:
    turns = call(
        "U: hallo hier is die shirin ich wollt fragen ob meine blutwerte da sind",
        "A: Guten Tag. Wie ist Ihr Nachname?",
        "U: ach die frau koch kennt mich sagen sie einfach shirin die mit der schilddrüse",
        "A: Für den Termin brauche ich leider Ihren vollständigen Namen.",
        "U: dann komm ich morgen vorbei tschüss",
    )
    assert names(turns) == ("Shirin", None)


def test_the_full_name_after_i_did_not_introduce_myself_is_the_callers() -> None:
    turns = call(
        "U: Hallo, kann meine Tochter bei Ihnen geimpft werden? Die Leonie, sie ist elf.",
        "A: Ja. Ist Leonie schon Patientin bei uns?",
        "U: Ja, seit sie klein ist.",
        "A: Freitag um 14 Uhr. Wie ist Leonies Nachname?",
        "U: Auch Brandes, wie ich. Oh, ich hab mich gar nicht vorgestellt: Katja Brandes.",
        "A: Kein Problem, Frau Brandes. Leonie Brandes, Freitag, 14 Uhr.",
        "U: Danke, tschüss!",
    )
    assert names(turns) == ("Katja Brandes", "Leonie Brandes")


def test_a_surname_said_before_two_first_names_is_put_last_as_the_agent_took_it_up() -> None:
    turns = call(
        "U: ja hallo mein name is benali youssef karim ich hatte n unfall mit dem auto",
        "A: Guten Tag, Herr Benali. Das tut mir leid. Wurde jemand verletzt?",
        "U: nee nur blechschaden",
        "A: Herr Brand hätte am Freitag um 13 Uhr einen Termin.",
        "U: freitag eins okay",
        "A: Eingetragen, Herr Benali.",
    )
    assert names(turns) == ("Youssef Karim Benali", None)


def test_the_name_of_a_cream_asked_for_is_no_patient() -> None:
    turns = call(
        "U: Hallo, können Sie der Frau Doktor was ausrichten? Die Salbe brennt total.",
        "A: Das gebe ich gern weiter. Wie heißt die Salbe denn?",
        "U: Protopic heißt die. Die Schwester hat gesagt, ich soll anrufen.",
        "A: Danke. Wie ist Ihr Name?",
        "U: Moment, da klingelt es, ich ruf später nochmal an.",
    )
    assert names(turns) == (None, None)


def test_a_relatives_spelled_surname_keeps_its_own_ending() -> None:
    turns = call(
        "U: Guten Tag, Tichonowa, Irina. Ich brauche einen Termin für meinen Mann, Oleg Tichonow.",
        "A: Guten Tag, Frau Tichonowa. Was hat Ihr Mann?",
        "U: Er hat Rückenschmerzen.",
        "A: Dann Donnerstag, 10 Uhr, für Herrn Oleg Tichonow. Mit W am Ende?",
        "U: Ja, T-I-C-H-O-N-O-W, bei ihm ohne A hinten. Bei mir mit A, Tichonowa.",
        "A: Danke. Bringen Sie bitte seine Medikamente mit, Frau Tichonowa.",
        "U: Danke, auf Wiedersehen.",
    )
    assert names(turns) == ("Irina Tichonowa", "Oleg Tichonow")


def test_a_full_name_then_her_age_after_the_daughter_is_spoken_of_is_hers() -> None:
    turns = call(
        "U: Guten Tag, ich rufe wegen meiner Tochter an. Hanna Nowicka, sie ist acht Jahre alt.",
        "A: Das tut mir leid. Was hat sie denn?",
        "U: Ein Backenzahn tut ihr weh.",
        "A: Dr. Weber hätte heute um 16 Uhr einen Termin.",
        "U: Gut, danke.",
    )
    assert names(turns) == (None, "Hanna Nowicka")


def test_letters_said_by_their_names_confirm_a_spelling_and_name_no_one() -> None:
    turns = call(
        "U: ja hallo es geht um meine einbürgerung",
        "A: Wie ist Ihr Name, bitte?",
        "U: khaled al hariri",
        "A: Danke, Herr Al Hariri. Und der Vorname Khaled mit K-H?",
        "U: genau ka ha",
        "A: Montag um 16 Uhr?",
        "U: okay danke",
    )
    assert names(turns)[0] in ("Khaled Al Hariri", "Khaled al Hariri")


def test_ich_heiss_noch_and_the_name_after_a_slip() -> None:
    turns = call(
        "U: moin ja hier is janssen äh nee das is der name von mein mann ich heiß noch "
        "ubben wiebke ubben",
        "A: Kein Problem, Frau Ubben. Was kann ich für Sie tun?",
        "U: ich bräucht ein paar fahrstunden zum auffrischen",
        "A: Donnerstag um 10 Uhr, Frau Ubben?",
        "U: jo danke",
    )
    assert names(turns) == ("Wiebke Ubben", None)


def test_a_frequent_verb_only_surname_lists_abroad_hold_stays_a_verb() -> None:
    turns = call(
        "U: hallo ähm habt ihr heut noch was frei für wimpern",
        "A: Heute um 18 Uhr wäre frei. Dann bräuchte ich Ihren Namen.",
        "U: achso nee des isch zu spät ich muss den kleinen vom kindi holen",
        "A: Verstehe. Morgen um 9 Uhr?",
        "U: ich schau spontan vorbei ciao",
    )
    assert names(turns) == (None, None)


def test_a_spelling_asked_right_after_the_childs_name_is_the_childs() -> None:
    turns = call(
        "U: ja hallo mein sohn hat seit gestern durchfall",
        "A: Oh je. Dann sollte er heute kommen. Wie heißt Ihr Sohn?",
        "U: kwa dscho asante",
        "A: Entschuldigung, können Sie mir den Vornamen buchstabieren?",
        "U: k o j o und ofori o f o r i",
        "A: Danke. Kojo Ofori, heute um 11 Uhr. Passt das?",
        "U: ja danke",
    )
    assert names(turns) == (None, "Kojo Ofori")


def test_the_parts_of_a_guests_name_spelled_with_labels_are_the_guests() -> None:
    turns = call(
        "U: Grüß Gott, hier ist das Hotel Sonnhof, Rezeption, Brandstätter am Apparat.",
        "A: Grüß Gott. Was kann ich für Sie tun?",
        "U: Ein Gast möchte morgen einen Haarschnitt. Herr Arjun Mehta, er ist bei uns auf Kur.",
        "A: Gerne. Wie schreibt man den Namen?",
        "U: Vorname Arjun, A-R-J-U-N, Nachname Mehta, M-E-H-T-A.",
        "A: Danke. Morgen um 10 Uhr wäre frei.",
        "U: Passt, ich sag ihm Bescheid. Wiederhören.",
    )
    assert names(turns) == ("Brandstätter", "Arjun Mehta")


def test_zu_haenden_before_a_name_is_no_part_of_it() -> None:
    turns = call(
        "U: ja moin böttcher hier von der tischlerei böttcher",
        "A: Moin, Herr Böttcher. Was kann ich für Sie tun?",
        "U: unser azubi braucht den führerschein wir zahlen",
        "A: Und für die Rechnung: Wie ist Ihr Vorname, Herr Böttcher?",
        "U: sven also rechnung an die tischlerei z hd sven böttcher",
        "A: Danke. Montag um 16 Uhr?",
        "U: passt",
    )
    assert names(turns)[0] == "Sven Böttcher"


def test_a_double_first_name_written_with_its_hyphen_takes_it() -> None:
    turns = call(
        "U: ja hallo hier is lange tobias lange ich ruf für mein vater an",
        "A: Guten Tag, Herr Lange. Wie heißt Ihr Vater?",
        "U: heinz werner lange mit bindestrich heinz-werner",
        "A: Danke. Dr. Weber hätte Montag um 10 Uhr Zeit.",
        "U: ja gut",
    )
    assert names(turns) == ("Tobias Lange", "Heinz-Werner Lange")


def test_glaub_ich_comma_and_an_illness_is_no_introduction() -> None:
    turns = call(
        "U: Hallo, eine Frage. Mein Sohn hat, glaub ich, die Windpocken, und ich geb ihm "
        "Tropfen. Darf ich da noch Nurofen dazugeben?",
        "A: Das darf ich Ihnen am Telefon nicht sagen. Wie heißt Ihr Sohn mit Vor- und Nachnamen?",
        "U: Jonas Reuter.",
        "A: Danke. Ich trage Jonas für morgen um 8:30 Uhr ein.",
        "U: Okay, halb neun.",
    )
    result = extract_names(turns, agent_names=AGENTS, staff_names=STAFF)
    assert (result.caller_name, result.patient_name) == (None, "Jonas Reuter")
    assert all(c["name"] != "Windpocken" for c in result.candidates)


def test_letters_the_agent_reads_back_are_no_written_form_of_the_name() -> None:
    turns = call(
        "U: hallo mein name ist quinn damm ich möchte mich anmelden für den führerschein",
        "A: Hallo, Frau Damm. Ich schreibe mit: Quinn, Q-U-I-N-N, und Damm mit zwei M?",
        "U: nein nein das ist vietnamesisch q u y n h quynh und dam nur ein m d a m",
        "A: Entschuldigung. Also Quynh, Q-U-Y-N-H, und Dam, D-A-M. Stimmt es jetzt?",
        "U: ja genau richtig",
        "A: Danke, Frau Dam. Haben Sie schon einen Führerschein?",
        "U: nein noch nie",
    )
    assert names(turns) == ("Quynh Dam", None)
