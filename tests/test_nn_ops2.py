"""The further tf.nn ops: log_poisson_loss, sufficient statistics and moments, local response
normalization, zero_fraction, batch_norm_with_global_normalization, isotonic_regression.
Values are the ones TensorFlow 2.21 prints; gradients against TF and central differences."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import errors

NAN = float("nan")
RNG = np.random.default_rng(11)
X23 = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


def close(got, want, rtol=1e-6, atol=0.0):
    np.testing.assert_allclose(np.asarray(got, np.float64), np.asarray(want, np.float64), rtol=rtol, atol=atol,
                               equal_nan=True)


def values(ts):
    return [None if t is None else t.numpy().tolist() for t in ts]


# --- log_poisson_loss ----------------------------------------------------------------------------------


def test_log_poisson_loss_as_tf():
    z = tf.constant([0.0, 0.5, 1.0, 2.0, 5.0])
    c = tf.constant([0.1, -1.0, 0.0, 2.0, 1.0])
    close(tf.nn.log_poisson_loss(z, c).numpy(),
          [1.1051709651947021, 0.8678794503211975, 1.0, 3.3890562057495117, -2.2817182540893555])
    close(tf.nn.log_poisson_loss(z, c, compute_full_loss=True).numpy(),
          [1.1051709651947021, 0.8678794503211975, 1.0, 4.040862560272217, 2.489129066467285])
    assert np.isnan(tf.nn.log_poisson_loss(tf.constant([-1.0]), tf.constant([0.1]), compute_full_loss=True).numpy()[0])
    close(tf.nn.log_poisson_loss([1.0, 2.0], [0.1, 0.2]).numpy(), [1.005171, 0.8214028])
    with pytest.raises(ValueError, match=r"must have the same shape, received \(\(3,\) vs \(2,\)\)"):
        tf.nn.log_poisson_loss(tf.constant([0.0, 0.5]), tf.constant([0.1, -1.0, 0.0]))
    with pytest.raises(ValueError, match=r"received \(\(3,\) vs \(\)\)"):
        tf.nn.log_poisson_loss(tf.constant(1.0), tf.constant([0.1, -1.0, 0.0]))
    with pytest.raises(errors.InvalidArgumentError):
        tf.nn.log_poisson_loss(tf.constant([1.0], tf.float64), tf.constant([0.1]))


def test_log_poisson_loss_gradients():
    targets = np.array([0.0, 0.5, 1.0, 2.0, 5.0])
    check_grads(lambda c: tf.nn.log_poisson_loss(tf.constant(targets), c, compute_full_loss=True),
                [RNG.standard_normal(5)])
    check_grads(lambda z, c: tf.nn.log_poisson_loss(z, c, compute_full_loss=True),
                [RNG.uniform(1.5, 4.0, (2, 3)), RNG.standard_normal((2, 3))])
    z = tf.constant(np.array([0.0, 0.5, 3.0]))
    with tf.GradientTape() as t:
        t.watch(z)
        loss = tf.reduce_sum(tf.nn.log_poisson_loss(z, tf.constant(np.array([0.2, 0.2, 0.2])), compute_full_loss=True))
    g = t.gradient(loss, z).numpy()
    assert np.isfinite(g).all() and g[0] == -0.2  # the Stirling branch is not taken at z in [0, 1]


# --- sufficient statistics / moments -------------------------------------------------------------------


def test_sufficient_statistics_as_tf():
    x = tf.constant(X23)
    assert values(tf.nn.sufficient_statistics(x, [0])) == [2.0, [5.0, 7.0, 9.0], [17.0, 29.0, 45.0], None]
    out = tf.nn.sufficient_statistics(x, [0, 1], shift=2.0, keepdims=True)
    assert values(out) == [6.0, [[9.0]], [[31.0]], 2.0] and out[3].dtype == tf.float32
    out = tf.nn.sufficient_statistics(tf.constant([[1, 2, 3], [4, 5, 6]]), [1])
    assert values(out) == [3, [6, 15], [14, 77], None] and out[0].dtype == tf.int32
    assert values(tf.nn.sufficient_statistics(x, [-1]))[:3] == [3.0, [6.0, 15.0], [14.0, 77.0]]
    assert values(tf.nn.sufficient_statistics(x, [0], shift=tf.constant([1.0, 2.0, 3.0])))[:3] == [
        2.0, [3.0, 3.0, 3.0], [9.0, 9.0, 9.0]]
    with pytest.raises(errors.InvalidArgumentError, match="duplicate dimension: 1"):
        tf.nn.sufficient_statistics(x, [1, 1, -1])
    with pytest.raises(errors.InvalidArgumentError):
        tf.nn.sufficient_statistics(x, [0], shift=tf.constant(1.0, tf.float64))


def test_normalize_moments_as_tf():
    m, v = tf.nn.normalize_moments(tf.constant(2.0), tf.constant([5.0, 7.0]), tf.constant([17.0, 29.0]), None)
    assert m.numpy().tolist() == [2.5, 3.5] and v.numpy().tolist() == [2.25, 2.25]
    m, v = tf.nn.normalize_moments(2.0, [5.0, 7.0], [17.0, 29.0], tf.constant(1.0))
    assert m.numpy().tolist() == [3.5, 4.5] and v.numpy().tolist() == [2.25, 2.25]
    with pytest.raises(errors.NotFoundError):
        tf.nn.normalize_moments(2, [5.0, 7.0], [17.0, 29.0], None)


def test_moments_pipeline_gradients():
    def f(x):
        n, s, ss, shift = tf.nn.sufficient_statistics(x, [0], shift=tf.constant(np.array(0.3)))
        return tf.nn.normalize_moments(n, s, ss, shift)

    x = RNG.standard_normal((4, 3))
    m, v = f(tf.constant(x))
    close(m.numpy(), x.mean(0), rtol=1e-12)
    close(v.numpy(), x.var(0), rtol=1e-12)
    check_grads(f, [x])


def test_weighted_moments_as_tf():
    x = tf.constant(X23)
    m, v = tf.nn.weighted_moments(x, [1], tf.constant([[1.0], [2.0]]))
    close(m.numpy(), [2.0, 5.0])
    close(v.numpy(), [0.6666667, 0.6666667])
    m, v = tf.nn.weighted_moments(x, [0, 1], tf.constant([1.0, 0.0, 2.0]), keepdims=True)
    assert m.shape == (1, 1)
    close(m.numpy(), [[3.8333333]])
    close(v.numpy(), [[3.1388886]])
    m, v = tf.nn.weighted_moments(x, [1], tf.constant([1, 0, 2]))
    close(m.numpy(), [2.3333333, 5.3333335])
    close(v.numpy(), [0.88888884, 0.88888884])
    m, v = tf.nn.weighted_moments(x, [1], tf.constant([0.0, 0.0, 0.0]))
    assert m.numpy().tolist() == [0.0, 0.0] and v.numpy().tolist() == [0.0, 0.0]
    m, v = tf.nn.weighted_moments(tf.constant([[1.0, 2.0]], tf.float16), [1], tf.constant([1.0, 1.0]))
    assert m.dtype == tf.float16 and m.numpy().tolist() == [1.5] and v.numpy().tolist() == [0.25]
    m, _ = tf.nn.weighted_moments(x, 1, tf.constant([1.0, 1.0, 1.0]))
    assert m.numpy().tolist() == [2.0, 5.0]
    with pytest.raises(errors.InvalidArgumentError):
        tf.nn.weighted_moments(tf.constant([[1, 2]]), [1], tf.constant([1, 1]))
    check_grads(lambda a, w: tf.nn.weighted_moments(a, [0], w), [RNG.standard_normal((4, 2)),
                                                                 RNG.uniform(0.5, 2, (4, 1))])


def test_batch_norm_with_global_normalization_as_tf():
    args = [tf.constant(X23), tf.constant([1.0, 2.0, 3.0]), tf.constant([4.0, 1.0, 0.25]), tf.constant([0.5, 0.5, 0.5]),
            tf.constant([2.0, 2.0, 2.0]), 0.001]
    close(tf.nn.batch_norm_with_global_normalization(*args, True).numpy(),
          [[0.5, 0.5, 0.5], [3.4996252059936523, 6.497002124786377, 12.476072311401367]])
    close(tf.nn.batch_norm_with_global_normalization(*args, False).numpy(),
          [[0.5, 0.5, 0.5], [1.9998126029968262, 3.4985010623931885, 6.488036155700684]])
    args[3] = args[4] = None
    close(tf.nn.batch_norm_with_global_normalization(*args, False).numpy(),
          [[0.0, 0.0, 0.0], [1.4998126029968262, 2.9985010623931885, 5.988036155700684]])


# --- local response normalization ----------------------------------------------------------------------

LRN_X = np.arange(24, dtype=np.float32).reshape(1, 2, 3, 4) / 10


def test_lrn_as_tf():
    assert tf.nn.lrn is tf.nn.local_response_normalization
    got = tf.nn.lrn(LRN_X, depth_radius=1, bias=2.0, alpha=0.5, beta=0.75)
    assert got.dtype == tf.float32 and got.shape == (1, 2, 3, 4)
    close(got.numpy().ravel(), [
        0.0, 0.058908939361572266, 0.11589167267084122, 0.17415310442447662, 0.22105662524700165,
        0.2605275809764862, 0.29733508825302124, 0.36021700501441956, 0.3771943151950836, 0.37397727370262146,
        0.3899596333503723, 0.47026917338371277, 0.46252647042274475, 0.4176311790943146, 0.4218656122684479,
        0.5201234221458435, 0.4992506504058838, 0.42523130774497986, 0.4241846799850464, 0.5345075726509094,
        0.508713960647583, 0.4172534644603729, 0.4141072630882263, 0.5307545065879822], rtol=3e-7)
    close(tf.nn.local_response_normalization(LRN_X).numpy().ravel()[:6],
          [0.0, 0.09365858137607574, 0.1873171627521515, 0.2809757590293884, 0.26607605814933777, 0.3325950503349304],
          rtol=3e-7)
    close(tf.nn.lrn(LRN_X, depth_radius=10).numpy().ravel()[:4],
          [0.0, 0.09365858137607574, 0.1873171627521515, 0.2809757590293884], rtol=3e-7)
    assert tf.nn.lrn(LRN_X.astype(np.float16)).dtype == tf.float16


def test_lrn_errors():
    with pytest.raises(errors.InvalidArgumentError, match="4-dimensional"):
        tf.nn.lrn(LRN_X[0])
    with pytest.raises(errors.InvalidArgumentError, match="float16 or float32"):
        tf.nn.lrn(tf.constant(np.ones((1, 1, 1, 2))))
    with pytest.raises(errors.InvalidArgumentError):
        tf.nn.lrn(tf.constant([[[[1, 2]]]]))
    with pytest.raises(errors.InvalidArgumentError, match="depth_radius"):
        tf.nn.lrn(LRN_X, depth_radius=-1)
    with pytest.raises(TypeError, match="depth_radius"):
        tf.nn.lrn(LRN_X, depth_radius=1.5)


def test_lrn_gradients():
    x = tf.constant(np.ones((1, 1, 1, 3), np.float32))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.lrn(x, 1)
    close(t.gradient(y, x).numpy().ravel(), [0.25990015, -0.0099001825, 0.25990015], rtol=1e-5)  # TF's values

    # second order (TF's LRNGrad has none): the Hessian-vector product against differences of the
    # first derivative, in float32 with a wide step
    x0 = RNG.standard_normal((1, 2, 1, 5)).astype(np.float32)
    w = tf.constant(RNG.standard_normal((1, 2, 1, 5)).astype(np.float32))
    d = RNG.standard_normal(x0.shape).astype(np.float32)

    def first(v):
        v = tf.constant(v)
        with tf.GradientTape() as t1:
            t1.watch(v)
            loss = tf.reduce_sum(tf.nn.lrn(v, 2, bias=1.5, alpha=0.3, beta=0.6) * w)
        return t1.gradient(loss, v)

    v = tf.constant(x0)
    with tf.GradientTape() as t2:
        t2.watch(v)
        with tf.GradientTape() as t1:
            t1.watch(v)
            loss = tf.reduce_sum(tf.nn.lrn(v, 2, bias=1.5, alpha=0.3, beta=0.6) * w)
        g = t1.gradient(loss, v)
        gd = tf.reduce_sum(g * tf.constant(d))
    hvp = t2.gradient(gd, v).numpy()
    eps = 1e-2
    num = (first(x0 + eps * d).numpy() - first(x0 - eps * d).numpy()) / (2 * eps)
    close(hvp, num, rtol=2e-2, atol=2e-3)


# --- zero_fraction -----------------------------------------------------------------------------------


def test_zero_fraction_as_tf():
    y = tf.nn.zero_fraction(tf.constant([[0, 1, 0], [1, 1, 0]]))
    assert repr(y) == "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>"
    assert tf.math.zero_fraction(tf.constant([0.0, 1.0, -0.0])).numpy().tolist() == 0.6666666865348816
    assert np.isnan(tf.math.zero_fraction(tf.constant([], tf.float32)).numpy())
    assert tf.math.zero_fraction(tf.constant([True, False])).numpy().tolist() == 0.5
    assert tf.math.zero_fraction(tf.constant([NAN, 0.0])).numpy().tolist() == 0.5
    x = tf.constant([0.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.zero_fraction(x)
    assert t.gradient(y, x) is None


# --- isotonic regression -----------------------------------------------------------------------------


def test_isotonic_regression_as_tf():
    x = tf.constant([[3.0, 1.0, 2.0], [1.0, 3.0, 4.0]])
    out = tf.nn.isotonic_regression(x, axis=1)
    assert type(out).__name__ == "IsotonicRegression" and out.segments is out[1]
    assert out.output.numpy().tolist() == [[3.0, 1.5, 1.5], [2.6666667461395264, 2.6666667461395264,
                                                              2.6666667461395264]]
    assert out.segments.dtype == tf.int32 and out.segments.numpy().tolist() == [[0, 1, 1], [0, 0, 0]]
    y, seg = tf.nn.isotonic_regression(x, decreasing=False)
    assert y.numpy().tolist() == [[2.0, 2.0, 2.0], [1.0, 3.0, 4.0]] and seg.numpy().tolist() == [[0, 0, 1], [0, 1, 2]]
    out = tf.nn.isotonic_regression(tf.constant([[3.0, 1.0], [1.0, 3.0], [2.0, 4.0]]), axis=0)
    assert type(out) is tuple
    assert out[0].numpy().tolist() == [[3.0, 2.6666667461395264], [1.5, 2.6666667461395264],
                                       [1.5, 2.6666667461395264]]
    assert out[1].numpy().tolist() == [[0, 0], [1, 0], [1, 0]]
    y, seg = tf.nn.isotonic_regression(tf.constant(np.array([[[3., 1.], [1., 3.]], [[0., 5.], [5., 0.]]])), axis=1)
    assert y.dtype == tf.float64
    assert y.numpy().tolist() == [[[3.0, 2.0], [1.0, 2.0]], [[2.5, 5.0], [2.5, 0.0]]]
    assert seg.numpy().tolist() == [[[0, 0], [1, 0]], [[0, 0], [0, 1]]]


def test_isotonic_regression_edge_cases_as_tf():
    y, seg = tf.nn.isotonic_regression(tf.constant([3, 1, 2]))
    assert y.dtype == tf.float64 and y.numpy().tolist() == [3.0, 1.5, 1.5] and seg.numpy().tolist() == [0, 1, 1]
    assert tf.nn.isotonic_regression(tf.constant([3, 1, 2], tf.int8))[0].dtype == tf.float32
    y, seg = tf.nn.isotonic_regression(tf.constant([1.0, 1.0, 1.0, 2.0]))
    assert y.numpy().tolist() == [1.25] * 4 and seg.numpy().tolist() == [0, 0, 0, 0]
    y, seg = tf.nn.isotonic_regression(tf.constant([2.0, 2.0, 1.0]))  # equal neighbours stay apart
    assert y.numpy().tolist() == [2.0, 2.0, 1.0] and seg.numpy().tolist() == [0, 1, 2]
    y, seg = tf.nn.isotonic_regression(tf.constant([1.0, NAN, 3.0]))
    assert np.isnan(y.numpy()[1]) and seg.numpy().tolist() == [0, 1, 2]
    out = tf.nn.isotonic_regression(tf.constant(1.0))
    assert type(out).__name__ == "IsotonicRegression" and out.output.shape == () and out.segments.shape == ()
    y, seg = tf.nn.isotonic_regression(tf.zeros([2, 0]))
    assert y.shape == (2, 0) and seg.shape == (2, 0)
    with pytest.raises(errors.InvalidArgumentError):
        tf.nn.isotonic_regression(tf.constant([1j]))


def test_isotonic_regression_gradients():
    # TF 2.21's values for 2-D inputs: the incoming gradient averaged over each segment
    x = tf.constant([[3.0, 1.0, 2.0], [1.0, 3.0, 4.0]])
    for kwargs, want in [({}, [[1.0, 2.5, 2.5], [5.0, 5.0, 5.0]]), ({"axis": 0}, [[1.0, 3.5, 4.5], [4.0, 3.5, 4.5]]),
                         ({"decreasing": False}, [[1.5, 1.5, 3.0], [4.0, 5.0, 6.0]])]:
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.nn.isotonic_regression(x, **kwargs)[0]
            loss = tf.reduce_sum(y * tf.reshape(tf.range(1, 7, dtype=tf.float32), [2, 3]))
        assert t.gradient(loss, x).numpy().tolist() == want
    # 1-D (TF returns a wrongly shaped gradient here): averaged over the segments
    v = tf.constant([3.0, 1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(v)
        loss = tf.reduce_sum(tf.nn.isotonic_regression(v)[0] * tf.constant([1.0, 2.0, 4.0]))
    assert t.gradient(loss, v).numpy().tolist() == [1.0, 3.0, 3.0]
    check_grads(lambda a: tf.nn.isotonic_regression(a, axis=0, decreasing=False)[0], [RNG.standard_normal((5, 3))])
    check_grads(lambda a: tf.nn.isotonic_regression(a)[0] ** 2, [RNG.standard_normal((2, 6))])
