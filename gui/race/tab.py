"""The optimizer race tab: controls -> RaceConfig -> Race in a worker -> history -> views.

Data flows one way (ARCHITECTURE.md):
- Controls edit `self.config`; any change that alters the race (surface, start,
  racers, hyperparameters) resets it: a new `core.race.Race` and a history holding
  its step-0 row.
- Run starts a `GeneratorWorker` over `race_driver.paced_frames` (the producer paces
  itself). Each frame arrives in `_on_frame`, which only appends to the history and
  marks the views dirty. Pausing joins the worker and delivers what it had sent, so
  the history stays in order; frames from before a reset are dropped (each reset
  starts a new generation).
- One QTimer redraws everything at most 50 times a second and only while something is
  dirty; it stops itself when there is nothing to draw.
- Step (one iteration) runs synchronously: one step of a 2-D race is microseconds.
  Step back and the slider move a cursor through the recorded history.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.core import optimizers, surfaces
from gradlab.core.race import Race
from gradlab.gui.race import layout as race_layout
from gradlab.gui.race.config import RaceConfig
from gradlab.gui.race.driver import paced_frames
from gradlab.gui.race.history import RaceHistory
from gradlab.gui.race.words import title_of
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.style import NORMAL, Look, stylesheet
from gradlab.gui.worker import GeneratorWorker

# The keys' actions, by name (the Help menu lists them).
KEY_ACTIONS = (QT_TRANSLATE_NOOP("RaceTab", "Run / pause the race"),
               QT_TRANSLATE_NOOP("RaceTab", "Step forward"),
               QT_TRANSLATE_NOOP("RaceTab", "Step back"),
               QT_TRANSLATE_NOOP("RaceTab", "Reset to step 0"))
REDRAW_MS = 20  # at most 50 redraws per second: leaves the event loop room to breathe
CURVES_MS = 50  # loss and distance curves: at most 20 updates per second while racing


class RaceTab(QtWidgets.QWidget):
    """Signals: `race_finished()` when a run reaches its last step (or every racer has
    diverged); `running_changed(bool)`; `reset_done()` after every reset;
    `surface_changed(title)` when the user changes the surface (not when a scenario loads)."""

    race_finished = QtCore.Signal()
    surface_changed = QtCore.Signal(str)  # the title of a surface picked, typed or sent here
    running_changed = QtCore.Signal(bool)
    reset_done = QtCore.Signal()
    failed = QtCore.Signal(str)

    def __init__(self, config: RaceConfig | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RaceTab")
        self.config = RaceConfig()
        self.surface: Any = None
        self._custom_surface: Any = None  # a Surface handed over by the explorer
        self.race: Race | None = None
        self.history: RaceHistory | None = None
        self.worker: GeneratorWorker | None = None
        self._generation = 0
        self.cursor = 0
        self._follow = True  # the cursor tracks the newest step
        self._dirty = False
        self.look: Look = NORMAL
        self.redraw_count = 0
        self._table_ms = 0
        self._curves_ms = 0

        self.timer = QtCore.QTimer(self)
        self.timer.setObjectName("RaceRedrawTimer")
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._tick)

        self._build()
        self._connect()
        self._shortcuts()
        self._base_pt = QtWidgets.QApplication.font().pointSizeF()
        self.setStyleSheet(stylesheet(self.look, self._base_pt))
        if config is not None:
            self.load_config(config)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Texts set once, again in the language in use (LanguageChange); the views' texts
        that follow the race (captions, the table, the step) are written at the next redraw."""
        race_layout.retranslate(self)
        for action, text in zip(self.key_actions, KEY_ACTIONS):
            action.setText(translate("RaceTab", text))
        showing_hint = self.hover.text() == self._hover_hint
        self._hover_hint = race_layout.hover_hint()
        if showing_hint:  # a reading of the surface stays until the next hover
            self.hover.setText(self._hover_hint)
        self._mark_dirty()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        race_layout.build(self)
        self._hover_hint = self.hover.text()  # the instructions shown before any hover

    def _connect(self) -> None:
        t = self.transport
        t.run_clicked.connect(self.toggle_run)
        t.step_clicked.connect(self.step)
        t.back_clicked.connect(self.step_back)
        t.reset_clicked.connect(self.reset)
        t.speed_changed.connect(self._speed_changed)
        t.max_steps_changed.connect(self._max_steps_changed)
        t.scrubbed.connect(self.scrub)
        self.picker.surface_chosen.connect(self.set_surface_name)
        self.picker.formula_chosen.connect(self.set_formula)
        self.panel.changed.connect(self._racers_changed)
        self.panel.visibility_changed.connect(self._visibility_changed)
        self.view.start_moved.connect(self._surface_clicked)
        self.theory.hyper_chosen.connect(self._set_hyper)
        self.theory.limits_changed.connect(self._show_limits)
        self.view.hovered.connect(self.hover.setText)
        self.views.currentChanged.connect(self._view_tab_changed)

    def _shortcuts(self) -> None:
        """Space, Right, Left and R whenever this tab is shown, wherever the focus is.

        Window context, not "with children": at start-up the focus is on the window's tab
        bar, outside this tab, and Right would switch tabs. An action of a hidden widget
        never fires, so another tab's keys are its own. A text field or spin box that has
        the focus claims its keys first (Qt's ShortcutOverride), so a typed R stays there.
        Actions, not bare QShortcuts: the Help menu lists them by name."""
        self.key_actions: list[QtGui.QAction] = []
        for text, key, slot in zip(KEY_ACTIONS, ("Space", "Right", "Left", "R"),
                                   (self.toggle_run, self.step, self.step_back, self.reset)):
            action = QtGui.QAction(translate("RaceTab", text), self)
            action.setShortcut(QtGui.QKeySequence(key))
            action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, f=slot: f())
            self.addAction(action)
            self.key_actions.append(action)
        # A formula applied with Enter is an edit finished: give the keys back to the race.
        self.picker.formula_chosen.connect(lambda _text: self.focus_view())

    def focus_view(self) -> None:
        """Put the keyboard focus on the surface view (no text field is being edited)."""
        self.view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    # -- configuration -----------------------------------------------------------------------
    def load_config(self, config: RaceConfig) -> None:
        """Replace the whole set-up (a scenario) and reset, or, on ValueError, change nothing.

        The surface is built (and its formula checked completely) before anything
        changes; should showing it still fail, the previous set-up is put back before the
        error is raised, so Run never continues the old race under the new config and
        Save never writes a set-up that could not be shown."""
        surface = self._make_surface(config)  # raises before anything changes
        previous = None if self.surface is None else (self.current_config(), self.surface,
                                                      self._custom_surface)
        try:
            self._apply_config(config, surface)
        except ValueError:
            if previous is not None:
                old_config, old_surface, old_custom = previous
                self._apply_config(old_config, old_surface)
                self._custom_surface = old_custom
            raise

    def _apply_config(self, config: RaceConfig, surface: Any) -> None:
        self._stop()
        self.config = config.copy()
        self._custom_surface = None
        self.panel.set_entries(self.config.optimizers)
        self.config.optimizers = self.panel.entries()  # the cards edit these objects
        self.transport.set_speed(self.config.speed)
        self.transport.set_max_steps(self.config.max_steps)
        self._set_surface(surface)

    def current_config(self) -> RaceConfig:
        self.config.optimizers = self.panel.entries()
        return self.config.copy()

    def can_save(self) -> bool:
        """A scenario names its surface: the explorer's model losses have names too."""
        return self._custom_surface is None or surfaces.known(self._custom_surface.name)

    def _make_surface(self, config: RaceConfig) -> Any:
        if config.formula is not None:
            return surfaces.from_expression(config.formula, tuple(config.bounds))
        return surfaces.get(config.surface)

    def set_surface_name(self, name: str) -> None:
        surface = surfaces.get(name)
        self.config.surface, self.config.formula = name, None
        self.config.bounds = surface.bounds
        self.config.start = surface.start
        self.config.title, self.config.lesson = "", ""
        self._custom_surface = None
        self._set_surface(surface)
        self.surface_changed.emit(title_of(surface))

    def set_formula(self, text: str) -> None:
        """Race on the typed formula, or show why not under the box and change nothing."""
        try:
            surface = surfaces.from_expression(text, tuple(self.config.bounds))
        except ValueError as exc:
            self.picker.show_error(str(exc))  # the core's refusal: the picker explains it
            return
        fields = ("surface", "formula", "start", "title", "lesson")
        previous = {name: getattr(self.config, name) for name in fields}
        old_surface, old_custom = self.surface, self._custom_surface
        self.config.surface, self.config.formula = "", text
        self.config.start = surface.start
        self.config.title, self.config.lesson = "", ""
        self._custom_surface = None
        try:
            self._set_surface(surface)
        except ValueError as exc:  # the view could not show it: put the old surface back
            for name, value in previous.items():
                setattr(self.config, name, value)
            self._custom_surface = old_custom
            if old_surface is not None:
                self._set_surface(old_surface)
            self.picker.formula.setText(text)  # keep what was typed, to correct it
            self.picker.show_error(str(exc))
            return
        self.surface_changed.emit(f"f(x, y) = {text}")

    def set_custom_surface(self, surface: Any) -> None:
        """Race on a Surface built elsewhere (the explorer's model loss)."""
        self._stop()
        self._custom_surface = surface
        self.config.surface, self.config.formula = surface.name, None
        self.config.bounds = surface.bounds
        self.config.start = surface.start
        self.config.title, self.config.lesson = surface.title, ""
        self._set_surface(surface)
        self.surface_changed.emit(title_of(surface))

    def _set_surface(self, surface: Any) -> None:
        self._stop()
        self.surface = surface
        self.view.set_surface(surface)
        self.view3d.set_surface(surface, self.view.layer.fmin)
        self.curves.set_surface(surface, self.view.layer.fmin)
        self.picker.show_surface(self.config.surface, self.config.formula, surface.formula)
        self.lesson.show_lesson(surface, self.config.title, self.config.lesson)
        # The last hover read another surface: back to the instructions until the next one.
        self.hover.setText(self._hover_hint)
        self.reset()

    def set_start(self, x: float, y: float) -> None:
        self.config.start = (float(x), float(y))
        self.reset()

    def _surface_clicked(self, x: float, y: float) -> None:
        """A click moves the start; Shift+click reads the Hessian there and keeps the start."""
        shift = QtCore.Qt.KeyboardModifier.ShiftModifier
        if QtWidgets.QApplication.keyboardModifiers() & shift:
            self.view.set_start(*self.config.start)  # the view moved its marker already
            self.theory.set_point(x, y)
            return
        self.set_start(x, y)

    def _set_hyper(self, index: int, hyper: dict) -> None:
        """The theory panel chose hyperparameters for racer `index` (its map, "Optimal")."""
        card = self.panel.cards[index]
        blocker = QtCore.QSignalBlocker(card)  # one reset for both values, not one each
        for key, value in hyper.items():
            card.set_hyper(key, value)
        del blocker
        self._racers_changed()

    def _show_limits(self, limits: list) -> None:
        """The theory's stability limits as red marks on the learning-rate sliders."""
        for card, limit in zip(self.panel.cards, limits):
            control = card.controls.get("lr")
            if hasattr(control, "set_marks"):
                control.set_marks([] if limit is None else [limit[0]], "" if limit is None else limit[1])

    def _racers_changed(self) -> None:
        self.config.optimizers = self.panel.entries()
        self.reset()

    def _visibility_changed(self, index: int, on: bool) -> None:
        self.view.set_visible(index, on)
        self.view3d.set_visible(index, on)
        self.curves.set_visible(index, on)

    def _speed_changed(self, speed: float | None) -> None:
        self.config.speed = speed
        if self.is_running():  # the producer's pace is fixed per run: restart it
            self._stop()
            self.run()

    def _max_steps_changed(self, n: int) -> None:
        self.config.max_steps = int(n)
        self._mark_dirty()

    # -- the race ------------------------------------------------------------------------------
    def reset(self) -> None:
        """Step 0 with the current settings."""
        self._stop()
        self._generation += 1  # anything still in flight belongs to the old race
        if self.surface is None:
            return
        entries = self.panel.entries()
        self.config.optimizers = entries
        opts = [optimizers.get(e.name, **e.hyper) for e in entries]
        self.race = Race(self.surface, opts, self.config.start, labels=[e.label for e in entries])
        self.history = RaceHistory(len(entries), self.surface.minima)
        self.history.append(self.race.initial_frame())
        self.view.set_racers(entries)
        self.view.set_start(*self.config.start)
        self.view3d.set_racers(entries)
        self.curves.set_racers(entries)
        self.table.set_racers(entries)
        self.theory.set_race(self.surface, self.config.start, entries)
        self.cursor = 0
        self._follow = True
        self._mark_dirty()
        self.reset_done.emit()

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def at_end(self) -> bool:
        race = self.race
        return race is None or race.step >= self.config.max_steps or all(
            d is not None for d in race.diverged)

    def toggle_run(self) -> None:
        if self.is_running():
            self.pause()
        else:
            self.run()

    def run(self) -> None:
        if self.is_running():
            return
        if self.race is None or self.at_end():
            self.reset()
        race = self.race
        assert race is not None
        self._follow = True
        gen = self._generation
        until, speed = int(self.config.max_steps), self.config.speed
        # Plain values only: the worker never reads a widget.
        worker = GeneratorWorker(lambda stop: paced_frames(race, until, stop, speed))
        worker.frame.connect(lambda frame, g=gen: self._on_frame(g, frame))
        worker.failed.connect(lambda msg, g=gen: self._on_failed(g, msg))
        worker.finished.connect(lambda w=worker: self._on_finished(w))
        self.worker = worker
        worker.start()
        self.transport.set_running(True)
        self.running_changed.emit(True)

    def pause(self) -> None:
        self._stop()

    def _stop(self) -> None:
        """Stop and join the worker, then deliver what it had already sent.

        The frames it queued before stopping are real steps of this race: delivering
        them now (and its `finished`) keeps the history in order before anything else
        (a single step, a new run) adds rows."""
        worker = self.worker
        if worker is None:
            return
        worker.stop_and_wait(2000)
        QtCore.QCoreApplication.sendPostedEvents(worker, 0)
        if self.worker is worker:  # `finished` had not been queued yet
            self._on_finished(worker)

    def step(self) -> None:
        """One step forward: through the recorded history, else one new iteration."""
        if self.is_running():
            self.pause()
        h = self.history
        if h is None or self.race is None:
            return
        if self.cursor < h.last_step:
            self.scrub(self.cursor + 1)
            return
        if self.at_end():
            return
        for frame in self.race.frames(self.race.step + 1, frame_seconds=math.inf):
            h.append(frame)
        self.cursor = h.last_step
        self._follow = True
        self._mark_dirty()

    def step_back(self) -> None:
        if self.is_running():
            self.pause()
        if self.history is None:
            return
        self.scrub(max(self.cursor - 1, int(self.history.steps[0]) if self.history.n else 0))

    def scrub(self, step: int) -> None:
        if self.history is None or self.history.n == 0:
            return
        self.cursor = int(min(max(step, 0), self.history.last_step))
        self._follow = self.cursor == self.history.last_step
        self._mark_dirty()

    def _on_frame(self, gen: int, frame: Any) -> None:
        if gen != self._generation or self.history is None:
            return
        self.history.append(frame)
        if self._follow:
            self.cursor = self.history.last_step
        self._mark_dirty()

    def _on_failed(self, gen: int, message: str) -> None:
        if gen == self._generation:
            self.failed.emit(message)

    def _on_finished(self, worker: GeneratorWorker) -> None:
        if worker is not self.worker:
            return
        self.worker = None
        self.transport.set_running(False)
        self.running_changed.emit(False)
        self._mark_dirty()
        if self.at_end():
            self.race_finished.emit()

    # -- drawing -------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._dirty = True
        if not self.timer.isActive() and not getattr(self, "_closed", False):
            self.timer.start()

    def _tick(self) -> None:
        if not self._dirty:
            self.timer.stop()  # nothing changed for a whole frame: sleep until next change
            return
        self._dirty = False
        self.redraw()

    def redraw(self, complete: bool = False) -> None:
        """Draw everything now (the timer calls this; tests and screenshots may too);
        `complete` also traces contours still waiting (for a screenshot or an export)."""
        if complete:
            self.view.finish_contours()
        self.redraw_count += 1
        h = self.history
        self.view.redraw(h, self.cursor)
        now = QtCore.QTime.currentTime().msecsSinceStartOfDay()
        running = self.is_running()
        # The paths are what the eye follows; the loss curves read fine at 20 updates a
        # second while racing, which leaves the GUI thread time to stay responsive.
        if not running or abs(now - self._curves_ms) >= CURVES_MS:
            self._curves_ms = now
            self.curves.redraw(h, self.cursor)
            self.curves.set_max_steps(self.config.max_steps)
            self.theory.redraw(h, self.cursor)  # draws only while its tab is shown
        # Text is read, not watched: ten table updates a second are plenty while racing.
        if not running or abs(now - self._table_ms) >= 100:
            self._table_ms = now
            self.table.redraw(h, self.cursor)
        if self.views.currentWidget() is self.view3d:
            self.view3d.redraw(h)
        if h is not None:
            self.transport.set_position(self.cursor, max(h.last_step, 0), self.config.max_steps)
            self.panel.set_diverged(h.diverged)

    def _view_tab_changed(self, index: int) -> None:
        if self.views.widget(index) is self.view3d:
            self.view3d.activate()
            self.view3d.redraw(self.history)

    def set_look(self, look: Look) -> None:
        self.look = look
        self.setStyleSheet(stylesheet(look, self._base_pt))
        self.view.set_look(look)
        self.curves.set_look(look)
        self.theory.set_look(look)
        self.table.ensurePolished()
        QtCore.QTimer.singleShot(0, self.table.fit_height)  # after the new fonts apply
        self._mark_dirty()

    # -- export helpers --------------------------------------------------------------------------
    def labels(self) -> list[str]:
        return [e.label for e in self.panel.entries()]

    # -- shutdown --------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the worker (joined within 2 s) and the redraw timer; idempotent."""
        self._closed = True
        self._stop()
        self._generation += 1
        self.timer.stop()
        self.view.stop()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)


def default_config() -> RaceConfig:
    """The start-up set-up: the first teaching scenario (Rosenbrock, four racers)."""
    from gradlab.gui.race import scenario
    from gradlab.resources import default_scenario

    return scenario.load(default_scenario())
