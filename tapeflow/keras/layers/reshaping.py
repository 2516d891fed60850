"""Keras layers: reshaping (zero padding, cropping, up-sampling, Permute, RepeatVector).

``Reshape`` and ``Flatten`` live in ``core.py``.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.ZeroPadding1D(1)(np.ones((1, 2, 1), "float32")).numpy().reshape(-1).tolist()
    [0.0, 1.0, 1.0, 0.0]
    >>> layers.UpSampling1D(2)(np.array([[[1.0], [2.0]]], "float32")).numpy().reshape(-1).tolist()
    [1.0, 1.0, 2.0, 2.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...tensor import Tensor
from .base import Layer
from .conv import AnalyticShape, _std_format, _tuple

_ORD = ("1st", "2nd", "3rd")


def _pairs(value: Any, n: int, what: str, who: str) -> tuple:
    """An int, ``n`` ints or ``n`` pairs of ints as ``n`` (before, after) pairs (all >= 0)."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"{who}: `{what}` cannot be negative. Received: {what}={value}.")
        return ((int(value), int(value)),) * n
    if not hasattr(value, "__len__"):
        raise ValueError(f"{who}: `{what}` should be either an int, a tuple of {n} ints or a tuple of {n} tuples of "
                         f"2 ints. Received: {what}={value!r}.")
    if len(value) != n:
        raise ValueError(f"{who}: `{what}` should have {n} elements. Received: {what}={value!r}.")
    return tuple(_tuple(v, 2, f"{_ORD[i]} entry of {what}", allow_zero=True) for i, v in enumerate(value))


class _Spatial(AnalyticShape, Layer):
    """A layer acting on the ``_rank`` spatial axes of (batch, *spatial, channels) data."""

    _rank = 1

    def _axes(self) -> tuple:
        r = self._rank
        if getattr(self, "data_format", "channels_last") == "channels_last":
            return tuple(range(1, r + 1))
        return tuple(range(2, r + 2))

    def _check_rank(self, shape: tuple) -> None:
        if len(shape) != self._rank + 2:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': expected a {self._rank + 2}-D input, "
                             f"got shape {tuple(shape)}")


# --- zero padding -------------------------------------------------------------------------------


