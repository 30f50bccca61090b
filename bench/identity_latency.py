"""Latency of matching one live call over a company with 1,000,000 customers.

Generates customers with Zipf-distributed surnames (a few names are huge buckets, a long tail
is rare) for one company plus a small second company, bulk-loads them into SQLite
(executemany) and PostgreSQL (COPY), estimates the big company's match weights
(`identity.training.train`, timed), then times `identity.linking.match` (which reads the stored
weights) for a mix of live calls against a bare primary-key SELECT in the same run.

Usage: .venv/bin/python bench/identity_latency.py [--customers 1000000] [--calls 2000]
       [--postgres postgresql://postgres@127.0.0.1:5432/postgres] [--no-postgres]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.identity import training
from frontdesk.identity.linking import evidence_from, match
from frontdesk.identity.matcher import Evidence
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import cologne_keys, normalise_name
from frontdesk.tenancy import service as tenancy_service

COMMON = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Schulte",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Kühn",
    "Pohl",
    "Engel",
    "Horn",
    "Busch",
    "Bergmann",
    "Thomas",
    "Voigt",
    "Sauer",
    "Arnold",
    "Wolff",
    "Pfeiffer",
    "Yılmaz",
    "Kaya",
    "Nowak",
]
FIRST = [
    "Anna",
    "Maria",
    "Ursula",
    "Monika",
    "Petra",
    "Elisabeth",
    "Sabine",
    "Renate",
    "Helga",
    "Karin",
    "Brigitte",
    "Ingrid",
    "Erika",
    "Andrea",
    "Gisela",
    "Claudia",
    "Susanne",
    "Gabriele",
    "Christa",
    "Christine",
    "Hannelore",
    "Julia",
    "Katharina",
    "Lena",
    "Sophie",
    "Laura",
    "Lea",
    "Emma",
    "Mia",
    "Hanna",
    "Peter",
    "Michael",
    "Thomas",
    "Andreas",
    "Wolfgang",
    "Klaus",
    "Jürgen",
    "Günter",
    "Stefan",
    "Christian",
    "Uwe",
    "Werner",
    "Frank",
    "Bernd",
    "Hans",
    "Dieter",
    "Horst",
    "Manfred",
    "Ralf",
    "Alexander",
    "Jan",
    "Paul",
    "Lukas",
    "Leon",
    "Felix",
    "Jonas",
    "Max",
    "Elias",
    "Noah",
    "Ben",
    "Finn",
    "Tim",
    "Karl-Heinz",
    "Hans-Peter",
    "Ayşe",
    "Mehmet",
    "Łukasz",
]
SYLLABLES = [
    "berg",
    "burg",
    "bach",
    "feld",
    "hof",
    "mann",
    "stein",
    "wald",
    "hausen",
    "dorf",
    "brück",
    "meier",
    "huber",
    "ler",
    "ner",
    "ter",
    "ger",
    "kamp",
    "horst",
    "rich",
    "bold",
    "ling",
    "ert",
    "hardt",
]
PREFIXES = [
    "Alt",
    "Bach",
    "Berg",
    "Birk",
    "Blum",
    "Brand",
    "Eich",
    "Falk",
    "Fels",
    "Frei",
    "Gold",
    "Grün",
    "Hain",
    "Hart",
    "Hell",
    "Holz",
    "Kirch",
    "Lind",
    "Mar",
    "Mittel",
    "Mühl",
    "Neu",
    "Ober",
    "Rein",
    "Ros",
    "Sand",
    "Schön",
    "Sonn",
    "Stern",
    "Tann",
    "Wald",
    "Weiden",
    "Wein",
    "Wies",
    "Wolf",
    "Zell",
    "Ul",
    "Kess",
    "Mos",
    "Rau",
    "Hag",
    "Hel",
]


MIDDLES = ("", "", "en", "el", "er", "ing", "s", "a", "i", "o", "lin", "ten", "rin")


def surname_pool(size: int, rng: random.Random) -> list[str]:
    pool = list(COMMON)
    seen = set(pool)
    while len(pool) < size:
        name = rng.choice(PREFIXES) + rng.choice(MIDDLES) + rng.choice(SYLLABLES)
        name += rng.choice(("", "", "er", "s"))
        if name not in seen:
            seen.add(name)
            pool.append(name)
    return pool


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


def customers(
    company_id: int, n: int, rng: random.Random, pool: list[str]
) -> Iterator[dict[str, Any]]:
    surnames = rng.choices(pool, weights=zipf_weights(len(pool)), k=n)
    firsts = rng.choices(FIRST, weights=zipf_weights(len(FIRST), 0.7), k=n)
    start = date(1930, 1, 1)
    now = datetime.now(UTC)
    for i in range(n):
        last, first = surnames[i], firsts[i]
        last_norm = normalise_name(last)
        key, alt = cologne_keys(last_norm)
        has_phone = rng.random() < 0.85
        yield {
            "company_id": company_id,
            "external_id": f"b{company_id}-{i}",
            "status": "active",
            "first_name": first,
            "last_name": last,
            "first_name_norm": normalise_name(first),
            "last_name_norm": last_norm,
            "surname_key": key,
            "surname_key_alt": alt,
            "phone_e164": f"+49{rng.randint(151_0000000, 179_9999999)}" if has_phone else None,
            "email": f"{normalise_name(first)}.{last_norm}{i}@web.de".replace(" ", "")
            if rng.random() < 0.4
            else None,
            "birth_date": start + timedelta(days=rng.randint(0, 30000))
            if rng.random() < 0.8
            else None,
            "completeness": 0.5,
            "extra": "{}",
            "created_at": now,
            "updated_at": now,
        }


COLUMNS = [
    "company_id",
    "external_id",
    "status",
    "first_name",
    "last_name",
    "first_name_norm",
    "last_name_norm",
    "surname_key",
    "surname_key_alt",
    "phone_e164",
    "email",
    "birth_date",
    "completeness",
    "extra",
    "created_at",
    "updated_at",
]


def load(
    db: Database, rows: Iterator[dict[str, Any]], sample: list[dict[str, Any]], rng: random.Random
) -> int:
    """Bulk insert; keeps a sample of the rows to build calls from. Returns the row count."""
    count = 0
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if db.is_sqlite:
            marks = ", ".join("?" for _ in COLUMNS)
            sql = f"INSERT INTO customers ({', '.join(COLUMNS)}) VALUES ({marks})"
            batch: list[tuple[Any, ...]] = []
            cursor.execute("BEGIN")  # frontdesk's connections autocommit; one transaction here
            for row in rows:
                count += 1
                _keep(sample, row, count, rng)
                batch.append(tuple(_sqlite_value(row[c]) for c in COLUMNS))
                if len(batch) >= 50_000:
                    cursor.executemany(sql, batch)
                    batch.clear()
            cursor.executemany(sql, batch)
            cursor.execute("COMMIT")
        else:
            with cursor.copy(f"COPY customers ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    count += 1
                    _keep(sample, row, count, rng)
                    copy.write_row(tuple(row[c] for c in COLUMNS))
        raw.commit()
    finally:
        raw.close()
    return count


def _sqlite_value(value: Any) -> Any:
    # SQLAlchemy's SQLite storage formats for dates and datetimes.
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _keep(sample: list[dict[str, Any]], row: dict[str, Any], seen: int, rng: random.Random) -> None:
    if len(sample) < 5000:
        sample.append(row)
    elif rng.random() < 5000 / seen:
        sample[rng.randrange(5000)] = row


def index_surnames(db: Database, company_id: int) -> None:
    from frontdesk.identity import surnames

    with db.unit_of_work() as session:
        surnames.rebuild(session, company_id)
    # Steady state of a live database: planner statistics, and on PostgreSQL a vacuumed table
    # (visibility map set) instead of one that autovacuum is still working through.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if db.is_sqlite else "VACUUM ANALYZE"))


def _slip(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def calls(sample: list[dict[str, Any]], n: int, rng: random.Random) -> list[Evidence]:
    """A live-call mix: name + birth date (some misspelt), known number, name only,
    e-mail, and new callers."""
    found = []
    for _ in range(n):
        row = rng.choice(sample)
        kind = rng.random()
        last = row["last_name"] if rng.random() < 0.7 else _slip(row["last_name"], rng)
        name = f"{row['first_name']} {last}"
        if kind < 0.4:
            found.append(evidence_from(name=name, birth_date=row["birth_date"]))
        elif kind < 0.6:
            found.append(evidence_from(phone=row["phone_e164"] or "anonymous"))
        elif kind < 0.75:
            found.append(evidence_from(name=name))
        elif kind < 0.85:
            found.append(evidence_from(name=f"Herr {last}", email=row["email"]))
        else:
            found.append(
                evidence_from(name=f"{rng.choice(FIRST)} Zzyzxbach", birth_date=date(1977, 7, 7))
            )
    return found


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def run_backend(label: str, url: str, n: int, n_calls: int) -> list[tuple[str, ...]]:
    rng = random.Random(7)
    upgrade(url)
    db = Database(url)
    with db.unit_of_work() as session:
        big = tenancy_service.create(session=session, name="Grosspraxis")
        small = tenancy_service.create(session=session, name="Kleinpraxis")
        big_id, small_id = big.id, small.id
    pool = surname_pool(20_000, rng)
    sample: list[dict[str, Any]] = []
    started = time.perf_counter()
    loaded = load(db, customers(big_id, n, rng, pool), sample, rng)
    loaded += load(db, customers(small_id, 5_000, rng, pool), [], rng)
    index_surnames(db, big_id)
    index_surnames(db, small_id)
    load_s = time.perf_counter() - started
    evidence = calls(sample, n_calls, rng)
    ids = [rng.randint(1, n) for _ in range(n_calls)]
    # The company's own weights, as after a large import: u from random pairs of its
    # customers, m by EM over the calls' retrieved candidates; the live path then reads them.
    started = time.perf_counter()
    with db.unit_of_work() as session:
        big = tenancy_service.get_by_name_or_raise(session=session, name="Grosspraxis")
        version, estimate = training.train(session, big, [(e, None) for e in evidence])
    train_s = time.perf_counter() - started
    print(f"{label}: weights v{version} in {train_s:.1f} s: {estimate.summary()}")
    rows = []
    with db.sessions() as session:
        company = tenancy_service.get(session=session, company_id=big_id)
        assert company is not None
        match(session=session, company=company, evidence=evidence[0])  # fills the cache
        # Collect the generator's garbage now, as a server does after start-up, so a pause for
        # the bench's own bulk data is not counted as matching time.
        gc.collect()
        gc.freeze()
        it = iter(evidence)
        latencies = timed(
            lambda: match(session=session, company=company, evidence=next(it)), len(evidence)
        )
        pk = iter(ids)
        baseline = timed(
            lambda: session.execute(
                select(Customer.id, Customer.last_name).where(Customer.id == next(pk))
            ).first(),
            len(ids),
        )
    db.dispose()
    for name, values in (("match (one live call)", latencies), ("baseline: PK select", baseline)):
        q = statistics.quantiles(values, n=100)
        rows.append(
            (
                label,
                name,
                f"{loaded:,}",
                f"{statistics.median(values):.3f}",
                f"{q[98]:.3f}",
                f"{load_s:.0f}",
                f"{train_s:.0f}",
            )
        )
    return rows


def _postgres(admin_url: str) -> Iterator[str]:
    import psycopg

    url = make_url(admin_url)
    name = f"frontdesk_bench_{uuid.uuid4().hex[:8]}"
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name, drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=2_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    rows = []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.db"
            rows += run_backend("SQLite", url, args.customers, args.calls)
    if not args.no_postgres:
        for url in _postgres(args.postgres):
            rows += run_backend("PostgreSQL", url, args.customers, args.calls)
    print("| backend | operation | customers | median ms | p99 ms | load s | train s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
