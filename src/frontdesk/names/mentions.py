"""Name mentions inside one caller turn: self-introductions, answers, relatives, spellings."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from frontdesk.names.knowledge import (
    WordFacts,
    is_compound_noun,
    is_first_name,
    is_split_word,
    knowledge,
)
from frontdesk.names.lexicon import (
    CARE_TITLES,
    EXCLAMATION_RE,
    FARM_PARTICLES,
    FILLERS,
    FUNCTION_WORDS,
    GREETINGS,
    INSTITUTIONS,
    LEGAL_FORMS,
    MENTION_MARKERS,
    NAME_PARTICLES,
    RELATIONS,
    SALUTATIONS,
    TIME_WORDS,
    TITLES,
    fold,
    word_set,
)
from frontdesk.names.spelling import (
    LONE_LETTER_RE,
    letter_names_as_letters,
    letters_named_only,
    spelled_names,
    with_described_marks,
    without_syllables,
)
from frontdesk.names.truecase import capital
from frontdesk.names.validator import (
    NameVerdict,
    farm_after,
    farm_name_at,
    is_common_first_name,
    is_short_form_of,
    names_organisation,
    validate_name,
)

# What the agent's last turn asked for.
ASK_NONE, ASK_NAME, ASK_SURNAME, ASK_FIRST, ASK_SPELL, ASK_PATIENT, ASK_CONFIRM = (
    "none",
    "name",
    "surname",
    "first",
    "spell",
    "patient",
    "confirm",
)
NAME_ASKS = frozenset({ASK_NAME, ASK_SURNAME, ASK_FIRST, ASK_SPELL})
# Not a name question, but about the caller's relative ("Ist Ihre Frau bei uns Patientin?"):
# a name the caller says in reply is the relative's.
ASK_RELATIVE = "relative"
# The name the caller bore before ("Wie lautet denn Ihr früherer Name?"): the answer is a
# former name, never the caller's current one.
ASK_FORMER = "former"
_FORMER_ASK_RE = re.compile(
    r"\b(?:früher(?:e[nr]?)?|alte[nr]?|vorherige[nr]?|bisherige[nr]?)\s+(?:nach|familien)?namen?\b"
    r"|mädchennamen?\b|geburtsnamen?\b|ledigen?\s+namen?\b"
    r"|wie (?:haben|hießen|hiessen) sie (?:denn )?(?:früher|vorher|vor der hochzeit)"
)

_REL = "|".join(sorted(RELATIONS - {"frau", "mann", "freund", "freundin"}, key=len, reverse=True))
# Animals a vet's agent asks the name of: a patient of the practice, but no person (gold
# names people only).
_PETS = (
    r"(?:hund|hündin|hundes|welpe|welpen|katze|kater|katers|kätzchen|tier|tieres|tierchen|pferd|"
    r"pferdes|hase|hasen|kaninchen|kaninchens|vogel|vogels|sittich|wellensittich|hamster|"
    r"hamsters|meerschweinchen|meerschweinchens|schildkröte|fellnase|liebling|"
    # breeds and farm animals a vet is called about
    r"dackel|mops|pudel|terrier|schäferhund|labrador|kuh|kalb|rind|schaf|ziege|stute|hengst|"
    r"pony|papagei)\b"
)
_PET_RE = re.compile(_PETS)
_PET_OWNERS = word_set("mein meinen meine unser unseren unsere ihr ihren ihre dein deinen deine")


# "Wer ist denn Enno?" - "Unser Labrador.": the one named is an animal
_PET_ANSWER_RE = re.compile(
    rf"^\W*(?:(?:ja|na|das|der|die|ist|is|äh|ähm|also)\W+){{0,3}}"
    rf"(?:{'|'.join(sorted(_PET_OWNERS))})\s+(?:\w+\s+)?{_PETS}",
    re.IGNORECASE,
)


def named_a_pet(name: str, question: str, answer: str) -> bool:
    """The agent asked who `name` is and the caller answered with their animal."""
    asked = re.search(rf"\bwer ist (?:denn |das )?{re.escape(name)}\b", question, re.IGNORECASE)
    return asked is not None and _PET_ANSWER_RE.search(answer) is not None


def _names_a_pet(clause: list[str]) -> bool:
    """The clause ends with one's animal ("ich hab hier meinen Hund"), not a name ("Vogel")."""
    return (
        len(clause) >= 2
        and clause[-2].lower() in _PET_OWNERS
        and _PET_RE.fullmatch(clause[-1].lower()) is not None
    )


_ASK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ASK_PATIENT,
        re.compile(
            rf"(?:heißt|heisst|name)\s+(?:denn\s+|eigentlich\s+)?(?:ihr|ihre|ihres|ihrer|der|die|des|"
            rf"das|dein|deine)\s+(?:{_REL}|mann|frau|freund|freundin)|für wen|um wen|"
            rf"wie hei(?:ß|ss)t (?:er|sie|es)\b|"
            # "Welche Frau Leitner ist das genau?": which of the people of that name
            rf"\bwelche[rs]?\s+(?:frau|herr|herrn)\s+\w+|"
            # "Wie heisst der Versicherte?", "wie heißt die Kleine": someone else, not a name part
            rf"wie hei(?:ß|ss)t (?:denn )?(?:der|die|das|ihr|ihre|dein|deine) "
            rf"(?!vorname|nachname|familienname|name|{_PETS})\w+|"
            # "den Vornamen der Patientin", "der Name des Kindes"
            rf"(?:vor|nach|familien)?namen?\s+(?:des|der|vom)\s+(?:patient(?:en|in)?|"
            rf"klient(?:en|in)?|kund(?:en|in)|bewohner(?:s|in)?|versicherten|kindes|kleinen|"
            rf"gastes|herrn|dame|jungen|mannes)\b|"
            # "Um welchen Patienten geht es?", "Welche Patientin ist es?"
            rf"\bwelche[nrs]?\s+(?:patient|patientin|patienten|klient|klientin|klienten|kunde|"
            rf"kundin|bewohner|bewohnerin|gast)\b|"
            # "Wie heißt Maxim mit Nachnamen?", "wie ist sein Nachname?": a third person's
            # ("Heißt Lukas auch Hamacher mit Nachnamen?")
            rf"(?:wie )?hei(?:ß|ss)t (?!du\b|er\b|sie\b|ihr\b)\w+ (?:\w+ ){{0,2}}"
            rf"mit (?:nach|familien|vor)?namen|"
            # "Heißt Yasmin ebenfalls Khalil?": a third person named, asked for the surname
            rf"\bhei(?:ß|ss)t (?!du\b|er\b|sie\b|es\b|ihr\b)\w+ "
            rf"(?:auch|ebenfalls|genauso) \w+\s*\?|"
            # "Und Esi heißt auch Agyemang?": the same with the person named first
            rf"\b(?!du\b)\w+ hei(?:ß|ss)t (?:auch|ebenfalls|genauso) \w+\s*\?|"
            # "und heißt er auch Öztürk?": the verb's person makes "er"/"sie" someone else
            rf"\bhei(?:ß|ss)t (?:er|sie) (?:auch|ebenfalls|genauso) \w+\s*\?|"
            rf"\bsein(?:en)?\s+(?:vor|nach|familien)?namen?\b|"
            # "Wie lautet der Name Ihrer Nachbarin?", "der Name Ihres Sohnes": someone else's
            rf"namen?\s+(?:ihrer|ihres|seiner|seines|deiner|deines)\s+(?!firma|praxis|{_PETS})\w+|"
            # "Wie ist der vollständige Name und das Geburtsdatum Ihrer Tochter?"
            rf"(?<!ihren )(?<!ihr )\bnamen?\b[^.?!]{{0,40}}\b(?:ihrer|ihres|deiner|deines)\s+"
            rf"(?:(?:{_REL})(?:e?s)?|mannes|frau|nachbarin|nachbars?)\b|"
            # "den vollständigen Namen und das Geburtsdatum von Nils": of someone named
            rf"\bnamen?\s+(?:und\s+(?:das|die|den)\s+\w+\s+)?(?:von|vom)\s+"
            rf"(?!ihnen\b|dir\b|euch\b|mir\b|uns\b|der firma\b|ihrer firma\b)\w|"
            # "Wie ist der Nachname von Lea-Sophie?": of someone named, not of the caller
            rf"\b(?:vor|nach|familien)namen?\s+von\s+(?!ihnen\b|dir\b)\w"
        ),
    ),
    (ASK_FIRST, re.compile(r"vorname")),
    (ASK_SURNAME, re.compile(r"nachname|familienname")),
    (ASK_SPELL, re.compile(r"buchstabier|wie schreib")),
    (
        ASK_NAME,
        re.compile(
            # "Ihren Namen", "Ihren vollständigen Namen", "Ihren ganzen Namen"
            r"\b(?:ihr|ihren|dein|deinen)\s+(?:\w+(?:en|es|er)\s+)?namen?\b|welche[nm] namen|"
            # "Darf ich den vollen Namen noch einmal haben?"
            # (not "den vollständigen Namen des Kindes": someone else's)
            r"\bden\s+(?:vollen|vollständigen|ganzen|kompletten)\s+namen\b"
            r"(?!\s+(?:des|der|vom|von|ihres|ihrer|seines|seiner)\b)|"
            r"wie heißen sie|wie heissen sie|wie hei(?:ß|ss)t du\b|wer bist du\b|"
            r"mit wem spreche|wer spricht|wer ist (?:denn |da )?am apparat|mit wem habe ich|"
            r"und sie sind\b|wer sind sie\b|"
            # asked indirectly: "Darf ich wissen, mit wem ich spreche?", "wer anruft?"
            r"mit wem (?:ich\s+)?(?:spreche|rede)|mit wem rede ich|\bwer (?:da\s+)?anruft\b|"
            r"\bwer ruft (?:(?:da|denn|dann|gerade)\s+)*an\b|"
            r"\bwer (?:da\s+)?dran ist\b|"
            # "Entschuldigung, wie war der Name?": asked again
            r"wie war (?:noch(?:\s*mal)?\s+|nochmal\s+)?der name\b|"
            # "Könnten Sie den Namen bitte wiederholen?": asked again
            r"\bden namen\b[^.?!]{0,25}\bwiederholen\b|"
            r"wer ist (?:mein|meine|ihr|ihre|der|die) ansprech|"
            # "Wie darf ich Sie (im Kalender) eintragen?": asked for the name to book under
            r"wie darf ich sie\b(?:\s+\w+){0,3}\s+(?:eintragen|notieren|vormerken|anmelden)"
        ),
    ),
)

# Cheap pre-filter: a caller turn without any of these words cannot carry a name mention.
_TRIGGER_WORDS = word_set(
    "name namen nachname nachnamen vorname vornamen heiße heisse heiß heißt heisst spricht "
    "sprechen apparat hier bin wie bindestrich eszett hieß hiess mädchenname geburtsname "
    "vorgestellt vorgstellt"
)
_NOT_AFTER_BIN = word_set(
    "ich ick i ja nicht net ned noch schon gerade grad da dort hier so eben auch"
)
_PUNCT_TO_SPACE = str.maketrans(dict.fromkeys(",.;:!?…-–—()\"'", " "))
_SEPARATE_WORDS_RE = re.compile(r"\b(?:zwei|2)\s+wörter\b|\bgetrennt\b|\bauseinander\b", re.I)
_SPELL_HINT_RE = re.compile(
    r"(?:\b[^\W\d_]\b[\s,.\-]+){2}\b[^\W\d_]\b|\bwi[eaä]\s+\w|buchstabier", re.IGNORECASE
)
_SENTENCE_RE = re.compile(r"(?<=[.!?;:…])\s+|\s+[–—]\s+|\s+-\s+")
_TITLE_DOT_RE = re.compile(r"\b(Dr|Prof|Dipl|med|dent|vet|Mag|Ing)\.")
# "St. Gallen", "St. Pölten": a saint's abbreviation in a place name ends no sentence.
_SAINT_DOT_RE = re.compile(r"\b(St)\.(?=\s+[A-ZÄÖÜ])")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")
_NAME_TOKEN_RE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")

_INTRO, _WEAK, _FIRST, _LAST, _HEISST = "intro", "weak", "first", "last", "heisst"
_HEISST_AFTER = "heisst_after"  # "Noah heißt er": the name before the verb
FORMER_NAME = "former_name"  # the kind of a mention that is a name the caller once bore
_FORMER = "former"  # "Hartmann war ich": a name the caller no longer bears
_FORMER_AFTER = "former_after"  # "früher hieß ich Hartmann": the same, said forwards
# Words between "hieß ich" and the former name: "da hieß ich aber noch Petersen".
_FORMER_LEAD = word_set("aber noch damals früher mal vorher ja halt eben")
_ABOUT = "about"
# Phrases before a name: "mein Name ist X", "hier ist (die) X", "ich heiße X".
_FORWARD: tuple[tuple[tuple[str, ...], str], ...] = (
    (("mein", "name", "ist"), _INTRO),
    # Swiss and Bavarian: "Mini Name isch João da Silva", "mei Name is Huber".
    *(
        ((pron, "name", verb), _INTRO)
        for pron in ("mini", "mi", "min", "mei", "mein")
        for verb in ("isch", "is", "ist")
        if (pron, verb) != ("mein", "ist")
    ),
    (("mein", "name", "is"), _INTRO),
    # The name borne since a marriage: "jetzt bin ich Angeliki Hofmann"
    *(
        ((now, "bin", "ich"), _INTRO)
        for now in ("jetzt", "jetz", "nun", "inzwischen", "mittlerweile", "seitdem")
    ),
    (("name", "ist"), _INTRO),
    (("name", "is"), _INTRO),
    (("hier", "ist"), _INTRO),
    (("hier", "is"), _INTRO),
    (("hier", "spricht"), _INTRO),
    (("da", "spricht"), _INTRO),
    (("hier", "es", "et"), _INTRO),  # Kölsch "Hier es et Anneliese Pütz"
    (("do", "spricht"), _INTRO),
    (("es", "spricht"), _INTRO),
    (("sie", "sprechen", "mit"), _INTRO),
    (("sie", "sprechet", "mit"), _INTRO),  # Swiss: "sie sprechet mit Stefanie Ammann"
    (("sie", "spräched", "mit"), _INTRO),
    # "da hieß ich aber noch Petersen", "mein Mädchenname ist Petersen": a former name.
    *(((verb, "ich"), _FORMER_AFTER) for verb in ("hieß", "hiess")),
    # "Wahrscheinlich noch als Melanie Wagner" (in the files): the name before a marriage.
    (("noch", "als"), _FORMER_AFTER),
    # "ich heiße ja gar nicht mehr Schulz": the name no longer borne
    *(
        ((verb, *filler, "nicht", "mehr"), _FORMER_AFTER)
        for verb in ("heiße", "heiß", "heisse", "heiss")
        for filler in ((), ("ja",), ("gar",), ("ja", "gar"))
    ),
    *(
        ((noun, verb), _FORMER_AFTER)
        for noun in ("mädchenname", "geburtsname")
        for verb in ("ist", "war")
    ),
    # "ich heiße", Swiss "i heisse", Bavarian "i hoaß", Saxon "isch heeß"; and "jetzt heiß ich
    # Schröder": the verb first, as after an adverb.
    *(
        phrase
        for pron in ("ich", "i", "ick", "isch")
        for verb in ("heiße", "heisse", "heiß", "heiss", "hoaß", "hoass", "heeß", "heeße")
        for phrase in (((pron, verb), _INTRO), ((verb, pron), _INTRO))
    ),
    # "ich bin die Mara", "ick bin der Justin": the article makes it a self-introduction.
    *(
        ((pron, verb, art), _INTRO)
        for pron in ("ich", "ick", "i", "isch")
        for verb in ("bin", "bi")  # Swiss "ich bi d'Frau Gubler"
        # Kölsch "ich bin dä Dirk", Saxon "isch bin dor Kevin"
        for art in ("der", "die", "de", "d", "da", "dä", "dor", "dr")  # Bernese "dr Urs"
    ),
    # "ich bin Herr Dang", "i bin d'Frau Gubler": a salutation, as an article does.
    *(
        ((pron, verb, salutation), _INTRO)
        for pron in ("ich", "ick", "i", "isch")
        for verb in ("bin", "bi")
        for salutation in ("herr", "frau")
    ),
    # "ick bins nochma, der Paschke Dennis": "it's me", then who.
    *(((pron, verb), _INTRO) for pron in ("ich", "ick", "i", "isch") for verb in ("bins", "bin's")),
    # "Hoi, ich bin es, die Seraina"
    *(((pron, "bin", "es"), _INTRO) for pron in ("ich", "ick", "i", "isch")),
    # "Wer ist am Apparat?" - "Na icke, die Kübra!": me, the one named
    *(
        ((pron, ",", art), _INTRO)
        for pron in ("ich", "icke", "ick", "isch")
        for art in ("der", "die", "de", "d", "da", "dä")
    ),
    (("ich", "bin"), _WEAK),
    (("ich", "bi"), _WEAK),
    (("ick", "bin"), _WEAK),
    (("i", "bin"), _WEAK),
    (("isch", "bin"), _WEAK),
    # "da isch de Silvan", "do isch dr Dominik", "da ist der Mathis": the article introduces.
    *(
        ((lead, verb, art), _INTRO)
        for lead in ("da", "do", "hier")
        for verb in ("isch", "ist", "is")
        # "do isch s Vreni", Kölsch "hier is et Marlies"
        for art in ("de", "der", "dr", "d", "die", "s", "et")
    ),
    (("da", "isch"), _WEAK),
    (("da", "is"), _INTRO),  # dialect "hier ist": "da is die Resi", "do is d'Vroni"
    (("do", "is"), _INTRO),
    (("da", "ist"), _WEAK),
    (("hier", "isch"), _INTRO),
    (("hie", "isch"), _INTRO),
    (("do", "isch"), _WEAK),
    (("heißt",), _HEISST),
    (("heisst",), _HEISST),
    # English, which callers of many origins mix in: "Her name is Adaeze", "my name is Tunde"
    (("her", "name", "is"), _HEISST),
    (("his", "name", "is"), _HEISST),
    (("my", "name", "is"), _INTRO),
    # Whom the call is about: "es geht um die Ella", "ich ruf wegen der Lotta an".
    (("es", "geht", "um"), _ABOUT),
    (("wegen", "der"), _ABOUT),
    (("wegen", "dem"), _ABOUT),
    (("wegen", "des"), _ABOUT),
    (("wegen",), _ABOUT),
    # Swiss and Bavarian "wegen": "i lüüte a wäge de Frau Hunziker"
    *(((word, art), _ABOUT) for word in ("wäge", "wege") for art in ("de", "der", "dr", "em")),
    (("wäge",), _ABOUT),
    (("für",), _ABOUT),
    (("fer",), _ABOUT),  # Palatinate and Hessian "für": "en termin fer de leon"
    # "Wir betreuen Herrn Gerhard Stötzer, der bräuchte einen Termin": a carer's client.
    (("betreuen",), _ABOUT),
    (("betreue",), _ABOUT),
    # "Ich bin Pflegerin bei Herr Lentzen": the household a live-in carer works in.
    *(
        ((noun, "bei"), _ABOUT)
        for noun in (
            "pflegerin",
            "pfleger",
            "pflegekraft",
            "betreuerin",
            "betreuer",
            "haushaltshilfe",
            "alltagsbegleiterin",
            "alltagsbegleiter",
        )
    ),
)
# Phrases after a name: "X mein Name", "X hier", "X am Apparat" (labels: _LABELS).
_BACKWARD: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ist", "mein", "name"), _INTRO),
    # "Sonntag is mein Name!", Swiss "Sonntag isch min Name"
    *(
        ((verb, pron, "name"), _INTRO)
        for verb in ("is", "isch")
        for pron in ("mein", "mei", "min", "mi", "mini")
    ),
    # "Nowicki mei Name", Swiss "Gisler min Name"
    *(((pron, "name"), _INTRO) for pron in ("mein", "mei", "min")),
    (("hier",), _INTRO),
    # Bavarian and Austrian "hier": "Grüß Gott, Thaler Verena do."
    (("do",), _INTRO),
    (("da",), _INTRO),
    # Low German "Gesa Brodersen is hier.": the name, then that it is on the line
    (("is", "hier"), _INTRO),
    (("ist", "hier"), _INTRO),
    (("am", "apparat"), _INTRO),
    (("am", "telefon"), _INTRO),
    # "Guten Tag, Nagy Eszter spricht": the caller's name before the verb, as on the phone.
    (("spricht",), _INTRO),
    # "Fragen Sie nach Akosua, das bin ich": the name, then that it is the caller's.
    *((("das", "bin", pron), _INTRO) for pron in ("ich", "i", "ick", "isch")),
    # "Sonntag, so heiß ich.", "Huber, so heiße ich": the name, then that it is one.
    *((("so", verb, "ich"), _INTRO) for verb in ("heiß", "heiße", "heiss", "heisse", "hoaß")),
    # "Antje heißt sie, Antje Ingwersen", "birte janssen heißt se": whom the caller speaks of
    *(
        ((verb, pron), _HEISST_AFTER)
        for verb in ("heißt", "heisst", "hoaßt")
        for pron in ("sie", "se", "si", "er", "der", "die")
    ),
    (("war", "ich"), _FORMER),
    (("hieß", "ich"), _FORMER),
    (("hiess", "ich"), _FORMER),
    # "Lassen heiß ich, Birgit Lassen": the name, then that it is one
    *(((verb, "ich"), _INTRO) for verb in ("heiß", "heiße", "heiss", "heisse")),
    # "damals hab ich noch Husić geheißen": a name once borne
    (("geheißen",), _FORMER),
    (("geheissen",), _FORMER),
)


_DENIAL_FILLERS = word_set("doch ja gar eigentlich aber")


_FUTURE_WORDS = word_set("bald demnächst künftig zukünftig später")


def _future_name(low: list[str], j: int) -> bool:
    """The clause before the phrase at j says the name is one to come ("ab dann", "bald",
    "nach der Hochzeit")."""
    before = low[max(0, j - 6) : j]
    if "." in before:
        before = before[len(before) - before[::-1].index(".") :]
    text = " ".join(before)
    return bool(_FUTURE_WORDS.intersection(before)) or any(
        cue in text for cue in ("ab dann", "ab da", "nach der hochzeit", "ab der hochzeit")
    )


def _denied_after(low: list[str], k: int) -> bool:
    """ "Maria heiß ich doch net": a negation right after the phrase, fillers between."""
    while k < len(low) and low[k] in _DENIAL_FILLERS:
        k += 1
    return k < len(low) and low[k] in _NEGATIONS


