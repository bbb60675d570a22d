"""A pyqtgraph legend kept inside its plot: long entries are cut short with "…".

A legend anchored to a plot's corner grows away from it as its text grows; in a small
plot, or with presenter mode's larger font, it runs past the plot's far edge and is cut
off mid-word ("mentum lr=0.02 · cross-en"). `fit_legend(legend, width)` shortens each
entry at its end to fit `width` pixels and keeps the full text, so a wider plot or a
smaller font brings it back:

    plot.vb.sigResized.connect(lambda vb: fit_legend(legend, vb.width() - 16))
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gradlab.gui.plotting.fonts import label_font, relayout_legend

_FULL, _SHOWN = "_gradlab_full_text", "_gradlab_shown_text"
_FITTED = "_gradlab_fitted_for"  # (width, text size) the shown text was cut for


def full_text(label: pg.LabelItem) -> str:
    """The entry's whole text, whether or not it is shown cut short."""
    if getattr(label, _SHOWN, None) != label.text:  # set anew since it was last fitted
        return label.text
    return getattr(label, _FULL)


def fit_legend(legend: pg.LegendItem, width: float) -> None:
    """Cut every entry of `legend` short enough that the legend is at most `width`
    pixels wide (whole entries where they fit)."""
    if all(getattr(label, _SHOWN, None) == label.text
           and getattr(label, _FITTED, None) == (width, label.opts.get("size"))
           for _, label in legend.items):
        return  # no entry, width or text size changed since the last fit (every redraw asks)
    samples = max(sample.boundingRect().width() for sample, _ in legend.items)
    left, _, right, _ = legend.layout.getContentsMargins()
    # A little slack: the label's HTML is laid out with a few pixels of document margin.
    room = max(width - samples - legend.layout.horizontalSpacing() - left - right - 8, 0)
    changed = False
    for _, label in legend.items:
        full = full_text(label)
        shown = QtGui.QFontMetricsF(label_font(label)).elidedText(full, QtCore.Qt.TextElideMode.ElideRight, room)
        setattr(label, _FULL, full)
        if shown != label.text:
            label.setText(shown)
            changed = True
        setattr(label, _SHOWN, shown)
        setattr(label, _FITTED, (width, label.opts.get("size")))
    if changed:
        relayout_legend(legend)
