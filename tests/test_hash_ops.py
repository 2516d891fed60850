"""tf.fingerprint, tf.edit_distance and tf.bitcast, checked against values printed by TF 2.21."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InternalError, InvalidArgumentError

ST = tf.SparseTensor


# --- fingerprint ------------------------------------------------------------------------------------------------


def test_fingerprint_strings_match_tf():
    out = tf.fingerprint(tf.constant(["", "a", "TensorFlow", "a" * 65, "b" * 200]))
    assert out.dtype == tf.uint8 and out.shape == (5, 8)
    assert out.numpy().tolist() == [
        [79, 64, 144, 47, 59, 106, 225, 154], [227, 117, 223, 182, 101, 66, 69, 179],
        [206, 130, 74, 168, 212, 165, 50, 59], [116, 28, 132, 159, 160, 54, 241, 107],
        [24, 219, 60, 170, 169, 236, 234, 80]]


def test_fingerprint_string_rows_combine_element_fingerprints():
    assert tf.fingerprint(tf.constant([["a", "b"], ["c", "d"]])).numpy().tolist() == [
        [122, 64, 59, 169, 136, 60, 55, 83], [52, 252, 224, 38, 64, 226, 155, 60]]
    # "ab","c" and "a","bc" differ; a single-element row is the string's own fingerprint
    assert tf.fingerprint(tf.constant([["ab", "c"], ["a", "bc"]])).numpy().tolist() == [
        [65, 83, 39, 149, 164, 245, 170, 22], [85, 27, 103, 37, 147, 177, 144, 87]]
    assert tf.fingerprint(tf.constant([["a"], ["b"]])).numpy().tolist() == tf.fingerprint(["a", "b"]).numpy().tolist()
    assert tf.fingerprint(tf.constant([[["a", "b"], ["c", "d"]]])).numpy().tolist() == [
        [231, 192, 98, 129, 36, 133, 31, 178]]


def test_fingerprint_numeric_rows_hash_their_bytes():
    assert tf.fingerprint(tf.constant([1, 2, 3])).numpy().tolist() == [
        [84, 24, 96, 84, 195, 82, 124, 105], [15, 219, 106, 105, 88, 163, 17, 93], [92, 8, 0, 238, 168, 146, 54, 37]]
    assert tf.fingerprint(tf.constant([[1.0, 2.0], [3.0, 4.0]])).numpy().tolist() == [
        [223, 178, 164, 36, 10, 49, 237, 154], [174, 215, 15, 51, 84, 145, 74, 9]]
    assert tf.fingerprint(tf.constant([[1.5, -2.0, 3.25]], tf.float64)).numpy().tolist() == [
        [109, 163, 13, 125, 136, 34, 128, 5]]
    assert tf.fingerprint(tf.constant([[1, 2]], tf.uint8)).numpy().tolist() == [[255, 114, 195, 191, 70, 147, 8, 146]]
    assert tf.fingerprint(tf.constant([[True, False]])).numpy().tolist() == [[236, 208, 118, 51, 144, 142, 61, 0]]
    assert tf.fingerprint(tf.constant([[1 + 2j]], tf.complex64)).numpy().tolist() == [
        [223, 178, 164, 36, 10, 49, 237, 154]]
    assert tf.fingerprint(tf.constant([[1.5]], tf.float16)).numpy().tolist() == [[39, 2, 132, 245, 2, 250, 215, 2]]
    zeros = tf.fingerprint(tf.zeros([2, 3, 4], tf.int64)).numpy().tolist()
    assert zeros == [[182, 17, 184, 174, 187, 92, 113, 250]] * 2


def test_fingerprint_empty_and_errors():
    assert tf.fingerprint(tf.zeros([0, 3], tf.int64)).shape == (0, 8)
    assert tf.fingerprint(tf.zeros([2, 0], tf.int64)).numpy().tolist() == [[79, 64, 144, 47, 59, 106, 225, 154]] * 2
    with pytest.raises(InvalidArgumentError, match=r"`data` should have at least one dimension: \[\]"):
        tf.fingerprint(tf.constant("Hello"))
    with pytest.raises(InvalidArgumentError, match="Unsupported fingerprint method: foo"):
        tf.fingerprint(tf.constant(["a"]), method="foo")
    assert tf.fingerprint(["a"], method=tf.constant("farmhash64")).numpy().tolist() == [
        [227, 117, 223, 182, 101, 66, 69, 179]]


def test_fingerprint_has_no_gradient():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.fingerprint(x)
    with pytest.raises(LookupError, match="gradient registry has no entry for: Fingerprint"):
        g.gradient(y, x)


# --- edit_distance ----------------------------------------------------------------------------------------------


def test_edit_distance_tf_doc_example():
    h = ST([[0, 0, 0], [1, 0, 0]], ["a", "b"], [2, 1, 1])
    t = ST([[0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0]], ["a", "b", "c", "a"], [2, 2, 2])
    d = tf.edit_distance(h, t)
    assert d.dtype == tf.float32 and d.shape == (2, 2)
    assert d.numpy().tolist() == [[np.inf, 1.0], [0.5, 1.0]]
    assert tf.edit_distance(h, t, normalize=False).numpy().tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_edit_distance_values():
    h = ST([[0, 0], [0, 1], [0, 2]], [1, 2, 3], [1, 3])
    t = ST([[0, 0], [0, 1]], [1, 3], [1, 2])
    assert tf.edit_distance(h, t).numpy().tolist() == [0.5]
    assert tf.edit_distance(h, t, normalize=False).numpy().tolist() == [1.0]
    k = ST([[0, i] for i in range(6)], list("kitten"), [1, 6])
    s = ST([[0, i] for i in range(7)], list("sitting"), [1, 7])
    assert tf.edit_distance(k, s).numpy()[0] == np.float32(3) / np.float32(7)
    # positions along the last axis do not matter, only the order of the entries
    assert tf.edit_distance(ST([[0, 0], [0, 5]], [1, 2], [1, 6]), ST([[0, 0], [0, 1]], [1, 2], [1, 2])).numpy()[0] == 0
    # NaN never equals NaN
    assert tf.edit_distance(ST([[0, 0]], [np.nan], [1, 1]), ST([[0, 0]], [np.nan], [1, 1])).numpy().tolist() == [1.0]


def test_edit_distance_shapes_and_empty_groups():
    d = tf.edit_distance(ST([[0, 0, 0], [3, 2, 0]], [1, 2], [4, 3, 1]), ST([[1, 0, 0]], [1], [2, 5, 7]))
    assert d.numpy().tolist() == [[np.inf, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, np.inf, 0, 0]]
    empty = ST(tf.zeros([0, 2], tf.int64), tf.constant([], tf.int32), [2, 1])
    assert tf.edit_distance(ST([[0, 0]], [1], [2, 1]), empty).numpy().tolist() == [np.inf, 0.0]
    assert tf.edit_distance(empty, empty).numpy().tolist() == [0.0, 0.0]
    two = ST([[0, 0], [0, 1]], [1, 2], [1, 2])
    one_empty = ST(tf.zeros([0, 2], tf.int64), tf.constant([], tf.int32), [1, 1])
    assert tf.edit_distance(two, one_empty, normalize=False).numpy().tolist() == [2.0]
    assert tf.edit_distance(one_empty, two, normalize=False).numpy().tolist() == [2.0]
    assert tf.edit_distance(one_empty, two).numpy().tolist() == [1.0]


def test_edit_distance_follows_tfs_merge_of_unsorted_groups():
    a = ST([[1, 0], [0, 0]], [1, 2], [2, 2])
    b = ST([[0, 0], [1, 0]], [2, 1], [2, 2])
    assert tf.edit_distance(a, b).numpy().tolist() == [np.inf, 0.0]
    a = ST([[0, 0], [1, 0], [0, 1]], [1, 2, 3], [2, 2])
    b = ST([[0, 0], [0, 1], [1, 0]], [1, 3, 2], [2, 2])
    assert tf.edit_distance(a, b).numpy().tolist() == [np.inf, 0.0]
    assert tf.edit_distance(ST([[0, 1], [0, 0]], [1, 2], [1, 2]), ST([[0, 0], [0, 1]], [2, 1], [1, 2])).numpy()[0] == 1


def test_edit_distance_errors():
    h = ST([[0, 0]], [1], [1, 1])
    with pytest.raises(TypeError, match="Hypothesis must be a SparseTensor."):
        tf.edit_distance(tf.constant([[1]]), h)
    with pytest.raises(TypeError, match="Truth must be a SparseTensor."):
        tf.edit_distance(h, tf.constant([[1]]))
    with pytest.raises(InvalidArgumentError, match=r"input #4\(zero-based\) was expected to be a int32 tensor but is a "
                                                   "int64 tensor"):
        tf.edit_distance(h, ST([[0, 0]], tf.constant([1], tf.int64), [1, 1]))
    with pytest.raises(InvalidArgumentError, match="expected to be a string tensor but is a float tensor"):
        tf.edit_distance(ST([[0, 0]], ["a"], [1, 1]), ST([[0, 0]], [1.0], [1, 1]))
    with pytest.raises(InvalidArgumentError, match=r"matching ranks, but their shapes are: \[2\] and \[1\]"):
        tf.edit_distance(ST([[0]], [1], [2]), h)
    with pytest.raises(InvalidArgumentError, match="rank at least 2, but truth_shape rank is: 1"):
        tf.edit_distance(ST([[0]], [1], [2]), ST([[0]], [1], [1]))
    empty = ST(tf.zeros([0, 2], tf.int64), tf.constant([], tf.int32), [0, 1])
    with pytest.raises(InvalidArgumentError, match=r"Got output shape \[0\] which has 0 elements"):
        tf.edit_distance(empty, empty)
    with pytest.raises(InternalError, match=r"inner product 3 .* \(max elements 1\)"):
        tf.edit_distance(ST([[3, 0]], [1], [1, 6]), ST([[0, 0]], [1], [1, 2]))


def test_edit_distance_gradient_is_none():
    v = tf.constant([1.0])
    with tf.GradientTape() as g:
        g.watch(v)
        d = tf.edit_distance(ST([[0, 0]], v, [1, 1]), ST([[0, 0]], [2.0], [1, 1]))
    assert d.numpy().tolist() == [1.0]
    assert g.gradient(d, v) is None


# --- bitcast ----------------------------------------------------------------------------------------------------


def test_bitcast_same_and_narrower_types():
    assert tf.bitcast(tf.constant([1.0, 2.0]), tf.int32).numpy().tolist() == [1065353216, 1073741824]
    b = tf.bitcast(tf.constant([1.0, 2.0]), tf.uint8)
    assert b.dtype == tf.uint8 and b.numpy().tolist() == [[0, 0, 128, 63], [0, 0, 0, 64]]
    assert tf.bitcast(tf.constant(1.0), tf.uint8).numpy().tolist() == [0, 0, 128, 63]
    assert tf.bitcast(tf.constant(1.0, tf.float64), tf.float32).numpy().tolist() == [0.0, 1.875]
    assert tf.bitcast(tf.constant([1.0], tf.float64), tf.complex64).numpy().tolist() == [1.875j]
    assert tf.bitcast(tf.constant([1 + 2j], tf.complex64), tf.float32).numpy().tolist() == [[1.0, 2.0]]
    assert tf.bitcast(tf.constant([-1], tf.int64), tf.uint64).numpy().tolist() == [18446744073709551615]
    assert tf.bitcast(tf.constant([1.5], tf.float16), tf.int16).numpy().tolist() == [15872]
    assert tf.bitcast(tf.zeros([0], tf.int32), tf.uint8).shape == (0, 4)
    assert tf.bitcast([1, 2], tf.float32).numpy().view(np.int32).tolist() == [1, 2]  # a list is int32
    assert tf.bitcast(tf.constant([[1.0]]), "int32").numpy().tolist() == [[1065353216]]


def test_bitcast_to_wider_type_consumes_last_axis():
    assert tf.bitcast(tf.constant([[1, 2, 3, 4]], tf.uint8), tf.int32).numpy().tolist() == [67305985]
    s = tf.bitcast(tf.constant([1, 2, 3, 4], tf.uint8), tf.int32)
    assert s.shape == () and s.numpy().item() == 67305985
    assert tf.bitcast(tf.constant([[1, 2], [3, 4]], tf.uint8), tf.int16).numpy().tolist() == [513, 1027]
    assert tf.bitcast(tf.zeros([0, 4], tf.uint8), tf.int32).shape == (0,)
    for x, msg in ((tf.constant([1, 2, 3, 4], tf.uint8), "Cannot bitcast from 4 to 5"),
                   (tf.constant(1, tf.uint8), "Cannot bitcast from 4 to 5")):
        with pytest.raises(InvalidArgumentError, match=msg):
            tf.bitcast(x, tf.int16)
    with pytest.raises(InvalidArgumentError, match="Cannot bitcast from 4 to 3"):
        tf.bitcast(tf.zeros([3, 0], tf.uint8), tf.int32)


def test_bitcast_refuses_bool_and_string():
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of bool is not in the list of allowed values"):
        tf.bitcast(tf.constant([True]), tf.uint8)
    with pytest.raises(InvalidArgumentError, match="Value for attr 'type' of bool"):
        tf.bitcast(tf.constant([1], tf.uint8), tf.bool)
    with pytest.raises(InvalidArgumentError, match="Value for attr 'T' of string"):
        tf.bitcast(tf.constant(["a"]), tf.uint8)


def test_bitcast_has_no_gradient():
    x = tf.constant([1.0, 2.0])
    for target in (tf.int32, tf.float32):
        with tf.GradientTape() as g:
            g.watch(x)
            y = tf.bitcast(x, target)
        with pytest.raises(LookupError, match="gradient registry has no entry for: Bitcast"):
            g.gradient(y, x)
