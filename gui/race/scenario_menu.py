"""The Scenarios menu: one entry per teaching scenario shipped in resources/."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtGui, QtWidgets


def _title(path: Path) -> str:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("title") or path.stem
    except (OSError, ValueError):
        return path.stem


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
