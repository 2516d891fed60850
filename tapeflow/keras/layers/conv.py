"""Convolution layers (1-D, 2-D, 3-D; transposed, depthwise, separable) and 2-D pooling.

All convolutions share one N-d path: channels-first data are transposed to channels-last, the
padding is resolved as TF does ("same" puts the odd extra pad at the end of each axis, "causal"
pads only at the start), and one ``conv`` primitive (grouped and depthwise convolutions
included) or its input-gradient twin (the transposed convolutions) does the work, so every
layer is differentiable to any order in its inputs and weights.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.Conv2D(4, 3, padding="same")(np.zeros((1, 8, 8, 2), "float32")).shape.as_list()
    [1, 8, 8, 4]
    >>> layers.Conv1D(2, 3, padding="causal")(np.zeros((1, 5, 3), "float32")).shape.as_list()
    [1, 5, 2]
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ...primitives import bind1
from ...primitives import conv as K
from ...primitives import core as C
from ...tensor import Tensor
from .. import activations as _acts
from .. import initializers as _inits
from .. import regularizers as _regs
from .base import KerasTensor, Layer
from .core import _build_kernel_bias, _init_kernel_bias, _kernel_bias_config, _ser

# --- argument helpers (Keras 3's standardisation rules) -----------------------------------------


def _tuple(value: Any, n: int, what: str, allow_zero: bool = False) -> tuple:
    """An int or a sequence of ``n`` ints as a tuple of ``n`` ints (positive, or >= 0)."""
    msg = f"The `{what}` argument must be a tuple of {n} integers. Received {what}={value!r}"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        vals = (int(value),) * n
    else:
        try:
            vals = tuple(value)
        except TypeError:
            raise ValueError(msg) from None
        if len(vals) != n:
            raise ValueError(msg)
        for v in vals:
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise ValueError(f"{msg}, including element {v!r} of type {type(v)}")
        vals = tuple(int(v) for v in vals)
    bad = [v for v in vals if (v < 0 if allow_zero else v <= 0)]
    if bad:
        raise ValueError(f"{msg}, including values {set(bad)} that do not satisfy `value "
                         f"{'>= 0' if allow_zero else '> 0'}`")
    return vals


def _std_padding(p: Any, who: str, causal: bool = False) -> str:
    allowed = ("valid", "same", "causal") if causal else ("valid", "same")
    q = p.lower() if isinstance(p, str) else p
    if q not in allowed:
        raise ValueError(f"{who}: the `padding` argument must be one of {allowed}. Received: padding={p!r}")
    return q


def _std_format(data_format: Any, who: str) -> str:
    df = "channels_last" if data_format is None else str(data_format).lower()
    if df not in ("channels_last", "channels_first"):
        raise ValueError(f"{who}: the `data_format` argument must be one of {{'channels_first', 'channels_last'}}. "
                         f"Received: data_format={data_format!r}")
    return df


def _positive_int(v: Any, what: str, who: str) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v <= 0:
        raise ValueError(f"{who}: invalid value for argument `{what}`. Expected a strictly positive integer. "
                         f"Received {what}={v!r}.")
    return int(v)


def _to_last(x: Tensor, rank: int) -> Tensor:
    return C.transpose_raw(x, (0,) + tuple(range(2, rank + 2)) + (1,))


def _to_first(y: Tensor, rank: int) -> Tensor:
    return C.transpose_raw(y, (0, rank + 1) + tuple(range(1, rank + 1)))


def _keff(k: int, d: int) -> int:
    return d * (k - 1) + 1


def conv_out_len(n: int | None, k: int, s: int, d: int, padding: str) -> int | None:
    """Output length of a convolution / pooling window over ``n`` steps (None stays None)."""
    if n is None:
        return None
    if padding == "valid":
        return (n - _keff(k, d)) // s + 1
    return (n - 1) // s + 1  # "same" and "causal"


def same_pads(sp: tuple, k: tuple, s: tuple, d: tuple) -> tuple:
    """TF's SAME padding: one (before, after) pair per axis, the odd pad at the end."""
    out = []
    for n, kk, ss, dd in zip(sp, k, s, d):
        o = -(-n // ss)
        tot = max((o - 1) * ss + _keff(kk, dd) - n, 0)
        out.append((tot // 2, tot - tot // 2))
    return tuple(out)


def _spatial_axes(data_format: str, rank: int) -> tuple:
    return tuple(range(1, rank + 1)) if data_format == "channels_last" else tuple(range(2, rank + 2))


class AnalyticShape:
    """Mixin: symbolic (KerasTensor) calls take their output shape from ``compute_output_shape``
    (so unknown dimensions stay unknown without probing the layer with zeros)."""

    def _out_dtype(self, dtype: Any) -> Any:
        kind = dtype._np.kind
        if self._autocast and (kind == "f" or (self._cast_all and kind in "iub")):
            return self._dtype
        return dtype

    def _output_spec(self, inputs: Any, args: tuple, kwargs: dict) -> Any:
        if type(inputs) is KerasTensor and not args and set(kwargs) <= {"training", "mask"}:
            if self._spec is not None:
                nd, mn, axes = self._spec
                shp = tuple(inputs.shape)
                if (nd is not None and len(shp) != nd) or len(shp) < mn or any(
                        shp[a] is not None and shp[a] != n for a, n in axes):
                    self._spec_error(shp)
            shape = self.compute_output_shape(tuple(inputs.shape.as_list()))
            return KerasTensor(tuple(shape), self._out_dtype(inputs.dtype), name="")
        return super()._output_spec(inputs, args, kwargs)


# --- the N-d convolution ---------------------------------------------------------------------------


def _run_conv(layer: Layer, x: Tensor, w: Tensor, rank: int, groups: int = 1, channels_first: bool | None = None
              ) -> Tensor:
    """Convolve ``x`` with ``w`` (*k, C // groups, O) with the layer's strides, padding and dilation;
    ``x`` is in the layer's data format unless ``channels_first`` says otherwise."""
    cf = layer.data_format == "channels_first" if channels_first is None else channels_first
    if cf:
        x = _to_last(x, rank)
    padding = layer.padding
    s = layer.strides
    d = layer.dilation_rate
    k = w._value.shape[:rank]
    sp = x._value.shape[1:-1]
    if padding == "same":
        pads = same_pads(sp, k, s, d)
    elif padding == "causal":
        pads = ((_keff(k[0], d[0]) - 1, 0),)
    else:
        pads = ((0, 0),) * rank
    out = tuple(K.out_size(n, kk, ss, dd, lo, hi) for n, kk, ss, dd, (lo, hi) in zip(sp, k, s, d, pads))
    if any(o <= 0 for o in out) and 0 not in x._value.shape:
        raise ValueError(
            f"{type(layer).__name__} layer '{layer.name}': the convolution would give an empty output: input "
            f"spatial shape {tuple(sp)}, kernel size {tuple(k)}, strides {tuple(s)}, dilation_rate {tuple(d)}, "
            f"padding '{padding}'")
    y = K.conv_raw(x, w, {"strides": tuple(s), "pads": pads, "dilations": tuple(d), "groups": groups})
    return _to_first(y, rank) if cf else y


def _add_bias(layer: Layer, y: Tensor, n: int, rank: int) -> Tensor:
    b = layer.bias._read()
    if layer.data_format == "channels_first":
        b = C.reshape_to(b, (n,) + (1,) * rank)
    return C.add(y, b)


def _channels(layer: Layer, input_shape: Any) -> int:
    shp = tuple(input_shape)
    want = layer._rank + 2
    if len(shp) != want:
        raise ValueError(f"{type(layer).__name__} layer '{layer.name}': expected a {want}-D input, "
                         f"got shape {shp}")
    ch = shp[-1] if layer.data_format == "channels_last" else shp[1]
    if ch is None:
        raise ValueError(f"{type(layer).__name__} layer '{layer.name}': the channel dimension of the input must "
                         f"be known, got shape {shp}")
    return int(ch)


def _conv_output_shape(layer: Layer, input_shape: Any, filters: int) -> tuple:
    shp = tuple(input_shape)
    rank = layer._rank
    if len(shp) != rank + 2:
        raise ValueError(f"{type(layer).__name__} layer '{layer.name}': expected a {rank + 2}-D input shape, "
                         f"got {shp}")
    cl = layer.data_format == "channels_last"
    sp = shp[1:-1] if cl else shp[2:]
    out = tuple(conv_out_len(n, k, s, d, layer.padding)
                for n, k, s, d in zip(sp, layer.kernel_size, layer.strides, layer.dilation_rate))
    if any(o is not None and o <= 0 for o in out):
        raise ValueError(
            f"Computed output size would be zero or negative. Received `inputs shape={shp}`, "
            f"`kernel_size={layer.kernel_size}`, `dilation_rate={layer.dilation_rate}`, "
            f"`strides={layer.strides}`, `padding={layer.padding}`.")
    return (shp[0],) + out + (filters,) if cl else (shp[0], filters) + out


class _BaseConv(AnalyticShape, Layer):
    """Shared argument handling of Conv1D/2D/3D (the class attribute ``_rank`` is the rank)."""

    _cast_all = True
    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = 1, groups: int = 1, activation: Any = None,
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        who = type(self).__name__
        r = self._rank
        self.rank = r
        self.filters = _positive_int(filters, "filters", who)
        self.groups = _positive_int(groups, "groups", who)
        if self.filters % self.groups:
            raise ValueError(f"{who}: the number of filters must be evenly divisible by the number of groups. "
                             f"Received: groups={groups}, filters={filters}.")
        self.kernel_size = _tuple(kernel_size, r, "kernel_size")
        self.strides = _tuple(strides, r, "strides")
        self.dilation_rate = _tuple(dilation_rate, r, "dilation_rate")
        self.padding = _std_padding(padding, who, causal=r == 1)
        self.data_format = _std_format(data_format, who)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"{who}: `strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")
        _init_kernel_bias(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                          bias_regularizer, kernel_constraint, bias_constraint)
        self._cax = -1 if self.data_format == "channels_last" else 1
        self._spec = (r + 2, 0, ())

    def build(self, input_shape: Any) -> None:
        ch = _channels(self, input_shape)
        if ch % self.groups:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': the number of input channels must be "
                             f"evenly divisible by the number of groups. Received groups={self.groups}, but the "
                             f"input has {ch} channels (full input shape is {tuple(input_shape)}).")
        self.compute_output_shape(input_shape)
        _build_kernel_bias(self, self.kernel_size + (ch // self.groups, self.filters), self.filters)
        self._spec = (self._rank + 2, 0, ((self._cax, ch),))  # -1 when channels_last, printed as Keras
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        w = self.kernel._read()
        ch = inputs._value.shape[self._cax]
        y = _run_conv(self, inputs, w, self._rank, groups=ch // w._value.shape[self._rank])
        if self.use_bias:
            y = _add_bias(self, y, self.filters, self._rank)
        return y if self._linear else self.activation(y)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return _conv_output_shape(self, input_shape, self.filters)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(
            filters=self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
            data_format=self.data_format, dilation_rate=self.dilation_rate, groups=self.groups,
            **_kernel_bias_config(self),
        )
        return cfg


class Conv1D(_BaseConv):
    """1-D convolution over (batch, steps, channels) inputs (or (batch, channels, steps) with
    ``data_format="channels_first"``).

    ``padding="causal"`` pads ``dilation_rate * (kernel_size - 1)`` zeros at the start only, so
    output ``t`` depends on inputs up to ``t``. Weights: ``kernel`` (k, in // groups, filters),
    ``bias`` (filters,).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> conv = layers.Conv1D(1, 2, padding="causal", kernel_initializer="ones", use_bias=False)
        >>> conv(np.arange(4, dtype="float32").reshape(1, 4, 1)).numpy().reshape(-1).tolist()
        [0.0, 1.0, 3.0, 5.0]
    """

    _rank = 1

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = 1, groups: int = 1, activation: Any = None,
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                         activity_regularizer, kernel_constraint, bias_constraint, **kwargs)


class Conv2D(_BaseConv):
    """2-D convolution over (batch, height, width, channels) inputs (channels_last) or
    (batch, channels, height, width) (channels_first).

    Args:
        filters: number of output channels.
        kernel_size: int or (height, width) of the window.
        strides: int or pair (1 by default); not together with dilation_rate > 1.
        padding: "valid" (default) or "same" (TF's: the odd extra pad at the bottom/right).
        data_format: "channels_last" (default) or "channels_first".
        dilation_rate: int or pair (1 by default).
        groups: split the channels into ``groups`` independent convolutions.
        activation, use_bias, initializers, regularizers, constraints: as Dense.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> conv = layers.Conv2D(1, 2, kernel_initializer="ones", use_bias=False)
        >>> conv(np.ones((1, 3, 3, 1), "float32")).numpy().reshape(-1).tolist()
        [4.0, 4.0, 4.0, 4.0]
    """

    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = (1, 1), groups: int = 1,
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                         activity_regularizer, kernel_constraint, bias_constraint, **kwargs)


class Conv3D(_BaseConv):
    """3-D convolution over (batch, depth, height, width, channels) inputs (or channels_first).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Conv3D(2, 3, padding="same")(np.zeros((1, 4, 4, 4, 1), "float32")).shape.as_list()
        [1, 4, 4, 4, 2]
    """

    _rank = 3

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1, 1), padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = (1, 1, 1), groups: int = 1,
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation,
                         use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                         activity_regularizer, kernel_constraint, bias_constraint, **kwargs)


