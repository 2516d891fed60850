"""Tensor, Variable, TensorShape and conversion to tensors.

Example:
    >>> import tapeflow as tf
    >>> print(tf.constant(2.0))
    tf.Tensor(2.0, shape=(), dtype=float32)
"""

from __future__ import annotations

import enum
import itertools
import threading
from typing import Any, Iterable

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .recorders import STATE, note_export

_ids = itertools.count(1)



class TensorShape(tuple):
    """The shape of a tensor: a tuple of ints (``None`` for an unknown dimension).

    ``TensorShape(None)`` has an unknown rank (TF's ``<unknown>``): it is compatible with every
    shape, and asking for its length or list raises ``ValueError``, as in TF.

    Example:
        >>> TensorShape([2, 3]).as_list()
        [2, 3]
        >>> print(TensorShape([None, 3]), TensorShape(None))
        (None, 3) <unknown>
    """

    def __new__(cls, dims: Iterable[int | None] | None = ()) -> TensorShape:
        if dims is None:
            return tuple.__new__(_UnknownRankShape, ())
        if isinstance(dims, _UnknownRankShape):
            return dims
        if isinstance(dims, (int, np.integer)):
            dims = (dims,)
        return tuple.__new__(cls, (None if d is None else int(d) for d in dims))

    @property
    def rank(self) -> int | None:
        return len(self)

    @property
    def ndims(self) -> int | None:
        return self.rank

    @property
    def dims(self) -> list | None:
        return list(self)

    def as_list(self) -> list:
        return list(self)

    def num_elements(self) -> int | None:
        if any(d is None for d in self):
            return None
        return int(np.prod(self, dtype=np.int64))

    def is_fully_defined(self) -> bool:
        return all(d is not None for d in self)

    def is_compatible_with(self, other: Any) -> bool:
        other = TensorShape(other) if not isinstance(other, TensorShape) else other
        if other.rank is None:
            return True
        return len(self) == len(other) and all(a is None or b is None or a == b for a, b in zip(self, other))

    def assert_is_compatible_with(self, other: Any) -> None:
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {TensorShape(other)} are incompatible")

    def merge_with(self, other: Any) -> TensorShape:
        """The most specific shape compatible with both (``ValueError`` if they are incompatible)."""
        other = TensorShape(other) if not isinstance(other, TensorShape) else other
        self.assert_is_compatible_with(other)
        if other.rank is None:
            return self
        return TensorShape(a if a is not None else b for a, b in zip(self, other))

    def most_specific_compatible_shape(self, other: Any) -> TensorShape:
        """The most specific shape that both shapes are compatible with."""
        other = TensorShape(other) if not isinstance(other, TensorShape) else other
        if other.rank is None or len(self) != len(other):
            return TensorShape(None)
        return TensorShape(a if a == b else None for a, b in zip(self, other))

    def concatenate(self, other: Any) -> TensorShape:
        other = TensorShape(other) if not isinstance(other, TensorShape) else other
        if other.rank is None:
            return TensorShape(None)
        return TensorShape(tuple(self) + tuple(other))

    def with_rank(self, rank: int) -> TensorShape:
        if len(self) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")
        return self

    def with_rank_at_least(self, rank: int) -> TensorShape:
        if len(self) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def with_rank_at_most(self, rank: int) -> TensorShape:
        if len(self) > rank:
            raise ValueError(f"Shape {self} must have rank at most {rank}")
        return self

    def assert_has_rank(self, rank: int) -> None:
        if self.rank not in (None, rank):
            raise ValueError(f"Shape {self} must have rank {rank}")

    def assert_is_fully_defined(self) -> None:
        if not self.is_fully_defined():
            raise ValueError(f"Shape {self} is not fully defined")

    def __getitem__(self, key):  # slices stay shapes
        r = tuple.__getitem__(self, key)
        return TensorShape(r) if isinstance(key, slice) else r

    def __repr__(self) -> str:
        return f"TensorShape({list(self)})"

    def __str__(self) -> str:
        return "(" + ", ".join("None" if d is None else str(d) for d in self) + ("," if len(self) == 1 else "") + ")"


