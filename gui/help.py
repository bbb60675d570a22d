"""The Help menu's three pages: keyboard shortcuts, how to use each tab, and About.

The shortcut list is read from the window's actions (menus and each tab's keys) when it
opens, so it cannot go stale. About reads every version from the installed packages'
metadata (`importlib.metadata`): torch is named but never imported on the GUI thread.

Every text is translated (context "Help"); an open page is filled again when the
language changes.
"""

from __future__ import annotations

import platform
import re
from html import escape
from importlib import metadata

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, on_language_change, translate

# Licences when a package's metadata does not say (or the package is not installed).
LICENCES = {
    "PySide6": "LGPLv3", "pyqtgraph": "MIT", "numpy": "BSD-3-Clause", "torch": "BSD-3-Clause",
    "sympy": "BSD-3-Clause", "numba": "BSD-2-Clause", "platformdirs": "MIT",
    "tqdm": "MPL-2.0 and MIT",
}

# Per tab (by its key, as gui/main_window.py's TAB_TITLES), its page; translated when shown.
HOW_TO = {
    "Optimizer race": QT_TRANSLATE_NOOP("Help",
        "<p>Several optimizers descend the same 2-D surface f(x, y) from the same start.</p>"
        "<ul><li>Pick a surface (or type a formula in x and y and press Enter), or open a "
        "teaching scenario from the <b>Scenarios</b> menu: the right-hand panel says what to "
        "watch for.</li>"
        "<li>Click or drag the ✛ on the surface to move the start.</li>"
        "<li>Add, remove and tune optimizers on the left (learning rate η, momentum, β₁, β₂, "
        "ε); untick a card to hide its path.</li>"
        "<li><b>Space</b> runs and pauses, <b>Right</b> steps once, <b>Left</b> steps back "
        "through the recorded history, <b>R</b> resets to step 0 (not while typing in a "
        "field). The slider scrubs through the history.</li>"
        "<li>The table and the curves give each racer's f, |∇f| and distance; "
        "<b>File → Export</b> saves the view or the trajectories.</li></ul>"),
    "MNIST": QT_TRANSLATE_NOOP("Help",
        "<p>Train the same small network on handwritten digits with different settings and "
        "compare the runs.</p>"
        "<ul><li>Point the data panel at a folder with the four MNIST files, or download "
        "them (about 11 MB).</li>"
        "<li>Choose optimizer, learning rate, loss, activation, batch size and epochs, then "
        "<b>Add to queue</b>; <b>Start</b> trains the queue one run after another (same seed: "
        "same start and same batches).</li>"
        "<li>Every run is scored on the same test measure; hover over a plot for each run's "
        "values. Save runs to compare them in a later session.</li></ul>"),
    "Explorer": QT_TRANSLATE_NOOP("Help",
        "<p>Look at the pieces a network is made of.</p>"
        "<ul><li><b>Activations</b>: each function and its derivative.</li>"
        "<li><b>Losses</b>: each loss and its gradient as the prediction moves.</li>"
        "<li><b>Gradient check</b>: backpropagation against finite differences, with planted "
        "bugs to find.</li>"
        "<li>A model's loss surface can be sent to the Optimizer race.</li></ul>"),
    "Backpropagation": QT_TRANSLATE_NOOP("Help",
        "<p>Watch one backpropagation, number by number.</p>"
        "<ul><li><b>Small network</b>: Right steps through the forward and backward pass, Left "
        "steps back, Space plays; click a unit or a weight for its numbers (z, a, δ, "
        "∂C/∂w).</li>"
        "<li><b>Real network</b>: draw a digit (or pick a test digit) and see the 784-512-256-10 "
        "network's activations, δ and saliency.</li></ul>"),
    "Playground": QT_TRANSLATE_NOOP("Help",
        "<p>A small network learns 2-D points live (as in TensorFlow Playground).</p>"
        "<ul><li>Pick a data set, noise, training share and seed; <b>Regenerate</b> draws new "
        "points. Click the plane to add a point of the chosen class; right-click (or "
        "Shift+click) removes the nearest.</li>"
        "<li>Tick input features, add or remove hidden layers and units with − and +, pick "
        "the activation, loss, optimizer, learning rate (it changes while training), batch "
        "size and L2.</li>"
        "<li><b>Play</b> trains, <b>Step</b> trains one epoch, <b>Reset</b> returns to the same "
        "initial weights, <b>New weights</b> draws others.</li>"
        "<li>Hover a unit of the diagram to see its output large; hover an edge for w and "
        "∂C/∂w.</li>"
        "<li><b>Compare</b>: 2 to 4 settings from the same weights on the same data, side by "
        "side, their loss curves overlaid.</li></ul>"),
    "Landscape": QT_TRANSLATE_NOOP("Help",
        "<p>The loss of the real MNIST network around the weights the MNIST tab trained "
        "(Li et al. 2018; Goodfellow et al. 2015).</p>"
        "<ul><li>Tick runs in the list (the MNIST tab's finished or stopped runs; "
        "<b>Load run…</b> adds a saved one).</li>"
        "<li><b>Line</b>: loss and accuracy from the shared start θ₀ (α = 0) to each run's "
        "final weights (α = 1). <b>Random plane</b>: around one run's final weights along two "
        "filter-normalised random directions. <b>Plane of two runs</b>: through θ₀ and two "
        "runs' finals, with every path. <b>PCA plane</b>: one run's path in the plane where it "
        "varies most (not for comparing optimizers).</li>"
        "<li><b>Compute</b> fills the grid coarse first; <b>Cancel</b> stops within a row. "
        "Hover the map for the loss there; <b>3-D surface</b> shows the same grid in 3-D.</li></ul>"),
}


