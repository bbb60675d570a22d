"""The Playground's networks train in a child process: its own interpreter, its own GIL.

    trainer = TrainingProcess()
    for frame in trainer.frames(sessions, stop=flag.is_set, frame_seconds=0.025):
        ...   # PlaygroundFrame, as `frames.frames` yields them (or one ProcessLost)
    trainer.close()

Why a process: in one process the window's painting (PySide6 holds the GIL while it
paints) and the training's many small numpy calls (each takes the GIL) take turns, so
neither got its share: 215-239 epochs/s and a GUI timer p99 of 53 ms against issue 14's
300 and 50 ms (bench/playground_speed.py). A child has a GIL of its own and, on a
second core, trains flat out while the window draws.

How a run goes. The child is started once ("spawn": a fresh interpreter; forking a
process that runs Qt threads is unsafe) and reused; it imports numpy and the core only,
never Qt, torch or numba. Until it is ready (a fraction of a second, once) the calling
thread trains, so Play answers at once. Then the sessions go to the child as
blueprints (config, points, initial weights, `Session.training_state`); it rebuilds
them, runs `frames.frames` unpaced and sends each frame back through a pipe (pictures as
float32); the caller waits on the pipe with `poll(timeout)`, which releases the GIL, and
checks `stop()` between polls. On stop, or once every network has diverged, the child
sends each network's `TrainingState`, which the caller loads into its own `Session`s:
the same epochs bit for bit as in the thread (tests/test_playground_process.py), and
Pause, Step, Reset and hovering work on them as before. A learning rate changed while
training reaches the child as a message (`set_lr`).

If the child cannot start or dies, `frames` yields one `ProcessLost` (why, in one line,
and each network's epoch count), and the thread trains from the networks' state at the
run's start, now and on every later run (`failure` says why). Nothing here imports Qt.

"spawn" runs the program's main script again in the child, as `__mp_main__`: a script
that trains through this module keeps its own work under `if __name__ == "__main__":`
(the `gradlab` command, `python -m` and pytest do).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from gradlab.core.playground import frames as frames_module
from gradlab.core.playground.frames import PlaygroundFrame
from gradlab.core.playground.session import BOUNDS, Session

# How long the caller blocks in one wait on the pipe: stop() is checked this often
# (Stop and Pause answer within it, plus the epoch the child is in).
POLL_SECONDS = 0.02
# A child that has not said it is ready in this long (imports on a very busy machine),
# or that does not hand the networks back this long after a stop, is given up.
START_SECONDS = 30.0
STOP_SECONDS = 3.0
# Modules the child must never load (checked by the tests from its "ready" message).
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "torch", "numba")


@dataclass(frozen=True)
class ProcessLost:
    """Training moved from the child process to the calling thread: `why` in one line,
    and `epoch[i]`, the epochs network i has now (the run's start: what the child trained
    after it is lost, so curves drawn past it should be cut back there)."""

    why: str
    epoch: list[int]


class TrainingProcess:
    """A child process that trains Playground sessions (see the module docstring).

    One run at a time: `frames` is called from one thread (the app's worker); `set_lr`
    and `close` may come from another (the GUI's)."""

    def __init__(self) -> None:
        self._process: Any = None
        self._conn: Any = None
        self._send_lock = threading.Lock()  # the worker and the GUI thread both send
        self._running = False  # a run is in the child: learning rates go there
        self._ready = False
        self._started_at = 0.0
        self.failure: str | None = None  # why training is in the thread from now on
        self._told = False  # the one ProcessLost was yielded
        self.loaded: list[str] = []  # FORBIDDEN modules the child had loaded (none, we hope)
        self.runs = 0  # runs the child has trained (it is reused)

    # -- the child's life ---------------------------------------------------------------
    def start(self) -> None:
        """Start the child (returns at once; it imports for a while); nothing once started
        or failed. A child that cannot start sets `failure`."""
        if self._process is not None or self.failure is not None:
            return
        try:
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(target=serve, args=(theirs,), name="gradlab-playground", daemon=True)
            process.start()
        except Exception as exc:  # noqa: BLE001 - any reason at all: the thread trains instead
            self.failure = f"the training process could not start ({type(exc).__name__}: {exc})"
            return
        theirs.close()  # the child's end lives in the child: its death is our EOF
        self._process, self._conn = process, ours
        self._started_at = time.monotonic()

    def wait_ready(self, timeout: float) -> bool:
        """Start the child if needed and wait up to `timeout` seconds until it is ready."""
        self.start()
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.failure is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    @property
    def pid(self) -> int | None:
        """The child's process id (None before it starts, after `close`)."""
        return None if self._process is None else self._process.pid

    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def close(self, timeout: float = 1.0) -> None:
        """End the child and join it: asked to quit, then terminated if it has not within
        `timeout` seconds (at once while it is still importing: it holds nothing yet)."""
        process, conn, ready = self._process, self._conn, self._ready
        self._process = self._conn = None
        self._ready = self._running = False
        if process is None:
            return
        if ready:
            try:
                with self._send_lock:
                    conn.send(("quit",))
            except (OSError, ValueError):
                pass
            process.join(timeout)
        for end in (process.terminate, process.kill):
            if process.exitcode is None:
                end()
                process.join(timeout)
        conn.close()

    def ready(self) -> bool:
        """True once the child has said it is ready (read without waiting); a child that
        died or took too long sets `failure`."""
        if self._ready:
            return True
        if self.failure is not None or self._process is None:
            return False
        try:
            if self._conn.poll():
                message = self._conn.recv()
                if message[0] == "ready":
                    self._ready, self.loaded = True, list(message[1])
                    return True
        except (OSError, EOFError, ValueError):
            pass
        if not self._process.is_alive():
            self._lose(f"the training process ended as it started (exit code {self._process.exitcode})")
        elif time.monotonic() - self._started_at > START_SECONDS:
            self._lose(f"the training process was not ready within {START_SECONDS:.0f} s")
        return False

    def _lose(self, why: str) -> None:
        self.failure = why
        self.close(timeout=0.2)

    # -- a run ---------------------------------------------------------------------------
    def set_lr(self, k: int, lr: float) -> None:
        """Network k's new learning rate, sent to the child while it trains (set it on
        the local session too: that one is what the next run starts from)."""
        with self._send_lock:
            if self._running and self._conn is not None:
                try:
                    self._conn.send(("lr", int(k), float(lr)))
                except (OSError, ValueError):
                    pass  # the run's own wait notices a dead child

    def frames(self, sessions: Sequence[Session], stop: Callable[[], bool], *, frame_seconds: float = 0.025,
               thread_pace: tuple[float, float | None] | None = None, epochs_per_frame: int | None = None,
               max_frames: int | None = None, regions_n: int = 64, maps_n: int = 24,
               bounds: Sequence[float] = BOUNDS) -> Iterator[PlaygroundFrame | ProcessLost]:
        """`frames.frames(sessions, stop, ...)`, trained in the child, a frame every
        `frame_seconds`; the `sessions` are updated in place when it ends. The thread
        (while the child starts, or after it is lost) trains paced by `thread_pace`,
        (frame_seconds, work_seconds): it shares the GIL; the child needs no pauses."""
        sessions = list(sessions)
        drawn = {"regions_n": regions_n, "maps_n": maps_n, "bounds": tuple(bounds)}
        pace, work = thread_pace or (frame_seconds, None)
        in_thread = {"frame_seconds": pace, "work_seconds": work, "epochs_per_frame": epochs_per_frame, **drawn}
        self.start()
        if self.failure is None and not self._ready:
            # The thread trains while the child imports; the frame after the child is
            # ready is the thread's last (frames() ends its round and sends one).
            yield from frames_module.frames(
                sessions, lambda: stop() or self.ready() or self.failure is not None, **in_thread)
            if stop() or all(s.diverged is not None for s in sessions):
                return
        if self.failure is None:
            lost = yield from self._run(sessions, stop, {"frame_seconds": frame_seconds,
                                                         "epochs_per_frame": epochs_per_frame,
                                                         "max_frames": max_frames, **drawn})
            if lost is None:
                return
        if not self._told:
            self._told = True
            yield ProcessLost(self.failure, [s.epoch_count for s in sessions])
        if not stop():
            yield from frames_module.frames(sessions, stop, max_frames=max_frames, **in_thread)

    def _run(self, sessions: list[Session], stop: Callable[[], bool],
             options: dict) -> Iterator[PlaygroundFrame]:
        """One run in the child (a generator whose return value is None, or why the
        child was lost)."""
        process, conn = self._process, self._conn
        with self._send_lock:
            # Marked running before the blueprints are read: a learning rate set now
            # is either in them or sent after them.
            self._running = True
            try:
                conn.send(("train", [_blueprint(s) for s in sessions], options))
            except (OSError, ValueError) as exc:
                self._running = False
                return self._lost(f"the training process could not be reached ({exc})")
        stop_sent = 0.0
        finished = False
        try:
            while True:
                if not stop_sent and stop():
                    with self._send_lock:
                        try:
                            conn.send(("stop",))
                        except (OSError, ValueError):
                            pass  # noticed below
                    stop_sent = time.monotonic()
                try:
                    if not conn.poll(POLL_SECONDS):
                        if not process.is_alive():
                            return self._lost(f"the training process ended (exit code {process.exitcode})")
                        if stop_sent and time.monotonic() - stop_sent > STOP_SECONDS:
                            return self._lost(f"the training process did not stop within {STOP_SECONDS:.0f} s")
                        continue
                    message = conn.recv()
                except (OSError, EOFError, ValueError):
                    process.join(0.5)
                    return self._lost(f"the training process ended (exit code {process.exitcode})")
                kind = message[0]
                if kind == "frame":
                    yield message[1]
                elif kind == "state":
                    finished = True
                    for s, state in zip(sessions, message[1]):
                        s.load_training_state(state)
                    self.runs += 1
                    return None
                elif kind == "failed":
                    finished = True  # the child is fine and idle; the run's error is shown
                    raise RuntimeError(message[1])
        finally:
            self._running = False
            if not finished and self._process is process:
                # Left mid-run (closed early, or lost): its messages would belong to no
                # run; a child that is still alive is ended, the next run starts another.
                self.close(timeout=0.2)

    def _lost(self, why: str) -> str:
        self._lose(why)
        return why


def _blueprint(s: Session) -> tuple:
    """What the child needs to rebuild session `s` exactly: the network's definition, its
    train/test split, and where its training stands (the history's stats stay here: only
    their count goes)."""
    return (s.config, s.X, s.y, s.initial_params, s.train_mask, s.training_state(since=s.epoch_count))


def _small(frame: PlaygroundFrame) -> PlaygroundFrame:
    """The frame with its pictures in float32 (half the bytes through the pipe); the
    weights stay float64 (∂C/∂w is computed from them)."""
    return replace(frame, regions=[r.astype(np.float32) for r in frame.regions],
                   unit_maps=[m.astype(np.float32) for m in frame.unit_maps])


# -- the child -------------------------------------------------------------------------------
def serve(conn: Any) -> None:
    """The child's whole life: say it is ready, then train each run it is sent until told
    to quit (or the parent's end of the pipe closes)."""
    conn.send(("ready", [m for m in FORBIDDEN if m in sys.modules]))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "quit":
            return
        if message[0] == "train":  # ("stop" and "lr" after a run ended: nothing to do)
            try:
                if not _train(conn, *message[1:]):
                    return
            except (EOFError, OSError):
                return


def _train(conn: Any, blueprints: list[tuple], options: dict) -> bool:
    """Rebuild the sessions, train them, send frames, then their states; False when told
    to quit meanwhile."""
    try:
        sessions = []
        for config, X, y, initial, train, state in blueprints:
            s = Session(config, X, y, initial=initial, train=train)
            s.load_training_state(state)
            sessions.append(s)
    except Exception as exc:  # noqa: BLE001 - reported to the caller in one line
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return True
    starts = [s.epoch_count for s in sessions]
    asked = {"stop": False, "quit": False}

    def stop() -> bool:
        while not asked["stop"] and conn.poll():
            message = conn.recv()
            if message[0] == "lr":
                sessions[message[1]].set_lr(message[2])
            elif message[0] in asked:
                asked["stop"] = True
                asked[message[0]] = True
        return asked["stop"]

    try:
        for frame in frames_module.frames(sessions, stop, **options):
            conn.send(("frame", _small(frame)))
    except (EOFError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return not asked["quit"]
    conn.send(("state", [s.training_state(since=start) for s, start in zip(sessions, starts)]))
    return not asked["quit"]
