"""``tf.strings``: string ops on bytes tensors."""

from .ops.string_ops import *  # noqa: F401,F403  (names listed in string_ops.__all__)
from .ops.string_ops import __all__  # noqa: F401
