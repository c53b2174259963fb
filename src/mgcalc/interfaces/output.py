"""A batch's output: blocks of whole lines written whole, or not past the last whole line."""

from __future__ import annotations

import contextlib
import os
import stat
from typing import IO


class WholeLines:
    """Write blocks of whole lines straight to *out*'s file descriptor, each block all of it.

    A write that fails part-way (a full disk, EIO) on a regular file is cut back to where
    the block began, so the file ends with a whole line; a pipe cannot be cut back.
    Without a file descriptor (a test's capture), the blocks go to *out*'s buffer, or
    to *out* itself.
    """

    def __init__(self, out: IO[str]) -> None:
        out.flush()  # what was written before (a CSV header) comes first
        self.out = out
        self.buffer: IO[bytes] | None = getattr(out, "buffer", None)
        self.fd: int | None = None
        self.regular = False
        self.failed = False  # a write failed: nothing more is sent
        with contextlib.suppress(AttributeError, OSError, ValueError):
            self.fd = out.fileno()
            self.regular = stat.S_ISREG(os.fstat(self.fd).st_mode)

    def send(self, data: bytes | bytearray | memoryview) -> None:
        """Write all of *data*, a block of whole lines."""
        if self.fd is None:
            self.failed = True
            if self.buffer is not None:  # UTF-8, whatever the text layer's encoding
                self.buffer.write(data)
            else:
                self.out.write(str(data, "utf-8"))
            self.failed = False
            return
        with memoryview(data) as view:
            done = 0
            try:
                while done < len(view):  # a signal can cut a large write short
                    done += os.write(self.fd, view[done:])
            except OSError:
                self.failed = True
                if self.regular and done:  # the offset is past this block's bytes (>> too)
                    with contextlib.suppress(OSError):
                        os.ftruncate(self.fd, os.lseek(self.fd, 0, os.SEEK_CUR) - done)
                raise
