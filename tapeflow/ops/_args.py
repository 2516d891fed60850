"""Argument conversion shared by the public ops: TF's strict dtype rules, clear errors."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from .._argcheck import check_alloc, int_arg, int_list, oom_error  # noqa: F401  (re-exported for the ops)
from ..errors import InvalidArgumentError
from ..tensor import Tensor, Variable, builtins_bool, convert_to_tensor

_PY_SCALARS = (int, float, builtins_bool)


def describe(t: Tensor) -> str:
    return f"{t.dtype.name} tensor of shape {tuple(t._value.shape)}"


def tensor_arg(x: Any, op: str, dtype: Any = None) -> Tensor:
    """Convert one argument of ``op`` to a Tensor."""
    if type(x) is Tensor:
        return x
    if isinstance(x, Variable):
        return x._read()
    try:
        return convert_to_tensor(x, dtype=dtype)
    except (TypeError, ValueError) as e:
        raise type(e)(f"{op}: {e}") from None


def _scalar_for(v: Any, other: Tensor, op: str) -> Tensor:
    """A Python scalar takes the dtype of the tensor it meets, as in TF."""
    dt = other._value.dtype
    if dt.kind == "O":  # a number never converts to a string (TF's TypeError)
        raise TypeError(
            f"{op}: Cannot convert {v!r} to EagerTensor of dtype string (the other operand is a {describe(other)})"
        )
    if isinstance(v, float) and not isinstance(v, builtins_bool) and dt.kind in "iub":
        raise TypeError(
            f"{op}: cannot convert {v!r} to a tensor of dtype {_dt.from_numpy(dt).name} "
            f"(the other operand is a {describe(other)})"
        )
    if isinstance(v, builtins_bool) and dt.kind != "b":
        return Tensor(np.asarray(v, dt))
    if isinstance(v, int) and dt.kind == "b":
        raise TypeError(f"{op}: cannot convert {v!r} to a bool tensor")
    try:
        arr = np.asarray(v, dt)
    except OverflowError:
        raise TypeError(f"{op}: {v!r} does not fit dtype {_dt.from_numpy(dt).name}") from None
    return Tensor(arr)


def _numpy_for(v: Any, other: Tensor, op: str) -> Tensor:
    """A NumPy operand takes the dtype of the tensor it meets (TF's dtype_hint), when that is
    a safe change of kind (float->float, int->int, int->float); otherwise it keeps its own."""
    arr = np.asarray(v)
    dt = other._value.dtype
    if arr.dtype.kind in "USO":  # NumPy text: TF's string conversion (object array of bytes)
        try:
            return convert_to_tensor(arr)
        except (TypeError, ValueError) as e:
            raise type(e)(f"{op}: {e}") from None
    if arr.dtype == dt:
        return Tensor(arr)
    if (arr.dtype.kind == "f" and dt.kind == "f") or (arr.dtype.kind in "iu" and dt.kind in "iuf"):
        return Tensor(arr.astype(dt))
    return Tensor(arr)


def _is_tensorlike(v: Any) -> bool:
    return type(v) is Tensor or isinstance(v, (Tensor, Variable))


def binary_args(x: Any, y: Any, op: str) -> tuple:
    """Convert the two operands of ``op``; their dtypes must match (TF does not promote).

    Python scalars and NumPy values meeting a tensor take that tensor's dtype, as in TF.
    """
    if type(x) is not Tensor:
        if isinstance(x, Variable):
            x = x._read()
        elif _is_tensorlike(y) and isinstance(x, (*_PY_SCALARS, np.ndarray, np.generic)):
            y = y._read() if isinstance(y, Variable) else y
            x = _scalar_for(x, y, op) if isinstance(x, _PY_SCALARS) and not isinstance(x, np.generic) else _numpy_for(x, y, op)
        else:
            x = tensor_arg(x, op)
    if type(y) is not Tensor:
        if isinstance(y, Variable):
            y = y._read()
        elif isinstance(y, np.generic) or isinstance(y, np.ndarray):
            y = _numpy_for(y, x, op)
        elif isinstance(y, _PY_SCALARS):
            y = _scalar_for(y, x, op)
        else:
            y = tensor_arg(y, op)
    if x._value.dtype is not y._value.dtype and x._value.dtype != y._value.dtype:
        raise InvalidArgumentError(
            f"{op}: dtype mismatch: x is a {describe(x)}, y is a {describe(y)}. tapeflow, like "
            "TensorFlow, does not promote dtypes: cast one operand with tf.cast.",
            op=op,
        )
    return x, y


def check_float(x: Tensor, op: str) -> None:
    """Raise for ops that are only defined on floating tensors."""
    if x._value.dtype.kind not in "fc":
        raise InvalidArgumentError(
            f"{op}: expected a floating-point tensor, got a {describe(x)}", op=op
        )


def axis_arg(axis: Any, ndim: int, op: str, what: str = "axis") -> int:
    """One axis of a rank-``ndim`` tensor, normalised to ``[0, ndim)``; out of range raises TF's
    InvalidArgumentError (a ValueError) naming the op, the axis and the rank."""
    a = axis if type(axis) is int else int_arg(axis, op, what)
    if not -ndim <= a < ndim:
        raise InvalidArgumentError(
            f"{op}: {what} {a} is out of range [{-ndim}, {ndim}) for a tensor of rank {ndim}", op=op
        )
    return a % ndim


def norm_axis(axis: Any, ndim: int, op: str) -> tuple | None:
    """Normalise an ``axis`` argument to a tuple of non-negative ints (None = all axes)."""
    if axis is None:
        return None
    if isinstance(axis, (Tensor, Variable)):
        a = np.asarray(axis)
        if a.dtype.kind not in "iu":
            int_arg(axis, op)  # raises, naming the dtype
        axis = a.tolist()
    if isinstance(axis, (int, np.integer)):
        axis = (axis,)
    elif not isinstance(axis, (list, tuple, np.ndarray)):
        axis = (int_arg(axis, op),)  # raises for str/float/other
    out = []
    for a in axis:
        a = a if type(a) is int else int_arg(a, op)
        if not -ndim <= a < max(ndim, 1):
            raise InvalidArgumentError(
                f"{op}: axis {a} is out of range for a tensor of rank {ndim}", op=op
            )
        out.append(a % ndim if ndim else 0)
    return tuple(out)


def dtype_arg(dtype: Any, op: str, what: str = "dtype") -> Any:
    """A DType argument of ``op`` (None is an error: callers with a default handle None first)."""
    if isinstance(dtype, _dt.DType):
        return dtype
    if dtype is None:
        raise TypeError(f"{op}: cannot convert the argument `{what}`: None to a DType")
    try:
        return _dt.as_dtype(dtype)
    except TypeError:
        raise TypeError(f"{op}: cannot convert the argument `{what}`: {dtype!r} to a DType") from None


def ragged_op(op: str) -> Any:
    """The ``tf.ragged`` implementation of the generic op ``op`` (TF dispatches RaggedTensor inputs)."""
    from ..ragged import _DISPATCH

    return _DISPATCH[op]


def ragged_binary(op: str, x: Any, y: Any) -> Any:
    """Elementwise ``op`` with a RaggedTensor operand (on its flat_values, as TF dispatches); called
    from an ``except`` block: with no ragged operand the conversion error propagates."""
    if not (getattr(type(x), "_is_ragged", False) or getattr(type(y), "_is_ragged", False)):
        raise  # noqa: PLE0704  (re-raise the caller's conversion error)
    from ..ragged_tensor import _binary

    return _binary({"truediv": "divide"}.get(op, op), x, y)
