"""Tensor and Variable basics: conversion rules, printing, Python operators, conversions, Variables."""

from __future__ import annotations

import operator

import numpy as np
import pytest

import tapeflow as tf

# --- tf.constant conversion rules ---------------------------------------------------------------


@pytest.mark.parametrize("value,dtype", [
    (2.0, tf.float32), (2, tf.int32), (2**40, tf.int64), (-(2**31), tf.int32), (2**31, tf.int64), (True, tf.bool),
    ([1.0, 2], tf.float32), ([[1, 2], [3, 4]], tf.int32), ([1, 2**40], tf.int64), ([True, False], tf.bool),
    (np.array([1.0, 2.0]), tf.float64), (np.array([1, 2], np.int16), tf.int16), (np.float64(1.5), tf.float64),
    (np.float32(1.5), tf.float32), (np.array(3, np.uint8), tf.uint8),
])
def test_constant_dtype_inference(value, dtype):
    assert tf.constant(value).dtype == dtype


def test_constant_nested_lists_and_shape_argument():
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert t.shape == (2, 3) and t.ndim == 2 and t.shape.as_list() == [2, 3]
    assert isinstance(t.shape, tf.TensorShape) and t.shape.rank == 2
    assert t.numpy().tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert tf.constant(0.0, shape=[2, 2]).numpy().tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert tf.constant([1, 2, 3, 4], shape=[2, 2]).numpy().tolist() == [[1, 2], [3, 4]]
    assert tf.constant(1, dtype=tf.float64).dtype == tf.float64
    with pytest.raises(TypeError):
        tf.constant([1, 2, 3], shape=[2, 2])
    with pytest.raises(TypeError):
        tf.constant(1.5, dtype=tf.int32)


def test_constant_copies_numpy_input():
    a = np.array([1.0, 2.0])
    t = tf.constant(a)
    a[0] = 100.0
    assert t.numpy().tolist() == [1.0, 2.0]
    n = t.numpy()
    n[1] = 50.0  # numpy() hands out a copy: the tensor is immutable
    assert t.numpy().tolist() == [1.0, 2.0]


def test_tensor_shape():
    s = tf.TensorShape([2, None, 3])
    assert s.as_list() == [2, None, 3] and s.rank == 3 and not s.is_fully_defined()
    assert s.num_elements() is None and tf.TensorShape([2, 3]).num_elements() == 6
    assert s[1:].as_list() == [None, 3] and s[0] == 2
    assert tf.TensorShape([2, 3]) == (2, 3) and tf.TensorShape([]).as_list() == []


def test_str_and_repr_format():
    # every expected string below is what TensorFlow 2.21 printed (NumPy 2)
    assert str(tf.constant(2.0)) == "tf.Tensor(2.0, shape=(), dtype=float32)"
    assert str(tf.constant(3)) == "tf.Tensor(3, shape=(), dtype=int32)"
    assert str(tf.constant([1, 2])) == "tf.Tensor([1 2], shape=(2,), dtype=int32)"
    assert str(tf.constant([[1.0, 2.0], [3.0, 4.0]])) == "tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)"
    assert repr(tf.constant(0.1)) == "<tf.Tensor: shape=(), dtype=float32, numpy=0.10000000149011612>"
    assert str(tf.constant(0.1)) == "tf.Tensor(0.1, shape=(), dtype=float32)"
    assert repr(tf.constant(True)) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"
    assert repr(tf.constant([1, 2, 3])) == "<tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>"
    assert repr(tf.zeros([2, 0])) == "<tf.Tensor: shape=(2, 0), dtype=float32, numpy=array([], shape=(2, 0), dtype=float32)>"
    assert str(tf.zeros([0])) == "tf.Tensor([], shape=(0,), dtype=float32)"
    assert str(tf.range(2000)) == "tf.Tensor([   0    1    2 ... 1997 1998 1999], shape=(2000,), dtype=int32)"
    assert repr(tf.range(2000)) == (
        "<tf.Tensor: shape=(2000,), dtype=int32, numpy=\narray([   0,    1,    2, ..., 1997, 1998, 1999],\n"
        "      shape=(2000,), dtype=int32)>"
    )


