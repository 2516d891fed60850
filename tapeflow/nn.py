"""``tf.nn``: activations, losses on logits, convolution and pooling."""

from .ops.conv_ops import *  # noqa: F401,F403,E402  (names listed in conv_ops.__all__)
from .ops.conv_ops import __all__ as _conv_all  # noqa: E402
from .ops.nn_ops import *  # noqa: F401,F403  (names listed in nn_ops.__all__)
from .ops.nn_ops import __all__  # noqa: F401

__all__ = list(__all__) + list(_conv_all)

# --- tf.nn names from ops/sort_ops.py and ops/segment_ops.py -----------------------------------------
from .ops.segment_ops import depth_to_space, embedding_lookup, space_to_batch, space_to_depth  # noqa: E402,F401
from .ops.sort_ops import approx_max_k, approx_min_k, in_top_k, top_k  # noqa: E402,F401

__all__ += ["top_k", "in_top_k", "approx_max_k", "approx_min_k", "embedding_lookup", "space_to_depth",
            "depth_to_space", "space_to_batch"]
