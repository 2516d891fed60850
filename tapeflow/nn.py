"""``tf.nn``: activations, losses on logits, convolution and pooling."""

from .ops.conv_ops import *  # noqa: F401,F403,E402  (names listed in conv_ops.__all__)
from .ops.conv_ops import __all__ as _conv_all  # noqa: E402
from .ops.nn_ops import *  # noqa: F401,F403  (names listed in nn_ops.__all__)
from .ops.nn_ops import __all__  # noqa: F401

__all__ = list(__all__) + list(_conv_all)
