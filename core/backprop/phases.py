"""The steps of one backpropagation, in the order the tab walks through them.

    forward 1 .. L → loss → δ of the output layer L → δ of layers L−1 .. 1 → gradients → update

Each `Phase` carries its title and its equation in the course text's notation (the seed,
§前向传播/反向传播, in Unicode: z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, δ⁽ˡ⁾ = ((W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾) ⊙ f'(z⁽ˡ⁾),
∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ). The output layer is linear and the loss includes the softmax,
so δ⁽ᴸ⁾ = ∂C/∂z⁽ᴸ⁾ is the loss's own derivative: p − onehot(y) for cross-entropy, another
form for each other loss (`equations.output_delta_formula`).

`substituted(trace, phase, ...)` writes one unit's or weight's numbers into a phase's
equation (see `gradlab.core.backprop.equations`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gradlab.core.backprop.equations import (  # noqa: F401  (re-exported: the contract's names)
    edge_tooltip, layer_mark, output_delta_formula, substituted, unit_tooltip,
)

if TYPE_CHECKING:
    from gradlab.core.backprop.trace import Trace

__all__ = ["KINDS", "Phase", "edge_tooltip", "phases", "phases_for", "substituted", "unit_tooltip"]

KINDS = ("forward", "loss", "output_delta", "hidden_delta", "gradients", "update")


@dataclass(frozen=True)
class Phase:
    """One step of the algorithm: `kind` (one of KINDS), the layer it computes (forward
    1..L, hidden_delta L−1..1; None for the others), a title and the symbolic equation."""

    kind: str
    layer: int | None
    title: str
    equation: str


def _loss_object(loss: Any) -> Any:
    if loss is None or not isinstance(loss, str):
        return loss
    from gradlab.core import losses

    if loss == "weighted_cross_entropy":  # its formula does not depend on the weights
        return losses.get(loss, weights=[1.0])
    return losses.get(loss)


def one_step_line(formula: list[str]) -> str:
    """The line after the optimizer's rule that says it is one step, taken once:
    "Δθ = −η g (the step above);  new θ = θ + Δθ, for every W⁽ˡ⁾, b⁽ˡ⁾". A rule
    ending "θ ← θ <step>" names its step; another says "the step above"."""
    last = formula[-1] if formula else ""
    head = "θ ← θ "
    step = last[len(head):] if last.startswith(head) else "new θ − θ"
    step = "−" + step[2:] if step.startswith("− ") else step.removeprefix("+ ")
    return f"Δθ = {step} (the step above);  new θ = θ + Δθ, for every W⁽ˡ⁾, b⁽ˡ⁾"


def phases(n_layers: int, with_update: bool, *, loss: Any = None, optimizer: Any = None) -> list[Phase]:
    """The phases of a network of `n_layers` weight layers (L ≥ 1), in order:

        forward 1..L, loss, output_delta, hidden_delta L−1..1, gradients, [update]

    `loss` (a core loss name or `Loss`) makes the loss and output-δ equations that loss's
    own (without it they stay general: C and ∂C/∂z⁽ᴸ⁾); `optimizer` (a core `Optimizer`)
    puts its update rule (`Optimizer.formula`) in the update phase's equation, which
    otherwise shows plain gradient descent as the course text does.
    """
    if isinstance(n_layers, bool) or not isinstance(n_layers, int) or n_layers < 1:
        raise ValueError(f"n_layers must be an integer ≥ 1, got {n_layers!r}")
    L = n_layers
    loss_obj = _loss_object(loss)
    out: list[Phase] = []
    for l in range(1, L + 1):
        m, prev = layer_mark(l), layer_mark(l - 1)
        z = f"z{m} = W{m} a{prev} + b{m}"
        if l == L:
            eq = f"{z}  (the output layer is linear: z{m} are the logits)"
        else:
            eq = f"{z},  a{m} = f(z{m})"
        if l == 1:
            eq += ",  a⁽⁰⁾ = x"
        out.append(Phase("forward", l, f"Forward: layer {l}", eq))
    mL = layer_mark(L)
    formula = "C = (1/N) Σᵢ Cᵢ" if loss_obj is None else loss_obj.formula
    title = "Loss" if loss_obj is None else f"Loss: {loss_obj.title}"
    out.append(Phase("loss", None, title, f"p = softmax(z{mL}),  {formula}"))
    loss_name = None if loss_obj is None else loss_obj.name
    out.append(Phase("output_delta", None, f"δ of layer {L} (output)", output_delta_formula(loss_name, L)))
    for l in range(L - 1, 0, -1):
        m, nxt = layer_mark(l), layer_mark(l + 1)
        out.append(Phase("hidden_delta", l, f"δ of layer {l}",
                         f"δ{m} = ((W{nxt})ᵀ δ{nxt}) ⊙ f'(z{m})"))
    layers = "l = 1" if L == 1 else f"l = 1, …, {L}"
    out.append(Phase("gradients", None, "Gradients",
                     "∂C/∂W⁽ˡ⁾ = (1/N) Σᵢ δᵢ⁽ˡ⁾ (aᵢ⁽ˡ⁻¹⁾)ᵀ,  ∂C/∂b⁽ˡ⁾ = (1/N) Σᵢ δᵢ⁽ˡ⁾,  " + layers))
    if with_update:
        if optimizer is None:
            eq = "W⁽ˡ⁾ ← W⁽ˡ⁾ − η ∂C/∂W⁽ˡ⁾,  b⁽ˡ⁾ ← b⁽ˡ⁾ − η ∂C/∂b⁽ˡ⁾"
            out.append(Phase("update", None, "Update", eq))
        else:
            eq = "\n".join([*optimizer.formula, one_step_line(optimizer.formula)])
            out.append(Phase("update", None, f"Update: {optimizer.title}", eq))
    return out


def phases_for(trace: Trace) -> list[Phase]:
    """`phases` for this trace: its depth, its loss (with its parameters), its optimizer."""
    from gradlab.core import losses

    loss = losses.get(trace.loss_name, **trace.loss_params)
    return phases(trace.n_layers, trace.update is not None, loss=loss, optimizer=trace.optimizer)
