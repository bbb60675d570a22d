"""Shared test set-up.

Qt runs offscreen (set before anything imports Qt). GUI tests (those that use `qtbot`)
get a guard that fails the test if it leaves a QThread, a GradLab QTimer or a child
process running: a window that forgets to stop its worker would otherwise pass and
crash later.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import weakref
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Two cores: torch's own thread pool would fight pytest and Qt for them.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Compiled optimizer loops are cached on disk (core/optimizers/rule_kernel.py): the suite
# keeps its own cache, one per run (subprocesses inherit it), never the user's.
if "GRADLAB_CACHE_DIR" not in os.environ:
    os.environ["GRADLAB_CACHE_DIR"] = tempfile.mkdtemp(prefix="gradlab-test-cache-")
    atexit.register(shutil.rmtree, os.environ["GRADLAB_CACHE_DIR"], ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
MNIST_DIR = REPO.parent / "shared" / "data" / "mnist"


@pytest.fixture
def mnist_dir() -> Path:
    """The real MNIST files beside the checkout; the test is skipped when they are absent."""
    if not (MNIST_DIR / "train-images-idx3-ubyte.gz").exists():
        pytest.skip(f"real MNIST not found at {MNIST_DIR}")
    return MNIST_DIR


@pytest.fixture
def english(qapp):
    """English now, and English again after the test (a test that switches to Chinese;
    the other tests read the English texts)."""
    from gradlab.gui.i18n import set_language

    set_language(qapp, "en")
    yield qapp
    set_language(qapp, "en")


@pytest.fixture(params=["en"])
def language(request, qapp):
    """The app's language for one test (parametrize it indirectly: "en", "zh_CN"),
    English again afterwards."""
    from gradlab.gui.i18n import set_language

    assert not set_language(qapp, request.param)
    yield request.param
    set_language(qapp, "en")


@pytest.fixture
def torch_float64():
    """torch's default dtype is float64 for the test, restored after: oracle comparisons
    at 1e-10, and torch keeps some scalar state (NAdam's mu_product, Adam's step) in it."""
    import torch

    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)


def _is_ours(frame) -> bool:
    """True when the code that started a thread or timer is GradLab's (not pyqtgraph's)."""
    while frame is not None:
        name = frame.f_code.co_filename
        if "pyqtgraph" in name or "pytestqt" in name:
            return False
        if "/gui/" in name or "gradlab" in name:
            return True
        frame = frame.f_back
    return False


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_timers(request):
    """Fail a GUI test that leaves a QThread or one of GradLab's QTimers running."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6 import QtCore

    started: list[tuple[str, weakref.ref]] = []
    orig_thread_start = QtCore.QThread.start
    orig_timer_start = QtCore.QTimer.start

    def thread_start(self, *args, **kwargs):
        started.append(("QThread", weakref.ref(self)))
        return orig_thread_start(self, *args, **kwargs)

    def timer_start(self, *args, **kwargs):
        if _is_ours(sys._getframe(1)):
            started.append(("QTimer", weakref.ref(self)))
        return orig_timer_start(self, *args, **kwargs)

    QtCore.QThread.start = thread_start
    QtCore.QTimer.start = timer_start
    try:
        yield
    finally:
        QtCore.QThread.start = orig_thread_start
        QtCore.QTimer.start = orig_timer_start
    # Widgets registered with qtbot are closed after this fixture's teardown has begun
    # (fixtures tear down in reverse order), so give pending deletions a chance first.
    app = QtCore.QCoreApplication.instance()
    if app is not None:
        app.processEvents()
    leaks = []
    for kind, ref in started:
        obj = ref()
        if obj is None:
            continue
        try:
            running = obj.isRunning() if kind == "QThread" else obj.isActive()
        except RuntimeError:  # the C++ object is already deleted
            continue
        if kind == "QThread" and running:
            obj.wait(2000)
            running = obj.isRunning()
        if running:
            leaks.append(f"{kind} {obj.objectName() or type(obj).__name__}")
    # Child processes too (the Playground trains in one): joined, or it is a leak.
    import multiprocessing

    for child in multiprocessing.active_children():
        child.join(2)
        if child.is_alive():
            child.kill()
            child.join(2)
            leaks.append(f"process {child.name}")
    if leaks:
        pytest.fail("test left running: " + ", ".join(leaks))
