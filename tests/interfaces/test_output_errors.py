"""Every command and output format: a closed pipe or a full disk is one line and exit 1.

Each command runs in this process with stdout on a pipe whose reader has already gone
(every write fails with EPIPE, whatever the timing) or on ``/dev/full`` (ENOSPC).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from mgcalc.interfaces import cli

CLOSED = "error: output closed before mgcalc finished (broken pipe)\n"
FULL = "error: cannot write the output: No space left on device\n"
PERSON = ["--age", "40", "--sex", "female", "--no-profile"]
COMMANDS = [
    ["convert", "400mg", "oxide"],
    ["convert", "400mg", "oxide", "--unit", "400mg", "--weight", "70kg"],
    ["forms"],
    ["forms", "oxide"],
    ["forms", "--factors"],
    ["products"],
    ["interactions"],
    ["interactions", "doxycycline"],
    ["reference", *PERSON],
    ["reference", "--all", "--no-profile"],
    ["food", "almonds"],
    ["serum", "2mg/dL"],
    ["dose", "elemental=100mg", "--diet", "200mg", *PERSON],
    ["plan", "glycinate", "--diet", "200mg", *PERSON],
    ["profile", "set", "--age", "40"],
    ["profile", "show"],
]
PLAIN = [["schema", "dose"], ["--version"], ["--help"], ["dose", "--help"], ["profile", "clear"]]


def _batches(folder: Path) -> list[list[str]]:
    """Batch command lines on files of a few thousand lines (more than one block)."""
    dose = {"items": ["glycinate=500mg"], "diet": "250mg", "age": "42", "sex": "female"}
    (folder / "dose.jsonl").write_text((json.dumps(dose) + "\n") * 3000)
    (folder / "dose.csv").write_text("items,age,sex\n" + "oxide=400mg,40,female\n" * 3000)
    (folder / "plan.jsonl").write_text('{"form": "oxide", "diet": "0mg", "age": 40}\n' * 3000)
    (folder / "convert.jsonl").write_text('{"amount": "400mg", "form": "oxide"}\n' * 3000)
    (folder / "one.json").write_text(json.dumps(dose))
    return [
        ["dose", "--batch", str(folder / "dose.jsonl")],
        ["dose", "--batch", str(folder / "dose.jsonl"), "--format", "csv"],
        ["dose", "--batch", str(folder / "dose.csv")],
        ["plan", "--batch", str(folder / "plan.jsonl")],
        ["convert", "--batch", str(folder / "convert.jsonl"), "--format", "csv"],
        ["dose", "--batch", str(folder / "dose.jsonl"), "--jobs", "2"],
        ["dose", "--input", str(folder / "one.json")],
    ]


@contextlib.contextmanager
def _stdout(kind: str) -> Iterator[IO[str]]:
    """Yield a text stream on a pipe with no reader, or on /dev/full."""
    if kind == "closed pipe":
        reader, writer = os.pipe()
        os.close(reader)
        stream = open(writer, "w", encoding="utf-8")  # noqa: SIM115  # closed below
    else:
        stream = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115
    try:
        yield stream
    finally:
        with contextlib.suppress(OSError):
            stream.close()


def _run(args: list[str], kind: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    errors = io.StringIO()
    monkeypatch.setenv("NO_COLOR", "1")
    with _stdout(kind) as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setattr(sys, "stderr", errors)
        code = cli.run(args)
        monkeypatch.undo()
    return code, errors.getvalue()


def _ids(args: list[str]) -> str:
    return " ".join(arg if "/" not in arg else Path(arg).name for arg in args)


KINDS = pytest.mark.parametrize(
    ("kind", "message"), [("closed pipe", CLOSED), ("full disk", FULL)], ids=["pipe", "full"]
)
needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


@needs_dev_full
@KINDS
@pytest.mark.parametrize("args", [c + j for c in COMMANDS for j in ([], ["--json"])], ids=_ids)
def test_every_command_and_format(
    args: list[str], kind: str, message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MGCALC_CONFIG", str(tmp_path / "profile.toml"))
    (tmp_path / "profile.toml").write_text('age = "40"\n')
    assert _run(args, kind, monkeypatch) == (1, message)


@needs_dev_full
@KINDS
@pytest.mark.parametrize("args", PLAIN, ids=_ids)
def test_help_schemas_and_messages(
    args: list[str], kind: str, message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MGCALC_CONFIG", str(tmp_path / "profile.toml"))
    (tmp_path / "profile.toml").write_text('age = "40"\n')
    assert _run(args, kind, monkeypatch) == (1, message)


@needs_dev_full
@KINDS
@pytest.mark.parametrize("index", range(7))
def test_every_batch(
    index: int, kind: str, message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args = _batches(tmp_path)[index]
    assert _run(args, kind, monkeypatch) == (1, message)


@pytest.mark.parametrize(
    ("before", "mode", "options"),
    [
        (b"", "wb", []),
        (b"kept\n" * 1000, "ab", []),  # >>: appended after what the file held
        (b"", "wb", ["--format", "csv"]),
        (b"", "wb", ["--jobs", "2"]),
    ],
    ids=["new", "appended", "csv", "jobs"],
)
def test_a_partial_block_on_a_full_file_is_cut_back_to_a_whole_line(
    tmp_path: Path, before: bytes, mode: str, options: list[str]
) -> None:
    """A batch on a file that fills up (here a size limit, EFBIG) ends with a whole line."""
    import resource
    import signal

    path = tmp_path / "dose.jsonl"
    path.write_text('{"items": ["oxide=400mg"], "age": 40, "sex": "female"}\n' * 12000)  # 3 pieces
    output = tmp_path / "out.jsonl"
    output.write_bytes(before)
    # a few blocks in, and inside one (--jobs writes a piece at once: about 10 MB)
    limit = 15_000_000 if "--jobs" in options else 200_000

    def small_disk() -> None:  # pragma: no cover - runs in the child
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with output.open(mode) as stream:
        done = subprocess.run(
            [sys.executable, "-m", "mgcalc", "dose", "--batch", str(path), *options],
            stdout=stream, stderr=subprocess.PIPE, preexec_fn=small_disk, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.decode() == "error: cannot write the output: File too large\n"
    written = output.read_bytes()
    assert written.startswith(before)
    written = written[len(before) :]
    assert 0 < len(written) < limit and written.endswith(b"\n")
    if "csv" in options:
        numbers = [int(row.split(b",")[1]) for row in written.splitlines()[1:]]
    else:
        numbers = [json.loads(line)["line"] for line in written.splitlines()]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        ({"stdout": "closed pipe"}, CLOSED),
        ({"stdout": "/dev/full"}, FULL),
        ({"stdout": "closed"}, "error: cannot write the output: Bad file descriptor\n"),
    ],
    ids=["pipe", "full", "closed"],
)
@pytest.mark.parametrize(
    "args", [["convert", "400mg", "oxide"], ["forms", "--json"], ["--help"]], ids=_ids
)
def test_the_program_itself(args: list[str], redirect: dict[str, str], message: str) -> None:
    """As a shell runs it: no traceback, one line, exit 1."""
    target = redirect["stdout"]
    if target == "/dev/full" and not os.path.exists(target):
        pytest.skip("no /dev/full")
    reader = None
    stdout: int | IO[bytes] | None
    if target == "closed pipe":
        reader, writer = os.pipe()
        os.close(reader)
        stdout = writer
    elif target == "closed":
        stdout = None  # closed in the child below
    else:
        stdout = open(target, "wb")  # noqa: SIM115
    done = subprocess.run(
        [sys.executable, "-m", "mgcalc", *args], stdout=stdout, stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.close(1)) if target == "closed" else None, timeout=120,
        check=False,
    )  # fmt: skip
    if isinstance(stdout, int):
        os.close(stdout)
    elif stdout is not None:
        stdout.close()
    assert (done.returncode, done.stderr.decode()) == (1, message)


def test_an_output_read_whole_is_a_success(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mgcalc", "convert", "400mg", "oxide"],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, b"")
