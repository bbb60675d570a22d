"""CoreOptimizer against torch.optim on a small MLP (float64): groups, schedulers, state."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from gradlab.core import optimizers as O
from gradlab.core.optimizers.torch_optim import CoreOptimizer
from test_optimizers import torch_oracle

torch.set_num_threads(1)


pytestmark = pytest.mark.usefixtures("torch_float64")


@pytest.fixture(autouse=True)
def _one_thread():
    """CoreOptimizer's numpy slices need one torch thread; other tests may change it."""
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


HYPER = {
    "sgd": {"lr": 0.1, "weight_decay": 0.01},
    "momentum": {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.01},
    "nesterov": {"lr": 0.05, "momentum": 0.8},
    "rmsprop": {"lr": 0.01, "alpha": 0.9, "weight_decay": 0.01},
    "adagrad": {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1},
    "adam": {"lr": 0.01, "weight_decay": 0.01},
    "adamw": {"lr": 0.01, "weight_decay": 0.1},
    "adamax": {"lr": 0.02},
    "nadam": {"lr": 0.01, "weight_decay": 0.01},
}


def make_model(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3)).double()


def data():
    g = torch.Generator().manual_seed(1)
    return torch.randn(32, 4, generator=g), torch.randint(0, 3, (32,), generator=g)


def groups(model: nn.Module) -> list[dict]:
    # Two groups with different learning rates: the second layer at a fifth of the first.
    first, second = model[0], model[2]
    return [{"params": list(first.parameters())},
            {"params": list(second.parameters()), "lr_scale": 0.2}]


def scaled(gs: list[dict], lr: float) -> list[dict]:
    return [{"params": g["params"], "lr": lr * g.get("lr_scale", 1.0)} for g in gs]


def train(model, opt, sched, x, y, steps):
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        sched.step()


def assert_same(a: nn.Module, b: nn.Module):
    for p, q in zip(a.parameters(), b.parameters()):
        torch.testing.assert_close(p, q, rtol=1e-10, atol=1e-10)


def pair(name: str, scheduler):
    """Our model/optimizer/scheduler and torch's, from identical starting weights."""
    h = O.get(name, **HYPER[name]).hyper
    ours_m, theirs_m = make_model(), make_model()
    ours = CoreOptimizer(scaled(groups(ours_m), h["lr"]), name, **HYPER[name])
    theirs = torch_oracle(name, scaled(groups(theirs_m), h["lr"]), h)
    return (ours_m, ours, scheduler(ours)), (theirs_m, theirs, scheduler(theirs))


def step_lr(opt):
    return torch.optim.lr_scheduler.StepLR(opt, step_size=7, gamma=0.5)


def lambda_lr(opt):
    return torch.optim.lr_scheduler.LambdaLR(opt, lambda epoch: 1.0 / (1.0 + 0.1 * epoch))


@pytest.mark.parametrize("name", O.names())
def test_matches_torch_optim_on_an_mlp_with_groups_and_scheduler(name):
    x, y = data()
    (am, ao, as_), (bm, bo, bs) = pair(name, step_lr if name != "adam" else lambda_lr)
    start = [p.detach().clone() for p in am.parameters()]
    train(am, ao, as_, x, y, 20)
    train(bm, bo, bs, x, y, 20)
    assert_same(am, bm)
    assert ao.param_groups[0]["lr"] == bo.param_groups[0]["lr"] < HYPER[name]["lr"]
    assert max((p - s).abs().max() for p, s in zip(am.parameters(), start)) > 1e-3


@pytest.mark.parametrize("name", ["momentum", "adam", "adagrad", "nadam"])
def test_state_dict_round_trip_mid_run(name):
    x, y = data()
    (am, ao, as_), (bm, bo, bs) = pair(name, step_lr)
    train(am, ao, as_, x, y, 10)
    train(bm, bo, bs, x, y, 10)
    saved_opt = copy.deepcopy(ao.state_dict())
    saved_sched = copy.deepcopy(as_.state_dict())
    saved_model = copy.deepcopy(am.state_dict())

    some = saved_opt["state"][0]
    assert some["step"] == 10 and isinstance(some["step"], int)
    for field in O.get(name).slot_names:
        assert field in some

    # A fresh process would do this: new model, new optimizer, load both, continue.
    cm = make_model(seed=99)
    cm.load_state_dict(saved_model)
    co = CoreOptimizer(scaled(groups(cm), 1.0), name, **HYPER[name])
    co.load_state_dict(saved_opt)
    cs = step_lr(co)
    cs.load_state_dict(saved_sched)
    train(cm, co, cs, x, y, 10)
    train(bm, bo, bs, x, y, 10)
    assert_same(cm, bm)
    assert co.state[next(iter(cm.parameters()))]["step"] == 20


