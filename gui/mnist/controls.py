"""The MNIST tab's settings form: widgets in, one `TrainConfig` out.

`ConfigForm.config()` reads the widgets into a plain `TrainConfig` (the worker never
reads a widget) and raises `ValueError` with a readable message for text it cannot
parse (custom class weights, hidden sizes, digits to imbalance). `set_config(config)`
shows a config, for a loaded run or a queued one. Rows that do not apply (focal gamma
for cross-entropy, step size for a cosine schedule) are hidden, not disabled, so the
form says only what matters for the current choice.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.core import activations
from gradlab.core.mnist.frames import TrainConfig
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.mnist.hyper import HyperForm, SciSpinBox
from gradlab.gui.terms import activation_title, loss_title
from gradlab.gui.wheel import guard_wheel

# (text, value): the texts are source texts, shown translated (`shown`); the losses and
# activations through gui.terms, the field's words every tab shares.
LOSSES = (
    ("Cross-entropy", "cross_entropy"),
    ("Weighted cross-entropy", "weighted_cross_entropy"),
    ("Focal loss", "focal"),
    (QT_TRANSLATE_NOOP("MnistControls", "MSE on softmax (one-hot)"), "softmax_mse"),
)
# Every activation the core has (the explorer shows the same eight), in its order.
ACTIVATIONS = tuple((activations.get(name).title, name) for name in activations.names())
# The activations with a parameter α: its field's row is shown only for them.
ALPHA_DEFAULTS = {"leaky_relu": 0.01, "elu": 1.0}
SCHEDULES = ((QT_TRANSLATE_NOOP("MnistControls", "Constant"), "constant"),
             (QT_TRANSLATE_NOOP("MnistControls", "Step (StepLR)"), "step"),
             (QT_TRANSLATE_NOOP("MnistControls", "Cosine annealing"), "cosine"))
ENGINES = ((QT_TRANSLATE_NOOP("MnistControls", "PyTorch autograd"), "torch"),
           (QT_TRANSLATE_NOOP("MnistControls", "NumPy, hand-written backprop"), "numpy"))
DEVICES = ((QT_TRANSLATE_NOOP("MnistControls", "Auto (CUDA if present)"), "auto"), ("CPU", "cpu"), ("CUDA", "cuda"))
UNITS = ((QT_TRANSLATE_NOOP("MnistControls", "per epoch"), "epoch"),
         (QT_TRANSLATE_NOOP("MnistControls", "per batch"), "batch"))
WEIGHT_MODES = ((QT_TRANSLATE_NOOP("MnistControls", "none"), None),
                (QT_TRANSLATE_NOOP("MnistControls", "inverse frequency"), "inverse_frequency"),
                (QT_TRANSLATE_NOOP("MnistControls", "custom"), "custom"))
INVERSE = "inverse_frequency"


def parse_floats(text: str, count: int, what: str) -> list[float]:
    """`count` comma- or space-separated numbers; ValueError naming `what` otherwise."""
    parts = [p for p in text.replace(",", " ").split() if p]
    what = translate("MnistControls", what)
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(translate("MnistControls", "{what}: {text} is not a list of numbers").format(
            what=what, text=repr(text))) from None
    if len(values) != count:
        raise ValueError(translate("MnistControls", "{what}: need {count} numbers (one per digit 0-9), got {got}").format(
            what=what, count=count, got=len(values)))
    return values


def parse_ints(text: str, what: str, lo: int, hi: int) -> list[int]:
    parts = [p for p in text.replace(",", " ").split() if p]
    what = translate("MnistControls", what)
    try:
        values = [int(p) for p in parts]
    except ValueError:
        raise ValueError(translate("MnistControls", "{what}: {text} is not a list of whole numbers").format(
            what=what, text=repr(text))) from None
    if not values or any(not lo <= v <= hi for v in values):
        raise ValueError(translate("MnistControls", "{what}: give numbers from {lo} to {hi}, got {text}").format(
            what=what, lo=lo, hi=hi, text=repr(text)))
    return values


def shown(text: str, data: Any) -> str:
    """A choice's text in the language shown: losses and activations as gui.terms says
    them (their English is the same), the other choices from this form's context."""
    if data == "softmax_mse":
        return translate("MnistControls", text)
    if data in activations.names():
        return activation_title(data)
    if any(data == value for _, value in LOSSES):
        return loss_title(data)
    return translate("MnistControls", text)


