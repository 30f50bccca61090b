"""The practice-file loader on arbitrary text, arbitrary YAML, mutated copies of the example and
bytes that are not UTF-8: it returns a practice or raises PracticeFileError (with lines inside
the file), nothing else."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontdesk.scheduling.errors import PracticeFileError
from frontdesk.scheduling.practice import load_file
from frontdesk.scheduling.practice_schema import PracticeFile, parse_practice
from tests.conftest import REPO_ROOT

# What YAML counts as a line break (its line numbers count these, not just "\n").
YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
EXAMPLES = int(os.environ.get("FRONTDESK_FUZZ_EXAMPLES_PURE", "400"))
EXAMPLE_TEXT = (REPO_ROOT / "examples" / "praxis-sonnenschein.yaml").read_text(encoding="utf-8")
EXAMPLE = yaml.safe_load(EXAMPLE_TEXT)
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=300)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.sampled_from(["08:00-12:00", "mo", "Europe/Berlin", "2027-01-04", "+4930120045670"])
    | st.dates().map(str)
)
YAML_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _outcome(text: str) -> PracticeFile | PracticeFileError:
    try:
        return parse_practice(text, source="fuzz.yaml")
    except PracticeFileError as exc:
        lines = len(YAML_LINE_BREAK.split(text))
        for line, message in exc.problems:
            assert line is None or 1 <= line <= lines, (line, lines, message)
            assert message
        return exc


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=ANY_TEXT)
@example(text="[" * 5000)  # was a RecursionError
@example(text="a: &x [*x]")
@example(text="company: {name: \x00}")  # was yaml's ReaderError
@example(text="\ufeffcompany:\n  name: X\n")
@example(text="--- !!python/object:os.system\n")
def test_any_text_is_a_practice_or_a_practice_file_error(text: str) -> None:
    _outcome(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(document=YAML_VALUES)
def test_any_yaml_document_is_a_practice_or_a_practice_file_error(document: Any) -> None:
    _outcome(yaml.safe_dump(document, allow_unicode=True))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(EXAMPLE)[1:]


def _replaced(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], value)  # type: ignore[index]
    return copy


@settings(max_examples=EXAMPLES // 4, deadline=None)  # a whole file per example: slow YAML
@given(edits=st.lists(st.tuples(st.sampled_from(PATHS), YAML_VALUES), min_size=1, max_size=3))
def test_a_mutated_example_is_a_practice_or_a_practice_file_error(
    edits: list[tuple[tuple[Any, ...], Any]],
) -> None:
    document = EXAMPLE
    for path, value in edits:
        try:
            document = _replaced(document, path, value)
        except (KeyError, IndexError, TypeError):  # an earlier edit removed this path
            continue
    _outcome(yaml.safe_dump(document, allow_unicode=True))


@settings(
    max_examples=EXAMPLES // 4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(junk=st.binary(min_size=1, max_size=40), at=st.integers(min_value=0))
@example(junk=b"\xff\xfe", at=0)  # was a UnicodeDecodeError
@example(junk=b"\xc3", at=10**9)
def test_a_file_that_is_not_utf8_is_a_practice_file_error(
    tmp_path: Path, junk: bytes, at: int
) -> None:
    raw = EXAMPLE_TEXT.encode("utf-8")
    cut = at % (len(raw) + 1)
    path = tmp_path / "practice.yaml"
    path.write_bytes(raw[:cut] + junk + raw[cut:])
    try:
        load_file(session=None, path=path)  # type: ignore[arg-type]  # refused before any query
    except PracticeFileError as exc:
        assert str(path) in str(exc)
    except AttributeError:  # the junk was valid UTF-8 and the file parsed: it reached the session
        pass
