"""Caller and patient names from a finished call: turns first, analysis fields cross-checked."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import cologne_phonetics
from rapidfuzz.distance import Indel, Levenshtein

from frontdesk.names.decision import Candidate, decide, lexical_prior
from frontdesk.names.knowledge import is_first_name, is_merged_words, knowledge
from frontdesk.names.lexicon import (
    FILLERS,
    FUNCTION_WORDS,
    GREETINGS,
    INSTITUTIONS,
    NAME_PARTICLES,
    RELATIONS,
    SALUTATIONS,
    TIME_WORDS,
    TITLES,
    WEEKDAYS,
    fold,
    plain,
    word_set,
)
from frontdesk.names.mentions import (
    ASK_CONFIRM,
    ASK_FIRST,
    ASK_NAME,
    ASK_NONE,
    ASK_PATIENT,
    ASK_RELATIVE,
    ASK_SPELL,
    ASK_SURNAME,
    BOOKED_FOR_RELATIVE_RE,
    FORMER_NAME,
    HYPHEN_SPELLED_RE,
    NAME_ASKS,
    Context,
    Mention,
    classify_ask,
    find_mentions,
    has_booking_relation,
    may_name,
    named_a_pet,
)
from frontdesk.names.spelling import keep_said_form, mark_count, spelled_names
from frontdesk.names.truecase import capital, is_lower_case, truecase
from frontdesk.names.validator import (
    FREQUENT_WORD_ZIPF,
    NameVerdict,
    is_common_first_name,
    is_short_form_of,
    names_organisation,
    shape_reason,
    short_form,
    validate_name,
)


@dataclass(frozen=True)
class Turn:
    role: str  # "agent" | "user"
    content: str


@dataclass(frozen=True)
class ExtractedNames:
    caller_name: str | None
    patient_name: str | None
    confidence: float
    caller_source: str | None  # "function_call" | "analysis" | "transcript"
    caller_turn_index: int | None
    patient_turn_index: int | None
    # Every candidate considered, with its evidence and confidence (for --explain).
    candidates: tuple[dict[str, Any], ...] = field(default=(), compare=False)


_EARLY_USER_TURNS = 2
_APPOINTMENT_NAME_RE = re.compile(r"auf welchen namen|für wen", re.IGNORECASE)
_NO_RE = re.compile(r"^\W*(?:nein|nee|ne|nä|naa|na|falsch|nicht ganz)\b", re.IGNORECASE)
_SPELL_REQUEST_RE = re.compile(r"buchstabier|wie schreibt man|wie schreibe ich", re.IGNORECASE)
# The caller's own name asked for ("Ihren Namen", "Ihren Nachnamen", "Ihr Vorname")
_YOUR_NAME_RE = re.compile(r"\bIhre[nm]?\s+(?:Vor|Nach|Familien)?[Nn]amen?\b")
# The agent wants the rest of a name it heard: the surname, the name in full.
_REST_OF_NAME_RE = re.compile(
    r"\b(?:nachnamen?|familiennamen?|vollständigen namen|ganzen namen|vollen namen)\b",
    re.IGNORECASE,
)
# "Ist Nnaji Ihr Nachname und Ifeoma Ihr Vorname?", and the other way round
_BOTH_PARTS_ASKED_RE = re.compile(
    r"\b(?:ist|sind)\s+(?:(?P<last>[A-ZÄÖÜ][^\W\d_]+)\s+Ihr\s+(?:Nach|Familien)name\s+und\s+"
    r"(?P<first>[A-ZÄÖÜ][^\W\d_]+)\s+Ihr\s+Vorname"
    r"|(?P<first2>[A-ZÄÖÜ][^\W\d_]+)\s+Ihr\s+Vorname\s+und\s+(?P<last2>[A-ZÄÖÜ][^\W\d_]+)\s+"
    r"Ihr\s+(?:Nach|Familien)name)\b"
)
_YES_RE = re.compile(
    r"^\W*(?:ja|jo|joa|jep|genau|richtig|korrekt|stimmt|exakt|jawohl|passt)\b", re.IGNORECASE
)
# The caller brings up their own name ("meinen Namen sagen", "mei Name, entschuldigung").
_SELF_ANNOUNCED = re.compile(
    r"\b(?:mein|meinen|mei|meine)\s+namen?\b(?!\s+(?:ist|is|isch)\b)(?:[^.!?]{0,40}[.!?])?|"
    # "ich hab mich gar nicht vorgestellt. Carola Tiedemann, Fuhrparkleitung."
    # Bavarian "jetz hab i mi gar ned vorgstellt hübner erwin hübner" (unpunctuated: the name
    # follows at once)
    r"\b(?:mich|mi|misch)\s+(?:\w+\s+){0,2}(?:nicht|net|ned|nit|nöd)\s+vorg(?:e)?stellt\b"
    r"(?:[^.!?]{0,30}[.!?])?",
    re.IGNORECASE,
)
_SIMILAR = 0.75
_CONFIRMED_ENDING = 4  # "mit u-s-z am Ende?": a few letters the agent asks about
_SHORT_PART = 3  # "Al" of "Al-Rashid": too short to be a misheard part of a first name
# A spelling after "nein" this like the heard surname corrects it ("Kwant" heard, "Quandt");
# from 0.6 on the ordinary spelling rules take it anyway.
_CORRECTED_LIKE = 0.5
_SIMILAR_SPELLING = 0.6
_SPELLED_SURNAME_MIN = 4
# Titles between "Frau" and the name: "Frau Dr. Weber", "Frau Mag. Feurstein", "Herr Ing. Gruber".
_TITLES_RE = r"(?:(?:Dr|Prof|Mag|Ing|Dipl\.-Ing)\.?\s+)*"
# An upper-case letter of any Latin script ("Š", "Ž", "Ł", "É" open names as "Ä" does).
_UPPER = "[" + "".join(re.escape(c) for c in map(chr, range(0x41, 0x2B0)) if c.isupper()) + "]"
_ECHO_RE = re.compile(
    r"\b(?:Herr|Herrn|Frau)\s+"
    + _TITLES_RE
    + r"((?:(?:von|van|de|der|zu|di|da|vom)\s+)*"
    + _UPPER
    + r"[\w'’-]*(?:\s+"
    + _UPPER
    + r"[\w'’-]*)?)"
)
# The agent addressing the caller: "Frau/Herr X" and a pause, after a greeting or thanks (or
# at a sentence's start); "Frau Schubert kann am Dienstag kommen" speaks about someone.
_ADDRESS_RE = re.compile(
    r"\b(?:Herr|Frau)\s+" + _TITLES_RE + r"(?!(?:Dr|Prof|Mag|Ing)\b)(" + _UPPER + r"[\w'’-]+)"
    r"(?=\s*[,.!?]|\s+mit\b|\s*$)"
)
# "Frau Tschann", "bei Herrn Dr. Gräf": a salutation right before a name the agent says.
# "Frau Theresia Moser, morgen um 10": a first name may stand between.
_THIRD_PERSON_SALUTATION_RE = re.compile(
    r"\b(?:Herrn?|Frau)\s+(?:(?:Dr|Prof)\.?\s+)*(?:[A-ZÄÖÜ][\w-]+\s+)?$"
)
_FOR_MYSELF_RE = re.compile(
    r"^\W*(?:(?:ja|nein|nee|also|äh|ähm)\W+)*f(?:ü|ue)r mich(?:\s+selbst|\s+selber)?\b(?!\s+und\b)",
    re.IGNORECASE,
)
_SAID_TO_CALLER, _SAID_OF_SOMEONE = "to the caller", "of someone"
# "Schreibt sich Ihr Name T-Ö-M-M-E-S?", "war das Kowaltschuk mit T-S-C-H?": about a name heard.
_SPELLING_QUESTION_RE = re.compile(r"schreib|buchstab|\b\w-\w\b", re.IGNORECASE)
_ADDRESS_OPENERS = word_set("danke schön hallo tag morgen abend grüezi servus moin klar gut")


# The caller offering to spell their own name: "mein Nachname, ich buchstabiere" or "der
# Nachname ist schwierig, ich buchstabiere lieber" (not "den Namen meiner Mutter").
_OWN_SPELLING_RE = re.compile(
    r"\b(?:mein(?:en)?|der|den)\s+(?:nach|familien)?namen?\b(?![^.?!]{0,20}\b(?:meine[rsm]?|"
    r"ihre[rsm]?|seine[rsm]?)\b)[^.?!]{0,60}\bbuchstabier"
)


def _spoken_to(text: str, start: int) -> bool:
    """What precedes "Frau X" at `start` makes it an address, not talk about someone."""
    before = text[:start].rstrip()
    if not before or before[-1] in ",.!?:":
        return True
    return before.rsplit(None, 1)[-1].lower() in _ADDRESS_OPENERS


_KIND_SCORE = {
    "intro": 0.92,
    "answer": 0.9,
    "spelled": 0.9,
    "first": 0.9,
    "last": 0.9,
    "relation": 0.85,
    "echo": 0.85,
    "booked": 0.85,
    "mentioned": 0.6,
    "weak": 0.7,
    "bare": 0.75,
}
_CALLER_KEYS = (
    "caller_full_name",
    "caller_name",
    "customer_name",
    "customer_full_name",
    "anrufer_name",
    "kunde_name",
    "full_name",
    "name",
)
_PATIENT_KEYS = ("patient_full_name", "patient_name", "patientin_name", "for_whom_name")


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(fold(a), fold(b)))


def _sounds_alike(a: str, b: str) -> bool:
    """The same Cologne phonetic code: "Meier" heard, "Mayr" spelled; "Carstens", "Karstens"."""
    if " " in a or " " in b:
        return False
    code_a, code_b = cologne_phonetics.encode(fold(a)), cologne_phonetics.encode(fold(b))
    return bool(code_a and code_b) and code_a[0][1] == code_b[0][1]


# "Dr. Vogel kann ihn heute dazwischennehmen. Wie schreibt man den Namen?": the name of the
# man just spoken of ("ihn", "ihm", "er" are never the caller, whom the agent calls "Sie").
_HIS_NAME_SPELLED_RE = re.compile(
    r"\b(?:ihn|ihm|er)\b[^?]*\b(?:wie schreibt man|buchstabieren)\b[^?]*"
    r"\bden (?:nach|vor|familien)?namen\b"
    r"|\b(?:ihn|ihm|er)\b[^?]*\bden (?:nach|vor|familien)?namen\b[^?]*"
    r"\b(?:buchstabieren|schreibt)\b",
    re.IGNORECASE,
)
# What makes a call about an appointment: a time, a booking, a visit said by either side.
_SEEN_OR_BOOKED_RE = re.compile(
    r"\b\d{1,2}(?::\d\d)? ?uhr\b|\b\d{1,2}:\d\d\b|\bum (?:halb )?\w+ uhr\b|hausbesuch|"
    r"eingetragen|eintragen|vormerk|vorgemerkt|\btermin|untersuchung|"
    r"\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|morgen) um\b",
    re.IGNORECASE,
)
# What a call only about information is about: a report, a bill, a value (a prescription is
# asked for the patient, "er braucht ein Rezept", and names them).
_DOCUMENTS_RE = re.compile(
    r"befund|rechnung|bericht|laborwert|\bwert\b|unterlagen|\bfax|"
    r"kostenvoranschlag|abrechnung|leistungs",
    re.IGNORECASE,
)
# Anyone coming or being visited: someone is seen after all.
_VISIT_RE = re.compile(r"besuch|vorbei|notfall|bring|anschauen|ansehen|komm", re.IGNORECASE)


def _only_about_documents(turns: Sequence[Turn]) -> bool:
    """The call is about a report, a bill or a value; no one is booked or visited."""
    said = " ".join(t.content for t in turns)
    return (
        _SEEN_OR_BOOKED_RE.search(said) is None
        and _DOCUMENTS_RE.search(said) is not None
        and _VISIT_RE.search(said) is None
    )


class _OnFirstUse:
    """A set of words built the first time someone asks whether it holds one."""

    def __init__(self, build: Callable[[], frozenset[str]]) -> None:
        self._build = build
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = self._build()
        return word in self._words


def _first_name_word(word: str) -> bool:
    return word.lower() not in FUNCTION_WORDS and is_common_first_name(word)


# What the agent says after "Herr"/"Frau": a particle ("Herr De Luca"), and the word.
_SALUTED_WORD_RE = re.compile(
    r"(?:Herrn?|Frau)\s+(?:([Dd][aei]|[Dd]')\s*)?(" + _UPPER + r"[\w'’-]+)"
)


def _saluted_words_in(text: str) -> Iterator[re.Match[str]]:
    """Each "Herr X"/"Frau X" in the text, found by a plain search first (long calls)."""
    for salutation in ("Herr", "Frau"):
        at = text.find(salutation)
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():
                match = _SALUTED_WORD_RE.match(text, at)
                if match is not None:
                    yield match
            at = text.find(salutation, at + 4)


_CAP_WORD_RE = re.compile(r"\b" + _UPPER + r"[\w'’-]+")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_READBACK_TURNS = 8
# An agent turn that books or notes an appointment.
# The agent gives an appointment (not a note: "Notiert: Anpassbericht für Herrn Albers").
_APPOINTS = r"\b(?:trage|tragen)\b.*\bein\b|\beintragen\b|eingetragen|\bgebucht"
_APPOINTS_RE = re.compile(_APPOINTS, re.IGNORECASE)
# Before a name, words that make it someone else's ("für Sandra Holst", "meine Tochter").
_NOT_OWN_BEFORE = word_set("herrn herr frau für fuer mein meine meinen meinem meiner von bei beim")
_BOOKED_RE = re.compile(
    rf"{_APPOINTS}|\bnotiert|\bTermin (?:ist )?für\b|\bvorgemerkt\b|\breserviert\b|\beingeplant\b",
    re.IGNORECASE,
)
# The agent greets or thanks the caller by name: "Servus Nikola.", "Danke, Frau Pham."
_GREETED_RE = re.compile(
    r"^\W*(?:servus|hallo|hi|moin|grüezi|grüß gott|guten tag|danke|vielen dank)\W+"
    r"(?:(?:herr|frau)\s+)?([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
_YOUR_RE = re.compile(
    r"\b(?:ihr|ihre|ihren|ihrem|ihrer|dein|deine|deinen|sie\s+sich)\b", re.IGNORECASE
)
_NAME_TALK_RE = re.compile(r"vorname|nachname|familienname|surname|first name")
# Up to four capitalised words in a row: where a written name can stand in the agent's text.
# A lower-case particle may stand before a word ("Yusuf al-Rashid", "Giulia di Stefano").
_PARTICLE = (
    r"(?:(?:al|el|ul|de|da|di|do|dos|das|du|la|le|lo|van|von|der|den|ter|ten|bin|ibn|abu)[-\s])?"
)
_CAPITALISED = r"[^\W\d_a-zäöüß][^\W\d_]*(?:-[^\W\d_]+)*"
_CAPITALISED_WORD_RE = re.compile(rf"\b{_CAPITALISED}")
# "für Javed Qureshi Montag und Donnerstag": a weekday after a name is when, not who.
_NOT_A_WEEKDAY = "(?!(?:" + "|".join(sorted(w.capitalize() for w in WEEKDAYS)) + r")\b)"
_NAME_RUN_RE = re.compile(
    rf"\b{_PARTICLE}{_CAPITALISED}(?:\s+{_NOT_A_WEEKDAY}{_PARTICLE}{_CAPITALISED}){{0,3}}"
)
# Capitalised words of any script ("Đorđević", "Ștefănescu"), hyphens kept.
# The agent says what it recorded: "steht jetzt … im System", "korrigiert", "aktualisiert".
_RECORDED_RE = re.compile(
    r"\bim System\b|\bkorrigiert\b|\baktualisiert\b|\bgeändert\b|"
    # "Verstanden: Łukasz Wójcik.", "Danke, jetzt habe ich Rūta Žukauskaitė."
    r"\bVerstanden:|\bjetzt habe ich\b"
)
_RECORDED_SIMILAR = 0.75
_RECORDED_WITHIN = 8  # turns
_WRITTEN_WITHIN = 2  # the agent's turns after a spelling that may write the name
# A spelling this like a said surname spells it ("Magaliesch" heard, "Magalhães" spelled).
_SPELLED_LIKE = 0.7
# Letters no decomposition strips: "ı", "ł", "ø", "đ".
_NAME_FORM_RE = re.compile(r"\b[^\W\d_a-zäöüß][^\W\d_]*(?:-[^\W\d_]+)*")


def _named_before(text: str, start: int, found: Sequence[tuple[Mention, str]]) -> bool:
    """ "Fuchs mein Name. Es geht um …": the name stands before "mein Name", so what follows
    is no answer to it."""
    before = _WORD_RE.findall(text[:start])
    said = {fold(w) for m, _ in found if m.kind == "intro" for w in _words(m.verdict.name or "")}
    return bool(before) and fold(before[-1]) in said


def _echoes_known(agent_text: str, known: Sequence[str]) -> bool:
    """A short agent question repeats (maybe mishears) a name the caller gave: "Hubert?"."""
    if re.search(r"\bmit\s+\w\b", agent_text, re.IGNORECASE):
        return True
    words = _CAP_WORD_RE.findall(agent_text)
    return any(_ratio(w, k) >= 0.6 for w in words for k in known[-4:])


# The caller hands the phone on ("warten S', ich geb ihn Ihnen kurz", "Lukas, sag mal hallo")
# and takes it back ("da bin wieder i", "so, gib her"): whoever speaks in between is not the
# caller.
_HAND_OVER_RE = re.compile(
    r"\b(?:ich|i)\s+(?:geb|gebe|gib|reich|reiche)\s+(?:ihn|sie|ihm|ihr|eam|ihna)\s+"
    r"(?:ihnen|ihna|dir|mal|kurz|weiter)\b|\bsag\s+(?:mal\s+|amal\s+|amoi\s+|emol\s+)?hallo\b",
    re.IGNORECASE,
)
_TAKE_BACK_RE = re.compile(
    r"\b(?:bin|is|ist|isch)\s+(?:wieder|nochmal|nomal)\s+(?:ich|i)\b|\bwieder\s+(?:ich|i)\b|"
    r"\bgib\s+(?:mal\s+|amal\s+)?her\b",
    re.IGNORECASE,
)


def _spoken_by_other(m: Mention, booking: bool) -> Mention:
    """A mention from a turn the caller handed on: the speaker is the patient in a booking
    for someone else, else someone the caller is with."""
    if m.role != "caller":
        return m
    return Mention(m.verdict, "patient" if booking else "other", m.kind, m.turn)


# What the caller said before is a name they no longer bear ("des is mei Mädchenname").
_THAT_WAS_FORMER_RE = re.compile(
    r"\b(?:das|des|dies)\s+(?:ist|is|war)\s+(?:doch\s+|aber\s+|ja\s+)?(?:mein|mei|meine)\s+"
    r"(?:mädchenname|geburtsname|ledigenname|alter\s+name|früherer\s+name)\b",
    re.IGNORECASE,
)
# "ich heiße jetzt Weigel", "mein Name ist inzwischen Kofler": the name borne since a change.
_NAMED_NOW_RE = re.compile(
    r"\b(?:(?:heiße|heisse|heiß|heiss)\s+(?:ich\s+|i\s+)?|(?:name|nachname)\s+ist\s+)"
    r"(?:jetzt|nun|inzwischen|mittlerweile|seit\s+der\s+hochzeit)\s+"
    r"(?:(?:nur|noch|also|ja|halt|eben|einfach)\s+)*(\w+)",
    re.IGNORECASE,
)
# "Kaminski is mein Kollege", "Lena ist meine Tochter": the name is someone else's.
_SOMEONE_ELSE_RE = re.compile(
    r"\b([A-Za-zÄÖÜäöüß][\w'’-]+)\s+(?:ist|is|isch)\s+(?:mein|meine|mei|mini|min|miin)\s+(\w+)",
    re.IGNORECASE,
)
_COLLEAGUES = frozenset({"kollege", "kollegin", "chef", "chefin", "vorgesetzter", "vorgesetzte"})
_NOW_ADVERBS = ("jetzt", "nun", "inzwischen", "mittlerweile", "hochzeit")
# How an agent greets a caller back by name ("Moin Swantje!", "Hallo Elif,").
_GREETED_BACK = (
    r"(?:hallo|hi|hey|moin|hoi|servus|grüezi|grüß\s+gott|guten\s+tag|willkommen|"
    # "Gern, Rojin.", "Klar, Lukas.": the agent's reply taken up with the name
    r"gerne?|klar|alles\s+klar|super|danke)"
)
_CAPITALISED_RE = re.compile(r"\b[A-ZÄÖÜ]\w")
_NO_APPOINTMENT_RE = re.compile(
    r"\b(?:geht\s+(?:es\s+)?nicht\s+um\s+(?:einen\s+|den\s+)?termin|"
    r"(?:brauche|brauch|will|möchte)\s+(?:\w+\s+)?keinen\s+termin)\b",
    re.IGNORECASE,
)


_PREPOSITIONS = r"(?:bei|beim|für|von|vom|mit|um|zu|zur|zum|wegen|über|an)"
_PREPOSITION_AT_END_RE = re.compile(rf"\b{_PREPOSITIONS}\s*$")
# "Herrn Hares", not "Frau Maria Gruber" (a first name, then the surname)
_AFTER_SALUTATION_RE = re.compile(r"\b(?:Herrn?|Frau)\s+([A-ZÄÖÜ][^\W\d_]+)\b(?!\s+[A-ZÄÖÜ])")
# The words of an e-mail address dictated ("alessia punto ferrari at …").
_DICTATION_WORDS = word_set("punkt punto dot at ät unterstrich")
# Verbs after a name that say something of that person, not that they are speaking.
_SAID_OF_SOMEONE_VERBS = frozenset(
    {"braucht", "hat", "ist", "is", "isch", "kommt", "muss", "soll", "möchte", "will", "war"}
)
_WHICH_SALUTATION_RE = re.compile(r"\b(?:herr\s+oder\s+frau|frau\s+oder\s+herr)\b", re.I)
# A spelling this unlike the surname known spells another part of the name.
_UNLIKE_SPELLING = 0.5
# How alike words heard apart and the one word spelled for them must be to be that word.
_JOINED_SPELLING = 0.85


class _Slots:
    """First name and surname of one person, refined as the call goes on."""

    def __init__(self) -> None:
        self.first: str | None = None
        self.last: str | None = None
        self.turn: int | None = None
        self.score = 0.0
        self.kinds: set[str] = set()
        self.turns: set[int] = set()
        self.conflict = False
        self.labelled: dict[str, str] = {}  # folded word -> "first" / "last", as the caller said
        self.said_surnames: set[str] = set()  # folded one-word surnames said, not spelled
        self.first_spelled = False  # the first name we hold came from a spelling

    @property
    def name(self) -> str | None:
        return " ".join(p for p in (self.first, self.last) if p) or None

    def _set(self, first: str | None, last: str | None, mention: Mention) -> None:
        if first and last and " " in first:
            # "Anke Schulte Bernrath", then "Schulte-Bernrath": the double surname takes its
            # first part back from what looked like a second first name.
            parts = re.split(r"[\s-]", last)
            words = first.split()
            # "Claudia Schmidt Hahn" heard, "Schmitt-Hahn" corrected: the first part as well
            if len(parts) > 1 and (
                fold(words[-1]) == fold(parts[0])
                or (
                    len(parts[0]) > _SHORT_PART
                    and (
                        _ratio(words[-1], parts[0]) >= _SIMILAR
                        or _sounds_alike(words[-1], parts[0])
                    )
                )
            ):
                first = " ".join(words[:-1])
        if first != self.first:
            self.first_spelled = mention.kind == "spelled"
        self.first, self.last, self.turn = first, last, mention.turn
        if last and mention.kind != "spelled" and " " not in last:
            self.said_surnames.add(fold(last))
        self.score = max(self.score, _KIND_SCORE.get(mention.kind, 0.7))
        self.kinds.add(mention.kind)
        self.turns.add(mention.turn)

    def same_person(self, v: NameVerdict) -> bool:
        if self.last and v.last_name and _ratio(self.last, v.last_name) >= _SIMILAR:
            return True
        if self.last and v.last_name and _core(self.last) == _core(v.last_name):
            return True  # "Fuente" spelled, "de la Fuente" said: the particles are no other name
        if self.first and v.first_name and self.last is None:
            # "vom Maxi, Maximilian Gruber": a short form opening the full first name
            a, b = fold(self.first), fold(v.first_name)
            if short_form(a, b) or short_form(b, a):
                return True
        # A lone word may have been either part ("Ernst. Petra Ernst.").
        ours = {fold(p) for p in (self.first, self.last) if p}
        return bool(ours & {fold(p) for p in (v.first_name, v.last_name) if p})

    def add(self, m: Mention, ask: str) -> None:
        v = m.verdict
        name = v.name or ""
        if m.kind == "echo" and self._first_name_spelled_over(v):
            self.turns.add(m.turn)  # "Yonas" spelled stands over "jonas" heard beside the surname
            return
        if m.kind != "spelled" and self._joins_split_words(v, m):
            return  # "katharina schmidt ke" … "schmidtke genau": one word heard as two
        if m.kind in ("first", "last"):
            self.labelled[fold(name)] = m.kind
        if v.first_name and v.last_name and self._labelled_other_way(v):
            # "Szabó Katalin. Also, Katalin ist der Vorname": the label, said first, holds.
            v = replace(v, first_name=v.last_name, last_name=v.first_name)
        if self._full_first_name(v):
            # "da is d'Jessi" … "Ihr Nachname?" - "Jessica": her first name in full
            self._set(name, None, m)
        elif self._around_hyphenated_surname(v):
            # "Krüger-Hansen ist der Nachname" … "Lena Krüger Hansen": the rest is the first name
            parts = {fold(p) for p in (self.last or "").replace(" ", "-").split("-")}
            rest = [w for w in name.split() if not {fold(p) for p in w.split("-")} <= parts]
            self._set(" ".join(rest), self.last, m)
        elif self._rest_of_labelled_surname(v, m):
            # "Ferreira da Silva, Ana Paula. Ferreira da Silva ist alles Familienname": beside
            # a surname the caller labelled, the other name said in the turn is the first name.
            self._set(name, self.last, m)
        elif m.kind == "last":  # what the caller says outright beats the question's guess
            other = self.last if self.first and fold(self.first) == fold(name) else self.first
            if other is None and self.last and fold(self.last) != fold(name):
                other = self.last  # "Sie heißt Luwam … Nachname Tesfamariam": the lone word
            self._set(_without(other, name), name, m)
        elif (
            m.kind == "first"
            and self.first
            and self.turn == m.turn
            and "spelled" in self.kinds
            and " " not in name + self.first  # "Duc" spelled of "Vorname Duc Anh": a part
            and fold(self.first) != fold(name)
            and _ratio(self.first, name) >= _SIMILAR_SPELLING
        ):
            # "Vorname Katrin, K-A … nein, mit C: C-A-T-R-I-N": the spelling mends the label's
            self.turns.add(m.turn)
        elif m.kind != "first" and ask == ASK_FIRST and self._double_surname_said(name):
            if "-" in name:
                self._set(self.first, name, m)  # the part asked about belongs to the surname
        elif m.kind == "first" or (
            ask == ASK_FIRST
            and v.first_name is None
            and " " not in name
            and not (self.first and self.last and fold(self.last) == fold(name))
        ):
            # "Kovács Eszter … Eszter ist der Vorname": the other word is the surname.
            other = self.first if self.last and fold(self.last) == fold(name) else self.last
            self._set(name, _without(other, name), m)
        elif (
            ask == ASK_FIRST
            and " " not in name
            and self.first
            and self.last is None
            and fold(self.first) != fold(name)
        ):
            self._set(name, self.first, m)  # "Ernst hier" … "Ihr Vorname?" - "Malte"
        elif m.kind == "spelled":
            self._spelled(name, m, ask)
        elif m.kind == "answer" and v.first_name and self._turned_around(name):
            # "hier ist Büşra Yılmaz" … "Büşra mit ü …, Yılmaz mit Y vorne": the two words of
            # our name, each described, read the other way round
            self.turns.add(m.turn)
        elif (
            m.kind == "answer"
            and ask in (ASK_SURNAME, ASK_SPELL)
            and v.first_name
            and not is_first_name(v.first_name)
        ):
            # Asked for the surname (or its spelling), "Wieser Trattnig" is a double surname.
            self._set(self.first, name, m)
        elif m.kind == "bare" and v.first_name and self._reorders(name):
            self.turns.add(m.turn)  # "Brandt … und Oehlschläger": our words, in another order
        elif v.first_name and v.last_name and self._spelled_word_leads(v, m):
            # "Eder Rosa. E-D-E-R.": the word spelled, said first, is the surname.
            self._set(v.last_name, v.first_name, m)
        elif v.first_name and v.last_name and self._repeats_part_of(name):
            # "Rafael da Costa Moreira" … "auf mich, da Costa Moreira": part of the name again.
            self._set(self.first, self.last, m)
        elif (
            v.first_name
            and v.last_name
            and self.first
            and self.last
            and self.kinds == {"spelled"}
            and self.turn == m.turn
            and Levenshtein.distance(fold(self.first), fold(v.first_name)) > 1
            and Levenshtein.distance(fold(self.last), fold(v.last_name)) > 1
        ):
            # "Lukasch Dombrowski … L mit Querstrich, U, K, A, S, Z … D, A mit Schwänzchen,
            # B, R, O, W, S, K, I": both names spelled in the turn that said them stand
            self._set(self.first, self.last, m)
        elif (
            v.first_name
            and v.last_name
            # "… S, H, E, V, C, H, U, K. Vorname Taras, T, A, R, A, S.": both spelled
            and (
                self.first is None
                # a spelling a letter away from the name said is a slip of the spelling
                or (
                    fold(self.first) == fold(v.first_name)
                    and Levenshtein.distance(fold(self.last or ""), fold(v.last_name)) > 1
                )
            )
            and "spelled" in self.kinds
            and self.kinds <= {"spelled", "first"}
            and self.turn == m.turn
            and is_first_name(v.first_name)
            and _core(v.last_name) != _core(self.last or "")
            and plain(self.last or "") not in plain(v.last_name)  # "Yılmaz" spelled "Ilmaz"
        ):
            # "Ivana Schimitsch. Geschrieben: S mit Hatschek, …": the spelling writes the
            # surname just said; the first name said with it stays.
            self._set(v.first_name, self.last, m)
        elif (
            v.first_name
            and v.last_name
            and self.first is None
            and self.kinds == {"spelled"}
            and self.turn is not None
            and m.turn < self.turn
            and is_first_name(v.first_name)
        ):
            # "andrea weiss" … "Weiss mit e-i?" - "nein, mit y: w y s s": the spelling said
            # after the name corrects its surname; the first name said with it stays. A
            # spelled part of a double surname said whole keeps the whole.
            parts = {fold(p) for p in re.split(r"[\s-]", v.last_name)}
            last = v.last_name if fold(self.last or "") in parts else self.last
            self._set(v.first_name, last, m)
        elif v.first_name and v.last_name:
            same = self.name is None or self.same_person(v)
            self.conflict = self.conflict or not same
            ours = {fold(p) for p in (self.first, self.last) if p}
            if self.first and self.last and ours == {fold(v.first_name), fold(v.last_name)}:
                # "Wang Lei" after "Wang ist Nachname, Lei ist Vorname": keep who is who.
                self._set(self.first, self.last, m)
            elif same and self._spelled_last_stands(v, m):
                # "reto zwissig" heard, "Z, W, Y wie Yverdon, …" spelled later: the letters
                # stand, the name said earlier gives the first name.
                self._set(v.first_name or self.first, self.last, m)
            elif (
                same
                and m.kind == "mentioned"
                and self.first
                and self.score > _KIND_SCORE["mentioned"]
                and fold(self.first) != fold(v.first_name)
            ):
                # "mein Vadder Heinrich Wagner" … "schreibe se mein vadder rein wagner": a mere
                # mention changes no first name said outright.
                self.turns.add(m.turn)
            elif same or _KIND_SCORE[m.kind] > self.score or self._answers_later(m, ask):
                self._set(v.first_name, v.last_name, m)
        elif (
            "-" in name
            and ask in (ASK_SPELL, ASK_SURNAME)
            and (before := self._before_hyphenated(name))
        ):
            # "Annegret Meier Tebbe" … "Meier-Tebbe, mit Bindestrich": the words said apart
            # are the double surname; the first name said before them stays.
            self._set(before, name, m)
        elif self.last and "-" in self.last and fold(name) in map(fold, self.last.split("-")):
            self.turns.add(m.turn)  # "Al-Haddad … Haddad mit zwei D": a part said again
        elif (
            self.last
            and "-" in name
            and m.turn == self.turn
            and "spelled" in self.kinds
            and fold(name.replace("-", "")) == fold(self.last)
        ):
            # "Wije-singhe. W-I-J-E-S-I-N-G-H-E.": syllables said apart, then spelled as one
            self.turns.add(m.turn)
        elif self.last and _ratio(self.last, name) >= _SIMILAR:
            self._set(self.first, name, m)  # a correction of the surname
        elif self.first and (fold(self.first) == fold(name) or plain(self.first) == plain(name)):
            self.turn = self.turn if self.turn is not None else m.turn
            if mark_count(name) > mark_count(self.first):
                self.first = name  # "Jovanovic" said again as "Jovanović", its marks described
            if m.kind == "answer" and self.last is None:
                # "do isch d'Regula" … "Ihr vollständiger Name?" – "Jo, Regula": confirmed.
                self.score = max(self.score, _KIND_SCORE[m.kind])
                self.kinds.add(m.kind)
                self.turns.add(m.turn)
        elif v.first_name and self.first is None:
            self._set(name, self.last, m)
        elif self.last is None and m.kind in ("mentioned", "relation") and is_first_name(name):
            # "dem Jakob" … "mini Frau, d'Barbara", "em Leon. Die Sabrina, mei Tochter":
            # another first name is another person
            self.conflict = True
        elif self.last is None:
            self._set(self.first, name, m)
        elif _KIND_SCORE[m.kind] > self.score and not self._ordinary_word_over_full_name(name):
            self.first, self.last, self.score = None, None, 0.0
            self.conflict = True
            self._set(v.first_name, v.last_name, m)
        else:
            self.conflict = True

    def _before_hyphenated(self, name: str) -> str | None:
        """The words before the parts of `name` said apart in the name so far; None when they
        are not in it or open it."""
        words = (self.name or "").split()
        parts = [fold(p) for p in name.split("-")]
        for i in range(len(words) - len(parts) + 1):
            if i and [fold(w) for w in words[i : i + len(parts)]] == parts:
                return " ".join(words[:i])
        return None

    def set_first_name(self, m: Mention) -> None:
        self._set(m.verdict.name, self.last, m)

    def set_surname(self, m: Mention) -> None:
        spelled, first = m.verdict.name or "", self.first
        if first and " " in first and self.last:
            # "mussie gebre medin" spelled "Ghebremedhin": the surname heard in two words, one
            # of them taken for a second first name
            *rest, part = first.split()
            joined = _ratio(part + self.last, spelled)
            if joined >= _JOINED_SPELLING and joined > _ratio(self.last, spelled):
                first = " ".join(rest)
        self._set(first, spelled, m)

    def _joins_split_words(self, v: NameVerdict, m: Mention) -> bool:
        """The name said again with fewer words and the same letters: the recogniser had
        split a word ("Schmidt Ke" said again as "Schmidtke", "Katharina Schmidtke")."""
        ours, said = (self.name or "").split(), (v.name or "").split()
        if not said or not ours:
            return False
        if len(said) == 1:
            cut = _joined_end(ours, said[0])
            if cut is None:
                return False
            self._set(" ".join(ours[:cut]) or None, said[0], m)
            return True
        if len(said) == len(ours) or fold("".join(ours)) != fold("".join(said)):
            return False
        if len(said) > len(ours):
            self.turns.add(m.turn)  # "schmidtke … schmidt ke": the split form said again
        else:
            self._set(v.first_name, v.last_name, m)
        return True

    def _ordinary_word_over_full_name(self, name: str) -> bool:
        """ "Ich bi d'Frau Gubler, Claudia Gubler" beside "Lustig, …": a lone word far more
        common as a word than as a name does not replace a full name."""
        return bool(self.first and self.last) and knowledge().facts(name).word_dominant

    def _first_name_spelled_over(self, v: NameVerdict) -> bool:
        """Our first name was spelled and the mention's is the same name as heard."""
        return (
            self.first_spelled
            and self.first is not None
            and v.first_name is not None
            and fold(v.first_name) != fold(self.first)
            and _sounds_alike(v.first_name, self.first)
        )

    def _rest_of_labelled_surname(self, v: NameVerdict, m: Mention) -> bool:
        """A name said in the turn in which the caller labelled a surname of several words,
        sharing no word with it, while no first name is known."""
        if not (self.last and " " in self.last and self.first is None and m.turn == self.turn):
            return False
        if self.labelled.get(fold(self.last)) != "last" or m.kind == "last":
            return False
        ours = {fold(w) for w in _words(self.last)}
        return bool(v.name) and not ours & {fold(w) for w in _words(v.name or "")}

    def _around_hyphenated_surname(self, v: NameVerdict) -> bool:
        """A name holding every part of our hyphenated surname, or of a surname of several
        words the caller labelled ("fernandes da silva ist alles der nachname"), and words
        besides, while no first name is known."""
        if self.first is not None or not self.last or not v.name:
            return False
        labelled = " " in self.last and self.labelled.get(fold(self.last)) == "last"
        if "-" not in self.last and not labelled:
            return False
        parts = {fold(p) for p in self.last.replace(" ", "-").split("-")}
        words = {fold(w) for w in v.name.replace("-", " ").split()}
        rest = words - parts
        return parts <= words and bool(rest) and all(is_first_name(w) for w in rest)

    def _labelled_other_way(self, v: NameVerdict) -> bool:
        return (
            self.labelled.get(fold(v.first_name or "")) == "last"
            or self.labelled.get(fold(v.last_name or "")) == "first"
        )

    def _reorders(self, name: str) -> bool:
        ours = [fold(w) for w in _words(self.name or "")]
        said = [fold(w) for w in _words(name)]
        return len(ours) > 2 and set(said) <= set(ours) and said != ours[: len(said)]

    def _turned_around(self, name: str) -> bool:
        ours = [fold(w) for w in _words(self.name or "")]
        return len(ours) == 2 and [fold(w) for w in _words(name)] == ours[::-1]

    def _repeats_part_of(self, name: str) -> bool:
        ours = [fold(w) for w in _words(self.name or "")]
        said = [fold(w) for w in _words(name)]
        return len(said) < len(ours) and _subsequence(said, ours)

    def _double_surname_said(self, name: str) -> bool:
        """ "Ist Yıldız Ihr zweiter Vorname?" - "Ein Doppelname. Yıldız-Hoffmann. Yıldız mit
        den I ohne Punkt.": the double surname, or a part of it remarked on, is no first name."""
        if not self.last:
            return False
        parts = [fold(p) for p in name.split("-")]
        last_parts = [fold(p) for p in self.last.split("-")]
        return (len(parts) > 1 and fold(self.last) in parts) or (
            len(last_parts) > 1 and parts[0] in last_parts[:-1]
        )

    def _first_name_in_full(self, spelled: str) -> bool:
        """Said surname first ("okonkwo emeka"), the spelling holds the first name whole."""
        return bool(
            self.first
            and self.last
            and is_first_name(self.last)
            and not is_first_name(self.first)
            and " " not in self.first  # "senait gebre medhin": a first name, the surname split
            and len(spelled) > len(self.last)
            and self.last.casefold() in spelled.casefold()
        )

    def _full_first_name(self, v: NameVerdict) -> bool:
        """A lone first name that is the full form of ours, a short one said alone."""
        return bool(
            self.first
            and self.last is None
            and v.first_name
            and v.last_name is None
            and " " not in self.first
            and is_short_form_of(self.first, v.first_name)
        )

    def _spelled_word_leads(self, v: NameVerdict, m: Mention) -> bool:
        """Only a word spelled so far, in this turn, opens a name whose other word is a first
        name: surname first, as Austrians and Hungarians say it, and the surname is spelled."""
        spelled = self.last or self.first
        return (
            self.kinds == {"spelled"}
            and self.turn == m.turn
            and spelled is not None
            and fold(spelled) == fold(v.first_name or "")
            and is_first_name(v.last_name or "")
            and bool(knowledge().facts(spelled).surname)
            # "Ernst Rosa": a first name the curated lists hold after it; else the spelled word
            # must rank as a surname ("Hawre Salih, H-A-W-R-E" keeps its order)
            and (
                knowledge().facts(v.last_name or "").listed_first
                or _more_surname_than_first_name(spelled)
            )
        )

    def _spelled_last_stands(self, v: NameVerdict, m: Mention) -> bool:
        """Our surname was spelled in a later turn than the mention's, in other letters."""
        return (
            "spelled" in self.kinds
            and self.last is not None
            and v.last_name is not None
            and fold(self.last) not in self.said_surnames
            and fold(v.last_name) != fold(self.last)
            and self.turn is not None
            and m.turn < self.turn
        )

    def _answers_later(self, m: Mention, ask: str) -> bool:
        """A full name answered to "Wie ist Ihr Name?" after another one: the answer wins
        ("mein Name ist Erika Schub… nein, das ist meine Mutter" … "Kunze, Brigitte Kunze").
        Only names whose every word a name list knows: a run like "Rehkämper Durchwahl" in a
        lower-case transcript may have swallowed the next word."""
        if m.kind != "answer" or ask != ASK_NAME or self.turn is None or m.turn <= self.turn:
            return False
        table = knowledge()
        return all(table.facts(w).known_name for w in (m.verdict.name or "").split())

    def _spelled(self, spelled: str, m: Mention, ask: str) -> None:
        full = self.name
        words = (full or "").split()
        if any(fold(p) == fold(spelled) for w in words for p in (w, *w.split("-"))):
            # "b ü h l e r": one word confirmed as said, also a part ("Rashid" of "al-Rashid");
            # but "S, C, H, A, E, F, E, R" for a said "Schäfer" writes it with "ae".
            if self.last and fold(self.last) == fold(spelled):
                self._set(self.first, keep_said_form(spelled, self.last), m)
            else:
                self._set(self.first, self.last, m)
            return
        for start in range(len(words)):
            for end in range(len(words), start + 1, -1):
                joined = fold("".join(words[start:end]))
                # "saba gebre hiwet" spelled "Ghebrehiwet": heard split, a part taken for a
                # second first name, spelled a little apart (the surname alone is mended below)
                if joined != fold(spelled) and (
                    _ratio(joined, fold(spelled)) < _JOINED_SPELLING
                    or " ".join(words[start:end]) == self.last
                ):
                    continue
                if all(w.lower() in NAME_PARTICLES for w in words[start : end - 1]):
                    # "van der veen v a n d e r v e e n": letters show no word breaks, and
                    # particles stand apart
                    self._set(self.first, self.last, m)
                    return
                # "Kathi Pichl Maier" spelled "Pichlmaier", "Siri Pon Suwan" spelled
                # "Siriporn": the recogniser split one name into several words.
                before, after = " ".join(words[:start]), " ".join(words[end:])
                if after:
                    self._set(" ".join(filter(None, (before, spelled))), after, m)
                elif not before and is_first_name(spelled, ranks_only=True):
                    self._set(spelled, None, m)  # "Chi Nedu" spelled "Chinedu": one first name
                else:
                    self._set(before or None, spelled, m)
                return
        if (
            self.last
            and len(spelled) < len(self.last)
            and plain(self.last).endswith(plain(spelled))
        ):
            # "Szymańska. Mit S-Z am Anfang, dann Y, M, A, N …": the letters after a remark
            # spell the rest of the surname said; it stands.
            self._set(self.first, self.last, m)
            return
        if self.first and self.last and fold(spelled).startswith(fold(self.last)):
            # "lakshmi venkat a raman" … "v e n k a t a r a m a n": the surname heard cut off
            self._set(self.first, spelled, m)
            return
        if self._first_name_in_full(spelled):
            # "okonkwo emeka" … "auf der Karte steht Chukwuemeka": the first name in full; the
            # surname said first stays
            self._set(spelled, self.first, m)
            return
        r_full = _ratio(full.replace(" ", ""), spelled) if full else 0.0
        r_last = _ratio(self.last, spelled) if self.last else 0.0
        r_first = _ratio(self.first, spelled) if self.first else 0.0
        if full and r_full >= 0.8 and r_full > r_last:
            self._set(None, keep_said_form(spelled, full), m)
        elif (
            self.last
            and (r_last >= _SIMILAR_SPELLING or _sounds_alike(self.last, spelled))
            and r_last >= r_first
        ):
            self._set(
                self.first, _with_said_particles(keep_said_form(spelled, self.last), self.last), m
            )
        elif self.first and r_first >= 0.6:
            self._set(keep_said_form(spelled, self.first), self.last, m)
        elif ask == ASK_FIRST and self.first is None:
            self._set(spelled, self.last, m)  # "Öztürk hier" … "Vorname?" - "s e l i n"
        elif (
            ask == ASK_FIRST
            and self.last
            and "spelled" in self.kinds  # the surname spelled: the one heard stands
            and not self.first_spelled
            and m.verdict.first_name
            and not m.verdict.last_name
        ):
            # "hod schitsch dschenana" … "Und der Vorname?" - "d z mit Hatschek e n a n a":
            # the first name asked for, as spelled, over the one heard
            self._set(spelled, self.last, m)
        elif (
            self.first
            and self.last
            and ask not in (ASK_SURNAME, ASK_FIRST)
            and m.verdict.first_name
            and not m.verdict.last_name
            and is_first_name(spelled)
            and not is_first_name(self.first)
        ):
            # "schuau gonsalwes" heard, "Vorname j o a mit Welle": the first name as spelled.
            self._set(spelled, self.last, m)
        elif (
            self.last
            and self.turn == m.turn
            and "spelled" in self.kinds
            and fold(self.last + spelled) in self.said_surnames
        ):
            # "K, O, L, A mit Strich, R mit Hatschek, das ist so ein kleines v oben, O, V, A":
            # a remark split one spelling in two; the short rest ends the surname.
            self._set(self.first, self.last + spelled.lower(), m)
        elif full is None and m.verdict.first_name and not m.verdict.last_name:
            self._set(spelled, None, m)  # "Wie heißt Ihr Mann?" - "P, A, W, E und L mit Strich"
        elif (
            self.first is None
            and self.last
            and m.verdict.first_name
            and not m.verdict.last_name
            and is_first_name(spelled)
            and r_last < _UNLIKE_SPELLING
        ):
            # "Ebenbichler" … "Vorname Katrin, K-A … nein, mit C: C-A-T-R-I-N": the first name
            # spelled beside the surname known
            self._set(spelled, self.last, m)
        elif full is None or m.kind == "spelled":
            # A spelling like nothing said before: one of the two is wrong.
            self.conflict = self.conflict or full is not None
            first = self.first if full else None
            if (
                first
                and self.last
                and is_first_name(self.last)
                and not is_first_name(first)
                and fold(self.last) != fold(spelled)
            ):
                # "schiwkowitsch dragan", then "Z mit Hatschek, I, V, …": said surname first,
                # the spelling replaces the surname, and the first name stays
                first = self.last
            self._set(first, spelled, m)


