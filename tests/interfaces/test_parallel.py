"""--jobs: the same bytes as one process, and a clean stop when a worker or the reader goes."""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from mgcalc.interfaces import batch, parallel
from mgcalc.interfaces.stopping import Stop

REQUESTS = [
    {"id": "a", "items": ["glycinate=500mg"], "diet": "250mg", "age": 42, "sex": "female"},
    {"items": ["oxide=2x400mg", "elemental=200mg"], "diet": "300mg", "age": 70, "sex": "male"},
    {"id": 7, "items": ["elemental=400mg"], "age": 30, "sex": "male"},
    {"items": ["milk-of-magnesia=15mL"], "diet": "100mg", "age": 8, "sex": "female"},
]
BAD = [
    b'{"items": ["glycinat=500mg"]}',
    b"not json",
    b"",
    b"   ",
    b'{"id": "x", "items": ["oxide=1g"], "sex": "f\xe9male"}',
    b"\xff\xfe",
    b'{"items": "oxide=1g"}',
]


def _mixed(path: Path, lines: int) -> Path:
    """Write *lines* lines: good requests with bad, blank and non-UTF-8 ones among them."""
    rows = []
    for number in range(lines):
        if number % 9 == 4:
            rows.append(BAD[number % len(BAD)])
        else:
            request = {**REQUESTS[number % len(REQUESTS)], "diet": f"{number % 400}mg"}
            rows.append(json.dumps(request).encode())
    path.write_bytes(b"\n".join(rows))  # and no line break after the last line
    return path


def test_pieces_are_whole_lines_numbered_as_in_the_file() -> None:
    data = b"a\n\nbbbbbbbbbbbbbbbbbbbbbbbbb\nc\nd\nlast without a break"
    found = list(parallel.pieces(io.BytesIO(data), size=4))
    assert b"".join(data[start:end] for start, end, _ in found) == data
    for start, end, first_line in found:
        assert data[:start].count(b"\n") + 1 == first_line
        assert end == len(data) or data[end - 1 : end] == b"\n"
    assert any(end - start > 20 for start, end, _ in found)  # the long line stayed whole


@pytest.mark.parametrize("output", ["jsonl", "csv"])
def test_jobs_give_the_same_bytes_as_one_process(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    path = str(_mixed(tmp_path / "mixed.jsonl", 400))
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)  # many pieces from a small file
    one = mgcalc("dose", "--batch", path, "--format", output)
    assert one.exit_code == 2  # bad lines
    blank = sum(1 for line in Path(path).read_bytes().split(b"\n") if not line.strip())
    assert blank > 0 and one.stdout.count("\n") == 400 - blank + (output == "csv")
    for jobs in ("2", "3", "0"):
        many = mgcalc("dose", "--batch", path, "--format", output, "--jobs", jobs)
        assert (many.exit_code, many.stderr) == (one.exit_code, one.stderr)
        assert many.stdout == one.stdout


