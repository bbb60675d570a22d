"""The Scenarios menu: one entry per teaching scenario shipped in resources/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtGui, QtWidgets

from gradlab.gui.race import scenario

MAX_TITLE = 80  # a menu entry, not a paragraph


def _title(path: Path) -> str:
    # Read within the scenario's own limits: a menu is built at start-up, and a FIFO or a
    # link to /dev/zero in the folder must not hang or exhaust the app before it opens.
    try:
        data = scenario.read_json(path)
    except scenario.ScenarioError:
        return path.stem
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title.strip():
        return path.stem
    title = " ".join(title.split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def fill(menu: QtWidgets.QMenu, paths: list[Path], open_path: Callable[[Path], object]) -> list[QtGui.QAction]:
    actions = []
    for i, path in enumerate(paths):
        action = menu.addAction(_title(path))
        if i < 9:
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+{i + 1}"))
        action.setData(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
        actions.append(action)
    return actions
