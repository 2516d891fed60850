"""``tf.math``: elementwise math and reductions."""

from .ops.math_ops import *  # noqa: F401,F403  (names listed in math_ops.__all__)
from .ops.math_ops import __all__  # noqa: F401
from .ops.nn_ops import softplus, softsign  # noqa: F401,E402  (tf.math.softplus is tf.nn.softplus)
