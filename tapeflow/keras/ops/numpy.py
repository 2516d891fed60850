"""``keras.ops.numpy``: Keras 3's NumPy-like ops (TensorFlow backend semantics) in tapeflow ops.

Inputs may be tapeflow Tensors or Variables, NumPy arrays, Python scalars or nested lists. Results
are tapeflow Tensors, differentiable wherever Keras's TensorFlow backend is. Dtypes follow Keras 3's
promotion (``_common.result_type``): ``add(int32 tensor, 1.5)`` is float32, ``add(int8, uint8)``
int16, a Python scalar adapts to the tensor's kind; integer inputs to float math (``sqrt``, ``log``,
``mean``...) give floatx.

Example:
    >>> import tapeflow as tf
    >>> add(tf.constant([1, 2]), 1.5).numpy().tolist()
    [2.5, 3.5]
    >>> mean([1, 2, 4]).dtype.name
    'float32'
"""

from __future__ import annotations

import builtins
import math as _math
from typing import Any, Callable

import numpy as np

import tapeflow as tf

from ...tensor import Tensor, Variable
from ._common import (
    axis_tuple,
    binary_strong,
    binary_weak,
    canonical_axis,
    convert,
    dtype_of,
    floatx,
    int_or_bool_to_float,
    name_of,
    result_type,
    shape_tuple,
    standardize_dtype,
    to_float,
    wrap_symbolic,
)
from ._common import cast as _cast

_INT_SMALL = ("bool", "int8", "int16")
_UINT_SMALL = ("uint8", "uint16")


def _sum_dtype(n: str) -> str:
    """The accumulation dtype of sum/prod/trace (JAX's rule): small ints widen to 32 bits."""
    return "int32" if n in _INT_SMALL else "uint32" if n in _UINT_SMALL else n


def _axis_arg(axis: Any) -> Any:
    if isinstance(axis, list):
        return tuple(axis)
    return axis


# --------------------------------------------------------------------------------------------------
# element-wise unary math
# --------------------------------------------------------------------------------------------------


def _float_unary(fn: Callable, name: str, doc: str) -> Callable:
    def op(x: Any) -> Tensor:
        return fn(to_float(x))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = doc
    return op


arccos = _float_unary(tf.math.acos, "arccos", """Trigonometric inverse cosine, element-wise (integers give floatx).

    Example:
        >>> arccos([1.0, 0.0]).numpy().tolist()
        [0.0, 1.5707963705062866]
    """)
arccosh = _float_unary(tf.math.acosh, "arccosh", """Inverse hyperbolic cosine, element-wise.

    Example:
        >>> print(arccosh([1.0, 2.0]).numpy().round(4))
        [0.    1.317]
    """)
arcsin = _float_unary(tf.math.asin, "arcsin", """Inverse sine, element-wise.

    Example:
        >>> arcsin([0.0, 1.0]).numpy().tolist()
        [0.0, 1.5707963705062866]
    """)
arcsinh = _float_unary(tf.math.asinh, "arcsinh", """Inverse hyperbolic sine, element-wise.

    Example:
        >>> print(arcsinh([0.0, 1.0]).numpy().round(4))
        [0.     0.8814]
    """)
arctan = _float_unary(tf.math.atan, "arctan", """Inverse tangent, element-wise.

    Example:
        >>> print(arctan([0.0, 1.0]).numpy().round(4))
        [0.     0.7854]
    """)
arctanh = _float_unary(tf.math.atanh, "arctanh", """Inverse hyperbolic tangent, element-wise.

    Example:
        >>> print(arctanh([0.0, 0.5]).numpy().round(4))
        [0.     0.5493]
    """)
ceil = _float_unary(tf.math.ceil, "ceil", """Ceiling, element-wise (integer input gives floatx, as Keras).

    Example:
        >>> ceil([1.2, -1.5]).numpy().tolist()
        [2.0, -1.0]
    """)
cos = _float_unary(tf.math.cos, "cos", """Cosine, element-wise.

    Example:
        >>> cos([0.0]).numpy().tolist()
        [1.0]
    """)
cosh = _float_unary(tf.math.cosh, "cosh", """Hyperbolic cosine, element-wise.

    Example:
        >>> cosh([0.0]).numpy().tolist()
        [1.0]
    """)
floor = _float_unary(tf.math.floor, "floor", """Floor, element-wise (integer input gives floatx, as Keras).

    Example:
        >>> floor([1.7, -1.5]).numpy().tolist()
        [1.0, -2.0]
    """)
log = _float_unary(tf.math.log, "log", """Natural logarithm, element-wise.

    Example:
        >>> log([1.0]).numpy().tolist()
        [0.0]
    """)
log1p = _float_unary(tf.math.log1p, "log1p", """log(1 + x), element-wise.

    Example:
        >>> log1p([0.0]).numpy().tolist()
        [0.0]
    """)
sin = _float_unary(tf.math.sin, "sin", """Sine, element-wise.

    Example:
        >>> sin([0.0]).numpy().tolist()
        [0.0]
    """)
sinh = _float_unary(tf.math.sinh, "sinh", """Hyperbolic sine, element-wise.

    Example:
        >>> sinh([0.0]).numpy().tolist()
        [0.0]
    """)
tan = _float_unary(tf.math.tan, "tan", """Tangent, element-wise.

    Example:
        >>> tan([0.0]).numpy().tolist()
        [0.0]
    """)
tanh = _float_unary(tf.math.tanh, "tanh", """Hyperbolic tangent, element-wise.

    Example:
        >>> tanh([0.0]).numpy().tolist()
        [0.0]
    """)
sqrt = _float_unary(tf.math.sqrt, "sqrt", """Square root, element-wise (integers give floatx).

    Example:
        >>> sqrt([4, 9]).numpy().tolist()
        [2.0, 3.0]
    """)


def log10(x: Any) -> Tensor:
    """Base-10 logarithm, element-wise (``log(x) / log(10)``).

    Example:
        >>> log10([100.0]).numpy().tolist()
        [2.0]
    """
    x = to_float(x)
    return tf.math.log(x) / tf.math.log(tf.constant(10, x.dtype))


def log2(x: Any) -> Tensor:
    """Base-2 logarithm, element-wise (``log(x) / log(2)``).

    Example:
        >>> log2([8.0]).numpy().tolist()
        [3.0]
    """
    x = to_float(x)
    return tf.math.log(x) / tf.math.log(tf.constant(2, x.dtype))


def sinc(x: Any) -> Tensor:
    """Normalized sinc, ``sin(pi x) / (pi x)`` (1 at 0), element-wise.

    Example:
        >>> print(sinc([0.0, 0.5]).numpy().round(4))
        [1.     0.6366]
    """
    x = to_float(x)
    zero = tf.equal(x, 0)
    pix = tf.where(zero, tf.ones_like(x), x) * tf.constant(np.pi, x.dtype)  # no 0/0 (nor NaN gradient) at 0
    return tf.where(zero, tf.ones_like(x), tf.math.sin(pix) / pix)


def exp(x: Any) -> Tensor:
    """Exponential, element-wise (integers and bools give floatx; float16 stays float16).

    Example:
        >>> exp([0.0]).numpy().tolist()
        [1.0]
    """
    return tf.math.exp(int_or_bool_to_float(x))


def expm1(x: Any) -> Tensor:
    """exp(x) - 1, element-wise.

    Example:
        >>> expm1([0.0]).numpy().tolist()
        [0.0]
    """
    return tf.math.expm1(int_or_bool_to_float(x))


def exp2(x: Any) -> Tensor:
    """2 ** x, element-wise.

    Example:
        >>> exp2([3]).numpy().tolist()
        [8.0]
    """
    x = int_or_bool_to_float(x)
    return tf.math.pow(tf.constant(2.0, x.dtype), x)


def absolute(x: Any) -> Tensor:
    """Absolute value, element-wise (unsigned and bool inputs come back unchanged).

    Example:
        >>> absolute([-1, 2]).numpy().tolist()
        [1, 2]
    """
    x = convert(x)
    n = name_of(x)
    if "uint" in n or n == "bool":
        return x
    return tf.math.abs(x)


def abs(x: Any) -> Tensor:  # noqa: A001  (Keras's name)
    """Absolute value, element-wise (``absolute``).

    Example:
        >>> abs([-1.5]).numpy().tolist()
        [1.5]
    """
    return absolute(x)


def fabs(x: Any) -> Tensor:
    """Absolute value as a float (integers and bools give floatx; complex input is a TypeError).

    Example:
        >>> fabs([-2]).numpy().tolist()
        [2.0]
    """
    x = convert(x)
    n = name_of(x)
    if "complex" in n:
        raise TypeError(f"fabs does not support complex inputs. Received: x.dtype={n}")
    if "int" in n or n == "bool":
        x = _cast(x, floatx())
    return tf.math.abs(x)


def negative(x: Any) -> Tensor:
    """Numerical negative, element-wise.

    Example:
        >>> negative([1, -2]).numpy().tolist()
        [-1, 2]
    """
    return tf.math.negative(convert(x))


def sign(x: Any) -> Tensor:
    """-1, 0 or 1 by the sign of each element (NaN stays NaN).

    Example:
        >>> sign([-3.0, 0.0, 2.0]).numpy().tolist()
        [-1.0, 0.0, 1.0]
    """
    x = convert(x)
    n = name_of(x)
    if n in ("uint8", "uint16", "uint32"):
        return _cast(tf.math.sign(_cast(x, "int32")), n)
    return tf.math.sign(x)


def square(x: Any) -> Tensor:
    """x * x, element-wise (bools become int32 first).

    Example:
        >>> square([2, -3]).numpy().tolist()
        [4, 9]
    """
    x = convert(x)
    if name_of(x) == "bool":
        x = _cast(x, "int32")
    return tf.math.square(x)


def reciprocal(x: Any) -> Tensor:
    """1 / x, element-wise.

    Example:
        >>> reciprocal([2.0, 4.0]).numpy().tolist()
        [0.5, 0.25]
    """
    return tf.math.reciprocal(convert(x))


def round(x: Any, decimals: int = 0) -> Tensor:  # noqa: A001  (Keras's name)
    """Round half to even, to ``decimals`` places (integers with negative ``decimals`` round in floatx).

    Example:
        >>> round([0.5, 1.5, 2.675], decimals=0).numpy().tolist()
        [0.0, 2.0, 3.0]
    """
    x = convert(x)
    if decimals == 0:
        return tf.math.round(x)
    n = name_of(x)
    if "int" in n:
        if decimals > 0:
            return x
        factor = tf.cast(_math.pow(10, decimals), floatx())
        y = _cast(x, floatx())
    else:
        factor = tf.cast(_math.pow(10, decimals), n)
        y = x
    return _cast(tf.math.round(y * factor) / factor, n)


def trunc(x: Any) -> Tensor:
    """Round toward zero, element-wise (integer and bool inputs come back unchanged).

    Example:
        >>> trunc([-1.7, 1.7]).numpy().tolist()
        [-1.0, 1.0]
    """
    x = convert(x)
    n = name_of(x)
    if n == "bool" or "int" in n:
        return x
    return tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x))


def conjugate(x: Any) -> Tensor:
    """Complex conjugate, element-wise (real input unchanged).

    Example:
        >>> conjugate([1 + 2j]).numpy().tolist()
        [(1-2j)]
    """
    return tf.math.conj(convert(x))


def conj(x: Any) -> Tensor:
    """Complex conjugate (``conjugate``).

    Example:
        >>> conj([1.0]).numpy().tolist()
        [1.0]
    """
    return conjugate(x)


def real(x: Any) -> Tensor:
    """Real part, element-wise.

    Example:
        >>> real([1 + 2j]).numpy().tolist()
        [1.0]
    """
    return tf.math.real(convert(x))


def imag(x: Any) -> Tensor:
    """Imaginary part, element-wise (zeros for real input).

    Example:
        >>> imag([1 + 2j]).numpy().tolist()
        [2.0]
    """
    return tf.math.imag(convert(x))


def angle(x: Any) -> Tensor:
    """The complex argument, element-wise (0 or pi for real input).

    Example:
        >>> print(angle([1j, -1.0]).numpy().round(4))
        [1.5708 3.1416]
    """
    x = convert(x)
    n = name_of(x)
    x = _cast(x, floatx() if n == "int64" else result_type(n, float))
    return tf.math.angle(x)


def cbrt(x: Any) -> Tensor:
    """Cube root, element-wise (``sign(x) * |x| ** (1/3)``).

    Example:
        >>> print(cbrt([-8.0, 27.0]).numpy().round(4))
        [-2.  3.]
    """
    x = convert(x)
    n = name_of(x)
    if n == "int64":
        x = _cast(x, "float64")
    elif n not in ("float16", "float64"):
        x = _cast(x, floatx())
    return tf.math.sign(x) * tf.math.pow(tf.math.abs(x), tf.constant(1.0 / 3.0, x.dtype))


def _angle_units(x: Any) -> Tensor:
    x = convert(x)
    n = name_of(x)
    if n in ("bool", "int8", "int16", "int32", "uint8", "uint16", "uint32"):
        x = _cast(x, floatx())
    elif n == "int64":
        x = _cast(x, "float64")
    return x


def deg2rad(x: Any) -> Tensor:
    """Degrees to radians, element-wise.

    Example:
        >>> print(deg2rad([180]).numpy().round(4))
        [3.1416]
    """
    x = _angle_units(x)
    return x * (tf.constant(_math.pi, x.dtype) / tf.constant(180.0, x.dtype))


def rad2deg(x: Any) -> Tensor:
    """Radians to degrees, element-wise.

    Example:
        >>> print(rad2deg([np.pi]).numpy().round(4))
        [180.]
    """
    x = _angle_units(x)
    return x * (tf.constant(180.0, x.dtype) / tf.constant(_math.pi, x.dtype))


def i0(x: Any) -> Tensor:
    """Modified Bessel function of the first kind, order 0.

    Example:
        >>> print(i0([0.0, 1.0]).numpy().round(4))
        [1.     1.2661]
    """
    x = convert(x)
    n = name_of(x)
    target = "float64" if n in ("int64", "float64") else n if n == "float16" else floatx()
    return tf.math.bessel_i0(_cast(x, target))


def signbit(x: Any) -> Tensor:
    """True where the sign bit is set (also for -0.0 and negative NaN).

    Example:
        >>> signbit([-0.0, 0.0, -2.0]).numpy().tolist()
        [True, False, True]
    """
    x = convert(x)
    n = name_of(x)
    if n == "bool":
        return tf.fill(tf.shape(x), False)
    if "int" in n:
        return x < 0
    bits = tf.bitcast(_cast(x, "float32"), tf.int32)
    return tf.less(tf.bitwise.bitwise_and(bits, tf.constant(-(2**31), tf.int32)), 0)


def nan_to_num(x: Any, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None) -> Tensor:
    """Replace NaN by ``nan``, +inf by ``posinf`` (default: the dtype's max) and -inf by ``neginf``.

    Example:
        >>> nan_to_num([np.nan, np.inf, 1.0], posinf=9.0).numpy().tolist()
        [0.0, 9.0, 1.0]
    """
    x = convert(x)
    n = name_of(x)
    if n[0] not in "fc":
        return x
    dt = x.dtype
    x = tf.where(tf.math.is_nan(x), tf.constant(nan, dt), x)
    big = dt.max if posinf is None else posinf
    x = tf.where(tf.math.is_inf(x) & (x > 0), tf.constant(big, dt), x)
    small = dt.min if neginf is None else neginf
    return tf.where(tf.math.is_inf(x) & (x < 0), tf.constant(small, dt), x)


def _pred_not_float(x: Tensor) -> bool:
    return name_of(x)[0] not in "fc"


def isfinite(x: Any) -> Tensor:
    """True where finite (always for integers and bools).

    Example:
        >>> isfinite([1.0, np.inf, np.nan]).numpy().tolist()
        [True, False, False]
    """
    x = convert(x)
    if _pred_not_float(x):
        return tf.ones(x.shape, tf.bool)
    return tf.math.is_finite(x)


