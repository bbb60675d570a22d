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
from gradlab.gui.formulas import plain


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
    dx = view.df_curves["leaky_relu"].getData()[0]  # f' has its own x: split at the jump
    np.testing.assert_allclose(_ydata(view.df_curves["leaky_relu"])[dx < 0], alpha)
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
    text = plain(tab.losses.caption.text())  # shown with its formulas joined (gui/formulas.py)
    assert "p(1 − p)" in text and "(1 − p)ᵞ" in text
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


# -- issue 18: δ⁽ᴸ⁾ per loss, notation, f' with its jumps, the loss plots' axes -------------


def test_gradient_check_shows_the_output_delta_of_the_chosen_loss(tab):
    view = tab.gradients
    forms = {  # pinned: each loss's ∂Cᵢ/∂zᵢ⁽ᴸ⁾ (the MSE one is checked numerically in test_explorer_curves)
        "cross_entropy": "δᵢ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = pᵢ − onehot(yᵢ)",
        "mse": "δᵢ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = 2(zᵢ⁽ᴸ⁾ − tᵢ)/K",
        "weighted_cross_entropy": "δᵢ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = (N w_yᵢ / Σⱼ w_yⱼ)(pᵢ − onehot(yᵢ))",
        "focal": "δᵢ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = α_yᵢ (1 − pₜ)ᵞ",
        "softmax_mse": "δᵢ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = pᵢ ⊙ (gᵢ − (gᵢ · pᵢ))",
    }
    for loss, form in forms.items():
        view.loss_box.setCurrentIndex(view.loss_box.findData(loss))
        text = view.equations.text()
        assert form in text, (loss, text)
        assert "softmax + CE" not in text
        if loss in ("mse", "softmax_mse"):
            assert "pᵢ − onehot(yᵢ)\n" not in text and "p − y" not in text
    assert "∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ\n" in view.equations.text()


def _explorer_texts(tab) -> list[str]:
    """Every text the explorer shows: labels, buttons, combo items, plot titles, axis labels,
    legends."""
    import pyqtgraph as pg
    from PySide6 import QtWidgets

    texts = []
    for w in tab.findChildren(QtWidgets.QWidget):
        if isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QtWidgets.QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
    for view in (tab.activations, tab.losses, tab.surface, tab.gradients):
        for plot in view.findChildren(pg.GraphicsView):
            for item in plot.scene().items():
                if isinstance(item, pg.PlotItem):
                    texts.append(item.titleLabel.text)
                    texts += [item.getAxis(k).labelText for k in ("left", "bottom")]
                    if item.legend is not None:
                        texts += [label.text for _, label in item.legend.items]
    return texts


def test_explorer_notation_is_unicode_and_delta_a_transposed(tab):
    import re

    for name in ("weighted_cross_entropy", "focal", "softmax_mse_10", "leaky_relu"):
        box = tab.losses.checkboxes.get(name) or tab.activations.checkboxes[name]
        box.setChecked(True)
    for key in ("cross_entropy", "focal"):  # both formulas of the model surface
        tab.surface.loss_buttons[key].setChecked(True)
        texts = _explorer_texts(tab)
        text = "\n".join(texts)
        assert "^" not in text, [t for t in texts if "^" in t]
        # "_" + a letter or a brace: an ASCII subscript (w_y of the backprop tab's δ⁽ᴸ⁾ forms
        # excepted: Unicode has no subscript y).
        bad = [t for t in texts if re.search(r"_(?!y)[A-Za-z{]", t)]
        assert not bad, bad
        assert "λ_max" not in text and "p_t" not in text
    bugs = [tab.gradients.bug_box.itemText(i) for i in range(tab.gradients.bug_box.count())]
    assert "∂C/∂W = a δᵀ reshaped, not δ aᵀ" in bugs
    assert not any("δᵀa" in t or "δᵀ a" in t for t in _explorer_texts(tab))


def test_one_name_per_loss_across_the_explorer(tab):
    from gradlab.core import losses

    titles = {n: losses.get(n, **({"weights": [1.0]} if n == "weighted_cross_entropy" else {})).title
              for n in losses.names()}
    labels = [tab.losses.checkboxes[k].text() for k in tab.losses.checkboxes]
    for key, title in (("cross_entropy", "Cross-entropy"), ("weighted_cross_entropy", "Weighted cross-entropy"),
                       ("focal", "Focal loss"), ("softmax_mse", "MSE on softmax")):
        assert titles[key] == title
        assert any(label.startswith(title) for label in labels), (title, labels)
    assert [b.text() for b in tab.surface.loss_buttons.values()][1:] == ["Cross-entropy", "Focal loss"]


