"""The Playground tab driven as a teacher would (pytest-qt, offscreen): layers and units,
features, points added and removed by mouse, play, pause, step, reset, compare, the
divergence label, presenter mode at 1280×720. Waits on signals, never sleeps."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from gradlab.core.mlp import init_params
from gradlab.gui.playground.tab import PlaygroundTab


@pytest.fixture
def tab(qtbot):
    t = PlaygroundTab()
    qtbot.addWidget(t)
    t.resize(1400, 900)
    t.show()
    qtbot.waitExposed(t)
    yield t
    t.shutdown()


def _hidden_units(t: PlaygroundTab) -> list[int]:
    return [len(layer) for layer in t.diagram.units]


def test_layers_and_units_are_added_and_removed(qtbot, tab):
    c = tab.controls
    assert tab.sessions[0].config.hidden == (4, 2)
    with qtbot.waitSignal(tab.sessions_changed):
        c.add_layer.click()
    assert tab.sessions[0].config.hidden == (4, 2, 2)
    with qtbot.waitSignal(tab.sessions_changed):
        c.layer_rows[0].plus.click()
    assert tab.sessions[0].config.hidden == (5, 2, 2)
    assert _hidden_units(tab) == [5, 2, 2]
    # The network itself has those layers: [inputs, 5, 2, 2, classes] weight shapes.
    assert [W.shape for W, _ in tab.sessions[0].params] == [(5, 2), (2, 5), (2, 2), (2, 2)]
    with qtbot.waitSignal(tab.sessions_changed):
        c.layer_rows[2].minus.click()
    assert tab.sessions[0].config.hidden == (5, 2, 1)
    assert not c.layer_rows[2].minus.isEnabled()  # a layer keeps at least one unit
    for _ in range(3):
        c.remove_layer.click()
    assert tab.sessions[0].config.hidden == ()
    assert _hidden_units(tab) == [] and not c.remove_layer.isEnabled()
    assert [W.shape for W, _ in tab.sessions[0].params] == [(2, 2)]
    for _ in range(8):
        c.add_layer.click()
    assert len(tab.sessions[0].config.hidden) == 6 and not c.add_layer.isEnabled()
    for _ in range(10):
        c.layer_rows[0].plus.click()
    assert tab.sessions[0].config.hidden[0] == 8


def test_features_toggle_the_inputs(qtbot, tab):
    boxes = tab.controls.feature_boxes
    with qtbot.waitSignal(tab.sessions_changed):
        boxes["x1x2"].setChecked(True)
    assert tab.sessions[0].config.features == ("x1", "x2", "x1x2")
    assert tab.sessions[0].params[0][0].shape == (4, 3)
    assert len(tab.diagram.sizes) and tab.diagram.sizes[0] == 3
    boxes["x1"].setChecked(False)
    boxes["x2"].setChecked(False)
    assert tab.sessions[0].config.features == ("x1x2",)
    boxes["x1x2"].setChecked(False)  # the last input stays: a network needs one
    assert boxes["x1x2"].isChecked() and tab.sessions[0].config.features == ("x1x2",)


def test_click_adds_a_point_of_the_chosen_class_and_right_click_removes_the_nearest(qtbot, tab):
    plane = tab.plane
    tab.controls.click_class.setCurrentIndex(1)
    n = len(tab.y)
    with qtbot.waitSignal(tab.sessions_changed):
        QTest.mouseClick(plane.viewport(), QtCore.Qt.MouseButton.LeftButton,
                         QtCore.Qt.KeyboardModifier.NoModifier, plane.data_to_widget(3.0, -2.0))
    assert len(tab.y) == n + 1 and tab.y[-1] == 1
    # One pixel is 12 / (plot width) data units: the click lands within two of them.
    assert np.allclose(tab.X[-1], [3.0, -2.0], atol=2 * 12 / plane.getPlotItem().getViewBox().width())
    # The networks train on it: it is in the session's data.
    assert len(tab.sessions[0].X_train) + len(tab.sessions[0].X_test) == n + 1

    # The most isolated point: the click's pixel rounding cannot make another one nearer.
    gaps = np.hypot(*(tab.X[:, None, :] - tab.X[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    target = tab.X[int(np.argmax(gaps.min(axis=1)))].copy()
    with qtbot.waitSignal(tab.sessions_changed):
        QTest.mouseClick(plane.viewport(), QtCore.Qt.MouseButton.RightButton,
                         QtCore.Qt.KeyboardModifier.NoModifier, plane.data_to_widget(*target))
    assert len(tab.y) == n
    assert not np.any(np.all(tab.X == target, axis=1))


def test_play_pause_step(qtbot, tab):
    with qtbot.waitSignal(tab.running_changed, check_params_cb=lambda on: on):
        tab.play_button.click()
    assert tab.play_button.text().endswith("Pause") and not tab.step_button.isEnabled()
    qtbot.waitUntil(lambda: tab.sessions[0].epoch_count > 0 and tab.redraws >= 3, timeout=10000)
    with qtbot.waitSignal(tab.running_changed, check_params_cb=lambda on: not on):
        tab.play_button.click()
    assert not tab.is_running() and not tab.timer.isActive()
    epochs = tab.sessions[0].epoch_count
    assert tab.epoch_label.text() == f"Epoch {epochs}"
    assert tab.loss_plot.count(0) == epochs  # every epoch's loss is on the curve
    with qtbot.waitSignal(tab.frame_drawn):
        tab.step_button.click()
    assert tab.sessions[0].epoch_count == epochs + 1
    assert tab.epoch_label.text() == f"Epoch {epochs + 1}"
    assert "training" in tab.stats_label.text() and "accuracy" in tab.stats_label.text()


def test_reset_returns_to_the_same_weights_and_new_weights_draws_others(qtbot, tab):
    s = tab.sessions[0]
    # The oracle: torch-like U(−1/√fan_in, 1/√fan_in) draws from the weight seed.
    expected = init_params(s.config.sizes, 0, np.float64)
    for (W, b), (W0, b0) in zip(s.params, expected):
        np.testing.assert_array_equal(W, W0)
    for _ in range(3):
        tab.step()
    assert not np.array_equal(s.params[0][0], expected[0][0])
    with qtbot.waitSignal(tab.sessions_changed):
        tab.reset_button.click()
    assert s.epoch_count == 0 and tab.epoch_label.text() == "Epoch 0"
    for (W, b), (W0, b0) in zip(s.params, expected):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.new_weights_button.click()
    assert not np.array_equal(tab.sessions[0].params[0][0], expected[0][0])


def test_learning_rate_changes_while_training_without_a_reset(qtbot, tab):
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    session = tab.sessions[0]
    tab.controls.lr.setValue(0.002)
    assert tab.sessions[0] is session and session.lr == pytest.approx(0.002)
    qtbot.waitUntil(lambda: session.epoch_count > 2, timeout=10000)
    tab.pause()
    assert tab.sessions[0] is session and session.history[0].epoch == 1


def test_compare_two_settings_from_identical_weights(qtbot, tab):
    with qtbot.waitSignal(tab.sessions_changed):
        tab.compare_settings.on.setChecked(True)
    assert len(tab.sessions) == 2
    views = tab.compare_view.views
    assert len(views) == 2 and all(v.isVisible() for v in views)
    titles = [v.getPlotItem().titleLabel.text for v in views]
    assert "SGD" in titles[0] and "Adam" in titles[1]
    a, b = tab.sessions
    assert a.config.optimizer == "sgd" and b.config.optimizer == "adam"
    for (Wa, ba), (Wb, bb) in zip(a.params, b.params):
        np.testing.assert_array_equal(Wa, Wb)
        np.testing.assert_array_equal(ba, bb)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    with qtbot.waitSignal(tab.frame_drawn, timeout=10000):
        tab.play()
    qtbot.waitUntil(lambda: min(tab.loss_plot.count(0), tab.loss_plot.count(1)) > 2, timeout=10000)
    tab.pause()
    for view in views:  # both planes show regions: an image the size of the grid
        assert view.image.image is not None and view.image.image.shape[:2] == (64, 64)
    assert a.epoch_count > 0 and b.epoch_count > 0
    # Trained differently from the same start, they now differ.
    assert not np.array_equal(a.params[0][0], b.params[0][0])


def test_a_huge_learning_rate_stops_with_a_clear_label(qtbot, tab):
    c = tab.controls
    c.activation.setCurrentIndex(c.activation.findData("leaky_relu"))
    c.optimizer.setCurrentIndex(c.optimizer.findData("sgd"))
    c.lr.setValue(1000.0)
    with qtbot.waitSignal(tab.diverged, timeout=10000):
        tab.play()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10000)
    assert tab.status.isVisible() and "Diverged at epoch" in tab.status.text()
    assert tab.sessions[0].diverged is not None
    assert tab.play_button.text().endswith("Play")


def test_hovering_shows_a_unit_map_and_an_edge_with_its_gradient(qtbot, tab):
    tab.step()
    tab.diagram.unit_hovered.emit(0, 1)
    assert tab.plane.showing_unit == "layer 1, unit 2"
    tab.diagram.unit_hovered.emit(-1, -1)
    assert tab.plane.showing_unit is None
    edge = next(e for e in tab.diagram.edges if e.key == (0, 1, 0))
    tab.diagram._edge_hover(edge)
    text = tab.hover_label.text()
    s = tab.sessions[0]
    assert f"w = {s.params[0][0][1, 0]:.4g}" in text
    # ∂C/∂w against a central finite difference of the training loss.
    W = s.params[0][0]
    h = 1e-6
    W[1, 0] += h
    up = s.evaluate().train_loss
    W[1, 0] -= 2 * h
    down = s.evaluate().train_loss
    W[1, 0] += h
    shown = float(text.split("∂C/∂w = ")[1])
    assert shown == pytest.approx((up - down) / (2 * h), rel=2e-3, abs=1e-6)


def test_presenter_mode_at_1280_by_720_keeps_the_regions_large(qtbot):
    from gradlab.gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.set_presenter(True)
    tab = w.tab("Playground")
    qtbot.waitUntil(lambda: tab.isVisible(), timeout=5000)
    assert isinstance(tab, PlaygroundTab)
    hint = w.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    plane = tab.plane
    qtbot.waitUntil(lambda: plane.height() >= 380 and plane.width() >= 380, timeout=3000)
    # Nothing clipped: every visible spin box shows its whole value.
    for box in tab.findChildren(QtCore.QObject):
        if hasattr(box, "lineEdit") and hasattr(box, "isVisible") and box.isVisible() and box.lineEdit():
            edit = box.lineEdit()
            assert edit.fontMetrics().horizontalAdvance(edit.text()) <= edit.contentsRect().width(), edit.text()
    for label in (tab.epoch_label, tab.play_button):
        assert label.width() >= label.sizeHint().width()
    w.close()


def test_pause_shows_the_races_glyph(qtbot, tab):
    """❚❚ as on the race's button (⏸ is missing from common fonts: an empty box)."""
    with qtbot.waitSignal(tab.running_changed, check_params_cb=lambda on: on):
        tab.play_button.click()
    assert tab.play_button.text() == "❚❚  Pause"
    with qtbot.waitSignal(tab.running_changed, check_params_cb=lambda on: not on):
        tab.play_button.click()
    assert tab.play_button.text() == "▶  Play"


def test_compare_planes_show_the_data_bounds_and_the_legend_is_off_the_curves(qtbot, tab):
    with qtbot.waitSignal(tab.sessions_changed):
        tab.compare_settings.on.setChecked(True)
    qtbot.waitUntil(lambda: all(v.isVisible() for v in tab.compare_view.views))
    for view in tab.compare_view.views:
        assert view.height() > view.width()  # a tall cell: a square plane would overshoot
        (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
        assert (x0, x1) == pytest.approx((-6, 6), abs=0.05) and (y0, y1) == pytest.approx((-6, 6), abs=0.05)
    plot = tab.loss_plot
    vb = plot.getPlotItem().getViewBox()
    assert [label.text for _, label in plot.legend.items] == ["training", "test"]
    assert not plot.legend.sceneBoundingRect().intersects(vb.sceneBoundingRect())
