"""``tf.math``: elementwise math and reductions."""

from .ops.math_ops import *  # noqa: F401,F403  (names listed in math_ops.__all__)
from .ops.math_ops import __all__ as _math_all
from .ops.nn_ops import softplus, softsign  # noqa: F401  (tf.math.softplus is tf.nn.softplus)

# --- tf.math names from ops/sort_ops.py and ops/segment_ops.py: explicit imports, listed below ----
from .ops.segment_ops import (  # noqa: E402,F401
    bincount,
    confusion_matrix,
    count_nonzero,
    segment_max,
    segment_mean,
    segment_min,
    segment_prod,
    segment_sum,
    unsorted_segment_max,
    unsorted_segment_mean,
    unsorted_segment_min,
    unsorted_segment_prod,
    unsorted_segment_sqrt_n,
    unsorted_segment_sum,
)
from .ops.sort_ops import (  # noqa: E402,F401
    approx_max_k,
    approx_min_k,
    in_top_k,
    invert_permutation,
    is_non_decreasing,
    is_strictly_increasing,
    top_k,
)

_SORT_SEGMENT: list[str] = [
    "top_k", "in_top_k", "approx_max_k", "approx_min_k", "is_non_decreasing", "is_strictly_increasing",
    "invert_permutation", "confusion_matrix", "count_nonzero", "bincount",
    "unsorted_segment_sum", "unsorted_segment_mean", "unsorted_segment_max", "unsorted_segment_min",
    "unsorted_segment_prod", "unsorted_segment_sqrt_n",
    "segment_sum", "segment_mean", "segment_max", "segment_min", "segment_prod",
]

# --- further tf.math names from ops/math_ops.py / ops/nn_ops.py that are not in math_ops.__all__ --
from .ops.math_ops import (  # noqa: E402,F401
    accumulate_n,
    angle,
    bessel_i0,
    bessel_i0e,
    bessel_i1,
    bessel_i1e,
    betainc,
    conj,
    cumulative_logsumexp,
    digamma,
    erfc,
    erfcinv,
    erfinv,
    igamma,
    igammac,
    imag,
    lbeta,
    lgamma,
    log_sigmoid,
    multiply_no_nan,
    ndtri,
    nextafter,
    polygamma,
    polyval,
    real,
    reciprocal_no_nan,
    rint,
    xdivy,
    xlog1py,
    xlogy,
    zeta,
)
from .ops.nn_ops import l2_normalize, log_softmax, softmax, zero_fraction  # noqa: E402,F401

_MORE_MATH: list[str] = [
    "accumulate_n", "angle", "bessel_i0", "bessel_i0e", "bessel_i1", "bessel_i1e", "conj", "cumulative_logsumexp",
    "digamma", "erfc", "erfcinv", "erfinv", "imag", "lbeta", "lgamma", "log_sigmoid", "multiply_no_nan", "ndtri",
    "nextafter", "polygamma", "polyval", "real", "reciprocal_no_nan", "rint", "xdivy", "xlog1py", "xlogy", "zeta",
    "l2_normalize", "log_softmax", "softmax", "zero_fraction", "igamma", "igammac", "betainc",
]

__all__ = list(_math_all) + ["softplus", "softsign"] + _SORT_SEGMENT + _MORE_MATH
