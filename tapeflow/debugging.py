"""``tf.debugging``: assertions and numeric checks."""

from .ops.debugging_ops import *  # noqa: F401,F403  (names listed in debugging_ops.__all__)
from .ops.debugging_ops import __all__  # noqa: F401