def _by_first(
    phrases: tuple[tuple[tuple[str, ...], str], ...],
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind in phrases:
        out.setdefault(phrase[0], []).append((phrase, kind))
    return out


_FORWARD_BY_FIRST = _by_first(_FORWARD)
_BACKWARD_BY_FIRST = _by_first(_BACKWARD)
_RELATION_WORDS = RELATIONS | MENTION_MARKERS
# Whom an institution or a business calls about: its client, resident, pupil, employee.
_CLIENT_NOUNS = word_set(
    "klient klientin klienten patient patientin patienten bewohner bewohnerin schüler "
    "schülerin kunde kundin mandant mandantin mandanten fahrer fahrerin mitarbeiter mitarbeiterin "
    "versicherte versicherter versicherten pflegling schützling azubi lehrling gast gastes "
    "gäste hotelgast braut bräutigam arbeiter arbeiterin arbeitern mitarbeitern"
)
_CLIENT_NOUNS_LONGEST_FIRST = sorted(_CLIENT_NOUNS, key=len, reverse=True)
# "eine Klientin", "einen Patienten von Ihnen", "einer unserer Fahrer", "Ihre Klientin".
_SOME_OR_OURS = word_set(
    "ein eine einen einem einer ne 'ne unser unsere unseren unserem unserer unseres ihre ihren "
    "unsern unsre unsrer unsrem unsres en e "
    # Swiss and Bavarian "our": "für üse Klient", "unsa Bewohnerin"
    "üse üsi üsere üserem üsem unsa unsan "
    "ihrem ihrer"
)
# "vom Gast", "für den Patienten", "des Versicherten": the client of whom the caller speaks.
_OF_THE = frozenset({"vom", "dem", "den", "des"})
_SKIP = FILLERS | GREETINGS | {"hier", "und", "oder", "aber", "nochmal", "endlich"}
# Before a name that answers: "Einfach Malte", Swiss "eifach dr Urs".
_ANSWER_LEAD = _SKIP | {"einfach", "eifach", "eafach"}
_WRITE_VERBS = word_set("schreiben notieren sagen nehmen säget schriibed")
# After a person's name in a firm's introduction: "… aus der Personalabteilung", "… am Apparat".
_AFTER_PERSON = word_set("aus von vom am hier")
_FOR_MYSELF_RE = re.compile(r"\W*(?:(?:ja|also|äh)\W+)*für\s+(?:mich|mi|misch)\b(?!\s+und)", re.I)
_CALLED_RE = re.compile(r"\b(?:ich|ick|i|isch)\s+(?:heiße|heiß|heisse|heiss)\s+auch\b", re.I)
# In the caller's mouth "ihr Name" and "sein Name" are a third person's ("Ihr Name" is the
# agent's way of asking; a caller does not address themself).
_THIRD_PERSON_POSSESSIVES = word_set("ihr sein")
_ARTICLES = frozenset({"die", "der", "das"})
# Words allowed between "mein Name ist" and the name ("übrigens", "die").
_RUN_LEAD = _ARTICLES | {
    "halt",
    "so",
    "a",  # Bavarian "a so": "ich heiß halt a so Kathi Rainer"
    "eben",
    "de",  # Swiss and Swabian article: "da isch de Silvan"
    "da",  # Bavarian article: "do is da Huber Sepp"
    "d",
    "s",  # Swiss neuter article before a woman's first name: "do isch s Vreni"
    "et",  # the same in Kölsch: "hier is et Marlies"
    "den",  # "für den Paul", "wegen dem Jonas"
    "dem",
    "dän",  # Alemannic "für dän Luca"
    "dä",
    "übrigens",
    "eigentlich",
    "nochmal",
    "nochma",
    "noch",  # "ich heiß noch frerichs": still, before the name
    "wieder",
    "em",  # Swiss "mit em Beat Gisler"
    "aber",  # "mein Mann heißt aber nur Vogt"
    "auch",  # "ich heiß auch so, Patrick Lenz": like the staff member
    "au",  # Swiss "auch"
    "ooch",  # Berlin and Saxon "auch"
    "nur",
    "also",
    "ja",
    "nämlich",
    "natürlich",
    "äh",
    "ähm",
    "öhm",
    "einfach",
    "doch",
    # "ich heiße jetzt Nadine Fässler": the name borne since a change
    "jetzt",
    "nun",
    "inzwischen",
    "mittlerweile",
}
_POSSESSIVES = word_set(
    "mein meine meinen meinem meiner unser unsere unseren unserem unserer eine einen einer "
    "meines unseres "
    "die der den dem mei meim meini mini minere minera mim min mis mi minge ming mingem "
    "mien miene mienen "  # Plattdeutsch: "mien Deern"
    "mäin mäine"  # Moselle Franconian: "fier mäin Nachbar"
)
_RELATION_GAP = word_set(
    "an von vun vom vo uns namens mit dem den namen die der das heißt heisst also äh ähm halt ja "
    # Swiss, Bavarian, Kölsch: "wäge minere Tochter a, d Noemi", "für mein Vater o", "dä Heinz"
    "a aa o d de den dr dä "
    # "eine Kundin von Ihnen, Frau Stähelin", Swiss "e Kundin vo Ihne do, d'Frau …"
    "ihnen ihne do "
    # "und mein Mann ist Zoltán Nagy": who the relative is
    "ist is isch"
)
# "meine Frau", Bavarian "mei Frau", Swiss "mini Frau": the caller's wife, not a salutation.
_MY_WIFE = word_set("meine meiner mei mini meini")
# People a caller may phone for, though usually they are only mentioned ("meine Nachbarin hat
# Sie empfohlen"): the patient only after "für"/"wegen".
# People a caller may book for ("ich rufe für unseren Chef an", "für meine Nachbarin").
_NEIGHBOURS = word_set(
    "nachbar nachbarin nachbarn bekannte bekannter chef chefin chefs geschäftsführer "
    "geschäftsführers geschäftsführerin inhaber inhabers inhaberin"
)
# "seiner Tochter", "ihr Sohn": the caller's relation to the patient, so the caller's name.
# Kölsch and Platt "för", Moselle Franconian "fier"
_ABOUT_WORDS = word_set("wegen für fuer um wäge wege weg'n för fier")
_OF_WORDS = word_set("von vun vom vo")
_SELF_REFERENCE_RE = re.compile(
    r"\b(?:ich|ick|i|isch)\s+(?:bin|heiße|heiß|heisse)\b|\bmein name\b", re.I
)
_PRONOUNS = word_set("ich ick ik i isch du er sie es wir ihr mir mich uns")
_SELF_POSSESSIVES = word_set("seiner seine seinen seinem ihrer")
_OTHERS_POSSESSIVES = _SELF_POSSESSIVES | word_set("sein ihr ihre ihren ihrem")
_APPOINTMENT_RE = re.compile(
    r"termin|anmeld|vorbei|behandl|untersuch|impf|sprechstunde|brauch|bräucht|verordn"
)
_BOOKING_RE = re.compile(
    r"\bfür\b|\bfuer\b|anmeld|termin|vorbei|bring|behandl|untersuch|impf|schneid|haarschnitt"
)
_NOT_THIS_NAME = word_set("nicht net ned nöd nid")
# Before a time or a place, not before the name a caller answers with.
_PREPOSITIONS = word_set("am im um beim vom zum zur ins an auf nach bis ab seit in aus über")
_IMPERATIVES = word_set(
    "lass lasst hör hört komm kommt geh sei seid mach nicht pass bleib warte setz gib hol leg "
    "nimm stopp still ruhig schluss runter weg raus aus leise sitz nein finger hände"
)


@dataclass(frozen=True)
class Mention:
    """A name found in one caller turn, with whose name it probably is and how it was said."""

    verdict: NameVerdict
    role: str  # "caller" | "patient" | "other"
    kind: str  # "intro" | "weak" | "first" | "last" | "answer" | "bare" | "spelled"
    turn: int


@dataclass(frozen=True)
class Context:
    agent_names: Sequence[str]
    staff_names: Sequence[str]
    booking_for_other: bool
    # surnames with particles the agent addresses someone by ("Herr De Luca"), folded
    particled: Container[str] = frozenset()
    # every surname the agent says after "Herr"/"Frau", folded
    saluted: Container[str] = frozenset()


_CONFIRM_RE = re.compile(r"(?:^|[.!]\s)[^.!?]{0,40}\?\s*$|\bmit\s+\w(?:\W\w)*\W*\?|richtig\?")


def may_name(text: str) -> bool:
    """Fast check (set lookups, no regex) whether a caller turn can mention a name at all."""
    words = text.lower().translate(_PUNCT_TO_SPACE).split()
    triggers: set[str] = set(_TRIGGER_WORDS.intersection(words))
    if triggers == {"bin"}:
        # "da bin ich bei der Arbeit" names no one; "ich bin die Mara" may.
        triggers = {
            w for i, w in enumerate(words[:-1]) if w == "bin" and words[i + 1] not in _NOT_AFTER_BIN
        }
    if triggers or not _RELATION_WORDS.isdisjoint(words):
        return True
    return sum(len(w) == 1 for w in words) >= 3  # letter-by-letter spelling


def classify_ask(agent_text: str, *, as_written: str | None = None) -> str:
    """What the agent's turn asks the caller for (name, surname, first name, spelling, patient).

    A short question ("Hubert?", "Frau Maier, mit a-i?") asks to confirm a heard name.
    `as_written`: the turn before any recasing, whose capitals tell "Ihr" from "ihr".
    """
    low = agent_text.lower()
    if ("heißt" in low or "heisst" in low) and _PET_NAME_RE.search(low):
        return ASK_NONE  # "Wie heißt der Kater?": the answer names an animal, no person
    if ("heißt" in low or "heisst" in low) and _names_a_thing(low):
        return ASK_NONE  # "Wie heißt die Creme denn?": a product, no person
    if (
        "?" in low
        and ("name" in low or "früher" in low or "vorher" in low)
        and _FORMER_ASK_RE.search(low)
        and not _NOW_RE.search(low)
    ):
        return ASK_FORMER
    ask = _classify_name_ask(low)
    written = agent_text if as_written is None else as_written
    if _GENITIVE_NAME_RE.search(written):
        return ASK_PATIENT  # "Wie ist Leons vollständiger Name?": his, not the caller's
    if (
        ask in (ASK_SURNAME, ASK_FIRST, ASK_NAME)
        and written.lower() != written  # written with capitals, where "Ihr" and "ihr" differ
        and _HER_NAME_RE.search(written)
    ):
        return ASK_PATIENT  # "Wie alt ist Lina, und wie lautet ihr Nachname?": hers, not yours
    stripped = agent_text.rstrip()
    if (
        ask == ASK_NONE
        and "?" in low
        and ("ihr" in low or "dein" in low)
        # "Ist Ihr Vater Patient bei Dr. Kogler?": a title's dot ends no sentence
        and _RELATIVE_QUESTION_RE.search(_TITLE_DOT_LOW_RE.sub(r"\1", low))
    ):
        return ASK_RELATIVE
    if (
        ask == ASK_NONE
        and "?" in low
        and ("bekannt" in low or "patient" in low or "kund" in low or "bei uns" in low)
        and _THIRD_PERSON_KNOWN_RE.search(low)
    ):
        return ASK_RELATIVE
    if ask == ASK_NONE and stripped.endswith("?") and _CONFIRM_RE.search(stripped):
        return ASK_CONFIRM
    return ask


_PET_NAME_RE = re.compile(
    rf"wie\s+hei(?:ß|ss)t\s+(?:denn\s+)?(?:der|die|das|ihr|ihre|dein|deine|euer|eure)\s+{_PETS}|"
    # "Was für ein Hund ist es denn, und wie heißt er?": the animal just named
    rf"\b(?:ein|eine|der|die|das|ihr|ihre|dein|deine)\s+{_PETS}[^.?!]{{0,40}}"
    rf"wie\s+hei(?:ß|ss)t\s+(?:er|sie|es)\b"
)
# "Wie heißt die Creme denn?": the things a caller names by a word that is no person's name
_THING_NAMED_RE = re.compile(
    r"wie\s+hei(?:ß|ss)t\s+(?:denn\s+)?(?:der|die|das)\s+(?:creme|salbe|medikament|tablette|"
    r"tabletten|mittel|präparat|spray|tropfen|produkt|firma|apotheke|krankenkasse|kasse|"
    r"versicherung|straße|strasse|schule|kita)\b"
)


def _names_a_thing(low: str) -> bool:
    """The agent asks what a thing is called ("Wie heißt das Medikament?"), not a person."""
    return _THING_NAMED_RE.search(low) is not None


# "Leons vollständiger Name", "Marias Nachname": a first name in the genitive before "Name".
_GENITIVE_NAME_RE = re.compile(
    r"\b(?!Ihres\b|Ihrers\b)[A-ZÄÖÜ][a-zäöüß]+s\s+(?:vollständige[rn]?\s+|ganze[rn]?\s+|"
    r"volle[rn]?\s+)?(?:Vor|Nach|Familien)?[Nn]amen?\b"
)
# "ihr Nachname" inside a sentence, in lower case: her name; the agent writes "Ihr" for yours.
_HER_NAME_RE = re.compile(
    r"[\w,]\s+(?:ihr|ihre|ihren)\s+(?:[a-zäöü]+(?:er|en|e)\s+)?"  # "ihr vollständiger Name"
    r"(?:[Vv]or|[Nn]ach|[Ff]amilien)?(?:[Nn]amen?)\b"
)
_TITLE_DOT_LOW_RE = re.compile(_TITLE_DOT_RE.pattern.lower())  # the same titles, lower case
_RELATIVE_QUESTION_RE = re.compile(
    rf"\b(?:ihre?|ihren|ihrem|ihrer|deine?|deinen|deinem|deiner)\s+(?:{_REL}|mann|frau)\b[^.!?]*\?"
)
# "Der Termin wäre dann für Ihren Sohn?": whom the booking is for; a name in the answer is his.
BOOKED_FOR_RELATIVE_RE = re.compile(
    rf"\btermin\b[^.?!]*\bfür (?:ihre[nm]?|ihr) (?:{_REL}|mann|frau)\b[^.!?]*\?"
)
# "Ist Frau Steffens bei uns als Patientin bekannt?": whether someone the agent speaks of in
# the third person (the caller would be "Sie") is known here; the name in reply is theirs.
_THIRD_PERSON_KNOWN_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:und\s+)?(?:ist|war)\s+(?:frau|herr)\s+(?:dr\.?\s+)?[a-zäöüß][^.!?]*"
    r"\b(?:bekannt|patient(?:in)?|kund(?:e|in)|schon (?:mal |einmal )?bei uns)\b[^.!?]*\?"
)


def _classify_name_ask(low: str) -> str:
    if (
        "name" not in low
        and "heiß" not in low
        and "heiss" not in low
        and "schreib" not in low
        and "buchstab" not in low
        and "wen" not in low
        and "wem" not in low
        and "wer" not in low
        and "welche" not in low
        and "eintragen" not in low
        and "notieren" not in low
        and "vormerken" not in low
        and "anmelden" not in low
        and "sie sind?" not in low  # "Und Sie sind?"
    ):
        return ASK_NONE
    for ask, pattern in _ASK_PATTERNS:
        if pattern.search(low):
            if ask == ASK_FIRST and _BOTH_PARTS_READ_BACK_RE.search(low):
                return ASK_NAME  # both parts read back: the answer may mend either
            return ask
    return ASK_NONE


# "Ihr Vorname ist Marko und Ihr Nachname Hendrik?": the whole name read back by its parts.
_BOTH_PARTS_READ_BACK_RE = re.compile(r"vorname\b[^?]*\b(?:nachname|familienname)\b[^?]*\?")


# "Mein Bruder heißt Peter … heute geht's aber um mich": the caller says the call is theirs.
# "Ich möchte einen Termin für mich … Mein Mann ist schon Patient": the same.
_ABOUT_MYSELF_RE = re.compile(
    r"\bgeht(?:'s|s| es)?(?: \w+){0,2} um mich\b|\btermin\w* für mich\b(?! und\b)(?!,? und\b)"
)


def has_booking_relation(text: str) -> bool:
    """True when the caller books for a relative or client ("für meinen Sohn", "meine Mutter")."""
    low = text.lower()
    words = low.translate(_PUNCT_TO_SPACE).split()
    if _RELATION_WORDS.isdisjoint(words) and _CLIENT_NOUNS.isdisjoint(map(client_noun_of, words)):
        return False
    if _ABOUT_MYSELF_RE.search(low):
        return False
    return any(
        _about_a_relative(s)
        or any(_relation_at(s.split(), i) == "patient" for i in range(len(s.split())))
        for s in _SENTENCE_RE.split(low)
    )


def _about_a_relative(sentence: str) -> bool:
    """ "die celine ist meine tochter, um die geht's": a relative, and the call is about them."""
    return _ABOUT_THEM_RE.search(sentence) is not None and not _RELATION_WORDS.isdisjoint(
        sentence.translate(_PUNCT_TO_SPACE).split()
    )


# "Die Celine ist meine Tochter, um die geht's": the relative is whom the call is about.
_ABOUT_THEM_RE = re.compile(r"\bum (?:die|den|ihn|sie|ihm),? geht(?:'s|s| es)?\b")


# Relation words that are adjectives written small: "die Kleine" is a child, "einen kleinen
# Bogen" is not.
_ADJECTIVE_RELATIONS = word_set("kleine kleinen kleiner großen")


def _adjective_before_noun(tokens: list[str], j: int) -> bool:
    word = tokens[j]
    return (
        word in _ADJECTIVE_RELATIONS
        and j + 1 < len(tokens)
        and _is_cap(tokens[j + 1])
        and knowledge().facts(tokens[j + 1]).common_noun
        and not is_first_name(tokens[j + 1])  # "die kleine Rose" is a girl
    )


def _of_index(words: list[str], i: int) -> int | None:
    """Where "von" follows the role noun at i: right after it, or after an apposition set
    off by commas ("die Betreuerin, 24-Stunden-Betreuung, von Herrn Pretterhofer")."""
    k = i + 1
    if k < len(words) and words[k] == ",":
        end = next((m for m in range(k + 1, min(k + 8, len(words))) if words[m] == ","), None)
        if end is not None:
            k = end + 1
    return k if k < len(words) and words[k] in _OF_WORDS else None


def _describes_self_of(words: list[str], i: int) -> bool:
    """ "bin die X von", "als der X vom", "ich bin Betreuerin von": the caller's role towards
    the person named next."""
    if not 1 <= i < len(words) - 1 or _of_index(words, i) is None:
        return False
    if words[i - 1] in ("bin", "als"):
        return True
    k = i - 1
    if k >= 2 and words[k].endswith(("e", "er", "en")) and words[k - 1] in _ARTICLES:
        k -= 1  # "ich bin der gesetzliche Betreuer von …": an adjective between
    return k >= 1 and words[k] in _ARTICLES and words[k - 1] in ("bin", "als")


def _role_noun(word: str) -> bool:
    """A common noun (also a compound one) that no name list knows: a role like
    "Betreuerin" or "Alltagsbegleiterin"."""
    facts = knowledge().facts(word)
    return not facts.known_name and (facts.common_noun or is_compound_noun(word))


_SELF_ADVERBS = word_set("übrigens auch ja eigentlich nur halt quasi sozusagen hier")
_THIS_IS = word_set("das des dat dit hier da do")


def _institution(article: str, run: str) -> bool:
    """ "die Spitex Bern Nord", "das Labor Dr. Seidl": an article, then no person's name ("die
    Jana", "die Frau Krüger", "der Hofer", "die Ostermeier Monika" are people)."""
    words = run.split()
    if (article not in _ARTICLES and article not in ("d", "de", "dr")) or not words:
        return False
    head = words[0].lower().rstrip(".")
    if head in SALUTATIONS or head in TITLES:
        return False
    if is_first_name(words[0]) and not names_organisation(words[0]):
        return False  # "die Jana"; not "die Fahrschule", on a first-name list by mistake
    if len(words) == 2 and knowledge().facts(words[0]).surname and is_first_name(words[1]):
        return False  # the surname first, then the first name, as in the South
    if (
        len(words) == 3
        and fold(words[0]) == fold(words[2])
        and is_first_name(words[1])
        and not any(names_organisation(w) for w in words)
    ):
        return False  # "hier is die qureshi saima qureshi": surname, first name, surname
    return len(words) > 1 or not knowledge().facts(words[0]).surname


# The labels a caller puts on a part of the name, said before it ("Vorname Siriporn", "mein
# Nachname ist Huber") or after it ("Arben isch de Vorname", "papadopoulos nachname").
_LABELS = {
    "vorname": _FIRST,
    "vornamen": _FIRST,
    "nachname": _LAST,
    "familienname": _LAST,
    "zuname": _LAST,
    # "das ist ein Doppelname Schmitt-Hahn" (the hyphen said as "Bindestrich")
    "doppelname": _LAST,
    "doppelnachname": _LAST,
}
_LABEL_VERBS = word_set("ist is isch lautet wär wäre :")
# "an vornamen a no hannes", "den Vornamen auch noch: Hannes": the part given in addition.
_LABEL_ADDED = word_set("a au auch no noch dazu")
# Between the verb and the label: "X ist der Nachname", "X ist alles Familienname".
_LABEL_DETERMINERS = word_set(
    "der de d dr da dä mein min mi mei alles beides ganz ganze komplett zusammen my the"
)
# Between the verb and the label too: "Kidane ist aber der Vorname"
_LABEL_PARTICLES = word_set("aber eigentlich doch halt nur")
_ENGLISH_WORDS = frozenset({"name", "surname"})


