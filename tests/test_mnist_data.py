"""The MNIST data layer: IDX parsing, checks, folder layouts, and the download."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist import download as mnist_download
from gradlab.core.mnist.data import FILES, MnistError, load, write_idx

N_TRAIN, N_TEST = 30, 10


def _arrays(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "train-images-idx3-ubyte": rng.integers(0, 256, (N_TRAIN, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": rng.integers(0, 10, N_TRAIN).astype(np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (N_TEST, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, N_TEST).astype(np.uint8),
    }


def write_set(folder: Path, gz: bool = True, seed: int = 0) -> dict[str, np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    arrays = _arrays(seed)
    for stem, a in arrays.items():
        write_idx(folder / (stem + (".gz" if gz else "")), a)
    return arrays


def md5s(folder: Path) -> dict[str, str]:
    """The MD5 of each synthetic file as written (for load's md5= override)."""
    out = {}
    for spec in FILES:
        path = mnist_data.file_path(folder, spec)
        out[spec.stem] = hashlib.md5(path.read_bytes()).hexdigest()
    return out


def synthetic_load(folder: Path, **kw) -> mnist_data.MnistData:
    return load(folder, md5={}, strict_counts=False, **kw)


@pytest.mark.parametrize("gz", [True, False])
def test_load_round_trips_gz_and_raw(tmp_path, gz):
    arrays = write_set(tmp_path, gz=gz)
    data = synthetic_load(tmp_path)
    np.testing.assert_array_equal(data.train_images, arrays["train-images-idx3-ubyte"])
    np.testing.assert_array_equal(data.test_labels, arrays["t10k-labels-idx1-ubyte"])
    assert data.train_images.shape == (N_TRAIN, 28, 28) and data.train_images.dtype == np.uint8
    assert data.train_labels.dtype == np.int64


def test_torchvision_layout_is_found(tmp_path):
    arrays = write_set(tmp_path / "MNIST" / "raw")
    data = synthetic_load(tmp_path)
    np.testing.assert_array_equal(data.train_labels, arrays["train-labels-idx1-ubyte"])
    assert data.folder == tmp_path / "MNIST" / "raw"
    assert mnist_data.find([tmp_path / "elsewhere", tmp_path]) == tmp_path / "MNIST" / "raw"


def test_app_data_folder_is_searched(tmp_path, monkeypatch):
    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app")
    assert mnist_data.find() is None
    write_set(tmp_path / "app")
    assert mnist_data.find() == tmp_path / "app"
    assert mnist_data.find(tmp_path / "nothing-here") == tmp_path / "app"


def test_supplied_md5s_are_checked(tmp_path):
    write_set(tmp_path)
    sums = md5s(tmp_path)
    load(tmp_path, md5=sums, strict_counts=False)  # passes
    sums["t10k-labels-idx1-ubyte"] = "0" * 32
    with pytest.raises(MnistError, match=r"t10k-labels-idx1-ubyte\.gz: checksum mismatch"):
        load(tmp_path, md5=sums, strict_counts=False)


def test_known_md5s_reject_synthetic_files(tmp_path):
    # strict counts off so the check reached is the checksum
    write_set(tmp_path)
    with pytest.raises(MnistError, match=r"train-images-idx3-ubyte\.gz: checksum mismatch"):
        load(tmp_path, strict_counts=False)


def test_counts_are_strict_by_default(tmp_path):
    write_set(tmp_path)
    with pytest.raises(MnistError, match=r"train-images-idx3-ubyte\.gz: count mismatch: header says 30 items, expected 60000"):
        load(tmp_path, md5={})


def test_missing_file_is_named(tmp_path):
    write_set(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").unlink()
    with pytest.raises(MnistError, match=r"t10k-images-idx3-ubyte\.gz: missing"):
        synthetic_load(tmp_path)


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(MnistError, match="missing"):
        synthetic_load(tmp_path / "absent")


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_file_is_named(tmp_path, gz):
    write_set(tmp_path, gz=gz)
    path = tmp_path / ("train-images-idx3-ubyte" + (".gz" if gz else ""))
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(MnistError, match=rf"{path.name}: truncated"):
        synthetic_load(tmp_path)


def test_truncated_header_is_named(tmp_path):
    write_set(tmp_path, gz=False)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08")
    with pytest.raises(MnistError, match=r"train-labels-idx1-ubyte: truncated"):
        synthetic_load(tmp_path)


def test_wrong_magic_is_named(tmp_path):
    write_set(tmp_path)
    # A labels file where images belong: the magic says 2049, 2051 was expected.
    labels = (tmp_path / "train-labels-idx1-ubyte.gz").read_bytes()
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(labels)
    with pytest.raises(MnistError, match=r"train-images-idx3-ubyte\.gz: wrong magic number 2049 \(expected 2051\)"):
        synthetic_load(tmp_path)


def test_label_count_differing_from_images_is_named(tmp_path):
    write_set(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.zeros(N_TEST - 1, np.uint8))
    with pytest.raises(MnistError, match=r"t10k-labels-idx1-ubyte\.gz: count mismatch: 9 labels for 10 images"):
        synthetic_load(tmp_path)


def test_header_count_disagreeing_with_data_is_named(tmp_path):
    write_set(tmp_path, gz=False)
    path = tmp_path / "train-labels-idx1-ubyte"
    raw = bytearray(path.read_bytes())
    raw[4:8] = (N_TRAIN - 5).to_bytes(4, "big")  # the header claims fewer than are there
    path.write_bytes(bytes(raw))
    with pytest.raises(MnistError, match=r"train-labels-idx1-ubyte: count mismatch"):
        synthetic_load(tmp_path)


def test_mnist_error_is_a_value_error():
    assert issubclass(MnistError, ValueError)


def test_data_layer_does_not_import_torch():
    import subprocess

    code = "import sys, gradlab.core.mnist.data, gradlab.core.mnist.download, gradlab.core.mnist.frames; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the real files -----------------------------------------------------------------


def test_real_mnist_loads_with_known_md5s(mnist_dir):
    data = load(mnist_dir)
    assert data.train_images.shape == (60000, 28, 28)
    assert data.test_images.shape == (10000, 28, 28)
    assert data.train_labels[:5].tolist() == [5, 0, 4, 1, 9]
    assert data.test_labels[:5].tolist() == [7, 2, 1, 0, 4]


def test_real_mnist_decompressed_passes_raw_md5(mnist_dir, tmp_path):
    spec = FILES[3]  # the small test-labels file
    (tmp_path / spec.stem).write_bytes(gzip.decompress((mnist_dir / (spec.stem + ".gz")).read_bytes()))
    labels = mnist_data.read_file(tmp_path, spec)
    assert labels.shape == (10000,)


# --- download, from a local server ---------------------------------------------------


class _Server:
    """A bounded HTTP server on 127.0.0.1 serving `files` (name -> bytes)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        files_ = files

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                name = self.path.rsplit("/", 1)[-1]
                body = files_.get(name)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/mnist/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def _served(tmp_path: Path, size: int = 0) -> tuple[dict[str, bytes], dict[str, str]]:
    src = tmp_path / "src"
    write_set(src)
    files = {p.name: p.read_bytes() for p in src.iterdir()}
    if size:  # pad so the download takes several chunks
        files = {k: v + bytes(size) for k, v in files.items()}
    sums = {name[:-3]: hashlib.md5(body).hexdigest() for name, body in files.items()}
    return files, sums


def test_download_writes_checked_files_and_reports_progress(tmp_path):
    files, sums = _served(tmp_path)
    calls = []
    with _Server(files) as server:
        sizes = {name[:-3]: len(body) for name, body in files.items()}
        out = mnist_download.download(tmp_path / "dl", mirrors=[server.url], md5=sums, sizes=sizes,
                                      progress=lambda d, t: calls.append((d, t)))
    assert out == tmp_path / "dl"
    for name, body in files.items():
        assert (out / name).read_bytes() == body
    assert sorted(p.name for p in out.iterdir()) == sorted(files)  # no temporary leftovers
    total = sum(map(len, files.values()))
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    np.testing.assert_array_equal(synthetic_load(out).train_labels, synthetic_load(tmp_path / "src").train_labels)


def test_download_falls_back_to_next_mirror_on_checksum_mismatch(tmp_path):
    files, sums = _served(tmp_path)
    bad = {k: v[:-1] + b"\x00" for k, v in files.items()}
    with _Server(bad) as broken, _Server(files) as good:
        out = mnist_download.download(tmp_path / "dl", mirrors=[broken.url, good.url], md5=sums)
    assert all((out / name).read_bytes() == body for name, body in files.items())


def test_download_checksum_mismatch_leaves_no_file(tmp_path):
    files, sums = _served(tmp_path)
    sums["train-labels-idx1-ubyte"] = "f" * 32
    with _Server(files) as server:
        with pytest.raises(MnistError, match=r"train-labels-idx1-ubyte\.gz: download failed.*checksum mismatch"):
            mnist_download.download(tmp_path / "dl", mirrors=[server.url], md5=sums)
    left = sorted(p.name for p in (tmp_path / "dl").iterdir())
    assert left == ["train-images-idx3-ubyte.gz"]  # the file before it, complete; nothing partial


def test_download_cancel_leaves_no_partial_file(tmp_path, monkeypatch):
    monkeypatch.setattr(mnist_download, "CHUNK", 1024)
    files, sums = _served(tmp_path, size=64 * 1024)
    seen = []

    def cancel() -> bool:
        return len(seen) >= 3  # after three chunks of the first file

    with _Server(files) as server:
        with pytest.raises(mnist_download.DownloadCancelled):
            mnist_download.download(tmp_path / "dl", mirrors=[server.url], md5=sums,
                                    progress=lambda d, t: seen.append(d), cancel=cancel)
    assert seen == [1024, 2048, 3072]
    assert list((tmp_path / "dl").iterdir()) == []


def test_download_keeps_files_already_present(tmp_path):
    files, sums = _served(tmp_path)
    dest = tmp_path / "dl"
    dest.mkdir()
    for name, body in files.items():
        (dest / name).write_bytes(body)
    # No server at all: every file is already there with the right MD5.
    out = mnist_download.download(dest, mirrors=["http://127.0.0.1:9/none/"], md5=sums, timeout=1)
    assert out == dest


def test_download_unreachable_mirror_names_file(tmp_path):
    _, sums = _served(tmp_path)
    with pytest.raises(MnistError, match=r"train-images-idx3-ubyte\.gz: download failed from every mirror"):
        mnist_download.download(tmp_path / "dl", mirrors=["http://127.0.0.1:9/none/"], md5=sums, timeout=1)