# --- transposed convolutions ---------------------------------------------------------------------


def _transpose_len(n: int | None, k: int, s: int, d: int, padding: str, op: int | None) -> int | None:
    """Keras 3's output length of a transposed convolution."""
    if n is None:
        return None
    keff = _keff(k, d)
    if padding == "valid":
        return (n - 1) * s + keff + (max(keff, s) - keff if op is None else op)
    if op is None:
        return n * s
    return (n - 1) * s + keff % 2 + op


class _BaseConvTranspose(AnalyticShape, Layer):
    _cast_all = True
    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 output_padding: Any = None, data_format: str | None = None, dilation_rate: Any = 1,
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        who = type(self).__name__
        r = self._rank
        self.rank = r
        self.filters = _positive_int(filters, "filters", who)
        self.kernel_size = _tuple(kernel_size, r, "kernel_size")
        self.strides = _tuple(strides, r, "strides")
        self.dilation_rate = _tuple(dilation_rate, r, "dilation_rate")
        self.padding = _std_padding(padding, who)
        self.output_padding = None if output_padding is None else _tuple(output_padding, r, "output_padding",
                                                                         allow_zero=True)
        self.data_format = _std_format(data_format, who)
        if self.output_padding is not None:
            for i, (o, s) in enumerate(zip(self.output_padding, self.strides)):
                if o >= s:
                    raise ValueError(f"{who}: `output_padding` must be strictly less than `strides` for all "
                                     f"dimensions. At dimension {i}, `output_padding` is {o} but `strides` is {s}. "
                                     f"Received: output_padding={self.output_padding}, strides={self.strides}")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"{who}: `strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")
        _init_kernel_bias(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                          bias_regularizer, kernel_constraint, bias_constraint)
        self._cax = -1 if self.data_format == "channels_last" else 1
        self._spec = (r + 2, 0, ())

    def build(self, input_shape: Any) -> None:
        ch = _channels(self, input_shape)
        _build_kernel_bias(self, self.kernel_size + (self.filters, ch), self.filters)
        self._spec = (self._rank + 2, 0, ((self._cax, ch),))  # -1 when channels_last, printed as Keras
        self.built = True

    def _out_spatial(self, sp: tuple) -> tuple:
        ops = self.output_padding or (None,) * self._rank
        return tuple(_transpose_len(n, k, s, d, self.padding, o)
                     for n, k, s, d, o in zip(sp, self.kernel_size, self.strides, self.dilation_rate, ops))

    def call(self, inputs: Tensor) -> Tensor:
        r = self._rank
        x = inputs
        cf = self.data_format == "channels_first"
        if cf:
            x = _to_last(x, r)
        w = self.kernel._read()
        sp = x._value.shape[1:-1]
        out = self._out_spatial(sp)
        k, s, d = self.kernel_size, self.strides, self.dilation_rate
        if self.padding == "same":
            pads = same_pads(out, k, s, d)
        else:
            pads = ((0, 0),) * r
        back = tuple(K.out_size(o, kk, ss, dd, lo, hi) for o, kk, ss, dd, (lo, hi) in zip(out, k, s, d, pads))
        if back != tuple(sp) or min(out, default=1) <= 0:
            raise ValueError(
                f"{type(self).__name__} layer '{self.name}': output spatial shape {out} (kernel_size {k}, strides "
                f"{s}, padding '{self.padding}', output_padding {self.output_padding}, dilation_rate {d}) is not "
                f"consistent with the input's spatial shape {tuple(sp)}")
        oshape = (x._value.shape[0],) + out + (self.filters,)
        y = K.conv_backprop_input_raw(x, w, oshape, {"strides": tuple(s), "pads": pads, "dilations": tuple(d)})
        if cf:
            y = _to_first(y, r)
        if self.use_bias:
            y = _add_bias(self, y, self.filters, r)
        return y if self._linear else self.activation(y)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = tuple(input_shape)
        if len(shp) != self._rank + 2:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': expected a {self._rank + 2}-D input shape, "
                             f"got {shp}")
        if self.data_format == "channels_last":
            return (shp[0],) + self._out_spatial(shp[1:-1]) + (self.filters,)
        return (shp[0], self.filters) + self._out_spatial(shp[2:])

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(
            filters=self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
            output_padding=self.output_padding, data_format=self.data_format, dilation_rate=self.dilation_rate,
            **_kernel_bias_config(self),
        )
        return cfg


