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
from ..errors import InvalidArgumentError, UnimplementedError
from ..primitives import bind, bind1, bind2
from ..primitives import core as C
from ..primitives import math as M
from ..tensor import Tensor
from ._args import (
    binary_args,
    check_float,
    describe,
    dtype_arg,
    int_arg,
    norm_axis,
    ragged_binary,
    ragged_op,
    tensor_arg,
)


def add(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x + y with broadcasting. Example: ``tf.add(1.0, tf.constant([2.0]))``."""
    try:
        x, y = binary_args(x, y, "add")
    except (TypeError, ValueError):
        return ragged_binary("add", x, y)  # a RaggedTensor operand dispatches (else re-raises)
    return bind2(C.ADD, x, y)


def subtract(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x - y with broadcasting."""
    try:
        x, y = binary_args(x, y, "subtract")
    except (TypeError, ValueError):
        return ragged_binary("subtract", x, y)  # a RaggedTensor operand dispatches (else re-raises)
    return bind2(C.SUBTRACT, x, y)


def multiply(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x * y with broadcasting."""
    try:
        x, y = binary_args(x, y, "multiply")
    except (TypeError, ValueError):
        return ragged_binary("multiply", x, y)  # a RaggedTensor operand dispatches (else re-raises)
    return bind2(C.MULTIPLY, x, y)


def _int_div_dtype(dt: np.dtype) -> np.dtype:
    return np.dtype(np.float64) if dt.itemsize >= 4 else np.dtype(np.float32)


def truediv(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x / y; integer inputs are cast to float (int8/16 -> float32, int32/64 -> float64) as TF."""
    try:
        x, y = binary_args(x, y, "truediv")
    except (TypeError, ValueError):
        return ragged_binary("truediv", x, y)  # a RaggedTensor operand dispatches (else re-raises)
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
    if type(input_tensor) is not Tensor and getattr(type(input_tensor), "_is_ragged", False):
        return ragged_op("reduce_sum")(input_tensor, axis, keepdims)
    x = tensor_arg(input_tensor, "reduce_sum")
    ax = norm_axis(axis, x._value.ndim, "reduce_sum")
    if x._value.dtype.kind in "bO":
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
    target = dtype._np if isinstance(dtype, _dt.DType) else dtype_arg(dtype, "cast")._np
    if (x._value.dtype.kind == "O") != (target.kind == "O"):  # TF has no string <-> number cast
        raise UnimplementedError(
            f"cast: Cast {x.dtype.name} to {_dt.from_numpy(target).name} is not supported "
            "(use tf.strings.to_number / tf.strings.as_string)", op="cast")
    return C.cast_raw(x, target)


# --- elementwise: shared argument handling -----------------------------------------------------

_KIND_WORDS = {"f": "floating-point", "fc": "floating-point or complex", "fiu": "numeric (non-bool)",
               "fciu": "numeric (non-bool)", "b": "bool", "iu": "integer", "fciub": "any",
               "fciubO": "any"}


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
        if type(x) is Tensor:
            t = x
        elif getattr(type(x), "_is_ragged", False):  # TF dispatches elementwise ops to flat_values
            return x.with_flat_values(fn(x.flat_values))
        else:
            t = tensor_arg(x, op)
        if t._value.dtype.kind not in kinds:
            raise _bad_kind(op, kinds, t)
        return bind1(prim, t)

    return _named(fn, op, example, result, summary)


def _binary(prim: Any, op: str, kinds: str, example: str, result: str, summary: str) -> Any:
    """Build the public function for a binary elementwise primitive (TF's strict dtypes)."""

    def fn(x: Any, y: Any, name: str | None = None) -> Tensor:
        try:
            x, y = binary_args(x, y, op)
        except (TypeError, ValueError):
            return ragged_binary(op, x, y)  # a RaggedTensor operand dispatches (else re-raises)
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
equal = _binary(M.EQUAL, "equal", "fciubO", "tf.equal(tf.constant([1, 2]), 2).numpy().tolist()", "[False, True]",
                "x == y elementwise (bool result, gradient None).")
not_equal = _binary(M.NOT_EQUAL, "not_equal", "fciubO", "tf.not_equal(tf.constant([1, 2]), 2).numpy().tolist()",
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
    try:
        x, y = binary_args(x, y, "pow")
    except (TypeError, ValueError):
        return ragged_binary("pow", x, y)  # a RaggedTensor operand dispatches (else re-raises)
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
    if x._value.shape != y._value.shape:
        _check_broadcast(x, y, "divide_no_nan")
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
        if c._value.dtype.kind == "O":
            raise InvalidArgumentError(f"where: condition must be numeric or bool, got a {describe(c)}", op="where")
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


def _reduce(prim: Any, op: str, kinds: str, input_tensor: Any, axis: Any, keepdims: bool,
            ragged: bool = True) -> Tensor:
    """The reduction ``prim`` over ``axis``; a RaggedTensor goes to ``tf.ragged``'s ``op`` (when ``ragged``)."""
    if ragged and type(input_tensor) is not Tensor and getattr(type(input_tensor), "_is_ragged", False):
        return ragged_op(op)(input_tensor, axis, keepdims)
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
    return _reduce(M.REDUCE_LOGSUMEXP, "reduce_logsumexp", "f", input_tensor, axis, keepdims, ragged=False)


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
    return _variance(input_tensor, axis, keepdims, "reduce_variance")


def _variance(input_tensor: Any, axis: Any, keepdims: bool, op: str) -> Tensor:
    x = _moments_input(input_tensor, op)
    ax = norm_axis(axis, x._value.ndim, op)
    mean = bind1(M.REDUCE_MEAN, x, {"axis": ax, "keepdims": True})
    return bind1(M.REDUCE_MEAN, bind1(M.SQUARE, bind2(C.SUBTRACT, x, mean)), {"axis": ax, "keepdims": bool(keepdims)})


def reduce_std(input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None) -> Tensor:
    """Population standard deviation over ``axis`` (floating inputs only).

    Example:
        >>> import tapeflow as tf
        >>> float(tf.math.reduce_std(tf.constant([1.0, 3.0])))
        1.0
    """
    return bind1(M.SQRT, _variance(input_tensor, axis, keepdims, "reduce_std"))


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


def _check_broadcast(x: Tensor, y: Tensor, op: str) -> None:
    try:
        np.broadcast_shapes(x._value.shape, y._value.shape)
    except ValueError:
        raise InvalidArgumentError(f"{op}: Incompatible shapes: x is a {describe(x)}, y is a {describe(y)}",
                                   op=op) from None


def _scan_args(x: Any, axis: Any, op: str) -> tuple:
    if axis is None:  # TF: None does not convert to an axis tensor
        raise InvalidArgumentError(f"{op}: axis must be an integer, got None", op=op)
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
    if first.dtype.kind == "b" or (first.dtype.kind == "O" and len(ts) > 1):  # TF returns a lone input as is
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


# === more elementwise math: inverse hyperbolics, special functions, complex parts, safe products ===
# (tf.* names are added to __all__ below; tf.math-only names are listed in MATH_ONLY and re-exported
# by tapeflow/math.py)

import builtins as _builtins  # noqa: E402  (``complex``, ``round``, ``abs`` are op names here)

from .. import errors as _errors  # noqa: E402
from ..primitives import nn as _N  # noqa: E402

acosh = _unary(M.ACOSH, "acosh", "fc", "tf.math.acosh(tf.constant([1.0, 2.0])).numpy().tolist()",
               "[0.0, 1.316957950592041]", "Inverse hyperbolic cosine (NaN below 1); the gradient is 1 / sinh(y).")
asinh = _unary(M.ASINH, "asinh", "fc", "tf.math.asinh(tf.constant([0.0, 1.0])).numpy().tolist()",
               "[0.0, 0.8813735842704773]", "Inverse hyperbolic sine; the gradient is 1 / cosh(y).")
atanh = _unary(M.ATANH, "atanh", "fc", "tf.math.atanh(tf.constant([0.0, 0.5])).numpy().tolist()",
               "[0.0, 0.5493061542510986]", "Inverse hyperbolic tangent (+-inf at +-1); the gradient is 1 / (1 - x^2).")
erfc = _unary(M.ERFC, "erfc", "f", "tf.math.erfc(tf.constant([0.0, 1.0, 30.0])).numpy().tolist()",
              "[1.0, 0.15729920566082, 0.0]", "1 - erf(x), accurate in the right tail (computed in float64).")
erfinv = _unary(M.ERFINV, "erfinv", "f", "tf.math.erfinv(tf.constant([0.0, -1.0, 1.5])).numpy().tolist()",
                "[0.0, -inf, nan]",
                "Inverse of erf on [-1, 1] (NaN outside); the gradient is sqrt(pi)/2 exp(erfinv(x)^2).\n\n"
                "    Computed in float64 (a closed-form start refined by Halley steps on erf/erfc), so float32\n"
                "    results are correctly rounded where TF's float32 kernel is a few ulp off near +-1.")
ndtri = _unary(M.NDTRI, "ndtri", "f", "tf.math.ndtri(tf.constant(np.array([0.5, 0.975]))).numpy().tolist()",
               "[0.0, 1.959963984540054]",
               "The standard normal quantile (inverse of the normal CDF) on [0, 1]; NaN outside.")
lgamma = _unary(M.LGAMMA, "lgamma", "f", "tf.math.lgamma(tf.constant(np.array([0.5, 1.0, 10.0]))).numpy().tolist()",
                "[0.5723649429247001, 0.0, 12.80182748008147]",
                "log|Gamma(x)| (inf at 0 and the negative integers); the gradient is digamma(x).")
digamma = _unary(M.DIGAMMA, "digamma", "f",
                 "tf.math.digamma(tf.constant(np.array([1.0, 0.5]))).numpy().tolist()",
                 "[-0.5772156649015323, -1.9635100260214227]",
                 "psi(x) = d lgamma / dx (NaN at 0 and the negative integers); the gradient is polygamma(1, x).")
bessel_i0 = _unary(M.BESSEL_I0, "bessel_i0", "f", "tf.math.bessel_i0(tf.constant(np.array([0.0, 1.0]))).numpy().tolist()",
                   "[1.0, 1.2660658777520082]", "Modified Bessel function of the first kind, order 0.")
bessel_i0e = _unary(M.BESSEL_I0E, "bessel_i0e", "f",
                    "tf.math.bessel_i0e(tf.constant(np.array([0.0, 2.0]))).numpy().tolist()", "[1.0, 0.308508322553671]",
                    "exp(-|x|) * bessel_i0(x), finite for large |x|.")
bessel_i1 = _unary(M.BESSEL_I1, "bessel_i1", "f", "tf.math.bessel_i1(tf.constant(np.array([0.0, 1.0]))).numpy().tolist()",
                   "[0.0, 0.565159103992485]", "Modified Bessel function of the first kind, order 1.")
bessel_i1e = _unary(M.BESSEL_I1E, "bessel_i1e", "f",
                    "tf.math.bessel_i1e(tf.constant([0.0, -1.0])).numpy().tolist()", "[0.0, -0.207910418510437]",
                    "exp(-|x|) * bessel_i1(x), finite for large |x|.")
rint = _unary(M.RINT, "rint", "f", "tf.math.rint(tf.constant([0.5, 1.5, -2.7])).numpy().tolist()",
              "[0.0, 2.0, -3.0]", "The nearest integer, halves to even (not differentiable: gradient None).")
xlogy = _binary(M.XLOGY, "xlogy", "fc", "tf.math.xlogy(tf.constant([0.0, 2.0]), 0.0).numpy().tolist()",
                "[0.0, -inf]", "x * log(y), but 0 where x == 0 (whatever y is).")
xlog1py = _binary(M.XLOG1PY, "xlog1py", "fc", "tf.math.xlog1py(tf.constant([0.0, 2.0]), -1.0).numpy().tolist()",
                  "[0.0, -inf]", "x * log1p(y), but 0 where x == 0 (whatever y is).")
xdivy = _binary(M.XDIVY, "xdivy", "fc", "tf.math.xdivy(tf.constant([0.0, 2.0]), 0.0).numpy().tolist()",
                "[0.0, inf]", "x / y, but 0 where x == 0 (whatever y is).")


def erfcinv(x: Any, name: str | None = None) -> Tensor:
    """Inverse of erfc on [0, 2] (NaN outside); erfcinv(1) is -0.0 as in TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.erfcinv(tf.constant([0.0, 1.0, 2.0])).numpy().tolist()
        [inf, -0.0, -inf]
    """
    t = tensor_arg(x, "erfcinv")
    if t._value.dtype.kind in "iub":  # TF computes 0.5 * x first
        raise TypeError(f"erfcinv: Cannot convert 0.5 to EagerTensor of dtype {t.dtype.name}")
    if t._value.dtype.kind != "f":
        raise _bad_kind("erfcinv", "f", t)
    return bind1(M.ERFCINV, t)


def _float_pair(x: Any, y: Any, op: str, dtypes: tuple = ("float32", "float64")) -> tuple:
    x, y = binary_args(x, y, op)
    if x.dtype.name not in dtypes:
        raise InvalidArgumentError(
            f"{op}: expected {' or '.join(dtypes)} tensors, got {describe(x)} and {describe(y)}", op=op)
    return x, y


def polygamma(a: Any, x: Any, name: str | None = None) -> Tensor:
    """The polygamma function psi^(a)(x), the a-th derivative of digamma (a a non-negative integer;
    NaN otherwise). Only ``x`` gets a gradient (``a`` gets None, as in TF).

    Example:
        >>> import tapeflow as tf
        >>> import numpy as np
        >>> tf.math.polygamma(tf.constant(np.array([0.0, 1.0])), tf.constant(np.array([1.0, 1.0]))).numpy().tolist()
        [-0.5772156649015323, 1.6449340668482264]
    """
    a, x = _float_pair(a, x, "polygamma")
    return bind2(M.POLYGAMMA, a, x)


def zeta(x: Any, q: Any, name: str | None = None) -> Tensor:
    """The Hurwitz zeta function sum_n (q + n)^-x (x > 1; inf at x == 1, NaN below). Only ``q`` gets a
    gradient (-x zeta(x + 1, q)); ``x`` gets None, as in TF.

    Example:
        >>> import tapeflow as tf
        >>> import numpy as np
        >>> tf.math.zeta(tf.constant(np.array([2.0, 3.0])), 1.0).numpy().tolist()
        [1.6449340668482264, 1.202056903159594]
    """
    x, q = _float_pair(x, q, "zeta")
    return bind2(M.ZETA, x, q)



def _igamma_args(a: Any, x: Any, op: str) -> tuple:
    a, x = binary_args(a, x, op)
    if x.dtype.name == "float16":
        raise _errors.NotFoundError(f"{op}: no CPU kernel for float16 (use float32 or float64)", op=op)
    if x.dtype.name not in ("float32", "float64"):
        raise InvalidArgumentError(f"{op}: expected float32 or float64 tensors, got {describe(a)} and {describe(x)}",
                                   op=op)
    return a, x


def igamma(a: Any, x: Any, name: str | None = None) -> Tensor:
    """The regularized lower incomplete gamma function P(a, x) (a > 0, x >= 0; NaN outside).

    Computed in float64 (power series / continued fraction, the prefactor without cancellation
    for large a). Gradients as TF: d/dx = x^(a-1) e^-x / Gamma(a); d/da by forward-mode through
    the series (TF registers no gradient for that one, so it cannot be differentiated again).

    Example:
        >>> import tapeflow as tf
        >>> import numpy as np
        >>> tf.math.igamma(tf.constant(np.array([1.0, 2.0])), tf.constant(np.array([1.0, 5.0]))).numpy().tolist()
        [0.6321205588285578, 0.9595723180054873]
    """
    a, x = _igamma_args(a, x, "igamma")
    return bind2(M.IGAMMA, a, x)


def igammac(a: Any, x: Any, name: str | None = None) -> Tensor:
    """The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate in its tail.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.igammac(tf.constant([30.0]), tf.constant([200.0])).numpy().tolist()
        [0.0]
    """
    a, x = _igamma_args(a, x, "igammac")
    return bind2(M.IGAMMAC, a, x)


def betainc(a: Any, b: Any, x: Any, name: str | None = None) -> Tensor:
    """The regularized incomplete beta function I_x(a, b) (a, b > 0, 0 <= x <= 1; NaN outside).

    As TF, a, b and x are each either a scalar or of one common shape, and only ``x`` gets a
    gradient (a and b get None). Computed in float64 by a continued fraction.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.betainc(2.0, 3.0, tf.constant([0.5, 1.0])).numpy().tolist()
        [0.6875, 1.0]
    """
    op = "betainc"
    args = [a, b, x]
    known = next((v for v in args if isinstance(v, (Tensor, np.ndarray, np.generic))), None)
    dt = None if known is None else tensor_arg(known, op).dtype
    ts = [tensor_arg(v, op, dtype=dt if isinstance(v, (int, float)) and not isinstance(v, _builtins.bool) else None)
          for v in args]
    if any(t.dtype != ts[0].dtype for t in ts) or ts[0].dtype.name not in ("float32", "float64"):
        raise InvalidArgumentError(
            f"{op}: a, b and x must all be float32 or all float64, got {', '.join(describe(t) for t in ts)}", op=op)
    shaped = [(n, t) for n, t in zip("abx", ts) if t._value.ndim]
    for n, t in shaped[1:]:
        if t._value.shape != shaped[0][1]._value.shape:
            raise InvalidArgumentError(
                f"{op}: Shapes of {shaped[0][0]} and {n} are inconsistent: {list(shaped[0][1]._value.shape)} vs. "
                f"{list(t._value.shape)}", op=op)
    return bind(M.BETAINC, tuple(ts))

def lbeta(x: Any, name: str | None = None) -> Tensor:
    """log|Beta(x)| over the last axis: sum(lgamma(x), -1) - lgamma(sum(x, -1)) (-inf for an empty axis).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.lbeta(tf.constant([[1.0, 2.0], [0.5, 0.5]])).numpy().tolist()
        [-0.6931471824645996, 1.1447298526763916]
    """
    t = tensor_arg(x, "lbeta")
    if t._value.dtype.kind != "f":
        raise _bad_kind("lbeta", "f", t)
    if t._value.ndim == 0:
        raise InvalidArgumentError("lbeta: Invalid reduction dimension (-1 for input with 0 dimension(s)",
                                   op="lbeta")
    s = C.reduce_sum_raw(bind1(M.LGAMMA, t), (-1,), False)
    return bind2(C.SUBTRACT, s, bind1(M.LGAMMA, C.reduce_sum_raw(t, (-1,), False)))


def log_sigmoid(x: Any, name: str | None = None) -> Tensor:
    """log(sigmoid(x)) = -softplus(-x), stable for large |x|.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.log_sigmoid(tf.constant([-100.0, 0.0])).numpy().tolist()
        [-100.0, -0.6931471824645996]
    """
    t = tensor_arg(x, "log_sigmoid")
    if t._value.dtype.kind != "f":
        raise _bad_kind("log_sigmoid", "f", t)
    return C.negative(bind1(_N.SOFTPLUS, C.negative(t)))


def multiply_no_nan(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x * y, but 0 where y == 0 even if x is NaN or infinite (not symmetric: x == 0 with y = NaN
    gives NaN).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.multiply_no_nan(tf.constant([float("nan"), 2.0]), tf.constant([0.0, 3.0])).numpy().tolist()
        [0.0, 6.0]
    """
    x, y = binary_args(x, y, "multiply_no_nan")
    if x._value.dtype.kind not in "fc":
        raise _bad_kind("multiply_no_nan", "fc", x, y)
    return bind2(M.MUL_NO_NAN, x, y)


def reciprocal_no_nan(x: Any, name: str | None = None) -> Tensor:
    """1 / x, but 0 where x == 0 (the gradient is 0 there too).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.reciprocal_no_nan(tf.constant([2.0, 0.0])).numpy().tolist()
        [0.5, 0.0]
    """
    t = tensor_arg(x, "reciprocal_no_nan")
    if t._value.dtype.kind not in "fc":
        raise _bad_kind("reciprocal_no_nan", "fc", t)
    return divide_no_nan(C.scalar_like(1.0, t), t)


def nextafter(x1: Any, x2: Any, name: str | None = None) -> Tensor:
    """The next representable value after x1 in the direction of x2 (float32/float64). Gradient as TF:
    1 for x1, 0 for x2.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.nextafter(tf.constant([1.0], tf.float64), 2.0).numpy().tolist()
        [1.0000000000000002]
    """
    x1, x2 = _float_pair(x1, x2, "nextafter")
    return bind2(M.NEXTAFTER, x1, x2)


def polyval(coeffs: list, x: Any, name: str | None = None) -> Tensor:
    """coeffs[0] * x**(n-1) + ... + coeffs[n-1] by Horner's rule (the coefficients broadcast with x).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.polyval([2, 1, 0], 3).numpy().tolist()
        21
        >>> tf.math.polyval([1.0, 2.5, -4.2], 5.0).numpy().tolist()
        33.29999923706055
    """
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type. Received type {type(coeffs)}.")
    t = tensor_arg(x, "polyval")
    if not coeffs:
        return Tensor(np.zeros_like(t._value))
    cs = [tensor_arg(c, "polyval") for c in coeffs]
    p = cs[0]
    for c in cs[1:]:
        p = add(c, multiply(p, t))
    return p


def _complex_parts_arg(x: Any, op: str) -> Tensor:
    return x if type(x) is Tensor else tensor_arg(x, op)


def _complex_or_real(x: Any, op: str, prim: Any, bad_dtype: str) -> Tensor:
    """``prim`` of a complex tensor; a real or integer tensor as it is; else TypeError(``bad_dtype``
    formatted with the dtype)."""
    t = _complex_parts_arg(x, op)
    k = t._value.dtype.kind
    if k == "c":
        return bind1(prim, t)
    if k in "fiu":
        return t
    raise TypeError(bad_dtype.format(t.dtype))


def conj(x: Any, name: str | None = None) -> Tensor:
    """The complex conjugate; a real (or integer) tensor is returned as it is.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.conj(tf.constant([1 + 2j])).numpy().tolist()
        [(1-2j)]
    """
    return _complex_or_real(x, "conj", M.CONJ, "Expected numeric or variant tensor, got dtype {!r}.")


def real(input: Any, name: str | None = None) -> Tensor:
    """The real part (complex64 -> float32, complex128 -> float64); a real tensor is returned as it is.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.real(tf.constant([-2.25 + 4.75j])).numpy().tolist()
        [-2.25]
    """
    return _complex_or_real(input, "real", M.REAL, "input must be a numeric tensor, but got tensor with dtype {}")


def imag(input: Any, name: str | None = None) -> Tensor:
    """The imaginary part (complex64 -> float32, complex128 -> float64); zeros for a real tensor.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.imag(tf.constant([-2.25 + 4.75j])).numpy().tolist()
        [4.75]
    """
    t = _complex_parts_arg(input, "imag")
    if t._value.dtype.kind == "c":
        return bind1(M.IMAG, t)
    if t._value.dtype.kind == "O":
        return Tensor(np.full(t._value.shape, b"", dtype=object))
    return Tensor(np.zeros_like(t._value))


def angle(input: Any, name: str | None = None) -> Tensor:
    """The argument atan2(imag, real) of a complex tensor; for a real tensor pi where x < 0, else 0.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.angle(tf.constant([-2.25 + 4.75j, 3.25 + 5.75j], tf.complex64)).numpy().tolist()
        [2.0131704807281494, 1.056344985961914]
    """
    t = _complex_parts_arg(input, "angle")
    v = t._value
    if v.dtype.kind == "c":
        return bind1(M.ANGLE, t)
    if v.dtype.kind != "f":
        raise TypeError(f"angle: Cannot convert 3.141592653589793 to EagerTensor of dtype {t.dtype.name}")
    return Tensor(np.where(v < 0, np.asarray(np.pi, v.dtype), np.zeros((), v.dtype)).astype(v.dtype, copy=False))


def complex(real: Any, imag: Any, name: str | None = None) -> Tensor:
    """real + 1j * imag: float32 parts give complex64, float64 parts complex128 (they broadcast).
    The gradient is (real(g), imag(g)).

    Example:
        >>> import tapeflow as tf
        >>> tf.complex(tf.constant([2.25, 3.25]), tf.constant([4.75, 5.75]))
        <tf.Tensor: shape=(2,), dtype=complex64, numpy=array([2.25+4.75j, 3.25+5.75j], dtype=complex64)>
    """
    re = tensor_arg(real, "complex")
    im = tensor_arg(imag, "complex")
    pair = (re.dtype.name, im.dtype.name)
    if pair not in (("float32", "float32"), ("float64", "float64")):
        raise TypeError(
            f"The `real` and `imag` components have incorrect types: {pair[0]} {pair[1]}. They must be "
            "consistent, and one of [tf.float32, tf.float64]")
    try:
        np.broadcast_shapes(re._value.shape, im._value.shape)
    except ValueError:
        raise InvalidArgumentError(
            f"complex: Incompatible shapes: {list(re._value.shape)} vs. {list(im._value.shape)} "
            f"(real: {describe(re)}, imag: {describe(im)})", op="complex") from None
    return bind2(M.COMPLEX, re, im)


def cumulative_logsumexp(x: Any, axis: Any = 0, exclusive: bool = False, reverse: bool = False,
                         name: str | None = None) -> Tensor:
    """log(cumsum(exp(x))) along ``axis``, computed stably (pairwise log-add-exp). ``exclusive``
    leaves the current element out (the first result is -inf); ``reverse`` scans from the end.

    Example:
        >>> import tapeflow as tf
        >>> tf.math.cumulative_logsumexp(tf.constant([1.0, 2.0, 3.0]), exclusive=True).numpy().tolist()
        [-inf, 1.0, 2.3132617473602295]
    """
    op = "cumulative_logsumexp"
    t = tensor_arg(x, op)
    if t._value.dtype.kind != "f":
        raise _bad_kind(op, "f", t)
    nd = t._value.ndim
    a = axis if type(axis) is int else int_arg(axis, op)
    if not -nd <= a < nd:
        raise InvalidArgumentError(f"{op}: ScanOp: Expected scan axis in the range [{-nd}, {nd}), but got {a} "
                                   f"(x: {describe(t)})", op=op)
    p = {"axis": a - nd if a >= 0 else a, "exclusive": bool(exclusive), "reverse": bool(reverse)}
    return bind1(M.CUMULATIVE_LOGSUMEXP, t, p)


def scalar_mul(scalar: Any, x: Any, name: str | None = None) -> Tensor:
    """scalar * x, where ``scalar`` is 0-D (converted to x's dtype).

    Example:
        >>> import tapeflow as tf
        >>> tf.math.scalar_mul(2, tf.constant([1.5, -1.0])).numpy().tolist()
        [3.0, -2.0]
    """
    t = tensor_arg(x, "scalar_mul")
    s, t = binary_args(scalar, t, "scalar_mul")
    if s._value.ndim != 0:
        raise ValueError(f"The input scalar must be a 0-D value. Received shape {s.shape}.")
    return bind2(C.MULTIPLY, s, t)


def accumulate_n(inputs: Any, shape: Any = None, tensor_dtype: Any = None, name: str | None = None) -> Tensor:
    """The elementwise sum of a list of same-shape, same-dtype tensors (``tf.math.add_n`` with
    optional ``shape`` / ``tensor_dtype`` checks).

    Example:
        >>> import tapeflow as tf
        >>> a = tf.constant([[1, 2], [3, 4]])
        >>> tf.math.accumulate_n([a, a, a], shape=[2, 2], tensor_dtype=tf.int32).numpy().tolist()
        [[3, 6], [9, 12]]
    """
    def bad() -> ValueError:
        return ValueError("accumulate_n: inputs must be a list of at least one Tensor with the same dtype and shape")

    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise bad()
    ts = [tensor_arg(v, "accumulate_n") for v in inputs]
    if any(t.dtype != ts[0].dtype for t in ts):
        raise bad()
    merged = None if shape is None else tuple(int(d) for d in np.asarray(shape).reshape(-1).tolist()) \
        if not isinstance(shape, (list, tuple)) else tuple(shape)
    for t in ts:
        s = tuple(t._value.shape)
        if merged is not None and (len(merged) != len(s) or any(a is not None and a != b for a, b in zip(merged, s))):
            fmt = "(" + ", ".join(str(d) for d in merged) + ("," if len(merged) == 1 else "") + ")"
            raise ValueError(f"accumulate_n: Shapes {fmt} and {t.shape} are not compatible")
        merged = s
    if tensor_dtype is not None and _dt.as_dtype(tensor_dtype) != ts[0].dtype:
        raise TypeError(
            f"The `tensor_dtype` argument is {_dt.as_dtype(tensor_dtype)}, but `input` is of type {ts[0].dtype}. "
            "These must be equal. Try casting the input to the desired type.")
    if len(ts) == 1:
        return ts[0]
    return add_n(ts)


def _int_div_args(x: Any, y: Any, op: str, kinds: str) -> tuple:
    x, y = binary_args(x, y, op)
    k = x._value.dtype.kind
    if k == "c":
        raise _errors.NotFoundError(f"{op}: no CPU kernel for complex tensors ({describe(x)}, {describe(y)})",
                                    op=op)
    if k not in kinds:
        raise _bad_kind(op, kinds, x, y)
    if k in "iu" and not np.all(y._value):
        raise _errors.InternalError(f"{op}: Integer division by zero ({describe(x)} by {describe(y)})", op=op)
    return x, y


def truncatediv(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x / y rounded toward zero (C division; floats give trunc(x / y)). Not differentiable.
    Integer division by zero raises ``InternalError``, as TF.

    Example:
        >>> import tapeflow as tf
        >>> tf.truncatediv(tf.constant([7, -7]), 2).numpy().tolist()
        [3, -3]
    """
    x, y = _int_div_args(x, y, "truncatediv", "fiu")
    return bind2(M.TRUNCATEDIV, x, y)


def truncatemod(x: Any, y: Any, name: str | None = None) -> Tensor:
    """The remainder of truncatediv: x - truncatediv(x, y) * y (sign of x, like C's fmod).
    TF registers no gradient for it: asking for one raises ``LookupError``.

    Example:
        >>> import tapeflow as tf
        >>> tf.truncatemod(tf.constant([7, -7]), 2).numpy().tolist()
        [1, -1]
    """
    x, y = binary_args(x, y, "truncatemod")
    if x.dtype.name not in ("int32", "int64", "float16", "float32", "float64"):
        raise InvalidArgumentError(
            f"truncatemod: expected int32, int64, float16, float32 or float64 tensors, got {describe(x)} and "
            f"{describe(y)}", op="truncatemod")
    if x._value.dtype.kind == "i" and not np.all(y._value):
        raise _errors.InternalError(f"truncatemod: Integer division by zero ({describe(x)} by {describe(y)})",
                                    op="truncatemod")
    return bind2(M.TRUNCATEMOD, x, y)


def realdiv(x: Any, y: Any, name: str | None = None) -> Tensor:
    """x / y for floating-point or complex tensors (integers raise ``NotFoundError``, as TF on CPU).

    Example:
        >>> import tapeflow as tf
        >>> tf.realdiv(tf.constant([7.0]), 2.0).numpy().tolist()
        [3.5]
    """
    x, y = binary_args(x, y, "realdiv")
    if x._value.dtype.kind not in "fc":
        raise _errors.NotFoundError(
            f"realdiv: no CPU kernel for {x.dtype.name} (floating-point or complex tensors only; got "
            f"{describe(x)} and {describe(y)})", op="realdiv")
    return bind2(C.DIVIDE, x, y)


_NAN_AS_INT = {np.dtype(np.int32): np.iinfo(np.int32).min, np.dtype(np.int64): np.iinfo(np.int64).min,
               np.dtype(np.uint64): 2 ** 63}  # what TF (x86) gives for NaN; other integer types give 0


def _saturation_bounds(in_dt: np.dtype, out_dt: np.dtype) -> tuple | None:
    """(lo, hi) in ``in_dt``: the values of in_dt closest to out_dt's range from inside it, or None
    when no clamping is needed."""
    info_out = np.finfo(out_dt) if out_dt.kind == "f" else np.iinfo(out_dt)
    info_in = np.finfo(in_dt) if in_dt.kind == "f" else np.iinfo(in_dt)
    if float(info_in.min) >= float(info_out.min) and float(info_in.max) <= float(info_out.max) and \
            (in_dt.kind == "f") <= (out_dt.kind == "f"):
        return None
    if in_dt.kind in "iu":
        lo = _builtins.max(int(info_in.min), int(info_out.min) if out_dt.kind in "iu" else -int(info_out.max))
        hi = _builtins.min(int(info_in.max), int(info_out.max))
        return np.asarray(lo, in_dt), np.asarray(hi, in_dt)
    lo_f = np.asarray(_builtins.max(float(info_in.min), float(info_out.min)), in_dt)
    hi_f = np.asarray(_builtins.min(float(info_in.max), float(info_out.max)), in_dt)
    if out_dt.kind in "iu":  # exact comparisons through Python ints
        if int(lo_f) < int(info_out.min):
            lo_f = np.nextafter(lo_f, np.asarray(0, in_dt))
        if int(hi_f) > int(info_out.max):
            hi_f = np.nextafter(hi_f, np.asarray(0, in_dt))
    return lo_f, hi_f


def saturate_cast(value: Any, dtype: Any, name: str | None = None) -> Tensor:
    """Cast to ``dtype``, first clamping values to the range ``dtype`` can hold (no overflow).

    Values clamp to the representable input value nearest to the target's limit from inside (so
    float32 -> int32 saturates at 2147483520, as TF). NaN maps to what TF gives on x86 (0, or the
    most negative int32/int64). Where TF 2.21's own clamp overflows (float -> int64/uint64,
    int64 -> int64/float32) it returns wrapped values; tapeflow returns the saturated ones.
    Complex -> real keeps the real part. Differentiable for float targets (as clip + cast).

    Example:
        >>> import tapeflow as tf
        >>> tf.saturate_cast(tf.constant([-1.5, 300.7, 1e10]), tf.uint8).numpy().tolist()
        [0, 255, 255]
    """
    t = tensor_arg(value, "saturate_cast")
    out = _dt.as_dtype(dtype)
    for d in (t.dtype, out):
        if d._np.kind in "bO":
            raise TypeError(f"Cannot find minimum value of {d} with type {d}.")
    in_np, out_np = t._value.dtype, out._np
    if in_np.kind == "c":
        if out_np.kind == "c":
            if in_np.itemsize > out_np.itemsize:
                big = float(np.finfo(M._REAL_OF[out_np]).max)
                re = bind1(M.REAL, t)
                im = bind1(M.IMAG, t)
                lo, hi = C.scalar_like(-big, re), C.scalar_like(big, re)
                t = bind2(M.COMPLEX, M.clip_raw(re, lo, hi), M.clip_raw(im, lo, hi))
            return C.cast_raw(t, out_np)
        t = bind1(M.REAL, t)
        in_np = t._value.dtype
    target = M._REAL_OF.get(out_np, out_np)
    bounds = _saturation_bounds(in_np, target)
    if bounds is not None:
        t = M.clip_raw(t, Tensor(bounds[0]), Tensor(bounds[1]))
    if in_np.kind == "f" and out_np.kind in "iu":
        v = t._value
        nan = np.isnan(v)
        with np.errstate(invalid="ignore"):
            r = np.where(nan, 0, v).astype(out_np)
        if nan.any():
            r[nan] = _NAN_AS_INT.get(out_np, 0)
        return Tensor(r)
    return C.cast_raw(t, out_np)


__all__ += ["acosh", "asinh", "atanh", "complex", "scalar_mul", "truncatediv", "truncatemod", "realdiv",
            "saturate_cast"]

# tf.math-only names defined above (tapeflow/math.py imports them explicitly)
MATH_ONLY = [
    "erfc", "erfinv", "erfcinv", "ndtri", "lgamma", "digamma", "polygamma", "zeta", "lbeta", "log_sigmoid",
    "multiply_no_nan", "xdivy", "xlogy", "xlog1py", "reciprocal_no_nan", "rint", "polyval",
    "conj", "real", "imag", "angle", "cumulative_logsumexp", "accumulate_n", "nextafter", "bessel_i0",
    "bessel_i0e", "bessel_i1", "bessel_i1e", "igamma", "igammac", "betainc",
]
