"""German name stock and the demo customer base (examples/praxis-sonnenschein-customers.csv).

Surnames carry rough frequency weights so common names (Müller, Schmidt, Meier) repeat the way
they do in a real practice; the spellings that speech recognition confuses (Maier/Meier,
Schmitt/Schmidt, Müller/Mueller) are deliberately present."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

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
# (surname, weight): weights approximate frequency in Germany, scaled down.
SURNAMES = (
    ("Müller", 30), ("Schmidt", 24), ("Schneider", 15), ("Fischer", 13), ("Weber", 12),
    ("Meyer", 10), ("Wagner", 10), ("Becker", 9), ("Schulz", 9), ("Hoffmann", 9),
    ("Schäfer", 7), ("Koch", 7), ("Bauer", 7), ("Richter", 7), ("Klein", 7), ("Wolf", 6),
    ("Schröder", 6), ("Neumann", 6), ("Schwarz", 6), ("Zimmermann", 5), ("Braun", 5),
    ("Krüger", 5), ("Hofmann", 5), ("Hartmann", 5), ("Lange", 5), ("Schmitt", 5),
    ("Werner", 4), ("Schmitz", 4), ("Krause", 4), ("Meier", 4), ("Lehmann", 4), ("Maier", 4),
    ("Köhler", 3), ("Herrmann", 3), ("König", 3), ("Walter", 3), ("Mayer", 3), ("Huber", 3),
    ("Kaiser", 3), ("Fuchs", 3), ("Peters", 3), ("Lang", 3), ("Scholz", 3), ("Möller", 3),
    ("Weiß", 3), ("Jung", 3), ("Hahn", 3), ("Schubert", 3), ("Vogel", 3), ("Friedrich", 3),
    ("Keller", 2), ("Günther", 2), ("Frank", 2), ("Berger", 2), ("Winkler", 2), ("Roth", 2),
    ("Beck", 2), ("Lorenz", 2), ("Baumann", 2), ("Franke", 2), ("Albrecht", 2),
    ("Schreiber", 2), ("Jäger", 2), ("Schuster", 2), ("Böhm", 2), ("Kühn", 2),
    ("Pohl", 1), ("Engel", 1), ("Horn", 1), ("Busch", 1), ("Bergmann", 1), ("Thomas", 1),
    ("Voigt", 1), ("Sauer", 1), ("Arnold", 1), ("Wolff", 1), ("Pfeiffer", 1),
    ("Yılmaz", 1), ("Kaya", 1), ("Nowak", 1), ("Kowalski", 1), ("Iwanow", 1),
    ("Brandt", 1), ("Haas", 1), ("Schulte", 1), ("Dietrich", 1), ("Ziegler", 1),
    ("Kuhn", 1), ("Graf", 1), ("Seidel", 1), ("Heinrich", 1), ("Brenner", 1),
    ("Oberländer", 1), ("Großmann", 1), ("Dreßler", 1), ("Löffler", 1), ("Jürgens", 1),
)  # fmt: skip
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


def surname(rng: random.Random) -> str:
    names = [n for n, _ in SURNAMES]
    weights = [w for _, w in SURNAMES]
    return rng.choices(names, weights=weights, k=1)[0]


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


def _person(rng: random.Random, last: str, phone: str, *, child: bool = False) -> dict[str, str]:
    first = first_name(rng)
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
    while len(people) < size:
        last = surname(rng)
        if rng.random() < 0.3:
            # A household: the family landline is registered for every member.
            line = landline(rng)
            for index in range(rng.randint(2, 4)):
                people.append(_person(rng, last, line, child=index >= 2))
        else:
            phone = mobile(rng) if rng.random() < 0.75 else landline(rng)
            if rng.random() < 0.05:
                phone = ""  # some records never had a number
            people.append(_person(rng, last, phone))
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
