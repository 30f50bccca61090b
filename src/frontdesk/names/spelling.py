"""Letter-by-letter spelling, the German spelling alphabet and spoken corrections."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

from frontdesk.names.lexicon import fold, plain, word_set

# DIN 5009, the traditional (1950s-2022) and the 2022 city-based words, plus common variants.
_ALPHABET_WORDS: dict[str, tuple[str, ...]] = {
    "A": ("anton", "aachen", "albert", "august"),
    "Ä": ("ärger", "äger", "umlaut-a"),
    "B": ("berta", "bertha", "berlin", "bruno"),
    "C": ("cäsar", "caesar", "chemnitz", "charlotte"),
    "D": ("dora", "düsseldorf", "daniel", "dietrich"),
    "E": ("emil", "essen", "erich"),
    "F": ("friedrich", "frankfurt", "fritz"),
    "G": ("gustav", "goslar", "gustaf"),
    "H": ("heinrich", "hamburg", "hans"),
    "I": ("ida", "ingelheim", "isidor"),
    "J": ("julius", "jena", "jakob"),
    "K": ("kaufmann", "köln", "konrad", "karl"),
    "L": ("ludwig", "leipzig", "lina"),
    "M": ("martha", "marta", "münchen", "max"),
    "N": ("nordpol", "nürnberg", "nathan"),
    "O": ("otto", "offenbach", "oskar"),
    "Ö": ("ökonom", "österreich", "umlaut-o"),
    "P": ("paula", "potsdam", "paul", "peter"),
    "Q": ("quelle", "quickborn"),
    "R": ("richard", "rostock", "rudolf"),
    "S": ("samuel", "siegfried", "salzwedel", "sophie"),
    "T": ("theodor", "tübingen", "toni"),
    "U": ("ulrich", "unna", "ulla"),
    "Ü": ("übermut", "übel", "umlaut-u"),
    "V": ("viktor", "völklingen", "victor", "vogel"),
    "W": ("wilhelm", "wuppertal"),
    "X": ("xanthippe", "xanten"),
    "Y": ("ypsilon", "yps"),
    "Z": ("zacharias", "zeppelin", "zwickau"),
}
ALPHABET: dict[str, str] = {
    word: letter for letter, words in _ALPHABET_WORDS.items() for word in words
}
ALPHABET.update({"schule": "Sch", "charlotte": "Ch", "eszett": "ß", "esszett": "ß"})

_WORD_RE = re.compile(r"[^\W\d_]+")
# Spelling-alphabet words said bare, one after another ("cäsar ida otto berta anton nordpol
# ulrich"): four or more in a row are letters, as "C wie Cäsar" would be.
_ALPHABET_WORD = "|".join(sorted(map(re.escape, ALPHABET), key=len, reverse=True))
_BARE_ALPHABET_RUN_RE = re.compile(
    rf"(?<!\bwie )\b(?:{_ALPHABET_WORD})(?:[\s,]+(?:{_ALPHABET_WORD})){{3,}}\b(?!\s+wie\b)",
    re.IGNORECASE,
)


# "Ž, das ist Z mit Hatschek", "Ć, C mit Strich": a marked letter said, then explained as its
# plain letter with the mark; the explanation spells nothing more.
_LETTER_EXPLAINED_RE = re.compile(
    r"\b([^\W\d_])(,?\s+(?:(?:das|des)\s+(?:ist|is)\s+(?:ein\s+)?)?([^\W\d_])\s+mit\s+[^\W\d_]+)"
    r"(?=[\s,.]|$)"
)


# "E mit zwei Punkten drauf, wie ein Ä, nur mit E", "O mit zwei Strichen oben, also das lange
# ungarische Ö": what the described mark is like; its letters are no more of the spelling.
_MARK_LIKENED_RE = re.compile(
    r"\b(drauf|oben|unten|rüber|darüber|darunter|Punkten|Strichen|Strich|Punkt|Bogen|Haken|"
    r"Querstrich|Schrägstrich|Häkchen|Akzent|Schwänzchen)"
    # "D mit Strich, so ein Querstrich durch das D, dann O": the mark likened again
    # "L mit einem Querstrich, das polnische Ł", "mit Strich oben drauf, also so 'n Akzent"
    r",\s*(?:wie ein|also das|also ein|so wie ein|das ist das|so ein|so einen|also so|"
    r"das\s+[^\W\d_]+(?:ische|sche))\b[^,.;]*"
    r"(?:,\s*nur mit [^\W\d_]\b)?(?=\s*[,.;]|$)",
    re.IGNORECASE,
)


# "Z wie Zürich, aber mit Hatschek oben": the mark belongs to the letter just spelled.
# "I – aber das I ohne Punkt": the same with the letter said again.
_MARK_AFTER_BUT_RE = re.compile(
    r"(?<![.!?]),?\s*[–-]?\s+(?:aber|nur|und zwar)\s+(?:das\s+[^\W\d_]\s+)?(?=(?:mit|ohne)\s)",
    re.IGNORECASE,
)


def _without_explanation(match: re.Match[str]) -> str:
    said, plain = match.group(1), match.group(3)
    base = unicodedata.normalize("NFD", said)[0]
    if said != plain and base.casefold() == plain.casefold():
        return said
    return match.group(0)


# The Turkish "ğ" is "weiches G" (yumuşak g); said after a described G it only explains it
# ("g mit so nem Bogen drauf, also weiches g").
_SOFT_G_EXPLAINED_RE = re.compile(
    r"(\bg\s+mit\s+[^,.;]{0,30}?)\s*,?\s+also\s+(?:ein\s+|das\s+)?weiches\s+g\b",
    re.IGNORECASE,
)
_SOFT_G_RE = re.compile(r"\b(?:ein\s+|das\s+)?weiches\s+g\b", re.IGNORECASE)


def _soft_g_as_letter(text: str) -> str:
    """ "E, R, D, O, weiches G, A, N": the soft g as the one letter it is."""
    if "weiches" not in text.lower():
        return text
    return _SOFT_G_RE.sub("ğ", _SOFT_G_EXPLAINED_RE.sub(r"\1", text))


# Bavarian and Alemannic "wia", "wiä": "H wia Heinrich".
_DIALECT_WIE_RE = re.compile(r"\b(?:wia|wiä)\b(?=\s+[^\W\d_]{3})", re.IGNORECASE)
LONE_LETTER_RE = re.compile(r"(?<![^\W\d_])[^\W\d_](?![^\W\d_])")


def _alphabet_words_as_letters(text: str) -> str:
    """Only a spelling made of such words alone: mixed with letters ("S mit Häkchen, Theodor,
    Emil, …") the letter-by-letter reading already takes each word for its letter."""
    if LONE_LETTER_RE.search(text) or not _BARE_ALPHABET_RUN_RE.search(text):
        return text
    return _BARE_ALPHABET_RUN_RE.sub(
        lambda m: ", ".join(ALPHABET[w.lower()] for w in _WORD_RE.findall(m.group(0))), text
    )


_SPELL_TOKEN_RE = re.compile(r"[^\W\d_]+|[.!?:;]")
_UMLAUT = {"a": "Ä", "o": "Ö", "u": "Ü"}
_ESZETT = frozenset({"eszett", "esszett"})
# Words allowed after "mit" in a spelling hint ("Mayer mit a y", "Schmidt mit dt").
_HINT_WORDS = word_set(
    "wie und einem einer zwei doppel doppeltem doppelten am ende hinten vorne vorn ohne "
    "dem das ein eine hinten statt scharfem scharfen scharfes "
    "einfachen einfachem einfaches einfache"  # "mit einem einfachen s: M, E, I, S, …"
)
_CORRECTION_RE = re.compile(
    r"\b(nein|nee|sondern|korrektur|falsch|ich meine|ich meinte|nicht)\b", re.IGNORECASE
)


# Letters said by their German names where no one-letter token is heard ("M, E, Ypsilon, E, R").
# Only names that are no everyday word: "es", "er", "en", "em" are words too.
_LETTER_NAMES = {"ypsilon": "y", "zett": "z", "zet": "z", "jot": "j", "vau": "v", "ix": "x"}
# Every letter's German name, as said before "wie" ("Zett wie Zeppelin", "El wie Ludwig");
# many are words too ("es", "er", "de"), so only a "wie" after them makes them letters.
_SPOKEN_LETTERS = {
    **_LETTER_NAMES,
    **dict.fromkeys(("be",), "b"),
    **dict.fromkeys(("ce", "tse", "zeh"), "c"),
    **dict.fromkeys(("de", "deh"), "d"),
    **dict.fromkeys(("ef", "eff"), "f"),
    **dict.fromkeys(("ge", "geh"), "g"),
    **dict.fromkeys(("ha", "hah"), "h"),
    **dict.fromkeys(("ka", "kah"), "k"),
    **dict.fromkeys(("el", "ell"), "l"),
    **dict.fromkeys(("em", "emm"), "m"),
    **dict.fromkeys(("en", "enn"), "n"),
    **dict.fromkeys(("pe", "peh"), "p"),
    **dict.fromkeys(("qu", "ku"), "q"),
    **dict.fromkeys(("er", "err"), "r"),
    **dict.fromkeys(("es", "ess"), "s"),
    **dict.fromkeys(("te", "teh", "tee"), "t"),
    **dict.fromkeys(("we", "weh"), "w"),
}
# A hint names a letter or two ("Meyer mit e y"); a longer run after "mit" is a spelling when
# its end is a word said with it ("Wegner mit e w e g n e r").
_HINT_LETTERS = 2
_HINTED_NAME = 4  # letters after a hint's own letter that spell a name, not a hint

# Words a caller puts between spelled letters without ending the spelling.
_DOUBLE = word_set("doppel doppeltes doppelt zwei zwo zweimal zwoamoi zwoamal")
# Sounds that explain a marked letter ("Č, also Tsch"), never letters of the name.
_SOUNDS = word_set("tsch sch ch dsch tz ts sh zh")
_ARTICLE_A_BEFORE = word_set("scharfes doppeltes doppelts großes grosses kleines")
_SHAPE_WORDS = word_set("kleines kleinen kleine umgedrehtes umgedrehten")
_RUN_FILLERS = word_set(
    "dann noch mal nochmal nochmals und äh ähm des das ein eine einem oben unten drauf so "
    "dran daran drunter darunter "
    "kleines kleinen kleine umgedrehtes umgedrehten "
    # a mark named again while spelling: "A mit so einer Welle oben drauf, Tilde sagt man"
    "einer tilde cedille hatschek akzent sagt man nennt heißt"
)


_REMARK_LEAD = word_set("das der die des letzte letzten letztes")
_REMARK_WHERE = (("am", "ende"), ("am", "schluss"), ("hinten",), ("am", "anfang"), ("vorne",))


def _remark(tokens: list[str], i: int, current: list[str]) -> int | None:
    """Apply "das C am Ende mit Häkchen" to the letter already spelled; the index after it."""
    # "D, I, N. Aber das I ohne Punkt": a new sentence remarks on a letter spelled before
    lead = i + 1 if tokens[i].lower() == "aber" and i + 1 < len(tokens) else i
    j = lead + 1 if tokens[lead].lower() in _REMARK_LEAD else i
    if j >= len(tokens) or not _is_letter(tokens[j]) or j == i:
        return None
    letter = tokens[j].lower()
    k = j + 1
    for where in _REMARK_WHERE:
        if tuple(t.lower() for t in tokens[k : k + len(where)]) == where:
            k += len(where)
            break
    marked = _mark(tokens, k, letter)
    positions = [n for n, c in enumerate(current) if c.lower() == letter]
    if marked is not None and not positions and marked[0] in (c.lower() for c in current):
        return k + marked[1]  # "A-R-B-Ë-R, das E mit zwei Punkten": the mark said again
    if marked is None or not positions:
        return None
    at = positions[0] if "anfang" in (t.lower() for t in tokens[j:k]) else positions[-1]
    current[at] = marked[0]
    return k + marked[1]


# Where a mark sits: "oben drauf", "unten drunter".
_WHERE_WORDS = word_set("oben drauf darauf unten drunter darunter durch")


# Articles before a letter named in a remark ("am Ende ein C", "ein tschechisches C").
_LETTER_ARTICLES = word_set("ein das der")


def _letter_place(tokens: list[str], i: int, last: str) -> int:
    """How many tokens at i say where the next spelled letter stands ("am Ende C"), or 0.
    `last`: the letter spelled before."""
    for place in _REMARK_WHERE:
        end = i + len(place)
        said = tuple(t.lower() for t in tokens[i:end])
        # "und am Ende ein C mit Strich drauf": an article may stand before a new letter
        # ("…, C, am Ende ein c mit Strich" remarks on the C just said)
        article = (
            end + 1 < len(tokens)
            and tokens[end].lower() in _LETTER_ARTICLES
            and fold(tokens[end + 1]) != fold(last)
        )
        if said == place and end + article < len(tokens) and _is_letter(tokens[end + article]):
            return len(place) + article
        # "und am Ende zwei E": the doubled letter the spelling goes on with (in the same
        # sentence: "… Ø. Und hinten Doppel-A: G-A-A-R-D" says it again)
        if (
            said == place
            and end + 1 < len(tokens)
            and tokens[end].lower() in _DOUBLE
            and not _after_full_stop(tokens, i)
        ):
            # (not after that letter: "R, E, am Ende zwei E" may describe the E just said)
            double = _is_letter(tokens[end + 1]) and fold(tokens[end + 1]) != fold(last)
            return len(place) if double else 0
    return 0


def _after_full_stop(tokens: list[str], i: int) -> bool:
    """A sentence ended before tokens[i] ("… D. Und hinten …")."""
    k = i - 1
    while k >= 0 and tokens[k].lower() in ("und", ","):
        k -= 1
    return k >= 0 and tokens[k] in ".!?:;"


# "also so n tschechisches R": spoken fillers before the adjective
_DESCRIBED_LETTER_FILLERS = word_set("so n 'n so'n")


def _letter_described(tokens: list[str], i: int, current: list[str]) -> int:
    """How many tokens at i name the letter just spelled again, after adjectives ("polnisches
    S", "ein tschechisches C"), or 0."""
    k = i
    while k < len(tokens) and (
        tokens[k].lower() in _LETTER_ARTICLES
        or tokens[k].lower() in _DESCRIBED_LETTER_FILLERS
        or tokens[k].lower().endswith(("isches", "ische", "ischer"))
    ):
        k += 1
    if k == i or k >= len(tokens) or not _is_letter(tokens[k]):
        return 0
    return k + 1 - i if fold(tokens[k]) == fold(current[-1]) else 0


def _names_double_end(
    tokens: list[str], i: int, current: list[str], doubled: Collection[str] = ()
) -> bool:
    """ "zwei m" at i after a run with "m, m" in it ("r a m m", "g h a f f a r i"): the
    letters just spelled, explained. A pair that came from "Doppel-N" itself (`doubled`) is
    explained by nothing: "E, Doppel-N, E, M, A, Doppel-N" spells two pairs."""
    if i + 1 >= len(tokens) or tokens[i].lower() not in _DOUBLE or not _is_letter(tokens[i + 1]):
        return False
    letter = tokens[i + 1].lower()
    return letter not in doubled and letter * 2 in "".join(current).lower()


def _explains_letter(tokens: list[str], i: int) -> bool:
    """ "Das Ş ist …" after a spelling: a sentence about a letter already spelled."""
    return (
        i + 2 < len(tokens)
        and tokens[i].lower() in _REMARK_LEAD
        and _is_letter(tokens[i + 1])
        and tokens[i + 2].lower() in _LETTER_REMARK_VERBS
    )


# "Das Ş ist …", "Das H kommt nach dem E", "das Y steht am Ende"
_LETTER_REMARK_VERBS = word_set("ist is isch kommt kummt steht stoht spricht liest klingt")


_REMARK_SPAN = 5


_SLIP_WORDS = word_set("nein nee ne falsch quatsch")
_NOT_THIS_LETTER = word_set("nicht net ned nöd nid")
_SLIP_SKIP = word_set("entschuldigung sorry pardon äh ähm also ich meine meinte")


def _slip_mended(tokens: list[str], i: int, current: list[str]) -> int | None:
    """Where the spelling goes on after "nein" took back the last letter: the next letter
    is not the run's first (that would spell the word anew), else None."""
    k = i + 1
    while k < len(tokens) and (tokens[k].lower() in _SLIP_SKIP or tokens[k] in ".!?:;"):
        k += 1
    letter = _next_letter(tokens, k) if k < len(tokens) else None
    if letter is None or len(current) < 2 or fold(letter)[:1] == fold(current[0])[:1]:
        return None
    return k


def _spelling_resumes(tokens: list[str], i: int, after_mark: bool) -> int | None:
    """The index of the next letter when a short remark inside a spelling ends in "dann" and
    a letter ("…, so schräg, nicht die Punkte, dann C, S"), else None. A remark on a mark just
    described may run longer ("schräg net die Punkte, ungarisch halt, dann K, E")."""
    span = _REMARK_SPAN + 3 if after_mark else _REMARK_SPAN
    for k in range(i, min(i + span, len(tokens) - 1)):
        if tokens[k] in ".!?:;" or _is_letter(tokens[k]):
            return None
        if tokens[k].lower() == "dann" and _is_letter(tokens[k + 1]):
            return k + 1
    return None


def _next_letter(tokens: list[str], i: int) -> str | None:
    """The letter spelled at tokens[i] with any diacritic said after it, lower case."""
    if i >= len(tokens) or not _is_letter(tokens[i]):
        return None
    marked = _mark(tokens, i + 1, tokens[i])
    return marked[0] if marked else tokens[i].lower()


def _base_letter(letter: str) -> str:
    """ "ø" -> "o", "ó" -> "o": the plain letter under any mark."""
    return plain(letter[:1])[:1]


def _explains_a_letter_of(current: list[str], letter: str, said: set[str]) -> bool:
    """The letters so far spell a word the caller said, and "X wie Word" names one of them
    again: it explains that letter, it adds none."""
    word = "".join(current)
    return (
        fold(word) in said
        and fold(word + letter) not in said
        and fold(letter) in (fold(c) for c in current)
    )


def _is_letter(token: str) -> bool:
    return len(token) == 1 and token.isalpha()


def _wie_letter(letter: str, word: str) -> str | None:
    """The letter of "X wie Word" when Word fits X, else None."""
    known = ALPHABET.get(word.lower())
    if known is not None and fold(known)[:1] == fold(letter)[:1]:
        # "Ä wie Aachen": the letter said keeps its umlaut; the word only confirms it.
        return letter.upper() if letter.lower() in "äöü" else known
    if fold(word).startswith(fold(letter)):
        return letter.upper()
    return None


def _render(letters: list[str]) -> str:
    word = "".join(letters).lower()
    first = word[:1].upper()
    return (first if len(first) == 1 else word[:1]) + word[1:]


# Diacritics said after a spelled letter: "o mit zwei Punkten", "d mit Strich", "c mit Häkchen".
_MARKS: dict[str, dict[str, str]] = {
    "umlaut": {"a": "ä", "o": "ö", "u": "ü", "e": "ë", "i": "ï"},  # "ë": Albanian, French
    # "O mit Strich" is the Polish and Hungarian "ó" far more often than the Nordic "ø",
    # which is said "durchgestrichen" or "mit Schrägstrich" (the "slash" kind).
    "stroke": {"d": "đ", "l": "ł", "o": "ó", "c": "ć", "s": "ś", "z": "ź", "n": "ń", "e": "é"},
    "slash": {"d": "đ", "l": "ł", "o": "ø"},
    "caron": {"c": "č", "s": "š", "z": "ž", "r": "ř", "e": "ě", "g": "ğ"},
    "acute": {"c": "ć", "s": "ś", "z": "ź", "n": "ń", "e": "é", "a": "á", "o": "ó", "i": "í"},
    "grave": {"e": "è", "a": "à", "u": "ù", "o": "ò", "i": "ì"},
    "circumflex": {"e": "ê", "a": "â", "i": "î", "o": "ô", "u": "û"},
    "cedilla": {"c": "ç", "s": "ş"},
    "ogonek": {"a": "ą", "e": "ę"},  # Polish "A mit so einem Schwänzchen unten"
    "comma": {"s": "ș", "t": "ț"},
    "tilde": {"a": "ã", "o": "õ", "n": "ñ"},
    "double_acute": {"o": "ő", "u": "ű"},
    "breve": {"a": "ă", "g": "ğ", "u": "ŭ"},
    "dotless": {"i": "ı"},
    # One dot above: Polish "Ż", Lithuanian "Ė"; "I mit Punkt" is the Turkish dotted i.
    "dot": {"z": "ż", "e": "ė", "c": "ċ", "g": "ġ", "i": "i"},
}
_MARK_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    # French accents, named as in French: "E mit Accent aigu", "A mit Akzent grave".
    *(
        (("mit", accent, name), kind)
        for accent in ("accent", "akzent")
        for name, kind in (
            ("aigu", "acute"),
            ("grave", "grave"),
            ("circonflexe", "circumflex"),
            ("circonflex", "circumflex"),
        )
    ),
    (("mit", "accent"), "acute"),
    (("mit", "zirkumflex"), "circumflex"),
    (("mit", "zwei", "punkten"), "umlaut"),
    (("mit", "zwei", "strichen"), "double_acute"),  # Hungarian "ű", "ő"
    # and in dialect: "mit zwei Striche", Bavarian "zwei Strichln", Swiss "zwei Strichli"
    *((("mit", "zwei", word), "double_acute") for word in ("striche", "strichln", "strichli")),
    (("mit", "zwei", "strichen", "oben"), "double_acute"),
    (("mit", "zwei", "punkte"), "umlaut"),
    (("mit", "pünktchen"), "umlaut"),
    (("mit", "zwei", "punkterl"), "umlaut"),  # Austrian
    (("mit", "zwei", "pünktla"), "umlaut"),  # Franconian
    (("mit", "zwei", "pünktle"), "umlaut"),  # Swabian
    (("mit", "zwei", "pünktli"), "umlaut"),  # Swiss
    (("mit", "zwei", "pünktchen"), "umlaut"),
    (("mit", "zwei", "tüpferl"), "umlaut"),
    (("mit", "punkten"), "umlaut"),
    (("mit", "punkt"), "dot"),  # one dot: "Z mit Punkt" (two are "mit Punkten")
    (("umlaut",), "umlaut"),
    (("ogonek",), "ogonek"),  # "das A-Ogonek": the mark's own name after the letter
    (("mit", "ogonek"), "ogonek"),
    (("mit", "strich", "oben"), "acute"),
    (("mit", "querstrich"), "slash"),
    (("mit", "strich"), "stroke"),
    (("mit", "häkchen", "unten"), "cedilla"),
    (("mit", "häkchen", "drunter"), "cedilla"),
    # Palatinate and Swabian "mit so em Häkche unne dran"
    (("mit", "häkche", "unne"), "cedilla"),
    (("mit", "häkchen", "unne"), "cedilla"),
    (("mit", "häkche", "unten"), "cedilla"),
    (("mit", "häkche"), "caron"),
    (("mit", "häkli"), "caron"),  # Swiss "Ž mit Häkli"
    (("mit", "strichli"), "stroke"),  # Swiss "Ć mit Strichli"
    (("mit", "häkchen"), "caron"),
    (("mit", "hakerl"), "caron"),  # Austrian
    (("mit", "stricherl"), "stroke"),  # Austrian
    (("mit", "tilde"), "tilde"),
    (("mit", "welle"), "tilde"),
    (("mit", "schlange"), "tilde"),
    (("mit", "hatschek"), "caron"),
    (("mit", "dach"), "caron"),
    (("mit", "akzent"), "acute"),
    (("mit", "apostroph"), "acute"),
    (("mit", "cedille"), "cedilla"),
    (("mit", "schwänzchen"), "cedilla"),
    (("mit", "schrägstrich"), "slash"),
    (("mit", "komma", "unten"), "comma"),
    (("mit", "komma", "drunter"), "comma"),
    (("mit", "kleinem", "bogen"), "breve"),
    (("mit", "kleine", "bogen"), "breve"),
    (("mit", "bogen"), "breve"),
    (("ohne", "punkt"), "dotless"),
    # and in dialect: Swabian "Pünktle", Swiss "Pünktli", Austrian "Punkterl", "Tüpferl"
    *((("ohne", word), "dotless") for word in ("pünktle", "pünktli", "punkterl", "tüpferl")),
    (("ohne", "pünktchen"), "dotless"),
)


