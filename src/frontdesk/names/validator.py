"""The one name validator: every name that enters frontdesk passes through `validate_name`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from frontdesk.identity.nicknames import related_first_names
from frontdesk.names.knowledge import (
    WordFacts,
    is_compound_noun,
    is_dialect_imperative,
    is_dialect_noun,
    is_first_name,
    is_split_word,
    knowledge,
)
from frontdesk.names.lexicon import (
    CARE_TITLES,
    FARM_PARTICLES,
    FILLERS,
    FUNCTION_WORDS,
    GREETINGS,
    INSTITUTIONS,
    INTENT_WORDS,
    LEADING_ARTICLES,
    LEGAL_FORMS,
    NAME_PARTICLES,
    NUMBER_RE,
    PLACEHOLDERS,
    RELATIONS,
    SALUTATIONS,
    TIME_WORDS,
    TITLES,
    fold,
)
from frontdesk.names.spelling import (
    MARK_WORDS,
    apply_correction,
    keep_said_form,
    resolve_spelling,
    strip_hint,
)


@dataclass(frozen=True)
class NameVerdict:
    """The outcome of validating one name: a normalised name, or a refusal with a reason."""

    name: str | None
    first_name: str | None
    last_name: str | None
    salutation: str | None
    title: str | None
    address_as: str | None
    confidence: float
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.name is not None and self.reason is None


_MAX_LEN = 120
_MAX_TOKENS = 6
_WORD_RE = re.compile(r"[^\W\d_]+")
_NAME_TOKEN_RE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
_PART_SPLIT_RE = re.compile(r"[,;]")
_STRIP_CHARS = " .!?:\"'()[]{}<>…–—-_/*"
_PLACEHOLDER_PHRASE_RE = re.compile(r"^(?:anrufer|anruferin|kunde|kundin|patient)\b|anonym")

# Refusal reasons in priority order: the first that applies to any word is reported.
_WORD_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    ("placeholder", PLACEHOLDERS),
    ("greeting", GREETINGS),
    ("time_or_date", TIME_WORDS),
    ("intent", INTENT_WORDS),
    ("filler", FILLERS),
    ("not_a_name", RELATIONS),
    ("not_a_name", INSTITUTIONS),
)


def _without_repeats(tokens: list[str]) -> list[str]:
    """A word said twice in a row is said once ("Emma Emma Reinhardt", "Ebert, Ebert"), and a
    surname said before the full name goes ("Jacobsen, Frauke Jacobsen"); so do syllables said
    before the word they make up ("Ko Va Lenko Kovalenko")."""
    kept = [t for i, t in enumerate(tokens) if i == 0 or t.casefold() != tokens[i - 1].casefold()]
    kept = _joined_halves(_without_slips(_without_syllables(_without_stutter(kept))))
    folded = [t.casefold() for t in kept]
    if (
        len(kept) >= 5
        and (folded[0] in NAME_PARTICLES or not is_first_name(kept[1]))
        and folded[:2] == folded[-2:]
        and is_first_name(kept[2])
    ):
        kept = kept[2:]  # "El Zein Hassan El Zein": a surname of two words said first too
    elif len(kept) >= 3 and folded[0] == folded[-1]:
        kept = kept[1:]
    if (
        len(kept) >= 3
        and len(kept[-2]) >= _RESTART_MIN
        and fold(kept[-1]).startswith(fold(kept[-2]))
        and fold(kept[-1]) != fold(kept[-2])
        and is_first_name(kept[0])
    ):
        # "dragana stojan stojanović": the surname begun, then said whole
        kept = [*kept[:-2], kept[-1]]
    if len(kept) >= 2 and is_first_name(kept[0]) and is_short_form_of(kept[-1], kept[0]):
        # "Rosemarie Lutz Rosi", "Jessica Jessi": what everyone calls her, not a surname
        kept = kept[:-1]
    return kept


_SHORT_FORM = 3
_RESTART_MIN = 4  # a surname begun again: at least this many letters said first
_PET_FORM = 4  # "Rosi" for "Rosemarie": a stem and "-i", the stem long enough to be one


def short_form(short: str, full: str) -> bool:
    """Folded `short` opens folded `full` and is long enough to be a name ("maxi", "maximilian")."""
    return len(short) >= _SHORT_FORM and full.startswith(short)


def is_short_form_of(short: str, full: str) -> bool:
    """`short` is a short form of the first name `full`: a known one ("Sepp" of "Josef"), its
    opening ("Maxi"), or its stem with "-i" ("Rosi", "Jessi")."""
    a, b = fold(short), fold(full)
    if a == b:
        return False
    pet = len(a) >= _PET_FORM and a.endswith("i") and b.startswith(a[:-1])
    return b in related_first_names(a) or short_form(a, b) or pet


def _without_syllables(tokens: list[str]) -> list[str]:
    """Drops a run of two or more words whose letters, joined, are the word after it."""
    out: list[str] = []
    for token in tokens:
        whole = fold(token)
        for start in range(max(0, len(out) - 5), len(out) - 1):
            if fold("".join(out[start:])) == whole:
                del out[start:]
                break
        out.append(token)
    return out


def _undoubled(word: str) -> str:
    return re.sub(r"(.)\1", r"\1", fold(word))


_STUTTER_MAX = 3  # letters a stuttered start runs to ("do dovydas", "ma maria")


def _without_stutter(tokens: list[str]) -> list[str]:
    """ "Do Dovydas Jankauskas": a name's opening said once before the whole first name is a
    stutter, not a particle or a name of its own."""
    if (
        len(tokens) >= 3
        and len(tokens[0]) <= _STUTTER_MAX
        and fold(tokens[1]).startswith(fold(tokens[0]))
        and fold(tokens[1]) != fold(tokens[0])
        and is_first_name(tokens[1])
        # "Al Ali Hassan": a particle's surname said first, before the first name
        and not (tokens[0].lower() in NAME_PARTICLES and is_first_name(tokens[-1]))
    ):
        return tokens[1:]
    return tokens


def _without_slips(tokens: list[str]) -> list[str]:
    """A word said again at once with one letter doubled or single is the same word corrected
    ("Wolny Wollny mit zwei l"): the later form stays. A first name before a surname of that
    shape is two words ("Frank Franke" differs by more than a doubled letter anyway)."""
    out: list[str] = []
    for token in tokens:
        if (
            out
            and len(token) >= 4
            and fold(out[-1]) != fold(token)
            and _undoubled(out[-1]) == _undoubled(token)
            and not is_first_name(out[-1])
        ):
            out.pop()
        out.append(token)
    return out


def _joined_halves(tokens: list[str]) -> list[str]:
    """Two halves of a common first name split by speech recognition ("Irm Gard"), neither a
    common German first name itself, are that name."""
    out: list[str] = []
    for token in tokens:
        if out and _halves_of_first_name(out[-1], token):
            out[-1] = out[-1] + token.lower()
            continue
        out.append(token)
    return out


def _halves_of_first_name(first: str, second: str) -> bool:
    if not (first.isalpha() and second.isalpha()) or len(first) + len(second) < 6:
        return False
    table = knowledge()
    joined = table.facts(first + second)
    if not joined.listed_first or (joined.first_rank_dach or _COMMON_FIRST + 1) > _COMMON_FIRST:
        return False
    return all(
        (table.facts(half).first_rank_dach or _COMMON_FIRST + 1) > _COMMON_FIRST
        for half in (first, second)
    )


# A first name this high on the DACH list is said whole, never heard in halves.
_COMMON_FIRST = 2_000


def _refuse(reason: str, salutation: str | None = None, title: str | None = None) -> NameVerdict:
    return NameVerdict(None, None, None, salutation, title, None, 0.0, reason)


def _upper_first(text: str) -> str:
    first = text[:1].upper()
    return (first if len(first) == 1 else text[:1]) + text[1:]


def _cap_part(part: str) -> str:
    kept = _upper_first(part)  # mixed case is deliberate ("McDonald") unless it becomes all caps
    if part.islower() or kept.isupper():
        # "İ".lower() is "i" + U+0307, which is no letter: the dot belongs to the capital only.
        return kept[:1] + part[1:].lower().replace("i\u0307", "i")
    return kept


def _capitalise(token: str) -> str:
    """German capitalisation per hyphen/apostrophe part: "müller-lüdenscheidt", "O'brien"."""
    pieces = re.split(r"(['’-])", token)
    return "".join(p if p in ("-", "'", "’") else _cap_part(p) for p in pieces)


def _hyphenated_surname(token: str) -> bool:
    """Two or more parts joined by hyphens, each written with its capital, the last a name the
    lists know: "Kleine-Büning" (not a word said in syllables: "Pohl-mann")."""
    parts = token.split("-")
    return (
        len(parts) > 1
        and all(len(p) > 1 and p[:1].isupper() for p in parts)
        and knowledge().facts(parts[-1]).known_name
    )


def _word_reason(words: list[str], *, addressed: bool = False) -> str | None:
    """The refusal reason of the worst word in `words` (lower-case), or None."""
    if words and all(w in MARK_WORDS for w in words):
        return "not_a_name"  # "Accent Aigu", "Häkchen": how a letter is written
    words = _surnames_beside_first_names(words, addressed=addressed)
    if addressed and len(words) == 1 and _greeting_as_first_name(words[0]):
        return None  # "Vorname Selam. S-E-L-A-M.": labelled or spelled, a name
    for reason, vocabulary in _WORD_CLASSES:
        if any(w in vocabulary for w in words):
            return reason
    if any(NUMBER_RE.match(w) and not _number_surname(w) for w in words):
        return "number"
    return None


# wordfreq's Zipf scale: a word said about once in 30,000 words or more often
_EVERYDAY_ZIPF = 4.5


def _everyday_noun_only(facts: WordFacts) -> bool:
    """A noun of everyday speech that no name list holds ("Scheiße" in "ach du Scheiße"):
    no particle before it makes it a surname ("von Rotz" is rarer, and stays)."""
    return not facts.known_name and facts.common_noun and facts.zipf >= _EVERYDAY_ZIPF


def _acronym(token: str) -> bool:
    """Two to four capitals in a text that is not all capitals ("HR", "AOK", "TÜV")."""
    # every letter a capital: "A龟" holds a letter without case, and is no acronym
    return 2 <= len(token) <= _ACRONYM_MAX and all(c.isalpha() and c.isupper() for c in token)


_ACRONYM_MAX = 4


def is_common_first_name(word: str) -> bool:
    """A first name Wiktionary lists, or one high on names-dataset's first names here or
    anywhere ("Nord", "Holzbau" stand far down, in its noise)."""
    facts = knowledge().facts(word)
    return facts.listed_first or _high_among_first_names(facts)


def _high_among_first_names(facts: WordFacts) -> bool:
    """Ranked above the noisy end of names-dataset's first names, here or anywhere."""
    ranks = [r for r in (facts.first_rank_dach, facts.first_rank_world) if r]
    return min(ranks, default=_NOISY_FIRST_RANK + 1) <= _NOISY_FIRST_RANK


