"""Compare mode: 2 to 4 settings trained side by side on the same data from the same
initial weights (the core's `compare.sessions_for` guarantees both).

`CompareSettings` is the column's group of up to four rows, each an optimizer with its
learning rate, a loss and an activation (the network's size and data are shared): a
row's learning rate reaches its network as it trains (`lr_changed`), any other change
builds the networks again (`changed`);
`CompareView` shows the small multiples: one `RegionsView` per setting, each titled
with its settings, and a line under it when that network diverged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.core import activations, losses
from gradlab.core.optimizers import registry as optimizers
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.playground.controls import START_LR, _spin, loss_title
from gradlab.gui.terms import optimizer_title
from gradlab.gui.playground.regions import RegionsView
from gradlab.gui.plotting.title import fit_titles

MAX_SETTINGS = 4
DEFAULT_ROWS = (("sgd", True), ("adam", True), ("momentum", False), ("rmsprop", False))


class _Row(QtWidgets.QWidget):
    """One setting; `changed(ticked)` after an edit that needs new networks (ticked: the
    row's box), `lr_changed(lr)` after one of the learning rate alone."""

    def __init__(self, k: int, optimizer: str, on: bool, changed, lr_changed) -> None:
        super().__init__()
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        self.enabled = QtWidgets.QCheckBox(f"{k + 1}")
        self.enabled.setChecked(on)
        self.optimizer = QtWidgets.QComboBox()
        for name in optimizers.names():
            self.optimizer.addItem(optimizer_title(name), name)
        self.optimizer.setCurrentIndex(self.optimizer.findData(optimizer))
        self.lr = _spin(1e-5, 1e6, START_LR.get(optimizer, 0.01), decimals=5)
        self.loss = QtWidgets.QComboBox()
        self.activation = QtWidgets.QComboBox()
        for name in losses.names():
            if name != "mse":
                self.loss.addItem(loss_title(name), name)
        for name in activations.names():  # the code names (relu, leaky_relu): narrow, and the same in Chinese
            self.activation.addItem(name, name)
        self.activation.setCurrentIndex(max(self.activation.findData("tanh"), 0))
        grid.addWidget(self.enabled, 0, 0)
        grid.addWidget(self.optimizer, 0, 1)
        grid.addWidget(self.lr, 0, 2)
        grid.addWidget(self.loss, 1, 1)
        grid.addWidget(self.activation, 1, 2)
        self.optimizer.currentIndexChanged.connect(self._optimizer_picked)
        for w in (self.loss, self.activation):
            w.currentIndexChanged.connect(lambda _i: changed(False))
        self.lr.valueChanged.connect(lr_changed)
        self.enabled.toggled.connect(lambda _c: changed(True))
        self._changed = changed
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.lr.setToolTip(translate("PlaygroundCompare", "learning rate"))
        for i in range(self.optimizer.count()):
            self.optimizer.setItemText(i, optimizer_title(self.optimizer.itemData(i)))
        for i in range(self.loss.count()):
            self.loss.setItemText(i, loss_title(self.loss.itemData(i)))

    def _optimizer_picked(self, _i: int) -> None:
        blocker = QtCore.QSignalBlocker(self.lr)
        self.lr.setValue(START_LR.get(self.optimizer.currentData(), 0.01))
        del blocker
        self._changed(False)


class CompareSettings(QtWidgets.QGroupBox):
    """Up to four settings. `changed` when comparing is switched on or off, a row is
    ticked or unticked, or a compared row's optimizer, loss or activation changes (new
    networks); `lr_changed(k, lr)` when compared network k's learning rate does (only
    that: it trains on). Edits of rows that are not compared now say nothing."""

    changed = QtCore.Signal()
    lr_changed = QtCore.Signal(int, float)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        v = QtWidgets.QVBoxLayout(self)
        self.on = QtWidgets.QCheckBox()
        v.addWidget(self.on)
        self.rows = [_Row(k, name, on, lambda ticked, k=k: self._row_changed(k, ticked),
                          lambda lr, k=k: self._lr_changed(k, lr)) for k, (name, on) in enumerate(DEFAULT_ROWS)]
        for row in self.rows:
            v.addWidget(row)
        self.on.toggled.connect(lambda _c: self.changed.emit())
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.setTitle(translate("PlaygroundCompare", "Compare"))
        self.on.setText(translate("PlaygroundCompare", "Compare these settings"))
        self.on.setToolTip(translate("PlaygroundCompare",
                                     "same data, same initial weights, 2 to 4 settings side by side"))
        for row in self.rows:
            row.retranslate()

    def compared(self) -> list[int]:
        """The rows (their indices) that are compared: the ticked ones, or the first two
        when fewer are ticked, since a comparison needs two."""
        rows = [k for k, r in enumerate(self.rows) if r.enabled.isChecked()]
        return rows if len(rows) >= 2 else [0, 1]

    def _row_changed(self, k: int, ticked: bool) -> None:
        if self.on.isChecked() and (ticked or k in self.compared()):
            self.changed.emit()

    def _lr_changed(self, k: int, lr: float) -> None:
        compared = self.compared()
        if self.on.isChecked() and k in compared:
            self.lr_changed.emit(compared.index(k), float(lr))

    def overrides(self) -> list[dict[str, Any]]:
        """One dict of config fields per compared row (see `compared`)."""
        rows = [self.rows[k] for k in self.compared()]
        out = []
        for r in rows:
            name = r.optimizer.currentData()
            hyper = dict(optimizers.defaults(name))
            hyper["lr"] = r.lr.value()
            hyper.pop("weight_decay", None)
            out.append({"optimizer": name, "hyper": hyper, "loss": r.loss.currentData(),
                        "activation": r.activation.currentData()})
        return out


def label(override: dict[str, Any], all_overrides: Sequence[dict[str, Any]]) -> str:
    """'Adam lr 0.01', plus the loss and activation when they differ between settings
    (in the language in use: "Adam 学习率 0.01，交叉熵")."""
    text = translate("PlaygroundCompare", "{optimizer} lr {lr}").format(
        optimizer=optimizer_title(override["optimizer"]), lr=f"{override['hyper']['lr']:g}")
    for key, title in (("loss", loss_title), ("activation", str)):
        if len({o[key] for o in all_overrides}) > 1:
            text += translate("PlaygroundCompare", ", {setting}").format(setting=title(override[key]))
    return text


class CompareView(QtWidgets.QWidget):
    """Small multiples: one plane per setting, two by two."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.views: list[RegionsView] = []
        self.notes: list[QtWidgets.QLabel] = []

    def set_titles(self, titles: Sequence[str], colours: Sequence[str] | None = None) -> None:
        """One plane per title; a title is drawn in its network's curve colour."""
        for w in self.views + self.notes:
            self.grid.removeWidget(w)
            w.deleteLater()
        self.views, self.notes = [], []
        columns = 2
        for k, title in enumerate(titles):
            view = RegionsView("", point_size=4.0, square=False)
            view.getPlotItem().setTitle(title, color=colours[k] if colours else "#222", bold=True)
            # Cut short with "…" (the whole in its tooltip) rather than widening the plot past
            # its cell: four planes share the middle of a 1280×720 projector.
            fit_titles(view)
            view.setMinimumSize(120, 120)
            note = QtWidgets.QLabel("")
            note.setObjectName("NetworkNote")
            note.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(view, 2 * (k // columns), k % columns)
            self.grid.addWidget(note, 2 * (k // columns) + 1, k % columns)
            self.views.append(view)
            self.notes.append(note)

    def retitle(self, titles: Sequence[str]) -> None:
        """The planes' titles again (the language changed), in their colours."""
        for view, title in zip(self.views, titles):
            title_item = view.getPlotItem().titleLabel
            view.getPlotItem().setTitle(title, color=title_item.opts.get("color", "#222"), bold=True)
