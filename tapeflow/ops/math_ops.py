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
from ..primitives import bind, bind1, bind2
from ..primitives import core as C
from ..primitives import math as M
from ..tensor import Tensor
from ._args import binary_args, check_float, describe, norm_axis, tensor_arg


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


# --- elementwise: shared argument handling -----------------------------------------------------

_KIND_WORDS = {"f": "floating-point", "fc": "floating-point or complex", "fiu": "numeric (non-bool)",
               "fciu": "numeric (non-bool)", "b": "bool", "iu": "integer", "fciub": "any"}


def _bad_kind(op: str, kinds: str, *ts: Tensor) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"{op}: expected {_KIND_WORDS.get(kinds, kinds)} tensors, got "
        + ", ".join(describe(t) for t in ts), op=op,
    )


def _named(fn: Any, op: str, example: str, result: str, summary: str) -> Any:
    """Give a generated op function its public name and a docstring with a runnable example."""
    fn.__name__ = fn.__qualname__ = op
    fn.__doc__ = (
        f"{summary}\n\n    Example:\n        >>> import tapeflow as tf\n"
        f"        >>> {example}\n        {result}\n    "
    )
    return fn


def _unary(prim: Any, op: str, kinds: str, example: str, result: str, summary: str) -> Any:
    """Build the public function for a unary elementwise primitive."""

    def fn(x: Any, name: str | None = None) -> Tensor:
        t = x if type(x) is Tensor else tensor_arg(x, op)
        if t._value.dtype.kind not in kinds:
            raise _bad_kind(op, kinds, t)
        return bind1(prim, t)

    return _named(fn, op, example, result, summary)


def _binary(prim: Any, op: str, kinds: str, example: str, result: str, summary: str) -> Any:
    """Build the public function for a binary elementwise primitive (TF's strict dtypes)."""

    def fn(x: Any, y: Any, name: str | None = None) -> Tensor:
        x, y = binary_args(x, y, op)
        if x._value.dtype.kind not in kinds:
            raise _bad_kind(op, kinds, x, y)
        return bind2(prim, x, y)

    return _named(fn, op, example, result, summary)


# --- differentiable unary ----------------------------------------------------------------------

abs = _unary(M.ABS, "abs", "fciu", "tf.abs(tf.constant([-1.5, 2.0])).numpy().tolist()", "[1.5, 2.0]",
             "|x| elementwise; the gradient is sign(x) (0 at 0).")
sign = _unary(M.SIGN, "sign", "fiu", "tf.sign(tf.constant([-3.0, 0.0, 2.0])).numpy().tolist()",
              "[-1.0, 0.0, 1.0]", "-1, 0 or 1 elementwise; the gradient is zero.")
square = _unary(M.SQUARE, "square", "fciu", "tf.square(tf.constant([3.0])).numpy().tolist()", "[9.0]",
                "x * x elementwise.")
sqrt = _unary(M.SQRT, "sqrt", "fc", "tf.sqrt(tf.constant([4.0])).numpy().tolist()", "[2.0]",
              "Square root elementwise (floating inputs only).")
rsqrt = _unary(M.RSQRT, "rsqrt", "fc", "tf.math.rsqrt(tf.constant([4.0])).numpy().tolist()", "[0.5]",
               "1 / sqrt(x) elementwise.")
reciprocal = _unary(M.RECIPROCAL, "reciprocal", "fc",
                    "tf.math.reciprocal(tf.constant([4.0])).numpy().tolist()", "[0.25]", "1 / x elementwise.")
exp = _unary(M.EXP, "exp", "fc", "tf.exp(tf.constant([0.0])).numpy().tolist()", "[1.0]", "e ** x elementwise.")
expm1 = _unary(M.EXPM1, "expm1", "fc", "tf.math.expm1(tf.constant([0.0])).numpy().tolist()", "[0.0]",
               "exp(x) - 1, accurate for small x.")
log = _unary(M.LOG, "log", "fc", "tf.math.log(tf.constant([1.0])).numpy().tolist()", "[0.0]",
             "Natural logarithm elementwise.")
