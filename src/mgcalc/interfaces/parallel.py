"""A JSON Lines batch file on several cores: whole-line pieces that workers read themselves.

The parent scans the file once for line breaks, cutting it into pieces of about
``PIECE_BYTES`` that end at a line break, and hands each piece to a worker with room
for it. Each worker reads its pieces from the file, runs them exactly as a one-process
batch would (line numbers included), and sends back the output bytes
(:mod:`mgcalc.interfaces.handover`); the parent reads them as they come and writes them
in input order, so the output is the same, byte for byte. A worker holds at most
``AHEAD`` pieces and the parent at most ``WINDOW`` per worker, so memory stays flat
however long the file. A file of one piece runs in this process, and there are never
more workers than pieces.

A worker that dies, a closed stdout, SIGINT (Ctrl-C) and SIGTERM stop the run between
two pieces: the output then ends with a whole line, the workers are ended, and the error
is one line on stderr. A worker never outlives the parent: it holds only its own end of
its pipe, so the parent's end closing (the parent gone, however) reads as end of file;
on Linux a forked worker is also sent SIGKILL when the parent dies.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import IO

from mgcalc.errors import Interrupted, WorkerFailed
from mgcalc.interfaces import api, handover
from mgcalc.interfaces.batch import Command, OutputFormat, Summary, run_batch, write_header
from mgcalc.interfaces.output import WholeLines
from mgcalc.interfaces.stopping import STOP, Stop, default_in_worker, stopping

PIECE_BYTES = 256 * 1024  # about 1,600 requests: 4 MB of output
AHEAD = 2  # pieces a worker holds: the one it runs and the next
WINDOW = 3  # pieces per worker given past the first not yet written
# Explicit, because the default start method differs between Pythons and systems. On
# Linux a worker is a fork of this process, which has everything imported already (about
# 0.3 s sooner than forkserver's fresh process); elsewhere, and in a process that runs
# other threads (which a fork would copy mid-step), forkserver where there is one.
SAFE_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
START_METHOD = "fork" if sys.platform.startswith("linux") else SAFE_METHOD

Piece = tuple[int, int, int]  # start byte, end byte, number of its first line


def cores() -> int:
    """Return the number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pieces(stream: IO[bytes], size: int | None = None) -> Iterator[Piece]:
    """Yield the pieces of *stream*: about *size* bytes each, ending at a line break."""
    size = size or PIECE_BYTES
    start, line, lines, position = 0, 1, 0, 0
    block = stream.read(size)
    while block:
        following = stream.read(size)
        position += len(block)
        if not following:  # the last piece runs to the end, with or without a line break
            yield start, position, line
            return
        cut = block.rfind(b"\n")
        if cut >= 0:  # else a line longer than a piece: it goes whole into the next
            lines += block.count(b"\n")
            end = position - len(block) + cut + 1
            yield start, end, line
            start, line, lines = end, line + lines, 0
        block = following


def run_parallel(
    stream: IO[bytes],
    path: str,
    out: IO[str],
    command: Command,
    *,
    jobs: int,
    output_format: OutputFormat = "jsonl",
    files: tuple[str | None, str | None] = (None, None),
) -> Summary:
    """Run the JSON Lines batch file *path*, open as *stream*, on *jobs* workers.

    The results go to *out* in input order; the workers load the forms and products
    *files* in use.
    """
    todo = pieces(stream)
    first = list(itertools.islice(todo, jobs))
    if len(first) < 2:  # one piece at most: a worker would only add its start
        stream.seek(0)
        return run_batch(stream, out, command, output_format=output_format)
    method = START_METHOD
    if method == "fork" and threading.active_count() > 1:
        method = SAFE_METHOD
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([__name__])
    write_header(out, command, output_format)
    send = WholeLines(out).send
    workers: list[tuple[BaseProcess, Connection]] = []
    with stopping():
        try:
            for _ in first:  # no more workers than pieces
                ours, theirs = context.Pipe()
                # A fork inherits every descriptor: it closes the parent's ends it got.
                inherited = (
                    (*(held.fileno() for _, held in workers), ours.fileno())
                    if method == "fork"
                    else ()
                )
                process = context.Process(  # type: ignore[attr-defined]  # typeshed: BaseContext
                    target=_work, args=(theirs, path, command, output_format, files),
                    kwargs={"inherited": inherited, "parent": os.getpid()}, daemon=True,
                )  # fmt: skip
                process.start()
                theirs.close()  # so that a dead worker reads as end of file here
                workers.append((process, ours))
            return _drive(itertools.chain(first, todo), workers, send)
        finally:
            _end(workers)


