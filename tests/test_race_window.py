"""The optimizer race window, driven through its real widgets (pytest-qt, offscreen).

No sleeps: every wait is on a signal or a condition. Each test checks an outcome the
feature produces, so removing the feature fails the test.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QPoint, Qt

from gradlab.core import surfaces
from gradlab.gui import worker
from gradlab.gui.race import scenario
from gradlab.gui.main_window import MainWindow
from gradlab.gui.plotting.fonts import label_point_size
from gradlab.gui.race.config import OptimizerEntry, RaceConfig
from gradlab.gui.race.curves import TITLE_SCALE
from gradlab.gui.style import NORMAL, PRESENTER
from gradlab.resources import scenario_paths


def _config(max_steps: int = 40, speed=None, surface: str = "quadratic") -> RaceConfig:
    return RaceConfig(
        surface=surface, start=surfaces.get(surface).start,
        optimizers=[OptimizerEntry("sgd", {"lr": 0.1, "weight_decay": 0.0}, "SGD", "#ff4d4d"),
                    OptimizerEntry("adam", {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
                                            "weight_decay": 0.0}, "Adam", "#ffffff")],
        max_steps=max_steps, speed=speed,
    )


@pytest.fixture
def window(qtbot):
    w = MainWindow(_config())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.confirm_overwrite = lambda path: False
    return w


@pytest.fixture
def tab(window):
    return window.race


def _run_to_end(qtbot, tab, timeout=10000):
    with qtbot.waitSignal(tab.race_finished, timeout=timeout):
        qtbot.mouseClick(tab.transport.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=2000)


def _data_to_widget(tab, x, y) -> QPoint:
    view = tab.view
    scene_pt = view.plot.getViewBox().mapViewToScene(QtCore.QPointF(x, y))
    return view.mapFromScene(scene_pt)


# -- the default window -----------------------------------------------------------------------

def test_default_window_teaches_with_one_click(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    tab = w.race
    assert 3 <= len(tab.panel.cards) <= 4
    assert tab.surface.name == "rosenbrock"
    assert "watch" in tab.lesson.toPlainText().lower()
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["Optimizer race", "MNIST", "Explorer",
                                                                  "Backpropagation", "Playground",
                                                                  "Landscape"]
    # One click on Run races (at its paced speed); we only wait for frames, then pause.
    with qtbot.waitSignal(tab.running_changed, timeout=5000):
        qtbot.mouseClick(tab.transport.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.history.last_step >= 3, timeout=5000)
    tab.pause()
    assert not tab.is_running()


def test_racer_items_are_built_by_the_first_redraw_not_before_the_first_paint(qtbot):
    """Start-up does not build the racers' plot items (empty until the first redraw,
    so they change nothing in the first painted frame); the first redraw builds them
    and draws a head per racer at the start, and a curve per racer."""
    import pyqtgraph as pg

    def data_items(plot):
        return [i for i in plot.items if isinstance(i, pg.PlotDataItem)]

    w = MainWindow(_config())
    qtbot.addWidget(w)
    tab = w.race
    assert data_items(tab.view.plot) == [] and data_items(tab.curves.loss.plot) == []
    w.show()
    qtbot.waitUntil(lambda: tab.redraw_count >= 1, timeout=2000)
    # per racer: the live end of the path and two arrows (settled chunks come later)
    assert len(data_items(tab.view.plot)) == 2 * 3
    assert len(data_items(tab.curves.loss.plot)) == len(data_items(tab.curves.dist.plot)) == 2
    for racer in tab.view.racers:
        assert racer.head.scene() is tab.view.scene()
        x, y = racer.head.getData()
        assert (x[0], y[0]) == pytest.approx(tab.config.start)


# -- optimizers --------------------------------------------------------------------------------

def test_add_and_remove_optimizers(qtbot, tab):
    panel = tab.panel
    panel.add_combo.setCurrentIndex(panel.add_combo.findData("momentum"))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    # the same optimizer twice, with its own label and colour
    panel.add_combo.setCurrentIndex(panel.add_combo.findData("adam"))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    labels = [c.entry.label for c in panel.cards]
    assert labels == ["SGD", "Adam", "Momentum", "Adam #2"]
    assert len({c.entry.color for c in panel.cards}) == 4
    assert [o.name for o in tab.race.optimizers] == ["sgd", "adam", "momentum", "adam"]
    assert len(tab.view.racers) == 4 and tab.table.rowCount() == 4
    qtbot.mouseClick(panel.cards[1].remove_button, Qt.MouseButton.LeftButton)
    assert [c.entry.label for c in panel.cards] == ["SGD", "Momentum", "Adam #2"]
    assert tab.race.labels == ["SGD", "Momentum", "Adam #2"]


def test_typed_learning_rate_reaches_the_race(qtbot, tab):
    box = tab.panel.cards[0].controls["lr"].box
    box.selectAll()
    qtbot.keyClicks(box, "0.0037")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert tab.panel.cards[0].entry.hyper["lr"] == pytest.approx(0.0037)
    assert tab.race.optimizers[0].hyper["lr"] == pytest.approx(0.0037)
    # arrows step on a log scale: ×10^0.1 per press
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == pytest.approx(0.0037 * 10 ** 0.1, rel=1e-6)


def test_update_rule_is_shown_with_symbols(tab):
    text = tab.panel.cards[1].formula.text()
    assert "β₁" in text and "←" in text and "√" in text


def test_update_rule_tooltip_is_prose_and_fixed_width_pseudo_code(tab):
    """The card's tooltip shows the rule's pseudo-code, not the docstring's Sphinx markup."""
    tip = next(c for c in tab.panel.cards if c.entry.name == "adam").formula.toolTip()
    assert ".. code-block" not in tip
    assert tip.startswith("<p>Adam, exactly torch.optim.Adam")
    assert "<pre>input: η (lr), β₁ (beta1)" in tip  # dedented: the block starts at its left edge
    assert "\n    m_t ← β₁ m_{t−1} + (1 − β₁) g_t\n" in tip


