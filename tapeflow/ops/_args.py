"""Argument conversion shared by the public ops: TF's strict dtype rules, clear errors."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
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


def int_arg(v: Any, op: str, what: str = "axis") -> int:
    """One integer argument of ``op`` (an axis, a size, a count): a Python/NumPy int or an integer
    scalar tensor. Anything else raises TF's error type (a string: InvalidArgumentError, as TF's
    attribute check; a float, None or other object: TypeError), naming the op and the value."""
    if type(v) is int:
        return v
    if isinstance(v, (np.integer, builtins_bool, np.bool_)):
        return int(v)
    if isinstance(v, (Tensor, Variable, np.ndarray)):
        a = np.asarray(v)
        if a.ndim == 0 and a.dtype.kind in "iu":
            return int(a)
        raise TypeError(
            f"{op}: {what} must be an integer scalar, got a {_dt.from_numpy(a.dtype).name if a.dtype.kind != 'U' else 'string'} "
            f"value of shape {a.shape}"
        )
    if isinstance(v, (str, bytes)):
        raise InvalidArgumentError(f"{op}: {what} must be an integer, got the string {v!r}", op=op)
    raise TypeError(f"{op}: {what} must be an integer, got {v!r} of type {type(v).__name__}")


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


def int_list(v: Any, op: str, what: str = "shape") -> list:
    """A list of ints from a list/tuple (of ints or integer scalars), an int, an integer NumPy
    array or an integer tensor; anything else raises naming the op (None or float entries:
    TypeError; strings: InvalidArgumentError, as TF's dtype check)."""
    if type(v) in (list, tuple):
        if all(type(d) is int for d in v):
            return list(v)
        return [int_arg(d, op, f"{what} entry") for d in v]
    if isinstance(v, (Tensor, Variable, np.ndarray)):
        a = np.asarray(v)
        if a.dtype.kind not in "iu" and not (a.size == 0 and a.dtype.kind == "f"):
            if a.dtype.kind in "USO":
                raise InvalidArgumentError(f"{op}: {what} must be integers, got strings {a.tolist()!r}", op=op)
            raise TypeError(f"{op}: {what} must be integers, got {a.dtype.name} values {a.tolist()!r}")
        return [int(d) for d in a.reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    if v is None:
        raise TypeError(f"{op}: {what} must be a list of integers or an integer tensor, got None")
    if isinstance(v, (str, bytes)):
        raise InvalidArgumentError(f"{op}: {what} must be integers, got the string {v!r}", op=op)
    try:
        items = list(v)
    except TypeError:
        raise TypeError(f"{op}: {what} must be a list of integers or an integer tensor, got {v!r}") from None
    return [int_arg(d, op, f"{what} entry") for d in items]


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


def _mem_limit() -> int:
    try:
        import os  # noqa: PLC0415

        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 1 << 40


_MEM_LIMIT = _mem_limit()
_CHEAP = 1 << 22  # element counts below this never need a check

_TYPE_WORDS = {"float32": "float", "float64": "double", "float16": "half", "bool": "bool"}


def oom_error(shape: Any, dt: Any, op: str) -> Exception:
    """TF's ResourceExhaustedError for an allocation of ``shape`` x ``dt`` that cannot succeed."""
    from ..errors import ResourceExhaustedError  # noqa: PLC0415

    name = _dt.from_numpy(np.dtype(dt)).name
    dims = ",".join(str(int(d)) for d in shape)
    nbytes = int(np.prod([int(d) for d in shape], dtype=object)) * np.dtype(dt).itemsize
    return ResourceExhaustedError(
        f"{op}: OOM when allocating tensor with shape[{dims}] and type {_TYPE_WORDS.get(name, name)} "
        f"on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu ({nbytes} bytes, "
        f"{_MEM_LIMIT} bytes of memory in all)",
        op=op,
    )


def check_alloc(shape: tuple, dt: Any, op: str) -> None:
    """Raise ResourceExhaustedError (as TF) before allocating ``shape`` x ``dt`` beyond memory."""
    n = 1
    for d in shape:
        n *= d
    if n >= _CHEAP and n * np.dtype(dt).itemsize > _MEM_LIMIT:
        raise oom_error(shape, dt, op)


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
