"""The explorer's model surface: logistic regression's loss over (w, b), and its data.

The surface is a core `Surface` (`gradlab.core.surfaces.logistic.surface`), drawn by the
shared `SurfaceLayer`. Clicking the heatmap picks a (w, b): the side plot shows that model's
σ(w x + b) over the data and the panel its loss and gradient, so a plateau reads as a
gradient near 0 far from the minimum. "Race on this surface" hands the Surface on.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.core.surfaces import logistic as ls
from gradlab.core.surfaces import Surface
from gradlab.gui.explorer.widgets import BACKGROUND, FloatSlider, bold, side_panel, wrapped_label
from gradlab.gui.formulas import unbroken
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.plotting.surface_layer import SurfaceLayer
from gradlab.gui.terms import loss_title

# The core's lessons (`ls.LESSONS`) and the one loss name the shared terms lack
# (`ls.LOSSES["mse"]`), marked for translation; the English text is the core's own (a
# test keeps them equal). Cross-entropy and focal loss are named as everywhere (gui.terms).
MSE_ON_SIGMOID = QT_TRANSLATE_NOOP("ExplorerSurface", "MSE on sigmoid")
LESSONS = {
    "mse": QT_TRANSLATE_NOOP(
        "ExplorerSurface",
        "Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is "
        "confidently right or confidently wrong, and so does the gradient. From the start "
        "(−4, 3), the weight's sign wrong, SGD and Momentum barely move, while RMSprop and "
        "Adam, which divide by the gradient's size, reach the minimum."),
    "cross_entropy": QT_TRANSLATE_NOOP(
        "ExplorerSurface",
        "Convex: one valley, and the gradient (p − t) x stays large exactly where "
        "the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times "
        "larger and SGD gets moving."),
    "focal": QT_TRANSLATE_NOOP(
        "ExplorerSurface",
        "Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets "
        "right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for "
        "cross-entropy): a less confident model."),
}


def loss_name(key: str) -> str:
    """The name of the model surface's loss `key` ("mse", "cross_entropy", "focal")."""
    return translate("ExplorerSurface", MSE_ON_SIGMOID) if key == "mse" else loss_title(key)


