"""The Landscape tab: the loss of the real network around the weights the MNIST tab trained.

Layout: the settings column on the left (`controls.Controls`, in a scroll area), the
picture on the right: the contour map (`map.MapView`), its 3-D surface
(`view3d.Surface3D`, built on first view) or the line plot (`line.LineView`), with
the sentences that say what it shows under it and a line that reads the value under
the mouse.

Data flows one way (../../shared/STYLE.md): the ticked runs and settings → a `jobs.Request`
of plain values → `jobs.frames` in a `GeneratorWorker` (the core computes the plane and
the grid there) → the newest update kept here (`_on_frame`: store, mark dirty) → one
redraw clock. Cancel sets the worker's stop flag, which the core checks at least once
per grid row. The runs come from the window (`mnist_runs()`: this package may not
import the MNIST tab's) and from run files (Load…); the data from the folder the MNIST
tab uses (`mnist_folder()`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.gui.landscape import explain, jobs
from gradlab.gui.landscape.controls import Controls
from gradlab.gui.landscape.line import LineView
from gradlab.gui.landscape.map import MapView, display_values
from gradlab.gui.landscape.runs import RunSource, from_checkpoint, from_window
from gradlab.gui.landscape.view3d import Surface3D
from gradlab.gui.plotting.fonts import set_text_scale
from gradlab.gui.style import NORMAL, PALETTE, Look
from gradlab.gui.worker import GeneratorWorker

REDRAW_MS = 40  # the redraw clock while computing: 25 pictures a second at most
COLUMN_WIDTH = 290
RUN_FILTER = "GradLab run (*.pt);;All files (*)"
PASSES = 3  # the core's grid_order: every 4th point, every 2nd, the rest
HOVER_HINT = "Hover over the picture to read the loss there."
NOTHING_YET = "Nothing computed yet: tick runs, pick a picture, then Compute."


class LandscapeTab(QtWidgets.QWidget):
    """See the module docstring. Signals for the tests and the window: `computing_changed`
    (True when a computation starts, False once its worker has ended), `frame_drawn`
    after each redraw, `runs_changed` when the list was rebuilt, `data_changed`."""

    computing_changed = QtCore.Signal(bool)
    frame_drawn = QtCore.Signal()
    runs_changed = QtCore.Signal()
    data_changed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = NORMAL
        self.data: Any = None
        self.runs: dict[str, RunSource] = {}
        self._file_runs: dict[str, RunSource] = {}
        self._seen: set[str] = set()  # labels listed before: a new one is ticked, once
        self.worker: GeneratorWorker | None = None
        self._data_loader: GeneratorWorker | None = None
        self._file_loader: GeneratorWorker | None = None
        self._data_folder_tried: str | None = None
        self._latest: Any = None
        self._dirty = False
        self._showing = "map"  # the picture of the current result: "map" or "line"
        self.request: jobs.Request | None = None
        self.last_update: Any = None
        self.last_error = ""
        self.cancelled = False

        self.controls = Controls()
        self.scroll = QtWidgets.QScrollArea()
        self.scroll.setWidget(self.controls)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_column()

        self.map = MapView()
        self.map.setMinimumSize(240, 200)
        self.view3d = Surface3D()
        self.line = LineView()
        self.stack = QtWidgets.QStackedWidget()
        for w in (self.map, self.view3d, self.line):
            self.stack.addWidget(w)
        self.button_2d = QtWidgets.QPushButton("2-D map")
        self.button_3d = QtWidgets.QPushButton("3-D surface")
        for b in (self.button_2d, self.button_3d):
            b.setCheckable(True)
            b.setAutoExclusive(True)
        self.button_2d.setChecked(True)
        self.export_button = QtWidgets.QPushButton("Export PNG…")
        self.export_button.setToolTip("save the picture shown (the 2-D map or the line plot)")
        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(self.button_2d)
        bar.addWidget(self.button_3d)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.hover = QtWidgets.QLabel(HOVER_HINT)
        self.hover.setObjectName("LandscapeHover")
        # What the picture shows, in words: set when a picture starts, so it stays true of
        # the picture whatever the controls say meanwhile.
        self.explanation = QtWidgets.QLabel(NOTHING_YET)
        self.explanation.setObjectName("LandscapeExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QtWidgets.QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(bar)
        right.addWidget(self.stack, 1)
        right.addWidget(self.explanation)
        right.addWidget(self.hover)
        layout = QtWidgets.QHBoxLayout(self)
        layout.addWidget(self.scroll)
        layout.addLayout(right, 1)

        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        self.controls.compute_clicked.connect(self.compute)
        self.controls.cancel_clicked.connect(self.cancel)
        self.controls.load_clicked.connect(self._load_dialog)
        self.controls.view_changed.connect(lambda _v: self._preview())
        self.controls.run_list.itemChanged.connect(lambda _i: self._preview())
        self.button_2d.toggled.connect(lambda on: on and self._show_picture())
        self.button_3d.toggled.connect(lambda on: on and self._show_picture())
        self.export_button.clicked.connect(self._export_dialog)
        self.map.hovered.connect(self.hover.setText)
        self.line.hovered.connect(self.hover.setText)
        self._show_picture()

    # -- runs and data -----------------------------------------------------------------------
    def refresh_runs(self) -> None:
        """The MNIST tab's runs (through the window) and the loaded files, in the list."""
        source = getattr(self.window(), "mnist_runs", None)
        if not callable(source):
            return  # no window around the tab (a test): the list stays as it was set
        listed: dict[str, RunSource] = {}
        for entry in source():
            run = from_window(entry)
            if run is not None:
                listed[run.label] = run
        listed.update(self._file_runs)
        self.set_runs(listed)

    def set_runs(self, runs: dict[str, RunSource]) -> None:
        """Show `runs` (label -> RunSource); runs seen for the first time are ticked."""
        checked = set(self.controls.checked()) & set(runs)
        checked |= {label for label in runs if label not in self._seen}
        self._seen |= set(runs)
        self.runs = dict(runs)
        rows = []
        for label, run in runs.items():
            state = "finished" if run.finished else "stopped before its last epoch"
            path = "" if run.trajectory is not None else "; kept no path (random plane only)"
            rows.append((label, run.colour, f"{label}\n{run.where}, {state}{path}"))
        self.controls.set_runs(rows, checked)
        self._preview()
        self.runs_changed.emit()

    def add_run(self, run: RunSource) -> None:
        """A run from outside the MNIST tab (a loaded file): listed and ticked."""
        label = run.label
        n = 2
        while label in self.runs or label in self._file_runs:
            label, n = f"{run.label} ({n})", n + 1
        if label != run.label:
            run = replace(run, label=label)
        self._file_runs[label] = run
        self.set_runs({**{k: v for k, v in self.runs.items() if k not in self._file_runs},
                       **self._file_runs})

    def set_data(self, data: Any) -> None:
        """Use these MNIST arrays (`MnistData`) for every computation."""
        self.data = data
        self._preview()
        self.data_changed.emit()

    def refresh_data(self) -> None:
        """Load MNIST from the folder the MNIST tab uses (once per folder, in a worker)."""
        if self.data is not None or self._data_loader is not None:
            return
        source = getattr(self.window(), "mnist_folder", None)
        folder = source() if callable(source) else None
        if not folder:
            self._preview()
            return
        from gradlab.core.mnist import data as mnist_data

        found = mnist_data.find([folder])
        if found is None or str(found) == self._data_folder_tried:
            self._preview()
            return
        self._data_folder_tried = str(found)
        self._data_loader = self._start(lambda stop: jobs.load_data(found), self._on_data,
                                        "Reading MNIST", "_data_loader")
        self._say_progress(0, 0, "reading MNIST…")

    def _on_data(self, result: Any) -> None:
        if isinstance(result, Exception):
            self._tell(f"Could not read MNIST: {result}")
            return
        self._say_progress(0, 1, "idle")
        self.set_data(result)

    def load_run_file(self, path: str | Path) -> None:
        """Add a saved run (read in a worker: loading imports torch)."""
        path = Path(path)
        if self._file_loader is not None:
            self._tell("A run file is still loading; try again in a moment.")
            return
        colour = PALETTE.colour(len(self._file_runs) + 3, on_dark=True)

        def done(result: Any) -> None:
            if isinstance(result, Exception):
                self._tell(f"Could not load {path.name}: {result}")
                return
            self.add_run(from_checkpoint(result, path, colour))
            self._status(f"Loaded {path}")

        self._file_loader = self._start(lambda stop: jobs.load_file(path), done,
                                        f"Loading {path.name}", "_file_loader")

    def _load_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Load run", "", RUN_FILTER)
        if path:
            self.load_run_file(path)

    def _start(self, make: Any, on_frame: Any, what: str, attribute: str) -> GeneratorWorker:
        """A loader in a worker, kept in `attribute` until its thread ends; `what` names
        it in a failure's one line."""
        worker = GeneratorWorker(make, self)
        worker.setObjectName(f"landscape: {what}")
        worker.frame.connect(on_frame)
        worker.failed.connect(lambda m: self._tell(f"{what} failed: {m}"))

        def finished() -> None:
            if getattr(self, attribute) is worker:
                setattr(self, attribute, None)

        worker.finished.connect(finished)
        worker.start()
        return worker

    # -- computing ---------------------------------------------------------------------------
    def current_request(self) -> jobs.Request:
        s = self.controls.settings()
        runs = tuple(self.runs[label] for label in self.controls.checked() if label in self.runs)
        return jobs.Request(self.controls.view(), runs, self.data, int(s["grid"]), float(s["span"]),
                            int(s["subset"]), int(s["seed"]))

    def _preview(self) -> None:
        """The explanation of the view chosen, and what would stop it, before Compute."""
        if self.is_computing():
            return
        request = self.current_request()
        self.controls.hint.setText(explain.CHOOSE[request.view])
        problem = jobs.check(request)
        if problem == explain.NO_DATA and self._data_loader is not None:
            problem = ""  # being read
        self.controls.say(problem or "")

    def compute(self) -> bool:
        """Start computing the chosen picture; False (and one line saying why) when it cannot."""
        if self.is_computing():
            return False
        self.refresh_runs()
        request = self.current_request()
        problem = jobs.check(request)
        if problem:
            self.controls.say(problem)
            self._tell(problem, quiet=True)
            return False
        self.controls.say("")
        self.request = request
        self.cancelled = False
        self._latest = self.last_update = None
        self.worker = GeneratorWorker(lambda stop, r=request: jobs.frames(r, stop), self)
        self.worker.setObjectName("landscape")
        self.worker.frame.connect(self._on_frame)
        self.worker.failed.connect(lambda m: self._tell(f"The computation stopped: {m}"))
        self.worker.finished.connect(lambda w=self.worker: self._on_finished(w))
        self.controls.set_busy(True)
        self._say_progress(0, 0, "preparing the directions…")
        self.worker.start()
        self.timer.start()
        self.computing_changed.emit(True)
        return True

    def cancel(self) -> None:
        """Stop at the core's next check (within one grid row)."""
        if self.worker is not None:
            self.cancelled = True
            self.worker.stop()
            self.controls.progress.setFormat("cancelling…")

    def is_computing(self) -> bool:
        return self.worker is not None

    def _on_frame(self, frame: Any) -> None:
        if isinstance(frame, jobs.PlaneStart):
            self._start_plane(frame)
        elif isinstance(frame, jobs.LineStart):
            self._start_line(frame)
        else:
            self._latest = frame
            self._dirty = True

    def _start_plane(self, start: jobs.PlaneStart) -> None:
        self._showing = "map"
        self.map.set_plane(start.alphas, start.betas, start.title, start.marks, start.paths,
                           start.colours, start.mark_colours)
        self.map.plot.setLabel("bottom", start.axis_labels[0])
        self.map.plot.setLabel("left", start.axis_labels[1])
        self.view3d.set_plane(start.alphas, start.betas, start.paths, start.colours, start.marks,
                              start.mark_colours)
        self.explanation.setText(start.explanation)
        self.hover.setText(HOVER_HINT)  # the last picture's value is no longer under the mouse
        self._show_picture()

    def _start_line(self, start: jobs.LineStart) -> None:
        self._showing = "line"
        self.line.set_line(start.alphas, start.colours, start.names)
        self.explanation.setText(start.explanation)
        self.hover.setText(HOVER_HINT)
        self._show_picture()

    def redraw(self) -> None:
        """The redraw clock: the newest update into the picture."""
        if not self._dirty or self._latest is None:
            return
        self._dirty = False
        u = self.last_update = self._latest
        if isinstance(u.loss, dict):
            self.line.set_values(u.loss, u.accuracy)
            text = f"{u.done} / {u.total} points"
        else:
            self.map.set_grid(u.loss, u.accuracy)
            self.view3d.set_grid(display_values(u.loss, self.map.log_scale), self.map.levels)
            text = f"{u.done} / {u.total} points · pass {u.pass_index + 1} of {PASSES}"
        self._say_progress(u.done, u.total, text)
        self.frame_drawn.emit()

    def _on_finished(self, worker: GeneratorWorker) -> None:
        if worker is not self.worker:
            return
        self.worker = None
        self.timer.stop()
        self.redraw()
        self.controls.set_busy(False)
        u = self.last_update
        if u is not None:
            word = ("done:" if u.done >= u.total else "cancelled at" if self.cancelled
                    else "stopped at")
            self._say_progress(u.done, u.total, f"{word} {u.done} / {u.total} points")
        else:
            self._say_progress(0, 1, "cancelled" if self.cancelled else "idle")
        self.computing_changed.emit(False)

    # -- pictures ----------------------------------------------------------------------------
    def _show_picture(self) -> None:
        if self._showing == "line":
            self.stack.setCurrentWidget(self.line)
        elif self.button_3d.isChecked():
            self.view3d.activate()
            self.stack.setCurrentWidget(self.view3d)
        else:
            self.stack.setCurrentWidget(self.map)
        for b in (self.button_2d, self.button_3d):
            b.setEnabled(self._showing == "map")

    def picture(self) -> QtWidgets.QWidget:
        """The 2-D picture of the current result (the map, or the line plot)."""
        return self.line if self._showing == "line" else self.map

    def export_png(self, path: str | Path) -> Path:
        """The 2-D picture as a PNG (atomic; OSError when it cannot be written)."""
        from gradlab.gui.exporting import write_picture

        return write_picture(path, self.picture().scene())

    def _export_dialog(self) -> None:
        default = "landscape_line.png" if self._showing == "line" else "landscape.png"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Export", default, "PNG image (*.png)")
        if not path:
            return  # the dialog asked before replacing a file
        try:
            self.export_png(path)
        except OSError as exc:
            self._tell(f"Could not export {path}: {exc.strerror or exc}")
            return
        self._status(f"Exported {path}")

    # -- messages ----------------------------------------------------------------------------
    def _say_progress(self, done: int, total: int, text: str) -> None:
        self.controls.show_progress(done, total, text)

    def _status(self, text: str) -> None:
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar) and self.window() is not self:
            bar().showMessage(text)

    def _tell(self, text: str, quiet: bool = False) -> None:
        """One line in the status bar (and under the controls, unless `quiet`)."""
        self.last_error = text
        self._status(text)
        if not quiet:
            self.controls.say(text)

    # -- the window --------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.is_computing():
            self.refresh_runs()
        self.refresh_data()

    def set_look(self, look: Look) -> None:
        """Presenter mode: larger text in the plots, a wider settings column."""
        self.look = look
        k = look.font_pt / NORMAL.font_pt
        self.controls.fit_list()
        self._fit_column(round(COLUMN_WIDTH * (1 + 0.5 * (k - 1))))
        for view in (self.map, self.line):
            set_text_scale(view, k)

    def _fit_column(self, least: int = COLUMN_WIDTH) -> None:
        """The settings column as wide as its widest row (it scrolls only vertically)."""
        self.controls.adjustSize()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        self.scroll.setFixedWidth(max(least, self.controls.minimumSizeHint().width() + bar + 4))

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the computation, the loaders and the redraw clock; True when all ended."""
        self.timer.stop()
        ok = True
        for name in ("worker", "_data_loader", "_file_loader"):
            worker = getattr(self, name)
            setattr(self, name, None)
            if worker is not None:
                ok = worker.stop_and_wait(timeout_ms) and ok
        return ok

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)
