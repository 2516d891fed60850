"""``keras.InputSpec``: the rank, shape, axis sizes and dtype a layer accepts.

A layer that sets ``self.input_spec`` (one ``InputSpec``, or a list with one per input) has its
inputs checked on every call, before ``build``, with Keras 3's error messages. The built-in
layers' own checks show through ``layer.input_spec`` too (e.g. ``Dense``:
``InputSpec(min_ndim=2, axes={-1: 4})`` once built).

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> class OnlyRank3(keras.layers.Layer):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.input_spec = keras.InputSpec(ndim=3)
    >>> OnlyRank3()(np.zeros((2, 3)))
    Traceback (most recent call last):
    ...
    ValueError: Input 0 with name 'None' of layer 'only_rank3' is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (2, 3)
"""

from __future__ import annotations

from typing import Any

from ...tensor import TensorShape


def _std_dtype(dtype: Any) -> str:
    from ..ops._common import standardize_dtype

    return standardize_dtype(dtype)


def _std_shape(shape: Any) -> tuple:
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    if isinstance(shape, int):
        shape = (shape,)
    out = []
    for d in shape:
        if d is None:
            out.append(None)
            continue
        if hasattr(d, "value") and not isinstance(d, int):  # a TF1-style Dimension
            d = d.value
        try:
            n = int(d)
        except (TypeError, ValueError):
            raise ValueError(f"Cannot convert '{shape}' to a shape. Found invalid entry '{d}'. ") from None
        if n < 0:
            raise ValueError(f"Cannot convert '{shape}' to a shape. Negative dimensions are not allowed.")
        out.append(n)
    return tuple(out)


class InputSpec:
    """The constraints a layer puts on one input: ``dtype``, ``shape`` (None for any size),
    ``ndim``, ``max_ndim``, ``min_ndim``, ``axes`` (``{axis: size}``); ``allow_last_axis_squeeze``
    ignores a trailing axis of size 1 when comparing shapes; ``name`` matches dict inputs;
    ``optional`` allows None.

    Example:
        >>> spec = InputSpec(ndim=3, axes={-1: 4})
        >>> spec, spec.get_config()["axes"]
        (InputSpec(ndim=3, axes={-1: 4}), {-1: 4})
    """

    def __init__(self, dtype: Any = None, shape: Any = None, ndim: int | None = None, max_ndim: int | None = None,
                 min_ndim: int | None = None, axes: Any = None, allow_last_axis_squeeze: bool = False,
                 name: str | None = None, optional: bool = False) -> None:
        self.dtype = _std_dtype(dtype) if dtype is not None else None
        if shape is not None:
            self.shape = _std_shape(shape)
            self.ndim = len(shape)
        else:
            self.ndim = ndim
            self.shape = None
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        try:
            axes = axes or {}
            self.axes = {int(k): axes[k] for k in axes}
        except (ValueError, TypeError):
            raise TypeError(f"Argument `axes` must be a dict with integer keys. Received: axes={axes}") from None
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim else self.max_ndim) - 1
            max_axis = max(self.axes)
            if max_axis > max_dim:
                raise ValueError(f"Axis {max_axis} is greater than the maximum allowed value: {max_dim}")

    def __repr__(self) -> str:
        parts = [f"dtype={self.dtype}" if self.dtype else "", f"shape={self.shape}" if self.shape else "",
                 f"ndim={self.ndim}" if self.ndim else "", f"max_ndim={self.max_ndim}" if self.max_ndim else "",
                 f"min_ndim={self.min_ndim}" if self.min_ndim else "", f"axes={self.axes}" if self.axes else ""]
        return f"InputSpec({', '.join(p for p in parts if p)})"

    def get_config(self) -> dict:
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim, "max_ndim": self.max_ndim,
                "min_ndim": self.min_ndim, "axes": self.axes, "optional": self.optional}

    @classmethod
    def from_config(cls, config: dict) -> InputSpec:
        return cls(**config)

    def _as_tuple(self) -> tuple | None:
        """The built-in layers' fast check ``(ndim, min_ndim, ((axis, size), ...))`` when this spec
        says nothing more (else None)."""
        if self.dtype is not None or self.shape is not None or self.max_ndim is not None or self.optional \
                or self.allow_last_axis_squeeze or self.name is not None:
            return None
        if any(v is None for v in self.axes.values()):
            return None
        return (self.ndim, self.min_ndim or 0, tuple((a, int(n)) for a, n in self.axes.items()))


