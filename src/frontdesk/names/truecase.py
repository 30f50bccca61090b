"""German capitalisation restored for lower-case speech-recognition text.

Some recognisers deliver everything in lower case ("ja hallo hier ist sabine krüger"). German
writes nouns and names with a capital letter, and the name finder reads that capital as a
hint, so a lower-case turn is recased first: names and nouns that the lexicons know get their
capital, closed-class words (greetings, fillers, pronouns, times, intents) never do, and a
word no lexicon knows (a rare surname) is capitalised, since a name is what it most likely is.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from frontdesk.names.knowledge import WordFacts, is_first_name, knowledge
from frontdesk.names.lexicon import (
    FILLERS,
    FUNCTION_WORDS,
    GREETINGS,
    INTENT_WORDS,
    NAME_PARTICLES,
    NUMBER_RE,
    RELATIONS,
    TIME_WORDS,
)

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CLOSED = FILLERS | FUNCTION_WORDS | GREETINGS | INTENT_WORDS | NAME_PARTICLES | TIME_WORDS
# Relations stay capitalised as the nouns they are ("meine Mutter"), so they are not closed.
_KEEP_LOWER = _CLOSED - RELATIONS


def is_lower_case(text: str) -> bool:
    """True when the text has letters and not one capital: a recogniser's lower-case output."""
    return any(ch.isalpha() for ch in text) and text == text.lower()


def capital(word: str) -> str:
    """Each hyphen-joined part with a capital letter ("müller-lüdenscheidt")."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# Words right after "mein Name ist" or right before "mein Name" are names if any list says so,
# even when they are also ordinary words ("lang petra", "freitag mein name").
_CUE_AFTER = re.compile(
    r"\b(?:mein name is|(?:ist|is) mein name|mein name ist|name ist|ich heiße|ich heisse|"
    r"hier ist|hier spricht|sie sprechen mit|"
    r"sie sprechet mit|nachname ist|vorname ist)\s+(?:(?:der|die|äh|ähm|also|ja)\s+)?"
    r"([^\W\d_]+)(?:\s+([^\W\d_]+))?"
)
_CUE_BEFORE = re.compile(
    r"([^\W\d_]+)(?:\s+([^\W\d_]+))?\s+(?:mein name|ist mein name|am apparat|hier am telefon)\b"
)


def _strong_name(facts: WordFacts) -> bool:
    """On a name list within its first 5,000 ("jörg", "lehmann"; not "nehme" or "bins")."""
    return facts.best_rank is not None and facts.best_rank <= 5_000


def _reads_as_name(facts: WordFacts) -> bool:
    """A name more than a word: Wiktionary lists it as one ("josef", "karl"), it is a common
    name and a rare word ("jörg"), or a name and no ordinary word at all ("kießling")."""
    if not facts.known_name or facts.word_dominant:
        return False
    return (
        facts.listed_first
        or facts.listed_last
        or (_strong_name(facts) and facts.zipf <= 4.4)
        or facts.zipf < 3.5  # a rarer name that is a rare word too ("kießling")
        or not facts.ordinary_word
    )


def _frequent_word_named_abroad(facts: WordFacts) -> bool:
    """A frequent German word ("holen") that only surname lists abroad hold: no curated list,
    no DACH rank, no first name anywhere. Asked for a name, it is still the word."""
    return facts.zipf >= 4.5 and facts.named_only_abroad


@lru_cache(maxsize=65_536)
def _recase_word(word: str, cued: bool, expected: bool) -> str:
    if len(word) < 2 or NUMBER_RE.match(word) or word in NAME_PARTICLES:
        return word
    facts = knowledge().facts(word)
    if cued and (facts.known_name or not facts.ordinary_word):
        return capital(word)
    if word in _KEEP_LOWER or (word in _DIALECT_PREPOSITIONS and not expected):
        return word
    if (
        expected
        and not facts.word_dominant
        and (facts.known_name or not facts.ordinary_word)
        and not _frequent_word_named_abroad(facts)
    ):
        return capital(word)
    if facts.common_noun or _reads_as_name(facts):
        return capital(word)
    if facts.zipf >= 2.0:
        return word  # a verb, adjective or adverb in ordinary use
    return capital(word)


def truecase(text: str, *, name_expected: bool = False) -> str:
    """The text with German capitalisation restored when it came in lower case only.

    `name_expected`: the agent has just asked for a name, so name-list words are names.
    """
    if not is_lower_case(text):
        return text
    if "'" in text or "’" in text:
        text = _ELIDED_ARTICLE.sub(r"\1 ", text)  # "d'corinne" -> "d corinne"
    cued: set[int] = set()
    if _CUE_HINT.search(text):  # the cue patterns are slow; most turns have none
        cued = {
            m.start(g)
            for pattern in (_CUE_AFTER, _CUE_BEFORE)
            for m in pattern.finditer(text)
            for g in (1, 2)
            if m.group(g)
        }
    recased = _WORD_RE.sub(
        lambda m: _recase_word(m.group(0), m.start() in cued, name_expected), text
    )
    if name_expected:
        recased = _VERB_BEFORE_OBJECT_RE.sub(_verb_kept_lower, recased)
    return _time_word_surnames(recased)


# "die mama vom emil holt den gleich ab": a finite verb before its object, capitalised only
# because a name was asked for and a surname list holds it
_VERB_BEFORE_OBJECT_RE = re.compile(
    r"\b([A-ZÄÖÜ][a-zäöüß]+t)(?=\s+(?:den|die|das|dem|ihn|ihm|sie|es|mich|dich|uns|euch)\b)"
)


def _verb_kept_lower(match: re.Match[str]) -> str:
    word = match.group(1)
    facts = knowledge().facts(word)
    frequent_verb = facts.zipf >= 4.0 and not facts.common_noun
    if frequent_verb and not (facts.listed_last or facts.listed_first):
        return word.lower()
    return word


_SALUTATION_WORDS = frozenset({"herr", "herrn", "frau"})
# Alemannic and Bavarian "von" ("vo winter uf sommer"): a Vietnamese surname too, so only where
# no name is asked for does it stay a preposition.
_DIALECT_PREPOSITIONS = frozenset({"vo"})
_ELIDED_ARTICLE = re.compile(r"\b(d)['’](?=[a-zäöü])")
_CUE_HINT = re.compile(r"name|heiß|heiss|hier|spricht|sprechen|apparat")


def _time_word_surnames(text: str) -> str:
    """ "helmut montag": a weekday or month right after a first name is that person's surname."""
    tokens = text.split()
    if not any(
        w in TIME_WORDS and i > 0 and tokens[i - 1] not in _KEEP_LOWER for i, w in enumerate(tokens)
    ):
        return text  # no weekday or month after a word that could be a first name
    words = list(_WORD_RE.finditer(text))
    starts: set[int] = set()
    for first, word in itertools.pairwise(words):
        w = word.group(0)
        between = text[first.end() : word.start()]
        before = first.group(0).lower()
        if (
            w in TIME_WORDS
            and between.isspace()
            and before not in _KEEP_LOWER
            and knowledge().facts(w).surname
            # "helmut montag", and "frau märz": a salutation names the surname after it
            and (is_first_name(first.group(0)) or before in _SALUTATION_WORDS)
        ):
            starts.update((first.start(), word.start()))
    return _WORD_RE.sub(lambda m: capital(m.group(0)) if m.start() in starts else m.group(0), text)
