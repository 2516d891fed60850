"""tf.nn: activations, softmax, cross-entropies, bias_add, dropout, moments."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError

RNG = np.random.default_rng(0)
X = RNG.standard_normal((4, 5)) * 3


def _sig(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _phi(x):
    return 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def _grad(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    return y, t.gradient(y, x)


SELU_A, SELU_S = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946

ACTIVATIONS = [
    ("relu", lambda x: tf.nn.relu(x), lambda x: np.maximum(x, 0)),
    ("relu6", lambda x: tf.nn.relu6(x), lambda x: np.clip(x, 0, 6)),
    ("leaky_relu", lambda x: tf.nn.leaky_relu(x), lambda x: np.where(x > 0, x, 0.2 * x)),
    ("leaky_relu_a", lambda x: tf.nn.leaky_relu(x, alpha=0.05), lambda x: np.where(x > 0, x, 0.05 * x)),
    ("elu", lambda x: tf.nn.elu(x), lambda x: np.where(x > 0, x, np.expm1(x))),
    ("elu_alpha", lambda x: tf.nn.elu(x, alpha=0.5), lambda x: np.where(x > 0, x, 0.5 * np.expm1(x))),
    ("selu", lambda x: tf.nn.selu(x), lambda x: SELU_S * np.where(x > 0, x, SELU_A * np.expm1(x))),
    ("gelu", lambda x: tf.nn.gelu(x), lambda x: x * _phi(x)),
    ("gelu_tanh", lambda x: tf.nn.gelu(x, approximate=True),
     lambda x: 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))),
    ("softplus", lambda x: tf.nn.softplus(x), lambda x: np.log1p(np.exp(x))),
    ("softsign", lambda x: tf.nn.softsign(x), lambda x: x / (1 + np.abs(x))),
    ("silu", lambda x: tf.nn.silu(x), lambda x: x * _sig(x)),
    ("swish_beta", lambda x: tf.nn.swish(x, beta=2.0), lambda x: x * _sig(2 * x)),
    ("sigmoid", lambda x: tf.nn.sigmoid(x), _sig),
    ("tanh", lambda x: tf.nn.tanh(x), np.tanh),
]


@pytest.mark.parametrize("name,f,ref", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_values_and_gradients(name, f, ref):
    x32 = X.astype(np.float32)
    y = f(tf.constant(x32))
    assert y.dtype == tf.float32 and y.shape == x32.shape
    np.testing.assert_allclose(y.numpy(), ref(X), rtol=2e-5, atol=2e-6)
    # gradient against a central difference of the NumPy reference (float64)
    _, g = _grad(lambda t: tf.reduce_sum(f(t)), X)
    eps = 1e-6
    np.testing.assert_allclose(g.numpy(), (ref(X + eps) - ref(X - eps)) / (2 * eps), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name,f,ref", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_second_order(name, f, ref):
    x = RNG.uniform(0.3, 1.5, (6,)) * RNG.choice([-1.0, 1.0], (6,))  # away from kinks
    check_grads(f, [x], order=2)


def test_gelu_third_derivative_matches_formula():
    x = tf.constant(np.array([-1.3, 0.2, 2.1]))
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = tf.nn.gelu(x)
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t3.gradient(d2, x).numpy()
    xv = x.numpy()
    pdf = np.exp(-xv ** 2 / 2) / math.sqrt(2 * math.pi)
    np.testing.assert_allclose(d2.numpy(), pdf * (2 - xv ** 2), rtol=1e-10)
    np.testing.assert_allclose(d3, pdf * (xv ** 3 - 4 * xv), rtol=1e-10)


def test_relu_gradient_at_zero_is_zero_and_relu6_edges():
    _, g = _grad(lambda t: tf.reduce_sum(tf.nn.relu(t)), np.array([-1.0, 0.0, 2.0]))
    assert g.numpy().tolist() == [0.0, 0.0, 1.0]
    _, g = _grad(lambda t: tf.reduce_sum(tf.nn.relu6(t)), np.array([-1.0, 0.0, 3.0, 6.0, 7.0]))
    assert g.numpy().tolist() == [0.0, 0.0, 1.0, 0.0, 0.0]
    _, g = _grad(lambda t: tf.reduce_sum(tf.nn.leaky_relu(t, alpha=0.1)), np.array([-1.0, 0.0, 2.0]))
    np.testing.assert_allclose(g.numpy(), [0.1, 0.1, 1.0])


def test_piecewise_linear_second_derivative_is_zeros_not_none():
    x = tf.constant(np.array([-1.0, 0.5, 7.0]))
    for f in (tf.nn.relu, tf.nn.relu6, tf.nn.leaky_relu):
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = tf.reduce_sum(f(x) * tf.constant([1.0, 2.0, 3.0], tf.float64))
            g = t1.gradient(y, x)
        h = t2.gradient(g, x)
        assert h is not None and h.numpy().tolist() == [0.0, 0.0, 0.0]


def test_relu_on_int_tensors():
    x = tf.constant([-3, 0, 5])
    y = tf.nn.relu(x)
    assert y.dtype == tf.int32 and y.numpy().tolist() == [0, 0, 5]
    assert tf.nn.relu6(tf.constant([-1, 3, 9])).numpy().tolist() == [0, 3, 6]
    with tf.GradientTape() as t:
        t.watch(x)
        z = tf.nn.relu(x)
    g = t.gradient(z, x)  # tapeflow differentiates watched ints as float32
    assert g.numpy().tolist() == [0.0, 0.0, 1.0]
    assert tf.nn.leaky_relu(tf.constant([-10, 10])).dtype == tf.float32


def test_float_only_activations_reject_ints():
    for f in (tf.nn.elu, tf.nn.softplus, tf.nn.gelu, tf.nn.softmax, tf.nn.silu):
        with pytest.raises(InvalidArgumentError, match="int32"):
            f(tf.constant([1, 2]))


def test_stability_at_1000():
    big = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0]], np.float32)
    for f in (tf.nn.softmax, tf.nn.log_softmax, tf.nn.softplus, tf.nn.sigmoid, tf.nn.elu, tf.nn.selu,
              tf.nn.gelu, tf.nn.silu, tf.nn.softsign):
        y, g = _grad(lambda t, f=f: tf.reduce_sum(f(t) * tf.constant([[1.0, 2.0, 3.0]], tf.float32)), big)
        assert np.all(np.isfinite(y.numpy())) and np.all(np.isfinite(g.numpy())), f.__name__
    sm = tf.nn.softmax(tf.constant(big)).numpy()
    np.testing.assert_allclose(sm, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]], atol=1e-7)
    ls = tf.nn.log_softmax(tf.constant(big)).numpy()
    np.testing.assert_allclose(ls[0], [0.0, -2000.0, -1000.0])
    np.testing.assert_allclose(tf.nn.softplus(tf.constant([1000.0, -1000.0])).numpy(), [1000.0, 0.0])


def test_softmax_axis_and_log_softmax_consistency():
    x = RNG.standard_normal((2, 3, 4))
    for axis in (0, 1, -1):
        e = np.exp(x - x.max(axis, keepdims=True))
        ref = e / e.sum(axis, keepdims=True)
        np.testing.assert_allclose(tf.nn.softmax(tf.constant(x), axis=axis).numpy(), ref, rtol=1e-12)
        np.testing.assert_allclose(tf.nn.log_softmax(tf.constant(x), axis=axis).numpy(), np.log(ref), rtol=1e-12)
    with pytest.raises(InvalidArgumentError, match="axis 3"):
        tf.nn.softmax(tf.constant(x), axis=3)


def test_softmax_jacobian():
    x = tf.constant(np.array([0.5, -1.0, 2.0]))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.softmax(x)
    jac = t.jacobian(y, x).numpy()
    p = y.numpy()
    np.testing.assert_allclose(jac, np.diag(p) - np.outer(p, p), rtol=1e-12, atol=1e-15)


# --- cross-entropies ----------------------------------------------------------------------------


def _np_softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def test_sparse_softmax_xent_values_and_gradient():
    logits = RNG.standard_normal((5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    y, g = _grad(lambda t: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(labels), logits=t),
                 logits)
    p = _np_softmax(logits)
    np.testing.assert_allclose(y.numpy(), -np.log(p[np.arange(5), labels]), rtol=1e-12)
    np.testing.assert_allclose(g.numpy(), p - np.eye(4)[labels], rtol=1e-12, atol=1e-15)
    # float labels holding integers (as Keras passes them), int64 labels, float32 logits
    y2 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels.astype(np.float32), logits.astype(np.float32))
    assert y2.dtype == tf.float32 and y2.shape == (5,)
    np.testing.assert_allclose(y2.numpy(), y.numpy(), rtol=1e-5)
    y3 = tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant(labels.astype(np.int64)), tf.constant(logits))
    np.testing.assert_allclose(y3.numpy(), y.numpy())


def test_sparse_softmax_xent_hessian():
    logits = tf.constant(np.array([[0.3, -1.2, 2.0]]))
    with tf.GradientTape() as t2:
        t2.watch(logits)
        with tf.GradientTape() as t1:
            t1.watch(logits)
            loss = tf.nn.sparse_softmax_cross_entropy_with_logits([2], logits)
        g = t1.gradient(loss, logits)
    h = t2.jacobian(g, logits).numpy().reshape(3, 3)
    p = _np_softmax(logits.numpy())[0]
    np.testing.assert_allclose(h, np.diag(p) - np.outer(p, p), rtol=1e-12, atol=1e-15)


def test_sparse_softmax_xent_stable_and_errors():
    big = tf.constant([[1000.0, -1000.0], [-1000.0, 1000.0]])
    y, g = _grad(lambda t: tf.nn.sparse_softmax_cross_entropy_with_logits([1, 1], t), big.numpy())
    np.testing.assert_allclose(y.numpy(), [2000.0, 0.0])
    np.testing.assert_allclose(g.numpy(), [[1.0, -1.0], [0.0, 0.0]])
    with pytest.raises(InvalidArgumentError, match=r"sparse_softmax_cross_entropy_with_logits.*label value of 4.*\[0, 3\)"):
        tf.nn.sparse_softmax_cross_entropy_with_logits([0, 4], np.zeros((2, 3)))
    with pytest.raises(InvalidArgumentError, match="label value of -1"):
        tf.nn.sparse_softmax_cross_entropy_with_logits([-1, 0], np.zeros((2, 3)))
    with pytest.raises(InvalidArgumentError, match="integer class ids"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(np.array([0.5, 1.0]), np.zeros((2, 3)))
    with pytest.raises(InvalidArgumentError, match=r"\(3,\).*\(2, 3\)"):
        tf.nn.sparse_softmax_cross_entropy_with_logits([0, 1, 2], np.zeros((2, 3)))


def test_softmax_xent_values_and_gradients():
    logits = RNG.standard_normal((3, 4))
    labels = _np_softmax(RNG.standard_normal((3, 4)))
    lt, xt = tf.constant(labels), tf.constant(logits)
    with tf.GradientTape() as t:
        t.watch([lt, xt])
        y = tf.nn.softmax_cross_entropy_with_logits(labels=lt, logits=xt)
    gz, gx = t.gradient(y, [lt, xt])
    logp = np.log(_np_softmax(logits))
    np.testing.assert_allclose(y.numpy(), -(labels * logp).sum(-1), rtol=1e-12)
    np.testing.assert_allclose(gx.numpy(), _np_softmax(logits) - labels, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(gz.numpy(), -logp, rtol=1e-12)
    # axis=0 and stability
    y0 = tf.nn.softmax_cross_entropy_with_logits(labels.T, logits.T, axis=0)
    np.testing.assert_allclose(y0.numpy(), y.numpy(), rtol=1e-12)
    yb = tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0]], [[1000.0, -1000.0]])
    np.testing.assert_allclose(yb.numpy(), [2000.0])
    with pytest.raises(InvalidArgumentError, match="labels"):
        tf.nn.softmax_cross_entropy_with_logits(np.zeros((3, 5)), logits)


def test_sigmoid_xent():
    x = np.array([-1000.0, -2.0, 0.0, 3.0, 1000.0])
    z = np.array([1.0, 0.0, 0.5, 1.0, 0.0])
    xt, zt = tf.constant(x), tf.constant(z)
    with tf.GradientTape() as t:
        t.watch([xt, zt])
        y = tf.nn.sigmoid_cross_entropy_with_logits(labels=zt, logits=xt)
    gx, gz = t.gradient(y, [xt, zt])
    ref = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
    np.testing.assert_allclose(y.numpy(), ref, rtol=1e-12)
    xs, zs = x[1:4], z[1:4]
    np.testing.assert_allclose(y.numpy()[1:4], -zs * np.log(_sig(xs)) - (1 - zs) * np.log(1 - _sig(xs)))
    np.testing.assert_allclose(gx.numpy(), _sig(x) - z, atol=1e-15)
    np.testing.assert_allclose(gz.numpy(), -x)
    with pytest.raises(ValueError, match="same shape"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=np.zeros(3), logits=np.zeros(4))


def test_weighted_xent_matches_formula():
    x, z = RNG.standard_normal(6), RNG.uniform(0, 1, 6)
    y = tf.nn.weighted_cross_entropy_with_logits(z, x, 3.0).numpy()
    np.testing.assert_allclose(y, -3.0 * z * np.log(_sig(x)) - (1 - z) * np.log(1 - _sig(x)), rtol=1e-10)
    check_grads(lambda a, b: tf.nn.weighted_cross_entropy_with_logits(a, b, tf.constant(2.0, tf.float64)), [z, x])


# --- bias_add, l2_loss, moments, normalisation --------------------------------------------------


def test_bias_add_and_its_gradient():
    x = RNG.standard_normal((2, 3, 4))
    b = RNG.standard_normal(4)
    xt, bt = tf.constant(x), tf.constant(b)
    with tf.GradientTape() as t:
        t.watch([xt, bt])
        y = tf.nn.bias_add(xt, bt)
        loss = tf.reduce_sum(y * tf.constant(x))
    gx, gb = t.gradient(loss, [xt, bt])
    np.testing.assert_allclose(y.numpy(), x + b)
    np.testing.assert_allclose(gx.numpy(), x)
    np.testing.assert_allclose(gb.numpy(), x.sum((0, 1)))
    nchw = tf.nn.bias_add(tf.constant(np.zeros((2, 3, 2, 2))), tf.constant([1.0, 2.0, 3.0], tf.float64),
                          data_format="NCHW")
    np.testing.assert_allclose(nchw.numpy()[1, :, 1, 0], [1.0, 2.0, 3.0])


def test_bias_add_errors():
    with pytest.raises(InvalidArgumentError, match=r"bias_add.*3 values.*4 channels.*\(2, 4\)"):
        tf.nn.bias_add(np.zeros((2, 4), np.float32), np.zeros(3, np.float32))
    with pytest.raises(ValueError, match="1-D"):
        tf.nn.bias_add(np.zeros((2, 4), np.float32), np.zeros((1, 4), np.float32))
    with pytest.raises(InvalidArgumentError, match="dtype"):
        tf.nn.bias_add(np.zeros((2, 4), np.float32), np.zeros(4, np.float64))


def test_l2_loss():
    x = RNG.standard_normal((3, 2))
    y, g = _grad(tf.nn.l2_loss, x)
    np.testing.assert_allclose(float(y), (x ** 2).sum() / 2)
    np.testing.assert_allclose(g.numpy(), x)
    assert tf.nn.l2_loss(tf.constant([1.0, 2.0])).dtype == tf.float32


def test_moments():
    x = RNG.standard_normal((3, 4, 5))
    m, v = tf.nn.moments(tf.constant(x), axes=[0, 2])
    np.testing.assert_allclose(m.numpy(), x.mean((0, 2)))
    np.testing.assert_allclose(v.numpy(), x.var((0, 2)))
    mk, vk = tf.nn.moments(tf.constant(x), axes=[1], keepdims=True)
    assert mk.shape == (3, 1, 5) and vk.shape == (3, 1, 5)
    _, g = _grad(lambda t: tf.nn.moments(t, axes=[0])[1], x[:, 0, 0])
    xv = x[:, 0, 0]
    np.testing.assert_allclose(g.numpy(), 2 * (xv - xv.mean()) / 3)
    # second order is exact (no stop_gradient shortcut): d2 var / dx2 = 2/n (I - 1/n)
    check_grads(lambda t: tf.nn.moments(t, axes=[1])[1], [x[:, :, 0]])
    check_grads(lambda t: tf.nn.moments(t, axes=[0, 1])[0], [x[:, :, 0]])
    m16, v16 = tf.nn.moments(tf.constant(x.astype(np.float16)), axes=[0])
    assert m16.dtype == tf.float16 and v16.dtype == tf.float16


def test_l2_normalize_and_batch_normalization():
    x = RNG.standard_normal((3, 4))
    y = tf.nn.l2_normalize(tf.constant(x), axis=1).numpy()
    np.testing.assert_allclose(y, x / np.linalg.norm(x, axis=1, keepdims=True))
    assert np.all(tf.nn.l2_normalize(tf.constant(np.zeros(3))).numpy() == 0)
    check_grads(lambda t: tf.nn.l2_normalize(t, axis=0), [x])
    mean, var = x.mean(0), x.var(0)
    off, sc = RNG.standard_normal(4), RNG.uniform(0.5, 2, 4)
    bn = tf.nn.batch_normalization(tf.constant(x), mean, var, off, sc, 1e-3).numpy()
    np.testing.assert_allclose(bn, (x - mean) / np.sqrt(var + 1e-3) * sc + off)
    check_grads(lambda a, v: tf.nn.batch_normalization(a, tf.constant(mean), v, None, None, 1e-3),
                [x, var])


def test_compute_average_loss():
    assert float(tf.nn.compute_average_loss(tf.constant([1.0, 2.0, 6.0]))) == 3.0
    assert float(tf.nn.compute_average_loss([1.0, 3.0], sample_weight=[2.0, 0.0], global_batch_size=4)) == 0.5
    assert float(tf.nn.scale_regularization_loss([1.0, 2.0])) == 3.0
    assert tf.nn.crelu(tf.constant([[-1.0, 2.0]])).numpy().tolist() == [[0.0, 2.0, 1.0, 0.0]]


# --- dropout ------------------------------------------------------------------------------------


def test_dropout_statistics_scaling_and_gradient():
    tf.random.set_seed(123)
    x = tf.constant(np.full((200, 500), 3.0, np.float32))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.dropout(x, rate=0.3)
    g = t.gradient(y, x).numpy()
    yv = y.numpy()
    assert set(np.unique(yv).tolist()) == {0.0, np.float32(3.0 / 0.7)}
    assert abs((yv == 0).mean() - 0.3) < 0.01
    assert abs(yv.mean() - 3.0) < 0.05
    np.testing.assert_allclose(g, (yv != 0) / np.float32(0.7), rtol=1e-6)
    assert tf.nn.dropout(x, rate=0.0) is x


def test_dropout_reproducible_under_set_seed_and_noise_shape():
    x = tf.constant(np.ones((8, 6), np.float32))
    tf.random.set_seed(5)
    a1, b1 = tf.nn.dropout(x, 0.5).numpy(), tf.nn.dropout(x, 0.5, seed=3).numpy()
    tf.random.set_seed(5)
    a2, b2 = tf.nn.dropout(x, 0.5).numpy(), tf.nn.dropout(x, 0.5, seed=3).numpy()
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)
    assert not np.array_equal(a1, tf.nn.dropout(x, 0.5).numpy())
    c = tf.nn.dropout(x, 0.5, noise_shape=[8, 1]).numpy()
    assert all(len(set(row.tolist())) == 1 for row in c)  # one decision per row
    c2 = tf.nn.dropout(x, 0.5, noise_shape=[None, 1]).numpy()
    assert all(len(set(row.tolist())) == 1 for row in c2)


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5, "a"])
def test_dropout_bad_rate(rate):
    with pytest.raises(ValueError, match="rate"):
        tf.nn.dropout(tf.constant([1.0, 2.0]), rate=rate)


def test_dropout_errors():
    with pytest.raises(ValueError, match="floating point"):
        tf.nn.dropout(tf.constant([1, 2]), rate=0.5)
    with pytest.raises(ValueError, match="noise_shape"):
        tf.nn.dropout(tf.constant(np.ones((2, 3))), rate=0.5, noise_shape=[2, 2])


def test_public_names():
    for n in ("relu", "softmax", "log_softmax", "sparse_softmax_cross_entropy_with_logits", "bias_add", "dropout",
              "moments", "gelu", "swish", "silu", "l2_loss", "sigmoid_cross_entropy_with_logits"):
        assert callable(getattr(tf.nn, n))
