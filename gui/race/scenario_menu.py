"""The Scenarios menu: one entry per teaching scenario shipped in resources/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtGui, QtWidgets

from gradlab.gui.i18n import on_language_change
from gradlab.gui.race import scenario
from gradlab.gui.race.words import scenario_text

MAX_TITLE = 80  # a menu entry, not a paragraph


def _source_title(path: Path) -> str:
    """The scenario's own title (English for the shipped ones), or "" when it has none."""
    # Read within the scenario's own limits: a menu is built at start-up, and a FIFO or a
    # link to /dev/zero in the folder must not hang or exhaust the app before it opens.
    try:
        data = scenario.read_json(path)
    except scenario.ScenarioError:
        return ""
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) and title.strip() else ""


def _shown(path: Path, source: str) -> str:
    """The menu entry: the title in the language in use, on one line and not too long."""
    if not source:
        return path.stem
    title = " ".join(scenario_text(source).split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def _title(path: Path) -> str:
    return _shown(path, _source_title(path))


def fill(menu: QtWidgets.QMenu, paths: list[Path], open_path: Callable[[Path], object]) -> list[QtGui.QAction]:
    """One action per scenario in `menu`; their texts follow the language."""
    actions = []
    sources = []
    for i, path in enumerate(paths):
        source = _source_title(path)
        action = menu.addAction(_shown(path, source))
        if i < 9:
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+{i + 1}"))
        action.setData(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
        actions.append(action)
        sources.append((path, source))

    def retranslate() -> None:
        for action, (path, source) in zip(actions, sources):
            action.setText(_shown(path, source))

    on_language_change(menu, retranslate)
    return actions
