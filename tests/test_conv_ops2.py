"""tf.nn convolutions and pooling beyond 2-D basics: conv1d/conv3d/convolution, grouped and
depthwise convolutions, the transposed convolutions, separable/atrous, 1-D/3-D/dilated pooling,
pool, max_pool_with_argmax, dilation2d/erosion2d.

Values are checked against naive NumPy loops written from TF's documented semantics (each loop
was checked against TensorFlow 2.21 while writing these tests) and against numbers TF printed,
hard-coded below.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from gradcheck import check_grads
from gradcheck import tape_grad_arrays as grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError

RNG = np.random.default_rng(11)


# --- naive references ----------------------------------------------------------------------------


def same_pads(n: int, k: int, s: int) -> tuple:
    out = -(-n // s)
    tot = max((out - 1) * s + k - n, 0)
    return tot // 2, tot - tot // 2


def resolve(padding, sp, keff, s):
    if padding == "VALID":
        return [(0, 0)] * len(sp)
    if padding == "SAME":
        return [same_pads(n, k, st) for n, k, st in zip(sp, keff, s)]
    return [tuple(p) for p in padding]


def ref_conv(x, w, s, padding, d=None):
    """Channels-last N-d grouped convolution: x (N, *S, C), w (*k, C // G, O)."""
    r = x.ndim - 2
    d = d or (1,) * r
    k = w.shape[:r]
    cg, o = w.shape[r], w.shape[r + 1]
    groups = x.shape[-1] // cg
    og = o // groups
    keff = [dd * (kk - 1) + 1 for dd, kk in zip(d, k)]
    pads = resolve(padding, x.shape[1:-1], keff, s)
    xp = np.pad(x, [(0, 0)] + list(pads) + [(0, 0)])
    out = [(xp.shape[1 + i] - keff[i]) // s[i] + 1 for i in range(r)]
    y = np.zeros((x.shape[0], *out, o))
    for pos in itertools.product(*[range(n) for n in out]):
        for t in itertools.product(*[range(n) for n in k]):
            v = xp[(slice(None),) + tuple(pos[i] * s[i] + t[i] * d[i] for i in range(r))]
            for g in range(groups):
                y[(slice(None),) + pos + (slice(g * og, (g + 1) * og),)] += (
                    v[:, g * cg:(g + 1) * cg] @ w[t][:, g * og:(g + 1) * og])
    return y


def ref_depthwise(x, w, s, padding, d=None):
    kh, kw, c, m = w.shape
    return ref_conv(x, w.reshape(kh, kw, 1, c * m), s, padding, d)


def ref_pool(x, k, s, padding, kind, d=None):
    """Pooling over the real elements of each (dilated) window; for "MAX" also the position of
    each window's first maximum in row-major tap order."""
    r = x.ndim - 2
    d = d or (1,) * r
    keff = [dd * (kk - 1) + 1 for dd, kk in zip(d, k)]
    pads = resolve(padding, x.shape[1:-1], keff, s)
    sp = x.shape[1:-1]
    out = [(sp[i] + pads[i][0] + pads[i][1] - keff[i]) // s[i] + 1 for i in range(r)]
    y = np.zeros((x.shape[0], *out, x.shape[-1]))
    where = {}
    for pos in itertools.product(*[range(n) for n in out]):
        for b in range(x.shape[0]):
            for c in range(x.shape[-1]):
                vals, at = [], []
                for t in itertools.product(*[range(n) for n in k]):
                    idx = tuple(pos[i] * s[i] + t[i] * d[i] - pads[i][0] for i in range(r))
                    if all(0 <= idx[i] < sp[i] for i in range(r)):
                        vals.append(x[(b,) + idx + (c,)])
                        at.append(idx)
                if kind == "MAX":
                    m = int(np.argmax(vals))
                    y[(b,) + pos + (c,)] = vals[m]
                    where[(b,) + pos + (c,)] = (b,) + at[m] + (c,)
                else:
                    y[(b,) + pos + (c,)] = np.mean(vals)
    return y, where


def ref_dilation2d(x, w, s, rates, padding):
    n, h, wd, c = x.shape
    kh, kw, _ = w.shape
    keff = [rates[0] * (kh - 1) + 1, rates[1] * (kw - 1) + 1]
    (pt, _), (pl, _) = resolve(padding, (h, wd), keff, s)
    (pt, pb), (pl, pr) = resolve(padding, (h, wd), keff, s)
    oh = (h + pt + pb - keff[0]) // s[0] + 1
    ow = (wd + pl + pr - keff[1]) // s[1] + 1
    y = np.full((n, oh, ow, c), -np.inf)
    for a, b, i, j in itertools.product(range(oh), range(ow), range(kh), range(kw)):
        r_, c_ = a * s[0] + i * rates[0] - pt, b * s[1] + j * rates[1] - pl
        if 0 <= r_ < h and 0 <= c_ < wd:
            y[:, a, b, :] = np.maximum(y[:, a, b, :], x[:, r_, c_, :] + w[i, j])
    return y


def sq(y):
    return y * y


def distinct(shape, scale=0.1):
    return RNG.permutation(np.arange(int(np.prod(shape)), dtype=np.float64)).reshape(shape) * scale - 1.0


# --- conv1d / conv3d / convolution -----------------------------------------------------------------


@pytest.mark.parametrize("stride,padding,dil", [
    (1, "SAME", None), (2, "SAME", None), (3, "VALID", None), (1, "SAME", 2), (2, "SAME", 2), (1, "VALID", [3]),
    ([1, 2, 1], [[0, 0], [1, 2], [0, 0]], None),
])
def test_conv1d_matches_naive(stride, padding, dil):
    x = RNG.standard_normal((2, 9, 3))
    w = RNG.standard_normal((3, 3, 4))
    s = stride if isinstance(stride, int) else stride[1]
    d = 1 if dil is None else (dil if isinstance(dil, int) else dil[0])
    pad = padding if isinstance(padding, str) else [padding[1]]
    want = ref_conv(x, w, (s,), pad, (d,))
    got = tf.nn.conv1d(tf.constant(x), tf.constant(w), stride, padding, dilations=dil)
    assert got.dtype == tf.float64
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-10, atol=1e-10)
    got32 = tf.nn.conv1d(x.astype(np.float32), w.astype(np.float32), stride, padding, dilations=dil)
    assert got32.dtype == tf.float32
    np.testing.assert_allclose(got32.numpy(), want, rtol=1e-4, atol=1e-4)


def test_conv1d_ncw_groups_and_batch_dims():
    x = RNG.standard_normal((2, 8, 4))
    w = RNG.standard_normal((3, 2, 6))  # 4 input channels / 2 per group: a grouped convolution (as TF CPU)
    want = ref_conv(x, w, (2,), "SAME")
    np.testing.assert_allclose(tf.nn.conv1d(x, w, 2, "SAME").numpy(), want, atol=1e-10)
    got = tf.nn.conv1d(x.transpose(0, 2, 1), w, 2, "SAME", data_format="NCW").numpy()
    np.testing.assert_allclose(got, want.transpose(0, 2, 1), atol=1e-10)
    # extra leading batch dimensions, as TF
    xb = RNG.standard_normal((2, 3, 8, 4))
    got = tf.nn.conv1d(xb, w, 1, "VALID").numpy()
    assert got.shape == (2, 3, 6, 6)
    np.testing.assert_allclose(got[1], ref_conv(xb[1], w, (1,), "VALID"), atol=1e-10)


@pytest.mark.parametrize("strides,padding,dil", [
    ([1, 1, 1, 1, 1], "SAME", None), ([1, 2, 1, 2, 1], "SAME", None), ([1, 2, 2, 2, 1], "VALID", None),
    ([1, 1, 1, 1, 1], "SAME", [1, 2, 2, 1, 1]), ([1, 1, 1, 1, 1], "VALID", [1, 1, 2, 3, 1]),
])
def test_conv3d_matches_naive(strides, padding, dil):
    x = RNG.standard_normal((2, 5, 6, 7, 2))
    w = RNG.standard_normal((2, 3, 2, 2, 3))
    d = None if dil is None else tuple(dil[1:4])
    want = ref_conv(x, w, tuple(strides[1:4]), padding, d)
    got = tf.nn.conv3d(tf.constant(x), tf.constant(w), strides, padding, dilations=dil)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-10, atol=1e-10)
    got = tf.nn.conv3d(tf.constant(x.transpose(0, 4, 1, 2, 3)), w, [1, 1] + strides[1:4], padding,
                       data_format="NCDHW", dilations=None if dil is None else [1, 1] + dil[1:4])
    np.testing.assert_allclose(got.numpy().transpose(0, 2, 3, 4, 1), want, rtol=1e-10, atol=1e-10)


def test_conv1d_conv3d_gradients_order2():
    x1, w1 = RNG.standard_normal((2, 7, 2)), RNG.standard_normal((3, 2, 3)) * 0.5
    check_grads(lambda x, w: sq(tf.nn.conv1d(x, w, 2, "SAME")), [x1, w1], order=2)
    check_grads(lambda x, w: sq(tf.nn.conv1d(x, w, 1, "VALID", dilations=2)), [x1, w1], order=2)
    x3, w3 = RNG.standard_normal((1, 4, 4, 3, 2)), RNG.standard_normal((2, 2, 2, 2, 2)) * 0.5
    check_grads(lambda x, w: sq(tf.nn.conv3d(x, w, [1, 2, 1, 1, 1], "SAME")), [x3, w3], order=2)


def test_grouped_conv2d_values_and_gradients():
    x = RNG.standard_normal((2, 5, 6, 4))
    w = RNG.standard_normal((3, 3, 2, 6)) * 0.5  # 2 groups of 2 input channels, 3 outputs each
    for s, pad, d in [(1, "SAME", None), (2, "VALID", None), (1, "SAME", 2)]:
        want = ref_conv(x, w, (s, s), pad, None if d is None else (d, d))
        np.testing.assert_allclose(tf.nn.conv2d(x, w, s, pad, dilations=d).numpy(), want, atol=1e-10)
    # TF's CPU kernels refuse the gradient of a grouped convolution; tapeflow differentiates it
    check_grads(lambda x, w: sq(tf.nn.conv2d(x, w, 2, "SAME")), [x, w], order=2)
    with pytest.raises(InvalidArgumentError, match="output depth 5 .*number of groups 2"):
        tf.nn.conv2d(x, RNG.standard_normal((3, 3, 2, 5)), 1, "SAME")
    with pytest.raises(InvalidArgumentError, match="input depth 4 must be a multiple of the filters' input depth 3"):
        tf.nn.conv2d(x, RNG.standard_normal((3, 3, 3, 6)), 1, "SAME")


def test_conv3d_errors():
    x = tf.constant(np.ones((1, 4, 4, 4, 4)))
    with pytest.raises(InvalidArgumentError, match="conv3d: input depth 4 must match"):  # no groups, as TF
        tf.nn.conv3d(x, tf.constant(np.ones((2, 2, 2, 2, 4))), [1] * 5, "SAME")
    with pytest.raises(InvalidArgumentError, match="conv3d: filters must be a rank-5"):
        tf.nn.conv3d(x, tf.constant(np.ones((2, 2, 4, 4))), [1] * 5, "SAME")
    with pytest.raises(InvalidArgumentError, match="conv3d: input must be a rank-5"):
        tf.nn.conv3d(tf.constant(np.ones((4, 4, 4, 4))), tf.constant(np.ones((2, 2, 2, 4, 4))), [1] * 5, "SAME")
    with pytest.raises(InvalidArgumentError, match="strides .* batch and channel"):
        tf.nn.conv3d(x, tf.constant(np.ones((2, 2, 2, 4, 4))), [2, 1, 1, 1, 1], "SAME")
    with pytest.raises(InvalidArgumentError, match="data_format must be 'NDHWC' or 'NCDHW'"):
        tf.nn.conv3d(x, tf.constant(np.ones((2, 2, 2, 4, 4))), [1] * 5, "SAME", data_format="NHWC")
    with pytest.raises(InvalidArgumentError, match="conv1d: strides must be an int or a list of 1 or 3 ints"):
        tf.nn.conv1d(tf.ones([1, 6, 1]), tf.ones([2, 1, 1]), [1, 2], "VALID")


def test_convolution_dispatch_and_errors():
    x2, w2 = RNG.standard_normal((2, 6, 5, 3)), RNG.standard_normal((3, 2, 3, 4))
    np.testing.assert_allclose(tf.nn.convolution(x2, w2, 2, "SAME").numpy(),
                               ref_conv(x2, w2, (2, 2), "SAME"), atol=1e-10)
    np.testing.assert_allclose(tf.nn.convolution(x2, w2, padding="SAME", dilations=[2, 1]).numpy(),
                               ref_conv(x2, w2, (1, 1), "SAME", (2, 1)), atol=1e-10)
    x1, w1 = RNG.standard_normal((2, 7, 3)), RNG.standard_normal((2, 3, 2))
    np.testing.assert_allclose(tf.nn.convolution(x1, w1).numpy(), ref_conv(x1, w1, (1,), "VALID"), atol=1e-10)
    got = tf.nn.convolution(x1.transpose(0, 2, 1), w1, data_format="NCW").numpy()
    np.testing.assert_allclose(got, ref_conv(x1, w1, (1,), "VALID").transpose(0, 2, 1), atol=1e-10)
    x3, w3 = RNG.standard_normal((1, 4, 3, 5, 2)), RNG.standard_normal((2, 2, 3, 2, 2))
    np.testing.assert_allclose(tf.nn.convolution(x3, w3, [1, 1, 2], "SAME").numpy(),
                               ref_conv(x3, w3, (1, 1, 2), "SAME"), atol=1e-10)
    # rank-5 input, 2-D filters: one extra batch dimension (TF's "expanded batch")
    assert tf.nn.convolution(tf.ones([2, 3, 6, 6, 2]), tf.ones([3, 3, 2, 4]), padding="SAME").shape == (2, 3, 6, 6, 4)
    with pytest.raises(InvalidArgumentError, match="strides > 1 .* dilations > 1"):
        tf.nn.convolution(x2, w2, 2, "SAME", dilations=2)
    with pytest.raises(InvalidArgumentError, match="rank must be 3, 4 or 5"):
        tf.nn.convolution(tf.ones([1, 2, 3, 4, 5, 6]), tf.ones([1, 1, 1, 1, 6, 2]))
    with pytest.raises(InvalidArgumentError, match="data_format must be 'NWC' or 'NCW'"):
        tf.nn.convolution(x1, w1, data_format="XYZ")


def test_atrous_conv2d():
    x, w = RNG.standard_normal((2, 7, 6, 3)), RNG.standard_normal((3, 3, 3, 4))
    for rate, pad in [(2, "SAME"), (2, "VALID"), (1, "VALID"), ([3, 1], "SAME")]:
        d = (rate, rate) if isinstance(rate, int) else tuple(rate)
        np.testing.assert_allclose(tf.nn.atrous_conv2d(x, w, rate, pad).numpy(), ref_conv(x, w, (1, 1), pad, d),
                                   atol=1e-10)
    with pytest.raises(InvalidArgumentError, match="rate must be positive"):
        tf.nn.atrous_conv2d(x, w, 0, "VALID")
    check_grads(lambda x, w: sq(tf.nn.atrous_conv2d(x, w, 2, "SAME")), [x[:1, :5, :5], w[:, :, :, :2] * 0.5],
                order=2)


# --- transposed convolutions -----------------------------------------------------------------------


def _adjoint(fwd, tr, xs, ws):
    """<fwd(x, w), g> == <x, tr(g, w)>: the transpose is the conv's adjoint in x."""
    x, w = RNG.standard_normal(xs), RNG.standard_normal(ws)
    y = fwd(tf.constant(x), tf.constant(w)).numpy()
    g = RNG.standard_normal(y.shape)
    t = tr(tf.constant(g), tf.constant(w)).numpy()
    assert t.shape == xs
    assert np.isclose((y * g).sum(), (x * t).sum(), rtol=1e-10)


@pytest.mark.parametrize("s,pad,d", [(2, "SAME", 1), (1, "SAME", 2), (3, "VALID", 1), (2, [[0, 0], [1, 2], [0, 0]], 1)])
def test_conv1d_transpose_is_adjoint(s, pad, d):
    _adjoint(lambda x, w: tf.nn.conv1d(x, w, s, pad, dilations=d),
             lambda g, w: tf.nn.conv1d_transpose(g, w, [2, 10, 3], s, pad, dilations=d), (2, 10, 3), (3, 3, 4))
    _adjoint(lambda x, w: tf.nn.conv1d(x, w, s, pad, dilations=d),
             lambda g, w: tf.nn.conv_transpose(g, w, [2, 10, 3], s, pad, dilations=d), (2, 10, 3), (3, 3, 4))


@pytest.mark.parametrize("s,pad,d", [([1, 2, 1, 2, 1], "SAME", None), (2, "VALID", None), (1, "SAME", 2)])
def test_conv3d_transpose_is_adjoint(s, pad, d):
    _adjoint(lambda x, w: tf.nn.conv3d(x, w, s if isinstance(s, list) else [1, s, s, s, 1], pad, dilations=d),
             lambda g, w: tf.nn.conv3d_transpose(g, w, [1, 5, 4, 5, 2], s, pad, dilations=d), (1, 5, 4, 5, 2),
             (2, 3, 2, 2, 3))


def test_transpose_gradients_nchw_and_errors():
    g, w = RNG.standard_normal((1, 3, 2, 3, 3)), RNG.standard_normal((2, 2, 2, 2, 3))
    check_grads(lambda g, w: sq(tf.nn.conv3d_transpose(g, w, [1, 6, 4, 6, 2], 2, "SAME")), [g, w], order=2)
    g1, w1 = RNG.standard_normal((2, 4, 3)), RNG.standard_normal((3, 2, 3))
    check_grads(lambda g, w: sq(tf.nn.conv1d_transpose(g, w, [2, 8, 2], 2, "SAME")), [g1, w1], order=2)
    want = tf.nn.conv_transpose(g1, w1, [2, 8, 2], 2).numpy()
    got = tf.nn.conv_transpose(g1.transpose(0, 2, 1), w1, [2, 2, 8], 2, data_format="NCW").numpy()
    np.testing.assert_allclose(got, want.transpose(0, 2, 1), atol=1e-12)
    with pytest.raises(InvalidArgumentError, match="conv1d_transpose: output_shape \\[2, 9, 2\\] would be"):
        tf.nn.conv1d_transpose(g1, w1, [2, 9, 2], 2, "SAME")
    with pytest.raises(InvalidArgumentError, match="conv3d_transpose: .* do not agree"):
        tf.nn.conv3d_transpose(g, w, [1, 6, 4, 6, 3], 2, "SAME")
    with pytest.raises(InvalidArgumentError, match="output_shape must be of length 3, 4 or 5"):
        tf.nn.conv_transpose(g1, w1, [1, 2, 8, 8, 8, 2], 2)


@pytest.mark.parametrize("rate,pad,xs", [(1, "SAME", (2, 9, 8, 3)), (2, "SAME", (1, 7, 7, 3)), (3, "SAME", (1, 10, 5, 3)),
                                         (2, "VALID", (2, 9, 8, 3)), (3, "VALID", (1, 7, 7, 3))])
def test_atrous_conv2d_transpose_is_adjoint(rate, pad, xs):
    # TF: atrous_conv2d_transpose is the adjoint of atrous_conv2d (checked there on these shapes)
    _adjoint(lambda x, w: tf.nn.atrous_conv2d(x, w, rate, pad),
             lambda g, w: tf.nn.atrous_conv2d_transpose(g, w, list(xs), rate, pad), xs, (3, 2, 3, 4))


def test_atrous_conv2d_transpose_errors():
    v, w = tf.ones([1, 5, 5, 4], tf.float64), tf.ones([3, 3, 3, 4], tf.float64)
    with pytest.raises(InvalidArgumentError, match="rate must be a positive int"):
        tf.nn.atrous_conv2d_transpose(v, w, [1, 5, 5, 3], 0, "SAME")
    with pytest.raises(InvalidArgumentError, match="padding must be 'SAME' or 'VALID'"):
        tf.nn.atrous_conv2d_transpose(v, w, [1, 5, 5, 3], 2, [[0, 0], [1, 1], [1, 1], [0, 0]])
    with pytest.raises(InvalidArgumentError, match="would be convolved"):
        tf.nn.atrous_conv2d_transpose(v, w, [1, 6, 5, 3], 2, "SAME")
    with pytest.raises(InvalidArgumentError, match="do not agree"):
        tf.nn.atrous_conv2d_transpose(v, w, [1, 5, 5, 2], 2, "SAME")


# --- depthwise / separable -------------------------------------------------------------------------


@pytest.mark.parametrize("strides,padding,dil", [
    ([1, 1, 1, 1], "SAME", None), ([1, 2, 2, 1], "SAME", None), ([1, 1, 2, 1], "VALID", None),
    ([1, 1, 1, 1], "SAME", [2, 2]), ([1, 1, 1, 1], "VALID", [3, 2]),
    ([1, 2, 2, 1], [[0, 0], [1, 2], [0, 1], [0, 0]], None), ([1, 1, 1, 1], [[0, 0], [1, 2], [0, 1], [0, 0]], [2, 2]),
])
def test_depthwise_conv2d_matches_naive(strides, padding, dil):
    x = RNG.standard_normal((2, 9, 8, 3))
    w = RNG.standard_normal((3, 2, 3, 2))
    pad = padding if isinstance(padding, str) else padding[1:3]
    want = ref_depthwise(x, w, tuple(strides[1:3]), pad, None if dil is None else tuple(dil))
    got = tf.nn.depthwise_conv2d(tf.constant(x), tf.constant(w), strides, padding, dilations=dil)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-10, atol=1e-10)
    if isinstance(padding, str):
        got = tf.nn.depthwise_conv2d(x.transpose(0, 3, 1, 2).astype(np.float32), w.astype(np.float32),
                                     [1, 1] + strides[1:3], padding, data_format="NCHW", dilations=dil)
        np.testing.assert_allclose(got.numpy().transpose(0, 2, 3, 1), want, rtol=1e-4, atol=1e-4)