def _with_said_particles(spelled: str, said: str) -> str:
    """ "el kattabi" … "k h a doppel t a b i": the particles said before the surname stay
    before its spelling ("el Khattabi")."""
    words = said.split()
    lead = list(itertools.takewhile(lambda w: w.lower() in NAME_PARTICLES, words))
    first_part = re.split(r"[\s-]", spelled)[0].lower()
    if not lead or len(lead) == len(words) or first_part in NAME_PARTICLES:
        return spelled  # "Al-Masri": the spelling holds its particle
    return " ".join([*lead, spelled])


def _more_surname_than_first_name(word: str) -> bool:
    """A surname on the lists, ranked there no lower than as a first name ("Eder", not the
    Kurdish first name "Hawre")."""
    facts = knowledge().facts(word)
    if not facts.surname:
        return False
    ranks = [r for r in (facts.last_rank_dach, facts.last_rank_world) if r is not None]
    firsts = [r for r in (facts.first_rank_dach, facts.first_rank_world) if r is not None]
    return not ranks or not firsts or min(ranks) <= min(firsts)


def _recorded_like(said: Sequence[str], words: Sequence[str]) -> bool:
    """Word by word the agent's recorded form of these words: as long, and alike."""
    return all(
        abs(len(plain(a)) - len(plain(b))) <= 1 and _ratio(plain(a), plain(b)) >= _RECORDED_SIMILAR
        for a, b in zip(said, words, strict=True)
    )


def _core(surname: str) -> str:
    """A surname without its particles, folded: "de la Fuente" -> "fuente"."""
    return " ".join(fold(w) for w in surname.split() if w.lower() not in NAME_PARTICLES)


def _surname_key(m: Mention) -> str:
    return fold(m.verdict.last_name or m.verdict.name or "")


def _completes(slots: _Slots, m: Mention) -> bool:
    """A lone surname in the same turn as a first name just introduced ("Emre hier, Yıldırım"),
    or a lone first name after a surname introduced ("Quirchmayr mein Name, Benedikt")."""
    v = m.verdict
    if slots.turn != m.turn or " " in (v.name or ""):
        return False
    if slots.first is not None and slots.last is None:
        return v.first_name is None
    return (
        slots.last is not None
        and slots.first is None
        and "intro" in slots.kinds
        and v.first_name is not None
        and v.last_name is None
        and is_first_name(v.first_name)
    )


def _refers_to(m: Mention, slots: _Slots) -> bool:
    """A later mention of someone already named: "der Noah" … "Noah Lüthi" (not the surname
    alone, which a family shares)."""
    if slots.name is None or m.kind == "answer":
        return False
    if m.kind == "intro" and (
        " " in (m.verdict.name or "") or slots.turn is None or m.turn <= slots.turn
    ):
        return False  # "da is die Kerstin", after "Kerstin Bartels" was booked: her again
    words = {fold(w) for w in (m.verdict.name or "").split()}
    # The slot's first name: its last word when only that one is a first name ("den Zellner
    # Alois", said surname first).
    first = slots.first
    if slots.last and is_first_name(slots.last) and not (first and is_first_name(first)):
        first = slots.last
    if first is None:
        return False
    key = fold(first)
    # "vom Maxi, Maximilian Gruber": a short form opens the full first name.
    may_be_short = m.kind == "bare" and slots.last is None
    return key in words or (may_be_short and any(short_form(key, w) for w in words))


def _is_full_name_of(m: Mention, slots: _Slots) -> bool:
    """The mention says the slots' first name and surname, in either order."""
    if not (slots.first and slots.last):
        return False
    words = sorted(fold(w) for w in (m.verdict.name or "").split())
    return len(words) == 2 and words == sorted((fold(slots.first), fold(slots.last)))


def _patients_surname(m: Mention, patient: _Slots) -> bool:
    """A lone word that is part of the patient's name given in an earlier turn ("Ja, Hartmann,
    guten Tag. Ich rufe für meinen Mann an, Jürgen Hartmann" is the wife's own surname)."""
    name = m.verdict.name or ""
    if patient.name is None or m.verdict.first_name is not None or " " in name:
        return False
    if not patient.turns or m.turn <= min(patient.turns):
        return False
    return fold(name) in {fold(w) for w in _words(patient.name)}


def _spans_saying(words: list[str], target: str) -> list[tuple[int, int]]:
    """Where the caller said the folded name `target`, as one word or split into up to three
    ("Hin richs", "wieser trattnig" for "Wieser-Trattnig")."""
    spans: list[tuple[int, int]] = []
    for start in range(len(words)):
        joined = ""
        for end in range(start + 1, min(start + 4, len(words) + 1)):
            joined += fold(words[end - 1].replace("-", ""))
            if joined == target:
                spans.append((start, end))
                break
            if not target.startswith(joined):
                break
    return spans


