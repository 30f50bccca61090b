"""Word lists for telling names from the rest of German phone speech.

All sets hold lower-case words. Real surnames that are also ordinary words (Koch, Vogel, Wolf,
Sommer, Klein, Ernst, Stein, Kurz, Jung, Lang, Fuchs, ...) are deliberately absent from every
stop-list: the turn structure, not the lexicon, decides whether such a word was a name.
"""

from __future__ import annotations

import functools
import re
import unicodedata


def word_set(words: str) -> frozenset[str]:
    """A set from a space-separated word list (long lists stay readable)."""
    return frozenset(words.split())


GREETINGS = word_set(
    "guten gute tag tach morgen abend hallo halli hallöchen hi hey servus moin moinsen grüß "
    "grüss gott grüezi tschüss tschüs tschau ciao wiederhören wiedersehen willkommen moien "
    "mahlzeit schönen schönes schöne herzlich gruß gruss adieu bye gude griaß griass grüessech "
    "grüessi grüezi salü hoi ade pfiat uf widerluege wiederluege tschüssle sali grüessdi "
    "grüessech zäme "
    "tagwohl "  # Upper Valais "Tagwohl"
    "enk "  # Tyrolean "Griaß enk", "Pfiat enk" (you, plural)
    # Bavarian greetings run together by the recogniser ("ja griaßeana wagensonner alois")
    "griaßeana griasseana griaßdi griasdi griaßgod habedere "
    # greetings of other languages before the German one ("Buongiorno, äh, guten Tag")
    "buongiorno buonasera bonjour bonsoir merhaba salam selam hola hello salut zdravo namaste "
    "shalom servas kalimera kalispera günaydın "
    "pronto salve "  # Italian, answering the phone
    # Dutch, Polish, Czech, Spanish ("Goedemiddag, äh, guten Tag"); not "den", "dan", "dia":
    # parts of names too
    "goedemiddag goedemorgen goedenavond goedendag dobry dobrý dzień buenos buenas días "
    "tardes "
    # Portuguese and Romanian ("bom dia, äh, guten Tag", "bună ziua")
    "bom boa tarde noite bună buna ziua "
    "joden daach "  # Kölsch "Joden Daach"
    # Scandinavian and other greetings, and thanks in the caller's first language ("Hej, guten
    # Tag. Kjærgaard, Søren.", "Obrigada!", "Faleminderit, äh, danke!")
    "hej hejsa olá obrigado obrigada gracias grazie efcharistó efcharisto faleminderit hvala "
    "köszönöm dziękuję dziekuje spasibo teşekkürler tesekkürler shukran arigato kiitos cześć"
)

FILLERS = word_set(
    "ja jaja jo jep nein nee ne nö genau jenau äh ähm öhm hm hmm mhm aha ähem also okay ok oké "
    "gut "
    "klar gerne bitte danke dankeschön moment augenblick sekunde sorry entschuldigung "
    "entschuldigen pardon perfekt super prima toll passt richtig stimmt korrekt natürlich sicher "
    "doch na ach oh ah eben halt mal gerade grad grade eigentlich quasi sozusagen irgendwie "
    "wirklich echt wunderbar alles selbst vielen dank tja naja jetzt so und aber nun ebenfalls "
    "gleichfalls vielleicht bestimmt sofort schnell kurzum schade och ah äh öh uff hach oje "
    "ojemine huch hoppla mensch boah oha ui nu hä ups achso selbstverständlich logisch "
    "sicherlich gewiss freilich jawohl jawoll momentchen augenblickchen sekündchen wie bitte "
    "warten sie mal genauso einverstanden ha haha noi jo joa nä gell gelle hoi merci baba "
    "tschö tschüssi hömma jut jep jau yo wallah bruder digga alter ey no si sì ei naa nö hajo woll "
    "gä herrje jessas mannomann gudde gudden gottle herrgottle gottogott jesses gottchen "
    # Swiss "Ou" (oh), Palatinate and Saarland "alla hopp" (well then, off we go)
    "ou alla hopp "
    "eh "  # Austrian and Bavarian "anyway" ("Eh, der Kevin weiß eh, wer i bin")
    # Kölsch "Gott" ("Ach Jott, Kind", "Jöttchen")
    "jott jöttche jöttchen "
    # laughter as transcribed ("martina freitag hihi das fragen alle")
    "hihi hehe hahaha hihihi hoho"
)

