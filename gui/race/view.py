"""The race over the surface: heatmap (SurfaceLayer), paths, heads, arrows, start marker.

Items are built once per set of racers and updated with `setData` by `redraw`, which
the race tab's single redraw timer calls. Nothing non-finite is drawn: paths stop at
a diverged optimizer's last finite point (`render.finite_path`).

The two arrows at each head (legend under the plot):
- dashed: −η∇f, the step plain gradient descent with this racer's learning rate would
  take from here (the raw gradient's direction, downhill);
- solid: u, the step this optimizer actually takes (momentum's lag, Adam's normalised
  length).
Every arrow in the view is drawn on ONE scale, so lengths can be compared across
racers and across steps: the longest step the race has actually taken so far (over
its history; racers that diverged and points outside the surface's bounds left out)
is `Look.arrow_px` long, at most `CAP_FRACTION` of the view's smaller side, and every
other arrow is in proportion. The scale follows the steps taken, not −η∇f: Adam with
η = 0.05 at |∇f| = 162 has a −η∇f of 8 but steps of 0.05, and a scale set by the 8
would leave every real step under a pixel. A dashed arrow longer than the cap is cut
to it (it means "much more than any step taken"). An arrow shorter than `MIN_ARROW_PX` is not drawn
(a converged head, |∇f| ≈ 1e-22, shows none). The caption under the surface states
the scale. Arrows are recomputed whenever the view's pixel size changes (resize, F11).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core.buffer import GrowingArray
from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.render import finite_path
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.style import BACKGROUND, MUTED, NORMAL, OUTLINE, Look
from gradlab.gui.plotting.surface_layer import SurfaceLayer

MIN_ARROW_PX = 3.0  # shorter arrows are not drawn: too small to show a direction


def arrow_legend() -> str:
    """The arrows' legend, under the surface."""
    return translate("RaceView", "At each head — dashed arrow: −η∇f, the step plain gradient descent "
                     "would take; solid arrow: the optimizer's actual step. All arrows share one "
                     "scale (stated under the surface): a longer arrow is a bigger step; under "
                     "{px} px, none is drawn.").format(px=f"{MIN_ARROW_PX:.0f}")


CAP_FRACTION = 0.25  # the longest arrow is at most this part of the view's smaller side
HEAD_PX = 9.0
UNDEFINED_CAPTION = QT_TRANSLATE_NOOP("RaceView", "hatched: f undefined")


def arrow_pairs(tail: np.ndarray, vec: np.ndarray, px: tuple[float, float]) -> np.ndarray:
    """Segments (connect='pairs') drawing an arrow from `tail` along `vec` (data units),
    with a head of HEAD_PX pixels; `px` is the data size of one pixel (x, y)."""
    sx, sy = px
    tip = tail + vec
    vx, vy = vec[0] / sx, vec[1] / sy  # in pixels
    length = math.hypot(vx, vy)
    if length < 1e-9:
        return np.empty((0, 2))
    ux, uy = vx / length, vy / length
    head = min(HEAD_PX, 0.5 * length)
    pts = [tail, tip]
    for angle in (0.45, -0.45):  # radians either side of the shaft
        c, s = math.cos(angle), math.sin(angle)
        bx = -(ux * c - uy * s) * head
        by = -(ux * s + uy * c) * head
        pts += [tip, tip + np.array([bx * sx, by * sy])]
    return np.array(pts)


def scaled_arrow(v: np.ndarray, px: tuple[float, float], px_per_unit: float,
                 cap_px: float = math.inf) -> np.ndarray | None:
    """The step `v` (data units) as drawn: `px_per_unit` pixels per unit of step length,
    in data units again (`px` is the data size of one pixel, x and y). None when there is
    nothing to draw: v is not finite, the scale is not a positive number, or the arrow
    would be shorter than MIN_ARROW_PX. An arrow longer than `cap_px` (a step the scale
    leaves out: outside the bounds, a racer about to diverge) is cut to `cap_px`, so no
    arrow leaves the view. Lengths are Python floats (they overflow to inf quietly), so
    nothing here warns."""
    if not np.isfinite(v).all() or not 0 < px_per_unit < math.inf:
        return None
    length_px = math.hypot(float(v[0]), float(v[1])) * px_per_unit
    if not MIN_ARROW_PX <= length_px < math.inf:
        return None
    k = px_per_unit * min(1.0, cap_px / length_px)
    return np.array([float(v[0]) * k * float(px[0]), float(v[1]) * k * float(px[1])])


