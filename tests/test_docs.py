"""The docs cannot drift: README examples run, every command has help, exit codes are listed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from helpers import every_command

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DATA_README = ROOT / "data" / "README.md"
pytestmark = pytest.mark.skipif(not README.exists(), reason="needs the source tree")


def _examples() -> list[str]:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    lines = re.findall(r"^\$ (mgcalc [^\n]*)$", text, re.MULTILINE)
    return [line.split(" #")[0].strip() for line in lines]


def _excerpts() -> list[tuple[str, list[str]]]:
    """Each ``$ mgcalc`` line of a console block with the output lines printed below it."""
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        command: str | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                command = line[2:].split(" #")[0].strip() if line.startswith("$ mgcalc") else None
                if command is not None:
                    found.append((command, []))
            elif command is not None and line.strip():
                found[-1][1].append(line)
    return [(command, lines) for command, lines in found if lines]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", _examples())
def test_readme_example_runs(mgcalc: Any, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.chdir(ROOT)  # examples name files from the top of the repository
    run = mgcalc(*shlex.split(command)[1:])
    assert run.exit_code == 0, run.stderr
    assert run.stdout


@pytest.mark.parametrize(("command", "lines"), _excerpts(), ids=lambda value: str(value)[:40])
def test_readme_output_excerpts_are_true(
    mgcalc: Any, monkeypatch: pytest.MonkeyPatch, command: str, lines: list[str]
) -> None:
    # The README shows output as printed at 80 columns without colour.
    from typer.testing import CliRunner

    from mgcalc.interfaces.cli import app

    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    printed = _squeeze(result.stdout)
    for line in lines:
        assert _squeeze(line) in printed, line


_FIGURE = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?) ?(mg|mmol|mEq|mL|%)(?![A-Za-z])")


def _commented() -> list[tuple[str, list[tuple[float, str]]]]:
    """Each ``$ mgcalc`` example whose comment quotes figures, with those figures."""
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    found = []
    for line in re.findall(r"^\$ (mgcalc [^\n]*#[^\n]*)$", text, re.MULTILINE):
        command, comment = line.split(" #", 1)
        comment = re.sub(r"\([^)]*\)", "", comment)  # an aside, e.g. what a wrong reading gives
        figures = [
            (float(value.replace(",", "")), unit) for value, unit in _FIGURE.findall(comment)
        ]
        if figures:
            found.append((command.strip(), figures))
    return found


@pytest.mark.parametrize(("command", "figures"), _commented(), ids=lambda value: str(value)[:40])
def test_readme_comments_quote_the_output(
    mgcalc: Any, command: str, figures: list[tuple[float, str]]
) -> None:
    # "# a salt's weight → magnesium: 241.2 mg" must be a figure the command prints.
    run = mgcalc(*shlex.split(command)[1:])
    assert run.exit_code == 0, run.stderr
    printed = [(float(value.replace(",", "")), unit) for value, unit in _FIGURE.findall(run.stdout)]
    for figure in figures:
        assert figure in printed, figure


def test_readme_comments_quote_figures() -> None:
    assert len(_commented()) >= 6


def test_readme_shows_output() -> None:
    assert len(_excerpts()) >= 3


_PATH = re.compile(r"`([\w.-]+(?:/[\w.-]*)*)`|\]\(([\w./-]+)\)")
_SUFFIXES = (".py", ".csv", ".md", ".txt", ".json", ".jsonl", ".toml", ".cfg")


def _mentioned_paths(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    paths = set()
    for span, link in _PATH.findall(text):
        name = span or link
        if ("/" in name or name.endswith(_SUFFIXES)) and not name.startswith(".venv"):
            paths.add(name)
    return sorted(paths)


@pytest.mark.parametrize("doc", [README, DATA_README], ids=["README", "data/README"])
def test_files_named_in_the_docs_exist(doc: Path) -> None:
    # A name resolves from the repository, the document's folder, or data/ (the tables).
    missing = [
        name
        for name in _mentioned_paths(doc)
        if not any((base / name).exists() for base in (ROOT, doc.parent, ROOT / "data"))
    ]
    assert missing == []
    assert _mentioned_paths(doc)


def test_readme_has_examples() -> None:
    assert len(_examples()) >= 15


@pytest.mark.parametrize("command", every_command())
def test_every_command_has_help(mgcalc: Any, command: str) -> None:
    run = mgcalc(*command.split(), "--help")
    assert run.exit_code == 0
    assert "Usage" in run.stdout
    assert len(mgcalc(*command.split(), "-h").stdout) == len(run.stdout)


def test_commands_are_found() -> None:
    assert {"convert", "dose", "plan", "profile set", "profile show"} <= set(every_command())


def test_every_exit_code_is_documented() -> None:
    from mgcalc import errors

    text = README.read_text(encoding="utf-8")
    table = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    for code in codes:
        assert re.search(rf"^\| {code} \|", table, re.MULTILINE), code


@pytest.mark.parametrize(
    "table", ["forms.csv", "reference.csv", "labels.csv", "products.csv", "interactions.csv"]
)
def test_data_readme_describes_every_table(table: str) -> None:
    text = DATA_README.read_text(encoding="utf-8")
    assert f"## `{table}`" in text
    header = (ROOT / "data" / table).read_text(encoding="utf-8").splitlines()[0]
    section = text.split(f"## `{table}`", 1)[1].split("\n## ", 1)[0]
    for column in header.split(","):
        assert f"`{column}`" in section, (table, column)
