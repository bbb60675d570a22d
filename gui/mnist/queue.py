"""The comparison queue: the runs to train one after another, each in its own colour.

A list row shows the run's colour, its settings (`TrainConfig.label()`) and its status
("queued", "running", "done, test accuracy 97.9%", "diverged at step 312"). The row
selected is the run whose confusion matrix, digits and weights are shown. The widget
holds `Run`s; it neither trains nor draws.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core.mnist.frames import TrainConfig
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.mnist.runs import Run, RunStatus
from gradlab.gui.style import MUTED, PALETTE


def swatch(colour: str) -> QtGui.QIcon:
    pixmap = QtGui.QPixmap(14, 14)
    pixmap.fill(QtGui.QColor(colour))
    return QtGui.QIcon(pixmap)


class RunQueue(QtWidgets.QGroupBox):
    """`runs` in queue order; `selected()`; signals `selection_changed(run or None)`."""

    selection_changed = QtCore.Signal(object)
    add_requested = QtCore.Signal()
    clear_requested = QtCore.Signal()
    removed = QtCore.Signal(object)

    def __init__(self, parent=None) -> None:
        # A short title (a group box's title never wraps, so a long one sets the panel's
        # minimum width); the point of the queue is said below it, wrapped.
        super().__init__(parent)
        self.runs: list[Run] = []
        self._numbers = 0
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("run_list")
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(150)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _: self.selection_changed.emit(self.selected()))
        self.add_button = QtWidgets.QPushButton()
        self.add_button.setObjectName("add_run")
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button = QtWidgets.QPushButton()
        self.remove_button.setObjectName("remove_run")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QtWidgets.QPushButton()
        self.clear_button.setObjectName("clear_runs")
        self.clear_button.clicked.connect(self.clear_requested)
        # Asked before a run with unsaved training is removed; the tab sets it (it may save).
        self.confirm_remove: Callable[[list[Run]], bool] = lambda runs: True
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.add_button, 1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        note = self.note = QtWidgets.QLabel()
        note.setWordWrap(True)
        # Grey through the palette: a stylesheet would stop presenter mode's font reaching it.
        palette = note.palette()
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(MUTED))
        note.setPalette(palette)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The texts set once, in the language shown (and every run's row)."""
        self.setTitle(translate("MnistQueue", "Runs to compare"))
        self.add_button.setText(translate("MnistQueue", "Add current settings"))
        self.remove_button.setText(translate("MnistQueue", "Remove"))
        self.clear_button.setText(translate("MnistQueue", "Clear all"))
        self.clear_button.setToolTip(translate("MnistQueue", "Remove every run from the queue and the plots"))
        self.note.setText(translate("MnistQueue", "Same seed: same initial weights, same batches."))
        for run in self.runs:
            self.refresh(run)

    def add(self, config: TrainConfig) -> Run:
        colour = PALETTE.colour(self._numbers, on_dark=False)
        self._numbers += 1
        run = Run(config, colour, self._numbers)
        self.runs.append(run)
        item = QtWidgets.QListWidgetItem(swatch(colour), "")
        self.list.addItem(item)
        self.refresh(run)
        self.list.setCurrentRow(len(self.runs) - 1)
        return run

    def add_run(self, run: Run) -> Run:
        """Add a run that already has history (a loaded one), keeping its colour slot."""
        self._numbers += 1
        run.number = self._numbers
        run.colour = PALETTE.colour(self._numbers - 1, on_dark=False)
        self.runs.append(run)
        self.list.addItem(QtWidgets.QListWidgetItem(swatch(run.colour), ""))
        self.refresh(run)
        self.list.setCurrentRow(len(self.runs) - 1)
        return run

    def selected(self) -> Run | None:
        row = self.list.currentRow()
        return self.runs[row] if 0 <= row < len(self.runs) else None

    def select(self, run: Run) -> None:
        if run in self.runs:
            self.list.setCurrentRow(self.runs.index(run))

    def remove_selected(self) -> None:
        run = self.selected()
        if run is None or run.status == RunStatus.RUNNING:
            return  # a running run is stopped first; the tab disables the button meanwhile
        if run.unsaved and not self.confirm_remove([run]):
            return
        self.remove(run)

    def remove(self, run: Run) -> None:
        """Take `run` off the queue, without asking."""
        row = self.runs.index(run)
        self.runs.pop(row)
        self.list.takeItem(row)
        run.status = RunStatus.REMOVED  # a runner that still lists it skips it
        self.removed.emit(run)

    def refresh(self, run: Run) -> None:
        """Rewrite a run's row (its status changed)."""
        if run not in self.runs:
            return
        item = self.list.item(self.runs.index(run))
        item.setText(f"{run.shown_label}\n    {run.status_text()}")
        item.setToolTip(run.shown_label)

    def pending(self, resume: bool) -> list[Run]:
        """Runs to train, in order: queued ones, and stopped ones too when resuming."""
        wanted = (RunStatus.QUEUED, RunStatus.STOPPED) if resume else (RunStatus.QUEUED,)
        return [r for r in self.runs if r.status in wanted]