class _ZeroPadding(_Spatial):
    def __init__(self, padding: Any, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        who = type(self).__name__
        self.data_format = _std_format(data_format, who)
        if self._rank == 1:
            self.padding = _tuple(padding, 2, "padding", allow_zero=True)
        else:
            self.padding = _pairs(padding, self._rank, "padding", who)
        self._spec = (self._rank + 2, 0, ())

    def _pads(self) -> tuple:
        return (self.padding,) if self._rank == 1 else self.padding

    def call(self, inputs: Tensor) -> Tensor:
        pads = [[0, 0]] * (self._rank + 2)
        for ax, pr in zip(self._axes(), self._pads()):
            pads[ax] = list(pr)
        return tf.pad(inputs, pads)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = list(input_shape)
        self._check_rank(shp)
        for ax, (lo, hi) in zip(self._axes(), self._pads()):
            if shp[ax] is not None:
                shp[ax] += lo + hi
        return tuple(shp)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(padding=self.padding, data_format=self.data_format)
        return cfg


class ZeroPadding1D(_ZeroPadding):
    """Pads zeros at the start and end of the steps axis: ``padding`` is an int or (start, end).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.ZeroPadding1D((1, 2))(np.ones((1, 2, 1), "float32")).numpy().reshape(-1).tolist()
        [0.0, 1.0, 1.0, 0.0, 0.0]
    """

    _rank = 1

    def __init__(self, padding: Any = 1, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(padding, data_format, **kwargs)


class ZeroPadding2D(_ZeroPadding):
    """Pads zeros around images: ``padding`` is an int, (sym_height, sym_width) or
    ((top, bottom), (left, right)).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.ZeroPadding2D(((1, 0), (0, 2)))(np.ones((1, 2, 2, 3), "float32")).shape.as_list()
        [1, 3, 4, 3]
    """

    _rank = 2

    def __init__(self, padding: Any = (1, 1), data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(padding, data_format, **kwargs)


class ZeroPadding3D(_ZeroPadding):
    """Pads zeros around volumes: ``padding`` is an int, 3 ints or 3 (before, after) pairs.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.ZeroPadding3D()(np.ones((1, 2, 2, 2, 1), "float32")).shape.as_list()
        [1, 4, 4, 4, 1]
    """

    _rank = 3

    def __init__(self, padding: Any = ((1, 1), (1, 1), (1, 1)), data_format: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(padding, data_format, **kwargs)


# --- cropping -------------------------------------------------------------------------------------


class _Cropping(_Spatial):
    def _crops(self) -> tuple:
        return (self.cropping,) if self._rank == 1 else self.cropping

    def _check(self, shp: tuple) -> None:
        for ax, (lo, hi) in zip(self._axes(), self._crops()):
            if shp[ax] is not None and lo + hi >= shp[ax]:
                raise ValueError(f"{type(self).__name__} layer '{self.name}': values in `cropping` should be smaller "
                                 f"than the corresponding spatial dimension of the input. Received: input shape="
                                 f"{tuple(shp)}, cropping={self.cropping}")

    def call(self, inputs: Tensor) -> Tensor:
        shp = tuple(inputs.shape)
        self._check(shp)
        key = [slice(None)] * len(shp)
        for ax, (lo, hi) in zip(self._axes(), self._crops()):
            key[ax] = slice(lo, shp[ax] - hi)
        return inputs[tuple(key)]

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = list(input_shape)
        self._check_rank(shp)
        self._check(tuple(shp))
        for ax, (lo, hi) in zip(self._axes(), self._crops()):
            if shp[ax] is not None:
                shp[ax] -= lo + hi
        return tuple(shp)


class Cropping1D(_Cropping):
    """Crops ``cropping = (start, end)`` steps (or an int for both) off the steps axis of
    (batch, steps, features) inputs.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Cropping1D((1, 2))(np.arange(5, dtype="float32").reshape(1, 5, 1)).numpy().reshape(-1).tolist()
        [1.0, 2.0]
    """

    _rank = 1

    def __init__(self, cropping: Any = (1, 1), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cropping = _tuple(cropping, 2, "cropping", allow_zero=True)
        self._spec = (3, 0, ())

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["cropping"] = self.cropping
        return cfg


class _Cropping2or3(_Cropping):
    def __init__(self, cropping: Any, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        who = type(self).__name__
        self.data_format = _std_format(data_format, who)
        self.cropping = _pairs(cropping, self._rank, "cropping", who)
        self._spec = (self._rank + 2, 0, ())

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(cropping=self.cropping, data_format=self.data_format)
        return cfg


class Cropping2D(_Cropping2or3):
    """Crops images: ``cropping`` is an int, (sym_height, sym_width) or ((top, bottom), (left, right)).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Cropping2D(((1, 0), (1, 1)))(np.zeros((2, 4, 5, 3), "float32")).shape.as_list()
        [2, 3, 3, 3]
    """

    _rank = 2

    def __init__(self, cropping: Any = ((0, 0), (0, 0)), data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(cropping, data_format, **kwargs)


class Cropping3D(_Cropping2or3):
    """Crops volumes: ``cropping`` is an int, 3 ints or 3 (before, after) pairs.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Cropping3D()(np.zeros((1, 4, 4, 4, 2), "float32")).shape.as_list()
        [1, 2, 2, 2, 2]
    """

    _rank = 3

    def __init__(self, cropping: Any = ((1, 1), (1, 1), (1, 1)), data_format: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(cropping, data_format, **kwargs)


# --- up-sampling ----------------------------------------------------------------------------------


class _UpSampling(_Spatial):
    def _sizes(self) -> tuple:
        return (self.size,) if self._rank == 1 else self.size

    def _repeat(self, x: Tensor) -> Tensor:
        for ax, f in zip(self._axes(), self._sizes()):
            if f != 1:
                x = tf.repeat(x, f, axis=ax)
        return x

    def call(self, inputs: Tensor) -> Tensor:
        return self._repeat(inputs)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = list(input_shape)
        self._check_rank(shp)
        for ax, f in zip(self._axes(), self._sizes()):
            if shp[ax] is not None:
                shp[ax] *= f
        return tuple(shp)


class UpSampling1D(_UpSampling):
    """Repeats each step ``size`` times along the steps axis of (batch, steps, features) inputs.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.UpSampling1D(3)(np.array([[[1.0], [2.0]]], "float32")).numpy().reshape(-1).tolist()
        [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
    """

    _rank = 1

    def __init__(self, size: int = 2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool):
            raise TypeError(f"UpSampling1D: expected an integer value for `size`, got {type(size)}.")
        if size <= 0:
            raise ValueError(f"UpSampling1D: argument `size` should be a positive integer. Received: size={size}")
        self.size = int(size)
        self._spec = (3, 0, ())

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["size"] = self.size
        return cfg


_INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area")


class UpSampling2D(_UpSampling):
    """Scales images up by ``size = (rows, cols)``: "nearest" repeats rows and columns;
    "bilinear", "bicubic", "lanczos3", "lanczos5" and "area" resize as ``tf.image.resize``
    (half-pixel centres, no antialiasing: Keras 3's values). Resized float inputs keep their
    dtype (the interpolation itself runs in float32, as TF's kernels).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.array([[1.0, 2.0]], "float32").reshape(1, 1, 2, 1)
        >>> layers.UpSampling2D((1, 2))(x).numpy().reshape(-1).tolist()
        [1.0, 1.0, 2.0, 2.0]
        >>> layers.UpSampling2D((1, 2), interpolation="bilinear")(x).numpy().reshape(-1).tolist()
        [1.0, 1.25, 1.75, 2.0]
    """

    _rank = 2

    def __init__(self, size: Any = (2, 2), data_format: str | None = None, interpolation: str = "nearest",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = _std_format(data_format, "UpSampling2D")
        self.size = _tuple(size, 2, "size")
        interp = interpolation.lower() if isinstance(interpolation, str) else interpolation
        if interp not in _INTERPOLATIONS:
            raise ValueError(f"UpSampling2D: invalid value for argument `interpolation`. Expected one of "
                             f"{_INTERPOLATIONS}. Received: interpolation={interpolation!r}")
        self.interpolation = interp
        self._spec = (4, 0, ())

    def _out_dtype(self, dtype: Any) -> Any:
        dt = super()._out_dtype(dtype)
        if self.interpolation != "nearest" and dt._np.kind != "f":
            return tf.float32
        return dt

    def call(self, inputs: Tensor) -> Tensor:
        if self.interpolation == "nearest":
            return self._repeat(inputs)
        cf = self.data_format == "channels_first"
        x = tf.transpose(inputs, [0, 2, 3, 1]) if cf else inputs
        h, w = x.shape[1], x.shape[2]
        y = tf.image.resize(x, [h * self.size[0], w * self.size[1]], method=self.interpolation)
        if inputs.dtype.is_floating and y.dtype != inputs.dtype:
            y = tf.cast(y, inputs.dtype)
        return tf.transpose(y, [0, 3, 1, 2]) if cf else y

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(size=self.size, data_format=self.data_format, interpolation=self.interpolation)
        return cfg


class UpSampling3D(_UpSampling):
    """Repeats each voxel ``size = (d1, d2, d3)`` times along the three spatial axes.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.UpSampling3D((1, 2, 3))(np.zeros((1, 2, 2, 2, 1), "float32")).shape.as_list()
        [1, 2, 4, 6, 1]
    """

    _rank = 3

    def __init__(self, size: Any = (2, 2, 2), data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = _std_format(data_format, "UpSampling3D")
        self.size = _tuple(size, 3, "size")
        self._spec = (5, 0, ())

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(size=self.size, data_format=self.data_format)
        return cfg


# --- Permute, RepeatVector ----------------------------------------------------------------------


class Permute(AnalyticShape, Layer):
    """Permutes the non-batch axes: ``dims`` is a permutation of 1..rank-1 (axis 0 stays).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Permute((2, 1))(np.zeros((4, 10, 64), "float32")).shape.as_list()
        [4, 64, 10]
    """

    def __init__(self, dims: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        try:
            self.dims = tuple(int(d) for d in dims)
        except (TypeError, ValueError):
            raise ValueError(f"Permute: `dims` must be a tuple of ints, got {dims!r}") from None
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` "
                             f"must be consecutive and start from 1. Received dims={dims}")
        self._spec = (len(self.dims) + 1, 0, ())

    def call(self, inputs: Tensor) -> Tensor:
        return tf.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = tuple(input_shape)
        if len(shp) != len(self.dims) + 1:
            raise ValueError(f"Permute layer '{self.name}': expected a {len(self.dims) + 1}-D input, got shape {shp}")
        return (shp[0],) + tuple(shp[d] for d in self.dims)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["dims"] = self.dims
        return cfg


class RepeatVector(AnalyticShape, Layer):
    """Repeats a (batch, features) input ``n`` times: (batch, n, features).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.RepeatVector(2)(np.array([[1.0, 2.0]], "float32")).numpy().tolist()
        [[[1.0, 2.0], [1.0, 2.0]]]
    """

    def __init__(self, n: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool):
            raise TypeError(f"RepeatVector: expected an integer value for `n`, got {type(n)}.")
        if n <= 0:
            raise ValueError(f"RepeatVector: argument `n` should be a positive integer. Received: n={n}")
        self.n = int(n)
        self._spec = (2, 0, ())

    def call(self, inputs: Tensor) -> Tensor:
        return tf.repeat(tf.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = tuple(input_shape)
        if len(shp) != 2:
            raise ValueError(f"RepeatVector layer '{self.name}': expected a 2-D input, got shape {shp}")
        return (shp[0], self.n, shp[1])

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["n"] = self.n
        return cfg


__all__: list[str] = [
    "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D", "Cropping3D",
    "UpSampling1D", "UpSampling2D", "UpSampling3D", "Permute", "RepeatVector",
]
