"""`gradlab train`: arguments, JSON output, errors as one line with exit status 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import numpy as np
import pytest

from gradlab.core.mnist import data as mnist_data
from gradlab.cli import train as train_cli
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.mnist.train import load_run

FAST = ["--hidden", "32,16", "--batch-size", "50", "--epochs", "2", "--threads", "1", "--no-progress"]


@pytest.fixture
def synthetic_data(monkeypatch, tmp_path):
    """`--data DIR` reads a small synthetic MNIST (the real checks would refuse its MD5s)."""
    data = synthetic(600, 200, seed=2)
    seen = []

    def fake_load(folder, *a, **kw):
        seen.append(folder)
        return data

    monkeypatch.setattr(mnist_data, "load", fake_load)
    return seen


def main(argv):
    out, err = io.StringIO(), io.StringIO()
    rc = train_cli.main(argv, stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def test_json_has_the_documented_shape(tmp_path, synthetic_data):
    path = tmp_path / "out.json"
    rc, out, err = main(["--data", str(tmp_path), "--optimizer", "adam:lr=0.003", "--loss", "cross_entropy",
                         "--activation", "relu", "--seed", "3", "--json", str(path), *FAST])
    assert rc == 0, err
    assert synthetic_data == [str(tmp_path)]
    doc = json.loads(path.read_text())
    assert set(doc) == {"config", "epochs", "samples_per_second", "diverged"}
    assert doc["config"]["optimizer"] == "adam" and doc["config"]["hyper"]["lr"] == 0.003
    assert doc["config"]["seed"] == 3 and doc["config"]["hidden"] == [32, 16]
    assert [e["epoch"] for e in doc["epochs"]] == [1, 2]
    for e in doc["epochs"]:
        assert set(e) == {"epoch", "train_loss", "test_loss", "test_accuracy", "seconds",
                          "test_cross_entropy"}
        assert e["seconds"] > 0 and 0 <= e["test_accuracy"] <= 1
        assert e["test_cross_entropy"] == pytest.approx(e["test_loss"])  # trained with cross-entropy
    assert doc["epochs"][1]["train_loss"] < doc["epochs"][0]["train_loss"]
    assert doc["samples_per_second"] > 0 and doc["diverged"] is None
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left
    assert "test accuracy" in out


def test_numpy_engine_torch_reference_and_options(tmp_path, synthetic_data):
    path = tmp_path / "out.json"
    rc, _, err = main(["--data", str(tmp_path), "--engine", "numpy", "--optimizer", "torch:momentum:lr=0.05",
                       "--loss", "focal:gamma=2,alpha=inverse_frequency", "--activation", "leaky_relu",
                       "--alpha", "0.1", "--schedule", "step:step_size=1,gamma=0.5",
                       "--imbalance", "3=0.2", "--json", str(path), "--save", str(tmp_path / "run.pt"), *FAST])
    assert rc == 0, err
    doc = json.loads(path.read_text())
    c = doc["config"]
    assert (c["engine"], c["optimizer"], c["loss"], c["schedule"]) == ("numpy", "torch:momentum", "focal", "step")
    assert c["loss_params"] == {"gamma": 2, "alpha": "inverse_frequency"}
    assert c["imbalance"] == {"3": 0.2} and c["activation_params"] == {"alpha": 0.1}
    run = load_run(tmp_path / "run.pt")
    assert run.config.engine == "numpy" and len(run.history.epochs) == 2


def test_progress_bar_goes_to_stderr(tmp_path, synthetic_data):
    rc, out, err = main(["--data", str(tmp_path), *FAST[:-1]])
    assert rc == 0
    assert "24/24" in err and "24/24" not in out


@pytest.mark.parametrize("argv, message", [
    (["--optimizer", "adam:lr=-1"], "lr must be > 0"),
    (["--optimizer", "nope"], "unknown optimizer 'nope'"),
    (["--optimizer", "torch:adam:foo=1"], "'torch:adam:foo=1': unknown hyperparameter 'foo'"),
    (["--optimizer", "adam:lr"], "expected key=value"),
    (["--loss", "hinge"], "unknown loss 'hinge'"),
    (["--loss", "focal:gamma=-1"], "gamma"),
    (["--loss", "weighted_cross_entropy:weights=1/2"], "weights must be 10 numbers"),
    (["--activation", "mish"], "unknown activation 'mish'"),
    (["--batch-size", "0"], "--batch-size: must be >= 1"),
    (["--epochs", "two"], "--epochs: not a whole number"),
    (["--engine", "jax"], "--engine"),
    (["--schedule", "step:step_size=0"], "step_size"),
    (["--imbalance", "3"], "--imbalance"),
    (["--device", "tpu"], "device"),
    (["--json", "/nonexistent-folder/out.json"], "does not exist"),
    (["--bogus"], "unrecognized arguments"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path, synthetic_data, argv, message):
    rc, out, err = main(["--data", str(tmp_path), *FAST, *argv])  # the last value wins
    assert rc == 2
    assert err.count("\n") == 1 and err.startswith("gradlab train: error: ")
    assert message in err
    assert synthetic_data == []  # refused before loading anything
    assert out == ""


def test_outputs_follow_the_shared_rules(tmp_path, synthetic_data):
    # gradlab.cli.args: --json and --save naming one file is refused (the run would
    # overwrite the JSON), as is a folder, before any data is read.
    same = str(tmp_path / "out")
    rc, out, err = main(["--data", str(tmp_path), *FAST, "--json", same, "--save", same])
    assert (rc, out) == (2, "")
    assert err == f"gradlab train: error: --json and --save name the same file {same!r}\n"
    rc, _, err = main(["--data", str(tmp_path), *FAST, "--save", str(tmp_path)])
    assert rc == 2 and err.endswith(": is a folder\n")
    assert synthetic_data == [] and list(tmp_path.iterdir()) == []


def test_a_value_may_start_with_a_dash(tmp_path, synthetic_data):
    # argparse alone would say "--alpha: expected one argument"; the value reaches the check.
    rc, _, err = main(["--data", str(tmp_path), *FAST, "--activation", "leaky_relu", "--alpha", "-1e-3"])
    assert rc == 2 and err == "gradlab train: error: leaky_relu: alpha must be >= 0, got -0.001\n"


def test_bad_data_exits_2_naming_the_file(tmp_path):
    mnist_data.write_idx(tmp_path / "train-images-idx3-ubyte.gz", np.zeros((3, 28, 28), np.uint8))
    rc, _, err = main(["--data", str(tmp_path), *FAST])
    assert rc == 2 and err.count("\n") == 1
    assert "train-images-idx3-ubyte.gz: count mismatch" in err


def test_missing_data_exits_2(tmp_path):
    rc, _, err = main(["--data", str(tmp_path / "none"), *FAST])
    assert rc == 2 and err.count("\n") == 1 and "missing" in err


def test_divergence_is_reported_and_written(tmp_path, synthetic_data):
    path = tmp_path / "out.json"
    rc, _, err = main(["--data", str(tmp_path), "--optimizer", "sgd:lr=1e6", "--json", str(path), *FAST])
    assert rc == 0
    doc = json.loads(path.read_text())
    assert isinstance(doc["diverged"], int) and doc["epochs"] == [] or doc["diverged"] > 12
    assert f"diverged at step {doc['diverged']}" in err


def test_gradlab_train_dispatches_here():
    code = "import sys; from gradlab.cli.main import main; sys.exit(main(['train', '--epochs', '0']))"
    proc = subprocess.run([sys.executable, "-c", code],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "gradlab train: error: --epochs: must be >= 1, got 0"


@pytest.mark.slow
def test_real_mnist_subset_from_the_command_line(mnist_dir, tmp_path):
    path = tmp_path / "out.json"
    rc, _, err = main(["--data", str(mnist_dir), "--train-subset", "5000", "--test-subset", "1000",
                       "--epochs", "1", "--threads", "1", "--hidden", "128,64", "--no-progress",
                       "--json", str(path)])
    assert rc == 0, err
    assert json.loads(path.read_text())["epochs"][0]["test_accuracy"] > 0.7


# -- issue 18: per-class weights on the command line ---------------------------------------


def test_weights_as_a_bracketed_list_reach_the_config(tmp_path, synthetic_data):
    path = tmp_path / "out.json"
    rc, _, err = main(["--data", str(tmp_path), *FAST, "--epochs", "1", "--json", str(path),
                       "--loss", "weighted_cross_entropy:weights=[1,2,1,1,1,1,1,1,1,5]"])
    assert rc == 0, err
    config = json.loads(path.read_text())["config"]
    assert config["loss"] == "weighted_cross_entropy"
    assert config["loss_params"]["weights"] == [1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0]


def test_help_shows_how_to_write_class_weights(capsys):
    rc = train_cli.main(["--help"])  # argparse prints --help to sys.stdout
    text = " ".join(capsys.readouterr().out.split())
    assert rc == 0
    assert "weighted_cross_entropy:weights=[1,1,1,1,1,1,1,1,1,5]" in text
    assert "a list in brackets" in text


def test_json_named_for_another_format_is_refused(tmp_path, synthetic_data):
    rc, _, err = main(["--data", str(tmp_path), *FAST, "--json", str(tmp_path / "out.png")])
    assert rc == 2 and err.count("\n") == 1 and "writes JSON, but the name says PNG" in err