class _UnknownRankShape(TensorShape):
    """``TensorShape(None)``: a shape whose rank is not known."""

    @property
    def rank(self) -> None:
        return None

    @property
    def dims(self) -> None:
        return None

    def as_list(self) -> list:
        raise ValueError("as_list() is not defined on an unknown TensorShape.")

    def __len__(self) -> int:
        raise ValueError("Cannot take the length of shape with unknown rank.")

    def __iter__(self):
        raise ValueError("Cannot iterate over a shape with unknown rank.")

    def num_elements(self) -> None:
        return None

    def is_fully_defined(self) -> bool:
        return False

    def is_compatible_with(self, other: Any) -> bool:
        return True

    def merge_with(self, other: Any) -> TensorShape:
        return TensorShape(other) if not isinstance(other, TensorShape) else other

    def most_specific_compatible_shape(self, other: Any) -> TensorShape:
        return self

    def concatenate(self, other: Any) -> TensorShape:
        return self

    def with_rank(self, rank: int) -> TensorShape:
        return TensorShape([None] * rank)

    def with_rank_at_least(self, rank: int) -> TensorShape:
        return self

    def with_rank_at_most(self, rank: int) -> TensorShape:
        return self

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self
        return None

    def __eq__(self, other: object) -> builtins_bool:
        return isinstance(other, _UnknownRankShape)

    def __ne__(self, other: object) -> builtins_bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(None)

    def __repr__(self) -> str:
        return "TensorShape(None)"

    def __str__(self) -> str:
        return "<unknown>"


