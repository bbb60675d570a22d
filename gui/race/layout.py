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
from gradlab.gui.race.lesson import LessonPanel
from gradlab.gui.race.surface_picker import SurfacePicker
from gradlab.gui.race.table import RaceTable
from gradlab.gui.race.view import ARROW_LEGEND, RaceView
from gradlab.gui.race.transport import Transport


def build(tab: Any) -> None:
    tab.transport = Transport()
    tab.picker = SurfacePicker()
    tab.panel = OptimizerPanel()
    tab.view = RaceView()
    tab.view3d = Race3D()
    tab.curves = RaceCurves()
    tab.table = RaceTable()
    tab.lesson = LessonPanel()

    surface_box = QtWidgets.QGroupBox("Surface")
    QtWidgets.QVBoxLayout(surface_box).addWidget(tab.picker)
    racers_box = QtWidgets.QGroupBox("Optimizers")
    QtWidgets.QVBoxLayout(racers_box).addWidget(tab.panel)
    left = QtWidgets.QWidget()
    lv = QtWidgets.QVBoxLayout(left)
    lv.setContentsMargins(0, 0, 0, 0)
    lv.addWidget(surface_box)
    lv.addWidget(racers_box, 1)
    left.setMinimumWidth(400)

    tab.views = QtWidgets.QTabWidget()
    tab.views.setDocumentMode(True)
    tab.views.addTab(tab.view, "Surface (2-D)")
    tab.views.addTab(tab.view3d, "3-D")
    tab.hover = QtWidgets.QLabel("Hover over the surface to read x, y and f(x, y); "
                                  "click or drag the ✛ to move the start.")
    tab.hover.setObjectName("Muted")
    # Wrapped: unwrapped, its width was the centre's minimum (800 px in presenter mode's
    # font, which pushed the window past a 1280-pixel projector).
    tab.hover.setWordWrap(True)
    tab.legend = QtWidgets.QLabel(ARROW_LEGEND)
    tab.legend.setObjectName("Muted")
    tab.legend.setWordWrap(True)
    tab.legend.setToolTip("The dashed arrow points down the gradient (−∇f), scaled by the "
                           "racer's learning rate η; the solid arrow is θ_{t+1} − θ_t. One "
                           "factor per racer makes the longer arrow 60 px long.")
    center = QtWidgets.QWidget()
    cv = QtWidgets.QVBoxLayout(center)
    cv.setContentsMargins(0, 0, 0, 0)
    cv.addWidget(tab.views, 1)
    cv.addWidget(tab.hover)
    cv.addWidget(tab.legend)
    cv.addWidget(tab.table)

    lesson_box = QtWidgets.QGroupBox("What to watch for")
    QtWidgets.QVBoxLayout(lesson_box).addWidget(tab.lesson)
    right = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
    right.addWidget(lesson_box)
    right.addWidget(tab.curves)
    right.setStretchFactor(0, 1)
    right.setStretchFactor(1, 3)
    right.setSizes([220, 600])

    split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
    split.addWidget(left)
    split.addWidget(center)
    split.addWidget(right)
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