# Exclamations made of names ("Mensch Meier!", "Jesses Maria und Josef!"): no one's name.
EXCLAMATION_RE = re.compile(
    # (also run together by the recogniser: "jessasmaria")
    r"\b(?:mensch\s*m[ae][iy]er|(?:jesus|jesses|jessas|jessesgott)\s*maria(?:\s+und\s+josef)?|"
    r"maria\s+und\s+josef|"
    # exclamations of other languages that look like names: "Mon Dieu", "Mamma mia"
    r"mon\s+dieu|mamma\s+mia|madre\s+mia|dios\s+m[ií]o|o\s+gott|allah\s+allah|"
    r"aman\s+allah|matko\s+boska|bo[zż]e\s+m[oó]j|oh\s+my\s+god|"
    # Portuguese and Spanish "Ai, meu Deus", "Ay, Dios"
    r"a[iy],?\s+(?:meu\s+deus|dios(?:\s+m[ií]o)?)|meu\s+deus|ya\s+allah)\b[,.!]?",
    re.IGNORECASE,
)

INTENT_WORDS = word_set(
    "termin termine terminen gebucht buchen buche hätte hätt möchte möcht möchten würde würd "
    "bräuchte bräucht brauche brauch brauchen will wollte wollt wollen vereinbaren ausmachen "
    "absagen verschieben stornieren neu neue neuer beratung frage fragen anmelden rufe ruf "
    "anrufen anrufe melde melden wegen behandlung untersuchung rezept überweisung haarschnitt "
    "massage krankschreibung impfung sprechstunde gesprächstermin vorbeikommen kommen komme "
    "hilfe helfen suche suchen interesse ausfallen erkältet krank unterwegs zurückrufen "
    "rückruf"
)

WEEKDAYS = word_set(
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag montags dienstags "
    "mittwochs donnerstags freitags samstags sonntags "
    # Swiss and Alemannic weekdays ("mäntig am zehni")
    "mäntig zischtig mittwuch dunschtig donnschtig fritig samschtig sunntig"
)

TIME_WORDS = WEEKDAYS | word_set(
    "morgen übermorgen heute gestern vorgestern vormittag vormittags nachmittag nachmittags "
    "abends mittag mittags früh frühs nacht nachts uhr halb viertel dreiviertel minute minuten "
    "stunde stunden woche wochen wochenende monat monate jahr jahre januar jänner februar märz "
    "april mai juni juli august september oktober november dezember nächste nächsten nächster "
    "nächstem kommende kommenden diese diesen dieser vorhin später bald demnächst datum "
    "mittwochvormittag morgens abend "
    # Swiss and Bavarian "morgen", "heute", "übermorgen" ("morn am vieri", "hüt", "moang")
    "morn moorn hüt hüüt übermorn moang "
    # the year's feasts ("da is fasching in der schul", "vor Ostern")
    "fasching fastnacht fasnacht fasnet karneval ostern pfingsten weihnachten silvester neujahr "
    "advent "
    # Hessian and Palatinate "die Woch" (this week)
    "woch"
)

# Number words, including compounds such as "achtzehn", "dreiundzwanzig", "zwölfter", and
# Saxon and Thuringian "zwee".
# Number words and ordinals: built from the pieces below, with at least one numeral in them
# (endings alone, "Sten", "Steen", "Ester", are names or words, not numbers).
NUMBER_RE = re.compile(
    r"^(?=.*(?:ein|zwei|zwo|zwee|drei|vier|fünf|sech|sieb|acht|neun|zehn|elf|zwölf|zwan|dreiß|"
    r"hundert|tausend|zig|ßig|null|erst|zweit|dritt|viert|füf|föif|sächs|nüün|zäh|drü|zwöi))"
    r"(?:ein|eins|zwei|zwo|zwee|drei|vier|fünf|sechs|sech|sieben|sieb|acht|neun|zehn|elf|zwölf|"
    r"zwan|dreiß|hundert|tausend|und|zig|ßig|null|erst|zweit|dritt|viert|te|ten|ter|tes|tem|"
    r"ste|sten|ster|stes|stem|e|en|er|es|em|"
    # Swiss: "zwölfi füfzäh", "sächsi", "drü", "zwöi", "nüün" (not a bare "-i": "Elfi", "Vieri")
    r"zwölfi|sächsi|achti|zähni|nüni|füf|föif|fuf|sächs|sibe|nüün|nün|zäh|drü|zwöi)+$"
)

