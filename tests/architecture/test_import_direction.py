"""Data flows one way: connector -> extract -> detect -> link -> rules -> review -> report.

Every project module belongs to one floor (below); a module may import its own floor and the floors
beneath it, never one above, and no set of modules may import each other in a circle. Imports inside
functions and under TYPE_CHECKING count: a lazy import is still a dependency. Extension points name
their modules as strings in a lazy registry (connectors/__init__.py, ...), so a registry does not make
an arrow upward.
"""

from __future__ import annotations

import ast

import pytest

from tests.architecture.imports import cycles, graph, modules

# Bottom first. A name matches a module and everything under it; the longest match wins.
FLOORS: list[tuple[str, tuple[str, ...]]] = [
    ("floor", ("scanner.kernel", "scanner", "config")),
    ("connectors", ("connectors",)),
    ("settings", ("scanner.config",)),
    ("detection", ("scanner.detection", "config.nlp")),
    ("records", ("scanner.records",)),
    ("linking", ("scanner.linking", "scanner.forms", "scanner.doctables", "scanner.person_roles", "scanner.sharing",
                 "scanner.unknown_children", "scanner.generic_terms", "scanner.inventory", "scanner.columns")),
    ("rules", ("scanner.rules",)),
    ("review", ("scanner.link_review", "scanner.triage", "scanner.coverage", "scanner.state", "scanner.cache",
                "scanner.evaluation_cache", "scanner.outdir", "scanner.decisions")),
    ("reports", ("reports",)),
    ("app", ("scanner.pipeline", "scanner.executor", "scanner.worker_pool", "scanner.columnar", "scanner.kept_scan",
             "scanner.dask_executor", "scanner.cli",
             "scanner.doctor", "scanner.purge", "scanner.progress", "scanner.demo", "scanner.audit")),
]


def floor_of(module: str) -> int:
    best: tuple[int, int] | None = None
    for level, (_name, prefixes) in enumerate(FLOORS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), level)
    if best is None:
        raise AssertionError(f"{module} is on no floor: add it to FLOORS")
    return best[1]


def upward(edges: dict[str, set[str]] | None = None) -> set[tuple[str, str]]:
    edges = graph() if edges is None else edges
    return {(m, t) for m, targets in edges.items() for t in targets if floor_of(t) > floor_of(m)}


def test_every_module_is_on_a_floor() -> None:
    for module in modules():
        floor_of(module)


def test_no_import_runs_against_the_flow() -> None:
    found = sorted(upward())
    assert not found, "imports against the flow:\n" + "\n".join(
        f"  {m} ({FLOORS[floor_of(m)][0]}) -> {t} ({FLOORS[floor_of(t)][0]})" for m, t in found)


def test_no_cycles() -> None:
    assert not cycles(graph()), "modules importing each other in a circle"


def test_an_upward_import_is_caught() -> None:
    """The check can fail: a connector importing a rule, the floor importing a report."""
    edges = {"connectors.smb": {"scanner.rules.open_access", "scanner.kernel.model"},
             "scanner.kernel.model": {"reports.view"}, "reports.view": {"scanner.triage"}}
    assert upward(edges) == {("connectors.smb", "scanner.rules.open_access"), ("scanner.kernel.model", "reports.view")}


def test_the_floor_imports_nothing_of_the_project_above_it() -> None:
    floor = {m for m in modules() if floor_of(m) == 0}
    for module, targets in graph().items():
        if module in floor:
            assert targets <= floor, f"{module} imports {sorted(targets - floor)}"


RULE_FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob",
                   "connect", "create_engine", "read_csv", "read_excel"}


@pytest.mark.parametrize("module", sorted(m for m in modules() if m.startswith("scanner.rules")))
def test_rules_open_no_files(module: str) -> None:
    """Rules judge what the earlier stages found; reading a file or a database there would be a second,
    unrecorded source of truth."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    calls = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
             for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert not calls & RULE_FILE_CALLS


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