class _Call:
    """One pass over the turns collecting mentions, the agent's echoes and the asks."""

    def __init__(
        self, turns: Sequence[Turn], agent_names: Sequence[str], staff_names: Sequence[str]
    ) -> None:
        self.turns = turns
        self.agent_names = agent_names
        self.staff_names = staff_names
        self._texts: dict[int, str] = {}
        self.mentions: list[tuple[Mention, str]] = []
        self.asked: dict[int, str] = {}  # user turn index -> what the agent asked before it
        # user turns answering "Der Termin wäre für Ihren Sohn?"
        self.booked_for_asked: set[int] = set()
        self._echo: set[str] | None = None
        self._said: dict[int, set[str]] = {}
        self._addresses: list[tuple[int, str, str]] | None = None
        self._address_pairs: list[tuple[int, str]] | None = None
        self._spoken: dict[str, str] = {}
        self._saluted_said: tuple[frozenset[str], frozenset[str]] | None = None
        # Looked up only when a mention needs them (most calls never do): surnames with
        # particles the agent addresses someone by ("Herr De Luca"), and every word the agent
        # says after "Herr"/"Frau" (staff excluded); folded.
        self.particled = _OnFirstUse(lambda: self._saluted_words()[0])
        self.saluted_words = _OnFirstUse(lambda: self._saluted_words()[1])
        self.booking_for_other = False
        self.phone_handed_on = False  # someone else spoke on the caller's phone for a while
        self._scan()
        self._pets_put_aside()
        self._anchor_addresses()
        self._disown_retracted_spellings()
        self._anchor_bookings()

    def _scan(self) -> None:
        ask = ASK_NONE
        user_turns = 0
        booking = False
        known: list[str] = []
        known_folded: set[str] = set()
        said_names: list[str] = []
        readback: str | None = None
        last_answer_role = last_named_role = "caller"
        handing_on = False
        agent_text = ""  # the agent's last turn
        for index, turn in enumerate(self.turns):
            if turn.role != "user":
                text = self.text(index)
                readback = self._readback(text, said_names) or self._split_word_read_back(
                    text, index
                )
                asked_before = ask
                ask = classify_ask(text, as_written=turn.content)
                if ask == ASK_RELATIVE and BOOKED_FOR_RELATIVE_RE.search(text.lower()):
                    self.booked_for_asked.add(index + 1)
                if (
                    ask in (ASK_NONE, ASK_CONFIRM)
                    and index
                    and self.turns[index - 1].role != "user"
                    and asked_before != ASK_NONE
                ):
                    # "Wie heißt Ihr Sohn?" … "Hallo, Frau Winter?": a prompt to a caller who
                    # went silent keeps the question open
                    ask = asked_before
                agent_text = text
                if ask == ASK_CONFIRM and not _echoes_known(text, known):
                    ask = ASK_NONE
                if ask in (ASK_SURNAME, ASK_FIRST) and (
                    self._about_patient(text) or self._follows_up_on(text, last_named_role)
                ):
                    ask = ASK_PATIENT
                elif (
                    ask == ASK_SPELL
                    # "Können Sie mir Ihren Namen buchstabieren?": the caller's own, whatever
                    # came before
                    and not _YOUR_NAME_RE.search(turn.content)
                    and (
                        last_answer_role == "patient"
                        or self._spelling_of_patient(text)
                        or self._follows_up_on(text, last_named_role)
                    )
                ):
                    # "Können Sie den Namen buchstabieren?" after the patient's, or "Wie
                    # schreibt man Marković?" of the child's surname only.
                    ask = ASK_PATIENT
                elif ask in (ASK_SPELL, ASK_SURNAME) and _HIS_NAME_SPELLED_RE.search(text):
                    ask = ASK_PATIENT  # "… gebe ihm einen Termin. Wie schreibt man den Nachnamen?"
                elif (
                    ask == ASK_NAME
                    and booking
                    and _APPOINTMENT_NAME_RE.search(text)
                    and not any(m.role == "patient" for m, _ in self.mentions)
                    # "Doğan. Kaan Doğan, ich bin der Vater.": the parent's own name
                    and not (
                        index + 1 < len(self.turns)
                        and _I_AM_THE_PARENT_RE.search(self.turns[index + 1].content)
                    )
                ):
                    ask = (
                        ASK_PATIENT  # "Auf welchen Namen ist der Termin?" when booking for another
                    )
                elif ask == ASK_NAME and self._reads_back_someone_spoken_of(turn.content, index):
                    ask = ASK_PATIENT
                continue
            user_turns += 1
            self.asked[index] = ask
            raw = turn.content
            # The phone changes hands: "ich geb ihn Ihnen kurz" ... "da bin wieder i".
            handed_over = handing_on and not _TAKE_BACK_RE.search(raw)
            handing_on = handed_over or _HAND_OVER_RE.search(raw) is not None
            self.phone_handed_on = self.phone_handed_on or handing_on
            if readback and _YES_RE.match(raw):
                # "Pichlmaier in einem Wort?" – "ja genau": the caller confirms the agent's form.
                confirmed = validate_name(readback, staff_names=self.staff_names)
                if confirmed.ok:
                    self.mentions.append((Mention(confirmed, "caller", "spelled", index), ask))
            readback = None
            early = user_turns <= _EARLY_USER_TURNS
            folded = raw.casefold()
            has_known = any(k in folded for k in known_folded)
            if not (early or has_known or ask != ASK_NONE or may_name(raw)):
                ask = ASK_NONE
                continue  # cheap: most of a long call never needs recasing
            # A turn about names ("wang ist familienname, lei ist vorname") is recased as one.
            about_names = ask in NAME_ASKS or (
                "name" in folded and _NAME_TALK_RE.search(folded) is not None
            )
            text = truecase(raw, name_expected=True) if about_names else self.text(index)
            booking = booking or has_booking_relation(text)
            self.booking_for_other = booking
            ctx = Context(
                self.agent_names, self.staff_names, booking, self.particled, self.saluted_words
            )
            scan_bare = early or has_known or ask == ASK_CONFIRM
            found = [(m, ask) for m in find_mentions(text, index, ask, ctx, scan_bare=scan_bare)]
            announced = (
                _SELF_ANNOUNCED.search(text) if "nam" in folded or "stellt" in folded else None
            )
            if (
                announced is not None
                and not any(m.kind == "answer" for m, _ in found)
                and not _named_before(text, announced.start(), found)
            ):
                # "Ach ja, meinen Namen wollte ich noch sagen: Carstensen …": the caller asks
                # the question themself, so what follows is an answer to it.
                tail = truecase(turn.content[announced.end() :], name_expected=True)
                found += [
                    (m, ASK_NAME)
                    for m in find_mentions(tail, index, ASK_NAME, ctx, scan_bare=False)
                ]
            if ask in NAME_ASKS and not any(m.kind == "spelled" for m, _ in found):
                found += [(m, ask) for m in self._spelled_like_heard(text, index)]
            if ask in NAME_ASKS and sum(m.kind == "spelled" for m, _ in found) == 1:
                # (a first name spelled beside it would be the one to go by)
                found = [(self._with_first_names_heard(m), asked) for m, asked in found]
            last_answer_role = next(
                (m.role for m, _ in reversed(found) if m.kind in ("answer", "spelled")),
                last_answer_role,
            )
            last_named_role = next(
                (m.role for m, _ in reversed(found) if m.role in ("caller", "patient")),
                last_named_role,
            )
            if _YES_RE.match(raw):
                found = [(self._ending_confirmed(m, agent_text), asked) for m, asked in found]
            found = self._parts_of_patients(found)
            found = _spoken_of_in_apposition(found, text)
            if booking and found:
                found = self._patient_named_again(self._patient_spoken_of_again(found), agent_text)
            if handed_over:
                found = [(_spoken_by_other(m, booking), asked) for m, asked in found]
            for m, asked in found:
                self.mentions.append((m, asked))
                parts = [p for p in (m.verdict.last_name, m.verdict.first_name) if p]
                known.extend(parts)
                said_names.append(m.verdict.name or "")
                known_folded.update(p.casefold() for p in parts)
            ask = ASK_NONE

    def _ending_confirmed(self, m: Mention, agent_text: str) -> Mention:
        """ "Und der Vorname Dariusz mit u-s-z am Ende?" - "Genau, u, s, z.": letters a caller
        says yes to that spell the end of a name the agent just said confirm that name."""
        if m.kind != "spelled" or not m.verdict.name or " " in m.verdict.name:
            return m
        end = fold(m.verdict.name)
        letters = r"[\s,.-]*".join(map(re.escape, m.verdict.name.lower()))
        if len(end) > _CONFIRMED_ENDING or not re.search(rf"\b{letters}\b", agent_text.lower()):
            return m  # only the letters the agent itself asked about
        for word in _CAPITALISED_WORD_RE.findall(agent_text):
            if len(word) > len(end) + 1 and fold(word).endswith(end):
                whole = validate_name(
                    word, agent_names=self.agent_names, staff_names=self.staff_names
                )
                return replace(m, verdict=whole) if whole.ok else m
        return m

    def without_greeted_agent(self, name: str) -> str:
        """ "moin lukas jannik hier" to the agent Lukas: the agent greeted by name, then the
        caller's name."""
        words = name.split()
        agents = {fold(w) for n in self.agent_names for w in _words(n)}
        if len(words) < 2 or fold(words[0]) not in agents:
            return name
        greeted = re.compile(
            r"\b(\w+)[\s,]+" + r"[\s,]+".join(re.escape(w) for w in words[:2]) + r"\b", re.I
        )
        for turn in self.turns:
            match = greeted.search(turn.content) if turn.role == "user" else None
            if match is not None and match.group(1).lower() in GREETINGS:
                return " ".join(words[1:])
        return name

    def _patient_named_again(
        self, found: list[tuple[Mention, str]], agent_text: str
    ) -> list[tuple[Mention, str]]:
        """Asked on which name to book, a caller booking for someone else who names that
        person again ("fürs Enkerl d Lena Hofbauer" … "schreibns einfach d lena hofbauer
        nei") gives the patient's name, not their own; so does one who confirms the name the
        agent books under ("Ich trage das auf Anke Claußen ein, richtig?" - "jo genau anke
        claußen")."""
        if _books(agent_text):
            patients = {fold(r.group(0)) for r in _NAME_RUN_RE.finditer(agent_text)}
        elif _APPOINTMENT_NAME_RE.search(agent_text):
            patients = set()
        else:
            return found
        patients |= {fold(m.verdict.name or "") for m, _ in self.mentions if m.role == "patient"}
        # "Die Celine ist meine Tochter" … "Auf welchen Namen?" - "Auf Celine Schreiter."
        first_names = {
            fold(m.verdict.first_name)
            for m, _ in self.mentions
            if m.role == "patient" and m.verdict.first_name and not m.verdict.last_name
        }
        return [
            (
                replace(m, role="patient")
                if m.role == "caller"
                and (
                    fold(m.verdict.name or "") in patients
                    or fold(m.verdict.first_name or "") in first_names
                )
                else m,
                asked,
            )
            for m, asked in found
        ]

    def _patient_spoken_of_again(
        self, found: list[tuple[Mention, str]]
    ) -> list[tuple[Mention, str]]:
        """ "dem kevin lindinger" … "der kevin kummt eh selber": the patient's first name with
        a word no surname list knows after it is the patient spoken of, not the caller."""
        firsts = {
            fold(m.verdict.first_name)
            for m, _ in self.mentions
            if m.role == "patient" and m.verdict.first_name
        }
        table = knowledge()
        return [
            (
                replace(m, role="other")
                if m.role == "caller"
                and fold(m.verdict.first_name or "") in firsts
                and m.verdict.last_name
                and not table.facts(m.verdict.last_name).surname
                else m,
                asked,
            )
            for m, asked in found
        ]

    @functools.cached_property
    def protected(self) -> set[str]:
        """Folded words of the agent's and the staff's names: never the caller's."""
        return {fold(w) for n in (*self.agent_names, *self.staff_names) for w in _words(n)}

    def addresses(self) -> list[tuple[int, str]]:
        """(agent turn, surname) wherever the agent spoke to the caller by name ("Danke, Frau
        Ertl."), staff and agent names excluded; found once."""
        if self._address_pairs is None:
            self._address_pairs = [
                (index, surname) for index, surname, _ in self._address_matches()
            ]
        return self._address_pairs

    def agent_saluted(self, word: str, first: str) -> bool:
        """The agent said "Herr", "Frau" or the first name before this word (to anyone)."""
        saluted = re.compile(
            rf"\b(?:herrn?|frau|{re.escape(first)})\s+{re.escape(word)}\b", re.IGNORECASE
        )
        return any(t.role == "agent" and saluted.search(t.content) for t in self.turns)

    def addressed_sexes(self) -> set[str]:
        """ "F" for each "Frau X", "M" for each "Herr X" the agent spoke to the caller with."""
        return {sex for _, _, sex in self._address_matches()}

    def _address_matches(self) -> list[tuple[int, str, str]]:
        if self._addresses is None:
            self._addresses = [
                (index, match.group(1), "F" if match.group(0)[0] in "Ff" else "M")
                for index, turn in enumerate(self.turns)
                # "err", "rau": Herr and Frau in either case, without lowering every turn
                if turn.role == "agent" and ("err" in turn.content or "rau" in turn.content)
                for match in _ADDRESS_RE.finditer(self.text(index))
                if fold(match.group(1)) not in self.protected
                and (
                    _spoken_to(self.text(index), match.start())
                    # unpunctuated: "… einen termin herr mayr" ends the turn speaking to him
                    or (
                        is_lower_case(turn.content)
                        and not self.text(index)[match.end() :].strip()
                        and not _PREPOSITION_AT_END_RE.search(self.text(index), 0, match.start())
                    )
                )
            ]
        return self._addresses

    def read_back_after_addresses(self, words: Sequence[str]) -> bool:
        """The agent said all these words after its last address: it corrected itself
        ("Herr Alraschid" … "ich habe es korrigiert: Yusuf al-Rashid")."""
        addresses = self.addresses()
        if not addresses:
            return False
        wanted = {_loose(w) for w in words}
        # Not where the agent still names the addressed person ("Kerstin Bartels, Begleitung
        # Frau Schulte"): there the other name is someone else's.
        former = {_loose(p) for _, surname in addresses for p in _words(surname)}
        # Nor where it books ("Dann ist Lea-Sophie Hartmann eingetragen"): whom it names there
        # the appointment is for.
        return any(
            wanted <= self._turn_words(index)
            and not former & self._turn_words(index)
            and not _books(self.turns[index].content)
            for index in range(addresses[-1][0] + 1, len(self.turns))
            if self.turns[index].role == "agent"
        )

    def spelled_after_addresses(self, surname: str) -> bool:
        """The caller spelled this surname after the agent's last address: a correction of
        what the agent heard ("Herr Klees?" - "Nee, K, L, Ä, S")."""
        addresses = self.addresses()
        return bool(addresses) and any(
            m.kind == "spelled"
            and m.role == "caller"
            and m.turn > addresses[-1][0]
            and fold(m.verdict.name or "") == fold(surname)
            for m, _ in self.mentions
        )

    def addressed_as(self) -> set[str]:
        return {surname for _, surname in self.addresses()}

    @functools.cached_property
    def saluted(self) -> set[str]:
        """Words anyone in the call said right after "Herr", "Herrn" or "Frau": surnames."""
        return {
            fold(w)
            for turn in self.turns
            if "err" in turn.content or "rau" in turn.content  # a cheap test first
            for w in _AFTER_SALUTATION_RE.findall(turn.content)
        }

    def _anchor_addresses(self) -> None:
        """Names the agent addressed the caller with ("Danke, Frau Ertl.") that no cue found:
        the agent heard the call, so the word it took up, found in the caller's turn just
        before, is the caller's surname, and a first name beside it completes it ("nadine ertl
        hier", "grüezi schnyder urs", "der paschke dennis")."""
        # Names already given a role count; one put aside as someone else's ("Labor Becker und
        # Kollegen, Nadine Ertl") is the caller's after all when the agent answers with it.
        # A surname said alone may still find its first name ("jöckel sven", then spelled).
        said = {
            fold(w)
            for m, _ in self.mentions
            if m.role == "caller" and m.verdict.first_name
            for w in _words(m.verdict.name or "")
        }
        # A patient's name counts where said before the address: one named only later ("da
        # wallner thomas" - "Herr Wallner" - … "jonas wallner") shares the caller's surname.
        # So does a relation's ("Mein Chef, Herr Pierre Laval"): the agent speaks to him there.
        patients = [
            (m.turn, {fold(w) for w in _words(m.verdict.name or "")})
            for m, _ in self.mentions
            if m.role == "patient"
            or (m.role == "other" and m.kind == "relation" and m.verdict.salutation)
        ]
        alone = {fold(m.verdict.name or "") for m, _ in self.mentions if m.role == "caller"} - said
        alone -= {w for _, words in patients for w in words}
        # With a first name already given, a surname said alone needs no other first name.
        if any(m.role == "caller" and m.verdict.first_name for m, _ in self.mentions):
            alone = set()
        # Each name once, at its last address: that one searches every turn an earlier would.
        latest = {fold(surname): (index, surname) for index, surname in self.addresses()}
        for index, surname in sorted(latest.values()):
            key = fold(surname)
            if key in said or any(key in words and turn < index for turn, words in patients):
                continue
            if self._address_corrected(index, surname):
                continue  # "Herr März?" - "Marzo, mit O am Ende."
            mention = self._addressed(index, surname)
            if mention is not None and (key not in alone or mention[0].verdict.first_name):
                self.mentions.append(mention)
                said.update(fold(w) for w in _words(mention[0].verdict.name or ""))

    def _pets_put_aside(self) -> None:
        """ "Ich ruf an wegen Enno." - "Wer ist denn Enno?" - "Unser Labrador.": an animal is
        no patient (gold names people only)."""
        pets = {
            fold(m.verdict.name or "")
            for m, _ in self.mentions
            if m.role == "patient"
            and " " not in (m.verdict.name or "")
            and any(
                named_a_pet(m.verdict.name or "", self.turns[i].content, self.turns[i + 1].content)
                for i in range(m.turn + 1, len(self.turns) - 1)
                if self.turns[i].role == "agent" and self.turns[i + 1].role == "user"
            )
        }
        if pets:
            self._put_aside(lambda m: fold(m.verdict.name or "") in pets)

    def _disown_retracted_spellings(self) -> None:
        """ "Sandra Yılmaz – na, Moosbrugger! … Yılmaz isch üsr Mitarbeiter" … "Kenan Yılmaz,
        Y-I-L-M-A-Z": a surname the caller took back as their own and later spells belongs to
        the person of that name, not to the caller, whose own surname is another."""
        taken_back = {
            fold(m.verdict.last_name)
            for m, _ in self.mentions
            if m.kind == "retracted" and m.verdict.last_name
        }
        own = {
            fold(m.verdict.last_name)
            for m, _ in self.mentions
            if m.role == "caller" and m.kind != "spelled" and m.verdict.last_name
        }
        if not taken_back or not own - taken_back:
            return
        self._put_aside(
            lambda m: (
                m.kind == "spelled"
                and m.role == "caller"
                and fold(m.verdict.name or "") in taken_back
            )
        )

    def _put_aside(self, which: Callable[[Mention], bool]) -> None:
        """These mentions name someone else, no caller or patient."""
        self.mentions = [
            (replace(m, role="other") if which(m) else m, asked) for m, asked in self.mentions
        ]

    def _address_corrected(self, agent_turn: int, surname: str) -> bool:
        """The caller's reply to the agent's question with the surname opens with it in other
        letters ("Herr März?" - "Marzo, mit O am Ende")."""
        after = agent_turn + 1
        if after >= len(self.turns) or self.turns[after].role != "user":
            return False
        if not self.turns[agent_turn].content.rstrip().endswith("?"):
            return False
        opening = _WORD_RE.findall(self.turns[after].content)[:1]
        return bool(opening) and (
            fold(opening[0]) != fold(surname)
            and len(opening[0]) > _SHORT_PART
            and _ratio(opening[0], surname) >= _SIMILAR_SPELLING
            and not knowledge().facts(opening[0]).ordinary_word  # "Herr Okafor?" - "okay"
        )

    def _anchor_bookings(self) -> None:
        """The person the agent books ("Dann trage ich Jamal Haddad … ein", "Termin für Herrn
        Dariusz Nowak am Dienstag") when the caller named them and they are not the caller:
        the appointment is for someone else, whom no relation word announced. A person merely
        mentioned ("mei frau die birgit hat gsagt") is no patient found."""
        if any(m.role == "patient" and m.kind != "mentioned" for m, _ in self.mentions):
            return
        # The caller's own name as they gave it (introduced, answered, spelled), not a bare
        # name they also said: "Kurz am Apparat. Einer unserer Fahrer, Herr Samir El-Amrani".
        callers = [m for m, _ in self.mentions if m.role == "caller"]
        # With the caller's first name known, a relative sharing the surname is someone else
        # ("Wolff, Thomas Wolff" books for "Frau Katharina Wolff").
        addressed = {fold(w) for _, surname in self.addresses() for w in _words(surname)}
        strong = (
            [m for m in callers if m.kind in _STRONG_KINDS]
            # "Allgaier, Jugendamt" … "Dardan Berisha, vierzehn Jahre" (all bare): the one the
            # agent addressed ("Frau Allgaier")
            or [m for m in callers if addressed & {fold(w) for w in _words(m.verdict.name or "")}]
            or callers
        )
        own = {fold(w) for m in strong for w in _words(m.verdict.name or "")}
        own_first = {f for m in strong if (f := _own_first_name(m.verdict, addressed))}
        own |= addressed
        for index, turn in enumerate(self.turns):
            if turn.role != "agent" or not _books(turn.content):
                continue
            for run in _NAME_RUN_RE.finditer(self.text(index)):
                mention = self._booked(run.group(0), index, own_first or own, own)
                if mention is not None and (own or self._someone_elses(mention[0])):
                    self.mentions.append(mention)
                    return

    def _corrects_callers_address(self, m: Mention) -> bool:
        """A lone surname answering the agent's turn that addressed the caller by it or
        something like it."""
        name = m.verdict.name or ""
        if m.kind != "answer" or m.verdict.first_name or " " in name:
            return False
        if self._asks_of_patient_by_name(m.turn - 1):
            return False  # "Danke, Herr Iwanow. Heißt Alina auch Iwanow?" - "Iwanowa"
        if any(
            p.role == "patient"
            and p.turn == m.turn
            and p.verdict.first_name
            and fold(p.verdict.last_name or "") == fold(name)
            for p, _ in self.mentions
        ):
            return False  # "Galina Sokolowa. Also Sokolowa mit a am Ende": the mother's
        return any(
            index == m.turn - 1
            and fold(surname) != fold(name)  # "Malika. Auch Magomadowa.": the same, shared
            and (
                _ratio(surname, name) >= _SIMILAR
                # "Frau Schulze" mended to "Schulze-Althoff, mit Bindestrich"
                or fold(name).startswith(fold(surname) + "-")
            )
            for index, surname in self.addresses()
        )

    def _asks_of_patient_by_name(self, agent_turn: int) -> bool:
        """The agent's turn names a patient the caller named before it."""
        if agent_turn < 0:
            return False
        said = self._turn_words(agent_turn)
        return any(
            m.role == "patient"
            and m.turn < agent_turn
            and any(_loose(w) in said for w in _words(m.verdict.name or ""))
            for m, _ in self.mentions
        )

    def _someone_elses(self, m: Mention) -> bool:
        """Without a caller's name, a booked name may be the caller's own; not one the agent
        spoke of in the third person only ("Was hat Herr Georgiou?") or asked the caller's
        name after ("Heinz-Dieter Schmitz" … "Darf ich noch Ihren Namen notieren?")."""
        words = _words(m.verdict.name or "")
        return self.agent_says_only_of_someone(words[-1]) or self.asked_name_after(words)

    def _booked(
        self, run: str, agent_turn: int, own: set[str], every_own: set[str]
    ) -> tuple[Mention, str] | None:
        words = [w for w in run.split() if not _honorific(w)]
        if len(words) == 1 and len(run.split()) == 2 and _APPOINTS_RE.search(self.text(agent_turn)):
            words = self._full_name_of(words[0]) or words  # "trage Herrn Amann ein"
        if len(words) < 2 or any(_ratio(w, o) >= _SIMILAR for w in words for o in own):
            return None  # the caller again, maybe in another spelling
        if any(w.lower() in _DICTATION_WORDS for w in words):
            return None  # "alessia punto ferrari at …": an address dictated
        if all(any(_ratio(w, o) >= _SIMILAR for o in every_own) for w in words):
            return None  # "Chinedu Okonkwo", both words the caller's own ("Chi Nedu", spelled)
        verdict = validate_name(
            " ".join(words), agent_names=self.agent_names, staff_names=self.staff_names
        )
        if not verdict.ok or not verdict.first_name or not verdict.last_name:
            return None
        first = knowledge().facts(verdict.first_name)
        if not first.first_name or first.word_dominant:
            return None  # "Nurofen Junior": a product, not a person
        said = [
            i
            for i in range(agent_turn)
            if self.turns[i].role == "user"
            and {_loose(w) for w in _words(verdict.name or "")} <= self._turn_words(i)
        ]
        if not said:
            return None  # the agent's own idea, not a name the caller gave
        return Mention(verdict, "patient", "booked", said[0]), ASK_NONE

    def _full_name_of(self, surname: str) -> list[str] | None:
        """The full name the caller said for a surname the agent uses alone ("Herrn Amann").
        Where that is the caller's own, another first name the caller said before the surname
        without a cue ("Gülay Şahin" … "Murat Şahin heißt er") is the one booked."""
        found: list[str] | None = None
        for m, _ in self.mentions:
            verdict = m.verdict
            if (
                verdict.first_name
                and verdict.last_name
                and fold(verdict.last_name) == fold(surname)
            ):
                if m.role != "caller":
                    return _words(verdict.name or "")
                found = found or _words(verdict.name or "")
        if found is None:
            return None
        own = {fold(m.verdict.first_name) for m, _ in self.mentions if m.verdict.first_name}
        for first, _ in self._first_names_before(surname):
            if fold(first) not in own:
                return [capital(first), surname]
        return found

    def spelled_by_caller(self, surname: str) -> bool:
        """The caller spelled this surname, up to its marks ("d a und das a mit schwänzchen")."""
        key = plain(surname)
        return any(
            m.kind == "spelled" and m.role == "caller" and plain(m.verdict.name or "") == key
            for m, _ in self.mentions
        )

    def first_name_said_with(self, surname: str) -> str | None:
        """The first name the caller said beside this surname, before it or after it ("i bin
        der Ressmann Stefan"), by the same tests as `first_name_said_later`."""
        return self.first_name_said_later(surname, -1) or self.first_name_said_later(
            surname, -1, surname_first=True
        )

    def first_name_before_surname_asked(self, surname_turn: int) -> str | None:
        """ "ich bin Ioana, die Betreuerin …" - "Und wie ist Ihr Nachname?" - "Munteanu": the
        agent, asking only for the surname, took the first name said before as the caller's."""
        if self.asked.get(surname_turn) != ASK_SURNAME:
            return None
        weak = [
            m
            for m, _ in self.mentions
            if m.role == "caller"
            and m.kind == "weak"
            and m.turn < surname_turn
            and m.verdict.first_name
            and not m.verdict.last_name
        ]
        return weak[-1].verdict.first_name if len(weak) == 1 else None

    def first_name_said_later(
        self, surname: str, after: int, *, surname_first: bool = False
    ) -> str | None:
        """The first name the caller puts before their surname later in the call ("Holst,
        Personalabteilung" … "Kontaktperson bitte Sandra Holst, das bin ich"): not a word, not
        a patient's or staff first name, not after "für", "Frau" or "meine"."""
        others = self._patients_first() | self.protected
        for first, before in self._first_names_before(surname, after, surname_first):
            if (
                not knowledge().facts(first).word_dominant
                and first.lower() not in FILLERS
                and fold(first) not in others
                and before not in _NOT_OWN_BEFORE
            ):
                return capital(first)
        return None

    def _first_names_before(
        self, surname: str, after: int = -1, surname_first: bool = False
    ) -> Iterator[tuple[str, str]]:
        """Each first name the caller said right before this surname (`surname_first`: right
        after it) after turn `after`, with the word before the two. Lower case in a cased turn
        is a word ("a weng sauer"), and so may be a noun in a lower-case one ("matt
        schwarz")."""
        # "Brüning-Nwosu" said as "brüning nwosu"
        word, name = r"([^\W\d_][\w'-]+)", r"[\s-]".join(map(re.escape, surname.split("-")))
        order = rf"\b{name}\s+{word}\b" if surname_first else rf"\b{word}\s+{name}\b"
        pattern = re.compile(order, re.IGNORECASE)
        for index in range(after + 1, len(self.turns)):
            turn = self.turns[index]
            for found in pattern.finditer(turn.content) if turn.role == "user" else ():
                first = found.group(1)
                cased = first[:1].isupper() or (
                    is_lower_case(turn.content) and not knowledge().facts(first).common_noun
                )
                if cased and is_first_name(first):
                    before = turn.content[: found.start()].lower().split()[-1:]
                    yield first, before[0] if before else ""

    def _patients_first(self) -> set[str]:
        """First names of the patients the caller named."""
        return {
            fold(m.verdict.first_name)
            for m, _ in self.mentions
            if m.role == "patient" and m.verdict.first_name
        }

    def _addressed(self, agent_turn: int, surname: str) -> tuple[Mention, str] | None:
        """The caller's name around `surname` in the user turns before `agent_turn`: the latest
        that has a first name beside it, else the answer to a name question that says it, else
        the latest that says it."""
        target = fold(surname.replace("-", ""))
        found: tuple[Mention, str] | None = None
        for user_turn in range(agent_turn - 1, -1, -1):
            if self.turns[user_turn].role != "user":
                continue
            if target[:3] not in fold(self.turns[user_turn].content):
                # cheap: most turns do not say it; but the caller may only have spelled it
                read_back = self._read_back_with_first(surname, user_turn)
                if read_back is not None and fold(read_back[0].verdict.last_name or "") == target:
                    return read_back
                continue
            # Every word, not only capitalised ones: a lower-case transcript may keep "ertl".
            text = truecase(self.turns[user_turn].content, name_expected=True)
            words = _WORD_RE.findall(text)
            spans = _spans_saying(words, target)
            if not spans:
                continue
            # "schnell is mein name torben schnell": the saying with a first name beside it.
            found_here = [self._around(words, span, surname, user_turn) for span in spans]
            mention = next(
                (m for m in found_here if m is not None and m[0].verdict.first_name),
                next((m for m in found_here if m is not None), None),
            )
            if found is not None and any(w.lower() in RELATIONS for w in words[: spans[0][0]]):
                continue  # earlier, "für meinen Sohn … Finn Kaltenbach": his name, not ours
            if mention is not None and mention[0].verdict.first_name:
                return mention
            if mention is not None and (
                confirmed := self._parts_confirmed(surname, user_turn)
                or self._read_back_with_first(surname, user_turn)
            ):
                return confirmed
            if found is None or (
                # "Mit wem spreche ich?" - "Sonntag." … "net am Sonntag": the answer, not the
                # latest saying of the word
                mention is not None and mention[1] in NAME_ASKS and found[1] not in NAME_ASKS
            ):
                found = mention
        return found

    def _read_back_with_first(self, surname: str, user_turn: int) -> tuple[Mention, str] | None:
        """ "réka tod" … "t o t h mit Akzent auf dem O" - "Danke, also Réka Tóth": the agent
        reads the surname back right after the caller spelled it, with a first name the caller
        said earlier."""
        agent_turn = user_turn + 1
        if agent_turn >= len(self.turns) or self.turns[agent_turn].role == "user":
            return None
        if not any(
            m.kind == "spelled"
            and m.turn == user_turn
            and _ratio(m.verdict.name or "", surname) >= _SIMILAR_SPELLING
            for m, _ in self.mentions
        ):
            return None  # only the read-back of a spelling of this surname
        before = re.compile(rf"\b([A-ZÄÖÜ][^\W\d_]+)\s+{re.escape(surname)}\b")
        for found in before.finditer(self.turns[agent_turn].content):
            first = found.group(1)
            said = any(
                _loose(first) in self._turn_words(i)
                for i in range(user_turn)
                if self.turns[i].role == "user"
            )
            if not said or not is_first_name(first) or fold(first) in self.protected:
                continue
            echo = self._echo_of(f"{first} {surname}", user_turn)
            if echo is not None:
                return echo
        return None

    def _parts_confirmed(self, surname: str, user_turn: int) -> tuple[Mention, str] | None:
        """ "Ist Nnaji Ihr Nachname und Ifeoma Ihr Vorname?" - "ja genau …": the agent asked
        both parts of the name and the caller said yes to it."""
        agent_turn = user_turn - 1
        reply = self.turns[user_turn].content
        if agent_turn < 0 or self.turns[agent_turn].role == "user" or not _YES_RE.match(reply):
            return None
        asked = _BOTH_PARTS_ASKED_RE.search(self.turns[agent_turn].content)
        if asked is None:
            return None
        last, first = (
            (asked["last"], asked["first"]) if asked["last"] else (asked["last2"], asked["first2"])
        )
        if fold(last) != fold(surname):
            return None
        return self._echo_of(f"{first} {surname}", user_turn)

    def _around(
        self,
        words: list[str],
        span: tuple[int, int],
        surname: str,
        user_turn: int,
    ) -> tuple[Mention, str] | None:
        """The surname (in the agent's spelling) with a first name beside it, if one is."""
        table = knowledge()
        first = None
        for near in (span[0] - 1, span[1]):  # "Nadine Ertl" or, surname first, "Schnyder Urs"
            if not 0 <= near < len(words) or fold(words[near]) in self.protected:
                continue
            if near > 0 and words[near - 1].lower() == "wie":
                continue  # "E wie Emil": a spelling word
            if words[near].lower() in _DICTATION_WORDS:
                continue  # "alessia punto ferrari at …": an address dictated
            if fold(words[near]) in self._patients_first():
                continue  # "für meinen Sohn, Finn Kaltenbach": the family's other member
            facts = table.facts(words[near])
            if facts.first_name and not facts.word_dominant and is_first_name(words[near]):
                first = words[near]
                break
        return self._echo_of(f"{first} {surname}" if first else surname, user_turn)

    def _echo_of(self, name: str, user_turn: int) -> tuple[Mention, str] | None:
        """The caller's name as the agent took it up, credited to the caller's turn."""
        verdict = validate_name(
            name, agent_names=self.agent_names, staff_names=self.staff_names, addressed=True
        )
        if not verdict.ok:
            return None
        return Mention(verdict, "caller", "echo", user_turn), self.asked.get(user_turn, ASK_NONE)

    @staticmethod
    def _readback(agent_text: str, known: Sequence[str]) -> str | None:
        """A caller's name the agent reads back in a new form, as a question: "Pichlmaier in
        einem Wort?" after "Pichl Maier"."""
        if not agent_text.rstrip().endswith("?") or not known:
            return None
        joined = {fold(a + b) for name in known for a, b in itertools.pairwise(name.split())}
        words: list[str] = _CAP_WORD_RE.findall(agent_text)
        return next(
            (w for w in words if fold(w) in joined and all(fold(k) != fold(w) for k in known)),
            None,
        )

    def _with_first_names_heard(self, m: Mention) -> Mention:
        """ "hier is ana paula gon salves" … "g o n und dann c mit Häkchen, a l v e s": a surname
        spelled that the recogniser heard as two words after the caller's first names; those
        first names are the spelled surname's."""
        v = m.verdict
        if m.kind != "spelled" or m.role != "caller" or v.first_name or not v.last_name:
            return m
        surname = fold(v.last_name)
        for turn in self.turns[: m.turn]:
            if turn.role != "user":
                continue
            words = _WORD_RE.findall(turn.content)
            if any(_ratio(w, surname) >= _JOINED_SPELLING for w in words):
                continue  # heard whole ("Ioana Radulescu"): nothing split to mend
            for k in range(2, len(words) - 1):
                if _ratio(words[k] + words[k + 1], surname) < _JOINED_SPELLING:
                    continue
                firsts = list(itertools.takewhile(_first_name_word, reversed(words[:k])))
                if not firsts or len(firsts) > 2:
                    continue
                full = " ".join([*map(capital, reversed(firsts)), v.last_name])
                verdict = validate_name(full, staff_names=self.staff_names)
                if verdict.ok and verdict.last_name == v.last_name:
                    return Mention(verdict, m.role, m.kind, m.turn)
        return m

    def _split_word_read_back(self, agent_text: str, index: int) -> str | None:
        """ "mihai constantin escu" … "Habe ich Ihren Namen richtig verstanden: Mihai
        Constantinescu?": a full name read back as a question whose surname joins two words the
        caller just said, beside a first name they said too."""
        if not index or self.turns[index - 1].role != "user" or "?" not in agent_text:
            return None
        before = self.turns[index - 1].content
        if before != before.lower():
            return None  # the recogniser splits words in lower-case transcripts
        # the two words before each question mark, both capitalised ("… Mihai Constantinescu?")
        pairs = [
            words[-2:]
            for question in agent_text.split("?")[:-1]
            if len(words := question.split()) >= 2
            and words[-1][:1].isupper()
            and words[-2].rstrip(":,")[:1].isupper()
        ]
        if not pairs:
            return None
        said = [fold(w) for w in _WORD_RE.findall(before)]
        joined = {a + b for a, b in itertools.pairwise(said)}
        for first, last in pairs:
            if fold(last) in joined and fold(first) in said and is_first_name(first):
                return f"{first} {last}"
        return None

    def _spelling_of_patient(self, agent_text: str) -> bool:
        """The agent asks to spell a word of a patient's name that no caller name has."""
        words = {fold(w) for w in _CAP_WORD_RE.findall(agent_text)}
        named = {
            role: {
                fold(w)
                for m, _ in self.mentions
                if m.role == role
                for w in _words(m.verdict.name or "")
            }
            for role in ("patient", "caller")
        }
        return bool(words & (named["patient"] - named["caller"]))

    def _parts_of_patients(self, found: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
        """A part of the patient's name spelled or labelled ("Yiming ist der Vorname", "K-U-S-N-
        E-Z-O-W-A") is the patient's, unless the caller gave it as their own."""
        patients = [m for m, _ in (*self.mentions, *found) if m.role == "patient"]
        if not patients:
            return found
        theirs = {fold(w) for m in patients for w in _words(m.verdict.name or "")}
        own = {
            fold(w)
            for m, _ in (*self.mentions, *found)
            if m.role == "caller" and m.kind in ("intro", "answer", "echo")
            for w in _words(m.verdict.name or "")
        }
        out = []
        for m, asked in found:
            words = {fold(w) for w in _words(m.verdict.name or "")}
            if (
                m.role == "caller"
                and m.kind in ("spelled", "first", "last")
                and words
                and words <= theirs
                and not words & own
            ):
                m = replace(m, role="patient")
            out.append((m, asked))
        return out

    @staticmethod
    def _follows_up_on(agent_text: str, last_named_role: str) -> bool:
        """ "Können Sie den Nachnamen buchstabieren?" right after the caller named the patient:
        the name just said, not the caller's own ("Ihren Nachnamen" asks for that)."""
        return last_named_role == "patient" and not _YOUR_RE.search(agent_text)

    def _saluted_words(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._saluted_said is None:
            said = [
                (match.group(1), match.group(2))
                for turn in self.turns
                if turn.role == "agent"
                for match in _saluted_words_in(turn.content)
            ]
            staff = {fold(w) for n in (*self.agent_names, *self.staff_names) for w in n.split()}
            self._saluted_said = (
                frozenset(fold(f"{particle} {word}") for particle, word in said if particle),
                frozenset(fold(word) for _, word in said) - staff,
            )
        return self._saluted_said

    def _spelled_like_heard(self, text: str, index: int) -> list[Mention]:
        """ "s z und dann o mit zwei so Strichln drauf, … dann k e": a spelling its marks'
        descriptions break into pieces counts, asked for a name, when it sounds like a surname
        heard before ("söke"); it is that person's."""
        found = []
        for name in spelled_names(text):
            heard = next(
                (
                    m
                    for m, _ in reversed(self.mentions)
                    if m.verdict.last_name and _sounds_alike(name, m.verdict.last_name)
                ),
                None,
            )
            if heard is None or fold(name) == fold(heard.verdict.last_name or ""):
                continue
            verdict = validate_name(name, staff_names=self.staff_names)
            if verdict.ok:
                found.append(Mention(verdict, heard.role, "spelled", index))
        return found

    def _reads_back_someone_spoken_of(self, agent_text: str, index: int) -> bool:
        """ "herr moreno diaz javier hat eine Verordnung" - "Ist Javier der Vorname und Moreno
        Díaz der Nachname?": the parts read back are of the person the caller spoke of as
        "Herr"/"Frau", not the caller's own."""
        found = _labelled_read_back(agent_text) if "Vorname" in agent_text else None
        if found is None or "Ihr" in found.group(0):
            return False
        surname = fold(found.group("last").split()[-1])
        return any(
            surname in fold(run).split()
            for t in self.turns[:index]
            if t.role == "user"
            for run in _SPOKEN_OF_BY_SALUTATION_RE.findall(t.content)
        )

    def _about_patient(self, agent_text: str) -> bool:
        """The agent asks the surname of someone already named for an appointment
        ("Wie lautet Jonas' Nachname?", "Wie heißt er mit Nachnamen?")."""
        if re.search(r"\b(?:heißt|heisst)\s+(?:er|sie)\b", agent_text, re.IGNORECASE):
            return True
        # First names only: a family shares the surname ("Frau Knudsen" is the caller).
        named = {
            fold(m.verdict.first_name or m.verdict.name or "")
            for m, _ in self.mentions
            if m.role == "patient" and (m.verdict.first_name or is_first_name(m.verdict.name or ""))
        }
        # The question itself: "Dann ist Luca eingetragen. Darf ich noch Ihren Vornamen
        # notieren?" asks the caller, whose child the first sentence named.
        question = next(
            (q for q in reversed(re.split(r"(?<=[.!?])\s+", agent_text)) if "?" in q), agent_text
        )
        said = {form for w in _CAP_WORD_RE.findall(question) for form in _possessed(w)}
        return bool(named & said)

    @property
    def first_user_turn(self) -> int | None:
        return next((i for i, t in enumerate(self.turns) if t.role == "user"), None)

    def persons(self) -> int:
        """How many different people the caller named (by surname or lone name): the more,
        the easier a role is mixed up."""
        named = [m for m, _ in self.mentions if m.kind != "vocative"]
        people = {fold(m.verdict.last_name or m.verdict.name or "") for m in named}
        # A caller's first name and surname said apart ("pirchegger und der vorname is
        # leopold") are one person.
        caller_surname = any(m.role == "caller" and m.verdict.last_name for m in named)
        lone_firsts = {
            fold(m.verdict.name or "")
            for m in named
            if m.role == "caller" and m.verdict.first_name and not m.verdict.last_name
        }
        return len(people - lone_firsts) + (0 if caller_surname else len(lone_firsts))

    def text(self, index: int) -> str:
        """Turn `index` with German capitalisation restored if it came in lower case (once)."""
        if index not in self._texts:
            self._texts[index] = truecase(self.turns[index].content)
        return self._texts[index]

    def user_turns_saying(self, word: str, *, at_most: int, start: int = 0) -> list[int]:
        """The caller's turns from `start` on that say this word (loosely), up to `at_most`."""
        key, raw, found = _loose(word), word.casefold(), []
        for i in range(start, len(self.turns)):
            turn = self.turns[i]
            # The plain substring test first: most turns never say it (a long call).
            if (
                turn.role == "user"
                and raw in turn.content.casefold()
                and key in self._turn_words(i)
            ):
                found.append(i)
                if len(found) >= at_most:
                    break
        return found

    def asked_name_after(self, words: Sequence[str]) -> bool:
        """The agent asked the caller for their name after the caller last said any of these
        words, and never took one up but as someone else's ("Frau Tschann" in the third
        person): it heard them and did not take them for the caller's name ("Ich kann Frau
        Tschann am Dienstag anbieten. Und mit wem habe ich gesprochen?")."""
        first_only = len(words) == 1 and is_first_name(words[0])
        asked = [
            index
            for index, ask in self.asked.items()
            if ask == ASK_NAME
            and not _SPELLING_QUESTION_RE.search(self.turns[index - 1].content)
            # "Für den Termin brauche ich Ihren vollständigen Namen": a first name heard and
            # taken, the rest of the name wanted
            and not (first_only and _REST_OF_NAME_RE.search(self.turns[index - 1].content))
        ]
        if not asked:
            return False
        last_ask = max(asked)
        # Said before that question, and not again since (the cheap tests first: a long
        # call has hundreds of turns).
        if any(self.user_turns_saying(w, at_most=1, start=last_ask) for w in words):
            return False
        if not any(self.user_turns_saying(w, at_most=1) for w in words):
            return False
        return not any(self._said_back_by_agent(w) for w in words)

    def _said_back_by_agent(self, word: str) -> bool:
        """The agent said this word other than after "Frau"/"Herrn" of a third person: to the
        caller, in a read-back, or misheard."""
        return _SAID_TO_CALLER in self._agent_says(word)

    def agent_says_only_of_someone(self, word: str) -> bool:
        """The agent said this word, and only of someone in the third person."""
        return self._agent_says(word) == {_SAID_OF_SOMEONE}

    def spoken_of_by_agent(self, word: str) -> bool:
        """The agent spoke of someone by this word in the third person ("Kommt Frau Steindl
        zu uns?", "bei Herrn Gräf")."""
        return _SAID_OF_SOMEONE in self._agent_says(word)

    def _agent_says(self, word: str) -> set[str]:
        """How the agent said this word: of someone in the third person, or otherwise."""
        key = _loose(word)
        exact = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        kinds: set[str] = set()
        for index, turn in enumerate(self.turns):
            if turn.role == "user" or key not in self._turn_words(index):
                continue
            text = turn.content
            found = list(exact.finditer(text))
            if not found:
                kinds.add(_SAID_TO_CALLER)  # said like it: a misheard echo
            for match in found:
                salutation = _THIRD_PERSON_SALUTATION_RE.search(text[: match.start()])
                if (
                    salutation is None
                    and _books(text)
                    and classify_ask(text[match.end() :]) == ASK_NAME
                ):
                    # "Dann trage ich Rainer Lange ein. Darf ich noch Ihren Namen notieren?"
                    kinds.add(_SAID_OF_SOMEONE)
                elif salutation is None or (
                    _ADDRESS_RE.match(text, salutation.start())
                    and _spoken_to(text, salutation.start())
                ):
                    kinds.add(_SAID_TO_CALLER)
                else:
                    kinds.add(_SAID_OF_SOMEONE)
        return kinds

    def agent_spoke_after(self, turn: int) -> bool:
        """The agent had a turn after this one, and with it a chance to take a name up."""
        return any(t.role != "user" for t in self.turns[turn + 1 :])

    def agent_said_like(self, word: str) -> bool:
        """The agent said this word, or one like it (a misheard "Papadopulos")."""
        raw = word.casefold()
        if any(t.role != "user" and raw in t.content.casefold() for t in self.turns):
            return True
        key = _loose(word)
        agent = [i for i, t in enumerate(self.turns) if t.role != "user"]
        return any(
            abs(len(said) - len(key)) <= 3 and _ratio(key, said) >= _SIMILAR
            for i in agent
            for said in self._turn_words(i)
        )

    def echoes(self) -> set[str]:
        """Folded names the agent addressed the caller with ("Herr Petrović")."""
        if self._echo is None:
            self._echo = set()
            for index, turn in enumerate(self.turns):
                if turn.role != "agent":
                    continue
                content = self.text(index)
                if "Herr" in content or "Frau" in content:
                    for match in _ECHO_RE.finditer(content):
                        for word in match.group(1).replace("-", " ").split():
                            self._echo.add(fold(word))
        return self._echo

    def echoed(self, v: NameVerdict) -> bool:
        """The agent addressed someone by this surname ("Herr Gruber" after "Gruber Ferdinand",
        whichever word of a surname-first name it is)."""
        last = v.last_name or v.name or ""
        words = last.replace("-", " ").split()
        if words and all(fold(w) in self.echoes() for w in words):
            return True
        parts = (v.name or "").split()
        return len(parts) == 2 and fold(parts[0]) in self.echoes() and not is_first_name(parts[0])

    def _without_appointment(self) -> bool:
        """The caller says the call is not about an appointment and the agent books none: then
        no one is a patient ("Es geht nicht um einen Termin. Die Krone für Patientin X …")."""
        said = any(t.role == "user" and _NO_APPOINTMENT_RE.search(t.content) for t in self.turns)
        return said and not any(t.role != "user" and _books(t.content) for t in self.turns)

    def _called_former_later(self) -> set[str]:
        """ "Mein Name ist Obernosterer." - "Unter Obernosterer finde ich nichts." - "Des is mei
        Mädchenname, jetzt heiß i Kofler": the caller's surname last named before a turn that
        opens by calling it a former name (one named earlier in that turn is the one meant)."""
        keys: set[str] = set()
        for index, turn in enumerate(self.turns):
            # Every phrase it looks for ends in "name" or "Name": a substring test first.
            said = turn.role == "user" and "ame" in turn.content
            found = _THAT_WAS_FORMER_RE.search(turn.content) if said else None
            if found is None or _CAPITALISED_RE.search(self.text(index), 1, found.start()):
                continue  # "… unter wittstock drin, das war mein mädchenname": that one
            earlier = {
                _surname_key(m): m.turn
                for m, _ in self.mentions
                if m.role == "caller" and m.turn < index and m.verdict.last_name
            }
            before = fold(self.turns[index - 1].content) if index else ""
            # Last named in the turn before, else the caller's latest.
            named = [(before.rfind(key), key) for key in earlier if key and key in before]
            if named:
                keys.add(max(named)[1])
            elif earlier:
                keys.add(max(earlier, key=lambda key: earlier[key]))
        return keys

    def _booked_while_caller_named_otherwise(self, m: Mention) -> bool:
        """A full name the agent later books under, said after the caller introduced themself
        by another surname."""
        first, surname = m.verdict.first_name, m.verdict.last_name
        if not first or not surname:
            return False
        introduced = any(
            o.role == "caller"
            and o.kind in ("intro", "answer")
            and o.turn < m.turn
            and o.verdict.last_name
            and fold(o.verdict.last_name) != fold(surname)
            for o, _ in self.mentions
        )
        said = re.compile(rf"\b{re.escape(first)}\s+{re.escape(surname)}\b", re.IGNORECASE)
        return introduced and any(
            t.role != "user" and _books(t.content) and said.search(t.content)
            for t in self.turns[m.turn + 1 :]
        )

    def _spoken_of_as_herr_or_frau(self, m: Mention) -> bool:
        """The caller says "Herr"/"Frau" before this full name's first name, or after a
        preposition before its surname ("bei Frau Jacobsen")."""
        first, surname = m.verdict.first_name, m.verdict.last_name
        if not first or not surname or not 1 <= m.turn < len(self.turns):
            return False
        if _WHICH_SALUTATION_RE.search(self.turns[m.turn - 1].content):
            return False  # "Herr oder Frau Winter?" - "frau elke winter": the caller's answer
        last = re.escape(surname)
        pattern = (
            rf"\b(?:Herrn?|Frau)\s+{re.escape(first)}\s+{last}\b"
            rf"|\b{_PREPOSITIONS}\s+(?:(?:der|dem|den)\s+)?(?:Herrn?|Frau)\s+{last}\b"
            # "für meinen Vater. Antonio Rossi, der ist bei Ihnen Patient.": spoken of
            rf"|\b{re.escape(first)}\s+{last},\s+(?:der|die)\s+(?:ist|is|hat|war|wohnt|braucht)\b"
            # "Herr Wagner, Lutz Wagner, braucht eine Verordnung": the customer spoken of
            rf"|\b(?:Herrn?|Frau)\s+{last},\s+{re.escape(first)}\s+{last},?\s+(?:braucht|hat|ist|war|kommt|möchte|muss|soll)\b"
        )
        return re.search(pattern, self.turns[m.turn].content, re.IGNORECASE) is not None

    def _saluted_in_turn(self, m: Mention) -> bool:
        """The caller said "Herr"/"Frau" and this name's surname in the mention's turn."""
        surname = m.verdict.last_name
        if not surname or not 0 <= m.turn < len(self.turns):
            return False
        # "Frau Doktor von Arx": a title may stand between
        pattern = (
            rf"\b(?:Herrn?|Frau)\s+(?:(?:Dr|Doktor|Prof|Professor)\.?\s+)?{re.escape(surname)}\b"
        )
        return re.search(pattern, self.turns[m.turn].content, re.IGNORECASE) is not None

    def _said_to_be_someone_else(self) -> set[str]:
        """ "Kaminski am Apparat" … "nee, falsch, Kaminski is mein Kollege": a surname the
        caller later says is a colleague's or a relative's, named after a correction word."""
        keys: set[str] = set()
        for turn in self.turns:
            if turn.role != "user" or "mein" not in turn.content.lower():
                continue
            for found in _SOMEONE_ELSE_RE.finditer(turn.content):
                noun = found.group(2).lower()
                if noun in RELATIONS or noun in _COLLEAGUES:
                    keys.add(fold(found.group(1)))
        return keys

    def _named_before_a_change(self) -> set[str]:
        """ "Ich sehe eine Ines Schneider." - "Das bin ich, aber ich heiße jetzt Weigel": the
        caller's surnames named before a turn that gives the name borne now are former ones."""
        keys: set[str] = set()
        said = self.spoken("user")
        if not any(adverb in said for adverb in _NOW_ADVERBS):
            return keys  # substring tests over the whole call first: it is rarely said
        for index, turn in enumerate(self.turns):
            found = _NAMED_NOW_RE.search(turn.content) if turn.role == "user" else None
            if found is None:
                continue
            now = fold(found.group(1))
            keys |= {
                key
                for m, _ in self.mentions
                if m.role == "caller" and m.turn < index and m.verdict.last_name
                if (key := _surname_key(m)) and key != now
            }
        return keys

    def called_former(self, surname: str) -> bool:
        """The caller called this surname a former one ("früher hieß ich Schulz")."""
        key = fold(surname)
        return any(
            m.kind == FORMER_NAME and fold(m.verdict.last_name or "") == key
            for m, _ in self.mentions
        )

    def resolve(self) -> tuple[_Slots, _Slots, list[Mention]]:
        caller, patient = _Slots(), _Slots()
        others: list[Mention] = []
        no_patient = self._without_appointment() or self._for_the_caller_alone()
        addressed = {fold(m.verdict.name or "") for m, _ in self.mentions if m.kind == "vocative"}
        denied = self._denied_names(
            {
                w.casefold()
                for m, _ in self.mentions
                if m.role == "caller"
                for w in _words(m.verdict.name or "")
            }
        )
        former = {_surname_key(m) for m, _ in self.mentions if m.kind == FORMER_NAME}
        former |= self._called_former_later() | self._named_before_a_change()
        former |= self._said_to_be_someone_else()
        # Surnames of the people booked for, named before they are spelled (their mention may
        # come from the agent's booking later in the call).
        booked_surnames = {
            (m.turn, fold(m.verdict.last_name))
            for m, _ in self.mentions
            if m.role == "patient" and m.verdict.last_name
        }
        # "Herr Bauer, Alois Bauer, hat Fuß geschwollen": a bare name the same turn books for
        # someone, whom the caller calls "Herr" or "Frau", is that person, not the caller
        booked_here = {
            (m.turn, fold(m.verdict.name or ""))
            for m, _ in self.mentions
            if m.role == "patient" and self._saluted_in_turn(m)
        }
        # "für eine Bewohnerin, Frau Doktor von Arx, Verena von Arx": the surname alone, in
        # the turn that names the patient in full, is the patient's
        patient_surnames = {
            (m.turn, fold(m.verdict.last_name))
            for m, _ in self.mentions
            if m.role == "patient" and m.verdict.first_name and m.verdict.last_name
        }
        # "also richtig heißt sie Anastasia, Anastasia Wiebe" … "Anastasia ist eingetragen":
        # a full name said bare that the call books for is the patient's, not the caller's
        patients_named = {
            fold(m.verdict.name or "")
            for m, _ in self.mentions
            if m.role == "patient"
            and m.kind == "booked"
            and m.verdict.first_name
            and m.verdict.last_name
        }
        # not in the caller's own introduction ("da is die Wimmer Kathi – ah, Katharina Wimmer")
        introduced_in = {
            m.turn for m, _ in self.mentions if m.role == "caller" and m.kind == "intro"
        }
        relatives = self._relatives_first_names()
        # "Herr Somchai Thongchai, er ist bei uns auf Kur." - "Wie schreibt man den Namen?" -
        # "Vorname Somchai, S-O-M-C-H-A-I, Nachname Thongchai, …": the parts of the name of
        # someone the caller named in full, spelled or labelled, are that person's
        full_names_spoken_of = self._patients_full_names()
        for m, ask in self.mentions:
            if (
                m.role == "caller"
                and m.kind in ("spelled", "first", "last")
                and any(
                    said_in < m.turn and fold(m.verdict.name or "") in words
                    for said_in, words in full_names_spoken_of
                )
            ):
                m = Mention(m.verdict, "patient", m.kind, m.turn)
            if (
                m.role == "caller"
                and m.kind == "bare"
                and m.verdict.first_name
                and (
                    (fold(m.verdict.name or "") in patients_named and m.turn not in introduced_in)
                    # "Noah ist mein Sohn. Ich bin Laura Zbinden." … "Genau, Noah Zbinden."
                    or fold(m.verdict.first_name) in relatives
                )
            ):
                m = Mention(m.verdict, "patient", "mentioned", m.turn)
            if m.kind == "weak" and m.role == "caller" and self._there_after_greeting(m):
                m = Mention(m.verdict, m.role, "intro", m.turn)
            if (
                m.role == "other"
                or (m.role == "caller" and self._denied(m, denied))
                # "Wie heißt er?" - "Der Lukas … – Na, Lukas, an Irokesen kriagst ned!": the
                # child answered for, then spoken to, is still the one booked for
                or (fold(m.verdict.name or "") in addressed and not _answered_for(m, ask))
                or (
                    m.role == "caller"
                    and m.kind == "bare"
                    and (
                        (m.turn, fold(m.verdict.name or "")) in booked_here
                        or (
                            m.verdict.first_name is None
                            and (m.turn, fold(m.verdict.name or "")) in patient_surnames
                            and self._saluted_in_turn(m)
                        )
                    )
                )
            ):
                others.append(m)
            elif m.role == "caller" and _surname_key(m) in former:
                # "da hieß ich noch Petersen, Brigitte Petersen": every form of a former
                # name, before or after the caller called it one, is not the current name.
                others.append(m)
            elif m.role == "caller" and m.kind == "bare" and self._spoken_of_as_herr_or_frau(m):
                # "Wir sind gerade bei Frau Jacobsen, Annemarie Jacobsen", "Genau, Frau Helga
                # Feddersen, Jahrgang 1951": whom the caller speaks of, never themself
                if no_patient:
                    others.append(m)
                else:
                    patient.add(Mention(m.verdict, "patient", "mentioned", m.turn), ask)
            elif (
                m.role == "caller"
                and m.kind == "bare"
                and not no_patient
                and self._booked_while_caller_named_otherwise(m)
            ):
                # "Sekretariat, Bauer." … "Mia Stojanović, zweite Klasse." … "Ich habe Mia
                # Stojanović um 12:15 Uhr eingetragen.": whom the agent books, not the caller
                patient.add(Mention(m.verdict, "patient", "mentioned", m.turn), ask)
            elif no_patient and m.role == "patient":
                others.append(m)
            elif m.role == "patient" and self._corrects_callers_address(m):
                # "Guten Tag, Herr Hadad. Um welche Patientin geht es?" - "Haddad, mit zwei D.
                # Es geht um Frau Renate Gläser": the caller first mends their own name.
                caller.add(Mention(m.verdict, "caller", m.kind, m.turn), ask)
            elif (
                m.role == "patient"
                and m.kind == "relation"
                and "answer" in patient.kinds
                and not patient.same_person(m.verdict)
            ):
                # "Nur da Lukas. Mei Frau, d'Sabine, schneid ma die Haar dahoam": the one the
                # caller answered the patient question with stays; a relative named after him
                # is spoken of
                others.append(m)
            elif m.role == "patient" or _refers_to(m, patient):
                patient.add(m, ask)
            elif m.kind == "answer" and _is_full_name_of(m, patient):
                # "wie ist Ihr Name?" - "ich bin nur die Tochter … schreiben Sie Hartung Ilse":
                # the full name of the person booked for, in any order, is not the caller's.
                others.append(m)
            elif (
                m.kind == "weak"
                and m.role == "caller"
                and (
                    self._full_name_after_ich_bin(m)
                    # "Ihren Namen?" - "Ich bin Mathivathani Kandiah": the answer, in full
                    or (ask in NAME_ASKS and bool(m.verdict.first_name and m.verdict.last_name))
                    or (ask not in (ASK_PATIENT, ASK_RELATIVE) and self._first_name_greeted_back(m))
                    or self._own_first_name_labelled(m, caller)
                )
            ):
                caller.add(Mention(m.verdict, m.role, "intro", m.turn), ask)
            elif m.kind == "spelled" and self._spelling_after_patient_answer(m):
                # the relative's name spelled as asked, first name and surname in their order
                patient.add(Mention(m.verdict, "patient", "spelled", m.turn), ASK_SPELL)
            elif m.kind == "spelled" and (
                self._spells_patients_surname(m, patient, caller)
                or self._spells_a_patients_surname_named_earlier(m, caller, booked_surnames)
            ):
                # "Er heißt Tiago Magaliesch." - "Den Nachnamen buchstabieren?" - "M, A, G …"
                patient.add(Mention(m.verdict, "patient", "spelled", m.turn), ask)
            elif (
                m.kind == "spelled"
                and ask in (ASK_CONFIRM, ASK_SPELL)
                and self._spelling_asked_of(m, patient, caller)
            ):
                # "Schreibt man Schütz mit T-Z?" (the client's) - "nee s j u t s": theirs
                patient.set_surname(Mention(m.verdict, "patient", "spelled", m.turn))
            elif m.kind == "bare" and _patients_surname(m, patient):
                # "Jo genau. Hinterberger." after "Ihr Großvater heißt Alois Hinterberger?"
                others.append(m)
            elif m.kind == "spelled" and self._spelling_corrects(m, caller):
                # "Frau Kant mit K?" - "nee nee, mit Q, Q wie Quelle, …": the surname as spelled
                caller.set_surname(m)
            elif (
                m.kind == "spelled"
                and caller.first
                and not caller.first_spelled
                and self._first_name_taken_up(m, caller)
            ):
                # "Wojtek Schtschepanski" … "Vorname: W, O, J, C, I, E, C, H. Nachname: …" -
                # "Danke, also Wojciech Szczepanski": the first name as spelled and read back
                caller.set_first_name(m)
            elif self._accept_caller(m, ask, caller):
                if m.kind == "bare" and self._opening_intro(m):
                    m = Mention(m.verdict, m.role, "intro", m.turn)
                caller.add(m, ask)
            else:
                others.append(m)
        if self._unheard_surname(caller):
            caller.last = None
        if patient.first and not patient.last and " " not in patient.first:
            patient.last = self._surname_said_after(
                patient.first, caller
            ) or self._callers_surname_read_back(patient.first, caller)
        return caller, patient, others

    def _callers_surname_read_back(self, first: str, caller: _Slots) -> str | None:
        """ "Pawel … Nowak wie ich." - "… einen Termin für Paweł Nowak": the agent reads the
        relative back with the caller's own surname."""
        if not caller.last or " " in caller.last:
            return None
        return caller.last if self.agent_said_run([first, caller.last]) else None

    def _surname_said_after(self, first: str, caller: _Slots) -> str | None:
        """ "meine Tochter Elif" … "Elif Aydin, A-Y-D-I-N": the relative's first name said
        again by the caller with a surname right after it, the caller's own or a listed one."""
        own = {fold(w) for w in (caller.last or "").replace("-", " ").split()}
        pattern = re.compile(rf"\b{re.escape(first)}\s+({_UPPER}[\w'’-]+)")
        for index, turn in enumerate(self.turns):
            if turn.role != "user":
                continue
            for match in pattern.finditer(self.text(index)):
                word = match.group(1)
                facts = knowledge().facts(word)
                if fold(word) in self.protected or is_first_name(word):
                    continue
                if fold(word) in own or (facts.surname and not facts.ordinary_word):
                    return word
        return None

    @staticmethod
    def _spells_patients_surname(m: Mention, patient: _Slots, caller: _Slots) -> bool:
        """A spelling like the patient's surname, and less like the caller's: theirs."""
        spelled = m.verdict.name or ""
        if not patient.last or " " in spelled:
            return False
        ours = _ratio(patient.last, spelled)
        return ours >= _SPELLED_LIKE and ours > (
            _ratio(caller.last, spelled) if caller.last else 0.0
        )

    @staticmethod
    def _spells_a_patients_surname_named_earlier(
        m: Mention, caller: _Slots, booked: set[tuple[int, str]]
    ) -> bool:
        """ "Herrn Dragan Nikolić" booked in turn 3, "N, I, K, O, L, I, C" in turn 5: the
        patient's, when the caller's own surname is another."""
        spelled = fold(m.verdict.name or "")
        if not spelled or " " in spelled or caller.last is None or fold(caller.last) == spelled:
            return False
        return any(turn < m.turn and surname == spelled for turn, surname in booked)

    def _spelling_asked_of(self, m: Mention, patient: _Slots, caller: _Slots) -> bool:
        """A one-word spelling right after the agent asked how the patient's surname (not the
        caller's) is written."""
        if not patient.last or " " in (m.verdict.name or "") or m.turn == 0:
            return False
        if caller.last and fold(caller.last) == fold(m.verdict.name or ""):
            return False  # "zuhanden Morina. M-O-R-I-N-A": the caller spells their own
        asked = self.turns[m.turn - 1]
        if _YOUR_NAME_RE.search(asked.content):
            return False  # "Ich trage Frau Timm ein. Können Sie Ihren Namen buchstabieren?"
        said = {_loose(w) for w in _WORD_RE.findall(asked.content)}
        ours = caller.last is not None and _loose(caller.last) in said
        return asked.role != "user" and _loose(patient.last) in said and not ours

    def _unheard_surname(self, caller: _Slots) -> bool:
        """A surname no name list knows, said in one turn only, that the agent never uses while
        it speaks to the caller by the first name alone ("In Ordnung, Vreni."): a word heard
        after the first name ("de nachname säg ich nöd"), not a surname."""
        first, last = caller.first, caller.last
        if (
            not first
            or not last
            or " " in last
            or "-" in last
            or knowledge().facts(last).known_name
        ):
            return False
        key = _loose(last)
        if (
            sum(key in self._turn_words(i) for i, t in enumerate(self.turns) if t.role == "user")
            > 1
        ):
            return False
        if self._said_then_spelled(last):
            return False  # "Pichlmayr, Theresa" … "P wie Paula, …": heard, and spelled
        if any(self._turn_words(i) == {_loose(first), key} for i in caller.turns):
            return False  # "Wie heißt du?" - "quirin stanglmeier": the whole answer is the name
        agent = [i for i, t in enumerate(self.turns) if t.role != "user"]
        if any(key in self._turn_words(i) for i in agent):
            return False
        alone = re.compile(rf"\b{re.escape(first)}\b(?!\s+{_UPPER})")
        return any(i > min(caller.turns) and alone.search(self.turns[i].content) for i in agent)

    def _said_then_spelled(self, surname: str) -> bool:
        """The caller said this surname in a name of theirs and spelled it in the same letters."""
        key = fold(surname)
        kinds = {
            m.kind
            for m, _ in self.mentions
            if m.role == "caller" and fold(m.verdict.last_name or m.verdict.name or "") == key
        }
        return "spelled" in kinds and bool(kinds - {"spelled", "echo"})

    def _patients_full_names(self) -> list[tuple[int, set[str]]]:
        """(turn, words) of each patient's full name (or of one the caller speaks of as
        "Herr"/"Frau"), without the words the caller's own name shares."""
        own = {
            fold(w)
            for m, _ in self.mentions
            if m.role == "caller" and m.kind in ("intro", "answer")
            for w in _words(m.verdict.name or "")
        }
        named = [
            (m.turn, {fold(w) for w in _words(m.verdict.name or "")})
            for m, _ in self.mentions
            if m.verdict.first_name
            and m.verdict.last_name
            and (
                m.role == "patient"
                or (m.role == "caller" and m.kind == "bare" and self._spoken_of_as_herr_or_frau(m))
            )
        ]
        return [(said_in, words - own) for said_in, words in named]

    def _spelling_after_patient_answer(self, m: Mention) -> bool:
        """ "Wie heißt Ihr Sohn?" - "kwa dscho asante" - "Können Sie mir den Vornamen
        buchstabieren?" - "k w a d w o …": the spelling asked right after the answer about the
        relative is theirs, unless the agent asks for the caller's own ("Ihren Namen")."""
        if m.role != "caller" or m.turn < 2 or self.turns[m.turn - 1].role == "user":
            return False
        answered = m.turn - 2
        if self.turns[answered].role != "user":
            return False
        if self.asked.get(answered) not in (ASK_PATIENT, ASK_RELATIVE):
            return False
        question = self.turns[m.turn - 1].content
        return _SPELL_REQUEST_RE.search(question) is not None and not _YOUR_NAME_RE.search(question)

    def _accept_caller(self, m: Mention, ask: str, caller: _Slots) -> bool:
        if m.kind in ("intro", "answer", "first", "last", "echo"):
            return True
        if m.kind == "bare" and self._opening_intro(m):
            return True
        if m.kind == "bare" and self._doctor_named(m):
            return False  # "vom HNO, Dr. Meiners": a doctor named, not the caller ("Eilers")
        if m.kind == "bare" and self._first_name_after_address(m, caller):
            return True
        if m.kind == "spelled":
            # Spelled unasked and like no name the caller gave: someone else's ("Dr. Przybylski").
            return (
                ask in NAME_ASKS
                or self._similar_to(m, caller)
                or (ask == ASK_CONFIRM and self._spelling_asked_for(m))
                or self._spelling_offered(m)
                # "s h e v c h e n k o" … "Danke, Frau Shevchenko": the agent took it up
                or any(
                    index > m.turn and fold(surname) == fold(m.verdict.name or "")
                    for index, surname in self.addresses()
                )
                # "quatmann yvonne quatmann ypsilon v o n n e" … "Danke, Frau Yvonne Quatmann":
                # a first name spelled beside the surname, which the agent takes up with it
                or self._first_name_taken_up(m, caller)
            )
        # Unprompted names need support: the agent echoed them, they refine the caller's name,
        # or the caller confirms the surname later (spelled, asked, introduced).
        if caller.name is not None and (caller.same_person(m.verdict) or self._contains(m, caller)):
            return True
        if caller.name and _joined_end(caller.name.split(), m.verdict.name or "") is not None:
            return True  # "gerd schmidt ke" … "nee schmidtke": the same letters, joined
        if _completes(caller, m):
            return True
        return self.echoed(m.verdict) or self._confirmed_later(m) or self._phone_intro(m)

    def _doctor_named(self, m: Mention) -> bool:
        """A bare name after a written title ("Dr. Meiners", "Doktor Meiners"); the dialect
        article "dr" ("Dr Elmar Bischof", Alemannic "der") is no title."""
        if not m.verdict.title or not m.verdict.last_name:
            return False
        titled = re.compile(
            rf"\b(?:Dr\.|Doktor|Prof\.|Professor)\s+(?:\S+\s+)?{re.escape(m.verdict.last_name)}\b",
            re.IGNORECASE,
        )
        return titled.search(self.turns[m.turn].content) is not None

    def _first_name_taken_up(self, m: Mention, caller: _Slots) -> bool:
        first = m.verdict.first_name
        if first is None or m.verdict.last_name:
            return False
        # "Vorname: L mit Querstrich, U, K, A, S, Z. Nachname: P, R, Z, …" - "Danke, also
        # Łukasz Przybylski": both spelled in one turn, read back together
        surnames = {
            x.verdict.last_name
            for x, _ in self.mentions
            if x.kind == "spelled" and x.turn == m.turn and x.verdict.last_name
        }
        if surnames:
            alternatives = "|".join(map(re.escape, surnames))
            said = re.compile(rf"\b{re.escape(first)}\s+(?:{alternatives})\b", re.IGNORECASE)
        elif caller.last is not None:
            said = re.compile(
                rf"\b(?:herrn?|frau)\s+{re.escape(first)}\s+{re.escape(caller.last)}\b",
                re.IGNORECASE,
            )
        else:
            return False
        return any(t.role == "agent" and said.search(t.content) for t in self.turns[m.turn + 1 :])

    def _spelling_corrects(self, m: Mention, caller: _Slots) -> bool:
        """A turn that says no and spells a surname like the one heard (but no spelling we
        would take anyway) corrects it."""
        spelled = m.verdict.name or ""
        if caller.last is None or " " in spelled:
            return False
        core = _core(caller.last)  # "van der Ploeg" spelled "P, L, O, E, G" is no correction
        particles = "".join(w for w in caller.last.split() if w.lower() in NAME_PARTICLES)
        return (
            fold(spelled) not in (core, fold(particles))  # "v a n dann d e r": the particles
            and len(spelled) >= _SPELLED_SURNAME_MIN  # a stray short run ("Ppö") is no surname
            and _CORRECTED_LIKE <= _ratio(core, spelled) < _SIMILAR_SPELLING
            and _NO_RE.match(self.turns[m.turn].content) is not None
        )

    @staticmethod
    def _full_name_after_ich_bin(m: Mention) -> bool:
        """ "ich bin Marta Wiśniewska": after "ich bin" a role or a state may follow ("ich bin
        Pflegerin"), but a known first name and a surname are the speaker's own name."""
        v = m.verdict
        return bool(
            v.first_name and v.last_name and " " not in v.first_name and is_first_name(v.first_name)
        )

    def _first_name_after_address(self, m: Mention, caller: _Slots) -> bool:
        """ "Und Sie sind die Mutter, Frau Wójcik?" - "Ja, genau. Agnieszka.": a first name
        added to the yes that answers a question put to the caller by the surname held."""
        name = m.verdict.name or ""
        if caller.first is not None or caller.last is None or " " in name:
            return False
        if not is_first_name(name) or fold(name) in self._patients_first():
            return False
        if m.turn == 0 or self.turns[m.turn - 1].role == "user":
            return False
        match = _ADDRESSED_QUESTION_RE.search(self.turns[m.turn - 1].content)
        return (
            match is not None
            and fold(match.group(1)) == fold(caller.last)
            and _YES_RE.match(self.turns[m.turn].content) is not None
        )

    @staticmethod
    def _denied(m: Mention, denied: set[str]) -> bool:
        """The mention is a name denied, or the agent's address ("Frau Maria") of a word
        denied ("Jesus Maria" … "Maria heiß ich doch net")."""
        words = {fold(w) for w in _words(m.verdict.name or "")}
        return fold(m.verdict.name or "") in denied or (m.kind == "echo" and bool(words & denied))

    def _relatives_first_names(self) -> set[str]:
        """First names (folded) the caller gave a relative ("Noah ist mein Sohn"), never the
        first name the caller introduced themself with."""
        relatives = {
            fold(m.verdict.first_name)
            for m, _ in self.mentions
            if m.kind == "relation" and m.verdict.first_name and not m.verdict.last_name
        }
        own = {
            fold(m.verdict.first_name)
            for m, _ in self.mentions
            if m.role == "caller" and m.kind in _STRONG_KINDS | {"weak"} and m.verdict.first_name
        }
        return relatives - own

    def _denied_names(self, words: set[str]) -> set[str]:
        """ "Grüß Gott, Frau Maria." - "Na, Maria heiß ich doch net": which of these words (the
        caller's names) the caller says are not theirs (folded); also "noi net nomal" right
        after the agent used the word."""
        denied: set[str] = set()
        said = self.spoken("user")
        if not words or not (_NOT_MINE_CUE_RE.search(said) or _NO_NOT_CUE_RE.search(said)):
            return denied  # a cheap pass over all the caller said: most calls deny nothing
        for index, turn in enumerate(self.turns):
            if turn.role != "user":
                continue
            low = turn.content.casefold()
            if not any(w in low for w in words):
                continue  # the cheap test first: most turns say none of them
            denied.update(fold(w) for w in _NOT_MY_NAME_RE.findall(turn.content))
            before = self.turns[index - 1].content if index > 0 else ""
            denied.update(
                fold(w)
                for w in _NO_NOT_RE.findall(turn.content)
                if re.search(rf"\b(?:herrn?|frau)\s+{re.escape(w)}\b", before, re.IGNORECASE)
            )
        return denied

    def _own_first_name_labelled(self, m: Mention, caller: _Slots) -> bool:
        """ "Schreiben Sie doch bitte meinen Vornamen dazu … Ich bin Sigrid.": a first name
        after "ich bin" in a turn about the caller's own first name, to the surname held."""
        name = m.verdict.name or ""
        return (
            caller.first is None
            and caller.last is not None
            and " " not in name
            and is_first_name(name)
            and _OWN_FIRST_NAME_RE.search(self.turns[m.turn].content) is not None
        )

    def _first_name_greeted_back(self, m: Mention) -> bool:
        """ "Ich bin Swantje, …" - "Moin Swantje!": a listed first name after "ich bin" that
        the agent's next turn calls the caller by."""
        name = m.verdict.name or ""
        if " " in name or not is_first_name(name):
            return False
        reply = next((t for t in self.turns[m.turn + 1 :] if t.role != "user"), None)
        # "Hallo Samira!", or the name closing a sentence: "Das ist in Ordnung, Samira."
        called = rf"^\W*(?:{_GREETED_BACK}\W+)?{re.escape(name)}\b|,\s*{re.escape(name)}\s*[.!?]"
        return reply is not None and re.search(called, reply.content, re.IGNORECASE) is not None

    def _spelling_offered(self, m: Mention) -> bool:
        """ "Der Nachname ist schwierig, ich buchstabiere lieber": the caller offered to spell
        their own name in this turn or the one before."""
        users = [i for i, t in enumerate(self.turns) if t.role == "user" and i <= m.turn]
        return any(_OWN_SPELLING_RE.search(self.turns[i].content.lower()) for i in users[-2:])

    def _opening_intro(self, m: Mention) -> bool:
        """A name said as one answers the phone, opening the caller's first turn."""
        return (
            self._phone_intro(m)
            or self._opens_after_greeting(m)
            or self._surname_before_greeting(m)
            or self._surname_then_department(m)
        )

    def _surname_then_department(self, m: Mention) -> bool:
        """ "Schönen guten Tag, Kettling, Personalabteilung Busch Metallwaren": after the
        greeting, one word and then the department or firm one speaks for is who calls."""
        name = m.verdict.name or ""
        if m.turn != self.first_user_turn or " " in name:
            return False
        opening = re.match(
            rf"\W*(?:[^\W\d_]+\W+){{0,3}}?{re.escape(name)}\s*,\s*([^\W\d_]+)",
            self.turns[m.turn].content,
            re.IGNORECASE,
        )
        if opening is None:
            return False
        before = re.findall(r"[^\W\d_]+", opening.group(0)[: -len(opening.group(1))].lower())
        said = [w for w in before if w != name.lower()]
        department = opening.group(1)
        return _greeting_words_only(said) and (
            names_organisation(department) or department.lower() in _DEPARTMENTS
        )

    def _phone_intro(self, m: Mention) -> bool:
        """ "Papadopoulos, Konstantinos Papadopoulos." opening the caller's first turn: the
        surname, then the full name, is how one answers a phone call with one's own name, also
        after a greeting and with "hier"/"da" ("Grüß Gott, Mathis do, Gerlinde Mathis.")."""
        v = m.verdict
        if m.turn != self.first_user_turn or not v.first_name or not v.last_name:
            return False
        last = re.escape(v.last_name)
        # "Rauch von Traumtag Events, Bettina Rauch": where from may come between.
        between = r"(?:\s+(?:hier|da|do)|\s+(?:von|vom|aus)\s+[^,.]{1,40})?"
        said = rf"(?:^|[.!?,]\s+){last}{between}[,.]?\s+{re.escape(v.first_name)}\s+"
        pattern = said + rf"{last}(?:\s*[.!,]|\s|$)"
        return re.search(pattern, self.turns[m.turn].content, re.IGNORECASE) is not None

    def _there_after_greeting(self, m: Mention) -> bool:
        """ "Grüezi Nora, da ist Mirjam.": "da ist" right after the greeting that opens the
        caller's first turn introduces the caller, as "hier ist" does; so does "ich bin" before
        a first name ("hi ich bin Adwoa")."""
        if m.turn != self.first_user_turn or not m.verdict.first_name:
            return False
        text = self.turns[m.turn].content
        found = re.search(rf"\b{re.escape(m.verdict.first_name)}\b", text, re.IGNORECASE)
        if found is None:
            return False
        before = re.findall(r"[^\W\d_]+", text[: found.start()].lower())
        agents = {fold(a) for a in self.agent_names}
        there = (["da", "ist"], ["da", "isch"], ["do", "isch"], ["do", "is"])
        # "hi ich bin adwoa ich war schon mal bei ihnen": "ich bin" and a first name there too
        own = (
            (["ich", "bin"], ["i", "bin"], ["ick", "bin"])
            if is_first_name(m.verdict.first_name)
            else ()
        )
        return (
            len(before) >= 2
            and (before[-2:] in there or before[-2:] in own)
            and _greeting_words_only(before[:-2], agents)
        )

    def _opens_after_greeting(self, m: Mention) -> bool:
        """ "Grüß Gott, Schwandner Gertraud. Mei Enkelin …": a full name of known name words
        right after the greeting that opens the caller's first turn is who is calling."""
        v = m.verdict
        if m.turn != self.first_user_turn or not v.first_name or not v.last_name:
            return False
        table = knowledge()
        known = all(table.facts(w).known_name for w in (v.first_name, v.last_name))
        surname = table.facts(v.last_name)
        # "Anneliese Pößl": a first name, then a word no list knows that is no ordinary word;
        # "Demetz Sabine": the same, surname first.
        unlisted = (is_first_name(v.first_name) and not surname.ordinary_word) or (
            is_first_name(v.last_name)
            and not is_first_name(v.first_name)
            and not table.facts(v.first_name).ordinary_word
        )
        if not known and not unlisted:
            return False
        text = self.turns[m.turn].content
        # "ja tach marek pschibilski": a recogniser writing all in lower case, a clear first
        # name first (not "dobar dan", "my")
        # ("kleinschnitz erna" too: the surname first)
        lower = text == text.lower() and any(
            is_first_name(given)
            and not table.facts(given).ordinary_word
            and not is_first_name(other)
            for given, other in ((v.first_name, v.last_name), (v.last_name, v.first_name))
        )
        found = re.search(
            rf"\b{re.escape(v.first_name)}\s+{re.escape(v.last_name)}\b"
            rf"|\b{re.escape(v.last_name)},?\s+{re.escape(v.first_name)}\b",
            text,
            re.IGNORECASE if lower else 0,
        )
        if found is None:
            return False
        after = text[found.end() :].split(maxsplit=1)[:1]
        if after and after[0].lower() in _SAID_OF_SOMEONE_VERBS:
            return False  # "guten tag dragan jurić braucht einen termin": spoken of
        before = re.findall(r"[^\W\d_]+", text[: found.start()].lower())
        return bool(before) and _greeting_words_only(before)

    def _surname_before_greeting(self, m: Mention) -> bool:
        """ "Ahlers, guten Tag. Bei mir wackelt …": a listed surname opening the caller's
        first turn, then the greeting, is how one answers the phone."""
        name = m.verdict.name or ""
        if m.turn != self.first_user_turn or " " in name:
            return False
        facts = knowledge().facts(name)
        if not facts.surname or facts.ordinary_word:
            return False
        opening = re.match(
            rf"\W*(?:(?:ja|jo|hallo)\W+)?{re.escape(name)}\s*,\s*([^\W\d_]+)",
            self.turns[m.turn].content,
            re.IGNORECASE,
        )
        return opening is not None and opening.group(1).lower() in GREETINGS

    def _confirmed_later(self, m: Mention) -> bool:
        """Said again later in a name position, or the agent took it up afterwards."""
        last = m.verdict.last_name or m.verdict.name or ""
        again = any(
            later.turn > m.turn
            and later.role == "caller"
            and (
                later.kind in ("spelled", "answer", "intro", "last", "first")
                or fold(later.verdict.name or "") == fold(m.verdict.name or "")
            )
            and _ratio((later.verdict.last_name or later.verdict.name or ""), last) >= _SIMILAR
            for later, _ in self.mentions
        )
        return again or self._agent_took_up(m)

    def _agent_took_up(self, m: Mention) -> bool:
        """The agent's next turn addresses the caller by this name ("Hallo Chiara!"), also by
        one word of a name said surname first ("Jovanović Nikola." - "Servus Nikola.")."""
        name = m.verdict.name or ""
        pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
        for index in range(m.turn + 1, len(self.turns)):
            if self.turns[index].role == "agent":
                text = self.text(index)
                greeted = _GREETED_RE.match(text)
                words = {fold(w) for w in _words(name)} - self.protected
                return bool(pattern.search(text)) or (
                    greeted is not None and fold(greeted.group(1)) in words
                )
        return False

    def agent_names_after(self, name: str, turn: int) -> bool:
        """The agent says this name (any of its words that no staff member bears) later on."""
        words = {fold(w) for w in _words(name)} - self.protected
        return any(
            t.role == "agent" and words & {fold(w) for w in _CAP_WORD_RE.findall(self.text(i))}
            for i, t in enumerate(self.turns)
            if i > turn
        )

    def _spelling_asked_for(self, m: Mention) -> bool:
        """The agent asked back about a name like this one ("Böschl, mit B?" - "P wie Paula")."""
        if m.turn == 0 or self.turns[m.turn - 1].role != "agent":
            return False
        words = _CAP_WORD_RE.findall(self.text(m.turn - 1))
        name = m.verdict.name or ""
        return any(_ratio(w, name) >= _SIMILAR_SPELLING or _sounds_alike(w, name) for w in words)

    def final_form(self, name: str, said_last: int) -> str:
        """The agent's last read-back of the caller's name soon after the caller last spoke it
        (turn `said_last`): "Ich korrigiere das: Małgorzata Wróbel", "also Kießling mit ß",
        "dann trage ich Sie als Thu Ha Tran ein". The same words in the same order, with the
        letters the caller described, or with words the caller said that we had missed."""
        ours = [_loose(w) for w in _words(name)]
        protected = {w.replace("ss", "s") for w in self.protected}  # as _loose keys
        best = name
        spelt: dict[str, str] = {}  # one word read back alone: "also Kießling mit ß"
        # A read-back follows the caller's words closely; later "Bis dann, Herr X" adds nothing.
        stems = {w[:3] for w in ours}
        for index in range(said_last + 1, min(said_last + _READBACK_TURNS, len(self.turns))):
            if (
                self.turns[index].role != "agent"
                or not {w[:3] for w in self._turn_words(index)} & stems
                or self._rejected(index)
            ):
                continue
            parts = _parts_named(self.text(index))
            if parts is not None and sorted(_loose(w) for w in _words(parts)) == sorted(ours):
                best = parts  # "Vorname Lei, Nachname Wang": who is who, said outright
                continue
            for run in _NAME_RUN_RE.finditer(self.text(index)):
                words = run.group(0).split()
                if not {_loose(w)[:3] for w in _words(run.group(0))} & stems:
                    continue
                for start, end in itertools.combinations(range(len(words) + 1), 2):
                    if any(_honorific(w) for w in words[start:end]):
                        continue  # "Frau Jacobsen" is no form of "Frauke Jacobsen"
                    form = " ".join(words[start:end])
                    theirs = [_loose(w) for w in _words(form)]
                    if any(t[:-1] in ours and t.endswith("s") for t in theirs[-1:]):
                        continue  # "Wie ist denn Pauls Nachname?": his, in the genitive
                    if len(theirs) == 1 and theirs[0] in ours and "-" not in form:
                        spelt[theirs[0]] = form
                    if end - start > 1 and words[end - 1].lower() in NAME_PARTICLES:
                        continue  # "Herrn Dragan Jovanović den Donnerstag": no name ends so
                    if (
                        "-" in form
                        and "-" not in name
                        and len(ours) > len(theirs)
                        and ours[-len(theirs) :] == theirs
                    ):
                        # "Verstanden, Brandt-Oehlschläger.": the surname read back hyphenated
                        best = " ".join([*name.split()[: len(ours) - len(theirs)], form])
                        continue
                    extra = set(theirs) - set(ours)
                    if (
                        theirs == ours
                        or _close(theirs, ours)
                        or (
                            _subsequence(ours, theirs)
                            and len(theirs) <= 4
                            and not extra & protected
                            and not extra & _LABEL_KEYS
                            and all(self._heard(w) for w in extra)
                            and not any(knowledge().facts(w).noun_not_name for w in extra)
                            and not extra & self._organisation_names
                        )
                    ):
                        best = form
        said = {_loose(w): w for w in name.split()}
        return " ".join(
            _dotless_kept(said.get(_loose(w), w), spelt.get(_loose(w), w) if "-" not in w else w)
            for w in best.split()
        )

    def _rejected(self, agent_turn: int) -> bool:
        """The caller's next turn says no to what the agent read back ("Simic?" - "Nein, …")."""
        after = agent_turn + 1
        return (
            after < len(self.turns)
            and self.turns[after].role == "user"
            and _NO_RE.match(self.turns[after].content) is not None
        )

    def _turn_words(self, index: int) -> set[str]:
        """The loose keys of the words of turn `index` (either side; cached)."""
        if index not in self._said:
            words = _WORD_RE.findall(self.turns[index].content)
            # "El-Amrani" is also its parts, as names are compared word by word.
            self._said[index] = {_loose(p) for w in words for p in (w, *w.split("-")) if p}
        return self._said[index]

    @functools.cached_property
    def _organisation_names(self) -> frozenset[str]:
        """Loose keys of the words the caller said right after an organisation word ("von
        der Firma Optovision"): the agent's "Herrn Matej Kranjc von Optovision" adds the
        firm, not a surname."""
        found: set[str] = set()
        for turn in self.turns:
            if turn.role == "user":
                words = _WORD_RE.findall(turn.content)
                found |= {
                    _loose(b) for a, b in itertools.pairwise(words) if a.lower() in INSTITUTIONS
                }
        return frozenset(found)

    def _heard(self, loose_word: str) -> bool:
        """The caller said this word somewhere in the call."""
        return any(
            loose_word in self._turn_words(i) for i, t in enumerate(self.turns) if t.role == "user"
        )

    def confirmed_form(self, name: str) -> str:
        """The agent's written form of this name when the caller confirmed it ("Ich notiere
        Gülşen Karabulut, mit ş." - "ja genau"): the spelling said in words, now in letters."""
        key = fold(name.replace("-", "").replace(" ", ""))
        confirmed: list[str] = []
        for index, turn in enumerate(self.turns[:-1]):
            nxt = self.turns[index + 1]
            if turn.role == "agent" and nxt.role == "user" and _YES_RE.match(nxt.content):
                # "Also Quynh, Q-U-Y-N-H, und Lam": letters read back are no written form
                forms = _NAME_FORM_RE.findall(self.text(index))
                confirmed.extend(f for f in forms if not HYPHEN_SPELLED_RE.match(f))
        for start in range(len(confirmed)):  # the whole name ("Meyer-Landrut")
            for end in range(start + 1, min(start + 4, len(confirmed)) + 1):
                form = " ".join(confirmed[start:end])
                if mark_count(form) < mark_count(name):
                    continue  # "Frau Kovacic, buchstabieren?" - "ja, K, O, V, A, Č …": no
                if fold(form.replace("-", "").replace(" ", "")) == key:
                    return form
                # In another order, words joined: "schmidt ke rainer" read back as "Rainer
                # Schmidtke"; the same words in another order keep ours.
                if end - start != len(name.split()) and any(
                    fold("".join(order).replace("-", "")) == key
                    for order in itertools.permutations(confirmed[start:end])
                ):
                    return form
        by_key = {fold(w): w for w in confirmed}  # or word by word ("Jurić" of "Ivana Juric")
        return " ".join(
            form if mark_count(form := by_key.get(fold(w), w)) >= mark_count(w) else w
            for w in name.split()
        )

    def recorded_form(self, name: str, said_last: int) -> str:
        """The agent's written form of this name where, after the caller last said it, the
        agent states what it recorded ("Dann steht jetzt Łukasz Wróbel im System", "korrigiert:
        Brinkhof"): corrections described in words ("ein L mit Querstrich") end up there."""
        words = name.split()
        # The agent states the record within a few turns of the correction, not much later.
        last = min(len(self.turns) - 1, said_last + _RECORDED_WITHIN)
        for index in range(last, said_last, -1):
            turn = self.turns[index]
            if turn.role == "user" or not _RECORDED_RE.search(turn.content):
                continue
            forms = _NAME_FORM_RE.findall(self.text(index))
            runs = [forms[s : s + len(words)] for s in range(len(forms) - len(words) + 1)]
            if len(words) == 2:
                # "umarov aslan" said, "korrigiert: Aslan Umarov": the agent's order as well
                text = self.text(index)
                turned = next(
                    (
                        run
                        for run in runs
                        if _recorded_like(run, words[::-1])
                        and re.search(rf"\b{re.escape(run[0])}\s+{re.escape(run[1])}\b", text)
                    ),
                    None,
                )
                if turned is not None:
                    return " ".join(turned)
            for said in runs:
                if said != words and _recorded_like(said, words):
                    return " ".join(said)
        return name

    def addressed_right_after(self, turn: int | None, words: Sequence[str]) -> bool:
        """The caller gave this whole name in `turn`, and the agent's next turn speaks to the
        caller by its surname ("Danke, Frau Korkmaz."), as "Frau" or "Herr" as its first name
        may be."""
        if turn is None or not all(_loose(w) in self._turn_words(turn) for w in words):
            return False  # the whole name given in that turn, not put together from several
        after = next(
            (i for i in range(turn + 1, len(self.turns)) if self.turns[i].role != "user"), None
        )
        if after is None or _OF_THIRD_PERSON_RE.search(self.turns[after].content):
            return False  # "Frau Varga, ja. Hat sie Fieber?": of her, not to the caller
        sex = knowledge().gender_of(words[0]) if len(words) > 1 else None
        return any(
            index == after and fold(said) == fold(words[-1]) and sex in (None, said_sex)
            for index, said, said_sex in self._address_matches()
        )

    def spoken(self, role: str) -> str:
        """Everything one side said ("user" or "agent"), case-folded, one turn a line (built
        once: substring tests over it spare a long call's hundreds of turns)."""
        if role not in self._spoken:
            self._spoken[role] = "\n".join(
                t.content for t in self.turns if (t.role == "user") == (role == "user")
            ).casefold()
        return self._spoken[role]

    def _for_the_caller_alone(self) -> bool:
        """ "Der Termin ist also für Sie selbst?" - "Ja, für mich.": the caller books for no
        one else, whoever else they named ("Nour ist meine Tochter")."""
        return any(
            self.turns[i].role != "user"
            and self.turns[i + 1].role == "user"
            and _FOR_YOU_ASKED_RE.search(self.turns[i].content) is not None
            and _FOR_MYSELF_RE.match(self.turns[i + 1].content) is not None
            for i in range(len(self.turns) - 1)
        )

    def answered_for_myself(self, turn: int | None) -> bool:
        """The caller's turn opens by saying the appointment is for them ("Für mich.", "Ja, für
        mich selber"), not for them and someone else."""
        if turn is None or self.turns[turn].role != "user":
            return False
        return _FOR_MYSELF_RE.match(self.turns[turn].content) is not None

    def agent_said_in_order(self, words: Sequence[str]) -> bool:
        """The agent said words like these ("Almaz Bekele" for "Almas Bekele") one after
        another, in this order."""
        for turn in self.turns:
            if turn.role == "user":
                continue
            for run in _NAME_RUN_RE.finditer(turn.content):
                said = run.group(0).split()
                if len(said) == len(words) and all(
                    _ratio(a, b) >= _SIMILAR for a, b in zip(said, words, strict=True)
                ):
                    return True
        return False

    def agent_said_run(self, words: Sequence[str]) -> bool:
        """The agent said these words one after another, in any case ("Lina Keller")."""
        said = self.spoken("agent")
        if not all(w.casefold() in said for w in words):
            return False  # one test over the whole call first: a long call has hundreds of turns
        run = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.I)
        return any(run.search(self.text(i)) for i, t in enumerate(self.turns) if t.role != "user")

    def without_unsaid_middle(self, name: str) -> str:
        """Three words whose middle one is no first name or particle and that the agent said
        as the outer two alone ("lina au keller", Swiss "au" for "auch", read back as "Lina
        Keller"): the middle word was the caller's, not the name's."""
        words = name.split()
        if len(words) != 3 or any(w.lower() in NAME_PARTICLES for w in words):
            return name
        if self.agent_said_run(words) or is_first_name(words[1]):
            return name
        if self.agent_said_run([words[0], words[2]]):
            return f"{words[0]} {words[2]}"
        return name

    def agents_order(self, name: str) -> str:
        """Two words the agent said only the other way round ("Herr Wilhelm Sander" after
        "den Herrn Sander, Wilhelm Sander" was put together as "Sander Wilhelm"), in its
        order."""
        words = name.split()
        # Only for names of the German-speaking lands' lists (the word to come first ranked
        # there as a first name, the other as a surname): an agent may echo a Korean or a
        # Chinese name surname first ("Park Ji-woo").
        if len(words) != 2:
            return name
        table = knowledge()
        if table.facts(words[1]).first_rank_dach is None or (
            table.facts(words[0]).last_rank_dach is None
        ):
            return name
        turned = [words[1], words[0]]
        if self.agent_said_run(turned) and not self.agent_said_run(words):
            return " ".join(turned)
        return name

    def written_after_spelling(
        self, name: str, spelled_in: int, others: Collection[str] = ()
    ) -> str:
        """The surname as the agent wrote it after the caller spelled it, the caller not
        objecting: where the spelling's marks or end were described in words ("R mit Hatschek,
        also so einem Hakerl", "am Schluss a C mit an Strichl oben"), the agent's letters in
        its next two turns ("Danke, Herr Dvořák", "Frau Stojanović") are the written form.
        Only a form that lengthens or shortens ours by a few letters, never other letters or
        fewer marks, and none of `others` (for a patient: the caller's surname, which the
        agent says to the caller: "W-A-S-S-I-L-J-E-W, bei ihm ohne A" … "Frau Wassiljewa")."""
        words = name.split()
        others_folded = {fold(o) for o in others}
        ours = plain(words[-1])
        agent_turns = [
            i for i in range(spelled_in + 1, len(self.turns)) if self.turns[i].role != "user"
        ]
        if len(words) > 1:
            words = [*self._first_names_marked(words[:-1], agent_turns), words[-1]]
            name = " ".join(words)
        if len(ours) < 3 or knowledge().facts(words[-1]).known_name:
            return name  # a surname the lists know was spelled whole ("Horvat")
        for index in agent_turns[:_WRITTEN_WITHIN]:
            reply = next((t for t in self.turns[index + 1 :] if t.role == "user"), None)
            objected = reply is not None and _NO_RE.match(reply.content) is not None
            for form in _NAME_FORM_RE.findall(self.text(index)):
                if fold(form) in others_folded:
                    continue
                if self._lengthens(form, words[-1], ours):
                    # the caller corrects the agent's letters: ours stand
                    return name if objected else " ".join([*words[:-1], form])
        return name

    def _first_names_marked(self, firsts: list[str], agent_turns: list[int]) -> list[str]:
        """ "L mit Querstrich, U, K, A, S, Z" … "eingetragen: Łukasz Dąbrowski": the agent
        wrote the first name's described marks, on the same letters."""
        forms = [
            form
            for index in agent_turns[:_WRITTEN_WITHIN]
            for form in _NAME_FORM_RE.findall(self.text(index))
        ]
        return [
            next((f for f in forms if plain(f) == plain(w) and mark_count(f) > mark_count(w)), w)
            for w in firsts
        ]

    @staticmethod
    def _lengthens(form: str, word: str, ours: str) -> bool:
        """`form` is `word` with up to three letters more or fewer at its end, no fewer marks
        (unless it is ours cut short: "Fässlerä" of "Ä wie Ärger" read back "Fässler"), and not
        merely other marks on the same letters."""
        theirs = plain(form)
        if len(form) < len(word) and word.startswith(form):
            return len(word) - len(form) <= 3  # ours with a described letter too many
        if form == word or mark_count(form) < mark_count(word):
            return False
        if theirs == ours and mark_count(form) == mark_count(word):
            return False
        longer, shorter = (theirs, ours) if len(theirs) >= len(ours) else (ours, theirs)
        return longer.startswith(shorter) and len(longer) - len(shorter) <= 3

    @staticmethod
    def _similar_to(m: Mention, caller: _Slots) -> bool:
        name = m.verdict.name or ""
        return any(_ratio(p, name) >= 0.6 for p in (caller.first, caller.last) if p)

    @staticmethod
    def _contains(m: Mention, caller: _Slots) -> bool:
        words = {fold(w) for w in (m.verdict.name or "").split()}
        return any(fold(p) in words for p in (caller.first, caller.last) if p)


def _variants(word: str) -> set[str]:
    low = word.lower()
    written_out = low.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return {low, written_out, fold(word)}


_THIRD_PERSON_LEAD = r"\b(?:herrn|(?:von|für|vom) (?:frau|herr))\s+"
_TITLE_WORDS = r"(?:dr\.?|doktor|prof\.?|professor|med\.?)"


def _spoken_of_in_apposition(
    found: list[tuple[Mention, str]], text: str
) -> list[tuple[Mention, str]]:
    """ "die Pflegerin von Frau Albers, Gerda Albers": a full name said bare after its surname
    was spoken of in the same turn ("von Frau …", "Herrn …") is the person spoken of."""
    low = text.lower()
    out = []
    for m, asked in found:
        last = m.verdict.last_name
        if (
            m.role == "caller"
            and m.kind == "bare"
            and m.verdict.first_name
            and last
            and re.search(rf"{_THIRD_PERSON_LEAD}{re.escape(last.lower())}\b", low)
        ):
            m = replace(m, role="patient")
        out.append((m, asked))
    return out


class _UserText:
    """The caller's side of the call, searched tolerantly (case, umlauts, accents)."""

    def __init__(self, turns: Sequence[Turn]) -> None:
        self.turns = [(i, t.content) for i, t in enumerate(turns) if t.role == "user"]
        self.low = "\n".join(text.lower() for _, text in self.turns)

    def said(self, word: str) -> bool:
        pattern = "|".join(re.escape(v) for v in _variants(word))
        return re.search(rf"\b(?:{pattern})\b", self.low) is not None

    def said_split(self, word: str) -> bool:
        """Said as two words the transcript split ("schwarz wälder" for Schwarzwälder)."""
        key = plain(word)
        tokens = re.findall(r"[^\W\d_]+", self.low)
        return any(plain(a + b) == key for a, b in itertools.pairwise(tokens))

    def third_person(self, word: str) -> bool:
        """The caller speaks of someone by this name: "Herrn X" (no caller calls themself
        that), "von Frau X", "für Herrn Dr. X"."""
        pattern = "|".join(re.escape(v) for v in _variants(word))
        return (
            re.search(rf"{_THIRD_PERSON_LEAD}(?:{_TITLE_WORDS}\s+)*(?:{pattern})\b", self.low)
            is not None
        )

    def turn_saying(self, words: Sequence[str], *, contiguous: bool) -> int | None:
        """The first caller turn with all `words` (in order and adjacent when `contiguous`)."""
        parts = ["(?:" + "|".join(re.escape(v) for v in _variants(w)) + ")" for w in words]
        gap = r"[\s,]+" if contiguous else r"\b.*?\b"
        pattern = re.compile(r"\b" + gap.join(parts) + r"\b", re.IGNORECASE)
        backwards = re.compile(r"\b" + gap.join(reversed(parts)) + r"\b", re.IGNORECASE)
        for index, text in self.turns:
            if pattern.search(text) or (len(parts) == 2 and backwards.search(text)):
                return index
        return None


def _greeting_words_only(words: Sequence[str], agents: Collection[str] = ()) -> bool:
    """Whether every word is a greeting or a filler, or (folded) the agent's name."""
    return all(w in GREETINGS or w in FILLERS or fold(w) in agents for w in words)


def _split_surname_joined(decided: Candidate, call: _Call) -> None:
    """ "zeynep ars lan": a surname the recogniser split in two, which the agent said whole
    ("Herr Arslan"), is one word."""
    words = decided.name.split()
    if len(words) < 3 or not is_first_name(words[0]):
        return
    joined = words[-2] + words[-1].lower()
    if (
        words[-2].lower() in NAME_PARTICLES  # "Lo Bianco", "De Luca"
        or not call.agent_said_run([joined])
        or call.agent_said_run(words[-2:])  # "Maria Helena": said apart by the agent too
    ):
        return
    decided.name = " ".join([*words[:-2], joined])
    decided.notes.append(f"split surname joined as the agent said it: {joined}")


def _joined_end(words: list[str], word: str) -> int | None:
    """Where the last two or three of `words`, joined, make `word` ("Schmidt Ke" and
    "Schmidtke"), or None."""
    for start in range(max(0, len(words) - 3), len(words) - 1):
        if fold("".join(words[start:])) == fold(word):
            return start
    return None


def _possessed(word: str) -> set[str]:
    """The folded name a possessive may stand for: "Mats'" and "Jonas'" keep their "s",
    "Lenas" and "Lena's" drop it."""
    bare = word.rstrip("'’")
    forms = {fold(bare)}
    if bare.endswith("s"):
        forms.add(fold(bare.removesuffix("s").rstrip("'’")))
    return forms


def _words(name: str) -> list[str]:
    return name.replace("-", " ").split()


def _without(part: str | None, name: str) -> str | None:
    """`part` without the words of `name`: "Le Minh Chau" heard as one surname, then "Minh
    Chau ist der Vorname", leaves "Le"."""
    if part is None:
        return None
    taken = {fold(w) for w in name.split()}
    return " ".join(w for w in part.split() if fold(w) not in taken) or None


@functools.lru_cache(maxsize=8192)
def _loose(word: str) -> str:
    """A word's key that also forgives "ss" for "ß" heard as "s" ("Kiesling"/"Kießling")."""
    return fold(word).replace("ss", "s")


def _own_first_name(verdict: NameVerdict, addressed: set[str]) -> str | None:
    """The folded first name of the caller's name, where "Kämpf Ueli" (the agent addresses
    "Herr Kämpf") was said surname first."""
    first, last = verdict.first_name, verdict.last_name
    if first and last and fold(first) in addressed and fold(last) not in addressed:
        # A frequent word only where the German-speaking lists rank it as a first name:
        # "Zürcher Beat", not "Sauer nit" (nicht).
        facts = knowledge().facts(last)
        local = facts.zipf < FREQUENT_WORD_ZIPF or facts.first_rank_dach is not None
        return fold(last) if local and is_first_name(last) else None
    return fold(first) if first else None


def _books(agent_text: str) -> bool:
    """The agent books or notes an appointment in this turn (cheap test first)."""
    low = agent_text.lower()
    cheap = (
        "trag" in low
        or "notiert" in low
        or "gebucht" in low
        or "termin für" in low
        or "termin ist für" in low
        or "vorgemerkt" in low
        or "reserviert" in low
        or "geplant" in low
    )
    return cheap and _BOOKED_RE.search(agent_text) is not None


def _honorific(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in SALUTATIONS or low in TITLES or f"{low}." in TITLES


def _close(theirs: list[str], ours: list[str]) -> bool:
    """The same words but a letter or two ("Dvořák" read back for a spelling parsed as
    "Dvořa"): same count, same initials, each at least 80% alike."""
    return len(theirs) == len(ours) and all(
        a[:1] == b[:1] and _ratio(a, b) >= 0.8 for a, b in zip(theirs, ours, strict=True)
    )


_VORNAME_RE = re.compile(
    r"\bVorname(?:\s+ist)?[:\s]+("
    + _UPPER
    + r"[\w'’-]+(?:\s+(?!Nachname|Familienname)"
    + _UPPER
    + r"[\w'’-]+)?)"
)
# Name labels as _loose keys: "Vorname Lan, Familienname Vu" read back is no name of four words.
_LABEL_KEYS = frozenset({"vorname", "nachname", "familienname", "name"})
_NACHNAME_RE = re.compile(
    r"\b(?:Nachname|Familienname)(?:\s+ist)?[:\s]+((?:[a-z]{1,3}\s+)?" + _UPPER + r"[\w'’-]+)"
)


def _parts_named(text: str) -> str | None:
    """ "Vorname Lei, Nachname Wang" in the agent's words: the name in first-last order."""
    first, last = _VORNAME_RE.search(text), _NACHNAME_RE.search(text)
    if first is None or last is None:
        return None
    return f"{first.group(1)} {last.group(1)}"


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)


class _Checker:
    """Cross-checks post-call analysis names against what the caller actually said."""

    def __init__(
        self,
        turns: Sequence[Turn],
        agent_names: Sequence[str],
        staff_names: Sequence[str],
        others: Sequence[Mention],
    ) -> None:
        self.user = _UserText(turns)
        self.agent_names = agent_names
        self.staff_names = staff_names
        self.protected = {fold(w) for n in (*agent_names, *staff_names) for w in _words(n)}
        self.others = others

    def verdict(self, raw: object) -> NameVerdict | None:
        if not isinstance(raw, str):
            return None
        v = validate_name(raw, agent_names=self.agent_names, staff_names=self.staff_names)
        return v if v.ok and v.name else None

    def confirmed(self, v: NameVerdict, role: str) -> int | None:
        """Turn index where the caller said this name, or None if the caller never said it (as
        their own name, for the caller's role)."""
        words = _words(v.name or "")
        if any(fold(w) in self.protected or not self.user.said(w) for w in words):
            return None
        for m in self.others:
            other = {fold(w) for w in _words(m.verdict.name or "")}
            if {fold(w) for w in words} <= other:
                return None  # the analysis mixed up caller and someone mentioned
        spoken_of = words if role == "caller" else words[:1]
        if any(self.user.third_person(w) for w in spoken_of):
            # "aus dem Büro von Herrn Doktor Albrecht Kessler": the caller's boss; "mir
            # betreuet en herrn ernst gottlob ernst": a client, either word after "Herrn"
            return None
        # All words in one caller turn (either order): scattered words are no confirmation.
        return self.user.turn_saying(words, contiguous=False)


def _analysis_value(analysis: Mapping[str, object] | None, keys: Sequence[str]) -> object:
    if not analysis:
        return None
    for key in keys:
        if analysis.get(key):
            return analysis[key]
    return None


def _pick(v: NameVerdict, ours: str | None) -> str:
    """The transcript's form of the same person, unless the analysis adds a missing part
    (the caller's own "Muhammad" wins over the analysis's "Mohammed")."""
    name = v.name or ""
    if ours and _same(ours, name) and len(ours.split()) >= len(name.split()):
        return ours
    forms = {fold(w): w for w in (ours or "").split()}
    if sorted(forms) == sorted(fold(w) for w in name.split()):
        # The same words in another order: the analysis's order, the caller's letters
        # ("Dragana Jovanovic" and the transcript's "Jovanović Dragana").
        return " ".join(forms[fold(w)] for w in name.split())
    return name


def _same(a: str, b: str) -> bool:
    """Same surname (the last word) up to case and accents."""
    return fold(a.split()[-1]) == fold(b.split()[-1])


# How a name was said that needs no further support.
_STRONG_KINDS = frozenset({"intro", "answer", "first", "last", "spelled", "relation", "echo"})

# The agent questions whose answer names the person in each role.
_ASKS_FOR = {"caller": NAME_ASKS, "patient": frozenset({ASK_PATIENT})}


def _order(
    name: str | None, addressed: Collection[str] = (), surnames: Collection[str] = ()
) -> str | None:
    """Surname-first order turned around: "Meier Corinne" -> "Corinne Meier"; also "Eder
    Claudia" (both on first-name lists) when the agent addressed the caller as "Frau Eder".
    `surnames`: words known as surnames here, never turned into the first name."""
    if name is None:
        return None
    words = name.split()
    # "Grüezi Frau Selvarajah": the order as said
    kept_last = {fold(w) for w in (*addressed, *surnames)}
    if (
        len(words) == 2
        and not is_first_name(words[0])
        and _after_surname_first(*words)
        and fold(words[1]) not in kept_last
    ):
        return f"{words[1]} {words[0]}"
    return _addressed_surname_last(name, addressed, as_said=True)


def _addressed_surname_last(name: str, addressed: Collection[str], *, as_said: bool) -> str:
    """ "Eder Claudia", "Ibragimov Ramzan" with the caller addressed as "Frau Eder", "Herr
    Ibragimov": the addressed word is the surname. In the name as said, the other word need
    only be on a first-name list at all ("Ramzan" ranks higher as a surname); in a form the
    agent's read-back made, it must be a first name ("Merian Iselin" is a double surname)."""
    words = name.split()
    said_to = {fold(w) for w in addressed}
    if (
        len(words) == 2
        and fold(words[0]) in said_to
        and fold(words[1]) not in said_to
        and (is_first_name(words[1]) or (as_said and knowledge().facts(words[1]).first_name))
    ):
        return f"{words[1]} {words[0]}"
    return name


def _after_surname_first(first: str, second: str) -> bool:
    """The second word is the first name: a first name, or ("Kessler Werner") a word on the
    first-name list that is also a surname, after one that is only on the surname list."""
    if is_first_name(second):
        return True
    table = knowledge()
    before, after = table.facts(first), table.facts(second)
    return after.listed_first and before.listed_last and not before.listed_first


def _double_surname(name: str, call: _Call) -> str:
    """ "Gerber Hofstetter" said as a double name ("Doppelname", "mit Bindestrich") gets its
    hyphen back; so does a double first name ("jo mit bindestrich karl heinz")."""
    words = name.split()
    if len(words) < 2 or "-" in words[-1] or "-" in words[-2]:
        return name
    for k in range(len(words) - 1):
        # "heinz werner jürgens mit bindestrich heinz-werner": the pair the caller wrote so
        if _written_with_hyphen(words[k], words[k + 1], call):
            return " ".join([*words[:k], f"{words[k]}-{words[k + 1]}", *words[k + 2 :]])
    if not is_first_name(words[-2]):
        if _said_as_double(words[-2], words[-1], call):
            return " ".join([*words[:-2], f"{words[-2]}-{words[-1]}"])
    elif (
        len(words) >= 3
        and "-" not in words[0]
        and is_first_name(words[0])
        and _said_as_double(words[0], words[1], call, close=True)
    ):
        return " ".join([f"{words[0]}-{words[1]}", *words[2:]])
    return name


def _written_with_hyphen(first: str, second: str, call: _Call) -> bool:
    """A caller's turn has the two words joined by a hyphen, as written: "heinz-werner"."""
    written = f"{first.lower()}-{second.lower()}"
    joined = re.compile(rf"\b{re.escape(written)}\b")
    return any(
        turn.role == "user" and written in (low := turn.content.lower()) and joined.search(low)
        for turn in call.turns
    )


def _said_as_double(first: str, second: str, call: _Call, *, close: bool = False) -> bool:
    """A caller's turn says the two words make one name with a hyphen; `close`: the cue right
    beside them ("Monika Eder Stöckl mit Bindestrich" hyphenates no first name)."""
    a, b = re.escape(first.lower()), re.escape(second.lower())
    joint = r"(?:[\s,]+bindestrich[\s,]+|[\s-]+)"  # "Huber, Bindestrich, Mittermaier"
    pair = rf"\b{a}{joint}{b}\b"
    # "mit binde strich": the recogniser splits the word
    cue = r"(?<!ohne )(?<!kein )(?<!keinen )\b(?:doppelname|doppelnamen|binde\s?strich)\b"
    spelled_out = rf"\b{a}[\s,]+bindestrich[\s,]+{b}\b"
    # "Sabine Meyer Bergmann. Das ist ein Doppelname": the cue may follow in the next sentence.
    gap_after, gap_before = (
        (r"\W+(?:mit\s+)?", r"\W+") if close else ("[^?!]{0,60}", "[^.?!]{0,30}")
    )
    said = re.compile(rf"{spelled_out}|{pair}{gap_after}{cue}|{cue}{gap_before}{pair}")
    return any(turn.role == "user" and said.search(turn.content.lower()) for turn in call.turns)


def _without_lead_word(name: str, call: _Call) -> str:
    """ "Gsagt Kunigunde Schramm", "Ichbin Hauke Janssen": a word on no name list before a
    first name and surname is speech run into the name; so is one that is no first name
    when the agent read the name back without it ("allet lea brandt" - "Lea Brandt")."""
    words = name.split()
    if (
        len(words) >= 3
        and not {words[0].lower(), words[1].lower()} & NAME_PARTICLES
        and (
            not knowledge().facts(words[0]).known_name
            or is_merged_words(words[0])
            or (
                not is_first_name(words[0])
                and not call.agent_said_like(words[0])
                and call.agent_said_run(words[1:])
            )
        )
        and is_first_name(words[1])
        and not is_first_name(words[2])
    ):
        return " ".join(words[1:])
    return name


def _transcript_candidate(slots: _Slots, role: str, call: _Call) -> Candidate | None:
    # "Wang ist Nachname, Lei ist Vorname": the caller said which part is which.
    addressed = call.addressed_as() if role == "caller" else set()
    # For someone else, a word said after "Herr"/"Frau" is a surname: "de Herr Hares" …
    # "Wilhelm Hares" keeps its order.
    surnames = call.saluted if role != "caller" else set()
    name = (
        slots.name if slots.kinds & {"first", "last"} else _order(slots.name, addressed, surnames)
    )
    if name != slots.name and slots.name and call.agent_said_in_order(slots.name.split()):
        name = slots.name  # "almas bekele" … "Almaz Bekele, danke.": the agent's order stands
    if name is None:
        return None
    name = call.final_form(call.confirmed_form(_double_surname(name, call)), max(slots.turns))
    name = call.recorded_form(name, max(slots.turns))
    if "spelled" in slots.kinds:
        others = call.addressed_as() if role != "caller" else set()
        name = call.written_after_spelling(name, max(slots.turns), others)
    name = call.without_unsaid_middle(name)
    if not slots.kinds & {"first", "last"}:
        # the caller's own labels ("Linh ist mein Vorname") beat the order the agent said;
        # "Musaev Said Magomed", two words once the agent's read-back hyphenated them
        name = _addressed_surname_last(call.agents_order(name), addressed, as_said=False)
    notes: list[str] = []
    name = _without_lead_word(name, call)
    name = call.without_greeted_agent(name)
    if role == "caller" and " " not in name and slots.turns and not is_first_name(name):
        # "brüning nwosu mit binde strich adaeze brüning nwosu": in the same turn too
        first = call.first_name_said_later(name, max(slots.turns) - 1)
        if first is not None:
            name = f"{first} {name}"
            notes.append(f"first name {first} said with the surname later")
        else:
            first = call.first_name_before_surname_asked(min(slots.turns))
            if first is not None:
                name = f"{first} {name}"
                notes.append(f"first name {first} said before the surname was asked for")
    # a full name answering "Der Termin wäre für Ihren Sohn?" (not "Chai, sie hört …")
    booked_for = role == "patient" and " " in name
    asked = "answer" in slots.kinds or any(
        call.asked.get(t) in _ASKS_FOR[role] or (booked_for and t in call.booked_for_asked)
        for t in slots.turns
    )
    spelled = "spelled" in slots.kinds
    verdict = validate_name(name, addressed=bool(slots.kinds & {"echo", "spelled"}))
    first_turn = min(slots.turns)
    echoed = verdict.ok and (call.echoed(verdict) or call.agent_names_after(name, first_turn))
    evidence = {
        "cue": slots.score,
        "asked": float(asked),
        "lexical": lexical_prior(name, spelled=spelled),
        "sources": 1.0 + float(echoed),
        "full": float(" " in name),
        "conflict": float(slots.conflict),
        "mentions": float(min(len(slots.turns), 3)),
        "spelled": float(spelled),
        "weak": float(not slots.kinds & _STRONG_KINDS),
        "intro": float("intro" in slots.kinds),
        "relation": float("relation" in slots.kinds),
        "persons": float(min(call.persons(), 4)),
        "opening": float("intro" in slots.kinds and min(slots.turns) == call.first_user_turn),
    }
    notes.insert(0, f"said as {', '.join(sorted(slots.kinds))} in turns {sorted(slots.turns)}")
    if echoed:
        notes.append("the agent addressed the caller with it")
    return Candidate(name, role, "transcript", evidence, notes)


_NOT_WORDS = r"(?:nicht|nich|net|ned|nöd|nit|nid)"
_NOT_MINE = rf"hei(?:ß|ss)e?\s+ich\s+(?:doch\s+|ja\s+|gar\s+)?{_NOT_WORDS}\b"
_NO_NOT = rf"(?:nein|nee|noi|na|ne)\W+{_NOT_WORDS}\s"
# The cues alone, for a cheap first pass over all the caller said (a leading word run is slow)
_NOT_MINE_CUE_RE = re.compile(_NOT_MINE)
_NO_NOT_CUE_RE = re.compile(_NO_NOT)
# "Maria heiß ich doch net", "Maier heiße ich nicht": the name denied
_NOT_MY_NAME_RE = re.compile(rf"\b([^\W\d_]+)\s+{_NOT_MINE}", re.IGNORECASE)
# "ha noi net nomal" after "Frau Nomal": no, not that
_NO_NOT_RE = re.compile(rf"\b{_NO_NOT}\s*([^\W\d_]+)\b", re.IGNORECASE)
# The agent asks about someone in the third person ("Hat sie Fieber?", "Ist er versichert?")
_OF_THIRD_PERSON_RE = re.compile(
    r"\b(?:Hat|Ist|Kann|Braucht|Nimmt|War|Hatte|Soll|Wird)\s+(?:sie|er)\b(?!\s+(?:Ihnen|Sie)\b)"
)
# The caller's own name asked for, written with the polite capital ("Ihren Namen")
_YOUR_NAME_RE = re.compile(
    r"\bIhre[nm]?\s+(?:(?:vollen|ganzen|eigenen)\s+)?(?:Nach|Familien)?[Nn]amen?\b"
)
_I_AM_THE_PARENT_RE = re.compile(
    r"\bich\s+bin\s+(?:der|die|de|d)\s+(?:vater|mutter|papa|mama|vadder|mudder|papi|mami)\b",
    re.IGNORECASE,
)
# "Der Termin ist also für Sie selbst?", "Für Sie?": whether the caller books for themself
_FOR_YOU_ASKED_RE = re.compile(r"\bfür\s+Sie(?:\s+selbst|\s+selber)?\s*\?")
# A question that ends speaking to the caller by surname ("Sie sind die Mutter, Frau Wójcik?")
_ADDRESSED_QUESTION_RE = re.compile(r"\b(?:herr|herrn|frau)\s+(\w+)[^.!?]*\?\s*$", re.IGNORECASE)
_OWN_FIRST_NAME_RE = re.compile(r"\bmeine[nm]?\s+vornamen?\b", re.IGNORECASE)


def _dotless_kept(ours: str, theirs: str) -> str:
    """The agent's read-back of one word, unless it writes the Turkish dotless i of ours as
    "i" ("Frau Yilmaz" for "Yılmaz": no recogniser writes "ı" unless the caller said it)."""
    return ours if "ı" in ours and "ı" not in theirs else theirs


def _answered_for(m: Mention, ask: str) -> bool:
    """The answer to the agent's question about the person booked for."""
    return m.role == "patient" and m.kind == "answer" and ask in (ASK_PATIENT, ASK_RELATIVE)


def _agree(candidate: Candidate, note: str) -> None:
    candidate.evidence["sources"] = candidate.evidence.get("sources", 1.0) + 1.0
    candidate.notes.append(note)


def _from_analysis(
    v: NameVerdict, role: str, turn: int, call: _Call, transcript: Candidate | None
) -> Candidate:
    """A post-call analysis name the caller really said: weak unless something supports it."""
    name = v.name or ""
    asked = call.asked.get(turn) in _ASKS_FOR[role]
    echoed = call.echoed(v)
    evidence = {
        "cue": 0.0,
        "asked": float(asked),
        "lexical": lexical_prior(name, spelled=False),
        "sources": 1.0 + float(echoed),
        "full": float(" " in name),
        "conflict": float(transcript is not None),
        "mentions": 1.0,
        "spelled": 0.0,
        "weak": 1.0,
    }
    notes = [f"post-call analysis; the caller said it in turn {turn}"]
    if transcript is not None:
        notes.append(f"the transcript names someone else: {transcript.name}")
    return Candidate(name, role, "analysis", evidence, notes)


def _choose(
    transcript: Candidate | None,
    analysed: NameVerdict | None,
    turn: int | None,
    role: str,
    call: _Call,
) -> tuple[Candidate | None, list[Candidate]]:
    """Transcript and analysis candidates for one role: agreement adds, conflict subtracts."""
    considered = [c for c in (transcript,) if c is not None]
    if analysed is None or turn is None:
        return transcript, considered
    if transcript is not None and _same(transcript.name, analysed.name or ""):
        _agree(transcript, "post-call analysis agrees")
        picked = _pick(analysed, transcript.name)
        # The order both sources share stands ("Min-jun Kim", though "Kim" is a first name).
        same_order = [fold(w) for w in picked.split()] == [fold(w) for w in transcript.name.split()]
        transcript.name = picked if same_order else _order(picked) or transcript.name
        return transcript, considered
    other = _from_analysis(analysed, role, turn, call, transcript)
    considered.append(other)
    if role == "patient":
        # Whom an appointment is for must come from the call itself; the analysis field
        # names anyone the caller mentioned ("ein Abstrich von Herrn Kühn").
        other.notes.append("not used: a patient needs the transcript's support")
        return transcript, considered
    if transcript is None:
        return other, considered
    return transcript, considered


def _for_role(
    role: str,
    slots: _Slots,
    keys: Sequence[str],
    call: _Call,
    checker: _Checker,
    analysis: Mapping[str, object] | None,
) -> tuple[Candidate | None, list[Candidate]]:
    """The transcript's and the analysis's candidates for one role, weighed against each other."""
    value = _analysis_value(analysis, keys)
    if role == "caller" and _same_person_both_roles(analysis):
        value = None  # the analysis cannot tell who is who: its caller is no evidence
    analysed = checker.verdict(value)
    turn = checker.confirmed(analysed, role) if analysed is not None else None
    return _choose(_transcript_candidate(slots, role, call), analysed, turn, role, call)


# The agent speaks to the caller with "du": first names then, a surname is not expected.
_FAMILIAR_RE = re.compile(r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner)\b", re.IGNORECASE)


def _surname_first_as_addressed(chosen: Candidate, call: _Call) -> Candidate | None:
    """ "mein name is ziani mohamed amine" … "Herr Ziani": the word the agent took up as the
    surname was said first, before first names; the name in its written order."""
    words = chosen.name.split()
    addressed = {fold(surname) for surname in call.addressed_as()}
    if len(words) < 2 or fold(words[0]) not in addressed:
        return None
    if not all(knowledge().facts(w).first_name for w in words[1:]) or fold(words[-1]) in addressed:
        return None
    name = " ".join([*words[1:], words[0]])
    notes = [*chosen.notes, f"surname said first, as the agent took it up: {name}"]
    return Candidate(
        name, chosen.role, chosen.source, dict(chosen.evidence), notes, chosen.confidence
    )


def _surname_never_taken_up(chosen: Candidate, call: _Call) -> bool:
    """A full name from what the caller said, not spelled, whose surname the caller said in
    one turn and the agent, who heard the call and spoke formally after it, never said back,
    not even misheard ("Frau Sali", "Herr Ke")."""
    words = chosen.name.replace("-", " ").split()
    if chosen.source == "function_call" or len(words) < 2 or chosen.evidence.get("spelled"):
        return False
    facts = knowledge().facts(words[-1])
    if (
        words[-1].lower() in TIME_WORDS
        and facts.last_rank_dach is None
        and facts.last_rank_world is None
        and call.agent_said_like(words[-1])
    ):
        # "schreibens resi mittwoch": a day no surname list ranks, which the agent said as
        # the day ("am Mittwoch"), never to the caller as a name ("Frau Mittwoch").
        return not call.agent_saluted(words[-1], words[0])
    said_in = call.user_turns_saying(words[-1], at_most=2)
    if len(said_in) != 1:
        return False  # said again by the caller ("auf Häberlimann bitte"), or heard joined
    if not call.agent_spoke_after(said_in[0]):
        return False  # the agent has not spoken since: no chance to take it up yet
    if call.agent_said_like(words[-1]):
        return False
    if _written_as_known_name(words, call.turns[said_in[0]].content):
        return False
    # "du": the agent keeps to first names, so a surname is not expected back; the first name
    # is ("heilandzack, des is fei hart" - "Ich kann auch schauen …": no one's name).
    if any(t.role != "user" and _FAMILIAR_RE.search(t.content) for t in call.turns):
        return not call.agent_said_like(words[0])
    return True


# Among the most common surnames of the region ("Wimmer" is 34th, though also a word).
_FREQUENT_SURNAME = 500


def _written_as_known_name(words: list[str], said: str) -> bool:
    """ "Hier is Wiebke Carstens", "Kellermann am Apparat, Roswitha Kellermann": a first name
    and a surname that the lists know, written with capitals by the transcript itself (in
    lower-case speech: a surname of the region that is no ordinary word), or the surname said
    twice as one introduces oneself."""
    surname = words[-1]
    if len(re.findall(rf"\b{re.escape(surname)}\b", said, re.IGNORECASE)) >= 2:
        return True
    written = re.search(rf"\b{re.escape(surname)}\b", said) is not None
    facts = knowledge().facts(surname)
    if not is_first_name(words[0]) or not facts.surname or facts.word_dominant:
        return False
    regional = facts.last_rank_dach is not None and (
        not facts.ordinary_word or facts.listed_last or facts.last_rank_dach <= _FREQUENT_SURNAME
    )
    return written or regional


def _lone_word_unconfirmed(chosen: Candidate, call: _Call, turn: int | None) -> bool:
    """One word, not the answer to the agent's question for it, that no second source
    supports (the agent's echo, the analysis, a live save) though the agent spoke after it."""
    return (
        " " not in chosen.name.strip()
        and chosen.evidence.get("sources", 0.0) <= 1.0
        and not chosen.evidence.get("patient_asked")
        and turn is not None
        and call.agent_spoke_after(turn)
    )


def _same_person_both_roles(analysis: Mapping[str, object] | None) -> bool:
    """The analysis names one person as both caller and patient, though a patient is by
    definition someone other than the caller (a son booking for "Gertrud Lüders")."""
    caller = _analysis_value(analysis, _CALLER_KEYS)
    patient = _analysis_value(analysis, _PATIENT_KEYS)
    return isinstance(caller, str) and isinstance(patient, str) and fold(caller) == fold(patient)


# wordfreq's Zipf frequency from which a word is an ordinary word of the language.
_KNOWN_WORD_ZIPF = 2.0


# Departments a caller speaks for ("Kettling, Personalabteilung Busch Metallwaren").
_DEPARTMENTS = frozenset(
    {
        "personalabteilung",
        "sekretariat",
        "verwaltung",
        "buchhaltung",
        "einkauf",
        "empfang",
        "rezeption",
        "probeneingang",
        "geschäftsleitung",
        "personalbüro",
    }
)


def _particle_as_read_back(chosen: Candidate, call: _Call) -> None:
    """ "de santis francesca" - "Dann sind Sie Frau Francesca De Santis, richtig?": the
    particle the caller said before the surname, which the agent's read-back keeps."""
    words = chosen.name.split()
    if len(words) != 2:
        return
    first, last = words
    agent_text = " ".join(t.content for t in call.turns if t.role != "user").casefold()
    if f" {last.casefold()}" not in agent_text or first.casefold() not in agent_text:
        return  # cheap: the agent never said the name back
    read_back = re.compile(
        rf"\b{re.escape(first)}\s+((?:{_PARTICLE_ALTERNATIVES})\s+{re.escape(last)})\b",
        re.IGNORECASE,
    )
    for turn in call.turns:
        for found in read_back.finditer(turn.content) if turn.role != "user" else ():
            particle = re.escape(found.group(1).split()[0])
            said = re.compile(rf"\b{particle}\s+{re.escape(last)}\b", re.IGNORECASE)
            if any(u.role == "user" and said.search(u.content) for u in call.turns):
                chosen.name = f"{first} {found.group(1)}"
                chosen.notes.append(f"the particle as the agent read it back: {found.group(1)}")
                return


_PARTICLE_ALTERNATIVES = "|".join(sorted(map(re.escape, NAME_PARTICLES), key=len, reverse=True))


def _first_name_alone(
    chosen: Candidate, call: _Call, *, shapeless: bool = False
) -> Candidate | None:
    """A caller's first name followed by words that are ordinary words, not surnames ("die
    Hanni vom Kirchplatz", "der Vinzenz, der Bäcker"), in a call where the agent never spoke to the
    caller by a surname: the first name is all the caller gave, decided on its own."""
    words = chosen.name.split()
    if len(words) < 2 or not is_first_name(words[0]) or call.addresses():
        return None
    table = knowledge()
    for word in words[1:]:
        facts = table.facts(word)
        if word.lower() in NAME_PARTICLES:
            continue
        # An unknown word may be a rare surname the agent let pass ("Gunnar Kettelhack"),
        # unless the words together have no name's shape ("Sepp Sagns Eam": dialect).
        if (facts.zipf < _KNOWN_WORD_ZIPF and not shapeless) or (
            facts.surname and not facts.word_dominant
        ):
            return None
    if shapeless and _agent_said_with_surname(words[0], call):
        return None  # "Ah, danke: Tomke Lassen-Boysen": the agent heard a surname after all
    alone = Candidate(
        words[0],
        "caller",
        chosen.source,
        {**chosen.evidence, "full": 0.0},
        [*chosen.notes, "the first name alone: no word after it is a surname"],
    )
    return decide(alone)


def _agent_said_with_surname(first: str, call: _Call) -> bool:
    """Whether the agent said this first name with a capitalised word after it that is no
    ordinary word: a full name ("Tomke Lassen-Boysen")."""
    pattern = re.compile(rf"\b{re.escape(first)}\s+([^\W\d_][\w-]+)")
    table = knowledge()
    for turn in call.turns:
        if turn.role == "user":
            continue
        for found in pattern.finditer(turn.content):
            word = found.group(1)
            facts = table.facts(word)
            if word[:1].isupper() and ("-" in word or facts.surname or not facts.ordinary_word):
                return True
    return False


_FRAGMENT = 3  # "Ro" of "Rojhat": a syllable, not a name


def _syllables_from(words: list[str]) -> int | None:
    """Where a trail of short words (no particles) that together begin an earlier word of
    the name starts, after at least two words; else None."""
    cut = None
    for k in range(len(words) - 1, 1, -1):
        tail = words[k:]
        if len(words[k]) > _FRAGMENT or words[k].lower() in NAME_PARTICLES:
            break
        key = fold("".join(tail))
        if any(fold(o).startswith(key) and len(fold(o)) > len(key) for o in words[:k]):
            cut = k
    return cut


def _well_formed(chosen: Candidate | None) -> Candidate | None:
    """A name put together from several mentions ("Kevin" + "Rohrbau Schulte") is checked
    as a whole once more: a shape no person's name has is no answer."""
    if chosen is None:
        return None
    words = chosen.name.split()
    cut = _syllables_from(words)
    if cut is not None:
        # "rojhat keskin ro j hat", "berivan aksoy be ri van": syllables of the first name,
        # said again to spell it
        chosen.name = " ".join(words[:cut])
        chosen.notes.append(f"syllables said again, dropped: {' '.join(words[cut:])}")
    reason = shape_reason(chosen.name)
    if reason is None:
        return chosen
    chosen.notes.append(f"abstained: the assembled name has no name's shape ({reason})")
    return None


# The agent talks of an appointment or a visit: a person spoken of may be the one it is for.
_APPOINTMENT_TALK_RE = re.compile(r"\b(?:Uhr|Termin\w*|Hausbesuch\w*)\b", re.IGNORECASE)
# "die Frau Hermine Vogl", "beim Herrn Ernst Brandl": a person the caller speaks of.
_SALUTED_FULL_NAME_RE = re.compile(
    r"\b(?:frau|herrn?)\s+(?:(?P<again>[^\W\d_][\w'-]+),?\s+)?([^\W\d_][\w'-]+)\s+"
    r"([^\W\d_][\w'-]+)",
    re.IGNORECASE,
)
# The appointment is for a vehicle: a person named is who brings it, not whom it is for.
_VEHICLE_RE = re.compile(r"\b(?:Fahrzeug\w*|Kennzeichen|Inspektion)\b", re.IGNORECASE)


def _about_a_visit(call: _Call) -> bool:
    """The agent talks of an appointment or a visit, and not of a vehicle."""
    agent = [t.content for t in call.turns if t.role != "user"]
    return any(_APPOINTMENT_TALK_RE.search(text) for text in agent) and not any(
        _VEHICLE_RE.search(text) for text in agent
    )


def _saluted_full_name(match: re.Match[str]) -> tuple[str, str]:
    """(first name, surname) of "Herrn Anton Kemper" and of "Herrn Kemper, Anton Kemper"."""
    again, first, last = match.group("again"), match.group(2), match.group(3)
    if again is None or fold(again) == fold(last):
        return first, last
    return again, first  # "Frau Ilse Hinrichs wohnt …": the first two words are the name


# Evidence of a full name the caller gave with a salutation and the agent then spoke of.
_SALUTED_EVIDENCE = {"cue": 0.85, "sources": 2.0, "full": 1.0, "mentions": 1.0, "relation": 1.0}


# "Worum geht es bei Arian?", "Ich sehe Arian hier", "für Arian": the agent speaks of the
# child or relative by the first name the caller gave them.
_ABOUT_FIRST_NAME_RE = r"\b(?:bei|für|um|sehe)\s+(?:dem\s+|der\s+|den\s+)?{first}\b"


def _relative_the_agent_asks_about(call: _Call, caller: Candidate | None) -> Candidate | None:
    """With no patient found: a relative the caller named in full ("Arian Berisha, äh, nein,
    das ist mein Sohn") whom the agent then asks about or books by first name ("Worum geht es
    bei Arian?"), in a call about an appointment."""
    for m, _ in call.mentions:
        v = m.verdict
        if m.role != "other" or m.kind != "relation" or not v.first_name or not v.last_name:
            continue
        if caller is not None and fold(caller.name) == fold(v.name or ""):
            continue
        about = re.compile(_ABOUT_FIRST_NAME_RE.format(first=re.escape(v.first_name)), re.I)
        if not any(t.role == "agent" and about.search(t.content) for t in call.turns[m.turn + 1 :]):
            continue
        if not _about_a_visit(call):
            return None
        name = v.name or ""
        evidence = {**_SALUTED_EVIDENCE, "lexical": lexical_prior(name, spelled=False)}
        note = f"a relative named in turn {m.turn}; the agent asked about them by first name"
        return decide(Candidate(name, "patient", "transcript", evidence, [note]))
    return None


def _saluted_person_spoken_of(call: _Call, caller: Candidate | None) -> Candidate | None:
    """With no patient found: the person the caller named by salutation, first name and
    surname ("ich betreue die Frau Hermine Vogl", "beim Herrn Ernst Brandl ist der Wert zu
    hoch") and the agent then spoke of in the third person, in a call about an appointment.
    No caller speaks of themself with "Frau"; staff and the agent are excluded."""
    for index, turn in enumerate(call.turns):
        # "err", "rau": Herr and Frau in either case (a cheap test first: long calls)
        if turn.role != "user" or ("err" not in turn.content and "rau" not in turn.content):
            continue
        for match in _SALUTED_FULL_NAME_RE.finditer(turn.content):
            first, last = _saluted_full_name(match)
            # "um herrn jessen broder jessen": "Herrn" is someone spoken of, whatever the agent
            # says next
            spoken_of = match.group(0).lower().startswith("herrn")
            if (
                not is_first_name(first)
                or {fold(first), fold(last)} & call.protected
                or not (spoken_of or call.spoken_of_by_agent(last))
            ):
                continue
            verdict = validate_name(f"{first} {last}")
            if not verdict.ok or verdict.first_name is None or verdict.last_name is None:
                continue
            name = f"{capital(first)} {capital(last)}"
            if (caller is not None and fold(caller.name) == fold(name)) or not _about_a_visit(call):
                continue
            evidence = {**_SALUTED_EVIDENCE, "lexical": lexical_prior(name, spelled=False)}
            note = f"named with a salutation in turn {index}; the agent spoke of them"
            return decide(Candidate(name, "patient", "transcript", evidence, [note]))
    return None


def _first_name_of_other_sex(chosen: Candidate, call: _Call) -> Candidate:
    """The agent spoke to the caller only as "Frau X" while the first name is a man's (or the
    other way round): the first name is a relative's ("wegen meim Vater, am Alois Brunnhuber"
    - "Frau Brunnhuber"). The surname the agent used stays; the first name goes."""
    words = chosen.name.split()  # "Anna-Lena" is one first name here, and no surname
    sexes = call.addressed_sexes()
    # On a phone handed on, the agent may have spoken to the other person.
    if len(words) < 2 or len(sexes) != 1 or call.phone_handed_on:
        return chosen
    sex = knowledge().gender_of(words[0])
    if sex is None or sex in sexes:
        return chosen
    if not any(_ratio(words[-1], a) >= _SIMILAR for a in call.addressed_as()):
        return chosen
    surname = " ".join(words[1:])
    chosen.notes.append(
        f"first name dropped: {words[0]} is a {'man' if sex == 'M' else 'woman'}'s name, "
        f"and the agent spoke to the caller as {'Frau' if 'F' in sexes else 'Herr'}"
    )
    chosen.name = surname
    return chosen


def _spoken_of_instead(someone_else: Candidate, call: _Call) -> Candidate | None:
    """A full name the caller said that the agent then spoke of in the third person, and
    asked the caller's own name after: the person the call is about."""
    words = _words(someone_else.name)
    if len(words) < 2 or not call.spoken_of_by_agent(words[-1]):
        return None
    return Candidate(
        someone_else.name,
        "patient",
        someone_else.source,
        dict(someone_else.evidence),
        ["the agent spoke of them in the third person, then asked the caller's own name"],
        someone_else.confidence,
    )


def _completed_by_address(decided: Candidate, call: _Call, user: _UserText) -> Candidate | None:
    """The caller's first name with the surname the agent last addressed them by, when the
    caller said that surname too but the name heard differs or has none: a slip to the maiden
    name corrected ("Vogel, äh, Hartlieb"), the family name given for the child ("Jannik hier"
    … "Wie ist der Nachname?" - "Quedenfeld"), a surname the transcript garbled. A name the
    agent spoke of in the third person ("für Frau Oberle") is someone else's."""
    words = decided.name.split()
    if not is_first_name(words[0]) or (len(words) > 1 and call.spoken_of_by_agent(words[-1])):
        return None
    surname = call.addresses()[-1][1]
    if not (user.said(surname) or user.said_split(surname) or call.spelled_by_caller(surname)):
        return None
    if call.called_former(surname):
        return None  # "ich heiße ja gar nicht mehr Schulz": addressed by the name given up
    # The first name the caller said with that surname, if any ("Hier is de Christa Unger" …
    # "Auf de Lea-Sophie. Lea-Sophie Hartmann"), else the one heard.
    first = call.first_name_said_with(surname) or words[0]
    return Candidate(
        f"{first} {surname}",
        "caller",
        decided.source,
        dict(decided.evidence),
        [*decided.notes, f"surname from the agent's last address: {surname}"],
        decided.confidence,
    )


def _answered_as_addressed(decided: Candidate, call: _Call) -> Candidate | None:
    """The full name the caller gave when the agent asked for theirs, whose surname the agent
    then addressed them by ("Und wie ist Ihr Name?" - "Ich bin die Tochter, Olga Becker" -
    "Danke, Frau Becker"): the caller's; the name said before is the one called about."""
    surname = fold(call.addresses()[-1][1])
    for m, ask in reversed(call.mentions):
        v = m.verdict
        if (
            m.role == "caller"
            and m.kind in ("intro", "answer")
            and ask in NAME_ASKS
            and v.first_name
            and v.last_name
            and fold(v.last_name) == surname
        ):
            return Candidate(
                v.name or "",
                "caller",
                decided.source,
                dict(decided.evidence),
                [f"given when asked for the caller's name, then addressed: {v.name}"],
                decided.confidence,
            )
    return None


def _joined_as_addressed(decided: Candidate, addressed: Collection[str]) -> Candidate:
    """Two words of the name that the agent's address joins into one ("meike braun schweiger"
    - "Frau Braunschweiger"): the transcript split one word."""
    words = decided.name.split()
    forms = {plain(a): a for a in addressed}
    for i in range(1, len(words) - 1):
        if words[i].lower() in NAME_PARTICLES:
            continue  # "Lo Bianco", "Al Haddad": the agent's "Lobianco" is the one mistaken
        joined = forms.get(plain(words[i] + words[i + 1]))
        if joined is not None:
            decided.name = " ".join([*words[:i], joined, *words[i + 2 :]])
            decided.notes.append(f"joined as the agent said it: {joined}")
            break
    return decided


def _checked_caller(
    decided: Candidate | None, slots: _Slots, call: _Call, checker: _Checker
) -> tuple[Candidate | None, Candidate | None]:
    """The decided caller name held against what the agent and the caller did with it:
    (the caller's name or None, a name found to be someone else's or None)."""
    if decided is None or decided.source == "function_call":
        return decided, None
    addressed = call.addressed_as()
    decided = _joined_as_addressed(decided, addressed)
    said = decided.name.replace("-", " ").split()
    parts = {p for a in addressed for p in a.split("-")}
    if (
        parts
        and not any(_ratio(w, a) >= _SIMILAR for w in said for a in parts)
        and not call.read_back_after_addresses(said)
        and not call.spelled_after_addresses(said[-1])
    ):
        completed = _completed_by_address(decided, call, checker.user)
        if completed is not None:
            return completed, None
        answered = _answered_as_addressed(decided, call)
        if answered is not None:
            return answered, decided
        # The agent, who heard the call, spoke to the caller by another name: one of the
        # two is someone else's, and a wrong name is worse than none.
        decided.notes.append(f"abstained: the agent addressed the caller as {sorted(addressed)}")
        return None, None
    decided = _first_name_of_other_sex(decided, call)
    if (
        decided.source == "transcript"
        and slots.kinds <= {"bare", "echo"}
        and checker.user.third_person(_words(decided.name)[0])
    ):
        # Said bare, and spoken of as "Herrn Kuhn" by the caller: no caller calls themself so
        # ("Wir betreuen einen Patienten von Ihnen, Herrn Walter Kuhn").
        decided.notes.append("abstained: the caller speaks of them in the third person")
        return None, decided
    if call.asked_name_after(_words(decided.name)):
        decided.notes.append("abstained: the agent asked for the caller's name after it")
        return None, decided
    return decided, None


def _with_family_name(
    patient: Candidate, caller: Candidate, user: _UserText, surnames: Collection[str]
) -> None:
    """A patient named by first name alone whom the caller also named in full with the
    caller's own surname ("Louis Moreau, L-O-U-I-S" from Étienne Moreau): that full name."""
    words, theirs = patient.name.split(), caller.name.split()
    if len(theirs) < 2 or any(fold(w) == fold(theirs[-1]) for w in words):
        return
    if len(words) == 1 and fold(words[0]) in surnames:
        return  # "den Herrn Magister Reinisch": a surname already, said after "Herrn"
    if user.turn_saying([*words, theirs[-1]], contiguous=True) is not None:
        patient.name = f"{patient.name} {theirs[-1]}"
        patient.notes.append(f"said in full with the caller's surname {theirs[-1]}")


def _as_the_agent_named_them(
    patient: Candidate, call: _Call, checker: _Checker, caller: Candidate | None
) -> None:
    """A patient named in part ("Kacper", "Lena Marie", "Arx") whom the agent names in full
    ("Kacper Wiśniewski", "Herrn Peter von Arx"), every word of which the caller said: that
    full name. Not with the caller's own first name ("Ana Gonçalves", the caller's maiden
    name, for her mother Maria Gonçalves)."""
    ours = [fold(w) for w in patient.name.split()]
    # The caller's first names; a child takes the caller's surname ("Abinaya Rajendran").
    said = caller.name.split() if caller else []
    callers = {fold(w) for w in (said[:-1] if len(said) > 1 else said)}
    for turn in call.turns:
        if turn.role == "user":
            continue
        for run in _NAME_RUN_RE.finditer(turn.content):
            words = [w for w in run.group(0).split() if not _honorific(w)]
            folded = [fold(w) for w in words]
            if len(words) <= len(ours) or not _subsequence(ours, folded):
                continue
            if (set(folded) - set(ours)) & callers:
                continue
            verdict = checker.verdict(" ".join(words))
            if (
                verdict is None
                or not verdict.first_name
                or not verdict.last_name
                or not all(checker.user.said(w) for w in words)
            ):
                continue
            patient.notes.append(f"named in full by the agent: {verdict.name}")
            patient.name = verdict.name or patient.name
            return


def _with_the_surname_the_agent_booked(patient: Candidate, call: _Call, caller: Candidate) -> None:
    """A patient named by a first name alone ("für meinen Mann, den Herbert") whom the agent
    books as "Herrn Url", the caller's own surname, with the salutation of the first name's
    sex: that first name with the family's surname."""
    words, family = patient.name.split(), caller.name.split()
    if len(words) != 1 or len(family) < 2 or not is_first_name(words[0]):
        return
    sex = knowledge().gender_of(words[0])
    salutation = {"M": r"Herrn?", "F": r"Frau"}.get(sex or "")
    if salutation is None:
        return
    booked = re.compile(rf"\bfür\s+{salutation}\s+{re.escape(family[-1])}\b")
    if any(t.role != "user" and booked.search(t.content) for t in call.turns):
        patient.name = f"{words[0]} {family[-1]}"
        patient.notes.append(f"booked by the agent with the family's surname {family[-1]}")


def _booked_with_the_family_name(patient: Candidate, call: _Call, caller: Candidate) -> None:
    """A patient "Gudrun Bräuchert" whom the agent books as "Gudrun Dotterweich", with the
    surname the caller gave as their own, and whose second word the agent never says: a word
    run into the first name ("die gudrun bräuchert an termin": needs), not her surname."""
    ours, family = patient.name.split(), caller.name.split()[-1]
    if len(ours) != 2 or fold(ours[1]) == fold(family) or call.agent_said_like(ours[1]):
        return
    wanted = [fold(ours[0]), fold(family)]
    for turn in call.turns:
        if turn.role == "user" or not _books(turn.content):
            continue
        for run in _NAME_RUN_RE.finditer(turn.content):
            if [fold(w) for w in run.group(0).split() if not _honorific(w)] == wanted:
                patient.notes.append(f"booked with the caller's surname: {run.group(0)}")
                patient.name = f"{ours[0]} {family}"
                return


# "Youssef ist Ihr Vorname, El Idrissi der Nachname?", "Also Joana ist der Vorname und Pereira
# da Costa der Nachname?", "Ist Javier der Vorname und Moreno Díaz der Nachname?", "Popescu ist
# der Nachname und Andreea der Vorname?": the agent reads the parts back with their labels.
_WORD = r"[A-ZÄÖÜ][^\s,?.!]*"
_FIRST_PART = rf"(?P<first>{_WORD}(?:[ -]{_WORD})?)"
_LAST_PART = rf"(?P<last>(?:(?:[a-z]{{1,3}}|{_WORD})\s+){{0,3}}?{_WORD})"
_WHOSE = r"(?:Ihr|der)\s+"
_SURNAME_LABEL = r"(?:Nachname|Familienname)\b"
_LABELLED_READ_BACKS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_FIRST_PART}\s+ist\s+{_WHOSE}Vorname(?:,|\s+und)\s+{_LAST_PART}\s+(?:ist\s+)?"
        rf"{_WHOSE}{_SURNAME_LABEL}",
        rf"\bIst\s+{_FIRST_PART}\s+{_WHOSE}Vorname\s+und\s+{_LAST_PART}\s+{_WHOSE}"
        rf"{_SURNAME_LABEL}",
        rf"{_LAST_PART}\s+ist\s+{_WHOSE}{_SURNAME_LABEL}(?:,|\s+und)\s+{_FIRST_PART}\s+"
        rf"(?:ist\s+)?{_WHOSE}Vorname\b",
        rf"\bIst\s+{_LAST_PART}\s+{_WHOSE}{_SURNAME_LABEL}\s+und\s+{_FIRST_PART}\s+{_WHOSE}"
        r"Vorname\b",
    )
)