def test_the_wheel_over_a_cards_number_leaves_it_unless_clicked(qtbot, tab):
    """Scrolling the racers' list over a card's μ must not change μ (it stepped 0.9 ->
    0.90999 under the pointer); a clicked field takes the wheel as before."""
    from PySide6 import QtGui

    card = tab.panel.add("momentum")
    mu = card._rows[1][1]  # "momentum μ": a number box (and a slider where it has one)
    assert card._rows[1][0].text() == "momentum μ"
    assert mu.box is not None
    for field in [f for f in (mu.slider, mu.box) if f is not None]:
        _wheel_leaves_it_unless_clicked(qtbot, field)


def _wheel_leaves_it_unless_clicked(qtbot, field) -> None:
    value = field.value()

    def wheel() -> None:
        centre = QtCore.QPointF(field.rect().center())
        QtWidgets.QApplication.sendEvent(field, QtGui.QWheelEvent(
            centre, QtCore.QPointF(field.mapToGlobal(centre.toPoint())), QtCore.QPoint(0, 0),
            QtCore.QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False))

    assert not field.hasFocus()
    wheel()
    assert field.value() == value
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    wheel()
    assert field.value() != value
    if isinstance(field, QtWidgets.QAbstractSpinBox):  # a round step: 0.9 -> 0.91, not 0.90999
        assert round(abs(field.value() - value), 12) == 0.01, (value, field.value())


def test_visibility_toggle_hides_path(qtbot, tab):
    card = tab.panel.cards[0]
    card.visible_box.setChecked(False)
    assert not tab.view.racers[0].tail.isVisible()
    assert not tab.curves.loss.curves[0].isVisible()
    assert tab.view.racers[1].tail.isVisible()


# -- the surface -------------------------------------------------------------------------------

