"""Shared machinery of ``keras.ops``: Keras 3's dtype names and promotion rules, argument conversion.

Keras 3 promotes dtypes along JAX's lattice (``bool < int < uint8/int8 < ... < float < float16 <
float32 < float64``, complex above), with Python ``int``/``float`` scalars as *weak* types that
take the other operand's kind when they can. With the TensorFlow backend ``int64`` and ``float64``
results stay 64-bit, while ``uint64`` and ``complex128`` results become ``uint32``/``complex64``.

Example:
    >>> result_type("int32", float), result_type("int8", "uint8"), result_type("float16", int)
    ('float32', 'int16', 'float16')
"""

from __future__ import annotations

import builtins
import functools
from typing import Any, Callable

import numpy as np

import tapeflow as tf

from ...tensor import Tensor, Variable

_FLOATX = "float32"
_EPSILON = 1e-7

# Immediate successors in the promotion lattice ("int" and "float" are the weak Python types).
_SUCCESSORS = {
    "bool": ("int",),
    "int": ("uint8", "int8", "complex64"),
    "uint8": ("int16", "uint16"),
    "uint16": ("int32", "uint32"),
    "uint32": ("int64", "uint64"),
    "uint64": ("float",),
    "int8": ("int16",),
    "int16": ("int32",),
    "int32": ("int64",),
    "int64": ("float",),
    "float": ("float16",),
    "float16": ("float32",),
    "float32": ("float64", "complex64"),
    "float64": ("complex128",),
    "complex64": ("complex128",),
    "complex128": (),
}


def _closure() -> dict:
    above: dict = {}
    for node in _SUCCESSORS:
        seen = {node}
        todo = [node]
        while todo:
            for nxt in _SUCCESSORS[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        above[node] = frozenset(seen)
    return above


_ABOVE = _closure()
_ALLOWED = frozenset(_SUCCESSORS) - {"int", "float"} | {"string"}
_PY_TYPES = {int: "int64", float: "float32", builtins.bool: "bool", complex: "complex128", str: "string",
             "int": "int64"}
_TO_32 = {"uint64": "uint32", "complex128": "complex64"}
_LUB_CACHE: dict = {}


_BACKEND: list = []


def _backend_fn(name: str) -> Any:
    if not _BACKEND:
        from .. import backend

        _BACKEND.append(backend)
    return getattr(_BACKEND[0], name, None)


def floatx() -> str:
    """The default float dtype (``keras.backend.floatx()``; "float32" unless it was changed)."""
    fn = _backend_fn("floatx")
    return fn() if fn is not None else _FLOATX


def epsilon() -> float:
    """The fuzz factor (``keras.backend.epsilon()``; 1e-7 unless it was changed)."""
    fn = _backend_fn("epsilon")
    return fn() if fn is not None else _EPSILON


def standardize_dtype(dtype: Any) -> str:
    """A dtype's Keras name: ``None`` is floatx, Python ``int`` is "int64", ``float`` "float32".

    Example:
        >>> standardize_dtype(int), standardize_dtype(np.float16), standardize_dtype(None)
        ('int64', 'float16', 'float32')
    """
    if dtype is None:
        return floatx()
    if isinstance(dtype, str):
        name = _PY_TYPES.get(dtype, dtype)
    elif dtype in _PY_TYPES:
        name = _PY_TYPES[dtype]
    elif hasattr(dtype, "name") and isinstance(dtype.name, str):
        name = dtype.name
    else:
        try:
            name = np.dtype(dtype).name
        except TypeError:
            name = getattr(dtype, "__name__", str(dtype))
    if name == "object":
        name = "string"
    if name not in _ALLOWED:
        raise ValueError(f"Invalid dtype: {dtype}")
    return name


def _lub(nodes: frozenset) -> str:
    hit = _LUB_CACHE.get(nodes)
    if hit is not None:
        return hit
    common = frozenset.intersection(*[_ABOVE[n] for n in nodes])
    least = [c for c in common if common <= _ABOVE[c]]
    if len(least) != 1:
        raise ValueError(
            f"Input dtypes {tuple(sorted(nodes))} have no available implicit dtype promotion path. "
            "Try explicitly casting inputs to the desired output type."
        )
    _LUB_CACHE[nodes] = least[0]
    return least[0]


def _weak_kind(name: str) -> str:
    if name == "bool":
        return name
    if "float" in name:
        return "float"
    if "int" in name:
        return "int"
    return name


def result_type(*dtypes: Any) -> str:
    """Keras 3's ``keras.backend.result_type``: the promoted dtype of ``dtypes`` (Python ``int``/
    ``float`` types count as weak).

    Example:
        >>> result_type("int64", "float16"), result_type(int, float), result_type("uint64")
        ('float16', 'float32', 'uint32')
    """
    if not dtypes:
        return floatx()
    fx = floatx()
    try:
        hit = _RT_CACHE.get((dtypes, fx))
    except TypeError:  # an unhashable dtype-like: no caching
        return _result_type(dtypes, fx)
    if hit is None:
        hit = _RT_CACHE[(dtypes, fx)] = _result_type(dtypes, fx)
    return hit


_RT_CACHE: dict = {}


def _result_type(dtypes: tuple, fx: str) -> str:
    names = []
    weak = []
    for d in dtypes:
        names.append(standardize_dtype(d))
        weak.append(d is int or d is float)
    if names[0] == "string" or "string" in names:
        if len(set(names)) == 1:
            return "string"
        raise ValueError(f"Input dtypes {tuple(names)} have no available implicit dtype promotion path.")
    if len(names) == 1:
        out, out_weak = names[0], weak[0]
    elif len(set(names)) == 1 and not all(weak):
        out, out_weak = names[0], False
    elif all(weak):
        out, out_weak = _lub(frozenset(names)), True
    else:
        out = _lub(frozenset(_weak_kind(n) if w else n for n, w in zip(names, weak)))
        out_weak = out in ("int", "float")
    if out_weak and out != "bool":
        bits = fx[-2:]
        out = "bool" if out == "bool" else f"uint{bits}" if out.startswith("u") else \
            f"int{bits}" if out.startswith("i") else f"float{bits}"
    return _TO_32.get(out, out)


_NP_NAMES: dict = {}
_NUMERIC_NP = {n: np.dtype(n) for n in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                                         "float16", "float32", "float64")}