# The words after a salutation the caller uses: someone spoken of ("herr moreno diaz javier").
_SPOKEN_OF_BY_SALUTATION_RE = re.compile(
    r"\b(?:herrn?|frau)\s+((?:[^\W\d_]+\s+){0,2}[^\W\d_]+)", re.IGNORECASE
)


def _labelled_read_back(text: str) -> re.Match[str] | None:
    return next((m for r in _LABELLED_READ_BACKS if (m := r.search(text)) is not None), None)


def _confirmed_read_backs(call: _Call) -> Iterator[tuple[int, str, re.Match[str]]]:
    """(turn, "first last", match) of each name the agent read back part by part, labelled,
    that the caller confirmed at once."""
    for index, turn in enumerate(call.turns[:-1]):
        nxt = call.turns[index + 1]
        labelled = turn.role != "user" and "Vorname" in turn.content  # a cheap test first
        found = _labelled_read_back(turn.content) if labelled else None
        if found is None or nxt.role != "user" or not _YES_RE.match(nxt.content):
            continue
        # "Also Joana ist der Vorname", "Also Popescu ist der Nachname": not "Also"
        first, last = (
            " ".join(w for w in found.group(part).split() if w.lower() not in FILLERS)
            for part in ("first", "last")
        )
        yield index, f"{first} {last}", found


