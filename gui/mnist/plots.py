"""The MNIST tab's live curves: one PlotItem per quantity, one set of items per run.

Every plot's x axis is the epoch (step / steps per epoch), so runs with different batch
sizes line up and test points fall on the training curve they belong to.

- Training loss per batch, each run's own loss (cross-entropy, MSE, focal: their scales
  differ, so the plot says so): raw values faint, the debiased EMA (`core.smoothing`) bold.
- Test cross-entropy and accuracy: the common measures, whatever loss a run trains with
  (MSE on softmax is small by construction and would look 40x "better" than
  cross-entropy on its own scale). Every `eval_every` steps on the test subset (thin
  line), and at each epoch end on the whole test set: a separate measurement on more
  digits, so its points are hollow diamonds, not joined to the line (the legend says
  which is which).
- Learning rate; gradient norm of each layer; share of dead ReLU units of each hidden
  layer (layers told apart by line style, runs by colour).

Items are created when a run first appears and then only `setData`; long curves
downsample by peak and clip to the view. Non-finite rows are never drawn: a diverged run
stops at its last finite step and is labelled there.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.mnist.runs import RunStatus
from gradlab.gui.plotting.axes import tidy_axes

FILL = 0.6  # re-range y when the data fill less than this share of the view

STYLES = (QtCore.Qt.PenStyle.SolidLine, QtCore.Qt.PenStyle.DashLine,
          QtCore.Qt.PenStyle.DotLine, QtCore.Qt.PenStyle.DashDotLine)


def _long(item: pg.PlotDataItem) -> pg.PlotDataItem:
    """A curve with a point per step: draw at most a few points per pixel (peaks kept),
    and only what is in view; painting is the GUI's main cost while training."""
    item.setDownsampling(auto=True, method="peak")
    item.setClipToView(True)
    return item


def _faint(colour: str, share: float = 0.3) -> QtGui.QColor:
    """The colour mixed with white: a pale, opaque line (a translucent pen would look the
    same on white paper but costs blending on every pixel of a long curve)."""
    c = QtGui.QColor(colour)
    mix = lambda v: int(round(share * v + (1 - share) * 255))  # noqa: E731
    return QtGui.QColor(mix(c.red()), mix(c.green()), mix(c.blue()))


class Readout(pg.LabelItem):
    """The hover line: a LabelItem whose size does not follow its text. pyqtgraph's own
    makes its minimum width the text's, so every hover could re-lay out (and repaint)
    the plots around it, and an export drew them where the last hover had pushed them."""

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph's name
        height = self.itemRect().height()  # one line of the label's font
        if getattr(self, "_line_height", None) == height:
            return
        self._line_height = height
        self.setMinimumWidth(0)
        self.setMinimumHeight(height)
        self._sizeHint = {
            QtCore.Qt.SizeHint.MinimumSize: (0, height),
            QtCore.Qt.SizeHint.PreferredSize: (0, height),
            QtCore.Qt.SizeHint.MaximumSize: (-1, -1),
            QtCore.Qt.SizeHint.MinimumDescent: (0, 0),
        }
        self.updateGeometry()


def full_test_marker(colour) -> dict:
    """The epoch-end evaluations on the whole test set: hollow diamonds, no line (a
    different sample from the subset curve, so not joined to it)."""
    return dict(pen=None, symbol="d", symbolSize=9, symbolBrush=pg.mkBrush("w"),
                symbolPen=pg.mkPen(colour, width=2))


TRAIN_TITLE = QT_TRANSLATE_NOOP("MnistPlots", "Training loss per batch (each run's own loss)")
TEST_LOSS_TITLE = QT_TRANSLATE_NOOP("MnistPlots", "Test cross-entropy")  # of every run, whatever its loss
TITLES = (TRAIN_TITLE, TEST_LOSS_TITLE, QT_TRANSLATE_NOOP("MnistPlots", "Test accuracy (%)"),
          QT_TRANSLATE_NOOP("MnistPlots", "Learning rate"), QT_TRANSLATE_NOOP("MnistPlots", "Gradient norm per layer"),
          QT_TRANSLATE_NOOP("MnistPlots", "Dead ReLU units (%)"))
