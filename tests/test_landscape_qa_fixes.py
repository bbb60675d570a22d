"""The Landscape tab after the session-22 QA pass: the out-of-date note reads (contrast,
the window's font, the buttons whole), every setting Compute uses makes a picture out of
date, a failed MNIST read says so on the bar and in a line that fits, and a failure's
line stays, in the new language, when the tab is shown again."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import set_language
from gradlab.gui.landscape import controls as controls_module
from gradlab.gui.landscape.tab import LandscapeTab
from i18n_walk import to_chinese

from test_landscape_gui import TIMEOUT, compute  # noqa: F401 - the fixture's helpers
from test_landscape_gui import tab  # noqa: F401 - the fixture

BIG_PT = 14.4  # presenter mode's font (9 pt × 1.6)


def _luminance(colour: QtGui.QColor) -> float:
    """WCAG 2 relative luminance (sRGB)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    """WCAG contrast ratio (L₁ + 0.05) / (L₂ + 0.05), L₁ the lighter."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _drawn_on(label: QtWidgets.QLabel) -> QtGui.QColor:
    """What `label` is painted on: its own background role when it fills it, else its
    parent's window colour."""
    if label.autoFillBackground():
        return label.palette().color(label.backgroundRole())
    return label.parentWidget().palette().color(QtGui.QPalette.ColorRole.Window)