def _confirmed_labels(caller: Candidate | None, call: _Call, checker: _Checker) -> Candidate | None:
    """The caller's name as the agent read it back part by part, labelled, and the caller
    confirmed at once ("Youssef ist Ihr Vorname, El Idrissi der Nachname?" - "jo genau"): it
    settles order and particles. Only for the name found, or where none was."""
    for index, name, found in _confirmed_read_backs(call):
        words = name.replace("-", " ").split()
        if (
            {fold(w) for w in words} & call.protected
            or not all(checker.user.said(w) for w in words if len(w) > 3)
            # "Was fehlt Herrn Pfurtscheller?": someone the agent speaks of, not to
            or call.agent_says_only_of_someone(words[-1])
        ):
            continue
        if caller is None and "Ihr Vorname" not in found.group(0):
            continue  # "Johann ist der Vorname": whose, only a name found already tells
        if caller is not None and not {fold(w) for w in caller.name.split()} <= {
            fold(w) for w in name.split()
        }:
            continue
        evidence = dict(caller.evidence) if caller else {"cue": 0.92, "asked": 1.0, "full": 1.0}
        evidence.update(sources=2.0, full=1.0)
        note = f"read back with its labels and confirmed in turn {index + 1}"
        return decide(Candidate(name, "caller", "transcript", evidence, [note]))
    return None