log1p = _unary(M.LOG1P, "log1p", "fc", "tf.math.log1p(tf.constant([0.0])).numpy().tolist()", "[0.0]",
               "log(1 + x), accurate for small x.")
sin = _unary(M.SIN, "sin", "fc", "tf.sin(tf.constant([0.0])).numpy().tolist()", "[0.0]", "Sine elementwise.")
cos = _unary(M.COS, "cos", "fc", "tf.cos(tf.constant([0.0])).numpy().tolist()", "[1.0]", "Cosine elementwise.")
tan = _unary(M.TAN, "tan", "fc", "tf.tan(tf.constant([0.0])).numpy().tolist()", "[0.0]", "Tangent elementwise.")
asin = _unary(M.ASIN, "asin", "fc", "tf.asin(tf.constant([0.0])).numpy().tolist()", "[0.0]",
              "Inverse sine elementwise.")
acos = _unary(M.ACOS, "acos", "fc", "tf.acos(tf.constant([1.0])).numpy().tolist()", "[0.0]",
              "Inverse cosine elementwise.")
atan = _unary(M.ATAN, "atan", "fc", "tf.atan(tf.constant([0.0])).numpy().tolist()", "[0.0]",
              "Inverse tangent elementwise.")
sinh = _unary(M.SINH, "sinh", "fc", "tf.sinh(tf.constant([0.0])).numpy().tolist()", "[0.0]",
              "Hyperbolic sine elementwise.")
cosh = _unary(M.COSH, "cosh", "fc", "tf.cosh(tf.constant([0.0])).numpy().tolist()", "[1.0]",
              "Hyperbolic cosine elementwise.")
tanh = _unary(M.TANH, "tanh", "fc", "tf.tanh(tf.constant([0.0])).numpy().tolist()", "[0.0]",
              "Hyperbolic tangent elementwise.")
sigmoid = _unary(M.SIGMOID, "sigmoid", "f", "tf.sigmoid(tf.constant([0.0])).numpy().tolist()", "[0.5]",
                 "1 / (1 + exp(-x)) elementwise.")
erf = _unary(M.ERF, "erf", "f", "tf.math.erf(tf.constant([0.0])).numpy().tolist()", "[0.0]",
             "The error function elementwise (no SciPy needed).")

# --- non-differentiable unary (gradient None, as TF) -------------------------------------------

floor = _unary(M.FLOOR, "floor", "f", "tf.floor(tf.constant([1.5, -1.5])).numpy().tolist()", "[1.0, -2.0]",
               "Largest integer not greater than x (not differentiable: gradient None).")
ceil = _unary(M.CEIL, "ceil", "f", "tf.math.ceil(tf.constant([1.5])).numpy().tolist()", "[2.0]",
              "Smallest integer not less than x (gradient None).")
round = _unary(M.ROUND, "round", "fiu", "tf.round(tf.constant([0.5, 1.5, 2.5])).numpy().tolist()",
               "[0.0, 2.0, 2.0]", "Round half to even (banker's rounding), as TF (gradient None).")
is_nan = _unary(M.IS_NAN, "is_nan", "f", "tf.math.is_nan(tf.constant([1.0, float('nan')])).numpy().tolist()",
                "[False, True]", "True where x is NaN.")
is_finite = _unary(M.IS_FINITE, "is_finite", "f",
                   "tf.math.is_finite(tf.constant([1.0, float('inf')])).numpy().tolist()", "[True, False]",
                   "True where x is neither infinite nor NaN.")
is_inf = _unary(M.IS_INF, "is_inf", "f", "tf.math.is_inf(tf.constant([1.0, float('-inf')])).numpy().tolist()",
                "[False, True]", "True where x is +inf or -inf.")
logical_not = _unary(M.LOGICAL_NOT, "logical_not", "b",
                     "tf.logical_not(tf.constant([True, False])).numpy().tolist()", "[False, True]",
                     "Elementwise NOT of a bool tensor.")

# --- binary ------------------------------------------------------------------------------------

maximum = _binary(M.MAXIMUM, "maximum", "fiu", "tf.maximum(tf.constant([1.0, 5.0]), 2.0).numpy().tolist()",
                  "[2.0, 5.0]", "Elementwise max with broadcasting; on ties the gradient goes to x (TF).")
