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
from gradlab.gui.explorer.widgets import BACKGROUND, bold, escaped, side_panel, wrapped_label
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.terms import activation_title, loss_title

# The core's planted bugs (`gc.BUGS`), marked for translation; the English text is the
# core's own (a test keeps them equal).
BUGS = {
    "none": QT_TRANSLATE_NOOP("ExplorerGradcheck", "No bug: the textbook equations"),
    "forgot_derivative": QT_TRANSLATE_NOOP("ExplorerGradcheck", "Forgot ⊙ f′(z⁽ˡ⁾) in δ⁽ˡ⁾"),
    "bias_mean": QT_TRANSLATE_NOOP("ExplorerGradcheck", "∂C/∂b = mean of δ instead of sum"),
    "untransposed": QT_TRANSLATE_NOOP("ExplorerGradcheck", "∂C/∂W = a δᵀ reshaped, not δ aᵀ"),
}
# Words the core writes into a δ⁽ᴸ⁾ formula (`gc.output_delta("mse")`), translated here.
OUTPUT_COUNT = QT_TRANSLATE_NOOP("ExplorerGradcheck", "number of outputs")


def equations(loss: str) -> str:
    """The panel's equations, in the backprop tab's notation (layers as superscripts,
    δ aᵀ for the weight gradient), with the δ⁽ᴸ⁾ of `loss` (`gc.output_delta`)."""
    delta = gc.output_delta(loss).replace(OUTPUT_COUNT, translate("ExplorerGradcheck", OUTPUT_COUNT))
    return translate(
        "ExplorerGradcheck",
        "Forward, layer by layer:\n"
        "  z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾\n"
        "  a⁽ˡ⁾ = f(z⁽ˡ⁾)  (output layer L: linear)\n"
        "Backward, from the output:\n"
        "  {output_delta}\n"
        "  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)\n"
        "  ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ\n"
        "  ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾\n"
        "  (both averaged over the samples i)\n"
        "Check each entry θₖ:\n"
        "  ĝₖ = [C(θ + εeₖ) − C(θ − εeₖ)] / 2ε\n"
        "  error = ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)").format(output_delta=delta)


RIGHT_MARGIN = 10  # pixels between the plot's right edge and the window's


