"""Linear algebra: tensordot, einsum, matvec, norm, clip_by_norm, global norms, diag_part/trace."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_batched_jacobian, check_grads
from gradcheck import tape_grad_arrays as _grad

import tapeflow as tf

RNG = np.random.default_rng(11)


def _r(*shape):
    return RNG.standard_normal(shape)


# --- tensordot / matvec --------------------------------------------------------------------------


@pytest.mark.parametrize("sa,sb,axes", [
    ((3, 4), (4, 5), 1), ((2, 3, 4), (3, 4, 5), 2), ((3,), (4,), 0), ((2, 3, 4), (4, 3, 5), [[1, 2], [1, 0]]),
    ((3, 4), (3, 2), [0, 0]), ((2, 3), (3, 2), [[-1], [0]]),
])
def test_tensordot_matches_numpy(sa, sb, axes):
    a, b = _r(*sa), _r(*sb)
    np_axes = axes if isinstance(axes, int) else ([axes[0]], [axes[1]]) if isinstance(axes[0], int) else axes
    np.testing.assert_allclose(tf.tensordot(a, b, axes).numpy(), np.tensordot(a, b, np_axes), rtol=1e-12)
    check_grads(lambda x, y: tf.tensordot(x, y, axes), [a, b])


def test_tensordot_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"tensordot: cannot contract.*float32 tensor of shape \(3, 4\)"):
        tf.tensordot(tf.zeros([3, 4]), tf.zeros([5, 2]), 1)
    with pytest.raises(tf.errors.InvalidArgumentError, match="dtype"):
        tf.tensordot(tf.zeros([3]), tf.zeros([3], tf.float64), 1)


def test_matvec():
    a, b = _r(2, 3, 4), _r(4)
    np.testing.assert_allclose(tf.linalg.matvec(a, b).numpy(), a @ b, rtol=1e-12)
    np.testing.assert_allclose(tf.linalg.matvec(a, _r(2, 3) * 0 + 1, transpose_a=True).numpy(),
                               np.einsum("bij,bi->bj", a, np.ones((2, 3))), rtol=1e-12)
    check_grads(lambda x, y: tf.linalg.matvec(x, y), [a, _r(2, 4)])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"matvec: inner dimensions.*\(2, 3, 4\)"):
        tf.linalg.matvec(a, _r(3))


# --- einsum --------------------------------------------------------------------------------------


@pytest.mark.parametrize("eq,shapes", [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("i,i->", [(4,), (4,)]),
    ("ij->ji", [(3, 4)]),
    ("ij", [(3, 4)]),
    ("ij,jk", [(3, 4), (4, 2)]),
    ("ba,ca", [(3, 4), (2, 4)]),
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("...i,...i->...", [(2, 3), (3,)]),
    ("b...d,d->b...", [(2, 3, 4, 5), (5,)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]),
    ("bhqd, bhkd -> bhqk", [(2, 3, 4, 5), (2, 3, 6, 5)]),
])
def test_einsum_matches_numpy(eq, shapes):
    xs = [_r(*s) for s in shapes]
    np.testing.assert_allclose(tf.einsum(eq, *xs).numpy(), np.einsum(eq.replace(" ", ""), *xs), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("eq,shapes", [
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("bi,i->b", [(3, 4), (4,)]),
    ("ij->", [(2, 3)]),
    ("ij,ik->jk", [(3, 2), (3, 4)]),
])
def test_einsum_gradients(eq, shapes):
    check_grads(lambda *xs: tf.einsum(eq, *xs), [_r(*s) for s in shapes])


def test_einsum_direct_gradient_and_second_order():
    a, b = _r(3, 4), _r(4, 2)
    ga, gb = _grad(lambda x, y: tf.reduce_sum(tf.einsum("ij,jk->ik", x, y)), a, b)
    np.testing.assert_allclose(ga, np.ones((3, 2)) @ b.T, rtol=1e-12)
    np.testing.assert_allclose(gb, a.T @ np.ones((3, 2)), rtol=1e-12)
    # d2/dx2 of sum_i (x.x) x_i = ... check Hessian-vector product against the closed form
    x = tf.constant(_r(3))
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = tf.einsum("i,i->", x, x) * tf.einsum("i->", x)
        g = t1.gradient(y, x)
    h = t2.jacobian(g, x).numpy()
    xv = x.numpy()
    want = 2 * np.eye(3) * xv.sum() + 2 * (xv[:, None] + xv[None, :])
    np.testing.assert_allclose(h, want, rtol=1e-10)


def test_einsum_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Expected dimension 2 at axis 1 of the input shaped \[2, 3\]"):
        tf.einsum("ii->i", tf.zeros([2, 3]))
    with pytest.raises(ValueError, match="output subscripts"):
        tf.einsum("i->ii", tf.zeros([2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"dimension 'j' has sizes 4 and 5.*float32 tensor of shape \(3, 4\)"):
        tf.einsum("ij,jk->ik", tf.zeros([3, 4]), tf.zeros([5, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="rank 2"):
        tf.einsum("ijk->i", tf.zeros([3, 4]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="2 operands but 1"):
        tf.einsum("ij,jk->ik", tf.zeros([3, 4]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="same dtype"):
        tf.einsum("i,i->", tf.zeros([3]), tf.zeros([3], tf.float64))
    with pytest.raises(tf.errors.InvalidArgumentError, match="output subscripts"):
        tf.einsum("ij->ik", tf.zeros([3, 4]))


# --- norms -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("ord,axis,keepdims", [
    ("euclidean", None, False), (2, 1, False), (1, 0, True), (np.inf, -1, False), (3, None, False), (0.5, 1, True),
    ("fro", (0, 1), False), ("euclidean", [1, 2], True), (1, (0, 1), False), (np.inf, (1, 0), True), (1, None, False),
])
def test_norm_matches_numpy(ord, axis, keepdims):
    x = _r(3, 4) if axis is None or axis == (0, 1) or axis == (1, 0) or isinstance(axis, int) else _r(2, 3, 4)
    got = tf.norm(x, ord=ord, axis=axis, keepdims=keepdims).numpy()
    if axis is None:
        want = np.linalg.norm(x.reshape(-1), 2 if ord == "euclidean" else ord, keepdims=False)
        want = np.reshape(want, (1, 1)) if keepdims else want
    else:
        npord = None if ord == "euclidean" and isinstance(axis, int) else "fro" if ord == "euclidean" else ord
        want = np.linalg.norm(x, npord, axis=tuple(axis) if isinstance(axis, list) else axis, keepdims=keepdims)
    np.testing.assert_allclose(got, want, rtol=1e-12)


@pytest.mark.parametrize("ord,axis", [("euclidean", None), (1, 1), (np.inf, 0), (3, None), ("fro", (0, 1)),
                                      (1, (0, 1)), (np.inf, (0, 1))])
def test_norm_gradients(ord, axis):
    # well-separated magnitudes so max picks are stable under the finite-difference step
    x = (np.arange(12.0).reshape(3, 4) * 0.31 + 0.2) * np.where(np.arange(12).reshape(3, 4) % 3, 1.0, -1.0)
    check_grads(lambda t: tf.norm(t, ord=ord, axis=axis), [x])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_norm_gradient_values_and_zero():
    (g,) = _grad(lambda t: tf.norm(t), np.array([3.0, 4.0]))
    np.testing.assert_allclose(g, [0.6, 0.8])
    (g,) = _grad(lambda t: tf.norm(t, ord=np.inf), np.array([-3.0, 1.0, 3.0]))
    np.testing.assert_allclose(g, [-0.5, 0.0, 0.5])  # ties share the gradient
    (g,) = _grad(lambda t: tf.norm(t), np.zeros(2))  # as in TF: NaN at exactly zero
    assert np.isnan(g).all()


def test_norm_errors():
    with pytest.raises(tf.errors.InvalidArgumentError, match="floating"):
        tf.norm(tf.constant([1, 2]))
    with pytest.raises(ValueError, match="matrix"):
        tf.norm(tf.zeros([2, 2]), ord="fro")
    with pytest.raises(ValueError, match=r"'ord' must be a supported matrix norm in \['euclidean', 'fro', 1, 2, inf\], got nuc"):
        tf.norm(tf.zeros([2, 2]), ord="nuc", axis=[0, 1])
    with pytest.raises(ValueError, match="positive"):
        tf.norm(tf.zeros([2]), ord=-1)


# --- clipping ------------------------------------------------------------------------------------------


def test_clip_by_norm():
    x = np.array([[3.0, 4.0], [0.3, 0.4]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 1.0).numpy(), x / np.linalg.norm(x))
    np.testing.assert_allclose(tf.clip_by_norm(x, 1.0, axes=[1]).numpy(), [[0.6, 0.8], [0.3, 0.4]])
    np.testing.assert_allclose(tf.clip_by_norm(x, 100.0).numpy(), x)
    z = tf.clip_by_norm(tf.zeros([3]), 1.0)
    np.testing.assert_array_equal(z.numpy(), 0.0)
    (g,) = _grad(lambda t: tf.reduce_sum(tf.clip_by_norm(t, 1.0)), np.zeros(3))
    np.testing.assert_array_equal(g, [1.0, 1.0, 1.0])  # no NaN at zero
    check_grads(lambda t: tf.clip_by_norm(t, 1.0, axes=[1]), [x])
    check_grads(lambda t, c: tf.clip_by_norm(t, c), [x, np.array(2.0)])
    with pytest.raises(tf.errors.InvalidArgumentError, match="clip_norm"):
        tf.clip_by_norm(tf.zeros([2]), tf.constant(1.0, tf.float64))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_global_norm_and_clip_by_global_norm():
    a, b = np.array([3.0, 0.0]), np.array([[4.0]])
    assert float(tf.linalg.global_norm([a, None, b])) == pytest.approx(5.0)
    assert not hasattr(tf, "global_norm")  # TF has it only as tf.linalg.global_norm
    clipped, gn = tf.clip_by_global_norm([a, None, b], 1.0)
    assert float(gn) == pytest.approx(5.0) and clipped[1] is None
    np.testing.assert_allclose(clipped[0].numpy(), a / 5)
    np.testing.assert_allclose(clipped[2].numpy(), b / 5)
    same, _ = tf.clip_by_global_norm([a, b], 10.0)
    np.testing.assert_allclose(same[0].numpy(), a)
    forced, _ = tf.clip_by_global_norm([a], 1.0, use_norm=tf.constant(10.0, tf.float64))
    np.testing.assert_allclose(forced[0].numpy(), a / 10)
    inf, _ = tf.clip_by_global_norm([np.array([np.inf, 1.0])], 1.0)
    assert np.isnan(inf[0].numpy()).all()
    zero, gz = tf.clip_by_global_norm([tf.zeros([2])], 1.0)
    assert float(gz) == 0.0 and not np.isnan(zero[0].numpy()).any()
    check_grads(lambda x, y: tf.clip_by_global_norm([x, y], 1.0)[0], [a + 1, b])
    with pytest.raises(TypeError, match="sequence"):
        tf.clip_by_global_norm(tf.zeros([2]), 1.0)


def test_diag_part_and_trace():
    x = _r(2, 3, 4)
    np.testing.assert_array_equal(tf.linalg.diag_part(x).numpy(), np.diagonal(x, axis1=-2, axis2=-1))
    np.testing.assert_allclose(tf.linalg.trace(x).numpy(), np.trace(x, axis1=-2, axis2=-1))
    (g,) = _grad(lambda t: tf.reduce_sum(tf.linalg.trace(t)), _r(3, 3))
    np.testing.assert_array_equal(g, np.eye(3))


@pytest.mark.parametrize("f", [
    lambda x: tf.einsum("ij,kj->ik", x, x),
    lambda x: tf.einsum("ij->i", x) * tf.einsum("ij,j->i", x, tf.constant([1.0, -2.0, 0.5], tf.float64)),
    lambda x: tf.norm(x, axis=1) * tf.norm(x, ord=1) + tf.norm(x, ord=3.0, axis=0)[:2],
    lambda x: tf.clip_by_norm(x, 0.5, axes=[0]),
    lambda x: tf.tensordot(x, x, [[0], [0]]),
])
def test_batched_jacobian_matches_loop(f):
    """The rules' batched VJPs (one pass, leading cotangent axes) agree with one pass per row."""
    check_batched_jacobian(f, np.random.default_rng(7).standard_normal((2, 3)))


