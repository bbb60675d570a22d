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

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui import core_errors
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.landscape import explain, jobs
from gradlab.gui.landscape.controls import Controls
from gradlab.gui.landscape.line import LineView
from gradlab.gui.landscape.map import MapView, display_values
from gradlab.gui.landscape.runs import RunSource, from_checkpoint, from_window, where_text
from gradlab.gui.landscape.view3d import Surface3D
from gradlab.gui.plotting.fonts import set_text_scale
from gradlab.gui.run_label import shown_label
from gradlab.gui.style import NORMAL, PALETTE, Look
from gradlab.gui.worker import GeneratorWorker

REDRAW_MS = 40  # the redraw clock while computing: 25 pictures a second at most
COLUMN_WIDTH = 290
CONTEXT = "LandscapeTab"
RUN_FILTER = QT_TRANSLATE_NOOP("LandscapeTab", "GradLab run (*.pt);;All files (*)")
PASSES = 3  # the core's grid_order: every 4th point, every 2nd, the rest
HOVER_HINT = QT_TRANSLATE_NOOP("LandscapeTab", "Hover over the picture to read the loss there.")
HOVER_3D = QT_TRANSLATE_NOOP("LandscapeTab", "Drag to turn the surface; the 2-D map reads the loss under the mouse.")
STALE = QT_TRANSLATE_NOOP("LandscapeTab",
                          "This picture is of the earlier choice: press Compute to draw the view chosen.")
DETAIL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")  # a last "(…)" of a message
NOT_READ = QT_TRANSLATE_NOOP("LandscapeTab", "MNIST not read")  # the bar, after the read failed
STALE_OPACITY = 0.3  # a picture that no longer matches the controls, until Compute
NOTHING_YET = QT_TRANSLATE_NOOP("LandscapeTab", "Nothing computed yet: tick runs, pick a picture, then Compute.")