def _label_side(tokens: list[str], low: list[str], j: int) -> str | None:
    """Whether the label at j names the word after it or the one before: a verb says so
    ("Vorname ist X", "X isch de Vorname"); bare, a name that opens the clause before it."""
    if j + 1 < len(low) and low[j + 1] in _LABEL_VERBS:
        return "next"
    b = j - 1
    if b >= 1 and low[b - 1] in SALUTATIONS and j + 1 < len(low):
        return "next"  # "Frau Öztürk, Vorname Selin": the surname is said, the label is ahead
    if b >= 0 and low[b] in _LABEL_DETERMINERS:
        b -= 1
        if b >= 1 and low[b] == "," and _run_backward(tokens, b):
            return "previous"  # "Mathilde, der Vorname."
        if b >= 0 and low[b] in _LABEL_DETERMINERS:
            b -= 1  # "Santos Oliveira ist beides der Nachname"
        if b >= 1 and low[b] in _LABEL_PARTICLES and low[b - 1] in _LABEL_VERBS:
            b -= 1
        if (
            b >= 0
            and low[b + 1] in ("der", "de")
            and _is_cap(tokens[b])
            and low[b] not in _NAME_LABELS
            and (b == 0 or low[b - 1] in _LABEL_VERBS | {","})
        ):
            return "previous"  # "im Ausweis ist Norbu der Nachname": no verb between
    if b >= 0 and low[b] in _LABEL_VERBS:
        return "previous"
    if j + 2 < len(low) and low[j + 2] in _LABELS and _LABELS[low[j + 2]] != _LABELS[low[j]]:
        # "agyeman nachname kwesi vorname is immer andersrum": each label after its word
        before = _run_backward(tokens, j)
        if before:
            return "previous"
    if _labels_lead(low, j):
        return "next"  # "sivakumar vorname thar shini": names on both sides, the label leads
    return "previous" if _run_backward(tokens, j) else None


def _labels_lead(low: list[str], j: int) -> bool:
    """A bare label with a word after it, in a sentence whose labels do not end it: spoken
    labels then go before their names ("Okafor, Vorname Chidi"); "papadopoulos nachname
    konstantinos vorname", ending in a label, puts them after."""
    words = [w for w in low if w.isalpha()]
    return (
        j >= 1
        and low[j - 1] not in _LABEL_DETERMINERS | _MY  # "da vorname reicht": a subject
        and j + 1 < len(low)
        and low[j + 1].isalpha()
        and low[j + 1] not in _LABELS
        and bool(words)
        and words[-1] not in _LABELS
    )


# Labels in English, which callers of many origins mix in: "Okafor is family name".
_ENGLISH_LABELS = {
    ("family", "name"): "Familienname",
    ("last", "name"): "Nachname",
    ("first", "name"): "Vorname",
    ("given", "name"): "Vorname",
    ("surname",): "Nachname",
}


def _german_labels(tokens: list[str]) -> list[str]:
    """English labels as the German ones; a German label right after its English twin ("family
    name nachname") is the same label said twice."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        low = tuple(t.lower() for t in tokens[i : i + 2])
        size = 2 if low in _ENGLISH_LABELS else 1 if low[:1] in _ENGLISH_LABELS else 0
        if not size:
            out.append(tokens[i])
            i += 1
            continue
        label = _ENGLISH_LABELS[low[:size]]
        out.append(label)
        i += size
        if i < len(tokens) and _LABELS.get(tokens[i].lower()) == _LABELS[label.lower()]:
            i += 1
    return out


def _without_leading_syllables(name: str) -> str:
    """ "mu ja no vić mujanović nachname": syllables said before the whole word are no part
    of the name."""
    words = name.split()
    while (
        len(words) > 1
        and len(words[0]) <= 3
        and words[0].lower() not in NAME_PARTICLES  # "De Andrade"
        and fold(words[0]) in fold(words[-1])
    ):
        words = words[1:]
    return " ".join(words)


def _without_trailing_syllables(name: str) -> str:
    """ "nachname aydogdu ay doh du": the word said again in syllables after it (the first
    one opening it) is no part of the name."""
    words = name.split()
    if (
        len(words) > 1
        and len(words[0]) >= 5
        and all(len(word) <= 3 for word in words[1:])
        and fold(words[0]).startswith(fold(words[1]))
    ):
        return words[0]
    return name


_INTENSIFIERS = word_set("so zu sehr total echt ganz arg voll")


def _labelled_parts(tokens: list[str]) -> list[tuple[str, str]]:
    """(name, "first"/"last") for every label in a sentence. Bare labels keep the side of
    the sentence's first one: "Vorname Siriporn Nachname Wongsawat" names forward throughout,
    "papadopoulos nachname konstantinos vorname" backward throughout."""
    if any(t.lower() in _ENGLISH_WORDS for t in tokens):
        tokens = _german_labels(tokens)
    low = [t.lower() for t in tokens]
    found: list[tuple[str, str]] = []
    sides: list[str] = []  # the side each found name lies on
    flow: str | None = None  # the side the sentence's first label names
    others = False  # the sentence's labels are another person's ("ihr Familienname")
    for j, word in enumerate(low):
        kind = _LABELS.get(word)
        if kind is None:
            continue
        if _someone_elses_label(low, j) or (j >= 1 and low[j - 1] in _HER_HIS):
            others = True
            continue
        if others and j >= 1 and low[j - 1] in _LABEL_DETERMINERS - _MY:
            continue  # "Chen ist ihr Familienname, Hua der Vorname": hers too
        toward = _label_side(tokens, low, j)
        bare = toward is None or (
            toward == "previous" and j >= 1 and low[j - 1] not in _LABEL_VERBS | _LABEL_DETERMINERS
        )
        if bare and flow is not None:
            toward = flow
        toward = toward or "next"
        # "omar ist vorname familienname al masri": a label its verb points does not set the
        # side for the bare labels after it
        flow = flow or (toward if bare else None)
        if toward == "next":
            start = j + 1
            while start < len(low) and low[start] in _LABEL_VERBS | _LABEL_ADDED:
                start += 1
            if start < len(low) and low[start] in _INTENSIFIERS:
                continue  # "mein Nachname ist so lang": what the name is like, not the name
            name = _run_forward(tokens, start)[0]
            if not name and start < len(low) and low[start] in NAME_PARTICLES:
                # "familienname al masri": after the label particles may lead the surname
                k = start
                while k < len(low) and low[k] in NAME_PARTICLES:
                    k += 1
                rest = _run_forward(tokens, k)[0]
                name = " ".join([*tokens[start:k], rest]) if rest else ""
            if found and not name and (j + 1 == len(low) or low[j + 1] not in _LABEL_VERBS):
                # "Kurt is nachname Serkan vorname, viele denken andersrum": nothing after
                # the second label, so it names the free word before it
                end = j
                before = _run_backward(tokens, j)
                if before and all(before != said for said, _ in found):
                    name, toward = before, "previous"
        else:
            end = j
            while end > 0 and (
                low[end - 1] in _LABEL_VERBS | _LABEL_DETERMINERS | _LABEL_PARTICLES
                or (low[end - 1] == "," and end < j)
            ):
                end -= 1
            name = _run_backward(tokens, end)
        opens = toward != "next" and name and _opens_sentence(tokens, end - len(name.split()))
        if kind == _FIRST and not opens:
            # (a run that opens the sentence is the labelled name whole: "Bao Anh ist der
            # Vorname, zwei Wörter")
            name = _first_names_only(name, forward=toward == "next")
        name = _without_trailing_syllables(_without_leading_syllables(name))
        if name:
            found.append((name, kind))
            sides.append(toward)
    return _shared_run_parted(found, sides)


def _shared_run_parted(found: list[tuple[str, str]], sides: list[str]) -> list[tuple[str, str]]:
    """ "nachname sivakumar kavitha ist vorname": one run of two words that a label before it
    and a label after it both took; each label takes the word beside it."""
    if (
        len(found) == 2
        and sides == ["next", "previous"]
        and found[0][0] == found[1][0]
        and found[0][1] != found[1][1]
        and len(words := found[0][0].split()) == 2
    ):
        return [(words[0], found[0][1]), (words[1], found[1][1])]
    return found


# Letters joined by hyphens, a spelling written out: "P-E-T-R-O-V-I-C".
HYPHEN_SPELLED_RE = re.compile(r"^(?:[^\W\d_]-)+[^\W\d_]$")


# The caller's own possessive, in all the dialects ("mei Vorname", "minge Broder").
_MY = word_set("mein mei min mi my meine mini minge ming")


def _own_label(low: list[str], kind: str) -> bool:
    """A label of that kind in the sentence right after "mein" ("mei Doppelname")."""
    return any(
        _LABELS.get(word) == kind and j > 0 and low[j - 1] in _MY for j, word in enumerate(low)
    )


# Before a label: "ihr Familienname", "sein Vorname" (a caller's own is "mein").
_HER_HIS = word_set("ihr sein seine ihre")


def _someone_elses_label(low: list[str], j: int) -> bool:
    """ "Tesfay ist der Vorname von meinem Vater", "der Nachname meiner Mutter": a part of
    another person's name, not a label of the caller's."""
    after = low[j + 1 : j + 3]
    if after[:1] in (["von"], ["vom"]):
        return len(after) == 2 and (after[1] in _POSSESSIVES or after[0] == "vom")
    return bool(after) and after[0] in _OTHERS_POSSESSIVES | word_set("meines meiner")


def _first_names_only(name: str, *, forward: bool) -> str:
    """A first-name label names first names only: "de Vorname is Reinhold un geboren …" ends
    at the word that is none ("Anna Lena", "Minh Chau" stay whole)."""
    words = name.split() if forward else name.split()[::-1]
    kept = words[:1]
    for word in words[1:]:
        facts = knowledge().facts(word)
        # "Minh Chau": a name on the lists and rare as a word, though it leans surname.
        if not (is_first_name(word) or (facts.first_name and facts.zipf < 3.0)):
            break
        kept.append(word)
    return " ".join(kept if forward else kept[::-1])


# The object of a booking clause: "einen Termin", "'nen Termin", "an Termin".
_APPOINTMENT_OBJECT = word_set("einen ein nen n an a ' ’ termin termine neuen")
_NEEDS = word_set("braucht bräuchte benötigt bräucht")


def _after_verb_and_comma(tokens: list[str], start: int) -> int:
    """Past the verb that ends a clause about a relative, to the name after its comma:
    "ich möchte meinen Mann anmelden, Dieter Brand", "meine Mutter vorbeibringen lassen, Frau
    Gerda Lenz". Where no such comma follows, `start` itself."""
    for k in range(start, min(start + 6, len(tokens))):
        token = tokens[k]
        if token == ",":
            return k + 1 if k > start else start
        if token.lower() in _APPOINTMENT_OBJECT or token.lower().endswith("termin"):
            continue  # "für meinen Mann 'nen Termin machen, Gerhard Janssen"
        if token.lower() in _NEEDS:
            continue  # "einer unserer Bewohner braucht einen Kontrolltermin, Herr Freitag"
        if token.lower() in _BETWEEN_OBJECT_AND_VERB:
            continue  # "ich wollt mei Dochter bei Ihne anmelde, die Lisa Sommer"
        if (
            token.isalpha()
            and token.islower()
            and token.endswith(("e", "en"))
            and k + 1 < len(tokens)
            and tokens[k + 1].lower() in ("der", "die", ",")
        ):
            # a dialect infinitive: "mein mann anmelde der dieter …", "anmelde, die Lisa"
            return k + 1
        if not (token.isalpha() and token.islower() and token.endswith(("en", "ern", "eln"))):
            return start  # only infinitives ("anmelden", "bringen lassen") end such a clause
    return start


_HAS = word_set("hat hätte hatte hätt hot")
_BETWEEN_OBJECT_AND_VERB = word_set("bei ihnen ihne euch eich uns mal gern gerne bitte noch auch")


def _has_own_appointment(words: list[str], i: int) -> bool:
    """ "Mein Mann Holger hat auch einen Termin": the relative has an appointment of their own
    ("braucht auch einen" would make them the patient); "…, der soll selber anrufen": the
    relative will book for themself."""
    after = [w.strip(",.!?;:") for w in words[i + 1 : i + 7]]
    if any(
        w in _HAS and "auch" in after[k + 1 : k + 3] and "termin" in after[k + 1 : k + 6]
        for k, w in enumerate(after)
    ):
        return True
    later = [w.strip(",.!?;:") for w in words[i + 1 : i + 20]]
    return any(
        w in _SELF_WORDS
        and later[k + 1 : k + 2]
        and later[k + 1] in _CALL_VERBS
        # "der traut sich ned selber anrufen": the caller calls because he does not
        and not _NEGATIONS.intersection(later[max(0, k - 3) : k])
        for k, w in enumerate(later)
    )


_SELF_WORDS = word_set("selber selbst sölber")
_NEGATIONS = word_set("nicht nich net ned nöd nit kein keine nie")
_CALL_VERBS = word_set("anrufen melden buchen ausmachen an")


# A relative who brings or drives the caller is no patient ("meine Tochter fährt mich").
_HELPING_VERBS = word_set("bringt fährt faehrt holt begleitet chauffiert")
# "Mein Mann, der Reto Oberholzer, könnte mich sonst auch holen": the same, said later.
# "wenn ich meinen Mann mitbringen darf, der fährt mich": a companion.
_HELPING_INFINITIVES = word_set("bringen fahren holen abholen begleiten mitbringen mitnehmen")
_ME = word_set("mich mi mir misch")


def _was_here(words: list[str], i: int) -> bool:
    """The relative at i was at the practice before ("war letztes Mal mit ihm da")."""
    after = [w.strip(",.!?") for w in words[i + 1 : i + 14]]
    if "war" not in after:
        return False
    rest = after[after.index("war") + 1 :]
    return bool({"da", "bei", "hier", "dort"} & set(rest))


_COLLEAGUES = word_set(
    "kollege kollegin chef chefin chefs geschäftsführer geschäftsführers geschäftsführerin "
    "inhaber inhabers inhaberin"
)
_THEY_NEED_RE = re.compile(
    r"^(?:[\w'’-]+ ){0,4}(?:der|die|er|sie) (?:braucht|bräuchte|bräucht|hätte|möchte|will|soll)\b"
)


def _needs_the_appointment(words: list[str], i: int) -> bool:
    """ "mein Chef Herr Tran, der braucht einen Termin": a colleague or boss named, then that
    they need the appointment, is whom it is for."""
    if words[i] not in _COLLEAGUES or i == 0 or words[i - 1] not in _POSSESSIVES:
        return False
    after = " ".join(w for w in (w.strip(",.!?;:") for w in words[i + 1 : i + 11]) if w)
    return _THEY_NEED_RE.search(after) is not None


@functools.lru_cache(maxsize=8192)
def client_noun_of(word: str) -> str:
    """A compound's client noun ("hochzeitsgast" -> "gast", "stammkundin" -> "kundin"), or
    the word itself."""
    if word in _CLIENT_NOUNS:
        return word
    for noun in _CLIENT_NOUNS_LONGEST_FIRST:
        if word.endswith(noun) and len(word) - len(noun) >= 3:
            return noun
    return word


def _relation_at(words: list[str], i: int) -> str | None:
    """Whose name follows the relation word at i: "patient", "other", or "caller" when the
    caller describes themself ("ich bin die Tochter, Petra Esser", "mit seiner Tochter …")."""
    word = client_noun_of(words[i].strip(",.!?;:"))
    if (
        word in _NEIGHBOURS
        and i >= 2
        and words[i - 1] in _POSSESSIVES
        and (words[i - 2] in _ABOUT_WORDS or words[i - 2] == "auftrag")
    ):
        # "ich rufe für meine Nachbarin an", "im Auftrag unseres Geschäftsführers": for them
        return "patient"
    if word in MENTION_MARKERS:
        return "patient" if _needs_the_appointment(words, i) else "other"
    if (word not in RELATIONS and word not in _CLIENT_NOUNS) or i == 0:
        return None
    before = words[i - 1].strip(",")
    if (
        word in _CLIENT_NOUNS
        and i >= 2
        and before.endswith(("en", "em", "er", "es", "e"))
        and before not in _POSSESSIVES
        and words[i - 2] in _SOME_OR_OURS
    ):
        before = words[i - 2]  # "einen neuen Mitarbeiter, den Herrn Ilić": an adjective between
    if word in _CLIENT_NOUNS and (
        # "ich bin eine Kundin von Ihnen", "Mit einer Stammkundin" (to "Mit wem spreche
        # ich?"): the caller describes themself
        not {"bin", "ich", "i", "ick"} & set(words[max(0, i - 3) : i - 1])
        and not (i <= 2 and words[0] == "mit")
        and (
            before in _SOME_OR_OURS
            or before in _OF_THE
            or (before in _ARTICLES and i >= 2 and words[i - 2] in ("für", "fürs"))
            # "eine Probe von gestern, Patientin Ingrid Womelsdorf": the noun as a label
            or words[i - 1].endswith(",")
        )
    ):
        # "eine Klientin, Frau Kusnezowa", "einer unserer Fahrer, Herr Benali", "auf den Namen
        # vom Gast, Frau Holmberg", "Termine für die Braut"
        return "patient"
    if word not in RELATIONS:
        return None
    if word == "frau" and before in _ARTICLES:
        return None  # "die Frau Rosmarie Gerber" is a salutation, not a relation
    # "mit seiner Tochter", "ich bin seine Tochter" (not "seine Mama, die Jelena"), "ich bin die …"
    # ("ich bin übrigens der Mann": an adverb between them changes nothing).
    k = i - 2
    while k > 0 and words[k] in _SELF_ADVERBS:
        k -= 1
    lead = words[max(0, k)]
    # "Obermüller hier, die Mutter vom Simon": an article after an introduction, too; and "das
    # ist der Enkel, Tobias Reichelt", the answer to "mit wem spreche ich?".
    this_is = lead in ("ist", "is", "isch") and k >= 1 and words[k - 1] in _THIS_IS
    if lead == "," and k >= 1 and words[k - 1].strip(",") in MENTION_MARKERS:
        return "other"  # "meine Kollegin, die Schwester Anke": an apposition to a colleague
    # "mit der Enkelin, Lisa Wendt" opening the answer to "Mit wem spreche ich?"
    with_the = lead == "mit" and k == 0
    if (
        (before in _SELF_POSSESSIVES and lead in ("mit", "bin", "als"))
        or (
            before in _ARTICLES and (lead in ("bin", "hier", ",", "spricht") or this_is or with_the)
        )
        # in dialect: "ich bin dä Enkel vom Hubert", "i bin da Bua vo da Resi"
        or (before in _SPOKEN_ARTICLES and lead == "bin")
    ):
        return "caller"
    if before in _OTHERS_POSSESSIVES and word != "frau":
        return "other"  # "rufen Sie ihren Sohn an, Herrn Mahnke": someone else's relative
    if before in ("fürs", "für's"):
        return "patient"  # "an termin fürs enkerl", "fürs Kind": "für das", the one booked for
    if before not in _POSSESSIVES:
        return None
    if word == "frau" and words[i - 1] not in _MY_WIFE:
        return None  # "Frau Jansen" is a salutation, "meine Frau" a relative
    if _has_own_appointment(words, i):
        return "other"  # "mein Mann Holger hat auch einen Termin": his own, not this call's
    if i + 1 < len(words) and words[i + 1].strip(",.") in _HELPING_VERBS:
        return "other"  # "mei Tochter bringt mi": the relative helps, the caller is seen
    after = {w.strip(",.!?") for w in words[i + 1 : i + 12]}
    if after & _ME and after & _HELPING_INFINITIVES:
        return "other"
    if _was_here(words, i) and not (i >= 2 and words[i - 2] in _ABOUT_WORDS):
        # "Mein Mann, der Bernd Deeken, war letzte Woche auch bei Ihnen"; not "ich ruf für
        # meinen Vater an, Horst Wetzel, der war schon mal bei Ihnen": the call is for him
        return "other"
    if i >= 3 and words[i - 3] in ("mich", "mi") and words[i - 2] in ("und", "un"):
        return "other"  # "für mich und meinen Mann Andrij": the caller's own appointment
    # A relative named beside a booking is whom the call is about; without one, maybe.
    if _BOOKING_RE.search(" ".join(words)) or (i >= 2 and words[i - 2] in _ABOUT_WORDS):
        return "patient"
    return "patient?"


# After "Schulz hier" a new clause starts; unpunctuated speech runs straight on ("ick wollt").
_CLAUSE_OPENERS = word_set(
    "und ich ick i wir mein meine wegen ich's bräuchte hätte hätt wollte wollt möchte rufe ruf "
    "ruf habe hab hatte bin"
)


_HAVE = word_set("haben hawwe hamma ham hab habe händ hend hei hätten")
_HESITATIONS = word_set("äh ähm öhm hm hmm eh")


def _ends_clause(token: str) -> bool:
    return token in (",", ".", "!", "?", ";", ":") or token.lower() in _CLAUSE_OPENERS


def _is_cap(token: str) -> bool:
    if not token[:1].isupper():
        # "al-Khatib", "el-Amrani", "ben-Ami": a particle joined to a capitalised name
        lead, _, rest = token.partition("-")
        return rest[:1].isupper() and lead.lower() in NAME_PARTICLES and _is_cap(rest)
    return bool(_NAME_TOKEN_RE.match(token))


# Dialect articles after "vo" ("von"): "vo da Zimmerei", "vo dr Schreinerei", "vom" spelled out.
_DIALECT_THE = word_set("da dr de der d dem em am")


def _first_name_after(tokens: list[str], i: int) -> bool:
    """A first name that the curated lists hold follows tokens[i]."""
    return i + 1 < len(tokens) and is_common_first_name(tokens[i + 1])


def _run_forward(tokens: list[str], start: int) -> tuple[str, int]:
    """Capitalised name tokens from `start` (particles only inside), and where the run ended."""
    i = start
    while i < len(tokens) and tokens[i].lower() in _RUN_LEAD:
        i += 1
    out: list[str] = []
    while i < len(tokens) and len(out) < 6:
        tok = tokens[i]
        low = tok.lower()
        salutation = (
            not out and low in SALUTATIONS and i + 1 < len(tokens) and _is_cap(tokens[i + 1])
        )
        after_particle = bool(out) and out[-1].lower() in NAME_PARTICLES  # "von Rotz"
        if (
            out
            and _is_cap(tok)
            and not after_particle
            and low.rstrip(".") not in TITLES  # "Herrn Baumeister Ingenieur Leopold Gruber"
            and knowledge().facts(tok).noun_not_name
            and not _salutation_and_first_name(out)
        ):
            break  # "Tobias Rehkämper, Durchwahl …": a noun ends the name
        if out and low in _PRONOUNS:
            break  # "hier ist Giulia Ich hätte …": unpunctuated speech runs on
        if len(out) >= 2 and low in _MY:
            break  # "ich bi de arbnor hoxha min audi macht …": whose car, not a name
        if _from_after_full_name([*out, *tokens[i:]], len(out)):
            break  # "Dominik Roth von der Spitex": after a full name, "von" says where from
        if out and low in ("von", "vom") and _place_noun_after(tokens, i):
            break  # "die Marlies von der Rezeption": where from, not a surname
        if out and low in ("von", "vom") and _from_a_firm(tokens, i, contiguous=True):
            break  # "hier is samir von haddad bau wir ham …": the firm he is from
        if out and low == "vo" and i + 1 < len(tokens) and tokens[i + 1].lower() in _DIALECT_THE:
            break  # Bavarian "da Sepp vo da Zimmerei": "von der", where from
        if len(out) >= 2 and low == "vo" and _place_after(tokens, i):
            break  # Swiss "anton zurbriggen vo naters": from where
        if out and not after_particle and low in ("der", "die") and _first_name_after(tokens, i):
            break  # "hier is der wadim der matthias kennt mich": another person, named
        if (
            _is_cap(tok)
            or salutation
            or low.rstrip(".") in TITLES
            or (out and _particle_then_name(tokens, i))
        ) and not (out and i + 1 < len(tokens) and is_split_word(tok, tokens[i + 1])):
            out.append(tok)
            i += 1
        else:
            break
    if i < len(tokens) and tokens[i].lower().strip(".,") in LEGAL_FORMS:
        return "", i  # "hier is matschke bau gmbh": the firm's name, however it is written
    return " ".join(out), i