PLACEHOLDERS = word_set(
    "anonym anonymous anonyme anonymer anonymen unbekannt unbekannter unbekannte unknown none "
    "null nil nan undefined n/a kunde kundin kunden patient patientin patienten anrufer "
    "anruferin caller customer user test testkunde testanruf niemand keiner keine mustermann "
    "musterfrau name vorname nachname angegeben unbenannt unterdrückt rufnummer privat "
    "teilnehmer inhaber xxx"
)

# Words a caller uses for the person an appointment is for.
RELATIONS = word_set(
    "mutter mama vater papa sohn sohnemann tochter mann ehemann frau ehefrau gattin gatte "
    "partner partnerin lebensgefährte lebensgefährtin kind kinder kleine kleinen baby enkel "
    "enkelin enkelsohn enkeltochter enkelkind oma omi opa großmutter großvater schwiegermutter "
    "schwiegervater schwiegersohn schwiegertochter bruder schwester onkel tante nichte neffe "
    "cousin cousine patientin patienten klientin klienten bewohnerin bewohner pflegekind "
    "stiefsohn stieftochter freundin freund mudder mutti mami vadder vati papi bua bub bube "
    "bueb madl mädel mädchen lehrling azubi auszubildende auszubildender "
    "mitarbeiter mitarbeiterin angestellte angestellter schützling klient klientin "
    # Swiss, Bavarian and Austrian forms ("mini Mueter", "mei Muadda", "da Vatta").
    "mueter muetter mueti vatter vatti ätti grosi grossmueter grossvatter grossmami grosspapi "
    "meitli chind schwöschter brüeder muadda muatta mudda vadda vatta oma opa maa fründ fründin "
    "büebli meitschi grossätti grosschind grosskind grosschinder enkelkinder "
    # Kölsch ("ming Mamm", "mi Möhn"); "Broder" is also a Frisian first name, see mentions.
    "mamm möhn "
    # Palatinate and Hessian ("isch bin die Mamme", "de Babbe")
    "mamme babbe "
    # Plattdeutsch ("mien Deern", "mien Lütten", "mien Fru"): daughter, little one, wife.
    "deern lütten lütte fru "
    # whom an event business books for ("die Braut Frau Leyla Hamdan")
    "braut bräutigam "
    # English, as callers mix it in ("ich bin der Mann, äh, husband"); not "son" (Vietnamese Sơn)
    "husband wife daughter mother father brother sister "
    # Palatinate, Hessian and Bavarian daughter and grandchild ("mei Dochder", "fürs Enkerl")
    "dochder dochter enkerl enkerle "
    # Bavarian and Austrian father and mother ("wegen meim Vata"), Ruhr grandparents ("meine
    # Omma")
    "vata muata mutta omma oppa ommi oppi buam buben "
    # the eldest child ("für meinen Großen, den Elias"), like "die Kleine"
    "großen"
)

# Care staff go by their role and first name ("Pfleger Dennis", "Schwester Anke", "ich bin der
# Pfleger, Murat"); as a surname ("Anna Pfleger") the word stays.
CARE_TITLES = word_set("pfleger pflegerin krankenpfleger krankenpflegerin schwester erzieherin")

# Markers after which a name belongs to someone merely mentioned (or a former name).
MENTION_MARKERS = word_set(
    "nachbar nachbarin nachbarn kollege kollegin kollegen chef chefin bekannte bekannter "
    "chefs geschäftsführer geschäftsführers geschäftsführerin inhaber inhabers inhaberin "
    "früher geborene geborener geb ehemals vorher mädchenname geburtsname empfohlen "
    "hausarzt hausärztin arzt ärztin orthopäde orthopäden zahnarzt"
)