# -- keyboard shortcuts ------------------------------------------------------------------


_ACCELERATOR = re.compile(r"\(&\w\)")


def _plain(text: str) -> str:
    """A menu text without its keyboard accelerator: "&File" and "文件(&F)" read "File", "文件"."""
    return _ACCELERATOR.sub("", text).replace("&", "")


def _menu_rows(menu: QtWidgets.QMenu, where: str) -> list[tuple[str, str, str]]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), f"{where} → {_plain(action.menu().title())}")
        elif not action.isSeparator():
            for seq in action.shortcuts():
                rows.append((where, _plain(action.text()),
                             seq.toString(QtGui.QKeySequence.SequenceFormat.NativeText)))
    return rows


def shortcut_rows(window: QtWidgets.QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, key) for every menu action with a key, then every tab's own keys."""
    rows: list[tuple[str, str, str]] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), _plain(action.menu().title()))
    tabs = getattr(window, "tabs", None)
    for i in range(tabs.count() if tabs is not None else 0):
        tab = tabs.widget(i)
        where = translate("Help", "{tab} tab").format(tab=tabs.tabText(i))
        for action in tab.actions():
            for seq in action.shortcuts():
                rows.append((where, _plain(action.text()),
                             seq.toString(QtGui.QKeySequence.SequenceFormat.NativeText)))
        for shortcut in tab.findChildren(QtGui.QShortcut):
            text = (shortcut.whatsThis() or shortcut.objectName()
                    or translate("Help", "(a key of this tab)"))
            rows.append((where, text,
                         shortcut.key().toString(QtGui.QKeySequence.SequenceFormat.NativeText)))
    return rows


def shortcuts_dialog(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    dialog = QtWidgets.QDialog(window)
    table = QtWidgets.QTableWidget(0, 3)
    table.verticalHeader().hide()
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    note = QtWidgets.QLabel()
    note.setWordWrap(True)

    def fill() -> None:
        dialog.setWindowTitle(translate("Help", "Keyboard shortcuts"))
        rows = shortcut_rows(window)
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels([translate("Help", "Where"), translate("Help", "What"),
                                         translate("Help", "Key")])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QtWidgets.QTableWidgetItem(text))
        # Where and Key sized by their texts whenever they change (a language switch, the
        # fonts of presenter mode); What takes the rest and wraps: on a 1280×720 projector
        # the longest one, "Rastrigin：遍地都是局部最小值", was cut when it sized itself
        # and left Key too little ("Ctrl+Shift+E" cut).
        header = table.horizontalHeader()
        for column, mode in ((0, "ResizeToContents"), (1, "Stretch"), (2, "ResizeToContents")):
            header.setSectionResizeMode(column, getattr(QtWidgets.QHeaderView.ResizeMode, mode))
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        note.setText(translate("Help", "A tab's keys work while that tab is shown, except while a "
                                       "text field or number field has the keyboard focus (there, "
                                       "keys type). Tabs not opened yet in this session add their "
                                       "keys once opened."))

    fill()
    # The window's menus are renamed first (it is the parent, so it gets the event first).
    on_language_change(dialog, fill)
    _finish(dialog, [table, note], QtCore.QSize(680, 700))
    # Wide enough for every row on one line where the screen allows (measured now that the
    # dialog has the window's font).
    dialog.resize(_on_screen(dialog, QtCore.QSize(max(dialog.width(), _whole_width(table)),
                                                  dialog.height())))
    return dialog


def _whole_width(table: QtWidgets.QTableWidget) -> int:
    """The dialog width that shows every column of `table` on one line (at its font now,
    the presenter's once `_finish` has made the dialog take it); `_finish` bounds it by
    the screen, and a narrower table wraps its stretched column instead."""
    columns = sum(max(table.sizeHintForColumn(c), table.horizontalHeader().sectionSizeHint(c))
                  for c in range(table.columnCount()))
    scroll_bar = table.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_ScrollBarExtent)
    return columns + scroll_bar + 2 * table.frameWidth() + 2 * 12  # + the dialog's layout margins


