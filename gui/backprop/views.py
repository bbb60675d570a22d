"""The pictures of one trace of the real network: each layer's activations and δ.

Layers side by side, as the signal flows: the input x, then each hidden layer, then the
output. The top row is the forward pass (x = a⁽⁰⁾, a⁽¹⁾, a⁽²⁾, then p = softmax(z⁽³⁾) as
bars); the bottom row is the backward pass for the chosen target (∂C/∂x, the saliency,
under the digit; δ⁽¹⁾, δ⁽²⁾; δ⁽³⁾ = ∂C/∂z⁽³⁾ as bars). Hidden units are laid out as
grids (`grid_shape`: 512 as 16×32, 256 as 16×16) in unit order, row by row.

δ and ∂C/∂x are signed: a diverging map (blue negative, white zero, red positive) with a
symmetric range ±max|·| per picture and its colour bar, since δ shrinks by orders of
magnitude from layer to layer and one shared range would show the deeper layers white.

Everything is built once and updated with `setImage` / `setOpts` (STYLE.md: pyqtgraph).
The numbers come from the `Trace`; nothing is computed here but reshapes and ranges.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from gradlab.core.backprop.drawing import MEAN, STD
from gradlab.gui.i18n import translate
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.title import fit_titles

# Blue for negative, white for zero, red for positive (the MNIST tab's weights map).
DIVERGING = pg.ColorMap([0.0, 0.5, 1.0], [(33, 102, 172), (247, 247, 247), (178, 24, 43)])
ACTIVATION_MAP = pg.colormap.get("inferno")
INPUT_MAP = pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sup(n: int) -> str:
    """⁽ⁿ⁾, the layer index as the course writes it."""
    return f"⁽{str(n).translate(SUPERSCRIPT)}⁾"


def grid_shape(n: int) -> tuple[int, int]:
    """(rows, columns) for n units: the widest divisor pair with rows ≤ columns
    (784 → 28×28, 512 → 16×32, 256 → 16×16; a prime n is one row)."""
    rows = max(d for d in range(1, int(math.isqrt(n)) + 1) if n % d == 0)
    return rows, n // rows


def symmetric(values: np.ndarray) -> float:
    """The half-range ±m of a signed picture: max|v|, never 0 (a blank picture stays white)."""
    m = float(np.max(np.abs(values))) if values.size else 0.0
    return m if math.isfinite(m) and m > 0 else 1.0


def nice_below(m: float) -> float:
    """The largest 1, 2 or 5 × 10ᵏ not above m: the colour bar's labelled ends, so three
    labels (−t, 0, t) always fit, however short the bar."""
    k = 10.0 ** math.floor(math.log10(m))
    return max(s * k for s in (1.0, 2.0, 5.0) if s * k <= m * (1 + 1e-12))


def _image_plot(plot: pg.PlotItem) -> pg.ImageItem:
    vb = plot.getViewBox()
    vb.setAspectLocked(True)
    vb.invertY(True)
    vb.setMouseEnabled(False, False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    for side in ("left", "bottom"):
        plot.hideAxis(side)
    image = pg.ImageItem(axisOrder="row-major")
    plot.addItem(image)
    return image


class LayerPictures:
    """The plots of one trace in a `pg.GraphicsLayoutWidget`, built for `sizes`."""

    def __init__(self, view: pg.GraphicsLayoutWidget) -> None:
        self.view = view
        self.sizes: tuple[int, ...] = ()
        self.forward: list[pg.ImageItem] = []  # x, a⁽¹⁾, ..., a⁽ᴸ⁻¹⁾
        self.backward: list[pg.ImageItem] = []  # ∂C/∂x, δ⁽¹⁾, ..., δ⁽ᴸ⁻¹⁾
        self.bars: list[pg.ColorBarItem] = []
        self.bar_labels: list[list[str]] = []  # each colour bar's tick labels
        self.descriptions: dict[tuple[int, int], str] = {}  # (row, layer) -> what the picture shows
        self.forward_plots: list[pg.PlotItem] = []
        self.backward_plots: list[pg.PlotItem] = []

    # -- building ------------------------------------------------------------------
    def build(self, sizes: tuple[int, ...]) -> None:
        """(Re)build the plots for layer widths `sizes` (only when the network's shape changes)."""
        if tuple(sizes) == self.sizes:
            return
        self.view.clear()
        self.sizes = tuple(sizes)
        self.forward, self.backward, self.bars, self.bar_labels = [], [], [], []
        self.descriptions = {}
        self.forward_plots, self.backward_plots = [], []
        L = len(sizes) - 1
        for l in range(L):  # the input and the hidden layers: pictures
            top = self.view.addPlot(row=0, col=l)
            self.forward.append(_image_plot(top))
            self.forward_plots.append(top)
            bottom = self.view.addPlot(row=1, col=l)
            image = _image_plot(bottom)
            image.setLookupTable(DIVERGING.getLookupTable(nPts=256))
            # Below the picture, not beside it: the row is short of width, not of height.
            bar = pg.ColorBarItem(values=(-1, 1), colorMap=DIVERGING, interactive=False, width=10,
                                  orientation="horizontal")
            bar.setImageItem(image, insert_in=bottom)
            self.backward.append(image)
            self.backward_plots.append(bottom)
            self.bars.append(bar)
            self.bar_labels.append([])
        self.forward[0].setLookupTable(INPUT_MAP.getLookupTable(nPts=256))
        for image in self.forward[1:]:
            image.setLookupTable(ACTIVATION_MAP.getLookupTable(nPts=256))
        # The output layer: ten classes read better as labelled bars than as a 1×10 strip.
        self.prob_plot = self.view.addPlot(row=0, col=L, axisItems=tidy_axes())
        self.delta_plot = self.view.addPlot(row=1, col=L, axisItems=tidy_axes())
        n_out = sizes[-1]
        classes = np.arange(n_out)
        self.prob_bars = pg.BarGraphItem(x=classes, height=np.zeros(n_out), width=0.7,
                                         brush=pg.mkBrush("#4c8dff"))
        self.delta_bars = pg.BarGraphItem(x=classes, height=np.zeros(n_out), width=0.7,
                                          brushes=[pg.mkBrush("#999999")] * n_out)
        self.prob_plot.addItem(self.prob_bars)
        self.delta_plot.addItem(self.delta_bars)
        self.retranslate()
        ticks = [[(i, str(i)) for i in range(n_out)]]
        for plot in (self.prob_plot, self.delta_plot):
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setMouseEnabled(False, False)
            plot.getAxis("bottom").setTicks(ticks)
            plot.setXRange(-0.6, n_out - 0.4, padding=0)
            plot.showGrid(y=True, alpha=0.25)
        self.prob_plot.setYRange(0, 1, padding=0.02)
        self.delta_zero = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888888"))
        self.delta_plot.addItem(self.delta_zero)
        # Wider columns for wider pictures (a 16×32 grid gets more room than a square),
        # though not twice as much: each column has a title and margins of its own.
        grid = self.view.ci.layout
        for l in range(L):
            rows, cols = grid_shape(sizes[l])
            grid.setColumnStretchFactor(l, round(2 * cols / rows + 3))
        grid.setColumnStretchFactor(L, 6)
        fit_titles(self.view)

    def retranslate(self) -> None:
        """What each picture shows (the hover text's first line), in the language in use."""
        sizes, L = self.sizes, len(self.sizes) - 1
        self.descriptions = {}
        for l in range(L):
            rows, cols = grid_shape(sizes[l])
            grid_text = translate("BackpropViews", "{n} units as a {rows}×{cols} grid, unit 0 top left, "
                                  "row by row").format(n=sizes[l], rows=rows, cols=cols)
            self.descriptions[(0, l)] = (
                translate("BackpropViews", "The input x = a{mark}, as the network reads it (normalised)").format(
                    mark=sup(0)) if l == 0 else
                translate("BackpropViews", "Activations a{mark} = f(z{mark}): {grid}").format(
                    mark=sup(l), grid=grid_text))
            self.descriptions[(1, l)] = (
                translate("BackpropViews", "The saliency ∂C/∂x: how each pixel pushes the loss for "
                          "the target (red: more ink raises C)") if l == 0 else
                translate("BackpropViews", "δ{mark} = ∂C/∂z{mark} for the target: {grid}").format(
                    mark=sup(l), grid=grid_text))
        self.descriptions[(0, L)] = translate(
            "BackpropViews", "p = softmax(z{mark}): the network's probability of each digit").format(mark=sup(L))
        self.descriptions[(1, L)] = translate(
            "BackpropViews", "δ{mark} = ∂C/∂z{mark} for the target (p − one-hot(y) for cross-entropy)").format(
                mark=sup(L))

    # -- showing ---------------------------------------------------------------------
    def show(self, trace, sample: int = 0, target_text: str = "") -> None:
        """Show `trace`'s sample: activations on top, δ (for the target it was traced
        with) below; `target_text` is said in the backward titles."""
        self.build(trace.sizes)
        L = len(trace.sizes) - 1
        tgt = f", {target_text}" if target_text else ""  # short: "y = 7"
        x = np.asarray(trace.x[sample])
        rows, cols = grid_shape(trace.sizes[0])
        self.forward[0].setImage(x.reshape(rows, cols), autoLevels=False, levels=self.input_levels)
        self.forward_plots[0].setTitle(f"x = a{sup(0)}")
        g = np.asarray(trace.input_grad[sample])
        self._signed(0, g.reshape(rows, cols), f"∂C/∂x{tgt}")
        for l in range(1, L):
            rows, cols = grid_shape(trace.sizes[l])
            a = np.asarray(trace.a[l][sample])
            lo, hi = min(0.0, float(a.min())), max(float(a.max()), 1e-12)
            self.forward[l].setImage(a.reshape(rows, cols), autoLevels=False, levels=(lo, hi))
            self.forward_plots[l].setTitle(f"a{sup(l)} ({trace.sizes[l]})")
            d = np.asarray(trace.delta[l - 1][sample])
            self._signed(l, d.reshape(rows, cols), f"δ{sup(l)}{tgt}")
        p = np.asarray(trace.p[sample])
        self.prob_bars.setOpts(height=p)
        self.prob_plot.setTitle(f"p = softmax(z{sup(L)})")
        d = np.asarray(trace.delta[L - 1][sample])
        m = symmetric(d)
        lut = DIVERGING.getLookupTable(nPts=256)
        brushes = [pg.mkBrush(*lut[int(round((v / m + 1) / 2 * 255))]) for v in d]
        self.delta_bars.setOpts(height=d, brushes=brushes)
        self.delta_plot.setYRange(-m, m, padding=0.05)
        self.delta_plot.setTitle(f"δ{sup(L)}{tgt}")

    input_levels = ((0.0 - MEAN) / STD, (1.0 - MEAN) / STD)  # black and white, as the network sees them

    def unit_at(self, scene_pos: QtCore.QPointF) -> tuple[int, int, int] | None:
        """(row, layer, unit) under a scene point: row 0 the forward pictures, 1 the
        backward ones; layer 0 is the input (unit = pixel), L the output bars."""
        for row, images in ((0, self.forward), (1, self.backward)):
            for l, image in enumerate(images):
                if image.image is None or not image.sceneBoundingRect().contains(scene_pos):
                    continue
                pt = image.mapFromScene(scene_pos)
                r, c = math.floor(pt.y()), math.floor(pt.x())
                rows, cols = image.image.shape
                if 0 <= r < rows and 0 <= c < cols:
                    return row, l, r * cols + c
        for row, plot in ((0, self.prob_plot), (1, self.delta_plot)):
            if plot.getViewBox().sceneBoundingRect().contains(scene_pos):
                j = round(plot.getViewBox().mapSceneToView(scene_pos).x())
                if 0 <= j < self.sizes[-1]:
                    return row, len(self.sizes) - 1, j
        return None

    def _signed(self, col: int, values: np.ndarray, title: str) -> None:
        m = symmetric(values)
        self.backward[col].setImage(values, autoLevels=False, levels=(-m, m))
        self.bars[col].setLevels((-m, m))
        t = nice_below(0.7 * m)  # labels well inside the bar: pyqtgraph hides any that stick out
        # Zero is the white middle; its label would crowd the ends' on a narrow bar.
        self.bar_labels[col] = [f"{-t:g}", "", f"{t:g}"]
        self.bars[col].axis.setTicks([list(zip((-t, 0.0, t), self.bar_labels[col])), []])
        self.backward_plots[col].setTitle(title)

