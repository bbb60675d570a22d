"""The MNIST tab: train the 784-512-256-10 network live and compare runs.

Data flows one way (see ARCHITECTURE.md): the settings form makes a `TrainConfig`; the
queue holds `Run`s; the `Runner` trains them one after another in a `GeneratorWorker`
(torch is imported there; a warm-up thread starts importing it, off the GUI thread,
at the tab's first paint, see `Runner.warm_up`, and the data count as loaded once it is
in, see `runner.ready_to_train`); each frame
is appended to its run's buffers and marks the view dirty; one `QTimer` redraws only when
something changed: at most 30 times a second when idle; while a run trains it starts at
150 ms and adapts (33 ms to 500 ms) so that the GUI thread stays busy at most 3% of the
wall time (`_pace`: a paint holds the GIL the worker needs).

`MnistTab(parent=None, data_folder=None)` is self-contained (its own data chooser and
status line). The main window asks `confirm_close()` before it closes (runs whose
training is not saved: Save runs…, Discard or Cancel) and calls `shutdown(timeout_ms)`
when it does; the tab's own `closeEvent` shuts down too when it is a window by itself.
Removing a run whose training is not saved, or "Clear all", asks the same question.
The questions go through `ask_unsaved` and `choose_folder`, attributes a test (or a
script) may replace.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6 import QtCore, QtWidgets

from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.mnist.controls import ConfigForm
from gradlab.gui.mnist.data_panel import DataPanel
from gradlab.gui.mnist.early import after_first_paint
from gradlab.gui.mnist.export import picture_paths, write_csv, write_pictures
from gradlab.gui.mnist.progress import IDLE_TEXT, LOADING_TEXT, NO_DATA_TEXT, ProgressLine
from gradlab.gui.mnist.queue import RunQueue
from gradlab.gui.mnist.runner import Runner, ready_to_train
from gradlab.gui.mnist.runs import RunStatus, run_from_checkpoint
from gradlab.gui.mnist.view import MnistView
from gradlab.gui.style import NORMAL, PALETTE, Look
from gradlab.gui.worker import GeneratorWorker

REDRAW_MS = 33  # at most 30 redraws a second
MAX_REDRAW_MS = 500
START_REDRAW_MS = 150
# While a run trains, the GUI thread may be busy at most this share of the time: a paint
# holds the GIL (pyqtgraph paints in Python), and every torch call of the worker has to
# win the GIL back, so a busy GUI slows training more than its CPU time suggests.
TRAINING_DUTY = 0.03
# The settings panel's width (px, without its scroll bar) when its rows all fit beside
# their labels: about the English form's at the normal font (365 px).
SETTINGS_WIDTH = 380
# The answers of `ask_unsaved`.
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: QtWidgets.QWidget, title: str, text: str, discard: str) -> str:
    """Save runs… / `discard` / Cancel, as SAVE, DISCARD or CANCEL (Escape: CANCEL)."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, title, text, parent=parent)
    save = box.addButton(translate("MnistTab", "Save runs…"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    drop = box.addButton(discard, QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is drop else CANCEL


def choose_folder(parent: QtWidgets.QWidget) -> Path | None:
    from gradlab.gui.exporting import ask_path  # noqa: PLC0415 - the dialog's labels in the language in use

    folder = ask_path(parent, translate("MnistTab", "Save the runs in this folder"), mode="folder")
    return Path(folder) if folder else None


class MnistTab(QtWidgets.QWidget):
    """Settings and queue on the left, live plots on the right."""

    run_loaded = QtCore.Signal(object)  # the Run of a loaded file, once it is in the queue

    def __init__(self, parent: QtWidgets.QWidget | None = None,
                 data_folder: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mnist_tab")
        self._dirty = False
        self._seen: dict[int, str] = {}  # run id -> status text shown in the queue list
        self._pace_mark: tuple[float, float] | None = None  # (wall, GUI CPU) at the last redraw
        self._message: Callable[[], str] = lambda: ""  # says the message line, in the language shown
        # The questions asked before training is lost; replaceable (tests answer them).
        self.ask_unsaved: Callable[[str, str, str], str] = (
            lambda title, text, discard: ask_unsaved(self, title, text, discard))
        self.choose_folder: Callable[[], Path | None] = lambda: choose_folder(self)

        # -- left: data, settings, queue ------------------------------------------------------
        # "Loaded" once a run can start on them: the files read, torch imported (the two
        # overlap) and the tensors made, so that a Start pressed then shows its first
        # frame at once.
        self.data_panel = DataPanel(data_folder, before_loaded=ready_to_train)
        self.form = ConfigForm()
        self.queue = RunQueue()
        self.start_button = self._button("start", self.start)
        self.stop_button = self._button("stop", self.stop)
        self.resume_button = self._button("resume", self.resume)
        self.more_epochs = QtWidgets.QSpinBox()
        self.more_epochs.setObjectName("more_epochs")
        self.more_epochs.setRange(1, 100)
        self.more_epochs.setPrefix("+")
        # Preferred, not a spin box's Minimum: it may shrink to its minimum hint rather than
        # hold the width of "+100 epochs", so the tab fits a projector in presenter mode.
        self.more_epochs.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred,
                                       QtWidgets.QSizePolicy.Policy.Fixed)
        self.more_epochs.valueChanged.connect(lambda _n: self._epochs_suffix())
        self.more_button = self._button("train_more", self.train_more)
        self._loader: GeneratorWorker | None = None  # reads a saved run (imports torch)
        self.save_button = self._button("save_run", self.save_run)
        self.load_button = self._button("load_run", self.load_run)
        self.csv_button = self._button("export_csv", self.export_csv)
        self.picture_button = self._button("export_plots", self.export_plots)

        # The settings scroll; the data box above and the queue below stay in view.
        scroll = self.settings_scroll = QtWidgets.QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fit_settings_width()
        left_box = QtWidgets.QWidget()
        left = QtWidgets.QVBoxLayout(left_box)
        left.setContentsMargins(4, 4, 4, 4)
        left.addWidget(self.data_panel)
        left.addWidget(scroll, 1)
        left.addWidget(self.queue)
        files = QtWidgets.QHBoxLayout()  # they act on the runs, so they sit under the queue
        for b in (self.save_button, self.load_button, self.csv_button, self.picture_button):
            files.addWidget(b)
        self.queue.layout().addLayout(files)

        # -- right: run buttons and view options, progress, plots ----------------------------
        self.log_y = QtWidgets.QCheckBox()
        self.log_y.setObjectName("log_y")
        self.log_y.toggled.connect(self._on_log_y)
        self.smoothing = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.smoothing.setObjectName("smoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(90)
        self.smoothing.setFixedWidth(120)
        self.smoothing_label = QtWidgets.QLabel()
        self.smoothing.valueChanged.connect(self._on_smoothing)
        self.fit_button = self._button("fit", self._fit)
        self.progress = ProgressLine()
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.view = MnistView()

        # Two rows, so the tab fits a 1280-pixel projector beside the settings: the run's
        # buttons and the plots' scale above, the progress bar and the smoothing below.
        runs = QtWidgets.QHBoxLayout()
        for b in (self.start_button, self.stop_button, self.resume_button):
            runs.addWidget(b)
        runs.addSpacing(8)
        runs.addWidget(self.more_button)
        runs.addWidget(self.more_epochs)
        runs.addStretch(1)
        runs.addWidget(self.log_y)
        runs.addWidget(self.fit_button)
        status = QtWidgets.QHBoxLayout()
        status.addWidget(self.progress, 1)
        status.addSpacing(8)
        self.smoothing_caption = QtWidgets.QLabel()
        status.addWidget(self.smoothing_caption)
        status.addWidget(self.smoothing)
        status.addWidget(self.smoothing_label)
        right_box = QtWidgets.QWidget()
        right = QtWidgets.QVBoxLayout(right_box)
        right.setContentsMargins(4, 4, 4, 4)
        right.addLayout(runs)
        right.addLayout(status)
        right.addWidget(self.message)
        right.addWidget(self.view, 1)

        splitter = QtWidgets.QSplitter()
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        outer = QtWidgets.QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        # -- wiring -------------------------------------------------------------------------
        self.runner = Runner(self)
        self.runner.changed.connect(self._on_changed)
        self.runner.started_run.connect(self.queue.select)
        self.runner.idle.connect(self._on_idle)
        self.timer = QtCore.QTimer(self)
        self.timer.setObjectName("mnist redraw")
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._redraw)
        self.queue.add_requested.connect(self.add_current)
        self.queue.selection_changed.connect(self._on_selected)
        self.queue.removed.connect(lambda _run: self._mark_dirty())
        self.queue.confirm_remove = self._confirm_remove
        self.queue.clear_requested.connect(self.clear_runs)
        self.data_panel.loaded.connect(lambda _data: self._update_buttons())
        self.data_panel.loaded.connect(self._warm_up)
        self.data_panel.unavailable.connect(lambda _msg: self._update_buttons())
        self.data_panel.loading.connect(self._update_buttons)
        app = QtWidgets.QApplication.instance()
        if app is not None:
            # Last line of defence when nobody calls shutdown (a window closed by the OS).
            app.aboutToQuit.connect(self.shutdown)
        # No redraw (and no timer) until something happens: a tab that only opens and
        # closes leaves nothing running.
        self.smoothing_label.setText(self._smoothing_text(self.smoothing.value()))
        self._say("")
        self._update_buttons()
        self.retranslate()
        on_language_change(self, self.retranslate)
        # torch and the trainer, imported in a background thread from the tab's first
        # paint on (issue 19): ~1-1.5 s, more than reading the data takes, so the two
        # overlap (the data count as loaded once both are done). Not before that paint:
        # the import holds the GIL in long stretches, and the paint waited 0.5-1.7 s for it.
        # The tab is built when first shown (the window starts on the race).
        after_first_paint(self, self._warm_up)

    def retranslate(self) -> None:
        """The texts set once, in the language shown (the message line said again in it);
        the settings panel widened for them."""
        self.start_button.setText(translate("MnistTab", "Start"))
        self.stop_button.setText(translate("MnistTab", "Stop"))
        self.resume_button.setText(translate("MnistTab", "Resume"))
        self.start_button.setToolTip(translate("MnistTab", "Train the queued runs (the current settings if none are queued)"))
        self.stop_button.setToolTip(translate("MnistTab", "Stop after the current step; what was trained is kept"))
        self.resume_button.setToolTip(translate("MnistTab", "Go on from where the stopped runs stopped"))
        self.more_button.setText(translate("MnistTab", "Train more"))
        self.more_button.setToolTip(translate("MnistTab", "Go on training the selected finished run for more epochs "
                                              "(a cosine schedule stretches over the new length)"))
        self.more_epochs.setToolTip(self.more_button.toolTip())
        self._epochs_suffix()
        self.save_button.setText(translate("MnistTab", "Save…"))
        self.load_button.setText(translate("MnistTab", "Load…"))
        self.save_button.setToolTip(translate("MnistTab", "Save the selected run (weights, optimizer state, config, curves)"))
        self.load_button.setToolTip(translate("MnistTab", "Load a saved run: its curves, and Resume if it has epochs left"))
        self.csv_button.setText(translate("MnistTab", "CSV…"))
        self.picture_button.setText(translate("MnistTab", "PNG/SVG…"))
        self.csv_button.setToolTip(translate("MnistTab", "Export every run's curves as CSV"))
        self.picture_button.setToolTip(translate("MnistTab", "Export the plots as a PNG or SVG picture"))
        self.log_y.setText(translate("MnistTab", "log-scale losses"))
        self.smoothing.setToolTip(translate("MnistTab", "Smoothing: weight w of the debiased moving average of the training loss"))
        self.fit_button.setText(translate("MnistTab", "Fit to data"))
        self.smoothing_caption.setText(translate("MnistTab", "Smoothing"))
        self._show_message()
        self.fit_settings_width()

    def _epochs_suffix(self) -> None:
        one = self.more_epochs.value() == 1
        self.more_epochs.setSuffix(translate("MnistTab", " epoch") if one else translate("MnistTab", " epochs"))

    def fit_settings_width(self) -> None:
        """The settings panel as wide as its widest row needs now: at the font and in the
        language shown (set once, at the normal font, presenter mode's larger font cut the
        combo and spin boxes at their right edge on a 1280-pixel projector)."""
        scroll = self.settings_scroll
        # The room of the vertical scroll bar the panel shows when it is taller than its view.
        bar = max(16, scroll.verticalScrollBar().sizeHint().width() + 4)
        # Every row beside its label where that is no wider than the panel at the normal
        # font; a larger font wraps the long rows (label above field, see ConfigForm)
        # rather than take the plots' width.
        want = min(self.form.sizeHint().width(), SETTINGS_WIDTH)
        scroll.setMinimumWidth(max(want, self.form.minimumSizeHint().width()) + bar)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange and hasattr(self, "settings_scroll"):
            self.fit_settings_width()  # presenter mode's font came or went

    def _button(self, name: str, slot) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- public -------------------------------------------------------------------------------
    @property
    def runs(self) -> list:
        return self.queue.runs

    def smoothing_weight(self) -> float:
        return self.smoothing.value() / 100.0

    def add_current(self):
        """Queue the settings shown; returns the new run (None if they cannot be read)."""
        try:
            config = self.form.config()
        except ValueError as e:
            self._say(str(e), error=True)
            return None
        return self.add_config(config)

    def add_config(self, config):
        """Queue `config` (a TrainConfig); returns its Run."""
        run = self.queue.add(config)
        self._say("")
        self._mark_dirty()
        self._update_buttons()
        return run

    def set_look(self, look: Look) -> None:
        """Presenter mode: the plots' text scales with the window's font (the widgets
        follow the window's font on their own)."""
        self.view.set_text_scale(look.font_pt / NORMAL.font_pt)
        # On a 1280-pixel projector the progress line needs the caption's room: beside it
        # the run's result was cut ("done, test accuracy 69.9…"). The slider's tooltip
        # still names it.
        self.smoothing_caption.setVisible(look.font_pt <= NORMAL.font_pt)
        self.fit_settings_width()  # the window's font changed just before

    def redraw_now(self) -> None:
        """Redraw at once instead of on the next tick (scripts, screenshots)."""
        self._dirty = True
        self._redraw()

    def start(self) -> None:
        """Train the queued runs in order (the current settings if none is queued)."""
        if self.runner.running():
            return
        if self.data_panel.data is None:
            self._say(lambda: translate("MnistTab", "Load MNIST first (see the data box)."), error=True)
            return
        if not self.queue.pending(resume=False) and self.add_current() is None:
            return
        self._run(self.queue.pending(resume=False))

    def _warm_up(self, data=None) -> None:
        """The tab painted, or data loaded: torch, the trainer and the data's tensors
        are readied in the background now, so that Start's first frame comes sooner
        (see Runner.warm_up)."""
        try:
            config = self.form.config()
        except ValueError:
            return  # the form says what is wrong when Start is pressed
        self.runner.warm_up(config, data)

    def resume(self) -> None:
        """Go on with stopped runs from their checkpoints, then the queued ones."""
        if self.runner.running() or self.data_panel.data is None:
            return
        self._run(self.queue.pending(resume=True))

    def train_more(self) -> None:
        """Train the selected finished run for `more_epochs` more epochs, from its
        checkpoint, as if it had been asked for that many from the start."""
        run = self.queue.selected()
        if self.runner.running() or self.data_panel.data is None or not self._can_train_more(run):
            return
        run.config = run.config.replace(epochs=run.config.epochs + self.more_epochs.value())
        run.status = RunStatus.STOPPED  # resumable: Runner goes on from the checkpoint
        run.revision += 1
        self._run([run])

    @staticmethod
    def _can_train_more(run) -> bool:
        return run is not None and run.status == RunStatus.DONE and run.checkpoint is not None

    def stop(self) -> None:
        """Stop the current run after its step in progress; the queue halts."""
        self.runner.stop()
        self._say(lambda: translate("MnistTab", "Stopping… what was trained is kept; Resume goes on."))

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop and join every worker of the tab and stop its timer (the window's close)."""
        if self._loader is not None:
            self._loader.stop()  # flagged first: it winds down while the others are joined
        ok = self.runner.stop_and_wait(timeout_ms)
        ok = self.data_panel.shutdown(timeout_ms) and ok
        if self._loader is not None:
            ok = self._loader.stop_and_wait(timeout_ms) and ok
        self.timer.stop()
        return ok

    # -- runs that would be lost ---------------------------------------------------------------
    def unsaved_runs(self) -> list:
        """Runs whose training is not in a file (see `Run.unsaved`)."""
        return [r for r in self.runs if r.unsaved]

    def has_unsaved_runs(self) -> bool:
        return bool(self.unsaved_runs())

    def confirm_close(self) -> bool:
        """Before the window closes: True when nothing would be lost, or the user saved
        the runs or chose to discard them; False (stay open) on Cancel."""
        runs = self.unsaved_runs()
        if not runs:
            return True
        if len(runs) == 1:
            text = (translate("MnistTab", "{runs} has training that is not saved (one is still training). Closing loses it.")
                    if self.runner.running() else
                    translate("MnistTab", "{runs} has training that is not saved. Closing loses it."))
        else:
            text = (translate("MnistTab", "{runs} have training that is not saved (one is still training). Closing loses them.")
                    if self.runner.running() else
                    translate("MnistTab", "{runs} have training that is not saved. Closing loses them."))
        return self._settle(runs, translate("MnistTab", "Close GradLab?"), text.format(runs=_runs_text(runs)),
                            translate("MnistTab", "Discard and close"))

    def _confirm_remove(self, runs: list) -> bool:
        """The queue's question before it removes runs with unsaved training."""
        text = (translate("MnistTab", "{runs} has training that is not saved.") if len(runs) == 1
                else translate("MnistTab", "{runs} have training that is not saved."))
        return self._settle(runs, translate("MnistTab", "Remove runs?"), text.format(runs=_runs_text(runs)),
                            translate("MnistTab", "Remove"))

    def _settle(self, runs: list, title: str, text: str, discard: str) -> bool:
        """Ask; save if asked to. True when the caller may go on and lose the runs."""
        answer = self.ask_unsaved(title, text, discard)
        if answer == DISCARD:
            return True
        if answer != SAVE:
            return False
        return self.save_runs(runs)

    def save_runs(self, runs: list) -> bool:
        """Save `runs` into a folder the user chooses, as mnist-run-N.pt (never over a
        file); a run still training is stopped first, so it has a checkpoint. True when
        every run that has a checkpoint was saved."""
        if any(r.status == RunStatus.RUNNING for r in runs):
            self._stop_and_drain()
        folder = self.choose_folder()
        if folder is None:
            return False
        written = []
        for run in runs:
            if run.checkpoint is None:
                continue  # failed, or ended without a final frame: nothing to resume from
            path = folder / f"mnist-run-{run.number}.pt"
            n = 2
            while path.exists():
                path, n = folder / f"mnist-run-{run.number}-{n}.pt", n + 1
            try:
                self.save_run_to(run, path)
            except OSError as e:
                # The message keeps the error's text, never the exception: its traceback
                # holds this tab, a cycle only the garbage collector would break (and
                # PySide does not survive collecting a live widget that way).
                why = str(e)
                self._say(lambda r=run.number, p=path: translate("MnistTab", "Could not save run {run} to {path}: {error}").format(
                    run=r, path=p, error=explain(why)), error=True)
                return False
            written.append(path.name)
        if written:
            self._say(lambda: translate("MnistTab", "Saved {files} in {folder}").format(files=", ".join(written), folder=folder))
        else:
            self._say(lambda: translate("MnistTab", "Nothing to save."))
        return True

    def _stop_and_drain(self, timeout_s: float = 10.0) -> None:
        """Stop training and deliver the worker's last frames (the checkpoint) now."""
        self.runner.stop()
        deadline = time.monotonic() + timeout_s
        while self.runner.running() and time.monotonic() < deadline:
            worker = self.runner.worker
            if worker is not None:
                worker._thread.wait(20)  # joined: its queued frames are waiting for us
            QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def clear_runs(self) -> None:
        """Remove every run (asked first when some training is not saved); not while
        training."""
        if self.runner.running() or not self.runs:
            return
        unsaved = self.unsaved_runs()
        if unsaved and not self._confirm_remove(unsaved):
            return
        for run in list(self.runs):
            self.queue.remove(run)
        self._say("")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)

    # -- training -----------------------------------------------------------------------------
    def _run(self, runs: list) -> None:
        if not runs:
            self._say(lambda: translate("MnistTab", "Nothing to train: add settings to the queue."), error=True)
            return
        self._say("")
        self._pace_mark = None
        self.timer.setInterval(START_REDRAW_MS)  # start calm; _pace adapts from there
        self.runner.start(runs, self.data_panel.data)
        self._update_buttons()

    def _on_changed(self, _run) -> None:
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        """The frame slot's only work besides appending: ask the clock for a redraw."""
        self._dirty = True
        if not self.timer.isActive():
            self.timer.start()

    def _on_idle(self) -> None:
        self._mark_dirty()
        self._update_buttons()
        failed = [r for r in self.runs if r.status == RunStatus.FAILED]
        if failed:
            run = failed[-1]
            self._say(lambda: translate("MnistTab", "Run {run} {status}").format(run=run.number, status=run.status_text()),
                      error=True)
        elif any(r.status == RunStatus.STOPPED for r in self.runs):
            self._say(lambda: translate("MnistTab", "Stopped. Resume goes on from the last step."))

    def _redraw(self) -> None:
        if not self._dirty:
            if not self.runner.running():
                self.timer.stop()  # nothing will change until the next frame or click
            return
        self._dirty = False
        runs = self.runs
        self.view.redraw(runs, self.queue.selected(), self.smoothing_weight())
        for run in runs:
            text = run.status_text()
            if self._seen.get(id(run)) != text:  # a list row re-lays out: only on change
                self._seen[id(run)] = text
                self.queue.refresh(run)
        current = self.runner.current
        shown = current if current is not None else self.queue.selected()
        if shown is not None and shown.progress is not None:
            self.progress.show_run(shown, runs.index(shown) + 1 if shown in runs else 0, len(runs))
        elif current is not None:
            self.progress.show_run(current, runs.index(current) + 1, len(runs))
        elif not runs:
            self.progress.idle(self._idle_text())  # the runs it described are gone
        self._update_buttons()
        self._pace()

    def _pace(self) -> None:
        """While a run trains, redraw only as often as keeps the GUI thread's CPU time
        (measured: redraws, paints, frame slots, everything) under TRAINING_DUTY of the
        wall time; 30 fps otherwise."""
        now, cpu = time.perf_counter(), time.thread_time()
        mark, self._pace_mark = self._pace_mark, (now, cpu)
        if not self.runner.running():
            ms = REDRAW_MS
        elif mark is None or now <= mark[0]:
            ms = self.timer.interval()  # first tick of a run: nothing measured yet
        else:
            share = (cpu - mark[1]) / (now - mark[0])
            wanted = self.timer.interval() * share / TRAINING_DUTY
            # Half way to the wanted interval each tick: steady, no oscillation.
            ms = 0.5 * self.timer.interval() + 0.5 * wanted
        ms = int(min(MAX_REDRAW_MS, max(REDRAW_MS, ms)))
        if ms != self.timer.interval():
            self.timer.setInterval(ms)

    # -- view options ---------------------------------------------------------------------------
    @staticmethod
    def _smoothing_text(value: int) -> str:
        return f"w = {value / 100:.2f}"

    def _on_smoothing(self, value: int) -> None:
        self.smoothing_label.setText(self._smoothing_text(value))
        self._mark_dirty()

    def _on_log_y(self, on: bool) -> None:
        self.view.curves.set_log_y(on)
        self._mark_dirty()

    def _fit(self) -> None:
        self.view.curves.fit(self.runs)

    def _on_selected(self, run) -> None:
        if run is not None and not self.runner.running():
            self.form.set_config(run.config)
        self._mark_dirty()
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.runner.running()
        has_data = self.data_panel.data is not None
        selected = self.queue.selected()
        self.start_button.setEnabled(has_data and not running)
        self.stop_button.setEnabled(running)
        self.resume_button.setEnabled(has_data and not running and bool(self.queue.pending(resume=True))
                                      and any(r.status == RunStatus.STOPPED for r in self.runs))
        self.queue.remove_button.setEnabled(selected is not None and selected.status != RunStatus.RUNNING)
        self.queue.clear_button.setEnabled(bool(self.runs) and not running)
        self.save_button.setEnabled(selected is not None and selected.checkpoint is not None)
        self.load_button.setEnabled(self._loader is None)
        more = has_data and not running and self._can_train_more(selected)
        self.more_button.setEnabled(more)
        self.more_epochs.setEnabled(more)
        self.csv_button.setEnabled(any(len(r.steps) for r in self.runs))
        if self.progress.idle_text() is not None:  # no run described: say what Start would do now
            self.progress.idle(self._idle_text())

    def _idle_text(self) -> str:
        """What the progress bar says with no run to describe: Start's state, truly."""
        if self.data_panel.data is not None:
            return IDLE_TEXT
        return LOADING_TEXT if self.data_panel.is_loading() else NO_DATA_TEXT

    def _say(self, text: str | Callable[[], str], error: bool = False) -> None:
        """The message line: `text()`, or `text` (the core's: explained, see core_errors), said
        again on a change of language, translated."""
        self._message = text if callable(text) else (lambda: explain(text))
        self.message.setStyleSheet("color: #a40000;" if error else "")
        self._show_message()

    def _show_message(self) -> None:
        text = self._message()
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- files ------------------------------------------------------------------------------------
    def _save_path(self, caption: str, name: str, filters: str) -> Path | None:
        # The save dialog asks before replacing an existing file.
        from gradlab.gui.exporting import ask_path  # noqa: PLC0415

        path = ask_path(self, caption, name, filters, mode="save")
        return Path(path) if path else None

    def save_run(self) -> None:
        run = self.queue.selected()
        if run is None or run.checkpoint is None:
            self._say(lambda: translate("MnistTab", "Select a stopped or finished run to save."), error=True)
            return
        path = self._save_path(translate("MnistTab", "Save run"), f"mnist-run-{run.number}.pt", _run_filter())
        if path is None:
            return
        try:
            self.save_run_to(run, path)
        except OSError as e:  # a folder that is missing or not ours: the write was atomic
            why = e.strerror or str(e)  # the text, not the exception (see above)
            self._say(lambda: translate("MnistTab", "Could not save run {run} to {path}: {error}").format(
                run=run.number, path=path, error=explain(why)), error=True)

    def save_run_to(self, run, path: Path) -> None:
        from gradlab.core.mnist.run_file import save_run  # torch, only when saving

        save_run(path, run.checkpoint)
        run.mark_saved()
        self._say(lambda: translate("MnistTab", "Saved run {run} to {path}").format(run=run.number, path=path))

    def load_run(self) -> None:
        from gradlab.gui.exporting import ask_path  # noqa: PLC0415

        path = ask_path(self, translate("MnistTab", "Load run"), "", _run_filter())
        if path:
            self.load_run_from(Path(path))

    def load_run_from(self, path: Path) -> None:
        """Read a saved run in a worker thread (the first load imports torch, ~2 s, and a
        big file takes a while): the tab stays live and says so; the run joins the queue
        when it arrives (`run_loaded`), or the message names what is wrong."""
        if self._loader is not None:
            return
        path = Path(path)

        def read(stop):
            from gradlab.core.mnist.run_file import load_run  # torch, in the worker

            try:
                yield load_run(path)
            except (ValueError, OSError) as e:  # a file that is not a run: say why
                yield e

        self._loader = GeneratorWorker(read, self)
        self._loader.setObjectName("mnist run loader")
        self._loader.frame.connect(lambda result: self._on_run_read(path, result))
        self._loader.failed.connect(lambda message: self._say(
            lambda: translate("MnistTab", "Could not load {file}: {error}").format(file=path.name, error=explain(message)), error=True))
        self._loader.finished.connect(self._on_loader_finished)
        self._say(lambda: translate("MnistTab", "Loading {file}…").format(file=path.name))
        self._loader.start()
        self._update_buttons()

    def _on_run_read(self, path: Path, result) -> None:
        if isinstance(result, Exception):
            self._say(str(result), error=True)
            return
        run = self.queue.add_run(run_from_checkpoint(result, PALETTE.colour(0, on_dark=False), 0))
        self._say(lambda: translate("MnistTab", "Loaded {file}: {status}").format(file=path.name, status=run.status_text())
                  + (translate("MnistTab", "; {note}").format(note=translate("MnistRuns", run.note)) if run.note else ""))
        self._mark_dirty()
        self.run_loaded.emit(run)

    def _on_loader_finished(self) -> None:
        self._loader = None
        self._update_buttons()

    def export_csv(self) -> None:
        path = self._save_path(translate("MnistTab", "Export curves"), "mnist-curves.csv", "CSV (*.csv)")
        if path is None:
            return
        try:
            write_csv(path, self.runs, self.smoothing_weight(), overwrite=True)  # the dialog asked
        except OSError as e:  # a full disk or a folder we may not write: say so, keep going
            why = str(e)  # the text, not the exception (see save_run)
            self._say(lambda: translate("MnistTab", "Could not write {path}: {error}").format(path=path, error=explain(why)), error=True)
            return
        self._say(lambda: translate("MnistTab", "Curves written to {path}").format(path=path))

    def write_plots(self, path: Path) -> list[Path]:
        """The plots as pictures (see `write_pictures`), without the hover readouts."""
        with self.view.exporting():
            return write_pictures(path, self.view.export_items(), overwrite=True)

    def export_plots(self) -> None:
        """The curves to the chosen file, the pictures to NAME-2 beside it."""
        path = self._save_path(translate("MnistTab", "Export plots"), "mnist-plots.png",
                               translate("MnistTab", "PNG image (*.png);;SVG (*.svg)"))
        if path is None:
            return
        items = self.view.export_items()
        others = [p for p in picture_paths(path, len(items))[1:] if p.exists()]
        if others:  # the dialog asked about `path` only
            answer = QtWidgets.QMessageBox.question(
                self, translate("MnistTab", "Replace?"),
                translate("MnistTab", "{files} exists. Replace it?").format(files=", ".join(p.name for p in others)))
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return
        try:
            written = self.write_plots(path)
        except (ValueError, OSError) as e:
            self._say(str(e), error=True)
            return
        self._say(lambda: translate("MnistTab", "Plots written to {paths}").format(paths=", ".join(str(p) for p in written)))


def _run_filter() -> str:
    return translate("MnistTab", "GradLab MNIST run (*.pt)")


def _runs_text(runs: list) -> str:
    """"Run 2" or "Runs 1, 3 and 4"."""
    numbers = [str(r.number) for r in runs]
    if len(numbers) == 1:
        return translate("MnistTab", "Run {number}").format(number=numbers[0])
    return translate("MnistTab", "Runs {numbers} and {last}").format(
        numbers=translate("MnistTab", ", ").join(numbers[:-1]), last=numbers[-1])
