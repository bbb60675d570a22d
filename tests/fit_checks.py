"""What is cut or sticks out on screen, for the tests that fit a tab into 1280×720 in
presenter mode (both languages). Each function returns one line per problem found."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gradlab.gui.plotting.title import FittedTitle


def cut_in_scroll(scroll: QtWidgets.QScrollArea) -> list[str]:
    """Controls of a settings column that reach past its right edge, or labels and buttons
    that show less than their text (a wrapping label wraps instead)."""
    room = scroll.viewport().width()
    cut = []
    for w in scroll.widget().findChildren(QtWidgets.QWidget):
        if not w.isVisible():
            continue
        right = w.mapTo(scroll.viewport(), QtCore.QPoint(w.width(), 0)).x()
        if right > room + 1:
            cut.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}: right edge {right} > {room}")
        wraps = isinstance(w, QtWidgets.QLabel) and w.wordWrap()
        if isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)) and not wraps:
            if w.width() < w.sizeHint().width():
                cut.append(f"{type(w).__name__} {w.text()!r}: {w.width()} px < {w.sizeHint().width()} px")
    return cut


def outside_view(view: pg.GraphicsView, axis_labels: bool = True) -> list[str]:
    """Plots and legends (and their entries) that stick out of the view's visible area,
    plot titles cut short, and (`axis_labels`) axis labels outside the view or longer
    than their plot."""
    bounds = view.mapToScene(view.viewport().rect()).boundingRect().adjusted(-1, -1, 1, 1)
    out = []
    for item in view.scene().items():
        if not item.isVisible():
            continue
        if isinstance(item, (pg.PlotItem, pg.LegendItem)) and not bounds.contains(item.sceneBoundingRect()):
            out.append(f"{type(item).__name__} {item.sceneBoundingRect()} outside {bounds}")
        if isinstance(item, pg.LegendItem):
            out += [f"legend entry {label.text!r}" for _, label in item.items
                    if not bounds.contains(label.sceneBoundingRect())]
        if axis_labels and isinstance(item, pg.AxisItem) and item.label.isVisible():
            if not bounds.contains(item.label.sceneBoundingRect()):
                out.append(f"axis label {item.labelText!r} outside")
            plot = item.parentItem().sceneBoundingRect() if item.parentItem() is not None else bounds
            room = plot.width() if item.orientation in ("top", "bottom") else plot.height()
            if item.label.boundingRect().width() > room:
                out.append(f"axis label {item.labelText!r} longer than its plot ({room:.0f} px)")
        if isinstance(item, FittedTitle) and item.shown != item.text:
            out.append(f"title cut: {item.shown!r} of {item.text!r}")
    return out