# Words between "mit" and the mark: "N mit einem Strich oben drauf".
_MARK_ARTICLES = word_set(
    "einem einer nem 'nem n so dem der den zwei kleinen kleinem kleines an am "  # Bavarian an, am
    "em e"  # Palatinate, Swabian "mit so em Häkche"
)
# A stroke over a vowel is its acute accent ("A mit Strich" is "á" in Czech and Hungarian).
_FALLBACK_MARKS = {"stroke": "acute", "slash": "stroke", "cedilla": "ogonek", "umlaut": "dot"}


def _mark(tokens: list[str], i: int, letter: str) -> tuple[str, int] | None:
    """The letter with the diacritic said at tokens[i:], and how many tokens that took."""
    low = [t.lower() for t in tokens[i : i + 3]]
    skipped = 0
    if low[:1] == ["mit"]:
        # "mit einem Strich": the article goes, "mit zwei (so) Punkten" keeps its number.
        said: list[str] = []
        k = i + 1
        while k < len(tokens) and tokens[k].lower() in _MARK_ARTICLES and len(said) < 3:
            if tokens[k].lower() == "zwei":
                said.append("zwei")
            else:
                skipped += 1
            k += 1
        low = ["mit", *said, *(t.lower() for t in tokens[k : k + 2 - len(said)])]
    for phrase, kind in _MARK_PHRASES:
        if tuple(low[: len(phrase)]) == phrase:
            marked = _MARKS[kind].get(letter.lower())
            if marked is None and kind in _FALLBACK_MARKS:
                marked = _MARKS[_FALLBACK_MARKS[kind]].get(letter.lower())
            taken = len(phrase) + skipped
            # "L mit am Schrägstrich durch": where the mark sits, said after it
            while i + taken < len(tokens) and tokens[i + taken].lower() in _MARK_TAIL:
                taken += 1
            if marked is not None:
                return marked, taken  # lower case: "ı".upper() loses the mark
            if letter.lower() in _MARKS[kind].values():
                return letter.lower(), taken  # "Ö mit Punkten": said again
    return None


