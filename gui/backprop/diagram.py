"""The small network drawn as a diagram: units as circles, weights as lines.

Columns are the layers 0..L (the inputs on the left, the logits on the right). A unit is
coloured by its value for the shown sample (blue positive, red negative, as strong as
|value| against the largest in its layer) and carries the value inside; an edge from
unit k of layer l−1 to unit j of layer l is as wide as |W_jk⁽ˡ⁾| (against the largest
|w| of the network) and blue for w > 0, red for w < 0. During the backward phases an
arrow beside each unit shows its nudge −∂C/∂a: up when raising the value lowers the
cost, its length on one scale for the whole network (the longest arrow is the largest
|∂C/∂a|).

Everything drawn is read from a core `Trace`; nothing here computes the network's math.
Hovering a unit or an edge shows its numbers (`unit_tooltip`, `edge_tooltip`); clicking
one emits `unit_clicked(layer, j)` or `edge_clicked(layer, j, k)`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.style import BACKGROUND, FOREGROUND, MUTED

POSITIVE = QtGui.QColor("#4c8dff")  # blue: w > 0, value > 0
NEGATIVE = QtGui.QColor("#ff5a5a")  # red: w < 0, value < 0
HIGHLIGHT = QtGui.QColor("#ffd54a")  # what the current phase computes
SELECTED = QtGui.QColor("#ffffff")
NUDGE = QtGui.QColor("#5ee07a")

RADIUS = 29.0  # scene units; the view scales the whole scene to fit
LAYER_DX = 165.0
UNIT_DY = 72.0
MAX_EDGE_WIDTH = 7.0
MIN_EDGE_WIDTH = 0.8
NUDGE_MAX = 30.0  # the longest nudge arrow, scene units
EDGE_PICK_WIDTH = 10.0  # an edge is clickable this wide, however thin it is drawn


@dataclass(frozen=True)
class Highlight:
    """What the current phase computes: whole layers of units, and layers of edges
    (edges "of layer l" are W⁽ˡ⁾'s, between layers l−1 and l)."""

    unit_layers: tuple[int, ...] = ()
    edge_layers: tuple[int, ...] = ()


@dataclass
class Picture:
    """The numbers one drawing shows, read from a trace by the page."""

    values: list[list[float]] | None  # per layer 0..L, per unit; None: no sample shown
    weights: list[Any]  # per layer 1..L, (n_l, n_(l−1)) arrays
    nudges: list[list[float] | None] | None = None  # −∂C/∂a per layer 0..L; None: not shown
    unit_tips: dict[tuple[int, int], str] = field(default_factory=dict)
    edge_tips: dict[tuple[int, int, int], str] = field(default_factory=dict)
    highlight: Highlight = Highlight()
    selected: tuple[int, ...] | None = None  # (layer, j) or (layer, j, k)
    output_notes: list[str] | None = None  # beside each output unit ("p = 0.62")


def _mix(colour: QtGui.QColor, t: float) -> QtGui.QColor:
    """`colour` at strength t ∈ [0, 1] over the background."""
    bg = QtGui.QColor(BACKGROUND)
    t = min(max(t, 0.0), 1.0)
    return QtGui.QColor(round(bg.red() + (colour.red() - bg.red()) * t),
                        round(bg.green() + (colour.green() - bg.green()) * t),
                        round(bg.blue() + (colour.blue() - bg.blue()) * t))


def number(v: float) -> str:
    """A unit's value in its circle: 3 significant digits, a true minus sign."""
    if not math.isfinite(v):
        return str(v)
    text = f"{v:.3g}" if abs(v) >= 1e-3 or v == 0 else f"{v:.1e}"
    return text.replace("-", "−")


class UnitItem(QtWidgets.QGraphicsEllipseItem):
    def __init__(self, layer: int, j: int, centre: QtCore.QPointF) -> None:
        super().__init__(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.layer, self.j = layer, j
        self.setPos(centre)
        self.setZValue(2)
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.text = QtWidgets.QGraphicsSimpleTextItem(self)
        font = QtGui.QFont()
        font.setPixelSize(17)
        self.text.setFont(font)
        self.text.setBrush(QtGui.QBrush(QtGui.QColor(FOREGROUND)))
        self.ring = QtWidgets.QGraphicsEllipseItem(-RADIUS - 6, -RADIUS - 6, 2 * RADIUS + 12,
                                                   2 * RADIUS + 12, self)
        pen = QtGui.QPen(SELECTED, 2.5, QtCore.Qt.PenStyle.DashLine)
        self.ring.setPen(pen)
        self.ring.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        self.ring.setVisible(False)
        self.note = QtWidgets.QGraphicsSimpleTextItem(self)
        self.note.setFont(font)
        self.note.setBrush(QtGui.QBrush(QtGui.QColor(FOREGROUND)))
        self.note.setPos(RADIUS + 34, -10)
        self.arrow = QtWidgets.QGraphicsPathItem(self)
        self.arrow.setPen(QtGui.QPen(NUDGE, 3.0))
        self.arrow.setBrush(QtGui.QBrush(NUDGE))
        self.arrow.setZValue(3)

    def set_value(self, value: float | None, strength: float) -> None:
        if value is None:
            self.setBrush(QtGui.QBrush(_mix(QtGui.QColor(MUTED), 0.35)))
            self.text.setText("")
            return
        colour = POSITIVE if value >= 0 else NEGATIVE
        self.setBrush(QtGui.QBrush(_mix(colour, 0.15 + 0.85 * strength)))
        self.text.setText(number(value))
        box = self.text.boundingRect()
        room = 2 * RADIUS - 8
        k = min(1.0, room / box.width()) if box.width() > 0 else 1.0  # "−0.407" stays inside
        self.text.setScale(k)
        self.text.setPos(-k * box.width() / 2, -k * box.height() / 2)

    def set_state(self, highlighted: bool, selected: bool) -> None:
        if highlighted:
            self.setPen(QtGui.QPen(HIGHLIGHT, 5.0))
        else:
            self.setPen(QtGui.QPen(QtGui.QColor(MUTED), 1.5))
        self.ring.setVisible(selected)

    def set_nudge(self, length: float | None) -> None:
        """An arrow right of the circle, `length` scene units up (> 0) or down (< 0)."""
        if length is None:
            self.arrow.setVisible(False)
            return
        self.arrow.setVisible(True)
        x = RADIUS + 17
        path = QtGui.QPainterPath()
        if abs(length) < 0.5:  # a dot: this unit barely matters for the cost
            path.addEllipse(QtCore.QPointF(x, 0), 2.5, 2.5)
        else:
            head = min(9.0, abs(length))
            sign = -1.0 if length > 0 else 1.0  # scene y grows downwards
            tip = QtCore.QPointF(x, sign * abs(length))
            path.moveTo(x, 0)
            path.lineTo(tip)
            path.moveTo(tip)
            path.lineTo(x - 6, tip.y() - sign * head)
            path.lineTo(x + 6, tip.y() - sign * head)
            path.closeSubpath()
        self.arrow.setPath(path)


class EdgeItem(QtWidgets.QGraphicsPathItem):
    """W⁽ˡ⁾_jk: from unit k of layer l−1 to unit j of layer l."""

    def __init__(self, layer: int, j: int, k: int, start: QtCore.QPointF, end: QtCore.QPointF) -> None:
        super().__init__()
        self.layer, self.j, self.k = layer, j, k
        path = QtGui.QPainterPath(start)
        path.lineTo(end)
        self.setPath(path)
        self.setZValue(1)
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.selected = False
        stroker = QtGui.QPainterPathStroker()
        stroker.setWidth(EDGE_PICK_WIDTH)
        self._pick = stroker.createStroke(path)

    def shape(self) -> QtGui.QPainterPath:  # noqa: D102 - Qt override: a wide target for clicks
        return self._pick

    def midpoint(self) -> QtCore.QPointF:
        return self.path().pointAtPercent(0.5)

    def set_weight(self, w: float, largest: float, highlighted: bool, dimmed: bool,
                   selected: bool) -> None:
        width = MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * (abs(w) / largest if largest > 0 else 0)
        colour = QtGui.QColor(POSITIVE if w >= 0 else NEGATIVE)
        if selected:
            colour = SELECTED
            width = max(width, 3.0)
        elif highlighted:
            colour = colour.lighter(130)
        self.setPen(QtGui.QPen(colour, width))
        self.setOpacity(1.0 if selected or highlighted else 0.3 if dimmed else 0.8)
        self.setZValue(1.5 if selected or highlighted else 1)


class NetworkDiagram(QtWidgets.QGraphicsView):
    """The network's units and weights; `show(picture)` draws one state of it."""

    unit_clicked = QtCore.Signal(int, int)
    edge_clicked = QtCore.Signal(int, int, int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        self.setBackgroundBrush(QtGui.QBrush(QtGui.QColor(BACKGROUND)))
        self.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # keep the arrow keys for stepping
        self.setMinimumSize(320, 200)
        self.setMouseTracking(True)
        self.sizes: tuple[int, ...] = ()
        self.units: dict[tuple[int, int], UnitItem] = {}
        self.edges: dict[tuple[int, int, int], EdgeItem] = {}
        self.captions: list[QtWidgets.QGraphicsSimpleTextItem] = []
        on_language_change(self, self.retranslate)

    # -- building ----------------------------------------------------------------------------
    def set_sizes(self, sizes: Sequence[int]) -> None:
        """Rebuild the items for layer widths (n0, ..., nL)."""
        self.sizes = tuple(int(n) for n in sizes)
        scene = self.scene()
        scene.clear()
        self.units, self.edges, self.captions = {}, {}, []
        tallest = max(self.sizes)
        centres: dict[tuple[int, int], QtCore.QPointF] = {}
        for layer, n in enumerate(self.sizes):
            top = -(n - 1) * UNIT_DY / 2
            for j in range(n):
                centres[layer, j] = QtCore.QPointF(layer * LAYER_DX, top + j * UNIT_DY)
        for layer in range(1, len(self.sizes)):
            for j in range(self.sizes[layer]):
                for k in range(self.sizes[layer - 1]):
                    edge = EdgeItem(layer, j, k, centres[layer - 1, k], centres[layer, j])
                    scene.addItem(edge)
                    self.edges[layer, j, k] = edge
        for (layer, j), centre in centres.items():
            unit = UnitItem(layer, j, centre)
            scene.addItem(unit)
            self.units[layer, j] = unit
        font = QtGui.QFont()
        font.setPixelSize(15)
        self._caption_y = (tallest - 1) * UNIT_DY / 2 + RADIUS + 18
        for _layer in range(len(self.sizes)):
            caption = scene.addSimpleText("", font)
            caption.setBrush(QtGui.QBrush(QtGui.QColor(MUTED)))
            self.captions.append(caption)
        self.retranslate()
        # Room for the nudge arrows above/below and the output notes at the right.
        rect = scene.itemsBoundingRect()
        rect = rect.united(QtCore.QRectF(rect.left(), rect.top() - NUDGE_MAX + RADIUS,
                                         rect.width() + 150, rect.height() + 2 * NUDGE_MAX - RADIUS))
        scene.setSceneRect(rect.adjusted(-24, -16, 24, 8))
        self._fit()

    def caption(self, layer: int) -> str:
        """The name under a layer's column: "inputs x = a⁽⁰⁾", "hidden a⁽¹⁾", "logits z⁽²⁾"."""
        if layer == 0:
            return translate("BackpropDiagram", "inputs x = a⁽⁰⁾")
        mark = f"⁽{_sup(layer)}⁾"
        if layer == len(self.sizes) - 1:
            return translate("BackpropDiagram", "logits z{mark}").format(mark=mark)
        return translate("BackpropDiagram", "hidden a{mark}").format(mark=mark)

    def retranslate(self) -> None:
        """The layers' names in the language in use, centred under their columns."""
        for layer, caption in enumerate(self.captions):
            caption.setText(self.caption(layer))
            caption.setPos(layer * LAYER_DX - caption.boundingRect().width() / 2, self._caption_y)

    # -- drawing -----------------------------------------------------------------------------
    def show_picture(self, picture: Picture) -> None:
        """Colour, size and label every item from `picture` (one sample's numbers)."""
        hl = picture.highlight
        for (layer, j), unit in self.units.items():
            if picture.values is None:
                unit.set_value(None, 0.0)
            else:
                row = picture.values[layer]
                largest = max((abs(v) for v in row), default=0.0)
                v = row[j]
                unit.set_value(v, abs(v) / largest if largest > 0 else 0.0)
            unit.set_state(layer in hl.unit_layers, picture.selected == (layer, j))
            unit.setToolTip(picture.unit_tips.get((layer, j), ""))
            last = len(self.sizes) - 1
            unit.note.setText(picture.output_notes[j] if layer == last and picture.output_notes else "")
        largest_w = max((float(abs(w).max()) for w in picture.weights), default=0.0)
        for (layer, j, k), edge in self.edges.items():
            edge.set_weight(float(picture.weights[layer - 1][j, k]), largest_w,
                            highlighted=layer in hl.edge_layers,
                            dimmed=bool(hl.edge_layers) and layer not in hl.edge_layers,
                            selected=picture.selected == (layer, j, k))
            edge.setToolTip(picture.edge_tips.get((layer, j, k), ""))
        self.nudge_scale = 0.0
        if picture.nudges is None:
            for unit in self.units.values():
                unit.set_nudge(None)
        else:
            rows = [row for row in picture.nudges if row is not None]
            self.nudge_scale = max((abs(v) for row in rows for v in row), default=0.0)
            for (layer, j), unit in self.units.items():
                row = picture.nudges[layer]
                if row is None:  # the backward pass has not reached this layer yet
                    unit.set_nudge(None)
                    continue
                unit.set_nudge(NUDGE_MAX * row[j] / self.nudge_scale if self.nudge_scale > 0 else 0.0)

    # -- geometry and clicks -----------------------------------------------------------------
    def _fit(self) -> None:
        if not self.scene().sceneRect().isEmpty():
            self.fitInView(self.scene().sceneRect(), QtCore.Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit()

    def item_at(self, pos: QtCore.QPoint) -> UnitItem | EdgeItem | None:
        """The unit (first) or edge under a view position."""
        found = [i for i in self.items(pos) if isinstance(i, (UnitItem, EdgeItem))]
        for item in self.items(pos):
            parent = item.parentItem()
            if isinstance(parent, UnitItem):
                found.insert(0, parent)
        units = [i for i in found if isinstance(i, UnitItem)]
        return units[0] if units else (found[0] if found else None)

    def view_pos(self, key: tuple[int, ...]) -> QtCore.QPoint:
        """A point of the view where a click selects the unit (layer, j) or the edge
        (layer, j, k): the unit's centre; for an edge, the point nearest its middle that
        no crossing edge or unit covers (two edges can share their midpoint)."""
        if len(key) == 2:
            return self.mapFromScene(self.units[key].pos())
        edge = self.edges[key]
        for t in (0.5, 0.42, 0.58, 0.35, 0.65, 0.28, 0.72):
            pos = self.mapFromScene(edge.path().pointAtPercent(t))
            if self.item_at(pos) is edge:
                return pos
        return self.mapFromScene(edge.midpoint())

    def unit_radius_px(self) -> float:
        """A unit circle's radius on screen now (how large the drawing is)."""
        return self.transform().m11() * RADIUS

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt override
        item = self.item_at(event.position().toPoint())
        if event.button() == QtCore.Qt.MouseButton.LeftButton and item is not None:
            if isinstance(item, UnitItem):
                self.unit_clicked.emit(item.layer, item.j)
            else:
                self.edge_clicked.emit(item.layer, item.j, item.k)
            event.accept()
            return
        super().mousePressEvent(event)


_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _sup(n: int) -> str:
    return str(n).translate(_SUP)
