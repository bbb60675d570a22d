"""Process start to the first painted window: GradLab vs a bare PySide6 + pyqtgraph window.

Both are started as fresh processes, alternately, ROUNDS times each, in this one run; each
child prints when its window receives its first paint event and exits. The parent measures
from just before it starts the process to that line. Target: GradLab <= 1.3x the bare one.

    QT_QPA_PLATFORM=offscreen python bench/startup.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROUNDS = 7
TARGET = 1.3

_FIRST_PAINT = """
from PySide6 import QtCore
class _FirstPaint(QtCore.QObject):
    def eventFilter(self, obj, event):
        # A top-level widget paints its whole tree while handling UpdateRequest (the
        # backing-store flush); report once that has been handled.
        if event.type() == QtCore.QEvent.Type.UpdateRequest:
            obj.removeEventFilter(self)
            QtCore.QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False
"""

BARE = """
import sys
from PySide6 import QtWidgets
import pyqtgraph as pg
app = QtWidgets.QApplication(sys.argv[:1])
""" + _FIRST_PAINT + """
w = QtWidgets.QMainWindow()
w.setCentralWidget(pg.PlotWidget())
w.resize(1600, 960)
f = _FirstPaint(); w.installEventFilter(f)
w.show()
app.exec()
"""

GRADLAB = """
import sys
from PySide6 import QtWidgets
app = QtWidgets.QApplication(sys.argv[:1])
""" + _FIRST_PAINT + """
from gradlab.gui.main_window import MainWindow
w = MainWindow()
f = _FirstPaint(); w.installEventFilter(f)
w.show()
app.exec()
if "torch" in sys.modules:
    print("torch imported at start-up", file=sys.stderr)
"""


# Byte-code for both children, written by the untimed warm-up runs. Without it, a shell
# that sets PYTHONDONTWRITEBYTECODE makes every timed GradLab child compile its own
# modules from source (~40 ms) while the bare child loads PySide6 and pyqtgraph from
# the .pyc files installed with them: a cost no installed copy of the app pays twice.
_PYCACHE = tempfile.mkdtemp(prefix="gradlab-bench-pyc-")


def _time(code: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPYCACHEPREFIX": _PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    t = time.perf_counter() - t0
    _, err = proc.communicate(timeout=60)
    if "painted" not in line:
        raise SystemExit(f"child did not paint: {err.strip()}")
    if "torch imported" in err:
        raise SystemExit("GradLab imported torch on its start-up path")
    return t


def main() -> int:
    _time(BARE)  # warm the file cache for both, untimed
    _time(GRADLAB)
    bare, ours = [], []
    for _ in range(ROUNDS):
        bare.append(_time(BARE))
        ours.append(_time(GRADLAB))
    b, g = statistics.median(bare), statistics.median(ours)
    ratio = g / b
    print(f"first painted window (median of {ROUNDS}, alternating): "
          f"bare PySide6+pyqtgraph {b * 1000:.0f} ms, GradLab {g * 1000:.0f} ms, "
          f"ratio {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'OVER'} "
          f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")
    shutil.rmtree(_PYCACHE, ignore_errors=True)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
