"""Downloading the four MNIST files from the usual mirrors (stdlib only, no torch).

Each file is fetched in chunks (progress callback, cancel between chunks), its MD5 is
checked, and only then is it renamed into place: a temporary file in the same folder,
then `os.replace`, so a cancelled or corrupt download never leaves a file that `load`
would read. Mirrors are tried in order; a checksum mismatch or a network error moves on
to the next mirror.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Mapping, Sequence

from gradlab.core.atomic_file import atomic_write
from gradlab.core.mnist.data import FILES, MnistError, app_data_folder

MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
CHUNK = 64 * 1024

Progress = Callable[[int, int], None]  # (done_bytes, total_bytes); total 0 when unknown


class DownloadCancelled(Exception):
    """The cancel callable returned True; nothing was left behind."""


def _fetch(url: str, dest: Path, md5: str | None, progress: Progress | None,
           cancel: Callable[[], bool], done_before: int, total: int, timeout: float) -> int:
    """Download one URL to `dest` atomically; returns the bytes written.

    The bytes stream into a hidden `.part` file beside `dest`; raising inside the block
    (cancel, a network error, a wrong MD5) removes it, so only a checked file is renamed.
    """
    digest = hashlib.md5()
    n = 0
    with atomic_write(dest, "wb", suffix=".part") as out, \
            urllib.request.urlopen(url, timeout=timeout) as resp:
        while True:
            if cancel():
                raise DownloadCancelled(f"download of {dest.name} cancelled")
            chunk = resp.read(CHUNK)
            if not chunk:
                break
            out.write(chunk)
            digest.update(chunk)
            n += len(chunk)
            if progress is not None:
                progress(done_before + n, total)
        got = digest.hexdigest()
        if md5 is not None and got != md5:
            raise MnistError(f"{url}: checksum mismatch (MD5 {got}, expected {md5})")
    return n


def download(folder: str | os.PathLike | None = None, *,
             mirrors: Sequence[str] = MIRRORS,
             progress: Progress | None = None,
             cancel: Callable[[], bool] = lambda: False,
             md5: Mapping[str, str] | None = None,
             sizes: Mapping[str, int] | None = None,
             timeout: float = 30.0) -> Path:
    """Download the four `.gz` files into `folder` (default: the app's data folder).

    Files already present with the right MD5 are kept. `progress(done, total)` is called
    after every chunk with bytes over all four files (`total` from `sizes`, by default
    the real files' known sizes; 0 when unknown). `cancel()` is polled between chunks; when it returns True the
    partial file is removed and `DownloadCancelled` is raised. `md5` maps a file stem to
    the expected MD5 of its .gz (default: the known ones). Raises MnistError when every
    mirror failed for a file, naming the file and each mirror's error.
    """
    dest_dir = Path(folder).expanduser() if folder is not None else app_data_folder()
    dest_dir.mkdir(parents=True, exist_ok=True)
    expected = {s.stem: s.md5_gz for s in FILES} if md5 is None else dict(md5)
    # The known sizes describe the real files only; other files report total 0 (unknown).
    sizes = dict(sizes if sizes is not None else KNOWN_SIZES if md5 is None else {})
    total = sum(sizes.get(s.stem, 0) for s in FILES) if all(s.stem in sizes for s in FILES) else 0
    done = 0
    for spec in FILES:
        name = spec.stem + ".gz"
        dest = dest_dir / name
        want = expected.get(spec.stem)
        if dest.is_file() and want is not None and _md5(dest) == want:
            done += dest.stat().st_size
            if progress is not None:
                progress(done, total)
            continue
        errors = []
        for mirror in mirrors:
            try:
                done += _fetch(mirror.rstrip("/") + "/" + name, dest, want, progress, cancel,
                               done, total, timeout)
                break
            except (urllib.error.URLError, OSError, MnistError) as e:
                errors.append(f"{mirror}: {getattr(e, 'reason', e)}")
        else:
            raise MnistError(f"{dest}: download failed from every mirror ({'; '.join(errors)})")
    return dest_dir


def _md5(path: Path) -> str:
    h = hashlib.md5()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


KNOWN_SIZES = {
    "train-images-idx3-ubyte": 9912422,
    "train-labels-idx1-ubyte": 28881,
    "t10k-images-idx3-ubyte": 1648877,
    "t10k-labels-idx1-ubyte": 4542,
}
