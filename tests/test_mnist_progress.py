"""The MNIST tab's progress bar says as much as fits one line: the whole text when wide,
then without the device, the run's number, the speed and the time left (in that order),
then elided; epoch, step and the run's status stay longest."""

from __future__ import annotations

import pytest

from gradlab.core.mnist.frames import Progress, TrainConfig
from gradlab.gui.mnist.progress import ProgressLine
from gradlab.gui.mnist.runs import Run


@pytest.fixture
def run():
    r = Run(TrainConfig(epochs=20), "#ff0000", 1)
    r.progress = Progress(epoch=12, epochs=20, step=6000, total_steps=9380, epoch_step=372,
                          steps_per_epoch=469, samples_per_second=31000.0, seconds_left=3732.0,
                          device="cuda:0")
    r.status = "running"
    return r


def _shown(qtbot, run, width: int) -> str:
    bar = ProgressLine()
    qtbot.addWidget(bar)
    bar.resize(width, 30)
    bar.show()
    qtbot.waitExposed(bar)
    bar.show_run(run, 3, 3)
    text = bar.format()
    assert bar.fontMetrics().horizontalAdvance(text) <= bar.contentsRect().width(), text
    return text


def test_a_wide_bar_says_everything(qtbot, run):
    assert _shown(qtbot, run, 1400) == ("Run 3/3 · epoch 12/20 · step 6,000/9,380 · 31,000 samples/s"
                                        " · 1:02:12 left · cuda:0")


def _width_for(text: str) -> int:
    """A bar just wide enough for `text` (the bar keeps 12 px of room beside its text)."""
    return ProgressLine().fontMetrics().horizontalAdvance(text) + 16


def test_a_narrower_bar_drops_the_device_then_the_run_number_then_speed_and_time(qtbot, run):
    expected = [
        "Run 3/3 · epoch 12/20 · step 6,000/9,380 · 31,000 samples/s · 1:02:12 left",
        "epoch 12/20 · step 6,000/9,380 · 31,000 samples/s · 1:02:12 left",
        "epoch 12/20 · step 6,000/9,380 · 1:02:12 left",
        "epoch 12/20 · step 6,000/9,380",
    ]
    for text in expected:
        assert _shown(qtbot, run, _width_for(text)) == text


def test_a_very_narrow_bar_elides_what_is_left(qtbot, run):
    text = _shown(qtbot, run, _width_for("epoch 12/20 · step 6,000"))
    assert text.startswith("epoch 12/20 · step") and text.endswith("…")


def test_the_text_refits_when_the_bar_is_resized(qtbot, run):
    bar = ProgressLine()
    qtbot.addWidget(bar)
    bar.resize(300, 30)
    bar.show()
    bar.show_run(run, 3, 3)
    short = bar.format()
    bar.resize(1400, 30)
    qtbot.waitUntil(lambda: bar.format() != short, timeout=2000)
    assert bar.format() == bar.full_text()


def test_a_stopped_run_claims_no_time_left_and_says_how_far_it_got(qtbot, run):
    # QA item 16: after Stop the bar still said "0:01 left".
    run.status = "stopped"
    assert _shown(qtbot, run, 1400) == "Run 3/3 · epoch 12/20 · step 6,000/9,380 · cuda:0 · stopped at step 6000"


def test_what_does_not_fit_is_whole_in_the_tooltip(qtbot, run):
    bar = ProgressLine()
    qtbot.addWidget(bar)
    bar.resize(_width_for("epoch 12/20 · step 6,000"), 30)
    bar.show()
    bar.show_run(run, 3, 3)
    assert bar.format() != bar.toolTip()
    assert bar.toolTip() == "Run 3/3 · epoch 12/20 · step 6,000/9,380 · 31,000 samples/s · 1:02:12 left · cuda:0"
    bar.resize(1400, 30)
    qtbot.waitUntil(lambda: bar.format() == bar.full_text(), timeout=2000)
    assert bar.toolTip() == ""  # all of it is on the bar


def test_the_idle_text_says_what_start_does(qtbot):
    # QA item 16: it said "Add settings to the queue, then press Start." but Start with an
    # empty queue trains the settings shown.
    bar = ProgressLine()
    qtbot.addWidget(bar)
    bar.resize(1400, 30)
    bar.show()
    bar.idle()
    assert bar.format() == "Press Start to train these settings, or queue several first."