def _salutation_and_first_name(out: list[str]) -> bool:
    """ "Herrn Friedhelm Stute": after a salutation and a first name the next word is the
    surname, though it is a noun too."""
    return len(out) == 2 and out[0].lower() in SALUTATIONS and is_first_name(out[1])


def _local_first_name(facts: WordFacts) -> bool:
    """A first name people here bear: Wiktionary lists it, or it ranks in DACH's first 5,000."""
    dach = facts.first_rank_dach is not None and facts.first_rank_dach <= 5_000
    return (facts.listed_first or dach) and not facts.word_dominant


def _name_like(facts: WordFacts) -> bool:
    """On a name list and not mainly a word, or on no list and no ordinary word (rare names)."""
    return (facts.known_name and not facts.word_dominant) or not (
        facts.known_name or facts.ordinary_word
    )


def _full_form(tokens: list[str], end: int, name: str) -> str:
    """The fuller form when the surname is said again with the first name right after it:
    "der Schulte, Bernd Schulte", "Dreier, Sandra Dreier"."""
    i = end
    while i < len(tokens) and tokens[i].lower() in (",", "äh", "ähm", "also", "an"):
        i += 1
    full, _ = _run_forward(tokens, i)
    # "Frau Mahnke, Elfriede Mahnke": the salutation is no word of the name.
    words = full.split()
    said = [
        w for w in name.split() if w.lower() not in SALUTATIONS and w.lower() not in TITLES
    ] or name.split()  # "Herrn Hofrat Rhomberg, Engelbert Rhomberg": no word of the name
    if len(words) > len(said) and (
        words[-1].casefold() == said[-1].casefold() or words[0].casefold() == said[0].casefold()
    ):
        return (
            full  # the surname again ("Dreier, Sandra Dreier") or the first ("Ella, Ella Hoffmann")
        )
    return name


# Articles and determiners of a noun phrase ("dem abgebrochenen Nagel", "einem neuen Termin");
# "der", "die" and "das" also stand before people ("die Jana"), so they are left out.
_NOUN_DETERMINERS = word_set("dem den des einem einen einer eines meinem meinen meiner")
# Inflected adjective endings between a determiner and its noun.
_ADJECTIVE_END_RE = re.compile(r"[^\W\d_]{3,}(?:en|em|er|es|e)$")


def _after_determiner(tokens: list[str], i: int) -> bool:
    """True when the word at i ends a noun phrase: a determiner, then at most two lower-case
    adjectives ("mit dem abgebrochenen Nagel")."""
    k = i - 1
    while k >= 0 and i - k <= 2 and tokens[k].islower() and _ADJECTIVE_END_RE.match(tokens[k]):
        if tokens[k] in _NOUN_DETERMINERS:
            return True
        k -= 1
    return k >= 0 and tokens[k].lower() in _NOUN_DETERMINERS


def _particle_then_name(tokens: list[str], i: int) -> bool:
    """True at "von der Heide": particles followed by a capitalised name token."""
    if i < len(tokens) and tokens[i].lower() in FARM_PARTICLES:
        return farm_after(tokens, i)
    while i < len(tokens) and tokens[i].lower() in NAME_PARTICLES:
        i += 1
    return (
        i < len(tokens)
        and _is_cap(tokens[i])
        and tokens[i].lower() not in INSTITUTIONS
        and tokens[i].lower() not in RELATIONS  # "de Frank, der Papa vom Luis"
    )


_NAME_LABELS = word_set("name vorname nachname familienname")


def _after_article(tokens: list[str], end: int) -> str:
    """The one capitalised word before `end` after a (dialect) article: "dä Jens is …"."""
    if end >= 2 and _is_cap(tokens[end - 1]) and tokens[end - 2].lower() in _SPOKEN_ARTICLES:
        return tokens[end - 1]
    return ""


_SPOKEN_ARTICLES = word_set("der die de dä d da")
# Relation words that are names too, a relation only after "ist mein": Kölsch "minge Broder"
# (brother), a Frisian first name ("Broder Jensen").
_MY_ONLY_RELATIONS = word_set("broder")


def _firm_word_at(tokens: list[str], i: int) -> bool:
    """A capitalised common noun no name list holds right after a name: "Hagemann Logistik",
    "Brandl Haustechnik" are firms."""
    return i < len(tokens) and _is_cap(tokens[i]) and knowledge().facts(tokens[i]).noun_not_name


def _is_my_relative(low: list[str], j: int) -> bool:
    """ "X ist meine Tochter" ends at j: a name, "ist", a possessive of the caller's, j."""
    return j >= 3 and low[j - 1] in _MY and low[j - 2] in _IS


# "is" in "Lena ist meine Tochter", "dä Jens is minge Broder".
_IS = word_set("ist is isch")
# A verb in the third person right after a name makes it the subject of a statement.
_THIRD_PERSON_VERBS = _IS | word_set("hat het war wird kann muss arbeitet kommt")


def _said_of_someone(tokens: list[str], end: int) -> bool:
    i = end
    while i < len(tokens) and tokens[i] == ",":
        i += 1
    return i < len(tokens) and tokens[i].lower() in _THIRD_PERSON_VERBS


_THERE = (("do",), ("da",), ("is", "hier"), ("ist", "hier"))


def _ends_at(tokens: list[str], k: int) -> bool:
    """The sentence or clause ends at token k ("Thaler Verena do. I tat gern …")."""
    return k >= len(tokens) or tokens[k] in (",", ".", "!", ";", ":")


def _opens_sentence(tokens: list[str], start: int) -> bool:
    """Tokens from `start` open the sentence, or follow a comma or a greeting."""
    return start <= 0 or tokens[start - 1] == "," or tokens[start - 1].lower() in _GREETING_WORDS


# Particles that are never an article or a preposition of German speech ("van Oosten hier"),
# unlike "de", "da", "zu" ("de Müller hier" is "der Müller").
_PARTICLES_NEVER_ARTICLES = frozenset(
    {"van", "von", "ten", "ter", "della", "dalla", "dos", "lo", "al", "el", "del"}
)


def _particle_leads(reversed_run: list[str]) -> bool:
    """Whether the run's first word opens a surname: a particle never said as an article,
    before no first name ("van Oosten hier", but Vietnamese "van Minh ist Vorname")."""
    following = reversed_run[-2] if len(reversed_run) > 1 else ""
    return reversed_run[-1].lower() in _PARTICLES_NEVER_ARTICLES and not is_first_name(following)


_ONCE_CALLED = word_set("geheißen geheissen")
_FROM_A_PLACE = word_set("aus vom")


def _once_called(tokens: list[str], end: int) -> str:
    """ "damals hab ich noch Husić geheißen": the name before the participle, after "ich" or
    a word of time."""
    i = end - 1
    while i >= 0 and _is_cap(tokens[i]) and end - i <= 3:
        i -= 1
    if i == end - 1 or i < 0 or tokens[i].lower() not in _FORMER_LEAD | {"ich", "i"}:
        return ""
    return " ".join(tokens[i + 1 : end])


_ARTICLES_OF_PLACE = word_set("den dem der")
# "aus der Probenannahme", "aus de Neckarstadt": where from, in the dialects too
_WHERE_FROM_ARTICLES = _ARTICLES | word_set("de dr d da dem den")


def _at_a_place(tokens: list[str], i: int) -> bool:
    """ "an den Bildschirmarbeitsplätzen": an article, then a word no name list knows."""
    return (
        i + 1 < len(tokens)
        and tokens[i].lower() in _ARTICLES_OF_PLACE
        and not knowledge().facts(tokens[i + 1]).known_name
    )


_ASK_FOR = word_set("nach")
# "Wer ist am Apparat?" - "Na icke, die Kübra!": what may stand before that "ich"
_BEFORE_ICKE = word_set("na ja jo nu nee also ach hier da")
_CONFIRM_WORDS = word_set("ja genau jo jawohl richtig korrekt exakt mit also")
_SHORT_REPLY = 40  # characters: a reply of letters alone is short
# Bavarian and Swabian "mein'" for "meinen": "es geht um mein' Vater"
_ELIDED_POSSESSIVE_RE = re.compile(r"\b([MmDdSs])ein['’](?=\s)")
# After "heißt": how someone is called, never a name ("die heißt anders", "heißt genauso")
_HOW_CALLED = word_set("anders genauso ebenso")
_ECHO_ARTICLES = word_set("den die der")
# Words right after a name that take it back: "gabriele eckert nee quatsch …"
_TAKEN_BACK = word_set("quatsch falsch")


def _asked_for(tokens: list[str], at: int) -> str:
    """ "fragen Sie nach Efua, das bin ich": the one word asked for at `at`, else ""."""
    if tokens[at - 1].lower() in _ASK_FOR and _is_cap(tokens[at]):
        return tokens[at]
    return ""


def _run_backward(tokens: list[str], end: int) -> str:
    """Capitalised tokens ending before `end`; only when they open the clause ("…, Wolf hier")."""
    i = end - 1
    out: list[str] = []
    while (
        i >= 0
        and len(out) < 5
        and (_is_cap(tokens[i]) or tokens[i].lower() in NAME_PARTICLES)
        and tokens[i].lower() not in _SKIP  # "Grüß Gott Nägele am Apparat"
        and tokens[i].lower() not in _NAME_LABELS  # "… ist Familienname, Hoa ist Vorname"
    ):
        out.append(tokens[i])
        i -= 1
    while out and out[-1].lower() in NAME_PARTICLES and not _particle_leads(out):
        out.pop()
        i += 1
    if all(w.lower() in NAME_PARTICLES for w in out):
        return ""
    before = tokens[i].lower() if i >= 0 else ","
    if before != "," and before not in _SKIP and before not in _NAME_LABELS:
        return ""  # "die Unterlagen hier": a noun phrase, not a self-introduction
    return " ".join(reversed(out))


# A spelled letter, alone or hyphenated into a word: "p", "P-E-T-R-O-V-I-C".
_SPELLED_TOKEN_RE = re.compile(r"^[^\W\d_](?:-[^\W\d_])*$")
_DIALECT_ARTICLES = frozenset({"de", "d", "da"})
# Words after which a name has ended ("Simone Engel aus Ludwigshafen", "Resi vom Hof").
_NEVER_IN_NAMES = word_set(
    "aus vom beim bei wegen für fürs im am in aus'm "
    # "elfriede feuerstein gebora neunzehnhundertvierzig": born, in the dialects
    "geboren gebora gebore geborn geboa"
)


# A word contracted with an article ("mit'm", "auf'n", "in'd", "hinter'm"); an apostrophe after
# a single letter ("O'Brien", "D'Angelo") belongs to a name.
_CLITIC_RE = re.compile(r"^[^\W\d_]{2,}['’](?:m|n|s|r|d|em|en|er|s)$", re.IGNORECASE)


def _place_after(tokens: list[str], i: int) -> bool:
    """A word after "vo" that is no first name: a place ("vo Naters", "vo naters")."""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return after.isalpha() and not is_first_name(after)


def _article_then_salutation(toks: list[str]) -> bool:
    """ "Die Frau Schimmel": an article before the salutation and a name."""
    return len(toks) > 2 and toks[0].lower() in _ARTICLES and toks[1].lower() in SALUTATIONS


def _place_noun_after(tokens: list[str], i: int) -> bool:
    """ "von der Rezeption", "vom Empfang": "vom", or "von" and an article, then a common noun
    that no name list knows as a surname (but "von Rotz" is a name)."""
    k = i + 1
    if tokens[i].lower() in ("von", "vo"):
        if k < len(tokens) and tokens[k].lower() == "beruf":
            return True  # "Gärtner von Beruf": the idiom, not a surname
        # "von der", and dialect "von da", "vo dr", "vo de": the article of a place or a desk
        if k >= len(tokens) or tokens[k].lower() not in ("der", "dem", "den", "da", "dr", "de"):
            return False
        k += 1
    # "von der Hausarztpraxis": a firm's word, also a compound no list holds
    return k < len(tokens) and (
        knowledge().facts(tokens[k]).noun_not_name or names_organisation(tokens[k])
    )


def _from_after_full_name(tokens: list[str], i: int) -> bool:
    """tokens[i] is "von"/"vom" after a first name and a surname, and what follows is no
    surname: it says where from ("Beat Brunner von der Suva", but "João Pedro da Silva")."""
    if tokens[i].lower() not in NAME_PARTICLES:
        return False
    named = [
        t
        for k, t in enumerate(tokens[:i])
        if t.lower() not in NAME_PARTICLES
        and t.lower() not in SALUTATIONS
        and _is_cap(t)
        # "Herrn Dr. Wendelin von Hövel": a title before a first name is no name word, but
        # "Magister Huemer von der Apotheke" names the caller in full
        and not (t.lower().rstrip(".") in TITLES and k + 1 < i and is_first_name(tokens[k + 1]))
    ]
    if len(named) < 2:
        return False
    after = next((t for t in tokens[i + 1 :] if t.lower() not in NAME_PARTICLES), None)
    if after is None or not _is_cap(after):
        return True
    if tokens[i].lower() in FARM_PARTICLES:
        return not farm_name_at(tokens, i)  # "Anna Schulz zu Hause" says where
    # "monika sedlmair de bettina kennt mi", "mammen de hett 'n rezept": a dialect article
    # before a first name or a word the world's surname lists do not rank
    facts = knowledge().facts(after)
    world = facts.listed_last or (facts.last_rank_world or _UNRANKED) <= _WORLD_SURNAME_RANK
    return not (facts.surname and world) or is_first_name(after)


_UNRANKED = 1_000_000
_WORLD_SURNAME_RANK = 5_000


def _from_a_firm(tokens: list[str], i: int, *, contiguous: bool = False) -> bool:
    """ "Timo von Kessler Bau": "von", then a name and a noun that is mainly a word: a firm
    ("von der Heide" is a name: one word after the article). `contiguous`: only the
    capitalised words right after "von" count, where speech runs on unpunctuated."""
    if tokens[i].lower() not in ("von", "vom"):
        return False
    if contiguous:
        # "von Haddad Bau", "von Gerüstbau Krämer": a trade word with the owner's name
        after = list(itertools.takewhile(_is_cap, tokens[i + 1 :]))
        return len(after) >= 2 and any(_trade_word(t) for t in after)
    after = [t for t in tokens[i + 1 :] if _is_cap(t)]
    if len(after) < 2:
        return False
    last = knowledge().facts(after[-1])
    return last.noun_as_word


def _trade_word(word: str) -> bool:
    """A noun that is mainly a word, or a compound noun: "Bau", "Gerüstbau", "Logistik"."""
    facts = knowledge().facts(word)
    return facts.noun_as_word or (not facts.known_name and is_compound_noun(word))


def _bare(clause: list[str]) -> str | None:
    """The clause when it is nothing but a name ("Ja, Petra Ernst"), else None."""
    if _polite_verb(clause):
        return None  # "Hearn S' mi?", "Warten S' kurz": a verb and the polite "Sie"
    toks = [t for t in clause if t not in ".!?;:…\"'()"]
    if len(toks) > 2 and toks[0].lower() in _WRITE_VERBS and toks[1].lower() in ("sie", "se"):
        toks = toks[2:]  # "Schreiben Sie einfach Malte": how to write it down, then the name
    while toks and (toks[0].lower() in _ANSWER_LEAD or _CLITIC_RE.match(toks[0])):
        toks = toks[1:]  # "Mit'm Stadlmayr Ferdinand": "mit dem" contracted, no name
    while toks and toks[-1].lower() in _SKIP and toks[-1].lower() != "hier":
        toks = toks[:-1]  # "Ulrike Grebe natürlich" ("Schön hier" is an introduction)
    if len(toks) > 1 and toks[0].lower() in ("mit", "met") and _is_cap(toks[1]):
        # "Mit Henrik.": the answer to "Mit wem spreche ich?"; Dutch "Met Wim de Jong"
        toks = toks[1:]
    if "mit" in toks:
        toks = toks[: toks.index("mit")]  # "Mayer mit a y": a spelling hint follows
    cut = next((i for i, t in enumerate(toks) if i > 0 and t.lower() in _NEVER_IN_NAMES), None)
    if cut is not None:
        toks = toks[:cut]  # "Simone Engel aus Ludwigshafen"
    cut = next(
        (
            i
            for i in range(2, len(toks))
            if _from_after_full_name(toks, i) or (toks[i].lower() == "vo" and _place_after(toks, i))
        ),
        None,
    )
    if cut is None:
        cut = next(
            (
                i
                for i in range(1, len(toks))
                if _from_a_firm(toks, i)
                # "Verena, von der Rezeption": a first name, then where from
                or (toks[i].lower() in ("von", "vom", "vo") and _place_noun_after(toks, i))
            ),
            None,
        )
    if cut is not None:
        toks = toks[:cut]  # "Beat Brunner von der Suva", "vo Naters": where from, no particle
    spelled_from = next((i for i, t in enumerate(toks) if _SPELLED_TOKEN_RE.match(t)), None)
    if spelled_from is not None:
        toks = toks[:spelled_from]  # "gudrun pietsch p i e t s c h": the letters follow
    if len(toks) > 1 and toks[0].lower() in _DIALECT_ARTICLES and is_first_name(toks[1]):
        toks = toks[1:]  # "de Reinhard Möller", "Da Resi": the dialect article, not a particle
    if not toks or len(toks) > 6 or toks[0] in _ARTICLES:
        return None  # "das Medikament" is a noun phrase
    if cut is not None and _article_then_salutation(toks):
        return None  # "Die Frau Schimmel von der Station hat gesagt": someone spoken of
    if toks[0].lower() in ("von", "vom") and _place_noun_after(toks, 0):
        return None  # "Verena, von der Rezeption": where from, said as a clause of its own
    has_name = False
    for tok in toks:
        low = tok.lower()
        if low in SALUTATIONS or low.rstrip(".") in TITLES or low in NAME_PARTICLES:
            continue
        if not _is_cap(tok):
            return None
        has_name = True
    return " ".join(toks) if has_name else None


def _polite_verb(tokens: list[str]) -> bool:
    """The clause holds Austrian and Bavarian "S'" for "Sie" ("Hearn S' mi?")."""
    return any(t in ("S", "s") and nxt in ("'", "’") for t, nxt in itertools.pairwise(tokens))


def _from_organisation(clause: list[str]) -> bool:
    """ "Magister Huemer von der Hirschen-Apotheke", "Kessler vom Pflegedienst": a name, then
    the organisation the speaker calls from. Said so, it introduces the speaker (a salutation
    first, "Herr Maier vom Pflegeheim", may as well speak of someone else)."""
    words = [t.lower() for t in clause]
    if not words or words[0] in SALUTATIONS:
        return False
    at = next((i for i, w in enumerate(words) if i > 0 and w in ("von", "vom")), None)
    return at is not None and any(names_organisation(t) for t in clause[at + 1 : at + 4])


def _is_filler_clause(clause: list[str]) -> bool:
    words = [t.lower() for t in clause if t not in ".!?;:…"]
    return all(w in _SKIP for w in words)


def _clauses(sentence: str) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for tok in _TOKEN_RE.findall(sentence):
        if tok == ",":
            out.append([])
        else:
            out[-1].append(tok)
    return [c for c in out if c]


# The Alemannic article before a name: "d'Rahel Bühler", "d'Vroni"; but after a first name,
# "Matteo D'Agostino", it is part of an Italian surname.
_ELIDED_ARTICLE_RE = re.compile(r"(?:([^\W\d_]+)(\s+))?\b([dD])['’](?=[A-ZÄÖÜ])")


def _elided_article(match: re.Match[str]) -> str:
    before, space, letter = match.group(1), match.group(2), match.group(3)
    if letter == "D" and match.string[match.end() : match.end() + 1] in "AEIOU":
        return match.group(0)  # "D'Angelo", "D'Urso": an Italian surname, elided before a vowel
    if before is None:
        return ""
    if letter == "D" and is_first_name(before):
        return match.group(0)
    return before + space


_ELIDED_AFTER_BE_RE = re.compile(r"\b(isch|is|ist|bi|bin)\s+[dD]['’](?=[A-ZÄÖÜ])")


def split_turn(text: str) -> list[list[list[str]]]:
    """Sentences of clauses of tokens; titles lose their dot so "Dr. Kessler" stays together."""
    if "." in text:
        text = _SAINT_DOT_RE.sub(r"\1", _TITLE_DOT_RE.sub(r"\1", text))
    if "'" in text or "’" in text:
        # "do isch d'Bühler": after "is(ch)"/"bi(n)" the article makes an introduction.
        text = _ELIDED_AFTER_BE_RE.sub(r"\1 d ", text)
        text = _ELIDED_ARTICLE_RE.sub(_elided_article, text)
    return [_clauses(s) for s in _SENTENCE_RE.split(text) if s.strip()]


def _sentence_tokens(clauses: list[list[str]]) -> list[str]:
    out: list[str] = []
    for clause in clauses:
        if out:
            out.append(",")
        out.extend(clause)
    return out


