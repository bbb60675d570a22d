"""Reading the four MNIST IDX files (numpy only: the GUI imports this without torch).

IDX is big-endian: images are int32 magic 2051, count, rows (28), cols (28), then
count*rows*cols uint8 pixels row-major; labels are int32 magic 2049, count, then count
uint8 labels. Each file may be gzip-compressed (`.gz`) or raw. A file that is wrong gets
an `MnistError` naming the file and what is wrong with it.

Nothing larger than MNIST can be is read: only regular files of at most the size of the
training images (47 MB), and a `.gz` is decompressed as a stream, header first, then no
more than the header announces (plus one byte, to tell "too long"), the header's count
being at most MNIST's own (60000 or 10000) and its images 28x28.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from gradlab.core.bounded_read import read_limited

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
SIDE = 28


@dataclass(frozen=True)
class MnistFile:
    """One of the four standard files and its known checksums."""

    stem: str  # name without ".gz"
    magic: int
    count: int
    md5_gz: str  # of the original .gz download
    md5_raw: str  # of the decompressed file


FILES: tuple[MnistFile, ...] = (
    MnistFile("train-images-idx3-ubyte", IMAGE_MAGIC, 60000,
              "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"),
    MnistFile("train-labels-idx1-ubyte", LABEL_MAGIC, 60000,
              "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
    MnistFile("t10k-images-idx3-ubyte", IMAGE_MAGIC, 10000,
              "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
    MnistFile("t10k-labels-idx1-ubyte", LABEL_MAGIC, 10000,
              "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
)


class MnistError(ValueError):
    """A data file is missing or wrong; the message names the file and the problem."""


@dataclass(frozen=True, eq=False)  # identity: comparing 47 MB of pixels is never meant
class MnistData:
    """The whole dataset as uint8 images (N, 28, 28) and int64 labels (N,)."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    folder: Path | None = None


def app_data_folder() -> Path:
    """GradLab's own MNIST folder: the platform's user data directory + "mnist"."""
    import platformdirs

    return Path(platformdirs.user_data_dir("GradLab")) / "mnist"


def candidates(folder: str | os.PathLike | None) -> list[Path]:
    """Where to look, in order: the folder itself, its torchvision layout
    (`folder/MNIST/raw`), `folder/raw`, then the app's data folder."""
    out: list[Path] = []
    if folder is not None:
        root = Path(folder).expanduser()
        out += [root, root / "MNIST" / "raw", root / "raw"]
    out.append(app_data_folder())
    return out


def file_path(folder: Path, spec: MnistFile) -> Path | None:
    """The .gz or raw file of `spec` in `folder` (the .gz preferred), or None."""
    for name in (spec.stem + ".gz", spec.stem):
        p = folder / name
        if p.is_file():
            return p
    return None


def has_files(folder: Path) -> bool:
    """True when all four files are present (not checked further)."""
    return all(file_path(folder, s) is not None for s in FILES)


def find(folders: str | os.PathLike | Iterable[str | os.PathLike] | None = None) -> Path | None:
    """The first folder that holds all four files: each given folder, its torchvision
    layout `ROOT/MNIST/raw`, then the app's data folder. None when nowhere."""
    if folders is None or isinstance(folders, (str, os.PathLike)):
        folders = [folders] if folders is not None else []
    seen: list[Path] = []
    for f in folders:
        seen += candidates(f)[:-1]
    seen.append(app_data_folder())
    for p in seen:
        if p.is_dir() and has_files(p):
            return p
    return None


# The largest file MNIST can be: 60000 images of 28x28 after a 16-byte header. A
# compressed file is no larger than its data plus gzip's framing (stored blocks add
# 5 bytes per 64 KiB), so this bounds the .gz as well.
MAX_ITEMS = max(s.count for s in FILES)
_MAX_RAW = 16 + MAX_ITEMS * SIDE * SIDE
_MAX_DISK = _MAX_RAW + _MAX_RAW // 1000 + 1024
_CHUNK = 1 << 20


