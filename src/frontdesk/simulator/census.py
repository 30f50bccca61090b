"""German name stock and the demo customer base (examples/praxis-sonnenschein-customers.csv).

Surnames follow their frequency in Germany (see SURNAMES_FILE), so common names (Müller,
Schmidt, Meier) repeat as they do in a real practice and namesakes are as rare; the spellings
that speech recognition confuses (Maier/Meier, Schmitt/Schmidt, Müller/Mueller) are among
them."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import pickle
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

FEMALE_FIRST = (
    "Petra", "Sabine", "Monika", "Andrea", "Claudia", "Susanne", "Birgit", "Gabriele",
    "Karin", "Heike", "Anja", "Katrin", "Nicole", "Stefanie", "Julia", "Anna", "Laura",
    "Lea", "Sophie", "Marie", "Hannah", "Emma", "Mia", "Lena", "Jana", "Sarah", "Lisa",
    "Ursula", "Renate", "Gertrud", "Ingrid", "Helga", "Brigitte", "Elke", "Jutta",
    "Martina", "Silke", "Kerstin", "Tanja", "Melanie", "Franziska", "Johanna", "Charlotte",
    "Bärbel", "Dörte", "Kübra", "Ayşe", "Natalia", "Olga",
)  # fmt: skip
MALE_FIRST = (
    "Thomas", "Michael", "Andreas", "Stefan", "Frank", "Markus", "Christian", "Peter",
    "Wolfgang", "Klaus", "Jürgen", "Uwe", "Ralf", "Bernd", "Dieter", "Günter", "Horst",
    "Manfred", "Werner", "Hans", "Jan", "Tim", "Lukas", "Felix", "Jonas", "Leon", "Paul",
    "Max", "Tobias", "Florian", "Sebastian", "Daniel", "Matthias", "Alexander", "Sven",
    "Jörg", "Björn", "Mehmet", "Emre", "Dmitri", "Karl-Heinz", "Hans-Peter",
)  # fmt: skip
# Surnames as Germany has them: names-dataset's German ranking (social-network profiles
# resident in Germany), compiled once into surnames_de.json by `python -m
# frontdesk.simulator.census --build` (the package is 2 GB in memory; the simulator must not
# load it). A surname's share falls with the square root of its rank: Müller about 0.5% of
# people, a name at rank 1,000 about 0.016%, as in Germany (0.3% and 0.01-0.02%). A hand list
# of a hundred names made one person in fifteen a Müller and one customer in eight the
# namesake of another, where a real practice of 300 has perhaps none; a matcher that is right
# for real callers then looked wrong in the simulation.
SURNAMES_FILE = Path(__file__).with_name("surnames_de.json")
SURNAME_COUNT = 10_000
_NAME_SHAPE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]{2,})?$")
MAIL_DOMAINS = ("gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "outlook.de")
# Berlin landline prefixes and German mobile prefixes (all numbers are fictitious).
LANDLINE_PREFIX = "+4930"
MOBILE_PREFIXES = ("+49151", "+49152", "+49160", "+49170", "+49171", "+49172", "+49176")
CSV_HEADER = ("customer_id", "company", "first_name", "last_name", "phone", "email", "birth_date")


@dataclass(frozen=True)
class CustomerRow:
    customer_id: str
    company: str
    first_name: str
    last_name: str
    phone: str
    email: str
    birth_date: str


@cache
def _surname_stock() -> tuple[list[str], list[float]]:
    names: list[str] = json.loads(SURNAMES_FILE.read_text(encoding="utf-8"))
    cumulative = list(itertools.accumulate(rank**-0.5 for rank in range(1, len(names) + 1)))
    return names, cumulative


def surname(rng: random.Random) -> str:
    names, cumulative = _surname_stock()
    return rng.choices(names, cum_weights=cumulative, k=1)[0]


def build_surnames(count: int = SURNAME_COUNT) -> list[str]:
    """The `count` most common surnames in Germany by names-dataset's ranking, in rank order.

    Kept: a German name's shape (capitalised, three letters or more, one hyphen at most).
    Dropped below the 500 most common: noise that the lexicons know as an ordinary word
    ("Biene", "Nebel"), first names filed as surnames ("Mihaela") and fragments of three
    letters; the common surnames that are words (Fischer, Koch, Wolf) stay."""
    import names_dataset

    from frontdesk.names.knowledge import knowledge

    lexicon = knowledge()
    folder = Path(names_dataset.__file__).parent / "v3"
    with gzip.open(folder / "last_names.pkl.gz", "rb") as handle:
        data = pickle.load(handle)  # the package's own data file, read as the package does
    ranked = sorted(
        (rank, name)
        for name, info in data.items()
        if (rank := (info.get("rank") or {}).get("DE")) and _NAME_SHAPE.match(name)
    )
    kept = []
    for rank, name in ranked:
        facts = lexicon.facts(name)
        if facts.word_dominant or facts.noun_not_name:
            continue
        first_rank = facts.first_rank_dach
        if rank > 500 and (
            facts.ordinary_word or len(name) < 4 or (first_rank is not None and first_rank < rank)
        ):
            continue
        kept.append(name)
        if len(kept) == count:
            break
    return kept


def first_name(rng: random.Random, female: bool | None = None) -> str:
    is_female = rng.random() < 0.58 if female is None else female
    return rng.choice(FEMALE_FIRST if is_female else MALE_FIRST)


def landline(rng: random.Random) -> str:
    return LANDLINE_PREFIX + str(rng.randint(2000000, 99999999))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + str(rng.randint(1000000, 99999999))


def birth_date(rng: random.Random, min_age: int = 1, max_age: int = 92) -> date:
    today = date(2025, 10, 1)  # fixed anchor: the shipped CSV must not change with the clock
    days = rng.randint(min_age * 365, max_age * 365)
    return today - timedelta(days=days)


def email_for(rng: random.Random, first: str, last: str, born: date) -> str:
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first[0]}.{last}",
            f"{last}{born.year % 100:02d}",
            f"{first}{last}",
        )
    )
    ascii_local = (
        local.lower()
        .replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("ß", "ss")
        .replace("ı", "i")
        .replace("ş", "s")
        .replace(" ", "")
    )
    return f"{ascii_local}@{rng.choice(MAIL_DOMAINS)}"


def _person(
    rng: random.Random, last: str, phone: str, *, child: bool = False, taken: set[str]
) -> dict[str, str]:
    """One customer; `taken` holds the full names already given (a household's members, and
    the namesakes a practice of 300 almost never has), so a name is drawn again."""
    first = first_name(rng)
    for _ in range(20):
        if f"{first} {last}" not in taken:
            break
        first = first_name(rng)
    taken.add(f"{first} {last}")
    born = birth_date(rng, 1, 17) if child else birth_date(rng, 18, 92)
    mail = email_for(rng, first, last, born) if rng.random() < 0.35 and not child else ""
    has_birth = rng.random() < 0.9
    return {
        "first_name": first,
        "last_name": last,
        "phone": phone,
        "email": mail,
        "birth_date": born.isoformat() if has_birth else "",
    }


def customer_base(company: str, size: int = 300, seed: int = 7) -> list[CustomerRow]:
    """A practice's customers: singles with mobiles, households sharing one landline."""
    rng = random.Random(seed)
    people: list[dict[str, str]] = []
    taken: set[str] = set()
    while len(people) < size:
        last = surname(rng)
        if rng.random() < 0.3:
            # A household: the family landline is registered for every member.
            line = landline(rng)
            for index in range(rng.randint(2, 4)):
                people.append(_person(rng, last, line, child=index >= 2, taken=taken))
        else:
            phone = mobile(rng) if rng.random() < 0.75 else landline(rng)
            if rng.random() < 0.05:
                phone = ""  # some records never had a number
            people.append(_person(rng, last, phone, taken=taken))
    return [
        CustomerRow(customer_id=f"ps{index:04d}", company=company, **person)
        for index, person in enumerate(people[:size], start=1)
    ]


def to_csv(rows: list[CustomerRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            (
                row.customer_id,
                row.company,
                row.first_name,
                row.last_name,
                row.phone,
                row.email,
                row.birth_date,
            )
        )
    return out.getvalue()


if __name__ == "__main__" and sys.argv[1:] == ["--build"]:
    names = build_surnames()
    SURNAMES_FILE.write_text(json.dumps(names, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{len(names)} surnames -> {SURNAMES_FILE}")
