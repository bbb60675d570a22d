"""The explorer's loss view: loss and its slope against p, the probability of the true class.

Curves come from `gradlab.core.explorer_curves` (core losses, chain rule to p). The slope
plot shows either dL/dp or ∂L/∂zₜ (t the true class), the gradient backprop actually sends
into the network;
the caption reads numbers off the curves to say why focal loss ignores easy samples and why
MSE after a softmax barely corrects a confident wrong answer.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.core import explorer_curves as ec
from gradlab.gui.explorer.widgets import (
    BACKGROUND, FloatSlider, bold, color, coloured_checkbox, side_panel, wrapped_label,
)
from gradlab.gui.formulas import unbroken
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.plotting.axes import share_width, tidy_axes
from gradlab.gui.plotting.fonts import relayout_legend, rescale_new_text
from gradlab.gui.plotting.notes import NotePlacer, place_note
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.terms import loss_title

KEYS = ["cross_entropy", "softmax_mse_2", "softmax_mse_10", "weighted_cross_entropy", "focal"]
DEFAULT_SHOWN = ("cross_entropy", "softmax_mse_2", "focal")
SLOPES = {  # the choice's text (translated when shown), the axis label, the y range
    "dvalue_dlogit": (QT_TRANSLATE_NOOP("ExplorerLosses", "∂L/∂zₜ  (what backprop sends)"), "∂L/∂zₜ",
                      (-1.3, 0.1)),
    "dvalue_dp": ("dL/dp", "dL/dp", (-10.0, 1.0)),
}
LOSS_RANGE = (0.0, 4.5)
LEGEND_SLACK = 24  # pixels of the view's width the legend leaves: layout margins and a little
WRONG_P, EASY_P = 0.02, 0.9  # a confident wrong answer, and an easy sample


class LossesView(QtWidgets.QWidget):
    """Checkboxes pick the losses; sliders set the class weight and focal's γ and α."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        fixed = ec.fixed_curves()  # computed once per process, shared
        self.p = fixed[0].p
        self.curves: dict[str, ec.LossCurve] = {c.key: c for c in fixed}
        self._ready = False  # no legend or caption work until every curve exists
        self.checkboxes: dict[str, QtWidgets.QCheckBox] = {}
        self.loss_items: dict[str, pg.PlotDataItem] = {}
        self.slope_items: dict[str, pg.PlotDataItem] = {}

        panel, controls = side_panel()
        self.heading = QtWidgets.QLabel()
        controls.addWidget(self.heading)
        self.intro = wrapped_label()
        controls.addWidget(self.intro)
        controls.addSpacing(4)
        self.weight_slider = FloatSlider("wₜ", 0.1, 10.0, 0.1, 3.0, "{:.1f}")
        self.gamma_slider = FloatSlider("γ", 0.0, 5.0, 0.1, 2.0, "{:.1f}")
        self.alpha_slider = FloatSlider("α", 0.05, 1.0, 0.05, 1.0, "{:.2f}")
        for i, key in enumerate(KEYS):
            box = coloured_checkbox("", color(i))
            box.setChecked(key in DEFAULT_SHOWN)
            box.toggled.connect(self._update_visibility)
            self.checkboxes[key] = box
            controls.addWidget(box)
            if key == "weighted_cross_entropy":
                controls.addWidget(self._indented(self.weight_slider))
            if key == "focal":
                controls.addWidget(self._indented(self.gamma_slider))
                controls.addWidget(self._indented(self.alpha_slider))
        self.weight_slider.valueChanged.connect(self._weight_changed)
        self.gamma_slider.valueChanged.connect(self._focal_changed)
        self.alpha_slider.valueChanged.connect(self._focal_changed)

        controls.addSpacing(6)
        self.lower_heading = QtWidgets.QLabel()
        controls.addWidget(self.lower_heading)
        self.slope_buttons: dict[str, QtWidgets.QRadioButton] = {}
        group = QtWidgets.QButtonGroup(self)
        for key in SLOPES:
            button = QtWidgets.QRadioButton()
            group.addButton(button)
            button.toggled.connect(self._slope_changed)
            self.slope_buttons[key] = button
            controls.addWidget(button)
        controls.addSpacing(6)
        self.caption = wrapped_label(rich=True)
        controls.addWidget(self.caption)
        controls.addStretch(1)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        # One legend for both plots (the same curves, the same colours), in its own row
        # above them: inside a plot it covered curves (a weighted CE's slope runs through
        # every corner), and no corner stays empty for every loss and weight.
        self.legend = pg.LegendItem(colCount=3)
        self.graphics.addItem(self.legend, row=0, col=0)
        self.loss_plot = self.graphics.addPlot(row=1, col=0, title=" ", axisItems=tidy_axes())
        self.slope_plot = self.graphics.addPlot(row=2, col=0, axisItems=tidy_axes())
        self.slope_plot.setXLink(self.loss_plot)
        share_width(self.slope_plot.getAxis("left"), self.loss_plot.getAxis("left"))  # lined up: neither cuts its range
        for plot in (self.loss_plot, self.slope_plot):
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setMenuEnabled(False)
            for side in ("bottom", "left"):
                # p is a probability: never "p (x0.001)" with ticks 100–900 once the range
                # falls below 1, nor a loss in kilo-units.
                plot.getAxis(side).enableAutoSIPrefix(False)
        self.loss_plot.setLabel("left", "L")
        self.loss_plot.setRange(xRange=(0, 1), yRange=LOSS_RANGE, padding=0)
        for i, key in enumerate(KEYS):
            pen = pg.mkPen(color(i), width=2.5)
            self.loss_items[key] = self.loss_plot.plot(pen=pen)
            self.slope_items[key] = self.slope_plot.plot(pen=pen)
        # The notes point at the two samples the caption explains; place_notes finds each
        # a spot clear of the curves (it depends on the plot's size and the font's). Where
        # there is none (presenter mode in a small window), their backing keeps them legible.
        fg, backing = pg.getConfigOption("foreground"), pg.mkBrush(BACKGROUND + "d8")
        self.wrong_note = pg.TextItem(color=fg, fill=backing)
        self.easy_note = pg.TextItem(color=fg, fill=backing)
        self.wrong_arrow = pg.ArrowItem(tailWidth=2, brush="w", pen=pg.mkPen("w"))
        self.easy_arrow = pg.ArrowItem(tailWidth=2, brush="w", pen=pg.mkPen("w"))
        self.wrong_point = self.easy_point = (0.0, 0.0)
        self.slope_plot.addItem(self.wrong_note, ignoreBounds=True)
        self.slope_plot.addItem(self.wrong_arrow, ignoreBounds=True)
        self.loss_plot.addItem(self.easy_note, ignoreBounds=True)
        self.loss_plot.addItem(self.easy_arrow, ignoreBounds=True)
        self._placers = [NotePlacer(plot, self.place_notes) for plot in (self.loss_plot, self.slope_plot)]
        self.graphics.sigDeviceRangeChanged.connect(self.fit_legend)  # the view resized

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        fit_titles(self.graphics)
        layout.addWidget(self.graphics, 1)

        self.slope_buttons["dvalue_dlogit"].setChecked(True)
        self._weight_changed()
        self._focal_changed()
        for key in KEYS:
            self._draw(key)
        self._ready = True
        self.retranslate()  # the texts, then the legend and the lesson (_update_visibility)

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt's name
        # Qt's own way (ExplorerTab.changeEvent says why not i18n.on_language_change).
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text this view sets once, in the language now chosen."""
        self.heading.setText(bold(translate("ExplorerLosses", "One sample of true class t")))
        self.intro.setText(unbroken(translate(
            "ExplorerLosses",
            "The model gives the true class probability p; the other classes share 1 − p "
            "evenly. The curves are the loss of that one sample as p goes from wrong (0) "
            "to right (1).")))
        self.lower_heading.setText(bold(translate("ExplorerLosses", "Lower plot")))
        for key, button in self.slope_buttons.items():
            button.setText(translate("ExplorerLosses", SLOPES[key][0]))
        self.loss_plot.setTitle(translate("ExplorerLosses", "Loss of the sample"))
        self._title_slope_plot()
        for plot in (self.loss_plot, self.slope_plot):
            plot.setLabel("bottom", translate("ExplorerLosses", "p = predicted probability of the true class"))
        for key in KEYS:
            if key in self.curves:
                self.checkboxes[key].setText(self.label(key))
        self._update_visibility()  # the legend, the notes and the caption

    @staticmethod
    def _indented(widget: QtWidgets.QWidget) -> QtWidgets.QWidget:
        widget.setContentsMargins(22, 0, 0, 0)
        return widget

    # --- data -----------------------------------------------------------------------

    def label(self, key: str) -> str:
        """The name of curve `key` in the panel and the legend, with its parameters.
        (The core's `LossCurve.label` is the English one.)"""
        if key == "softmax_mse_2" or key == "softmax_mse_10":
            return translate("ExplorerLosses", "{loss}, {n} classes").format(
                loss=loss_title("softmax_mse"), n=key.rsplit("_", 1)[1])
        if key == "weighted_cross_entropy":
            return translate("ExplorerLosses", "{loss}, wₜ = {w}").format(
                loss=loss_title(key), w=f"{self.weight_slider.value():g}")
        if key == "focal":
            return translate("ExplorerLosses", "{loss}, γ = {gamma}, α = {alpha}").format(
                loss=loss_title(key), gamma=f"{self.gamma_slider.value():g}", alpha=f"{self.alpha_slider.value():g}")
        return loss_title(key)

    def slope(self) -> str:
        """Which slope the lower plot shows: "dvalue_dlogit" or "dvalue_dp"."""
        return next((k for k, b in self.slope_buttons.items() if b.isChecked()), "dvalue_dlogit")

    def _weight_changed(self, *_: object) -> None:
        self.curves["weighted_cross_entropy"] = ec.weighted_curve(self.p, self.weight_slider.value())
        self._draw("weighted_cross_entropy")
        self._fit_ranges()

    def _fit_ranges(self) -> None:
        """The y ranges for the curves shown. The defaults fit cross-entropy and its kin
        (leaving the tail of −log p near p = 0 out); weighted cross-entropy is wₜ times
        cross-entropy, so with wₜ > 1 every range grows by wₜ, and shrinks back with it.
        (Focal loss with α ≤ 1 is never above cross-entropy: γ and α need no room.)"""
        weighted = self.checkboxes["weighted_cross_entropy"].isChecked()
        k = max(1.0, self.weight_slider.value()) if weighted else 1.0
        _, _, slope_range = SLOPES[self.slope()]
        self.loss_plot.setYRange(LOSS_RANGE[0] * k, LOSS_RANGE[1] * k, padding=0)
        self.slope_plot.setYRange(slope_range[0] * k, slope_range[1] * k, padding=0)

    def _focal_changed(self, *_: object) -> None:
        self.curves["focal"] = ec.focal_curve(self.p, self.gamma_slider.value(), self.alpha_slider.value())
        self._draw("focal")

    def _slope_changed(self, checked: bool) -> None:
        if not checked:
            return
        self._title_slope_plot()
        self.slope_plot.setXRange(0, 1, padding=0)
        for key in KEYS:
            self._draw(key)
        self._fit_ranges()

    def _title_slope_plot(self) -> None:
        text, ylabel, _ = SLOPES[self.slope()]
        self.slope_plot.setTitle(translate("ExplorerLosses", "Slope  {slope}").format(
            slope=translate("ExplorerLosses", text)))
        self.slope_plot.setLabel("left", ylabel)

    def _draw(self, key: str) -> None:
        if key not in self.curves:
            return
        curve = self.curves[key]
        self.checkboxes[key].setText(self.label(key))
        self.loss_items[key].setData(curve.p, curve.value)
        self.slope_items[key].setData(curve.p, getattr(curve, self.slope()))
        if self._ready:
            for sample, label in self.legend.items:
                if sample.item is self.loss_items[key]:
                    label.setText(self.label(key))
            self.fit_legend()
            self._annotate()

    def _update_visibility(self, *_: object) -> None:
        if not self._ready:
            return
        self.legend.clear()
        for key in KEYS:
            shown = self.checkboxes[key].isChecked() and key in self.curves
            self.loss_items[key].setVisible(shown)
            self.slope_items[key].setVisible(shown)
            if shown:
                self.legend.addItem(self.loss_items[key], self.label(key))
        rescale_new_text(self)  # presenter mode: the new legend labels too
        self.fit_legend()
        self._fit_ranges()
        self._annotate()

    def fit_legend(self, *_: object) -> None:
        """The legend's row in as many columns (3, 2 or 1) as fit the view's width: a
        legend wider than its view widened the plots beneath it past the view's right
        edge (Chinese entries at presenter mode's size are wider than the English)."""
        room = self.graphics.viewport().width() - LEGEND_SLACK
        if not self.legend.items or room <= 0:
            return
        for columns in (3, 2, 1):
            if self.legend.columnCount != columns:
                self.legend.setColumnCount(columns)
                relayout_legend(self.legend)
            if self.legend.layout.effectiveSizeHint(QtCore.Qt.SizeHint.PreferredSize).width() <= room:
                return

    # --- the lesson -----------------------------------------------------------------

    def place_notes(self) -> None:
        """Each note beside its point, clear of the curves and the legend."""
        place_note(self.wrong_note, self.wrong_arrow, self.wrong_point, self.slope_plot)
        place_note(self.easy_note, self.easy_arrow, self.easy_point, self.loss_plot)

    def _annotate(self) -> None:
        ce, mse, focal = self.curves["cross_entropy"], self.curves["softmax_mse_2"], self.curves["focal"]
        slope = self.slope()
        g_ce, g_mse = ec.at(ce, WRONG_P, slope), ec.at(mse, WRONG_P, slope)
        self.wrong_point = (WRONG_P, g_mse)
        self.wrong_note.setText(translate("ExplorerLosses", "confident and wrong (p = {p}):\nMSE {mse}, CE {ce}")
                                .format(p=f"{WRONG_P:g}", mse=f"{g_mse:.3g}", ce=f"{g_ce:.3g}"))
        l_ce, l_focal = ec.at(ce, EASY_P, "value"), ec.at(focal, EASY_P, "value")
        self.easy_point = (EASY_P, l_focal)
        ratio = l_focal / l_ce if l_ce else float("nan")
        self.easy_note.setText(translate("ExplorerLosses", "easy sample:\nfocal is {ratio} × CE")
                               .format(ratio=f"{ratio:.2g}"))
        self.wrong_arrow.setVisible(self.checkboxes["softmax_mse_2"].isChecked())
        self.wrong_note.setVisible(self.checkboxes["softmax_mse_2"].isChecked())
        self.easy_arrow.setVisible(self.checkboxes["focal"].isChecked())
        self.easy_note.setVisible(self.checkboxes["focal"].isChecked())
        self.place_notes()
        gamma = self.gamma_slider.value()
        d_ce, d_mse = ec.at(ce, WRONG_P, "dvalue_dlogit"), ec.at(mse, WRONG_P, "dvalue_dlogit")
        self.caption.setText(unbroken("<br><br>".join((
            translate("ExplorerLosses",
                      "<b>Confident and wrong</b> (p = {p}): backprop sends ∂L/∂zₜ = {d_ce} "
                      "for cross-entropy (p − 1) but only {d_mse} for MSE on softmax. Its slope "
                      "is multiplied by the softmax's p(1 − p), which vanishes as p → 0, so the sample "
                      "that most needs fixing barely moves.").format(
                p=f"{WRONG_P:g}", d_ce=f"{d_ce:.3f}", d_mse=f"{d_mse:.4f}"),
            translate("ExplorerLosses",
                      "<b>Easy</b> (p = {p}): focal loss multiplies cross-entropy by "
                      "α(1 − p)ᵞ = {ratio} (γ = {gamma}): {l_focal} instead of "
                      "{l_ce}. Easy samples stop contributing, hard ones dominate the gradient. "
                      "With γ = 0 and α = 1 focal loss is exactly cross-entropy.").format(
                p=f"{EASY_P:g}", ratio=f"{ratio:.3g}", gamma=f"{gamma:g}", l_focal=f"{l_focal:.4f}",
                l_ce=f"{l_ce:.4f}"),
            translate("ExplorerLosses",
                      "<b>Weighted</b>: the class weight wₜ scales this sample's loss and gradient "
                      "(wₜ = {w}) against classes of weight 1.").format(w=f"{self.weight_slider.value():g}"),
        ))))
