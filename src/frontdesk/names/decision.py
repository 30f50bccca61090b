"""A scored decision over name candidates: evidence, a calibrated confidence, and abstention.

Each candidate name (the caller's or the patient's) is described by a few pieces of evidence;
a logistic model turns them into the probability that the name is right. The weights are fitted
on the development set and the tuning part of the blind corpus by `bench/names_calibrate.py`
and stored in `calibration.json` beside this file; below its role's threshold the answer is
no name.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontdesk.names.knowledge import is_first_name, knowledge
from frontdesk.names.lexicon import NAME_PARTICLES

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")

# The evidence a candidate carries, in the order of the model's weights.
FEATURES = (
    "cue",  # how it was said: "mein Name ist" 0.92 … bare word 0.75 (0 when none)
    "asked",  # 1: the answer to the agent's name question
    "lexical",  # lowest name prior of its words (names-dataset, wordfreq, german-nouns)
    "sources",  # independent sources that agree: transcript, analysis, agent's echo, live
    "full",  # 1: first name and surname
    "conflict",  # 1: another candidate for the same role names someone else
    "mentions",  # turns in which the caller said it (capped at 3)
    "spelled",  # 1: spelled letter by letter
    "patient",  # 1: the candidate is for the patient (children are often named by first name)
    "first_only",  # 1: a caller's lone first name (a lone surname is never a false name)
    "weak",  # 1: only weak cues support it (a bare word, "ich bin …", a mere mention)
    "known",  # 1: every word is on a name list and not mainly an ordinary word
    "intro",  # 1: introduced as a name ("mein Name ist", "X hier", "hier ist X", "ich heiße")
    "patient_asked",  # 1: the answer to "Wie heißt Ihr Sohn?" (the caller's "asked" is weaker)
    "relation",  # 1: named beside a relation or for whom the call is ("für meinen Vater, Josef …")
    "persons",  # how many different people the caller named (capped at 4)
    "opening",  # 1: introduced in the caller's first turn ("Hallo, hier ist die Jana")
)


@dataclass
class Candidate:
    """One name for one role, with the evidence for it."""

    name: str
    role: str  # "caller" | "patient"
    source: str  # "function_call" | "analysis" | "transcript"
    evidence: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "source": self.source,
            "confidence": round(self.confidence, 3),
            "evidence": {k: round(v, 3) for k, v in self.evidence.items()},
            "notes": self.notes,
        }


def lexical_prior(name: str, *, spelled: bool) -> float:
    """The weakest word's name prior: a name is as doubtful as its most doubtful word."""
    if spelled:
        return 0.9  # a caller spells a name, not a curse
    table = knowledge()
    words = [
        w for w in name.replace("-", " ").split() if w.lower() not in NAME_PARTICLES and len(w) > 1
    ]
    return min((table.facts(w).name_prior for w in words), default=0.0)


def _all_known(words: list[str]) -> bool:
    table = knowledge()
    names = [w for w in words if w.lower() not in NAME_PARTICLES]
    return bool(names) and all(
        table.facts(part).known_name and not table.facts(part).word_dominant
        for w in names
        for part in w.split("-")
    )


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    thresholds: dict[str, float]  # per role: "caller", "patient"
    fitted_on: str

    def threshold(self, role: str) -> float:
        return self.thresholds.get(role, 0.5)

    def probability(self, evidence: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * evidence.get(k, 0.0) for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))


# The intent of each piece of evidence, in logits: used until calibration.json exists, and
# the prior the fit shrinks towards (bench/names_calibrate.py), so a small set moves it only
# where its data speaks clearly.
DEFAULT_MODEL = Model(
    bias=-2.0,
    weights={
        "cue": 1.0,
        "asked": 0.5,
        "lexical": 1.0,
        "sources": 1.0,
        "full": 1.0,
        "conflict": -1.0,
        "mentions": 0.2,
        "spelled": 0.5,
        "patient": 0.0,
        "first_only": -0.5,
        "weak": -1.0,
        "known": 1.0,
        "intro": 1.0,
        "patient_asked": 1.0,
        "relation": 1.0,
        "persons": -0.2,
        "opening": 1.0,
    },
    thresholds={"caller": 0.5, "patient": 0.5},
    fitted_on="default",
)


@lru_cache(maxsize=1)
def model() -> Model:
    if not CALIBRATION_FILE.exists():
        return DEFAULT_MODEL
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return Model(
        bias=float(data["bias"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        thresholds={k: float(v) for k, v in data["thresholds"].items()},
        fitted_on=str(data.get("fitted_on", "")),
    )


def decide(candidate: Candidate | None) -> Candidate | None:
    """Score the candidate; None when its confidence is below the model's threshold."""
    if candidate is None:
        return None
    candidate.evidence["patient"] = float(candidate.role == "patient")
    # "asked" means different things per role (junk answers to "Wie ist Ihr Name?" are common,
    # to "Wie heißt Ihr Sohn?" rare), so each role has its own.
    asked = (
        candidate.evidence.get("asked", 0.0) > 0 or candidate.evidence.get("patient_asked", 0.0) > 0
    )
    candidate.evidence["asked"] = float(asked and candidate.role == "caller")
    candidate.evidence["patient_asked"] = float(asked and candidate.role == "patient")
    words = candidate.name.split()
    # Children are named by first name; a caller who gives one usually gives the surname too.
    lone_first = len(words) == 1 and is_first_name(words[0])
    candidate.evidence["first_only"] = float(lone_first and candidate.role == "caller")
    candidate.evidence["known"] = float(candidate.source == "function_call" or _all_known(words))
    current = model()
    candidate.confidence = current.probability(candidate.evidence)
    threshold = current.threshold(candidate.role)
    if candidate.confidence < threshold:
        candidate.notes.append(
            f"abstained: confidence {candidate.confidence:.2f} < {threshold:.2f}"
        )
        return None
    return candidate
