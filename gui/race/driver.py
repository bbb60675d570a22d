"""Drive a `core.race.Race` at a chosen pace, inside the worker thread.

`paced_frames(race, until_step, stop, steps_per_second)` is what the race tab hands to
`GeneratorWorker`. At full speed it is `race.frames` batching ~16 ms of steps per frame.
At a finite speed it advances to the step the producer's own clock says is due, yields
that frame, and sleeps (in short slices, checking `stop`) until the next step is due:
the pacing lives with the producer, never in a GUI timer (STYLE.md: a GUI that throttles
the producer freezes when the GUI is busy).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

# Full speed is a duty cycle: BUSY seconds of steps, one frame, then REST seconds of
# sleep. A worker thread that computes non-stop holds Python's GIL most of the time,
# and the GUI thread then waits for it at every Python call (each paint makes
# hundreds): frames arrive but the window stalls. Resting on its own clock leaves the
# interpreter to the GUI for most of every display frame.
BUSY = 0.004
REST = 0.012
_NAP = 0.01  # longest sleep before looking at `stop` again


def _finished(race: Any, until_step: int) -> bool:
    return race.step >= until_step or all(d is not None for d in race.diverged)


def paced_frames(race: Any, until_step: int, stop: Callable[[], bool],
                 steps_per_second: float | None = None,
                 clock: Callable[[], float] = time.perf_counter,
                 sleep: Callable[[float], None] = time.sleep) -> Iterator[Any]:
    """Frames from `race.step` to `until_step`; `done` is True only at the very end."""
    if steps_per_second is None or not math.isfinite(steps_per_second):
        rested = [0.0]

        def busy_clock() -> float:
            # The race's frame clock must count computing only, not the rests.
            return clock() - rested[0]

        for frame in race.frames(until_step, stop=stop, frame_seconds=BUSY, clock=busy_clock):
            yield frame
            if not frame.done and not stop():
                t = clock()
                sleep(REST)
                rested[0] += clock() - t
        return
    rate = max(float(steps_per_second), 1e-3)
    t0 = clock()
    first = race.step
    while not _finished(race, until_step) and not stop():
        due = first + int((clock() - t0) * rate) + 1
        target = min(until_step, max(race.step + 1, due))
        frame = None
        for frame in race.frames(target, stop=stop, frame_seconds=math.inf, clock=clock):
            pass
        if frame is None:
            return
        yield dataclasses.replace(frame, done=_finished(race, until_step))
        if frame.done is False and stop():
            return
        # Sleep until the next step is due, in naps short enough to notice `stop`.
        wake = t0 + (race.step - first + 1) / rate
        while not stop() and not _finished(race, until_step):
            left = wake - clock()
            if left <= 0:
                break
            sleep(min(left, _NAP))