def combo(items: tuple[tuple[str, Any], ...], name: str) -> QtWidgets.QComboBox:
    box = QtWidgets.QComboBox()
    box.setObjectName(name)
    for text, data in items:
        box.addItem(shown(text, data), data)
    return box


def retranslate_combo(box: QtWidgets.QComboBox, items: tuple[tuple[str, Any], ...]) -> None:
    for i, (text, data) in enumerate(items):
        if box.itemData(i) == data:
            box.setItemText(i, shown(text, data))


def select(box: QtWidgets.QComboBox, data: Any) -> None:
    index = box.findData(data)
    if index < 0:
        raise ValueError(f"{box.objectName()}: unknown choice {data!r}")
    box.setCurrentIndex(index)


def spin(lo: int, hi: int, value: int, name: str, special: str | None = None) -> QtWidgets.QSpinBox:
    box = QtWidgets.QSpinBox()
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setValue(value)
    if special:
        box.setSpecialValueText(special)  # shown at the minimum, e.g. "all" for 0
    return box


class WeightsField(QtWidgets.QWidget):
    """"inverse frequency" / "none" / "custom: ten numbers" for class weights or alpha."""

    def __init__(self, allow_none: bool, name: str) -> None:
        super().__init__()
        self.name = name
        self.mode = QtWidgets.QComboBox()
        self.modes = WEIGHT_MODES if allow_none else WEIGHT_MODES[1:]
        for text, data in self.modes:
            self.mode.addItem(translate("MnistControls", text), data)
        self.text = QtWidgets.QLineEdit("1 1 1 1 1 1 1 1 1 1")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.text, 1)
        self.mode.currentIndexChanged.connect(self._sync)
        self._sync()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        for i, (text, _data) in enumerate(self.modes):
            self.mode.setItemText(i, translate("MnistControls", text))
        self.text.setToolTip(translate("MnistControls", "ten numbers, one per digit 0-9"))

    def _sync(self) -> None:
        self.text.setVisible(self.mode.currentData() == "custom")

    def value(self) -> Any:
        mode = self.mode.currentData()
        return parse_floats(self.text.text(), 10, self.name) if mode == "custom" else mode

    def set_value(self, value: Any) -> None:
        if value is None or value == INVERSE:
            select(self.mode, value)
        else:
            select(self.mode, "custom")
            self.text.setText(" ".join(f"{float(v):g}" for v in value))


