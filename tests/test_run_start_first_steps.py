"""A run's first steps without the compiled loop (issue 19): Start does not wait for numba.

`CoreOptimizer.slices_until_prepared()` holds the loop back: the steps take numpy
slices, whatever torch's thread count, until `prepare(wait=False)` makes the loop in a
thread of its own; the trainer does that after its first frame
(`train(loop_in_background=True)`, the MNIST tab's Start). The oracle: the same run
with the loop from its first step (`prepare()` waits), bit for bit. Each test also shows
that both paths were really taken, so it fails if the switch never happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch
from torch import nn

from gradlab.core.mnist import train as mnist_train
from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.optimizers import rule_kernel, torch_optim
from gradlab.core.optimizers.torch_optim import CoreOptimizer

pytest.importorskip("numba")

HYPER = {"adam": {"lr": 0.01, "weight_decay": 0.01}, "nadam": {"lr": 0.01},
         "sgd": {"lr": 0.1, "weight_decay": 0.01}, "rmsprop": {"lr": 0.01}}


@pytest.fixture
def paths(monkeypatch):
    """Which path each parameter update took, in order: "slices" or "loop"."""
    taken: list[str] = []
    slices, loop = CoreOptimizer._update_in_slices, CoreOptimizer._update_compiled
    monkeypatch.setattr(CoreOptimizer, "_update_in_slices",
                        lambda self, *a: taken.append("slices") or slices(self, *a))
    monkeypatch.setattr(CoreOptimizer, "_update_compiled",
                        lambda self, *a: taken.append("loop") or loop(self, *a))
    return taken


def _model(dtype) -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(6, 40), nn.Tanh(), nn.Linear(40, 3)).to(dtype)


def _steps(model, opt, steps: int, seed: int = 1) -> None:
    g = torch.Generator().manual_seed(seed)
    for _ in range(steps):
        x = torch.randn(24, 6, generator=g).to(next(model.parameters()).dtype)
        y = torch.randint(0, 3, (24,), generator=g)
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("name", list(HYPER))
def test_slices_first_then_the_loop_equal_the_loop_throughout(name, dtype, monkeypatch, paths):
    # Four torch threads: without the hold-back, numpy slices would not be used at all.
    monkeypatch.setattr(torch, "get_num_threads", lambda: 4)
    a = _model(dtype)
    ao = CoreOptimizer(a.parameters(), name, **HYPER[name])
    ao.prepare()
    _steps(a, ao, 9)
    assert set(paths) == {"loop"}
    paths.clear()

    b = _model(dtype)
    bo = CoreOptimizer(b.parameters(), name, **HYPER[name])
    bo.slices_until_prepared()
    _steps(b, bo, 4)
    assert paths == ["slices"] * 16  # four parameters, four steps: no loop yet
    bo.prepare(wait=False)
    assert rule_kernel.wait_for_background(30)
    _steps(b, bo, 5, seed=2)
    assert paths[16:] == ["loop"] * 20  # the loop took over once made

    c = _model(dtype)
    co = CoreOptimizer(c.parameters(), name, **HYPER[name])
    co.prepare()
    _steps(c, co, 4)
    _steps(c, co, 5, seed=2)
    for p, q in zip(b.parameters(), c.parameters()):
        assert torch.equal(p, q)
        for k, v in bo.state[p].items():
            w = co.state[q][k]
            assert torch.equal(v, w) if isinstance(v, torch.Tensor) else v == w
    assert not all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))  # other batches


def test_held_back_steps_never_touch_numba(monkeypatch, paths):
    """The held-back steps neither import numba nor ask for a loop (a fresh process would
    wait 0.5 s for them)."""
    def refuse(*args):
        raise AssertionError("a held-back step asked for the compiled loop")

    monkeypatch.setattr(rule_kernel, "available", refuse)
    monkeypatch.setattr(rule_kernel, "kernel_for", refuse)
    monkeypatch.setattr(rule_kernel, "installed", lambda: True)
    model = _model(torch.float32)
    opt = CoreOptimizer(model.parameters(), "adam", lr=0.01)
    opt.slices_until_prepared()
    _steps(model, opt, 3)
    assert paths == ["slices"] * 12


def test_without_numba_nothing_is_held_back(monkeypatch, paths):
    """No loop will come: the steps take the path they always take (here, with two
    torch threads, torch on whole tensors), so no run mixes numpy's and torch's rounding."""
    monkeypatch.setattr(rule_kernel, "installed", lambda: False)
    monkeypatch.setattr(torch_optim, "COMPILED", False)
    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)
    model = _model(torch.float64)
    opt = CoreOptimizer(model.parameters(), "adam", lr=0.01)
    opt.slices_until_prepared()
    _steps(model, opt, 2)
    assert paths == []


def test_installed_finds_numba_without_importing_it(monkeypatch):
    monkeypatch.setattr(rule_kernel, "_numba", None)  # as in a fresh process
    assert rule_kernel.installed()
    monkeypatch.setattr(rule_kernel, "_numba", False)  # it was tried and does not import
    assert not rule_kernel.installed()


CONFIG = TrainConfig(optimizer="adam", hyper={"lr": 3e-3}, hidden=(24,), batch_size=32, epochs=2,
                     eval_every=0, test_subset=64, eval_subset=32, seed=3)


def _ticks():
    """A clock that advances one second a call: a frame every few steps, the same in
    every run (the real clock would make frames wherever the machine's speed puts them)."""
    t = iter(range(10**6))
    return lambda: float(next(t))


def test_a_run_with_its_loop_in_the_background_equals_one_that_waits(paths):
    """The trainer's first frame comes before any loop; the loop serves the rest of the
    run once made; the run is the same bit for bit as one whose loop came first."""
    data = synthetic(160, 64, seed=1)
    background = mnist_train.train(CONFIG, data, loop_in_background=True, frame_seconds=2.5,
                                   clock=_ticks())
    first = next(background)
    assert len(first.steps) and paths and set(paths) == {"slices"}  # no loop before it
    assert rule_kernel.wait_for_background(30)  # the loop, started by that frame, is made
    frames = [first, *background]
    assert paths[-1] == "loop"
    paths.clear()
    waiting = list(mnist_train.train(CONFIG, data, frame_seconds=2.5, clock=_ticks()))
    assert set(paths) == {"loop"}
    a, b = frames[-1], waiting[-1]
    assert a.done and b.done
    ours, theirs = a.checkpoint.state, b.checkpoint.state
    for k, v in ours["model"].items():
        assert torch.equal(torch.as_tensor(v), torch.as_tensor(theirs["model"][k])), k
    for i, slots in ours["optimizer"]["state"].items():
        for k, v in slots.items():
            w = theirs["optimizer"]["state"][i][k]
            assert torch.equal(v, w) if isinstance(v, torch.Tensor) else v == w
    np.testing.assert_array_equal(np.concatenate([f.losses for f in frames]),
                                  np.concatenate([f.losses for f in waiting]))


# The MNIST tab in a fresh process (a new launch): data set, Start at once. The warm-up
# threads see the run starting and leave numba to it; the run imports numba in its own
# loop thread, which its first frame starts. An audit hook names each import's thread.
START = textwrap.dedent("""
    import json, os, sys, threading
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    imports = []
    def hook(event, args):
        if event == "import" and args[0] in ("torch", "numba"):
            imports.append([args[0], threading.current_thread().name])
    sys.addaudithook(hook)
    from PySide6 import QtCore, QtWidgets
    app = QtWidgets.QApplication([])
    from gradlab.core.mnist.synthetic import synthetic
    from gradlab.core.mnist.frames import TrainConfig
    from gradlab.gui.mnist.tab import MnistTab
    from gradlab.gui.mnist.runner import wait_for_warm_ups
    tab = MnistTab()
    tab.data_panel.set_data(synthetic(300, 100), "test")
    run = tab.add_config(TrainConfig(optimizer="adam", hyper={"lr": 1e-3}, epochs=1, eval_every=0))
    loop = QtCore.QEventLoop()
    def changed(r):
        if r is run and len(run.steps):
            tab.stop()
    tab.runner.changed.connect(changed)
    tab.runner.idle.connect(loop.quit)
    tab.start()
    QtCore.QTimer.singleShot(60000, loop.quit)
    loop.exec()
    tab.shutdown()
    done = wait_for_warm_ups(60)
    print(json.dumps({"imports": imports, "steps": len(run.steps), "done": done}))
    tab.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
""")


def test_start_leaves_numba_to_the_run_after_its_first_frame(tmp_path):
    env = dict(os.environ, GRADLAB_CACHE_DIR=str(tmp_path / "cache"), OMP_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, "-c", START], env=env, capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["steps"] > 0 and out["done"]
    assert ["torch", "gradlab warm-up"] in out["imports"]
    assert [thread for module, thread in out["imports"] if module == "numba"] == ["gradlab loop adam"]
