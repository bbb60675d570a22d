"""The Playground tab: a small network learns 2-D data live; up to four race each other.

Layout: the settings column on the left (`controls.Controls`, `compare.CompareSettings`,
in a scroll area), the plane in the middle (`regions.RegionsView`, or the small
multiples of `compare.CompareView` in compare mode) with the transport under it, and
on the right the network diagram (`diagram.NetworkDiagram`) over the loss curves
(`curves.LossPlot`).

Data flows one way (../../shared/STYLE.md): controls → `PlaygroundConfig` → core
`Session`s → the core's `TrainingProcess.frames` generator in a `GeneratorWorker` (the
networks train in a child process, which hands them back on pause) → the latest frame
kept here (`frame` slot: append stats, mark dirty) → one redraw timer. While paused,
Step trains one epoch in the GUI thread (a few milliseconds) and redraws at once.
The GUI computes nothing: regions, unit maps, stats and ∂C/∂w come from the core.

A change that builds the networks again after they trained (new data, a clicked point,
a network or compare setting; not a learning rate, which applies as they train) says so
in one line under the planes (`restart_note`), until Play, Pause, Step or Reset; clicked
points keep every other point's side of the train/test split (`train`).

Clicking a data point pauses training and hands network k and that point, as plain
values (`network_at`), to the window's `trace_in_backprop`, which opens the
Backpropagation tab on them (the two tabs may not import each other's package).
Speed (issue 14: ≥ 30 redraws/s, timer latency p99 < 50 ms, ≥ 300 epochs/s): the
networks train in a child process (its own GIL: core/playground/process.py), one started
at the first Play and reused, ended by `shutdown`; the loss curves are redrawn every
third frame and a large network's thumbnails in turns; bench/playground_speed.py prints
all of it. Where the child cannot start or dies (one red line says so), the worker's
thread trains, at most WORK_SECONDS of each FRAME_SECONDS, sleeping the rest, with a
short GIL switch interval: it shares the GIL with the painting then.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core.playground import datasets
from gradlab.core.playground.features import TITLES as FEATURE_TITLES
from gradlab.core.playground.process import ProcessLost, TrainingProcess
from gradlab.core.playground.session import PlaygroundConfig, Session
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.playground.compare import CompareSettings, CompareView, label
from gradlab.gui.playground.controls import Controls
from gradlab.gui.playground.curves import LossPlot
from gradlab.gui.playground.diagram import NetworkDiagram
from gradlab.gui.playground.regions import RegionsView
from gradlab.gui.plotting.fonts import set_text_scale
from gradlab.gui.style import NORMAL, Look
from gradlab.gui.worker import GeneratorWorker

# The redraw clock is a single shot that a frame's arrival arms: the frame is drawn at
# once, while the worker sleeps (WORK_SECONDS) and the GIL is free; a periodic clock
# drew it up to a tick later, its painting then holding the GIL against the worker's
# next epochs (measured: epochs of 1.4 ms took up to 14). The producer's own clock
# (PROCESS_FRAME_SECONDS; FRAME_SECONDS in the thread) bounds the rate: at most one
# redraw per frame, one pending at a time.
REDRAW_MS = 0
# The child process's frame period: 40 frames a second, so that 30 or more are drawn
# when the GUI thread is sometimes late and two frames arrive as one redraw (at 1/33 s
# 29 were drawn on a busy machine, 35 at 1/40 s, with the same timer latency and epochs/s;
# the targets: ≥ 300 epochs/s while ≥ 30 redraws/s and timer latency p99 < 50 ms;
# bench/playground_speed.py measures all three).
PROCESS_FRAME_SECONDS = 0.025
# When the thread trains instead (the child starting, or lost), its frame period: a
# little shorter than 1/30 s. Of each it trains at most WORK_SECONDS and sleeps the rest:
# it holds the GIL while it trains, and the GUI needs it to draw.
FRAME_SECONDS = 0.03
WORK_SECONDS = 0.021
# Compare mode draws four planes a frame: the GUI keeps more of each period.
COMPARE_WORK_SECONDS = 0.018
# While training, the loss curves are redrawn on every third frame (~10 per second):
# their axes' tick labels change with every frame and were the costliest part of one
# (two axes, ~3 ms each offscreen); the regions and thumbnails keep every frame.
CURVES_EVERY = 3
# While the worker's thread trains, the GUI thread waits at most about this long for the GIL each
# time its event loop wakes (a frame arriving, a timer, a paint), instead of Python's
# 5 ms: a frame wakes the loop several times. Measured with a numpy worker busy: up to
# 10 ms for a scene of 20 Python-painted items at 5 ms, 0.3 ms at 0.5 ms.
GIL_SWITCH_SECONDS = 0.0005
REGION_N = 64
UNIT_N = 24
COLUMN_WIDTH = 260
# English sources, translated where shown (translate("PlaygroundTab", HOVER_HINT)).
HOVER_HINT = QT_TRANSLATE_NOOP("PlaygroundTab", "Hover a unit for its map, an edge for w and ∂C/∂w.")
CLICK_HINT = QT_TRANSLATE_NOOP("PlaygroundTab", "Click a point to trace it in the Backpropagation tab; "
                               "click empty space to add a point of the chosen class; right-click removes "
                               "the nearest.")
DIVERGED = QT_TRANSLATE_NOOP("PlaygroundTab", "Diverged at epoch {epoch}: the loss is no longer a finite "
                             "number. Lower the learning rate, then Reset.")
IN_THREAD = QT_TRANSLATE_NOOP("PlaygroundTab", "Training goes on inside the window, more slowly: {why}.")
# Said under the planes when a change built the networks again after they had trained:
# the epoch drops to 0, which no one should have to notice by themselves.
RESTART_DATA = QT_TRANSLATE_NOOP("PlaygroundTab", "New data: training started again from the initial "
                                 "weights (epoch 0).")
RESTART_SETTINGS = QT_TRANSLATE_NOOP("PlaygroundTab", "New settings: training started again from the "
                                     "initial weights (epoch 0).")


def _frames(trainer: TrainingProcess, sessions: list[Session], stop) -> Any:
    work = WORK_SECONDS if len(sessions) == 1 else COMPARE_WORK_SECONDS
    return trainer.frames(sessions, stop, frame_seconds=PROCESS_FRAME_SECONDS,
                          thread_pace=(FRAME_SECONDS, work), regions_n=REGION_N, maps_n=UNIT_N)


class PlaygroundTab(QtWidgets.QWidget):
    """See the module docstring. Signals for the tests and the window:
    `frame_drawn` after each redraw, `running_changed(bool)`, `sessions_changed` when
    the networks were built again, `diverged(k)` when network k stopped, `moved_to_thread`
    when training left the child process (`in_thread_note` says why)."""

    frame_drawn = QtCore.Signal()
    running_changed = QtCore.Signal(bool)
    sessions_changed = QtCore.Signal()
    diverged = QtCore.Signal(int)
    moved_to_thread = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = NORMAL
        self.weight_seed = 0
        self.sessions: list[Session] = []
        self.labels: list[str] = []
        self.worker: GeneratorWorker | None = None
        self._latest: Any = None  # the newest frame not drawn yet
        self._last: list = []  # each network's newest EpochStats (None before any)
        self._told: set[int] = set()  # the networks whose divergence was signalled
        self._unit_maps: list | None = None
        self._hovered: tuple[int, int] | None = None  # the diagram's unit under the mouse
        self._dirty = False
        self.redraws = 0
        self.X = np.empty((0, 2))
        self.y = np.empty(0, dtype=np.int64)
        # Which points train (True) or test: kept as points are clicked in or out, so
        # that no other point changes side (see add_point, remove_nearest).
        self.train = np.empty(0, dtype=bool)
        self._restart_note: str | None = None  # the restart line shown (its English source)
        self.last_error = ""
        self._error: Any = None  # the error shown: a function giving its text in the language in use
        self._switch_before: float | None = None  # the GIL switch interval before training
        self._trainer: TrainingProcess | None = None  # the child process, from the first Play
        self._in_thread: str | None = None  # why the thread trains (the child was lost)

        self.controls = Controls()
        self.compare_settings = CompareSettings()
        column = QtWidgets.QWidget()
        cv = QtWidgets.QVBoxLayout(column)
        cv.setContentsMargins(0, 0, 4, 0)
        cv.addWidget(self.controls)
        cv.addWidget(self.compare_settings)
        cv.addStretch(1)
        self.scroll = QtWidgets.QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column = column
        self._fit_column()

        self.plane = RegionsView()
        self.plane.setMinimumSize(240, 240)
        self.compare_view = CompareView()
        self.planes = QtWidgets.QStackedWidget()
        self.planes.addWidget(self.plane)
        self.planes.addWidget(self.compare_view)

        self.play_button = QtWidgets.QPushButton()
        self.step_button = QtWidgets.QPushButton()
        self.reset_button = QtWidgets.QPushButton()
        self.new_weights_button = QtWidgets.QPushButton()
        self.epoch_label = QtWidgets.QLabel()
        self.epoch_label.setObjectName("EpochLabel")
        transport = QtWidgets.QHBoxLayout()
        for b in (self.play_button, self.step_button, self.reset_button, self.new_weights_button):
            transport.addWidget(b)
        transport.addStretch(1)
        transport.addWidget(self.epoch_label)
        self.stats_label = QtWidgets.QLabel()
        self.stats_label.setWordWrap(True)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("DivergedLabel")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #d03030; font-weight: bold;")
        self.status.setVisible(False)
        middle = QtWidgets.QVBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addLayout(transport)
        middle.addWidget(self.planes, 1)
        middle.addWidget(self.stats_label)
        self.restart_label = QtWidgets.QLabel()
        self.restart_label.setObjectName("RestartNote")
        self.restart_label.setWordWrap(True)
        self.restart_label.setStyleSheet("color: #1f5fa8; font-weight: bold;")
        self.restart_label.setVisible(False)
        middle.addWidget(self.restart_label)
        self.click_hint = QtWidgets.QLabel()
        self.click_hint.setObjectName("ClickHint")
        self.click_hint.setWordWrap(True)
        self.click_hint.setStyleSheet("color: #666;")
        middle.addWidget(self.click_hint)
        middle.addWidget(self.status)

        self.diagram = NetworkDiagram()
        self.diagram.gradient_source = self._gradients
        self.hover_label = QtWidgets.QLabel()
        self.hover_label.setWordWrap(True)
        self.loss_plot = LossPlot()
        self.loss_plot.setMinimumHeight(140)
        right = QtWidgets.QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.diagram, 3)
        right.addWidget(self.hover_label)
        right.addWidget(self.loss_plot, 2)

        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.scroll)
        row.addLayout(middle, 5)
        row.addLayout(right, 4)

        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)

        self.controls.data_changed.connect(self.new_data)
        self.controls.network_changed.connect(lambda: self.rebuild(RESTART_SETTINGS))
        self.controls.lr_changed.connect(self._lr_changed)
        self.controls.display_changed.connect(self._draw_points_and_regions)
        self.compare_settings.changed.connect(self._compare_changed)
        self.compare_settings.lr_changed.connect(self._compare_lr_changed)
        self.play_button.clicked.connect(self.toggle)
        self.step_button.clicked.connect(self.step)
        self.reset_button.clicked.connect(self.reset)
        self.new_weights_button.clicked.connect(self.new_weights)
        self.plane.add_requested.connect(self.add_point)
        self.plane.remove_requested.connect(self.remove_nearest)
        self.plane.trace_requested.connect(lambda x, y, c: self.trace_point(0, x, y, c))
        self.diagram.unit_hovered.connect(self._unit_hovered)
        self.diagram.edge_hovered.connect(self.hover_label.setText)
        self.retranslate()
        self.new_data()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The texts set once, the planes' titles and the read-outs, in the language in use
        (the loss plot translates itself)."""
        # The settings column first, whatever order Qt tells the widgets in (translating
        # twice is harmless), so that it is fitted to its new texts.
        self.controls.retranslate()
        self.compare_settings.retranslate()
        self._fit_column()
        self._show_running(self.is_running())
        self.play_button.setToolTip(translate("PlaygroundTab", "train continuously / pause"))
        self.step_button.setText(translate("PlaygroundTab", "Step"))
        self.step_button.setToolTip(translate("PlaygroundTab", "train one epoch"))
        self.reset_button.setText(translate("PlaygroundTab", "Reset"))
        self.reset_button.setToolTip(translate("PlaygroundTab", "back to the same initial weights"))
        self.new_weights_button.setText(translate("PlaygroundTab", "New weights"))
        self.new_weights_button.setToolTip(translate("PlaygroundTab", "initial weights drawn from the next seed"))
        self.click_hint.setText(translate("PlaygroundTab", CLICK_HINT))
        self._show_restart(self._restart_note)
        self._show_hover_text()
        if not self.sessions:
            if self._error is not None:
                self._show_error(self._error)
            return
        if self.comparing:
            overrides = self.compare_settings.overrides()
            self.labels = [label(o, overrides) for o in overrides]
            self.compare_view.retitle(self.labels)
        if self.is_running():
            return  # the next frame writes the read-outs
        error = self._error
        self._draw_from_sessions()
        if error is not None:  # still shown: the redraw wrote the network's lines over it
            self._show_error(error)

    # -- building ------------------------------------------------------------------------------
    @property
    def comparing(self) -> bool:
        return self.compare_settings.on.isChecked()

    def config(self, **changes: Any) -> PlaygroundConfig:
        """The controls' settings as a config (with this tab's weight seed)."""
        return PlaygroundConfig(**{**self.controls.settings(), "weight_seed": self.weight_seed, **changes})

    def new_data(self) -> None:
        """Make the points again from the data settings (clicked points are dropped)."""
        s = self.controls.settings()
        try:
            X, y = datasets.make(s["dataset"], s["n_points"], s["noise"], s["seed"], s["classes"])
            keep = self.controls.keep.value() / 100.0
            if keep < 1.0:
                X, y = datasets.imbalance(X, y, self.controls.keep_class.currentData() or 0, keep, s["seed"])
        except ValueError as exc:
            self._show_error(_core_error(str(exc)))
            return
        self.X, self.y = X, y
        self.train = datasets.split_mask(len(y), s["train_share"], s["seed"])
        self.rebuild(RESTART_DATA)

    def rebuild(self, restart_note: str | None = None) -> None:
        """New networks on the current points: after any change but the learning rate.
        `restart_note` (an English source) is said under the planes when the networks
        had trained: the change started them again from epoch 0."""
        was_running = self.is_running()
        self._stop_worker()
        trained = any(s.epoch_count for s in self.sessions)
        try:
            if self.comparing:
                from gradlab.core.playground.compare import sessions_for

                overrides = self.compare_settings.overrides()
                configs = [self.config(**o) for o in overrides]
                self.sessions = sessions_for(configs, self.X, self.y, self.train)
                self.labels = [label(o, overrides) for o in overrides]
            else:
                self.sessions = [Session(self.config(), self.X, self.y, train=self.train)]
                self.labels = [""]
        except ValueError as exc:
            self.sessions, self.labels = [], []
            self._show_error(_core_error(str(exc)))
            self._set_running(False)
            return
        self.last_error = ""
        self._error = None
        self._told = set()
        self.status.setVisible(False)
        if restart_note is not None and trained:
            self._show_restart(restart_note)
        first = self.sessions[0].config
        self.controls.batch_size.setMaximum(max(len(self.sessions[0].y_train), 1))
        self.diagram.set_architecture([FEATURE_TITLES[f] for f in first.features], first.hidden, first.classes)
        if self.comparing:
            n = len(self.labels)
            self.compare_view.set_titles(self.labels, [self.loss_plot.colour(k, n) for k in range(n)])
            for view in self.compare_view.views:
                view.add_requested.connect(self.add_point)
                view.remove_requested.connect(self.remove_nearest)
            for k, view in enumerate(self.compare_view.views):
                view.trace_requested.connect(lambda x, y, c, k=k: self.trace_point(k, x, y, c))
            self.planes.setCurrentWidget(self.compare_view)
            set_text_scale(self.compare_view, self.look.font_pt / NORMAL.font_pt)
        else:
            self.planes.setCurrentWidget(self.plane)
        self.loss_plot.set_networks(self.labels)
        set_text_scale(self.loss_plot, self.look.font_pt / NORMAL.font_pt)
        self._draw_from_sessions()
        self.sessions_changed.emit()
        if was_running:
            self.play()

    # -- training --------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def toggle(self) -> None:
        """Play or Pause, as the button says (the restart line has been read by now)."""
        self._show_restart(None)
        self.pause() if self.is_running() else self.play()

    def play(self) -> None:
        """Train continuously in the worker; frames arrive as `_frame`."""
        live = [s for s in self.sessions if s.diverged is None]
        if self.is_running() or not live:
            return
        worker = GeneratorWorker(lambda stop, t=self.trainer, ss=list(self.sessions): _frames(t, ss, stop), self)
        worker.frame.connect(self._frame)
        worker.failed.connect(self._worker_failed)
        worker.finished.connect(lambda w=worker: self._worker_finished(w))
        self.worker = worker
        worker.start()
        self.timer.start()
        self._set_running(True)

    @property
    def trainer(self) -> TrainingProcess:
        """The child process the networks train in (made at first use, started by the
        first run; `shutdown` ends it)."""
        if self._trainer is None:
            self._trainer = TrainingProcess()
        return self._trainer

    def pause(self) -> None:
        self._stop_worker()
        self._draw_from_sessions()

    def _stop_worker(self) -> None:
        """Stop training and wait for the worker (it checks `stop` between epochs)."""
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop_and_wait(5000)
            # Its last frames are still queued: they belong to networks about to be
            # drawn from directly (or replaced), so they are dropped.
            worker.frame.disconnect(self._frame)
        self._latest = None
        self.timer.stop()
        self._set_running(False)

    def _worker_finished(self, worker: GeneratorWorker) -> None:
        if worker is self.worker:  # it ended by itself: every network diverged
            self.worker = None
            self.timer.stop()
            self._dirty = True
            self.redraw()
            self._set_running(False)
        worker.deleteLater()

    def _set_running(self, on: bool) -> None:
        self._share_gil(on)
        # Smooth edges cost the diagram's painting 2.5 of its 4 ms a frame (measured
        # offscreen), time the GUI holds the GIL against training: while the weights
        # move they are drawn plain, and smooth again once paused.
        self.diagram.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, not on)
        self.diagram.viewport().update()
        self._show_running(on)
        self.step_button.setEnabled(not on)
        self.running_changed.emit(on)

    def _show_running(self, on: bool) -> None:
        # ❚❚ (U+275A), as the race's Run/Pause button: ⏸ is missing from common fonts.
        self.play_button.setText(translate("PlaygroundTab", "❚❚  Pause") if on
                                 else translate("PlaygroundTab", "▶  Play"))

    def _worker_failed(self, why: str) -> None:
        self._show_error(_core_error(why))

    def _share_gil(self, on: bool) -> None:
        """A short GIL switch interval while training (see GIL_SWITCH_SECONDS); the
        previous one back when training stops."""
        before = self._switch_before
        if on and before is None:
            self._switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(GIL_SWITCH_SECONDS, self._switch_before))
        elif not on and before is not None:
            sys.setswitchinterval(before)
            self._switch_before = None

    def step(self) -> None:
        """One epoch for every network still learning (only while paused)."""
        if self.is_running():
            return
        self._show_restart(None)
        for s in self.sessions:
            s.epoch()
        self._draw_from_sessions()

    def reset(self) -> None:
        """Every network back to its initial weights (the same ones)."""
        was_running = self.is_running()
        self._stop_worker()
        self._show_restart(None)
        for s in self.sessions:
            s.reset()
        self.loss_plot.set_networks(self.labels)
        self._told = set()
        self.status.setVisible(False)
        self._draw_from_sessions()
        self.sessions_changed.emit()
        if was_running:
            self.play()

    def new_weights(self) -> None:
        """Initial weights from the next seed (every compared network shares them)."""
        self.weight_seed += 1
        self._show_restart(None)
        self.rebuild()

    def _compare_changed(self) -> None:
        """New networks for the compare settings. Comparing before and after (a row
        changed, not the switch): the networks started again, which is said."""
        rows_changed = self.comparing and len(self.sessions) > 1
        self.rebuild(RESTART_SETTINGS if rows_changed else None)

    def _compare_lr_changed(self, k: int, lr: float) -> None:
        """Compared network k's new learning rate, applied as network 1's is in single
        mode (`_lr_changed`): it trains on; its title says the new rate."""
        if not self.comparing or not 0 <= k < len(self.sessions):
            return
        self.sessions[k].set_lr(lr)
        if self._trainer is not None:
            self._trainer.set_lr(k, lr)
        overrides = self.compare_settings.overrides()
        self.labels = [label(o, overrides) for o in overrides]
        self.compare_view.retitle(self.labels)

    def _lr_changed(self, lr: float) -> None:
        """Applied at the next epoch, without a reset (the core allows this one call
        from another thread), and sent to the child process while it trains. In compare
        mode each row has its own rate (`_compare_lr_changed`)."""
        if not self.comparing and self.sessions:
            self.sessions[0].set_lr(lr)
            if self._trainer is not None:
                self._trainer.set_lr(0, lr)

    # -- data by hand ---------------------------------------------------------------------------
    def add_point(self, x: float, y: float) -> None:
        """A training point of the chosen class at (x, y); the networks start again on the
        new data, the other points on their side of the train/test split. It trains: a
        point is clicked in to see the regions bend to it (and with the test points hidden,
        a test point would not even show)."""
        cls = int(self.controls.click_class.currentData() or 0)
        self.X = np.vstack([self.X, [[x, y]]])
        self.y = np.append(self.y, cls).astype(np.int64)
        self.train = np.append(self.train, True)
        self.rebuild(RESTART_DATA)

    def remove_nearest(self, x: float, y: float) -> None:
        """The point nearest (x, y) goes; the networks start again without it (the others
        keep their side of the split)."""
        if len(self.y) <= 2:
            return
        i = int(np.argmin(np.hypot(self.X[:, 0] - x, self.X[:, 1] - y)))
        s = self.controls.settings()
        self.X = np.delete(self.X, i, axis=0)
        self.y = np.delete(self.y, i)
        self.train = datasets.split_without(self.train, i, s["train_share"], s["seed"])
        self.rebuild(RESTART_DATA)

    # -- one point, traced by hand -------------------------------------------------------------
    def network_at(self, k: int, x: float, y: float, label: int) -> dict[str, Any]:
        """Network k now and the point (x, y) of class `label`, as plain values for the
        Backpropagation tab (see `SmallNetworkPage.load_network`): its layer widths,
        activation, loss (with its resolved parameters), optimizer, a copy of θ, and the
        point's inputs (its features, as the network sees it)."""
        from gradlab.core.playground import features

        s = self.sessions[k]
        c = s.config
        return {"sizes": list(c.sizes), "activation": c.activation, "loss": s.loss.name,
                "loss_params": dict(s.loss.params), "optimizer": c.optimizer, "hyper": dict(c.hyper),
                "params": [(W.copy(), b.copy()) for W, b in s.params],
                "x": features.compute(np.array([[x, y]]), c.features)[0].tolist(),
                "label": int(label), "point": (float(x), float(y)),
                "inputs": [FEATURE_TITLES[f] for f in c.features], "source": "Playground"}

    def trace_point(self, k: int, x: float, y: float, label: int) -> bool:
        """Open the Backpropagation tab on network k and the point (x, y): training
        pauses first (θ is taken as it is now). The window routes it (`trace_in_backprop`);
        False, with the reason shown, when it cannot."""
        if not 0 <= k < len(self.sessions):
            return False
        if self.is_running():
            self.pause()
        s = self.sessions[k]
        if s.diverged is not None:
            epoch = s.diverged
            self._show_error(lambda: translate(
                "PlaygroundTab", "This network diverged at epoch {epoch}: its weights are not finite "
                "numbers to trace. Lower the learning rate, then Reset.").format(epoch=epoch))
            return False
        route = getattr(self.window(), "trace_in_backprop", None)
        if route is None:
            self._show_error(lambda: translate(
                "PlaygroundTab", "Tracing a point needs GradLab's window, which holds the Backpropagation tab."))
            return False
        return bool(route(self.network_at(k, x, y, label)))

    # -- drawing --------------------------------------------------------------------------------
    def _frame(self, frame: Any) -> None:
        """A frame from the worker: keep it, append its stats, arm the redraw clock."""
        if self.worker is None:  # queued before a pause: the networks are drawn directly
            return
        if isinstance(frame, ProcessLost):
            self._moved_to_thread(frame)
            return
        for k, stats in enumerate(frame.stats):
            self.loss_plot.append(k, stats)
            if stats:
                self._last[k] = stats[-1]
        self._latest = frame
        self._dirty = True
        if not self.timer.isActive():
            self.timer.start()

    def _moved_to_thread(self, lost: ProcessLost) -> None:
        """The child process was lost: the thread trains on from the run's start. The
        curves are cut back there (the child's epochs after it are gone) and one red
        line, kept under the planes, says why."""
        for k, epoch in enumerate(lost.epoch):
            if k < len(self.loss_plot.buffers):
                self.loss_plot.cut(k, epoch)
        self._in_thread = lost.why
        self._show_diverged([s.diverged for s in self.sessions])
        self.moved_to_thread.emit()

    @property
    def in_thread_note(self) -> str:
        """The red line saying training left the child process ("" while it has not)."""
        if self._in_thread is None:
            return ""
        return translate("PlaygroundTab", IN_THREAD).format(why=self._in_thread)

    def redraw(self) -> None:
        """Draw the newest frame (the timer calls this; nothing to do when not dirty)."""
        if not self._dirty:
            return
        self._dirty = False
        frame, self._latest = self._latest, None
        if frame is not None:
            self._draw(frame.regions, frame.unit_maps, frame.params[0] if frame.params else None,
                       list(self._last), frame.diverged)
        if self.redraws % CURVES_EVERY == 0 or not self.is_running():
            self.loss_plot.redraw()
        self.redraws += 1
        self.frame_drawn.emit()

    def _draw_from_sessions(self) -> None:
        """Draw straight from the networks (paused: nothing else touches them)."""
        if not self.sessions:
            return
        first = self.sessions[0]
        regions = [s.regions(REGION_N) for s in self.sessions]
        params = [(W.copy(), b.copy()) for W, b in first.params]
        last = [s.history[-1] if s.history else None for s in self.sessions]
        self._last = list(last)
        self._draw_points()  # the points change only here (new data, new networks)
        # The curves follow the history (Step, or frames dropped on pause).
        for k, s in enumerate(self.sessions):
            have = self.loss_plot.count(k)
            self.loss_plot.append(k, s.history[have:])
        self._draw(regions, first.unit_maps(UNIT_N), params, last, [s.diverged for s in self.sessions])
        self.loss_plot.redraw()
        self.redraws += 1
        self.frame_drawn.emit()

    def _draw(self, regions, unit_maps, params, last, diverged) -> None:
        views = self.compare_view.views if self.comparing else [self.plane]
        for view, probs in zip(views, regions):
            view.set_regions(probs, self.controls.discretise.isChecked())
        self._unit_maps = unit_maps
        self.diagram.set_weights(params, unit_maps, in_turns=self.is_running())
        if self._hovered is not None:  # the large map follows training too
            self._show_hovered_unit()
        epochs = [s.epoch for s in last if s is not None]
        self.epoch_label.setText(translate("PlaygroundTab", "Epoch {epoch}").format(
            epoch=max(epochs) if epochs else 0))
        # Network 1's line, hidden in compare mode (each plane has its own line under it),
        # kept up to date there too: in the language in use when it shows again.
        self.stats_label.setText(_long(last[0] if last else None))
        self.stats_label.setVisible(not self.comparing)
        if self.comparing:
            for note, st in zip(self.compare_view.notes, last):
                note.setText(_short(st))
        self._show_diverged(diverged)

    def _show_diverged(self, diverged) -> None:
        """A red line for each network that stopped (and `diverged(k)` the first time),
        after the one saying training left the child process, if it did."""
        notes = [self.in_thread_note] if self._in_thread is not None else []
        for k, epoch in enumerate(diverged):
            if epoch is None:
                continue
            if k not in self._told:
                self._told.add(k)
                self.diverged.emit(k)
            if self.comparing and k < len(self.compare_view.notes):
                note = self.compare_view.notes[k]
                note.setText(translate("PlaygroundTab", "Diverged at epoch {epoch}").format(epoch=epoch))
                note.setStyleSheet("color: #d03030; font-weight: bold;")
                notes.append(translate("PlaygroundTab", "{network}: diverged at epoch {epoch}. Lower its "
                                       "learning rate.").format(network=self.labels[k], epoch=epoch))
            else:
                notes.append(translate("PlaygroundTab", DIVERGED).format(epoch=epoch))
        self._error = None  # an error line shown before is replaced by these
        self.status.setText("\n".join(notes))
        self.status.setVisible(bool(notes))

    def _draw_points(self) -> None:
        if not self.sessions:
            return
        s = self.sessions[0]
        show_test = self.controls.show_test.isChecked()
        views = self.compare_view.views if self.comparing else [self.plane]
        for view in views:
            view.set_points(s.X_train, s.y_train, s.X_test, s.y_test, show_test)

    def _draw_points_and_regions(self) -> None:
        self._draw_points()
        if not self.is_running():
            self._draw_from_sessions()

    def _unit_hovered(self, layer: int, unit: int) -> None:
        """Show the hovered unit's map large on network 1's plane (None: the regions)."""
        self._hovered = None if layer < 0 else (layer, unit)
        self._show_hovered_unit()
        self._show_hover_text()

    def _show_hover_text(self) -> None:
        if self._hovered is None:
            self.hover_label.setText(translate("PlaygroundTab", HOVER_HINT))
        else:
            layer, unit = self._hovered
            self.hover_label.setText(translate("PlaygroundTab", "Layer {layer}, unit {unit}: its output "
                                               "(blue +, orange −)").format(layer=layer + 1, unit=unit + 1))

    def _show_hovered_unit(self) -> None:
        target = self.compare_view.views[0] if self.comparing and self.compare_view.views else self.plane
        maps = self._unit_maps
        if self._hovered is None or maps is None:
            target.show_unit(None)
            return
        layer, unit = self._hovered
        if layer < len(maps) and unit < len(maps[layer]):
            target.show_unit(f"layer {layer + 1}, unit {unit + 1}", maps[layer][unit])
        else:
            target.show_unit(None)

    def _gradients(self) -> list | None:
        """∂C/∂W of network 1 on its training points, for the weights the diagram shows.
        While training, the worker owns the network: its latest copied weights are
        differentiated instead (by the core's `MLP.loss_and_grads`)."""
        if not self.sessions:
            return None
        s = self.sessions[0]
        if not self.is_running():
            return s.gradients()
        params = self.diagram.params
        if params is None:
            return None
        from gradlab.core.mlp import MLP

        with np.errstate(all="ignore"):
            return MLP([(W.copy(), b.copy()) for W, b in params], s.config.activation,
                       s.loss).loss_and_grads(s.F_train, s.y_train)[1]

    def _show_restart(self, source: str | None) -> None:
        """The line saying a change started training again (`RESTART_DATA` or
        `RESTART_SETTINGS`, in the language in use); None hides it. Kept until Play,
        Pause, Step, Reset or New weights: a restart while playing is not over in a frame."""
        self._restart_note = source
        self.restart_label.setText("" if source is None else translate("PlaygroundTab", source))
        self.restart_label.setVisible(source is not None)

    @property
    def restart_note(self) -> str:
        """The restart line shown ("" when none is)."""
        return self.restart_label.text() if self._restart_note is not None else ""

    def _show_error(self, text: Any) -> None:
        """Show an error line in red: `text`, or a function that gives it in the language
        in use (shown again so when the language changes)."""
        self._error = text
        if callable(text):
            text = text()
        self.last_error = text
        self.status.setText(text)
        self.status.setVisible(True)

    # -- the window ------------------------------------------------------------------------------
    def set_look(self, look: Look) -> None:
        """Presenter mode: larger text in the plots, a wider settings column."""
        self.look = look
        k = look.font_pt / NORMAL.font_pt
        self._fit_column()
        for root in (self.plane, self.loss_plot, self.compare_view):
            set_text_scale(root, k)
        self.loss_plot.make_room()  # its legend's new height

    def _fit_column(self) -> None:
        """The settings column as wide as its widest row (it scrolls only vertically)."""
        self.column.adjustSize()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        self.scroll.setFixedWidth(max(COLUMN_WIDTH, self.column.minimumSizeHint().width() + bar + 4))

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop training, the redraw clock and the child process (joined); True when the
        worker has ended."""
        worker, self.worker = self.worker, None
        self.timer.stop()
        self._share_gil(False)
        ended = worker.stop_and_wait(timeout_ms) if worker is not None else True
        trainer, self._trainer = self._trainer, None
        if trainer is not None:  # after the worker: a run hands its networks back first
            trainer.close()
        self._in_thread = None  # a later run starts a new child
        return ended

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override: stop the work first
        self.shutdown()
        super().closeEvent(event)


def _core_error(why: str) -> Any:
    """A core's error line (English, as the CLI prints it) in the language in use, said
    again on a change of language (see gui.core_errors)."""
    return lambda: explain(why)


def _long(s: Any) -> str:
    if s is None:
        return translate("PlaygroundTab", "Not trained yet: Play or Step.")
    return translate("PlaygroundTab", "Loss {train_loss} training, {test_loss} test;  accuracy {train_accuracy} / "
                     "{test_accuracy}").format(train_loss=_num(s.train_loss), test_loss=_num(s.test_loss),
                                               train_accuracy=_pct(_accuracy(s.train_accuracy, s.train_loss)),
                                               test_accuracy=_pct(_accuracy(s.test_accuracy, s.test_loss)))


def _short(s: Any) -> str:
    if s is None:
        return translate("PlaygroundTab", "not trained yet")
    return translate("PlaygroundTab", "loss {train_loss} / {test_loss}, acc {test_accuracy}").format(
        train_loss=_num(s.train_loss, 3), test_loss=_num(s.test_loss, 3),
        test_accuracy=_pct(_accuracy(s.test_accuracy, s.test_loss), 0))


def _accuracy(accuracy: float, loss: float) -> float:
    """The accuracy, or NaN (shown "—") where the loss on the same points is not a finite
    number: the outputs are not all numbers then (a diverged network), yet argmax still
    picks a class in each row (the first NaN), and some of those hit the label."""
    return accuracy if math.isfinite(loss) else math.nan


def _num(v: float, digits: int = 4) -> str:
    return f"{v:.{digits}f}" if math.isfinite(v) else "—"


def _pct(v: float, digits: int = 1) -> str:
    return f"{100 * v:.{digits}f} %" if math.isfinite(v) else "—"
