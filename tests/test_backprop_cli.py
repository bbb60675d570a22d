"""`gradlab backprop`: the JSON's fields, shapes and values, and bad arguments (exit 2, one line)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from gradlab.cli import backprop as backprop_cli
from gradlab.core import activations, losses, optimizers
from gradlab.core.backprop import trace
from gradlab.core.mlp import init_params
from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.synthetic import synthetic

SMALL = ["--sizes", "2,3,3,2", "--activation", "sigmoid", "--loss", "cross_entropy", "--seed", "0",
         "--x", "0.5,-1.0;1.2,0.3;-0.7,2.0", "--y", "0,1,1"]
X = np.array([[0.5, -1.0], [1.2, 0.3], [-0.7, 2.0]])
Y = np.array([0, 1, 1])
KEYS = {"sizes", "activation", "loss_name", "loss", "x", "y", "W", "b", "z", "a", "p",
        "sample_losses", "delta", "grad_W", "grad_b", "input_grad", "update"}


def main(argv):
    out, err = io.StringIO(), io.StringIO()
    rc = backprop_cli.main(argv, stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def _same(doc_value, array) -> None:
    """A JSON value equals the trace's array exactly (JSON floats round-trip float64)."""
    got = np.array(doc_value, dtype=np.float64)
    assert got.shape == np.shape(array)
    assert np.array_equal(got, array)


def _same_layers(doc_list, arrays) -> None:
    assert len(doc_list) == len(arrays)
    for d, a in zip(doc_list, arrays):
        _same(d, a)


def test_small_network_json_equals_trace(tmp_path):
    path = tmp_path / "out.json"
    rc, out, err = main([*SMALL, "--optimizer", "adam:lr=0.1", "--json", str(path)])
    assert rc == 0, err
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left
    doc = json.loads(path.read_text())
    assert KEYS <= set(doc)
    assert doc["sizes"] == [2, 3, 3, 2] and doc["activation"] == "sigmoid"
    assert doc["loss_name"] == "cross_entropy" and doc["y"] == [0, 1, 1]
    t = trace(init_params((2, 3, 3, 2), 0, np.float64), "sigmoid", X, Y,
              optimizer=optimizers.get("adam", lr=0.1))
    # shapes: per layer, per sample
    assert [np.shape(w) for w in doc["W"]] == [(3, 2), (3, 3), (2, 3)]
    assert [np.shape(z) for z in doc["z"]] == [(3, 3), (3, 3), (3, 2)]
    assert [np.shape(a) for a in doc["a"]] == [(3, 2), (3, 3), (3, 3)]
    assert np.shape(doc["input_grad"]) == (3, 2) and np.shape(doc["p"]) == (3, 2)
    assert doc["loss"] == t.loss
    _same(doc["x"], X)
    for key in ("W", "b", "z", "a", "delta", "grad_W", "grad_b"):
        _same_layers(doc[key], getattr(t, key))
    for key in ("p", "sample_losses", "input_grad"):
        _same(doc[key], getattr(t, key))
    _same_layers(doc["update"]["W"], t.update.W)
    _same_layers(doc["update"]["b"], t.update.b)
    # the loss is the mean of the sample losses, and softmax rows sum to 1: a sanity anchor
    assert abs(np.mean(doc["sample_losses"]) - doc["loss"]) < 1e-12
    assert np.allclose(np.sum(doc["p"], axis=1), 1.0)


def test_loss_and_activation_specs_and_stdout():
    rc, out, err = main(["--sizes", "3,4,3", "--activation", "leaky_relu:alpha=0.2",
                         "--loss", "weighted_cross_entropy:weights=1/2/0.5", "--seed", "4",
                         "--x", "-0.7,2.0,1;0,0,1", "--y", "2,0"])
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["update"] is None and doc["loss_params"] == {"weights": [1.0, 2.0, 0.5]}
    x, y = [[-0.7, 2.0, 1.0], [0.0, 0.0, 1.0]], [2, 0]
    params = init_params((3, 4, 3), 4, np.float64)
    assert doc["loss"] != trace(params, "leaky_relu", x, y).loss  # the weights matter
    # leaky_relu with α = 0.2, not the default 0.01
    t = trace(params, activations.get("leaky_relu", alpha=0.2), x, y,
              losses.get("weighted_cross_entropy", weights=[1, 2, 0.5]))
    assert doc["loss"] != trace(params, "leaky_relu", x, y, losses.get("weighted_cross_entropy",
                                                                       weights=[1, 2, 0.5])).loss
    _same_layers(doc["delta"], t.delta)
    assert doc["loss"] == t.loss


