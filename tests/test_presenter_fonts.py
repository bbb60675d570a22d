"""Presenter mode and a language's font reach every label, those with a style sheet too.

Qt passes a window's new font on to its children, except to a widget with a style sheet
of its own ("color: #a40000;"): such a line (an error, a hint, "Diverged at epoch N")
kept 9 pt in presenter mode's 14.4 pt window, and the family of the language before; tooltips,
windows of their own, kept the application's size.
"""

from __future__ import annotations

from PySide6 import QtWidgets

from gradlab.gui.main_window import MainWindow
from i18n_walk import to_chinese

# Lines with a style sheet of their own, one or more per tab (by object name).
STYLED = {"MNIST": ("data_status",), "Playground": ("ClickHint", "DivergedLabel")}
# Lines coloured through their palette instead (no style sheet): they must follow alike.
COLOURED = {"Landscape": ("LandscapeProblem", "LandscapeStale")}


def _styled(window: MainWindow) -> list[QtWidgets.QLabel]:
    found = [label for tab, names in STYLED.items()
             for label in window.tab(tab).findChildren(QtWidgets.QLabel) if label.objectName() in names]
    assert len(found) == sum(len(names) for names in STYLED.values())
    assert all(label.styleSheet() for label in found)  # what this test is about
    coloured = [label for tab, names in COLOURED.items()
                for label in window.tab(tab).findChildren(QtWidgets.QLabel) if label.objectName() in names]
    assert len(coloured) == sum(len(names) for names in COLOURED.values())
    return found + coloured


def test_styled_lines_follow_presenter_mode_and_the_languages_font(qtbot, english):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    labels = _styled(window)
    normal = window.font().pointSizeF()
    assert {label.font().pointSizeF() for label in labels} == {normal}
    window.set_presenter(True)
    big = window.font().pointSizeF()
    assert big > normal * 1.4
    assert {label.font().pointSizeF() for label in labels} == {big}
    assert QtWidgets.QToolTip.font().pointSizeF() == big  # a tooltip is a window of its own
    to_chinese(english, ("MainWindow", "Optimizer race"))
    family = english.font().family()  # the application's: a CJK family first where one is installed
    qtbot.waitUntil(lambda: window.font().family() == family)  # Qt posts the font change
    assert [label.font().family() for label in labels] == [family] * len(labels)
    assert {label.font().pointSizeF() for label in labels} == {big}
    assert QtWidgets.QToolTip.font().family() == family
    window.set_presenter(False)
    assert {label.font().pointSizeF() for label in labels} == {normal}
    assert QtWidgets.QToolTip.font().pointSizeF() == normal


def test_a_tab_opened_in_presenter_mode_gets_the_size_on_its_styled_lines(qtbot, english):
    """A tab built after presenter mode was switched on (the tabs are built when first
    shown) gets the presenter size on its lines with a style sheet of their own too."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.set_presenter(True)
    big = window.font().pointSizeF()
    tab = window.tab("Playground")  # built now
    labels = [label for label in tab.findChildren(QtWidgets.QLabel) if label.objectName() in STYLED["Playground"]]
    assert labels and all(label.styleSheet() for label in labels)
    assert {label.font().pointSizeF() for label in labels} == {big}