def test_depthwise_conv2d_gradients_and_errors():
    x, w = RNG.standard_normal((2, 5, 5, 3)), RNG.standard_normal((3, 3, 3, 2)) * 0.5
    check_grads(lambda x, w: sq(tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME")), [x, w], order=2)
    check_grads(lambda x, w: sq(tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", dilations=[2, 1])), [x, w],
                order=2)
    with pytest.raises(InvalidArgumentError, match="strides must be 1 when dilations > 1"):
        tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME", dilations=[2, 2])
    with pytest.raises(InvalidArgumentError, match="input depth 3 must equal the filter's in_channels 2"):
        tf.nn.depthwise_conv2d(x, w[:, :, :2], [1, 1, 1, 1], "SAME")
    with pytest.raises(InvalidArgumentError, match="filter must be a rank-4"):
        tf.nn.depthwise_conv2d(x, w[0], [1, 1, 1, 1], "SAME")
    with pytest.raises(InvalidArgumentError, match="same dtype"):
        tf.nn.depthwise_conv2d(x.astype(np.float32), tf.constant(w), [1, 1, 1, 1], "SAME")


def _dw_data():
    x = np.arange(2 * 5 * 4 * 2, dtype="f8").reshape(2, 5, 4, 2) % 7 - 3
    w = (np.arange(2 * 2 * 2 * 3, dtype="f8").reshape(2, 2, 2, 3) % 5) - 2
    g = (np.arange(2 * 5 * 4 * 6, dtype="f8").reshape(2, 5, 4, 6) % 3) - 1
    return x, w, g


def test_depthwise_backprops_match_tf():
    x, w, g = _dw_data()
    bi = tf.nn.depthwise_conv2d_backprop_input([2, 5, 4, 2], w, g, [1, 1, 1, 1], "SAME")
    assert bi.dtype == tf.float64 and bi.shape == (2, 5, 4, 2)
    assert float(tf.reduce_sum(bi * bi)) == 786.0  # TF 2.21
    assert bi.numpy()[0, :, :, 0].tolist() == [[2, 4, 4, 4], [4, 3, 3, 3], [4, 3, 3, 3], [4, 3, 3, 3], [4, 3, 3, 3]]
    bf = tf.nn.depthwise_conv2d_backprop_filter(x, [2, 2, 2, 3], g, [1, 1, 1, 1], "SAME")
    assert bf.numpy().reshape(-1).tolist() == [2, 0, -2, 4, 0, -4, -4, 0, 4, 1, 0, -1, 1, 0, -1, 4, 0, -4, -4, 0, 4,
                                               0, 0, 0]
    # with dilations: the documented result, the gradients of the dilated depthwise_conv2d (TF 2.21's
    # CPU kernels ignore ``dilations`` here and return the undilated values above)
    gx, gw = grads(lambda x, w: tf.reduce_sum(tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", dilations=[2, 2])
                                              * tf.constant(g)), x, w)
    bi = tf.nn.depthwise_conv2d_backprop_input([2, 5, 4, 2], w, g, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1])
    bf = tf.nn.depthwise_conv2d_backprop_filter(x, [2, 2, 2, 3], g, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1])
    np.testing.assert_array_equal(bi.numpy(), gx)
    np.testing.assert_array_equal(bf.numpy(), gw)
    assert float(tf.reduce_sum(bi * bi)) == 640.0  # TF's tape gradient of the dilated forward
    g2 = (np.arange(2 * 3 * 2 * 6, dtype="f8").reshape(2, 3, 2, 6) % 3) - 1
    bi2 = tf.nn.depthwise_conv2d_backprop_input(tf.constant([2, 5, 4, 2]), w, g2, [1, 2, 2, 1],
                                                [[0, 0], [1, 0], [0, 1], [0, 0]])
    assert bi2.numpy()[1, :, :, 1].tolist() == [[2, 2, 2, 2], [-3, -3, -3, -3], [2, 2, 2, 2], [-3, -3, -3, -3],
                                                [2, 2, 2, 2]]


def test_depthwise_backprops_adjoint_nchw_gradients_errors():
    x, w = RNG.standard_normal((2, 7, 6, 3)), RNG.standard_normal((3, 2, 3, 2))
    y = tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME").numpy()
    g = RNG.standard_normal(y.shape)
    bi = tf.nn.depthwise_conv2d_backprop_input([2, 7, 6, 3], w, g, [1, 2, 2, 1], "SAME").numpy()
    bf = tf.nn.depthwise_conv2d_backprop_filter(x, [3, 2, 3, 2], g, [1, 2, 2, 1], "SAME").numpy()
    v, u = RNG.standard_normal(x.shape), RNG.standard_normal(w.shape)
    assert np.isclose((ref_depthwise(v, w, (2, 2), "SAME") * g).sum(), (bi * v).sum())
    assert np.isclose((ref_depthwise(x, u, (2, 2), "SAME") * g).sum(), (bf * u).sum())
    bi_c = tf.nn.depthwise_conv2d_backprop_input([2, 3, 7, 6], w, g.transpose(0, 3, 1, 2), [1, 1, 2, 2], "SAME",
                                                  data_format="NCHW").numpy()
    np.testing.assert_allclose(bi_c.transpose(0, 2, 3, 1), bi, atol=1e-12)
    check_grads(lambda w, g: sq(tf.nn.depthwise_conv2d_backprop_input([2, 7, 6, 3], w, g, [1, 2, 2, 1], "SAME")),
                [w, g], order=2)
    check_grads(lambda x, g: sq(tf.nn.depthwise_conv2d_backprop_filter(x, [3, 2, 3, 2], g, [1, 2, 2, 1], "SAME")),
                [x, g], order=2)
    with pytest.raises(InvalidArgumentError, match="would be convolved to spatial size"):
        tf.nn.depthwise_conv2d_backprop_input([2, 9, 6, 3], w, g, [1, 2, 2, 1], "SAME")
    with pytest.raises(InvalidArgumentError, match="do not agree"):
        tf.nn.depthwise_conv2d_backprop_filter(x, [3, 2, 3, 3], g, [1, 2, 2, 1], "SAME")


def test_separable_conv2d():
    xs = np.arange(2 * 5 * 5 * 2, dtype=np.float32).reshape(2, 5, 5, 2) % 5 - 2
    dwf = np.arange(16, dtype=np.float32).reshape(2, 2, 2, 2) % 3 - 1
    pwf = np.arange(12, dtype=np.float32).reshape(1, 1, 4, 3) % 4 - 1.5
    sep = tf.nn.separable_conv2d(xs, dwf, pwf, [1, 1, 1, 1], "SAME", dilations=[2, 2])
    assert sep.dtype == tf.float32 and sep.shape == (2, 5, 5, 3)
    assert sep.numpy()[0, :, :, 1].tolist() == [  # TF 2.21
        [1.0, -3.5, 0.0, 3.5, -1.0], [-0.5, -5.5, 2.5, -2.0, -1.5], [-0.5, -5.5, 2.5, -2.0, -1.5],
        [-0.5, -5.5, 2.5, -2.0, -1.5], [-1.5, -2.0, 2.5, -5.5, -0.5]]
    x, d, p = RNG.standard_normal((1, 5, 4, 2)), RNG.standard_normal((2, 2, 2, 2)), RNG.standard_normal((1, 1, 4, 3))
    want = ref_conv(ref_depthwise(x, d, (2, 2), "SAME"), p, (1, 1), "VALID")
    np.testing.assert_allclose(tf.nn.separable_conv2d(x, d, p, [1, 2, 2, 1], "SAME").numpy(), want, atol=1e-10)
    check_grads(lambda x, d, p: sq(tf.nn.separable_conv2d(x, d, p, [1, 1, 1, 1], "VALID")), [x, d * 0.5, p], order=2)
    with pytest.raises(InvalidArgumentError, match="pointwise_filter must have shape \\(1, 1"):
        tf.nn.separable_conv2d(x, d, RNG.standard_normal((2, 1, 4, 3)), [1, 1, 1, 1], "SAME")


# --- pooling -----------------------------------------------------------------------------------------


def _route(where, g, shape):
    ref = np.zeros(shape)
    for o, at in where.items():
        ref[at] += g[o]
    return ref


@pytest.mark.parametrize("k,s,padding", [(2, 2, "VALID"), (3, 2, "SAME"), (3, 1, "SAME"),
                                         (2, 2, [[0, 0], [1, 1], [0, 0]]), ([1, 3, 1], [1, 2, 1], "VALID")])
def test_pool1d_matches_naive(k, s, padding):  # a list of 3 ksize/strides is (batch, width, channels) in NWC
    x = distinct((2, 9, 3))
    kk = k if isinstance(k, int) else k[1]
    ss = s if isinstance(s, int) else s[1]
    pad = padding if isinstance(padding, str) else [padding[1]]
    want, where = ref_pool(x, (kk,), (ss,), pad, "MAX")
    np.testing.assert_array_equal(tf.nn.max_pool1d(x, k, s, padding).numpy(), want)
    g = RNG.standard_normal(want.shape)
    (gx,) = grads(lambda x: tf.reduce_sum(tf.nn.max_pool1d(x, k, s, padding) * tf.constant(g)), x)
    np.testing.assert_allclose(gx, _route(where, g, x.shape), atol=1e-12)
    if isinstance(padding, str):
        avg, _ = ref_pool(x, (kk,), (ss,), padding, "AVG")
        np.testing.assert_allclose(tf.nn.avg_pool1d(x, k, s, padding).numpy(), avg, rtol=1e-12)
        got = tf.nn.avg_pool1d(x.transpose(0, 2, 1), kk, [ss], padding, data_format="NCW").numpy()
        np.testing.assert_allclose(got, avg.transpose(0, 2, 1), rtol=1e-12)
        check_grads(lambda x: sq(tf.nn.avg_pool1d(x, k, s, padding)), [x], order=2)
    check_grads(lambda x: sq(tf.nn.max_pool1d(x, k, s, padding)), [x], order=2)


def test_max_pool1d_ties_go_to_first_maximum():
    x = tf.constant(np.array([1.0, 2.0, 2.0, 1.0, 1.0], np.float32).reshape(1, 5, 1))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(tf.nn.max_pool1d(x, 3, 1, "VALID"))
    assert t.gradient(y, x).numpy().reshape(-1).tolist() == [0.0, 2.0, 1.0, 0.0, 0.0]  # TF 2.21


@pytest.mark.parametrize("k,s,padding", [(2, 2, "VALID"), (2, 2, "SAME"), ([2, 3, 2], [2, 1, 2], "SAME"),
                                         ([1, 3, 2, 2, 1], [1, 1, 2, 1, 1], "VALID")])
def test_pool3d_matches_naive(k, s, padding):
    x = distinct((2, 5, 6, 7, 2))
    kk = (k,) * 3 if isinstance(k, int) else tuple(k[-4:-1] if len(k) == 5 else k)
    ss = (s,) * 3 if isinstance(s, int) else tuple(s[-4:-1] if len(s) == 5 else s)
    want, where = ref_pool(x, kk, ss, padding, "MAX")
    np.testing.assert_array_equal(tf.nn.max_pool3d(x, k, s, padding).numpy(), want)
    np.testing.assert_array_equal(tf.nn.max_pool(x, k, s, padding).numpy(), want)
    g = RNG.standard_normal(want.shape)
    (gx,) = grads(lambda x: tf.reduce_sum(tf.nn.max_pool3d(x, k, s, padding) * tf.constant(g)), x)
    np.testing.assert_allclose(gx, _route(where, g, x.shape), atol=1e-12)
    avg, _ = ref_pool(x, kk, ss, padding, "AVG")
    np.testing.assert_allclose(tf.nn.avg_pool3d(x, k, s, padding).numpy(), avg, rtol=1e-12)
    np.testing.assert_allclose(tf.nn.avg_pool(x, k, s, padding).numpy(), avg, rtol=1e-12)
    got = tf.nn.avg_pool3d(x.transpose(0, 4, 1, 2, 3).astype(np.float32), k if isinstance(k, int) else list(kk),
                           s if isinstance(s, int) else list(ss), padding, data_format="NCDHW").numpy()
    np.testing.assert_allclose(got.transpose(0, 2, 3, 4, 1), avg, rtol=1e-5, atol=1e-5)


def test_pool3d_gradients_order2():
    x = distinct((1, 4, 3, 4, 2))
    check_grads(lambda x: sq(tf.nn.max_pool3d(x, 2, [1, 1, 2, 2, 1], "SAME")), [x], order=2)
    check_grads(lambda x: sq(tf.nn.avg_pool3d(x, [2, 2, 3], 1, "SAME")), [x], order=2)


def test_max_pool3d_gradient_goes_to_every_tied_maximum():
    # TF 2.21's MaxPool3DGrad: no tie-breaking (unlike 1-D/2-D max pooling)
    x = np.ones((1, 2, 2, 2, 1), np.float32)
    x[0, 1, 1, 1, 0] = 0
    (gx,) = grads(lambda x: tf.reduce_sum(tf.nn.max_pool3d(x, 2, 2, "VALID")), x)
    assert gx.reshape(-1).tolist() == [1, 1, 1, 1, 1, 1, 1, 0]
    x = np.zeros((1, 2, 2, 2, 1), np.float32)
    x[0, 1, 0, 1, 0] = x[0, 0, 1, 1, 0] = x[0, 1, 1, 0, 0] = 1
    (gx,) = grads(lambda x: tf.reduce_sum(tf.nn.max_pool3d(x, 2, 2, "VALID")), x)
    assert gx.reshape(-1).tolist() == [0, 0, 0, 1, 0, 1, 1, 0]
    # the second derivative keeps the same routing (gather of every tied position)
    x = np.ones((1, 2, 2, 2, 1))
    xt = tf.constant(x)
    with tf.GradientTape() as t2:
        t2.watch(xt)
        with tf.GradientTape() as t1:
            t1.watch(xt)
            y = tf.reduce_sum(sq(tf.nn.max_pool3d(xt, 2, 2, "VALID")))
        s = tf.reduce_sum(t1.gradient(y, xt))
    assert t2.gradient(s, xt).numpy().reshape(-1).tolist() == [16.0] * 8  # d/dx of 2 * 8 * max


def test_max_pool_explicit_padding_and_errors():
    x = distinct((2, 5, 6, 2))
    want, where = ref_pool(x, (2, 3), (2, 1), [(1, 1), (0, 2)], "MAX")
    pad = [[0, 0], [1, 1], [0, 2], [0, 0]]
    np.testing.assert_array_equal(tf.nn.max_pool2d(x, [2, 3], [2, 1], pad).numpy(), want)
    np.testing.assert_array_equal(tf.nn.max_pool(x, [2, 3], [2, 1], pad).numpy(), want)
    got = tf.nn.max_pool2d(x.transpose(0, 3, 1, 2), [2, 3], [2, 1], [[0, 0], [0, 0], [1, 1], [0, 2]],
                           data_format="NCHW").numpy()
    np.testing.assert_array_equal(got, want.transpose(0, 3, 1, 2))
    g = RNG.standard_normal(want.shape)
    (gx,) = grads(lambda x: tf.reduce_sum(tf.nn.max_pool2d(x, [2, 3], [2, 1], pad) * tf.constant(g)), x)
    np.testing.assert_allclose(gx, _route(where, g, x.shape), atol=1e-12)
    with pytest.raises(InvalidArgumentError, match="smaller than the window size"):
        tf.nn.max_pool2d(x, 2, 1, [[0, 0], [2, 2], [0, 0], [0, 0]])
    with pytest.raises(InvalidArgumentError, match="avg_pool2d: padding must be 'SAME' or 'VALID'"):
        tf.nn.avg_pool2d(x, 2, 1, pad)
    with pytest.raises(InvalidArgumentError, match="max_pool3d: padding must be 'SAME' or 'VALID'"):
        tf.nn.max_pool3d(tf.ones([1, 4, 4, 4, 1]), 2, 2, [[0, 0], [1, 1], [1, 1], [1, 1], [0, 0]])
    with pytest.raises(InvalidArgumentError, match="explicit padding is not supported with an input tensor of rank 5"):
        tf.nn.max_pool(tf.ones([1, 4, 4, 4, 1]), 2, 2, [[0, 0], [1, 1], [1, 1], [1, 1], [0, 0]])
    with pytest.raises(InvalidArgumentError, match="max_pool: input must be a tensor of rank 3, 4 or 5"):
        tf.nn.max_pool(tf.ones([1, 2, 3, 4, 5, 6]), 2, 2, "SAME")
    with pytest.raises(InvalidArgumentError, match="avg_pool1d: input must be a rank-3 tensor"):
        tf.nn.avg_pool1d(tf.ones([1, 4, 4, 1]), 2, 2, "SAME")


def test_max_pool_integers():
    x = (np.arange(2 * 5 * 4 * 2) * 7 % 11).reshape(2, 5, 4, 2).astype(np.int32) - 5
    want, _ = ref_pool(x.astype(np.float64), (2, 2), (2, 2), "SAME", "MAX")
    got = tf.nn.max_pool2d(x, 2, 2, "SAME")
    assert got.dtype == tf.int32
    np.testing.assert_array_equal(got.numpy(), want)
    assert tf.nn.max_pool1d(x[0], 3, 1, "SAME").dtype == tf.int32
    with pytest.raises(InvalidArgumentError, match="avg_pool2d: input must be a floating-point tensor"):
        tf.nn.avg_pool2d(x, 2, 2, "SAME")
    with pytest.raises(InvalidArgumentError, match="max_pool3d: input must be a floating-point tensor"):
        tf.nn.max_pool3d(x[:, None], 2, 2, "SAME")


def test_pool_generic():
    xp = tf.reshape(tf.range(30.0), [1, 5, 6, 1])
    got = tf.nn.pool(xp, [2, 2], "AVG", padding="VALID", dilations=[2, 3]).numpy().reshape(-1).tolist()
    assert got == [7.5, 8.5, 9.5, 13.5, 14.5, 15.5, 19.5, 20.5, 21.5]  # TF 2.21
    x3 = tf.reshape(tf.range(24.0) % 7, [1, 2, 3, 4, 1])
    got = tf.nn.pool(x3, [2, 2, 2], "MAX", [1, 1, 2], "SAME").numpy().reshape(-1).tolist()
    assert got == [6.0, 6.0, 6.0, 6.0, 6.0, 4.0, 6.0, 5.0, 6.0, 5.0, 6.0, 2.0]  # TF 2.21
    x = distinct((2, 9, 8, 2))
    for kind in ("MAX", "AVG"):
        for k, s, d, pad in [((3, 2), (1, 1), (2, 3), "VALID"), ((3, 3), (2, 2), None, "SAME"),
                             ((2, 3), (1, 2), None, "VALID")]:
            want, where = ref_pool(x, k, s, pad, kind, d)
            got = tf.nn.pool(x, list(k), kind, list(s), pad, dilations=d and list(d))
            np.testing.assert_allclose(got.numpy(), want, rtol=1e-12)
            if kind == "MAX":
                g = RNG.standard_normal(want.shape)
                def f(x, k=k, s=s, pad=pad, d=d, g=g):
                    return tf.reduce_sum(tf.nn.pool(x, list(k), "MAX", list(s), pad, dilations=d and list(d))
                                         * tf.constant(g))

                (gx,) = grads(f, x)
                np.testing.assert_allclose(gx, _route(where, g, x.shape), atol=1e-12)
    x1 = distinct((2, 9, 2))
    want, _ = ref_pool(x1, (3,), (1,), "VALID", "AVG", (3,))
    np.testing.assert_allclose(tf.nn.pool(x1, [3], "AVG", dilations=[3]).numpy(), want, rtol=1e-12)
    small = distinct((1, 6, 5, 2))
    check_grads(lambda x: sq(tf.nn.pool(x, [2, 2], "MAX", padding="VALID", dilations=[2, 2])), [small], order=2)
    check_grads(lambda x: sq(tf.nn.pool(x, [2, 2], "AVG", padding="VALID", dilations=[1, 2])), [small], order=2)


def test_pool_errors():
    x = tf.ones([1, 9, 8, 2])
    with pytest.raises(InvalidArgumentError, match="'SAME' padding is not implemented for dilations > 1"):
        tf.nn.pool(x, [2, 2], "MAX", padding="SAME", dilations=[2, 2])
    with pytest.raises(InvalidArgumentError, match="strides > 1 .* dilations > 1"):
        tf.nn.pool(x, [2, 2], "MAX", [2, 2], "VALID", dilations=[2, 2])
    with pytest.raises(InvalidArgumentError, match="2-D max pooling is not supported"):
        tf.nn.pool(x, [2, 2], "max")
    with pytest.raises(InvalidArgumentError, match="window_shape must be a list of 2 ints"):
        tf.nn.pool(x, [2], "MAX")
    with pytest.raises(InvalidArgumentError, match="larger than the input"):
        tf.nn.pool(x, [3, 3], "MAX", dilations=[5, 1])


# --- max_pool_with_argmax ------------------------------------------------------------------------------


def _argmax_input():
    x = np.array([[0.0, 3.0, 3.0], [3.0, 1.0, 2.0], [3.0, 0.0, 0.0]], np.float32).reshape(1, 3, 3, 1)
    x = np.concatenate([x, x * 2], 0)
    return np.concatenate([x, x + 1], -1)


def test_max_pool_with_argmax_matches_tf():
    x = _argmax_input()
    out, idx = tf.nn.max_pool_with_argmax(x, 2, 1, "VALID")
    assert idx.dtype == tf.int64 and out.dtype == tf.float32
    assert out.numpy()[..., 0].tolist() == [[[3, 3], [3, 2]], [[6, 6], [6, 4]]]
    assert idx.numpy()[..., 0].tolist() == [[[2, 2], [6, 10]], [[2, 2], [6, 10]]]
    _, idx = tf.nn.max_pool_with_argmax(x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID", include_batch_in_index=True,
                                        output_dtype=tf.int32)
    assert idx.dtype == tf.int32
    assert idx.numpy().tolist() == [[[[2, 3], [2, 3]], [[6, 7], [10, 11]]], [[[20, 21], [20, 21]], [[24, 25], [28, 29]]]]
    r = tf.nn.max_pool_with_argmax(x, 2, 2, "SAME")
    assert type(r).__name__ == "MaxPoolWithArgmax"
    assert r.output.numpy()[..., 0].tolist() == [[[3, 3], [3, 0]], [[6, 6], [6, 0]]]
    assert r.argmax.numpy().tolist() == [[[[2, 3], [4, 5]], [[12, 13], [16, 17]]]] * 2
    xn = -np.arange(1, 10, dtype=np.float32).reshape(1, 3, 3, 1)
    out, idx = tf.nn.max_pool_with_argmax(xn, 3, 2, "SAME")
    assert out.numpy().reshape(-1).tolist() == [-1, -2, -4, -5] and idx.numpy().reshape(-1).tolist() == [0, 1, 3, 4]
    # a window of -inf values points at its first real element, never at the padding
    out, idx = tf.nn.max_pool_with_argmax(np.full((1, 3, 3, 1), -np.inf, np.float32), 2, 2, "SAME")
    assert idx.numpy().reshape(-1).tolist() == [0, 2, 6, 8]
    out, idx = tf.nn.max_pool_with_argmax(np.arange(16, dtype=np.int32).reshape(1, 4, 4, 1) % 5, 2, 2, "VALID")
    assert out.dtype == tf.int32 and idx.numpy().reshape(-1).tolist() == [4, 3, 9, 14]


def test_max_pool_with_argmax_gradient_and_errors():
    x = _argmax_input()
    w = np.arange(16, dtype=np.float32).reshape(2, 2, 2, 2)
    (gx,) = grads(lambda x: tf.reduce_sum(tf.nn.max_pool_with_argmax(x, 2, 1, "VALID")[0] * w), x)
    assert gx[..., 0].tolist() == [[[0, 2, 0], [4, 0, 6], [0, 0, 0]], [[0, 18, 0], [12, 0, 14], [0, 0, 0]]]  # TF
    xt = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(xt)
        idx = tf.nn.max_pool_with_argmax(xt, 2, 1, "VALID")[1]
    assert t.gradient(idx, xt) is None
    with pytest.raises(InvalidArgumentError, match="other than 'NHWC' are not supported"):
        tf.nn.max_pool_with_argmax(x, 2, 2, "SAME", data_format="NCHW")
    with pytest.raises(InvalidArgumentError, match="output_dtype must be int32 or int64"):
        tf.nn.max_pool_with_argmax(x, 2, 2, "SAME", output_dtype=tf.float32)
    with pytest.raises(InvalidArgumentError, match="ksize .* batch and channel"):
        tf.nn.max_pool_with_argmax(x, [2, 2, 2, 2], 1, "VALID")
    with pytest.raises(InvalidArgumentError, match="rank-4"):
        tf.nn.max_pool_with_argmax(x[0], 2, 1, "VALID")


# --- dilation2d / erosion2d ---------------------------------------------------------------------------


@pytest.mark.parametrize("s,r,pad", [((1, 1), (1, 1), "SAME"), ((2, 1), (1, 2), "SAME"), ((2, 2), (2, 2), "SAME"),
                                     ((1, 3), (3, 1), "SAME"), ((1, 1), (1, 1), "VALID"), ((2, 2), (2, 2), "VALID")])
def test_dilation2d_matches_naive(s, r, pad):
    x = RNG.standard_normal((2, 5, 6, 2))
    w = RNG.standard_normal((2, 3, 2))
    got = tf.nn.dilation2d(x, w, [1, *s, 1], pad, "NHWC", [1, *r, 1])
    np.testing.assert_allclose(got.numpy(), ref_dilation2d(x, w, s, r, pad), rtol=1e-12)
    ero = tf.nn.erosion2d(x, w, [1, *s, 1], pad, "NHWC", [1, *r, 1])
    np.testing.assert_allclose(ero.numpy(), -ref_dilation2d(-x, w[::-1, ::-1], s, r, pad), rtol=1e-12)


def test_dilation2d_gradients_match_tf():
    x = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4], np.float32).reshape(1, 4, 5, 1)
    w = np.array([0, 1, 2, 0, 1, 1], np.float32).reshape(2, 3, 1)

    def weighted(y):
        return tf.reduce_sum(y * tf.reshape(1.0 + tf.range(tf.size(y), dtype=tf.float32), y.shape))

    y = tf.nn.dilation2d(x, w, [1, 1, 2, 1], "VALID", "NHWC", [1, 2, 1, 1])
    assert y.numpy().reshape(-1).tolist() == [10.0, 10.0, 9.0, 9.0]
    gx, gw = grads(lambda x, w: weighted(tf.nn.dilation2d(x, w, [1, 1, 2, 1], "VALID", "NHWC", [1, 2, 1, 1])), x, w)
    assert gx.reshape(-1).tolist() == [0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 4, 0]
    assert gw.reshape(-1).tolist() == [3, 0, 0, 0, 4, 3]
    y = tf.nn.erosion2d(x, w, [1, 2, 1, 1], "SAME", "NHWC", [1, 1, 2, 1])
    assert y.numpy().reshape(-1).tolist() == [2, 0, 2, 0, 2, 2, 1, 1, 0, 1]
    gx, gw = grads(lambda x, w: weighted(tf.nn.erosion2d(x, w, [1, 2, 1, 1], "SAME", "NHWC", [1, 1, 2, 1])), x, w)
    assert gx.reshape(-1).tolist() == [4, 6, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 14, 16, 10, 0, 0]
    assert gw.reshape(-1).tolist() == [0, -18, -27, 0, -3, -7]
    # ties: the first maximising tap in row-major order (TF's CPU kernel)
    xt = np.array([[0.0, 3.0, 3.0], [3.0, 1.0, 2.0], [3.0, 0.0, 0.0]], np.float32).reshape(1, 3, 3, 1)
    gx, gw = grads(lambda x, w: tf.reduce_sum(tf.nn.dilation2d(x, w, [1, 1, 1, 1], "VALID", "NHWC", [1, 1, 1, 1])
                                              * tf.reshape(tf.range(4.0), [1, 2, 2, 1])), xt, np.zeros((2, 2, 1), "f4"))
    assert gx.reshape(-1).tolist() == [0, 1, 0, 2, 0, 3, 0, 0, 0] and gw.reshape(-1).tolist() == [3, 3, 0, 0]