def _greeting_as_first_name(word: str) -> bool:
    """A greeting of another language that is a common first name here and no German word
    ("Selam")."""
    facts = knowledge().facts(word)
    return (
        word in GREETINGS
        and facts.first_rank_dach is not None
        and facts.first_rank_dach <= _NOISY_FIRST_RANK
        and facts.zipf < 1.0
    )


def _number_surname(word: str) -> bool:
    """ "Dreier", "Neuner", "Achter": surnames built from numbers, on the DACH surname lists."""
    rank = knowledge().facts(word).last_rank_dach
    return word.endswith("er") and rank is not None and rank <= 5_000


def _surnames_beside_first_names(words: list[str], *, addressed: bool = False) -> list[str]:
    """Words to judge: a weekday or month that is also a surname ("Freitag", "Mai") is a name
    beside a first name ("Jens Freitag"), and so is a relation word or an exclamation that is a
    common surname ("Horst Mann", "Jörg Schade"); alone each stays what it is. When the dialogue has
    shown the name to be one (`addressed`: the agent spoke to the caller with it), so is an
    everyday word that the lists know as a surname ("Torben Schnell")."""
    if (
        addressed
        and len(words) == 1
        and (_only_a_time_word(words[0]) or _greeting_surname(words[0]))
    ):
        return []  # "Montag." - "Danke, Herr Montag.": the caller's surname, not a day
    if len(words) == 2 and _surname_first_time_word(words):
        return words[1:]  # "Mai Johanna", "Freitag Jens": the surname said first
    if len(words) < 2 or not is_first_name(words[0]):
        return words
    table = knowledge()
    exempt = TIME_WORDS | FILLERS | INTENT_WORDS if addressed else TIME_WORDS
    return [
        w
        for i, w in enumerate(words)
        if not (
            i > 0
            and (w in exempt or _common_surname(w) or (addressed and _greeting_surname(w)))
            and table.facts(w).surname
        )
        and not (i == 0 and _month_as_first_name(words))
    ]


