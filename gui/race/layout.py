"""The race tab's layout: transport on top; controls | surface view | lesson and curves.

Builds the widgets as attributes of the tab (`tab.view`, `tab.curves`, ...) and places
them; the tab wires them up. Kept apart so the tab's file is about behaviour.
"""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets

from gradlab.gui.race.racers.panel import OptimizerPanel
from gradlab.gui.race.view3d import Race3D
from gradlab.gui.race.curves import RaceCurves
from gradlab.gui.race.momentum.eigenvectors import EigenOverlay
from gradlab.gui.race.lesson import LessonPanel
from gradlab.gui.race.surface_picker import SurfacePicker
from gradlab.gui.race.table import RaceTable
from gradlab.gui.race.momentum.panel import MomentumTheory
from gradlab.gui.race.view import RaceView, arrow_legend
from gradlab.gui.i18n import translate
from gradlab.gui.race.transport import Transport


SURFACE_SHARE = 0.75  # of the centre column's height, at least, while nobody drags the divider


class SurfaceFirst(QtWidgets.QSplitter):
    """The surface above, what reads it below: the surface gets `SURFACE_SHARE` of the
    height (or all but what the lower part needs, if that is more), recomputed on every
    resize and font change until the user drags the divider, which then stays theirs."""

    def __init__(self, top: QtWidgets.QWidget, bottom: QtWidgets.QWidget) -> None:
        super().__init__(QtCore.Qt.Orientation.Vertical)
        self.addWidget(top)
        self.addWidget(bottom)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.user_sized = False
        self.splitterMoved.connect(self._dragged)
        self._placing = False

    def _dragged(self, *_: Any) -> None:
        if not self._placing:
            self.user_sized = True

    def place(self) -> None:
        """Share the height out again (a resize, presenter mode's fonts)."""
        if self.user_sized:
            return
        h = self.height() - self.handleWidth()
        bottom_widget = self.widget(1)
        if isinstance(bottom_widget, QtWidgets.QScrollArea):
            bottom_widget = bottom_widget.widget()
        wanted = bottom_widget.sizeHint().height()
        bottom = max(min(wanted, int(h * (1 - SURFACE_SHARE))), 1)
        self._placing = True
        self.setSizes([h - bottom, bottom])
        self._placing = False

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.place()

    def event(self, event: QtCore.QEvent) -> bool:  # noqa: D102 - Qt override
        handled = super().event(event)
        if event.type() == QtCore.QEvent.Type.LayoutRequest:  # new fonts, a new table size
            self.place()
        return handled


def build(tab: Any) -> None:
    tab.transport = Transport()
    tab.picker = SurfacePicker()
    tab.panel = OptimizerPanel()
    tab.view = RaceView()
    tab.view3d = Race3D()
    tab.curves = RaceCurves()
    tab.table = RaceTable()
    tab.lesson = LessonPanel()
    tab.eigen = EigenOverlay(tab.view.plot)  # on the surface; shown with the theory
    tab.theory = MomentumTheory(tab.eigen)

    surface_box = tab.surface_box = QtWidgets.QGroupBox()
    QtWidgets.QVBoxLayout(surface_box).addWidget(tab.picker)
    racers_box = tab.racers_box = QtWidgets.QGroupBox()
    QtWidgets.QVBoxLayout(racers_box).addWidget(tab.panel)
    left = QtWidgets.QWidget()
    lv = QtWidgets.QVBoxLayout(left)
    lv.setContentsMargins(0, 0, 0, 0)
    lv.addWidget(surface_box)
    lv.addWidget(racers_box, 1)

    tab.views = QtWidgets.QTabWidget()
    tab.views.setDocumentMode(True)
    tab.views.addTab(tab.view, "")
    tab.views.addTab(tab.view3d, "")
    tab.hover = QtWidgets.QLabel(hover_hint())
    tab.hover.setObjectName("Muted")
    # Wrapped: unwrapped, its width was the centre's minimum (800 px in presenter mode's
    # font, which pushed the window past a 1280-pixel projector).
    tab.hover.setWordWrap(True)
    tab.legend = QtWidgets.QLabel()
    tab.legend.setObjectName("Muted")
    tab.legend.setWordWrap(True)
    # Under the surface: the hover line, the arrows' legend and the table, in a scroll
    # area that gets what the surface leaves (`SurfaceFirst`), so on a projector the
    # surface keeps most of the height and the numbers scroll rather than squeeze it.
    below = QtWidgets.QWidget()
    bv = QtWidgets.QVBoxLayout(below)
    bv.setContentsMargins(0, 0, 0, 0)
    bv.addWidget(tab.hover)
    bv.addWidget(tab.legend)
    bv.addWidget(tab.table)
    bv.addStretch(1)
    below_scroll = QtWidgets.QScrollArea()
    below_scroll.setWidgetResizable(True)
    below_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    below_scroll.setWidget(below)
    tab.below = below_scroll
    center = SurfaceFirst(tab.views, below_scroll)
    tab.center = center

    lesson_box = tab.lesson_box = QtWidgets.QGroupBox()
    QtWidgets.QVBoxLayout(lesson_box).addWidget(tab.lesson)
    right = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
    right.setChildrenCollapsible(False)  # the lesson never disappears; its text scrolls
    tab.lesson.setMinimumHeight(3 * tab.lesson.fontMetrics().lineSpacing())
    right.addWidget(lesson_box)
    right.addWidget(tab.curves)
    # The lesson is read aloud in class: it gets as much room as the curves.
    right.setStretchFactor(0, 1)
    right.setStretchFactor(1, 1)
    right.setSizes([400, 400])

    split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
    split.addWidget(left)
    split.addWidget(center)
    # Beside the race, one tab away from the lesson: why momentum works (issue 16).
    tab.side = QtWidgets.QTabWidget()
    tab.side.setDocumentMode(True)
    tab.side.addTab(right, "")
    tab.side.addTab(tab.theory, "")
    split.addWidget(tab.side)
    split.setStretchFactor(0, 0)
    split.setStretchFactor(1, 3)
    split.setStretchFactor(2, 2)
    split.setSizes([400, 760, 440])
    split.setChildrenCollapsible(False)
    tab.splitter = split

    layout = QtWidgets.QVBoxLayout(tab)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.addWidget(tab.transport)
    layout.addWidget(split, 1)
    retranslate(tab)


def hover_hint() -> str:
    """What the line under the surface says before the mouse reads the surface."""
    return translate("RaceLayout", "Hover over the surface to read x, y and f(x, y); "
                     "click or drag the ✛ to move the start.")


def retranslate(tab: Any) -> None:
    """The layout's own texts (boxes, tab titles, the arrows' legend) in the language in use."""
    tab.surface_box.setTitle(translate("RaceLayout", "Surface"))
    tab.racers_box.setTitle(translate("RaceLayout", "Optimizers"))
    tab.lesson_box.setTitle(translate("RaceLayout", "What to watch for"))
    tab.views.setTabText(0, translate("RaceLayout", "Surface (2-D)"))
    tab.views.setTabText(1, translate("RaceLayout", "3-D"))
    # Short titles: both must fit the column at 1280 px without scroll arrows.
    tab.side.setTabText(0, translate("RaceLayout", "Lesson"))
    tab.side.setTabText(1, translate("RaceLayout", "Why momentum"))
    tab.legend.setText(arrow_legend())
    tab.legend.setToolTip(translate("RaceLayout", "The dashed arrow points down the gradient (−∇f), "
                                    "scaled by the racer's learning rate η; the solid arrow is "
                                    "θ_{t+1} − θ_t. One factor per racer makes the longer arrow "
                                    "60 px long."))