# Words after "Umlaut" that are no example word of a letter ("mit Umlaut, also Ü").
_NOT_AN_EXAMPLE = word_set("also oder auf aber auch")
# Before a letter, these say where another letter goes ("nach dem E", "vor dem K").
_WHERE_LETTER = word_set("dem")
_MARK_TAIL = word_set("durch drauf drüber drunter obendrauf unten dran")


def _mark_again(tokens: list[str], i: int, letter: str) -> int:
    """How many tokens from i explain the mark of `letter` again ("mit Häkchen oben drauf",
    "ein Strich oben auf dem S"), or 0."""
    lead = 1 if i < len(tokens) and tokens[i].lower() in ("ein", "einen", "eine") else 0
    said = ["mit", *tokens[i + lead :]] if lead else tokens[i:]
    again = _mark(said, 0, letter)
    if again is None:
        return 0
    k = i + again[1]
    while k < len(tokens) and tokens[k].lower() in _WHERE_WORDS:
        k += 1
    base = fold(letter)[:1]
    if [t.lower() for t in tokens[k : k + 2]] in (["auf", "dem"], ["über", "dem"]) and (
        k + 2 < len(tokens) and fold(tokens[k + 2]) == base
    ):
        k += 3  # "… auf dem S": the letter named again
    return k - i


