"""Run/Pause, Step back, Step, Reset, speed, maximum steps, and the history slider.

Only buttons and values: the race tab decides what they do. Keyboard shortcuts
(Space, Right, Left, R) are installed on the race tab, not here, so they work wherever
focus is inside the tab.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

SLIDER_MIN_WIDTH = 120  # a track, never a square, and room for the step counter at 1280 px in presenter mode
SPEEDS: list[float | None] = [1, 2, 5, 10, 20, 60, 120, 200, 500, 1000, None]


def speed_text(speed: float | None) -> str:
    return "max" if speed is None else f"{speed:g} steps/s"


def step_text(cursor: int, last: int, max_steps: int) -> str:
    """"step 40 of 300" while live; "step 12 of 40 recorded (max 300)" when scrubbing back."""
    if cursor == last:
        return f"step {cursor} of {max_steps}"
    return f"step {cursor} of {last} recorded (max {max_steps})"


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

        def button(text: str, tip: str) -> QtWidgets.QPushButton:
            b = QtWidgets.QPushButton(text)
            b.setToolTip(tip)
            b.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # keep Space for Run/Pause
            row.addWidget(b)
            return b

        self.run_button = button("▶  Run", "run or pause the race (Space)")
        self.run_button.setObjectName("RunButton")
        self.back_button = button("◀ Step back", "one step back through the recorded history (Left)")
        self.step_button = button("Step ▶", "one step forward (Right)")
        self.reset_button = button("⟲ Reset", "back to step 0 with the current settings (R)")
        row.addSpacing(12)

        row.addWidget(QtWidgets.QLabel("Speed"))
        self.speed_combo = QtWidgets.QComboBox()
        for s in SPEEDS:
            self.speed_combo.addItem(speed_text(s), s)
        self.speed_combo.setToolTip("steps per second; max runs as fast as the computer can")
        self.speed_combo.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        row.addWidget(self.speed_combo)
        row.addWidget(QtWidgets.QLabel("Max steps"))
        self.max_steps = QtWidgets.QSpinBox()
        self.max_steps.setRange(1, 1_000_000)
        self.max_steps.setSingleStep(100)
        self.max_steps.setKeyboardTracking(False)
        self.max_steps.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        row.addWidget(self.max_steps)
        row.addSpacing(12)

        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setToolTip("scrub through the recorded history: the surface and the curves "
                               "highlight the chosen step")
        self.slider.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        # Room to scrub even in a narrow window (it shrank to a square handle).
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.slider.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        row.addWidget(self.slider, 1)
        self.step_label = StepLabel()
        self.step_label.setToolTip("the step shown, of the steps recorded so far; "
                                   "then the race's maximum number of steps")
        row.addWidget(self.step_label)
        self.set_position(0, 0, 0)

        self.run_button.clicked.connect(self.run_clicked)
        self.step_button.clicked.connect(self.step_clicked)
        self.back_button.clicked.connect(self.back_clicked)
        self.reset_button.clicked.connect(self.reset_clicked)
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.speed_changed.emit(self.speed_combo.itemData(i)))
        self.max_steps.valueChanged.connect(self.max_steps_changed)
        self.slider.valueChanged.connect(self.scrubbed)

    def set_running(self, running: bool) -> None:
        self.run_button.setText("❚❚  Pause" if running else "▶  Run")

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
        blocker = QtCore.QSignalBlocker(self.slider)
        self.slider.setRange(0, max(last, 0))
        self.slider.setValue(cursor)
        del blocker
        self.step_label.reserve(max(max_steps, last))
        self.step_label.setText(step_text(cursor, last, max_steps))
