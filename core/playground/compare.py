"""Networks raced against each other: the same data, the same initial weights.

    sessions = sessions_for([base.replace(optimizer="sgd"), base.replace(optimizer="adam")], X, y)

What may differ between the settings is how they learn (activation, loss, optimizer and
its hyperparameters, batch size, L2); what must not is what would make the race unfair:
the layers (features, hidden, classes), the data and its train/test split (dataset,
noise, points, train share, seed) and the weight seed. All start from the first
session's initial weights and see the batches in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gradlab.core.playground.session import PlaygroundConfig, Session

# Fields every compared config must share, and why a difference is refused.
SHARED = {
    "features": "the layers", "hidden": "the layers", "classes": "the layers",
    "dataset": "the data", "noise": "the data", "n_points": "the data",
    "train_share": "the train/test split", "seed": "the train/test split",
    "weight_seed": "the initial weights",
}
MAX_COMPARED = 4


def sessions_for(configs: Sequence[PlaygroundConfig], X: np.ndarray, y: np.ndarray,
                 train: np.ndarray | None = None) -> list[Session]:
    """One `Session` per config on (X, y), all from identical initial weights (and the
    train/test split `train`, when given: see `Session`).

    ValueError (one line) when there are none or more than `MAX_COMPARED`, or when two
    configs differ in a field of `SHARED` (the message names it).
    """
    if not 1 <= len(configs) <= MAX_COMPARED:
        raise ValueError(f"compare 1 to {MAX_COMPARED} settings, got {len(configs)}")
    first = configs[0]
    for k, config in enumerate(configs[1:], start=2):
        for name, what in SHARED.items():
            if tuple(np.atleast_1d(getattr(config, name))) != tuple(np.atleast_1d(getattr(first, name))):
                raise ValueError(f"settings {k} differ in {name} ({getattr(config, name)!r} vs "
                                 f"{getattr(first, name)!r}): a comparison shares {what}")
    lead = Session(first, X, y, train=train)
    initial = lead.initial_params
    train = lead.train_mask
    return [lead] + [Session(config, X, y, initial=initial, train=train) for config in configs[1:]]
