"""``tf.IndexedSlices``: a sparse slice-wise value, the gradient of ``tf.gather`` as in TF.

``tape.gradient`` returns an ``IndexedSlices`` for a source read only through ``tf.gather`` (axis 0,
possibly via ``tf.identity``), as TF does: only the gathered rows are stored, with their indices
(repeated indices are kept; they add up when densified). Any op given an ``IndexedSlices`` converts
it to a dense tensor (``tf.convert_to_tensor``), differentiably; optimizers apply it as the dense
gradient.

Example:
    >>> import tapeflow as tf
    >>> v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> with tf.GradientTape() as tape:
    ...     y = tf.reduce_sum(tf.gather(v, [2, 0, 2]))
    >>> g = tape.gradient(y, v)
    >>> type(g).__name__, g.indices.numpy().tolist()
    ('IndexedSlices', [2, 0, 2])
    >>> tf.convert_to_tensor(g).numpy().tolist()
    [[1.0, 1.0], [0.0, 0.0], [2.0, 2.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .primitives import array as _A
from .primitives import core as _C
from .tensor import Tensor, TensorShape, convert_to_tensor, register_tensor_conversion_function


class IndexedSlices:
    """Rows ``values[i]`` of a dense tensor of shape ``dense_shape`` at row ``indices[i]``.

    Example:
        >>> import tapeflow as tf
        >>> s = tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([1]), tf.constant([3, 2]))
        >>> print(s)
        IndexedSlices(indices=tf.Tensor([1], shape=(1,), dtype=int32), values=tf.Tensor([[1. 1.]], shape=(1, 2), dtype=float32), dense_shape=tf.Tensor([3 2], shape=(2,), dtype=int32))
    """

    def __init__(self, values: Any, indices: Any, dense_shape: Any = None) -> None:
        self._values = convert_to_tensor(values)
        self._indices = convert_to_tensor(indices)
        self._dense_shape = None if dense_shape is None else convert_to_tensor(dense_shape)
        if self._indices._value.dtype.kind not in "iu":
            raise TypeError(f"IndexedSlices: indices must be an integer tensor, got {self._indices!s}")
        if self._indices._value.ndim == 1 and (
                self._values._value.ndim < 1 or self._values._value.shape[0] != self._indices._value.shape[0]):
            raise ValueError(
                f"IndexedSlices: values of shape {tuple(self._values._value.shape)} need one row per index "
                f"({self._indices._value.shape[0]} indices)")

    @property
    def values(self) -> Tensor:
        """The stored rows."""
        return self._values

    @property
    def indices(self) -> Tensor:
        """The row index of each stored row (repeats allowed)."""
        return self._indices

    @property
    def dense_shape(self) -> Tensor | None:
        """The shape of the dense tensor, as a 1-D integer tensor."""
        return self._dense_shape

    @property
    def dtype(self) -> Any:
        return self._values.dtype

    @property
    def shape(self) -> TensorShape:
        if self._dense_shape is None:
            return TensorShape([None] + list(self._values._value.shape[1:]))
        return TensorShape(self._dense_shape._value.tolist())

    @property
    def device(self) -> str:
        return self._values.device

    def __neg__(self) -> IndexedSlices:
        return IndexedSlices(-self._values, self._indices, self._dense_shape)

    def __str__(self) -> str:
        shape = "None" if self._dense_shape is None else str(self._dense_shape)
        return f"IndexedSlices(indices={self._indices!s}, values={self._values!s}, dense_shape={shape})"

    def _dense(self) -> Tensor:
        """The dense tensor (rows at repeated indices add up); differentiable in ``values``."""
        if self._dense_shape is None:
            raise ValueError("IndexedSlices: cannot convert to a dense tensor without a dense_shape")
        n = int(self._dense_shape._value[0])
        return _A.scatter_add(self._values, np.asarray(self._indices._value, np.intp), 0, n)


def _to_tensor(value: IndexedSlices, dtype: Any = None, name: Any = None, as_ref: bool = False) -> Tensor:
    t = value._dense()
    if dtype is not None and t.dtype != dtype:
        raise ValueError(f"Tensor conversion requested dtype {dtype} for IndexedSlices with dtype {t.dtype.name}")
    return t


register_tensor_conversion_function(IndexedSlices, _to_tensor)


def from_gather(g: Tensor, indices: np.ndarray, params_shape: tuple) -> IndexedSlices:
    """The gradient of ``gather(params, indices, axis=0)`` given the output cotangent ``g``."""
    flat = indices.reshape(-1)
    idx_dtype = np.int32 if flat.size == 0 or int(flat.max()) < 2**31 else np.int64
    values = _C.reshape_to(g, (flat.size,) + tuple(params_shape[1:]))
    return IndexedSlices(values, Tensor(flat.astype(idx_dtype)), Tensor(np.asarray(params_shape, np.int32)))


def add(a: Any, b: Any) -> Any:
    """Sum two gradient contributions: slices concatenate; with a dense tensor, densify and add."""
    if type(a) is IndexedSlices and type(b) is IndexedSlices:
        return IndexedSlices(_A.concat_raw([a._values, b._values], 0),
                             _A.concat_raw([a._indices, b._indices], 0), a._dense_shape)
    a = a._dense() if type(a) is IndexedSlices else a
    b = b._dense() if type(b) is IndexedSlices else b
    return _C.add_n2(a, b)


__all__ = ["IndexedSlices"]
