"""The walker of the Chinese tests: every text a person can read in a window or widget,
and which of them still hold English.

    from i18n_walk import english_leftovers
    set_language(app, "zh_CN")
    assert english_leftovers(window.race) == []      # ["RaceTab > QPushButton 'Run': Run"]
    set_language(app, "en")                           # other tests read the English texts

A tab's test switches with `to_chinese(app, ("RaceTransport", "Max steps"))` before it
builds any widget, and takes the `english` fixture (tests/conftest.py) to end in English.

What is read: each widget's text() (buttons, labels, group boxes' titles), toolTip(),
windowTitle() (windows), placeholderText(), the items of combo boxes, lists and tables
(and the tables' headers), the tabs of tab bars, read-only text browsers, spin boxes'
prefix/suffix/special text, progress bars' text, status bars' message, the actions of
widgets and of menus (menu titles, action texts and tooltips, recursively), and in
pyqtgraph scenes every label (plot titles, legend names), text item and axis label.
An editable field's own text is the user's and is not read.

A text is English when, after the allowed phrases are removed, it still has a Latin word
of 3 or more letters that is not in the allow-list: the names Chinese courses keep
(Adam, ReLU, MNIST, Softmax ...), file formats, key names, people's names of surfaces
and papers, and the function names of formulas (exp, log, max ...); a name with an underscore
is code (weight_decay, f_min). "f(x, y) = x² + 3y" passes; "Step back" does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui.i18n import set_language, translate

ALLOWED_WORDS = {
    # optimizers, activations, losses: names Chinese courses keep in English
    "sgd", "adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "nesterov",
    "relu", "gelu", "elu", "leaky", "softmax", "softplus", "swish", "silu", "sigmoid", "tanh",
    "mse", "mnist", "pca", "lbfgs", "l-bfgs",
    # formats, tools, libraries, licences
    "png", "csv", "json", "svg", "pdf", "gradlab", "python", "pyside6", "pyqtgraph", "numpy",
    "torch", "pytorch", "sympy", "numba", "platformdirs", "tqdm", "opengl", "pyopengl", "cuda",
    "cpu", "gpu", "lgplv3", "lgpl", "mit", "bsd", "psf", "mpl", "apache", "spdx", "tensorflow",
    "clause", "qt", "pyside", "pyqt",
    "utf", "ini",
    # keys
    "ctrl", "shift", "alt", "meta", "space", "left", "right", "home", "end", "pgup", "pgdown",
    "esc", "del", "tab", "enter", "return", "backspace", "ins",
    # people's names (surfaces, papers, methods) and the Hessian, as Chinese courses keep
    "rosenbrock", "himmelblau", "rastrigin", "beale", "booth", "ackley", "styblinski", "tang",
    "goldstein", "price", "matyas", "mccormick", "goodfellow", "hessian", "jacobian", "xavier",
    "glorot", "kaiming", "newton", "taylor", "lipschitz", "polyak", "kingma", "hinton",
    # the function names of formulas
    "exp", "log", "ln", "max", "min", "sin", "cos", "tan", "sqrt", "erf", "abs", "sign", "cosh",
    "sinh", "argmax", "argmin", "logsumexp", "sgn", "clip", "clamp", "diag", "det", "var", "std",
    "mean", "sum", "softmin", "atan", "arctan", "inf", "nan",
}
# Phrases allowed whole (removed before the words are read): a product's name, a licence
# expression, a term the translation keeps in brackets.
ALLOWED_PHRASES = ("TensorFlow Playground", "MPL-2.0 and MIT", "Focal Loss", "(Language)",
                   "Language", "English", "et al.")

_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # "LGPLv3", "PySide6", "x2" are one word each


def to_chinese(app: QtCore.QCoreApplication, *probes: tuple[str, str]) -> None:
    """Chinese from now on; fails at once when a probe, a (context, source text) of the
    tab under test, has no translation in resources/i18n/gradlab_zh_CN.ts. Call it before
    the test builds any widget: a test that stopped while a tab lived (a skip did) once
    crashed pytest-qt's teardown."""
    set_language(app, "zh_CN")
    missing = [probe for probe in probes if translate(*probe) == probe[1]]
    assert not missing, f"not translated in resources/i18n/gradlab_zh_CN.ts: {missing}"


def english_words(text: str, allow: Iterable[str] = ()) -> list[str]:
    """The Latin words of 3+ letters in `text` (HTML tags and accelerator '&' dropped) that
    neither the allow-lists nor `allow` (extra words or phrases, any case) permit."""
    extra = {a.lower() for a in allow if " " not in a}
    phrases = list(ALLOWED_PHRASES) + [a for a in allow if " " in a]
    text = _ENTITY.sub(" ", _TAG.sub(" ", text)).replace("&", "")
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return [w for w in _WORD.findall(text)
            if sum(c.isalpha() for c in w) >= 3 and "_" not in w  # weight_decay, f_min: code
            and w.lower() not in ALLOWED_WORDS and w.lower() not in extra]


def _name(obj: object) -> str:
    name = obj.objectName() if hasattr(obj, "objectName") else ""
    return f"{type(obj).__name__}{'#' + name if name else ''}"


def _action_texts(actions: Iterable[QtGui.QAction], where: str,
                  seen: set[int]) -> Iterator[tuple[str, str]]:
    for action in actions:
        if id(action) in seen or action.isSeparator():
            continue
        seen.add(id(action))
        menu = action.menu()
        if menu is not None:
            yield f"{where} > menu", menu.title()
            yield from _action_texts(menu.actions(), f"{where} > {menu.title()}", seen)
            continue
        yield f"{where} > action", action.text()
        # A tooltip Qt derives from the text is the text; only one set on purpose counts.
        tip = action.toolTip()
        if tip and tip != action.text().replace("&", ""):
            yield f"{where} > action tooltip", tip


