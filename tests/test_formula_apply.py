"""Issue 19: a formula finite only on a set of measure zero is refused by `from_expression`
itself (so the command line, scenario files and the formula box refuse it alike), and the
race tab applies a new surface atomically: on any refusal nothing changes, and the
formula box says why in one line."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gradlab.core import surfaces
from gradlab.gui.main_window import MainWindow
from gradlab.gui.race.config import OptimizerEntry, RaceConfig

POINT = "sqrt(-(x**2+y**2))"  # finite only at the origin


def _config(formula: str | None = None) -> RaceConfig:
    return RaceConfig(
        surface="" if formula else "quadratic", formula=formula,
        start=(1.0, 1.0) if formula else surfaces.get("quadratic").start,
        optimizers=[OptimizerEntry("sgd", {"lr": 0.1, "weight_decay": 0.0}, "SGD", "#ff4d4d")],
        max_steps=20, speed=None,
    )


@pytest.mark.parametrize("formula", [POINT, "log(-(x**2)) + y", "sqrt(-abs(x*y))",
                                     "sqrt(-(x-1.234)**2-(y+0.5)**2)"])
def test_measure_zero_formulas_are_refused_with_one_line(formula):
    with pytest.raises(ValueError) as info:
        surfaces.from_expression(formula)
    message = str(info.value)
    assert "\n" not in message and len(message) < 200
    assert "finite" in message or "complex" in message, message


def test_the_finite_share_is_what_decides():
    # sqrt(1 - x²): finite on |x| ≤ 1, a fifth of [-5, 5]² (kept). A disc of radius 0.3
    # around a point of the 64×64 grid holds 9 of its 4096 points (0.2%): refused, with
    # the share it has, though it is finite on a set of positive measure.
    s = surfaces.from_expression("sqrt(1 - x**2) + y**2")
    xs, ys, z = s.grid(64)
    assert 0.15 < np.isfinite(z).mean() < 0.25  # the oracle: numpy on the grid
    c = -5 + 10 * 10 / 63  # the grid's 11th point along each axis
    disc = f"sqrt(0.09 - (x - ({c!r}))**2 - (y - ({c!r}))**2)"
    gx, gy = np.meshgrid(np.linspace(-5, 5, 64), np.linspace(-5, 5, 64))
    assert np.count_nonzero(0.09 - (gx - c) ** 2 - (gy - c) ** 2 >= 0) == 9
    with pytest.raises(ValueError, match=r"finite on only 0\.22% of"):
        surfaces.from_expression(disc)


@pytest.fixture
def window(qtbot):
    w = MainWindow(_config())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_scenario_with_such_a_formula_changes_nothing(window):
    tab = window.race
    before, surface = tab.current_config(), tab.surface
    with pytest.raises(ValueError, match="finite"):
        tab.load_config(_config(POINT))
    assert tab.surface is surface
    assert tab.current_config().surface == before.surface == "quadratic"
    assert tab.current_config().formula is None


def test_typed_into_the_formula_box_the_message_shows_under_it(window, qtbot):
    tab = window.race
    surface, config = tab.surface, tab.current_config()
    picker = tab.picker
    picker.formula.setText(POINT)
    qtbot.mouseClick(picker.apply, Qt.MouseButton.LeftButton)  # an exception in the slot fails here
    assert picker.error.isVisible()
    assert "finite" in picker.error.text() and "\n" not in picker.error.text()
    assert tab.surface is surface and tab.current_config().formula == config.formula


def test_a_surface_the_view_refuses_puts_the_old_one_back(window, monkeypatch):
    """Atomic even past the formula check: if showing the new surface fails, the previous
    config and surface are restored before the error is raised (Run and Save use them)."""
    tab = window.race
    old_surface = tab.surface
    real = tab.view.set_surface

    def refuse_formulas(surface):
        if surface.name == "expression":
            raise ValueError("surface 'expression' has no finite value in its bounds")
        real(surface)

    monkeypatch.setattr(tab.view, "set_surface", refuse_formulas)
    with pytest.raises(ValueError, match="no finite value"):
        tab.load_config(_config("x**2 + y**2"))
    assert tab.current_config().formula is None and tab.current_config().surface == "quadratic"
    assert tab.surface is old_surface and tab.race.surface is old_surface

    tab.set_formula("x**2 + y**2")  # the formula box's path: the message, the old surface
    assert "no finite value" in tab.picker.error.text()
    assert tab.current_config().formula is None and tab.surface is old_surface
