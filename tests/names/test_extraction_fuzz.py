"""Extraction never fails on a call: any mix of introductions, salutations, double names,
spellings and agent read-backs gives names or none, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontdesk.names.extraction import ExtractedNames, Turn, extract_names

_NAMES = st.sampled_from(
    [
        "Gerber-Steiner",
        "Anna-Lena",
        "Alois",
        "Rosmarie",
        "Brunnhuber",
        "Kovač",
        "Hruška",
        "van der Berg",
        "Yıldırım",
        "Sander",
        "Wilhelm",
        "Jonas",
        "Quirchbauer",
        "Herrgott",
    ]
)
_USER = st.sampled_from(
    [
        "Guten Tag, {a} {b} hier.",
        "{a} hier.",
        "mein name ist {a} {b}",
        "Ich ruf wegen meim Vater an, am {a} {b}.",
        "Für mich. Wie gesagt, {b}. {a} {b}.",
        "Mit {a}.",
        "Ich heiße jetzt {b}, ich hab geheiratet.",
        "{a} mit Hatschek, also so einem Häkchen oben drauf, K wie Kaufmann.",
        "Wir betreuen einen Patienten von Ihnen, Herrn {a} {b}.",
        "lina au {b} si isch nüni",
        "Ja.",
    ]
)
_AGENT = st.sampled_from(
    [
        "Danke, Frau {b}.",
        "Danke, Herr {a}.",
        "Gerne, {a}. Wie ist Ihr Nachname?",
        "Und mit wem spreche ich?",
        "Ich trage Herrn {a} {b} für Donnerstag ein.",
        "Auf welchen Namen?",
        "Dann {a} {b}, heute um zwei.",
        "Schreibt sich Ihr Name {b}?",
    ]
)


@st.composite
def calls(draw: st.DrawFn) -> list[Turn]:
    turns = [Turn("agent", "Praxis Dr. Lindner, hier ist Anna. Wie kann ich helfen?")]
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        role = draw(st.sampled_from(["user", "agent"]))
        text = draw(_USER if role == "user" else _AGENT)
        turns.append(Turn(role, text.format(a=draw(_NAMES), b=draw(_NAMES))))
    return turns


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calls())
@example(
    [
        Turn("agent", "Praxis Dr. Lindner, hier ist Anna. Wie kann ich helfen?"),
        Turn("user", "Guten Tag, Gerber-Steiner hier."),
        Turn("agent", "Danke, Frau Gerber-Steiner."),
        Turn("agent", "Bis Dienstag, Frau Steiner."),
    ]
)
def test_extraction_never_fails(turns: list[Turn]) -> None:
    result = extract_names(turns, agent_names=("Anna",), staff_names=("Dr. Martin Lindner",))
    assert isinstance(result, ExtractedNames)
    for name in (result.caller_name, result.patient_name):
        assert name is None or (name.strip() == name and name)