def longest_step(history: RaceHistory, bounds: Any, rows: slice) -> float:
    """max over `rows` and racers of the step taken |u|, in data units: the reference the
    arrow scale maps to its longest arrow. Left out: racers that diverged (their last
    steps are huge), points outside `bounds` (a run on its way out), non-finite rows."""
    xmin, xmax, ymin, ymax = bounds
    best = 0.0
    for i in range(history.m):
        if history.diverged[i] is not None:
            continue
        p = history.points[rows, i]
        inside = (p[:, 0] >= xmin) & (p[:, 0] <= xmax) & (p[:, 1] >= ymin) & (p[:, 1] <= ymax)
        with np.errstate(all="ignore"):
            u = np.hypot(history.updates[rows, i, 0], history.updates[rows, i, 1])
        ok = inside & np.isfinite(u)
        if ok.any():
            best = max(best, float(u[ok].max()))
    return best


class ArrowScale:
    """The view's one arrow scale, kept up to date as rows arrive (only new rows are
    read) and recomputed from scratch when the race or the set of diverged racers
    changes."""

    def __init__(self) -> None:
        self.key: tuple = ()
        self.rows = 0
        self.reference = 0.0  # the longest step so far, data units

    def update(self, history: RaceHistory, bounds: Any) -> float:
        key = (id(history), tuple(history.diverged), tuple(bounds))
        if key != self.key:
            self.key, self.rows, self.reference = key, 0, 0.0
        n = history.n
        if n > self.rows:
            self.reference = max(self.reference, longest_step(history, bounds, slice(self.rows, n)))
            self.rows = n
        return self.reference


def scale_caption(px_per_unit: float, cap_px: float) -> str:
    """"arrow scale: 60 px = a step of 0.0421"."""
    if not 0 < px_per_unit < math.inf:
        return translate("RaceView", "arrow scale: no step taken yet")
    return translate("RaceView", "arrow scale: {px} px = a step of {step}").format(
        px=f"{cap_px:.0f}", step=f"{cap_px / px_per_unit:.3g}")


class _PathCache:
    """One racer's drawable path, extended with only the rows that arrived since the
    last redraw (a long race would otherwise re-clean its whole history every frame).
    Rebuilt from scratch when the history or the zoom (pixel size) changes."""

    def __init__(self) -> None:
        self.key: tuple = ()
        self.rows = 0
        self.stopped = False
        self.buf = GrowingArray((2,))  # the cleaned points drawn so far
        self.last_raw: np.ndarray | None = None
        self.generation = 0  # bumped on every rebuild, so drawers know old points changed

    def path(self, history: RaceHistory, i: int, bounds: Any, px: tuple[float, float]) -> np.ndarray:
        key = (id(history), px, tuple(bounds))
        if key != self.key:
            self.key, self.rows, self.stopped, self.last_raw = key, 0, False, None
            self.buf.clear()
            self.generation += 1
        n = history.n
        if self.rows < n and not self.stopped:
            new = history.points[self.rows:n, i]
            head = new if self.last_raw is None else np.vstack([self.last_raw[None], new])
            clean = finite_path(head, bounds)
            # A run that leaves the picture by more than a span has made its point:
            # draw the segment that heads out, not a wall of ever-larger zig-zags.
            xmin, xmax, ymin, ymax = bounds
            mx, my = xmax - xmin, ymax - ymin
            out = ((clean[:, 0] < xmin - mx) | (clean[:, 0] > xmax + mx)
                   | (clean[:, 1] < ymin - my) | (clean[:, 1] > ymax + my))
            if out.any():
                clean = clean[: int(np.argmax(out)) + 1]
            if len(clean) < len(head):
                self.stopped = True  # diverged or left the picture: nothing more to draw
            if self.last_raw is not None:
                clean = clean[1:]
            if len(clean):
                cells = np.floor(clean / np.asarray(px)).astype(np.int64)
                prev = (np.floor(self.last_raw / np.asarray(px)).astype(np.int64)[None]
                        if self.last_raw is not None else cells[:1] - 1)
                keep = (cells != np.vstack([prev, cells[:-1]])).any(axis=1)
                keep[-1] = True  # the newest point is the head: always drawn
                kept = clean[keep]
                # The previous batch's forced last point may now be redundant; harmless.
                self.buf.extend(kept)
                self.last_raw = clean[-1].copy()
            self.rows = n
        return self.buf.view()


