"""The phases of backpropagation and their equations with the trace's numbers written in.

Each substituted string is parsed back into numbers, which are held against the trace's
arrays (4 significant digits), against the arithmetic the equation states (the shown
terms add up to the shown result when nothing is elided), and, for δ of the output layer
and the gradients, against torch autograd in float64.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from gradlab.core import losses, mlp, optimizers
from gradlab.core.backprop import trace
from gradlab.core.backprop.data import small_batch
from gradlab.core.backprop.equations import number
from gradlab.core.backprop.phases import KINDS, Phase, edge_tooltip, phases, phases_for, substituted, unit_tooltip

_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
_NUMBER = re.compile(r"[−-]?\d+\.\d*(?:×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")


def nums(text: str) -> list[float]:
    """Every number with a decimal point, in order ("−0.1200" → -0.12, "1.5×10⁻⁵" → 1.5e-5)."""
    out = []
    for token in _NUMBER.findall(text):
        token = token.replace("−", "-")
        if "×10" in token:
            mantissa, exponent = token.split("×10")
            out.append(float(f"{mantissa}e{exponent.translate(_SUPERSCRIPT)}"))
        else:
            out.append(float(token))
    return out


def same(parsed: list[float], expected, what: str = "") -> None:
    """Four significant digits: each parsed number within 5e-4 (relative) of the truth."""
    expected = [float(v) for v in expected]
    assert len(parsed) == len(expected), f"{what}: {parsed} vs {expected}"
    for p, e in zip(parsed, expected):
        assert p == pytest.approx(e, rel=5.01e-4, abs=1e-300), f"{what}: {parsed} vs {expected}"


def shown(values, max_terms: int) -> list[float]:
    return list(values)[:max_terms]


# -- the two networks --------------------------------------------------------------

NETS = {
    "2-3-3-2": dict(sizes=[2, 3, 3, 2], activation="sigmoid", n=3, seed=0),
    "4-6-2": dict(sizes=[4, 6, 2], activation="tanh", n=5, seed=1),
}
LOSSES = {
    "cross_entropy": lambda c: losses.get("cross_entropy"),
    "weighted_cross_entropy": lambda c: losses.get("weighted_cross_entropy", weights=[1.0, 3.0, 0.5][:c]),
    "focal": lambda c: losses.get("focal", gamma=2.0, alpha=[0.25, 0.75, 0.5][:c]),
    "softmax_mse": lambda c: losses.get("softmax_mse"),
}


def make(net: str, loss: str = "cross_entropy", optimizer=None):
    spec = NETS[net]
    sizes = spec["sizes"]
    x, y = small_batch(sizes[0], sizes[-1], spec["n"], spec["seed"])
    params = mlp.init_params(sizes, spec["seed"], np.float64)
    return trace(params, spec["activation"], x, y, LOSSES[loss](sizes[-1]), optimizer=optimizer)


def phase(t, kind: str, layer: int | None = None) -> Phase:
    return next(p for p in phases_for(t) if p.kind == kind and (layer is None or p.layer == layer))


# -- the phases --------------------------------------------------------------------


@pytest.mark.parametrize("L", [1, 2, 3, 4])
@pytest.mark.parametrize("with_update", [False, True])
def test_phase_order(L, with_update):
    ps = phases(L, with_update)
    expected = ([("forward", l) for l in range(1, L + 1)] + [("loss", None), ("output_delta", None)]
                + [("hidden_delta", l) for l in range(L - 1, 0, -1)] + [("gradients", None)]
                + ([("update", None)] if with_update else []))
    assert [(p.kind, p.layer) for p in ps] == expected
    assert {p.kind for p in ps} <= set(KINDS)
    for p in ps:
        assert "^2" not in p.equation and "_i" not in p.equation and "**" not in p.equation


def test_titles_and_symbolic_equations_in_the_seeds_notation():
    ps = phases(3, True)
    by = {(p.kind, p.layer): p for p in ps}
    assert by[("forward", 2)].title == "Forward: layer 2"
    assert by[("forward", 2)].equation == "z⁽²⁾ = W⁽²⁾ a⁽¹⁾ + b⁽²⁾,  a⁽²⁾ = f(z⁽²⁾)"
    assert by[("forward", 1)].equation.endswith("a⁽⁰⁾ = x")
    assert "linear" in by[("forward", 3)].equation and "f(z⁽³⁾)" not in by[("forward", 3)].equation
    assert by[("hidden_delta", 1)].title == "δ of layer 1"
    assert by[("hidden_delta", 1)].equation == "δ⁽¹⁾ = ((W⁽²⁾)ᵀ δ⁽²⁾) ⊙ f'(z⁽¹⁾)"
    assert by[("output_delta", None)].title == "δ of layer 3 (output)"
    assert by[("output_delta", None)].equation.startswith("δᵢ⁽³⁾ = ∇ₐCᵢ ⊙ f'(zᵢ⁽³⁾) = ∂Cᵢ/∂zᵢ⁽³⁾")
    grads = by[("gradients", None)].equation
    assert "δᵢ⁽ˡ⁾ (aᵢ⁽ˡ⁻¹⁾)ᵀ" in grads and "∂C/∂b⁽ˡ⁾" in grads and "l = 1, …, 3" in grads
    assert "η" in by[("update", None)].equation  # gradient descent, as the course text writes it


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_phase_shows_the_losss_formula_and_softmax(name):
    loss = LOSSES[name](3)
    p = next(p for p in phases(2, False, loss=loss) if p.kind == "loss")
    assert p.equation == f"p = softmax(z⁽²⁾),  {loss.formula}"
    assert loss.title in p.title


def test_output_delta_is_p_minus_y_for_cross_entropy_only():
    def eq(loss):
        return next(p for p in phases(2, False, loss=loss) if p.kind == "output_delta").equation

    assert eq("cross_entropy").endswith("= pᵢ − onehot(yᵢ)")
    for name in ("weighted_cross_entropy", "focal", "softmax_mse"):
        text = eq(LOSSES[name](3))
        assert not text.endswith("= pᵢ − onehot(yᵢ)"), text
    assert "w_yᵢ" in eq(LOSSES["weighted_cross_entropy"](3))
    assert "(1 − pₜ)ᵞ" in eq(LOSSES["focal"](3))
    assert "gᵢ = 2(pᵢ − onehot(yᵢ))/C" in eq(LOSSES["softmax_mse"](3))
    # no loss named: the general form only
    assert eq(None).endswith("∂Cᵢ/∂zᵢ⁽²⁾")


def test_update_phase_carries_the_optimizers_formula():
    opt = optimizers.get("adam", lr=0.1)
    t = make("2-3-3-2", optimizer=opt)
    p = phases_for(t)[-1]
    assert p.kind == "update" and p.title == "Update: Adam"
    assert p.equation.splitlines()[: len(opt.formula)] == opt.formula
    assert [q.kind for q in phases_for(make("2-3-3-2"))][-1] == "gradients"


def test_bad_layer_count():
    with pytest.raises(ValueError, match="n_layers"):
        phases(0, False)


# -- numbers in the equations -------------------------------------------------------


def test_number_format():
    assert number(0.312) == "0.3120"
    assert number(-1.0) == "−1.000"
    assert number(0.05) == "0.05000"
    assert number(-0.0) == "0.000"
    assert number(1.5e-5) == "1.500×10⁻⁵"
    assert number(1234.0) == "1234.0"
    assert nums("(−0.1200)(1.500×10⁻⁵) + 2.000×10¹² (1/3) x₁⁽²⁾") == [-0.12, 1.5e-5, 2e12]


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("max_terms", [100, 2])
def test_forward(net, max_terms):
    t = make(net)
    for l in range(1, t.n_layers + 1):
        for i in range(t.n_samples):
            for j in range(t.sizes[l]):
                text = substituted(t, phase(t, "forward", l), sample=i, unit=j, max_terms=max_terms)
                n_in = t.sizes[l - 1]
                assert ("…" in text) == (n_in > max_terms)
                pairs = [v for k in range(min(n_in, max_terms)) for v in (t.W[l - 1][j, k], t.a[l - 1][i, k])]
                z = t.z[l - 1][i, j]
                tail = [t.b[l - 1][j], z] + ([z, t.a[l][i, j]] if l < t.n_layers else [])
                got = nums(text)
                same(got, pairs + tail, text)
                if n_in <= max_terms:  # the shown sum is the result
                    total = sum(got[2 * k] * got[2 * k + 1] for k in range(n_in)) + got[2 * n_in]
                    assert total == pytest.approx(got[2 * n_in + 1], abs=2e-3 * (1 + n_in))
                if l < t.n_layers:
                    f = "σ(" if t.activation == "sigmoid" else "tanh("
                    assert f"= {number(z)},  a" in text and f in text


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("max_terms", [100, 2])
def test_loss(net, loss, max_terms):
    t = make(net, loss)
    c = t.sizes[-1]
    n = t.n_samples
    for i in range(n):
        for j in range(c):
            softmax, sample, batch = substituted(t, phase(t, "loss"), sample=i, unit=j, max_terms=max_terms).split("\n")
            # pⱼ = exp(zⱼ) / Σₖ exp(zₖ)
            z = t.z[-1][i]
            same(nums(softmax), [z[j], *shown(z, max_terms), t.p[i, j]], softmax)
            assert ("…" in softmax) == (c > max_terms)
            assert math.exp(z[j]) / np.exp(z).sum() == pytest.approx(nums(softmax)[-1], rel=6e-4)
            # Cᵢ in the loss's own form
            y = int(t.y[i])
            p_y, c_i = t.p[i, y], t.sample_losses[i]
            got = nums(sample)
            if loss == "cross_entropy":
                same(got, [p_y, c_i], sample)
                assert -math.log(got[0]) == pytest.approx(got[1], rel=2e-3)
            elif loss == "weighted_cross_entropy":
                w = np.asarray(t.loss_params["weights"])
                same(got, [w[y], w[t.y].sum(), p_y, c_i], sample)
                assert n * got[0] / got[1] * -math.log(got[2]) == pytest.approx(got[3], rel=2e-3)
            elif loss == "focal":
                alpha = t.loss_params["alpha"][y]
                same(got, [alpha, 2.0, p_y, c_i], sample)
                a, g, pt, ci = got
                assert -a * (1 - pt) ** g * math.log(pt) == pytest.approx(ci, rel=5e-3)
            else:
                same(got, [*shown(t.p[i], max_terms), c_i], sample)
                if c <= max_terms:
                    onehot = np.arange(c) == y
                    assert np.mean((np.array(got[:c]) - onehot) ** 2) == pytest.approx(got[-1], rel=2e-3)
            # C = (1/N) Σᵢ Cᵢ, the batch loss
            same(nums(batch), [*shown(t.sample_losses, max_terms), t.loss], batch)
            assert f"(1/{n})" in batch and ("…" in batch) == (n > max_terms)
            if n <= max_terms:
                assert np.mean(nums(batch)[:n]) == pytest.approx(nums(batch)[-1], rel=1e-3)


def _torch_output_delta(t, name: str) -> np.ndarray:
    """δᵢ = ∂Cᵢ/∂zᵢ = N ∂C/∂zᵢ of the batch loss, by torch autograd (float64), each loss
    written with torch's own functions."""
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    z = torch.tensor(np.array(t.z[-1]), requires_grad=True)
    y = torch.tensor(np.array(t.y))
    if name == "cross_entropy":
        C = F.cross_entropy(z, y)
    elif name == "weighted_cross_entropy":
        C = F.cross_entropy(z, y, weight=torch.tensor(t.loss_params["weights"], dtype=torch.float64))
    elif name == "focal":
        log_pt = F.log_softmax(z, dim=1).gather(1, y[:, None])[:, 0]
        alpha = torch.tensor(t.loss_params["alpha"], dtype=torch.float64)[y]
        C = (-alpha * (1 - log_pt.exp()) ** t.loss_params["gamma"] * log_pt).mean()
    else:
        C = F.mse_loss(F.softmax(z, dim=1), F.one_hot(y, z.shape[1]).double())
    C.backward()
    return z.grad.numpy() * len(t.y)


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("max_terms", [100, 1])
def test_output_delta(net, loss, max_terms):
    t = make(net, loss)
    oracle = _torch_output_delta(t, loss)
    c = t.sizes[-1]
    for i in range(t.n_samples):
        y = int(t.y[i])
        for j in range(c):
            text = substituted(t, phase(t, "output_delta"), sample=i, unit=j, max_terms=max_terms)
            d = t.delta[-1][i, j]
            got = nums(text)
            assert got[-1] == pytest.approx(oracle[i, j], rel=5.01e-4, abs=1e-12), text
            onehot = int(j == y)
            p_j = t.p[i, j]
            if loss == "cross_entropy":
                same(got, [p_j, d], text)
                assert got[0] - onehot == pytest.approx(got[1], abs=1e-3)
                assert f"{number(p_j)} − {onehot} =" in text
            elif loss == "weighted_cross_entropy":
                w = np.asarray(t.loss_params["weights"])
                same(got, [w[y], w[t.y].sum(), p_j, d], text)
                assert t.n_samples * got[0] / got[1] * (got[2] - onehot) == pytest.approx(got[3], rel=2e-3, abs=1e-6)
            elif loss == "focal":
                alpha, gamma, p_t = t.loss_params["alpha"][y], 2.0, t.p[i, y]
                factor = alpha * (1 - p_t) ** gamma * (1 - gamma * p_t * math.log(p_t) / (1 - p_t))
                same(got, [alpha, gamma, p_t, factor, p_j, d], text)
                assert got[3] * (got[4] - onehot) == pytest.approx(got[5], rel=2e-3, abs=1e-6)
            else:
                p = t.p[i]
                g = 2 * (p - (np.arange(c) == y)) / c
                pairs = [v for k in range(min(c, max_terms)) for v in (g[k], p[k])]
                same(got, [p_j, g[j], *pairs, d], text)
                assert ("…" in text) == (c > max_terms)
                if c <= max_terms:
                    inner = sum(got[2 + 2 * k] * got[3 + 2 * k] for k in range(c))
                    assert got[0] * (got[1] - inner) == pytest.approx(got[-1], rel=3e-3, abs=1e-5)
            if loss != "cross_entropy":  # the learner is not told p − y for the others
                assert not re.search(r"∂z\S* = p\S* − onehot", text), text


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("max_terms", [100, 2])
def test_hidden_delta(net, max_terms):
    t = make(net, "focal")
    for l in range(t.n_layers - 1, 0, -1):
        n_next = t.sizes[l + 1]
        for i in range(t.n_samples):
            for j in range(t.sizes[l]):
                text = substituted(t, phase(t, "hidden_delta", l), sample=i, unit=j, max_terms=max_terms)
                assert ("…" in text) == (n_next > max_terms)
                pairs = [v for k in range(min(n_next, max_terms)) for v in (t.W[l][k, j], t.delta[l][i, k])]
                tail = [t.z[l - 1][i, j], t.dC_da[l][i, j], t.fprime[l - 1][i, j], t.delta[l - 1][i, j]]
                got = nums(text)
                same(got, pairs + tail, text)
                s, fp, d = got[-3:]
                assert s * fp == pytest.approx(d, rel=2e-3, abs=1e-7)
                if n_next <= max_terms:
                    assert sum(got[2 * k] * got[2 * k + 1] for k in range(n_next)) == pytest.approx(s, abs=1e-3)
                f = "σ'(" if t.activation == "sigmoid" else "tanh'("
                assert f in text


