"""Sorting and selection ops: sort, argsort, top_k, in_top_k, approx_max/min_k, unique,
searchsorted, is_non_decreasing / is_strictly_increasing, invert_permutation.

Expected values and dtypes were printed by TensorFlow 2.21.
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_grads, tape_grads

import tapeflow as tf

# --- sort / argsort --------------------------------------------------------------------------------


def test_sort_values_dtypes_and_directions():
    x = tf.constant([3.0, 1.0, 2.0, 1.0])
    assert tf.sort(x).numpy().tolist() == [1.0, 1.0, 2.0, 3.0]
    assert tf.sort(x, direction="DESCENDING").numpy().tolist() == [3.0, 2.0, 1.0, 1.0]
    r = tf.sort([[3, 1], [1, 2]], axis=0)
    assert r.dtype == tf.int32 and r.numpy().tolist() == [[1, 1], [3, 2]]
    assert tf.sort(tf.constant([3, 1, 2], tf.uint8)).numpy().tolist() == [1, 2, 3]
    assert tf.sort(tf.constant([3, 1, 2], tf.uint8)).dtype == tf.uint8
    r = tf.sort(tf.constant([-2147483648, 0, 5], tf.int32), direction="DESCENDING")
    assert r.numpy().tolist() == [5, 0, -2147483648]
    r = tf.sort(tf.reshape(tf.constant([5, 2, 7, 1, 9, 3, 8, 4, 6, 0, 11, 10]), [2, 3, 2]), axis=1,
                direction="DESCENDING")
    np.testing.assert_array_equal(
        r.numpy(), -np.sort(-np.array([5, 2, 7, 1, 9, 3, 8, 4, 6, 0, 11, 10]).reshape(2, 3, 2), axis=1))
    assert tf.sort(tf.zeros([0])).shape.as_list() == [0]


def test_sort_nan_ascending_last():
    r = tf.sort(tf.constant([3.0, np.nan, 1.0, -np.inf], tf.float64))
    assert str(r.numpy().tolist()) == "[-inf, 1.0, 3.0, nan]"  # TF 2.21 prints the same


def test_argsort_is_stable_int32():
    r = tf.argsort([2, 1, 2, 1, 2])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [1, 3, 0, 2, 4]
    assert tf.argsort([2, 1, 2, 1, 2], direction="DESCENDING").numpy().tolist() == [0, 2, 4, 1, 3]
    assert tf.argsort([2, 1, 2, 1, 2], stable=True).numpy().tolist() == [1, 3, 0, 2, 4]
    assert tf.argsort([[3, 1], [1, 2], [0, 5]], axis=0).numpy().tolist() == [[2, 0], [1, 1], [0, 2]]
    assert tf.argsort([[3, 1], [1, 2], [0, 5]], axis=-2, direction="DESCENDING").numpy().tolist() == [
        [0, 2], [1, 1], [2, 0]]
    assert tf.argsort(tf.constant([1, -128, 3], tf.int8)).numpy().tolist() == [1, 0, 2]


@pytest.mark.parametrize("call,exc,text", [
    (lambda: tf.sort([1.0], direction="UP"), ValueError, "Argument `direction` should be one of ASCENDING, DESCENDING"),
    (lambda: tf.sort(tf.constant([True, False])), tf.errors.InvalidArgumentError, "sort: expected a real numeric"),
    (lambda: tf.sort(tf.constant(3.0)), tf.errors.InvalidArgumentError, "sort: input must be >= 1-D"),
    (lambda: tf.sort(tf.constant([1.0]), axis=1), tf.errors.InvalidArgumentError, "axis 1 is out of range"),
    (lambda: tf.sort(tf.constant([1.0]), axis=None), ValueError, "must be a constant scalar"),
    (lambda: tf.argsort(tf.constant(["b", "a"])), tf.errors.InvalidArgumentError, "string tensor"),
    (lambda: tf.sort(tf.constant([1 + 1j])), tf.errors.InvalidArgumentError, "complex128"),
])
def test_sort_errors(call, exc, text):
    with pytest.raises(exc, match=text):
        call()


def test_sort_gradient_through_permutation():
    # TF 2.21: the gradient of sort(x) * [1, 2, 3] at [2, 1, 2] is [2, 1, 3] (ties keep their order)
    assert tape_grads(lambda x: tf.sort(x) * tf.constant([1.0, 2.0, 3.0]), [2.0, 1.0, 2.0]) == [[2.0, 1.0, 3.0]]
    rng = np.random.default_rng(0)
    check_grads(lambda x: tf.sort(x, axis=0) ** 2, [rng.standard_normal((4, 3))], order=2)
    check_grads(lambda x: tf.sort(x, direction="DESCENDING"), [rng.standard_normal((2, 5))], order=2)


def test_sort_gradient_is_dense_and_jacobian_batches():
    x = tf.constant([3.0, 1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.sort(x) * tf.sort(x)
    g = t.gradient(y, x)
    assert type(g) is tf.Tensor and g.numpy().tolist() == [6.0, 2.0, 4.0]
    fast = t.jacobian(y, x).numpy()
    slow = t.jacobian(y, x, experimental_use_pfor=False).numpy()
    np.testing.assert_allclose(fast, slow)
    np.testing.assert_allclose(fast, [[0, 2, 0], [0, 0, 4], [6, 0, 0]])


def test_argsort_indices_not_differentiable():
    x = tf.constant([3.0, 1.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.cast(tf.argsort(x), tf.float32)
    assert t.gradient(y, x) is None


# --- top_k / in_top_k / approx_k ---------------------------------------------------------------------


def test_top_k_namedtuple_and_values():
    r = tf.math.top_k(tf.constant([3.0, 1.0, 2.0, 1.0]), 2)
    assert type(r).__name__ == "TopKV2" and r._fields == ("values", "indices")
    assert r.values.numpy().tolist() == [3.0, 2.0] and r.indices.numpy().tolist() == [0, 2]
    assert r.indices.dtype == tf.int32
    assert repr(r) == ("TopKV2(values=<tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 2.], dtype=float32)>, "
                       "indices=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 2], dtype=int32)>)")
    v, i = tf.nn.top_k(tf.constant([[1, 5, 3], [4, 2, 6]]), k=2)
    assert v.numpy().tolist() == [[5, 3], [6, 4]] and i.numpy().tolist() == [[1, 2], [2, 0]]
    assert tf.math.top_k([1, 3, 3, 2, 3], 2).indices.numpy().tolist() == [1, 2]  # ties: lower index first
    assert tf.math.top_k(tf.constant([3.0, 1.0]), 2, index_type=tf.int64).indices.dtype == tf.int64
    assert tf.math.top_k(tf.constant([3.0, 1.0]), 1, index_type=tf.int16).indices.dtype == tf.int16
    assert tf.math.top_k(tf.constant([3.0, 1.0]), 0).values.shape.as_list() == [0]
    assert tf.math.top_k(tf.constant([[3.0, 1.0], [0.0, 2.0]])).indices.numpy().tolist() == [[0], [1]]
    assert tf.math.top_k(tf.constant([3.0, 1.0, 2.0]), tf.constant(2)).indices.numpy().tolist() == [0, 2]
    # sorted=False: TF's order is unspecified; tapeflow returns the sorted order
    assert tf.math.top_k(tf.constant([1.0, 5.0, 3.0, 4.0]), 3, sorted=False).values.numpy().tolist() == [5.0, 4.0, 3.0]
    assert tf.math.top_k(tf.constant([1.0, np.nan, 3.0]), 2).indices.numpy().tolist() == [1, 2]  # TF: NaN first


def test_top_k_small_k_with_ties_matches_stable_sort():
    """Small k takes a selection path (partition + sort of k); ties must still go to the lower index."""
    rng = np.random.default_rng(2)
    for dt in (np.float32, np.int32, np.uint8):
        x = rng.integers(0, 5, (3, 4, 40)).astype(dt)
        for k in (1, 3, 9):
            want = np.argsort(-x.astype(np.int64), axis=-1, kind="stable")[..., :k]
            r = tf.math.top_k(x, k)
            np.testing.assert_array_equal(r.indices.numpy(), want)
            np.testing.assert_array_equal(r.values.numpy(), np.take_along_axis(x, want, -1))
            want = np.argsort(x, axis=-1, kind="stable")[..., :k]
            np.testing.assert_array_equal(tf.math.approx_min_k(tf.cast(x, tf.float32), k).indices.numpy(), want)


@pytest.mark.parametrize("call,text", [
    (lambda: tf.math.top_k(tf.constant([1.0, 2.0]), 5), "input must have at least k columns. Had 2, needed 5"),
    (lambda: tf.math.top_k(tf.constant([1.0, 2.0]), -1), "Need k >= 0, got -1"),
    (lambda: tf.math.top_k(tf.constant(1.0), 1), "input must be >= 1-D"),
    (lambda: tf.math.top_k(tf.constant([True]), 1), "bool tensor"),
    (lambda: tf.math.top_k([1.0, 2.0], 1.0), "k must be an integer"),
    (lambda: tf.math.top_k([1.0, 2.0], 1, index_type=tf.float32), "index_type must be one of int16, int32, int64"),
])
def test_top_k_errors(call, text):
    with pytest.raises(tf.errors.InvalidArgumentError, match=text) as e:
        call()
    assert "top_k" in str(e.value)


def test_top_k_gradient():
    # TF 2.21: gradient of top_k([2, 1, 3], 2).values * [1, 2] is [2, 0, 1]
    assert tape_grads(lambda x: tf.math.top_k(x, 2).values * tf.constant([1.0, 2.0]),
                      [2.0, 1.0, 3.0]) == [[2.0, 0.0, 1.0]]
    rng = np.random.default_rng(1)
    check_grads(lambda x: tf.math.top_k(x, 2).values ** 2, [rng.standard_normal((3, 4))], order=2)
    x = tf.constant(rng.standard_normal((2, 4)))
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.math.top_k(x, 3).values ** 2
    np.testing.assert_allclose(t.jacobian(y, x).numpy(), t.jacobian(y, x, experimental_use_pfor=False).numpy())


def test_in_top_k():
    p = [[0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.5, 0.0]]
    r = tf.math.in_top_k([1, 0, 1], p, 1)
    assert r.dtype == tf.bool and r.numpy().tolist() == [True, False, True]
    assert tf.nn.in_top_k([0, 1], tf.constant([[0.5, 0.5, 0.0], [0.5, 0.5, 0.0]]), 1).numpy().tolist() == [True, True]
    assert tf.math.in_top_k([2, 0, 2], p, 2).numpy().tolist() == [True, True, False]
    assert tf.math.in_top_k([3, 0, -1], p, 1).numpy().tolist() == [False, False, False]
    assert tf.math.in_top_k([0, 1], tf.constant([[np.nan, 1.0], [np.inf, 1.0]]), 2).numpy().tolist() == [False, False]
    assert tf.math.in_top_k([1, 0], [[0.1, 0.8], [0.3, 0.3]], 0).numpy().tolist() == [False, False]
    assert tf.math.in_top_k(tf.constant([1, 0], tf.int64), [[0.1, 0.8], [0.3, 0.3]], 1).numpy().tolist() == [True, True]
    with pytest.raises(tf.errors.InvalidArgumentError, match="predictions must be 2-dimensional"):
        tf.math.in_top_k([1, 0, 1], tf.constant([1.0, 2.0, 3.0]), 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="must match length of targets"):
        tf.math.in_top_k([1, 0], p, 1)
    with pytest.raises(ValueError, match="float32"):
        tf.math.in_top_k([1, 0], tf.constant([[1.0], [2.0]], tf.float64), 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="targets must be int32 or int64"):
        tf.math.in_top_k([1.0, 0.0], [[1.0, 2.0], [1.0, 2.0]], 1)


def test_approx_max_min_k_exact():
    r = tf.math.approx_max_k(tf.constant([[1.0, 5.0, 3.0, 4.0]]), 2)
    assert type(r).__name__ == "ApproxTopK"
    assert r.values.numpy().tolist() == [[5.0, 4.0]] and r.indices.numpy().tolist() == [[1, 3]]
    assert r.indices.dtype == tf.int32
    assert tf.nn.approx_max_k(tf.constant([1.0, 5.0, 5.0, 4.0]), 2).indices.numpy().tolist() == [1, 2]
    r = tf.math.approx_min_k(tf.constant([[1.0, 5.0], [3.0, 0.0]]), 1, reduction_dimension=0)
    assert r.values.numpy().tolist() == [[1.0, 0.0]] and r.indices.numpy().tolist() == [[0, 1]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="float16 or float32"):
        tf.math.approx_max_k(tf.constant([1, 5]), 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="at least k columns"):
        tf.math.approx_max_k(tf.constant([1.0, 5.0]), 3)
    # TF 2.21: gradient of approx_max_k([2, 1, 3], 2).values * [1, 2] is [2, 0, 1]
    x = tf.constant([2.0, 1.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.math.approx_max_k(x, 2).values * tf.constant([1.0, 2.0])
    assert t.gradient(y, x).numpy().tolist() == [2.0, 0.0, 1.0]


# --- unique ---------------------------------------------------------------------------------------------


def test_unique_and_counts():
    y, idx = tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8])
    assert y.numpy().tolist() == [1, 2, 4, 7, 8] and idx.numpy().tolist() == [0, 0, 1, 2, 2, 2, 3, 4, 4]
    assert idx.dtype == tf.int32 and y.dtype == tf.int32
    r = tf.unique([5, 3, 5, 1, 3])
    assert type(r).__name__ == "Unique" and r._fields == ("y", "idx")
    assert r.y.numpy().tolist() == [5, 3, 1] and r.idx.numpy().tolist() == [0, 1, 0, 2, 1]
    assert tf.unique([3, 1, 3], out_idx=tf.int64).idx.dtype == tf.int64
    assert tf.unique(["a", "b", "a"]).y.numpy().tolist() == [b"a", b"b"]
    assert tf.unique([True, False, True]).idx.numpy().tolist() == [0, 1, 0]
    r = tf.unique([1.5, 0.5, 1.5, np.nan, np.nan])  # TF: each NaN is distinct
    assert str(r.y.numpy().tolist()) == "[1.5, 0.5, nan, nan]" and r.idx.numpy().tolist() == [0, 1, 0, 2, 3]
    assert tf.unique(tf.zeros([0])).y.shape.as_list() == [0]
    c = tf.unique_with_counts([1, 1, 2, 4, 4, 4, 7, 8, 8])
    assert type(c).__name__ == "UniqueWithCounts" and c._fields == ("y", "idx", "count")
    assert c.count.numpy().tolist() == [2, 1, 3, 1, 2] and c.count.dtype == tf.int32
    c = tf.unique_with_counts([3, 1, 3], out_idx=tf.int64)
    assert c.idx.dtype == tf.int64 and c.count.dtype == tf.int64 and c.count.numpy().tolist() == [2, 1]


def test_unique_errors_and_no_gradient():
    with pytest.raises(tf.errors.InvalidArgumentError, match="unique expects a 1D vector"):
        tf.unique([[1, 2], [1, 2]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="out_idx must be one of int32, int64"):
        tf.unique([1], out_idx=tf.int16)
    x = tf.constant([2.0, 1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.unique(x).y
    with pytest.raises(LookupError, match="gradient registry has no entry for: Unique"):
        t.gradient(y, x)


# --- searchsorted / monotonic / invert_permutation ----------------------------------------------------------


def test_searchsorted():
    r = tf.searchsorted([0.0, 1.0, 1.0, 3.0], [1.0, 2.0, -1.0, 5.0])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [1, 3, 0, 4]
    assert tf.searchsorted([0.0, 1.0, 1.0, 3.0], [1.0, 2.0, -1.0, 5.0], side="right").numpy().tolist() == [3, 3, 0, 4]
    assert tf.searchsorted([[0, 3, 9], [1, 2, 3]], [[2, 10], [0, 3]]).numpy().tolist() == [[1, 3], [0, 2]]
    assert tf.searchsorted([0, 3, 9], [2], out_type=tf.int64).dtype == tf.int64
    with pytest.raises(ValueError, match="Argument `side` must be either 'right' or 'left'"):
        tf.searchsorted([0, 3, 9], [2], side="middle")
    with pytest.raises(tf.errors.InvalidArgumentError, match="Leading dim_size of both tensors must match"):
        tf.searchsorted([[0, 3, 9]], [[2], [3]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="same dtype"):
        tf.searchsorted(tf.constant([0.0, 3.0]), tf.constant([1]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=">= 1-D"):
        tf.searchsorted([0, 3, 9], 2)


def test_monotonic():
    assert tf.math.is_non_decreasing([1, 1, 2]).numpy() is np.True_
    assert not bool(tf.math.is_non_decreasing([[1, 2], [0, 3]]))
    assert not bool(tf.math.is_non_decreasing(tf.constant([2, 1], tf.uint8)))
    assert bool(tf.math.is_non_decreasing(tf.zeros([0]))) and bool(tf.math.is_non_decreasing(3))
    assert not bool(tf.math.is_non_decreasing([1.0, np.nan]))
    assert not bool(tf.math.is_strictly_increasing([1, 1, 2]))
    r = tf.math.is_strictly_increasing([1.0, 2.0])
    assert r.dtype == tf.bool and r.shape.as_list() == [] and bool(r)
    with pytest.raises(TypeError, match="Expected x to be numeric"):
        tf.math.is_non_decreasing(["a", "b"])
    with pytest.raises(TypeError, match="Expected x to be numeric"):
        tf.math.is_strictly_increasing([True, False])


def test_invert_permutation():
    r = tf.math.invert_permutation([3, 4, 0, 2, 1])
    assert r.dtype == tf.int32 and r.numpy().tolist() == [2, 4, 3, 0, 1]
    assert tf.math.invert_permutation(tf.constant([1, 0], tf.int64)).dtype == tf.int64
    for bad, text in [([0, 0], "0 is duplicated in the input"), ([0, 5], "5 is not between 0 and 2"),
                      ([[0, 1]], "expects a 1D vector"), ([0.0, 1.0], "must be int32 or int64")]:
        with pytest.raises(tf.errors.InvalidArgumentError, match=text):
            tf.math.invert_permutation(bad)


def test_namespaces():
    for name in ["sort", "argsort", "unique", "unique_with_counts", "searchsorted"]:
        assert hasattr(tf, name)
    for name in ["top_k", "in_top_k", "approx_max_k", "approx_min_k", "is_non_decreasing",
                 "is_strictly_increasing", "invert_permutation"]:
        assert hasattr(tf.math, name) and not hasattr(tf, name)
    for name in ["top_k", "in_top_k", "approx_max_k", "approx_min_k"]:
        assert getattr(tf.nn, name) is getattr(tf.math, name)
    assert not hasattr(tf.math, "sort")
