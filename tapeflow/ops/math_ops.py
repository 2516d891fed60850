"""Elementwise math, reductions and matmul (as ``tf.math`` and top-level ``tf.*``).

Example:
    >>> import tapeflow as tf
    >>> tf.reduce_sum(tf.constant([[1.0, 2.0], [3.0, 4.0]]), axis=0).numpy().tolist()
    [4.0, 6.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..errors import InvalidArgumentError
from ..primitives import bind1, bind2
from ..primitives import core as C
from ..tensor import Tensor
from ._args import binary_args, describe, norm_axis, tensor_arg


def add(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x + y with broadcasting. Example: ``tf.add(1.0, tf.constant([2.0]))``."""
    x, y = binary_args(x, y, "add")
    return bind2(C.ADD, x, y)


def subtract(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x - y with broadcasting."""
    x, y = binary_args(x, y, "subtract")
    return bind2(C.SUBTRACT, x, y)


def multiply(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x * y with broadcasting."""
    x, y = binary_args(x, y, "multiply")
    return bind2(C.MULTIPLY, x, y)


def _int_div_dtype(dt: np.dtype) -> np.dtype:
    return np.dtype(np.float64) if dt.itemsize >= 4 else np.dtype(np.float32)


def truediv(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x / y; integer inputs are cast to float (int8/16 -> float32, int32/64 -> float64) as TF."""
    x, y = binary_args(x, y, "truediv")
    dt = x._value.dtype
    if dt.kind in "iu":
        fdt = _int_div_dtype(dt)
        x, y = C.cast_raw(x, fdt), C.cast_raw(y, fdt)
    elif dt.kind == "b":
        raise InvalidArgumentError(f"truediv: not defined for bool tensors ({describe(x)})", op="truediv")
    return bind2(C.DIVIDE, x, y)


def divide(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x / y (as ``tf.math.divide``)."""
    return truediv(x, y)


def negative(x: Any, name: str | None = None) -> Tensor:
    """-x."""
    return bind1(C.NEGATIVE, tensor_arg(x, "negative"))


def reduce_sum(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Sum over ``axis`` (all axes when None).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_sum([1.0, 2.0]))
        3.0
    """
    x = tensor_arg(input_tensor, "reduce_sum")
    ax = norm_axis(axis, x._value.ndim, "reduce_sum")
    if x._value.dtype.kind == "b":
        raise InvalidArgumentError(f"reduce_sum: not defined for {describe(x)}", op="reduce_sum")
    return C.reduce_sum_raw(x, ax, bool(keepdims))


def matmul(
    a: Any,
    b: Any,
    transpose_a: bool = False,
    transpose_b: bool = False,
    adjoint_a: bool = False,
    adjoint_b: bool = False,
    a_is_sparse: bool = False,
    b_is_sparse: bool = False,
    output_type: Any = None,
    name: str | None = None,
) -> Tensor:
    """Matrix product of the last two axes, batch axes broadcast.

    Example:
        >>> import tapeflow as tf
        >>> tf.matmul(tf.ones([2, 3]), tf.ones([3, 4])).shape.as_list()
        [2, 4]
    """
    a, b = binary_args(a, b, "matmul")
    av, bv = a._value, b._value
    if av.ndim < 2 or bv.ndim < 2:
        raise InvalidArgumentError(
            f"matmul: inputs must have rank >= 2, got a: {describe(a)}, b: {describe(b)} "
            "(use tf.linalg.matvec or tf.tensordot for vectors)",
            op="matmul",
        )
    if transpose_a or adjoint_a:
        a = C._swap_last(a)
    if transpose_b or adjoint_b:
        b = C._swap_last(b)
    ka, kb = a._value.shape[-1], b._value.shape[-2]
    if ka != kb:
        raise InvalidArgumentError(
            f"matmul: inner dimensions differ: a has shape {tuple(a._value.shape)}, b has shape "
            f"{tuple(b._value.shape)} (after transposes), dtype {a.dtype.name}",
            op="matmul",
        )
    return bind2(C.MATMUL, a, b)


def cast(x: Any, dtype: Any, name: str | None = None) -> Tensor:
    """Change the dtype. Casting to an integer or bool type is not differentiable.

    Example:
        >>> import tapeflow as tf
        >>> tf.cast(tf.constant([1.7]), tf.int32).numpy().tolist()
        [1]
    """
    x = tensor_arg(x, "cast")
    return C.cast_raw(x, _dt.np_dtype(dtype))


__all__ = ["add", "subtract", "multiply", "truediv", "divide", "negative", "reduce_sum", "matmul", "cast"]
