"""Open the GradLab window (the `gradlab` command with no sub-command).

    gradlab                                         the default start-up view
    gradlab --scenario FILE                         open a scenario
    gradlab --scenario FILE --steps N --screenshot out.png
                                                    run N steps, save a screenshot, exit 0
    gradlab --language zh_CN                        in Simplified Chinese (or en: English)

The screenshot run waits for the race itself to reach step N (the worker's frames),
never a timer. A scenario that cannot be used, or --steps past a scenario's own cap
(10⁶), prints one line and exits 2. An existing screenshot is replaced, and stderr says
so.

What the last session left (window, presenter mode, tab, race set-up, MNIST folder,
language; gradlab.gui.settings) is restored, except in a screenshot run (reproducible:
nothing is read or written) and, for the race and the tab, when --scenario names the set-up.

The language: --language, else the one chosen in View > Language last time, else the
system's (any Chinese locale: zh_CN, else English). `set_language(app, code)` switches
a running app, live (gradlab.gui.i18n).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

XCB_CURSOR_MISSING = ("gradlab: Qt needs libxcb-cursor0 (apt-get install libxcb-cursor0) "
                      "to open a window")


def _parser() -> argparse.ArgumentParser:
    from gradlab.cli.args import Parser  # one-line errors, as every sub-command's
    # The cap of a scenario's max_steps (and the transport's spin box), here too: a
    # screenshot of 10⁸ steps would run for hours while its history grows every step.
    from gradlab.gui.race.scenario import MAX_STEPS_LIMIT as MAX_STEPS

    p = Parser(prog="gradlab", description="GradLab: see how networks learn.")
    p.add_argument("--scenario", type=Path, help="a scenario file (.json) to open")
    p.add_argument("--steps", metavar="N", default=None,
                   help=f"with --screenshot: run this many steps first (0: the initial state; "
                        f"at most {MAX_STEPS})")
    p.add_argument("--screenshot", type=Path, help="save a PNG of the window and exit")
    p.add_argument("--presenter", action="store_true", help="start in presenter mode")
    p.add_argument("--language", metavar="CODE", choices=LANGUAGE_CODES,
                   help="the interface's language: en (English) or zh_CN (简体中文); "
                        "default: the last one chosen, else the system's")
    return p


# gradlab.gui.i18n.LANGUAGES' codes, here too: checking the command line imports no Qt.
LANGUAGE_CODES = ("en", "zh_CN")


def set_language(app: Any, code: str) -> list[str]:
    """Show the running app in `code` ("en" or "zh_CN"), live: gradlab.gui.i18n.set_language
    (the problems, one line each; a ValueError for an unknown code)."""
    from gradlab.gui import i18n

    return i18n.set_language(app, code)


def startup_language(option: str | None, memory: Any) -> str:
    """The language a launch starts in: --language, else the one chosen in the menu last
    time (`memory`, None in a screenshot run), else the system's."""
    from gradlab.gui import i18n

    remembered = memory.language() if memory is not None else None
    return option or remembered or i18n.system_language()


def settle_garbage_collector() -> None:
    """Move everything built at start-up out of the cyclic collector's reach.

    The window's thousands of Qt wrappers and pyqtgraph items live as long as the
    app; without this every full collection walks them all on the GUI thread, a
    pause of tens of milliseconds in the middle of a race.
    """
    import gc

    gc.collect()
    gc.freeze()


def missing_xcb_cursor(environ: Mapping[str, str] | None = None,
                       find_library: Callable[[str], str | None] | None = None,
                       load: Callable[[str], Any] | None = None) -> bool:
    """True when Qt is about to open an X11 (xcb) window without libxcb-cursor.

    Since Qt 6.5 the xcb platform plugin cannot load without it, and Qt then aborts with a
    long message about "xcb" plugins that does not name the library. Wayland (a Wayland
    session with no platform forced) and offscreen runs do not need it."""
    if not sys.platform.startswith("linux"):
        return False
    environ = os.environ if environ is None else environ
    find_library = find_library or ctypes.util.find_library
    load = load or ctypes.CDLL
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform not in ("", "xcb") or not environ.get("DISPLAY"):
        return False
    if not platform and environ.get("WAYLAND_DISPLAY"):
        return False
    if find_library("xcb-cursor"):
        return False
    try:  # find_library needs ldconfig, which a slim image may lack: try the file itself
        load("libxcb-cursor.so.0")
    except OSError:
        return True
    return False


