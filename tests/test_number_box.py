"""The one "any typed number" spin box (gui/number_box.py) that the race's cards, the
backpropagation tab and the MNIST tab share: shown as typed, log steps by a factor,
a decimal comma read, partial input allowed on the way, letters refused, and what a
typed value beyond the range does (refused, or clamped where the tab asks)."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui

from gradlab.gui.backprop import controls as backprop_controls
from gradlab.gui.mnist.hyper import SciSpinBox
from gradlab.gui.number_box import NumberBox
from gradlab.gui.race.racers import hyper as race_hyper

State = QtGui.QValidator.State


def _state(box: NumberBox, text: str) -> QtGui.QValidator.State:
    out = box.validate(text, len(text))
    return out[0] if isinstance(out, tuple) else out


def test_shown_as_typed(qtbot):
    box = NumberBox(0.0, 1.0)
    qtbot.addWidget(box)
    for value, text in ((0.0037, "0.0037"), (3e-4, "0.0003"), (1e-8, "1e-08"), (0.5, "0.5")):
        box.setValue(value)
        assert box.text() == text
    six = NumberBox(0.0, 10.0, shown=".6g")
    qtbot.addWidget(six)
    six.setValue(1 / 3)
    assert six.text() == "0.333333"


def test_log_steps_multiply_and_linear_steps_add(qtbot):
    box = NumberBox(1e-6, 1.0, log=True, value=0.01)  # 10^(1/4) a press by default
    qtbot.addWidget(box)
    box.stepBy(4)
    assert box.value() == pytest.approx(0.1)
    box.stepBy(-8)
    assert box.value() == pytest.approx(0.001)
    race = NumberBox(1e-6, 1.0, log=True, value=0.01, log_step=0.1)
    qtbot.addWidget(race)
    race.stepBy(10)
    assert race.value() == pytest.approx(0.1)
    linear = NumberBox(0.0, 10.0, value=2.0, step=0.5)
    qtbot.addWidget(linear)
    linear.stepBy(3)
    assert linear.value() == pytest.approx(3.5)
    zero = NumberBox(0.0, 10.0, log=True, value=0.0)  # no factor takes 0 anywhere: Qt's step of 1
    qtbot.addWidget(zero)
    zero.stepBy(1)
    assert zero.value() == pytest.approx(1.0)


def test_typing(qtbot):
    box = NumberBox(0.0, 1.0)
    qtbot.addWidget(box)
    for partial in ("", "-", ".", "1e", "1e-", "3E+"):
        assert _state(box, partial) == State.Intermediate, partial
    assert _state(box, "abc") == State.Invalid
    assert _state(box, "0,5") == State.Acceptable and box.valueFromText("0,5") == 0.5
    assert _state(box, "5") == State.Intermediate  # beyond the range: not taken
    clamping = NumberBox(0.0, 1.0, clamp_typed=True)
    qtbot.addWidget(clamping)
    assert _state(clamping, "5") == State.Acceptable
    clamping.lineEdit().setText("5")
    clamping.interpretText()
    assert clamping.value() == 1.0


def test_every_tab_uses_the_shared_box(qtbot):
    assert race_hyper.NumberBox is NumberBox  # the racer cards' boxes
    assert issubclass(SciSpinBox, NumberBox)
    mnist = SciSpinBox(1e-6, 1.0, True)
    qtbot.addWidget(mnist)
    assert mnist.clamp_typed and mnist.log_step == 0.25
    box = backprop_controls._number_box(0.0, 10.0, 2.0)
    qtbot.addWidget(box)
    assert isinstance(box, NumberBox) and box.compact and box.value() == 2.0
    assert box.singleStep() == 0.5


def test_keyboard_tracking_is_off_one_change_per_edit(qtbot):
    box = NumberBox(0.0, 1.0, value=0.5)
    qtbot.addWidget(box)
    assert not box.keyboardTracking()
    seen = []
    box.valueChanged.connect(seen.append)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "0.25")
    assert seen == []
    qtbot.keyClick(box, QtCore.Qt.Key.Key_Return)
    assert seen == [0.25]
