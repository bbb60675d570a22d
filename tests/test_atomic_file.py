from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gradlab.core.atomic_file import atomic_path, atomic_write

posix_modes = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


class Boom(Exception):
    pass


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_write_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with atomic_write(target, "w", newline="", encoding="utf-8") as f:
        f.write("a,b\r\n1,2\n")
        assert target.read_text() == "old\n"  # a reader sees the old file until the end
    assert target.read_bytes() == b"a,b\r\n1,2\n"  # newline="" reached open()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_bytes_write_creates_a_new_file(tmp_path):
    target = tmp_path / "blob.bin"
    with atomic_write(target, "wb") as f:
        f.write(b"\x00\xffdata")
    assert target.read_bytes() == b"\x00\xffdata"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blob.bin"]


@pytest.mark.parametrize("error", [Boom, KeyboardInterrupt])
def test_a_failure_midway_keeps_the_old_file_and_removes_the_temporary(tmp_path, error):
    target = tmp_path / "scenario.json"
    target.write_text("precious")
    with pytest.raises(error):
        with atomic_write(target, "w", encoding="utf-8") as f:
            f.write("half a fi")
            f.flush()
            raise error()
    assert target.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.json"]


def test_a_failure_midway_creates_no_file(tmp_path):
    target = tmp_path / "new.bin"
    with pytest.raises(Boom):
        with atomic_write(target, "wb") as f:
            f.write(b"partial")
            raise Boom()
    assert list(tmp_path.iterdir()) == []


@posix_modes
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002], ids=oct)
def test_a_new_file_has_the_mode_open_would_give(tmp_path, umask, mask):
    umask(mask)
    plain = tmp_path / "plain.txt"
    plain.write_text("x")  # what open() does under this umask
    with atomic_write(tmp_path / "atomic.txt") as f:
        f.write("x")
    with atomic_path(tmp_path / "atomic.png") as tmp:
        tmp.write_bytes(b"x")
    assert mode_of(tmp_path / "atomic.txt") == mode_of(plain) == 0o666 & ~mask
    assert mode_of(tmp_path / "atomic.png") == 0o666 & ~mask


@posix_modes
def test_replacing_a_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "shared.json"
    target.write_text("old")
    target.chmod(0o640)  # neither the umask's 0o644 nor mkstemp's 0o600
    with atomic_write(target) as f:
        f.write("new")
    assert target.read_text() == "new" and mode_of(target) == 0o640


@posix_modes
def test_a_writer_that_replaces_the_temporary_file_still_gets_the_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "picture.png"
    with atomic_path(target) as tmp:
        # Like a writer with its own save-then-rename: a new 0o600 file at the name.
        other = tmp_path / "elsewhere"
        other.write_bytes(b"png")
        other.chmod(0o600)
        os.replace(other, tmp)
    assert target.read_bytes() == b"png" and mode_of(target) == 0o644


def test_atomic_path_keeps_the_suffix_and_the_folder(tmp_path):
    target = tmp_path / "race.svg"
    target.write_bytes(b"old")
    with atomic_path(target) as tmp:
        assert tmp.suffix == ".svg" and tmp.parent == tmp_path and tmp != target
        assert tmp.name.startswith(".")  # hidden: a glob for *.svg does not list it
        assert tmp.exists() and tmp.read_bytes() == b""  # the name is reserved
        tmp.write_bytes(b"<svg/>")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"<svg/>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.svg"]


def test_atomic_path_removes_the_temporary_on_failure(tmp_path):
    target = tmp_path / "run.pt"
    target.write_bytes(b"old run")
    with pytest.raises(Boom):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise Boom()
    assert target.read_bytes() == b"old run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.pt"]


def test_suffix_can_be_chosen(tmp_path):
    target = tmp_path / "t10k-labels-idx1-ubyte.gz"
    with atomic_write(target, "wb", suffix=".part") as f:
        names = [p.name for p in tmp_path.iterdir()]
        assert len(names) == 1 and names[0].endswith(".part")
        f.write(b"gz")
    assert target.read_bytes() == b"gz"


def test_two_writers_to_one_target_do_not_share_a_temporary(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_path(target) as a, atomic_path(target) as b:
        assert a != b
        a.write_text("a")
        b.write_text("b")
    assert target.read_text() == "a"  # the outer block ends last, so its file wins
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@pytest.mark.parametrize("mode", ["r", "a", "ab", "r+"])
def test_only_write_modes(tmp_path, mode):
    with pytest.raises(ValueError, match="write mode"):
        with atomic_write(tmp_path / "x", mode):
            pass
    assert list(tmp_path.iterdir()) == []
