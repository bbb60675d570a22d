"""The contour map of a loss plane: L(origin + α·d₁ + β·d₂) on a grid, with the runs' paths.

    view = MapView()
    view.set_plane(alphas, betas, title, marks, paths, colours)   # the plane's geometry
    view.set_grid(loss, accuracy)                                 # as often as the grid fills in

What is drawn
-------------
- An `ImageItem` (row-major: row i is β = betas[i], column j is α = alphas[j]) whose
  pixels are centred on the grid points, so the axes read α and β directly. Cells not
  computed yet are NaN: transparent. Under it a dimmer copy (`fill`) paints each computed
  value over its whole block of the pass (the coarse pass's point over its 4×4 cells),
  so the coarse pass reads as a picture rather than as dots; the finer passes replace it.
- The colours always show log₁₀(loss) (one rule for every plane, so two runs' planes
  compare: a sharp valley next to a plateau would be one colour on a linear scale); the
  colour bar's ticks still read in losses (0.05, 0.1, 0.2, ...), at least `MIN_TICKS`
  of them, and its label says "loss (log scale)". The colour bar
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

from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.fonts import rescale_new_text
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.style import BACKGROUND, OUTLINE

CONTOUR_COUNT = 12
COLORMAP = "viridis"
LOG_RATIO = 5.0  # the line view: max/min of the finite losses above which its axis is log
MIN_TICKS = 4  # labelled ticks on the colour bar, at least
FILL_OPACITY = 0.55  # the not-yet-computed cells, filled from their block's computed value
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
    """The map's rule: log₁₀(loss) always, unless some loss is ≤ 0 (no classification
    loss is; a log could not show it)."""
    finite = np.asarray(loss)[np.isfinite(loss)]
    return not (finite.size and finite.min() <= 0)


def block_fill(z: np.ndarray) -> np.ndarray:
    """Each cell given the value of the nearest point of the coarsest pass's sub-grid
    (every STRIDES[0]-th point), then of the next pass's, where those are computed: what
    a pass has computed painted over its whole block. NaN where no block value is in."""
    out = np.full(z.shape, np.nan)
    if z.size == 0:
        return out
    for s in STRIDES:
        rows = [min(round(i / s) * s, (z.shape[0] - 1) // s * s) for i in range(z.shape[0])]
        cols = [min(round(j / s) * s, (z.shape[1] - 1) // s * s) for j in range(z.shape[1])]
        block = z[np.ix_(rows, cols)]
        out = np.where(np.isfinite(block), block, out)
    return out


def log_ticks(lo: float, hi: float) -> list[list[tuple[float, str]]]:
    """Colour-bar ticks for log₁₀(loss) from `lo` to `hi`: the losses 1, 2, 5 × 10ᵏ inside,
    at their log₁₀, labelled with the loss ("0.05", "0.1", "2"); when fewer than two fall
    inside, 1.5, 3 and 7 are added, then every mantissa; when still fewer than MIN_TICKS,
    MIN_TICKS + 1 evenly spaced losses labelled with the digits that tell them apart."""
    values = []
    for mantissas in ((1, 2, 5), (1, 1.5, 2, 3, 5, 7), (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9)):
        values = [m * 10.0 ** k for k in range(math.floor(lo) - 1, math.ceil(hi) + 1)
                  for m in mantissas if lo <= math.log10(m * 10.0 ** k) <= hi]
        if len(values) >= MIN_TICKS:
            return [[(math.log10(v), f"{v:.3g}") for v in values], []]
    # A narrow range: MIN_TICKS + 1 evenly spaced losses, with digits enough to differ.
    values = [10.0 ** x for x in np.linspace(lo, hi, MIN_TICKS + 1)]
    for digits in range(3, 8):
        labels = [f"{v:.{digits}g}" for v in values]
        if len(set(labels)) == len(labels):
            break
    return [[(math.log10(v), label) for v, label in zip(values, labels)], []]


def complete_stride(values: np.ndarray) -> int | None:
    """The smallest s of STRIDES whose sub-grid values[::s, ::s] is fully computed."""
    for s in reversed(STRIDES):
        if np.isfinite(values[::s, ::s]).all():
            return s
    return None


CAPTION_MARGIN = 30  # pixels of the view's width the caption leaves to the layout's margins


def set_caption(view: pg.GraphicsLayoutWidget, text: str, chars: int = 110) -> None:
    """`text` as a caption in the last row of `view`'s layout (wrapped; "" removes it).

    At the text scale the view's other text has (presenter mode's 1.6×, see
    `gradlab.gui.plotting.fonts.set_text_scale`), wrapped to the view's width (or, before
    the view has one, at about `chars` characters a line)."""
    import html
    import re
    import textwrap

    from gradlab.gui.plotting.fonts import rescale_new_text

    old = getattr(view, "caption_item", None)
    if old is not None:
        view.ci.removeItem(old)
        view.caption_item = None
    if not text:
        return
    k = float(view.property("plot_text_scale") or 1.0)
    text = re.sub(r"(\d) (\d)", "\\1\u00a0\\2", text)  # "2 000" is one word
    width = view.width() - CAPTION_MARGIN
    if width > 100:  # wrapped by Qt to the picture's width (Chinese too, two columns a character)
        lines = [html.escape(part, quote=False) for part in text.split("\n")]
    else:  # not laid out yet: `chars` a line, fewer at a larger scale
        chars = max(int(chars / k), 20)
        lines = [html.escape(line, quote=False) for part in text.split("\n")
                 for line in textwrap.wrap(part, chars)]
    item = pg.LabelItem("<br>".join(lines), color="#dddddd", justify="left")
    if width > 100:
        item.item.setTextWidth(width)  # kept when the text is set again (rescaled)
        # Its least size from the wrapped text before it joins the layout: the one-line
        # width it was made with widened the layout past the view for good.
        item.setText(item.text)
    view.ci.addItem(item, row=view.ci.layout.rowCount(), col=0)
    view.caption_item = item
    rescale_new_text(view)  # the caption's font, as the titles' and the axes' (presenter mode)


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
        # α and β are read as they are: no "(x0.001)" prefix on small spans.
        for side in ("bottom", "left"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.plot.setRange(xRange=(-1, 1), yRange=(-1, 1), padding=0)  # the default ±1, empty
        self._plane_given = False  # the tab (or render) labels a plane's axes from then on
        self.alphas = np.zeros(0)
        self.betas = np.zeros(0)
        self.loss = np.zeros((0, 0))
        self.accuracy = np.zeros((0, 0))
        self.log_scale = False
        self.levels = (0.0, 1.0)
        self._bar_label = translate("LandscapeMap", "loss")
        self._bar_ticks: list | None = None
        self._contour_key: tuple | None = None

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-100)
        self.plot.addItem(self.image)
        self.fill = pg.ImageItem(axisOrder="row-major")
        self.fill.setZValue(-101)
        self.fill.setOpacity(FILL_OPACITY)
        self.fill.setColorMap(pg.colormap.get(COLORMAP))
        self.plot.addItem(self.fill)
        # A light, half-transparent line reads on every viridis colour.
        self.contours = pg.PlotCurveItem(connect="finite", pen=pg.mkPen(255, 255, 255, 110, width=1))
        self.contours.setZValue(-50)
        self.plot.addItem(self.contours, ignoreBounds=True)
        self.colorbar = pg.ColorBarItem(values=self.levels, colorMap=COLORMAP, label=self._bar_label,
                                        interactive=False, width=15, colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        for side in ("left", "right"):
            self.colorbar.getAxis(side).enableAutoSIPrefix(False)
        # pyqtgraph fixes the bar's value axis at 45 px: "1.75" in presenter mode's larger
        # font would not fit, and a label that does not fit is not drawn at all.
        self.colorbar.axis.setWidth(None)
        self._path_items: list[Any] = []
        self._mark_items: list[Any] = []
        self.retranslate()
        fit_titles(self)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The axes' default labels (before any plane) and the colour bar's, in the
        language in use; a plane's own title and labels are the tab's to say again."""
        if not self._plane_given:
            self.plot.setLabel("bottom", translate("LandscapeMap", "α (along d₁)"))
            self.plot.setLabel("left", translate("LandscapeMap", "β (along d₂)"))
        self._show_bar_label()

    def _show_bar_label(self) -> None:
        label = (translate("LandscapeMap", "loss (log scale)") if self.log_scale
                 else translate("LandscapeMap", "loss"))
        if label != self._bar_label:  # a new label lays the plot out again: only on a change
            self._bar_label = label
            self.colorbar.getAxis("left").setLabel(label)

    # -- geometry ----------------------------------------------------------------------------
    def set_plane(self, alphas: np.ndarray, betas: np.ndarray, title: str,
                  marks: dict[str, tuple[float, float]] | None = None,
                  paths: dict[str, np.ndarray] | None = None,
                  colours: dict[str, str] | None = None,
                  mark_colours: dict[str, str] | None = None, equal_aspect: bool = False) -> None:
        """A new plane: the grid's coordinates, the title, named points (`marks`: label ->
        (α, β)), each run's projected path ((k, 2) rows of (α, β)) in its colour. The
        grid starts empty (all NaN). `equal_aspect`: one unit of α as long as one of β on
        the screen (the runs' and PCA planes, whose d₁ and d₂ have equal lengths: angles
        and distances are then true)."""
        self.alphas = np.asarray(alphas, dtype=np.float64)
        self.betas = np.asarray(betas, dtype=np.float64)
        self._plane_given = True
        self.plot.setAspectLocked(equal_aspect, ratio=1.0)
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
            rect = QtCore.QRectF(self.alphas[0] - da / 2, self.betas[0] - db / 2,
                                 da * len(self.alphas), db * len(self.betas))
            self.image.setRect(rect)
            self.fill.setRect(rect)
            self.plot.setRange(xRange=(self.alphas[0] - da / 2, self.alphas[-1] + da / 2),
                               yRange=(self.betas[0] - db / 2, self.betas[-1] + db / 2), padding=0)

    def set_caption(self, text: str, chars: int = 110) -> None:
        """A caption under the plot (in exported pictures: what the tab says under the map),
        wrapped at about `chars` characters a line; "" removes it."""
        set_caption(self, text, chars)

    def relabel_marks(self, labels: list[str]) -> None:
        """The named points' labels again, in the order `set_plane` got them (another language)."""
        texts = [item for item in self._mark_items if isinstance(item, pg.TextItem)]
        for item, label in zip(texts, labels):
            item.setText(label)

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
        self.fill.setImage(block_fill(z), autoLevels=False, levels=self.levels)
        self.colorbar.setLevels(self.levels)
        self._show_bar_label()
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
            return translate("LandscapeMap", "{where}: not computed yet").format(where=where)
        acc = self.accuracy[i, j]
        if math.isfinite(acc):
            return translate("LandscapeMap", "{where}: loss {loss}, accuracy {accuracy} %").format(
                where=where, loss=f"{loss:.4g}", accuracy=f"{100 * acc:.1f}")
        return translate("LandscapeMap", "{where}: loss {loss}").format(where=where, loss=f"{loss:.4g}")

    def _mouse_moved(self, pos: QtCore.QPointF) -> None:
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        p = self.plot.vb.mapSceneToView(pos)
        self.hovered.emit(self.value_at(p.x(), p.y()))
