"""SIGINT, SIGTERM and SIGKILL during a batch: whole lines, in order, once; no worker left.

Every run here is a real mgcalc process on a file whose output is far larger than a
pipe holds. The test reads only the output's first bytes before signalling, so the
process cannot have finished by then (it waits for the test to read): the outcome
depends on sizes and events, never on timing. The timeouts only catch a hang.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mgcalc.interfaces import stopping

HANG = 120  # seconds: only a hang takes this long

REQUESTS: dict[str, dict[str, Any]] = {
    "dose": {"items": ["glycinate=500mg"], "diet": "250mg", "age": "42", "sex": "female"},
    "plan": {"form": "glycinate", "diet": "250mg", "age": "40", "sex": "female"},
    "convert": {"amount": "400mg", "form": "oxide"},
}
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _batch(path: Path, command: str, lines: int, input_format: str = "jsonl") -> Path:
    """Write *lines* requests of *command*, each differing by its diet or amount."""
    request = REQUESTS[command]
    if input_format == "csv":
        keys = list(request)
        rows = [",".join(keys)]
        for number in range(lines):
            values = {**request, _varied(command): f"{100 + number % 300}mg"}
            cells = (";".join(v) if isinstance(v, list) else v for v in values.values())
            rows.append(",".join(cells))
        path.write_text("\n".join(rows) + "\n")
        return path
    rows = [
        json.dumps({**request, _varied(command): f"{100 + number % 300}mg"})
        for number in range(lines)
    ]
    path.write_text("\n".join(rows) + "\n")
    return path


def _varied(command: str) -> str:
    return "amount" if command == "convert" else "diet"


def _start(command: str, path: Path, *options: str) -> tuple[subprocess.Popen[bytes], bytes]:
    """Start mgcalc on the batch *path*; return it and its first byte, once output began."""
    child = subprocess.Popen(
        [sys.executable, "-m", "mgcalc", command, "--batch", str(path), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert child.stdout is not None
    first = b""
    while first.count(b"\n") < 2:  # two lines (a CSV's header and a row) have come
        got = child.stdout.read(1)
        assert got, "the output ended early"
        first += got
    return child, first  # the rest waits for this test to read


def _finish(child: subprocess.Popen[bytes], first: bytes) -> tuple[int, bytes, str]:
    rest, errors = child.communicate(timeout=HANG)
    return child.returncode, first + rest, errors.decode()


def _lines_of(output: bytes, output_format: str) -> list[int]:
    """Return the input line of each output line; every line must be whole."""
    assert output.endswith(b"\n"), output[-200:]
    if output_format == "csv":
        rows = list(csv.reader(io.StringIO(output.decode())))
        assert rows[0][:3] == ["id", "line", "ok"]
        assert all(len(row) == len(rows[0]) for row in rows)
        assert all(row[2] == "true" for row in rows[1:])
        return [int(row[1]) for row in rows[1:]]
    found = [json.loads(line) for line in output.splitlines()]
    assert all(line["ok"] for line in found)
    return [line["line"] for line in found]


CASES = [
    pytest.param("dose", "jsonl", "jsonl", "1", id="dose-jsonl"),
    pytest.param("dose", "jsonl", "csv", "1", id="dose-jsonl-to-csv"),
    pytest.param("dose", "csv", "jsonl", "1", id="dose-csv"),
    pytest.param("plan", "jsonl", "jsonl", "1", id="plan-jsonl"),
    pytest.param("convert", "csv", "csv", "1", id="convert-csv-to-csv"),
    pytest.param("dose", "jsonl", "jsonl", "2", id="dose-jobs-2"),
    pytest.param("convert", "jsonl", "csv", "2", id="convert-jobs-2-csv"),
]


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize(("command", "input_format", "output_format", "jobs"), CASES)
def test_a_signal_stops_a_batch_at_a_whole_line(
    tmp_path: Path, command: str, input_format: str, output_format: str, jobs: str, sent: int
) -> None:
    lines = 12000 if jobs != "1" else 6000  # --jobs: more than two pieces
    path = _batch(tmp_path / f"big.{input_format}", command, lines, input_format)
    child, first = _start(command, path, "--format", output_format, "--jobs", jobs)
    child.send_signal(sent)
    code, output, errors = _finish(child, first)
    assert code == 128 + sent  # 130, 143
    numbers = _lines_of(output, output_format)
    start = 2 if input_format == "csv" else 1  # a CSV's requests start below its header
    assert numbers == list(range(start, start + len(numbers)))  # in order, each once
    assert 0 < len(numbers) < lines
    name = signal.Signals(sent).name
    assert errors == (
        f"error: interrupted by {name}; {len(numbers)} result lines written, each whole, "
        "in input order\n"
    )


def test_a_signal_while_reading_stdin_stops_at_once(tmp_path: Path) -> None:
    """A batch waiting for its next request stops on the signal, not on more input."""
    child = subprocess.Popen(
        [sys.executable, "-m", "mgcalc", "dose", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert child.stdin is not None and child.stdout is not None
    request = json.dumps(REQUESTS["dose"]).encode() + b"\n"
    child.stdin.write(request * 40)  # a block and a part: the first 32 are written
    first = child.stdout.read(1)
    child.send_signal(signal.SIGINT)  # the batch waits for line 41, which never comes
    rest, errors = child.communicate(timeout=HANG)  # stdin stays open: no end of file
    assert child.returncode == 130
    assert len((first + rest).splitlines()) == 32
    assert errors.decode().startswith("error: interrupted by SIGINT; 32 result lines written")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether *pid* runs (a zombie, waiting for init to reap it, has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _vanish(pids: list[int]) -> None:
    deadline = time.monotonic() + HANG
    while any(_alive(pid) for pid in pids):
        assert time.monotonic() < deadline, f"workers still running: {pids}"
        time.sleep(0.05)


@linux
@pytest.mark.parametrize(
    "sent", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["SIGKILL", "SIGTERM", "SIGINT"]
)
def test_workers_end_with_their_parent(tmp_path: Path, sent: int) -> None:
    """However the parent ends (SIGKILL: a caller's timeout), its workers end with it."""
    path = _batch(tmp_path / "big.jsonl", "dose", 12000)
    child, _ = _start("dose", path, "--jobs", "2")
    workers = _children(child.pid)
    assert len(workers) == 2  # forks of the parent (Linux's start method)
    child.send_signal(sent)
    child.communicate(timeout=HANG)  # end of file: nothing holds the parent's stdout any more
    _vanish(workers)
    assert child.returncode == (-sent if sent == signal.SIGKILL else 128 + sent)


@linux
def test_a_killed_one_process_batch_leaves_nothing_running(tmp_path: Path) -> None:
    path = _batch(tmp_path / "big.jsonl", "dose", 6000)
    child, _ = _start("dose", path)
    assert _children(child.pid) == []
    child.kill()
    child.communicate(timeout=HANG)
    assert child.returncode == -signal.SIGKILL


@linux
def test_a_second_signal_ends_the_process_as_the_signal_would(tmp_path: Path) -> None:
    """For a batch stuck writing to a reader that does not read: the second signal ends it."""
    import fcntl

    path = _batch(tmp_path / "big.jsonl", "dose", 6000)
    reader, writer = os.pipe()
    fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096)  # far less than a block: the batch is stuck
    child = subprocess.Popen(
        [sys.executable, "-m", "mgcalc", "dose", "--batch", str(path)],
        stdout=writer,
        stderr=subprocess.DEVNULL,
    )
    os.close(writer)
    with os.fdopen(reader, "rb", buffering=0) as output:
        assert output.read(1)  # the batch writes its first block, and waits
        deadline = time.monotonic() + HANG
        while child.poll() is None:  # two signals sent at once may arrive as one: again
            assert time.monotonic() < deadline
            child.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.1)
    assert child.returncode == -signal.SIGTERM


