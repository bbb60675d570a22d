"""The MNIST training generator, on a small synthetic dataset (and briefly on the real one)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch

from gradlab.core import mlp
from gradlab.core.mnist.frames import Checkpoint, EvaluationSummary, TrainConfig, TrainFrame
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.mnist.train import (
    MEAN, STD, inverse_frequency, load_run, prepare, save_run, train, train_indices,
)

DATA = synthetic(600, 200, seed=1)
SMALL = TrainConfig(schedule="constant", hidden=(32, 16), batch_size=50, epochs=2, eval_every=5, eval_subset=100,
                    grid_size=12, threads=1)


def run(config: TrainConfig, data=DATA, **kw) -> list[TrainFrame]:
    return list(train(config, data, **kw))


def losses(frames) -> np.ndarray:
    return np.concatenate([f.losses for f in frames])


def steps(frames) -> np.ndarray:
    return np.concatenate([f.steps for f in frames])


def test_frames_carry_every_field():
    frames = run(SMALL, frame_seconds=0.0)
    per_epoch = 12  # 600 / 50
    np.testing.assert_array_equal(steps(frames), np.arange(1, 2 * per_epoch + 1))
    for f in frames:
        k = len(f.steps)
        assert f.losses.shape == (k,) and f.lrs.shape == (k,)
        assert f.grad_norms.shape == (k, 3) and f.dead_fraction.shape == (k, 2)
        assert np.all(f.grad_norms > 0) and np.all((f.dead_fraction >= 0) & (f.dead_fraction <= 1))
        np.testing.assert_allclose(f.lrs, 1e-3)
    evals = [f.evaluation for f in frames if f.evaluation is not None]
    # step 0, every 5 steps except at epoch ends, and the two epoch ends
    assert [(e.kind, e.step) for e in evals] == [
        ("subset", 0), ("subset", 5), ("subset", 10), ("epoch", 12), ("subset", 15),
        ("subset", 20), ("epoch", 24)]
    sub, end = evals[1], evals[-1]
    assert sub.samples == 100 and end.samples == 200
    assert end.confusion.shape == (10, 10) and end.confusion.sum() == 200
    assert end.test_accuracy == pytest.approx(np.trace(end.confusion) / 200)
    np.testing.assert_allclose(end.per_class_accuracy, np.diag(end.confusion) / end.confusion.sum(1))
    assert end.grid_images.shape == (12, 28, 28) and end.grid_images.dtype == np.uint8
    np.testing.assert_array_equal(end.grid_labels, DATA.test_labels[:12])
    assert end.grid_predictions.shape == (12,) and set(end.grid_predictions) <= set(range(10))
    assert end.first_layer_weights.shape == (32, 784) and end.first_layer_weights.dtype == np.float32
    # copies, not views of the live weights: the first evaluation still shows the start
    np.testing.assert_array_equal(evals[0].first_layer_weights, mlp.init_params([784, 32, 16, 10], 0)[0][0])
    assert not np.array_equal(evals[0].first_layer_weights, end.first_layer_weights)
    assert end.test_accuracy > 0.5  # learned something (chance is 0.1)
    results = [f.epoch_result for f in frames if f.epoch_result is not None]
    assert [r.epoch for r in results] == [1, 2]
    assert results[1].train_loss < results[0].train_loss
    assert results[0].train_loss == pytest.approx(losses(frames)[:12].mean())
    assert all(r.seconds > 0 and r.samples_per_second > 0 for r in results)
    last = frames[-1]
    assert last.done and not last.stopped and last.final and last.diverged is None
    assert isinstance(last.checkpoint, Checkpoint) and last.checkpoint.step == 24
    assert all(f.checkpoint is None for f in frames[:-1])
    p = last.progress
    assert (p.epoch, p.epochs, p.step, p.total_steps, p.steps_per_epoch) == (2, 2, 24, 24, 12)
    assert p.seconds_left == 0 and p.samples_per_second > 0 and p.fraction == 1.0 and p.device == "cpu"


def test_frames_are_throttled_by_the_clock():
    ticks = iter(range(10**6))
    frames = run(SMALL.replace(eval_every=0), frame_seconds=3.5, clock=lambda: float(next(ticks)))
    sizes = [len(f.steps) for f in frames]
    assert sum(sizes) == 24
    assert 6 <= len(frames) <= 12  # neither a frame per step nor one per epoch


def test_data_are_normalised_once():
    p = prepare(DATA)
    expected = (DATA.train_images[3].reshape(-1) / 255.0 - MEAN) / STD
    np.testing.assert_allclose(p.train_x[3].numpy(), expected, rtol=1e-6, atol=1e-6)
    assert p.train_x.dtype == torch.float32 and p.train_x.shape == (600, 784)
    assert prepare(DATA) is p  # cached for the next run on the same data


def test_same_seed_same_start_and_batches_across_optimizers():
    firsts = {}
    for opt, hyper in [("adam", {"lr": 1e-3}), ("sgd", {"lr": 0.1}), ("torch:momentum", {"lr": 0.01}),
                       ("rmsprop", {"lr": 1e-3})]:
        frames = run(SMALL.replace(optimizer=opt, hyper=hyper, epochs=1, eval_every=0))
        firsts[opt] = losses(frames)[0]
    assert len(set(firsts.values())) == 1
    other_seed = losses(run(SMALL.replace(seed=5, epochs=1, eval_every=0)))[0]
    assert other_seed != firsts["adam"]


def test_initial_weights_come_from_mlp_init_params():
    frames = run(SMALL.replace(epochs=1, eval_every=0))
    # The first batch's loss at mlp.init_params' weights, computed by the numpy MLP.
    perm = torch.randperm(600, generator=torch.Generator().manual_seed(SMALL.seed * 1_000_003 + 1))
    idx = perm[:50].numpy()
    net = mlp.MLP(mlp.init_params([784, 32, 16, 10], SMALL.seed), "relu", "cross_entropy")
    expected = net.loss.value(net.forward(prepare(DATA).train_x.numpy()[idx]), DATA.train_labels[idx])
    assert frames[0].losses[0] == pytest.approx(expected, rel=1e-5)


def test_stop_then_resume_equals_an_uninterrupted_run():
    config = SMALL.replace(schedule="step", schedule_params={"step_size": 5, "gamma": 0.5},
                           schedule_unit="batch")
    whole = run(config)
    flag = []
    part = []
    for f in train(config, DATA, stop=lambda: bool(flag), frame_seconds=0.0):
        part.append(f)
        if len(f.steps) and f.steps[-1] >= 17:  # mid-way through epoch 2
            flag.append(True)
    assert part[-1].stopped and not part[-1].done and part[-1].checkpoint.step == 17
    assert part[-1].checkpoint.epoch == 1 and part[-1].checkpoint.epoch_step == 5
    rest = run(config, resume=part[-1].checkpoint)
    assert steps(rest)[0] == 18
    np.testing.assert_array_equal(losses(part + rest), losses(whole))
    np.testing.assert_array_equal(np.concatenate([f.lrs for f in part + rest]),
                                  np.concatenate([f.lrs for f in whole]))
    a = rest[-1].checkpoint.state["model"]
    b = whole[-1].checkpoint.state["model"]
    assert all(torch.equal(a[k], b[k]) for k in b)
    assert rest[-1].epoch_result.test_loss == whole[-1].epoch_result.test_loss
    assert rest[-1].checkpoint.history.losses == whole[-1].checkpoint.history.losses


def test_resume_with_more_epochs_goes_on_and_checkpoint_is_reusable():
    one = run(SMALL.replace(epochs=1))
    ckpt = one[-1].checkpoint
    more = run(SMALL.replace(epochs=2), resume=ckpt)
    again = run(SMALL.replace(epochs=2), resume=ckpt)  # resuming must not change the checkpoint
    np.testing.assert_array_equal(losses(more), losses(again))
    assert steps(more)[0] == 13 and more[-1].done
    np.testing.assert_array_equal(losses(one + more), losses(run(SMALL)))
    # Nothing more to do: one final frame, no steps.
    finished = run(SMALL.replace(epochs=1), resume=ckpt)
    assert len(finished) == 1 and finished[0].done and len(finished[0].steps) == 0


def test_resume_refuses_a_different_config():
    ckpt = run(SMALL.replace(epochs=1, eval_every=0))[-1].checkpoint
    with pytest.raises(ValueError, match="optimizer"):
        run(SMALL.replace(optimizer="sgd"), resume=ckpt)


def test_a_consumer_that_quits_on_the_flag_still_gets_the_checkpoint():
    # The GUI's worker stops pulling frames once it sees the flag set. The flag may be set
    # while a step runs (here: from inside the clock, mid-step); the next frame must then
    # be the final one with the checkpoint, or Stop would lose what was trained.
    flag: list[bool] = []
    ticks = {"n": 0}

    def clock() -> float:
        ticks["n"] += 1
        if ticks["n"] == 40:
            flag.append(True)
        return float(ticks["n"])

    got = []
    for f in train(SMALL.replace(eval_every=0), DATA, stop=lambda: bool(flag), clock=clock,
                   frame_seconds=0.0):
        got.append(f)
        if flag:
            break
    assert got[-1].stopped and got[-1].checkpoint is not None
    assert got[-1].checkpoint.step == steps(got)[-1]


def test_stop_before_the_first_step():
    frames = run(SMALL, stop=lambda: True)
    assert frames[-1].stopped and frames[-1].checkpoint.step == 0
    assert sum(len(f.steps) for f in frames) == 0
    rest = run(SMALL, resume=frames[-1].checkpoint)
    np.testing.assert_array_equal(losses(rest), losses(run(SMALL)))


def test_divergence_stops_with_the_step():
    frames = run(SMALL.replace(optimizer="sgd", hyper={"lr": 1e6}, eval_every=0))
    last = frames[-1]
    k = last.diverged
    assert k is not None and last.done and last.checkpoint is not None
    assert steps(frames)[-1] == k
    assert not math.isfinite(losses(frames)[-1]) and np.all(np.isfinite(losses(frames)[:-1]))
    assert last.checkpoint.step == k - 1 and last.checkpoint.history.diverged == k
    # the checkpoint's weights are those before the diverging step: finite
    assert all(torch.isfinite(t).all() for t in last.checkpoint.state["model"].values())


@pytest.mark.parametrize("name", ["adam", "sgd", "rmsprop"])
def test_torch_reference_and_core_optimizer_curves_coincide(name):
    hyper = {"lr": 0.3 if name == "sgd" else 1e-3}
    core = losses(run(SMALL.replace(optimizer=name, hyper=hyper, eval_every=0)))
    ref = losses(run(SMALL.replace(optimizer="torch:" + name, hyper=hyper, eval_every=0)))
    np.testing.assert_allclose(core, ref, rtol=1e-5)
    assert core[-1] < core[0] * 0.9  # the curve moved, so the comparison means something


def test_torch_references_are_torch_optim_with_translated_hyperparameters():
    from gradlab.core.mnist.optimizers import make_optimizer
    from gradlab.core.optimizers.torch_optim import CoreOptimizer

    p = [torch.zeros(3, requires_grad=True)]
    adam = make_optimizer("torch:adam", p, {"lr": 0.01, "beta1": 0.8, "eps": 1e-6})
    assert type(adam) is torch.optim.Adam
    g = adam.param_groups[0]
    assert (g["lr"], g["betas"], g["eps"]) == (0.01, (0.8, 0.999), 1e-6)
    nesterov = make_optimizer("torch:nesterov", p, {"lr": 0.1, "momentum": 0.5})
    assert type(nesterov) is torch.optim.SGD and nesterov.param_groups[0]["nesterov"]
    assert isinstance(make_optimizer("adam", p, {"lr": 0.01}), CoreOptimizer)
    with pytest.raises(ValueError, match="beta1"):
        make_optimizer("torch:adam", p, {"beta1": 1.5})


def test_numpy_engine_coincides_with_torch_engine_in_float64(monkeypatch):
    config = SMALL.replace(dtype="float64", activation="tanh", eval_every=0)
    a = run(config)
    calls = []
    backward = mlp.MLP.backward
    monkeypatch.setattr(mlp.MLP, "backward", lambda self, *args: calls.append(1) or backward(self, *args))
    b = run(config.replace(engine="numpy"))
    assert len(calls) == 24  # every step's gradient came from the hand-written backprop
    np.testing.assert_allclose(losses(a), losses(b), rtol=1e-10)
    np.testing.assert_allclose(np.concatenate([f.grad_norms for f in a]),
                               np.concatenate([f.grad_norms for f in b]), rtol=1e-8)
    assert b[-1].progress.device == "cpu (numpy)"
    assert b[-1].epoch_result.test_accuracy == a[-1].epoch_result.test_accuracy


@pytest.mark.parametrize("loss,params", [
    ("weighted_cross_entropy", {"weights": "inverse_frequency"}),
    ("weighted_cross_entropy", {"weights": [1.0] * 9 + [3.0]}),
    ("focal", {"gamma": 2.0, "alpha": "inverse_frequency"}),
    ("softmax_mse", {}),
])
def test_every_loss_trains(loss, params):
    frames = run(SMALL.replace(loss=loss, loss_params=params, hyper={"lr": 3e-3}, eval_every=0))
    curve = losses(frames)
    assert np.all(np.isfinite(curve)) and curve[-6:].mean() < curve[:6].mean()


@pytest.mark.parametrize("activation,params", [
    ("sigmoid", {}), ("tanh", {}), ("relu", {}), ("leaky_relu", {"alpha": 0.1}),
    ("elu", {"alpha": 0.5}), ("gelu", {}), ("softplus", {}), ("swish", {}),
])
def test_every_activation_trains(activation, params):
    frames = run(SMALL.replace(activation=activation, activation_params=params, hyper={"lr": 3e-3},
                               eval_every=0))
    assert frames[-1].epoch_result.test_accuracy > 0.3
    dead = np.concatenate([f.dead_fraction for f in frames])
    if activation != "relu":
        assert np.all(dead == 0)


def test_dead_relu_units_are_counted():
    frames = run(SMALL.replace(optimizer="sgd", hyper={"lr": 10.0}, epochs=1, eval_every=0))
    dead = np.concatenate([f.dead_fraction for f in frames])
    assert np.all(dead[0] == 0)  # at the start every unit fires for some digit
    assert dead.max() > 0.2  # large SGD steps leave ReLUs dead: what the view shows


def test_cosine_schedule_per_epoch_and_per_batch():
    per_epoch = run(SMALL.replace(schedule="cosine", schedule_unit="epoch", epochs=2, eval_every=0))
    lrs = np.concatenate([f.lrs for f in per_epoch])
    assert np.all(lrs[:12] == pytest.approx(1e-3)) and np.all(lrs[12:] == pytest.approx(5e-4))
    per_batch = run(SMALL.replace(schedule="cosine", schedule_unit="batch", eval_every=0))
    lrs = np.concatenate([f.lrs for f in per_batch])
    assert lrs[0] == pytest.approx(1e-3) and np.all(np.diff(lrs) < 0)
    assert lrs[12] == pytest.approx(5e-4 * (1 + math.cos(math.pi * 12 / 24)) * 1, rel=1e-6)


def test_imbalance_keeps_a_fraction_of_chosen_digits():
    config = SMALL.replace(imbalance={3: 0.1, 7: 0.0})
    rows = train_indices(DATA.train_labels, config)
    counts = np.bincount(DATA.train_labels[rows], minlength=10)
    full = np.bincount(DATA.train_labels, minlength=10)
    assert counts[3] == round(0.1 * full[3]) and counts[7] == 0
    assert all(counts[d] == full[d] for d in range(10) if d not in (3, 7))
    np.testing.assert_array_equal(rows, train_indices(DATA.train_labels, config))  # seeded
    w = inverse_frequency(DATA.train_labels[rows])
    assert w[7] == 0 and w[3] > 5 * w[0]
    frames = run(config.replace(epochs=1, eval_every=0))
    assert frames[-1].progress.steps_per_epoch == math.ceil(len(rows) / 50)
    end = frames[-1].evaluation
    assert end.per_class_accuracy[7] == 0  # never seen: never predicted right


def test_bad_config_raises_before_training():
    for bad in [dict(optimizer="nope"), dict(hyper={"lr": -1}), dict(loss="hinge"),
                dict(activation="mish"), dict(batch_size=0), dict(engine="jax"),
                dict(schedule="warmup"), dict(imbalance={12: 0.5}), dict(device="tpu"),
                dict(schedule="step", schedule_params={"step_size": 0})]:
        with pytest.raises(ValueError):
            train(SMALL.replace(**bad), DATA)  # raised by the call, not at next()


def test_save_and_load_a_run(tmp_path):
    config = SMALL.replace(epochs=1)
    frames = run(config)
    path = save_run(tmp_path / "run.pt", frames[-1].checkpoint)
    assert [p.name for p in tmp_path.iterdir()] == ["run.pt"]
    raw = torch.load(path, weights_only=True)  # tensors and plain containers only
    assert raw["format"] == "gradlab-mnist-run" and raw["state"]["model"]["0.weight"].shape == (32, 784)
    back = load_run(path)
    assert back.config == config and back.step == 12 and back.steps_per_epoch == 12
    assert back.history.losses == frames[-1].checkpoint.history.losses
    assert back.history.epochs == frames[-1].checkpoint.history.epochs
    # the latest evaluation comes back whole, so a loaded run can show its pictures
    ev, ev_back = frames[-1].checkpoint.evaluation, back.evaluation
    assert ev is not None and ev.kind == "epoch" and ev_back.step == ev.step
    np.testing.assert_array_equal(ev_back.confusion, ev.confusion)
    np.testing.assert_array_equal(ev_back.grid_predictions, ev.grid_predictions)
    np.testing.assert_array_equal(ev_back.first_layer_weights, ev.first_layer_weights)
    net = torch.nn.Sequential(torch.nn.Linear(784, 32), torch.nn.ReLU(), torch.nn.Linear(32, 16),
                              torch.nn.ReLU(), torch.nn.Linear(16, 10))
    net.load_state_dict(back.state["model"])  # the keys of nn.Sequential
    # and the loaded run resumes like the in-memory checkpoint
    a = run(config.replace(epochs=2), resume=back)
    b = run(config.replace(epochs=2), resume=frames[-1].checkpoint)
    np.testing.assert_array_equal(losses(a), losses(b))


def test_a_saved_run_keeps_its_evaluations(tmp_path):
    frames = run(SMALL.replace(epochs=1))
    evals = [f.evaluation for f in frames if f.evaluation is not None]
    path = save_run(tmp_path / "run.pt", frames[-1].checkpoint)
    # On disk: plain dicts, the format files were written in before EvaluationSummary.
    raw = torch.load(path, weights_only=True)["history"]["evaluations"]
    assert [(d["kind"], d["step"]) for d in raw] == [("subset", 0), ("subset", 5), ("subset", 10), ("epoch", 12)]
    assert all(type(d) is dict and type(d["per_class_accuracy"]) is list for d in raw)
    assert set(raw[0]) == {"kind", "step", "epoch", "test_loss", "test_accuracy", "per_class_accuracy",
                           "test_cross_entropy"}
    back = load_run(path).history.evaluations
    assert all(isinstance(e, EvaluationSummary) for e in back)
    for e, ev in zip(back, evals, strict=True):  # each equals the evaluation its frame carried
        assert (e.kind, e.step, e.epoch) == (ev.kind, ev.step, ev.step / 12)
        assert (e.test_loss, e.test_accuracy) == (ev.test_loss, ev.test_accuracy)
        assert e.test_cross_entropy == ev.test_cross_entropy
        assert e.per_class_accuracy == tuple(ev.per_class_accuracy)


def test_a_run_file_of_the_dict_format_loads_and_shows_its_test_curves(tmp_path):
    ckpt = run(SMALL.replace(epochs=1, eval_every=0))[-1].checkpoint
    path = save_run(tmp_path / "run.pt", ckpt)
    blob = torch.load(path, weights_only=True)
    per_class = [0.5] * 9 + [float("nan")]
    blob["history"]["evaluations"] = [  # written by hand, as an older GradLab wrote them
        {"kind": "subset", "step": 0, "epoch": 0.0, "test_loss": 2.5, "test_accuracy": 0.125,
         "per_class_accuracy": per_class},
        {"kind": "epoch", "step": 12, "epoch": 1.0, "test_loss": 0.75, "test_accuracy": 0.875,
         "per_class_accuracy": per_class}]
    torch.save(blob, path)
    loaded = load_run(path)
    first = loaded.history.evaluations[0]
    assert (first.kind, first.step, first.epoch) == ("subset", 0, 0.0)
    assert (first.test_loss, first.test_accuracy) == (2.5, 0.125)
    assert first.per_class_accuracy[:9] == (0.5,) * 9 and math.isnan(first.per_class_accuracy[9])
    # and it writes back the same dicts, plus the test cross-entropy it did not have (NaN)
    back = loaded.history.to_dict()["evaluations"][1]
    assert math.isnan(back.pop("test_cross_entropy"))
    assert back == {
        "kind": "epoch", "step": 12, "epoch": 1.0, "test_loss": 0.75, "test_accuracy": 0.875,
        "per_class_accuracy": [0.5] * 9 + [loaded.history.evaluations[1].per_class_accuracy[9]]}
    from gradlab.gui.mnist.runs import run_from_checkpoint  # Qt-free: the GUI's reader

    shown = run_from_checkpoint(loaded, "#000000", 1)
    np.testing.assert_array_equal(shown.subset_evals.loss.view(), [2.5])
    np.testing.assert_array_equal(shown.epoch_evals.accuracy.view(), [0.875])
    np.testing.assert_array_equal(shown.epoch_evals.epoch.view(), [1.0])
    assert shown.saved_steps_per_epoch == 12
    # Trained with cross-entropy: its own test loss is the common measure, so it is drawn.
    np.testing.assert_array_equal(shown.epoch_evals.cross_entropy.view(), [0.75])
    assert shown.note == ""
    # Trained with another loss, an old file has no test cross-entropy: none is made up,
    # and the run says why its test curve is missing.
    other = run_from_checkpoint(dataclasses.replace(loaded, config=loaded.config.replace(
        loss="softmax_mse")), "#000000", 2)
    assert np.all(np.isnan(other.epoch_evals.cross_entropy.view()))
    np.testing.assert_array_equal(other.epoch_evals.accuracy.view(), [0.875])
    assert "without test cross-entropy" in other.note


def _oracle_cross_entropy(checkpoint: Checkpoint, data, n: int, activation) -> float:
    """−mean log softmax(z)_y of the first n test digits, in float64 numpy from the saved
    weights: the network written out by hand, not the trainer's code."""
    sd = checkpoint.state["model"]
    layers = len([k for k in sd if k.endswith(".weight")])
    a = (np.asarray(data.test_images[:n], np.float64).reshape(n, -1) / 255 - 0.1307) / 0.3081
    for i in range(layers):
        w, b = (sd[f"{2 * i}.{p}"].double().numpy() for p in ("weight", "bias"))
        a = a @ w.T + b
        if i < layers - 1:
            a = activation(a)
    z = a - a.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    y = np.asarray(data.test_labels[:n])
    return float(-log_p[np.arange(n), y].mean())


