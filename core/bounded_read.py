"""Reading a file that may not be what its name says, with a limit on how much is read.

A scenario, an MNIST file or a saved run is opened by name, and the name may be a FIFO
(`open` blocks until a writer comes, forever), a link to /dev/zero (reads never end), a
directory or a 3 GB file. So the file is opened first, without blocking, then asked what
it is (`fstat` on the open descriptor, so it cannot be swapped between the check and the
read), and then at most `limit + 1` bytes are read: the extra byte says "too large"
without reading the rest.

    with open_regular(path) as f:        # OSError, or NotRegularFile
        ...
    data = read_limited(path, 256 * 1024)   # bytes; FileTooLarge beyond the limit

stdlib only: no Qt, no torch.
"""

from __future__ import annotations

import io
import os
import stat
from typing import BinaryIO

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class NotRegularFile(ValueError):
    """The name is a folder, a pipe, a device or a socket; the message says which."""


class FileTooLarge(ValueError):
    """More bytes than the reader allows; the message gives the limit."""


def kind(mode: int) -> str:
    """"a folder", "a pipe (FIFO)", "a character device", ... for a `st_mode`."""
    return next((name for test, name in _KINDS if test(mode)), "an unknown kind of file")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """`path` opened for binary reading, once `fstat` says it is a regular file.

    O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; on a
    regular file the flag changes nothing. A link is followed (to its target's kind).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{kind(mode)}, not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return io.open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """All of the regular file `path`, or FileTooLarge when it holds more than `limit` bytes."""
    with open_regular(path) as f:
        data = f.read(limit + 1)  # never more: the file may grow while it is read
    if len(data) > limit:
        raise FileTooLarge(f"larger than {_size(limit)}")
    return data


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"


__all__ = ["FileTooLarge", "NotRegularFile", "kind", "open_regular", "read_limited"]
