"""Run/Pause, Step back, Step, Reset, speed, maximum steps, and the history slider.

Only buttons and values: the race tab decides what they do. Keyboard shortcuts
(Space, Right, Left, R) are installed on the race tab, not here, so they work wherever
focus is inside the tab.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gradlab.gui.i18n import on_language_change, translate
from gradlab.gui.race.words import refit

SLIDER_MIN_WIDTH = 120  # a track, never a square, and room for the step counter at 1280 px in presenter mode
SPEEDS: list[float | None] = [1, 2, 5, 10, 20, 60, 120, 200, 500, 1000, None]


def speed_text(speed: float | None) -> str:
    if speed is None:
        return translate("RaceTransport", "max")
    return translate("RaceTransport", "{speed} steps/s").format(speed=f"{speed:g}")


def step_text(cursor: int, last: int, max_steps: int) -> str:
    """"step 40 of 300" while live; "step 12 of 40 recorded (max 300)" when scrubbing back."""
    if cursor == last:
        return translate("RaceTransport", "step {step} of {total}").format(step=cursor, total=max_steps)
    return translate("RaceTransport", "step {step} of {last} recorded (max {total})").format(
        step=cursor, last=last, total=max_steps)


class StepLabel(QtWidgets.QLabel):
    """The step counter: never narrower than the longest live text of the race's maximum,
    "step N of N" (N = 1000000 at most), at its current font: presenter mode enlarges the
    font, so the width is measured each time, not fixed in pixels. Reserving room for a
    million steps in every race would push a 1280-px presenter window off the screen."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = step_text(0, 0, 0)

    def reserve(self, max_steps: int) -> None:
        longest = step_text(max_steps, max_steps, max_steps)
        if longest != self.longest:
            self.longest = longest
            self.updateGeometry()

    def minimumSizeHint(self) -> QtCore.QSize:
        hint = super().minimumSizeHint()
        needed = self.fontMetrics().horizontalAdvance(self.longest) + 2 * self.margin() + 4
        return QtCore.QSize(max(hint.width(), needed), hint.height())


class Transport(QtWidgets.QWidget):
    run_clicked = QtCore.Signal()
    step_clicked = QtCore.Signal()
    back_clicked = QtCore.Signal()
    reset_clicked = QtCore.Signal()
    speed_changed = QtCore.Signal(object)  # float steps/s, or None for "max"
    max_steps_changed = QtCore.Signal(int)
    scrubbed = QtCore.Signal(int)  # a step chosen on the slider

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)

        def button() -> QtWidgets.QPushButton:
            b = QtWidgets.QPushButton()
            b.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # keep Space for Run/Pause
            row.addWidget(b)
            return b

        self.run_button = button()
        self.run_button.setObjectName("RunButton")
        self.back_button = button()
        self.step_button = button()
        self.reset_button = button()
        row.addSpacing(12)

        self.speed_label = QtWidgets.QLabel()
        row.addWidget(self.speed_label)
        self.speed_combo = QtWidgets.QComboBox()
        for s in SPEEDS:
            self.speed_combo.addItem(speed_text(s), s)
        self.speed_combo.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        row.addWidget(self.speed_combo)
        self.max_steps_label = QtWidgets.QLabel()
        row.addWidget(self.max_steps_label)
        self.max_steps = QtWidgets.QSpinBox()
        self.max_steps.setRange(1, 1_000_000)
        self.max_steps.setSingleStep(100)
        self.max_steps.setKeyboardTracking(False)
        self.max_steps.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        row.addWidget(self.max_steps)
        row.addSpacing(12)

        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        # Room to scrub even in a narrow window (it shrank to a square handle).
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.slider.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        row.addWidget(self.slider, 1)
        self.step_label = StepLabel()
        row.addWidget(self.step_label)
        self.running = False
        self._position = (0, 0, 0)
        self.retranslate()
        self.set_position(0, 0, 0)
        on_language_change(self, self.retranslate)

        self.run_button.clicked.connect(self.run_clicked)
        self.step_button.clicked.connect(self.step_clicked)
        self.back_button.clicked.connect(self.back_clicked)
        self.reset_button.clicked.connect(self.reset_clicked)
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.speed_changed.emit(self.speed_combo.itemData(i)))
        self.max_steps.valueChanged.connect(self.max_steps_changed)
        self.slider.valueChanged.connect(self.scrubbed)

    def retranslate(self) -> None:
        """Every text in the language in use (at start and on LanguageChange)."""
        self.set_running(self.running)
        self.run_button.setToolTip(translate("RaceTransport", "run or pause the race (Space)"))
        self.back_button.setText(translate("RaceTransport", "◀ Step back"))
        self.back_button.setToolTip(translate("RaceTransport", "one step back through the recorded "
                                              "history (Left)"))
        self.step_button.setText(translate("RaceTransport", "Step ▶"))
        self.step_button.setToolTip(translate("RaceTransport", "one step forward (Right)"))
        self.reset_button.setText(translate("RaceTransport", "⟲ Reset"))
        self.reset_button.setToolTip(translate("RaceTransport", "back to step 0 with the current "
                                               "settings (R)"))
        self.speed_label.setText(translate("RaceTransport", "Speed"))
        for i in range(self.speed_combo.count()):
            self.speed_combo.setItemText(i, speed_text(self.speed_combo.itemData(i)))
        refit(self.speed_combo)
        self.speed_combo.setToolTip(translate("RaceTransport", "steps per second; max runs as fast "
                                              "as the computer can"))
        self.max_steps_label.setText(translate("RaceTransport", "Max steps"))
        self.slider.setToolTip(translate("RaceTransport", "scrub through the recorded history: the "
                                         "surface and the curves highlight the chosen step"))
        self.step_label.setToolTip(translate("RaceTransport", "the step shown, of the steps recorded "
                                             "so far; then the race's maximum number of steps"))
        self.step_label.longest = ""  # measured again in the new words
        self.set_position(*self._position)

    def set_running(self, running: bool) -> None:
        self.running = running
        self.run_button.setText(translate("RaceTransport", "❚❚  Pause") if running
                                else translate("RaceTransport", "▶  Run"))

    def set_speed(self, speed: float | None) -> None:
        i = self.speed_combo.findData(speed)
        if i < 0:
            self.speed_combo.addItem(speed_text(speed), speed)
            i = self.speed_combo.count() - 1
        blocker = QtCore.QSignalBlocker(self.speed_combo)
        self.speed_combo.setCurrentIndex(i)
        del blocker

    def speed(self) -> float | None:
        return self.speed_combo.currentData()

    def set_max_steps(self, n: int) -> None:
        blocker = QtCore.QSignalBlocker(self.max_steps)
        self.max_steps.setValue(n)
        del blocker

    def set_position(self, cursor: int, last: int, max_steps: int) -> None:
        """Slider at `cursor` of `last` recorded steps (no `scrubbed` emitted)."""
        self._position = (cursor, last, max_steps)
        blocker = QtCore.QSignalBlocker(self.slider)
        self.slider.setRange(0, max(last, 0))
        self.slider.setValue(cursor)
        del blocker
        self.step_label.reserve(max(max_steps, last))
        self.step_label.setText(step_text(cursor, last, max_steps))
