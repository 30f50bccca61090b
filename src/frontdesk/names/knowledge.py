"""What maintained packages know about a word: is it a person's name, is it an ordinary word.

Three packages answer, compiled once into one table:

- `names-dataset` (person names by country, ranked by frequency): first-name and surname ranks
  in Germany, Austria and Switzerland, and the best rank in any other country.
- `wordfreq` (word frequencies): how often the word occurs in German text (Zipf scale).
- `german-nouns` (Wiktionary's German nouns): whether it is a common noun, and whether
  Wiktionary lists it as a first name or a surname.

names-dataset also says how often each first name is a woman's or a man's; first names borne
by one sex at least `GENDER_SHARE` of the time are kept beside the table (`gender_of`).

names-dataset takes about 2 GB and 13 s to load, so the table is compiled from the installed
packages (never downloaded) by `frontdesk names lexicon --build` (run by `make install`) into
a file beside the virtual environment, and each process loads that file once (about 1 s). A
process that finds no file compiles it itself the first time.
"""

from __future__ import annotations

import csv
import gzip
import importlib.metadata
import math
import os
import pickle
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import msgpack

FORMAT_VERSION = 4
DACH = frozenset({"DE", "AT", "CH"})
# Ranks kept: DACH names to the end of the package's lists, other countries' common names.
MAX_DACH_RANK = 20_000
MAX_WORLD_RANK = 3_000
# German word frequencies kept: below this Zipf value a word is "rare" and says nothing.
MIN_ZIPF = 2.0
# A first name's sex is known when names-dataset gives one sex at least this share.
GENDER_SHARE = 0.95
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’-]+$")
# One unsigned 64-bit integer a word: four ranks, Zipf x 10 and three flags.
_FIELDS = (("first_dach", 15), ("last_dach", 15), ("first_world", 12), ("last_world", 12))
_ZIPF_SHIFT, _ZIPF_BITS, _FLAG_SHIFT = 54, 7, 61
_NOUN, _LISTED_FIRST, _LISTED_LAST = 1, 2, 4
_SHIFTS = {name: sum(b for _, b in _FIELDS[:i]) for i, (name, _) in enumerate(_FIELDS)}
_MASKS = {name: (1 << bits) - 1 for name, bits in _FIELDS}


@dataclass(frozen=True)
class WordFacts:
    """What the lexicons say about one word (ranks: 1 = most common; None = not listed)."""

    first_rank_dach: int | None
    last_rank_dach: int | None
    first_rank_world: int | None
    last_rank_world: int | None
    zipf: float
    common_noun: bool
    listed_first: bool
    listed_last: bool

    @property
    def first_name(self) -> bool:
        """Could be a first name: common in DACH or elsewhere, or listed by Wiktionary."""
        return self.listed_first or _common(self.first_rank_dach, self.first_rank_world)

    @property
    def surname(self) -> bool:
        return self.listed_last or _common(self.last_rank_dach, self.last_rank_world)

    @property
    def known_name(self) -> bool:
        return self.first_name or self.surname

    @property
    def best_rank(self) -> int | None:
        """The word's best rank as any name anywhere (None: on no ranked list)."""
        ranks = (self.first_rank_dach, self.last_rank_dach, self.first_rank_world)
        return min((r for r in (*ranks, self.last_rank_world) if r), default=None)

    @property
    def noun_as_word(self) -> bool:
        """A common noun used mainly as a word: no name list holds it, or the word far
        outweighs the name ("Bau", "Chef")."""
        return self.common_noun and (self.word_dominant or not self.known_name)

    @property
    def word_dominant(self) -> bool:
        """On a name list, but far more common as a word than as a name ("reicht", "da").

        names-dataset holds noise from social-network profiles; a word's German frequency
        (Zipf) well above its name rank's strength (5 - log10 rank) says which use dominates.
        Real surnames that are words keep their name: "Lang", "Klein", "Kurz", "Ernst".
        """
        if self.best_rank is None:
            return False
        return self.zipf > 5.0 - math.log10(self.best_rank) + 2.5

    @property
    def named_only_abroad(self) -> bool:
        """No curated list holds it, no DACH list ranks it, no country has it as a first name:
        at most a surname somewhere else ("holen", "Labrador")."""
        return (
            not (self.listed_first or self.listed_last)
            and self.first_rank_dach is None
            and self.first_rank_world is None
            and self.last_rank_dach is None
        )

    @property
    def noun_not_name(self) -> bool:
        """A common noun that only the noisy end of a name list holds ("Schreinerei" at first-
        name rank 11,311), and Wiktionary never calls a name."""
        return (
            self.common_noun
            and not (self.listed_first or self.listed_last)
            and (self.best_rank is None or self.best_rank > 5_000)
        )

    @property
    def ordinary_word(self) -> bool:
        """A German word in ordinary use: a common noun, or frequent enough to be one.

        wordfreq folds case, so rare proper nouns (a surname, a brand) have Zipf values near
        2; from 3 on a word no name list knows is an ordinary word.
        """
        return self.common_noun or self.zipf >= 3.0

    @property
    def name_prior(self) -> float:
        """How likely the word, heard where a name may stand, is a name (0..1).

        Known names start high and lose with how ordinary the word is; ordinary words that no
        name list knows are near zero; words no lexicon knows (a rare surname, a brand) sit in
        the middle, so the dialogue has to decide.
        """
        if (
            self.known_name
            and self.word_dominant
            and not self.listed_first
            and not self.listed_last
        ):
            return 0.2
        if self.known_name:
            best = self.best_rank if self.best_rank is not None else MAX_DACH_RANK
            base = 0.95 if best <= 2_000 else 0.85
            return round(base - 0.08 * max(0.0, self.zipf - 3.5), 3)
        if self.ordinary_word:
            return 0.05
        return 0.5


