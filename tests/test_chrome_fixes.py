"""What a newcomer found in the translated window chrome and explorer (issue 17's QA pass).

- presenter mode's menus open wide enough for every item, in both languages (the Help
  menu's "各标签页使用说明(H)" was drawn elided);
- a rotated axis label lies inside its axis (the explorer's "b（偏置）" lost its left half);
- the gradient check's plot keeps a right margin;
- Escape closes the Help pages even where no window manager gives them the keyboard;
- the file dialogs' own labels go through translate();
- in Chinese the app font starts with a CJK family (the quotes “ ” drawn full-width);
- formulas in wrapped notes are never split across lines.

Every test that switches language switches back to English (other tests read English).
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui import exporting, formulas, i18n
from gradlab.gui.main_window import MainWindow

LANGUAGES = ["en", "zh_CN"]


@pytest.fixture
def language(qapp, request):
    """The language of the test's parameter, and English again afterwards."""
    assert i18n.set_language(qapp, request.param) == []
    yield request.param
    i18n.set_language(qapp, "en")


def _window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _chinese_or_skip(context: str, text: str) -> None:
    if i18n.translate(context, text) == text:
        pytest.skip(f"{context} is not translated yet in resources/i18n/gradlab_zh_CN.ts")


# -- 1. menus in presenter mode ---------------------------------------------------------------
def _menus(menu_bar: QtWidgets.QMenuBar) -> list[QtWidgets.QMenu]:
    found, todo = [], [a.menu() for a in menu_bar.actions() if a.menu() is not None]
    while todo:
        menu = todo.pop()
        found.append(menu)
        todo += [a.menu() for a in menu.actions() if a.menu() is not None]
    return found


def _open(qtbot, menu: QtWidgets.QMenu) -> None:
    menu.popup(QtCore.QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible, timeout=2000)


def _row_picture(qtbot, menu: QtWidgets.QMenu, action: QtGui.QAction, width: int, clip: int) -> QtGui.QImage:
    """The item's text part as drawn by a menu exactly `width` pixels wide."""
    blocker = QtCore.QSignalBlocker(menu)  # no re-fitting: this width, as given
    menu.setMinimumWidth(width)
    menu.setMaximumWidth(width)
    _open(qtbot, menu)
    rect = menu.actionGeometry(action)
    picture = menu.grab(QtCore.QRect(rect.x(), rect.y(), clip, rect.height())).toImage()
    menu.hide()
    menu.setMinimumWidth(0)
    menu.setMaximumWidth(16777215)  # QWIDGETSIZE_MAX
    del blocker
    return picture


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_presenter_menus_fit_their_items(qtbot, language):
    """At the presenter font, each menu opens at least as wide as its widest text, its
    widest key and margins; and each item's text is drawn the same as in a menu 200 px
    wider (an elided text, "各标签页使…明", is not)."""
    w = _window(qtbot)
    w.set_presenter(True)
    for menu in _menus(w.menuBar()):
        assert menu.font().pointSizeF() == pytest.approx(w.font().pointSizeF())
        metrics = QtGui.QFontMetrics(menu.font())
        em = metrics.horizontalAdvance("M")
        keys = max((metrics.horizontalAdvance(a.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText))
                    for a in menu.actions()), default=0)
        _open(qtbot, menu)
        width = menu.width()
        menu.hide()
        items = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        for action in items:
            text = metrics.horizontalAdvance(_plain(action.text()))
            assert width >= text + keys + 2 * em, (language, action.text(), width, text, keys)
        for action in items:
            clip = min(metrics.horizontalAdvance(_plain(action.text())) + 3 * em, width)
            shown = _row_picture(qtbot, menu, action, width, clip)
            roomy = _row_picture(qtbot, menu, action, width + 200, clip)
            assert shown == roomy, f"{language}: {action.text()!r} is drawn cut in a {width} px menu"
    w.set_presenter(False)


# -- 2. rotated axis labels ---------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_surface_axis_labels_lie_inside_their_axes(qtbot, language):
    from gradlab.gui.explorer.surface import SurfaceView

    if language == "zh_CN":
        _chinese_or_skip("ExplorerSurface", "b (bias)")
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    for plot in (view.plot, view.data_plot):
        axis = plot.getAxis("left")
        label = axis.label
        assert label.isVisible()
        inside = QtCore.QRectF(QtCore.QPointF(0, 0), axis.size())
        drawn = label.mapRectToParent(label.boundingRect())
        assert inside.contains(drawn), (language, label.toPlainText(), drawn, inside)


