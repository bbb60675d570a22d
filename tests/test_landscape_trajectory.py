"""The trajectory a run keeps for the loss landscape (issue 15): log-spaced snapshots, the
weights they claim, its memory, and its way through a run file."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.run_file import RunFileError, load_run, save_run
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.mnist.train import train
from gradlab.core.mnist.trajectory import MAX_SNAPSHOTS, Recorder, snapshot_steps

DATA = synthetic(600, 50, seed=4)
# 550 training rows in batches of 50: 11 steps an epoch.
BASE = TrainConfig(optimizer="adam", hyper={"lr": 3e-3}, hidden=(16, 8), batch_size=50, train_subset=550,
                   eval_every=0, grid_size=0, threads=1, device="cpu", schedule="constant", seed=2)


def _final(config: TrainConfig, **kw):
    frame = None
    for frame in train(config, DATA, **kw):
        pass
    return frame


def test_snapshot_steps_are_log_spaced_from_0_to_the_end():
    assert snapshot_steps(0) == [0]
    assert snapshot_steps(5) == [0, 1, 2, 3, 4, 5]
    steps = snapshot_steps(2345)  # 5 epochs of MNIST at batch 128
    assert steps[0] == 0 and steps[1] == 1 and steps[-1] == 2345 and len(steps) == MAX_SNAPSHOTS
    assert all(b > a for a, b in zip(steps, steps[1:]))
    ratios = [b / a for a, b in zip(steps[10:], steps[11:])]  # past the dense start: a constant ratio
    assert max(ratios) / min(ratios) < 1.15
    assert len(snapshot_steps(10**7)) <= MAX_SNAPSHOTS


def test_each_snapshot_is_the_weights_at_its_step():
    """Oracle: a 1-epoch run with a constant rate sees the same batches as the first epoch
    of a 2-epoch run, so its final weights are the longer run's weights at step 11."""
    long = _final(BASE.replace(epochs=2)).checkpoint
    short = _final(BASE.replace(epochs=1)).checkpoint
    traj = long.trajectory
    assert traj.steps == list(range(23)) and traj.final_step == 22  # 22 steps ≤ 32: every one kept
    at11 = traj.theta(traj.steps.index(11))
    for k, v in short.state["model"].items():
        change = np.abs(v.numpy() - traj.origin[k]).max()
        np.testing.assert_allclose(at11[k], v.numpy(), atol=2e-3 * change + 1e-7)  # float16 deltas
    assert all(np.array_equal(traj.origin[k], short.trajectory.origin[k]) for k in traj.origin)
    # The path ends exactly at the run's weights; θ₀ is snapshot 0.
    points = list(traj.points())
    assert points[0][0] == 0 and points[-1][0] == 22 and len(points) == 23
    for k, v in long.state["model"].items():
        assert np.array_equal(points[-1][1][k], v.numpy())
        assert not traj.deltas[k][0].any()


def test_snapshots_leave_training_unchanged():
    """The same run with the recorder switched off ends at the same weights, bit for bit."""
    import gradlab.core.mnist.train as train_module

    with_path = _final(BASE.replace(epochs=1)).checkpoint

    class Off(Recorder):
        def maybe_take(self, step, tensors):
            pass

    original = train_module.Recorder
    train_module.Recorder = Off
    try:
        without = _final(BASE.replace(epochs=1)).checkpoint
    finally:
        train_module.Recorder = original
    for k, v in with_path.state["model"].items():
        assert torch.equal(v, without.state["model"][k])
    assert len(without.trajectory.steps) == 1 and len(with_path.trajectory.steps) == 12


def test_a_resumed_run_goes_on_with_its_path():
    calls = [0]

    def stop() -> bool:
        calls[0] += 1
        return calls[0] > 6

    first = _final(BASE.replace(epochs=2), stop=stop)
    assert first.stopped
    done = first.checkpoint.step
    resumed = _final(BASE.replace(epochs=3), resume=first.checkpoint).checkpoint
    traj = resumed.trajectory
    assert traj.steps[: len(first.checkpoint.trajectory.steps)] == first.checkpoint.trajectory.steps
    assert traj.steps[-1] == 33 and len(traj.steps) <= MAX_SNAPSHOTS and done < 33
    assert all(b > a for a, b in zip(traj.steps, traj.steps[1:]))


def test_the_trajectory_round_trips_through_a_run_file(tmp_path):
    ck = _final(BASE.replace(epochs=2)).checkpoint
    path = save_run(tmp_path / "run.pt", ck)
    back = load_run(path).trajectory
    assert back.steps == ck.trajectory.steps and back.final_step == ck.step
    for k in ck.trajectory.origin:
        assert back.origin[k].dtype == np.float32 and back.deltas[k].dtype == np.float16
        assert np.array_equal(back.origin[k], ck.trajectory.origin[k])
        assert np.array_equal(back.deltas[k], ck.trajectory.deltas[k])
        assert np.array_equal(back.final[k], ck.state["model"][k].numpy())


