"""tapeflow: TensorFlow 2's eager autodiff (GradientTape) and the Keras / tf.data surface of a
custom training loop, in Python on NumPy.

Example:
    >>> import tapeflow as tf
    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as t:
    ...     t.watch(x)
    ...     y = x * x * x
    >>> print(t.gradient(y, x))
    tapeflow.Tensor(12.0, shape=(), dtype=float32)
"""

from __future__ import annotations

from typing import Any

from . import dtypes, errors, nest
from . import autodiff, linalg, math, nn, random
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
from .ops.array_ops import *  # noqa: F403
from .ops.creation_ops import *  # noqa: F403
from .ops.linalg_ops import *  # noqa: F403
from .ops.math_ops import *  # noqa: F403
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

_LAZY = {"keras": ".keras", "data": ".data"}


def __getattr__(name: str) -> Any:
    # heavy subpackages load on first use, keeping `import tapeflow` fast (PEP 562)
    if name in _LAZY:
        import importlib

        mod = importlib.import_module(_LAZY[name], __name__)
        globals()[name] = mod
        return mod
    raise AttributeError(f"module 'tapeflow' has no attribute {name!r}")
