"""What an atomic write may replace (issue 19): a link is written through to its target
and stays a link, keeping the target's mode; a device, a pipe or a folder is refused
with one line; and the temporary file a killed writer left behind is removed by the next
write to that folder. Driven through `gradlab race --csv`, as the tester met it."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gradlab.core.atomic_file import NotARegularFile, atomic_write

SCRIPT = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"
RACE = ["race", "--steps", "5"]


def _race_csv(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, *RACE, "--csv", str(out)],
                          capture_output=True, text=True, timeout=30)


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "data" / "curves.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    r = _race_csv(link)
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("optimizer,step,x,y,loss")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the target's permissions kept
    assert sorted(p.name for p in target.parent.iterdir()) == ["curves.csv"]  # no temp left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "latest.csv"]


@pytest.mark.parametrize("kind", ["link to /dev/null", "fifo", "folder"])
def test_a_name_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    out = tmp_path / "out.csv"
    words = {"link to /dev/null": "character device", "fifo": "pipe", "folder": "folder"}[kind]
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "folder":
        out.mkdir()
    else:
        out.symlink_to("/dev/null")
    before = os.lstat(out)
    r = _race_csv(out)
    line = r.stderr.strip()
    assert r.returncode == 2 and "\n" not in line and "Traceback" not in line, (r.returncode, r.stderr)
    assert str(out) in line and words in line and len(line) < 200 + len(str(out)), line
    after = os.lstat(out)  # the same thing, untouched
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    assert os.listdir(tmp_path) == ["out.csv"]  # no temporary file either


def test_writing_to_a_link_to_a_pipe_is_refused_in_process(tmp_path):
    """/dev/stdout as a pipe: a link to a FIFO, refused before anything is created."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    with pytest.raises(NotARegularFile, match="pipe"):
        with atomic_write(link, "w") as f:
            f.write("x")
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(link).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["pipe", "stdout"]


KILLED_WRITER = """
import os, signal, sys
from gradlab.core.atomic_file import atomic_write
with atomic_write(sys.argv[1], "wb") as f:
    f.write(bytes(1 << 20))
    f.flush()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_temporary_file_of_a_killed_writer_is_removed_by_the_next_write(tmp_path):
    out = tmp_path / "curves.csv"
    r = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(out)], timeout=30)
    assert r.returncode == -signal.SIGKILL
    (leftover,) = tmp_path.iterdir()
    assert leftover.name.startswith(".curves.csv.") and leftover.stat().st_size == 1 << 20
    old = time.time() - 120
    os.utime(leftover, (old, old))  # the kill was two minutes ago
    # A writer still at work (its file fresh) and a user's own hidden file stay.
    live = tmp_path / ".curves.csv.0123abcd.tmp.csv"
    live.write_bytes(b"in progress")
    mine = tmp_path / ".notes.tmp"
    mine.write_text("keep")
    os.utime(mine, (old, old))
    assert _race_csv(out).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, live.name, mine.name])
