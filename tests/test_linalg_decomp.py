"""tf.linalg: solvers, determinants, decompositions, diagonals, matrix functions, tridiagonal systems.

Values are checked against NumPy and against numbers TensorFlow 2.21 printed (hard-coded below);
signs of QR/SVD/eigen vectors are implementation-defined, so those are checked through
reconstruction and orthogonality. Gradients: central differences at order 1 and 2 (gradcheck),
and TF's gradient conventions (symmetric Cholesky gradient, lower-triangular eigh gradient).
"""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import check_batched_jacobian, check_grads
from gradcheck import tape_grad_arrays as _grad

import tapeflow as tf

RNG = np.random.default_rng(2024)
IAE = tf.errors.InvalidArgumentError


def _r(*shape):
    return RNG.standard_normal(shape)


def _wc(n, batch=()):
    return 0.5 * _r(*batch, n, n) + n * np.eye(n)


def _spd(n, batch=()):
    x = _r(*batch, n, n)
    return x @ np.swapaxes(x, -1, -2) / n + np.eye(n)


def _sym_distinct(n, batch=()):
    q, _ = np.linalg.qr(_r(*batch, n, n))
    e = np.arange(n) - n / 2 + 0.1 * _r(*batch, n)
    return np.einsum("...ij,...j,...kj->...ik", q, e, q)


def _distinct_sv(m, n, batch=()):
    k = min(m, n)
    u = np.linalg.qr(_r(*batch, m, m))[0][..., :k]
    v = np.linalg.qr(_r(*batch, n, n))[0][..., :k]
    s = np.arange(1, k + 1) + 0.1 * _r(*batch, k)
    return np.einsum("...ik,...k,...jk->...ij", u, s, v)


def _close(got, want, rtol=1e-10, atol=1e-12):
    np.testing.assert_allclose(np.asarray(got), want, rtol=rtol, atol=atol)


# --- namespaces --------------------------------------------------------------------------------------


LINALG_NAMES = {
    "adjoint", "band_part", "banded_triangular_solve", "cholesky", "cholesky_solve", "cross", "det", "diag",
    "diag_part", "eig", "eigh", "eigvals", "eigvalsh", "einsum", "expm", "eye", "global_norm", "inv", "l2_normalize",
    "logdet", "lstsq", "lu", "lu_matrix_inverse", "lu_reconstruct", "lu_solve", "matmul", "matrix_rank",
    "matrix_transpose", "matvec", "norm", "normalize", "pinv", "qr", "set_diag", "slogdet", "solve", "sqrtm", "svd",
    "tensor_diag", "tensor_diag_part", "tensordot", "trace", "triangular_solve", "tridiagonal_matmul",
    "tridiagonal_solve",
}


def test_namespaces_match_tf():
    assert set(tf.linalg.__all__) == LINALG_NAMES
    for n in LINALG_NAMES:
        assert callable(getattr(tf.linalg, n)), n
    assert tf.linalg.eye is tf.eye and tf.linalg.l2_normalize is tf.nn.l2_normalize
    # top-level aliases TF has
    assert tf.eig is tf.linalg.eig and tf.eigvals is tf.linalg.eigvals
    assert tf.matrix_square_root is tf.linalg.sqrtm
    assert tf.norm is tf.linalg.norm and tf.einsum is tf.linalg.einsum and tf.tensordot is tf.linalg.tensordot
    # tf.linalg names TF does not have at top level (and names TF does not have at all)
    for n in ("solve", "inv", "det", "trace", "diag_part", "matvec", "global_norm", "svd", "qr", "cholesky", "lu"):
        assert not hasattr(tf, n), n
    for n in ("matrix_square_root", "logm", "eigh_tridiagonal", "LinearOperator"):
        assert not hasattr(tf.linalg, n), n


# --- inverse / solve / determinants -------------------------------------------------------------------


def test_inv_solve_values_and_dtypes():
    a, b = _wc(3, (2,)), _r(2, 3, 2)
    _close(tf.linalg.inv(a), np.linalg.inv(a))
    _close(tf.linalg.inv(a, adjoint=True), np.linalg.inv(np.swapaxes(a, -1, -2)))
    _close(tf.linalg.solve(a, b), np.linalg.solve(a, b))
    _close(tf.linalg.solve(a, b, adjoint=True), np.linalg.solve(np.swapaxes(a, -1, -2), b))
    r = tf.linalg.inv(tf.constant([[2.0, 0.0], [0.0, 4.0]]))
    assert r.dtype == tf.float32 and r.numpy().tolist() == [[0.5, 0.0], [0.0, 0.25]]
    assert tf.linalg.inv(tf.eye(2, dtype=tf.float16)).dtype == tf.float16
    c = a[0] + 1j * _r(3, 3)
    assert tf.linalg.inv(tf.constant(c, tf.complex64)).dtype == tf.complex64
    _close(tf.linalg.inv(c), np.linalg.inv(c))


