"""Array ops: indexing, slice, squeeze, tile, pad, reverse, roll, split, gather family, one_hot."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_batched_jacobian, check_grads

import tapeflow as tf

A24 = np.arange(24.0).reshape(2, 3, 4)


def _grad(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as t:
        t.watch(x)
        y = f(x)
    return tf.convert_to_tensor(t.gradient(y, x)).numpy()  # a gather's gradient is IndexedSlices, as TF


# --- getitem ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [
    0, -1, 1, slice(None, None, -1), slice(-1, None, -2), slice(5, -7, -1), (Ellipsis, 1), (None, 1, Ellipsis, None),
    (1, slice(2, None, -2), slice(-1, -5, -2)), (slice(None), None, 2), (Ellipsis,), (0, 0, 0), (-2, -3, -4),
    (slice(1, 1),), (Ellipsis, slice(None, None, 3)), (slice(None), -1, slice(1, 3)), (None,),
])
def test_getitem_matches_numpy(key):
    x = tf.constant(A24)
    r = x[key]
    np.testing.assert_array_equal(r.numpy(), A24[key])
    assert r.shape.as_list() == list(A24[key].shape)
    assert r.dtype == tf.float64


def test_getitem_scalar_tensor_indices_and_variables():
    x = tf.constant(A24)
    np.testing.assert_array_equal(x[tf.constant(1), tf.constant(-1)].numpy(), A24[1, -1])
    np.testing.assert_array_equal(x[:tf.constant(2, tf.int64), np.int32(1)].numpy(), A24[:2, 1])
    v = tf.Variable(A24)
    np.testing.assert_array_equal(v[0, ::-1].numpy(), A24[0, ::-1])
    s = tf.constant(7.0)[...]
    assert s.shape.as_list() == [] and float(s) == 7.0


def test_getitem_errors():
    x = tf.constant(A24)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"out of bounds.*dimension 1 of size 3.*float64.*\(2, 3, 4\)"):
        x[0, 3]
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of bounds"):
        x[-3]
    with pytest.raises(tf.errors.InvalidArgumentError, match="too many indices"):
        x[0, 0, 0, 0]
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant(1.0)[0]
    with pytest.raises(TypeError, match="valid indices"):
        x[[0, 1]]
    with pytest.raises(TypeError, match="valid indices"):
        x[tf.constant([0, 1])]
    with pytest.raises(TypeError, match="valid indices"):
        x[0.5]
    with pytest.raises(tf.errors.InvalidArgumentError, match="non-zero"):
        x[::0]
    with pytest.raises(ValueError, match="single ellipsis"):
        x[..., 0, ...]


def test_getitem_bool_mask_key():
    x = tf.constant(A24)
    m = np.array([True, False])
    np.testing.assert_array_equal(x[tf.constant(m)].numpy(), A24[m])


def test_getitem_gradient_and_second_order():
    g = _grad(lambda x: tf.reduce_sum(x[1, ::-2, None, 1:3] * 2.0), A24)
    want = np.zeros_like(A24)
    want[1, ::-2, 1:3] = 2.0
    np.testing.assert_array_equal(g, want)
    # second order: d2/dx2 sum(x[::-1]**3) = 6 x on the slice
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = x[::-2]
            z = tf.reduce_sum(y * y * y)
        g1 = t1.gradient(z, x)
    g2 = t2.gradient(g1, x)
    np.testing.assert_allclose(g1.numpy(), [3.0, 0.0, 27.0])
    np.testing.assert_allclose(g2.numpy(), [6.0, 0.0, 18.0])


def test_getitem_gradcheck_and_jacobian():
    check_grads(lambda x: x[..., ::-1, 1:][0], [np.random.default_rng(0).standard_normal((2, 3, 4))])
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x[1::2] * x[:2]
    jac = t.jacobian(y, x).numpy()
    want = np.array([[2.0, 1.0, 0.0, 0.0], [0.0, 4.0, 0.0, 2.0]])  # y = [x1*x0, x3*x1]
    np.testing.assert_allclose(jac, want)


# --- slice / strided_slice / squeeze / tile / reverse / roll ----------------------------------------


def test_slice_and_strided_slice():
    x = tf.constant(A24)
    np.testing.assert_array_equal(tf.slice(x, [1, 0, 1], [1, -1, 2]).numpy(), A24[1:2, :, 1:3])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"slice: .*float64 tensor of shape \(2, 3, 4\)"):
        tf.slice(x, [0, 2, 0], [1, 2, 1])
    with pytest.raises(tf.errors.InvalidArgumentError, match="length 3"):
        tf.slice(x, [0], [1])
    r = tf.strided_slice(x, [0, 2, 0], [2, 0, 4], [1, -1, 2])
    np.testing.assert_array_equal(r.numpy(), A24[0:2, 2:0:-1, 0:4:2])
    r = tf.strided_slice(x, [1, 0], [2, 0], begin_mask=2, end_mask=2, shrink_axis_mask=1)
    np.testing.assert_array_equal(r.numpy(), A24[1, :])
    r = tf.strided_slice(x, [0, 0, 0], [1, 1, 1], ellipsis_mask=1, new_axis_mask=2, shrink_axis_mask=4)
    np.testing.assert_array_equal(r.numpy(), A24[..., None, 0])


def test_squeeze():
    x = tf.zeros([1, 3, 1, 2])
    assert tf.squeeze(x).shape.as_list() == [3, 2]
    assert tf.squeeze(x, axis=[-2]).shape.as_list() == [1, 3, 2]
    assert tf.squeeze(x, 0).shape.as_list() == [3, 1, 2]
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"squeeze dim\[1\].*got 3.*float32"):
        tf.squeeze(x, axis=1)


def test_tile_values_and_gradient():
    a = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(tf.tile(tf.constant(a), [2, 3]).numpy(), np.tile(a, (2, 3)))
    np.testing.assert_array_equal(tf.tile(tf.constant(a), tf.constant([1, 2])).numpy(), np.tile(a, (1, 2)))
    g = _grad(lambda x: tf.reduce_sum(tf.tile(x, [2, 3])), a)
    np.testing.assert_array_equal(g, np.full_like(a, 6.0))
    check_grads(lambda x: tf.tile(x, [3, 1, 2]), [np.random.default_rng(1).standard_normal((2, 1, 3))])
    with pytest.raises(tf.errors.InvalidArgumentError, match="tile: multiples"):
        tf.tile(tf.constant(a), [2])


def test_reverse_and_roll():
    np.testing.assert_array_equal(tf.reverse(tf.constant(A24), [0, -1]).numpy(), A24[::-1, :, ::-1])
    a = np.arange(10.0).reshape(2, 5)
    np.testing.assert_array_equal(tf.roll(tf.constant(a), 2, 1).numpy(), np.roll(a, 2, 1))
    np.testing.assert_array_equal(tf.roll(tf.constant(a), [-1, 7], [1, 0]).numpy(), np.roll(a, (-1, 7), (1, 0)))
    check_grads(lambda x: tf.roll(tf.reverse(x, [1]), 3, 1), [np.random.default_rng(2).standard_normal((2, 5))])
    with pytest.raises(tf.errors.InvalidArgumentError, match="duplicates"):
        tf.reverse(tf.constant(a), [1, -1])


# --- pad ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["CONSTANT", "REFLECT", "SYMMETRIC", "reflect"])
def test_pad_values(mode):
    a = np.arange(12.0).reshape(3, 4)
    pads = [[1, 2], [3, 0]] if mode != "CONSTANT" else [[2, 1], [0, 3]]
    got = tf.pad(tf.constant(a), pads, mode).numpy()
    np_mode = {"CONSTANT": "constant", "REFLECT": "reflect", "SYMMETRIC": "symmetric"}[mode.upper()]
    np.testing.assert_array_equal(got, np.pad(a, pads, np_mode))


def test_pad_constant_values_and_tensor_paddings():
    a = np.arange(4, dtype=np.int32).reshape(2, 2)
    got = tf.pad(tf.constant(a), tf.constant([[1, 0], [0, 1]]), constant_values=7)
    assert got.dtype == tf.int32
    np.testing.assert_array_equal(got.numpy(), np.pad(a, [[1, 0], [0, 1]], constant_values=7))
    with pytest.raises(TypeError):
        tf.pad(tf.constant(a), [[1, 0], [0, 1]], constant_values=0.5)


def test_pad_gradients():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 4))
    for mode in ["CONSTANT", "REFLECT", "SYMMETRIC"]:
        check_grads(lambda t, m=mode: tf.pad(t, [[2, 1], [1, 3]], m), [x])
    # REFLECT: x[1] is copied once on the left of [x0 x1 x2]
    g = _grad(lambda t: tf.reduce_sum(tf.pad(t, [[1, 1]], "REFLECT")), np.array([1.0, 2.0, 3.0]))
    np.testing.assert_array_equal(g, [1.0, 3.0, 1.0])
    g = _grad(lambda t: tf.reduce_sum(tf.pad(t, [[2, 0]], constant_values=5.0)), np.array([1.0, 2.0]))
    np.testing.assert_array_equal(g, [1.0, 1.0])


def test_pad_errors():
    x = tf.zeros([3, 4])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"shape \[2, 2\].*float32 tensor of shape \(3, 4\)"):
        tf.pad(x, [[1, 1]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="less than"):
        tf.pad(x, [[3, 0], [0, 0]], "REFLECT")
    with pytest.raises(tf.errors.InvalidArgumentError, match="non-negative"):
        tf.pad(x, [[-1, 0], [0, 0]])
    with pytest.raises(ValueError, match="mode"):
        tf.pad(x, [[1, 0], [0, 0]], "WRAP")


# --- split ----------------------------------------------------------------------------------------------


def test_split():
    a = np.arange(20.0).reshape(4, 5)
    parts = tf.split(tf.constant(a), [2, -1, 1], axis=1)
    for p, w in zip(parts, np.split(a, [2, 4], axis=1)):
        np.testing.assert_array_equal(p.numpy(), w)
    parts = tf.split(tf.constant(a), 2)
    assert isinstance(parts, list) and [p.shape.as_list() for p in parts] == [[2, 5], [2, 5]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="evenly divide"):
        tf.split(tf.constant(a), 3, axis=1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="sum to"):
        tf.split(tf.constant(a), [1, 1], axis=0)
    check_grads(lambda x: tf.split(x, [1, 3], axis=0)[1] * 2.0, [a])


# --- gather / gather_nd / boolean_mask / repeat -----------------------------------------------------------


def test_gather_values():
    p = np.arange(60.0).reshape(3, 4, 5)
    idx = np.array([[2, 0], [1, 1]])
    np.testing.assert_array_equal(tf.gather(tf.constant(p), idx).numpy(), np.take(p, idx, 0))
    np.testing.assert_array_equal(tf.gather(tf.constant(p), idx, axis=-1).numpy(), np.take(p, idx, 2))
    np.testing.assert_array_equal(tf.gather(tf.constant(p), tf.constant(3), axis=1).numpy(), p[:, 3])


def _gather_batch_ref(p, idx, axis, k):
    out = []
    for b in np.ndindex(*p.shape[:k]):
        out.append(np.take(p[b], idx[b], axis=axis - k))
    return np.stack(out).reshape(p.shape[:k] + out[0].shape)


@pytest.mark.parametrize("axis,k", [(1, 1), (2, 1), (2, 2), (3, 1)])
def test_gather_batch_dims(axis, k):
    rng = np.random.default_rng(4)
    p = rng.standard_normal((2, 3, 4, 5))
    idx = rng.integers(0, p.shape[axis], size=p.shape[:k] + (3,))
    got = tf.gather(tf.constant(p), idx, axis=axis, batch_dims=k)
    np.testing.assert_array_equal(got.numpy(), _gather_batch_ref(p, idx, axis, k))
    check_grads(lambda x: tf.gather(x, idx, axis=axis, batch_dims=k), [p], order=1)


def test_gather_gradient_accumulates_repeats():
    g = _grad(lambda x: tf.reduce_sum(tf.gather(x, [0, 2, 0, 0]) * tf.constant([1.0, 2.0, 3.0, 4.0], tf.float64)), np.zeros(3))
    np.testing.assert_array_equal(g, [8.0, 0.0, 2.0])
    w = np.zeros((4, 2))
    g = _grad(lambda x: tf.reduce_sum(tf.gather(x, [[3, 3], [1, 3]])), w)
    np.testing.assert_array_equal(g, [[0, 0], [1, 1], [0, 0], [3, 3]])
    check_grads(lambda x: tf.gather(x, [1, 1, 0], axis=1), [np.random.default_rng(5).standard_normal((2, 3))])


def test_gather_errors():
    x = tf.zeros([5, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = 7 is not in \[0, 5\).*float32"):
        tf.gather(x, [1, 7])
    with pytest.raises(tf.errors.InvalidArgumentError, match="not in"):
        tf.gather(x, [-1])
    with pytest.raises(TypeError, match="int32 or int64"):
        tf.gather(x, [0.5])
    with pytest.raises(tf.errors.InvalidArgumentError, match="axis 2"):
        tf.gather(x, [0], axis=2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="batch dimensions differ"):
        tf.gather(tf.zeros([2, 3]), np.zeros((3, 1), np.int32), axis=1, batch_dims=1)


def test_gather_nd():
    p = np.arange(24.0).reshape(2, 3, 4)
    idx = np.array([[1, 2], [0, 0], [1, 0]])
    np.testing.assert_array_equal(tf.gather_nd(tf.constant(p), idx).numpy(), p[idx[:, 0], idx[:, 1]])
    idx3 = np.array([[[1, 2, 3]], [[0, 1, 1]]])
    np.testing.assert_array_equal(tf.gather_nd(tf.constant(p), idx3).numpy(), p[idx3[..., 0], idx3[..., 1], idx3[..., 2]])
    # batch_dims=1: indices[b] indexes p[b]
    bidx = np.array([[[2], [0]], [[1], [1]]])
    got = tf.gather_nd(tf.constant(p), bidx, batch_dims=1).numpy()
    want = np.stack([p[b][bidx[b, :, 0]] for b in range(2)])
    np.testing.assert_array_equal(got, want)
    g = _grad(lambda x: tf.reduce_sum(tf.gather_nd(x, [[0, 1], [0, 1]])), np.zeros((2, 2)))
    np.testing.assert_array_equal(g, [[0.0, 2.0], [0.0, 0.0]])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"does not index into param shape \[2, 3, 4\]"):
        tf.gather_nd(tf.constant(p), [[0, 3]])


def test_boolean_mask():
    a = np.arange(24.0).reshape(2, 3, 4)
    m = np.array([[True, False, True], [False, False, True]])
    np.testing.assert_array_equal(tf.boolean_mask(tf.constant(a), m).numpy(), a[m])
    m1 = np.array([True, False, True, True])
    np.testing.assert_array_equal(tf.boolean_mask(tf.constant(a), tf.constant(m1), axis=2).numpy(), a[:, :, m1])
    g = _grad(lambda x: tf.reduce_sum(tf.boolean_mask(x, m) * 3.0), a)
    np.testing.assert_array_equal(g, np.where(m[..., None], 3.0, 0.0) * np.ones_like(a))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"mask of shape \(2,\).*float64 tensor of shape \(2, 3, 4\)"):
        tf.boolean_mask(tf.constant(a), [True, False], axis=1)
    with pytest.raises(TypeError, match="bool"):
        tf.boolean_mask(tf.constant(a), [1, 0])


def test_repeat():
    a = np.array([[1, 2], [3, 4]])
    np.testing.assert_array_equal(tf.repeat(tf.constant(a), 2).numpy(), np.repeat(a, 2))
    np.testing.assert_array_equal(tf.repeat(tf.constant(a), [1, 3], axis=1).numpy(), np.repeat(a, [1, 3], axis=1))
    g = _grad(lambda x: tf.reduce_sum(tf.repeat(x, [2, 0, 1], axis=0)), np.ones(3))
    np.testing.assert_array_equal(g, [2.0, 0.0, 1.0])


# --- one_hot -------------------------------------------------------------------------------------------------


def test_one_hot():
    r = tf.one_hot([0, 2, -1, 5], 3)
    assert r.dtype == tf.float32
    np.testing.assert_array_equal(r.numpy(), [[1, 0, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0]])
    r = tf.one_hot(tf.constant([[1], [0]]), 2, on_value=5, off_value=-1, axis=0)
    assert r.dtype == tf.int32 and r.shape.as_list() == [2, 2, 1]
    np.testing.assert_array_equal(r.numpy()[:, :, 0], [[-1, 5], [5, -1]])
    assert tf.one_hot([1], 2, dtype=tf.float64).dtype == tf.float64
    with pytest.raises(TypeError, match="integers"):
        tf.one_hot([0.0], 2)


def test_one_hot_is_not_differentiable():
    idx = tf.constant([0.0, 1.0])
    with tf.GradientTape() as t:
        t.watch(idx)
        y = tf.reduce_sum(tf.one_hot(tf.cast(idx, tf.int32), 2))
    assert t.gradient(y, idx) is None


@pytest.mark.parametrize("f", [
    lambda x: x[1:, ::-2, None],
    lambda x: tf.gather(x, [2, 0, 2], axis=1),
    lambda x: tf.gather(x, [[1], [0]], axis=1, batch_dims=1),
    lambda x: tf.pad(x, [[1, 0], [2, 1]], constant_values=3.0),
    lambda x: tf.pad(x, [[1, 1], [2, 1]], "REFLECT"),
    lambda x: tf.tile(x, [2, 1]),
    lambda x: tf.boolean_mask(x, [True, False]),
    lambda x: tf.gather_nd(x, [[0, 2], [1, 1], [0, 2]]),
    lambda x: tf.roll(x, 1, 1),
])
def test_batched_jacobian_matches_loop(f):
    """The rules' batched VJPs (one pass, leading cotangent axes) agree with one pass per row."""
    check_batched_jacobian(lambda x: f(x) * f(x), np.random.default_rng(6).standard_normal((2, 3)))


