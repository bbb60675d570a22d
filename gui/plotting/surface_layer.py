"""Draw a loss surface into a pyqtgraph PlotItem: heatmap, contours, colour bar, minima.

Shared by the race window and `gradlab race --png`. Usage::

    layer = SurfaceLayer(plot_item)        # builds the items once
    layer.set_surface(surfaces.get("rosenbrock"))   # any time; items are reused

What is shown
-------------
- The heatmap samples `surface.value` on a `resolution x resolution` grid over
  `picture_extent(surface.bounds)`: the bounds grown so that a view of any shape
  between 2:3 and 3:2 (the race's view keeps x and y on one scale, so it shows more
  than the bounds along one axis) is filled with the surface, not with dark empty
  bands. Row-major: rows are y, columns are x; the image rect is in data units, so
  the axes read x and y directly.
- When `surface.log_scale` is true the colours show ``log10(f - f_min + 1)``, where
  `f_min` is the smallest value on the grid (or at a listed minimum, if lower): it is
  0 at the lowest point, monotone in f, and defined for surfaces that go negative.
  Otherwise the colours show f itself. `display_scale` and `scale_label` expose the
  same transform so other views (3-D, hover text) can agree with the colour bar.
- Levels are fixed (the finite min and max in the display scale of the samples inside
  the bounds; colours saturate beyond), never auto-levelled, so the picture does not
  flicker while paths are drawn over it.
- Where f is not finite (log of a negative, a pole) the heatmap is transparent over a
  grey hatching (`hatch`): "undefined", not the colour of the highest loss.
  `undefined` says whether the picture has such cells.
- `CONTOUR_COUNT` contour lines, evenly spaced in the display scale, are
  `pg.IsocurveItem`s parented to the image (they follow its transform).
- A `pg.ColorBarItem` on the right, labelled with the scale; minima as white stars.

Attributes the owner may use: `image`, `colorbar`, `contours`, `minima_item`,
`surface`, `fmin` (the f_min above), `levels` (low, high in the display scale).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg

CONTOUR_COUNT = 12
COLORMAP = "viridis"
RESOLUTION = 320
ASPECT = 1.5  # the picture fills views from 1:ASPECT to ASPECT:1 (width:height)

LINEAR_LABEL = "f(x, y)"
LOG_LABEL = "log₁₀(f − f_min + 1)"


def scale_label(surface: Any) -> str:
    """The colour bar's label for this surface's display scale."""
    return LOG_LABEL if surface.log_scale else LINEAR_LABEL


def display_scale(surface: Any, f: np.ndarray, fmin: float) -> np.ndarray:
    """Map loss values to the heatmap's scale (see the module docstring)."""
    f = np.asarray(f, dtype=np.float64)
    if not surface.log_scale:
        return f
    # f - fmin can dip just below 0 between grid points; clip so log10 stays defined.
    return np.log10(np.maximum(f - fmin, 0.0) + 1.0)


def picture_extent(bounds: Any, aspect: float = ASPECT) -> tuple[float, float, float, float]:
    """`bounds` grown about their centre to width max(w, aspect·h) and height
    max(h, aspect·w): what a view of shape 1:aspect to aspect:1 shows when it keeps
    x and y on one scale and fits the bounds."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    w, h = xmax - xmin, ymax - ymin
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    hw, hh = max(w, aspect * h) / 2, max(h, aspect * w) / 2
    return cx - hw, cx + hw, cy - hh, cy + hh


def sample(surface: Any, resolution: int = RESOLUTION,
           extent: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`(xs, ys, f)` with f of shape (len(ys), len(xs)): row i is y = ys[i], over
    `extent` (xmin, xmax, ymin, ymax; the surface's bounds by default)."""
    xmin, xmax, ymin, ymax = surface.bounds if extent is None else extent
    # Pixel centres: pixel i of the image covers [xmin + i*w/r, xmin + (i+1)*w/r].
    xs = xmin + (np.arange(resolution) + 0.5) * (xmax - xmin) / resolution
    ys = ymin + (np.arange(resolution) + 0.5) * (ymax - ymin) / resolution
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        f = np.asarray(surface.value(gx, gy), dtype=np.float64)
    return xs, ys, np.broadcast_to(f, gx.shape).copy()


def hatch_lines(extent: Any, count: int = 48) -> np.ndarray:
    """Segments (connect='pairs') of lines x − y = c at 45°, `count` across the
    longer side of `extent`, clipped to it."""
    x0, x1, y0, y1 = extent
    gap = max(x1 - x0, y1 - y0) / count
    pts = []
    for c in np.arange(x0 - y1, x1 - y0 + gap, gap):
        a, b = max(x0, y0 + c), min(x1, y1 + c)
        if a < b:
            pts += [(a, a - c), (b, b - c)]
    return np.array(pts, dtype=np.float64).reshape(-1, 2)


