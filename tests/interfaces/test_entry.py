"""The mgcalc program as a process: what it imports, its exit codes, a closed stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# Start-up is a feature (README, "Development"): the JSON path must not pay for these.
# rich draws tables; pint is needed only for units not in units.PRECOMPUTED; molmass
# only for formula:… forms. If this test fails, import the module inside the function
# that needs it, or precompute what the ordinary path needs from it.
NOT_ON_THE_JSON_PATH = ("rich", "pint", "molmass")
JSON_COMMANDS = {
    "convert": ["convert", "400mg", "oxide", "--json"],
    "dose": ["dose", "glycinate=500mg", "--diet", "250mg", "--age", "42", "--sex", "female",
             "--json"],
    "plan": ["plan", "glycinate", "--unit", "500mg", "--diet", "200mg", "--age", "42", "--sex",
             "female", "--json"],
    "food": ["food", "almonds", "--json"],
    "dose with foods": ["dose", "--food", "almonds=1oz", "--food", "banana=1medium", "--age",
                        "42", "--sex", "female", "--json"],
}  # fmt: skip


def _mgcalc(*args: str, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MGCALC_FORMS", None)
    command = [sys.executable, *flags, "-m", "mgcalc", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize("args", list(JSON_COMMANDS.values()), ids=list(JSON_COMMANDS))
def test_the_json_path_imports_neither_rich_nor_pint(args: list[str]) -> None:
    run = _mgcalc(*args, flags=("-X", "importtime"))
    assert run.returncode == 0, run.stderr
    imported = {
        line.split("|")[-1].strip()
        for line in run.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "mgcalc.interfaces.cli" in imported  # the report is read right
    heavy = sorted(name for name in imported if name.split(".")[0] in NOT_ON_THE_JSON_PATH)
    assert heavy == [], f"the JSON path of '{args[0]}' imports {heavy[:5]}"


@pytest.mark.parametrize("args", list(JSON_COMMANDS.values()), ids=list(JSON_COMMANDS))
def test_pydantic_s_plugin_loader_is_not_imported_when_no_plugin_is_installed(
    args: list[str],
) -> None:
    from mgcalc.interfaces.entry import pydantic_plugins_installed

    if pydantic_plugins_installed():
        pytest.skip("a pydantic plugin is installed: pydantic loads it as usual")
    run = _mgcalc(*args, flags=("-X", "importtime"))
    assert run.returncode == 0, run.stderr
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines()}
    assert "mgcalc.interfaces.cli" in imported  # the report is read right
    assert sorted({"importlib.metadata", "email"} & imported) == []


def test_the_stand_in_finds_what_pydantic_s_loader_finds_with_plugins_disabled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    from mgcalc.interfaces.entry import PLUGIN_LOADER, no_plugins_loader

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    pydantic_s = importlib.import_module(PLUGIN_LOADER)  # still where pydantic keeps it
    assert list(no_plugins_loader().get_plugins()) == list(pydantic_s.get_plugins()) == []


def test_the_stand_in_has_every_name_pydantic_imports_from_its_loader() -> None:
    """A pydantic release that imports more from its loader must fail here, not in users' runs."""
    import ast

    import pydantic

    from mgcalc.interfaces.entry import PLUGIN_LOADER, no_plugins_loader

    wanted: set[str] = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if (node.level and node.module == "_loader") or node.module == PLUGIN_LOADER:
                wanted |= {alias.name for alias in node.names}
    assert "get_plugins" in wanted  # the scan finds pydantic's own import
    assert sorted(name for name in wanted if not hasattr(no_plugins_loader(), name)) == []


@pytest.mark.parametrize("command", ["convert", "dose", "plan"])
def test_the_food_table_stays_out_of_commands_without_foods(command: str) -> None:
    run = _mgcalc(*JSON_COMMANDS[command], flags=("-X", "importtime"))
    assert run.returncode == 0, run.stderr
    assert "mgcalc.dietary.foods" not in run.stderr


# What a form's name never needs: the products and interactions tables (and their row
# models), the readers of a user's files, pydantic's serializer decorators (2 ms).
NOT_FOR_A_FORM = (
    "mgcalc.clinical.products", "mgcalc.clinical.interactions", "mgcalc.chemistry.forms_file",
    "mgcalc.clinical.products_file", "mgcalc.nutrition.intake", "pydantic.functional_serializers",
)  # fmt: skip