def test_plan_batches_run_in_parallel_too(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "plans.jsonl"
    request = {"form": "glycinate", "unit": "500mg", "diet": "200mg", "age": 42, "sex": "female"}
    path.write_text("\n".join(json.dumps({**request, "id": n}) for n in range(50)) + "\n")
    one = mgcalc("plan", "--batch", str(path))
    many = mgcalc("plan", "--batch", str(path), "--jobs", "2")
    assert (many.exit_code, many.stdout, many.stderr) == (0, one.stdout, one.stderr)


def test_stdin_and_csv_run_in_one_process(mgcalc: Any, tmp_path: Path) -> None:
    text = json.dumps(REQUESTS[0]) + "\n"
    assert mgcalc("dose", "--batch", "-", "--jobs", "2", input=text).stdout == (
        mgcalc("dose", "--batch", "-", input=text).stdout
    )
    path = tmp_path / "requests.csv"
    path.write_text("id,items,age,sex\n1,oxide=1g,42,female\n")
    many = mgcalc("dose", "--batch", str(path), "--jobs", "2")
    assert (many.exit_code, many.stdout) == (0, mgcalc("dose", "--batch", str(path)).stdout)


def test_jobs_must_not_be_negative(mgcalc: Any, tmp_path: Path) -> None:
    path = _mixed(tmp_path / "mixed.jsonl", 3)
    run = mgcalc("dose", "--batch", str(path), "--jobs", "-1")
    assert run.exit_code == 2
    assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1


# A real process, stopped while it is writing: its stdout is a pipe nobody reads yet.
def _started(path: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mgcalc", "dose", "--batch", str(path), "--jobs", "2"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    assert child.stdout is not None
    assert child.stdout.read(1) == b"{"  # workers are running; the parent blocks writing
    return child


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def _finish(child: subprocess.Popen[bytes]) -> tuple[int, bytes, str]:
    rest, errors = child.communicate(timeout=120)
    return child.returncode, b"{" + rest, errors.decode()


def _whole_lines(output: bytes) -> None:
    assert output.endswith(b"\n")
    for line in output.splitlines():
        json.loads(line)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_worker_is_one_line_and_whole_lines(tmp_path: Path) -> None:
    # six pieces: while the parent waits to write the first, each worker holds one more
    # (a worker that had done all its pieces could end unmissed)
    child = _started(_mixed(tmp_path / "big.jsonl", 20000))
    # the workers are the leaves: the parent's children (fork) or a forkserver's
    descendants = _descendants(child.pid)
    workers = [pid for pid in descendants if not any(_parent(p) == pid for p in descendants)]
    assert workers, "no worker processes found"
    os.kill(workers[-1], signal.SIGKILL)
    code, output, errors = _finish(child)
    assert code == 1
    assert errors.startswith("error: a worker process stopped") and errors.count("\n") == 1
    _whole_lines(output)


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_ctrl_c_is_one_line_and_whole_lines(tmp_path: Path) -> None:
    child = _started(_mixed(tmp_path / "big.jsonl", 8000))
    child.send_signal(signal.SIGINT)
    code, output, errors = _finish(child)
    assert code == 130
    assert errors.startswith("error: interrupted by SIGINT; ") and errors.count("\n") == 1
    _whole_lines(output)


def test_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    child = _started(_mixed(tmp_path / "big.jsonl", 8000))
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    errors = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1
    child.stderr.close()
    assert errors == "error: output closed before mgcalc finished (broken pipe)\n"


PRELOAD = "preload mgcalc.interfaces.parallel"  # a forkserver starts with it imported


def _methods_used(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Record the start method of every context run_parallel asks for, and its preloads."""
    used: list[str | None] = []
    get_context = multiprocessing.get_context

    def recorded(method: str | None = None) -> Any:
        used.append(method)
        context = get_context(method)
        preload = context.set_forkserver_preload

        def preloaded(names: list[str]) -> None:
            used.append(" ".join(["preload", *names]))
            preload(names)

        monkeypatch.setattr(context, "set_forkserver_preload", preloaded)
        return context

    monkeypatch.setattr(parallel.multiprocessing, "get_context", recorded)
    return used


@pytest.mark.parametrize(
    "method",
    [m for m in ("fork", "forkserver", "spawn") if m in multiprocessing.get_all_start_methods()],
)
def test_every_start_method_gives_the_same_bytes(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    path = str(_mixed(tmp_path / "mixed.jsonl", 60))
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    monkeypatch.setattr(parallel, "START_METHOD", method)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # pytest's own threads
    used = _methods_used(monkeypatch)
    one = mgcalc("dose", "--batch", path)
    many = mgcalc("dose", "--batch", path, "--jobs", "2")
    assert (many.exit_code, many.stdout, many.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert used == [method, PRELOAD] if method == "forkserver" else used == [method]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_output_sent_as_messages_gives_the_same_bytes(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no os.readv the output goes as messages (forked: the workers too)."""
    from mgcalc.interfaces import handover

    path = str(_mixed(tmp_path / "mixed.jsonl", 200))
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(handover, "RAW", False)
    one = mgcalc("dose", "--batch", path)
    many = mgcalc("dose", "--batch", path, "--jobs", "3")
    assert (many.exit_code, many.stdout, many.stderr) == (one.exit_code, one.stdout, one.stderr)


def test_linux_forks_unless_threads_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork copies other threads' locks mid-step: with threads, the safe method instead."""
    if sys.platform.startswith("linux"):
        assert parallel.START_METHOD == "fork"
    assert parallel.SAFE_METHOD in ("forkserver", "spawn")
    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    used = _methods_used(monkeypatch)
    path = _mixed(tmp_path / "mixed.jsonl", 60)
    with path.open("rb") as stream:
        many = _run(lambda out: parallel.run_parallel(stream, str(path), out, "dose", jobs=2))
    with path.open("rb") as stream:
        one = _run(lambda out: batch.run_batch(stream, out, "dose"))
    # forkserver where there is one (its workers start with mgcalc imported), else spawn
    safe = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    assert used == ([safe, PRELOAD] if safe == "forkserver" else [safe])
    assert safe == parallel.SAFE_METHOD
    assert many == one and one[0].read > 50


def _run(run: Callable[[IO[str]], batch.Summary]) -> tuple[batch.Summary, bytes]:
    """Run a batch into memory: its summary and its output bytes."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    summary = run(out)
    out.flush()
    return summary, raw.getvalue()


@pytest.mark.parametrize("output", ["jsonl", "csv"])
@pytest.mark.parametrize("size", [0, 1, 3])
def test_a_file_of_one_piece_runs_here(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, output: str
) -> None:
    """No worker is started for a file that is one piece: it would only add its start."""
    path = str(_mixed(tmp_path / "small.jsonl", size))
    used = _methods_used(monkeypatch)
    one = mgcalc("dose", "--batch", path, "--format", output)
    many = mgcalc("dose", "--batch", path, "--jobs", "0", "--format", output)
    assert (many.exit_code, many.stdout, many.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert used == []


def test_a_worker_that_fails_says_why_in_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's own failure comes back as its message (here: the file went away)."""
    from mgcalc.errors import WorkerFailed

    monkeypatch.setattr(parallel, "PIECE_BYTES", 100)  # pieces enough for two workers

    data = b"\n".join(json.dumps(request).encode() for request in REQUESTS)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with pytest.raises(WorkerFailed, match="a worker failed: FileNotFoundError"):
        parallel.run_parallel(io.BytesIO(data), str(tmp_path / "gone.jsonl"), out, "dose",
                              jobs=2)  # fmt: skip


class _Ended:
    """A worker process that has already ended."""

    exitcode = 3

    def join(self, timeout: float | None = None) -> None:
        return None

    def is_alive(self) -> bool:
        return False


@pytest.mark.parametrize(
    ("said", "message"),
    [("ValueError: boom", "a worker failed: ValueError: boom"),
     (None, r"a worker process stopped \(exit code 3\)")],
)  # fmt: skip
def test_a_piece_for_a_worker_that_has_gone(said: str | None, message: str) -> None:
    """Sending to a worker that ended (even before its first piece) is one clear error."""
    from multiprocessing import Pipe

    from mgcalc.errors import WorkerFailed

    ours, theirs = Pipe()
    if said is not None:
        theirs.send(said)
    theirs.close()
    with pytest.raises(WorkerFailed, match=message):
        parallel._give(_Ended(), ours, (0, 10, 1))  # type: ignore[arg-type]


def test_results_are_written_in_order_when_one_worker_lags() -> None:
    """A fast worker goes on while a slow one works, but never past the window."""
    from mgcalc.interfaces import handover

    def worker(connection: Any, delay: float) -> None:
        sink = handover.Sink()
        while (piece := connection.recv()) is not None:
            time.sleep(delay)
            sink.clear()
            sink.write(b"%d\n" % piece[0])
            handover.send(connection, (1, 1, 0, 0), sink)

    workers, threads = [], []
    for delay in (0.01, 0.0):
        ours, theirs = multiprocessing.Pipe()
        threads.append(threading.Thread(target=worker, args=(theirs, delay)))
        workers.append((_Ended(), ours))
    for thread in threads:
        thread.start()
    given: list[int] = []
    written: list[int] = []

    def todo() -> Iterator[parallel.Piece]:
        for number in range(40):
            given.append(len(written))  # how many were written when this one was given
            yield number, number + 1, number + 1

    def send(data: memoryview) -> None:
        written.append(int(bytes(data)))

    summary = parallel._drive(todo(), workers, send, Stop())  # type: ignore[arg-type]
    parallel._end(workers)  # type: ignore[arg-type]
    for thread in threads:
        thread.join()
    assert written == list(range(40)) and summary.read == 40
    window = 3 * len(workers)  # WINDOW: three pieces per worker past the first not written
    assert all(number - done < window for number, done in enumerate(given))
    assert max(number - done for number, done in enumerate(given)) == window - 1  # it was used


def test_a_block_that_begins_with_a_line_break_ends_a_piece() -> None:
    """A line break at a block's first byte still cuts there, and its lines are counted."""
    found = list(parallel.pieces(io.BytesIO(b"abcd\nefgh\nijkl\nmn"), size=4))
    assert found == [(0, 5, 1), (5, 10, 2), (10, 15, 3), (15, 17, 4)]


def test_pieces_are_piece_bytes_long_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"ab\ncd\nef\ngh"
    monkeypatch.setattr(parallel, "PIECE_BYTES", 3)
    assert list(parallel.pieces(io.BytesIO(data))) == [(0, 3, 1), (3, 6, 2), (6, 9, 3), (9, 11, 4)]


def test_cores_are_those_this_process_may_run_on(monkeypatch: pytest.MonkeyPatch) -> None:
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 5, 9} if pid == 0 else {0})
        assert parallel.cores() == 3
        monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert parallel.cores() == 6
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # unknown: one
    assert parallel.cores() == 1


def test_output_without_a_byte_buffer_gets_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An *out* with no .buffer (io.StringIO) gets the workers' bytes as text."""
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    path = _mixed(tmp_path / "mixed.jsonl", 200)
    texts = []
    for run in (
        lambda stream, out: parallel.run_parallel(stream, str(path), out, "dose", jobs=2),
        lambda stream, out: batch.run_batch(stream, out, "dose"),
    ):
        out = io.StringIO()
        with path.open("rb") as stream:
            summary = run(stream, out)
        texts.append((summary, out.getvalue()))
    assert texts[0] == texts[1] and texts[0][0].read == 194  # less the blank lines


def test_a_products_and_a_forms_file_reach_the_workers(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mgcalc.chemistry.forms import COLUMNS as FORM_COLUMNS
    from mgcalc.clinical.products import COLUMNS as PRODUCT_COLUMNS

    monkeypatch.setattr(parallel, "PIECE_BYTES", 500)  # many pieces
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # forked workers
    products = tmp_path / "products.csv"
    products.write_text(
        ",".join(PRODUCT_COLUMNS) + "\nmy-glycinate,My glycinate capsule,,capsule,,120,"
        "glycinate,,magnesium 120 mg per capsule,,The bottle in front of me,primary\n",
        encoding="utf-8",
    )
    forms = tmp_path / "forms.csv"
    forms.write_text(  # a maker's own row, declared at 20 % magnesium
        ",".join(FORM_COLUMNS) + "\nbuffered-glycinate,Buffered magnesium glycinate,buffered,"
        "Mg(C2H4NO2)2,0,1,172.423,declared,0.20,,,20 %,Contains magnesium oxide.,"
        "Maker's specification sheet\n",
        encoding="utf-8",
    )
    path = tmp_path / "requests.jsonl"
    request = {"items": ["my-glycinate=3", "buffered=1g"], "age": 42, "sex": "female"}
    path.write_text("\n".join(json.dumps({**request, "id": n}) for n in range(30)) + "\n")
    files = ("--products", str(products), "--forms", str(forms))
    from mgcalc.interfaces import api

    try:
        one = mgcalc("dose", "--batch", str(path), *files)
        many = mgcalc("dose", "--batch", str(path), *files, "--jobs", "2")
    finally:  # the CLI put the files in use in this process: later tests need the shipped ones
        api.use_products(None)
        api.use_forms(None)
    assert (many.exit_code, many.stdout, many.stderr) == (0, one.stdout, one.stderr)
    first = json.loads(many.stdout.splitlines()[-1])["result"]
    assert first["supplemental_mg"] == 560.0  # 3 x 120 mg, and 20 % of 1 g


def _drive_threads(
    delays: tuple[float, ...], count: int, stop: Stop | None = None
) -> tuple[list[int], list[int], list[memoryview], Any, list[Any]]:
    """Run _drive over thread workers that echo each piece's start after *delays*."""
    from mgcalc.interfaces import handover

    def worker(connection: Any, delay: float) -> None:
        sink = handover.Sink()
        with contextlib.suppress(EOFError, OSError):  # the parent stopped: as _work does
            while (piece := connection.recv()) is not None:
                time.sleep(delay)
                sink.clear()
                sink.write(b"%d\n" % piece[0])
                handover.send(connection, (1, 1, 0, 0), sink)

    workers, threads = [], []
    for delay in delays:
        ours, theirs = multiprocessing.Pipe()
        threads.append(threading.Thread(target=worker, args=(theirs, delay)))
        workers.append((_Ended(), ours))
    for thread in threads:
        thread.start()
    given: list[int] = []
    written: list[int] = []
    seen: list[memoryview] = []

    def todo() -> Iterator[parallel.Piece]:
        for number in range(count):
            given.append(len(written))  # how many were written when this one was given
            yield number, number + 1, number + 1

    def send(data: memoryview) -> None:
        written.append(int(bytes(data)))
        seen.append(data.obj)  # type: ignore[arg-type]  # the buffer, kept alive
        if stop is not None and len(written) == 3:
            stop.signal = signal.SIGINT

    try:
        flag = Stop() if stop is None else stop
        summary: Any = parallel._drive(todo(), workers, send, flag)  # type: ignore[arg-type]
    except Exception as error:  # returned for the test to check
        summary = error
    finally:
        parallel._end(workers)  # type: ignore[arg-type]
        for thread in threads:
            thread.join()
    return given, written, seen, summary, workers


def test_each_worker_holds_at_most_two_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    held: dict[int, int] = {}
    most: list[int] = []
    give, receive = parallel._give, parallel._receive

    def given(process: Any, connection: Any, piece: parallel.Piece) -> None:
        held[id(connection)] = held.get(id(connection), 0) + 1
        most.append(held[id(connection)])
        give(process, connection, piece)

    def received(process: Any, connection: Any, buffer: bytearray) -> Any:
        held[id(connection)] -= 1
        return receive(process, connection, buffer)

    monkeypatch.setattr(parallel, "_give", given)
    monkeypatch.setattr(parallel, "_receive", received)
    _, written, _, summary, _ = _drive_threads((0.005, 0.0), 30)
    assert written == list(range(30)) and summary.read == 30
    assert max(most) == 2  # AHEAD: the piece it runs and the next


def test_result_buffers_are_reused() -> None:
    """A buffer written out holds a later result: never more than the window's."""
    _, written, seen, _, workers = _drive_threads((0.005, 0.0), 40)
    assert written == list(range(40))
    assert len({id(buffer) for buffer in seen}) <= parallel.WINDOW * len(workers)  # not 40


def test_a_stop_between_pieces_ends_after_whole_pieces() -> None:
    """A signal's flag stops the run after the pieces already written, in order."""
    from mgcalc.errors import Interrupted

    stop = Stop()
    _, written, _, error, _ = _drive_threads((0.0, 0.0), 40, stop)
    assert isinstance(error, Interrupted) and error.exit_code == 130
    assert written == [0, 1, 2] and error.lines == 3  # the flag is seen before the 4th


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_worker_stuck_in_a_piece_is_killed() -> None:
    """_end does not wait on a worker that does not stop: it kills it."""
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    process = context.Process(target=time.sleep, args=(60,), daemon=True)
    process.start()
    theirs.close()
    parallel._end([(process, ours)])
    assert not process.is_alive() and process.exitcode == -signal.SIGKILL


def test_an_empty_file_has_no_pieces() -> None:
    assert list(parallel.pieces(io.BytesIO(b""), size=4)) == []


def test_a_worker_that_says_why_is_one_error_in_its_words() -> None:
    """A worker's message instead of a result's counts is read as its failure."""
    from mgcalc.errors import WorkerFailed

    ours, theirs = multiprocessing.Pipe()
    theirs.send("ValueError: boom")
    with pytest.raises(WorkerFailed, match=r"^a worker failed: ValueError: boom$"):
        parallel._receive(_Ended(), ours, bytearray())  # type: ignore[arg-type]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_killed_worker_is_said_with_its_exit_code() -> None:
    context = multiprocessing.get_context("fork")
    process = context.Process(target=time.sleep, args=(60,), daemon=True)
    process.start()
    os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
    error = parallel._failed(process, None)
    assert str(error).startswith(f"a worker process stopped (exit code {-signal.SIGKILL});")


def test_the_bytes_are_utf_8_whatever_the_output_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in one process: UTF-8 bytes even to a Latin-1 stdout (PYTHONIOENCODING)."""
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    path = tmp_path / "names.jsonl"
    request = {"items": ["glycinate=500mg"], "age": 42, "sex": "female"}
    path.write_text("\n".join(json.dumps({**request, "id": f"é€{n}"}) for n in range(100)) + "\n")
    outputs = []
    for run in (
        lambda stream, out: parallel.run_parallel(stream, str(path), out, "dose", jobs=2),
        lambda stream, out: batch.run_batch(stream, out, "dose"),
    ):
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="latin-1", newline="")
        with path.open("rb") as stream:
            run(stream, out)
        out.flush()
        outputs.append(raw.getvalue())
    assert outputs[0] == outputs[1] and '"id":"é€0"'.encode() in outputs[0]


def test_a_piece_is_256_kib_of_whole_lines() -> None:
    """PIECE_BYTES: each piece ends at the last line break within its 262,144 bytes."""
    data = (b"x" * 99 + b"\n") * 6000  # 600,000 bytes of 100-byte lines
    found = list(parallel.pieces(io.BytesIO(data)))
    assert found == [(0, 262_100, 1), (262_100, 524_200, 2622), (524_200, 600_000, 5243)]


# Workers as threads, each answering its pieces as told: the order in which results come
# back is set by events, not by time.
Answer = Callable[[int], None]  # called with a piece's number before it is answered


def _drive_answering(
    answers: tuple[Answer, Answer], count: int, stop: Stop | None, wrote: Callable[[int], None]
) -> tuple[list[int], Any]:
    """Run _drive over two thread workers; *wrote* is called after each piece is written."""
    from mgcalc.interfaces import handover

    def worker(connection: Any, answer: Answer) -> None:
        sink = handover.Sink()
        with contextlib.suppress(EOFError, OSError):  # the parent stopped: as _work does
            while (piece := connection.recv()) is not None:
                answer(piece[0])
                sink.clear()
                sink.write(b"%d\n" % piece[0])
                handover.send(connection, (1, 1, 0, 0), sink)

    workers, threads = [], []
    for answer in answers:
        ours, theirs = multiprocessing.Pipe()
        threads.append(threading.Thread(target=worker, args=(theirs, answer)))
        workers.append((_Ended(), ours))
    for thread in threads:
        thread.start()
    written: list[int] = []

    def send(data: memoryview) -> None:
        text = bytes(data)
        assert text.endswith(b"\n")
        written.append(int(text))
        wrote(written[-1])

    todo = ((number, number + 1, number + 1) for number in range(count))
    try:
        if stop is None:
            summary: Any = parallel._drive(todo, workers, send)  # type: ignore[arg-type]
        else:
            summary = parallel._drive(todo, workers, send, stop)  # type: ignore[arg-type]
    except Exception as error:  # returned for the test to check
        summary = error
    finally:
        parallel._end(workers)  # type: ignore[arg-type]
    return written, (summary, threads)


def _joined(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive()


HANG = 60.0  # seconds before a held worker answers anyway: only a hang reaches it


def test_a_stop_noted_in_a_write_ends_before_the_next_write() -> None:
    """Piece 1 is ready when piece 0 is written: a signal noted during that write stops it."""
    from mgcalc.errors import Interrupted

    stop = Stop()
    one_sent = threading.Event()

    def slow(number: int) -> None:  # pieces 0 and 2: piece 0 waits until piece 1 was sent
        if number == 0:
            one_sent.wait(HANG)

    def fast(number: int) -> None:  # pieces 1 and 3
        if number == 3:
            one_sent.set()  # piece 1's result is in the pipe before piece 0's

    def wrote(number: int) -> None:
        stop.signal = signal.SIGINT

    written, (error, threads) = _drive_answering((slow, fast), 10, stop, wrote)
    one_sent.set()
    _joined(threads)
    assert isinstance(error, Interrupted) and (error.exit_code, error.lines) == (130, 1)
    assert written == [0]


def test_a_stop_noted_in_a_write_ends_when_any_result_comes() -> None:
    """A stop noted while writing ends the run at the next result, even out of order."""
    from mgcalc.errors import Interrupted

    stop = Stop()
    release = threading.Event()
    released: list[bool] = []

    def fast(number: int) -> None:  # pieces 0, 2, 4 …
        return None

    def held(number: int) -> None:  # piece 1 waits for the test: only later pieces come
        if number == 1:
            released.append(release.wait(HANG))

    def wrote(number: int) -> None:
        stop.signal = signal.SIGTERM

    written, (error, threads) = _drive_answering((fast, held), 20, stop, wrote)
    release.set()
    _joined(threads)
    assert isinstance(error, Interrupted) and (error.exit_code, error.lines) == (143, 1)
    assert written == [0] and released == [True]  # not freed by HANG


def test_a_signal_while_waiting_for_workers_stops_at_once() -> None:
    """Ctrl-C while every worker is busy: the run stops without waiting for them."""
    from mgcalc.errors import Interrupted
    from mgcalc.interfaces.stopping import stopping

    release = threading.Event()
    released: dict[int, bool] = {}  # piece: freed by the test (not by HANG)
    main = threading.main_thread().ident
    assert main is not None and threading.get_ident() == main  # signals reach the main thread

    def signalled(number: int) -> None:  # piece 0: Ctrl-C, and no answer until freed
        if number == 0:
            signal.pthread_kill(main, signal.SIGINT)
            released[number] = release.wait(HANG)

    def held(number: int) -> None:  # piece 1, if given before the signal came: no answer
        if number == 1:
            released[number] = release.wait(HANG)

    with stopping():
        written, (error, threads) = _drive_answering((signalled, held), 10, None, _nothing)
    release.set()
    _joined(threads)
    assert isinstance(error, Interrupted) and (error.exit_code, error.lines) == (130, 0)
    assert written == [] and released[0] and all(released.values())


def test_a_signal_inside_a_write_lets_it_finish() -> None:
    """Ctrl-C while a piece is written: that piece is written whole, then the run stops."""
    from mgcalc.errors import Interrupted
    from mgcalc.interfaces.stopping import stopping

    def wrote(number: int) -> None:
        if number == 0:
            signal.raise_signal(signal.SIGINT)  # the handler runs before this returns

    def answer(number: int) -> None:
        return None

    with stopping():
        written, (error, threads) = _drive_answering((answer, answer), 10, None, wrote)
    _joined(threads)
    assert isinstance(error, Interrupted) and (error.exit_code, error.lines) == (130, 1)
    assert written == [0]


def _sockets(pid: int | str) -> set[str]:
    """The sockets a process holds (a pipe of multiprocessing is a socket pair)."""
    folder = Path(f"/proc/{pid}/fd")
    found = set()
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):  # closed meanwhile (the listing's own)
            target = os.readlink(entry)
            if target.startswith("socket:"):
                found.add(target)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_forked_worker_holds_only_its_own_pipe_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the parent's ends of any pipe, nor its stdout: the parent's going is end of file."""
    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    path = _mixed(tmp_path / "mixed.jsonl", 200)
    before = _sockets("self")  # held before the run (another test's): not the run's
    seen: list[tuple[set[str], dict[int, tuple[set[str], str]]]] = []
    daemons: list[bool] = []  # should the parent's Python end without _end, so do they

    class Watched(io.BytesIO):
        def write(self, data: Any) -> int:  # each written piece: who holds what now
            workers = {
                process.pid: (_sockets(process.pid), os.readlink(f"/proc/{process.pid}/fd/1"))
                for process in multiprocessing.active_children()
                if process.pid is not None
            }
            daemons.extend(process.daemon for process in multiprocessing.active_children())
            seen.append((_sockets("self") - before, workers))
            return super().write(data)

    raw = Watched()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    with path.open("rb") as stream:
        summary = parallel.run_parallel(stream, str(path), out, "dose", jobs=3)
    with path.open("rb") as stream:
        one = _run(lambda text: batch.run_batch(stream, text, "dose"))
    out.flush()
    assert (summary, raw.getvalue()) == one
    ours, workers = seen[-1]  # the last piece: every worker has answered by then
    assert len(ours) == len(workers) == 3  # the parent's end of each worker's pipe
    for held, stdout in workers.values():
        assert held & ours == set()  # a worker holds its own end: no end of the parent's
        assert len(held - before) == 1
        assert stdout == os.devnull
    assert daemons and all(daemons)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's parent-death signal")
@pytest.mark.parametrize(
    ("parent", "held", "expected"),
    [("ours", True, signal.SIGKILL), ("ours", False, 0), (None, True, 0), ("gone", True, 1)],
    ids=["forked", "forkserver-or-spawn", "no-parent-given", "parent-died-first"],
)  # fmt: skip
def test_a_forked_worker_ends_with_its_parent(
    parent: str | None, held: bool, expected: int
) -> None:
    """A forked worker asks for SIGKILL at its parent's death, or ends if it has died already.

    The child exits with the signal Linux would send it (PR_GET_PDEATHSIG), 1 where
    _leave_with ended it, 98 if the inherited descriptor stayed open.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    # "gone": a parent other than ours, as if ours had died and the worker been adopted
    given = {"ours": os.getpid(), "gone": 1, None: None}[parent]
    pid = os.fork()
    if pid == 0:  # pragma: no cover  # the child
        try:
            descriptor, _other = os.pipe()  # as a parent's end of a pipe, inherited
            parallel._leave_with(given, (descriptor,) if held else ())
            try:
                os.fstat(descriptor)
                open_after = True
            except OSError:
                open_after = False
            if open_after == held:
                os._exit(98)
            got = ctypes.c_int(-1)
            libc.prctl(2, ctypes.byref(got), 0, 0, 0)  # PR_GET_PDEATHSIG
            os._exit(got.value)
        finally:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == expected


def _nothing(number: int) -> None:
    return None


def test_a_worker_writes_utf_8_whatever_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forked worker under an ASCII locale still writes the UTF-8 one process writes."""
    import locale

    monkeypatch.setattr(parallel, "START_METHOD", "fork")
    monkeypatch.setattr(parallel, "PIECE_BYTES", 2000)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    path = tmp_path / "names.jsonl"
    request = {"items": ["glycinate=500mg"], "age": 42, "sex": "female"}
    path.write_text("\n".join(json.dumps({**request, "id": f"é€{n}"}) for n in range(60)) + "\n")
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # a text file's default encoding: ASCII here
    try:
        if io.TextIOWrapper(io.BytesIO()).encoding.lower().replace("-", "") == "utf8":
            pytest.skip("the C locale is UTF-8 here (UTF-8 mode)")
        with path.open("rb") as stream:
            many = _run(lambda out: parallel.run_parallel(stream, str(path), out, "dose", jobs=2))
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    with path.open("rb") as stream:
        one = _run(lambda out: batch.run_batch(stream, out, "dose"))
    assert many == one and '"id":"é€0"'.encode() in many[1]
