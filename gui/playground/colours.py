"""Class colours and the pictures made from probabilities and unit outputs.

Only colouring happens here: the probabilities and unit outputs come from the core
(`Session.regions`, `Session.unit_maps`); this turns them into RGB for an ImageItem.
"""

from __future__ import annotations

import numpy as np

# TensorFlow Playground's orange and blue first (a teacher's intuitions carry over),
# then a green for the third spiral arm. Light and dark enough to read on white and on
# the dark plot background.
CLASS_COLOURS = ((245, 147, 34), (8, 119, 189), (40, 170, 90), (200, 60, 200))
# The plane where the network is unsure: a neutral grey between the two backgrounds.
UNSURE = np.array([235.0, 235.0, 235.0])


def class_colour(k: int) -> tuple[int, int, int]:
    return CLASS_COLOURS[k % len(CLASS_COLOURS)]


def regions_rgb(probs: np.ndarray, discretise: bool = False) -> np.ndarray:
    """Colour per pixel from class probabilities `(n, n, C)`: the winning class's colour,
    mixed with grey by confidence c = (p_max − 1/C) / (1 − 1/C) (0 at a coin toss,
    1 when certain); `discretise` paints every pixel at full confidence. Non-finite
    probabilities (a diverged network) are painted grey. Returns uint8 `(n, n, 3)`."""
    p = np.asarray(probs, dtype=np.float64)
    c = p.shape[-1]
    ok = np.isfinite(p).all(axis=-1)
    p = np.where(ok[..., None], p, 1.0 / c)
    win = p.argmax(axis=-1)
    conf = np.ones(win.shape) if discretise else np.clip((p.max(axis=-1) - 1 / c) / (1 - 1 / c), 0, 1)
    conf = np.where(ok, conf, 0.0)
    colours = np.array([class_colour(k) for k in range(c)], dtype=np.float64)
    # Softened, so points of the same colour still stand out on their own region.
    mixed = UNSURE + (colours[win] - UNSURE) * (0.75 * conf)[..., None]
    return mixed.clip(0, 255).astype(np.uint8)


def unit_rgb(values: np.ndarray, scale: float | None = None) -> np.ndarray:
    """A hidden unit's output over the plane `(n, n)` as a diverging picture: blue for
    positive, orange for negative, white at 0, full colour at ±`scale` (default the
    largest |value|). Returns uint8 `(n, n, 3)`."""
    v = np.asarray(values, dtype=np.float64)
    s = scale if scale else None
    return units_rgb(v[None], None if s is None else np.array([s]))[0]


def units_rgb(values: np.ndarray, scales: np.ndarray | None = None) -> np.ndarray:
    """`unit_rgb` of a whole layer at once (one numpy pass per frame, not one per unit):
    `values` (units, n, n), `scales` (units,) or None for each unit's largest |value|.
    Returns uint8 `(units, n, n, 3)`."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    if scales is None:
        scales = np.abs(v).reshape(len(v), -1).max(axis=1, initial=0.0)
    scales = np.maximum(np.asarray(scales, dtype=np.float64), 1e-12)
    t = np.clip(v / scales[:, None, None], -1, 1)[..., None]
    white = np.array([255.0, 255.0, 255.0])
    pos, neg = np.array(class_colour(1), float), np.array(class_colour(0), float)
    # White towards the sign's colour by |t|: w + (c − w)|t|, c = pos or neg.
    rgb = white + np.where(t >= 0, pos - white, neg - white) * np.abs(t)
    return rgb.clip(0, 255).astype(np.uint8)