def _widget_texts(w: QtWidgets.QWidget) -> Iterator[tuple[str, str]]:
    if w.isWindow() and w.windowTitle():
        yield "window title", w.windowTitle()
    if w.toolTip():
        yield "tooltip", w.toolTip()
    if isinstance(w, QtWidgets.QAbstractButton):
        yield "text", w.text()
    elif isinstance(w, QtWidgets.QLabel):
        yield "text", w.text()
    elif isinstance(w, QtWidgets.QGroupBox):
        yield "title", w.title()
    elif isinstance(w, QtWidgets.QLineEdit):
        yield "placeholder", w.placeholderText()
        if w.isReadOnly():
            yield "text", w.text()
    elif isinstance(w, QtWidgets.QComboBox):
        for i in range(w.count()):
            yield f"item {i}", w.itemText(i)
        if w.lineEdit() is not None:
            yield "placeholder", w.lineEdit().placeholderText()
    elif isinstance(w, QtWidgets.QTextEdit):  # QTextBrowser too
        yield "placeholder", w.placeholderText()
        if w.isReadOnly():
            yield "text", w.toPlainText()
    elif isinstance(w, QtWidgets.QPlainTextEdit):
        yield "placeholder", w.placeholderText()
        if w.isReadOnly():
            yield "text", w.toPlainText()
    elif isinstance(w, QtWidgets.QAbstractSpinBox):
        for what in ("prefix", "suffix"):
            if hasattr(w, what):
                yield what, getattr(w, what)()
        yield "special value", w.specialValueText()
    elif isinstance(w, QtWidgets.QProgressBar):
        yield "text", w.text()
    elif isinstance(w, QtWidgets.QStatusBar):
        yield "message", w.currentMessage()
    elif isinstance(w, QtWidgets.QTabBar):
        for i in range(w.count()):
            yield f"tab {i}", w.tabText(i)
            yield f"tab {i} tooltip", w.tabToolTip(i)
    elif isinstance(w, QtWidgets.QListWidget):
        for i in range(w.count()):
            yield f"item {i}", w.item(i).text()
            yield f"item {i} tooltip", w.item(i).toolTip()
    elif isinstance(w, QtWidgets.QTableWidget):
        for c in range(w.columnCount()):
            item = w.horizontalHeaderItem(c)
            if item is not None:
                yield f"header {c}", item.text()
        for r in range(w.rowCount()):
            item = w.verticalHeaderItem(r)
            if item is not None and not w.verticalHeader().isHidden():
                yield f"row header {r}", item.text()
            for c in range(w.columnCount()):
                item = w.item(r, c)
                if item is not None:
                    yield f"cell {r},{c}", item.text()
                    yield f"cell {r},{c} tooltip", item.toolTip()
    elif isinstance(w, QtWidgets.QGraphicsView):
        yield from _scene_texts(w.scene())


def _scene_texts(scene: QtWidgets.QGraphicsScene | None) -> Iterator[tuple[str, str]]:
    """pyqtgraph's texts in a scene: plot titles and legend names (LabelItem), text items,
    axis labels (AxisItem: its label and units)."""
    if scene is None:
        return
    import pyqtgraph as pg

    for item in scene.items():
        if isinstance(item, pg.LabelItem):
            yield "plot label", item.text
        elif isinstance(item, pg.TextItem):
            yield "plot text", item.toPlainText()
        elif isinstance(item, pg.AxisItem):
            if item.isVisible() and item.label.isVisible():
                yield f"axis {item.orientation}", f"{item.labelText} {item.labelUnits}"


def texts(root: QtWidgets.QWidget, skip: Iterable[QtWidgets.QWidget] = ()) -> list[tuple[str, str]]:
    """(where, text) for every readable text of `root` and its descendants, except in the
    subtrees of `skip` (another engineer's tab, say); the menu bar's menus included."""
    skipped = {id(w) for w in skip}
    out: list[tuple[str, str]] = []
    seen_actions: set[int] = set()

    def visit(w: QtWidgets.QWidget, path: str) -> None:
        if id(w) in skipped:
            return
        here = f"{path} > {_name(w)}" if path else _name(w)
        for what, text in _widget_texts(w):
            if text:
                out.append((f"{here} {what}", text))
        if isinstance(w, QtWidgets.QMenuBar):
            for where, text in _action_texts(w.actions(), here, seen_actions):
                if text:
                    out.append((where, text))
        elif not isinstance(w, QtWidgets.QMenu):
            for where, text in _action_texts(w.actions(), here, seen_actions):
                if text:
                    out.append((where, text))
        for child in w.findChildren(QtWidgets.QWidget,
                                    options=QtCore.Qt.FindChildOption.FindDirectChildrenOnly):
            visit(child, here)

    visit(root, "")
    return out


def english_leftovers(root: QtWidgets.QWidget, skip: Iterable[QtWidgets.QWidget] = (),
                      allow: Iterable[str] = ()) -> list[str]:
    """Every text of `root` (see `texts`) still in English, as "where: text [words]"."""
    allow = list(allow)
    out = []
    for where, text in texts(root, skip):
        words = english_words(text, allow)
        if words:
            out.append(f"{where}: {text[:120]!r} {words}")
    return out