def _memory(args: argparse.Namespace) -> Any:
    """The remembered settings for this launch; None for a screenshot (reproducible)."""
    if args.screenshot is not None:
        return None
    from gradlab.gui.settings import Memory, user_settings

    return Memory(user_settings(), remember_race=args.scenario is None)


def _fail(message: str) -> int:
    from gradlab.cli.args import fail

    return fail("gradlab", message)


def main(argv: Sequence[str] | None = None) -> int:
    from gradlab.cli.args import UsageError, parse_number
    from gradlab.gui.race.scenario import MAX_STEPS_LIMIT as MAX_STEPS

    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.steps is not None:
            args.steps = parse_number(args.steps, "--steps", whole=True, lo=0, hi=MAX_STEPS)
    except UsageError as exc:
        return _fail(str(exc))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)

    config = None
    if args.scenario is not None:
        # Validate before any window exists: a bad file is one clear line, exit 2.
        from gradlab.gui.race import scenario

        try:
            config = scenario.load(args.scenario)
        except ValueError as exc:
            return _fail(f"{args.scenario}: {exc}")

    if (args.screenshot is not None and sys.platform.startswith("linux")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6 import QtCore, QtWidgets

    if QtWidgets.QApplication.instance() is None and missing_xcb_cursor():
        print(XCB_CURSOR_MISSING, file=sys.stderr)
        return 1

    from gradlab.gui import worker

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("GradLab")
    app.setOrganizationName("GradLab")
    app.aboutToQuit.connect(lambda: worker.stop_all(2000))

    from gradlab.gui.main_window import MainWindow
    from gradlab.gui.race.tab import default_config

    memory = _memory(args)
    from gradlab.gui import i18n

    language = startup_language(args.language, memory)
    problems = i18n.set_language(app, language)
    if config is None and memory is not None:
        from gradlab.gui.race import scenario

        config = memory.race_config(scenario.from_dict)  # None when nothing usable is remembered
    if config is None:
        config = default_config()
    window = MainWindow(config, memory=memory)
    note = i18n.missing_font_note(language)
    if problems or note:  # after the window's own start-up messages: said once, last
        window.statusBar().showMessage(" ".join(problems + ([note] if note else [])))
    app.aboutToQuit.connect(window.remember)
    if args.presenter:
        window.set_presenter(True)
    window.show()
    # After the first paint, not before it: start-up time is what the user sees first.
    QtCore.QTimer.singleShot(1000, settle_garbage_collector)
    if memory is not None:
        # Someone who trained here will likely train again: torch readied in the
        # background after the first paint (issue 19; no torch imported here).
        from gradlab.gui.mnist.early import warm_up_after_first_paint

        warm_up_after_first_paint(window, memory.mnist_folder(), memory.tab())

    if args.screenshot is None:
        return int(app.exec())
    return _screenshot(app, window, args.steps or 0, args.screenshot)


def _screenshot(app: object, window: object, steps: int, out: Path) -> int:
    """Run `steps` steps as fast as possible, then grab the window and quit."""
    from PySide6 import QtCore

    from gradlab.cli.args import existing_files, note_replaced
    from gradlab.core.atomic_file import atomic_path

    race = window.race
    status = {"code": 0}

    def grab() -> None:
        if status.get("grabbed"):
            return
        status["grabbed"] = True
        race.redraw(complete=True)
        pixmap = window.grab()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            replaced = existing_files([out])
            with atomic_path(out) as tmp:  # same suffix: QPixmap.save picks the format by it
                if not pixmap.save(str(tmp)):  # False, not an exception, on failure
                    raise OSError
        except OSError:
            print(f"gradlab: error: cannot write {out}", file=sys.stderr)
            status["code"] = 1
        else:
            step = race.history.last_step if race.history is not None else 0
            note_replaced("gradlab", replaced)
            print(f"gradlab: saved {out} at step {step}")
        window.close()
        app.quit()

    if steps > 0:
        race.config.max_steps = steps
        race.transport.set_max_steps(steps)
        race.config.speed = None
        race.race_finished.connect(lambda: QtCore.QTimer.singleShot(0, grab))
        # A race that fails still ends the run (with the picture so far and status 1).
        race.failed.connect(lambda msg: (print(f"gradlab: error: {msg}", file=sys.stderr),
                                         status.update(code=1), QtCore.QTimer.singleShot(0, grab)))
        QtCore.QTimer.singleShot(0, race.run)
    else:
        QtCore.QTimer.singleShot(0, grab)
    app.exec()
    return status["code"]
