"""The side panel: the surface's formula and description, and what to watch for."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.gui.style import FORMULA_FONT


class LessonPanel(QtWidgets.QTextBrowser):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.title = ""
        self.lesson = ""

    def show_lesson(self, surface: Any, title: str, lesson: str) -> None:
        self.title, self.lesson = title, lesson
        parts = []
        if title:
            parts.append(f"<h3 style='margin:0'>{escape(title)}</h3>")
        parts.append(f"<p style='font-family:{FORMULA_FONT}; margin:4px 0'>"
                     f"{escape(surface.formula)}</p>")
        if lesson:
            parts.append(f"<p style='margin:4px 0'><b>What to watch for.</b> {escape(lesson)}</p>")
        elif surface.description:
            parts.append(f"<p style='margin:4px 0'>{escape(surface.description)}</p>")
        self.setHtml("".join(parts))
