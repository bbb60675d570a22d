"""What a teacher reads at 1280×720 in presenter mode is shown whole: every entry of the
Help → Keyboard shortcuts table, and the status bar's hint for each tab, whole or
shortened at a sentence with the whole in its tooltip (issue 18's polish: "Rastrigin：遍地
都是局部最小值" and "Ctrl+Shift+E" were cut in the table, the tabs' hints mid-word at the
right edge of the status bar), in English and in Chinese.

A text is cut when, at the widget's own font, it needs more room than the widget gives it:
a table cell's width (or, where the cell wraps, its height), the status bar label's width.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.main_window import MainWindow

CELL_MARGIN = 3  # the item delegate's text margin, each side (QStyle::PM_FocusFrameHMargin + 1)


def _settle(qtbot) -> None:
    qtbot.wait(0)
    QtWidgets.QApplication.processEvents()


@pytest.fixture
def projector(qtbot, language):
    """The window at 1280×720 in presenter mode with every tab opened once (their keys)."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.set_presenter(True)
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        _settle(qtbot)
    w.tabs.setCurrentIndex(0)
    _settle(qtbot)
    yield w
    w.race.shutdown()


def cut_cells(table: QtWidgets.QTableWidget) -> list[str]:
    """Cells of `table` whose text does not show whole in the room the table gives it."""
    cut = []
    fm = table.fontMetrics()
    room_x = table.viewport().width()
    for c in range(table.columnCount()):
        right = table.columnViewportPosition(c) + table.columnWidth(c)
        if right > room_x + 1:
            cut.append(f"column {c} ends at {right} px, past the table's {room_x} px")
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            item = table.item(r, c)
            if item is None or not item.text():
                continue
            width = table.columnWidth(c) - 2 * CELL_MARGIN
            if table.wordWrap():
                box = fm.boundingRect(QtCore.QRect(0, 0, width, 10 ** 6),
                                      int(QtCore.Qt.TextFlag.TextWordWrap), item.text())
                if box.width() > width or box.height() > table.rowHeight(r):
                    cut.append(f"cell {item.text()!r}: {box.width()}×{box.height()} px in "
                               f"{width}×{table.rowHeight(r)} px")
            elif fm.horizontalAdvance(item.text()) > width:
                cut.append(f"cell {item.text()!r}: {fm.horizontalAdvance(item.text())} px in {width} px")
    return cut


def cut_message(bar: QtWidgets.QStatusBar) -> str | None:
    """How the status bar's message is cut, or None when it shows whole.

    Shown by a label in the bar (whole, or shortened at a sentence with the whole in its
    tooltip): its text must fit the label's contents. Painted by QStatusBar itself: one line, from 6 px to 12 px (and the size
    grip) short of the right edge (qstatusbar.cpp, messageRect)."""
    message = bar.currentMessage()
    # A label shows it whole, or its first whole sentences (or clauses) then " …" with
    # the whole as its tooltip (never a word cut).
    shown = [label for label in bar.findChildren(QtWidgets.QLabel) if label.isVisible() and (
        label.text() == message or (label.text().endswith(" …") and label.toolTip() == message
                                    and message.startswith(label.text()[:-2])
                                    and label.text()[:-2].rstrip()[-1:] in tuple(".;!?。；！？,:，、：")))]
    if shown:
        label = shown[0]
        room = label.contentsRect()
        flags = int(QtCore.Qt.TextFlag.TextWordWrap) if label.wordWrap() else 0
        need = label.fontMetrics().boundingRect(QtCore.QRect(0, 0, room.width(), 10 ** 6), flags,
                                                label.text())
        # (a line's box may be a pixel taller than its font's height: not a cut line)
        if need.width() > room.width() or need.height() > room.height() + 2:
            return f"{label.text()!r}: {need.width()}×{need.height()} px in {room.width()}×{room.height()} px"
        return None
    grip = bar.findChild(QtWidgets.QSizeGrip)
    room = bar.width() - 6 - 12 - (grip.width() if grip is not None and grip.isVisible() else 0)
    need = bar.fontMetrics().horizontalAdvance(message)
    return None if need <= room else f"{message!r}: {need} px in {room} px"


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_every_shortcut_and_every_tabs_hint_show_whole_at_1280_by_720_in_presenter_mode(
        qtbot, projector):
    w = projector
    dialog = w._help("shortcuts_dialog")
    try:
        qtbot.waitExposed(dialog)
        _settle(qtbot)
        table = dialog.findChild(QtWidgets.QTableWidget)
        assert table.rowCount() > 20  # every tab's keys are listed (all were opened)
        assert dialog.width() <= 1280 and dialog.font().pointSizeF() == pytest.approx(
            w.font().pointSizeF())
        assert cut_cells(table) == []
    finally:
        dialog.close()
    cut = {}
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        _settle(qtbot)
        assert w.statusBar().currentMessage()  # each tab has a hint
        problem = cut_message(w.statusBar())
        if problem:
            cut[w.tab_key(i)] = problem
    assert cut == {}
    # and the race surface keeps half the window
    w.tabs.setCurrentIndex(0)
    _settle(qtbot)
    assert w.race.view.height() >= w.height() / 2


def test_a_long_message_shows_its_whole_sentences_that_fit_and_the_rest_in_the_tooltip(qtbot):
    from gradlab.gui.status import MORE, fit_messages, shortened

    w = QtWidgets.QMainWindow()
    qtbot.addWidget(w)
    w.setCentralWidget(QtWidgets.QWidget())
    w.resize(800, 400)
    label = fit_messages(w.statusBar())
    w.show()
    qtbot.waitExposed(w)
    bar = w.statusBar()
    height = bar.height()
    short = "Saved <b>a.json</b>"
    sentences = "Press Space to run. Right steps once; Left steps back. " * 6
    clauses = ", ".join(["a fairly long clause about keys"] * 12) + "."
    for text in (short, sentences, clauses, short):
        bar.showMessage(text)
        qtbot.waitUntil(lambda t=text: label.toolTip() == ("" if t == short else t), timeout=2000)
        _settle(qtbot)
        assert bar.currentMessage() == text  # what the window and the tests read: the whole
        assert cut_message(bar) is None, label.text()
        assert bar.height() == height  # one line, always
        if text != short:
            assert label.text().endswith(MORE) and text.startswith(label.text()[:-len(MORE)])
            assert len(label.text()) < len(text)
    assert label.text() == short  # "<b>" shown as typed (plain text)
    # clauses only when not even one sentence fits
    assert shortened("One. Two, three.", lambda t: len(t) <= 7) == "One." + MORE
    assert shortened("One two, three four.", lambda t: len(t) <= 11) == "One two," + MORE
    assert shortened("Onetwothree", lambda t: len(t) <= 5) == ""
    bar.clearMessage()
    qtbot.waitUntil(lambda: label.text() == "", timeout=2000)
    assert label.toolTip() == ""
