"""``tf.nn``: activations, losses on logits, convolution and pooling."""

from .ops.nn_ops import *  # noqa: F401,F403  (names listed in nn_ops.__all__)
from .ops.nn_ops import __all__  # noqa: F401