# A mark described for a word said whole: "Joao mit Tilde auf dem A", "Goncalves mit C mit so
# einem Schwänzchen unten", "Małgorzata mit dem durchgestrichenen L".
_MARK_WORDS: dict[str, str] = {
    "tilde": "tilde",
    "welle": "tilde",
    "schlange": "tilde",
    "schlangenlinie": "tilde",
    "cedille": "cedilla",
    "schwänzchen": "cedilla",
    "ogonek": "ogonek",
    "hatschek": "caron",
    "häkchen": "caron",
    "hakerl": "caron",  # Austrian "mit so an Hakerl drauf"
    "dach": "caron",
    "dächle": "caron",
    "akzent": "acute",
    "apostroph": "acute",
    "strich": "stroke",
    "stricherl": "stroke",  # Austrian "mit am Stricherl"
    "schrägstrich": "slash",
    "querstrich": "slash",
    "durchgestrichen": "slash",
    "durchgestrichenen": "slash",
    "durchgestrichenem": "slash",
    "durchgestrichenes": "slash",
    "punkten": "umlaut",
    "pünktchen": "umlaut",
    "punkterl": "umlaut",
    "pünktla": "umlaut",
    "pünktle": "umlaut",
    "pünktli": "umlaut",
    "tüpferl": "umlaut",
    "bogen": "breve",
    "punkt": "dot",
}
# Words that describe a letter's mark ("Accent aigu", "Häkchen"): never a name on their own.
MARK_WORDS = frozenset(_MARK_WORDS) | word_set("accent aigu grave circonflexe zirkumflex umlaut")
# A mark word and where it sits, when that changes the mark ("Häkchen unten" is a cedilla).
_MARK_PLACES = {("caron", "unten"): "cedilla", ("stroke", "oben"): "acute"}
_MARK_FILLER = r"(?:(?:so|dem|einem|einer|nem|'nem|der|zwei|kleinen?|kleinem|an|am)\s+)*"
_MARK_WORD = r"(?P<mark>" + "|".join(sorted(_MARK_WORDS, key=len, reverse=True)) + r")"
_MARK_PLACE = r"(?:\s+(?P<place>oben|unten|durch|drauf|drunter))?"
_DESCRIBED_RES = (
    # "Joao mit Tilde auf dem A"
    re.compile(
        r"\b(?P<word>[^\W\d_]{3,}),?\s+mit\s+"
        + _MARK_FILLER
        + _MARK_WORD
        + _MARK_PLACE
        + r"\s+(?:auf|über|unter|an|am|im)\s+(?:dem\s+|der\s+)?(?P<letter>[^\W\d_])\b",
        re.IGNORECASE,
    ),
    # "Goncalves mit C mit so einem Schwänzchen unten"
    re.compile(
        r"\b(?P<word>[^\W\d_]{3,}),?\s+mit\s+(?:dem\s+|einem\s+)?(?P<letter>[^\W\d_])\s+mit\s+"
        + _MARK_FILLER
        + _MARK_WORD
        + _MARK_PLACE
        + r"\b",
        re.IGNORECASE,
    ),
    # "Małgorzata mit dem durchgestrichenen L"
    re.compile(
        r"\b(?P<word>[^\W\d_]{3,}),?\s+mit\s+"
        + _MARK_FILLER
        + _MARK_WORD
        + r"\s+(?P<letter>[^\W\d_])\b",
        re.IGNORECASE,
    ),
)