class Conv1DTranspose(_BaseConvTranspose):
    """Transposed 1-D convolution ("deconvolution"): the gradient of Conv1D w.r.t. its input.

    Output length: ``(n - 1) * strides + kernel`` (+ ``output_padding`` or ``max(strides - kernel, 0)``)
    with "valid", ``n * strides`` with "same" (no ``output_padding``). Weights: ``kernel``
    (k, filters, in), ``bias`` (filters,).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> up = layers.Conv1DTranspose(1, 2, strides=2, kernel_initializer="ones", use_bias=False)
        >>> up(np.array([[[1.0], [2.0]]], "float32")).numpy().reshape(-1).tolist()
        [1.0, 1.0, 2.0, 2.0]
    """

    _rank = 1

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 output_padding: Any = None, data_format: str | None = None, dilation_rate: Any = 1,
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, **kwargs)


class Conv2DTranspose(_BaseConvTranspose):
    """Transposed 2-D convolution: the gradient of Conv2D w.r.t. its input (kernel (kh, kw, filters, in)).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Conv2DTranspose(3, 3, strides=2, padding="same")(np.zeros((1, 4, 4, 2), "float32")).shape.as_list()
        [1, 8, 8, 3]
    """

    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 output_padding: Any = None, data_format: str | None = None, dilation_rate: Any = (1, 1),
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, **kwargs)


