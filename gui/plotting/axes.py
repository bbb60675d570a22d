"""Plot axes whose tick labels never run into each other, whatever the font or plot size.

pyqtgraph spaces ticks by the axis's length alone and always labels its first level, so
a small plot, or presenter mode's larger font, prints "0.20.40.60.8" on a short axis and
stacks "3·10¹ 2·10¹ 10¹ 9 8 7 6 5" on a short log axis. `TidyAxis` labels only ticks
whose labels fit, measured with the axis's own tick font:

- linear: pyqtgraph's major spacing, widened along 1, 2, 5, 10, ... until the widest
  label (bottom) or a line of text (left) fits between two ticks with a gap; the ticks
  it gave up stay as unlabelled minor ticks. Where even its minor spacing fits with
  room to spare, that is labelled instead (pyqtgraph labels it then too).
- log (values in log10 units, pyqtgraph's log mode): every decade when four or more
  show, else 1, 2 and 5 in each decade; when those do not fit, every decade, then every
  2nd, 5th, 10th, ... decade. The rest of 1..9 x 10^k (a span of a few decades) or the
  skipped decades are unlabelled minor ticks.

Values of 10^4 and more or under 10^-3, which pyqtgraph writes as "%g" ("-500000"
above "-1e+06"), are written as powers of ten, as on the log axes ("-5·10⁵", "-10⁶").

Only the first level is labelled (it was chosen to fit). When not even two labels fit,
one is shown rather than an overlapping pair.

    plot = layout.addPlot(axisItems=tidy_axes())

Plots stacked above each other with linked x share their left axes' width
(`share_width`): pyqtgraph lines linked views up by their pixels, so a wider axis (its
labels "-0.5" against "4") shifted the lower plot's range and cut its left end off.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6 import QtGui, QtWidgets

_STEPS = (1.0, 2.0, 5.0)
# Free space between two labels, in units of the font's line height.
_GAP_ALONG = 0.6  # beside each other (bottom axis)
_LINE_ROOM = 1.15  # above each other (left axis): a line and a little
_ROOM_TO_SPARE = 1.8  # a finer level is labelled when its labels fit in 1/1.8 of the room


def next_nice_step(step: float) -> float:
    """The 1-2-5 step after `step`: 0.2 -> 0.5 -> 1 -> 2 -> 5 -> 10."""
    exponent = math.floor(math.log10(step))
    mantissa = step / 10.0 ** exponent
    for m in (*_STEPS[1:], 10.0):
        if m > mantissa * (1 + 1e-9):
            return m * 10.0 ** exponent
    return 10.0 ** (exponent + 1)  # pragma: no cover - a mantissa is below 10


def _inside(values, low: float, high: float) -> list[float]:
    return [v for v in values if low <= v <= high]


class TidyAxis(pg.AxisItem):
    """A `pg.AxisItem` whose labels fit (see the module's docstring)."""

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.setStyle(maxTextLevel=0)

    # -- measuring ---------------------------------------------------------------------------
    def _metrics(self) -> QtGui.QFontMetricsF:
        return QtGui.QFontMetricsF(self.style["tickFont"] or QtWidgets.QApplication.font())

    def _vertical(self) -> bool:
        return self.orientation in ("left", "right")

    def labels_fit(self, values: list[float], strings: list[str], pixels_per_unit: float) -> bool:
        """Whether labels `strings` at `values` (axis units) leave room between them."""
        if len(values) < 2:
            return True
        metrics = self._metrics()
        gap = min(b - a for a, b in zip(values, values[1:])) * pixels_per_unit
        if self._vertical():
            return gap >= metrics.height() * _LINE_ROOM
        widest = max(metrics.horizontalAdvance(s) for s in strings)
        return gap >= widest + metrics.height() * _GAP_ALONG

    # -- a width shared with the axes of stacked plots -----------------------------------------
    def _updateWidth(self) -> None:  # noqa: N802 - pyqtgraph's API
        super()._updateWidth()
        if self.fixedWidth is None and self.isVisible() and self.label.isVisible():
            # pyqtgraph counts 0.8 of the rotated label's height ("usually an overestimate"):
            # with a CJK font's taller line, "b（偏置）" then lost its left half. The whole.
            width = self.maximumWidth() + 0.2 * self.label.boundingRect().height()
            self.setMaximumWidth(width)
            self.setMinimumWidth(width)
        self.natural_width = self.maximumWidth()
        group = getattr(self, "width_group", ())
        widest = max((getattr(axis, "natural_width", 0.0) for axis in group), default=0.0)
        for axis in group:
            if axis.minimumWidth() != widest:
                axis.setMinimumWidth(widest)
                axis.setMaximumWidth(widest)
                axis.picture = None

    def resizeEvent(self, ev=None) -> None:  # noqa: N802 - Qt's (and pyqtgraph's) name
        super().resizeEvent(ev)
        if self.label is None or not self._vertical():
            return
        # pyqtgraph nudges a side label 5 px past the axis's outer edge, off the plot's
        # widget when the axis is at the window's edge: flush with the edge instead.
        height = self.label.boundingRect().height()
        x = 0.0 if self.orientation == "left" else self.size().width() - height
        self.label.setPos(x, self.label.pos().y())

    # -- fixed ticks (setTicks) --------------------------------------------------------------
    def generateDrawSpecs(self, p):  # noqa: N802 - pyqtgraph's API
        fixed = self._tickLevels
        if not fixed:
            return super().generateDrawSpecs(p)
        self._tickLevels = self.thinned(fixed)  # for this drawing only
        try:
            return super().generateDrawSpecs(p)
        finally:
            self._tickLevels = fixed

    def thinned(self, levels: list) -> list:
        """Ticks set with `setTicks`, their first level cut to every 2nd, 5th, 10th, ...
        tick until the labels fit the axis's length now; the others become unlabelled."""
        ticks = sorted(levels[0])
        low, high = sorted(self.range)
        length = self.geometry().height() if self._vertical() else self.geometry().width()
        if len(ticks) < 2 or not high > low or length <= 0:
            return levels
        pixels_per_unit = length / (high - low)
        every = 1
        while every < len(ticks):
            kept = ticks[::every]
            if self.labels_fit([v for v, _ in kept], [s for _, s in kept], pixels_per_unit):
                break
            every = int(next_nice_step(every))
        else:
            kept = ticks[:1]
        rest = [t for t in ticks if t not in kept]
        return [kept, rest, *levels[1:]]

    # -- linear axes -------------------------------------------------------------------------
    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's API
        levels = super().tickSpacing(minVal, maxVal, size)
        dif = maxVal - minVal
        if self.logMode or not levels or not (math.isfinite(dif) and dif > 0 and size > 0):
            return levels
        spacings = [spacing for spacing, _ in levels]  # coarsest first
        # pyqtgraph would label a finer level too where there is room; only the first
        # level is labelled here, so a finer one whose labels fit with room to spare
        # becomes the first ("-1 0 1 2 3" rather than "0 2").
        for finer in reversed(spacings[1:]):
            if self._spacing_fits(minVal, maxVal, size, finer, _ROOM_TO_SPARE):
                return [(s, 0) for s in spacings if s <= finer]
        major = spacings[0]
        while not self._spacing_fits(minVal, maxVal, size, major):
            wider = next_nice_step(major)
            if not self._ticks(minVal, maxVal, wider):
                break
            major = wider
        if major == spacings[0]:
            return levels
        return [(major, 0), (spacings[0], 0)]

    def _spacing_fits(self, low: float, high: float, size: float, step: float,
                      room: float = 1.0) -> bool:
        values = self._ticks(low, high, step)
        strings = self.tickStrings([v / self.scale for v in values],
                                   self.autoSIPrefixScale * self.scale, step / self.scale)
        return self.labels_fit(values, strings, size / (high - low) / room)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's API
        # pyqtgraph writes a value of 10^4 or more, or under 10^-3, as "%g": one axis then
        # read "-500000" above "-1e+06". Such an axis is written as powers of ten, as the
        # log axes are ("-5·10⁵" above "-10⁶").
        strings = super().tickStrings(values, scale, spacing)
        if self.logMode or not any("e" in s for s in strings):
            return strings
        return [power_of_ten(v * scale, spacing * scale) for v in values]

    @staticmethod
    def _ticks(low: float, high: float, step: float) -> list[float]:
        start = math.ceil(low / step - 1e-9) * step
        n = int(math.floor((high - start) / step + 1e-9)) + 1
        return [start + i * step for i in range(max(n, 0))]

    # -- log axes ----------------------------------------------------------------------------
    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 - pyqtgraph's API
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal or size <= 0:
            return []
        low, high = math.floor(minVal), math.ceil(maxVal)
        decades = _inside(range(low, high + 1), minVal, maxVal)
        one_two_five = _inside((d + math.log10(m) for d in range(low, high + 1) for m in _STEPS),
                               minVal, maxVal)
        candidates = [] if len(decades) >= 4 else [one_two_five]
        every = 1
        while every <= max(1, high - low):
            candidates.append([d for d in decades if d % every == 0])
            every = int(next_nice_step(every))
        every_one = _inside((d + math.log10(m) for d in range(low, high + 1) for m in range(1, 10)),
                            minVal, maxVal)
        candidates = [c for c in candidates if c] or [every_one]  # inside one decade: 6..9
        pixels_per_unit = size / (maxVal - minVal)
        major = None
        for values in candidates:
            strings = self.logTickStrings(values, self.autoSIPrefixScale * self.scale, 1.0)
            if self.labels_fit(values, strings, pixels_per_unit):
                major = values
                break
        if major is None:  # not even two fit: one label rather than a pile
            major = candidates[-1][:1]
        rest = every_one if high - low <= 3 else decades
        minor = [v for v in rest if all(abs(v - m) > 1e-9 for m in major)]
        return [(None, major), (None, minor)]


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float, spacing: float) -> str:
    """`value` as m·10ⁿ ("-5·10⁵", "10⁶", "2.5·10⁻⁴"), with as many digits in m as the
    tick `spacing` needs; 0 as "0"."""
    if value == 0 or abs(value) < abs(spacing) * 1e-9 or not math.isfinite(value):
        return "0" if math.isfinite(value) else str(value)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10.0 ** exponent
    places = min(max(0, math.ceil(exponent - math.log10(abs(spacing)) - 1e-9)), 6) if spacing else 3
    mantissa = round(mantissa, places)
    if abs(mantissa) >= 10:  # rounding carried: 9.99 -> 10
        mantissa, exponent = mantissa / 10, exponent + 1
    text = f"{mantissa:.{places}f}".rstrip("0").rstrip(".")
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if text in ("1", "-1"):
        return text[:-1] + power  # "10⁶", "-10⁶"
    return f"{text}·{power}"


def tidy_axes(*sides: str) -> dict[str, TidyAxis]:
    """`axisItems` for a plot: a TidyAxis on each side (default left and bottom)."""
    return {side: TidyAxis(side) for side in (sides or ("left", "bottom"))}


def share_width(*axes: TidyAxis) -> None:
    """Give `axes` (the left axes of plots stacked with linked x) the width of the widest,
    now and whenever their labels change, so the plots' ranges line up."""
    group = list(axes)
    for axis in group:
        axis.width_group = group
    for axis in group:
        axis._updateWidth()
