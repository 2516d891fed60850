"""``TensorSpec``: the shape and dtype of a dataset element component (as ``tf.TensorSpec``).

Example:
    >>> import numpy as np
    >>> import tapeflow as tf
    >>> spec = TensorSpec(shape=(None, 3), dtype=tf.float32)
    >>> spec
    TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)
    >>> spec.is_compatible_with(np.zeros((5, 3), np.float32))
    True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..tensor import Tensor, TensorShape, Variable


class TensorSpec:
    """Describes a tensor: a (partially known) shape, a dtype and an optional name.

    Example:
        >>> import tapeflow as tf
        >>> TensorSpec([2], tf.int64).shape.as_list()
        [2]
    """

    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(self, shape: Any = None, dtype: Any = _dt.float32, name: str | None = None) -> None:
        self._shape = None if shape is None else TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)
        self._name = name

    @property
    def shape(self) -> TensorShape:
        return self._shape if self._shape is not None else TensorShape(None)

    @property
    def dtype(self) -> _dt.DType:
        return self._dtype

    @property
    def name(self) -> str | None:
        return self._name

    @classmethod
    def from_tensor(cls, tensor: Any, name: str | None = None) -> TensorSpec:
        """The spec of a concrete value."""
        v = tensor._read()._value if isinstance(tensor, Variable) else tensor._value if isinstance(tensor, Tensor) else np.asarray(tensor)
        return cls(v.shape, _dt.from_numpy(v.dtype), name)

    def _shape_ok(self, shape: tuple) -> bool:
        return self._shape is None or self._shape.is_compatible_with(shape)

    def is_compatible_with(self, other: Any) -> bool:
        """True when ``other`` (a spec or a value) has a compatible shape and the same dtype."""
        if isinstance(other, TensorSpec):
            if other._shape is None or self._shape is None:
                return self._dtype == other._dtype
            return self._dtype == other._dtype and self._shape.is_compatible_with(other._shape)
        try:
            other = TensorSpec.from_tensor(other)
        except (TypeError, ValueError):
            return False
        return self.is_compatible_with(other)

    def most_specific_common_supertype(self, others: list) -> TensorSpec | None:
        """The spec that keeps only the dims all specs agree on (None if dtypes/ranks differ)."""
        shape = self._shape
        for o in others:
            if o._dtype != self._dtype or shape is None or o._shape is None or len(o._shape) != len(shape):
                return None
            shape = TensorShape(a if a == b else None for a, b in zip(shape, o._shape))
        return TensorSpec(shape, self._dtype)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, TensorSpec) and self._dtype == other._dtype
                and self._shape == other._shape and self._name == other._name)

    def __hash__(self) -> int:
        return hash((self._shape, self._dtype, self._name))

    def __repr__(self) -> str:
        shape = "<unknown>" if self._shape is None else str(self._shape)
        name = "None" if self._name is None else repr(self._name)
        return f"TensorSpec(shape={shape}, dtype={self._dtype!r}, name={name})"


__all__ = ["TensorSpec"]