def test_zero_grad_and_params_without_grad_are_skipped():
    model = make_model()
    frozen = nn.Parameter(torch.ones(3))
    opt = CoreOptimizer([{"params": list(model.parameters()) + [frozen]}], "adam", lr=0.1)
    x, y = data()
    nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
    assert torch.equal(frozen, torch.ones(3)) and frozen not in opt.state
    opt.zero_grad()
    assert all(p.grad is None for p in model.parameters())
    before = [p.detach().clone() for p in model.parameters()]
    opt.step()  # no gradients: nothing moves, no step counted
    assert all(torch.equal(p, b) for p, b in zip(model.parameters(), before))
    assert all(s["step"] == 1 for s in opt.state.values())


def test_closure_loss_is_returned_and_used():
    model = make_model()
    opt = CoreOptimizer(model.parameters(), "sgd", lr=0.5)
    x, y = data()

    def closure():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        return loss

    first = opt.step(closure)
    second = opt.step(closure)
    assert second.item() < first.item()


def test_a_group_override_applies_to_that_group_only():
    model = make_model()
    opt = CoreOptimizer([{"params": model[0].parameters(), "momentum": 0.0},
                         {"params": model[2].parameters()}], "momentum", lr=0.1)
    x, y = data()
    for _ in range(2):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    # μ = 0 keeps no memory (b = g); the default μ = 0.9 does.
    w0, w2 = model[0].weight, model[2].weight
    torch.testing.assert_close(opt.state[w0]["velocity"], w0.grad, rtol=0, atol=0)
    assert not torch.allclose(opt.state[w2]["velocity"], w2.grad)
    assert opt.param_groups[1]["momentum"] == 0.9


@pytest.mark.parametrize("hyper", [{"lr": -1.0}, {"lr": float("nan")}, {"beta1": 1.0},
                                   {"eps": 0.0}, {"momentum": 0.9}])
def test_invalid_hyperparameters_raise(hyper):
    with pytest.raises(ValueError, match=repr(next(iter(hyper.values()))) if "momentum" not in hyper
                       else "'momentum'"):
        CoreOptimizer(make_model().parameters(), "adam", **hyper)


def test_invalid_group_override_and_unknown_name_raise():
    model = make_model()
    with pytest.raises(ValueError, match="-0.5"):
        CoreOptimizer([{"params": model[0].parameters(), "lr": -0.5}], "sgd")
    with pytest.raises(ValueError, match="'adamm'.*adam"):
        CoreOptimizer(model.parameters(), "adamm")


# --- without numba: CPU parameters are updated in slices of numpy views (see torch_optim) -


def counting_slices(monkeypatch) -> list[int]:
    """Sizes of the parameters updated through `_update_in_slices`, call by call."""
    calls = []
    real = CoreOptimizer._update_in_slices

    def counted(self, p, *args):
        calls.append(p.numel())
        return real(self, p, *args)

    monkeypatch.setattr(CoreOptimizer, "_update_in_slices", counted)
    return calls


@pytest.mark.parametrize("name", O.names())
def test_torch_path_on_the_cpu_matches_torch_optim(name, monkeypatch):
    """With NUMPY_SLICES off, CPU tensors take the accelerator's path: torch, whole."""
    from gradlab.core.optimizers import torch_optim

    monkeypatch.setattr(torch_optim, "NUMPY_SLICES", False)
    monkeypatch.setattr(torch_optim, "COMPILED", False)
    sliced = counting_slices(monkeypatch)
    x, y = data()
    (am, ao, as_), (bm, bo, bs) = pair(name, step_lr)
    train(am, ao, as_, x, y, 20)
    train(bm, bo, bs, x, y, 20)
    assert_same(am, bm)
    assert sliced == []


def test_a_graph_that_saved_a_parameter_sees_the_update():
    """numpy writes behind autograd's back; the optimizer bumps the version counter so a
    backward through a graph built before the step fails, as with torch.optim."""
    model = make_model()
    opt = CoreOptimizer(model.parameters(), "sgd", lr=0.1)
    x, y = data()
    nn.functional.cross_entropy(model(x), y).backward()
    stale = (model[2].weight ** 2).sum()  # saves the weight for its backward
    opt.step()
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        stale.backward()


