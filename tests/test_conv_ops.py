"""tf.nn.conv2d / conv2d_transpose / max_pool2d / avg_pool2d against naive NumPy loops."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError

RNG = np.random.default_rng(7)


# --- naive references (loops over output pixels, written from TF's documented semantics) --------


def same_pads(n: int, k: int, s: int) -> tuple:
    out = -(-n // s)
    tot = max((out - 1) * s + k - n, 0)
    return tot // 2, tot - tot // 2


def resolve(padding, h, w, keff, s):
    if padding == "VALID":
        return (0, 0), (0, 0)
    if padding == "SAME":
        return same_pads(h, keff[0], s[0]), same_pads(w, keff[1], s[1])
    return tuple(padding[1]), tuple(padding[2])


def naive_conv(x, w, s, padding, d=(1, 1)):
    n, h, wd, c = x.shape
    kh, kw, _, o = w.shape
    keff = (d[0] * (kh - 1) + 1, d[1] * (kw - 1) + 1)
    (pt, pb), (pl, pr) = resolve(padding, h, wd, keff, s)
    xp = np.zeros((n, h + pt + pb, wd + pl + pr, c), x.dtype)
    xp[:, pt:pt + h, pl:pl + wd] = x
    ho = (xp.shape[1] - keff[0]) // s[0] + 1
    wo = (xp.shape[2] - keff[1]) // s[1] + 1
    y = np.zeros((n, ho, wo, o), np.float64)
    for a in range(ho):
        for b in range(wo):
            for i in range(kh):
                for j in range(kw):
                    y[:, a, b, :] += xp[:, a * s[0] + i * d[0], b * s[1] + j * d[1], :] @ w[i, j]
    return y


def naive_pool(x, k, s, padding, kind):
    """Returns the pooled value and, for max, the (row, col) of each window's first maximum."""
    n, h, w, c = x.shape
    (pt, pb), (pl, pr) = resolve(padding, h, w, k, s)
    ho = (h + pt + pb - k[0]) // s[0] + 1
    wo = (w + pl + pr - k[1]) // s[1] + 1
    y = np.zeros((n, ho, wo, c))
    where = {}
    for nn in range(n):
        for a in range(ho):
            for b in range(wo):
                for cc in range(c):
                    vals, pos = [], []
                    for i in range(k[0]):
                        for j in range(k[1]):
                            r, q = a * s[0] + i - pt, b * s[1] + j - pl
                            if 0 <= r < h and 0 <= q < w:
                                vals.append(x[nn, r, q, cc])
                                pos.append((r, q))
                    if kind == "max":
                        m = int(np.argmax(vals))  # first maximum
                        y[nn, a, b, cc] = vals[m]
                        where[nn, a, b, cc] = pos[m]
                    else:
                        y[nn, a, b, cc] = np.mean(vals)
    return y, where


def sq(y):
    return y * y


def cube(y):
    return y * y * y


def tape_grads(f, *args):
    ts = [tf.constant(a) for a in args]
    with tf.GradientTape() as t:
        t.watch(ts)
        y = f(*ts)
    return [g.numpy() for g in t.gradient(y, ts)]


# --- conv2d forward ----------------------------------------------------------------------------

CONV_CASES = [
    ((2, 7, 7, 3), (3, 3, 3, 4), 1, "VALID", None),
    ((2, 7, 7, 3), (3, 3, 3, 4), 1, "SAME", None),
    ((2, 7, 6, 3), (3, 3, 3, 4), 2, "SAME", None),
    ((2, 8, 8, 3), (3, 3, 3, 4), [2, 2], "VALID", None),
    ((1, 9, 7, 2), (2, 3, 2, 5), [1, 3, 2, 1], "SAME", None),
    ((1, 8, 8, 2), (4, 4, 2, 3), 3, "SAME", None),
    ((1, 9, 9, 2), (3, 2, 2, 3), 1, "SAME", 2),
    ((1, 9, 9, 2), (3, 3, 2, 3), 1, "VALID", [2, 1]),
    ((1, 6, 6, 2), (3, 3, 2, 3), 2, [[0, 0], [1, 2], [0, 1], [0, 0]], None),
    ((2, 5, 5, 4), (1, 1, 4, 6), 1, "VALID", None),
]


