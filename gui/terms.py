"""The field's words that several tabs show: optimizer, loss and activation titles and the
hyperparameters' labels, in the language in use.

The core keeps its English titles (`core.optimizers.title`, `Loss.title`, `Activation.title`,
`HYPER_INFO[key].label`): the CLI prints them and files never contain a translation.
The GUI asks here instead:

    optimizer_title("momentum")   # "Momentum" / "动量法"
    loss_title("focal")           # "Focal loss" / "焦点损失 (Focal Loss)"
    activation_title("relu")      # "ReLU" (a name Chinese courses keep)
    hyper_label("lr")             # "learning rate η" / "学习率 η"

Each English text here equals the core's (tests/test_i18n.py checks): in English the GUI
reads as before. A name the table does not know falls back to the core's title.
"""

from __future__ import annotations

from gradlab.gui.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Terms"

OPTIMIZERS = {
    "sgd": QT_TRANSLATE_NOOP("Terms", "SGD"),
    "momentum": QT_TRANSLATE_NOOP("Terms", "Momentum"),
    "nesterov": QT_TRANSLATE_NOOP("Terms", "Nesterov"),
    "rmsprop": QT_TRANSLATE_NOOP("Terms", "RMSprop"),
    "adagrad": QT_TRANSLATE_NOOP("Terms", "Adagrad"),
    "adam": QT_TRANSLATE_NOOP("Terms", "Adam"),
    "adamw": QT_TRANSLATE_NOOP("Terms", "AdamW"),
    "adamax": QT_TRANSLATE_NOOP("Terms", "Adamax"),
    "nadam": QT_TRANSLATE_NOOP("Terms", "NAdam"),
}

LOSSES = {
    "mse": QT_TRANSLATE_NOOP("Terms", "Mean squared error"),
    "cross_entropy": QT_TRANSLATE_NOOP("Terms", "Cross-entropy"),
    "weighted_cross_entropy": QT_TRANSLATE_NOOP("Terms", "Weighted cross-entropy"),
    "focal": QT_TRANSLATE_NOOP("Terms", "Focal loss"),
    "softmax_mse": QT_TRANSLATE_NOOP("Terms", "MSE on softmax"),
}

ACTIVATIONS = {
    "sigmoid": QT_TRANSLATE_NOOP("Terms", "Sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("Terms", "Tanh"),
    "relu": QT_TRANSLATE_NOOP("Terms", "ReLU"),
    "leaky_relu": QT_TRANSLATE_NOOP("Terms", "Leaky ReLU"),
    "elu": QT_TRANSLATE_NOOP("Terms", "ELU"),
    "gelu": QT_TRANSLATE_NOOP("Terms", "GELU"),
    "softplus": QT_TRANSLATE_NOOP("Terms", "Softplus"),
    "swish": QT_TRANSLATE_NOOP("Terms", "Swish (SiLU)"),
}

# The hyperparameters' names, as core.optimizers.HYPER_INFO[key].label; the symbol (η, μ,
# β₁ ...) is a formula's and is never translated.
HYPERS = {
    "lr": QT_TRANSLATE_NOOP("Terms", "learning rate"),
    "momentum": QT_TRANSLATE_NOOP("Terms", "momentum"),
    "alpha": QT_TRANSLATE_NOOP("Terms", "smoothing constant"),
    "beta1": QT_TRANSLATE_NOOP("Terms", "first-moment decay"),
    "beta2": QT_TRANSLATE_NOOP("Terms", "second-moment decay"),
    "eps": QT_TRANSLATE_NOOP("Terms", "epsilon"),
    "weight_decay": QT_TRANSLATE_NOOP("Terms", "weight decay"),
    "lr_decay": QT_TRANSLATE_NOOP("Terms", "learning-rate decay"),
    "initial_accumulator_value": QT_TRANSLATE_NOOP("Terms", "initial accumulator"),
    "momentum_decay": QT_TRANSLATE_NOOP("Terms", "momentum decay"),
    "eps_in_sqrt": QT_TRANSLATE_NOOP("Terms", "ε inside the square root"),
}
# Yes/no switches: shown by their name alone (no symbol).
FLAGS = frozenset({"eps_in_sqrt"})


def _shown(table: dict[str, str], name: str, fallback) -> str:
    text = table.get(name)
    if text is None:
        return fallback(name)
    return translate(CONTEXT, text)


def optimizer_title(name: str) -> str:
    """The optimizer `name`'s title ("adam" → "Adam"; "momentum" → "动量法" in Chinese)."""
    from gradlab.core import optimizers

    return _shown(OPTIMIZERS, name, optimizers.title)


def loss_title(name: str) -> str:
    """The loss `name`'s title ("cross_entropy" → "Cross-entropy" / "交叉熵")."""
    from gradlab.core import losses

    return _shown(LOSSES, name, lambda n: losses.get(n).title)


def activation_title(name: str) -> str:
    """The activation `name`'s title ("relu" → "ReLU" in both languages)."""
    from gradlab.core import activations

    return _shown(ACTIVATIONS, name, lambda n: activations.get(n).title)


def hyper_name(key: str) -> str:
    """The hyperparameter `key`'s name without its symbol ("lr" → "learning rate" / "学习率")."""
    from gradlab.core import optimizers

    return _shown(HYPERS, key, lambda k: optimizers.HYPER_INFO[k].label)


def hyper_label(key: str) -> str:
    """The hyperparameter's label as a card shows it: name and symbol ("学习率 η",
    "动量系数 μ", "一阶矩衰减率 β₁"); a yes/no switch by its name alone."""
    from gradlab.core import optimizers

    name = hyper_name(key)
    info = optimizers.HYPER_INFO.get(key)
    if key in FLAGS or info is None:
        return name
    return f"{name} {info.symbol}"
