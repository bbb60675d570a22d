"""Open the GradLab window (the `gradlab` command with no sub-command).

    gradlab                                         the default start-up view
    gradlab --scenario FILE                         open a scenario
    gradlab --scenario FILE --steps N --screenshot out.png
                                                    run N steps, save a screenshot, exit 0

The screenshot run waits for the race itself to reach step N (the worker's frames),
never a timer. A scenario that cannot be used prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gradlab", description="GradLab: see how networks learn.")
    p.add_argument("--scenario", type=Path, help="a scenario file (.json) to open")
    p.add_argument("--steps", type=int, default=None,
                   help="with --screenshot: run this many steps first (0: the initial state)")
    p.add_argument("--screenshot", type=Path, help="save a PNG of the window and exit")
    p.add_argument("--presenter", action="store_true", help="start in presenter mode")
    return p


def settle_garbage_collector() -> None:
    """Move everything built at start-up out of the cyclic collector's reach.

    The window's thousands of Qt wrappers and pyqtgraph items live as long as the
    app; without this every full collection walks them all on the GUI thread, a
    pause of tens of milliseconds in the middle of a race.
    """
    import gc

    gc.collect()
    gc.freeze()


def _fail(message: str) -> int:
    print(f"gradlab: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.steps is not None and args.steps < 0:
        return _fail("--steps must be 0 or more")

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

    from gradlab.gui import worker

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("GradLab")
    app.aboutToQuit.connect(lambda: worker.stop_all(2000))

    from gradlab.gui.main_window import MainWindow
    from gradlab.gui.race.tab import default_config

    if config is None:
        config = default_config()
    window = MainWindow(config)
    if args.presenter:
        window.set_presenter(True)
    window.show()
    # After the first paint, not before it: start-up time is what the user sees first.
    QtCore.QTimer.singleShot(1000, settle_garbage_collector)

    if args.screenshot is None:
        return int(app.exec())
    return _screenshot(app, window, args.steps or 0, args.screenshot)


def _screenshot(app: object, window: object, steps: int, out: Path) -> int:
    """Run `steps` steps as fast as possible, then grab the window and quit."""
    from PySide6 import QtCore

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
            with atomic_path(out) as tmp:  # same suffix: QPixmap.save picks the format by it
                if not pixmap.save(str(tmp)):  # False, not an exception, on failure
                    raise OSError
        except OSError:
            print(f"gradlab: error: cannot write {out}", file=sys.stderr)
            status["code"] = 1
        else:
            step = race.history.last_step if race.history is not None else 0
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
