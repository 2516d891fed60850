"""tf.RaggedTensor and tf.ragged: values, printing and errors checked against TensorFlow 2.21
(expected strings below are what TF printed), gradients against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError
from tapeflow.ragged import _DISPATCH
from tapeflow.ragged_tensor import RaggedTensor, ragged_reduce


def rc(x, **kw):
    return tf.ragged.constant(x, **kw)


# --- printing --------------------------------------------------------------------------------------------


def test_print_int_rows():
    rt = rc([[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]])
    assert str(rt) == "<tf.RaggedTensor [[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]]>"
    assert repr(rt) == str(rt)


def test_print_strings_floats_bools():
    rt = rc([[b"Gray", b"wolf"], [b"Quick", b"brown", b"fox"], [b"Lazy", b"dog"]])
    assert str(rt) == "<tf.RaggedTensor [[b'Gray', b'wolf'], [b'Quick', b'brown', b'fox'], [b'Lazy', b'dog']]>"
    assert rt.dtype == tf.string
    assert repr(rc([[1.5, 2.0], []])) == "<tf.RaggedTensor [[1.5, 2.0], []]>"
    assert str(rc([[True], [False, True]])) == "<tf.RaggedTensor [[True], [False, True]]>"
    assert str(rc([[1e10, 2.5e-8], [3.25]])) == "<tf.RaggedTensor [[1e+10, 2.5e-08], [3.25]]>"
    assert str(rc([["a", "b"], []])) == "<tf.RaggedTensor [[b'a', b'b'], []]>"


def test_print_nested_and_uniform():
    assert str(rc([[[1, 2], [3]], [[4]]])) == "<tf.RaggedTensor [[[1, 2], [3]], [[4]]]>"
    assert str(rc([[[1, 2]], [[3, 4], [5, 6]]], ragged_rank=1)) == (
        "<tf.RaggedTensor [[[1, 2]], [[3, 4],\n            [5, 6]]]>")
    assert str(rc([[2**40], [3]])) == "<tf.RaggedTensor [[1099511627776],\n [3]]>"
    assert str(RaggedTensor.from_row_splits(tf.zeros([0, 3]), [0])) == "<tf.RaggedTensor []>"
    assert str(RaggedTensor.from_row_splits(tf.zeros([4, 0]), [0, 0, 4])) == "<tf.RaggedTensor [[], [[], [], [], []]]>"


def test_print_long_wraps_like_numpy():
    big = rc([list(range(i)) for i in range(23)])
    lines = str(big).split("\n")
    assert lines[0] == "<tf.RaggedTensor [[], [0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 4],"
    assert lines[-2] == " [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,"
    assert lines[-1] == "  21]                                                                      ]>"


def test_numpy_object_array():
    r = RaggedTensor.from_row_splits([1.0, 2, 3], [0, 2, 3])
    a = r.numpy()
    assert a.dtype == object and a.shape == (2,)
    assert a[0].tolist() == [1.0, 2.0] and a[0].dtype == np.float32
    assert rc([[1, 2], [3, 4]]).numpy().tolist() == [[1, 2], [3, 4]]
    assert RaggedTensor.from_row_splits(tf.zeros([0, 3]), [0]).numpy().shape == (0, 0, 3)


# --- constructors --------------------------------------------------------------------------------------------


def test_from_row_splits_and_lengths_dtypes():
    r = RaggedTensor.from_row_splits([1.0, 2, 3], [0, 2, 3])
    assert r.row_splits.dtype == tf.int64 and r.values.dtype == tf.float32
    assert RaggedTensor.from_row_splits([1, 2, 3], tf.constant([0, 3])).row_splits.dtype == tf.int32
    r = RaggedTensor.from_row_lengths(tf.range(8), [3, 5])
    assert str(r) == "<tf.RaggedTensor [[0, 1, 2], [3, 4, 5, 6, 7]]>"
    assert r.row_splits.numpy().tolist() == [0, 3, 8]
    assert RaggedTensor.from_row_lengths([1, 2, 3], tf.constant([1, 2])).row_splits.numpy().tolist() == [0, 1, 3]


def test_constructor_errors():
    with pytest.raises(InvalidArgumentError, match="do not form a valid RaggedTensor"):
        RaggedTensor.from_row_splits([1, 2, 3], [0, 2])
    with pytest.raises(InvalidArgumentError):
        RaggedTensor.from_row_splits([1, 2, 3], [1, 3])
    with pytest.raises(InvalidArgumentError):
        RaggedTensor.from_row_splits([1, 2, 3], [0, 2, 1, 3])
    with pytest.raises(ValueError, match="row_splits tensor may not be empty."):
        RaggedTensor.from_row_splits([1, 2, 3], [])
    with pytest.raises(ValueError, match="row_splits must have dtype int32 or int64"):
        RaggedTensor.from_row_splits([1, 2, 3], [0.0, 3.0])
    with pytest.raises(ValueError, match=r"Shape \(1, 2\) must have rank 1"):
        RaggedTensor.from_row_splits([1, 2, 3], [[0, 3]])
    with pytest.raises(InvalidArgumentError):
        RaggedTensor.from_row_lengths([1, 2, 3], [-1, 4])
    with pytest.raises(ValueError, match="uniform_row_length=4 times nrows=1 must equal nvals=6"):
        RaggedTensor.from_uniform_row_length([1, 2, 3, 4, 5, 6], 4)
    with pytest.raises(ValueError, match="Expected nrows >= value_rowids"):
        RaggedTensor.from_value_rowids([3, 1, 4, 1, 5], [0, 0, 2, 2, 2], nrows=2)
    with pytest.raises(ValueError, match=r"Shapes \(5,\) and \(4,\) are incompatible"):
        RaggedTensor.from_value_rowids([3, 1, 4, 1, 5], [0, 0, 2, 2])
    with pytest.raises(ValueError, match="constructor is private"):
        RaggedTensor([1], [0, 1])
    inner = RaggedTensor.from_row_splits([1, 2, 3], tf.constant([0, 1, 3]))
    with pytest.raises(ValueError, match="must have same dtype"):
        RaggedTensor.from_row_splits(inner, tf.constant([0, 2], tf.int64))
    # a Python list takes the inner splits' dtype
    assert RaggedTensor.from_row_splits(inner, [0, 2]).row_splits.dtype == tf.int32


def test_other_factories():
    assert RaggedTensor.from_value_rowids([3, 1, 4, 1, 5], [0, 0, 2, 2, 2], nrows=4).to_list() == [[3, 1], [], [4, 1, 5], []]
    assert RaggedTensor.from_value_rowids([3, 1, 4, 1, 5], [0, 0, 2, 2, 2]).to_list() == [[3, 1], [], [4, 1, 5]]
    assert RaggedTensor.from_row_starts([3, 1, 4, 1, 5], [0, 2, 2]).to_list() == [[3, 1], [], [4, 1, 5]]
    assert RaggedTensor.from_row_limits([3, 1, 4, 1, 5], [2, 2, 5]).to_list() == [[3, 1], [], [4, 1, 5]]
    u = RaggedTensor.from_uniform_row_length([1, 2, 3, 4, 5, 6], 2)
    assert u.shape.as_list() == [3, 2] and int(u.uniform_row_length) == 2
    assert str(u) == "<tf.RaggedTensor [[1, 2],\n [3, 4],\n [5, 6]]>"
    assert u[:, 1].numpy().tolist() == [2, 4, 6]
    assert RaggedTensor.from_nested_row_splits([1, 2, 3, 4, 5], ([0, 2, 3], [0, 1, 3, 5])).to_list() == \
        [[[1], [2, 3]], [[4, 5]]]
    assert RaggedTensor.from_nested_row_lengths([1, 2, 3, 4, 5], ([2, 1], [1, 2, 2])).to_list() == \
        [[[1], [2, 3]], [[4, 5]]]


def test_from_tensor():
    dt = tf.constant([[5, 7, 0], [0, 3, 0], [6, 0, 0]])
    r = RaggedTensor.from_tensor(dt)
    assert r.shape.as_list() == [3, 3]
    assert RaggedTensor.from_tensor(dt, lengths=[1, 0, 3]).to_list() == [[5], [], [6, 0, 0]]
    assert RaggedTensor.from_tensor(dt, lengths=[1, 0, 4]).to_list() == [[5], [], [6, 0, 0]]  # clipped, as TF
    assert RaggedTensor.from_tensor(dt, padding=0).to_list() == [[5, 7], [0, 3], [6]]
    assert RaggedTensor.from_tensor(dt, padding=0, row_splits_dtype=tf.int32).row_splits.dtype == tf.int32
    dt3 = tf.constant([[[5, 7], [0, 0]], [[0, 3], [0, 0]], [[6, 0], [0, 1]]])
    assert RaggedTensor.from_tensor(dt3, padding=[0, 0]).to_list() == [[[5, 7]], [[0, 3]], [[6, 0], [0, 1]]]
    r2 = RaggedTensor.from_tensor(dt3, ragged_rank=2, padding=0)
    assert r2.shape.as_list() == [3, 2, None]
    assert r2.to_list() == [[[5, 7], []], [[0, 3], []], [[6], [0, 1]]]
    assert RaggedTensor.from_tensor(dt3, ragged_rank=2, lengths=([1, 2, 1], [1, 2, 0, 1])).to_list() == \
        [[[5]], [[0, 3], []], [[6]]]
    with pytest.raises(ValueError, match="must have rank at least 4"):
        RaggedTensor.from_tensor(dt3, ragged_rank=3)
    with pytest.raises(ValueError, match="not both"):
        RaggedTensor.from_tensor(dt, lengths=[1, 0, 3], padding=0)
    with pytest.raises(ValueError, match=r"Shapes \(\) and \(2,\) are incompatible"):
        RaggedTensor.from_tensor(dt3, padding=0)


def test_ragged_constant():
    rt = rc([[1, 2], [3]])
    assert rt.dtype == tf.int32 and rt.row_splits.dtype == tf.int64 and rt.shape.as_list() == [2, None]
    assert rc([[1, 2], [3.5]]).dtype == tf.float32
    assert rc([[1, 2], [3]], dtype=tf.float32).to_list() == [[1.0, 2.0], [3.0]]
    assert rc([[1, 2], [3]], row_splits_dtype=tf.int32).row_splits.dtype == tf.int32
    assert rc([[], []]).shape.as_list() == [2, None] and rc([[], []]).dtype == tf.float32
    assert rc([[[], []], []], ragged_rank=1).shape.as_list() == [2, None, 0]
    assert rc([[[1, 2], [3, 4]], [[4, 5]]], inner_shape=(2,)).shape.as_list() == [2, None, 2]
    assert rc([[[1, 2], [3, 4]], [[4, 5]]], ragged_rank=2).shape.as_list() == [2, None, None]
    assert isinstance(rc([1, 2]), tf.Tensor) and isinstance(rc(3), tf.Tensor)
    assert rc([[2**40], [3]]).dtype == tf.int64
    with pytest.raises(ValueError, match="all scalar values must have the same nesting depth"):
        rc([[1, [2]], [3]])
    with pytest.raises(ValueError, match="inner values have inconsistent shape"):
        rc([[[1, 2], [3]], [[4]]], ragged_rank=1)
    with pytest.raises(ValueError, match="requires scalar value depth greater than 3"):
        rc([[[1, 2], [3, 4]], [[4, 5]]], ragged_rank=3)


# --- properties and indexing ---------------------------------------------------------------------------------


def test_partition_queries():
    rt = rc([[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]])
    assert rt.row_lengths().numpy().tolist() == [4, 2, 3, 1] and rt.row_lengths().dtype == tf.int64
    assert int(rt.nrows()) == 4 and rt.nrows().dtype == tf.int64
    assert rt.row_starts().numpy().tolist() == [0, 4, 6, 9]
    assert rt.row_limits().numpy().tolist() == [4, 6, 9, 10]
    assert rt.value_rowids().numpy().tolist() == [0, 0, 0, 0, 1, 1, 2, 2, 2, 3]
    assert rt.bounding_shape().numpy().tolist() == [4, 4]
    assert rt.ragged_rank == 1 and rt.uniform_row_length is None
    assert len(rt.nested_row_splits) == 1
    r3 = rc([[[1, 2], [3]], [[4]]])
    assert r3.row_lengths(axis=2).to_list() == [[2, 1], [1]]
    assert r3.row_lengths(axis=-1).to_list() == [[2, 1], [1]]
    assert [x.numpy().tolist() for x in r3.nested_row_lengths()] == [[2, 1], [2, 1, 1]]
    assert r3.bounding_shape().numpy().tolist() == [2, 2, 2]
    assert int(r3.bounding_shape(axis=1)) == 2
    with pytest.raises(ValueError, match="axis=3 out of bounds"):
        r3.row_lengths(axis=3)
    with pytest.raises(TypeError, match="RaggedTensor may not be used as a boolean."):
        bool(rt)
    with pytest.raises(TypeError, match="RaggedTensor is unhashable."):
        hash(rt)


def test_getitem_and_iteration():
    rt = rc([[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]])
    assert str(rt[1]) == "tf.Tensor([4 5], shape=(2,), dtype=int32)"
    assert rt[1:3].to_list() == [[4, 5], [6, 7, 8]]
    assert rt[:, 1:].to_list() == [[1, 2, 3], [5], [7, 8], []]
    assert rt[:, ::2].to_list() == [[0, 2], [4], [6, 8], [9]]
    assert rt[:, -2:].to_list() == [[2, 3], [4, 5], [7, 8], [9]]
    assert rt[::-1].to_list() == [[9], [6, 7, 8], [4, 5], [0, 1, 2, 3]]
    assert int(rt[1, 1]) == 5 and int(rt[-1][0]) == 9
    assert [x.numpy().tolist() for x in rt] == [[0, 1, 2, 3], [4, 5], [6, 7, 8], [9]]
    with pytest.raises(ValueError, match="Cannot index into an inner ragged dimension."):
        rt[:, 0]
    with pytest.raises(IndexError, match="Row key 4 out of bounds"):
        rt[4]
    r3 = rc([[[1, 2], [3]], [[4]]])
    assert r3[:, :, 1:].to_list() == [[[2], []], [[]]]
    assert r3[1, 0].numpy().tolist() == [4]
    assert rc([[[1, 2], [3, 4]], [[4, 4]]], ragged_rank=1)[:, :, 1].to_list() == [[2, 4], [4]]


def test_to_tensor_and_sparse():
    rt = rc([[9, 8, 7], [], [6, 5], [4]])
    assert rt.to_tensor().numpy().tolist() == [[9, 8, 7], [0, 0, 0], [6, 5, 0], [4, 0, 0]]
    assert rt.to_tensor(default_value=-1, shape=[3, 2]).numpy().tolist() == [[9, 8], [-1, -1], [6, 5]]
    assert rt.to_tensor(default_value=-1, shape=[5, 4]).numpy().tolist() == [
        [9, 8, 7, -1], [-1, -1, -1, -1], [6, 5, -1, -1], [4, -1, -1, -1], [-1, -1, -1, -1]]
    assert rc([["a"], ["b", "c"]]).to_tensor().numpy().tolist() == [[b"a", b""], [b"b", b"c"]]
    r = rc([[[1.0, 2.0]], [[3.0, 4.0], [5.0, 6.0]]], ragged_rank=1)
    assert r.to_tensor(default_value=[7.0, 8.0]).numpy().tolist() == [[[1, 2], [7, 8]], [[3, 4], [5, 6]]]
    with pytest.raises(InvalidArgumentError):
        r.to_tensor(shape=[2, 1, 1])
    assert rc([[], []]).to_tensor().shape.as_list() == [2, 0]
    st = rt.to_sparse()
    assert st.indices.numpy().tolist() == [[0, 0], [0, 1], [0, 2], [2, 0], [2, 1], [3, 0]]
    assert st.values.numpy().tolist() == [9, 8, 7, 6, 5, 4] and st.dense_shape.numpy().tolist() == [4, 3]
    st2 = r.to_sparse()
    assert st2.indices.numpy().tolist() == [[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
    back = RaggedTensor.from_sparse(st)
    assert back.to_list() == rt.to_list()


def test_merge_dims_and_with_values():
    rt = rc([[[1, 2], [3]], [[4, 5, 6]]])
    assert rt.merge_dims(0, 1).to_list() == [[1, 2], [3], [4, 5, 6]]
    assert rt.merge_dims(1, 2).to_list() == [[1, 2, 3], [4, 5, 6]]
    assert rt.merge_dims(0, -1).numpy().tolist() == [1, 2, 3, 4, 5, 6]
    with pytest.raises(ValueError, match=r"Expected outer_axis \(2\) to be less than or equal to inner_axis \(1\)."):
        rt.merge_dims(2, 1)
    r4 = rc([[[[1, 2]], [[3, 4]]], [[[4, 5]]]], ragged_rank=1)
    assert r4.merge_dims(1, 3).to_list() == [[1, 2, 3, 4], [4, 5]]
    assert r4.merge_dims(2, 3).to_list() == [[[1, 2], [3, 4]], [[4, 5]]]
    r = rc([[1, 2], [3]])
    assert r.with_values(tf.constant([10, 20, 30])).to_list() == [[10, 20], [30]]
    assert r.with_row_splits_dtype(tf.int32).row_splits.dtype == tf.int32
    with pytest.raises(ValueError):
        r.with_values(tf.constant([10, 20]))


# --- operators ------------------------------------------------------------------------------------------------


def test_arithmetic_and_broadcasting():
    rt = rc([[1.0, 2.0], [3.0], [4.0, 5.0, 6.0]])
    assert str(rt + 1) == "<tf.RaggedTensor [[2.0, 3.0], [4.0], [5.0, 6.0, 7.0]]>"
    assert (2 * rt).to_list() == [[2, 4], [6], [8, 10, 12]]
    assert (rt + rt).to_list() == [[2, 4], [6], [8, 10, 12]]
    assert (rt + tf.constant([[1.0], [2.0], [3.0]])).to_list() == [[2, 3], [5], [7, 8, 9]]
    assert rt.__rsub__(tf.constant([[1.0], [2.0], [3.0]])).to_list() == [[0, -1], [-1], [-1, -2, -3]]
    assert (rt + tf.constant([1.0])).to_list() == [[2, 3], [4], [5, 6, 7]]
    assert (rt ** 2).to_list() == [[1, 4], [9], [16, 25, 36]]
    assert (rt > 2).to_list() == [[False, False], [True], [True, True, True]]
    assert (-rt).to_list() == [[-1, -2], [-3], [-4, -5, -6]]
    assert abs(-rt).to_list() == rt.to_list()
    assert (rc([[1, 2], [3]]) / 2).to_list() == [[0.5, 1.0], [1.5]]
    assert (rc([[1, 2], [3]]) // 2).to_list() == [[0, 1], [1]]
    assert (rc([[1, 2], [3]]) % 2).to_list() == [[1, 0], [1]]
    assert (~rc([[True], [False, True]])).to_list() == [[False], [True, False]]
    assert (rt == 2.0).to_list() == [[False, True], [False], [False, False, False]]
    assert (rt == rc([[1.0]])) is False
    r = rc([[[1.0], [2.0]], [[3.0]]], ragged_rank=1) + tf.constant([10.0, 20.0])
    assert r.to_list() == [[[11, 21], [12, 22]], [[13, 23]]]
    with pytest.raises(InvalidArgumentError):
        rt + rc([[1.0, 2.0], [3.0, 4.0], [4.0, 5.0]])
    with pytest.raises(InvalidArgumentError):
        rt + tf.constant([1.0, 2.0])
    with pytest.raises(ValueError, match="mismatched row_splits dtypes"):
        rc([[1.0, 2], [3]], row_splits_dtype=tf.int32) + rc([[1.0, 2], [3]])


def test_map_flat_values():
    rt = rc([[1, 2, 3], [], [4, 5], [6]])
    assert tf.ragged.map_flat_values(tf.ones_like, rt).to_list() == [[1, 1, 1], [], [1, 1], [1]]
    assert tf.ragged.map_flat_values(tf.multiply, rt, rt).to_list() == [[1, 4, 9], [], [16, 25], [36]]
    assert tf.ragged.map_flat_values(tf.add, rt, 5).to_list() == [[6, 7, 8], [], [9, 10], [11]]
    with pytest.raises(ValueError, match="must all have the same outer-dimension size"):
        tf.ragged.map_flat_values(tf.add, rt, rc([[1], [2]]))
    with pytest.raises(ValueError, match="requires that the output of `op` have the same outer-dimension size"):
        tf.ragged.map_flat_values(tf.reduce_sum, rt)
    with pytest.raises(InvalidArgumentError, match="identical ragged splits"):
        tf.ragged.map_flat_values(tf.add, rc([[1, 2], [3]]), rc([[1], [2, 3]]))


# --- tf.ragged functions --------------------------------------------------------------------------------------


def test_ragged_range():
    assert str(tf.ragged.range([3, 5, 2])) == "<tf.RaggedTensor [[0, 1, 2], [0, 1, 2, 3, 4], [0, 1]]>"
    assert tf.ragged.range([0, 5, 8], [3, 3, 12]).to_list() == [[0, 1, 2], [], [8, 9, 10, 11]]
    assert tf.ragged.range([0, 5, 8], [3, 3, 12], 2).to_list() == [[0, 2], [], [8, 10]]
    assert tf.ragged.range(0, [3, 3, 12], [1, 2, -1]).to_list() == [[0, 1, 2], [0, 2], []]
    r = tf.ragged.range([0.0, 1.5], 3.0, 0.5)
    assert r.dtype == tf.float32 and r.to_list() == [[0.0, 0.5, 1.0, 1.5, 2.0, 2.5], [1.5, 2.0, 2.5]]
    assert tf.ragged.range(3).to_list() == [[0, 1, 2]]
    assert tf.ragged.range([3, 5], dtype=tf.int64).dtype == tf.int64
    assert tf.ragged.range([3, 5], row_splits_dtype=tf.int32).row_splits.dtype == tf.int32
    with pytest.raises(InvalidArgumentError, match="Requires delta != 0"):
        tf.ragged.range([3, 5], [1, 2], 0)
    with pytest.raises(InvalidArgumentError, match="must have the same shape"):
        tf.ragged.range([3, 5], [1, 2, 3])


def test_ragged_stack_and_concat():
    a, b = rc([[1, 2], [3]]), rc([[4], [5, 6, 7]])
    s0 = tf.ragged.stack([a, b])
    assert s0.to_list() == [[[1, 2], [3]], [[4], [5, 6, 7]]] and s0.shape.as_list() == [2, None, None]
    assert tf.ragged.stack([a, b], axis=1).to_list() == [[[1, 2], [4]], [[3], [5, 6, 7]]]
    with pytest.raises(InvalidArgumentError, match="identical ragged splits"):
        tf.ragged.stack([a, b], axis=2)
    assert tf.ragged.stack([a, tf.constant([[1, 2], [3, 4]])]).to_list() == [[[1, 2], [3]], [[1, 2], [3, 4]]]
    s = tf.ragged.stack([tf.constant([1, 2]), tf.constant([3, 4])])
    assert isinstance(s, RaggedTensor) and s.to_list() == [[1, 2], [3, 4]]
    assert tf.ragged.stack([a, a], axis=2).to_list() == [[[1, 1], [2, 2]], [[3, 3]]]
    with pytest.raises(ValueError, match=r"Shape \(1, None, None\) must have rank 2"):
        tf.ragged.stack([a, rc([[[4]]])])
    with pytest.raises(ValueError, match="axis=3 out of bounds"):
        tf.ragged.stack([a, b], axis=3)
    with pytest.raises(InvalidArgumentError):
        tf.ragged.stack([a, rc([[4.0]])])
    concat = _DISPATCH["concat"]
    assert concat([a, b], 0).to_list() == [[1, 2], [3], [4], [5, 6, 7]]
    assert concat([a, b], 1).to_list() == [[1, 2, 4], [3, 5, 6, 7]]


def test_ragged_boolean_mask():
    m = tf.ragged.boolean_mask([[1, 2, 3], [4, 5, 6]], [[True, False, True], [False, True, True]])
    assert m.to_list() == [[1, 3], [5, 6]]
    m = tf.ragged.boolean_mask(rc([[1, 2, 3], [4], [5, 6]]), rc([[False, False, True], [False], [True, True]]))
    assert m.to_list() == [[3], [], [5, 6]]
    assert tf.ragged.boolean_mask(rc([[1, 2, 3], [4], [5, 6]]), [True, False, True]).to_list() == [[1, 2, 3], [5, 6]]
    d = tf.ragged.boolean_mask([[1, 2, 3], [4, 5, 6]], [True, False])
    assert isinstance(d, tf.Tensor) and d.numpy().tolist() == [[1, 2, 3]]
    m = tf.ragged.boolean_mask([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[True, False], [True, True]])
    assert m.to_list() == [[[1, 2]], [[5, 6], [7, 8]]]
    m = tf.ragged.boolean_mask(rc([[[1, 2], [3]], [[4]]]), rc([[True, False], [True]]))
    assert m.to_list() == [[[1, 2]], [[4]]]
    with pytest.raises(ValueError, match=r"Shapes \(2, 3\) and \(2, 2\) are incompatible"):
        tf.ragged.boolean_mask([[1, 2, 3], [4, 5, 6]], [[True, False], [False, True]])
    with pytest.raises(TypeError):
        tf.ragged.boolean_mask([[1, 2, 3], [4, 5, 6]], [[1, 0, 1], [0, 1, 1]])


def test_segment_ids_and_partitions():
    s = tf.ragged.row_splits_to_segment_ids([0, 3, 3, 5, 6, 9])
    assert s.dtype == tf.int64 and s.numpy().tolist() == [0, 0, 0, 2, 2, 3, 4, 4, 4]
    assert tf.ragged.row_splits_to_segment_ids(tf.constant([0, 3, 3, 5])).dtype == tf.int32
    assert tf.ragged.row_splits_to_segment_ids([0, 3, 3, 5], out_type=tf.int32).dtype == tf.int32
    assert tf.ragged.segment_ids_to_row_splits([0, 0, 0, 2, 2, 3, 4, 4, 4]).numpy().tolist() == [0, 3, 3, 5, 6, 9]
    assert tf.ragged.segment_ids_to_row_splits([0, 0, 2], num_segments=5).numpy().tolist() == [0, 2, 2, 3, 3, 3]
    assert tf.ragged.segment_ids_to_row_splits([]).numpy().tolist() == [0]
    p = tf.ragged.stack_dynamic_partitions(["a", "b", "c", "d", "e"], [3, 0, 2, 2, 3], num_partitions=5)
    assert str(p) == "<tf.RaggedTensor [[b'b'], [], [b'c', b'd'], [b'a', b'e'], []]>"
    p = tf.ragged.stack_dynamic_partitions(rc([[1], [2, 3], []]), [1, 0, 1], num_partitions=2)
    assert p.to_list() == [[[2, 3]], [[1], []]]
    with pytest.raises(InvalidArgumentError, match="partitions must be less than num_partitions"):
        tf.ragged.stack_dynamic_partitions([1.0, 2.0, 3.0], [1, 0, 5], num_partitions=2)


def test_ragged_cross():
    c = tf.ragged.cross([rc([["a", "x"], ["b", "c"]]), rc([["d", "f"], ["e"]]), tf.constant([[1], [2]])])
    assert str(c) == ("<tf.RaggedTensor [[b'a_X_d_X_1', b'a_X_f_X_1', b'x_X_d_X_1', b'x_X_f_X_1'],\n"
                      " [b'b_X_e_X_2', b'c_X_e_X_2']]>")
    assert tf.ragged.cross([rc([["a"], ["b", "c"]]), rc([[5], []])]).to_list() == [[b"a_X_5"], []]


# --- reductions (dispatch targets of tf.reduce_*) ------------------------------------------------------------


def test_reductions_match_tf():
    rt = rc([[3.0, 1.0, 4.0], [], [1.0, 5.0], [9.0]])
    r3 = rc([[[1, 2], [3]], [], [[4, 5, 6]]])
    assert ragged_reduce("sum", rt, 1).numpy().tolist() == [8, 0, 6, 9]
    assert ragged_reduce("sum", rt, 0).numpy().tolist() == [13, 6, 4]
    assert float(ragged_reduce("sum", rt)) == 23.0
    assert ragged_reduce("sum", rt, 1, keepdims=True).shape.as_list() == [4, 1]
    assert ragged_reduce("sum", r3, 2).to_list() == [[3, 3], [], [15]]
    assert ragged_reduce("sum", r3, 1).to_list() == [[4, 2], [], [4, 5, 6]]
    assert ragged_reduce("sum", r3, 0).to_list() == [[5, 7, 6], [3]]
    assert ragged_reduce("sum", r3, [1, 2]).numpy().tolist() == [6, 0, 15]
    m = ragged_reduce("mean", rt, 1).numpy()
    assert np.isnan(m[1]) and m[[0, 2, 3]].tolist() == pytest.approx([2.6666667, 3.0, 9.0])
    assert ragged_reduce("mean", r3, 2).to_list() == [[1.5, 3.0], [], [5.0]]
    mm = ragged_reduce("mean", r3, [1, 2])
    assert mm.dtype == tf.float64 and np.isnan(mm.numpy()[1])
    mx = ragged_reduce("max", rt, 1).numpy()
    assert mx.tolist() == [4.0, float(np.float32(-3.4028235e38)), 5.0, 9.0]
    assert ragged_reduce("max", r3, [1, 2]).numpy().tolist() == [3, -2147483648, 6]
    assert ragged_reduce("min", rt, 0).numpy().tolist() == [1, 1, 4]
    assert ragged_reduce("prod", rt, 1).numpy().tolist() == [12, 1, 5, 9]
    assert ragged_reduce("prod", r3, 0).to_list() == [[4, 10, 6], [3]]
    b = rc([[True], [], [False, True]])
    assert ragged_reduce("any", b, 1).numpy().tolist() == [True, False, True]
    assert ragged_reduce("all", b, 1).numpy().tolist() == [True, True, False]
    assert int(_DISPATCH["size"](rt)) == 6 and int(_DISPATCH["rank"](r3)) == 3
    assert _DISPATCH["reduce_sum"](rt, axis=1).numpy().tolist() == [8, 0, 6, 9]


# --- gradients -------------------------------------------------------------------------------------------------

SPLITS = np.array([0, 3, 3, 5, 6])


def _rt(v):
    return RaggedTensor.from_row_splits(v, SPLITS)


def test_grad_to_tensor():
    check_grads(lambda v: _rt(v).to_tensor(), [np.random.default_rng(0).standard_normal(6)], order=2)
    check_grads(lambda v, d: _rt(v * v).to_tensor(default_value=d, shape=[3, 2]),
                [np.random.default_rng(1).standard_normal(6), np.array(0.5)], order=2)


def test_grad_flat_values_arithmetic():
    dense = np.random.default_rng(3).standard_normal((4, 1))

    def f(v, d):
        rt = _rt(v)
        out = rt * rt + 2.0 * rt - rt / 3.0 + rt * d
        return out.flat_values

    check_grads(f, [np.random.default_rng(2).standard_normal(6), dense], order=2)


def test_grad_reductions_and_indexing():
    rng = np.random.default_rng(4)
    check_grads(lambda v: ragged_reduce("sum", _rt(v * v), 1), [rng.standard_normal(6)], order=2)
    check_grads(lambda v: ragged_reduce("mean", _rt(v * v), 0), [rng.standard_normal(6)], order=2)
    distinct = np.arange(6) * 0.37 - 1.0
    # (no empty row here: its dtype.min would swamp the finite differences)
    check_grads(lambda v: ragged_reduce("max", RaggedTensor.from_row_splits(v * v * v, [0, 3, 5, 6]), 1),
                [rng.permutation(distinct)], order=2)
    check_grads(lambda v: ragged_reduce("prod", _rt(v), 1), [rng.standard_normal(6)], order=2)
    check_grads(lambda v: _rt(v)[:, 1:].flat_values * _rt(v)[:, :-1].flat_values, [rng.standard_normal(6)], order=2)
    check_grads(lambda v: RaggedTensor.from_tensor(v, lengths=[1, 0, 2]).flat_values ** 2,
                [rng.standard_normal((3, 2))], order=2)
    check_grads(lambda v: tf.ragged.stack([_rt(v), _rt(v * v)], axis=1).flat_values, [rng.standard_normal(6)],
                order=2)


def test_grad_through_tape():
    v = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        rt = RaggedTensor.from_row_lengths(v * 1.0, [2, 1])
        y = tf.reduce_sum(rt.to_tensor() * tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    assert t.gradient(y, v).numpy().tolist() == [1.0, 2.0, 3.0]


def test_generic_ops_dispatch_ragged_inputs_as_tf():
    # outputs printed by TF 2.21 (the ragged_tensor guide's first cells)
    digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
    assert str(tf.add(digits, 3)) == "<tf.RaggedTensor [[6, 4, 7, 4], [], [8, 12, 5], [9], []]>"
    assert str(tf.reduce_mean(digits, axis=1)) == (
        "tf.Tensor([2.25              nan 5.33333333 6.                nan], shape=(5,), dtype=float64)")
    assert str(tf.concat([digits, [[5, 3]]], axis=0)) == (
        "<tf.RaggedTensor [[3, 1, 4, 1], [], [5, 9, 2], [6], [], [5, 3]]>")
    assert str(tf.concat([digits, digits], axis=1)) == (
        "<tf.RaggedTensor [[3, 1, 4, 1, 3, 1, 4, 1], [], [5, 9, 2, 5, 9, 2], [6, 6], []]>")
    assert str(tf.math.square(digits)) == "<tf.RaggedTensor [[9, 1, 16, 1], [], [25, 81, 4], [36], []]>"
    assert str(tf.maximum(digits, 4)) == "<tf.RaggedTensor [[4, 4, 4, 4], [], [5, 9, 4], [6], []]>"
    assert int(tf.size(digits)) == 8 and int(tf.rank(digits)) == 2 and tf.is_tensor(digits)
    assert tf.reduce_sum(digits, axis=1).numpy().tolist() == [9, 0, 16, 6, 0]
    x = tf.ragged.constant([[1.0, 2.0], [3.0]])
    with tf.GradientTape() as t:
        t.watch(x.flat_values)
        y = tf.reduce_sum(tf.multiply(x, x))
    assert t.gradient(y, x.flat_values).numpy().tolist() == [2.0, 4.0, 6.0]