def _drive(
    todo: Iterator[Piece],
    workers: list[tuple[BaseProcess, Connection]],
    send: Callable[[memoryview], object],
    stop: Stop = STOP,
) -> Summary:
    """Give pieces to the workers as they free up, and write the results in input order.

    A result is read as soon as its worker sends it, so a worker never waits for another
    to finish; it is written once every piece before it is. Each worker holds at most
    ``AHEAD`` pieces, and no piece is given more than ``WINDOW`` per worker past the first
    not yet written, so the results waiting here stay few when one worker lags.
    """
    summary = Summary()
    processes = {connection: process for process, connection in workers}
    held: dict[Connection, deque[int]] = {connection: deque() for connection in processes}
    results: dict[int, tuple[bytearray, int, handover.Counts]] = {}
    spare: list[bytearray] = []  # buffers written out, for the next results
    given = written = 0
    window = WINDOW * len(workers)
    while True:
        stop.waiting = True  # nothing is being written: a signal may stop the run at once
        try:
            for _ in range(AHEAD):  # one round per place, so that each worker starts at once
                for connection, pieces_held in held.items():
                    if len(pieces_held) < AHEAD and given - written < window:
                        piece = next(todo, None)
                        if piece is None:
                            break
                        _give(processes[connection], connection, piece)
                        pieces_held.append(given)
                        given += 1
            busy = [connection for connection, pieces_held in held.items() if pieces_held]
            if not busy:
                return summary
            for ready in wait(busy):
                assert isinstance(ready, Connection)
                buffer = spare.pop() if spare else bytearray()
                size, counts = _receive(processes[ready], ready, buffer)
                results[held[ready].popleft()] = buffer, size, counts
        except Interrupted as stopped:  # raised by the signal's handler, while waiting
            raise Interrupted(stopped.signum, summary.read) from None
        finally:
            stop.waiting = False
        if stop.signal:
            raise Interrupted(stop.signal, summary.read)
        while written in results:
            if stop.signal:  # noted while the last piece was written
                raise Interrupted(stop.signal, summary.read)
            buffer, size, counts = results.pop(written)
            with memoryview(buffer) as view, view[:size] as data:
                send(data)
            spare.append(buffer)
            summary.read += counts[0]
            summary.ok += counts[1]
            summary.errors += counts[2]
            summary.above_ul += counts[3]
            written += 1


def _give(process: BaseProcess, connection: Connection, piece: Piece) -> None:
    """Send a worker its next piece; a worker that has gone is said to have stopped."""
    try:
        connection.send(piece)
    except OSError:  # a broken pipe: the worker has ended, maybe after saying why
        said = None
        with contextlib.suppress(EOFError, OSError):
            if connection.poll(1):  # its next message: the counts of a piece, or why it failed
                said = connection.recv()
        raise _failed(process, said) from None


def _receive(
    process: BaseProcess, connection: Connection, buffer: bytearray
) -> tuple[int, handover.Counts]:
    """Read a worker's next output into *buffer*: its size and counts."""
    try:
        message = connection.recv()  # the counts and size, or why the worker failed
        if isinstance(message, str):
            raise _failed(process, message)
        counts = handover.receive(connection, message, buffer)
    except (EOFError, OSError):  # OSError: the pipe ended inside a message
        raise _failed(process, None) from None
    return message[-1], counts


def _failed(process: BaseProcess, said: object) -> WorkerFailed:
    """Say that a worker failed: in its own words if it sent them."""
    if isinstance(said, str):
        return WorkerFailed(f"a worker failed: {said}")
    process.join(1)
    return WorkerFailed(
        f"a worker process stopped (exit code {process.exitcode}); the output ends with "
        "a whole line, before the first request it did not finish"
    )


def _end(workers: list[tuple[BaseProcess, Connection]]) -> None:
    """End every worker: they hold no state worth waiting for once the run stops."""
    for process, connection in workers:
        with contextlib.suppress(OSError):
            connection.send(None)
        connection.close()
        if process.is_alive():
            process.join(0.5)
        if process.is_alive():
            process.kill()
            process.join()


def _work(
    connection: Connection,
    path: str,
    command: Command,
    output_format: OutputFormat,
    files: tuple[str | None, str | None],
    *,
    inherited: tuple[int, ...] = (),
    parent: int | None = None,
) -> None:
    """Run the pieces the parent sends until it sends None; send back bytes and counts.

    A forked worker first closes the *inherited* descriptors, the parent's ends of the
    pipes, so that it sees end of file when the *parent* is gone.
    """
    default_in_worker()
    _leave_with(parent, inherited)
    try:
        forms_file, products_file = files
        if forms_file:
            api.use_forms(forms_file)
        if products_file:
            api.use_products(products_file)
        sink = handover.Sink()
        out = io.TextIOWrapper(sink, encoding="utf-8", newline="")
        with open(path, "rb") as stream:
            while (piece := connection.recv()) is not None:
                start, end, first_line = piece
                stream.seek(start)
                source = io.BytesIO(stream.read(end - start))
                sink.clear()
                done = run_batch(
                    source, out, command, output_format=output_format,
                    first_line=first_line, header=False,
                )  # fmt: skip
                out.flush()
                handover.send(connection, (done.read, done.ok, done.errors, done.above_ul), sink)
    except (EOFError, BrokenPipeError):
        return  # the parent has gone: nothing left to do
    except Exception as error:  # reported by the parent, as one line
        with contextlib.suppress(OSError):
            connection.send(f"{type(error).__name__}: {error}")


def _leave_with(parent: int | None, inherited: tuple[int, ...]) -> None:
    """Hold nothing of the parent's, and end with it (on Linux, also by a signal)."""
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    # Not the parent's stdout: a reader (| wc -l) waits for every holder to close it.
    with contextlib.suppress(OSError):
        nothing = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nothing, 1)
        os.close(nothing)
    if parent is None or not sys.platform.startswith("linux") or not inherited:
        return  # forkserver or spawn: the parent's end closing is the only sign
    _parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _parent_death_signal() -> None:
    """Ask Linux to send this process SIGKILL when the thread that forked it ends.

    The parent forks its workers from its main thread (with other threads running it
    uses forkserver instead), which ends only with the parent.
    """
    import ctypes

    pr_set_pdeathsig = 1  # from <linux/prctl.h>
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