def _hw(v):
    if v is None:
        return (1, 1)
    v = [v] if isinstance(v, int) else list(v)
    return (v[0], v[0]) if len(v) == 1 else (v[0], v[1]) if len(v) == 2 else (v[1], v[2])


@pytest.mark.parametrize("xs,ws,strides,padding,dil", CONV_CASES)
def test_conv2d_matches_naive(xs, ws, strides, padding, dil):
    x = RNG.standard_normal(xs)
    w = RNG.standard_normal(ws)
    want = naive_conv(x, w, _hw(strides), padding, _hw(dil))
    got = tf.nn.conv2d(tf.constant(x), tf.constant(w), strides, padding, dilations=dil)
    assert got.dtype == tf.float64
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-10, atol=1e-10)
    got32 = tf.nn.conv2d(tf.constant(x.astype(np.float32)), tf.constant(w.astype(np.float32)), strides, padding,
                         dilations=dil)
    assert got32.dtype == tf.float32
    np.testing.assert_allclose(got32.numpy(), want, rtol=1e-4, atol=1e-4)


def test_conv2d_same_pads_bottom_right():
    x = np.arange(16.0).reshape(1, 4, 4, 1)
    y = tf.nn.conv2d(tf.constant(x), tf.constant(np.ones((2, 2, 1, 1))), 1, "SAME").numpy()[0, :, :, 0]
    assert y[0, 0] == 0 + 1 + 4 + 5  # no pad at the top/left
    assert y[3, 3] == 15  # the one extra row/column of padding is at the bottom/right
    assert y[3, 0] == 12 + 13


def test_conv2d_nchw_and_variables():
    x = RNG.standard_normal((2, 6, 6, 3)).astype(np.float32)
    w = RNG.standard_normal((3, 3, 3, 4)).astype(np.float32)
    want = naive_conv(x, w, (2, 2), "SAME")
    got = tf.nn.conv2d(tf.constant(x.transpose(0, 3, 1, 2)), w, [1, 1, 2, 2], "SAME", data_format="NCHW")
    np.testing.assert_allclose(got.numpy().transpose(0, 2, 3, 1), want, rtol=1e-4, atol=1e-4)
    wv = tf.Variable(w)
    with tf.GradientTape() as t:
        loss = tf.reduce_sum(tf.nn.conv2d(x, wv, 1, "VALID"))
    gw = t.gradient(loss, wv).numpy()
    # d sum(conv)/dw[i,j,c,o] = sum of x over the positions that tap (i, j) visits
    ref = np.stack([[x[:, i:i + 4, j:j + 4, :].sum(axis=(0, 1, 2)) for j in range(3)] for i in range(3)])
    np.testing.assert_allclose(gw, np.repeat(ref[..., None], 4, axis=-1), rtol=1e-4)


@pytest.mark.parametrize("strides,padding,dil", [(1, "SAME", None), (2, "SAME", None), (2, "VALID", None),
                                                 (1, "VALID", 2), ([2, 1], [[0, 0], [1, 0], [2, 1], [0, 0]], None)])
def test_conv2d_gradients_order2(strides, padding, dil):
    x = RNG.standard_normal((2, 6, 5, 2))
    w = RNG.standard_normal((3, 2, 2, 3)) * 0.5

    def f(x, w):  # nonlinear in both, so the 2nd order mixes every backprop rule
        y = tf.nn.conv2d(x, w, strides, padding, dilations=dil)
        return y * y

    check_grads(f, [x, w], order=2)


