"""The Playground's producer leaves the GUI room (issue 14's speed targets): with
`work_seconds` it trains at most that long in each `frame_seconds` period and sleeps the
rest, so the GUI thread gets the GIL to draw. Checked on a fake clock that each epoch
and each snapshot advance by known amounts: the counts and sleeps are pinned literals."""

from __future__ import annotations

import pytest

from gradlab.core.playground import datasets
from gradlab.core.playground.compare import sessions_for
from gradlab.core.playground.frames import frames
from gradlab.core.playground.session import PlaygroundConfig

EPOCH = 0.002  # fake seconds per epoch
SNAPSHOT = 0.0015  # fake seconds per frame's pictures


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _sessions(n: int, fake: FakeTime):
    config = PlaygroundConfig(dataset="gauss", n_points=60, hidden=(3,))
    runs = sessions_for([config] * n, *datasets.make("gauss", 60, 0.1, 0))
    for s in runs:
        epoch, regions = s.epoch, s.regions

        def timed_epoch(epoch=epoch):
            fake.now += EPOCH
            return epoch()

        def timed_regions(*args, regions=regions, **kwargs):  # the snapshot's cost, once per session
            fake.now += SNAPSHOT / n
            return regions(*args, **kwargs)

        s.epoch, s.regions = timed_epoch, timed_regions
    return runs


def test_each_period_trains_within_its_budget_then_sleeps_the_rest():
    fake = FakeTime()
    runs = _sessions(1, fake)
    got = list(frames(runs, stop=lambda: False, frame_seconds=0.030, work_seconds=0.019, max_frames=4,
                      regions_n=4, maps_n=4, clock=fake.clock, sleep=fake.sleep))
    # 19 ms of work: the first frame 9 epochs of 2 ms (at 18 ms, half of a tenth would
    # end at 19: no more; no snapshot measured yet); then 19 − 1.5 (the snapshot) = 17.5
    # ms: at 16 ms half an epoch more ends at 17 < 17.5, so a ninth, again 9.
    assert [f.epoch[0] for f in got] == [9, 18, 27, 36]
    # Each period lasts 30 ms: 9·2 + 1.5 = 19.5 ms busy, 10.5 asleep. After the last frame
    # there is nothing to sleep for.
    assert fake.sleeps == pytest.approx([0.0105, 0.0105, 0.0105])
    assert fake.now == pytest.approx(3 * 0.030 + 0.0195)


def test_without_work_seconds_nothing_sleeps_and_four_networks_share_a_period():
    fake = FakeTime()
    runs = _sessions(4, fake)
    got = list(frames(runs, stop=lambda: False, frame_seconds=0.030, max_frames=2, regions_n=4,
                      maps_n=4, clock=fake.clock, sleep=fake.sleep))
    assert fake.sleeps == []
    # Rounds of 4 epochs (8 ms): after three (24 ms) half a round more ends at 28 < 30, so
    # a fourth; after it (32 ms) none.
    assert [f.epoch for f in got][0] == [4, 4, 4, 4]


def test_work_seconds_must_fit_in_the_period():
    with pytest.raises(ValueError, match="work_seconds"):
        next(frames([], stop=lambda: False, frame_seconds=0.03, work_seconds=0.05))


def test_one_slow_epoch_does_not_end_the_frames_training():
    """The quickest round predicts the next: an epoch slowed to 14 ms (the GUI holding the
    GIL) leaves the rest of the budget to 2-ms epochs. 2 + 14 = 16 ms; 16 + 1 < 19: a
    third epoch; 18 + 1 ≥ 19: stop. (The mean, 8 ms, would have stopped after two.)"""
    fake = FakeTime()
    runs = _sessions(1, fake)
    durations = iter([0.002, 0.014] + [0.002] * 50)
    epoch = runs[0].epoch

    def uneven():
        fake.now += next(durations) - EPOCH  # timed_epoch adds EPOCH itself
        return epoch()

    runs[0].epoch = uneven
    got = next(frames(runs, stop=lambda: False, frame_seconds=0.030, work_seconds=0.019,
                      regions_n=4, maps_n=4, clock=fake.clock, sleep=fake.sleep))
    assert got.epoch == [3]