def isinf(x: Any) -> Tensor:
    """True where +-inf.

    Example:
        >>> isinf([1.0, -np.inf]).numpy().tolist()
        [False, True]
    """
    x = convert(x)
    if _pred_not_float(x):
        return tf.zeros(x.shape, tf.bool)
    return tf.math.is_inf(x)


def isnan(x: Any) -> Tensor:
    """True where NaN.

    Example:
        >>> isnan([1.0, np.nan]).numpy().tolist()
        [False, True]
    """
    x = convert(x)
    if _pred_not_float(x):
        return tf.zeros(x.shape, tf.bool)
    return tf.math.is_nan(x)


def isneginf(x: Any) -> Tensor:
    """True where -inf.

    Example:
        >>> isneginf([-np.inf, np.inf]).numpy().tolist()
        [True, False]
    """
    x = convert(x)
    if _pred_not_float(x):
        return tf.zeros(x.shape, tf.bool)
    return tf.equal(x, tf.constant(-np.inf, x.dtype))


def isposinf(x: Any) -> Tensor:
    """True where +inf.

    Example:
        >>> isposinf([-np.inf, np.inf]).numpy().tolist()
        [False, True]
    """
    x = convert(x)
    if _pred_not_float(x):
        return tf.zeros(x.shape, tf.bool)
    return tf.equal(x, tf.constant(np.inf, x.dtype))


def isreal(x: Any) -> Tensor:
    """True where the imaginary part is 0 (always for real dtypes).

    Example:
        >>> isreal([1 + 0j, 1j]).numpy().tolist()
        [True, False]
    """
    x = convert(x)
    if name_of(x).startswith("complex"):
        return tf.equal(tf.math.imag(x), 0)
    return tf.ones(x.shape, tf.bool)


# --------------------------------------------------------------------------------------------------
# element-wise binary math
# --------------------------------------------------------------------------------------------------


def add(x1: Any, x2: Any) -> Tensor:
    """x1 + x2 with broadcasting and Keras's promotion (a Python scalar takes the tensor's kind).

    Example:
        >>> import tapeflow as tf
        >>> add(tf.constant([1, 2], tf.int8), 1).dtype.name, add([1, 2], 1.5).numpy().tolist()
        ('int8', [2.5, 3.5])
    """
    a, b = binary_weak(x1, x2)
    return tf.math.add(a, b)


def subtract(x1: Any, x2: Any) -> Tensor:
    """x1 - x2 with broadcasting and Keras's promotion.

    Example:
        >>> subtract([3, 4], 1).numpy().tolist()
        [2, 3]
    """
    a, b = binary_weak(x1, x2)
    return tf.math.subtract(a, b)


def multiply(x1: Any, x2: Any) -> Tensor:
    """x1 * x2 with broadcasting and Keras's promotion.

    Example:
        >>> multiply([1, 2], 0.5).numpy().tolist()
        [0.5, 1.0]
    """
    a, b = binary_weak(x1, x2)
    return tf.math.multiply(a, b)


def divide(x1: Any, x2: Any) -> Tensor:
    """x1 / x2, always a float result (integers divide in floatx).

    Example:
        >>> divide([1, 3], 2).numpy().tolist()
        [0.5, 1.5]
    """
    a, b = binary_weak(x1, x2, float)
    return tf.math.divide(a, b)


def true_divide(x1: Any, x2: Any) -> Tensor:
    """x1 / x2 (``divide``).

    Example:
        >>> true_divide([1], [4]).numpy().tolist()
        [0.25]
    """
    return divide(x1, x2)


def divide_no_nan(x1: Any, x2: Any) -> Tensor:
    """x1 / x2, with 0 where x2 is 0.

    Example:
        >>> divide_no_nan([1.0, 2.0], [0.0, 4.0]).numpy().tolist()
        [0.0, 0.5]
    """
    a, b = binary_weak(x1, x2, float)
    return tf.math.divide_no_nan(a, b)


def floor_divide(x1: Any, x2: Any) -> Tensor:
    """Floor of x1 / x2 (in the promoted dtype).

    Example:
        >>> floor_divide([7, -7], 2).numpy().tolist()
        [3, -4]
    """
    a, b = binary_weak(x1, x2)
    return tf.math.floordiv(a, b)


def power(x1: Any, x2: Any) -> Tensor:
    """x1 ** x2 with Keras's promotion.

    Example:
        >>> power([2, 3], 2).numpy().tolist()
        [4, 9]
    """
    dt = result_type(dtype_of(x1), dtype_of(x2))
    if "uint" in dt:
        return _cast(tf.math.pow(convert(x1, "int32"), convert(x2, "int32")), dt)
    a, b = convert(x1, dt), convert(x2, dt)
    return tf.math.pow(a, b)


def maximum(x1: Any, x2: Any) -> Tensor:
    """Element-wise maximum (NaN propagates).

    Example:
        >>> maximum([1, 5], 3).numpy().tolist()
        [3, 5]
    """
    a, b = binary_weak(x1, x2)
    return tf.math.maximum(a, b)


def minimum(x1: Any, x2: Any) -> Tensor:
    """Element-wise minimum (NaN propagates).

    Example:
        >>> minimum([1, 5], 3).numpy().tolist()
        [1, 3]
    """
    a, b = binary_weak(x1, x2)
    return tf.math.minimum(a, b)


def fmax(x1: Any, x2: Any) -> Tensor:
    """Element-wise maximum that ignores a NaN operand.

    Example:
        >>> fmax([np.nan, 1.0], [2.0, np.nan]).numpy().tolist()
        [2.0, 1.0]
    """
    a, b = binary_weak(x1, x2)
    res = tf.math.maximum(a, b)
    if name_of(res)[0] != "f":
        return res
    na, nb = tf.math.is_nan(a), tf.math.is_nan(b)
    res = tf.where(na & ~nb, b, res)
    return tf.where(nb & ~na, a, res)


def fmin(x1: Any, x2: Any) -> Tensor:
    """Element-wise minimum that ignores a NaN operand.

    Example:
        >>> fmin([np.nan, 1.0], [2.0, np.nan]).numpy().tolist()
        [2.0, 1.0]
    """
    a, b = binary_weak(x1, x2)
    res = tf.math.minimum(a, b)
    if name_of(res)[0] != "f":
        return res
    na, nb = tf.math.is_nan(a), tf.math.is_nan(b)
    res = tf.where(na & ~nb, b, res)
    return tf.where(nb & ~na, a, res)


def mod(x1: Any, x2: Any) -> Tensor:
    """Floored remainder (sign of the divisor); bools compute in int32.

    Example:
        >>> mod([5, -5], 3).numpy().tolist()
        [2, 1]
    """
    a, b = binary_strong(x1, x2)
    if name_of(a) == "bool":
        a, b = _cast(a, "int32"), _cast(b, "int32")
    return tf.math.floormod(a, b)


def fmod(x1: Any, x2: Any) -> Tensor:
    """C-style remainder (sign of the dividend).

    Example:
        >>> fmod([5, -5], 3).numpy().tolist()
        [2, -2]
    """
    a, b = binary_strong(x1, x2)
    dt = name_of(a)
    if dt == "bool":
        dt = "int32"
    compute = "int32" if dt in ("uint8", "uint16", "uint32") else dt
    a, b = _cast(a, compute), _cast(b, compute)
    return _cast(tf.math.sign(a) * tf.math.floormod(tf.math.abs(a), tf.math.abs(b)), dt)


def arctan2(x1: Any, x2: Any) -> Tensor:
    """Element-wise arc tangent of x1 / x2, choosing the quadrant.

    Example:
        >>> print(arctan2([1.0], [-1.0]).numpy().round(4))
        [2.3562]
    """
    a, b = binary_strong(x1, x2, float)
    return tf.math.atan2(a, b)


def hypot(x1: Any, x2: Any) -> Tensor:
    """sqrt(x1**2 + x2**2), computed without overflow.

    Example:
        >>> hypot([3.0], [4.0]).numpy().tolist()
        [5.0]
    """
    a, b = binary_strong(x1, x2)
    dt = name_of(a)
    if dt in ("int8", "int16", "int32", "uint8", "uint16", "uint32"):
        dt = floatx()
    elif dt == "int64":
        dt = "float64"
    a, b = tf.math.abs(_cast(a, dt)), tf.math.abs(_cast(b, dt))
    big, small = tf.math.maximum(a, b), tf.math.minimum(a, b)
    ratio = tf.math.divide_no_nan(small, big)
    return big * tf.math.sqrt(1.0 + tf.math.square(ratio))


def heaviside(x1: Any, x2: Any) -> Tensor:
    """Heaviside step: 0 where x1 < 0, 1 where x1 > 0, x2 where x1 == 0.

    Example:
        >>> heaviside([-1.0, 0.0, 2.0], 0.5).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    a, b = binary_strong(x1, x2)
    dt = name_of(a)
    if dt in ("int8", "int16", "int32", "uint8", "uint16", "uint32"):
        dt = floatx()
    elif dt == "int64":
        dt = "float64"
    a, b = _cast(a, dt), _cast(b, dt)
    return tf.where(a < 0, tf.zeros_like(a), tf.where(a > 0, tf.ones_like(a), b))


def logaddexp(x1: Any, x2: Any) -> Tensor:
    """log(exp(x1) + exp(x2)), computed stably.

    Example:
        >>> print(logaddexp([0.0], [0.0]).numpy().round(4))
        [0.6931]
    """
    a, b = binary_strong(x1, x2, float)
    delta = a - b
    return tf.where(tf.math.is_nan(delta), a + b,
                    tf.math.maximum(a, b) + tf.math.log1p(tf.math.exp(-tf.math.abs(delta))))


def logaddexp2(x1: Any, x2: Any) -> Tensor:
    """log2(2**x1 + 2**x2), computed stably.

    Example:
        >>> logaddexp2([1.0], [1.0]).numpy().tolist()
        [2.0]
    """
    a, b = binary_strong(x1, x2, float)
    delta = a - b
    ln2 = tf.cast(tf.math.log(2.0), a.dtype)
    return tf.where(tf.math.is_nan(delta), a + b,
                    tf.math.maximum(a, b) + tf.math.log1p(tf.math.exp(-tf.math.abs(delta) * ln2)) / ln2)


def nextafter(x1: Any, x2: Any) -> Tensor:
    """The next representable float after x1 toward x2 (computed in float64, as Keras on TF).

    Example:
        >>> nextafter(np.array([1.0]), np.array([2.0])).numpy().tolist()
        [1.0000000000000002]
    """
    a, b = convert(x1), convert(x2)
    dt = result_type(name_of(a), name_of(b), float)
    return _cast(tf.math.nextafter(_cast(a, "float64"), _cast(b, "float64")), dt)


def ldexp(x1: Any, x2: Any) -> Tensor:
    """x1 * 2 ** x2 (x2 must be an integer tensor).

    Example:
        >>> ldexp([1.0, 3.0], [2, 1]).numpy().tolist()
        [4.0, 6.0]
    """
    a, b = convert(x1), convert(x2)
    dt = result_type(name_of(a), name_of(b), float)
    if "int" not in name_of(b):
        raise TypeError(f"ldexp exponent must be an integer type. Received: x2 dtype={name_of(b)}")
    a = _cast(a, dt)
    b = _cast(b, dt)
    res = a * tf.math.pow(tf.constant(2.0, a.dtype), b)
    return tf.where(tf.math.is_inf(a) | tf.equal(a, 0), a, res)


def _compare(fn: Callable, name: str, doc: str) -> Callable:
    def op(x1: Any, x2: Any) -> Tensor:
        a, b = binary_strong(x1, x2)
        return fn(a, b)

    op.__name__ = op.__qualname__ = name
    op.__doc__ = doc
    return op


equal = _compare(tf.math.equal, "equal", """x1 == x2, element-wise (after promotion).

    Example:
        >>> equal([1, 2], [1.0, 3.0]).numpy().tolist()
        [True, False]
    """)
not_equal = _compare(tf.math.not_equal, "not_equal", """x1 != x2, element-wise.

    Example:
        >>> not_equal([1, 2], 2).numpy().tolist()
        [True, False]
    """)
greater = _compare(tf.math.greater, "greater", """x1 > x2, element-wise.

    Example:
        >>> greater([1, 3], 2).numpy().tolist()
        [False, True]
    """)
greater_equal = _compare(tf.math.greater_equal, "greater_equal", """x1 >= x2, element-wise.

    Example:
        >>> greater_equal([1, 2], 2).numpy().tolist()
        [False, True]
    """)
less = _compare(tf.math.less, "less", """x1 < x2, element-wise.

    Example:
        >>> less([1, 3], 2).numpy().tolist()
        [True, False]
    """)
less_equal = _compare(tf.math.less_equal, "less_equal", """x1 <= x2, element-wise.

    Example:
        >>> less_equal([2, 3], 2).numpy().tolist()
        [True, False]
    """)


def isclose(x1: Any, x2: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> Tensor:
    """|x1 - x2| <= atol + rtol * |x2|, element-wise (exact equality for non-floats).

    Example:
        >>> isclose([1.0, 1.0], [1.0 + 1e-9, 1.1]).numpy().tolist()
        [True, False]
    """
    a, b = binary_strong(x1, x2)
    if "float" not in name_of(a):
        return tf.equal(a, b)
    res = tf.math.abs(a - b) <= (atol + rtol * tf.math.abs(b))
    if equal_nan:
        res = res | (tf.math.is_nan(a) & tf.math.is_nan(b))
    return res


def allclose(x1: Any, x2: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> Tensor:
    """True when every pair is close (equal infinities count as close).

    Example:
        >>> bool(allclose([1.0, np.inf], [1.0, np.inf]))
        True
    """
    a, b = binary_strong(x1, x2)
    if "float" not in name_of(a):
        return tf.reduce_all(tf.equal(a, b))
    finite = tf.math.is_finite(a) & tf.math.is_finite(b)
    fa, fb = tf.where(finite, a, tf.zeros_like(a)), tf.where(finite, b, tf.zeros_like(b))  # no inf - inf
    close = tf.math.abs(fa - fb) <= (atol + rtol * tf.math.abs(fb))
    res = (finite & close) | tf.equal(a, b)
    if equal_nan:
        res = res | (tf.math.is_nan(a) & tf.math.is_nan(b))
    return tf.reduce_all(res)


def clip(x: Any, x_min: Any, x_max: Any) -> Tensor:
    """``x`` limited to [x_min, x_max] (bools become int32 first).

    Example:
        >>> clip([-1.0, 0.5, 3.0], 0.0, 1.0).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    x = convert(x)
    if name_of(x) == "bool":
        x = _cast(x, "int32")
    return tf.clip_by_value(x, x_min, x_max)


def _as_bool(x: Any) -> Tensor:
    return _cast(convert(x), "bool")


def logical_and(x1: Any, x2: Any) -> Tensor:
    """Truth of x1 AND x2 (non-zero is true).

    Example:
        >>> logical_and([1, 0, 2], [1, 1, 0]).numpy().tolist()
        [True, False, False]
    """
    return tf.math.logical_and(_as_bool(x1), _as_bool(x2))


def logical_or(x1: Any, x2: Any) -> Tensor:
    """Truth of x1 OR x2.

    Example:
        >>> logical_or([1, 0, 0], [0, 0, 3]).numpy().tolist()
        [True, False, True]
    """
    return tf.math.logical_or(_as_bool(x1), _as_bool(x2))


def logical_xor(x1: Any, x2: Any) -> Tensor:
    """Truth of x1 XOR x2.

    Example:
        >>> logical_xor([1, 0, 1], [1, 0, 0]).numpy().tolist()
        [False, False, True]
    """
    return tf.math.logical_xor(_as_bool(x1), _as_bool(x2))


