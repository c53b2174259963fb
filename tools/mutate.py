"""Mutation testing for mgcalc's core: how many small wrong versions of the code do the tests catch?

Each mutant changes one thing inside one function: a comparison boundary (< to <=), an
arithmetic or boolean operator, a numeric constant, a condition forced true or false, the
branches of an if swapped, a ``not`` dropped; a text literal emptied, two neighbouring text
literals swapped (two labels of a tuple, two arguments, a dict's two values); two call
arguments of the same kind swapped, a keyword argument dropped. The same changes are made to
the module's constants and tables (its module-level assignments). The tests that cover the
module run against each mutant and stop at the first failure; a mutant that no test notices
"survives".

How it runs, so that a whole run takes minutes on one core: one parent process imports mgcalc,
pytest and the tests' libraries once, then forks a child per mutant. The child swaps the
mutated code objects into the live functions (``function.__code__``), so every reference to a
function sees the mutant, including those behind ``lru_cache`` and methods in classes; it then
runs the module's tests in-process. A mutated module-level assignment is run again in the
module's namespace; a dict, list or set it made is changed in place (every module holding it
sees the mutant), and any other value is rebound in the module and in every module that
imported it by name. Such a mutant runs all the module's tests (imports are not traced). Class
fields and default arguments are not mutated.

Usage: python tools/mutate.py [MODULE ...] [--list] [--timeout S]
  MODULE: e.g. nutrition/planner (default: every module in MODULES). Survivors explained in
  tests/mutation-survivors.md are counted apart. Run it under ``nice``: it uses one core.
"""

from __future__ import annotations

import argparse
import ast
import copy
import gc
import importlib
import itertools
import os
import re
import signal
import sys
import threading
import time
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "mgcalc"
SURVIVORS_FILE = ROOT / "tests" / "mutation-survivors.md"