def test_dispatched_from_gradlab_main(tmp_path):
    path = tmp_path / "out.json"
    # the small network needs no torch: it is imported only to read a run file
    code = ("import sys; from gradlab.cli.main import main; rc = main(sys.argv[1:]); "
            "print('torch' in sys.modules); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "backprop", *SMALL, "--json", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
    assert json.loads(path.read_text())["sizes"] == [2, 3, 3, 2]


BAD = [
    (["--sizes", "2", "--x", "1,2", "--y", "0"], "--sizes: expected 2 to"),
    (["--sizes", "2,0,2", "--x", "1,2", "--y", "0"], "--sizes: must be >= 1"),
    (["--sizes", "2,99999,2", "--x", "1,2", "--y", "0"], "--sizes: at most 4096"),
    (["--sizes", "2,three,2", "--x", "1,2", "--y", "0"], "--sizes: not a whole number"),
    (["--sizes", "2,3,2", "--x", "1,2;3,4", "--y", "0"], "--y: 1 labels for 2 samples"),
    (["--sizes", "2,3,2", "--x", "1,2,3", "--y", "0"], "--x: sample 0 has 3 numbers"),
    (["--sizes", "2,3,2", "--x", "1,nan", "--y", "0"], "--x sample 0: must be finite"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "2"], "--y: at most 1, got 2"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "-1"], "--y: must be >= 0"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--activation", "sigmoidal"], "unknown activation 'sigmoidal'"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--loss", "mse"], "--loss 'mse': unknown loss"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--loss", "weighted_cross_entropy:weights=1/1/1"],
     "weights has 3 entries"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--optimizer", "adam:lr=-1"], "lr must be > 0"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--seed", "-3"], "--seed: must be >= 0"),
    (["--sizes", "2,3,2", "--y", "0"], "--x is required"),
    (["--x", "1,2", "--y", "0"], "--sizes is required"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--test-index", "3"], "--test-index: only with --run"),
    (["--run", "r.pt", "--sizes", "2,3,2", "--test-index", "0"], "--sizes: not with --run"),
    (["--sizes", "2,3,2", "--x", "1,2", "--y", "0", "--bogus"], "unrecognized arguments"),
]


@pytest.mark.parametrize("argv, message", BAD)
def test_bad_arguments_exit_2_with_one_line_and_write_nothing(tmp_path, argv, message):
    path = tmp_path / "out.json"
    rc, out, err = main([*argv, "--json", str(path)])
    assert rc == 2
    assert err.count("\n") == 1 and err.startswith("gradlab backprop: error: ") and message in err, err
    assert out == "" and list(tmp_path.iterdir()) == []


def test_unwritable_json_path_exits_2(tmp_path):
    rc, _, err = main([*SMALL, "--json", str(tmp_path / "missing" / "out.json")])
    assert rc == 2 and "does not exist" in err and err.count("\n") == 1
    rc, _, err = main([*SMALL, "--json", str(tmp_path)])
    assert rc == 2 and "is a folder" in err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        rc, _, err = main([*SMALL, "--json", str(locked / "out.json")])
        assert rc == 2 and "not writable" in err and list(locked.iterdir()) == []


# -- --run: a saved MNIST-tab run, one test digit -------------------------------------------

DATA = synthetic(200, 30, seed=3)


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    """A tiny run (784-16-8-10, tanh, focal with inverse-frequency α), trained 4 steps."""
    pytest.importorskip("torch")
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.core.mnist.run_file import save_run
    from gradlab.core.mnist.train import train

    config = TrainConfig(schedule="constant", hidden=(16, 8), batch_size=50, epochs=1, eval_every=0,
                         eval_subset=10, grid_size=0, threads=1, activation="tanh", loss="focal",
                         loss_params={"gamma": 2.0, "alpha": "inverse_frequency"}, hyper={"lr": 0.01})
    frames = list(train(config, DATA))
    return save_run(tmp_path_factory.mktemp("run") / "run.pt", frames[-1].checkpoint)


