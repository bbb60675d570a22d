"""Why momentum works, beside the race (issue 16): the theory panel driven through its
real widgets (pytest-qt, offscreen).

Oracles are independent of `gradlab.core.quadratic`: hand-derived Hessians and their
eigen-pairs (pinned literals), the closed-form optimum of the ravine (η* = 1/9,
β* = 4/9), and the race itself (steps counted on the race's own distances).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtCore import Qt

from gradlab.gui.race import scenario
from gradlab.gui.race.tab import RaceTab
from gradlab.resources import scenario_paths

RAVINE = "02_ravine"


def _ravine_config(max_steps: int = 300):
    path = next(p for p in scenario_paths() if p.stem == RAVINE)
    config = scenario.load(path)
    config.max_steps, config.speed = max_steps, None  # full speed: a test waits on the end
    return config


@pytest.fixture
def tab(qtbot):
    t = RaceTab(_ravine_config())
    qtbot.addWidget(t)
    t.resize(1500, 950)
    t.show()
    qtbot.waitExposed(t)
    t.side.setCurrentWidget(t.theory)
    qtbot.waitUntil(t.theory.isVisible)
    return t


def _index(tab, name: str) -> int:
    return next(i for i, e in enumerate(tab.panel.entries()) if e.name == name)


def _select(tab, name: str) -> int:
    i = _index(tab, name)
    tab.theory.racer_box.setCurrentIndex(i)
    return i


def _run(qtbot, tab) -> None:
    with qtbot.waitSignal(tab.race_finished, timeout=20000):
        tab.run()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=2000)
    tab.redraw()


def _steps_to(tab, index: int, tol: float = 1e-6) -> int:
    d = tab.history.dists[:, index]
    below = np.flatnonzero(d < tol)
    assert below.size, f"never within {tol} in {tab.history.last_step} steps"
    return int(tab.history.steps[below[0]])


def test_clicking_the_map_sets_the_racers_learning_rate_and_momentum(qtbot, tab):
    i = _select(tab, "momentum")
    assert tab.panel.entries()[i].hyper["lr"] == pytest.approx(0.03)  # the scenario's
    target_lr, target_beta = 0.05, 0.6
    pos = tab.theory.map.view_to_widget(target_lr, target_beta)
    with qtbot.waitSignal(tab.reset_done, timeout=2000):
        qtbot.mouseClick(tab.theory.map.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    hyper = tab.panel.entries()[i].hyper
    # One pixel of the map is ~1.5 % of η (log axis) and ~0.004 of β.
    assert hyper["lr"] == pytest.approx(target_lr, rel=0.03)
    assert hyper["momentum"] == pytest.approx(target_beta, abs=0.012)
    # The card shows it, and the race was rebuilt with it.
    card = tab.panel.cards[i]
    assert card.controls["lr"].value() == pytest.approx(hyper["lr"])
    assert tab.race is not None and tab.config.optimizers[i].hyper["momentum"] == hyper["momentum"]
    # The marker of that racer moved to the click.
    spots = tab.theory.map.racers.data
    pos_i = next((s["x"], s["y"]) for s in spots if s["data"] == i)
    assert 10 ** pos_i[0] == pytest.approx(target_lr, rel=0.03)
    assert pos_i[1] == pytest.approx(target_beta, abs=0.012)


def test_optimal_races_visibly_faster_than_the_scenarios_momentum(qtbot, tab):
    i = _select(tab, "momentum")
    _run(qtbot, tab)
    before = _steps_to(tab, i)
    with qtbot.waitSignal(tab.reset_done, timeout=2000):
        qtbot.mouseClick(tab.theory.optimal_button, Qt.MouseButton.LeftButton)
    hyper = tab.panel.entries()[i].hyper
    # The ravine's curvatures are 1 and 25: η* = (2/(1 + 5))² = 1/9, β* = ((5 − 1)/(5 + 1))² = 4/9.
    assert hyper["lr"] == pytest.approx(1 / 9, rel=1e-3)
    assert hyper["momentum"] == pytest.approx(4 / 9, rel=1e-3)
    _run(qtbot, tab)
    after = _steps_to(tab, i)
    # Rates √0.8 ≈ 0.894 against 2/3: about 3.6 times fewer steps; "visibly" is at least 2.
    assert after * 2 < before, (before, after)
    # The star sits where the button sent the racer.
    (sx, sy) = tab.theory.map.optimum.getData()
    assert 10 ** sx[0] == pytest.approx(1 / 9, rel=1e-6) and sy[0] == pytest.approx(4 / 9, rel=1e-6)


def _direction(line) -> np.ndarray:
    x, y = line.getData()
    d = np.array([x[-1] - x[0], y[-1] - y[0]])
    return d / np.hypot(*d)


def _parallel(a: np.ndarray, b: np.ndarray) -> float:
    """|sin| of the angle between two directions: 0 when parallel (either sign)."""
    b = b / np.hypot(*b)
    return abs(a[0] * b[1] - a[1] * b[0])


def test_the_eigen_overlay_points_along_the_eigenvectors_of_a_typed_quadratic(qtbot, tab):
    tab.set_formula("x**2 + x*y + 2*y**2")
    theory, overlay = tab.theory, tab.eigen
    # H = [[2, 1], [1, 4]]: λ = 3 ∓ √2, eigenvector (1, λ − 2) (by hand).
    for k, lam in enumerate((3 - math.sqrt(2), 3 + math.sqrt(2))):
        assert _parallel(_direction(overlay.lines[k]), np.array([1.0, lam - 2.0])) < 1e-9
        assert f"{lam:.4g}" in overlay.labels[k].toPlainText()
        # Through the start: its midpoint.
        x, y = overlay.lines[k].getData()
        assert (x[0] + x[-1]) / 2 == pytest.approx(tab.config.start[0])
        assert (y[0] + y[-1]) / 2 == pytest.approx(tab.config.start[1])
        assert overlay.lines[k].isVisible()
    text = theory.model_label.text()
    assert "quadratic" in text and "local quadratic model" not in text
    assert f"κ = λ₂/λ₁ = {(3 + math.sqrt(2)) / (3 - math.sqrt(2)):.4g}" in text
    # The eigenvectors belong to the explanation: hidden with it.
    tab.side.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not overlay.lines[0].isVisible())


def test_shift_click_reads_the_local_model_and_keeps_the_start(qtbot, tab):
    tab.set_surface_name("rosenbrock")
    start = tab.config.start
    vb = tab.view.plot.getViewBox()
    scene = vb.mapViewToScene(QtCore.QPointF(1.0, 1.0))
    pos = tab.view.mapFromScene(scene)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, pos)
    qtbot.waitUntil(lambda: tab.theory.probe is not None, timeout=2000)
    assert tab.config.start == start
    px, py = tab.theory.probe
    # The Rosenbrock Hessian by hand: [[2 − 400(y − 3x²), −400x], [−400x, 200]].
    h = np.array([[2 - 400 * (py - 3 * px * px), -400 * px], [-400 * px, 200.0]])
    lam, vec = np.linalg.eigh(h)
    for k in range(2):
        assert _parallel(_direction(tab.eigen.lines[k]), vec[:, k]) < 1e-6
    assert "local quadratic model at" in tab.theory.model_label.text()


def test_measured_rate_meets_the_predicted_one_on_the_ravine(qtbot, tab):
    i = _select(tab, "momentum")
    hyper = tab.panel.entries()[i].hyper
    assert (hyper["lr"], hyper["momentum"]) == (0.03, 0.8)
    _run(qtbot, tab)
    text = tab.theory.rate_label.text()
    measured = float(re.search(r"measured over steps 50–300: <b>([0-9.]+)</b>", text).group(1))
    predicted = float(re.search(r"predicted <b>([0-9.]+)</b>", text).group(1))
    # η = 0.03, β = 0.8 on λ = 1 and 25: a² < 4β in both directions, so the rate is √β.
    assert predicted == pytest.approx(math.sqrt(0.8), abs=1e-4)
    assert measured == pytest.approx(predicted, rel=0.01)
    # Gradient descent at η = 0.07: the rate is max |1 − ηλ| = |1 − 1.75| = 0.93.
    j = _select(tab, "sgd")
    assert tab.panel.entries()[j].hyper["lr"] == 0.07
    text = tab.theory.rate_label.text()
    measured = float(re.search(r"measured over steps 50–300: <b>([0-9.]+)</b>", text).group(1))
    assert measured == pytest.approx(0.93, rel=0.01)
    assert "predicted <b>0.9300</b>" in text


def _red_columns(slider) -> list[int]:
    image = slider.grab().toImage()
    cols = []
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            if c.red() > 200 and c.green() < 90 and c.blue() < 90:
                cols.append(x)
                break
    return cols


def test_stability_limits_mark_the_learning_rate_sliders(qtbot, tab):
    # λ_max = 25: SGD diverges beyond 2/25 = 0.08, Momentum (β = 0.8) beyond 2·1.8/25 = 0.144.
    expected = {"SGD η=0.07": 0.08, "SGD η=0.02": 0.08, "Momentum": 0.144, "Nesterov": None}
    assert sorted(c.entry.label for c in tab.panel.cards) == sorted(expected)
    for card in tab.panel.cards:
        limit, control = expected[card.entry.label], card.controls["lr"]
        red = _red_columns(control.slider)
        if limit is None:  # heavy-ball theory does not cover Nesterov: no mark
            assert red == []
            continue
        width = control.slider.width()
        at = (math.log10(limit) - math.log10(control.lo)) / (math.log10(control.hi) - math.log10(control.lo))
        assert red, card.entry.label
        assert abs(float(np.mean(red)) - at * width) < 0.06 * width, (card.entry.label, red, at * width)
        assert f"{limit:.4g}" in control.slider.toolTip()
    # The marks belong to the explanation: gone when it is put away.
    tab.side.setCurrentIndex(0)
    qtbot.waitUntil(lambda: all(_red_columns(c.controls["lr"].slider) == [] for c in tab.panel.cards))


def test_a_saddle_has_no_optimum_and_says_why(qtbot, tab):
    tab.set_surface_name("saddle")
    theory = tab.theory
    # f = x² − y²: H = diag(2, −2), by hand.
    text = theory.model_label.text()
    assert "λ₁ = -2 ≤ λ₂ = 2" in text and "not a bowl" in text
    assert theory.best is None and not theory.optimal_button.isEnabled()
    assert theory.map.extent is None and not theory.map.image.isVisible()
    # Clicking the empty map changes nothing.
    before = [dict(e.hyper) for e in tab.panel.entries()]
    qtbot.mouseClick(theory.map.viewport(), Qt.MouseButton.LeftButton,
                     pos=theory.map.rect().center())
    assert [e.hyper for e in tab.panel.entries()] == before
