"""The batch loss C after each optimizer step taken on the page (Step ▶ past the update,
Step ×10), with a marker on the step shown now: the learner watches the loss fall."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.plotting.axes import TidyAxis, tidy_axes
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.style import BACKGROUND

CURVE = (255, 170, 60)


class StepAxis(TidyAxis):
    """An axis of step numbers: ticks on whole steps only (there is no step 0.4)."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's API
        levels = [(s, o) for s, o in super().tickSpacing(minVal, maxVal, size) if s >= 1]
        return levels or [(1, 0)]


class StepLossPlot(pg.PlotWidget):
    """`show_losses(losses, current)`: the curve over steps 0, 1, ... and the marker."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background=BACKGROUND,
                         axisItems={**tidy_axes("left"), "bottom": StepAxis("bottom")})
        self.plot_item = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)
        self.plot_item.setLabel("left", "C")
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)
        self.setMouseEnabled(x=False, y=False)
        self.curve = self.plot_item.plot(pen=pg.mkPen(CURVE, width=2), symbol="o", symbolSize=5,
                                         symbolBrush=CURVE, symbolPen=None)
        self.marker = pg.ScatterPlotItem(size=13, pen=pg.mkPen("w", width=2), brush=pg.mkBrush(None))
        self.plot_item.addItem(self.marker)
        fit_titles(self)
        self.retranslate()
        self.setMinimumSize(200, 150)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The title and the step axis's label in the language in use."""
        self.plot_item.setTitle(translate("BackpropPlot", "Loss C"))
        self.plot_item.setLabel("bottom", translate("BackpropPlot", "step"))

    def show_losses(self, losses: Sequence[float], current: int) -> None:
        y = np.asarray(losses, dtype=np.float64)
        y = np.where(np.isfinite(y), y, np.nan)  # a diverged step is a gap, not a spike to inf
        x = np.arange(len(y), dtype=np.float64)
        self.curve.setData(x, y, connect="finite")
        if 0 <= current < len(y) and np.isfinite(y[current]):
            self.marker.setData([float(current)], [float(y[current])])
        else:
            self.marker.setData([], [])
        self.plot_item.setXRange(0, max(len(y) - 1, 1), padding=0.05)