def _common(dach: int | None, world: int | None) -> bool:
    return dach is not None or (world is not None and world <= MAX_WORLD_RANK)


_UNKNOWN = WordFacts(None, None, None, None, 0.0, False, False, False)


class NameKnowledge:
    """The compiled table: one dictionary lookup per word."""

    def __init__(
        self, table: dict[str, int], meta: dict[str, object], genders: dict[str, str]
    ) -> None:
        self._table = table
        self._genders = genders
        self.meta = meta

    def gender_of(self, first_name: str) -> str | None:
        """ "F" or "M" for a first name borne by one sex nearly always (names-dataset), else
        None (unknown, or given to both: Andrea, Kim)."""
        return self._genders.get(first_name.casefold())

    def __len__(self) -> int:
        return len(self._table)

    def facts(self, word: str) -> WordFacts:
        return self._facts(word.casefold())

    @lru_cache(maxsize=65_536)  # noqa: B019 - one table per process, kept for its lifetime
    def _facts(self, key: str) -> WordFacts:
        row = self._table.get(key)
        if row is None:
            return _UNKNOWN
        first_dach, last_dach, first_world, last_world = (
            (row >> _SHIFTS[name]) & _MASKS[name] or None for name, _ in _FIELDS
        )
        flags = row >> _FLAG_SHIFT
        return WordFacts(
            first_dach,
            last_dach,
            first_world,
            last_world,
            ((row >> _ZIPF_SHIFT) & ((1 << _ZIPF_BITS) - 1)) / 10,
            bool(flags & _NOUN),
            bool(flags & _LISTED_FIRST),
            bool(flags & _LISTED_LAST),
        )


# --- compiling the table from the installed packages ---------------------------------------


def _versions() -> dict[str, str]:
    return {
        pkg: importlib.metadata.version(pkg)
        for pkg in ("names-dataset", "wordfreq", "german-nouns")
    }


def cache_path() -> Path:
    """Where the compiled table lives: FRONTDESK_NAMES_CACHE_DIR, else beside the venv."""
    folder = os.environ.get("FRONTDESK_NAMES_CACHE_DIR") or str(
        Path(sys.prefix) / "share" / "frontdesk"
    )
    tag = "-".join(f"{k}{v}" for k, v in sorted(_versions().items()))
    return Path(folder) / f"name-knowledge-v{FORMAT_VERSION}-{tag}.msgpack.gz"


def _best_ranks(ranks: dict[str, int]) -> tuple[int, int]:
    dach = min((r for c, r in ranks.items() if c in DACH and r), default=0)
    world = min((r for c, r in ranks.items() if c not in DACH and r), default=0)
    if dach > MAX_DACH_RANK:
        dach = 0
    if world > MAX_WORLD_RANK:  # also keeps it within its 12 bits
        world = 0
    return dach, world


def _name_ranks() -> Iterator[tuple[str, int, int, int, str | None]]:
    """(word, kind 0=first/1=surname, DACH rank, world rank, sex) from names-dataset's files;
    the sex ("F"/"M") only of a first name that nearly always has one."""
    import names_dataset

    folder = Path(names_dataset.__file__).parent / "v3"
    for kind, filename in ((0, "first_names.pkl.gz"), (1, "last_names.pkl.gz")):
        with gzip.open(folder / filename, "rb") as handle:
            data = pickle.load(handle)  # the package's own data file, read as the package does
        for name, info in data.items():
            if not _LATIN.match(name):
                continue
            dach, world = _best_ranks(info.get("rank") or {})
            if dach or world:
                sex = _sex_of(info.get("gender") or {}) if kind == 0 else None
                yield name.casefold(), kind, dach, world, sex
        del data