FUNCTION_WORDS = word_set(
    "ich du er sie es wir ihr mir mich misch dir dich ihm ihn uns euch ihnen mein meine meinen "
    "meinem meiner meins dein deine deinen sein seine seinen seinem ihre ihren ihrem ihrer "
    "unser unsere unseren euer die das den dem des ein eine einen einem einer und oder aber "
    "wenn weil dass daß ob als wie wo was wer wen wem wann warum wieso weshalb nicht kein "
    "keine keinen noch schon auch nur sehr dann denn da dort hier dahin hin her mit für bei "
    "aus nach vor über unter zwischen durch gegen ohne um an am im in ins zum zur auf ab bis "
    "seit bin bist ist sind seid war waren wäre wären habe hab hat haben hatte hatten kann "
    "kannst können könnte könnten muss musst müssen müsste soll sollte wird werde werden "
    "geht gehe gehen mache machen macht sag sage sagen sagt wissen heiße heiße heißt "
    "heißen heisse heisst spreche spricht sprechen apparat telefon leitung praxis salon "
    "arzt doktor frisör friseur sehen gesehen hören höre hört verstehe verstanden gibt "
    "geben mehr viel wenig etwas nichts man jemand alle jeder dies dieses jenes welche "
    "welcher welchen leider gleich immer nie nochmal wieder zurück dabei dafür davon dazu "
    "sowie sonst trotzdem weiter bitteschön ordnung zeit "
    # Spoken forms of pronouns and articles ("warten Se", "ham Se", "'n Termin").
    "se ses ick icke isch mer mir'n nen 'nen "
    "sir madam mister mr mrs ms miss "
    # English that callers of many origins mix in ("my name is … but everybody call me …")
    "my but everybody everyone call calls called the and "
    "is isch ick icke nich nicht net ned nix nüscht dit det wat dat i mi mei wo ihna eana eich "
    "hab han het "
    # Bavarian and Austrian "haben" ("ham Sie morgen no was frei") and "auch" ("i bin aa …")
    "ham hams hamma aa "
    # Swiss, Kölsch and Ruhr "der" ("dr tiago ferreira dä bruucht d prüefig")
    "dä "
    # Hessian and Palatinate "und" ("ach un mein name")
    "un ooch "
    # Swiss and Bavarian possessives ("mit mim Ma", "für mini Mueter", "mit meim Buam").
    "mim mini minere minera mis meim meini dim dini "
    # Swiss "nei" (no), Bavarian "nei", "naus", "nauf", "nunter", "aufi" (in, out, up, down).
    "nei naus nauf nunter aufi "
    # Bavarian and Swiss particles ("der hod mi scho amoi behandelt", "gäll", "öppe", "nöd").
    "scho amoi oamoi amol amal hod hob hoid gäll öppe nöd nüt "
    "bisch hesch isses gibts gibt's bissl bisserl a bissel "
    # Northern and eastern "sag" ("moni sach ich doch"); Swiss and Austrian "einfach", "muss",
    # "komme", "aufhören" ("Eifach Seraina", "ich muess ufhöre", "schreibens afach Opa").
    "sach eifach afach oafach muess mues chume chumm chunnt ufhöre "
    # Swiss "bi sit Johre" (for years), "mit em Beat" (with the)
    "bi sit johr johre em "
    # Bernese and Valais "euch" ("i bi scho lang bi ech")
    "ech "
    # "z. Hd.", "zu Händen": to the attention of ("rechnung an die tischlerei z hd heiko …")
    "hd zhd "
    # Swiss "letzte Woche", "will nur", "gewesen", "morgen" ("i bi letscht wuche bi ihne gsi")
    "letscht letschti wuche wott wött nume gsi morn "
    # Berlin and Saxon "kein" ("ick hab keene Kraft mehr", "keen Termin")
    "keen keene keenen keenem keener "
    # How a name is written ("schmidtke zsammgschriebn", "in einem Wort", "getrennt").
    "zusammengeschrieben zusammen zsamm zsammgschriebn zammgschriebn getrennt auseinander"
)

# Westphalian farm names put the family's surname before the farm's: "Meyer zu Hoberge",
# "Schulze zur Wiesch".
FARM_PARTICLES = frozenset({"zu", "zur"})