class Tensor:
    """An immutable n-dimensional value with a dtype, recorded by tapes.

    Example:
        >>> import tapeflow as tf
        >>> x = tf.constant([[1.0, 2.0]])
        >>> (x * 2).numpy().tolist()
        [[2.0, 4.0]]
    """

    __slots__ = ("_value", "_id", "_origin", "_keras_logits", "_keras_mask", "__weakref__")
    __array_priority__ = 1000

    def __init__(self, value: Any) -> None:
        if value.__class__ is bytes:  # NumPy unwraps 0-d object results (ufuncs, take): rewrap strings
            value = _string_scalar(value)
        self._value = value
        self._id = next(_ids)

    # -- basic properties ----------------------------------------------------------------------
    @property
    def dtype(self) -> _dt.DType:
        return _dt.from_numpy(self._value.dtype)

    @property
    def shape(self) -> TensorShape:
        return TensorShape(self._value.shape)

    @property
    def ndim(self) -> int:
        return self._value.ndim

    @property
    def name(self) -> str:
        return f"Tensor_{self._id}"

    @property
    def device(self) -> str:
        return "/job:localhost/replica:0/task:0/device:CPU:0"

    def get_shape(self) -> TensorShape:
        return self.shape

    def numpy(self) -> Any:
        """The value as a NumPy array (a copy) or NumPy scalar."""
        note_export(self)
        v = self._value
        return v.copy() if isinstance(v, np.ndarray) and v.ndim else v[()] if isinstance(v, np.ndarray) else v

    def __array__(self, dtype=None, copy=None):
        note_export(self)
        v = np.asarray(self._value)
        if dtype is not None and v.dtype != dtype:
            return v.astype(dtype)
        return v.copy() if copy else v

    def __len__(self) -> int:
        if self._value.ndim == 0:
            raise TypeError("len() of a scalar (0-d) tensor is not defined")
        return self._value.shape[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        from .primitives.array import unstack_raw  # noqa: PLC0415  (primitives import this module)

        return iter(unstack_raw(self, 0))

    def _scalar(self, kind: str):
        if self._value.size != 1 or self._value.ndim != 0:
            raise TypeError(
                f"{kind}() needs a scalar tensor; this one has shape {tuple(self._value.shape)}"
            )
        return self._value

    def __float__(self) -> float:
        return float(self._scalar("float"))

    def __int__(self) -> int:
        return int(self._scalar("int"))

    def __index__(self) -> int:
        if self._value.dtype.kind not in "iu":
            raise TypeError(f"only integer scalar tensors can be used as an index, not {self.dtype.name}")
        return int(self._scalar("index"))

    def __bool__(self) -> bool:
        return bool(self._scalar("bool"))

    def __hash__(self) -> int:
        return object.__hash__(self)

    def __str__(self) -> str:
        return f"tf.Tensor({value_text(self._value)}, shape={_shape_str(self._value.shape)}, dtype={self.dtype.name})"

    def __repr__(self) -> str:
        v = self._value
        return f"<tf.Tensor: shape={_shape_str(v.shape)}, dtype={self.dtype.name}, numpy={value_text(v, True)}>"

    def __format__(self, spec: str) -> str:
        # as TF: the NumPy value's own formatting (a scalar takes ".4f"; an array only "")
        v = self._value
        return format(v[()] if isinstance(v, np.ndarray) and v.ndim == 0 else v, spec)

    def __copy__(self) -> Tensor:
        return self

    def __deepcopy__(self, memo) -> Tensor:
        return self

    def __reduce__(self):
        return (constant, (np.asarray(self._value),))

    # arithmetic operators are installed by tapeflow.ops.operators


# TF's concrete classes are named EagerTensor and ResourceVariable (programs print type(x).__name__)
Tensor.__name__ = Tensor.__qualname__ = "EagerTensor"


def _shape_str(shape: tuple) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def value_text(v: Any, is_repr: bool = False) -> str:
    """The value part of a tensor's printed text, exactly as TF prints it.

    TF prints ``str`` of the NumPy value (``repr`` for ``repr``, a scalar through ``.item()``)
    and starts a multi-line value on a new line.

    Example:
        >>> value_text(np.float32(0.5), True), value_text(np.eye(2, dtype=np.int32))
        ('0.5', '\\n[[1 0]\\n [0 1]]')
    """
    x = v[()] if isinstance(v, np.ndarray) and v.ndim == 0 else v
    if is_repr:
        text = repr(x.item()) if np.isscalar(x) and not isinstance(x, (bytes, str)) else repr(x)
    else:
        text = str(x)
    return "\n" + text if "\n" in text else text


def make(value: Any) -> Tensor:
    """Wrap a NumPy value (no copy, no checks): the engine's constructor."""
    return Tensor(value)


# --- conversion ---------------------------------------------------------------------------------

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


def _infer_array(value: Any) -> np.ndarray:
    """TF's inference: Python floats -> float32, ints -> int32 (int64 if too big); str/bytes ->
    string (an object array of UTF-8 ``bytes``)."""
    if isinstance(value, (str, bytes)):  # also np.str_ / np.bytes_
        return _string_scalar(value)
    if isinstance(value, np.generic):  # NumPy scalars keep their dtype (np.float64 is a float!)
        return np.asarray(value)
    if isinstance(value, builtins_bool):
        return np.asarray(value)
    if isinstance(value, float):
        return np.asarray(value, np.float32)
    if isinstance(value, int):
        return np.asarray(value, np.int32 if _INT32_MIN <= value <= _INT32_MAX else np.int64)
    if isinstance(value, (list, tuple)):
        try:
            arr = np.asarray([_as_np_leaf(v) for v in value]) if any(isinstance(v, (Tensor, Variable)) for v in value) else np.asarray(value)
        except (ValueError, TypeError):  # ragged, or leaves NumPy cannot stack: TF's errors
            return _sequence_array(value)
        if arr.dtype.kind in "USO":  # text (or a mixture NumPy turned into text/objects)
            return _sequence_array(value)
        if arr.dtype == np.float64 and not _has_np_float64(value):
            return arr.astype(np.float32)
        if arr.dtype == np.int64 and not _has_np_float64(value):
            if arr.size == 0 or (arr.min() >= _INT32_MIN and arr.max() <= _INT32_MAX):
                return arr.astype(np.int32)
        return arr
    if isinstance(value, np.ndarray) and value.dtype.kind in "USO":
        return _numpy_strings(value)
    arr = np.asarray(value)
    if arr.dtype == object:
        raise ValueError(
            f"Attempt to convert a value ({value!r}) with an unsupported type ({type(value)}) to a Tensor."
        )
    return arr


# --- strings: object arrays of bytes ------------------------------------------------------------


def _string_scalar(value: str | bytes) -> np.ndarray:
    out = np.empty((), object)
    out[()] = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return out


def _object_array(flat: list, shape: tuple) -> np.ndarray:
    out = np.empty(len(flat), object)
    out[:] = flat
    return out.reshape(shape)


def _numpy_strings(arr: np.ndarray) -> np.ndarray:
    """A NumPy text (``U``/``S``) or object array as TF's string value: an object array of bytes."""
    flat = arr.ravel().tolist() if arr.ndim else [arr[()] if arr.dtype == object else arr.item()]
    out = []
    for s in flat:
        if isinstance(s, str):
            out.append(s.encode("utf-8"))
        elif isinstance(s, bytes):
            out.append(bytes(s))
        else:
            raise ValueError(f"Failed to convert a NumPy array to a Tensor (Unsupported object type {type(s).__name__}).")
    return _object_array(out, arr.shape)


def _plain(v: Any) -> Any:
    """Tensors and arrays inside a Python sequence, as nested lists of Python leaves."""
    if isinstance(v, Variable):
        v = v._read()
    if isinstance(v, Tensor):
        v = v._value
    if isinstance(v, np.ndarray):
        return v.tolist() if v.ndim else (v[()] if v.dtype == object else v.item())
    if isinstance(v, np.generic):
        return v.item()
    return v


def _sequence_array(value: Any) -> np.ndarray:
    """A nested sequence NumPy could not stack (or holding text): TF's checks, then strings.

    Raises TF's errors: mixed leaf types, non-rectangular sequences, unsupported leaves.
    """
    leaves: list = []
    shapes: set = set()

    def walk(v: Any, depth: tuple) -> None:
        v = _plain(v)
        if isinstance(v, (list, tuple)):
            shapes.add((depth, len(v)))
            for i, x in enumerate(v):
                walk(x, depth + (i,))
        else:
            shapes.add((depth, None))
            leaves.append(v)

    walk(value, ())
    kinds = {"str" if isinstance(x, (str, bytes)) else "num" if isinstance(x, (int, float, complex)) else "other"
             for x in leaves}
    if len(kinds) > 1:
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    # rectangular: every node at the same depth has the same length (leaves have length None)
    by_depth: dict = {}
    for depth, n in shapes:
        by_depth.setdefault(len(depth), set()).add(n)
    if any(len(ns) > 1 for ns in by_depth.values()):
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    if kinds == {"other"}:
        bad = leaves[0]
        raise ValueError(f"Attempt to convert a value ({bad!r}) with an unsupported type ({type(bad)}) to a Tensor.")
    shape = tuple(next(iter(by_depth[d])) for d in range(len(by_depth)) if by_depth[d] != {None})
    if kinds == {"num"}:  # rectangular numbers NumPy refused (should not happen): NumPy's own error
        return np.asarray(value)
    return _object_array([x.encode("utf-8") if isinstance(x, str) else bytes(x) for x in leaves], shape)


def _as_np_leaf(v: Any) -> Any:
    return np.asarray(v) if isinstance(v, (Tensor, Variable)) else v


def _has_np_float64(value: Any) -> bool:
    """True when a nested list holds NumPy/tensor values (whose dtype must be kept)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, (list, tuple)):
            stack.extend(v)
        elif isinstance(v, (np.ndarray, np.generic, Tensor, Variable)):
            return True
    return False


builtins_bool = bool  # the Python bool (dtypes shadows the name `bool` as TF does)


def _cast_value(arr: np.ndarray, target: np.dtype, value: Any, what: str) -> np.ndarray:
    if arr.dtype == target:
        return arr
    src_kind, dst_kind = arr.dtype.kind, target.kind
    if src_kind == "O" or dst_kind == "O":  # strings never convert to/from numbers
        if arr.size == 0 and dst_kind == "O" and isinstance(value, (list, tuple)):
            return np.empty(arr.shape, object)  # [[], []] as a (2, 0) string tensor, as TF
        if isinstance(value, Tensor):
            raise TypeError(f"Expected tensor {value._value[()]!r} with dtype tf.{_dt.from_numpy(target).name}, "
                            f"but got dtype tf.{value.dtype.name}." if value._value.ndim == 0 else
                            f"Expected tensor with dtype tf.{_dt.from_numpy(target).name}, "
                            f"but got dtype tf.{value.dtype.name}.")
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {_dt.from_numpy(target).name}")
    if src_kind == "f" and dst_kind in "iub" and isinstance(value, (float, list, tuple)) and arr.size:
        # as TF: a Python float never becomes an integer or bool tensor, even 2.0
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {_dt.from_numpy(target).name}")
    if src_kind in "iu" and dst_kind == "b" and isinstance(value, (int, list, tuple)):
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype bool ({what})")
    return arr.astype(target)


_CONVERSIONS: list = []  # (base_type, conversion_func), highest priority first


def register_tensor_conversion_function(base_type: Any, conversion_func: Any, priority: int = 100) -> None:
    """``tf.register_tensor_conversion_function``: teach ``convert_to_tensor`` (so every op) a new type.

    ``conversion_func(value, dtype=None, name=None, as_ref=False)`` returns a Tensor. Lower
    ``priority`` values are tried first, as in TF.

    Example:
        >>> import tapeflow as tf
        >>> class Meters:
        ...     def __init__(self, v):
        ...         self.v = v
        >>> tf.register_tensor_conversion_function(Meters, lambda m, dtype=None, name=None, as_ref=False:
        ...                                        tf.constant(m.v, dtype=dtype))
        >>> (tf.constant(1.0) + Meters(2.0)).numpy().item()
        3.0
    """
    types = base_type if isinstance(base_type, tuple) else (base_type,)
    for t in types:
        if not isinstance(t, type):
            raise TypeError(f"register_tensor_conversion_function: base_type must be a type, got {t!r}")
        if issubclass(t, (np.ndarray, np.generic, Tensor, Variable)) or t in (int, float, bool, list, tuple, str):
            raise TypeError(f"register_tensor_conversion_function: cannot register a conversion for {t.__name__}")
    if not callable(conversion_func):
        raise TypeError("register_tensor_conversion_function: conversion_func must be callable")
    _CONVERSIONS.append((types, conversion_func, priority))
    _CONVERSIONS.sort(key=lambda e: e[2])


def convert_to_tensor(value: Any, dtype: Any = None, dtype_hint: Any = None, name: str | None = None) -> Tensor:
    """Convert a Tensor, Variable, NumPy array, Python scalar or nested list to a Tensor.

    Example:
        >>> convert_to_tensor([1, 2]).dtype
        tf.int32
    """
    if type(value) is Tensor:
        if dtype is not None and _dt.np_dtype(dtype) != value._value.dtype:
            raise ValueError(
                f"Tensor conversion requested dtype {_dt.as_dtype(dtype).name} for Tensor with dtype {value.dtype.name}"
            )
        return value
    if isinstance(value, Variable):
        t = value._read()
        if dtype is not None and _dt.np_dtype(dtype) != t._value.dtype:
            raise ValueError(
                f"Tensor conversion requested dtype {_dt.as_dtype(dtype).name} for Variable with dtype {value.dtype.name}"
            )
        return t
    if isinstance(value, Tensor):  # subclasses
        return value
    if _CONVERSIONS and not isinstance(value, (np.ndarray, np.generic, int, float, list, tuple)):
        for base, func, _priority in _CONVERSIONS:
            if isinstance(value, base):
                return func(value, dtype=dtype, name=name, as_ref=False)
    if dtype is not None:
        target = _dt.np_dtype(dtype)
        if isinstance(value, (np.ndarray, np.generic)):
            arr = np.asarray(value)
            if arr.dtype.kind in "US" and target.kind in "iufcb":  # TF parses NumPy text to numbers
                try:
                    return Tensor(arr.astype(target))
                except ValueError:
                    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {_dt.from_numpy(target).name}") from None
            if arr.dtype.kind in "USO":
                arr = _numpy_strings(arr)
        else:
            arr = _infer_array(value)
            if isinstance(value, (float, int)) and not isinstance(value, (builtins_bool, np.generic)) and target.kind in "fc":
                arr = np.asarray(value, target)
            elif isinstance(value, (list, tuple)) and target.kind in "fc" and arr.dtype.kind in "fc":
                arr = np.asarray(value, target)  # Python floats straight to float64: no float32 rounding on the way
        return Tensor(_cast_value(arr, target, value, "convert_to_tensor"))
    if isinstance(value, np.ndarray):
        return Tensor(_numpy_strings(value) if value.dtype.kind in "USO" else value)
    arr = _infer_array(value)
    if dtype_hint is not None and not isinstance(value, (np.ndarray, np.generic)):
        target = _dt.np_dtype(dtype_hint)
        if arr.dtype != target:
            try:
                return Tensor(_cast_value(arr, target, value, "dtype_hint"))
            except TypeError:
                pass
    return Tensor(arr)


def constant(value: Any, dtype: Any = None, shape: Any = None, name: str | None = None) -> Tensor:
    """Create a constant tensor (copies NumPy input; broadcasts a scalar to ``shape``).

    Example:
        >>> import tapeflow as tf
        >>> tf.constant(1.0, shape=[2]).numpy().tolist()
        [1.0, 1.0]
    """
    if isinstance(value, (Tensor, Variable)):
        t = convert_to_tensor(value)
        if dtype is not None and _dt.np_dtype(dtype) != t._value.dtype:
            t = Tensor(_cast_value(t._value, _dt.np_dtype(dtype), t, "constant"))
        arr = t._value
    else:
        arr = convert_to_tensor(value, dtype)._value
        if isinstance(value, np.ndarray) and arr is value:
            arr = value.copy()
    if shape is not None:
        from ._argcheck import check_alloc, int_list  # noqa: PLC0415  (it imports this module)

        shape = tuple(int_list(shape, "constant"))
        if any(d < 0 for d in shape):
            raise ValueError(f"constant: dimensions must be >= 0, got shape {list(shape)}")
        if arr.size == 1:
            check_alloc(shape, arr.dtype, "constant")
            arr = np.broadcast_to(arr.reshape(()), shape).copy()
        elif arr.size == int(np.prod(shape)):
            arr = arr.reshape(shape)
        else:
            raise TypeError(
                f"constant: eager execution of tf.constant with unsupported shape: value has "
                f"{arr.size} elements, shape is {list(shape)} with {int(np.prod(shape))} elements"
            )
    return Tensor(arr)


def is_tensor(x: Any) -> bool:
    """True for Tensors, Variables and TF's composite tensors (RaggedTensor, SparseTensor), as TF.

    Example:
        >>> is_tensor(constant(1.0)), is_tensor(1.0)
        (True, False)
    """
    return isinstance(x, (Tensor, Variable)) or getattr(type(x), "_tf_composite", False)


# --- Variable -----------------------------------------------------------------------------------


class VariableSynchronization(enum.Enum):
    """``tf.VariableSynchronization``: when a distributed variable is synchronized (recorded on variables)."""

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """``tf.VariableAggregation``: how replicas' updates of a variable combine (recorded on variables)."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


class AggregationMethod:
    """``tf.AggregationMethod``: how gradient terms are summed (tapeflow always adds them pairwise)."""

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


class Variable:
    """A mutable tensor, watched automatically by tapes when trainable.

    Assignments never change what a tape already recorded: each assignment installs a new
    array, and tapes keep the value they saw. As in TF, each update (``assign``, ``assign_add``,
    ``assign_sub``, the ``scatter_*`` family, sliced ``v[k].assign``) is atomic: threads updating
    one variable lose nothing (a per-variable lock around the read-modify-write; reads take none).

    Example:
        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0)
        >>> _ = v.assign_add(2.0)
        >>> float(v)
        3.0
    """

    __array_priority__ = 1000
    _mlock: Any = None  # the update lock, made on the first update (see _lock)

    def __init__(
        self,
        initial_value: Any = None,
        trainable: bool = True,
        name: str | None = None,
        dtype: Any = None,
        shape: Any = None,
        constraint: Any = None,
        validate_shape: bool = True,
        **kwargs: Any,
    ) -> None:
        if initial_value is None:
            raise ValueError("Variable: initial_value must be specified.")
        if callable(initial_value):
            initial_value = initial_value()
        t = convert_to_tensor(initial_value, dtype=None if isinstance(initial_value, (Tensor, Variable)) else dtype)
        value = np.array(t._value, copy=True)
        if dtype is not None and value.dtype != _dt.np_dtype(dtype):
            value = value.astype(_dt.np_dtype(dtype))
        self._t = Tensor(value)
        self._id = self._t._id
        self._shape = TensorShape(shape) if shape is not None else TensorShape(value.shape)
        self._validate_shape = validate_shape and shape is None
        self.trainable = builtins_bool(trainable)
        self._name = "Variable" if name is None else str(name)
        self.constraint = constraint
        self._initial = Tensor(value)
        self._aggregation = VariableAggregation(kwargs.get("aggregation") or VariableAggregation.NONE)
        self._synchronization = VariableSynchronization(kwargs.get("synchronization") or VariableSynchronization.AUTO)

    # -- reading ---------------------------------------------------------------------------------
    def _read(self) -> Tensor:
        """The current value as a Tensor; watches self on tapes that watch accessed variables."""
        if self.trainable:
            rs = STATE.recording
            if rs:  # recorders.note_read, inline (a hot path that only reads the stack)
                for r in rs:
                    if r._watch_accessed and self._id not in r._watched:
                        r._watch_variable(self)
        return self._t

    def value(self) -> Tensor:
        return self._read()

    def read_value(self) -> Tensor:
        return self._read()

    def numpy(self) -> Any:
        return self._read().numpy()

    def __array__(self, dtype=None, copy=None):
        return self._t.__array__(dtype, copy)

    @property
    def dtype(self) -> _dt.DType:
        return _dt.from_numpy(self._t._value.dtype)

    @property
    def shape(self) -> TensorShape:
        return self._shape if not self._validate_shape else TensorShape(self._t._value.shape)

    @property
    def ndim(self) -> int:
        return self._t._value.ndim

    _NAME_SUFFIX = ":0"  # TF's output index; Keras 3 variables print their plain name

    @property
    def name(self) -> str:
        """TF's variable name: the given name (default ``"Variable"``) and ``":0"``."""
        return self._name + self._NAME_SUFFIX

    @property
    def path(self) -> str:
        """Keras 3's "layer/weight" path (the name when not owned by a layer)."""
        return getattr(self, "_path", self.name)

    @property
    def device(self) -> str:
        return self._t.device

    def get_shape(self) -> TensorShape:
        return self.shape

    # -- writing ---------------------------------------------------------------------------------
    def _lock(self) -> Any:
        """This variable's update lock (made once: ``dict.setdefault`` is atomic). Updates that read
        the current value hold it around the read-modify-write; ``_set_array`` itself takes none."""
        lk = self._mlock
        if lk is None:
            lk = self.__dict__.setdefault("_mlock", threading.Lock())
        return lk

    def _set_array(self, arr: np.ndarray) -> None:
        """Install a new array (never mutate the old one: tapes may hold it)."""
        t = Tensor.__new__(Tensor)
        t._value = arr
        t._id = self._id
        self._t = t

    def _checked(self, value: Any, op: str) -> np.ndarray:
        t = value._read() if isinstance(value, Variable) else value
        if isinstance(t, Tensor):
            arr = t._value
            if arr.dtype != self._t._value.dtype:
                raise InvalidArgumentError(
                    f"{op}: cannot assign a {t.dtype.name} value to a {self.dtype.name} variable '{self.name}'",
                    op=op,
                )
        else:
            arr = convert_to_tensor(value, dtype=self._t._value.dtype)._value
        if self._validate_shape and arr.shape != self._t._value.shape:
            raise ValueError(
                f"Cannot assign value to variable '{self.name}': Shape mismatch. The variable shape "
                f"{_shape_str(self._t._value.shape)}, and the assigned value shape {_shape_str(arr.shape)} "
                f"are incompatible (in {op})."
            )
        return arr

    def assign(self, value: Any, use_locking: Any = None, name: Any = None, read_value: bool = True):
        """Set the value. Example: ``v.assign([1.0, 2.0])``."""
        arr = np.array(self._checked(value, "assign"), copy=True)
        with self._mlock or self._lock():
            self._set_array(arr)
        return self._unread() if read_value else None

    def assign_add(self, delta: Any, use_locking: Any = None, name: Any = None, read_value: bool = True):
        """Add to the value in place (as far as the user sees)."""
        arr = self._checked(delta, "assign_add") if not isinstance(delta, (int, float)) else delta
        with self._mlock or self._lock():
            self._set_array(np.add(self._t._value, arr, dtype=self._t._value.dtype))
        return self._unread() if read_value else None

    def assign_sub(self, delta: Any, use_locking: Any = None, name: Any = None, read_value: bool = True):
        """Subtract from the value in place (as far as the user sees)."""
        arr = self._checked(delta, "assign_sub") if not isinstance(delta, (int, float)) else delta
        with self._mlock or self._lock():
            self._set_array(np.subtract(self._t._value, arr, dtype=self._t._value.dtype))
        return self._unread() if read_value else None

    def _unread(self) -> Variable:
        """What TF's assign returns in eager mode: the same variable, named 'UnreadVariable'."""
        view = _UnreadVariable.__new__(_UnreadVariable)
        view.__dict__ = self.__dict__  # one state: the view reads and writes the variable itself
        return view

    # -- sparse updates (TF's Variable.scatter_* family) -------------------------------------------
    def _scatter(self, op: str, sparse_delta: Any, ufunc: Any) -> Variable:
        if not (hasattr(sparse_delta, "values") and hasattr(sparse_delta, "indices")):
            raise TypeError(f"{op}: sparse_delta must be a tf.IndexedSlices, got {type(sparse_delta).__name__}")
        idx = np.asarray(convert_to_tensor(sparse_delta.indices)._value)
        vals = convert_to_tensor(sparse_delta.values)._value
        return self._scatter_arrays(op, idx[..., None], vals, ufunc)

    def _scatter_arrays(self, op: str, idx: np.ndarray, vals: np.ndarray, ufunc: Any) -> Variable:
        with self._lock():
            self._scatter_locked(op, idx, vals, ufunc)
        return self

    def _scatter_locked(self, op: str, idx: np.ndarray, vals: np.ndarray, ufunc: Any) -> None:
        arr = np.array(self._t._value, copy=True)
        if idx.dtype.kind not in "iu":
            raise TypeError(f"{op}: indices must be int32 or int64, got {idx.dtype}")
        k = idx.shape[-1]
        if k > arr.ndim or (idx.size and ((idx < 0) | (idx >= np.asarray(arr.shape[:k]))).any()):
            raise InvalidArgumentError(
                f"{op}: indices of shape {tuple(idx.shape)} out of range for variable '{self.name}' of shape "
                f"{tuple(arr.shape)}", op=op)
        want = idx.shape[:-1] + arr.shape[k:]
        if vals.shape != want or vals.dtype != arr.dtype:
            raise InvalidArgumentError(
                f"{op}: updates must be {arr.dtype} of shape {want}, got {vals.dtype} of shape {tuple(vals.shape)} "
                f"(variable '{self.name}' of shape {tuple(arr.shape)})", op=op)
        where = tuple(idx.reshape(-1, k).T)
        flat = vals.reshape((-1,) + arr.shape[k:])
        if ufunc is None:
            arr[where] = flat
        else:
            ufunc.at(arr, where, flat)
        self._set_array(arr)

    def scatter_update(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Set rows ``sparse_delta.indices`` to ``sparse_delta.values`` (a ``tf.IndexedSlices``).

        Example: ``v.scatter_update(tf.IndexedSlices(tf.constant([[0.0, 0.0]]), tf.constant([1])))``.
        """
        return self._scatter("scatter_update", sparse_delta, None)

    def scatter_add(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Add ``sparse_delta`` (a ``tf.IndexedSlices``) to its rows; repeated indices accumulate."""
        return self._scatter("scatter_add", sparse_delta, np.add)

    def scatter_sub(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Subtract ``sparse_delta`` (a ``tf.IndexedSlices``) from its rows."""
        return self._scatter("scatter_sub", sparse_delta, np.subtract)

    def scatter_mul(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Multiply its rows by ``sparse_delta`` (a ``tf.IndexedSlices``)."""
        return self._scatter("scatter_mul", sparse_delta, np.multiply)

    def scatter_div(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Divide its rows by ``sparse_delta`` (a ``tf.IndexedSlices``)."""
        return self._scatter("scatter_div", sparse_delta, np.true_divide if self.dtype.is_floating else np.floor_divide)

    def scatter_max(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Rows become the maximum of themselves and ``sparse_delta`` (a ``tf.IndexedSlices``)."""
        return self._scatter("scatter_max", sparse_delta, np.maximum)

    def scatter_min(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """Rows become the minimum of themselves and ``sparse_delta`` (a ``tf.IndexedSlices``)."""
        return self._scatter("scatter_min", sparse_delta, np.minimum)

    def _scatter_nd(self, op: str, indices: Any, updates: Any, ufunc: Any) -> Variable:
        idx = np.asarray(convert_to_tensor(indices)._value)
        vals = (updates._read() if isinstance(updates, Variable) else convert_to_tensor(
            updates, dtype=None if isinstance(updates, Tensor) else self._t._value.dtype))._value
        return self._scatter_arrays(op, idx, vals, ufunc)

    def scatter_nd_update(self, indices: Any, updates: Any, name: Any = None) -> Variable:
        """Set the elements (or slices) at ``indices`` (last axis: a multi-index) to ``updates``.

        Example:
            >>> import tapeflow as tf
            >>> v = tf.Variable([1, 2, 3, 4])
            >>> v.scatter_nd_update([[1], [3]], [9, 10]).numpy().tolist()
            [1, 9, 3, 10]
        """
        return self._scatter_nd("scatter_nd_update", indices, updates, None)

    def scatter_nd_add(self, indices: Any, updates: Any, name: Any = None) -> Variable:
        """Add ``updates`` at the multi-indices ``indices``; repeated indices accumulate."""
        return self._scatter_nd("scatter_nd_add", indices, updates, np.add)

    def scatter_nd_sub(self, indices: Any, updates: Any, name: Any = None) -> Variable:
        """Subtract ``updates`` at the multi-indices ``indices``."""
        return self._scatter_nd("scatter_nd_sub", indices, updates, np.subtract)

    def scatter_nd_max(self, indices: Any, updates: Any, name: Any = None) -> Variable:
        """Elementwise maximum with ``updates`` at the multi-indices ``indices``."""
        return self._scatter_nd("scatter_nd_max", indices, updates, np.maximum)

    def scatter_nd_min(self, indices: Any, updates: Any, name: Any = None) -> Variable:
        """Elementwise minimum with ``updates`` at the multi-indices ``indices``."""
        return self._scatter_nd("scatter_nd_min", indices, updates, np.minimum)

    def batch_scatter_update(self, sparse_delta: Any, use_locking: bool = False, name: Any = None) -> Variable:
        """``scatter_update`` along the last batch axis: ``indices`` of shape batch + (k,)."""
        idx = np.asarray(convert_to_tensor(sparse_delta.indices)._value)
        vals = convert_to_tensor(sparse_delta.values)._value
        batch = idx.shape[:-1]
        grid = np.indices(batch + (idx.shape[-1],)).reshape(len(batch) + 1, -1)
        full = np.stack([*grid[:-1], idx.reshape(-1)], axis=-1).reshape(idx.shape + (len(batch) + 1,))
        return self._scatter_arrays("batch_scatter_update", full, vals, None)

    @property
    def initial_value(self) -> Tensor:
        """The value the variable was created with."""
        return self._initial

    @property
    def aggregation(self) -> Any:
        return self._aggregation

    @property
    def synchronization(self) -> Any:
        return self._synchronization

    # -- conversions -----------------------------------------------------------------------------
    def __float__(self) -> float:
        return float(self._t)

    def __int__(self) -> int:
        return int(self._t)

    def __bool__(self) -> bool:
        return bool(self._t)

    def __index__(self) -> int:
        return self._t.__index__()

    def __len__(self) -> int:
        return len(self._t)

    def __iter__(self):
        return iter(self._read())

    def __hash__(self) -> int:
        return object.__hash__(self)

    def __repr__(self) -> str:
        v = self._t._value
        return f"<tf.Variable '{self.name}' shape={_shape_str(v.shape)} dtype={self.dtype.name}, numpy={value_text(v, True)}>"

    def __deepcopy__(self, memo) -> Variable:
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.__dict__.pop("_mlock", None)  # the copy gets its own update lock
        new._id = next(_ids)
        new._set_array(self._t._value.copy())
        return new


class _UnreadVariable(Variable):
    """The value of ``v.assign(...)`` (TF's name): the variable itself, printed as 'UnreadVariable'."""

    @property
    def name(self) -> str:
        return "UnreadVariable"


Variable.__name__ = Variable.__qualname__ = "ResourceVariable"

__all__ = ["VariableSynchronization", "VariableAggregation", "AggregationMethod", "register_tensor_conversion_function", "Tensor", "Variable", "TensorShape", "convert_to_tensor", "constant", "is_tensor"]
