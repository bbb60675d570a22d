"""The loss plane in 3-D (pyqtgraph.opengl), built the first time it is shown.

The heights are the map's colour scale (loss, or log₁₀ loss when the map's is log),
stretched so the relief is half as tall as the plane is wide (every plane alike: the
line under the view, `scale`, says which losses the floor and the top are, so a sharp
minimum and a flat one are told apart by those numbers); cells not computed yet
lie on the floor in grey. The runs' paths are drawn on the surface (their heights
interpolated between grid points). A stale picture (the tab's controls ask for another
view) is drawn faded toward the background, as the 2-D map is dimmed. OpenGL is
optional (gradlab.gui.opengl): on Qt's offscreen platform, or without PyOpenGL or a GL
context, the view says why in one line and the 2-D map works.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.opengl import opengl_problem, start_failure


BACKGROUND = (30, 31, 36)  # the GL view's background (and what a dimmed picture fades to)


def dimmed(rgba: np.ndarray, opacity: float) -> np.ndarray:
    """Colours (…, 4) in 0..1 as if drawn at `opacity` over the background:
    c' = b + opacity·(c − b), alpha kept. OpenGL items have no opacity of their own, so a
    stale picture fades this way, as the 2-D map does at `opacity` over the same dark."""
    out = np.array(rgba, dtype=float, copy=True)
    background = np.array(BACKGROUND, dtype=float) / 255.0
    out[..., :3] = background + opacity * (out[..., :3] - background)
    return out


def heights_at(alphas: np.ndarray, betas: np.ndarray, z: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """z bilinearly interpolated at the points xy (k, 2) of (α, β); points off the grid
    take the nearest edge's value."""
    a = np.clip(np.interp(xy[:, 0], alphas, np.arange(len(alphas))), 0, len(alphas) - 1)
    b = np.clip(np.interp(xy[:, 1], betas, np.arange(len(betas))), 0, len(betas) - 1)
    j0 = np.minimum(np.floor(a).astype(int), len(alphas) - 2)
    i0 = np.minimum(np.floor(b).astype(int), len(betas) - 2)
    ta, tb = a - j0, b - i0
    return ((1 - tb) * ((1 - ta) * z[i0, j0] + ta * z[i0, j0 + 1])
            + tb * ((1 - ta) * z[i0 + 1, j0] + ta * z[i0 + 1, j0 + 1]))


