"""GradLab's main window: the Race, MNIST, Explorer and Backpropagation tabs and the menus.

The MNIST and Explorer tabs are built the first time they are shown (their modules
import lazily and defensively: the window works without them, and start-up does
not pay for them; torch in particular is never imported here).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from gradlab.gui import worker
from gradlab.gui.core_errors import explain
from gradlab.gui.i18n import (LANGUAGES, QT_TRANSLATE_NOOP, current_language, missing_font_note,
                              on_language_change, set_language, translate)
from gradlab.gui.race import scenario
from gradlab.gui.race import scenario_menu
from gradlab.gui.race.config import RaceConfig
from gradlab.gui.race.tab import RaceTab, default_config
from gradlab.gui.settings import Memory
from gradlab.gui.status import fit_messages
from gradlab.gui.style import PRESENTER

# Exporting and presenter mode are imported where used: not on the start-up path.

TITLE = "GradLab"
# How long closing waits for background work (a download, a load) to notice its stop
# flag before the window goes without it.
CLOSE_WAIT_MS = 2000
LAZY_TABS = (("MNIST", "gradlab.gui.mnist.tab", "MnistTab"),
             ("Explorer", "gradlab.gui.explorer.tab", "ExplorerTab"),
             ("Backpropagation", "gradlab.gui.backprop.tab", "BackpropTab"),
             ("Playground", "gradlab.gui.playground.tab", "PlaygroundTab"),
             ("Landscape", "gradlab.gui.landscape.tab", "LandscapeTab"))
# A tab is known by its key (its English title: LAZY_TABS, TAB_TITLES, the remembered tab),
# never by the tab bar's text, which is in the language in use (`MainWindow.tab_key`).
# Per tab: the tab bar's text, the window title's second half and the status bar's hint
# while it is shown (translated when shown; a key missing here is shown as it is).
TAB_LABELS = {"Optimizer race": QT_TRANSLATE_NOOP("MainWindow", "Optimizer race"),
              "MNIST": QT_TRANSLATE_NOOP("MainWindow", "MNIST"),
              "Explorer": QT_TRANSLATE_NOOP("MainWindow", "Explorer"),
              "Backpropagation": QT_TRANSLATE_NOOP("MainWindow", "Backpropagation"),
              "Playground": QT_TRANSLATE_NOOP("MainWindow", "Playground"),
              "Landscape": QT_TRANSLATE_NOOP("MainWindow", "Landscape")}
TAB_TITLES = {"Optimizer race": QT_TRANSLATE_NOOP("MainWindow", "optimizer race"),
              "MNIST": QT_TRANSLATE_NOOP("MainWindow", "MNIST"),
              "Explorer": QT_TRANSLATE_NOOP("MainWindow", "explorer"),
              "Backpropagation": QT_TRANSLATE_NOOP("MainWindow", "backpropagation"),
              "Playground": QT_TRANSLATE_NOOP("MainWindow", "playground"),
              "Landscape": QT_TRANSLATE_NOOP("MainWindow", "loss landscape")}
TAB_HINTS = {
    "Optimizer race": QT_TRANSLATE_NOOP(
        "MainWindow", "Press Space (or ▶ Run) to start the race; Right steps once, Left steps "
                      "back, R resets."),
    "MNIST": QT_TRANSLATE_NOOP(
        "MainWindow", "Add settings to the queue to compare runs (same seed: same start, same "
                      "batches); Start trains them one after another."),
    "Explorer": QT_TRANSLATE_NOOP(
        "MainWindow", "Hover over a plot to read its values; a model's loss surface can be raced "
                      "in the Optimizer race tab."),
    "Backpropagation": QT_TRANSLATE_NOOP(
        "MainWindow", "Small network: Right steps through the pass, Left steps back, Space "
                      "plays, click a unit or a weight for its numbers. Real network: draw a "
                      "digit or pick a test digit."),
    "Playground": QT_TRANSLATE_NOOP(
        "MainWindow", "Play trains the network live; click the plane to add a point, right-click "
                      "removes one, click a point to trace it in Backpropagation; hover a unit "
                      "for its map. Compare races 2 to 4 settings."),
    "Landscape": QT_TRANSLATE_NOOP(
        "MainWindow", "Tick the MNIST tab's runs (or Load… a run file), pick the picture, "
                      "Compute; hover the map to read the loss there."),
}


def tab_label(key: str) -> str:
    """The tab bar's text for the tab `key`, in the language in use."""
    return translate("MainWindow", TAB_LABELS.get(key, key))


