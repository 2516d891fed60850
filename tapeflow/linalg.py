"""``tf.linalg``: products, norms, solvers, determinants, decompositions, diagonals, matrix functions.

Example:
    >>> import tapeflow as tf
    >>> tf.linalg.solve(tf.eye(2) * 2.0, tf.ones([2, 1])).numpy().tolist()
    [[0.5], [0.5]]
"""

from .ops.creation_ops import eye
from .ops.linalg_ops import (
    adjoint,
    band_part,
    banded_triangular_solve,
    cholesky,
    cholesky_solve,
    cross,
    det,
    diag,
    diag_part,
    eig,
    eigh,
    eigvals,
    eigvalsh,
    einsum,
    expm,
    global_norm,
    inv,
    logdet,
    lstsq,
    lu,
    lu_matrix_inverse,
    lu_reconstruct,
    lu_solve,
    matrix_rank,
    matrix_transpose,
    matvec,
    norm,
    normalize,
    pinv,
    qr,
    set_diag,
    slogdet,
    solve,
    sqrtm,
    svd,
    tensor_diag,
    tensor_diag_part,
    tensordot,
    trace,
    triangular_solve,
    tridiagonal_matmul,
    tridiagonal_solve,
)
from .ops.math_ops import matmul
from .ops.nn_ops import l2_normalize

__all__ = [
    "adjoint", "band_part", "banded_triangular_solve", "cholesky", "cholesky_solve", "cross", "det", "diag",
    "diag_part", "eig", "eigh", "eigvals", "eigvalsh", "einsum", "expm", "eye", "global_norm", "inv", "l2_normalize",
    "logdet", "lstsq", "lu", "lu_matrix_inverse", "lu_reconstruct", "lu_solve", "matmul", "matrix_rank",
    "matrix_transpose", "matvec", "norm", "normalize", "pinv", "qr", "set_diag", "slogdet", "solve", "sqrtm", "svd",
    "tensor_diag", "tensor_diag_part", "tensordot", "trace", "triangular_solve", "tridiagonal_matmul",
    "tridiagonal_solve",
]
