"""``tf.random``: seeded random tensors and Generator."""

from .ops.random_ops import *  # noqa: F401,F403  (names listed in random_ops.__all__)
from .ops.random_ops import __all__  # noqa: F401
