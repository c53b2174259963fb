"""The installed mgcalc, run as a user runs it: a real process, from an unrelated folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _mgcalc() -> str:
    found = shutil.which("mgcalc", path=str(Path(sys.executable).parent))
    assert found is not None, "mgcalc is not installed beside the Python running the tests"
    return found


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=60, check=False, env=env
    )


def test_console_script_from_another_folder(tmp_path: Path) -> None:
    run = _run(_mgcalc(), "convert", "400mg", "oxide", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["elemental_mg"] == pytest.approx(241.2, rel=1e-3)


def test_python_dash_m(tmp_path: Path) -> None:
    run = _run(sys.executable, "-m", "mgcalc", "convert", "8mEq", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["mmol"] == pytest.approx(4.0)


def test_bad_input_in_a_real_process(tmp_path: Path) -> None:
    run = _run(_mgcalc(), "convert", "400mg", "glycinat", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    assert (
        run.stderr == "error: unknown form 'glycinat'; did you mean 'glycinate' or 'gluconate'?\n"
    )


def test_table_output_has_no_colour_when_piped(tmp_path: Path) -> None:
    run = _run(_mgcalc(), "convert", "400mg", "oxide", cwd=tmp_path)
    assert run.returncode == 0
    assert "\x1b[" not in run.stdout
    assert "241.2 mg" in run.stdout


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree")
def test_wheel_ships_the_data(tmp_path: Path) -> None:
    """A plain (non-editable) wheel carries data/forms.csv as mgcalc/data/forms.csv, and foods."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("mgcalc-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("mgcalc/data/forms.csv")
        foods = archive.read("mgcalc/data/foods.csv")
        words = archive.read("mgcalc/data/food-words.csv")
        assert "mgcalc/chemistry/units.txt" in archive.namelist()
    assert shipped == (ROOT / "data" / "forms.csv").read_bytes()
    assert foods == (ROOT / "data" / "foods.csv").read_bytes()
    assert words == (ROOT / "data" / "food-words.csv").read_bytes()
