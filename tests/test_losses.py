"""keras.losses against NumPy formulas, Keras 3's documented values, gradients and errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError
from tapeflow.keras import losses

EPS = 1e-7
RNG = np.random.default_rng(0)


def np_softmax(z):
    e = np.exp(z - z.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def softmax_output(logits: np.ndarray) -> tf.Tensor:
    """A tensor as a softmax Dense layer returns it: probabilities that carry their logits."""
    lt = tf.constant(logits)
    out = tf.nn.softmax(lt)
    out._keras_logits = lt
    return out


def test_sparse_cce_documented_values():
    y_true = [1, 2]
    y_pred = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
    np.testing.assert_allclose(losses.sparse_categorical_crossentropy(y_true, y_pred).numpy(), [0.0513, 2.3026],
                               atol=1e-4)
    assert float(losses.SparseCategoricalCrossentropy()(y_true, y_pred)) == pytest.approx(1.177, abs=1e-3)


def test_sparse_cce_probability_path_formula():
    p = RNG.uniform(0.01, 1.0, (6, 4)).astype(np.float32)
    p /= p.sum(-1, keepdims=True)
    p[0, 2] = 0.0  # clipped to eps
    lab = np.array([2, 0, 1, 3, 3, 1], np.float32)  # float labels, as in the seed
    c = np.clip(p.astype(np.float64), EPS, 1 - EPS)
    expected = -np.log(c[np.arange(6), lab.astype(int)]) + np.log(c.sum(-1))
    got = losses.SparseCategoricalCrossentropy()(tf.constant(lab), tf.constant(p))
    assert got.dtype == tf.float32
    assert float(got) == pytest.approx(expected.mean(), rel=1e-5)
    per = losses.SparseCategoricalCrossentropy(reduction=None)(lab.reshape(6, 1), p)  # (batch, 1) labels
    np.testing.assert_allclose(per.numpy(), expected, rtol=1e-5)


def test_sparse_cce_uses_keras_logits_and_gradient():
    z = RNG.standard_normal((5, 4))
    lab = np.array([0, 3, 1, 1, 2], np.float32)
    expected = -np.log(np_softmax(z)[np.arange(5), lab.astype(int)])
    logits_t = tf.constant(z)
    with tf.GradientTape() as tape:
        tape.watch(logits_t)
        probs = tf.nn.softmax(logits_t)
        probs._keras_logits = logits_t
        loss = losses.SparseCategoricalCrossentropy()(tf.constant(lab), probs)
    assert float(loss) == pytest.approx(expected.mean(), rel=1e-10)
    g = tape.gradient(loss, logits_t).numpy()
    onehot = np.eye(4)[lab.astype(int)]
    np.testing.assert_allclose(g, (np_softmax(z) - onehot) / 5, rtol=1e-9, atol=1e-12)
    # from_logits=True on raw logits gives the same number
    same = losses.SparseCategoricalCrossentropy(from_logits=True)(lab, z)
    assert float(same) == pytest.approx(expected.mean(), rel=1e-10)
    # extreme logits: the logits path stays finite where probabilities underflow
    big = np.array([[1000.0, -1000.0, 0.0]])
    out = losses.SparseCategoricalCrossentropy()(np.array([1.0]), softmax_output(big))
    assert float(out) == pytest.approx(2000.0)


def test_sparse_cce_bad_labels():
    p = np.full((2, 3), 1 / 3, np.float32)
    for fn in (losses.SparseCategoricalCrossentropy(), losses.SparseCategoricalCrossentropy(from_logits=True)):
        with pytest.raises(InvalidArgumentError, match="outside the valid range"):
            fn(np.array([0.0, 3.0]), p)
        with pytest.raises(InvalidArgumentError, match="outside the valid range"):
            fn(np.array([-1, 0]), p)
    with pytest.raises(InvalidArgumentError, match=r"\(3,\).*\(2, 3\)"):
        losses.SparseCategoricalCrossentropy()(np.array([0, 1, 2]), p)
    with pytest.raises(InvalidArgumentError, match="integer"):
        losses.SparseCategoricalCrossentropy()(np.array([0.5, 1.0]), p)


def test_sparse_cce_ignore_class():
    z = RNG.standard_normal((4, 3))
    lab = np.array([0, 2, -1, 1])
    per = -np.log(np_softmax(z))[np.arange(4), np.where(lab < 0, 0, lab)]
    per[2] = 0.0
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    assert float(loss(lab, z)) == pytest.approx(per.sum() / 3, rel=1e-10)
    none = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1, reduction="none")
    np.testing.assert_allclose(none(lab, z).numpy(), per, rtol=1e-10)


def test_categorical_cce():
    y_true = [[0, 1, 0], [0, 0, 1]]
    y_pred = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
    assert float(losses.CategoricalCrossentropy()(y_true, y_pred)) == pytest.approx(1.177, abs=1e-3)
    p = RNG.uniform(0.1, 1.0, (4, 5))  # unnormalised: Keras renormalises
    t = np.eye(5)[[0, 4, 2, 2]]
    q = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    expected = -(t * np.log(q)).sum(-1)
    np.testing.assert_allclose(losses.categorical_crossentropy(t, p).numpy(), expected, rtol=1e-10)
    ls = 0.2
    ts = t * (1 - ls) + ls / 5
    np.testing.assert_allclose(losses.categorical_crossentropy(t, p, label_smoothing=ls).numpy(),
                               -(ts * np.log(q)).sum(-1), rtol=1e-10)
    z = RNG.standard_normal((4, 5))
    expected_logits = -(ts * np.log(np_softmax(z))).sum(-1)
    cce = losses.CategoricalCrossentropy(from_logits=True, label_smoothing=ls)
    assert float(cce(t, z)) == pytest.approx(expected_logits.mean(), rel=1e-10)
    assert float(losses.CategoricalCrossentropy(label_smoothing=ls)(t, softmax_output(z))) == pytest.approx(
        expected_logits.mean(), rel=1e-10)
    with pytest.raises(InvalidArgumentError, match=r"\(4, 4\).*\(4, 5\)"):
        losses.categorical_crossentropy(np.eye(4), p)


def test_binary_cce():
    y_true = [[0.0, 1.0], [0.0, 0.0]]
    y_pred = [[0.6, 0.4], [0.4, 0.6]]
    assert float(losses.BinaryCrossentropy()(y_true, y_pred)) == pytest.approx(0.815, abs=1e-3)
    t = RNG.integers(0, 2, (5, 3)).astype(np.float64)
    p = RNG.uniform(0.05, 0.95, (5, 3))
    ls = 0.1
    tsm = t * (1 - ls) + 0.5 * ls
    expected = -(tsm * np.log(p) + (1 - tsm) * np.log(1 - p)).mean(-1)
    np.testing.assert_allclose(losses.binary_crossentropy(t, p, label_smoothing=ls).numpy(), expected, rtol=1e-10)
    z = RNG.standard_normal((5, 3))
    s = 1 / (1 + np.exp(-z))
    expected_l = -(t * np.log(s) + (1 - t) * np.log(1 - s)).mean(-1)
    np.testing.assert_allclose(losses.binary_crossentropy(t, z, from_logits=True).numpy(), expected_l, rtol=1e-9)
    zt = tf.constant(z)
    sig = tf.sigmoid(zt)
    sig._keras_logits = zt
    np.testing.assert_allclose(losses.binary_crossentropy(t, sig).numpy(), expected_l, rtol=1e-9)
    # (batch,) labels against (batch, 1) predictions
    out = losses.BinaryCrossentropy(reduction="none")(t[:, 0], p[:, :1])
    np.testing.assert_allclose(out.numpy(), -(t[:, 0] * np.log(p[:, 0]) + (1 - t[:, 0]) * np.log(1 - p[:, 0])),
                               rtol=1e-10)
    # clipping: a 0/1 probability gives a finite loss
    assert np.isfinite(float(losses.BinaryCrossentropy()([[1.0]], [[0.0]])))


def test_mse_mae_huber():
    t = RNG.standard_normal((4, 3))
    p = RNG.standard_normal((4, 3))
    assert float(losses.MeanSquaredError()(t, p)) == pytest.approx(((t - p) ** 2).mean(), rel=1e-10)
    assert float(losses.MeanAbsoluteError()(t, p)) == pytest.approx(np.abs(t - p).mean(), rel=1e-10)
    np.testing.assert_allclose(losses.mse(t, p).numpy(), ((t - p) ** 2).mean(-1), rtol=1e-10)
    np.testing.assert_allclose(losses.mae(t, p).numpy(), np.abs(t - p).mean(-1), rtol=1e-10)
    for delta in (1.0, 0.5):
        e = np.abs(p - t)
        h = np.where(e <= delta, 0.5 * e ** 2, delta * e - 0.5 * delta ** 2).mean(-1)
        np.testing.assert_allclose(losses.huber(t, p, delta).numpy(), h, rtol=1e-10)
        assert float(losses.Huber(delta)(t, p)) == pytest.approx(h.mean(), rel=1e-10)
    assert float(losses.Huber()([[0.0, 0.0]], [[0.5, 3.0]])) == pytest.approx(1.3125)
    with pytest.raises(InvalidArgumentError, match=r"\(4, 3\).*\(4, 2\)"):
        losses.MeanSquaredError()(t, p[:, :2])
    # (batch,) vs (batch, 1) is squeezed, not broadcast to (batch, batch)
    out = losses.MeanSquaredError(reduction="none")(t[:, 0], p[:, :1])
    np.testing.assert_allclose(out.numpy(), (t[:, 0] - p[:, 0]) ** 2, rtol=1e-10)


def test_reductions_and_sample_weight():
    t = RNG.standard_normal((4, 3))
    p = RNG.standard_normal((4, 3))
    per = ((t - p) ** 2).mean(-1)
    w = np.array([1.0, 0.0, 2.0, 0.5])
    mk = lambda r: losses.MeanSquaredError(reduction=r)
    assert float(mk("sum")(t, p)) == pytest.approx(per.sum(), rel=1e-10)
    np.testing.assert_allclose(mk("none")(t, p).numpy(), per, rtol=1e-10)
    np.testing.assert_allclose(mk(None)(t, p, sample_weight=w).numpy(), per * w, rtol=1e-10)
    assert float(mk("sum_over_batch_size")(t, p, sample_weight=w)) == pytest.approx((per * w).sum() / 4, rel=1e-10)
    assert float(mk("sum")(t, p, sample_weight=w.reshape(4, 1))) == pytest.approx((per * w).sum(), rel=1e-10)
    assert float(mk("mean_with_sample_weight")(t, p, sample_weight=w)) == pytest.approx(
        (per * w).sum() / w.sum(), rel=1e-10)
    assert float(mk("sum_over_batch_size")(t, p, sample_weight=2.0)) == pytest.approx(2 * per.mean(), rel=1e-10)
    with pytest.raises(InvalidArgumentError, match=r"\(3,\).*\(4,\)"):
        mk("sum")(t, p, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="reduction"):
        losses.MeanSquaredError(reduction="average")


def test_losses_are_differentiable_to_second_order():
    lab = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    check_grads(lambda t, p: losses.mean_squared_error(t, p), [RNG.standard_normal((2, 3)), RNG.standard_normal((2, 3))])
    check_grads(lambda p: losses.huber(tf.constant(lab), p, 0.7),
                [np.array([[0.1, 2.0, -0.3], [1.5, -1.2, 0.4]])])
    probs = RNG.uniform(0.2, 0.8, (2, 3))
    check_grads(lambda p: losses.categorical_crossentropy(tf.constant(lab), p), [probs])
    check_grads(lambda p: losses.binary_crossentropy(tf.constant(lab), p), [probs])
    check_grads(lambda z: losses.categorical_crossentropy(tf.constant(lab), z, from_logits=True),
                [RNG.standard_normal((2, 3))])
    check_grads(lambda p: losses.SparseCategoricalCrossentropy()(tf.constant([1.0, 0.0]), p), [probs])


def test_dtype_and_get():
    out = losses.SparseCategoricalCrossentropy()(np.array([0.0]), np.array([[0.5, 0.5]], np.float32))
    assert out.dtype == tf.float32 and out.shape == ()
    out64 = losses.SparseCategoricalCrossentropy(dtype="float32")(np.array([0]), np.array([[0.5, 0.5]]))
    assert out64.dtype == tf.float32
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("sparse_categorical_crossentropy") is losses.sparse_categorical_crossentropy
    assert isinstance(losses.get("SparseCategoricalCrossentropy"), losses.SparseCategoricalCrossentropy)
    obj = losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
    again = losses.deserialize(losses.serialize(obj))
    assert again.from_logits and again.label_smoothing == pytest.approx(0.1)
    assert losses.get(obj) is obj
    with pytest.raises(ValueError):
        losses.get("no_such_loss")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        losses.SparseCategoricalCrossentropy()(np.array([0.0]), softmax_output(np.zeros((1, 2))))


def test_custom_loss_subclass():
    class L1(losses.Loss):
        def call(self, y_true, y_pred):
            return tf.reduce_mean(tf.abs(y_pred - y_true), axis=-1)

    assert float(L1()(tf.constant([[1.0, 2.0]]), tf.constant([[2.0, 2.0]]))) == pytest.approx(0.5)
    assert float(L1(reduction="sum")(tf.constant([[1.0], [2.0]]), tf.constant([[2.0], [4.0]]))) == pytest.approx(3.0)


def test_negative_and_fractional_float_labels_raise_on_the_fused_path():
    """The seed passes float32 labels; -1.0 must not silently pick the last class."""
    import numpy as np
    import pytest

    import tapeflow as tf
    from tapeflow import keras
    from tapeflow.keras import layers

    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(inputs))
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    x = np.ones((2, 3), np.float32)
    for bad, word in [(np.array([0.0, -1.0], np.float32), "-1"), (np.array([0.0, 4.0], np.float32), "4"),
                      (np.array([0.5, 1.0], np.float32), "0.5")]:
        with pytest.raises(tf.errors.InvalidArgumentError, match=word):
            loss_fn(bad, model(x))
    ok = loss_fn(np.array([0.0, 3.0], np.float32), model(x))
    assert np.isfinite(float(ok))