class Conv3DTranspose(_BaseConvTranspose):
    """Transposed 3-D convolution (kernel (kd, kh, kw, filters, in)). As in Keras, ``data_format``
    comes before ``output_padding`` in the positional order.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.Conv3DTranspose(2, 2, strides=2)(np.zeros((1, 2, 2, 2, 1), "float32")).shape.as_list()
        [1, 4, 4, 4, 2]
    """

    _rank = 3

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1, 1), padding: str = "valid",
                 data_format: str | None = None, output_padding: Any = None, dilation_rate: Any = (1, 1, 1),
                 activation: Any = None, use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, bias_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, output_padding, data_format, dilation_rate,
                         activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, **kwargs)


# --- depthwise and separable convolutions ----------------------------------------------------------


class _BaseDepthwise(AnalyticShape, Layer):
    """Shared by the depthwise (``_separable = False``) and separable convolutions."""

    _cast_all = True
    _rank = 2
    _separable = False

    def _setup(self, who: str, kernel_size: Any, strides: Any, padding: Any, data_format: Any, dilation_rate: Any,
               depth_multiplier: Any, activation: Any, use_bias: Any, depthwise_initializer: Any,
               bias_initializer: Any, depthwise_regularizer: Any, bias_regularizer: Any, depthwise_constraint: Any,
               bias_constraint: Any) -> None:
        r = self._rank
        self.rank = r
        self.depth_multiplier = _positive_int(depth_multiplier, "depth_multiplier", who)
        self.kernel_size = _tuple(kernel_size, r, "kernel_size")
        self.strides = _tuple(strides, r, "strides")
        self.dilation_rate = _tuple(dilation_rate, r, "dilation_rate")
        self.padding = _std_padding(padding, who)
        self.data_format = _std_format(data_format, who)
        self.activation = _acts.get(activation)
        self._linear = self.activation is _acts.linear
        self.use_bias = bool(use_bias)
        self.depthwise_initializer = _inits.get(depthwise_initializer)
        self.bias_initializer = _inits.get(bias_initializer)
        self.depthwise_regularizer = _regs.get(depthwise_regularizer)
        self.bias_regularizer = _regs.get(bias_regularizer)
        self.depthwise_constraint = depthwise_constraint
        self.bias_constraint = bias_constraint
        self.bias = None
        self._cax = -1 if self.data_format == "channels_last" else 1
        self._spec = (r + 2, 0, ())

    def _add_depthwise(self, name: str, ch: int) -> Any:
        return self.add_weight(name=name, shape=self.kernel_size + (ch, self.depth_multiplier),
                               initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
                               constraint=self.depthwise_constraint)

    def _add_bias_weight(self, n: int) -> None:
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(n,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)

    def _depthwise(self, x: Tensor, dw: Any) -> Tensor:
        """The depthwise stage in channels-last layout (``x`` already channels-last)."""
        w = dw._read()
        r = self._rank
        ch = w._value.shape[r]
        w = C.reshape_to(w, self.kernel_size + (1, ch * self.depth_multiplier))
        return _run_conv(self, x, w, r, groups=ch, channels_first=False)

    def _finish(self, y: Tensor, n: int) -> Tensor:
        r = self._rank
        if self.data_format == "channels_first":
            y = _to_first(y, r)
        if self.use_bias:
            y = _add_bias(self, y, n, r)
        return y if self._linear else self.activation(y)

    def _depthwise_config(self) -> dict:
        return dict(kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
                    data_format=self.data_format, dilation_rate=self.dilation_rate,
                    activation=_acts.serialize(self.activation), use_bias=self.use_bias)