# -- 3. the gradient check's right margin ----------------------------------------------------
def test_gradient_check_plot_keeps_a_right_margin(qtbot):
    from gradlab.gui.explorer.gradcheck import GradientCheckView

    view = GradientCheckView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    edge = view.plot_widget.viewport().width()
    # As the explorer's other plots: a GraphicsLayout's 9 px around a plot's own 1 px.
    assert edge - view.plot.getViewBox().sceneBoundingRect().right() >= 9
    assert edge - view.plot.getAxis("bottom").geometry().right() >= 9


# -- 4. Escape closes the Help pages -------------------------------------------------------------
@pytest.mark.parametrize("page", ["shortcuts_dialog", "how_to_dialog", "about_dialog"])
def test_escape_closes_a_help_page_where_the_keys_go(qtbot, page):
    """The key goes where the keyboard is (the active window's focus), as xdotool's does:
    the page must have asked for it, with no window manager to give it."""
    w = _window(qtbot)
    w.activateWindow()
    dialog = w._help(page)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is dialog, timeout=2000)
    target = QtWidgets.QApplication.focusWidget() or QtWidgets.QApplication.activeWindow()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(target, QtCore.Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_help_page_asks_for_the_keyboard(qtbot, monkeypatch):
    """Offscreen Qt activates every new window by itself; X without a window manager
    (Xvfb) does not, and the page must ask (seen there: Escape went to the window)."""
    from gradlab.gui import help as gradlab_help

    asked = []
    made = gradlab_help.about_dialog

    def about(window):
        dialog = made(window)
        dialog.activateWindow = lambda: asked.append(dialog.isVisible())
        return dialog

    monkeypatch.setattr(gradlab_help, "about_dialog", about)
    w = _window(qtbot)
    dialog = w._help("about_dialog")
    assert asked == [True]  # asked once it is shown (a hidden window cannot be activated)
    dialog.close()


def test_help_pages_take_the_presenter_font(qtbot):
    w = _window(qtbot)
    w.set_presenter(True)
    dialog = w._help("shortcuts_dialog")
    assert dialog.font().pointSizeF() == pytest.approx(w.font().pointSizeF())
    dialog.close()
    w.set_presenter(False)


# -- 5. the file dialogs' labels -----------------------------------------------------------------
ENGLISH_LABELS = {"LookIn": "Look in:", "FileName": "File name:", "FileType": "Files of type:",
                  "Reject": "Cancel"}


@pytest.mark.parametrize("mode, accept", [("open", "Open"), ("save", "Save"), ("folder", "Choose")])
def test_file_dialog_labels_go_through_translate(qtbot, mode, accept):
    dialog = exporting.file_dialog(None, "caption", "", "GradLab scenario (*.json)", mode)
    qtbot.addWidget(dialog)
    Label = QtWidgets.QFileDialog.DialogLabel  # noqa: N806
    for name, text in {**ENGLISH_LABELS, "Accept": accept}.items():
        assert dialog.labelText(getattr(Label, name)) == text
    assert (dialog.acceptMode() == QtWidgets.QFileDialog.AcceptMode.AcceptSave) == (mode == "save")


def test_file_dialog_labels_in_chinese(qtbot, qapp, monkeypatch):
    """What a translator gives for "Look in:" is what the dialog says."""
    i18n.set_language(qapp, "zh_CN")
    try:
        dialog = exporting.file_dialog(None, "caption", mode="save")
        qtbot.addWidget(dialog)
        Label = QtWidgets.QFileDialog.DialogLabel  # noqa: N806
        assert dialog.labelText(Label.LookIn) == i18n.translate("Dialog", "Look in:")
        assert dialog.labelText(Label.FileType) == i18n.translate("Dialog", "Files of type:")
    finally:
        i18n.set_language(qapp, "en")


def test_the_windows_file_dialogs_use_the_shared_helper(qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(exporting, "ask_path", lambda parent, caption, start="", filters="", mode="open":
                        asked.append((start, mode)) or "")
    w = _window(qtbot)
    w._open_dialog()
    w._save_dialog()
    w._export_dialog("png")
    w._export_dialog("csv")
    assert asked == [("", "open"), ("scenario.json", "save"), ("race.png", "save"),
                     ("trajectories.csv", "save")]


def test_qt_s_own_file_list_words_can_be_ours(qapp, tmp_path):
    """"Size" (体积 in Qt's translation) and "Folder" (left English) are marked under Qt's
    own contexts (exporting.QT_WORDS), so GradLab's .ts can give them: a translation for
    those contexts, installed after Qt's as set_language does, is the one the dialog's
    file list shows."""
    assert set(exporting.QT_WORDS) == {"Size", "Folder", "Drive"}
    ts = tmp_path / "words.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>QFileSystemModel</name><message><source>Size</source>"
        "<translation>大小</translation></message></context>"
        "<context><name>QAbstractFileIconProvider</name><message><source>Folder</source>"
        "<translation>文件夹</translation></message></context></TS>", encoding="utf-8")
    qm = tmp_path / "words.qm"
    if not i18n.compile_ts(ts, qm):
        pytest.skip("no lrelease to compile a translation")
    i18n.set_language(qapp, "zh_CN")
    ours = QtCore.QTranslator()
    try:
        assert ours.load(str(qm)) and qapp.installTranslator(ours)
        model = QtWidgets.QFileSystemModel()
        assert model.headerData(1, QtCore.Qt.Orientation.Horizontal) == "大小"
        assert QtWidgets.QFileIconProvider().type(QtCore.QFileInfo(str(tmp_path))) == "文件夹"
    finally:
        qapp.removeTranslator(ours)
        i18n.set_language(qapp, "en")


# -- 6. a CJK font first in Chinese --------------------------------------------------------------
def test_chinese_puts_a_cjk_family_first_and_english_restores(qapp):
    cjk = i18n.chinese_font_families()
    if not cjk:
        pytest.skip("no font for Simplified Chinese is installed")
    before = list(qapp.font().families())
    try:
        i18n.set_language(qapp, "zh_CN")
        assert qapp.font().families()[0] in cjk
        assert qapp.font().families()[1:] == [f for f in before if f != qapp.font().families()[0]]
    finally:
        i18n.set_language(qapp, "en")
    assert list(qapp.font().families()) == before


def test_the_chinese_family_is_a_sans_one():
    assert i18n.chinese_font_family(["Noto Serif CJK SC", "Noto Sans Mono CJK SC", "Noto Sans CJK SC"]) \
        == "Noto Sans CJK SC"
    assert i18n.chinese_font_family(["AR PL UMing", "Noto Serif CJK SC"]) == "AR PL UMing"
    assert i18n.chinese_font_family([]) is None


# -- 7. formulas kept whole ---------------------------------------------------------------------
FORMULA = "p(1 − p)"
SENTENCE = ("对 Softmax 输出的均方误差却只有 -0.0384。后者的斜率要乘上 Softmax 的 " + FORMULA
            + "，而 p → 0 时这个因子趋于 0，于是最需要纠正的样本几乎不动。")


def _breaks(text: str, width: float, font: QtGui.QFont) -> list[int]:
    """Where Qt's own text layout starts each line of `text` wrapped at `width` px."""
    layout = QtGui.QTextLayout(text, font)
    option = QtGui.QTextOption()
    option.setWrapMode(QtGui.QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts[1:]


def _splits_formula(text: str, formula: str, font: QtGui.QFont) -> list[float]:
    start = text.index(formula)
    end = start + len(formula)
    return [w for w in range(120, 420, 3)
            if any(start < b < end for b in _breaks(text, w, font))]


def test_formulas_are_not_split_across_lines(qapp):
    font = QtGui.QFont(qapp.font())
    font.setPointSizeF(10)
    shown = formulas.unbroken(SENTENCE)
    joined = formulas.unbroken(FORMULA)
    assert _splits_formula(SENTENCE, FORMULA, font)  # the plain text is split somewhere
    assert _splits_formula(shown, joined, font) == []
    assert formulas.plain(shown) == SENTENCE


def test_unbroken_joins_operators_and_calls_only():
    nb, wj = "\u00a0", "\u2060"
    assert formulas.unbroken("σ′(s) and 100(y − x²)²") == f"σ′{wj}(s) and 100{wj}(y{nb}−{nb}x²)²"
    assert formulas.unbroken("<b>Easy</b> (p = 0.9)") == f"<b>Easy</b> (p{nb}={nb}0.9)"
    assert formulas.unbroken("a well-known idea, and more") == "a well-known idea, and more"
    # A formula longer than its line may wrap between its terms, after an operator.
    assert formulas.unbroken("f(x, y) = (1 − x)² + 100(y − x²)²") == (
        f"f{wj}(x,{nb}y){nb}= (1{nb}−{nb}x)²{nb}+ 100{wj}(y{nb}−{nb}x²)²")


def test_a_long_formula_wraps_between_its_terms(qapp):
    font = QtGui.QFont(qapp.font())
    font.setPointSizeF(10)
    formula = "f(x, y) = (1 − x)² + 100(y − x²)²"
    shown = formulas.unbroken(formula)
    width = QtGui.QFontMetricsF(font).horizontalAdvance(formulas.unbroken("f(x, y) = (1 − x)² +")) + 4
    breaks = _breaks(shown, width, font)
    assert breaks == [shown.index("100")]