# The newest points of a path are drawn by a small live item (`tail`); older ones move,
# in batches of TAIL_POINTS, into items painted from a pixmap cache (`chunks`). A chunk
# is closed at CHUNK_POINTS and never touched again, so settling a batch re-renders at
# most one chunk. A long race would otherwise repaint tens of thousands of segments per
# racer at every frame (most of a redraw), or re-render its whole history per batch.
TAIL_POINTS = 256
CHUNK_POINTS = 4096


class _Racer:
    """The plot items of one optimizer."""

    def __init__(self, plot: pg.PlotItem, entry: OptimizerEntry, look: Look) -> None:
        self.plot, self.entry, self.look = plot, entry, look
        color = pg.mkColor(entry.color)
        self.chunks: list[pg.PlotDataItem] = []  # settled part of the path, cached
        self.chunk_start = 0  # index in the path where the open (last) chunk begins
        self.settled = 0  # points of the path held by the chunks
        self.generation = -1
        self.tail = pg.PlotDataItem(pen=self._path_pen(), shadowPen=self._outline(look.path_width))
        self.head = pg.ScatterPlotItem(size=look.head_size, pen=pg.mkPen("k", width=1.2),
                                       brush=pg.mkBrush(color))
        self.grad_arrow = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(
            color, width=look.arrow_width, style=QtCore.Qt.PenStyle.DashLine),
            shadowPen=self._outline(look.arrow_width))
        self.update_arrow = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(color, width=look.arrow_width + 0.5),
                                            shadowPen=self._outline(look.arrow_width + 0.5))
        for z, item in ((10, self.tail), (20, self.grad_arrow), (21, self.update_arrow), (30, self.head)):
            self._add(item, z)
        self.visible = True
        self.cache = _PathCache()

    @property
    def items(self) -> tuple:
        return (*self.chunks, self.tail, self.head, self.grad_arrow, self.update_arrow)

    def _path_pen(self) -> QtGui.QPen:
        return pg.mkPen(pg.mkColor(self.entry.color), width=self.look.path_width)

    @staticmethod
    def _outline(width: float) -> QtGui.QPen:
        """A dark edge under a line: where a colour matches the heatmap's shade
        (viridis' middle), the edge still shows the line."""
        return pg.mkPen(OUTLINE, width=width + 2)

    def _add(self, item: Any, z: float) -> None:
        item.setZValue(z)
        # A path that runs off (divergence) must not zoom the view out: the view shows
        # the surface's bounds, set once by SurfaceLayer.
        self.plot.addItem(item, ignoreBounds=True)

    def _new_chunk(self) -> pg.PlotDataItem:
        chunk = pg.PlotDataItem(pen=self._path_pen(), shadowPen=self._outline(self.look.path_width))
        chunk.curve.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        chunk.setVisible(self.visible)
        self._add(chunk, 10)
        self.chunks.append(chunk)
        return chunk

    def show_path(self, path: np.ndarray) -> None:
        """Draw `path` (the cache's cleaned points): settled part cached, live end redrawn."""
        n = len(path)
        if self.generation != self.cache.generation or n < self.settled:
            self.generation, self.settled, self.chunk_start = self.cache.generation, 0, 0
            for chunk in self.chunks:
                self.plot.removeItem(chunk)
            self.chunks = []
        if n - self.settled > TAIL_POINTS:
            if not self.chunks or self.settled - self.chunk_start >= CHUNK_POINTS:
                self.chunk_start = max(self.settled - 1, 0)  # overlap: the line is unbroken
                self._new_chunk()
            self.settled = n
            part = path[self.chunk_start:n]
            self.chunks[-1].setData(part[:, 0], part[:, 1], skipFiniteCheck=True)
        tail = path[max(self.settled - 1, 0):]  # overlaps one point, as the chunks do
        self.tail.setData(tail[:, 0], tail[:, 1], skipFiniteCheck=True)

    def drawn_path(self) -> tuple[np.ndarray, np.ndarray]:
        """Every point drawn for this racer (chunks, then the live end), in order."""
        xs, ys = [], []
        for item in (*self.chunks, self.tail):
            x, y = item.getData()
            if x is None or len(x) == 0:
                continue
            skip = 1 if xs else 0  # each piece repeats the previous piece's last point
            xs.append(np.asarray(x)[skip:])
            ys.append(np.asarray(y)[skip:])
        if not xs:
            return np.empty(0), np.empty(0)
        return np.concatenate(xs), np.concatenate(ys)

    def set_look(self, look: Look) -> None:
        self.look = look
        color = pg.mkColor(self.entry.color)
        for item in (*self.chunks, self.tail):
            item.setPen(self._path_pen())
            item.setShadowPen(self._outline(look.path_width))
        self.grad_arrow.setPen(pg.mkPen(color, width=look.arrow_width, style=QtCore.Qt.PenStyle.DashLine))
        self.grad_arrow.setShadowPen(self._outline(look.arrow_width))
        self.update_arrow.setPen(pg.mkPen(color, width=look.arrow_width + 0.5))
        self.update_arrow.setShadowPen(self._outline(look.arrow_width + 0.5))
        self.head.setSize(look.head_size)

    def set_visible(self, on: bool) -> None:
        self.visible = on
        for item in self.items:
            item.setVisible(on)

    def remove(self, plot: pg.PlotItem) -> None:
        for item in self.items:
            plot.removeItem(item)