def test_the_handlers_are_given_back_and_note_the_signal() -> None:
    before = [signal.getsignal(each) for each in stopping.SIGNALS]
    with stopping.stopping():
        assert stopping.STOP.signal == 0
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):  # the handler runs between two bytecodes of this thread
            if stopping.STOP.signal:
                break
        assert stopping.STOP.signal == signal.SIGTERM
    assert [signal.getsignal(each) for each in stopping.SIGNALS] == before
    assert stopping.STOP.signal == 0  # forgotten: it was that block's


def test_a_batch_after_an_interrupted_one_runs_whole() -> None:
    """In one process (the tests', a program's): a stop belongs to the batch it ended."""
    from mgcalc.errors import Interrupted
    from mgcalc.interfaces.batch import run_batch

    lines = b'{"items": ["oxide=400mg"], "diet": 200, "age": 40, "sex": "female"}\n' * 3
    with pytest.raises(Interrupted), stopping.stopping():
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):
            if stopping.STOP.signal:
                break
        run_batch(io.BytesIO(lines), io.StringIO(), "dose")
    out = io.StringIO()
    summary = run_batch(io.BytesIO(lines), out, "dose")
    assert (summary.read, summary.ok, len(out.getvalue().splitlines())) == (3, 3, 3)


def test_the_message_names_the_signal_and_the_count() -> None:
    from mgcalc.errors import Interrupted

    stopped = Interrupted(signal.SIGTERM, 12)
    assert stopped.exit_code == 143
    assert re.fullmatch(r"interrupted by SIGTERM; 12 result lines written, .*", str(stopped))
    assert Interrupted(signal.SIGINT).exit_code == 130