def test_conv2d_gradient_matches_adjoint():
    x = RNG.standard_normal((2, 7, 6, 3))
    w = RNG.standard_normal((3, 3, 3, 2))
    g = RNG.standard_normal(naive_conv(x, w, (2, 2), "SAME").shape)
    gx, gw = tape_grads(lambda x, w: tf.reduce_sum(tf.nn.conv2d(x, w, 2, "SAME") * tf.constant(g)), x, w)
    # <conv(x, w), g> is linear in x: its gradient wrt x at any point, dotted with a direction v,
    # equals <conv(v, w), g>
    v = RNG.standard_normal(x.shape)
    assert np.isclose((gx * v).sum(), (naive_conv(v, w, (2, 2), "SAME") * g).sum())
    u = RNG.standard_normal(w.shape)
    assert np.isclose((gw * u).sum(), (naive_conv(x, u, (2, 2), "SAME") * g).sum())


def test_conv2d_third_order():
    x = RNG.standard_normal((1, 4, 4, 1))
    w = RNG.standard_normal((2, 2, 1, 1))
    xt, wt = tf.constant(x), tf.constant(w)
    with tf.GradientTape() as t3:
        t3.watch(wt)
        with tf.GradientTape() as t2:
            t2.watch(wt)
            with tf.GradientTape() as t1:
                t1.watch(wt)
                y = tf.reduce_sum(cube(tf.nn.conv2d(xt, wt, 1, "VALID")))
            s1 = tf.reduce_sum(t1.gradient(y, wt))
        s2 = tf.reduce_sum(t2.gradient(s1, wt))
    g3 = t3.gradient(s2, wt).numpy()
    # y = sum_p (a_p . w)^3 with patches a_p: d3/dw^3 contracted with ones = 6 * sum_p (a_p . 1)^2 a_p
    pats = np.stack([x[0, i:i + 2, j:j + 2, 0].reshape(-1) for i in range(3) for j in range(3)])
    ref = 6 * (pats.sum(1) ** 2)[:, None] * pats
    np.testing.assert_allclose(g3.reshape(-1), ref.sum(0), rtol=1e-10)


# --- conv2d_transpose --------------------------------------------------------------------------


@pytest.mark.parametrize("xs,strides,padding", [((2, 7, 7, 3), 2, "SAME"), ((1, 8, 6, 3), 2, "VALID"),
                                                ((1, 5, 5, 3), 1, "SAME")])
def test_conv2d_transpose_is_conv_adjoint(xs, strides, padding):
    w = RNG.standard_normal((3, 3, 3, 4))
    x = RNG.standard_normal(xs)
    y = naive_conv(x, w, (strides, strides), padding)
    g = RNG.standard_normal(y.shape)
    got = tf.nn.conv2d_transpose(tf.constant(g), tf.constant(w), list(xs), strides, padding).numpy()
    assert got.shape == xs
    # adjoint identity: <conv(x, w), g> == <x, conv_transpose(g, w)>
    assert np.isclose((y * g).sum(), (x * got).sum())
    check_grads(lambda g, w: sq(tf.nn.conv2d_transpose(g, w, list(xs), strides, padding)), [g, w], order=2)


def test_conv2d_transpose_bad_output_shape():
    with pytest.raises(InvalidArgumentError, match="conv2d_transpose"):
        tf.nn.conv2d_transpose(tf.constant(np.ones((1, 3, 3, 2))), tf.constant(np.ones((3, 3, 4, 2))),
                               [1, 9, 9, 4], 2, "SAME")
    with pytest.raises(InvalidArgumentError, match="conv2d_transpose"):
        tf.nn.conv2d_transpose(tf.constant(np.ones((1, 3, 3, 2))), tf.constant(np.ones((3, 3, 4, 2))),
                               [1, 6, 6, 5], 2, "SAME")


# --- errors ------------------------------------------------------------------------------------


def test_conv2d_channel_mismatch_error():
    x = tf.constant(np.ones((2, 5, 5, 3), np.float32))
    w = tf.constant(np.ones((3, 3, 4, 8), np.float32))
    with pytest.raises(InvalidArgumentError) as e:
        tf.nn.conv2d(x, w, 1, "SAME")
    msg = str(e.value)
    assert "conv2d" in msg and "(2, 5, 5, 3)" in msg and "(3, 3, 4, 8)" in msg and "float32" in msg