def test_a_file_without_a_trajectory_still_loads(tmp_path):
    ck = _final(BASE.replace(epochs=1)).checkpoint
    path = save_run(tmp_path / "old.pt", ck)
    blob = torch.load(path, weights_only=True)
    del blob["trajectory"]
    torch.save(blob, path)
    assert load_run(path).trajectory is None
    resumed = _final(BASE.replace(epochs=2), resume=load_run(path)).checkpoint  # resumes without a path
    assert resumed.trajectory is None and resumed.step == 22


def _damage(blob: dict, how: str) -> None:
    t = blob["trajectory"]
    if how == "steps":
        t["steps"] = [0, 3, 2] + t["steps"][3:]
    elif how == "beyond":
        t["steps"][-1] = 10**6
    elif how == "dtype":
        t["deltas"]["0.weight"] = t["deltas"]["0.weight"].float()
    elif how == "shape":
        t["deltas"]["2.bias"] = t["deltas"]["2.bias"][:-1]
    elif how == "nan":
        t["origin"]["4.weight"][0, 0] = float("nan")
    elif how == "missing":
        del t["origin"]["0.bias"]
    elif how == "kind":
        blob["trajectory"] = [1, 2]


@pytest.mark.parametrize("how, says", [
    ("steps", "trajectory.steps: must increase"), ("beyond", "at most the run's 11 steps"),
    ("dtype", "trajectory.deltas 0.weight: dtype float32, expected float16"),
    ("shape", "trajectory.deltas 2.bias: shape"), ("nan", "trajectory.origin 4.weight: not finite"),
    ("missing", "trajectory.origin: tensors"), ("kind", "trajectory: missing or not a mapping"),
])
def test_a_bad_trajectory_is_refused_in_one_line(tmp_path, how, says):
    path = save_run(tmp_path / "run.pt", _final(BASE.replace(epochs=1)).checkpoint)
    blob = torch.load(path, weights_only=True)
    _damage(blob, how)
    torch.save(blob, path)
    with pytest.raises(RunFileError) as info:
        load_run(path)
    assert says in str(info.value) and "\n" not in str(info.value)


def test_the_full_networks_path_fits_in_50_mb():
    """784-512-256-10 over 5 epochs of MNIST (2345 steps): θ₀ + 32 float16 snapshots."""
    shapes = {"0.weight": (512, 784), "0.bias": (512,), "2.weight": (256, 512), "2.bias": (256,),
              "4.weight": (10, 256), "4.bias": (10,)}
    assert sum(int(np.prod(s)) for s in shapes.values()) == 535_818
    gen = torch.Generator().manual_seed(0)
    tensors = [torch.randn(s, generator=gen) for s in shapes.values()]
    rec = Recorder(list(shapes), tensors, total_steps=2345)
    for step in range(1, 2346):
        if step in rec.plan:
            for t in tensors:
                t.add_(0.01)
        rec.maybe_take(step, tensors)
    traj = rec.trajectory({k: t for k, t in zip(shapes, tensors)}, 2345)
    assert len(traj.steps) == MAX_SNAPSHOTS and traj.steps[-1] == 2345
    assert traj.nbytes() <= 50e6
    blob = traj.to_blob()
    stored = sum(t.numel() * t.element_size() for part in ("origin", "deltas") for t in blob[part].values())
    assert stored == traj.nbytes() and stored / 1e6 == pytest.approx(36.4, abs=0.2)


def test_a_diverging_run_keeps_a_finite_path():
    """Changes beyond float16's range end the path early (no inf in it, no overflow warning)."""
    config = BASE.replace(optimizer="sgd", hyper={"lr": 1e3}, epochs=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        final = _final(config)
    traj = final.checkpoint.trajectory
    for k in traj.deltas:
        assert np.isfinite(traj.deltas[k].astype(np.float32)).all()
    assert traj.steps[-1] <= final.checkpoint.step
    tensors = [torch.zeros(3, 2), torch.zeros(3)]
    rec = Recorder(["0.weight", "0.bias"], tensors, total_steps=10)
    rec.maybe_take(1, tensors)
    tensors[0][0, 0] = 1e5  # beyond float16
    rec.maybe_take(2, tensors)
    tensors[0][0, 0] = 1.0
    rec.maybe_take(3, tensors)  # the path has ended: not taken
    assert rec.steps == [0, 1]