def _surname_first_time_word(words: list[str]) -> bool:
    """A weekday or month on the DACH surname lists, then a first name the curated lists hold
    and no time word: the surname said first ("Mai Johanna")."""
    table = knowledge()
    time_word, first = words
    return (
        time_word in TIME_WORDS
        and first not in TIME_WORDS
        and table.facts(time_word).last_rank_dach is not None
        and table.facts(first).listed_first
        and not table.facts(time_word).listed_first
    )


def _month_as_first_name(words: list[str]) -> bool:
    """ "August Lindmayr": a month that the curated lists know as a first name, before a surname
    that is no time word, is the first name."""
    table = knowledge()
    return (
        words[0] in TIME_WORDS
        and table.facts(words[0]).listed_first
        and all(
            w not in TIME_WORDS and (table.facts(w).surname or not table.facts(w).common_noun)
            for w in words[1:]
        )
    )


def _only_a_time_word(word: str) -> bool:
    """A day or month and nothing else refused ("Morgen" is a greeting too), on the surname
    lists."""
    return (
        word in TIME_WORDS
        and not any(word in words for reason, words in _WORD_CLASSES if reason != "time_or_date")
        and _on_surname_lists(word)
    )


def _on_surname_lists(word: str) -> bool:
    """On the name lists as a surname at all, however rare ("Hamburger", DACH rank 9,598)."""
    facts = knowledge().facts(word)
    return facts.listed_last or facts.last_rank_dach is not None


# A relation word or an exclamation that is also one of the country's common surnames
# ("Horst Mann", "Ina Freund", "Jörg Schade") is a surname beside a first name; rarer ones
# ("Vater", "Sohn") stay what they are.
_COMMON_SURNAME_RANK = 500
_WORDS_ALSO_SURNAMES = RELATIONS | FILLERS


