"""The Hessian's eigenvectors drawn on the race's surface, through one point.

Two lines through the point p, one along each eigenvector vᵢ of the Hessian there
(the start, or a Shift-clicked point), from p − L·vᵢ to p + L·vᵢ, each labelled with its
eigenvalue λᵢ (λ₁ ≤ λ₂). On a quadratic the contours are ellipses whose axes lie along
these lines: v₁ is the gentle direction (the ravine's floor), v₂ the steep one. Both
lines have the same length L (a fixed part of the surface's smaller side), so neither
hides the other; the view keeps x and y on one scale, so the angle on screen is the
eigenvector's angle. Nothing here computes: the caller hands over the eigen-pairs
(`gradlab.core.quadratic.eigen`).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pyqtgraph as pg

from gradlab.gui.style import OUTLINE

LENGTH_FRACTION = 0.3  # half a line's length, as a part of the surface's smaller side
COLORS = ("#ffffff", "#ffc400")  # v₁ (gentle) white, v₂ (steep) amber: unlike any racer


class EigenOverlay:
    """Items on `plot`, built by the first `show` (start-up adds nothing to the race's
    view); `show(...)` places them, `set_visible` hides them, `clear` empties them."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.lines: list[pg.PlotDataItem] = []
        self.labels: list[pg.TextItem] = []
        self.point: pg.ScatterPlotItem | None = None
        self.visible = True
        self.shown = False  # whether `show` placed the items (and `clear` has not)
        self.font_pt: float | None = None

    def _build(self) -> None:
        if self.point is not None:
            return
        for color in COLORS:
            line = pg.PlotDataItem(pen=pg.mkPen(color, width=3),
                                   shadowPen=pg.mkPen(OUTLINE, width=5))
            label = pg.TextItem("", color=color, anchor=(0, 1), fill=pg.mkBrush(0, 0, 0, 150))
            for item, z in ((line, 25), (label, 26)):
                item.setZValue(z)
                self.plot.addItem(item, ignoreBounds=True)
            self.lines.append(line)
            self.labels.append(label)
        self.point = pg.ScatterPlotItem(size=9, pen=pg.mkPen(OUTLINE, width=1),
                                        brush=pg.mkBrush(COLORS[0]), symbol="s")
        self.point.setZValue(26)
        self.plot.addItem(self.point, ignoreBounds=True)
        if self.font_pt is not None:
            self.set_font_pt(self.font_pt)

    @property
    def items(self) -> tuple:
        return (*self.lines, *self.labels, *([self.point] if self.point is not None else []))

    def show(self, point: Sequence[float], eigenvalues: Sequence[float], vectors: Any,
             bounds: Sequence[float]) -> None:
        """Lines through `point` along the columns of `vectors`, labelled λ₁ and λ₂."""
        self._build()
        xmin, xmax, ymin, ymax = (float(b) for b in bounds)
        half = LENGTH_FRACTION * min(xmax - xmin, ymax - ymin)
        p = np.asarray(point, dtype=np.float64)
        v = np.asarray(vectors, dtype=np.float64)
        for k, (line, label) in enumerate(zip(self.lines, self.labels)):
            d = v[:, k] / np.hypot(*v[:, k])  # unit length: the core's columns may not be
            ends = np.array([p - half * d, p + half * d])
            line.setData(ends[:, 0], ends[:, 1])
            # The label at the end farther from the middle of the surface: the path runs from
            # the start towards the middle (where the minima usually are), and a label at the
            # nearer end covered it. Kept inside the picture and reading towards the middle.
            middle = np.array([(xmin + xmax) / 2, (ymin + ymax) / 2])
            tip = max(ends, key=lambda e: float(np.hypot(*(e - middle))))
            tip = np.clip(tip, [xmin, ymin], [xmax, ymax])
            label.setAnchor((0 if tip[0] <= middle[0] else 1, 1 if tip[1] <= middle[1] else 0))
            label.setText(f"v{'₁₂'[k]}: λ{'₁₂'[k]} = {float(eigenvalues[k]):.4g}")
            label.setPos(float(tip[0]), float(tip[1]))
        self.point.setData([p[0]], [p[1]])
        self.shown = True
        self._apply_visible()

    def clear(self) -> None:
        for line in self.lines:
            line.setData([], [])
        for label in self.labels:
            label.setText("")
        if self.point is not None:
            self.point.setData([], [])
        self.shown = False

    def set_visible(self, on: bool) -> None:
        self.visible = on
        self._apply_visible()

    def _apply_visible(self) -> None:
        for item in self.items:
            item.setVisible(self.visible)

    def set_font_pt(self, pt: float) -> None:
        """Presenter mode: the labels at the window's scale."""
        self.font_pt = pt
        for label in self.labels:
            font = label.textItem.font()
            font.setPointSizeF(pt)
            label.setFont(font)
