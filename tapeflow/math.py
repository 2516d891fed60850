"""``tf.math``: elementwise math and reductions."""

from .ops.math_ops import *  # noqa: F401,F403  (names listed in math_ops.__all__)
from .ops.math_ops import __all__  # noqa: F401
