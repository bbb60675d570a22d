"""Training readied at the window's launch when the person is likely to train (issue 19).

A run's first step needs torch imported: about 1 s of CPU, 2-3 s on a busy machine. The
MNIST tab starts that at its first paint, but a person who has trained before will
likely open the tab and press Start within seconds of the launch. So, a second after the
window's first paint (start-up time is what the user sees first, and a tab opened at
once is built without the import beside it: the tab starts its own then), when

- a compiled optimizer loop is in the cache folder (this person has trained here), or
- the window remembers an MNIST folder, or that the MNIST tab was shown last,

the MNIST warm-up (`gradlab.gui.mnist.runner`) starts in the background with a default
run's settings: torch and the trainer are in when the tab opens. The GUI thread only
decides (one look into one folder). A person who then does not train pays a background
import (~1 s of one core) and torch's memory (~200 MB resident).

Only the app's launch does this (gui/app.py, with the window's memory): tests, scripts
and screenshots build the window without it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore


def likely_to_train(mnist_folder: str | None, last_tab: str | None, cache: Path | None) -> bool:
    """True when the launch should ready training: an MNIST folder is remembered, the
    MNIST tab was shown last, or `cache` (the compiled loops' folder) holds a loop."""
    if mnist_folder or last_tab == "MNIST":
        return True
    if cache is None:
        return False
    try:
        with os.scandir(cache) as entries:
            return any(e.name.startswith("rule_") and e.name.endswith(".py") for e in entries)
    except OSError:  # no folder yet (never trained), or one we may not read
        return False


def loops_folder() -> Path | None:
    """Where compiled loops are kept (`rule_kernel.cache_folder`), None when unknown."""
    try:
        from gradlab.core.optimizers import rule_kernel  # noqa: PLC0415 - numpy only, after the paint

        return rule_kernel.cache_folder()
    except Exception:  # noqa: BLE001 - no decision is worth a failed launch
        return None


def start_if_likely(mnist_folder: str | None, last_tab: str | None) -> bool:
    """Start the MNIST warm-up (default settings) when `likely_to_train`; True if started.
    Nothing starts while a warm-up runs or once one has imported the trainer (the tab's
    own, say)."""
    if not likely_to_train(mnist_folder, last_tab, loops_folder()):
        return False
    from gradlab.core.mnist.frames import TrainConfig  # noqa: PLC0415 - numpy only
    from gradlab.gui.mnist import runner  # noqa: PLC0415

    if runner._trainer_ready.is_set() or any(t.is_alive() for t in runner._warm_ups):
        return False
    runner.start_warm_up(TrainConfig())
    return True


class _AfterFirstPaint(QtCore.QObject):
    """Calls `then` once, `delay_ms` after `widget`'s first paint (a top-level window
    paints its tree while it handles UpdateRequest; a widget inside one gets Paint)."""

    def __init__(self, widget: QtCore.QObject, then, delay_ms: int) -> None:
        super().__init__(widget)
        self._then, self._delay_ms = then, delay_ms
        widget.installEventFilter(self)

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QtCore.QEvent.Type.UpdateRequest, QtCore.QEvent.Type.Paint):
            obj.removeEventFilter(self)
            QtCore.QTimer.singleShot(self._delay_ms, obj, self._then)  # not once obj is gone
            self.deleteLater()
        return False


def after_first_paint(widget: QtCore.QObject, then, delay_ms: int = 0) -> None:
    """`then()` once, `delay_ms` after `widget` is first painted (0: on the event loop's
    next turn)."""
    _AfterFirstPaint(widget, then, delay_ms)


# After the window's first paint: a person takes longer than this to open a tab.
LAUNCH_DELAY_MS = 1000


def warm_up_after_first_paint(window: QtCore.QObject, mnist_folder: str | None,
                              last_tab: str | None) -> None:
    """`LAUNCH_DELAY_MS` after `window`'s first paint, `start_if_likely(mnist_folder,
    last_tab)`."""
    after_first_paint(window, lambda: start_if_likely(mnist_folder, last_tab), LAUNCH_DELAY_MS)
