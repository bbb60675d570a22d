"""The Backpropagation tab's small-network page, driven through its widgets (pytest-qt,
offscreen): stepping with buttons and keys, the equation for the selection, clicks in
the diagram, stepping back, Step ×10, rebuilding, the batch, presenter mode.

Oracles: the phase order and the diagram's counts are literals; the equation text is
`substituted(...)` called here with the arguments the learner's selection means; the
losses and the ten SGD steps are checked against torch autograd in float64."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gradlab.core.backprop.phases import edge_tooltip, phases_for, substituted, unit_tooltip
from gradlab.gui.backprop.tab import BackpropTab
from gradlab.gui.main_window import MainWindow

# The default network: 2 inputs, one hidden layer of 3, 2 outputs; sigmoid, cross-entropy, SGD.
KINDS = ["forward", "forward", "loss", "output_delta", "hidden_delta", "gradients", "update"]
LAYERS = [1, 2, None, None, 1, None, None]


@pytest.fixture
def tab(qtbot):
    widget = BackpropTab()
    qtbot.addWidget(widget)
    widget.resize(1500, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(tab):
    return tab.small


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_in_diagram(qtbot, page, key) -> None:
    diagram = page.diagram
    with qtbot.waitSignal(page.redrawn, timeout=2000):
        QTest.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         diagram.view_pos(key))


def _go_to(qtbot, page, kind: str, layer=None) -> None:
    while not (page.phase.kind == kind and (layer is None or page.phase.layer == layer)):
        _click(qtbot, page.step_button)
        assert page.step_index == 0, f"no phase {kind} {layer}"


def _assert_update_lines(page, expected: str) -> None:
    """The update phase shows every line of `substituted`: the optimizer's rule in the
    equation label (once), the numbers below it, in order."""
    shown = page.equation.numbers.text().split("\n")
    rule = page.equation.equation.text().split("\n")
    lines = expected.split("\n")
    assert lines[0] == f"{page.trace.optimizer.title}:"
    assert [line for line in lines[1:] if line not in rule] == shown
    assert [line for line in lines[1:] if line in rule] == rule[: len(lines) - 1 - len(shown)]
    assert shown[-1].startswith("Δ")


def test_import_does_not_import_torch():
    code = ("import sys, gradlab.gui.backprop.tab; "
            "print(sorted(m for m in ('torch',) if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_tab_has_the_two_pages(tab):
    titles = [tab.tabs.tabText(i) for i in range(tab.tabs.count())]
    assert titles == ["Small network", "Real network (MNIST)"]
    assert tab.tabs.widget(0) is tab.small and tab.tabs.widget(1) is tab.real


def test_buttons_step_through_every_phase_with_its_equation(qtbot, page):
    seen_kinds, seen_layers, texts = [], [], []
    for n in range(len(KINDS)):
        phase = page.phase
        seen_kinds.append(phase.kind)
        seen_layers.append(phase.layer)
        assert page.equation.equation.text() == phase.equation
        # The selection is the first hidden unit (1, 0): its numbers in layer 1's phases,
        # unit 0 of the layer in the others; with no weight selected, gradients and
        # update show that unit's bias.
        if phase.kind in ("gradients", "update"):
            expected = substituted(page.trace, phase, sample=0, layer=1, unit=0)
        else:
            expected = substituted(page.trace, phase, sample=0, unit=0)
        if phase.kind == "update":  # the rule's lines are the equation's, not repeated below
            _assert_update_lines(page, expected)
        else:
            assert page.equation.numbers.text() == expected, phase.title
        texts.append(page.equation.numbers.text())
        if n < len(KINDS) - 1:
            _click(qtbot, page.step_button)
    assert seen_kinds == KINDS and seen_layers == LAYERS
    assert len(set(texts)) == len(texts)  # every phase shows its own numbers
    assert "b₀⁽¹⁾" in texts[5] and "Δb₀⁽¹⁾" in texts[6]
    # Past the update: the optimizer's step taken, the next step's first phase.
    _click(qtbot, page.step_button)
    assert (page.step_index, page.phase_index) == (1, 0)
    assert len(page.history) == 2
    np.testing.assert_array_equal(page.history[1].W[0], page.history[0].next_params()[0][0])


def test_keys_step_without_a_prior_click(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    tab = window.tab("Backpropagation")
    window.tabs.setCurrentWidget(tab)
    page = tab.small
    qtbot.waitUntil(page.isVisible)
    with qtbot.waitActive(window):  # shortcuts are the active window's
        window.activateWindow()
    for n in range(1, len(KINDS)):
        QTest.keyClick(window, Qt.Key.Key_Right)
        assert page.phase_index == n and page.phase.kind == KINDS[n]
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert page.phase_index == len(KINDS) - 2
    page.pace.setCurrentIndex(page.pace.count() - 1)  # the fastest pace
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert page.timer.isActive() and page.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: page.step_index == 1, timeout=5000)  # played past the update
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert not page.timer.isActive() and page.play_button.text() == "Play"
    # In a text field the arrows are the field's own: no step.
    where = (page.step_index, page.phase_index)
    page.form.seed.setFocus()
    qtbot.waitUntil(page.form.seed.hasFocus)
    QTest.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Right)
    assert (page.step_index, page.phase_index) == where
    # Another tab shown: its keys are not this page's.
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.isVisible())
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert (page.step_index, page.phase_index) == where
    # Help > Keyboard shortcuts names each of them.
    from gradlab.gui.help import shortcut_rows

    rows = {(what, key) for where, what, key in shortcut_rows(window) if where == "Backpropagation tab"}
    assert {("Next phase", "Right"), ("Previous phase", "Left"), ("Play or pause the phases", "Space")} <= rows


def test_clicking_a_unit_and_an_edge_selects_them(qtbot, page):
    assert page.phase.kind == "forward" and page.phase.layer == 1
    before = page.equation.numbers.text()
    _click_in_diagram(qtbot, page, (1, 2))
    assert page.selection == (1, 2)
    assert page.diagram.units[1, 2].ring.isVisible() and not page.diagram.units[1, 0].ring.isVisible()
    text = page.equation.numbers.text()
    assert text == substituted(page.trace, page.phase, sample=0, unit=2)
    assert text != before and text.startswith("z₂⁽¹⁾")
    _go_to(qtbot, page, "gradients")
    _click_in_diagram(qtbot, page, (2, 1, 0))
    assert page.selection == (2, 1, 0)
    text = page.equation.numbers.text()
    assert text == substituted(page.trace, page.phase, sample=0, layer=2, weight=(1, 0))
    assert text.startswith("∂C/∂W₁₀⁽²⁾")
    # The detail line: each sample's term δᵢ₁ aᵢ₀, whose mean is the gradient.
    t = page.trace
    terms = t.delta[1][:, 1] * t.a[1][:, 0]
    assert np.mean(terms) == pytest.approx(t.grad_W[1][1, 0], rel=1e-12, abs=1e-15)
    assert f"{terms[2]:.4g}".replace("-", "−") in page.equation.detail.text()
    _click_in_diagram(qtbot, page, (1, 0, 1))
    assert page.selection == (1, 0, 1)
    assert page.equation.numbers.text().startswith("∂C/∂W₀₁⁽¹⁾")


def test_hover_text_is_the_core_tooltips(qtbot, page):
    t = page.trace
    assert page.diagram.units[1, 1].toolTip() == unit_tooltip(t, 1, 1, 0)
    assert page.diagram.edges[2, 0, 2].toolTip() == edge_tooltip(t, 2, 0, 2, 0)
    page.show_box.setCurrentIndex(2)
    assert page.diagram.units[0, 1].toolTip() == unit_tooltip(t, 0, 1, 2)


def test_step_back_restores_the_same_text_and_numbers(qtbot, page):
    _click_in_diagram(qtbot, page, (1, 1))
    shown = []
    for _ in range(len(KINDS) + 2):  # into the next step
        shown.append((page.trace, page.phase_index, page.equation.numbers.text(),
                      page.diagram.units[1, 1].text.text(), page.diagram.units[1, 1].toolTip()))
        _click(qtbot, page.step_button)
    assert page.step_index == 1
    for trace, index, text, unit_text, tip in reversed(shown):
        _click(qtbot, page.back_button)
        assert page.trace is trace and page.phase_index == index
        assert page.equation.numbers.text() == text
        assert page.diagram.units[1, 1].text.text() == unit_text
        assert page.diagram.units[1, 1].toolTip() == tip
    assert not page.back_button.isEnabled()
    # Forward again: the kept trace, not a new one.
    kept = page.history[1]
    for _ in range(len(KINDS)):
        _click(qtbot, page.step_button)
    assert page.trace is kept


def _torch_losses(params, x, y, lr: float, steps: int) -> list[float]:
    """The oracle: a sigmoid MLP, softmax cross-entropy, plain SGD, in torch float64."""
    import torch

    ws = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W, _ in params]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for _, b in params]
    xt, yt = torch.tensor(x, dtype=torch.float64), torch.tensor(y)
    out = []
    for _ in range(steps + 1):
        a = xt
        for i, (W, b) in enumerate(zip(ws, bs)):
            z = a @ W.T + b
            a = torch.sigmoid(z) if i < len(ws) - 1 else z
        loss = torch.nn.functional.cross_entropy(a, yt)
        out.append(float(loss.detach()))
        grads = torch.autograd.grad(loss, [*ws, *bs])
        with torch.no_grad():
            for p, g in zip([*ws, *bs], grads):
                p -= lr * g
    return out


def test_step_ten_lowers_the_loss_as_torch_does(qtbot, page):
    assert page.form.optimizer.currentData() == "sgd"
    assert page.form.hyper["lr"].value() == 0.5
    start = page.trace
    params = [(np.array(W), np.array(b)) for W, b in zip(start.W, start.b)]
    expected = _torch_losses(params, start.x, start.y, 0.5, 10)
    with qtbot.waitSignal(page.redrawn, timeout=2000):
        _click(qtbot, page.ten_button)
    assert page.step_index == 10 and len(page.history) == 11
    losses = page.losses()
    np.testing.assert_allclose(losses, expected, rtol=1e-9)
    assert losses[-1] < 0.8 * losses[0]  # pinned: 0.938 → 0.694 on the default batch
    x, y = page.loss_plot.curve.getData()
    np.testing.assert_allclose(y, losses)
    assert list(page.loss_plot.marker.getData()[0]) == [10.0]


def test_changing_the_size_rebuilds_the_diagram(qtbot, page):
    form = page.form
    form.inputs.setValue(3)
    form.depth.setValue(2)
    form.widths[0].setValue(4)
    form.widths[1].setValue(5)
    form.outputs.setValue(3)
    assert page.trace.sizes == (3, 4, 5, 3)
    assert len(page.diagram.units) == 3 + 4 + 5 + 3
    assert len(page.diagram.edges) == 3 * 4 + 4 * 5 + 5 * 3
    assert len(page.diagram.scene().items()) > 15 + 47
    assert page.table.rowCount() == 4 and page.table.columnCount() == 4
    kinds = [p.kind for p in phases_for(page.trace)]
    assert kinds == ["forward"] * 3 + ["loss", "output_delta", "hidden_delta", "hidden_delta",
                                       "gradients", "update"]
    for _ in range(len(kinds) - 1):
        _click(qtbot, page.step_button)
    assert page.phase.kind == "update" and page.step_index == 0
    form.depth.setValue(1)
    assert page.trace.sizes == (3, 4, 3) and len(page.diagram.edges) == 3 * 4 + 4 * 3
    assert page.phase_index == 0


def test_nudges_follow_the_backward_pass(qtbot, page):
    arrows = lambda layer: [page.diagram.units[layer, j].arrow.isVisible()  # noqa: E731
                            for j in range(page.trace.sizes[layer])]
    assert not any(arrows(0) + arrows(1) + arrows(2))  # forward: no nudges yet
    _go_to(qtbot, page, "output_delta")
    assert all(arrows(2)) and not any(arrows(1) + arrows(0))
    t = page.trace
    for j in range(2):  # up (negative scene y) where −δ > 0
        tip_y = page.diagram.units[2, j].arrow.path().boundingRect().top()
        assert (tip_y < -1.0) == (-t.delta[1][0, j] > 0)
    _go_to(qtbot, page, "hidden_delta", 1)
    assert all(arrows(2) + arrows(1)) and not any(arrows(0))
    _go_to(qtbot, page, "gradients")
    assert all(arrows(0) + arrows(1) + arrows(2))
    largest = max(np.abs(t.delta[1][0]).max(), np.abs(t.dC_da[1][0]).max(), np.abs(t.dC_da[0][0]).max())
    assert f"{largest:.4g}" in page.caption.text()
    assert "−∂C/\u2060∂a" in page.caption.text()  # (a word joiner: no line break after "/")


def test_the_batch_shows_each_sample_and_the_mean(qtbot, page):
    _go_to(qtbot, page, "hidden_delta", 1)
    page.show_box.setCurrentIndex(page.show_box.count() - 1)  # "batch"
    assert page.sample is None
    lines = page.equation.numbers.text().split("\n")
    assert lines == [f"sample {i}:  " + substituted(page.trace, page.phase, sample=i, unit=0)
                     for i in range(4)]
    assert not any(u.arrow.isVisible() for u in page.diagram.units.values())
    page.show_box.setCurrentIndex(3)
    assert page.equation.numbers.text() == substituted(page.trace, page.phase, sample=3, unit=0)


def test_typing_in_the_batch_retraces(qtbot, page):
    page.table.item(0, 0).setText("2.5")
    assert page.trace.x[0, 0] == 2.5
    assert page.equation.numbers.text() == substituted(page.trace, page.phase, sample=0, unit=0)
    assert "(2.500)" in page.equation.numbers.text()
    page.table.item(1, 2).setText("1")  # sample 1's label
    assert page.trace.y[1] == 1
    page.table.item(0, 1).setText("abc")
    assert page.table.item(0, 1).text() == f"{page.trace.x[0, 1]:.2f}"
    assert page.message.isVisibleTo(page) and "sample 0" in page.message.text()
    page.table.item(0, 2).setText("7")  # no class 7 among 2
    assert page.trace.y[0] == page.table.y[0] != 7


def test_settings_retrace_the_step_shown(qtbot, page):
    _click(qtbot, page.ten_button)
    _click(qtbot, page.back_button)  # step 9, the update phase
    assert page.step_index == 9
    kept = page.history[:9]
    page.form.activation.setCurrentIndex(page.form.activation.findData("tanh"))
    assert page.trace.activation == "tanh" and len(page.history) == 10
    assert all(a is b for a, b in zip(page.history[:9], kept))
    np.testing.assert_array_equal(page.trace.W[0], kept[8].next_params()[0][0])
    page.form.loss.setCurrentIndex(page.form.loss.findData("focal"))
    assert page.trace.loss_name == "focal" and page.trace.loss_params["gamma"] == 2.0
    assert "Focal" in page.equation.title.text() or page.phase.kind != "loss"
    page.form.optimizer.setCurrentIndex(page.form.optimizer.findData("adam"))
    assert page.trace.optimizer.name == "adam"
    assert page.phase.kind == "update" and "Adam" in page.equation.title.text()
    _assert_update_lines(page, substituted(page.trace, page.phase, sample=0, layer=1, unit=0))
    _click(qtbot, page.reset_button)
    assert (page.step_index, page.phase_index, len(page.history)) == (0, 0, 1)


@pytest.mark.parametrize("presenter", [False, True], ids=["normal", "presenter"])
def test_a_1280_by_720_projector_keeps_the_diagram_readable(qtbot, presenter):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.set_presenter(presenter)
    tab = window.tab("Backpropagation")
    window.tabs.setCurrentWidget(tab)
    page = tab.small
    qtbot.waitUntil(page.isVisible)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    _go_to(qtbot, page, "gradients")
    QtWidgets.QApplication.processEvents()
    diagram = page.diagram
    assert diagram.width() >= 500 and diagram.height() >= 300, diagram.size()
    assert page.diagram.unit_radius_px() >= 20  # circles large enough to read their values
    # The equation's lines are whole: each label is as tall as its wrapped text.
    for label in (page.equation.title, page.equation.equation, page.equation.numbers):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert label.width() <= page.equation.width()
    # The settings column's controls fit it, beside its scroll bar (none cut at the edge).
    scroll = page.panel
    room = scroll.width() - scroll.verticalScrollBar().sizeHint().width()
    assert scroll.widget().minimumSizeHint().width() <= room
    assert not page.equation.verticalScrollBar().isVisible()  # the whole equation in view
    if presenter:  # the largest text on the page
        assert page.equation.equation.font().pointSizeF() > 1.8 * QtWidgets.QApplication.font().pointSizeF()
    # Adam's update: a rule of six lines. The panel scrolls rather than pushing the
    # window past 720 lines or squeezing the diagram away.
    page.form.optimizer.setCurrentIndex(page.form.optimizer.findData("adam"))
    _click(qtbot, page.step_button)
    assert page.phase.kind == "update"
    QtWidgets.QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    assert (window.width(), window.height()) == (1280, 720)
    assert page.diagram.height() >= 220 and page.diagram.unit_radius_px() >= 18
    # Eight samples' forward lines at once: far taller than the page can give; they scroll.
    page.n_samples.setValue(8)
    page.show_box.setCurrentIndex(page.show_box.count() - 1)
    assert page.equation.numbers.text().count("\n") == 7
    QtWidgets.QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    assert page.diagram.height() >= 220 and page.diagram.unit_radius_px() >= 18
    assert page.equation.verticalScrollBar().isVisible()


def test_a_loss_the_core_refuses_is_explained_and_changes_nothing(qtbot, page):
    page.form.loss.setCurrentIndex(page.form.loss.findData("weighted_cross_entropy"))
    assert page.trace.loss_params["weights"] == [1.0, 2.0]
    page.form.class_weights[0].setValue(0.0)
    before = page.trace
    assert before.loss_params["weights"] == [0.0, 2.0] and not page.message.isVisibleTo(page)
    page.form.class_weights[1].setValue(0.0)  # every label's weight 0: the loss is 0/0
    assert page.message.isVisibleTo(page) and "weights" in page.message.text()
    assert page.trace is before and len(page.history) == 1
    page.form.class_weights[0].setValue(1.0)
    assert not page.message.isVisibleTo(page)
    assert page.trace.loss_params["weights"] == [1.0, 0.0]
    # A batch edit the core refuses (the only sample of class 0 joins class 1, whose
    # weight is 0) is put back: the table shows the batch the trace was made on.
    page.n_samples.setValue(2)
    assert not page.message.isVisibleTo(page)
    labels = page.trace.y.tolist()
    assert sorted(labels) == [0, 1] and page.trace.loss_params["weights"] == [1.0, 0.0]
    zero = labels.index(0)
    page.table.item(zero, 2).setText("1")
    assert page.message.isVisibleTo(page) and "weights" in page.message.text()
    assert page.table.y.tolist() == page.trace.y.tolist() == labels
    assert page.table.item(zero, 2).text() == "0"
    # A new batch the weights cannot weigh (one sample, of class 0, weight 0): the new
    # network is shown with plain cross-entropy, and the page says why.
    page.form.class_weights[1].setValue(1.0)
    page.form.class_weights[0].setValue(0.0)
    page.n_samples.setValue(1)
    assert page.trace.y.tolist() == [0] and page.trace.loss_name == "cross_entropy"
    assert "cross-entropy shown instead" in page.message.text() and page.message.isVisibleTo(page)


def test_the_window_registers_the_tab_with_its_title_and_hint(qtbot):
    from gradlab.gui.main_window import LAZY_TABS, TAB_HINTS

    assert ("Backpropagation", "gradlab.gui.backprop.tab", "BackpropTab") in LAZY_TABS
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("Backpropagation") == titles.index("Explorer") + 1
    window.tabs.setCurrentIndex(titles.index("Backpropagation"))  # builds the lazy tab
    assert isinstance(window.tabs.currentWidget(), BackpropTab)
    assert window.windowTitle() == "GradLab — backpropagation"
    assert window.statusBar().currentMessage() == TAB_HINTS["Backpropagation"]


def test_the_diagram_stays_put_from_phase_to_phase(qtbot, page):
    """The equation panel keeps one height, so the diagram above it does not jump."""
    panel, diagram = set(), set()
    for _ in range(len(KINDS)):
        _click(qtbot, page.step_button)
        QtWidgets.QApplication.processEvents()
        panel.add(page.equation.height())
        diagram.add((page.diagram.mapTo(page, page.diagram.rect().topLeft()).y(), page.diagram.height()))
    assert len(panel) == 1 and len(diagram) == 1, (panel, diagram)


def test_the_loss_plot_ticks_whole_steps_only():
    from gradlab.gui.backprop.loss_plot import StepAxis

    axis = StepAxis("bottom")
    for low, high, size in ((0, 1, 400), (0, 3, 900), (-0.05, 1.05, 200)):
        assert all(spacing >= 1 for spacing, _ in axis.tickSpacing(low, high, size))
