"""A drawn digit made to look like an MNIST digit (numpy only).

MNIST's digits were prepared in two steps (LeCun et al., the MNIST page): each digit's
bounding box was scaled to fit a 20×20 box, keeping its aspect ratio, with anti-aliasing
(so the edges hold grey levels), and the result was placed in a 28×28 field so that the
centre of mass of its pixels sits at the centre of the field. The network then sees each
pixel v ∈ [0, 1] normalised with the training set's mean and standard deviation:

    x = (v − 0.1307) / 0.3081

(the same numbers as `gradlab.core.mnist.tensors`, repeated here so the GUI does not
import torch to draw). A drawing that skips these steps (a small digit in a corner, or
one filling the whole canvas) is far from anything the network saw in training.

Coordinates: pixel-centre convention, pixel (r, c) sits at the point (r, c) (row, column,
0-based), and the centre of mass is (Σ v·r, Σ v·c) / Σ v; it is placed at (14, 14), the
centre of pixel (14, 14). That is where MNIST's own digits have it: over the 60000
training digits the mean centre of mass is (14.00, 14.01), 98% within ±0.5 on each axis.
"""

from __future__ import annotations

import numpy as np

SIDE = 28  # the field
BOX = 20  # the digit's bounding box fits in BOX × BOX
CENTRE = 14  # the centre of mass goes to pixel (CENTRE, CENTRE)
MEAN, STD = 0.1307, 0.3081  # of MNIST's training pixels in [0, 1]


def _area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """R (n_out, n_in): output pixel i is the mean of the input over its span.

    Output pixel i covers [i·s, (i + 1)·s) of the input, s = n_in / n_out; R[i, j] is
    the length it shares with input pixel [j, j + 1), divided by s. Each row sums to 1,
    so values stay in [0, 1]; it averages when shrinking and repeats when enlarging.
    """
    s = n_in / n_out
    lo = np.arange(n_out)[:, None] * s
    hi = lo + s
    j = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / s


def _as_canvas(canvas: np.ndarray) -> np.ndarray:
    """float64 copy clipped to [0, 1]: a brush that paints over a pixel twice may pass 1."""
    arr = np.asarray(canvas)
    if arr.ndim != 2 or 0 in arr.shape:
        raise ValueError(f"canvas must be a non-empty 2-D array, got shape {arr.shape}")
    if arr.dtype.kind not in "fiub":
        raise ValueError(f"canvas must hold numbers in [0, 1], got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError("canvas holds NaN or infinite values")
    return np.clip(arr, 0.0, 1.0)


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the ink's centre of mass, pixel (r, c) at the point (r, c)."""
    total = image.sum()
    if total <= 0:
        raise ValueError("the image is blank: it has no centre of mass")
    rows = np.arange(image.shape[0], dtype=np.float64)
    cols = np.arange(image.shape[1], dtype=np.float64)
    return float(image.sum(axis=1) @ rows / total), float(image.sum(axis=0) @ cols / total)


def raw(canvas: np.ndarray) -> np.ndarray:
    """The (28, 28) digit with intensities in [0, 1], before normalisation (for display).

    1. crop the canvas to the ink's bounding box (pixels > 0);
    2. resample it by area-averaging so its long side is 20 px and its short side
       round(20 · short / long) px (at least 1): the aspect is kept;
    3. place it in the 28×28 field shifted by whole pixels so its centre of mass is
       within half a pixel of pixel (14, 14); ink shifted past the border (only for a digit
       whose centre of mass is far from its box's centre) is cut, as in MNIST.
    A blank canvas gives a blank field.
    """
    img = _as_canvas(canvas)
    out = np.zeros((SIDE, SIDE))
    rows = np.flatnonzero(img.any(axis=1))
    if rows.size == 0:
        return out
    cols = np.flatnonzero(img.any(axis=0))
    crop = img[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    small = _area_matrix(h, new_h) @ crop @ _area_matrix(w, new_w).T
    small = np.clip(small, 0.0, 1.0)  # rows of R sum to 1 up to rounding

    com_r, com_c = centre_of_mass(small)
    top = round(CENTRE - com_r)  # the box's offset in the field
    left = round(CENTRE - com_c)
    # Copy the part of the box that lands inside the field.
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + new_h, SIDE), min(left + new_w, SIDE)
    if r1 > r0 and c1 > c0:
        out[r0:r1, c0:c1] = small[r0 - top : r1 - top, c0 - left : c1 - left]
    return out


def normalise(image: np.ndarray) -> np.ndarray:
    """(v − 0.1307) / 0.3081 elementwise: what the network's input layer receives."""
    return (np.asarray(image, dtype=np.float64) - MEAN) / STD


def preprocess(canvas: np.ndarray) -> np.ndarray:
    """The (28, 28) float64 input the MNIST network expects for a drawn digit.

    `canvas`: any 2-D size, values in [0, 1] with 1 = ink (values outside are clipped).
    `raw(canvas)` normalised with MNIST's mean and std; a blank canvas gives the
    normalised blank, −0.1307 / 0.3081 ≈ −0.4242 everywhere.
    """
    return normalise(raw(canvas))