class GradientCheckView(QtWidgets.QWidget):
    """Network choices, a planted bug, the button, the error and the scatter."""

    checked = QtCore.Signal(object)  # the core CheckResult, after each check

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: gc.CheckResult | None = None

        panel, controls = side_panel()
        self.heading = QtWidgets.QLabel()
        controls.addWidget(self.heading)
        self.intro = wrapped_label()
        controls.addWidget(self.intro)
        form = QtWidgets.QFormLayout()
        self.activation_box = QtWidgets.QComboBox()
        for name in activations.names():
            self.activation_box.addItem("", name)
        self.activation_box.setCurrentIndex(activations.names().index("tanh"))
        self.loss_box = QtWidgets.QComboBox()
        for name in losses.names():
            self.loss_box.addItem("", name)
        self.loss_box.setCurrentIndex(losses.names().index("cross_entropy"))
        self.bug_box = QtWidgets.QComboBox()
        for key in gc.BUGS:
            self.bug_box.addItem("", key)
        self.form_labels: list[QtWidgets.QLabel] = []
        for box in (self.activation_box, self.loss_box, self.bug_box):
            label = QtWidgets.QLabel()
            label.setBuddy(box)
            form.addRow(label, box)
            self.form_labels.append(label)
        controls.addLayout(form)
        self.check_button = QtWidgets.QPushButton()
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
        self.plot.setTitle(" ")
        self.plot.setAspectLocked(True)
        # A plot alone in its widget has no layout around it: the room on the right that the
        # explorer's other plots get from theirs (a GraphicsLayout's 9 px and the plot's 1 px).
        self.plot.layout.setContentsMargins(1, 1, RIGHT_MARGIN, 1)
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
        self.retranslate()  # the texts, then the empty result (_clear)

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt's name
        # Qt's own way (ExplorerTab.changeEvent says why not i18n.on_language_change).
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text this view sets once, in the language now chosen. A result shown is
        shown again in the new language (no check is run)."""
        self.heading.setText(bold(
            translate("ExplorerGradcheck", "Hand-written backpropagation")))
        self.intro.setText(translate(
            "ExplorerGradcheck",
            "A {sizes} network on {samples} random samples, in float64. Its gradient "
            "from backprop is compared with finite differences, entry by entry.").format(
            sizes="-".join(str(n) for n in gc.SIZES), samples=gc.SAMPLES))
        for i in range(self.activation_box.count()):
            self.activation_box.setItemText(i, activation_title(self.activation_box.itemData(i)))
        for i in range(self.loss_box.count()):
            self.loss_box.setItemText(i, loss_title(self.loss_box.itemData(i)))
        for i in range(self.bug_box.count()):
            self.bug_box.setItemText(i, translate("ExplorerGradcheck", BUGS[self.bug_box.itemData(i)]))
        for label, text in zip(self.form_labels, (translate("ExplorerGradcheck", "Activation"),
                                                  translate("ExplorerGradcheck", "Loss"),
                                                  translate("ExplorerGradcheck", "Plant a bug"))):
            label.setText(text)
        self.check_button.setText(translate("ExplorerGradcheck", "Check my gradients"))
        self.plot.setTitle(translate("ExplorerGradcheck", "Every entry: finite difference ĝₖ against backprop gₖ"))
        self.plot.setLabel("bottom", translate("ExplorerGradcheck", "finite difference ĝₖ"))
        self.plot.setLabel("left", translate("ExplorerGradcheck", "backprop gₖ"))
        self.equations.setText(equations(self.loss_box.currentData()))
        self._show_result()

    def _clear(self, *_: object) -> None:
        self.result = None
        self.equations.setText(equations(self.loss_box.currentData()))
        self._show_result()
        self.points.setData([], [])
        self.diagonal.setData([], [])

    def run_check(self) -> gc.CheckResult:
        """Run the check (a few milliseconds: no thread needed) and show it."""
        result = gc.run(self.activation_box.currentData(), self.loss_box.currentData(),
                        self.bug_box.currentData())
        self.result = result
        self._show_result()
        self.points.setData(result.numeric, result.analytic,
                            brush=pg.mkBrush(44, 160, 44, 200) if result.passed else pg.mkBrush(214, 39, 40, 200))
        lim = float(np.max(np.abs(np.concatenate([result.numeric, result.analytic])))) * 1.1 or 1.0
        self.diagonal.setData([-lim, lim], [-lim, lim])
        self.plot.setRange(xRange=(-lim, lim), yRange=(-lim, lim))
        self.checked.emit(result)
        return result

    def _show_result(self) -> None:
        """The verdict on the last check, or how to run one."""
        result = self.result
        if result is None:
            self.result_label.setText(translate("ExplorerGradcheck", "Press <b>{button}</b>.").format(
                button=escaped(translate("ExplorerGradcheck", "Check my gradients"))))
            return
        verdict = ("<span style='color:#2ca02c'>{}</span>".format(escaped(
                       translate("ExplorerGradcheck", "✔ backprop agrees with finite differences")))
                   if result.passed else
                   "<span style='color:#d62728'>{}</span>".format(escaped(
                       translate("ExplorerGradcheck", "✘ backprop is wrong somewhere"))))
        self.result_label.setText(translate(
            "ExplorerGradcheck",
            "Relative error <b>{error}</b> over {n} parameters (tolerance {tolerance})").format(
            error=f"{result.relative_error:.2e}", n=result.n_params, tolerance=f"{gc.TOLERANCE:g}")
            + "<br>" + verdict)
