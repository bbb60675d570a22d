"""A note in a plot, near the point it explains, where it covers no curve.

A note (a `pg.TextItem`) and its arrow (a `pg.ArrowItem`) are drawn in pixels while the
point they explain is in data units, so where a note fits depends on the plot's size and
on the note's font (presenter mode's is 1.6 times larger). A note at a fixed data offset
ran off the top of its plot there, or sat on a curve. `place_note` puts the note in the
free spot nearest its point and draws the arrow from the note to the point:

    place_note(note, arrow, (0.02, -0.04), slope_plot)

Free means inside the plot, off every visible curve and off the legend. The plot is cut
into cells of CELL pixels and each cell a curve passes through is marked taken; a sum
table over the cells then tells, for every place the note could go at once, whether it
covers a taken cell. Call it again when the data, the plot's size or range, or the font
changes (`NotePlacer` does the first two for a plot).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

CELL = 4  # pixels per cell of the grid the plot is cut into
HEAD_LENGTH = 12
MIN_ARROW = 26  # pixels: the arrow's head and a tail long enough to see
GAP = 3  # pixels between the arrow's tail and the text


def _columns(sx: np.ndarray, sy: np.ndarray, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest y (pixels) of the curve through (sx, sy), x increasing,
    over each column of cells: its samples in the column and its values at the column's
    two edges (a straight segment takes every y between its ends)."""
    edges = np.arange(cols + 1) * CELL
    at_edges = np.interp(edges, sx, sy, left=np.nan, right=np.nan)
    lo = np.fmin(at_edges[:-1], at_edges[1:])
    hi = np.fmax(at_edges[:-1], at_edges[1:])
    col = np.floor(sx / CELL).astype(int)
    inside = (col >= 0) & (col < cols)
    np.fmin.at(lo, col[inside], sy[inside])
    np.fmax.at(hi, col[inside], sy[inside])
    return lo, hi


def taken_cells(plot: pg.PlotItem) -> np.ndarray:
    """(rows, cols) booleans over `plot`'s view box: True where a visible curve (a data
    item, its x increasing) or the legend is. Curves are
    widened by a cell each side, for their pen's width."""
    vb = plot.getViewBox()
    box = vb.sceneBoundingRect()
    rows, cols = int(box.height() // CELL), int(box.width() // CELL)
    taken = np.zeros((rows + 1, cols), dtype=np.int32)  # +1: the difference array's end
    to_scene = vb.childGroup.sceneTransform()
    for item in plot.listDataItems():
        if not item.isVisible():
            continue
        x, y = item.getData()
        if x is None or len(x) < 2:
            continue
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        ok = np.isfinite(x) & np.isfinite(y)
        sx = to_scene.m11() * x[ok] + to_scene.m31() - box.left()
        sy = to_scene.m22() * y[ok] + to_scene.m32() - box.top()
        if len(sx) < 2:
            continue
        lo, hi = _columns(sx, sy, cols)
        drawn = np.flatnonzero(np.isfinite(lo) & (hi >= 0) & (lo < rows * CELL))
        first = np.clip(np.floor(lo[drawn] / CELL).astype(int) - 1, 0, rows)
        last = np.clip(np.floor(hi[drawn] / CELL).astype(int) + 2, 0, rows)
        np.add.at(taken, (first, drawn), 1)  # +1 at the first taken row, -1 after the last
        np.add.at(taken, (last, drawn), -1)
    taken = np.cumsum(taken, axis=0)[:rows] > 0
    legend = plot.legend
    if legend is not None and legend.isVisible() and legend.items:
        r = legend.sceneBoundingRect().translated(-box.left(), -box.top())
        taken[max(int(r.top() // CELL), 0): int(r.bottom() // CELL) + 1,
              max(int(r.left() // CELL), 0): int(r.right() // CELL) + 1] = True
    return taken


def nearest_free(taken: np.ndarray, size: tuple[int, int], point: tuple[float, float]) -> tuple[int, int, bool]:
    """The top-left cell (row, col) of the free `size` (rows, cols) block nearest to
    `point` (pixels) but at least MIN_ARROW from it; with no free block, the one over
    the fewest taken cells. The third value says whether it is free."""
    rows, cols = taken.shape
    h, w = size
    if h > rows or w > cols:
        return 0, 0, False
    table = np.zeros((rows + 1, cols + 1), dtype=np.int32)
    table[1:, 1:] = taken.cumsum(axis=0).cumsum(axis=1)
    covered = table[h:, w:] - table[:-h, w:] - table[h:, :-w] + table[:-h, :-w]
    top = np.arange(rows - h + 1)[:, None] * CELL
    left = np.arange(cols - w + 1)[None, :] * CELL
    dx = np.maximum(np.maximum(left - point[0], point[0] - (left + w * CELL)), 0)
    dy = np.maximum(np.maximum(top - point[1], point[1] - (top + h * CELL)), 0)
    distance = np.hypot(dx, dy)
    cost = np.where(distance >= MIN_ARROW, distance, np.inf) + covered * 1e6
    row, col = np.unravel_index(np.argmin(cost), cost.shape)
    return int(row), int(col), bool(covered[row, col] == 0 and np.isfinite(cost[row, col]))


def place_note(note: pg.TextItem, arrow: pg.ArrowItem, point: tuple[float, float], plot: pg.PlotItem) -> bool:
    """Put `note` in the free spot of `plot` nearest `point` (data units) and `arrow`
    from the note to the point. Returns whether the spot is free (see the module)."""
    vb = plot.getViewBox()
    box = vb.sceneBoundingRect()
    arrow.setPos(*point)
    if box.width() < CELL or box.height() < CELL:
        return False  # not laid out yet: placed again when the plot gets its size
    tip = vb.mapViewToScene(QtCore.QPointF(*point)) - box.topLeft()
    text = note.textItem.boundingRect()
    size = (max(math.ceil(text.height() / CELL), 1), max(math.ceil(text.width() / CELL), 1))
    row, col, free = nearest_free(taken_cells(plot), size, (tip.x(), tip.y()))
    rect = QtCore.QRectF(col * CELL, row * CELL, text.width(), text.height())
    # The arrow runs from the text's nearest point to the point it explains.
    near = QtCore.QPointF(min(max(tip.x(), rect.left()), rect.right()), min(max(tip.y(), rect.top()), rect.bottom()))
    vx, vy = near.x() - tip.x(), near.y() - tip.y()
    length = max(math.hypot(vx, vy) - GAP, HEAD_LENGTH + 2)
    arrow.setStyle(angle=math.degrees(math.atan2(vy, vx)), headLen=HEAD_LENGTH, tailLen=length - HEAD_LENGTH)
    note.setAnchor((0, 0))
    note.setPos(vb.mapSceneToView(rect.topLeft() + box.topLeft()))
    return free


class NotePlacer(QtCore.QObject):
    """Calls `place` again whenever `plot` changes size or range (a window resized, a
    pan or zoom), once the event loop is idle (a resize sends many)."""

    def __init__(self, plot: pg.PlotItem, place: Callable[[], object]) -> None:
        super().__init__(plot)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(place)
        vb = plot.getViewBox()
        vb.sigResized.connect(self._soon)
        vb.sigRangeChanged.connect(self._soon)

    def _soon(self, *_: object) -> None:
        self._timer.start()