def _np_name(d: np.dtype) -> str:
    """A NumPy dtype's Keras name (cached: ``np.dtype.name`` is slow)."""
    n = _NP_NAMES.get(d)
    if n is None:
        n = _NP_NAMES[d] = "string" if d.kind == "O" else d.name
    return n


def dtype_of(x: Any) -> Any:
    """``x``'s dtype for promotion: a Keras dtype name, or the weak Python types ``int``/``float``."""
    if type(x) is Tensor:
        return _np_name(x._value.dtype)
    if isinstance(x, np.generic):
        return _np_name(x.dtype)
    if isinstance(x, builtins.bool):
        return "bool"
    if isinstance(x, int):
        return int
    if isinstance(x, float):
        return float
    if isinstance(x, (Tensor, Variable)) or hasattr(x, "dtype"):
        d = x.dtype
        return standardize_dtype(d)
    return _np_name(convert(x)._value.dtype)


def name_of(t: Tensor) -> str:
    """A tensor's dtype name ("float32", "int64", "bool", "string" ...)."""
    return _np_name(t._value.dtype)


def convert(x: Any, dtype: Any = None) -> Tensor:
    """Keras's ``convert_to_tensor`` (TensorFlow backend): TF's conversion, then a cast to ``dtype``.

    Example:
        >>> convert([1, 2], "float32").numpy().tolist()
        [1.0, 2.0]
    """
    if type(x) is Tensor:
        t = x
    elif dtype is not None and (type(x) is float or type(x) is int) and dtype in _NUMERIC_NP:
        try:  # a Python scalar meeting a known dtype (the common promotion case): straight to NumPy
            return Tensor(np.asarray(x, _NUMERIC_NP[dtype]))
        except (OverflowError, ValueError):
            t = tf.convert_to_tensor(x)
    elif isinstance(x, Variable):
        t = x._read()
    elif isinstance(x, Tensor):
        t = x
    else:
        target = None if dtype is None else standardize_dtype(dtype)
        try:
            if target is not None and target not in ("bool", "string") and "int" not in target:
                try:
                    return tf.convert_to_tensor(x, dtype=target)
                except (TypeError, ValueError):
                    pass
            t = tf.convert_to_tensor(x)
        except (TypeError, ValueError) as e:
            raise type(e)(f"keras.ops: cannot convert {type(x).__name__} to a tensor: {e}") from None
    if dtype is not None:
        target = standardize_dtype(dtype)
        if name_of(t) != target:
            t = tf.cast(t, target)
    return t


