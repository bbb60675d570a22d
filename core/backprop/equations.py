"""Backpropagation's equations with the numbers of one trace written in (numpy only).

The notation is the course text's (the seed, §前向传播/反向传播) in Unicode: layers as
superscripts in parentheses (z⁽²⁾), units and samples as subscripts (W₀₁⁽²⁾ is the weight
from unit 1 of layer 1 to unit 0 of layer 2; i counts samples), ⊙ the elementwise product.
Every number is one of the trace's (`gradlab.core.backprop.trace.Trace`), shown with four
significant digits (`number`), so what the learner reads is what was computed:

    forward   zⱼ⁽ˡ⁾ = Σₖ Wⱼₖ⁽ˡ⁾ aₖ⁽ˡ⁻¹⁾ + bⱼ⁽ˡ⁾,   aⱼ⁽ˡ⁾ = f(zⱼ⁽ˡ⁾)
    loss      pⱼ = exp(zⱼ⁽ᴸ⁾) / Σₖ exp(zₖ⁽ᴸ⁾),  Cᵢ (the loss's own form),  C = (1/N) Σᵢ Cᵢ
    output    δⱼ⁽ᴸ⁾ = ∂Cᵢ/∂zⱼ⁽ᴸ⁾ (the loss's own form: pⱼ − onehot(y)ⱼ for cross-entropy only)
    hidden    δⱼ⁽ˡ⁾ = (Σₖ Wₖⱼ⁽ˡ⁺¹⁾ δₖ⁽ˡ⁺¹⁾) f'(zⱼ⁽ˡ⁾)
    gradients ∂C/∂Wⱼₖ⁽ˡ⁾ = (1/N) Σᵢ δᵢⱼ⁽ˡ⁾ aᵢₖ⁽ˡ⁻¹⁾,   ∂C/∂bⱼ⁽ˡ⁾ = (1/N) Σᵢ δᵢⱼ⁽ˡ⁾
    update    the optimizer's rule (`Optimizer.formula`), then Δθ (that one step), new θ = θ + Δθ

The few intermediate numbers a trace does not hold are worked out from its own arrays:
softmax-MSE's gₖ = 2(pₖ − onehot(y)ₖ)/C and focal loss's factor of (p − onehot(y)) from its
p, weighted cross-entropy's N w_y / Σ w from its labels and the loss's weights.

A sum of more than `max_terms` terms shows its first `max_terms` and "…"; its value is
still the whole sum's (the trace's). Numbers always carry a decimal point ("1.000",
"−0.05000", "1.234×10⁻⁵"); whole numbers in a formula ((1/3), 1 − pₜ, onehot) do not.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

if TYPE_CHECKING:  # phases imports this module; no cycle at run time
    from gradlab.core.backprop.phases import Phase
    from gradlab.core.backprop.trace import Trace

_SUP = str.maketrans("0123456789-+()ln=", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ˡⁿ⁼")
_SUB = str.maketrans("0123456789-+()ijkt", "₀₁₂₃₄₅₆₇₈₉₋₊₍₎ᵢⱼₖₜ")
MINUS = "−"
ELLIPSIS = "…"


# -- notation ------------------------------------------------------------------------


def sup(text: Any) -> str:
    """Superscript digits (and − + ( ) l n =): sup(-5) = '⁻⁵'."""
    return str(text).translate(_SUP)


def sub(*indices: Any) -> str:
    """Subscript indices written together, sub(0, 1) = '₀₁', or apart when one has
    several digits (the MNIST network's), sub(3, 400) = '₃,₄₀₀'."""
    parts = [str(i) for i in indices]
    sep = "," if len(parts) > 1 and any(len(p) > 1 for p in parts) else ""
    return sep.join(p.translate(_SUB) for p in parts)


def layer_mark(layer: int | str) -> str:
    """'⁽²⁾' for layer 2, '⁽ˡ⁻¹⁾' for 'l-1'."""
    return sup(f"({layer})")


def number(value: float) -> str:
    """Four significant digits, always with a decimal point, a true minus sign, and
    powers of ten as ×10ⁿ: 0.3120, −1.000, 0.05000, 1.234×10⁻⁵."""
    v = float(value)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else MINUS + "∞"
    if v == 0:
        v = 0.0  # no "−0.000"
    text = f"{v:#.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}×10{sup(int(exponent))}"
    elif text.endswith("."):
        text = text + "0"  # "1234." (four digits before the point) reads as 1234.0
    return text.replace("-", MINUS)


def term(value: float) -> str:
    """A number as one factor or addend: negative ones in parentheses, '(−0.1200)'."""
    text = number(value)
    return f"({text})" if text.startswith(MINUS) else text


def factor(value: float) -> str:
    """A number in parentheses, as a factor of a product: '(0.3120)'."""
    return f"({number(value)})"


def joined_sum(terms: Sequence[str], max_terms: int, total: int | None = None) -> str:
    """'t₁ + t₂ + …': the first max_terms terms, then an ellipsis when the sum has more.
    `total`: how many terms the sum has, when only the first ones were formatted (the
    MNIST network's sums run over 784 or 512 terms)."""
    if max_terms < 1:
        raise ValueError(f"max_terms must be at least 1, got {max_terms}")
    total = len(terms) if total is None else total
    shown = list(terms[:max_terms])
    if total > max_terms:
        shown.append(ELLIPSIS)
    return " + ".join(shown)


_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "LeakyReLU",
            "elu": "ELU", "gelu": "GELU", "softplus": "softplus", "swish": "swish"}


