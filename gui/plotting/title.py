"""Plot titles that never widen their plot: cut short with "…" to the width they are given.

pyqtgraph makes a title's width the least its plot may have, so a long title (or
presenter mode's 1.6 times larger one) pushed the plot past its view's edge, where the
plot's right side and the title's end were cut off ("Each gradient entry: finite
difference ĝ_i against backprop g" and nothing after). `fit_titles(view)` gives every
plot in the view a `FittedTitle` instead: it takes the width the layout gives the plot,
shows as much of the title as fits, and keeps the whole in its tooltip, so a wider
window brings it back:

    fit_titles(graphics_layout_widget)   # once, after its plots are built
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gradlab.gui.plotting.fonts import label_font

DOCUMENT_MARGINS = 10  # pixels the label's HTML document adds around its text, and a little


class FittedTitle(pg.LabelItem):
    """A LabelItem asking for no width of its own; its text is cut to the width it has.
    `text` stays the whole title (what `setText` was given)."""

    def __init__(self, text: str = " ", parent=None, **opts) -> None:
        self._fitting = False
        self.shown = text
        super().__init__(text, parent=parent, **opts)

    def setText(self, text: str, **args) -> None:  # noqa: N802 - pyqtgraph's API
        super().setText(text, **args)
        if not self._fitting:
            self.shown = text
            self._fit()

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph's API
        super().updateMin()
        self.setMinimumWidth(0)  # the plot's width is the layout's to decide, not the title's
        height = self._sizeHint[QtCore.Qt.SizeHint.MinimumSize][1]
        self._sizeHint[QtCore.Qt.SizeHint.MinimumSize] = (0, height)

    def resizeEvent(self, ev) -> None:  # noqa: N802 - Qt's API
        super().resizeEvent(ev)
        self._fit()

    def _fit(self) -> None:
        if self._fitting or self.width() <= 0 or "<" in self.text:  # rich text is not cut
            return
        full = self.text
        room = max(self.width() - DOCUMENT_MARGINS, 0)
        shown = QtGui.QFontMetricsF(label_font(self)).elidedText(full, QtCore.Qt.TextElideMode.ElideRight, room)
        if shown == self.shown:
            return
        self._fitting = True
        try:
            super().setText(shown)
        finally:
            self.text, self.shown, self._fitting = full, shown, False
        self.setToolTip(full if shown != full else "")


def fit_titles(view: pg.GraphicsView) -> None:
    """Give every plot in `view` a FittedTitle, with the title, size and colour it had."""
    scene = view.scene()
    for plot in [item for item in scene.items() if isinstance(item, pg.PlotItem)]:
        old = plot.titleLabel
        if isinstance(old, FittedTitle):
            continue
        new = FittedTitle(old.text, parent=plot, **old.opts)
        new.setMaximumHeight(old.maximumHeight())
        new.setVisible(old.isVisible())
        plot.layout.removeItem(old)
        scene.removeItem(old)
        plot.layout.addItem(new, 0, 1)
        plot.titleLabel = new