def test_inv_solve_errors():
    with pytest.raises(IAE, match=r"inv: input matrix must be square.*\(2, 3\)"):
        tf.linalg.inv(tf.ones([2, 3]))
    with pytest.raises(IAE, match="rank >= 2"):
        tf.linalg.inv(tf.ones([2]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.inv(tf.constant([[1, 0], [0, 1]]))
    with pytest.raises(IAE, match="not invertible"):
        tf.linalg.inv(tf.ones([2, 2]))
    with pytest.raises(IAE, match="not invertible"):
        tf.linalg.solve(tf.ones([2, 2]), tf.ones([2, 1]))
    with pytest.raises(IAE, match="dtype"):
        tf.linalg.solve(tf.eye(2), tf.ones([2, 1], tf.float64))
    with pytest.raises(IAE, match="incompatible"):
        tf.linalg.solve(tf.eye(2), tf.ones([3, 1]))
    with pytest.raises(IAE, match="same batch"):  # TF's MatrixSolve does not broadcast
        tf.linalg.solve(tf.eye(2), tf.ones([3, 2, 1]))
    with pytest.raises(IAE, match="rank >= 2"):
        tf.linalg.solve(tf.eye(2), tf.ones([2]))
    with pytest.raises(IAE, match="square"):
        tf.linalg.solve(tf.ones([2, 3]), tf.ones([2, 1]))


def test_det_slogdet_logdet():
    a = _wc(3, (2,)) * np.array([1.0, -1.0])[:, None, None]
    _close(tf.linalg.det(a), np.linalg.det(a))
    s, la = tf.linalg.slogdet(a)
    ws, wl = np.linalg.slogdet(a)
    _close(s, ws)
    _close(la, wl)
    assert tf.linalg.slogdet(a)._fields == ("sign", "log_abs_determinant")
    # TF 2.21's numbers (float32)
    assert float(tf.linalg.det(tf.constant([[1.0, 2.0], [3.0, 4.0]]))) == -2.0
    s32, l32 = tf.linalg.slogdet(tf.constant([[[1.0, 2.0], [3.0, 4.0]], [[2.0, 0.0], [0.0, 3.0]]]))
    assert s32.dtype == tf.float32 and s32.numpy().tolist() == [-1.0, 1.0]
    np.testing.assert_allclose(l32.numpy(), [0.6931471824645996, 1.7917594909667969], rtol=1e-6)
    s0, l0 = tf.linalg.slogdet(tf.ones([2, 2]))
    assert float(s0) == 0.0 and float(l0) == -np.inf
    assert tf.linalg.det(tf.zeros([3, 0, 0])).numpy().tolist() == [1.0, 1.0, 1.0]
    spd = _spd(3, (2,))
    _close(tf.linalg.logdet(spd), np.linalg.slogdet(spd)[1])
    assert np.isnan(float(tf.linalg.logdet(tf.constant([[-1.0, 0.0], [0.0, 1.0]]))))
    with pytest.raises(IAE, match="square"):
        tf.linalg.det(tf.ones([2, 3]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.det(tf.constant([[1, 0], [0, 1]]))


def test_det_second_derivative_matches_tf():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], tf.float64)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = tf.linalg.det(x)
        g = t1.gradient(y, x)
    h = t2.jacobian(g, x).numpy()
    want = np.zeros((2, 2, 2, 2))
    want[0, 0, 1, 1] = want[1, 1, 0, 0] = 1.0
    want[0, 1, 1, 0] = want[1, 0, 0, 1] = -1.0
    _close(h, want, atol=1e-12)
    np.testing.assert_allclose(g.numpy(), [[4.0, -3.0], [-2.0, 1.0]], rtol=1e-12)


# --- Cholesky / triangular solves ------------------------------------------------------------------------


def test_cholesky_and_solves():
    a = _spd(4, (2,))
    chol = tf.linalg.cholesky(a)
    _close(chol, np.linalg.cholesky(a))
    b = _r(3, 2, 4, 2)  # batch dims broadcast for triangular / Cholesky solves
    want = np.linalg.solve(a, b)
    _close(tf.linalg.cholesky_solve(chol, b), want)
    low = np.tril(_wc(3))
    up = np.triu(_wc(3)) + np.tril(_r(3, 3), -1) * 100  # the other triangle is ignored
    rhs = _r(3, 2)
    _close(tf.linalg.triangular_solve(low + np.triu(_r(3, 3), 1), rhs), np.linalg.solve(low, rhs))
    _close(tf.linalg.triangular_solve(up, rhs, lower=False), np.linalg.solve(np.triu(up), rhs))
    _close(tf.linalg.triangular_solve(up, rhs, lower=False, adjoint=True), np.linalg.solve(np.triu(up).T, rhs))
    _close(tf.linalg.triangular_solve(low, _r(4, 3, 1)).shape, (4, 3, 1))
    # TF 2.x: not positive definite -> NaN (lower triangle), no error
    bad = tf.linalg.cholesky(tf.constant([[[4.0, 2.0], [2.0, 5.0]], [[1.0, 2.0], [2.0, 1.0]]]))
    assert bad.numpy()[0].tolist() == [[2.0, 0.0], [1.0, 2.0]]
    assert np.isnan(bad.numpy()[1][np.tril_indices(2)]).all()
    # only the lower triangle is read
    _close(tf.linalg.cholesky(tf.constant([[4.0, 100.0], [2.0, 3.0]])), [[2.0, 0.0], [1.0, 1.4142135]], rtol=1e-6)
    # a zero pivot of a triangular solve gives inf / nan as in TF
    z = tf.linalg.triangular_solve(tf.zeros([2, 2]), tf.ones([2, 1])).numpy()
    assert np.isinf(z[0, 0]) and np.isnan(z[1, 0])


def test_cholesky_errors():
    with pytest.raises(IAE, match="square"):
        tf.linalg.cholesky(tf.ones([2, 3]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.cholesky(tf.constant([[1, 0], [0, 1]]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.triangular_solve(tf.constant([[1, 0], [0, 1]]), tf.constant([[1], [1]]))
    with pytest.raises(IAE, match="rank >= 2"):
        tf.linalg.triangular_solve(tf.eye(2), tf.ones([2]))
    with pytest.raises(IAE, match="do not broadcast"):
        tf.linalg.cholesky_solve(tf.ones([2, 2, 2]), tf.ones([3, 2, 1]))


def test_cholesky_gradient_is_tfs_symmetric_one():
    a = np.array([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])
    w = np.arange(1.0, 10.0).reshape(3, 3)
    (g,) = _grad(lambda x: tf.reduce_sum(tf.linalg.cholesky(x) * w), a)
    want = [[0.02302846627757686, 0.2794797055772149, 0.5815445395587715],
            [0.2794797055772149, 0.9825431756162022, 1.5283247107645597],
            [0.5815445395587715, 1.5283247107645597, 2.695287367059659]]  # TF 2.21
    _close(g, want)
    # the exact derivative of a function of the symmetric part, to second order
    check_grads(lambda x: tf.linalg.cholesky((x + tf.linalg.matrix_transpose(x)) / 2), [_spd(3)])
    check_grads(lambda x, b: tf.linalg.cholesky_solve(tf.linalg.cholesky(tf.matmul(x, x, transpose_b=True)), b),
                [_wc(3), _r(3, 2)])
    check_grads(lambda x: tf.linalg.logdet(tf.matmul(x, x, transpose_b=True)), [_wc(3, (2,))])


@pytest.mark.parametrize("f,args", [
    (lambda a: tf.linalg.inv(a, adjoint=True), [_wc(3)]),
    (lambda a, b: tf.linalg.solve(a, b, adjoint=True), [_wc(3, (2,)), _r(2, 3, 2)]),
    (lambda a, b: tf.linalg.triangular_solve(a, b, lower=False), [_wc(3), _r(2, 3, 2)]),
    (lambda a: tf.linalg.slogdet(a).log_abs_determinant, [_wc(3) * -1]),
    (lambda a: tf.linalg.det(a), [_wc(2, (3,))]),
])
def test_public_solver_gradients(f, args):
    check_grads(f, args)


def test_complex_gradients_match_tf_convention():
    # inv's rule with adjoints gives TF's complex gradient: -A^-H G A^-H
    a = np.array([[2.0 + 1j, 1.0], [0.5, 3.0 - 1j]])
    gout = np.array([[1.0, 2.0j], [3.0, 4.0]])
    x = tf.constant(a)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.inv(x)
    g = t.gradient(y, x, output_gradients=tf.constant(gout)).numpy()
    ai = np.linalg.inv(a).conj().T
    _close(g, -ai @ gout @ ai)


# --- QR / SVD / eigen --------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape,full", [((4, 3), False), ((4, 3), True), ((3, 5), False), ((3, 5), True),
                                        ((2, 3, 3), False)])
def test_qr_reconstructs(shape, full):
    a = _r(*shape)
    q, r = tf.linalg.qr(a, full_matrices=full)
    m, n = shape[-2:]
    k = m if full else min(m, n)
    assert q.shape.as_list() == list(shape[:-2]) + [m, k] and r.shape.as_list() == list(shape[:-2]) + [k, n]
    _close(tf.matmul(q, r), a)
    _close(tf.matmul(q, q, transpose_a=True), np.broadcast_to(np.eye(k), q.shape[:-2] + (k, k)), atol=1e-12)
    _close(r.numpy(), np.triu(r.numpy()))


def test_qr_values_and_errors():
    q, r = tf.linalg.qr(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    assert tf.linalg.qr(tf.eye(2))._fields == ("q", "r")
    np.testing.assert_allclose(np.abs(r.numpy()), [[5.9161, 7.4374], [0.0, 0.8281]], atol=1e-4)  # TF 2.21 (|.|)
    with pytest.raises(IAE, match="int32"):
        tf.linalg.qr(tf.constant([[1, 2], [3, 4]]))
    with pytest.raises(IAE, match="rank >= 2"):
        tf.linalg.qr(tf.constant([1.0, 2.0]))
    x = tf.constant(_r(4, 2))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.qr(x, full_matrices=True)[0]
    with pytest.raises(NotImplementedError, match="nrows > ncols and full_matrices"):
        t.gradient(y, x)


@pytest.mark.parametrize("shape,full", [((4, 3), False), ((3, 5), False), ((3, 3), True), ((2, 3, 4), True)])
def test_qr_gradients(shape, full):
    def f(x):  # sign-invariant in Q's columns
        q, r = tf.linalg.qr(x, full_matrices=full)
        return q * q[..., :1, :], r * r

    check_grads(f, [_r(*shape)])


@pytest.mark.parametrize("shape,full", [((4, 3), False), ((3, 5), False), ((4, 3), True), ((3, 4), True),
                                        ((2, 3, 3), True)])
def test_svd_reconstructs(shape, full):
    a = _r(*shape)
    s, u, v = tf.linalg.svd(a, full_matrices=full)
    m, n = shape[-2:]
    k = min(m, n)
    _close(s, np.linalg.svd(a, compute_uv=False))
    _close(tf.linalg.svd(a, compute_uv=False), np.linalg.svd(a, compute_uv=False))
    assert u.shape[-1] == (m if full else k) and v.shape[-1] == (n if full else k)
    us, vs = u.numpy()[..., :k], v.numpy()[..., :k]
    _close(np.einsum("...ik,...k,...jk->...ij", us, s.numpy(), vs), a)
    for w in (u.numpy(), v.numpy()):
        k2 = w.shape[-1]
        _close(np.swapaxes(w, -1, -2) @ w, np.broadcast_to(np.eye(k2), w.shape[:-2] + (k2, k2)), atol=1e-12)


def test_svd_values_dtypes_errors():
    s, u, v = tf.linalg.svd(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_allclose(s.numpy(), [5.4649854, 0.36596614], rtol=1e-6)  # TF 2.21
    assert s.dtype == u.dtype == v.dtype == tf.float32
    sc = tf.linalg.svd(tf.constant([[1.0 + 1j, 0.0], [0.0, 2.0]], tf.complex64), compute_uv=False)
    assert sc.dtype == tf.float32  # real singular values for complex inputs, as TF
    np.testing.assert_allclose(sc.numpy(), [2.0, np.sqrt(2.0)], rtol=1e-6)
    with pytest.raises(IAE, match="int32"):
        tf.linalg.svd(tf.constant([[1, 2], [3, 4]]))
    x = tf.constant(_r(4, 2))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.svd(x, full_matrices=True)[1]
    with pytest.raises(NotImplementedError, match=r"abs\(m - n\) > 1 when full_matrices"):
        t.gradient(y, x)


@pytest.mark.parametrize("m,n", [(4, 3), (3, 5), (3, 3)])
def test_svd_gradients(m, n):
    def f(x):
        s, u, v = tf.linalg.svd(x)
        return s, u * u[..., :1, :], v * v[..., :1, :]  # invariant to the vectors' signs

    check_grads(f, [_distinct_sv(m, n)])
    check_grads(lambda x: tf.linalg.svd(x, compute_uv=False), [_distinct_sv(m, n, (2,))])
    check_grads(lambda x: tf.linalg.pinv(x), [_distinct_sv(m, n)])
    check_grads(lambda x: tf.norm(x, ord=2, axis=[0, 1]), [_distinct_sv(m, n)])


def test_eigh_values_and_gradient_convention():
    a = _sym_distinct(4, (2,))
    e, v = tf.linalg.eigh(a)
    _close(e, np.linalg.eigvalsh(a))
    _close(tf.linalg.eigvalsh(a), np.linalg.eigvalsh(a))
    _close(np.einsum("...ik,...k,...jk->...ij", v.numpy(), e.numpy(), v.numpy()), a)
    # only the lower triangle is read
    _close(tf.linalg.eigvalsh(np.tril(a) + np.triu(_r(4, 4), 1)), np.linalg.eigvalsh(a))
    a3 = np.array([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])
    w = np.array([1.0, 2.0, 3.0])
    want = [[1.9306951746787544, 0.0, 0.0], [1.713011797892955, 2.162584452408457, 0.0],
            [-0.2022463222849994, 0.9720139411485553, 1.9067203729127895]]  # TF 2.21: lower triangular
    _close(_grad(lambda x: tf.reduce_sum(tf.linalg.eigh(x)[0] * w), a3)[0], want)
    _close(_grad(lambda x: tf.reduce_sum(tf.linalg.eigvalsh(x) * w), a3)[0], want)
    # repeated eigenvalues: TF's safe reciprocal gives 0, not NaN
    (g,) = _grad(lambda x: tf.linalg.eigh(x)[1], np.eye(2))
    assert g.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    check_grads(lambda x: (lambda e, v: (e, v * v[..., :1, :]))(*tf.linalg.eigh(x)), [_sym_distinct(3)])
    c = tf.linalg.eigh(tf.constant([[2.0, 1j], [-1j, 2.0]]))
    assert c[0].dtype == tf.complex128  # TF: eigenvalues in the input's (complex) dtype
    _close(c[0].numpy().real, [1.0, 3.0])


def test_eig_and_eigvals():
    a = _r(4, 4)
    e, v = tf.linalg.eig(a)
    assert e.dtype == tf.complex128 and v.dtype == tf.complex128
    assert tf.linalg.eig(tf.constant(a, tf.float32))[0].dtype == tf.complex64
    _close(np.sort_complex(tf.linalg.eigvals(a).numpy()), np.sort_complex(np.linalg.eigvals(a)))
    _close(a @ v.numpy(), v.numpy() * e.numpy()[None, :])
    _close(np.linalg.norm(v.numpy(), axis=0), np.ones(4))
    e2, v2 = tf.linalg.eig(tf.constant([[2.0, 1.0], [0.0, 3.0]], tf.float64))
    _close(e2, [2.0, 3.0])  # TF 2.21
    _close(np.abs(v2.numpy()), [[1.0, 0.7071067811865475], [0.0, 0.7071067811865475]])
    x = tf.constant(a)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.eigvals(x)
    with pytest.raises(NotImplementedError, match="gradient of tf.linalg.eig"):
        t.gradient(y, x)


# --- least squares, pseudo-inverse, rank ---------------------------------------------------------------------


def test_lstsq_values():
    a, b = _r(2, 5, 3), _r(2, 5, 2)
    _close(tf.linalg.lstsq(a, b), np.linalg.solve(np.swapaxes(a, -1, -2) @ a, np.swapaxes(a, -1, -2) @ b))
    lam = 0.3
    at = np.swapaxes(a, -1, -2)
    _close(tf.linalg.lstsq(a, b, l2_regularizer=lam), np.linalg.solve(at @ a + lam * np.eye(3), at @ b))
    w = _r(3, 5)
    _close(tf.linalg.lstsq(w, _r(3, 2)).shape, (5, 2))
    x_min = tf.linalg.lstsq(w, wb := _r(3, 2), fast=False)
    _close(x_min, np.linalg.lstsq(w, wb, rcond=None)[0])
    got = tf.linalg.lstsq(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.constant([[1.0], [2.0], [4.0]]),
                          l2_regularizer=0.5)
    np.testing.assert_allclose(got.numpy().ravel(), [0.4229, 0.2724], atol=1e-4)  # TF 2.21 (4 digits)
    _close(tf.linalg.lstsq(_r(3, 3, 2), _r(3, 1)).shape, (3, 2, 1))  # batch dims broadcast
    with pytest.raises(IAE, match="same number of rows"):
        tf.linalg.lstsq(tf.ones([3, 2]), tf.ones([4, 1]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.lstsq(tf.ones([3, 2], tf.int32), tf.ones([3, 1], tf.int32))


def test_lstsq_gradients():
    check_grads(lambda a, b: tf.linalg.lstsq(a, b), [_r(5, 3), _r(5, 2)])
    check_grads(lambda a, b: tf.linalg.lstsq(a, b, l2_regularizer=0.2), [_r(2, 3, 5), _r(2, 3, 2)])
    x = tf.constant(_r(4, 2))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.lstsq(x, tf.ones([4, 1], tf.float64), fast=False)
    with pytest.raises(ValueError, match="Gradient not defined for fast=False"):
        t.gradient(y, x)


def test_pinv_and_matrix_rank():
    a = _r(2, 4, 3)
    _close(tf.linalg.pinv(a), np.linalg.pinv(a))
    want = [[-1.3333333333333344, -0.33333333333333426, 0.6666666666666675],
            [1.0833333333333341, 0.3333333333333341, -0.4166666666666673]]  # TF 2.21
    _close(tf.linalg.pinv(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])), want)
    low = np.outer([1.0, 2.0, 3.0], [1.0, -1.0])
    _close(tf.linalg.pinv(low), np.linalg.pinv(low))
    assert tf.linalg.matrix_rank(low).dtype == tf.int32 and int(tf.linalg.matrix_rank(low)) == 1
    assert tf.linalg.matrix_rank(tf.ones([3, 4, 5])).numpy().tolist() == [1, 1, 1]
    assert int(tf.linalg.matrix_rank(tf.constant([[1.0, 2.0], [2.0, 4.1]]), tol=0.5)) == 1
    _close(tf.linalg.matrix_rank(_r(3, 4, 4)), [4, 4, 4])
    with pytest.raises(TypeError, match="must have `float`-like `dtype` \\(saw int32\\)"):
        tf.linalg.pinv(tf.constant([[1, 2], [2, 4]]))
    with pytest.raises(TypeError, match="saw complex64"):
        tf.linalg.matrix_rank(tf.constant([[1j]], tf.complex64))
    x = tf.constant(low)
    with tf.GradientTape() as t:
        t.watch(x)
        r = tf.cast(tf.linalg.matrix_rank(x), tf.float64)
    assert t.gradient(r, x) is None


# --- diagonals, band parts, transposes ------------------------------------------------------------------------


def test_band_part():
    x = _r(2, 4, 5)
    for lo, hi in [(1, 0), (-1, 2), (0, -1), (0, 0), (4, 5)]:
        i, j = np.arange(4)[:, None], np.arange(5)[None, :]
        mask = ((lo < 0) | (i - j <= lo)) & ((hi < 0) | (j - i <= hi))
        _close(tf.linalg.band_part(x, lo, hi), np.where(mask, x, 0.0))
    assert tf.linalg.band_part(tf.reshape(tf.range(12), [3, 4]), 0, 0).numpy().tolist() == \
        [[0, 0, 0, 0], [0, 5, 0, 0], [0, 0, 10, 0]]
    _close(tf.linalg.band_part(np.array([[np.inf, np.inf], [1.0, np.inf]]), -1, 0), [[np.inf, 0.0], [1.0, np.inf]])
    assert tf.linalg.band_part(tf.ones([3, 3]), tf.constant(1, tf.int64), tf.constant(0, tf.int64)).shape == (3, 3)
    with pytest.raises(IAE, match=r"num_upper must be negative or less or equal to number of columns \(4\) got: 5"):
        tf.linalg.band_part(tf.ones([3, 4]), 0, 5)
    with pytest.raises(IAE, match="at least 2-dim"):
        tf.linalg.band_part(tf.ones([3]), 0, 0)
    with pytest.raises(TypeError, match="num_lower"):
        tf.linalg.band_part(tf.ones([3, 3]), 1.0, 0)
    check_grads(lambda t: tf.linalg.band_part(t, 1, 0), [_r(3, 4)])


def test_diag_family_matches_tf():
    m = tf.reshape(tf.range(12), [3, 4])
    assert tf.linalg.diag([1, 2]).numpy().tolist() == [[1, 0], [0, 2]]
    assert tf.linalg.diag([1, 2], k=1).numpy().tolist() == [[0, 1, 0], [0, 0, 2], [0, 0, 0]]
    assert tf.linalg.diag([1, 2], k=-1, num_rows=4).numpy().tolist() == [[0, 0], [1, 0], [0, 2], [0, 0]]
    assert tf.linalg.diag([1.0, 2.0], num_rows=3, num_cols=2, padding_value=9).numpy().tolist() == \
        [[1.0, 9.0], [9.0, 2.0], [9.0, 9.0]]
    assert tf.linalg.diag([[1.0, 2.0], [3.0, 4.0]], k=(0, 1)).numpy().tolist() == [[3.0, 2.0], [0.0, 4.0]]
    assert tf.linalg.diag([1.0, 2.0], num_cols=4).shape == (2, 4)
    assert tf.linalg.diag([1.0, 2.0], k=1, num_rows=4).shape == (4, 3)
    assert tf.linalg.diag(tf.constant([[1, 2, 3], [4, 5, 6]]), k=(-1, 0), align="RIGHT_RIGHT",
                          num_cols=4).numpy().tolist() == [[1, 0, 0, 0], [5, 2, 0, 0], [0, 6, 3, 0]]
    assert tf.linalg.diag_part(m).numpy().tolist() == [0, 5, 10]
    assert tf.linalg.diag_part(m, k=1).numpy().tolist() == [1, 6, 11]
    assert tf.linalg.diag_part(m, k=3).numpy().tolist() == [3]
    assert tf.linalg.diag_part(m, k=(-1, 2), padding_value=-1).numpy().tolist() == \
        [[-1, 2, 7], [1, 6, 11], [0, 5, 10], [4, 9, -1]]
    assert tf.linalg.diag_part(m, k=(-2, 1), padding_value=-1, align="LEFT_LEFT").numpy().tolist() == \
        [[1, 6, 11], [0, 5, 10], [4, 9, -1], [8, -1, -1]]
    assert tf.linalg.diag_part(m, k=tf.constant([0, 1])).numpy().tolist() == [[1, 6, 11], [0, 5, 10]]
    assert tf.linalg.set_diag(tf.zeros([3, 3], tf.int32), tf.constant([[1, 2, 0], [3, 4, 5]]), k=(0, 1),
                              align="LEFT_RIGHT").numpy().tolist() == [[3, 1, 0], [0, 4, 2], [0, 0, 5]]
    x = _r(2, 3, 4)
    _close(tf.linalg.diag_part(x), np.diagonal(x, axis1=-2, axis2=-1))
    _close(tf.linalg.set_diag(x, np.zeros((2, 3))), x * (1 - np.eye(3, 4)))
    _close(tf.linalg.set_diag(tf.ones([2, 3]), [7, 8]), [[7.0, 1.0, 1.0], [1.0, 8.0, 1.0]])  # list takes x's dtype
    assert tf.linalg.tensor_diag(tf.constant([[1, 2], [3, 4]])).numpy().tolist() == \
        [[[[1, 0], [0, 0]], [[0, 2], [0, 0]]], [[[0, 0], [3, 0]], [[0, 0], [0, 4]]]]
    y = _r(2, 3, 2, 3)
    _close(tf.linalg.tensor_diag_part(y), np.einsum("ijij->ij", y))
    assert float(tf.linalg.tensor_diag_part(3.0)) == 3.0
    _close(tf.linalg.trace(x), np.trace(x, axis1=-2, axis2=-1))
    assert int(tf.linalg.trace(tf.ones([3, 3], tf.int32))) == 3


def test_diag_family_errors():
    with pytest.raises(IAE, match="at least 1-dim"):
        tf.linalg.diag(3.0)
    with pytest.raises(IAE, match="number of rows is too small"):
        tf.linalg.diag([1.0, 2.0], num_rows=1)
    with pytest.raises(IAE, match="not consistent"):
        tf.linalg.diag([1.0, 2.0], num_rows=3, num_cols=3)
    with pytest.raises(IAE, match="number of diagonals provided"):
        tf.linalg.diag([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], k=(0, 1))
    with pytest.raises(IAE, match="must not be larger"):
        tf.linalg.diag([[1.0, 2.0]], k=(1, 0))
    with pytest.raises(IAE, match="align"):
        tf.linalg.diag([1.0], align="FOO")
    with pytest.raises(IAE, match="out of bound: 4. It must be between -3 and 4"):
        tf.linalg.diag_part(tf.ones([3, 4]), k=4)
    with pytest.raises(IAE, match="at least 2-dim"):
        tf.linalg.diag_part(tf.ones([3]))
    with pytest.raises(IAE, match=r"diagonal must have shape \[2, 3\]"):
        tf.linalg.set_diag(tf.ones([2, 3, 3]), [1.0, 1.0, 1.0])
    with pytest.raises(IAE, match="at least rank 1"):
        tf.linalg.tensor_diag(3.0)
    with pytest.raises(IAE, match="even and positive"):
        tf.linalg.tensor_diag_part(tf.ones([2, 2, 2]))
    with pytest.raises(IAE, match="halves"):
        tf.linalg.tensor_diag_part(tf.ones([2, 3]))
    with pytest.raises(IAE, match="at least 2-dim"):
        tf.linalg.trace(tf.ones([3]))
    with pytest.raises(IAE, match="bool"):
        tf.linalg.trace(tf.ones([2, 2], tf.bool))


@pytest.mark.parametrize("f,shapes", [
    (lambda x: tf.linalg.diag(x, k=(-1, 1), num_rows=3, num_cols=4), [(2, 3, 3)]),
    (lambda x: tf.linalg.diag_part(x, k=(-2, 1), align="LEFT_LEFT"), [(4, 3)]),
    (lambda x, d: tf.linalg.set_diag(x, d, k=(-1, 0)), [(2, 3, 4), (2, 2, 3)]),
    (lambda x: tf.linalg.tensor_diag(x) * 2.0, [(2, 3)]),
    (lambda x: tf.linalg.tensor_diag_part(x), [(2, 3, 2, 3)]),
    (lambda x: tf.linalg.trace(x), [(2, 3, 3)]),
    (lambda x: tf.linalg.matrix_transpose(x), [(2, 3, 4)]),
])
def test_diag_family_gradients(f, shapes):
    check_grads(f, [_r(*s) for s in shapes])


def test_transposes_and_cross_and_normalize():
    x = _r(2, 3, 4)
    _close(tf.linalg.matrix_transpose(x), np.swapaxes(x, -1, -2))
    c = np.array([[1j, 2.0]])
    _close(tf.linalg.adjoint(c), c.conj().T)
    _close(tf.linalg.matrix_transpose(c, conjugate=True), c.conj().T)
    _close(tf.linalg.adjoint(x), np.swapaxes(x, -1, -2))
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.linalg.matrix_transpose(tf.ones([3]))
    a, b = _r(2, 4, 3), _r(2, 4, 3)
    _close(tf.linalg.cross(a, b), np.cross(a, b))
    assert tf.linalg.cross([1, 0, 0], [0, 1, 0]).numpy().tolist() == [0, 0, 1]
    check_grads(lambda u, v: tf.linalg.cross(u, v), [a, b])
    with pytest.raises(IAE, match="same shape"):
        tf.linalg.cross(tf.ones([2, 3]), tf.ones([3]))
    with pytest.raises(tf.errors.FailedPreconditionError, match="3-element"):
        tf.linalg.cross([1.0, 0.0], [0.0, 1.0])
    with pytest.raises(IAE, match="dtype"):
        tf.linalg.cross(tf.ones([3]), tf.ones([3], tf.float64))
    n, s = tf.linalg.normalize(tf.constant([[3.0, 4.0], [6.0, 8.0]]), axis=1)
    assert s.numpy().tolist() == [[5.0], [10.0]] and np.allclose(n.numpy(), [[0.6, 0.8], [0.6, 0.8]])
    n1, s1 = tf.linalg.normalize(tf.constant([[3.0, 4.0], [6.0, 8.0]]), ord=1)
    assert s1.shape == (1, 1) and float(s1[0, 0]) == 21.0
    with pytest.raises(IAE, match="floating"):
        tf.linalg.normalize([3, 4])
    check_grads(lambda t: tf.linalg.normalize(t, axis=0), [_r(3, 2)])
    _close(tf.norm(np.array([[1.0, 2.0], [3.0, 4.0]]), ord=2, axis=[0, 1]), 5.464985704219043)  # TF 2.21
    nb = tf.norm(tf.ones([2, 3, 4]), ord=2, axis=[2, 0], keepdims=True)
    assert nb.shape == (1, 3, 1) and np.allclose(nb.numpy(), 2.828427, rtol=1e-6)


# --- matrix functions ------------------------------------------------------------------------------------------


def _expm_series(a, terms=60):
    out, term = np.eye(a.shape[-1]), np.eye(a.shape[-1])
    for k in range(1, terms):
        term = term @ a / k
        out = out + term
    return out


def test_expm_values():
    a = np.array([[0.0, 1.0, 0.5], [-1.0, 0.0, 0.2], [0.3, 0.0, 0.1]])
    want = [[0.6160422699099779, 0.8672477866644223, 0.5542685186344033],
            [-0.8382930765918962, 0.5436554947286628, -0.05818812324732481],
            [0.2746516910355898, 0.14477355036263082, 1.190171334797277]]  # TF 2.21
    _close(tf.linalg.expm(a), want)
    big = _r(2, 3, 3) * np.array([0.1, 6.0])[:, None, None]  # different squaring counts in one batch
    got = tf.linalg.expm(big).numpy()
    for i in range(2):
        s = 10
        e = np.linalg.matrix_power(_expm_series(big[i] / 2**s), 2**s)
        _close(got[i], e, rtol=1e-9)
    e32 = tf.linalg.expm(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    assert e32.dtype == tf.float32
    exact = [[51.968956198705, 74.73656456700328], [112.10484685050491, 164.07380304920997]]
    np.testing.assert_allclose(tf.linalg.expm(np.array([[1.0, 2.0], [3.0, 4.0]])).numpy(), exact, rtol=1e-12)
    # TF 2.21's float32 result is [[51.9707, 74.7392], [112.1087, 164.0795]], 3e-5 from the exact value
    np.testing.assert_allclose(e32.numpy(), exact, rtol=1e-5)
    assert tf.linalg.expm(tf.zeros([2, 2])).numpy().tolist() == [[1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(ValueError, match="does not support matrices of type"):
        tf.linalg.expm(tf.constant([[0, 1], [-1, 0]]))
    with pytest.raises(IAE, match="square"):
        tf.linalg.expm(tf.ones([2, 3]))
    check_grads(lambda t: tf.linalg.expm(t), [_r(2, 3, 3)])
    check_grads(lambda t: tf.linalg.expm(t), [3.0 * _r(3, 3)])


def test_sqrtm():
    a = np.array([[4.0, 1.0, 0.5], [0.2, 9.0, 1.0], [0.0, 0.3, 2.0]])
    want = [[1.9980375792354597, 0.1984114049717969, 0.1336130154934189],
            [0.040083142893476004, 2.9961075325811932, 0.22580363474477444],
            [-0.0008017237982334852, 0.06814195232254912, 1.4088010577158288]]  # TF 2.21
    _close(tf.linalg.sqrtm(a), want)
    _close(tf.matrix_square_root(a), want)
    spd = _spd(4, (2,))
    x = tf.linalg.sqrtm(spd).numpy()
    _close(x @ x, spd)
    d = tf.linalg.sqrtm(np.array([[4.0, 1.0], [0.0, 4.0]])).numpy()  # defective: no eigenbasis
    _close(d, [[2.0, 0.25], [0.0, 2.0]])
    r = tf.linalg.sqrtm(np.array([[1.0, -2.0], [2.0, 1.0]])).numpy()  # complex eigenvalues, real root
    _close(r @ r, [[1.0, -2.0], [2.0, 1.0]])
    assert np.isnan(tf.linalg.sqrtm(tf.constant([[-4.0, 0.0], [0.0, 9.0]])).numpy()).all()  # as TF
    check_grads(lambda t: tf.linalg.sqrtm(t), [a])
    (g,) = _grad(lambda t: tf.linalg.sqrtm(t), np.array([[4.0, 1.0], [0.0, 9.0]]))
    _close(g, [[0.24, 0.2], [0.184, 0.16]], rtol=1e-7)  # TF 2.21 (float32 printed to 3-4 digits)


# --- LU ---------------------------------------------------------------------------------------------------------


def test_lu_matches_tf():
    lu, p = tf.linalg.lu(tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]], tf.float64))
    _close(lu, [[7.0, 8.0, 10.0], [0.14285714285714285, 0.8571428571428572, 1.5714285714285716],
                [0.5714285714285714, 0.5000000000000002, -0.49999999999999967]])
    assert p.dtype == tf.int32 and p.numpy().tolist() == [2, 0, 1]
    lub, pb = tf.linalg.lu(tf.constant([[[0.0, 1.0], [1.0, 0.0]], [[3.0, 1.0], [3.0, 2.0]]]),
                           output_idx_type=tf.int64)
    assert pb.dtype == tf.int64 and pb.numpy().tolist() == [[1, 0], [0, 1]]
    assert lub.numpy().tolist() == [[[1.0, 0.0], [0.0, 1.0]], [[3.0, 1.0], [1.0, 1.0]]]
    assert tf.linalg.lu(tf.eye(2))._fields == ("lu", "p")
    a = _r(3, 4, 4)
    _close(tf.linalg.lu_reconstruct(*tf.linalg.lu(a)), a)
    b = _r(2, 3, 4, 2)
    _close(tf.linalg.lu_solve(*tf.linalg.lu(a), b), np.linalg.solve(a, b))
    _close(tf.linalg.lu_matrix_inverse(*tf.linalg.lu(a)), np.linalg.inv(a))
    with pytest.raises(IAE, match="not invertible"):
        tf.linalg.lu(tf.ones([2, 2]))
    with pytest.raises(IAE, match="square"):
        tf.linalg.lu(tf.ones([2, 3]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.lu(tf.ones([2, 2], tf.int32))
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.linalg.lu_solve(*tf.linalg.lu(tf.eye(3)), tf.ones([3]))


def test_lu_gradients():
    x = tf.constant(_wc(3))
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.linalg.lu(x)[0]
    with pytest.raises(LookupError, match="gradient registry has no entry for: Lu"):
        t.gradient(y, x)
    a = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])
    (g,) = _grad(lambda t: tf.linalg.lu_reconstruct(t, tf.constant([2, 0, 1])), a)
    _close(g, [[12.0, 12.0, 12.0], [6.0, 9.0, 9.0], [6.0, 11.0, 1.0]])  # TF 2.21
    perm = np.array([2, 0, 1])
    check_grads(lambda t: tf.linalg.lu_reconstruct(t, perm), [_r(3, 3)])
    check_grads(lambda t, b: tf.linalg.lu_solve(t, perm, b), [_wc(3), _r(2, 3, 2)])
    check_grads(lambda t: tf.linalg.lu_matrix_inverse(t, np.array([[1, 0, 2], [0, 1, 2]])), [_wc(3, (2,))])


# --- tridiagonal and banded ----------------------------------------------------------------------------------------


def _dense_tridiag(d):
    m = d.shape[-1]
    out = np.zeros(d.shape[:-2] + (m, m), d.dtype)
    i = np.arange(m)
    out[..., i, i] = d[..., 1, :]
    out[..., i[:-1], i[1:]] = d[..., 0, :-1]
    out[..., i[1:], i[:-1]] = d[..., 2, 1:]
    return out


def test_tridiagonal_solve_formats():
    d, b = _r(2, 3, 6), _r(2, 6, 3)
    want = np.linalg.solve(_dense_tridiag(d), b)
    _close(tf.linalg.tridiagonal_solve(d, b), want)
    dd = d + np.array([0.0, 5.0, 0.0])[:, None]
    _close(tf.linalg.tridiagonal_solve(dd, b, partial_pivoting=False), np.linalg.solve(_dense_tridiag(dd), b))
    _close(tf.linalg.tridiagonal_solve(d, b[..., 0]), want[..., 0])
    _close(tf.linalg.tridiagonal_solve(d, np.swapaxes(b, -1, -2), transpose_rhs=True), want)
    _close(tf.linalg.tridiagonal_solve(_dense_tridiag(d), b, diagonals_format="matrix"), want)
    seq = (d[..., 0, :-1], d[..., 1, :], d[..., 2, 1:])
    _close(tf.linalg.tridiagonal_solve(seq, b, diagonals_format="sequence"), want)
    _close(tf.linalg.tridiagonal_solve((d[..., 0, :], d[..., 1, :], d[..., 2, :]), b, diagonals_format="sequence"),
           want)
    # needs a row swap; TF 2.21 gives [0, 1, 0]
    piv = tf.linalg.tridiagonal_solve(tf.constant([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 1.0]]),
                                      tf.ones([3, 1]))
    assert piv.numpy().ravel().tolist() == [0.0, 1.0, 0.0]
    assert np.isnan(tf.linalg.tridiagonal_solve(tf.zeros([3, 3]), tf.ones([3, 1])).numpy()).all()
    with pytest.raises(ValueError, match="Expected 3 diagonals got 2"):
        tf.linalg.tridiagonal_solve(tf.ones([2, 3]), tf.ones([3, 1]))
    with pytest.raises(IAE, match="int32"):
        tf.linalg.tridiagonal_solve(tf.ones([3, 3], tf.int32), tf.ones([3, 1], tf.int32))
    with pytest.raises(ValueError, match="Unrecognized diagonals_format"):
        tf.linalg.tridiagonal_solve(tf.ones([3, 3]), tf.ones([3, 1]), diagonals_format="banded")
    with pytest.raises(NotImplementedError, match="perturb_singular"):
        tf.linalg.tridiagonal_solve(tf.ones([3, 3]), tf.ones([3, 1]), perturb_singular=True)


def test_tridiagonal_gradients_and_matmul():
    d = _r(3, 5) + np.array([0.0, 4.0, 0.0])[:, None]
    check_grads(lambda t, b: tf.linalg.tridiagonal_solve(t, b), [d, _r(5, 2)])
    check_grads(lambda t, b: tf.linalg.tridiagonal_solve(t, b), [d, _r(5)])
    check_grads(lambda t, b: tf.linalg.tridiagonal_solve(t, b, diagonals_format="matrix"),
                [_dense_tridiag(d) + 0 * _r(5, 5), _r(5, 2)])
    dm, b = _r(2, 3, 4), _r(2, 4, 3)
    _close(tf.linalg.tridiagonal_matmul(dm, b), _dense_tridiag(dm) @ b)
    _close(tf.linalg.tridiagonal_matmul(_dense_tridiag(dm), b, diagonals_format="matrix"), _dense_tridiag(dm) @ b)
    got = tf.linalg.tridiagonal_matmul(tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),
                                       tf.constant([[1.0], [2.0], [3.0]]))
    assert got.numpy().tolist() == [[6.0], [24.0], [36.0]]  # TF 2.21
    check_grads(lambda t, x: tf.linalg.tridiagonal_matmul(t, x), [dm, b])


def test_banded_triangular_solve():
    bands = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    got = tf.linalg.banded_triangular_solve(bands, tf.ones([3, 1])).numpy().ravel()
    np.testing.assert_allclose(got, [1.0, -2.0, 4.3333], atol=1e-4)  # TF 2.21 (4 digits)
    got = tf.linalg.banded_triangular_solve(bands, tf.ones([3, 1]), lower=False).numpy().ravel()
    np.testing.assert_allclose(got, [0.2167000025510788, 0.13330000638961792, 0.16670000553131104], atol=1e-4)
    got = tf.linalg.banded_triangular_solve(bands, tf.ones([3, 1]), adjoint=True).numpy().ravel()
    np.testing.assert_allclose(got, [3.5, -0.5, 0.33329999446868896], atol=1e-4)
    bd = _r(3, 5) + np.array([4.0, 0.0, 0.0])[:, None]
    check_grads(lambda t, b: tf.linalg.banded_triangular_solve(t, b), [bd, _r(2, 5, 2)])
    check_grads(lambda t, b: tf.linalg.banded_triangular_solve(t, b, lower=False, adjoint=True), [bd[::-1], _r(5, 2)])


# --- jacobians use the batched rules ----------------------------------------------------------------------------


@pytest.mark.parametrize("f,x", [
    (lambda x: tf.linalg.inv(x), _wc(3)),
    (lambda x: tf.linalg.solve(x, tf.ones([3, 2], tf.float64)), _wc(3)),
    (lambda x: tf.linalg.det(x) * tf.linalg.slogdet(x)[1], _wc(3)),
    (lambda x: tf.linalg.cholesky(tf.matmul(x, x, transpose_b=True)), _wc(3)),
    (lambda x: tf.abs(tf.linalg.qr(x)[1]), _r(4, 3)),
    (lambda x: tf.linalg.svd(x)[0], _r(3, 4)),
    (lambda x: tf.linalg.eigh(x)[0], _sym_distinct(3)),
    (lambda x: tf.linalg.sqrtm(tf.matmul(x, x, transpose_b=True)), _wc(2)),
    (lambda x: tf.linalg.diag_part(x, k=(-1, 1)), _r(3, 3)),
    (lambda x: tf.linalg.tridiagonal_solve(tf.linalg.band_part(x, 1, 1) + 4 * tf.eye(4, dtype=tf.float64),
                                           tf.ones([4, 1], tf.float64), diagonals_format="matrix"), _r(4, 4)),
    (lambda x: tf.linalg.expm(x), _r(2, 2)),
])
def test_batched_jacobian_matches_loop(f, x):
    check_batched_jacobian(f, x, rtol=1e-10, atol=1e-12)


# --- the advanced_autodiff guide's uses -----------------------------------------------------------------------------


def test_newton_step_as_in_advanced_autodiff_guide():
    tf.random.set_seed(0)
    layer = tf.keras.layers.Dense(8, activation=tf.nn.relu)
    x = tf.random.normal([7, 5])
    layer.build(x.shape)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = layer(x)
            loss = tf.reduce_mean(y**2)
        g = t1.gradient(loss, layer.kernel)
    h = t2.jacobian(g, layer.kernel)
    n = tf.reduce_prod(layer.kernel.shape)
    h_mat = tf.reshape(h, [n, n])
    g_vec = tf.reshape(g, [n, 1])
    eye_eps = tf.eye(h_mat.shape[0]) * 1e-3
    update = tf.linalg.solve(h_mat + eye_eps, g_vec)
    assert update.shape == (40, 1) and update.dtype == tf.float32
    want = np.linalg.solve(h_mat.numpy().astype(np.float64) + 1e-3 * np.eye(40), g_vec.numpy())
    np.testing.assert_allclose(update.numpy(), want, rtol=2e-2, atol=1e-3)
    assert float(tf.norm(g)) > 0
    j = tf.random.normal([7, 6, 7, 5])
    sel = tf.einsum("bxby->bxy", j)
    assert sel.shape == (7, 6, 5)
    np.testing.assert_array_equal(sel.numpy(), np.einsum("bxby->bxy", j.numpy()))