# Each core module, and the tests that cover it (they mirror the module, plus the CLI's).
MODULES: dict[str, list[str]] = {
    "chemistry/amounts": ["tests/chemistry/test_amounts.py", "tests/chemistry/test_units.py"],
    "chemistry/units": ["tests/chemistry/test_units.py", "tests/chemistry/test_amounts.py"],
    "chemistry/phrase": ["tests/chemistry/test_phrase.py", "tests/interfaces/test_cli_phrasing.py"],
    "chemistry/resolve": ["tests/chemistry/test_forms.py", "tests/chemistry/test_conversion.py"],
    "chemistry/content": [
        "tests/chemistry/test_content.py",
        "tests/chemistry/test_conversion.py",
        "tests/interfaces/test_cli_convert.py",
        "tests/interfaces/test_cli_convert_iv.py",
        "tests/clinical/test_injection.py",
        "tests/interfaces/test_custom_forms.py",
        "tests/nutrition/test_intake.py",
    ],
    "chemistry/item": ["tests/chemistry/test_content.py", "tests/chemistry/test_conversion.py"],
    "chemistry/conversion": [
        "tests/chemistry/test_conversion.py",
        "tests/interfaces/test_cli.py",
        "tests/interfaces/test_cli_convert.py",
        "tests/interfaces/test_cli_convert_iv.py",
        "tests/clinical/test_injection.py",
        "tests/interfaces/test_custom_forms.py",
    ],
    "chemistry/forms": [
        "tests/chemistry/test_forms.py",
        "tests/chemistry/test_conversion.py",
        "tests/interfaces/test_custom_forms.py",
    ],
    "chemistry/forms_file": ["tests/interfaces/test_custom_forms.py"],
    "chemistry/formula": ["tests/chemistry/test_formula.py"],
    "nutrition/assessment": [
        "tests/nutrition/test_assessment.py",
        "tests/nutrition/test_assessment_arguments.py",
        "tests/nutrition/test_standard_terms.py",
        "tests/nutrition/test_intake.py",
        "tests/interfaces/test_cli_intake.py",
    ],
    "nutrition/intake": [
        "tests/nutrition/test_intake.py",
        "tests/nutrition/test_assessment.py",
        "tests/nutrition/test_pregnancy_and_lactation.py",
        "tests/nutrition/test_variation.py",
        "tests/clinical/test_by_mouth.py",
        "tests/interfaces/test_cli_intake.py",
        "tests/interfaces/test_cli_verdicts.py",
    ],
    "nutrition/variation": [
        "tests/nutrition/test_variation.py",
        "tests/nutrition/test_variation_file.py",
        "tests/nutrition/test_assessment.py",
        "tests/interfaces/test_cli_verdicts.py",
    ],
    "nutrition/variation_file": [
        "tests/nutrition/test_variation_file.py",
        "tests/nutrition/test_variation.py",
        "tests/test_data_integrity.py",
    ],
    "nutrition/planner": [
        "tests/nutrition/test_planner.py",
        "tests/nutrition/test_planner_small_limit.py",
        "tests/nutrition/test_planner_fields.py",
        "tests/interfaces/test_cli_plan.py",
    ],
    "nutrition/profile": ["tests/nutrition/test_profile.py", "tests/nutrition/test_standards.py"],
    "nutrition/standards": [
        "tests/nutrition/test_standards.py",
        "tests/nutrition/test_standard_terms.py",
        "tests/nutrition/test_standards_data.py",
        "tests/nutrition/test_profile.py",
        "tests/nutrition/test_assessment.py",
    ],
    "dietary/foods": [
        "tests/dietary/test_foods.py",
        "tests/dietary/test_foods_ranking.py",
        "tests/dietary/test_assembly.py",
        "tests/dietary/test_food_words.py",
        "tests/dietary/test_food_newcomer.py",
        "tests/dietary/test_portions.py",
        "tests/dietary/test_portions_listed.py",
    ],
    "dietary/search": ["tests/dietary/test_search.py", "tests/interfaces/test_cli_diet.py"],
    "dietary/food_words": [
        "tests/dietary/test_food_words.py",
        "tests/dietary/test_food_newcomer.py",
        "tests/interfaces/test_cli_food_words.py",
    ],
    "dietary/portions": [
        "tests/dietary/test_portions.py",
        "tests/dietary/test_portions_amounts.py",
        "tests/dietary/test_foods.py",
    ],
    "dietary/trackers": [
        "tests/dietary/test_trackers.py",
        "tests/dietary/test_trackers_range.py",
        "tests/dietary/test_servings.py",
        "tests/dietary/test_apple_health.py",
        "tests/dietary/test_assembly.py",
    ],
    "dietary/exports": [
        "tests/dietary/test_exports.py",
        "tests/dietary/test_trackers.py",
        "tests/dietary/test_apple_health.py",
    ],
    "dietary/servings": ["tests/dietary/test_servings.py", "tests/interfaces/test_diet_command.py"],
    "dietary/apple_health": ["tests/dietary/test_apple_health.py"],
    "nutrition/period": ["tests/nutrition/test_period.py", "tests/interfaces/test_diet_command.py"],
    "dietary/assembly": ["tests/dietary/test_assembly.py", "tests/nutrition/test_intake.py"],
    "clinical/products": ["tests/clinical/test_products.py"],
    "clinical/products_file": ["tests/clinical/test_products.py"],
    "clinical/product_names": [
        "tests/clinical/test_product_names.py",
        "tests/clinical/test_product_names_with_numbers.py",
        "tests/clinical/test_products.py",
    ],
    "clinical/interactions": [
        "tests/clinical/test_interactions.py",
        "tests/clinical/test_by_mouth.py",
        "tests/clinical/test_matched.py",
        "tests/clinical/test_listed_cautions.py",
    ],
    "clinical/matched": ["tests/clinical/test_matched.py", "tests/clinical/test_interactions.py"],
    "clinical/cautions": [
        "tests/clinical/test_cautions.py",
        "tests/clinical/test_listed_cautions.py",
        "tests/clinical/test_injection.py",
        "tests/nutrition/test_assessment.py",
    ],
    "clinical/injection": [
        "tests/clinical/test_injection.py",
        "tests/clinical/test_listed_cautions.py",
    ],
    "clinical/serum": ["tests/clinical/test_serum.py", "tests/interfaces/test_cli_serum.py"],
    # Not the core, but a batch's dose lines are its bytes: they must equal the model's.
    "interfaces/render/spliced": [
        "tests/interfaces/test_spliced.py",
        "tests/interfaces/test_batch.py",
    ],
    # Not the core either, but --jobs must give one process's bytes, and a failure must end
    # with whole lines. Their workers are forked and inherit the mutant; the tests that run
    # `python -m mgcalc` import the code from disk, so they kill nothing here.
    "interfaces/handover": [
        "tests/interfaces/test_handover.py",
        "tests/interfaces/test_parallel.py",
    ],
    "interfaces/parallel": [
        "tests/interfaces/test_parallel.py",
        "tests/interfaces/test_batch_convert.py",
    ],
}