def _torch_grads(t):
    """∂C/∂W⁽ˡ⁾ and ∂C/∂b⁽ˡ⁾ of the batch cross-entropy, by torch autograd in float64."""
    torch = pytest.importorskip("torch")
    Ws = [torch.tensor(np.array(W), requires_grad=True) for W in t.W]
    bs = [torch.tensor(np.array(b), requires_grad=True) for b in t.b]
    f = torch.sigmoid if t.activation == "sigmoid" else torch.tanh
    a = torch.tensor(np.array(t.x))
    for l, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ W.T + b
        a = z if l == len(Ws) - 1 else f(z)
    torch.nn.functional.cross_entropy(a, torch.tensor(np.array(t.y))).backward()
    return [W.grad.numpy() for W in Ws], [b.grad.numpy() for b in bs]


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("max_terms", [100, 2])
def test_gradients_are_batch_means(net, max_terms):
    t = make(net)
    gW, gb = _torch_grads(t)
    n = t.n_samples
    p = phase(t, "gradients")
    for l in range(1, t.n_layers + 1):
        for j in range(t.sizes[l]):
            for k in range(t.sizes[l - 1]):
                text = substituted(t, p, weight=(j, k), layer=l, max_terms=max_terms)
                assert text.startswith(f"∂C/∂W{'₀₁₂₃₄₅'[j]}{'₀₁₂₃₄₅'[k]}⁽{'⁰¹²³'[l]}⁾ = (1/N) Σᵢ")
                assert f"(1/{n})" in text and ("…" in text) == (n > max_terms)
                pairs = [v for i in range(min(n, max_terms)) for v in (t.delta[l - 1][i, j], t.a[l - 1][i, k])]
                got = nums(text)
                same(got, pairs + [t.grad_W[l - 1][j, k]], text)
                assert got[-1] == pytest.approx(gW[l - 1][j, k], rel=5.01e-4, abs=1e-12)
                np.testing.assert_allclose(t.weight_terms(l, j, k).mean(), t.grad_W[l - 1][j, k], rtol=1e-12)
                if n <= max_terms:
                    mean = sum(got[2 * i] * got[2 * i + 1] for i in range(n)) / n
                    assert mean == pytest.approx(got[-1], abs=1e-4 + 1e-3 * abs(got[-1]))
            # a unit without a weight: its bias
            text = substituted(t, p, unit=j, layer=l, max_terms=max_terms)
            assert text.startswith("∂C/∂b")
            same(nums(text), [*shown(t.delta[l - 1][:, j], max_terms), t.grad_b[l - 1][j]], text)
            assert nums(text)[-1] == pytest.approx(gb[l - 1][j], rel=5.01e-4, abs=1e-12)
    # a phase record that names its layer is honoured too
    layered = Phase("gradients", 1, p.title, p.equation)
    assert substituted(t, layered, weight=(0, 1)).startswith("∂C/∂W₀₁⁽¹⁾")


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("name, hyper", [("sgd", {"lr": 0.5}), ("adam", {"lr": 0.1})])
def test_update_shows_formula_and_the_weights_step(net, name, hyper):
    opt = optimizers.get(name, **hyper)
    t = make(net, optimizer=opt)
    p = phase(t, "update")
    for l in range(1, t.n_layers + 1):
        for j in range(t.sizes[l]):
            for k in [0, t.sizes[l - 1] - 1]:
                lines = substituted(t, p, weight=(j, k), layer=l).split("\n")
                assert lines[0] == f"{opt.title}:"
                assert lines[1 : 1 + len(opt.formula)] == opt.formula
                rest = lines[1 + len(opt.formula) :]
                same(nums(rest[0]), [v for v in opt.hyper.values() if not isinstance(v, bool)], rest[0])
                g = t.grad_W[l - 1][j, k]
                same(nums(rest[1]), [g], rest[1])
                old, delta = t.W[l - 1][j, k], t.update.W[l - 1][j, k]
                same(nums(rest[-1]), [delta, old, delta, old + delta], rest[-1])
                got = nums(rest[-1])
                assert got[1] + got[2] == pytest.approx(got[3], abs=2e-3)
                # the step itself, from the optimizer's rule written out here
                if name == "sgd":
                    assert got[0] == pytest.approx(-0.5 * g, rel=6e-4)
                else:  # Adam's first step: −η m̂/(√v̂ + ε) = −η g/(|g| + ε)
                    assert got[0] == pytest.approx(-0.1 * g / (abs(g) + 1e-8), rel=6e-4)
                    assert rest[2].startswith("after step t = 1:")
                    same(nums(rest[2]), [0.1 * g, 0.001 * g * g], rest[2])
                    assert len(rest) == 4
            text = substituted(t, p, unit=j, layer=l)
            assert "Δb" in text
            same(nums(text.split("\n")[-1]), [t.update.b[l - 1][j], t.b[l - 1][j], t.update.b[l - 1][j],
                                               t.b[l - 1][j] + t.update.b[l - 1][j]])


