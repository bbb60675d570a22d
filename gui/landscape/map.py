"""The contour map of a loss plane: L(origin + α·d₁ + β·d₂) on a grid, with the runs' paths.

    view = MapView()
    view.set_plane(alphas, betas, title, marks, paths, colours)   # the plane's geometry
    view.set_grid(loss, accuracy)                                 # as often as the grid fills in

What is drawn
-------------
- An `ImageItem` (row-major: row i is β = betas[i], column j is α = alphas[j]) whose
  pixels are centred on the grid points, so the axes read α and β directly. Cells not
  computed yet are NaN: transparent, the plot's background shows through.
- The colours show the loss, or log₁₀(loss) when the finite values span more than
  `LOG_RATIO` (a sharp valley next to a plateau would otherwise be one colour); the
  colour bar's ticks then still read in losses (0.05, 0.1, 0.2, ...). The colour bar
  and the contour levels use the same scale; levels are set from the
  finite cells at each update (they settle once the coarse pass is in).
- `CONTOUR_COUNT` contour lines (pyqtgraph's `isocurve`, in one curve item), traced on
  the finest complete sub-grid: every 4th point after the coarse pass, every 2nd after
  the second, every point at the end (a sub-grid with a hole would draw lines that mean
  nothing). Not `IsocurveItem`: it extends the lines along the grid's edges, which on a
  21-point grid draws ticks where no contour is.
- Paths as lines with a marker per snapshot, in the runs' colours over a dark outline;
  named points (θ₀, the finals) as labelled markers.
- `hovered(str)` says the loss and accuracy of the grid point under the mouse.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.fonts import rescale_new_text
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.style import BACKGROUND, OUTLINE

CONTOUR_COUNT = 12
COLORMAP = "viridis"
LOG_RATIO = 5.0  # max/min of the finite losses above which the colours are log-scaled
STRIDES = (4, 2, 1)  # the passes' sub-grids, coarse first (the core's grid_order)


def display_values(loss: np.ndarray, log: bool) -> np.ndarray:
    """What the colours show: loss, or log₁₀(loss) (NaN stays NaN; a loss ≤ 0, which no
    classification loss reaches, is NaN rather than −∞)."""
    loss = np.asarray(loss, dtype=np.float64)
    if not log:
        return loss.copy()
    with np.errstate(all="ignore"):
        return np.where(loss > 0, np.log10(loss), np.nan)


def wants_log(loss: np.ndarray) -> bool:
    """True when the finite losses span more than LOG_RATIO (min > 0)."""
    finite = np.asarray(loss)[np.isfinite(loss)]
    if finite.size == 0 or finite.min() <= 0:
        return False
    return float(finite.max() / finite.min()) > LOG_RATIO


def log_ticks(lo: float, hi: float) -> list[list[tuple[float, str]]]:
    """Colour-bar ticks for log₁₀(loss) from `lo` to `hi`: the losses 1, 2, 5 × 10ᵏ inside,
    at their log₁₀, labelled with the loss ("0.05", "0.1", "2"); when fewer than two fall
    inside, 1.5, 3 and 7 are added, and then the range's ends."""
    values = []
    for mantissas in ((1, 2, 5), (1, 1.5, 2, 3, 5, 7)):
        values = [m * 10.0 ** k for k in range(math.floor(lo) - 1, math.ceil(hi) + 1)
                  for m in mantissas if lo <= math.log10(m * 10.0 ** k) <= hi]
        if len(values) >= 2:
            break
    else:  # a narrow range: its ends as well
        values = sorted({10.0 ** lo, *values, 10.0 ** hi})
    return [[(math.log10(v), f"{v:.3g}") for v in values], []]


def complete_stride(values: np.ndarray) -> int | None:
    """The smallest s of STRIDES whose sub-grid values[::s, ::s] is fully computed."""
    for s in reversed(STRIDES):
        if np.isfinite(values[::s, ::s]).all():
            return s
    return None