def _sex_of(shares: dict[str, float]) -> str | None:
    sex = max(shares, key=lambda k: shares[k], default=None)
    return sex if sex in ("F", "M") and shares[sex] >= GENDER_SHARE else None


def _noun_flags() -> Iterator[tuple[str, int]]:
    from german_nouns.config import CSV_FILE_PATH

    with open(CSV_FILE_PATH, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            lemma, pos = row[0], row[1]
            if not lemma or " " in lemma or not _LATIN.match(lemma):
                continue
            kinds = set(pos.split(","))
            flags = 0
            if "Vorname" in kinds:
                flags |= _LISTED_FIRST
            if "Nachname" in kinds:
                flags |= _LISTED_LAST
            if not kinds & {"Vorname", "Nachname", "Eigenname", "Toponym", "Abkürzung"}:
                flags |= _NOUN
            yield lemma.casefold(), flags


def _word_zipfs() -> Iterable[tuple[str, int]]:
    import wordfreq

    for word, freq in wordfreq.get_frequency_dict("de").items():
        zipf = wordfreq.freq_to_zipf(freq)
        if zipf >= MIN_ZIPF and _LATIN.match(word):
            yield word, min(round(zipf * 10), (1 << _ZIPF_BITS) - 1)


def compile_table() -> tuple[dict[str, int], dict[str, str]]:
    """(word -> packed facts (see _FIELDS), first name -> sex), from the three installed
    packages."""
    table: dict[str, int] = {}
    genders: dict[str, str] = {}
    for word, kind, dach, world, sex in _name_ranks():
        if sex is not None:
            genders[word] = sex
        prefix = ("first", "last")[kind]
        bits = (dach << _SHIFTS[f"{prefix}_dach"]) | (world << _SHIFTS[f"{prefix}_world"])
        table[word] = table.get(word, 0) | bits
    for word, flags in _noun_flags():
        table[word] = table.get(word, 0) | (flags << _FLAG_SHIFT)
    for word, zipf10 in _word_zipfs():
        table[word] = table.get(word, 0) | (zipf10 << _ZIPF_SHIFT)
    return table, genders


def build(path: Path | None = None) -> Path:
    """Compile the table and write it atomically; returns its path."""
    path = path or cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    table, genders = compile_table()
    payload = {
        "meta": {"format": FORMAT_VERSION, "versions": _versions()},
        "table": table,
        "genders": genders,
    }
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with gzip.open(tmp, "wb", compresslevel=6) as handle:
        handle.write(msgpack.packb(payload))
    tmp.replace(path)
    return path


def load(path: Path | None = None) -> NameKnowledge:
    """Load the compiled table, compiling it first when this installation has none."""
    path = path or cache_path()
    if not path.exists():
        build(path)
    started = time.perf_counter()
    with gzip.open(path, "rb") as handle:
        payload = msgpack.unpackb(handle.read(), strict_map_key=False)
    meta = dict(payload["meta"])
    meta["load_seconds"] = round(time.perf_counter() - started, 3)
    meta["path"] = str(path)
    return NameKnowledge(payload["table"], meta, payload["genders"])


@lru_cache(maxsize=1)
def knowledge() -> NameKnowledge:
    """The process-wide table (loaded on first use, kept in memory)."""
    return load()


_UNRANKED_RANK = 20_000


def is_first_name(word: str, *, ranks_only: bool = False) -> bool:
    """A lone word is a first name when the name lists rank it higher as one than as a surname.

    `ranks_only`: Wiktionary not listing it as a first name does not count against it (for a
    word said in syllables and spelled, "Chinedu", whose role nothing else tells)."""
    if "-" in word.strip("-"):
        # "Jan-Hinnerk", "Hans-Peter": a compound first name, every part one.
        return all(is_first_name(p, ranks_only=ranks_only) for p in word.split("-") if p)
    facts = knowledge().facts(word)
    if not facts.first_name:
        return False
    if facts.listed_first and not facts.listed_last:
        return True
    # Each list compares the word's rank as a first name with its rank as a surname; the DACH
    # lists count twice, since the callers are in Germany, Austria and Switzerland ("Sepp" is
    # a common Estonian surname, a Bavarian first name). A list ranking only one use is
    # skipped; with no list ranking both, the best ranks anywhere decide.
    lean = 0.0
    pairs = (
        (facts.first_rank_dach, facts.last_rank_dach, 2.0),
        (facts.first_rank_world, facts.last_rank_world, 1.0),
    )
    for first_rank, last_rank, weight in pairs:
        if first_rank and last_rank:
            lean += weight * math.log(last_rank / first_rank)
    if (
        facts.first_rank_dach
        and not facts.last_rank_dach
        and facts.first_rank_dach <= 1_000
        and len(word.strip()) > 2  # "Ma", "Su": syllables and Chinese surnames, not this
    ):
        # "Pierre": among DACH's thousand first names and on no DACH surname list, though the
        # world's lists rank it first as a surname (Haiti, France)
        lean += 2.0 * math.log(_UNRANKED_RANK / facts.first_rank_dach)
    if not any(f and last for f, last, _ in pairs):
        first = min(r for r in (facts.first_rank_dach, facts.first_rank_world, 20_000) if r)
        last = min(r for r in (facts.last_rank_dach, facts.last_rank_world, 20_000) if r)
        lean = math.log(last / first)
    return lean + (0.0 if facts.listed_first or ranks_only else -math.log(2)) >= 0


def is_compound_noun(word: str) -> bool:
    """Ends in a common noun of five letters or more that is no name: a compound noun
    ("Alltagsbegleiterin"). "Schwarzkopf", "Kastenmüller", "Hoffmann" end in short nouns or in
    names, and are not."""
    table = knowledge()
    low = word.casefold()
    for start in range(3, len(low) - 4):
        tail = table.facts(low[start:])
        if tail.surname and not tail.common_noun:
            return False  # "Dornseifer" ends in the surname "Seifer" before the noun "Eifer"
        if tail.common_noun and not tail.known_name:
            return True
    return _noun_and_short_noun(low)


def _noun_and_short_noun(low: str) -> bool:
    """ "Werkstattchef", "Oberstaatsanwalt" hold no long noun at the end, but a noun, then a
    short one mainly a word: the first of five letters or more (with its linking "s") and no
    name, as "Schwarzkopf" (an adjective first) and "Holzapfel" (a name) are not."""
    table = knowledge()
    if table.facts(low).known_name:
        return False
    for cut in range(5, len(low) - 2):
        if not table.facts(low[cut:]).noun_as_word:
            continue
        for modifier in (low[:cut], low[: cut - 1] if low[cut - 1] == "s" else ""):
            facts = table.facts(modifier) if len(modifier) >= 5 else None
            if facts is not None and facts.common_noun and not facts.known_name:
                return True
    return False


def is_split_word(first: str, second: str) -> bool:
    """Two tokens that are one ordinary word split by speech recognition ("ge boren",
    "ge stern", "kupp lung"): joined, a frequent word or a listed noun no name list knows."""
    if len(first) > 4:
        return False
    joined = knowledge().facts(first + second)
    if joined.known_name:
        return False
    # "kupp lung": a noun the dictionary lists ("Kupplung"), if not among the most frequent
    return joined.zipf >= 3.5 or (joined.common_noun and joined.zipf >= 2.5)


def is_merged_words(word: str) -> bool:
    """Two frequent words that speech recognition ran together ("ichbin", "dasist"): the word
    itself is rare, and it splits into two words each far more common as words than names."""
    low = word.casefold()
    table = knowledge()
    if table.facts(low).zipf >= _MERGED_PART_ZIPF - 3:
        return False
    for cut in range(2, len(low) - 1):
        parts = (table.facts(low[:cut]), table.facts(low[cut:]))
        if all(
            p.zipf >= _MERGED_PART_ZIPF and (p.word_dominant or not p.known_name) for p in parts
        ):
            return True
    return False


# Zipf frequency of the parts of a merged word: "ich", "bin", "das", "ist" are 6 and more.
_MERGED_PART_ZIPF = 5.5


def is_dialect_imperative(word: str) -> bool:
    """A Bavarian or Austrian imperative ("schreibts", "notierts", "tragts", and "schreibns"
    for "schreiben Sie"): no name list knows it, and its stem with "-en" is a frequent German
    verb ("schreiben")."""
    low = word.casefold()
    if len(low) < 6 or not low.endswith(("ts", "ns")):
        return False
    table = knowledge()
    if table.facts(low).known_name:
        return False
    verb = table.facts(low[:-2] + "en")
    return verb.zipf >= 3.5 and not verb.known_name


def is_dialect_noun(word: str) -> bool:
    """An Alemannic noun in "-ig" for "-ung" ("Rechnig", "Personalabteilig",
    "Iitrittsuntersuechig" stays unknown): no name list knows it, and with "-ung" it is an
    ordinary German word or a compound noun ("Personalabteilung")."""
    low = word.casefold()
    if len(low) < 6 or not low.endswith("ig"):
        return False
    table = knowledge()
    if table.facts(low).known_name:
        return False
    standard = low[:-2] + "ung"
    facts = table.facts(standard)
    return (facts.ordinary_word and not facts.known_name) or is_compound_noun(standard)
