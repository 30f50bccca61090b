"""Lexical knowledge from the maintained packages: names, ordinary words, and their priors."""

from __future__ import annotations

import pytest

from frontdesk.names import knowledge
from frontdesk.names.knowledge import is_first_name, is_merged_words
from frontdesk.names.validator import validate_name


@pytest.fixture(scope="module")
def table() -> knowledge.NameKnowledge:
    return knowledge.knowledge()


@pytest.mark.parametrize("word", ["Müller", "Nguyen", "Yılmaz", "Petrović", "Kowalczyk", "Okonkwo"])
def test_real_surnames_from_many_countries_are_known(
    table: knowledge.NameKnowledge, word: str
) -> None:
    assert table.facts(word).surname
    assert table.facts(word).name_prior >= 0.8


@pytest.mark.parametrize("word", ["Stein", "Freitag", "Winter", "Vogel", "Koch", "Montag"])
def test_surnames_that_are_ordinary_words_are_both(
    table: knowledge.NameKnowledge, word: str
) -> None:
    facts = table.facts(word)
    assert facts.surname and facts.ordinary_word
    assert 0.5 < facts.name_prior < table.facts("Nguyen").name_prior


@pytest.mark.parametrize(
    "word", ["Scheiße", "Ibuprofen", "Herrje", "Mahlzeit", "Termin", "Apotheke"]
)
def test_curses_drugs_and_nouns_are_words_not_names(
    table: knowledge.NameKnowledge, word: str
) -> None:
    facts = table.facts(word)
    assert facts.ordinary_word and not facts.known_name
    assert facts.name_prior < 0.1


def test_unknown_words_are_left_to_the_dialogue(table: knowledge.NameKnowledge) -> None:
    facts = table.facts("Xqzbrtlowsky")
    assert not facts.known_name and not facts.ordinary_word
    assert facts.name_prior == 0.5


def test_lookup_folds_case(table: knowledge.NameKnowledge) -> None:
    assert table.facts("MÜLLER") == table.facts("müller") == table.facts("Müller")


@pytest.mark.parametrize(
    ("word", "first"),
    [("Anna", True), ("Paul", True), ("Mustafa", True), ("Schmidt", False), ("Stein", False)],
)
def test_a_lone_word_is_first_name_or_surname_by_the_lists(word: str, first: bool) -> None:
    assert is_first_name(word) is first


@pytest.mark.parametrize("said", ["Scheiße", "Ibuprofen", "Herrje", "Mensch", "Ach Gott"])
def test_validator_refuses_what_the_lexicons_call_a_word(said: str) -> None:
    assert not validate_name(said).ok


@pytest.mark.parametrize(
    "said", ["Freitag", "Stein", "Müller-Lüdenscheidt", "O'Brien", "Ernsting", "Đorđević"]
)
def test_validator_keeps_names_that_are_also_words_or_rare(said: str) -> None:
    verdict = validate_name(said)
    assert verdict.reason in (None, "time_or_date"), verdict
    if said != "Freitag":  # a weekday alone stays refused; in a sentence the dialogue decides
        assert verdict.ok


def test_loaded_table_names_its_sources() -> None:
    """The table in use was compiled from the installed packages (`names lexicon --build`)."""
    meta = knowledge.knowledge().meta
    assert set(meta["versions"]) == {"names-dataset", "wordfreq", "german-nouns"}
    assert str(meta["path"]).endswith(".msgpack.gz")


@pytest.mark.parametrize(
    ("word", "imperative"),
    [
        ("Schreibts", True),
        ("schreibns", True),  # Austrian "schreiben Sie"
        ("notierns", True),
        ("Behrens", False),
        ("Clemens", False),
        ("Hermanns", False),
    ],
)
def test_dialect_imperatives_and_surnames_ending_alike(word: str, imperative: bool) -> None:
    assert knowledge.is_dialect_imperative(word) is imperative


@pytest.mark.parametrize(
    ("first_name", "sex"),
    [("Monika", "F"), ("Rosmarie", "F"), ("Gebhard", "M"), ("Alois", "M"), ("MONIKA", "F")],
)
def test_first_names_borne_by_one_sex_say_which(
    table: knowledge.NameKnowledge, first_name: str, sex: str
) -> None:
    assert table.gender_of(first_name) == sex


@pytest.mark.parametrize("word", ["Andrea", "Kim", "Müller", "Blitz"])
def test_names_of_both_sexes_and_other_words_have_none(
    table: knowledge.NameKnowledge, word: str
) -> None:
    assert table.gender_of(word) is None


@pytest.mark.parametrize(
    ("word", "merged"),
    [
        ("Ichbin", True),
        ("dasist", True),
        ("Hansjörg", False),
        ("Annemarie", False),
        ("Weimar", False),
    ],
)
def test_two_frequent_words_run_together(word: str, merged: bool) -> None:
    assert is_merged_words(word) is merged


@pytest.mark.parametrize("word", ["Pierre", "Yusuf", "Dorothee"])
def test_a_first_name_of_dachs_lists_that_the_world_ranks_as_a_surname_is_a_first_name(
    word: str,
) -> None:
    # High among the DACH first names and on no DACH surname list: the world's surname rank
    # (Pierre is Haiti's first surname) does not outweigh where the callers live.
    assert is_first_name(word)


def test_two_letter_words_keep_the_ranks_decision() -> None:
    assert not is_first_name("Ma")
