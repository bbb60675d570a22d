"""The explorer tab, driven through its real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from PySide6 import QtCore

from gradlab.core import explorer_curves as ec
from gradlab.core.surfaces import Surface
from gradlab.gui.explorer.tab import ExplorerTab


@pytest.fixture
def tab(qtbot):
    widget = ExplorerTab()
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _ydata(item) -> np.ndarray:
    return np.array(item.getData()[1], dtype=np.float64, copy=True)


def test_import_does_not_import_torch():
    code = ("import sys, gradlab.gui.explorer.tab; "
            "print(sorted(m for m in ('torch',) if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_tab_has_four_sub_views(tab):
    titles = [tab.tabs.tabText(i) for i in range(tab.tabs.count())]
    assert titles == ["Activations", "Losses", "Loss surface of a model", "Check my gradients"]


def test_alpha_slider_changes_the_leaky_relu_curves(tab, qtbot):
    view = tab.activations
    view.checkboxes["leaky_relu"].setChecked(True)
    f_before = _ydata(view.f_curves["leaky_relu"])
    df_before = _ydata(view.df_curves["leaky_relu"])
    x = view.f_curves["leaky_relu"].getData()[0]
    view.alpha_slider.slider.setValue(view.alpha_slider.slider.value() + 15)  # α 0.05 → 0.20
    alpha = view.alpha_slider.value()
    assert alpha == pytest.approx(0.20)
    f_after = _ydata(view.f_curves["leaky_relu"])
    assert not np.array_equal(f_before, f_after)
    np.testing.assert_allclose(f_after, np.where(x > 0, x, alpha * x))
    np.testing.assert_allclose(_ydata(view.df_curves["leaky_relu"])[x < 0], alpha)
    assert not np.array_equal(df_before, _ydata(view.df_curves["leaky_relu"]))
    assert "0.20" in view.alpha_slider.value_label.text()


def test_toggling_an_activation_shows_and_hides_its_curves(tab):
    view = tab.activations
    box = view.checkboxes["gelu"]
    assert not box.isChecked() and not view.f_curves["gelu"].isVisible()
    legend = lambda: [label.text for _, label in view.f_plot.legend.items]
    assert "GELU" not in legend()
    box.click()
    assert view.f_curves["gelu"].isVisible() and view.df_curves["gelu"].isVisible()
    assert "GELU" in legend()
    box.click()
    assert not view.f_curves["gelu"].isVisible() and "GELU" not in legend()


def test_dead_and_saturated_regions_are_shaded(tab):
    view = tab.activations
    (dead,) = view.regions["relu"]
    lo, hi = dead.getRegion()
    assert lo == pytest.approx(-6.0) and abs(hi) < 0.02 and dead.isVisible()
    assert len(view.regions["sigmoid"]) == 2
    view.shade_box.click()
    assert not dead.isVisible()
    view.checkboxes["leaky_relu"].setChecked(True)
    view.alpha_slider.setValue(0.01)  # |f'| = 0.01 < 0.05 on the negative side
    assert len(view.regions["leaky_relu"]) == 1
    view.alpha_slider.setValue(0.3)
    assert view.regions["leaky_relu"] == []


def test_hover_readout_shows_x_f_and_derivative(tab, qtbot):
    view = tab.activations
    # a real mouse move over the f(x) plot, through the scene's signal
    with qtbot.waitSignal(view.graphics.scene().sigMouseMoved, timeout=2000):
        center = view.f_plot.vb.mapViewToScene(QtCore.QPointF(1.0, 0.0))
        qtbot.mouseMove(view.graphics.viewport(), view.graphics.mapFromScene(center))
    qtbot.waitUntil(lambda: "x = " in view.readout.text(), timeout=2000)
    view.show_readout(1.0)
    text = view.readout.text()
    assert "x = 1.000" in text
    assert "Sigmoid: f = 0.7311, f′ = 0.1966" in text
    assert "ReLU: f = 1.0000, f′ = 1.0000" in text
    assert view.cursor_lines[0].value() == pytest.approx(1.0)
    # the readout follows the controls: a new α, a newly shown function
    view.checkboxes["leaky_relu"].setChecked(True)
    view.alpha_slider.setValue(0.3)
    view.show_readout(-1.0)
    view.alpha_slider.setValue(0.1)
    assert "Leaky ReLU: f = -0.1000, f′ = 0.1000" in view.readout.text()
    view.checkboxes["gelu"].click()
    assert "GELU: f = " in view.readout.text()


def test_focal_sliders_change_the_focal_curve(tab):
    view = tab.losses
    before = _ydata(view.loss_items["focal"])
    view.gamma_slider.setValue(0.0)
    after = _ydata(view.loss_items["focal"])
    assert not np.array_equal(before, after)
    # γ = 0, α = 1: focal coincides with cross-entropy
    np.testing.assert_allclose(after, _ydata(view.loss_items["cross_entropy"]), rtol=1e-12)
    view.alpha_slider.setValue(0.5)
    np.testing.assert_allclose(_ydata(view.loss_items["focal"]), 0.5 * after, rtol=1e-12)
    assert "γ = 0" in view.checkboxes["focal"].text()


def test_weight_slider_scales_weighted_cross_entropy(tab):
    view = tab.losses
    view.checkboxes["weighted_cross_entropy"].setChecked(True)
    assert view.loss_items["weighted_cross_entropy"].isVisible()
    view.weight_slider.setValue(5.0)
    np.testing.assert_allclose(_ydata(view.loss_items["weighted_cross_entropy"]),
                               5.0 * _ydata(view.loss_items["cross_entropy"]), rtol=1e-9)


def test_slope_choice_switches_between_dp_and_dlogit(tab):
    view = tab.losses
    p = view.slope_items["cross_entropy"].getData()[0]
    np.testing.assert_allclose(_ydata(view.slope_items["cross_entropy"]), p - 1, atol=1e-12)
    view.slope_buttons["dvalue_dp"].click()
    np.testing.assert_allclose(_ydata(view.slope_items["cross_entropy"]), -1 / p, rtol=1e-9)
    assert "dL/dp" in view.slope_plot.titleLabel.text


def test_caption_explains_the_two_lessons(tab):
    text = tab.losses.caption.text()
    assert "p(1 − p)" in text and "(1 − p)^γ" in text
    ce = ec.loss_curve("cross_entropy", tab.losses.p)
    assert f"{ec.at(ce, 0.02, 'dvalue_dlogit'):.3f}" in text


def test_loss_choice_changes_the_surface(tab):
    view = tab.surface
    assert view.surface.name == "logistic_mse"
    assert view.layer.surface is None  # a hidden tab draws nothing
    tab.tabs.setCurrentWidget(view)
    assert view.layer.surface is view.surface
    image_before = np.array(view.layer.image.image, copy=True)
    view.loss_buttons["cross_entropy"].click()
    assert view.surface.name == "logistic_cross_entropy"
    assert view.layer.surface is view.surface
    assert not np.array_equal(image_before, view.layer.image.image)
    view.loss_buttons["focal"].click()
    focal2 = view.surface.value(1.0, 1.0)
    view.gamma_slider.setValue(4.0)
    assert view.surface.value(1.0, 1.0) != focal2


def test_clicking_a_point_shows_its_model(tab):
    view = tab.surface
    view.set_point(1.0, 0.0)
    assert "w = 1.00, b = 0.00" in view.point_label.text()
    np.testing.assert_allclose(_ydata(view.model_curve), 1 / (1 + np.exp(-view.model_x)))


def test_race_button_emits_the_surface(tab, qtbot):
    view = tab.surface
    view.loss_buttons["cross_entropy"].click()
    tab.tabs.setCurrentWidget(view)
    view.set_point(-2.0, 1.5)
    with qtbot.waitSignal(tab.race_requested, timeout=2000) as blocker:
        qtbot.mouseClick(view.race_button, QtCore.Qt.MouseButton.LeftButton)
    (surface,) = blocker.args
    assert isinstance(surface, Surface) and surface.name == "logistic_cross_entropy"
    assert surface.start == (-2.0, 1.5)  # the race starts at the picked point
    assert surface.minima == view.surface.minima
    gx, gy = surface.grad(np.zeros((2, 2)), np.zeros((2, 2)))
    assert gx.shape == (2, 2)


def test_gradient_check_shows_a_tiny_error_and_catches_a_bug(tab, qtbot):
    view = tab.gradients
    tab.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.checked, timeout=5000) as blocker:
        qtbot.mouseClick(view.check_button, QtCore.Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.relative_error < 1e-7 and result.passed
    assert f"{result.relative_error:.2e}" in view.result_label.text()
    assert "agrees" in view.result_label.text()
    x, y = view.points.getData()
    assert len(x) == result.n_params
    view.bug_box.setCurrentIndex(view.bug_box.findData("forgot_derivative"))
    assert "Press" in view.result_label.text()
    with qtbot.waitSignal(view.checked, timeout=5000) as blocker:
        qtbot.mouseClick(view.check_button, QtCore.Qt.MouseButton.LeftButton)
    assert blocker.args[0].relative_error > 1e-2
    assert "wrong" in view.result_label.text()