@pytest.mark.parametrize("xs,ws", [((5, 5, 3), (3, 3, 3, 4)), ((2, 5, 5, 3), (3, 3, 3))])
def test_conv2d_rank_error(xs, ws):
    with pytest.raises(InvalidArgumentError) as e:
        tf.nn.conv2d(tf.constant(np.ones(xs)), tf.constant(np.ones(ws)), 1, "VALID")
    msg = str(e.value)
    assert "conv2d" in msg and "rank-4" in msg and "float64" in msg
    assert str(xs if len(xs) != 4 else ws) in msg


def test_conv2d_argument_errors():
    x32 = tf.constant(np.ones((1, 5, 5, 2), np.float32))
    w32 = tf.constant(np.ones((3, 3, 2, 1), np.float32))
    with pytest.raises(InvalidArgumentError, match="same dtype.*float32.*float64"):
        tf.nn.conv2d(x32, tf.constant(np.ones((3, 3, 2, 1))), 1, "SAME")
    with pytest.raises(InvalidArgumentError, match="padding"):
        tf.nn.conv2d(x32, w32, 1, "FULL")
    with pytest.raises(InvalidArgumentError, match="strides"):
        tf.nn.conv2d(x32, w32, [2, 2, 2, 2], "SAME")
    with pytest.raises(InvalidArgumentError, match="strides"):
        tf.nn.conv2d(x32, w32, 0, "SAME")
    with pytest.raises(InvalidArgumentError, match="larger"):
        tf.nn.conv2d(x32, tf.constant(np.ones((7, 7, 2, 1), np.float32)), 1, "VALID")
    with pytest.raises(InvalidArgumentError, match="floating"):
        tf.nn.conv2d(tf.constant(np.ones((1, 5, 5, 2), np.int32)), tf.constant(np.ones((3, 3, 2, 1), np.int32)),
                     1, "SAME")
    with pytest.raises(InvalidArgumentError, match="max_pool2d.*rank-4.*\\(4, 4\\)"):
        tf.nn.max_pool2d(tf.constant(np.ones((4, 4))), 2, 2, "VALID")
    with pytest.raises(InvalidArgumentError, match="avg_pool2d.*ksize"):
        tf.nn.avg_pool2d(x32, [2, 2, 2, 2], 1, "VALID")


def test_conv2d_python_list_takes_filter_dtype():
    x = np.ones((1, 3, 3, 1)).tolist()
    y = tf.nn.conv2d(x, tf.constant(np.ones((3, 3, 1, 1))), 1, "VALID")
    assert y.dtype == tf.float64 and y.numpy().item() == 9.0


# --- pooling -----------------------------------------------------------------------------------

POOL_CASES = [
    ((2, 6, 6, 3), 2, 2, "VALID"),
    ((2, 7, 7, 2), 2, 2, "SAME"),
    ((1, 7, 6, 2), 3, 2, "SAME"),
    ((1, 6, 7, 2), [3, 2], [1, 2], "SAME"),
    ((1, 6, 6, 1), [1, 3, 3, 1], [1, 1, 1, 1], "VALID"),
]


def _distinct(shape):
    return RNG.permutation(np.arange(int(np.prod(shape)), dtype=np.float64)).reshape(shape) * 0.1


@pytest.mark.parametrize("xs,k,s,padding", POOL_CASES)
def test_max_pool_matches_naive(xs, k, s, padding):
    x = _distinct(xs)
    want, where = naive_pool(x, _hw(k), _hw(s), padding, "max")
    np.testing.assert_array_equal(tf.nn.max_pool2d(tf.constant(x), k, s, padding).numpy(), want)
    np.testing.assert_array_equal(tf.nn.max_pool(x.astype(np.float32), k, s, padding).numpy(), want.astype(np.float32))
    g = RNG.standard_normal(want.shape)
    (gx,) = tape_grads(lambda x: tf.reduce_sum(tf.nn.max_pool2d(x, k, s, padding) * tf.constant(g)), x)
    ref = np.zeros_like(x)
    for (n, a, b, c), (r, q) in where.items():
        ref[n, r, q, c] += g[n, a, b, c]
    np.testing.assert_allclose(gx, ref, atol=1e-12)
    check_grads(lambda x: sq(tf.nn.max_pool2d(x, k, s, padding)), [x], order=2)


