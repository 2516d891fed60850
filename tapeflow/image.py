"""``tf.image``: resizing, flips, crops, pads and colour adjustments."""

from .ops.image_ops import *  # noqa: F401,F403  (names listed in image_ops.__all__)
from .ops.image_ops import __all__  # noqa: F401
