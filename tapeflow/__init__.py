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
from .ops.control_flow_ops import *  # noqa: F403
from .custom_gradient import *  # noqa: F403
from .tape import GradientTape, UnconnectedGradients
from .tensor import Tensor, TensorShape, Variable, constant, convert_to_tensor, is_tensor

_operators.install()

__version__ = "0.1.0"
newaxis = None


def enable_eager_execution(*args: Any, **kwargs: Any) -> None:
    """A no-op: tapeflow is always eager (kept so TF 1.x-era programs run)."""


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


def print(*inputs: Any, sep: str = " ", end: str = "\n", output_stream: Any = None, summarize: Any = None) -> None:  # noqa: A001
    """``tf.print``: print tensors by value (like TF, without the Tensor wrapper)."""
    import builtins
    import sys

    import numpy as _np

    parts = [str(_np.asarray(x)) if isinstance(x, (Tensor, Variable)) else str(x) for x in inputs]
    builtins.print(*parts, sep=sep, end=end, file=output_stream or sys.stderr)


class name_scope:  # noqa: N801  (TF's name)
    """``tf.name_scope``: accepted for compatibility; names are not scoped in tapeflow."""

    def __init__(self, name: str, *args: Any) -> None:
        self.name = name

    def __enter__(self) -> str:
        return self.name

    def __exit__(self, *exc: Any) -> None:
        return None


device = name_scope

# namespaces and names that load on first use (import time stays small)
_LAZY = {"keras": ".keras", "data": ".data", "image": ".image", "strings": ".strings", "debugging": ".debugging"}


def __getattr__(name: str) -> Any:
    # heavy subpackages load on first use, keeping `import tapeflow` fast (PEP 562)
    import importlib

    if name in _LAZY:
        mod = importlib.import_module(_LAZY[name], __name__)
        globals()[name] = mod
        return mod
    if name == "TensorSpec":
        spec = importlib.import_module(".data.specs", __name__).TensorSpec
        globals()[name] = spec
        return spec
    raise AttributeError(f"module 'tapeflow' has no attribute {name!r}")