def activation_symbol(name: str) -> str:
    """f's name as the formulas write it: σ, tanh, ReLU, ..."""
    return _SYMBOLS.get(name, "f")


# -- the loss-specific pieces (symbolic) ---------------------------------------------


def output_delta_formula(loss_name: str | None, L: int) -> str:
    """δ⁽ᴸ⁾ of a sample for this loss, with the network's L. The output layer is linear, so
    the seed's ∇ₐC ⊙ f'(z⁽ᴸ⁾) is ∂Cᵢ/∂zᵢ⁽ᴸ⁾ (f' = 1); the rest is each loss's own
    derivative (see `gradlab.core.losses`), p − onehot(y) for cross-entropy only."""
    m = layer_mark(L)
    head = f"δᵢ{m} = ∇ₐCᵢ ⊙ f'(zᵢ{m}) = ∂Cᵢ/∂zᵢ{m}"
    forms = {
        "cross_entropy": "pᵢ − onehot(yᵢ)",
        "weighted_cross_entropy": "(N w_yᵢ / Σⱼ w_yⱼ)(pᵢ − onehot(yᵢ))",
        "focal": "α_yᵢ (1 − pₜ)ᵞ [1 − γ pₜ log pₜ / (1 − pₜ)] (pᵢ − onehot(yᵢ)),  pₜ = pᵢ,yᵢ",
        "softmax_mse": "pᵢ ⊙ (gᵢ − (gᵢ · pᵢ)),  gᵢ = 2(pᵢ − onehot(yᵢ))/C",
    }
    form = forms.get(loss_name or "")
    return head if form is None else f"{head} = {form}"


# -- checking the selection ----------------------------------------------------------


