"""A drawn digit preprocessed as MNIST's were: hand-made canvases with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from gradlab.core.backprop import drawing
from gradlab.core.backprop.drawing import preprocess, raw

BLANK = -0.1307 / 0.3081  # MNIST's training mean and std, pinned here as literals


def com(image: np.ndarray) -> tuple[float, float]:
    """Centre of mass with pixel (r, c) at the point (r, c): written out here, not taken
    from the module under test."""
    rr, cc = np.mgrid[: image.shape[0], : image.shape[1]]
    total = image.sum()
    return float((rr * image).sum() / total), float((cc * image).sum() / total)


def ink_box(image: np.ndarray) -> tuple[int, int]:
    """(height, width) of the bounding box of the pixels > 0."""
    rows, cols = np.nonzero(image)
    return int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1)


def test_square_in_a_corner_is_scaled_to_20_px_and_centred():
    canvas = np.zeros((280, 280))
    canvas[5:65, 210:270] = 1.0  # 60×60 in the top-right corner
    img = raw(canvas)
    assert img.shape == (28, 28) and img.dtype == np.float64
    assert ink_box(img) == (20, 20)
    r, c = com(img)
    assert abs(r - 14) <= 0.5 and abs(c - 14) <= 0.5
    # a full square stays full: 400 pixels of ink 1.0 (the area average of full ink),
    # its mass at 9.5 from its top-left corner, shifted by whole pixels: rows 4..23 or 5..24
    assert img.sum() == pytest.approx(400.0)
    rows, cols = np.nonzero(img)
    assert rows.min() in (4, 5) and cols.min() in (4, 5)
    np.testing.assert_allclose(img[rows.min() : rows.min() + 20, cols.min() : cols.min() + 20], 1.0)


def test_aspect_is_kept_2_to_1():
    canvas = np.zeros((280, 280))
    canvas[170:270, 10:60] = 1.0  # 100 tall, 50 wide, bottom-left
    img = raw(canvas)
    assert ink_box(img) == (20, 10)
    r, c = com(img)
    assert abs(r - 14) <= 0.5 and abs(c - 14) <= 0.5
    wide = raw(canvas.T.copy())  # 50 tall, 100 wide
    assert ink_box(wide) == (10, 20)


@pytest.mark.parametrize("shape, box", [((280, 280), (37, 107)), ((200, 300), (13, 29)), ((50, 50), (7, 3))])
def test_off_centre_rectangles_of_odd_sizes(shape, box):
    """Long side 20 px whatever the canvas, short side ≈ 20·short/long, centre of mass
    within half a pixel of (14, 14) (whole-pixel shifts), small drawings enlarged."""
    canvas = np.zeros(shape)
    h, w = box
    canvas[shape[0] - h - 1 : shape[0] - 1, 2 : 2 + w] = 1.0
    img = raw(canvas)
    bh, bw = ink_box(img)
    assert max(bh, bw) == 20
    assert min(bh, bw) == pytest.approx(20 * min(h, w) / max(h, w), abs=1.0)
    r, c = com(img)
    assert abs(r - 14) <= 0.5 + 1e-9 and abs(c - 14) <= 0.5 + 1e-9


def test_centre_of_mass_not_box_centre_is_what_is_centred():
    """An L shape: heavy left column. Its box is off the field's centre, its mass is not."""
    canvas = np.zeros((100, 100))
    canvas[10:90, 10:30] = 1.0  # thick vertical bar
    canvas[70:90, 10:90] = 1.0  # thin foot to the right
    img = raw(canvas)
    r, c = com(img)
    assert abs(r - 14) <= 0.5 and abs(c - 14) <= 0.5
    rows, cols = np.nonzero(img)
    box_centre_c = (cols.min() + cols.max() + 1) / 2
    assert box_centre_c > 15  # the box is shifted right, so the mass (left) is central


def test_anti_aliased_edges_and_intensities_in_0_1():
    canvas = np.zeros((280, 280))
    canvas[40:241, 100:131] = 1.0  # 201 × 31: the edges fall between output pixels
    canvas[120:130, 100:180] = 0.6
    img = raw(canvas)
    assert img.min() >= 0.0 and img.max() <= 1.0
    assert np.any((img > 0) & (img < 1))  # grey edge pixels: area averaging
    # area averaging keeps the ink's total in proportion to the area: scale (20/201)²
    assert img.sum() == pytest.approx(canvas.sum() * (20 / 201) ** 2, rel=0.03)


def test_values_beyond_1_are_clipped_and_small_canvases_work():
    canvas = np.zeros((28, 28))
    canvas[3:8, 3:8] = 2.0  # a brush painted twice
    img = raw(canvas)
    assert img.max() == pytest.approx(1.0) and ink_box(img) == (20, 20)


def test_blank_canvas_gives_the_normalised_blank():
    out = preprocess(np.zeros((280, 280)))
    assert out.shape == (28, 28) and out.dtype == np.float64
    np.testing.assert_allclose(out, BLANK, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(raw(np.zeros((10, 17))), np.zeros((28, 28)))


def test_preprocess_is_raw_normalised_with_pinned_mean_and_std():
    canvas = np.zeros((280, 280))
    canvas[50:200, 120:160] = 1.0
    canvas[60:80, 90:200] = 0.5
    v = raw(canvas)
    np.testing.assert_allclose(preprocess(canvas), (v - 0.1307) / 0.3081, rtol=0, atol=1e-12)
    assert preprocess(canvas).max() == pytest.approx((1 - 0.1307) / 0.3081)


def test_matches_the_normalisation_the_mnist_training_uses():
    """The same mean and std as the MNIST tab's tensors (so a drawn digit is on its scale)."""
    from gradlab.core.mnist import tensors

    assert (drawing.MEAN, drawing.STD) == (tensors.MEAN, tensors.STD)


@pytest.mark.parametrize("bad", [np.zeros(5), np.zeros((0, 4)), np.full((4, 4), np.nan), np.array([["a"]])])
def test_bad_canvases_are_named(bad):
    with pytest.raises(ValueError, match="canvas"):
        preprocess(bad)


def test_real_mnist_digits_are_fixed_points(mnist_dir):
    """A real MNIST digit was already preprocessed: its box is 20 px and its centre of mass
    at pixel (14, 14) within half a pixel, so running it through again leaves it as it
    was (the same convention as MNIST's), apart from the few whose mass MNIST left more
    than half a pixel off (about 2% per axis), which move by one whole pixel."""
    from gradlab.core.mnist.data import load

    data = load(mnist_dir)
    same = 0
    for i in range(200):
        original = data.test_images[i] / 255.0
        again = raw(original)
        assert max(ink_box(again)) == 20
        r, c = com(again)
        assert abs(r - 14) <= 0.5 + 1e-9 and abs(c - 14) <= 0.5 + 1e-9
        same += np.allclose(again, original, rtol=0, atol=1e-12)
    assert same >= 180, same
