"""An adaptive optimizer whose g² overflows keeps torch.optim's numbers (its point stalls
with a finite loss) and is marked "g² overflowed at step k": in the race's frames, the
race table, the CLI's stderr and the CSV's note column (issue 19)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race

# exp(50 (x² + y²)) at the default start (-2.5, 2.5) is exp(625) = 2.7e271: finite, but
# its gradient (9.6e273) squared is not.
FORMULA = "exp(50*(x**2+y**2))"


def _race(names: list[str], steps: int = 5) -> Race:
    surface = surfaces.from_expression(FORMULA)
    race = Race(surface, [optimizers.get(n, lr=0.05) for n in names], surface.start)
    list(race.frames(steps, frame_seconds=0))
    return race


def test_adam_stalls_as_torch_does_and_is_marked():
    torch = pytest.importorskip("torch")
    race = _race(["adam", "rmsprop", "adamax"])
    # Oracle: torch.optim.Adam in float64 on the analytic gradient 100·θ·exp(50|θ|²).
    p = torch.tensor([-2.5, 2.5], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=0.05)
    for _ in range(5):
        p.grad = 100 * p.detach() * torch.exp(50 * (p.detach() ** 2).sum())
        opt.step()
    assert np.isinf(opt.state[p]["exp_avg_sq"].numpy()).all()
    frames = [race.initial_frame()]
    assert race.diverged == [None, None, None]
    # Adam and RMSprop square g (marked at row 0, whose gradient overflowed); Adamax
    # keeps max(|g|), which is finite, and moves on unmarked.
    assert race.overflowed == [0, 0, None]
    np.testing.assert_allclose(race._points[0], p.detach().numpy(), rtol=1e-12)
    assert frames[0].overflowed == [0, 0, None]


def test_a_healthy_race_marks_nothing():
    surface = surfaces.get("rosenbrock")
    race = Race(surface, [optimizers.get("adam", lr=0.05), optimizers.get("rmsprop", lr=0.01)],
                surface.start)
    frames = list(race.frames(200, frame_seconds=0))
    assert race.overflowed == [None, None] and frames[-1].overflowed == [None, None]


def test_cli_says_so_on_stderr_and_in_the_csv(tmp_path):
    out = tmp_path / "race.csv"
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "gradlab"), "race", "--expression", FORMULA,
         "--steps", "4", "--optimizer", "adam:lr=0.05", "--optimizer", "adamax:lr=0.05",
         "--csv", str(out)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "adam:lr=0.05: g² overflowed at step 0" in lines[0]
    assert len(lines[0]) < 200
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    notes = [(r["optimizer"], r["step"], r["note"]) for r in rows if r["note"]]
    assert notes == [("adam:lr=0.05", "0", "g² overflowed")]
    # The numbers are torch.optim's: the point never moved.
    assert {(r["x"], r["y"]) for r in rows if r["optimizer"] == "adam:lr=0.05"} == {("-2.5", "2.5")}


def test_race_table_marks_the_racer(qtbot):
    from gradlab.gui.race.config import OptimizerEntry
    from gradlab.gui.race.history import RaceHistory
    from gradlab.gui.race.table import RaceTable

    surface = surfaces.from_expression(FORMULA)
    race = Race(surface, [optimizers.get("adam", lr=0.05), optimizers.get("adamax", lr=0.05)],
                surface.start)
    history = RaceHistory(2)
    history.append(race.initial_frame())
    for frame in race.frames(3, frame_seconds=0):
        history.append(frame)
    table = RaceTable()
    qtbot.addWidget(table)
    table.set_racers([OptimizerEntry("adam", {}, "adam", "#ff0000"),
                      OptimizerEntry("adamax", {}, "adamax", "#0000ff")])
    table.redraw(history, 3)
    assert table.cell(0, 5).startswith("g² overflowed at step 0")
    assert "overflowed" not in table.cell(1, 5)


def test_a_running_sum_of_g2_that_overflows_is_marked_when_it_does():
    # ∇f = (2e153, 0) everywhere: g² = 4e306 is finite, Adam's v (an average of g²) stays
    # finite, but Adagrad's sum after 45 gradients (1.8e308) is not: rows 0..44.
    class Slope:  # f = 2e153·x: a duck-typed surface (formulas refuse such numbers)
        bounds = (-5.0, 5.0, -5.0, 5.0)

        def value(self, x, y):
            return 2e153 * x + 0.0 * y

        def grad(self, x, y):
            return np.full_like(x, 2e153), np.zeros_like(y)

    race = Race(Slope(), [optimizers.get("adagrad", lr=0.05), optimizers.get("adam", lr=0.05)],
                (0.0, 1.0))
    list(race.frames(60, frame_seconds=0))
    assert race.diverged == [None, None]
    assert race.overflowed == [44, None]
