"""Every status, reason and kind the domain writes has a German label.

The values are read from the code itself (an AST walk over src/frontdesk): string literals and
module constants assigned to, passed as, compared with or defaulted into a shown column, so a
new status in a domain module without a label fails here."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from frontdesk.conversations.live_registry import HANDLERS
from frontdesk.conversations.live_schemas import TOOLS
from frontdesk.dashboard.labels import LABELS, label
from frontdesk.followup import service as followup_service

SRC = Path(__file__).resolve().parents[2] / "src" / "frontdesk"
# Faces and tools translate or only read; the words people see come from the domain.
NOT_DOMAIN = {"dashboard", "simulator", "db", "cli"}
SHOWN_COLUMNS = (
    "status",
    "reason",
    "resolution",
    "link_status",
    "link_method",
    "purpose",
    "direction",
    "event_type",
    "source",
    "disconnection_reason",
)
WORD = re.compile(r"^[a-z][a-z0-9_]*$")  # stored values, not German free text


def _modules(skip: set[str]) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in skip:
            continue
        name = ".".join(("frontdesk", *rel.with_suffix("").parts)).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def _constants(trees: dict[str, ast.Module]) -> dict[tuple[str, str], list[str]]:
    """Module-level `NAME = "value"` and `NAME = ("a", "b")` of every module."""
    found: dict[tuple[str, str], list[str]] = {}
    for module, tree in trees.items():
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) else None
            if isinstance(node, ast.AnnAssign):
                target = node.target
            value = getattr(node, "value", None)
            if not isinstance(target, ast.Name) or value is None:
                continue
            items = value.elts if isinstance(value, (ast.Tuple, ast.List, ast.Set)) else [value]
            strings = [i.value for i in items if isinstance(i, ast.Constant)]
            if strings and all(isinstance(s, str) for s in strings) and len(strings) == len(items):
                found[(module, target.id)] = strings
    return found


class _Collector(ast.NodeVisitor):
    """(column, value) pairs of one module."""

    def __init__(self, module: str, tree: ast.Module, constants: dict[tuple[str, str], list[str]]):
        self.found: set[tuple[str, str]] = set()
        self.names = {n: v for (m, n), v in constants.items() if m == module}
        self.modules: dict[str, str] = {}
        self.constants = constants
        self.params: dict[str, list[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    local = alias.asname or alias.name
                    if (node.module, alias.name) in constants:
                        self.names[local] = constants[(node.module, alias.name)]
                    self.modules[local] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self.modules[alias.asname or alias.name] = alias.name
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.params[node.name] = [a.arg for a in node.args.posonlyargs + node.args.args]

    def values(self, expr: ast.expr | None) -> list[str]:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr, ast.Name):
            return self.names.get(expr.id, [])
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            module = self.modules.get(expr.value.id)
            return self.constants.get((module, expr.attr), []) if module else []
        if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
            return [v for e in expr.elts for v in self.values(e)]
        if isinstance(expr, ast.IfExp):
            return self.values(expr.body) + self.values(expr.orelse)
        return []

    def add(self, column: str | None, expr: ast.expr | None) -> None:
        if column in SHOWN_COLUMNS:
            self.found.update((column, v) for v in self.values(expr) if WORD.match(v))

    @staticmethod
    def column(target: ast.expr) -> str | None:
        if isinstance(target, ast.Attribute):
            return target.attr
        return target.id if isinstance(target, ast.Name) else None

    def visit_Call(self, node: ast.Call) -> None:
        for keyword in node.keywords:
            if keyword.arg:
                self.add(keyword.arg, keyword.value)
        if isinstance(node.func, ast.Name) and node.func.id in self.params:
            for name, arg in zip(self.params[node.func.id], node.args, strict=False):
                self.add(name, arg)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "in_" and node.args:
            self.add(self.column(node.func.value), node.args[0])
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                for t, v in zip(target.elts, node.value.elts, strict=False):
                    self.add(self.column(t), v)
            else:
                self.add(self.column(target), node.value)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for op, other in zip(node.ops, node.comparators, strict=False):
            if isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
                self.add(self.column(node.left), other)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        self.add(self.column(node.target), node.iter)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        args = node.args
        positional = args.args[len(args.args) - len(args.defaults) :]
        for arg, default in zip(positional, args.defaults, strict=False):
            self.add(arg.arg, default)
        for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=False):
            self.add(arg.arg, kw_default)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        # mapped_column(..., default="x")
        if isinstance(node.target, ast.Name) and isinstance(node.value, ast.Call):
            for keyword in node.value.keywords:
                if keyword.arg == "default":
                    self.add(node.target.id, keyword.value)
        self.generic_visit(node)


def domain_values() -> set[tuple[str, str]]:
    trees = dict(_modules(NOT_DOMAIN))
    constants = _constants(trees)
    found: set[tuple[str, str]] = set()
    for module, tree in trees.items():
        collector = _Collector(module, tree, constants)
        collector.visit(tree)
        found |= collector.found
    return found


def _labelled(column: str) -> set[str]:
    """Values labelled in any kind of this column (kinds are named `<thing>_<column>`)."""
    return {
        value
        for kind, values in LABELS.items()
        if kind == column or kind.endswith("_" + column)
        for value in values
    }


def test_the_collector_finds_the_known_statuses() -> None:
    found = domain_values()
    # One of each way a value is written: a constant, a literal keyword, a comparison, a loop,
    # a column default, a positional argument.
    for pair in (
        ("status", "pending_confirmation"),
        ("status", "registered"),
        ("link_status", "unidentified"),
        ("reason", "callback_request"),
        ("reason", "uncertain_link"),
        ("status", "waiting"),
        ("resolution", "sms_confirmed"),
    ):
        assert pair in found, pair
    assert len(found) > 60


def test_every_status_reason_and_kind_of_the_domain_has_a_german_label() -> None:
    missing = sorted((c, v) for c, v in domain_values() if v not in _labelled(c))
    assert not missing, f"no German label in dashboard/labels.py for {missing}"


def test_every_live_function_and_argument_has_a_german_label() -> None:
    assert set(HANDLERS) <= set(LABELS["function"])
    fields = {field for tool in TOOLS.values() for field in tool.args.model_fields}
    assert fields <= set(LABELS["argument"]), fields - set(LABELS["argument"])


def test_every_priority_has_a_label() -> None:
    priorities = {
        getattr(followup_service, n) for n in dir(followup_service) if n.startswith("PRIORITY_")
    }
    assert {str(p) for p in priorities} <= set(LABELS["review_priority"])


def test_every_audited_action_has_a_label() -> None:
    """`audit.record(action=...)` anywhere in the code (the dashboard's actions included)."""
    actions = set()
    for _module, tree in _modules(set()):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
            ):
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        value = keyword.value
                        branches = (
                            [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                        )
                        actions |= {
                            b.value
                            for b in branches
                            if isinstance(b, ast.Constant) and isinstance(b.value, str)
                        }
    assert {"link", "undo_link", "note"} <= actions
    assert actions <= set(LABELS["audit_action"]), actions - set(LABELS["audit_action"])


def test_labels_read_naturally() -> None:
    assert label("pending_confirmation", "appointment_status") == "unbestätigt"
    assert label("new_customer", "call_link_status") == "neuer Kunde"
    assert label(None, "appointment_status") == "–"
    # Unknown values stay visible, without underscores.
    assert label("some_new_state", "appointment_status") == "some new state"
    for kind, values in LABELS.items():
        for value, text in values.items():
            assert text and "_" not in text, (kind, value)
