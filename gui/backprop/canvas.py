"""A square canvas to draw a digit on with the mouse, for the real network to read.

Left button draws, right button erases, `clear()` wipes it. The ink lives in a
greyscale `QImage` of `SIDE`×`SIDE` pixels (ten times MNIST's 28, so a stroke has
anti-aliased edges like a scanned pen stroke); the widget shows it scaled to its own size.

While the learner draws, `changed` carries the canvas as a float64 array in [0, 1]
(1 = ink), at most once per `INTERVAL_MS`: a mouse reports moves far faster than a
screen redraws, and each emission makes the page re-trace the network and redraw. The
throttle is a single-shot timer started by the first move after an emission, so no timer
runs while the learner does nothing; a release emits at once (the last stroke's end is
never dropped).
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import on_language_change, translate

SIDE = 280
BRUSH = 22.0  # pen width in canvas pixels: after preprocessing, ~2 of MNIST's 28 pixels
INTERVAL_MS = 16  # one redraw at 60 Hz


class DrawingCanvas(QtWidgets.QWidget):
    """Draw with the left button, erase with the right; `changed(np.ndarray)` while drawing."""

    changed = QtCore.Signal(object)  # (SIDE, SIDE) float64 in [0, 1]

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawing_canvas")
        self.setMinimumSize(120, 120)
        policy = QtWidgets.QSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                                       QtWidgets.QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setCursor(QtCore.Qt.CursorShape.CrossCursor)
        self.retranslate()
        on_language_change(self, self.retranslate)
        self.image = QtGui.QImage(SIDE, SIDE, QtGui.QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self._last: QtCore.QPointF | None = None
        self._ink = True
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._emit)

    def retranslate(self) -> None:
        self.setToolTip(translate("BackpropCanvas", "Draw a digit with the left mouse button; the right button erases"))

    # -- public ----------------------------------------------------------------------
    def array(self) -> np.ndarray:
        """The canvas as float64 (SIDE, SIDE) in [0, 1], 1 = ink (a copy)."""
        ptr = self.image.constBits()
        rows = np.frombuffer(ptr, np.uint8).reshape(SIDE, self.image.bytesPerLine())
        return rows[:, :SIDE].astype(np.float64) / 255.0

    def is_blank(self) -> bool:
        return not self.array().any()

    def clear(self) -> None:
        """Wipe the canvas and say so (`changed` with a blank array)."""
        self.image.fill(0)
        self.update()
        self._emit()

    def set_array(self, canvas: np.ndarray) -> None:
        """Show `canvas` ((SIDE, SIDE) in [0, 1]); for scripts and tests, emits `changed`."""
        values = np.clip(np.asarray(canvas, np.float64), 0.0, 1.0)
        if values.shape != (SIDE, SIDE):
            raise ValueError(f"canvas must be {SIDE}×{SIDE}, got {values.shape}")
        grey = np.ascontiguousarray(np.round(values * 255.0).astype(np.uint8))
        self.image = QtGui.QImage(grey.data, SIDE, SIDE, SIDE,
                                  QtGui.QImage.Format.Format_Grayscale8).copy()
        self.update()
        self._emit()

    def stop(self) -> None:
        """Drop a pending emission (on close)."""
        self._timer.stop()

    # -- Qt --------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return width

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt override
        return QtCore.QSize(240, 240)

    def _square(self) -> QtCore.QRectF:
        """Where the canvas is drawn: the largest square, centred across, at the top
        (space left below stays below, not split around the canvas)."""
        side = float(min(self.width(), self.height()))
        return QtCore.QRectF((self.width() - side) / 2, 0.0, side, side)

    def _to_canvas(self, pos: QtCore.QPointF) -> QtCore.QPointF:
        sq = self._square()
        k = SIDE / max(sq.width(), 1.0)
        return QtCore.QPointF((pos.x() - sq.x()) * k, (pos.y() - sq.y()) * k)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
        sq = self._square()
        painter.drawImage(sq, self.image)
        painter.setPen(QtGui.QPen(self.palette().color(QtGui.QPalette.ColorRole.Mid), 1))
        painter.drawRect(sq.adjusted(0, 0, -1, -1))
        # MNIST's 20×20 box inside its 28×28 field: where a digit ends up (a faint guide).
        guide = QtGui.QColor(90, 90, 90)
        painter.setPen(QtGui.QPen(guide, 1, QtCore.Qt.PenStyle.DotLine))
        m = sq.width() * 4 / 28
        painter.drawRect(sq.adjusted(m, m, -m, -m))
        painter.end()

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt override
        button = event.button()
        if button not in (QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton):
            return super().mousePressEvent(event)
        self._ink = button == QtCore.Qt.MouseButton.LeftButton
        self._last = self._to_canvas(event.position())
        self._stroke(self._last, self._last)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._last is None:
            return
        point = self._to_canvas(event.position())
        self._stroke(self._last, point)
        self._last = point

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._last is None:
            return
        point = self._to_canvas(event.position())
        self._stroke(self._last, point, throttle=False)
        self._last = None

    def _stroke(self, a: QtCore.QPointF, b: QtCore.QPointF, throttle: bool = True) -> None:
        painter = QtGui.QPainter(self.image)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        colour = QtGui.QColor(255, 255, 255) if self._ink else QtGui.QColor(0, 0, 0)
        # The eraser is wider: rubbing out a stroke should not take several passes.
        width = BRUSH if self._ink else 2.0 * BRUSH
        painter.setPen(QtGui.QPen(colour, width, QtCore.Qt.PenStyle.SolidLine,
                                  QtCore.Qt.PenCapStyle.RoundCap, QtCore.Qt.PenJoinStyle.RoundJoin))
        painter.drawLine(a, b)
        painter.end()
        self.update()
        if not throttle:
            self._emit()
        elif not self._timer.isActive():
            self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.array())
