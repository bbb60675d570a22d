"""Presenter mode: larger fonts and thicker lines for a projector (F11).

Menus are sized again each time one opens (`fit_menu`): at the presenter font Qt's
Fusion style draws an item's text in a little less room than the menu's size hint
gave it, and elides the widest item ("各标签页使…明(H)").
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.style import NORMAL, PRESENTER

SCALE = PRESENTER.font_pt / NORMAL.font_pt


def apply(window: QtWidgets.QWidget, tabs: Iterable[object], on: bool) -> None:
    """Scale the window's font, and each tab's own look (`set_look`: the race's lines,
    the plots' text); `on=False` restores the normal look."""
    base = window.property("normal_font_pt")
    if base is None:  # remember the platform's own size the first time
        base = window.font().pointSizeF()
        window.setProperty("normal_font_pt", base)
    # Only the size is the window's own: the family stays the application's, which a
    # language may change later (Chinese puts a CJK family first).
    font = QtGui.QFont()
    font.setPointSizeF(base * SCALE if on else base)
    window.setFont(font)  # its FontChange runs `follow_font` (MainWindow.changeEvent)
    # A menu opens as a window of its own, and fonts do not pass to windows: set theirs
    # too (the menus, Chinese ones especially, are read from the back of the room as well).
    for menu in window.findChildren(QtWidgets.QMenu):
        menu.setFont(font)
        fit_menu(menu)
    for tab in tabs:
        set_look = getattr(tab, "set_look", None)
        if set_look is not None:
            set_look(PRESENTER if on else NORMAL)


# Set on a widget whose size `follow_font` set (its own font is then GradLab's doing).
_FOLLOWS = "follows_window_font"


def follow_font(window: QtWidgets.QWidget) -> None:
    """Give every widget with a style sheet of its own ("color: #a40000;") the point size of
    its parent's font again. Qt passes a parent's new font on to its children, except to a
    widget with a style sheet that names no font: that one keeps the size it had when its
    sheet was applied (an error line stayed at 9 pt in presenter mode's 14.4 pt window, and
    in the family of the language before). Called again after each change of the window's
    font (presenter mode, a language's font). A widget that set a font of its own (a caption
    kept small on purpose) is left alone."""
    # Tooltips are windows of their own: they take the application's font, never the
    # window's, and would stay small on a projector.
    QtWidgets.QToolTip.setFont(window.font())
    for widget in window.findChildren(QtWidgets.QWidget):  # parents before their children
        sheet = widget.styleSheet()
        if not sheet or "font-size" in sheet or "font:" in sheet or widget.isWindow():
            continue
        if widget.testAttribute(QtCore.Qt.WidgetAttribute.WA_SetFont) and not widget.property(_FOLLOWS):
            continue
        parent = widget.parentWidget()
        if parent is None:
            continue
        own = QtGui.QFont()  # only what is set here is the widget's own: the rest is inherited
        own.setFamilies(parent.font().families())
        own.setPointSizeF(parent.font().pointSizeF())
        widget.setFont(own)
        widget.setProperty(_FOLLOWS, True)


def menu_width(menu: QtWidgets.QMenu) -> int:
    """The width `menu` needs so that no item is elided: Qt's own size hint, plus one
    em of slack (the room Fusion's drawing takes beyond its hint: 6 px at 14.4 pt)."""
    return menu.sizeHint().width() + QtGui.QFontMetrics(menu.font()).horizontalAdvance("M")


class _MenuFitter(QtCore.QObject):
    """Widens its parent menu just before it opens (its texts and font are final then:
    a language switch or presenter mode may have changed them since the last time)."""

    def __init__(self, menu: QtWidgets.QMenu) -> None:
        super().__init__(menu)
        self.setObjectName("menu_fitter")
        menu.aboutToShow.connect(self.fit)

    def fit(self) -> None:
        menu = self.parent()
        menu.setMinimumWidth(0)  # the hint alone, not the width set last time
        menu.setMinimumWidth(menu_width(menu))


def fit_menu(menu: QtWidgets.QMenu) -> None:
    """Make `menu` open wide enough for its items (once per menu; idempotent)."""
    if menu.findChild(_MenuFitter, "menu_fitter", QtCore.Qt.FindChildOption.FindDirectChildrenOnly) is None:
        _MenuFitter(menu)
