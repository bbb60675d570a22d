"""Tick labels that never run into each other (gui/plotting/axes.py), legends kept inside
their plot (gui/plotting/legend.py), and the MNIST pictures' text fitted to their size.

Each overlap test first shows that pyqtgraph's own axis, in the same plot, does
overlap: so the test can fail, and the situation is the one users saw."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtGui, QtWidgets

from gradlab.gui.mnist.digit_grid import CELL, PAD, DigitGrid
from gradlab.gui.mnist.images import DIGITS, ConfusionPlot
from gradlab.gui.plotting.axes import TidyAxis, next_nice_step, power_of_ten, tidy_axes
from gradlab.gui.plotting.fonts import scale_plot_text
from gradlab.gui.plotting.legend import fit_legend, full_text
from gradlab.gui.plotting.title import fit_titles


def _labels(axis: pg.AxisItem) -> list[tuple[QtGui.QRectF, str]]:
    """The tick labels the axis draws now: (rect, text), in order along the axis."""
    image = QtGui.QImage(8, 8, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    vertical = axis.orientation in ("left", "right")
    labels = [(rect, text) for rect, _, text in specs[2]]
    return sorted(labels, key=lambda lt: lt[0].center().y() if vertical else lt[0].center().x())


def _overlap(axis: pg.AxisItem) -> bool:
    """Whether two neighbouring labels touch, measured with the axis's tick font."""
    metrics = QtGui.QFontMetricsF(axis.style["tickFont"] or QtWidgets.QApplication.font())
    labels = _labels(axis)
    for (a, sa), (b, sb) in zip(labels, labels[1:]):
        if axis.orientation in ("left", "right"):
            if b.center().y() - a.center().y() < metrics.height():
                return True
        elif (b.center().x() - metrics.horizontalAdvance(sb) / 2
              < a.center().x() + metrics.horizontalAdvance(sa) / 2):
            return True
    return False


def _small_plot(qtbot, axis_items, size=(170, 130), k=1.6):
    """A plot of `size` pixels with its tick font at k times the normal (presenter mode)."""
    w = pg.PlotWidget(axisItems=axis_items)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    font = QtGui.QFont(QtWidgets.QApplication.font())
    font.setPointSizeF(font.pointSizeF() * k)
    for side in ("left", "bottom"):
        w.getPlotItem().getAxis(side).setTickFont(font)
    return w


def _settle(qtbot, w):
    """Shown and laid out. An axis widens to its widest label after it first lays its
    labels out (and drops those that stick out until then): let it, as a paint would."""
    qtbot.waitExposed(w)
    for _ in range(3):
        QtWidgets.QApplication.processEvents()
        for side in ("left", "bottom"):
            _labels(w.getPlotItem().getAxis(side))
    QtWidgets.QApplication.processEvents()


@pytest.mark.parametrize("tidy", [False, True])
def test_a_short_linear_axis_labels_without_overlap(qtbot, tidy):
    items = tidy_axes() if tidy else None
    w = _small_plot(qtbot, items)
    w.setXRange(0, 1, padding=0)
    w.setYRange(0, 1, padding=0)
    _settle(qtbot, w)
    axis = w.getPlotItem().getAxis("bottom")
    if not tidy:  # what users saw: "0.20.40.60.8"
        assert _overlap(axis)
        return
    assert not _overlap(axis)
    assert not _overlap(w.getPlotItem().getAxis("left"))
    assert len(_labels(axis)) >= 1
    assert isinstance(axis, TidyAxis)


@pytest.mark.parametrize("tidy", [False, True])
def test_a_short_log_axis_labels_without_a_pile(qtbot, tidy):
    """The race's loss plot in presenter mode: 5..35 on a log axis 110 px high."""
    w = _small_plot(qtbot, tidy_axes() if tidy else None, size=(260, 150))
    w.setLogMode(y=True)
    w.plot([0, 1, 2], [35, 12, 5])
    w.setYRange(math.log10(5), math.log10(35), padding=0)
    _settle(qtbot, w)
    axis = w.getPlotItem().getAxis("left")
    if not tidy:  # "3·10¹ 2·10¹ 10¹ 9 8 7 6 5" on top of each other
        assert _overlap(axis)
        return
    assert not _overlap(axis)
    texts = [t for _, t in _labels(axis)]
    assert "10¹" in texts and len(texts) >= 2  # 10 and 20: 1-2-5 fits, 2..9 do not


def test_many_decades_keep_every_kth_decade(qtbot):
    w = _small_plot(qtbot, tidy_axes(), size=(260, 150))
    w.setLogMode(y=True)
    w.plot([0, 1], [1e-10, 1e3])
    w.setYRange(-10, 3, padding=0)
    _settle(qtbot, w)
    axis = w.getPlotItem().getAxis("left")
    assert not _overlap(axis)
    major = axis.logTickValues(-10, 3, axis.geometry().height(), [])[0][1]
    assert all(float(v).is_integer() for v in major)  # decades only
    steps = {round(b - a) for a, b in zip(major, major[1:])}
    assert len(steps) == 1 and steps.pop() > 1  # every k-th decade, k > 1


