"""A MNIST run's label in the language shown, for every tab that names a run.

The core names a run by its settings in English (`TrainConfig.label()`: "Adam lr=0.001 ·
cross-entropy · ReLU · cosine schedule"), the text its files and the CLI keep. The MNIST,
Landscape and Backpropagation tabs show the same words in the language in use
(`config_label`): "Adam lr=0.001 · 交叉熵 · ReLU · 余弦退火". Feature packages may not import
each other, so it lives here, at the top of `gui`.

A tab keeps the core's label as the run's key (the same in every language) and says it
with `shown_label` each time it sets its texts, so a live language switch re-says it.
"""

from __future__ import annotations

from typing import Any

from gradlab.core.mnist.frames import TORCH_PREFIX
from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate
from gradlab.gui.terms import optimizer_title

# The translation context stays the MNIST tab's ("MnistRuns"), where these words were
# first shown: the translation file's entries keep matching.
LOSS_WORDS = {
    "cross_entropy": QT_TRANSLATE_NOOP("MnistRuns", "cross-entropy"),
    "weighted_cross_entropy": QT_TRANSLATE_NOOP("MnistRuns", "weighted CE"),
    "focal": QT_TRANSLATE_NOOP("MnistRuns", "focal"),
    "softmax_mse": QT_TRANSLATE_NOOP("MnistRuns", "MSE on softmax"),
}
ACTIVATION_WORDS = {
    "relu": "ReLU", "leaky_relu": "leaky ReLU", "sigmoid": "sigmoid", "tanh": "tanh",
    "elu": "ELU", "gelu": "GELU", "softplus": "softplus", "swish": "swish",
}
SCHEDULE_WORDS = {
    "step": QT_TRANSLATE_NOOP("MnistRuns", "step schedule"),
    "cosine": QT_TRANSLATE_NOOP("MnistRuns", "cosine schedule"),
}


def optimizer_label(optimizer: str) -> str:
    """The optimizer's title in the language shown; torch.optim's own marked so."""
    if optimizer.startswith(TORCH_PREFIX):
        return f"{optimizer_title(optimizer[len(TORCH_PREFIX):])} (torch.optim)"
    return optimizer_title(optimizer)


def config_label(config: Any) -> str:
    """`config.label()` (a `TrainConfig`) in the language shown: in English the same text,
    word for word (tests/test_i18n_mnist.py checks); the core's stays English for files
    and the CLI."""
    from gradlab.core import optimizers  # as TrainConfig.label: only when asked

    optimizer = config.optimizer
    name = optimizer[len(TORCH_PREFIX):] if optimizer.startswith(TORCH_PREFIX) else optimizer
    try:
        base = optimizers.defaults(name)
        title = optimizer_label(optimizer)
    except ValueError:
        base, title = {}, optimizer
    hyper = dict(config.hyper)
    head = f"{title} lr={hyper.get('lr', base.get('lr', 0)):g}"
    head += "".join(f" {k}={v:g}" for k, v in hyper.items() if k != "lr" and k in base and v != base[k])
    loss = translate("MnistRuns", LOSS_WORDS[config.loss]) if config.loss in LOSS_WORDS else config.loss
    if config.loss == "focal":
        loss += f" γ={float(config.loss_params.get('gamma', 2.0)):g}"
    parts = [head, loss, ACTIVATION_WORDS.get(config.activation, config.activation)]
    if tuple(config.hidden) != (512, 256):
        parts.append("-".join(str(h) for h in config.hidden))
    if config.batch_size != 128:
        parts.append(translate("MnistRuns", "batch {size}").format(size=config.batch_size))
    if config.schedule != "constant":
        parts.append(translate("MnistRuns", SCHEDULE_WORDS[config.schedule])
                     if config.schedule in SCHEDULE_WORDS else f"{config.schedule} schedule")
    if config.engine != "torch":
        parts.append(translate("MnistRuns", "NumPy backprop"))
    if config.dtype != "float32":
        parts.append(config.dtype)
    if config.imbalance:
        parts.append(translate("MnistRuns", "fewer {digits}").format(
            digits=",".join(str(d) for d in sorted(config.imbalance))))
    if config.seed:
        parts.append(translate("MnistRuns", "seed {seed}").format(seed=config.seed))
    return " · ".join(parts)


def shown_label(label: str, config: Any) -> str:
    """A run's `label` in the core's words with its settings said in the language shown
    (`config_label`), and what the tab put around them kept as it is: the run's number
    ("1. "), a file's name ("adam.pt: "), a twin's count (" (2)"). `label` without
    `config.label()` in it (or no config) is returned unchanged."""
    if config is None:
        return label
    try:
        english = config.label()
    except (AttributeError, TypeError, ValueError):  # not a TrainConfig: show what was given
        return label
    head, found, tail = label.partition(english)
    return f"{head}{config_label(config)}{tail}" if found and english else label
