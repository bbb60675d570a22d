"""The Playground's settings column: data, input features, network and training.

`Controls` holds only widgets and plain values. It says what changed through three
signals: `data_changed` (the points must be made again), `network_changed` (same
points, a new network: architecture, activation, loss, optimizer, batch, L2) and
`lr_changed(lr)` (applied while training, without a reset); `display_changed` for
what is only drawn differently (test points, discretise). `settings()` returns the
values as a plain dict in `PlaygroundConfig`'s field names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.core import activations, losses
from gradlab.core.optimizers import registry as optimizers
from gradlab.core.playground import datasets, features
from gradlab.gui import terms
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate

MAX_LAYERS = 6
MAX_UNITS = 8
DEFAULT_HIDDEN = (4, 2)
# The learning rate each optimizer starts with here: large enough that a 2-D toy
# problem visibly learns in seconds (the core's defaults are for MNIST-sized nets).
START_LR = {"sgd": 0.03, "momentum": 0.03, "nesterov": 0.03, "adagrad": 0.1, "rmsprop": 0.01,
            "adam": 0.01, "adamw": 0.01, "adamax": 0.02, "nadam": 0.01}
# The losses' short titles here (the column is narrow), translated when shown (`loss_title`).
LOSS_TITLES = {"cross_entropy": QT_TRANSLATE_NOOP("PlaygroundControls", "Cross-entropy"),
               "weighted_cross_entropy": QT_TRANSLATE_NOOP("PlaygroundControls", "Weighted cross-entropy"),
               "focal": QT_TRANSLATE_NOOP("PlaygroundControls", "Focal"),
               "softmax_mse": QT_TRANSLATE_NOOP("PlaygroundControls", "MSE on softmax"),
               "mse": QT_TRANSLATE_NOOP("PlaygroundControls", "MSE")}
# The core's data set titles (`datasets.TITLES`, word for word: a test checks), marked here
# because the core knows no Qt.
DATASET_TITLES = {"circle": QT_TRANSLATE_NOOP("PlaygroundControls", "Circle"),
                  "xor": QT_TRANSLATE_NOOP("PlaygroundControls", "Exclusive or"),
                  "gauss": QT_TRANSLATE_NOOP("PlaygroundControls", "Two Gaussians"),
                  "spiral": QT_TRANSLATE_NOOP("PlaygroundControls", "Spiral"),
                  "moons": QT_TRANSLATE_NOOP("PlaygroundControls", "Moons")}


def loss_title(name: str) -> str:
    """The loss `name`'s short title in the language in use ("focal" → "Focal")."""
    return translate("PlaygroundControls", LOSS_TITLES[name]) if name in LOSS_TITLES else name


def dataset_title(name: str) -> str:
    """The data set `name`'s title in the language in use ("spiral" → "Spiral")."""
    text = DATASET_TITLES.get(name)
    return translate("PlaygroundControls", text) if text else datasets.TITLES.get(name, name)


def class_name(k: int) -> str:
    """"class k", as the combo boxes list the classes."""
    return translate("PlaygroundControls", "class {k}").format(k=k)


