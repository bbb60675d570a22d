"""The explorer's activation view: f(x) and f'(x) overlaid, formulas, flat regions, hover readout.

Every number comes from `gradlab.core.explorer_curves`; this file only draws. Curves and
their items are built once per activation and updated with `setData`; the flat-region
shading is rebuilt when an activation's parameter changes (ReLU's dead side is hatched,
saturation where |f'| < 0.05 is a light fill). Where f' jumps (ReLU, leaky ReLU, ELU with
α ≠ 1) its curve has a gap, a filled dot at the value f' takes and an open one at the value
it approaches: a derivative is never drawn with a vertical segment.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core import activations
from gradlab.core import explorer_curves as ec
from gradlab.gui.explorer.widgets import (
    BACKGROUND, FloatSlider, bold, color, coloured_checkbox, escaped, side_panel, wrapped_label,
)
from gradlab.gui.formulas import unbroken
from gradlab.gui.i18n import translate
from gradlab.gui.plotting.axes import share_width, tidy_axes
from gradlab.gui.plotting.fonts import rescale_new_text
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.terms import activation_title

DEFAULT_SHOWN = ("sigmoid", "tanh", "relu")


class ActivationsView(QtWidgets.QWidget):
    """Checkboxes choose which activations are drawn; `alpha_sliders` set leaky ReLU's and ELU's α."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = activations.names()
        self.x = ec.activation_x()
        self.checkboxes: dict[str, QtWidgets.QCheckBox] = {}
        self.formula_labels: dict[str, QtWidgets.QLabel] = {}
        self.f_curves: dict[str, pg.PlotDataItem] = {}
        self.df_curves: dict[str, pg.PlotDataItem] = {}
        self.regions: dict[str, list[pg.LinearRegionItem]] = {n: [] for n in self.names}
        self.closed_dots: dict[str, pg.ScatterPlotItem] = {}  # f' at a jump
        self.open_dots: dict[str, pg.ScatterPlotItem] = {}  # the limit it approaches there
        self.alpha_sliders: dict[str, FloatSlider] = {}
        self.curves: dict[str, ec.ActivationCurve] = {}
        self.hover_x: float | None = None  # the readout's x, kept so it follows every change

        panel, controls = side_panel()
        self.heading = QtWidgets.QLabel()
        controls.addWidget(self.heading)
        for i, name in enumerate(self.names):
            box = coloured_checkbox("", color(i))
            box.setChecked(name in DEFAULT_SHOWN)
            box.toggled.connect(self._update_visibility)
            formula = wrapped_label()
            formula.setContentsMargins(22, 0, 0, 4)
            self.checkboxes[name], self.formula_labels[name] = box, formula
            controls.addWidget(box)
            controls.addWidget(formula)
            # α: leaky ReLU's slope on the left; ELU's scale of its left branch (α ≠ 1 puts
            # a jump in f' at 0).
            ranges = {"leaky_relu": (0.0, 0.5, 0.01, 0.05), "elu": (0.1, 2.0, 0.1, 1.0)}
            if name in ranges:
                slider = FloatSlider("α", *ranges[name])
                slider.setContentsMargins(22, 0, 0, 4)
                slider.valueChanged.connect(lambda _, n=name: self._recompute(n))
                controls.addWidget(slider)
                self.alpha_sliders[name] = slider
        controls.addSpacing(6)
        self.shade_box = QtWidgets.QCheckBox()
        self.shade_box.setChecked(True)
        self.shade_box.toggled.connect(self._update_visibility)
        controls.addWidget(self.shade_box)
        self.shading_note = wrapped_label()
        controls.addWidget(self.shading_note)
        controls.addSpacing(6)
        self.readout = wrapped_label(rich=True)
        self.readout.setMinimumHeight(120)
        self.readout.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        controls.addWidget(self.readout)
        controls.addStretch(1)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.f_plot = self.graphics.addPlot(row=0, col=0, title=" ", axisItems=tidy_axes())
        self.df_plot = self.graphics.addPlot(row=1, col=0, title=" ", axisItems=tidy_axes())
        self.df_plot.setXLink(self.f_plot)
        share_width(self.df_plot.getAxis("left"), self.f_plot.getAxis("left"))  # lined up: neither cuts its range
        for plot, ylabel in ((self.f_plot, "f(x)"), (self.df_plot, "f'(x)")):
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setLabel("bottom", "x")
            plot.setLabel("left", ylabel)
            plot.setMenuEnabled(False)
        self.f_plot.addLegend(offset=(10, 10))
        self.df_plot.addLegend(offset=(10, 10))
        self.f_plot.setRange(xRange=(-6, 6), yRange=(-1.5, 4), padding=0)
        self.df_plot.setRange(yRange=(-0.2, 1.25), padding=0)

        for i, name in enumerate(self.names):
            pen = pg.mkPen(color(i), width=2.5)
            self.f_curves[name] = self.f_plot.plot(pen=pen)
            self.df_curves[name] = self.df_plot.plot(pen=pen, connect="finite")  # NaN: a gap
            dots = dict(size=9, pen=pg.mkPen(color(i), width=2))
            self.closed_dots[name] = pg.ScatterPlotItem(brush=pg.mkBrush(color(i)), **dots)
            self.open_dots[name] = pg.ScatterPlotItem(brush=pg.mkBrush(BACKGROUND), **dots)
            for item in (self.closed_dots[name], self.open_dots[name]):
                item.setZValue(5)  # over every curve
                self.df_plot.addItem(item)

        self.cursor_lines = [pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((150, 150, 150), width=1,
                                                                                      style=QtCore.Qt.PenStyle.DashLine))
                             for _ in range(2)]
        for plot, line in zip((self.f_plot, self.df_plot), self.cursor_lines):
            plot.addItem(line, ignoreBounds=True)
            line.hide()
        self.graphics.scene().sigMouseMoved.connect(self._mouse_moved)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        fit_titles(self.graphics)
        layout.addWidget(self.graphics, 1)

        for name in self.names:
            self._recompute(name, refresh=False)
        self.retranslate()  # texts, then legends and readout (through _update_visibility)

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt's name
        # Qt's own way (ExplorerTab.changeEvent says why not i18n.on_language_change).
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text this view sets once, in the language now chosen."""
        self.heading.setText(bold(translate("ExplorerActivations", "Activation functions")))
        for name, box in self.checkboxes.items():
            box.setText(activation_title(name))
        self.shade_box.setText(translate("ExplorerActivations", "Shade where f' ≈ 0 (|f'| < {limit})")
                               .format(limit=f"{ec.SATURATION:g}"))
        self.shading_note.setText(unbroken(translate(
            "ExplorerActivations",
            "Each shown function shades its own band of the f' plot, in legend order. "
            "Light fill: saturated, the gradient is nearly 0. Hatched: dead, exactly 0. "
            "Backprop multiplies by f'(z) at every layer (δ = Wᵀδ ⊙ f'(z)), "
            "so a unit sitting there learns slowly or not at all.")))
        self.f_plot.setTitle(translate("ExplorerActivations", "Activation  f(x)"))
        self.df_plot.setTitle(translate("ExplorerActivations", "Derivative  f'(x)"))
        for name in self.names:
            for item, region in zip(self.regions[name], self.curves[name].regions):
                item.setToolTip(self._region_tip(name, region.kind))
        if self.hover_x is None:
            self.readout.setText(escaped(translate("ExplorerActivations", "Hover over a plot to read x, f(x), f'(x).")))
        self._update_visibility()  # the legends and the readout, in the new language

    # --- data ---------------------------------------------------------------------

    @property
    def alpha_slider(self) -> FloatSlider:
        """Leaky ReLU's α slider."""
        return self.alpha_sliders["leaky_relu"]

    def params_of(self, name: str) -> dict[str, float]:
        slider = self.alpha_sliders.get(name)
        return {} if slider is None else {"alpha": slider.value()}

    def _recompute(self, name: str, refresh: bool = True) -> None:
        curve = ec.activation_curve(name, self.x, **self.params_of(name))
        self.curves[name] = curve
        self.f_curves[name].setData(curve.x, curve.f)
        self.df_curves[name].setData(*curve.df_pieces())
        self.closed_dots[name].setData([j.x for j in curve.jumps], [j.value for j in curve.jumps])
        opens = [(j.x, v) for j in curve.jumps for v in j.open_values]
        self.open_dots[name].setData([x for x, _ in opens], [v for _, v in opens])
        self.formula_labels[name].setText(f"{curve.formula}\n{curve.derivative_formula}")
        self._rebuild_regions(name)
        if refresh:
            self._update_visibility()

    def _rebuild_regions(self, name: str) -> None:
        for item in self.regions[name]:
            self.df_plot.removeItem(item)
        i = self.names.index(name)
        self.regions[name] = []
        for region in self.curves[name].regions:
            c = QtGui.QColor(color(i))
            if region.kind == "dead":
                c.setAlpha(220)
                brush = QtGui.QBrush(c, QtCore.Qt.BrushStyle.BDiagPattern)
            else:
                c.setAlpha(70)
                brush = QtGui.QBrush(c)
            item = pg.LinearRegionItem(values=(region.lo, region.hi), movable=False, brush=brush,
                                       pen=pg.mkPen(None))
            item.setZValue(-10)
            item.setToolTip(self._region_tip(name, region.kind))
            self.df_plot.addItem(item, ignoreBounds=True)
            self.regions[name].append(item)

    @staticmethod
    def _region_tip(name: str, kind: str) -> str:
        """A shaded region's tooltip: whose region, and why its gradient (nearly) vanishes."""
        if kind == "dead":
            return translate("ExplorerActivations", "{name}: dead (f' = 0)").format(name=activation_title(name))
        return translate("ExplorerActivations", "{name}: saturated (|f'| < {limit})").format(
            name=activation_title(name), limit=f"{ec.SATURATION:g}")

    def _update_visibility(self, *_: object) -> None:
        shade = self.shade_box.isChecked()
        shown_names = [n for n in self.names if self.checkboxes[n].isChecked()]
        for name in self.names:
            shown = name in shown_names
            self.f_curves[name].setVisible(shown)
            self.df_curves[name].setVisible(shown)
            self.closed_dots[name].setVisible(shown)
            self.open_dots[name].setVisible(shown)
            self.formula_labels[name].setVisible(shown)
            for item in self.regions[name]:
                item.setVisible(shown and shade)
            if shown:
                # Each shown activation shades its own horizontal band, top to bottom in
                # legend order, so overlapping regions of different functions never blend.
                i, k = shown_names.index(name), len(shown_names)
                for item in self.regions[name]:
                    item.setSpan(1 - (i + 1) / k, 1 - i / k)
        self._rebuild_legends()
        if self.hover_x is not None:
            self.show_readout(self.hover_x)

    def _rebuild_legends(self) -> None:
        """Legends list only the activations shown, in the panel's order."""
        for plot, curves, suffix in ((self.f_plot, self.f_curves, ""), (self.df_plot, self.df_curves, "′")):
            plot.legend.clear()
            for name in self.names:
                if self.checkboxes[name].isChecked():
                    plot.legend.addItem(curves[name], activation_title(name) + suffix)
        rescale_new_text(self)  # presenter mode: the new legend labels too

    # --- hover ----------------------------------------------------------------------

    def _mouse_moved(self, pos: QtCore.QPointF) -> None:
        for plot in (self.f_plot, self.df_plot):
            if plot.sceneBoundingRect().contains(pos):
                self.show_readout(plot.vb.mapSceneToView(pos).x())
                return

    def show_readout(self, x: float) -> None:
        """Move the cursor lines to x and list f(x), f'(x) of every shown activation."""
        self.hover_x = x
        for line in self.cursor_lines:
            line.setPos(x)
            line.show()
        rows = [f"<b>x = {x:.3f}</b>"]
        for i, name in enumerate(self.names):
            if self.checkboxes[name].isChecked():
                f, df = ec.activation_at(name, x, **self.params_of(name))
                value = translate("ExplorerActivations", "{name}: f = {f}, f′ = {df}").format(
                    name=activation_title(name), f=f"{f:.4f}", df=f"{df:.4f}")
                rows.append(f"<span style='color:{color(i).name()}'>■</span> {escaped(value)}")
        self.readout.setText("<br>".join(rows))
