"""Notes placed beside their point, clear of the curves (gui/plotting/notes.py), and stacked
plots whose left axes share a width (plot_axes.share_width).

Clearance is checked on what is drawn: the note's own scene rectangle against each
curve sampled 20 times more finely than it is plotted, mapped to the scene by the view."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtCore, QtGui

from gradlab.gui.explorer.tab import ExplorerTab
from gradlab.gui.plotting.axes import share_width, tidy_axes
from gradlab.gui.plotting.fonts import scale_plot_text
from gradlab.gui.plotting.notes import place_note
from gradlab.gui.style import NORMAL, PRESENTER


def _scene_points(plot: pg.PlotItem, item: pg.PlotDataItem) -> list[QtCore.QPointF]:
    x, y = (np.asarray(a, dtype=float) for a in item.getData())
    fine = np.linspace(x[0], x[-1], 20 * len(x))
    vb = plot.getViewBox()
    return [vb.mapViewToScene(QtCore.QPointF(a, b)) for a, b in zip(fine, np.interp(fine, x, y))]


def _covered_curves(plot: pg.PlotItem, note: pg.TextItem) -> int:
    """How many visible curves pass through the note's drawn rectangle."""
    rect = note.sceneBoundingRect().adjusted(1, 1, -1, -1)
    return sum(any(rect.contains(p) for p in _scene_points(plot, item))
               for item in plot.listDataItems() if item.isVisible())


def _inside(plot: pg.PlotItem, item: pg.GraphicsObject) -> bool:
    return plot.getViewBox().sceneBoundingRect().contains(item.sceneBoundingRect())


def _arrow_reaches(arrow: pg.ArrowItem, point: tuple[float, float], note: pg.TextItem) -> bool:
    """The arrow's tip is on the point, and the arrow as drawn (in the view's pixels: it
    ignores the view's scaling) reaches the note."""
    view = arrow.scene().views()[0]
    drawn = arrow.deviceTransform(view.viewportTransform()).map(arrow.path).boundingRect()
    text = view.mapFromScene(note.sceneBoundingRect()).boundingRect()
    return (abs(arrow.pos().x() - point[0]) < 1e-12 and abs(arrow.pos().y() - point[1]) < 1e-12
            and QtCore.QRectF(text).adjusted(-6, -6, 6, 6).intersects(drawn))


@pytest.fixture
def plot(qtbot):
    w = pg.PlotWidget(axisItems=tidy_axes())
    qtbot.addWidget(w)
    w.resize(500, 320)
    w.show()
    qtbot.waitExposed(w)
    p = w.getPlotItem()
    p.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    yield p  # a generator: the widget stays alive while the test runs


def _note(plot: pg.PlotItem, text: str) -> tuple[pg.TextItem, pg.ArrowItem]:
    note, arrow = pg.TextItem(text), pg.ArrowItem()
    plot.addItem(note, ignoreBounds=True)
    plot.addItem(arrow, ignoreBounds=True)
    return note, arrow


def test_a_note_stays_off_the_curve_it_points_at(plot):
    x = np.linspace(0, 1, 200)
    plot.plot(x, 0.9 - 0.8 * x)  # the spot straight above the point is free...
    plot.plot(x, np.full_like(x, 0.75))  # ...until a second curve runs through it
    note, arrow = _note(plot, "a note of some length:\nand a second line")
    point = (0.5, 0.5)
    assert place_note(note, arrow, point, plot)
    assert _inside(plot, note)
    assert _covered_curves(plot, note) == 0
    assert _arrow_reaches(arrow, point, note)


def test_a_note_keeps_off_the_legend(plot):
    x = np.linspace(0, 1, 50)
    plot.addLegend(offset=(-5, 5))
    plot.plot(x, 0.2 + 0 * x, name="a long legend entry to stay clear of")
    note, arrow = _note(plot, "note")
    assert place_note(note, arrow, (0.9, 0.2), plot)
    assert not note.sceneBoundingRect().intersects(plot.legend.sceneBoundingRect())
    assert _covered_curves(plot, note) == 0


def test_with_no_free_spot_the_note_stays_in_the_plot_and_says_so(plot):
    x = np.linspace(0, 1, 50)
    for level in np.linspace(0, 1, 30):  # a curve every 10 px: nowhere to go
        plot.plot(x, level + 0 * x)
    note, arrow = _note(plot, "nowhere to go")
    assert not place_note(note, arrow, (0.5, 0.5), plot)
    assert _inside(plot, note)