class SurfaceView(QtWidgets.QWidget):
    """Loss choice (radio buttons), focal's γ, the surface, and the race button."""

    race_requested = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.surface: Surface | None = None
        self.point = ls.START

        panel, controls = side_panel()
        self.heading = QtWidgets.QLabel()
        controls.addWidget(self.heading)
        self.intro = wrapped_label()
        controls.addWidget(self.intro)
        self.loss_buttons: dict[str, QtWidgets.QRadioButton] = {}
        group = QtWidgets.QButtonGroup(self)
        for key in ls.LOSSES:
            button = QtWidgets.QRadioButton()
            group.addButton(button)
            self.loss_buttons[key] = button
            controls.addWidget(button)
        self.gamma_slider = FloatSlider("γ", 0.0, 5.0, 0.5, 2.0, "{:.1f}")
        self.gamma_slider.setContentsMargins(22, 0, 0, 0)
        controls.addWidget(self.gamma_slider)
        controls.addSpacing(6)
        self.info = wrapped_label()
        controls.addWidget(self.info)
        self.point_label = wrapped_label()
        controls.addWidget(self.point_label)
        self.race_button = QtWidgets.QPushButton()
        self.race_button.clicked.connect(self._race)
        controls.addWidget(self.race_button)
        controls.addSpacing(6)
        self.data_widget = pg.PlotWidget(background=BACKGROUND, axisItems=tidy_axes())
        self.data_widget.setMinimumHeight(230)
        self.data_plot = self.data_widget.getPlotItem()
        self.data_plot.setTitle(" ", size="9pt")
        self.data_plot.setLabel("bottom", "x")
        self.data_plot.setLabel("left", "t, p")
        self.data_plot.setMenuEnabled(False)
        self.data_plot.showGrid(x=True, y=True, alpha=0.25)
        self.data_plot.setRange(xRange=(-3.5, 3.5), yRange=(-0.1, 1.1), padding=0)
        self.data_plot.plot(ls.X, ls.T, pen=None, symbol="o", symbolSize=9,
                            symbolBrush=[pg.mkBrush("#ff7f0e" if t else "#1f77b4") for t in ls.T])
        self.model_x = np.linspace(-3.5, 3.5, 141)
        self.model_curve = self.data_plot.plot(pen=pg.mkPen("w", width=2))
        fit_titles(self.data_widget)
        controls.addWidget(self.data_widget)
        controls.addStretch(1)

        self.plot_widget = pg.PlotWidget(background=BACKGROUND, axisItems=tidy_axes())
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.layer = SurfaceLayer(self.plot)
        self.point_item = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen("k", width=1.5),
                                             brush=pg.mkBrush("#ff4040"))
        self.point_item.setZValue(60)
        self.plot.addItem(self.point_item)
        self.plot.scene().sigMouseClicked.connect(self._clicked)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        fit_titles(self.plot_widget)
        layout.addWidget(self.plot_widget, 1)

        self.loss_buttons["mse"].setChecked(True)
        self.retranslate()  # the texts, then the surface (_rebuild)
        for button in self.loss_buttons.values():
            button.toggled.connect(self._loss_toggled)
        self.gamma_slider.valueChanged.connect(self._rebuild)

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt's name
        # Qt's own way (ExplorerTab.changeEvent says why not i18n.on_language_change).
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text this view sets once, in the language now chosen."""
        self.heading.setText(bold(translate("ExplorerSurface", "Logistic regression  p = σ(w x + b)")))
        self.intro.setText(unbroken(translate(
            "ExplorerSurface",
            "Two parameters, so the loss is a surface you can see. Pick the loss; click the "
            "surface to try a (w, b).")))
        for key, button in self.loss_buttons.items():
            button.setText(loss_name(key))
        self.gamma_slider.name_label.setText(translate("ExplorerSurface", "focal γ"))
        self.race_button.setText(translate("ExplorerSurface", "Race on this surface"))
        self.race_button.setToolTip(translate(
            "ExplorerSurface", "Open this loss surface in the optimizer race, starting at the red point"))
        self.data_plot.setTitle(translate("ExplorerSurface", "Data (dots) and the model σ(w x + b)"), size="9pt")
        self.plot.setLabel("bottom", translate("ExplorerSurface", "w (weight)"))
        self.plot.setLabel("left", translate("ExplorerSurface", "b (bias)"))
        self._rebuild()  # the panel's lesson and numbers

    def _loss_toggled(self, checked: bool) -> None:
        if checked:  # the button turned off fires too
            self._rebuild()

    def loss(self) -> str:
        return next(k for k, b in self.loss_buttons.items() if b.isChecked())

    def _rebuild(self, *_: object) -> None:
        loss = self.loss()
        self.gamma_slider.setEnabled(loss == "focal")
        self.surface = ls.surface(loss, gamma=self.gamma_slider.value())
        (mw, mb), = self.surface.minima
        minimum = translate("ExplorerSurface", "Minimum (white star): w = {w}, b = {b}.").format(
            w=f"{mw:.3f}", b=f"{mb:.3f}")
        self.info.setText(unbroken(
            f"{self.surface.formula}\n\n{translate('ExplorerSurface', LESSONS[loss])}\n\n{minimum}"))
        self.set_point(*self.point)
        if self.isVisible():
            self._draw_surface()

    def _draw_surface(self) -> None:
        """Heatmap and contours, drawn only while the view is visible (the contours cost
        a few hundred milliseconds, which a hidden tab should not spend)."""
        if self.layer.surface is self.surface:
            return
        self.layer.set_surface(self.surface)
        # The colour bar's label sits on its left axis (the values on the right one).
        self.layer.colorbar.getAxis("left").setLabel("log₁₀(L − L_min + 1)" if self.surface.log_scale else "L(w, b)")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._draw_surface()

    def set_point(self, w: float, b: float) -> None:
        """Show the model at (w, b): marker, its curve over the data, loss and gradient."""
        self.point = (float(w), float(b))
        self.point_item.setData(x=[w], y=[b])
        self.model_curve.setData(self.model_x, ls.predict(w, b, self.model_x))
        value = float(self.surface.value(w, b))
        gw, gb = (float(g) for g in self.surface.grad(w, b))
        self.point_label.setText(
            translate("ExplorerSurface", "At w = {w}, b = {b}:  L = {value}").format(
                w=f"{w:.2f}", b=f"{b:.2f}", value=f"{value:.4f}")
            + f"\n∇L = ({gw:.4f}, {gb:.4f}),  |∇L| = {np.hypot(gw, gb):.4f}")

    def _clicked(self, event) -> None:
        pos = event.scenePos()
        if not self.plot.vb.sceneBoundingRect().contains(pos):
            return
        p = self.plot.vb.mapSceneToView(pos)
        xmin, xmax, ymin, ymax = self.surface.bounds
        if xmin <= p.x() <= xmax and ymin <= p.y() <= ymax:
            self.set_point(p.x(), p.y())

    def _race(self) -> None:
        # The race starts where the learner last clicked (the default start until then).
        self.race_requested.emit(dataclasses.replace(self.surface, start=self.point))