minimum = _binary(M.MINIMUM, "minimum", "fiu", "tf.minimum(tf.constant([1.0, 5.0]), 2.0).numpy().tolist()",
                  "[1.0, 2.0]", "Elementwise min with broadcasting; on ties the gradient goes to x (TF).")
squared_difference = _binary(
    M.SQUARED_DIFFERENCE, "squared_difference", "fiu",
    "tf.math.squared_difference(tf.constant([1.0]), tf.constant([4.0])).numpy().tolist()", "[9.0]",
    "(x - y) ** 2 elementwise with broadcasting.")
atan2 = _binary(M.ATAN2, "atan2", "f", "float(tf.atan2(tf.constant(1.0), tf.constant(1.0))) > 0.785", "True",
                "The angle of the point (x, y), in [-pi, pi]; the arguments are (y, x) as TF.")
equal = _binary(M.EQUAL, "equal", "fciub", "tf.equal(tf.constant([1, 2]), 2).numpy().tolist()", "[False, True]",
                "x == y elementwise (bool result, gradient None).")
not_equal = _binary(M.NOT_EQUAL, "not_equal", "fciub", "tf.not_equal(tf.constant([1, 2]), 2).numpy().tolist()",
                    "[True, False]", "x != y elementwise.")
less = _binary(M.LESS, "less", "fiu", "tf.less(tf.constant([1, 2]), 2).numpy().tolist()", "[True, False]",
               "x < y elementwise.")
less_equal = _binary(M.LESS_EQUAL, "less_equal", "fiu", "tf.less_equal(tf.constant([1, 3]), 2).numpy().tolist()",
                     "[True, False]", "x <= y elementwise.")
greater = _binary(M.GREATER, "greater", "fiu", "tf.greater(tf.constant([1, 3]), 2).numpy().tolist()",
                  "[False, True]", "x > y elementwise.")
greater_equal = _binary(M.GREATER_EQUAL, "greater_equal", "fiu",
                        "tf.greater_equal(tf.constant([1, 2]), 2).numpy().tolist()", "[False, True]",
                        "x >= y elementwise.")
logical_and = _binary(M.LOGICAL_AND, "logical_and", "b",
                      "tf.logical_and(tf.constant([True, True]), tf.constant([True, False])).numpy().tolist()",
                      "[True, False]", "Elementwise AND of bool tensors.")
logical_or = _binary(M.LOGICAL_OR, "logical_or", "b",
                     "tf.logical_or(tf.constant([False, False]), tf.constant([True, False])).numpy().tolist()",
                     "[True, False]", "Elementwise OR of bool tensors.")
logical_xor = _binary(M.LOGICAL_XOR, "logical_xor", "b",
                      "tf.math.logical_xor(tf.constant([True, True]), tf.constant([True, False])).numpy().tolist()",
                      "[False, True]", "Elementwise XOR of bool tensors.")
bitwise_and = _binary(M.BITWISE_AND, "bitwise_and", "iu", "int(tf.constant(6) & 3)", "2",
                      "Bitwise AND of integer tensors (the ``&`` operator on ints).")
bitwise_or = _binary(M.BITWISE_OR, "bitwise_or", "iu", "int(tf.constant(6) | 3)", "7",
                     "Bitwise OR of integer tensors (the ``|`` operator on ints).")
bitwise_xor = _binary(M.BITWISE_XOR, "bitwise_xor", "iu", "from tapeflow.ops.math_ops import bitwise_xor; int(bitwise_xor(tf.constant(6), 3))", "5",
                      "Bitwise XOR of integer tensors (``tf.bitwise.bitwise_xor``).")
invert = _unary(M.INVERT, "invert", "iu", "from tapeflow.ops.math_ops import invert; int(invert(tf.constant(0)))", "-1",
                "Bitwise NOT of an integer tensor (``tf.bitwise.invert``).")


