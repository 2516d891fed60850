"""tf.random, part 2: RNG states and seed arithmetic, gamma/poisson/binomial/categorical/truncated
normal samplers (statistics with fixed seeds, TF's gradients), index_shuffle, candidate samplers
and tf.random.experimental. Values marked "TF" were printed by TensorFlow 2.21."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError

# --- algorithms, states, seeds ----------------------------------------------------------------------------


def test_algorithm_enum_and_create_rng_state_as_tf():
    assert [a.value for a in tf.random.Algorithm] == [1, 2, 3]
    assert repr(tf.random.Algorithm.PHILOX) == "<Algorithm.PHILOX: 1>"
    assert str(tf.random.Algorithm.AUTO_SELECT) == "Algorithm.AUTO_SELECT"
    cases = [((1234, "philox"), [1234, 0, 0]), (([12, 34], "threefry"), [12, 34]),  # TF
             ((-1, "philox"), [-1, -1, -1]), (([5, 6], "philox"), [0, 5, 6]), ((2**64 + 3, "threefry"), [3, 1]),
             ((2**40, "philox"), [2**40, 0, 0]), (([1, 2, 3, 4], 1), [1, 2, 3]), ((1, "PHILOX"), [1, 0, 0]),
             ((1, tf.random.Algorithm.THREEFRY), [1, 0]), ((1, 3), [1, 0, 0]), ((tf.constant([5, 6]), "threefry"), [5, 6])]
    for (seed, alg), want in cases:
        s = tf.random.create_rng_state(seed, alg)
        assert s.dtype == tf.int64 and s.numpy().tolist() == want, (seed, alg)
    with pytest.raises(ValueError, match="unsupported value foo"):
        tf.random.create_rng_state(1, "foo")


def test_fold_in_and_split():
    s = tf.random.fold_in([1, 2], 3)
    assert s.dtype == tf.int32 and s.shape == (2,) and int(s[1]) == 3
    assert s.numpy().tolist() == tf.random.fold_in([1, 2], 3).numpy().tolist()
    assert int(tf.random.fold_in([1, 2], 4)[0]) == int(s[0])  # the first word depends on the seed only
    assert int(tf.random.fold_in([1, 3], 3)[0]) != int(s[0])
    assert tf.random.fold_in([1, 2], tf.constant(3, tf.int64)).dtype == tf.int64  # TF: data's dtype
    sp = tf.random.split([1, 2], 3)
    assert sp.dtype == tf.int32 and sp.shape == (3, 2)
    assert len({tuple(r) for r in sp.numpy().tolist()}) == 3
    assert sp.numpy().tolist() == tf.random.split([1, 2], 3).numpy().tolist()
    assert tf.random.split(tf.constant([1, 2], tf.int64)).dtype == tf.int64
    assert tf.random.split([1, 2], 0).shape == (0, 2)  # TF
    for f in (tf.random.split, tf.random.experimental.stateless_split):
        a = tf.random.stateless_normal([3], seed=f([7, 8])[0])
        assert a.shape == (3,)
    assert tf.random.experimental.stateless_fold_in is tf.random.fold_in
    with pytest.raises(InvalidArgumentError, match="shape \\[2\\]"):
        tf.random.fold_in([1, 2, 3], 3)
    with pytest.raises(InvalidArgumentError):
        tf.random.fold_in([1, 2], 3.0)
    with pytest.raises(InvalidArgumentError):
        tf.random.split([1.0, 2.0])


def test_stateless_uniform_full_range_integers():
    a = tf.random.stateless_uniform([2000], [1, 2], minval=None, maxval=None, dtype=tf.int32)
    assert a.dtype == tf.int32
    v = a.numpy().astype(np.int64)
    assert v.min() < -2**30 and v.max() > 2**30
    u = tf.random.stateless_uniform([2000], [1, 2], None, None, tf.uint32).numpy()
    assert u.dtype == np.uint32 and u.max() > 2**31
    with pytest.raises(ValueError, match="both None"):
        tf.random.stateless_uniform([3], [1, 2], minval=None, maxval=5, dtype=tf.int32)
    with pytest.raises(ValueError):
        tf.random.stateless_uniform([3], [1, 2], minval=None, maxval=None)


# --- gamma ----------------------------------------------------------------------------------------------------


def test_gamma_shapes_dtypes_and_statistics():
    assert tf.random.gamma([10], [0.5, 1.5]).shape == (10, 2)
    assert tf.random.gamma([7, 5], [0.5, 1.5]).shape == (7, 5, 2)
    assert tf.random.gamma([3], [[1.0], [2.0]], [1.0, 2.0, 3.0]).shape == (3, 2, 3)  # TF
    assert tf.random.gamma([3], 1.0, dtype=tf.float64).dtype == tf.float64
    assert tf.random.gamma([3], 1.0, dtype=tf.float16).dtype == tf.float16
    x = tf.random.gamma([20000], [0.5, 2.0, 9.0], [2.0, 1.0, 0.5], seed=5).numpy().astype(np.float64)
    a, b = np.array([0.5, 2.0, 9.0]), np.array([2.0, 1.0, 0.5])
    np.testing.assert_allclose(x.mean(0), a / b, rtol=0.03)
    np.testing.assert_allclose(x.var(0), a / b**2, rtol=0.06)
    tiny = np.finfo(np.float32).tiny
    assert tf.random.gamma([3], 0.0).numpy().tolist() == [tiny] * 3  # TF
    assert np.isnan(tf.random.gamma([3], -1.0).numpy()).all()  # TF
    assert (tf.random.gamma([3], 1.0, -1.0).numpy() == tiny).all()  # TF
    with pytest.raises(ValueError, match="float64"):
        tf.random.gamma([3], 1.0, tf.constant(1.0, tf.float64))
    with pytest.raises(ValueError):
        tf.random.gamma([3], 1, dtype=tf.int32)
    tf.random.set_seed(11)
    g1 = tf.random.gamma([4], 2.0).numpy()
    tf.random.set_seed(11)
    assert np.array_equal(g1, tf.random.gamma([4], 2.0).numpy())


def test_random_gamma_grad_values_as_tf():
    from tapeflow.ops.random_ops import RANDOM_GAMMA_GRAD

    a = tf.constant([0.3, 1.0, 2.5, 7.0, 30.0, 0.05], tf.float64)
    s = tf.constant([0.01, 0.7, 3.1, 5.0, 28.0, 1e-8], tf.float64)
    from tapeflow.primitives import bind

    got = bind(RANDOM_GAMMA_GRAD, (a, s)).numpy()
    tf_vals = [0.14920695356145883, 0.973218740992388, 1.187963845211929, 0.8613410926736427, 0.9712823684740919,
               3.5845671864832926e-06]  # TF: gen_random_ops.random_gamma_grad
    np.testing.assert_allclose(got, tf_vals, rtol=1e-10)


def test_gamma_gradients_are_implicit_reparameterisation():
    alpha = tf.constant([0.7, 3.0], tf.float64)
    beta = tf.constant([2.0, 0.5], tf.float64)
    with tf.GradientTape(persistent=True) as t:
        t.watch([alpha, beta])
        x = tf.random.gamma([6], alpha, beta, dtype=tf.float64, seed=3)
        w = tf.constant(np.arange(12.0).reshape(6, 2))
        loss = tf.reduce_sum(x * w)
    ga, gb = t.gradient(loss, [alpha, beta])
    assert ga.shape == (2,) and gb.shape == (2,)
    xs = x.numpy() * beta.numpy()  # the standard Gamma(alpha, 1) draws
    a = alpha.numpy()
    h = 1e-6
    # d x / d alpha at a fixed CDF value: -(dP/dalpha) / pdf, with dP/dalpha by central differences of igamma
    dp = (tf.math.igamma(a + h, xs).numpy() - tf.math.igamma(a - h, xs).numpy()) / (2 * h)
    pdf = np.exp(-xs + (a - 1) * np.log(xs) - np.array([math.lgamma(v) for v in a]))
    dx_da = -dp / pdf / beta.numpy()
    np.testing.assert_allclose(ga.numpy(), (dx_da * w.numpy()).sum(0), rtol=1e-5)
    np.testing.assert_allclose(gb.numpy(), (-x.numpy() / beta.numpy() * w.numpy()).sum(0), rtol=1e-10)
    # TF registers no gradient for RandomGammaGrad: a second derivative w.r.t. alpha raises
    with tf.GradientTape() as t2:
        t2.watch(alpha)
        with tf.GradientTape() as t1:
            t1.watch(alpha)
            y = tf.reduce_sum(tf.random.gamma([3], alpha, dtype=tf.float64, seed=2))
        g = t1.gradient(y, alpha)
    with pytest.raises(LookupError, match="no entry for: RandomGammaGrad"):
        t2.gradient(g, alpha)


def test_stateless_gamma():
    a = tf.random.stateless_gamma([10, 2], seed=[12, 34], alpha=[0.5, 1.5])
    assert a.shape == (10, 2) and a.dtype == tf.float32
    assert np.array_equal(a.numpy(), tf.random.stateless_gamma([10, 2], [12, 34], [0.5, 1.5]).numpy())
    assert not np.array_equal(a.numpy(), tf.random.stateless_gamma([10, 2], [12, 35], [0.5, 1.5]).numpy())
    assert tf.random.stateless_gamma([3, 2], [1, 2], 1.0).shape == (3, 2)
    assert tf.random.stateless_gamma([4, 3, 2], [1, 2], [[1.0], [2.0], [3.0]], [1.0, 2.0]).shape == (4, 3, 2)
    for bad in ([1.0], [[1.0], [2.0], [3.0]]):  # TF: the shape must END with the parameters' broadcast shape
        with pytest.raises(InvalidArgumentError, match="must end with"):
            tf.random.stateless_gamma([3, 2], [1, 2], bad)
    with pytest.raises(InvalidArgumentError, match="shape \\[2\\]"):
        tf.random.stateless_gamma([3, 2], [1, 2, 3], 1.0)
    x = tf.random.stateless_gamma([20000], [5, 6], 4.0, 2.0).numpy()
    assert abs(x.mean() - 2.0) < 0.03 and abs(x.var() - 1.0) < 0.05
    alpha = tf.constant([1.5, 3.0])
    with tf.GradientTape() as t:
        t.watch(alpha)
        y = tf.reduce_sum(tf.random.stateless_gamma([5, 2], [1, 2], alpha))
    g = t.gradient(y, alpha)
    assert g.shape == (2,) and (g.numpy() > 0).all()


# --- poisson, binomial, categorical ------------------------------------------------------------------------------


def test_poisson():
    s = tf.random.poisson([7, 5], [12.2, 3.3], seed=1)
    assert s.shape == (7, 5, 2) and s.dtype == tf.float32
    assert tf.random.poisson([2, 3], [[1.0, 2.0]]).shape == (2, 3, 1, 2)  # TF
    assert tf.random.poisson([2], 3.0, dtype=tf.int64).dtype == tf.int64
    assert tf.random.poisson([2], [1, 2]).dtype == tf.float32  # TF: integer rates allowed
    x = tf.random.poisson([20000], [2.0, 30.0], seed=3).numpy()
    np.testing.assert_allclose(x.mean(0), [2.0, 30.0], rtol=0.02)
    np.testing.assert_allclose(x.var(0), [2.0, 30.0], rtol=0.05)
    assert tf.random.poisson([3], -1.0).numpy().tolist() == [0.0, 0.0, 0.0]  # TF
    lam = tf.constant([2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(lam)
        y = tf.reduce_sum(tf.random.poisson([3], lam, seed=1))
    with pytest.raises(LookupError, match="no entry for: RandomPoissonV2"):  # TF
        t.gradient(y, lam)
    with pytest.raises(InvalidArgumentError):
        tf.random.poisson([3], 1.0, dtype=tf.bool)
    with pytest.raises(InvalidArgumentError, match="finite"):
        tf.random.poisson([3], float("nan"))


def test_stateless_poisson():
    s = tf.random.stateless_poisson([10, 2], seed=[12, 34], lam=[5, 15])
    assert s.shape == (10, 2) and s.dtype == tf.int32
    assert np.array_equal(s.numpy(), tf.random.stateless_poisson([10, 2], [12, 34], [5, 15]).numpy())
    assert tf.random.stateless_poisson([2], [1, 2], 3.0, dtype=tf.float64).dtype == tf.float64
    assert tf.random.stateless_poisson([2], [1, 2], -3.0).numpy().tolist() == [0, 0]  # TF
    with pytest.raises(InvalidArgumentError, match="must end with"):
        tf.random.stateless_poisson([3, 3], [1, 2], [1.0, 5.0])
    x = tf.random.stateless_poisson([20000], [3, 4], 7.0).numpy()
    assert abs(x.mean() - 7.0) < 0.1 and abs(x.var() - 7.0) < 0.3
    lam = tf.constant([2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(lam)
        y = tf.reduce_sum(tf.random.stateless_poisson([3, 2], [1, 2], lam, dtype=tf.float32))
    assert t.gradient(y, lam) is None  # TF


def test_stateless_binomial():
    b = tf.random.stateless_binomial([20000, 2], [1, 2], [10.0, 20.0], [0.3, 0.9])
    assert b.dtype == tf.int32
    v = b.numpy()
    np.testing.assert_allclose(v.mean(0), [3.0, 18.0], rtol=0.02)
    np.testing.assert_allclose(v.var(0), [2.1, 1.8], rtol=0.06)
    assert np.array_equal(v, tf.random.stateless_binomial([20000, 2], [1, 2], [10.0, 20.0], [0.3, 0.9]).numpy())
    assert tf.random.stateless_binomial([2], [1, 2], 10.0, 1.5).numpy().tolist() == [10, 10]  # TF: p clipped
    assert tf.random.stateless_binomial([2], [1, 2], 10.0, -0.5).numpy().tolist() == [0, 0]  # TF
    assert tf.random.stateless_binomial([2], [1, 2], -3.0, 0.5).numpy().tolist() == [0, 0]  # TF
    assert tf.random.stateless_binomial([500], [1, 2], 3.5, 0.5).numpy().max() <= 3  # TF: counts floored
    assert tf.random.stateless_binomial([3, 2], [1, 2], [[10.0], [5.0], [4.0]], [0.5, 0.1]).shape == (3, 2)
    assert tf.random.stateless_binomial([2], [1, 2], [10, 20], [0.8]).shape == (2,)
    assert tf.random.stateless_binomial([2], [1, 2], 5.0, 0.5, output_dtype=tf.float64).dtype == tf.float64
    with pytest.raises(InvalidArgumentError, match="must end with"):
        tf.random.stateless_binomial([2], [1, 2], [10.0], [0.5])  # TF: [2] does not end with [1]
    with pytest.raises(InvalidArgumentError):
        tf.random.stateless_binomial([2], [1, 2], tf.constant(3.0, tf.float64), 0.5)
    with pytest.raises(InvalidArgumentError):
        tf.random.stateless_binomial([2], [1, 2], 3.0, 0.5, output_dtype=tf.bool)


def test_stateless_categorical():
    logits = tf.math.log([[0.2, 0.3, 0.5]])
    s = tf.random.stateless_categorical(logits, 20000, seed=[7, 17])
    assert s.dtype == tf.int64 and s.shape == (1, 20000)
    np.testing.assert_allclose(np.bincount(s.numpy()[0], minlength=3) / 20000, [0.2, 0.3, 0.5], atol=0.015)
    assert np.array_equal(s.numpy(), tf.random.stateless_categorical(logits, 20000, seed=[7, 17]).numpy())
    assert tf.random.stateless_categorical([[0.0, 1.0]], 4, [1, 2], dtype=tf.int32).dtype == tf.int32
    assert tf.random.stateless_categorical([[0.0, 1.0]], 0, [1, 2]).shape == (1, 0)  # TF
    with pytest.raises(ValueError, match="Accepted dtypes"):
        tf.random.stateless_categorical([[0.0, 1.0]], 4, [1, 2], dtype=tf.float32)
    with pytest.raises(InvalidArgumentError, match="2-D"):
        tf.random.stateless_categorical([0.0, 1.0], 4, [1, 2])


# --- parameterised truncated normal ------------------------------------------------------------------------------


def _truncnorm_mean(mu, sd, lo, hi):
    a, b = (lo - mu) / sd, (hi - mu) / sd
    if b < 0:  # mirror to the right tail
        return -_truncnorm_mean(-mu, sd, -hi, -lo)
    if a > 30:  # the Mills-ratio expansion (the cut at b = a + 1 is negligible there)
        return mu + sd * (a + 1 / a - 2 / a**3)
    phi = lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    sf = lambda z: 0.5 * math.erfc(z / math.sqrt(2))  # noqa: E731
    return mu + sd * (phi(a) - phi(b)) / (sf(a) - sf(b))


def test_parameterized_truncated_normal_samples():
    y = tf.random.stateless_parameterized_truncated_normal([20000], [3, 4], 1.0, 2.0, 0.0, 5.0).numpy()
    assert y.dtype == np.float32 and y.min() >= 0.0 and y.max() <= 5.0
    assert abs(y.mean() - _truncnorm_mean(1.0, 2.0, 0.0, 5.0)) < 0.02
    assert tf.random.stateless_parameterized_truncated_normal(
        [10, 2, 3], [7, 17], 0.0, 1.0, [-1.0, -2.0, -1000.0], [[10000.0], [1.0]]).shape == (10, 2, 3)  # TF
    for lo, hi in ((10.0, 11.0), (50.0, 51.0), (-51.0, -50.0)):  # far tails (mirrored / exponential rejection)
        t = tf.random.stateless_parameterized_truncated_normal([2000], [7, 17], 0.0, 1.0, lo, hi).numpy()
        assert t.min() >= lo and t.max() <= hi
        assert abs(t.mean() - _truncnorm_mean(0.0, 1.0, lo, hi)) < 0.01
    one_sided = tf.random.stateless_parameterized_truncated_normal([2000], [7, 17], 0.0, 1.0, -float("inf"), 1.0)
    assert float(tf.reduce_max(one_sided)) <= 1.0
    f64 = tf.constant([0.0], tf.float64)
    assert tf.random.stateless_parameterized_truncated_normal([3, 1], [1, 2], f64, f64 + 1, f64 - 1,
                                                               f64 + 1).dtype == tf.float64
    for args in ((0.0, 1.0, 2.0, 1.0), (0.0, 0.0, -1.0, 1.0), (0.0, -1.0, -1.0, 1.0),
                 (0.0, 1.0, -float("inf"), float("inf"))):  # TF: "Invalid parameters"
        with pytest.raises(InvalidArgumentError, match="invalid parameters"):
            tf.random.stateless_parameterized_truncated_normal([3], [7, 17], *args)
    with pytest.raises(InvalidArgumentError):
        tf.random.stateless_parameterized_truncated_normal([3], [7, 17], tf.constant(0.0, tf.float64))
    with pytest.raises(InvalidArgumentError, match="must end with"):
        tf.random.stateless_parameterized_truncated_normal([3], [7, 17], [0.0, 1.0])


def test_parameterized_truncated_normal_gradients():
    def sample(mu, sd, lo, hi, shape=(5,)):
        return tf.random.stateless_parameterized_truncated_normal(list(shape), [3, 9], mu, sd, lo, hi)

    f64 = lambda v: tf.constant(v, tf.float64)  # noqa: E731
    mu, sd, lo, hi = f64(0.5), f64(1.5), f64(-1.0), f64(2.0)
    with tf.GradientTape() as t:
        t.watch([mu, sd, lo, hi])
        x = sample(mu, sd, lo, hi)
        y = tf.reduce_sum(x)
    gm, gs, glo, ghi = t.gradient(y, [mu, sd, lo, hi])
    # TF's rule: d/dmean = 1 per sample, d/dstddev = the standardised sample
    assert float(gm) == 5.0
    np.testing.assert_allclose(float(gs), float(tf.reduce_sum((x - mu) / sd)), rtol=1e-12)
    # d/dminval and d/dmaxval are the true derivatives of the sample at a fixed seed (inverse-CDF draws)
    h = 1e-6
    num_lo = (tf.reduce_sum(sample(mu, sd, lo + h, hi)) - tf.reduce_sum(sample(mu, sd, lo - h, hi))) / (2 * h)
    num_hi = (tf.reduce_sum(sample(mu, sd, lo, hi + h)) - tf.reduce_sum(sample(mu, sd, lo, hi - h))) / (2 * h)
    np.testing.assert_allclose(float(glo), float(num_lo), rtol=1e-5)
    np.testing.assert_allclose(float(ghi), float(num_hi), rtol=1e-5)
    # order 2 in the bounds (the rule differentiates through the sample again)
    check_grads(lambda a, b: sample(tf.constant(0.5, tf.float64), tf.constant(1.5, tf.float64), a, b),
                [np.array(-1.0), np.array(2.0)], order=2)
    m32 = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(m32)
        s = tf.reduce_sum(tf.random.stateless_parameterized_truncated_normal([3], [1, 2], means=m32))
    assert float(t.gradient(s, m32)) == 3.0  # TF


# --- shuffles ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 5, 64, 1000])
def test_index_shuffle_is_a_permutation(n):
    p = tf.random.experimental.index_shuffle(tf.range(n), seed=[5, 9], max_index=n - 1)
    assert p.dtype == tf.int32 and sorted(p.numpy().tolist()) == list(range(n))
    assert np.array_equal(p.numpy(), tf.random.experimental.index_shuffle(tf.range(n), [5, 9], n - 1).numpy())
    if n >= 64:
        assert not np.array_equal(p.numpy(), np.arange(n))
        assert not np.array_equal(p.numpy(), tf.random.experimental.index_shuffle(tf.range(n), [5, 10], n - 1).numpy())


def test_index_shuffle_scalars_batches_and_errors():
    one = tf.random.experimental.index_shuffle(2, [5, 9], 3)
    assert one.shape == () and one.dtype == tf.int32
    full = tf.random.experimental.index_shuffle(tf.range(4), [5, 9], 3).numpy()
    assert int(one) == full[2]
    assert tf.random.experimental.index_shuffle(tf.constant(2, tf.int64), [5, 9], 3).dtype == tf.int64
    batch = tf.random.experimental.index_shuffle([0, 1], [[5, 9], [1, 2]], 3)
    assert batch.shape == (2,) and int(batch[0]) == full[0]
    with pytest.raises(InvalidArgumentError, match="max_index"):
        tf.random.experimental.index_shuffle(7, [5, 9], 3)


def test_stateless_shuffle():
    v = tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]])
    a = tf.random.experimental.stateless_shuffle(v, seed=[8, 9])
    assert sorted(a.numpy().tolist()) == v.numpy().tolist()
    assert np.array_equal(a.numpy(), tf.random.experimental.stateless_shuffle(v, seed=[8, 9]).numpy())
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(tf.random.experimental.stateless_shuffle(x, [1, 2]) * x)
    with pytest.raises(LookupError, match="no entry for: StatelessShuffle"):  # TF
        t.gradient(y, x)


# --- candidate samplers ---------------------------------------------------------------------------------------------

TC = np.array([[1, 2], [3, 9]], np.int64)


def _valid_unique_expected(e, p, n):
    """``e`` is p * n (no retries) or 1 - (1 - p)^T for a whole number of tries T > n."""
    if np.isclose(e, p * n, rtol=1e-6):
        return True
    t = math.log1p(-e) / math.log1p(-p)
    return t > n - 1e-6 and abs(t - round(t)) < 1e-3


def test_uniform_candidate_sampler():
    r = tf.random.uniform_candidate_sampler(TC, 2, 5, False, 10, seed=1)
    assert type(r).__name__ == "UniformCandidateSampler"
    assert r._fields == ("sampled_candidates", "true_expected_count", "sampled_expected_count")
    assert r.sampled_candidates.dtype == tf.int64 and r.true_expected_count.dtype == tf.float32
    assert r.true_expected_count.numpy().tolist() == [[0.5, 0.5], [0.5, 0.5]]  # TF
    assert r.sampled_expected_count.numpy().tolist() == [0.5] * 5  # TF
    for seed in range(5):
        u = tf.random.uniform_candidate_sampler(TC, 2, 9, True, 10, seed=seed)
        c = u.sampled_candidates.numpy()
        assert len(set(c.tolist())) == 9 and c.min() >= 0 and c.max() < 10
        e = float(u.true_expected_count[0, 0])
        assert _valid_unique_expected(e, 0.1, 9)
        assert np.all(u.sampled_expected_count.numpy() == np.float32(e))


def test_log_uniform_candidate_sampler():
    r = tf.random.log_uniform_candidate_sampler(tf.constant([[0]], tf.int64), 1, 3, False, 1, seed=7)
    assert r.sampled_candidates.numpy().tolist() == [0, 0, 0]  # TF
    assert r.true_expected_count.numpy().tolist() == [[3.0]] and r.sampled_expected_count.numpy().tolist() == [3.0] * 3
    r = tf.random.log_uniform_candidate_sampler(TC, 2, 5, False, 10, seed=1)
    p = lambda k: (math.log(k + 2) - math.log(k + 1)) / math.log(11)  # noqa: E731
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[5 * p(1), 5 * p(2)], [5 * p(3), 5 * p(9)]], rtol=1e-6)
    big = tf.random.log_uniform_candidate_sampler(TC, 2, 20000, False, 10, seed=3).sampled_candidates.numpy()
    np.testing.assert_allclose(np.bincount(big, minlength=10) / 20000, [p(k) for k in range(10)], atol=0.012)
    u = tf.random.log_uniform_candidate_sampler(TC, 2, 5, True, 10, seed=2)
    assert len(set(u.sampled_candidates.numpy().tolist())) == 5
    assert _valid_unique_expected(float(u.true_expected_count[0, 0]), p(1), 5)


def test_fixed_unigram_candidate_sampler_as_tf(tmp_path):
    f = tf.random.fixed_unigram_candidate_sampler
    r = f(TC, 2, 4, False, 10, unigrams=list(range(1, 11)), distortion=0.5, seed=1)
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[0.2517707, 0.30835488], [0.35605755, 0.5629764]],
                               rtol=1e-6)  # TF
    tc = tf.constant([[1, 2], [3, 4]], tf.int64)
    r = f(tc, 2, 4, False, 5, unigrams=list(range(1, 11)), num_shards=2, shard=1, seed=1)
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[0.53333336, 0.8], [1.0666667, 1.3333334]], rtol=1e-6)
    r = f(tc, 2, 4, False, 5, unigrams=list(range(1, 9)), num_reserved_ids=2, num_shards=2, shard=1, seed=1)
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[0.25, 0.75], [1.25, 1.75]], rtol=1e-6)  # TF
    r = f(TC, 2, 4, False, 10, unigrams=list(range(1, 9)), num_reserved_ids=2, seed=1)
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[0.0, 4 / 36], [8 / 36, 32 / 36]], rtol=1e-6)  # TF
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("a,3\nb,1\nc,2\nd,4\n")
    tc0 = tf.constant([[1, 2], [3, 0]], tf.int64)
    r = f(tc0, 2, 3, False, 4, vocab_file=str(vocab), seed=1)
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[0.3, 0.6], [1.2, 0.9]], rtol=1e-6)  # TF
    r = f(tc0, 2, 3, False, 5, vocab_file=str(vocab), num_reserved_ids=1, seed=1)
    np.testing.assert_allclose(r.true_expected_count.numpy(), [[0.9, 0.3], [0.6, 0.0]], rtol=1e-6)  # TF
    with pytest.raises(InvalidArgumentError, match="range is 10 must be equal to weights size  3"):  # TF
        f(TC, 2, 4, False, 10, unigrams=[1, 2, 3])
    with pytest.raises(InvalidArgumentError, match="Must provide either vocab_file or unigrams"):
        f(TC, 2, 4, False, 10)
    with pytest.raises(InvalidArgumentError, match="Must only provide one of vocab_file and unigrams"):
        f(tc0, 2, 3, False, 4, vocab_file=str(vocab), unigrams=[1.0, 1.0, 1.0, 1.0])
    with pytest.raises(InvalidArgumentError, match="nonzero probability"):  # TF aborts the process here
        f(tc0, 2, 3, True, 4, unigrams=[1.0, 0.0, 0.0, 1.0])


def test_learned_unigram_candidate_sampler_learns_across_calls():
    r1 = tf.random.learned_unigram_candidate_sampler(TC, 2, 4, False, 10, seed=4242)
    np.testing.assert_allclose(r1.true_expected_count.numpy(), 0.4)  # TF: first call, uniform counts
    r2 = tf.random.learned_unigram_candidate_sampler(TC, 2, 4, False, 10, seed=4242)
    np.testing.assert_allclose(r2.true_expected_count.numpy(), 4 * 2 / 14, rtol=1e-6)  # TF: 0.5714286
    seen = np.isin(r2.sampled_candidates.numpy(), TC)
    np.testing.assert_allclose(r2.sampled_expected_count.numpy(), np.where(seen, 4 * 2 / 14, 4 / 14), rtol=1e-6)
    fresh = tf.random.learned_unigram_candidate_sampler(TC, 2, 4, True, 10, seed=4242)  # other attrs: new counts
    e = float(fresh.true_expected_count[0, 0])
    assert _valid_unique_expected(e, 0.1, 4)


def test_all_candidate_sampler_and_errors():
    r = tf.random.all_candidate_sampler(tf.constant([[1, 2]], tf.int64), 2, 5, True, seed=1)
    assert r.sampled_candidates.numpy().tolist() == [0, 1, 2, 3, 4]  # TF
    assert r.true_expected_count.numpy().tolist() == [[1.0, 1.0]] and r.sampled_expected_count.numpy().tolist() == [
        1.0] * 5
    with pytest.raises(InvalidArgumentError, match="out of range \\[0, 5\\), received 9"):  # TF
        tf.random.all_candidate_sampler(TC, 2, 5, True)
    with pytest.raises(InvalidArgumentError, match="int64"):
        tf.random.uniform_candidate_sampler(tf.constant([[1]]), 1, 2, True, 10)
    with pytest.raises(InvalidArgumentError, match="expected: 3 was: 2"):
        tf.random.uniform_candidate_sampler(TC, 3, 2, True, 10)
    with pytest.raises(InvalidArgumentError, match="Sampler's range is too small"):
        tf.random.uniform_candidate_sampler(TC, 2, 11, True, 10)
    with pytest.raises(InvalidArgumentError, match="matrix"):
        tf.random.uniform_candidate_sampler(tf.constant([1, 2], tf.int64), 2, 2, True, 10)
    with pytest.raises(InvalidArgumentError, match="received -1"):
        tf.random.uniform_candidate_sampler(tf.constant([[-1]], tf.int64), 1, 4, True, 10)


# --- namespaces and Generator -----------------------------------------------------------------------------------


def test_experimental_namespace_and_generator_binomial():
    names = ["Algorithm", "Generator", "create_rng_state", "get_global_generator", "index_shuffle",
             "set_global_generator", "stateless_fold_in", "stateless_shuffle", "stateless_split"]  # TF 2.21's list
    assert sorted(n for n in dir(tf.random.experimental) if not n.startswith("_")) == names
    assert tf.random.experimental.Generator is tf.random.Generator
    assert tf.random.experimental.create_rng_state is tf.random.create_rng_state
    g1, g2 = tf.random.Generator.from_seed(3), tf.random.Generator.from_seed(3)
    b = g1.binomial([2000], 10.0, 0.5)
    assert b.dtype == tf.int32 and np.array_equal(b.numpy(), g2.binomial([2000], 10.0, 0.5).numpy())
    assert abs(b.numpy().mean() - 5.0) < 0.15
