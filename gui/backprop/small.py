"""The Backpropagation tab's small network: one forward and backward pass, phase by phase.

The learner chooses a network (2-4 inputs, 1-3 hidden layers of 1-6 units, 2-3 softmax
outputs), its activation, loss and optimizer, and a batch of 1-8 points. The page
traces it (`gradlab.core.backprop.trace`: every z, a, δ, gradient and the optimizer's
step) and walks through `phases(L, with_update=True)`: forward layer by layer, the loss,
δ of the output, δ of each hidden layer back to the first, the gradients, the update.
Each phase lights up what it computes in the diagram and shows its equation, with the
numbers of the selected unit or weight substituted (`substituted`).

Stepping past the update takes the optimizer's step: the next trace starts from
`trace.next_params()` and `trace.next_state`. Every trace is kept (`history`), so
stepping back shows exactly the numbers shown before, never a recomputation. Changing
the activation, loss, optimizer or a value in the batch traces the current step again
(the steps before it stay as they were taken); changing the network's shape or the
seed starts a new network. The GUI computes none of the math.

A network may also come from outside (`load_network`: the Playground's network and one
of its points, as plain values routed through the main window): it is traced from the
weights given, and Reset returns to them. The page refuses, in one line, a network
larger than it draws legibly (`fits`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core import mlp
from gradlab.core.backprop import Trace, trace
from gradlab.core.backprop import data as bp_data
from gradlab.core.backprop import equations as bp_equations
from gradlab.core.backprop import phases as bp_phases
from gradlab.gui.backprop.controls import BatchTable, NetworkForm, Setup, narrow_combo
from gradlab.gui.backprop.diagram import (
    HIGHLIGHT, NEGATIVE, NUDGE, POSITIVE, Highlight, NetworkDiagram, Picture,
)
from gradlab.gui.backprop.equation import EquationPanel
from gradlab.gui.backprop.loss_plot import StepLossPlot
from gradlab.gui.backprop.words import core_text, phase_title
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.plotting.fonts import set_text_scale
from gradlab.gui.style import ERROR, NORMAL, Look

PANEL_WIDTH = 270  # the settings column
SIDE_WIDTH = 250  # the loss plot, right of the diagram
# Presenter mode widens the settings by less than it enlarges the font (long labels
# wrap), and the loss plot not at all: the diagram keeps the room.
PRESENTER_WIDTH = 1.3
PACES = (0.5, 1.0, 2.0, 4.0)  # phases per second when playing
DEFAULT_PACE = 1.0
BACKWARD = ("output_delta", "hidden_delta", "gradients", "update")
PER_SAMPLE = ("forward", "output_delta", "hidden_delta")  # phases whose numbers are one sample's
TEN = 10


def _g(v: float) -> str:
    """A number for the detail line: 4 significant digits and a true minus sign."""
    return f"{v:.4g}".replace("-", "−")


def _side_panel(width: int) -> tuple[QtWidgets.QScrollArea, QtWidgets.QVBoxLayout]:
    inner = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(inner)
    layout.setContentsMargins(6, 6, 6, 6)
    scroll = QtWidgets.QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFixedWidth(width)
    scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll, layout


def _button() -> QtWidgets.QPushButton:
    button = QtWidgets.QPushButton()
    button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # Space and the arrows stay with stepping
    return button


class SmallNetworkPage(QtWidgets.QWidget):
    """Settings and batch (left), the diagram and the loss over steps, the equation."""

    redrawn = QtCore.Signal()  # after every change of what is shown (tests wait on it)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[Trace] = []
        # What trace k started from: its params and optimizer state (None: a fresh state).
        self.starts: list[tuple[list, Any]] = []
        self.step_index = 0
        self.phase_index = 0
        self.selection: tuple[int, ...] | None = None
        self.sample: int | None = 0  # None: the whole batch
        self.setup: Setup | None = None
        # The weights a network given from outside starts from (Reset returns to them);
        # None: the seed's network.
        self.origin: list | None = None
        self.phase_list: list[Any] = []
        self.look = NORMAL
        # The texts of the error line and of the source line, remade in the language in use.
        self._message_text: Callable[[], str] = str
        self._source_text: Callable[[], str] = str

        # -- the settings column ---------------------------------------------------------------
        self.panel, column = _side_panel(PANEL_WIDTH)
        self.form = NetworkForm()
        column.addWidget(self.form)
        self.batch_box = batch = QtWidgets.QGroupBox()
        batch_layout = QtWidgets.QVBoxLayout(batch)
        form = QtWidgets.QFormLayout()
        self.n_samples = QtWidgets.QSpinBox()
        self.n_samples.setRange(1, 8)
        self.n_samples.setValue(4)
        self.show_box = narrow_combo(QtWidgets.QComboBox())
        form.addRow(QtWidgets.QLabel(), self.n_samples)
        form.addRow(QtWidgets.QLabel(), self.show_box)
        self._batch_form = form
        batch_layout.addLayout(form)
        self.table = BatchTable()
        batch_layout.addWidget(self.table)
        self.message = QtWidgets.QLabel()
        palette = self.message.palette()  # a palette, not a style sheet: the font still follows presenter mode
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(ERROR))
        self.message.setPalette(palette)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        batch_layout.addWidget(self.message)
        self.source = QtWidgets.QLabel()  # where a network given from outside came from
        self.source.setWordWrap(True)
        self.source.setVisible(False)
        batch_layout.addWidget(self.source)
        column.addWidget(batch)
        column.addStretch(1)

        # -- stepping ------------------------------------------------------------------------
        self.back_button = _button()
        self.step_button = _button()
        self.play_button = _button()
        self.play_button.setCheckable(True)
        self.pace = QtWidgets.QComboBox()
        for pace in PACES:
            self.pace.addItem("", pace)
        self.pace.setCurrentIndex(PACES.index(DEFAULT_PACE))
        self.pace.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.reset_button = _button()
        self.ten_button = _button()
        transport = QtWidgets.QHBoxLayout()
        for w in (self.back_button, self.step_button, self.play_button, self.pace,
                  self.reset_button, self.ten_button):
            transport.addWidget(w)
        transport.addStretch(1)

        self.timer = QtCore.QTimer(self)
        self.timer.setObjectName("backprop_play")

        # -- the picture ---------------------------------------------------------------------
        self.diagram = NetworkDiagram()
        self.loss_plot = StepLossPlot()
        self.legend = QtWidgets.QLabel()
        self.legend.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.caption = QtWidgets.QLabel()
        self.caption.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        # The legends keep the normal size in presenter mode: they are for the learner at
        # the desk, and the room they would take is the diagram's.
        small = QtGui.QFont()
        small.setPointSizeF(QtWidgets.QApplication.font().pointSizeF())
        for label in (self.legend, self.caption):
            label.setFont(small)
        self.equation = EquationPanel()
        self.equation.room = self

        # The loss beside the diagram, the legends under it in a line each: a projector's
        # 720 lines are the scarce room.
        self.side = QtWidgets.QWidget()
        self.side.setFixedWidth(SIDE_WIDTH)
        side = QtWidgets.QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.loss_plot, 1)
        picture = QtWidgets.QHBoxLayout()
        picture.addWidget(self.diagram, 1)
        picture.addWidget(self.side)
        centre = QtWidgets.QVBoxLayout()
        centre.setContentsMargins(4, 4, 4, 4)
        centre.addLayout(transport)
        centre.addLayout(picture, 1)
        centre.addWidget(self.legend)
        centre.addWidget(self.caption)
        centre.addWidget(self.equation)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        layout.addLayout(centre, 1)

        # -- wiring --------------------------------------------------------------------------
        self.back_button.clicked.connect(self.step_back)
        self.step_button.clicked.connect(self.step)
        self.play_button.toggled.connect(self.set_playing)
        self.pace.currentIndexChanged.connect(self._pace_changed)
        self.reset_button.clicked.connect(self.reset)
        self.ten_button.clicked.connect(self.step_ten)
        self.timer.timeout.connect(self._tick)
        self.form.shape_changed.connect(self.rebuild)
        self.n_samples.valueChanged.connect(lambda _n: self.rebuild())
        self.form.settings_changed.connect(self.retrace)
        self.table.edited.connect(self._batch_edited)
        self.table.rejected.connect(self._show_message)
        self.show_box.currentIndexChanged.connect(self._show_changed)
        self.diagram.unit_clicked.connect(lambda layer, j: self.select((layer, j)))
        self.diagram.edge_clicked.connect(lambda layer, j, k: self.select((layer, j, k)))
        # Window-wide, yet only while this page is shown (a hidden widget's shortcuts are
        # off); a focused text field keeps its own arrows and Space (Qt lets it override).
        self._shortcuts: list[tuple[QtGui.QShortcut, str]] = []
        for key, slot, what in (
                ("Right", self.step, QT_TRANSLATE_NOOP("BackpropSmall", "Next phase")),
                ("Left", self.step_back, QT_TRANSLATE_NOOP("BackpropSmall", "Previous phase")),
                ("Space", self.toggle_play, QT_TRANSLATE_NOOP("BackpropSmall", "Play or pause the phases"))):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), self, slot)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WindowShortcut)
            self._shortcuts.append((shortcut, what))  # named in Help > Keyboard shortcuts

        self.rebuild()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use: the controls, the legend, the lines of
        numbers (drawn again)."""
        self.batch_box.setTitle(translate("BackpropSmall", "Batch"))
        for row, text in enumerate((translate("BackpropSmall", "Samples"), translate("BackpropSmall", "Show"))):
            self._batch_form.itemAt(row, QtWidgets.QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.show_box.setToolTip(translate("BackpropSmall", "whose numbers the diagram and the equation show: "
                                           "one sample's, or every sample's line (the gradient is the batch mean)"))
        self.table.setToolTip(translate("BackpropSmall", "type a value to trace the network again"))
        for shortcut, what in self._shortcuts:
            shortcut.setWhatsThis(translate("BackpropSmall", what))
        for button, text, tip in (
                (self.back_button, translate("BackpropSmall", "◀ Back"),
                 translate("BackpropSmall", "the previous phase (Left)")),
                (self.step_button, translate("BackpropSmall", "Step ▶"),
                 translate("BackpropSmall", "the next phase (Right); after the update, the next step")),
                (self.play_button, None,
                 translate("BackpropSmall", "step through the phases at the chosen pace (Space)")),
                (self.reset_button, translate("BackpropSmall", "Reset"),
                 translate("BackpropSmall", "the network as the seed drew it, at the first phase")),
                (self.ten_button, translate("BackpropSmall", "Step ×10"),
                 translate("BackpropSmall", "ten optimizer steps on the batch"))):
            if text is not None:
                button.setText(text)
            button.setToolTip(tip)
        self._play_text()
        for i in range(self.pace.count()):
            self.pace.setItemText(i, translate("BackpropSmall", "{pace} phase/s").format(
                pace=f"{self.pace.itemData(i):g}"))
        self._sample_items()
        self.legend.setText(translate(
            "BackpropSmall",
            "<span style='color:{positive}'>━&nbsp;w&nbsp;&gt;&nbsp;0</span> &nbsp;"
            "<span style='color:{negative}'>━&nbsp;w&nbsp;&lt;&nbsp;0</span>, width ∝ |w| · "
            "unit colour: its value (blue &gt; 0, red &lt; 0) · "
            "<span style='color:{highlight}'><b>yellow</b></span>: this phase · "
            "dashed ring, white line: selected").format(
                positive=POSITIVE.name(), negative=NEGATIVE.name(), highlight=HIGHLIGHT.name()))
        self.message.setText(self._message_text())
        self.source.setText(self._source_text())
        if self.history:
            self.redraw()

    def _sample_items(self) -> None:
        """The Show list's entries: each sample, then the whole batch."""
        for i in range(self.show_box.count()):
            sample = self.show_box.itemData(i)
            self.show_box.setItemText(i, translate("BackpropSmall", "sample {i}").format(i=sample)
                                      if sample is not None else
                                      translate("BackpropSmall", "batch (all {n})").format(n=self.show_box.count() - 1))

    # -- what is shown now ---------------------------------------------------------------------
    @property
    def trace(self) -> Trace:
        return self.history[self.step_index]

    @property
    def phase(self) -> Any:
        return bp_phases.phases_for(self.trace)[self.phase_index]

    def phase_count(self) -> int:
        return len(bp_phases.phases_for(self.trace))

    def losses(self) -> list[float]:
        return [t.loss for t in self.history]

    # -- building and tracing ------------------------------------------------------------------
    def rebuild(self) -> None:
        """A new network and batch from the shape and seed: traced from the first phase."""
        self.set_playing(False)
        self.origin = None
        self.source.setVisible(False)
        setup = self.form.setup(self.n_samples.value())
        x, y = bp_data.small_batch(setup.sizes[0], setup.sizes[-1], setup.n_samples, setup.seed)
        self.table.set_batch(x, y, setup.sizes[-1])
        params = mlp.init_params(setup.sizes, setup.seed, np.float64)
        self.diagram.set_sizes(setup.sizes)
        blocker = QtCore.QSignalBlocker(self.show_box)
        self.show_box.clear()
        for i in range(setup.n_samples):
            self.show_box.addItem("", i)
        self.show_box.addItem("", None)
        self._sample_items()
        del blocker
        self.sample = 0
        self.selection = (1, 0)  # the first hidden unit: the first phase's numbers are its
        self.step_index = self.phase_index = 0
        self.history, self.starts = [], []
        if not self._trace_from(params, None, setup):
            # The new batch's labels may all weigh 0 in a weighted loss: show the network
            # with plain cross-entropy, the reason staying on screen.
            reason = self._message_text
            setup = replace(setup, loss="cross_entropy", loss_params={})
            self._trace_from(params, None, setup)
            self._show_message(lambda: translate("BackpropSmall", "{reason} (cross-entropy shown instead)").format(
                reason=reason()))
        self.setup = setup
        self.redraw()

    def reset(self) -> None:
        """The seed's network (or the one given from outside) again, the batch as it is
        now, at the first phase."""
        self.set_playing(False)
        params = self.origin if self.origin is not None else \
            mlp.init_params(self.setup.sizes, self.setup.seed, np.float64)
        old = (self.history, self.starts)
        self.history, self.starts = [], []
        if self._trace_from(params, None, self.setup):
            self.step_index = self.phase_index = 0
        else:  # pragma: no cover - the batch and settings shown traced before
            self.history, self.starts = old
        self.redraw()

    def limits(self) -> dict[str, tuple[int, int]]:
        """What the page draws legibly (its form's ranges): inputs, hidden layers, units
        per hidden layer, outputs, each (least, most)."""
        f = self.form
        return {"inputs": (f.inputs.minimum(), f.inputs.maximum()),
                "layers": (f.depth.minimum(), f.depth.maximum()),
                "units": (f.widths[0].minimum(), f.widths[0].maximum()),
                "outputs": (f.outputs.minimum(), f.outputs.maximum())}

    def fits(self, sizes: tuple[int, ...] | list[int]) -> str | None:
        """None when the page can show a network of these layer widths (inputs, hidden...,
        outputs); else one line saying what does not fit and what would."""
        lim = self.limits()
        n0, hidden, n_out = sizes[0], list(sizes[1:-1]), sizes[-1]
        wrong = []
        if not lim["inputs"][0] <= n0 <= lim["inputs"][1]:
            wrong.append(translate("BackpropSmall", "1 input") if n0 == 1 else
                         translate("BackpropSmall", "{n} inputs").format(n=n0))
        if not lim["layers"][0] <= len(hidden) <= lim["layers"][1]:
            wrong.append(translate("BackpropSmall", "no hidden layers") if not hidden else
                         translate("BackpropSmall", "1 hidden layer") if len(hidden) == 1 else
                         translate("BackpropSmall", "{n} hidden layers").format(n=len(hidden)))
        if any(not lim["units"][0] <= n <= lim["units"][1] for n in hidden):
            wrong.append(translate("BackpropSmall", "a layer of {n} units").format(n=max(hidden)))
        if not lim["outputs"][0] <= n_out <= lim["outputs"][1]:
            wrong.append(translate("BackpropSmall", "{n} classes").format(n=n_out))
        if not wrong:
            return None
        return translate(
            "BackpropSmall",
            "The Backpropagation tab cannot step through this network ({wrong}): it shows "
            "{inputs_lo}-{inputs_hi} inputs, {layers_lo}-{layers_hi} hidden layers of at most {units} "
            "units and {outputs_lo}-{outputs_hi} classes; switch features off or remove layers or units.").format(
                wrong=translate("BackpropSmall", ", ").join(wrong), inputs_lo=lim["inputs"][0],
                inputs_hi=lim["inputs"][1], layers_lo=lim["layers"][0], layers_hi=lim["layers"][1],
                units=lim["units"][1], outputs_lo=lim["outputs"][0], outputs_hi=lim["outputs"][1])

    def load_network(self, network: dict[str, Any]) -> str | None:
        """Show a network given from outside, traced on one sample, from its first phase.

        `network` (plain values): "sizes" (inputs, hidden..., outputs), "activation",
        "loss" and "loss_params", "optimizer" and "hyper", "params" [(W, b), ...], "x"
        (the sample's inputs), "label"; optional "inputs" (the inputs' names) and "point"
        (where the sample is on the Playground's plane). Returns None when shown, else one
        line saying why not (the page is left as it was)."""
        sizes = tuple(int(n) for n in network["sizes"])
        problem = self.fits(sizes)
        if problem:
            return problem
        params = [(np.array(W, dtype=np.float64), np.array(b, dtype=np.float64))
                  for W, b in network["params"]]
        x = np.array(network["x"], dtype=np.float64).reshape(1, -1)
        y = np.array([int(network["label"])], dtype=np.int64)
        setup = Setup(sizes, str(network["activation"]), str(network["loss"]),
                      dict(network.get("loss_params", {})), str(network["optimizer"]),
                      dict(network.get("hyper", {})), self.form.seed.value(), 1)
        try:
            first = trace(params, setup.activation, x, y, setup.make_loss(),
                          optimizer=setup.make_optimizer(), state=None)
        except ValueError as exc:  # checked before anything on the page changes
            return translate("BackpropSmall", "The Backpropagation tab cannot trace this network: {reason}").format(
                reason=explain(str(exc)))
        self.set_playing(False)
        self._show_setup(setup)
        self.table.set_batch(x, y, sizes[-1])
        self.diagram.set_sizes(sizes)
        blocker = QtCore.QSignalBlocker(self.show_box)
        self.show_box.clear()
        self.show_box.addItem("", 0)
        self.show_box.addItem("", None)
        self._sample_items()
        del blocker
        self.sample = 0
        self.selection = (1, 0)
        self.step_index = self.phase_index = 0
        self.history, self.starts = [first], [(params, None)]
        self.setup, self.origin = setup, params
        self.message.setVisible(False)
        where = network.get("point")
        names = network.get("inputs")
        label = int(y[0])

        def source() -> str:
            text = translate("BackpropSmall", "From the Playground")
            if where is not None:
                text += translate("BackpropSmall", ": the point ({x}, {y}), class {label}").format(
                    x=_g(float(where[0])), y=_g(float(where[1])), label=label)
            if names:
                text += translate("BackpropSmall", "; inputs x₀… are {names}").format(names=", ".join(names))
            return text + translate("BackpropSmall", ". Reset returns to these weights.")

        self._source_text = source
        self.source.setText(source())
        self.source.setVisible(True)
        self.redraw()
        return None

    def _show_setup(self, setup: Setup) -> None:
        """The form showing `setup`'s choices, without the signals that would rebuild."""
        f = self.form
        hidden = setup.sizes[1:-1]
        boxes = [f.inputs, f.depth, f.outputs, *f.widths, f.activation, f.loss, f.optimizer, self.n_samples]
        blockers = [QtCore.QSignalBlocker(b) for b in boxes]
        f.inputs.setValue(setup.sizes[0])
        f.depth.setValue(len(hidden))
        for box, n in zip(f.widths, hidden):
            box.setValue(n)
        f.outputs.setValue(setup.sizes[-1])
        self.n_samples.setValue(1)
        for combo, name in ((f.activation, setup.activation), (f.loss, setup.loss),
                            (f.optimizer, setup.optimizer)):
            combo.setCurrentIndex(max(combo.findData(name), 0))
        del blockers
        f._build_hyper()  # the chosen optimizer's fields
        values = {**{k: setup.hyper[k] for k in f.hyper if k in setup.hyper},
                  **{b: w for b, w in zip(f.class_weights, setup.loss_params.get("weights") or [])}}
        for key, value in values.items():
            box = f.hyper[key] if isinstance(key, str) else key
            blocker = QtCore.QSignalBlocker(box)
            if isinstance(box, QtWidgets.QCheckBox):
                box.setChecked(bool(value))
            else:
                box.setValue(float(value))
            del blocker
        if "gamma" in setup.loss_params:
            blocker = QtCore.QSignalBlocker(f.gamma)
            f.gamma.setValue(float(setup.loss_params["gamma"]))
            del blocker
        f._show_rows()

    def retrace(self) -> None:
        """The current step traced again with the settings now (activation, loss,
        optimizer, batch); the steps before it stay, those after it are dropped."""
        setup = self.form.setup(self.n_samples.value())
        if setup.sizes != self.setup.sizes:  # pragma: no cover - shape edits rebuild
            self.rebuild()
            return
        params, state = self.starts[self.step_index]
        if setup.optimizer != self.setup.optimizer:
            state = None  # another optimizer keeps other statistics: start them afresh
        kept = (self.history[: self.step_index], self.starts[: self.step_index])
        old = (self.history, self.starts, self.setup)
        self.history, self.starts = list(kept[0]), list(kept[1])
        if self._trace_from(params, state, setup):
            self.setup = setup
        else:  # the trace shown stays, and so does the batch it was traced on
            self.history, self.starts, _ = old
            self.table.set_batch(self.trace.x, self.trace.y, self.trace.sizes[-1])
        self.redraw()

    def _batch_edited(self, _x: np.ndarray, _y: np.ndarray) -> None:
        self.retrace()

    def _trace_from(self, params: list, state: Any, setup: Setup) -> bool:
        """Append the trace of `params` (with optimizer `state`) under `setup`; False,
        with the reason shown, when the core refuses it."""
        try:
            t = trace(params, setup.activation, self.table.x, self.table.y, setup.make_loss(),
                      optimizer=setup.make_optimizer(), state=state)
        except ValueError as exc:
            reason = str(exc)
            self._show_message(lambda: explain(reason))
            return False
        self.message.setVisible(False)
        self.history.append(t)
        self.starts.append((params, state))
        return True

    def _extend(self) -> bool:
        """The trace after the last one: its optimizer step taken."""
        last = self.history[-1]
        return self._trace_from(last.next_params(), last.next_state, self.setup)

    def _show_message(self, text: str | Callable[[], str]) -> None:
        """Show an error line: a text, or a function that makes it (in the language in use)."""
        self._message_text = text if callable(text) else (lambda: text)
        self.message.setText(self._message_text())
        self.message.setVisible(True)

    # -- stepping ------------------------------------------------------------------------------
    def step(self) -> None:
        """The next phase; after the update, the first phase of the next step."""
        if self.phase_index < self.phase_count() - 1:
            self.phase_index += 1
        else:
            if self.step_index == len(self.history) - 1 and not self._extend():
                self.set_playing(False)
                return
            self.step_index += 1
            self.phase_index = 0
        self.redraw()

    def step_back(self) -> None:
        """The previous phase, with exactly the numbers it showed (the kept trace)."""
        if self.phase_index > 0:
            self.phase_index -= 1
        elif self.step_index > 0:
            self.step_index -= 1
            self.phase_index = self.phase_count() - 1
        else:
            return
        self.redraw()

    def step_ten(self) -> None:
        """Ten optimizer steps from the step shown; the phase stays, the loss plot grows."""
        self.set_playing(False)
        del self.history[self.step_index + 1:], self.starts[self.step_index + 1:]
        for _ in range(TEN):
            if not self._extend():
                break
            self.step_index += 1
        self.redraw()

    def toggle_play(self) -> None:
        self.set_playing(not self.timer.isActive())

    def set_playing(self, on: bool) -> None:
        if on:
            self.timer.start(round(1000 / self.pace.currentData()))
        else:
            self.timer.stop()
        blocker = QtCore.QSignalBlocker(self.play_button)
        self.play_button.setChecked(on)
        self._play_text()
        del blocker

    def _play_text(self) -> None:
        self.play_button.setText(translate("BackpropSmall", "Pause") if self.play_button.isChecked()
                                 else translate("BackpropSmall", "Play"))

    def _pace_changed(self, _index: int) -> None:
        if self.timer.isActive():
            self.timer.start(round(1000 / self.pace.currentData()))

    def _tick(self) -> None:
        self.step()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.equation.refit()  # its share of the page's height changed

    def hideEvent(self, event: QtGui.QHideEvent) -> None:  # noqa: N802 - Qt override
        self.set_playing(False)  # no stepping behind another tab
        super().hideEvent(event)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.set_playing(False)
        super().closeEvent(event)

    # -- selection -----------------------------------------------------------------------------
    def select(self, key: tuple[int, ...]) -> None:
        """Select a unit (layer, j) or a weight (layer, j, k) of the diagram."""
        self.selection = tuple(key)
        self.redraw()

    def _show_changed(self, _index: int) -> None:
        self.sample = self.show_box.currentData()
        self.redraw()

    def substitution_arguments(self) -> dict:
        """The `substituted` arguments for the phase and selection shown now (less the
        sample). Phases of one layer show the selected unit when it is in that layer (a
        selected weight points at the unit it feeds), else the layer's unit 0; the
        gradients and update phases show the selected weight, or a selected unit's bias."""
        phase, sel = self.phase, self.selection
        if phase.kind in ("gradients", "update"):
            if sel is None or sel[0] == 0:  # an input has no bias: the core's default
                return {}
            if len(sel) == 3:
                return {"layer": sel[0], "weight": (sel[1], sel[2])}
            return {"layer": sel[0], "unit": sel[1]}
        layer = phase.layer if phase.layer is not None else len(self.setup.sizes) - 1
        if sel is not None and sel[0] == layer:
            return {"unit": sel[1]}
        return {"unit": 0}

    # -- drawing -------------------------------------------------------------------------------
    def _highlight(self) -> Highlight:
        phase, L = self.phase, len(self.setup.sizes) - 1
        if phase.kind == "forward":
            return Highlight((phase.layer,), (phase.layer,))
        if phase.kind in ("loss", "output_delta"):
            return Highlight((L,), ())
        if phase.kind == "hidden_delta":
            return Highlight((phase.layer,), (phase.layer + 1,))
        return Highlight((), tuple(range(1, L + 1)))

    def _nudges(self, t: Trace, i: int) -> list[list[float] | None] | None:
        """−∂Cᵢ/∂a for the layers the backward pass has reached (None before it starts)."""
        phase, L = self.phase, len(self.setup.sizes) - 1
        if phase.kind not in BACKWARD:
            return None
        reached = phase.layer if phase.kind == "hidden_delta" else L if phase.kind == "output_delta" else 0
        rows = []
        for layer in range(L + 1):
            # The output is linear, so ∂C/∂a⁽ᴸ⁾ = ∂C/∂z⁽ᴸ⁾ = δ⁽ᴸ⁾.
            grad = t.delta[L - 1][i] if layer == L else t.dC_da[layer][i]
            rows.append([-float(g) for g in grad] if layer >= reached else None)
        return rows

    def redraw(self) -> None:
        # The equations follow the shown trace's loss and optimizer (same phases, same count).
        self.phase_list = bp_phases.phases_for(self.trace)
        self.phase_index = min(self.phase_index, len(self.phase_list) - 1)
        t, phase = self.trace, self.phase
        L = len(self.setup.sizes) - 1
        i = self.sample
        shown = 0 if i is None else i
        values = None
        notes = None
        if i is not None:
            values = [list(t.a[0][i])] + [list(t.a[l][i]) for l in range(1, L)] + [list(t.z[L - 1][i])]
            notes = [f"p = {t.p[i, j]:.3f}" + ("  ← y" if j == t.y[i] else "") for j in range(t.sizes[-1])]
        samples = range(t.x.shape[0]) if i is None else [i]

        def tips(make) -> str:
            if i is not None:
                return make(i)
            return "\n\n".join(translate("BackpropSmall", "sample {i}:").format(i=s) + "\n" + make(s)
                                 for s in samples)

        unit_tips = {(l, j): tips(lambda s, l=l, j=j: core_text(bp_equations.unit_tooltip(t, l, j, s)))
                     for (l, j) in self.diagram.units}
        edge_tips = {(l, j, k): core_text(bp_equations.edge_tooltip(t, l, j, k, shown))
                     for (l, j, k) in self.diagram.edges}
        nudges = self._nudges(t, i) if i is not None else None
        self.diagram.show_picture(Picture(values, list(t.W), nudges, unit_tips, edge_tips,
                                          self._highlight(), self.selection, notes))

        args = self.substitution_arguments()
        if i is None and phase.kind in PER_SAMPLE:
            numbers = "\n".join(translate("BackpropSmall", "sample {i}:  ").format(i=s)
                                + core_text(bp_equations.substituted(t, phase, sample=s, **args))
                                for s in samples)
        else:
            numbers = bp_equations.substituted(t, phase, sample=shown, **args)
            if phase.kind == "update":  # the rule's lines are found in the core's English
                numbers = self._without_rule(numbers, phase.equation)
            numbers = core_text(numbers)
        title = translate("BackpropSmall", "Step {step} · phase {phase} of {phases}: {title}").format(
            step=self.step_index, phase=self.phase_index + 1, phases=len(self.phase_list), title=phase_title(phase))
        self.equation.show_phase(title, core_text(phase.equation), numbers, self._detail(t, args))
        self._caption(nudges)
        self.loss_plot.show_losses(self.losses(), self.step_index)
        self.back_button.setEnabled(self.step_index > 0 or self.phase_index > 0)
        self.redrawn.emit()

    @staticmethod
    def _without_rule(numbers: str, equation: str) -> str:
        """The update's numbers less the rule's lines, which the equation above shows
        already ("Adam:", "m ← β₁ m + (1 − β₁) g", ...): the hyperparameters, g, the
        state after the step and the weight's change stay."""
        rule = set(equation.split("\n"))
        lines = numbers.split("\n")
        kept = [line for line in lines if line not in rule]
        if kept and kept[0].endswith(":") and len(kept) < len(lines):
            kept = kept[1:]  # the optimizer's title heading the rule
        return "\n".join(kept)

    def _detail(self, t: Trace, args: dict) -> str:
        """Where to click when the selection is not in the phase's layer, then each
        sample's own δ of the unit, or the per-sample terms whose mean is ∂C/∂w."""
        phase, sel = self.phase, self.selection
        lines = []
        if phase.kind in ("forward", "loss", "output_delta", "hidden_delta") and sel is not None:
            layer = phase.layer if phase.layer is not None else len(t.sizes) - 1
            if sel[0] != layer:
                lines.append(translate("BackpropSmall", "Showing unit 0 of layer {layer}: click one of its units "
                                       "for that unit's numbers.").format(layer=layer))
        lines.append(self._batch_detail(t, args))
        return "\n".join(line for line in lines if line)

    def _batch_detail(self, t: Trace, args: dict) -> str:
        phase, n = self.phase, t.x.shape[0]
        if n < 2:
            return ""
        if phase.kind in ("output_delta", "hidden_delta") and "unit" in args:
            layer = phase.layer if phase.kind == "hidden_delta" else len(t.sizes) - 1
            deltas = ",  ".join(f"{s}: {_g(d)}" for s, d in enumerate(t.delta[layer - 1][:, args["unit"]]))
            return translate("BackpropSmall", "Each sample has its own δ of this unit: {deltas}").format(deltas=deltas)
        if phase.kind == "gradients" and "weight" in args:
            terms = t.weight_terms(args["layer"], *args["weight"])
            listed = ",  ".join(f"{s}: {_g(v)}" for s, v in enumerate(terms))
            j, k = args["weight"]
            term = f"δᵢ{bp_equations.sub(j)} aᵢ{bp_equations.sub(k)}"
            return translate("BackpropSmall", "The batch gradient is the mean of the {n} samples' terms {term} "
                             "({listed}) = {gradient}").format(
                n=n, term=term, listed=listed, gradient=_g(float(t.grad_W[args['layer'] - 1][j, k])))
        if phase.kind == "gradients":
            return translate("BackpropSmall", "Select a weight (click a line) to see its batch gradient, "
                             "the mean over the samples.")
        return ""

    def _caption(self, nudges: list | None) -> None:
        if nudges is None:
            if self.sample is None and self.phase.kind in BACKWARD:
                text = translate("BackpropSmall", "The nudges are each sample's own: choose a sample under "
                                 "Show to see them.")
            else:
                text = translate("BackpropSmall", "Click a unit or a weight to select it; hover over one for "
                                 "all its numbers.")
            self.caption.setText(text)
            return
        scale = self.diagram.nudge_scale
        self.caption.setText(translate(
            "BackpropSmall",
            "<span style='color:{colour}'><b>Green arrows</b></span>: the nudge {nudge} of sample {sample}: "
            "up, raising the unit lowers the cost. One scale: the longest is {longest}&nbsp;=&nbsp;{value}.").format(
                colour=NUDGE.name(), nudge="−∂C/\u2060∂a", sample=self.sample, longest="|∂C/\u2060∂a|",
                value=_g(scale)))

    # -- presenter mode ------------------------------------------------------------------------
    def set_look(self, look: Look) -> None:
        """Larger text for a projector: the settings column widens with its font and the
        equations grow; the diagram scales itself to its view."""
        k = look.font_pt / NORMAL.font_pt
        self.look = look
        widen = 1.0 if k == 1.0 else PRESENTER_WIDTH
        self.panel.setFixedWidth(round(PANEL_WIDTH * widen))
        self.side.setFixedWidth(SIDE_WIDTH)  # its tick labels thin out to fit (TidyAxis)
        self.equation.set_look(look)
        set_text_scale(self.loss_plot, k)