@dataclass(frozen=True)
class Mutant:
    """One change: its place in the walk of the module, its lines and what it does."""

    index: int
    line: int
    end_line: int
    description: str
    module_level: bool = False  # a constant or table: every test of the module may reach it
    # The statement holding the change: Python reports no line of its own for a literal
    # inside a longer statement (a tuple of notes in a call), so a test that runs the
    # statement reaches it.
    statement: tuple[int, int] = (0, 0)


_COMPARE_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
_BINOP_SWAP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult,
}  # fmt: skip
_SYMBOL = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+",
    ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
    ast.And: "and", ast.Or: "or",
}  # fmt: skip


def _sites(tree: ast.Module) -> Iterator[tuple[ast.AST, str, str]]:
    """Yield (node, kind, description) for every mutation, in a fixed order."""
    for function in _functions(tree):
        for statement in function.body:
            for node in _walk(statement):
                yield from _node_sites(node)
    for function in _functions(tree):  # the operators on text and calls, added later
        for statement in function.body:
            for node in _walk(statement):
                yield from _data_sites(node)
    for statement in _module_assignments(tree):
        for node in _walk(statement):
            yield from _node_sites(node)
            yield from _data_sites(node)


def _module_assignments(tree: ast.Module) -> Iterator[ast.Assign | ast.AnnAssign]:
    """Yield the module-level assignments of constants and tables (not type aliases)."""
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            value: ast.expr | None = statement.value
            names = [target.id for target in statement.targets if isinstance(target, ast.Name)]
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            value, names = statement.value, [statement.target.id]
        else:
            continue
        # A name, an attribute or a subscript (Literal[...], X | None) is an alias, not data.
        if value is None or isinstance(value, (ast.Name, ast.Attribute, ast.Subscript)):
            continue
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
            continue  # a union of types
        if names and not any(name.startswith("__") for name in names):
            yield statement


def module_statement(tree: ast.Module, node: ast.AST) -> ast.stmt | None:
    """Return the module-level assignment holding *node*, or None (inside a function)."""
    for statement in _module_assignments(tree):
        if any(child is node for child in ast.walk(statement)):
            return statement
    return None


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node)


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Walk depth-first, skipping docstrings, annotations and nested defaults."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return  # a docstring or a bare string
    if isinstance(node, ast.AnnAssign):
        if node.value is not None:
            yield from _walk(node.value)
        return
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id in ("Literal", "Annotated")
    ):
        return  # a type, not a value
    yield node
    if isinstance(node, ast.JoinedStr):  # an f-string: its pieces are one text, not literals
        for piece in node.values:
            if isinstance(piece, ast.FormattedValue):
                yield from _walk(piece.value)
        return
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        children: list[ast.AST] = list(node.body)
    elif isinstance(node, ast.Lambda):
        children = [node.body]
    else:
        children = list(ast.iter_child_nodes(node))
    for child in children:
        yield from _walk(child)