def test_update_phase_needs_an_update():
    t = make("4-6-2")
    with pytest.raises(ValueError, match="no update"):
        substituted(t, phases(2, True)[-1], weight=(0, 0))


@pytest.mark.parametrize("kwargs, match", [
    (dict(sample=5), "sample"), (dict(unit=6), "unit"), (dict(weight=(0, 9)), "input k"),
    (dict(weight=(2, 0)), "unit j"), (dict(unit=-1), "unit"), (dict(max_terms=0), "max_terms"),
])
def test_bad_selection_is_named(kwargs, match):
    t = make("2-3-3-2")
    with pytest.raises(ValueError, match=match):
        substituted(t, phase(t, "forward", 3) if "weight" in kwargs else phase(t, "forward", 2), **kwargs)


# -- tooltips ------------------------------------------------------------------------


@pytest.mark.parametrize("net", list(NETS))
def test_unit_tooltips(net):
    t = make(net)
    L = t.n_layers
    for i in range(t.n_samples):
        for j in range(t.sizes[0]):
            same(nums(unit_tooltip(t, 0, j, sample=i)), [t.x[i, j], t.input_grad[i, j]])
        for l in range(1, L + 1):
            for j in range(t.sizes[l]):
                text = unit_tooltip(t, l, j, sample=i)
                if l < L:
                    expected = [t.z[l - 1][i, j], t.a[l][i, j], t.fprime[l - 1][i, j], t.delta[l - 1][i, j],
                                t.dC_da[l][i, j]]
                else:
                    expected = [t.z[l - 1][i, j], t.p[i, j], t.delta[l - 1][i, j]]
                    assert "class" in text
                same(nums(text), expected, text)
                assert "\n" in text and "<" not in text  # plain text, one fact a line