def test_click_on_surface_sets_the_start(qtbot, tab):
    tab.redraw()
    pos = _data_to_widget(tab, 1.0, -2.0)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    x, y = tab.config.start
    assert x == pytest.approx(1.0, abs=0.1) and y == pytest.approx(-2.0, abs=0.1)
    assert tab.race.start == pytest.approx([x, y])
    assert tab.history.points[0, 0] == pytest.approx([x, y])


def test_hover_reads_out_position_and_value(qtbot, tab):
    tab.redraw()
    pos = _data_to_widget(tab, 1.0, 2.0)
    qtbot.mouseMove(tab.view.viewport(), pos)
    qtbot.waitUntil(lambda: "f(x, y)" in tab.hover.text(), timeout=2000)
    text = tab.hover.text()
    value = float(text.split("f(x, y) =")[1])
    assert value == pytest.approx(0.5 * (1 + 4), rel=0.1)  # ½(x² + y²)


def test_formula_error_is_shown_inline_and_changes_nothing(qtbot, tab):
    before = tab.surface
    picker = tab.picker
    picker.formula.setFocus()
    qtbot.keyClicks(picker.formula, "x**2 + foo(y)")
    qtbot.keyClick(picker.formula, Qt.Key.Key_Return)
    assert picker.error.isVisible() and "foo" in picker.error.text()
    assert tab.surface is before
    picker.formula.clear()
    qtbot.keyClicks(picker.formula, "(x - 1)**2 + 3*y**2")
    qtbot.keyClick(picker.formula, Qt.Key.Key_Return)
    assert not picker.error.isVisible()
    assert tab.surface is not before and tab.config.formula == "(x - 1)**2 + 3*y**2"
    assert "3" in tab.picker.formula_text.text()


def test_surface_picker_switches_surface(qtbot, tab):
    i = tab.picker.combo.findData("rastrigin")
    tab.picker.combo.setCurrentIndex(i)
    tab.picker.combo.activated.emit(i)
    assert tab.surface.name == "rastrigin"
    assert tab.config.start == surfaces.get("rastrigin").start
    assert tab.history.points[0, 0] == pytest.approx(surfaces.get("rastrigin").start)


# -- transport ---------------------------------------------------------------------------------

def test_run_to_the_end(qtbot, tab):
    _run_to_end(qtbot, tab)
    h = tab.history
    assert h.last_step == 40 and h.n == 41
    assert np.array_equal(h.steps[:41], np.arange(41))  # every step, in order
    assert tab.cursor == 40
    assert tab.transport.run_button.text().endswith("Run")
    qtbot.waitUntil(lambda: "step 40 of 40" in tab.transport.step_label.text(), timeout=2000)
    assert tab.table.cell(0, 1) == "40"
    # the curves hold every step
    x, _ = tab.curves.loss.curves[0].getData()
    assert len(x) == 41


def test_paced_speed_is_respected(qtbot, tab):
    tab.transport.set_speed(20.0)
    tab.config.speed = 20.0
    tab.config.max_steps = 6
    timer = QtCore.QElapsedTimer()
    timer.start()
    _run_to_end(qtbot, tab)
    # 6 steps at 20 steps/s cannot finish in much under 0.25 s (the first is immediate)
    assert timer.elapsed() >= 200
    assert tab.history.last_step == 6


def test_step_and_step_back_with_keys(qtbot, tab):
    tab.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    assert tab.history.last_step == 2 and tab.cursor == 2
    qtbot.keyClick(tab, Qt.Key.Key_Left)
    assert tab.cursor == 1 and tab.history.last_step == 2  # back through history, no new step
    tab.redraw()
    assert tab.table.cell(0, 1) == "1"
    x, y = tab.view.racers[0].head.getData()
    assert [x[0], y[0]] == pytest.approx(tab.history.points[1, 0])
    assert len(tab.view.cursor_ring.getData()[0]) == 2  # the scrubbed step is highlighted
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    assert tab.cursor == 2 and tab.history.last_step == 2  # forward through history first
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    assert tab.history.last_step == 3
    qtbot.keyClick(tab, Qt.Key.Key_R)
    assert tab.history.last_step == 0 and tab.cursor == 0


