"""The start of a run (issue 19): compiled optimizer loops kept on disk and found by the
next process, a corrupt cache rebuilt (never trusted), no torch._dynamo import on the
way to the first step, and Stop honoured within 0.5 s during a process's first start.

Each check runs in a fresh process (the way a person meets it: a new launch), with
$GRADLAB_CACHE_DIR pointing into tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("numba")

# One Adam step on float64 arrays through the compiled loop; prints the loop's cache
# statistics, its module file and the new point (checked against numpy's rule).
STEP = textwrap.dedent("""
    import json, numpy as np
    from gradlab.core import optimizers
    from gradlab.core.optimizers import rule_kernel
    opt = optimizers.get("adam", lr=0.1)
    p, g = np.array([1.0, -2.0, 3.0]), np.array([0.5, 0.25, -4.0])
    slots = (np.zeros(3), np.zeros(3))
    rec = rule_kernel.record(opt.rule, slots, 1, opt.hyper, p.dtype)
    q = p.copy()
    rule_kernel.apply(rec, q, g, slots)
    kernel = rule_kernel.kernel_for(rec.source)
    print(json.dumps({"hits": len(kernel.stats.cache_hits), "misses": len(kernel.stats.cache_misses),
                      "file": str(rule_kernel.cache_file(rec.source)), "point": q.tolist()}))
""")


def _run(code: str, cache: Path, timeout: float = 60) -> dict:
    env = dict(os.environ, GRADLAB_CACHE_DIR=str(cache), OMP_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


# Adam's first step from m = v = 0 is -lr * g / (|g| + eps) per entry: -0.1 * sign(g).
EXPECTED = [1.0 - 0.1, -2.0 - 0.1, 3.0 + 0.1]


def test_the_loop_is_cached_on_disk_and_found_by_the_next_process(tmp_path):
    first = _run(STEP, tmp_path)
    assert (first["hits"], first["misses"]) == (0, 1)
    path = Path(first["file"])
    assert path.parent == tmp_path / "kernels" and path.exists()
    assert list((path.parent / "__pycache__").glob(f"{path.stem}.*.nbi"))
    second = _run(STEP, tmp_path)
    assert second["file"] == first["file"]
    assert (second["hits"], second["misses"]) == (1, 0)  # numba's own cache index says so
    for out in (first, second):
        assert out["point"] == pytest.approx(EXPECTED, rel=1e-6)


def test_a_corrupt_cache_is_rebuilt_not_trusted(tmp_path):
    first = _run(STEP, tmp_path)
    path = Path(first["file"])
    cached = list((path.parent / "__pycache__").glob(f"{path.stem}.*"))
    assert cached
    for f in cached:  # truncated, garbled index and data
        f.write_bytes(b"\x80\x04garbage" + os.urandom(64))
    # And a module file whose text is no longer the loop's: it must not run.
    path.write_text(path.read_text() + "\nraise SystemExit('the cached file ran')\n")
    again = _run(STEP, tmp_path)
    assert again["point"] == pytest.approx(EXPECTED, rel=1e-6)
    assert "the cached file ran" not in path.read_text()
    # Rebuilt: the next process loads it from the cache again.
    assert _run(STEP, tmp_path)["hits"] == 1


def test_core_optimizer_does_not_import_dynamo(tmp_path):
    # torch.optim.Optimizer's add_param_group / zero_grad / state_dict import
    # torch._dynamo on first use: 1.2 s before the first step of every launch.
    code = textwrap.dedent("""
        import json, sys, torch
        from gradlab.core.optimizers.torch_optim import CoreOptimizer
        p = torch.nn.Parameter(torch.ones(3))
        opt = CoreOptimizer([p], "adam", lr=0.1)
        p.grad = torch.tensor([0.5, 0.25, -4.0])
        opt.step(); opt.zero_grad(); state = opt.state_dict(); opt.load_state_dict(state)
        print(json.dumps({"dynamo": "torch._dynamo" in sys.modules, "p": p.tolist(),
                          "grad": p.grad is None, "step": state["state"][0]["step"]}))
    """)
    out = _run(code, tmp_path)
    assert out == {"dynamo": False, "p": pytest.approx([0.9, 0.9, 1.1], rel=1e-6), "grad": True,
                   "step": 1}


# The real MNIST tab on synthetic data in a fresh process: Start, then Stop as soon as the
# worker runs (its first start imports torch and numba and compiles the loop then).
STOP = textwrap.dedent("""
    import json, os, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import QtCore, QtWidgets
    app = QtWidgets.QApplication([])
    from gradlab.core.mnist.synthetic import synthetic
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.gui.mnist.tab import MnistTab
    from gradlab.gui.mnist.runner import wait_for_warm_ups
    tab = MnistTab()
    tab.data_panel.set_data(synthetic(300, 100), "test")
    run = tab.add_config(TrainConfig(optimizer="adam", hyper={"lr": 1e-3}, epochs=1, eval_every=0))
    marks = {}
    loop = QtCore.QEventLoop()
    def press_stop():
        marks["stop"] = time.perf_counter()
        tab.stop()
    def idle():
        marks["idle"] = time.perf_counter()
        loop.quit()
    tab.runner.idle.connect(idle)
    tab.start()
    QtCore.QTimer.singleShot(50, press_stop)
    QtCore.QTimer.singleShot(30000, loop.quit)
    loop.exec()
    tab.shutdown()
    wait_for_warm_ups()
    print(json.dumps({"stop_s": marks["idle"] - marks["stop"], "steps": len(run.steps),
                      "status": str(run.status)}))
""")


def test_stop_during_the_first_start_is_honoured_within_half_a_second(tmp_path):
    out = _run(STOP, tmp_path)
    assert out["stop_s"] < 0.5, out
    assert out["steps"] == 0  # stopped before its first step: it will start over


def test_stop_while_the_warm_up_cannot_be_interrupted(qtbot, monkeypatch):
    """In the window: a warm-up stuck in something it cannot leave (an import, a
    compilation) does not hold Stop up; the run ends with no frame."""
    import threading
    import time

    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.core.mnist.synthetic import synthetic
    from gradlab.gui.mnist import runner
    from gradlab.gui.mnist.tab import MnistTab

    entered, release = threading.Event(), threading.Event()

    def stuck(config, data=None) -> None:
        entered.set()
        release.wait(10)

    monkeypatch.setattr(runner, "_warm_up", stuck)
    # As in a fresh process: torch and the trainer not imported yet (another test may
    # have imported them here), so Start waits for the warm-up.
    monkeypatch.setattr(runner, "_trainer_ready", threading.Event())
    tab = MnistTab()
    qtbot.addWidget(tab)
    tab.data_panel.set_data(synthetic(200, 50), "test")
    run = tab.add_config(TrainConfig(optimizer="adam", hyper={"lr": 1e-3}, epochs=1, eval_every=0))
    tab.start()
    try:
        assert entered.wait(5)
        with qtbot.waitSignal(tab.runner.idle, timeout=5000):
            t0 = time.perf_counter()
            tab.stop()
        elapsed = time.perf_counter() - t0
    finally:
        release.set()
        assert runner.wait_for_warm_ups(5)
    assert elapsed < 0.5
    assert len(run.steps) == 0 and not tab.runner.running()
    tab.shutdown()