@pytest.mark.parametrize("loss", ["softmax_mse", "focal", "cross_entropy"])
def test_every_evaluation_measures_the_test_cross_entropy_whatever_the_loss(loss):
    config = SMALL.replace(loss=loss, epochs=1, eval_every=0, hyper={"lr": 3e-3}, dtype="float64")
    frames = run(config)
    final = frames[-1]
    expected = _oracle_cross_entropy(final.checkpoint, DATA, 200, lambda x: np.maximum(x, 0))
    assert final.evaluation.test_cross_entropy == pytest.approx(expected, rel=1e-9)
    assert final.epoch_result.test_cross_entropy == pytest.approx(expected, rel=1e-9)
    assert final.checkpoint.history.evaluations[-1].test_cross_entropy == pytest.approx(expected, rel=1e-9)
    if loss == "cross_entropy":
        assert final.evaluation.test_loss == pytest.approx(expected, rel=1e-9)
    else:  # the run's own loss is another number on another scale
        assert abs(final.evaluation.test_loss - expected) > 0.05


def test_load_run_rejects_other_files(tmp_path):
    (tmp_path / "x.pt").write_bytes(b"not a run")
    with pytest.raises(ValueError, match="not a GradLab run"):
        load_run(tmp_path / "x.pt")
    torch.save({"a": torch.zeros(1)}, tmp_path / "y.pt")
    with pytest.raises(ValueError, match="not a GradLab run"):
        load_run(tmp_path / "y.pt")


