"""Optimizer rules compiled into one loop (`rule_kernel`), and CoreOptimizer's use of them.

The oracle for the loop is the rule itself on numpy arrays: same operations, same order,
same dtype, so the results must be equal bit for bit, not merely close. CoreOptimizer's
compiled path is also checked against torch.optim in test_torch_optim.py (its default).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from gradlab.core import optimizers as O
from gradlab.core.optimizers import rule_kernel
from gradlab.core.optimizers import torch_optim
from gradlab.core.optimizers.torch_optim import CoreOptimizer
from test_torch_optim import assert_identical

pytest.importorskip("numba")

VARIANTS = {
    "sgd": [{}, {"weight_decay": 0.01}],
    "momentum": [{}, {"weight_decay": 0.01}],
    "nesterov": [{"weight_decay": 0.01}],
    "rmsprop": [{}, {"eps_in_sqrt": True, "weight_decay": 0.01}],
    "adagrad": [{"lr_decay": 0.01, "initial_accumulator_value": 0.1}],
    "adam": [{}, {"weight_decay": 0.01}],
    "adamw": [{"weight_decay": 0.1}],
    "adamax": [{}, {"weight_decay": 0.01}],
    "nadam": [{}, {"weight_decay": 0.01}],
}
CASES = [(name, h) for name in O.names() for h in VARIANTS[name]]


def test_every_optimizer_has_variants():
    assert set(VARIANTS) == set(O.names())


def _copy(slots):
    return [s.copy() if isinstance(s, np.ndarray) else s for s in slots]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,hyper", CASES)
def test_the_loop_equals_the_rule_on_numpy_arrays_bit_for_bit(name, hyper, dtype):
    core = O.get(name, **hyper)
    h = dict(core.hyper)
    rng = np.random.default_rng(0)
    p = rng.standard_normal(777).astype(dtype)
    # Gradients over many magnitudes, zeros included: rounding differences would show.
    scale = np.exp(rng.uniform(-12, 3, 777)).astype(dtype)
    ours = _copy(core.init_slots(p, h))
    theirs, q = _copy(ours), p.copy()
    for t in range(1, 31):
        g = (rng.standard_normal(777) * scale).astype(dtype)
        g[::50] = 0
        ours = list(rule_kernel.run(core.rule, p, g, tuple(ours), t, h))
        update, new = core.rule(g, q, tuple(theirs), t, h)
        q += update
        theirs = list(new)
    assert p.dtype == dtype and np.array_equal(p, q)
    for a, b in zip(ours, theirs):
        assert np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b
    assert not np.array_equal(p, rng.standard_normal(0)) and np.abs(p).max() > 0


def test_nan_and_inf_propagate_as_in_numpy():
    """Adamax's max(β₂u, |g|+ε): numpy.maximum returns NaN if either side is NaN; the loop's
    maximum must too (a plain `a if a > b else b` would silently drop it)."""
    core = O.get("adamax")
    h = dict(core.hyper)
    g = np.array([np.nan, 1.0, np.inf, -np.inf, 0.0, 2.0])
    u0 = np.array([1.0, np.nan, 1.0, 1.0, np.inf, 0.0])
    p = np.zeros(6)
    m = np.zeros(6)
    m2, u2, q = m.copy(), u0.copy(), p.copy()
    with np.errstate(invalid="ignore"):  # inf/inf, as intended
        rule_kernel.run(core.rule, p, g, (m, u0.copy()), 1, h)
        update, _ = core.rule(g, q, (m2, u2), 1, h)
    np.testing.assert_array_equal(p, q + update)


def test_the_loop_source_depends_on_the_structure_not_the_numbers():
    """t and the learning rate change only the loop's arguments: one compilation serves
    a whole run; a structural choice (weight decay on) is another loop."""
    rule = O.get("adam").rule
    slots = (np.zeros(3), np.zeros(3))
    h = dict(O.get("adam").hyper)
    a = rule_kernel.record(rule, slots, 1, h)
    b = rule_kernel.record(rule, slots, 500, {**h, "lr": 0.5})
    c = rule_kernel.record(rule, slots, 1, {**h, "weight_decay": 0.1})
    assert a.source == b.source and a.constants != b.constants
    assert c.source != a.source
    assert rule_kernel.kernel_for(a.source) is rule_kernel.kernel_for(b.source)


def _exp_rule(g, p, slots, t, h):
    return -h["lr"] * np.exp(g), slots


def _sum_rule(g, p, slots, t, h):
    return -h["lr"] * g / np.sum(g), slots


def _branching_rule(g, p, slots, t, h):
    return (-h["lr"] * g if g > 0 else g), slots


def _equality_rule(g, p, slots, t, h):
    return (g if g == 0 else -h["lr"] * g), slots


def _float_pow_rule(g, p, slots, t, h):
    return -h["lr"] * g ** 1.5, slots


@pytest.mark.parametrize("rule,says", [(_exp_rule, "exp"), (_sum_rule, "sum"),
                                       (_branching_rule, "compares"),
                                       (_equality_rule, "compares"),
                                       (_float_pow_rule, r"\*\* 1.5")])
def test_what_the_recorder_does_not_know_is_refused_by_name(rule, says):
    with pytest.raises(rule_kernel.Untraceable, match=says):
        rule_kernel.record(rule, (), 1, {"lr": 0.1})


# --- CoreOptimizer ------------------------------------------------------------------------


def make_model(dtype=torch.float64) -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(5, 33), nn.ReLU(), nn.Linear(33, 4)).to(dtype)


def train(name: str, dtype, steps: int = 12, **hyper) -> tuple[nn.Module, CoreOptimizer]:
    model = make_model(dtype)
    opt = CoreOptimizer(model.parameters(), name, **hyper)
    g = torch.Generator().manual_seed(1)
    x, y = torch.randn(40, 5, generator=g).to(dtype), torch.randint(0, 4, (40,), generator=g)
    for _ in range(steps):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    return model, opt


@pytest.fixture
def compiled_calls(monkeypatch):
    calls = []
    real = rule_kernel.apply

    def counted(recording, p, *args):
        calls.append(p.size)
        return real(recording, p, *args)

    monkeypatch.setattr(rule_kernel, "apply", counted)
    return calls


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("name,hyper", CASES)
def test_core_optimizer_compiled_equals_numpy_slices(name, hyper, dtype, monkeypatch,
                                                     compiled_calls):
    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)  # slices need one thread
    a, ao = train(name, dtype, **hyper)
    assert 33 * 5 in compiled_calls  # the loop ran: the comparison is not vacuous
    monkeypatch.setattr(torch_optim, "COMPILED", False)
    b, bo = train(name, dtype, **hyper)
    assert_identical(a, ao, b, bo)


def test_one_recording_per_step_serves_every_parameter(monkeypatch):
    recorded = []
    real = rule_kernel.record
    monkeypatch.setattr(rule_kernel, "record", lambda *a: recorded.append(1) or real(*a))
    train("adam", torch.float32, steps=3)
    assert len(recorded) == 3  # four parameters, three steps


def test_a_rule_the_recorder_refuses_falls_back_to_numpy(monkeypatch, compiled_calls):
    """An optimizer whose rule uses an operation the loop cannot express still trains,
    through numpy slices, and equals the same rule run by torch on whole tensors."""
    real = O.get("sgd").rule

    def rule_with_exp(g, p, slots, t, h):
        update, slots = real(g, p, slots, t, h)
        return update * np.exp(0.0 * g) if isinstance(g, (np.ndarray, rule_kernel.Entry)) \
            else update * (0.0 * g).exp(), slots

    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)
    monkeypatch.setattr(CoreOptimizer, "__init__", _patched_init(rule_with_exp))
    a, ao = train("sgd", torch.float64, lr=0.1)
    assert compiled_calls == [] and ao._compilable is False
    monkeypatch.setattr(torch_optim, "NUMPY_SLICES", False)
    b, _ = train("sgd", torch.float64, lr=0.1)
    for p, q in zip(a.parameters(), b.parameters()):
        torch.testing.assert_close(p, q, rtol=1e-12, atol=1e-12)


def _patched_init(rule):
    real_init = CoreOptimizer.__init__

    def init(self, params, name, **hyper):
        real_init(self, params, name, **hyper)
        self._rule = rule

    return init


def test_a_loop_numba_cannot_compile_falls_back_to_numpy(monkeypatch, compiled_calls):
    """A compiler failure (here: a typing error numba raises at the first call, before the
    loop runs) must not end a training run: CoreOptimizer goes on with numpy."""
    import numba

    def broken(source):
        def kernel(*args):
            raise numba.core.errors.TypingError("no implementation for this dtype")
        return kernel

    monkeypatch.setattr(rule_kernel, "kernel_for", broken)
    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)
    a, ao = train("adam", torch.float64, lr=0.01)
    assert ao._compilable is False and len(compiled_calls) == 1  # tried once, then numpy
    monkeypatch.setattr(torch_optim, "COMPILED", False)
    b, bo = train("adam", torch.float64, lr=0.01)
    assert_identical(a, ao, b, bo)


def test_without_numba_the_numpy_path_serves(monkeypatch, compiled_calls):
    assert rule_kernel.available()
    numba = rule_kernel._numba
    monkeypatch.setattr(rule_kernel, "_numba", False)
    assert not rule_kernel.available()
    a, _ = train("adam", torch.float64, lr=0.01)
    assert compiled_calls == []
    monkeypatch.setattr(rule_kernel, "_numba", numba)
    b, _ = train("adam", torch.float64, lr=0.01)
    assert compiled_calls != []  # the second run compiled (the first could not)
    for p, q in zip(a.parameters(), b.parameters()):
        torch.testing.assert_close(p, q, rtol=1e-12, atol=1e-12)


def test_the_loop_runs_whatever_the_thread_count(monkeypatch, compiled_calls):
    monkeypatch.setattr(torch, "get_num_threads", lambda: 4)
    train("adam", torch.float32, steps=2)
    assert compiled_calls


@pytest.mark.parametrize("name", ["adam", "nadam", "sgd"])
def test_prepare_compiles_the_loop_before_the_first_step(name, monkeypatch):
    """After prepare(), the first step compiles nothing (a timed epoch excludes it)."""
    monkeypatch.setattr(rule_kernel, "_kernels", {})  # as in a fresh process
    model = make_model(torch.float32)
    opt = CoreOptimizer(model.parameters(), name, lr=0.01)
    opt.prepare()
    kernels = dict(rule_kernel._kernels)
    compiled = {src: len(k.signatures) for src, k in kernels.items()}
    assert len(compiled) == 1 and list(compiled.values()) == [1]  # one loop, for float32
    assert all(not opt.state[p] for p in model.parameters())  # nothing was stepped
    before = [p.detach().clone() for p in model.parameters()]
    for p in model.parameters():
        p.grad = torch.ones_like(p)
    opt.step()
    assert rule_kernel._kernels.keys() == kernels.keys()
    assert {src: len(k.signatures) for src, k in rule_kernel._kernels.items()} == compiled
    assert all(not torch.equal(p, b) for p, b in zip(model.parameters(), before))


def test_parameters_off_the_cpu_are_updated_by_torch_whole(compiled_calls):
    """An accelerator's tensors (here the "meta" device, which has shapes but no data,
    standing in for CUDA on a machine without one) never reach numpy or the loop."""
    p = torch.zeros(4, 3, device="meta", requires_grad=True)
    p.grad = torch.ones(4, 3, device="meta")
    opt = CoreOptimizer([p], "adam", lr=0.1)
    opt.prepare()
    opt.step()
    opt.step()
    assert compiled_calls == [] and opt.state[p]["step"] == 2
    assert opt.state[p]["m"].device.type == "meta"