class _TurnScan:
    """Collects the mentions of one caller turn."""

    def __init__(self, turn: int, ctx: Context) -> None:
        self.turn = turn
        self.ctx = ctx
        self.found: list[Mention] = []
        self.claimed: set[str] = set()
        self.sentence: list[str] = []
        self.answer_role = "caller"
        self.ask = ASK_NONE  # what the agent's turn before asked
        # Words an introduction named that the validator refused as ordinary words alone
        # ("Sonntag, so heiß ich."): a full name with one of them later in the turn is that
        # introduction said in full.
        self.refused_intro: set[str] = set()
        self.named_outright: list[str] = []
        self.spelled: list[str] = []  # the names spelled letter by letter in this turn

    def add(self, raw: str, role: str, kind: str, *, addressed: bool = False) -> bool:
        # A caller spells a name, not a curse: spelled out, a word on the surname lists
        # ("H wie Hamburg, A wie Aachen, …": "Hamburger") is one, as when the agent uses it.
        # a word spelled, or labelled ("Mai ist Vorname"), is said as a name
        verdict = self._validated(raw, addressed or kind in ("spelled", _FIRST, _LAST))
        if (
            verdict.reason in ("common_word", "greeting")
            and role == "caller"
            and self._saluted_by_agent(raw)
        ):
            # "Bohrer, Reinhard Bohrer" … "Guten Tag, Herr Bohrer": the agent vouches for it
            verdict = self._validated(raw, addressed=True)
        if not verdict.ok or verdict.name is None:
            if kind == _INTRO and verdict.reason == "time_or_date" and " " not in raw.strip():
                self.refused_intro.add(raw.strip().casefold())
            return False
        key = verdict.name.casefold()
        if kind in ("answer", "bare") and key in self.claimed:
            return True
        self.claimed.add(key)
        self.found.append(Mention(verdict, role, kind, self.turn))
        return True

    def _validated(self, raw: str, addressed: bool) -> NameVerdict:
        return validate_name(
            _without_split_start(raw),
            agent_names=self.ctx.agent_names,
            staff_names=self.ctx.staff_names,
            addressed=addressed,
        )

    def _saluted_by_agent(self, raw: str) -> bool:
        """A surname the agent says after "Herr"/"Frau", alone or after a common first name
        ("Reinhard Bohrer"; not "Nord Stucki", "Holzbau Aschenbrenner")."""
        words = raw.replace(",", " ").split()
        if not words or fold(words[-1]) not in self.ctx.saluted:
            return False
        return all(w == words[-1] or is_common_first_name(w) for w in words)

    def patterns(self, tokens: list[str]) -> None:
        tokens = _article_split(tokens)
        self.sentence = tokens
        low = [t.lower() for t in tokens]
        for said, kind in _labelled_parts(tokens):
            # "Vorname A-R-B, dann E mit zwei Punkten …": the label names the whole spelling
            name = self._spelled_on(said) or said
            if self.answer_role != "caller" and _own_label(low, kind):
                # "Schramm Hofmann is mei Doppelname", though the question was about the
                # husband: "mei" makes it the caller's
                self.add(name, "caller", kind)
            else:
                self._add_pattern(name, kind)
        n = len(low)
        for j, word in enumerate(low):
            if word == "name" and j > 0 and low[j - 1] in _THIRD_PERSON_POSSESSIVES:
                # "für meine Oma, also ihr Name is Xezal Doski": her name, not the caller's
                name, end = _run_forward(tokens, j + 2)
                if name and j + 1 < n and low[j + 1] in _LABEL_VERBS:
                    self._add_pattern(self._fuller(tokens, end, name), _HEISST)
                continue
            for phrase, kind in _FORWARD_BY_FIRST.get(word, ()):
                if tuple(low[j : j + len(phrase)]) == phrase:
                    if phrase[1:2] == (",",) and j > 0 and low[j - 1] not in _BEFORE_ICKE:
                        break  # "glaub ich, die Windpocken": a verb before "ich", no answer
                    start = j + len(phrase)
                    while kind == _FORMER_AFTER and start < n and low[start] in _FORMER_LEAD:
                        start += 1
                    if phrase[-1] in _ITS_ME:
                        # "ich bin's, die Sabine", "ick bins nochma, der Paschke Dennis"
                        while start < n and low[start] in _AFTER_ITS_ME:
                            start += 1
                    name, end = _run_forward(tokens, start)
                    lead = low[j + len(phrase)] if j + len(phrase) < n else ""
                    if phrase[-1] == "d":
                        lead = "d"  # "da isch d'OSKK": the article was in the phrase
                    if name.lower() in CARE_TITLES:
                        pass  # "ich bin der Pfleger, Murat": a role, the name follows
                    elif kind in (_HEISST, _INTRO) and lead in _HOW_CALLED:
                        pass  # "die heißt anders, also nicht Schellenberg": how, not what
                    elif kind == _INTRO and _future_name(low, j):
                        pass  # "Ab dann heiß ich aber Rößler": the name after the wedding
                    elif (
                        name
                        and kind in (_INTRO, _WEAK)
                        and (_institution(lead, name) or _firm_word_at(tokens, end))
                    ):
                        # "hier ist die Spitex Bern Nord, Frau Aebi", "hier ist Hagemann
                        # Logistik aus Wismar": a firm, and who speaks comes after.
                        self._person_after_institution(tokens, end)
                    elif name:
                        self._add_pattern(
                            self._fuller(tokens, end, name), kind, naming=_names_itself(phrase)
                        )
                    break
            for phrase, kind in _BACKWARD_BY_FIRST.get(word, ()):
                k = j + len(phrase)
                if tuple(low[j:k]) != phrase:
                    continue
                # "Sonntag, so heiß ich": a comma may stand before "so".
                comma = phrase[0] in ("so", "das") and j > 0 and tokens[j - 1] == ","
                name = _run_backward(tokens, j - 1 if comma else j)
                if not name and comma and phrase[0] == "das" and j >= 3:
                    name = _asked_for(tokens, j - 2)
                if not name and kind == _FORMER and phrase[0] in _ONCE_CALLED:
                    name = _once_called(tokens, j)
                while phrase == ("hier",) and k < n and low[k] in _HESITATIONS:
                    k += 1  # "pohlmann hier äh ich ruf an …"
                if phrase == ("hier",) and j > 0 and low[j - 1] in _HAVE:
                    break  # "mir hawwe hier die frau rühl": whom they have there, not who calls
                if (
                    phrase == ("hier",)
                    and k < n
                    and not _ends_clause(tokens[k])
                    and low[k] not in _FROM_A_PLACE  # "Greubel hier aus Gochsheim"
                ):
                    # "hier ist ..." is forward; "Schulz hier, ..." is backward, and so is
                    # "Montag hier Helmut Montag": the full name repeats the surname.
                    full = self._fuller(tokens, k, name) if name else _run_forward(tokens, k)[0]
                    if full == name or (not name and len(full.split()) < 2):
                        continue  # "hier Helmut Montag" (no "ist") introduces; "hier Montag" not
                    name = full
                if phrase == ("spricht",) and not _opens_sentence(tokens, j - len(name.split())):
                    break  # "weil er nicht so gut Deutsch spricht": no introduction
                if kind == _INTRO and _denied_after(low, k):
                    break  # "Maria heiß ich doch net": the name the agent used, denied
                if phrase in _THERE and not (
                    name
                    and _opens_sentence(tokens, j - len(name.split()))
                    and _ends_at(tokens, k)
                    and not self._staff(name.split())
                ):
                    # "Ist Frau Huber da?", "der Termin da", Swiss "Brunner do?" (is the staff
                    # member there?): no introduction
                    break
                if name:
                    self._add_pattern(
                        self._fuller(tokens, k, name), kind, naming=_names_itself(phrase)
                    )
                break
            if (word in RELATIONS or word in _MY_ONLY_RELATIONS) and _is_my_relative(low, j):
                # "Lena ist meine Tochter": the name before says who the relative is.
                name = _run_backward(tokens, j - 2) or _after_article(tokens, j - 2)
                booked = self.ctx.booking_for_other or _BOOKING_RE.search(" ".join(low))
                if name:
                    self.add(name, "patient" if booked else "other", "relation")
            if word in MENTION_MARKERS and _describes_self_of(low, j):
                # "ich bin die Nachbarin von Frau Kruse": whom the caller calls for
                self._relation(tokens, _of_index(low, j) or j + 1, "caller")
            elif _adjective_before_noun(tokens, j):
                pass  # "das G hat oben einen kleinen Bogen": an adjective, no child
            elif word in _RELATION_WORDS or word in _CLIENT_NOUNS:
                relation = _relation_at(low, j)
                if relation is not None:
                    self._relation(tokens, j + 1, relation)
            elif _describes_self_of(low, j) and _role_noun(tokens[j]):
                # "ich bin die Alltagsbegleiterin von Frau Mahnke": any role, then whose.
                self._relation(tokens, _of_index(low, j) or j + 1, "caller")

    def _person_after_institution(self, tokens: list[str], start: int) -> None:
        """ "hier ist die Spitex Bern Nord, Frau Aebi", "hier ist das Seniorenheim Am Deich,
        Wohnbereich zwei, Schwester Agnieszka Nowak": an institution introduces itself, then
        the person speaking names themself in a clause of their own, after a comma."""
        if "," not in tokens[start:]:
            return
        first_comma = tokens.index(",", start)
        segment: list[str] = []
        for tok in [*tokens[first_comma + 1 :], ","]:
            if tok in ".!?;:":
                tok = ","
            if tok != ",":
                segment.append(tok)
                continue
            # "Imke Thode aus der Personalabteilung", "Tschager am Apparat": where in the firm,
            # or the phone phrase, follows the person's name.
            cut = next((k for k, w in enumerate(segment) if w.lower() in _AFTER_PERSON), None)
            if cut:
                segment = segment[:cut]
            # The validator takes "Frau" or "Schwester" off the front, as for any name.
            person = segment and len(segment) <= 4 and all(_is_cap(w) for w in segment)
            if person and self.add(" ".join(segment), "caller", _INTRO):
                return
            segment = []

    def _spelled_on(self, name: str) -> str | None:
        """The longer spelling in this turn that letters joined by hyphens begin."""
        if not HYPHEN_SPELLED_RE.match(name):
            return None
        letters = fold(name.replace("-", ""))
        return next(
            (
                word
                for word in self.spelled
                if fold(word).startswith(letters) and len(fold(word)) > len(letters)
            ),
            None,
        )

    def _add_pattern(self, name: str, kind: str, *, naming: bool = False) -> None:
        if kind == _INTRO and naming:
            if not self.add(name, "caller", kind):
                # "Sonntag is mein Name!", "ich heiße Freitag": the caller says outright that
                # the word is their name (unless a full name with it follows in the turn).
                self.named_outright.append(name)
        elif kind == _ABOUT:
            # "wegen"/"für" precede many nouns ("wegen Bleaching"): only names count here.
            words = [w for w in name.split() if w.lower() not in SALUTATIONS]
            table = knowledge()
            salutation = len(words) < len(name.split())
            known = all(
                table.facts(w).known_name and not table.facts(w).word_dominant
                for _, w in _judged_words(words)
            )
            # A lone word must be a first name here ("für die Lea"), not "für Regio 46"; and
            # "für Frau Kramer" names a patient only where an appointment is spoken of.
            booked = _APPOINTMENT_RE.search(" ".join(self.sentence).lower()) is not None
            lone = table.facts(words[0]) if len(words) == 1 else None
            # "für den Sommer": a noun that only the first-name ranks hold is the noun
            lone_first = (
                lone is not None
                and _local_first_name(lone)
                and not (lone.common_noun and not lone.listed_first)
            )
            # "Für wen darf ich den Termin eintragen?" - "Für Inger Lassen.": the question
            # vouches for a surname that is also a word, beside a common first name
            answered = (
                self.ask == ASK_PATIENT and len(words) == 2 and is_common_first_name(words[0])
            )
            if (salutation and booked) or (known and (len(words) > 1 or lone_first)) or answered:
                self.add(name, "patient", "relation")
        elif kind in (_HEISST, _HEISST_AFTER):
            # "Und wie heisst er?" - "er heisst noah zenklusen": the one asked about; "Wie alt
            # ist Ihr Sohn?" - "Sieben. Noah heißt er": the relative asked about
            asked = (ASK_PATIENT, ASK_RELATIVE) if kind == _HEISST_AFTER else (ASK_PATIENT,)
            booked = self.ctx.booking_for_other or self.ask in asked
            role = "patient" if booked else "other"
            self.add(name, role, "relation")
        elif kind in (_FIRST, _LAST):
            self.add(name, self.answer_role, kind)  # "Vorname Siriporn" of whom was asked
        elif kind in (_FORMER, _FORMER_AFTER):
            # "Hartmann hier. Also, Hartmann war ich, jetzt heiß ich Schröder": the name the
            # caller introduced first is a former one.
            key = name.casefold()
            self.found = [
                Mention(m.verdict, "other", "retracted", m.turn)
                if (m.verdict.name or "").casefold() == key
                else m
                for m in self.found
            ]
            self.add(name, "other", FORMER_NAME)
        else:
            self.add(name, "caller", kind)

    def _relation(self, tokens: list[str], start: int, relation: str) -> None:
        i = start
        if relation == "caller" and i < len(tokens) and tokens[i].lower() in _OF_WORDS:
            # "ich bin die Mutter von der Jana": Jana is the patient; "die Assistentin von Dr.
            # Reuter": a doctor or a lawyer is whom the caller works for.
            titled = i + 1 < len(tokens) and tokens[i + 1].lower().rstrip(".") in TITLES
            relation = "other" if titled else "patient"
        if relation in ("patient", "patient?"):
            i = _after_verb_and_comma(tokens, i)  # "meinen Mann anmelden, Dieter Brand"
        while i < len(tokens) and (tokens[i] == "," or tokens[i].lower() in _RELATION_GAP):
            if tokens[i].lower() == "mit" and (
                i + 1 >= len(tokens) or tokens[i + 1].lower() not in ("namen", "dem", "name")
            ):
                return  # "bei meiner Cousine mit French und Glitzer": what she had, no name
            if tokens[i].lower() == "an" and _at_a_place(tokens, i + 1):
                return  # "unsere Mitarbeiter an den Bildschirmarbeitsplätzen": where, no name
            i += 1
        # Someone else's relative is named right there or after "an,"; a name after a comma
        # alone may start a new thought ("wie ihr Vadder, Lea-Sophie Brückner").
        if relation == "other" and tokens[start:i].count(",") and "an" not in tokens[start:i]:
            if i < len(tokens) and tokens[i].lower() in SALUTATIONS:
                # "Mein Chef, Herr Pierre Laval, hatte …": the apposition names him
                name, end = _run_forward(tokens, i)
                if name:
                    self.add(self._fuller(tokens, end, name), "other", "relation")
            return
        name, end = _run_forward(tokens, i)
        if not name:
            return
        name = self._fuller(tokens, end, name)  # "von Noah, Noah Petrović"
        if relation == "caller" and _said_of_someone(tokens, end):
            # "ich hab meinen Enkel, die Mama, die Jessica, ist auf Dienstreise": what the
            # named one does, so someone the caller speaks of, not the caller.
            relation = "other"
        if relation == "caller":
            self.add(name, "caller", "intro")
        elif relation == "patient?":
            self.add(name, "patient", "mentioned")
        else:
            self.add(name, relation, "relation")

    def answer_runs(self, sentences: list[list[list[str]]], role: str) -> None:
        """The first run of name words that is a name, in an answer to a name question that
        is no clean name-only clause ("ah ja der Name sorry, Gisler Andreas Gisler")."""
        # The first two sentences: "Ja, Gruber halt a. Gruber Josef." A question the caller
        # asks back ("Färbts ihr mit Wella Koleston?") answers nothing.
        # A remark on the name ("Auf Mai. Wie der Monat. Stefan Mai.") is not one of them.
        said = [
            c for c in sentences if not _LIKENESS_REMARK_RE.match(" ".join(_sentence_tokens(c)))
        ]
        tokens = _sentence_tokens(
            [c for clauses in said[:2] if not _asks(clauses) for c in clauses]
        )
        table = knowledge()
        i = 0
        while i < len(tokens):
            if not _is_cap(tokens[i]):
                i += 1
                continue
            if tokens[i].lower() in ("von", "vom", "vo") and _place_noun_after(tokens, i):
                i += 1  # "d Nadja vo de Gruppe": from where, no surname
                continue
            # "Auf welchen Namen?" - "auf (den) günter eckert": the question's own preposition,
            # which opens the answer (and may open a corrected one: "… quatsch … auf günter")
            echoed = tokens[0].lower() == "auf" and (
                tokens[i - 1].lower() == "auf"
                or (
                    i >= 2
                    and tokens[i - 1].lower() in _ECHO_ARTICLES
                    and tokens[i - 2].lower() == "auf"
                )
            )
            after_preposition = i > 0 and tokens[i - 1].lower() in _PREPOSITIONS and not echoed
            noun_phrase = _after_determiner(tokens, i) and not echoed
            run, i = _run_forward(tokens, i)
            if _polite_verb(tokens[i - 1 : i + 1]):
                continue  # "Hearn S' mi?", "Warten S'": a verb and the polite "Sie"
            if after_preposition or noun_phrase:
                # "Hät er am Donnschtig Ziit?", "mit dem abgebrochenen Nagel": a day, a place,
                # a thing, not the name asked for
                continue
            # A fallback, so only two or more name-like words: a lone capitalised word inside
            # a sentence is usually a noun ("meine Chefin"), and words beside a staff name are
            # usually speech about them ("Mehmet weeß dit").
            words = run.split()
            while words and not _name_like(table.facts(words[0])):
                words = words[1:]  # "… ganz Vergessen Kastenmüller Walburga"
            if len(words) > 3 and fold(words[0]) == fold(words[2]):
                # "Herr Eckardt Gernot Eckardt Regio sechsunddreißig": the surname, then the
                # name in full; what runs on after it is no name.
                words = words[1:3]
            run = " ".join(words)
            # A weekday or month on the surname lists after a first name is a name part too
            # ("jürgen freitag").
            facts = [
                table.facts(w)
                for k, w in _judged_words(words)
                if not (
                    k > 0
                    and w.lower() in TIME_WORDS
                    and table.facts(w).surname
                    and is_first_name(words[k - 1])
                )
            ]
            if len(words) < 2 or not all(_name_like(f) for f in facts) or self._about_staff(words):
                continue
            if {t.lower() for t in tokens[i : i + 2]} & _TAKEN_BACK:
                continue  # "auf gabriele eckert nee quatsch … auf günter eckert": a slip
            if run and self.add(run, role, "answer"):
                return

    def _about_staff(self, words: list[str]) -> bool:
        """Words with a staff member's name in them are speech about staff ("Mehmet weeß dit",
        "Winter frei"), but for a surname shared with staff beside a first name no one on the
        staff bears ("Nguyen Lan", staff "Hoa Nguyen"): the caller's own."""
        if not self._staff(words):
            return False
        staff = [n.split() for n in (*self.ctx.agent_names, *self.ctx.staff_names)]
        given = [w for n in staff for w in n[:-1]]  # the first names of full staff names
        given_folded = {fold(w) for w in given}
        everyone = {fold(w) for n in staff for w in n}
        if fold(words[-1]) in self.ctx.saluted and all(
            fold(w) in given_folded or fold(w) not in everyone for w in words
        ):
            return False  # "i bin aa a maximilian, maximilian hofer" … "Danke, Herr Hofer"
        surnames = {n[-1].casefold() for n in staff if len(n) > 1}
        firsts = {w.casefold() for w in given} | {n[0].casefold() for n in staff}
        shared = [w for w in words if w.casefold() in surnames and w.casefold() not in firsts]
        others = [w for w in words if w not in shared]
        return not (
            len(words) == 2
            and len(shared) == 1
            and len(others) == 1
            and others[0].casefold() not in firsts
            and is_first_name(others[0])
        )

    def _fuller(self, tokens: list[str], end: int, name: str) -> str:
        full = _full_form(tokens, end, name)
        return name if self._staff(full.split()) and not self._staff(name.split()) else full

    def _staff(self, words: list[str]) -> bool:
        names = {
            w.casefold() for n in (*self.ctx.agent_names, *self.ctx.staff_names) for w in n.split()
        }
        return any(w.casefold() in names for w in words)

    def clauses(
        self, sentences: list[list[list[str]]], role: str, kind: str, leading: bool
    ) -> None:
        """Name-only clauses; `leading` stops at the first clause neither name nor filler."""
        for clauses in sentences:
            group: list[str] = []
            for k, clause in enumerate(clauses):
                if k and _names_a_pet(clauses[k - 1]):
                    continue  # "meinen Hund, den Bruno, …": the animal's name
                if clause and clause[0].lower() in _NOT_THIS_NAME:
                    # "Scholz, mit O. Nicht Schulz.": the name said after "nicht" is the wrong one
                    self._flush(group, role, kind)
                    group = []
                    continue
                bare = _bare(clause)
                if bare is not None and role == "caller" and _from_organisation(clause):
                    self.add(bare, role, "intro")
                    continue
                if bare is not None:
                    group.append(bare)
                    continue
                imperative = (
                    clause[0].lower() in _IMPERATIVES
                    # "aus Ibbenbüren", "aus der Probenannahme": where from, no command
                    and not (
                        len(clause) > 1
                        and (_is_cap(clause[1]) or clause[1].lower() in _WHERE_FROM_ARTICLES)
                    )
                    # "Nicole Weber, nicht mehr Krause": a contrast, not "Finn, nicht!"
                    and not (clause[0].lower() in _NEGATIONS and len(clause) > 2)
                )
                if group and (imperative or clause[-1] == "!"):
                    for part in group:  # "Finn, lass das!": someone in the room is addressed
                        self.add(part, "other", "vocative")
                    group = []
                    if leading:
                        return
                    continue
                self._flush(group, role, kind)
                group = []
                if leading and not _is_filler_clause(clause):
                    return
            self._flush(group, role, kind)

    def _flush(self, group: list[str], role: str, kind: str) -> None:
        if not group:
            return
        if not self.add(", ".join(group), role, kind) and len(group) > 1:
            for part in group:
                self.add(part, role, kind)


# "der Poldi, also der Leopold Swoboda", "der Luis also Alois Oberhofer": a name (one or two
# capitalised words) said again in full after "also"; the first form is dropped.
_RESTATED_RE = re.compile(
    r"\b(?:[A-ZÄÖÜ][\w'’-]*\s+)?[A-ZÄÖÜ][\w'’-]*,?\s+(?:(?:äh|ähm|öh),?\s+)?also,?\s+(?:eigentlich\s+)?(?:(?:der|die|de|d)\s+)?"
    r"(?=[A-ZÄÖÜ][\w'’-]*\s+[A-ZÄÖÜ][\w'’-]*)"
)
# "Hoang ist Familienname, Vorname ist Long, also Hoang Long": a labelled part is no first form
# of the name; "also" repeats the whole name, and the label keeps naming its part.
_LABEL_BEFORE_RE = re.compile(
    r"\b(?:vorname|nachname|familienname|zuname)\W*(?:ist|is|isch|lautet)?\W*$"
)
_LABEL_WORDS = frozenset({"vorname", "nachname", "familienname", "zuname"})