def test_format_as_tf():
    t = tf.constant(0.1)
    assert f"{t:.3f}" == "0.100" and f"{t}" == "0.10000000149011612" and format(t) == f"{t}"
    a = tf.constant([[0.1, 2.0], [3.0, 4.0]])
    assert f"{a}" == "[[0.1 2. ]\n [3.  4. ]]"
    with pytest.raises(TypeError):
        f"{a:.2f}"


def test_variable_and_dtype_print_as_tf():
    v = tf.Variable(0.1, name="x")
    assert v.name == "x:0" and tf.Variable(1.0).name == "Variable:0"
    assert repr(v) == str(v) == "<tf.Variable 'x:0' shape=() dtype=float32, numpy=0.10000000149011612>"
    assert repr(tf.Variable([[1.0, 2.0], [3.0, 4.0]])) == (
        "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>"
    )
    assert repr(tf.float32) == "tf.float32" and str(tf.float32) == "<dtype: 'float32'>"
    assert str([tf.float32]) == "[tf.float32]"


def test_keras_variables_print_as_keras():
    from tapeflow import keras

    layer = keras.layers.Dense(2)
    layer.build((None, 3))
    assert layer.bias.name == "bias" and layer.bias.path == "dense/bias" or layer.bias.path.endswith("/bias")
    assert repr(layer.bias) == f"<Variable path={layer.bias.path}, shape=(2,), dtype=float32, value=[0. 0.]>"
    assert repr(keras.Variable(1.0)) == "<Variable path=variable, shape=(), dtype=float32, value=1.0>"


def test_print_of_seed_gradient(capsys):
    x = tf.constant(1)
    with tf.GradientTape() as t:
        t.watch(x)
        y = 2 * x
    print(t.gradient(y, x))
    assert capsys.readouterr().out.strip() == "tf.Tensor(2.0, shape=(), dtype=float32)"


# --- operators ----------------------------------------------------------------------------------

A = np.array([[1.0, 2.0], [3.0, -4.0]], np.float32)
B = np.array([[0.5, -1.0], [2.0, 3.0]], np.float32)

ARITH = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow, operator.floordiv,
         operator.mod, operator.matmul]


@pytest.mark.parametrize("op", ARITH, ids=lambda o: o.__name__)
def test_arithmetic_operators_all_operand_kinds(op):
    a, b = (np.abs(A), np.abs(B)) if op is operator.pow else (A, B)
    ref = op(a.astype(np.float64), b.astype(np.float64))
    ta, tb = tf.constant(a), tf.constant(b)
    for left, right in [(ta, tb), (ta, b), (a, tb)]:  # tensor-tensor, tensor-ndarray, reflected ndarray-tensor
        out = op(left, right)
        assert isinstance(out, tf.Tensor) and out.dtype == tf.float32
        np.testing.assert_allclose(out.numpy(), ref, rtol=1e-5)


@pytest.mark.parametrize("op", ARITH[:7], ids=lambda o: o.__name__)
def test_python_scalars_on_either_side(op):
    t = tf.constant(np.abs(A))
    np.testing.assert_allclose(op(t, 2.0).numpy(), op(np.abs(A), 2.0), rtol=1e-6)
    np.testing.assert_allclose(op(2.0, t).numpy(), op(2.0, np.abs(A)), rtol=1e-6)
    assert op(t, 2).dtype == tf.float32 and op(3, t).dtype == tf.float32


def test_unary_operators_and_comparisons():
    t, u = tf.constant(A), tf.constant(B)
    assert (-t).numpy().tolist() == (-A).tolist()
    assert abs(t).numpy().tolist() == np.abs(A).tolist()
    assert (+t).numpy().tolist() == A.tolist()
    for op in [operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne]:
        assert op(t, u).numpy().tolist() == op(A, B).tolist()
        assert op(t, B).numpy().tolist() == op(A, B).tolist()
        assert op(t, 1.0).numpy().tolist() == op(A, 1.0).tolist()
        assert op(t, u).dtype == tf.bool
    assert (1.0 < t).numpy().tolist() == (1.0 < A).tolist()
    assert (tf.constant([True, False]) & tf.constant([True, True])).numpy().tolist() == [True, False]


