"""`gradlab playground`: the JSON it writes, bad arguments as one line with exit status 2."""

from __future__ import annotations

import importlib.util
import io
import json
import math

import pytest

from gradlab.cli import playground as playground_cli
from gradlab.cli.main import main as gradlab_main

SMALL = ["--dataset", "gauss", "--points", "80", "--hidden", "4", "--epochs", "5",
         "--optimizer", "adam:lr=0.05"]
KEYS = {"epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy"}


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    rc = playground_cli.main(argv, stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def test_json_has_the_config_every_epoch_and_diverged(tmp_path):
    path = tmp_path / "run.json"
    rc, out, err = run(SMALL + ["--features", "x1,x2,x1x2", "--json", str(path)])
    assert rc == 0 and err == ""
    data = json.loads(path.read_text())
    assert set(data) == {"config", "epochs", "diverged"} and data["diverged"] is None
    c = data["config"]
    assert (c["dataset"], c["n_points"], c["hidden"], c["features"], c["optimizer"]) == \
        ("gauss", 80, [4], ["x1", "x2", "x1x2"], "adam")
    assert c["hyper"]["lr"] == 0.05
    assert [e["epoch"] for e in data["epochs"]] == [1, 2, 3, 4, 5]
    assert all(set(e) == KEYS for e in data["epochs"])
    assert all(0.0 <= e["test_accuracy"] <= 1.0 and e["train_loss"] > 0 for e in data["epochs"])
    assert "epoch 5" in out


def test_json_goes_to_stdout_without_a_path():
    rc, out, _ = run(SMALL)
    assert rc == 0 and len(json.loads(out)["epochs"]) == 5


def test_same_arguments_same_numbers():
    assert run(SMALL)[1] == run(SMALL)[1]
    assert run(SMALL)[1] != run(SMALL + ["--weight-seed", "3"])[1]


def test_hidden_none_is_a_network_without_hidden_layers():
    args = playground_cli.parse_args(SMALL[:4] + ["--hidden", "none"])
    assert args.config.hidden == ()
    session = playground_cli.make_session(args)
    assert [W.shape for W, _ in session.params] == [(2, 2)]  # x1, x2 straight to 2 classes
    assert json.loads(run(SMALL + ["--hidden", "none"])[1])["config"]["hidden"] == []


def test_divergence_stops_and_is_reported():
    rc, out, err = run(["--dataset", "gauss", "--points", "80", "--hidden", "8,8", "--activation",
                        "relu", "--optimizer", "sgd:lr=1e100", "--epochs", "20"])
    data = json.loads(out)
    assert rc == 0 and data["diverged"] == 1
    assert len(data["epochs"]) == 1 and data["epochs"][0]["train_loss"] is None
    assert "diverged at epoch 1" in err


def test_imbalance_keeps_a_fraction_of_one_class():
    session = playground_cli.make_session(playground_cli.parse_args(
        ["--dataset", "gauss", "--points", "200", "--imbalance", "1:0.1"]))
    assert len(session.y) == 110 and int((session.y == 1).sum()) == 10


@pytest.mark.parametrize("argv, named", [
    (["--hidden", "9"], "9"),
    (["--hidden", "2,2,2,2,2,2,2"], "7"),
    (["--features", "x3"], "'x3'"),
    (["--noise", "0.9"], "0.9"),
    (["--dataset", "nope"], "'nope'"),
    (["--classes", "3"], "3"),
    (["--train-share", "0.95"], "0.95"),
    (["--loss", "mse"], "mse"),
    (["--optimizer", "adam:lr=-1"], "-1"),
    (["--batch-size", "0"], "0"),
    (["--epochs", "ten"], "'ten'"),
    (["--imbalance", "5:0.5"], "5"),
    (["--png", "x.jpg"], "x.jpg"),
])
def test_bad_arguments_exit_2_with_one_line_naming_the_value(tmp_path, argv, named):
    path = tmp_path / "run.json"
    rc, out, err = run(argv + ["--json", str(path)])
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("gradlab playground: error: ")
    assert named in err and argv[0] in err
    assert list(tmp_path.iterdir()) == []


def test_gradlab_dispatches_playground(capsys):
    assert gradlab_main(["playground", "--hidden", "9"]) == 2
    assert capsys.readouterr().err == ("gradlab playground: error: --hidden: a layer has 1 to 8 "
                                       "units, got 9\n")


@pytest.mark.skipif(importlib.util.find_spec("gradlab.gui.playground.render") is None,
                    reason="the Playground's render module is not there yet")
def test_png_shows_the_regions_and_points(tmp_path):
    from PySide6.QtGui import QColor, QImage

    png = tmp_path / "regions.png"
    argv = ["--dataset", "gauss", "--points", "100", "--hidden", "none", "--epochs", "30",
            "--optimizer", "adam:lr=0.1", "--png", str(png)]
    rc, out, err = run(argv)
    assert rc == 0 and err == ""
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 500
    # Two Gaussians at (2, 2) (class 1, blue) and (−2, −2) (class 0, orange): the picture's
    # upper right is bluish, its lower left orange.
    w, h = image.width(), image.height()
    upper_right = QColor(image.pixel(int(w * 0.85), int(h * 0.2)))
    lower_left = QColor(image.pixel(int(w * 0.2), int(h * 0.85)))
    assert upper_right.blue() > upper_right.red() and lower_left.red() > lower_left.blue()
    assert list(tmp_path.iterdir()) == [png]
    assert not math.isnan(json.loads(out)["epochs"][-1]["test_accuracy"])