# "Leni. Also eigentlich Helene": a first name taken back for the one the caller really bears.
_REALLY_FIRST_RE = re.compile(
    r"\b[A-ZÄÖÜ][\w'’-]*[.,]?\s+[Aa]lso,?\s+(?:eigentlich|eijentlich|eijentlisch|eigentli|eigentlig)\s+"
    r"(?=(?P<first>[A-ZÄÖÜ][\w'’-]*)\b)"
)


def _really_first(match: re.Match[str]) -> str:
    return "" if is_first_name(match.group("first")) else match.group(0)


# "monika gru ber also gruber mit u": a word heard in pieces, then said whole after "also".
_SPLIT_RESTATED_RE = re.compile(
    r"\b([^\W\d_]{1,5})\s+([^\W\d_]{1,6}),?\s+also,?\s+([^\W\d_]{3,12})\b"
)


def _split_restated(match: re.Match[str]) -> str:
    first, second, whole = match.groups()
    if fold(first + second) == fold(whole):
        return capital(whole) if first[:1].isupper() else whole
    return match.group(0)


def _restated(match: re.Match[str]) -> str:
    """The first form of a name said again after "also" goes, unless a label names it."""
    before = match.string[max(0, match.start() - 30) : match.start()].lower()
    after = match.string[match.end() :].split(maxsplit=1)[:1]
    if (
        _LABEL_BEFORE_RE.search(before)
        or match.group(0).split()[0].lower() in _LABEL_WORDS
        # "Athanasiou Dimitrios, also Vorname Dimitrios": which part is which, no restatement
        or (after and after[0].lower() in _LABEL_WORDS)
    ):
        return match.group(0)
    return ""


# A name said in its own order, then restated in the German order: "Szabó Eszter, also auf
# Deutsch Eszter Szabó", "Park Ji-hoon. Also Ji-hoon Park auf Deutsch": the first form goes.
_NAME_WORD = r"[A-ZÄÖÜ][\w'’-]*"
# "Mai wie der Monat, Mai Johanna", "Vogel, wie der Vogel": the word said is the name; what it is
# like explains it and is no part of it.
_LIKENESS_REMARK_RE = re.compile(
    r"\W*(?:ja\W+|genau\W+)?wie\s+(?:der|die|das|im|beim)\s+[^\W\d_]+\W*$", re.IGNORECASE
)
_LIKENESS_RE = re.compile(
    r"\b([^\W\d_]{2,}),?\s+wie\s+(?:der|die|das|im|beim)\s+[^\W\d_]+\b"
    # ... then a stop, the word again, or a first name and the word ("mai wie der monat
    # gudrun mai")
    r"(?=\s*(?:[,.!?;]|$|\s+\1\b|\s+[^\W\d_]+\s+\1\b))",
    re.IGNORECASE,
)
# "Inger, wie Inge mit 'nem R hinten dran": a name explained as another with a letter more
_LIKE_WITH_LETTER_RE = re.compile(
    r"\b([^\W\d_]{2,}),?\s+wie\s+([^\W\d_]{2,})\s+mit\s+(?:(?:so\s+)?(?:einem|'nem|nem|ei'm)\s+)?"
    r"[^\W\d_]\b[^,.!?;]*"
)


def _like_with_letter(match: re.Match[str]) -> str:
    said, like = match.group(1), match.group(2)
    return said if fold(said).startswith(fold(like)) else match.group(0)


# Bavarian and Austrian "mei Nam", "mein Nama": "mein Name" (a recogniser writes "Nam", which
# the name lists know as a Vietnamese first name).
_DIALECT_NAME_RE = re.compile(r"\b(mei|mein|mi|min|meine)\s+[Nn]am[ae]?\b(?!\s+[Nn]am)")
_IN_GERMAN_RE = re.compile(
    rf"\b{_NAME_WORD}\s+{_NAME_WORD}[,.]?\s+(?:[Aa]lso,?\s+)?"
    rf"(?:(?:auf|in)\s+[Dd]eutsch:?,?\s+(?={_NAME_WORD}\s+[A-ZÄÖÜ])"
    rf"|(?={_NAME_WORD}\s+{_NAME_WORD},?\s+(?:auf|in)\s+[Dd]eutsch\b))"
)
# "ahmadi tehrani ist ein doppelname", "Owusu Ansah ist ein Nachname mit Bindestrich": two
# words that the caller says are one hyphenated surname.
_DOUBLE_NAMED_RE = re.compile(
    r"\b(?!(?:nicht|net|nöd|nein|nee|ja|und|aber|also|mein|meiner|das|des)\b)([^\W\d_]{2,})\s+"
    r"(?!(?:das|des|dat|dit)\b)([^\W\d_]{2,}),?\s+(?:(?:das|des)\s+)?"
    r"(?:ist|is|isch)\s+(?:ein|eine|a|e|der|mein)?\s*"
    # "Ofori Atta ist der Nachname, ein Doppelname": the label, then what kind of name it is
    r"(?:(?:nachname|familienname),?\s+(?:ein|eine|a|e|also)?\s*)?"
    r"(?:doppelname|doppelnachname|doppelter nachname|nachname mit bindestrich)\b",
    re.IGNORECASE,
)
# "Berisha Bindestrich Gashi", "Ofori, Strich, Atta": the hyphen said between two names.
_SPOKEN_HYPHEN_RE = re.compile(
    r"\b(?!(?:Mit|Ohne|Und|Also|Aber|Nur|Ein|Eine|Einem|Einen|Der|Die|Das|Dem|Den)\b)"
    r"([A-ZÄÖÜ][^\W\d_]+),?\s+(?:[Bb]inde)?[Ss]trich,?\s+([A-ZÄÖÜ][^\W\d_]+)\b"
)
# "schulte bäumer schulte mit bindestrich bäumer": two words said again with the hyphen
_RESTATED_WITH_HYPHEN_RE = re.compile(
    r"\b([^\W\d_]{2,})\s+([^\W\d_]{2,}),?\s+\1,?\s+mit\s+(?:binde\s?)?strich,?\s+\2\b",
    re.IGNORECASE,
)
# A slip set right at once: "kusnezow äh kusnezowa": the longer form said after the filler.
# "hier is mai äh lukas mai": the surname, then the name again with the first name.
_RESTARTED_RE = re.compile(
    r"\b([^\W\d_]{2,}),?\s+(?:äh|ähm|öh|öhm),?\s+([^\W\d_]{2,}\s+\1)\b", re.IGNORECASE
)
# "Brod… äh, Brodbeck", "Schmid, äh, Schmidt": a word broken off and said in full.
_SLIP_RE = re.compile(
    r"\b([^\W\d_]{3,})(?:…|\.{2,3}|-)?,?\s+(?:äh|ähm|öh|öhm),?\s+(\1[^\W\d_]{1,5})\b", re.I
)
# Cue words the recogniser ran together: "meinname is aziz tahiri".
_MERGED_CUE_RE = re.compile(r"\b(mein|mei|dein)(name)\b", re.IGNORECASE)
# A stutter: "die ko die konstanze", "der ma äh der markus": the first try goes.
_STUTTER_RE = re.compile(
    r"\b(der|die|de|d|da|dä)\s+([^\W\d_]{1,4})[\s,]+(?:(?:äh|ähm|äh,|ähm,)\s+)?\1\s+(?=\2)",
    re.IGNORECASE,
)


def find_mentions(
    text: str, turn: int, ask: str, ctx: Context, *, scan_bare: bool
) -> list[Mention]:
    """All name mentions in one caller turn, given what the agent asked just before it."""
    said = text
    if len(text) < _SHORT_REPLY and letters_named_only(
        [w for w in _TOKEN_RE.findall(text) if w.isalpha() and w.lower() not in _CONFIRM_WORDS]
    ):
        return []  # "Und der Vorname Khalil mit K-H?" - "genau ka ha"
    text = EXCLAMATION_RE.sub("", with_described_marks(without_syllables(text)))
    text = _STUTTER_RE.sub(r"\1 ", text)
    if "'" in text or "’" in text:
        text = _ELIDED_POSSESSIVE_RE.sub(r"\1einen", text)  # "um mein' Vater"
    text = letter_names_as_letters(text)  # "kaminski ka a em i en es ka i"
    if "name" in text or "Name" in text:
        text = _MERGED_CUE_RE.sub(r"\1 \2", text)
    if "äh" in text or "öh" in text:
        text = _RESTARTED_RE.sub(r"\2", _SLIP_RE.sub(r"\2", text))
    if "also" in text:
        text = _SPLIT_RESTATED_RE.sub(_split_restated, text)
        text = _RESTATED_RE.sub(_restated, text)
    if "lso " in text and "ei" in text:
        text = _REALLY_FIRST_RE.sub(_really_first, text)
    if "eutsch" in text:
        text = _IN_GERMAN_RE.sub("", text)
    if "am" in text:
        text = _DIALECT_NAME_RE.sub(r"\1 Name", text)
    if " wie " in text:
        text = _LIKE_WITH_LETTER_RE.sub(_like_with_letter, _LIKENESS_RE.sub(r"\1", text))
    if ":" in text:
        text = _LABEL_COLON_RE.sub(r"\1", text)
    if ask == ASK_PATIENT:
        # "Um welchen Patienten geht es?" - "Um den Herrn Schallenberg, der hat …": the
        # person the answer opens with, as if named alone.
        text = _ABOUT_SALUTED_RE.sub("", text, count=1)
        # "herrn schallenberg der hat …": the relative clause unpunctuated
        text = _SALUTED_THEN_RELATIVE_RE.sub(r"\1, ", text, count=1)
    if "doppel" in text.lower() or "strich" in text.lower():
        text = _DOUBLE_NAMED_RE.sub(r"\1-\2 ist der Nachname", text)
        text = _SPOKEN_HYPHEN_RE.sub(r"\1-\2", text)
        text = _RESTATED_WITH_HYPHEN_RE.sub(r"\1-\2", text)
    scan = _TurnScan(turn, ctx)
    # "auf mai also ich heiß auch mai jasmin mai", "Für mich. Rowena Dela Cruz.": the name
    # asked for is the caller's own.
    own_name = _CALLED_RE.search(text) is not None or _FOR_MYSELF_RE.match(text) is not None
    # "Ist Ihr Vater bereits Patient?" - "Jovanović Milorad. Milorad ist der Vorname.": the
    # name said back, and its labelled parts, are the relative's.
    answer_role = "patient" if ask in (ASK_PATIENT, ASK_RELATIVE) and not own_name else "caller"
    scan.answer_role = answer_role
    scan.ask = ask
    spelled = spelled_names(text) if _SPELL_HINT_RE.search(text) else []
    spelled = [_spelled_then_said(name, text) for name in spelled]
    separate = _SEPARATE_WORDS_RE.search(text) if len(spelled) == 2 else None
    if separate is not None and not (
        len(LONE_LETTER_RE.findall(text[: separate.start()])) >= 3
        and len(LONE_LETTER_RE.findall(text[separate.end() :])) >= 3
    ):
        # "ben ali zwei wörter, b e n und dann ali a l i", "d e l a und dann c r u z das sind
        # zwei wörter"; not "K, H, A, D, I, J, A. Und El Idrissi, zwei Wörter: E, L, dann I …",
        # a name spelled before the remark and the one it is about after it
        spelled = [" ".join(spelled)]
    scan.spelled = spelled
    for name in spelled:
        scan.add(name, answer_role, "spelled")
    if " wie " in text:
        # "… q wie quasi i wie ida bytyqi", "v wie viktor valon": the spelling's example
        # words are no names
        text = _ALPHABET_EXAMPLE_RE.sub(" ", text)
    sentences = split_turn(text)
    if ask in NAME_ASKS and len(sentences) > 1 and _salutation_only(sentences[0]):
        # "Herr oder Frau Pointner? Und den Vornamen?" - "Herr. Alois.": the first part
        # answers the salutation, the rest the name.
        sentences = sentences[1:]
    for clauses in sentences:
        scan.patterns(_sentence_tokens(clauses))
    if ask in NAME_ASKS or ask == ASK_PATIENT:
        scan.clauses(sentences, answer_role, "answer", leading=True)
        # The part asked for, labelled ("de Vorname is Reinhold …"), is the answer: no
        # fallback run then.
        labelled = {ASK_FIRST: _FIRST, ASK_SURNAME: _LAST}.get(ask)
        if ask == ASK_FIRST and not any(m.kind in ("answer", labelled) for m in scan.found):
            # "Ihren Vornamen?" - "ursula und dienstag am zehn vor achti das gaht guet": the
            # first name asked for opens the answer, and speech runs on without a stop.
            lead = _leading_first_name(_sentence_tokens(sentences[0]))
            if lead:
                scan.add(lead, answer_role, "answer")
        if not any(m.kind in ("answer", labelled) for m in scan.found):
            scan.answer_runs(sentences, answer_role)
        if ask == ASK_NAME and not any(m.kind in ("answer", "intro") for m in scan.found):
            # "Auf welchen Namen?" - "lea einfach lea die sandra kennt mich": just the first
            # name, said as all there is to it
            just = _just_a_first_name(text)
            if just:
                scan.add(just, answer_role, "answer")
    if ask == ASK_RELATIVE and not any(m.role == "patient" for m in scan.found):
        # "Worum geht es bei Ihrem Sohn?" - "Der Leon Schröder ist fünf …": the relative asked
        # about, named with an article as one speaks of a person
        for sentence in sentences:
            named = _article_then_name(_sentence_tokens(sentence))
            if named:
                scan.add(named, "patient", "relation")
                break
    if (
        ask in NAME_ASKS
        and answer_role == "caller"
        and any(m.kind == _FIRST for m in scan.found)
        and not any(m.kind in ("answer", _LAST) for m in scan.found)
    ):
        lead = _surname_before_first_label(_sentence_tokens(sentences[0]))
        if lead:
            scan.add(lead, answer_role, "answer")
    if ask in (ASK_NAME, ASK_SURNAME) and answer_role == "caller":
        kin_named = _surname_kin_first(text)
        if kin_named:
            # "Wer ruft denn an?" - "hüttemann der sohn ralf": the surname, who one is, the
            # first name
            scan.add(kin_named, "caller", "answer")
    if ask in NAME_ASKS or ask in (ASK_PATIENT, ASK_RELATIVE):
        # "Christos. Auch Alexiou natürlich.": the surname the caller shares with whom the
        # call is about, said as "auch …" in the answer ("Malika. Auch Magomadowa." of the
        # daughter).
        for clauses in sentences:
            shared = _shared_surname(_sentence_tokens(clauses))
            if shared:
                scan.add(shared, answer_role, "answer")
    if not spelled and (scan_bare or scan.found):
        # After "Wie heißt er?" a bare name is the one asked for, not the caller's, unless
        # the caller speaks of themself there ("Ich bin die Grossmutter, Heidi Schwab").
        for sentence in sentences:
            about_self = ask not in (ASK_PATIENT, ASK_RELATIVE) or _SELF_REFERENCE_RE.search(
                " ".join(_sentence_tokens(sentence))
            )
            scan.clauses([sentence], "caller" if about_self else "patient", "bare", leading=False)
    elif spelled and ask in (ASK_PATIENT, ASK_FIRST):
        # "Her name is Adaeze. A-D-A-E-Z-E. Adaeze Nwosu.": the name spelled, then said in
        # full in a sentence of its own; so too the caller's first name ("Ihren Vornamen?" -
        # "Hai. H, A, I. Hai Nguyen.")
        spelled_folded = {fold(name) for name in spelled}
        for sentence in sentences:
            tokens = [t for t in _sentence_tokens(sentence) if t not in ".!?,"]
            if len(tokens) == 2 and fold(tokens[0]) in spelled_folded:
                scan.clauses([sentence], answer_role, "bare", leading=False)
    if all(m.kind == "bare" for m in scan.found) and ask != ASK_PATIENT and sentences:
        # "servus freitag jürgen freitag i hätt gern …": the surname, the first name, the
        # surname again opens the turn, as one answers the phone; even a weekday is a name then.
        # "Na, eigentlich wollt i an Termin. Groß, Hannelore Groß, i bin Patientin.": a
        # sentence of its own may open so
        later = sentences if not has_booking_relation(text) else sentences[:1]
        repeated = next(
            filter(None, (_surname_first_surname(_sentence_tokens(s)) for s in later)), None
        )
        words = {fold(w) for w in (repeated or "").split()}
        if repeated and all(
            {fold(w) for w in (m.verdict.name or "").split()} <= words for m in scan.found
        ):
            # "de luca francesco de luca": a bare "Luca Francesco" read in it lost the particle
            scan.found.clear()
            scan.add(repeated, "caller", "answer" if ask in NAME_ASKS else _INTRO)
    if ", d" in text:
        for name, role in _apposed_persons(text, ctx):
            if not any(fold(m.verdict.name or "") == fold(name) for m in scan.found):
                scan.add(name, role, "relation")
    callers = [m for m in scan.found if m.role == "caller"]
    if scan_bare and not callers and ask not in NAME_ASKS and ask != ASK_PATIENT and sentences:
        # Unpunctuated speech: "grüß gott huber michael ähm mei hausarzt …" is one clause.
        opener = _greeting_then_name(_sentence_tokens(sentences[0]), ctx.agent_names, ctx.particled)
        if opener:
            scan.add(opener, "caller", "bare")
    found = [
        _upgraded(m, scan.refused_intro) for m in scan.found if not _split_form_of_a_word(m, text)
    ]
    surnames = {(m.verdict.last_name or "").casefold() for m in found}
    for name in scan.named_outright:
        if name.casefold() not in surnames and scan.add(name, "caller", _INTRO, addressed=True):
            found.append(scan.found[-1])
    if any(m.kind == "bare" and m.role == "caller" for m in found) and has_booking_relation(text):
        found = [_relative_spoken_of(m, said) for m in found]
    if "jahr" in text.lower():
        found = [_aged_relative(m, text) for m in found]
    if "name" in text.lower():
        found = [_not_a_maiden_name(m, text) for m in found]
    if "stell" in text.lower():
        found = [_introducing_myself(m, text) for m in found]
    if "storben" in text.lower():
        found = [_not_if_deceased(m, text) for m in found]
    if _ABOUT_MYSELF_RE.search(text.lower()):
        # "Mein Bruder heißt Peter … heute geht's aber um mich": relatives are only mentioned.
        found = [
            Mention(m.verdict, "other", m.kind, m.turn) if m.role == "patient" else m for m in found
        ]
    found = [_named_as_someone_else(_staff_not_kin(m, ctx), text, ctx) for m in found]
    found = _surname_corrected_later(_particle_surname_tails(found, text), text, ctx)
    if ask == ASK_FORMER:
        found = _former_answer(found, text)
    own = _kin_then_own_name(text) if ask in NAME_ASKS and answer_role == "caller" else None
    if own is not None:
        if not any(m.role in ("caller", "patient") for m in found) and scan.add(
            own, "caller", "answer"
        ):
            found.append(scan.found[-1])
        found = _as_the_callers(found, own)
    found = _order_corrected(found, text)
    if "bin" in text:
        found = _without_role_after_full_answer(found, text)
    if "mir" in text or "mich" in text or "jed" in text or "alle" in text:
        found = _without_nicknames(found, text)
    found = _beside_introduction(_completed_surnames(found, text, ctx), ctx, text)
    if "Name" in text or "name" in text:
        found = _retracted_as_relatives(found, text)
    return found


# "hier is Okke Janßen, ach nee, Quatsch, dat is ja der Name von meinem Sohn": whose it is.
_RELATIVES_NAME_RE = re.compile(
    r"\b(?:das|dat|des|dit)\s+(?:is|ist)\s+(?:ja\s+|doch\s+)?(?:der|den)\s+name\s+"
    r"(?:von\s+|vo\s+)?(?:meinem|meiner|meim|mei|meines)\s+(?P<kin>\w+)",
    re.IGNORECASE,
)


def _retracted_as_relatives(found: list[Mention], text: str) -> list[Mention]:
    """A name the caller took back because it is a relative's is that relative's."""
    said = _RELATIVES_NAME_RE.search(text)
    if said is None or said.group("kin").lower().rstrip("s") not in _RELATION_WORDS:
        return found
    return [
        Mention(m.verdict, "patient", "relation", m.turn)
        if m.kind == "retracted" and _said_before(text, m, said.start())
        else m
        for m in found
    ]


# "Hier sagen alle Umm Yazan zu mir", "die Kollegen nennen mich Schnecke": what others call
# the caller, not their name.
_NICKNAME_RE = re.compile(
    r"\b(?:sagen|sagt|sage|nennen|nennt|rufen|ruft)\b(?:\s+\w+){0,2}?\s+"
    r"(?P<a>\w+(?:\s+\w+)?)\s+zu\s+mir\b"
    r"|\b(?:nennen|nennt|rufen|ruft)\s+(?:\w+\s+)?mich\s+(?:nur\s+|immer\s+)?(?P<b>\w+(?:\s+\w+)?)",
    re.IGNORECASE,
)
# "jo sebastian aber wastl sogt a jeder": the name everyone uses
_NICKNAME_BEFORE_RE = re.compile(
    r"\b(?P<c>\w+)\s+(?:sagt|sogt|sagen|nennt|nennen)\s+(?:a\s+|auch\s+|mich\s+|nur\s+)?"
    r"(?:jeder|jede|jeda|alle)\b",
    re.IGNORECASE,
)


def _without_nicknames(found: list[Mention], text: str) -> list[Mention]:
    spans = [m.span("a") if m.group("a") else m.span("b") for m in _NICKNAME_RE.finditer(text)]
    spans += [m.span("c") for m in _NICKNAME_BEFORE_RE.finditer(text)]
    if not spans:
        return found

    def nickname(m: Mention) -> bool:
        # "Leni. Also eigentlich Helene, Leni sagen nur alle": said first, then called one
        said = re.finditer(
            r"\b" + r"[\s,-]+".join(map(re.escape, (m.verdict.name or "").split())) + r"\b",
            text,
            re.IGNORECASE,
        )
        return any(start <= at.start() < end for at in said for start, end in spans)

    return [Mention(m.verdict, "other", "nickname", m.turn) if nickname(m) else m for m in found]


_ALPHABET_EXAMPLE_RE = re.compile(r"\b[^\W\d_]\s+wie\s+[^\W\d_]+\b,?", re.IGNORECASE)


