"""A row per optimizer at the chosen step: loss, |∇f|, θ and the optimizer's state.

The state columns show every field of the core's NamedTuple state (velocity, m, v,
sum_sq, ...) as recorded with the frame that ended at or before the chosen step;
when that is an earlier step the column says which.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.history import RaceHistory

COLUMNS = ["optimizer", "step", "loss f(θ)", "|∇f|", "θ = (x, y)", "state"]


def _fmt(v: Any) -> str:
    if isinstance(v, np.ndarray):
        flat = v.reshape(-1)
        if flat.size == 2:
            return f"({flat[0]:.4g}, {flat[1]:.4g})"
        return "[" + ", ".join(f"{x:.4g}" for x in flat[:4]) + ("…]" if flat.size > 4 else "]")
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _swatch(color: str) -> QtGui.QIcon:
    """A colour chip with a dark border, so the white racer shows on a white table."""
    pix = QtGui.QPixmap(12, 12)
    pix.fill(QtGui.QColor(color))
    painter = QtGui.QPainter(pix)
    painter.setPen(QtGui.QColor("#333"))
    painter.drawRect(0, 0, 11, 11)
    painter.end()
    return QtGui.QIcon(pix)


class RaceTable(QtWidgets.QTableWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        # Sized to show every row; long state text is elided rather than scrolled.
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        # Fixed widths sized for typical numbers (not ResizeToContents: re-measuring
        # every column on every update made each table refresh cost milliseconds).
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._set_widths()
        self.entries: list[OptimizerEntry] = []

    def set_racers(self, entries: list[OptimizerEntry]) -> None:
        self.entries = list(entries)
        self.setRowCount(len(entries))
        for row, e in enumerate(entries):
            for col in range(len(COLUMNS)):
                item = QtWidgets.QTableWidgetItem("")
                self.setItem(row, col, item)
            name = self.item(row, 0)
            name.setText(e.label)
            name.setIcon(_swatch(e.color))
        self.fit_height()

    def _set_widths(self) -> None:
        em = self.fontMetrics().averageCharWidth()
        for c, chars in enumerate((16, 6, 13, 9, 21)):
            self.setColumnWidth(c, chars * em + 12)

    def fit_height(self) -> None:
        """Show every row without a scroll bar (called again when fonts change)."""
        self._set_widths()
        self.resizeRowsToContents()
        self.setFixedHeight(self._height())

    def _height(self) -> int:
        self.horizontalHeader().setMinimumHeight(self.horizontalHeader().sizeHint().height())
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        return rows + self.horizontalHeader().height() + 2 * self.frameWidth() + 2

    def cell(self, row: int, col: int) -> str:
        return self.item(row, col).text()

    def redraw(self, history: RaceHistory | None, cursor: int) -> None:
        if history is None or history.n == 0:
            return
        r = history.index_of(cursor)
        step = int(history.steps[r])
        recorded = history.state_at(step)
        for i in range(min(self.rowCount(), history.m)):
            diverged = history.diverged[i]
            if diverged is not None and step >= diverged:
                values = [str(step), f"diverged ({diverged})", "—", "—", f"diverged at step {diverged}"]
            else:
                p = history.points[r, i]
                g = history.grads[r, i]
                state = "—"
                if recorded is not None:
                    at, states = recorded
                    fields = {k: v for k, v in states[i].items() if k != "step"}
                    state = "   ".join(f"{k} = {_fmt(v)}" for k, v in fields.items()) or "(none)"
                    if at != step:
                        state += f"   (at step {at})"
                values = [str(step), f"{history.losses[r, i]:.6g}",
                          f"{math.hypot(g[0], g[1]):.4g}", f"({p[0]:.4g}, {p[1]:.4g})", state]
            for col, text in enumerate(values, start=1):
                self.item(i, col).setText(text)
