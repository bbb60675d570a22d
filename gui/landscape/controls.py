"""The Landscape tab's settings column: which runs, which picture, the grid, Compute.

Widgets only: the tab reads `settings()` and `checked()` and connects the buttons. The
run list shows each run in its colour with a tick box; the view combo's entries are
the four pictures of issue 15; the hint under them says what Compute will draw.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.landscape.explain import CHOOSE
from gradlab.gui.wheel import guard_wheel

VIEW_TITLES = {"line": "Line θ₀ → θ_T",
               "random": "Random plane",
               "runs": "Plane of two runs",
               "pca": "PCA plane of one run"}


LIST_ROWS = 5


def swatch(colour: str, size: int = 12) -> QtGui.QIcon:
    """A filled square of `colour`: the run's colour in the list."""
    pixmap = QtGui.QPixmap(size, size)
    pixmap.fill(QtGui.QColor(colour))
    return QtGui.QIcon(pixmap)


class Controls(QtWidgets.QWidget):
    """See the module docstring."""

    compute_clicked = QtCore.Signal()
    cancel_clicked = QtCore.Signal()
    load_clicked = QtCore.Signal()
    view_changed = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        runs_box = QtWidgets.QGroupBox("Runs")
        rv = QtWidgets.QVBoxLayout(runs_box)
        self.run_list = QtWidgets.QListWidget()
        self.run_list.setToolTip("the MNIST tab's finished or stopped runs, and loaded run files; "
                                 "tick the ones to show")
        self.run_list.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.run_list.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        rv.addWidget(self.run_list)
        self.fit_list()
        self.load_button = QtWidgets.QPushButton("Load run…")
        self.load_button.setToolTip("add a run saved from the MNIST tab or by `gradlab train --save`")
        rv.addWidget(self.load_button)
        layout.addWidget(runs_box)

        view_box = QtWidgets.QGroupBox("Picture")
        form = QtWidgets.QFormLayout(view_box)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.view_combo = QtWidgets.QComboBox()
        for key, title in VIEW_TITLES.items():
            self.view_combo.addItem(title, key)
            self.view_combo.setItemData(self.view_combo.count() - 1, CHOOSE[key],
                                        QtCore.Qt.ItemDataRole.ToolTipRole)
        self.view_combo.setCurrentIndex(1)
        # The popup shows the whole titles; the closed box may cut them (the column is narrow).
        self.view_combo.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view_combo.setMinimumContentsLength(12)
        form.addRow("View", self.view_combo)
        self.grid = QtWidgets.QSpinBox()
        self.grid.setRange(5, 61)
        self.grid.setValue(21)
        self.grid.setToolTip("grid points along each axis (the line: points from α = −0.5 to 1.5)")
        form.addRow("Grid", self.grid)
        self.span = QtWidgets.QDoubleSpinBox()
        self.span.setRange(0.05, 10.0)
        self.span.setSingleStep(0.25)
        self.span.setDecimals(2)
        self.span.setValue(1.0)
        self.span.setToolTip("random plane: α and β from −span to +span (in units of d₁, d₂); "
                             "the runs' and PCA planes: the area around their points, times span")
        form.addRow("Span", self.span)
        self.subset = QtWidgets.QSpinBox()
        self.subset.setRange(100, 60000)
        self.subset.setSingleStep(500)
        self.subset.setValue(2000)
        self.subset.setToolTip("the loss is measured on the first this many training images "
                               "(one forward pass of them per grid point)")
        form.addRow("Subset", self.subset)
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(0, 999_999)
        self.seed.setValue(0)
        self.seed.setToolTip("the random plane's directions: the same seed gives the same plane")
        form.addRow("Seed", self.seed)
        layout.addWidget(view_box)

        buttons = QtWidgets.QHBoxLayout()
        self.compute_button = QtWidgets.QPushButton("Compute")
        self.compute_button.setToolTip("compute the picture in the background (coarse first)")
        self.cancel_button = QtWidgets.QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat("idle")
        self.progress.setValue(0)
        layout.addWidget(self.progress)

        # What Compute will draw; what *is* drawn is explained under the picture.
        self.hint = QtWidgets.QLabel(CHOOSE["random"])
        self.hint.setWordWrap(True)
        self.hint.setObjectName("LandscapeHint")
        layout.addWidget(self.hint)
        self.problem = QtWidgets.QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("LandscapeProblem")
        self.problem.setStyleSheet("color: #ff6b6b;")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        layout.addStretch(1)

        self.compute_button.clicked.connect(self.compute_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.load_button.clicked.connect(self.load_clicked)
        self.view_combo.currentIndexChanged.connect(lambda _i: self.view_changed.emit(self.view()))
        guard_wheel(self)

    # -- reading ----------------------------------------------------------------------------
    def view(self) -> str:
        return str(self.view_combo.currentData())

    def set_view(self, view: str) -> None:
        self.view_combo.setCurrentIndex(self.view_combo.findData(view))

    def settings(self) -> dict[str, float | int]:
        return {"grid": self.grid.value(), "span": self.span.value(),
                "subset": self.subset.value(), "seed": self.seed.value()}

    def checked(self) -> list[str]:
        """The labels of the ticked runs, in list order."""
        out = []
        for i in range(self.run_list.count()):
            item = self.run_list.item(i)
            if item.checkState() == QtCore.Qt.CheckState.Checked:
                out.append(item.data(QtCore.Qt.ItemDataRole.UserRole))
        return out

    # -- showing ----------------------------------------------------------------------------
    def set_runs(self, runs: list[tuple[str, str, str]], checked: set[str]) -> None:
        """`runs`: (label, colour, tooltip) in order; `checked` the labels to tick."""
        blocker = QtCore.QSignalBlocker(self.run_list)
        self.run_list.clear()
        for label, colour, tip in runs:
            item = QtWidgets.QListWidgetItem(swatch(colour), label)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, label)
            item.setForeground(QtGui.QColor(colour))
            item.setToolTip(tip)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(QtCore.Qt.CheckState.Checked if label in checked
                               else QtCore.Qt.CheckState.Unchecked)
            self.run_list.addItem(item)
        del blocker
        self.fit_list()

    def fit_list(self) -> None:
        """The run list as tall as its runs, 2 to LIST_ROWS rows (it scrolls beyond): the
        rest of the column stays in view at 1280×720 in presenter mode."""
        row = self.run_list.sizeHintForRow(0) if self.run_list.count() else -1
        if row <= 0:
            row = self.run_list.fontMetrics().height() + 4
        rows = min(max(self.run_list.count(), 2), LIST_ROWS)
        self.run_list.setFixedHeight(rows * row + 2 * self.run_list.frameWidth() + 4)

    def set_busy(self, busy: bool) -> None:
        self.compute_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(text)

    def say(self, problem: str) -> None:
        """One line of what went wrong (empty hides it)."""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