def test_stacked_plots_with_linked_x_line_up_when_their_axes_share_a_width(qtbot):
    """pyqtgraph lines linked views up by pixels: with labels "-0.5" under "4" the lower
    plot's range starts to the right of 0, cutting off the left end of its curves."""
    widgets = []  # kept alive to the test's end

    def stacked(share: bool) -> tuple[pg.PlotItem, pg.PlotItem]:
        w = pg.GraphicsLayoutWidget()
        widgets.append(w)
        qtbot.addWidget(w)
        w.resize(500, 400)
        top = w.addPlot(row=0, col=0, axisItems=tidy_axes())
        bottom = w.addPlot(row=1, col=0, axisItems=tidy_axes())
        bottom.setXLink(top)
        if share:
            share_width(bottom.getAxis("left"), top.getAxis("left"))
        top.setRange(xRange=(0, 1), yRange=(0, 4.5), padding=0)
        bottom.setYRange(-1.3, 0.1, padding=0)
        w.show()
        qtbot.waitExposed(w)
        return top, bottom

    top, bottom = stacked(share=False)
    qtbot.waitUntil(lambda: bottom.getAxis("left").width() != top.getAxis("left").width())
    assert bottom.viewRange()[0][0] > 0.01  # the failure: the lower plot's left end cut off
    top, bottom = stacked(share=True)
    qtbot.waitUntil(lambda: bottom.getAxis("left").textWidth > top.getAxis("left").textWidth)
    assert bottom.getAxis("left").width() == top.getAxis("left").width()
    assert bottom.viewRange()[0] == pytest.approx(top.viewRange()[0], abs=1e-9)
    assert bottom.viewRange()[0][0] == pytest.approx(0, abs=1e-9)


@pytest.fixture
def losses(qtbot):
    tab = ExplorerTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 680)
    tab.tabs.setCurrentWidget(tab.losses)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab


def _notes(view):
    return ((view.slope_plot, view.wrong_note, view.wrong_arrow, view.wrong_point),
            (view.loss_plot, view.easy_note, view.easy_arrow, view.easy_point))


@pytest.mark.parametrize("slope", ["dvalue_dlogit", "dvalue_dp"])
def test_the_loss_notes_point_at_their_samples_clear_of_the_curves(losses, qtbot, slope):
    view = losses.losses
    view.slope_buttons[slope].setChecked(True)
    view.place_notes()
    for plot, note, arrow, point in _notes(view):
        assert _inside(plot, note)
        assert _covered_curves(plot, note) == 0
        assert not note.sceneBoundingRect().intersects(view.legend.sceneBoundingRect())
        assert _arrow_reaches(arrow, point, note)


def test_presenter_mode_enlarges_the_notes_and_keeps_them_in_their_plots(losses, qtbot):
    view = losses.losses
    before = [note.textItem.font().pointSizeF() for _, note, _, _ in _notes(view)]
    losses.set_look(PRESENTER)
    for (plot, note, arrow, point), size in zip(_notes(view), before):
        assert note.textItem.font().pointSizeF() == pytest.approx(size * PRESENTER.font_pt / NORMAL.font_pt)
        qtbot.waitUntil(lambda n=note, p=plot: _inside(p, n))
        assert _arrow_reaches(arrow, point, note)
    losses.set_look(NORMAL)
    assert [note.textItem.font().pointSizeF() for _, note, _, _ in _notes(view)] == before


def test_the_notes_follow_a_resized_window(losses, qtbot):
    view = losses.losses
    note, plot = view.easy_note, view.loss_plot
    start = note.pos()
    losses.resize(900, 600)
    qtbot.waitUntil(lambda: note.pos() != start)
    qtbot.waitUntil(lambda: _inside(plot, note) and _covered_curves(plot, note) == 0)


def test_pixel_sized_labels_are_left_to_their_owner(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    pixel, point = pg.TextItem("7"), pg.TextItem("note")
    font = QtGui.QFont()
    font.setPixelSize(11)
    pixel.setFont(font)
    for item in (pixel, point):
        w.addItem(item)
    size = point.textItem.font().pointSizeF()
    scale_plot_text(w, 2.0)
    assert pixel.textItem.font().pixelSize() == 11
    assert point.textItem.font().pointSizeF() == pytest.approx(2 * size)
    scale_plot_text(w, 1.0)
    assert point.textItem.font().pointSizeF() == pytest.approx(size)
