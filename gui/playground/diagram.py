"""The network as a diagram: inputs, hidden units with thumbnails, outputs, and edges.

Each hidden unit shows its output over the plane (`Session.unit_maps`, from the core);
each edge's width grows with |w| and its colour is w's sign (blue +, orange −).
Hovering a unit emits `unit_hovered(layer, unit)` (the tab shows its map large;
(−1, −1) on leaving); hovering an edge emits `edge_hovered(text)` with w and ∂C/∂w
and sets the edge's tooltip to it. The diagram is rebuilt when the architecture
changes (`set_architecture`) and only restyled on each frame (`set_weights`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import translate
from gradlab.gui.playground.colours import class_colour, units_rgb

THUMB = 40.0  # a hidden unit's thumbnail, in scene units (the view scales the scene)
COLUMN = 130.0
ROW = 48.0
MAX_EDGE_WIDTH = 4.0
# At most this many thumbnails are repainted per frame: a large network (6 layers of 8)
# refreshes its thumbnails in turns, each every second or third frame.
THUMBS_PER_FRAME = 24
POSITIVE = QtGui.QColor(*class_colour(1))
NEGATIVE = QtGui.QColor(*class_colour(0))


def _pen(colour: QtGui.QColor):
    colour = QtGui.QColor(colour)
    colour.setAlpha(220)
    return lambda width: QtGui.QPen(colour, width)


PENS = {True: _pen(POSITIVE), False: _pen(NEGATIVE)}  # an edge's pen by the sign of w


def _pixmap(rgb: np.ndarray) -> QtGui.QPixmap:
    """uint8 (n, n, 3), rows along y bottom first, as a pixmap (rows top first)."""
    rgb = np.ascontiguousarray(rgb[::-1])
    h, w, _ = rgb.shape
    image = QtGui.QImage(rgb.data, w, h, 3 * w, QtGui.QImage.Format.Format_RGB888)
    return QtGui.QPixmap.fromImage(image.copy())


class _Edge(QtWidgets.QGraphicsLineItem):
    """An edge that is easy to hover although it may be drawn 1 px wide."""

    def __init__(self, line: QtCore.QLineF, key: tuple[int, int, int], hovered: Callable) -> None:
        super().__init__(line)
        self.key = key  # (layer l, to unit i, from unit j): the weight W_l[i, j]
        self.look: tuple[bool, float] | None = None  # (w ≥ 0, width) last drawn
        self._shape: QtGui.QPainterPath | None = None
        self._hovered = hovered
        self.setAcceptHoverEvents(True)
        self.setZValue(0)

    def shape(self) -> QtGui.QPainterPath:
        # Built once: the line never moves, and the scene asks on every restyle.
        if self._shape is None:
            path = QtGui.QPainterPath(self.line().p1())
            path.lineTo(self.line().p2())
            stroker = QtGui.QPainterPathStroker()
            stroker.setWidth(MAX_EDGE_WIDTH + 2.0)
            self._shape = stroker.createStroke(path)
        return self._shape

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._hovered(self)
        super().hoverEnterEvent(event)


class _Unit(QtWidgets.QGraphicsRectItem):
    """A hidden unit: a framed thumbnail of its output over the plane."""

    def __init__(self, rect: QtCore.QRectF, key: tuple[int, int], hovered: Callable) -> None:
        super().__init__(rect)
        self.key = key  # (hidden layer, unit), both 0-based
        self._hovered = hovered
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.setPen(QtGui.QPen(QtGui.QColor("#555"), 1))
        self.setBrush(QtGui.QColor("white"))
        self.thumb = QtWidgets.QGraphicsPixmapItem(self)
        self.thumb.setPos(rect.topLeft())

    def set_map(self, rgb: np.ndarray) -> None:
        pix = _pixmap(rgb)
        r = self.rect()
        self.thumb.setPixmap(pix)
        self.thumb.setScale(r.width() / max(pix.width(), 1))

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.setPen(QtGui.QPen(QtGui.QColor("#000"), 2.5))
        self._hovered(self.key)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.setPen(QtGui.QPen(QtGui.QColor("#555"), 1))
        self._hovered((-1, -1))
        super().hoverLeaveEvent(event)


class NetworkDiagram(QtWidgets.QGraphicsView):
    """Inputs (feature names) → hidden units (thumbnails) → outputs (class colours)."""

    unit_hovered = QtCore.Signal(int, int)
    edge_hovered = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        # Nothing moves; the items are restyled every frame, which a BSP index would redo.
        self.scene().setItemIndexMethod(QtWidgets.QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QtGui.QColor("white"))
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(200, 150)
        self.units: list[list[_Unit]] = []
        self.edges: list[_Edge] = []
        self.sizes: list[int] = []
        self.params: list[tuple[np.ndarray, np.ndarray]] | None = None
        self.grads: list[tuple[np.ndarray, np.ndarray]] | None = None
        self.hover_text = ""
        # Called on hovering an edge: ∂C/∂W per layer for the weights shown, or None.
        self.gradient_source: Callable[[], list | None] = lambda: None
        self._font_pt = 9.0
        self._turn = 0  # which share of the thumbnails the next frame repaints

    # -- structure ------------------------------------------------------------------------
    def set_architecture(self, inputs: Sequence[str], hidden: Sequence[int], classes: int) -> None:
        """Rebuild for these input names, hidden widths and number of classes."""
        scene = self.scene()
        scene.clear()
        self.units, self.edges = [], []
        self.sizes = [len(inputs), *hidden, classes]
        tallest = max(self.sizes)
        centres: list[list[QtCore.QPointF]] = []
        for c, n in enumerate(self.sizes):
            top = (tallest - n) * ROW / 2
            centres.append([QtCore.QPointF(c * COLUMN, top + r * ROW) for r in range(n)])
        font = QtGui.QFont()
        font.setPointSizeF(self._font_pt)
        for l in range(1, len(self.sizes)):
            for i, to in enumerate(centres[l]):
                for j, frm in enumerate(centres[l - 1]):
                    edge = _Edge(QtCore.QLineF(frm, to), (l - 1, i, j), self._edge_hover)
                    edge.setPen(QtGui.QPen(QtGui.QColor("#bbb"), 1))
                    scene.addItem(edge)
                    self.edges.append(edge)
        for j, p in enumerate(centres[0]):
            box = scene.addRect(QtCore.QRectF(p.x() - THUMB / 2, p.y() - THUMB / 3, THUMB, 2 * THUMB / 3),
                                QtGui.QPen(QtGui.QColor("#555")), QtGui.QColor("#f2f2f2"))
            box.setZValue(2)
            text = scene.addSimpleText(inputs[j], font)
            text.setZValue(3)
            r = text.boundingRect()
            text.setPos(p.x() - r.width() / 2, p.y() - r.height() / 2)
        for layer, column in enumerate(centres[1:-1]):
            row = []
            for u, p in enumerate(column):
                unit = _Unit(QtCore.QRectF(p.x() - THUMB / 2, p.y() - THUMB / 2, THUMB, THUMB),
                             (layer, u), self.unit_hovered_key)
                scene.addItem(unit)
                row.append(unit)
            self.units.append(row)
        for k, p in enumerate(centres[-1]):
            dot = scene.addEllipse(QtCore.QRectF(p.x() - 11, p.y() - 11, 22, 22),
                                   QtGui.QPen(QtGui.QColor("#333")), QtGui.QColor(*class_colour(k)))
            dot.setZValue(2)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-8, -8, 8, 8))
        self._fit()

    def unit_hovered_key(self, key: tuple[int, int]) -> None:
        self.unit_hovered.emit(*key)

    # -- each frame -------------------------------------------------------------------------
    def set_weights(self, params: Sequence[tuple[np.ndarray, np.ndarray]] | None,
                    unit_maps: Sequence[np.ndarray] | None = None,
                    grads: Sequence[tuple[np.ndarray, np.ndarray]] | None = None, *,
                    in_turns: bool = False) -> None:
        """Restyle the edges from `params` [(W (out, in), b)] and the thumbnails from
        `unit_maps` (per hidden layer, (units, n, n)); `grads` (∂C/∂W, ∂C/∂b) for the hover text.
        `in_turns` (while training): at most THUMBS_PER_FRAME thumbnails this time."""
        self.params = None if params is None else list(params)
        self.grads = None if grads is None else list(grads)
        if self.params is not None and len(self.params) == len(self.sizes) - 1:
            biggest = max((float(np.nanmax(np.abs(W), initial=0.0)) for W, _ in self.params), default=1.0)
            biggest = biggest if np.isfinite(biggest) and biggest > 0 else 1.0
            for edge in self.edges:
                l, i, j = edge.key
                w = float(self.params[l][0][i, j])
                if not np.isfinite(w):
                    w = 0.0
                # Widths in quarter steps: an edge whose look did not change is left alone
                # (most of them, frame to frame), so the view repaints less.
                look = (w >= 0, round(4 * MAX_EDGE_WIDTH * abs(w) / biggest) / 4)
                if look != edge.look:
                    edge.look = look
                    edge.setPen(PENS[look[0]](0.5 + look[1]))
        if unit_maps is not None:
            units = sum(len(layer) for layer in self.units)
            shares = max(1, -(-units // THUMBS_PER_FRAME)) if in_turns else 1  # ⌈units / most⌉
            self._turn = (self._turn + 1) % shares
            k = 0
            for layer, maps in zip(self.units, unit_maps):
                for unit, rgb in zip(layer, units_rgb(maps)):
                    if k % shares == self._turn or unit.thumb.pixmap().isNull():
                        unit.set_map(rgb)
                    k += 1

    def weight_text(self, key: tuple[int, int, int]) -> str:
        """'w = …, ∂C/∂w = …' for the weight W_l[i, j] (layer l 0-based)."""
        l, i, j = key
        if self.params is None:
            return ""
        w = float(self.params[l][0][i, j])
        text = translate("PlaygroundDiagram", "layer {layer}, unit {unit} ← {source}:  w = {w}").format(
            layer=l + 1, unit=i + 1, source=j + 1, w=f"{w:.4g}")
        if self.grads is not None:
            text += translate("PlaygroundDiagram", ",  ∂C/∂w = {gradient}").format(
                gradient=f"{float(self.grads[l][0][i, j]):.3g}")
        return text

    def _edge_hover(self, edge: _Edge) -> None:
        self.grads = self.gradient_source()
        self.hover_text = self.weight_text(edge.key)
        edge.setToolTip(self.hover_text)
        self.edge_hovered.emit(self.hover_text)

    # -- size ----------------------------------------------------------------------------------
    def set_font_pt(self, pt: float) -> None:
        self._font_pt = pt

    def _fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.isValid():
            self.fitInView(rect, QtCore.Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()
