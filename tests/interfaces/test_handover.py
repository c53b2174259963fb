"""A worker's output, from its buffer to the parent's: whole, in both ways of sending."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from multiprocessing import Pipe
from multiprocessing.connection import Connection

import pytest

from mgcalc.interfaces import handover


@pytest.fixture(params=[True, False], ids=["raw", "message"])
def raw(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    """Both ways: from the pipe's file descriptor, and as a message (where there is none)."""
    if request.param and not hasattr(handover.os, "readv"):
        pytest.skip("no os.readv here")
    monkeypatch.setattr(handover, "RAW", request.param)
    yield request.param


def test_a_sink_keeps_its_memory_from_piece_to_piece() -> None:
    sink = handover.Sink()
    out = io.TextIOWrapper(sink, encoding="utf-8", newline="")
    out.write("é" * 5000)
    out.flush()
    assert sink.size == 10000 and bytes(sink.data[: sink.size]) == "é".encode() * 5000
    memory = sink.data
    sink.clear()
    out.write("ab\n")
    out.flush()
    assert sink.size == 3 and bytes(sink.data[:3]) == b"ab\n"
    assert sink.data is memory and len(memory) == 10000  # written over, not made anew


def _sent(connection: Connection, counts: handover.Counts, data: bytes) -> threading.Thread:
    """Send *data* from a sink in a thread: a large output fills the pipe before it is read."""
    sink = handover.Sink()
    sink.write(b"x" * (len(data) + 100))  # an earlier, longer piece: its tail is not sent
    sink.clear()
    sink.write(data)
    thread = threading.Thread(target=handover.send, args=(connection, counts, sink))
    thread.start()
    return thread


@pytest.mark.parametrize("size", [0, 1, 70_000, 3_000_001])
@pytest.mark.usefixtures("raw")
def test_the_output_arrives_whole(size: int) -> None:
    ours, theirs = Pipe()
    data = bytes(range(256)) * (size // 256) + b"\n" * (size % 256)
    buffer = bytearray(b"?" * 10)  # smaller than most: it grows
    for counts in ((5, 4, 1, 2), (1, 1, 0, 0)):  # twice, into the same buffer
        thread = _sent(theirs, counts, data)
        message = ours.recv()
        assert message == (*counts, size)
        assert handover.receive(ours, message, buffer) == counts
        thread.join()
        assert bytes(buffer[:size]) == data and len(buffer) == max(size, 10)  # grown to fit


def test_a_worker_that_ends_inside_its_output_is_end_of_file() -> None:
    if not hasattr(handover.os, "readv"):
        pytest.skip("no os.readv here")
    ours, theirs = Pipe()
    theirs.send((1, 1, 0, 0, 1000))
    handover.os.write(theirs.fileno(), b"{" * 10)  # then it ends
    theirs.close()
    with pytest.raises(EOFError, match=r"^the worker ended inside its output$"):
        handover.receive(ours, ours.recv(), bytearray())


def test_the_bytes_go_raw_where_there_is_readv() -> None:
    """With os.readv the output follows its counts as bare bytes, not as a message of its own."""
    if not hasattr(handover.os, "readv"):
        pytest.skip("no os.readv here")
    ours, theirs = Pipe()
    sink = handover.Sink()
    sink.write(b"abc\n")
    handover.send(theirs, (1, 1, 0, 0), sink)  # as the module is: no RAW set by the test
    assert ours.recv() == (1, 1, 0, 0, 4)
    assert handover.os.read(ours.fileno(), 100) == b"abc\n"  # no length before them