@pytest.mark.parametrize("net", list(NETS))
@pytest.mark.parametrize("with_update", [False, True])
def test_edge_tooltips(net, with_update):
    t = make(net, optimizer=optimizers.get("sgd", lr=0.5) if with_update else None)
    for l in range(1, t.n_layers + 1):
        for j in range(t.sizes[l]):
            for k in range(t.sizes[l - 1]):
                for i in range(t.n_samples):
                    text = edge_tooltip(t, l, j, k, sample=i)
                    expected = [t.W[l - 1][j, k], t.delta[l - 1][i, j], t.a[l - 1][i, k],
                                t.delta[l - 1][i, j] * t.a[l - 1][i, k], t.grad_W[l - 1][j, k]]
                    if with_update:
                        expected.append(-0.5 * t.grad_W[l - 1][j, k])
                    same(nums(text), expected, text)
                    assert ("Δ" in text) == with_update


def test_tooltips_name_bad_indices():
    t = make("4-6-2")
    with pytest.raises(ValueError, match="layer"):
        unit_tooltip(t, 3, 0)
    with pytest.raises(ValueError, match="unit"):
        unit_tooltip(t, 1, 6)
    with pytest.raises(ValueError, match="input k"):
        edge_tooltip(t, 2, 0, 6)
    with pytest.raises(ValueError, match="layer"):
        edge_tooltip(t, 0, 0, 0)