def test_forward_mode_through_einsum_and_slicing():
    x, v = _r(3, 4), _r(3, 4)
    b = tf.constant(_r(4, 2))
    xt = tf.constant(x)
    with tf.autodiff.ForwardAccumulator(xt, tf.constant(v)) as acc:
        y = tf.einsum("ij,jk->ik", xt[::-1], b) + tf.einsum("ij,ij->i", xt, xt)[:, None]
        z = tf.gather(y, [1, 1, 0])
    want = (v[::-1] @ b.numpy() + 2 * (x * v).sum(1)[:, None])[[1, 1, 0]]
    np.testing.assert_allclose(acc.jvp(z).numpy(), want, rtol=1e-12)


# --- einsum with repeated subscripts (diagonals, traces) ---------------------------------------------------------


@pytest.mark.parametrize("eq,shapes", [
    ("ii", [(3, 3)]),
    ("ii->", [(3, 3)]),
    ("ii->i", [(3, 3)]),
    ("iii->i", [(2, 2, 2)]),
    ("bxby->bxy", [(3, 2, 3, 4)]),
    ("...ii->...i", [(2, 3, 3)]),
    ("b...jj->b...", [(2, 4, 3, 3)]),
    ("ii,i->i", [(3, 3), (3,)]),
    ("ij,jj->ij", [(2, 3), (3, 3)]),
    ("iij,jk->ik", [(3, 3, 2), (2, 4)]),
    ("iaj,jbj", [(2, 3, 2), (2, 4, 2)]),
])
def test_einsum_repeated_subscripts(eq, shapes):
    xs = [_r(*s) for s in shapes]
    np.testing.assert_allclose(tf.einsum(eq, *xs).numpy(), np.einsum(eq, *xs), rtol=1e-10, atol=1e-12)
    check_grads(lambda *ts: tf.einsum(eq, *ts), xs)