def test_a_long_axis_labels_at_least_pyqtgraphs_major_ticks(qtbot):
    """Where labels fit, TidyAxis labels pyqtgraph's major ticks, or finer ones when
    those fit with room to spare (pyqtgraph would label those too)."""
    w = _small_plot(qtbot, tidy_axes(), size=(900, 600), k=1.0)
    w.setXRange(0, 1000, padding=0)
    w.setYRange(0, 1, padding=0)
    _settle(qtbot, w)
    for side in ("bottom", "left"):
        axis = w.getPlotItem().getAxis(side)
        length = axis.geometry().height() if side == "left" else axis.geometry().width()
        low, high = sorted(axis.range)
        ours = axis.tickSpacing(low, high, length)
        theirs = pg.AxisItem.tickSpacing(axis, low, high, length)
        assert ours[0][0] <= theirs[0][0]
        assert not _overlap(axis)
        assert len(_labels(axis)) >= 4


@pytest.mark.parametrize("size, every", [((600, 600), 1), ((150, 150), 2)])
def test_fixed_ticks_are_thinned_only_when_they_do_not_fit(qtbot, size, every):
    """The confusion matrix's digits 0..9: all of them when there is room."""
    w = _small_plot(qtbot, tidy_axes(), size=size, k=1.0)
    axis = w.getPlotItem().getAxis("left")
    axis.setTicks(DIGITS)
    w.setYRange(-0.5, 9.5, padding=0)
    _settle(qtbot, w)
    texts = sorted((t for _, t in _labels(axis)), key=int)
    assert not _overlap(axis)
    if every == 1:
        assert texts == [str(d) for d in range(10)]
    else:
        assert 1 <= len(texts) < 10 and texts[0] == "0"
    assert axis._tickLevels == DIGITS  # what was set stays set


def test_next_nice_step():
    assert [next_nice_step(s) for s in (0.2, 0.5, 1.0, 2.0, 5.0, 20.0)] == [0.5, 1.0, 2.0, 5.0, 10.0, 50.0]


