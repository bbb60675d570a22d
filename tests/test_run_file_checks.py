"""A saved run is accepted only when every part agrees with its own config; otherwise
one line in GradLab's words names the part (issue 19). The damaged files are made the
way they were met: a real run saved, then one part of it changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from gradlab.core.mnist.frames import TrainConfig  # noqa: E402
from gradlab.core.mnist.run_file import load_run, save_run  # noqa: E402
from gradlab.core.mnist.synthetic import synthetic  # noqa: E402
from gradlab.core.mnist.train import train  # noqa: E402

CONFIG = TrainConfig(schedule="constant", hidden=(16, 8), batch_size=50, epochs=1, eval_every=0,
                     eval_subset=20, grid_size=4, threads=1)
SCRIPT = "import sys; from gradlab.cli.main import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    frames = list(train(CONFIG, synthetic(100, 20, seed=1)))
    return save_run(tmp_path_factory.mktemp("run") / "run.pt", frames[-1].checkpoint)


def _changed(saved: Path, tmp_path: Path, change) -> Path:
    blob = torch.load(saved, weights_only=True)
    change(blob)
    path = tmp_path / "changed.pt"
    torch.save(blob, path)
    return path


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(ValueError) as info:
        load_run(path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 200 and "\x1b" not in message, message
    assert message.startswith(f"{path}: "), message
    for w in words:
        assert w in message, message
    return message


def _model(blob) -> dict:
    return blob["state"]["model"]


def _flip(blob) -> None:
    _model(blob)["0.weight"][3, 5] = 3e28  # one weight's bytes damaged


def _set(key, value):
    return lambda blob: blob["config"].__setitem__(key, value)


CASES = {
    "a weight that would broadcast": (
        lambda b: _model(b).__setitem__("0.weight", torch.ones(1, 784)),
        ("weights 0.weight", "shape (1, 784), expected (16, 784)")),
    "no output layer": (
        lambda b: [_model(b).pop(k) for k in ("4.weight", "4.bias")], ("weights 4.weight", "missing")),
    "flipped bytes": (_flip, ("weights", "checksum mismatch")),
    "flipped bytes, old file without a checksum": (
        lambda b: (_flip(b), b.pop("weights_sha256", None)), ("weights 0.weight", "3e+28", "beyond")),
    "NaN weights, old file": (
        lambda b: (_model(b)["2.bias"].fill_(float("nan")), b.pop("weights_sha256", None)),
        ("weights 2.bias", "not finite")),
    "float64 weights for a float32 config": (
        lambda b: (_model(b).__setitem__("2.bias", _model(b)["2.bias"].double()),
                   b.pop("weights_sha256", None)), ("weights 2.bias", "dtype float64")),
    "an extra tensor": (lambda b: _model(b).__setitem__("6.weight", torch.zeros(1)), ("unexpected",)),
    "an unknown optimizer": (_set("optimizer", "nosuch"), ("config:", "nosuch")),
    "a batch size as text": (_set("batch_size", "128"), ("config:", "batch_size", "'128'")),
    "hidden as text": (_set("hidden", "abc"), ("config:",)),
    "no step": (lambda b: b.pop("step"), ("step: must be a whole number",)),
    "a version as text": (lambda b: b.__setitem__("version", "2"), ("version: must be a whole number",)),
    "no config": (lambda b: b.pop("config"), ("config: missing",)),
    "optimizer state of another shape": (
        lambda b: b["state"]["optimizer"]["state"][0].__setitem__("m", torch.zeros(3)),
        ("optimizer state[0]", "shape (3,)")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_damaged_run_is_refused_naming_the_part(saved, tmp_path, case):
    change, words = CASES[case]
    _refused(_changed(saved, tmp_path, change), *words)


def test_a_run_from_before_checksums_still_loads(saved, tmp_path):
    path = _changed(saved, tmp_path, lambda b: b.pop("weights_sha256", None))
    back = load_run(path)
    assert back.config == CONFIG
    torch.testing.assert_close(back.state["model"]["4.bias"], load_run(saved).state["model"]["4.bias"])


def test_the_file_holds_a_checksum_of_its_weights(saved):
    import hashlib

    blob = torch.load(saved, weights_only=True)
    h = hashlib.sha256()  # the documented recipe, written out independently
    for key in sorted(_model(blob)):
        t = _model(blob)[key].contiguous()
        h.update(f"{key}|{t.dtype}|{tuple(t.shape)}|".encode() + t.numpy().tobytes())
    assert blob["weights_sha256"] == h.hexdigest()


def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "run.pt"
    os.mkfifo(fifo)
    _refused(fifo, "pipe")


class Payload:
    def __reduce__(self):
        return (print, ("never run",))


@pytest.mark.parametrize("case", ["python objects", "an unknown optimizer", "no output layer"])
def test_gradlab_backprop_refuses_in_its_own_words(saved, tmp_path, case):
    """`gradlab backprop --run FILE`: exit 2, one line, no traceback and never torch's
    advice to turn `weights_only` off."""
    if case == "python objects":
        path = tmp_path / "objects.pt"
        torch.save({"format": "gradlab-mnist-run", "config": Payload()}, path)
    else:
        path = _changed(saved, tmp_path, CASES[case][0])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", SCRIPT, "backprop", "--run", str(path), "--test-index", "0",
                        "--json", str(tmp_path / "out.json")],
                       capture_output=True, text=True, timeout=60, env=env)
    line = r.stderr.strip()
    assert r.returncode == 2 and "\n" not in line and "Traceback" not in line, (r.returncode, r.stderr[-600:])
    assert "weights_only" not in line and "\x1b" not in line and "never run" not in r.stdout, line
    assert str(path) in line and len(line) < 200 + len(str(path)), line
    assert not (tmp_path / "out.json").exists()


def test_a_file_with_python_objects_is_refused_in_gradlabs_words(tmp_path):
    path = tmp_path / "objects.pt"
    torch.save({"format": "gradlab-mnist-run", "config": Payload()}, path)
    message = _refused(path, "not a GradLab run", "Python objects")
    assert "weights_only" not in message and "torch" not in message.lower()


def test_a_text_file_is_not_said_to_hold_python_objects(tmp_path):
    """torch reads a file that is no zip archive as an old-style pickle, and fails on any
    other bytes with the same error as its weights_only refusal: the message must not
    claim that a three-byte text file holds Python objects."""
    path = tmp_path / "hostname.pt"
    path.write_text("x1\n")
    message = _refused(path, "not a GradLab run", "not a torch file, or damaged")
    assert "Python objects" not in message
    pickled = tmp_path / "old_style.pt"
    torch.save({"format": "gradlab-mnist-run", "config": Payload()}, pickled, _use_new_zipfile_serialization=False)
    _refused(pickled, "not a GradLab run", "Python objects")  # an old-style torch file with objects


def test_the_mnist_tab_says_why_a_run_with_a_bad_config_is_refused(qtbot, saved, tmp_path, monkeypatch):
    """Load… of a run whose config names no optimizer: the message names the part, no
    run joins the queue, and nothing raises later in a slot (pytest-qt fails on that)."""
    from gradlab.core.mnist import data as mnist_data
    from gradlab.gui.mnist.tab import MnistTab

    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    path = _changed(saved, tmp_path, CASES["an unknown optimizer"][0])
    tab = MnistTab()
    qtbot.addWidget(tab)
    try:
        tab.load_run_from(path)  # in a worker: this returns at once
        qtbot.waitUntil(lambda: tab.load_button.isEnabled(), timeout=20_000)
        text = tab.message.text()
        assert "nosuch" in text and "config" in text and tab.runs == [], text
        assert "#a40000" in tab.message.styleSheet()  # shown as an error
    finally:
        assert tab.shutdown(2000)
