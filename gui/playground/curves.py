"""Training and test loss per epoch, one pair of curves per network (compare mode
overlays them, each labelled with its settings).

The tab appends the core's `EpochStats` as frames arrive (`append`); `redraw` plots
them from growing numpy buffers. A diverged network's non-finite losses are not
drawn: the curve stops where the loss left the finite numbers.

The axes run from 0 to a round number above the largest epoch and loss (`nice_ceiling`)
and change only when a curve outgrows them: live auto-ranging changed both axes' tick
labels on every redraw, and painting them was most of the Playground's frame on the
GUI thread (10 ms of 13, offscreen, bench/playground_speed.py); now they are painted
into a pixmap once per change, and steady axes are easier to read while a curve grows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.legend import fit_legend
from gradlab.gui.style import PALETTE


TRAINING = QT_TRANSLATE_NOOP("PlaygroundCurves", "training")
TEST = QT_TRANSLATE_NOOP("PlaygroundCurves", "test")
# An axis ends at the first of these (times a power of ten) at or above its data: the
# curves fill at least two thirds of it after each step.
STEPS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest s · 10^k ≥ `value` with s in STEPS (1 for anything ≤ 0 or not finite)."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in STEPS:
        if step * power >= value * (1 - 1e-12):
            return float(f"{step * power:.6g}")  # 0.3, not 0.30000000000000004
    return 10.0 * power


class _Buffer:
    """(epoch, train loss, test loss) rows, grown by doubling."""

    def __init__(self) -> None:
        self.rows = np.empty((256, 3))
        self.n = 0

    def append(self, epoch: int, train: float, test: float) -> None:
        if self.n == len(self.rows):
            self.rows = np.concatenate([self.rows, np.empty_like(self.rows)])
        self.rows[self.n] = (epoch, train, test)
        self.n += 1

    def view(self) -> np.ndarray:
        return self.rows[: self.n]


class LossPlot(pg.PlotWidget):
    """Loss against epoch for up to four networks: solid training, dashed test."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, axisItems=tidy_axes("left", "bottom"))
        self.setBackground("w")
        item = self.getPlotItem()
        for side in ("left", "bottom"):
            item.getAxis(side).setTextPen("#444")
            item.getAxis(side).setPen("#888")
            # Painted once per range (see the module docstring), not on every redraw.
            item.getAxis(side).setCacheMode(pg.QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMenuEnabled(False)
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        # The legend sits above the plotting area, in a row kept for it (`make_room`),
        # entries side by side: inside a corner it covered the test curves, which climb
        # there when they overfit.
        self.legend = pg.LegendItem(labelTextSize="8pt", labelTextColor="#222", colCount=2)
        self.legend.setParentItem(item)
        self.legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-8, 0))
        item.legend = self.legend  # named curves go into it
        self.buffers: list[_Buffer] = []
        self.curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self._shown_range: tuple[float, float] | None = None  # the axes' ends (`_fit`)
        self.width_px = 1
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Axis labels and legend names in the language in use."""
        item = self.getPlotItem()
        item.setLabel("bottom", translate("PlaygroundCurves", "epoch"))
        item.setLabel("left", translate("PlaygroundCurves", "loss"))
        if self.legend.items:
            for (_, label), source in zip(self.legend.items, (TRAINING, TEST)):
                label.setText(translate("PlaygroundCurves", source))
            fit_legend(self.legend, max(self.width() - 40, 120))
            self.make_room()

    def set_networks(self, labels: Sequence[str]) -> None:
        """Start again with one (training, test) pair of curves per label."""
        item = self.getPlotItem()
        for train, test in self.curves:
            item.removeItem(train)
            item.removeItem(test)
        self.legend.clear()
        self.buffers, self.curves = [], []
        # No data yet: the axes start again from epochs 0 to 1, losses 0 to 1 (an
        # auto-range, with nothing to fit, kept the last networks' epochs).
        self._shown_range = None
        self._fit(1.0, 1.0)
        for k, label in enumerate(labels):
            colour = self.colour(k, len(labels))
            # Compared networks are named by their planes' titles, drawn in these colours:
            # a legend of eight entries would cover the curves on a projector.
            train = item.plot(pen=pg.mkPen(colour, width=self.width_px + 1),
                              name=None if len(labels) > 1 else translate("PlaygroundCurves", TRAINING))
            test = item.plot(pen=pg.mkPen(colour, width=self.width_px, style=pg.QtCore.Qt.PenStyle.DashLine),
                             name=None if len(labels) > 1 else translate("PlaygroundCurves", TEST))
            self.curves.append((train, test))
            self.buffers.append(_Buffer())
        if len(labels) > 1:  # grey samples: which line is which, for every colour
            grey = "#777"
            self._samples = (pg.PlotDataItem(pen=pg.mkPen(grey, width=self.width_px + 1)),
                             pg.PlotDataItem(pen=pg.mkPen(grey, width=self.width_px,
                                                          style=pg.QtCore.Qt.PenStyle.DashLine)))
            self.legend.addItem(self._samples[0], translate("PlaygroundCurves", TRAINING))
            self.legend.addItem(self._samples[1], translate("PlaygroundCurves", TEST))
        fit_legend(self.legend, max(self.width() - 40, 120))
        self.make_room()

    def make_room(self) -> None:
        """Keep the top row (the hidden title's) as tall as the legend: the plotting area
        starts below it."""
        self.getPlotItem().layout.setRowFixedHeight(0, self.legend.boundingRect().height())

    def colour(self, k: int, n: int) -> str:
        """Network k's curve colour (of n)."""
        return PALETTE.colour(k, on_dark=True) if n > 1 else "#1a8cff"

    def append(self, k: int, stats: Sequence) -> None:
        """Append network k's new `EpochStats` rows."""
        buf = self.buffers[k]
        for s in stats:
            buf.append(s.epoch, s.train_loss, s.test_loss)

    def cut(self, k: int, epochs: int) -> None:
        """Keep network k's rows up to epoch `epochs` (the rest are forgotten)."""
        buf = self.buffers[k]
        buf.n = int(np.searchsorted(buf.view()[:, 0], epochs, side="right"))

    def count(self, k: int) -> int:
        return self.buffers[k].n

    def redraw(self) -> None:
        epochs, losses = 1.0, 1.0 if not self.buffers else 0.0
        for buf, (train, test) in zip(self.buffers, self.curves):
            rows = buf.view()
            ok = np.isfinite(rows).all(axis=1)
            if not ok.all():  # stops at the first non-finite loss (divergence)
                rows = rows[: int(np.argmin(ok))]
            train.setData(rows[:, 0], rows[:, 1])
            test.setData(rows[:, 0], rows[:, 2])
            if len(rows):
                epochs = max(epochs, float(rows[-1, 0]))
                losses = max(losses, float(rows[:, 1:].max()))
        self._fit(epochs, losses)

    def _fit(self, epochs: float, losses: float) -> None:
        """Epochs 0 to `nice_ceiling(epochs)`, losses 0 to `nice_ceiling(losses)`: set
        only when that changes (each change repaints the axes)."""
        shown = (nice_ceiling(epochs), nice_ceiling(losses))
        if shown != self._shown_range:
            self._shown_range = shown
            self.getPlotItem().getViewBox().setRange(xRange=(0, shown[0]), yRange=(0, shown[1]), padding=0.02)
