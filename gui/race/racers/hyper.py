"""One hyperparameter control: a spin box that accepts any typed value, plus a slider.

Log-scaled hyperparameters (learning rate, ε) step by a factor of 10^0.1 per arrow
press or wheel notch and their slider is logarithmic, yet any value in range can be
typed (0.0037, 3e-4): the spin box keeps 12 decimals and shows 6 significant digits.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.number_box import NumberBox

SLIDER_TICKS = 1000
MARK_COLOR = "#ff3030"  # a stability limit on the slider: the red of the theory map's edge


def log_slider_tip(lo: float, hi: float) -> str:
    """The log slider's tooltip in plain words: what a move does to the value."""
    factor = (hi / lo) ** 0.1
    return translate("RaceHyper", "Drag right for a bigger value, left for a smaller one (from {lo} "
                     "to {hi}). The slider works by multiplying: moving it a tenth of its length "
                     "multiplies the value by about {factor}, so small values get as much room as "
                     "large ones.").format(lo=f"{lo:g}", hi=f"{hi:g}", factor=f"{factor:.2g}")


class MarkedSlider(QtWidgets.QSlider):
    """A slider with red marks at some of its positions (`marks`, slider ticks): the
    learning rates beyond which this racer diverges (the race's "Why momentum works")."""

    def __init__(self, orientation: QtCore.Qt.Orientation) -> None:
        super().__init__(orientation)
        self.marks: list[int] = []

    def mark_x(self, tick: int) -> int:
        """The pixel column of slider position `tick`: where the handle's centre sits there."""
        opt = QtWidgets.QStyleOptionSlider()
        self.initStyleOption(opt)
        style, cc = self.style(), QtWidgets.QStyle.ComplexControl.CC_Slider
        groove = style.subControlRect(cc, opt, QtWidgets.QStyle.SubControl.SC_SliderGroove, self)
        handle = style.subControlRect(cc, opt, QtWidgets.QStyle.SubControl.SC_SliderHandle, self)
        span = groove.width() - handle.width()
        return groove.x() + handle.width() // 2 + QtWidgets.QStyle.sliderPositionFromValue(
            self.minimum(), self.maximum(), tick, span)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.marks:
            return
        painter = QtGui.QPainter(self)
        painter.setPen(QtGui.QPen(QtGui.QColor(MARK_COLOR), 2))
        for tick in self.marks:
            x = self.mark_x(tick)
            painter.drawLine(x, 0, x, self.height())
        painter.end()


class HyperControl(QtWidgets.QWidget):
    """Spin box (+ slider for log-scaled values); `changed(float)` when the value is set."""

    changed = QtCore.Signal(float)

    def __init__(self, lo: float, hi: float, log: bool, value: float,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.lo, self.hi, self.log = lo, hi, log
        # 6 significant digits, 10^0.1 a press (as the log slider's tenth of a decade); on
        # a linear range a round step near a hundredth of it (μ in [0, 0.999]: 0.01, not
        # 0.00999, which turned 0.9 into 0.90999)
        step = 10.0 ** round(math.log10((hi - lo) / 100)) if hi > lo else 0.01
        self.box = NumberBox(lo, hi, log, shown=".6g", log_step=0.1, step=step)
        self.box.setFixedWidth(92)
        self.box.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight)
        self.box.setValue(value)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.slider: QtWidgets.QSlider | None = None
        if log:
            self.slider = MarkedSlider(QtCore.Qt.Orientation.Horizontal)
            self.slider.setRange(0, SLIDER_TICKS)
            self.slider.setMinimumWidth(40)
            self._sync_slider(value)
            self.slider.valueChanged.connect(self._slider_moved)
            row.addWidget(self.slider, 1)
        row.addWidget(self.box)
        self.box.valueChanged.connect(self._box_changed)
        self._mark_tip = ""  # why the slider has its marks (the race tab's theory says)
        self._show_tip()
        on_language_change(self, self._show_tip)

    def value(self) -> float:
        return self.box.value()

    def set_value(self, value: float) -> None:
        self.box.setValue(value)

    def set_marks(self, values: list[float], tip: str = "") -> None:
        """Red marks on the slider at `values` (none: []), explained by `tip`."""
        if self.slider is None:
            return
        self.slider.marks = [self._tick(v) for v in values if self.lo <= v <= self.hi]
        self._mark_tip = tip
        self._show_tip()
        self.slider.update()

    def _show_tip(self) -> None:
        if self.slider is None:
            return
        tip = self._mark_tip
        self.slider.setToolTip(log_slider_tip(self.lo, self.hi) + (f"\n\n{tip}" if tip else ""))

    # -- slider <-> box (log mapping) ---------------------------------------------------
    def _tick(self, value: float) -> int:
        a, b = math.log10(self.lo), math.log10(self.hi)
        v = math.log10(min(max(value, self.lo), self.hi))
        return round((v - a) / (b - a) * SLIDER_TICKS)

    def _sync_slider(self, value: float) -> None:
        if self.slider is not None:
            blocker = QtCore.QSignalBlocker(self.slider)
            self.slider.setValue(self._tick(value))
            del blocker

    def _slider_moved(self, tick: int) -> None:
        a, b = math.log10(self.lo), math.log10(self.hi)
        # Round to 3 significant digits: a dragged learning rate reads 0.0251, not 0.025118864.
        value = float(f"{10 ** (a + (b - a) * tick / SLIDER_TICKS):.3g}")
        self.box.setValue(value)

    def _box_changed(self, value: float) -> None:
        self._sync_slider(value)
        self.changed.emit(value)


def make_control(info: Any, value: Any) -> QtWidgets.QWidget:
    """A check box for boolean hyperparameters, a HyperControl otherwise."""
    if getattr(info, "kind", "float") == "bool":
        box = QtWidgets.QCheckBox()
        box.setChecked(bool(value))
        return box
    lo = float(info.lo)
    hi = max(float(info.hi), float(value))
    if info.log:
        lo = min(lo, float(value))
    return HyperControl(lo, hi, bool(info.log), float(value))
