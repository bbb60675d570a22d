"""A grid of test digits with the network's predicted labels; mistakes framed in red.

One RGB mosaic in one `ImageItem` (built once, `setImage` on each update) and one
`TextItem` per tile for the predicted label, so a redraw is a handful of `setData` calls,
not a new scene. Tiles are 28x28 pixels with a 4-pixel frame: the frame is light grey for a
correct prediction and red for a mistake, so mistakes stand out at any zoom.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

TILE = 28
PAD = 4
CELL = TILE + PAD
RIGHT = (70, 190, 90)
WRONG = (230, 50, 50)
FRAME = (215, 215, 215)
LABEL_PIXELS = (8, 12)  # the predicted label's font size: smallest, largest (pixels)
LABEL_SHARE = 0.35  # of the tile's drawn width


def mosaic_shape(count: int, columns: int) -> tuple[int, int]:
    """(rows, columns) of tiles for `count` digits."""
    rows = max(1, -(-count // columns))
    return rows, columns


class DigitGrid(pg.PlotItem):
    """A titled plot (axes hidden) of `count` digits in `columns` columns:
    `set_digits(images (n, 28, 28) uint8, true (n,), predicted (n,) or None)`."""

    def __init__(self, count: int = 40, columns: int = 8, title: str = "Test digits") -> None:
        super().__init__(title=title)
        self.count, self.columns = count, columns
        self.rows, _ = mosaic_shape(count, columns)
        for axis in ("left", "bottom"):
            self.hideAxis(axis)
        self.view = self.getViewBox()
        self.view.setAspectLocked(True)
        self.view.invertY(True)
        self.view.setMouseEnabled(False, False)
        self.view.setMenuEnabled(False)
        self.hideButtons()
        # Averaged down to the pixels it is drawn on: skipping rows and columns instead
        # (at 1280x720 a 28-pixel digit is drawn ~17 pixels wide) broke strokes apart.
        self.image = pg.ImageItem(axisOrder="row-major", autoDownsample=True)
        self.view.addItem(self.image)
        height, width = self.rows * CELL + PAD, columns * CELL + PAD
        self.view.setRange(QtCore.QRectF(0, 0, width, height), padding=0.0)
        self.label_pixels = LABEL_PIXELS[1]
        self.labels: list[pg.TextItem] = []
        for i in range(count):
            r, c = divmod(i, columns)
            label = pg.TextItem("", anchor=(1, 0), fill=pg.mkBrush(255, 255, 255, 210))
            label.setFont(self._label_font())
            label.setPos(PAD + c * CELL + TILE, PAD + r * CELL)
            label.setZValue(2)
            self.view.addItem(label)
            self.labels.append(label)
        self.view.sigTransformChanged.connect(lambda *_: self._fit_labels())
        self.clear_digits()

    def _label_font(self) -> QtGui.QFont:
        font = QtGui.QFont()
        font.setPixelSize(self.label_pixels)
        font.setBold(True)
        return font

    def tile_pixels(self) -> float:
        """How many pixels wide a digit's tile is drawn now."""
        px, py = self.view.viewPixelSize()
        return TILE / max(px, py, 1e-12)

    def _fit_labels(self) -> None:
        # The label keeps to a corner of its digit: a fixed 12 px label covers half of a
        # tile drawn 25 px wide (a 1280x720 projector).
        lo, hi = LABEL_PIXELS
        pixels = int(min(hi, max(lo, round(LABEL_SHARE * self.tile_pixels()))))
        if pixels != self.label_pixels:
            self.label_pixels = pixels
            font = self._label_font()
            for label in self.labels:
                label.setFont(font)

    def clear_digits(self) -> None:
        self.image.setImage(np.full((self.rows * CELL + PAD, self.columns * CELL + PAD, 3), 255, np.uint8), levels=(0, 255))
        for label in self.labels:
            label.setText("")
            label.shown = ("", None)

    def set_digits(self, images: np.ndarray, true: np.ndarray, predicted: np.ndarray | None) -> None:
        n = min(self.count, len(images))
        canvas = np.full((self.rows * CELL + PAD, self.columns * CELL + PAD, 3), 255, np.uint8)
        wrong = np.zeros(n, bool) if predicted is None else np.asarray(predicted[:n]) != np.asarray(true[:n])
        # Frames first, mistakes' red frames over them (neighbouring frames share their
        # edges), then the digits inside.
        order = sorted(range(n), key=lambda i: wrong[i])
        for i in order:
            r, c = divmod(i, self.columns)
            top, left = r * CELL, c * CELL
            canvas[top : top + CELL + PAD, left : left + CELL + PAD] = WRONG if wrong[i] else FRAME
        for i in range(n):
            r, c = divmod(i, self.columns)
            top, left = r * CELL, c * CELL
            # MNIST is white ink on black; show dark ink on white, as on paper.
            canvas[top + PAD : top + PAD + TILE, left + PAD : left + PAD + TILE] = (
                255 - np.asarray(images[i], np.uint8)
            )[:, :, None]
        self.image.setImage(canvas, levels=(0, 255))
        for i, label in enumerate(self.labels):
            if i >= n or predicted is None:
                shown = ("", None)
            else:
                shown = (str(int(predicted[i])), WRONG if wrong[i] else RIGHT)
            if shown != getattr(label, "shown", None):  # setText re-lays out: skip if same
                label.shown = shown
                label.setText(shown[0], color=shown[1] or RIGHT)
