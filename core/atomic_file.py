"""Writing a file atomically: into a temporary file beside it, then `os.replace`.

Every file GradLab writes goes through here, so that a crash, a full disk, a cancelled
download or an exporter that raises halfway never leaves half a file where the whole one
should be, and a reader (the app loading a scenario, a script watching a CSV) never sees
a partial one: the target is either the old file or the complete new one.

    with atomic_write("trajectories.csv", "w", newline="", encoding="utf-8") as f:
        f.write(...)                      # an open file on the temporary file

    with atomic_path("race.png") as tmp:  # for writers that want a file name
        exporter.export(str(tmp))         # (pyqtgraph exporters, QImage.save, torch.save)

The temporary file sits in the target's folder (`os.replace` is atomic only within one
file system), is hidden (a leading dot, so a folder listing or a glob for `*.png` does not
pick it up), keeps the target's suffix (exporters choose the format by it), is flushed
to disk before the rename (else a power cut can leave an empty file after it), and is
removed when the block raises. The result has the mode a plain `open(path, "w")` would
give it: the existing file's mode, or 0o666 less the umask for a new file (not the 0o600
that `tempfile.mkstemp` uses).

What is replaced is always a regular file. A symbolic link is written through to its
target (the temporary file goes beside the target, and the link stays a link): renaming
onto the link itself would turn `/dev/stdout`, as root, into a regular file. A name that
is a device, a pipe, a socket or a folder is refused with `NotARegularFile` (an OSError,
one line) before anything is written; only regular files and new names are written.

A process killed mid-write (kill -9, a power cut) cannot remove its temporary file. So
each write first removes GradLab's own leftovers in its folder: hidden files of the
temporary-name pattern, regular, untouched for LEFTOVER_AGE seconds (a live writer
touches its file as it writes; one that pauses longer than that is not expected).

stdlib only: no Qt, no torch, so core modules and the headless CLIs can use it.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from gradlab.core.bounded_read import kind

_ATTEMPTS = 100  # names to try before giving up; a clash is already a one in 2**32 event
LEFTOVER_AGE = 60.0  # seconds: an older temporary file of ours belongs to a dead writer
# ".<target name>.<8 hex>.tmp<suffix>", as _create_temp names them.
_TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp(\.[^.]*)?$", re.DOTALL)


class NotARegularFile(OSError):
    """The output name is a device, a pipe, a socket or a folder: never replaced."""


def _target(path: Path) -> Path:
    """The regular file (or new name) that writing to `path` replaces: a link's target.

    Refuses anything else. `os.stat` follows every link to what is really there (for
    /dev/stdout: the terminal, a pipe, or a file the shell opened); `realpath` gives its
    name, and the two must agree (a /proc "magic" link to a pipe names no real file).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None  # a new name, or a link to one: created at the link's target
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(f"{path}: is {kind(st.st_mode)}, not a regular file; GradLab "
                              f"writes only regular files")
    target = Path(os.path.realpath(path))
    if st is not None:
        try:
            same = os.path.samestat(st, os.stat(target))
        except OSError:
            same = False
        if not same:
            raise NotARegularFile(f"{path}: a link GradLab cannot follow to a file")
    return target


def clean_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files that killed writers left in `folder` (see the module
    docstring); returns what was removed. Errors are ignored: cleaning is a courtesy."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > LEFTOVER_AGE:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _create_temp(target: Path, suffix: str) -> Path:
    """An empty new file beside `target`, created with O_EXCL (so never someone else's).

    Created with mode 0o666 through `os.open`, so the kernel applies the umask exactly as
    for a plain `open()`; reading the umask instead (`os.umask(0)` then back) would briefly
    change it for every thread of the process.
    """
    folder = target.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        tmp = folder / f".{target.name}.{os.urandom(4).hex()}.tmp{suffix}"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"no free temporary name beside {target}")


def _publish(tmp: Path, target: Path, new_mode: int) -> None:
    """Flush `tmp` to disk, give it the mode `open()` would have, and rename it onto `target`."""
    # POSIX fsyncs through a read-only descriptor (the file may be read-only by now);
    # Windows flushes only through a writable one.
    access = os.O_RDONLY if os.name == "posix" else os.O_RDWR
    fd = os.open(tmp, access | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        mode = target.stat().st_mode & 0o7777  # replacing a file keeps its permissions
    except FileNotFoundError:
        mode = new_mode
    # Some writers replace the file at the name they were given instead of writing into
    # it, so the mode is set here, at the end, not trusted from creation.
    os.chmod(tmp, mode)
    os.replace(tmp, target)


@contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """A temporary file name beside `path`, renamed onto `path` when the block ends well.

    For writers that insist on a file name. The file exists (empty) when the block starts,
    which reserves the name; write to it, or over it. `suffix` defaults to `path`'s own
    (`.png`), because exporters pick the format by it. When the block raises, the
    temporary file is removed and `path` is left as it was. A writer that reports failure
    by a return value (`QImage.save` returns False) must raise inside the block.
    """
    target = _target(Path(path))
    clean_leftovers(target.parent)
    # The suffix of the name asked for: a link "shot.png" may point at a name without one.
    tmp = _create_temp(target, Path(path).suffix if suffix is None else suffix)
    try:
        new_mode = tmp.stat().st_mode & 0o7777  # 0o666 less the umask, set by the kernel
        yield tmp
        _publish(tmp, target, new_mode)
    except BaseException:  # KeyboardInterrupt and a closed generator too: never leave it
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *, suffix: str | None = None,
                 **open_kwargs: Any) -> Iterator[IO[Any]]:
    """An open file on a temporary file beside `path`, renamed onto `path` when the block
    ends well; removed, leaving `path` as it was, when it raises.

    `mode` is a write mode ("w", "wb", "w+", ...): the file starts empty. `open_kwargs` go
    to `open` (`encoding`, `newline`, ...). `suffix` names the temporary file's ending
    (default: `path`'s own; a download uses ".part").
    """
    if not mode.startswith("w"):
        raise ValueError(f"atomic_write: mode {mode!r} is not a write mode ('w', 'wb', ...)")
    with atomic_path(path, suffix) as tmp, open(tmp, mode, **open_kwargs) as f:
        yield f
