"""What GradLab remembers between launches (QSettings, organisation and application
"GradLab"): the window's size and position, presenter mode, the tab shown, the MNIST
folder, the race's set-up (as the scenario JSON the race already saves) and the language
chosen in View > Language.

Every value is checked as it is read: a settings file that cannot be parsed, a value of
the wrong type or a race set-up that no longer validates is ignored, and `problems`
holds one line for the status bar. Nothing here ever stops the window from opening.
Tests hand in their own `QSettings(path, IniFormat)`; the user's file is never touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore

from gradlab.gui.i18n import LANGUAGES, translate

ORGANISATION = "GradLab"
APPLICATION = "GradLab"


def user_settings() -> QtCore.QSettings:
    """The user's own settings (~/.config/GradLab/GradLab.conf on Linux)."""
    return QtCore.QSettings(QtCore.QSettings.Format.IniFormat, QtCore.QSettings.Scope.UserScope,
                            ORGANISATION, APPLICATION)


class Memory:
    """Typed, forgiving access to the remembered values.

    `remember_race=False` (a `--scenario` run): the race's set-up and the tab come from
    the command line, neither is read back; the rest still is."""

    def __init__(self, settings: QtCore.QSettings, remember_race: bool = True) -> None:
        self.settings = settings
        self.remember_race = remember_race
        self.problems: list[str] = []
        if settings.status() != QtCore.QSettings.Status.NoError:
            self._problem(translate("Settings", "could not be read"))

    def _problem(self, what: str) -> None:
        """One status-bar line; `what` is already translated (it follows the file's name)."""
        self.problems.append(translate(
            "Settings", "Remembered settings ({file}) {what}; the defaults are used instead.").format(
                file=self.settings.fileName(), what=what))

    def _value(self, key: str, kind: type) -> Any:
        """The stored value if it has the expected type (INI files store text), else None."""
        try:
            value = self.settings.value(key)
        except Exception:  # noqa: BLE001 - a value Qt cannot even decode
            value = "?"
        if value is None:
            return None
        if kind is bool and isinstance(value, str) and value in ("true", "false"):
            return value == "true"
        if kind is QtCore.QByteArray and isinstance(value, (QtCore.QByteArray, bytes)):
            return QtCore.QByteArray(value)
        if kind is str and isinstance(value, str):
            return value
        if isinstance(value, kind) and kind is not str:
            return value
        self._problem(translate("Settings", "had an unusable {key}").format(key=repr(key)))
        return None

    # -- reading ------------------------------------------------------------------------
    def geometry(self) -> QtCore.QByteArray | None:
        return self._value("window/geometry", QtCore.QByteArray)

    def presenter(self) -> bool:
        return bool(self._value("window/presenter", bool))

    def tab(self) -> str | None:
        return self._value("window/tab", str) if self.remember_race else None

    def mnist_folder(self) -> str | None:
        return self._value("mnist/folder", str) or None

    def language(self) -> str | None:
        """The language chosen in View > Language ("en", "zh_CN"), None when none was
        (or what is stored names no language GradLab has)."""
        code = self._value("window/language", str)
        if code is not None and code not in LANGUAGES:
            self._problem(translate("Settings", "had an unusable {key}").format(key="'window/language'"))
            return None
        return code

    def race_config(self, parse: Callable[[Any], Any]) -> Any:
        """The remembered race set-up read by `parse` (the scenario reader, which names a
        bad field with a ValueError), or None: nothing stored, or it no longer validates.
        The reader is handed in: shared GUI code does not import a feature."""
        if not self.remember_race:
            return None
        text = self._value("race/scenario", str)
        if not text:
            return None
        try:
            return parse(json.loads(text))
        except ValueError as exc:  # JSONDecodeError and ScenarioError are ValueErrors
            self.problems.append(translate(
                "Settings", "The remembered race set-up was not used ({reason}); the default "
                            "scenario is shown.").format(reason=exc))
            return None

    # -- writing ------------------------------------------------------------------------
    def store_language(self, code: str) -> None:
        """Remember a language chosen in the menu, now (not at quit: a `--language` given
        for one launch is not a choice to remember)."""
        self.settings.setValue("window/language", code)
        self.settings.sync()

    def store(self, *, geometry: QtCore.QByteArray, presenter: bool, tab: str,
              race: dict[str, Any] | None = None, mnist_folder: str | Path | None = None) -> None:
        """Write the values and flush them to disk now (the app is about to quit)."""
        s = self.settings
        s.setValue("window/geometry", geometry)
        s.setValue("window/presenter", bool(presenter))
        s.setValue("window/tab", tab)
        if race is not None:  # a surface from the explorer has no scenario form: keep the last
            s.setValue("race/scenario", json.dumps(race, ensure_ascii=False))
        if mnist_folder:
            s.setValue("mnist/folder", str(mnist_folder))
        s.sync()
