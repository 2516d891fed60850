"""DType objects (``tf.float32`` ...) and conversion rules.

Example:
    >>> import tapeflow as tf
    >>> tf.as_dtype("float32") is tf.float32
    True
"""

from __future__ import annotations

import builtins

import numpy as np


class DType:
    """A tensor element type, wrapping a NumPy dtype."""

    __slots__ = ("name", "as_numpy_dtype", "_np")

    def __init__(self, name: str, np_dtype: type) -> None:
        self.name = name
        self.as_numpy_dtype = np_dtype
        self._np = np.dtype(np_dtype)

    @property
    def is_floating(self) -> bool:
        return self._np.kind == "f"

    @property
    def is_integer(self) -> bool:
        return self._np.kind in "iu"

    @property
    def is_unsigned(self) -> bool:
        return self._np.kind == "u"

    @property
    def is_bool(self) -> bool:
        return self._np.kind == "b"

    @property
    def is_complex(self) -> bool:
        return self._np.kind == "c"

    @property
    def size(self) -> int:
        return 0 if self._np.kind == "O" else self._np.itemsize  # TF's string has size 0

    @property
    def min(self):
        if self._np.kind == "O":
            raise TypeError(f"Cannot find minimum value of {self} with type {self}.")
        return np.finfo(self._np).min if self.is_floating else np.iinfo(self._np).min if self.is_integer else False

    @property
    def max(self):
        if self._np.kind == "O":
            raise TypeError(f"Cannot find maximum value of {self} with type {self}.")
        return np.finfo(self._np).max if self.is_floating else np.iinfo(self._np).max if self.is_integer else True

    @property
    def base_dtype(self) -> DType:
        return self

    def __repr__(self) -> str:
        return f"tf.{self.name}"

    def __str__(self) -> str:
        return f"<dtype: '{self.name}'>"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DType):
            return self._np == other._np
        try:
            return self._np == as_dtype(other)._np
        except (TypeError, ValueError):
            return False

    def __hash__(self) -> int:
        return hash(self._np)


float16 = DType("float16", np.float16)
half = float16
float32 = DType("float32", np.float32)
float64 = DType("float64", np.float64)
double = float64
int8 = DType("int8", np.int8)
int16 = DType("int16", np.int16)
int32 = DType("int32", np.int32)
int64 = DType("int64", np.int64)
uint8 = DType("uint8", np.uint8)
uint16 = DType("uint16", np.uint16)
uint32 = DType("uint32", np.uint32)
uint64 = DType("uint64", np.uint64)
bool = DType("bool", np.bool_)  # noqa: A001  (TF's name)
complex64 = DType("complex64", np.complex64)
complex128 = DType("complex128", np.complex128)
# TF's string: a tensor's value is a NumPy object array of ``bytes`` (what TF's ``.numpy()`` gives)
string = DType("string", object)

_ALL = [float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
        bool, complex64, complex128, string]
_BY_NP: dict = {d._np: d for d in _ALL}
_BY_NAME: dict = {d.name: d for d in _ALL}
_BY_NAME.update({"half": float16, "double": float64, "float": float32, "int": int32, "bool_": bool})


def from_numpy(np_dtype: np.dtype) -> DType:
    """The DType of a NumPy dtype (``string`` for object arrays of bytes, and for NumPy text dtypes)."""
    d = _BY_NP.get(np_dtype)
    if d is not None:
        return d
    np_dtype = np.dtype(np_dtype)
    if np_dtype.kind in "US":
        return string
    d = _BY_NP.get(np_dtype.newbyteorder("="))
    if d is None:
        raise TypeError(f"tapeflow has no dtype for NumPy dtype {np_dtype}")
    return d


def as_dtype(value: object) -> DType:
    """Convert a DType, NumPy dtype, Python type or name to a DType.

    Example:
        >>> as_dtype("int64")
        tf.int64
    """
    if isinstance(value, DType):
        return value
    if isinstance(value, str) and value in _BY_NAME:
        return _BY_NAME[value]
    if value is float:
        return float32
    if value is int:
        return int32
    if value is builtins.bool:
        return bool
    if isinstance(value, builtins.str) and not (value.isprintable() and value.strip()):
        raise TypeError(f"Cannot convert {value!r} to a tapeflow DType.")
    if value is builtins.str or value is bytes:  # as TF (np.str_, np.bytes_ and object give string)
        raise TypeError(f"Cannot convert {value!r} to a tapeflow DType.")
    try:
        return from_numpy(np.dtype(value))
    except (TypeError, ValueError, SyntaxError) as e:  # NumPy parses some strings ('01') as code
        raise TypeError(f"Cannot convert {value!r} to a tapeflow DType.") from e


def np_dtype(value: object) -> np.dtype:
    """The NumPy dtype for a DType-like value (None stays None)."""
    return None if value is None else as_dtype(value)._np


__all__ = [
    "DType", "as_dtype", "float16", "half", "float32", "float64", "double", "int8", "int16",
    "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool", "complex64", "complex128",
    "string",
]