def spec_from_tuple(spec: tuple) -> InputSpec:
    """The InputSpec equivalent of a layer's internal ``(ndim, min_ndim, axes)`` check."""
    nd, mn, axes = spec
    return InputSpec(ndim=nd, min_ndim=mn or None, axes=dict(axes))


def _flat(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        out: list = []
        for v in x:
            out.extend(_flat(v))
        return out
    if isinstance(x, dict):
        out = []
        for v in x.values():
            out.extend(_flat(v))
        return out
    return [x]


def assert_input_compatibility(input_spec: Any, inputs: Any, layer_name: str) -> None:
    """Raise Keras 3's ValueError when ``inputs`` do not meet ``input_spec`` (one spec or a list).

    Example:
        >>> import numpy as np
        >>> assert_input_compatibility(InputSpec(min_ndim=2), np.zeros((2, 3)), "dense")
    """
    if not input_spec:
        return
    specs = _flat(input_spec)
    if isinstance(inputs, dict):
        names = [spec.name for spec in specs]
        if all(names):
            listed = []
            for name in names:
                if name not in inputs:
                    raise ValueError(f'Missing data for input "{name}". You passed a data dictionary with keys '
                                     f"{list(inputs.keys())}. Expected the following keys: {names}")
                listed.append(inputs[name])
            inputs = listed
    flat = _flat(inputs)
    if len(flat) != len(specs):
        spec_names = [spec.name for spec in specs if spec is not None]
        if len(spec_names) == len(specs) and all(spec_names):
            raise ValueError(f'Layer "{layer_name}" expects {len(specs)} named input(s) with keys {spec_names}, but '
                             f"it received {len(flat)} input tensors. Pass inputs as a dict, e.g. `layer({{"
                             + ", ".join(f"'{n}': ..." for n in spec_names) + "})`.")
        raise ValueError(f'Layer "{layer_name}" expects {len(specs)} input(s), but it received {len(flat)} input '
                         f"tensors. Inputs received: {flat}")
    for i, (x, spec) in enumerate(zip(flat, specs)):
        if spec is None or (x is None and spec.optional):
            continue
        if not hasattr(x, "shape"):
            raise ValueError(f"Inputs to a layer should be tensors. Got '{x}' (of type {type(x)}) as input for "
                             f"layer '{layer_name}'.")
        shape = _std_shape(x.shape)
        ndim = len(shape)
        head = f"Input {i} with name '{spec.name}' of layer '{layer_name}' is incompatible with the layer: "
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise ValueError(head + f"expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shape}")
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise ValueError(head + f"expected max_ndim={spec.max_ndim}, found ndim={ndim}")
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise ValueError(head + f"expected min_ndim={spec.min_ndim}, found ndim={ndim}. Full shape received: "
                             f"{shape}")
        if spec.dtype is not None:
            dtype = _std_dtype(x.dtype)
            if dtype != spec.dtype:
                raise ValueError(head + f"expected dtype={spec.dtype}, found dtype={dtype}")
        for axis, value in spec.axes.items():
            if value is not None and shape[axis] not in (value, None):
                raise ValueError(head + f"expected axis {axis} of input shape to have value {value}, but received "
                                 f"input with shape {shape}")
        if spec.shape is not None:
            spec_shape = spec.shape
            if spec.allow_last_axis_squeeze:
                if shape and shape[-1] == 1:
                    shape = shape[:-1]
                if spec_shape and spec_shape[-1] == 1:
                    spec_shape = spec_shape[:-1]
            for spec_dim, dim in zip(spec_shape, shape):
                if spec_dim is not None and dim is not None and spec_dim != dim:
                    raise ValueError(head + f"expected shape={spec.shape}, found shape={shape}")


__all__ = ["InputSpec"]
