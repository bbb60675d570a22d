"""The core's English words in this tab, in the language in use (issue 17).

`gradlab.core.backprop` writes its phase titles, its equations' side remarks ("(the step
above)", "(a logit: the output layer is linear)") and the hover texts of units and
weights in English: the CLI prints them and the core knows no Qt. The formulas in those
texts stay formulas; only the words around them are translated here, phrase by phrase
(`core_text`), each phrase marked for pyside6-lupdate under the context "BackpropCore".
In English every text is returned as the core wrote it, untouched.

    phase_title(phase)          # "Forward: layer 1" / "前向传播：第 1 层"
    core_text(unit_tooltip(...))  # "Layer 1, unit 0,  sample 0\n..." / "第 1 层，神经元 0，样本 0\n..."
"""

from __future__ import annotations

import re
from typing import Any

from gradlab.gui import terms
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, SOURCE_LANGUAGE, current_language, translate

CONTEXT = "BackpropCore"

# (pattern of the core's English, the same text as a template of its named groups). The
# template is the source text translated; the groups are formulas or numbers, kept as they are.
PHRASES: tuple[tuple[str, str], ...] = (
    # phases' equations and the numbers written into them
    (r"\(the output layer is linear: (?P<z>\S+) are the logits\)",
     QT_TRANSLATE_NOOP("BackpropCore", "(the output layer is linear: {z} are the logits)")),
    (r"\(a logit: the output layer is linear\)",
     QT_TRANSLATE_NOOP("BackpropCore", "(a logit: the output layer is linear)")),
    (r"(?m)^Δθ = (?P<step>.*) \(the step above\);  new θ = θ \+ Δθ, for every W⁽ˡ⁾, b⁽ˡ⁾$",
     QT_TRANSLATE_NOOP("BackpropCore",
                       "Δθ = {step} (the step above);  new θ = θ + Δθ, for every W⁽ˡ⁾, b⁽ˡ⁾")),
    (r"(?m)^after step t = (?P<t>\d+):  ",
     QT_TRANSLATE_NOOP("BackpropCore", "after step t = {t}:  ")),
    (r",  new (?P<name>[Wb]\S*) = ",
     QT_TRANSLATE_NOOP("BackpropCore", ",  new {name} = ")),
    (r"(?P<symbol>ε in √) = yes\b", QT_TRANSLATE_NOOP("BackpropCore", "{symbol} = yes")),
    (r"(?P<symbol>ε in √) = no\b", QT_TRANSLATE_NOOP("BackpropCore", "{symbol} = no")),
    # a unit's hover text
    (r"(?m)^Input (?P<eq>x\S* = a\S* = \S+)  \(sample (?P<i>\d+)\)$",
     QT_TRANSLATE_NOOP("BackpropCore", "Input {eq}  (sample {i})")),
    (r"\(moving x against it lowers the loss\)",
     QT_TRANSLATE_NOOP("BackpropCore", "(moving x against it lowers the loss)")),
    (r"(?m)^Layer (?P<l>\d+), unit (?P<j>\d+)  \(output, class (?P<c>\d+)\),  sample (?P<i>\d+)$",
     QT_TRANSLATE_NOOP("BackpropCore", "Layer {l}, unit {j}  (output, class {c}),  sample {i}")),
    (r"(?m)^Layer (?P<l>\d+), unit (?P<j>\d+),  sample (?P<i>\d+)$",
     QT_TRANSLATE_NOOP("BackpropCore", "Layer {l}, unit {j},  sample {i}")),
    # a weight's hover text
    (r"\(unit (?P<k>\d+) of layer (?P<lk>\d+) → unit (?P<j>\d+) of layer (?P<l>\d+)\)",
     QT_TRANSLATE_NOOP("BackpropCore", "(unit {k} of layer {lk} → unit {j} of layer {l})")),
    (r"(?m)^sample (?P<i>\d+): δ", QT_TRANSLATE_NOOP("BackpropCore", "sample {i}: δ")),
    (r"\(mean over the batch of (?P<n>\d+)\)",
     QT_TRANSLATE_NOOP("BackpropCore", "(mean over the batch of {n})")),
    (r"\(this step\)", QT_TRANSLATE_NOOP("BackpropCore", "(this step)")),
)  # the core's refusals the page shows are gui.core_errors' (explain)
_COMPILED = tuple((re.compile(pattern), template) for pattern, template in PHRASES)


def core_text(text: str) -> str:
    """`text` (the core's: an equation, numbers, a hover text) with its English
    phrases in the language in use; itself, untouched, in English."""
    if current_language() == SOURCE_LANGUAGE:
        return text
    for pattern, template in _COMPILED:
        shown = translate(CONTEXT, template)
        if shown == template:  # not translated: the core's words stay
            continue
        text = pattern.sub(lambda m, shown=shown: shown.format(**m.groupdict()), text)
    return text


def phase_title(phase: Any) -> str:
    """The phase's title (`Phase.title`, "Forward: layer 1", "Update: Adam") in the
    language in use; the English is the core's own, word for word."""
    kind, layer = phase.kind, phase.layer
    if kind == "forward":
        return translate("BackpropCore", "Forward: layer {layer}").format(layer=layer)
    if kind == "loss":
        name = phase.title.partition(": ")[2]
        if not name:
            return translate("BackpropCore", "Loss")
        return translate("BackpropCore", "Loss: {loss}").format(loss=_titled(terms.LOSSES, name))
    if kind == "output_delta":
        number = phase.title.removeprefix("δ of layer ").split(" ")[0]
        return translate("BackpropCore", "δ of layer {layer} (output)").format(layer=number)
    if kind == "hidden_delta":
        return translate("BackpropCore", "δ of layer {layer}").format(layer=layer)
    if kind == "gradients":
        return translate("BackpropCore", "Gradients")
    if kind == "update":
        name = phase.title.partition(": ")[2]
        if not name:
            return translate("BackpropCore", "Update")
        return translate("BackpropCore", "Update: {optimizer}").format(optimizer=_titled(terms.OPTIMIZERS, name))
    return phase.title


def _titled(table: dict[str, str], english: str) -> str:
    """The term whose English title is `english`, in the language in use (itself when
    the table does not have it)."""
    for text in table.values():
        if text == english:
            return translate(terms.CONTEXT, text)
    return english