def weights_key(run: RunSource) -> str:
    """A checksum of a run's final weights (SHA-1 of every tensor's name, shape and bytes)."""
    import hashlib

    digest = hashlib.sha1()
    for name, value in sorted(run.final().items()):
        digest.update(f"{name}{value.shape}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    return digest.hexdigest()


def drawn_choice(request: jobs.Request) -> tuple[Any, ...]:
    """What of `request` decides the picture: the view, the runs, and the settings that view
    uses (the line: no Span, no Seed; the runs' and PCA planes: no Seed), so that changing
    a setting the view ignores leaves its picture current."""
    return (request.view, tuple(r.label for r in request.runs), request.grid,
            request.span if request.view != "line" else None, request.subset,
            request.seed if request.view == "random" else None)


def _tr(text: str) -> str:
    return translate(CONTEXT, text)


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
        self._partial: tuple[int, int] | None = None  # (done, total) of a picture left unfinished
        self.last_update: Any = None
        self.last_error = ""
        # The last failure's line (a function: said in the language in use), kept under the
        # controls until the learner acts (ticks, picks a view, loads, computes): showing the
        # tab again (after a language switch, say) re-checked the request, whose hint hid it.
        self._failure: Any = None
        self.cancelled = False
        self._column_least = COLUMN_WIDTH
        # The picture's words (title, explanation, axis labels), said again in each language.
        self._plane_texts: Any = None
        self._line_text: Any = None
        self._marks_said: list[Any] = []

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
        self.button_2d = QtWidgets.QPushButton()
        self.button_3d = QtWidgets.QPushButton()
        for b in (self.button_2d, self.button_3d):
            b.setCheckable(True)
            b.setAutoExclusive(True)
        self.button_2d.setChecked(True)
        self.export_button = QtWidgets.QPushButton()
        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(self.button_2d)
        bar.addWidget(self.button_3d)
        bar.addWidget(self.export_button)
        # On a row of its own under the buttons (beside them it squeezed them to their
        # text), in the tooltip's colours: the palette's, so it reads on any theme and
        # keeps the window's font (a style sheet would keep it at the normal size).
        self.stale_note = QtWidgets.QLabel()
        self.stale_note.setObjectName("LandscapeStale")
        self.stale_note.setWordWrap(True)
        self.stale_note.setMargin(4)
        self.stale_note.setAutoFillBackground(True)
        self.stale_note.setBackgroundRole(QtGui.QPalette.ColorRole.ToolTipBase)
        self.stale_note.setForegroundRole(QtGui.QPalette.ColorRole.ToolTipText)
        self.stale_note.setVisible(False)
        self.hover = QtWidgets.QLabel(_tr(HOVER_HINT))
        self.hover.setObjectName("LandscapeHover")
        # A reading may be long (every run's values in the line view): it is elided to the
        # width the picture has, whole in the tooltip, and never widens the window.
        self.hover.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                 QtWidgets.QSizePolicy.Policy.Preferred)
        self.hover.setMinimumWidth(1)
        # What the picture shows, in words: set when a picture starts, so it stays true of
        # the picture whatever the controls say meanwhile.
        self.explanation = QtWidgets.QLabel(_tr(NOTHING_YET))
        self.explanation.setObjectName("LandscapeExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QtWidgets.QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(bar)
        right.addWidget(self.stale_note)
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
        self.controls.view_changed.connect(lambda _v: self._acted())
        self.controls.settings_changed.connect(self._mark_stale)
        self.controls.run_list.itemChanged.connect(lambda _i: self._acted())
        self.button_2d.toggled.connect(lambda on: on and self._show_picture())
        self.button_3d.toggled.connect(lambda on: on and self._show_picture())
        self.export_button.clicked.connect(self._export_dialog)
        self.map.hovered.connect(self.show_hover)
        self.line.hovered.connect(self.show_hover)
        self._show_picture()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """The tab's own texts, and the picture's, in the language in use."""
        self.button_2d.setText(translate("LandscapeTab", "2-D map"))
        self.button_3d.setText(translate("LandscapeTab", "3-D surface"))
        self.export_button.setText(translate("LandscapeTab", "Export PNG…"))
        self.stale_note.setText(_tr(STALE))
        self.export_button.setToolTip(translate("LandscapeTab", "save the picture shown (the 2-D map, the "
                                                                "3-D surface or the line plot), the 2-D "
                                                                "ones with their explanation"))
        self._reset_hover()  # a reading under the mouse is read again on the next move
        if self._showing == "line" and self._line_text is not None:
            self.explanation.setText(self._line_text())
            if self._partial is not None:
                self._apply_line_title()
        elif self._showing == "map" and self._plane_texts is not None:
            self._apply_plane_texts()
        else:
            self.explanation.setText(_tr(NOTHING_YET))
        if self.runs:
            self.controls.set_runs(self._run_rows(), set(self.controls.checked()))
        self._fit_column(self._column_least)

    def show_hover(self, text: str) -> None:
        """The reading under the mouse, cut to the label's width ("…"), whole in its tooltip."""
        self._hover_text = text
        width = max(self.hover.width(), 1)
        self.hover.setText(self.hover.fontMetrics().elidedText(text, QtCore.Qt.TextElideMode.ElideRight, width))
        self.hover.setToolTip(text)

    def _reset_hover(self) -> None:
        """The hint of the picture shown: the 3-D surface reads no values, the 2-D ones do."""
        self._hover_text = ""
        self.hover.setToolTip("")
        self.hover.setText(_tr(HOVER_3D) if self._showing == "map" and self.button_3d.isChecked()
                           else _tr(HOVER_HINT))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if getattr(self, "_hover_text", ""):
            self.show_hover(self._hover_text)

    def _partial_words(self) -> str:
        """"partial: n of N points · " before the title of a picture left unfinished (before:
        a long title is cut at its end)."""
        if self._partial is None:
            return ""
        done, total = self._partial
        return translate("LandscapeTab", "partial: {done} of {total} points · ").format(done=done, total=total)

    def _apply_line_title(self) -> None:
        self.line.loss_plot.setTitle(self._partial_words()
                                     + translate("LandscapeLine", "The straight line from θ₀ to each run's end"))

    def _mark_sayers(self, labels: list[str]) -> list[Any]:
        """For each named point's label on the map, a function that says it in the language
        in use ("1. SGD, final" / "1. SGD，终点"; θ₀ as it is)."""
        shorts = [r.short for r in (self.request.runs if self.request is not None else ())] + ["A", "B"]
        sayers = []
        for label in labels:
            if label == jobs.final_mark():
                sayers.append(jobs.final_mark)
                continue
            run = next((s for s in shorts if label == jobs.final_mark(s)), None)
            sayers.append((lambda r=run: jobs.final_mark(r)) if run is not None else (lambda t=label: t))
        return sayers

    def _apply_plane_texts(self) -> None:
        title, text, (bottom, left) = self._plane_texts()
        self.map.plot.setTitle(self._partial_words() + title)
        self.map.plot.setLabel("bottom", bottom)
        self.map.plot.setLabel("left", left)
        self.explanation.setText(text)
        self.map.relabel_marks([say() for say in self._marks_said])

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
        self.controls.set_runs(self._run_rows(), checked)
        self._preview()
        self.runs_changed.emit()

    def _run_rows(self) -> list[tuple[str, str, str, str]]:
        """(label, text, colour, tooltip) of each listed run: the label its key, the text
        and the tooltip in the language in use."""
        rows = []
        for label, run in self.runs.items():
            shown = shown_label(label, run.config)  # the key, its settings in the language in use
            if run.finished:
                text = (translate("LandscapeTab", "{label}\n{where}, finished") if run.trajectory is not None
                        else translate("LandscapeTab", "{label}\n{where}, finished; kept no path (random plane only)"))
            else:
                text = (translate("LandscapeTab", "{label}\n{where}, stopped before its last epoch") if run.trajectory is not None
                        else translate("LandscapeTab", "{label}\n{where}, stopped before its last epoch; kept no path "
                                 "(random plane only)"))
            rows.append((label, shown, run.colour, text.format(label=shown, where=where_text(run))))
        return rows

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

    def listed_twin(self, run: RunSource) -> str | None:
        """The label of a listed run that is `run` (the same file, or the same final
        weights: a run loaded in the MNIST tab and by Load…), or None."""
        key = weights_key(run)
        for label, other in self.runs.items():
            if (run.file and other.file and Path(run.file).resolve() == Path(other.file).resolve()) \
                    or weights_key(other) == key:
                return label
        return None

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
                                        "Reading MNIST", "_data_loader", lambda: translate("LandscapeTab", "Reading MNIST"))
        self._data_loader.failed.connect(lambda _m: self._say_progress(0, 1, lambda: _tr(NOT_READ)))
        self._say_progress(0, 0, lambda: translate("LandscapeTab", "reading MNIST…"))

    def _on_data(self, result: Any) -> None:
        if isinstance(result, Exception):
            # The file by its name (its folder is the MNIST tab's): the status bar's one line
            # then has room for the reason, which a long path pushed off its end.
            folder = self._data_folder_tried or ""
            problem = str(result).replace(folder.rstrip("/\\") + os.sep, "") if folder else str(result)
            self._say_progress(0, 1, lambda: _tr(NOT_READ))
            said = lambda: translate("LandscapeTab", "Could not read MNIST: {problem}").format(  # noqa: E731
                problem=core_errors.explain(problem))
            # The bar without a last "(…)" detail when that pushed the reason off its one
            # line ("…gz: truncated or corrupt gzip data (Compressed file ended before …)"):
            # the line under the controls says it whole.
            line = said()
            self._tell(said, status=line if self._fits_bar(line) else DETAIL.sub("", line))
            return
        self._say_progress(0, 1, lambda: translate("LandscapeTab", "idle"))
        self.set_data(result)

    def load_run_file(self, path: str | Path) -> None:
        """Add a saved run (read in a worker: loading imports torch)."""
        path = Path(path)
        if self._file_loader is not None:
            self._tell(lambda: translate("LandscapeTab", "A run file is still loading; try again in a moment."))
            return
        self._failure = None
        colour = PALETTE.colour(len(self._file_runs) + 3, on_dark=True)

        def done(result: Any) -> None:
            if isinstance(result, Exception):
                problem = str(result)
                for name in (str(path), path.name):  # the file named once, by its name
                    if problem.startswith(name + ": "):
                        problem = problem[len(name) + 2:]
                self._tell(lambda: translate("LandscapeTab", "Could not load {file}: {problem}").format(file=path.name,
                                                                                   problem=core_errors.explain(problem)))
                return
            run = from_checkpoint(result, path, colour)
            twin = self.listed_twin(run)
            if twin is not None:
                config = self.runs[twin].config
                self._tell(lambda: translate("LandscapeTab", "{file} is already listed as {run}: not added "
                                                             "again.").format(file=path.name,
                                                                              run=shown_label(twin, config)))
                return
            self.add_run(run)
            self._status(translate("LandscapeTab", "Loaded {path}").format(path=path))

        self._file_loader = self._start(lambda stop: jobs.load_file(path), done,
                                        f"Loading {path.name}", "_file_loader",
                                        lambda: translate("LandscapeTab", "Loading {file}").format(file=path.name))

    def _load_dialog(self) -> None:
        from gradlab.gui.exporting import ask_path  # noqa: PLC0415 - the dialog's labels in the language in use

        path = ask_path(self, translate("LandscapeTab", "Load run"), "", _tr(RUN_FILTER))
        if path:
            self.load_run_file(path)

    def _start(self, make: Any, on_frame: Any, name: str, attribute: str,
               what: Any) -> GeneratorWorker:
        """A loader in a worker, kept in `attribute` until its thread ends; `name` names its
        thread, `what()` the loader in a failure's one line (in the language in use)."""
        worker = GeneratorWorker(make, self)
        worker.setObjectName(f"landscape: {name}")
        worker.frame.connect(on_frame)
        worker.failed.connect(lambda m: self._tell(
            lambda: translate("LandscapeTab", "{what} failed: {problem}").format(what=what(), problem=core_errors.explain(m))))

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

    def _acted(self) -> None:
        """The learner changed the choice: the last failure is no longer the news."""
        self._failure = None
        self._preview()

    def _preview(self) -> None:
        """The explanation of the view chosen, and what would stop it, before Compute (or,
        until the learner acts, the last failure)."""
        if self.is_computing():
            return
        request = self.current_request()
        self.controls.show_hint(request.view)
        if self._failure is not None:
            self.controls.say(self._failure, alone=True)
            self._mark_stale()
            return
        problem = jobs.check(request)
        if problem == explain.no_data() and self._data_loader is not None:
            problem = ""  # being read
        # Nothing was asked yet: what is missing is a hint, not an error (red is for a
        # refused Compute).
        self.controls.say(self._check_text(request) if problem else "", error=False)
        self._mark_stale()

    def _mark_stale(self) -> None:
        """The picture dimmed, and a line over it, while the controls ask for another view
        or other runs than it shows: the explanation under it stays that of what is drawn."""
        drawn = self.request
        stale = drawn is not None and not self.is_computing() and (
            drawn_choice(self.current_request()) != drawn_choice(drawn))
        self.stale_note.setVisible(stale)
        for item in (self.map.plot, self.line.loss_plot, self.line.acc_plot):
            item.setOpacity(STALE_OPACITY if stale else 1.0)
        self.view3d.set_dimmed(STALE_OPACITY if stale else 1.0)

    @staticmethod
    def _check_text(request: jobs.Request) -> Any:
        """What stops `request`, said again in each language."""
        return lambda: jobs.check(request) or ""

    def compute(self) -> bool:
        """Start computing the chosen picture; False (and one line saying why) when it cannot."""
        if self.is_computing():
            return False
        self._failure = None  # pressing Compute is acting: what stops it now is the news
        self.refresh_runs()
        request = self.current_request()
        problem = jobs.check(request)
        if problem:
            self.controls.say(self._check_text(request), error=True)
            self._tell(problem, quiet=True)
            return False
        self.controls.say("")
        self.request = request
        self._partial = None
        self.cancelled = False
        self._latest = self.last_update = None
        self.worker = GeneratorWorker(lambda stop, r=request: jobs.frames(r, stop), self)
        self.worker.setObjectName("landscape")
        self.worker.frame.connect(self._on_frame)
        self.worker.failed.connect(lambda m: self._tell(
            lambda: translate("LandscapeTab", "The computation stopped: {problem}").format(problem=core_errors.explain(m))))
        self.worker.finished.connect(lambda w=self.worker: self._on_finished(w))
        self.controls.set_busy(True)
        self._say_progress(0, 0, lambda: translate("LandscapeTab", "preparing the directions…"))
        self.worker.start()
        self.timer.start()
        self.computing_changed.emit(True)
        return True

    def cancel(self) -> None:
        """Stop at the core's next check (within one grid row)."""
        if self.worker is not None:
            self.cancelled = True
            self.worker.stop()
            self.controls.set_progress_text(lambda: translate("LandscapeTab", "cancelling…"))

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
        self._plane_texts = start.retell or (lambda: (start.title, start.explanation, start.axis_labels))
        title = self._plane_texts()[0]
        self.map.set_plane(start.alphas, start.betas, title, start.marks, start.paths,
                           start.colours, start.mark_colours,
                           equal_aspect=start.kind in ("runs", "pca"))  # d₁, d₂ of equal length
        self._marks_said = self._mark_sayers(list(start.marks))
        self._apply_plane_texts()
        self.view3d.set_plane(start.alphas, start.betas, start.paths, start.colours, start.marks,
                              start.mark_colours)
        self._reset_hover()  # the last picture's value is no longer under the mouse
        self._show_picture()

    def _start_line(self, start: jobs.LineStart) -> None:
        self._showing = "line"
        self.line.set_line(start.alphas, start.colours, start.names)
        self._apply_line_title()
        self._line_text = start.retell or (lambda: start.explanation)
        self.explanation.setText(self._line_text())
        self._reset_hover()
        self._show_picture()

    def redraw(self) -> None:
        """The redraw clock: the newest update into the picture."""
        if not self._dirty or self._latest is None:
            return
        self._dirty = False
        u = self.last_update = self._latest
        if isinstance(u.loss, dict):
            self.line.set_values(u.loss, u.accuracy)
            text = lambda: translate("LandscapeTab", "{done} / {total} points").format(done=u.done, total=u.total)  # noqa: E731
        else:
            self.map.set_grid(u.loss, u.accuracy)
            self.view3d.set_grid(display_values(u.loss, self.map.log_scale), self.map.levels,
                                 self.map.log_scale)
            text = lambda: translate("LandscapeTab", "{done} / {total} points · pass {n} of {passes}").format(  # noqa: E731
                done=u.done, total=u.total, n=u.pass_index + 1, passes=PASSES)
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
            if u.done >= u.total:
                text = QT_TRANSLATE_NOOP("LandscapeTab", "done: {done} / {total} points")
            elif self.cancelled:
                text = QT_TRANSLATE_NOOP("LandscapeTab", "cancelled at {done} / {total} points")
            else:
                text = QT_TRANSLATE_NOOP("LandscapeTab", "stopped at {done} / {total} points")
            self._say_progress(u.done, u.total,
                               lambda: _tr(text).format(done=u.done, total=u.total))
            if u.done < u.total:  # the picture says it is unfinished, in its title
                self._partial = (u.done, u.total)
                if self._showing == "line":
                    self._apply_line_title()
                elif self._plane_texts is not None:
                    self._apply_plane_texts()
        else:
            word = QT_TRANSLATE_NOOP("LandscapeTab", "cancelled") if self.cancelled else \
                QT_TRANSLATE_NOOP("LandscapeTab", "idle")
            self._say_progress(0, 1, lambda: _tr(word))
        self._mark_stale()
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
        self._reset_hover()

    def picture(self) -> QtWidgets.QWidget:
        """The 2-D picture of the current result (the map, or the line plot)."""
        return self.line if self._showing == "line" else self.map

    def export_png(self, path: str | Path) -> Path:
        """The picture shown as a PNG (atomic; OSError when it cannot be written): the 3-D
        surface as OpenGL drew it when it is shown, else the map or the line plot with what
        the tab says under it (the explanation: the samples, the PCA plane's shares and
        warning) as a caption, so the file explains itself."""
        from gradlab.core.atomic_file import atomic_path
        from gradlab.gui.exporting import write_picture
        from gradlab.gui.landscape.map import set_caption

        if self.stack.currentWidget() is self.view3d and self.view3d.available:
            image = self.view3d.view.grabFramebuffer()
            path = Path(path)
            with atomic_path(path) as tmp:
                if not image.save(str(tmp)):
                    raise OSError(translate("LandscapeTab", "Qt could not write the image"))
            return path
        view = self.picture()
        set_caption(view, self.explanation.text())
        QtWidgets.QApplication.processEvents()  # lay the caption out before drawing
        try:
            return write_picture(path, view.scene())
        finally:
            set_caption(view, "")

    def _export_dialog(self) -> None:
        default = "landscape_line.png" if self._showing == "line" else "landscape.png"
        from gradlab.gui.exporting import ask_path  # noqa: PLC0415

        path = ask_path(self, translate("LandscapeTab", "Export"), default,
                        translate("LandscapeTab", "PNG image (*.png)"), mode="save")
        if not path:
            return  # the dialog asked before replacing a file
        try:
            self.export_png(path)
        except OSError as exc:
            why = exc.strerror or str(exc)  # the text: the exception's traceback holds this tab
            self._tell(lambda: translate("LandscapeTab", "Could not export {path}: {problem}").format(
                path=path, problem=core_errors.explain(why)))
            return
        self._status(translate("LandscapeTab", "Exported {path}").format(path=path))

    # -- messages ----------------------------------------------------------------------------
    def _say_progress(self, done: int, total: int, text: Any) -> None:
        """`text`: a string, or a function that says it in the language in use."""
        self.controls.show_progress(done, total, text)

    def _status(self, text: str) -> None:
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar) and self.window() is not self:
            bar().showMessage(text)

    def _fits_bar(self, line: str) -> bool:
        """Whether `line` fits the window's status bar on its one line (True: no bar)."""
        bar = getattr(self.window(), "statusBar", None)
        if not callable(bar) or self.window() is self:
            return True
        room = bar().width() - 2 * bar().fontMetrics().averageCharWidth() - 26  # margins, grip
        return bar().fontMetrics().horizontalAdvance(line) <= room

    def _tell(self, text: Any, quiet: bool = False, status: str | None = None) -> None:
        """One line in the status bar (and under the controls, unless `quiet`); `text` a
        string, or a function that says it in the language in use (the line under the
        controls is said again when the language changes); `status`: a shorter line for
        the bar (which has one line)."""
        line = text() if callable(text) else text
        self.last_error = line
        self._status(status or line)
        if not quiet:
            self._failure = text
            self.controls.say(text, alone=True)

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
        self._column_least = round(COLUMN_WIDTH * (1 + 0.5 * (k - 1)))
        self._fit_column(self._column_least)
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
