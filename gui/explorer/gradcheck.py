"""The explorer's "Check my gradients" view: backprop against finite differences.

`gradlab.core.gradient_check.run` builds a small MLP on random data and compares every
entry of its backprop gradient with a central finite difference. The scatter puts each
entry at (finite difference, backprop): on the diagonal when backprop is right. A learner
can plant a classic bug and watch the points leave the line and the error jump.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core import activations, losses
from gradlab.core import gradient_check as gc
from gradlab.gui.explorer.widgets import BACKGROUND, side_panel, wrapped_label
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.title import fit_titles

def equations(loss: str) -> str:
    """The panel's equations, in the backprop tab's notation (layers as superscripts,
    δ aᵀ for the weight gradient), with the δ⁽ᴸ⁾ of `loss` (`gc.output_delta`)."""
    return (
        "Forward, layer by layer:\n"
        "  z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾\n"
        "  a⁽ˡ⁾ = f(z⁽ˡ⁾)  (output layer L: linear)\n"
        "Backward, from the output:\n"
        f"  {gc.output_delta(loss)}\n"
        "  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)\n"
        "  ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ\n"
        "  ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾\n"
        "  (both averaged over the samples i)\n"
        "Check each entry θₖ:\n"
        "  ĝₖ = [C(θ + εeₖ) − C(θ − εeₖ)] / 2ε\n"
        "  error = ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)"
    )


class GradientCheckView(QtWidgets.QWidget):
    """Network choices, a planted bug, the button, the error and the scatter."""

    checked = QtCore.Signal(object)  # the core CheckResult, after each check

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: gc.CheckResult | None = None

        panel, controls = side_panel()
        sizes = "-".join(str(n) for n in gc.SIZES)
        controls.addWidget(QtWidgets.QLabel("<b>Hand-written backpropagation</b>"))
        controls.addWidget(wrapped_label(
            f"A {sizes} network on {gc.SAMPLES} random samples, in float64. Its gradient "
            "from backprop is compared with finite differences, entry by entry."))
        form = QtWidgets.QFormLayout()
        self.activation_box = QtWidgets.QComboBox()
        for name in activations.names():
            self.activation_box.addItem(activations.get(name).title, name)
        self.activation_box.setCurrentIndex(activations.names().index("tanh"))
        self.loss_box = QtWidgets.QComboBox()
        for name in losses.names():
            self.loss_box.addItem(losses.get(name, **gc.loss_params(name)).title, name)
        self.loss_box.setCurrentIndex(losses.names().index("cross_entropy"))
        self.bug_box = QtWidgets.QComboBox()
        for key, text in gc.BUGS.items():
            self.bug_box.addItem(text, key)
        form.addRow("Activation", self.activation_box)
        form.addRow("Loss", self.loss_box)
        form.addRow("Plant a bug", self.bug_box)
        controls.addLayout(form)
        self.check_button = QtWidgets.QPushButton("Check my gradients")
        self.check_button.clicked.connect(self.run_check)
        controls.addWidget(self.check_button)
        self.result_label = wrapped_label(rich=True)
        self.result_label.setMinimumHeight(60)
        controls.addWidget(self.result_label)
        self.equations = wrapped_label(equations(self.loss_box.currentData()))
        # A font with only its family set, not a style sheet: the size still follows the
        # window's font (presenter mode), as a styled label's would not.
        mono = QtGui.QFont()
        mono.setFamilies(["monospace"])
        mono.setStyleHint(QtGui.QFont.StyleHint.TypeWriter)
        self.equations.setFont(mono)
        controls.addWidget(self.equations)
        controls.addStretch(1)

        self.plot_widget = pg.PlotWidget(background=BACKGROUND, axisItems=tidy_axes())
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setTitle("Every entry: finite difference ĝₖ against backprop gₖ")
        self.plot.setLabel("bottom", "finite difference ĝₖ")
        self.plot.setLabel("left", "backprop gₖ")
        self.plot.setAspectLocked(True)
        for key in ("bottom", "left"):
            self.plot.getAxis(key).enableAutoSIPrefix(False)  # plain gradients, no "×0.001"
        self.diagonal = self.plot.plot(pen=pg.mkPen((150, 150, 150), width=1, style=QtCore.Qt.PenStyle.DashLine))
        self.points = pg.ScatterPlotItem(size=8, pen=pg.mkPen(None), brush=pg.mkBrush(31, 119, 180, 200))
        self.plot.addItem(self.points)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        fit_titles(self.plot_widget)
        layout.addWidget(self.plot_widget, 1)

        for box in (self.activation_box, self.loss_box, self.bug_box):
            box.currentIndexChanged.connect(self._clear)
        self._clear()

    def _clear(self, *_: object) -> None:
        self.result = None
        self.equations.setText(equations(self.loss_box.currentData()))
        self.result_label.setText("Press <b>Check my gradients</b>.")
        self.points.setData([], [])
        self.diagonal.setData([], [])

    def run_check(self) -> gc.CheckResult:
        """Run the check (a few milliseconds: no thread needed) and show it."""
        result = gc.run(self.activation_box.currentData(), self.loss_box.currentData(),
                        self.bug_box.currentData())
        self.result = result
        verdict = ("<span style='color:#2ca02c'>✔ backprop agrees with finite differences</span>"
                   if result.passed else
                   "<span style='color:#d62728'>✘ backprop is wrong somewhere</span>")
        self.result_label.setText(
            f"Relative error <b>{result.relative_error:.2e}</b> over {result.n_params} parameters "
            f"(tolerance {gc.TOLERANCE:g})<br>{verdict}")
        self.points.setData(result.numeric, result.analytic,
                            brush=pg.mkBrush(44, 160, 44, 200) if result.passed else pg.mkBrush(214, 39, 40, 200))
        lim = float(np.max(np.abs(np.concatenate([result.numeric, result.analytic])))) * 1.1 or 1.0
        self.diagonal.setData([-lim, lim], [-lim, lim])
        self.plot.setRange(xRange=(-lim, lim), yRange=(-lim, lim))
        self.checked.emit(result)
        return result
