"""tools/mutate.py's operators on text, calls and module-level tables (issue #25)."""

from __future__ import annotations

import ast
import importlib.util
import sys
import types
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "mutate.py"
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="needs the source tree")

SOURCE = '''
from typing import Literal

Kind = Literal["rda", "ear"]
INFO = {"us": ("US/Canada", "RDA", "UL"), "uk": ("UK", "RNI", "guidance level")}
LIMIT = 1e9


def verdict(total, reference, upper):
    """A docstring is never mutated."""
    shown = f"Total {total} mg"
    return describe(shown, reference, upper, strict=True, unit="mg")
'''


@pytest.fixture(scope="module")
def mutate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate_tool", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def _descriptions(mutate: ModuleType) -> list[tuple[int, str, bool]]:
    return [(m.line, m.description, m.module_level) for m in mutate.mutants(ast.parse(SOURCE))]


def test_text_and_call_operators_inside_functions(mutate: ModuleType) -> None:
    found = [(line, text) for line, text, top in _descriptions(mutate) if not top]
    assert (12, "swap arguments 2, 3") in found  # reference, upper: two names
    assert (12, "swap arguments 1, 2") in found
    assert (12, "drop strict=") in found and (12, "drop unit=") in found
    assert (12, "'mg' -> ''") in found
    assert not any("docstring" in text or "Total" in text for _, text in found)  # f-string


def test_module_level_tables_are_mutated_but_not_type_aliases(mutate: ModuleType) -> None:
    found = [(line, text) for line, text, top in _descriptions(mutate) if top]
    assert (5, "swap 'RDA', 'UL'") in found
    assert (5, "'guidance level' -> ''") in found
    assert (5, "swap 'US/Canada', 'RDA'") in found
    assert (6, "1000000000.0 -> 2000000000.0") in found
    assert not any(line == 4 for line, _ in found)  # Literal["rda", "ear"] is a type


def test_a_module_level_mutant_compiles_its_statement_alone(mutate: ModuleType) -> None:
    tree = ast.parse(SOURCE)
    index = next(m.index for m in mutate.mutants(tree) if m.description == "'guidance level' -> ''")
    namespace: dict[str, object] = {}
    exec(mutate.mutated_code(tree, index, Path("x.py")), namespace)
    assert namespace["INFO"] == {"us": ("US/Canada", "RDA", "UL"), "uk": ("UK", "RNI", "")}
    assert "verdict" not in namespace


def test_rebind_changes_a_table_in_place_and_a_value_where_imported(
    mutate: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "table.py"
    path.write_text(SOURCE, encoding="utf-8")
    module = types.ModuleType("mutate_demo")
    module.__file__ = str(path)
    exec(compile(SOURCE, str(path), "exec"), vars(module))
    importer = types.ModuleType("mutate_importer")
    importer.LIMIT = module.LIMIT  # type: ignore[attr-defined]  # from table import LIMIT
    monkeypatch.setitem(sys.modules, "mutate_demo", module)
    monkeypatch.setitem(sys.modules, "mutate_importer", importer)
    table = module.INFO
    tree = ast.parse(SOURCE)
    mutants = {m.description: m.index for m in mutate.mutants(tree) if m.module_level}
    code = mutate.mutated_code(tree, mutants["swap 'RDA', 'UL'"], path)
    assert mutate._rebind(path, code) == 1
    assert table["us"] == ("US/Canada", "UL", "RDA")  # the same dict, changed in place
    code = mutate.mutated_code(tree, mutants["1000000000.0 -> 2000000000.0"], path)
    assert mutate._rebind(path, code) == 1
    assert module.LIMIT == importer.LIMIT == 2e9  # type: ignore[attr-defined]