# -- how to use each tab --------------------------------------------------------------------


def how_to_dialog(window: QtWidgets.QMainWindow) -> QtWidgets.QDialog:
    from gradlab.gui.main_window import tab_label  # the window is built: nothing new to load

    dialog = QtWidgets.QDialog(window)
    pages = QtWidgets.QTabWidget()
    browsers = {}
    for key in HOW_TO:
        browsers[key] = QtWidgets.QTextBrowser()
        pages.addTab(browsers[key], "")

    def fill() -> None:
        dialog.setWindowTitle(translate("Help", "How to use each tab"))
        for i, (key, html) in enumerate(HOW_TO.items()):
            title = tab_label(key)
            browsers[key].setHtml(f"<h3>{escape(title)}</h3>{translate('Help', html)}")
            pages.setTabText(i, title)

    fill()
    on_language_change(dialog, fill)
    tabs = getattr(window, "tabs", None)
    if tabs is not None:  # open on the page of the tab being shown
        key_of = getattr(window, "tab_key", None)
        index = tabs.currentIndex()
        current = key_of(index) if key_of is not None else tabs.tabText(index)
        pages.setCurrentIndex(max(list(HOW_TO).index(current) if current in HOW_TO else 0, 0))
    _finish(dialog, [pages], QtCore.QSize(620, 460))
    return dialog


# -- about ------------------------------------------------------------------------------------


# The wheel may be split: PySide6 installed as its "Essentials" half alone.
_DISTRIBUTIONS = {"PySide6": ("PySide6", "PySide6_Essentials")}


def _metadata(name: str):
    for dist in _DISTRIBUTIONS.get(name, (name,)):
        try:
            return metadata.metadata(dist)
        except metadata.PackageNotFoundError:
            continue
    return None


def _version(name: str) -> str | None:
    meta = _metadata(name)
    return None if meta is None else meta.get("Version")


def _licence(name: str) -> str:
    """The metadata's SPDX licence expression when it is short, else the known licence
    (a bare "License: BSD" does not say which BSD)."""
    meta = _metadata(name)
    spdx = "" if meta is None else (meta.get("License-Expression") or "").strip()
    if spdx and len(spdx) <= 40:
        return spdx
    return LICENCES.get(name, "")


def about_rows() -> list[tuple[str, str, str]]:
    """(library, version, licence): Python, Qt, then each library that is installed."""
    from PySide6 import QtCore as _qc

    rows = [("Python", platform.python_version(), "PSF-2.0"), ("Qt", _qc.qVersion(), "LGPLv3")]
    for name in LICENCES:
        v = _version(name)
        if v is not None:
            rows.append((name, v, _licence(name)))
    return rows


def about_text() -> str:
    """GradLab's version and, per library, its version and licence (HTML)."""
    own = _version("gradlab") or translate("Help", "(not installed)")
    cells = "".join(f"<tr><td>{escape(n)}</td><td>{escape(v)}</td><td>{escape(lic)}</td></tr>"
                    for n, v, lic in about_rows())
    heads = "".join(f"<th align='left'>{escape(h)}</th>" for h in (
        translate("Help", "Library"), translate("Help", "Version"), translate("Help", "Licence")))
    blurb = translate("Help", "See how neural networks learn: optimizers racing on a surface, "
                              "MNIST runs compared, and backpropagation number by number.")
    return (f"<h3>GradLab {escape(own)}</h3><p>{escape(blurb)}</p>"
            f"<table cellspacing='6'><tr>{heads}</tr>" + cells + "</table>")


def about_dialog(window: QtWidgets.QWidget) -> QtWidgets.QDialog:
    dialog = QtWidgets.QDialog(window)
    text = QtWidgets.QLabel()
    text.setTextFormat(QtCore.Qt.TextFormat.RichText)
    text.setWordWrap(True)
    text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)

    def fill() -> None:
        dialog.setWindowTitle(translate("Help", "About GradLab"))
        text.setText(about_text())

    fill()
    on_language_change(dialog, fill)
    _finish(dialog, [text], QtCore.QSize(460, 380))
    return dialog


def _finish(dialog: QtWidgets.QDialog, widgets: list[QtWidgets.QWidget], size: QtCore.QSize) -> None:
    # A window does not take its parent's font unless told: presenter mode's larger one.
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_WindowPropagation)
    layout = QtWidgets.QVBoxLayout(dialog)
    for w in widgets:
        layout.addWidget(w)
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(_on_screen(dialog, size))


def _on_screen(dialog: QtWidgets.QDialog, size: QtCore.QSize) -> QtCore.QSize:
    """`size`, no larger than the dialog's screen (a 1280 x 720 projector) leaves room for."""
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    if screen is not None:
        size = size.boundedTo(QtCore.QSize(screen.width() - 40, screen.height() - 60))
    return size