class _Pending(QtWidgets.QLabel):
    """Stands in for a tab until it is first shown."""

    def __init__(self, title: str, module: str, cls: str) -> None:
        super().__init__()
        self.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.spec = (title, module, cls)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        if not self.property("failed"):
            self.setText(translate("MainWindow", "Loading {tab}…").format(tab=tab_label(self.spec[0])))


def fitted_size(wanted: QtCore.QSize, screen: QtGui.QScreen | None) -> QtCore.QSize:
    """`wanted`, shrunk to the screen's available area (size = min(wanted, available))."""
    if screen is None:
        return wanted
    return wanted.boundedTo(screen.availableGeometry().size())


def fitted_geometry(rect: QtCore.QRect, screen: QtGui.QScreen | None) -> QtCore.QRect:
    """`rect` shrunk to the screen's available area and moved inside it."""
    if screen is None:
        return rect
    area = screen.availableGeometry()
    fitted = QtCore.QRect(rect.topLeft(), rect.size().boundedTo(area.size()))
    fitted.moveLeft(min(max(fitted.left(), area.left()), area.right() + 1 - fitted.width()))
    fitted.moveTop(min(max(fitted.top(), area.top()), area.bottom() + 1 - fitted.height()))
    return fitted


def display_screen(widget: QtWidgets.QWidget) -> QtGui.QScreen | None:
    """The screen `widget` is shown on; None off-screen (screenshots, tests), whose 800×800
    placeholder screen is no display: a screenshot keeps the full default size."""
    if QtGui.QGuiApplication.platformName() in ("offscreen", "minimal"):
        return None
    return widget.screen()


