"""Tensor-creation ops: zeros/ones/fill/eye/range/linspace and shape queries, with TF's dtype rules."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf


def test_zeros_ones_shapes_and_dtypes():
    z = tf.zeros([2, 3])
    assert z.dtype == tf.float32 and z.shape == (2, 3) and not z.numpy().any()
    o = tf.ones((2,), dtype=tf.int64)
    assert o.dtype == tf.int64 and o.numpy().tolist() == [1, 1]
    assert tf.zeros(3).shape.as_list() == [3]
    assert tf.zeros([]).shape == () and float(tf.zeros([])) == 0.0
    assert tf.ones(tf.constant([2, 2])).shape.as_list() == [2, 2]  # shape given as a Tensor
    assert tf.ones(tf.TensorShape([4, 1])).shape.as_list() == [4, 1]
    assert tf.zeros([np.int64(2), 1]).shape.as_list() == [2, 1]
    assert tf.ones([0, 3]).shape.as_list() == [0, 3]
    assert tf.zeros([2], dtype="float64").dtype == tf.float64
    assert tf.ones([2], tf.bool).numpy().tolist() == [True, True]


def test_bad_shapes_raise():
    with pytest.raises(tf.errors.InvalidArgumentError, match="zeros"):
        tf.zeros([2, -1])
    with pytest.raises(TypeError, match="ones"):
        tf.ones([2.5])
    with pytest.raises(TypeError):
        tf.zeros("abc")
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.zeros(tf.constant([[2.0]]))


def test_like_ops_keep_dtype_and_shape():
    x = tf.constant([[1, 2, 3]])
    assert tf.zeros_like(x).dtype == tf.int32 and tf.zeros_like(x).numpy().tolist() == [[0, 0, 0]]
    assert tf.ones_like(x, dtype=tf.float32).dtype == tf.float32
    v = tf.Variable([1.0, 2.0], dtype=tf.float64)
    assert tf.ones_like(v).dtype == tf.float64 and tf.ones_like(v).numpy().tolist() == [1.0, 1.0]
    assert tf.zeros_like(v).shape == (2,)
    assert tf.zeros_like([1.5, 2.5]).dtype == tf.float32
    assert tf.ones_like(np.zeros((2, 2), np.float64)).dtype == tf.float64


def test_like_ops_are_not_differentiable():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(tf.ones_like(x) * 3.0)
    assert t.gradient(y, x) is None


def test_fill_values_dtype_and_gradient():
    assert tf.fill([2, 2], 7).numpy().tolist() == [[7, 7], [7, 7]]
    assert tf.fill([2], 7).dtype == tf.int32
    assert tf.fill((3,), 0.5).dtype == tf.float32
    assert tf.fill([2], tf.constant(1.0, tf.float64)).dtype == tf.float64
    v = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(v)
        y = tf.reduce_sum(tf.fill([2, 3], v) * tf.constant([[1.0, 2.0, 3.0]]))
    assert float(t.gradient(y, v)) == 12.0  # sum of the output gradient
    check_grads(lambda s: tf.fill([2, 3], s) * tf.fill([2, 3], s), [np.array(1.3)])
    with pytest.raises(tf.errors.InvalidArgumentError, match="fill"):
        tf.fill([2], tf.constant([1.0, 2.0]))


def test_eye():
    assert tf.eye(2).numpy().tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert tf.eye(2, 3).shape.as_list() == [2, 3]
    e = tf.eye(2, batch_shape=[3], dtype=tf.int32)
    assert e.shape.as_list() == [3, 2, 2] and e.dtype == tf.int32
    assert (e.numpy() == np.eye(2, dtype=np.int32)).all()
    assert tf.eye(3, num_columns=1).numpy().tolist() == [[1.0], [0.0], [0.0]]


def test_range_dtype_inference_and_values():
    r = tf.range(5)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [0, 1, 2, 3, 4]
    assert tf.range(2, 8, 2).numpy().tolist() == [2, 4, 6]
    assert tf.range(10, 0, -3).numpy().tolist() == [10, 7, 4, 1]
    f = tf.range(1.0, 2.0, 0.5)
    assert f.dtype == tf.float32 and f.numpy().tolist() == [1.0, 1.5]
    assert tf.range(0, 1, 0.1).shape.as_list() == [10]
    assert tf.range(0, 3, 1.0).dtype == tf.float32  # a float anywhere makes it float32
    assert tf.range(3, dtype=tf.float64).dtype == tf.float64
    assert tf.range(tf.constant(3, tf.int64)).dtype == tf.int64
    assert tf.range(np.float64(2.0)).dtype == tf.float64
    assert tf.range(0).shape.as_list() == [0]
    assert tf.range(tf.constant(4)).numpy().tolist() == [0, 1, 2, 3]
    with pytest.raises(tf.errors.InvalidArgumentError, match="delta"):
        tf.range(0, 5, 0)
    with pytest.raises(tf.errors.InvalidArgumentError, match="start"):
        tf.range(5, 0, 1)


def test_range_does_not_shadow_builtin_inside_package():
    assert list(range(3)) == [0, 1, 2]  # the test module's own builtin is untouched
    assert tf.range is not range


def test_linspace():
    x = tf.linspace(0.0, 1.0, 5)
    assert x.dtype == tf.float32 and x.numpy().tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert tf.linspace(tf.constant(0.0, tf.float64), 2.0, 3).dtype == tf.float64
    assert tf.linspace(1, 10, 4).numpy().tolist() == [1.0, 4.0, 7.0, 10.0]
    assert tf.linspace(0.0, 1.0, 1).numpy().tolist() == [0.0]
    two = tf.linspace(tf.constant([0.0, 10.0]), tf.constant([1.0, 20.0]), 3, axis=0)
    assert two.numpy().tolist() == [[0.0, 10.0], [0.5, 15.0], [1.0, 20.0]]


def test_shape_rank_size():
    x = tf.zeros([2, 3, 4])
    s = tf.shape(x)
    assert s.dtype == tf.int32 and s.numpy().tolist() == [2, 3, 4]
    assert tf.shape(x, out_type=tf.int64).dtype == tf.int64
    assert tf.shape(tf.constant(1.0)).numpy().tolist() == []
    r = tf.rank(x)
    assert r.dtype == tf.int32 and int(r) == 3
    n = tf.size(x)
    assert n.dtype == tf.int32 and int(n) == 24
    v = tf.Variable([[1.0, 2.0]])
    assert tf.shape(v).numpy().tolist() == [1, 2] and int(tf.size(v)) == 2 and int(tf.rank(v)) == 2
    assert tf.shape([[1, 2, 3]]).numpy().tolist() == [1, 3]
    # tf.shape(x)[0]-style use with ops
    assert (tf.shape(x) * 2).numpy().tolist() == [4, 6, 8]


def test_created_tensors_are_independent():
    a = tf.zeros([2])
    b = tf.zeros([2])
    assert a._value is not b._value
    e = tf.eye(2, batch_shape=[2])
    assert e._value.flags.writeable and e._value.base is None or e._value.flags.owndata