def _finite_segments(item) -> np.ndarray:
    """|Δy| of each drawn segment (both ends finite: connect="finite" breaks at NaN)."""
    x, y = (np.asarray(a, dtype=np.float64) for a in item.getData())
    both = np.isfinite(y[:-1]) & np.isfinite(y[1:])
    return np.abs(np.diff(y))[both]


@pytest.mark.parametrize("name,alpha,left", [("relu", None, 0.0), ("leaky_relu", 0.2, 0.2), ("elu", 0.5, 0.5)])
def test_a_jump_in_f_prime_is_a_gap_with_open_and_closed_dots(tab, name, alpha, left):
    view = tab.activations
    view.checkboxes[name].setChecked(True)
    if alpha is not None:
        view.alpha_sliders[name].setValue(alpha)
    item = view.df_curves[name]
    assert item.opts["connect"] == "finite"
    # No vertical segment: every drawn segment is short (the grid step is 0.01).
    assert _finite_segments(item).max() < 0.05
    x, y = item.getData()
    k = int(np.flatnonzero(np.isnan(y))[0])
    assert (x[k - 1], y[k - 1]) == pytest.approx((0.0, left)) and (x[k + 1], y[k + 1]) == pytest.approx((0.0, 1.0))
    closed, opened = view.closed_dots[name].getData(), view.open_dots[name].getData()
    assert list(closed[0]) == [0.0] and list(closed[1]) == pytest.approx([left])  # torch: f'(0) = left side
    assert list(opened[0]) == [0.0] and list(opened[1]) == pytest.approx([1.0])
    assert view.closed_dots[name].isVisible() and view.open_dots[name].isVisible()
    view.checkboxes[name].setChecked(False)
    assert not view.closed_dots[name].isVisible() and not view.open_dots[name].isVisible()


def test_smooth_derivatives_have_no_gap_and_elu_with_alpha_one_neither(tab):
    view = tab.activations
    for name in ("sigmoid", "tanh", "gelu", "softplus", "swish", "elu"):
        view.checkboxes[name].setChecked(True)
        x, y = view.df_curves[name].getData()
        assert np.isfinite(y).all() and len(view.closed_dots[name].getData()[0]) == 0, name
    view.alpha_sliders["elu"].setValue(0.5)
    assert np.isnan(view.df_curves["elu"].getData()[1]).sum() == 1
    view.alpha_sliders["elu"].setValue(1.0)
    assert np.isfinite(view.df_curves["elu"].getData()[1]).all()


def test_loss_axes_never_scale_p_by_an_si_prefix(tab, qtbot):
    view = tab.losses
    tab.tabs.setCurrentWidget(view)
    view.slope_buttons["dvalue_dlogit"].setChecked(True)
    view.slope_plot.setXRange(0.05, 0.9, padding=0)  # a range below 1: pyqtgraph would say "(x0.001)"
    for plot in (view.loss_plot, view.slope_plot):
        for side in ("bottom", "left"):
            axis = plot.getAxis(side)
            qtbot.waitUntil(lambda: axis.range[1] < 1.0 or side == "left", timeout=2000)
            assert axis.autoSIPrefixScale == 1.0 and "(x" not in axis.labelString(), (side, axis.labelString())


@pytest.mark.parametrize("slope", ["dvalue_dlogit", "dvalue_dp"])
def test_a_large_class_weight_stays_on_both_plots(tab, slope):
    view = tab.losses
    tab.tabs.setCurrentWidget(view)
    view.slope_buttons[slope].setChecked(True)
    view.checkboxes["weighted_cross_entropy"].setChecked(True)
    view.weight_slider.setValue(8.3)
    curve = view.curves["weighted_cross_entropy"]
    p = curve.p
    # An independent oracle: weighted CE of this sample is wₜ (−log p), its ∂/∂zₜ wₜ (p − 1).
    np.testing.assert_allclose(curve.value, -8.3 * np.log(p), rtol=1e-9)
    (_, _), (y0, y1) = view.loss_plot.vb.viewRange()
    seen = p >= 0.05  # the default range also leaves cross-entropy's tail near p = 0 out
    assert y1 >= (-8.3 * np.log(p[seen])).max() and y0 <= 0
    (_, _), (s0, s1) = view.slope_plot.vb.viewRange()
    if slope == "dvalue_dlogit":
        assert s0 <= (8.3 * (p - 1)).min() and s1 >= 0
    else:  # dL/dp = −wₜ/p: shown as far as the default range shows cross-entropy's −1/p
        assert s0 <= (-8.3 / p[p >= 0.1]).min()
    view.weight_slider.setValue(1.0)  # back to the default ranges
    assert view.loss_plot.vb.viewRange()[1] == pytest.approx([0.0, 4.5])
