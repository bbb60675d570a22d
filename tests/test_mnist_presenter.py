"""The MNIST tab on a 1280×720 projector in presenter mode, with five runs (issue 18):
every plot's title is drawn whole (never cut with "…"), the confusion matrix shows its
numbers in cells of at least 14 px, and the curves get most of the view.

The runs train for real on the synthetic data of test_mnist_tab.py; what is checked is
what the scene draws: each title item's drawn text, the cells' size on screen, the
number items' visibility and font.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6 import QtWidgets

from gradlab.core.mnist import data as mnist_data
from gradlab.gui.main_window import MainWindow
from gradlab.gui.mnist.tab import DISCARD
from test_mnist_tab import DATA, click, small, wait_idle

RUNS = 5
MIN_CELL_PX = 14
MIN_NUMBER_PX = 7


def _settle(qtbot) -> None:
    qtbot.wait(0)  # queued re-layouts (fonts, splitter sizes, the tab bar) run
    QtWidgets.QApplication.processEvents()


@pytest.fixture
def projector(qtbot, tmp_path, monkeypatch):
    """The main window at 1280×720 in presenter mode on the MNIST tab, five runs done."""
    monkeypatch.setattr(mnist_data, "app_data_folder", lambda: tmp_path / "app-data")
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    tab = w.tab("MNIST")
    # The runs are not saved, so closing asks Save/Discard/Cancel in a modal box. pytest-qt
    # closes the widgets given to qtbot.addWidget *before* this fixture's teardown runs
    # (in its pytest_runtest_teardown hook), so the answer must be set here, not after
    # the yield: set there, the box opened first and waited for a click forever.
    tab.ask_unsaved = lambda *question: DISCARD
    w.tabs.setCurrentWidget(tab)
    tab.data_panel.set_data(DATA, "synthetic test data")
    small(tab, epochs=1, batch=64)
    for lr in (0.01, 0.003, 0.001, 0.03, 0.1):
        tab.form.hyper.fields["lr"].setValue(lr)
        tab.add_current()
    click(qtbot, tab.start_button)
    wait_idle(qtbot, tab)
    assert len(tab.runs) == RUNS and all(r.evaluation is not None for r in tab.runs)
    w.set_presenter(True)
    _settle(qtbot)
    return w, tab


def test_confusion_numbers_are_visible_at_1280x720_in_presenter_mode(qtbot, projector):
    w, tab = projector
    view = tab.view
    view.show_page("Inside the selected run")
    _settle(qtbot)
    assert view.pictures_view.isVisible()
    confusion = view.confusion
    assert confusion.cell_pixels() >= MIN_CELL_PX
    assert all(t.isVisible() for t in confusion.texts)
    assert confusion.texts[0].textItem.font().pixelSize() >= MIN_NUMBER_PX


def cut_titles(view: pg.GraphicsView) -> list[str]:
    """Visible titles cut short, or wider than the room their item has."""
    cut = []
    for plot in (i for i in view.scene().items() if isinstance(i, pg.PlotItem)):
        title = plot.titleLabel
        if not title.isVisible() or not title.text.strip():
            continue
        drawn = title.item.toPlainText()  # what the scene paints
        width = title.item.boundingRect().width()
        if drawn.endswith("…") or drawn != title.text or width > title.width() + 0.5:
            cut.append(f"{title.text!r} drawn as {drawn!r}: {width:.0f} px in {title.width():.0f} px")
    return cut


def shown_titles(view: pg.GraphicsView) -> list[str]:
    return [p.titleLabel.text for p in view.scene().items()
            if isinstance(p, pg.PlotItem) and p.titleLabel.isVisible() and p.titleLabel.text.strip()]


def test_every_plot_title_is_drawn_whole_at_1280x720_in_presenter_mode(qtbot, projector):
    w, tab = projector
    view = tab.view
    assert w.presenting and w.height() <= 720
    seen = []
    for page in ("Curves", "Inside the selected run"):
        view.show_page(page)
        _settle(qtbot)
        for pane in (view.curves_view, view.pictures_view):
            if pane.isVisible():
                seen += shown_titles(pane)
                assert cut_titles(pane) == [], page
    # Every plot's title was on screen on one page or the other: 7 curves, 3 pictures.
    assert len(set(seen)) == 10, seen


def test_the_curves_get_most_of_the_window_at_1280x720_in_presenter_mode(qtbot, projector):
    """The curves take the view's whole height (the pictures wait on their own page) and
    the view most of the window's width (the settings beside it scroll)."""
    w, tab = projector
    view = tab.view
    view.show_page("Curves")
    _settle(qtbot)
    curves = view.curves_view
    assert curves.isVisible() and not view.pictures_view.isVisible()
    assert curves.height() >= 0.9 * view.height()
    assert curves.width() >= 0.6 * w.width()
    assert curves.height() >= 0.65 * w.height()


def test_a_roomy_view_shows_curves_and_pictures_together(qtbot, projector):
    """At 1600×1000 (presenter mode off) nothing changes: no page tabs, both shown, and
    the confusion numbers are written."""
    w, tab = projector
    w.set_presenter(False)
    w.resize(1600, 1000)
    view = tab.view
    qtbot.waitUntil(lambda: not view.compact)
    _settle(qtbot)
    assert not view.pages.isVisible()
    assert view.curves_view.isVisible() and view.pictures_view.isVisible()
    assert view.curves_view.height() > view.pictures_view.height()
    assert view.confusion.cell_pixels() >= MIN_CELL_PX
    assert all(t.isVisible() for t in view.confusion.texts)
