"""Tensor-creation ops: zeros, ones, fill, eye, range, linspace, and shape queries.

Example:
    >>> import tapeflow as tf
    >>> tf.zeros([2, 3]).shape.as_list()
    [2, 3]
"""

from __future__ import annotations

import builtins
import math as _m
from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import bind1
from ..primitives import math as M
from ..tensor import Tensor, Variable, convert_to_tensor
from ._args import check_alloc, describe, dtype_arg, int_arg, oom_error, ragged_op, tensor_arg


def _shape_arg(shape: Any, op: str) -> tuple:
    """A shape given as an int, list/tuple, TensorShape, NumPy array or integer Tensor."""
    if type(shape) in (list, tuple) and all(type(d) is int and d >= 0 for d in shape):
        return tuple(shape)  # the common case, fast
    if isinstance(shape, (Tensor, Variable)):
        v = np.asarray(shape)
        if v.dtype.kind not in "iu" or v.ndim > 1:
            raise InvalidArgumentError(f"{op}: shape must be a 1-D integer tensor, got a {describe(tensor_arg(shape, op))}", op=op)
        dims = v.reshape(-1).tolist()
    elif isinstance(shape, (int, np.integer)) and not isinstance(shape, builtins.bool):
        dims = [int(shape)]
    else:
        try:
            if isinstance(shape, str):
                raise TypeError
            dims = list(shape)
        except TypeError:
            raise TypeError(f"{op}: shape must be a list of ints or an integer tensor, got {shape!r}") from None
        out = []
        for d in dims:
            if isinstance(d, (Tensor, Variable, np.ndarray)):
                d = np.asarray(d)
                d = d.item() if d.ndim == 0 and d.dtype.kind in "iu" else None
            if not isinstance(d, (int, np.integer)) or isinstance(d, (builtins.bool, np.bool_)):
                raise TypeError(f"{op}: shape entries must be ints, got {shape!r}")
            out.append(int(d))
        dims = out
    if any(d < 0 for d in dims):
        raise InvalidArgumentError(f"{op}: dimensions must be >= 0, got shape {dims}", op=op)
    return tuple(dims)


def _dtype_arg(dtype: Any, op: str) -> np.dtype:
    return dtype._np if isinstance(dtype, _dt.DType) else dtype_arg(dtype, op)._np


def _alloc(fn: Any, shape: tuple, dt: np.dtype, op: str) -> Tensor:
    """``fn(shape, dt)`` (np.zeros / np.ones), raising TF's ResourceExhaustedError for a size that
    cannot fit in memory."""
    check_alloc(shape, dt, op)
    try:
        return Tensor(fn(shape, dt))
    except MemoryError:
        raise oom_error(shape, dt, op) from None


def _strings_filled(shape: tuple, one: bool, op: str, like: Any = None) -> Tensor:
    """zeros of dtype string are b'' (as TF); there is no string one."""
    if not one:
        return Tensor(np.full(shape, b"", object))
    if like is not None and like.dtype.kind == "O":
        raise InvalidArgumentError(f"{op}: not defined for string tensors (got shape {tuple(shape)})", op=op)
    raise TypeError("Cannot convert 1 to EagerTensor of dtype string")


def zeros(shape: Any, dtype: Any = _dt.float32, name: str | None = None) -> Tensor:
    """A tensor of zeros (float32 unless ``dtype`` is given).

    Example:
        >>> import tapeflow as tf
        >>> tf.zeros([2]).numpy().tolist()
        [0.0, 0.0]
    """
    dt = _dtype_arg(dtype, "zeros")
    if dt.kind == "O":
        return _strings_filled(_shape_arg(shape, "zeros"), False, "zeros")
    return _alloc(np.zeros, _shape_arg(shape, "zeros"), dt, "zeros")


def ones(shape: Any, dtype: Any = _dt.float32, name: str | None = None) -> Tensor:
    """A tensor of ones (float32 unless ``dtype`` is given).

    Example:
        >>> import tapeflow as tf
        >>> tf.ones([2], dtype=tf.int32).numpy().tolist()
        [1, 1]
    """
    dt = _dtype_arg(dtype, "ones")
    if dt.kind == "O":
        return _strings_filled(_shape_arg(shape, "ones"), True, "ones")
    return _alloc(np.ones, _shape_arg(shape, "ones"), dt, "ones")