def test_space_runs_and_pauses(qtbot, tab):
    tab.config.max_steps = 100000
    tab.setFocus()
    with qtbot.waitSignal(tab.running_changed, timeout=2000) as blocker:
        qtbot.keyClick(tab, Qt.Key.Key_Space)
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: tab.history.last_step > 0, timeout=5000)
    with qtbot.waitSignal(tab.running_changed, timeout=2000) as blocker:
        qtbot.keyClick(tab, Qt.Key.Key_Space)
    assert blocker.args == [False] and not tab.is_running()


def test_slider_scrubs_history(qtbot, tab):
    _run_to_end(qtbot, tab)
    tab.transport.slider.setValue(10)
    tab.redraw()
    assert tab.cursor == 10
    assert tab.table.cell(1, 1) == "10"
    assert tab.curves.loss.cursor.value() == pytest.approx(10)
    x, y = tab.view.racers[1].head.getData()
    assert [x[0], y[0]] == pytest.approx(tab.history.points[10, 1])


def test_table_shows_optimizer_state(qtbot, tab):
    tab.step()
    tab.redraw()
    state = tab.table.cell(1, 5)
    assert "m = (" in state and "v = (" in state
    assert tab.table.cell(0, 5) == "(none)"  # plain SGD keeps no state


def test_start_stop_fifty_times(qtbot, tab):
    tab.config.max_steps = 1_000_000
    for _ in range(50):
        with qtbot.waitSignal(tab.running_changed, timeout=2000):
            qtbot.mouseClick(tab.transport.run_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(tab.running_changed, timeout=2000):
            qtbot.mouseClick(tab.transport.run_button, Qt.MouseButton.LeftButton)
        assert not tab.is_running()
    h = tab.history
    # however often it was paused, the history is every step once, in order
    assert np.array_equal(h.steps[: h.n], np.arange(h.n))
    assert h.last_step == tab.race.step
    qtbot.waitUntil(lambda: not worker.running_workers(), timeout=2000)


def test_close_while_running_joins_quickly(qtbot):
    messages: list[str] = []
    previous = QtCore.qInstallMessageHandler(lambda mode, ctx, msg: messages.append(msg))
    try:
        w = MainWindow(_config(max_steps=10_000_000))
        qtbot.addWidget(w)
        w.show()
        w.race.run()
        qtbot.waitUntil(lambda: w.race.history.last_step > 10, timeout=5000)
        thread = w.race.worker._thread
        timer = QtCore.QElapsedTimer()
        timer.start()
        w.close()
        assert timer.elapsed() < 2000
        assert not thread.isRunning()
        assert not w.race.timer.isActive()
        del w, thread
        import gc
        gc.collect()
        QtWidgets.QApplication.processEvents()
    finally:
        QtCore.qInstallMessageHandler(previous)
    assert not any("Destroyed while thread" in m for m in messages), messages


# -- divergence ----------------------------------------------------------------------------------

def test_divergence_is_labelled_and_others_go_on(qtbot, window):
    assert window.open_scenario(next(p for p in scenario_paths() if "lr_limit" in p.name))
    tab = window.race
    tab.config.speed = None
    _run_to_end(qtbot, tab)
    tab.redraw()
    div = [c.status.text() for c in tab.panel.cards]
    assert div[0] == "" and div[1] == ""
    assert div[2].startswith("diverged at step ")
    k = int(div[2].rsplit(" ", 1)[1])
    assert 100 < k < 200
    assert tab.history.last_step == tab.config.max_steps  # the stable ones went on
    x, y = tab.view.racers[2].drawn_path()
    assert np.isfinite(x).all() and np.isfinite(y).all() and 0 < len(x) <= k
    lx, ly = tab.curves.loss.curves[2].getData()
    assert np.isfinite(ly).all() and lx.max() < k
    assert "diverged" in tab.table.cell(2, 2) and str(k) in tab.table.cell(2, 5)


# -- scenarios -----------------------------------------------------------------------------------

def test_save_and_load_scenario(qtbot, window, tmp_path):
    tab = window.race
    tab.panel.cards[0].set_hyper("lr", 0.0123)
    tab.set_start(0.5, -1.25)
    tab.transport.max_steps.setValue(77)
    path = tmp_path / "mine.json"
    assert window.save_scenario(path)
    data = json.loads(path.read_text())
    assert data["version"] == 1
    assert data["optimizers"][0]["hyper"]["lr"] == pytest.approx(0.0123)

    other = MainWindow(_config(surface="rastrigin"))
    qtbot.addWidget(other)
    assert other.open_scenario(path)
    t2 = other.race
    assert t2.surface.name == "quadratic"
    assert t2.config.start == pytest.approx((0.5, -1.25))
    assert t2.config.max_steps == 77 and t2.transport.max_steps.value() == 77
    assert t2.panel.cards[0].controls["lr"].value() == pytest.approx(0.0123)
    assert [c.entry.label for c in t2.panel.cards] == ["SGD", "Adam"]
    assert t2.race.optimizers[0].hyper["lr"] == pytest.approx(0.0123)


def test_bad_scenario_names_the_field_and_changes_nothing(qtbot, window, tmp_path):
    good = scenario.to_dict(window.race.current_config())
    good["optimizers"][1]["hyper"]["lr"] = -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(good))
    before = scenario.to_dict(window.race.current_config())
    race_before = window.race.race
    assert not window.open_scenario(path)
    assert "optimizers[1].hyper.lr" in window.last_error
    assert scenario.to_dict(window.race.current_config()) == before
    assert window.race.race is race_before
    box = window.findChild(QtWidgets.QMessageBox, "ErrorBox")
    assert box is not None and "optimizers[1].hyper.lr" in box.text()
    box.close()