# The plots' names in the hover line (the keys of `CurvePlots.plots`, which code uses).
PLOT_NAMES = {
    "training loss (own)": QT_TRANSLATE_NOOP("MnistPlots", "training loss (own)"),
    "test cross-entropy": QT_TRANSLATE_NOOP("MnistPlots", "test cross-entropy"),
    "test accuracy %": QT_TRANSLATE_NOOP("MnistPlots", "test accuracy %"),
    "learning rate": QT_TRANSLATE_NOOP("MnistPlots", "learning rate"),
    "gradient norm": QT_TRANSLATE_NOOP("MnistPlots", "gradient norm"),
    "dead units %": QT_TRANSLATE_NOOP("MnistPlots", "dead units %"),
}


def legend_name(run) -> str:
    """A run's legend entry: its number and optimizer (the run list has the rest), and
    what happened when it diverged."""
    if run.status == RunStatus.DIVERGED:
        return f"{run.short_label} — {run.status_text()}"
    return run.short_label


class _RunItems:
    """The plot items of one run (created once)."""

    def __init__(self, plots: CurvePlots, run) -> None:
        c = self.colour = run.colour
        self.run = run
        self.revision = -1
        self.weight = -1.0
        self.status = ""
        self.raw = _long(plots.train.plot(pen=pg.mkPen(_faint(c), width=1)))
        self.smooth = _long(plots.train.plot(pen=pg.mkPen(c, width=2), name=legend_name(run)))
        self.diverged = pg.TextItem("", color=c, anchor=(0, 1))
        plots.train.addItem(self.diverged, ignoreBounds=True)
        thin = pg.mkPen(c, width=1.5)
        self.test_loss = plots.test_loss.plot(pen=thin)
        self.test_loss_epoch = plots.test_loss.plot(**full_test_marker(c))
        self.test_acc = plots.test_acc.plot(pen=thin)
        self.test_acc_epoch = plots.test_acc.plot(**full_test_marker(c))
        self.lr = _long(plots.lr.plot(pen=pg.mkPen(c, width=2)))
        self.grads: list[pg.PlotDataItem] = []
        self.dead: list[pg.PlotDataItem] = []

    def items(self) -> list:
        return [self.raw, self.smooth, self.diverged, self.test_loss, self.test_loss_epoch,
                self.test_acc, self.test_acc_epoch, self.lr, *self.grads, *self.dead]