# A greeting word that is also a common surname ("Schöne", DACH rank 635) is the surname the
# agent used ("Brigitte Schöne" … "Frau Schöne"); it never opens a greeting after a name.
_GREETING_SURNAME_RANK = 1_000


def _greeting_surname(word: str) -> bool:
    return _ranked_surname_among(word, GREETINGS, _GREETING_SURNAME_RANK)


def _common_surname(word: str) -> bool:
    return _ranked_surname_among(word, _WORDS_ALSO_SURNAMES, _COMMON_SURNAME_RANK)


def _ranked_surname_among(word: str, words: frozenset[str], best_rank: int) -> bool:
    """A word of this vocabulary that the DACH surname lists rank at least this high."""
    if word not in words:
        return False
    rank = knowledge().facts(word).last_rank_dach
    return rank is not None and rank <= best_rank


# Heads of compound nouns that name an organisation ("Hausarztpraxis", "Seniorenzentrum").
_INSTITUTION_HEADS = (
    "praxis",
    "klinik",
    "klinikum",
    "zentrum",
    "dienst",
    "apotheke",
    "labor",
    "station",
    "kanzlei",
    "büro",
    "versicherung",
    "kasse",
    "schule",
    "schuel",  # Swiss "d Fahrschuel Rigi"
    "sprengel",  # Tyrolean "Sozialsprengel Wipptal", social and home care services
    "gemeinschaft",
    # businesses: "Brillenhaus Kröber", "Schreinerei Haslbeck", "Autohaus Meier"
    "haus",
    "laden",
    "studio",
    "salon",
    "werk",
    "stube",
    "markt",
    "shop",
    "center",
    "service",
    "technik",
    "handel",
    "erei",
    "verein",
    "gmbh",
    # "Krankenfahrten Haddad", "Möbeltransporte Yilmaz", "Gebäudereinigung Kaya"
    "fahrten",
    "transporte",
    "reinigung",
)


def _institution_reason(tokens: list[str]) -> str | None:
    firm = any(
        t.lower().strip(".,") in LEGAL_FORMS or _names_organisation(t, compound_only=True)
        for t in tokens
    )
    return "not_a_name" if firm else None


def names_organisation(word: str) -> bool:
    """Whether the word names an organisation: an institution word ("Apotheke") or a compound
    ending in one ("Hirschen-Apotheke", "Pflegedienst") that no name list claims."""
    return _names_organisation(word, compound_only=False)


def _names_organisation(word: str, *, compound_only: bool) -> bool:
    low = word.lower()
    if not compound_only and (low in INSTITUTIONS or low.rsplit("-", 1)[-1] in INSTITUTIONS):
        return True
    compound = any(
        low.endswith(h) and len(low) > len(h) + 3 and _compound_of_words(low[: -len(h)], h)
        for h in _INSTITUTION_HEADS
    )
    facts = knowledge().facts(low)
    # "Autohaus" is on some list as a name, but as a word it is a business; "Backhaus"
    # and "Steinhaus" are DACH surnames too.
    business = facts.common_noun and facts.last_rank_dach is None
    return compound and (not facts.known_name or facts.noun_not_name or business)


# Joints between the parts of a German compound ("Gesundheit-s-zentrum", "Brille-n-haus").
_LINKING_ELEMENTS = ("es", "en", "s", "n", "e")
# A word this frequent in German text counts as a word (wordfreq's Zipf).
_MODIFIER_ZIPF = 2.4


def _compound_of_words(modifier: str, head: str) -> bool:
    """Whether `modifier` + `head` is a compound of German words ("Brillen" + "haus"), not a
    surname that merely ends like one ("Brömmel" + "haus"). A suffix ("-erei") takes any stem."""
    if head == "erei":
        return True
    stem = modifier.rstrip("-")
    forms = [stem] + [stem[: -len(j)] for j in _LINKING_ELEMENTS if stem.endswith(j)]
    table = knowledge()
    return any(
        len(f) > 1 and (table.facts(f).common_noun or table.facts(f).zipf >= _MODIFIER_ZIPF)
        for f in forms
    )


_RARE_NAME_RANK = 5000
# Below this rank names-dataset's first names hold social-network noise ("Weingut" at 2,384).
_NOISY_FIRST_RANK = 1000
# From here on a word is frequent in German text (wordfreq's Zipf: once per 300,000 words).
FREQUENT_WORD_ZIPF = 3.5


def _noun_far_down_first_names(facts: WordFacts) -> bool:
    """A common noun that only the noisy end of the first-name lists holds, never Wiktionary
    nor the DACH surnames ("Messner Theresia" is said surname first)."""
    return (
        facts.common_noun
        and facts.last_rank_dach is None
        and not (facts.listed_first or facts.listed_last)
        and (facts.best_rank or _NOISY_FIRST_RANK + 1) > _NOISY_FIRST_RANK
    )