_FIRST_PLACE_RE = re.compile(r"^\W*(?:am anfang|vorne|vorn|zuerst|das erste)\b", re.I)
_LAST_PLACE_RE = re.compile(r"^\W*(?:am ende|hinten|am schluss|das letzte)\b", re.I)


def _described_position(positions: list[int], after: str) -> int | None:
    """Which of the letter's places the mark is on: the only one, or the one said after the
    description ("am Anfang", "am Ende"); None when that is not certain."""
    if len(positions) == 1:
        return positions[0]
    if len(positions) > 1 and _FIRST_PLACE_RE.search(after):
        return positions[0]
    if len(positions) > 1 and _LAST_PLACE_RE.search(after):
        return positions[-1]
    return None


def described_marks(text: str) -> dict[str, str]:
    """Words of `text` whose diacritic the caller describes, as folded word -> marked word.

    The described letter must occur once in the word, so the mark's place is certain."""
    found: dict[str, str] = {}
    for pattern in _DESCRIBED_RES:
        for match in pattern.finditer(text):
            word, letter = match.group("word"), match.group("letter").lower()
            kind = _MARK_WORDS[match.group("mark").lower()]
            place = (match.groupdict().get("place") or "").lower()
            kind = _MARK_PLACES.get((kind, place), kind)
            marked = _MARKS[kind].get(letter)
            # Letters as plain ones: "Álvaro mit A mit Akzent am Anfang" says the first A.
            positions = [i for i, ch in enumerate(word.lower()) if fold(ch) == letter]
            at = _described_position(positions, text[match.end() : match.end() + 20])
            if marked is None or at is None or word[at].lower() != letter:
                continue
            found[fold(word)] = (
                word[:at] + (marked.upper() if word[at].isupper() else marked) + (word[at + 1 :])
            )
    return found


def with_described_marks(text: str) -> str:
    """`text` with each word whose mark the caller describes written with it, wherever said."""
    if " mit " not in text:
        return text
    marks = described_marks(text)
    if not marks:
        return text
    return _WORD_RE.sub(lambda m: marks.get(fold(m.group(0)), m.group(0)), text)


# A name said in syllables between dashes, then whole: "Ko – wal – tschuk. Kowaltschuk."
_SYLLABLES_RE = re.compile(
    r"\b((?:[^\W\d_]{1,7}\s*[–—-]\s*){1,7}[^\W\d_]{1,7})[.,!…]?\s+([^\W\d_]{4,})\b"
)


def without_syllables(text: str) -> str:
    """`text` without syllables said before the word they make up (the word stays)."""
    if "–" not in text and "—" not in text and " - " not in text:
        return text

    def drop(match: re.Match[str]) -> str:
        joined = re.sub(r"[\s–—-]", "", match.group(1))
        return match.group(2) if fold(joined) == fold(match.group(2)) else match.group(0)

    return _SYLLABLES_RE.sub(drop, text)


# Letters after these are a hint ("mit a y", "ohne h") or what the name is not ("also kein
# S-C-H"), not the spelling.
_HINT_STARTS = frozenset(
    {"mit", "ohne", "kein", "keine", "nicht"}
    | {"ned", "net", "nöd", "nit", "nid"}  # "nicht" in Bavarian, Swabian, Swiss, Kölsch
)