def _node_sites(node: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            swapped = _COMPARE_SWAP.get(type(op))
            if swapped is not None:
                yield node, f"compare:{position}", f"{_SYMBOL[type(op)]} -> {_SYMBOL[swapped]}"
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        swapped_op = _BINOP_SWAP.get(type(node.op))
        if swapped_op is not None:
            yield node, "binop", f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[swapped_op]}"
    elif isinstance(node, ast.BoolOp):
        other = "or" if isinstance(node.op, ast.And) else "and"
        yield node, "boolop", f"{_SYMBOL[type(node.op)]} -> {other}"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield node, "not", "drop 'not'"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield node, "negate", "drop unary '-'"
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
        value = node.value
        yield node, "constant", f"{value!r} -> {_changed(value)!r}"
    elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
        yield node, "true", "condition forced true"
        yield node, "false", "condition forced false"
        if isinstance(node, ast.IfExp) or (isinstance(node, ast.If) and node.orelse):
            yield node, "swap", "branches swapped"


# Where neighbouring literals or arguments sit: (node type, field holding a list).
_SEQUENCES: tuple[tuple[type[ast.AST], str], ...] = (
    (ast.Tuple, "elts"), (ast.List, "elts"), (ast.Set, "elts"), (ast.Call, "args"),
    (ast.Dict, "values"), (ast.Dict, "keys"),
)  # fmt: skip


