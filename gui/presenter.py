"""Presenter mode: larger fonts and thicker lines for a projector (F11)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtWidgets

from gradlab.gui.style import NORMAL, PRESENTER

SCALE = PRESENTER.font_pt / NORMAL.font_pt


def apply(window: QtWidgets.QWidget, tabs: Iterable[object], on: bool) -> None:
    """Scale the window's font, and each tab's own look (`set_look`: the race's lines,
    the plots' text); `on=False` restores the normal look."""
    base = window.property("normal_font_pt")
    if base is None:  # remember the platform's own size the first time
        base = window.font().pointSizeF()
        window.setProperty("normal_font_pt", base)
    font = window.font()
    font.setPointSizeF(base * SCALE if on else base)
    window.setFont(font)
    # A menu opens as a window of its own, and fonts do not pass to windows: set theirs
    # too (the menus, Chinese ones especially, are read from the back of the room as well).
    for menu in window.findChildren(QtWidgets.QMenu):
        menu.setFont(font)
    for tab in tabs:
        set_look = getattr(tab, "set_look", None)
        if set_look is not None:
            set_look(PRESENTER if on else NORMAL)
