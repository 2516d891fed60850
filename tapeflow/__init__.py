"""tapeflow: TensorFlow 2's eager autodiff (GradientTape) and the Keras / tf.data surface of a
custom training loop, in Python on NumPy.

Example:
    >>> import tapeflow as tf
    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as t:
    ...     t.watch(x)
    ...     y = x * x * x
    >>> t.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=12.0>
"""

from __future__ import annotations

import warnings as _warnings
from typing import Any

from . import dtypes, errors, nest
from . import autodiff, bitwise, linalg, math, nn, random
from .dtypes import (
    DType,
    as_dtype,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from .ops import operators as _operators
from .primitives import fused as _fused  # registers the fused Dense rules
from .ops.array_ops import *  # noqa: F403
from .ops.creation_ops import *  # noqa: F403
from .ops.linalg_ops import *  # noqa: F403
from .ops.math_ops import *  # noqa: F403
from .ops.sort_ops import *  # noqa: F403
from .ops.segment_ops import *  # noqa: F403
from .ops.string_ops import as_string
from .ops.control_flow_ops import *  # noqa: F403
from .ops.misc_ops import *  # noqa: F403
from .ops.signal_ops import raw_fftnd as fftnd, raw_ifftnd as ifftnd, raw_irfftnd as irfftnd, raw_rfftnd as rfftnd
from .ops.hash_ops import *  # noqa: F403
from .custom_gradient import *  # noqa: F403
from .tape import GradientTape, UnconnectedGradients
from .module import Module, get_current_name_scope, name_scope
from .indexed_slices import IndexedSlices
from .ops.logging_ops import print
from .ops.debugging_ops import Assert, assert_equal, assert_greater, assert_less, assert_rank
from .tensor import (
    AggregationMethod, Tensor, TensorShape, Variable, VariableAggregation, VariableSynchronization, constant,
    convert_to_tensor, is_tensor, register_tensor_conversion_function,
)

_operators.install()

# NumPy's floating-point warnings from inside tapeflow's kernels ("invalid value encountered in log"):
# TF computes the same NaN/Inf silently; tf.debugging.enable_check_numerics finds where they start.
_warnings.filterwarnings("ignore", message=r"(invalid value|divide by zero|overflow) encountered",
                         category=RuntimeWarning, module=r"tapeflow(\.|$)")

__version__ = "0.1.0"
newaxis = None


def enable_eager_execution(*args: Any, **kwargs: Any) -> None:
    """A no-op: tapeflow is always eager (kept so TF 1.x-era programs run)."""


def get_logger() -> Any:
    """``tf.get_logger()``: the ``logging`` logger named "tensorflow" (TF's logger, e.g. to set its level).

    Example:
        >>> import tapeflow as tf
        >>> tf.get_logger().name
        'tensorflow'
    """
    import logging

    return logging.getLogger("tensorflow")


def executing_eagerly() -> builtins_bool:
    """Always True."""
    return True


from .tensor import builtins_bool  # noqa: E402


def function(func: Any = None, **kwargs: Any) -> Any:
    """``tf.function``: returns ``func`` unchanged (tapeflow has no graph mode; it runs eagerly).

    Example:
        >>> import tapeflow as tf
        >>> @tf.function
        ... def f(x):
        ...     return x * 2
        >>> float(f(tf.constant(1.0)))
        2.0
    """
    if func is None:
        return lambda f: f
    return func


class device:  # noqa: N801  (TF's name)
    """``tf.device(name)``: accepted and ignored (tapeflow runs every op on the CPU with NumPy)."""

    def __init__(self, device_name: Any) -> None:
        self.device_name = device_name

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None

# namespaces and names that load on first use (import time stays small)
_LAZY = {"keras": ".keras", "data": ".data", "image": ".image", "strings": ".strings", "debugging": ".debugging",
         "config": ".config", "autograph": ".autograph", "ragged": ".ragged", "sparse": ".sparse", "io": ".io",
         "lookup": ".lookup", "sets": ".sets", "audio": ".audio", "signal": ".signal", "summary": ".summary",
         "version": ".version",
         "train": ".train"}
# TF 2.x's aliases of the Keras namespaces
_KERAS_ALIASES = ("losses", "optimizers", "metrics", "initializers")


def __getattr__(name: str) -> Any:
    # heavy subpackages load on first use, keeping `import tapeflow` fast (PEP 562)
    import importlib

    if name in _LAZY:
        mod = importlib.import_module(_LAZY[name], __name__)
        globals()[name] = mod
        return mod
    if name in _KERAS_ALIASES:
        mod = getattr(importlib.import_module(".keras", __name__), name)
        globals()[name] = mod
        return mod
    if name in ("RaggedTensor", "SparseTensor"):  # tf.RaggedTensor / tf.SparseTensor
        mod = importlib.import_module(".ragged_tensor" if name == "RaggedTensor" else ".sparse_tensor", __name__)
        cls = getattr(mod, name)
        globals()[name] = cls
        return cls
    if name == "TensorSpec":
        spec = importlib.import_module(".data.specs", __name__).TensorSpec
        globals()[name] = spec
        return spec
    raise AttributeError(f"module 'tapeflow' has no attribute {name!r}")