# "Und Sie sind?" - "der sohn jürgen kömm": who the caller is to the patient, then their name.
# "mit seim sohn reinhold väth": with whom one speaks, the same.
_KIN_THEN_NAME_RE = re.compile(
    r"^\W*(?:(?:ja|also|äh|ähm)\W+)*(?:(?:ich|i)\s+bin\s+|bin\s+|mit\s+)?"
    r"(?:der|die|de|d|dem|seinem|seim|ihrem|ihrm)\s+"
    # not "die Oma von Denisa": whose relative, then that person
    r"(?P<kin>[^\W\d_]+)[\s,]+(?!(?:von|vom|vo|der|des|zu)\b)(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+)?)",
    re.IGNORECASE,
)


def _kin_then_own_name(text: str) -> str | None:
    """Asked who is calling, the name after "der Sohn", "die Tochter" opening the answer: the
    caller's own."""
    said = _KIN_THEN_NAME_RE.match(text)
    if said is None or said.group("kin").lower() not in _RELATION_WORDS:
        return None
    return said.group("name")


def _as_the_callers(found: list[Mention], name: str) -> list[Mention]:
    words = {fold(w) for w in name.split()}
    return [
        Mention(m.verdict, "caller", "answer", m.turn)
        if m.role == "patient" and {fold(w) for w in (m.verdict.name or "").split()} <= words
        else m
        for m in found
    ]


# "tade volquardsen ich bin de bauer": what the caller is, said after who.
_I_AM_THE_RE = re.compile(r"\b(?:ich|i|isch)\s+bin\s+(?:der|die|de|d|dr)\s+(\w+)", re.IGNORECASE)


def _full_names_of_caller(found: list[Mention], kind: str) -> list[Mention]:
    """The caller's mentions of this kind that give a first name and a surname."""
    return [
        m
        for m in found
        if m.role == "caller" and m.kind == kind and m.verdict.first_name and m.verdict.last_name
    ]


def _without_role_after_full_answer(found: list[Mention], text: str) -> list[Mention]:
    """A one-word "ich bin der X" after a full name the turn answered with: a role ("Bauer",
    "Fahrer"), even where X is also a surname."""
    full = _full_names_of_caller(found, "answer")
    roles = {
        fold(r.group(1))
        for r in _I_AM_THE_RE.finditer(text)
        if knowledge().facts(r.group(1)).common_noun
        and any(_said_before(text, m, r.start()) for m in full)
    }
    return [m for m in found if not (m.kind == "intro" and fold(m.verdict.name or "") in roles)]


def _order_corrected(found: list[Mention], text: str) -> list[Mention]:
    """ "Morina Shqipe, äh nein, zuerst der Vorname: Shqipe Morina": the same words said again
    in another order after a self-correction; the first order is taken back."""
    callers = [m for m in found if m.role == "caller" and " " in (m.verdict.name or "")]
    retracted: list[Mention] = []
    for m in callers:
        words = (m.verdict.name or "").split()
        at = _said_in_order(text, words)
        corrected = _correction_after(text, m) if at is not None else None
        if corrected is None:
            continue
        for later in callers:
            other = (later.verdict.name or "").split()
            if other != words and sorted(map(fold, other)) == sorted(map(fold, words)):
                again = _said_in_order(text, other)
                if again is not None and again >= corrected:
                    retracted.append(m)
    if not retracted:
        return found
    return [
        Mention(m.verdict, "other", "retracted", m.turn) if m in retracted else m for m in found
    ]


def _said_in_order(text: str, words: list[str]) -> int | None:
    """Where `words` are said one after the other (commas, hyphens between), or None."""
    said = re.search(r"\b" + r"[\s,-]+".join(map(re.escape, words)) + r"\b", text, re.IGNORECASE)
    return said.start() if said else None


# "seit der Hochzeit", not "seit Jahren" (how long one has been a patient)
_NOW_RE = re.compile(
    r"\b(?:jetzt|nun|heute|mittlerweile|inzwischen|seit(?=\s+(?:der|dem|meiner|meinem|kurzem)\b))\b",
    re.IGNORECASE,
)


def _former_answer(found: list[Mention], text: str) -> list[Mention]:
    """The answer to "Wie lautet Ihr früherer Name?" names the former name; a name said after
    "jetzt" ("Begović, Lejla Begović. Jetzt bin ich verheiratet, Lejla Schwarz") is the current
    one."""
    now = _NOW_RE.search(text)
    after = text[now.end() :].casefold() if now else ""

    def current(m: Mention) -> bool:
        surname = (m.verdict.last_name or m.verdict.name or "").casefold()
        return bool(surname) and surname in after

    return [
        Mention(m.verdict, "other", FORMER_NAME, m.turn)
        if m.role == "caller" and not current(m)
        else m
        for m in found
    ]


# "it's me", then who: "ich bin's, die Sabine"
_ITS_ME = frozenset({"bins", "bin's", "es"})
_AFTER_ITS_ME = frozenset({",", "nochmal", "nochma", "wieder", "halt", "nur"})


def _particles_glued(word: str, said: set[str]) -> bool:
    """Whether the word is two or more particles the turn says apart, spelled as one ("v a n
    dann d e r" -> "Vander")."""
    low = word.lower()
    if not low:
        return True
    return any(
        low.startswith(p) and p in said and _particles_glued(low[len(p) :], said)
        for p in NAME_PARTICLES
    )


def _particle_surname_tails(found: list[Mention], text: str) -> list[Mention]:
    """ "De Luca. Salvatore De Luca.": a lone word that ends a surname with a particle named
    in the same turn is that surname cut short, not a first name of its own; the particles of
    such a surname spelled as one word ("v a n dann d e r") are no name either."""
    if not found:
        return found
    glued = [m for m in found if m.kind == "spelled" and " " not in (m.verdict.name or "")]
    said = {w for w in re.findall(r"\w+", text.lower()) if w in NAME_PARTICLES} if glued else set()
    if len(said) >= 2:
        found = [
            m
            for m in found
            if not (
                m in glued
                and (m.verdict.name or "").lower() not in NAME_PARTICLES
                and _particles_glued(m.verdict.name or "", said)
            )
        ]
    tails = {
        fold(m.verdict.last_name.split()[-1])
        for m in found
        if m.verdict.last_name
        and len(m.verdict.last_name.split()) > 1
        and m.verdict.last_name.split()[0].lower() in NAME_PARTICLES
    }
    if not tails:
        return found
    return [
        m
        for m in found
        if m.verdict.last_name
        or " " in (m.verdict.name or "")
        or fold(m.verdict.name or "") not in tails
    ]


# What may open an answer before the first name asked for: "ach so", "ja also", "äh".
_FIRST_NAME_LEAD = _ANSWER_LEAD | word_set("ach so ja also der die de d dr")


_JUST_RE = re.compile(
    r"^\W*([^\W\d_]{2,})\W+(?:einfach|nur|bloß|bloss|eifach|halt)\s+\1\b", re.IGNORECASE
)


def _just_a_first_name(text: str) -> str | None:
    """An answer that opens with a first name and says it again as all there is ("lea
    einfach lea", "Kübra, nur Kübra"), when it is a first name of this country's lists."""
    found = _JUST_RE.search(text)
    if found is None:
        return None
    facts = knowledge().facts(found.group(1))
    return found.group(1) if _local_first_name(facts) else None


def _leading_first_name(tokens: list[str]) -> str | None:
    """The listed first name that opens an answer, when what follows is no name part."""
    i = 0
    while i < len(tokens) and tokens[i].lower() in _FIRST_NAME_LEAD:
        i += 1
    if i >= len(tokens) or not _is_cap(tokens[i]) or not is_first_name(tokens[i]):
        return None
    following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    if following in ("und", "un", ",", ".", "") or following in FUNCTION_WORDS:
        return tokens[i]
    return None


# "den Vornamen noch dazu: Maarten": the colon ends no sentence; the name is the label's.
_LABEL_COLON_RE = re.compile(
    r"\b((?:vor|nach|familien|zu)namen?(?:\s+(?:auch|noch|dazu|a|no)){0,3})\s*:", re.IGNORECASE
)
_ABOUT_SALUTED_RE = re.compile(
    r"^\W*(?:(?:ja|also|äh|ähm|jo)\W+)*(?:es\s+geht\s+)?(?:um|für|fürn)\s+(?:den\s+|die\s+)?"
    r"(?=(?:herrn?|frau)\s)",
    re.IGNORECASE,
)
_SALUTED_THEN_RELATIVE_RE = re.compile(
    r"^((?:herrn?|frau)\s+[^\W\d_]+)\s+(?=(?:der|die)\s)", re.IGNORECASE
)
_PERSON_ARTICLES = word_set("der die dr d de da")


def _article_then_name(tokens: list[str]) -> str | None:
    """The first name (and a surname) after the article that opens the sentence: "Der Leon
    Schröder ist fünf", "die Emma hat …"."""
    if len(tokens) < 3 or tokens[0].lower() not in _PERSON_ARTICLES:
        return None
    first = tokens[1]
    if not (_is_cap(first) and is_first_name(first)):
        return None
    after = tokens[2]
    if _is_cap(after) and _name_like(knowledge().facts(after)) and not is_first_name(after):
        return f"{first} {after}"
    return first


_FIRST_LABEL_WORDS = word_set("vorname vornamen")
# What may stand between a surname and the label of the first name said after it.
_BEFORE_FIRST_LABEL = word_set(
    "und un der de den d an a no noch auch wie gsagt gesagt gsogt ah ach so also mein mei mi , "
    "äh ähm"
)


def _surname_before_first_label(tokens: list[str]) -> str | None:
    """The one word that opens an answer before the caller labels the first name after it:
    the surname ("temmel und der vorname ist hannes", "temmel wie gsagt ah so an vornamen a no
    hannes"), also where no punctuation sets it apart."""
    low = [t.lower() for t in tokens]
    label = next((j for j, w in enumerate(low) if w in _FIRST_LABEL_WORDS), None)
    if label is None or label < 2 or any(w not in _BEFORE_FIRST_LABEL for w in low[1:label]):
        return None
    word = tokens[0]
    if (
        not word.isalpha()
        or low[0] in FUNCTION_WORDS | FILLERS | _GREETING_WORDS
        or is_first_name(word)
        or not _name_like(knowledge().facts(word))
    ):
        return None
    return word


_KIN_FIRST_RE = re.compile(
    r"^\W*(?:(?:ach|so|ja|jo|also|äh|ähm|na)\W+)*([^\W\d_]{3,})\W+(?:der|die|de|d)\s+"
    r"([^\W\d_]+)\W+([^\W\d_]{2,})\b",
    re.IGNORECASE,
)


def _surname_kin_first(text: str) -> str | None:
    """ "hüttemann der sohn ralf": the surname, the caller's place in the family, the first
    name; "First Surname"."""
    found = _KIN_FIRST_RE.search(text)
    if found is None:
        return None
    surname, kin, first = found.groups()
    if kin.lower() not in _RELATION_WORDS or not is_first_name(first) or is_first_name(surname):
        return None
    if not _name_like(knowledge().facts(surname)):
        return None
    return f"{first} {surname}"


_SHARED_LEADS = word_set("nachname familienname und aber")
_SHARED_WORDS = word_set("auch ebenfalls ebenso")


def _shared_surname(tokens: list[str]) -> str | None:
    """The name in an answer's sentence that opens "(Nachname) auch X" ("Auch Alexiou
    natürlich", "Nachname ebenfalls Yilmaz"): a surname like the relative's."""
    low = [t.lower() for t in tokens]
    i = 0
    while i < len(low) and low[i] in _SHARED_LEADS:
        i += 1
    if (
        i + 1 < len(low)
        and low[i + 1] in _SHARED_WORDS
        and _is_cap(tokens[i])
        and low[i] not in _SHARED_LEADS | _SHARED_WORDS
        and (i + 2 == len(low) or low[i + 2] in _SHARED_TAIL)
    ):
        # "Wisniewski auch, Sabine": the shared surname, then the first name
        given = tokens[i + 3] if i + 3 < len(tokens) and low[i + 2] == "," else ""
        return f"{given} {tokens[i]}" if given and is_first_name(given) else tokens[i]
    if i >= len(low) or low[i] not in _SHARED_WORDS:
        return None
    name, end = _run_forward(tokens, i + 1)
    # "auch stracke die frau halt": who the caller is to the relative may follow
    kin = end + 1 < len(low) and low[end] in _ARTICLES and low[end + 1] in _RELATION_WORDS
    if not name or " " in name or (end < len(low) and low[end] not in _SHARED_TAIL and not kin):
        return None
    return name


# What may follow the surname in such a sentence: "Auch Alexiou natürlich", "auch Kaya, ja".
_SHARED_TAIL = word_set("natürlich klar ja genau halt eben wie , . ! ?")


def _surname_corrected_later(found: list[Mention], text: str, ctx: Context) -> list[Mention]:
    """ "leon maier nee wart der heißt jo schwab wie sei vadder leon schwab": an answer's
    first name said again after a self-correction with another surname; that one stands."""
    out = list(found)
    for index, m in enumerate(found):
        first, last = m.verdict.first_name, m.verdict.last_name
        if m.kind != "answer" or not first or not last or " " in first:
            continue
        end = _correction_after(text, m)
        if end is None:
            continue
        again = [
            said
            for said in re.findall(rf"\b{re.escape(first)}\s+([A-ZÄÖÜ][\w'’-]+)", text[end:])
            if fold(said) != fold(last)
        ]
        if not again:
            continue
        verdict = validate_name(
            f"{first} {again[-1]}", agent_names=ctx.agent_names, staff_names=ctx.staff_names
        )
        if verdict.ok:
            out[index] = Mention(verdict, m.role, m.kind, m.turn)
    return out


def _staff_not_kin(m: Mention, ctx: Context) -> Mention:
    """ "die Schwester Anett weiß, wer ich bin", with "Schwester Anett" on the staff: the nurse
    (and a word after her name), not the caller's sister."""
    first = fold(m.verdict.first_name or "")
    if m.kind != "relation" or not first:
        return m
    for staff in ctx.staff_names:
        words = [fold(w) for w in staff.split()]
        if len(words) == 2 and words[0] in _RELATION_WORDS and words[1] == first:
            return Mention(m.verdict, "other", "staff", m.turn)
    return m


def _named_as_someone_else(m: Mention, text: str, ctx: Context) -> Mention:
    """ "Ich wohne neben Herrn Otten, Bernd Otten. Er ist Patient bei Ihnen.": a name the
    caller gives after speaking of "Herrn X" is that third person's, never the caller's."""
    surname = m.verdict.last_name
    if m.role != "caller" or m.kind != "bare" or not surname:
        return m
    if not re.search(rf"\bHerrn\s+{re.escape(surname)}\b", text):
        return m
    booked = ctx.booking_for_other or _PATIENT_OF_RE.search(text) is not None
    return Mention(m.verdict, "patient" if booked else "other", "relation", m.turn)


_PATIENT_OF_RE = re.compile(r"\b(?:er|sie)\s+(?:ist|is|war)\s+(?:\w+\s+)?patient(?:in)?\b", re.I)


def _spelled_then_said(spelled: str, text: str) -> str:
    """ "Herbert Kleinschrot, k l e i n schrot": letters for the first part, the rest said as
    a word; the spelling is of the whole word said before."""
    if " " in spelled:
        return spelled
    start = fold(spelled)
    words: dict[str, str] = {fold(w): w for w in _TOKEN_RE.findall(text) if w[:1].isalpha()}
    for key, word in words.items():
        rest = key[len(start) :]
        if key.startswith(start) and len(rest) >= _SPOKEN_REST_MIN and rest in words:
            return word[:1].upper() + word[1:]
    return spelled


_SPOKEN_REST_MIN = 3  # "schrot": a word, not a stray letter or two


def _salutation_only(sentence: list[list[str]]) -> bool:
    words = [t.lower() for t in _sentence_tokens(sentence) if t.isalpha()]
    return bool(words) and words[-1] in SALUTATIONS and set(words) <= {*SALUTATIONS, "ja", "genau"}


def _completed_surnames(found: list[Mention], text: str, ctx: Context) -> list[Mention]:
    """ "Orlowa mit w, Swetlana Orlowa", "Vogel. Jasmin Vogel": a surname the caller gives
    alone and then again after a first name, in the same turn, is that full name."""
    if len(found) != 1:
        return found  # the full name was found itself, or the turn names several people
    m = found[0]
    surname = m.verdict.name or ""
    if not (m.role == "caller" and m.kind == "answer" and surname.isalpha()):
        return found
    if m.verdict.first_name:
        return found
    after = re.search(rf"\b{re.escape(surname)}\b", text, re.IGNORECASE)
    full = re.search(
        rf"\b([^\W\d_]{{2,}})\s+{re.escape(surname)}\b",
        text[after.end() :] if after else "",
        re.IGNORECASE,
    )
    if full is None or not is_first_name(full.group(1)):
        return found
    verdict = validate_name(
        f"{full.group(1)} {surname}", agent_names=ctx.agent_names, staff_names=ctx.staff_names
    )
    return (
        [Mention(verdict, m.role, m.kind, m.turn)] if verdict.ok and verdict.first_name else found
    )


_GREETING_WORDS = frozenset(w for phrase in GREETINGS for w in phrase.split())


def _judged_words(words: list[str]) -> list[tuple[int, str]]:
    """(position, word) of the words a name list must vouch for: particles and the word after
    one are name parts whatever they mean alone ("van den Berg", "von Rotz")."""
    return [
        (k, w)
        for k, w in enumerate(words)
        if w.lower() not in NAME_PARTICLES
        and not (k > 0 and words[k - 1].lower() in NAME_PARTICLES)
    ]


def _article_split(tokens: list[str]) -> list[str]:
    """ "i bin d'Oma vom Maxi": the elided article of a relation word, written out."""
    out = list(tokens)
    for i in range(len(out) - 1):
        rest = out[i + 1].lower()
        if out[i].lower() == "d" and (
            rest in RELATIONS or rest in _CLIENT_NOUNS or rest in MENTION_MARKERS
        ):
            out[i] = "die"
    return out


def _asks(clauses: list[list[str]]) -> bool:
    last = [t for clause in clauses for t in clause][-1:]
    return last == ["?"]


def _names_itself(phrase: tuple[str, ...]) -> bool:
    """A phrase that says a name follows or precedes: "mein Name ist", "so heiß ich"."""
    return any(w.startswith(("name", "heiß", "heiss", "hoaß")) for w in phrase)


def _relative_spoken_of(m: Mention, text: str) -> Mention:
    """ "Ich ruf wegen meinem Schwiegervater an. Der Heinz, also Heinz Kowalczyk, …": a
    sentence that opens with an article and the first name speaks of the relative just named."""
    first = m.verdict.first_name
    if m.kind != "bare" or m.role != "caller" or not first:
        return m
    opens = re.search(
        rf"(?:^|[.!?]\s+)(?:der|die|dr|d')\s*{re.escape(first)}\b", text, re.IGNORECASE
    )
    return Mention(m.verdict, "patient", "relation", m.turn) if opens or _for_whom(m, text) else m


# A child's age said right after its name: "Yasmina Fakhoury, vier Jahre", "Lena, 3 Jahre alt".
_AGE = (
    r"\s*,?\s*(?:(?:sie|er|die|der)\s+ist\s+)?"  # "Zofia Krawczyk, sie ist sieben Jahre alt"
    r"(?:\d{1,2}|ein|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|anderthalb|eineinhalb)\s+jahre?\b"
)


def _aged_relative(m: Mention, text: str) -> Mention:
    """ "Mein Sohn hat Ohrenschmerzen. Karim Haddad, fünf Jahre.": a full name with an age
    after it, in a turn that speaks of a relative, is that relative's."""
    name = m.verdict.name or ""
    if m.kind != "bare" or m.role != "caller" or not m.verdict.first_name:
        return m
    if not re.search(re.escape(name) + _AGE, text, re.IGNORECASE):
        return m
    words = text.lower().translate(_PUNCT_TO_SPACE).split()
    if _RELATION_WORDS.isdisjoint(words):
        return m
    return Mention(m.verdict, "patient", "relation", m.turn)


_MAIDEN_NAME_AFTER = r"\s*,?\s+(?:war|ist|is)\s+(?:mein|mei)\s+(?:mädchenname|geburtsname)\b"


def _not_a_maiden_name(m: Mention, text: str) -> Mention:
    """ "ja bitte christiansen lorenzen war mein mädchenname": a bare run that ends in the
    maiden name is no full name of anyone."""
    if m.kind != "bare" or len((name := m.verdict.name or "").split()) < 2:
        return m
    if re.search(re.escape(name) + _MAIDEN_NAME_AFTER, text, re.IGNORECASE) is None:
        return m
    return Mention(m.verdict, "other", m.kind, m.turn)


# "ich hab mich gar nicht vorgestellt", "darf ich mich kurz vorstellen": the caller's own
# name comes next
_INTRODUCING_MYSELF_RE = re.compile(
    r"\bmich\s+(?:[^\W\d_]+\s+){0,2}(?:nicht\s+)?vorgestellt\b"
    r"|\bmich\s+(?:kurz\s+|mal\s+)?vorstellen\b|\bstelle?\s+mich\s+(?:kurz\s+|mal\s+)?vor\b",
    re.IGNORECASE,
)


def _introducing_myself(m: Mention, text: str) -> Mention:
    """ "Ach so, ich hab mich gar nicht vorgestellt, Entschuldigung: Derya Öztürk.": a full
    name said bare right after the caller says they introduce themself is the caller's."""
    name = m.verdict.name or ""
    if m.kind != "bare" or not m.verdict.first_name or not m.verdict.last_name:
        return m
    cue = _INTRODUCING_MYSELF_RE.search(text)
    said = re.search(re.escape(name), text, re.IGNORECASE)
    if cue is None or said is None or said.start() < cue.end():
        return m
    return Mention(m.verdict, "caller", "intro", m.turn)


_DECEASED_RE = re.compile(r"\b(?:verstorben|gestorben)\b", re.IGNORECASE)


def _not_if_deceased(m: Mention, text: str) -> Mention:
    """ "Meine Mutter, Elfriede Schäfer, ist heute früh verstorben.": whom the call is about
    has died; no appointment is theirs."""
    name = m.verdict.name or ""
    if m.role != "patient" or not name:
        return m
    for sentence in _SENTENCE_RE.split(text):
        if name.lower() in sentence.lower() and _DECEASED_RE.search(sentence):
            return Mention(m.verdict, "other", m.kind, m.turn)
    return m


