"""Scatter, segment and bucketing ops: scatter_nd, tensor_scatter_nd_*, (unsorted_)segment_*,
dynamic_partition / dynamic_stitch, reverse_sequence, sequence_mask, meshgrid, bincount,
histograms, unravel_index, confusion_matrix, count_nonzero, embedding_lookup, space_to_depth
and space_to_batch.

Expected values, dtypes and gradients were printed by TensorFlow 2.21.
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_batched_jacobian, check_grads, tape_grads

import tapeflow as tf

IAE = tf.errors.InvalidArgumentError
F32_MAX = float(np.finfo(np.float32).max)


# --- scatter_nd ------------------------------------------------------------------------------------------


def test_scatter_nd_values():
    r = tf.scatter_nd([[4], [3], [1], [7]], [9, 10, 11, 12], [8])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [0, 11, 0, 10, 9, 0, 0, 12]
    assert tf.scatter_nd([[1], [1]], [9.0, 10.0], [3]).numpy().tolist() == [0.0, 19.0, 0.0]  # duplicates add
    assert tf.scatter_nd([[0], [2]], [[5, 5], [6, 6]], [4, 2]).numpy().tolist() == [[5, 5], [0, 0], [6, 6], [0, 0]]
    assert tf.scatter_nd([[0, 1], [2, 2], [0, 1]], [1.0, 2.0, 3.0], [3, 3]).numpy().tolist() == [
        [0.0, 4.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 2.0]]
    assert tf.scatter_nd([[[0], [1]], [[2], [0]]], [[1.0, 2.0], [3.0, 4.0]], [3]).numpy().tolist() == [5.0, 2.0, 3.0]
    r = tf.scatter_nd(tf.constant([[0]], tf.int64), [1.0], tf.constant([2], tf.int64))
    assert r.numpy().tolist() == [1.0, 0.0]
    assert tf.scatter_nd([[0]], [True], [2]).numpy().tolist() == [True, False]
    assert tf.scatter_nd(tf.zeros([0, 1], tf.int32), tf.zeros([0]), [3]).numpy().tolist() == [0.0, 0.0, 0.0]
    assert tf.scatter_nd([[1], [9]], [1.0, 2.0], [3], bad_indices_policy="IGNORE").numpy().tolist() == [0.0, 1.0, 0.0]


@pytest.mark.parametrize("call,text", [
    (lambda: tf.scatter_nd([[4], [9]], [9, 10], [8]), r"scatter_nd: indices\[1\] = \[9\] does not index into shape \[8\]"),
    (lambda: tf.scatter_nd([[-1]], [9], [8]), r"indices\[0\] = \[-1\] does not index into shape \[8\]"),
    (lambda: tf.scatter_nd([[0, 1], [2, 5]], [9, 10], [3, 3]),
     r"indices\[1\] = \[2, 5\] does not index into shape \[3,3\]"),
    (lambda: tf.scatter_nd([[0], [2]], [[5, 5], [6, 6]], [4, 3]), "updates must have shape"),
    (lambda: tf.scatter_nd([[0.0]], [1.0], [2]), "indices must be"),
    (lambda: tf.scatter_nd(0, [1.0], [2]), "Indices shape must have rank at least one"),
    (lambda: tf.scatter_nd([[0, 0, 0]], [1.0], [2, 2]), "updates must have shape"),
])
def test_scatter_nd_errors(call, text):
    with pytest.raises(IAE, match=text):
        call()


def test_scatter_nd_gradient():
    # TF 2.21: d/du sum(scatter_nd([[1], [1]], u, [3]) * [1, 2, 3]) = [2, 2]
    assert tape_grads(lambda u: tf.scatter_nd([[1], [1]], u, [3]) * tf.constant([1.0, 2.0, 3.0]), [1.0, 2.0]) == [[2.0, 2.0]]
    rng = np.random.default_rng(0)
    check_grads(lambda u: tf.scatter_nd([[0, 1], [2, 0], [0, 1]], u, [3, 2, 2]) ** 2,
                [rng.standard_normal((3, 2))], order=2)
    check_batched_jacobian(lambda u: tf.scatter_nd([[2], [0], [2]], u, [4, 2]) ** 2, rng.standard_normal((3, 2)))


# --- tensor_scatter_nd_* ---------------------------------------------------------------------------------------


def test_tensor_scatter_values():
    t = tf.constant([1.0, 2.0, 3.0, 4.0])
    assert tf.tensor_scatter_nd_update(t, [[1], [3]], [9.0, 10.0]).numpy().tolist() == [1.0, 9.0, 3.0, 10.0]
    # duplicates: the last update wins (TF's CPU kernel)
    assert tf.tensor_scatter_nd_update(t, [[1], [2], [1]], [11.0, 10.0, 9.0]).numpy().tolist() == [1.0, 9.0, 10.0, 4.0]
    assert tf.tensor_scatter_nd_update(tf.zeros([2, 3]), [[1]], [[1.0, 2.0, 3.0]]).numpy().tolist() == [
        [0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]
    assert tf.tensor_scatter_nd_add(t, [[1], [1]], [9.0, 10.0]).numpy().tolist() == [1.0, 21.0, 3.0, 4.0]
    r = tf.tensor_scatter_nd_add([1, 2], [[1]], [9])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [1, 11]
    assert tf.tensor_scatter_nd_add(tf.constant([1.0, 2.0]), [[1]], [9]).numpy().tolist() == [1.0, 11.0]
    assert tf.tensor_scatter_nd_sub(t, [[1], [1]], [9.0, 10.0]).numpy().tolist() == [1.0, -17.0, 3.0, 4.0]
    assert tf.tensor_scatter_nd_max(t, [[1], [1], [3]], [9.0, 10.0, 0.0]).numpy().tolist() == [1.0, 10.0, 3.0, 4.0]
    assert tf.tensor_scatter_nd_min(t, [[1], [1], [3]], [9.0, 10.0, 0.0]).numpy().tolist() == [1.0, 2.0, 3.0, 0.0]
    r = tf.tensor_scatter_nd_max(tf.constant([[1, 2], [3, 4]]), [[0, 1], [1, 0]], [5, 0])
    assert r.numpy().tolist() == [[1, 5], [3, 4]]


@pytest.mark.parametrize("op", ["update", "add", "sub", "max", "min"])
def test_tensor_scatter_errors(op):
    f = getattr(tf, "tensor_scatter_nd_" + op)
    with pytest.raises(IAE, match=rf"tensor_scatter_nd_{op}: indices\[1\] = \[4\] does not index into shape \[4\]"):
        f(tf.constant([1.0, 2.0, 3.0, 4.0]), [[1], [4]], [9.0, 10.0])
    with pytest.raises(IAE, match="updates must have the dtype of the tensor"):
        f(tf.constant([1.0, 2.0]), [[1]], tf.constant([9]))
    with pytest.raises(IAE, match="updates must have shape"):
        f(tf.constant([1.0, 2.0]), [[1]], [9.0, 1.0])


def test_tensor_scatter_gradients_match_tf():
    w = tf.constant([1.0, 2.0, 3.0])
    # update with a duplicate index: the overwritten entry of tensor gets 0, both updates get the gradient
    assert tape_grads(lambda t, u: tf.tensor_scatter_nd_update(t, [[1], [1]], u) * w, [1.0, 2.0, 3.0], [5.0, 6.0]) == [
        [1.0, 0.0, 3.0], [2.0, 2.0]]
    # max: ties between tensor and an update split the gradient
    assert tape_grads(lambda t, u: tf.tensor_scatter_nd_max(t, [[1], [1], [2]], u) * w, [1.0, 6.0, 3.0],
                  [5.0, 6.0, 7.0]) == [[1.0, 1.0, 0.0], [0.0, 1.0, 3.0]]
    assert tape_grads(lambda t, u: tf.tensor_scatter_nd_sub(t, [[0], [0]], u) * w, [1.0, 2.0, 3.0], [5.0, 6.0]) == [
        [1.0, 2.0, 3.0], [-1.0, -1.0]]


@pytest.mark.parametrize("op", ["update", "add", "sub", "max", "min"])
def test_tensor_scatter_gradcheck_and_jacobian(op):
    f = getattr(tf, "tensor_scatter_nd_" + op)
    rng = np.random.default_rng(3)
    t0, u0 = rng.standard_normal((4, 3)), rng.standard_normal((2, 3))
    check_grads(lambda t, u: f(t, [[3], [0]], u) ** 2, [t0, u0], order=2)
    check_grads(lambda t, u: f(t, [[3, 1], [0, 2]], u) ** 2, [t0, u0[:, 0]], order=2)
    check_batched_jacobian(lambda t: f(t, [[3], [1]], tf.constant(u0)) ** 2, t0)


# --- unsorted segment reductions ------------------------------------------------------------------------------


D5 = [1.0, 2.0, 3.0, 4.0, 5.0]
IDS5 = [0, 2, 0, -1, 2]


def test_unsorted_segment_values():
    m = tf.math
    assert m.unsorted_segment_sum(D5, IDS5, 4).numpy().tolist() == [4.0, 0.0, 7.0, 0.0]
    assert m.unsorted_segment_mean(D5, IDS5, 4).numpy().tolist() == [2.0, 0.0, 3.5, 0.0]
    assert m.unsorted_segment_max(D5, IDS5, 4).numpy().tolist() == [3.0, -F32_MAX, 5.0, -F32_MAX]
    assert m.unsorted_segment_min(D5, IDS5, 4).numpy().tolist() == [1.0, F32_MAX, 2.0, F32_MAX]
    assert m.unsorted_segment_prod(D5, IDS5, 4).numpy().tolist() == [3.0, 1.0, 10.0, 1.0]
    np.testing.assert_allclose(m.unsorted_segment_sqrt_n(D5, IDS5, 4).numpy(), [2.828427, 0.0, 4.9497476, 0.0],
                               rtol=1e-6)
    r = m.unsorted_segment_max(tf.constant([1, 2, 3]), [0, 0, 2], 3)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [2, -2147483648, 3]
    assert m.unsorted_segment_min(tf.constant([1, 2, 3]), [0, 0, 2], 3).numpy().tolist() == [1, 2147483647, 3]
    assert m.unsorted_segment_min(tf.constant([1], tf.uint8), [0], 2).numpy().tolist() == [1, 255]
    assert m.unsorted_segment_max(tf.constant([1.0], tf.float16), [0], 2).numpy().tolist() == [1.0, -65504.0]
    r = m.unsorted_segment_mean(tf.constant([1, 2, 4]), [0, 0, 0], 2)
    assert r.dtype == tf.float64 and r.numpy().tolist() == [7 / 3, 0.0]
    assert m.unsorted_segment_mean(tf.constant([1, 2], tf.int16), [0, 0], 2).dtype == tf.float32
    assert m.unsorted_segment_prod(tf.constant([3], tf.int32), [0], 2).numpy().tolist() == [3, 1]
    x = tf.reshape(tf.range(6.0), [2, 3])
    assert m.unsorted_segment_sum(x, [[0, 1, 0], [1, 1, 0]], 2).numpy().tolist() == [7.0, 8.0]
    assert m.unsorted_segment_sum(tf.reshape(tf.range(6.0), [3, 2]), [0, 1, 0], 2).numpy().tolist() == [
        [4.0, 6.0], [2.0, 3.0]]
    assert m.unsorted_segment_sum([1.0, 2.0], [0, 0], tf.constant(2, tf.int64)).numpy().tolist() == [3.0, 0.0]
    assert m.unsorted_segment_sum(tf.constant([1 + 2j, 3j]), [0, 0], 1).numpy().tolist() == [1 + 5j]
    assert m.unsorted_segment_sum(D5, tf.constant([0, 0, 0, 0, 0], tf.int16), 2).numpy().tolist() == [15.0, 0.0]


@pytest.mark.parametrize("call,text", [
    (lambda: tf.math.unsorted_segment_sum(D5, [0, 5, 0, 0, 0], 4),
     r"unsorted_segment_sum: segment_ids\[1\] = 5 is out of range \[0, 4\)"),
    (lambda: tf.math.unsorted_segment_max(D5, [0, 5, 0, 0, 0], 4),
     r"unsorted_segment_max: segment_ids\[1\] = 5 is out of range \[0, 4\)"),
    (lambda: tf.math.unsorted_segment_sum(D5, [0, 1], 4), r"data.shape = \[5\] does not start with segment_ids.shape"),
    (lambda: tf.math.unsorted_segment_sum(D5, [0.0] * 5, 2), "segment_ids must be"),
    (lambda: tf.math.unsorted_segment_sum(D5, [0] * 5, -1), "Input num_segments == -1 must not be negative"),
    (lambda: tf.math.unsorted_segment_sum(D5, [0] * 5, [2]), "num_segments should be a scalar"),
    (lambda: tf.math.unsorted_segment_sum(D5, [0] * 5, 2.0), "num_segments must be an int32 or int64 scalar"),
    (lambda: tf.math.unsorted_segment_sum(tf.constant([True]), [0], 1), "data must be numeric"),
    (lambda: tf.math.unsorted_segment_max(tf.constant([True]), [0], 1), "data must be real numeric"),
    (lambda: tf.math.unsorted_segment_sqrt_n(tf.constant([1]), [0], 1), "floating-point or complex"),
    (lambda: tf.math.unsorted_segment_sum(D5, tf.constant([0] * 5, tf.uint8), 2), "segment_ids must be"),
])
def test_unsorted_segment_errors(call, text):
    with pytest.raises(IAE, match=text):
        call()


def test_unsorted_segment_gradients_match_tf():
    um = tf.math
    w3 = tf.constant([1.0, 0.5, 0.25])  # (empty segments hold the lowest float: keep the products finite)
    # ties in max/min split the gradient equally; entries with a negative id get 0
    assert tape_grads(lambda d: um.unsorted_segment_max(d, [0, 0, 0, -1], 3) * w3, [2.0, 2.0, 1.0, 3.0]) == [
        [0.5, 0.5, 0.0, 0.0]]
    assert tape_grads(lambda d: um.unsorted_segment_min(d, [0, 1, 0, 1], 2), [2.0, 2.0, 2.0, 3.0]) == [
        [0.5, 1.0, 0.5, 0.0]]
    # prod: one zero in a segment gets the product of the others, two zeros give 0
    assert tape_grads(lambda d: um.unsorted_segment_prod(d, [0, 0, 1, 1, 1, 2, 2], 4),
                  [2.0, 0.0, 0.0, 3.0, 0.0, 4.0, 5.0]) == [[0.0, 2.0, 0.0, 0.0, 0.0, 5.0, 4.0]]
    assert tape_grads(lambda d: um.unsorted_segment_mean(d, [0, 0, -1], 2), [2.0, 0.0, 1.0]) == [[0.5, 0.5, 0.0]]


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "prod", "sqrt_n"])
def test_unsorted_segment_gradcheck_and_jacobian(name):
    f = getattr(tf.math, "unsorted_segment_" + name)
    rng = np.random.default_rng(4)
    x = rng.uniform(0.5, 2.0, (6, 2)) * rng.choice([-1.0, 1.0], (6, 2))
    # every segment non-empty: max/min fill empty ones with the dtype's extremes
    check_grads(lambda d: f(d, [2, 0, -1, 2, 0, 1], 3) ** 2, [x], order=2)
    check_grads(lambda d: f(d, [[1, 0], [1, -1], [0, 0]], 2), [x[:, 0].reshape(3, 2)], order=2)
    check_batched_jacobian(lambda d: f(d, [2, 0, -1, 2, 0, 1], 3) ** 2, x)


def test_unsorted_segment_gradient_is_dense():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.unsorted_segment_sum(x, [0, -1, 0], 1)
    g = t.gradient(y, x)
    assert type(g) is tf.Tensor and g.numpy().tolist() == [1.0, 0.0, 1.0]


# --- sorted segment reductions ---------------------------------------------------------------------------------------


def test_segment_values():
    m = tf.math
    ids = [0, 0, 2, 2, 2]
    assert m.segment_sum(D5, ids).numpy().tolist() == [3.0, 0.0, 12.0]
    assert m.segment_mean(D5, ids).numpy().tolist() == [1.5, 0.0, 4.0]
    assert m.segment_max(D5, ids).numpy().tolist() == [2.0, 0.0, 5.0]  # missing ids give 0
    assert m.segment_min(D5, ids).numpy().tolist() == [1.0, 0.0, 3.0]
    assert m.segment_prod(D5, ids).numpy().tolist() == [2.0, 1.0, 60.0]
    r = m.segment_mean(tf.constant([1, 2, 5]), [0, 0, 2])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [1, 0, 5]  # integer division
    assert m.segment_max(tf.constant([[1.0, 2.0], [3.0, 0.0], [5.0, 5.0]]), [0, 0, 1]).numpy().tolist() == [
        [3.0, 2.0], [5.0, 5.0]]
    assert m.segment_sum([1.0, 2.0], [1, 1]).numpy().tolist() == [0.0, 3.0]
    assert m.segment_sum(tf.zeros([0]), tf.zeros([0], tf.int32)).shape.as_list() == [0]


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "prod"])
def test_segment_errors(name):
    f = getattr(tf.math, "segment_" + name)
    with pytest.raises(IAE, match=f"segment_{name}: segment ids are not increasing"):
        f(D5, [0, 1, 0, 1, 1])
    with pytest.raises(IAE, match=r"Segment id -1 out of range \[0, 2\), possibly because 'segment_ids' input is not"):
        f(D5, [-1, 0, 0, 1, 1])
    with pytest.raises(IAE, match="segment_ids should be the same size as dimension 0 of input"):
        f(D5, [0, 0])
    with pytest.raises(IAE, match="segment_ids should be a vector"):
        f(tf.zeros([2, 2]), [[0, 0], [1, 1]])


def test_segment_gradients():
    # TF 2.21: ties in segment_max split the gradient
    assert tape_grads(lambda d: tf.math.segment_max(d, [0, 0, 0, 1]) * tf.constant([1.0, 10.0]),
                      [2.0, 2.0, 1.0, 3.0]) == [[0.5, 0.5, 0.0, 10.0]]
    assert tape_grads(lambda d: tf.math.segment_prod(d, [0, 0, 1, 1, 1, 2, 2]),
                      [2.0, 0.0, 0.0, 3.0, 0.0, 4.0, 5.0]) == [[0.0, 2.0, 0.0, 0.0, 0.0, 5.0, 4.0]]
    rng = np.random.default_rng(5)
    x = rng.uniform(0.5, 2.0, (5, 2))
    for name in ["sum", "mean", "max", "min", "prod"]:
        f = getattr(tf.math, "segment_" + name)
        check_grads(lambda d, f=f: f(d, [0, 0, 2, 2, 3]) ** 2, [x], order=2)


# --- dynamic_partition / dynamic_stitch ------------------------------------------------------------------------------


def test_dynamic_partition():
    r = tf.dynamic_partition([10, 20, 30, 40, 50], [0, 0, 1, 1, 0], 2)
    assert [t.numpy().tolist() for t in r] == [[10, 20, 50], [30, 40]]
    r = tf.dynamic_partition([[1, 2], [3, 4], [5, 6]], [1, 0, 1], 3)
    assert [t.numpy().tolist() for t in r] == [[[3, 4]], [[1, 2], [5, 6]], []]
    assert r[2].shape.as_list() == [0, 2]
    r = tf.dynamic_partition([[1, 2], [3, 4]], [[1, 0], [0, 1]], 2)
    assert [t.numpy().tolist() for t in r] == [[2, 3], [1, 4]]
    with pytest.raises(IAE, match=r"dynamic_partition: partitions\[1\] = 2 is not in \[0, 2\)"):
        tf.dynamic_partition([10, 20], [0, 2], 2)
    with pytest.raises(IAE, match="data.shape must start with partitions.shape"):
        tf.dynamic_partition([10, 20], [0], 2)
    with pytest.raises(ValueError, match="int32"):
        tf.dynamic_partition([10, 20], tf.constant([0, 1], tf.int64), 2)
    # TF 2.21: gradient [1, 0, 2]
    g = tape_grads(lambda a: tf.dynamic_partition(a, [1, 0, 1], 2)[1] * tf.constant([1.0, 2.0]), [1.0, 2.0, 3.0])
    assert g == [[1.0, 0.0, 2.0]]
    check_grads(lambda a: [p ** 2 for p in tf.dynamic_partition(a, [1, 0, 1, 2], 3)],
                [np.random.default_rng(7).standard_normal((4, 2))], order=2)


def test_dynamic_stitch():
    assert tf.dynamic_stitch([[0, 2], [1, 3]], [[1.0, 2.0], [3.0, 4.0]]).numpy().tolist() == [1.0, 3.0, 2.0, 4.0]
    assert tf.dynamic_stitch([[0, 1], [1, 2]], [[1.0, 2.0], [3.0, 4.0]]).numpy().tolist() == [1.0, 3.0, 4.0]
    assert tf.dynamic_stitch([[0, 0]], [[1.0, 2.0]]).numpy().tolist() == [2.0]
    assert tf.dynamic_stitch([[0, 3]], [[1.0, 2.0]]).numpy().tolist() == [1.0, 0.0, 0.0, 2.0]
    r = tf.dynamic_stitch([6, [4, 1], [[5, 2], [0, 3]]],
                          [[61.0, 62.0], [[41.0, 42.0], [11.0, 12.0]], [[[51.0, 52.0], [21.0, 22.0]], [[1.0, 2.0], [31.0, 32.0]]]])
    assert r.numpy().tolist() == [[1.0, 2.0], [11.0, 12.0], [21.0, 22.0], [31.0, 32.0], [41.0, 42.0], [51.0, 52.0],
                                  [61.0, 62.0]]
    assert tf.dynamic_stitch([[0], [1]], [[1.0], [2]]).dtype == tf.float32
    assert tf.dynamic_stitch([0, 1], [1.0, 2.0]).numpy().tolist() == [1.0, 2.0]
    assert tf.dynamic_stitch([tf.zeros([0], tf.int32)], [tf.zeros([0, 2])]).shape.as_list() == [0, 2]
    with pytest.raises(IAE, match=r"dynamic_stitch: indices\[1\] is out of range"):
        tf.dynamic_stitch([[0, -1]], [[1.0, 2.0]])
    with pytest.raises(IAE, match=r"data\[0\].shape = \[3\] does not start with indices\[0\].shape = \[2\]"):
        tf.dynamic_stitch([[0, 1]], [[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="must match length 2 of argument 'indices'"):
        tf.dynamic_stitch([[0], [1]], [[1.0]])


def test_dynamic_stitch_gradient():
    # TF 2.21: an overwritten entry still gets its gathered gradient
    w = tf.constant([1.0, 2.0, 3.0])
    assert tape_grads(lambda a, b: tf.dynamic_stitch([[0, 1], [1, 2]], [a, b]) * w, [1.0, 2.0], [3.0, 4.0]) == [
        [1.0, 2.0], [2.0, 3.0]]
    rng = np.random.default_rng(8)
    check_grads(lambda a, b: tf.dynamic_stitch([[3, 0], [[1], [2]]], [a, b]) ** 2,
                [rng.standard_normal((2, 2)), rng.standard_normal((2, 1, 2))], order=2)


# --- reverse_sequence / sequence_mask / meshgrid / unravel_index ---------------------------------------------------


def test_reverse_sequence():
    x = [[1, 2, 3, 4], [5, 6, 7, 8]]
    assert tf.reverse_sequence(x, [3, 1], seq_axis=1, batch_axis=0).numpy().tolist() == [[3, 2, 1, 4], [5, 6, 7, 8]]
    assert tf.reverse_sequence([[1, 2], [3, 4], [5, 6]], [3, 2], seq_axis=0, batch_axis=1).numpy().tolist() == [
        [5, 4], [3, 2], [1, 6]]
    assert tf.reverse_sequence(x, [0, 1], seq_axis=1).numpy().tolist() == x
    assert tf.reverse_sequence(x, tf.constant([2, 1], tf.int64), seq_axis=1).numpy().tolist() == [
        [2, 1, 3, 4], [5, 6, 7, 8]]
    r = tf.reverse_sequence(tf.reshape(tf.range(12), [2, 3, 2]), [2, 3], seq_axis=1, batch_axis=0)
    assert r.numpy().tolist() == [[[2, 3], [0, 1], [4, 5]], [[10, 11], [8, 9], [6, 7]]]
    for kw, text in [({"seq_axis": 1, "lens": [5, 1]}, r"seq_lens\(0\) > input.dims\(1\)"),
                     ({"seq_axis": 1, "lens": [-1, 1]}, r"seq_lens\(0\) < 0"),
                     ({"seq_axis": 1, "lens": [1]}, r"Length of seq_lengths != input.dims\(0\), \(1 vs. 2\)"),
                     ({"seq_axis": 0, "lens": [1, 1]}, "batch_dim == seq_dim == 0"),
                     ({"seq_axis": -1, "lens": [1, 1]}, "Invalid seq_dim -1"),
                     ({"seq_axis": 2, "lens": [1, 1]}, "seq_dim must be < input rank"),
                     ({"seq_axis": 1, "lens": [1.0, 1.0]}, "seq_lengths must be")]:
        with pytest.raises(IAE, match=text):
            tf.reverse_sequence(x, kw["lens"], seq_axis=kw["seq_axis"])
    with pytest.raises(TypeError, match="Expected int for argument 'seq_dim' not None"):
        tf.reverse_sequence(x, [1, 1])
    # TF 2.21 gradient
    assert tape_grads(lambda a: tf.reverse_sequence(a, [2, 3], seq_axis=1) * tf.reshape(tf.range(6.0), [2, 3]),
                  np.ones([2, 3], np.float32)) == [[[1.0, 0.0, 2.0], [5.0, 4.0, 3.0]]]
    check_grads(lambda a: tf.reverse_sequence(a, [1, 3, 2], seq_axis=0, batch_axis=1) ** 2,
                [np.random.default_rng(9).standard_normal((3, 3, 2))], order=2)


def test_sequence_mask():
    r = tf.sequence_mask([1, 3, 2], 5)
    assert r.dtype == tf.bool and r.numpy().astype(int).tolist() == [[1, 0, 0, 0, 0], [1, 1, 1, 0, 0], [1, 1, 0, 0, 0]]
    assert tf.sequence_mask([[1, 3], [2, 0]]).shape.as_list() == [2, 2, 3]
    r = tf.sequence_mask([1, 3], 4, dtype=tf.float32)
    assert r.dtype == tf.float32 and r.numpy().tolist() == [[1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]]
    assert tf.sequence_mask(2, 4).numpy().tolist() == [True, True, False, False]
    assert tf.sequence_mask([-1, 2], 3).numpy().tolist() == [[False, False, False], [True, True, False]]
    assert tf.sequence_mask([1.5, 2.0], 3).numpy().tolist() == [[True, False, False], [True, True, False]]
    assert tf.sequence_mask(tf.constant([1, 2], tf.int64), 3, dtype=tf.int32).dtype == tf.int32
    assert tf.sequence_mask(tf.zeros([0], tf.int32)).shape.as_list() == [0, 0]
    with pytest.raises(ValueError, match="Argument `maxlen` must be scalar for sequence_mask"):
        tf.sequence_mask([1, 2], [3])
    with pytest.raises(IAE, match="Requires start <= limit"):
        tf.sequence_mask([1, 2], -1)


def test_meshgrid():
    X, Y = tf.meshgrid([1, 2, 3], [4, 5])
    assert X.numpy().tolist() == [[1, 2, 3], [1, 2, 3]] and Y.numpy().tolist() == [[4, 4, 4], [5, 5, 5]]
    X, Y = tf.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    assert X.numpy().tolist() == [[1, 1], [2, 2], [3, 3]] and Y.numpy().tolist() == [[4, 5], [4, 5], [4, 5]]
    a, b, c = [np.arange(n, dtype=np.float32) + 10 * i for i, n in enumerate([2, 3, 4])]
    for ind in ("xy", "ij"):
        for got, want in zip(tf.meshgrid(a, b, c, indexing=ind), np.meshgrid(a, b, c, indexing=ind)):
            np.testing.assert_array_equal(got.numpy(), want)
    assert [t.numpy().tolist() for t in tf.meshgrid([1, 2, 3])] == [[1, 2, 3]]
    assert tf.meshgrid() == []
    assert [t.shape.as_list() for t in tf.meshgrid(1, [3, 4])] == [[2, 1], [2, 1]]
    with pytest.raises(TypeError, match="'sparse' is an invalid keyword argument for this function"):
        tf.meshgrid([1], [2], sparse=True)
    with pytest.raises(ValueError, match="must be either 'xy' or 'ij', got 'zz'"):
        tf.meshgrid([1, 2], indexing="zz")
    with pytest.raises(IAE, match="same dtype"):
        tf.meshgrid([1, 2], [3.0, 4.0])
    # TF 2.21: d/da sum(meshgrid(a, b)[0] * 2) = [4, 4, 4]; b is unconnected
    assert tape_grads(lambda a, b: tf.meshgrid(a, b)[0] * 2.0, [2.0, 1.0, 3.0], [1.0, 2.0]) == [[4.0, 4.0, 4.0], None]
    check_grads(lambda a, b: [t ** 2 for t in tf.meshgrid(a, b)], [np.ones(3), np.ones(2) * 2.0], order=2)


def test_unravel_index():
    r = tf.unravel_index([1, 5, 4], [3, 3])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [[0, 1, 1], [1, 2, 1]]
    assert tf.unravel_index(5, [3, 3]).numpy().tolist() == [1, 2]
    assert tf.unravel_index([-1, -5], [3, 3]).numpy().tolist() == [[0, -1], [-1, -2]]  # TF's C arithmetic
    r = tf.unravel_index(tf.constant([1, 7], tf.int64), [2, 4])
    assert r.dtype == tf.int64 and r.numpy().tolist() == [[0, 1], [1, 3]]
    for args, text in [(([2, 9], [3, 3]), "index is out of bound as with dims"),
                       (([[1, 5]], [3, 3]), "The indices can only be scalar or vector"),
                       (([1], [3, 0]), "dims contains zero at index 1"),
                       (([1], [3, -1]), "Input dims cannot be negative. Got dim = -1 at index 1")]:
        with pytest.raises(IAE, match=text):
            tf.unravel_index(*args)


# --- bincount / histograms / confusion_matrix / count_nonzero ---------------------------------------------------


def test_bincount():
    b = tf.math.bincount
    r = b([1, 1, 2, 5])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [0, 2, 1, 0, 0, 1]
    assert b([1, 1, 2, 5], minlength=8).numpy().tolist() == [0, 2, 1, 0, 0, 1, 0, 0]
    assert b([1, 1, 2, 5], maxlength=2).numpy().tolist() == [0, 2]
    r = b([1, 1, 2, 5], weights=[0.5, 1.0, 2.0, 3.0], dtype=tf.float64)
    assert r.dtype == tf.float32 and r.numpy().tolist() == [0.0, 1.5, 2.0, 0.0, 0.0, 3.0]  # weights' dtype wins
    assert b([1, 1, 2, 5], dtype=tf.int64).dtype == tf.int64
    assert b([1, 1, 2, 5], dtype=tf.float32).numpy().tolist() == [0.0, 2.0, 1.0, 0.0, 0.0, 1.0]
    assert b([[1, 1], [2, 5]]).numpy().tolist() == [0, 2, 1, 0, 0, 1]
    assert b([[1, 1], [2, 5]], axis=-1).numpy().tolist() == [[0, 2, 0, 0, 0, 0], [0, 0, 1, 0, 0, 1]]
    assert b([1, 1, 2, 5], binary_output=True).numpy().tolist() == [0, 1, 1, 0, 0, 1]
    assert b([[1, 1], [2, 5]], axis=-1, binary_output=True).numpy().tolist() == [[0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 1]]
    assert b(tf.zeros([0], tf.int32)).shape.as_list() == [0]
    assert b([1.7]).numpy().tolist() == [0, 1]
    assert b(tf.constant([1, 3], tf.int64)).numpy().tolist() == [0, 1, 0, 1]
    assert b([[1, 1], [2, 5]], weights=[[1.0, 2.0], [3.0, 4.0]], axis=-1).numpy().tolist() == [
        [0.0, 3.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 3.0, 0.0, 0.0, 4.0]]
    assert b([1, 1], weights=[2, 3]).numpy().tolist() == [0, 5]
    assert b([1, 7], minlength=5, maxlength=3).numpy().tolist() == [0, 1, 0]
    assert b([[1, 1], [2, 5]], axis=-1, minlength=7, maxlength=3).numpy().tolist() == [[0, 2, 0], [0, 0, 1]]


def test_bincount_errors_and_no_gradient():
    b = tf.math.bincount
    with pytest.raises(IAE, match="Input arr must be non-negative!"):
        b([-1, 1])
    with pytest.raises(ValueError, match="`binary_output` and `weights` are mutually exclusive"):
        b([1], weights=[1.0], binary_output=True)
    with pytest.raises(ValueError, match="Unsupported value for argument axis=1"):
        b([[1]], axis=1)
    with pytest.raises(IAE, match="Shape must be at most rank 2 but is rank 3"):
        b(tf.zeros([2, 2, 2], tf.int32), axis=-1)
    with pytest.raises(IAE, match="`weights` must be the same shape as `arr`"):
        b([1, 1], weights=[2.0, 3.0, 4.0])
    with pytest.raises(IAE, match="int32, int64, float32 or float64, got int16"):
        b([1], dtype=tf.int16)
    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = b([1, 1], weights=w)
    with pytest.raises(LookupError, match="gradient registry has no entry for: DenseBincount"):
        t.gradient(y, w)


def test_histograms():
    v = [-1.0, 0.0, 1.5, 2.0, 5.0, 15]
    r = tf.histogram_fixed_width(v, [0.0, 5.0], nbins=5)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [2, 1, 1, 0, 2]
    assert tf.histogram_fixed_width(v, [0.0, 5.0], nbins=5, dtype=tf.int64).dtype == tf.int64
    assert tf.histogram_fixed_width([[1.0, 4.9], [2.5, 7]], [0.0, 5.0], nbins=5).numpy().tolist() == [0, 1, 1, 0, 2]
    assert tf.histogram_fixed_width([1, 2, 9], [0, 10], nbins=5).numpy().tolist() == [1, 1, 0, 0, 1]
    assert tf.histogram_fixed_width(v, [0, 5], nbins=5).numpy().tolist() == [2, 1, 1, 0, 2]
    assert tf.histogram_fixed_width([0.1 * 3, 0.3, 0.7, 0.9999999], [0.0, 1.0], nbins=10).numpy().tolist() == [
        0, 0, 0, 2, 0, 0, 1, 0, 0, 1]
    r = tf.histogram_fixed_width(np.array([0.3, 0.7, 0.6]), np.array([0.0, 1.0]), nbins=10)
    assert r.numpy().tolist() == [0, 0, 1, 0, 0, 1, 1, 0, 0, 0]  # float64 arithmetic, as TF
    assert tf.histogram_fixed_width(v, [0.0, 5.0], nbins=tf.constant(3)).numpy().tolist() == [3, 1, 2]
    r = tf.histogram_fixed_width_bins(v, [0.0, 5.0], nbins=5)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [0, 0, 1, 2, 4, 4]
    assert tf.histogram_fixed_width_bins([[1.0, 4.9], [2.5, 7]], [0.0, 5.0], nbins=5).numpy().tolist() == [[1, 4], [2, 4]]
    r = tf.histogram_fixed_width_bins([0.1 * 3, 0.3, 0.7, 0.6, 0.2, 0.9999999], [0.0, 1.0], nbins=10)
    assert r.numpy().tolist() == [3, 3, 7, 6, 2, 9]  # float32 arithmetic, as TF
    assert tf.histogram_fixed_width_bins([np.nan, 1.0], [0.0, 5.0], nbins=5).numpy().tolist() == [-2147483648, 1]
    for call, text in [
        (lambda: tf.histogram_fixed_width(v, [5.0, 0.0], nbins=5), r"value_range\[0\] < value_range\[1\], but got"),
        (lambda: tf.histogram_fixed_width(v, [0.0, 5.0], nbins=0), "nbins should be a positive number, but got '0'"),
        (lambda: tf.histogram_fixed_width([np.nan, 1.0], [0.0, 5.0], nbins=5), "Histogram values must not contain NaN"),
        (lambda: tf.histogram_fixed_width(v, [0.0, 5.0, 6.0], nbins=5), "value_range should be a vector of 2 elements"),
        (lambda: tf.histogram_fixed_width(v, [0.0, 5.0], dtype=tf.float32), "dtype must be int32 or int64"),
        (lambda: tf.histogram_fixed_width_bins([1, 2], [0, 10], nbins=5), "values must be floating-point"),
    ]:
        with pytest.raises(IAE, match=text):
            call()
    x = tf.constant([0.5])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(tf.histogram_fixed_width(x, [0.0, 1.0]), tf.float32)
    assert t.gradient(y, x) is None


def test_confusion_matrix():
    cm = tf.math.confusion_matrix
    r = cm([1, 2, 4], [2, 2, 4])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [
        [0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]]
    assert cm([1, 2, 4], [2, 2, 4], num_classes=6).shape.as_list() == [6, 6]
    r = cm([1, 2, 4], [2, 2, 4], weights=[1.0, 2.0, 3.0])
    assert r.dtype == tf.int32 and r.numpy()[2, 2] == 2 and r.numpy()[4, 4] == 3
    assert cm([1, 2, 4], [2, 2, 4], weights=[1.0, 2.0, 3.0], dtype=tf.float32).dtype == tf.float32
    assert cm([1, 2], [2, 2], dtype=tf.float64).numpy().tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]]
    assert cm([1.7, 2.0], [2.0, 2.0]).numpy().tolist() == [[0, 0, 0], [0, 0, 1], [0, 0, 1]]
    assert cm([[1], [2]], [2, 2]).numpy().tolist() == [[0, 0, 0], [0, 0, 1], [0, 0, 1]]
    assert cm([0, 0, 1], [1, 1, 1]).numpy().tolist() == [[0, 2], [0, 1]]
    with pytest.raises(IAE, match="`labels` contains negative values"):
        cm([-1, 2], [2, 2])
    with pytest.raises(IAE, match="`labels` out of bound"):
        cm([1, 5], [2, 2], num_classes=3)
    with pytest.raises(IAE, match="Shapes of all inputs must match"):
        cm([1, 2, 3], [2, 2])
    # TF 2.21: d/dw sum(confusion_matrix(.., weights=w, dtype=float32)) = [1, 1]
    assert tape_grads(lambda w: cm([0, 1], [1, 1], weights=w, dtype=tf.float32), [0.5, 2.0]) == [[1.0, 1.0]]


def test_count_nonzero():
    r = tf.math.count_nonzero([[0, 1], [2, 0]])
    assert r.dtype == tf.int64 and int(r) == 2
    r = tf.math.count_nonzero([[0, 1], [2, 0]], axis=1, keepdims=True, dtype=tf.int32)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [[1], [1]]
    assert int(tf.math.count_nonzero(["", "a", "b"])) == 2
    assert int(tf.math.count_nonzero([True, False])) == 1
    assert int(tf.math.count_nonzero([np.nan, 0.0])) == 1
    assert tf.math.count_nonzero([1.0, 0.0], dtype=tf.float32).dtype == tf.float32
    x = tf.reshape(tf.range(24), [2, 3, 4]) % 3
    assert tf.math.count_nonzero(x, axis=[0, 2]).numpy().tolist() == [4, 6, 6]
    with pytest.raises(IAE, match="axis 1 is out of range"):
        tf.math.count_nonzero([1.0, 0.0], axis=1)


# --- embedding_lookup -------------------------------------------------------------------------------------------------


def test_embedding_lookup_values():
    p = tf.reshape(tf.range(10.0), [5, 2])
    el = tf.nn.embedding_lookup
    assert el(p, [[4, 0], [1, 1]]).numpy().tolist() == [[[8.0, 9.0], [0.0, 1.0]], [[2.0, 3.0], [2.0, 3.0]]]
    np.testing.assert_allclose(el(p, [0, 4], max_norm=5.0).numpy(), [[0.0, 1.0], [3.3218193, 3.7370467]], rtol=1e-6)
    shards = [tf.reshape(tf.range(6.0), [3, 2]), tf.reshape(tf.range(6.0, 10.0), [2, 2])]
    assert el(shards, [0, 1, 2, 3, 4, 2]).numpy().tolist() == [
        [0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0], [8.0, 9.0], [4.0, 5.0]]
    s3 = [tf.constant([[0.0], [1], [2]]), tf.constant([[3.0], [4]]), tf.constant([[5.0], [6.0]])]
    assert el(s3, [6, 0, 1, 2, 3, 4, 5]).numpy().tolist() == [[6.0], [0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]
    assert el([tf.constant([[0.0]]), tf.constant([[1.0]]), tf.constant([[2.0]])], [2, 0, 1]).numpy().tolist() == [
        [2.0], [0.0], [1.0]]
    assert el(tf.constant([1.0, 2.0]), [1, 0]).numpy().tolist() == [2.0, 1.0]
    assert el(tf.constant([1.0, -3.0]), [1, 0], max_norm=2.0).numpy().tolist() == [-2.0, 1.0]
    np.testing.assert_allclose(el(tf.reshape(tf.range(8.0), [2, 2, 2]), [1], max_norm=2.0).numpy(),
                               [[[0.7126967, 0.8908708], [1.069045, 1.2472192]]], rtol=1e-6)
    assert el(p, 3).numpy().tolist() == [6.0, 7.0]
    two = [tf.constant([[0.0], [1.0]]), tf.constant([[2.0]])]
    assert el(two, [[0, 2], [1, 1]]).numpy().tolist() == [[[0.0], [2.0]], [[1.0], [1.0]]]
    assert el([tf.constant([[3.0], [1.0]]), tf.constant([[2.0]])], [[0, 2], [1, 1]], max_norm=1.5).numpy().tolist() == [
        [[1.5], [1.5]], [[1.0], [1.0]]]


def test_embedding_lookup_errors():
    el = tf.nn.embedding_lookup
    with pytest.raises(IAE, match=r"embedding_lookup: indices\[0\] = 5 is not in \[0, 5\)"):
        el(tf.zeros([5, 2]), [5])
    with pytest.raises(IAE, match=r"indices\[0\] = -1 is not in \[0, 5\)"):
        el(tf.zeros([5, 2]), [-1])
    with pytest.raises(IAE, match=r"ids\[0\] = 7 is not in \[0, 5\)"):
        el([tf.zeros([3, 2]), tf.zeros([2, 2])], [7])
    with pytest.raises(IAE, match=r"indices\[2\] = 2 is not in \[0, 2\) \(shard 0"):  # shards not laid out as 'div'
        el([tf.zeros([2, 2]), tf.zeros([3, 2])], [0, 1, 2, 3, 4])
    with pytest.raises(ValueError, match="Length of params is currently 0. Need at least one param."):
        el([], [0])
    with pytest.raises(IAE, match="ids must be"):
        el(tf.zeros([5, 2]), [1.0])
    with pytest.raises(IAE, match="same dtype and row shape"):
        el([tf.zeros([2, 1]), tf.zeros([1, 2])], [0])
    with pytest.raises(IAE, match="floating-point"):
        el(tf.constant([[1, 2]]), [0], max_norm=1.0)


def test_embedding_lookup_gradients():
    v = tf.Variable(tf.reshape(tf.range(10.0), [5, 2]))
    with tf.GradientTape() as t:
        y = tf.nn.embedding_lookup(v, [0, 0, 3])
    g = tf.convert_to_tensor(t.gradient(y, v))
    assert g.numpy().tolist() == [[2.0, 2.0], [0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    rng = np.random.default_rng(10)
    check_grads(lambda p: tf.nn.embedding_lookup(p, [[3, 0], [3, 1]], max_norm=1.0) ** 2,
                [rng.standard_normal((4, 3))], order=2)
    check_grads(lambda a, b: tf.nn.embedding_lookup([a, b], [4, 0, 2, 3]) ** 2,
                [rng.standard_normal((3, 2)), rng.standard_normal((2, 2))], order=2)


# --- space_to_depth / depth_to_space / space_to_batch / batch_to_space ------------------------------------------------


def test_space_to_depth_and_back():
    x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    r = tf.nn.space_to_depth(x, 2)
    assert r.shape.as_list() == [1, 2, 2, 4]
    assert r.numpy().tolist() == [[[[0.0, 1.0, 4.0, 5.0], [2.0, 3.0, 6.0, 7.0]], [[8.0, 9.0, 12.0, 13.0],
                                                                                   [10.0, 11.0, 14.0, 15.0]]]]
    assert tf.nn.depth_to_space(r, 2).numpy().tolist() == x.numpy().tolist()
    assert tf.nn.space_to_depth(tf.reshape(tf.range(8), [1, 2, 2, 2]), 2).numpy().tolist() == [[[[0, 1, 2, 3, 4, 5, 6, 7]]]]
    assert tf.nn.depth_to_space(tf.reshape(tf.range(8), [1, 1, 1, 8]), 2).numpy().tolist() == [
        [[[0, 1], [2, 3]], [[4, 5], [6, 7]]]]
    # NCHW (TF runs it on GPU only) is the NHWC result with the channel axis moved
    a = np.random.default_rng(11).standard_normal((2, 4, 6, 3))
    nhwc = tf.nn.space_to_depth(a, 2).numpy()
    nchw = tf.nn.space_to_depth(a.transpose(0, 3, 1, 2), 2, data_format="NCHW").numpy()
    np.testing.assert_array_equal(nchw, nhwc.transpose(0, 3, 1, 2))
    back = tf.nn.depth_to_space(nchw, 2, data_format="NCHW").numpy()
    np.testing.assert_array_equal(back, a.transpose(0, 3, 1, 2))
    for call, text in [
        (lambda: tf.nn.space_to_depth(tf.zeros([1, 3, 4, 1]), 2),
         "Image width 4 and height 3 should be divisible by block_size: 2"),
        (lambda: tf.nn.space_to_depth(tf.zeros([3, 4, 1]), 2), "Input rank should be 4 instead of 3"),
        (lambda: tf.nn.space_to_depth(tf.zeros([1, 4, 4, 1]), 1), "block_size must be at least 2"),
        (lambda: tf.nn.depth_to_space(tf.zeros([1, 2, 2, 3]), 2), "Input depth dimension 3 should be divisible by: 4"),
        (lambda: tf.nn.space_to_depth(tf.zeros([1, 4, 4, 1]), 2, data_format="XY"), "data_format must be"),
    ]:
        with pytest.raises(IAE, match=text):
            call()
    # TF 2.21 gradient
    g = tape_grads(lambda a: tf.nn.space_to_depth(a, 2) * tf.reshape(tf.range(4.0), [1, 1, 1, 4]), np.ones([1, 2, 2, 1], np.float32))
    assert g == [[[[[0.0], [1.0]], [[2.0], [3.0]]]]]
    check_grads(lambda a: tf.nn.depth_to_space(a, 2) ** 2, [np.random.default_rng(12).standard_normal((1, 2, 1, 8))],
                order=2)


def test_space_to_batch_and_back():
    r = tf.space_to_batch_nd(tf.reshape(tf.range(1, 5), [1, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]])
    assert r.numpy().reshape(-1).tolist() == [1, 2, 3, 4] and r.shape.as_list() == [4, 1, 1, 1]
    r = tf.space_to_batch_nd(tf.reshape(tf.range(1, 17), [2, 2, 4, 1]), [2, 2], [[0, 0], [2, 0]])
    assert r.numpy().tolist() == [[[[0], [1], [3]]], [[[0], [9], [11]]], [[[0], [2], [4]]], [[[0], [10], [12]]],
                                  [[[0], [5], [7]]], [[[0], [13], [15]]], [[[0], [6], [8]]], [[[0], [14], [16]]]]
    back = tf.batch_to_space(r, [2, 2], [[0, 0], [2, 0]])
    assert back.numpy().tolist() == tf.reshape(tf.range(1, 17), [2, 2, 4, 1]).numpy().tolist()
    assert tf.space_to_batch_nd(tf.reshape(tf.range(6), [1, 6]), [3], [[0, 0]]).numpy().tolist() == [[0, 3], [1, 4],
                                                                                                    [2, 5]]
    assert tf.batch_to_space(tf.reshape(tf.range(1, 5), [4, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]]).numpy().tolist() == [
        [[[1], [2]], [[3], [4]]]]
    x = np.random.default_rng(13).standard_normal((2, 4, 6, 3))
    y = tf.space_to_batch(x, [2, 3], [[1, 1], [0, 3]])
    assert y.shape.as_list() == [12, 3, 3, 3]
    np.testing.assert_array_equal(tf.nn.space_to_batch(x, [2, 3], [[1, 1], [0, 3]]).numpy(), y.numpy())
    np.testing.assert_array_equal(tf.batch_to_space(y, [2, 3], [[1, 1], [0, 3]]).numpy(), x)
    for call, text in [
        (lambda: tf.space_to_batch_nd(tf.zeros([1, 3, 2, 1]), [2, 2], [[0, 0], [0, 0]]),
         r"padded_shape\[0\]=3 is not divisible by block_shape\[0\]=2"),
        (lambda: tf.batch_to_space(tf.zeros([3, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]]),
         r"Input batch dimension \(3\) is not divisible by product of block sizes \(4\)"),
        (lambda: tf.batch_to_space(tf.zeros([4, 1, 1, 1]), [2, 2], [[1, 2], [0, 0]]),
         r"cropped_shape\[0\]=-1 must be non-negative"),
        (lambda: tf.space_to_batch_nd(tf.zeros([1, 4, 4, 1]), [2, 2], [[-1, 1], [0, 0]]), "Paddings must be non-negative"),
        (lambda: tf.space_to_batch_nd(tf.zeros([1, 4, 4, 1]), [0, 2], [[0, 0], [0, 0]]),
         "All values in block_shape must be positive"),
        (lambda: tf.space_to_batch_nd(tf.zeros([1, 4, 4, 1]), [2, 2], [[0, 0]]), r"should have shape \[2, 2\]"),
    ]:
        with pytest.raises(IAE, match=text):
            call()
    rng = np.random.default_rng(14)
    check_grads(lambda a: tf.space_to_batch_nd(a, [2, 2], [[1, 1], [0, 2]]) ** 2, [rng.standard_normal((1, 2, 2, 2))],
                order=2)
    check_grads(lambda a: tf.batch_to_space(a, [2, 1], [[1, 0], [0, 1]]) ** 2, [rng.standard_normal((4, 2, 3, 1))],
                order=2)


def test_namespaces():
    top = ["scatter_nd", "tensor_scatter_nd_update", "tensor_scatter_nd_add", "tensor_scatter_nd_sub",
           "tensor_scatter_nd_max", "tensor_scatter_nd_min", "dynamic_partition", "dynamic_stitch", "reverse_sequence",
           "sequence_mask", "meshgrid", "unravel_index", "histogram_fixed_width", "histogram_fixed_width_bins",
           "space_to_batch_nd", "space_to_batch", "batch_to_space"]
    for name in top:
        assert hasattr(tf, name), name
    math_only = ["unsorted_segment_sum", "unsorted_segment_mean", "unsorted_segment_max", "unsorted_segment_min",
                 "unsorted_segment_prod", "unsorted_segment_sqrt_n", "segment_sum", "segment_mean", "segment_max",
                 "segment_min", "segment_prod", "bincount", "confusion_matrix", "count_nonzero"]
    for name in math_only:
        assert hasattr(tf.math, name) and not hasattr(tf, name), name
    for name in ["embedding_lookup", "space_to_depth", "depth_to_space", "space_to_batch"]:
        assert hasattr(tf.nn, name), name
    assert not hasattr(tf, "space_to_depth") and not hasattr(tf, "embedding_lookup")