def _patient_in_confirmed_order(patient: Candidate, call: _Call) -> None:
    """ "Ist Tiago der Vorname und Ferreira Lopes der Nachname?" - "ja genau": the patient's
    words, confirmed part by part, in that order."""
    words = sorted(fold(w) for w in patient.name.split())
    for index, name, _ in _confirmed_read_backs(call):
        if sorted(fold(w) for w in name.split()) == words and name != patient.name:
            patient.notes.append(f"order as read back with labels, confirmed in turn {index + 1}")
            patient.name = name
            return


def _patient_who_is_the_caller(
    caller_final: Candidate | None,
    patient_final: Candidate | None,
    slots: _Slots,
    call: _Call,
) -> tuple[Candidate | None, Candidate | None]:
    """(caller, patient) once a patient's name that is the caller's own has moved over."""
    if patient_final is None:
        return caller_final, None
    if (
        caller_final is None
        and "relation" not in slots.kinds  # not "meine Tochter Ella" of the same surname
        and call.addressed_right_after(slots.turn, _words(patient_final.name))
    ):
        # "Auf welchen Namen?" - "Korkmaz, Emine Korkmaz." - "Danke, Frau Korkmaz.": the agent
        # speaks to the caller by the name just given, so it is the caller's.
        patient_final.role = "caller"
        patient_final.notes.append("the agent spoke to the caller by it right after")
        return patient_final, None
    if call.answered_for_myself(slots.turn):
        # "Für wen darf ich eintragen?" - "Für mich. Wie gesagt, Hartmann. Uwe Hartmann.": the
        # name given with "für mich" is the caller's, whatever the question's role.
        if caller_final is None or set(_words(fold(caller_final.name))) <= set(
            _words(fold(patient_final.name))
        ):
            patient_final.role = "caller"
            patient_final.notes.append("given with 'für mich': the caller's own name")
            return patient_final, None
        return caller_final, None
    return caller_final, patient_final


