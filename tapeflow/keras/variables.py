"""``keras.Variable``: a tapeflow Variable named and printed as Keras 3 does.

Example:
    >>> from tapeflow import keras
    >>> v = keras.Variable([1.0, 2.0], name="w")
    >>> v.name, v.path
    ('w', 'w')
    >>> v
    <Variable path=w, shape=(2,), dtype=float32, value=[1. 2.]>
"""

from __future__ import annotations

from typing import Any

from ..tensor import Variable as _TFVariable
from ..tensor import _shape_str
from . import _scopes


class Variable(_TFVariable):
    """A Keras 3 variable: a plain ``name`` (no ``:0``), a ``path`` ("layer/name"), Keras's repr."""

    _NAME_SUFFIX = ""

    def __init__(self, initializer: Any = None, shape: Any = None, dtype: Any = None, trainable: bool = True,
                 name: str | None = None, path: str | None = None, **kwargs: Any) -> None:
        if callable(initializer) and shape is not None:
            initializer = initializer(shape, dtype=dtype) if dtype is not None else initializer(shape)
        super().__init__(initializer, trainable=trainable, name=name or "variable", dtype=dtype, **kwargs)
        self._path = path or self._name
        if _scopes._STACK.scopes:  # inside keras.name_scope(...)
            prefix = _scopes.current_path()
            if prefix:
                self._path = f"{prefix}/{self._path}"

    def _unread(self) -> Any:
        # Keras 3's assign/assign_add/assign_sub return the new value as a tensor
        from ..tensor import Tensor

        return Tensor(self._t._value)

    def __repr__(self) -> str:
        v = self._t._value
        value = v[()] if v.ndim == 0 else v
        return f"<Variable path={self._path}, shape={_shape_str(v.shape)}, dtype={self.dtype.name}, value={value}>"


__all__ = ["Variable"]
