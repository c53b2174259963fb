"""SIGINT and SIGTERM during a batch: a flag checked between blocks, never inside a write.

The handler only notes the signal; the batch looks at the note once per block of
requests (no cost per record) and stops there, after its last whole line, in input
order, written once. While the batch waits for input (its next block of requests, or a
worker's output) nothing is half-written, so the handler stops it at once instead: a
batch read from a terminal or a stalled pipe does not hang. A second signal ends the
process as the signal itself would, for a run stuck writing to a reader that never reads.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from types import FrameType

from mgcalc.errors import Interrupted

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stop:
    """The signal that asked the batch to stop (0: none yet), and whether it may stop at once."""

    def __init__(self) -> None:
        self.signal = 0
        self.waiting = False  # reading input: nothing is being written

    def reset(self) -> None:
        """Forget a signal: a new batch starts (or a worker after its fork)."""
        self.signal, self.waiting = 0, False


STOP = Stop()


def _noted(signum: int, frame: FrameType | None) -> None:
    if STOP.signal:  # a second signal: end now, as the signal would have
        for each in SIGNALS:
            signal.signal(each, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    STOP.signal = signum
    if STOP.waiting:
        raise Interrupted(signum)  # the batch adds the count of lines written


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :data:`STOP` while the block runs; then put back the rest.

    Inside another ``stopping()`` (the CLI's, around a ``--jobs`` batch) it changes nothing.
    """
    if signal.getsignal(signal.SIGINT) is _noted:
        yield
        return
    STOP.reset()
    try:
        previous = [(each, signal.signal(each, _noted)) for each in SIGNALS]
    except ValueError:  # not the main thread: the signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        for each, handler in previous:
            signal.signal(each, handler)
        STOP.reset()  # the signal was this block's: a later batch in the process starts afresh


def default_in_worker() -> None:
    """In a worker: Ctrl-C is the parent's to handle, SIGTERM ends it as usual."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    STOP.reset()
