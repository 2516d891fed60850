"""Python operators on Tensor and Variable (``+``, ``@``, ``[]``, comparisons ...)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..errors import InvalidArgumentError
from ..tensor import Tensor, Variable, convert_to_tensor
from . import array_ops, math_ops


def _tensor_ops() -> dict:
    m, a = math_ops, array_ops
    return {
        "__add__": lambda s, o: m.add(s, o),
        "__radd__": lambda s, o: m.add(o, s),
        "__sub__": lambda s, o: m.subtract(s, o),
        "__rsub__": lambda s, o: m.subtract(o, s),
        "__mul__": lambda s, o: m.multiply(s, o),
        "__rmul__": lambda s, o: m.multiply(o, s),
        "__truediv__": lambda s, o: m.truediv(s, o),
        "__rtruediv__": lambda s, o: m.truediv(o, s),
        "__floordiv__": lambda s, o: m.floordiv(s, o),
        "__rfloordiv__": lambda s, o: m.floordiv(o, s),
        "__mod__": lambda s, o: m.floormod(s, o),
        "__rmod__": lambda s, o: m.floormod(o, s),
        "__pow__": lambda s, o: m.pow(s, o),
        "__rpow__": lambda s, o: m.pow(o, s),
        "__matmul__": lambda s, o: m.matmul(s, o),
        "__rmatmul__": lambda s, o: m.matmul(o, s),
        "__neg__": lambda s: m.negative(s),
        "__pos__": lambda s: s if type(s) is Tensor else s.read_value(),
        "__abs__": lambda s: m.abs(s),
        "__lt__": lambda s, o: m.less(s, o),
        "__le__": lambda s, o: m.less_equal(s, o),
        "__gt__": lambda s, o: m.greater(s, o),
        "__ge__": lambda s, o: m.greater_equal(s, o),
        "__eq__": lambda s, o: False if o is None else m.equal(s, o),
        "__ne__": lambda s, o: True if o is None else m.not_equal(s, o),
        "__and__": lambda s, o: m.logical_and(s, o) if _is_bool(s) else m.bitwise_and(s, o),
        "__rand__": lambda s, o: m.logical_and(o, s) if _is_bool(s) else m.bitwise_and(o, s),
        "__or__": lambda s, o: m.logical_or(s, o) if _is_bool(s) else m.bitwise_or(s, o),
        "__ror__": lambda s, o: m.logical_or(o, s) if _is_bool(s) else m.bitwise_or(o, s),
        "__xor__": lambda s, o: m.logical_xor(s, o) if _is_bool(s) else m.bitwise_xor(s, o),
        "__rxor__": lambda s, o: m.logical_xor(o, s) if _is_bool(s) else m.bitwise_xor(o, s),
        "__invert__": lambda s: m.logical_not(s) if _is_bool(s) else m.invert(s),
        "__getitem__": lambda s, k: a.getitem(s, k),
    }


def _is_bool(x: Any) -> bool:
    v = x._value if type(x) is Tensor else x._t._value
    return v.dtype.kind == "b"


def _tagging(name: str, f: Callable) -> Callable:
    """Variable operators tag their result, so `v = v + 1` can be explained later."""

    def op(self: Variable, *args: Any) -> Any:
        out = f(self, *args)
        if type(out) is Tensor:
            out._origin = (name, self.name)
        return out

    op.__name__ = name
    return op


class _VariableSlice(Tensor):
    """``v[key]`` of a Variable: the sliced value, which can also be assigned to (``v[1:].assign(...)``)."""

    __slots__ = ("_var", "_key")

    def assign(self, value: Any, use_locking: Any = None, name: Any = None, read_value: bool = True) -> Any:
        """Write ``value`` into the variable's ``[key]`` slice (a new array: tapes keep the old value)."""
        var = self._var
        dt = var._t._value.dtype
        t = value._read() if isinstance(value, Variable) else value
        new = t._value if isinstance(t, Tensor) else convert_to_tensor(value, dtype=dt)._value
        with var._lock():  # atomic, as the variable's other updates
            arr = np.array(var._t._value, copy=True)
            target = arr[self._key]
            if new.dtype != arr.dtype:
                raise InvalidArgumentError(
                    f"assign (sliced): cannot assign a {new.dtype} value to a slice of the {arr.dtype} variable "
                    f"'{var.name}'", op="assign")
            if np.shape(new) != np.shape(target):
                raise ValueError(
                    f"Cannot assign value to a slice of variable '{var.name}': the slice has shape "
                    f"{tuple(np.shape(target))}, the value has shape {tuple(np.shape(new))}")
            arr[self._key] = new
            var._set_array(arr)
        return var if read_value else None


def _variable_getitem(self: Variable, key: Any) -> Any:
    out = array_ops.getitem(self, key)
    if type(out) is not Tensor:
        return out
    view = Tensor.__new__(_VariableSlice)
    view._value, view._id = out._value, out._id
    view._origin = ("__getitem__", self.name)
    view._var, view._key = self, _numpy_key(key)
    return view


def _numpy_key(key: Any) -> Any:
    """A NumPy index for ``key`` (tensors in it become arrays / ints)."""
    if isinstance(key, tuple):
        return tuple(_numpy_key(k) for k in key)
    if isinstance(key, (Tensor, Variable)):
        v = np.asarray(key)
        return int(v) if v.ndim == 0 and v.dtype.kind in "iu" else v
    return key


def _ref(self: Any) -> Any:
    return _Ref(self)


class _Ref:
    """A hashable reference to a tensor or variable (``x.ref()``), as in TF."""

    __slots__ = ("_obj",)

    def __init__(self, obj: Any) -> None:
        self._obj = obj

    def deref(self) -> Any:
        return self._obj

    def __hash__(self) -> int:
        return id(self._obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Ref) and other._obj is self._obj


def _unhashable(self: Any) -> int:
    raise TypeError(
        f"{type(self).__name__} is unhashable (its == is elementwise, as in TensorFlow). "
        "Use x.ref() as the key instead."
    )


def _sparse_read(self: Variable, indices: Any, name: Any = None) -> Tensor:
    """``tf.gather(v, indices)``: the rows at ``indices`` (differentiable).

    Example:
        >>> import tapeflow as tf
        >>> tf.Variable([1.0, 2.0, 3.0]).sparse_read([2, 0]).numpy().tolist()
        [3.0, 1.0]
    """
    return array_ops.gather(self, indices)


def _variable_gather_nd(self: Variable, indices: Any, name: Any = None) -> Tensor:
    """``tf.gather_nd(v, indices)``.

    Example:
        >>> import tapeflow as tf
        >>> tf.Variable([[1, 2], [3, 4]]).gather_nd([[1, 0]]).numpy().tolist()
        [3]
    """
    return array_ops.gather_nd(self, indices)


def install() -> None:
    """Put the operators (and the Variable methods that are ops) on Tensor and Variable."""
    for name, f in _tensor_ops().items():
        f.__name__ = name
        setattr(Tensor, name, f)
        setattr(Variable, name, _tagging(name, f))
    Variable.__getitem__ = _variable_getitem
    for name, f in (("sparse_read", _sparse_read), ("gather_nd", _variable_gather_nd)):
        f.__name__ = name
        f.__qualname__ = f"ResourceVariable.{name}"
        setattr(Variable, name, f)
    for cls in (Tensor, Variable):
        cls.ref = _ref
        cls.experimental_ref = _ref
        cls.__hash__ = _unhashable
