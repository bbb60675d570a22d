"""The straight line from the start to the end of training (Goodfellow et al., 2015).

    view = LineView()
    view.set_line(alphas, colours)                 # one curve per run, empty
    view.set_values(loss, accuracy)                # {run: (len(alphas),)}, NaN until computed

Each run's loss (top) and accuracy (bottom) at θ(α) = θ₀ + α·(θ_T − θ₀): α = 0 is the
start every run shares, α = 1 that run's final weights (both marked), α < 0 and α > 1
look past them. The loss axis is logarithmic when the values span more than
`LOG_RATIO`, as the map's colours are. `hovered(str)` reads the values at the α nearest
the mouse.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from gradlab.gui.landscape.map import LOG_RATIO
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.plotting.axes import share_width, tidy_axes
from gradlab.gui.plotting.fonts import rescale_new_text
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.style import BACKGROUND, MUTED


# Words, not "θ_T" (an underscore reads as LaTeX and its subscript is lost in large fonts).
TICK_NAMES = {0.0: QT_TRANSLATE_NOOP("LandscapeLine", "0 = θ₀ (start)"),
              1.0: QT_TRANSLATE_NOOP("LandscapeLine", "1 = final weights")}


class LineView(pg.GraphicsLayoutWidget):
    """See the module docstring. `curves[run]` = (loss curve, accuracy curve)."""

    hovered = QtCore.Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.loss_plot = self.addPlot(row=0, col=0, axisItems=tidy_axes())
        self.acc_plot = self.addPlot(row=1, col=0, axisItems=tidy_axes())
        for plot in (self.loss_plot, self.acc_plot):
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.showGrid(x=True, y=True, alpha=0.2)
            for side in ("bottom", "left"):
                plot.getAxis(side).enableAutoSIPrefix(False)
        self.acc_plot.setXLink(self.loss_plot)
        share_width(self.loss_plot.getAxis("left"), self.acc_plot.getAxis("left"))
        # Bottom left: the loss is high at and before θ₀, so that corner is free.
        self.legend = self.loss_plot.addLegend(offset=(10, -10), labelTextColor=(235, 235, 235))
        self.legend.setBrush(pg.mkBrush(0, 0, 0, 150))
        # α = 0 and α = 1 are marked on the axis itself ("0 = θ₀", "1 = θ_T") and by a
        # dashed line: a label inside the plot would sit on some run's curve.
        for plot in (self.loss_plot, self.acc_plot):
            for alpha in (0.0, 1.0):
                plot.addItem(pg.InfiniteLine(
                    alpha, angle=90, pen=pg.mkPen(MUTED, width=1, style=QtCore.Qt.PenStyle.DashLine)))
        self.alphas = np.zeros(0)
        self.curves: dict[str, tuple[Any, Any]] = {}
        self.loss: dict[str, np.ndarray] = {}
        self.accuracy: dict[str, np.ndarray] = {}
        self.log_scale = False
        self.names: dict[str, str] = {}
        self.retranslate()
        fit_titles(self)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The title and the axes' names in the language in use."""
        self.loss_plot.setLabel("left", translate("LandscapeLine", "loss (log scale)") if self.log_scale
                                else translate("LandscapeLine", "loss"))
        self.acc_plot.setLabel("bottom",
                               translate("LandscapeLine", "α   (θ = θ₀ + α·(final weights − θ₀))"))
        ticks = [[(a, translate("LandscapeLine", TICK_NAMES[a]) if a in TICK_NAMES else f"{a:g}")
                  for a in (-0.5, 0.0, 0.5, 1.0, 1.5)],
                 [(a / 10, "") for a in range(-5, 16)]]
        for plot in (self.loss_plot, self.acc_plot):
            plot.getAxis("bottom").setTicks(ticks)
        self.acc_plot.setLabel("left", translate("LandscapeLine", "accuracy (%)"))
        self.loss_plot.setTitle(translate("LandscapeLine", "The straight line from θ₀ to each run's end"))

    def set_line(self, alphas: np.ndarray, colours: dict[str, str],
                 names: dict[str, str] | None = None) -> None:
        """One empty curve per run (the keys of `colours`, in order), named in the legend
        by `names[run]` (default: the run itself)."""
        names = names or {}
        self.alphas = np.asarray(alphas, dtype=np.float64)
        self.names = {run: names.get(run, run) for run in colours}  # short: the hover reads them
        for loss_curve, acc_curve in self.curves.values():
            self.loss_plot.removeItem(loss_curve)
            self.acc_plot.removeItem(acc_curve)
        self.legend.clear()
        self.curves = {}
        for run, colour in colours.items():  # (legend entries are rescaled below)
            style = dict(pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=5,
                         symbolBrush=colour, symbolPen=None)
            self.curves[run] = (self.loss_plot.plot(name=names.get(run, run), **style),
                                self.acc_plot.plot(**style))
        rescale_new_text(self)  # the new legend entries, at presenter mode's size
        self.set_values({run: np.full(len(self.alphas), np.nan) for run in colours},
                        {run: np.full(len(self.alphas), np.nan) for run in colours})
        if len(self.alphas):
            self.loss_plot.setXRange(self.alphas[0], self.alphas[-1], padding=0.02)

    def set_values(self, loss: dict[str, np.ndarray], accuracy: dict[str, np.ndarray]) -> None:
        """The values computed so far (NaN: not yet; those points are left out)."""
        self.loss = {r: np.asarray(v, dtype=np.float64) for r, v in loss.items()}
        self.accuracy = {r: np.asarray(v, dtype=np.float64) for r, v in accuracy.items()}
        finite = np.concatenate([v[np.isfinite(v)] for v in self.loss.values()] or [np.zeros(0)])
        log = bool(finite.size and finite.min() > 0 and finite.max() / finite.min() > LOG_RATIO)
        if log != self.log_scale:
            self.log_scale = log
            self.loss_plot.setLogMode(y=log)
            self.retranslate()  # the loss axis says whether it is log
        for run, (loss_curve, acc_curve) in self.curves.items():
            for curve, values, k in ((loss_curve, self.loss.get(run), 1.0),
                                     (acc_curve, self.accuracy.get(run), 100.0)):
                if values is None:
                    continue
                ok = np.isfinite(values) & ((values > 0) if (log and k == 1.0) else True)
                curve.setData(self.alphas[ok], k * values[ok])

    def value_at(self, alpha: float) -> str:
        """'α = …: run loss …, accuracy …; …' at the computed α nearest `alpha`."""
        if not len(self.alphas):
            return ""
        j = int(np.argmin(np.abs(self.alphas - alpha)))
        parts = []
        for run in self.curves:
            loss = self.loss.get(run, np.full(len(self.alphas), np.nan))[j]
            acc = self.accuracy.get(run, np.full(len(self.alphas), np.nan))[j]
            if math.isfinite(loss):
                if math.isfinite(acc):
                    parts.append(translate("LandscapeLine", "{run}: loss {loss}, {accuracy} %").format(
                        run=self.names.get(run, run), loss=f"{loss:.4g}", accuracy=f"{100 * acc:.1f}"))
                else:
                    parts.append(translate("LandscapeLine", "{run}: loss {loss}").format(
                        run=self.names.get(run, run), loss=f"{loss:.4g}"))
        said = (translate("LandscapeLine", "; ").join(parts) if parts
                else translate("LandscapeLine", "not computed yet"))
        return translate("LandscapeLine", "{where}: {values}").format(
            where=f"α = {self.alphas[j]:.3g}", values=said)

    def _mouse_moved(self, pos: QtCore.QPointF) -> None:
        for plot in (self.loss_plot, self.acc_plot):
            if plot.sceneBoundingRect().contains(pos):
                self.hovered.emit(self.value_at(plot.vb.mapSceneToView(pos).x()))
                return