def test_scenario_menu_opens_teaching_scenarios(qtbot, window):
    titles = [a.text() for a in window.scenario_actions]
    assert len(titles) >= 7
    ravine = next(a for a in window.scenario_actions if "Ravine" in a.text())
    ravine.trigger()
    assert window.race.surface.name == "ill_conditioned"
    assert "momentum" in window.race.lesson.toPlainText().lower()


def test_scenario_from_explorer_is_raced(qtbot, window):
    import dataclasses

    surface = dataclasses.replace(surfaces.get("booth"), name="made elsewhere")
    window.tabs.setCurrentIndex(2)
    window.race_surface(surface)
    assert window.tabs.currentWidget() is window.race
    assert window.race.surface is surface
    assert not window.race.can_save()  # no name to find it again by


def test_an_explorer_focal_surface_keeps_its_gamma_through_a_scenario(qtbot, window, tmp_path):
    from gradlab.core.surfaces import logistic as logistic_surface

    surface = logistic_surface.surface("focal", gamma=0.5)
    window.race_surface(surface)
    assert window.race.can_save()
    path = tmp_path / "focal.json"
    assert window.save_scenario(path)
    assert '"logistic_focal:gamma=0.5"' in path.read_text()
    window.race.set_surface_name("rosenbrock")
    assert window.open_scenario(path)
    again = window.race.surface
    assert again.title == surface.title and "0.5" in again.title
    w, b = np.array([0.3, -1.2]), np.array([0.7, 2.0])
    np.testing.assert_array_equal(again.value(w, b), surface.value(w, b))
    combo = window.race.picker.combo
    assert combo.currentData() == "logistic_focal:gamma=0.5" and "0.5" in combo.currentText()
    assert combo.itemData(combo.currentIndex() - 1) == "logistic_focal"  # under its family


