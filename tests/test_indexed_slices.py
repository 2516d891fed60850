"""tf.IndexedSlices: the gradient of tf.gather as in TF 2.21 (values checked against TF's output)."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow import keras


def _v():
    return tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def test_gather_gradient_is_indexed_slices_printed_as_tf():
    v = _v()
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.gather(v, [2, 0, 2]) * 2.0)
    g = t.gradient(y, v)
    assert type(g) is tf.IndexedSlices
    assert str(g) == (
        "IndexedSlices(indices=tf.Tensor([2 0 2], shape=(3,), dtype=int32), values=tf.Tensor(\n[[2. 2.]\n [2. 2.]\n"
        " [2. 2.]], shape=(3, 2), dtype=float32), dense_shape=tf.Tensor([3 2], shape=(2,), dtype=int32))")
    assert g.shape == tf.TensorShape([3, 2]) and g.dtype == tf.float32
    assert tf.convert_to_tensor(g).numpy().tolist() == [[2.0, 2.0], [0.0, 0.0], [4.0, 4.0]]
    assert float(tf.reduce_sum(g)) == 12.0  # any op densifies it
    assert tf.convert_to_tensor(-g).numpy()[0].tolist() == [-2.0, -2.0]
    with pytest.raises(TypeError):
        0.1 * g  # as TF: IndexedSlices has no arithmetic operators but negation


def test_when_slices_stay_and_when_they_densify():
    v = _v()
    with tf.GradientTape(persistent=True) as t:
        a = tf.reduce_sum(tf.gather(v, [1]))
        b = a + tf.reduce_sum(v)  # a dense path too: dense result
        c = tf.reduce_sum(tf.gather(v * 1.0, [1]))  # through multiply: dense
        d = tf.reduce_sum(tf.gather(v, [1], axis=1))  # axis 1: dense
        e = tf.reduce_sum(tf.gather(tf.identity(v), [1]))  # identity passes slices through
        f = tf.reduce_sum(tf.gather(v, [0])) + tf.reduce_sum(tf.gather(v, [0, 2]))  # two slices: concatenated
    assert type(t.gradient(a, v)) is tf.IndexedSlices
    assert t.gradient(b, v).numpy().tolist() == [[1.0, 1.0], [2.0, 2.0], [1.0, 1.0]]
    assert t.gradient(c, v).numpy().tolist() == [[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    assert t.gradient(d, v).numpy().tolist() == [[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]
    assert type(t.gradient(e, v)) is tf.IndexedSlices
    gf = t.gradient(f, v)
    assert type(gf) is tf.IndexedSlices and sorted(gf.indices.numpy().tolist()) == [0, 0, 2]
    assert tf.convert_to_tensor(gf).numpy().tolist() == [[2.0, 2.0], [0.0, 0.0], [1.0, 1.0]]
    assert t.jacobian(a, v).numpy().tolist() == [[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]  # jacobians stay dense


def test_slices_are_differentiable_at_second_order():
    x0 = np.random.default_rng(0).standard_normal((4, 3))

    def f(x):
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.gather(x, [3, 1, 3]) ** 3)
        return tf.reduce_sum(tf.convert_to_tensor(inner.gradient(y, x)) * x)

    check_grads(f, [x0], order=2)


def test_optimizers_apply_slices_as_the_dense_gradient():
    emb = keras.layers.Embedding(5, 2, embeddings_initializer="ones")
    emb.build((None,))
    with tf.GradientTape() as t:
        out = tf.reduce_sum(emb(tf.constant([1, 3, 1])))
    (g,) = t.gradient(out, emb.trainable_variables)
    assert type(g) is tf.IndexedSlices
    keras.optimizers.SGD(0.5).apply_gradients([(g, emb.embeddings)])
    assert emb.embeddings.numpy()[:, 0].tolist() == [1.0, 0.0, 1.0, 0.5, 1.0]


def test_register_tensor_conversion_function():
    class Meters:
        def __init__(self, v):
            self.v = v

    tf.register_tensor_conversion_function(Meters, lambda m, dtype=None, name=None, as_ref=False: tf.constant(m.v))
    assert float(tf.constant(1.0) + Meters(2.0)) == 3.0
    with pytest.raises(TypeError):
        tf.register_tensor_conversion_function(float, lambda *a, **k: None)


def test_variable_sparse_updates_and_sliced_assign():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    v.scatter_add(tf.IndexedSlices(tf.constant([[1.0, 1.0], [1.0, 1.0]]), tf.constant([0, 0])))
    assert v.numpy().tolist() == [[3.0, 4.0], [3.0, 4.0], [5.0, 6.0]]
    v.scatter_update(tf.IndexedSlices(tf.constant([[0.0, 0.0]]), tf.constant([2])))
    v.scatter_sub(tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([1])))
    assert v.numpy().tolist() == [[3.0, 4.0], [2.0, 3.0], [0.0, 0.0]]
    assert v.scatter_nd_update([[0, 1]], [7.0]).numpy().tolist()[0] == [3.0, 7.0]
    assert v.initial_value.numpy().tolist() == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    assert v.sparse_read([1]).numpy().tolist() == [[2.0, 3.0]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of range"):
        v.scatter_nd_add([[5, 0]], [1.0])
    w = tf.Variable([[1, 2, 3], [4, 5, 6]])
    w.batch_scatter_update(tf.IndexedSlices(tf.constant([[9], [8]]), tf.constant([[2], [0]])))
    assert w.numpy().tolist() == [[1, 2, 9], [8, 5, 6]]
    u = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        y = u[1] * 2.0
    assert t.gradient(y, u).numpy().tolist() == [0.0, 2.0, 0.0]
    u[1:].assign([5.0, 6.0])
    assert u.numpy().tolist() == [1.0, 5.0, 6.0]
    with pytest.raises(ValueError, match="slice"):
        u[1:].assign([1.0])
    assert u.aggregation is tf.VariableAggregation.NONE and u.synchronization is tf.VariableSynchronization.AUTO
