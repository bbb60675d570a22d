"""After a scenario loads, nothing on screen still describes the surface before it
(issue 18): the formula field, the hover line and the status bar."""

from __future__ import annotations

import pytest

from gradlab.gui.main_window import MainWindow
from gradlab.resources import scenario_paths


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _scenario(word: str):
    return next(p for p in scenario_paths() if word in p.name)


def test_a_loaded_scenario_empties_an_old_formula(qtbot, window):
    race = window.race
    race.picker.formula.setText("x**2 + 3*y**2")
    race.picker._apply()
    assert race.config.formula == "x**2 + 3*y**2"
    assert window.open_scenario(_scenario("ravine"))
    assert race.config.formula is None
    assert race.picker.formula.text() == ""


def test_a_loaded_scenario_clears_the_old_hover_reading(qtbot, window):
    race = window.race
    hint = race.hover.text()
    race.view.hovered.emit("x = 0.5    y = -1    f(x, y) = nan")  # read on the old surface
    assert "f(x, y) = nan" in race.hover.text()
    assert window.open_scenario(_scenario("saddle"))
    assert race.hover.text() == hint


def test_the_status_bar_stops_naming_a_scenario_once_the_surface_changes(qtbot, window):
    assert window.open_scenario(_scenario("ravine"))
    title = window.race.config.title
    assert window.statusBar().currentMessage() == f"Scenario: {title}"
    window.race.picker.surface_chosen.emit("himmelblau")
    message = window.statusBar().currentMessage()
    assert title not in message and "Himmelblau" in message
    assert window.open_scenario(_scenario("saddle"))
    assert window.statusBar().currentMessage() == f"Scenario: {window.race.config.title}"