def _text(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _kind_of(node: ast.AST | None) -> str | None:
    """Say what an argument is, for swapping two of the same kind (None: never swapped)."""
    if isinstance(node, ast.Constant):
        return None if isinstance(node.value, str) else type(node.value).__name__
    if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        return "name"
    return None


def _short(text: str) -> str:
    return repr(text if len(text) <= 24 else text[:24] + "…")


def _data_sites(node: ast.AST) -> Iterator[tuple[ast.AST, str, str]]:
    """Yield the mutations of text literals and call arguments at *node*."""
    text = _text(node)
    if text:
        yield node, "empty", f"{_short(text)} -> ''"
    for node_type, field in _SEQUENCES:
        if isinstance(node, node_type):
            yield from _neighbours(node, field)
    if isinstance(node, ast.Call):
        yield from _keyword_sites(node)


def _neighbours(node: ast.AST, field: str) -> Iterator[tuple[ast.AST, str, str]]:
    """Yield the swaps of two neighbouring texts, or of two call arguments of one kind."""
    items = getattr(node, field)
    for position, (one, two) in enumerate(itertools.pairwise(items)):
        first, second = _text(one), _text(two)
        if first is not None and second is not None and first != second:
            described = f"swap {_short(first)}, {_short(second)}"
            yield node, f"swaptext:{field}:{position}", described
        elif isinstance(node, ast.Call) and field == "args":
            kind = _kind_of(one)
            if kind is not None and kind == _kind_of(two) and ast.dump(one) != ast.dump(two):
                described = f"swap arguments {position + 1}, {position + 2}"
                yield node, f"swaparg:{position}", described


def _keyword_sites(node: ast.Call) -> Iterator[tuple[ast.AST, str, str]]:
    for position, keyword in enumerate(node.keywords):
        if keyword.arg is not None:
            yield node, f"dropkw:{position}", f"drop {keyword.arg}="
    for position, (one, two) in enumerate(itertools.pairwise(node.keywords)):
        if one.arg is None or two.arg is None:
            continue
        kind = _kind_of(one.value)
        same = kind is not None and kind == _kind_of(two.value)
        texts = _text(one.value) is not None and _text(two.value) is not None
        if (same or texts) and ast.dump(one.value) != ast.dump(two.value):
            yield node, f"swapkw:{position}", f"swap {one.arg}=, {two.arg}="


def _changed(value: int | float | bool) -> int | float | bool:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return 1 if value == 0 else 0 if value == 1 else value + 1
    return 1.0 if value == 0 else value * 2


def _apply(node: ast.AST, kind: str) -> None:
    """Change *node* in place as *kind* says."""
    if kind.startswith("compare:"):
        assert isinstance(node, ast.Compare)
        position = int(kind.split(":")[1])
        node.ops[position] = _COMPARE_SWAP[type(node.ops[position])]()
    elif kind == "binop":
        assert isinstance(node, (ast.BinOp, ast.AugAssign))
        node.op = _BINOP_SWAP[type(node.op)]()
    elif kind == "boolop":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind in ("not", "negate"):
        assert isinstance(node, ast.UnaryOp)
        node.op = ast.UAdd()  # +x: the operand unchanged (for 'not', its truth is what counts)
        if kind == "not":
            node.operand = ast.Call(ast.Name("bool", ast.Load()), [node.operand], [])
    elif kind == "constant":
        assert isinstance(node, ast.Constant)
        node.value = _changed(node.value)
    elif kind in ("true", "false"):
        assert isinstance(node, (ast.If, ast.While, ast.IfExp))
        node.test = ast.Constant(kind == "true")
    elif kind == "empty" or kind.startswith(("swaptext:", "swaparg:", "dropkw:", "swapkw:")):
        _apply_data(node, kind)
    elif kind == "swap":
        if isinstance(node, ast.IfExp):
            node.body, node.orelse = node.orelse, node.body
        else:
            assert isinstance(node, ast.If)
            node.body, node.orelse = node.orelse, node.body
            if not node.orelse:
                node.orelse = [ast.Pass()]


def _apply_data(node: ast.AST, kind: str) -> None:
    """Change a text literal or a call's arguments in place as *kind* says."""
    if kind == "empty":
        assert isinstance(node, ast.Constant)
        node.value = ""
        return
    name, *where = kind.split(":")
    index = int(where[-1])
    if name == "swaptext":
        items = getattr(node, where[0])
        items[index], items[index + 1] = items[index + 1], items[index]
        return
    assert isinstance(node, ast.Call)
    if name == "swaparg":
        node.args[index], node.args[index + 1] = node.args[index + 1], node.args[index]
    elif name == "dropkw":
        del node.keywords[index]
    else:
        one, two = node.keywords[index], node.keywords[index + 1]
        one.value, two.value = two.value, one.value


def mutants(tree: ast.Module) -> list[Mutant]:
    """Return every mutant of a parsed module, with the lines a test must run to reach it."""
    found = []
    top = {id(child) for statement in _module_assignments(tree) for child in ast.walk(statement)}
    holder: dict[int, tuple[int, int]] = {}  # node -> lines of its innermost statement
    for statement in ast.walk(tree):
        if isinstance(statement, ast.stmt):
            lines = (statement.lineno, statement.end_lineno or statement.lineno)
            for child in ast.walk(statement):  # outer statements first: inner ones overwrite
                holder[id(child)] = lines
    for index, (node, _, description) in enumerate(_sites(tree)):
        # A forced or swapped condition is reached when its test runs.
        where = node.test if isinstance(node, (ast.If, ast.While, ast.IfExp)) else node
        line = getattr(where, "lineno", 0)
        end = getattr(where, "end_lineno", line) or line
        statement = holder.get(id(node), (line, end))
        found.append(Mutant(index, line, end, description, id(node) in top, statement))
    return found


def mutated_code(tree: ast.Module, index: int, path: Path) -> types.CodeType:
    """Compile the module with mutant *index* applied (only its statement, if module-level)."""
    tree = copy.deepcopy(tree)
    for number, (node, kind, _) in enumerate(_sites(tree)):
        if number == index:
            _apply(node, kind)
            statement = module_statement(tree, node)
            if statement is not None:
                tree = ast.Module(body=[statement], type_ignores=[])
            break
    return compile(ast.fix_missing_locations(tree), str(path), "exec")


def _rebind(path: Path, code: types.CodeType) -> int:
    """Run a mutated module-level assignment and put its values in place; return how many."""
    module = next(
        (each for each in list(sys.modules.values())
         if getattr(each, "__file__", None) == str(path)),
        None,
    )  # fmt: skip
    if module is None:
        return 0
    namespace = dict(vars(module))
    exec(code, namespace)  # the module's own statement, mutated
    changed = 0
    for name, new in namespace.items():
        old = vars(module).get(name)
        if name not in vars(module) or new is old:
            continue
        changed += 1
        if isinstance(old, dict) and isinstance(new, dict):
            old.clear()
            old.update(new)
        elif isinstance(old, list) and isinstance(new, list):
            old[:] = new
        elif isinstance(old, set) and isinstance(new, set):
            old.clear()
            old.update(new)
        else:
            for holder in list(sys.modules.values()):
                if getattr(holder, name, None) is old:
                    setattr(holder, name, new)
    return changed


def _code_objects(code: types.CodeType) -> dict[str, types.CodeType]:
    """Return every function's code in a module's code, by qualified name."""
    found: dict[str, types.CodeType] = {}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found[const.co_qualname] = const
            found.update(_code_objects(const))
    return found


def _swap_in(path: Path, code: types.CodeType) -> int:
    """Give every live function defined in *path* its mutated code; return how many."""
    replacements = _code_objects(code)
    swapped = 0
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename == str(path):
            new = replacements.get(obj.__code__.co_qualname)
            if new is not None and new.co_freevars == obj.__code__.co_freevars:
                obj.__code__ = new
                swapped += 1
    return swapped


def _run_tests(tests: list[str], plugins: list[object] | None = None, *, stop: bool = True) -> int:
    import pytest

    arguments = ["-q", "--no-header", "-p", "no:randomly", "-p", "no:cacheprovider"]
    if stop:
        arguments.append("-x")
    # The parent imported hypothesis (a pytest plugin) before pytest could rewrite it.
    arguments += ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    return int(pytest.main([*arguments, *tests], plugins=plugins))


class _Recorder:
    """A pytest plugin that records which lines of one file each test runs."""

    def __init__(self, path: Path, children: Path) -> None:
        self.path = str(path)
        self.children = children  # lines run in forked processes (a --jobs worker), one a line
        self.pid = os.getpid()
        self.current: str | None = None
        self.order: list[str] = []
        self.lines: dict[int, set[str]] = {}

    def _note(self, line: int) -> None:
        if self.current is None or self.current in self.lines.get(line, ()):
            return
        self.lines.setdefault(line, set()).add(self.current)
        if os.getpid() != self.pid:  # a fork inherits the trace: tell the recording process
            with self.children.open("a", encoding="utf-8") as shared:
                shared.write(f"{line}\t{self.current}\n")

    def _local(self, frame: types.FrameType, event: str, arg: object) -> object:
        if event == "line":
            self._note(frame.f_lineno)
        return self._local

    def _global(self, frame: types.FrameType, event: str, arg: object) -> object:
        if frame.f_code.co_filename == self.path:
            self._note(frame.f_lineno)  # the def line itself
            return self._local
        return None

    def merged(self) -> dict[int, set[str]]:
        """The lines run here and in the forked processes, each with its tests."""
        if self.children.is_file():
            for row in self.children.read_text(encoding="utf-8").splitlines():
                line, test = row.split("\t", 1)
                self.lines.setdefault(int(line), set()).add(test)
        return self.lines

    def pytest_runtest_protocol(self, item: object, nextitem: object) -> None:
        """Name the test whose lines are being recorded."""
        self.current = str(getattr(item, "nodeid", ""))
        self.order.append(self.current)
        sys.settrace(self._global)
        threading.settrace(self._global)  # type: ignore[arg-type]  # and the threads it starts

    def pytest_runtest_logfinish(self, nodeid: str, location: object) -> None:
        """Stop recording at the end of each test."""
        sys.settrace(None)
        threading.settrace(None)
        self.current = None


def _coverage(path: Path, tests: list[str]) -> tuple[list[str], dict[int, set[str]]]:
    """Return the tests in run order and, for each line of *path*, the tests that run it."""
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "coverage.json"
        pid = os.fork()
        if pid == 0:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                recorder = _Recorder(path, Path(folder) / "children.tsv")
                code = _run_tests(tests, plugins=[recorder], stop=False)
                lines = {line: sorted(ids) for line, ids in recorder.merged().items()}
                out.write_text(json.dumps({"order": recorder.order, "lines": lines}))
                os._exit(code)
            finally:
                os._exit(98)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not out.is_file():
            sys.exit(f"{path.name}: the tests fail without any mutant; fix them first")
        data = json.loads(out.read_text())
    return data["order"], {int(line): set(ids) for line, ids in data["lines"].items()}


def _child(
    path: Path, tree: ast.Module, index: int | None, tests: list[str], module_level: bool
) -> None:
    """In a forked child: apply the mutant (if any), run the tests quietly, exit with their code."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if index is not None:
        code = mutated_code(tree, index, path)
        try:
            swapped = _rebind(path, code) if module_level else _swap_in(path, code)
        except Exception:  # the mutated module would not even import: a kill
            os._exit(1)
        if not swapped:
            os._exit(99)  # nothing swapped: a site outside any live function
    failures = _Failures()
    code = _run_tests(tests, plugins=[failures])
    # A test module that cannot be imported under the mutant (its module-level code calls the
    # mutated function) stops pytest with a usage error (4: "found no collectors" for the
    # selected tests): a failure the mutant caused, so a kill, not an error of this tool.
    os._exit(1 if code != 0 and failures.failed else code)


class _Failures:
    """A pytest plugin that notes whether any test, or the collection of any file, failed."""

    failed = False

    def pytest_collectreport(self, report: object) -> None:
        """Note a file that failed to import."""
        self.failed = self.failed or bool(getattr(report, "failed", False))

    def pytest_runtest_logreport(self, report: object) -> None:
        """Note a failed test (its setup, call or teardown)."""
        self.failed = self.failed or bool(getattr(report, "failed", False))


def _fork_run(
    path: Path,
    tree: ast.Module,
    index: int | None,
    tests: list[str],
    limit: float,
    module_level: bool = False,
) -> str:
    """Return 'killed', 'survived', 'timeout' or 'error (exit N)' for one mutant (None: none)."""
    pid = os.fork()
    if pid == 0:
        try:
            _child(path, tree, index, tests, module_level)
        finally:
            os._exit(98)
    deadline = time.monotonic() + limit
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.02)
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return "survived"
    if code in (1, 2):  # pytest: 1 a test failed, 2 interrupted (a file failed to import)
        return "killed"
    # 98: the child failed before pytest answered, 99: nothing swapped; pytest: 3 internal
    # error, 4 usage error, 5 no test collected, with no test or file failing.
    return f"error (exit {code})"


def _explained() -> set[tuple[str, str, str]]:
    """Return (module, source line, mutation) of each survivor tests/mutation-survivors.md explains.

    Rows read ``| `module` | `source line, stripped` | `mutation` | reason |``: keyed by the
    line's text, not its number, so that edits elsewhere in the module keep them.
    """
    if not SURVIVORS_FILE.is_file():
        return set()
    found = set()
    row = re.compile(r"^\| `([a-z/_]+)` \| `(.+?)` \| `(.+?)` \| .+ \|$")
    for line in SURVIVORS_FILE.read_text(encoding="utf-8").splitlines():
        match = row.match(line)
        if match:
            found.add((match[1], match[2], match[3]))
    return found


def _prepare() -> None:
    """Import what every child needs, once, so that forks start warm."""
    os.chdir(ROOT)
    # This tree's mgcalc, not the one an editable install points at (a copy of the tree would
    # otherwise mutate its own files while the tests import the original's: nothing is killed).
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "tests"))
    import mgcalc

    if Path(mgcalc.__file__).resolve().parent != SOURCE:
        sys.exit(f"mgcalc is imported from {Path(mgcalc.__file__).parent}, not {SOURCE}")
    import pytest  # noqa: F401
    from hypothesis import settings

    # No example database: a mutant's failing examples must not be replayed on the real code.
    settings.register_profile("mutate", database=None, derandomize=True)
    settings.load_profile("mutate")
    import rich.console
    import rich.table  # noqa: F401
    import typer.testing  # noqa: F401

    import mgcalc.interfaces.batch
    import mgcalc.interfaces.cli
    import mgcalc.nutrition.planner
    from mgcalc.chemistry.forms import shipped_table
    from mgcalc.nutrition.standards import reference_rows

    shipped_table()
    reference_rows()
    for name in MODULES:  # some are imported lazily, on first use
        importlib.import_module("mgcalc." + name.replace("/", "."))


def _run_module(
    name: str, explained: set[tuple[str, str, str]], limit: float
) -> tuple[int, int, int]:
    """Run every mutant of one module; print its score and unexplained survivors.

    Return (mutants, killed, survivors explained).
    """
    path = SOURCE / f"{name}.py"
    text = path.read_text(encoding="utf-8")
    source = text.splitlines()
    tree = ast.parse(text, str(path))
    found = mutants(tree)
    tests = [test for test in MODULES[name] if (ROOT / test).is_file()]
    start = time.monotonic()
    order, covered = _coverage(path, tests)
    killed = 0
    survivors: list[tuple[Mutant, str]] = []
    for mutant in found:
        # Only the tests that run the mutated lines can notice it, in their usual order.
        lines = range(mutant.line, mutant.end_line + 1)
        reach = set().union(*(covered.get(line, set()) for line in lines))
        if not reach:  # a literal inside a longer statement: its statement's tests
            lines = range(mutant.statement[0], mutant.statement[1] + 1)
            reach = set().union(*(covered.get(line, set()) for line in lines))
        if mutant.module_level:  # run on import: any test of the module may see it
            reach = set(order)
        if not reach:
            survivors.append((mutant, "not run by any test"))
            continue
        selected = [test for test in order if test in reach]
        if mutant.module_level:
            # By file, not by test id: a test parametrized from the mutated table has other
            # ids under the mutant (pytest would stop with "not found", exit 4).
            selected = tests
        outcome = _fork_run(path, tree, mutant.index, selected, limit, mutant.module_level)
        if outcome in ("killed", "timeout"):
            killed += 1
        else:
            survivors.append((mutant, outcome))
    unexplained = [
        (mutant, outcome)
        for mutant, outcome in survivors
        if (name, source[mutant.line - 1].strip(), mutant.description) not in explained
    ]
    score = 100 * killed / len(found) if found else 100.0
    print(
        f"{name}: {killed}/{len(found)} killed ({score:.1f} %), {len(survivors)} survived "
        f"({len(survivors) - len(unexplained)} explained in {SURVIVORS_FILE.name}), "
        f"{time.monotonic() - start:.0f} s"
    )
    for mutant, outcome in unexplained:
        code = source[mutant.line - 1].strip()
        print(f"  {name}.py:{mutant.line}: `{code}` `{mutant.description}` [{outcome}]")
    sys.stdout.flush()
    return len(found), killed, len(survivors) - len(unexplained)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES))
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant")
    options = parser.parse_args()
    unknown = [name for name in options.modules if name not in MODULES]
    if unknown:
        sys.exit(f"unknown module {unknown[0]!r}; known: {', '.join(MODULES)}")
    if options.list:
        for name in options.modules:
            path = SOURCE / f"{name}.py"
            for mutant in mutants(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                print(f"{name}.py:{mutant.line}: {mutant.description}")
        return
    _prepare()
    explained = _explained()
    totals = [(name, *_run_module(name, explained, options.timeout)) for name in options.modules]
    print("\n| module | mutants | killed | score | survivors explained |")
    print("|---|---:|---:|---:|---:|")
    for name, count, killed, listed in totals:
        score = 100 * killed / count if count else 100.0
        print(f"| {name} | {count} | {killed} | {score:.1f} % | {listed} |")


if __name__ == "__main__":
    main()
