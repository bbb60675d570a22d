"""The MNIST network's parameters and test digits for the backpropagation tab."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
import torch

from gradlab.core.backprop import real, trace
from gradlab.core.mnist import train as mnist_train
from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.model import state_dict
from gradlab.core.mnist.synthetic import synthetic

DATA = synthetic(300, 60, seed=2)
SMALL = TrainConfig(schedule="constant", hidden=(32, 16), batch_size=50, epochs=1, eval_every=0, eval_subset=60,
                    grid_size=4, threads=1, activation="tanh", loss="focal", loss_params={"gamma": 1.5})


def _initial_weights_of_training(config: TrainConfig, monkeypatch) -> list:
    """What the MNIST training actually starts from: its call of init_params, recorded."""
    seen = []
    original = mnist_train.init_params

    def spy(*args, **kwargs):
        seen.append(original(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(mnist_train, "init_params", spy)
    frames = mnist_train.train(config, DATA)
    next(frames)
    frames.close()
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("seed", [0, 3])
def test_fresh_params_are_what_mnist_runs_start_from(seed, monkeypatch):
    # The tab's default run: 784-512-256-10 in float32; one batch is enough to start it.
    config = TrainConfig(seed=seed, epochs=1, batch_size=300, eval_every=0, eval_subset=60, grid_size=4, threads=1)
    started = _initial_weights_of_training(config, monkeypatch)
    fresh = real.fresh_params(seed)
    assert real.SIZES == (784, 512, 256, 10)
    assert [W.shape for W, _ in fresh] == [(512, 784), (256, 512), (10, 256)]
    assert len(fresh) == len(started)
    for (W, b), (W0, b0) in zip(fresh, started):
        assert W.dtype == np.float64 and b.dtype == np.float64
        np.testing.assert_array_equal(W, W0.astype(np.float64))
        np.testing.assert_array_equal(b, b0.astype(np.float64))
    # nn.Linear's bound 1/√fan_in, as torch draws them
    assert np.abs(fresh[0][0]).max() <= 1 / np.sqrt(784) and np.abs(fresh[0][0]).max() > 0.9 / np.sqrt(784)
    assert not np.array_equal(fresh[0][0], real.fresh_params(seed + 1)[0][0])


def test_run_file_round_trip(tmp_path):
    frames = list(mnist_train.train(SMALL, DATA))
    checkpoint = frames[-1].checkpoint
    path = mnist_train.save_run(tmp_path / "run.pt", checkpoint)
    params, info = real.params_from_run_file(path)
    model = checkpoint.state["model"]
    assert [W.shape for W, _ in params] == [(32, 784), (16, 32), (10, 16)]
    for l, (W, b) in enumerate(params):
        assert W.dtype == np.float64 and b.dtype == np.float64
        np.testing.assert_array_equal(W, model[f"{2 * l}.weight"].double().numpy())
        np.testing.assert_array_equal(b, model[f"{2 * l}.bias"].double().numpy())
    assert info["activation"] == "tanh" and info["loss"] == "focal"
    assert info["loss_params"] == {"gamma": 1.5}
    assert info["label"] == SMALL.label() and info["sizes"] == (784, 32, 16, 10)
    assert info["config"].label() == SMALL.label()  # the GUI says it in the language shown
    assert info["step"] == checkpoint.step == 6 and info["seed"] == 0
    # the weights have trained: not the initial ones
    assert not np.array_equal(params[0][0], mnist_train.init_params([784, 32, 16, 10], 0)[0][0])
    # and they trace: one test digit through the loaded network
    x = ((DATA.test_images[:1].reshape(1, -1) / 255.0) - 0.1307) / 0.3081
    t = trace(params, info["activation"], x, DATA.test_labels[:1], "focal")
    assert t.p.shape == (1, 10) and np.isfinite(t.loss)


def test_params_from_a_live_state_dict():
    sd = state_dict([(torch.tensor(W), torch.tensor(b)) for W, b in mlp_params([784, 8, 10])])
    params = real.params_from_state_dict(sd)
    for l, (W, b) in enumerate(params):
        np.testing.assert_array_equal(W, sd[f"{2 * l}.weight"].numpy().astype(np.float64))
        assert W.dtype == np.float64 and W.flags.writeable
    # numpy arrays are accepted too, and copied
    numpy_sd = {k: v.numpy() for k, v in sd.items()}
    again = real.params_from_state_dict(numpy_sd)
    np.testing.assert_array_equal(again[1][1], params[1][1])
    again[0][0][0, 0] = 99.0
    assert numpy_sd["0.weight"][0, 0] != 99.0


def mlp_params(sizes):
    from gradlab.core.mlp import init_params

    return init_params(sizes, 5)


@pytest.mark.parametrize("bad, match", [
    ({}, "no layer weights"),
    ({"0.weight": torch.zeros(3, 4)}, "lacks"),
    ({"0.weight": torch.zeros(3, 4), "0.bias": torch.zeros(2)}, "layer 1"),
    ({"0.weight": torch.zeros(3, 4), "0.bias": torch.zeros(3), "2.weight": torch.zeros(2, 5),
      "2.bias": torch.zeros(2)}, "takes 5 inputs"),
    ({"0.weight": torch.full((3, 4), float("nan")), "0.bias": torch.zeros(3)}, "NaN"),
    ([1, 2], "mapping"),
])
def test_bad_state_dicts_are_named(bad, match):
    with pytest.raises(ValueError, match=match):
        real.params_from_state_dict(bad)


def test_bad_run_files_give_one_line(tmp_path):
    cases = {
        "garbage.pt": lambda p: p.write_bytes(b"not a run at all"),
        "foreign.pt": lambda p: torch.save({"a": torch.zeros(1)}, p),
        # a pickled object: torch's weights_only refusal runs over many lines
        "code.pt": lambda p: torch.save({"format": "gradlab-mnist-run", "config": SMALL}, p),
    }
    for name, write in cases.items():
        path = tmp_path / name
        try:
            write(path)
        except Exception:  # this torch cannot even write it: skip that case
            continue
        with pytest.raises(ValueError) as info:
            real.params_from_run_file(path)
        message = str(info.value)
        assert "\n" not in message and "\x1b" not in message and str(path) in message, message
        assert message.startswith(f"{path}: not a GradLab run"), message
    with pytest.raises(ValueError) as info:
        real.params_from_run_file(tmp_path / "missing.pt")
    assert str(info.value) == f"{tmp_path / 'missing.pt'}: no such file"


def test_a_run_file_without_weights_is_named(tmp_path):
    frames = list(mnist_train.train(SMALL, DATA))
    blob_path = mnist_train.save_run(tmp_path / "run.pt", frames[-1].checkpoint)
    blob = torch.load(blob_path, weights_only=True)
    del blob["state"]["model"]
    torch.save(blob, tmp_path / "no_model.pt")
    with pytest.raises(ValueError, match="no saved weights") as info:
        real.params_from_run_file(tmp_path / "no_model.pt")
    assert "\n" not in str(info.value)


def test_test_digit_from_loaded_data():
    x, label, raw = real.test_digit(DATA, 3)
    assert x.shape == (1, 784) and x.dtype == np.float64
    assert raw.shape == (28, 28) and raw.dtype == np.uint8
    np.testing.assert_array_equal(raw, DATA.test_images[3])
    assert label == int(DATA.test_labels[3]) and isinstance(label, int)
    np.testing.assert_allclose(x, (raw.reshape(1, -1) / 255.0 - 0.1307) / 0.3081, rtol=0, atol=1e-12)
    for bad in (-1, 60, 2.0, True):
        with pytest.raises(ValueError, match="index"):
            real.test_digit(DATA, bad)


def _idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def test_test_digit_from_the_real_mnist_files(mnist_dir):
    images = _idx(mnist_dir / "t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    labels = _idx(mnist_dir / "t10k-labels-idx1-ubyte.gz", 8)
    assert [int(v) for v in labels[:3]] == [7, 2, 1]  # MNIST's first test digits
    for index in (0, 1, 9999):
        x, label, raw = real.test_digit(mnist_dir, index)
        assert label == int(labels[index])
        np.testing.assert_array_equal(raw, images[index])
        np.testing.assert_allclose(x[0], (images[index].reshape(-1) / 255.0 - 0.1307) / 0.3081, atol=1e-12)
    assert real.test_digit(mnist_dir, 0)[1] == 7
    with pytest.raises(ValueError, match="9999"):
        real.test_digit(mnist_dir, 10000)


def test_a_missing_data_folder_is_a_value_error(tmp_path, monkeypatch):
    monkeypatch.setattr("gradlab.core.mnist.data.app_data_folder", lambda: tmp_path / "nothing")
    with pytest.raises(ValueError):
        real.test_digit(tmp_path / "empty", 0)


def test_importing_real_does_not_import_torch():
    import subprocess
    import sys

    code = "import sys, gradlab.core.backprop.real, gradlab.core.backprop.drawing; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_mnist_network_traces_and_every_phase_renders():
    """A drawn digit through the 784-512-256-10 network: long sums are cut to max_terms
    and multi-digit indices stay readable."""
    from gradlab.core import optimizers
    from gradlab.core.backprop.drawing import preprocess
    from gradlab.core.backprop.phases import phases_for, substituted

    canvas = np.zeros((280, 280))
    canvas[60:220, 120:150] = 1.0  # a "1"
    x = preprocess(canvas).reshape(1, -1)
    t = trace(real.fresh_params(0), "relu", x, [7], optimizer=optimizers.get("adam", lr=1e-3))
    for phase in phases_for(t):
        text = substituted(t, phase, unit=3, weight=(3, 400) if phase.kind in ("gradients", "update") else None,
                           layer=1 if phase.kind in ("gradients", "update") else None)
        assert text.count("(") < 60  # four terms, not 784
    grad = substituted(t, phases_for(t)[-2], weight=(3, 400), layer=1)
    assert grad.startswith("∂C/∂W₃,₄₀₀⁽¹⁾ = (1/N) Σᵢ δᵢ₃⁽¹⁾ aᵢ₄₀₀⁽⁰⁾ = (1/1)[")