def _for_whom(m: Mention, text: str) -> bool:
    """ "Für meinen Mann. Rahimi, Dariush.", "für eine Patientin von Dr. Kessel, Frau Vossen,
    Hannelore Vossen": the name right after saying whom it is for."""
    said = [
        found.start()
        for w in (m.verdict.name or "").split()
        if (found := re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE))
    ]
    # A title's dot ends no sentence ("von Dr. Kessel").
    before = _FOR_SOMEONE_RE.search(_TITLE_DOT_RE.sub(r"\1", text[: min(said)])) if said else None
    return before is not None and (
        before.group(1).lower() in _RELATION_WORDS or before.group(1).lower() in _CLIENT_NOUNS
    )


# "für meinen Mann.", "für eine Patientin von Dr. Kessel, Frau Vossen,": then the name.
_FOR_SOMEONE_RE = re.compile(
    r"\b(?:für|um|wegen)\s+(?:meinen|meine|meinem|meiner|unseren|unsere|unser|unserem|unserer|"
    r"einen|eine|einem|einer|an|en)"
    r"\s+([^\W\d_]+)(?:\s*[.:,]\s*|[^.!?]{0,60}"
    # "wegen meinem Vater, der is Patient bei Ihnen. Gerhard Tröger": a clause more about him
    r"|,\s*(?:der|die|er|sie)\b[^.!?]{0,60}[.!?]\s*)$",
    re.IGNORECASE,
)


def _upgraded(m: Mention, refused_intro: set[str]) -> Mention:
    """ "Sonntag, so heiß ich. Lukas Sonntag.": the full name after an introduction of its
    surname alone (refused alone as a weekday) is that introduction."""
    last = m.verdict.last_name
    if (
        m.kind == "bare"
        and m.role == "caller"
        and m.verdict.first_name
        and last
        and last.casefold() in refused_intro
    ):
        return Mention(m.verdict, m.role, _INTRO, m.turn)
    return m


def _split_form_of_a_word(m: Mention, text: str) -> bool:
    """ "raghu nathan also zusammen raghunathan": a name heard in parts that the turn also
    says as one word is that word, split; the parts are no name of their own."""
    words = (m.verdict.name or "").split()
    if m.kind == "spelled" or len(words) < 2:
        return False
    joined = fold("".join(words))
    if any(fold(w) == joined for w in re.findall(r"[^\W\d_]+", text)):
        return True
    # "für die hoch steck frisur": with the word after them, the parts make a word in use
    pattern = r"\b" + r"\s+".join(map(re.escape, words)) + r"\s+([^\W\d_]+)\b"
    after = re.search(pattern, text, re.IGNORECASE)
    if after is None:
        return False
    facts = knowledge().facts(joined + after.group(1))
    return facts.zipf >= _SPLIT_WORD_ZIPF and not facts.known_name


# A word written apart by the recogniser is one wordfreq knows at least this often.
_SPLIT_WORD_ZIPF = 1.5


def _without_split_start(name: str) -> str:
    """ "boy sen jens boysen": words heard apart at the start, then the name said whole; the
    split try goes."""
    words = name.split()
    for k in range(2, len(words) - 1):
        joined = "".join(words[:k]).casefold()
        if len(joined) > 3 and any(w.casefold() == joined for w in words[k:]):
            return " ".join(words[k:])
    return name


# "Einer von unseren Arbeitern hat sich einen Zahn abgebrochen, der Herr Chinedu Eze.": an
# article, a salutation and a full name after a comma: someone spoken of, never the speaker.
_APPOSED_PERSON_RE = re.compile(
    r",\s+(?:der|die|den|dem)\s+(?:Herr|Herrn|Frau)\s+"
    r"(?P<name>[A-ZÄÖÜ][\w'’-]+\s+[A-ZÄÖÜ][\w'’-]+)\s*(?=[.,;!?]|$)"
)


def _apposed_persons(text: str, ctx: Context) -> list[tuple[str, str]]:
    """Who is named in such an apposition, and whether the call is about them: yes when
    their sentence speaks of a client, an employee or a relative, or the call books for
    someone else."""
    found = []
    for said in _APPOSED_PERSON_RE.finditer(text):
        start = max(text.rfind(".", 0, said.start()), text.rfind("?", 0, said.start())) + 1
        words = {client_noun_of(w) for w in _TOKEN_RE.findall(text[start : said.start()].lower())}
        about = ctx.booking_for_other or bool(words & (_CLIENT_NOUNS | RELATIONS))
        found.append((said.group("name"), "patient" if about else "other"))
    return found


# Particles that are also dialect articles ("da Wallner Thomas", "de Mia"): they lead a
# surname only as the agent says it too ("Herr De Luca").
_ARTICLE_PARTICLES = frozenset({"da", "de", "d"})


def _greeting_then_name(
    tokens: list[str], agent_names: Sequence[str] = (), particled: Container[str] = frozenset()
) -> str | None:
    """After a greeting, two or three words that every name list knows, then the speech goes
    on ("grüß gott Huber Michael ähm mei Hausarzt …"). The agent's name right after the
    greeting is said to the agent ("grüezi Noah, Lenz do")."""
    i = 0
    while i < len(tokens) and (tokens[i].lower() in _GREETING_WORDS or tokens[i].lower() in _SKIP):
        i += 1
    if i == 0:
        return None  # no greeting: "Gestern Abend …" starts a sentence, not a name
    agents = {w.casefold() for name in agent_names for w in name.split()}
    if i < len(tokens) and tokens[i].casefold() in agents:
        i += 1
    run: list[str] = []
    table = knowledge()
    unlisted = 0
    while (
        i + 1 < len(tokens)
        and tokens[i].lower() in NAME_PARTICLES
        and _is_cap(tokens[i + 1])
        and (
            tokens[i].lower() not in _ARTICLE_PARTICLES
            or fold(f"{tokens[i]} {tokens[i + 1]}") in particled
        )
    ):
        run.append(tokens[i])  # "grüezi äh de Luca Antonio": a surname's particles lead
        i += 1
    while (
        i < len(tokens)
        and sum(w.lower() not in NAME_PARTICLES for w in run) < 3
        and _is_cap(tokens[i])
    ):
        if _particle_then_name(tokens, i + 1) and tokens[i + 1].lower() in NAME_PARTICLES:
            # "rafael oliveira dos santos": particles inside the surname
            run.append(tokens[i])
            i += 1
            while i < len(tokens) and tokens[i].lower() in NAME_PARTICLES:
                run.append(tokens[i])
                i += 1
            continue
        facts = table.facts(tokens[i])
        if facts.word_dominant or facts.noun_not_name:
            return None
        if not facts.known_name:
            # A surname no list knows ("kusnezow andrej"), beside a first name that is
            # listed, and itself no word: rare in any text, and no noun.
            if facts.common_noun or facts.zipf >= _UNLISTED_ZIPF_MAX:
                return None
            unlisted += 1
        run.append(tokens[i])
        i += 1
    ends = i == len(tokens) or not _is_cap(tokens[i]) or tokens[i].lower() in FILLERS
    words = [w for w in run if w.lower() not in NAME_PARTICLES]
    if unlisted and (unlisted > 1 or len(words) != 2 or not any(map(is_first_name, words))):
        return None
    if len(words) < 2 or not ends:
        return None
    lead = next(k for k, w in enumerate(run) if w.lower() not in NAME_PARTICLES)
    if lead and len(run) == lead + 2:
        # "de Luca Antonio": the particles begin the surname, said first; the first name last
        return f"{run[-1]} {' '.join(run[:-1])}"
    return " ".join(run)


_UNLISTED_ZIPF_MAX = 2.5  # wordfreq's Zipf scale: about once in 3 million words


# "nee der name ich heiß freitag martina freitag": the words that announce the name.
_INTRO_LEADS = word_set("ich i der name mein heiß heiße heisse hoaß hoas ist is isch")


def _surname_first_surname(tokens: list[str]) -> str | None:
    """ "kordel heike kordel ich hab …": after greetings, a word, a first name and the same
    word again are a surname said, then the full name, as one introduces oneself."""
    i = 0
    skip = _GREETING_WORDS | _SKIP | _INTRO_LEADS | {","}
    while i < len(tokens) and tokens[i].lower() in skip:
        i += 1
    words = [t for t in tokens[i : i + 6] if t != ","]
    # "de luca francesco de luca": a surname with its particle is two words
    size = 2 if words and words[0].lower() in NAME_PARTICLES else 1
    words = words[: 2 * size + 1]
    surname, first, again = words[:size], words[size : size + 1], words[size + 1 :]
    if len(words) < 2 * size + 1 or [fold(w) for w in surname] != [fold(w) for w in again]:
        return None
    word = surname[-1]
    if fold(word) == fold(first[0]) or not is_first_name(first[0]):
        return None
    if not word.isalpha() or len(word) < 3:
        return None
    if word.lower() in FUNCTION_WORDS or word.lower() in _SKIP:
        return None  # "da Hannes da": "here", not a name
    return " ".join([first[0], *again])  # the validator restores the capitals


# The caller takes back what they just said: "hier ist Thomas Grebe – äh, nein, Quatsch".
_CORRECTION_WORDS = (
    r"nein|nee|quatsch|schmarrn|blödsinn|unsinn|falsch|korrektur|ich meine|ich meinte|"
    r"verzeihung|entschuldigung|"
    # in dialect: Bavarian "naa", Swiss "nei", "nä", "nö"; "Moment", "i mein"
    r"naa|nei|nä|nö|moment|i mein|ich mein|i moan"
)
_SELF_CORRECTION_RE = re.compile(rf"\b(?:{_CORRECTION_WORDS})\b", re.IGNORECASE)


def _said_at(text: str, m: Mention, start: int = 0) -> int | None:
    """Where the mention's first word is said in the turn, from `start` on."""
    first_word = (m.verdict.name or "").split()[0]
    said = re.compile(rf"\b{re.escape(first_word)}\b", re.IGNORECASE).search(text, start)
    return said.start() if said else None


def _said_before(text: str, m: Mention, end: int) -> bool:
    at = _said_at(text, m)
    return at is not None and at < end


def _correction_after(text: str, m: Mention) -> int | None:
    """Where a self-correction after the mention ends ("Peter, nein, Paul Lange"); None when
    there is none after it ("Goedemiddag, äh, Entschuldigung, guten Tag. Mein Name ist …")."""
    corrected = _SELF_CORRECTION_RE.search(text, _said_at(text, m) or 0)
    return corrected.end() if corrected else None


def _corrects_after(text: str, intro: Mention) -> bool:
    return _correction_after(text, intro) is not None


# "äh nee Quatsch, Johann is mein Vadder, Jan Hendrik Többen": the slip was a relative's name,
# the caller's own follows at once.
_KIN_SLIP_RE = re.compile(
    r"(?:\w+|das|dat|des|dit)\s+(?:is|ist|war)\s+(?:ja\s+|doch\s+)?"
    r"(?:mein|meine|meim|mei|min|miin|meiner)\s+(?P<kin>\w+)[\s,.:;–-]*"
    r"(?P<name>[A-ZÄÖÜ][\w'’-]*(?:\s+[A-ZÄÖÜ][\w'’-]*){0,2})"
)


def _named_after_kin_slip(text: str, corrected: int, slip: Mention, ctx: Context) -> Mention | None:
    end = corrected
    while (gap := _CORRECTION_GAP_RE.match(text, end)) is not None and gap.end() > end:
        end = gap.end()
    said = _KIN_SLIP_RE.match(text, end)
    if said is None or said.group("kin").lower() not in _RELATION_WORDS:
        return None
    verdict = validate_name(
        said.group("name"), agent_names=ctx.agent_names, staff_names=ctx.staff_names
    )
    return Mention(verdict, "caller", "answer", slip.turn) if verdict.ok else None


def _retract_corrected_answer(found: list[Mention], text: str, ctx: Context) -> list[Mention]:
    """ "Lehmann – ach Quatsch, so hieß ich früher. Strauß, Gabriele Strauß": an answer taken
    back by a self-correction, with a name after it, is no longer the caller's; so too "bauer
    uwe äh nee das is mein mann ich bin gisela bauer", introduced after the correction."""
    answers = [m for m in found if m.role == "caller" and m.kind == "answer"]
    corrected = _correction_after(text, answers[0]) if answers else None
    if corrected is None:
        return found
    first = answers[0]
    key = fold(first.verdict.name or "")
    later = [
        m
        for m in found
        if m.role == "caller"
        and fold(m.verdict.name or "") != key
        and (
            m.kind == "bare"
            or (
                # a full name: a lone new surname keeps the answer's first name (below)
                m.kind in ("intro", "weak")
                and m.verdict.first_name is not None
                and _said_at(text, m, corrected) is not None
            )
        )
    ]
    if not later and (after_kin := _named_after_kin_slip(text, corrected, first, ctx)):
        # the relative was the slip, not the name after the relation word ("mein Opa Sören")
        own = fold(after_kin.verdict.name or "")
        found = [m for m in found if fold(m.verdict.name or "") != own or m.role == "caller"]
        found, later = [*found, after_kin], [after_kin]
    if not later or any(key in fold(m.verdict.name or "").split() for m in later):
        return found
    return [
        Mention(m.verdict, "caller", "answer" if m.kind == "bare" else m.kind, m.turn)
        if m is later[0]
        else Mention(m.verdict, "other", "retracted", m.turn)
        if m is first
        else m
        for m in found
    ]


def _retract_corrected_patient(found: list[Mention], text: str) -> list[Mention]:
    """ "Wie heißt Ihre Tochter?" - "Eleni, äh nein, Entschuldigung, Sofia. Eleni ist die
    Große": the name answered first, taken back for the one said after the correction."""
    answers = [m for m in found if m.role == "patient" and m.kind == "answer"]
    if len(answers) < 2:
        return found
    corrected = _correction_after(text, answers[0])
    slip = fold(answers[0].verdict.name or "")
    if corrected is None or not any(
        # a first name said anew, not a surname mended ("Theresia Meyer – na, Maier")
        fold(m.verdict.name or "") != slip
        and m.verdict.first_name is not None
        and _said_at(text, m, corrected) is not None
        for m in answers[1:]
    ):
        return found
    return [
        Mention(m.verdict, "other", "retracted", m.turn) if m is answers[0] else m for m in found
    ]


# What may stand between a self-correction and the name it gives ("äh nee Quatsch Wagner").
_CORRECTION_GAP_RE = re.compile(
    rf"[\s,.:;–-]*(?:{_CORRECTION_WORDS}|äh|ähm|öh|sorry|also|doch)\b[\s,.:;–-]*", re.IGNORECASE
)
_NAME_RUN_RE = re.compile(r"[\s,.:;–-]*([A-ZÄÖÜ][\w'’-]*(?:\s+[A-ZÄÖÜ][\w'’-]*)?)")


def _named_right_after_correction(text: str, intro: Mention, ctx: Context) -> Mention | None:
    """ "sie sprechen mit frau weber äh nee quatsch wagner ich sitz …": unpunctuated, the
    corrected name follows the correction words directly, with no clause of its own."""
    end = _correction_after(text, intro)
    if end is None:
        return None
    while (gap := _CORRECTION_GAP_RE.match(text, end)) is not None and gap.end() > end:
        end = gap.end()
    run = _NAME_RUN_RE.match(text, end)
    if run is None:
        return None
    slipped = {fold(w) for w in (intro.verdict.name or "").split()}
    # "nei entschuldigung bühlmann meier isch min ledigname": the slip, named again, is no part
    words = [w for w in run.group(1).split() if fold(w) not in slipped]
    if not words:
        return None
    verdict = validate_name(
        " ".join(words), agent_names=ctx.agent_names, staff_names=ctx.staff_names
    )
    # It takes the introduction's place: "sie sprechen mit … Wagner" introduces Wagner.
    return Mention(verdict, "caller", "intro", intro.turn) if verdict.ok else None


def _corrected_surname(intro: Mention, later: list[Mention], ctx: Context) -> Mention | None:
    """The introduction with its surname corrected, when the correction is one surname."""
    first = intro.verdict.first_name
    if first is None or len(later) != 1 or later[0].verdict.first_name is not None:
        return None
    word = later[0].verdict.name or ""
    if " " in word or is_first_name(word):
        return None
    verdict = validate_name(
        f"{first} {word}", agent_names=ctx.agent_names, staff_names=ctx.staff_names
    )
    return Mention(verdict, "caller", "intro", intro.turn) if verdict.ok else None


def _new_surname_after_answer(found: list[Mention], ctx: Context, text: str) -> list[Mention]:
    """ "Hofer, Daniela Hofer. Ah naa, Moment, seit der Hochzeit heiß i ja Rottmoser": a full
    name answered, then corrected by a surname alone; the first name stays the caller's."""
    answers = [
        m for m in found if m.role == "caller" and m.kind == "answer" and m.verdict.first_name
    ]
    intros = [m for m in found if m.role == "caller" and m.kind == "intro"]
    if not answers or len(intros) != 1 or not _corrects_after(text, answers[-1]):
        return found
    fixed = _corrected_surname(answers[-1], intros, ctx)
    if fixed is None:
        return found
    return [
        fixed
        if m is intros[0]
        else Mention(m.verdict, "other", "retracted", m.turn)
        if m in answers
        else m
        for m in found
    ]


def _beside_introduction(found: list[Mention], ctx: Context, text: str) -> list[Mention]:
    """ "Claudia Beck, und ich bin der Werner Beck": when the caller introduces themself, the
    other name answered in the same turn is someone else's, the patient's in a booking. After
    a self-correction the later name is the caller's and the introduction is taken back."""
    relatives = {
        fold(m.verdict.name or "")
        for m in found
        if m.role == "patient" or (m.role == "other" and m.kind == "relation")
    }
    if relatives:
        # "hier ist Lena … nein, Lena ist meine Tochter": the introduction is taken back.
        found = [
            Mention(m.verdict, "other", "retracted", m.turn)
            if m.role == "caller"
            and m.kind in ("intro", "weak")
            and fold(m.verdict.name or "") in relatives
            else m
            for m in found
        ]
    found = _retract_corrected_answer(_retract_corrected_patient(found, text), text, ctx)
    found = _new_surname_after_answer(found, ctx, text)
    intros = [m for m in found if m.role == "caller" and m.kind == "intro"]
    if not intros:
        return found
    if _corrects_after(text, intros[0]):
        # "Hier ist Frau Mon… nee, Quatsch … Ich bin Renate Albers": "ich bin" after the
        # correction names the caller as surely as a bare name does.
        later = [
            m
            for m in found
            if m.role == "caller" and m.kind in ("bare", "weak") and m not in intros
        ]
        if not later:
            right_after = _named_right_after_correction(text, intros[0], ctx)
            later = [right_after] if right_after is not None else []
            found = [*found, *later]
        surname = _corrected_surname(intros[0], later, ctx)
        if surname is not None:
            # "Katrin Brandl, äh, Schmarrn, Hoffmann": only the surname was the slip.
            return [surname if m is intros[0] else m for m in found]
        if later:
            return [
                Mention(m.verdict, "other", "retracted", m.turn) if m in intros else m
                for m in found
            ]
        slip = fold(intros[0].verdict.name or "")
        renamed = [m for m in intros[1:] if fold(m.verdict.name or "") != slip]
        if intros[0].verdict.last_name and len(renamed) == 1:
            # "hier ist Aylin Öztürk … ach nee, Quatsch, ich heiße ja jetzt Şahin": a full
            # name, then a surname alone after the correction; the first name stays.
            fixed = _corrected_surname(intros[0], renamed, ctx)
            if fixed is not None:
                return [fixed if m is intros[0] else m for m in found]
        if renamed:
            # "Mein Name ist Luca – nä, Quatsch, des is ja mein Bub. Isch bin die Nadine
            # Recktenwald": a second introduction after the correction replaces the first.
            return [
                Mention(m.verdict, "other", "retracted", m.turn)
                if m in intros and fold(m.verdict.name or "") == slip
                else m
                for m in found
            ]
    # A "first name" no list knows is the first part of a surname said without its hyphen
    # ("Gaiser Lamparter ist mein Name, Doris"): that introduction names no one by first name.
    own = {
        m.verdict.first_name.casefold()
        for m in intros
        if m.verdict.first_name and is_first_name(m.verdict.first_name)
    }
    if not own:
        # "Esser" alone introduces no one else than "Petra Esser" might be
        return _first_name_after_surname_of_two_words(found)
    patients = {
        (m.verdict.first_name or m.verdict.name or "").casefold()
        for m in found
        if m.role == "patient"
    }
    role = "patient" if ctx.booking_for_other or patients else "other"
    return [
        Mention(m.verdict, role, "relation", m.turn)
        if m.role == "caller"
        and m.kind in ("answer", "bare")
        and m.verdict.first_name
        and m.verdict.first_name.casefold() not in own
        and not _restates(m, intros)
        else m
        for m in found
    ]


_IBERIAN_LETTERS = frozenset("áéíóúñãõçÁÉÍÓÚÑÃÕÇ")


def _first_name_after_surname_of_two_words(found: list[Mention]) -> list[Mention]:
    """ "Gaiser Lamparter ist mein Name, Doris": an introduction of two words, neither a first
    name, then a first name alone is a surname said without its hyphen, and the caller's first
    name after it."""
    intros = [
        m
        for m in _full_names_of_caller(found, "intro")
        if len((m.verdict.name or "").split()) == 2  # "Sandy Meier Schubert": a full name
        and not is_first_name(m.verdict.first_name or "")
        and not is_first_name(m.verdict.last_name or "")
    ]
    firsts = [
        m
        for m in found
        if m.role == "caller"
        and m.kind == "bare"
        and m.verdict.first_name
        and not m.verdict.last_name
        and is_first_name(m.verdict.first_name)
    ]
    if len(intros) != 1 or len(firsts) != 1:
        return found
    intro, given = intros[0], firsts[0].verdict.first_name
    # A German double surname is written with its hyphen, a Spanish or Portuguese one with
    # its space ("Ibáñez Romero").
    said = intro.verdict.name or ""
    surname = said if _IBERIAN_LETTERS.intersection(said) else "-".join(said.split())
    verdict = replace(intro.verdict, name=f"{given} {surname}", first_name=given, last_name=surname)
    return [Mention(verdict, "caller", "intro", intro.turn) if m is intro else m for m in found]


def _restates(m: Mention, intros: list[Mention]) -> bool:
    """ "da is die Wimmer Kathi – ah, Katharina Wimmer": the introduction's surname again, with
    the full form of its first name, is the caller's name in full, not another person's."""
    first, last = fold(m.verdict.first_name or ""), fold(m.verdict.last_name or "")
    for intro in intros:
        words = {fold(w) for w in (intro.verdict.name or "").split()}
        if last not in words:
            continue
        for short in words - {last}:
            if is_short_form_of(short, first):
                return True
    return False
