"""Presenter mode on a 1280×720 projector: the surface keeps most of the height, and
no number anywhere is shown cut (issue 18).

A value is "cut" when its text, at the widget's own font, is wider than the room the
widget gives it: a spin box's or line edit's content rectangle, a table column. The
check walks every tab the window has, as a teacher would show them.
"""

from __future__ import annotations

import re

import pytest
from PySide6 import QtGui, QtWidgets

from gradlab.gui.main_window import MainWindow

NUMBER = re.compile(r"[-+]?\d")  # a cell or field that shows a number somewhere in it
LINE_EDIT_MARGIN = 2  # QLineEdit's own horizontal margin, each side (qlineedit_p.h)


def _settle(qtbot, window) -> None:
    qtbot.wait(0)  # queued re-layouts (fonts, splitter sizes) run
    QtWidgets.QApplication.processEvents()


def cut_values(root: QtWidgets.QWidget) -> list[str]:
    """Every visible numeric field or table cell under `root` whose text does not fit."""
    cut = []
    for box in root.findChildren(QtWidgets.QAbstractSpinBox):
        if not box.isVisible():
            continue
        edit = box.lineEdit()
        need = edit.fontMetrics().horizontalAdvance(edit.text())
        have = edit.contentsRect().width() - 2 * LINE_EDIT_MARGIN
        if need > have:
            cut.append(f"spin box {edit.text()!r}: {need} px in {have} px")
    for edit in root.findChildren(QtWidgets.QLineEdit):
        if (not edit.isVisible() or isinstance(edit.parent(), QtWidgets.QAbstractSpinBox)
                or not NUMBER.search(edit.text())):
            continue
        need = edit.fontMetrics().horizontalAdvance(edit.text())
        have = edit.contentsRect().width() - 2 * LINE_EDIT_MARGIN
        if need > have:
            cut.append(f"field {edit.text()!r}: {need} px in {have} px")
    for table in root.findChildren(QtWidgets.QTableWidget):
        if not table.isVisible():
            continue
        fm = table.fontMetrics()
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                if item is None or not NUMBER.search(item.text()):
                    continue
                icon = table.iconSize().width() if not item.icon().isNull() else 0
                need = fm.horizontalAdvance(item.text()) + icon + 4  # + the delegate's margins
                if need > table.columnWidth(c):
                    cut.append(f"cell {item.text()!r}: {need} px in {table.columnWidth(c)} px")
    return cut


@pytest.fixture
def projector(qtbot):
    """The window at 1280×720 in presenter mode, racing every kind of racer card."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    for name in ("rmsprop", "adagrad"):  # the cards whose lr and ε were cut to "0", "1e"
        w.race.panel.add(name)
    w.set_presenter(True)
    _settle(qtbot, w)
    yield w
    w.race.shutdown()


def test_race_surface_has_half_the_window_in_presenter_mode(qtbot, projector):
    assert projector.height() <= 720
    view = projector.race.view
    assert view.height() >= projector.height() / 2, (view.height(), projector.height())


def test_race_surface_has_half_the_window_in_normal_mode(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    _settle(qtbot, w)
    try:
        assert w.race.view.height() >= w.height() / 2, (w.race.view.height(), w.height())
    finally:
        w.race.shutdown()


def test_lesson_text_stays_visible_in_presenter_mode(qtbot, projector):
    lesson = projector.race.lesson
    assert lesson.isVisible() and lesson.height() >= 2 * lesson.fontMetrics().lineSpacing()


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_no_number_is_cut_in_any_tab_in_presenter_mode(qtbot, language, projector):
    w = projector
    race = w.race
    with qtbot.waitSignal(race.race_finished, timeout=20000):
        race.run()  # the table's θ and state columns hold real numbers
    qtbot.waitUntil(lambda: not race.is_running(), timeout=2000)
    race.redraw(complete=True)
    _settle(qtbot, w)
    problems = {}
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        _settle(qtbot, w)
        cut = cut_values(w.tabs.widget(i))
        if cut:
            problems[w.tabs.tabText(i)] = cut
    assert not problems, problems


def test_hyperparameter_boxes_fit_their_widest_value_in_presenter_mode(qtbot, projector):
    """Every card's box shows a long typed value (0.000123457) whole, not only today's."""
    for card in projector.race.panel.cards:
        for control in card.controls.values():
            box = getattr(control, "box", None)
            if box is None:
                continue
            edit = box.lineEdit()
            need = edit.fontMetrics().horizontalAdvance("0.000123457")
            assert need <= edit.contentsRect().width() - 2 * LINE_EDIT_MARGIN, card.entry.label


def test_losses_legend_covers_no_curve_in_presenter_mode(qtbot, projector):
    """Explorer → Losses with every loss shown: the legend lies outside both plots."""
    w = projector
    explorer = w.tab("Explorer")
    w.tabs.setCurrentWidget(explorer)
    view = explorer.losses
    explorer.tabs.setCurrentWidget(view)
    for box in view.checkboxes.values():
        box.setChecked(True)
    _settle(qtbot, w)
    legend = view.legend.sceneBoundingRect()
    assert len(view.legend.items) == len(view.checkboxes)
    for plot in (view.loss_plot, view.slope_plot):
        assert not legend.intersects(plot.getViewBox().sceneBoundingRect()), plot


def test_mnist_loss_legend_lists_every_run_inside_its_plot(qtbot):
    """Five runs in presenter mode's text at a projector's size: every entry inside the
    training-loss plot (the legend takes columns rather than running off its bottom)."""
    import pyqtgraph as pg

    from gradlab.gui.mnist.view import MnistView
    from gradlab.gui.presenter import SCALE

    view = MnistView()
    qtbot.addWidget(view)
    view.resize(880, 560)  # what the MNIST tab leaves its plots at 1280×720
    view.show()
    qtbot.waitExposed(view)
    legend = view.curves.legend
    for k in range(5):
        legend.addItem(pg.PlotDataItem(pen=pg.mkPen(PALETTE_COLOURS[k], width=2)),
                       f"run {k + 1}: Adam lr=0.001 · cross-entropy · 784-128-10")
    view.set_text_scale(SCALE)
    view.fit_legend()
    _settle(qtbot, view)
    plot = view.curves.train.vb.sceneBoundingRect()
    for _, label in legend.items:
        box = label.sceneBoundingRect()
        assert label.isVisible() and plot.contains(box), (label.text, box, plot)


PALETTE_COLOURS = ("#ff2a2a", "#1a8cff", "#f05a00", "#e040e0", "#14a064")


def test_confusion_numbers_shrink_rather_than_vanish_in_small_cells(qtbot):
    """Cells of ~14 px (presenter mode on a projector) keep their numbers, in a font
    small enough that "100" stays inside its cell."""
    import numpy as np
    import pyqtgraph as pg

    from gradlab.gui.mnist.images import ConfusionPlot

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = ConfusionPlot()
    view.addItem(plot)
    view.resize(230, 230)
    view.show()
    qtbot.waitExposed(view)
    plot.set_matrix(np.diag(np.full(10, 100)))
    qtbot.waitUntil(lambda: 13.5 <= plot.cell_pixels() <= 16.5 or pytest.fail(str(plot.cell_pixels())),
                    timeout=2000)
    _settle(qtbot, view)
    cell = plot.cell_pixels()
    shown = [t for t in plot.texts if t.isVisible() and t.textItem.toPlainText()]
    assert len(shown) >= 10
    for text in shown:
        width = QtGui.QFontMetricsF(text.textItem.font()).horizontalAdvance(text.textItem.toPlainText())
        assert width <= cell, (text.textItem.toPlainText(), width, cell)
