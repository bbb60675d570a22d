"""Start to first frame: how long the MNIST tab's first run takes to show its first step,
from a cold disk cache and a warm one, each in a fresh process (issue 19).

Each measurement is a fresh Python process (a child of this script) with the app's
MNIST tab (offscreen, 1400x900), the data already loaded (the real MNIST at
../shared/data/mnist when present, else `core.mnist.synthetic`), and
$GRADLAB_CACHE_DIR pointing at one temporary folder:

1. cold: the folder is empty, so numba compiles the optimizer's loop and keeps it there;
2. warm: a second process finds the loop in the folder;
   and again with Start pressed `THINK_S` after the data are loaded (the tab warms up
   torch, numba and the loop in the background when data arrive, as in the app);
3. stop: a third process (cold again, in a fresh folder) presses Stop 0.1 s after Start
   and times Stop to the run's end (the first start's torch import and compilation are
   in progress then).

Printed: Start to first frame, cold and warm, and their ratio; warm after a pause
(target <= 1 s);
Stop to idle during the first start (target <= 0.5 s); and the worst lateness of a 16 ms
GUI timer between Start and the first frame (the GUI thread is never blocked long).
Exit status 1 when a target is missed.

Usage: python bench/run_start.py [--optimizer adam]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MNIST = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "mnist"
PROBE_MS = 16
THINK_S = 2.0  # a person's pause between the data appearing and pressing Start


def child(optimizer: str, stop_after: float | None, think: float | None = None) -> dict:
    """In a fresh process: Start, then time the first frame (or Stop after `stop_after` s).
    With `think`, the data panel says the data are loaded (the tab warms up in the
    background) and Start is pressed `think` seconds later, as a person would."""
    from PySide6 import QtCore, QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.gui.mnist.tab import MnistTab

    if (MNIST / "train-images-idx3-ubyte.gz").exists():
        from gradlab.core.mnist import data as mnist_data

        data, source = mnist_data.load(MNIST), "MNIST"
    else:
        from gradlab.core.mnist.synthetic import synthetic

        data, source = synthetic(2000, 500), "synthetic"
    tab = MnistTab()
    tab.resize(1400, 900)
    tab.show()
    tab.data_panel.set_data(data, "bench")
    run = tab.add_config(TrainConfig(optimizer=optimizer, hyper={"lr": 1e-3}, batch_size=128,
                                     epochs=1, eval_every=0, test_subset=500, seed=0))
    tab.redraw_now()
    app.processEvents()
    if think is not None:
        tab.data_panel.loaded.emit(data)
        pause = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(int(think * 1000), pause.quit)
        pause.exec()

    late: list[float] = []
    last = [0.0]
    marks: dict[str, float] = {}
    loop = QtCore.QEventLoop()

    def tick() -> None:
        now = time.perf_counter()
        late.append(max(0.0, (now - last[0]) * 1000 - PROBE_MS))
        last[0] = now

    def changed(r) -> None:
        if r is run and len(run.steps) and "frame" not in marks:
            marks["frame"] = time.perf_counter()
            probe.stop()
            tab.stop()

    def press_stop() -> None:
        marks["stop"] = time.perf_counter()
        tab.stop()

    def idle() -> None:
        marks["idle"] = time.perf_counter()
        probe.stop()
        loop.quit()

    probe = QtCore.QTimer()
    probe.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
    probe.setInterval(PROBE_MS)
    probe.timeout.connect(tick)
    tab.runner.changed.connect(changed)
    tab.runner.idle.connect(idle)
    loaded = [m for m in ("torch", "numba") if m in sys.modules]
    t0 = last[0] = time.perf_counter()
    probe.start()
    tab.start()
    if stop_after is not None:
        QtCore.QTimer.singleShot(int(stop_after * 1000), press_stop)
    loop.exec()
    from gradlab.core.optimizers import rule_kernel

    out = {"source": source, "max_late_ms": max(late, default=0.0), "loaded_before_start": loaded,
           "cache_hits": sum(len(k.stats.cache_hits) for k in rule_kernel._kernels.values()
                             if hasattr(k, "stats"))}
    if "frame" in marks:
        out["first_frame_s"] = marks["frame"] - t0
    if "stop" in marks:
        out["stop_s"] = marks["idle"] - marks["stop"]
    tab.shutdown()
    from gradlab.gui.mnist.runner import wait_for_warm_ups

    wait_for_warm_ups()
    return out


def measure(cache: Path, optimizer: str, stop_after: float | None = None,
            think: float | None = None) -> dict:
    env = dict(os.environ, GRADLAB_CACHE_DIR=str(cache))
    argv = [sys.executable, __file__, "--child", "--optimizer", optimizer]
    if stop_after is not None:
        argv += ["--stop-after", str(stop_after)]
    if think is not None:
        argv += ["--think", str(think)]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"run_start: the child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--optimizer", default="adam")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stop-after", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--think", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.optimizer, args.stop_after, args.think)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        cold = measure(Path(folder) / "a", args.optimizer)
        warm = measure(Path(folder) / "a", args.optimizer)
        ready = measure(Path(folder) / "a", args.optimizer, think=THINK_S)
        stop = measure(Path(folder) / "b", args.optimizer, stop_after=0.1)
    c, w, r = cold["first_frame_s"], warm["first_frame_s"], ready["first_frame_s"]
    ok_warm, ok_stop = r <= 1.0, stop["stop_s"] <= 0.5
    print(f"run_start: {args.optimizer}, {cold['source']} data, {os.cpu_count()} CPUs, "
          "each a fresh process")
    print(f"Start to first frame, pressed at once after the data: cold {c:.2f} s, warm {w:.2f} s "
          f"(cached loop), cold / warm {c / w:.2f}")
    print(f"Start to first frame, pressed {THINK_S:g} s after the data (warm cache, the tab warmed "
          f"up meanwhile): {r:.2f} s; target <= 1 s {'ok' if ok_warm else 'MISSED'}")
    print(f"Stop 0.1 s into the first (cold) start: idle {stop['stop_s'] * 1000:.0f} ms later; "
          f"target <= 500 ms {'ok' if ok_stop else 'MISSED'}")
    print(f"GUI timer lateness, Start to first frame: max {cold['max_late_ms']:.0f} ms cold, "
          f"{warm['max_late_ms']:.0f} ms warm")
    return 0 if ok_warm and ok_stop else 1


if __name__ == "__main__":
    sys.exit(main())
