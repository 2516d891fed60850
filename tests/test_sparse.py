"""tf.SparseTensor and tf.sparse: values, printing and errors checked against TensorFlow 2.21
(expected values below are what TF printed), gradients against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError


def ST(i, v, s):
    return tf.SparseTensor(indices=i, values=v, dense_shape=s)


def parts(st):
    return st.indices.numpy().tolist(), st.values.numpy().tolist(), st.dense_shape.numpy().tolist()


@pytest.fixture
def st():
    return ST([[0, 0], [1, 2], [2, 1]], [1.0, 2.0, 3.0], [3, 4])


@pytest.fixture
def un():  # not in row-major order
    return ST([[1, 2], [0, 0]], [1.0, 2.0], [3, 4])


# --- the class ---------------------------------------------------------------------------------------------


def test_printing_and_properties():
    s = ST([[0, 0], [1, 2]], [1, 2], [3, 4])
    expected = ("SparseTensor(indices=tf.Tensor(\n[[0 0]\n [1 2]], shape=(2, 2), dtype=int64), "
                "values=tf.Tensor([1 2], shape=(2,), dtype=int32), "
                "dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))")
    assert str(s) == expected and repr(s) == expected
    assert s.shape.as_list() == [3, 4] and s.get_shape().as_list() == [3, 4]
    assert s.dtype == tf.int32 and s.indices.dtype == tf.int64 and s.dense_shape.dtype == tf.int64
    assert str(tf.sparse.SparseTensor([[0]], [1.0], [2])) == (
        "SparseTensor(indices=tf.Tensor([[0]], shape=(1, 1), dtype=int64), values=tf.Tensor([1.], shape=(1,), "
        "dtype=float32), dense_shape=tf.Tensor([2], shape=(1,), dtype=int64))")
    e = ST(np.zeros((0, 2), np.int64), np.zeros(0, np.float32), [2, 2])
    assert str(e) == ("SparseTensor(indices=tf.Tensor([], shape=(0, 2), dtype=int64), values=tf.Tensor([], "
                      "shape=(0,), dtype=float32), dense_shape=tf.Tensor([2 2], shape=(2,), dtype=int64))")
    assert ST([[0, 0]], ["a"], [2, 2]).dtype == tf.string
    assert s.with_values(tf.constant([1.0, 2.0])).dtype == tf.float32
    assert s == s and hash(s) is not None


def test_constructor_errors():
    with pytest.raises(ValueError, match="Dimensions 2 and 1 are not compatible"):
        ST([[0, 0]], [1.0], [2])
    with pytest.raises(ValueError, match="Dimensions 1 and 2 are not compatible"):
        ST([[0, 0]], [1.0, 2.0], [2, 2])
    with pytest.raises(ValueError, match=r"Shape \(1, 1\) must have rank 1"):
        ST([[0, 0]], [[1.0]], [2, 2])
    with pytest.raises(TypeError):
        ST([[0.5, 0]], [1.0], [2, 2])
    with pytest.raises(ValueError, match="requested dtype int64 for Tensor with dtype int32"):
        ST(tf.constant([[0, 0]]), [1.0], [2, 2])


def test_operators(st):
    assert parts(st * tf.constant([[1.0], [2.0], [3.0]]))[1] == [1.0, 4.0, 9.0]
    assert parts(st * 2.0)[1] == [2.0, 4.0, 6.0]
    assert parts(st / tf.constant([1.0, 2.0, 4.0, 8.0]))[1] == [1.0, 0.5, 1.5]
    d = ST([[0, 0], [1, 2]], [1, 2], [3, 4]) / 2
    assert d.dtype == tf.float64 and d.values.numpy().tolist() == [0.5, 1.0]
    with pytest.raises(InvalidArgumentError):
        st * tf.constant([1.0, 2.0])
    with pytest.raises(TypeError):
        st + st


# --- tf.sparse ----------------------------------------------------------------------------------------------


def test_to_dense(st, un):
    assert tf.sparse.to_dense(st).numpy().tolist() == [[1, 0, 0, 0], [0, 0, 2, 0], [0, 3, 0, 0]]
    assert tf.sparse.to_dense(st, default_value=-1).numpy().tolist() == [[1, -1, -1, -1], [-1, -1, 2, -1],
                                                                           [-1, 3, -1, -1]]
    with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = \[0,0\] is out of order"):
        tf.sparse.to_dense(un)
    assert tf.sparse.to_dense(un, validate_indices=False).numpy().tolist() == [[2, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
    rep = ST([[0, 0], [0, 0]], [1.0, 2.0], [3, 4])
    with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = \[0,0\] is repeated"):
        tf.sparse.to_dense(rep)
    assert tf.sparse.to_dense(rep, validate_indices=False).numpy()[0, 0] == 2.0  # the last one wins
    oob = ST([[0, 0], [3, 0]], [1.0, 2.0], [3, 4])
    with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = \[3,0\] is out of bounds: need 0 <= index < \[3,4\]"):
        tf.sparse.to_dense(oob)
    with pytest.raises(InvalidArgumentError, match=r"Indices are not valid \(out of bounds\).  Shape: \[3,4\]"):
        tf.sparse.to_dense(oob, validate_indices=False)
    assert tf.sparse.to_dense(ST([[0, 0]], ["a"], [2, 2])).numpy().tolist() == [[b"a", b""], [b"", b""]]
    assert tf.sparse.to_dense(ST([[0, 0]], [True], [2, 2])).numpy().tolist() == [[True, False], [False, False]]
    with pytest.raises(TypeError, match="Input must be a SparseTensor."):
        tf.sparse.to_dense(tf.constant([1.0]))


def test_from_dense_reorder_reshape_transpose(st, un):
    assert parts(tf.sparse.from_dense(tf.constant([[1.0, 0.0], [0.0, 3.0]]))) == ([[0, 0], [1, 1]], [1.0, 3.0], [2, 2])
    assert parts(tf.sparse.from_dense(tf.constant([b"a", b""]))) == ([[0]], [b"a"], [2])
    with pytest.raises(InvalidArgumentError, match="WhereOp : Unhandled input dimensions: 0"):
        tf.sparse.from_dense(tf.constant(5))
    assert parts(tf.sparse.reorder(un)) == ([[0, 0], [1, 2]], [2.0, 1.0], [3, 4])
    assert parts(tf.sparse.reshape(st, [4, 3])) == ([[0, 0], [2, 0], [3, 0]], [1.0, 2.0, 3.0], [4, 3])
    assert parts(tf.sparse.reshape(st, [-1, 2])) == ([[0, 0], [3, 0], [4, 1]], [1.0, 2.0, 3.0], [6, 2])
    assert parts(tf.sparse.reshape(st, [12]))[0] == [[0], [6], [9]]
    with pytest.raises(InvalidArgumentError, match="Input to reshape is a tensor with 12 dense values, but the "
                                                   r"requested shape has 15. input_shape=\[3,4\] output_shape=\[5,3\]"):
        tf.sparse.reshape(st, [5, 3])
    assert parts(tf.sparse.transpose(st)) == ([[0, 0], [1, 2], [2, 1]], [1.0, 3.0, 2.0], [4, 3])
    assert parts(tf.sparse.transpose(un)) == ([[0, 0], [2, 1]], [2.0, 1.0], [4, 3])
    assert parts(tf.sparse.expand_dims(st, 0))[2] == [1, 3, 4]
    assert parts(tf.sparse.expand_dims(st, -1))[0] == [[0, 0, 0], [1, 2, 0], [2, 1, 0]]
    assert parts(tf.sparse.expand_dims(st, 1))[0] == [[0, 0, 0], [1, 0, 2], [2, 0, 1]]
    with pytest.raises(InvalidArgumentError):
        tf.sparse.expand_dims(st, 3)


def test_slice_concat_split(st, un):
    assert parts(tf.sparse.slice(st, [1, 1], [2, 2])) == ([[0, 1], [1, 0]], [2.0, 3.0], [2, 2])
    assert parts(tf.sparse.slice(st, [1, 1], [5, 5]))[2] == [2, 3]
    assert parts(tf.sparse.slice(st, [3, 0], [1, 1])) == ([], [], [0, 1])
    assert parts(tf.sparse.concat(0, [st, un])) == ([[0, 0], [1, 2], [2, 1], [3, 0], [4, 2]],
                                                   [1.0, 2.0, 3.0, 2.0, 1.0], [6, 4])
    assert parts(tf.sparse.concat(1, [st, un])) == ([[0, 0], [0, 4], [1, 2], [1, 6], [2, 1]],
                                                   [1.0, 2.0, 2.0, 1.0, 3.0], [3, 8])
    small = ST([[0, 0]], [5.0], [2, 2])
    with pytest.raises(InvalidArgumentError, match="Input shapes must match: expected 3 for dimension 0 but got 2 "
                                                   "at position 1"):
        tf.sparse.concat(1, [st, small])
    assert parts(tf.sparse.concat(1, [st, small], expand_nonconcat_dims=True)) == (
        [[0, 0], [0, 4], [1, 2], [2, 1]], [1.0, 5.0, 2.0, 3.0], [3, 6])
    a, b = tf.sparse.split(sp_input=st, num_split=2, axis=1)
    assert parts(a) == ([[0, 0], [2, 1]], [1.0, 3.0], [3, 2]) and parts(b) == ([[1, 0]], [2.0], [3, 2])
    a, b = tf.sparse.split(sp_input=st, num_split=2, axis=0)
    assert parts(a) == ([[0, 0], [1, 2]], [1.0, 2.0], [2, 4]) and parts(b) == ([[0, 1]], [3.0], [1, 4])
    with pytest.raises(InvalidArgumentError, match=r"num_split should be between 1 and the splitting dimension size "
                                                   r"\(3\), got 5"):
        tf.sparse.split(sp_input=st, num_split=5, axis=0)


def test_add(st, un):
    assert parts(tf.sparse.add(st, un)) == ([[0, 0], [1, 2], [0, 0], [2, 1]], [1.0, 3.0, 2.0, 3.0], [3, 4])
    assert parts(tf.sparse.add(st, st))[1] == [2.0, 4.0, 6.0]
    assert parts(tf.sparse.add(st, ST([[0, 0]], [-1.0], [3, 4])))[1] == [0.0, 2.0, 3.0]
    assert parts(tf.sparse.add(st, ST([[0, 0]], [-0.5], [3, 4]), threshold=0.6)) == ([[1, 2], [2, 1]], [2.0, 3.0],
                                                                                      [3, 4])
    assert parts(tf.sparse.add(st, ST([[0, 0]], [-0.5], [3, 4]), threshold=0.5))[1] == [0.5, 2.0, 3.0]
    dense = [[2, 1, 1, 1], [1, 1, 3, 1], [1, 4, 1, 1]]
    assert tf.sparse.add(st, tf.ones([3, 4])).numpy().tolist() == dense
    assert tf.sparse.add(tf.ones([3, 4]), st).numpy().tolist() == dense
    with pytest.raises(InvalidArgumentError, match="Two operands have different ranks; received: 2 and 1"):
        tf.sparse.add(st, tf.ones([4]))
    with pytest.raises(InvalidArgumentError, match="Operands' shapes do not match: got 4 and 5 for dimension 1"):
        tf.sparse.add(st, ST([[0, 0]], [1.0], [3, 5]))
    with pytest.raises(InvalidArgumentError):
        tf.sparse.add(st, ST([[0, 0]], [1], [3, 4]))


def test_reductions(st, un):
    assert float(tf.sparse.reduce_sum(st)) == 6.0
    assert tf.sparse.reduce_sum(st, axis=0).numpy().tolist() == [1, 3, 2, 0]
    assert tf.sparse.reduce_sum(st, axis=1, keepdims=True).numpy().tolist() == [[1], [2], [3]]
    assert tf.sparse.reduce_sum(st, axis=-1).numpy().tolist() == [1, 2, 3]
    assert parts(tf.sparse.reduce_sum(st, axis=1, output_is_sparse=True)) == ([[0], [1], [2]], [1.0, 2.0, 3.0], [3])
    assert parts(tf.sparse.reduce_sum(st, axis=1, keepdims=True, output_is_sparse=True))[0] == [[0, 0], [1, 0], [2, 0]]
    s3 = ST([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]], [1, -2, 3, 4], [2, 2, 3])
    assert tf.sparse.reduce_sum(s3, axis=1).numpy().tolist() == [[1, -2, 0], [4, 3, 0]]
    assert tf.sparse.reduce_sum(s3, axis=[0, 2]).numpy().tolist() == [4, 2]
    full = tf.sparse.reduce_sum(s3, output_is_sparse=True)
    assert full.indices.shape.as_list() == [1, 0] and full.values.numpy().tolist() == [6]
    assert full.dense_shape.numpy().tolist() == []
    with pytest.raises(InvalidArgumentError, match="Invalid reduction dimension 2, for input with 2 dimensions."):
        tf.sparse.reduce_sum(st, axis=2)
    assert tf.sparse.reduce_sum(un, axis=1).numpy().tolist() == [2, 1, 0]
    assert float(tf.sparse.reduce_max(st)) == 3.0
    assert tf.sparse.reduce_max(st, axis=0).numpy().tolist() == [1, 3, 2, 0]
    assert tf.sparse.reduce_max(s3, axis=2).numpy().tolist() == [[1, -2], [3, 4]]
    assert tf.sparse.reduce_max(ST([[0, 0]], [-1.0], [2, 2]), axis=1).numpy().tolist() == [-1.0, 0.0]
    assert parts(tf.sparse.reduce_max(ST([[0, 0]], [-1.0], [2, 2]), axis=1, output_is_sparse=True)) == (
        [[0]], [-1.0], [2])
    assert float(tf.sparse.reduce_max(ST(np.zeros((0, 2), np.int64), tf.zeros([0]), [2, 2]))) == 0.0


def test_retain_fill_maximum(st):
    assert parts(tf.sparse.retain(st, [True, False, True])) == ([[0, 0], [2, 1]], [1.0, 3.0], [3, 4])
    with pytest.raises(ValueError, match="Dimensions 3 and 2 are not compatible"):
        tf.sparse.retain(st, [True, False])
    out, empty = tf.sparse.fill_empty_rows(ST([[2, 0], [0, 1]], [1.0, 2.0], [4, 3]), -1)
    assert parts(out) == ([[0, 1], [1, 0], [2, 0], [3, 0]], [2.0, -1.0, 1.0, -1.0], [4, 3])
    assert empty.numpy().tolist() == [False, True, False, True]
    other = ST([[0, 0], [0, 1], [2, 1]], [5.0, -1.0, 1.0], [3, 4])
    assert parts(tf.sparse.maximum(st, other)) == ([[0, 0], [0, 1], [1, 2], [2, 1]], [5.0, 0.0, 2.0, 3.0], [3, 4])
    assert parts(tf.sparse.minimum(st, other))[1] == [1.0, -1.0, 0.0, 1.0]
    with pytest.raises(InvalidArgumentError, match="Operands' shapes do not match: got 4 and 5 for dimension 1"):
        tf.sparse.maximum(st, ST([[0, 0]], [5.0], [3, 5]))


def test_softmax(st):
    assert parts(tf.sparse.softmax(st))[1] == [1.0, 1.0, 1.0]
    s = tf.sparse.softmax(ST([[0, 0], [0, 2], [1, 1], [1, 3], [1, 0]], [1.0, 2.0, 3.0, 4.0, 5.0], [2, 4]))
    # TF lays the values computed in row-major order over the (unordered) input indices
    np.testing.assert_allclose(s.values.numpy(), [0.26894143, 0.7310586, 0.6652409, 0.09003057, 0.24472845], rtol=1e-6)
    s = tf.sparse.softmax(ST([[0, 0, 1], [0, 0, 2], [1, 1, 1]], [1.0, 2.0, 3.0], [2, 2, 4]))
    np.testing.assert_allclose(s.values.numpy(), [0.26894143, 0.7310586, 1.0], rtol=1e-6)
    with pytest.raises(InvalidArgumentError, match="Input should have rank >= 2, but received shape: 4"):
        tf.sparse.softmax(ST([[0]], [1.0], [4]))
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of int32 is not in the list"):
        tf.sparse.softmax(ST([[0, 0]], [1], [4, 4]))


def test_sparse_dense_matmul(st, un):
    d = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
    expected = [[1, 2], [10, 12], [9, 12]]
    assert tf.sparse.sparse_dense_matmul(st, d).numpy().tolist() == expected
    assert tf.sparse.sparse_dense_matmul(st, tf.transpose(d), adjoint_b=True).numpy().tolist() == expected
    assert tf.sparse.sparse_dense_matmul(st, tf.ones([3, 2]), adjoint_a=True).numpy().tolist() == [
        [1, 1], [3, 3], [2, 2], [0, 0]]
    assert tf.sparse.sparse_dense_matmul(tf.ones([2, 3]), st).numpy().tolist() == [[1, 3, 2, 0], [1, 3, 2, 0]]
    assert tf.sparse.sparse_dense_matmul(un, d).numpy().tolist() == [[2, 4], [5, 6], [0, 0]]
    with pytest.raises(InvalidArgumentError, match="Cannot multiply A and B because inner dimension does not match: "
                                                   "4 vs. 3."):
        tf.sparse.sparse_dense_matmul(st, tf.ones([3, 2]))
    with pytest.raises(InvalidArgumentError, match="expected to be a float tensor but is a double tensor"):
        tf.sparse.sparse_dense_matmul(st, tf.ones([4, 2], tf.float64))
    with pytest.raises(InvalidArgumentError, match=r"m \(3\) from index\[1,0\] out of bounds \(>=3\)"):
        tf.sparse.sparse_dense_matmul(ST([[0, 0], [3, 0]], [1.0, 2.0], [3, 4]), d)


def test_indicator_eye_map_values_reset(st, un):
    ids = ST([[0, 0], [0, 1], [1, 0]], [2, 0, 3], [2, 2])
    assert tf.sparse.to_indicator(ids, 4).numpy().tolist() == [[True, False, True, False],
                                                               [False, False, False, True]]
    with pytest.raises(InvalidArgumentError, match="Indices are not valid"):
        tf.sparse.to_indicator(ST([[0, 0], [0, 1], [1, 0]], [2, 0, 5], [2, 2]), 4)
    assert parts(tf.sparse.eye(3)) == ([[0, 0], [1, 1], [2, 2]], [1.0, 1.0, 1.0], [3, 3])
    e = tf.sparse.eye(2, 3, dtype=tf.int32)
    assert e.dtype == tf.int32 and parts(e)[2] == [2, 3]
    assert parts(tf.sparse.map_values(tf.ones_like, st))[1] == [1.0, 1.0, 1.0]
    assert parts(tf.sparse.map_values(tf.multiply, st, st))[1] == [1.0, 4.0, 9.0]
    assert parts(tf.sparse.map_values(tf.add, st, 5.0))[1] == [6.0, 7.0, 8.0]
    with pytest.raises(InvalidArgumentError, match="Incompatible shapes"):
        tf.sparse.map_values(tf.add, st, un)
    assert parts(tf.sparse.reset_shape(st))[2] == [3, 3]
    assert parts(tf.sparse.reset_shape(st, [4, 5]))[2] == [4, 5]
    with pytest.raises(ValueError, match="Requested new_shape should have dimension sizes >= sp_input.shape"):
        tf.sparse.reset_shape(st, [2, 5])


def test_bincount():
    out = tf.sparse.bincount(tf.constant([[1, 1, 3], [2, 1, 1]]), axis=-1)
    assert parts(out) == ([[0, 1], [0, 3], [1, 1], [1, 2]], [2, 1, 2, 1], [2, 4]) and out.dtype == tf.int32
    assert parts(tf.sparse.bincount(tf.constant([[1, 1, 3], [2, 1, 1]]))) == ([[1], [2], [3]], [4, 1, 1], [4])
    assert parts(tf.sparse.bincount(tf.constant([1, 1, 3, 2]), minlength=6))[2] == [6]
    assert parts(tf.sparse.bincount(tf.constant([1, 1, 3, 2]), maxlength=3)) == ([[1], [2]], [2, 1], [3])
    assert parts(tf.sparse.bincount(tf.constant([1, 1, 3, 2]), binary_output=True))[1] == [1, 1, 1]
    w = tf.sparse.bincount(tf.constant([1, 1, 3, 2]), weights=tf.constant([0.5, 1.0, 2.0, 3.0]))
    assert parts(w)[1] == [1.5, 3.0, 2.0] and w.dtype == tf.float32
    b = tf.sparse.bincount(tf.constant([[1, 1, 3], [2, 1, 1]], tf.int64), axis=-1, binary_output=True)
    assert b.dtype == tf.int64
    assert parts(tf.sparse.bincount(ST([[0, 0], [1, 1], [1, 2]], [3, 1, 1], [2, 4]), axis=-1)) == (
        [[0, 3], [1, 1]], [1, 2], [2, 4])
    assert parts(tf.sparse.bincount(tf.ragged.constant([[3], [1, 1]]), axis=-1)) == ([[0, 3], [1, 1]], [1, 2], [2, 4])
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of float"):
        tf.sparse.bincount(tf.constant([1.0, 2.0]))
    with pytest.raises(InvalidArgumentError, match="Input values must all be non-negative"):
        tf.sparse.bincount(tf.constant([-1, 2]))


def test_segments():
    c = tf.constant([[1.0, 2, 3, 4], [-1, -2, -3, -4], [5, 6, 7, 8]])
    assert tf.sparse.segment_sum(c, [0, 1], [0, 0]).numpy().tolist() == [[0, 0, 0, 0]]
    assert tf.sparse.segment_sum(c, [0, 2], [0, 2]).numpy().tolist() == [[1, 2, 3, 4], [0, 0, 0, 0], [5, 6, 7, 8]]
    assert tf.sparse.segment_sum(c, [0, 2], [0, 2], num_segments=4).shape.as_list() == [4, 4]
    assert tf.sparse.segment_mean(c, [0, 2, 1], [0, 0, 2]).numpy().tolist() == [[3, 4, 5, 6], [0, 0, 0, 0],
                                                                                 [-1, -2, -3, -4]]
    np.testing.assert_allclose(tf.sparse.segment_sqrt_n(c, [0, 2, 1], [0, 0, 2]).numpy()[0],
                               [4.2426405, 5.656854, 7.071068, 8.485281], rtol=1e-6)
    assert tf.sparse.segment_sum(tf.constant([[1, 2], [3, 4]]), [0, 1], [0, 0]).numpy().tolist() == [[4, 6]]
    with pytest.raises(InvalidArgumentError, match=r"Bad: indices\[1\] == 5 out of range \[0, 3\)"):
        tf.sparse.segment_sum(c, [0, 5], [0, 0])
    with pytest.raises(InvalidArgumentError, match="segment ids are not increasing"):
        tf.sparse.segment_sum(c, [0, 1], [1, 0])
    with pytest.raises(InvalidArgumentError, match="segment_ids and indices should have same size."):
        tf.sparse.segment_sum(c, [0, 1, 2], [0, 0])
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of int32"):
        tf.sparse.segment_mean(tf.constant([[1, 2], [3, 4]]), [0, 1], [0, 0])


def test_cross():
    s = tf.sparse.cross([ST([[0, 0], [1, 0], [1, 1]], ["a", "b", "c"], [2, 2]), tf.constant([["d"], ["e"]])])
    assert parts(s) == ([[0, 0], [1, 0], [1, 1]], [b"a_X_d", b"b_X_e", b"c_X_e"], [2, 2])
    s = tf.sparse.cross([ST([[0, 0], [1, 0], [1, 1]], ["a", "b", "c"], [2, 2]), tf.constant([["d"], ["e"]])],
                        separator="-")
    assert parts(s)[1] == [b"a-d", b"b-e", b"c-e"]


def test_mask_indexed_slices():
    a = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]), tf.constant([12, 26, 37, 45]),
                         tf.constant([50, 2]))
    m = tf.sparse.mask(a, [12, 45])
    assert m.indices.numpy().tolist() == [26, 37] and m.indices.dtype == tf.int32
    assert m.values.numpy().tolist() == [[3.0, 4.0], [5.0, 6.0]] and m.dense_shape.numpy().tolist() == [50, 2]
    a2 = tf.IndexedSlices(tf.constant([1.0, 2.0]), tf.constant([3, 3], tf.int64))
    assert tf.sparse.mask(a2, tf.constant([5], tf.int64)).indices.numpy().tolist() == [3, 3]
    with pytest.raises(InvalidArgumentError, match="cannot compute ListDiff"):
        tf.sparse.mask(a2, tf.constant([5]))
    check_grads(lambda v: tf.sparse.mask(tf.IndexedSlices(v * v, tf.constant([1, 2, 3])), [2]).values,
                [np.random.default_rng(5).standard_normal((3, 2))], order=2)


def test_sampled_addmm():
    m1 = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    m2 = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2))
    idx, v, shape = tf.sparse.sampled_addmm([[0, 0], [1, 1]], [1.0, 2.0], [2, 2], m1, m2, beta=0.5, alpha=2.0)
    assert idx.dtype == tf.int32 and shape.dtype == tf.int32 and v.numpy().tolist() == [20.5, 81.0]
    with pytest.raises(ValueError, match=r"Dense shape: \[2 3\] does not match output shape: \[2 2\]"):
        tf.sparse.sampled_addmm([[0, 0], [1, 1]], [1.0, 2.0], [2, 3], m1, m2)
    b1 = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 2, 3))
    b2 = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 3, 2))
    _, v, _ = tf.sparse.sampled_addmm([[[0, 1], [1, 0]], [[0, 0], [1, 1]]], [[1.0, 2.0], [3.0, 4.0]], [2, 2], b1, b2)
    assert v.numpy().tolist() == [[14.0, 30.0], [175.0, 278.0]]
    check_grads(lambda v, a, b: tf.sparse.sampled_addmm([[0, 1], [1, 0]], v, [2, 2], a * a, b,
                                                        output_type=tf.float64)[1],
                [RNG.standard_normal(2), RNG.standard_normal((2, 3)), RNG.standard_normal((3, 2))], order=2)


def test_ragged_sparse_round_trip():
    st = ST([[0, 0], [0, 1], [2, 0]], [1, 2, 3], [3, 4])
    assert tf.RaggedTensor.from_sparse(st).to_list() == [[1, 2], [], [3]]
    with pytest.raises(InvalidArgumentError, match="not right-ragged"):
        tf.RaggedTensor.from_sparse(ST([[0, 1]], [1], [2, 2]))


# --- gradients -------------------------------------------------------------------------------------------------

IDX = [[0, 0], [1, 2], [2, 1], [2, 3]]
RNG = np.random.default_rng(0)
V4 = RNG.standard_normal(4)


def sp(v):
    return tf.SparseTensor(IDX, v, [3, 4])


GRAD_CASES = {
    "to_dense": (lambda v: tf.sparse.to_dense(sp(v * v)), [V4]),
    "to_dense_default": (lambda v, d: tf.sparse.to_dense(sp(v * v), default_value=d * d), [V4, np.array(0.7)]),
    "matmul": (lambda v, b: tf.sparse.sparse_dense_matmul(sp(v * v), b * b), [V4, RNG.standard_normal((4, 2))]),
    "matmul_adjoint": (lambda v, b: tf.sparse.sparse_dense_matmul(sp(v * v), b * b, adjoint_a=True, adjoint_b=True),
                       [V4, RNG.standard_normal((2, 3))]),
    "dense_matmul_sparse": (lambda v, b: tf.sparse.sparse_dense_matmul(b * b, sp(v * v)),
                            [V4, RNG.standard_normal((2, 3))]),
    "reduce_sum": (lambda v: tf.sparse.reduce_sum(sp(v * v), axis=1), [V4]),
    "reduce_sum_all": (lambda v: tf.sparse.reduce_sum(sp(v * v)), [V4]),
    "add_sparse": (lambda v, w: tf.sparse.add(sp(v * v), tf.SparseTensor([[0, 0], [0, 1], [2, 3]], w * v[:3],
                                                                          [3, 4])).values,
                   [V4, RNG.standard_normal(3)]),
    "add_dense": (lambda v, d: tf.sparse.add(sp(v * v), d * d), [V4, RNG.standard_normal((3, 4))]),
    "softmax": (lambda v: tf.sparse.softmax(sp(v)).values * tf.constant([1.0, 2.0, 3.0, 4.0], tf.float64), [V4]),
    "from_dense": (lambda x: tf.sparse.from_dense(x * x * x).values, [RNG.standard_normal((3, 4))]),
    "reorder": (lambda v: tf.sparse.reorder(tf.SparseTensor([[2, 1], [0, 0], [1, 2], [2, 3]], v * v, [3, 4])).values,
                [V4]),
    "transpose": (lambda v: tf.sparse.transpose(sp(v * v)).values, [V4]),
    "slice": (lambda v: tf.sparse.slice(sp(v * v), [1, 1], [2, 3]).values, [V4]),
    "retain": (lambda v: tf.sparse.retain(sp(v * v), np.array([True, False, True, True])).values, [V4]),
    "fill_empty_rows": (lambda v, d: tf.sparse.fill_empty_rows(tf.SparseTensor([[0, 1], [2, 0]], v * v, [4, 3]),
                                                               d * d)[0].values,
                        [RNG.standard_normal(2), np.array(0.3)]),
    "mul_dense": (lambda v, d: (sp(v * v) * d).values, [V4, RNG.standard_normal((3, 1))]),
    "div_dense": (lambda v, d: (sp(v * v) / d).values, [V4, RNG.uniform(1, 2, (4,))]),
    "segment_sum": (lambda d: tf.sparse.segment_sum(d * d, [0, 2, 1, 2], [0, 0, 1, 3]), [RNG.standard_normal((3, 2))]),
    "segment_mean": (lambda d: tf.sparse.segment_mean(d * d, [0, 2, 1, 2], [0, 0, 1, 3]),
                     [RNG.standard_normal((3, 2))]),
    "segment_sqrt_n": (lambda d: tf.sparse.segment_sqrt_n(d * d, [0, 2, 1, 2], [0, 0, 1, 3], num_segments=5),
                       [RNG.standard_normal((3, 2))]),
    "map_values": (lambda v: tf.sparse.map_values(tf.multiply, sp(v), sp(v)).values, [V4]),
    "reshape": (lambda v: tf.sparse.to_dense(tf.sparse.reshape(sp(v * v), [2, 6])), [V4]),
    "expand_dims": (lambda v: tf.sparse.to_dense(tf.sparse.expand_dims(sp(v * v), 1)), [V4]),
}


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_gradients(name):
    f, args = GRAD_CASES[name]
    check_grads(f, args, order=2)


def test_no_gradient_ops_as_tf():
    v = tf.Variable([1.0, 2.0, 3.0, 4.0])

    def grad_of(fn):
        with tf.GradientTape() as t:
            out = fn(sp(v * 1.0))
            y = tf.reduce_sum(out.values if isinstance(out, tf.SparseTensor) else out)
        return t.gradient(y, v)

    with pytest.raises(LookupError, match="gradient registry has no entry for: SparseReduceMax"):
        grad_of(lambda s: tf.sparse.reduce_max(s, axis=1))
    with pytest.raises(LookupError, match="SparseReduceMaxSparse"):
        grad_of(lambda s: tf.sparse.reduce_max(s, axis=1, output_is_sparse=True))
    with pytest.raises(LookupError, match="SparseReduceSumSparse"):
        grad_of(lambda s: tf.sparse.reduce_sum(s, axis=1, output_is_sparse=True))
    with pytest.raises(LookupError, match="SparseSplit"):
        grad_of(lambda s: tf.sparse.split(sp_input=s, num_split=2, axis=1)[0])
    with pytest.raises(NotImplementedError, match="Gradient for SparseSparseMaximum is not implemented."):
        grad_of(lambda s: tf.sparse.maximum(s, s))
    assert grad_of(lambda s: tf.sparse.concat(0, [s, s])) is None  # TF: NotDifferentiable("SparseConcat")
    assert grad_of(lambda s: tf.sparse.transpose(s)).numpy().tolist() == [1.0, 1.0, 1.0, 1.0]