def _header_size(spec: MnistFile) -> int:
    return 16 if spec.magic == IMAGE_MAGIC else 8


def _announced(path: Path, header: bytes, spec: MnistFile) -> int:
    """The file's total size as its header announces it, after checking the header
    (magic, count at most what MNIST has, 28x28 images): nothing more is read than this."""
    size = _header_size(spec)
    if len(header) < size:
        raise MnistError(f"{path}: truncated ({len(header)} bytes, header needs {size})")
    magic = int.from_bytes(header[0:4], "big")
    if magic != spec.magic:
        raise MnistError(f"{path}: wrong magic number {magic} (expected {spec.magic})")
    n = int.from_bytes(header[4:8], "big")
    if n > spec.count:
        raise MnistError(f"{path}: header says {n} items, more than MNIST's {spec.count}")
    if spec.magic == IMAGE_MAGIC:
        rows, cols = int.from_bytes(header[8:12], "big"), int.from_bytes(header[12:16], "big")
        if (rows, cols) != (SIDE, SIDE):
            raise MnistError(f"{path}: images are {rows}x{cols}, expected {SIDE}x{SIDE}")
        return size + n * SIDE * SIDE
    return size + n


def _read_bytes(path: Path, spec: MnistFile) -> tuple[bytes, bytes]:
    """(bytes on disk, decompressed bytes). A broken gzip stream counts as truncated.

    Bounded: the disk file is read only when it is a regular file of at most _MAX_DISK
    bytes, and the IDX header is decompressed first, then at most one byte more than it
    announces (a 3 MB gzip bomb inflating to 3 GB is refused after a few KB), streaming.
    """
    try:
        disk = read_limited(path, _MAX_DISK)
    except OSError as e:
        raise MnistError(f"{path}: cannot be read ({e.strerror or e})") from e
    except ValueError as e:  # a pipe, a device, or more than MNIST can be
        raise MnistError(f"{path}: {e}") from e
    if not path.name.endswith(".gz"):
        _announced(path, disk[:_header_size(spec)], spec)  # magic and count before size
        return disk, disk
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(disk), mode="rb") as stream:
            header = stream.read(_header_size(spec))
            size = _announced(path, header, spec)
            parts, left = [header], size - len(header) + 1  # one byte more says "too long"
            while left > 0:
                chunk = stream.read(min(left, _CHUNK))
                if not chunk:
                    break
                parts.append(chunk)
                left -= len(chunk)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as e:
        raise MnistError(f"{path}: truncated or corrupt gzip data ({e})") from e
    raw = b"".join(parts)
    if len(raw) > size:
        raise MnistError(f"{path}: count mismatch: more data bytes than the header announces "
                         f"({size - _header_size(spec)})")
    return disk, raw


def _check_md5(path: Path, disk: bytes, raw: bytes, spec: MnistFile,
               md5: Mapping[str, str] | None) -> None:
    """Compare with the known MD5 of the .gz or of the raw file. `md5` overrides the known
    ones by stem (its value may be the MD5 of either form); an empty mapping skips the check."""
    if md5 is not None and not md5:
        return
    expected = {spec.md5_gz, spec.md5_raw}
    if md5 is not None:
        if spec.stem not in md5:
            return
        expected = {md5[spec.stem]}
    got = hashlib.md5(disk).hexdigest()
    if got in expected:
        return
    if disk is not raw and hashlib.md5(raw).hexdigest() in expected:
        return  # the same data re-compressed differently
    raise MnistError(f"{path}: checksum mismatch (MD5 {got}, expected {' or '.join(sorted(expected))})")


