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
from gradlab.gui.explorer.widgets import BACKGROUND, FloatSlider, side_panel, wrapped_label
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.plotting.surface_layer import SurfaceLayer


class SurfaceView(QtWidgets.QWidget):
    """Loss choice (radio buttons), focal's γ, the surface, and the race button."""

    race_requested = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.surface: Surface | None = None
        self.point = ls.START

        panel, controls = side_panel()
        controls.addWidget(QtWidgets.QLabel("<b>Logistic regression  p = σ(w x + b)</b>"))
        controls.addWidget(wrapped_label(
            "Two parameters, so the loss is a surface you can see. Pick the loss; click the "
            "surface to try a (w, b)."))
        self.loss_buttons: dict[str, QtWidgets.QRadioButton] = {}
        group = QtWidgets.QButtonGroup(self)
        for key, title in ls.LOSSES.items():
            button = QtWidgets.QRadioButton(title)
            group.addButton(button)
            self.loss_buttons[key] = button
            controls.addWidget(button)
        self.gamma_slider = FloatSlider("focal γ", 0.0, 5.0, 0.5, 2.0, "{:.1f}")
        self.gamma_slider.setContentsMargins(22, 0, 0, 0)
        controls.addWidget(self.gamma_slider)
        controls.addSpacing(6)
        self.info = wrapped_label()
        controls.addWidget(self.info)
        self.point_label = wrapped_label()
        controls.addWidget(self.point_label)
        self.race_button = QtWidgets.QPushButton("Race on this surface")
        self.race_button.setToolTip("Open this loss surface in the optimizer race, starting at the red point")
        self.race_button.clicked.connect(self._race)
        controls.addWidget(self.race_button)
        controls.addSpacing(6)
        self.data_widget = pg.PlotWidget(background=BACKGROUND, axisItems=tidy_axes())
        self.data_widget.setMinimumHeight(230)
        self.data_plot = self.data_widget.getPlotItem()
        self.data_plot.setTitle("Data (dots) and the model σ(w x + b)", size="9pt")
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
        self.plot.setLabel("bottom", "w (weight)")
        self.plot.setLabel("left", "b (bias)")
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
        self._rebuild()
        for button in self.loss_buttons.values():
            button.toggled.connect(self._loss_toggled)
        self.gamma_slider.valueChanged.connect(self._rebuild)

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
        self.info.setText(f"{self.surface.formula}\n\n{ls.LESSONS[loss]}\n\n"
                          f"Minimum (white star): w = {mw:.3f}, b = {mb:.3f}.")
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
        self.point_label.setText(f"At w = {w:.2f}, b = {b:.2f}:  L = {value:.4f}\n"
                                 f"∇L = ({gw:.4f}, {gb:.4f}),  |∇L| = {np.hypot(gw, gb):.4f}")

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