@pytest.mark.slow
def test_real_mnist_subset_trains_far_above_chance(mnist_dir):
    from gradlab.core.mnist.data import load

    data = load(mnist_dir)
    config = TrainConfig(hidden=(128, 64), epochs=2, train_subset=10000, test_subset=2000,
                         eval_every=0, threads=1)
    frames = run(config, data)
    assert frames[-1].epoch_result.test_accuracy > 0.8  # chance is 0.1; this run gets ~0.89


def test_blas_threads_can_be_set_at_run_time():
    from gradlab.core.blas_threads import blas_threads, set_blas_threads

    before = blas_threads()
    if before is None:
        pytest.skip("numpy's BLAS is not a bundled OpenBLAS here")
    try:
        assert set_blas_threads(2) and blas_threads() == 2
        assert set_blas_threads(1) and blas_threads() == 1
    finally:
        set_blas_threads(before)


def test_labels_are_checked_once_per_dataset_not_per_batch(monkeypatch):
    from gradlab.core import losses

    calls = []
    real = losses._check_labels
    monkeypatch.setattr(losses, "_check_labels", lambda *a: (calls.append(len(a[2])), real(*a))[1])
    run(SMALL.replace(epochs=1, eval_every=0))
    # the 600 training labels once, then the 200 test labels at the epoch's end: none of
    # the 12 batches of 50 is checked again
    assert calls == [600, 200]


