"""Training and test loss per epoch, one pair of curves per network (compare mode
overlays them, each labelled with its settings).

The tab appends the core's `EpochStats` as frames arrive (`append`); `redraw` plots
them from growing numpy buffers. A diverged network's non-finite losses are not
drawn: the curve stops where the loss left the finite numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.legend import fit_legend
from gradlab.gui.style import PALETTE


TRAINING = QT_TRANSLATE_NOOP("PlaygroundCurves", "training")
TEST = QT_TRANSLATE_NOOP("PlaygroundCurves", "test")


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

    def count(self, k: int) -> int:
        return self.buffers[k].n

    def redraw(self) -> None:
        for buf, (train, test) in zip(self.buffers, self.curves):
            rows = buf.view()
            ok = np.isfinite(rows).all(axis=1)
            if not ok.all():  # stops at the first non-finite loss (divergence)
                rows = rows[: int(np.argmin(ok))]
            train.setData(rows[:, 0], rows[:, 1])
            test.setData(rows[:, 0], rows[:, 2])