def test_einsum_repeated_subscripts_tf_values():
    x = tf.reshape(tf.range(9.0), [3, 3])
    assert float(tf.einsum("ii", x)) == 12.0
    assert tf.einsum("ii->i", x).numpy().tolist() == [0.0, 4.0, 8.0]
    assert tf.einsum("ij,jj->ij", x, x).numpy().tolist() == [[0.0, 4.0, 16.0], [0.0, 16.0, 40.0], [0.0, 28.0, 64.0]]
    t = tf.einsum("ii", tf.ones([3, 3], tf.int32))
    assert t.dtype == tf.int32 and int(t) == 3
    j = tf.constant(_r(7, 6, 7, 5))  # the advanced_autodiff guide's batch-jacobian selection
    assert tf.einsum("bxby->bxy", j).shape == (7, 6, 5)
    (g,) = _grad(lambda a: tf.reduce_sum(tf.einsum("ii->i", a) * tf.constant([1.0, 2.0, 3.0], tf.float64)), _r(3, 3))
    np.testing.assert_array_equal(g, np.diag([1.0, 2.0, 3.0]))


def test_einsum_diagonal_jacobian_and_forward_mode():
    x = tf.constant(_r(3, 2, 3))
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.einsum("iai->ia", x) * 2.0
    fast = t.jacobian(y, x).numpy()
    np.testing.assert_allclose(fast, t.jacobian(y, x, experimental_use_pfor=False).numpy(), rtol=1e-12)
    v = _r(3, 2, 3)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(v)) as acc:
        z = tf.einsum("iai->a", x)
    np.testing.assert_allclose(acc.jvp(z).numpy(), np.einsum("iai->a", v), rtol=1e-12)