class CurvePlots:
    """Adds its plots to a `pg.GraphicsLayout` and keeps them in step with the runs."""

    def __init__(self, layout: pg.GraphicsLayout) -> None:
        self.readout = Readout("", justify="left", size="9pt")
        layout.addItem(self.readout, row=0, col=0, colspan=4)
        # Tidy axes: in these small plots pyqtgraph's own would print labels over each other.
        titles = [translate("MnistPlots", t) for t in TITLES]
        self.train = layout.addPlot(row=1, col=0, colspan=2, title=titles[0], axisItems=tidy_axes())
        self.test_loss = layout.addPlot(row=1, col=2, title=titles[1], axisItems=tidy_axes())
        self.test_acc = layout.addPlot(row=1, col=3, title=titles[2], axisItems=tidy_axes())
        # Log scale: learning rates of different optimizers differ by orders of magnitude.
        self.lr = layout.addPlot(row=2, col=0, title=titles[3], axisItems=tidy_axes())
        self.grads = layout.addPlot(row=2, col=1, title=titles[4], axisItems=tidy_axes())
        self.dead = layout.addPlot(row=2, col=2, title=titles[5], axisItems=tidy_axes())
        self.plots = {
            "training loss (own)": self.train, "test cross-entropy": self.test_loss,
            "test accuracy %": self.test_acc, "learning rate": self.lr,
            "gradient norm": self.grads, "dead units %": self.dead,
        }
        for plot in self.plots.values():
            plot.showGrid(x=False, y=False)
            plot.setLabel("bottom", translate("MnistPlots", "epoch"))
        self.legend = self.train.addLegend(offset=(-8, 8), labelTextSize="8pt", verSpacing=-6)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 200))
        self.grads.setLogMode(y=True)
        # Line styles name the layers; bottom right, where the curves are rarely.
        self.layer_legend = self.grads.addLegend(offset=(-4, -4), labelTextSize="7pt",
                                                 verSpacing=-6, brush=pg.mkBrush(255, 255, 255, 190))
        self.hidden_legend = self.dead.addLegend(offset=(-4, -4), labelTextSize="7pt",
                                                 verSpacing=-6, brush=pg.mkBrush(255, 255, 255, 190))
        self.lr.setLogMode(y=True)
        # What the line and the diamonds of the test plots are (grey: for every run).
        self.test_legend = self.test_acc.addLegend(offset=(-4, -4), labelTextSize="7pt", verSpacing=-6,
                                                   brush=pg.mkBrush(255, 255, 255, 190))
        grey = (90, 90, 90)
        self.test_legend.addItem(pg.PlotDataItem(pen=pg.mkPen(grey, width=1.5)), translate("MnistPlots", "test subset"))
        self.test_legend.addItem(pg.PlotDataItem(**full_test_marker(grey)), translate("MnistPlots", "full test set"))
        self._layer_keys: tuple = ()
        self.log_y = False
        self._epochs = 0
        # Plots whose y range follows the data (until the user zooms or pans one).
        self._follow = {plot: True for plot in self.plots.values()}
        for plot in self.plots.values():
            plot.enableAutoRange(y=False)
            plot.vb.sigRangeChangedManually.connect(
                lambda *_, p=plot: self._follow.__setitem__(p, False))
        self.runs: dict[int, _RunItems] = {}
        self.per_class = None  # the per-class accuracy plot, when the view adds one: it reads out too

    def retranslate(self) -> None:
        """Titles, axis labels and legends in the language shown (pyqtgraph's items are not
        widgets: the view calls this on a change of language)."""
        for plot, title in zip((self.train, self.test_loss, self.test_acc, self.lr, self.grads, self.dead), TITLES):
            plot.titleLabel.setText(translate("MnistPlots", title))
        for plot in self.plots.values():
            plot.setLabel("bottom", translate("MnistPlots", "epoch"))
        for (_, label), text in zip(self.test_legend.items, ("test subset", "full test set")):
            label.setText(translate("MnistPlots", text))
        keys, self._layer_keys = self._layer_keys, ()
        if keys:
            self._layer_legends(keys)
        for items in self.runs.values():
            self._name(items)
            items.diverged.setText(items.run.status_text() if items.run.status == RunStatus.DIVERGED else "")
        self.readout.setText(translate("MnistPlots", "hover over a plot to read its values"))

    def _name(self, items: _RunItems) -> None:
        """The run's legend entry (its whole label in the entry's tooltip)."""
        for sample, label in self.legend.items:
            if sample.item is items.smooth:
                label.setText(legend_name(items.run))
                label.setToolTip(items.run.shown_label)

    # -- options ---------------------------------------------------------------------------
    def set_log_y(self, on: bool) -> None:
        """Log scale for the loss plots (the gradient norms are always log-scaled)."""
        self.log_y = on
        for plot in (self.train, self.test_loss):
            plot.setLogMode(y=on)
        for items in self.runs.values():
            items.revision = -1  # redraw: the diverged labels move to the new units
        self._y_span(tight=True)  # the units of the view changed (log10 or not)

    def fit(self, runs: list) -> None:
        """Zoom every curve plot to the data: x from 0 to the furthest epoch trained, y
        to what is in that range. (Not `autoRange()`: the curves clip to the view, so
        after a zoom it would only find the points already in view.)"""
        done = max((r.epochs_done() for r in runs), default=0.0)
        for plot in self.plots.values():
            plot.setXRange(0, done or self._epochs or 1, padding=0.02)
            self._follow[plot] = True
        self._y_span(tight=True)

    def connect_hover(self, scene) -> None:
        scene.sigMouseMoved.connect(self._hover)

    # -- runs ---------------------------------------------------------------------------------
    def _remove_items(self, items: _RunItems) -> None:
        for item in items.items():
            for plot in self.plots.values():
                if item in plot.items:
                    plot.removeItem(item)
        self.legend.removeItem(items.smooth)

    def update(self, runs: list, weight: float) -> None:
        """Bring every run's items up to date; touches only runs that changed."""
        for run in runs:
            items = self.runs.get(id(run))
            if items is None:
                items = self.runs[id(run)] = _RunItems(self, run)
            if items.revision == run.revision and items.weight == weight:
                continue
            self._draw(run, items, weight)
            items.revision, items.weight = run.revision, weight
        # A run removed from the queue leaves no items behind.
        alive = {id(r) for r in runs}
        for key in [k for k in self.runs if k not in alive]:
            self._remove_items(self.runs.pop(key))
        self._x_span(runs)
        self._y_span()

    def _y_span(self, tight: bool = False) -> None:
        """Keep each plot's y range around its data, with slack: change it only when the
        data leave it or fill less than FILL of it. pyqtgraph's auto-range would follow
        every new minimum, re-ticking and repainting every axis on every redraw, which
        was half of what a redraw cost. A plot the user zoomed is left alone until
        "Fit to data"."""
        for plot in self.plots.values():
            if not self._follow[plot]:
                continue
            lows, highs = [], []
            for item in plot.listDataItems():
                lo, hi = item.dataBounds(1)  # in log10 units on a log axis, as the view
                if lo is not None and hi is not None and math.isfinite(lo) and math.isfinite(hi):
                    lows.append(lo)
                    highs.append(hi)
            if not lows:
                continue
            lo, hi = min(lows), max(highs)
            (a, b) = plot.vb.viewRange()[1]
            if tight or lo < a or hi > b or (hi - lo) < FILL * (b - a):
                span = (hi - lo) or max(abs(hi), 1e-3)
                plot.vb.setYRange(lo - 0.05 * span, hi + 0.05 * span, padding=0)

    def _x_span(self, runs: list) -> None:
        """Fix every x axis to 0 .. the longest run's epochs while it trains: the curves
        grow into a frame that shows how far along they are, and the axes need no new
        ticks (and no repaint) on every frame."""
        epochs = max((r.config.epochs for r in runs), default=0)
        if epochs and epochs != self._epochs:
            self._epochs = epochs
            for plot in self.plots.values():
                plot.enableAutoRange(x=False)
                plot.setXRange(0, epochs, padding=0.02)

    def _draw(self, run, items: _RunItems, weight: float) -> None:
        spe = run.steps_per_epoch()
        n = run.finite_rows()
        steps = run.steps.view()[:n]
        x = steps / spe if math.isfinite(spe) else steps
        items.raw.setData(x, run.losses.view()[:n])
        items.smooth.setData(x, run.smoothed_losses(weight)[:n])
        lrs = run.lrs.view()[:n]
        positive = lrs > 0  # log axis: a cosine schedule's final 0 is not drawn
        items.lr.setData(x[positive], lrs[positive])
        self._layers(run, items, x, n)
        for points, line, dots in ((run.subset_evals, items.test_loss, items.test_acc),
                                   (run.epoch_evals, items.test_loss_epoch, items.test_acc_epoch)):
            # Cross-entropy for every run, whatever it trains with: one scale for all.
            ex, ce, acc = points.epoch.view(), points.cross_entropy.view(), points.accuracy.view()
            ok = np.isfinite(ce)
            line.setData(ex[ok], ce[ok])
            ok = np.isfinite(acc)
            dots.setData(ex[ok], 100 * acc[ok])
        if run.status != items.status:
            items.status = run.status
            self._name(items)
            items.diverged.setText(run.status_text() if run.status == RunStatus.DIVERGED else "")
        if run.status == RunStatus.DIVERGED and n:
            # TextItems are not log-transformed by the plot: place it in view units.
            y = run.losses.view()[n - 1]
            items.diverged.setPos(x[-1], math.log10(y) if self.log_y and y > 0 else y)

    def _layers(self, run, items: _RunItems, x: np.ndarray, n: int) -> None:
        grads, dead = run.grad_norms.view(), run.dead_fraction.view()
        if not len(grads):  # no step yet (or a run started over)
            for item in (*items.grads, *items.dead):
                item.setData([], [])
            return
        if grads.ndim == 2 and grads.shape[1] and not items.grads:
            for layer in range(grads.shape[1]):
                # width 1: Qt's fast path for thin lines (these curves have a point per step)
                pen = pg.mkPen(run.colour, width=1, style=STYLES[layer % len(STYLES)])
                items.grads.append(_long(self.grads.plot(pen=pen)))
            for layer in range(dead.shape[1] if dead.ndim == 2 else 0):
                pen = pg.mkPen(run.colour, width=1, style=STYLES[layer % len(STYLES)])
                items.dead.append(_long(self.dead.plot(pen=pen)))
            self._layer_legends(run.config.hidden)
        for layer, item in enumerate(items.grads):
            g = grads[:n, layer]
            ok = np.isfinite(g) & (g > 0)  # log axis: zero or inf would break the scale
            item.setData(x[ok], g[ok])
        for layer, item in enumerate(items.dead):
            item.setData(x, 100 * dead[:n, layer])

    def _layer_legends(self, hidden: tuple[int, ...]) -> None:
        """Grey samples naming each line style once ("layer 1: 784→512")."""
        if tuple(hidden) == self._layer_keys:
            return
        self._layer_keys = tuple(hidden)
        self.layer_legend.clear()
        self.hidden_legend.clear()
        sizes = (784, *hidden, 10)
        for layer in range(len(sizes) - 1):
            pen = pg.mkPen((90, 90, 90), width=1.5, style=STYLES[layer % len(STYLES)])
            self.layer_legend.addItem(pg.PlotDataItem(pen=pen), f"{sizes[layer]}→{sizes[layer + 1]}")
            if layer < len(hidden):
                self.hidden_legend.addItem(pg.PlotDataItem(pen=pen), translate("MnistPlots", "hidden {layer} ({units})").format(
                    layer=layer + 1, units=hidden[layer]))

    # -- hover ------------------------------------------------------------------------------
    def _hover(self, pos) -> None:
        for name, plot in self.plots.items():
            if not plot.sceneBoundingRect().contains(pos):
                continue
            p = plot.vb.mapSceneToView(pos)
            x, y = p.x(), p.y()
            if plot.ctrl.logYCheck.isChecked():
                y = 10**y
            text = translate("MnistPlots", "<b>{name}</b> · epoch {x} · {y}").format(
                name=translate("MnistPlots", PLOT_NAMES[name]), x=f"{x:.3f}", y=f"{y:.4g}")
            self.readout.setText(text + self.values_at(plot, x))
            return
        if self.per_class is not None and self.per_class.sceneBoundingRect().contains(pos):
            digit = self.per_class.vb.mapSceneToView(pos).x()
            self.readout.setText(self.per_class.describe(digit))

    def values_at(self, plot: pg.PlotItem, epoch: float) -> str:
        """Each run's value in `plot` at the hovered epoch, in the run's colour: the
        nearest point of its curve (the training loss's smoothed curve; in the test
        plots the nearest evaluation, subset or full test set)."""
        parts = []
        for items in self.runs.values():
            if plot is self.train:
                sources, fmt = [items.smooth], "{:.4f}"
            elif plot is self.test_loss:
                sources, fmt = [items.test_loss, items.test_loss_epoch], "{:.4f}"
            elif plot is self.test_acc:
                sources, fmt = [items.test_acc, items.test_acc_epoch], "{:.2f}%"
            elif plot is self.lr:
                sources, fmt = [items.lr], "{:.3g}"
            else:
                return ""
            nearest = _nearest(sources, epoch)
            if nearest is None:
                continue
            x, y = nearest
            colour = items.colour
            where = "" if plot is self.train else translate("MnistPlots", " (epoch {x})").format(x=f"{x:.2f}")
            parts.append(f"<span style='color:{colour}'>■ {fmt.format(y)}{where}</span>")
        label = translate("MnistPlots", " · smoothed: ") if plot is self.train else " · "
        return label + " ".join(parts) if parts else ""


def _nearest(items: list[pg.PlotDataItem], x: float) -> tuple[float, float] | None:
    """The (x, y) data point nearest to x in the x direction among `items`' data."""
    best = None
    for item in items:
        xs, ys = item.xData, item.yData  # the data as given, not log-transformed
        if xs is None or not len(xs):
            continue
        i = int(np.argmin(np.abs(xs - x)))
        if best is None or abs(xs[i] - x) < abs(best[0] - x):
            best = (float(xs[i]), float(ys[i]))
    return best
