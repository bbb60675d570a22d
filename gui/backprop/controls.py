"""The small network's settings: its shape, activation, loss, optimizer and seed, and its batch.

`NetworkForm` holds the choices and says what changed: `shape_changed` (layer widths,
seed, number of samples: a new network and batch) or `settings_changed` (activation,
loss, optimizer, hyperparameters: the same network traced again). `BatchTable` shows
the batch's inputs and labels; typing a value emits `edited` with the new arrays.

Only choices live here; the page turns them into core objects (`losses.get`,
`optimizers.get`) and calls `trace`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6 import QtCore, QtWidgets

from gradlab.core import activations, losses, optimizers
from gradlab.gui import terms
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.number_box import NumberBox

# Losses that take logits and labels (the trace's softmax output), as the contract lists.
LOSSES = ("cross_entropy", "weighted_cross_entropy", "focal", "softmax_mse")
# Learning rates that make ten steps on a few points visibly lower the loss; the
# registry's defaults (0.001) are for thousands of steps on MNIST.
TEACHING_LR = {"sgd": 0.5, "momentum": 0.2, "nesterov": 0.2, "rmsprop": 0.02, "adagrad": 0.2,
               "adam": 0.05, "adamw": 0.05, "adamax": 0.1, "nadam": 0.05}


@dataclass(frozen=True)
class Setup:
    """Everything the page needs to build and trace the small network."""

    sizes: tuple[int, ...]
    activation: str
    loss: str
    loss_params: dict
    optimizer: str
    hyper: dict
    seed: int
    n_samples: int

    def make_loss(self) -> Any:
        return losses.get(self.loss, **self.loss_params)

    def make_optimizer(self) -> Any:
        return optimizers.get(self.optimizer, **self.hyper)


def _number_box(lo: float, hi: float, value: float, log: bool = False) -> NumberBox:
    """A box showing 0.05 and 1e-08 as typed; log-scaled values step by 10^(1/4), others
    by 0.05 (0.5 above 1); sized for "0.0000001", not for its range (a narrow column)."""
    return NumberBox(lo, hi, log, value=value, step=0.05 if hi <= 1 else 0.5, compact=True)


def narrow_combo(box: QtWidgets.QComboBox, chars: int = 10) -> QtWidgets.QComboBox:
    """A combo box that may be narrower than its longest entry ("Weighted cross-entropy"):
    the settings column has a fixed width, and its popup still shows every entry whole."""
    box.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


def _spin(lo: int, hi: int, value: int) -> QtWidgets.QSpinBox:
    box = QtWidgets.QSpinBox()
    box.setRange(lo, hi)
    box.setValue(value)
    return box


class NetworkForm(QtWidgets.QWidget):
    """The network's choices (see the module docstring)."""

    shape_changed = QtCore.Signal()
    settings_changed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.shape_box = shape = QtWidgets.QGroupBox()
        form = QtWidgets.QFormLayout(shape)
        self.inputs = _spin(2, 4, 2)
        self.depth = _spin(1, 3, 1)
        widths = QtWidgets.QHBoxLayout()
        self.widths = [_spin(1, 6, n) for n in (3, 3, 3)]
        for box in self.widths:
            widths.addWidget(box)
        self.outputs = _spin(2, 3, 2)
        self.seed = _spin(0, 9999, 0)
        self._shape_form = form
        for field in (self.inputs, self.depth, widths, self.outputs, self.seed):
            form.addRow(QtWidgets.QLabel(), field)
        layout.addWidget(shape)

        self.maths_box = maths = QtWidgets.QGroupBox()
        form = QtWidgets.QFormLayout(maths)
        self.activation = narrow_combo(QtWidgets.QComboBox())
        for name in activations.names():
            self.activation.addItem(terms.activation_title(name), name)
        self.activation.setCurrentIndex(activations.names().index("sigmoid"))
        self.loss = narrow_combo(QtWidgets.QComboBox())
        for name in LOSSES:
            self.loss.addItem(terms.loss_title(name), name)
        self.class_weights = [_number_box(0.0, 10.0, w) for w in (1.0, 2.0, 1.0)]
        self.weights_row = QtWidgets.QWidget()
        row = QtWidgets.QHBoxLayout(self.weights_row)
        row.setContentsMargins(0, 0, 0, 0)
        for box in self.class_weights:
            row.addWidget(box)
        self.gamma = _number_box(0.0, 10.0, 2.0)
        for field in (self.activation, self.loss, self.weights_row, self.gamma):
            form.addRow(QtWidgets.QLabel(), field)
        self._loss_form = form
        layout.addWidget(maths)

        self.opt_box = opt = QtWidgets.QGroupBox()
        self.opt_form = QtWidgets.QFormLayout(opt)
        # "First-moment decay β₁" and its field do not fit one row in presenter mode.
        self.opt_form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self.optimizer = narrow_combo(QtWidgets.QComboBox())
        for name in optimizers.names():
            self.optimizer.addItem(terms.optimizer_title(name), name)
        self.opt_form.addRow(QtWidgets.QLabel(), self.optimizer)
        self.hyper: dict[str, QtWidgets.QWidget] = {}
        layout.addWidget(opt)

        self._build_hyper()
        self._show_rows()
        for box in (self.inputs, self.depth, self.outputs, self.seed, *self.widths):
            box.valueChanged.connect(self._shape_edited)
        self.activation.currentIndexChanged.connect(lambda _i: self.settings_changed.emit())
        self.loss.currentIndexChanged.connect(self._loss_edited)
        for box in (*self.class_weights, self.gamma):
            box.valueChanged.connect(lambda _v: self.settings_changed.emit())
        self.optimizer.currentIndexChanged.connect(self._optimizer_edited)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every label and list entry in the language in use."""
        self.shape_box.setTitle(translate("BackpropForm", "Network"))
        self.maths_box.setTitle(translate("BackpropForm", "Activation and loss"))
        self.opt_box.setTitle(translate("BackpropForm", "Optimizer"))
        rows = ((self._shape_form, 0, translate("BackpropForm", "Inputs")),
                (self._shape_form, 1, translate("BackpropForm", "Hidden layers")),
                (self._shape_form, 2, translate("BackpropForm", "Units per layer")),
                (self._shape_form, 3, translate("BackpropForm", "Outputs (softmax)")),
                (self._shape_form, 4, translate("BackpropForm", "Seed")),
                (self._loss_form, 0, translate("BackpropForm", "Activation f")),
                (self._loss_form, 1, translate("BackpropForm", "Loss C")),
                (self._loss_form, 2, translate("BackpropForm", "Class weights")),
                (self._loss_form, 3, translate("BackpropForm", "Focal γ")),
                (self.opt_form, 0, translate("BackpropForm", "Optimizer")))
        for form, row, text in rows:
            form.itemAt(row, QtWidgets.QFormLayout.ItemRole.LabelRole).widget().setText(text)
        for box, title in ((self.activation, terms.activation_title), (self.loss, terms.loss_title),
                           (self.optimizer, terms.optimizer_title)):
            for i in range(box.count()):
                box.setItemText(i, title(box.itemData(i)))
        for key, box in self.hyper.items():
            self.opt_form.labelForField(box).setText(_hyper_label(key))

    # -- reading -----------------------------------------------------------------------------
    def sizes(self) -> tuple[int, ...]:
        hidden = [box.value() for box in self.widths[: self.depth.value()]]
        return (self.inputs.value(), *hidden, self.outputs.value())

    def setup(self, n_samples: int) -> Setup:
        loss = self.loss.currentData()
        params: dict = {}
        if loss == "weighted_cross_entropy":
            params = {"weights": [box.value() for box in self.class_weights[: self.outputs.value()]]}
        elif loss == "focal":
            params = {"gamma": self.gamma.value()}
        hyper = {}
        for name, box in self.hyper.items():
            hyper[name] = box.isChecked() if isinstance(box, QtWidgets.QCheckBox) else box.value()
        return Setup(self.sizes(), self.activation.currentData(), loss, params,
                     self.optimizer.currentData(), hyper, self.seed.value(), n_samples)

    # -- reacting ----------------------------------------------------------------------------
    def _show_rows(self) -> None:
        loss = self.loss.currentData()
        self._loss_form.setRowVisible(self.weights_row, loss == "weighted_cross_entropy")
        self._loss_form.setRowVisible(self.gamma, loss == "focal")
        for i, box in enumerate(self.class_weights):
            box.setVisible(i < self.outputs.value())
        for i, box in enumerate(self.widths):
            box.setVisible(i < self.depth.value())

    def _shape_edited(self, _value: int) -> None:
        self._show_rows()
        self.shape_changed.emit()

    def _loss_edited(self, _index: int) -> None:
        self._show_rows()
        self.settings_changed.emit()

    def _build_hyper(self) -> None:
        """One field per hyperparameter of the chosen optimizer, labelled from HYPER_INFO."""
        while self.opt_form.rowCount() > 1:
            self.opt_form.removeRow(1)
        self.hyper = {}
        name = self.optimizer.currentData()
        for key, value in optimizers.defaults(name).items():
            info = optimizers.HYPER_INFO.get(key)
            if info is not None and info.kind == "bool":
                box: QtWidgets.QWidget = QtWidgets.QCheckBox()
                box.setChecked(bool(value))
                box.toggled.connect(lambda _v: self.settings_changed.emit())
            else:
                if key == "lr":
                    value = TEACHING_LR.get(name, value)
                lo, hi, log = (info.lo, info.hi, info.log) if info else (0.0, max(1.0, value), False)
                box = _number_box(min(lo, value), max(hi, value), float(value), log)
                box.valueChanged.connect(lambda _v: self.settings_changed.emit())
            self.opt_form.addRow(_hyper_label(key), box)
            self.hyper[key] = box

    def _optimizer_edited(self, _index: int) -> None:
        self._build_hyper()
        self.settings_changed.emit()


def _hyper_label(key: str) -> str:
    """A hyperparameter's row label: "Learning rate η" / "学习率 η" (the core's name,
    capitalised as before, when no translation is installed)."""
    info = optimizers.HYPER_INFO.get(key)
    if info is None:
        return key.capitalize()
    name = terms.hyper_name(key)
    label = f"{name} {info.symbol}"
    return label.capitalize() if name == info.label else label


class BatchTable(QtWidgets.QTableWidget):
    """The batch: one row per sample, x₁..xₙ and its label y; every cell editable.

    `edited(x, y)` after a valid edit; an entry that is not a number (or not a label
    0..C−1) is put back as it was and `rejected(message)` says why.
    """

    edited = QtCore.Signal(object, object)
    rejected = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.x = np.zeros((0, 2))
        self.y = np.zeros(0, dtype=np.int64)
        self.n_classes = 2
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns stretch
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as tall as its rows
        self.itemChanged.connect(self._changed)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The label column's tooltip in the language in use."""
        item = self.horizontalHeaderItem(self.x.shape[1]) if self.columnCount() else None
        if item is not None:
            item.setToolTip(translate("BackpropForm", "the label: the class this sample belongs to"))

    def set_batch(self, x: np.ndarray, y: np.ndarray, n_classes: int) -> None:
        self.x, self.y, self.n_classes = np.array(x, dtype=np.float64), np.array(y, dtype=np.int64), n_classes
        blocker = QtCore.QSignalBlocker(self)
        n, d = self.x.shape
        self.setRowCount(n)
        self.setColumnCount(d + 1)
        # Counted from 0, as the equations count units and samples (row i is sample i).
        self.setHorizontalHeaderLabels([f"x{_sub(k)}" for k in range(d)] + ["y"])
        self.setVerticalHeaderLabels([str(i) for i in range(n)])
        self.retranslate()
        for i in range(n):
            for k in range(d):
                self.setItem(i, k, QtWidgets.QTableWidgetItem(_cell(self.x[i, k])))
            self.setItem(i, d, QtWidgets.QTableWidgetItem(str(int(self.y[i]))))
        del blocker
        rows = self.verticalHeader().defaultSectionSize() * n
        self.setFixedHeight(rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2)

    def _changed(self, item: QtWidgets.QTableWidgetItem) -> None:
        i, k = item.row(), item.column()
        d = self.x.shape[1]
        text = item.text().strip().replace("−", "-").replace(",", ".")
        message = None
        try:
            if k == d:
                value = int(text)
                if not 0 <= value < self.n_classes:
                    message = translate("BackpropForm", "a label is a class 0..{last}, got {value}").format(
                        last=self.n_classes - 1, value=value)
            else:
                value = float(text)
                if not math.isfinite(value):
                    message = translate("BackpropForm", "an input must be a finite number, got {text}").format(
                        text=text)
        except ValueError:
            message = ""
        if message is not None:
            blocker = QtCore.QSignalBlocker(self)
            item.setText(str(int(self.y[i])) if k == d else _cell(self.x[i, k]))
            del blocker
            if not message:
                message = translate("BackpropForm", "not a number: {text}").format(text=repr(item.text()))
            self.rejected.emit(translate("BackpropForm", "sample {i}: {message}").format(i=i, message=message))
            return
        if k == d:
            self.y[i] = value
        else:
            self.x[i, k] = value
        self.edited.emit(self.x.copy(), self.y.copy())


def _cell(v: float) -> str:
    """An input as the table shows it: two decimals keep four inputs and the label in
    the settings column's width (the trace keeps every digit; hover the unit for them)."""
    return f"{v:.2f}"


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(n: int) -> str:
    return str(n).translate(_SUB)
