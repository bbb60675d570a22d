"""Presenter mode for pyqtgraph plots: their text scaled with the window's font.

Qt widgets follow the window's font on their own; text drawn inside a pyqtgraph scene
does not (tick labels, axis labels, titles, legends and notes have their own fonts and sizes).
`scale_plot_text(root, k)` sets every plot under `root` to k times the size it had
when first scaled, so k = 1 restores it exactly:

    scale_plot_text(mnist_tab, 1.6)   # presenter mode on
    scale_plot_text(mnist_tab, 1.0)   # and off
"""

from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

# What each item looked like before any scaling: the base that k multiplies.
_BASE_ATTR = "_gradlab_base_text"
# A LabelItem with this attribute set to True is scaled as the plots' titles are.
TITLE_ATTR = "gradlab_title"


def _base(item, make):
    base = getattr(item, _BASE_ATTR, None)
    if base is None:
        base = make()
        setattr(item, _BASE_ATTR, base)
    return base


def _scaled_font(font: QtGui.QFont, k: float) -> QtGui.QFont:
    out = QtGui.QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * k)
    return out


def _point_size(size: str | None, default_pt: float) -> float:
    """"10pt" -> 10.0; a LabelItem without a size uses the application font's."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*pt\s*", size or "")
    return float(match.group(1)) if match else default_pt


def label_point_size(label: pg.LabelItem, default_pt: float) -> float:
    """The point size `label`'s text is drawn at now."""
    return _point_size(label.opts.get("size"), default_pt)


def label_font(label: pg.LabelItem) -> QtGui.QFont:
    """The font `label`'s text is drawn in now (to measure it)."""
    font = QtGui.QFont(QtWidgets.QApplication.font())
    font.setPointSizeF(label_point_size(label, QtWidgets.QApplication.font().pointSizeF()))
    return font


def relayout_legend(legend: pg.LegendItem) -> None:
    """Its box keeps its old size, and its layout fills that, until both are redone from
    the labels' new sizes."""
    legend.layout.invalidate()
    legend.resize(legend.layout.effectiveSizeHint(QtCore.Qt.SizeHint.PreferredSize))
    legend.layout.activate()
    legend.updateSize()


def scale_plot_text(root: QtWidgets.QWidget, k: float, titles: float | None = None) -> int:
    """Scale the text of every pyqtgraph item in the views under `root` (and in `root`
    itself when it is a view) to k times its first-seen size, the plots' titles to
    `titles` times (default k). Returns how many items were set (tests check that the
    plots were found)."""
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):
        views.append(root)
    app_pt = QtWidgets.QApplication.font().pointSizeF()
    count = 0
    for view in views:
        items = view.scene().items()
        title_labels = {id(i.titleLabel) for i in items if isinstance(i, pg.PlotItem)}
        title_labels |= {id(i) for i in items if getattr(i, TITLE_ATTR, False)}
        for item in items:
            if isinstance(item, pg.AxisItem):
                tick, label = _base(item, lambda i=item: (
                    QtGui.QFont(i.style["tickFont"] or QtWidgets.QApplication.font()),
                    QtGui.QFont(i.label.font())))
                item.setTickFont(_scaled_font(tick, k))
                item.label.setFont(_scaled_font(label, k))
                count += 1
            elif isinstance(item, pg.LabelItem):
                pt = _base(item, lambda i=item: label_point_size(i, app_pt))
                scale = k if titles is None or id(item) not in title_labels else titles
                item.setAttr("size", f"{pt * scale:.1f}pt")
                item.setText(item.text)  # re-renders at the new size
                count += 1
            elif isinstance(item, pg.TextItem) and item.textItem.font().pointSizeF() > 0:
                # Notes in the data. A label sized in pixels (a digit tile's, a matrix
                # cell's) is sized by its owner to what it labels, and left alone.
                font = _base(item, lambda i=item: QtGui.QFont(i.textItem.font()))
                item.setFont(_scaled_font(font, k))
                count += 1
        for legend in (i for i in items if isinstance(i, pg.LegendItem)):
            relayout_legend(legend)
    return count


def set_text_scale(root: QtWidgets.QWidget, k: float, titles: float | None = None) -> None:
    """Presenter mode for `root`'s plots: remember the scales (for text added later, see
    `rescale_new_text`) and scale what is there now."""
    root.setProperty("plot_text_scale", float(k))
    root.setProperty("plot_title_scale", float(k if titles is None else titles))
    scale_plot_text(root, k, titles)


def rescale_new_text(root: QtWidgets.QWidget) -> None:
    """After `root` added plot text (a legend rebuilt, a run's entry added): bring it to
    the scale `set_text_scale` last set. Nothing to do at the normal scale."""
    k, titles = root.property("plot_text_scale"), root.property("plot_title_scale")
    if k is not None and (k != 1.0 or titles != 1.0):
        scale_plot_text(root, k, titles)