def parse(path: Path, data: bytes, spec: MnistFile, count: int | None) -> np.ndarray:
    """Decode one IDX file's bytes; `count` None accepts any count (synthetic files)."""
    header = 16 if spec.magic == IMAGE_MAGIC else 8
    if len(data) < header:
        raise MnistError(f"{path}: truncated ({len(data)} bytes, header needs {header})")
    magic = int.from_bytes(data[0:4], "big")
    if magic != spec.magic:
        raise MnistError(f"{path}: wrong magic number {magic} (expected {spec.magic})")
    n = int.from_bytes(data[4:8], "big")
    if count is not None and n != count:
        raise MnistError(f"{path}: count mismatch: header says {n} items, expected {count}")
    shape: tuple[int, ...] = (n,)
    if spec.magic == IMAGE_MAGIC:
        rows, cols = int.from_bytes(data[8:12], "big"), int.from_bytes(data[12:16], "big")
        if (rows, cols) != (SIDE, SIDE):
            raise MnistError(f"{path}: images are {rows}x{cols}, expected {SIDE}x{SIDE}")
        shape = (n, SIDE, SIDE)
    size = int(np.prod(shape))
    if len(data) - header < size:
        raise MnistError(f"{path}: truncated ({len(data) - header} data bytes, header "
                         f"announces {size})")
    if len(data) - header > size:
        raise MnistError(f"{path}: count mismatch: {len(data) - header} data bytes, header "
                         f"announces {size}")
    arr = np.frombuffer(data, np.uint8, count=size, offset=header).reshape(shape)
    if spec.magic == LABEL_MAGIC:
        if n and arr.max() > 9:
            raise MnistError(f"{path}: label {int(arr.max())} out of range 0-9")
        return arr.astype(np.int64)
    return arr.copy()  # own writable memory, not a view of the file's bytes


def read_file(folder: Path, spec: MnistFile, md5: Mapping[str, str] | None = None,
              strict_counts: bool = True) -> np.ndarray:
    """Read, check and decode one of the four files from `folder`."""
    path = file_path(folder, spec)
    if path is None:
        raise MnistError(f"{folder / (spec.stem + '.gz')}: missing (neither {spec.stem}.gz "
                         f"nor {spec.stem} is in {folder})")
    disk, raw = _read_bytes(path, spec)
    # Parse before the checksum: "truncated" or "wrong magic" says more than a bad MD5.
    arr = parse(path, raw, spec, spec.count if strict_counts else None)
    _check_md5(path, disk, raw, spec, md5)
    return arr


def load(folder: str | os.PathLike, md5: Mapping[str, str] | None = None,
         strict_counts: bool = True) -> MnistData:
    """Load MNIST from `folder` or its torchvision layout `folder/MNIST/raw`.

    `md5`: None checks the known MD5s; a mapping {stem: md5} checks those instead (for
    synthetic files), and {} skips checksums. `strict_counts=False` accepts any counts
    (the 60000/10000 check is skipped; the header must still match the data).
    Raises MnistError naming the file and the problem.
    """
    root = Path(folder).expanduser()
    dirs = [p for p in candidates(root)[:-1] if p.is_dir()]
    # The complete folder if there is one, else the one with some of the files, so that
    # the error names a file missing next to its siblings.
    where = next((p for p in dirs if has_files(p)), None)
    if where is None:
        partial = [p for p in dirs if any(file_path(p, s) for s in FILES)]
        where = partial[0] if partial else root
    arrays = [read_file(where, s, md5, strict_counts) for s in FILES]
    for (imgs, labels, which) in ((arrays[0], arrays[1], FILES[1]), (arrays[2], arrays[3], FILES[3])):
        if len(imgs) != len(labels):
            raise MnistError(f"{file_path(where, which)}: count mismatch: {len(labels)} labels "
                             f"for {len(imgs)} images")
    return MnistData(*arrays, folder=where)


def write_idx(path: str | os.PathLike, array: np.ndarray, gz: bool | None = None) -> Path:
    """Write images (N, 28, 28) or labels (N,) as an IDX file (gzip when the name ends in
    .gz, or when `gz` says so). Used by tests and for saving subsets."""
    path = Path(path)
    a = np.asarray(array, np.uint8)
    magic = IMAGE_MAGIC if a.ndim == 3 else LABEL_MAGIC
    header = b"".join(int(v).to_bytes(4, "big") for v in (magic, *a.shape))
    data = header + a.tobytes()
    if gz if gz is not None else path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return path