def cast(t: Tensor, dtype: str) -> Tensor:
    """``t`` cast to ``dtype`` (returned unchanged when it already has it)."""
    return t if _np_name(t._value.dtype) == dtype else tf.cast(t, dtype)


def to_float(x: Any) -> Tensor:
    """The float form Keras's element-wise math takes: int64 -> floatx, else ``result_type(dtype, float)``."""
    t = convert(x)
    n = name_of(t)
    target = floatx() if n == "int64" else result_type(n, float)
    return cast(t, target)


def int_or_bool_to_float(x: Any) -> Tensor:
    """Integer and bool tensors become floatx; others keep their dtype (Keras's exp/expm1 rule)."""
    t = convert(x)
    n = name_of(t)
    if "int" in n or n == "bool":
        return cast(t, floatx())
    return t


def binary_weak(x1: Any, x2: Any, *extra: Any) -> tuple:
    """Both operands converted to their promoted dtype; Python scalars count as weak."""
    if type(x1) is Tensor and type(x2) is Tensor and x1._value.dtype == x2._value.dtype and not extra:
        return x1, x2
    d1, d2 = dtype_of(x1), dtype_of(x2)
    dt = result_type(d1, d2, *extra)
    return convert(x1, dt), convert(x2, dt)


def binary_strong(x1: Any, x2: Any, *extra: Any) -> tuple:
    """Both operands converted to tensors first (Python scalars become int32/float32), then promoted."""
    a, b = convert(x1), convert(x2)
    if a._value.dtype == b._value.dtype and not extra:
        return a, b
    dt = result_type(name_of(a), name_of(b), *extra)
    return cast(a, dt), cast(b, dt)


def axis_tuple(axis: Any, ndim: int, op: str) -> tuple | None:
    """``axis`` (int, sequence or None) as a tuple of non-negative ints, checked against ``ndim``."""
    if axis is None:
        return None
    if isinstance(axis, (Tensor, Variable)):
        axis = np.asarray(axis).tolist()
    if isinstance(axis, (int, np.integer)):
        axis = (int(axis),)
    out = []
    for a in axis:
        a = int(a)
        if not -ndim <= a < max(ndim, 1):
            raise ValueError(f"keras.ops.{op}: axis {a} is out of bounds for a tensor of rank {ndim}")
        out.append(a % ndim if ndim else 0)
    return tuple(out)


def canonical_axis(axis: int, ndim: int, op: str) -> int:
    """One axis, negative counted from the end, checked against ``ndim``."""
    a = int(axis)
    if not -ndim <= a < ndim:
        raise ValueError(f"keras.ops.{op}: axis {a} is out of bounds for a tensor of rank {ndim}")
    return a % ndim


def shape_tuple(shape: Any) -> tuple:
    """A shape argument (int, sequence, TensorShape or 1-D tensor) as a tuple of ints."""
    if isinstance(shape, (Tensor, Variable)):
        return tuple(int(s) for s in np.asarray(shape).reshape(-1))
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(s) for s in shape)


_KT: list = []


def _keras_tensor_type() -> type:
    if not _KT:
        from ..keras_tensor import KerasTensor

        _KT.append(KerasTensor)
    return _KT[0]


def _has_symbolic(args: tuple, kwargs: dict) -> bool:
    kt = _keras_tensor_type()
    for group in (args, kwargs.values()):
        for v in group:
            t = type(v)
            if t is kt:
                return True
            if t is list or t is tuple:
                for e in v:
                    if type(e) is kt:
                        return True
    return False


def symbolic_aware(fn: Callable) -> Callable:
    """``fn`` that, given functional-API ``KerasTensor``s, records itself as a graph node (as Keras 3's
    ops do on symbolic inputs) instead of computing."""

    @functools.wraps(fn)
    def op(*args: Any, **kwargs: Any) -> Any:
        if _has_symbolic(args, kwargs):
            from ..keras_tensor import _op

            n, keys = len(args), list(kwargs)

            def call(*flat: Any) -> Any:
                return fn(*flat[:n], **dict(zip(keys, flat[n:])))

            return _op(fn.__name__, call, *args, *kwargs.values())
        return fn(*args, **kwargs)

    return op


def wrap_symbolic(namespace: dict, names: list, skip: tuple = ()) -> None:
    """Make the public ops ``names`` of a module accept functional-API symbolic tensors."""
    for n in names:
        f = namespace.get(n)
        if n not in skip and callable(f) and not isinstance(f, type):
            namespace[n] = symbolic_aware(f)


__all__: list[str] = []
