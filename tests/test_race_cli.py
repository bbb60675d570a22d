"""`gradlab race`: the CSV's shape and blocks, divergence rows, exit 2 with one line and no
file on bad input, the PNG, and the real console script once."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from gradlab.core import surfaces
from gradlab.cli import race as race_cli
from gradlab.cli import main as cli

GRADLAB = Path(sys.executable).parent / "gradlab"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def _blocks(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        out.setdefault(row["optimizer"], []).append(row)
    return out


def test_csv_has_one_block_per_optimizer_in_order(tmp_path, capsys):
    out = tmp_path / "race.csv"
    argv = ["race", "--surface", "rosenbrock", "--start", "-1.5,2", "--steps", "40",
            "--optimizer", "adam:lr=0.05", "--optimizer", "sgd:lr=0.001",
            "--optimizer", "adam:lr=0.05", "--csv", str(out)]
    assert cli.main(argv) == 0
    header, rows = _read(out)
    assert header == ["optimizer", "step", "x", "y", "loss", "note"]
    assert len(rows) == 3 * 41
    labels = [r["optimizer"] for r in rows]
    assert labels == ["adam:lr=0.05"] * 41 + ["sgd:lr=0.001"] * 41 + ["adam:lr=0.05 #2"] * 41
    surface = surfaces.get("rosenbrock")
    for block in _blocks(rows).values():
        assert [int(r["step"]) for r in block] == list(range(41))
        assert (float(block[0]["x"]), float(block[0]["y"])) == (-1.5, 2.0)
        for r in block:
            assert float(r["loss"]) == pytest.approx(surface.value(float(r["x"]), float(r["y"])))
    # The repeated spec ran the same race; the SGD run is a different one.
    assert _blocks(rows)["adam:lr=0.05"][-1]["x"] == _blocks(rows)["adam:lr=0.05 #2"][-1]["x"]
    assert _blocks(rows)["sgd:lr=0.001"][-1]["x"] != _blocks(rows)["adam:lr=0.05"][-1]["x"]
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("adam:lr=0.05: final loss")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_defaults_give_three_optimizers_from_the_surfaces_start(tmp_path, capsys):
    out = tmp_path / "race.csv"
    assert race_cli.main(["--steps", "5", "--surface", "beale", "--csv", str(out)]) == 0
    _, rows = _read(out)
    blocks = _blocks(rows)
    assert list(blocks) == list(race_cli.DEFAULT_OPTIMIZERS)
    start = surfaces.get("beale").start
    assert all((float(b[0]["x"]), float(b[0]["y"])) == start for b in blocks.values())


def test_a_diverged_block_ends_with_a_nan_row(tmp_path, capsys):
    out = tmp_path / "race.csv"
    argv = ["--surface", "ill_conditioned", "--steps", "60", "--optimizer", "sgd:lr=1.0",
            "--optimizer", "adam:lr=0.1", "--csv", str(out)]
    assert race_cli.main(argv) == 0
    _, rows = _read(out)
    sgd, adam = _blocks(rows)["sgd:lr=1.0"], _blocks(rows)["adam:lr=0.1"]
    assert len(adam) == 61 and all(math.isfinite(float(r["loss"])) for r in adam)
    k = int(sgd[-1]["step"])
    assert [int(r["step"]) for r in sgd] == list(range(k + 1)) and 1 <= k < 60
    assert all(math.isnan(float(sgd[-1][c])) for c in ("x", "y", "loss"))
    assert all(math.isfinite(float(r[c])) for r in sgd[:-1] for c in ("x", "y", "loss"))
    captured = capsys.readouterr()
    # Said once: in sgd's summary line (with its last finite loss), not again on stderr.
    assert (captured.out + captured.err).count("diverged") == 1
    assert captured.out.splitlines()[0].startswith(f"sgd:lr=1.0: diverged at step {k} (last finite loss ")


def test_expression_and_negative_values(tmp_path, capsys):
    out = tmp_path / "race.csv"
    argv = ["--expression", "-x + x**2 + 2*y**2", "--start", "-1,-2", "--steps", "3",
            "--optimizer", "sgd:lr=0.1", "--csv", str(out)]
    assert race_cli.main(argv) == 0
    _, rows = _read(out)
    assert [(float(r["x"]), float(r["y"])) for r in rows[:2]] == [(-1.0, -2.0), (-0.7, -1.2)]


def test_an_existing_file_is_replaced(tmp_path, capsys):
    out = tmp_path / "race.csv"
    out.write_text("old\n")
    assert race_cli.main(["--steps", "2", "--optimizer", "sgd", "--csv", str(out)]) == 0
    assert out.read_text().startswith("optimizer,step,x,y,loss,note\n")


BAD = [
    (["--surface", "nope"], "nope"),
    (["--expression", "__import__('os')"], "__import__"),
    (["--optimizer", "adamm:lr=0.1"], "adamm"),
    (["--optimizer", "adam:lrr=0.1"], "lrr"),
    (["--optimizer", "adam:lr=fast"], "fast"),
    (["--optimizer", "adam:lr=-0.1"], "-0.1"),
    (["--optimizer", "momentum:momentum=1.5"], "1.5"),
    (["--optimizer", "adam:lr"], "lr"),
    (["--optimizer", "rmsprop:eps_in_sqrt=maybe"], "maybe"),
    (["--start", "1,2,3"], "1,2,3"),
    (["--start", "a,2"], "'a'"),
    (["--start", "nan,2"], "nan"),
    (["--steps", "-1"], "-1"),
    (["--steps", "ten"], "ten"),
    (["--png", "picture.jpg"], "picture.jpg"),
    (["--surface", "rosenbrock", "--expression", "x"], "--expression"),
    (["--frobnicate"], "--frobnicate"),
]


@pytest.mark.parametrize("extra,named", BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_argument_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, extra, named):
    out = tmp_path / "race.csv"
    assert race_cli.main(["--steps", "5", "--csv", str(out), *extra]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gradlab race: error:"), captured.err
    assert named in lines[0]
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where,says", [("missing/race.csv", "does not exist"), (".", "is a folder")])
def test_unwritable_csv_path_exits_2(tmp_path, capsys, where, says):
    assert race_cli.main(["--steps", "5", "--csv", str(tmp_path / where)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and says in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_outputs_follow_the_shared_rules(tmp_path, capsys, monkeypatch):
    # gradlab.cli.args: one set of rules for every sub-command's output paths.
    same = str(tmp_path / "race.png")
    link = tmp_path / "race.csv"  # a .csv name that is the picture, through a link
    link.symlink_to(tmp_path / "race.png")
    assert race_cli.main(["--steps", "5", "--csv", str(link), "--png", same]) == 2
    assert capsys.readouterr().err == f"gradlab race: error: --csv and --png name the same file {same!r}\n"
    link.unlink()
    (tmp_path / "file").write_text("")
    assert race_cli.main(["--steps", "5", "--csv", str(tmp_path / "file" / "race.csv")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    monkeypatch.setenv("HOME", str(tmp_path))
    assert race_cli.main(["--steps", "5", "--optimizer", "sgd", "--csv", "~/race.csv"]) == 0
    assert (tmp_path / "race.csv").read_text().startswith("optimizer,step,x,y,loss,note\n")


def test_png_is_written(tmp_path, capsys):
    from PySide6.QtGui import QImage

    png = tmp_path / "race.png"
    argv = ["--steps", "100", "--optimizer", "adam:lr=0.05", "--optimizer", "momentum:lr=0.001",
            "--png", str(png)]
    assert race_cli.main(argv) == 0
    image = QImage(str(png))
    assert not image.isNull() and (image.width(), image.height()) == (1000, 760)
    assert list(tmp_path.iterdir()) == [png]


def test_gradlab_dispatches_train_and_the_app(monkeypatch, capsys):
    seen = {}
    fake_train = types.ModuleType("gradlab.cli.train")
    fake_train.main = lambda argv: seen.setdefault("train", list(argv)) and 0
    fake_app = types.ModuleType("gradlab.gui.app")
    fake_app.main = lambda argv: seen.setdefault("app", list(argv)) and 0
    monkeypatch.setitem(sys.modules, "gradlab.cli.train", fake_train)
    monkeypatch.setitem(sys.modules, "gradlab.gui.app", fake_app)
    assert cli.main(["train", "--epochs", "1"]) == 0
    assert cli.main(["--scenario", "s.json", "--steps", "3"]) == 0
    assert seen == {"train": ["--epochs", "1"], "app": ["--scenario", "s.json", "--steps", "3"]}


def test_gradlab_train_without_its_module_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "gradlab.cli.train", None)  # import fails
    assert cli.main(["train"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "gradlab train" in lines[0] and "not available" in lines[0]


def test_the_console_script_runs_a_race(tmp_path):
    out = tmp_path / "race.csv"
    done = subprocess.run([str(GRADLAB), "race", "--steps", "20", "--start", "-1.5,2",
                           "--optimizer", "adam:lr=0.05", "--csv", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    _, rows = _read(out)
    assert len(rows) == 21 and rows[-1]["step"] == "20"
    assert np.isfinite(float(rows[-1]["loss"]))
    assert done.stdout.startswith("adam:lr=0.05: final loss")


# -- issue 18: a start with no finite loss, an output named for another format ------------


@pytest.mark.parametrize("argv,message", [
    (["--start", "1e300,1e300"], "--start 1e+300,1e+300: the loss is not finite there"),
    (["--expression", "log(x) + y**2", "--start", "-1,0"], "--start -1,0: the loss is not finite there"),
])
def test_a_start_without_a_finite_loss_exits_2(tmp_path, capsys, argv, message):
    out = tmp_path / "race.csv"
    assert race_cli.main([*argv, "--steps", "3", "--csv", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not out.exists()


@pytest.mark.parametrize("name,says", [("out.png", "PNG"), ("out.json", "JSON"), ("out.svg", "SVG")])
def test_csv_named_for_another_format_is_refused(tmp_path, capsys, name, says):
    path = tmp_path / name
    assert race_cli.main(["--steps", "2", "--optimizer", "sgd", "--csv", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (f"gradlab race: error: --csv {str(path)!r}: writes CSV, but the name says {says}; "
                   f"use a .csv file name\n")
    assert not path.exists()


@pytest.mark.parametrize("name", ["out.csv", "OUT.CSV", "trajectories", "run.dat"])
def test_csv_with_a_csv_or_unknown_suffix_is_written(tmp_path, capsys, name):
    assert race_cli.main(["--steps", "2", "--optimizer", "sgd", "--csv", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_text().startswith("optimizer,step,x,y,loss")


def test_help_shows_the_spec_syntax(capsys):
    assert race_cli.main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "a list in brackets, e.g. weights=[1,1,1,1,1,1,1,1,1,5]" in out