def pow(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x ** y elementwise with broadcasting (also the ``**`` operator).

    The gradient with respect to ``y`` uses log(x) where x > 0 and 0 elsewhere, as TF.

    Example:
        >>> import tapeflow as tf
        >>> (tf.constant([2.0, 3.0]) ** 2).numpy().tolist()
        [4.0, 9.0]
    """
    x, y = binary_args(x, y, "pow")
    if x._value.dtype.kind not in "fciu":
        raise _bad_kind("pow", "fciu", x, y)
    return bind2(M.POW, x, y)


def _floor_op(prim: Any, op: str, x: Any, y: Any) -> Tensor:
    """floordiv/floormod: TF's strict dtypes, non-bool inputs, and no integer division by zero."""
    x, y = binary_args(x, y, op)
    if x._value.dtype.kind not in "fiu":
        raise _bad_kind(op, "fiu", x, y)
    v = y._value
    if v.dtype.kind in "iu" and not np.all(v):
        raise InvalidArgumentError(f"{op}: Integer division by zero ({describe(x)} by {describe(y)})", op=op)
    return bind2(prim, x, y)


def floordiv(x: Any, y: Any, name: str | None = None) -> Tensor:
    """floor(x / y) elementwise (the ``//`` operator); not differentiable.

    Example:
        >>> import tapeflow as tf
        >>> (tf.constant([7, -7]) // 2).numpy().tolist()
        [3, -4]
    """
    return _floor_op(M.FLOORDIV, "floordiv", x, y)


def floormod(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x - floor(x / y) * y (the ``%`` operator; the result has the sign of y).

    Differentiable as in TF: d/dx = 1, d/dy = -floor(x / y).

    Example:
        >>> import tapeflow as tf
        >>> (tf.constant([7.0, -7.0]) % 3.0).numpy().tolist()
        [1.0, 2.0]
    """
    return _floor_op(M.FLOORMOD, "floormod", x, y)


mod = floormod


def divide_no_nan(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x / y, but 0 where y == 0 (gradients are 0 there too).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.divide_no_nan(tf.constant([1.0, 1.0]), tf.constant([2.0, 0.0])).numpy().tolist()
        [0.5, 0.0]
    """
    x, y = binary_args(x, y, "divide_no_nan")
    check_float(x, "divide_no_nan")
    zero = bind2(M.EQUAL, y, C.scalar_like(0.0, y))
    safe = M.select(zero, C.scalar_like(1.0, y), y)
    return M.select(zero, C.scalar_like(0.0, x), bind2(C.DIVIDE, x, safe))


def where(condition: Any, x: Any = None, y: Any = None, name: str | None = None) -> Tensor:
    """Pick from ``x`` where ``condition`` is True, else from ``y`` (all three broadcast).

    With only ``condition``: the int64 coordinates of its True (non-zero) elements, shape
    ``(num_true, rank)``. Gradients flow to ``x`` and ``y`` (not to ``condition``).

    Example:
        >>> import tapeflow as tf
        >>> tf.where(tf.constant([True, False]), 1.0, 2.0).numpy().tolist()
        [1.0, 2.0]
        >>> tf.where(tf.constant([False, True])).numpy().tolist()
        [[1]]
    """
    c = tensor_arg(condition, "where")
    if x is None and y is None:
        return bind1(M.WHERE_INDICES, c)
    if x is None or y is None:
        raise ValueError("where: x and y must both be given, or neither")
    if c._value.dtype.kind != "b":
        raise InvalidArgumentError(f"where: condition must be a bool tensor, got a {describe(c)}", op="where")
    x, y = binary_args(x, y, "where")
    try:
        return M.select(c, x, y)
    except InvalidArgumentError:
        raise InvalidArgumentError(
            f"where: shapes do not broadcast: condition is a {describe(c)}, x is a {describe(x)}, "
            f"y is a {describe(y)}", op="where",
        ) from None


def clip_by_value(t: Any, clip_value_min: Any, clip_value_max: Any, name: str | None = None) -> Tensor:
    """Clamp ``t`` to [clip_value_min, clip_value_max] (bounds broadcast to ``t``'s shape).

    The gradient passes to ``t`` where min <= t <= max, and to a bound where it was hit, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), -1.0, 1.0).numpy().tolist()
        [-1.0, 0.5, 1.0]
    """
    x = tensor_arg(t, "clip_by_value")
    if x._value.dtype.kind not in "fiu":
        raise _bad_kind("clip_by_value", "fiu", x)
    _, lo = binary_args(x, clip_value_min, "clip_by_value")
    _, hi = binary_args(x, clip_value_max, "clip_by_value")
    xs = x._value.shape
    try:
        ok = np.broadcast_shapes(xs, lo._value.shape, hi._value.shape) == xs
    except ValueError:
        ok = False
    if not ok:
        raise InvalidArgumentError(
            f"clip_by_value: the bounds must broadcast to the shape of t: t is a {describe(x)}, "
            f"clip_value_min is a {describe(lo)}, clip_value_max is a {describe(hi)}", op="clip_by_value",
        )
    if np.any(lo._value > hi._value):
        raise InvalidArgumentError(
            "clip_by_value: clip_value_min must be <= clip_value_max", op="clip_by_value"
        )
    return M.clip_raw(x, lo, hi)


def _one_axis(axis: Any, x: Tensor, op: str) -> int:
    nd = x._value.ndim
    if type(axis) is int and -nd <= axis < nd:  # the common case, fast
        return axis % nd
    ax = norm_axis(0 if axis is None else axis, nd, op)
    if ax is None or len(ax) != 1:
        raise InvalidArgumentError(f"{op}: axis must be a single int, got {axis!r}", op=op)
    return ax[0]


_INDEX_TYPES = {np.dtype(np.int32): np.dtype(np.int32), np.dtype(np.int64): np.dtype(np.int64)}


def _arg_extreme(prim: Any, op: str, input: Any, axis: Any, output_type: Any) -> Tensor:
    x = input if type(input) is Tensor else tensor_arg(input, op)
    if x._value.dtype.kind not in "fiu":
        raise _bad_kind(op, "fiu", x)
    if x._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: needs a tensor of rank >= 1, got a {describe(x)}", op=op)
    ax = _one_axis(axis, x, op)
    if x._value.shape[ax] == 0:
        raise InvalidArgumentError(f"{op}: Reduction axis {ax} is empty in shape {tuple(x._value.shape)}", op=op)
    dt = _INDEX_TYPES.get(output_type._np if isinstance(output_type, _dt.DType) else _dt.np_dtype(output_type))
    if dt is None:
        raise InvalidArgumentError(f"{op}: output_type must be int32 or int64, got {output_type!r}", op=op)
    return bind1(prim, x, {"axis": ax, "dtype": dt})


def argmax(input: Any, axis: Any = None, output_type: Any = _dt.int64, name: str | None = None) -> Tensor:
    """Index of the largest value along ``axis`` (0 when None), as int64 (gradient None).

    Example:
        >>> import tapeflow as tf
        >>> tf.argmax(tf.constant([[1.0, 5.0], [7.0, 2.0]]), axis=1).numpy().tolist()
        [1, 0]
    """
    return _arg_extreme(M.ARGMAX, "argmax", input, axis, output_type)


def argmin(input: Any, axis: Any = None, output_type: Any = _dt.int64, name: str | None = None) -> Tensor:
    """Index of the smallest value along ``axis`` (0 when None), as int64 (gradient None).

    Example:
        >>> import tapeflow as tf
        >>> int(tf.argmin(tf.constant([3, 1, 2])))
        1
    """
    return _arg_extreme(M.ARGMIN, "argmin", input, axis, output_type)


# --- reductions ---------------------------------------------------------------------------------


def _reduce(prim: Any, op: str, kinds: str, input_tensor: Any, axis: Any, keepdims: bool) -> Tensor:
    x = input_tensor if type(input_tensor) is Tensor else tensor_arg(input_tensor, op)
    if x._value.dtype.kind not in kinds:
        raise _bad_kind(op, kinds, x)
    return bind1(prim, x, {"axis": norm_axis(axis, x._value.ndim, op), "keepdims": bool(keepdims)})


def reduce_mean(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Mean over ``axis`` (all axes when None). Integer tensors give a truncated integer mean, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.reduce_mean(tf.constant([[1.0, 2.0], [3.0, 4.0]]), axis=0).numpy().tolist()
        [2.0, 3.0]
    """
    return _reduce(M.REDUCE_MEAN, "reduce_mean", "fciu", input_tensor, axis, keepdims)


def reduce_max(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Maximum over ``axis``; the gradient is split equally between tied maxima, as TF.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_max(tf.constant([1.0, 3.0, 2.0])))
        3.0
    """
    return _reduce(M.REDUCE_MAX, "reduce_max", "fiu", input_tensor, axis, keepdims)


def reduce_min(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Minimum over ``axis``; the gradient is split equally between tied minima, as TF.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_min(tf.constant([1.0, 3.0, 2.0])))
        1.0
    """
    return _reduce(M.REDUCE_MIN, "reduce_min", "fiu", input_tensor, axis, keepdims)


def reduce_prod(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Product over ``axis``; its gradient is exact with zeros in the input (no division by x).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_prod(tf.constant([2.0, 3.0, 4.0])))
        24.0
    """
    return _reduce(M.REDUCE_PROD, "reduce_prod", "fciu", input_tensor, axis, keepdims)


def reduce_logsumexp(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """log(sum(exp(x))) over ``axis``, computed stably (no overflow for large x).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.reduce_logsumexp(tf.constant([1000.0, 1000.0]))) > 1000.69
        True
    """
    return _reduce(M.REDUCE_LOGSUMEXP, "reduce_logsumexp", "f", input_tensor, axis, keepdims)


def _moments_input(input_tensor: Any, op: str) -> Tensor:
    x = tensor_arg(input_tensor, op)
    if x._value.dtype.kind != "f":
        raise TypeError(f"{op}: Input must be either real or complex; got a {describe(x)}")
    return x


def reduce_variance(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Population variance over ``axis`` (floating inputs only, as TF).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.math.reduce_variance(tf.constant([1.0, 3.0])))
        1.0
    """
    x = _moments_input(input_tensor, "reduce_variance")
    ax = norm_axis(axis, x._value.ndim, "reduce_variance")
    mean = bind1(M.REDUCE_MEAN, x, {"axis": ax, "keepdims": True})
    return bind1(M.REDUCE_MEAN, bind1(M.SQUARE, bind2(C.SUBTRACT, x, mean)), {"axis": ax, "keepdims": bool(keepdims)})


def reduce_std(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Population standard deviation over ``axis`` (floating inputs only).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.math.reduce_std(tf.constant([1.0, 3.0])))
        1.0
    """
    _moments_input(input_tensor, "reduce_std")
    return bind1(M.SQRT, reduce_variance(input_tensor, axis, keepdims))


def reduce_euclidean_norm(input_tensor: Any, axis: Any = None, keepdims: bool = False,
                          name: str | None = None) -> Tensor:
    """sqrt(sum(x ** 2)) over ``axis``.

    Example:
        >>> import tapeflow as tf
        >>> float(tf.math.reduce_euclidean_norm(tf.constant([3.0, 4.0])))
        5.0
    """
    x = tensor_arg(input_tensor, "reduce_euclidean_norm")
    if x._value.dtype.kind not in "fiu":
        raise _bad_kind("reduce_euclidean_norm", "fiu", x)
    ax = norm_axis(axis, x._value.ndim, "reduce_euclidean_norm")
    s = C.reduce_sum_raw(bind1(M.SQUARE, x), ax, bool(keepdims))
    if x._value.dtype.kind != "f":  # integer inputs give an integer (truncated) norm, as TF
        return C.cast_raw(bind1(M.SQRT, C.cast_raw(s, np.dtype(np.float64))), x._value.dtype)
    return bind1(M.SQRT, s)


def reduce_any(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Logical OR over ``axis`` of a bool tensor.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.reduce_any(tf.constant([False, True])))
        True
    """
    return _reduce(M.REDUCE_ANY, "reduce_any", "b", input_tensor, axis, keepdims)


def reduce_all(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Logical AND over ``axis`` of a bool tensor.

    Example:
        >>> import tapeflow as tf
        >>> bool(tf.reduce_all(tf.constant([False, True])))
        False
    """
    return _reduce(M.REDUCE_ALL, "reduce_all", "b", input_tensor, axis, keepdims)


def _scan_args(x: Any, axis: Any, op: str) -> tuple:
    t = tensor_arg(x, op)
    if t._value.dtype.kind not in "fciu":
        raise _bad_kind(op, "fciu", t)
    if t._value.ndim == 0:
        raise InvalidArgumentError(f"{op}: needs a tensor of rank >= 1, got a {describe(t)}", op=op)
    return t, _one_axis(axis, t, op)


def cumsum(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False, name: str | None = None) -> Tensor:
    """Running sum along ``axis`` (``exclusive``: leave out the current element; ``reverse``: from the end).

    Example:
        >>> import tapeflow as tf
        >>> tf.cumsum(tf.constant([1, 2, 3]), exclusive=True).numpy().tolist()
        [0, 1, 3]
    """
    t, ax = _scan_args(x, axis, "cumsum")
    p = {"axis": ax - t._value.ndim, "exclusive": bool(exclusive), "reverse": bool(reverse)}
    return bind1(M.CUMSUM, t, p)


def cumprod(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False, name: str | None = None) -> Tensor:
    """Running product along ``axis``; the gradient is exact with zeros in the input.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.cumprod(tf.constant([1.0, 2.0, 3.0])).numpy().tolist()
        [1.0, 2.0, 6.0]
    """
    t, ax = _scan_args(x, axis, "cumprod")
    nd = t._value.ndim
    p = {"exclusive": bool(exclusive), "reverse": bool(reverse)}
    if ax == nd - 1:
        return bind1(M.CUMPROD, t, p)
    perm = tuple(i for i in range(nd) if i != ax) + (ax,)
    inv = tuple(int(i) for i in np.argsort(perm))
    return C.transpose_raw(bind1(M.CUMPROD, C.transpose_raw(t, perm), p), inv)


def add_n(inputs: Any, name: str | None = None) -> Tensor:
    """Elementwise sum of a list of tensors of the same shape and dtype.

    Example:
        >>> import tapeflow as tf
        >>> tf.add_n([tf.constant([1.0]), tf.constant([2.0]), tf.constant([3.0])]).numpy().tolist()
        [6.0]
    """
    if isinstance(inputs, (Tensor,)) or not hasattr(inputs, "__iter__"):
        raise ValueError("add_n: inputs must be a list of at least one Tensor with the same dtype and shape")
    ts = [tensor_arg(v, "add_n") for v in inputs]
    if not ts:
        raise ValueError("add_n: inputs must be a list of at least one Tensor with the same dtype and shape")
    first = ts[0]._value
    for t in ts[1:]:
        if t._value.dtype != first.dtype or t._value.shape != first.shape:
            raise InvalidArgumentError(
                "add_n: all inputs need the same shape and dtype; got " + ", ".join(describe(t) for t in ts),
                op="add_n",
            )
    if first.dtype.kind == "b":
        raise _bad_kind("add_n", "fciu", ts[0])
    if len(ts) == 1:
        return ts[0]
    return bind(M.ADD_N, tuple(ts))


__all__ = [
    "add", "subtract", "multiply", "truediv", "divide", "negative", "reduce_sum", "matmul", "cast",
    # elementwise, differentiable
    "pow", "abs", "sign", "square", "sqrt", "rsqrt", "reciprocal", "exp", "expm1", "log", "log1p",
    "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "sigmoid", "erf",
    "maximum", "minimum", "squared_difference", "where", "clip_by_value", "floormod", "mod", "divide_no_nan",
    # not differentiable
    "floor", "ceil", "round", "floordiv", "equal", "not_equal", "less", "less_equal", "greater",
    "greater_equal", "logical_and", "logical_or", "logical_xor", "logical_not", "bitwise_and",
    "bitwise_or", "argmax", "argmin", "is_nan", "is_finite", "is_inf",
    # reductions and scans
    "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_logsumexp", "reduce_variance",
    "reduce_std", "reduce_euclidean_norm", "reduce_any", "reduce_all", "cumsum", "cumprod", "add_n",
]
