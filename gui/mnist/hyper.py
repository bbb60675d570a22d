"""The optimizer chooser and its hyperparameter fields.

Every optimizer of `gradlab.core.optimizers` is offered, and after them torch.optim's own
implementation of the ones torch has ("Adam (torch.optim)"): run the two with the same
seed and their curves coincide, which is the point. Fields are rebuilt from
`optimizers.defaults(name)` and labelled from `HYPER_INFO` whenever the choice changes;
values the user typed are kept for hyperparameters the new optimizer shares.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.core import optimizers
from gradlab.core.mnist.frames import TORCH_PREFIX
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.number_box import NumberBox
from gradlab.gui.terms import hyper_name, optimizer_title

# torch.optim has these (TrainConfig's docstring lists them); adamax/nadam are ours only.
TORCH_NAMES = ("sgd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", "adamw")


def choices() -> list[tuple[str, str]]:
    """(display text, TrainConfig.optimizer) for the combo box, in teaching order."""
    ours = [(optimizer_title(n), n) for n in optimizers.names()]
    theirs = [
        (f"{optimizer_title(n)} (torch.optim)", TORCH_PREFIX + n)
        for n in TORCH_NAMES
        if n in optimizers.names()
    ]
    return ours + theirs


def core_name(optimizer: str) -> str:
    return optimizer[len(TORCH_PREFIX) :] if optimizer.startswith(TORCH_PREFIX) else optimizer


def _label(key: str) -> str:
    """A field's label: the hyperparameter's name (gui.terms) and symbol ("学习率 η")."""
    info = optimizers.HYPER_INFO.get(key)
    return f"{hyper_name(key)} {info.symbol}" if info else key


class SciSpinBox(NumberBox):
    """The shared number box (0.001 and 1e-08 shown as typed, log-scaled quantities
    stepped by 10^(1/4)) with this tab's steps: 0.01 (0.1 above 1); a typed value beyond
    the range is clamped to it."""

    def __init__(self, lo: float, hi: float, log: bool, parent=None) -> None:
        super().__init__(lo, hi, log, step=0.01 if hi <= 1 else 0.1, clamp_typed=True, parent=parent)


class HyperForm(QtWidgets.QWidget):
    """Optimizer combo plus one field per hyperparameter; `optimizer()`, `hyper()`."""

    changed = QtCore.Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.combo = QtWidgets.QComboBox()
        for text, name in choices():
            self.combo.addItem(text, name)
        self.fields: dict[str, QtWidgets.QWidget] = {}
        self._typed: dict[str, Any] = {}
        self._shown: str | None = None
        self.form = QtWidgets.QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(translate("MnistHyper", "Optimizer"), self.combo)
        self.combo.currentIndexChanged.connect(self._rebuild)
        self.set_optimizer("adam")
        self._rebuild()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The optimizers' titles, the fields' labels and the tooltip in the language shown."""
        for i, (text, _name) in enumerate(choices()):
            self.combo.setItemText(i, text)
        self.combo.setToolTip(translate("MnistHyper", "GradLab's optimizers run through CoreOptimizer; "
                                        "the (torch.optim) entries are PyTorch's own, for comparison"))
        self.form.labelForField(self.combo).setText(translate("MnistHyper", "Optimizer"))
        for key, widget in self.fields.items():
            self.form.labelForField(widget).setText(_label(key))

    def optimizer(self) -> str:
        return self.combo.currentData()

    def set_optimizer(self, name: str, hyper: dict[str, Any] | None = None) -> None:
        if hyper is not None:
            self._shown = None  # a loaded config replaces what was typed
            self._typed = dict(hyper)
        index = self.combo.findData(name)
        if index < 0:
            raise ValueError(f"unknown optimizer {name!r}")
        if index == self.combo.currentIndex():
            self._rebuild()
        else:
            self.combo.setCurrentIndex(index)

    def hyper(self) -> dict[str, Any]:
        """The values shown, by the core's names (only those differing from the default
        would also work; all are given so a saved config says exactly what ran)."""
        out: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QtWidgets.QCheckBox):
                out[key] = widget.isChecked()
            else:
                out[key] = float(widget.value())
        return out

    def _remember(self) -> None:
        """Keep what the user changed from the shown optimizer's defaults, so switching
        from Adam to RMSprop carries a typed lr but not Adam's default lr."""
        if self._shown is None:
            return
        base = optimizers.defaults(core_name(self._shown))
        for key, value in self.hyper().items():
            if value != base.get(key):
                self._typed[key] = value
            else:
                self._typed.pop(key, None)

    def _rebuild(self) -> None:
        self._remember()
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self.fields = {}
        self._shown = self.optimizer()
        name = core_name(self._shown)
        for key, default in optimizers.defaults(name).items():
            info = optimizers.HYPER_INFO.get(key)
            label = _label(key)
            value = self._typed.get(key, default)
            if isinstance(default, bool) or (info and info.kind == "bool"):
                widget = QtWidgets.QCheckBox()
                widget.setChecked(bool(value))
                widget.toggled.connect(self.changed)
            else:
                lo, hi, log = (info.lo, info.hi, info.log) if info else (0.0, 1e6, False)
                widget = SciSpinBox(lo, hi, log)
                widget.setValue(float(value) if math.isfinite(float(value)) else default)
                widget.valueChanged.connect(self.changed)
            widget.setObjectName(f"hyper_{key}")
            self.fields[key] = widget
            self.form.addRow(label, widget)
        self.changed.emit()
