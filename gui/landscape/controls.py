"""The Landscape tab's settings column: which runs, which picture, the grid, Compute.

Widgets only: the tab reads `settings()` and `checked()` and connects the buttons. The
run list shows each run in its colour with a tick box; the view combo's entries are
the four pictures of issue 15; the hint under them says what Compute will draw.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from collections.abc import Callable

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate
from gradlab.gui.landscape.explain import choose
from gradlab.gui.style import ERROR
from gradlab.gui.wheel import guard_wheel

CONTEXT = "LandscapeControls"
VIEW_TITLES = {"line": QT_TRANSLATE_NOOP("LandscapeControls", "Line θ₀ → θ_T"),
               "random": QT_TRANSLATE_NOOP("LandscapeControls", "Random plane"),
               "runs": QT_TRANSLATE_NOOP("LandscapeControls", "Plane of two runs"),
               "pca": QT_TRANSLATE_NOOP("LandscapeControls", "PCA plane of one run")}
# A text shown now: a string as it is, or a function that says it in the language in use.
Said = str | Callable[[], str]


def _say(text: Said) -> str:
    return text() if callable(text) else text


LIST_ROWS = 5
# A refused Compute's line: red, dark on a light window and light on a dark one (either
# at least 4.5:1 against it). Set through the palette, not a style sheet: a styled label
# stops following the window's font (presenter mode's size).
ERROR_ON_LIGHT = "#a40000"
ERROR_ON_DARK = ERROR


def error_colour(background: QtGui.QColor) -> QtGui.QColor:
    """The red of an error line that reads on `background`."""
    return QtGui.QColor(ERROR_ON_LIGHT if background.lightness() >= 128 else ERROR_ON_DARK)


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
    settings_changed = QtCore.Signal()  # Grid, Span, Subset or Seed: what Compute would draw

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.runs_box = runs_box = QtWidgets.QGroupBox()
        rv = QtWidgets.QVBoxLayout(runs_box)
        self.run_list = QtWidgets.QListWidget()
        self.run_list.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.run_list.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        rv.addWidget(self.run_list)
        self.fit_list()
        self.load_button = QtWidgets.QPushButton()
        rv.addWidget(self.load_button)
        layout.addWidget(runs_box)

        self.view_box = view_box = QtWidgets.QGroupBox()
        form = QtWidgets.QFormLayout(view_box)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.view_combo = QtWidgets.QComboBox()
        for key in VIEW_TITLES:
            self.view_combo.addItem("", key)  # titles and tooltips: retranslate()
        self.view_combo.setCurrentIndex(1)
        # The popup shows the whole titles; the closed box may cut them (the column is narrow).
        self.view_combo.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view_combo.setMinimumContentsLength(12)
        form.addRow(QtWidgets.QLabel(), self.view_combo)
        self.grid = QtWidgets.QSpinBox()
        self.grid.setRange(5, 61)
        self.grid.setValue(21)
        form.addRow(QtWidgets.QLabel(), self.grid)
        self.span = QtWidgets.QDoubleSpinBox()
        self.span.setRange(0.05, 10.0)
        self.span.setSingleStep(0.25)
        self.span.setDecimals(2)
        self.span.setValue(1.0)
        form.addRow(QtWidgets.QLabel(), self.span)
        self.subset = QtWidgets.QSpinBox()
        self.subset.setRange(100, 60000)
        self.subset.setSingleStep(500)
        self.subset.setValue(2000)
        form.addRow(QtWidgets.QLabel(), self.subset)
        self.seed = QtWidgets.QSpinBox()
        self.seed.setRange(0, 999_999)
        self.seed.setValue(0)
        form.addRow(QtWidgets.QLabel(), self.seed)
        self.form = form
        layout.addWidget(view_box)

        buttons = QtWidgets.QHBoxLayout()
        self.compute_button = QtWidgets.QPushButton()
        self.cancel_button = QtWidgets.QPushButton()
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self._progress_text: Said = lambda: translate("LandscapeControls", "idle")
        self.progress.setValue(0)
        layout.addWidget(self.progress)

        # What Compute will draw; what *is* drawn is explained under the picture.
        self._hint_view = "random"
        self.hint = QtWidgets.QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("LandscapeHint")
        layout.addWidget(self.hint)
        self.problem = QtWidgets.QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("LandscapeProblem")
        self.problem.setVisible(False)
        self.problem_is_error = False
        self._problem: Said = ""
        layout.addWidget(self.problem)
        layout.addStretch(1)

        self.compute_button.clicked.connect(self.compute_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.load_button.clicked.connect(self.load_clicked)
        self.view_combo.currentIndexChanged.connect(lambda _i: self.view_changed.emit(self.view()))
        for box in (self.grid, self.span, self.subset, self.seed):
            box.valueChanged.connect(lambda _v: self.settings_changed.emit())
        guard_wheel(self)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the language in use (at the start and on each LanguageChange)."""
        self.runs_box.setTitle(translate("LandscapeControls", "Runs"))
        self.run_list.setToolTip(translate("LandscapeControls", "the MNIST tab's finished or stopped runs, and "
                                                    "loaded run files; tick the ones to show"))
        self.load_button.setText(translate("LandscapeControls", "Load run…"))
        self.load_button.setToolTip(translate("LandscapeControls", "add a run saved from the MNIST tab or by "
                                                       "`gradlab train --save`"))
        self.view_box.setTitle(translate("LandscapeControls", "Picture"))
        for i in range(self.view_combo.count()):
            key = self.view_combo.itemData(i)
            self.view_combo.setItemText(i, translate("LandscapeControls", VIEW_TITLES[key]))
            self.view_combo.setItemData(i, choose(key), QtCore.Qt.ItemDataRole.ToolTipRole)
        rows = ((self.view_combo, translate("LandscapeControls", "View"), None),
                (self.grid, translate("LandscapeControls", "Grid"),
                 translate("LandscapeControls", "grid points along each axis (the line: points from α = −0.5 to 1.5)")),
                (self.span, *self._span_words()),
                (self.subset, translate("LandscapeControls", "Subset"),
                 translate("LandscapeControls", "the loss is measured on the first this many training images "
                                    "(one forward pass of them per grid point)")),
                (self.seed, translate("LandscapeControls", "Seed"),
                 translate("LandscapeControls", "the random plane's directions: the same seed gives the same plane")))
        for field, name, tip in rows:
            label = self.form.labelForField(field)
            if isinstance(label, QtWidgets.QLabel):
                label.setText(name)
            if tip is not None:
                field.setToolTip(tip)
        self.compute_button.setText(translate("LandscapeControls", "Compute"))
        self.compute_button.setToolTip(translate("LandscapeControls", "compute the picture in the background "
                                                          "(coarse first)"))
        self.cancel_button.setText(translate("LandscapeControls", "Cancel"))
        self.progress.setFormat(_say(self._progress_text))
        self.hint.setText(choose(self._hint_view))
        self.problem.setText(_say(self._problem))

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
    def set_runs(self, runs: list[tuple[str, str, str, str]], checked: set[str]) -> None:
        """`runs`: (label, text, colour, tooltip) in order, the label the run's key (what
        `checked()` gives back), the text what the list shows; `checked` the labels to tick."""
        blocker = QtCore.QSignalBlocker(self.run_list)
        self.run_list.clear()
        for label, text, colour, tip in runs:
            item = QtWidgets.QListWidgetItem(swatch(colour), text)
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

    def show_progress(self, done: int, total: int, text: Said) -> None:
        """The bar at `done` of `total`, reading `text` (a function: said again in the
        next language when it changes)."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._progress_text = text
        self.progress.setFormat(_say(text))

    def set_progress_text(self, text: Said) -> None:
        """The bar's text alone (where it is stays)."""
        self._progress_text = text
        self.progress.setFormat(_say(text))

    def show_hint(self, view: str) -> None:
        """Under the buttons: what Compute will draw for `view`; the settings that view does
        not use are disabled (the line: Span and Seed; the runs' and PCA planes: Seed), and
        Span is named for what it does there."""
        self._hint_view = view
        self.hint.setText(choose(view))
        self.span.setEnabled(view != "line")
        self.seed.setEnabled(view == "random")
        name, tip = self._span_words()
        label = self.form.labelForField(self.span)
        if isinstance(label, QtWidgets.QLabel):
            label.setText(name)
        self.span.setToolTip(tip)

    def _span_words(self) -> tuple[str, str]:
        """Span's name and tooltip for the view chosen, in the language in use."""
        if self._hint_view == "random":
            return (translate("LandscapeControls", "Span"),
                    translate("LandscapeControls", "α and β from −span to +span, in units of d₁ and d₂"))
        if self._hint_view == "line":
            return (translate("LandscapeControls", "Span"),
                    translate("LandscapeControls", "not used by the line: α always runs from −0.5 to 1.5"))
        return (translate("LandscapeControls", "Zoom"),
                translate("LandscapeControls", "the area around the plane's points (θ₀, the runs' ends, "
                                               "the path) times this: 1 shows them all with a margin, "
                                               "0.5 the middle half"))

    def say(self, problem: Said, error: bool = True, alone: bool = False) -> None:
        """One line of what went wrong (empty hides it); a function is said again when the
        language changes. `error`: red (a refused Compute); else a neutral hint (what is
        still missing before anything was asked). `alone`: the view's hint above it gives
        way (a failure's line, with a file's name and the reason, needs that room in
        presenter mode at 1280×720, where it was cut at the column's bottom)."""
        self._problem = problem
        self.problem_is_error = error
        self.hint.setVisible(not alone)
        palette = QtGui.QPalette(self.palette())  # a hint: the window's own text colour
        if error:
            background = palette.color(QtGui.QPalette.ColorRole.Window)
            palette.setColor(QtGui.QPalette.ColorRole.WindowText, error_colour(background))
        self.problem.setPalette(palette)
        text = _say(problem)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
