"""tf.cast: values, and its gradient rule (excluded from the rule-table test because it changes dtype)."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf


def test_cast_values():
    assert tf.cast(tf.constant([1.7, -1.7, 2.5]), tf.int32).numpy().tolist() == [1, -1, 2]  # truncation
    assert tf.cast(tf.constant([0.0, 0.5, -2.0]), tf.bool).numpy().tolist() == [False, True, True]
    assert tf.cast(tf.constant([True, False]), tf.float32).numpy().tolist() == [1.0, 0.0]
    c = tf.cast(tf.constant([1, 2]), tf.float64)
    assert c.dtype == tf.float64 and c.numpy().tolist() == [1.0, 2.0]
    assert tf.cast([1, 2], "float32").dtype == tf.float32
    assert tf.cast(np.array([1.5]), tf.float16).dtype == tf.float16
    assert tf.cast(tf.Variable(2.5), tf.int64).numpy() == 2
    x = tf.constant([1.0])
    assert tf.cast(x, tf.float32) is x  # same dtype: no new op
    big = tf.cast(tf.constant(np.array([1.0 + 1e-12])), tf.float32)
    assert big.numpy().tolist() == [1.0]


def test_cast_gradient_dtype_is_the_source_dtype():
    x = tf.constant([1.0, 2.0, 3.0])  # float32
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(x, tf.float64)
    g = t.gradient(y, x)
    assert g.dtype == tf.float32
    assert g.numpy().tolist() == [1.0, 1.0, 1.0]


def _numeric_grad(f, x: np.ndarray, eps: float = 1e-3) -> np.ndarray:
    out = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = eps
        out.flat[i] = (float(f(tf.constant(x + e))) - float(f(tf.constant(x - e)))) / (2 * eps)
    return out


def test_cast_round_trip_gradient_matches_finite_differences():
    def f(x):  # float64 -> float32 -> float64, a float64 -> float64 composite
        return tf.reduce_sum(tf.cast(tf.cast(x, tf.float32) * 2.0, tf.float64) * tf.constant([1.0, -3.0, 0.5], tf.float64))

    x = np.array([0.3, -1.2, 2.0])
    xt = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(xt)
        y = f(xt)
    g = t.gradient(y, xt)
    assert g.dtype == tf.float64
    np.testing.assert_allclose(g.numpy(), _numeric_grad(f, x), rtol=1e-3)
    np.testing.assert_allclose(g.numpy(), [2.0, -6.0, 1.0])


def test_cast_second_order():
    x = tf.constant(1.5)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = tf.cast(x, tf.float64) ** 3
        g = t1.gradient(y, x)
    h = t2.gradient(g, x)
    assert g.dtype == tf.float32 and h.dtype == tf.float32
    assert abs(float(g) - 3 * 1.5**2) < 1e-5 and abs(float(h) - 6 * 1.5) < 1e-5


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64, tf.bool])
def test_cast_to_int_or_bool_cuts_the_gradient(dtype):
    x = tf.constant([1.5, 2.5])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(tf.cast(x, dtype), tf.float32) * x
    g = t.gradient(y, x)
    # only the direct path through `* x` contributes: d/dx [c * x] = c with c held constant
    assert g.numpy().tolist() == [1.0, 2.0] if dtype != tf.bool else g.numpy().tolist() == [1.0, 1.0]
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(x, dtype)
    assert t.gradient(y, x) is None


def test_cast_of_variable_gradient():
    v = tf.Variable([1.0, 2.0], dtype=tf.float64)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.cast(v, tf.float32) ** 2)
    g = t.gradient(y, v)
    assert g.dtype == tf.float64 and g.numpy().tolist() == [2.0, 4.0]