_LETTER_OR_NAME = "|".join(sorted(map(re.escape, _SPOKEN_LETTERS), key=len, reverse=True))
# Letters said by their German names, four or more in a row ("ka a em i en es ka i").
_LETTER_NAME_RUN_RE = re.compile(
    rf"(?<![^\W\d_])(?:[^\W\d_]|{_LETTER_OR_NAME})(?:[\s,-]+(?:[^\W\d_]|{_LETTER_OR_NAME})){{3,}}"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def letters_named_only(words: Sequence[str]) -> bool:
    """Two or more words, every one a letter said by its name ("ka ha"): a spelling confirmed
    ("Khalil mit K-H?" - "genau ka ha"), no name."""
    return len(words) >= 2 and all(w.lower() in _SPOKEN_LETTERS for w in words)


def letter_names_as_letters(text: str) -> str:
    """ "elisabeth kaminski ka a em i en es ka i": letters said by their names, which are
    words too ("es", "en", "em"), are letters only where together they spell a word said in
    the same breath; "pe be e ha vier eins" (a number plate) stays as it is."""
    if not _may_hold_letter_names(_WORD_RE.findall(text)):
        return text  # cheap test first: most turns have no four letters in a row
    runs = [m for m in _LETTER_NAME_RUN_RE.finditer(text) if not _all_single(m.group(0))]
    if not runs:
        return text
    said = {fold(word) for word in _WORD_RE.findall(text) if len(word) > 3}
    for run in reversed(runs):
        words = _WORD_RE.findall(run.group(0))
        letters = [w if len(w) == 1 else _SPOKEN_LETTERS[w.lower()] for w in words]
        if fold("".join(letters)) in said:
            text = text[: run.start()] + " ".join(letters) + text[run.end() :]
    return text


def _may_hold_letter_names(words: list[str]) -> bool:
    """Four or more letters or letter names in a row, one of them a name."""
    run, named = 0, False
    for word in words:
        if len(word) == 1 or word.lower() in _SPOKEN_LETTERS:
            run += 1
            named = named or len(word) > 1
            if run >= 4 and named:
                return True
        else:
            run, named = 0, False
    return False


def _all_single(run: str) -> bool:
    return all(len(w) == 1 for w in _WORD_RE.findall(run))


# Alemannic and Bavarian "s'I ohne Pünktle" ("das I"): the article clipped to "s'" before a
# letter that a mark follows; a bare "s" stays a spelled S.
_ARTICLE_CLIPPED_RE = re.compile(r"(?<![^\W\d_])[sS]['’](?=[^\W\d_]\s+(?:mit|ohne)\s)")


# "… dann wieder I ohne Punkt und K", "L wie Leipzig, wieder I ohne Punkt": the letter said
# again, glued as "dann" or the comma alone would glue it
_THEN_AGAIN_RE = re.compile(r"(\bdann|,)\s+wieder\b(?=\s+[^\W\d_]\s)", re.IGNORECASE)


def spelled_words(text: str) -> list[tuple[str, str]]:
    """Spelled words found in `text` as (joiner, word); joiner is "-" after "Bindestrich".

    A run needs three or more letters, so hints like "mit a y" or "d wie Dora" are not runs.
    """
    text = _alphabet_words_as_letters(_DIALECT_WIE_RE.sub("wie", _soft_g_as_letter(text)))
    text = letter_names_as_letters(text)
    if "mit" in text or "ohne" in text:
        text = _ARTICLE_CLIPPED_RE.sub("das ", text)
        text = _THEN_AGAIN_RE.sub(r"\1", text)
        text = _LETTER_EXPLAINED_RE.sub(_without_explanation, text)
        text = _MARK_LIKENED_RE.sub(r"\1", text)
        text = _MARK_AFTER_BUT_RE.sub(" ", text)
    tokens = _SPELL_TOKEN_RE.findall(text)
    runs: list[tuple[str, str]] = []
    # Letters right after "mit"/"ohne" are a hint ("mit a y", "ohne h"), not a spelling.
    hint = False
    hint_with = False  # the hint says what the name has ("mit"), not what it lacks
    hinted: list[str] = []  # letters heard since the hint began
    # "wie" is the spelling's own word, never the name ("A wie Anton, W wie Wilhelm, I …").
    said = {fold(word) for word in _WORD_RE.findall(text) if len(word) > 2} - {"wie"}
    current: list[str] = []
    doubled: set[str] = set()  # letters the current run doubled with "Doppel-N", "zwei S"
    described = -1  # the run's length when a letter described by its mark ended it
    explained_alone = False  # the run opened with one described letter and a full stop
    joiner = " "  # "-" or "'" join the next run to this one, "_" with a space
    apart = False  # the caller said the name is two words: "dann" parts them
    i, n = 0, len(tokens)

    def end_hint() -> None:
        nonlocal hint
        if len(hinted) > _HINT_LETTERS:
            spelled = _said_suffix(hinted, said)
            if spelled is None and len(hinted) > 4 and hinted[0] == hinted[1]:
                spelled = hinted[1:]  # "Vorname mit Ypsilon: Y, O, N, A, S": the hint, then all
            elif (
                spelled is None
                and len(hinted) > _HINTED_NAME
                and hint_with
                and (hinted[0] in hinted[1:])
            ):
                # "mit Ypsilon s c h n y d e r": the hint's letter, then the name that holds it
                spelled = hinted[1:]
            if spelled:
                runs.append((" ", _render(spelled)))
        hinted.clear()
        hint = False

    lead: list[str] = []  # hint letters a "wie" cut short: "Tjark mit T, J wie Julius, …"

    def close(
        before_hyphen: bool = False, before_apostrophe: bool = False, before_space: bool = False
    ) -> None:
        nonlocal current, joiner, lead, explained_alone
        if explained_alone and current[:1] and current[0].lower() in map(str.lower, current[1:]):
            # "n mit der kleinen Welle, ñ. B-E-G-O-Ñ-A": the letter explained on its own first
            current = current[1:]
        explained_alone = False
        if lead and fold("".join(lead + current)) in said and fold("".join(current)) not in said:
            current = lead + current  # the hint's letter was the spelling's first
        lead = []
        if len(current) > 3 and fold("".join(current)) not in said:
            # "nur ein l s c h m a l schmal": a letter counted before the spelling
            for cut in (1, 2):
                if fold("".join(current[cut:])) in said:
                    current = current[cut:]
                    break
        # Two letters make a run before a hyphen, one before an apostrophe ("D, Apostroph, A …").
        if (
            len(current) >= 3
            or ((before_hyphen or before_space) and len(current) == 2)
            or (before_apostrophe and current)
        ):
            runs.append((joiner, _render(current)))
            joiner = " "
        current = []
        doubled.clear()

    while i < n:
        token = tokens[i]
        low = token.lower()
        nxt = tokens[i + 1].lower() if i + 1 < n else ""
        if (
            nxt in _NOT_THIS_LETTER
            and _is_letter(token)
            and i + 2 < n
            and _is_letter(tokens[i + 2])
            and low in (c.lower() for c in [*current, *hinted])
        ):
            i += 3  # "… n a n i nicht e": the letter in question again, and what it is not
            continue
        if low in ".!?:;":
            end_hint()
            explained_alone = explained_alone or described == len(current) == 1
            i += 1
            if (
                current
                and len(current) == 2 * len(doubled)
                and {c.lower() for c in current} == doubled
            ):
                # "Nee, zwei L und zwei N. T wie Theodor, …": the doubles announced, not spelled
                current = []
                doubled.clear()
            if current and _explains_letter(tokens, i):
                close()  # "A, Y, Ş, E. Das Ş ist ein S mit Häkchen": the run ended
                i += 3
            elif (
                len(current) == 1
                and described != 1
                and i + 1 < n
                and _is_letter(tokens[i])
                and _is_letter(tokens[i + 1])
            ):
                current = []  # "Nein, mit V. V wie Viktor. K, O, V, …": the letter in question
            continue
        slip = _slip_mended(tokens, i, current) if current and low in _SLIP_WORDS else None
        if slip is not None:
            current.pop()  # "A, J wie Jul… nein, Entschuldigung, Y wie Ypsilon": a slip
            i = slip
            continue
        remark = _remark(tokens, i, current) if current else None
        if remark is not None:
            # "P-E-T-R-O-V-I-C, und das C am Ende mit Häkchen": a mark on a letter already said.
            i = remark
            continue
        again = _mark_again(tokens, i + 1, current[-1]) if current and low == "also" else 0
        if again:
            # "S mit Hatschek, also mit Häkchen oben drauf": the same mark explained again
            i += 1 + again
            continue
        where = _letter_place(tokens, i, current[-1]) if current else 0
        if where:
            i += where  # "…, und am Ende C mit Strich": where the next letter stands
            continue
        if current and low == "also" and nxt == "wie" and i + 2 < n:
            i += 3  # "S mit Komma unten, also wie Sch": an explanation, not letters
            continue
        if (
            current
            and low == "also"
            and nxt in _REMARK_LEAD
            and i + 3 < n
            and _is_letter(tokens[i + 2])
            and tokens[i + 3].lower() == "wie"
        ):
            # "C, I, also das C wie im Französischen, E, R": the letter explained, not again
            i += 4
            while i < n and not _is_letter(tokens[i]) and tokens[i] not in ".!?:;":
                i += 1
            continue
        if current and low == "also" and nxt in _SOUNDS:
            i += 2  # "C mit Häkchen oben, also Tsch": the sound, not letters
            continue
        said_again = _letter_described(tokens, i + 1, current) if current and low == "also" else 0
        if said_again:
            i += 1 + said_again  # "S mit Strich oben, also polnisches S": the letter again
            continue
        if current and low == "also" and _names_double_end(tokens, i + 1, current, doubled):
            i += 3  # "r a m m also zwei m am ende": the double letter explained
            while i < n and tokens[i].lower() in ("am", "ende", "hinten", "schluss"):
                i += 1
            continue
        if current and low == "also":
            explained_as = _next_letter(tokens, i + 1) or ""
            if (
                _base_letter(explained_as) == _base_letter(current[-1])
                and mark_count(current[-1]) > 0
                and i + 1 < n
                and _is_letter(tokens[i + 1])
            ):
                # "Ø, also O mit Strich": the letter said with its mark stands; the words
                # that describe it add none
                marked = _mark(tokens, i + 2, tokens[i + 1])
                i += 2 + (marked[1] if marked else 0)
                continue
            if fold(explained_as)[:1] == fold(current[-1])[:1]:
                # "Đ, also D mit Strich", "O mit zwei Punkterl, also Ö": the same letter
                current.pop()
            elif _next_letter(tokens, i + 1) is not None and (
                i + 2 >= n
                or tokens[i + 2].lower() != "wie"
                # "ö z t ü r k also ö wie Ökonom …": anew from its first letter, in words
                or (
                    len(current) >= 3
                    and fold(_next_letter(tokens, i + 1) or "") == fold(current[0])
                )
            ):
                close()  # "c wie Cäsar, also j a c o b s e n": the whole name spelled anew
            i += 1
            continue
        if low == "wörter" and i > 0 and tokens[i - 1].lower() in ("zwei", "2"):
            apart = True  # "El Idrissi, zwei Wörter: E, L, dann I, D, R …"
        if apart and low == "dann" and len(current) >= 2 and _is_letter(nxt):
            close(before_space=True)  # the announced word break
            joiner = "_"
            i += 1
            continue
        if current and low in _RUN_FILLERS:
            i += 1
            continue
        if current and low in ("ist", "is") and tokens[i - 1].lower() in ("das", "des"):
            i += 1  # "A mit so einem Schwänzchen unten, das ist Ą, dann B": the letter named
            continue
        if hint and nxt == "wie":
            lead = list(hinted) if not current else []
            end_hint()  # "mit p, p wie Paula": the spelling starts
        if hint and (
            _is_letter(token)
            or low in _LETTER_NAMES  # "mit Ypsilon": the letter by its name
            or low in _ESZETT
            or low in _DOUBLE
            or low == "scharfes"
        ):
            if _is_letter(token) or low in _LETTER_NAMES:
                hinted.append(_LETTER_NAMES.get(low, low))
            i += 1
            continue
        if low in _LETTER_NAMES and (current or _is_letter(nxt) or nxt in _LETTER_NAMES):
            current.append(_LETTER_NAMES[low])
            i += 1
            continue
        if nxt == "wie" and i + 2 < n and (len(token) <= 3 or low in _SPOKEN_LETTERS):
            # "Ä wie Umlaut Aachen": the word after "Umlaut" carries the letter.
            explained = tokens[i + 2].lower() == "umlaut" and i + 3 < n
            example = tokens[i + 3] if explained else tokens[i + 2]
            letter = _wie_letter(token, example)
            if letter is None and low in _SPOKEN_LETTERS:  # "Zett wie Zeppelin"
                letter = _wie_letter(_SPOKEN_LETTERS[low], example)
            if letter is not None and _explains_a_letter_of(current, letter, said):
                i += 4 if explained else 3  # "hoa h o a, o wie Otto": the O, explained
                continue
            if letter is not None:
                current.append(letter)
                i += 4 if explained else 3
                marked = _mark(tokens, i, letter) if len(letter) == 1 else None
                if marked is not None:
                    current[-1] = marked[0]
                    i += marked[1]
                continue
        marked = _mark(tokens, i + 1, token) if _is_letter(token) else None
        if marked is not None:
            if not (current and current[-1].lower() == marked[0]):
                current.append(marked[0])  # "Ć, C mit Strich oben" says one letter twice
            described = len(current)
            i += 1 + marked[1]
            continue
        if (
            described == len(current)
            and current
            and low == current[-1].lower()
            and mark_count(low) > 0
        ):
            i += 1  # "n mit der kleinen Welle, ñ": the letter described, then said
            continue
        if low == "umlaut" and _is_letter(nxt) and nxt in _UMLAUT:
            current.append(_UMLAUT[nxt])
            i += 2
        elif (
            low == "umlaut"
            and len(nxt) > 2
            and nxt[:1] in _UMLAUT
            and nxt not in _RUN_FILLERS | _NOT_AN_EXAMPLE
            and (i == 0 or tokens[i - 1].lower() not in _HINT_STARTS)
        ):
            current.append(_UMLAUT[nxt[:1]])  # "l wie leipzig umlaut unna": Ü as in Unna
            i += 2
        elif low in _ESZETT or (low == "scharfes" and nxt == "s"):
            current.append("ß")
            i += 1 if low in _ESZETT else 2
        elif (
            low in _DOUBLE
            and _is_letter(nxt)
            and len(current) >= 4
            and (_names_double_end(tokens, i, current, doubled))
        ):
            i += 2  # "g h a f f a r i zwei f": the double letter already spelled, explained
        elif low in _DOUBLE and _is_letter(nxt):
            current.extend([nxt, nxt])  # "zwei S", "Doppel-T"
            doubled.add(nxt)
            i += 2
            if i + 1 < n and tokens[i].lower() == "wie" and tokens[i + 1][:1].lower() == nxt:
                i += 2  # "zweimal T wie Theodor": the word for the letter doubled
        elif (
            token == "a" and nxt in _ARTICLE_A_BEFORE and (i == 0 or not _is_letter(tokens[i - 1]))
        ):
            i += 1  # "dann a scharfes S": Bavarian "a" is the article "ein", not the letter
        elif _is_letter(token) and i > 0 and tokens[i - 1].lower() in _SHAPE_WORDS:
            i += 1  # "Z mit Häkchen, so ein kleines V": the mark described, not a letter
        elif _is_letter(token) and not current and i > 0 and tokens[i - 1].lower() in _WHERE_LETTER:
            i += 1  # "mit H nach dem E. M, E, H …": which letter, not the spelling's first
        elif _is_letter(token):
            current.append(token)
            i += 1
        elif current and (resume := _spelling_resumes(tokens, i, described == len(current))):
            i = resume  # "U mit zwei Strichen, so schräg, nicht die Punkte, dann C, S"
        else:
            hyphen = low in ("bindestrich", "strich") and bool(current)  # between letters
            # "D wie Daniel, Apostroph, A wie Anna …": an elided article before the rest
            apostrophe = (
                low in ("apostroph", "hochkomma")
                and 1 <= len(current) <= 2
                and i + 1 < n
                and _is_letter(tokens[i + 1])
            )
            if apostrophe:
                current = current[-1:]  # the article is one letter; before it, a remark's
            close(before_hyphen=hyphen, before_apostrophe=apostrophe)
            if hint and low not in _HINT_WORDS:
                end_hint()
            hint = low in _HINT_STARTS or (hint and low in _HINT_WORDS)
            if low in _HINT_STARTS:
                hint_with = low == "mit"
            if hyphen and runs:
                joiner = "-"
            if apostrophe and runs:
                joiner = "'"
            i += 1
    end_hint()
    close()
    return _joined_where_said(runs, said)


def _joined_where_said(runs: list[tuple[str, str]], said: set[str]) -> list[tuple[str, str]]:
    """Two runs that together spell a word said in the turn are one spelling a remark split
    ("L, E, F, E mit Accent grave, also der Strich von links oben …, V, R, E. Lefèvre.")."""
    out: list[tuple[str, str]] = []
    for joiner, word in runs:
        if out and joiner == " " and fold(out[-1][1] + word) in said:
            out[-1] = (out[-1][0], out[-1][1] + word.lower())
        else:
            out.append((joiner, word))
    return out


def _said_suffix(letters: list[str], said: set[str]) -> list[str] | None:
    """The longest end of `letters` (three or more) that spells a word said in the text."""
    for start in range(len(letters) - 3 + 1):
        if fold("".join(letters[start:])) in said:
            return letters[start:]
    return None


def resolve_spelling(text: str) -> str | None:
    """The name spelled in `text` ("M-A-I-E-R" -> "Maier"), or None if nothing was spelled."""
    names = spelled_names(text)
    return " ".join(names) if names else None


def spelled_names(text: str) -> list[str]:
    """Each spelled name in `text` on its own ("…, Ștefănescu. Und Vorname I, O, A, N" gives
    two); parts joined by "Bindestrich" stay one name."""
    names: list[str] = []
    for joiner, word in spelled_words(text):
        if joiner in "-'_" and names:
            names[-1] += (" " if joiner == "_" else joiner) + word
        else:
            names.append(word)
    return names


# Letters whose mark NFD does not split off: the stroke of "ł", "đ", "ø", the missing dot of "ı"
_MARKED_WHOLE = frozenset("łŁđĐøØıħĦ")


def mark_count(word: str) -> int:
    """How many letters carry a mark (ć, ş, ñ, ł, ı …): NFD splits most off as combining
    signs."""
    split_off = sum(unicodedata.combining(ch) > 0 for ch in unicodedata.normalize("NFD", word))
    return split_off + sum(ch in _MARKED_WHOLE for ch in word)


def keep_said_form(spelled: str, said: str) -> str:
    """Prefer the said form when it equals the spelling up to accents ("Petrović"/PETROVIC),
    but not where the letters say "A, E" for a said "ä" ("Schaefer, net mit Ä"); and when the
    spelling only adds a letter or two in front of the said form, those were a remark's
    ("mit scharfem S, also ß, und hinten ö. W, E, I, ß …")."""
    said_key, spelled_key = fold(said).replace(" ", ""), fold(spelled).replace(" ", "")
    if said_key == spelled_key:
        if spelled.count(" ") != said.count(" "):
            return spelled  # "Ben Ali, zwei Wörter": the spelling says where the words part
        umlaut_spelled_out = re.search(r"[aou]e", spelled.casefold()) and re.search(
            r"[äöü]", said.casefold()
        )
        # "ivana simic" heard, "S mit Hatschek … C mit Akzent" spelled: the marks are the
        # spelling's, which the recogniser lost.
        marks_spelled = mark_count(spelled) > mark_count(said)
        return spelled if umlaut_spelled_out or marks_spelled else said
    if (
        len(spelled_key) >= 4
        and len(said_key) == len(spelled_key) + 1
        and said_key.endswith(spelled_key)
    ):
        return said  # "Łukasz schreibt man mit L mit Strich, dann u, k …": the hint's letter
    extra = len(spelled_key) - len(said_key)
    own_part = re.search(r"[-\s]", spelled.strip()) is not None  # "Al-Hamwi": a part of its own
    if 1 <= extra <= 3 and len(said_key) >= 4 and spelled_key.endswith(said_key) and not own_part:
        # The letters a remark put in front go; the marks the spelling gave the rest stay
        # ("S mit Hatschek, also wie Sch, am Schluss C mit Akzent: S mit Hatschek, A, R, I, C …").
        tail = next(
            (spelled[-n:] for n in range(1, len(spelled)) if fold(spelled[-n:]) == said_key), None
        )
        if tail is not None and mark_count(tail) > mark_count(said):
            return tail[:1].upper() + tail[1:]
        return said
    return spelled


def strip_hint(text: str) -> str:
    """Drop a trailing spelling hint: "Mayer mit a y" -> "Mayer"."""
    words = text.split()
    for i, word in enumerate(words):
        if i == 0 or word.lower() != "mit":
            continue
        tail = [w.strip(",.;:-!?") for w in words[i + 1 :]]
        if tail and all(
            len(w) <= 3 or w.lower() in _HINT_WORDS or w.lower() in ALPHABET for w in tail if w
        ):
            return " ".join(words[:i]).rstrip(",;:- ")
    return text


def apply_correction(text: str) -> str:
    """The corrected part of "Meier, nein, Maier" or "Maier, nicht Meier"."""
    matches = list(_CORRECTION_RE.finditer(text))
    if not matches:
        return text
    last = matches[-1]
    if last.group(1).lower() == "nicht":
        before = text[: last.start()].strip(" ,;:-–—?!.")
        if before:
            return apply_correction(before) if len(matches) > 1 else before
    after = text[last.end() :].strip(" ,;:-–—?!.")
    return after or text
