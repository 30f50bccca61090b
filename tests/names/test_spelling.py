"""Spelled names: letters, spelling-alphabet words, umlauts described in words."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from frontdesk.names.spelling import (
    ALPHABET,
    keep_said_form,
    mark_count,
    spelled_names,
    spelled_words,
    with_described_marks,
    without_syllables,
)

# One spelling word per plain letter, as German callers use them.
WORD_FOR = {
    letter.lower(): word.capitalize()
    for word, letter in sorted(ALPHABET.items())
    if len(letter) == 1 and letter.isascii() and letter.isalpha()
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J wie Jena, Ä wie Umlaut Aachen, H wie Hamburg, N wie Nordpol", "Jähn"),
        (
            "M wie Martha, Ö wie Ökonom, L wie Ludwig, L wie Ludwig, E wie Emil, R wie Richard",
            "Möller",
        ),
        ("k, u, e, h, n, e", "Kuehne"),
    ],
)
def test_spelled_letters_and_umlauts(text: str, expected: str) -> None:
    assert spelled_names(text) == [expected]


@given(st.text(alphabet=sorted(WORD_FOR), min_size=3, max_size=12))
@example("awie")  # spells "wie" after a letter: the spelling's own word is no name said
def test_any_name_spelled_with_the_alphabet_comes_back(letters: str) -> None:
    text = ", ".join(f"{c.upper()} wie {WORD_FOR[c]}" for c in letters)
    assert [n.lower() for n in spelled_names(text)] == [letters]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gül. G, Ü, L. Das Ü ist ein U mit zwei Punkten.", ["Gül"]),
        ("Şahin. Ş, A, H, I, N. Das Ş ist ein S mit Häkchen unten.", ["Şahin"]),
        ("M, Ü. Doppel L. E, R.", ["Müller"]),  # a sentence end inside a spelling goes on
    ],
)
def test_a_sentence_about_a_letter_after_the_spelling_adds_no_letter(
    text: str, expected: list[str]
) -> None:
    # A name spelled again in full may come back twice; what matters is the form.
    assert set(spelled_names(text)) == set(expected)


def test_the_letter_a_spelling_leaves_out_is_no_letter_of_it() -> None:
    """ "Jana ohne h. J, A, N, A": the "h" after "ohne" describes, it is not spelled."""
    assert spelled_names("Nein, Jana ohne h. J, A, N, A. Und Schulz mit S, C, H.") == ["Jana"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Y has no everyday spelling word: callers say its letter name, "Ypsilon".
        ("s wie siegfried ypsilon d wie dora o wie otto w wie wilhelm", ["Sydow"]),
        ("M, E, Ypsilon, E, R", ["Meyer"]),
        ("K, R, E, Zett, E, R", ["Krezer"]),
        ("Ypsilon, I, L, M, A, Z", ["Yilmaz"]),
        # Before "wie", every letter's German name counts, words like "es" and "el" too.
        ("zett wie zeppelin a wie anton ha wie heinrich n wie nordpol", ["Zahn"]),
        ("es wie siegfried te wie theodor el wie ludwig zett wie zeppelin", ["Stlz"]),
        ("Ka wie Kaufmann, U wie Ulrich, Er wie Richard, Zett wie Zeppelin", ["Kurz"]),
    ],
)
def test_a_letter_said_by_its_name_is_that_letter(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hint names a letter or two ("mit a y"); letters beyond it are the name spelled.
        ("und vorname mit o u m a h m o u d mahmoud", ["Mahmoud"]),
        ("ne wegner mit e w e g n e r", ["Wegner"]),
        ("Joost mit zwei o, J, O, O, S, T.", ["Joost"]),
        ("Maier mit a i, also M, A, I, E, R", ["Maier"]),
        ("Meyer mit e y. Und Schmitt mit zwei t.", []),
    ],
)
def test_a_hint_is_a_letter_or_two_and_a_spelling_may_follow_it(
    text: str, expected: list[str]
) -> None:
    # A name spelled again in full may come back twice; what matters is the form.
    assert set(spelled_names(text)) == set(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A mark explained again after "also", and where a letter stands said before it.
        (
            "S mit Hatschek, also mit Häkchen oben drauf, dann I, M, I, und am Ende C mit "
            "Strich. Das ist kroatisch.",
            ["Šimić"],
        ),
        ("K, O, V, A, C, und am Schluss I, C", ["Kovacic"]),
    ],
)
def test_a_mark_explained_again_and_the_place_of_a_letter(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Joao Goncalves. Goncalves mit C mit so einem Schwänzchen unten, Cedille. Und Joao "
            "mit Tilde auf dem A.",
            "João Gonçalves. Gonçalves mit C mit so einem Schwänzchen unten, Cedille. Und João "
            "mit Tilde auf dem A.",
        ),
        (
            "Und Malgorzata mit dem durchgestrichenen L",
            "Und Małgorzata mit dem durchgestrichenen L",
        ),
        ("Lucia mit Akzent auf dem I", "Lucía mit Akzent auf dem I"),
        ("Lukasz mit L mit Strich durch", "Łukasz mit L mit Strich durch"),
        # No mark word, or a letter the word holds twice or not at all: nothing changes.
        ("Mayer mit a y", "Mayer mit a y"),
        ("Anna mit Akzent auf dem A", "Anna mit Akzent auf dem A"),
        ("Termin mit Strich am A", "Termin mit Strich am A"),
    ],
)
def test_a_mark_described_for_a_word_said_whole(text: str, expected: str) -> None:
    assert with_described_marks(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An article between "mit" and the mark.
        (
            "S, Z, C, Z, E, P, A, N mit einem Strich oben drauf, S, K, I. Und Vorname Grzegorz.",
            ["Szczepański"],
        ),
        # The mark explained again without "mit", the letter named again after it.
        (
            "W, I, S mit Akzent, also ein Strich oben auf dem S, N, I, E, W, S, K, A.",
            ["Wiśniewska"],
        ),
        # A hint's letter that a "wie" spelling goes on from: the word said before it.
        ("Und Tjark mit T, J wie Julius, A, R, K.", ["Tjark"]),
        ("Pohl mit p, p wie Paula, O, H, L", ["Pohl"]),
    ],
)
def test_marks_and_hints_inside_a_spelling(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("r a m m also zwei m am ende", ["Ramm"]),  # the double letter explained
        ("J, O, A mit so einer Welle oben drauf, Tilde sagt man, und O. João.", ["João"]),
        (
            "D, V, O, R mit Hatschek, also mit dem kleinen Häkchen, dann A mit Strich, K.",
            ["Dvořák"],
        ),
    ],
)
def test_explanations_inside_a_spelling_add_no_letters(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ko – wal – tschuk. Kowaltschuk. Vorname Iryna.", "Kowaltschuk. Vorname Iryna."),
        ("Müller-Lüdenscheidt ist mein Name", "Müller-Lüdenscheidt ist mein Name"),
        ("Ja – also – nein. Termin", "Ja – also – nein. Termin"),
    ],
)
def test_syllables_between_dashes_before_the_word_go(text: str, expected: str) -> None:
    assert without_syllables(text) == expected


def test_a_letter_named_again_with_its_language_adds_nothing() -> None:
    assert spelled_names("W, I, S mit Strich oben, also polnisches S, N, I, E, W, S, K, A.") == [
        "Wiśniewska"
    ]


def test_two_strokes_are_the_hungarian_double_acute() -> None:
    assert spelled_names("S, Z, U mit zwei Strichen, also ű, dann C, S. Szűcs.") == ["Szűcs"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Und Noémie schreibt man N, O, E mit Accent aigu, M, I, E.", ["Noémie"]),
        ("Also L, E, F, E mit Akzent grave, V, R, E.", ["Lefèvre"]),
        ("P, O mit zwei Punkterl, also Ö, L, T, L.", ["Pöltl"]),
        ("p r z y b y l s k i also p r zet ypsilon b ypsilon l s k i", ["Przybylski"]),
    ],
)
def test_french_accents_austrian_dots_and_letter_names_restated(
    text: str, expected: list[str]
) -> None:
    # A name spelled again in full may come back twice; what matters is the form.
    assert set(spelled_names(text)) == set(expected)


@pytest.mark.parametrize(
    ("spelled", "said", "expected"),
    [
        ("Petrovic", "Petrović", "Petrović"),  # the letters lose the mark the name has
        ("Schaefer", "Schäfer", "Schaefer"),  # "A, E": the caller writes it with "ae"
        ("Fbrinkhof", "Brinkhof", "Brinkhof"),  # "nur ein f. b r i n k h o f": a remark's letter
        ("Maier", "Meier", "Maier"),  # a different letter is a correction
    ],
)
def test_the_said_form_against_the_spelled_one(spelled: str, said: str, expected: str) -> None:
    assert keep_said_form(spelled, said) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("W, O mit Strich, J, C, I, K.", "Wójcik"),  # Polish and Hungarian: an acute
        ("S, Z, A, B, O mit Strich.", "Szabó"),
        ("B, J, O mit Schrägstrich, R, N.", "Bjørn"),  # Nordic: a slash through the letter
    ],
)
def test_a_stroke_on_o_is_an_acute_a_slash_the_nordic_letter(text: str, expected: str) -> None:
    assert spelled_names(text) == [expected]


def test_a_double_letter_already_spelled_and_explained_is_not_added_again() -> None:
    assert spelled_names("also g h a f f a r i zwei f") == ["Ghaffari"]
    assert spelled_names("h a m m e r zwei m") == ["Hammer"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A, R, B, dann E mit zwei Punkten, R.", "Arbër"),  # Albanian ë
        ("P, O mit zwei Pünktla drauf, also Ö, H, L, M, A, N, N.", "Pöhlmann"),  # Franconian
        ("C mit Häkchen oben, also Tsch, dann A, U, S mit Häkchen, E, V, I, C.", "Čauševic"),
    ],
)
def test_dots_on_e_regional_dots_and_a_sound_named_after_a_marked_letter(
    text: str, expected: str
) -> None:
    assert spelled_names(text) == [expected]


def test_letters_the_name_does_not_have_are_no_spelling() -> None:
    """ "… T, und am Ende E mit Punkt oben. Also kein S-C-H.": what the name is not."""
    said = "Z, U, K, A, U, S, K, A, I, T, E. Also kein S-C-H."
    assert [word for _, word in spelled_words(said)] == ["Zukauskaite"]
    assert [w for _, w in spelled_words("Nicht S-C-H, sondern S, C, H, U, L, Z.")] == ["Schulz"]


def test_bare_spelling_alphabet_words_are_letters() -> None:
    assert spelled_names("ich buchstabiere cäsar ida otto berta anton nordpol ulrich") == [
        "Ciobanu"
    ]
    assert spelled_names("wir fahren über Hamburg Berlin nach München") == []


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("A, Y, D, I – aber das I ohne Punkt, und N.", "Aydın"),
        ("s mit so em häkche unne dran a h i n des is türkisch", "Şahin"),
        ("H, O, D, Ž mit Häkli, I, Ć mit Strichli.", "Hodžić"),
    ],
)
def test_marks_described_in_dialect_or_after_aber(said: str, expected: str) -> None:
    assert spelled_names(said) == [expected]


def test_the_letter_described_before_a_colon_is_no_part_of_the_spelling() -> None:
    said = "Nein, immer verkehrt. Mit einem einfachen l: W, E, L, I, N, G, E, R."
    assert spelled_names(said) == ["Welinger"]


def test_letters_said_by_their_names_spell_the_word_said_before_them() -> None:
    assert spelled_names("ja also wojcik we o jot ce i ka") == ["Wojcik"]


def test_letter_names_that_spell_nothing_said_stay_words() -> None:
    assert spelled_names("das kennzeichen ist ha ha be er eins zwei") == []


def test_nein_after_a_letter_takes_back_that_letter_only() -> None:
    assert spelled_names("B, O, G, nein, Y, D") == ["Boyd"]
    assert spelled_names("O wie Otto, K wie Kaufmann, O wie Otto, N, nein, R, O") == ["Okoro"]
    assert spelled_names("D wie Dora, U wie Ulrich, B wie Bert... nee, sorry, F wie Fritz") == [
        "Duf"
    ]


def test_nein_before_the_first_letter_again_spells_the_word_anew() -> None:
    assert spelled_names("M, E, I, E, R, nein, M, A, I, E, R") == ["Meier", "Maier"]


def test_also_before_the_first_letter_in_words_spells_the_name_anew() -> None:
    assert spelled_names("g ü l e r also g wie gustav ü wie übermut dann l e r") == [
        "Güler",
        "Güler",
    ]


def test_a_mark_explained_again_after_the_spelling_adds_no_letter() -> None:
    # The marked letter was spelled already; the remark after the run only says it again.
    assert spelled_names("Dëshira, D-Ë-S-H-I-R-A, das E mit zwei Punkten.") == ["Dëshira"]
    assert spelled_names("d u r a k, das u mit punkten") == ["Dürak"]


def test_doubles_announced_before_the_spelling_are_no_letters() -> None:
    assert spelled_names(
        "Nee, zwei L und zwei N. Z wie Zacharias, I wie Ida, L wie Ludwig, L wie Ludwig, "
        "M wie Martha, A wie Anton, N wie Nordpol, N wie Nordpol."
    ) == ["Zillmann"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a letter described, then said, then the whole name spelled
        ("Genau, n mit der Tilde, ñ. N-U-Ñ-E-Z.", ["Nuñez"]),
        ("das erste ist ein s mit häkchen oben š dann e m i c", ["Šemic"]),
        # the Polish tail under a and e is an ogonek
        ("W, A mit so einem Schwänzchen unten, das ist Ą, dann Ł mit Strich, E, S, A.", ["Wąłesa"]),
        ("K, R, E mit Schwänzchen, C, I, S, Z", ["Kręcisz"]),
    ],
)
def test_a_marked_letter_described_is_spelled_once_with_its_mark(
    text: str, expected: list[str]
) -> None:
    assert spelled_names(text) == expected


def test_an_article_before_the_last_letter_described_keeps_it() -> None:
    text = "Nein, mit J: H, O, D, Ž, I, und am Ende ein C mit Strich drauf."
    assert spelled_names(text) == ["Hodžić"]


def test_the_letter_a_hint_places_another_after_is_no_part_of_the_spelling() -> None:
    text = "Nein, mit H nach dem A. R, A, H, M, A, N, I."
    assert spelled_names(text) == ["Rahmani"]


def test_umlaut_before_an_example_word_gives_its_first_letter_with_dots() -> None:
    text = "ich buchstabier b wie berlin umlaut otto h wie hamburg m wie münchen e wie essen"
    assert spelled_names(text) == ["Böhme"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a new sentence remarks on a letter spelled before the last
        ("Y, I, L, M, A, Z. Aber das I ohne Punkt.", ["Yılmaz"]),
        # the mark's own name after the letter, once described and named again
        ("W, A mit so einem Schwänzchen unten, das A-Ogonek, dann S, I, K", ["Wąsik"]),
        ("W, A Ogonek, S, I, K", ["Wąsik"]),
        # "zwei so Strichln": the count, a filler, the dialect plural
        ("s, z, o mit zwei so strichln, k, e", ["Szőke"]),
        # a longer remark on a mark just described before "dann" and the rest
        (
            "S, Z, O mit zwei Strichen, schräg, nicht die Punkte, ungarisch halt, dann K, E",
            ["Szőke"],
        ),
    ],
)
def test_remarks_on_marks_spell_each_letter_once(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


def test_dann_parts_the_words_of_a_name_announced_as_two() -> None:
    text = "K, A, R, I, M. Und El Amrani, zwei Wörter: E, L, dann A, M, R, A, N, I."
    assert spelled_names(text) == ["Karim", "El Amrani"]


def test_a_letter_explained_alone_before_the_spelling_is_no_part_of_it() -> None:
    text = "Nein, mit W. W wie Wilhelm. K, O, W, A, L, S, K, I. Und Olga mit O: O, L, G, A."
    assert spelled_names(text) == ["Kowalski", "Olga"]


def test_fillers_before_a_letter_described_again_are_no_letters() -> None:
    text = "ja also n o v dann a mit strich drauf also so n tschechisches a dann k"
    assert spelled_names(text) == ["Novák"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Alemannic "s'I" is "das I"; Swabian "Pünktle", Swiss "Pünktli" are the dot
        ("Kaya, K-A-Y-I-K, s'I ohne Pünktle.", "Kayık"),
        ("K, I ohne Pünktli, R, I ohne Pünktli, K", "Kırık"),
        ("a dann k dann wieder i ohne punkt und n", "Akın"),
    ],
)
def test_dialect_words_for_the_missing_dot_and_the_letter_said_again(
    text: str, expected: str
) -> None:
    assert spelled_names(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "frei wia der monat gell ned f r e y",  # Bavarian
        "mit ei, net f r e y",  # Swabian
        "nöd f r e y, eifach frei",  # Swiss
    ],
)
def test_letters_after_a_dialect_not_spell_what_the_name_is_not(text: str) -> None:
    assert spelled_names(text) == []


def test_a_name_spelled_right_after_the_hint_letter_it_holds_is_a_spelling() -> None:
    assert spelled_names("nicht meier mit ypsilon m e y e r") == ["Meyer"]
    assert spelled_names("mit a y") == []  # a hint alone


def test_a_letter_said_again_after_a_comma_and_a_mark_likened_again_stay_in_the_spelling() -> None:
    text = "K wie Kaufmann, dann I ohne Punkt, R wie Richard, wieder I ohne Punkt, und K."
    assert spelled_names(text) == ["Kırık"]
    text = "Am Anfang D mit Strich, so ein Querstrich durch das D, dann O, R, D mit Strich, E, R"
    assert spelled_names(text) == ["Đorđer"]


def test_letters_with_a_stroke_or_without_a_dot_count_as_marked() -> None:
    assert mark_count("Łukasz") == 1
    assert mark_count("Kılıç") == 3
    assert mark_count("Kilic") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the mark likened to a letter of a language after the mark's own word
        ("B, O, G, U, S, dann ein L mit einem Querstrich, das polnische Ł, A, W", ["Bogusław"]),
        # "also so 'n Akzent": "'n" is the article, no letter N
        ("K, O, S mit Strich oben drauf, also so 'n Akzent, dann C, I, U, K", ["Kościuk"]),
    ],
)
def test_a_mark_likened_after_it_is_said_adds_no_letter(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "R wie Richard, O wie Otto, S wie Samuel, E wie Emil, zweimal T wie Theodor, I wie Ida.",
        "R, O, S, E, zweimal T, I",
        "R wie Richard, O wie Otto, S wie Samuel, E wie Emil, doppel T wie Theodor, I wie Ida.",
    ],
)
def test_a_letter_said_twice_with_its_alphabet_word_is_doubled_once(text: str) -> None:
    assert spelled_names(text) == ["Rosetti"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("K, A, Z mit Punkt, M, I, E, R, C, Z, A, K", ["Każmierczak"]),
        ("Ż, also Z mit einem Punkt oben drauf, dann O, Ł mit Strich, T, E, K", ["Żołtek"]),
        ("B, E mit Punkt, R, N, O, T, A, S", ["Bėrnotas"]),
        ("M, Ü mit Punkten, L, L, E, R", ["Müller"]),
    ],
)
def test_a_letter_with_one_dot_above_is_marked_with_it(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "e r d o g mit so nem bogen drauf also weiches g a n",
        "E, R, D, O, weiches G, A, N",
        "e r d o ein weiches g a n",
    ],
)
def test_the_soft_g_is_the_turkish_g_with_a_breve(text: str) -> None:
    assert spelled_names(text) == ["Erdoğan"]


def test_a_doubled_letter_said_at_the_end_goes_on_with_the_spelling() -> None:
    assert spelled_names("B, A, N, E, R, J, und am Ende zwei E. Banerjee.") == ["Banerjee"]
    # after the same letter it may describe the letter just said: never three of them
    assert spelled_names("L, E, E, am Ende zwei E") == ["Lee"]
    # in a new sentence it is said again, not more letters
    assert spelled_names("Am Anfang das Ø. Und hinten Doppel-A: G-A-A-R-D.") != ["Øaagaard"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Č, E, R, N, Á. Das Č spricht man wie tsch.", ["Černá"]),
        ("X, H, O, N, I. Das X liest man ungefähr wie dsch.", ["Xhoni"]),
    ],
)
def test_how_a_spelled_letter_sounds_adds_no_letter(text: str, expected: list[str]) -> None:
    assert spelled_names(text) == expected


def test_the_letter_in_question_said_again_with_what_it_is_not_adds_no_letter() -> None:
    assert spelled_names("nein mit a m a l a b a n a nicht e") == ["Malaban"]
    assert spelled_names("T, O, R, R, E, S, S nicht Z") == ["Torres"]


def test_a_letter_of_the_word_said_explained_again_adds_no_letter() -> None:
    assert spelled_names("nein lan l a n a wie anton") == ["Lan"]
    # a letter explained that the word said does not end with still counts
    assert spelled_names("h a a wie anton s") == ["Haas"]


def test_a_letter_with_an_ogonek_said_with_mit() -> None:
    assert spelled_names("D, A mit Ogonek, B, R, O, W, S, K, A") == ["Dąbrowska"]


def test_a_letter_said_with_its_mark_then_described_keeps_its_mark() -> None:
    assert spelled_names("Ø, also O mit Strich, L, S, E, N") == ["Ølsen"]
    assert spelled_names("Ł, also L mit Strich, U, K, A, S, Z") == ["Łukasz"]