def logical_not(x: Any) -> Tensor:
    """Truth of NOT x.

    Example:
        >>> logical_not([0, 2]).numpy().tolist()
        [True, False]
    """
    return tf.math.logical_not(_as_bool(x))


def _bitwise(fn: Callable, name: str, doc: str) -> Callable:
    def op(x: Any, y: Any) -> Tensor:
        a, b = binary_strong(x, y)
        return fn(a, b)

    op.__name__ = op.__qualname__ = name
    op.__doc__ = doc
    return op


bitwise_and = _bitwise(tf.bitwise.bitwise_and, "bitwise_and", """Bit-wise AND of integers.

    Example:
        >>> bitwise_and([12], [10]).numpy().tolist()
        [8]
    """)
bitwise_or = _bitwise(tf.bitwise.bitwise_or, "bitwise_or", """Bit-wise OR of integers.

    Example:
        >>> bitwise_or([12], [10]).numpy().tolist()
        [14]
    """)
bitwise_xor = _bitwise(tf.bitwise.bitwise_xor, "bitwise_xor", """Bit-wise XOR of integers.

    Example:
        >>> bitwise_xor([12], [10]).numpy().tolist()
        [6]
    """)


def bitwise_invert(x: Any) -> Tensor:
    """Bit-wise NOT of integers.

    Example:
        >>> bitwise_invert([0, 5]).numpy().tolist()
        [-1, -6]
    """
    return tf.bitwise.invert(convert(x))


def bitwise_not(x: Any) -> Tensor:
    """Bit-wise NOT of integers (``bitwise_invert``).

    Example:
        >>> bitwise_not([1]).numpy().tolist()
        [-2]
    """
    return bitwise_invert(x)


def _shift_args(x: Any, y: Any) -> tuple:
    a = convert(x)
    if isinstance(y, int) and not isinstance(y, builtins.bool):
        b = convert(y, name_of(a))
    else:
        b = convert(y)
        dt = result_type(name_of(a), name_of(b))
        a, b = _cast(a, dt), _cast(b, dt)
    if "int" not in name_of(a):
        raise TypeError(f"bitwise shifts need integer tensors; got {name_of(a)}")
    bits = a.dtype.size * 8
    # TF clamps the shift amount to [0, bits - 1]
    return a, tf.clip_by_value(b, tf.constant(0, b.dtype), tf.constant(bits - 1, b.dtype)), bits


def bitwise_left_shift(x: Any, y: Any) -> Tensor:
    """x shifted left by y bits (wrapping; shifts are clamped to [0, bits - 1] as TF does).

    Example:
        >>> bitwise_left_shift([1, 3], 2).numpy().tolist()
        [4, 12]
    """
    a, s, _ = _shift_args(x, y)
    return a * tf.math.pow(tf.constant(2, a.dtype), s)


def left_shift(x: Any, y: Any) -> Tensor:
    """x shifted left by y bits (``bitwise_left_shift``).

    Example:
        >>> left_shift([1], 3).numpy().tolist()
        [8]
    """
    return bitwise_left_shift(x, y)


def bitwise_right_shift(x: Any, y: Any) -> Tensor:
    """x shifted right by y bits (arithmetic for signed integers; shifts clamped to [0, bits - 1]).

    Example:
        >>> bitwise_right_shift([-7, 12], 2).numpy().tolist()
        [-2, 3]
    """
    a, s, bits = _shift_args(x, y)
    first = tf.minimum(s, tf.constant(bits - 2, s.dtype))  # 2 ** first fits even in a signed dtype
    two = tf.constant(2, a.dtype)
    out = tf.math.floordiv(a, tf.math.pow(two, first))
    return tf.math.floordiv(out, tf.math.pow(two, s - first))


def right_shift(x: Any, y: Any) -> Tensor:
    """x shifted right by y bits (``bitwise_right_shift``).

    Example:
        >>> right_shift([16], 3).numpy().tolist()
        [2]
    """
    return bitwise_right_shift(x, y)


def gcd(x1: Any, x2: Any) -> Tensor:
    """Greatest common divisor of integers, element-wise (non-negative).

    Example:
        >>> gcd([12, -9, 0], [18, 6, 5]).numpy().tolist()
        [6, 3, 5]
    """
    a, b = tf.convert_to_tensor(x1), tf.convert_to_tensor(x2)
    dt = result_type(name_of(a), name_of(b))
    a, b = _cast(a, dt), _cast(b, dt)
    if "int" not in dt:
        raise TypeError("Arguments to gcd must be integers.")
    shape = tf.broadcast_static_shape(a.shape, b.shape)
    a, b = tf.broadcast_to(a, shape), tf.broadcast_to(b, shape)
    if not dt.startswith("u"):
        a, b = tf.math.abs(a), tf.math.abs(b)
    while bool(tf.reduce_any(tf.not_equal(b, 0))):
        nz = tf.not_equal(b, 0)
        safe = tf.where(nz, b, tf.ones_like(b))
        a, b = tf.where(nz, b, a), tf.where(nz, tf.math.floormod(a, safe), tf.zeros_like(b))
    return a


def lcm(x1: Any, x2: Any) -> Tensor:
    """Least common multiple of integers, element-wise (0 when either is 0).

    Example:
        >>> lcm([4, 0], [6, 3]).numpy().tolist()
        [12, 0]
    """
    a, b = convert(x1), convert(x2)
    if "int" not in name_of(a) or "int" not in name_of(b):
        raise TypeError(f"Arguments to lcm must be integers. Received: x1.dtype={name_of(a)}, x2.dtype={name_of(b)}")
    dt = result_type(name_of(a), name_of(b))
    a, b = _cast(a, dt), _cast(b, dt)
    if not dt.startswith("u"):
        a, b = tf.math.abs(a), tf.math.abs(b)
    d = gcd(a, b)
    safe = tf.where(tf.equal(d, 0), tf.ones_like(d), d)
    res = a * tf.math.floordiv(b, safe)
    return tf.where(tf.equal(d, 0), tf.zeros_like(res), res)


def where(condition: Any, x1: Any = None, x2: Any = None) -> Any:
    """Elements of x1 where ``condition`` holds, else of x2; with one argument, ``nonzero(condition)``.

    Example:
        >>> where([True, False], [1, 2], 0.5).numpy().tolist()
        [1.0, 0.5]
    """
    if (x1 is None) != (x2 is None):
        raise ValueError("`x1` and `x2` either both should be `None` or both should have non-None value.")
    cond = _as_bool(condition)
    if x1 is None:
        return nonzero(cond)
    a, b = binary_weak(x1, x2)
    return tf.where(cond, a, b)


# --------------------------------------------------------------------------------------------------
# reductions
# --------------------------------------------------------------------------------------------------


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:  # noqa: A001  (Keras's name)
    """Sum over ``axis`` (bool/int8/int16 accumulate in int32, uint8/uint16 in uint32).

    Example:
        >>> sum([[1, 2], [3, 4]], axis=0).numpy().tolist()
        [4, 6]
    """
    x = convert(x)
    x = _cast(x, _sum_dtype(name_of(x)))
    return tf.reduce_sum(x, axis=_axis_arg(axis), keepdims=keepdims)


def prod(x: Any, axis: Any = None, keepdims: bool = False, dtype: Any = None) -> Tensor:
    """Product over ``axis`` (small integers widen as in ``sum``).

    With the TensorFlow backend Keras ignores an explicit ``dtype`` (the product keeps the input's
    dtype); tapeflow does the same.

    Example:
        >>> prod([[1, 2], [3, 4]], axis=1).numpy().tolist()
        [2, 12]
    """
    x = convert(x)
    if dtype is None:
        x = _cast(x, _sum_dtype(name_of(x)))
    return tf.reduce_prod(x, axis=_axis_arg(axis), keepdims=keepdims)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Mean over ``axis`` (integers give float32; float16 is averaged in float32 and cast back).

    Example:
        >>> mean([[1, 2], [3, 4]], axis=0).numpy().tolist()
        [2.0, 3.0]
    """
    x = convert(x)
    n = name_of(x)
    compute = result_type(n, "float32")
    out = tf.reduce_mean(_cast(x, compute), axis=_axis_arg(axis), keepdims=keepdims)
    return out if ("int" in n or n == "bool") else _cast(out, n)


def _check_nonempty(x: Tensor, what: str) -> None:
    if x._value.size == 0:
        raise tf.errors.InvalidArgumentError(f"Cannot compute the {what} of an empty tensor.")


def max(x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None) -> Tensor:  # noqa: A001
    """Maximum over ``axis``; ``initial`` is a lower bound taken into the result.

    Example:
        >>> max([[1, 5], [3, 2]], axis=1).numpy().tolist()
        [5, 3]
    """
    x = convert(x)
    axis = _axis_arg(axis)
    if initial is not None:
        if name_of(x) == "bool":
            r = tf.reduce_any(x, axis=axis, keepdims=keepdims)
            return _cast(tf.math.maximum(_cast(r, "int32"), tf.cast(initial, "int32")), "bool")
        return tf.math.maximum(tf.reduce_max(x, axis=axis, keepdims=keepdims), initial)
    _check_nonempty(x, "max")
    if name_of(x) == "bool":
        return tf.reduce_any(x, axis=axis, keepdims=keepdims)
    return tf.reduce_max(x, axis=axis, keepdims=keepdims)


def min(x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None) -> Tensor:  # noqa: A001
    """Minimum over ``axis``; ``initial`` is an upper bound taken into the result.

    Example:
        >>> min([[1, 5], [3, 2]], axis=1).numpy().tolist()
        [1, 2]
    """
    x = convert(x)
    axis = _axis_arg(axis)
    if initial is not None:
        if name_of(x) == "bool":
            r = tf.reduce_all(x, axis=axis, keepdims=keepdims)
            return _cast(tf.math.minimum(_cast(r, "int32"), tf.cast(initial, "int32")), "bool")
        return tf.math.minimum(tf.reduce_min(x, axis=axis, keepdims=keepdims), initial)
    _check_nonempty(x, "min")
    if name_of(x) == "bool":
        return tf.reduce_all(x, axis=axis, keepdims=keepdims)
    return tf.reduce_min(x, axis=axis, keepdims=keepdims)


def amax(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis`` (``max``).

    Example:
        >>> amax([1, 7, 3]).numpy().tolist()
        7
    """
    return max(x, axis=axis, keepdims=keepdims)