@pytest.mark.parametrize("xs,k,s,padding", POOL_CASES)
def test_avg_pool_matches_naive(xs, k, s, padding):
    x = RNG.standard_normal(xs)
    want, _ = naive_pool(x, _hw(k), _hw(s), padding, "avg")
    np.testing.assert_allclose(tf.nn.avg_pool2d(tf.constant(x), k, s, padding).numpy(), want, rtol=1e-12)
    np.testing.assert_allclose(tf.nn.avg_pool(x.astype(np.float32), k, s, padding).numpy(), want, rtol=1e-5,
                               atol=1e-6)
    check_grads(lambda x: sq(tf.nn.avg_pool2d(x, k, s, padding)), [x], order=2)


def test_avg_pool_same_divides_by_real_elements():
    y = tf.nn.avg_pool2d(tf.constant(np.ones((1, 5, 5, 1), np.float32)), 3, 2, "SAME").numpy()
    np.testing.assert_array_equal(y, np.ones((1, 3, 3, 1), np.float32))


def test_max_pool_ties_go_to_first_maximum():
    x = tf.constant(np.ones((1, 2, 2, 1), np.float32))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.max_pool2d(x, 2, 2, "VALID")
    np.testing.assert_array_equal(t.gradient(y, x).numpy()[0, :, :, 0], [[1.0, 0.0], [0.0, 0.0]])
    # a tie inside the window, after a smaller first element: row-major first of the maxima wins
    v = np.array([[0.0, 3.0, 3.0], [3.0, 1.0, 2.0], [3.0, 0.0, 0.0]]).reshape(1, 3, 3, 1)
    (gx,) = tape_grads(lambda x: tf.reduce_sum(tf.nn.max_pool2d(x, 2, 1, "VALID")), v)
    # windows: (0,0)->(0,1); (0,1)->(0,1); (1,0)->(1,0); (1,1)->(1,2)
    np.testing.assert_array_equal(gx[0, :, :, 0], [[0, 2, 0], [1, 0, 1], [0, 0, 0]])


def test_max_pool_nchw():
    x = _distinct((1, 2, 4, 4))
    y = tf.nn.max_pool2d(x, [1, 1, 2, 2], [1, 1, 2, 2], "VALID", data_format="NCHW").numpy()
    want, _ = naive_pool(x.transpose(0, 2, 3, 1), (2, 2), (2, 2), "VALID", "max")
    np.testing.assert_array_equal(y, want.transpose(0, 3, 1, 2))


@pytest.mark.parametrize("xs,k,s,padding", [((2, 6, 6, 2), 2, 2, "VALID"), ((1, 7, 5, 2), 2, 2, "VALID"),
                                            ((1, 7, 5, 2), 2, 2, "SAME"), ((1, 6, 6, 2), 3, 1, "SAME")])
def test_max_pool_ties_match_naive(xs, k, s, padding):
    x = np.maximum(np.round(RNG.standard_normal(xs)), 0.0)  # relu-like: many tied windows
    want, where = naive_pool(x, _hw(k), _hw(s), padding, "max")
    g = RNG.standard_normal(want.shape)
    (gx,) = tape_grads(lambda x: tf.reduce_sum(tf.nn.max_pool2d(x, k, s, padding) * tf.constant(g)), x)
    ref = np.zeros_like(x)
    for (n, a, b, c), (r, q) in where.items():
        ref[n, r, q, c] += g[n, a, b, c]
    np.testing.assert_allclose(gx, ref, atol=1e-12)


def test_empty_batch():
    y = tf.nn.conv2d(tf.constant(np.zeros((0, 5, 5, 2))), tf.constant(np.ones((3, 3, 2, 4))), 2, "SAME")
    assert y.shape.as_list() == [0, 3, 3, 4]
    assert tf.nn.max_pool2d(tf.constant(np.zeros((0, 4, 4, 2))), 2, 2, "VALID").shape.as_list() == [0, 2, 2, 2]
