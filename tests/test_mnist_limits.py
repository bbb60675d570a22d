"""The MNIST reader reads no more than MNIST can be: a gzip bomb behind a valid header is
refused after the header's worth of data, not decompressed whole (issue 19)."""

from __future__ import annotations

import gzip
import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from gradlab.core.mnist.data import MnistError, load, write_idx

SCRIPT = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"
MEMORY = 1 << 30  # the bomb below inflates to 1 GiB: whole, it cannot fit beside torch


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _small_files(folder: Path) -> None:
    rng = np.random.default_rng(0)
    write_idx(folder / "train-labels-idx1-ubyte.gz", rng.integers(0, 10, 10))
    write_idx(folder / "t10k-images-idx3-ubyte.gz", rng.integers(0, 256, (4, 28, 28)))
    write_idx(folder / "t10k-labels-idx1-ubyte.gz", rng.integers(0, 10, 4))


def _bomb(path: Path, count: int, mebibytes: int) -> Path:
    """A valid image header claiming `count` images, then `mebibytes` MiB of zeros: gzip
    members concatenated (a reader must read them all), about 1 KB per MiB on disk."""
    header = b"".join(v.to_bytes(4, "big") for v in (2051, count, 28, 28))
    member = gzip.compress(bytes(1 << 20), compresslevel=9, mtime=0)
    path.write_bytes(gzip.compress(header, mtime=0) + member * mebibytes)
    return path


def test_a_gzip_bomb_is_refused_by_gradlab_train_in_bounded_memory(tmp_path):
    _small_files(tmp_path)
    bomb = _bomb(tmp_path / "train-images-idx3-ubyte.gz", 10, 1024)
    assert bomb.stat().st_size < 2 << 20
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", SCRIPT, "train", "--data", str(tmp_path), "--no-progress"],
                       capture_output=True, text=True, timeout=60, env=env, preexec_fn=_limit_memory)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    line = r.stderr.strip()
    assert "\n" not in line and "Traceback" not in line, line
    assert "train-images-idx3-ubyte.gz" in line and "more data bytes than the header announces" in line
    assert time.perf_counter() - t0 < 20  # the 1 GiB is never inflated (that alone takes seconds)


def test_a_header_of_more_images_than_mnist_has_is_refused_before_the_data(tmp_path):
    _small_files(tmp_path)
    _bomb(tmp_path / "train-images-idx3-ubyte.gz", 70_000, 64)
    with pytest.raises(MnistError, match=r"header says 70000 items, more than MNIST's 60000"):
        load(tmp_path, md5={}, strict_counts=False)


def test_the_reader_inflates_no_more_than_the_header_allows(tmp_path, monkeypatch):
    """Counted: the bytes the gzip stream hands out, for a header claiming 10 images."""
    _small_files(tmp_path)
    _bomb(tmp_path / "train-images-idx3-ubyte.gz", 10, 64)
    handed_out = []
    real_read = gzip.GzipFile.read

    def counting_read(self, size=-1):
        out = real_read(self, size)
        handed_out.append(len(out))
        return out

    monkeypatch.setattr(gzip.GzipFile, "read", counting_read)
    # A reader that inflates all at once (gzip.decompress) is counted the same way.
    monkeypatch.setattr(gzip, "decompress", lambda data: gzip.GzipFile(fileobj=io.BytesIO(data)).read())
    with pytest.raises(MnistError, match="more data bytes"):
        load(tmp_path, md5={}, strict_counts=False)
    assert sum(handed_out) <= 16 + 10 * 784 + 1