def amin(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Minimum over ``axis`` (``min``).

    Example:
        >>> amin([1, 7, 3]).numpy().tolist()
        1
    """
    return min(x, axis=axis, keepdims=keepdims)


def all(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:  # noqa: A001
    """True when every element (along ``axis``) is non-zero.

    Example:
        >>> all([[1, 0], [1, 1]], axis=1).numpy().tolist()
        [False, True]
    """
    return tf.reduce_all(_as_bool(x), axis=_axis_arg(axis), keepdims=keepdims)


def any(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:  # noqa: A001
    """True when some element (along ``axis``) is non-zero.

    Example:
        >>> any([[1, 0], [0, 0]], axis=1).numpy().tolist()
        [True, False]
    """
    return tf.reduce_any(_as_bool(x), axis=_axis_arg(axis), keepdims=keepdims)


def std(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Population standard deviation over ``axis`` (integers give floatx).

    Example:
        >>> std([1, 3]).numpy().tolist()
        1.0
    """
    x = int_or_bool_to_float(x)
    return tf.math.reduce_std(x, axis=_axis_arg(axis), keepdims=keepdims)


def var(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Population variance over ``axis``.

    Example:
        >>> var([1, 3]).numpy().tolist()
        1.0
    """
    x = convert(x)
    n = name_of(x)
    out = tf.math.reduce_variance(_cast(x, result_type(n, "float32")), axis=_axis_arg(axis), keepdims=keepdims)
    return _cast(out, result_type(n, float))


def ptp(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Range (max - min) over ``axis``.

    Example:
        >>> ptp([[1, 5], [2, 9]], axis=1).numpy().tolist()
        [4, 7]
    """
    x = convert(x)
    axis = _axis_arg(axis)
    return tf.reduce_max(x, axis=axis, keepdims=keepdims) - tf.reduce_min(x, axis=axis, keepdims=keepdims)


def _keep_reduced(src: Tensor, y: Tensor, axis: Any) -> Tensor:
    shape = [1] * src.ndim if axis is None else list(src.shape)
    if axis is not None:
        for a in (axis if isinstance(axis, (tuple, list)) else (axis,)):
            shape[a] = 1
    return tf.reshape(y, shape)


def _arg_reduce(x: Any, axis: Any, keepdims: bool, fn: Callable, fill: float) -> Tensor:
    x = convert(x)
    n = name_of(x)
    if n == "bool":
        x = _cast(x, "uint8")
    elif "float" in n and x.ndim:
        x = _cast(x, result_type(n, "float32"))
        tiny = np.finfo(x.dtype.as_numpy_dtype).tiny
        negzero = tf.logical_and(tf.equal(x, 0.0), signbit(x))
        x = tf.where(negzero, tf.constant(-tiny, x.dtype), x)
        # TF's arg-reductions never pick a NaN (comparisons with NaN are false)
        x = tf.where(tf.math.is_nan(x), tf.constant(fill, x.dtype), x)
    src = x
    if axis is None:
        x = tf.reshape(x, [-1])
    y = fn(x, axis=axis, output_type=tf.int32)
    return _keep_reduced(src, y, axis) if keepdims else y


def argmax(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Index of the maximum (flattened when ``axis`` is None), int32; +0.0 beats -0.0 and a NaN is
    never picked (as TensorFlow's kernel).

    Example:
        >>> argmax([[1, 5], [7, 2]], axis=1).numpy().tolist()
        [1, 0]
    """
    return _arg_reduce(x, axis, keepdims, tf.math.argmax, -np.inf)


def argmin(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Index of the minimum (flattened when ``axis`` is None), int32.

    Example:
        >>> argmin([[1, 5], [7, 2]]).numpy().tolist()
        0
    """
    return _arg_reduce(x, axis, keepdims, tf.math.argmin, np.inf)


def argsort(x: Any, axis: Any = -1) -> Tensor:
    """Indices that sort ``x`` along ``axis`` (flattened when None), int32.

    Example:
        >>> argsort([3, 1, 2]).numpy().tolist()
        [1, 2, 0]
    """
    x = convert(x)
    if name_of(x) == "bool":
        x = _cast(x, "uint8")
    if x.ndim == 0:
        return tf.constant([0], tf.int32)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.argsort(x, axis=axis, stable=True)


def sort(x: Any, axis: Any = -1) -> Tensor:
    """Sorted copy of ``x`` along ``axis`` (flattened when None); where NaNs land may differ from
    TensorFlow's sort kernel.

    Example:
        >>> sort([[3, 1], [0, 2]]).numpy().tolist()
        [[1, 3], [0, 2]]
    """
    x = convert(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    if name_of(x) == "bool":
        return _cast(tf.sort(_cast(x, "int8"), axis=axis), "bool")
    return tf.sort(x, axis=axis)


def count_nonzero(x: Any, axis: Any = None) -> Tensor:
    """Number of non-zero elements along ``axis``, int32.

    Example:
        >>> count_nonzero([[0, 1], [2, 3]], axis=1).numpy().tolist()
        [1, 2]
    """
    return tf.math.count_nonzero(convert(x), axis=_axis_arg(axis), dtype=tf.int32)


def _cumulative(x: Any, axis: Any, dtype: Any, fn: Callable) -> Tensor:
    x = convert(x, None if dtype is None else standardize_dtype(dtype))
    if name_of(x) == "bool":
        x = _cast(x, "int32")
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return fn(x, axis=axis)


def cumsum(x: Any, axis: Any = None, dtype: Any = None) -> Tensor:
    """Cumulative sum along ``axis`` (flattened when None).

    Example:
        >>> cumsum([[1, 2], [3, 4]]).numpy().tolist()
        [1, 3, 6, 10]
    """
    return _cumulative(x, axis, dtype, tf.math.cumsum)


def cumprod(x: Any, axis: Any = None, dtype: Any = None) -> Tensor:
    """Cumulative product along ``axis`` (flattened when None).

    Example:
        >>> cumprod([1, 2, 3], axis=0).numpy().tolist()
        [1, 2, 6]
    """
    return _cumulative(x, axis, dtype, tf.math.cumprod)


def average(x: Any, axis: Any = None, weights: Any = None) -> Tensor:
    """Weighted mean along ``axis`` (1-D ``weights`` apply along ``axis``).

    Example:
        >>> average([1.0, 2.0, 3.0], weights=[3.0, 1.0, 0.0]).numpy().tolist()
        1.25
    """
    x = convert(x)
    if weights is None:
        x = _cast(x, result_type(name_of(x), float))
        return tf.reduce_mean(x, axis=axis)
    w = convert(weights)
    dt = result_type(name_of(x), name_of(w), float)
    x, w = _cast(x, dt), _cast(w, dt)
    if axis is None or x.ndim == w.ndim:
        return tf.reduce_sum(x * w, axis=axis) / tf.reduce_sum(w, axis=axis)
    return tf.tensordot(x, w, [[axis], [0]]) / tf.reduce_sum(w)


def _quantile_impl(x: Tensor, q: Tensor, axis: Any, method: str, keepdims: bool) -> Tensor:
    q = _cast(q, "float64")
    nd = x.ndim
    if axis is None:
        y = tf.reshape(x, [-1])
    else:
        axes = [canonical_axis(a, nd, "quantile") for a in axis]
        other = sorted(set(range(nd)) - set(axes))
        y = tf.transpose(x, other + axes)
        shp = [x.shape[i] for i in other] + [int(np.prod([x.shape[i] for i in axes], dtype=np.int64))]
        y = tf.reshape(y, shp)
    sorted_y = tf.sort(y, axis=-1)
    n = int(y.shape[-1])
    last = tf.constant(n - 1, tf.float64)

    def idx(kind: str) -> Tensor:
        pos = last * q
        pos = tf.math.floor(pos) if kind == "lower" else tf.math.ceil(pos) if kind == "higher" else tf.math.round(pos)
        return tf.clip_by_value(tf.cast(pos, tf.int32), 0, n - 1)

    if method in ("lower", "higher", "nearest"):
        out = tf.gather(sorted_y, idx(method), axis=-1)
    elif method == "midpoint":
        out = 0.5 * (tf.gather(sorted_y, idx("lower"), axis=-1) + tf.gather(sorted_y, idx("higher"), axis=-1))
    elif method == "linear":
        hi = idx("higher")
        lo = tf.maximum(hi - 1, 0)
        hi = tf.minimum(lo + 1, n - 1)
        frac = tf.cast(tf.cast(hi, tf.float64) - last * q, sorted_y.dtype)
        out = tf.gather(sorted_y, hi, axis=-1) * (1 - frac) + tf.gather(sorted_y, lo, axis=-1) * frac
    else:
        raise ValueError(f"Invalid value for `method`: {method!r}. Expected one of 'linear', 'lower', 'higher', "
                         "'midpoint', 'nearest'.")
    if name_of(x)[0] == "f":
        has_nan = tf.reduce_any(tf.math.is_nan(x), axis=None if axis is None else tuple(axes))
        has_nan = tf.reshape(has_nan, list(has_nan.shape) + [1] * q.ndim)
        out = tf.where(has_nan, tf.constant(np.nan, x.dtype), out)
    if keepdims:
        if axis is None:
            out = tf.reshape(out, list(out.shape) + [1] * nd) if out.ndim else tf.reshape(out, [1] * nd)
        else:
            for a in sorted(axes):
                out = tf.expand_dims(out, a)
    r = q.ndim
    if out.ndim < 2 or r == 0:
        return out
    shift = r % out.ndim
    if shift == 0:
        return out
    perm = list(range(out.ndim))
    perm = perm[-shift:] + perm[:-shift]
    return tf.transpose(out, perm)


def quantile(x: Any, q: Any, axis: Any = None, method: str = "linear", keepdims: bool = False) -> Tensor:
    """The ``q``-th quantiles (``q`` in [0, 1]) along ``axis``; ``q``'s dimensions come first.

    ``method`` is one of "linear", "lower", "higher", "midpoint", "nearest". A NaN in a reduced
    slice gives NaN.

    Example:
        >>> quantile([1.0, 2.0, 3.0, 4.0], [0.25, 0.5]).numpy().tolist()
        [1.75, 2.5]
    """
    x = convert(x)
    q = convert(q)
    if isinstance(axis, int):
        axis = (axis,)
    x = _cast(x, result_type(name_of(x), float))
    return _quantile_impl(x, q, axis, method, keepdims)


def percentile(x: Any, q: Any, axis: Any = None, method: str = "linear", keepdims: bool = False) -> Tensor:
    """The ``q``-th percentiles (``q`` in [0, 100]) along ``axis``.

    Example:
        >>> percentile([1.0, 2.0, 3.0, 4.0], 50).numpy().tolist()
        2.5
    """
    q = convert(q, floatx()) / 100.0
    return quantile(x, q, axis=axis, method=method, keepdims=keepdims)


def median(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Median along ``axis`` (``quantile(x, 0.5)``).

    Example:
        >>> median([[1, 3, 2], [4, 6, 5]], axis=1).numpy().tolist()
        [2.0, 5.0]
    """
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


def trace(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Tensor:
    """Sum along a diagonal (``offset`` above the main one) of the planes ``axis1``, ``axis2``.

    Example:
        >>> trace([[1, 2], [3, 4]]).numpy().tolist()
        5
    """
    x = convert(x)
    x = _cast(x, _sum_dtype(name_of(x)))
    r, c = x.shape[axis1], x.shape[axis2]
    x = moveaxis(x, (axis1, axis2), (-2, -1))
    mask = eye(r, c, k=offset, dtype="bool")
    return tf.reduce_sum(tf.where(mask, x, tf.zeros_like(x)), axis=(-2, -1))


# --------------------------------------------------------------------------------------------------
# NaN-aware reductions
# --------------------------------------------------------------------------------------------------


def nansum(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Sum over ``axis`` treating NaN as 0.

    Example:
        >>> nansum([1.0, np.nan, 2.0]).numpy().tolist()
        3.0
    """
    x = convert(x)
    n = name_of(x)
    if n[0] in "fc":
        x = tf.where(tf.math.is_nan(x), tf.zeros((), x.dtype), x)
    x = _cast(x, _sum_dtype(n))
    return tf.reduce_sum(x, axis=_axis_arg(axis), keepdims=keepdims)


def nanprod(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Product over ``axis`` treating NaN as 1.

    Example:
        >>> nanprod([2.0, np.nan, 3.0]).numpy().tolist()
        6.0
    """
    x = convert(x)
    if name_of(x)[0] == "f":
        x = tf.where(tf.math.is_nan(x), tf.ones((), x.dtype), x)
    return prod(x, axis=axis, keepdims=keepdims)


def nanmean(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Mean over ``axis`` ignoring NaN.

    Example:
        >>> nanmean([1.0, np.nan, 3.0]).numpy().tolist()
        2.0
    """
    x = convert(x)
    if axis == () or axis == []:
        return x
    if name_of(x)[0] != "f":
        return tf.reduce_mean(_cast(x, "float32"), axis=_axis_arg(axis), keepdims=keepdims)
    dt = result_type(name_of(x), float)
    total = _cast(nansum(x, axis=axis, keepdims=keepdims), dt)
    count = tf.reduce_sum(_cast(~tf.math.is_nan(x), dt), axis=_axis_arg(axis), keepdims=keepdims)
    return tf.math.divide(total, count)


def nanvar(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Variance over ``axis`` ignoring NaN.

    Example:
        >>> nanvar([1.0, np.nan, 3.0]).numpy().tolist()
        1.0
    """
    x = convert(x)
    x = _cast(x, result_type(name_of(x), float))
    m = nanmean(x, axis=axis, keepdims=True)
    valid = ~tf.math.is_nan(x)
    centered = tf.where(valid, x - m, tf.zeros_like(x))
    sq = tf.math.real(centered * tf.math.conj(centered)) if name_of(x).startswith("complex") else tf.math.square(centered)
    count = tf.reduce_sum(_cast(valid, name_of(sq)), axis=_axis_arg(axis), keepdims=keepdims)
    return tf.reduce_sum(sq, axis=_axis_arg(axis), keepdims=keepdims) / count


def nanstd(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Standard deviation over ``axis`` ignoring NaN.

    Example:
        >>> nanstd([1.0, np.nan, 3.0]).numpy().tolist()
        1.0
    """
    return tf.math.sqrt(nanvar(x, axis=axis, keepdims=keepdims))


def _nan_extreme(x: Any, axis: Any, keepdims: bool, fill: float, red: Callable, bool_red: Callable) -> Tensor:
    x = convert(x)
    axis = _axis_arg(axis)
    if name_of(x)[0] != "f":
        return (bool_red if name_of(x) == "bool" else red)(x, axis=axis, keepdims=keepdims)
    nan = tf.math.is_nan(x)
    clean = tf.where(nan, tf.constant(fill, x.dtype), x)
    return tf.where(tf.reduce_all(nan, axis=axis, keepdims=keepdims), tf.constant(np.nan, x.dtype),
                    red(clean, axis=axis, keepdims=keepdims))


def nanmax(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis`` ignoring NaN (NaN when a slice is all NaN).

    Example:
        >>> nanmax([1.0, np.nan, 3.0]).numpy().tolist()
        3.0
    """
    return _nan_extreme(x, axis, keepdims, -np.inf, tf.reduce_max, tf.reduce_any)


def nanmin(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Minimum over ``axis`` ignoring NaN.

    Example:
        >>> nanmin([1.0, np.nan, 3.0]).numpy().tolist()
        1.0
    """
    return _nan_extreme(x, axis, keepdims, np.inf, tf.reduce_min, tf.reduce_all)


def _nan_arg(x: Any, axis: Any, keepdims: bool, fill: float, fn: Callable) -> Tensor:
    x = convert(x)
    if name_of(x)[0] != "f":
        return fn(x, axis=axis, keepdims=keepdims)
    nan = tf.math.is_nan(x)
    idx = fn(tf.where(nan, tf.constant(fill, x.dtype), x), axis=axis, keepdims=keepdims)
    return tf.where(tf.reduce_all(nan, axis=_axis_arg(axis), keepdims=keepdims), tf.constant(-1, tf.int32), idx)


def nanargmax(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Index of the maximum ignoring NaN (-1 for an all-NaN slice).

    Example:
        >>> nanargmax([1.0, np.nan, 3.0]).numpy().tolist()
        2
    """
    return _nan_arg(x, axis, keepdims, -np.inf, argmax)


def nanargmin(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Index of the minimum ignoring NaN (-1 for an all-NaN slice).

    Example:
        >>> nanargmin([4.0, np.nan, 3.0]).numpy().tolist()
        2
    """
    return _nan_arg(x, axis, keepdims, np.inf, argmin)


def nancumsum(x: Any, axis: Any = None, dtype: Any = None) -> Tensor:
    """Cumulative sum treating NaN as 0.

    Example:
        >>> nancumsum([1.0, np.nan, 2.0]).numpy().tolist()
        [1.0, 1.0, 3.0]
    """
    return cumsum(nan_to_num(x), axis=axis, dtype=dtype)


def nancumprod(x: Any, axis: Any = None, dtype: Any = None) -> Tensor:
    """Cumulative product treating NaN as 1.

    Example:
        >>> nancumprod([2.0, np.nan, 3.0]).numpy().tolist()
        [2.0, 2.0, 6.0]
    """
    return cumprod(nan_to_num(x, nan=1.0), axis=axis, dtype=dtype)


def nanquantile(x: Any, q: Any, axis: Any = None, method: str = "linear", keepdims: bool = False) -> Tensor:
    """Quantiles along ``axis`` ignoring NaN (NaN for an all-NaN slice); integer input works here
    (Keras with TensorFlow fails on it).

    Example:
        >>> nanquantile([1.0, np.nan, 3.0], 0.5).numpy().tolist()
        2.0
    """
    x = convert(x)
    q = convert(q, floatx())

    def one(v: Tensor) -> Tensor:
        valid = tf.boolean_mask(v, ~tf.math.is_nan(_cast(v, floatx())))
        if int(tf.size(valid)) > 0:
            return quantile(valid, q, method=method)
        return tf.fill(q.shape, tf.constant(np.nan, v.dtype))

    if axis is None:
        res = one(tf.reshape(x, [-1]))
        if keepdims:
            res = tf.reshape(res, list(res.shape) + [1] * x.ndim)
        return res
    axes = [canonical_axis(a, x.ndim, "nanquantile") for a in ((axis,) if isinstance(axis, int) else axis)]
    other = [i for i in range(x.ndim) if i not in axes]
    xt = tf.transpose(x, other + axes)
    other_shape = [x.shape[i] for i in other]
    flat = tf.reshape(xt, [int(np.prod(other_shape, dtype=np.int64)), -1])
    rows = [one(flat[i]) for i in range(flat.shape[0])]
    res = tf.stack(rows) if rows else tf.zeros([0] + list(q.shape), x.dtype)
    if q.ndim > 0:
        res = tf.reshape(tf.transpose(res), list(q.shape) + other_shape)
    else:
        res = tf.reshape(res, other_shape)
    if keepdims:
        for a in sorted(axes):
            res = tf.expand_dims(res, a + q.ndim)
    return res


def nanpercentile(x: Any, q: Any, axis: Any = None, method: str = "linear", keepdims: bool = False) -> Tensor:
    """Percentiles (``q`` in [0, 100]) along ``axis`` ignoring NaN.

    Example:
        >>> nanpercentile([1.0, np.nan, 3.0], 50).numpy().tolist()
        2.0
    """
    q = convert(q, floatx()) / 100.0
    return nanquantile(x, q, axis=axis, method=method, keepdims=keepdims)


def nanmedian(x: Any, axis: Any = None, keepdims: bool = False) -> Tensor:
    """Median along ``axis`` ignoring NaN.

    Example:
        >>> nanmedian([1.0, np.nan, 3.0, 7.0]).numpy().tolist()
        3.0
    """
    x = convert(x)
    if axis == () or axis == []:
        return x
    return nanquantile(x, 0.5, axis=axis, keepdims=keepdims)


# --------------------------------------------------------------------------------------------------
# products
# --------------------------------------------------------------------------------------------------


def matmul(x1: Any, x2: Any) -> Tensor:
    """Matrix product with NumPy's rules (1-D operands are vectors; batch dimensions broadcast).

    Integer operands multiply in float and are cast back; two int8 matrices give int32.

    Example:
        >>> matmul([[1, 2]], [[3], [4]]).numpy().tolist()
        [[11]]
    """
    a, b = convert(x1), convert(x2)
    na, nb = name_of(a), name_of(b)
    if na == "int8" and nb == "int8" and a.ndim != 1 and b.ndim != 1:
        out_dt = "int32"
        a, b = _cast(a, "int32"), _cast(b, "int32")
    else:
        out_dt = result_type(na, nb)
        compute = result_type(na, nb, float)
        a, b = _cast(a, compute), _cast(b, compute)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError(f"matmul: operands must not be scalars; got shapes {tuple(a.shape)} and {tuple(b.shape)}")
    if a.ndim == 2 and b.ndim == 2:
        out = tf.linalg.matmul(a, b)
    elif b.ndim == 1:
        out = tf.tensordot(a, b, axes=1)
    elif a.ndim == 1:
        out = tf.tensordot(a, b, axes=[[0], [-2]]) if b.ndim == 2 else tf.squeeze(
            tf.linalg.matmul(tf.expand_dims(a, 0), b), -2)
    else:
        out = tf.linalg.matmul(a, b)
    return _cast(out, out_dt)


def dot(x1: Any, x2: Any) -> Tensor:
    """NumPy's dot: a sum product over the last axis of ``x1`` and the second-to-last of ``x2``.

    Example:
        >>> dot([1, 2], [3, 4]).numpy().tolist()
        11
    """
    a, b = convert(x1), convert(x2)
    out_dt = result_type(name_of(a), name_of(b))
    compute = result_type(out_dt, float)
    a, b = _cast(a, compute), _cast(b, compute)
    if a.ndim == 0 or b.ndim == 0:
        out = a * b
    elif b.ndim == 1:
        out = tf.tensordot(a, b, axes=[[-1], [-1]])
    else:
        out = tf.tensordot(a, b, axes=[[-1], [-2]])
    return _cast(out, out_dt)


def vdot(x1: Any, x2: Any) -> Tensor:
    """Dot product of the flattened inputs (the first one conjugated for complex input in NumPy;
    Keras on TF does not conjugate, nor does tapeflow).

    Example:
        >>> vdot([[1, 2], [3, 4]], [[1, 1], [1, 1]]).numpy().tolist()
        10
    """
    a, b = convert(x1), convert(x2)
    out_dt = result_type(name_of(a), name_of(b))
    compute = result_type(out_dt, float)
    a, b = tf.reshape(_cast(a, compute), [-1]), tf.reshape(_cast(b, compute), [-1])
    return _cast(dot(a, b), out_dt)


def inner(x1: Any, x2: Any) -> Tensor:
    """Inner product over the last axes (a product when either is a scalar).

    Example:
        >>> inner([1, 2], [3, 4]).numpy().tolist()
        11
    """
    a, b = convert(x1), convert(x2)
    out_dt = result_type(name_of(a), name_of(b))
    compute = result_type(out_dt, float)
    a, b = _cast(a, compute), _cast(b, compute)
    out = a * b if (a.ndim == 0 or b.ndim == 0) else tf.tensordot(a, b, axes=[[-1], [-1]])
    return _cast(out, out_dt)


def outer(x1: Any, x2: Any) -> Tensor:
    """Outer product of the flattened inputs.

    Example:
        >>> outer([1, 2], [3, 4]).numpy().tolist()
        [[3, 4], [6, 8]]
    """
    a, b = binary_strong(x1, x2)
    return tf.reshape(a, [-1, 1]) * tf.reshape(b, [-1])


def tensordot(x1: Any, x2: Any, axes: Any = 2) -> Tensor:
    """Sum of products over ``axes`` (an int: the last/first ``axes`` axes; or two axis lists).

    Example:
        >>> tensordot([[1, 2], [3, 4]], [[1, 0], [0, 1]], axes=2).numpy().tolist()
        5
    """
    a, b = convert(x1), convert(x2)
    out_dt = result_type(name_of(a), name_of(b))
    compute = out_dt if out_dt in ("int32", "int64", "float16", "float32", "float64", "complex64",
                                   "complex128") else result_type(out_dt, float)
    out = tf.tensordot(_cast(a, compute), _cast(b, compute), axes=axes)
    return _cast(out, out_dt)


def einsum(subscripts: str, *operands: Any, **kwargs: Any) -> Tensor:
    """Einstein summation over ``operands`` (integers compute in floatx and are cast back; all-int8
    operands give int32).

    Example:
        >>> einsum("ij,jk->ik", [[1, 2]], [[3], [4]]).numpy().tolist()
        [[11]]
    """
    ts = [convert(o) for o in operands]
    kinds = {name_of(t) for t in ts}
    if kinds == {"int8"}:
        out_dt = "int32"
    else:
        out_dt = result_type(*kinds)
    compute = floatx() if "int" in out_dt or out_dt == "bool" else out_dt
    kwargs.pop("optimize", None)
    out = tf.einsum(subscripts, *[_cast(t, compute) for t in ts], **kwargs)
    return _cast(out, out_dt)


def cross(x1: Any, x2: Any, axisa: int = -1, axisb: int = -1, axisc: int = -1, axis: Any = None) -> Tensor:
    """Cross product of 3-vectors (2-vectors are padded with a zero z; two 2-vectors give the z
    component only).

    Example:
        >>> cross([1, 0, 0], [0, 1, 0]).numpy().tolist()
        [0, 0, 1]
    """
    a, b = binary_strong(x1, x2)
    if axis is not None:
        axisa = axisb = axisc = axis
    a, b = moveaxis(a, axisa, -1), moveaxis(b, axisb, -1)
    da, db = a.shape[-1], b.shape[-1]
    for d in (da, db):
        if d not in (2, 3):
            raise ValueError(f"cross: incompatible dimensions for cross product (dimension must be 2 or 3); "
                             f"got shapes {tuple(a.shape)} and {tuple(b.shape)}")

    def pad3(t: Tensor) -> Tensor:
        return tf.pad(t, [[0, 0]] * (t.ndim - 1) + [[0, 1]]) if t.shape[-1] == 2 else t

    a, b = pad3(a), pad3(b)
    shape = tf.broadcast_static_shape(a.shape, b.shape)
    a, b = tf.broadcast_to(a, shape), tf.broadcast_to(b, shape)
    c = tf.linalg.cross(a, b)
    if da == 2 and db == 2:
        return c[..., 2]
    return moveaxis(c, -1, axisc)


def kron(x1: Any, x2: Any) -> Tensor:
    """Kronecker product.

    Example:
        >>> kron([1, 2], [1, 10]).numpy().tolist()
        [1, 10, 2, 20]
    """
    a, b = binary_strong(x1, x2)
    while a.ndim < b.ndim:
        a = tf.expand_dims(a, 0)
    while b.ndim < a.ndim:
        b = tf.expand_dims(b, 0)
    sa, sb = list(a.shape), list(b.shape)
    a2 = tf.reshape(a, [d for s in sa for d in (s, 1)])
    b2 = tf.reshape(b, [d for s in sb for d in (1, s)])
    return tf.reshape(a2 * b2, [p * q for p, q in zip(sa, sb)])


# --------------------------------------------------------------------------------------------------
# creation
# --------------------------------------------------------------------------------------------------


def _shape_arg(shape: Any) -> Any:
    if isinstance(shape, (Tensor, Variable)):
        return shape
    return shape_tuple(shape)


def zeros(shape: Any, dtype: Any = None) -> Tensor:
    """A tensor of zeros (dtype floatx unless given).

    Example:
        >>> zeros((2,), "int32").numpy().tolist()
        [0, 0]
    """
    return tf.zeros(_shape_arg(shape), dtype=standardize_dtype(dtype))


def ones(shape: Any, dtype: Any = None) -> Tensor:
    """A tensor of ones (dtype floatx unless given).

    Example:
        >>> ones((2,)).numpy().tolist()
        [1.0, 1.0]
    """
    return tf.ones(_shape_arg(shape), dtype=standardize_dtype(dtype))


def empty(shape: Any, dtype: Any = None) -> Tensor:
    """An "uninitialised" tensor; with the TensorFlow backend (and here) it holds zeros.

    Example:
        >>> empty((1, 2)).shape.as_list()
        [1, 2]
    """
    return zeros(shape, dtype)


def full(shape: Any, fill_value: Any, dtype: Any = None) -> Tensor:
    """A tensor of ``shape`` filled with ``fill_value`` (dtype floatx unless given).

    Example:
        >>> full((2,), 7).numpy().tolist()
        [7.0, 7.0]
    """
    fill = convert(fill_value, standardize_dtype(dtype))
    return tf.broadcast_to(fill, _shape_arg(shape))


def zeros_like(x: Any, dtype: Any = None) -> Tensor:
    """Zeros with ``x``'s shape (and dtype unless given).

    Example:
        >>> zeros_like([1, 2]).numpy().tolist()
        [0, 0]
    """
    return tf.zeros_like(convert(x), dtype=None if dtype is None else standardize_dtype(dtype))


def ones_like(x: Any, dtype: Any = None) -> Tensor:
    """Ones with ``x``'s shape (and dtype unless given).

    Example:
        >>> ones_like([1.5]).numpy().tolist()
        [1.0]
    """
    return tf.ones_like(convert(x), dtype=None if dtype is None else standardize_dtype(dtype))


def empty_like(x: Any, dtype: Any = None) -> Tensor:
    """An "uninitialised" tensor like ``x`` (zeros, as with the TensorFlow backend).

    Example:
        >>> empty_like([1, 2]).shape.as_list()
        [2]
    """
    return zeros_like(x, dtype)


def full_like(x: Any, fill_value: Any, dtype: Any = None) -> Tensor:
    """``fill_value`` with ``x``'s shape (and dtype unless given).

    Example:
        >>> full_like([1, 2], 3).numpy().tolist()
        [3, 3]
    """
    x = convert(x)
    dt = standardize_dtype(dtype) if dtype is not None else name_of(x)
    return tf.broadcast_to(convert(fill_value, result_type(dt)), x.shape)


def array(x: Any, dtype: Any = None) -> Tensor:
    """A tensor from ``x`` (``convert_to_tensor``).

    Example:
        >>> array([1, 2], dtype="float32").numpy().tolist()
        [1.0, 2.0]
    """
    return convert(x, None if dtype is None else standardize_dtype(dtype))


def copy(x: Any) -> Tensor:
    """A copy of ``x``.

    Example:
        >>> copy([1, 2]).numpy().tolist()
        [1, 2]
    """
    return tf.identity(convert(x))


def arange(start: Any, stop: Any = None, step: Any = None, dtype: Any = None) -> Tensor:
    """Evenly spaced values in [start, stop) (``arange(n)`` counts from 0); the dtype follows the
    arguments (Python ints give int32, floats float32) unless given.

    Example:
        >>> arange(1, 7, 2).numpy().tolist(), arange(3.0).dtype.name
        ([1, 3, 5], 'float32')
    """
    if dtype is None:
        ds = [dtype_of(start)]
        if stop is not None:
            ds.append(dtype_of(stop))
        if step is not None:
            ds.append(dtype_of(step))
        dtype = result_type(*ds)
    dtype = standardize_dtype(dtype)
    if step is None:
        step = 1
    return tf.range(start, stop, delta=step, dtype=dtype)


def _linspace(s: Tensor, e: Tensor, num: int, axis: int) -> Tensor:
    """``num`` points from ``s`` to ``e`` (both included) along a new ``axis``: s + k * (e - s) / (num - 1),
    with the end points exact; differentiable in ``s`` and ``e``."""
    shape_ = tf.broadcast_static_shape(s.shape, e.shape)
    s, e = tf.broadcast_to(s, shape_), tf.broadcast_to(e, shape_)
    s, e = tf.expand_dims(s, axis), tf.expand_dims(e, axis)
    delta = (e - s) / tf.cast(builtins.max(num - 1, 1), e.dtype)
    s, e = tf.cast(s, delta.dtype), tf.cast(e, delta.dtype)  # integers divide into floats
    nd = s.ndim
    ax = axis % nd
    inner = tf.cast(tf.range(1, builtins.max(num - 1, 1)), delta.dtype)
    inner = tf.reshape(inner, [builtins.max(num - 2, 0) if i == ax else 1 for i in range(nd)])
    both = tf.concat([s, s + delta * inner, e], axis=ax)
    size = [num if i == ax else d for i, d in enumerate(s.shape)]
    return tf.slice(both, [0] * nd, size)


def linspace(start: Any, stop: Any, num: int = 50, endpoint: bool = True, retstep: bool = False,
             dtype: Any = None, axis: int = 0) -> Any:
    """``num`` evenly spaced values from ``start`` to ``stop`` (``stop`` excluded when not
    ``endpoint``); with ``retstep`` also the spacing.

    Example:
        >>> linspace(0, 1, 5).numpy().tolist()
        [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    if num < 0:
        raise ValueError(f"`num` must be a non-negative integer. Received: num={num}")
    if dtype is None:
        dtype = result_type(dtype_of(start), dtype_of(stop), float)
    else:
        dtype = standardize_dtype(dtype)
    s, e = convert(start, dtype), convert(stop, dtype)
    step = convert(np.nan)
    if endpoint:
        res = _linspace(s, e, num, axis)
        if num > 1:
            step = (e - s) / (tf.cast(num, dtype) - 1)
    else:
        if num > 0:
            step = (e - s) / tf.cast(num, dtype)
        if num > 1:
            new_stop = tf.cast(e, step.dtype) - step
            res = _linspace(tf.cast(s, new_stop.dtype), new_stop, num, axis)
        else:
            res = _linspace(s, e, num, axis)
    if "int" in dtype:
        res = tf.math.floor(res)
    res = _cast(res, dtype)
    return (res, step) if retstep else res


def logspace(start: Any, stop: Any, num: int = 50, endpoint: bool = True, base: Any = 10, dtype: Any = None,
             axis: int = 0) -> Tensor:
    """``base ** linspace(start, stop, num)``.

    Example:
        >>> logspace(0, 2, 3).numpy().tolist()
        [1.0, 10.0, 100.0]
    """
    res = linspace(start, stop, num=num, endpoint=endpoint, dtype=dtype, axis=axis)
    return tf.math.pow(tf.cast(base, res.dtype), res)


def geomspace(start: Any, stop: Any, num: int = 50, endpoint: bool = True, dtype: Any = None,
              axis: int = 0) -> Tensor:
    """``num`` values spaced evenly on a log scale from ``start`` to ``stop``.

    Example:
        >>> print(geomspace(1, 100, 3).numpy().round(3))
        [  1.  10. 100.]
    """
    s, e = convert(start), convert(stop)
    dt = standardize_dtype(dtype)
    ls = tf.math.log(tf.cast(tf.math.abs(s), dt))
    le = tf.math.log(tf.cast(tf.math.abs(e), dt))
    lb = tf.math.log(tf.constant(10.0, ls.dtype))
    res = logspace(ls / lb, le / lb, num=num, endpoint=endpoint, base=10, dtype=dtype, axis=axis)
    return res * tf.cast(tf.math.sign(tf.cast(s, ls.dtype)), res.dtype)


def eye(N: int, M: int | None = None, k: int = 0, dtype: Any = None) -> Tensor:  # noqa: N803  (Keras's names)
    """A 2-D tensor with ones on the ``k``-th diagonal (all zeros when ``k`` is off the matrix, as
    NumPy; Keras with TensorFlow raises there).

    Example:
        >>> eye(2, 3, k=1).numpy().tolist()
        [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    if isinstance(N, float) or (M is not None and isinstance(M, float)):
        raise TypeError("Argument `N` must be an integer or an integer tensor." if isinstance(N, float) else
                        "Argument `M` must be an integer, an integer tensor, or `None`.")
    dt = standardize_dtype(dtype)
    N = int(N)
    M = N if M is None else int(M)
    k = int(k)
    if k == 0:
        return tf.eye(N, M, dtype=dt)
    return _cast(tf.equal(tf.range(M)[None, :] - tf.range(N)[:, None], k), dt)


def identity(n: int, dtype: Any = None) -> Tensor:
    """The ``n`` x ``n`` identity matrix.

    Example:
        >>> identity(2).numpy().tolist()
        [[1.0, 0.0], [0.0, 1.0]]
    """
    return eye(n, n, dtype=dtype)


def tri(N: int, M: int | None = None, k: int = 0, dtype: Any = None) -> Tensor:  # noqa: N803
    """Ones at and below the ``k``-th diagonal, zeros above.

    Example:
        >>> tri(2, 3).numpy().tolist()
        [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]]
    """
    M = N if M is None else M
    dt = standardize_dtype(dtype)
    i = tf.range(N)[:, None]
    j = tf.range(M)[None, :]
    return _cast(tf.less_equal(j - i, k), dt)


def tril(x: Any, k: int = 0) -> Tensor:
    """``x`` with the elements above the ``k``-th diagonal zeroed (last two axes).

    Example:
        >>> tril([[1, 2], [3, 4]]).numpy().tolist()
        [[1, 0], [3, 4]]
    """
    x = convert(x)
    r, c = x.shape[-2], x.shape[-1]
    mask = tf.less_equal(tf.range(c)[None, :] - tf.range(r)[:, None], k)
    return tf.where(mask, x, tf.zeros_like(x))


def triu(x: Any, k: int = 0) -> Tensor:
    """``x`` with the elements below the ``k``-th diagonal zeroed (last two axes).

    Example:
        >>> triu([[1, 2], [3, 4]]).numpy().tolist()
        [[1, 2], [0, 4]]
    """
    x = convert(x)
    r, c = x.shape[-2], x.shape[-1]
    mask = tf.greater_equal(tf.range(c)[None, :] - tf.range(r)[:, None], k)
    return tf.where(mask, x, tf.zeros_like(x))


def diag(x: Any, k: int = 0) -> Tensor:
    """A 1-D input becomes a diagonal matrix; a 2-D input gives its ``k``-th diagonal.

    Example:
        >>> diag([1, 2]).numpy().tolist(), diag([[1, 2], [3, 4]], k=1).numpy().tolist()
        ([[1, 0], [0, 2]], [2])
    """
    x = convert(x)
    if x.ndim == 1:
        return tf.linalg.diag(x, k=k)
    if x.ndim == 2:
        return diagonal(x, offset=k)
    raise ValueError(f"`x` must be 1d or 2d. Received: x.shape={tuple(x.shape)}")


def diagflat(x: Any, k: int = 0) -> Tensor:
    """A matrix with the flattened ``x`` on its ``k``-th diagonal.

    Example:
        >>> diagflat([[1, 2]]).numpy().tolist()
        [[1, 0], [0, 2]]
    """
    return diag(tf.reshape(convert(x), [-1]), k)


def diagonal(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Tensor:
    """The diagonal (``offset`` above the main one) of the planes ``axis1``, ``axis2``, as the last axis
    (empty when ``offset`` is off the planes, as NumPy; Keras with TensorFlow raises there).

    Example:
        >>> diagonal([[1, 2], [3, 4]]).numpy().tolist()
        [1, 4]
    """
    x = convert(x)
    nd = x.ndim
    a1, a2 = canonical_axis(axis1, nd, "diagonal"), canonical_axis(axis2, nd, "diagonal")
    if a1 == a2:
        raise ValueError(f"`axis1` and `axis2` cannot be the same. Received: axis1={axis1}, axis2={axis2}")
    x = moveaxis(x, (a1, a2), (-2, -1))
    r, c = x.shape[-2], x.shape[-1]
    if offset <= -r or offset >= c:
        return tf.zeros(list(x.shape[:-2]) + [0], x.dtype)
    return tf.linalg.diag_part(x, k=offset)


def meshgrid(*x: Any, indexing: str = "xy") -> list:
    """Coordinate grids from 1-D coordinate vectors (``indexing`` "xy" or "ij").

    Example:
        >>> [g.numpy().tolist() for g in meshgrid([1, 2], [3], indexing="ij")]
        [[[1], [2]], [[3], [3]]]
    """
    return tf.meshgrid(*[convert(v) for v in x], indexing=indexing)


def vander(x: Any, N: int | None = None, increasing: bool = False) -> Tensor:  # noqa: N803
    """The Vandermonde matrix of a 1-D ``x`` (powers decreasing unless ``increasing``).

    Example:
        >>> vander([1, 2, 3], 3).numpy().tolist()
        [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
    """
    x = convert(x)
    if x.ndim != 1:
        raise ValueError(f"Input tensor must be 1-dimensional. Received: input.shape={tuple(x.shape)}")
    if N is not None:
        if not isinstance(N, int):
            raise TypeError(f"Argument `N` must be of type `int`. Received: N={N} of type {type(N)}")
        if N < 0:
            raise ValueError(f"Argument 'N' must be nonnegative. Received: N={N}")
    if not isinstance(increasing, builtins.bool):
        raise TypeError(f"Argument `increasing` must be of type `bool`. Received: increasing={increasing} "
                        f"of type {type(increasing)}")
    out_dt = name_of(x)
    N = x.shape[0] if N is None else N
    powers = tf.range(N) if increasing else tf.range(N - 1, -1, -1)
    compute = result_type(out_dt, "float32")
    return _cast(tf.math.pow(tf.cast(x[:, None], compute), tf.cast(powers, compute)), out_dt)


def _window_n(x: Any) -> int:
    return int(convert(x, "int32"))


def hamming(x: Any) -> Tensor:
    """The Hamming window of ``x`` points (symmetric).

    Example:
        >>> print(hamming(3).numpy().round(3))
        [0.08 1.   0.08]
    """
    return tf.signal.hamming_window(_window_n(x), periodic=False)


def hanning(x: Any) -> Tensor:
    """The Hann window of ``x`` points (symmetric).

    Example:
        >>> hanning(3).numpy().tolist()
        [0.0, 1.0, 0.0]
    """
    return tf.signal.hann_window(_window_n(x), periodic=False)


def kaiser(x: Any, beta: float) -> Tensor:
    """The Kaiser window of ``x`` points with shape parameter ``beta``.

    Example:
        >>> kaiser(3, 0.0).numpy().tolist()
        [1.0, 1.0, 1.0]
    """
    return tf.signal.kaiser_window(_window_n(x), beta=beta)


def bartlett(x: Any) -> Tensor:
    """The Bartlett (triangular) window of ``x`` points.

    Example:
        >>> bartlett(5).numpy().tolist()
        [0.0, 0.5, 1.0, 0.5, 0.0]
    """
    n = int(convert(x, floatx()))
    if n == 0:
        return tf.constant([], tf.float32)
    if n == 1:
        return tf.ones([1])
    k = tf.range(n, dtype=floatx())
    half = (n - 1) / 2
    return tf.where(k <= half, 2.0 * k / (n - 1), 2.0 - 2.0 * k / (n - 1))


def blackman(x: Any) -> Tensor:
    """The Blackman window of ``x`` points.

    Example:
        >>> print(blackman(3).numpy().round(4))
        [-0.  1. -0.]
    """
    dt = floatx()
    n = int(convert(x, dt))
    k = tf.range(n, dtype=dt)
    m = tf.constant(n - 1, dt)
    safe = tf.where(tf.equal(m, 0), tf.ones_like(m), m)
    w = 0.42 + -0.5 * tf.math.cos(2 * np.pi * k / safe) + 0.08 * tf.math.cos(4 * np.pi * k / safe)
    return tf.where(tf.equal(m, 0), tf.ones_like(w), w)


# --------------------------------------------------------------------------------------------------
# shapes and rearrangement
# --------------------------------------------------------------------------------------------------


def ndim(x: Any) -> int:
    """The rank of ``x``.

    Example:
        >>> ndim([[1, 2]])
        2
    """
    if hasattr(x, "shape") and hasattr(x, "ndim"):
        return x.ndim
    return convert(x).ndim


def size(x: Any) -> Tensor:
    """The number of elements of ``x`` (an int32 scalar tensor).

    Example:
        >>> int(size([[1, 2, 3]]))
        3
    """
    return tf.size(convert(x))


def reshape(x: Any, newshape: Any) -> Tensor:
    """``x`` with a new shape (one dimension may be -1).

    Example:
        >>> reshape([1, 2, 3, 4], (2, -1)).numpy().tolist()
        [[1, 2], [3, 4]]
    """
    if not isinstance(newshape, (Tensor, Variable)):
        try:
            newshape = tuple(newshape)
        except TypeError:
            newshape = (newshape,)
        if builtins.sum(1 for d in newshape if d == -1) > 1:
            raise ValueError(f"There must be at most one unknown dimension (-1) in newshape. Received: {newshape}")
    return tf.reshape(convert(x), newshape)


def ravel(x: Any) -> Tensor:
    """``x`` flattened to 1-D.

    Example:
        >>> ravel([[1, 2], [3, 4]]).numpy().tolist()
        [1, 2, 3, 4]
    """
    return tf.reshape(convert(x), [-1])


def transpose(x: Any, axes: Any = None) -> Tensor:
    """``x`` with its axes permuted (reversed when ``axes`` is None).

    Example:
        >>> transpose([[1, 2]]).numpy().tolist()
        [[1], [2]]
    """
    x = convert(x)
    if axes:
        axes = tuple(canonical_axis(a, x.ndim, "transpose") for a in axes)
        if len(set(axes)) != len(axes):
            raise ValueError("`axes` must be a valid permutation of the input dimensions (no duplicates). "
                             f"Received: axes={list(axes)} for input of rank {x.ndim}.")
    return tf.transpose(x, perm=axes)


def swapaxes(x: Any, axis1: int, axis2: int) -> Tensor:
    """``x`` with two axes interchanged.

    Example:
        >>> swapaxes([[1, 2]], 0, 1).numpy().tolist()
        [[1], [2]]
    """
    x = convert(x)
    a1, a2 = canonical_axis(axis1, x.ndim, "swapaxes"), canonical_axis(axis2, x.ndim, "swapaxes")
    if a1 == a2:
        return x
    perm = list(range(x.ndim))
    perm[a1], perm[a2] = a2, a1
    return tf.transpose(x, perm)


def moveaxis(x: Any, source: Any, destination: Any) -> Tensor:
    """``x`` with the ``source`` axes moved to ``destination`` positions.

    Example:
        >>> moveaxis(zeros((2, 3, 4)), 0, -1).shape.as_list()
        [3, 4, 2]
    """
    x = convert(x)
    src = (source,) if isinstance(source, int) else tuple(source)
    dst = (destination,) if isinstance(destination, int) else tuple(destination)
    if len(src) != len(dst):
        raise ValueError(f"Inconsistent number of `source` and `destination`. Received: source={source}, "
                         f"destination={destination}")
    src = tuple(canonical_axis(a, x.ndim, "moveaxis") for a in src)
    dst = tuple(canonical_axis(a, x.ndim, "moveaxis") for a in dst)
    if src == dst:
        return x
    perm = [i for i in range(x.ndim) if i not in src]
    for d, s in sorted(zip(dst, src)):
        perm.insert(d, s)
    return tf.transpose(x, perm)


def expand_dims(x: Any, axis: Any) -> Tensor:
    """``x`` with new size-1 axes inserted at ``axis`` (an int or a sequence).

    Example:
        >>> expand_dims([1, 2], (0, 2)).shape.as_list()
        [1, 2, 1]
    """
    x = convert(x)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    out_nd = x.ndim + len(axes)
    for a in sorted(canonical_axis(a, out_nd, "expand_dims") for a in axes):
        x = tf.expand_dims(x, a)
    return x


def squeeze(x: Any, axis: Any = None) -> Tensor:
    """``x`` without size-1 axes (only those in ``axis`` when given, which must have size 1).

    Example:
        >>> squeeze(zeros((1, 2, 1)), axis=0).shape.as_list()
        [2, 1]
    """
    x = convert(x)
    if axis is not None:
        axes = (axis,) if isinstance(axis, int) else tuple(axis)
        for a in axes:
            if x.shape[a] != 1:
                raise ValueError(f"Cannot squeeze axis={a}, because the dimension is not 1.")
        axis = sorted(canonical_axis(a, x.ndim, "squeeze") for a in axes)
    return tf.squeeze(x, axis=axis)


def broadcast_to(x: Any, shape: Any) -> Tensor:
    """``x`` broadcast to ``shape``.

    Example:
        >>> broadcast_to([1, 2], (2, 2)).numpy().tolist()
        [[1, 2], [1, 2]]
    """
    return tf.broadcast_to(convert(x), _shape_arg(shape))


def _promote_all(xs: Any, weak: bool = False) -> list:
    if weak:
        ds = [dtype_of(v) for v in xs]
        if len(set(ds)) > 1:
            dt = result_type(*ds)
            return [convert(v, dt) for v in xs]
        return [convert(v) for v in xs]
    ts = [convert(v) for v in xs]
    kinds = {name_of(t) for t in ts}
    if len(kinds) > 1:
        dt = result_type(*kinds)
        ts = [_cast(t, dt) for t in ts]
    return ts


def concatenate(xs: Any, axis: int | None = 0) -> Tensor:
    """Join tensors along an existing ``axis`` (after promoting their dtypes); ``axis=None`` joins the
    flattened tensors, as NumPy (Keras with TensorFlow raises for it).

    Example:
        >>> concatenate([[1, 2], [3.5]]).numpy().tolist()
        [1.0, 2.0, 3.5]
    """
    ts = _promote_all(xs)
    if axis is None:
        ts, axis = [tf.reshape(t, [-1]) for t in ts], 0
    return tf.concat(ts, axis=axis)


def append(x1: Any, x2: Any, axis: int | None = None) -> Tensor:
    """``x2`` appended to ``x1`` (both flattened when ``axis`` is None).

    Example:
        >>> append([[1, 2]], [3]).numpy().tolist()
        [1, 2, 3]
    """
    a, b = binary_strong(x1, x2)
    if axis is None:
        return tf.concat([tf.reshape(a, [-1]), tf.reshape(b, [-1])], axis=0)
    return tf.concat([a, b], axis=axis)


def stack(x: Any, axis: int = 0) -> Tensor:
    """Join tensors along a new ``axis``.

    Example:
        >>> stack([[1, 2], [3, 4]], axis=1).numpy().tolist()
        [[1, 3], [2, 4]]
    """
    return tf.stack(_promote_all(x, weak=True), axis=axis)


def hstack(xs: Any) -> Tensor:
    """Join along the second axis (the first for 1-D inputs).

    Example:
        >>> hstack([[1], [2, 3]]).numpy().tolist()
        [1, 2, 3]
    """
    ts = _promote_all(xs, weak=True)
    return tf.concat(ts, axis=0 if ts[0].ndim == 1 else 1)


def vstack(xs: Any) -> Tensor:
    """Join along the first axis (1-D inputs become rows).

    Example:
        >>> vstack([[[1, 2]], [[3, 4]]]).numpy().tolist()
        [[1, 2], [3, 4]]
    """
    return tf.concat(_promote_all(xs, weak=True), axis=0)


def dstack(xs: Any) -> Tensor:
    """Join along the third axis (inputs of rank < 3 get axes added, as NumPy).

    Example:
        >>> dstack([[1, 2], [3, 4]]).numpy().tolist()
        [[[1, 3], [2, 4]]]
    """
    ts = _promote_all(xs)
    out = []
    for t in ts:
        if t.ndim == 0:
            t = tf.reshape(t, (1, 1, 1))
        elif t.ndim == 1:
            t = t[None, :, None]
        elif t.ndim == 2:
            t = t[:, :, None]
        out.append(t)
    return tf.concat(out, axis=2)


def split(x: Any, indices_or_sections: Any, axis: int = 0) -> list:
    """Split into equal sections (an int) or at the given indices.

    Example:
        >>> [t.numpy().tolist() for t in split([1, 2, 3, 4], [1, 3])]
        [[1], [2, 3], [4]]
    """
    x = convert(x)
    if isinstance(indices_or_sections, int):
        return tf.split(x, indices_or_sections, axis=axis)
    idx = [int(i) for i in np.asarray(indices_or_sections).reshape(-1)]
    total = x.shape[axis]
    bounds = [0] + idx + [total]
    sizes = [builtins.max(bounds[i + 1] - bounds[i], 0) for i in range(len(bounds) - 1)]
    return tf.split(x, sizes, axis=axis)


def array_split(x: Any, indices_or_sections: int, axis: int = 0) -> list:
    """Split into ``indices_or_sections`` nearly equal parts (the first ones one larger).

    Example:
        >>> [t.numpy().tolist() for t in array_split([1, 2, 3, 4, 5], 2)]
        [[1, 2, 3], [4, 5]]
    """
    if not isinstance(indices_or_sections, int):
        raise TypeError("Argument `indices_or_sections` must be of type `int`. Received: "
                        f"indices_or_sections={indices_or_sections}")
    if indices_or_sections <= 0:
        raise ValueError("Argument `indices_or_sections` must be a positive integer. Received: "
                         f"indices_or_sections={indices_or_sections}")
    if not isinstance(axis, int):
        raise TypeError(f"Argument `axis` must be of type `int`. Received: {axis}")
    x = convert(x)
    total = x.shape[axis]
    base, extra = divmod(total, indices_or_sections)
    return tf.split(x, [base + 1] * extra + [base] * (indices_or_sections - extra), axis=axis)


def hsplit(x: Any, indices_or_sections: Any) -> list:
    """``split`` along the second axis (the first for 1-D input).

    Example:
        >>> [t.numpy().tolist() for t in hsplit([[1, 2]], 2)]
        [[[1]], [[2]]]
    """
    x = convert(x)
    return split(x, indices_or_sections, axis=0 if x.ndim == 1 else 1)


def vsplit(x: Any, indices_or_sections: Any) -> list:
    """``split`` along the first axis.

    Example:
        >>> [t.numpy().tolist() for t in vsplit([[1], [2]], 2)]
        [[[1]], [[2]]]
    """
    return split(x, indices_or_sections, axis=0)


def dsplit(x: Any, indices_or_sections: Any) -> list:
    """``split`` along the third axis.

    Example:
        >>> [t.shape.as_list() for t in dsplit(zeros((1, 1, 4)), 2)]
        [[1, 1, 2], [1, 1, 2]]
    """
    return split(x, indices_or_sections, axis=2)


def flip(x: Any, axis: Any = None) -> Tensor:
    """``x`` reversed along ``axis`` (all axes when None).

    Example:
        >>> flip([[1, 2], [3, 4]], axis=1).numpy().tolist()
        [[2, 1], [4, 3]]
    """
    x = convert(x)
    axes = list(range(x.ndim)) if axis is None else list(axis_tuple(axis, x.ndim, "flip"))
    return tf.reverse(x, axes)


def fliplr(x: Any) -> Tensor:
    """``x`` reversed along axis 1.

    Example:
        >>> fliplr([[1, 2]]).numpy().tolist()
        [[2, 1]]
    """
    return tf.reverse(convert(x), [1])


def flipud(x: Any) -> Tensor:
    """``x`` reversed along axis 0.

    Example:
        >>> flipud([[1], [2]]).numpy().tolist()
        [[2], [1]]
    """
    return tf.reverse(convert(x), [0])


def rot90(array: Any, k: int = 1, axes: tuple = (0, 1)) -> Tensor:
    """``array`` rotated by 90 degrees ``k`` times in the plane of ``axes`` (from the first toward
    the second), as NumPy's ``rot90`` (Keras with TensorFlow scrambles ``k=2`` on non-square planes).

    Example:
        >>> rot90([[1, 2], [3, 4]]).numpy().tolist()
        [[2, 4], [1, 3]]
    """
    x = convert(array)
    if x.ndim < 2:
        raise ValueError(f"Input array must have at least 2 dimensions. Received: array.ndim={x.ndim}")
    if len(axes) != 2 or axes[0] == axes[1]:
        raise ValueError(f"Invalid axes: {axes}. Axes must be a tuple of two different dimensions.")
    a0, a1 = (canonical_axis(a, x.ndim, "rot90") for a in axes)
    k = k % 4
    if k == 0:
        return x
    if k == 2:
        return tf.reverse(x, [a0, a1])
    perm = list(range(x.ndim))
    perm[a0], perm[a1] = a1, a0
    if k == 1:
        return tf.transpose(tf.reverse(x, [a1]), perm)
    return tf.reverse(tf.transpose(x, perm), [a1])


def roll(x: Any, shift: Any, axis: Any = None) -> Tensor:
    """``x`` rolled by ``shift`` along ``axis`` (of the flattened tensor when None).

    Example:
        >>> roll([1, 2, 3], 1).numpy().tolist()
        [3, 1, 2]
    """
    x = convert(x)
    if axis is not None:
        return tf.roll(x, shift=shift, axis=axis)
    return tf.reshape(tf.roll(tf.reshape(x, [-1]), shift, 0), x.shape)


def tile(x: Any, repeats: Any) -> Tensor:
    """``x`` repeated ``repeats`` times along each axis (NumPy's padding of ``repeats``/rank).

    Example:
        >>> tile([1, 2], 2).numpy().tolist()
        [1, 2, 1, 2]
    """
    x = convert(x)
    reps = [int(r) for r in np.asarray(repeats).reshape(-1)] if not isinstance(repeats, int) else [repeats]
    if len(reps) < x.ndim:
        reps = [1] * (x.ndim - len(reps)) + reps
    while len(reps) > x.ndim:
        x = tf.expand_dims(x, 0)
    return tf.tile(x, reps)


def repeat(x: Any, repeats: Any, axis: int | None = None) -> Tensor:
    """Each element repeated ``repeats`` times (flattened when ``axis`` is None).

    Example:
        >>> repeat([1, 2], 2).numpy().tolist()
        [1, 1, 2, 2]
    """
    return tf.repeat(convert(x), repeats, axis=axis)


def _pad_width(pad_width: Any) -> list:
    if isinstance(pad_width, int):
        return [[pad_width, pad_width]]
    pw = [list(p) if isinstance(p, (tuple, list)) else p for p in pad_width]
    if pw and isinstance(pw[0], int):
        return [pw]
    first = len(pw[0])
    for i, p in enumerate(pw):
        if len(p) != first:
            raise ValueError(f"`pad_width` should be a list of tuples of length 1 or 2. Received: pad_width={pad_width}")
        if len(p) == 1:
            pw[i] = [p[0], p[0]]
    return pw


def pad(x: Any, pad_width: Any, mode: str = "constant", constant_values: Any = None) -> Tensor:
    """``x`` padded by ``pad_width`` ((before, after) per axis; modes "constant", "reflect",
    "symmetric" as the TensorFlow backend).

    Example:
        >>> pad([1, 2], (1, 2)).numpy().tolist()
        [0, 1, 2, 0, 0]
    """
    x = convert(x)
    pw = _pad_width(pad_width)
    if len(pw) > 1 and len(pw) != x.ndim:
        raise ValueError(f"`pad_width` must have the same length as `x.shape`. Received: pad_width={pad_width} "
                         f"(of length {len(pw)}) and x.shape={tuple(x.shape)} (of length {x.ndim})")
    kwargs = {}
    if constant_values is not None:
        if mode != "constant":
            raise ValueError(f"Argument `constant_values` can only be provided when `mode == 'constant'`. "
                             f"Received: mode={mode}")
        kwargs["constant_values"] = constant_values
    if mode.upper() not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError(f"pad: mode {mode!r} is not supported with the TensorFlow backend (use 'constant', "
                         "'reflect' or 'symmetric')")
    return tf.pad(x, pw, mode.upper(), **kwargs)


def _fix_negative(idx: Tensor, n: int) -> Tensor:
    return tf.where(idx < 0, idx + tf.cast(n, idx.dtype), idx)


def take(x: Any, indices: Any, axis: int | None = None) -> Tensor:
    """Elements of ``x`` at ``indices`` along ``axis`` (of the flattened ``x`` when None); negative
    indices count from the end.

    Example:
        >>> take([[1, 2], [3, 4]], [0, -1], axis=1).numpy().tolist()
        [[1, 2], [3, 4]]
    """
    x = convert(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    idx = convert(indices)
    return tf.gather(x, _fix_negative(idx, x.shape[axis]), axis=axis)


def take_along_axis(x: Any, indices: Any, axis: int | None = None) -> Tensor:
    """Elements of ``x`` picked by ``indices`` along ``axis`` (other axes broadcast).

    Example:
        >>> take_along_axis([[10, 30, 20]], [[1, 2]], axis=1).numpy().tolist()
        [[30, 20]]
    """
    x = convert(x)
    idx = convert(indices, "int64")
    if axis is None:
        if idx.ndim != 1:
            raise ValueError(f"`indices` must be 1D if axis=None. Received: indices.shape={tuple(idx.shape)}")
        return take_along_axis(tf.reshape(x, [-1]), idx, 0)
    if x.ndim != idx.ndim:
        raise ValueError(f"`x` and `indices` must have the same number of dimensions, but receive shape "
                         f"{tuple(x.shape)} and {tuple(idx.shape)}.")
    ax = canonical_axis(axis, x.ndim, "take_along_axis")
    xs, ids = list(x.shape), list(idx.shape)
    xs[ax] = ids[ax] = 1
    b = list(tf.broadcast_static_shape(tf.TensorShape(xs), tf.TensorShape(ids)))
    xb, ib = list(b), list(b)
    xb[ax], ib[ax] = x.shape[ax], idx.shape[ax]
    x = tf.broadcast_to(x, xb)
    idx = _fix_negative(tf.broadcast_to(idx, ib), x.shape[ax])
    x, idx = swapaxes(x, ax, -1), swapaxes(idx, ax, -1)
    ishape = idx.shape
    res = tf.gather(tf.reshape(x, [-1, x.shape[-1]]), tf.reshape(idx, [-1, ishape[-1]]), batch_dims=1)
    return swapaxes(tf.reshape(res, ishape), ax, -1)


def diff(a: Any, n: int = 1, axis: int = -1) -> Tensor:
    """The ``n``-th discrete difference along ``axis``.

    Example:
        >>> diff([1, 4, 9, 16]).numpy().tolist()
        [3, 5, 7]
    """
    a = convert(a)
    if n == 0:
        return a
    if n < 0:
        raise ValueError(f"Order `n` must be non-negative. Received n={n}")
    if a.ndim == 0:
        raise ValueError(f"`diff` requires input that is at least one dimensional. Received: a={a}")
    ax = canonical_axis(axis, a.ndim, "diff")
    hi = [builtins.slice(None)] * a.ndim
    lo = [builtins.slice(None)] * a.ndim
    hi[ax], lo[ax] = builtins.slice(1, None), builtins.slice(None, -1)
    for _ in range(n):
        if name_of(a) == "bool":
            a = tf.not_equal(a[tuple(hi)], a[tuple(lo)])
        else:
            a = tf.subtract(a[tuple(hi)], a[tuple(lo)])
    return a


def nonzero(x: Any) -> tuple:
    """The indices of the non-zero elements, one int32 tensor per axis.

    Example:
        >>> [t.numpy().tolist() for t in nonzero([[0, 1], [2, 0]])]
        [[0, 1], [1, 0]]
    """
    x = convert(x)
    idx = tf.where(_cast(x, "bool"))
    return tuple(tf.cast(i, tf.int32) for i in tf.unstack(idx, x.ndim, axis=1))


def get_item(x: Any, key: Any) -> Tensor:
    """``x[key]`` (a list key is used as a tuple).

    Example:
        >>> get_item([[1, 2], [3, 4]], (1, 0)).numpy().tolist()
        3
    """
    if isinstance(key, list):
        key = tuple(key)
    return convert(x)[key]


def unravel_index(indices: Any, shape: Any) -> tuple:
    """Flat indices to coordinate tensors for ``shape`` (C order), as NumPy for indices of any rank
    (Keras with TensorFlow returns wrong coordinates for indices of rank > 1).

    Example:
        >>> [t.numpy().tolist() for t in unravel_index([5, 7], (2, 4))]
        [[1, 1], [1, 3]]
    """
    idx = tf.convert_to_tensor(indices)
    if builtins.any(d is None for d in shape):
        raise ValueError(f"`shape` argument cannot contain `None`. Received: shape={shape}")
    coords = []
    for d in reversed(list(shape)):
        coords.append(tf.math.floormod(idx, tf.cast(d, idx.dtype)))
        idx = tf.math.floordiv(idx, tf.cast(d, idx.dtype))
    return tuple(reversed(coords))


def searchsorted(sorted_sequence: Any, values: Any, side: str = "left") -> Tensor:
    """Insertion indices of ``values`` into the 1-D ``sorted_sequence`` (int32).

    Example:
        >>> searchsorted([1, 3, 5], [0, 3, 6]).numpy().tolist()
        [0, 1, 3]
    """
    s, v = convert(sorted_sequence), convert(values)
    if s.ndim != 1:
        raise ValueError("`searchsorted` only supports 1-D sorted sequences. You can use "
                         "`keras.ops.vectorized_map` to extend it to N-D sequences. Received: "
                         f"sorted_sequence.shape={tuple(s.shape)}")
    return tf.searchsorted(s, v, side=side, out_type=tf.int32)


def digitize(x: Any, bins: Any) -> Tensor:
    """Index of the bin (of the increasing ``bins``) each value falls in (int32).

    Example:
        >>> digitize([0.5, 1.0, 2.5], [1.0, 2.0]).numpy().tolist()
        [0, 1, 2]
    """
    x = convert(x)
    edges = [float(b) for b in np.asarray(bins).reshape(-1)]
    n = name_of(x)
    if n in ("bool", "int8", "int16", "uint8", "uint16"):
        x = _cast(x, "int32")
    elif n == "uint32":
        x = _cast(x, "int64")
    elif n == "float16":
        x = _cast(x, "float32")
    flat = tf.reshape(x, [-1])
    b = tf.constant(edges, flat.dtype if name_of(flat)[0] == "f" else tf.float64)
    out = tf.searchsorted(b, tf.cast(flat, b.dtype), side="right", out_type=tf.int32)
    return tf.reshape(out, x.shape)


def bincount(x: Any, weights: Any = None, minlength: int = 0, sparse: bool = False) -> Tensor:
    """Count of each non-negative integer (along the last axis for 2-D input), weighted by ``weights``.

    Example:
        >>> bincount([0, 1, 1, 3]).numpy().tolist()
        [1, 2, 0, 1]
    """
    if sparse:
        raise ValueError("bincount: sparse=True is not supported by tapeflow's keras.ops")
    x = convert(x)
    dts = [name_of(x)]
    if name_of(x) not in ("int32", "int64"):
        x = _cast(x, "int32")
    if weights is not None:
        w = convert(weights)
        dts.append(name_of(w))
        dt = result_type(*dts)
        if name_of(w) not in ("int32", "int64", "float32", "float64"):
            w = _cast(w, "int32" if "int" in name_of(w) else "float32")
    else:
        w, dt = None, "int32"
    out = tf.math.bincount(x, weights=w, minlength=minlength, axis=-1, dtype=w.dtype if w is not None else tf.int32)
    return _cast(out, dt)


def histogram(x: Any, bins: int = 10, range: Any = None) -> tuple:  # noqa: A002  (Keras's name)
    """Counts of ``x`` in ``bins`` equal bins over ``range`` (default: min to max), and the edges.

    Example:
        >>> counts, edges = histogram([1.0, 2.0, 2.0, 4.0], bins=3)
        >>> counts.numpy().tolist(), edges.numpy().tolist()
        ([1.0, 2.0, 1.0], [1.0, 2.0, 3.0, 4.0])
    """
    if not isinstance(bins, int):
        raise TypeError(f"Argument `bins` must be of type `int`. Received: bins={bins}")
    if bins < 0:
        raise ValueError(f"Argument `bins` should be a non-negative integer. Received: bins={bins}")
    if range:
        if len(range) < 2 or not isinstance(range, tuple):
            raise ValueError(f"Argument `range` must be a tuple of two elements. Received: range={range}")
        if range[1] < range[0]:
            raise ValueError(f"The second element of `range` must be greater than the first. Received: range={range}")
    x = convert(x)
    if x.ndim > 1:
        raise ValueError(f"Input tensor must be 1-dimensional. Received: input.shape={tuple(x.shape)}")
    if range is None:
        lo, hi = tf.reduce_min(x), tf.reduce_max(x)
    else:
        lo, hi = range
    x = tf.boolean_mask(x, (x >= lo) & (x <= hi))
    edges = tf.cast(tf.linspace(lo, hi, bins + 1), x.dtype)
    idx = tf.searchsorted(edges[1:-1], x, side="right")
    counts = tf.scatter_nd(tf.expand_dims(idx, -1), tf.ones_like(idx, dtype=x.dtype), (bins,))
    return counts, edges


def isin(x1: Any, x2: Any, assume_unique: bool = False, invert: bool = False) -> Tensor:
    """True where an element of ``x1`` occurs in ``x2`` (False with ``invert``).

    Example:
        >>> isin([1, 2, 3], [2, 5]).numpy().tolist()
        [False, True, False]
    """
    a, b = binary_strong(x1, x2)
    shp = a.shape
    a, b = tf.reshape(a, [-1]), tf.reshape(b, [-1])
    if a._value.size == 0 or b._value.size == 0:
        return tf.zeros(shp, tf.bool)
    hit = tf.reduce_any(tf.equal(a[:, None], b[None, :]), axis=1)
    if invert:
        hit = tf.logical_not(hit)
    return tf.reshape(hit, shp)


def select(condlist: Any, choicelist: Any, default: Any = 0) -> Tensor:
    """Elements of the first choice whose condition holds (``default`` where none does).

    Example:
        >>> x = arange(4)
        >>> select([x < 1, x > 2], [x, x * 10], default=-1).numpy().tolist()
        [0, -1, -1, 30]
    """
    if not isinstance(condlist, (list, tuple)) or not isinstance(choicelist, (list, tuple)):
        raise ValueError(f"condlist and choicelist must be lists. Received: type(condlist) = {type(condlist)}, "
                         f"type(choicelist) = {type(choicelist)}")
    if not condlist or not choicelist:
        raise ValueError(f"condlist and choicelist must not be empty. Received: condlist = {condlist}, "
                         f"choicelist = {choicelist}")
    if len(condlist) != len(choicelist):
        raise ValueError("select: condlist and choicelist must have the same length")
    choices = _promote_all(list(choicelist) + [default], weak=True)
    out = choices[-1]
    for c, v in zip(reversed(condlist), reversed(choices[:-1])):
        out = tf.where(_as_bool(c), v, out)
    return out


def argpartition(x: Any, kth: int, axis: int = -1) -> Tensor:
    """Indices that partition ``x`` along ``axis``: the ``kth`` smallest in place, smaller before.

    The order within each part follows the TensorFlow backend (the ``kth + 1`` smallest ascending,
    then the rest by decreasing value); ``x`` is compared as int32, as there.

    Example:
        >>> argpartition([3, 4, 2, 1], 1).numpy().tolist()
        [3, 2, 1, 0]
    """
    x = convert(x, "int32")
    if axis is None:
        x, axis, orig = tf.reshape(x, [-1]), 0, None
    else:
        orig = axis
    x = swapaxes(x, axis, -1)
    n = x.shape[-1]
    k = builtins.min(builtins.max(int(kth), 0), n - 1)
    bottom = tf.math.top_k(-x, k + 1).indices
    chosen = tf.reduce_sum(tf.one_hot(bottom, n, dtype=tf.int32), axis=0)
    rest = tf.where(tf.cast(chosen, tf.bool), tf.zeros_like(x), x)
    top = tf.math.top_k(rest, n - k - 1).indices
    out = tf.concat([bottom, top], axis=-1)
    return out if orig is None else swapaxes(out, -1, axis)


def unique(x: Any, sorted: bool = True, return_index: bool = False, return_inverse: bool = False,  # noqa: A002
           return_counts: bool = False, axis: int | None = None, size: int | None = None,
           fill_value: Any = None) -> Any:
    """The unique elements of ``x`` (flattened when ``axis`` is None; sorted unless ``sorted=False``),
    optionally with first indices, the inverse map and counts; ``size`` pads or truncates.

    Example:
        >>> unique([3, 1, 3, 2]).numpy().tolist()
        [1, 2, 3]
    """
    x = tf.convert_to_tensor(x)
    flat = axis is None
    if flat:
        src = tf.reshape(x, [-1])
        ax = 0
    else:
        src = x
        ax = canonical_axis(axis, x.ndim, "unique")
    moved = swapaxes(src, ax, 0) if ax else src
    rows = tf.reshape(moved, [moved.shape[0], -1]) if moved.ndim != 1 else moved
    n = rows.shape[0]
    # first-occurrence order (TF's unique), then optionally sorted lexicographically
    keys = [tuple(np.asarray(rows[i]).reshape(-1).tolist()) for i in range(n)]
    first: dict = {}
    inverse_list = []
    for kk in keys:
        if kk not in first:
            first[kk] = len(first)
        inverse_list.append(first[kk])
    order_first = [None] * len(first)
    for kk, j in first.items():
        order_first[j] = kk
    firsts = [keys.index(kk) for kk in order_first]
    perm = builtins.sorted(range(len(order_first)), key=lambda j: order_first[j]) if sorted else \
        list(range(len(order_first)))
    pos = {j: r for r, j in enumerate(perm)}
    take_idx = tf.constant([firsts[j] for j in perm], tf.int32) if perm else tf.zeros([0], tf.int32)
    y = tf.gather(moved, take_idx, axis=0)
    if ax:
        y = swapaxes(y, 0, ax)
    idx_t = tf.constant([firsts[j] for j in perm], tf.int32) if perm else tf.zeros([0], tf.int32)
    inv_t = tf.constant([pos[j] for j in inverse_list], tf.int32) if inverse_list else tf.zeros([0], tf.int32)
    cnt_t = tf.constant([inverse_list.count(j) for j in perm], tf.int32) if perm else tf.zeros([0], tf.int32)
    if size is not None:
        m = len(perm)
        keep = builtins.min(m, size)
        y = tf.gather(y, tf.range(keep), axis=ax)
        idx_t, cnt_t = idx_t[:keep], cnt_t[:keep]
        padn = builtins.max(0, size - m)
        pads = [[0, 0]] * y.ndim
        pads[ax] = [0, padn]
        y = tf.pad(y, pads, constant_values=tf.cast(0 if fill_value is None else fill_value, y.dtype))
        idx_t = tf.pad(idx_t, [[0, padn]], constant_values=1)
        cnt_t = tf.pad(cnt_t, [[0, padn]], constant_values=0)
    if return_inverse and flat:
        inv_t = tf.reshape(inv_t, x.shape)
    out = [y]
    if return_index:
        out.append(idx_t)
    if return_inverse:
        out.append(inv_t)
    if return_counts:
        out.append(cnt_t)
    return tuple(out) if len(out) > 1 else out[0]


def corrcoef(x: Any) -> Tensor:
    """Pearson correlation coefficients of the rows of ``x``.

    Example:
        >>> corrcoef([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]).numpy().tolist()
        [[1.0, -1.0], [-1.0, 1.0]]
    """
    x = convert(x)
    n = name_of(x)
    if n in ("bool", "int8", "int16", "int32", "uint8", "uint16", "uint32"):
        x = _cast(x, floatx())
    if x.ndim == 0:
        return tf.constant(np.nan, floatx())
    centered = x - tf.reduce_mean(x, axis=-1, keepdims=True)
    num = tf.cast(x.shape[-1], x.dtype)
    cov = tf.linalg.matmul(centered, centered, adjoint_b=True) / (num - 1)
    sd = tf.math.sqrt(tf.math.real(tf.linalg.diag_part(cov)))
    corr = cov / tf.cast(tf.tensordot(sd, sd, axes=0), cov.dtype)
    re = tf.clip_by_value(tf.math.real(corr), -1.0, 1.0)
    if name_of(corr).startswith("complex"):
        return tf.complex(re, tf.clip_by_value(tf.math.imag(corr), -1.0, 1.0))
    return re


def correlate(x1: Any, x2: Any, mode: str = "valid") -> Tensor:
    """Cross-correlation of two 1-D sequences (``mode`` "valid", "same" or "full").

    Example:
        >>> correlate([1.0, 2.0, 3.0], [0.0, 1.0]).numpy().tolist()
        [2.0, 3.0]
    """
    a, b = convert(x1), convert(x2)
    dt = result_type(name_of(a), name_of(b))
    dt = "float64" if dt == "int64" else dt if dt in ("float16", "float64") else "float32"
    a, b = _cast(a, dt), _cast(b, dt)
    n, m = a.shape[0], b.shape[0]

    def valid(u: Tensor) -> Tensor:
        out = tf.nn.conv1d(tf.reshape(u, (1, -1, 1)), tf.reshape(b, (m, 1, 1)), stride=1, padding="VALID")
        return tf.squeeze(out, axis=[0, 2])

    if mode == "valid":
        return valid(a)
    if mode not in ("full", "same"):
        raise ValueError(f"Invalid mode: '{mode}'. Mode must be one of: 'full', 'same', 'valid'.")
    p = builtins.max(m - 1, 0)
    full_ = valid(tf.pad(a, [[p, p]]))
    if mode == "full":
        return full_
    out_len = builtins.max(n, m)
    start = (n + m - 1 - out_len) // 2
    return full_[start:start + out_len]


def trapezoid(y: Any, x: Any = None, dx: float = 1.0, axis: int = -1) -> Tensor:
    """Integral of ``y`` along ``axis`` by the trapezoidal rule (sample points ``x`` or spacing ``dx``).

    Example:
        >>> trapezoid([1.0, 2.0, 3.0]).numpy().tolist()
        4.0
    """
    y = convert(y)
    dt = result_type(name_of(y), float)
    y = _cast(y, dt)
    if x is None:
        d = tf.cast(dx, dt)
    else:
        d = moveaxis(diff(convert(x, dt), axis=axis), axis, -1)
    y = moveaxis(y, axis, -1)
    return tf.reduce_sum(0.5 * (y[..., 1:] + y[..., :-1]) * d, axis=-1)


def view(x: Any, dtype: Any = None) -> Tensor:
    """The bytes of ``x`` reinterpreted as ``dtype`` (the last axis scales with the item sizes).

    Example:
        >>> view(array([1.0], "float32"), "int32").numpy().tolist()
        [1065353216]
    """
    x = convert(x)
    old = x.dtype
    new = tf.as_dtype(standardize_dtype(dtype) if dtype is not None else name_of(x))
    osz, nsz = old.size, new.size
    shp = list(x.shape)
    last = shp[-1] if shp else -1
    if (last == -1 and osz != nsz) or (last * osz % nsz != 0):
        raise ValueError(f"Cannot view array of shape {tuple(x.shape)} and dtype {old.name} as dtype {new.name} "
                         "because the total number of bytes is not divisible by the new itemsize.")
    if osz == nsz:
        return tf.bitcast(x, new)
    if osz > nsz:
        shp[-1] *= osz // nsz
        return tf.reshape(tf.bitcast(tf.reshape(x, [-1]), new), shp)
    ratio = nsz // osz
    return tf.bitcast(tf.reshape(x, shp[:-1] + [last // ratio, ratio]), new)


def slogdet(x: Any) -> tuple:
    """Sign and log of the absolute determinant of square matrices.

    Example:
        >>> sign, logabs = slogdet([[2.0, 0.0], [0.0, -3.0]])
        >>> float(sign), round(float(logabs), 4)
        (-1.0, <tf.Tensor: shape=(), dtype=float32, numpy=1.7918000221252441>)
    """
    return tuple(tf.linalg.slogdet(convert(x)))


def vectorize(pyfunc: Callable, *, excluded: Any = None, signature: str | None = None) -> Callable:
    """``pyfunc`` applied element-wise over its broadcast tensor arguments (``vectorized_map``); only
    ``signature=None`` and ``excluded=None`` are supported. (Keras's TensorFlow backend raises for
    every call; tapeflow gives the JAX/NumPy backends' result.)

    Example:
        >>> f = vectorize(lambda v: v * 2)
        >>> f([1.0, 2.0]).numpy().tolist()
        [2.0, 4.0]
    """
    if not callable(pyfunc):
        raise ValueError(f"Expected argument `pyfunc` to be a callable. Received: pyfunc={pyfunc}")
    if excluded or signature is not None:
        raise ValueError("vectorize: `excluded` and `signature` are not supported by tapeflow's keras.ops")

    def wrapped(*args: Any) -> Any:
        ts = [convert(a) for a in args]
        if builtins.all(t.ndim == 0 for t in ts):
            return pyfunc(*ts)
        shape_ = tf.broadcast_static_shape(*[t.shape for t in ts]) if len(ts) > 1 else ts[0].shape
        ts = [tf.broadcast_to(t, shape_) for t in ts]
        flat = [tf.reshape(t, [-1]) for t in ts]
        out = tf.vectorized_map(lambda e: pyfunc(*e), tuple(flat)) if len(flat) > 1 else \
            tf.vectorized_map(pyfunc, flat[0])
        return tf.reshape(out, shape_)

    return wrapped


__all__ = [
    "abs", "absolute", "add", "all", "allclose", "amax", "amin", "angle", "any", "append", "arange", "arccos",
    "arccosh", "arcsin", "arcsinh", "arctan", "arctan2", "arctanh", "argmax", "argmin", "argpartition", "argsort",
    "array", "array_split", "average", "bartlett", "bincount", "bitwise_and", "bitwise_invert", "bitwise_not",
    "bitwise_or", "bitwise_xor", "bitwise_left_shift", "bitwise_right_shift", "left_shift", "right_shift", "blackman", "broadcast_to", "cbrt", "ceil", "clip", "concatenate", "conj",
    "conjugate", "copy", "corrcoef", "correlate", "cos", "cosh", "count_nonzero", "cross", "cumprod", "cumsum",
    "deg2rad", "diag", "diagflat", "diagonal", "diff", "digitize", "divide", "divide_no_nan", "dot", "dsplit",
    "dstack", "einsum", "empty", "empty_like", "equal", "exp", "exp2", "expand_dims", "expm1", "eye", "fabs", "flip",
    "fliplr", "flipud", "floor", "floor_divide", "fmax", "fmin", "fmod", "full", "full_like", "gcd", "geomspace",
    "get_item", "greater", "greater_equal", "hamming", "hanning", "heaviside", "histogram", "hsplit", "hstack",
    "hypot", "i0", "identity", "imag", "inner", "isclose", "isfinite", "isin", "isinf", "isnan", "isneginf",
    "isposinf", "isreal", "kaiser", "kron", "lcm", "ldexp", "less", "less_equal", "linspace", "log", "log10",
    "log1p", "log2", "logaddexp", "logaddexp2", "logical_and", "logical_not", "logical_or", "logical_xor",
    "logspace", "matmul", "max", "maximum", "mean", "median", "meshgrid", "min", "minimum", "mod", "moveaxis",
    "multiply", "nan_to_num", "nanargmax", "nanargmin", "nancumprod", "nancumsum", "nanmax", "nanmean",
    "nanmedian", "nanmin", "nanpercentile", "nanprod", "nanquantile", "nanstd", "nansum", "nanvar", "ndim",
    "negative", "nextafter", "nonzero", "not_equal", "ones", "ones_like", "outer", "pad", "percentile", "power",
    "prod", "ptp", "quantile", "rad2deg", "ravel", "real", "reciprocal", "repeat", "reshape", "roll", "rot90",
    "round", "searchsorted", "select", "slogdet", "sign", "signbit", "sin", "sinc", "sinh", "size", "sort", "split", "sqrt",
    "square", "squeeze", "stack", "std", "subtract", "sum", "swapaxes", "take", "take_along_axis", "tan", "tanh",
    "tensordot", "tile", "trace", "transpose", "trapezoid", "tri", "tril", "triu", "true_divide", "trunc", "unique",
    "unravel_index", "vander", "var", "vdot", "vectorize", "view", "vsplit", "vstack", "where", "zeros",
    "zeros_like",
]

wrap_symbolic(globals(), __all__, skip=('vectorize', 'ndim'))
