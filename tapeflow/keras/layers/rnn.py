"""Keras layers: recurrent cells and layers, Bidirectional, TimeDistributed and Masking.

The recurrent loop runs in Python over the time steps with tapeflow ops (so gradients flow
through the tape). The built-in cells project the whole input sequence with one matmul before
the loop (``x @ kernel + bias`` for all steps at once); each step then only does the
recurrent matmul and the gate arithmetic. Masked steps keep the previous state and output the
previous output (zeros with ``zero_output_for_mask``), as Keras 3 does.

Example:
    >>> import numpy as np
    >>> from tapeflow.keras import layers
    >>> layers.LSTM(4, return_sequences=True)(np.zeros((2, 5, 3), "float32")).shape.as_list()
    [2, 5, 4]
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

import tapeflow as tf

from ...tensor import Tensor, TensorShape, Variable
from .. import activations as _acts
from .. import initializers as _inits
from .. import regularizers as _regs
from ..variables import Variable as KerasVariable
from .base import Layer, set_keras_mask
from .core import _ser
from .misc import Wrapper

# --- helpers --------------------------------------------------------------------------------------


def _serialize_layer(layer: Layer) -> dict:
    """A nested layer's config as Keras 3 writes it."""
    return {"module": "keras.layers", "class_name": type(layer).__name__, "config": layer.get_config(),
            "registered_name": None}


def _subclasses(cls: type) -> list:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def _deserialize_layer(config: Any, custom_objects: dict | None = None) -> Any:
    """A layer from ``_serialize_layer``'s dict (a layer instance is returned as is)."""
    if isinstance(config, Layer) or config is None:
        return config
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Cannot deserialize a layer from {config!r}: expected a dict with 'class_name' and 'config'")
    name = config["class_name"]
    cls = (custom_objects or {}).get(name)
    if cls is None:
        from .. import layers as _layers

        cls = getattr(_layers, name, None)
    if cls is None:  # a user-defined layer class (a Layer subclass with that name)
        cls = next((c for c in reversed(_subclasses(Layer)) if c.__name__ == name), None)
    if cls is None or not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise ValueError(f"Unknown layer class '{name}': pass it in custom_objects")
    return cls.from_config(dict(config.get("config", {})))


def _positive_units(units: Any, who: str) -> int:
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or units <= 0:
        raise ValueError(
            f"{who}: Received an invalid value for argument `units`, expected a positive integer, got {units}."
        )
    return int(units)


def _rate(x: Any) -> float:
    return min(1.0, max(0.0, float(x)))


def _is_nested(x: Any) -> bool:
    return isinstance(x, (list, tuple, dict))


def _flatten(x: Any) -> list:
    """The leaves of nested lists/tuples/dicts (list subclasses included), in order."""
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    if isinstance(x, dict):
        out = []
        for v in x.values():
            out.extend(_flatten(v))
        return out
    return [x]


def _pack(template: Any, flat: list) -> Any:
    """``template``'s structure (plain lists/tuples/dicts) filled with ``flat``'s leaves."""
    it = iter(flat)

    def fill(t: Any) -> Any:
        if isinstance(t, tuple):
            return tuple(fill(v) for v in t)
        if isinstance(t, list):
            return [fill(v) for v in t]
        if isinstance(t, dict):
            return {k: fill(v) for k, v in t.items()}
        return next(it)

    return fill(template)


def _matmul_last(x: Tensor, k: Tensor) -> Tensor:
    """``x @ k`` over the last axis of an input of any rank >= 2."""
    if x.shape.ndims == 2:
        return tf.matmul(x, k)
    shp = list(x.shape)
    y = tf.matmul(tf.reshape(x, [-1, shp[-1]]), k)
    return tf.reshape(y, shp[:-1] + [int(k.shape[-1])])


def _where_step(m: Tensor, a: Tensor, b: Tensor) -> Tensor:
    """``a`` where the per-sample step mask ``m`` (shape ``(batch,)``) is True, else ``b``."""
    nd = a.shape.ndims
    return tf.where(tf.reshape(m, [-1] + [1] * (nd - 1)) if nd > 1 else m, a, b)


def _mask_for_seq(m: Tensor, x: Tensor) -> Tensor:
    """A per-sample ``(batch, features)`` dropout mask broadcast over the time axis of ``x``."""
    return m if x.shape.ndims == 2 else tf.expand_dims(m, 1)


class _DropoutCell:
    """Dropout masks of an RNN cell: made once per batch (the same mask at every time step) and
    cached until the RNN layer resets them, as Keras's ``DropoutRNNCell``."""

    dropout_mask_count: int | None = None

    def _make_mask(self, like: Tensor, rate: float) -> Any:
        ones = tf.ones_like(like)

        def one() -> Tensor:
            if rate >= 1.0:
                return tf.zeros_like(like)
            return tf.nn.dropout(ones, rate=rate, seed=self.seed)

        n = self.dropout_mask_count
        return one() if n is None else [one() for _ in range(n)]

    def get_dropout_mask(self, step_input: Any) -> Any:
        """The input dropout mask (a list of one per gate for gate-wise cells), or None."""
        if self.__dict__.get("_dropout_mask") is None and self.dropout > 0:
            self.__dict__["_dropout_mask"] = self._make_mask(tf.convert_to_tensor(step_input), self.dropout)
        return self.__dict__.get("_dropout_mask")

    def get_recurrent_dropout_mask(self, step_input: Any) -> Any:
        """The recurrent-state dropout mask, or None."""
        if self.__dict__.get("_recurrent_dropout_mask") is None and self.recurrent_dropout > 0:
            self.__dict__["_recurrent_dropout_mask"] = self._make_mask(tf.convert_to_tensor(step_input),
                                                                        self.recurrent_dropout)
        return self.__dict__.get("_recurrent_dropout_mask")

    def reset_dropout_mask(self) -> None:
        """Forget the cached input dropout mask (the next batch draws a new one)."""
        self.__dict__["_dropout_mask"] = None

    def reset_recurrent_dropout_mask(self) -> None:
        """Forget the cached recurrent dropout mask."""
        self.__dict__["_recurrent_dropout_mask"] = None


def _cell_weights_config(cell: Any, *names: str) -> dict:
    return {n: _ser(getattr(cell, n)) for n in names}


