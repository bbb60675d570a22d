"""A row per optimizer at the chosen step: loss, |∇f|, θ and the optimizer's state.

The state columns show every field of the core's NamedTuple state (velocity, m, v,
sum_sq, ...) as recorded with the frame that ended at or before the chosen step;
when that is an earlier step the column starts with it ("state of step 157: …"). A
racer whose g² overflowed (its point stalls with a finite loss, see `gradlab.core.race`)
says "g² overflowed at step k" first in its state column from that step on.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.race.config import OptimizerEntry
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.words import racer_label
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate

COLUMNS = [QT_TRANSLATE_NOOP("RaceTable", "optimizer"), QT_TRANSLATE_NOOP("RaceTable", "step"),
           QT_TRANSLATE_NOOP("RaceTable", "loss f(θ)"), "|∇f|", "θ = (x, y)",
           QT_TRANSLATE_NOOP("RaceTable", "state")]
# The optimizers' state fields (core's NamedTuples) that are words, not symbols.
FIELDS = {"velocity": QT_TRANSLATE_NOOP("RaceTable", "velocity"),
          "sum_sq": QT_TRANSLATE_NOOP("RaceTable", "sum_sq"),
          "mu_product": QT_TRANSLATE_NOOP("RaceTable", "mu_product")}


def headers() -> list[str]:
    """The column titles in the language in use."""
    return [translate("RaceTable", c) for c in COLUMNS]


def _fmt(v: Any) -> str:
    if isinstance(v, np.ndarray):
        flat = v.reshape(-1)
        if flat.size == 2:
            return f"({flat[0]:.4g}, {flat[1]:.4g})"
        return "[" + ", ".join(f"{x:.4g}" for x in flat[:4]) + ("…]" if flat.size > 4 else "]")
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _field(name: str) -> str:
    """A state field's name as shown: symbols (m, v, u) as they are, words translated."""
    return translate("RaceTable", FIELDS[name]) if name in FIELDS else name


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
        self.setHorizontalHeaderLabels(headers())
        self.verticalHeader().hide()
        self.setWordWrap(False)
        # Every row shown, every column whole (`fit_columns`): a number is never elided;
        # when the columns are wider than the table's place, it scrolls sideways.
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        # Widths measured here, only growing, from the texts just set (not ResizeToContents:
        # re-measuring every column through the delegate on every update cost milliseconds).
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._last_need = 0  # the state column's widest text so far (only grows, like the others)
        self._set_widths()
        self.entries: list[OptimizerEntry] = []
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Headers and racers' names in the language in use; the numbers and states are
        written again at the next redraw."""
        self.setHorizontalHeaderLabels(headers())
        for row, e in enumerate(self.entries):
            if (item := self.item(row, 0)) is not None:
                item.setText(racer_label(e))
        self._set_widths()

    def set_racers(self, entries: list[OptimizerEntry]) -> None:
        self.entries = list(entries)
        self.setRowCount(len(entries))
        for row, e in enumerate(entries):
            for col in range(len(COLUMNS)):
                item = QtWidgets.QTableWidgetItem("")
                self.setItem(row, col, item)
            name = self.item(row, 0)
            name.setText(racer_label(e))
            name.setIcon(_swatch(e.color))
        self.fit_height()

    def _set_widths(self) -> None:
        """Widths for typical numbers (and the headers), then grown to the texts shown."""
        em = self.fontMetrics().averageCharWidth()
        for c, chars in enumerate((16, 6, 13, 9, 21, 16)):
            head = self.horizontalHeader().fontMetrics().horizontalAdvance(headers()[c]) + 2 * em
            self.setColumnWidth(c, max(chars * em + 12, head))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Grow each column to its longest text at the current font, so no value is cut."""
        fm = self.fontMetrics()
        # The delegate's margins: the focus frame's, plus one pixel, on each side.
        pad = 2 * (self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 6
        icon = self.iconSize().width() + 4 if self.rowCount() else 0
        for c in range(self.columnCount()):
            texts = [it.text() for r in range(self.rowCount()) if (it := self.item(r, c)) is not None]
            need = max((fm.horizontalAdvance(t) for t in texts), default=0) + pad + (icon if c == 0 else 0)
            if c == self.columnCount() - 1:
                # The stretched last section ignores setColumnWidth: its need is kept for
                # `_height`, which must know whether the sideways scroll bar will show.
                self._last_need = max(self._last_need, need)
            if need > self.columnWidth(c):
                self.setColumnWidth(c, need)
        self._fit_scroll_bar()

    def _fit_scroll_bar(self) -> None:
        """Room for the sideways scroll bar below the rows, while it is shown."""
        if self.rowCount() and self.maximumHeight() == self.minimumHeight() and self.height() != self._height():
            self.setFixedHeight(self._height())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_scroll_bar()

    def fit_height(self) -> None:
        """Show every row and column without a scroll bar (called again when fonts change)."""
        self._set_widths()
        self.resizeRowsToContents()
        self.setFixedHeight(self._height())

    def _height(self) -> int:
        self.horizontalHeader().setMinimumHeight(self.horizontalHeader().sizeHint().height())
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        columns = sum(self.columnWidth(c) for c in range(self.columnCount() - 1))
        last = max(self.horizontalHeader().sectionSizeHint(self.columnCount() - 1), self._last_need)
        wide = columns + last + 2 * self.frameWidth() > self.width()
        bar = self.horizontalScrollBar().sizeHint().height() if wide else 0
        return rows + self.horizontalHeader().height() + 2 * self.frameWidth() + 2 + bar

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
                values = [str(step), translate("RaceTable", "diverged ({step})").format(step=diverged),
                          "—", "—", translate("RaceTable", "diverged at step {step}").format(step=diverged)]
            else:
                p = history.points[r, i]
                g = history.grads[r, i]
                state = "—"
                if recorded is not None:
                    at, states = recorded
                    fields = {k: v for k, v in states[i].items() if k != "step"}
                    state = "   ".join(f"{_field(k)} = {_fmt(v)}" for k, v in fields.items())
                    if not state:
                        state = translate("RaceTable", "(none)")
                    elif at != step:
                        # States are kept once per frame: this one belongs to an earlier step
                        # than the row's, and says so first so the two steps are not confused.
                        state = translate("RaceTable", "state of step {step}:   {state}").format(
                            step=at, state=state)
                overflowed = history.overflowed[i]
                if overflowed is not None and step >= overflowed:
                    # torch.optim stalls alike; the numbers stay, the table says why.
                    state = translate("RaceTable", "g² overflowed at step {step}   {state}").format(
                        step=overflowed, state=state)
                values = [str(step), f"{history.losses[r, i]:.6g}",
                          f"{math.hypot(g[0], g[1]):.4g}", f"({p[0]:.4g}, {p[1]:.4g})", state]
            for col, text in enumerate(values, start=1):
                self.item(i, col).setText(text)
        self.fit_columns()