def _trade_before_surname(facts: WordFacts, following: str) -> bool:
    """A frequent German word that only the noisy end of the first-name lists holds, before
    a word that is no first name: a business named for its trade and the family ("Elektro
    Hansen", "Hof Frerichs", "Maler Huber"). Said surname first, a name puts a first name
    second ("Messner Theresia")."""
    return (
        not (facts.listed_first or facts.listed_last)
        and not _high_among_first_names(facts)
        and (facts.common_noun or facts.zipf >= FREQUENT_WORD_ZIPF)
        and not is_first_name(following)
    )


# From here on a word is among German's most frequent (once per 100,000 words: "Männer").
_VERY_FREQUENT_ZIPF = 5.0


def _everyday_word_far_down_surnames(facts: WordFacts) -> bool:
    """A very frequent German word that no curated list holds, no DACH first name and at most a
    rare surname here and abroad ("Männer"; not "Lassen", common in Denmark)."""
    return (
        facts.zipf >= _VERY_FREQUENT_ZIPF
        and facts.word_dominant
        and not (facts.listed_first or facts.listed_last)
        and facts.first_rank_dach is None
        and all(
            r is None or r > _RARE_NAME_RANK for r in (facts.last_rank_dach, facts.last_rank_world)
        )
    )


def _noun_only_abroad(facts: WordFacts) -> bool:
    """A German common noun that no curated list holds, no DACH list ranks and no country
    ranks as a first name: alone, the word ("Labrador"), whatever surname lists abroad say."""
    return facts.common_noun and facts.named_only_abroad  # not "Hai", "Lama": first names


def _saluted_full_name(salutation: str | None, tokens: list[str]) -> bool:
    """ "Herrn Friedhelm Stute": a salutation, a first name and a word on the surname lists
    name someone, though the last is mainly a noun."""
    return (
        salutation is not None
        and len(tokens) == 2
        and is_first_name(tokens[0])
        and _on_surname_lists(tokens[1])
    )


def _lexical_reason(
    tokens: list[str], *, addressed: bool = False, saluted: bool = False
) -> str | None:
    """ "common_word" when a part is an ordinary German word no name list knows.

    That is what a curse ("Scheiße"), an exclamation ("Herrje"), a drug ("Ibuprofen") or a
    greeting ("Mahlzeit") is; a surname that is also a word ("Stein", "Freitag") is a name
    to the name lists and passes.
    """
    if addressed and len(tokens) == 1 and _on_surname_lists(tokens[0]):
        return None  # "Frau Hamburger": the dialogue made the word a surname
    if (
        addressed
        and len(tokens) == 2
        and is_common_first_name(tokens[0])
        and _on_surname_lists(tokens[1])
    ):
        return None  # "Reinhard Bohrer" … "Herr Bohrer": the same, beside a first name
    if saluted:
        return None  # "Herrn Friedhelm Stute": the salutation makes the noun a surname
    table = knowledge()
    if _two_unlisted_nouns(tokens):
        return "common_word"
    for i, token in enumerate(tokens):
        whole = table.facts(token)
        if i > 0 and tokens[i - 1].lower() in NAME_PARTICLES and not _everyday_noun_only(whole):
            continue  # "von Rotz", "van der Berg": after a particle a word is a name part
        if is_dialect_imperative(token) or is_dialect_noun(token):
            # "Schreibts Fliesen Obermaier": "write it as …"; "Personalabteilig": a department
            return "common_word"
        if (
            i == 0
            and len(tokens) > 1
            and whole.word_dominant
            and not whole.listed_first
            and token.lower() not in NAME_PARTICLES
        ):
            # "Einfach Olena": a sentence's first word, a first name only in names-dataset's
            # noise; surnames that are words ("Helmut Montag") come second and stay.
            return "common_word"
        if i < len(tokens) - 1 and _noun_far_down_first_names(whole):
            return "common_word"  # "Weingut Pratsch": the business, then the family's name
        if i == 0 and len(tokens) > 1 and _trade_before_surname(whole, tokens[1]):
            return "common_word"  # "Elektro Hansen", "Hof Frerichs": the trade or the farm
        if len(tokens) == 1 and not addressed and _everyday_word_far_down_surnames(whole):
            return "common_word"  # "Sie wissen ja, Männer.": a plural no curated list holds
        if len(tokens) == 1 and not addressed and _noun_only_abroad(whole):
            return "common_word"  # "Labrador, schwarz": a German noun, a surname elsewhere
        if whole.known_name and not whole.noun_not_name:
            if not addressed and _noun_only_in_noise(whole):
                return "common_word"  # "Klasse C": a noun that only names-dataset's noise holds
            # "Malergeschäft": far down names-dataset's first names, a compound noun; first
            # names are not compounds, surnames may be ("Lüddecke", "Rosenbaum").
            listed_far_down = (whole.best_rank or 0) > _RARE_NAME_RANK
            if listed_far_down and not whole.surname and is_compound_noun(token):
                return "common_word"
            continue
        for part in re.split(r"['’-]", token):
            if len(part) < 3 or part.lower() in NAME_PARTICLES:
                continue  # "O'Brien", "Mc": prefixes say nothing
            facts = table.facts(part)
            if facts.ordinary_word and (not facts.known_name or facts.noun_not_name):
                return "common_word"
            if not facts.known_name and is_compound_noun(part):
                return "common_word"  # "Laserbehandlung", "Kontrolltermin"
    return None