NAME_PARTICLES = word_set(
    "von zu zur van der den de del della di da dos das du des la le lo ten ter af av al el bin "
    "ibn "
    "dela "  # Filipino "dela Cruz"
    "dalla dal "  # Italian, South Tyrolean "Dalla Torre", "Dal Farra"
    "aït"  # Moroccan Berber "Aït Ouali" ("sons of"); plain "ait" leads no lower-case run
)

# Organisations callers speak for ("Arnold vom Pflegedienst"): never part of a name.
INSTITUTIONS = word_set(
    "praxis firma klinik klinikum krankenhaus pflegedienst apotheke versicherung krankenkasse "
    "stadt gemeinde schule kita kindergarten station abteilung abteilig caritas diakonie "
    "ambulanz heim "
    "pflegeheim seniorenheim büro kanzlei amt team zentrale empfang labor kardiologie "
    "orthopädie radiologie chirurgie notaufnahme pflegestützpunkt sozialstation "
    # the same in Switzerland's and Austria's other languages and in English
    "spitex spital farmacia pharmacie pharmacy clinica clinique clinic ospedale hôpital hopital "
    "hospital laboratorio laboratoire ambulatorium "
    # hospitality and transport firms that carry a person's name ("Ristorante da Gennaro")
    "restaurant ristorante trattoria osteria pizzeria hotel gasthof gasthaus bistro imbiss "
    "spedition"
)

# Legal forms of companies ("Ferreira Reinigungen GmbH", "Huber & Co"): no person bears one.
LEGAL_FORMS = word_set("gmbh mbh ag kg ohg ug gbr kgaa e.v co sàrl sarl ltd llc inc plc")

# Articles callers put before their own name ("hier ist die Jana"); never part of a name.
LEADING_ARTICLES = frozenset({"der", "die", "das", "den"})

SALUTATIONS = {
    "herr": "Herr",
    "herrn": "Herr",
    "frau": "Frau",
    "fräulein": "Frau",
    "frou": "Frau",  # Bernese
}

TITLES = {
    "dr": "Dr.",
    "dr.": "Dr.",
    "doktor": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "prof.": "Prof.",
    "professor": "Prof.",
    "professorin": "Prof.",
    "dipl.-ing.": "Dipl.-Ing.",
    # Austria's everyday academic titles ("Magister Huemer von der Apotheke", "Ing. Gruber").
    "mag": "Mag.",
    "mag.": "Mag.",
    "magister": "Mag.",
    "magistra": "Mag.",
    "ing": "Ing.",
    "ing.": "Ing.",
    "med.": "med.",
    "med": "med.",
    "dent.": "dent.",
    "dent": "dent.",
    "vet.": "vet.",
    "vet": "vet.",
    # Austria's honorary titles, said before the surname ("Herr Hofrat Rhomberg").
    **{
        title: title.capitalize()
        for title in (
            "hofrat",
            "hofrätin",
            "kommerzialrat",
            "kommerzialrätin",
            "regierungsrat",
            "regierungsrätin",
            "medizinalrat",
            "medizinalrätin",
            "oberstudienrat",
            "oberstudienrätin",
            "studienrat",
            "studienrätin",
            "schulrat",
            "schulrätin",
            "amtsrat",
            "amtsrätin",
            # Austria's professional titles ("den Herrn Baumeister Ingenieur Leopold Gruber")
            "baumeister",
            "baumeisterin",
            "ingenieur",
            "ingenieurin",
        )
    },
}


# Letters whose mark no decomposition removes, and ß: their plain letters.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss"})


def plain(word: str) -> str:
    """The word in plain Latin letters, lower case, for comparing forms that differ by marks
    ("Łódź" -> "lodz"); unlike `fold`, "ae" stays "ae"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)  # the same words are folded again and again
def fold(text: str) -> str:
    """Case-, accent- and umlaut-insensitive key ("Müller", "MUELLER", "Muller" -> "muller")."""
    text = text.casefold().replace("ß", "ss").replace("ae", "a").replace("oe", "o")
    text = text.replace("ue", "u").replace("ı", "i")  # Turkish dotless i: no accent to strip
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
