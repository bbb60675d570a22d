"""The Backpropagation tab's real-network page: the 784-512-256-10 MNIST network, traced
on one digit (a test digit, or one the learner draws), with every layer's activations and
δ, the input gradient ∂C/∂x (saliency) and the ten class probabilities, live while drawing.

Sources of the network (`network` combo):
- the untrained network the MNIST tab's runs with seed 0 start from (`real.fresh_params`);
- a run of the MNIST tab (`set_runs`, plain `RunWeights` handed in by the main window:
  this package never imports the MNIST tab's);
- a saved run file (Open…).
Weights are converted, and files read, in a worker (`GeneratorWorker`): torch is imported
there, never on the GUI thread.

The input: test digit `index` of the MNIST folder found as the MNIST tab finds it
(`mnist.data.find`, loaded in a worker), or the canvas, made MNIST-like by
`drawing.preprocess`. The target ("why not a 7?"): the true label, or any class; the
trace is taken with y = target, so δ and ∂C/∂x answer "what would make the network say
the target". A drawing has no true label: its target is then the network's prediction.

The page computes nothing: `trace`, `preprocess` and the equations' text come from
`gradlab.core.backprop`. Tracing the real network on one digit takes a few ms, so it runs
on the GUI thread, once per throttled canvas change (`canvas.INTERVAL_MS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core.backprop import drawing, trace
from gradlab.core.mnist import data as mnist_data
from gradlab.gui.backprop.canvas import DrawingCanvas
from gradlab.gui.backprop.views import LayerPictures, sup
from gradlab.gui.backprop.words import core_text
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.plotting.fonts import rescale_new_text, set_text_scale
from gradlab.gui.run_label import shown_label
from gradlab.gui.style import BACKGROUND, FORMULA_FONT, NORMAL, Look
from gradlab.gui.worker import GeneratorWorker

SEED = 0  # TrainConfig's default seed: the fresh network is where the MNIST tab's runs start
RUN_FILTER = QT_TRANSLATE_NOOP("BackpropReal", "GradLab MNIST run (*.pt);;All files (*)")
FOCAL_NOTE = QT_TRANSLATE_NOOP("BackpropReal", "focal α (per-class weights) left out: it only scales this digit's δ")
TOP_UNITS = 3  # units listed per layer, by |δ|


class RunWeights(NamedTuple):
    """A trained network handed in from the MNIST tab: its legend text in the core's words
    (the run's key, the same in every language), its state dict, and its `TrainConfig`,
    with which the label is shown in the language in use (`run_label.shown_label`)."""

    label: str
    state_dict: Mapping[str, Any]
    activation: str = "relu"
    activation_params: Mapping[str, Any] = {}
    loss: str = "cross_entropy"
    loss_params: Mapping[str, Any] = {}
    config: Any = None


@dataclass(frozen=True)
class Network:
    """The parameters in use and how to trace them."""

    label: str  # in the core's words; `RealNetworkPage._label` says it in the language in use
    params: list
    activation: Any  # a core Activation (with its parameters)
    loss: Any  # a core Loss (with its parameters)
    note: str = ""  # what was changed to trace a single digit, if anything
    config: Any = None  # the run's TrainConfig (None for the untrained network)


@dataclass
class Digit:
    """The input being traced: x (1, 784) normalised, and its true label when known."""

    kind: str  # "test" | "drawing"
    x: np.ndarray
    label: int | None = None
    index: int | None = None


def _activation(name: str, params: Mapping[str, Any]) -> Any:
    from gradlab.core import activations

    return activations.get(name, **dict(params))


def _loss(name: str, params: Mapping[str, Any], classes: int = 10) -> tuple[Any, str]:
    """The run's loss for one digit, and a note when a parameter had to go.

    Per-class weights given as "inverse_frequency" need the training labels. For weighted
    cross-entropy with one sample they cancel (C = w_y ℓ / w_y = ℓ), so any weights give
    the same trace; focal's α scales that sample's δ by α_y, and is left out (said so)."""
    from gradlab.core import losses

    p = dict(params)
    note = ""
    if name == "weighted_cross_entropy" and not isinstance(p.get("weights"), (list, tuple)):
        p["weights"] = [1.0] * classes
    if name == "focal" and isinstance(p.get("alpha"), str):
        p.pop("alpha")
        note = FOCAL_NOTE
    return losses.get(name, **p), note


def _network_from(label: str, params: list, activation: str, activation_params: Mapping,
                  loss: str, loss_params: Mapping, config: Any = None) -> Network:
    loss_obj, note = _loss(loss, loss_params, params[-1][0].shape[0])
    return Network(label, params, _activation(activation, activation_params), loss_obj, note, config)


def _load_fresh(seed: int) -> Network:
    from gradlab.core.backprop import real

    return _network_from(UNTRAINED.format(seed=seed), real.fresh_params(seed), "relu", {},
                         "cross_entropy", {})


def _load_run(run: RunWeights) -> Network:
    from gradlab.core.backprop import real

    return _network_from(run.label, real.params_from_state_dict(run.state_dict), run.activation,
                         run.activation_params, run.loss, run.loss_params, run.config)


def _load_file(path: Path) -> Network:
    from gradlab.core.backprop import real

    params, info = real.params_from_run_file(path)
    return _network_from(f"{path.name}: {info.get('label', '')}", params, info["activation"],
                         info.get("activation_params", {}), info["loss"], info.get("loss_params", {}),
                         info.get("config"))


class _NetworkCombo(QtWidgets.QComboBox):
    """A combo that says when its list is about to open (to list the latest runs), and
    shows a long run name elided in the middle ("MNIST tab: 1. Adam…seed 0") so both its
    number and its end stay readable; the full name is in the tooltip and the open list."""

    opening = QtCore.Signal()

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.opening.emit()
        super().showPopup()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QtWidgets.QStylePainter(self)
        opt = QtWidgets.QStyleOptionComboBox()
        self.initStyleOption(opt)
        edit = self.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_ComboBox, opt,
                                           QtWidgets.QStyle.SubControl.SC_ComboBoxEditField, self)
        opt.currentText = self.fontMetrics().elidedText(
            opt.currentText, QtCore.Qt.TextElideMode.ElideMiddle, max(edit.width() - 4, 20))
        painter.drawComplexControl(QtWidgets.QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QtWidgets.QStyle.ControlElement.CE_ComboBoxLabel, opt)


# The fresh network's label (its Network.label, in the status line: shown translated).
UNTRAINED = QT_TRANSLATE_NOOP("BackpropReal", "untrained (seed {seed})")

_DATA: dict[Path, Any] = {}  # loaded MNIST by folder: one 50 MB load per process


class RealNetworkPage(QtWidgets.QWidget):
    """The real network traced on one digit; see the module docstring."""

    traced = QtCore.Signal(object)  # the Trace just shown
    network_loaded = QtCore.Signal(str)  # its label, once its weights are in use
    data_loaded = QtCore.Signal(bool)  # the MNIST test set is (True) or is not (False) usable
    message = QtCore.Signal(str)  # what the status line says

    def __init__(self, parent: QtWidgets.QWidget | None = None,
                 data_folder: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backprop_real")
        self.network: Network | None = None
        self.network_key: tuple[str, Any] | None = None  # its entry in the network list
        self._loading_key: tuple[str, Any] = ("fresh", SEED)
        self.digit: Digit | None = None
        self.trace = None
        self.target_text = ""
        self.data: Any = None  # MnistData once loaded
        self._data_from: Path | None = None  # the folder it was loaded from
        self._network_loader: GeneratorWorker | None = None
        self._data_loader: GeneratorWorker | None = None
        self._pending: tuple[str, Any] | None = None  # a network asked for while one loads
        self._runs: dict[str, RunWeights] = {}
        # The status line and the data note, remade in the language in use.
        self._status_text: Callable[[], str] = str
        self._note_text: Callable[[], str] = str
        self._build()
        self._find_data(data_folder)
        self._select_network(("fresh", SEED))
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use; the digit traced again for its lines."""
        for i in range(self.network_combo.count()):
            text, tip = self._network_item(self.network_combo.itemData(i))
            self.network_combo.setItemText(i, text)
            self.network_combo.setItemData(i, tip, QtCore.Qt.ItemDataRole.ToolTipRole)
        if self.network is not None:
            self.network_combo.setToolTip(self._label(self.network))
        self.open_button.setText(translate("BackpropReal", "Open…"))
        self.open_button.setToolTip(translate("BackpropReal", "Load a run the MNIST tab saved (a .pt file)"))
        self.use_test.setText(translate("BackpropReal", "Test digit"))
        self.use_drawing.setText(translate("BackpropReal", "My drawing"))
        self.index.setToolTip(translate("BackpropReal", "Which MNIST test digit"))
        self.next_mistake_button.setText(translate("BackpropReal", "Next mistake"))
        self.next_mistake_button.setToolTip(translate("BackpropReal", "The next test digit this network gets wrong"))
        self.clear_button.setText(translate("BackpropReal", "Clear"))
        self.clear_button.setToolTip(translate("BackpropReal",
                                               "Wipe the drawing (the right mouse button erases a part)"))
        self.target.setItemText(0, translate("BackpropReal", "true label"))
        for i in range(1, self.target.count()):
            self.target.setItemText(i, translate("BackpropReal", "why not {c}?").format(c=self.target.itemData(i)))
        self.target.setToolTip(translate("BackpropReal", "The class y the loss is taken against: δ and ∂C/∂x "
                                         "show what would make the network say it"))
        self.net_box.setTitle(translate("BackpropReal", "Network 784-512-256-10"))
        self.in_box.setTitle(translate("BackpropReal", "Input"))
        self.target_caption.setText(translate("BackpropReal", "Target:"))
        self.units.setToolTip(translate("BackpropReal", "The units whose δ is largest in size, with the numbers of "
                                 "their backpropagation step"))
        self.status.setText(self._status_text())
        self.data_note.setText(self._note_text())
        if self.data_note.toolTip():
            self.data_note.setToolTip(self._no_data_tip())
        if self.pictures.sizes:
            self.pictures.retranslate()
        if self.trace is not None:
            self.retrace()

    def _network_item(self, key: tuple[str, Any]) -> tuple[str, str]:
        """The network list's entry for `key`, and its tooltip."""
        kind, value = key
        if kind == "fresh":
            return (translate("BackpropReal", "Untrained (seed {seed})").format(seed=value),
                    translate("BackpropReal", "The weights every MNIST-tab run with this seed starts from"))
        if kind == "run":
            run = self._runs.get(value)
            text = translate("BackpropReal", "MNIST tab: {label}").format(
                label=shown_label(value, run.config if run is not None else None))
            return text, text
        return translate("BackpropReal", "File: {name}").format(name=Path(value).name), ""

    def _label(self, network: Network) -> str:
        """A network's label in the language in use (the untrained one's, a run's settings)."""
        if self.network_key is not None and self.network_key[0] == "fresh" and network is self.network:
            return translate("BackpropReal", UNTRAINED).format(seed=self.network_key[1])
        return shown_label(network.label, network.config)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        # Network
        self.network_combo = _NetworkCombo()
        self.network_combo.setObjectName("network")
        # A long run label must not widen the column: the list shows it whole when open.
        self.network_combo.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.network_combo.setMinimumContentsLength(22)
        self.network_combo.addItem("", ("fresh", SEED))
        self.network_combo.activated.connect(self._on_network_chosen)
        self.network_combo.opening.connect(self.refresh_runs)  # runs trained since
        self.open_button = QtWidgets.QPushButton()
        self.open_button.setObjectName("open_run")
        self.open_button.clicked.connect(self._open_dialog)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)

        # Input
        self.use_test = QtWidgets.QRadioButton()
        self.use_drawing = QtWidgets.QRadioButton()
        self.use_drawing.setChecked(True)
        self.use_test.toggled.connect(lambda on: on and self.show_test_digit(self.index.value()))
        self.use_drawing.toggled.connect(lambda on: on and self._use_canvas())
        self.index = QtWidgets.QSpinBox()
        self.index.setObjectName("test_index")
        self.index.setRange(0, 9999)
        self.index.valueChanged.connect(self.show_test_digit)
        self.next_mistake_button = QtWidgets.QPushButton()
        self.next_mistake_button.setObjectName("next_mistake")
        self.next_mistake_button.clicked.connect(self.next_mistake)
        self.data_note = QtWidgets.QLabel("")
        self.data_note.setObjectName("Muted")
        self.data_note.setWordWrap(True)

        self.canvas = DrawingCanvas()
        self.canvas.changed.connect(self._on_drawn)
        self.clear_button = QtWidgets.QPushButton()
        self.clear_button.setObjectName("clear_canvas")
        self.clear_button.clicked.connect(self.canvas.clear)

        # Target
        self.target = QtWidgets.QComboBox()
        self.target.setObjectName("target")
        self.target.addItem("", None)
        for c in range(10):
            self.target.addItem("", c)
        self.target.currentIndexChanged.connect(lambda _i: self.retrace())

        self.target_label = QtWidgets.QLabel("")  # what is traced, for which target
        self.target_label.setObjectName("target_label")
        self.target_label.setWordWrap(True)
        self.target_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)

        # What the network says, large: the one number a class reads off the projector.
        self.verdict = QtWidgets.QLabel("")
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        big = self.verdict.font()
        big.setBold(True)
        self._verdict_pt = big.pointSizeF() * 1.4
        big.setPointSizeF(self._verdict_pt)
        self.verdict.setFont(big)

        left = QtWidgets.QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        self.net_box = net_box = QtWidgets.QGroupBox()
        g = QtWidgets.QGridLayout(net_box)
        g.addWidget(self.network_combo, 0, 0)
        g.addWidget(self.open_button, 0, 1)
        g.addWidget(self.status, 1, 0, 1, 2)
        g.setColumnStretch(0, 1)
        left.addWidget(net_box)

        self.in_box = in_box = QtWidgets.QGroupBox()
        g = QtWidgets.QGridLayout(in_box)
        g.addWidget(self.use_test, 0, 0)
        g.addWidget(self.index, 0, 1)
        g.addWidget(self.next_mistake_button, 0, 2)
        g.addWidget(self.data_note, 1, 0, 1, 3)
        g.addWidget(self.use_drawing, 2, 0)
        g.addWidget(self.clear_button, 2, 2)
        g.addWidget(self.canvas, 3, 0, 1, 3)
        g.setColumnStretch(1, 1)
        left.addWidget(in_box)

        row = QtWidgets.QHBoxLayout()
        self.target_caption = QtWidgets.QLabel()
        row.addWidget(self.target_caption)
        row.addWidget(self.target, 1)
        left.addLayout(row)
        left.addWidget(self.verdict)
        left.addWidget(self.target_label)
        left.addStretch(1)

        side = QtWidgets.QWidget()
        side.setLayout(left)
        side.setMinimumWidth(300)
        side.setMaximumWidth(400)

        # Right: the pictures, the units with the largest |δ|
        self.layers_view = pg.GraphicsLayoutWidget()
        self.layers_view.setBackground(BACKGROUND)
        self.layers_view.setMinimumHeight(260)
        self.pictures = LayerPictures(self.layers_view)
        self.layers_view.scene().sigMouseMoved.connect(self._on_hover)
        self.units = QtWidgets.QPlainTextEdit()
        self.units.setObjectName("top_units")
        self.units.setReadOnly(True)
        self.units.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = self.units.font()
        font.setFamilies([f.strip() for f in FORMULA_FONT.split(",")])
        self.units.setFont(font)

        right = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        right.addWidget(self.layers_view)
        right.addWidget(self.units)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([800, 200])  # in proportion: the pictures first
        right.setChildrenCollapsible(False)

        outer = QtWidgets.QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(side)
        outer.addWidget(right, 1)
        self._set_data_enabled(False, lambda: translate("BackpropReal", "Looking for the MNIST test set…"))

    # -- networks ------------------------------------------------------------------
    def set_runs(self, runs: Iterable[RunWeights | Mapping[str, Any]]) -> None:
        """Offer these trained networks (from the MNIST tab) in the network list; plain
        `RunWeights` or mappings with the same keys. The choice in use stays."""
        self._runs = {}
        for r in runs:
            # Keys it does not use (the Landscape tab's colour, path) are left out.
            run = r if isinstance(r, RunWeights) else RunWeights(
                **{k: v for k, v in dict(r).items() if k in RunWeights._fields})
            self._runs[run.label] = run
        blocker = QtCore.QSignalBlocker(self.network_combo)
        for i in reversed(range(self.network_combo.count())):
            if self.network_combo.itemData(i)[0] == "run":
                self.network_combo.removeItem(i)
        for n, label in enumerate(self._runs):
            text, tip = self._network_item(("run", label))
            self.network_combo.insertItem(1 + n, text, ("run", label))
            self.network_combo.setItemData(1 + n, tip, QtCore.Qt.ItemDataRole.ToolTipRole)
        del blocker
        self._show_network_in_use()

    def refresh_runs(self) -> None:
        """Ask the window for the MNIST tab's runs (`mnist_runs()`, when it has one)."""
        source = getattr(self.window(), "mnist_runs", None)
        if callable(source):
            self.set_runs(source())

    def refresh_data(self) -> None:
        """Look for MNIST where the MNIST tab has it (the window's `mnist_folder()`: the
        folder that tab loaded or the one remembered), unless that is already loaded."""
        source = getattr(self.window(), "mnist_folder", None)
        folder = source() if callable(source) else None
        if folder and self._data_loader is None:
            found = mnist_data.find([folder])
            if found is not None and found != self._data_from:
                self._find_data(found)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh_runs()
        self.refresh_data()

    def open_run_file(self, path: str | Path) -> None:
        """Use the network of a saved run (read in a worker; `network_loaded` when in use)."""
        path = Path(path)
        key = ("file", str(path))
        if self.network_combo.findData(key) < 0:
            self.network_combo.addItem(self._network_item(key)[0], key)
        self.network_combo.setCurrentIndex(self.network_combo.findData(key))
        self._select_network(key)

    def _open_dialog(self) -> None:
        from gradlab.gui.exporting import ask_path  # noqa: PLC0415 - the dialog's labels in the language in use

        path = ask_path(self, translate("BackpropReal", "Open run"), "", translate("BackpropReal", RUN_FILTER))
        if path:
            self.open_run_file(path)

    def _on_network_chosen(self, index: int) -> None:
        self._select_network(self.network_combo.itemData(index))

    def _select_network(self, key: tuple[str, Any]) -> None:
        if self._network_loader is not None:  # one load at a time; the latest wish wins
            self._pending = key
            return
        kind, value = key
        if kind == "fresh":
            make: Callable[[], Network] = lambda: _load_fresh(value)
            what = lambda: translate("BackpropReal", "the untrained network")  # noqa: E731
        elif kind == "run":
            run = self._runs.get(value)
            if run is None:
                self._say(lambda: translate("BackpropReal", "The MNIST tab no longer has run {label}").format(
                    label=value))
                return
            make, what = (lambda: _load_run(run)), (lambda: shown_label(run.label, run.config))
        else:
            path = Path(value)
            make, what = (lambda: _load_file(path)), (lambda: path.name)

        def load(stop):
            try:
                yield make()
            except (ValueError, OSError) as e:  # a bad file: say why, keep the network
                yield e

        self._loading_key = key
        self._network_loader = GeneratorWorker(load, self)
        self._network_loader.setObjectName("backprop network loader")
        self._network_loader.frame.connect(self._on_network)
        self._network_loader.failed.connect(lambda m: (self._say(
            lambda: translate("BackpropReal", "Could not load {what}: {error}").format(what=what(), error=explain(m))),
            self._show_network_in_use()))
        self._network_loader.finished.connect(self._on_network_loader_finished)
        self._say(lambda: translate("BackpropReal", "Loading {what}…").format(what=what()))
        self._network_loader.start()

    def _on_network(self, result: Any) -> None:
        key = self._loading_key
        if isinstance(result, Exception):
            error = str(result)
            self._say(lambda: explain(error))
            self._show_network_in_use(drop=key if key[0] == "file" else None)
            return
        self.network, self.network_key = result, key
        self._show_network_in_use()
        self.network_combo.setToolTip(self._label(result))

        def in_use() -> str:
            text = translate("BackpropReal", "In use: {label}").format(label=self._label(result))
            if result.note:
                text += translate("BackpropReal", " ({note})").format(note=translate("BackpropReal", result.note))
            return text

        self._say(in_use)
        self.retrace()
        self.network_loaded.emit(result.label)

    def _show_network_in_use(self, drop: tuple[str, Any] | None = None) -> None:
        """Point the list back at the network in use (after a failed load), dropping
        the entry of a file that is not a run."""
        blocker = QtCore.QSignalBlocker(self.network_combo)
        if drop is not None and self.network_combo.findData(drop) >= 0:
            self.network_combo.removeItem(self.network_combo.findData(drop))
        index = self.network_combo.findData(self.network_key)
        if index >= 0:
            self.network_combo.setCurrentIndex(index)
        del blocker

    def _on_network_loader_finished(self) -> None:
        self._network_loader = None
        if self._pending is not None:
            key, self._pending = self._pending, None
            self._select_network(key)

    # -- data --------------------------------------------------------------------------
    def use_data_folder(self, folder: str | Path) -> None:
        """Look for the MNIST test set in `folder` (then the app's data folder) and load it."""
        if self._data_loader is None:
            self._find_data(folder)

    def _find_data(self, folder: str | Path | None) -> None:
        found = mnist_data.find([folder] if folder else [])
        if found is None:
            self._set_data_enabled(False, lambda: translate("BackpropReal", "No MNIST data: draw a digit."))
            self.data_note.setToolTip(self._no_data_tip())
            self.data_loaded.emit(False)
            return
        if found in _DATA:
            self._on_data(_DATA[found], found)
            return

        def load(stop):
            try:
                yield _DATA.get(found) or mnist_data.load(found)
            except (ValueError, OSError) as e:
                yield e

        self._data_loader = GeneratorWorker(load, self)
        self._data_loader.setObjectName("backprop MNIST loader")
        self._data_loader.frame.connect(lambda d: self._on_data(d, found))
        self._data_loader.finished.connect(self._on_data_loader_finished)
        self._set_data_enabled(False, lambda: translate("BackpropReal", "Loading the MNIST test set from {folder}…")
                               .format(folder=found))
        self._data_loader.start()

    @staticmethod
    def _no_data_tip() -> str:
        return translate("BackpropReal", "No MNIST test set was found (the MNIST tab can download it, "
                         "into GradLab's data folder)")

    def _on_data(self, data: Any, folder: Path | None = None) -> None:
        if isinstance(data, Exception):
            error = str(data)
            self._set_data_enabled(False, lambda: translate("BackpropReal", "MNIST could not be read: {error}")
                                   .format(error=explain(error)))
            self.data_loaded.emit(False)
            return
        if folder is not None:
            _DATA[folder] = data
        self.data = data
        self._data_from = folder or getattr(data, "folder", None)
        self.index.setMaximum(len(data.test_labels) - 1)
        self._set_data_enabled(True, str)
        self.data_loaded.emit(True)

    def _on_data_loader_finished(self) -> None:
        self._data_loader = None

    def _set_data_enabled(self, on: bool, note: Callable[[], str]) -> None:
        """The test-digit controls on or off, and the note under them (made by `note`, in
        the language in use)."""
        for w in (self.use_test, self.index, self.next_mistake_button):
            w.setEnabled(on)
        self._note_text = note
        note = note()
        self.data_note.setText(note)
        self.data_note.setVisible(bool(note))

    # -- input -------------------------------------------------------------------------
    def show_test_digit(self, index: int) -> None:
        """Trace MNIST test digit `index` (switches the input to the test digit)."""
        if self.data is None:
            return
        from gradlab.core.backprop import real

        x, label, raw = real.test_digit(self.data, int(index))
        self.digit = Digit("test", x, label, int(index))
        if self.index.value() != index:
            blocker = QtCore.QSignalBlocker(self.index)
            self.index.setValue(int(index))
            del blocker
        if not self.use_test.isChecked():
            blocker = QtCore.QSignalBlocker(self.use_test)
            self.use_test.setChecked(True)
            del blocker
        self.retrace()

    def next_mistake(self) -> int | None:
        """Show the next test digit after the current one that the network gets wrong
        (wrapping around); returns its index, None when it gets every digit right."""
        if self.data is None or self.network is None:
            return None
        from gradlab.core.backprop import real

        n = len(self.data.test_labels)
        start = self.index.value() + 1 if self.digit is not None and self.digit.kind == "test" else 0
        chunk = 250  # traced together: one matrix product per layer instead of 250
        for offset in range(0, n, chunk):
            indices = [(start + offset + i) % n for i in range(min(chunk, n - offset))]
            xs, labels = zip(*(real.test_digit(self.data, i)[:2] for i in indices))
            t = trace(self.network.params, self.network.activation, np.vstack(xs),
                      np.asarray(labels), self.network.loss)
            wrong = np.flatnonzero(np.argmax(t.p, axis=1) != np.asarray(labels))
            if len(wrong):
                found = indices[int(wrong[0])]
                self.show_test_digit(found)
                return found
        network = self.network
        self._say(lambda: translate("BackpropReal", "{label} gets every test digit right").format(
            label=self._label(network)))
        return None

    def _use_canvas(self) -> None:
        self._on_drawn(self.canvas.array())

    def _on_drawn(self, canvas: np.ndarray) -> None:
        x = drawing.preprocess(canvas).reshape(1, -1)
        self.digit = Digit("drawing", x)
        if not self.use_drawing.isChecked():
            blocker = QtCore.QSignalBlocker(self.use_drawing)
            self.use_drawing.setChecked(True)
            del blocker
        self.retrace()

    # -- tracing -------------------------------------------------------------------------
    def target_class(self) -> int | None:
        """The class chosen in the target list (None: the true label)."""
        return self.target.currentData()

    def retrace(self) -> None:
        """Trace the network on the digit with y = the target, and show it."""
        if self.network is None:
            return
        if self.digit is None:
            self._on_drawn(self.canvas.array())
            return
        net, digit = self.network, self.digit
        chosen = self.target_class()
        if chosen is not None:
            y, why = chosen, translate("BackpropReal", "target {y} (chosen)").format(y=chosen)
        elif digit.label is not None:
            y, why = digit.label, translate("BackpropReal", "target {y} (the true label)").format(y=digit.label)
        else:  # a drawing: no label, so ask about what the network says it is
            p = trace(net.params, net.activation, digit.x, np.array([0]), net.loss).p
            y = int(np.argmax(p[0]))
            why = translate("BackpropReal", "target {y} (the prediction; a drawing has no label)").format(y=y)
        t = trace(net.params, net.activation, digit.x, np.array([y]), net.loss)
        self.trace = t
        self.target_text = why
        what = (translate("BackpropReal", "Test digit {index} (a {label})").format(index=digit.index, label=digit.label)
                if digit.kind == "test" else translate("BackpropReal", "Your drawing"))
        self.target_label.setText(translate("BackpropReal", "{what} · backward pass for {why} · C = {loss}").format(
            what=what, why=why, loss=f"{t.loss:.4g}"))
        rebuilt = t.sizes != self.pictures.sizes
        self.pictures.show(t, 0, f"y = {y}")
        if rebuilt:  # new plots (another network's shape) take presenter mode's text size
            rescale_new_text(self)
        p = t.p[0]
        says = int(np.argmax(p))
        self.verdict.setText(translate("BackpropReal", "The network says {digit} ({percent}%)").format(
            digit=says, percent=f"{100 * p[says]:.0f}"))
        self.units.setPlainText(self._units_text(t, y))
        self.traced.emit(t)

    def _units_text(self, t: Any, y: int) -> str:
        """The units with the largest |δ| in each layer, last layer first (the order
        backpropagation visits them), each with its equation and numbers."""
        try:
            from gradlab.core.backprop import equations, phases as phases_mod
        except ImportError:
            equations = phases_mod = None
        L = len(t.sizes) - 1
        lines = [translate("BackpropReal", "Largest |δ| per layer, for target {y}:").format(y=y)]
        steps = {}
        if phases_mod is not None:
            for ph in phases_mod.phases(L, False):
                if ph.kind == "output_delta":
                    steps[L] = ph
                elif ph.kind == "hidden_delta":
                    steps[ph.layer] = ph
        for l in range(L, 0, -1):
            d = np.asarray(t.delta[l - 1][0])
            for j in np.argsort(-np.abs(d), kind="stable")[:TOP_UNITS]:
                j = int(j)
                head = translate("BackpropReal", "layer {l}, unit {j}: {delta}").format(
                    l=l, j=j, delta=f"δ{sup(l)} = {d[j]:.4g}")
                if equations is not None and l in steps:
                    try:
                        lines.append(f"{head}\n    {core_text(equations.substituted(t, steps[l], 0, unit=j))}")
                        continue
                    except (ValueError, IndexError, TypeError):
                        pass
                z = float(t.z[l - 1][0, j])
                lines.append(f"{head}   (z = {z:.4g})")
        return "\n".join(lines)

    def hover_text(self, scene_pos: QtCore.QPointF) -> str:
        """What the picture under `scene_pos` shows, and that unit's numbers
        (`equations.unit_tooltip`); "" off the pictures."""
        hit = self.pictures.unit_at(scene_pos) if self.trace is not None else None
        if hit is None:
            return ""
        from gradlab.core.backprop import equations

        row, layer, unit = hit
        what = self.pictures.descriptions.get((row, layer), "")
        return f"{what}\n\n{core_text(equations.unit_tooltip(self.trace, layer, unit))}"

    def _on_hover(self, scene_pos: QtCore.QPointF) -> None:
        text = self.hover_text(scene_pos)
        if text:
            QtWidgets.QToolTip.showText(QtGui.QCursor.pos(), text, self.layers_view)
        else:
            QtWidgets.QToolTip.hideText()

    # -- look and life ----------------------------------------------------------------------
    def set_look(self, look: Look) -> None:
        """Presenter mode: the plots' text scales with the window's font (the widgets
        follow the window's font on their own)."""
        k = look.font_pt / NORMAL.font_pt
        set_text_scale(self, k)
        big = self.verdict.font()
        big.setPointSizeF(self._verdict_pt * k)
        self.verdict.setFont(big)

    def _say(self, text: Callable[[], str]) -> None:
        """Say `text()` in the status line (made again in another language)."""
        self._status_text = text
        shown = text()
        self.status.setText(shown)
        self.message.emit(shown)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the loaders and the canvas's throttle (on close)."""
        self.canvas.stop()
        ok = True
        for w in (self._network_loader, self._data_loader):
            if w is not None:
                ok = w.stop_and_wait(timeout_ms) and ok
        return ok

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)