class _Texts:
    """Texts set once, kept with their English source so that they can be set again in
    the language in use (`again`, on LanguageChange)."""

    def __init__(self) -> None:
        self._setters: list[tuple[Callable[[str], Any], str]] = []

    def set(self, setter: Callable[[str], Any], source: str) -> None:
        """`setter(source translated)` now and on every `again()`; `source` is marked
        with QT_TRANSLATE_NOOP("PlaygroundControls", ...)."""
        self._setters.append((setter, source))
        setter(translate("PlaygroundControls", source))

    def label(self, source: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        self.set(label.setText, source)
        return label

    def again(self) -> None:
        for setter, source in self._setters:
            setter(translate("PlaygroundControls", source))


def _spin(lo: float, hi: float, value: float, decimals: int = 0, suffix: str = "",
          step: float | None = None) -> QtWidgets.QAbstractSpinBox:
    box: QtWidgets.QAbstractSpinBox
    if decimals == 0:
        box = QtWidgets.QSpinBox()
        box.setRange(int(lo), int(hi))
        box.setValue(int(value))
    else:
        box = QtWidgets.QDoubleSpinBox()
        box.setDecimals(decimals)
        box.setRange(lo, hi)
        box.setValue(value)
        if step is None:
            box.setStepType(QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        else:
            box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)  # one change per edit, not one per typed digit
    return box


def _tool(text: str, tip: str) -> QtWidgets.QToolButton:
    b = QtWidgets.QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(False)
    return b


class _LayerRow(QtWidgets.QWidget):
    """'Layer k: [−] n units [+]'."""

    def __init__(self, index: int, units: int, changed) -> None:
        super().__init__()
        self.units = units
        self._changed = changed
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.index = index
        self.title = QtWidgets.QLabel()
        self.minus = _tool("−", "")
        self.plus = _tool("+", "")
        self.count = QtWidgets.QLabel()
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(self.minus)
        row.addWidget(self.count)
        row.addWidget(self.plus)
        self.minus.clicked.connect(lambda: self.set_units(self.units - 1))
        self.plus.clicked.connect(lambda: self.set_units(self.units + 1))
        self.set_units(units, emit=False)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        k = self.index + 1
        self.title.setText(translate("PlaygroundControls", "Layer {k}:").format(k=k))
        self.minus.setToolTip(translate("PlaygroundControls", "one unit fewer in layer {k}").format(k=k))
        self.plus.setToolTip(translate("PlaygroundControls", "one unit more in layer {k}").format(k=k))
        self._show_count()

    def _show_count(self) -> None:
        n = self.units
        self.count.setText(translate("PlaygroundControls", "{n} unit").format(n=n) if n == 1
                           else translate("PlaygroundControls", "{n} units").format(n=n))

    def set_units(self, n: int, emit: bool = True) -> None:
        n = min(max(n, 1), MAX_UNITS)
        changed = n != self.units
        self.units = n
        self._show_count()
        self.minus.setEnabled(n > 1)
        self.plus.setEnabled(n < MAX_UNITS)
        if emit and changed:
            self._changed()


class Controls(QtWidgets.QWidget):
    """Data, features, network and training settings (see the module docstring)."""

    data_changed = QtCore.Signal()
    network_changed = QtCore.Signal()
    lr_changed = QtCore.Signal(float)
    display_changed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = _Texts()
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._data_group())
        outer.addWidget(self._feature_group())
        outer.addWidget(self._network_group())
        outer.addWidget(self._training_group())
        outer.addStretch(1)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text set once, again in the language in use (the combo boxes' items too)."""
        self.texts.again()
        for row in self.layer_rows:
            row.retranslate()
        for combo, title in ((self.dataset, dataset_title), (self.activation, terms.activation_title),
                             (self.loss, loss_title), (self.optimizer, terms.optimizer_title),
                             (self.keep_class, class_name), (self.click_class, class_name)):
            for i in range(combo.count()):
                combo.setItemText(i, title(combo.itemData(i)))

    # -- data ------------------------------------------------------------------------------
    def _data_group(self) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox()
        say, label = self.texts.set, self.texts.label
        say(box.setTitle, QT_TRANSLATE_NOOP("PlaygroundControls", "Data"))
        form = QtWidgets.QFormLayout(box)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.dataset = QtWidgets.QComboBox()
        for name in datasets.NAMES:
            self.dataset.addItem(dataset_title(name), name)
        self.dataset.setCurrentIndex(datasets.NAMES.index("spiral"))
        self.classes = _spin(2, 3, 2)
        say(self.classes.setToolTip, QT_TRANSLATE_NOOP("PlaygroundControls", "classes: the spiral's arms (2 or 3)"))
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.dataset, 1)
        top.addWidget(label(QT_TRANSLATE_NOOP("PlaygroundControls", "arms")))
        top.addWidget(self.classes)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Data set")), top)
        self.noise = _spin(0, 50, 0, suffix=" %")
        self.train_share = _spin(10, 90, 50, suffix=" %")
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.noise)
        row.addWidget(label(QT_TRANSLATE_NOOP("PlaygroundControls", "train")))
        row.addWidget(self.train_share)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Noise")), row)
        self.n_points = _spin(10, datasets.MAX_POINTS, 500)
        self.seed = _spin(0, 999_999, 0)
        self.regenerate = QtWidgets.QPushButton()
        say(self.regenerate.setText, QT_TRANSLATE_NOOP("PlaygroundControls", "Regenerate"))
        say(self.regenerate.setToolTip, QT_TRANSLATE_NOOP("PlaygroundControls", "new points: the next seed"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.n_points)
        row.addWidget(label(QT_TRANSLATE_NOOP("PlaygroundControls", "seed")))
        row.addWidget(self.seed)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Points")), row)
        self.keep = _spin(5, 100, 100, suffix=" %")
        say(self.keep.setToolTip,
            QT_TRANSLATE_NOOP("PlaygroundControls", "class imbalance: keep this share of one class's points"))
        self.keep_class = QtWidgets.QComboBox()
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.keep)
        row.addWidget(label(QT_TRANSLATE_NOOP("PlaygroundControls", "of class")))
        row.addWidget(self.keep_class)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Keep")), row)
        self.click_class = QtWidgets.QComboBox()
        say(self.click_class.setToolTip,
            QT_TRANSLATE_NOOP("PlaygroundControls", "a click on the plane adds a point of this class; "
                              "right-click (or Shift+click) removes the nearest"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.click_class, 1)
        row.addWidget(self.regenerate)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Click adds")), row)
        self.show_test = QtWidgets.QCheckBox()
        say(self.show_test.setText, QT_TRANSLATE_NOOP("PlaygroundControls", "test points"))
        self.discretise = QtWidgets.QCheckBox()
        say(self.discretise.setText, QT_TRANSLATE_NOOP("PlaygroundControls", "discretise"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.show_test)
        row.addWidget(self.discretise)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Show")), row)
        self._fill_classes()
        self.dataset.currentIndexChanged.connect(self._dataset_picked)
        for w in (self.noise, self.train_share, self.n_points, self.seed, self.keep):
            w.valueChanged.connect(lambda _v: self.data_changed.emit())
        self.classes.valueChanged.connect(lambda _v: (self._fill_classes(), self.data_changed.emit()))
        self.keep_class.currentIndexChanged.connect(lambda _i: self.data_changed.emit())
        self.regenerate.clicked.connect(lambda: self.seed.setValue(self.seed.value() + 1))
        self.show_test.toggled.connect(lambda _c: self.display_changed.emit())
        self.discretise.toggled.connect(lambda _c: self.display_changed.emit())
        self._dataset_picked(emit=False)
        return box

    def _dataset_picked(self, _index: int = 0, emit: bool = True) -> None:
        spiral = self.dataset.currentData() == "spiral"
        self.classes.setEnabled(spiral)
        if not spiral and self.classes.value() != 2:
            blocker = QtCore.QSignalBlocker(self.classes)
            self.classes.setValue(2)
            del blocker
            self._fill_classes()
        if emit:
            self.data_changed.emit()

    def n_classes(self) -> int:
        return self.classes.value() if self.dataset.currentData() == "spiral" else 2

    def _fill_classes(self) -> None:
        for combo in (self.keep_class, self.click_class):
            blocker = QtCore.QSignalBlocker(combo)
            old = max(combo.currentIndex(), 0)
            combo.clear()
            for k in range(self.n_classes()):
                combo.addItem(class_name(k), k)
            combo.setCurrentIndex(min(old, combo.count() - 1))
            del blocker

    # -- features --------------------------------------------------------------------------
    def _feature_group(self) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox()
        self.texts.set(box.setTitle, QT_TRANSLATE_NOOP("PlaygroundControls", "Inputs"))
        grid = QtWidgets.QGridLayout(box)
        self.feature_boxes: dict[str, QtWidgets.QCheckBox] = {}
        for i, name in enumerate(features.FEATURES):
            check = QtWidgets.QCheckBox(features.TITLES[name])
            check.setChecked(name in ("x1", "x2"))
            check.toggled.connect(lambda _c, n=name: self._feature_toggled(n))
            self.feature_boxes[name] = check
            grid.addWidget(check, i // 4, i % 4)
        return box

    def _feature_toggled(self, name: str) -> None:
        if not self.features():  # the network needs an input: keep the last one on
            blocker = QtCore.QSignalBlocker(self.feature_boxes[name])
            self.feature_boxes[name].setChecked(True)
            del blocker
            return
        self.network_changed.emit()

    def features(self) -> tuple[str, ...]:
        return tuple(n for n in features.FEATURES if self.feature_boxes[n].isChecked())

    def set_features(self, names: tuple[str, ...]) -> None:
        for n, check in self.feature_boxes.items():
            blocker = QtCore.QSignalBlocker(check)
            check.setChecked(n in names)
            del blocker
        self.network_changed.emit()

    # -- network ----------------------------------------------------------------------------
    def _network_group(self) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox()
        say, label = self.texts.set, self.texts.label
        say(box.setTitle, QT_TRANSLATE_NOOP("PlaygroundControls", "Network"))
        v = QtWidgets.QVBoxLayout(box)
        row = QtWidgets.QHBoxLayout()
        self.layers_label = QtWidgets.QLabel()
        self.remove_layer = _tool("−", "")
        say(self.remove_layer.setToolTip, QT_TRANSLATE_NOOP("PlaygroundControls", "one hidden layer fewer"))
        self.add_layer = _tool("+", "")
        say(self.add_layer.setToolTip, QT_TRANSLATE_NOOP("PlaygroundControls", "one hidden layer more"))
        row.addWidget(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Hidden layers")))
        row.addStretch(1)
        row.addWidget(self.remove_layer)
        row.addWidget(self.layers_label)
        row.addWidget(self.add_layer)
        v.addLayout(row)
        self.layer_box = QtWidgets.QVBoxLayout()
        self.layer_box.setSpacing(2)
        v.addLayout(self.layer_box)
        self.layer_rows: list[_LayerRow] = []
        for n in DEFAULT_HIDDEN:
            self._append_layer(n)
        self._layers_shown()
        self.remove_layer.clicked.connect(self.pop_layer)
        self.add_layer.clicked.connect(self.push_layer)
        form = QtWidgets.QFormLayout()
        self.activation = QtWidgets.QComboBox()
        for name in activations.names():
            self.activation.addItem(terms.activation_title(name), name)
        self.activation.setCurrentIndex(max(self.activation.findData("tanh"), 0))
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Activation")), self.activation)
        self.loss = QtWidgets.QComboBox()
        for name in losses.names():
            if name != "mse":  # on logits it is not a classification loss; softmax_mse is TF's
                self.loss.addItem(loss_title(name), name)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Loss")), self.loss)
        self.gamma = _spin(0.0, 10.0, 2.0, decimals=2, step=0.5)
        say(self.gamma.setToolTip,
            QT_TRANSLATE_NOOP("PlaygroundControls", "focal loss γ: how much well-classified points are played down"))
        self.gamma_label = label(QT_TRANSLATE_NOOP("PlaygroundControls", "focal γ"))
        form.addRow(self.gamma_label, self.gamma)
        v.addLayout(form)
        self.activation.currentIndexChanged.connect(lambda _i: self.network_changed.emit())
        self.loss.currentIndexChanged.connect(self._loss_picked)
        self.gamma.valueChanged.connect(lambda _v: self.network_changed.emit())
        self._loss_picked(emit=False)
        return box

    def _append_layer(self, units: int) -> None:
        row = _LayerRow(len(self.layer_rows), units, self.network_changed.emit)
        self.layer_rows.append(row)
        self.layer_box.addWidget(row)

    def _layers_shown(self) -> None:
        n = len(self.layer_rows)
        self.layers_label.setText(str(n))
        self.remove_layer.setEnabled(n > 0)
        self.add_layer.setEnabled(n < MAX_LAYERS)

    def push_layer(self) -> None:
        """One hidden layer more (as wide as the last one, or 4)."""
        if len(self.layer_rows) >= MAX_LAYERS:
            return
        self._append_layer(self.layer_rows[-1].units if self.layer_rows else 4)
        self._layers_shown()
        self.network_changed.emit()

    def pop_layer(self) -> None:
        """One hidden layer fewer (the last)."""
        if not self.layer_rows:
            return
        row = self.layer_rows.pop()
        self.layer_box.removeWidget(row)
        row.deleteLater()
        self._layers_shown()
        self.network_changed.emit()

    def hidden(self) -> tuple[int, ...]:
        return tuple(r.units for r in self.layer_rows)

    def _loss_picked(self, _index: int = 0, emit: bool = True) -> None:
        focal = self.loss.currentData() == "focal"
        self.gamma.setVisible(focal)
        self.gamma_label.setVisible(focal)
        if emit:
            self.network_changed.emit()

    def loss_params(self) -> dict[str, Any]:
        name = self.loss.currentData()
        if name == "focal":
            return {"gamma": self.gamma.value()}
        if name == "weighted_cross_entropy":
            return {"weights": "inverse_frequency"}
        return {}

    # -- training -----------------------------------------------------------------------------
    def _training_group(self) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox()
        say, label = self.texts.set, self.texts.label
        say(box.setTitle, QT_TRANSLATE_NOOP("PlaygroundControls", "Training"))
        form = QtWidgets.QFormLayout(box)
        self.optimizer = QtWidgets.QComboBox()
        for name in optimizers.names():
            self.optimizer.addItem(terms.optimizer_title(name), name)
        self.optimizer.setCurrentIndex(max(self.optimizer.findData("adam"), 0))
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Optimizer")), self.optimizer)
        self.lr = _spin(1e-5, 1e6, START_LR["adam"], decimals=5)
        say(self.lr.setToolTip, QT_TRANSLATE_NOOP(
            "PlaygroundControls", "learning rate: changes apply at once, while training, without a reset"))
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Learning rate")), self.lr)
        self.batch_size = _spin(1, datasets.MAX_POINTS, 10)
        self.l2 = _spin(0.0, 1.0, 0.0, decimals=4)
        say(self.l2.setToolTip,
            QT_TRANSLATE_NOOP("PlaygroundControls", "L2 weight decay λ: adds λ·w to each weight's gradient"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.batch_size)
        row.addWidget(QtWidgets.QLabel("L2"))  # a formula's name: the same in every language
        row.addWidget(self.l2)
        form.addRow(label(QT_TRANSLATE_NOOP("PlaygroundControls", "Batch")), row)
        self.optimizer.currentIndexChanged.connect(self._optimizer_picked)
        self.lr.valueChanged.connect(self.lr_changed.emit)
        self.batch_size.valueChanged.connect(lambda _v: self.network_changed.emit())
        self.l2.valueChanged.connect(lambda _v: self.network_changed.emit())
        return box

    def _optimizer_picked(self, _index: int) -> None:
        blocker = QtCore.QSignalBlocker(self.lr)
        self.lr.setValue(START_LR.get(self.optimizer.currentData(), 0.01))
        del blocker
        self.network_changed.emit()

    def hyper(self, optimizer: str | None = None, lr: float | None = None) -> dict[str, Any]:
        """The optimizer's hyperparameters: the core's defaults with this learning rate."""
        name = optimizer or self.optimizer.currentData()
        h = dict(optimizers.defaults(name))
        h["lr"] = float(self.lr.value() if lr is None else lr)
        h.pop("weight_decay", None)  # L2 is the Playground's own setting
        return h

    # -- all of it ------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """Every value, in `PlaygroundConfig`'s field names (weight_seed is the tab's)."""
        return {
            "dataset": self.dataset.currentData(), "classes": self.n_classes(),
            "noise": self.noise.value() / 100.0, "n_points": self.n_points.value(),
            "train_share": self.train_share.value() / 100.0, "seed": self.seed.value(),
            "features": self.features(), "hidden": self.hidden(),
            "activation": self.activation.currentData(), "loss": self.loss.currentData(),
            "loss_params": self.loss_params(), "optimizer": self.optimizer.currentData(),
            "hyper": self.hyper(), "batch_size": self.batch_size.value(), "l2": self.l2.value(),
        }