class _BuiltinCell(Layer, _DropoutCell):
    """Shared code of SimpleRNNCell, GRUCell and LSTMCell: ``_project`` maps inputs (one step or a
    whole sequence) to the input part of the gates, ``_step`` does one recurrent step on it."""

    _n_gates = 1

    def _init_common(self, units: Any, activation: Any, use_bias: Any, kernel_initializer: Any,
                     recurrent_initializer: Any, bias_initializer: Any, kernel_regularizer: Any,
                     recurrent_regularizer: Any, bias_regularizer: Any, kernel_constraint: Any,
                     recurrent_constraint: Any, bias_constraint: Any, dropout: Any, recurrent_dropout: Any,
                     seed: Any) -> None:
        self.units = units
        self.activation = _acts.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = _inits.get(kernel_initializer)
        self.recurrent_initializer = _inits.get(recurrent_initializer)
        self.bias_initializer = _inits.get(bias_initializer)
        self.kernel_regularizer = _regs.get(kernel_regularizer)
        self.recurrent_regularizer = _regs.get(recurrent_regularizer)
        self.bias_regularizer = _regs.get(bias_regularizer)
        self.kernel_constraint = kernel_constraint
        self.recurrent_constraint = recurrent_constraint
        self.bias_constraint = bias_constraint
        self.dropout = _rate(dropout)
        self.recurrent_dropout = _rate(recurrent_dropout)
        self.seed = seed
        self.kernel = None
        self.recurrent_kernel = None
        self.bias = None
        self._dropout_mask = None
        self._recurrent_dropout_mask = None

    def _build_common(self, input_shape: Any, bias_shape: tuple, bias_init: Any = None) -> None:
        last = input_shape[-1] if len(input_shape) else None
        if last is None:
            raise ValueError(f"{type(self).__name__} '{self.name}': the last input dimension must be known, "
                             f"got shape {input_shape}")
        n = self._n_gates * self.units
        self.kernel = self.add_weight(shape=(int(last), n), name="kernel", initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, n), name="recurrent_kernel", initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer, constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=bias_shape, name="bias", initializer=bias_init or self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None

    def _input_masks(self, x: Tensor, training: Any) -> Any:
        if not training or not 0.0 < self.dropout < 1.0:
            return None
        return self.get_dropout_mask(x if x.shape.ndims == 2 else x[:, 0])

    def _rec_masks(self, h: Tensor, training: Any) -> Any:
        if not training or not 0.0 < self.recurrent_dropout < 1.0:
            return None
        return self.get_recurrent_dropout_mask(h)

    def _gate_proj(self, x: Tensor, kernel: Tensor, masks: Any, bias: Any) -> list:
        """Per-gate input projections ``(x * mask_g) @ kernel_g + bias_g``."""
        u = self.units
        out = []
        for g in range(self._n_gates):
            xg = x if masks is None else x * _mask_for_seq(masks[g], x)
            y = _matmul_last(xg, kernel[:, g * u:(g + 1) * u])
            if bias is not None:
                y = y + bias[g * u:(g + 1) * u]
            out.append(y)
        return out

    def call(self, inputs: Any, states: Any, training: Any = False) -> tuple:
        """One time step: ``(output, new_states)`` (Keras's cell contract)."""
        nested = _is_nested(states)
        st = list(states) if nested else [states]
        x = tf.convert_to_tensor(inputs)
        w = self._step_weights()
        out, new = self._step(self._project(x, training, w), st, training, w)
        return out, (new if nested or self._always_list else new[0])

    _always_list = False

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Zero states, one ``(batch_size, size)`` tensor per entry of ``state_size``."""
        sizes = self.state_size if isinstance(self.state_size, (list, tuple)) else [self.state_size]
        return [tf.zeros((int(batch_size), int(d)), dtype=self.dtype) for d in sizes]

    def _common_config(self) -> dict:
        return {"units": self.units, "activation": _acts.serialize(self.activation)}

    def _weights_config(self) -> dict:
        return dict(
            kernel_initializer=_ser(self.kernel_initializer), recurrent_initializer=_ser(self.recurrent_initializer),
            bias_initializer=_ser(self.bias_initializer),
        )

    def _reg_config(self) -> dict:
        return dict(
            kernel_regularizer=_ser(self.kernel_regularizer), recurrent_regularizer=_ser(self.recurrent_regularizer),
            bias_regularizer=_ser(self.bias_regularizer),
        )

    def _constraint_config(self) -> dict:
        return dict(
            kernel_constraint=_ser(self.kernel_constraint), recurrent_constraint=_ser(self.recurrent_constraint),
            bias_constraint=_ser(self.bias_constraint),
        )


class SimpleRNNCell(_BuiltinCell):
    """The cell of a fully-connected RNN: ``h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)``.

    Args:
        units: the state (and output) size.
        activation: the activation (tanh by default).
        use_bias: whether to add a bias.
        kernel_initializer, recurrent_initializer, bias_initializer: initializers.
        kernel_regularizer, recurrent_regularizer, bias_regularizer: penalties.
        kernel_constraint, recurrent_constraint, bias_constraint: constraints.
        dropout, recurrent_dropout: dropout rates of the inputs and of the state (training only).
        seed: the dropout seed.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> cell = layers.SimpleRNNCell(3)
        >>> out, state = cell(np.ones((2, 4), "float32"), [np.zeros((2, 3), "float32")])
        >>> out.shape.as_list(), len(state)
        ([2, 3], 1)
    """

    def __init__(self, units: int, activation: Any = "tanh", use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", recurrent_initializer: Any = "orthogonal",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, kernel_constraint: Any = None, recurrent_constraint: Any = None,
                 bias_constraint: Any = None, dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 seed: int | None = None, **kwargs: Any) -> None:
        units = _positive_units(units, "SimpleRNNCell")
        super().__init__(**kwargs)
        self._init_common(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                          kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
                          recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape: Any) -> None:
        self._build_common(input_shape, (self.units,))
        self.built = True

    def _step_weights(self) -> dict:
        return {"r": self.recurrent_kernel._read()}

    def _project(self, x: Tensor, training: Any, w: dict) -> list:
        if training and self.dropout > 0:
            x = x * _mask_for_seq(self.get_dropout_mask(x if x.shape.ndims == 2 else x[:, 0]), x)
        y = _matmul_last(x, self.kernel._read())
        if self.bias is not None:
            y = y + self.bias._read()
        return [y]

    def _step(self, xs: list, states: list, training: Any, w: dict) -> tuple:
        h = states[0]
        if training and self.recurrent_dropout > 0:
            h = h * self.get_recurrent_dropout_mask(h)
        out = xs[0] + tf.matmul(h, w["r"])
        if self.activation is not None:
            out = self.activation(out)
        return out, [out]

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(self._common_config(), use_bias=self.use_bias, **self._weights_config(), **self._reg_config(),
                   **self._constraint_config(), dropout=self.dropout, recurrent_dropout=self.recurrent_dropout,
                   seed=self.seed)
        return cfg


class GRUCell(_BuiltinCell):
    """The cell of a gated recurrent unit (Keras 3's GRU; gates in the order z, r, h).

    With ``reset_after=True`` (the default, cuDNN-compatible) the reset gate multiplies the
    recurrent projection after the matmul and the bias has shape ``(2, 3 * units)`` (input
    bias, recurrent bias); with ``reset_after=False`` it multiplies the state before it and
    the bias has shape ``(3 * units,)``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> cell = layers.GRUCell(2)
        >>> _ = cell(np.ones((1, 3), "float32"), [np.zeros((1, 2), "float32")])
        >>> [tuple(w.shape) for w in cell.weights]
        [(3, 6), (2, 6), (2, 6)]
    """

    _n_gates = 3

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, recurrent_regularizer: Any = None, bias_regularizer: Any = None,
                 kernel_constraint: Any = None, recurrent_constraint: Any = None, bias_constraint: Any = None,
                 dropout: float = 0.0, recurrent_dropout: float = 0.0, reset_after: bool = True,
                 seed: int | None = None, **kwargs: Any) -> None:
        units = _positive_units(units, "GRUCell")
        implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        self.implementation = implementation
        self._init_common(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                          kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
                          recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed)
        self.recurrent_activation = _acts.get(recurrent_activation)
        if self.recurrent_dropout != 0.0:
            self.implementation = 1
        if self.implementation == 1:
            self.dropout_mask_count = 3
        self.reset_after = bool(reset_after)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape: Any) -> None:
        self._build_common(input_shape, (2, 3 * self.units) if self.reset_after else (3 * self.units,))
        self.built = True

    def _biases(self) -> tuple:
        if self.bias is None:
            return None, None
        b = self.bias._read()
        if not self.reset_after:
            return b, None
        return b[0], b[1]

    def _step_weights(self) -> dict:
        u = self.units
        r = self.recurrent_kernel._read()
        w: dict = {"r": r}
        w["bi"], w["br"] = self._biases()
        if self.implementation == 1:
            w["rg"] = [r[:, g * u:(g + 1) * u] for g in range(3)]
            w["brg"] = None if w["br"] is None else [w["br"][g * u:(g + 1) * u] for g in range(3)]
        elif not self.reset_after:
            w["r_zr"], w["r_h"] = r[:, :2 * u], r[:, 2 * u:]
        return w

    def _project(self, x: Tensor, training: Any, w: dict) -> list:
        masks = self._input_masks(x, training)
        if self.implementation == 1:
            return self._gate_proj(x, self.kernel._read(), masks, w["bi"])
        if masks is not None:
            x = x * _mask_for_seq(masks, x)
        y = _matmul_last(x, self.kernel._read())
        if w["bi"] is not None:
            y = y + w["bi"]
        return tf.split(y, [2 * self.units, self.units], axis=-1)

    def _step(self, xs: list, states: list, training: Any, w: dict) -> tuple:
        h = states[0]
        ra, act = self.recurrent_activation, self.activation
        if self.implementation == 1:
            rm = self._rec_masks(h, training)
            hz, hr, hh_in = (h, h, h) if rm is None else (h * rm[0], h * rm[1], h * rm[2])
            rg, brg = w["rg"], w["brg"]
            rz = tf.matmul(hz, rg[0])
            rr = tf.matmul(hr, rg[1])
            if self.reset_after and brg is not None:
                rz = rz + brg[0]
                rr = rr + brg[1]
            z = ra(xs[0] + rz)
            r = ra(xs[1] + rr)
            if self.reset_after:
                rh = tf.matmul(hh_in, rg[2])
                if brg is not None:
                    rh = rh + brg[2]
                rh = r * rh
            else:
                rh = tf.matmul(r * hh_in, rg[2])
            hh = act(xs[2] + rh)
        else:
            x_zr, x_h = xs
            if self.reset_after:
                inner = tf.matmul(h, w["r"])
                if w["br"] is not None:
                    inner = inner + w["br"]
                i_zr, i_h = tf.split(inner, [2 * self.units, self.units], axis=-1)
                z, r = tf.split(ra(x_zr + i_zr), 2, axis=-1)
                hh = act(x_h + r * i_h)
            else:
                z, r = tf.split(ra(x_zr + tf.matmul(h, w["r_zr"])), 2, axis=-1)
                hh = act(x_h + tf.matmul(r * h, w["r_h"]))
        h = z * h + (1 - z) * hh
        return h, [h]

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(self._common_config(), recurrent_activation=_acts.serialize(self.recurrent_activation),
                   use_bias=self.use_bias, **self._weights_config(), **self._reg_config(),
                   **self._constraint_config(), dropout=self.dropout, recurrent_dropout=self.recurrent_dropout,
                   reset_after=self.reset_after, seed=self.seed)
        return cfg


class LSTMCell(_BuiltinCell):
    """The cell of a long short-term memory layer (gates in Keras's order i, f, c, o).

    States are ``[h, c]``. With ``unit_forget_bias`` (the default) the forget-gate part of the
    bias starts at one.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> cell = layers.LSTMCell(2)
        >>> h, (h2, c) = cell(np.ones((1, 3), "float32"), [np.zeros((1, 2), "float32")] * 2)
        >>> cell.bias.numpy().tolist()
        [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    """

    _n_gates = 4
    _always_list = True

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 unit_forget_bias: bool = True, kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, kernel_constraint: Any = None, recurrent_constraint: Any = None,
                 bias_constraint: Any = None, dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 seed: int | None = None, **kwargs: Any) -> None:
        units = _positive_units(units, "LSTMCell")
        implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        self.implementation = implementation
        self._init_common(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                          kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
                          recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed)
        self.recurrent_activation = _acts.get(recurrent_activation)
        if self.recurrent_dropout != 0.0:
            self.implementation = 1
        if self.implementation == 1:
            self.dropout_mask_count = 4
        self.unit_forget_bias = bool(unit_forget_bias)
        self.state_size = [self.units, self.units]
        self.output_size = self.units

    def build(self, input_shape: Any) -> None:
        init = None
        if self.use_bias and self.unit_forget_bias:
            u, base = self.units, self.bias_initializer

            def init(shape: Any, dtype: Any = None) -> Tensor:
                return tf.concat([tf.convert_to_tensor(base((u,), dtype=dtype)), tf.ones((u,), dtype=dtype),
                                  tf.convert_to_tensor(base((2 * u,), dtype=dtype))], 0)

        self._build_common(input_shape, (4 * self.units,), init)
        self.built = True

    def _step_weights(self) -> dict:
        r = self.recurrent_kernel._read()
        w: dict = {"r": r}
        if self.implementation == 1:
            u = self.units
            w["rg"] = [r[:, g * u:(g + 1) * u] for g in range(4)]
        return w

    def _project(self, x: Tensor, training: Any, w: dict) -> list:
        masks = self._input_masks(x, training)
        b = None if self.bias is None else self.bias._read()
        if self.implementation == 1:
            return self._gate_proj(x, self.kernel._read(), masks, b)
        if masks is not None:
            x = x * _mask_for_seq(masks, x)
        y = _matmul_last(x, self.kernel._read())
        if b is not None:
            y = y + b
        return [y]

    def _step(self, xs: list, states: list, training: Any, w: dict) -> tuple:
        h, c = states[0], states[1]
        ra, act = self.recurrent_activation, self.activation
        if self.implementation == 1:
            rm = self._rec_masks(h, training)
            hs = [h] * 4 if rm is None else [h * m for m in rm]
            rg = w["rg"]
            i = ra(xs[0] + tf.matmul(hs[0], rg[0]))
            f = ra(xs[1] + tf.matmul(hs[1], rg[1]))
            c = f * c + i * act(xs[2] + tf.matmul(hs[2], rg[2]))
            o = ra(xs[3] + tf.matmul(hs[3], rg[3]))
        else:
            z0, z1, z2, z3 = tf.split(xs[0] + tf.matmul(h, w["r"]), 4, axis=-1)
            i = ra(z0)
            f = ra(z1)
            c = f * c + i * act(z2)
            o = ra(z3)
        h = o * act(c)
        return h, [h, c]

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(self._common_config(), recurrent_activation=_acts.serialize(self.recurrent_activation),
                   use_bias=self.use_bias, unit_forget_bias=self.unit_forget_bias, **self._weights_config(),
                   **self._reg_config(), **self._constraint_config(), dropout=self.dropout,
                   recurrent_dropout=self.recurrent_dropout, seed=self.seed)
        return cfg


def _call_has(cell: Any, arg: str) -> bool:
    fn = getattr(cell, "call", None)
    try:
        return arg in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _call_cell(cell: Any, x: Tensor, states: Any, training: Any) -> tuple:
    """One step of any cell: the built-in cells' fast path, else the cell's own call."""
    if isinstance(cell, _BuiltinCell):
        w = cell._step_weights()
        return cell._step(cell._project(x, training, w), states, training, w)
    kw = {"training": training} if _call_has(cell, "training") else {}
    if isinstance(cell, Layer):
        return cell(x, states, **kw)
    return cell.call(x, states, **kw)


class StackedRNNCells(Layer):
    """Cells run one after the other at each time step (the output of one is the input of the next).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> cells = layers.StackedRNNCells([layers.SimpleRNNCell(4), layers.LSTMCell(2)])
        >>> cells.state_size, cells.output_size
        ([4, [2, 2]], 2)
    """

    def __init__(self, cells: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for cell in cells:
            if not hasattr(cell, "call"):
                raise ValueError(f"All cells must have a `call` method. Received cell without a `call` method: {cell}")
            if not hasattr(cell, "state_size"):
                raise ValueError(
                    f"All cells must have a `state_size` attribute. Received cell without a `state_size`: {cell}")
        self.cells = list(cells)

    @property
    def state_size(self) -> list:
        return [c.state_size for c in self.cells]

    @property
    def output_size(self) -> Any:
        last = self.cells[-1]
        if getattr(last, "output_size", None) is not None:
            return last.output_size
        return last.state_size[0] if isinstance(last.state_size, (list, tuple)) else last.state_size

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Each cell's initial state."""
        out = []
        for cell in self.cells:
            fn = getattr(cell, "get_initial_state", None)
            if fn is not None:
                out.append(fn(batch_size=batch_size))
            elif isinstance(cell.state_size, int):
                out.append(tf.zeros((int(batch_size), cell.state_size), dtype=self.dtype))
            else:
                out.append([tf.zeros((int(batch_size), int(d)), dtype=self.dtype) for d in cell.state_size])
        return out

    def build(self, input_shape: Any) -> None:
        shape = TensorShape(input_shape)
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell._build_with_shapes(shape)
            dim = getattr(cell, "output_size", None)
            if dim is None:
                dim = cell.state_size[0] if isinstance(cell.state_size, (list, tuple)) else cell.state_size
            shape = TensorShape([shape[0], dim])
        self.built = True

    def call(self, inputs: Any, states: Any, training: Any = False) -> tuple:
        """One step through every cell: ``(last cell's output, [each cell's new states])``."""
        new_states = []
        x = inputs
        for cell, st in zip(self.cells, states):
            as_list = _is_nested(st)
            st = list(st) if as_list else [st]
            x, st = _call_cell(cell, x, st, training)
            st = list(st) if _is_nested(st) else [st]
            if len(st) == 1 and not as_list:
                st = st[0]
            new_states.append(st)
        if len(new_states) == 1:
            new_states = new_states[0]
        return x, new_states

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["cells"] = [_serialize_layer(c) for c in self.cells]
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> StackedRNNCells:
        config = dict(config)
        cells = [_deserialize_layer(c, custom_objects) for c in config.pop("cells")]
        return cls(cells, **config)


class _StateBox:
    """Holds a stateful RNN's state variables out of the layer's weight tracking (Keras keeps
    them out of ``weights``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any = None) -> None:
        self.value = value


class RNN(Layer):
    """Runs a cell over the time axis of ``(batch, time, features)`` inputs.

    Args:
        cell: an RNN cell (a layer with ``call(inputs, states)`` and ``state_size``), or a list of
            cells (stacked with ``StackedRNNCells``).
        return_sequences: return the output of every step (else only the last).
        return_state: also return the final states (``output, *states``).
        go_backwards: process the sequence in reverse (the returned sequence is reversed too).
        stateful: keep the final states of a batch as the initial states of the next
            (needs a fixed batch size; ``reset_states()`` zeroes them).
        unroll: accepted for compatibility (the loop always runs step by step in Python).
        zero_output_for_mask: masked steps output zeros (else the previous step's output).

    Call arguments: ``sequences``, ``initial_state`` (a tensor or list of tensors), ``mask``
    (``(batch, time)`` booleans, False skips a step), ``training``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> rnn = layers.RNN(layers.SimpleRNNCell(3), return_state=True)
        >>> out, state = rnn(np.ones((2, 5, 4), "float32"))
        >>> out.shape.as_list(), state.shape.as_list()
        ([2, 3], [2, 3])
    """

    def __init__(self, cell: Any, return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, unroll: bool = False,
                 zero_output_for_mask: bool = False, **kwargs: Any) -> None:
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if not hasattr(cell, "call"):
            raise ValueError(f"Argument `cell` should have a `call` method. Received: cell={cell}")
        if not hasattr(cell, "state_size"):
            raise ValueError(
                "The RNN cell should have a `state_size` attribute (single integer or list of integers, one "
                f"integer per RNN state). Received: cell={cell}")
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.stateful = bool(stateful)
        self.unroll = bool(unroll)
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True
        self._states_box = _StateBox()
        self._expected_batch_size = None
        state_size = getattr(cell, "state_size", None)
        if state_size is None:
            raise ValueError("state_size must be specified as property on the RNN cell.")
        if not isinstance(state_size, (list, tuple, int, np.integer)):
            raise ValueError("state_size must be an integer, or a list/tuple of integers (one for each state tensor).")
        if isinstance(state_size, (int, np.integer)):
            self.state_size = [int(state_size)]
            self.single_state = True
        else:
            self.state_size = list(state_size)
            self.single_state = False
        self._set_ndims(None, 3)

    # -- states ---------------------------------------------------------------------------------
    def _n_states(self) -> int:
        return len(_flatten(self.state_size))

    def _set_ndims(self, ndim: Any, min_ndim: int) -> None:
        """The input rank the layer takes (checked in build and, by the base layer, on each call)."""
        self._ndims = (ndim, min_ndim)
        self._spec = (ndim, min_ndim, ())

    @property
    def states(self) -> Any:
        """A stateful layer's state variables (None before the first call, or when not stateful)."""
        return self._states_box.value

    def get_initial_state(self, batch_size: Any) -> list:
        """The zero initial states for a batch size (the cell's ``get_initial_state``)."""
        fn = getattr(self.cell, "get_initial_state", None)
        if fn is None:
            return [tf.zeros((int(batch_size), int(d)), dtype=self.dtype) for d in self.state_size]
        init = fn(batch_size=batch_size)
        return list(init) if _is_nested(init) else [init]

    def reset_states(self) -> None:
        """Zero a stateful layer's states (an alias of ``reset_state``)."""
        self.reset_state()

    def reset_state(self) -> None:
        """Zero a stateful layer's states."""
        if self.states is not None:
            for v in _flatten(self.states):
                v.assign(tf.zeros_like(v._read()))

    # -- build / call ---------------------------------------------------------------------------
    def build(self, sequences_shape: Any, initial_state_shape: Any = None) -> None:
        shape = TensorShape(sequences_shape)
        nd, mn = self._ndims
        if shape.ndims is not None and ((nd is not None and shape.ndims != nd) or shape.ndims < mn):
            want = f"ndim={nd}" if nd is not None else f"min_ndim={mn}"
            raise ValueError(f'Input 0 of layer "{self.name}" is incompatible with the layer: expected {want}, found '
                             f"ndim={shape.ndims}. Full shape received: {tuple(shape)}")
        step = TensorShape([shape[0]] + list(shape)[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell._build_with_shapes(step)
        if self.stateful:
            if self.states is not None:
                self.reset_state()
            else:
                if shape[0] is None:
                    raise ValueError(
                        "When using `stateful=True` in a RNN, the batch size must be static. Found dynamic batch "
                        f"size: sequence.shape={tuple(shape)}")
                init = self.get_initial_state(shape[0])
                self._states_box.value = _pack(init, [
                    KerasVariable(s, trainable=False, dtype=self.dtype, name="rnn_state", path=f"{self.name}/rnn_state")
                    for s in _flatten(init)])
                self._expected_batch_size = int(shape[0])
        self.built = True

    def compute_output_shape(self, sequences_shape: Any, initial_state_shape: Any = None) -> Any:
        batch, length = sequences_shape[0], sequences_shape[1]
        states = []
        for s in self.state_size:
            states.append((batch, s) if isinstance(s, int) else [(batch, d) for d in s])
        out = getattr(self.cell, "output_size", None)
        if out is None:
            out = self.state_size[0]
        shape = (batch, length, out) if self.return_sequences else (batch, out)
        return (shape, *states) if self.return_state else shape

    def compute_mask(self, _: Any, mask: Any) -> Any:
        mask = _flatten(mask)[0] if mask is not None else None
        out = mask if self.return_sequences else None
        if self.return_state:
            return [out] + [None for _ in self.state_size]
        return out

    def call(self, sequences: Any, initial_state: Any = None, mask: Any = None, training: Any = False) -> Any:
        seq = tf.convert_to_tensor(sequences)
        if seq.shape.ndims is None or seq.shape.ndims < 3:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': inputs must be at least 3-D "
                             f"(batch, time, features), got shape {tuple(seq.shape)}")
        batch = int(seq.shape[0])
        if initial_state is None:
            if self.stateful:
                initial_state = [v._read() for v in _flatten(self.states)]
                initial_state = _pack(self.states, initial_state)
            else:
                initial_state = self.get_initial_state(batch)
        if self.stateful and self._expected_batch_size is not None and batch != self._expected_batch_size:
            raise ValueError(
                "If an RNN is stateful, the batch size of the input sequences must be the same as the batch size of "
                f"the initial state. \n- Expected batch size: {self._expected_batch_size}\n- Received batch size: "
                f"{batch}")
        if not _is_nested(initial_state):
            initial_state = [initial_state]
        initial_state = list(initial_state)
        want = self._n_states()
        flat_init = _flatten(initial_state)
        if len(flat_init) != want:
            raise ValueError(
                f"{type(self).__name__} layer '{self.name}' expects {want} initial state tensor(s) (state_size="
                f"{self.state_size}), but it received {len(flat_init)}")
        dt = seq.dtype

        def as_state(s: Any) -> Tensor:
            t = s._read() if isinstance(s, Variable) else tf.convert_to_tensor(s)
            return t if t.dtype == dt or not t.dtype.is_floating else tf.cast(t, dt)

        initial_state = _pack(initial_state, [as_state(s) for s in flat_init])
        if mask is not None:
            mask = _flatten(mask)[0]
        try:
            last, outputs, states = self._loop(seq, initial_state, mask, training)
        finally:
            self._reset_dropout(self.cell)
        if self.stateful:
            for v, s in zip(_flatten(self.states), _flatten(states)):
                v.assign(s)
        output = outputs if self.return_sequences else last
        if self.return_state:
            return (output, *states)
        return output

    def _reset_dropout(self, cell: Any) -> None:
        if isinstance(cell, _DropoutCell):
            cell.reset_dropout_mask()
            cell.reset_recurrent_dropout_mask()
        if isinstance(cell, StackedRNNCells):
            for c in cell.cells:
                self._reset_dropout(c)

    def _stepper(self, cell: Any, seq: Tensor, training: Any) -> tuple:
        """(the per-step inputs, ``step(x_t, states) -> (output, new_states)``) for a cell."""
        n = int(seq.shape[1])
        if isinstance(cell, _BuiltinCell):
            w = cell._step_weights()
            parts = [tf.unstack(p, axis=1) for p in cell._project(seq, training, w)]
            xs = [[p[t] for p in parts] for t in range(n)]

            def step(x: Any, states: Any) -> tuple:
                return cell._step(x, list(states), training, w)

            return xs, step
        if isinstance(cell, StackedRNNCells) and cell.cells:
            first, rest = cell.cells[0], cell.cells[1:]
            xs, step0 = self._stepper(first, seq, training)

            def stacked(x: Any, states: Any) -> tuple:
                new = []
                for i, st in enumerate(states):
                    as_list = _is_nested(st)
                    st = list(st) if as_list else [st]
                    x, st = step0(x, st) if i == 0 else _call_cell(rest[i - 1], x, st, training)
                    st = list(st) if _is_nested(st) else [st]
                    new.append(st if as_list or len(st) != 1 else st[0])
                return x, new

            return xs, stacked
        xs = tf.unstack(seq, axis=1)

        def generic(x: Any, states: Any) -> tuple:
            return _call_cell(cell, x, states, training)

        return xs, generic

    def _loop(self, seq: Tensor, initial_state: list, mask: Any, training: Any) -> tuple:
        n = int(seq.shape[1])
        if n == 0:
            raise ValueError(f"{type(self).__name__} layer '{self.name}': the input has no time steps "
                             f"(shape {tuple(seq.shape)})")
        xs, step = self._stepper(self.cell, seq, training)
        order = range(n - 1, -1, -1) if self.go_backwards else range(n)
        masks = None
        if mask is not None:
            m = tf.convert_to_tensor(mask)
            if m.dtype != tf.bool:
                m = tf.cast(m, tf.bool)
            if m.shape.ndims == 3:
                m = m[..., 0]
            if m.shape.ndims != 2 or tuple(m.shape) != tuple(seq.shape[:2]):
                raise ValueError(f"{type(self).__name__} layer '{self.name}': the mask must have shape (batch, time) "
                                 f"= {tuple(seq.shape[:2])}, got {tuple(m.shape)}")
            masks = tf.unstack(m, axis=1)
        states = initial_state
        outs = []
        prev = None
        out = None
        for t in order:
            out, new = step(xs[t], states)
            if not _is_nested(new):
                new = [new]
            if masks is not None:
                mt = masks[t]
                if prev is None:
                    prev = tf.zeros_like(out)
                fill = tf.zeros_like(out) if self.zero_output_for_mask else prev
                out = _where_step(mt, out, fill)
                flat_new = [_where_step(mt, a, b) for a, b in zip(_flatten(new), _flatten(states))]
                new = _pack(new, flat_new)
                prev = out
            states = new
            if self.return_sequences:
                outs.append(out)
        outputs = tf.stack(outs, axis=1) if self.return_sequences else None
        return out, outputs, list(states) if _is_nested(states) else [states]

    # -- config ---------------------------------------------------------------------------------
    def _rnn_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(return_sequences=self.return_sequences, return_state=self.return_state,
                   go_backwards=self.go_backwards, stateful=self.stateful, unroll=self.unroll,
                   zero_output_for_mask=self.zero_output_for_mask)
        return cfg

    def get_config(self) -> dict:
        cfg = self._rnn_config()
        cfg["cell"] = _serialize_layer(self.cell)
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> RNN:
        config = dict(config)
        cell = _deserialize_layer(config.pop("cell"), custom_objects)
        return cls(cell, **config)


_CELL_KW = ("kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer",
            "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint")


def _check_cudnn(use_cudnn: Any) -> Any:
    if use_cudnn not in ("auto", True, False):
        raise ValueError("Invalid valid received for argument `use_cudnn`. Expected one of {'auto', True, False}. "
                         f"Received: use_cudnn={use_cudnn}")
    return use_cudnn


class _RNNLayer(RNN):
    """SimpleRNN / GRU / LSTM: an RNN over its own cell, exposing the cell's settings."""

    _cell_cls: type = SimpleRNNCell
    _cell_name = "simple_rnn_cell"

    def _make(self, cell_kwargs: dict, rnn_kwargs: dict, kwargs: dict) -> None:
        cell = self._cell_cls(dtype=kwargs.get("dtype"), trainable=kwargs.get("trainable", True),
                              name=self._cell_name, **cell_kwargs)
        RNN.__init__(self, cell, **rnn_kwargs, **kwargs)
        self._set_ndims(3, 0)

    def call(self, sequences: Any, initial_state: Any = None, mask: Any = None, training: Any = False) -> Any:
        return RNN.call(self, sequences, initial_state=initial_state, mask=mask, training=training)

    def __getattr__(self, name: str) -> Any:
        # the cell's settings (units, activation, initializers, dropout, ...) read through the layer
        if name in _SHARED_ATTRS:
            cell = self.__dict__.get("cell")
            if cell is not None:
                return getattr(cell, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def _cell_config(self, *names: str) -> dict:
        c = self.cell
        out: dict = {}
        for n in names:
            v = getattr(c, n)
            if n in ("activation", "recurrent_activation"):
                v = _acts.serialize(v)
            elif n in _CELL_KW:
                v = _ser(v)
            out[n] = v
        return out

    @classmethod
    def from_config(cls, config: dict) -> Any:
        return cls(**config)


_SHARED_ATTRS = frozenset(("units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias",
                           "dropout", "recurrent_dropout", "reset_after", "implementation") + _CELL_KW)


class SimpleRNN(_RNNLayer):
    """A fully-connected RNN whose output is fed back: ``h_t = tanh(x_t W + h_{t-1} U + b)``.

    Takes the arguments of ``SimpleRNNCell`` and of ``RNN`` (``return_sequences``,
    ``return_state``, ``go_backwards``, ``stateful``, ``unroll``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.SimpleRNN(4)(np.zeros((3, 7, 2), "float32")).shape.as_list()
        [3, 4]
    """

    _cell_cls = SimpleRNNCell
    _cell_name = "simple_rnn_cell"

    def __init__(self, units: int, activation: Any = "tanh", use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", recurrent_initializer: Any = "orthogonal",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, activity_regularizer: Any = None, kernel_constraint: Any = None,
                 recurrent_constraint: Any = None, bias_constraint: Any = None, dropout: float = 0.0,
                 recurrent_dropout: float = 0.0, return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, unroll: bool = False, seed: int | None = None,
                 **kwargs: Any) -> None:
        self._make(
            dict(units=units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                 recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                 bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                 recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint, dropout=dropout,
                 recurrent_dropout=recurrent_dropout, seed=seed),
            dict(return_sequences=return_sequences, return_state=return_state, go_backwards=go_backwards,
                 stateful=stateful, unroll=unroll),
            dict(kwargs, activity_regularizer=activity_regularizer))

    def get_config(self) -> dict:
        cfg = self._rnn_config()
        cfg.update(self._cell_config("units", "activation", "use_bias", "kernel_initializer",
                                     "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                                     "recurrent_regularizer", "bias_regularizer"))
        cfg["activity_regularizer"] = _ser(self.activity_regularizer)
        cfg.update(self._cell_config("kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                                     "recurrent_dropout"))
        return cfg


class GRU(_RNNLayer):
    """Gated recurrent unit layer (Keras 3: ``reset_after=True``, gates z, r, h).

    Takes the arguments of ``GRUCell`` and of ``RNN``; ``use_cudnn`` is accepted (there is no
    cuDNN: the loop always runs in tapeflow ops).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> gru = layers.GRU(4, return_sequences=True, return_state=True)
        >>> seq, state = gru(np.zeros((2, 5, 3), "float32"))
        >>> seq.shape.as_list(), state.shape.as_list()
        ([2, 5, 4], [2, 4])
    """

    _cell_cls = GRUCell
    _cell_name = "gru_cell"

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, recurrent_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None, recurrent_constraint: Any = None,
                 bias_constraint: Any = None, dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 seed: int | None = None, return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, unroll: bool = False, reset_after: bool = True,
                 use_cudnn: Any = "auto", **kwargs: Any) -> None:
        implementation = kwargs.pop("implementation", 2)
        self._make(
            dict(units=units, activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
                 kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
                 bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                 recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
                 kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
                 bias_constraint=bias_constraint, dropout=dropout, recurrent_dropout=recurrent_dropout,
                 reset_after=reset_after, seed=seed, implementation=implementation),
            dict(return_sequences=return_sequences, return_state=return_state, go_backwards=go_backwards,
                 stateful=stateful, unroll=unroll),
            dict(kwargs, activity_regularizer=activity_regularizer))
        self.use_cudnn = _check_cudnn(use_cudnn)

    def get_config(self) -> dict:
        cfg = self._rnn_config()
        cfg.update(self._cell_config("units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                                     "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                                     "recurrent_regularizer", "bias_regularizer"))
        cfg["activity_regularizer"] = _ser(self.activity_regularizer)
        cfg.update(self._cell_config("kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                                     "recurrent_dropout", "reset_after"))
        cfg["seed"] = self.cell.seed
        return cfg


class LSTM(_RNNLayer):
    """Long short-term memory layer (gates i, f, c, o; states ``[h, c]``).

    Takes the arguments of ``LSTMCell`` and of ``RNN``; ``use_cudnn`` is accepted (there is
    no cuDNN: the loop always runs in tapeflow ops).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> out, h, c = layers.LSTM(3, return_state=True)(np.zeros((2, 4, 5), "float32"))
        >>> out.shape.as_list(), c.shape.as_list()
        ([2, 3], [2, 3])
    """

    _cell_cls = LSTMCell
    _cell_name = "lstm_cell"

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = "glorot_uniform",
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 unit_forget_bias: bool = True, kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, activity_regularizer: Any = None, kernel_constraint: Any = None,
                 recurrent_constraint: Any = None, bias_constraint: Any = None, dropout: float = 0.0,
                 recurrent_dropout: float = 0.0, seed: int | None = None, return_sequences: bool = False,
                 return_state: bool = False, go_backwards: bool = False, stateful: bool = False,
                 unroll: bool = False, use_cudnn: Any = "auto", **kwargs: Any) -> None:
        implementation = kwargs.pop("implementation", 2)
        self._make(
            dict(units=units, activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
                 kernel_initializer=kernel_initializer, unit_forget_bias=unit_forget_bias,
                 recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                 bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                 recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint, dropout=dropout,
                 recurrent_dropout=recurrent_dropout, seed=seed, implementation=implementation),
            dict(return_sequences=return_sequences, return_state=return_state, go_backwards=go_backwards,
                 stateful=stateful, unroll=unroll),
            dict(kwargs, activity_regularizer=activity_regularizer))
        self.use_cudnn = _check_cudnn(use_cudnn)

    def get_config(self) -> dict:
        cfg = self._rnn_config()
        cfg.update(self._cell_config("units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                                     "recurrent_initializer", "bias_initializer", "unit_forget_bias",
                                     "kernel_regularizer", "recurrent_regularizer", "bias_regularizer"))
        cfg["activity_regularizer"] = _ser(self.activity_regularizer)
        cfg.update(self._cell_config("kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                                     "recurrent_dropout"))
        cfg["seed"] = self.cell.seed
        return cfg


# --- ConvLSTM -------------------------------------------------------------------------------------


def _conv_tuple(v: Any, n: int, name: str, allow_zero: bool = False) -> tuple:
    vals = (v,) * n if isinstance(v, (int, np.integer)) else tuple(v)
    if len(vals) != n or any(not isinstance(x, (int, np.integer)) or x < (0 if allow_zero else 1) for x in vals):
        raise ValueError(f"The `{name}` argument must be a tuple of {n} integers. Received {name}={v}")
    return tuple(int(x) for x in vals)


def _conv_out_len(n: Any, k: int, s: int, d: int, padding: str) -> Any:
    if n is None:
        return None
    if padding == "same":
        return -(-int(n) // s)
    return (int(n) - d * (k - 1) - 1) // s + 1


class _ConvLSTMCell(_BuiltinCell):
    """The cell of ConvLSTM1D/2D/3D: an LSTM cell whose matmuls are convolutions (the input
    convolution with the layer's strides/padding/dilation, the recurrent one "same")."""

    _n_gates = 4
    _always_list = True

    def __init__(self, rank: int, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = 1, activation: Any = "tanh",
                 recurrent_activation: Any = "sigmoid", use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", recurrent_initializer: Any = "orthogonal",
                 bias_initializer: Any = "zeros", unit_forget_bias: bool = True, kernel_regularizer: Any = None,
                 recurrent_regularizer: Any = None, bias_regularizer: Any = None, kernel_constraint: Any = None,
                 recurrent_constraint: Any = None, bias_constraint: Any = None, dropout: float = 0.0,
                 recurrent_dropout: float = 0.0, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if rank > 3:
            raise ValueError(f"Rank {rank} convolutions are not currently implemented. Received: rank={rank}")
        self.rank = rank
        self._init_common(_positive_units(filters, f"ConvLSTM{rank}D filters"), activation, use_bias,
                          kernel_initializer, recurrent_initializer, bias_initializer, kernel_regularizer,
                          recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint,
                          bias_constraint, dropout, recurrent_dropout, seed)
        self.filters = self.units
        self.kernel_size = _conv_tuple(kernel_size, rank, "kernel_size")
        self.strides = _conv_tuple(strides, rank, "strides", allow_zero=True)
        padding = str(padding).lower()
        if padding not in ("valid", "same"):
            raise ValueError(f"The `padding` argument must be one of 'valid', 'same'. Received: padding={padding}")
        self.padding = padding
        df = "channels_last" if data_format is None else str(data_format).lower()
        if df not in ("channels_last", "channels_first"):
            raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                             f"Received: data_format={data_format}")
        self.data_format = df
        self.dilation_rate = _conv_tuple(dilation_rate, rank, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("Specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide "
                             f"`strides=1` or `dilation_rate=1`. Received: strides={self.strides} and "
                             f"dilation_rate={self.dilation_rate}")
        self.recurrent_activation = _acts.get(recurrent_activation)
        self.unit_forget_bias = bool(unit_forget_bias)
        self.dropout_mask_count = 4
        self.state_size = -1
        self.spatial_dims = None
        self.input_dim = None

    def build(self, input_shape: Any) -> None:
        shape = list(TensorShape(input_shape))
        cf = self.data_format == "channels_first"
        spatial = shape[2:] if cf else shape[1:-1]
        channels = shape[1] if cf else shape[-1]
        if len(spatial) != self.rank or None in spatial:
            raise ValueError("ConvLSTM layers only support static input shapes for the spatial dimension. Received "
                             f"invalid input shape: input_shape={tuple(shape)}")
        if channels is None:
            raise ValueError("The channel dimension of the inputs (last axis) should be defined. Found None. Full "
                             f"input shape received: input_shape={tuple(shape)}")
        self.spatial_dims = tuple(int(d) for d in spatial)
        self.input_dim = int(channels)
        f = self.filters
        self.kernel = self.add_weight(shape=self.kernel_size + (self.input_dim, 4 * f), name="kernel",
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=self.kernel_size + (f, 4 * f), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        if self.use_bias:
            init = self.bias_initializer
            if self.unit_forget_bias:
                base = self.bias_initializer

                def init(shape: Any, dtype: Any = None) -> Tensor:
                    return tf.concat([tf.convert_to_tensor(base((f,), dtype=dtype)), tf.ones((f,), dtype=dtype),
                                      tf.convert_to_tensor(base((2 * f,), dtype=dtype))], 0)

            self.bias = self.add_weight(shape=(4 * f,), name="bias", initializer=init,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    # -- convolutions (channels_first runs as channels_last between two transposes) ------------------
    def _caxis(self) -> int:
        return 1 if self.data_format == "channels_first" else -1

    def _conv(self, x: Tensor, w: Tensor, strides: tuple, padding: str, dilation: tuple) -> Tensor:
        """A convolution of a batch of steps ``(n, *spatial, c)`` (or a sequence ``(n, t, ...)``)."""
        nd = self.rank + 2
        lead = list(x.shape[: x.shape.ndims - nd + 1])
        y = tf.reshape(x, [-1] + list(x.shape[x.shape.ndims - nd + 1:])) if len(lead) > 1 else x
        cf = self.data_format == "channels_first"
        if cf:
            y = tf.transpose(y, [0] + list(range(2, nd)) + [1])
        y = tf.nn.convolution(y, w, strides=list(strides), padding=padding.upper(), dilations=list(dilation))
        if cf:
            y = tf.transpose(y, [0, nd - 1] + list(range(1, nd - 1)))
        return tf.reshape(y, lead + list(y.shape[1:])) if len(lead) > 1 else y

    def _bias_shape(self, x: Tensor) -> list:
        shp = [1] * x.shape.ndims
        shp[x.shape.ndims - self.rank - 1 if self.data_format == "channels_first" else -1] = -1
        return shp

    def _input_conv(self, x: Tensor, w: Tensor, b: Any) -> Tensor:
        y = self._conv(x, w, self.strides, self.padding, self.dilation_rate)
        if b is not None:
            y = y + tf.reshape(b, self._bias_shape(y))
        return y

    def _rec_conv(self, h: Tensor, w: Tensor) -> Tensor:
        return self._conv(h, w, (1,) * self.rank, "same", (1,) * self.rank)

    def _step_weights(self) -> dict:
        r = self.recurrent_kernel._read()
        return {"r": r, "rg": tf.split(r, 4, axis=-1)}

    def _project(self, x: Tensor, training: Any, w: dict) -> list:
        seq = x.shape.ndims == self.rank + 3
        masks = None
        if training and 0.0 < self.dropout < 1.0:
            masks = self.get_dropout_mask(x[:, 0] if seq else x)
        k = self.kernel._read()
        b = None if self.bias is None else self.bias._read()
        if masks is None:
            return [self._input_conv(x, k, b)]
        ks = tf.split(k, 4, axis=-1)
        bs = [None] * 4 if b is None else tf.split(b, 4)
        return [self._input_conv(x * (tf.expand_dims(m, 1) if seq else m), kg, bg)
                for m, kg, bg in zip(masks, ks, bs)]

    def _step(self, xs: list, states: list, training: Any, w: dict) -> tuple:
        h, c = states[0], states[1]
        ra, act = self.recurrent_activation, self.activation
        rm = None
        if training and 0.0 < self.recurrent_dropout < 1.0:
            rm = self.get_recurrent_dropout_mask(h)
        if rm is not None:
            hs = [self._rec_conv(h * m, rg) for m, rg in zip(rm, w["rg"])]
        else:
            hs = tf.split(self._rec_conv(h, w["r"]), 4, axis=self._caxis())
        xg = xs if len(xs) == 4 else tf.split(xs[0], 4, axis=self._caxis())
        i = ra(xg[0] + hs[0])
        f = ra(xg[1] + hs[1])
        c = f * c + i * act(xg[2] + hs[2])
        o = ra(xg[3] + hs[3])
        h = o * act(c)
        return h, [h, c]

    def _state_shape(self, step_shape: Any) -> tuple:
        shape = list(step_shape)
        cf = self.data_format == "channels_first"
        spatial = shape[2:] if cf else shape[1:-1]
        out = [_conv_out_len(n, k, s, d, self.padding)
               for n, k, s, d in zip(spatial, self.kernel_size, self.strides, self.dilation_rate)]
        return tuple([shape[0], self.filters] + out) if cf else tuple([shape[0]] + out + [self.filters])

    def compute_output_shape(self, inputs_shape: Any, states_shape: Any = None) -> tuple:
        s = self._state_shape(inputs_shape)
        return s, [s, s]

    def get_initial_state(self, batch_size: Any = None) -> list:
        cf = self.data_format == "channels_first"
        step = ((batch_size, self.input_dim) + self.spatial_dims if cf
                else (batch_size,) + self.spatial_dims + (self.input_dim,))
        shape = [int(d) for d in self._state_shape(step)]
        return [tf.zeros(shape, dtype=self.dtype), tf.zeros(shape, dtype=self.dtype)]

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg.update(self._conv_config(), seed=self.seed)
        return cfg

    def _conv_config(self) -> dict:
        return dict(
            filters=self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
            data_format=self.data_format, dilation_rate=self.dilation_rate,
            activation=_acts.serialize(self.activation),
            recurrent_activation=_acts.serialize(self.recurrent_activation), use_bias=self.use_bias,
            kernel_initializer=_ser(self.kernel_initializer), recurrent_initializer=_ser(self.recurrent_initializer),
            bias_initializer=_ser(self.bias_initializer), unit_forget_bias=self.unit_forget_bias,
            kernel_regularizer=_ser(self.kernel_regularizer), recurrent_regularizer=_ser(self.recurrent_regularizer),
            bias_regularizer=_ser(self.bias_regularizer),
        )


class _ConvLSTM(RNN):
    """ConvLSTM1D/2D/3D: an RNN over a convolutional LSTM cell, on sequences of 1-D, 2-D or 3-D
    feature maps ``(batch, time, *spatial, channels)`` (or channels first)."""

    _rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: Any = None, dilation_rate: Any = 1, activation: Any = "tanh",
                 recurrent_activation: Any = "sigmoid", use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", recurrent_initializer: Any = "orthogonal",
                 bias_initializer: Any = "zeros", unit_forget_bias: bool = True, kernel_regularizer: Any = None,
                 recurrent_regularizer: Any = None, bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, recurrent_constraint: Any = None, bias_constraint: Any = None,
                 dropout: float = 0.0, recurrent_dropout: float = 0.0, seed: int | None = None,
                 return_sequences: bool = False, return_state: bool = False, go_backwards: bool = False,
                 stateful: bool = False, **kwargs: Any) -> None:
        cell = _ConvLSTMCell(
            self._rank, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, name="conv_lstm_cell", dtype=kwargs.get("dtype"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, activity_regularizer=activity_regularizer,
                         **kwargs)
        self._set_ndims(self._rank + 3, 0)

    def _n_states(self) -> int:
        return 2

    def __getattr__(self, name: str) -> Any:
        if name in _CONV_ATTRS:
            cell = self.__dict__.get("cell")
            if cell is not None:
                return getattr(cell, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def call(self, sequences: Any, initial_state: Any = None, mask: Any = None, training: Any = False) -> Any:
        return RNN.call(self, sequences, initial_state=initial_state, mask=mask, training=training)

    def compute_output_shape(self, sequences_shape: Any, initial_state_shape: Any = None) -> Any:
        shape = tuple(sequences_shape)
        state = self.cell._state_shape((shape[0],) + shape[2:])
        out = (shape[0], shape[1]) + state[1:] if self.return_sequences else state
        return (out, state, state) if self.return_state else out

    def compute_mask(self, _: Any, mask: Any) -> Any:
        mask = _flatten(mask)[0] if mask is not None else None
        out = mask if self.return_sequences else None
        return [out, None, None] if self.return_state else out

    def get_config(self) -> dict:
        cfg = self._rnn_config()
        cfg.update(self.cell._conv_config())
        cfg["activity_regularizer"] = _ser(self.activity_regularizer)
        c = self.cell
        cfg.update(kernel_constraint=_ser(c.kernel_constraint), recurrent_constraint=_ser(c.recurrent_constraint),
                   bias_constraint=_ser(c.bias_constraint), dropout=c.dropout, recurrent_dropout=c.recurrent_dropout,
                   seed=c.seed)
        return cfg

    @classmethod
    def from_config(cls, config: dict) -> Any:
        return cls(**config)


_CONV_ATTRS = frozenset(("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                         "activation", "recurrent_activation", "use_bias", "unit_forget_bias", "dropout",
                         "recurrent_dropout") + _CELL_KW)


class ConvLSTM1D(_ConvLSTM):
    """A convolutional LSTM over sequences of 1-D feature maps ``(batch, time, steps, channels)``.

    Takes Conv1D's arguments (``filters``, ``kernel_size``, ``strides``, ``padding`` "valid" or
    "same", ``data_format``, ``dilation_rate``), the LSTM's (activations, initializers,
    ``unit_forget_bias``, regularizers, constraints, dropouts) and the RNN's
    (``return_sequences``, ``return_state``, ``go_backwards``, ``stateful``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.ConvLSTM1D(4, 3)(np.zeros((2, 5, 8, 3), "float32")).shape.as_list()
        [2, 6, 4]
    """

    _rank = 1


class ConvLSTM2D(_ConvLSTM):
    """A convolutional LSTM over sequences of images ``(batch, time, rows, cols, channels)``.

    Same arguments as ``ConvLSTM1D``, with 2-D kernel sizes, strides and dilations.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layer = layers.ConvLSTM2D(2, (3, 3), padding="same", return_sequences=True)
        >>> layer(np.zeros((1, 4, 5, 5, 3), "float32")).shape.as_list()
        [1, 4, 5, 5, 2]
    """

    _rank = 2


class ConvLSTM3D(_ConvLSTM):
    """A convolutional LSTM over sequences of volumes ``(batch, time, d1, d2, d3, channels)``.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> layers.ConvLSTM3D(2, 2)(np.zeros((1, 3, 4, 4, 4, 1), "float32")).shape.as_list()
        [1, 3, 3, 3, 2]
    """

    _rank = 3


# --- wrappers ---------------------------------------------------------------------------------------


def _copy_layer(layer: Layer, **overrides: Any) -> Layer:
    """A new layer with ``layer``'s config (fresh weights), some entries replaced."""
    cfg = layer.get_config()
    cfg.update(overrides)
    if isinstance(layer, RNN) and not isinstance(layer, _RNNLayer) and "cell" in cfg:
        cell = layer.cell
        cfg["cell"] = type(cell).from_config(cell.get_config()) if not isinstance(cell, StackedRNNCells) else \
            StackedRNNCells([type(c).from_config(c.get_config()) for c in cell.cells])
    return type(layer).from_config(cfg)


def _strip(name: str, prefix: str) -> str:
    return name[len(prefix):] if name.startswith(prefix) else name


_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


class Bidirectional(Layer):
    """Runs a recurrent layer forwards and a copy of it backwards, and merges the two outputs.

    Args:
        layer: the recurrent layer (an ``RNN``: LSTM, GRU, SimpleRNN, ``RNN(cell)``).
        merge_mode: "concat" (default), "sum", "mul", "ave", or None (a list of both outputs).
        weights: initial weights (forward half, then backward half).
        backward_layer: the layer for the backward direction (``go_backwards=True``); by
            default a copy of ``layer`` made from its config.

    Masked steps output zeros in both directions (Keras forces ``zero_output_for_mask`` to
    ``return_sequences``).

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> bi = layers.Bidirectional(layers.LSTM(3, return_sequences=True))
        >>> bi(np.zeros((2, 5, 4), "float32")).shape.as_list()
        [2, 5, 6]
    """

    def __init__(self, layer: Any, merge_mode: Any = "concat", weights: Any = None, backward_layer: Any = None,
                 **kwargs: Any) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(
                f"Please initialize `Bidirectional` layer with a `keras.layers.Layer` instance. Received: {layer}")
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(f"`backward_layer` need to be a `keras.layers.Layer` instance. Received: {backward_layer}")
        if merge_mode not in _MERGE_MODES:
            raise ValueError(f"Invalid merge mode. Received: {merge_mode}. Merge mode should be one of "
                             '{"sum", "mul", "ave", "concat", None}')
        super().__init__(**kwargs)
        self.forward_layer = _copy_layer(layer, name=f"forward_{_strip(layer.name, 'forward_')}")
        if backward_layer is None:
            self.backward_layer = _copy_layer(layer, go_backwards=True,
                                              name=f"backward_{_strip(layer.name, 'backward_')}")
        else:
            self.backward_layer = backward_layer
        if hasattr(layer, "use_cudnn"):
            self.forward_layer.use_cudnn = layer.use_cudnn
            self.backward_layer.use_cudnn = layer.use_cudnn
        self._verify()
        for lay in (self.forward_layer, self.backward_layer):
            if getattr(lay, "zero_output_for_mask", None) is not None:
                lay.zero_output_for_mask = lay.return_sequences
        self.merge_mode = merge_mode
        if weights:
            nw = len(weights)
            self.forward_layer._initial_weights = list(weights[: nw // 2])
            self.backward_layer._initial_weights = list(weights[nw // 2:])
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self._spec = getattr(layer, "_spec", None)

    def _verify(self) -> None:
        f, b = self.forward_layer, self.backward_layer
        if getattr(f, "go_backwards", None) == getattr(b, "go_backwards", None):
            raise ValueError(
                "Forward layer and backward layer should have different `go_backwards` value. Received: "
                f"forward_layer.go_backwards {f.go_backwards}, backward_layer.go_backwards={b.go_backwards}")
        for a in ("stateful", "return_sequences", "return_state"):
            fv, bv = getattr(f, a, None), getattr(b, a, None)
            if fv != bv:
                raise ValueError(
                    f'Forward layer and backward layer are expected to have the same value for attribute "{a}", got '
                    f'"{fv}" for forward layer and "{bv}" for backward layer')

    def build(self, sequences_shape: Any, initial_state_shape: Any = None) -> None:
        for lay in (self.forward_layer, self.backward_layer):
            if not lay.built:
                lay._build_with_shapes(TensorShape(sequences_shape))
        self.built = True

    def call(self, sequences: Any, initial_state: Any = None, mask: Any = None, training: Any = None) -> Any:
        kwargs: dict = {}
        if self.forward_layer._call_training:
            kwargs["training"] = training
        if self.forward_layer._call_mask:
            kwargs["mask"] = mask
        if initial_state is not None:
            initial_state = list(initial_state) if _is_nested(initial_state) else [initial_state]
            half = len(initial_state) // 2
            fs, bs = initial_state[:half], initial_state[half:]
        else:
            fs = bs = None
        y = self.forward_layer(sequences, initial_state=fs, **kwargs)
        y_rev = self.backward_layer(sequences, initial_state=bs, **kwargs)
        states: tuple = ()
        if self.return_state:
            states = tuple(y[1:]) + tuple(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = tf.reverse(y_rev, [1])
        mode = self.merge_mode
        if mode == "concat":
            output = tf.concat([y, y_rev], axis=-1)
        elif mode == "sum":
            output = y + y_rev
        elif mode == "ave":
            output = (y + y_rev) / 2
        elif mode == "mul":
            output = y * y_rev
        else:
            output = (y, y_rev)
        if self.return_state:
            return (output + states) if mode is None else (output,) + states
        return output

    def compute_mask(self, _: Any, mask: Any) -> Any:
        if isinstance(mask, list):
            mask = mask[0]
        if self.return_sequences:
            out = (mask, mask) if not self.merge_mode else mask
        else:
            out = (None, None) if not self.merge_mode else None
        if self.return_state and self.states is not None:
            n = len(self.states)
            return (tuple(out) if isinstance(out, tuple) else (out,)) + (None,) * n
        return out

    def reset_states(self) -> None:
        """Zero the states of both directions (stateful layers only)."""
        self.reset_state()

    def reset_state(self) -> None:
        """Zero the states of both directions (stateful layers only)."""
        if not self.stateful:
            raise AttributeError("Layer must be stateful.")
        self.forward_layer.reset_state()
        self.backward_layer.reset_state()

    @property
    def states(self) -> Any:
        """The state variables of both directions (stateful layers), else None."""
        f, b = getattr(self.forward_layer, "states", None), getattr(self.backward_layer, "states", None)
        if f and b:
            return tuple(f) + tuple(b)
        return None

    def compute_output_shape(self, sequences_shape: Any, initial_state_shape: Any = None) -> Any:
        out = self.forward_layer.compute_output_shape(sequences_shape)
        state = ()
        if self.return_state:
            out, state = out[0], tuple(out[1:])
        if self.merge_mode == "concat":
            out = tuple(out[:-1]) + (out[-1] * 2,)
        elif self.merge_mode is None:
            out = [out, out]
        if self.return_state:
            if self.merge_mode is None:
                return tuple(out) + state + state
            return (out,) + state + state
        return tuple(out) if self.merge_mode is not None else out

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["merge_mode"] = self.merge_mode
        cfg["layer"] = _serialize_layer(self.forward_layer)
        cfg["backward_layer"] = _serialize_layer(self.backward_layer)
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Bidirectional:
        config = dict(config)
        config["layer"] = _deserialize_layer(config["layer"], custom_objects)
        back = config.pop("backward_layer", None)
        if back is not None:
            config["backward_layer"] = _deserialize_layer(back, custom_objects)
        return cls(**config)


class TimeDistributed(Wrapper):
    """Applies a layer to every time step (axis 1) of its input, with the same weights.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> td = layers.TimeDistributed(layers.Dense(2))
        >>> td(np.zeros((4, 3, 5), "float32")).shape.as_list(), [tuple(w.shape) for w in td.weights]
        ([4, 3, 2], [(5, 2), (2,)])
    """

    def __init__(self, layer: Any, **kwargs: Any) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(
                f"Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. Received: {layer}")
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _child_shape(self, input_shape: Any) -> TensorShape:
        shape = TensorShape(input_shape)
        if shape.ndims is None or shape.ndims < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, "
                             f"received: {tuple(shape) if shape.ndims is not None else shape}")
        return TensorShape([shape[0]] + list(shape)[2:])

    def build(self, input_shape: Any) -> None:
        child = self._child_shape(input_shape)
        if not self.layer.built:
            self.layer._build_with_shapes(child)
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> tuple:
        child = self._child_shape(input_shape)
        out = tuple(self.layer.compute_output_shape(tuple(child)))
        return (out[0], input_shape[1], *out[1:])

    def call(self, inputs: Any, training: Any = None, mask: Any = None) -> Tensor:
        x = tf.convert_to_tensor(inputs)
        if x.shape.ndims is None or x.shape.ndims < 3:
            raise ValueError(f"TimeDistributed layer '{self.name}': inputs must be at least 3-D, got shape "
                             f"{tuple(x.shape)}")
        steps = tf.unstack(x, axis=1)
        masks = None
        if mask is not None:
            m = tf.convert_to_tensor(mask)
            if m.shape.ndims < 2:
                raise ValueError("The `mask` passed to the `TimeDistributed` layer must be at least 2D (e.g., "
                                 f"`(batch_size, timesteps)`), but it has {m.shape.ndims} dimension(s) with shape "
                                 f"{tuple(m.shape)}.")
            if tuple(m.shape[:2]) != tuple(x.shape[:2]):
                raise ValueError(
                    f"The `mask` passed to the `TimeDistributed` layer has a shape {tuple(m.shape)} that is "
                    f"incompatible with the input shape {tuple(x.shape)}. The first two dimensions of the mask "
                    "(batch size and timesteps) must match the input's first two dimensions. Expected mask shape "
                    f"prefix: ({x.shape[0]}, {x.shape[1]}).")
            masks = tf.unstack(m, axis=1)
        inner = self.layer
        outs = []
        for i, xi in enumerate(steps):
            kw: dict = {}
            if inner._call_mask and masks is not None:
                kw["mask"] = masks[i]
            if inner._call_training:
                kw["training"] = training
            outs.append(inner.call(xi, **kw))
        return tf.stack(outs, axis=1)

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["layer"] = _serialize_layer(self.layer)
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> TimeDistributed:
        config = dict(config)
        config["layer"] = _deserialize_layer(config["layer"], custom_objects)
        return cls(**config)


class Masking(Layer):
    """Masks the time steps whose features all equal ``mask_value``: downstream layers that
    support masking (RNNs, attention, pooling, the loss) skip them; the masked steps are set to 0.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> y = layers.Masking(0.0)(np.array([[[1.0], [0.0], [2.0]]], "float32"))
        >>> y._keras_mask.numpy().tolist()
        [[True, False, True]]
    """

    def __init__(self, mask_value: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True

    def _keep(self, inputs: Tensor, keepdims: bool) -> Tensor:
        mv = tf.cast(tf.convert_to_tensor(self.mask_value), inputs.dtype)
        return tf.reduce_any(tf.not_equal(inputs, mv), axis=-1, keepdims=keepdims)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Tensor:
        return self._keep(tf.convert_to_tensor(inputs), False)

    def call(self, inputs: Any) -> Tensor:
        x = tf.convert_to_tensor(inputs)
        keep = self._keep(x, True)
        out = tf.where(keep, x, tf.zeros_like(x))
        set_keras_mask(out, tf.squeeze(keep, axis=-1))
        return out

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        cfg = super().get_config()
        cfg["mask_value"] = self.mask_value
        return cfg


__all__ = ["SimpleRNNCell", "GRUCell", "LSTMCell", "StackedRNNCells", "RNN", "SimpleRNN", "GRU", "LSTM",
           "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "Bidirectional", "TimeDistributed", "Masking"]
