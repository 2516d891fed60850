"""tf.random: global/op seeds, distributions, shuffle, categorical, Generator, stateless ops."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError


def _draws(seed=None):
    return [tf.random.normal([3], seed=seed).numpy(), tf.random.uniform([2, 2], seed=seed).numpy(),
            tf.random.truncated_normal([4], seed=seed).numpy(),
            tf.random.shuffle(tf.constant(np.arange(10)), seed=seed).numpy(),
            tf.random.categorical(tf.constant([[0.0, 1.0, 2.0]]), 5, seed=seed).numpy()]


@pytest.mark.parametrize("op_seed", [None, 11])
def test_set_seed_repeats_the_sequence(op_seed):
    tf.random.set_seed(1234)
    first = _draws(op_seed) + _draws(op_seed)
    tf.random.set_seed(1234)
    second = _draws(op_seed) + _draws(op_seed)
    for a, b in zip(first, second):
        assert np.array_equal(a, b)
    # successive calls in one sequence differ
    assert not np.array_equal(first[0], first[5])
    tf.random.set_seed(99)
    assert not np.array_equal(first[0], _draws(op_seed)[0])


def test_op_seed_streams_are_independent_of_unseeded_ops():
    tf.random.set_seed(7)
    a = tf.random.normal([3], seed=1).numpy()
    tf.random.set_seed(7)
    tf.random.normal([5])  # an unseeded op in between does not change the seeded stream
    b = tf.random.normal([3], seed=1).numpy()
    assert np.array_equal(a, b)
    assert not np.array_equal(a, tf.random.normal([3], seed=2).numpy())


def test_get_seed():
    tf.random.set_seed(None)
    assert tf.random.get_seed(None) == (None, None)
    tf.random.set_seed(3)
    assert tf.random.get_seed(5) == (3, 5)
    s1, s2 = tf.random.get_seed(None), tf.random.get_seed(None)
    assert s1[0] == 3 and s1 != s2
    tf.random.set_seed(3)
    assert tf.random.get_seed(None) == s1


def test_normal_statistics_and_dtypes():
    tf.random.set_seed(0)
    x = tf.random.normal([200, 500], mean=2.0, stddev=3.0)
    assert x.dtype == tf.float32 and x.shape == (200, 500)
    v = x.numpy()
    assert abs(v.mean() - 2.0) < 0.03 and abs(v.std() - 3.0) < 0.03
    assert tf.random.normal([2], dtype=tf.float64).dtype == tf.float64
    assert tf.random.normal([2], dtype=tf.float16).dtype == tf.float16
    assert tf.random.normal(tf.constant([2, 3])).shape == (2, 3)
    assert tf.random.normal([]).shape == ()
    with pytest.raises(ValueError, match="float"):
        tf.random.normal([2], dtype=tf.int32)
    with pytest.raises(InvalidArgumentError, match="shape"):
        tf.random.normal([2, -1])


def test_truncated_normal_within_two_stddev():
    tf.random.set_seed(0)
    v = tf.random.truncated_normal([100_000], mean=1.0, stddev=2.0).numpy()
    assert v.min() >= 1.0 - 4.0 and v.max() <= 1.0 + 4.0
    assert abs(v.mean() - 1.0) < 0.03
    # std of a standard normal truncated at +-2 is about 0.8796
    assert abs(v.std() / 2.0 - 0.8796) < 0.01


def test_uniform_float_and_int():
    tf.random.set_seed(0)
    u = tf.random.uniform([100_000], minval=-2.0, maxval=3.0).numpy()
    assert u.dtype == np.float32 and u.min() >= -2.0 and u.max() < 3.0
    assert abs(u.mean() - 0.5) < 0.03
    d = tf.random.uniform([1000]).numpy()
    assert d.min() >= 0.0 and d.max() < 1.0
    i = tf.random.uniform([10_000], minval=3, maxval=7, dtype=tf.int64)
    assert i.dtype == tf.int64 and set(np.unique(i.numpy()).tolist()) == {3, 4, 5, 6}
    with pytest.raises(ValueError, match="maxval"):
        tf.random.uniform([2], dtype=tf.int32)
    with pytest.raises(InvalidArgumentError, match="minval < maxval"):
        tf.random.uniform([2], minval=5, maxval=5, dtype=tf.int32)


def test_tensor_parameters_are_differentiable():
    mean = tf.constant([1.0, 2.0])
    std = tf.constant([0.5, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch([mean, std])
        x = tf.random.normal([3, 2], mean=mean, stddev=std, seed=4)
        y = tf.reduce_sum(x)
    gm, gs = t.gradient(y, [mean, std])
    z = (x.numpy() - mean.numpy()) / std.numpy()
    np.testing.assert_allclose(gm.numpy(), [3.0, 3.0])
    np.testing.assert_allclose(gs.numpy(), z.sum(0), rtol=1e-5)
    with pytest.raises(InvalidArgumentError, match="broadcast"):
        tf.random.normal([3, 2], mean=tf.constant([1.0, 2.0, 3.0]))


def test_shuffle_permutes_axis0_and_has_no_gradient():
    x = tf.constant(np.arange(12.0).reshape(6, 2))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.random.shuffle(x, seed=1)
    rows = sorted(map(tuple, y.numpy().tolist()))
    assert rows == sorted(map(tuple, x.numpy().tolist()))
    assert t.gradient(tf.reduce_sum(y), x) is None


def test_categorical_distribution():
    tf.random.set_seed(0)
    logits = np.log(np.array([[0.2, 0.5, 0.3], [1.0, 1e-30, 1e-30]]))
    s = tf.random.categorical(tf.constant(logits), 20_000)
    assert s.dtype == tf.int64 and s.shape == (2, 20_000)
    freq = np.bincount(s.numpy()[0], minlength=3) / 20_000
    np.testing.assert_allclose(freq, [0.2, 0.5, 0.3], atol=0.015)
    assert np.all(s.numpy()[1] == 0)
    ninf = tf.random.categorical(tf.constant([[-np.inf, 0.0]]), 100, dtype=tf.int32)
    assert ninf.dtype == tf.int32 and np.all(ninf.numpy() == 1)
    with pytest.raises(InvalidArgumentError, match="2-D"):
        tf.random.categorical(tf.constant([0.0, 1.0]), 2)


def test_generator_reproducible():
    g1, g2 = tf.random.Generator.from_seed(42), tf.random.Generator.from_seed(42)
    for _ in range(2):
        assert np.array_equal(g1.normal([4]).numpy(), g2.normal([4]).numpy())
        assert np.array_equal(g1.uniform([4], maxval=9, dtype=tf.int32).numpy(),
                              g2.uniform([4], maxval=9, dtype=tf.int32).numpy())
        assert np.array_equal(g1.truncated_normal([50]).numpy(), g2.truncated_normal([50]).numpy())
    g3 = tf.random.Generator.from_seed(43)
    assert not np.array_equal(g3.normal([4]).numpy(), tf.random.Generator.from_seed(42).normal([4]).numpy())
    a = tf.random.Generator.from_seed(42).normal([4]).numpy()
    g1.reset_from_seed(42)
    assert np.array_equal(g1.normal([4]).numpy(), a)
    # unaffected by the global seed
    tf.random.set_seed(1)
    b = tf.random.Generator.from_seed(42).normal([4]).numpy()
    assert np.array_equal(a, b)
    assert np.all(np.abs(tf.random.Generator.from_seed(1).truncated_normal([1000]).numpy()) <= 2.0)


def test_generator_other_methods():
    g = tf.random.Generator.from_non_deterministic_state()
    assert g.normal([2, 3], dtype=tf.float64).dtype == tf.float64
    u = g.uniform([1000], minval=1.0, maxval=2.0).numpy()
    assert u.min() >= 1.0 and u.max() < 2.0
    assert g.make_seeds(3).shape == (2, 3)
    children = tf.random.Generator.from_seed(5).split(2)
    again = tf.random.Generator.from_seed(5).split(2)
    assert np.array_equal(children[0].normal([3]).numpy(), again[0].normal([3]).numpy())
    assert not np.array_equal(children[1].normal([3]).numpy(), again[0].normal([3]).numpy())
    assert g.uniform_full_int([4], dtype=tf.int32).dtype == tf.int32
    c = tf.random.Generator(copy_from=tf.random.Generator.from_seed(8))
    assert np.array_equal(c.normal([2]).numpy(), tf.random.Generator.from_seed(8).normal([2]).numpy())
    assert tf.random.get_global_generator().normal([2]).shape == (2,)
    with pytest.raises(ValueError, match="algorithm"):
        tf.random.Generator.from_seed(1, alg="mersenne")


def test_stateless_ops_depend_only_on_seed():
    a = tf.random.stateless_normal([5], seed=[1, 2]).numpy()
    tf.random.normal([3])
    assert np.array_equal(a, tf.random.stateless_normal([5], seed=[1, 2]).numpy())
    assert not np.array_equal(a, tf.random.stateless_normal([5], seed=[1, 3]).numpy())
    u = tf.random.stateless_uniform([100], seed=[4, 4], minval=0, maxval=3, dtype=tf.int32).numpy()
    assert set(np.unique(u).tolist()) <= {0, 1, 2}
    assert np.all(np.abs(tf.random.stateless_truncated_normal([500], seed=[0, 0]).numpy()) <= 2.0)
    with pytest.raises(InvalidArgumentError, match="seed"):
        tf.random.stateless_normal([2], seed=[1, 2, 3])