def _two_unlisted_nouns(tokens: list[str]) -> bool:
    """ "so gel lack" recased "Gel Lack": two nouns no curated list holds as names, the first
    no first name here; what a caller asks for, not who they are."""
    if len(tokens) != 2:
        return False
    first, last = (knowledge().facts(t) for t in tokens)
    return (
        first.common_noun
        and last.common_noun
        and not (first.listed_first or first.listed_last or last.listed_first or last.listed_last)
        and first.first_rank_dach is None
        and (first.first_rank_world or _WORLD_TOP_FIRST + 1) > _WORLD_TOP_FIRST  # "Rose Garten"
    )


# The first names that rank this high somewhere in the world are names first ("Rose": 14).
_WORLD_TOP_FIRST = 100


def _noun_only_in_noise(facts: WordFacts) -> bool:
    """Mainly a noun, and on no curated list and in no country's ranks: "Klasse"."""
    ranked = facts.first_rank_dach is not None or facts.last_rank_dach is not None
    listed = facts.listed_first or facts.listed_last or ranked
    return facts.word_dominant and facts.common_noun and not listed


@lru_cache(maxsize=256)
def _protected(names: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Folded name parts of each agent/staff name, without salutation or title."""
    out = []
    for name in names:
        parts = {
            fold(w)
            for w in _WORD_RE.findall(name)
            if w.lower() not in SALUTATIONS and w.lower() not in TITLES
        }
        if parts:
            out.append(frozenset(parts))
    return tuple(out)


def _is_protected(tokens: list[str], names: Sequence[str]) -> bool:
    """True when every part of the name is a part of one agent/staff name ("Dr. Lindner")."""
    if not names:
        return False
    key = {fold(t) for t in tokens if t.lower() not in NAME_PARTICLES}
    return bool(key) and any(key <= parts for parts in _protected(tuple(names)))


def _merge_parts(parts: list[str]) -> str | None:
    """Comma forms: "Mayer, Birgit Mayer" -> the fuller part; "Tran, Minh" -> "Minh Tran"."""
    if len(parts) == 2 and parts[0].lower() in CARE_TITLES:
        return parts[1]  # "Pfleger, Murat": the role, then the first name
    keyed = [(p, {fold(w) for w in p.split()}) for p in parts]
    for part, key in keyed:
        if all(other <= key for _, other in keyed):
            return part
    if len(parts) == 2 and all(1 <= len(p.split()) <= 2 for p in parts):
        head, *rest = parts[0].split()
        if rest and head.lower() in SALUTATIONS:
            return f"{head} {parts[1]} {' '.join(rest)}"  # "Frau Herbst, Monika"
        return f"{parts[1]} {parts[0]}"
    return None


def _split_prefix(tokens: list[str]) -> tuple[str | None, list[str], list[str]]:
    """Take salutation, titles and a leading article off the front of the name tokens."""
    salutation: str | None = None
    titles: list[str] = []
    i = 0
    while i < len(tokens):
        low = tokens[i].lower()
        if low in SALUTATIONS and salutation is None and not titles:
            salutation = SALUTATIONS[low]
        elif low in TITLES or low.rstrip(".") in TITLES:
            titles.append(TITLES.get(low) or TITLES.get(low.rstrip("."), low))
        elif low in LEADING_ARTICLES and i + 1 < len(tokens):
            pass
        elif low in CARE_TITLES and i + 1 < len(tokens) and is_first_name(tokens[i + 1]):
            pass  # "Pfleger Dennis": how a nurse is called, then the first name
        else:
            break
        i += 1
    return salutation, titles, tokens[i:]


# Particles that are names of their own at the end of one, written capitalised: "Nguyen Van",
# "Tran Le" (Vietnamese); "Müller von" stays a stray particle.
_NAME_WORD_PARTICLES = frozenset({"van", "le", "da", "du"})


def _trailing_name_part(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    return i > 0 and token[:1].isupper() and token.lower() in _NAME_WORD_PARTICLES


def _structure_reason(tokens: list[str]) -> str | None:
    """Refuse token shapes no name has: digits, punctuation, stray particles, single letters."""
    if len(tokens) > _MAX_TOKENS:
        return "not_a_name"
    for i, token in enumerate(tokens):
        if any(ch.isnumeric() for ch in token):  # "4", and also "¼" and "Ⅻ"
            return "number"
        if not _NAME_TOKEN_RE.match(token):
            return "not_a_name"
        low = _capitalise(token).lower()  # as it will be written: "ıM" becomes "Im", a word
        if low in NAME_PARTICLES:
            if i == len(tokens) - 1 and not _trailing_name_part(tokens, i):
                return "not_a_name"
            continue
        if len(token) == 1 or low in FUNCTION_WORDS or low in SALUTATIONS or low in TITLES:
            return "not_a_name"
    return None


# Articles that belong to a name only after a particle: "von der Heide", "van den Berg".
_INNER_ARTICLES = frozenset({"der", "den", "des"})


def _repeats_a_word(tokens: list[str]) -> bool:
    """ "Zimmer Katrin Zimmer Tom", "Haddad Al-Haddad": one person's name says no word twice."""
    parts = [fold(p) for t in tokens for p in t.split("-") if p.lower() not in NAME_PARTICLES]
    return len(parts) != len(set(parts))


# Arabic and Malay "son of": a father's or clan name follows, never a German article.
_SON_OF = frozenset({"bin", "ibn"})


def _particle_shape_reason(tokens: list[str]) -> str | None:
    """A particle leads a surname ("von der Heide", "da Costa Moreira"): a name that starts
    with one does not end in a first name ("de Huber Franz" is a dialect article, surname and
    first name), and inside a name a first name never follows one with more to come ("Ute von
    Klaus Berger-Hahn")."""
    # A capitalised "Van" or "Le" is a Vietnamese name word, not a particle ("Van Minh Tran").
    lows = [
        "" if t[:1].isupper() and t.lower() in _NAME_WORD_PARTICLES else t.lower() for t in tokens
    ]
    for i, low in enumerate(lows):
        if low in _INNER_ARTICLES and (i == 0 or lows[i - 1] not in NAME_PARTICLES):
            return "not_a_name"  # "Weber der Lina": "der Lina, Lina Weber" run together
        # "Dück bin der Mann": the German verb "bin" (am); the particle is followed by a name
        if low in _SON_OF and i + 1 < len(lows) and lows[i + 1] in LEADING_ARTICLES:
            return "not_a_name"
    rest = [i for i, low in enumerate(lows) if low not in NAME_PARTICLES]
    if lows[0] in NAME_PARTICLES and len(rest) > 1 and is_first_name(tokens[-1]):
        return "not_a_name"  # "da Costa Moreira" is a surname; "de Huber Franz" is not
    for i in range(1, len(tokens) - 1):
        if lows[i] in FARM_PARTICLES and not farm_after(tokens, i):
            return "not_a_name"  # "Nuria Gärn zur Fabienne": to Fabienne's
        follows = lows[i] in NAME_PARTICLES and lows[i + 1] not in NAME_PARTICLES
        if follows and i + 2 < len(tokens) and is_first_name(tokens[i + 1]):
            return "not_a_name"
    return None


def farm_after(tokens: list[str], i: int) -> bool:
    """After "zu" or "zur" at i: a capitalised name that is no noun and no first name
    ("zu Hoberge", "zu Stolberg"; not "zur Kontrolle", "zur Vroni", "zu Hause")."""
    if not 1 <= i < len(tokens) - 1:
        return False
    word = tokens[i + 1]
    # Places are frequent words too ("zu Stolberg"); "zu Hause" is the one place no name has.
    plain = knowledge().facts(word).common_noun or is_first_name(word) or word.lower() == "hause"
    return word[:1].isupper() and not plain


def farm_name_at(tokens: list[str], i: int) -> bool:
    """ "Gerhard Meyer zu Hoberge", "Schulze zur Wiesch": a surname (no first name), then "zu"
    or "zur" and a farm's name."""
    if tokens[i].lower() not in FARM_PARTICLES or not farm_after(tokens, i):
        return False
    before = knowledge().facts(tokens[i - 1])
    family = before.listed_last or before.last_rank_dach is not None
    return family and not is_first_name(tokens[i - 1])


def _unknown_middle(tokens: list[str]) -> bool:
    """ "Jan Rohrbau Vogt": between a first name and a surname stands another first name or a
    surname; a word on no name list there is a firm or a place."""
    if len(tokens) < 3 or any(t.lower() in NAME_PARTICLES or "-" in t for t in tokens):
        return False
    table = knowledge()
    return any(not table.facts(t).known_name for t in tokens[1:-1])


def _shape_reason(tokens: list[str]) -> str | None:
    """Refuse word orders no single person's name has."""
    if _repeats_a_word(tokens) or _unknown_middle(tokens):
        return "not_a_name"
    if any(is_split_word(a, b) for a, b in pairwise(tokens)):
        return "not_a_name"  # "Karin Vogt Ge Boren": "geboren" split by speech recognition
    return _particle_shape_reason(tokens)


def shape_reason(name: str) -> str | None:
    """Why a finished name (as the extractor assembled it from several mentions) has a shape
    no person's name has, or None: the structure and shape checks of `validate_name`."""
    tokens = name.split()
    return _structure_reason(tokens) or _shape_reason(tokens)


def _spelled_or_said(text: str) -> str:
    spelled = resolve_spelling(text)
    if spelled is None:
        return strip_hint(text)
    said: list[str] = [w for w in _WORD_RE.findall(text) if len(w) > 1]
    for word in said:
        kept = keep_said_form(spelled, word)
        if kept is word:
            return kept
    return spelled


def _build(
    tokens: list[str], salutation: str | None, titles: list[str], confidence: float
) -> NameVerdict:
    names = [
        t.lower()
        if t.lower() in NAME_PARTICLES
        and not (i == len(tokens) - 1 and _trailing_name_part(tokens, i))
        else _capitalise(t)
        for i, t in enumerate(tokens)
    ]
    split = next((i for i, t in enumerate(names) if i > 0 and t in NAME_PARTICLES), None)
    if split is not None and names[split] in FARM_PARTICLES:
        # "Gerhard Meyer zu Hoberge", "Meyer zu Hoberge": the name before "zu" is the surname's
        split = 0 if split == 1 and not is_first_name(names[0]) else max(split - 1, 1)
    first: str | None
    last: str | None
    if split == 0:
        first, last = None, " ".join(names)
    elif len(names) == 1:
        first, last = (names[0], None) if is_first_name(names[0]) else (None, names[0])
    elif names[0] in NAME_PARTICLES:
        first, last = None, " ".join(names)
    else:
        cut = split if split is not None else len(names) - 1
        first, last = " ".join(names[:cut]), " ".join(names[cut:])
    name = " ".join(names)
    title = " ".join(titles) or None
    address_as = None
    if salutation is not None:
        address_as = " ".join(p for p in (salutation, title, last or name) if p)
    return NameVerdict(name, first, last, salutation, title, address_as, confidence, None)


def validate_name(
    raw: str,
    *,
    agent_names: Sequence[str] = (),
    staff_names: Sequence[str] = (),
    addressed: bool = False,
) -> NameVerdict:
    """Validate and normalise one spoken or typed name; refuse anything that is not a name.

    `addressed`: the dialogue has shown this to be the person's name (the agent spoke to them
    with it), so a first name and an everyday word that is also a surname pass."""
    if not isinstance(raw, str):
        return _refuse("empty")
    # NFKC: compatibility forms ("ſ", "ﬁ", full-width letters) are never meant in a name.
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    if not text.strip(_STRIP_CHARS):
        return _refuse("empty")
    if len(text) > _MAX_LEN:
        return _refuse("not_a_name")
    low = text.lower()
    if _PLACEHOLDER_PHRASE_RE.search(low):
        return _refuse("placeholder")
    text = _spelled_or_said(apply_correction(text))
    raw_tokens = _without_repeats(
        [t.strip(_STRIP_CHARS) for t in _PART_SPLIT_RE.sub(" ", text).split()]
    )
    if not text.isupper() and any(_acronym(t) for t in raw_tokens):
        return _refuse("not_a_name")  # "HR Sulzberger", "AOK Bayern": a department, a firm
    salutation, titles, tokens = _split_prefix([t for t in raw_tokens if t] or [""])
    tokens = _without_repeats(tokens)
    title = " ".join(titles) or None
    # Judged as they will be written: "Sİ" is written "Si", which is a filler. A double
    # surname's parts are no words of their own ("Kleine-Büning", "Große-Kracht").
    words = [
        w.lower()
        for t in tokens
        for w in ([_capitalise(t)] if _hyphenated_surname(t) else _WORD_RE.findall(_capitalise(t)))
    ]
    reason = _word_reason(words, addressed=addressed)
    if reason is not None:
        return _refuse(reason, salutation, title)
    if not tokens or tokens == [""]:
        if salutation or titles:
            return _refuse("salutation_only", salutation, title)
        return _refuse("number" if any(ch.isdigit() for ch in text) else "empty")
    parts = [p.strip(_STRIP_CHARS) for p in _PART_SPLIT_RE.split(text) if p.strip(_STRIP_CHARS)]
    if len(parts) > 1:
        merged = _merge_parts(parts)
        if merged is None:
            return _refuse("not_a_name", salutation, title)
        salutation, titles, tokens = _split_prefix([t.strip(_STRIP_CHARS) for t in merged.split()])
        tokens = _without_repeats(tokens)
    if len(tokens) > 1 and tokens[0].lower() in LEADING_ARTICLES:
        tokens = tokens[1:]  # "der Heide Jung Heide" -> "Jung Heide", as a second pass would
    reason = (
        _structure_reason(tokens)
        or _shape_reason(tokens)
        or _institution_reason(tokens)
        or _lexical_reason(
            tokens, addressed=addressed, saluted=_saluted_full_name(salutation, tokens)
        )
    )
    if reason is not None:
        return _refuse(reason, salutation, title)
    if _is_protected(tokens, agent_names):
        return _refuse("agent_name", salutation, title)
    if _is_protected(tokens, staff_names):
        return _refuse("staff_name", salutation, title)
    confidence = 0.95 if len(tokens) > 1 else 0.85
    return _build(tokens, salutation, titles, confidence)
