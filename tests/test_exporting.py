"""`gui.exporting`: a pyqtgraph item as PNG or SVG. (That a failed export keeps the old
file is tested through the window, in test_race_window.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtGui

from gradlab.gui.exporting import write_picture


@pytest.fixture
def item(qtbot) -> Iterator[pg.PlotItem]:
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.plot(np.arange(10.0), np.arange(10.0) ** 2, symbol="star")  # a closed shape
    yield widget.getPlotItem()  # a yield, not a return: the widget must outlive the test


def test_png_has_the_width_asked_for(item, tmp_path):
    png = write_picture(tmp_path / "p.png", item, width=321)
    assert QtGui.QImage(str(png)).width() == 321


def test_svg_of_an_item_is_its_own_rectangle(item, tmp_path):
    svg = write_picture(tmp_path / "p.svg", item, title="A title").read_text()
    assert "<svg" in svg and "<title>A title</title>" in svg
    box = item.sceneBoundingRect()
    assert box.width() > 0 and f'viewBox="0 0 {box.width():g} {box.height():g}"' in svg


def test_a_format_qt_cannot_write_raises_and_leaves_nothing(item, tmp_path):
    with pytest.raises(OSError, match="could not write the image"):
        write_picture(tmp_path / "p.nope", item)
    assert list(tmp_path.iterdir()) == []
