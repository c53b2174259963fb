"""Shared fixtures: a CLI runner and helpers to run mgcalc as a user would."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from helpers import clear_caches
from hypothesis import settings
from typer.testing import CliRunner

from mgcalc.interfaces.cli import app

# No deadline: a busy machine is slow, not wrong (speed is for benchmarks/). CI explores the
# same examples every run, so a submission never fails on a new random draw; a developer's
# run keeps exploring, and what it finds becomes a fixed test.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Start every test from the shipped tables with no memo, whatever ran before it."""
    clear_caches()
    yield
    clear_caches()


@dataclass(frozen=True)
class Run:
    """The outcome of one mgcalc invocation."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """Parse stdout as one JSON document."""
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def no_saved_profile(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """Keep every test away from a real saved profile: MGCALC_CONFIG names an unused file."""
    path = tmp_path_factory.mktemp("config") / "profile.toml"
    monkeypatch.setenv("MGCALC_CONFIG", str(path))
    return path


@pytest.fixture
def mgcalc() -> Any:
    """Run mgcalc in-process with separate stdout and stderr."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Run:
        result = runner.invoke(
            app, list(args), input=input, env={"NO_COLOR": "1", "COLUMNS": "200"}
        )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