def _running_with(marker: str) -> list[int]:
    """Return the processes (not zombies) whose command line holds *marker*."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                line = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in line and _alive(int(entry.name)):
                found.append(int(entry.name))
    return found


@linux
def test_a_callers_timeout_leaves_no_worker(tmp_path: Path) -> None:
    """subprocess.run(timeout=...) kills mgcalc (SIGKILL): its workers go too.

    The test never reads the output, so the batch cannot finish before the timeout.
    """
    import fcntl

    path = _batch(tmp_path / "timeout-marker.jsonl", "dose", 12000)
    reader, writer = os.pipe()
    fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            subprocess.run(
                [sys.executable, "-m", "mgcalc", "dose", "--batch", str(path), "--jobs", "2"],
                stdout=writer, stderr=subprocess.DEVNULL, timeout=3, check=False,
            )  # fmt: skip
    finally:
        os.close(writer)
    with os.fdopen(reader, "rb") as output:
        output.read()  # end of file: no process holds the pipe any more
    deadline = time.monotonic() + HANG
    while _running_with(str(path)):
        assert time.monotonic() < deadline, _running_with(str(path))
        time.sleep(0.05)


def _sockets(pid: int) -> set[str]:
    """Return the sockets (the pipes of multiprocessing) that process *pid* holds."""
    found = set()
    for entry in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(entry)
            if target.startswith("socket:"):
                found.add(target)
    return found


@linux
def test_a_worker_holds_only_its_own_pipe_end(tmp_path: Path) -> None:
    """No worker holds an end of the parent's: the parent's going reads as end of file."""
    path = _batch(tmp_path / "big.jsonl", "dose", 12000)
    child, _ = _start("dose", path, "--jobs", "2")
    try:
        workers = _children(child.pid)
        parents = _sockets(child.pid)
        assert len(parents) == 2  # one end for each worker
        for worker in workers:
            held = _sockets(worker)
            assert len(held) == 1 and not held & parents
            assert os.readlink(f"/proc/{worker}/fd/1") == os.devnull  # not the parent's stdout
    finally:
        child.kill()
        child.communicate(timeout=HANG)