class ConfigForm(QtWidgets.QWidget):
    """Every setting of a run, grouped: optimizer, loss, network, training, data."""

    changed = QtCore.Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.hyper = HyperForm()
        self._rows: list[tuple[QtWidgets.QFormLayout, QtWidgets.QWidget, str]] = []
        self._groups: list[tuple[QtWidgets.QGroupBox, str]] = []
        layout.addWidget(self._group(QT_TRANSLATE_NOOP("MnistControls", "Optimizer"), self.hyper))

        loss_box = QtWidgets.QWidget()
        self.loss_form = QtWidgets.QFormLayout(loss_box)
        self.loss_form.setContentsMargins(0, 0, 0, 0)
        self.loss = combo(LOSSES, "loss")
        self.weights = WeightsField(False, QT_TRANSLATE_NOOP("MnistControls", "class weights"))
        self.gamma = SciSpinBox(0.0, 10.0, False)
        self.gamma.setValue(2.0)
        self.alpha = WeightsField(True, QT_TRANSLATE_NOOP("MnistControls", "focal alpha"))
        self._row(self.loss_form, QT_TRANSLATE_NOOP("MnistControls", "Loss"), self.loss)
        self._row(self.loss_form, QT_TRANSLATE_NOOP("MnistControls", "class weights"), self.weights)
        self._row(self.loss_form, QT_TRANSLATE_NOOP("MnistControls", "focusing γ"), self.gamma)
        self._row(self.loss_form, QT_TRANSLATE_NOOP("MnistControls", "class balance α"), self.alpha)
        layout.addWidget(self._group(QT_TRANSLATE_NOOP("MnistControls", "Loss"), loss_box))

        net_box = QtWidgets.QWidget()
        self.net_form = QtWidgets.QFormLayout(net_box)
        self.net_form.setContentsMargins(0, 0, 0, 0)
        self.activation = combo(ACTIVATIONS, "activation")
        self.leak = SciSpinBox(0.0, 1.0, False)
        self.leak.setObjectName("leak_alpha")
        self.leak.setValue(ALPHA_DEFAULTS["leaky_relu"])
        # ELU's α must be > 0 (its negative side is α(eˣ − 1), saturating at −α).
        self.elu_alpha = SciSpinBox(0.001, 10.0, False)
        self.elu_alpha.setObjectName("elu_alpha")
        self.elu_alpha.setValue(ALPHA_DEFAULTS["elu"])
        self.hidden = QtWidgets.QLineEdit("512, 256")
        self.hidden.setObjectName("hidden")
        self.engine = combo(ENGINES, "engine")
        self.dtype = combo((("float32", "float32"), ("float64", "float64")), "dtype")
        self._row(self.net_form, QT_TRANSLATE_NOOP("MnistControls", "Hidden activation"), self.activation)
        self._row(self.net_form, QT_TRANSLATE_NOOP("MnistControls", "leak α"), self.leak)
        self._row(self.net_form, QT_TRANSLATE_NOOP("MnistControls", "ELU α"), self.elu_alpha)
        self._row(self.net_form, QT_TRANSLATE_NOOP("MnistControls", "Hidden layers"), self.hidden)
        self._row(self.net_form, QT_TRANSLATE_NOOP("MnistControls", "Engine"), self.engine)
        self._row(self.net_form, QT_TRANSLATE_NOOP("MnistControls", "Precision"), self.dtype)
        layout.addWidget(self._group(QT_TRANSLATE_NOOP("MnistControls", "Network"), net_box))

        train_box = QtWidgets.QWidget()
        self.train_form = QtWidgets.QFormLayout(train_box)
        self.train_form.setContentsMargins(0, 0, 0, 0)
        self.batch_size = spin(1, 60000, 128, "batch_size")
        self.epochs = spin(1, 1000, 5, "epochs")
        self.schedule = combo(SCHEDULES, "schedule")
        self.step_size = spin(1, 100000, 1, "step_size")
        self.step_gamma = SciSpinBox(0.0, 1.0, False)
        self.step_gamma.setValue(0.5)
        self.eta_min = SciSpinBox(0.0, 1.0, False)
        self.schedule_unit = combo(UNITS, "schedule_unit")
        self.seed = spin(0, 2**31 - 1, 0, "seed")
        self.device = combo(DEVICES, "device")
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "Batch size"), self.batch_size)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "Epochs"), self.epochs)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "LR schedule"), self.schedule)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "step size"), self.step_size)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "decay factor"), self.step_gamma)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "minimum lr"), self.eta_min)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "advance"), self.schedule_unit)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "Seed"), self.seed)
        self._row(self.train_form, QT_TRANSLATE_NOOP("MnistControls", "Device"), self.device)
        layout.addWidget(self._group(QT_TRANSLATE_NOOP("MnistControls", "Training"), train_box))

        data_box = QtWidgets.QWidget()
        self.data_form = QtWidgets.QFormLayout(data_box)
        self.data_form.setContentsMargins(0, 0, 0, 0)
        self.imbalance = QtWidgets.QCheckBox()
        self.imbalance.setObjectName("imbalance")
        self.imbalance_digits = QtWidgets.QLineEdit("3, 8")
        self.imbalance_fraction = SciSpinBox(0.001, 1.0, False)
        self.imbalance_fraction.setValue(0.05)
        self.train_subset = spin(0, 60000, 0, "train_subset", special=" ")
        self.train_subset.setSingleStep(1000)
        self.eval_every = spin(0, 100000, 100, "eval_every", special=" ")
        self._row(self.data_form, QT_TRANSLATE_NOOP("MnistControls", "Imbalance"), self.imbalance)
        self._row(self.data_form, QT_TRANSLATE_NOOP("MnistControls", "digits"), self.imbalance_digits)
        self._row(self.data_form, QT_TRANSLATE_NOOP("MnistControls", "fraction kept"), self.imbalance_fraction)
        self._row(self.data_form, QT_TRANSLATE_NOOP("MnistControls", "Training samples"), self.train_subset)
        self._row(self.data_form, QT_TRANSLATE_NOOP("MnistControls", "Test subset every"), self.eval_every)
        layout.addWidget(self._group(QT_TRANSLATE_NOOP("MnistControls", "Data"), data_box))

        # A row too wide for the panel (presenter mode's font, a longer translation) puts
        # its label above its field instead of cutting the field at the panel's edge.
        for form in (self.hyper.form, self.loss_form, self.net_form, self.train_form, self.data_form):
            form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        for signal in (
            self.loss.currentIndexChanged, self.activation.currentIndexChanged,
            self.schedule.currentIndexChanged, self.imbalance.toggled,
        ):
            signal.connect(self._sync)
        self.hyper.changed.connect(self.changed)
        # The wheel scrolls the panel; it changes a field only once it is clicked. The
        # optimizer's fields are rebuilt when it changes: guard the new ones too.
        guard_wheel(self)
        self.hyper.changed.connect(lambda: guard_wheel(self.hyper))
        # Start from the trainer's own defaults (one source of truth with `gradlab train`).
        self.set_config(TrainConfig())
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The texts set once, in the language shown."""
        for box, title in self._groups:
            box.setTitle(translate("MnistControls", title))
        for form, field, text in self._rows:
            form.labelForField(field).setText(translate("MnistControls", text))
        for box, items in ((self.loss, LOSSES), (self.activation, ACTIVATIONS), (self.schedule, SCHEDULES),
                           (self.engine, ENGINES), (self.device, DEVICES), (self.schedule_unit, UNITS)):
            retranslate_combo(box, items)
        self.leak.setToolTip(translate("MnistControls", "slope for x ≤ 0: f(x) = αx"))
        self.elu_alpha.setToolTip(translate("MnistControls", "f(x) = α(eˣ − 1) for x ≤ 0: the value it saturates at is −α"))
        self.hidden.setToolTip(translate("MnistControls", "widths of the hidden layers; 784 inputs and 10 outputs are fixed"))
        self.imbalance.setText(translate("MnistControls", "keep only a fraction of some digits"))
        self.train_subset.setSpecialValueText(translate("MnistControls", "all"))  # shown at 0
        self.eval_every.setSpecialValueText(translate("MnistControls", "epoch ends only"))
        self.eval_every.setSuffix(translate("MnistControls", " steps"))

    def _row(self, form: QtWidgets.QFormLayout, text: str, field: QtWidgets.QWidget) -> None:
        """A row labelled `text` (a source text: `retranslate` says it in the language shown)."""
        form.addRow(translate("MnistControls", text), field)
        self._rows.append((form, field, text))

    def _group(self, title: str, body: QtWidgets.QWidget) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox(translate("MnistControls", title))
        self._groups.append((box, title))
        inner = QtWidgets.QVBoxLayout(box)
        inner.setContentsMargins(8, 4, 8, 6)
        inner.addWidget(body)
        return box

    def _sync(self) -> None:
        """Show only the rows that apply to the current choices."""
        loss = self.loss.currentData()
        self.loss_form.setRowVisible(self.weights, loss == "weighted_cross_entropy")
        self.loss_form.setRowVisible(self.gamma, loss == "focal")
        self.loss_form.setRowVisible(self.alpha, loss == "focal")
        activation = self.activation.currentData()
        self.net_form.setRowVisible(self.leak, activation == "leaky_relu")
        self.net_form.setRowVisible(self.elu_alpha, activation == "elu")
        schedule = self.schedule.currentData()
        self.train_form.setRowVisible(self.step_size, schedule == "step")
        self.train_form.setRowVisible(self.step_gamma, schedule == "step")
        self.train_form.setRowVisible(self.eta_min, schedule == "cosine")
        self.train_form.setRowVisible(self.schedule_unit, schedule != "constant")
        on = self.imbalance.isChecked()
        self.data_form.setRowVisible(self.imbalance_digits, on)
        self.data_form.setRowVisible(self.imbalance_fraction, on)
        self.changed.emit()

    # -- widgets -> config ----------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The settings shown, as a TrainConfig; ValueError names a field it cannot read."""
        loss = self.loss.currentData()
        loss_params: dict[str, Any] = {}
        if loss == "weighted_cross_entropy":
            loss_params["weights"] = self.weights.value()
        elif loss == "focal":
            loss_params["gamma"] = float(self.gamma.value())
            loss_params["alpha"] = self.alpha.value()
        activation = self.activation.currentData()
        alpha = {"leaky_relu": self.leak, "elu": self.elu_alpha}.get(activation)
        activation_params = {"alpha": float(alpha.value())} if alpha is not None else {}
        schedule = self.schedule.currentData()
        schedule_params: dict[str, float] = {}
        if schedule == "step":
            schedule_params = {"step_size": int(self.step_size.value()),
                               "gamma": float(self.step_gamma.value())}
        elif schedule == "cosine":
            schedule_params = {"eta_min": float(self.eta_min.value())}
        imbalance: dict[int, float] = {}
        if self.imbalance.isChecked():
            fraction = float(self.imbalance_fraction.value())
            for digit in parse_ints(self.imbalance_digits.text(), QT_TRANSLATE_NOOP("MnistControls", "digits to imbalance"), 0, 9):
                imbalance[digit] = fraction
        hidden = tuple(parse_ints(self.hidden.text(), QT_TRANSLATE_NOOP("MnistControls", "hidden layers"), 1, 100000))
        return TrainConfig(
            optimizer=self.hyper.optimizer(),
            hyper=self.hyper.hyper(),
            loss=loss,
            loss_params=loss_params,
            activation=activation,
            activation_params=activation_params,
            hidden=hidden,
            batch_size=int(self.batch_size.value()),
            epochs=int(self.epochs.value()),
            schedule=schedule,
            schedule_params=schedule_params,
            schedule_unit=self.schedule_unit.currentData(),
            seed=int(self.seed.value()),
            device=self.device.currentData(),
            engine=self.engine.currentData(),
            dtype=self.dtype.currentData(),
            imbalance=imbalance,
            train_subset=int(self.train_subset.value()) or None,
            eval_every=int(self.eval_every.value()),
        )

    # -- config -> widgets ------------------------------------------------------------------
    def set_config(self, c: TrainConfig) -> None:
        """Show `c` (a loaded or queued run's settings)."""
        self.hyper.set_optimizer(c.optimizer, dict(c.hyper))
        select(self.loss, c.loss)
        if c.loss == "weighted_cross_entropy":
            self.weights.set_value(c.loss_params.get("weights", INVERSE))
        if c.loss == "focal":
            self.gamma.setValue(float(c.loss_params.get("gamma", 2.0)))
            self.alpha.set_value(c.loss_params.get("alpha"))
        select(self.activation, c.activation)
        for name, box in (("leaky_relu", self.leak), ("elu", self.elu_alpha)):
            alpha = c.activation_params.get("alpha") if c.activation == name else None
            box.setValue(float(ALPHA_DEFAULTS[name] if alpha is None else alpha))
        self.hidden.setText(", ".join(str(h) for h in c.hidden))
        select(self.engine, c.engine)
        select(self.dtype, c.dtype)
        self.batch_size.setValue(c.batch_size)
        self.epochs.setValue(c.epochs)
        select(self.schedule, c.schedule)
        self.step_size.setValue(int(c.schedule_params.get("step_size", 1)))
        self.step_gamma.setValue(float(c.schedule_params.get("gamma", 0.5)))
        self.eta_min.setValue(float(c.schedule_params.get("eta_min", 0.0)))
        select(self.schedule_unit, c.schedule_unit)
        self.seed.setValue(c.seed)
        device = c.device if self.device.findData(c.device) >= 0 else "cuda"
        select(self.device, device)
        self.imbalance.setChecked(bool(c.imbalance))
        if c.imbalance:
            self.imbalance_digits.setText(", ".join(str(d) for d in sorted(c.imbalance)))
            self.imbalance_fraction.setValue(float(next(iter(c.imbalance.values()))))
        self.train_subset.setValue(c.train_subset or 0)
        self.eval_every.setValue(c.eval_every)
        self._sync()