def test_integer_operators():
    a = tf.constant([7, -7])
    assert (a // 2).numpy().tolist() == [3, -4]
    assert (a % 3).numpy().tolist() == [1, 2]
    assert (a / 2).dtype == tf.float64  # int / int -> float64, as TF
    assert (a * 2).dtype == tf.int32 and (a ** 2).numpy().tolist() == [49, 49]


def test_operator_dtype_mismatch_is_an_error():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.constant(1.0) + tf.constant(1.0, dtype=tf.float64)
    assert isinstance(e.value, ValueError) and "float32" in str(e.value) and "float64" in str(e.value)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant([1]) * tf.constant([1.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="matmul"):
        tf.ones([2, 3]) @ tf.ones([2, 3])


# --- Python conversions -------------------------------------------------------------------------


def test_scalar_conversions():
    assert float(tf.constant(2.5)) == 2.5 and isinstance(float(tf.constant(2.5)), float)
    assert int(tf.constant(3.7)) == 3 and int(tf.constant(4)) == 4
    assert bool(tf.constant(True)) is True and bool(tf.constant(0.0)) is False
    assert [10, 20, 30][tf.constant(1)] == 20  # __index__ on integer scalars
    for conv in (float, int, bool):
        with pytest.raises(TypeError, match=r"\(2,\)"):
            conv(tf.constant([1.0, 2.0]))
    if tf.constant(1.0) > 0.5:  # a scalar comparison works in an `if`
        pass
    with pytest.raises(TypeError):
        [1, 2][tf.constant(1.0)]


def test_len_iter_array():
    t = tf.constant([[1, 2], [3, 4], [5, 6]])
    assert len(t) == 3
    rows = list(t)
    assert len(rows) == 3 and rows[2].numpy().tolist() == [5, 6] and isinstance(rows[0], tf.Tensor)
    with pytest.raises(TypeError):
        len(tf.constant(1.0))
    with pytest.raises(TypeError):
        iter(tf.constant(1.0))
    arr = np.asarray(t)
    assert isinstance(arr, np.ndarray) and arr.dtype == np.int32 and arr.tolist() == [[1, 2], [3, 4], [5, 6]]
    assert np.array(tf.constant([1.0]), dtype=np.float64).dtype == np.float64
    assert np.sum(tf.constant([1.0, 2.0])) == 3.0


def test_tensors_are_unhashable_but_have_refs():
    t = tf.constant(1.0)
    with pytest.raises(TypeError):
        hash(t)
    d = {t.ref(): 1}
    assert d[t.ref()] == 1 and t.ref().deref() is t


# --- Variables ----------------------------------------------------------------------------------


def test_variable_basics_and_assignment():
    v = tf.Variable([1.0, 2.0])
    assert v.dtype == tf.float32 and v.shape == (2,) and v.trainable
    assert v.numpy().tolist() == [1.0, 2.0]
    r = v.assign([3.0, 4.0])  # as TF eager: the same variable, printed as 'UnreadVariable'
    assert r.name == "UnreadVariable" and type(r).__name__ == "_UnreadVariable" and v.numpy().tolist() == [3.0, 4.0]
    assert repr(r) == "<tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, numpy=array([3., 4.], dtype=float32)>"
    r.assign_add([1.0, 1.0])
    assert v.numpy().tolist() == [4.0, 5.0] and r._id == v._id
    v.assign_sub([1.0, 1.0])
    v.assign_add([1.0, 1.0])
    assert v.numpy().tolist() == [4.0, 5.0]
    v.assign_sub(tf.constant([0.5, 0.5]))
    assert v.read_value().numpy().tolist() == [3.5, 4.5]
    assert isinstance(v.read_value(), tf.Tensor)
    assert tf.Variable(1, dtype=tf.float64).dtype == tf.float64
    assert tf.Variable(3).dtype == tf.int32
    assert tf.Variable(lambda: tf.zeros([2])).shape == (2,)
    assert not tf.Variable(1.0, trainable=False).trainable


def test_variable_assign_errors():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match="shape"):
        v.assign([1.0, 2.0, 3.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="int32"):
        v.assign(tf.constant([1, 2]))
    with pytest.raises(ValueError):
        v.assign_add([1.0])
    assert v.numpy().tolist() == [1.0, 2.0]  # failed assignments leave it unchanged


def test_variable_in_every_kind_of_op():
    v = tf.Variable([[1.0, -2.0], [3.0, 4.0]])
    m = v.numpy()
    np.testing.assert_allclose((v + 1).numpy(), m + 1)
    np.testing.assert_allclose((1 - v).numpy(), 1 - m)
    np.testing.assert_allclose((v * v).numpy(), m * m)
    np.testing.assert_allclose((v @ v).numpy(), m @ m)
    np.testing.assert_allclose((v ** 2).numpy(), m**2)
    np.testing.assert_allclose((-v).numpy(), -m)
    np.testing.assert_allclose(tf.exp(v).numpy(), np.exp(m), rtol=1e-6)
    np.testing.assert_allclose(tf.maximum(v, 0.0).numpy(), np.maximum(m, 0))
    np.testing.assert_allclose(tf.reduce_mean(v, axis=0).numpy(), m.mean(0))
    assert tf.argmax(v, axis=1).numpy().tolist() == [0, 1]
    assert (v > 0.0).numpy().tolist() == [[True, False], [True, True]]
    assert tf.where(v > 0.0, v, tf.zeros_like(v)).numpy().tolist() == [[1.0, 0.0], [3.0, 4.0]]
    np.testing.assert_allclose(np.asarray(v), m)
    assert float(tf.Variable(2.5)) == 2.5 and len(v) == 2


def test_variable_gradient_and_snapshot_semantics():
    v = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = v * v
    v.assign(100.0)  # after recording: must not change what the tape saw
    assert float(t.gradient(y, v)) == 6.0
    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = tf.reduce_sum(w * w)
        w.assign_add([10.0, 10.0])  # in-place update inside the tape, after the read
    assert t.gradient(y, w).numpy().tolist() == [2.0, 4.0]


def test_non_trainable_variable_is_not_watched():
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as t:
        y = v * v
    assert t.gradient(y, v) is None
    with tf.GradientTape() as t:
        t.watch(v)
        y = v * v
    assert float(t.gradient(y, v)) == 4.0


def test_tensor_shape_unknown_rank_as_tf():
    u = tf.TensorShape(None)
    assert repr(u) == "TensorShape(None)" and str(u) == "<unknown>" and u.rank is None and u.dims is None
    assert u.is_compatible_with([2, 3]) and tf.TensorShape([2, None]).is_compatible_with(u)
    assert not u.is_fully_defined() and u.num_elements() is None and u == tf.TensorShape(None)
    with pytest.raises(ValueError, match="unknown TensorShape"):
        u.as_list()
    with pytest.raises(ValueError):
        len(u)
    assert tf.TensorShape([2, None]).merge_with([None, 3]) == (2, 3)
    assert tf.TensorShape([2, 3]).most_specific_compatible_shape([2, 4]).as_list() == [2, None]
    assert tf.TensorShape([1]).concatenate(u).rank is None and u.with_rank(2).as_list() == [None, None]
    with pytest.raises(ValueError, match="incompatible"):
        tf.TensorShape([2]).merge_with([3])
    v = tf.Variable([1.0, 2.0], shape=tf.TensorShape(None))
    assert str(v.shape) == "<unknown>"
    v.assign([1.0, 2.0, 3.0])  # an unknown-shape variable takes any shape, as TF
    assert v.numpy().tolist() == [1.0, 2.0, 3.0]