class RaceView(pg.GraphicsLayoutWidget):
    """`start_moved(x, y)` when the start marker is dragged or the surface is clicked;
    `hovered(text)` with "x = …, y = …, f(x, y) = …" as the mouse moves.
    `caption` (under the surface) states the arrows' scale and, where f is undefined
    somewhere in the picture, what the hatching means."""

    start_moved = QtCore.Signal(float, float)
    hovered = QtCore.Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.look = NORMAL
        # No context menu: built disabled, pyqtgraph never constructs the menus (start-up).
        self.plot: pg.PlotItem = self.addPlot(enableMenu=False)
        self.plot.hideButtons()
        self.plot.getViewBox().setAspectLocked(True)
        self.plot.showGrid(False, False)
        self.layer = SurfaceLayer(self.plot)
        self.caption: pg.LabelItem = self.addLabel("", row=1, col=0, justify="left", color=MUTED)
        # Its text must never widen the plot's column (a long caption pushed the colour
        # bar out of the view): the width follows the plot, the text is cut if need be.
        self.caption.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                   QtWidgets.QSizePolicy.Policy.Preferred)
        self.caption.setMinimumWidth(0)
        self.arrow_scale = ArrowScale()
        self.px_per_unit = 0.0  # the arrows' scale at the last redraw: pixels per unit of step
        self._last: tuple[RaceHistory | None, int] | None = None  # redraw's arguments, for a resize
        self.surface: Any = None
        self._racers: list[_Racer] = []
        self._pending: list[OptimizerEntry] | None = None  # racers whose items are not built yet
        self._painted = False
        self._contour_queue: list[tuple[Any, Any, float]] = []
        self._merged: QtWidgets.QGraphicsPathItem | None = None
        # A child timer dies with the view, so a pending trace never outlives it.
        self._contour_timer = QtCore.QTimer(self)
        self._contour_timer.setObjectName("ContourTracer")
        self._contour_timer.setSingleShot(True)
        self._contour_timer.setInterval(0)
        self._contour_timer.timeout.connect(self._next_contour)

        self.start_marker = pg.TargetItem(pos=(0, 0), size=16, symbol="crosshair",
                                          pen=pg.mkPen("w", width=2), movable=True)
        self.start_marker.setZValue(40)
        self.plot.addItem(self.start_marker, ignoreBounds=True)
        self.cursor_ring = pg.ScatterPlotItem(size=20, pen=pg.mkPen("w", width=2), brush=None)
        self.cursor_ring.setZValue(35)
        self.plot.addItem(self.cursor_ring, ignoreBounds=True)

        self.start_marker.sigPositionChangeFinished.connect(self._marker_moved)
        # A resize (F11, a dragged splitter) changes the size of a pixel: arrows are
        # redrawn at once, not at the next step.
        self.plot.getViewBox().sigTransformChanged.connect(self._rescaled)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._moved)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.start_marker.setToolTip(translate("RaceView", "the start: drag it, or click anywhere "
                                               "on the surface"))
        # The caption is written at every redraw: the race tab redraws after a change.

    # -- set-up ------------------------------------------------------------------------------
    def set_surface(self, surface: Any) -> None:
        self.surface = surface
        self._last = None
        self.layer.set_surface(surface)
        self.plot.getViewBox().disableAutoRange()
        # The heatmap, contours and axes do not change while a race runs: paint them
        # once into a pixmap and blit it each frame.
        cache = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache
        self.layer.image.setCacheMode(cache)
        for axis in (self.plot.getAxis("left"), self.plot.getAxis("bottom"), self.layer.colorbar.axis):
            axis.setCacheMode(cache)
        # pyqtgraph traces isocurves in pure Python (~45 ms per level at 256², on the
        # GUI thread, all at the next paint). Take the levels back and trace them one
        # per event-loop turn instead, after the window has painted: it appears at once
        # and stays responsive while the contours fill in.
        self._contour_queue = [(iso, iso.data, iso.level) for iso in self.layer.contours]
        for iso in self.layer.contours:
            iso.setData(None)
            iso.setVisible(True)
        if self._merged is not None:
            self._merged.setParentItem(None)
            if self._merged.scene() is not None:
                self._merged.scene().removeItem(self._merged)
            self._merged = None
        if self._painted:
            self._contour_timer.start()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._contour_queue:
                self._contour_timer.start()

    def _next_contour(self) -> None:
        if not self._contour_queue:
            return
        iso, data, level = self._contour_queue.pop(0)
        iso.setData(data, level)
        iso.boundingRect()  # trace it now, in this turn
        if self._contour_queue:
            self._contour_timer.start()
        else:
            self._merge_contours()

    def _merge_contours(self) -> None:
        """All levels as one cached path item: one pixmap blit per frame instead of
        twelve full-size ones (each cached level is as large as the heatmap)."""
        path = QtGui.QPainterPath()
        for iso in self.layer.contours:
            if iso.path is not None:
                path.addPath(iso.path)
            iso.setVisible(False)
        item = QtWidgets.QGraphicsPathItem(path, self.layer.image)
        item.setPen(self.layer.contours[0].pen)
        item.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._merged = item

    def stop(self) -> None:
        """Closing: leave untraced contours untraced."""
        self._contour_timer.stop()

    def finish_contours(self) -> None:
        """Trace any pending contours now (screenshots, exports)."""
        while self._contour_queue:
            self._next_contour()

    def set_racers(self, entries: list[OptimizerEntry]) -> None:
        """Racers to draw. Their items (five per racer, empty until a redraw gives them
        data) are built when first used, normally by the first redraw: at start-up
        that is after the window's first paint, which they would not change."""
        for racer in self._racers:
            racer.remove(self.plot)
        self._racers = []
        self._pending = list(entries)
        self._last = None  # the old race: a resize waits for the next redraw

    @property
    def racers(self) -> list[_Racer]:
        if self._pending is not None:
            entries, self._pending = self._pending, None
            self._racers = [_Racer(self.plot, e, self.look) for e in entries]
            for racer in self._racers:
                racer.set_visible(racer.entry.visible)
        return self._racers

    def set_visible(self, index: int, on: bool) -> None:
        self.racers[index].set_visible(on)

    def set_start(self, x: float, y: float) -> None:
        blocker = QtCore.QSignalBlocker(self.start_marker)
        self.start_marker.setPos(x, y)
        del blocker

    def _rescaled(self, *_: Any) -> None:
        # The heatmap is larger than the view; Qt's device cache keeps only the part that
        # was on screen and, when the view only moves, reuses it: the rest would show as
        # empty bands. Repaint the caches when the view changes.
        self.layer.image.update()
        if self._merged is not None:
            self._merged.update()
        history = self._last[0] if self._last is not None else None
        if history is not None and history.m == len(self.racers):
            self.redraw(*self._last)

    def set_look(self, look: Look) -> None:
        self.look = look
        for racer in self.racers:
            racer.set_look(look)
        self.caption.setAttr("size", f"{look.font_pt:.1f}pt")
        self.layer.minima_item.setSize(16 * look.head_size / NORMAL.head_size)
        font = self.plot.getAxis("bottom").label.font()
        font.setPointSizeF(look.font_pt)
        for side in ("bottom", "left"):
            axis = self.plot.getAxis(side)
            axis.setTickFont(font)
            axis.label.setFont(font)
        self.layer.colorbar.axis.setTickFont(font)
        self.layer.colorbar.axis.label.setFont(font)
        self._rescaled()

    # -- drawing -----------------------------------------------------------------------------
    def arrow_cap_px(self) -> float:
        """The longest arrow on screen: Look.arrow_px, at most CAP_FRACTION of the view."""
        rect = self.plot.getViewBox().boundingRect()
        side = min(rect.width(), rect.height())
        return min(self.look.arrow_px, CAP_FRACTION * side) if side > 0 else self.look.arrow_px

    def _set_caption(self, text: str) -> None:
        if self.layer.undefined:
            text += "  ·  " + translate("RaceView", UNDEFINED_CAPTION)
        if self.caption.text != text:
            self.caption.setText(text)

    def redraw(self, history: RaceHistory | None, cursor: int) -> None:
        """Paths up to the newest step; heads and arrows at row `cursor`."""
        self._last = (history, cursor)
        if history is None or history.n == 0 or self.surface is None:
            for racer in self.racers:
                for item in racer.items:
                    item.setData([], [])
            self.cursor_ring.setData([], [])
            self.px_per_unit = 0.0
            self._set_caption(scale_caption(0.0, 0.0))
            return
        bounds = self.surface.bounds
        n = history.n
        r = history.index_of(cursor)
        vb = self.plot.getViewBox()
        px_size = vb.viewPixelSize()
        px = (px_size[0] or 1.0, px_size[1] or 1.0)
        lrs = [float(racer.entry.hyper.get("lr", 1.0)) for racer in self.racers]
        reference = self.arrow_scale.update(history, bounds)
        cap = self.arrow_cap_px()
        with np.errstate(all="ignore"):
            self.px_per_unit = cap / reference if reference > 0 else 0.0
        self._set_caption(scale_caption(self.px_per_unit, cap))
        ring = []
        for i, racer in enumerate(self.racers):
            racer.show_path(racer.cache.path(history, i, bounds, px))
            p = history.points[r, i]
            if not np.isfinite(p).all():
                # Diverged before this step: show where it was last seen, no arrows.
                shown = finite_path(history.points[: r + 1, i], bounds)
                racer.head.setData(shown[-1:, 0], shown[-1:, 1], symbol="x")
                racer.grad_arrow.setData([], [])
                racer.update_arrow.setData([], [])
                continue
            racer.head.setData([p[0]], [p[1]], symbol="o")
            ring.append(p)
            for item, v in ((racer.grad_arrow, -lrs[i] * history.grads[r, i]),
                            (racer.update_arrow, history.updates[r, i])):
                drawn = scaled_arrow(v, px, self.px_per_unit, cap)
                pairs = arrow_pairs(p, drawn, px) if drawn is not None else np.empty((0, 2))
                if len(pairs):
                    item.setData(pairs[:, 0], pairs[:, 1])
                else:
                    item.setData([], [])
        live = r == n - 1
        if live or not ring:
            self.cursor_ring.setData([], [])
        else:
            pts = np.array(ring)
            self.cursor_ring.setData(pts[:, 0], pts[:, 1])

    # -- mouse -------------------------------------------------------------------------------
    def _inside(self, scene_pos: QtCore.QPointF) -> QtCore.QPointF | None:
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return vb.mapSceneToView(scene_pos)

    def _clicked(self, event: Any) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton or event.double():
            return
        p = self._inside(event.scenePos())
        if p is None:
            return
        self.set_start(p.x(), p.y())
        self.start_moved.emit(p.x(), p.y())

    def _marker_moved(self) -> None:
        p = self.start_marker.pos()
        self.start_moved.emit(p.x(), p.y())

    def _moved(self, scene_pos: QtCore.QPointF) -> None:
        p = self._inside(scene_pos)
        if p is None or self.surface is None:
            return
        with np.errstate(all="ignore"):
            f = float(np.asarray(self.surface.value(p.x(), p.y())))
        value = f"{f:.5g}" if math.isfinite(f) else translate("RaceView", "undefined here")
        self.hovered.emit(f"x = {p.x():.4g}    y = {p.y():.4g}    f(x, y) = {value}")
