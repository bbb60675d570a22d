"""The side panel: the surface's formula and description, and what to watch for."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.gui.formulas import unbroken
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.race.words import description_of, scenario_text, title_of
from gradlab.gui.style import FORMULA_FONT


class LessonPanel(QtWidgets.QTextBrowser):
    """`show_lesson(surface, title, lesson)` with the scenario's own (English) texts:
    they are shown in the language in use, and again after a language change."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.surface: Any = None
        self.title = ""  # as shown
        self.lesson = ""  # as shown
        self._source = ("", "")  # the scenario's title and lesson, as given
        on_language_change(self, self._render)

    def show_lesson(self, surface: Any, title: str, lesson: str) -> None:
        """`title` and `lesson` of a scenario ("" for none: the surface's title and
        description are shown instead)."""
        self.surface, self._source = surface, (title, lesson)
        self._render()

    def _render(self) -> None:
        surface = self.surface
        if surface is None:
            return
        title, lesson = self._source
        # The explorer's model surfaces come with the surface's own title.
        self.title = title_of(surface) if not title or title == surface.title else scenario_text(title)
        self.lesson = scenario_text(lesson)
        parts = []
        if self.title:
            parts.append(f"<h3 style='margin:0'>{escape(self.title)}</h3>")
        parts.append(f"<p style='font-family:{FORMULA_FONT}; margin:4px 0'>"
                     f"{escape(surface.formula)}</p>")
        if self.lesson:
            watch = translate("RaceLesson", "<b>What to watch for.</b> {lesson}")
            parts.append(f"<p style='margin:4px 0'>{watch.format(lesson=escape(self.lesson))}</p>")
        elif surface.description:
            parts.append(f"<p style='margin:4px 0'>{escape(description_of(surface))}</p>")
        # Formulas wrap as wholes (gui/formulas.py); self.title and self.lesson stay plain.
        self.setHtml(unbroken("".join(parts)))
