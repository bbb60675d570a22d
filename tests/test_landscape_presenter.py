"""The Landscape tab in presenter mode and when its picture is stale (issue 15's polish):
the exported PNG's caption takes presenter mode's larger font (it stayed at the normal
size under 1.6× titles and axes) and wraps to the picture's width in both languages, and a
stale 3-D view is dimmed as the stale 2-D map is (it only showed the "press Compute" line).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from gradlab.gui.landscape.map import MapView, set_caption
from gradlab.gui.landscape.tab import STALE_OPACITY
from gradlab.gui.landscape.view3d import BACKGROUND, dimmed
from gradlab.gui.plotting.fonts import label_font, label_point_size, set_text_scale

from test_landscape_gui import compute  # noqa: F401 - the helper
from test_landscape_gui import tab  # noqa: F401 - the fixture

ENGLISH = ("Random plane through the final weights: L(θ_T + α·d₁ + β·d₂), d₁ and d₂ random "
           "directions scaled filter by filter to the weights' norms; 2 000 test samples, seed 0. "
           "A random plane shows how sharp the minimum is around θ_T, not the path to it.")
CHINESE = ("经过最终权重的随机平面：L(θ_T + α·d₁ + β·d₂)，d₁ 和 d₂ 是随机方向，逐个滤波器缩放到权重的范数；"
           "2 000 个测试样本，随机种子 0。随机平面显示 θ_T 附近的极小值有多尖锐，而不是到达它的路径。")


@pytest.fixture
def view(qtbot):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(880, 470)
    v.show()
    qtbot.waitExposed(v)
    alphas = np.linspace(-1, 1, 9)
    v.set_plane(alphas, alphas, "t")
    return v


def _caption_pt(view: MapView, text: str) -> float:
    set_caption(view, text)
    pt = label_point_size(view.caption_item, QtWidgets.QApplication.font().pointSizeF())
    set_caption(view, "")
    return pt


def test_the_export_caption_takes_presenter_modes_font(qtbot, view):
    normal = _caption_pt(view, ENGLISH)
    set_text_scale(view, 1.6)  # what LandscapeTab.set_look does to its map in presenter mode
    assert _caption_pt(view, ENGLISH) == pytest.approx(1.6 * normal)
    set_text_scale(view, 1.0)
    assert _caption_pt(view, ENGLISH) == pytest.approx(normal)


@pytest.mark.parametrize("text", [ENGLISH, CHINESE], ids=["en", "zh_CN"])
@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_the_export_caption_wraps_within_the_picture(qtbot, view, text, scale):
    set_text_scale(view, scale)
    set_caption(view, text)
    item = view.caption_item
    # Every line, at the caption's font, as the document laid it out: inside the view.
    document = item.item.document()
    widest = max(document.documentLayout().blockBoundingRect(block).width()
                 for block in _blocks(document))
    assert widest <= view.width()
    assert item.item.boundingRect().width() <= view.width()
    QtWidgets.QApplication.processEvents()
    # and the layout stays the view's width: a caption first made on one line widened it
    # for good, and the picture was exported cut at the right (no colour bar)
    assert view.ci.geometry().width() <= view.width()
    one_line = QtGui.QFontMetricsF(label_font(item)).horizontalAdvance(text)
    assert one_line > view.width()  # so it did wrap
    assert item.item.boundingRect().height() > 1.5 * QtGui.QFontMetricsF(label_font(item)).height()
    set_caption(view, "")


def _blocks(document: QtGui.QTextDocument):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_dimmed_colours_fade_toward_the_background():
    background = np.array(BACKGROUND) / 255.0
    rgba = np.array([[1.0, 1.0, 1.0, 1.0], [0.2, 0.4, 0.6, 0.5]])
    out = dimmed(rgba, 0.3)
    assert out[0, :3] == pytest.approx(background + 0.3 * (1.0 - background))
    assert out[1, :3] == pytest.approx(background + 0.3 * (np.array([0.2, 0.4, 0.6]) - background))
    assert list(out[:, 3]) == [1.0, 0.5]  # alpha kept
    assert dimmed(rgba, 1.0) == pytest.approx(rgba)
    assert rgba[0, 0] == 1.0  # the input is not changed


def test_a_stale_3d_view_is_dimmed_as_the_map_is(qtbot, tab):  # noqa: F811 - the fixture
    compute(qtbot, tab, "random", grid=5)
    tab.button_3d.click()
    view3d = tab.view3d
    assert tab.stack.currentWidget() is view3d and view3d.scale.text()
    assert view3d.opacity == 1.0 and view3d.scale.graphicsEffect() is None
    tab.controls.set_view("line")  # another view chosen: the 3-D picture is stale
    assert tab.stale_note.isVisibleTo(tab) and tab.map.plot.opacity() == STALE_OPACITY
    assert view3d.opacity == STALE_OPACITY
    assert view3d.scale.graphicsEffect().opacity() == pytest.approx(STALE_OPACITY)
    tab.controls.set_view("random")
    assert not tab.stale_note.isVisibleTo(tab)
    assert view3d.opacity == 1.0 and view3d.scale.graphicsEffect() is None