def test_a_bad_training_label_is_reported_before_the_first_step():
    import dataclasses

    labels = DATA.train_labels.copy()
    labels[-1] = 10  # in the last batch: a per-batch check would find it only at step 12
    bad = dataclasses.replace(DATA, train_labels=labels)
    frames = train(SMALL.replace(eval_every=0), bad, frame_seconds=0.0)  # a frame per step
    with pytest.raises(ValueError, match="label 10 is out of range"):
        next(frames)


def test_plain_cross_entropy_runs_in_torchs_kernel_and_equals_the_core_formula():
    """The torch engine hands plain cross-entropy to F.cross_entropy (a fused kernel); it
    must be the core's formula: same value and same gradient w.r.t. the logits."""
    import torch.nn.functional as F

    from gradlab.core import losses
    from gradlab.core.mnist.model import TorchEngine

    core = losses.get("cross_entropy")
    init = mlp.init_params([6, 5, 10], 0, np.float64)
    engine = TorchEngine(init, "relu", {}, core, torch.device("cpu"), torch.float64, labels_checked=True)
    assert engine._loss_value is F.cross_entropy
    g = torch.Generator().manual_seed(0)
    z = (torch.randn(40, 10, generator=g, dtype=torch.float64) * 4).requires_grad_()
    y = torch.randint(0, 10, (40,), generator=g)
    F.cross_entropy(z, y).backward()
    theirs = z.grad.clone()
    np.testing.assert_allclose(F.cross_entropy(z, y).item(), core.value(z.detach().numpy(), y.numpy()),
                               rtol=1e-13)
    np.testing.assert_allclose(theirs.numpy(), core.grad(z.detach().numpy(), y.numpy()), rtol=1e-11, atol=1e-15)
    other = TorchEngine(init, "relu", {}, losses.get("focal"), torch.device("cpu"), torch.float64,
                        labels_checked=True)
    assert other._loss_value is not F.cross_entropy  # the other losses: their core formulas


