"""``keras.ops.linalg``: Keras 3's linear algebra (TensorFlow backend semantics) in tapeflow ops.

Example:
    >>> inv([[2.0, 0.0], [0.0, 4.0]]).numpy().tolist()
    [[0.5, 0.0], [0.0, 0.25]]
    >>> solve([[2.0, 0.0], [0.0, 4.0]], [2.0, 4.0]).numpy().tolist()
    [1.0, 1.0]
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

import tapeflow as tf

from ...tensor import Tensor
from ._common import cast as _cast
from ._common import convert, floatx, name_of, result_type, wrap_symbolic


def cholesky(x: Any, upper: bool = False) -> Tensor:
    """The Cholesky factor of Hermitian positive-definite matrices (lower, or upper when asked).

    A matrix that is not positive definite raises ``InvalidArgumentError`` (Keras checks for NaNs).

    Example:
        >>> cholesky([[4.0, 2.0], [2.0, 2.0]]).numpy().tolist()
        [[2.0, 0.0], [1.0, 1.0]]
    """
    out = tf.linalg.cholesky(convert(x))
    out = tf.debugging.check_numerics(out, "Cholesky")
    return tf.linalg.adjoint(out) if upper else out


def cholesky_inverse(x: Any, upper: bool = False) -> Tensor:
    """The inverse of ``A`` from its Cholesky factor ``x`` (``A = L L^H``, or ``U^H U`` when ``upper``).

    Example:
        >>> cholesky_inverse([[2.0, 0.0], [0.0, 1.0]]).numpy().tolist()
        [[0.25, 0.0], [0.0, 1.0]]
    """
    a = convert(x)
    eye = tf.eye(a.shape[-1], dtype=a.dtype)
    inv_chol = tf.linalg.triangular_solve(a, eye, lower=not upper)
    if upper:
        return tf.linalg.matmul(inv_chol, inv_chol, transpose_b=True)
    return tf.linalg.matmul(inv_chol, inv_chol, transpose_a=True)


def det(x: Any) -> Tensor:
    """Determinant of square matrices (batched).

    Example:
        >>> print(det([[1.0, 2.0], [3.0, 4.0]]).numpy().round(4))
        -2.0
    """
    return tf.linalg.det(convert(x))


def eig(x: Any) -> tuple:
    """Eigenvalues and eigenvectors of general square matrices (complex results).

    Example:
        >>> w, v = eig([[2.0, 0.0], [0.0, 3.0]])
        >>> w.numpy().tolist()
        [(2+0j), (3+0j)]
    """
    return tuple(tf.linalg.eig(convert(x)))


def eigh(x: Any) -> tuple:
    """Eigenvalues (ascending) and eigenvectors of Hermitian matrices.

    Example:
        >>> w, v = eigh([[2.0, 0.0], [0.0, 1.0]])
        >>> w.numpy().tolist()
        [1.0, 2.0]
    """
    return tuple(tf.linalg.eigh(convert(x)))


def inv(x: Any) -> Tensor:
    """Inverse of square matrices (batched).

    Example:
        >>> inv([[4.0]]).numpy().tolist()
        [[0.25]]
    """
    return tf.linalg.inv(convert(x))


def lu_factor(x: Any) -> tuple:
    """LU factorization with partial pivoting: the packed ``lu`` matrix and the pivot permutation
    (``a[p] = L @ U``, as the TensorFlow backend returns it).

    Example:
        >>> lu, p = lu_factor([[1.0, 2.0], [3.0, 4.0]])
        >>> p.numpy().tolist()
        [1, 0]
    """
    lu, p = tf.linalg.lu(convert(x))
    return lu, tf.math.invert_permutation(p)


def _vector_norm(x: Tensor, ord: Any, axis: Any, keepdims: bool) -> Tensor:  # noqa: A002
    if ord is None or ord == 2:
        return tf.math.sqrt(tf.reduce_sum(x * tf.math.conj(x), axis=axis, keepdims=keepdims))
    if ord == float("inf"):
        return tf.reduce_max(tf.math.abs(x), axis=axis, keepdims=keepdims)
    if ord == float("-inf"):
        return tf.reduce_min(tf.math.abs(x), axis=axis, keepdims=keepdims)
    if ord == 0:
        return tf.reduce_sum(tf.cast(tf.not_equal(x, 0), x.dtype), axis=axis, keepdims=keepdims)
    if isinstance(ord, str):
        raise ValueError(f"Invalid `ord` argument for vector norm. Received: ord={ord}")
    o = convert(ord, name_of(x))
    return tf.math.pow(tf.reduce_sum(tf.math.pow(tf.math.abs(x), o), axis=axis, keepdims=keepdims), 1.0 / o)


def norm(x: Any, ord: Any = None, axis: Any = None, keepdims: bool = False) -> Tensor:  # noqa: A002
    """Vector norm (one axis) or matrix norm (two axes), as NumPy's ``linalg.norm``: ``ord``
    None/2/inf/-inf/0/p for vectors, None/"fro"/"nuc"/1/-1/2/-2/inf/-inf for matrices.

    Example:
        >>> norm([3.0, 4.0]).numpy().tolist()
        5.0
    """
    x = convert(x)
    nd = x.ndim
    if axis is None:
        axis = tuple(range(nd))
    elif isinstance(axis, int):
        axis = (axis,)
    if any(a < -nd or a >= nd for a in axis):
        raise ValueError(f"All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={nd}, "
                         f"while axis={axis}")
    axis = axis[0] if len(axis) == 1 else tuple(axis)
    n_axes = 1 if isinstance(axis, int) else len(axis)
    x = _cast(x, floatx() if name_of(x) == "int64" else result_type(name_of(x), float))
    if n_axes == 1:
        return _vector_norm(x, ord, axis, keepdims)
    if n_axes != 2:
        raise ValueError(f"Invalid axis values. Received: axis={axis}")
    r, c = axis[0] % nd, axis[1] % nd
    if ord is None or ord == "fro":
        return tf.math.sqrt(tf.reduce_sum(x * tf.math.conj(x), axis=axis, keepdims=keepdims))
    if ord in (1, -1):
        if not keepdims and c > r:
            c -= 1
        red = tf.reduce_max if ord == 1 else tf.reduce_min
        return red(tf.reduce_sum(tf.math.abs(x), axis=r, keepdims=keepdims), axis=c, keepdims=keepdims)
    if ord in (float("inf"), float("-inf")):
        if not keepdims and r > c:
            r -= 1
        red = tf.reduce_max if ord == float("inf") else tf.reduce_min
        return red(tf.reduce_sum(tf.math.abs(x), axis=c, keepdims=keepdims), axis=r, keepdims=keepdims)
    if ord in ("nuc", 2, -2):
        from .numpy import moveaxis

        s = tf.linalg.svd(moveaxis(x, axis, (-2, -1)), compute_uv=False)
        out = tf.reduce_min(s, axis=-1) if ord == -2 else tf.reduce_max(s, axis=-1) if ord == 2 else \
            tf.reduce_sum(s, axis=-1)
        if keepdims:
            out = tf.expand_dims(tf.expand_dims(out, axis[0]), axis[1])
        return out
    raise ValueError(f"Invalid `ord` argument for matrix norm. Received: ord={ord}")


def qr(x: Any, mode: str = "reduced") -> tuple:
    """QR decomposition (``mode`` "reduced" or "complete").

    Example:
        >>> q, r = qr([[1.0, 0.0], [0.0, 2.0]])
        >>> np.abs(r.numpy()).tolist()
        [[1.0, 0.0], [0.0, 2.0]]
    """
    if mode not in ("reduced", "complete"):
        raise ValueError("`mode` argument value not supported. Expected one of {'reduced', 'complete'}. "
                         f"Received: mode={mode}")
    return tuple(tf.linalg.qr(convert(x), full_matrices=mode == "complete"))


def solve(a: Any, b: Any) -> Tensor:
    """The solution ``x`` of ``a @ x = b`` (``b`` a vector or a matrix, batched).

    Example:
        >>> solve([[1.0, 1.0], [0.0, 2.0]], [[3.0], [2.0]]).numpy().tolist()
        [[2.0], [1.0]]
    """
    a, b = convert(a), convert(b)
    if b.ndim == a.ndim - 1:
        return tf.squeeze(tf.linalg.solve(a, tf.expand_dims(b, -1)), -1)
    return tf.linalg.solve(a, b)


def solve_triangular(a: Any, b: Any, lower: bool = False) -> Tensor:
    """The solution of ``a @ x = b`` for triangular ``a`` (upper unless ``lower``).

    Example:
        >>> solve_triangular([[2.0, 0.0], [1.0, 1.0]], [2.0, 3.0], lower=True).numpy().tolist()
        [1.0, 2.0]
    """
    a, b = convert(a), convert(b)
    if b.ndim == a.ndim - 1:
        return tf.squeeze(tf.linalg.triangular_solve(a, tf.expand_dims(b, -1), lower=lower), -1)
    return tf.linalg.triangular_solve(a, b, lower=lower)


def svd(x: Any, full_matrices: bool = True, compute_uv: bool = True) -> Any:
    """Singular value decomposition ``x = u @ diag(s) @ vh``: returns ``(u, s, vh)`` (or ``s``).

    Example:
        >>> svd([[3.0, 0.0], [0.0, 2.0]], compute_uv=False).numpy().tolist()
        [3.0, 2.0]
    """
    x = convert(x)
    if not compute_uv:
        return tf.linalg.svd(x, full_matrices=full_matrices, compute_uv=False)
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices, compute_uv=True)
    return u, s, tf.linalg.adjoint(v)


def lstsq(a: Any, b: Any, rcond: Any = None) -> Tensor:
    """Least-squares solution of ``a @ x = b`` for a 2-D ``a`` (singular values below ``rcond``
    times the largest are dropped).

    Example:
        >>> print(lstsq([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [1.0, 2.0, 3.0]).numpy().round(4))
        [1. 2.]
    """
    a, b = convert(a), convert(b)
    if a.shape[0] != b.shape[0]:
        raise ValueError("Leading dimensions of input arrays must match")
    b_nd = b.ndim
    if b_nd == 1:
        b = b[:, None]
    if a.ndim != 2:
        raise TypeError(f"{a.ndim}-dimensional array given. Array must be two-dimensional")
    if b.ndim != 2:
        raise TypeError(f"{b.ndim}-dimensional array given. Array must be one or two-dimensional")
    m, n = a.shape
    eps = float(np.finfo(a.dtype.as_numpy_dtype).eps)
    if rcond is None:
        rcond = eps * max(n, m)
    elif rcond < 0:
        rcond = eps
    u, s, vt = svd(a, full_matrices=False)
    mask = s >= tf.cast(rcond, s.dtype) * s[0]
    safe = tf.cast(tf.where(mask, s, tf.ones_like(s)), a.dtype)
    s_inv = tf.where(mask, 1 / safe, tf.zeros_like(safe))[:, None]
    x = tf.linalg.matmul(tf.transpose(tf.math.conj(vt)), s_inv * tf.linalg.matmul(tf.transpose(tf.math.conj(u)), b))
    return tf.reshape(x, [-1]) if b_nd == 1 else x


def matrix_rank(x: Any, tol: Any = None) -> Tensor:
    """The number of singular values above ``tol`` (default: max(m, n) * eps * largest).

    Example:
        >>> int(matrix_rank([[1.0, 2.0], [2.0, 4.0]]))
        1
    """
    return tf.linalg.matrix_rank(convert(x), tol=tol)


def pinv(x: Any, rcond: Any = None) -> Tensor:
    """The Moore-Penrose pseudo-inverse.

    Example:
        >>> pinv([[2.0, 0.0], [0.0, 0.0]]).numpy().tolist()
        [[0.5, 0.0], [0.0, 0.0]]
    """
    return tf.linalg.pinv(convert(x), rcond=rcond)


def jvp(fun: Callable, primals: Any, tangents: Any, has_aux: bool = False) -> tuple:
    """Forward-mode Jacobian-vector product: ``(fun(*primals), J @ tangents)`` (and ``aux``).

    Example:
        >>> out, t = jvp(lambda v: v * v, (np.array(3.0, "float32"),), (np.array(1.0, "float32"),))
        >>> float(out), float(t)
        (9.0, 6.0)
    """
    pflat = [convert(p) for p in tf.nest.flatten(primals)]
    tflat = [tf.cast(convert(t), p.dtype) for t, p in zip(tf.nest.flatten(tangents), pflat)]
    args = tf.nest.pack_sequence_as(primals, pflat)
    with tf.autodiff.ForwardAccumulator(pflat, tflat) as acc:
        if has_aux:
            out, aux = fun(*args)
        else:
            out = fun(*args)
        oflat = tf.nest.flatten(out)
        touts = [acc.jvp(o) for o in oflat]
    tout = tf.nest.pack_sequence_as(out, touts)
    return (out, tout, aux) if has_aux else (out, tout)


__all__ = [
    "cholesky", "cholesky_inverse", "det", "eig", "eigh", "inv", "jvp", "lstsq", "lu_factor", "matrix_rank",
    "norm", "pinv", "qr", "solve", "solve_triangular", "svd",
]

wrap_symbolic(globals(), __all__, skip=('jvp',))
