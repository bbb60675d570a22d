"""The generator that trains the Playground: sessions train in turn, frames of copies
come out. The app runs it in a child process (`process.py`), or, where none can run, in
its worker thread, paced with `work_seconds`.

    for frame in frames(sessions, stop=lambda: flag.is_set()):
        ...   # PlaygroundFrame: new stats, regions, hidden-unit maps, weights

The producer paces itself: with `epochs_per_frame` None it trains the sessions round
robin, one epoch each in turn, for as many rounds as fit in `frame_seconds` (less the
time the last frame's pictures took; at least one round; a last round starts when at
least half of it fits), then yields one frame. So a
fast network gives many epochs per frame, and frames come at the GUI's pace.

With `work_seconds` the producer also leaves room: it trains for at most `work_seconds`
of each `frame_seconds` period (the frame's pictures included) and sleeps the rest, so
the GUI thread, which needs the GIL to draw, is not starved by a worker that holds it
while it trains in tight Python loops (measured with a worker that never paused: 9
redraws/s and 130 ms timer latency, against the issue's 30 and 50 ms;
bench/playground_speed.py). `stop()` is checked between epochs and before each sleep.
A frame holds copies only: the GUI may keep it while training goes on. The generator
ends when `stop()` says so, after `max_frames` frames, or once every session has
diverged (that frame is the last).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from gradlab.core.mlp import Params
from gradlab.core.playground.session import BOUNDS, EpochStats, Session


@dataclass(frozen=True)
class PlaygroundFrame:
    """What the sessions look like now, one entry per session (copies).

    `epoch[i]`: epochs trained; `stats[i]`: the EpochStats new since the last frame;
    `regions[i]`: (n, n, C) class probabilities over the plane (`Session.regions`);
    `unit_maps`: session 0's hidden units, per layer (units, m, m) (`Session.unit_maps`);
    `params[i]`: the layers [(W, b), ...]; `diverged[i]`: the epoch it diverged, or None.
    """

    epoch: list[int]
    stats: list[list[EpochStats]]
    regions: list[np.ndarray]
    unit_maps: list[np.ndarray]
    params: list[Params]
    diverged: list[int | None]


def snapshot(sessions: Sequence[Session], reported: list[int], regions_n: int = 64,
             maps_n: int = 24, bounds: Sequence[float] = BOUNDS) -> PlaygroundFrame:
    """A frame of `sessions` now; `reported[i]` (updated) is how many stats were sent before."""
    stats = []
    for i, s in enumerate(sessions):
        start = min(reported[i], len(s.history))  # a reset shortens the history
        stats.append(list(s.history[start:]))
        reported[i] = len(s.history)
    return PlaygroundFrame(
        epoch=[s.epoch_count for s in sessions],
        stats=stats,
        regions=[s.regions(regions_n, bounds) for s in sessions],
        unit_maps=sessions[0].unit_maps(maps_n, bounds) if sessions else [],
        params=[[(W.copy(), b.copy()) for W, b in s.params] for s in sessions],
        diverged=[s.diverged for s in sessions],
    )


def frames(sessions: Sequence[Session], stop: Callable[[], bool],
           epochs_per_frame: int | None = None, frame_seconds: float = 0.033, *,
           max_frames: int | None = None, regions_n: int = 64, maps_n: int = 24,
           bounds: Sequence[float] = BOUNDS, clock: Callable[[], float] = time.perf_counter,
           work_seconds: float | None = None, sleep: Callable[[float], None] = time.sleep,
           ) -> Iterator[PlaygroundFrame]:
    """Train `sessions` in turn and yield a `PlaygroundFrame` every `epochs_per_frame`
    epochs each, or (None) every ~`frame_seconds` of training (at least one epoch each).
    `work_seconds` (< `frame_seconds`): train only that long per frame period, then sleep
    until the period ends (see the module docstring)."""
    if work_seconds is not None and not 0 < work_seconds <= frame_seconds:
        raise ValueError(f"work_seconds must be in (0, frame_seconds], got {work_seconds!r}")
    sessions = list(sessions)
    reported = [len(s.history) for s in sessions]
    sent = 0
    drawing = 0.0  # the last snapshot's seconds: the frame's budget includes them
    while not stop():
        live = [s for s in sessions if s.diverged is None]
        if not live:
            return
        began = clock()
        budget = max((frame_seconds if work_seconds is None else work_seconds) - drawing, 0.0)
        rounds = 0
        fastest = float("inf")  # the quickest round so far: what the next one should take
        last = began
        while not stop():
            for s in live:
                if stop():
                    break
                s.epoch()
            rounds += 1
            live = [s for s in live if s.diverged is None]
            if not live:
                break
            if epochs_per_frame is not None:
                if rounds >= epochs_per_frame:
                    break
            else:
                now = clock()
                fastest, last = min(fastest, now - last), now
                # Another round only while at least half of it fits in the budget: frames
                # come on time (at most half a round late), and four compared networks,
                # whose rounds are four epochs long, still get their share of the budget
                # (stopping before any round that would end late gave them 2 rounds of a
                # possible 2.9, below the 75 epochs/s each). The quickest round
                # predicts the next: one round slowed by the GUI holding the GIL (or the
                # machine busy) would otherwise end the frame's training.
                if now - began + fastest / 2 >= budget:
                    break
        drawn = clock()
        frame = snapshot(sessions, reported, regions_n, maps_n, bounds)
        drawing = clock() - drawn
        yield frame
        sent += 1
        if max_frames is not None and sent >= max_frames:
            return
        if all(s.diverged is not None for s in sessions):
            return
        if work_seconds is not None and not stop():
            rest = frame_seconds - (clock() - began)
            if rest > 0:
                sleep(rest)  # the GIL is the GUI's meanwhile
