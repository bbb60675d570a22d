"""`gradlab landscape` (issue 15): the JSON's shape, the directions file, the refusals."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gradlab.cli import landscape as landscape_cli
from gradlab.cli import main as cli_main
from gradlab.core.mnist import data as mnist_data
from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.run_file import save_run
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.mnist.train import train

DATA = synthetic(300, 20, seed=6)
BASE = TrainConfig(hidden=(12, 6), batch_size=50, epochs=2, eval_every=0, grid_size=0, threads=1,
                   device="cpu", schedule="constant", seed=1, optimizer="adam", hyper={"lr": 5e-3})


@pytest.fixture(scope="module")
def run_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs")
    out = {}
    for name, config in (("adam", BASE), ("sgd", BASE.replace(optimizer="sgd", hyper={"lr": 0.1})),
                         ("other", BASE.replace(seed=2))):
        frame = None
        for frame in train(config, DATA):
            pass
        out[name] = str(save_run(folder / f"{name}.pt", frame.checkpoint))
    return out


@pytest.fixture
def fake_data(monkeypatch):
    seen = []

    def fake_load(folder, *a, **kw):
        seen.append(folder)
        return DATA

    monkeypatch.setattr(mnist_data, "load", fake_load)
    return seen


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    rc = landscape_cli.main([*argv, "--no-progress"], stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def oracle_loss(theta: dict, n: int) -> float:
    x = torch.tensor(DATA.train_images[:n].reshape(n, -1), dtype=torch.float64)
    x = (x / 255.0 - 0.1307) / 0.3081
    a = x
    for i in range(3):
        a = a @ torch.tensor(theta[f"{2 * i}.weight"], dtype=torch.float64).T \
            + torch.tensor(theta[f"{2 * i}.bias"], dtype=torch.float64)
        a = torch.relu(a) if i < 2 else a
    return float(F.cross_entropy(a, torch.tensor(DATA.train_labels[:n])))


def test_random_plane_json_and_directions_recompute_a_point(tmp_path, run_files, fake_data):
    out, dirs = tmp_path / "out.json", tmp_path / "dirs.npz"
    rc, _, err = run(["--run", run_files["adam"], "--data", "D", "--plane", "random", "--grid", "5",
                      "--span", "0.5", "--subset", "200", "--seed", "3", "--json", str(out),
                      "--directions", str(dirs)])
    assert rc == 0, err
    assert fake_data == ["D"]
    doc = json.loads(out.read_text())
    assert {"plane", "alphas", "betas", "loss", "accuracy", "center_loss", "paths", "subset",
            "seed"} <= set(doc)
    assert doc["plane"] == "random" and doc["subset"] == 200 and doc["seed"] == 3
    assert doc["alphas"] == pytest.approx([-0.5, -0.25, 0, 0.25, 0.5])
    assert len(doc["loss"]) == len(doc["betas"]) == 5 and all(len(r) == 5 for r in doc["loss"])
    assert np.shape(doc["accuracy"]) == (5, 5)
    assert doc["loss"][2][2] == pytest.approx(doc["center_loss"], rel=1e-6)
    z = np.load(dirs)
    keys = ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]
    assert {f"d{i}/{k}" for i in (1, 2) for k in keys} <= set(z.files)
    # Anyone can recompute a point: θ = origin + α d1 + β d2 at row i = β, column j = α.
    theta = {k: z[f"origin/{k}"].astype(np.float64) + 0.25 * z[f"d1/{k}"] - 0.5 * z[f"d2/{k}"] for k in keys}
    assert doc["loss"][0][3] == pytest.approx(oracle_loss(theta, 200), rel=1e-5)
    final = torch.load(run_files["adam"], weights_only=True)["state"]["model"]
    assert doc["center_loss"] == pytest.approx(oracle_loss({k: v.numpy() for k, v in final.items()}, 200), rel=1e-5)


def test_runs_plane_and_line_through_the_dispatcher(tmp_path, run_files, fake_data, capsys):
    out = tmp_path / "runs.json"
    rc = cli_main.main(["landscape", "--run", run_files["adam"], "--run", run_files["sgd"], "--data", "D",
                        "--plane", "runs", "--grid", "4", "--subset", "100", "--json", str(out), "--no-progress"])
    assert rc == 0, capsys.readouterr().err
    doc = json.loads(out.read_text())
    assert doc["plane"] == "runs" and set(doc["paths"]) == {"adam", "sgd"}
    assert doc["paths"]["adam"][0] == pytest.approx([0, 0], abs=1e-9)
    assert doc["paths"]["adam"][-1] == pytest.approx([1, 0], abs=1e-6)
    assert doc["paths"]["sgd"][-1] == pytest.approx(doc["points"]["sgd"], abs=1e-6)
    rc, text, err = run(["--run", run_files["adam"], "--run", run_files["sgd"], "--data", "D", "--line",
                         "--grid", "5", "--subset", "100"])
    assert rc == 0, err
    line = json.loads(text)
    assert line["plane"] == "line" and line["alphas"] == pytest.approx([-0.5, 0, 0.5, 1, 1.5])
    assert len(line["loss"]) == len(line["accuracy"]) == 5 and set(line["runs"]) == {"adam", "sgd"}
    assert line["runs"]["adam"]["loss"][1] == pytest.approx(line["runs"]["sgd"]["loss"][1])  # both at θ₀
    final = torch.load(run_files["sgd"], weights_only=True)["state"]["model"]
    assert line["runs"]["sgd"]["loss"][3] == pytest.approx(oracle_loss({k: v.numpy() for k, v in final.items()}, 100), rel=1e-5)


@pytest.mark.parametrize("argv, message", [
    ([], "--run is required"),
    (["--run", "{adam}", "--plane", "saddle"], "--plane: unknown plane 'saddle'"),
    (["--run", "{adam}", "--plane", "runs"], "--plane runs: takes 2 --run, got 1"),
    (["--run", "{adam}", "--grid", "2"], "--grid"),
    (["--run", "{adam}", "--subset", "0"], "--subset"),
    (["--run", "{adam}", "--directions", "{tmp}/d.txt"], "expected a .npz file name"),
    (["--run", "{tmp}/missing.pt"], "no such file"),
    (["--run", "{adam}", "--line", "--span", "2"], "--span: only for a plane"),
    (["--run", "{adam}", "--run", "{other}", "--plane", "runs"], "do not share θ₀"),
    (["--run", "{adam}", "--run", "{other}", "--line"], "do not share θ₀"),
    (["--run", "{bad}"], "not a GradLab run"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path, run_files, fake_data, argv, message):
    (tmp_path / "bad.pt").write_text("nonsense")
    names = {**run_files, "tmp": str(tmp_path), "bad": str(tmp_path / "bad.pt")}
    rc, out, err = run([a.format(**names) for a in argv] + ["--json", str(tmp_path / "o.json")])
    assert rc == 2 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("gradlab landscape: error: ")
    assert not (tmp_path / "o.json").exists() and fake_data == []  # nothing computed, nothing written


def test_png_without_the_picture_module_says_so_in_one_line(tmp_path, run_files, fake_data, monkeypatch):
    monkeypatch.setattr(landscape_cli, "RENDER", "gradlab.gui.no_such_feature.render")
    rc, _, err = run(["--run", run_files["adam"], "--png", str(tmp_path / "p.png")])
    assert rc == 2 and "--png: pictures of the landscape need gradlab.gui.no_such_feature.render" in err
    assert err.count("\n") == 1 and fake_data == [] and not (tmp_path / "p.png").exists()


def test_png_draws_the_plane(tmp_path, run_files, fake_data):
    pytest.importorskip(landscape_cli.RENDER)
    png = tmp_path / "plane.png"
    rc, _, err = run(["--run", run_files["adam"], "--data", "D", "--grid", "3", "--subset", "50",
                      "--png", str(png), "--json", str(tmp_path / "p.json")])
    assert rc == 0, err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "plane.png"]  # no temporary left


def test_pca_plane_reports_its_variance_and_progress_goes_to_stderr(run_files, fake_data):
    out, err = io.StringIO(), io.StringIO()
    rc = landscape_cli.main(["--run", run_files["sgd"], "--data", "D", "--plane", "pca", "--grid", "3",
                             "--subset", "50"], stdout=out, stderr=err)
    assert rc == 0, err.getvalue()
    doc = json.loads(out.getvalue())
    r1, r2 = doc["explained"]
    assert 0 < r2 <= r1 and r1 + r2 <= 1 + 1e-9
    assert doc["paths"]["sgd"][-1] == pytest.approx([0, 0], abs=1e-6)  # the plane's origin is θ_T
    assert "9/9" in err.getvalue()  # tqdm's bar, on stderr only


def test_the_progress_bar_starts_with_its_total(run_files, fake_data, tmp_path):
    """One bar, made once its total is known: no empty "0point [00:00, ?point/s]" before it."""
    out, err = io.StringIO(), io.StringIO()
    rc = landscape_cli.main(["--run", run_files["adam"], "--data", "D", "--plane", "random", "--grid", "5",
                             "--subset", "50", "--json", str(tmp_path / "p.json")], stdout=out, stderr=err)
    assert rc == 0, err.getvalue()
    text = err.getvalue()
    assert "/25 [" in text  # the real bar, with its total (5 × 5 points)
    assert "0point [" not in text and "?point/s]" not in text.split("/25 [")[0]
