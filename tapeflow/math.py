"""``tf.math``: elementwise math and reductions."""

from .ops.math_ops import *  # noqa: F401,F403  (names listed in math_ops.__all__)
from .ops.math_ops import __all__ as _math_all
from .ops.nn_ops import softplus, softsign  # noqa: F401  (tf.math.softplus is tf.nn.softplus)

# --- tf.math names from ops/sort_ops.py and ops/segment_ops.py: explicit imports, listed below ----
_SORT_SEGMENT: list[str] = []

# --- further tf.math names from ops/math_ops.py / ops/nn_ops.py that are not in math_ops.__all__ --
_MORE_MATH: list[str] = []

__all__ = list(_math_all) + ["softplus", "softsign"] + _SORT_SEGMENT + _MORE_MATH
