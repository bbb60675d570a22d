"""Loss against step, and how far each racer is from done against step.

The second plot is the distance ‖θ − θ*‖ to the NEAREST of the surface's known minima;
for a typed formula, whose one minimum is only the lowest point of a grid (another,
equally low minimum elsewhere is not listed), it is the loss gap f(θ) − f_min instead,
f_min the lowest value found on the surface: 0 for every racer at any lowest point.
The title and the axis label say which.

Log y where the values allow it (a surface that goes below zero, like the saddle,
is shown on a linear axis); log x is a toggle. A log axis shows at most `LOG_DECADES`
decades below the largest value: an exact 0 (or 1e-300) is drawn at that floor,
not at 10⁻¹⁶⁰, which would squash every curve into the top of the plot. A vertical
line marks the step the history slider points at. Curves are `setData` on views of the history's arrays (no
copies, items built once); at the race's lengths (at most 10⁶ steps, redrawn only when
something changed) that needs neither downsampling nor clip-to-view.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.gui.plotting.axes import tidy_axes
from gradlab.gui.plotting.fonts import set_text_scale
from gradlab.gui.plotting.title import fit_titles
from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.style import BACKGROUND, NORMAL, Look

LOG_DECADES = 16.0  # float64 resolves ~16 digits: below max·1e-16 a value is rounding
# The second plot's titles are short: at 1280×720 in presenter mode the plot is about
# 240 px wide, and a longer title was cut with "…". What they leave out is said in the
# plot's tooltip (hover anywhere on it).
DISTANCE_TITLE = QT_TRANSLATE_NOOP("RaceCurves", "distance to minimum")
GAP_TITLE = QT_TRANSLATE_NOOP("RaceCurves", "loss gap f − f_min")
NO_MINIMUM_TITLE = QT_TRANSLATE_NOOP("RaceCurves", "no minimum known")
TITLE_TIPS = {
    DISTANCE_TITLE: QT_TRANSLATE_NOOP("RaceCurves", "‖θ − θ*‖: each racer's distance to the "
                                                    "nearest of the surface's minima θ*"),
    GAP_TITLE: QT_TRANSLATE_NOOP("RaceCurves", "f(θ) − f_min, with f_min the lowest f found on "
                                               "the surface: 0 for a racer at any lowest point"),
    NO_MINIMUM_TITLE: QT_TRANSLATE_NOOP("RaceCurves", "this surface lists no minimum, so there is "
                                                      "no distance to one to draw"),
}


def log_floor(values: np.ndarray) -> float:
    """The lowest value a log axis shows for `values`: max · 10^-LOG_DECADES over the
    finite positive ones. Anything below (an exact 0, underflow) is drawn there: it is
    "0 to float64's precision", and the axis does not stretch to 10⁻³⁰⁰ to show it."""
    v = values[np.isfinite(values) & (values > 0)]
    if not v.size:
        return 1.0
    return float(v.max()) * 10.0 ** -LOG_DECADES


TITLE_SCALE = 1.3  # the most presenter mode enlarges the plots' titles
PLOT_MIN_PX = 160  # the least height of each plot at the normal font (its curves get ~90 px)
MAX_POINTS = 600  # per curve handed to pyqtgraph: about one per pixel of a ~500 px plot


def peak_decimate(x: np.ndarray, ys: np.ndarray, max_points: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """Keep each bucket's min and max (pyqtgraph's "peak" idea, done once for all
    curves in a few numpy reductions): a zig-zagging loss keeps its envelope, and
    the cost of handing a long race to pyqtgraph stays flat. ys is (n, m)."""
    n = len(x)
    if n <= max_points:
        return x, ys
    b = -(-2 * n // max_points)  # bucket size: two points out per bucket
    k = n // b
    head_x = x[: k * b].reshape(k, b)
    head_y = ys[: k * b].reshape(k, b, -1)
    if np.isfinite(head_y).all():
        lo, hi = head_y.min(axis=1), head_y.max(axis=1)
    else:
        with warnings.catch_warnings():
            # A bucket with no finite value (a diverged run) stays NaN, so it is not drawn.
            warnings.simplefilter("ignore", RuntimeWarning)
            finite = np.where(np.isfinite(head_y), head_y, np.nan)
            lo, hi = np.nanmin(finite, axis=1), np.nanmax(finite, axis=1)
    xs = np.repeat(head_x[:, 0], 2)
    out = np.empty((2 * k, ys.shape[1]))
    out[0::2], out[1::2] = hi, lo
    # The newest rows are kept as they are, so the curve's end is exact.
    return np.concatenate([xs, x[k * b:]]), np.concatenate([out, ys[k * b:]])


def _plot() -> pg.PlotWidget:
    # Built without context menus (enableMenu=False): pyqtgraph then never constructs
    # them, which setMenuEnabled(False) after the fact would only throw away (start-up).
    w = pg.PlotWidget(background=BACKGROUND, enableMenu=False, axisItems=tidy_axes())
    p = w.getPlotItem()
    p.showGrid(x=True, y=True, alpha=0.2)
    p.hideButtons()
    for side in ("left", "bottom"):
        # "(x1e+15)" beside a log axis only confuses.
        p.getAxis(side).enableAutoSIPrefix(False)
        # Repainted from a pixmap unless the range changed (then the cache is redrawn).
        p.getAxis(side).setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
    # Room for tick labels such as "0.001" beside the rotated label, which they overlapped.
    p.getAxis("left").setWidth(62)
    # pyqtgraph draws the rotated axis label 5 px left of its axis (a fixed nudge): without a
    # margin that much of "‖θ − θ*‖" fell outside the view and was cut.
    left, top, right, bottom = p.layout.getContentsMargins()
    p.layout.setContentsMargins(left + 6, top, right, bottom)
    fit_titles(w)
    return w


class _Curves:
    def __init__(self, widget: pg.PlotWidget) -> None:
        self.widget = widget
        self.plot = widget.getPlotItem()
        self._curves: list[pg.PlotDataItem] = []
        self._pending: tuple[list[OptimizerEntry], Look] | None = None  # not built yet
        self.cursor = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("w", width=1, style=QtCore.Qt.PenStyle.DotLine))
        self.plot.addItem(self.cursor)

    def set_racers(self, entries: list[OptimizerEntry], look: Look) -> None:
        """One curve per racer, built when first used (normally the first redraw, after
        the window's first paint at start-up: empty curves draw nothing)."""
        for c in self._curves:
            self.plot.removeItem(c)
        self._curves = []
        self._pending = (list(entries), look)

    @property
    def curves(self) -> list[pg.PlotDataItem]:
        if self._pending is not None:
            (entries, look), self._pending = self._pending, None
            for e in entries:
                c = pg.PlotDataItem(pen=pg.mkPen(e.color, width=look.curve_width))
                c.setVisible(e.visible)
                self.plot.addItem(c)
                self._curves.append(c)
        return self._curves

    def set_x_range(self, last: float, log_x: bool) -> None:
        """The whole race's length, so progress reads left to right as it runs."""
        if log_x:
            self.plot.setXRange(np.log10(0.5), np.log10(max(last, 1.0)), padding=0.02)
        else:
            self.plot.setXRange(0, max(last, 1.0), padding=0.02)

    def set_data(self, x: np.ndarray, ys: np.ndarray | None, log_y: bool) -> None:
        floor = log_floor(ys) if log_y and ys is not None else 0.0
        for i, c in enumerate(self.curves):
            if ys is None:
                c.setData([], [])
                continue
            y = ys[:, i]
            ok = np.isfinite(y)
            if log_y:
                y = np.maximum(y, floor)
            c.setData(x[ok], y[ok], skipFiniteCheck=True)  # non-finite rows dropped above


class RaceCurves(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = NORMAL
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.loss = _Curves(_plot())
        self.dist = _Curves(_plot())
        self.log_x = QtWidgets.QCheckBox()
        self.log_x.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.loss.widget, 1)
        layout.addWidget(self.dist.widget, 1)
        layout.addWidget(self.log_x)
        self.log_y_loss = True
        self.has_minima = True
        self.gap = False  # the second plot shows f − f_min, not a distance
        self.fmin = 0.0
        self.max_steps = 1
        self._last: tuple[RaceHistory | None, int] | None = None  # redraw's arguments
        self.log_x.toggled.connect(self._log_x)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Titles and labels in the language in use (at start and on LanguageChange)."""
        self.loss.plot.setTitle(translate("RaceCurves", "loss"))
        self.loss.plot.setLabel("left", "f(θ)")
        for curves in (self.loss, self.dist):
            curves.plot.setLabel("bottom", translate("RaceCurves", "step"))
        self._dist_titles()
        self.log_x.setText(translate("RaceCurves", "log step axis"))
        self.log_x.setToolTip(translate("RaceCurves", "show the step axis on a log scale (early "
                                        "steps spread out)"))

    def _dist_titles(self) -> None:
        """The second plot says what it shows: a distance, or the loss gap (see the module)."""
        title = GAP_TITLE if self.gap else DISTANCE_TITLE if self.has_minima else NO_MINIMUM_TITLE
        self.dist.plot.setTitle(translate("RaceCurves", title))
        self.dist.plot.setToolTip(translate("RaceCurves", TITLE_TIPS[title]))
        self.dist.plot.setLabel("left", "f(θ) − f_min" if self.gap else "‖θ − θ*‖")

    def set_racers(self, entries: list[OptimizerEntry]) -> None:
        self.loss.set_racers(entries, self.look)
        self.dist.set_racers(entries, self.look)

    def set_visible(self, index: int, on: bool) -> None:
        self.loss.curves[index].setVisible(on)
        self.dist.curves[index].setVisible(on)

    def set_surface(self, surface: Any, fmin: float) -> None:
        # Log y only for a loss that cannot go below zero on this surface.
        self.log_y_loss = fmin >= 0
        self.loss.plot.setLogMode(x=self.log_x.isChecked(), y=self.log_y_loss)
        self.has_minima = bool(surface.minima)
        # A typed formula lists one grid minimum of perhaps several: a distance to it
        # would call a racer at another, equally low minimum far off.
        self.gap = self.has_minima and surface.name == "expression"
        self.fmin = float(fmin)
        self.dist.plot.setLogMode(x=self.log_x.isChecked(), y=True)
        self._dist_titles()

    def set_look(self, look: Look) -> None:
        """Presenter mode: thicker curves, and the plots' text at the window font's scale."""
        self.look = look
        for curves in (self.loss, self.dist):
            for c in curves.curves:
                c.setPen(pg.mkPen(c.opts["pen"].color(), width=look.curve_width))
        # Titles less than the rest: "distance to minimum" at 1.6 times is wider than the
        # race's narrow right column on a 1280-pixel projector.
        k = look.font_pt / NORMAL.font_pt
        set_text_scale(self, k, titles=min(k, TITLE_SCALE))
        # Each plot keeps a readable area for its curves (~90 px between its title and its
        # axis): the lesson above them scrolls instead (at 1280×720 in presenter mode the
        # curves had 38 px and one tick; the text around them takes ~70-80 px).
        for curves in (self.loss, self.dist):
            curves.widget.setMinimumHeight(round(PLOT_MIN_PX * (1 + 0.1 * (k - 1))))

    def _log_x(self, on: bool) -> None:
        self.loss.plot.setLogMode(x=on, y=self.log_y_loss)
        self.dist.plot.setLogMode(x=on, y=True)
        # The x range was set in the other mode's units (0..1000 read as log is 10^1000):
        # set it again, with the data and the cursor, now.
        if self._last is not None:
            self.redraw(*self._last)
        else:
            for c in (self.loss, self.dist):
                c.set_x_range(self.max_steps, on)

    def set_max_steps(self, n: int) -> None:
        self.max_steps = n

    def redraw(self, history: RaceHistory | None, cursor: int) -> None:
        self._last = (history, cursor)
        if history is None or history.n == 0:
            self.loss.set_data(np.empty(0), None, False)
            self.dist.set_data(np.empty(0), None, False)
            return
        n = history.n
        x = history.steps[:n].astype(np.float64)
        if self.log_x.isChecked():
            x = np.maximum(x, 0.5)  # step 0 has no logarithm; draw it half a step in
        lx, ly = peak_decimate(x, history.losses[:n])
        self.loss.set_data(lx, ly, self.log_y_loss)
        if self.gap:
            with np.errstate(all="ignore"):
                gx, gy = peak_decimate(x, history.losses[:n] - self.fmin)
            self.dist.set_data(gx, gy, True)
        elif history.has_minima:
            dx, dy = peak_decimate(x, history.dists[:n])
            self.dist.set_data(dx, dy, True)
        else:
            self.dist.set_data(x, None, True)
        log_x = self.log_x.isChecked()
        pos = math.log10(max(cursor, 0.5)) if log_x else cursor
        for c in (self.loss, self.dist):
            c.cursor.setValue(pos)
            c.set_x_range(max(self.max_steps, history.last_step), log_x)
