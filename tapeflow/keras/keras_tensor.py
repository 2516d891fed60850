"""``KerasTensor``: the symbolic tensor of the functional API (a shape and a dtype, no value).

Python operators on KerasTensors record an ``_OpLayer`` call (``layers/base.py``), as TF's
functional API does.

Example:
    >>> from tapeflow import keras
    >>> x = keras.Input(shape=(3,))
    >>> type(x).__name__, x.shape.as_list()
    ('KerasTensor', [None, 3])
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Callable

from .. import dtypes as _dt
from ..tensor import TensorShape
from ._nest import _flatten

if TYPE_CHECKING:
    from ._node import Node


def _has_symbolic(x: Any) -> bool:
    return any(type(v) is KerasTensor for v in _flatten(x))


_kt_ids = itertools.count()


class KerasTensor:
    """A symbolic tensor of the functional API: a shape (None for unknown dims) and a dtype.

    Example:
        >>> from tapeflow import keras
        >>> x = keras.Input(shape=(3,))
        >>> x.shape.as_list(), x.dtype.name
        ([None, 3], 'float32')
    """

    __slots__ = ("shape", "dtype", "name", "_node", "_index", "_keras_mask")

    def __init__(self, shape: Any, dtype: Any = "float32", name: str | None = None,
                 node: Node | None = None, index: int = 0) -> None:
        self.shape = TensorShape(shape)
        self.dtype = _dt.as_dtype(dtype)
        if name is None:  # Keras's unique names: keras_tensor, keras_tensor_1, ...
            n = next(_kt_ids)
            name = f"keras_tensor_{n}" if n else "keras_tensor"
        self.name = name
        self._node = node
        self._index = index
        self._keras_mask = None  # the symbolic mask of a masking layer's output (Keras 3's `_keras_mask`)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def get_shape(self) -> TensorShape:
        return self.shape

    def __repr__(self) -> str:
        return (f"<KerasTensor shape={self.shape}, dtype={self.dtype.name}, sparse=False, ragged=False, "
                f"name={self.name}>")

    def _no_value(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            f"{self!r} is a symbolic placeholder of the functional API and has no value. Pass it to "
            "Keras layers to build a model, then call the model on real data."
        )

    __array__ = __bool__ = __float__ = __int__ = __len__ = __iter__ = numpy = _no_value

    # Python operators on symbolic tensors record an _OpLayer node (as TF's functional API)
    def __add__(self, o: Any) -> Any:
        return _op("add", lambda a, b: a + b, self, o)

    def __radd__(self, o: Any) -> Any:
        return _op("add", lambda a, b: a + b, o, self)

    def __sub__(self, o: Any) -> Any:
        return _op("subtract", lambda a, b: a - b, self, o)

    def __rsub__(self, o: Any) -> Any:
        return _op("subtract", lambda a, b: a - b, o, self)

    def __mul__(self, o: Any) -> Any:
        return _op("multiply", lambda a, b: a * b, self, o)

    def __rmul__(self, o: Any) -> Any:
        return _op("multiply", lambda a, b: a * b, o, self)

    def __truediv__(self, o: Any) -> Any:
        return _op("truediv", lambda a, b: a / b, self, o)

    def __rtruediv__(self, o: Any) -> Any:
        return _op("truediv", lambda a, b: a / b, o, self)

    def __pow__(self, o: Any) -> Any:
        return _op("pow", lambda a, b: a ** b, self, o)

    def __matmul__(self, o: Any) -> Any:
        return _op("matmul", lambda a, b: a @ b, self, o)

    def __neg__(self) -> Any:
        return _op("negative", lambda a: -a, self)

    def __getitem__(self, key: Any) -> Any:
        return _op("getitem", lambda a, k: a[k], self, key)


def _op(name: str, fn: Callable, *args: Any) -> Any:
    from .layers.base import _OpLayer

    return _OpLayer(fn, name)(list(args))


__all__ = ["KerasTensor"]