def test_a_finished_cosine_run_given_more_epochs_follows_its_new_cosine():
    """Training a finished run for more epochs stretches the cosine over the new length:
    the rate of step k is η_min + (η − η_min)(1 + cos(π k / T_new)) / 2, not η_min."""
    config = SMALL.replace(schedule="cosine", schedule_unit="batch", epochs=1, eval_every=0)
    first = run(config)
    first_lrs = np.concatenate([f.lrs for f in first])
    assert first_lrs[-1] < 1e-4  # the end of a one-epoch cosine
    more = run(config.replace(epochs=3), resume=first[-1].checkpoint)
    lrs = np.concatenate([f.lrs for f in more])
    k = steps(more) - 1  # the rate used at step k + 1 is the schedule's value at k
    np.testing.assert_allclose(lrs, 1e-3 * (1 + np.cos(np.pi * k / 36)) / 2, rtol=1e-12)
    # the first epoch itself was the same cosine formula over its own length
    np.testing.assert_allclose(first_lrs, 1e-3 * (1 + np.cos(np.pi * np.arange(12) / 12)) / 2,
                               rtol=1e-12)


def test_a_run_saved_with_torchs_cosine_annealing_state_still_resumes():
    config = SMALL.replace(schedule="cosine", schedule_unit="batch", epochs=2, eval_every=0)
    frames = list(train(config, DATA, stop=iter([False] * 8 + [True] * 99).__next__))
    ckpt = frames[-1].checkpoint
    old = {"T_max": 24, "eta_min": 0.0, "base_lrs": [1e-3], "last_epoch": ckpt.step,
           "_step_count": ckpt.step + 1, "_get_lr_called_within_step": False,
           "_last_lr": [ckpt.state["scheduler"]["_last_lr"][0]]}
    ckpt.state["scheduler"] = old  # what CosineAnnealingLR saved
    rest = run(config, resume=ckpt)
    assert rest[-1].done and np.all(np.isfinite(losses(rest)))
    np.testing.assert_allclose(np.concatenate([f.lrs for f in rest])[0],
                               1e-3 * (1 + np.cos(np.pi * ckpt.step / 24)) / 2, rtol=1e-12)
