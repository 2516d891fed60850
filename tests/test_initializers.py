"""keras.initializers (plus keras.activations and keras.regularizers)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import keras
from tapeflow.keras import activations, initializers, layers, regularizers

SHAPE = (200, 300)
FAN_IN, FAN_OUT = SHAPE


@pytest.mark.parametrize("init,limit", [
    (initializers.GlorotUniform(seed=1), math.sqrt(6 / (FAN_IN + FAN_OUT))),
    (initializers.HeUniform(seed=1), math.sqrt(6 / FAN_IN)),
    (initializers.LecunUniform(seed=1), math.sqrt(3 / FAN_IN)),
    (initializers.RandomUniform(seed=1), 0.05),
])
def test_uniform_initializers(init, limit):
    w = init(SHAPE).numpy()
    assert w.dtype == np.float32 and w.shape == SHAPE
    assert np.abs(w).max() <= limit + 1e-7
    np.testing.assert_allclose(w.std(), limit / math.sqrt(3), rtol=0.03)
    assert abs(w.mean()) < 0.01 * limit * 10


@pytest.mark.parametrize("init,std", [
    (initializers.GlorotNormal(seed=2), math.sqrt(2 / (FAN_IN + FAN_OUT))),
    (initializers.HeNormal(seed=2), math.sqrt(2 / FAN_IN)),
    (initializers.LecunNormal(seed=2), math.sqrt(1 / FAN_IN)),
])
def test_truncated_variance_scaling_has_target_std(init, std):
    w = init(SHAPE).numpy()
    np.testing.assert_allclose(w.std(), std, rtol=0.03)
    assert np.abs(w).max() <= 2 * std / 0.87962566103423978 + 1e-6


def test_normal_truncated_constant_zeros_ones():
    w = initializers.RandomNormal(mean=1.0, stddev=0.5, seed=3)((400, 400)).numpy()
    np.testing.assert_allclose([w.mean(), w.std()], [1.0, 0.5], rtol=0.02)
    t = initializers.TruncatedNormal(stddev=1.0, seed=3)((400, 400)).numpy()
    assert np.abs(t).max() <= 2.0 and 0.85 < t.std() < 0.9
    np.testing.assert_array_equal(initializers.Zeros()((2, 2)).numpy(), np.zeros((2, 2)))
    np.testing.assert_array_equal(initializers.Ones()((3,), dtype="float64").numpy(), np.ones(3))
    assert initializers.Ones()((3,), dtype="float64").dtype == tf.float64
    np.testing.assert_array_equal(initializers.Constant([1.0, 2.0])((2, 2)).numpy(), [[1, 2], [1, 2]])
    with pytest.raises(ValueError, match="cannot fill"):
        initializers.Constant([1.0, 2.0, 3.0])((2, 2))


def test_conv_fans():
    w = initializers.HeUniform(seed=0)((3, 3, 16, 32)).numpy()
    assert np.abs(w).max() <= math.sqrt(6 / (3 * 3 * 16))
    assert np.abs(w).max() > 0.9 * math.sqrt(6 / (3 * 3 * 16))


def test_orthogonal_and_identity():
    q = initializers.Orthogonal(seed=0)((5, 3)).numpy()
    np.testing.assert_allclose(q.T @ q, np.eye(3), atol=1e-5)
    q2 = initializers.Orthogonal(gain=2.0, seed=0)((3, 5)).numpy()
    np.testing.assert_allclose(q2 @ q2.T, 4 * np.eye(3), atol=1e-5)
    np.testing.assert_array_equal(initializers.Identity(gain=3.0)((2, 3)).numpy(), 3 * np.eye(2, 3))


def test_seeded_repeat_and_global_seed_reproducible():
    a = initializers.GlorotUniform(seed=7)((3, 3)).numpy()
    np.testing.assert_array_equal(a, initializers.GlorotUniform(seed=7)((3, 3)).numpy())
    assert not np.array_equal(a, initializers.GlorotUniform(seed=8)((3, 3)).numpy())
    tf.random.set_seed(11)
    m1 = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(2)])
    tf.random.set_seed(11)
    m2 = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(2)])
    for x, y in zip(m1.get_weights(), m2.get_weights()):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(m1.get_weights()[0][:2, :2], m1.get_weights()[2][:2, :2])


def test_get_and_serialize():
    assert isinstance(initializers.get("glorot_uniform"), initializers.GlorotUniform)
    assert isinstance(initializers.get("HeNormal"), initializers.HeNormal)
    assert isinstance(initializers.get("uniform"), initializers.RandomUniform)
    cfg = initializers.serialize(initializers.RandomNormal(stddev=0.2, seed=4))
    again = initializers.get(cfg)
    assert isinstance(again, initializers.RandomNormal) and again.stddev == 0.2 and again.seed == 4
    assert initializers.get(None) is None
    with pytest.raises(ValueError, match="initializer"):
        initializers.get("nonsense")
    with pytest.raises(ValueError, match="floating"):
        initializers.GlorotUniform()((2, 2), dtype="int32")


def test_layer_uses_named_initializers():
    d = layers.Dense(3, kernel_initializer="zeros", bias_initializer=initializers.Constant(0.5))
    d.build(tf.TensorShape([None, 2]))
    np.testing.assert_array_equal(d.kernel.numpy(), np.zeros((2, 3)))
    np.testing.assert_array_equal(d.bias.numpy(), [0.5] * 3)


# --- activations -------------------------------------------------------------------------------

X = np.linspace(-3, 3, 13).astype("float32")


def _sig(x):
    return 1 / (1 + np.exp(-x))


@pytest.mark.parametrize("name,ref", [
    ("linear", lambda x: x),
    ("relu", lambda x: np.maximum(x, 0)),
    ("sigmoid", _sig),
    ("tanh", np.tanh),
    ("elu", lambda x: np.where(x > 0, x, np.exp(x) - 1)),
    ("selu", lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * (np.exp(x) - 1))),
    ("softplus", lambda x: np.log1p(np.exp(x))),
    ("softsign", lambda x: x / (1 + np.abs(x))),
    ("swish", lambda x: x * _sig(x)),
    ("silu", lambda x: x * _sig(x)),
    ("exponential", np.exp),
    ("hard_sigmoid", lambda x: np.clip(x / 6 + 0.5, 0, 1)),
    ("leaky_relu", lambda x: np.where(x > 0, x, 0.2 * x)),
    ("relu6", lambda x: np.clip(x, 0, 6)),
])
def test_activations_match_numpy(name, ref):
    np.testing.assert_allclose(activations.get(name)(tf.constant(X)).numpy(), ref(X), rtol=1e-5, atol=1e-6)


def test_softmax_gelu_relu_options():
    z = np.array([[1.0, 2.0, 3.0]], "float32")
    e = np.exp(z - 3)
    np.testing.assert_allclose(activations.softmax(tf.constant(z)).numpy(), e / e.sum(), rtol=1e-6)
    np.testing.assert_allclose(activations.log_softmax(tf.constant(z)).numpy(), np.log(e / e.sum()), rtol=1e-5)
    erf = np.vectorize(math.erf)
    np.testing.assert_allclose(activations.gelu(tf.constant(X)).numpy(), 0.5 * X * (1 + erf(X / math.sqrt(2))),
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(activations.relu(tf.constant(X), max_value=1.0).numpy(), np.clip(X, 0, 1))
    np.testing.assert_allclose(activations.relu(tf.constant(X), negative_slope=0.1).numpy(),
                               np.where(X > 0, X, 0.1 * X), rtol=1e-6)
    np.testing.assert_allclose(activations.relu(tf.constant(X), threshold=1.0).numpy(), np.where(X > 1, X, 0))  # Keras: x == threshold is cut
    np.testing.assert_allclose(activations.elu(tf.constant(X), alpha=2.0).numpy(),
                               np.where(X > 0, X, 2 * (np.exp(X) - 1)), rtol=1e-5, atol=1e-6)


def test_activation_get_and_serialize():
    assert activations.get(None) is activations.linear
    f = activations.get("relu")
    assert activations.serialize(f) == "relu" and activations.get(activations.serialize(f)) is f
    assert activations.get(np.tanh) is np.tanh
    with pytest.raises(ValueError, match="activation"):
        activations.get("bogus")


def test_activation_gradient():
    x = tf.constant(X)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(activations.swish(x))
    s = _sig(X)
    np.testing.assert_allclose(t.gradient(y, x).numpy(), s + X * s * (1 - s), rtol=1e-5, atol=1e-6)


# --- regularizers ------------------------------------------------------------------------------


def test_regularizer_values():
    w = tf.constant([[1.0, -2.0], [3.0, 0.5]])
    a = np.abs(w.numpy()).sum()
    s = (w.numpy() ** 2).sum()
    assert float(regularizers.L1(0.1)(w)) == pytest.approx(0.1 * a)
    assert float(regularizers.L2()(w)) == pytest.approx(0.01 * s)
    assert float(regularizers.L1L2(l1=0.1, l2=0.2)(w)) == pytest.approx(0.1 * a + 0.2 * s)
    assert float(regularizers.l1_l2()(w)) == pytest.approx(0.01 * a + 0.01 * s)
    assert float(regularizers.l2(0.5)(w)) == pytest.approx(0.5 * s)
    assert regularizers.get("l2").l2 == 0.01
    assert regularizers.get(regularizers.serialize(regularizers.L1(0.3))).l1 == pytest.approx(0.3)
    with pytest.raises(ValueError):
        regularizers.L2(-1.0)
    with pytest.raises(ValueError):
        regularizers.get("bogus")


def test_regularizer_gradient():
    v = tf.Variable([[1.0, -2.0]])
    with tf.GradientTape() as t:
        p = regularizers.L1L2(l1=0.1, l2=0.5)(v)
    np.testing.assert_allclose(t.gradient(p, v).numpy(), 0.1 * np.sign([[1.0, -2.0]]) + [[1.0, -2.0]], rtol=1e-6)
