"""A spin box for any typed number: 0.0037, 3e-4 and 1e-08 shown as typed, not rounded to
a few decimals; log-scaled quantities (learning rate, ε) step by a factor per arrow press.

The race's racer cards, the backpropagation tab's small network and the MNIST tab's
hyperparameters each had a near-copy of this box; what differed between them are the
keyword arguments:

    NumberBox(1e-5, 10.0, log=True, shown=".6g", log_step=0.1)   # the race: 10^0.1 a press
    NumberBox(0.0, 10.0, value=2.0, step=0.5, compact=True)        # backprop's narrow column
    NumberBox(1e-6, 1.0, log=True, clamp_typed=True)               # MNIST: 5 typed becomes 1

Qt's QDoubleSpinBox rounds to `decimals` and shows them all ("0.001000000000"); this one
keeps 12 decimals and shows `format(value, shown)`. A decimal comma is read as a point.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

State = QtGui.QValidator.State
# What may stand in the field on the way to a number ("-", "1e", "1e-" before "1e-3").
_PARTIAL = ("", "-", "+", ".", "-.", "+.", "e")


class NumberBox(QtWidgets.QDoubleSpinBox):
    """A QDoubleSpinBox showing `format(value, shown)`; with `log`, an arrow press or a
    wheel notch multiplies the value by 10^log_step (a linear box steps by `step`).

    `clamp_typed`: a typed value outside the range is taken and clamped to it (else it is
    not taken: the field goes back to the value it had). `compact`: size hints for
    "0.0000001" rather than for the range at 12 decimals (a narrow settings column)."""

    def __init__(self, lo: float, hi: float, log: bool = False, *, value: float | None = None,
                 shown: str = "g", log_step: float = 0.25, step: float | None = None,
                 clamp_typed: bool = False, compact: bool = False,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.log_step = log_step
        self.shown = shown
        self.clamp_typed = clamp_typed
        self.compact = compact
        self.setDecimals(12)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)  # one change when typing is done, not one per key
        if not log and step is not None:
            self.setSingleStep(step)
        if value is not None:
            self.setValue(value)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        return format(value, self.shown)

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 - Qt override
        t = text.strip().replace(",", ".")
        try:
            v = float(t)
        except ValueError:
            partial = t in _PARTIAL or t[-1:] in ("e", "E", "-", "+")
            return (State.Intermediate if partial else State.Invalid), text, pos
        if self.clamp_typed or self.minimum() <= v <= self.maximum():
            return State.Acceptable, text, pos
        return State.Intermediate, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        start = max(self.value(), self.minimum())
        if self.log and start > 0:
            self.setValue(start * 10 ** (self.log_step * steps))
        else:
            super().stepBy(steps)

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        if not self.compact:
            return hint
        # Qt sizes a spin box for its range at 12 decimals: far wider than "0.05" needs,
        # and wider than a narrow settings column (its right edge was cut off).
        return QtCore.QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("0.000001") + 28),
                            hint.height())

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if not self.compact:
            return hint
        return QtCore.QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("0.0000001") + 32),
                            hint.height())
