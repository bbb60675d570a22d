"""Evaluating an MNIST network on test images: loss, accuracy, confusion, digit grid.

Every evaluation also scores the network by one common measure, the test cross-entropy
−(1/N) Σᵢ log softmax(zᵢ)_yᵢ, whatever loss the run trains with: runs trained with
different losses are compared on it (their own losses have different scales: MSE on
softmax is at most 2 per sample, cross-entropy is unbounded).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch

from gradlab.core.mnist.frames import Evaluation

CHUNK = 10000  # rows per forward pass: bounds the hidden activations' memory


@torch.no_grad()
def evaluate(logits_fn: Callable[[torch.Tensor], torch.Tensor], loss: Any,
             x: torch.Tensor, y: torch.Tensor, *, kind: str, step: int, epoch: float,
             grid_images: np.ndarray, first_layer: torch.Tensor) -> Evaluation:
    """Evaluate on (x, y); the grid is the first len(grid_images) rows of x (x must hold
    at least that many). `loss` is a core loss, its mean taken over all rows; the test
    cross-entropy is computed as well, from the same logits."""
    parts = [logits_fn(x[i:i + CHUNK]) for i in range(0, len(x), CHUNK)]
    logits = torch.cat(parts) if len(parts) > 1 else parts[0]
    y_dev = y.to(logits.device)
    test_loss = float(loss.forward(logits, y_dev))
    # log_softmax, not log(softmax): finite for a confident wrong answer (z_y − max z ≪ 0).
    log_p = torch.log_softmax(logits.double(), dim=1)
    test_cross_entropy = float(-log_p.gather(1, y_dev.view(-1, 1)).mean())
    pred = logits.argmax(dim=1)
    confusion = torch.bincount(y_dev * 10 + pred, minlength=100).reshape(10, 10).cpu().numpy()
    per_class_total = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.where(per_class_total > 0, np.diag(confusion) / per_class_total, np.nan)
    g = len(grid_images)
    return Evaluation(
        kind=kind,
        step=step,
        epoch=epoch,
        samples=len(x),
        test_loss=test_loss,
        test_cross_entropy=test_cross_entropy,
        test_accuracy=float(np.trace(confusion) / max(1, len(x))),
        per_class_accuracy=per_class.astype(np.float64),
        confusion=confusion.astype(np.int64),
        grid_images=grid_images,
        grid_labels=y[:g].cpu().numpy().astype(np.int64),
        grid_predictions=pred[:g].cpu().numpy().astype(np.int64),
        first_layer_weights=first_layer.detach().to("cpu", torch.float32).numpy().copy(),
    )
