"""Draw a loss surface into a pyqtgraph PlotItem: heatmap, contours, colour bar, minima.

Shared by the race window and `gradlab race --png`. Usage::

    layer = SurfaceLayer(plot_item)        # builds the items once
    layer.set_surface(surfaces.get("rosenbrock"))   # any time; items are reused

What is shown
-------------
- The heatmap samples `surface.value` on a `resolution x resolution` grid over
  `surface.bounds` (row-major: rows are y, columns are x; the image rect is in data
  units, so the axes read x and y directly).
- When `surface.log_scale` is true the colours show ``log10(f - f_min + 1)``, where
  `f_min` is the smallest value on the grid (or at a listed minimum, if lower): it is
  0 at the lowest point, monotone in f, and defined for surfaces that go negative.
  Otherwise the colours show f itself. `display_scale` and `scale_label` expose the
  same transform so other views (3-D, hover text) can agree with the colour bar.
- Levels are fixed (the grid's finite min and max in the display scale), never
  auto-levelled, so the picture does not flicker while paths are drawn over it.
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
RESOLUTION = 256

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


def sample(surface: Any, resolution: int = RESOLUTION) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`(xs, ys, f)` with f of shape (len(ys), len(xs)): row i is y = ys[i]."""
    xmin, xmax, ymin, ymax = surface.bounds
    # Pixel centres: pixel i of the image covers [xmin + i*w/r, xmin + (i+1)*w/r].
    xs = xmin + (np.arange(resolution) + 0.5) * (xmax - xmin) / resolution
    ys = ymin + (np.arange(resolution) + 0.5) * (ymax - ymin) / resolution
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        f = np.asarray(surface.value(gx, gy), dtype=np.float64)
    return xs, ys, np.broadcast_to(f, gx.shape).copy()


class SurfaceLayer:
    """The surface under a race: build once with a PlotItem, then `set_surface` freely."""

    def __init__(self, plot_item: pg.PlotItem, resolution: int = RESOLUTION) -> None:
        self.plot_item = plot_item
        self.resolution = resolution
        self.surface: Any = None
        self.fmin = 0.0
        self.levels = (0.0, 1.0)

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-100)  # under every path, arrow and marker
        plot_item.addItem(self.image)

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
        xs, ys, f = sample(surface, self.resolution)
        finite = np.isfinite(f)
        if not finite.any():
            raise ValueError(f"surface {surface.name!r} has no finite value in its bounds")
        self.fmin = float(f[finite].min())
        for mx, my in surface.minima:
            with np.errstate(all="ignore"):
                fv = float(np.asarray(surface.value(np.float64(mx), np.float64(my))))
            if math.isfinite(fv):
                self.fmin = min(self.fmin, fv)

        z = display_scale(surface, f, self.fmin)
        lo = float(z[finite].min())
        hi = float(z[finite].max())
        if not hi > lo:  # a flat surface still needs a non-empty colour range
            hi = lo + 1.0
        # Non-finite samples (a pole, log of a negative) take the top colour, not a hole.
        z = np.where(finite, z, hi)
        self.levels = (lo, hi)

        self.image.setImage(z, autoLevels=False, levels=self.levels)
        xmin, xmax, ymin, ymax = surface.bounds
        self.image.setRect(pg.QtCore.QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
        self.colorbar.setLevels(self.levels)
        # ColorBarItem keeps its label on the axis that faces the plot.
        self.colorbar.getAxis("left").setLabel(scale_label(surface))

        # Interior levels only: the extremes would trace single pixels.
        steps = np.linspace(lo, hi, CONTOUR_COUNT + 2)[1:-1]
        for iso, level in zip(self.contours, steps):
            iso.setData(z, level=float(level))

        pts = np.asarray(surface.minima, dtype=np.float64).reshape(-1, 2)
        self.minima_item.setData(x=pts[:, 0], y=pts[:, 1])

        self.plot_item.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)