class FakeWindow(QtWidgets.QMainWindow):
    """A window as the tab asks of it: the MNIST tab's runs (none) and folder, a status bar."""

    def __init__(self, folder: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.landscape = LandscapeTab()
        self.setCentralWidget(self.landscape)

    def mnist_runs(self) -> list:
        return []

    def mnist_folder(self) -> str | None:
        return self.folder


def test_the_stale_note_reads_in_the_windows_font_and_leaves_the_buttons_whole(qtbot, tab):
    compute(qtbot, tab, "random", grid=5)
    tab.resize(760, 600)
    tab.controls.set_view("line")
    note = tab.stale_note
    assert note.isVisibleTo(tab)
    assert not note.styleSheet()  # a style sheet would keep it at the normal size
    text = note.palette().color(note.foregroundRole())
    assert contrast(text, _drawn_on(note)) >= 4.5, (text.name(), _drawn_on(note).name())
    font = QtGui.QFont(tab.font())
    font.setPointSizeF(BIG_PT)
    tab.setFont(font)  # as presenter mode sets the window's
    assert note.font().pointSizeF() == BIG_PT
    # every line of it shown, once the layout has followed the larger font
    qtbot.waitUntil(lambda: note.isVisible() and note.height() >= note.heightForWidth(note.width()),
                    timeout=TIMEOUT)
    for button in (tab.button_2d, tab.button_3d, tab.export_button):
        assert button.width() >= button.sizeHint().width(), (button.text(), button.width())


def test_every_setting_compute_uses_makes_the_picture_out_of_date(qtbot, tab):
    c = tab.controls
    compute(qtbot, tab, "random", grid=5)
    assert not tab.stale_note.isVisibleTo(tab)
    for box, other in ((c.grid, 7), (c.span, 2.0), (c.subset, c.subset.value() + 100), (c.seed, 3)):
        was = box.value()
        box.setValue(other)
        assert tab.stale_note.isVisibleTo(tab), box
        assert tab.map.plot.opacity() < 0.5, box
        box.setValue(was)  # back to what is drawn: current again
        assert not tab.stale_note.isVisibleTo(tab), box
        assert tab.map.plot.opacity() == 1.0, box
    compute(qtbot, tab, "line", grid=5)
    c.seed.setValue(4)  # the line uses no seed, nor span: still the picture asked for
    c.span.setValue(3.0)
    assert not tab.stale_note.isVisibleTo(tab)
    c.grid.setValue(7)
    assert tab.stale_note.isVisibleTo(tab)


def _corrupt_mnist(folder: Path) -> None:
    """The four MNIST files, each a right header and a gzip cut off in its middle (the
    QA's "truncated or corrupt gzip data (Compressed file ended before …)")."""
    folder.mkdir()
    headers = {"train-images-idx3-ubyte": (2051, 60000, 28, 28), "train-labels-idx1-ubyte": (2049, 60000),
               "t10k-images-idx3-ubyte": (2051, 10000, 28, 28), "t10k-labels-idx1-ubyte": (2049, 10000)}
    noise = np.random.default_rng(0).integers(0, 256, 200_000, dtype=np.uint8).tobytes()
    for stem, header in headers.items():
        whole = gzip.compress(struct.pack(f">{len(header)}I", *header) + noise)
        (folder / f"{stem}.gz").write_bytes(whole[: len(whole) // 2])


def test_a_failed_mnist_read_says_so_on_the_bar_and_in_a_whole_line(qtbot, tmp_path):
    folder = tmp_path / "a_rather_long_folder_name_for_the_mnist_files_here"
    _corrupt_mnist(folder)
    window = FakeWindow(str(folder))
    qtbot.addWidget(window)
    window.resize(1280, 650)  # 1280×720 less the real window's menu and tab bars
    font = QtGui.QFont(window.font())
    font.setPointSizeF(BIG_PT)
    window.setFont(font)
    window.show()
    t = window.landscape
    qtbot.waitUntil(lambda: t._data_loader is None and "MNIST" in t.last_error, timeout=TIMEOUT)
    assert t.controls.progress.format() == "MNIST not read"
    line = t.controls.problem
    assert line.text().startswith("Could not read MNIST: train-images-idx3-ubyte.gz: "), line.text()
    message = window.statusBar().currentMessage()
    assert "(Compressed file ended" in line.text()  # the line says it whole
    # the bar, on its one line: the file by its name and the reason, less the "(…)" detail
    assert message == "Could not read MNIST: train-images-idx3-ubyte.gz: truncated or corrupt gzip data", message
    assert line.font().pointSizeF() == BIG_PT
    assert contrast(line.palette().color(QtGui.QPalette.ColorRole.WindowText), _drawn_on(line)) >= 4.5
    assert not t.controls.hint.isVisibleTo(t)  # the view's hint gives the failure its room

    def whole() -> bool:  # every line of it, and inside the column's view (not below it)
        bottom = line.mapTo(t.scroll.viewport(), QtCore.QPoint(0, line.height())).y()
        return line.height() >= line.heightForWidth(line.width()) and bottom <= t.scroll.viewport().height()
    qtbot.waitUntil(whole, timeout=TIMEOUT)
    t.controls.set_view("line")  # the learner acts: the hint is back
    assert t.controls.hint.isVisibleTo(t)
    t.shutdown()


def test_a_hint_and_an_error_differ_by_colour_only(qtbot):
    c = controls_module.Controls()
    qtbot.addWidget(c)
    c.say("a hint", error=False)
    window_text = c.palette().color(QtGui.QPalette.ColorRole.WindowText)
    assert c.problem.palette().color(QtGui.QPalette.ColorRole.WindowText) == window_text
    c.say("an error")
    red = c.problem.palette().color(QtGui.QPalette.ColorRole.WindowText)
    assert red.red() > 2 * red.green() and not c.problem.styleSheet()
    assert contrast(red, c.palette().color(QtGui.QPalette.ColorRole.Window)) >= 4.5


def test_a_load_failure_stays_and_switches_language_when_the_tab_is_shown_again(english, qtbot, tmp_path):
    to_chinese(english, ("LandscapeTab", "Could not load {file}: {problem}"))
    set_language(english, "en")
    window = FakeWindow()
    qtbot.addWidget(window)
    window.show()
    t = window.landscape
    bad = tmp_path / "bogus.pt"
    bad.write_bytes(b"not a run")
    t.load_run_file(bad)
    qtbot.waitUntil(lambda: t._file_loader is None and "bogus.pt" in t.last_error, timeout=TIMEOUT)
    assert t.controls.problem.text().startswith("Could not load bogus.pt: ")
    window.hide()  # another tab, a language switch, the tab again: the runs and data re-checked
    set_language(english, "zh_CN")
    window.show()
    qtbot.waitExposed(window)
    assert t.controls.problem.text().startswith("无法加载 bogus.pt"), t.controls.problem.text()
    set_language(english, "en")
    assert t.controls.problem.text().startswith("Could not load bogus.pt: ")
    t.controls.set_view("line")  # the learner acts: the line is the check's again
    assert "bogus.pt" not in t.controls.problem.text()
    t.shutdown()