class _DepthwiseConv(_BaseDepthwise):
    def __init__(self, kernel_size: Any, strides: Any = 1, padding: str = "valid", depth_multiplier: int = 1,
                 data_format: str | None = None, dilation_rate: Any = 1, activation: Any = None,
                 use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 depthwise_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self._setup(type(self).__name__, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier,
                    activation, use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer,
                    bias_regularizer, depthwise_constraint, bias_constraint)
        self.kernel = None

    def build(self, input_shape: Any) -> None:
        ch = _channels(self, input_shape)
        self.compute_output_shape(input_shape)
        self.kernel = self._add_depthwise("kernel", ch)
        self._add_bias_weight(ch * self.depth_multiplier)
        self._spec = (self._rank + 2, 0, ((self._cax, ch),))  # -1 when channels_last, printed as Keras
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        x = _to_last(inputs, self._rank) if self.data_format == "channels_first" else inputs
        y = self._depthwise(x, self.kernel)
        return self._finish(y, y._value.shape[-1])

    def compute_output_shape(self, input_shape: Any) -> tuple:
        ch = tuple(input_shape)[self._cax]
        return _conv_output_shape(self, input_shape, None if ch is None else ch * self.depth_multiplier)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["depth_multiplier"] = self.depth_multiplier
        cfg.update(self._depthwise_config())
        cfg.update(
            depthwise_initializer=_ser(self.depthwise_initializer), bias_initializer=_ser(self.bias_initializer),
            depthwise_regularizer=_ser(self.depthwise_regularizer), bias_regularizer=_ser(self.bias_regularizer),
            activity_regularizer=_ser(self.activity_regularizer),
            depthwise_constraint=_ser(self.depthwise_constraint), bias_constraint=_ser(self.bias_constraint),
        )
        return cfg


class DepthwiseConv1D(_DepthwiseConv):
    """Depthwise 1-D convolution: each input channel ``c`` convolved with its own
    ``depth_multiplier`` filters; output channel ``c * depth_multiplier + m``.
    Weights: ``kernel`` (k, channels, depth_multiplier), ``bias`` (channels * depth_multiplier,).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.DepthwiseConv1D(3, depth_multiplier=2)(np.zeros((1, 6, 4), "float32")).shape.as_list()
        [1, 4, 8]
    """

    _rank = 1


class DepthwiseConv2D(_DepthwiseConv):
    """Depthwise 2-D convolution (kernel (kh, kw, channels, depth_multiplier)).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> dw = layers.DepthwiseConv2D(2, depthwise_initializer="ones", use_bias=False)
        >>> dw(np.ones((1, 3, 3, 2), "float32")).numpy()[0, 0, 0].tolist()
        [4.0, 4.0]
    """

    _rank = 2

    def __init__(self, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid", depth_multiplier: int = 1,
                 data_format: str | None = None, dilation_rate: Any = (1, 1), activation: Any = None,
                 use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 depthwise_constraint: Any = None, bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate, activation,
                         use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer, bias_regularizer,
                         activity_regularizer, depthwise_constraint, bias_constraint, **kwargs)


class _SeparableConv(_BaseDepthwise):
    _separable = True

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = 1, depth_multiplier: int = 1,
                 activation: Any = None, use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform",
                 pointwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, pointwise_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, depthwise_constraint: Any = None, pointwise_constraint: Any = None,
                 bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        who = type(self).__name__
        self._setup(who, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier, activation,
                    use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer, bias_regularizer,
                    depthwise_constraint, bias_constraint)
        self.filters = _positive_int(filters, "filters", who)
        self.pointwise_initializer = _inits.get(pointwise_initializer)
        self.pointwise_regularizer = _regs.get(pointwise_regularizer)
        self.pointwise_constraint = pointwise_constraint
        self.depthwise_kernel = None
        self.pointwise_kernel = None

    def build(self, input_shape: Any) -> None:
        ch = _channels(self, input_shape)
        self.compute_output_shape(input_shape)
        self.depthwise_kernel = self._add_depthwise("depthwise_kernel", ch)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1,) * self._rank + (ch * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self._add_bias_weight(self.filters)
        self._spec = (self._rank + 2, 0, ((self._cax, ch),))  # -1 when channels_last, printed as Keras
        self.built = True

    def call(self, inputs: Tensor) -> Tensor:
        r = self._rank
        x = _to_last(inputs, r) if self.data_format == "channels_first" else inputs
        y = self._depthwise(x, self.depthwise_kernel)
        pw = self.pointwise_kernel._read()
        y = K.conv_raw(y, pw, {"strides": (1,) * r, "pads": ((0, 0),) * r, "dilations": (1,) * r, "groups": 1})
        return self._finish(y, self.filters)

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return _conv_output_shape(self, input_shape, self.filters)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(depth_multiplier=self.depth_multiplier, filters=self.filters)
        cfg.update(self._depthwise_config())
        cfg.update(
            depthwise_initializer=_ser(self.depthwise_initializer),
            pointwise_initializer=_ser(self.pointwise_initializer), bias_initializer=_ser(self.bias_initializer),
            depthwise_regularizer=_ser(self.depthwise_regularizer),
            pointwise_regularizer=_ser(self.pointwise_regularizer), bias_regularizer=_ser(self.bias_regularizer),
            activity_regularizer=_ser(self.activity_regularizer),
            depthwise_constraint=_ser(self.depthwise_constraint),
            pointwise_constraint=_ser(self.pointwise_constraint), bias_constraint=_ser(self.bias_constraint),
        )
        return cfg


class SeparableConv1D(_SeparableConv):
    """Depthwise 1-D convolution followed by a pointwise (1x1) convolution to ``filters`` channels.
    Weights: ``depthwise_kernel`` (k, in, depth_multiplier), ``pointwise_kernel``
    (1, in * depth_multiplier, filters), ``bias`` (filters,).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.SeparableConv1D(5, 3, padding="same")(np.zeros((2, 7, 3), "float32")).shape.as_list()
        [2, 7, 5]
    """

    _rank = 1


class SeparableConv2D(_SeparableConv):
    """Depthwise 2-D convolution followed by a pointwise (1x1) convolution to ``filters`` channels.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.SeparableConv2D(4, 3, strides=2)(np.zeros((1, 7, 7, 3), "float32")).shape.as_list()
        [1, 3, 3, 4]
    """

    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1), padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = (1, 1), depth_multiplier: int = 1,
                 activation: Any = None, use_bias: bool = True, depthwise_initializer: Any = "glorot_uniform",
                 pointwise_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 depthwise_regularizer: Any = None, pointwise_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, depthwise_constraint: Any = None, pointwise_constraint: Any = None,
                 bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate, depth_multiplier,
                         activation, use_bias, depthwise_initializer, pointwise_initializer, bias_initializer,
                         depthwise_regularizer, pointwise_regularizer, bias_regularizer, activity_regularizer,
                         depthwise_constraint, pointwise_constraint, bias_constraint, **kwargs)