# -- the small data set ----------------------------------------------------------------


@pytest.mark.parametrize("n_inputs", [2, 3, 4])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("n_samples", [1, 5, 8])
def test_small_batch_shapes_balance_and_determinism(n_inputs, n_classes, n_samples):
    x, y = small_batch(n_inputs, n_classes, n_samples, seed=7)
    assert x.shape == (n_samples, n_inputs) and x.dtype == np.float64
    assert y.shape == (n_samples,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=n_classes)
    assert len(counts) == n_classes and counts.max() - counts.min() <= 1
    assert np.all(np.isfinite(x))
    x2, y2 = small_batch(n_inputs, n_classes, n_samples, seed=7)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    if n_inputs >= 3:
        np.testing.assert_allclose(x[:, 2], x[:, 0] * x[:, 1])


def test_small_batch_seeds_differ_and_classes_sit_apart():
    a = small_batch(2, 3, 8, 0)
    b = small_batch(2, 3, 8, 1)
    assert not np.array_equal(a[0], b[0])
    # over many seeds each class's points gather around its own centre on the circle
    xs, ys = zip(*(small_batch(2, 3, 6, s) for s in range(60)))
    x, y = np.concatenate(xs), np.concatenate(ys)
    centres = np.array([x[y == c].mean(axis=0) for c in range(3)])
    np.testing.assert_allclose(np.linalg.norm(centres, axis=1), 1.0, atol=0.15)
    angles = np.sort(np.arctan2(centres[:, 1], centres[:, 0]))
    np.testing.assert_allclose(np.diff(angles), 2 * np.pi / 3, atol=0.15)