@pytest.mark.parametrize("command", ["convert", "dose", "plan"])
def test_a_form_s_name_needs_no_product_nor_interaction(command: str) -> None:
    run = _mgcalc(*JSON_COMMANDS[command], flags=("-X", "importtime"))
    assert run.returncode == 0, run.stderr
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines()}
    unneeded = set(NOT_FOR_A_FORM) - ({"mgcalc.nutrition.intake"} if command == "dose" else set())
    assert sorted(unneeded & imported) == []


@pytest.mark.parametrize("command", ["dose", "plan"])
def test_dose_and_plan_build_no_convert_result(command: str) -> None:
    # They read amounts with chemistry.content: the models of convert's result (Conversion,
    # ByUnit, Delivered, PerKg, Rate) cost about 10 ms to build.
    run = _mgcalc(*JSON_COMMANDS[command], flags=("-X", "importtime"))
    assert run.returncode == 0, run.stderr
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines()}
    assert "mgcalc.chemistry.content" in imported
    assert "mgcalc.chemistry.conversion" not in imported


def test_a_result_and_exit_code_0() -> None:
    run = _mgcalc("convert", "8mEq", "--json")
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith("{") and run.stdout.endswith("}\n")


def test_bad_input_is_one_line_and_exit_2() -> None:
    run = _mgcalc("convert", "400mg", "glycinat")
    assert (run.returncode, run.stdout) == (2, "")
    assert (
        run.stderr == "error: unknown form 'glycinat'; did you mean 'glycinate' or 'gluconate'?\n"
    )


@pytest.mark.parametrize("args", [["forms", "--json"], ["convert", "1g", "--json"]])
def test_a_closed_stdout_is_one_line_and_exit_1(args: list[str]) -> None:
    command = [sys.executable, "-m", "mgcalc", *args]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # the reader is gone before mgcalc writes
        errors = child.stderr.read().decode()
        assert child.wait() == 1
    assert errors == "error: output closed before mgcalc finished (broken pipe)\n"


def test_a_run_builds_only_the_command_it_names() -> None:
    import typer

    from mgcalc.interfaces.cli import _lean, app

    whole = typer.main.get_command(app)
    assert isinstance(whole, typer.core.TyperGroup)
    for name in set(whole.commands) - {"profile"}:  # a group is built with the whole app
        lean = typer.main.get_command(_lean([name, "--json"]))
        assert isinstance(lean, typer.core.TyperGroup)
        assert list(lean.commands) == [name]
    for args in ([], ["--help"], ["--version"], ["dos"], ["profile", "show"]):
        assert _lean(args) is app


def test_the_lean_app_says_what_the_whole_one_says(mgcalc: Any) -> None:
    whole = mgcalc("dose", "--fod", "almonds=1oz")
    lean = _mgcalc("dose", "--fod", "almonds=1oz")
    said = lean.stderr.replace("python -m mgcalc", "mgcalc")
    assert (lean.returncode, lean.stdout, said) == (2, "", whole.stderr)


def test_plugins_are_looked_for_only_where_one_is_declared(tmp_path: Path) -> None:
    from mgcalc.interfaces.entry import pydantic_plugins_installed

    assert not pydantic_plugins_installed([str(tmp_path), str(tmp_path / "missing")])
    info = tmp_path / "some_plugin-1.0.dist-info"
    info.mkdir()
    assert not pydantic_plugins_installed([str(tmp_path)])  # no entry_points.txt
    (info / "entry_points.txt").write_text("[console_scripts]\nsome = some:main\n")
    assert not pydantic_plugins_installed([str(tmp_path)])
    (info / "entry_points.txt").write_text("[pydantic]\nsome = some_plugin:plugin\n")
    assert pydantic_plugins_installed([str(tmp_path)])


def test_the_plugin_scan_agrees_with_importlib_metadata() -> None:
    from importlib.metadata import entry_points

    from mgcalc.interfaces.entry import pydantic_plugins_installed

    assert pydantic_plugins_installed() == bool(entry_points(group="pydantic"))