# --- pooling (N-d bases; the 1-D and 3-D layers are in pooling.py) -------------------------------


class _Pooling(AnalyticShape, Layer):
    _cast_all = True
    _rank = 2
    _mode = "max"

    def __init__(self, pool_size: Any = 2, strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        who = type(self).__name__
        r = self._rank
        self.pool_size = _tuple(pool_size, r, "pool_size")
        self.strides = self.pool_size if strides is None else _tuple(strides, r, "strides")
        self.padding = _std_padding(padding, who)
        self.data_format = _std_format(data_format, who)
        self._spec = (r + 2, 0, ())

    def call(self, inputs: Tensor) -> Tensor:
        r = self._rank
        x = _to_last(inputs, r) if self.data_format == "channels_first" else inputs
        sp = x._value.shape[1:-1]
        ones = (1,) * r
        pads = same_pads(sp, self.pool_size, self.strides, ones) if self.padding == "same" else ((0, 0),) * r
        out = tuple(K.out_size(n, k, s, 1, lo, hi) for n, k, s, (lo, hi) in zip(sp, self.pool_size, self.strides, pads))
        if min(out, default=1) <= 0:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': pool_size {self.pool_size} is larger than "
                             f"the input's spatial shape {tuple(sp)} with padding 'valid'")
        p = {"ksize": self.pool_size, "strides": self.strides, "pads": pads}
        if self._mode == "max":
            if r == 3:
                p["ties"] = "all"  # TF's MaxPool3DGrad routes a window's gradient to every maximum
            y = bind1(K.MAX_POOL, x, p)
        else:
            y = bind1(K.AVG_POOL, x, p)
        return _to_first(y, r) if self.data_format == "channels_first" else y

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = tuple(input_shape)
        r = self._rank
        if len(shp) != r + 2:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': expected a {r + 2}-D input shape, got {shp}")
        cl = self.data_format == "channels_last"
        sp = shp[1:-1] if cl else shp[2:]
        out = tuple(conv_out_len(n, k, s, 1, self.padding) for n, k, s in zip(sp, self.pool_size, self.strides))
        if any(o is not None and o <= 0 for o in out):
            raise ValueError(f"Computed output size would be negative. Received: `inputs.shape={shp}` and "
                             f"`pool_size={self.pool_size}`.")
        return (shp[0],) + out + (shp[-1],) if cl else shp[:2] + out

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(pool_size=self.pool_size, padding=self.padding, strides=self.strides, data_format=self.data_format)
        return cfg