@pytest.fixture
def tiny_slices(monkeypatch):
    """Slices of 7 float64 entries: the first layer's 4x16 weight (64 entries) is updated in
    10 slices, the last one ragged (64 = 9 x 7 + 1), and every bias but the last too."""
    from gradlab.core.optimizers import torch_optim

    monkeypatch.setattr(torch_optim, "CHUNK_BYTES", 7 * 8)
    monkeypatch.setattr(torch_optim, "COMPILED", False)  # numpy slices, not the loop
    return counting_slices(monkeypatch)


@pytest.mark.parametrize("name", O.names())
def test_sliced_updates_match_torch_optim(name, tiny_slices):
    x, y = data()
    (am, ao, as_), (bm, bo, bs) = pair(name, step_lr)
    train(am, ao, as_, x, y, 20)
    train(bm, bo, bs, x, y, 20)
    assert_same(am, bm)
    assert 64 in tiny_slices  # the slices were taken: the test is not vacuous


@pytest.mark.parametrize("name", O.names())
def test_sliced_and_whole_updates_are_identical(name, monkeypatch):
    """Every core rule is elementwise, so slicing changes nothing, not even rounding:
    one slice per tensor against slices of 5 entries."""
    from gradlab.core.optimizers import torch_optim

    monkeypatch.setattr(torch_optim, "COMPILED", False)
    x, y = data()
    runs = []
    for chunk_bytes in (1 << 40, 5 * 8):
        monkeypatch.setattr(torch_optim, "CHUNK_BYTES", chunk_bytes)
        model = make_model()
        opt = CoreOptimizer(model.parameters(), name, **HYPER[name])
        train(model, opt, torch.optim.lr_scheduler.StepLR(opt, 3), x, y, 8)
        runs.append((model, opt))
    (a, ao), (b, bo) = runs
    assert_identical(a, ao, b, bo)


def assert_identical(a: nn.Module, ao, b: nn.Module, bo) -> None:
    """The same parameters and optimizer state, bit for bit."""
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.equal(p, q)
        for k, v in ao.state[p].items():
            w = bo.state[q][k]
            assert torch.equal(v, w) if isinstance(v, torch.Tensor) else v == w


def test_sliced_state_dict_round_trip_mid_run(tiny_slices):
    """The state's tensors are updated in place: a saved copy is unaffected and loads back."""
    x, y = data()
    (am, ao, as_), (bm, bo, bs) = pair("nadam", step_lr)
    train(am, ao, as_, x, y, 10)
    train(bm, bo, bs, x, y, 10)
    saved = copy.deepcopy(ao.state_dict())
    live = ao.state_dict()["state"][0]["m"]
    frozen = saved["state"][0]["m"].clone()
    train(am, ao, as_, x, y, 1)
    assert not torch.equal(live, frozen) and torch.equal(saved["state"][0]["m"], frozen)
    cm = make_model(seed=99)
    cm.load_state_dict(am.state_dict())
    co = CoreOptimizer(scaled(groups(cm), 1.0), "nadam", **HYPER["nadam"])
    co.load_state_dict(ao.state_dict())
    cs = step_lr(co)
    cs.load_state_dict(as_.state_dict())
    train(bm, bo, bs, x, y, 1)
    train(cm, co, cs, x, y, 10)
    train(bm, bo, bs, x, y, 10)
    assert_same(cm, bm)
    assert isinstance(co.state[next(iter(cm.parameters()))]["mu_product"], float)


def test_with_more_torch_threads_the_update_is_torch_whole(tiny_slices):
    torch.set_num_threads(2)  # restored by _one_thread
    x, y = data()
    (am, ao, as_), (bm, bo, bs) = pair("adam", step_lr)
    train(am, ao, as_, x, y, 5)
    train(bm, bo, bs, x, y, 5)
    assert_same(am, bm)
    assert tiny_slices == []


def test_non_contiguous_parameters_are_updated_whole(tiny_slices):
    base = torch.randn(16, 8)
    p = nn.Parameter(base.t())  # a transposed view: not contiguous, no flat view
    assert not p.is_contiguous()
    ref = nn.Parameter(base.t().clone())
    ours, theirs = CoreOptimizer([p], "adam", lr=0.1), torch.optim.Adam([ref], lr=0.1)
    for _ in range(3):
        for q, opt in ((p, ours), (ref, theirs)):
            opt.zero_grad()
            (q.sin() * torch.arange(16.0)).sum().backward()
            opt.step()
    torch.testing.assert_close(p, ref, rtol=1e-12, atol=1e-12)
    assert tiny_slices == []
