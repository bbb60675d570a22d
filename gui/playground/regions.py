"""The plane: decision regions under the data points; a click adds a point.

`RegionsView` shows what the core computed: `Session.regions()` (class probabilities
over the grid, coloured by `colours.regions_rgb`) or one hidden unit's map while the
diagram is hovered. Training points are filled, test points hollow (when shown).
A left click on a point shown (within `HIT_PX` of its centre) asks to trace it in the
Backpropagation tab (`trace_requested(x, y, label)`, the point's own coordinates); a left
click elsewhere asks for a point of the chosen class (`add_requested(x, y)`); right
click, or Shift+click, asks to remove the nearest (`remove_requested(x, y)`): the tab
owns the data and decides.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.gui.playground.colours import class_colour, regions_rgb, unit_rgb
from gradlab.gui.plotting.axes import tidy_axes

BOUNDS = (-6.0, 6.0, -6.0, 6.0)
HIT_PX = 3.0  # a click this many pixels beyond a point's rim still lands on the point


class RegionsView(pg.PlotWidget):
    """One plane. `title` names it (compare mode labels each setting). `square`: one unit
    as long across as up (the single plane); False fills the cell with the data bounds
    (compare mode's tall cells, where a square plane showed y from −15 to 15)."""

    add_requested = QtCore.Signal(float, float)
    remove_requested = QtCore.Signal(float, float)
    trace_requested = QtCore.Signal(float, float, int)

    def __init__(self, title: str = "", point_size: float = 7.0, parent=None, *,
                 square: bool = True) -> None:
        super().__init__(parent, axisItems=tidy_axes("left", "bottom"))
        self.setBackground("w")
        self.point_size = point_size
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        vb = item.getViewBox()
        vb.setMouseEnabled(False, False)
        vb.setAspectLocked(square)
        x0, x1, y0, y1 = BOUNDS
        if not square:  # the view never leaves the data's bounds, whatever the cell's shape
            vb.setLimits(xMin=x0, xMax=x1, yMin=y0, yMax=y1)
        vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        vb.disableAutoRange()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTextPen("#444")
            axis.setPen("#888")
            # The axes never change while the regions do: painted once into a pixmap,
            # not again on every frame (they were most of a frame's painting).
            axis.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.rect = QtCore.QRectF(x0, y0, x1 - x0, y1 - y0)
        item.addItem(self.image)
        self.train = pg.ScatterPlotItem(pxMode=True)
        self.test = pg.ScatterPlotItem(pxMode=True)
        item.addItem(self.test)
        item.addItem(self.train)
        self.setTitle(title)
        self.probs: np.ndarray | None = None
        self.discretise = False
        self.showing_unit: str | None = None  # the hovered unit's name while its map is shown
        self.shown_X = np.empty((0, 2))  # the points drawn (training, then test when shown)
        self.shown_y = np.empty(0, dtype=np.int64)
        self.scene().sigMouseClicked.connect(self._clicked)

    def setTitle(self, title: str) -> None:  # noqa: N802 - PlotWidget's own name
        self.getPlotItem().setTitle(title, color="#222" if title else None)

    # -- what is shown ----------------------------------------------------------------
    def set_regions(self, probs: np.ndarray | None, discretise: bool | None = None) -> None:
        """Class probabilities `(n, n, C)` from the core, rows along y (bottom first)."""
        if discretise is not None:
            self.discretise = discretise
        self.probs = probs
        if self.showing_unit is None:
            self._paint_regions()

    def _paint_regions(self) -> None:
        if self.probs is None:
            self.image.clear()
            return
        self.image.setImage(regions_rgb(self.probs, self.discretise), autoLevels=False, levels=(0, 255),
                            rect=self.rect)

    def show_unit(self, name: str | None, values: np.ndarray | None = None) -> None:
        """A hidden unit's output over the plane, large (hover on the diagram); None
        goes back to the regions."""
        self.showing_unit = name
        if name is None or values is None:
            self.showing_unit = None
            self._paint_regions()
            return
        self.image.setImage(unit_rgb(values), autoLevels=False, levels=(0, 255), rect=self.rect)

    def set_points(self, X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray | None = None,
                   y_test: np.ndarray | None = None, show_test: bool = False) -> None:
        """Training points filled, test points hollow (only when `show_test`)."""
        X_train = np.asarray(X_train, dtype=np.float64).reshape(-1, 2)
        self.shown_X, self.shown_y = X_train, np.asarray(y_train, dtype=np.int64).reshape(-1)
        brushes = [pg.mkBrush(*class_colour(k)) for k in range(4)]
        self.train.setData(X_train[:, 0], X_train[:, 1], size=self.point_size,
                           pen=pg.mkPen("w", width=1), brush=[brushes[int(k) % 4] for k in y_train])
        if show_test and X_test is not None and len(X_test):
            X_test = np.asarray(X_test, dtype=np.float64).reshape(-1, 2)
            pens = [pg.mkPen(*class_colour(k), width=2) for k in range(4)]
            self.test.setData(X_test[:, 0], X_test[:, 1], size=self.point_size,
                              brush=pg.mkBrush(255, 255, 255, 200), pen=[pens[int(k) % 4] for k in y_test])
            self.shown_X = np.vstack([self.shown_X, X_test])
            self.shown_y = np.concatenate([self.shown_y, np.asarray(y_test, dtype=np.int64).reshape(-1)])
        else:
            self.test.setData([], [])

    # -- clicks -------------------------------------------------------------------------
    def data_to_widget(self, x: float, y: float) -> QtCore.QPoint:
        """Where the data point (x, y) is on this widget's viewport (tests click there)."""
        scene = self.getPlotItem().getViewBox().mapViewToScene(QtCore.QPointF(x, y))
        return self.mapFromScene(scene)

    def point_at(self, x: float, y: float) -> int | None:
        """The index (in `shown_X`) of the point drawn under (x, y), the nearest on
        screen, or None when the click is clear of every point."""
        if not len(self.shown_X):
            return None
        px, py = self.getPlotItem().getViewBox().viewPixelSize()  # data units per pixel
        d = np.hypot((self.shown_X[:, 0] - x) / px, (self.shown_X[:, 1] - y) / py)
        i = int(np.argmin(d))
        return i if d[i] <= self.point_size / 2 + HIT_PX else None

    def _clicked(self, event) -> None:
        vb = self.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        x, y = float(p.x()), float(p.y())
        x0, x1, y0, y1 = BOUNDS
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return
        remove = (event.button() == QtCore.Qt.MouseButton.RightButton
                  or bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier))
        if remove:
            self.remove_requested.emit(x, y)
        elif event.button() == QtCore.Qt.MouseButton.LeftButton:
            i = self.point_at(x, y)
            if i is None:
                self.add_requested.emit(x, y)
            else:
                self.trace_requested.emit(float(self.shown_X[i, 0]), float(self.shown_X[i, 1]),
                                          int(self.shown_y[i]))
        event.accept()