class MaxPooling2D(_Pooling):
    """Max over ``pool_size`` windows (``strides`` default to ``pool_size``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
        >>> layers.MaxPooling2D()(x).numpy().reshape(-1).tolist()
        [5.0, 7.0, 13.0, 15.0]
    """

    def __init__(self, pool_size: Any = (2, 2), strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class AveragePooling2D(_Pooling):
    """Mean over ``pool_size`` windows (``strides`` default to ``pool_size``); with "same" padding a
    window averages its real (unpadded) elements only, as TF. (Keras requires ``pool_size``;
    tapeflow defaults it to (2, 2).)

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
        >>> layers.AveragePooling2D((2, 2))(x).numpy().reshape(-1).tolist()
        [2.5, 4.5, 10.5, 12.5]
    """

    _mode = "average"

    def __init__(self, pool_size: Any = (2, 2), strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class _GlobalPooling(AnalyticShape, Layer):
    _cast_all = True
    _rank = 2

    def __init__(self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = _std_format(data_format, type(self).__name__)
        self.keepdims = bool(keepdims)
        self._axes = list(_spatial_axes(self.data_format, self._rank))
        self._spec = (self._rank + 2, 0, ())

    def compute_output_shape(self, input_shape: Any) -> tuple:
        shp = tuple(input_shape)
        r = self._rank
        if len(shp) != r + 2:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': expected a {r + 2}-D input shape, got {shp}")
        if self.data_format == "channels_last":
            return (shp[0],) + (1,) * r + (shp[-1],) if self.keepdims else (shp[0], shp[-1])
        return (shp[0], shp[1]) + (1,) * r if self.keepdims else (shp[0], shp[1])

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(data_format=self.data_format, keepdims=self.keepdims)
        return cfg


class _GlobalAverage(_GlobalPooling):
    def call(self, inputs: Tensor) -> Tensor:
        return tf.reduce_mean(inputs, axis=self._axes, keepdims=self.keepdims)


class _GlobalMax(_GlobalPooling):
    def call(self, inputs: Tensor) -> Tensor:
        return tf.reduce_max(inputs, axis=self._axes, keepdims=self.keepdims)


class GlobalAveragePooling2D(_GlobalAverage):
    """Mean over the spatial axes: (N, H, W, C) -> (N, C) (or (N, 1, 1, C) with keepdims).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalAveragePooling2D()(np.ones((2, 3, 3, 4), "float32")).shape.as_list()
        [2, 4]
    """


class GlobalMaxPooling2D(_GlobalMax):
    """Max over the spatial axes: (N, H, W, C) -> (N, C).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.GlobalMaxPooling2D()(np.ones((2, 3, 3, 4), "float32")).shape.as_list()
        [2, 4]
    """


MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalMaxPool2D = GlobalMaxPooling2D
Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D

__all__ = ["Conv2D", "Convolution2D", "MaxPooling2D", "AveragePooling2D", "MaxPool2D", "AvgPool2D",
           "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAvgPool2D", "GlobalMaxPool2D",
           "Conv1D", "Conv3D", "Convolution1D", "Convolution3D",
           "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
           "Convolution1DTranspose", "Convolution2DTranspose", "Convolution3DTranspose",
           "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
           "SeparableConvolution1D", "SeparableConvolution2D"]
