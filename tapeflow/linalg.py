"""``tf.linalg``: matmul, matvec, norms, einsum."""

from .ops.linalg_ops import *  # noqa: F401,F403  (names listed in linalg_ops.__all__)
from .ops.linalg_ops import __all__  # noqa: F401
from .ops.math_ops import matmul  # noqa: F401