class MainWindow(QtWidgets.QMainWindow):
    """`memory`: what the last session left (gradlab.gui.settings); None remembers nothing
    (tests, screenshots). The race's remembered set-up is the caller's `config`."""

    def __init__(self, config: RaceConfig | None = None, parent: QtWidgets.QWidget | None = None,
                 memory: Memory | None = None) -> None:
        super().__init__(parent)
        self.resize(fitted_size(QtCore.QSize(1600, 960), display_screen(self)))
        self.memory = memory
        # Keyword arguments for a lazy tab when it is built (the remembered MNIST folder).
        self._tab_arguments: dict[str, dict[str, Any]] = {}
        self.last_error = ""
        # Tests replace this to answer "overwrite?" without a dialog.
        self.confirm_overwrite: Callable[[Path], bool] = self._ask_overwrite
        self.presenting = False

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setDocumentMode(True)
        # Built straight into the tab widget's page stack: reparenting a finished tree
        # that carries a stylesheet makes Qt re-polish every widget in it (~20 ms of
        # start-up), so the tab is born where addTab would otherwise move it.
        stack = self.tabs.findChild(QtWidgets.QStackedWidget, "qt_tabwidget_stackedwidget")
        self.race = RaceTab(config if config is not None else default_config(), stack)
        self._add_tab(self.race, "Optimizer race")
        for title, module, cls in LAZY_TABS:
            self._add_tab(_Pending(title, module, cls), title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        # Long hints are shortened at a sentence (the whole in the tooltip) rather than
        # cut mid-word at the window's edge (1280×720, F11).
        fit_messages(self.statusBar())
        # (setter, context, source text) of every text set once: set again on LanguageChange.
        self._texts: list[tuple[Callable[[str], object], str, str]] = []
        self._menus()
        self.race.failed.connect(
            lambda msg: self.show_error(translate("Dialog", "The race stopped"), explain(msg)))
        self.race.surface_changed.connect(self._surface_changed)
        self._show_tab_hint(0)
        # The race's keys work from the start: the focus is not left on the tab bar.
        self.race.focus_view()
        if memory is not None:
            self._restore(memory)
        on_language_change(self, self.retranslate)

    # -- language ------------------------------------------------------------------------------
    def _text(self, setter: Callable[[str], object], source: str, context: str = "Menu") -> None:
        """Set a text now (`source` marked with QT_TRANSLATE_NOOP) and again on LanguageChange."""
        self._texts.append((setter, context, source))
        setter(translate(context, source))

    def retranslate(self) -> None:
        """Every text of the window's own set again in the language now in use (the tabs
        retranslate themselves: each gets LanguageChange too)."""
        for setter, context, source in self._texts:
            setter(translate(context, source))
        for i in range(self.tabs.count()):
            self.tabs.setTabText(i, tab_label(self.tab_key(i)))
        self._check_language()
        self._show_tab_hint(self.tabs.currentIndex())

    def _check_language(self) -> None:
        code = current_language()
        for action in self.language_actions.actions():
            action.setChecked(action.data() == code)

    def choose_language(self, code: str) -> list[str]:
        """View > Language: switch the whole app live, remember the choice for the next
        launch, and say once in the status bar when no font can show it. The problems
        (a translation that could not be loaded), one line each."""
        problems = set_language(QtWidgets.QApplication.instance(), code)
        if self.memory is not None:
            self.memory.store_language(code)
        note = missing_font_note(code)
        if problems or note:
            self.statusBar().showMessage(" ".join(problems + ([note] if note else [])))
        return problems

    # -- menus ---------------------------------------------------------------------------------
    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("")
        self._text(file.setTitle, QT_TRANSLATE_NOOP("Menu", "&File"))

        def act(menu: QtWidgets.QMenu, text: str, slot: Callable, key: Any = None) -> QtGui.QAction:
            a = menu.addAction("")
            self._text(a.setText, text)
            if key is not None:
                a.setShortcut(QtGui.QKeySequence(key))
            a.triggered.connect(lambda _c=False: slot())
            return a

        act(file, QT_TRANSLATE_NOOP("Menu", "&Open scenario…"), self._open_dialog,
            QtGui.QKeySequence.StandardKey.Open)
        act(file, QT_TRANSLATE_NOOP("Menu", "&Save scenario…"), self._save_dialog,
            QtGui.QKeySequence.StandardKey.Save)
        file.addSeparator()
        # The race's exports (the MNIST tab has its own buttons for its runs).
        act(file, QT_TRANSLATE_NOOP("Menu", "Export race view as &PNG…"),
            lambda: self._export_dialog("png"), "Ctrl+E")
        act(file, QT_TRANSLATE_NOOP("Menu", "Export race view as S&VG…"),
            lambda: self._export_dialog("svg"), "Ctrl+Shift+E")
        act(file, QT_TRANSLATE_NOOP("Menu", "Export race trajectories as &CSV…"),
            lambda: self._export_dialog("csv"), "Ctrl+Shift+C")
        file.addSeparator()
        act(file, QT_TRANSLATE_NOOP("Menu", "&Quit"), self.close, QtGui.QKeySequence.StandardKey.Quit)

        self.scenarios_menu = bar.addMenu("")
        self._text(self.scenarios_menu.setTitle, QT_TRANSLATE_NOOP("Menu", "S&cenarios"))
        from gradlab.resources import scenario_paths

        self.scenario_actions = scenario_menu.fill(self.scenarios_menu, scenario_paths(), self.open_scenario)

        view = bar.addMenu("")
        self._text(view.setTitle, QT_TRANSLATE_NOOP("Menu", "&View"))
        self.presenter_action = view.addAction("")
        self._text(self.presenter_action.setText, QT_TRANSLATE_NOOP("Menu", "&Presenter mode"))
        self.presenter_action.setCheckable(True)
        self.presenter_action.setShortcut(QtGui.QKeySequence("F11"))
        self._text(self.presenter_action.setToolTip,
                   QT_TRANSLATE_NOOP("Menu", "larger fonts and thicker lines for a projector"))
        self.presenter_action.toggled.connect(self.set_presenter)
        # F2/F3, not Ctrl+2/Ctrl+3: those open scenarios 2 and 3 (one key, one action).
        # In the Landscape tab they switch its 2-D map / 3-D surface (its own buttons).
        act(view, QT_TRANSLATE_NOOP("Menu", "&2-D view"),
            lambda: self._landscape_view("button_2d") or self.race.views.setCurrentWidget(self.race.view), "F2")
        act(view, QT_TRANSLATE_NOOP("Menu", "&3-D view"),
            lambda: self._landscape_view("button_3d") or self.race.views.setCurrentWidget(self.race.view3d), "F3")
        # Each language named in itself (a reader lost in the other finds their own).
        view.addSeparator()
        self.language_menu = view.addMenu("")
        self._text(self.language_menu.setTitle, QT_TRANSLATE_NOOP("Menu", "&Language"))
        self.language_actions = QtGui.QActionGroup(self)
        self.language_actions.setExclusive(True)
        for code, name in LANGUAGES.items():
            a = self.language_menu.addAction(name)
            a.setCheckable(True)
            a.setData(code)
            a.setObjectName(f"language_{code}")
            self.language_actions.addAction(a)
            a.triggered.connect(lambda _c=False, code=code: self.choose_language(code))
        self._check_language()

        self.help_menu = bar.addMenu("")
        self._text(self.help_menu.setTitle, QT_TRANSLATE_NOOP("Menu", "&Help"))
        act(self.help_menu, QT_TRANSLATE_NOOP("Menu", "&Keyboard shortcuts"),
            lambda: self._help("shortcuts_dialog"), "F1")
        act(self.help_menu, QT_TRANSLATE_NOOP("Menu", "&How to use each tab"),
            lambda: self._help("how_to_dialog"))
        act(self.help_menu, QT_TRANSLATE_NOOP("Menu", "&About GradLab"), lambda: self._help("about_dialog"))

    def _help(self, page: str) -> QtWidgets.QDialog:
        from gradlab.gui import help as gradlab_help

        dialog = getattr(gradlab_help, page)(self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        # Without a window manager (Xvfb, a kiosk) nothing gives a new window the keyboard:
        # ask for it, or Escape (and every key) goes on to the window behind.
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- remembered between launches -------------------------------------------------------
    def _restore(self, memory: Memory) -> None:
        geometry = memory.geometry()
        if geometry is not None and not self.restoreGeometry(geometry):
            memory.problems.append(translate(
                "MainWindow", "The remembered window size was not usable; the default is used."))
        # A geometry remembered on a larger monitor would put the lesson and plots off-screen.
        self.setGeometry(fitted_geometry(self.geometry(), display_screen(self)))
        folder = memory.mnist_folder()
        if folder:
            self._tab_arguments["MNIST"] = {"data_folder": folder}
        if memory.presenter():
            self.set_presenter(True)
        tab = memory.tab()
        if tab and tab != self.tab_key(0):
            self.tab(tab)  # builds it
            self.tabs.setCurrentWidget(self.tab(tab) or self.race)
        if memory.problems:
            self.statusBar().showMessage(" ".join(memory.problems))

    def remember(self) -> None:
        """Write what the next launch restores (the app calls this as it quits)."""
        if self.memory is None:
            return
        mnist = next((self.tabs.widget(i) for i in range(self.tabs.count())
                      if self.tab_key(i) == "MNIST"), None)
        folder = None
        panel = getattr(mnist, "data_panel", None)
        if panel is not None:
            data = getattr(panel, "data", None)
            folder = getattr(data, "folder", None) or panel.folder.text().strip() or None
        self.memory.store(geometry=self.saveGeometry(), presenter=self.presenting,
                          tab=self.tab_key(self.tabs.currentIndex()),
                          race=(scenario.to_dict(self.race.current_config())
                                if self.race.can_save() else None),
                          mnist_folder=folder)

    # -- tabs ----------------------------------------------------------------------------------
    def _add_tab(self, widget: QtWidgets.QWidget, key: str, index: int | None = None) -> None:
        """Add (or insert at `index`) the tab `key`, titled in the language in use."""
        if index is None:
            index = self.tabs.addTab(widget, tab_label(key))
        else:
            index = self.tabs.insertTab(index, widget, tab_label(key))
        self.tabs.tabBar().setTabData(index, key)

    def _landscape_view(self, button: str) -> bool:
        """F2/F3 in the Landscape tab: click its 2-D / 3-D button; False in other tabs."""
        if self.tab_key(self.tabs.currentIndex()) != "Landscape":
            return False
        widget = getattr(self.tab("Landscape"), button, None)
        if widget is not None and widget.isEnabled():
            widget.click()
        return True

    def tab_key(self, index: int) -> str:
        """The key of the tab at `index` ("Optimizer race", "MNIST", ...: its English title),
        whatever the language of the tab bar."""
        key = self.tabs.tabBar().tabData(index)
        return key if isinstance(key, str) else self.tabs.tabText(index)

    def _tab_changed(self, index: int) -> None:
        pending = self.tabs.widget(index)
        if isinstance(pending, _Pending):
            self._build_tab(index, pending)
        else:
            self._show_tab_hint(index)

    def _show_tab_hint(self, index: int) -> None:
        """Window title and status-bar hint of the tab at `index`."""
        name = self.tab_key(index)
        self.setWindowTitle(f"{TITLE} — {translate('MainWindow', TAB_TITLES.get(name, name))}")
        hint = TAB_HINTS.get(name)
        self.statusBar().showMessage(translate("MainWindow", hint) if hint else "")

    def _build_tab(self, index: int, pending: _Pending) -> QtWidgets.QWidget | None:
        title, module, cls = pending.spec
        try:
            widget = getattr(importlib.import_module(module), cls)(
                **self._tab_arguments.get(title, {}))
        except Exception as exc:  # noqa: BLE001 - a broken extra tab must not take the app down
            pending.setProperty("failed", True)
            pending.setText(translate("MainWindow", "The {tab} tab is not available: {error}").format(
                tab=tab_label(title), error=f"{type(exc).__name__}: {exc}"))
            return None
        blocker = QtCore.QSignalBlocker(self.tabs)
        self.tabs.removeTab(index)
        self._add_tab(widget, title, index)
        self.tabs.setCurrentIndex(index)
        del blocker
        self._show_tab_hint(index)
        if self.presenting and hasattr(widget, "set_look"):  # born into presenter mode
            widget.set_look(PRESENTER)
        if self.presenting or self.font().families() != QtWidgets.QApplication.font().families():
            from gradlab.gui.presenter import follow_font  # noqa: PLC0415 - not on the start-up path

            follow_font(self)  # its lines with a style sheet of their own take the window's font
        pending.deleteLater()
        requested = getattr(widget, "race_requested", None)
        if requested is not None:
            requested.connect(self.race_surface)
        return widget

    def tab(self, title: str) -> QtWidgets.QWidget | None:
        """The tab whose key is `title` ("MNIST", ...), built if it was still pending."""
        for i in range(self.tabs.count()):
            if self.tab_key(i) == title:
                w = self.tabs.widget(i)
                return self._build_tab(i, w) if isinstance(w, _Pending) else w
        return None

    def mnist_runs(self) -> list[dict[str, Any]]:
        """The MNIST tab's runs that have weights, as plain values (label, state dict,
        activation, loss) for the Backpropagation tab, which may not import that tab's
        package; empty while the MNIST tab is not built."""
        tab = next((self.tabs.widget(i) for i in range(self.tabs.count())
                    if self.tab_key(i) == "MNIST"), None)
        out = []
        for run in [] if tab is None or isinstance(tab, _Pending) else getattr(tab, "runs", []):
            state = getattr(run.checkpoint, "state", None) or {}
            if "model" in state:
                c = run.config
                out.append({"label": run.label, "state_dict": state["model"],
                            "activation": c.activation, "activation_params": dict(c.activation_params),
                            "loss": c.loss, "loss_params": dict(c.loss_params),
                            # the Landscape tab's: the run's config, colour and path
                            "config": c, "colour": run.colour, "status": str(run.status),
                            "trajectory": getattr(run.checkpoint, "trajectory", None),
                            "finished": str(run.status) == "done"})
        return out

    def mnist_folder(self) -> str | None:
        """The folder the MNIST tab loaded its data from (or shows), else the one
        remembered from the last launch: where the Backpropagation tab looks for MNIST,
        since it may not import that tab's package. None when neither is known."""
        tab = next((self.tabs.widget(i) for i in range(self.tabs.count())
                    if self.tab_key(i) == "MNIST"), None)
        panel = None if isinstance(tab, _Pending) else getattr(tab, "data_panel", None)
        if panel is not None:
            folder = getattr(getattr(panel, "data", None), "folder", None) or panel.folder.text().strip()
            if folder:
                return str(folder)
        remembered = self._tab_arguments.get("MNIST", {}).get("data_folder")
        return str(remembered) if remembered else None

    def trace_in_backprop(self, network: dict[str, Any]) -> bool:
        """Show `network` (plain values from the Playground: sizes, activation, loss,
        optimizer, weights, one point's inputs and label) on the Backpropagation tab's
        small-network page and switch to it; the two tabs may not import each other's
        package. False, with the page's one-line reason in the status bar, when the page
        cannot show it (the current tab stays)."""
        here = self.tabs.currentWidget()
        tab = self.tab("Backpropagation")  # building it makes it current
        load = getattr(getattr(tab, "small", None), "load_network", None)
        problem = load(network) if load is not None else "The Backpropagation tab is not available."
        if problem:
            self.tabs.setCurrentWidget(here)
            self.statusBar().showMessage(problem)
            return False
        tab.tabs.setCurrentWidget(tab.small)
        self.tabs.setCurrentWidget(tab)
        return True

    def race_surface(self, surface: Any) -> None:
        """Load a Surface (from the explorer) in the race tab and switch to it."""
        self.race.set_custom_surface(surface)
        self.tabs.setCurrentWidget(self.race)

    # -- scenarios -------------------------------------------------------------------------------
    def open_scenario(self, path: str | Path) -> bool:
        """Load a scenario; on a bad file show the message (naming the field), change nothing."""
        try:
            config = scenario.load(path)
            self.race.load_config(config)
        except ValueError as exc:
            self.show_error(translate("Dialog", "Cannot open this scenario"), explain(f"{Path(path).name}: {exc}"))
            return False
        self.tabs.setCurrentWidget(self.race)
        # A scenario's title is its file's (English) text, translated where the race's
        # generated module marks it (context "Scenario").
        title = translate("Scenario", config.title) if config.title else Path(path).stem
        self.statusBar().showMessage(translate("MainWindow", "Scenario: {title}").format(title=title))
        return True

    def _surface_changed(self, title: str) -> None:
        """A surface picked or typed after a scenario: the status bar no longer names it."""
        if self.tabs.currentWidget() is self.race:
            self.statusBar().showMessage(translate("MainWindow", "Surface: {title}. {hint}").format(
                title=title, hint=translate("MainWindow", TAB_HINTS["Optimizer race"])))

    def save_scenario(self, path: str | Path) -> bool:
        path = Path(path)
        if not self.race.can_save():
            self.show_error(translate("Dialog", "Cannot save this scenario"),
                            translate("Dialog", "This surface came from the Explorer and has no "
                                                "formula to save."))
            return False
        if path.exists() and not self.confirm_overwrite(path):
            return False
        try:
            scenario.save(self.race.current_config(), path)
        except OSError as exc:  # the write is atomic: the old file, if any, is still there
            self.show_error(translate("Dialog", "Cannot save this scenario"), explain(f"{path}: {exc.strerror or exc}"))
            return False
        self.statusBar().showMessage(translate("MainWindow", "Saved {path}").format(path=path))
        return True

    def _open_dialog(self) -> None:
        from gradlab.gui.exporting import ask_path

        path = ask_path(self, translate("Dialog", "Open scenario"), "",
                        translate("Dialog", "GradLab scenario (*.json)"))
        if path:
            self.open_scenario(path)

    def _save_dialog(self) -> None:
        # QFileDialog asks before replacing a file, so the answer counts as given.
        from gradlab.gui.exporting import ask_path

        path = ask_path(self, translate("Dialog", "Save scenario"), "scenario.json",
                        translate("Dialog", "GradLab scenario (*.json)"), mode="save")
        if path:
            ask, self.confirm_overwrite = self.confirm_overwrite, lambda p: True
            try:
                self.save_scenario(path)
            finally:
                self.confirm_overwrite = ask

    # -- export ------------------------------------------------------------------------------------
    def export_view(self, path: str | Path) -> bool:
        """The surface view (or the 3-D view's placeholder is skipped) as PNG or SVG."""
        from gradlab.gui.race.export import export_image

        self.race.redraw(complete=True)
        return self._export(path, lambda: export_image(self.race.view.scene(), path,
                                                       self.confirm_overwrite))

    def export_trajectories(self, path: str | Path) -> bool:
        from gradlab.gui.race.export import export_csv

        return self._export(path, lambda: export_csv(self.race.history, self.race.labels(), path,
                                                     self.confirm_overwrite))

    def _export(self, path: str | Path, write: Callable[[], bool]) -> bool:
        """Run one export; a failure is shown, and (the write being atomic) changed nothing."""
        try:
            ok = write()
        except OSError as exc:
            self.show_error(translate("Dialog", "Cannot export"), explain(f"{path}: {exc.strerror or exc}"))
            return False
        if ok:
            self.statusBar().showMessage(translate("MainWindow", "Exported {path}").format(path=path))
        return ok

    def _export_dialog(self, kind: str) -> None:
        filters = {"png": translate("Dialog", "PNG image (*.png)"),
                   "svg": translate("Dialog", "SVG image (*.svg)"),
                   "csv": translate("Dialog", "CSV table (*.csv)")}
        default = {"png": "race.png", "svg": "race.svg", "csv": "trajectories.csv"}[kind]
        from gradlab.gui.exporting import ask_path

        path = ask_path(self, translate("Dialog", "Export"), default, filters[kind], mode="save")
        if not path:
            return
        ask, self.confirm_overwrite = self.confirm_overwrite, lambda p: True  # the dialog asked
        try:
            if kind == "csv":
                self.export_trajectories(path)
            else:
                self.export_view(path)
        finally:
            self.confirm_overwrite = ask

    # -- messages ------------------------------------------------------------------------------------
    def _ask_overwrite(self, path: Path) -> bool:
        answer = QtWidgets.QMessageBox.question(
            self, translate("Dialog", "Replace file?"),
            translate("Dialog", "{path} already exists. Replace it?").format(path=path),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No)
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def show_error(self, title: str, text: str) -> None:
        """A non-blocking warning (tests read `last_error`)."""
        self.last_error = text
        self.statusBar().showMessage(text)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, title, text,
                                    QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("ErrorBox")
        box.open()

    # -- presenter mode ---------------------------------------------------------------------------------
    def set_presenter(self, on: bool) -> None:
        from gradlab.gui import presenter

        self.presenting = on
        blocker = QtCore.QSignalBlocker(self.presenter_action)
        self.presenter_action.setChecked(on)
        del blocker
        presenter.apply(self, [self.tabs.widget(i) for i in range(self.tabs.count())], on)

    # -- closing -------------------------------------------------------------------------------------
    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt override
        """A new font for the window (a language's family; presenter mode sets its own):
        the widgets Qt does not pass it to follow (`presenter.follow_font`)."""
        if event.type() == QtCore.QEvent.Type.FontChange:
            from gradlab.gui.presenter import follow_font  # noqa: PLC0415 - not on the start-up path

            follow_font(self)
        super().changeEvent(event)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt override
        # A tab holding work that is not saved (MNIST runs) asks first; Cancel keeps the window.
        for i in range(self.tabs.count()):
            confirm = getattr(self.tabs.widget(i), "confirm_close", None)
            if confirm is not None and not confirm():
                event.ignore()
                return
        # Every worker is flagged at once and given one shared moment to end; one blocked
        # in a read it cannot leave is detached (kept alive, never destroyed running:
        # that aborts), so closing neither hangs nor crashes.
        if worker.running_workers():
            self.statusBar().showMessage(
                translate("MainWindow", "Finishing… stopping the work in the background."))
            self.statusBar().repaint()
        for w in worker.running_workers():
            w.stop()
        self.race.shutdown()
        worker.stop_all(CLOSE_WAIT_MS)
        worker.detach_all()
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if w is not self.race and not isinstance(w, _Pending):
                w.close()  # their own closeEvent stops their workers and timers
        super().closeEvent(event)