def extract_names(
    turns: Sequence[Turn],
    *,
    analysis: Mapping[str, object] | None = None,
    agent_names: Sequence[str] = (),
    staff_names: Sequence[str] = (),
    live_caller_name: str | None = None,
) -> ExtractedNames:
    """Caller and patient names of one call; None wherever the call does not say them."""
    call = _Call(turns, agent_names, staff_names)
    caller, patient, others = call.resolve()
    checker = _Checker(
        turns,
        agent_names,
        staff_names,
        others + [m for m, _ in call.mentions if m.role == "patient"],
    )
    chosen, considered = _for_role("caller", caller, _CALLER_KEYS, call, checker, analysis)
    live = checker.verdict(live_caller_name)
    if live is not None and live.name:
        chosen = Candidate(
            live.name,
            "caller",
            "function_call",
            {"cue": 0.92, "asked": 1.0, "lexical": 0.9, "sources": 2.0, "full": 1.0},
            ["saved live by the agent during the call"],
        )
        considered.append(chosen)
    checker.others = [m for m, _ in call.mentions if m.role != "patient"]
    patient_chosen, patient_considered = _for_role(
        "patient", patient, _PATIENT_KEYS, call, checker, analysis
    )
    caller_final, someone_else = _checked_caller(decide(chosen), caller, call, checker)
    formed = _well_formed(caller_final)
    if formed is None and caller_final is not None:
        formed = _first_name_alone(caller_final, call, shapeless=True)
    caller_final = formed
    patient_final = _well_formed(decide(patient_chosen))
    if patient_final is None and someone_else is not None:
        patient_final = _spoken_of_instead(someone_else, call)
    if patient_final is None:
        patient_final = _saluted_person_spoken_of(call, caller_final)
    if patient_final is None:
        patient_final = _relative_the_agent_asks_about(call, caller_final)
    if patient_final is not None and caller_final is not None:
        _with_the_surname_the_agent_booked(patient_final, call, caller_final)
    if patient_final is not None and _only_about_documents(call.turns):
        # The patient is whom an appointment is for; a lab, a pharmacy or an insurer calling
        # about a report, a bill or a value, where nothing is booked or visited, names the
        # person it is about but books for no one.
        patient_final.notes.append("abstained: the call is about documents, nothing is booked")
        patient_final = None
    if patient_final is not None and _lone_word_unconfirmed(patient_final, call, patient.turn):
        # Replayed on the first-sight predictions of fresh blind calls
        # (bench/names_first_sight.py --rules): a patient named by one word, unasked, that
        # only the caller said was wrong 7 times in 7 (a relative merely mentioned, a part
        # of a fuller name).
        patient_final.notes.append("abstained: one word, and nothing but the caller's words")
        patient_final = None
    if (
        caller_final is not None
        and patient_final is None
        and _surname_never_taken_up(caller_final, call)
    ):
        # Measured on blind calls at first sight: of full names whose surname the agent never
        # said, in calls about the caller, most were words heard as a surname ("Jolanda Sali",
        # "Schmidt Ke") or the surname-first order ("Wongsawat Siriporn").
        turned = _surname_first_as_addressed(caller_final, call)
        if turned is not None:
            caller_final = turned
        else:
            caller_final.notes.append("abstained: the agent never took up the surname")
            caller_final = _first_name_alone(caller_final, call)
    for c in (*considered, *patient_considered):
        if c is not chosen and c is not patient_chosen:
            decide(c)
    if patient_final is not None and patient_final not in patient_considered:
        patient_considered.append(patient_final)  # made here: its evidence is explained too
    if (
        caller_final
        and patient_final
        and caller_final.source == "analysis"
        and patient_final.source == "transcript"
        and fold(patient_final.name) == fold(caller_final.name)
    ):
        # The analysis calls the caller whom the call booked for ("Wie heißt Ihr Vater?" -
        # "heinz peter kürten"): the transcript's role stands.
        caller_final.notes.append("not used: the call books this person, it is not the caller")
        caller_final = None
    if (
        caller_final
        and patient_final
        and fold(patient_final.name)
        in (
            fold(caller_final.name),
            fold(caller_final.name.split()[-1]),
        )
    ):
        # The caller's own name, or only their surname ("Nowakowska, mein Mann heißt …").
        patient_final = None
    caller_final, patient_final = _patient_who_is_the_caller(
        caller_final, patient_final, patient, call
    )
    if patient_final is not None:
        _split_surname_joined(patient_final, call)
    if patient_final is not None and caller_final is not None:
        _with_family_name(patient_final, caller_final, checker.user, call.saluted)
        _booked_with_the_family_name(patient_final, call, caller_final)
    if patient_final is not None:
        _as_the_agent_named_them(patient_final, call, checker, caller_final)
    caller_final = _confirmed_labels(caller_final, call, checker) or caller_final
    if patient_final is not None:
        _patient_in_confirmed_order(patient_final, call)
    if caller_final is not None:
        _particle_as_read_back(caller_final, call)
    explained = (*considered, *patient_considered)
    if caller_final is not None and caller_final not in explained:
        considered.append(caller_final)  # made here (completed, cut to the first name)
    caller_turn = None
    if caller_final is not None:
        caller_turn = caller.turn if caller_final.source == "transcript" else None
        if caller_turn is None:
            caller_turn = checker.user.turn_saying(_words(caller_final.name), contiguous=False)
    return ExtractedNames(
        caller_final.name if caller_final else None,
        patient_final.name if patient_final else None,
        round(caller_final.confidence, 3) if caller_final else 0.0,
        caller_final.source if caller_final else None,
        caller_turn,
        patient.turn if patient_final and patient_final.source == "transcript" else None,
        tuple(c.as_dict() for c in (*considered, *patient_considered)),
    )