class SurfaceLayer:
    """The surface under a race: build once with a PlotItem, then `set_surface` freely."""

    def __init__(self, plot_item: pg.PlotItem, resolution: int = RESOLUTION) -> None:
        self.plot_item = plot_item
        self.resolution = resolution
        self.surface: Any = None
        self.fmin = 0.0
        self.levels = (0.0, 1.0)
        self.undefined = False

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-100)  # under every path, arrow and marker
        plot_item.addItem(self.image)

        # Under the heatmap, seen only through its transparent (undefined) cells. Drawn
        # lines, not a pattern brush: a brush pattern is scaled with the data.
        self.hatch = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(150, 150, 150, 200, width=1))
        self.hatch.setVisible(False)
        plot_item.addItem(self.hatch, ignoreBounds=True)
        # After addItem, which lifts an item's z above the view box's own.
        self.hatch.setZValue(self.image.zValue() - 1)


        # Contour pens: a light, half-transparent line reads on every viridis colour.
        pen = pg.mkPen(255, 255, 255, 110, width=1)
        self.contours = [
            pg.IsocurveItem(level=0.0, pen=pen, axisOrder="row-major") for _ in range(CONTOUR_COUNT)
        ]
        for iso in self.contours:
            iso.setParentItem(self.image)
            # Isocurves put sample i at pixel coordinate i; the sample sits at the centre.
            iso.setPos(0.5, 0.5)

        self.colorbar = pg.ColorBarItem(
            values=self.levels, colorMap=COLORMAP, label=LINEAR_LABEL, interactive=False,
            width=15, colorMapMenu=False,
        )
        self.colorbar.setImageItem(self.image, insert_in=plot_item)
        for side in ("left", "right"):
            # A 0-1 range would otherwise read "(x0.001)" beside the label.
            self.colorbar.getAxis(side).enableAutoSIPrefix(False)

        self.minima_item = pg.ScatterPlotItem(
            symbol="star", size=16, pen=pg.mkPen("k", width=1), brush=pg.mkBrush("w")
        )
        self.minima_item.setZValue(50)
        plot_item.addItem(self.minima_item)

        plot_item.setLabel("bottom", "x")
        plot_item.setLabel("left", "y")

    def set_surface(self, surface: Any) -> None:
        """Show `surface`: resample, recolour, redraw contours and minima, reset the view."""
        self.surface = surface
        extent = picture_extent(surface.bounds)
        xs, ys, f = sample(surface, self.resolution, extent)
        finite = np.isfinite(f)
        xmin, xmax, ymin, ymax = surface.bounds
        within = ((xs >= xmin) & (xs <= xmax))[None, :] & ((ys >= ymin) & (ys <= ymax))[:, None]
        counted = finite & within  # levels and f_min come from the bounds only
        if not counted.any():
            raise ValueError(f"surface {surface.name!r} has no finite value in its bounds")
        self.fmin = float(f[counted].min())
        for mx, my in surface.minima:
            with np.errstate(all="ignore"):
                fv = float(np.asarray(surface.value(np.float64(mx), np.float64(my))))
            if math.isfinite(fv):
                self.fmin = min(self.fmin, fv)

        with np.errstate(all="ignore"):
            z = display_scale(surface, f, self.fmin)
        lo = float(z[counted].min())
        hi = float(z[counted].max())
        if not hi > lo:  # a flat surface still needs a non-empty colour range
            hi = lo + 1.0
        # Non-finite samples are NaN: pyqtgraph leaves them transparent over the hatch.
        z = np.where(finite, z, np.nan)
        self.undefined = bool((~finite & within).any())
        self.levels = (lo, hi)

        self.image.setImage(z, autoLevels=False, levels=self.levels)
        ex0, ex1, ey0, ey1 = extent
        self.image.setRect(pg.QtCore.QRectF(ex0, ey0, ex1 - ex0, ey1 - ey0))
        if (~finite).any():
            pts = hatch_lines(extent)
            self.hatch.setData(pts[:, 0], pts[:, 1])
        self.hatch.setVisible(bool((~finite).any()))
        self.colorbar.setLevels(self.levels)
        # ColorBarItem keeps its label on the axis that faces the plot.
        self.colorbar.getAxis("left").setLabel(scale_label(surface))

        # Interior levels only: the extremes would trace single pixels.
        steps = np.linspace(lo, hi, CONTOUR_COUNT + 2)[1:-1]
        # Isocurves through NaN cells fan out in lines that mean nothing: trace them on a
        # copy where undefined cells lie below every level (a line may then run along
        # the border of the undefined region, which is where the values end).
        traced = np.where(finite, z, lo - (hi - lo))
        for iso, level in zip(self.contours, steps):
            iso.setData(traced, level=float(level))

        pts = np.asarray(surface.minima, dtype=np.float64).reshape(-1, 2)
        self.minima_item.setData(x=pts[:, 0], y=pts[:, 1])

        self.plot_item.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)
