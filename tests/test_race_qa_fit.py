"""QA at 1280×720: the window fits the screen, the step counter and the results table
show all they hold, and the state column says which step its state belongs to."""

from __future__ import annotations

from PySide6 import QtCore

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race
from gradlab.gui.main_window import fitted_geometry, fitted_size
from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.table import RaceTable
from gradlab.gui.race.transport import Transport


class Screen:
    """A 1280×720 monitor whose top 30 px are a panel (duck-typed QScreen)."""

    def availableGeometry(self) -> QtCore.QRect:  # noqa: N802 - QScreen's name
        return QtCore.QRect(0, 30, 1280, 690)


def test_the_default_size_fits_a_small_screen_and_keeps_a_large_one():
    assert fitted_size(QtCore.QSize(1600, 960), Screen()) == QtCore.QSize(1280, 690)
    assert fitted_size(QtCore.QSize(800, 600), Screen()) == QtCore.QSize(800, 600)
    assert fitted_size(QtCore.QSize(1600, 960), None) == QtCore.QSize(1600, 960)


def test_a_remembered_geometry_is_clamped_inside_the_screen():
    # Remembered on a 1920×1200 monitor at (300, 200), 1600×960.
    assert fitted_geometry(QtCore.QRect(300, 200, 1600, 960), Screen()) == QtCore.QRect(0, 30, 1280, 690)
    # Small enough, but hanging off the bottom right: moved in, size kept.
    assert fitted_geometry(QtCore.QRect(1000, 600, 400, 300), Screen()) == QtCore.QRect(880, 420, 400, 300)


def test_the_step_counter_has_room_for_the_races_longest_count(qtbot):
    transport = Transport()
    qtbot.addWidget(transport)
    transport.resize(300, 40)  # far too narrow: the label keeps its width, the slider gives
    transport.show()
    qtbot.waitExposed(transport)
    label = transport.step_label
    transport.set_position(603, 603, 1000)  # QA: "step 603 of 100", cut mid-number
    assert label.minimumSizeHint().width() >= label.fontMetrics().horizontalAdvance("step 1000 of 1000")
    transport.set_position(5, 5, 1_000_000)
    need = label.fontMetrics().horizontalAdvance("step 1000000 of 1000000")
    assert label.minimumSizeHint().width() >= need
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # presenter fonts: measured again
    label.setFont(font)
    assert label.minimumSizeHint().width() >= label.fontMetrics().horizontalAdvance("step 1000000 of 1000000")


def _history_with_frames_ending_at(steps: list[int]) -> tuple[RaceHistory, list[OptimizerEntry]]:
    surface = surfaces.get("quadratic")
    race = Race(surface, [optimizers.get("momentum", lr=0.01, momentum=0.9), optimizers.get("sgd", lr=0.01)],
                surface.start)
    history = RaceHistory(2)
    history.append(race.initial_frame())
    done = 0
    for end in steps:
        frame = None
        for frame in race.frames(end, frame_seconds=3600):  # one frame per call
            pass
        history.append(frame)
        done = end
    assert history.last_step == done
    return history, [OptimizerEntry("momentum", {}, "Momentum", "#2196f3"),
                     OptimizerEntry("sgd", {}, "SGD", "#f44336")]


def test_the_state_column_names_the_step_its_state_belongs_to(qtbot):
    history, entries = _history_with_frames_ending_at([157, 170])
    table = RaceTable()
    qtbot.addWidget(table)
    table.set_racers(entries)
    table.redraw(history, 158)
    assert table.cell(0, 1) == "158"
    assert table.cell(0, 5).startswith("state of step 157:")
    assert table.cell(1, 5) == "(none)"  # SGD keeps nothing: no step to name
    table.redraw(history, 170)
    assert table.cell(0, 5).startswith("velocity = ")


def test_every_row_stays_above_the_sideways_scroll_bar(qtbot):
    history, entries = _history_with_frames_ending_at([157, 170])
    table = RaceTable()
    qtbot.addWidget(table)
    table.set_racers(entries * 2)  # four rows, as in the QA shot
    # Room for every column but a long state: only the widening state column brings the bar.
    width = sum(table.columnWidth(c) for c in range(5)) + 120
    table.resize(width, table.height())
    table.show()
    qtbot.waitExposed(table)
    table.redraw(history, 158)  # the state column widens
    bar = table.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible())
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    qtbot.waitUntil(lambda: table.viewport().height() >= rows)