def test_variable_indexing_and_gather_are_watched():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        y = v[1, 0] * 2.0 + tf.reduce_sum(tf.gather(v, [0, 0]))
    np.testing.assert_array_equal(t.gradient(y, v).numpy(), [[2.0, 2.0], [2.0, 0.0]])


def test_slicing_and_pad_fuzz_against_numpy():
    rng = np.random.default_rng(8)
    for _ in range(150):
        shape = tuple(int(s) for s in rng.integers(1, 5, rng.integers(1, 4)))
        a = rng.standard_normal(shape)
        mode = str(rng.choice(["CONSTANT", "REFLECT", "SYMMETRIC"]))
        off = 1 if mode == "REFLECT" else 0
        pads = [[int(rng.integers(0, s - off + 1)), int(rng.integers(0, s - off + 1))] for s in shape]
        np.testing.assert_array_equal(tf.pad(a, pads, mode).numpy(), np.pad(a, pads, mode.lower()))
        key = []
        for s in shape:
            if rng.integers(0, 3) == 0:
                key.append(int(rng.integers(-s, s)))
            else:
                st, sp = (None if rng.random() < 0.3 else int(rng.integers(-s - 2, s + 2)) for _ in range(2))
                key.append(slice(st, sp, [None, 1, 2, -1, -2, 3][int(rng.integers(0, 6))]))
        if rng.random() < 0.3:
            key.insert(int(rng.integers(0, len(key) + 1)), None)
        np.testing.assert_array_equal(tf.constant(a)[tuple(key)].numpy(), a[tuple(key)])
    assert tf.squeeze(tf.zeros([1, 2, 1]), axis=[]).shape.as_list() == [2]
