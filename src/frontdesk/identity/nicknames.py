"""German first-name short forms, as data: each short form maps to the full names it stands for.

Only true short forms that callers give for themselves belong here (Alex for Alexander), never
names that merely sound alike (Jan/Jana are different people)."""

from __future__ import annotations

from collections.abc import Mapping

_SHORT_FORMS: Mapping[str, tuple[str, ...]] = {
    "alex": ("alexander", "alexandra"),
    "sascha": ("alexander",),
    "andi": ("andreas",),
    "anja": ("anna",),
    "basti": ("sebastian",),
    "ben": ("benjamin",),
    "bernd": ("bernhard",),
    "chris": ("christian", "christoph", "christopher", "christina", "christine"),
    "christl": ("christine",),
    "conny": ("cornelia",),
    "dani": ("daniel", "daniela"),
    "flo": ("florian",),
    "franzi": ("franziska",),
    "fritz": ("friedrich",),
    "gabi": ("gabriele",),
    "gerd": ("gerhard",),
    "hannes": ("johannes",),
    "hans": ("johannes", "hans peter", "hans juergen"),
    "heinz": ("heinrich", "karl heinz"),
    "jens": ("jan",),
    "jo": ("johannes", "johanna", "josef"),
    "jule": ("julia",),
    "jupp": ("josef",),
    "kathi": ("katharina", "kathrin"),
    "kati": ("katharina", "katrin"),
    "katja": ("katharina",),
    "klaus": ("nikolaus",),
    "lena": ("helena", "magdalena"),
    "leni": ("helene", "magdalena"),
    "lisa": ("elisabeth",),
    "liesel": ("elisabeth",),
    "lukas": ("lucas",),
    "mani": ("manfred",),
    "max": ("maximilian",),
    "michi": ("michael", "michaela"),
    "moni": ("monika",),
    "nico": ("nicolas", "nikolas", "nikolaus"),
    "niko": ("nikolas", "nikolaus"),
    "olli": ("oliver",),
    "peggy": ("margarete",),
    "resi": ("theresa", "therese"),
    "rike": ("friederike", "ulrike"),
    "sabi": ("sabine",),
    "sepp": ("josef",),
    "steffi": ("stefanie", "stephanie"),
    "susi": ("susanne",),
    "tina": ("christina", "martina", "kristina"),
    "toni": ("anton", "antonia"),
    "tom": ("thomas",),
    "uli": ("ulrich", "ulrike"),
    "vroni": ("veronika",),
    "willi": ("wilhelm",),
    "wolle": ("wolfgang",),
}


def _both_ways(table: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for short, fulls in table.items():
        for full in fulls:
            pairs.setdefault(short, set()).add(full)
            pairs.setdefault(full, set()).add(short)
    return {name: frozenset(others) for name, others in pairs.items()}


NICKNAMES: Mapping[str, frozenset[str]] = _both_ways(_SHORT_FORMS)


def related_first_names(name: str) -> frozenset[str]:
    """Short and full forms of a normalised first name (empty when none are known)."""
    return NICKNAMES.get(name, frozenset())


def is_short_form(a: str, b: str) -> bool:
    return b in NICKNAMES.get(a, frozenset())
