"""Keyboard, shortcuts and the Help menu of the main window (issue 18), pytest-qt.

The race's keys must work from start-up without a click, whatever has focus, except
in a text field, where a typed letter stays in the field."""

from __future__ import annotations

import pytest
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gradlab.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitActive(w):  # shortcuts belong to the active window
        w.activateWindow()
    return w


def _press(key: Qt.Key) -> None:
    """A key press to whatever has focus, as a user's keyboard would send it."""
    target = QtWidgets.QApplication.focusWidget() or QtWidgets.QApplication.activeWindow()
    QTest.keyClick(target, key)


def test_race_keys_work_at_start_up_without_a_click(qtbot, window):
    race = window.race
    race.config.max_steps = 100000
    _press(Qt.Key.Key_Right)
    _press(Qt.Key.Key_Right)
    assert race.history.last_step == 2 and race.cursor == 2
    assert window.tabs.currentWidget() is race  # Right stepped, it did not switch tabs
    _press(Qt.Key.Key_Left)
    assert race.cursor == 1
    assert window.tabs.currentWidget() is race
    _press(Qt.Key.Key_R)
    assert race.history.last_step == 0 and race.cursor == 0
    with qtbot.waitSignal(race.running_changed, timeout=2000) as started:
        _press(Qt.Key.Key_Space)
    assert started.args == [True]
    qtbot.waitUntil(lambda: race.history.last_step > 0, timeout=5000)
    with qtbot.waitSignal(race.running_changed, timeout=2000) as stopped:
        _press(Qt.Key.Key_Space)
    assert stopped.args == [False]
    # The status bar's hint promises exactly these keys.
    hint = window.statusBar().currentMessage()
    assert all(word in hint for word in ("Space", "Right", "Left", "R resets"))


def test_keys_work_with_focus_on_the_tab_bar(qtbot, window):
    window.tabs.tabBar().setFocus()
    qtbot.waitUntil(window.tabs.tabBar().hasFocus)
    _press(Qt.Key.Key_Right)
    assert window.tabs.currentIndex() == 0 and window.race.history.last_step == 1


def test_a_letter_typed_in_the_formula_stays_in_the_field(qtbot, window):
    race = window.race
    field = race.picker.formula
    field.clear()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    _press(Qt.Key.Key_Right)  # moves the text cursor, steps nothing
    for key in (Qt.Key.Key_X, Qt.Key.Key_R, Qt.Key.Key_Space):
        _press(key)
    assert field.text() == "xr " and race.history.last_step == 0
    # Enter applies the formula and ends the edit: the race's keys work again.
    field.setText("x**2 + y**2")
    _press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not field.hasFocus())
    _press(Qt.Key.Key_Right)
    assert race.history.last_step == 1 and field.text() == "x**2 + y**2"


def test_race_keys_are_not_active_on_another_tab(qtbot, window):
    window.tabs.setCurrentIndex(2)  # the explorer
    qtbot.waitUntil(lambda: not window.race.isVisible())
    _press(Qt.Key.Key_R)
    _press(Qt.Key.Key_Right)
    assert window.race.history.last_step == 0


def _bindings(window: MainWindow, widget: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(key sequence, name) of every action and QShortcut under `widget`, menus included."""
    out = []
    for a in widget.findChildren(QtGui.QAction) + widget.actions():
        for seq in a.shortcuts():
            out.append((seq.toString(), a.text()))
    for s in widget.findChildren(QtGui.QShortcut):
        out.append((s.key().toString(), s.objectName() or repr(s)))
    return out


def test_no_two_bindings_share_a_key_sequence(qtbot, window):
    """Window-wide actions (menus) against each other, and each tab's keys against them:
    two tabs may use the same key, since only one tab is shown at a time."""
    tabs = [window.tab(window.tabs.tabText(i)) for i in range(window.tabs.count())]
    per_tab = {id(t): set(_bindings(window, t)) for t in tabs}
    in_tabs = set().union(*per_tab.values())
    window_wide = [b for b in set(_bindings(window, window)) if b not in in_tabs]
    keys = [k for k, _ in window_wide]
    assert len(keys) == len(set(keys)), sorted(window_wide)
    for t in tabs:
        tab_keys = [k for k, _ in per_tab[id(t)]]
        assert len(tab_keys) == len(set(tab_keys)), per_tab[id(t)]
        assert not set(tab_keys) & set(keys), (set(tab_keys) & set(keys))


def test_view_shortcuts_switch_between_2d_and_3d(qtbot, window):
    race = window.race
    view3d = next(a for a in window.findChildren(QtGui.QAction) if a.text() == "&3-D view")
    view2d = next(a for a in window.findChildren(QtGui.QAction) if a.text() == "&2-D view")
    QTest.keySequence(window, view3d.shortcut())
    assert race.views.currentWidget() is race.view3d
    QTest.keySequence(window, view2d.shortcut())
    assert race.views.currentWidget() is race.view


def test_help_menu_lists_every_shortcut(qtbot, window):
    from gradlab.gui import help as gradlab_help

    titles = [a.text().replace("&", "") for a in window.help_menu.actions()]
    assert titles[:3] == ["Keyboard shortcuts", "How to use each tab", "About GradLab"]
    rows = gradlab_help.shortcut_rows(window)
    keys = {k for _where, _name, k in rows}
    # Generated from the actions: every bound key of the menus and the race is listed.
    for k, _name in _bindings(window, window):
        assert k in keys, k
    assert {"Space", "Right", "Left", "R", "F11", "Ctrl+O"} <= keys
    dialog = gradlab_help.shortcuts_dialog(window)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QtWidgets.QTableWidget)
    assert table.rowCount() == len(rows)


def test_how_to_pages_cover_every_tab(qtbot, window):
    from gradlab.gui import help as gradlab_help

    pages = gradlab_help.HOW_TO
    for i in range(window.tabs.count()):
        assert window.tabs.tabText(i) in pages
    dialog = gradlab_help.how_to_dialog(window)
    qtbot.addWidget(dialog)
    tabs = dialog.findChild(QtWidgets.QTabWidget)
    assert tabs.count() == window.tabs.count()


def test_about_names_versions_and_licences(qtbot, window):
    import sys

    from gradlab.gui import help as gradlab_help

    torch_loaded = "torch" in sys.modules
    text = gradlab_help.about_text()
    assert "GradLab 0.1.0" in text  # pyproject's version, through the package metadata
    from importlib.metadata import version

    rows = {name: (v, lic) for name, v, lic in gradlab_help.about_rows()}
    import PySide6

    installed = {"PySide6": PySide6.__version__, "pyqtgraph": version("pyqtgraph"),
                 "numpy": version("numpy")}
    for name, licence in (("PySide6", "LGPL"), ("pyqtgraph", "MIT"), ("numpy", "BSD")):
        assert rows[name][0] == installed[name] and licence in rows[name][1], rows[name]
        assert f"<td>{name}</td><td>{installed[name]}</td>" in text
    assert {"Python", "Qt"} <= set(rows)
    assert ("torch" in sys.modules) == torch_loaded  # read from metadata, never imported