class MapView(pg.GraphicsLayoutWidget):
    """See the module docstring. `loss`, `accuracy` hold the grid as last given;
    `log_scale` says whether the colours are log₁₀(loss)."""

    hovered = QtCore.Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.plot = self.addPlot(axisItems=tidy_axes())
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setLabel("bottom", "α (along d₁)")
        self.plot.setLabel("left", "β (along d₂)")
        self.alphas = np.zeros(0)
        self.betas = np.zeros(0)
        self.loss = np.zeros((0, 0))
        self.accuracy = np.zeros((0, 0))
        self.log_scale = False
        self.levels = (0.0, 1.0)
        self._bar_label = "loss"
        self._bar_ticks: list | None = None
        self._contour_key: tuple | None = None

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-100)
        self.plot.addItem(self.image)
        # A light, half-transparent line reads on every viridis colour.
        self.contours = pg.PlotCurveItem(connect="finite", pen=pg.mkPen(255, 255, 255, 110, width=1))
        self.contours.setZValue(-50)
        self.plot.addItem(self.contours, ignoreBounds=True)
        self.colorbar = pg.ColorBarItem(values=self.levels, colorMap=COLORMAP, label="loss",
                                        interactive=False, width=15, colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        for side in ("left", "right"):
            self.colorbar.getAxis(side).enableAutoSIPrefix(False)
        self._path_items: list[Any] = []
        self._mark_items: list[Any] = []
        fit_titles(self)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    # -- geometry ----------------------------------------------------------------------------
    def set_plane(self, alphas: np.ndarray, betas: np.ndarray, title: str,
                  marks: dict[str, tuple[float, float]] | None = None,
                  paths: dict[str, np.ndarray] | None = None,
                  colours: dict[str, str] | None = None,
                  mark_colours: dict[str, str] | None = None) -> None:
        """A new plane: the grid's coordinates, the title, named points (`marks`: label ->
        (α, β)), each run's projected path ((k, 2) rows of (α, β)) in its colour. The
        grid starts empty (all NaN)."""
        self.alphas = np.asarray(alphas, dtype=np.float64)
        self.betas = np.asarray(betas, dtype=np.float64)
        self.plot.setTitle(title)
        for item in self._path_items + self._mark_items:
            self.plot.removeItem(item)
        self._path_items, self._mark_items = [], []
        colours = colours or {}
        for name, xy in (paths or {}).items():
            xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
            xy = xy[np.isfinite(xy).all(axis=1)]
            colour = colours.get(name, "#ffffff")
            curve = pg.PlotDataItem(xy[:, 0], xy[:, 1], pen=pg.mkPen(colour, width=2),
                                    shadowPen=pg.mkPen(*OUTLINE, width=4), symbol="o",
                                    symbolSize=5, symbolBrush=colour, symbolPen=pg.mkPen(OUTLINE))
            curve.setZValue(40)
            self.plot.addItem(curve)
            self._path_items.append(curve)
        mark_colours = mark_colours or {}
        for label, (a, b) in (marks or {}).items():
            colour = mark_colours.get(label, "#ffffff")
            dot = pg.ScatterPlotItem(x=[a], y=[b], size=11, symbol="s" if label == "θ₀" else "o",
                                     pen=pg.mkPen("k", width=1), brush=pg.mkBrush(colour))
            dot.setZValue(60)
            text = pg.TextItem(label, color="#ffffff", anchor=(0, 1), fill=pg.mkBrush(0, 0, 0, 150))
            text.setPos(a, b)
            text.setZValue(61)
            for item in (dot, text):
                self.plot.addItem(item)
                self._mark_items.append(item)
        rescale_new_text(self)  # the labels just added, at presenter mode's size
        self._contour_key = None
        self.set_grid(np.full((len(self.betas), len(self.alphas)), np.nan),
                      np.full((len(self.betas), len(self.alphas)), np.nan))
        if len(self.alphas) and len(self.betas):
            da, db = self._steps()
            self.image.setRect(QtCore.QRectF(self.alphas[0] - da / 2, self.betas[0] - db / 2,
                                             da * len(self.alphas), db * len(self.betas)))
            self.plot.setRange(xRange=(self.alphas[0] - da / 2, self.alphas[-1] + da / 2),
                               yRange=(self.betas[0] - db / 2, self.betas[-1] + db / 2), padding=0)

    def _steps(self) -> tuple[float, float]:
        da = float(self.alphas[1] - self.alphas[0]) if len(self.alphas) > 1 else 1.0
        db = float(self.betas[1] - self.betas[0]) if len(self.betas) > 1 else 1.0
        return da, db

    # -- values ------------------------------------------------------------------------------
    def set_grid(self, loss: np.ndarray, accuracy: np.ndarray | None = None) -> None:
        """Show the grid as computed so far (NaN: not yet)."""
        self.loss = np.array(loss, dtype=np.float64)
        self.accuracy = (np.full_like(self.loss, np.nan) if accuracy is None
                         else np.array(accuracy, dtype=np.float64))
        self.log_scale = wants_log(self.loss)
        z = display_values(self.loss, self.log_scale)
        finite = np.isfinite(z)
        if finite.any():
            lo, hi = float(z[finite].min()), float(z[finite].max())
            if not hi > lo:
                hi = lo + 1.0
        else:
            lo, hi = 0.0, 1.0
        self.levels = (lo, hi)
        self.image.setImage(z, autoLevels=False, levels=self.levels)
        self.colorbar.setLevels(self.levels)
        label = "loss (log scale)" if self.log_scale else "loss"
        if label != self._bar_label:  # a new label lays the plot out again: only on a change
            self._bar_label = label
            self.colorbar.getAxis("left").setLabel(label)
        # On a log scale the bar still reads in losses: ticks at 1-2-5 values placed at
        # their log₁₀ (the colours' coordinate), so no reader has to undo a logarithm.
        ticks = log_ticks(lo, hi) if self.log_scale else None
        if ticks != self._bar_ticks:
            self._bar_ticks = ticks
            for side in ("left", "right"):
                self.colorbar.getAxis(side).setTicks(ticks)
        # The contours change only when a finer sub-grid is complete (three times a plane):
        # tracing them on every row would cost the GUI thread ~25 ms a row for nothing.
        stride = complete_stride(z) if z.size else None
        key = (stride, self.log_scale)
        if key != self._contour_key:
            self._contour_key = key
            xy = self.contour_lines(z)
            self.contours.setData(xy[:, 0], xy[:, 1])

    def contour_lines(self, z: np.ndarray) -> np.ndarray:
        """The contour lines of `z` as (α, β) rows, lines separated by NaN rows: traced on
        the finest complete sub-grid (none while the coarse pass is unfinished), at
        CONTOUR_COUNT levels evenly spaced between that sub-grid's lowest and highest value."""
        stride = complete_stride(z) if z.size else None
        if stride is None or min(z[::stride, ::stride].shape) < 2:
            return np.zeros((0, 2))
        sub = z[::stride, ::stride]
        lo, hi = float(sub.min()), float(sub.max())
        if not hi > lo:
            return np.zeros((0, 2))
        da, db = self._steps()
        pieces = []
        for level in np.linspace(lo, hi, CONTOUR_COUNT + 2)[1:-1]:
            for line in pg.functions.isocurve(sub, float(level), connected=True,
                                              extendToEdge=False):
                # isocurve puts sample (i, j) at (i + ½, j + ½); sub-grid sample (i, j) is
                # grid point (s·i, s·j): β = β₀ + s·i·Δβ, α = α₀ + s·j·Δα.
                p = np.asarray(line, dtype=np.float64) - 0.5
                pieces.append(np.column_stack([self.alphas[0] + stride * p[:, 1] * da,
                                               self.betas[0] + stride * p[:, 0] * db]))
                pieces.append(np.full((1, 2), np.nan))
        return np.vstack(pieces) if pieces else np.zeros((0, 2))

    def drawn_loss(self) -> np.ndarray:
        """The losses the picture shows (undoing the log scale): what a test compares."""
        z = np.asarray(self.image.image, dtype=np.float64)
        return 10.0 ** z if self.log_scale else z

    # -- hover -------------------------------------------------------------------------------
    def value_at(self, alpha: float, beta: float) -> str:
        """'α = …, β = …: loss …, accuracy …' of the grid point nearest (α, β); '' outside."""
        if not len(self.alphas) or not len(self.betas):
            return ""
        da, db = self._steps()
        j = int(round((alpha - self.alphas[0]) / da))
        i = int(round((beta - self.betas[0]) / db))
        if not (0 <= i < len(self.betas) and 0 <= j < len(self.alphas)):
            return ""
        where = f"α = {self.alphas[j]:.3g}, β = {self.betas[i]:.3g}"
        loss = self.loss[i, j] if self.loss.shape == (len(self.betas), len(self.alphas)) else math.nan
        if not math.isfinite(loss):
            return f"{where}: not computed yet"
        acc = self.accuracy[i, j]
        acc_text = f", accuracy {100 * acc:.1f} %" if math.isfinite(acc) else ""
        return f"{where}: loss {loss:.4g}{acc_text}"

    def _mouse_moved(self, pos: QtCore.QPointF) -> None:
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        p = self.plot.vb.mapSceneToView(pos)
        self.hovered.emit(self.value_at(p.x(), p.y()))