def _index(value: Any, n: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < n:
        raise ValueError(f"{what} must be an integer from 0 to {n - 1}, got {value!r}")
    return int(value)


def _layer(trace: Trace, layer: Any, lo: int = 1) -> int:
    L = trace.n_layers
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not lo <= layer <= L:
        raise ValueError(f"layer must be an integer from {lo} to {L}, got {layer!r}")
    return int(layer)


# -- each phase, one unit or weight --------------------------------------------------


def _forward(t: Trace, l: int, i: int, j: int, max_terms: int) -> str:
    m, prev = layer_mark(l), layer_mark(l - 1)
    W, a_prev = t.W[l - 1][j], t.a[l - 1][i]
    products = [f"{factor(w)}{factor(a)}" for w, a in zip(W[:max_terms], a_prev[:max_terms])]
    z = t.z[l - 1][i, j]
    text = (f"z{sub(j)}{m} = Σₖ W{sub(j)}ₖ{m} aₖ{prev} + b{sub(j)}{m} = "
            f"{joined_sum(products, max_terms, len(W))} + {term(t.b[l - 1][j])} = {number(z)}")
    if l == t.n_layers:
        return text + "  (a logit: the output layer is linear)"
    f = activation_symbol(t.activation)
    return text + f",  a{sub(j)}{m} = {f}({number(z)}) = {number(t.a[l][i, j])}"


def _softmax_line(t: Trace, i: int, j: int, max_terms: int) -> str:
    z = t.z[-1][i]
    exps = [f"exp({number(v)})" for v in z[:max_terms]]
    return (f"p{sub(j)} = exp(z{sub(j)}) / Σₖ exp(zₖ) = exp({number(z[j])}) / "
            f"[{joined_sum(exps, max_terms, len(z))}] = {number(t.p[i, j])}")


def _sample_loss_line(t: Trace, i: int, max_terms: int) -> str:
    """Cᵢ in the loss's own form, from p (and the loss's parameters)."""
    y = int(t.y[i])
    p_t = t.p[i, y]
    c_i = number(t.sample_losses[i])
    name, params = t.loss_name, t.loss_params
    head = f"C{sub(i)}"
    if name == "weighted_cross_entropy":
        w = np.asarray(params["weights"], dtype=np.float64)
        total = w[t.y].sum()
        n = t.n_samples
        return (f"{head} = N w_y (−log p_y) / Σⱼ w_yⱼ = ({n} × {number(w[y])} / {number(total)})"
                f"(−log {number(p_t)}) = {c_i}")
    if name == "focal":
        gamma = float(params.get("gamma", 2.0))
        alpha = params.get("alpha")
        a_y = 1.0 if alpha is None else float(alpha[y])
        return (f"{head} = −α_y (1 − pₜ)ᵞ log pₜ,  α_y = {number(a_y)},  γ = {number(gamma)},  "
                f"pₜ = p_y = {number(p_t)}:  {head} = {c_i}")
    if name == "softmax_mse":
        n_classes = t.p.shape[1]
        squares = [f"({number(pk)} − {int(k == y)})²" for k, pk in enumerate(t.p[i][:max_terms])]
        return (f"{head} = (1/C) Σₖ (pₖ − onehot(y)ₖ)² = (1/{n_classes})"
                f"[{joined_sum(squares, max_terms, n_classes)}] = {c_i}")
    return f"{head} = −log p_y = −log {number(p_t)} = {c_i}"


def _loss(t: Trace, i: int, j: int, max_terms: int) -> str:
    n = t.n_samples
    losses = [term(c) for c in t.sample_losses[:max_terms]]
    batch = f"C = (1/N) Σᵢ Cᵢ = (1/{n})[{joined_sum(losses, max_terms, n)}] = {number(t.loss)}"
    return "\n".join([_softmax_line(t, i, j, max_terms), _sample_loss_line(t, i, max_terms), batch])


def focal_factor(p_t: float, gamma: float, alpha_y: float) -> float:
    """α (1 − pₜ)ᵞ [1 − γ pₜ log pₜ / (1 − pₜ)], the factor of (p − onehot(y)) in focal
    loss's δ; as pₜ → 1 the bracket tends to 1 + γ (log pₜ / (1 − pₜ) → −1)."""
    u = 1.0 - p_t
    h = -math.log(p_t) / u if u > 1e-12 and p_t > 0 else 1.0
    return alpha_y * u**gamma * (1.0 + gamma * p_t * h)


def _output_delta(t: Trace, i: int, j: int, max_terms: int) -> str:
    L = t.n_layers
    m = layer_mark(L)
    y = int(t.y[i])
    p, d = t.p[i], t.delta[-1][i, j]
    onehot = int(j == y)
    head = f"δ{sub(j)}{m} = ∂C{sub(i)}/∂z{sub(j)}{m}"
    diff = f"{number(p[j])} − {onehot}"
    name, params = t.loss_name, t.loss_params
    if name == "weighted_cross_entropy":
        w = np.asarray(params["weights"], dtype=np.float64)
        return (f"{head} = (N w_y / Σⱼ w_yⱼ)(p{sub(j)} − onehot(y){sub(j)}) = "
                f"({t.n_samples} × {number(w[y])} / {number(w[t.y].sum())})({diff}) = {number(d)}")
    if name == "focal":
        gamma = float(params.get("gamma", 2.0))
        alpha = params.get("alpha")
        a_y = 1.0 if alpha is None else float(alpha[y])
        k = focal_factor(float(p[y]), gamma, a_y)
        return (f"{head} = α_y (1 − pₜ)ᵞ [1 − γ pₜ log pₜ / (1 − pₜ)] (p{sub(j)} − onehot(y){sub(j)}),  "
                f"α_y = {number(a_y)},  γ = {number(gamma)},  pₜ = {number(p[y])}:  "
                f"= {factor(k)}({diff}) = {number(d)}")
    if name == "softmax_mse":
        n_classes = len(p)
        g = 2.0 * (p - (np.arange(n_classes) == y)) / n_classes
        pairs = [f"{factor(gk)}{factor(pk)}" for gk, pk in zip(g[:max_terms], p[:max_terms])]
        return (f"{head} = p{sub(j)} (g{sub(j)} − Σₖ gₖ pₖ),  gₖ = 2(pₖ − onehot(y)ₖ)/{n_classes}:  "
                f"= {factor(p[j])}({number(g[j])} − [{joined_sum(pairs, max_terms, n_classes)}])"
                f" = {number(d)}")
    return f"{head} = p{sub(j)} − onehot(y){sub(j)} = {diff} = {number(d)}"


def _hidden_delta(t: Trace, l: int, i: int, j: int, max_terms: int) -> str:
    m, nxt = layer_mark(l), layer_mark(l + 1)
    W_next = t.W[l][:, j]  # Wₖⱼ⁽ˡ⁺¹⁾ for every unit k of layer l + 1
    d_next = t.delta[l][i]
    pairs = [f"{factor(w)}{factor(d)}" for w, d in zip(W_next[:max_terms], d_next[:max_terms])]
    f = activation_symbol(t.activation)
    z, fp = t.z[l - 1][i, j], t.fprime[l - 1][i, j]
    return (f"δ{sub(j)}{m} = (Σₖ Wₖ{sub(j)}{nxt} δₖ{nxt}) f'(z{sub(j)}{m}) = "
            f"[{joined_sum(pairs, max_terms, len(W_next))}] · {f}'({number(z)}) = "
            f"{factor(t.dC_da[l][i, j])}{factor(fp)} = {number(t.delta[l - 1][i, j])}")


def _gradient(t: Trace, l: int, j: int, k: int | None, max_terms: int) -> str:
    m, prev = layer_mark(l), layer_mark(l - 1)
    n = t.n_samples
    if k is None:
        terms = [term(d) for d in t.delta[l - 1][:max_terms, j]]
        return (f"∂C/∂b{sub(j)}{m} = (1/N) Σᵢ δᵢ{sub(j)}{m} = (1/{n})[{joined_sum(terms, max_terms, n)}]"
                f" = {number(t.grad_b[l - 1][j])}")
    pairs = [f"{factor(d)}{factor(a)}" for d, a in zip(t.delta[l - 1][:max_terms, j], t.a[l - 1][:max_terms, k])]
    return (f"∂C/∂W{sub(j, k)}{m} = (1/N) Σᵢ δᵢ{sub(j)}{m} aᵢ{sub(k)}{prev} = "
            f"(1/{n})[{joined_sum(pairs, max_terms, n)}] = {number(t.grad_W[l - 1][j, k])}")


_SLOT_SYMBOLS = {"velocity": "b", "v": "v", "sum_sq": "G", "m": "m", "u": "u", "mu_product": "Π"}


def hyper_line(optimizer: Any) -> str:
    """'η = 0.1000,  β₁ = 0.9000, ...': the optimizer's hyperparameters by their symbols."""
    from gradlab.core.optimizers import HYPER_INFO

    parts = []
    for key, value in optimizer.hyper.items():
        info = HYPER_INFO.get(key)
        symbol = info.symbol if info is not None else key
        shown = ("yes" if value else "no") if isinstance(value, bool) else number(value)
        parts.append(f"{symbol} = {shown}")
    return ",  ".join(parts)


def _slot_value(slot: Any, l: int, which: int, index: tuple[int, ...]) -> float | None:
    """The selected parameter's entry of one state slot (a [(W, b), ...] tree), or the
    slot's one number (NAdam's Π per tensor)."""
    try:
        leaf = np.asarray(slot[l - 1][which], dtype=np.float64)
    except (TypeError, IndexError, KeyError):
        return None
    if leaf.ndim == 0:
        return float(leaf)
    return float(leaf[index])


def _update(t: Trace, l: int, j: int, k: int | None) -> str:
    if t.update is None or t.optimizer is None:
        raise ValueError("this trace has no update step: trace it with an optimizer")
    opt = t.optimizer
    m = layer_mark(l)
    if k is None:
        name, which, index = f"b{sub(j)}{m}", 1, (j,)
        g, old, delta = t.grad_b[l - 1][j], t.b[l - 1][j], t.update.b[l - 1][j]
    else:
        name, which, index = f"W{sub(j, k)}{m}", 0, (j, k)
        g, old, delta = t.grad_W[l - 1][j, k], t.W[l - 1][j, k], t.update.W[l - 1][j, k]
    lines = [f"{opt.title}:", *opt.formula, hyper_line(opt), f"g = ∂C/∂{name} = {number(g)}"]
    if t.next_state is not None and opt.slot_names:
        step = int(t.next_state[0])
        slots = []
        for slot_name, slot in zip(opt.slot_names, t.next_state[1:]):
            value = _slot_value(slot, l, which, index)
            if value is not None:
                slots.append(f"{_SLOT_SYMBOLS.get(slot_name, slot_name)} = {number(value)}")
        if slots:
            lines.append(f"after step t = {step}:  " + ",  ".join(slots))
    lines.append(f"Δ{name} = {number(delta)},  new {name} = {number(old)} + {term(delta)} = {number(old + delta)}")
    return "\n".join(lines)


def substituted(trace: Trace, phase: Phase, sample: int = 0, unit: int | None = None,
                weight: tuple[int, int] | None = None, max_terms: int = 4, *,
                layer: int | None = None) -> str:
    """The phase's equation for one unit or weight, with the trace's numbers written in.

    `sample` picks the example i; `unit` the unit j of the phase's layer (default 0);
    `weight` = (j, k) the weight Wⱼₖ from unit k of the layer below (its j is the unit).
    The layer is `phase.layer`; phases without one (loss, output δ: the output layer L;
    gradients, update: any layer) take `layer` (default L). In the gradients and update
    phases a weight gives ∂C/∂Wⱼₖ (the batch mean of δᵢⱼ aᵢₖ) and its step, a unit without
    a weight its bias bⱼ. The loss and update phases give several lines.
    """
    t = trace
    L = t.n_layers
    i = _index(sample, t.n_samples, "sample")
    if isinstance(max_terms, bool) or not isinstance(max_terms, (int, np.integer)) or max_terms < 1:
        raise ValueError(f"max_terms must be an integer ≥ 1, got {max_terms!r}")
    kind = phase.kind
    if kind in ("loss", "output_delta"):
        l = L
    elif phase.layer is not None:
        l = _layer(t, phase.layer)
    else:
        l = _layer(t, L if layer is None else layer)
    n_out, n_in = t.W[l - 1].shape
    k: int | None = None
    if weight is not None:
        if not isinstance(weight, (tuple, list)) or len(weight) != 2:
            raise ValueError(f"weight must be a pair (j, k), got {weight!r}")
        j = _index(weight[0], n_out, f"unit j of layer {l}")
        k = _index(weight[1], n_in, f"input k from layer {l - 1}")
    else:
        j = _index(0 if unit is None else unit, n_out, f"unit of layer {l}")
    if kind == "forward":
        return _forward(t, l, i, j, max_terms)
    if kind == "loss":
        return _loss(t, i, j, max_terms)
    if kind == "output_delta":
        return _output_delta(t, i, j, max_terms)
    if kind == "hidden_delta":
        if l >= L:
            raise ValueError(f"hidden δ is for layers 1 to {L - 1}, got layer {l}")
        return _hidden_delta(t, l, i, j, max_terms)
    if kind == "gradients":
        return _gradient(t, l, j, k, max_terms)
    if kind == "update":
        return _update(t, l, j, k)
    raise ValueError(f"unknown phase kind {kind!r}")


# -- tooltips ------------------------------------------------------------------------


def unit_tooltip(trace: Trace, layer: int, unit: int, sample: int = 0) -> str:
    """Plain text for a unit of layer 0..L: its z, a (or p), δ and ∂C/∂a for one sample."""
    t = trace
    L = t.n_layers
    l = _layer(t, layer, lo=0)
    i = _index(sample, t.n_samples, "sample")
    j = _index(unit, t.sizes[l], f"unit of layer {l}")
    m = layer_mark(l)
    if l == 0:
        return "\n".join([
            f"Input x{sub(j)} = a{sub(j)}{m} = {number(t.x[i, j])}  (sample {i})",
            f"∂C{sub(i)}/∂x{sub(j)} = {number(t.dC_da[0][i, j])}  (moving x against it lowers the loss)",
        ])
    lines = [f"Layer {l}, unit {j}" + ("  (output, class " + str(j) + ")" if l == L else "") + f",  sample {i}",
             f"z{sub(j)}{m} = {number(t.z[l - 1][i, j])}"]
    if l == L:
        lines.append(f"p{sub(j)} = softmax(z){sub(j)} = {number(t.p[i, j])}")
    else:
        f = activation_symbol(t.activation)
        lines.append(f"a{sub(j)}{m} = {f}(z) = {number(t.a[l][i, j])}")
        lines.append(f"{f}'(z) = {number(t.fprime[l - 1][i, j])}")
    lines.append(f"δ{sub(j)}{m} = ∂C{sub(i)}/∂z{sub(j)}{m} = {number(t.delta[l - 1][i, j])}")
    if l < L:
        lines.append(f"∂C{sub(i)}/∂a{sub(j)}{m} = {number(t.dC_da[l][i, j])}")
    return "\n".join(lines)


def edge_tooltip(trace: Trace, layer: int, j: int, k: int, sample: int = 0) -> str:
    """Plain text for weight Wⱼₖ⁽ˡ⁾: its value, this sample's δ·a, ∂C/∂w (batch) and Δw."""
    t = trace
    l = _layer(t, layer)
    n_out, n_in = t.W[l - 1].shape
    j = _index(j, n_out, f"unit j of layer {l}")
    k = _index(k, n_in, f"input k from layer {l - 1}")
    i = _index(sample, t.n_samples, "sample")
    m = layer_mark(l)
    name = f"W{sub(j, k)}{m}"
    lines = [
        f"{name} = {number(t.W[l - 1][j, k])}  (unit {k} of layer {l - 1} → unit {j} of layer {l})",
        f"sample {i}: δ{sub(j)} a{sub(k)} = {factor(t.delta[l - 1][i, j])}{factor(t.a[l - 1][i, k])}"
        f" = {number(t.weight_terms(l, j, k)[i])}",
        f"∂C/∂{name} = {number(t.grad_W[l - 1][j, k])}  (mean over the batch of {t.n_samples})",
    ]
    if t.update is not None:
        lines.append(f"Δ{name} = {number(t.update.W[l - 1][j, k])}  (this step)")
    return "\n".join(lines)