# -- export ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["view.png", "view.svg", "paths.csv"])
def test_exports_written_and_not_overwritten_without_asking(qtbot, window, tmp_path, name):
    tab = window.race
    for _ in range(5):
        tab.step()
    path = tmp_path / name
    export = window.export_trajectories if name.endswith(".csv") else window.export_view
    assert export(path)
    data = path.read_bytes()
    assert len(data) > 100
    if name.endswith(".png"):
        assert data[:4] == b"\x89PNG"
    elif name.endswith(".svg"):
        assert b"<svg" in data
    else:
        lines = data.decode().splitlines()
        assert lines[0].startswith("step,SGD x,SGD y,SGD loss")
        assert len(lines) == 1 + 6
    asked = []
    window.confirm_overwrite = lambda p: asked.append(p) or False
    path.write_bytes(b"keep me")
    assert not export(path)
    assert asked == [path] and path.read_bytes() == b"keep me"
    window.confirm_overwrite = lambda p: True
    assert export(path) and path.read_bytes() != b"keep me"


@contextmanager
def file_size_limit(nbytes: int) -> Iterator[None]:
    """Writes past `nbytes` fail with EFBIG, as they would on a full disk."""
    import resource
    import signal

    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a killed process
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
@pytest.mark.parametrize("name", ["view.png", "view.svg", "paths.csv", "scenario.json"])
def test_a_write_failing_midway_keeps_the_old_file(qtbot, window, tab, tmp_path, name):
    """Every file the window writes is atomic: a full disk midway leaves the old file."""
    for _ in range(40):
        tab.step()
    path = tmp_path / name
    write = {".png": window.export_view, ".svg": window.export_view,
             ".csv": window.export_trajectories, ".json": window.save_scenario}[path.suffix]
    whole = tmp_path / f"whole{path.suffix}"
    assert write(whole) and whole.stat().st_size > 300  # more than the limit lets through
    old = b"the previous export, which must survive"
    path.write_bytes(old)
    window.confirm_overwrite = lambda p: True
    with file_size_limit(len(old) + 100):
        assert not write(path)
    assert path.read_bytes() == old
    assert window.last_error.startswith(f"{path}: ")  # shown, naming the file
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, whole.name])

def test_save_scenario_asks_before_overwriting(qtbot, window, tmp_path):
    path = tmp_path / "s.json"
    path.write_text("precious")
    assert not window.save_scenario(path)
    assert path.read_text() == "precious"


# -- presenter mode and 3-D -----------------------------------------------------------------------

def test_presenter_mode_scales_fonts_and_lines(qtbot, window):
    tab = window.race
    normal_font = window.font().pointSizeF()
    normal_width = tab.view.racers[0].tail.opts["pen"].widthF()
    normal_curve = tab.curves.loss.curves[0].opts["pen"].widthF()
    plot = tab.curves.loss.plot

    def text_sizes() -> tuple[float, float]:
        tick = plot.getAxis("left").style["tickFont"] or QtWidgets.QApplication.font()
        return tick.pointSizeF(), label_point_size(plot.titleLabel, window.font().pointSizeF())

    normal_text = text_sizes()
    window.presenter_action.trigger()
    assert window.presenting
    assert window.font().pointSizeF() > 1.4 * normal_font
    assert tab.view.racers[0].tail.opts["pen"].widthF() > 1.4 * normal_width
    assert tab.curves.loss.curves[0].opts["pen"].widthF() > normal_curve
    k = PRESENTER.font_pt / NORMAL.font_pt
    assert text_sizes() == pytest.approx([k * normal_text[0], min(k, TITLE_SCALE) * normal_text[1]])
    window.presenter_action.trigger()
    assert window.font().pointSizeF() == pytest.approx(normal_font)
    assert text_sizes() == pytest.approx(normal_text)