def test_dilation2d_windows_without_real_taps_match_tf():
    # SAME padding with a large rate can leave a window with no in-bounds tap: TF outputs the
    # dtype's lowest value and still routes the gradient to the first in-bounds position, tap 0
    x = np.array([[[[2.0]]]], np.float32)
    w = np.array([[[1.0], [5.0]], [[3.0], [4.0]]], np.float32)
    y = tf.nn.dilation2d(x, w, [1, 1, 1, 1], "SAME", "NHWC", [1, 2, 2, 1])
    assert y.numpy().reshape(-1).tolist() == [float(np.finfo(np.float32).min)]
    gx, gw = grads(lambda x, w: tf.nn.dilation2d(x, w, [1, 1, 1, 1], "SAME", "NHWC", [1, 2, 2, 1]), x, w)
    assert gx.reshape(-1).tolist() == [1.0] and gw.reshape(-1).tolist() == [1.0, 0.0, 0.0, 0.0]
    x2 = np.array([1.0, 2.0], np.float32).reshape(1, 2, 1, 1)
    w2 = np.arange(6, dtype=np.float32).reshape(3, 2, 1)
    with np.errstate(over="ignore"):  # lowest * 10 overflows to -inf, as in TF
        gx, gw = grads(lambda x, w: tf.reduce_sum(tf.nn.dilation2d(x, w, [1, 1, 1, 1], "SAME", "NHWC", [1, 3, 2, 1])
                                                  * tf.constant([[[[1.0]], [[10.0]]]])), x2, w2)
    assert gx.reshape(-1).tolist() == [11.0, 0.0] and gw.reshape(-1).tolist() == [11.0, 0, 0, 0, 0, 0]