class Surface3D(QtWidgets.QWidget):
    """`set_plane` and `set_grid` as the map's; drawn only once `activate` has built GL."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QtWidgets.QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.view: Any = None
        self.message: QtWidgets.QLabel | None = None
        self._problem: Any = None  # why there is no 3-D view, in the language in use
        self.activated = False
        self.alphas = np.zeros(0)
        self.betas = np.zeros(0)
        self.z: np.ndarray | None = None
        self.paths: dict[str, np.ndarray] = {}
        self.colours: dict[str, str] = {}
        self.marks: dict[str, tuple[float, float]] = {}
        self.mark_colours: dict[str, str] = {}
        self._items: list[Any] = []
        self.levels = (0.0, 1.0)
        self.log = False
        self.opacity = 1.0  # below 1 while the picture is stale (another view was chosen)
        # The height's scale in words: the relief is stretched to one height for any plane.
        self.scale = QtWidgets.QLabel()
        self.scale.setObjectName("LandscapeHeightScale")
        self.scale.setWordWrap(True)
        self.layout_.addWidget(self.scale)
        on_language_change(self, self.retranslate)

    def set_dimmed(self, opacity: float) -> None:
        """Draw the surface, paths, points and the height line at `opacity` (1: as they
        are): the tab dims a picture that no longer matches its controls."""
        if opacity == self.opacity:
            return
        self.opacity = opacity
        effect = None
        if opacity < 1.0:
            effect = QtWidgets.QGraphicsOpacityEffect(self.scale)
            effect.setOpacity(opacity)
        self.scale.setGraphicsEffect(effect)  # the old effect is deleted by Qt
        if self.isVisible():
            self._draw()

    def retranslate(self) -> None:
        """Why there is no 3-D view, said again in the language in use."""
        if self.message is not None and self._problem is not None:
            self.message.setText(self._unavailable(self._problem()))
        self.scale.setText(self.scale_text())

    def scale_text(self) -> str:
        """"height: loss from a (floor) to b (top), log scale", or "" before any value."""
        if self.z is None or not np.isfinite(self.z).any():
            return ""
        lo, hi = self.levels
        if self.log:
            lo, hi = 10.0 ** lo, 10.0 ** hi
            text = translate("LandscapeView3D", "height: loss from {lo} (floor) to {hi} (top), log scale")
        else:
            text = translate("LandscapeView3D", "height: loss from {lo} (floor) to {hi} (top)")
        return text.format(lo=f"{lo:.4g}", hi=f"{hi:.4g}")

    @staticmethod
    def _unavailable(problem: str) -> str:
        return translate("LandscapeView3D", "The 3-D view is unavailable: {problem}. The 2-D map "
                                            "shows the same grid.").format(problem=problem)

    @property
    def available(self) -> bool:
        return self.view is not None

    def activate(self) -> None:
        """Build the GL view on first use (importing OpenGL costs time)."""
        if self.activated:
            return
        self.activated = True
        problem = opengl_problem()
        self._problem = opengl_problem
        if problem is None:
            try:
                import pyqtgraph.opengl as gl

                self.view = gl.GLViewWidget()
                self.view.setBackgroundColor(BACKGROUND)
                self.layout_.insertWidget(0, self.view, 1)
            except Exception as exc:  # noqa: BLE001
                reason = f"{type(exc).__name__}: {exc}"
                self._problem = lambda: start_failure(reason)
                problem = self._problem()
                self.view = None
        if problem is not None:
            self.message = QtWidgets.QLabel(self._unavailable(problem))
            self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            self.message.setWordWrap(True)
            self.layout_.insertWidget(0, self.message, 1)
            return
        self._draw()

    def set_plane(self, alphas: np.ndarray, betas: np.ndarray, paths: dict[str, np.ndarray],
                  colours: dict[str, str], marks: dict[str, tuple[float, float]] | None = None,
                  mark_colours: dict[str, str] | None = None) -> None:
        """The grid's axes, the paths and the named points (θ₀, the ends) as the map has them."""
        self.alphas, self.betas = np.asarray(alphas, float), np.asarray(betas, float)
        self.paths, self.colours = dict(paths), dict(colours)
        self.marks, self.mark_colours = dict(marks or {}), dict(mark_colours or {})
        self.z = None
        self.scale.setText("")
        self._draw()

    def set_grid(self, z: np.ndarray, levels: tuple[float, float], log: bool = False) -> None:
        """`z`: the map's display values (NaN: not computed), `levels` its colour range,
        `log`: whether they are log₁₀(loss)."""
        self.z, self.levels, self.log = np.asarray(z, float), levels, log
        self.scale.setText(self.scale_text())
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        if self.view is None or self.z is None or self.z.size == 0 or len(self.alphas) < 2:
            return
        import pyqtgraph as pg
        import pyqtgraph.opengl as gl

        for item in self._items:
            self.view.removeItem(item)
        self._items = []
        lo, hi = self.levels
        width = max(self.alphas[-1] - self.alphas[0], self.betas[-1] - self.betas[0])
        height = 0.5 * width
        finite = np.isfinite(self.z)
        zz = np.where(finite, (np.clip(self.z, lo, hi) - lo) / (hi - lo) * height, 0.0)
        colors = pg.colormap.get("viridis").map((zz / height).T.ravel(), mode="float")
        colors[~finite.T.ravel()] = (0.45, 0.45, 0.45, 1.0)
        colors = dimmed(colors, self.opacity)
        surface = gl.GLSurfacePlotItem(x=self.alphas, y=self.betas, z=zz.T, colors=colors,
                                       shader=None, smooth=False, glOptions="opaque")
        self.view.addItem(surface)
        self._items.append(surface)
        if finite.all():
            for run, xy in self.paths.items():
                xy = np.asarray(xy, float).reshape(-1, 2)
                xy = xy[np.isfinite(xy).all(axis=1)]
                if len(xy) < 2:
                    continue
                h = heights_at(self.alphas, self.betas, zz, xy) + 0.01 * height
                colour = QtGui.QColor(self.colours.get(run, "#ffffff"))
                line = gl.GLLinePlotItem(pos=np.column_stack([xy, h]),
                                         color=tuple(dimmed(np.array(colour.getRgbF()), self.opacity)),
                                         width=3, antialias=True, glOptions="opaque")
                self.view.addItem(line)
                self._items.append(line)
            if self.marks:
                xy = np.array(list(self.marks.values()), dtype=float).reshape(-1, 2)
                h = heights_at(self.alphas, self.betas, zz, xy) + 0.02 * height
                colours = dimmed(np.array([QtGui.QColor(self.mark_colours.get(m, "#ffffff")).getRgbF()
                                           for m in self.marks]), self.opacity)
                dots = gl.GLScatterPlotItem(pos=np.column_stack([xy, h]), color=colours, size=12,
                                            pxMode=True, glOptions="opaque")
                self.view.addItem(dots)
                self._items.append(dots)
        ca = (self.alphas[0] + self.alphas[-1]) / 2
        cb = (self.betas[0] + self.betas[-1]) / 2
        self.view.setCameraPosition(pos=QtGui.QVector3D(ca, cb, height / 2),
                                    distance=1.6 * width, elevation=30, azimuth=-60)