@pytest.fixture
def synthetic_data(monkeypatch):
    """`--data DIR` reads the small synthetic MNIST (the real checks would refuse its MD5s)."""
    seen = []

    def fake_load(folder, *a, **kw):
        seen.append(str(folder))
        return DATA

    monkeypatch.setattr(mnist_data, "load", fake_load)
    return seen


def _run_params(path):
    import torch

    sd = torch.load(path, weights_only=True)["state"]["model"]
    return [(sd[f"{i}.weight"].double().numpy(), sd[f"{i}.bias"].double().numpy()) for i in (0, 2, 4)]


def _digit(images, index):
    return ((images[index].astype(np.float64) / 255.0 - 0.1307) / 0.3081).reshape(1, 784)


@pytest.mark.parametrize("target", [None, 3])
def test_run_json_equals_trace_of_the_run(tmp_path, run_file, synthetic_data, target):
    path = tmp_path / "out.json"
    extra = [] if target is None else ["--target", str(target)]
    rc, _, err = main(["--run", str(run_file), "--data", str(tmp_path), "--test-index", "7", *extra,
                       "--json", str(path)])
    assert rc == 0, err
    assert synthetic_data == [str(tmp_path)]
    doc = json.loads(path.read_text())
    assert "W" not in doc and "b" not in doc and doc["update"] is None
    assert doc["test_index"] == 7 and doc["label"] == int(DATA.test_labels[7])
    assert doc["run"]["path"] == str(run_file)
    assert doc["sizes"] == [784, 16, 8, 10] and doc["activation"] == "tanh" and doc["loss_name"] == "focal"
    y = int(DATA.test_labels[7]) if target is None else target
    assert doc["y"] == [y]
    counts = np.bincount(DATA.train_labels, minlength=10)
    alpha = len(DATA.train_labels) / (10 * counts)
    assert np.allclose(doc["loss_params"]["alpha"], alpha)
    t = trace(_run_params(run_file), "tanh", _digit(DATA.test_images, 7), [y],
              losses.get("focal", gamma=2.0, alpha=alpha.tolist()))
    assert abs(doc["loss"] - t.loss) <= 1e-12 * max(1.0, t.loss)
    for key in ("z", "a", "delta", "grad_W", "grad_b"):
        for d, a in zip(doc[key], getattr(t, key)):
            assert np.allclose(np.array(d), a, rtol=1e-12, atol=1e-12)
    assert np.shape(doc["input_grad"]) == (1, 784) and np.shape(doc["grad_W"][0]) == (16, 784)
    assert np.allclose(doc["input_grad"], t.input_grad, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("argv, message", [
    (["--test-index", "30"], "--test-index: must be 0..29"),
    (["--test-index", "0", "--target", "10"], "--target: at most 9"),
    (["--test-index", "x"], "--test-index: not a whole number"),
    ([], "--test-index is required"),
    (["--test-index", "0", "--optimizer", "sgd"], "--optimizer: not with --run"),
])
def test_run_bad_arguments(tmp_path, run_file, synthetic_data, argv, message):
    out = tmp_path / "out"
    out.mkdir()
    rc, _, err = main(["--run", str(run_file), "--data", str(tmp_path), *argv, "--json", str(out / "o.json")])
    assert rc == 2 and message in err and err.count("\n") == 1, err
    assert list(out.iterdir()) == []


def test_run_bad_file(tmp_path, synthetic_data):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a run")
    rc, _, err = main(["--run", str(bad), "--data", str(tmp_path), "--test-index", "0"])
    assert rc == 2 and err.startswith("gradlab backprop: error: --run: ") and err.count("\n") == 1


def test_run_on_real_mnist(tmp_path, run_file, mnist_dir):
    path = tmp_path / "out.json"
    rc, _, err = main(["--run", str(run_file), "--data", str(mnist_dir), "--test-index", "7", "--json", str(path)])
    assert rc == 0, err
    doc = json.loads(path.read_text())
    assert doc["label"] == 9 and doc["y"] == [9]  # MNIST's test digit 7 is a 9
    assert np.shape(doc["a"][0]) == (1, 784) and abs(np.sum(doc["p"]) - 1) < 1e-12
