"""How a ``--jobs`` worker's output reaches the parent: buffer to pipe to buffer.

A worker writes each piece's output into one buffer that the next piece writes over,
sends its counts with the output's size, and then the bytes themselves, straight from
that buffer; the parent reads them straight into a buffer of its own, which it keeps for
a later piece once they are written out. Nothing is copied on the way, and no piece
needs fresh memory: a new 4 MB object for each piece cost about 3,000 page faults.

Where ``os.readv`` is missing (Windows), the bytes go as one message of the pipe.
"""

from __future__ import annotations

import io
import os
from multiprocessing.connection import Connection

RAW = hasattr(os, "readv")  # read the bytes from the pipe's file descriptor

Counts = tuple[int, int, int, int]  # lines read, ok, errors, above the upper limit


class Sink(io.BufferedIOBase):
    """The bytes written since the last :meth:`clear`, in one buffer kept between pieces."""

    name = "a worker's output"

    def __init__(self) -> None:
        self.data = bytearray()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        with memoryview(data) as view:
            size = view.nbytes
            self.data[self.size : self.size + size] = view  # over old bytes, growing at the end
        self.size += size
        return size

    def clear(self) -> None:
        """Start again at the buffer's beginning, keeping its memory."""
        self.size = 0


def send(connection: Connection, counts: Counts, sink: Sink) -> None:
    """Send a piece's *counts* and the output in *sink*."""
    with memoryview(sink.data) as whole, whole[: sink.size] as data:
        connection.send((*counts, sink.size))
        if not RAW:
            connection.send_bytes(data)
            return
        done, descriptor = 0, connection.fileno()
        while done < sink.size:
            done += os.write(descriptor, data[done:])


def receive(connection: Connection, message: tuple[int, ...], buffer: bytearray) -> Counts:
    """Read into *buffer* the output that *message* announced; return its counts.

    *buffer* grows to the output's size when it is smaller; its first bytes are the output.
    Raises EOFError when the worker ends before all of it came.
    """
    read, ok, errors, above_ul, size = message
    if not RAW:
        data = connection.recv_bytes()
        buffer[:size] = data
        return read, ok, errors, above_ul
    if len(buffer) < size:
        buffer.extend(bytes(size - len(buffer)))
    done, descriptor = 0, connection.fileno()
    with memoryview(buffer) as view:
        while done < size:
            with view[done:size] as rest:
                got = os.readv(descriptor, [rest])
            if not got:
                raise EOFError("the worker ended inside its output")
            done += got
    return read, ok, errors, above_ul
