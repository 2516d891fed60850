"""``tf.SparseTensor``: a tensor given by the coordinates and values of its non-default entries.

``indices`` is an int64 matrix ``(N, rank)``, ``values`` a vector of ``N`` values (any dtype, an
ordinary tapeflow Tensor, so gradients flow through it) and ``dense_shape`` an int64 vector.
Ops on sparse tensors live in ``tf.sparse`` (``tapeflow/sparse.py``).

Example:
    >>> import tapeflow as tf
    >>> st = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4])
    >>> print(st)
    SparseTensor(indices=tf.Tensor(
    [[0 0]
     [1 2]], shape=(2, 2), dtype=int64), values=tf.Tensor([1 2], shape=(2,), dtype=int32), dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))
    >>> st.shape
    TensorShape([3, 4])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import dtypes as _dt
from .errors import InvalidArgumentError
from .primitives import array as A
from .primitives import core as C
from .tensor import Tensor, TensorShape, Variable, convert_to_tensor


def _int64_arg(x: Any, what: str) -> Tensor:
    """TF converts indices / dense_shape with dtype int64: int32 tensors are refused, lists convert."""
    if isinstance(x, Variable):
        x = x._read()
    if isinstance(x, Tensor):
        if x._value.dtype != np.int64:
            raise ValueError(
                f"{what}: Tensor conversion requested dtype int64 for Tensor with dtype {x.dtype.name}: {x!r}"
            )
        return x
    try:
        return convert_to_tensor(x, dtype=_dt.int64)
    except TypeError as e:
        raise TypeError(str(e).replace(" (convert_to_tensor)", "")) from None


class SparseTensor:
    """A sparse tensor (TF's ``tf.SparseTensor``): ``indices``, ``values`` and ``dense_shape``.

    The entries need not be in order, but most ``tf.sparse`` ops expect the row-major order
    that ``tf.sparse.reorder`` produces, as in TF.

    Example:
        >>> import tapeflow as tf
        >>> st = tf.SparseTensor(indices=[[0, 1], [2, 3]], values=[10.0, 20.0], dense_shape=[3, 4])
        >>> tf.sparse.to_dense(st).numpy().tolist()
        [[0.0, 10.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 20.0]]
    """

    _tf_composite = True  # tf.is_tensor is True, as in TF

    __slots__ = ("_indices", "_values", "_dense_shape", "__weakref__")

    def __init__(self, indices: Any, values: Any, dense_shape: Any) -> None:
        idx = _int64_arg(indices, "indices")
        if isinstance(values, Variable):
            vals = values._read()
        elif isinstance(values, Tensor):
            vals = values
        else:
            vals = convert_to_tensor(values)
        shape = _int64_arg(dense_shape, "dense_shape")
        if idx._value.ndim != 2:
            raise ValueError(f"Shape {tuple(idx._value.shape)} must have rank 2")
        if vals._value.ndim != 1:
            raise ValueError(f"Shape {tuple(vals._value.shape)} must have rank 1")
        if shape._value.ndim != 1:
            raise ValueError(f"Shape {tuple(shape._value.shape)} must have rank 1")
        if idx._value.shape[0] != vals._value.shape[0]:
            raise ValueError(f"Dimensions {idx._value.shape[0]} and {vals._value.shape[0]} are not compatible")
        if idx._value.shape[1] != shape._value.shape[0]:
            raise ValueError(f"Dimensions {idx._value.shape[1]} and {shape._value.shape[0]} are not compatible")
        self._indices = idx
        self._values = vals
        self._dense_shape = shape

    @classmethod
    def _make(cls, indices: Tensor, values: Tensor, dense_shape: Tensor) -> SparseTensor:
        st = cls.__new__(cls)
        st._indices = indices
        st._values = values
        st._dense_shape = dense_shape
        return st

    @classmethod
    def from_value(cls, sparse_tensor_value: Any) -> SparseTensor:
        """A SparseTensor from a SparseTensor (a new object with the same parts)."""
        if not isinstance(sparse_tensor_value, SparseTensor):
            raise TypeError(f"Neither a SparseTensor nor SparseTensorValue: {sparse_tensor_value!r}.")
        v = sparse_tensor_value
        return cls._make(v._indices, v._values, v._dense_shape)

    @property
    def indices(self) -> Tensor:
        """The int64 ``(N, rank)`` coordinates of the entries."""
        return self._indices

    @property
    def values(self) -> Tensor:
        """The ``N`` entry values."""
        return self._values

    @property
    def dense_shape(self) -> Tensor:
        """The int64 shape of the dense tensor represented."""
        return self._dense_shape

    @property
    def dtype(self) -> _dt.DType:
        return self._values.dtype

    @property
    def shape(self) -> TensorShape:
        """The ``dense_shape`` as a TensorShape."""
        return TensorShape(self._dense_shape._value.tolist())

    def get_shape(self) -> TensorShape:
        return self.shape

    def consumers(self) -> list:
        return []

    def with_values(self, new_values: Any) -> SparseTensor:
        """The same indices and shape with new values (one per entry).

        Example:
            >>> import tapeflow as tf
            >>> st = tf.SparseTensor([[0, 0], [1, 1]], [1, 2], [2, 2])
            >>> st.with_values(tf.constant([5.0, 6.0])).values.numpy().tolist()
            [5.0, 6.0]
        """
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def __repr__(self) -> str:
        return f"SparseTensor(indices={self._indices!s}, values={self._values!s}, dense_shape={self._dense_shape!s})"

    __str__ = __repr__

    # sparse (op) dense, elementwise: the dense operand broadcasts to the sparse shape, the result
    # is sparse with the same indices (TF's SparseDenseCwiseMul/Div)
    def __mul__(self, other: Any) -> SparseTensor:
        return _cwise(self, other, "mul")

    def __truediv__(self, other: Any) -> SparseTensor:
        return _cwise(self, other, "truediv")

    __div__ = __truediv__


def dense_at(st: SparseTensor, dense: Tensor, op: str) -> Tensor:
    """The entries of ``dense`` (broadcast to ``st``'s shape) at ``st``'s indices (keeps gradients)."""
    shape = st._dense_shape._value.tolist()
    dshape = tuple(dense._value.shape)
    if len(dshape) > len(shape):
        raise InvalidArgumentError(
            f"{op}: the dense operand of shape {dshape} has a higher rank than the sparse shape {shape}", op=op)
    pad = (1,) * (len(shape) - len(dshape)) + dshape
    for d, s in zip(pad, shape):
        if d != 1 and d != s:
            raise InvalidArgumentError(
                f"{op}: the dense operand of shape {dshape} does not broadcast to the sparse shape {shape}", op=op)
    idx = st._indices._value
    lin = np.zeros(idx.shape[0], np.intp)
    for k, d in enumerate(pad):
        lin = lin * d + (idx[:, k].astype(np.intp) if d != 1 else 0)
    flat = C.reshape_to(dense, (int(np.prod(pad, dtype=np.int64)),))
    return A.gather(flat, lin, 0)


def _cwise(st: SparseTensor, other: Any, kind: str) -> SparseTensor:
    from .ops import math_ops

    op = "SparseDenseCwiseMul" if kind == "mul" else "SparseDenseCwiseDiv"
    if isinstance(other, SparseTensor):
        raise TypeError(f"unsupported operand type(s) for {'*' if kind == 'mul' else '/'}: 'SparseTensor' and 'SparseTensor'")
    if isinstance(other, (Tensor, Variable)):
        d = other._read() if isinstance(other, Variable) else other
    else:
        d = convert_to_tensor(other, dtype=st.dtype) if isinstance(other, (int, float, bool)) else convert_to_tensor(other)
    if d._value.dtype != st._values._value.dtype:
        raise InvalidArgumentError(
            f"{op}: dtype mismatch: the sparse values are {st.dtype.name}, the dense operand is {d.dtype.name}", op=op)
    picked = dense_at(st, d, op) if d._value.ndim else d
    fn = math_ops.multiply if kind == "mul" else math_ops.truediv
    return SparseTensor._make(st._indices, fn(st._values, picked), st._dense_shape)


__all__ = ["SparseTensor"]