def _legend_plot(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    legend = w.addLegend(offset=(-8, 8))
    names = ["1. Adam lr=0.001 · cross-entropy · ReLU · cosine schedule", "2. SGD lr=0.05"]
    for i, name in enumerate(names):
        w.plot([0, 1], [i, 1 - i], name=name)
    return w, legend, names


def test_fit_legend_cuts_long_entries_and_gives_them_back(qtbot):
    w, legend, names = _legend_plot(qtbot)
    wide = legend.boundingRect().width()
    fit_legend(legend, 200)
    assert legend.boundingRect().width() <= 200 < wide
    shown = [label.text for _, label in legend.items]
    assert shown[0].endswith("…") and shown[1] == names[1]
    assert [full_text(label) for _, label in legend.items] == names
    fit_legend(legend, 2000)  # room again: whole entries
    assert [label.text for _, label in legend.items] == names
    legend.items[1][1].setText("2. SGD lr=0.05 — diverged at step 7")  # set anew
    fit_legend(legend, 200)
    assert full_text(legend.items[1][1]) == "2. SGD lr=0.05 — diverged at step 7"


def test_the_mnist_legend_stays_inside_its_plot_when_the_view_narrows(qtbot):
    from gradlab.gui.mnist.view import MnistView

    view = MnistView()
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    qtbot.waitExposed(view)
    legend = view.curves.legend
    for i in range(3):
        item = view.curves.train.plot([0, 1], [i, 1], name=f"{i + 1}. Momentum lr=0.02 · "
                                      "weighted cross-entropy (inverse frequency) · ReLU · cosine")
        assert item is not None
    view.fit_legend()
    for width in (1400, 800):
        view.resize(width, 700)
        qtbot.waitUntil(lambda w=width: abs(view.width() - w) < 2)
        QtWidgets.QApplication.processEvents()
        assert legend.boundingRect().width() <= view.curves.train.vb.width() - 16 + 0.5


def _in_scene(qtbot, item, size):
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    w.addItem(item)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    QtWidgets.QApplication.processEvents()
    return w


@pytest.mark.parametrize("size, shown", [((260, 200), False), ((600, 500), True)])
def test_confusion_numbers_only_where_a_cell_holds_them(qtbot, size, shown):
    plot = ConfusionPlot()
    view = _in_scene(qtbot, plot, size)
    plot.set_matrix(np.diag(np.full(10, 50)) + 1)
    assert (plot.cell_pixels() >= 16) is shown
    assert all(t.isVisible() is shown for t in plot.texts)
    assert plot.texts[0].toPlainText() == "85"  # 50 of 59, written even when hidden
    assert view.isVisible()


def test_digit_labels_shrink_with_their_tiles(qtbot):
    sizes, views = {}, []
    for size in ((300, 200), (900, 600)):
        grid = DigitGrid(count=40, columns=8)
        views.append(_in_scene(qtbot, grid, size))
        sizes[size] = (grid.label_pixels, grid.tile_pixels())
    (small_px, small_tile), (big_px, big_tile) = sizes[(300, 200)], sizes[(900, 600)]
    assert small_tile < big_tile
    assert small_px < big_px == 12
    assert small_px <= 0.35 * small_tile + 1  # a corner of the digit, not half of it


def test_a_small_digit_grid_keeps_one_pixel_strokes(qtbot):
    """Drawn at about half size, a 28-pixel tile loses every other row when rows are
    skipped: a one-pixel stroke on a skipped row vanished. Averaged down, it shows."""
    grid = DigitGrid(count=8, columns=8)
    view = _in_scene(qtbot, grid, (150, 100))
    assert 0.4 * 28 < grid.tile_pixels() < 0.6 * 28
    images = np.zeros((8, 28, 28), np.uint8)
    for i in range(8):
        images[i, 12 + i % 4, 4:24] = 255  # one stroke, one pixel high, on rows 12..15
    grid.set_digits(images, np.zeros(8, int), None)
    QtWidgets.QApplication.processEvents()
    shot = view.grab().toImage()
    for i in range(8):
        left = grid.view.mapViewToScene(pg.Point(PAD + i * CELL + 6, 0)).x()
        right = grid.view.mapViewToScene(pg.Point(PAD + i * CELL + 22, 0)).x()
        top = grid.view.mapViewToScene(pg.Point(0, PAD + 6)).y()
        bottom = grid.view.mapViewToScene(pg.Point(0, PAD + 22)).y()
        darkest = min(QtGui.QColor(shot.pixel(x, y)).value()
                      for x in range(int(left), int(right)) for y in range(int(top), int(bottom)))
        assert darkest < 200, f"tile {i}: its stroke on row {12 + i % 4} is not drawn"


def _read_power(text: str) -> float:
    """"-5·10⁵" -> -500000.0: what a reader of the label takes it to mean."""
    superscripts = "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"
    if not any(c in superscripts for c in text):
        return float(text)
    head, _, power = text.rpartition("10")
    mantissa = head.rstrip("·")
    m = -1.0 if mantissa == "-" else (float(mantissa) if mantissa else 1.0)
    return m * 10.0 ** int(power.translate(str.maketrans(superscripts, "-0123456789")))


@pytest.mark.parametrize("low, high", [(-1.2e6, 0.0), (0.0, 3e-5), (1e5, 9e5), (-2e-4, 2e-4)])
def test_large_and_tiny_values_read_as_powers_of_ten(qtbot, low, high):
    """pyqtgraph labelled the saddle's loss axis "-500000" above "-1e+06"."""
    w = _small_plot(qtbot, {"left": TidyAxis("left")}, size=(300, 400), k=1.0)
    w.setYRange(low, high, padding=0)
    axis = w.getPlotItem().getAxis("left")
    qtbot.waitUntil(lambda: axis.height() > 300)
    # pyqtgraph draws only labels that fit the axis's width, then widens it for the next
    # drawing: measured, laid out again, then read.
    _labels(axis)
    qtbot.waitUntil(lambda: len(_labels(axis)) == len(axis.tickValues(*axis.range, axis.height())[0][1]))
    texts = [text for _, text in _labels(axis)]
    assert len(texts) >= 2
    assert not any("e" in text for text in texts), texts
    read = [_read_power(text) for text in texts]
    slack = 1e-9 * (high - low)
    assert all(low - slack <= v <= high + slack for v in read), texts
    steps = np.diff(read)  # top to bottom: evenly spaced, as the ticks are
    assert np.allclose(steps, steps[0], rtol=1e-6), texts


@pytest.mark.parametrize("value, spacing, text", [
    (-1e6, 5e5, "-10⁶"), (-5e5, 5e5, "-5·10⁵"), (0.0, 5e5, "0"), (2.5e-4, 5e-5, "2.5·10⁻⁴"),
    (1.2e5, 2e4, "1.2·10⁵"), (9.99e4, 1e2, "9.99·10⁴"), (99999.99999, 1e5, "10⁵")])
def test_power_of_ten(value, spacing, text):
    assert power_of_ten(value, spacing) == text
    assert _read_power(text) == pytest.approx(value, abs=spacing / 2)


def test_a_long_title_is_cut_to_its_plot_and_comes_back_when_there_is_room(qtbot):
    long = "Each gradient entry: finite difference against backprop, entry by entry"
    w = pg.PlotWidget(title=long)
    qtbot.addWidget(w)
    fit_titles(w)
    title = w.getPlotItem().titleLabel
    w.resize(260, 200)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: title.shown.endswith("…"))
    assert long.startswith(title.shown[:-1]) and title.toolTip() == long
    assert title.text == long  # what setText was given, for presenter mode's re-render
    view = w.mapToScene(w.viewport().rect()).boundingRect()
    assert title.item.sceneBoundingRect().right() <= view.right() + 1
    assert w.getPlotItem().sceneBoundingRect().right() <= view.right() + 1
    scale_plot_text(w, 1.0)
    scale_plot_text(w, 1.6)  # larger text: cut shorter, still whole underneath
    assert title.text == long
    assert title.item.sceneBoundingRect().right() <= view.right() + 1
    scale_plot_text(w, 1.0)
    w.resize(900, 200)
    qtbot.waitUntil(lambda: title.shown == long)
    assert title.toolTip() == ""
