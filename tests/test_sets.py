"""tf.sets, checked against what TF 2.21 returns (indices, sorted values, dense_shape, errors)."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InternalError, InvalidArgumentError

ST = tf.SparseTensor
A = [[1, 2, 3, 2], [4, 5, 4, 4]]
B = [[2, 6, 6, 6], [4, 4, 4, 4]]


def parts(st):
    assert isinstance(st, tf.SparseTensor)
    assert st.indices.dtype == tf.int64 and st.dense_shape.dtype == tf.int64
    return st.indices.numpy().tolist(), st.values.numpy().tolist(), st.dense_shape.numpy().tolist()


def test_dense_dense_operations():
    a, b = tf.constant(A), tf.constant(B)
    assert parts(tf.sets.union(a, b)) == ([[0, 0], [0, 1], [0, 2], [0, 3], [1, 0], [1, 1]], [1, 2, 3, 6, 4, 5], [2, 4])
    assert parts(tf.sets.intersection(a, b)) == ([[0, 0], [1, 0]], [2, 4], [2, 1])
    assert parts(tf.sets.difference(a, b)) == ([[0, 0], [0, 1], [1, 0]], [1, 3, 5], [2, 2])
    assert parts(tf.sets.difference(a, b, aminusb=False)) == ([[0, 0]], [6], [2, 1])
    assert tf.sets.union(a, b).values.dtype == tf.int32


def test_sparse_operands_and_flipped_order():
    a, b = tf.constant(A), tf.constant(B)
    sa, sb = tf.sparse.from_dense(a), tf.sparse.from_dense(b)
    expect = ([[0, 0], [0, 1], [1, 0]], [1, 3, 5], [2, 2])
    assert parts(tf.sets.difference(sa, b)) == expect  # (sparse, dense) is flipped, aminusb too
    assert parts(tf.sets.difference(a, sb)) == expect
    assert parts(tf.sets.difference(sa, sb)) == expect
    assert parts(tf.sets.union(sa, b)) == parts(tf.sets.union(a, b))
    u = tf.sets.union(ST([[0, 1]], [7], [2, 3]), ST([[1, 0]], [8], [2, 5]))
    assert parts(u) == ([[0, 0], [1, 0]], [7, 8], [2, 1])
    d = tf.sets.difference(ST([[0, 0], [0, 1]], [1, 2], [1, 3]), tf.constant([[1]]), aminusb=False)
    assert parts(d) == ([], [], [1, 0])


def test_strings_sort_bytewise():
    u = tf.sets.union(tf.constant([["b", "a"]]), tf.constant([["c", "a", ""]]))
    assert parts(u) == ([[0, 0], [0, 1], [0, 2], [0, 3]], [b"", b"a", b"b", b"c"], [1, 4])
    assert u.values.dtype == tf.string
    assert parts(tf.sets.union([["b", "a"]], [["c", "a", ""]])) == parts(u)
    empty = ST(tf.zeros([0, 2], tf.int64), tf.constant([], tf.string), [2, 3])
    assert parts(tf.sets.union(empty, tf.constant([["a"], ["b"]]))) == ([[0, 0], [1, 0]], [b"a", b"b"], [2, 1])


def test_higher_rank_and_empty_results():
    a = tf.constant([[[1, 2], [3, 3]], [[4, 4], [5, 6]]])
    b = tf.constant([[[2, 1], [3, 0]], [[7, 7], [6, 6]]])
    assert parts(tf.sets.intersection(a, b)) == ([[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 1, 0]], [1, 2, 3, 6], [2, 2, 2])
    assert parts(tf.sets.intersection(tf.constant([[1, 2]]), tf.constant([[3, 4]]))) == ([], [], [1, 0])
    assert parts(tf.sets.union(tf.zeros([2, 0], tf.int32), tf.zeros([2, 0], tf.int32))) == ([], [], [2, 0])
    assert parts(tf.sets.union(tf.zeros([0, 3], tf.int32), tf.zeros([0, 2], tf.int32))) == ([], [], [0, 0])
    assert parts(tf.sets.union(tf.constant([[-1, -5, 3]]), tf.constant([[0]]))) == (
        [[0, 0], [0, 1], [0, 2], [0, 3]], [-5, -1, 0, 3], [1, 4])
    assert parts(tf.sets.intersection(tf.constant([[1]]), tf.constant([[1, 2, 3]]))) == ([[0, 0]], [1], [1, 1])


def test_small_integer_dtypes():
    for dt in (tf.int8, tf.uint8, tf.int16, tf.uint16, tf.int64):
        u = tf.sets.union(tf.constant([[1, 2]], dt), tf.constant([[2, 3]], dt))
        assert u.values.dtype == dt and u.values.numpy().tolist() == [1, 2, 3]


def test_size():
    assert tf.sets.size(tf.sparse.from_dense(tf.constant(A))).numpy().tolist() == [3, 2]
    s = tf.sets.size(ST([[0, 0, 0], [0, 0, 1], [1, 1, 0]], ["a", "a", "b"], [2, 2, 2]))
    assert s.dtype == tf.int32 and s.numpy().tolist() == [[1, 0], [0, 1]]
    assert tf.sets.size(tf.sparse.from_dense(tf.constant([[0, 0], [3, 0]]))).numpy().tolist() == [0, 1]
    assert tf.sets.size(ST(tf.zeros([0, 2], tf.int64), tf.constant([], tf.int32), [2, 3])).numpy().tolist() == [0, 0]
    assert tf.sets.size(ST([[0, 1], [0, 0]], [1, 2], [2, 3]), validate_indices=False).numpy().tolist() == [2, 0]


def test_type_errors():
    with pytest.raises(TypeError, match=r"Expected `SparseTensor`, got tf.Tensor\(\[1 2\], shape=\(2,\), dtype=int32\)."):
        tf.sets.size(tf.constant([1, 2]))
    with pytest.raises(TypeError, match="Invalid dtype `<dtype: 'float32'>` not in supported dtypes"):
        tf.sets.size(ST([[0, 1]], [1.0], [2, 3]))
    with pytest.raises(TypeError, match=r"'a' has invalid dtype `<dtype: 'float32'>` not in supported dtypes: "
                                        r"`frozenset\(\{tf.int32, tf.uint8, tf.int16, tf.int8, tf.string, tf.int64, "
                                        r"tf.uint16\}\)`."):
        tf.sets.union([[1.5]], [[1]])
    for bad in (tf.constant([[True]]), tf.constant([[1]], tf.uint32)):
        with pytest.raises(TypeError, match="'a' has invalid dtype"):
            tf.sets.union(bad, bad)
    with pytest.raises(TypeError, match="Types don't match, <dtype: 'int32'> vs <dtype: 'int64'>."):
        tf.sets.union([[1]], tf.constant([[1]], tf.int64))
    with pytest.raises(TypeError, match="Types don't match, <dtype: 'int64'> vs <dtype: 'int32'>."):
        tf.sets.union(np.array([[1]]), [[1]])  # NumPy's int64 against Python's int32
    with pytest.raises(TypeError, match="Types don't match, <dtype: 'string'> vs <dtype: 'int32'>."):
        tf.sets.union(tf.constant([["a"]]), [[1]])


def test_shape_errors():
    with pytest.raises(InvalidArgumentError, match=r"Shape \[3\] has rank 1 < 2"):
        tf.sets.intersection(tf.constant([1, 3, 2]), tf.constant([3, 9]))
    with pytest.raises(InvalidArgumentError, match=r"Shape \[\] has rank 0 < 2"):
        tf.sets.intersection(tf.constant(1), tf.constant(1))
    with pytest.raises(InvalidArgumentError, match=r"Mismatched shapes \[1\] vs \[2\]"):
        tf.sets.intersection(tf.constant([[1]]), tf.constant([[1], [2]]))
    with pytest.raises(InvalidArgumentError, match=r"Mismatched shapes \[2,2\] vs \[2,1\]"):
        tf.sets.intersection(tf.constant([[[1, 2], [3, 3]], [[4, 4], [5, 6]]]), tf.constant([[[2, 1]], [[7, 7]]]))
    with pytest.raises(InvalidArgumentError, match=r"Mismatched shapes \[2\] vs \[3\]"):
        tf.sets.union(ST([[0, 1]], [7], [2, 3]), ST([[1, 0]], [8], [3, 5]))
    with pytest.raises(InvalidArgumentError, match=r"Mismatched shapes \[2\] vs \[2,3\]"):
        tf.sets.union(ST([[0, 1]], [7], [2, 3]), ST([[1, 0, 0]], [8], [2, 3, 5]))
    with pytest.raises(InvalidArgumentError, match=r"Mismatched shapes \[1,1\] vs \[1\]"):
        tf.sets.union(tf.constant([[[1]]]), ST([[0, 1]], [8], [1, 3]))
    with pytest.raises(InvalidArgumentError, match="Invalid rank 1."):
        tf.sets.union(ST([[1]], [7], [3]), ST([[1]], [8], [3]))
    with pytest.raises(InvalidArgumentError, match="Invalid rank 1."):
        tf.sets.size(tf.sparse.from_dense(tf.constant([1, 2, 2])))


def test_index_validation():
    with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = \[0,0\] is out of order"):
        tf.sets.size(ST([[0, 1], [0, 0]], [1, 2], [2, 3]))
    with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = \[0,5\] is out of bounds: need 0 <= index < \[2,3\]"):
        tf.sets.size(ST([[0, 1], [0, 5]], [1, 2], [2, 3]))
    with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = \[0,1\] is repeated"):
        tf.sets.size(ST([[0, 1], [0, 1]], [1, 2], [2, 3]))
    with pytest.raises(InternalError, match=r"indices\[1, 1\] expected < 3, got 5."):
        tf.sets.size(ST([[0, 1], [0, 5]], [1, 2], [2, 3]), validate_indices=False)
    with pytest.raises(InvalidArgumentError, match=r"indices\[0\] = \[0,7\] is out of bounds: need 0 <= index < \[1,5\]"):
        tf.sets.union(tf.constant([[1, 2]]), ST([[0, 7]], [8], [1, 5]))
    with pytest.raises(InternalError, match=r"indices\[0, 1\] expected < 5, got 7."):
        tf.sets.union(tf.constant([[1, 2]]), ST([[0, 7]], [8], [1, 5]), validate_indices=False)
    with pytest.raises(InvalidArgumentError, match="out of order"):
        tf.sets.union(ST([[0, 1], [0, 0]], [7, 8], [2, 3]), ST([[1, 0]], [8], [2, 5]))
    u = tf.sets.union(ST([[0, 1], [0, 0]], [7, 8], [2, 3]), ST([[1, 0]], [8], [2, 5]), validate_indices=False)
    assert parts(u) == ([[0, 0], [0, 1], [1, 0]], [7, 8, 8], [2, 2])


def test_sparse_dense_order_is_refused_inside_set_operation():
    from tapeflow.sets import _set_operation

    with pytest.raises(ValueError, match="Sparse,Dense is not supported, but Dense,Sparse is."):
        _set_operation(ST([[0, 0]], [1], [1, 1]), tf.constant([[1]]), lambda x, y: x | y, True)