def _like(input: Any, op: str) -> np.ndarray:
    if isinstance(input, Variable):
        return input._t._value
    return tensor_arg(input, op)._value


def zeros_like(input: Any, dtype: Any = None, name: str | None = None) -> Tensor:
    """Zeros with the shape (and, unless ``dtype`` is given, the dtype) of ``input``.

    Example:
        >>> import tapeflow as tf
        >>> tf.zeros_like(tf.constant([1, 2])).numpy().tolist()
        [0, 0]
    """
    v = _like(input, "zeros_like")
    dt = v.dtype if dtype is None else _dtype_arg(dtype, "zeros_like")
    if dt.kind == "O":
        return _strings_filled(v.shape, False, "zeros_like")
    return Tensor(np.zeros(v.shape, dt))


def ones_like(input: Any, dtype: Any = None, name: str | None = None) -> Tensor:
    """Ones with the shape (and, unless ``dtype`` is given, the dtype) of ``input``.

    Example:
        >>> import tapeflow as tf
        >>> tf.ones_like(tf.Variable([1.0, 2.0])).numpy().tolist()
        [1.0, 1.0]
    """
    v = _like(input, "ones_like")
    dt = v.dtype if dtype is None else _dtype_arg(dtype, "ones_like")
    if dt.kind == "O":
        return _strings_filled(v.shape, True, "ones_like", v)
    return Tensor(np.ones(v.shape, dt))


def fill(dims: Any, value: Any, name: str | None = None) -> Tensor:
    """A tensor of shape ``dims`` filled with the scalar ``value`` (dtype of ``value``).

    Differentiable in ``value`` (its gradient is the sum of the output gradient), as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.fill([2, 2], 7).numpy().tolist()
        [[7, 7], [7, 7]]
    """
    shape = _shape_arg(dims, "fill")
    v = tensor_arg(value, "fill")
    if v._value.ndim != 0:
        raise InvalidArgumentError(f"fill: value must be a scalar, got a {describe(v)}", op="fill")
    check_alloc(shape, v._value.dtype, "fill")
    return bind1(M.FILL, v, {"shape": shape})


def eye(
    num_rows: int,
    num_columns: int | None = None,
    batch_shape: Any = None,
    dtype: Any = _dt.float32,
    name: str | None = None,
) -> Tensor:
    """An identity matrix (or a batch of them, with ``batch_shape`` leading dimensions).

    Example:
        >>> import tapeflow as tf
        >>> tf.eye(2, 3).numpy().tolist()
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    """
    rows = _shape_arg([num_rows], "eye")[0]
    cols = rows if num_columns is None else _shape_arg([num_columns], "eye")[0]
    dt = _dtype_arg(dtype, "eye")
    check_alloc((rows, cols), dt, "eye")
    m = np.eye(rows, cols, dtype=dt)
    if batch_shape is not None:
        bs = _shape_arg(batch_shape, "eye")
        check_alloc(bs + m.shape, dt, "eye")
        m = np.broadcast_to(m, bs + m.shape).copy()
    return Tensor(m)


# TF's inference for range: the widest of the argument types, in this order.
_RANGE_ORDER = [np.dtype(np.int32), np.dtype(np.int64), np.dtype(np.float32), np.dtype(np.float64)]


def _range_dtype(v: Any) -> np.dtype:
    if isinstance(v, (Tensor, Variable, np.ndarray, np.generic)):
        return np.asarray(v).dtype
    return convert_to_tensor(v)._value.dtype


