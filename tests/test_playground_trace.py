"""Clicking a data point in the Playground opens the Backpropagation tab on that network
and that point (issue 14), through the real widgets in GradLab's window (pytest-qt,
offscreen). Waits on signals and conditions, never sleeps.

Oracle: a forward pass written here in numpy from the Playground's weights, with the
point's features computed here by their formulas (x₁, x₂, x₁x₂), against the logits and
probabilities the Backpropagation page shows."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from gradlab.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 960)
    w.show()
    qtbot.waitExposed(w)
    yield w
    playground = w.tab("Playground")
    playground.shutdown()
    w.close()


def _playground(qtbot, window):
    tab = window.tab("Playground")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.plane.isVisible)
    return tab


def _isolated(X: np.ndarray) -> int:
    """The index of the point farthest from its nearest neighbour: a click there can only
    land on it."""
    gaps = np.hypot(*(X[:, None, :] - X[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    return int(np.argmax(gaps.min(axis=1)))


def _click(plane, x: float, y: float, button=QtCore.Qt.MouseButton.LeftButton) -> None:
    QTest.mouseClick(plane.viewport(), button, QtCore.Qt.KeyboardModifier.NoModifier,
                     plane.data_to_widget(x, y))


def _forward(params, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z_L and softmax(z_L) of a tanh network: a = tanh(W a + b), the last layer linear."""
    a = x
    for W, b in params[:-1]:
        a = np.tanh(W @ a + b)
    W, b = params[-1]
    z = W @ a + b
    e = np.exp(z - z.max())
    return z, e / e.sum()


def test_clicking_a_point_traces_it_in_the_backpropagation_tab(qtbot, window):
    tab = _playground(qtbot, window)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.controls.feature_boxes["x1x2"].setChecked(True)
    assert tab.sessions[0].config.features == ("x1", "x2", "x1x2")
    tab.play()  # θ moves on while training: the click must pause first
    qtbot.waitUntil(lambda: tab.sessions[0].epoch_count >= 5, timeout=10000)
    s = tab.sessions[0]
    i = _isolated(s.X_train)
    x1, x2 = s.X_train[i]
    label = int(s.y_train[i])
    with qtbot.waitSignal(tab.running_changed):
        _click(tab.plane, x1, x2)
    assert not tab.is_running()
    backprop = window.tab("Backpropagation")
    assert window.tabs.currentWidget() is backprop
    page = backprop.small
    assert backprop.tabs.currentWidget() is page
    params = [(W.copy(), b.copy()) for W, b in s.params]  # paused: θ as the click took it
    assert s.epoch_count >= 5 and not np.allclose(params[0][0], s.initial_params[0][0])

    t = page.trace
    assert t.sizes == (3, 4, 2, 2)
    assert page.diagram.sizes == (3, 4, 2, 2) and len(page.diagram.units) == 3 + 4 + 2 + 2
    for (W, b), Wt, bt in zip(params, t.W, t.b):
        np.testing.assert_array_equal(Wt, W)
        np.testing.assert_array_equal(bt, b)
    x = np.array([x1, x2, x1 * x2])
    np.testing.assert_allclose(t.x[0], x, rtol=0, atol=1e-12)
    assert t.y.tolist() == [label]
    z, p = _forward(params, x)
    np.testing.assert_allclose(t.z[-1][0], z, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(t.p[0], p, rtol=1e-9, atol=1e-9)
    assert (t.activation, t.loss_name) == ("tanh", "cross_entropy")
    assert page.setup.optimizer == s.config.optimizer
    assert page.setup.hyper["lr"] == pytest.approx(s.config.hyper["lr"])
    assert page.form.activation.currentData() == "tanh"
    assert page.n_samples.value() == 1 and page.table.rowCount() == 1
    assert "x₁x₂" in page.source.text() and page.source.isVisible()

    # Stepping on, then Reset: back to the Playground's weights, not the seed's network.
    page.step_ten()
    assert not np.array_equal(page.trace.W[0], params[0][0])
    page.reset()
    np.testing.assert_array_equal(page.trace.W[0], params[0][0])


def test_a_click_beside_the_points_still_adds_one(qtbot, window):
    tab = _playground(qtbot, window)
    n = len(tab.y)
    with qtbot.waitSignal(tab.sessions_changed):
        _click(tab.plane, 5.8, 5.8)  # the circle's points lie within radius 5
    assert len(tab.y) == n + 1
    assert window.tabs.currentWidget() is tab


def test_a_network_too_big_to_step_through_is_refused_in_one_line(qtbot, window):
    tab = _playground(qtbot, window)
    for name in ("x1sq", "x2sq", "x1x2"):  # five inputs: the page shows 2 to 4
        tab.controls.feature_boxes[name].setChecked(True)
    while tab.controls.layer_rows[0].units < 8:
        tab.controls.layer_rows[0].plus.click()
    s = tab.sessions[0]
    assert s.config.sizes == [5, 8, 2, 2]
    i = _isolated(s.X_train)
    n = len(tab.y)
    _click(tab.plane, *s.X_train[i])
    message = window.statusBar().currentMessage()
    assert window.tabs.currentWidget() is tab  # the Playground stays
    assert len(tab.y) == n  # and the click added no point
    assert "\n" not in message
    assert "5 inputs" in message and "8 units" in message  # what is too big
    assert "2-4 inputs" in message and "at most 6 units" in message  # what would fit


def test_compare_mode_traces_the_network_of_the_plane_clicked(qtbot, window):
    tab = _playground(qtbot, window)
    with qtbot.waitSignal(tab.sessions_changed):
        tab.compare_settings.on.setChecked(True)
    assert [s.config.optimizer for s in tab.sessions] == ["sgd", "adam"]
    tab.step()
    tab.step()
    view = tab.compare_view.views[1]
    qtbot.waitUntil(lambda: view.width() > 100)
    s = tab.sessions[1]
    i = _isolated(s.X_train)
    _click(view, *s.X_train[i])
    page = window.tab("Backpropagation").small
    assert window.tabs.currentWidget() is window.tab("Backpropagation")
    assert page.setup.optimizer == "adam"
    np.testing.assert_array_equal(page.trace.W[0], s.params[0][0])
