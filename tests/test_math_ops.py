"""Elementwise math, comparisons and reductions: values vs NumPy, dtype rules, TF's gradient conventions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf

RNG = np.random.default_rng(0)
X = RNG.standard_normal((3, 4)).astype(np.float32)
POS = RNG.uniform(0.5, 2.0, (3, 4)).astype(np.float32)
UNIT = RNG.uniform(-0.9, 0.9, (3, 4)).astype(np.float32)


def grad(f, *xs):
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as t:
        t.watch(xs)
        y = f(*xs)
    return t.gradient(y, xs)


# --- values -------------------------------------------------------------------------------------

UNARY = [
    ("abs", np.abs, X), ("sign", np.sign, X), ("square", np.square, X), ("sqrt", np.sqrt, POS),
    ("rsqrt", lambda v: 1 / np.sqrt(v), POS), ("reciprocal", np.reciprocal, POS), ("exp", np.exp, X),
    ("expm1", np.expm1, X), ("log", np.log, POS), ("log1p", np.log1p, POS), ("sin", np.sin, X),
    ("cos", np.cos, X), ("tan", np.tan, UNIT), ("asin", np.arcsin, UNIT), ("acos", np.arccos, UNIT),
    ("atan", np.arctan, X), ("sinh", np.sinh, X), ("cosh", np.cosh, X), ("tanh", np.tanh, X),
    ("sigmoid", lambda v: 1 / (1 + np.exp(-v)), X), ("erf", np.vectorize(math.erf), X),
    ("floor", np.floor, X * 3), ("ceil", np.ceil, X * 3), ("is_nan", np.isnan, X),
    ("is_finite", np.isfinite, X), ("is_inf", np.isinf, X),
]


@pytest.mark.parametrize("name,ref,x", UNARY, ids=[u[0] for u in UNARY])
def test_unary_values(name, ref, x):
    out = getattr(tf.math, name)(tf.constant(x))
    expected = ref(x.astype(np.float64))
    np.testing.assert_allclose(out.numpy(), expected, rtol=2e-6, atol=1e-6)
    if out.dtype != tf.bool:
        assert out.dtype == tf.float32


def test_erf_float64_accuracy_all_ranges():
    xs = np.concatenate([np.linspace(-7, 7, 5001), [0.0, 1e-300, -3.0, 2.5, 2.4999999]])
    got = tf.math.erf(tf.constant(xs)).numpy()
    ref = np.array([math.erf(v) for v in xs])
    assert np.max(np.abs(got - ref) / np.maximum(np.abs(ref), 1e-300)) < 3e-15
    small = tf.math.erf(tf.constant(np.array([0.5, -4.0, np.inf, -np.inf]))).numpy()  # the small-array path
    np.testing.assert_allclose(small, [math.erf(0.5), math.erf(-4.0), 1.0, -1.0], rtol=1e-15)
    assert np.isnan(tf.math.erf(tf.constant(np.full(100, np.nan))).numpy()).all()


BINARY = [
    ("pow", np.power, POS, X), ("maximum", np.maximum, X, X[:1]), ("minimum", np.minimum, X, X[:, :1]),
    ("squared_difference", lambda a, b: (a - b) ** 2, X, POS), ("atan2", np.arctan2, X, POS),
    ("floormod", np.mod, X * 5, POS), ("floordiv", np.floor_divide, X * 5, POS),
]


@pytest.mark.parametrize("name,ref,x,y", BINARY, ids=[b[0] for b in BINARY])
def test_binary_values(name, ref, x, y):
    out = getattr(tf.math, name)(tf.constant(x), tf.constant(y))
    np.testing.assert_allclose(out.numpy(), ref(x.astype(np.float64), y.astype(np.float64)), rtol=1e-5, atol=1e-5)
    assert out.dtype == tf.float32


def test_comparisons_and_logical():
    a, b = tf.constant([1, 2, 3]), tf.constant([3, 2, 1])
    assert tf.equal(a, b).numpy().tolist() == [False, True, False]
    assert tf.not_equal(a, b).numpy().tolist() == [True, False, True]
    assert (a < b).numpy().tolist() == [True, False, False]
    assert (a <= b).numpy().tolist() == [True, True, False]
    assert (a > b).numpy().tolist() == [False, False, True]
    assert (a >= 2).numpy().tolist() == [False, True, True]
    assert (2 < a).numpy().tolist() == [False, False, True]  # reflected
    assert tf.equal(a, b).dtype == tf.bool
    p, q = tf.constant([True, True, False]), tf.constant([True, False, False])
    assert tf.logical_and(p, q).numpy().tolist() == [True, False, False]
    assert (p | q).numpy().tolist() == [True, True, False]
    assert (p & q).numpy().tolist() == [True, False, False]
    assert (p ^ q).numpy().tolist() == [False, True, False]
    assert tf.math.logical_xor(p, q).numpy().tolist() == [False, True, False]
    assert (~p).numpy().tolist() == [False, False, True]
    assert tf.logical_not(q).numpy().tolist() == [False, True, True]
    assert (tf.constant([6, 5]) & 3).numpy().tolist() == [2, 1]
    assert (tf.constant([6, 5]) | 3).numpy().tolist() == [7, 7]
    with pytest.raises(tf.errors.InvalidArgumentError, match="logical_and"):
        tf.logical_and(tf.constant([1]), tf.constant([0]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="bitwise_and"):
        tf.math.bitwise_and(tf.constant([1.0]), tf.constant([0.0]))


def test_round_is_bankers_and_int_ops():
    assert tf.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 0.4])).numpy().tolist() == [0, 2, 2, 0, -2, 0]
    assert (tf.constant([7, -7]) // 2).numpy().tolist() == [3, -4]
    assert (tf.constant([7, -7]) % 3).numpy().tolist() == [1, 2]
    assert (tf.constant([7.0, -7.0]) % -3.0).numpy().tolist() == [-2.0, -1.0]  # sign of the divisor
    assert tf.math.mod is tf.math.floormod
    with pytest.raises(tf.errors.InvalidArgumentError, match="division by zero"):
        tf.constant([1, 2]) // tf.constant([1, 0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="division by zero"):
        tf.constant([1, 2]) % 0


def test_where_select_and_indices():
    c = tf.constant([[True, False], [False, True]])
    out = tf.where(c, tf.constant([[1.0, 2.0], [3.0, 4.0]]), 0.0)
    assert out.numpy().tolist() == [[1.0, 0.0], [0.0, 4.0]]
    assert tf.where(tf.constant([True, False]), tf.constant([[1.0], [2.0]]), tf.constant([5.0, 6.0])).numpy().tolist() == [
        [1.0, 6.0], [2.0, 6.0]]
    idx = tf.where(c)
    assert idx.dtype == tf.int64 and idx.numpy().tolist() == [[0, 0], [1, 1]]
    assert tf.where(tf.constant([0, 3, 0, 1])).numpy().tolist() == [[1], [3]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="where"):
        tf.where(c, tf.constant([1.0, 2.0, 3.0]), 0.0)
    with pytest.raises(ValueError):
        tf.where(c, 1.0)


def test_where_gradients_flow_to_chosen_branch():
    c = np.array([True, False, True])
    gx, gy = grad(lambda x, y: tf.reduce_sum(tf.where(tf.constant(c), x * x, y * 3.0)),
                  np.array([1.0, 2.0, 3.0], np.float32), np.array([1.0, 1.0, 1.0], np.float32))
    assert gx.numpy().tolist() == [2.0, 0.0, 6.0]
    assert gy.numpy().tolist() == [0.0, 3.0, 0.0]
    # broadcasting y: gradient summed back to its shape
    (gy,) = grad(lambda y: tf.reduce_sum(tf.where(tf.constant(c), tf.constant([1.0, 2.0, 3.0]), y)),
                 np.array(5.0, np.float32))
    assert gy.shape == () and float(gy) == 1.0


def test_clip_by_value_values_and_gradient():
    x = np.array([-2.0, -1.0, 0.5, 1.0, 3.0], np.float32)
    assert tf.clip_by_value(tf.constant(x), -1.0, 1.0).numpy().tolist() == [-1.0, -1.0, 0.5, 1.0, 1.0]
    gx, glo, ghi = grad(lambda x, lo, hi: tf.reduce_sum(tf.clip_by_value(x, lo, hi)), x,
                        np.float32(-1.0), np.float32(1.0))
    assert gx.numpy().tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]  # passes where min <= x <= max
    assert float(glo) == 1.0 and float(ghi) == 1.0
    with pytest.raises(tf.errors.InvalidArgumentError, match="clip_by_value"):
        tf.clip_by_value(tf.constant([1.0, 2.0]), tf.constant([0.0, 0.0, 0.0]), 1.0)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.clip_by_value(tf.constant([1.0]), 2.0, 1.0)


# --- dtype rules --------------------------------------------------------------------------------


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "maximum", "minimum", "pow", "atan2",
                                "squared_difference", "floormod", "equal", "less"])
def test_dtype_mismatch_raises_naming_op_and_dtypes(op):
    a = tf.constant([1.0, 2.0])
    b = tf.constant([1.0, 2.0], dtype=tf.float64)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        getattr(tf.math, op)(a, b)
    assert isinstance(e.value, ValueError)
    msg = str(e.value)
    assert op in msg and "float32" in msg and "float64" in msg


def test_python_scalars_adopt_tensor_dtype():
    x64 = tf.constant([1.0], dtype=tf.float64)
    assert (x64 * 2.0).dtype == tf.float64
    assert (2 + x64).dtype == tf.float64
    assert tf.maximum(x64, 0.0).dtype == tf.float64
    assert (x64 ** 2).dtype == tf.float64
    assert (tf.constant([3]) * 2).dtype == tf.int32
    assert (tf.constant([3], dtype=tf.int64) + 1).dtype == tf.int64
    with pytest.raises(TypeError):
        tf.constant([3]) + 1.5


def test_int_true_division_gives_float64():
    out = tf.constant([1, 3]) / tf.constant([2, 2])
    assert out.dtype == tf.float64 and out.numpy().tolist() == [0.5, 1.5]
    assert (tf.constant(7) / 2).dtype == tf.float64


def test_float_only_ops_reject_ints_clearly():
    for op in ["exp", "log", "sqrt", "sin", "tanh", "sigmoid", "erf", "floor", "is_nan"]:
        with pytest.raises(tf.errors.InvalidArgumentError, match=op):
            getattr(tf.math, op)(tf.constant([1, 2]))
    assert tf.abs(tf.constant([-3])).numpy().tolist() == [3]
    assert tf.square(tf.constant([-3])).dtype == tf.int32


def test_broadcast_error_names_op_and_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.maximum(tf.zeros([2, 3]), tf.zeros([4]))
    assert "maximum" in str(e.value) and "(2, 3)" in str(e.value) and "(4,)" in str(e.value)


# --- gradient conventions -----------------------------------------------------------------------


def test_maximum_minimum_ties_go_to_first_argument():
    gx, gy = grad(lambda x, y: tf.maximum(x, y), np.float32(2.0), np.float32(2.0))
    assert (float(gx), float(gy)) == (1.0, 0.0)
    gx, gy = grad(lambda x, y: tf.minimum(x, y), np.float32(2.0), np.float32(2.0))
    assert (float(gx), float(gy)) == (1.0, 0.0)
    gx, gy = grad(lambda x, y: tf.maximum(x, y), np.float32(1.0), np.float32(2.0))
    assert (float(gx), float(gy)) == (0.0, 1.0)


def test_relu_style_maximum_with_zero():
    (g,) = grad(lambda x: tf.reduce_sum(tf.maximum(x, 0.0)), np.array([-1.0, 0.0, 2.0], np.float32))
    assert g.numpy().tolist() == [0.0, 1.0, 1.0]  # x >= 0 mask, as TF's Maximum gradient
    (g,) = grad(lambda x: tf.reduce_sum(tf.abs(x)), np.array([-1.0, 0.0, 2.0], np.float32))
    assert g.numpy().tolist() == [-1.0, 0.0, 1.0]


def test_reduce_max_min_split_ties_equally():
    (g,) = grad(lambda x: tf.reduce_max(x), np.array([1.0, 3.0, 3.0, 2.0], np.float32))
    assert g.numpy().tolist() == [0.0, 0.5, 0.5, 0.0]
    (g,) = grad(lambda x: tf.reduce_min(x, axis=1), np.array([[1.0, 1.0, 1.0], [0.0, 5.0, 2.0]], np.float32))
    np.testing.assert_allclose(g.numpy(), [[1 / 3, 1 / 3, 1 / 3], [1.0, 0.0, 0.0]])


def test_reduce_prod_gradient_with_zeros():
    (g,) = grad(lambda x: tf.reduce_prod(x), np.array([2.0, 0.0, 3.0, 4.0]))
    assert g.numpy().tolist() == [0.0, 24.0, 0.0, 0.0]  # exactly one zero
    (g,) = grad(lambda x: tf.reduce_prod(x), np.array([2.0, 0.0, 3.0, 0.0]))
    assert g.numpy().tolist() == [0.0, 0.0, 0.0, 0.0]  # several zeros
    (g,) = grad(lambda x: tf.reduce_prod(x, axis=0), np.array([[0.0, 2.0], [5.0, 3.0]]))
    assert g.numpy().tolist() == [[5.0, 3.0], [0.0, 2.0]]
    # second order at a zero: the Hessian of x0*x1*x2 at (0, 2, 3) is [[0,3,2],[3,0,0],[2,0,0]]
    x = tf.constant([0.0, 2.0, 3.0], dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_prod(x)
        g = inner.gradient(y, x)
    h = outer.jacobian(g, x)
    assert h.numpy().tolist() == [[0.0, 3.0, 2.0], [3.0, 0.0, 0.0], [2.0, 0.0, 0.0]]
    check_grads(lambda x: tf.reduce_prod(x, axis=1), [np.array([[0.0, 2.0, 3.0], [1.5, 0.0, 0.0]])])


def test_cumprod_gradient_with_zeros_and_modes():
    for exclusive in (False, True):
        for reverse in (False, True):
            x = np.array([1.5, 0.0, 2.0, -1.0])
            out = tf.math.cumprod(tf.constant(x), exclusive=exclusive, reverse=reverse).numpy()
            xs = x[::-1] if reverse else x
            ref = np.cumprod(np.concatenate([[1.0], xs[:-1]]) if exclusive else xs)
            np.testing.assert_allclose(out, ref[::-1] if reverse else ref)
            check_grads(lambda t, e=exclusive, r=reverse: tf.math.cumprod(t, exclusive=e, reverse=r), [x])
    check_grads(lambda t: tf.math.cumprod(t, axis=0), [RNG.standard_normal((3, 2))])


def test_logsumexp_stable_and_gradient():
    out = tf.reduce_logsumexp(tf.constant([1000.0, 1000.0]))
    assert np.isfinite(float(out)) and abs(float(out) - (1000 + math.log(2))) < 1e-3
    assert abs(float(tf.reduce_logsumexp(tf.constant([-1000.0, -1000.0]))) - (-1000 + math.log(2))) < 1e-3
    (g,) = grad(lambda x: tf.reduce_logsumexp(x), np.array([1000.0, 1000.0], np.float32))
    assert g.numpy().tolist() == [0.5, 0.5]
    x = RNG.standard_normal((3, 4))
    np.testing.assert_allclose(tf.reduce_logsumexp(tf.constant(x), axis=1, keepdims=True).numpy(),
                               np.log(np.exp(x).sum(1, keepdims=True)))
    assert float(tf.reduce_logsumexp(tf.constant([-np.inf, -np.inf]))) == -np.inf


def test_non_differentiable_ops_give_none():
    x = tf.constant([1.3, -2.7])
    ops = [tf.floor, tf.math.ceil, tf.round, lambda v: tf.cast(v > 0.0, tf.float32),
           lambda v: tf.cast(tf.argmax(v), tf.float32), lambda v: v // 1.0,
           lambda v: tf.cast(tf.math.is_nan(v), tf.float32)]
    for f in ops:
        with tf.GradientTape() as t:
            t.watch(x)
            y = f(x)
        assert t.gradient(y, x) is None
    with tf.GradientTape() as t:  # sign has a zero gradient (not None), as TF
        t.watch(x)
        y = tf.sign(x)
    assert t.gradient(y, x).numpy().tolist() == [0.0, 0.0]


def test_floormod_gradient_follows_tf():
    gx, gy = grad(lambda x, y: x % y, np.float32(7.0), np.float32(3.0))
    assert float(gx) == 1.0 and float(gy) == -2.0  # -floor(7 / 3)
    gx, gy = grad(lambda x, y: tf.math.floormod(x, y), np.float32(-7.0), np.float32(3.0))
    assert float(gx) == 1.0 and float(gy) == 3.0


def test_pow_gradients_follow_tf():
    gx, gy = grad(lambda x, y: x ** y, np.float32(-2.0), np.float32(3.0))
    assert float(gx) == 12.0 and float(gy) == 0.0  # log(x) taken as 0 where x <= 0
    gx, gy = grad(lambda x, y: tf.pow(x, y), np.float32(2.0), np.float32(3.0))
    assert float(gx) == 12.0 and abs(float(gy) - 8 * math.log(2)) < 1e-5
    (g,) = grad(lambda x: 2.0 ** x, np.float32(3.0))  # reflected
    assert abs(float(g) - 8 * math.log(2)) < 1e-5
    assert (tf.constant(2) ** 10).numpy() == 1024
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant(2) ** -1


def test_higher_order_through_math_ops():
    x = tf.constant(0.7, dtype=tf.float64)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = tf.tanh(x)
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t3.gradient(d2, x)
    th = math.tanh(0.7)
    np.testing.assert_allclose([float(d1), float(d2), float(d3)],
                               [1 - th**2, -2 * th * (1 - th**2), (1 - th**2) * (6 * th**2 - 2)], rtol=1e-12)
    check_grads(lambda a, b: tf.reduce_mean(tf.sigmoid(a) * tf.math.erf(b) + tf.sqrt(a * a + b * b)),
                [RNG.standard_normal((2, 3)), RNG.standard_normal((3,))], order=2)


# --- reductions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("axis", [None, 0, 1, -1, [0, 1], (0,), -2])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions_match_numpy(axis, keepdims):
    x = RNG.standard_normal((3, 4))
    t = tf.constant(x)
    npax = tuple(axis) if isinstance(axis, list) else axis
    for name, ref in [("reduce_sum", np.sum), ("reduce_mean", np.mean), ("reduce_max", np.max),
                      ("reduce_min", np.min), ("reduce_prod", np.prod), ("reduce_variance", np.var),
                      ("reduce_std", np.std)]:
        out = getattr(tf.math, name)(t, axis=axis, keepdims=keepdims)
        np.testing.assert_allclose(out.numpy(), ref(x, axis=npax, keepdims=keepdims), rtol=1e-12, err_msg=name)
    np.testing.assert_allclose(tf.math.reduce_euclidean_norm(t, axis, keepdims).numpy(),
                               np.sqrt(np.sum(x * x, axis=npax, keepdims=keepdims)))


def test_reduce_mean_integer_follows_tf():
    out = tf.reduce_mean(tf.constant([1, 2]))
    assert out.dtype == tf.int32 and int(out) == 1
    assert int(tf.reduce_mean(tf.constant([-1, -2]))) == -1  # truncates toward zero
    assert tf.reduce_mean(tf.constant([[1, 2], [4, 7]]), axis=1).numpy().tolist() == [1, 5]
    assert tf.reduce_mean(tf.constant([1.0, 2.0])).dtype == tf.float32


def test_reduce_any_all_and_errors():
    b = tf.constant([[True, False], [True, True]])
    assert tf.reduce_any(b, axis=0).numpy().tolist() == [True, True]
    assert tf.reduce_all(b, axis=1).numpy().tolist() == [False, True]
    assert bool(tf.reduce_all(b)) is False
    with pytest.raises(tf.errors.InvalidArgumentError, match="reduce_any"):
        tf.reduce_any(tf.constant([1, 0]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="axis 2"):
        tf.reduce_mean(tf.zeros([2, 2]), axis=2)
    with pytest.raises(TypeError, match="reduce_variance"):
        tf.math.reduce_variance(tf.constant([1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="reduce_max"):
        tf.reduce_max(tf.constant([True]))


def test_reduce_max_of_empty_is_lowest():
    assert float(tf.reduce_max(tf.zeros([0]))) == -np.inf
    assert int(tf.reduce_min(tf.zeros([0], dtype=tf.int32))) == np.iinfo(np.int32).max


def test_argmax_argmin():
    x = tf.constant([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]])
    a = tf.argmax(x)
    assert a.dtype == tf.int64 and a.numpy().tolist() == [1, 0, 1]  # axis defaults to 0
    assert tf.argmax(x, axis=1).numpy().tolist() == [1, 0]  # first of the ties
    assert tf.argmin(x, axis=-1, output_type=tf.int32).dtype == tf.int32
    assert tf.argmin(x, axis=1).numpy().tolist() == [0, 1]
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.argmax(tf.zeros([0, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.argmax(x, axis=2)


def test_cumsum_modes_and_gradient():
    x = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    t = tf.constant(x)
    np.testing.assert_allclose(tf.cumsum(t, axis=1).numpy(), np.cumsum(x, 1))
    np.testing.assert_allclose(tf.cumsum(t).numpy(), np.cumsum(x, 0))
    assert tf.cumsum(t, axis=1, exclusive=True).numpy().tolist() == [[0, 1, 3], [0, 4, 9]]
    assert tf.cumsum(t, axis=1, reverse=True).numpy().tolist() == [[6, 5, 3], [15, 11, 6]]
    assert tf.cumsum(t, axis=-1, exclusive=True, reverse=True).numpy().tolist() == [[5, 3, 0], [11, 6, 0]]
    assert tf.cumsum(tf.constant([1, 2, 3])).dtype == tf.int32
    (g,) = grad(lambda v: tf.reduce_sum(tf.cumsum(v) * tf.constant([1.0, 10.0, 100.0], tf.float64)), np.array([1.0, 1.0, 1.0]))
    assert g.numpy().tolist() == [111.0, 110.0, 100.0]


def test_add_n():
    a, b = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
    assert tf.add_n([a, b, a]).numpy().tolist() == [5.0, 8.0]
    assert tf.add_n([a]) is a
    ga, gb = grad(lambda x, y: tf.reduce_sum(tf.add_n([x, y, x])), np.ones(2), np.ones(2))
    assert ga.numpy().tolist() == [2.0, 2.0] and gb.numpy().tolist() == [1.0, 1.0]
    with pytest.raises(tf.errors.InvalidArgumentError, match="add_n"):
        tf.add_n([a, tf.constant([1.0, 2.0, 3.0])])
    with pytest.raises(ValueError):
        tf.add_n([])


def test_divide_no_nan():
    gx, gy = grad(lambda x, y: tf.reduce_sum(tf.math.divide_no_nan(x, y)), np.array([1.0, 2.0]), np.array([2.0, 0.0]))
    assert gx.numpy().tolist() == [0.5, 0.0] and gy.numpy().tolist() == [-0.25, 0.0]


def test_jacobian_through_batchable_rules():
    x = tf.constant(RNG.standard_normal((3,)))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cumsum(tf.exp(x) * tf.reduce_max(x) + tf.reduce_prod(x))
    j = t.jacobian(y, x).numpy()
    xv = x.numpy()
    eps = 1e-6
    num = np.stack([
        (np.cumsum(np.exp(xv + eps * e) * np.max(xv + eps * e) + np.prod(xv + eps * e))
         - np.cumsum(np.exp(xv - eps * e) * np.max(xv - eps * e) + np.prod(xv - eps * e))) / (2 * eps)
        for e in np.eye(3)], axis=1)
    np.testing.assert_allclose(j, num, rtol=1e-6, atol=1e-8)


def test_namespaces_export():
    for n in ["pow", "erf", "reduce_logsumexp", "cumsum", "add_n", "where", "clip_by_value", "argmax",
              "floormod", "mod", "reduce_std", "is_finite"]:
        assert hasattr(tf.math, n)
    for n in ["pow", "abs", "exp", "maximum", "where", "reduce_mean", "argmax", "equal", "round", "sigmoid"]:
        assert getattr(tf, n) is getattr(tf.math, n)