def range(start: Any, limit: Any = None, delta: Any = 1, dtype: Any = None, name: str = "range") -> Tensor:
    """Numbers from ``start`` up to (not including) ``limit`` in steps of ``delta``.

    With one argument it counts from 0. The dtype is inferred as TF does: ints give int32,
    any float gives float32 (the widest argument type wins).

    Example:
        >>> import tapeflow as tf
        >>> tf.range(5).numpy().tolist()
        [0, 1, 2, 3, 4]
        >>> tf.range(1.0, 2.0, 0.5).numpy().tolist()
        [1.0, 1.5]
    """
    if limit is None:
        start, limit = 0, start
    args = (start, limit, delta)
    for a in args:
        if isinstance(a, (Tensor, Variable)) and np.asarray(a).ndim != 0:
            raise InvalidArgumentError(f"range: start, limit and delta must be scalars, got {describe(tensor_arg(a, 'range'))}", op="range")
    if dtype is None:
        kinds = [_range_dtype(a) for a in args]
        for k in kinds:
            if k not in _RANGE_ORDER:
                raise InvalidArgumentError(f"range: unsupported argument dtype {k}", op="range")
        dt = builtins.max(kinds, key=_RANGE_ORDER.index)
    else:
        dt = _dtype_arg(dtype, "range")
    s, lim, d = (np.asarray(a).item() for a in args)
    if d == 0:
        raise InvalidArgumentError("range: Requires delta != 0", op="range")
    if (d > 0 and s > lim) or (d < 0 and s < lim):
        raise InvalidArgumentError(
            f"range: Requires start <= limit when delta > 0 (or start >= limit when delta < 0): "
            f"start={s}, limit={lim}, delta={d}", op="range",
        )
    n = int(_m.ceil(abs((lim - s) / d)))
    check_alloc((n,), dt, "range")
    if dt.kind in "iu":
        return Tensor(np.arange(int(s), int(lim), int(d), dtype=dt))
    return Tensor((s + np.arange(n, dtype=np.float64) * d).astype(dt))


def linspace(start: Any, stop: Any, num: Any, name: str | None = None, axis: int = 0) -> Tensor:
    """``num`` evenly spaced values from ``start`` to ``stop`` inclusive.

    Floating ``start`` keeps its dtype (Python floats are float32); integer inputs give float64.

    Example:
        >>> import tapeflow as tf
        >>> tf.linspace(0.0, 1.0, 3).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    a = tensor_arg(start, "linspace")
    dt = a._value.dtype if a._value.dtype.kind == "f" else np.dtype(np.float64)
    b = tensor_arg(stop, "linspace")._value
    n = num if type(num) is int else int_arg(num, "linspace", "num")
    if n < 0:
        raise InvalidArgumentError(f"linspace: num must be >= 0, got {n}", op="linspace")
    lo, hi = np.asarray(a._value, np.float64), np.asarray(b, np.float64)
    check_alloc((n,) + np.broadcast_shapes(lo.shape, hi.shape), dt, "linspace")
    out = np.linspace(lo, hi, n, axis=axis).astype(dt)
    return Tensor(out)


def shape(input: Any, out_type: Any = _dt.int32, name: str | None = None) -> Tensor:
    """The shape of ``input`` as a 1-D integer Tensor (int32 unless ``out_type`` says otherwise).

    Example:
        >>> import tapeflow as tf
        >>> tf.shape(tf.zeros([2, 3])).numpy().tolist()
        [2, 3]
    """
    v = _like(input, "shape")
    dt = np.int32 if out_type is None else _dtype_arg(out_type, "shape")  # TF: None is int32
    return Tensor(np.array(v.shape, dtype=dt))


def rank(input: Any, name: str | None = None) -> Tensor:
    """The number of dimensions of ``input`` as an int32 scalar Tensor.

    Example:
        >>> import tapeflow as tf
        >>> int(tf.rank(tf.zeros([2, 3])))
        2
    """
    if getattr(type(input), "_is_ragged", False):
        return ragged_op("rank")(input)
    return Tensor(np.asarray(_like(input, "rank").ndim, np.int32))


def size(input: Any, out_type: Any = _dt.int32, name: str | None = None) -> Tensor:
    """The number of elements of ``input`` as a scalar Tensor (int32 by default).

    Example:
        >>> import tapeflow as tf
        >>> int(tf.size(tf.zeros([2, 3])))
        6
    """
    if getattr(type(input), "_is_ragged", False):
        return ragged_op("size")(input, out_type)
    dt = np.int32 if out_type is None else _dtype_arg(out_type, "size")  # TF: None is int32
    return Tensor(np.asarray(_like(input, "size").size, dt))


__all__ = ["zeros", "ones", "zeros_like", "ones_like", "fill", "eye", "range", "linspace", "shape", "rank", "size"]
