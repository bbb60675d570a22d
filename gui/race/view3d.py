"""The surface in 3-D with the paths on it (pyqtgraph.opengl), built on first view.

OpenGL is optional: on Qt's offscreen platform, or when PyOpenGL or a GL context is
missing, the view shows a label saying why and everything else works. The heights are
the heatmap's display scale (log where the colour bar is log), stretched so the
relief is half as tall as the surface is wide. Axes: a grid on the floor (z = 0 is the
lowest value shown), a line along each of x, y and f from the corner (xmin, ymin),
and labels at their ends with the values there, so the picture reads like the 2-D
view's axes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.render import finite_path
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.opengl import opengl_problem, start_failure
from gradlab.gui.plotting.surface_layer import display_scale, sample

GRID = 120


class Race3D(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QtWidgets.QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.view: Any = None
        self.message: QtWidgets.QLabel | None = None
        self.surface: Any = None
        self.entries: list[OptimizerEntry] = []
        self._surface_item: Any = None
        self._lines: list[Any] = []
        self._axes: list[Any] = []  # grid, axis lines and their labels
        self._scale = (0.0, 1.0, 1.0)  # (lo, hi, height) of the display scale
        self._fmin = 0.0
        self.activated = False
        self._error = ""  # why OpenGL failed to start, when it did
        on_language_change(self, self._show_problem)

    @property
    def available(self) -> bool:
        return self.view is not None

    def activate(self) -> None:
        """Build the GL view on first use (importing OpenGL costs start-up time)."""
        if self.activated:
            return
        self.activated = True
        problem = opengl_problem()
        if problem is None:
            try:
                import pyqtgraph.opengl as gl

                self.view = gl.GLViewWidget()
                self.view.setBackgroundColor((30, 31, 36))
                self.layout_.addWidget(self.view)
            except Exception as exc:  # noqa: BLE001
                self._error = f"{type(exc).__name__}: {exc}"
                problem = self._error
                self.view = None
        if problem is not None:
            self.message = QtWidgets.QLabel()
            self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            self.message.setWordWrap(True)
            self.layout_.addWidget(self.message)
            self._show_problem()
            return
        if self.surface is not None:
            self.set_surface(self.surface, self._fmin)
            self.set_racers(self.entries)

    def _show_problem(self) -> None:
        """Why there is no 3-D view, in the language in use (asked again after a change)."""
        if self.message is None:
            return
        problem = opengl_problem() or start_failure(self._error)
        self.message.setText(translate("Race3D", "The 3-D view is unavailable: {problem}.\nEverything "
                                       "else works; run GradLab on a desktop with OpenGL to see "
                                       "the surface in 3-D.").format(problem=problem))

    def set_surface(self, surface: Any, fmin: float) -> None:
        self.surface, self._fmin = surface, fmin
        if self.view is None:
            return
        import pyqtgraph as pg
        import pyqtgraph.opengl as gl

        xs, ys, f = sample(surface, GRID)
        z = display_scale(surface, f, fmin)
        finite = np.isfinite(z)
        lo, hi = float(z[finite].min()), float(z[finite].max())
        if not hi > lo:
            hi = lo + 1.0
        xmin, xmax, ymin, ymax = surface.bounds
        height = 0.5 * max(xmax - xmin, ymax - ymin)
        self._scale = (lo, hi, height)
        # Undefined cells (log of a negative) lie flat on the floor in grey, as the 2-D
        # view hatches them: not raised to the top colour as if the loss were highest there.
        with np.errstate(all="ignore"):
            zz = np.where(finite, (z - lo) / (hi - lo) * height, 0.0)
        colors = pg.colormap.get("viridis").map((zz / height).T.ravel(), mode="float")
        colors[~finite.T.ravel()] = (0.45, 0.45, 0.45, 1.0)
        if self._surface_item is not None:
            self.view.removeItem(self._surface_item)
        # GLSurfacePlotItem wants z[i, j] at (x[i], y[j]): the transpose of row-major.
        self._surface_item = gl.GLSurfacePlotItem(
            x=xs, y=ys, z=zz.T, colors=colors, shader=None,  # colors: one row per vertex
            smooth=False, glOptions="opaque")
        self.view.addItem(self._surface_item)
        self._draw_axes(surface, lo, hi, height)
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        self.view.setCameraPosition(pos=QtGui.QVector3D(cx, cy, height / 2),
                                    distance=1.45 * max(xmax - xmin, ymax - ymin),
                                    elevation=32, azimuth=-65)

    def _draw_axes(self, surface: Any, lo: float, hi: float, height: float) -> None:
        """Floor grid, x/y/f axis lines from the corner (xmin, ymin, 0), and labels."""
        import pyqtgraph.opengl as gl

        from gradlab.gui.plotting.surface_layer import scale_label

        for item in self._axes:
            self.view.removeItem(item)
        self._axes = []
        xmin, xmax, ymin, ymax = surface.bounds
        w, h = xmax - xmin, ymax - ymin
        grid = gl.GLGridItem(color=(255, 255, 255, 60))
        grid.setSize(w, h)
        grid.setSpacing(w / 10, h / 10)
        grid.translate((xmin + xmax) / 2, (ymin + ymax) / 2, 0)
        self._axes.append(grid)
        white = (0.85, 0.86, 0.88, 1.0)
        for end in ((xmax, ymin, 0), (xmin, ymax, 0), (xmin, ymin, height)):
            line = gl.GLLinePlotItem(pos=np.array([(xmin, ymin, 0), end], dtype=float), color=white,
                                     width=2, antialias=True)
            self._axes.append(line)
        colour = QtGui.QColor(216, 218, 224)
        font = QtGui.QFont()
        font.setPointSizeF(10)
        pad = 0.04 * max(w, h)
        labels = [
            ((xmax + pad, ymin - pad, 0), f"x = {xmax:g}"), ((xmin, ymin - pad, 0), f"{xmin:g}"),
            ((xmin - pad, ymax + pad, 0), f"y = {ymax:g}"), ((xmin - pad, ymin, 0), f"{ymin:g}"),
            ((xmin - pad, ymin - pad, height * 1.05), f"{scale_label(surface)} = {hi:.3g}"),
            ((xmin - pad, ymin - pad, -0.04 * height), f"{lo:.3g}"),
        ]
        for pos, text in labels:
            self._axes.append(gl.GLTextItem(pos=pos, text=text, color=colour, font=font))
        for item in self._axes:
            self.view.addItem(item)

    @property
    def axis_labels(self) -> list[str]:
        """The axes' label texts (empty until the 3-D view is built)."""
        return [item.text for item in self._axes if hasattr(item, "text")]

    def set_racers(self, entries: list[OptimizerEntry]) -> None:
        self.entries = list(entries)
        if self.view is None:
            return
        import pyqtgraph.opengl as gl

        for line in self._lines:
            self.view.removeItem(line)
        self._lines = []
        for e in entries:
            c = QtGui.QColor(e.color)
            line = gl.GLLinePlotItem(color=(c.redF(), c.greenF(), c.blueF(), 1.0), width=3,
                                     antialias=True, glOptions="translucent")
            line.setVisible(e.visible)
            self.view.addItem(line)
            self._lines.append(line)

    def set_visible(self, index: int, on: bool) -> None:
        if index < len(self._lines):
            self._lines[index].setVisible(on)

    def redraw(self, history: RaceHistory | None) -> None:
        if self.view is None or history is None or self.surface is None or not self.isVisible():
            return
        lo, hi, height = self._scale
        n = history.n
        for i, line in enumerate(self._lines):
            path = finite_path(history.points[:n, i], self.surface.bounds)
            if len(path) == 0:
                continue
            with np.errstate(all="ignore"):
                f = np.asarray(self.surface.value(path[:, 0], path[:, 1]), dtype=np.float64)
            z = (display_scale(self.surface, f, self._fmin) - lo) / (hi - lo) * height
            z = np.clip(np.nan_to_num(z, nan=height, posinf=height, neginf=0.0), -height, 2 * height)
            pos = np.column_stack([path, z + 0.01 * height])
            line.setData(pos=pos)