def test_dilation2d_integers_gradcheck_and_errors():
    x = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4], np.int32).reshape(1, 4, 5, 1)
    w = np.array([0, 1, 2, 0, 1, 1], np.int32).reshape(2, 3, 1)
    y = tf.nn.dilation2d(x, w, [1, 1, 1, 1], "SAME", "NHWC", [1, 1, 1, 1])
    assert y.dtype == tf.int32
    assert y.numpy().reshape(-1).tolist() == [10, 9, 7, 7, 6, 10, 10, 10, 10, 10, 10, 11, 10, 11, 10, 4, 5, 10, 9, 8]
    xs, ws = distinct((2, 5, 4, 2)), distinct((2, 2, 2), 0.37)
    check_grads(lambda x, w: sq(tf.nn.dilation2d(x, w, [1, 2, 1, 1], "SAME", "NHWC", [1, 1, 2, 1])), [xs, ws], order=2)
    check_grads(lambda x, w: sq(tf.nn.erosion2d(x, w, [1, 1, 1, 1], "VALID", "NHWC", [1, 2, 1, 1])), [xs, ws], order=2)
    xf = tf.ones([1, 4, 4, 2])
    with pytest.raises(InvalidArgumentError, match="other than 'NHWC' are not supported"):
        tf.nn.dilation2d(xf, tf.ones([2, 2, 2]), [1, 1, 1, 1], "SAME", "NCHW", [1, 1, 1, 1])
    with pytest.raises(InvalidArgumentError, match="filters must be a rank-3"):
        tf.nn.dilation2d(xf, tf.ones([2, 2, 2, 1]), [1, 1, 1, 1], "SAME", "NHWC", [1, 1, 1, 1])
    with pytest.raises(InvalidArgumentError, match="erosion2d: input and filters must have the same depth"):
        tf.nn.erosion2d(xf, tf.ones([2, 2, 1]), [1, 1, 1, 1], "SAME", "NHWC", [1, 1, 1, 1])
    with pytest.raises(InvalidArgumentError, match="strides .* batch and channel"):
        tf.nn.dilation2d(xf, tf.ones([2, 2, 2]), [2, 1, 1, 1], "SAME", "NHWC", [1, 1, 1, 1])
