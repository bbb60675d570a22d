"""Render a race to a PNG without opening a window (`gradlab race --png`).

    render_png("race.png", surface, points, labels, diverged=race.diverged)

`points` is the whole race, `(k, n, 2)` (rows of a diverged optimizer are NaN). The
picture is the surface drawn by `SurfaceLayer` (heatmap, contours, colour bar, minima)
with one path per optimizer, a legend, the start and each optimizer's last point.

Works on a machine with no display: when Linux has neither DISPLAY nor WAYLAND_DISPLAY,
Qt's offscreen platform is selected before the QApplication is made. The window is laid
out with WA_DontShowOnScreen, so nothing flashes on a desktop either.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from gradlab.gui.exporting import ensure_app
from gradlab.gui.style import PALETTE

SIZE = (1000, 760)
# Paths are cut where they first leave the bounds grown this many times about their
# centre: beyond that they only show a divergence, and huge coordinates upset Qt's painter.
CUT_SPANS = 50.0


def finite_path(xy: np.ndarray, bounds: Sequence[float]) -> np.ndarray:
    """The drawable part of one trajectory `(k, 2)`: finite rows, cut at a far boundary.

    Rows stop at the first non-finite one (a diverged run is NaN from there). The path is
    cut where it first leaves the bounds grown `CUT_SPANS` times, at the crossing point,
    so the last visible segment keeps its true direction.
    """
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    bad = ~np.isfinite(xy).all(axis=1)
    if bad.any():
        xy = xy[: int(np.argmax(bad))]
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    hx, hy = CUT_SPANS * (xmax - xmin) / 2, CUT_SPANS * (ymax - ymin) / 2
    lo = np.array([cx - hx, cy - hy])
    hi = np.array([cx + hx, cy + hy])
    inside = ((xy >= lo) & (xy <= hi)).all(axis=1)
    if inside.all():
        return xy
    j = int(np.argmin(inside))
    if j == 0:
        return xy[:0]
    p0, d = xy[j - 1], xy[j] - xy[j - 1]
    t = 1.0
    for axis in (0, 1):
        if d[axis] > 0:
            t = min(t, (hi[axis] - p0[axis]) / d[axis])
        elif d[axis] < 0:
            t = min(t, (lo[axis] - p0[axis]) / d[axis])
    return np.vstack([xy[:j], p0 + t * d])


def render_png(path: str | os.PathLike, surface: Any, points: np.ndarray,
               labels: Sequence[str], diverged: Sequence[int | None] | None = None,
               size: tuple[int, int] = SIZE, title: str | None = None) -> Path:
    """Draw the race `points (k, n, 2)` over `surface` and save a `size` PNG at `path`.

    Written atomically (`exporting.write_image`); OSError when it cannot be written.
    """
    ensure_app()
    import pyqtgraph as pg
    from PySide6 import QtCore

    from gradlab.gui.exporting import write_image
    from gradlab.gui.plotting.surface_layer import SurfaceLayer

    points = np.asarray(points, dtype=np.float64)
    n = points.shape[1]
    if len(labels) != n:
        raise ValueError(f"got {len(labels)} labels for {n} trajectories")
    diverged = list(diverged) if diverged is not None else [None] * n

    win = pg.GraphicsLayoutWidget()
    win.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    win.resize(*size)
    try:
        if title is None:
            x0, y0 = points[0, 0]
            title = f"{surface.title}: {points.shape[0] - 1} steps from ({x0:g}, {y0:g})"
        plot = win.addPlot(title=title)
        layer = SurfaceLayer(plot)
        layer.set_surface(surface)
        legend = plot.addLegend(offset=(10, 10), labelTextSize="10pt", labelTextColor=(235, 235, 235))
        legend.setBrush(pg.mkBrush(0, 0, 0, 150))

        for i, label in enumerate(labels):
            colour = PALETTE.colour(i, on_dark=True)
            xy = finite_path(points[:, i], surface.bounds)
            name = label if diverged[i] is None else f"{label} (diverged at step {diverged[i]})"
            plot.plot(xy[:, 0], xy[:, 1], name=name, pen=pg.mkPen(colour, width=2),
                      shadowPen=pg.mkPen(0, 0, 0, 170, width=4))
            if len(xy):
                head = pg.ScatterPlotItem(x=xy[-1:, 0], y=xy[-1:, 1], size=10, symbol="o",
                                          pen=pg.mkPen("k"), brush=pg.mkBrush(colour))
                head.setZValue(60)
                plot.addItem(head)

        start = pg.ScatterPlotItem(x=points[:1, 0, 0], y=points[:1, 0, 1], size=12, symbol="s",
                                   pen=pg.mkPen("k", width=1), brush=pg.mkBrush("w"))
        start.setZValue(70)
        plot.addItem(start)

        win.show()  # lays the scene out; WA_DontShowOnScreen keeps it off the screen
        pg.QtWidgets.QApplication.processEvents()
        return write_image(path, win.scene(), width=size[0])  # atomic; OSError on failure
    finally:
        win.close()
        win.deleteLater()
