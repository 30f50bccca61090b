"""Who calls: returning customers (from a customers CSV), new callers, and what the phone line
and the speech recognition make of them (number notations, misheard names)."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontdesk.simulator import census

WITHHELD_FORMS = ("anonymous", "anonymous", "anonymous", "anonymous", "restricted", "+266696687")
# Spellings speech recognition confuses; each group is one spoken name.
SOUND_ALIKE = (
    ("Maier", "Meier", "Mayer", "Meyer"),
    ("Schmitt", "Schmidt", "Schmid"),
    ("Hoffmann", "Hofmann"),
    ("Lehmann", "Lemann"),
    ("Philipp", "Filip"),
)
# What an ASR sometimes returns instead of a name (the agent passes it on; the server must ask).
GARBLED = ("Guten Tag", "gerade", "äh", "Ja hallo")


@dataclass(frozen=True)
class Persona:
    first_name: str
    last_name: str
    female: bool
    birth_date: date | None
    phone: str | None  # E.164 as stored, or None
    email: str | None
    customer_id: str | None  # the imported customer_id when the persona is a customer

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def address(self) -> str:
        return f"{'Frau' if self.female else 'Herr'} {self.last_name}"


def is_female(first: str) -> bool:
    if first in census.FEMALE_FIRST:
        return True
    if first in census.MALE_FIRST:
        return False
    return first.endswith(("a", "e"))


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def load_customers(path: Path, company: str | None = None) -> list[Persona]:
    """Personas from a CSV with header customer_id,company,first_name,last_name,phone,..."""
    personas = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if company and row.get("company") and row["company"] != company:
                continue
            first, last = (
                (row.get("first_name") or "").strip(),
                (row.get("last_name") or "").strip(),
            )
            if not first or not last:
                continue
            personas.append(
                Persona(
                    first_name=first,
                    last_name=last,
                    female=is_female(first),
                    birth_date=_parse_date(row.get("birth_date") or ""),
                    phone=(row.get("phone") or "").strip() or None,
                    email=(row.get("email") or "").strip() or None,
                    customer_id=(row.get("customer_id") or "").strip() or None,
                )
            )
    return personas


def demo_customers(company: str) -> list[Persona]:
    """The shipped demo base, regenerated in memory (used when no CSV is given)."""
    return [
        Persona(
            first_name=row.first_name,
            last_name=row.last_name,
            female=is_female(row.first_name),
            birth_date=_parse_date(row.birth_date),
            phone=row.phone or None,
            email=row.email or None,
            customer_id=row.customer_id,
        )
        for row in census.customer_base(company)
    ]


def new_persona(rng: random.Random, taken: set[str]) -> Persona:
    """Someone who has never called: a fresh name, not among the customers' full names nor
    those of the new callers before them (who became customers); `taken` grows with it."""
    for _ in range(50):
        female = rng.random() < 0.58
        first, last = census.first_name(rng, female), census.surname(rng)
        if f"{first} {last}" not in taken:
            break
    taken.add(f"{first} {last}")
    born = census.birth_date(rng, 18, 88)
    return Persona(
        first_name=first,
        last_name=last,
        female=female,
        birth_date=born,
        phone=census.mobile(rng),
        email=None,
        customer_id=None,
    )


def relative(rng: random.Random, caller: Persona, female: bool) -> Persona:
    """The person a caller books for ("für meine Mutter, Gertrud Hoffmann")."""
    last = caller.last_name if rng.random() < 0.8 else census.surname(rng)
    return Persona(
        first_name=census.first_name(rng, female),
        last_name=last,
        female=female,
        birth_date=None,
        phone=None,
        email=None,
        customer_id=None,
    )


def other_notation(e164: str, rng: random.Random) -> str:
    """The same number as people and some carriers write it ("030/1234567", "0049...")."""
    national = "0" + e164[3:] if e164.startswith("+49") else e164
    area_len = 3 if national.startswith("030") else 4
    area, rest = national[:area_len], national[area_len:]
    forms = (
        f"{area}/{rest}",
        f"{area} {rest}",
        f"00{e164[1:]}",
        f"+49 {area[1:]} {rest}",
        f"({area}) {rest[:3]} {rest[3:5]} {rest[5:]}".rstrip(),
    )
    return rng.choice(forms)


def _vowel_umlaut_variant(name: str) -> str | None:
    swaps = (("ü", "ue"), ("ä", "ae"), ("ö", "oe"), ("ß", "ss"))
    for umlaut, digraph in swaps:
        if umlaut in name:
            return name.replace(umlaut, digraph)
        if digraph in name:
            return name.replace(digraph, umlaut)
    return None


def _letter_slip(name: str, rng: random.Random) -> str:
    """One letter wrong: a doubled consonant lost, or a vowel heard as its neighbour."""
    for index in range(1, len(name)):
        if name[index] == name[index - 1] and name[index].isalpha():
            return name[:index] + name[index + 1 :]
    vowels = [i for i, ch in enumerate(name) if ch in "aeiou" and i > 0]
    if not vowels:
        return name + "e"
    index = rng.choice(vowels)
    swap = {"a": "e", "e": "a", "i": "ie", "o": "u", "u": "o"}[name[index]]
    return name[:index] + swap + name[index + 1 :]


def misheard_surname(name: str, rng: random.Random) -> str:
    """How an ASR might write a spoken surname: a sound-alike, ae/ue spelling or a letter slip."""
    for group in SOUND_ALIKE:
        if name in group:
            return rng.choice([n for n in group if n != name])
    variant = _vowel_umlaut_variant(name)
    if variant is not None and rng.random() < 0.7:
        return variant
    return _letter_slip(name, rng)


def withheld_form(rng: random.Random) -> str:
    return rng.choice(WITHHELD_FORMS)