@pytest.mark.parametrize("args, match", [
    ((1, 2, 3, 0), "n_inputs"), ((5, 2, 3, 0), "n_inputs"), ((2, 1, 3, 0), "n_classes"),
    ((2, 4, 3, 0), "n_classes"), ((2, 2, 0, 0), "n_samples"), ((2, 2, 9, 0), "n_samples"),
    ((2.0, 2, 3, 0), "n_inputs"), ((2, 2, 3, -1), "seed"),
])
def test_small_batch_limits(args, match):
    with pytest.raises(ValueError, match=match):
        small_batch(*args)


def test_every_phase_of_a_small_batch_trace_renders():
    """The whole walk of the tab, every phase and loss, with the default max_terms."""
    for loss in LOSSES:
        t = make("2-3-3-2", loss, optimizer=optimizers.get("momentum", lr=0.1))
        for p in phases_for(t):
            text = substituted(t, p, sample=2, unit=1)
            assert text and "nan" not in text.lower()


def test_update_phase_reads_as_one_step():
    """The rule, then Δθ named as that same step: no second "θ ← …" update."""
    t = make("2-3-3-2", optimizer=optimizers.get("sgd", lr=0.5))
    lines = phases_for(t)[-1].equation.splitlines()
    assert lines == ["g ← ∇f(θ)", "θ ← θ − η g",
                     "Δθ = −η g (the step above);  new θ = θ + Δθ, for every W⁽ˡ⁾, b⁽ˡ⁾"]
    adam = phases_for(make("2-3-3-2", optimizer=optimizers.get("adam", lr=0.1)))[-1].equation
    assert adam.splitlines()[-1].startswith("Δθ = −η m̂ / (√v̂ + ε) (the step above)")
