"""Small widgets the explorer's views share: a labelled float slider, colours, a side panel."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.style import BACKGROUND  # the plots' background, shared with the race

__all__ = ["BACKGROUND", "PALETTE", "FloatSlider", "bold", "color", "escaped", "side_panel", "wrapped_label"]

# Distinct on white and on each other (Tableau 10).
PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22",
]
PANEL_WIDTH = 330


def color(i: int) -> QtGui.QColor:
    return QtGui.QColor(PALETTE[i % len(PALETTE)])


class FloatSlider(QtWidgets.QWidget):
    """A QSlider over [lo, hi] in steps of `step`, with its name and current value beside it.

    `valueChanged(float)` fires with the float value; `slider` is the QSlider underneath.
    """

    valueChanged = QtCore.Signal(float)

    def __init__(self, label: str, lo: float, hi: float, step: float, value: float,
                 fmt: str = "{:.2f}", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.lo, self.step, self.fmt = lo, step, fmt
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setRange(0, round((hi - lo) / step))
        self.name_label = QtWidgets.QLabel(label)
        self.value_label = QtWidgets.QLabel()
        self.value_label.setMinimumWidth(44)
        self.value_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.value_label)
        self.slider.valueChanged.connect(self._changed)
        self.setValue(value)
        self._changed(self.slider.value())

    def value(self) -> float:
        return self.lo + self.slider.value() * self.step

    def setValue(self, value: float) -> None:
        self.slider.setValue(round((value - self.lo) / self.step))

    def _changed(self, _: int) -> None:
        self.value_label.setText(self.fmt.format(self.value()))
        self.valueChanged.emit(self.value())


def side_panel(width: int = PANEL_WIDTH) -> tuple[QtWidgets.QScrollArea, QtWidgets.QVBoxLayout]:
    """A fixed-width scrollable column for controls: (the scroll area, its layout)."""
    inner = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(inner)
    layout.setContentsMargins(8, 8, 8, 8)
    scroll = QtWidgets.QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFixedWidth(width)
    scroll.setObjectName("side_panel")
    scroll.setProperty("normal_width", width)  # presenter mode widens it (scale_side_panels)
    scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll, layout


def scale_side_panels(root: QtWidgets.QWidget, k: float) -> None:
    """Presenter mode: every side panel under `root` k times its normal width, so its
    controls, in a font k times larger, are not cut off at its right edge."""
    for scroll in root.findChildren(QtWidgets.QScrollArea, "side_panel"):
        scroll.setFixedWidth(round(scroll.property("normal_width") * k))


def coloured_checkbox(text: str, colour: QtGui.QColor) -> QtWidgets.QCheckBox:
    """A bold checkbox in a curve's colour. Set through font and palette, not a style
    sheet: a styled widget stops following its window's font (presenter mode)."""
    box = QtWidgets.QCheckBox(text)
    font = box.font()
    font.setBold(True)
    box.setFont(font)
    palette = box.palette()
    palette.setColor(QtGui.QPalette.ColorRole.WindowText, colour)
    box.setPalette(palette)
    return box


def wrapped_label(text: str = "", rich: bool = False) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.RichText if rich else QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def escaped(text: str) -> str:
    """`text` (a translation, say) made safe inside a rich-text label's HTML."""
    return html.escape(text, quote=False)


def bold(text: str) -> str:
    """`text` as a rich-text label's bold heading."""
    return f"<b>{escaped(text)}</b>"
