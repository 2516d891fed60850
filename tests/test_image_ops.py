"""tf.image: values, dtypes, gradients and errors checked against numbers printed by TensorFlow 2.21.

The reference arrays (``REF``, at the end of this file) were produced by running TF on the
small deterministic inputs defined below; float32 values are stored in their shortest float32
repr, so ``np.float32(REF[...])`` reproduces TF's bits.
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
import tapeflow.image  # noqa: F401  (registers the image primitives before tests/test_rules.py is collected)
from tapeflow.errors import InvalidArgumentError, OutOfRangeError, UnimplementedError

IMG = ((np.arange(24).reshape(1, 3, 4, 2) * 7 % 11) / 10).astype(np.float32)
W57 = ((np.arange(70).reshape(1, 5, 7, 2) * 5 % 13) / 13 - 0.5).astype(np.float32)
W23 = ((np.arange(12).reshape(1, 2, 3, 2) * 5 % 13) / 13 - 0.5).astype(np.float32)
RGB = ((np.arange(18).reshape(2, 3, 3) * 5 % 17) / 16).astype(np.float32)
WH = ((np.arange(18).reshape(2, 3, 3) * 7 % 17) / 17 - 0.4).astype(np.float32)
U8 = (np.arange(18).reshape(2, 3, 3) * 37 % 256).astype(np.uint8)
IMG4 = ((np.arange(2 * 4 * 5 * 2).reshape(2, 4, 5, 2) * 7 % 19) / 19).astype(np.float32)
BIG = ((np.arange(1 * 24 * 26 * 2).reshape(1, 24, 26, 2) * 37 % 101) / 101).astype(np.float32)
BIG2 = ((np.arange(1 * 24 * 26 * 2).reshape(1, 24, 26, 2) * 41 % 103) / 103).astype(np.float32)
BOXES = np.array([[0.1, 0.2, 0.8, 0.9], [-0.2, 0.1, 1.3, 0.7], [0.9, 0.8, 0.1, 0.05]], np.float32)
WC = ((np.arange(3 * 3 * 2 * 2).reshape(3, 3, 2, 2) * 5 % 11) / 11 - 0.5).astype(np.float32)
NB = np.array([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1],
               [0, 100, 1, 101]], np.float32)
NS = np.array([.9, .75, .6, .95, .5, .3], np.float32)
METHODS = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"]


def ref(key: str, shape: tuple | None = None) -> np.ndarray:
    a = np.array(REF[key], np.float32)
    return a if shape is None else a.reshape(shape)


def grads(f, *args):
    """Gradients of sum(f(*vars)) with respect to each argument (as Variables)."""
    vs = [tf.Variable(a) for a in args]
    with tf.GradientTape() as t:
        y = tf.reduce_sum(f(*vs))
    return [None if g is None else g.numpy() for g in t.gradient(y, vs)]


# --- namespace ---------------------------------------------------------------------------------------


def test_namespace_and_resize_method_constants():
    m = tf.image.ResizeMethod
    assert (m.BILINEAR, m.NEAREST_NEIGHBOR, m.BICUBIC, m.AREA) == ("bilinear", "nearest", "bicubic", "area")
    assert (m.LANCZOS3, m.LANCZOS5, m.GAUSSIAN, m.MITCHELLCUBIC) == ("lanczos3", "lanczos5", "gaussian", "mitchellcubic")
    for name in tf.image.__all__:
        assert callable(getattr(tf.image, name)) or name == "ResizeMethod"
    for absent in ("decode_png", "encode_jpeg", "decode_image", "adjust_jpeg_quality", "draw_bounding_boxes"):
        with pytest.raises(AttributeError):
            getattr(tf.image, absent)


# --- resize --------------------------------------------------------------------------------------------


def _resize_cases():
    for m in METHODS:
        for aa in (False, True):
            for size in ((5, 7), (2, 3)):
                yield m, aa, size


def _resize_key(method, antialias, size):
    """The REF key of TF's output. TF 2.21 printed the same numbers with and without antialias for
    nearest and area, and for upsampling (5x7) with every kernel but bilinear and bicubic: those
    cases share the antialias=False reference."""
    same = method in ("nearest", "area") or (size == (5, 7) and method not in ("bilinear", "bicubic"))
    return f"resize_{method}_{int(antialias and not same)}_{size[0]}x{size[1]}"


@pytest.mark.parametrize("method,antialias,size", list(_resize_cases()))
def test_resize_matches_tf_bit_for_bit(method, antialias, size):
    out = tf.image.resize(IMG, size, method, antialias=antialias)
    assert out.dtype == tf.float32 and out.shape.as_list() == [1, *size, 2]
    key = _resize_key(method, antialias, size)
    np.testing.assert_array_equal(out.numpy(), ref(key, (1, *size, 2)))
    single = tf.image.resize(IMG[0], size, method, antialias=antialias)  # one HWC image
    np.testing.assert_array_equal(single.numpy(), out.numpy()[0])


def test_resize_upsampling_ignores_antialias_but_bilinear_goes_through_the_triangle_kernel():
    a = tf.image.resize(IMG, [5, 7], "lanczos3")
    np.testing.assert_array_equal(tf.image.resize(IMG, [5, 7], "lanczos3", antialias=True).numpy(), a.numpy())
    # TF: antialias routes bilinear through ScaleAndTranslate("triangle"): equal up to rounding
    b0, b1 = ref("resize_bilinear_0_5x7"), ref("resize_bilinear_1_5x7")
    assert not np.array_equal(b0, b1) and np.allclose(b0, b1, atol=1e-6)


def test_resize_dtypes():
    u8 = (IMG * 200).astype(np.uint8)
    nn = tf.image.resize(u8, [5, 7], "nearest")
    assert nn.dtype == tf.uint8
    np.testing.assert_array_equal(nn.numpy(), tf.image.resize(u8.astype(np.float32), [5, 7], "nearest").numpy())
    for dt in (np.float16, np.int32, np.int64):
        assert tf.image.resize(IMG.astype(dt), [2, 2], "nearest").dtype == tf.as_dtype(dt.__name__)
    for m in ("bilinear", "bicubic", "area", "lanczos3"):
        for dt in (np.uint8, np.int16, np.float16, np.float64):
            assert tf.image.resize(IMG.astype(dt), [2, 3], m).dtype == tf.float32
    # integer and float64 images are read as float32, like TF's kernels
    np.testing.assert_array_equal(tf.image.resize(IMG.astype(np.float64), [5, 7]).numpy(), ref("resize_bilinear_0_5x7").reshape(1, 5, 7, 2))
    np.testing.assert_array_equal(tf.image.resize(u8, [2, 3], "area").numpy(),
                                  tf.image.resize(u8.astype(np.float32), [2, 3], "area").numpy())
    # an empty batch is fine
    assert tf.image.resize(np.zeros((0, 2, 3, 1), np.float32), [2, 2]).shape.as_list() == [0, 2, 2, 1]


def test_resize_preserve_aspect_ratio():
    x = np.zeros((2, 3, 4, 1), np.float32)
    assert tf.image.resize(x, [10, 20], preserve_aspect_ratio=True).shape.as_list() == [2, 10, 13, 1]
    assert tf.image.resize(np.zeros((1, 7, 3, 1)), [5, 5], preserve_aspect_ratio=True).shape.as_list() == [1, 5, 2, 1]
    assert tf.image.resize(np.zeros((5, 5, 1)), [10, 20], preserve_aspect_ratio=True).shape.as_list() == [10, 10, 1]


def test_resize_errors():
    x = np.zeros((2, 3, 4, 1), np.float32)
    cases = [
        (lambda: tf.image.resize(np.zeros((3, 3)), [2, 2]), ValueError, "'images' must have either 3 or 4 dimensions."),
        (lambda: tf.image.resize(np.zeros((1, 1, 3, 3, 1)), [2, 2]), ValueError,
         "'images' must have either 3 or 4 dimensions."),
        (lambda: tf.image.resize(x, [2, 2, 2]), ValueError,
         "'size' must be a 1-D Tensor of 2 elements: new_height, new_width"),
        (lambda: tf.image.resize(x, 2), ValueError, "'size' must be a 1-D Tensor of 2 elements: new_height, new_width"),
        (lambda: tf.image.resize(x, [2.0, 2.0]), ValueError, "'size' must be a 1-D int32 Tensor"),
        (lambda: tf.image.resize(x, tf.constant([2, 2], tf.int64)), ValueError, "'size' must be a 1-D int32 Tensor"),
        (lambda: tf.image.resize(x, [-2, 2]), ValueError, "Dimension -2 must be >= 0"),
        (lambda: tf.image.resize(x, [2, 2], method="foo"), ValueError, "Resize method is not implemented: foo"),
    ]
    for f, exc, msg in cases:
        with pytest.raises(exc) as e:
            f()
        assert str(e.value) == msg
    for m in METHODS:
        with pytest.raises(InvalidArgumentError, match="output dimensions must be positive"):
            tf.image.resize(x, [0, 2], m)
    with pytest.raises(InvalidArgumentError, match="input image must be of non-zero size"):
        tf.image.resize(np.zeros((1, 0, 3, 1), np.float32), [2, 2])
    with pytest.raises(InvalidArgumentError, match="bool"):
        tf.image.resize(np.zeros((1, 2, 2, 1), bool), [3, 3])


_GRAD_CASES = [(m, aa, s) for m, aa in [("bilinear", False), ("nearest", False), ("bicubic", False),
                                       ("lanczos3", False), ("bilinear", True), ("gaussian", True)]
               for s in ((5, 7), (2, 3))]


@pytest.mark.parametrize("method,antialias,size", _GRAD_CASES)
def test_resize_gradient_matches_tf(method, antialias, size):
    w = W57 if size == (5, 7) else W23
    (g,) = grads(lambda x: tf.image.resize(x, size, method, antialias=antialias) * w, IMG)
    np.testing.assert_allclose(g, ref(f"grad_{method}_{int(antialias)}_{size[0]}x{size[1]}", IMG.shape),
                               rtol=1e-5, atol=1e-6)


def test_resize_gradient_dtype_follows_the_image():
    for dt in (np.float64, np.float16):
        (g,) = grads(lambda x: tf.image.resize(x, [5, 7]), IMG.astype(dt))
        assert g.dtype == dt
    (g,) = grads(lambda x: tf.image.resize(x, [5, 7], "bicubic"), IMG.astype(np.float16))
    assert g is None  # TF: ResizeBicubic's gradient is only for float32 / float64 images


def test_resize_area_has_no_gradient():
    x = tf.Variable(IMG)
    with tf.GradientTape() as t:
        y = tf.image.resize(x, [2, 3], "area")
    with pytest.raises(LookupError) as e:
        t.gradient(y, x)
    assert str(e.value) == "gradient registry has no entry for: ResizeArea"


def test_resize_second_order_and_jacobian():
    x = tf.Variable(IMG)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.image.resize(x, [5, 7]) ** 2)
        g = inner.gradient(y, x)
        s = tf.reduce_sum(g * g)
    gg = outer.gradient(s, x)
    # d/dx |2 R^T R x|^2 = 8 (R^T R)^2 x: compare with the explicit resize matrix
    m = np.stack([tf.image.resize(e.reshape(1, 3, 4, 1), [5, 7]).numpy().ravel()
                  for e in np.eye(12, dtype=np.float32).reshape(12, 3, 4)], 1).astype(np.float64)
    rtr = m.T @ m
    expect = 8 * rtr @ rtr @ IMG[0].transpose(2, 0, 1).reshape(2, 12).T
    np.testing.assert_allclose(gg.numpy()[0].transpose(2, 0, 1).reshape(2, 12).T, expect, rtol=1e-4, atol=1e-5)
    with tf.GradientTape() as t:
        y = tf.image.resize(x, [2, 2], "bicubic")
    jac = t.jacobian(y, x)
    assert jac.shape.as_list() == [1, 2, 2, 2, 1, 3, 4, 2]


def test_resize_primitive_gradient_checks():
    """The rule-table examples of the resize and HSV primitives, checked at order 1 and 2 in float64
    (tests/test_rules.py only sees them when tf.image was imported before its collection)."""
    import test_rules

    from tapeflow.primitives import RULES

    for name in ("resize_bilinear", "resize_nearest_neighbor", "resize_bicubic", "scale_and_translate",
                 "resize_grad", "rgb_to_hsv"):
        assert RULES[name].examples
        for i in range(len(RULES[name].examples)):
            test_rules.test_rule_gradients(name, i)


def test_resize_with_pad_and_crop_or_pad():
    img = tf.reshape(tf.range(24, dtype=tf.float32), [2, 3, 4, 1])
    out = tf.image.resize_with_pad(img, 5, 3)
    assert out.shape.as_list() == [2, 5, 3, 1]
    np.testing.assert_allclose(out.numpy().ravel()[:12], [0, 0, 0, 1.1666666269302368, 2.5, 3.8333334922790527,
                                                          7.1666669845581055, 8.5, 9.833333969116211, 0, 0, 0])
    nn = tf.image.resize_with_pad(tf.cast(img, tf.int32), 5, 7, method="nearest")
    assert nn.dtype == tf.int32 and nn.numpy().ravel()[:12].tolist() == [0, 1, 1, 2, 3, 3, 0, 0, 1, 1, 2, 3]
    out = tf.image.resize_with_crop_or_pad(img, 5, 3)
    assert out.shape.as_list() == [2, 5, 3, 1]
    assert out.numpy().ravel()[:12].tolist() == [0, 0, 0, 0, 1, 2, 4, 5, 6, 8, 9, 10]
    for f in (tf.image.resize_with_pad, tf.image.resize_with_crop_or_pad):
        with pytest.raises(ValueError, match="target_height must be > 0."):
            f(img, 0, 3)
    with pytest.raises(ValueError, match=r"'image' \(shape \(3, 3\)\) must have either 3 or 4 dimensions."):
        tf.image.resize_with_crop_or_pad(np.zeros((3, 3)), 5, 3)
    check_grads(lambda x: tf.image.resize_with_crop_or_pad(x, 2, 6), [IMG.astype(np.float64)])


# --- flips, rotations, crops ---------------------------------------------------------------------------


def test_flips_transpose_rot90():
    x = IMG4
    np.testing.assert_array_equal(tf.image.flip_left_right(x).numpy(), x[:, :, ::-1])
    np.testing.assert_array_equal(tf.image.flip_up_down(x).numpy(), x[:, ::-1])
    np.testing.assert_array_equal(tf.image.flip_left_right(x[0]).numpy(), x[0, :, ::-1])
    np.testing.assert_array_equal(tf.image.transpose(x).numpy(), x.transpose(0, 2, 1, 3))
    np.testing.assert_array_equal(tf.image.transpose(x[0]).numpy(), x[0].transpose(1, 0, 2))
    for k in range(-2, 6):
        np.testing.assert_array_equal(tf.image.rot90(x, k).numpy(), np.rot90(x, k, axes=(1, 2)))
        np.testing.assert_array_equal(tf.image.rot90(x[0], tf.constant(k)).numpy(), np.rot90(x[0], k))
    img = tf.reshape(tf.range(24, dtype=tf.float32), [2, 3, 4, 1])
    assert tf.image.rot90(img, k=-1).numpy().ravel()[:12].tolist() == [8, 4, 0, 9, 5, 1, 10, 6, 2, 11, 7, 3]
    for f in (lambda v: tf.image.rot90(v, 1), tf.image.transpose, tf.image.flip_up_down):
        check_grads(f, [IMG.astype(np.float64)])


def test_flip_rot_errors():
    msgs = [
        (lambda: tf.image.flip_left_right(np.zeros((2, 3))), "'image' (shape (2, 3)) must be at least three-dimensional."),
        (lambda: tf.image.flip_left_right(np.zeros((1, 2, 3, 4, 5))),
         "'image' (shape (1, 2, 3, 4, 5))must have either 3 or 4 dimensions."),
        (lambda: tf.image.flip_left_right(np.zeros((0, 3, 1))), "inner 3 dims of 'image.shape' must be > 0: (0, 3, 1)"),
        (lambda: tf.image.random_flip_left_right(np.zeros((1, 2, 3, 4, 5))),
         "'image' (shape (1, 2, 3, 4, 5)) must have either 3 or 4 dimensions."),
        (lambda: tf.image.rot90(np.zeros((1, 2, 3, 4, 5))), "'image' (shape (1, 2, 3, 4, 5)) must have either 3 or 4 dimensions."),
        (lambda: tf.image.rot90(IMG, k=[1]), "Shape (1,) must have rank 0"),
        (lambda: tf.image.transpose(np.zeros((2, 3))), "'image' (shape (2, 3)) must be at least three-dimensional."),
    ]
    for f, msg in msgs:
        with pytest.raises(ValueError) as e:
            f()
        assert str(e.value) == msg
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.image.rot90(IMG, k=1.5)


def test_random_flips():
    x = np.arange(2 * 3 * 1).reshape(2, 3, 1).astype(np.float32)
    seen = set()
    for s in range(12):
        y = tf.image.random_flip_left_right(x, seed=s).numpy()
        assert np.array_equal(y, x) or np.array_equal(y, x[:, ::-1])
        seen.add(np.array_equal(y, x))
    assert seen == {True, False}
    tf.random.set_seed(7)
    a = [tf.image.random_flip_up_down(IMG4).numpy() for _ in range(4)]
    tf.random.set_seed(7)
    b = [tf.image.random_flip_up_down(IMG4).numpy() for _ in range(4)]
    for p, q in zip(a, b):
        np.testing.assert_array_equal(p, q)
        for i in range(2):  # each image of a batch flips on its own draw
            assert np.array_equal(p[i], IMG4[i]) or np.array_equal(p[i], IMG4[i, ::-1])
    u8 = (IMG4 * 100).astype(np.uint8)
    r = tf.image.random_flip_left_right(u8, seed=3)
    assert r.dtype == tf.uint8
    for s in [(1, 2), (3, 4), (5, 6)]:
        p = tf.image.stateless_random_flip_left_right(IMG4, seed=s).numpy()
        np.testing.assert_array_equal(p, tf.image.stateless_random_flip_left_right(IMG4, seed=s).numpy())
        q = tf.image.stateless_random_flip_up_down(IMG4[0], seed=s).numpy()
        assert np.array_equal(q, IMG4[0]) or np.array_equal(q, IMG4[0, ::-1])
    (g,) = grads(lambda v: tf.image.stateless_random_flip_left_right(v, seed=(1, 2)) * IMG4, IMG4)
    flipped = tf.image.stateless_random_flip_left_right(IMG4, seed=(1, 2)).numpy()
    np.testing.assert_allclose(g, np.where([np.array_equal(flipped[i], IMG4[i]) for i in range(2)],
                                           [1.0, 1.0], [0.0, 0.0])[:, None, None, None] * IMG4
                               + np.where([np.array_equal(flipped[i], IMG4[i]) for i in range(2)],
                                          [0.0, 0.0], [1.0, 1.0])[:, None, None, None] * IMG4[:, :, ::-1])


def test_central_crop():
    assert tf.image.central_crop(np.zeros((5, 7, 1)), 0.5).shape.as_list() == [3, 5, 1]
    assert tf.image.central_crop(np.zeros((1, 10, 9, 2)), 0.3).shape.as_list() == [1, 4, 3, 2]
    assert tf.image.central_crop(np.zeros((1, 10, 9, 2)), tf.constant(0.3)).shape.as_list() == [1, 4, 3, 2]
    np.testing.assert_array_equal(tf.image.central_crop(IMG4, 0.5).numpy(), IMG4[:, 1:3, 1:4])
    x = tf.constant(IMG4)
    assert tf.image.central_crop(x, 1.0) is x
    for cf in (0.0, 1.5):
        with pytest.raises(ValueError, match=r"central_fraction must be within \(0, 1\]"):
            tf.image.central_crop(IMG4, cf)
    with pytest.raises(ValueError, match="Had rank = 5."):
        tf.image.central_crop(np.zeros((1, 4, 4, 4, 1)), 0.5)
    with pytest.raises(ValueError, match="must be at least three-dimensional"):
        tf.image.central_crop(np.zeros((4, 4)), 0.5)
    check_grads(lambda v: tf.image.central_crop(v, 0.5), [IMG4.astype(np.float64)])


def test_crop_and_pad_to_bounding_box():
    img = tf.reshape(tf.range(24, dtype=tf.float32), [2, 3, 4, 1])
    assert tf.image.crop_to_bounding_box(img, 1, 1, 2, 2).numpy().ravel().tolist() == [5, 6, 9, 10, 17, 18, 21, 22]
    out = tf.image.pad_to_bounding_box(img, 1, 0, 5, 5)
    assert out.shape.as_list() == [2, 5, 5, 1]
    assert out.numpy().ravel()[:12].tolist() == [0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5]
    u8 = (IMG4[0] * 100).astype(np.uint8)
    p = tf.image.pad_to_bounding_box(u8, 1, 2, 7, 10)
    assert p.dtype == tf.uint8 and p.shape.as_list() == [7, 10, 2]
    np.testing.assert_array_equal(p.numpy()[1:5, 2:7], u8)
    errors = [
        (lambda: tf.image.crop_to_bounding_box(img, -1, 0, 2, 2), "offset_height must be >= 0."),
        (lambda: tf.image.crop_to_bounding_box(img, 0, 0, 2, 5), "width must be >= target + offset."),
        (lambda: tf.image.crop_to_bounding_box(img, 2, 0, 2, 2), "height must be >= target + offset."),
        (lambda: tf.image.crop_to_bounding_box(img, 0, 0, 2, 0), "target_width must be > 0."),
        (lambda: tf.image.crop_to_bounding_box(np.zeros((3, 3)), 0, 0, 2, 2),
         "'image' (shape (3, 3)) must have either 3 or 4 dimensions."),
        (lambda: tf.image.pad_to_bounding_box(img, -1, 0, 5, 5), "offset_height must be >= 0"),
        (lambda: tf.image.pad_to_bounding_box(img, 0, 0, 2, 5), "height must be <= target - offset"),
        (lambda: tf.image.pad_to_bounding_box(img, 0, 3, 5, 5), "width must be <= target - offset"),
        (lambda: tf.image.pad_to_bounding_box(np.zeros((1, 0, 3, 1)), 0, 0, 5, 5),
         "inner 3 dims of 'image.shape' must be > 0: (1, 0, 3, 1)"),
    ]
    for f, msg in errors:
        with pytest.raises(ValueError) as e:
            f()
        assert str(e.value) == msg
    check_grads(lambda v: tf.image.pad_to_bounding_box(tf.image.crop_to_bounding_box(v, 1, 0, 2, 3), 1, 1, 4, 5),
                [IMG.astype(np.float64)])


def test_random_crop():
    x = np.arange(4 * 5 * 3).reshape(4, 5, 3)
    for s in range(5):
        c = tf.image.random_crop(x, [2, 3, 3], seed=s).numpy()
        assert c.shape == (2, 3, 3)
        i, j = np.argwhere(x[..., 0] == c[0, 0, 0])[0]
        np.testing.assert_array_equal(c, x[i:i + 2, j:j + 3])
    a = tf.image.stateless_random_crop(x, [2, 2, 1], seed=(4, 5)).numpy()
    np.testing.assert_array_equal(a, tf.image.stateless_random_crop(x, [2, 2, 1], seed=(4, 5)).numpy())
    with pytest.raises(InvalidArgumentError, match="Need value.shape >= size"):
        tf.image.random_crop(x, [5, 5, 3])
    with pytest.raises(InvalidArgumentError, match="Incompatible shapes"):
        tf.image.random_crop(x, [2, 5])
    with pytest.raises(TypeError, match="Cannot convert"):
        tf.image.random_crop(x, [2.0, 4, 3])
    (g,) = grads(lambda v: tf.image.stateless_random_crop(v, [2, 2, 3], seed=(1, 1)), x.astype(np.float32))
    assert g.sum() == 12 and set(np.unique(g)) == {0.0, 1.0}


def test_extract_patches():
    x = tf.constant(IMG4)
    out = tf.image.extract_patches(x, [1, 2, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
    assert out.shape.as_list() == [2, 2, 2, 12]
    np.testing.assert_array_equal(out.numpy().ravel(), ref("extract_patches_valid"))
    out = tf.image.extract_patches(x, [1, 3, 2, 1], [1, 2, 3, 1], [1, 1, 2, 1], "SAME")
    np.testing.assert_array_equal(out.numpy().ravel(), ref("extract_patches_same"))
    (g,) = grads(lambda v: tf.image.extract_patches(v, [1, 3, 2, 1], [1, 2, 3, 1], [1, 1, 2, 1], "SAME") ** 2, IMG4)
    np.testing.assert_allclose(g.ravel(), ref("extract_patches_grad"), rtol=1e-6)
    xi = tf.cast(tf.reshape(tf.range(16), [1, 4, 4, 1]), tf.int32)
    assert tf.image.extract_patches(xi, [1, 5, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID").shape.as_list() == [1, 0, 1, 15]
    check_grads(lambda v: tf.image.extract_patches(v, [1, 2, 2, 1], [1, 1, 2, 1], [1, 2, 1, 1], "SAME"),
                [IMG.astype(np.float64)])
    with pytest.raises(UnimplementedError, match="Only support ksizes across space."):
        tf.image.extract_patches(x, [2, 2, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
    with pytest.raises(InvalidArgumentError, match="\"FULL\" is not in the list of allowed values"):
        tf.image.extract_patches(x, [1, 2, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "FULL")
    with pytest.raises(InvalidArgumentError, match="input must be 4-dimensional"):
        tf.image.extract_patches(x[0], [1, 2, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
    with pytest.raises(OutOfRangeError, match="strides is out of range."):
        tf.image.extract_patches(x, [1, 2, 3, 1], [1, 0, 2, 1], [1, 1, 1, 1], "VALID")


@pytest.mark.parametrize("method", ["bilinear", "nearest"])
def test_crop_and_resize(method):
    out = tf.image.crop_and_resize(IMG4, BOXES, [0, 1, 1], [3, 2], method, 0.5)
    assert out.dtype == tf.float32 and out.shape.as_list() == [3, 3, 2, 2]
    np.testing.assert_array_equal(out.numpy().ravel(), ref(f"car_{method}"))
    gi, gb = grads(lambda x, b: tf.image.crop_and_resize(x, b, [0, 1, 1], [3, 2], method, 0.5) * WC, IMG4, BOXES)
    np.testing.assert_allclose(gi.ravel(), ref(f"car_{method}_grad_image"), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gb.ravel(), ref(f"car_{method}_grad_boxes"), rtol=1e-4, atol=1e-4)
    u8 = tf.image.crop_and_resize((IMG4 * 100).astype(np.uint8), BOXES, [0, 1, 1], [2, 2], method)
    assert u8.dtype == tf.float32


def test_crop_and_resize_errors():
    x = IMG4
    with pytest.raises(OutOfRangeError, match=r"box_index has values outside \[0, batch_size\)"):
        tf.image.crop_and_resize(x, BOXES, [0, 1, 2], [3, 2])
    with pytest.raises(InvalidArgumentError, match="crop dimensions must be positive"):
        tf.image.crop_and_resize(x, BOXES, [0, 1, 1], [0, 2])
    with pytest.raises(InvalidArgumentError, match="boxes must have 4 columns"):
        tf.image.crop_and_resize(x, np.zeros((3, 3), np.float32), [0, 1, 1], [2, 2])
    with pytest.raises(InvalidArgumentError, match="box_index has incompatible shape"):
        tf.image.crop_and_resize(x, BOXES, [0, 1], [2, 2])
    with pytest.raises(InvalidArgumentError, match="\"bicubic\" is not in the list of allowed values"):
        tf.image.crop_and_resize(x, BOXES, [0, 1, 1], [2, 2], method="bicubic")
    with pytest.raises(InvalidArgumentError, match="input image must be 4-D"):
        tf.image.crop_and_resize(x[0], BOXES, [0, 1, 1], [2, 2])
    with pytest.raises(ValueError, match="requested dtype float32 for Tensor with dtype float64"):
        tf.image.crop_and_resize(x, tf.constant(BOXES.astype(np.float64)), [0, 1, 1], [2, 2])
    assert tf.image.crop_and_resize(x, np.zeros((0, 4), np.float32), np.zeros(0, np.int32), [2, 2]).shape.as_list() == [0, 2, 2, 2]


# --- dtype conversion and colour ----------------------------------------------------------------------


def test_convert_image_dtype():
    u8 = tf.constant([0, 1, 127, 128, 254, 255], tf.uint8)
    cases = {
        tf.float32: [0.0, 0.003921568859368563, 0.49803924560546875, 0.501960813999176, 0.9960784912109375, 1.0],
        tf.float16: [0.0, 0.0039215087890625, 0.498046875, 0.501953125, 0.99609375, 1.0],
        tf.int8: [0, 0, 63, 64, 127, 127],
        tf.int16: [0, 128, 16256, 16384, 32512, 32640],
        tf.uint16: [0, 256, 32512, 32768, 65024, 65280],
        tf.int32: [0, 8388608, 1065353216, 1073741824, 2130706432, 2139095040],
    }
    for dt, want in cases.items():
        out = tf.image.convert_image_dtype(u8, dt)
        assert out.dtype == dt and out.numpy().tolist() == want
    f = tf.constant([-0.5, 0.0, 0.25, 0.5, 0.999, 1.0, 1.5])
    sat = {tf.uint8: [0, 0, 63, 127, 255, 255, 255], tf.int8: [-63, 0, 31, 63, 127, 127, 127],
           tf.int16: [-16383, 0, 8191, 16383, 32734, 32767, 32767], tf.uint16: [0, 0, 16383, 32767, 65469, 65535, 65535],
           tf.int32: [-1073741824, 0, 536870912, 1073741824, 2145336192, 2147483520, 2147483520]}
    for dt, want in sat.items():
        assert tf.image.convert_image_dtype(f, dt, saturate=True).numpy().tolist() == want
    assert tf.image.convert_image_dtype(tf.constant([0.0, 0.25, 0.5, 1.0]), tf.uint8).numpy().tolist() == [0, 63, 127, 255]
    i32 = tf.constant([-2147483648, -1, 0, 1, 2 ** 24, 2147483647], tf.int32)
    assert tf.image.convert_image_dtype(i32, tf.uint8, saturate=True).numpy().tolist() == [0, 0, 0, 0, 2, 255]
    assert tf.image.convert_image_dtype(i32, tf.int8).numpy().tolist() == [-128, -1, 0, 0, 1, 127]
    assert tf.image.convert_image_dtype(i32, tf.float32).numpy().tolist() == [
        -1.0, -4.656612873077393e-10, 0.0, 4.656612873077393e-10, 0.0078125, 1.0]
    i8 = tf.constant([-128, -1, 0, 1, 127], tf.int8)
    assert tf.image.convert_image_dtype(i8, tf.uint16, saturate=True).numpy().tolist() == [0, 0, 0, 512, 65024]
    assert tf.image.convert_image_dtype(i8, tf.int16).numpy().tolist() == [-32768, -256, 0, 256, 32512]
    assert tf.image.convert_image_dtype([1, 2], tf.float32).numpy().tolist() == [4.656612873077393e-10, 9.313225746154785e-10]
    with pytest.raises(AttributeError, match="image dtype must be either floating point or integer"):
        tf.image.convert_image_dtype(tf.constant([True]), tf.float32)
    with pytest.raises(AttributeError, match="^dtype must be either floating point or integer"):
        tf.image.convert_image_dtype(f, tf.bool)
    (g,) = grads(lambda v: tf.image.convert_image_dtype(v, tf.float64) * 3.0, RGB)
    assert g.dtype == np.float32 and np.all(g == 3.0)


def test_colour_adjustments_match_tf():
    x = tf.constant(RGB)
    exact = {"adjust_saturation": lambda v: tf.image.adjust_saturation(v, 1.7),
             "adjust_saturation_03": lambda v: tf.image.adjust_saturation(v, 0.3),
             "adjust_hue_03": lambda v: tf.image.adjust_hue(v, 0.3),
             "adjust_hue_m07": lambda v: tf.image.adjust_hue(v, -0.7),
             "rgb_to_hsv": tf.image.rgb_to_hsv, "hsv_to_rgb": tf.image.hsv_to_rgb,
             "rgb_to_grayscale": tf.image.rgb_to_grayscale, "rgb_to_yiq": tf.image.rgb_to_yiq,
             "yiq_to_rgb": tf.image.yiq_to_rgb, "rgb_to_yuv": tf.image.rgb_to_yuv, "yuv_to_rgb": tf.image.yuv_to_rgb}
    for key, f in exact.items():
        out = f(x)
        assert out.dtype == tf.float32
        np.testing.assert_array_equal(out.numpy().ravel(), ref(key), err_msg=key)
    close = {"adjust_contrast": lambda v: tf.image.adjust_contrast(v, 1.7),
             "adjust_gamma": lambda v: tf.image.adjust_gamma(v, 0.7, 1.3),
             "per_image_standardization": tf.image.per_image_standardization}
    for key, f in close.items():  # TF's reductions / powf may differ in the last bit
        np.testing.assert_allclose(f(x).numpy().ravel(), ref(key), rtol=1e-6, atol=1e-7, err_msg=key)


def test_colour_ops_on_uint8_images():
    x = tf.constant(U8)
    cases = {"u8_brightness": lambda v: tf.image.adjust_brightness(v, 0.2),
             "u8_contrast": lambda v: tf.image.adjust_contrast(v, 1.5),
             "u8_saturation": lambda v: tf.image.adjust_saturation(v, 1.5),
             "u8_hue": lambda v: tf.image.adjust_hue(v, 0.25), "u8_gamma": lambda v: tf.image.adjust_gamma(v, 0.5),
             "u8_grayscale": tf.image.rgb_to_grayscale}
    for key, f in cases.items():
        out = f(x)
        assert out.dtype == tf.uint8, key
        assert out.numpy().ravel().tolist() == REF[key], key
    np.testing.assert_allclose(tf.image.per_image_standardization(x).numpy().ravel(), ref("u8_pis"), rtol=1e-6)
    assert tf.image.adjust_brightness(tf.constant([0.5], tf.float64), 0.1).numpy().tolist() == [0.6000000238418579]
    assert tf.image.adjust_brightness(tf.constant([0.5]), tf.constant(1)).numpy().tolist() == [1.5]
    assert tf.image.adjust_gamma(tf.constant([0, 64, 255], tf.uint8), 0.5).numpy().tolist() == [0, 128, 255]
    out = tf.image.adjust_contrast(tf.constant([[[0.1], [0.2]], [[0.3], [0.9]]], tf.float64), 2.0)
    assert out.dtype == tf.float64
    np.testing.assert_allclose(out.numpy().ravel(), [-0.17500001192092896, 0.025000005960464478, 0.2250000238418579,
                                                    1.4249999523162842], rtol=1e-7)


def test_adjust_contrast_saturation_hue_have_no_gradient():
    image = tf.Variable(RGB[None])
    delta = tf.Variable(0.5)
    with tf.GradientTape() as tape:
        y = tf.image.adjust_contrast(image, delta)
    with pytest.raises(LookupError) as e:
        tape.gradient(y, [image, delta])
    assert str(e.value) == "gradient registry has no entry for: AdjustContrastv2"
    for f, op in ((lambda v: tf.image.adjust_saturation(v, 1.5), "AdjustSaturation"),
                  (lambda v: tf.image.adjust_hue(v, 0.2), "AdjustHue")):
        with tf.GradientTape() as tape:
            y = f(image)
        with pytest.raises(LookupError, match=f"^gradient registry has no entry for: {op}$"):
            tape.gradient(y, image)


def test_colour_gradients_match_tf():
    (g,) = grads(lambda v: tf.image.rgb_to_hsv(v) * WH, RGB)
    np.testing.assert_allclose(g.ravel(), ref("grad_rgb_to_hsv"), rtol=1e-5, atol=1e-6)
    (g,) = grads(lambda v: tf.image.hsv_to_rgb(v), RGB)
    assert g is None  # TF: NotDifferentiable("HSVToRGB")
    (g,) = grads(lambda v: tf.image.per_image_standardization(v) * WH, RGB)
    np.testing.assert_allclose(g.ravel(), ref("grad_pis"), rtol=1e-5, atol=1e-6)
    gx, gd = grads(lambda v, d: tf.image.adjust_brightness(v, d) * WH, RGB, np.float32(0.2))
    np.testing.assert_allclose(gx.ravel(), REF["grad_brightness"][0], rtol=1e-6)
    np.testing.assert_allclose(gd, REF["grad_brightness"][1][0], rtol=1e-5)
    gx, gg = grads(lambda v, g: tf.image.adjust_gamma(v + 0.1, g, 1.3) * WH, RGB, np.float32(0.7))
    np.testing.assert_allclose(gx.ravel(), REF["grad_gamma"][0], rtol=1e-5)
    np.testing.assert_allclose(gg, REF["grad_gamma"][1][0], rtol=1e-5)
    (g,) = grads(lambda v: tf.image.rgb_to_grayscale(v) * WH[..., :1], RGB)
    np.testing.assert_allclose(g.ravel(), ref("grad_grayscale"), rtol=1e-6)
    check_grads(tf.image.rgb_to_yiq, [RGB.astype(np.float64)])
    check_grads(tf.image.yuv_to_rgb, [RGB.astype(np.float64)])


def test_colour_errors():
    with pytest.raises(tf.errors.FailedPreconditionError, match="input must have 3 channels but input only has 2"):
        tf.image.rgb_to_hsv(np.zeros((2, 2), np.float32))
    with pytest.raises(InvalidArgumentError, match="int32"):
        tf.image.rgb_to_hsv(np.zeros((2, 3), np.int32))
    with pytest.raises(InvalidArgumentError, match="input must be at least 3-D, got shape\\[2, 3\\]"):
        tf.image.adjust_contrast(np.zeros((2, 3), np.float32), 2.0)
    with pytest.raises(InvalidArgumentError, match="contrast_factor must be scalar: \\[2\\]"):
        tf.image.adjust_contrast(IMG4, [2.0, 1.0])
    with pytest.raises(InvalidArgumentError, match="expected to be a float tensor but is a float64 tensor"):
        tf.image.adjust_contrast(IMG4, tf.constant(2.0, tf.float64))
    with pytest.raises(InvalidArgumentError, match="input must have 3 channels but instead has 2 channels."):
        tf.image.adjust_hue(IMG4, 0.2)
    with pytest.raises(ValueError, match=r"delta must be in the interval \[-1, 1\]"):
        tf.image.adjust_hue(RGB, 1.5)
    with pytest.raises(InvalidArgumentError, match="scale must be scalar: \\[2\\]"):
        tf.image.adjust_saturation(RGB, [0.1, 0.2])
    with pytest.raises(ValueError, match="^Gamma should be a non-negative real number.$"):
        tf.image.adjust_gamma(RGB, -1.0)
    with pytest.raises(InvalidArgumentError, match="Gamma should be a non-negative real number."):
        tf.image.adjust_gamma(RGB, tf.constant(-1.0))
    with pytest.raises(ValueError, match="^Last dimension of a grayscale image should be size 1.$"):
        tf.image.grayscale_to_rgb(np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"A grayscale image \(shape \(1,\)\) must be at least two-dimensional."):
        tf.image.grayscale_to_rgb(np.zeros(1))
    assert tf.image.grayscale_to_rgb(tf.constant([[0.25], [0.5]])).numpy().tolist() == [[0.25] * 3, [0.5] * 3]
    with pytest.raises(TypeError, match="Cannot convert"):
        tf.image.rgb_to_yiq(np.zeros((2, 3), np.int32))
    with pytest.raises(InvalidArgumentError):
        tf.image.rgb_to_grayscale(np.zeros((2, 2), np.float32))
    with pytest.raises(ValueError, match="must be at least three-dimensional"):
        tf.image.per_image_standardization(np.zeros((2, 3)))
    assert tf.image.per_image_standardization(np.ones((2, 2, 1))).numpy().ravel().tolist() == [0.0] * 4


def test_random_colour_ops():
    x = tf.constant(RGB[None])
    for f in (lambda s: tf.image.random_brightness(x, 0.2, seed=s), lambda s: tf.image.random_contrast(x, 0.5, 1.5, seed=s),
              lambda s: tf.image.random_saturation(x, 0.5, 1.5, seed=s), lambda s: tf.image.random_hue(x, 0.3, seed=s)):
        tf.random.set_seed(11)
        a = f(4).numpy()
        tf.random.set_seed(11)
        np.testing.assert_array_equal(a, f(4).numpy())
        assert a.shape == (1, 2, 3, 3) and a.dtype == np.float32
    y = tf.image.random_brightness(x, 0.2, seed=1).numpy() - RGB[None]
    assert np.allclose(y, y.ravel()[0], atol=1e-6) and abs(y.ravel()[0]) <= 0.2
    for f in (lambda s: tf.image.stateless_random_brightness(x, 0.2, seed=s),
              lambda s: tf.image.stateless_random_contrast(x, 0.5, 1.5, seed=s),
              lambda s: tf.image.stateless_random_saturation(x, 0.5, 1.5, seed=s),
              lambda s: tf.image.stateless_random_hue(x, 0.3, seed=s)):
        np.testing.assert_array_equal(f((1, 2)).numpy(), f((1, 2)).numpy())
        assert not np.array_equal(f((1, 2)).numpy(), f((2, 1)).numpy())
    errors = [(lambda: tf.image.random_brightness(x, -0.1), "max_delta must be non-negative."),
              (lambda: tf.image.random_contrast(x, 0.5, 0.2), "upper must be > lower."),
              (lambda: tf.image.random_contrast(x, -0.5, 0.2), "lower must be non-negative."),
              (lambda: tf.image.random_hue(x, 0.6), "max_delta must be <= 0.5."),
              (lambda: tf.image.random_hue(x, -0.6), "max_delta must be non-negative."),
              (lambda: tf.image.random_saturation(x, 0.6, 0.1), "upper must be > lower.")]
    for f, msg in errors:
        with pytest.raises(ValueError) as e:
            f()
        assert str(e.value) == msg


# --- measures ------------------------------------------------------------------------------------------


def test_image_gradients_sobel_total_variation():
    dy, dx = tf.image.image_gradients(IMG4)
    np.testing.assert_array_equal(dy.numpy().ravel(), ref("image_gradients_dy"))
    np.testing.assert_array_equal(dx.numpy().ravel(), ref("image_gradients_dx"))
    s = tf.image.sobel_edges(IMG4)
    assert s.shape.as_list() == [2, 4, 5, 2, 2]
    np.testing.assert_allclose(s.numpy().ravel(), ref("sobel"), atol=1e-6)
    np.testing.assert_allclose(tf.image.total_variation(IMG4).numpy(), ref("total_variation"), rtol=1e-6)
    assert tf.image.total_variation(IMG4[0]).shape.as_list() == []
    x64 = IMG4.astype(np.float64)
    check_grads(lambda v: tf.image.image_gradients(v), [x64])
    check_grads(tf.image.sobel_edges, [x64])
    check_grads(tf.image.total_variation, [x64 + np.linspace(0, 0.01, x64.size).reshape(x64.shape)])
    with pytest.raises(ValueError, match=r"image_gradients expects a 4D tensor \[batch_size, h, w, d\], not \(2, 3, 1\)."):
        tf.image.image_gradients(np.zeros((2, 3, 1)))
    with pytest.raises(ValueError, match="'images' must be either 3 or 4-dimensional."):
        tf.image.total_variation(np.zeros((2, 3)))
    with pytest.raises(InvalidArgumentError, match="int32"):
        tf.image.sobel_edges(np.zeros((1, 2, 3, 1), np.int32))


def test_psnr_and_ssim():
    a, b = IMG4, IMG4[::-1].copy()
    np.testing.assert_allclose(tf.image.psnr(a, b, 1.0).numpy(), ref("psnr"), rtol=1e-6)
    ga, gb = grads(lambda x, y: tf.image.psnr(x, y, 1.0), a, b)
    np.testing.assert_allclose(ga.ravel(), REF["grad_psnr"][0], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(gb.ravel(), REF["grad_psnr"][1], rtol=1e-4, atol=1e-5)
    assert tf.image.psnr(tf.constant([[[0], [100]]], tf.uint8), tf.constant([[[10], [90]]], tf.uint8), 255).numpy() == \
        np.float32(28.13079833984375)
    with np.errstate(divide="ignore"):  # log(0): TF prints no warning; NumPy's would come from tf.math.log
        assert tf.image.psnr(np.ones((2, 2, 1), np.float32), np.ones((2, 2, 1), np.float32), 1.0).numpy() == np.inf
    assert tf.image.psnr(np.zeros((2, 4, 4, 3), np.float32), np.ones((1, 4, 4, 3), np.float32), 1.0).numpy().tolist() == [0.0, 0.0]
    np.testing.assert_allclose(tf.image.ssim(a, b, 1.0, filter_size=3).numpy(), ref("ssim3"), rtol=1e-5)
    ga, gb = grads(lambda x, y: tf.image.ssim(x, y, 1.0, filter_size=3), a, b)
    np.testing.assert_allclose(ga.ravel(), REF["grad_ssim3"][0], rtol=1e-3, atol=1e-5)
    np.testing.assert_allclose(tf.image.ssim(BIG, BIG2, 1.0).numpy(), ref("ssim11"), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tf.image.ssim_multiscale(BIG, BIG2, 1.0, power_factors=(0.4, 0.6), filter_size=5).numpy(),
                               ref("msssim"), rtol=1e-5)
    assert tf.image.ssim(BIG, BIG, 1.0, return_index_map=True).shape.as_list() == [1, 14, 16]
    with pytest.raises(InvalidArgumentError):
        tf.image.ssim(np.zeros((8, 8, 1), np.float32), np.zeros((8, 8, 1), np.float32), 1.0)
    with pytest.raises(ValueError, match=r"Shapes \(12, 12, 1\) and \(12, 13, 1\) are incompatible"):
        tf.image.ssim(np.zeros((12, 12, 1), np.float32), np.zeros((12, 13, 1), np.float32), 1.0)
    with pytest.raises(InvalidArgumentError):
        tf.image.psnr(np.zeros((4, 4, 3), np.float32), np.zeros((4, 5, 3), np.float32), 1.0)


# --- non-max suppression -------------------------------------------------------------------------------


def test_non_max_suppression_matches_tf():
    out = tf.image.non_max_suppression(NB, NS, 3, 0.5)
    assert out.dtype == tf.int32 and out.numpy().tolist() == REF["nms"]
    assert tf.image.non_max_suppression(NB, NS, 10, 0.5, score_threshold=0.55).numpy().tolist() == REF["nms_thr"]
    idx, sc = tf.image.non_max_suppression_with_scores(NB, NS, 6, 0.5, soft_nms_sigma=0.5)
    assert idx.numpy().tolist() == REF["nms_soft"][0]
    np.testing.assert_allclose(sc.numpy(), REF["nms_soft"][1], rtol=1e-6)
    idx, n = tf.image.non_max_suppression_padded(NB, NS, 5, 0.5, pad_to_max_output_size=True)
    assert [idx.numpy().tolist(), int(n)] == REF["nms_padded"] and n.dtype == tf.int32
    idx, n = tf.image.non_max_suppression_padded(NB, NS, 5, 0.5)
    assert idx.numpy().tolist() == REF["nms_padded"][0][:REF["nms_padded"][1]]
    cb = np.stack([NB, NB * 0.1], 1)[None].astype(np.float32)
    cs = np.stack([NS, NS[::-1]], 1)[None].astype(np.float32)
    for key, kw in (("combined", {}), ("combined_pad", {"pad_per_class": True, "clip_boxes": False})):
        out = tf.image.combined_non_max_suppression(cb, cs, 2 if key == "combined" else 1, 3 if key == "combined" else 5,
                                                    0.5, **kw)
        assert [o.dtype for o in out] == [tf.float32, tf.float32, tf.float32, tf.int32]
        for o, want in zip(out, REF[key]):
            np.testing.assert_array_equal(o.numpy(), np.array(want, o.numpy().dtype))
    ov = [[1.0, 0.7, 0.2], [0.7, 1.0, 0.0], [0.2, 0.0, 1.0]]
    assert tf.image.non_max_suppression_overlaps(ov, [0.9, 0.8, 0.7], 3, 0.6).numpy().tolist() == [0, 2]
    assert tf.image.non_max_suppression_overlaps(ov, [0.9, 0.8, 0.7], 3, 0.7).numpy().tolist() == [0, 1, 2]


def test_non_max_suppression_errors_and_gradients():
    with pytest.raises(InvalidArgumentError, match=r"iou_threshold must be in \[0, 1\]"):
        tf.image.non_max_suppression(NB, NS, 3, 1.5)
    with pytest.raises(InvalidArgumentError, match="output size must be non-negative"):
        tf.image.non_max_suppression(NB, NS, -1, 0.5)
    with pytest.raises(InvalidArgumentError, match="boxes must have 4 columns"):
        tf.image.non_max_suppression(NB[:, :3], NS, 3)
    with pytest.raises(InvalidArgumentError, match="scores has incompatible shape"):
        tf.image.non_max_suppression(NB, NS[:4], 3)
    with pytest.raises(InvalidArgumentError, match="half, float"):
        tf.image.non_max_suppression(NB.astype(np.float64), NS.astype(np.float64), 3)
    with pytest.raises(InvalidArgumentError, match="soft_nms_sigma_val must be >= 0"):
        tf.image.non_max_suppression_with_scores(NB, NS, 3, soft_nms_sigma=-1.0)
    with pytest.raises(ValueError, match="must be True for batched input"):
        tf.image.non_max_suppression_padded(NB[None], NS[None], 3)
    b, s = tf.Variable(NB), tf.Variable(NS)
    with tf.GradientTape(persistent=True) as t:
        _, scores = tf.image.non_max_suppression_with_scores(b, s, 3)
        nmsed = tf.image.combined_non_max_suppression(tf.reshape(b, [1, 6, 1, 4]), tf.reshape(s, [1, 6, 1]), 2, 3)[1]
    with pytest.raises(LookupError, match="NonMaxSuppressionV5"):
        t.gradient(scores, s)
    with pytest.raises(LookupError, match="CombinedNonMaxSuppression"):
        t.gradient(nmsed, s)


# --- reference values printed by TensorFlow 2.21 (see the module docstring) -----------------------

REF = {
    'resize_bilinear_0_5x7': [0.0, 0.7, 0.10714288, 0.80714285, 0.27857146, 0.9785714, 0.45000002, 0.6, 0.62142867,
        0.22142863, 0.79285717, 0.3928572, 0.9, 0.5, 0.040000003, 0.74, 0.14714289, 0.69, 0.31857145, 0.60999995,
        0.49, 0.42000002, 0.66142863, 0.26142865, 0.8328572, 0.43285722, 0.94, 0.54, 0.1, 0.8, 0.20714289, 0.5142857,
        0.37857145, 0.057142854, 0.55, 0.15, 0.72142863, 0.32142866, 0.8928572, 0.49285722, 1.0, 0.6, 0.16000001,
        0.86, 0.2671429, 0.5742857, 0.43857148, 0.117142886, 0.61, 0.21000001, 0.73428565, 0.38142866, 0.52857125,
        0.5528572, 0.39999986, 0.66, 0.2, 0.9, 0.30714288, 0.61428565, 0.47857147, 0.15714288, 0.65, 0.25, 0.742857,
        0.42142865, 0.28571415, 0.5928572, 0.0, 0.7],
    'resize_bilinear_0_2x3': [0.075, 0.7291666, 0.47500002, 0.4875, 0.875, 0.47500005, 0.225, 0.7416667, 0.625, 0.225,
        0.33749992, 0.62500006],
    'resize_bilinear_1_5x7': [0.0, 0.6999999, 0.10714288, 0.80714285, 0.27857146, 0.9785714, 0.45000002, 0.6,
        0.6214286, 0.22142863, 0.79285717, 0.3928572, 0.9, 0.5, 0.04, 0.73999995, 0.14714289, 0.69, 0.31857145,
        0.60999995, 0.49, 0.42, 0.6614286, 0.26142865, 0.8328572, 0.43285722, 0.94, 0.54, 0.099999994, 0.79999995,
        0.20714289, 0.5142857, 0.37857142, 0.05714283, 0.55, 0.15, 0.72142863, 0.32142863, 0.8928572, 0.49285722, 1.0,
        0.6, 0.16, 0.85999995, 0.2671429, 0.5742857, 0.43857148, 0.11714284, 0.61, 0.21000001, 0.7342856, 0.38142863,
        0.52857125, 0.5528572, 0.39999986, 0.66, 0.19999999, 0.8999999, 0.30714288, 0.61428565, 0.47857144,
        0.15714282, 0.65, 0.25, 0.742857, 0.42142862, 0.28571415, 0.5928572, 0.0, 0.7],
    'resize_bilinear_1_2x3': [0.12750001, 0.70375, 0.48750004, 0.43125004, 0.84750015, 0.44750008, 0.25250003,
        0.62250006, 0.6125001, 0.21250002, 0.49125, 0.5725001],
    'resize_nearest_0_5x7': [0.0, 0.7, 0.0, 0.7, 0.3, 1.0, 0.6, 0.2, 0.6, 0.2, 0.9, 0.5, 0.9, 0.5, 0.0, 0.7, 0.0, 0.7,
        0.3, 1.0, 0.6, 0.2, 0.6, 0.2, 0.9, 0.5, 0.9, 0.5, 0.1, 0.8, 0.1, 0.8, 0.4, 0.0, 0.7, 0.3, 0.7, 0.3, 1.0, 0.6,
        1.0, 0.6, 0.2, 0.9, 0.2, 0.9, 0.5, 0.1, 0.8, 0.4, 0.8, 0.4, 0.0, 0.7, 0.0, 0.7, 0.2, 0.9, 0.2, 0.9, 0.5, 0.1,
        0.8, 0.4, 0.8, 0.4, 0.0, 0.7, 0.0, 0.7],
    'resize_nearest_0_2x3': [0.0, 0.7, 0.6, 0.2, 0.9, 0.5, 0.2, 0.9, 0.8, 0.4, 0.0, 0.7],
    'resize_bicubic_0_5x7': [-0.031317476, 0.6621013, 0.07168939, 0.8420314, 0.2696985, 1.0853113, 0.44244745,
        0.6391788, 0.61519635, 0.17891, 0.8132055, 0.36798328, 0.9162122, 0.5162123, 0.006871391, 0.73747414,
        0.10987828, 0.72034943, 0.30788735, 0.66090405, 0.47755387, 0.41333225, 0.65561247, 0.23149583, 0.8858011,
        0.42411447, 1.007627, 0.5544012, 0.07623508, 0.8633731, 0.17924196, 0.5466415, 0.37725103, 0.026925668, 0.55,
        0.081250004, 0.7227489, 0.32274896, 0.9207581, 0.5207581, 1.0237648, 0.62376493, 0.14559877, 0.9366436,
        0.24860562, 0.59920776, 0.44661474, 0.047684938, 0.6639688, 0.1228718, 0.7598836, 0.39362532, 0.49223182,
        0.5920069, 0.3229117, 0.6931285, 0.18378763, 0.9709255, 0.28679448, 0.654194, 0.48480356, 0.13447823,
        0.7314949, 0.18880254, 0.7768751, 0.4303015, 0.20295276, 0.6283106, -0.14547983, 0.73131746],
    'resize_bicubic_0_2x3': [0.04771284, 0.7336863, 0.46528286, 0.49936134, 0.9072039, 0.4760791, 0.21413618,
        0.78565776, 0.68891424, 0.1509124, 0.2627016, 0.65255165],
    'resize_bicubic_1_5x7': [-0.031345323, 0.662069, 0.07161461, 0.8418595, 0.26965702, 1.0852625, 0.44245288,
        0.6391511, 0.61524886, 0.17890425, 0.8132911, 0.3681225, 0.9162509, 0.51625097, 0.006798908, 0.73740494,
        0.10975883, 0.72048825, 0.30780125, 0.6613849, 0.47751868, 0.4135727, 0.6556225, 0.23145212, 0.8858117,
        0.4241674, 1.0075558, 0.55439514, 0.07620186, 0.8634617, 0.17916179, 0.5469031, 0.3772042, 0.026995063, 0.55,
        0.081250004, 0.72279596, 0.322796, 0.92083824, 0.5208383, 1.0237981, 0.62379813, 0.14560488, 0.93677187,
        0.2485648, 0.59954816, 0.44660723, 0.047860537, 0.6640392, 0.12294773, 0.7598719, 0.39371216, 0.491782,
        0.5921218, 0.32236797, 0.69320107, 0.18374905, 0.9710089, 0.28670898, 0.6544502, 0.48475143, 0.13454224,
        0.7314859, 0.18879718, 0.77679425, 0.43034318, 0.20270102, 0.6283854, -0.14551924, 0.7313453],
    'resize_bicubic_1_2x3': [0.087958544, 0.73374057, 0.4794253, 0.42497396, 0.9072318, 0.43309087, 0.22600028,
        0.64071244, 0.64419276, 0.15667516, 0.47367975, 0.6145667],
    'resize_area_0_5x7': [0.0, 0.6999999, 0.075000025, 0.775, 0.3, 1.0, 0.45000002, 0.5999997, 0.6, 0.19999999,
        0.8250002, 0.42500016, 0.89999944, 0.49999973, 0.03333334, 0.73333335, 0.108333364, 0.71666664, 0.33333334,
        0.66666657, 0.48333338, 0.4499998, 0.6333333, 0.23333333, 0.85833365, 0.4583335, 0.93333274, 0.53333306,
        0.099999994, 0.79999995, 0.17500003, 0.5999999, 0.39999998, 0.0, 0.54999995, 0.15000005, 0.6999999, 0.3,
        0.92500037, 0.52500015, 0.99999946, 0.5999997, 0.16666667, 0.8666667, 0.24166669, 0.66666657, 0.46666667,
        0.06666668, 0.6166667, 0.21666673, 0.76666665, 0.36666667, 0.44166663, 0.5916669, 0.33333302, 0.66666627,
        0.19999996, 0.8999998, 0.27499995, 0.69999975, 0.49999985, 0.09999998, 0.64999986, 0.25, 0.79999983,
        0.39999992, 0.19999985, 0.6250001, 0.0, 0.69999945],
    'resize_area_0_2x3': [0.10833335, 0.71666664, 0.48333338, 0.45, 0.85833323, 0.4583333, 0.24166667, 0.6666667,
        0.6166667, 0.2166667, 0.4416666, 0.59166664],
    'resize_lanczos3_0_5x7': [-0.03161984, 0.6128312, 0.06095249, 0.8907155, 0.2648694, 1.1247001, 0.44761047,
        0.66888326, 0.6173045, 0.16999185, 0.7981091, 0.32767272, 0.87641907, 0.55847055, -0.0014853515, 0.7145705,
        0.0930054, 0.7423054, 0.29691327, 0.6861972, 0.45647824, 0.39022383, 0.6569408, 0.2252377, 0.9332957,
        0.4011652, 1.0724924, 0.572086, 0.07591331, 0.9020602, 0.16894965, 0.5451949, 0.37286434, 0.04307416,
        0.54999995, -0.0071428567, 0.7271358, 0.3412446, 0.9310505, 0.54522586, 1.0240867, 0.62408674, 0.15331201,
        0.99628305, 0.2368312, 0.58064306, 0.4407906, 0.010362553, 0.73290205, -0.0022978932, 0.7573964, 0.42454344,
        0.48728913, 0.63281184, 0.27826807, 0.69760406, 0.18344645, 1.0042261, 0.26077554, 0.66611123, 0.464764,
        0.185735, 0.8316573, 0.1235366, 0.7568716, 0.44689545, 0.17845413, 0.649509, -0.22702913, 0.73285806],
    'resize_lanczos3_0_2x3': [0.038267855, 0.7463648, 0.4525701, 0.48131067, 0.9467127, 0.4546286, 0.21068524,
        0.77180207, 0.76570785, 0.036655046, 0.27246815, 0.6679824],
    'resize_lanczos3_1_2x3': [0.0764786, 0.75405633, 0.47243068, 0.41320884, 0.93975747, 0.41452122, 0.20896225,
        0.6267364, 0.66755664, 0.10917562, 0.4798647, 0.6514356],
    'resize_lanczos5_0_5x7': [-0.038204897, 0.591425, 0.08156599, 0.90210056, 0.2715292, 1.1129545, 0.4635772,
        0.6714299, 0.61622, 0.17701039, 0.7551424, 0.31935108, 0.8471705, 0.5927866, -0.027757127, 0.69101155,
        0.11369684, 0.7531768, 0.29601267, 0.70327204, 0.4330355, 0.37703297, 0.6515888, 0.22204208, 0.93950915,
        0.3939518, 1.1383632, 0.5766818, 0.061573736, 0.9137208, 0.1884098, 0.54989034, 0.37588125, 0.052993864,
        0.54999995, -0.07562309, 0.7241188, 0.35123378, 0.9115902, 0.5738307, 1.0384262, 0.60107344, 0.17125934,
        1.0270345, 0.22920601, 0.57281053, 0.4409741, -0.018934911, 0.78991365, -0.10561761, 0.75462765, 0.44470376,
        0.4687164, 0.6780562, 0.25615454, 0.67230546, 0.20491184, 1.0019081, 0.22267099, 0.6817666, 0.44861284,
        0.23071256, 0.89953643, 0.081828, 0.74209136, 0.44901192, 0.1800263, 0.66641045, -0.23052761, 0.70959955],
    'resize_lanczos5_0_2x3': [0.047961473, 0.7517995, 0.43571708, 0.4748572, 0.96199626, 0.44366747, 0.20441785,
        0.76773465, 0.8295904, -0.057826772, 0.26305032, 0.6926004],
    'resize_lanczos5_1_2x3': [0.07735254, 0.76435775, 0.4690108, 0.40842006, 0.9488507, 0.4077392, 0.19904408,
        0.6218682, 0.6769897, 0.08932616, 0.4799437, 0.67521435],
    'resize_gaussian_0_5x7': [0.022026394, 0.7186015, 0.114004605, 0.79124695, 0.28738526, 0.8509138, 0.4557324,
        0.5742041, 0.6240795, 0.30635375, 0.7974602, 0.39746028, 0.8894384, 0.48943847, 0.056425218, 0.73244894,
        0.14840344, 0.68908316, 0.32178408, 0.5901115, 0.49013123, 0.4194094, 0.6584784, 0.31073022, 0.8318591,
        0.4318591, 0.9238373, 0.52383727, 0.116293974, 0.7629125, 0.20827217, 0.55355716, 0.3816528, 0.22760442,
        0.54999995, 0.20857882, 0.7018864, 0.3276428, 0.81685317, 0.49172786, 0.8729115, 0.583706, 0.17616275,
        0.8164181, 0.26814097, 0.5711429, 0.44152158, 0.19607185, 0.60986876, 0.20986877, 0.6856885, 0.37821594,
        0.53071785, 0.55159664, 0.42078656, 0.6435748, 0.21056154, 0.8508169, 0.30253977, 0.60554165, 0.4759204,
        0.23047064, 0.64426756, 0.24426757, 0.66692376, 0.41261473, 0.32329226, 0.58599544, 0.09734994, 0.67797357],
    'resize_gaussian_0_2x3': [0.089476705, 0.7277629, 0.47689414, 0.47897634, 0.8643116, 0.46431157, 0.23568842,
        0.70621896, 0.6231059, 0.22310585, 0.37411433, 0.6105233],
    'resize_gaussian_1_2x3': [0.14977117, 0.688175, 0.49347484, 0.4389037, 0.8115704, 0.45154816, 0.25856128,
        0.608021, 0.573739, 0.27704698, 0.5203659, 0.5509313],
    'resize_mitchellcubic_0_5x7': [-0.008269582, 0.6913087, 0.09181944, 0.8251958, 0.27590203, 0.9666757, 0.44823113,
        0.60863584, 0.6205603, 0.24733086, 0.804643, 0.37780303, 0.90473175, 0.5047318, 0.02863451, 0.7376637,
        0.12872353, 0.70512545, 0.3128061, 0.62075603, 0.4840865, 0.4123228, 0.6604345, 0.27380502, 0.8616028,
        0.42516413, 0.9724918, 0.54163593, 0.09349935, 0.8160109, 0.19358836, 0.5460527, 0.37767094, 0.13948967,
        0.552122, 0.14448327, 0.71631926, 0.32379067, 0.8658301, 0.50494677, 0.9440653, 0.6065008, 0.15836422,
        0.8828543, 0.25845328, 0.5780529, 0.4425358, 0.12420536, 0.63859093, 0.16052109, 0.7199941, 0.3864718,
        0.517514, 0.57200086, 0.3732468, 0.6713656, 0.19526826, 0.9191039, 0.2953573, 0.62582684, 0.47943982,
        0.18761869, 0.6906389, 0.21357465, 0.71400565, 0.4240981, 0.26478928, 0.60818076, -0.03544609, 0.7082696],
    'resize_mitchellcubic_0_2x3': [0.06990133, 0.7329136, 0.47158673, 0.4834453, 0.88759184, 0.4681435, 0.22562654,
        0.73957956, 0.6570509, 0.1811871, 0.32953972, 0.63021636],
    'resize_mitchellcubic_1_2x3': [0.11752783, 0.71232295, 0.48819542, 0.42730114, 0.8624779, 0.43926775, 0.24117786,
        0.61667794, 0.6091649, 0.21359408, 0.5056431, 0.58262223],
    'grad_bilinear_0_5x7': [-0.5087912, -0.13956043, 0.25494504, 0.13956042, -0.38681313, 0.05494504, -0.097802244,
        -0.6857144, 0.13296705, 0.0054945108, -0.106043965, 0.04450553, -0.042307645, -0.2917582, -0.31538463,
        -0.24285717, -0.15164834, 0.4747253, -0.10219777, -0.27472535, -0.029670302, -0.35934058, -0.45494512,
        -0.07142869],
    'grad_bilinear_0_2x3': [-0.3125, -0.072115384, 0.038461536, -0.14423077, 0.10576923, -0.07692313, 0.024038468,
        0.26442313, -0.14423077, 0.016025642, -0.048076928, -0.044871796, -0.0032051401, -0.04166667, 0.08012822,
        0.032051288, -0.120192304, 0.120192304, -0.18269232, 0.009615386, -0.11538467, -0.04807689, 0.2163462,
        -0.16826928],
    'grad_nearest_0_5x7': [-0.6923077, -0.15384614, 0.46153846, 0.23076923, -0.46153846, 0.07692307, -0.30769232,
        -0.7692308, 0.30769232, 0.07692307, -0.1923077, 0.1923077, -0.07692307, -0.30769232, 0.0, -0.23076922,
        -0.07692309, 0.4615385, -0.23076923, -0.46153846, 0.15384614, -0.30769232, -0.6923077, -0.15384614],
    'grad_nearest_0_2x3': [-0.5, -0.115384616, 0.0, 0.0, 0.26923078, -0.34615386, 0.03846154, 0.42307693, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.1923077, 0.1923077, 0.0, 0.0, -0.42307693, -0.03846154, 0.34615386,
        -0.26923078],
    'grad_bicubic_0_5x7': [-0.5934107, -0.16261075, 0.32650778, 0.18069425, -0.42574027, 0.10684989, -0.09179917,
        -0.77734125, 0.20193882, -0.0060792286, -0.1187607, 0.052635055, -0.02657028, -0.27234057, -0.31400013,
        -0.21602742, -0.17106031, 0.55002695, -0.093024015, -0.3317066, 0.015152803, -0.40555093, -0.5169259,
        -0.06470338],
    'grad_bicubic_0_2x3': [-0.36938423, -0.06907831, 0.0775258, -0.17332935, 0.13526274, -0.112613924, 0.0066799326,
        0.32638603, -0.1277963, 0.019514177, -0.037536286, -0.044117417, -0.0065294113, -0.041902643, 0.074164085,
        0.033939917, -0.10654683, 0.1417518, -0.2173161, 0.009029988, -0.15957917, -0.04343731, 0.26951736,
        -0.19998908],
    'grad_lanczos3_0_5x7': [-0.6256758, -0.123739995, 0.32959473, 0.1549243, -0.40349433, 0.109907426, -0.11422852,
        -0.77680266, 0.25586385, -0.025021274, -0.113939434, 0.0652241, -0.06550197, -0.27595738, -0.306041,
        -0.1898561, -0.21327639, 0.54442596, -0.05093524, -0.3378022, 0.019041479, -0.38281927, -0.51909983,
        -0.10863675],
    'grad_lanczos3_0_2x3': [-0.38339502, -0.05227431, 0.09603276, -0.21047184, 0.1749993, -0.11941489, -0.027609635,
        0.35798523, -0.14510502, 0.030464005, -0.054823287, -0.05969257, -0.0029284228, -0.055985805, 0.08870852,
        0.04716498, -0.05820686, 0.1449862, -0.26287788, 0.028807875, -0.18391144, -0.050968178, 0.2975786,
        -0.21444684],
    'grad_bilinear_1_5x7': [-0.5087912, -0.13956043, 0.25494507, 0.13956043, -0.38681313, 0.054945044, -0.09780224,
        -0.6857143, 0.13296704, 0.00549454, -0.106043994, 0.044505544, -0.042307638, -0.29175818, -0.31538463,
        -0.24285717, -0.15164834, 0.47472522, -0.10219775, -0.27472532, -0.029670306, -0.35934055, -0.45494512,
        -0.0714287],
    'grad_bilinear_1_2x3': [-0.21875001, -0.05048077, -0.009615384, -0.12980771, 0.09134617, -0.028846174,
        0.016826928, 0.1850962, -0.18173079, 0.020192308, -0.10673078, -0.06346154, 0.014423072, -0.054807704,
        0.100961566, 0.04038462, -0.08413462, 0.08413462, -0.16826925, 0.024038464, -0.06730772, -0.062499996,
        0.15144235, -0.1177885],
    'grad_gaussian_1_5x7': [-0.41377038, -0.10758975, 0.11424912, 0.1181924, -0.28159246, -0.016576417, -0.13255024,
        -0.6160397, 0.0524196, 0.033190876, -0.039716236, -0.0071653943, -0.107472956, -0.22549471, -0.2983185,
        -0.25936958, -0.12867653, 0.39734447, -0.08968801, -0.20838575, -0.059643403, -0.34315455, -0.42293224,
        -0.11110552],
    'grad_gaussian_1_2x3': [-0.19393003, -0.049590264, -0.03077311, -0.10735128, 0.070237294, -0.018528499,
        0.03111327, 0.14829999, -0.17621604, 0.012401355, -0.10575629, -0.055195823, 0.015359923, -0.046544667,
        0.09362144, 0.03167546, -0.09999683, 0.07027563, -0.14562748, 0.015285142, -0.044617087, -0.05910759,
        0.12504648, -0.095465586],
    'rgb_to_hsv': [0.5833334, 1.0, 0.625, 0.9305556, 0.8, 0.9375, 0.9305556, 0.9230769, 0.8125, 0.2361111, 0.75, 1.0,
        0.2361111, 0.85714287, 0.875, 0.2361111, 1.0, 0.75],
    'hsv_to_rgb': [0.625, 0.4296875, 0.4296875, 0.5, 0.40625, 0.44140625, 0.3720703, 0.3515625, 0.375, 0.03125, 0.0,
        0.25, 0.015625, 0.083984375, 0.125, 0.0, 0.0, 0.0],
    'grad_rgb_to_hsv': [-0.05333333, 0.10666668, 0.37019607, -0.30372113, -0.2848802, 0.03660131, -0.053679854,
        -0.58451486, -0.015686275, -0.06797386, 0.09847495, 0.31067538, -0.120261446, 0.42717534, 0.10389045,
        0.049673203, -0.42897603, -0.020697169],
    'adjust_saturation': [0.0, 0.3125, 0.625, 0.9375, 0.0, 0.39062485, 0.8125, 0.0, 0.33854154, 0.5833334, 1.0, 0.0,
        0.5104167, 0.875, 0.0, 0.43750003, 0.75, 0.0],
    'adjust_saturation_03': [0.4375, 0.53125, 0.625, 0.9375, 0.7125, 0.80625, 0.8125, 0.5875, 0.68125, 0.90625, 1.0,
        0.775, 0.78125, 0.875, 0.65, 0.65625, 0.75, 0.525],
    'adjust_hue_03': [0.625, 0.0, 0.43749988, 0.64999974, 0.9375, 0.1875, 0.52499974, 0.8125, 0.0625, 0.25, 0.8375,
        1.0, 0.125, 0.7125, 0.875, 0.0, 0.5875, 0.75],
    'adjust_hue_m07': [0.625, 0.0, 0.43749988, 0.64999974, 0.9375, 0.1875, 0.52499974, 0.8125, 0.0625, 0.25,
        0.8374998, 1.0, 0.125, 0.7124998, 0.875, 0.0, 0.5874998, 0.75],
    'adjust_contrast': [-0.4010417, 0.15937498, 0.84375, 1.1927083, -0.053125024, 0.63125, 0.98020834, -0.265625,
        0.41875, 0.7677083, 1.328125, 0.20625, 0.5552083, 1.115625, -0.006250024, 0.34270832, 0.90312505, -0.21875],
    'adjust_gamma': [0.0, 0.57588845, 0.9355335, 1.2425767, 0.4027581, 0.80024385, 1.1241382, 0.18666348, 0.6542824,
        1.0000788, 1.3, 0.49260786, 0.8690187, 1.1839926, 0.3032357, 0.7288329, 1.0628848, 0.0],
    'rgb_to_grayscale': [0.2546875, 0.44728127, 0.32229376, 0.8209938, 0.69600624, 0.57101876],
    'rgb_to_yiq': [0.2546875, -0.28663892, 0.031144664, 0.44737503, 0.34650546, 0.255868, 0.322375, 0.3465055,
        0.25587255, 0.8210625, 0.054789, -0.29953006, 0.6960625, 0.054789003, -0.29952544, 0.5710625, 0.054789014,
        -0.2995209],
    'yiq_to_rgb': [0.68676126, -0.48950666, 0.71928775, 1.4271598, 0.56289554, 1.5821015, 1.1050584, 0.5527976,
        1.3824152, 1.7986925, 0.25368613, 0.0068174005, 1.4765911, 0.24358824, -0.19286889, 1.1544898, 0.23349038,
        -0.39255518],
    'rgb_to_yuv': [0.2546875, 0.18223485, -0.223433, 0.44737503, 0.025897354, 0.42997837, 0.322375, 0.025897339,
        0.42997834, 0.8210625, -0.28102615, -0.11717209, 0.6960625, -0.28102615, -0.1171721, 0.5710625, -0.28102615,
        -0.11717211],
    'yuv_to_rgb': [0.7124269, -0.48621437, 0.6350193, 1.5074415, 0.57319367, 1.3185116, 1.2399561, 0.5701017,
        0.93950385, 0.97247076, 0.14770222, 2.7195618, 0.7049854, 0.14461024, 2.340554, 0.4375, 0.14151827,
        1.9615464],
    'per_image_standardization': [-1.4810631, -0.5009478, 0.47916755, 1.4592829, -0.8929939, 0.087121405, 1.0672368,
        -1.28504, -0.30492473, 0.6751906, 1.655306, -0.6969709, 0.28314447, 1.2632598, -1.089017, -0.108901665,
        0.8712137, -1.4810631],
    'u8_brightness': [51, 88, 125, 162, 199, 236, 255, 54, 91, 128, 165, 202, 239, 255, 57, 94, 131, 168],
    'u8_contrast': [0, 4, 63, 113, 171, 230, 255, 0, 12, 62, 120, 179, 229, 255, 0, 11, 69, 128],
    'u8_saturation': [0, 37, 74, 74, 129, 185, 222, 0, 37, 40, 95, 151, 187, 225, 0, 6, 61, 117],
    'u8_hue': [74, 0, 74, 185, 111, 185, 149, 222, 3, 151, 77, 151, 6, 225, 152, 117, 43, 117],
    'u8_gamma': [0, 97, 137, 168, 194, 217, 238, 27, 101, 140, 170, 196, 219, 240, 39, 104, 143, 173],
    'u8_grayscale': [30, 141, 72, 107, 189, 73],
    'u8_pis': [-1.4179109, -0.8993339, -0.38075694, 0.13782005, 0.65639704, 1.174974, 1.693551, -1.3758641,
        -0.8572871, -0.33871016, 0.17986682, 0.69844383, 1.2170208, 1.7355977, -1.3338174, -0.8152404, -0.29666337,
        0.2219136],
    'image_gradients_dy': [0.68421054, -0.31578946, -0.31578946, 0.68421054, -0.3157895, -0.31578946, 0.68421054,
        -0.31578946, -0.31578952, -0.31578946, -0.3157895, 0.68421054, -0.31578946, -0.3157895, 0.68421054,
        -0.3157895, -0.31578946, 0.68421054, -0.31578946, 0.68421054, -0.31578946, -0.31578946, 0.68421054,
        -0.3157895, -0.31578946, 0.68421054, -0.31578946, -0.31578952, -0.31578946, -0.3157895, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.31578946, 0.68421054, -0.3157895, -0.31578946, 0.68421054, -0.31578946,
        -0.31578952, -0.31578946, -0.3157895, 0.68421054, -0.31578946, -0.3157895, 0.68421054, -0.3157895,
        -0.31578946, 0.68421054, -0.31578946, 0.68421054, -0.31578946, -0.31578946, 0.68421054, -0.3157895,
        -0.31578946, 0.68421054, -0.31578946, -0.31578952, -0.31578946, -0.3157895, 0.68421054, -0.31578946, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    'image_gradients_dx': [0.7368421, -0.2631579, -0.26315787, 0.7368421, -0.2631579, -0.2631579, 0.73684216,
        -0.2631579, 0.0, 0.0, -0.2631579, 0.73684216, -0.2631579, -0.2631579, 0.7368421, -0.2631579, -0.2631579,
        -0.2631579, 0.0, 0.0, -0.2631579, -0.26315787, 0.7368421, -0.2631579, -0.2631579, 0.73684216, -0.2631579,
        -0.2631579, 0.0, 0.0, 0.73684216, -0.2631579, -0.2631579, 0.7368421, -0.2631579, -0.2631579, -0.2631579,
        -0.26315787, 0.0, 0.0, -0.26315787, 0.7368421, -0.2631579, -0.2631579, 0.73684216, -0.2631579, -0.2631579,
        -0.26315787, 0.0, 0.0, -0.2631579, -0.2631579, 0.7368421, -0.2631579, -0.2631579, -0.2631579, -0.26315787,
        0.7368421, 0.0, 0.0, 0.7368421, -0.2631579, -0.2631579, 0.73684216, -0.2631579, -0.2631579, -0.26315787,
        -0.2631579, 0.0, 0.0, -0.2631579, 0.7368421, -0.2631579, -0.2631579, -0.2631579, -0.26315787, 0.7368421,
        -0.2631579, 0.0, 0.0],
    'sobel': [-5.9604645e-08, 0.0, 5.9604645e-08, 0.0, 0.0, -0.10526317, 0.0, 1.8947369, 5.9604645e-08, -0.10526317,
        5.9604645e-08, -0.10526323, 1.1920929e-07, 1.8947369, 0.0, -2.1052632, 5.9604645e-08, 0.0, 0.0, 0.0,
        -0.5263158, 0.0, 1.4736842, 0.0, -0.5263157, -0.10526323, 0.47368416, 0.8947369, 0.47368413, 0.89473677,
        -0.52631587, -0.10526317, 0.47368407, 0.89473677, 0.4736842, -1.1052632, -0.52631587, 0.0, 1.4736844, 0.0,
        -0.52631587, 0.0, -0.5263158, 0.0, 0.4736843, 0.8947369, -0.52631587, -0.10526317, 0.4736843, 0.89473677,
        0.47368407, 0.89473677, -1.5263156, -1.1052632, 1.4736841, -0.105263144, -2.5263157, 0.0, 1.4736841, 0.0,
        -1.4901161e-08, 0.0, -8.940697e-08, 0.0, 0.0, 1.8947369, -8.940697e-08, -0.1052632, 5.9604645e-08,
        -0.10526323, -1.1920929e-07, 1.8947368, 0.0, -2.1052632, -1.1920929e-07, -0.105263114, 5.9604645e-08, 0.0,
        5.9604645e-08, 0.0, 0.0, 0.0, 0.0, 0.0, 5.9604645e-08, -0.10526317, 5.9604645e-08, -0.10526323, 1.1920929e-07,
        1.8947369, 0.0, -2.1052632, -2.9802322e-08, -0.105263144, 0.0, -0.10526317, -5.9604645e-08, 0.0, 0.0, 0.0,
        -0.5263158, 0.0, -0.5263158, 0.0, 0.47368413, 0.89473677, -0.52631587, -0.10526317, 0.47368407, 0.89473677,
        0.4736842, -1.1052632, -1.5263159, -1.1052631, 1.4736843, -0.10526323, -2.5263157, 0.0, 1.4736843, 0.0,
        1.4736843, 0.0, -0.52631587, 0.0, 0.4736843, 0.89473677, 0.47368407, 0.89473677, -1.5263156, -1.1052632,
        1.4736841, -0.105263144, -1.5263157, -1.1052632, 0.4736842, -1.1052632, -0.5263158, 0.0, -0.5263157, 0.0, 0.0,
        0.0, 2.9802322e-08, 0.0, 5.9604645e-08, -0.10526323, -1.1920929e-07, 1.8947368, 0.0, -2.1052632,
        -1.1920929e-07, -0.105263114, 2.2351742e-08, -0.10526321, -5.9604645e-08, -2.105263, 0.0, 0.0, -1.1920929e-07,
        0.0],
    'total_variation': [25.473682, 25.0],
    'psnr': [7.0002384, 7.0002384],
    'ssim3': [-0.19119312, -0.19119312],
    'ssim11': [0.0063123275],
    'msssim': [0.0],
    'extract_patches_valid': [0.0, 0.36842105, 0.7368421, 0.10526316, 0.47368422, 0.84210527, 0.68421054, 0.05263158,
        0.42105263, 0.7894737, 0.15789473, 0.5263158, 0.47368422, 0.84210527, 0.21052632, 0.57894737, 0.94736844,
        0.31578946, 0.15789473, 0.5263158, 0.8947368, 0.2631579, 0.6315789, 0.0, 0.36842105, 0.7368421, 0.10526316,
        0.47368422, 0.84210527, 0.21052632, 0.05263158, 0.42105263, 0.7894737, 0.15789473, 0.5263158, 0.8947368,
        0.84210527, 0.21052632, 0.57894737, 0.94736844, 0.31578946, 0.68421054, 0.5263158, 0.8947368, 0.2631579,
        0.6315789, 0.0, 0.36842105, 0.7368421, 0.10526316, 0.47368422, 0.84210527, 0.21052632, 0.57894737, 0.42105263,
        0.7894737, 0.15789473, 0.5263158, 0.8947368, 0.2631579, 0.21052632, 0.57894737, 0.94736844, 0.31578946,
        0.68421054, 0.05263158, 0.8947368, 0.2631579, 0.6315789, 0.0, 0.36842105, 0.7368421, 0.10526316, 0.47368422,
        0.84210527, 0.21052632, 0.57894737, 0.94736844, 0.7894737, 0.15789473, 0.5263158, 0.8947368, 0.2631579,
        0.6315789, 0.57894737, 0.94736844, 0.31578946, 0.68421054, 0.05263158, 0.42105263, 0.2631579, 0.6315789, 0.0,
        0.36842105, 0.7368421, 0.10526316],
    'extract_patches_same': [0.0, 0.36842105, 0.47368422, 0.84210527, 0.68421054, 0.05263158, 0.15789473, 0.5263158,
        0.36842105, 0.7368421, 0.84210527, 0.21052632, 0.21052632, 0.57894737, 0.0, 0.0, 0.8947368, 0.2631579, 0.0,
        0.0, 0.57894737, 0.94736844, 0.0, 0.0, 0.36842105, 0.7368421, 0.84210527, 0.21052632, 0.05263158, 0.42105263,
        0.5263158, 0.8947368, 0.0, 0.0, 0.0, 0.0, 0.57894737, 0.94736844, 0.0, 0.0, 0.2631579, 0.6315789, 0.0, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.7368421, 0.10526316, 0.21052632, 0.57894737, 0.42105263, 0.7894737, 0.8947368,
        0.2631579, 0.10526316, 0.47368422, 0.57894737, 0.94736844, 0.94736844, 0.31578946, 0.0, 0.0, 0.6315789, 0.0,
        0.0, 0.0, 0.31578946, 0.68421054, 0.0, 0.0, 0.10526316, 0.47368422, 0.57894737, 0.94736844, 0.7894737,
        0.15789473, 0.2631579, 0.6315789, 0.0, 0.0, 0.0, 0.0, 0.31578946, 0.68421054, 0.0, 0.0, 0.0, 0.36842105, 0.0,
        0.0, 0.0, 0.0, 0.0, 0.0],
    'car_bilinear': [0.55473685, 0.30315787, 0.6778947, 0.3263158, 0.36315793, 0.60157895, 0.62631583, 0.3447368,
        0.35157886, 0.40000004, 0.2947369, 0.66315794, 0.5, 0.5, 0.5, 0.5, 0.37052628, 0.47894737, 0.47894737,
        0.49736843, 0.5, 0.5, 0.5, 0.5, 0.1821053, 0.41052637, 0.59157884, 0.34000003, 0.42105263, 0.38947362,
        0.31052634, 0.5789474, 0.79999995, 0.22842106, 0.5894737, 0.39789474],
    'car_bilinear_grad_image': [-0.06999999, -0.006363636, -0.28, -0.025454545, 0.0, 0.0, 0.11454548, -0.038181826,
        0.17181815, -0.057272717, 0.011363639, -0.03227273, 0.04545456, -0.12909093, 0.0, 0.0, 0.10818185,
        -0.09909095, 0.16227272, -0.14863636, 0.038636357, -0.065000005, 0.15454546, -0.26000005, 0.0, 0.0,
        0.042727277, -0.1645455, 0.06409089, -0.24681816, 0.010909087, -0.032727256, 0.043636348, -0.13090904, 0.0,
        0.0, 0.0072727264, -0.07999999, 0.010909085, -0.11999994, -0.025454547, 0.22909091, -0.0063636387,
        0.057272747, 0.0, 0.0, 0.025454547, -0.28, 0.0063636387, -0.07000002, -0.0040909024, -0.017727308,
        -0.02090909, 0.015454534, -0.022272734, 0.009545458, 0.012727291, -0.20909092, 0.025454558, -0.061818197,
        0.042272754, -0.12954544, -0.026363619, 0.004545439, -0.04136364, 0.017727276, 0.023636416, -0.08909089,
        0.04727275, -0.040000007, 0.17818175, -0.1272727, 0.044545453, -0.03181818, 0.0, 0.0, 0.22909082,
        -0.076363616, 0.05727272, -0.01909091],
    'car_bilinear_grad_boxes': [-0.20526302, -1.0617226, 0.4708135, 1.432536, 0.15430617, -0.59090906, 0.15430617,
        0.19138756, 0.3595695, 0.19617188, 0.59928215, 0.97224915],
    'car_nearest': [0.7368421, 0.10526316, 0.94736844, 0.31578946, 0.42105263, 0.7894737, 0.6315789, 0.0, 0.10526316,
        0.47368422, 0.31578946, 0.68421054, 0.5, 0.5, 0.5, 0.5, 0.10526316, 0.47368422, 0.31578946, 0.68421054, 0.5,
        0.5, 0.5, 0.5, 0.0, 0.36842105, 0.7894737, 0.15789473, 0.6315789, 0.0, 0.42105263, 0.7894737, 0.94736844,
        0.31578946, 0.7368421, 0.10526316],
    'car_nearest_grad_image': [0.0, 0.0, -0.5, -0.045454547, 0.0, 0.0, 0.0, 0.0, 0.4090909, -0.13636364, 0.0, 0.0,
        0.3181818, -0.22727273, 0.0, 0.0, 0.0, 0.0, 0.22727273, -0.3181818, 0.0, 0.0, 0.13636364, -0.4090909, 0.0,
        0.0, 0.0, 0.0, 0.045454547, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.045454547, 0.4090909,
        0.0, 0.0, 0.0, 0.0, 0.045454547, -0.5, 0.0, 0.0, 0.13636364, -0.4090909, 0.0, 0.0, 0.0, 0.0, 0.22727273,
        -0.3181818, 0.0, 0.0, -0.22727273, 0.22727273, 0.0, 0.0, 0.0, 0.0, -0.3181818, 0.13636364, 0.0, 0.0,
        0.3181818, -0.22727273, 0.0, 0.0, 0.0, 0.0, 0.4090909, -0.13636364, 0.0, 0.0],
    'car_nearest_grad_boxes': [-0.20526302, -1.0617226, 0.4708135, 1.432536, 0.15430617, -0.59090906, 0.15430617,
        0.19138756, 0.3595695, 0.19617188, 0.59928215, 0.97224915],
    'extract_patches_grad': [0.0, 0.7368421, 0.0, 0.0, 0.94736844, 1.6842105, 0.42105263, 1.1578947, 0.0, 0.0,
        1.3684211, 0.10526316, 0.0, 0.0, 0.31578946, 1.0526316, 1.7894737, 0.5263158, 0.0, 0.0, 1.4736842, 2.9473684,
        0.0, 0.0, 3.368421, 0.84210527, 2.3157895, 3.7894738, 0.0, 0.0, 0.10526316, 0.84210527, 0.0, 0.0, 1.0526316,
        1.7894737, 0.5263158, 1.2631578, 0.0, 0.0, 1.4736842, 0.21052632, 0.0, 0.0, 0.42105263, 1.1578947, 1.8947369,
        0.6315789, 0.0, 0.0, 0.84210527, 1.5789474, 0.0, 0.0, 1.7894737, 0.5263158, 1.2631578, 0.0, 0.0, 0.0,
        0.42105263, 1.8947369, 0.0, 0.0, 2.3157895, 3.7894738, 1.2631578, 2.7368422, 0.0, 0.0, 1.5789474, 0.31578946,
        0.0, 0.0, 0.5263158, 1.2631578, 0.0, 0.7368421, 0.0, 0.0],
    'nms': [3, 0, 5],
    'nms_thr': [3, 0],
    'nms_soft': [[3, 0, 1, 5, 4, 2], [0.95, 0.9, 0.38400355, 0.3, 0.2560026, 0.19697244]],
    'nms_padded': [[3, 0, 5, 0, 0], 3],
    'combined': [[[[0.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.1, 0.089999996], [0.0, 0.0, 1.0, 1.0]]], [[0.95, 0.95, 0.9]],
        [[0.0, 1.0, 0.0]], [3]],
    'combined_pad': [[[[0.0, 10.0, 1.0, 11.0], [0.0, -0.010000001, 0.1, 0.089999996]]], [[0.95, 0.95]], [[0.0, 1.0]],
        [2]],
    'grad_pis': [-1.4164246, -0.110100254, 1.1962243, -0.6338204, 0.62191755, -1.208127, 0.098197475, 1.3539355,
        -0.4761092, 0.83021533, -0.99982935, 0.25590867, 1.5622333, -0.26781145, 0.98792654, -0.8421181, 0.46420637,
        -1.4164246],
    'grad_psnr': [[0.8019598, -0.28641424, -0.2864142, 0.8019598, -0.28641424, -0.28641424, 0.8019599, -0.28641424,
        -0.28641424, -0.2864142, -0.28641424, 0.8019599, -0.28641424, -0.28641424, 0.8019598, -0.28641424,
        -0.28641424, -0.28641424, -0.2864142, 0.8019598, -0.28641424, -0.2864142, 0.8019598, -0.28641424, -0.28641424,
        0.8019599, -0.28641424, -0.28641424, -0.2864142, -0.28641424, 0.8019599, -0.28641424, -0.28641424, 0.8019598,
        -0.28641424, -0.28641424, -0.28641424, -0.2864142, 0.8019598, -0.28641424, -0.8019598, 0.28641424, 0.2864142,
        -0.8019598, 0.28641424, 0.28641424, -0.8019599, 0.28641424, 0.28641424, 0.2864142, 0.28641424, -0.8019599,
        0.28641424, 0.28641424, -0.8019598, 0.28641424, 0.28641424, 0.28641424, 0.2864142, -0.8019598, 0.28641424,
        0.2864142, -0.8019598, 0.28641424, 0.28641424, -0.8019599, 0.28641424, 0.28641424, 0.2864142, 0.28641424,
        -0.8019599, 0.28641424, 0.28641424, -0.8019598, 0.28641424, 0.28641424, 0.28641424, 0.2864142, -0.8019598,
        0.28641424], [-0.8019598, 0.28641424, 0.2864142, -0.8019598, 0.28641424, 0.28641424, -0.8019599, 0.28641424,
        0.28641424, 0.2864142, 0.28641424, -0.8019599, 0.28641424, 0.28641424, -0.8019598, 0.28641424, 0.28641424,
        0.28641424, 0.2864142, -0.8019598, 0.28641424, 0.2864142, -0.8019598, 0.28641424, 0.28641424, -0.8019599,
        0.28641424, 0.28641424, 0.2864142, 0.28641424, -0.8019599, 0.28641424, 0.28641424, -0.8019598, 0.28641424,
        0.28641424, 0.28641424, 0.2864142, -0.8019598, 0.28641424, 0.8019598, -0.28641424, -0.2864142, 0.8019598,
        -0.28641424, -0.28641424, 0.8019599, -0.28641424, -0.28641424, -0.2864142, -0.28641424, 0.8019599,
        -0.28641424, -0.28641424, 0.8019598, -0.28641424, -0.28641424, -0.28641424, -0.2864142, 0.8019598,
        -0.28641424, -0.2864142, 0.8019598, -0.28641424, -0.28641424, 0.8019599, -0.28641424, -0.28641424, -0.2864142,
        -0.28641424, 0.8019599, -0.28641424, -0.28641424, 0.8019598, -0.28641424, -0.28641424, -0.28641424,
        -0.2864142, 0.8019598, -0.28641424]],
    'grad_ssim3': [[0.0051166415, -0.04783319, 0.014321536, 0.053213418, -0.10574393, 0.046233684, 0.07074192,
        -0.028250076, 0.019546945, -0.031717375, 0.0044971406, 0.0148500055, -0.18753773, 0.045204252, 0.22024685,
        -0.15619713, 0.092775285, -0.21391067, -0.024406128, 0.06343755, -0.097141854, 0.0108938515, 0.10269019,
        -0.15657985, 0.11983743, 0.2808425, -0.08323726, 0.092811406, -0.09328596, -0.008624606, 0.010842696,
        -0.04237312, 0.026027411, 0.0578527, -0.06327768, 0.05417633, -0.099314645, -0.02558086, 0.033614278,
        -0.03111253, -0.030628588, -0.027030036, 0.0620282, -0.06567454, -0.037838727, 0.11192617, -0.04822579,
        0.016707487, 0.03967996, -0.011604022, 0.052553996, -0.06654203, -0.08075872, 0.14892095, -0.16429526,
        -0.0075855553, 0.19522175, -0.11203079, 0.020181492, -0.10094831, -0.04893235, 0.057545826, -0.11775726,
        -0.052694827, 0.27046812, -0.15822732, 0.018678665, 0.19488464, -0.04886967, 0.03657662, -0.025583174,
        -0.021674994, 0.073228, -0.052268773, 0.0029637069, 0.12074797, -0.054943543, 0.020153798, -0.04815225,
        -0.0110237375], [-0.030628588, -0.027030036, 0.0620282, -0.06567454, -0.037838727, 0.11192617, -0.04822579,
        0.016707487, 0.03967996, -0.011604022, 0.052553996, -0.06654203, -0.08075872, 0.14892095, -0.16429526,
        -0.0075855553, 0.19522175, -0.11203079, 0.020181492, -0.10094831, -0.04893235, 0.057545826, -0.11775726,
        -0.052694827, 0.27046812, -0.15822732, 0.018678665, 0.19488464, -0.04886967, 0.03657662, -0.025583174,
        -0.021674994, 0.073228, -0.052268773, 0.0029637069, 0.12074797, -0.054943543, 0.020153798, -0.04815225,
        -0.0110237375, 0.0051166415, -0.04783319, 0.014321536, 0.053213418, -0.10574393, 0.046233684, 0.07074192,
        -0.028250076, 0.019546945, -0.031717375, 0.0044971406, 0.0148500055, -0.18753773, 0.045204252, 0.22024685,
        -0.15619713, 0.092775285, -0.21391067, -0.024406128, 0.06343755, -0.097141854, 0.0108938515, 0.10269019,
        -0.15657985, 0.11983743, 0.2808425, -0.08323726, 0.092811406, -0.09328596, -0.008624606, 0.010842696,
        -0.04237312, 0.026027411, 0.0578527, -0.06327768, 0.05417633, -0.099314645, -0.02558086, 0.033614278,
        -0.03111253]],
    'grad_brightness': [[-0.4, 0.011764706, 0.42352942, -0.16470589, 0.24705882, -0.34117648, 0.07058824, 0.48235294,
        -0.105882354, 0.30588236, -0.28235295, 0.12941177, 0.5411765, -0.047058824, 0.3647059, -0.22352941, 0.1882353,
        -0.4], [0.8000001]],
    'grad_gamma': [[-0.7262755, 0.013963532, 0.42444715, -0.14823613, 0.3267762, -0.36188874, 0.0660243, 0.75709486,
        -0.1204639, 0.29903406, -0.24969848, 0.16135958, 0.5572172, -0.043150026, 0.5191937, -0.24505441, 0.17985262,
        -0.7262755], [-0.5398587]],
    'grad_grayscale': [-0.11956, -0.23480001, -0.0456, -0.04923059, -0.096682355, -0.01877647, 0.021098824,
        0.041435298, 0.008047059, 0.09142824, 0.17955296, 0.03487059, 0.16175766, 0.3176706, 0.06169412, -0.06681294,
        -0.13121177, -0.025482353],
}