def test_3d_view_says_when_opengl_is_missing(qtbot, window):
    window.race.views.setCurrentWidget(window.race.view3d)
    v = window.race.view3d
    assert v.activated
    if QtWidgets.QApplication.platformName() == "offscreen":
        assert not v.available
        assert "unavailable" in v.message.text()
    else:
        assert v.available or "unavailable" in v.message.text()
    # the rest still works
    window.race.step()
    assert window.race.history.last_step == 1


def test_log_step_axis_toggle(qtbot, tab):
    _run_to_end(qtbot, tab)
    assert not tab.curves.loss.plot.ctrl.logXCheck.isChecked()
    tab.curves.log_x.setChecked(True)
    tab.redraw()
    assert tab.curves.loss.plot.ctrl.logXCheck.isChecked()
    assert tab.curves.loss.plot.ctrl.logYCheck.isChecked()  # loss stays on a log axis
    assert tab.curves.loss.cursor.value() == pytest.approx(math.log10(40))


def test_explorer_can_send_a_surface_to_the_race(qtbot, window):
    explorer = window.tab("Explorer")
    if explorer is None or not hasattr(explorer, "race_requested"):
        pytest.skip("the explorer tab is not available in this checkout")
    surface = surfaces.get("himmelblau")
    explorer.race_requested.emit(surface)
    assert window.tabs.currentWidget() is window.race
    assert window.race.surface is surface


def test_drag_the_start_marker(qtbot, tab):
    tab.redraw()
    x0, y0 = tab.config.start
    vp = tab.view.viewport()
    start = _data_to_widget(tab, x0, y0)
    end = _data_to_widget(tab, 1.5, 1.0)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    steps = 8
    for k in range(1, steps + 1):
        p = start + (end - start) * (k / steps)
        event = QtGui.QMouseEvent(QtCore.QEvent.Type.MouseMove, QtCore.QPointF(p), QtCore.QPointF(vp.mapToGlobal(p)),
                                  Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier)
        QtWidgets.QApplication.sendEvent(vp, event)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    x, y = tab.config.start
    assert x == pytest.approx(1.5, abs=0.15) and y == pytest.approx(1.0, abs=0.15)
    assert tab.history.points[0, 0] == pytest.approx([x, y])


def test_long_path_settles_into_a_cached_item_and_draws_every_point(qtbot):
    """A long race keeps only the newest points in the live item; together the two items
    draw exactly the cleaned path, unbroken."""
    from gradlab.gui.race.view import TAIL_POINTS

    w = MainWindow(_config(max_steps=3000, surface="rosenbrock"))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    tab = w.race
    _run_to_end(qtbot, tab)
    tab.redraw()
    for i, racer in enumerate(tab.view.racers):
        expected = racer.cache.buf.view()
        x, y = racer.drawn_path()
        np.testing.assert_array_equal(np.column_stack([x, y]), expected)
        tx, _ = racer.tail.getData()
        assert len(tx) <= TAIL_POINTS + 1
    assert any(r.settled > TAIL_POINTS and r.chunks for r in tab.view.racers)


def test_settled_chunks_close_and_together_draw_the_path(qtbot):
    """Feeding a long path in batches: closed chunks stay bounded in size, and chunks plus
    the live end draw every point once, in order."""
    import pyqtgraph as pg

    from gradlab.gui.race.view import CHUNK_POINTS, TAIL_POINTS, _Racer
    from gradlab.gui.style import NORMAL

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    racer = _Racer(widget.getPlotItem(), OptimizerEntry("sgd", {"lr": 0.1}, "SGD", "#ff4d4d"), NORMAL)
    t = np.linspace(0, 60, 12_000)
    path = np.column_stack([np.cos(t) * t, np.sin(t) * t])
    for n in range(1, len(path) + 1, 300):
        racer.show_path(path[:n])
        x, y = racer.drawn_path()
        np.testing.assert_array_equal(np.column_stack([x, y]), path[:n])
    assert len(racer.chunks) >= 2
    for chunk in racer.chunks:
        assert len(chunk.getData()[0]) <= CHUNK_POINTS + TAIL_POINTS + 301
