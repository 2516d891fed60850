"""Dynamic loss scaling around another optimizer, as ``keras.optimizers.LossScaleOptimizer``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> opt = keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(0.5), initial_scale=4.0)
    >>> v = tf.Variable(1.0)
    >>> opt.apply([tf.constant(4.0)], [v])  # a scaled gradient: 4.0 / 4.0 is applied
    >>> float(v), float(opt.dynamic_scale)
    (0.5, 4.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..._locks import locked as _locked
from ...tensor import Tensor, Variable
from .base_optimizer import Optimizer, _grad_value

_DEFAULTS = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None, "use_ema": False,
             "ema_momentum": 0.99, "ema_overwrite_frequency": None, "loss_scale_factor": None,
             "gradient_accumulation_steps": None}


class LossScaleOptimizer(Optimizer):
    """Wraps ``inner_optimizer``: ``scale_loss(loss)`` multiplies the loss by ``dynamic_scale``;
    ``apply`` divides the gradients by it and applies them with the inner optimizer when they are
    all finite. After ``dynamic_growth_steps`` finite steps in a row the scale doubles; a step with
    a non-finite gradient is skipped and halves the scale.

    Example:
        >>> import tapeflow as tf
        >>> from tapeflow import keras
        >>> opt = LossScaleOptimizer(keras.optimizers.SGD(0.1), initial_scale=8.0)
        >>> v = tf.Variable(1.0)
        >>> opt.apply([tf.constant(float("inf"))], [v])
        >>> float(v), float(opt.dynamic_scale)
        (1.0, 4.0)
    """

    def __init__(self, inner_optimizer: Optimizer, initial_scale: float = 2.0 ** 15, dynamic_growth_steps: int = 2000,
                 name: str | None = None, **kwargs: Any) -> None:
        if not kwargs.pop("dynamic", True):
            raise ValueError("LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set "
                             "`loss_scale_factor` directly on the `inner_optimizer`.")
        for arg, default in _DEFAULTS.items():
            if arg not in kwargs:
                continue
            value = kwargs.pop(arg)
            if (default is None and value is not None) or value != default:
                raise ValueError(f"LossScaleOptimizer does not support `{arg}`. Instead, set `{arg}` on the "
                                 "`inner_optimizer`.")
        if kwargs:
            raise ValueError(f"LossScaleOptimizer does not support arguments: `{'`, `'.join(kwargs.keys())}`.")
        if not isinstance(inner_optimizer, Optimizer):
            raise TypeError(f"LossScaleOptimizer: `inner_optimizer` must be a keras Optimizer, got {inner_optimizer!r}")
        super().__init__(learning_rate=0.0, name=name)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps
        self.inner_optimizer.loss_scale_factor = None

    def build(self, var_list: list) -> None:
        """Create ``step_counter`` and ``dynamic_scale``, then build the inner optimizer."""
        self.step_counter = self.add_variable((), initializer="zeros", dtype="int64", name="step_counter")
        self.dynamic_scale = self.add_variable((), initializer=float(self.initial_scale), dtype="float32",
                                               name="dynamic_scale")
        self.inner_optimizer.build(var_list)
        super().build(var_list)

    @property
    def variables(self) -> list:
        return list(self._variables) + self.inner_optimizer.variables

    def _finite(self, grads: list) -> bool:
        return all(bool(np.all(np.isfinite(_grad_value(g)))) for g in grads if g is not None)

    @_locked
    def apply(self, grads: Any, trainable_variables: Any = None) -> None:
        grads = list(grads)
        if not self.built:
            self.build(trainable_variables)
            self.built = True
        scale = self.dynamic_scale
        if self._finite(grads):
            s = float(scale._t._value)
            unscaled = [None if g is None else Tensor(_grad_value(g) / np.asarray(s, _grad_value(g).dtype))
                        for g in grads]
            self.inner_optimizer.apply(unscaled, trainable_variables=trainable_variables)
            counter = self.step_counter
            if int(counter._t._value) == int(self.dynamic_growth_steps) - 1:
                counter._set_array(np.int64(0))
                scale._set_array(np.float32(s * 2.0))
            else:
                counter._set_array(np.int64(int(counter._t._value) + 1))
        else:
            self.step_counter._set_array(np.int64(0))
            scale._set_array(np.float32(float(scale._t._value) * 0.5))
        return None

    @_locked
    def apply_gradients(self, grads_and_vars: Any, name: str | None = None, **kwargs: Any) -> Variable:
        pairs = list(grads_and_vars)
        if not pairs:
            return self._iterations
        grads, variables = zip(*pairs)
        self.apply(list(grads), list(variables))
        return self._iterations

    def check_finite(self, grads: list) -> Tensor:
        """A boolean scalar: are all (non-None) gradients finite?"""
        return Tensor(np.asarray(self._finite(list(grads))))

    @property
    def learning_rate(self) -> Any:
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        self.inner_optimizer.learning_rate = value

    @property
    def iterations(self) -> Any:
        return self.inner_optimizer.iterations

    def scale_loss(self, loss: Any) -> Any:
        """``loss * dynamic_scale`` (``initial_scale`` before the optimizer is built)."""
        from ...tensor import convert_to_tensor

        if self.built:
            return convert_to_tensor(loss) * Tensor(np.asarray(self.dynamic_scale._t._value))
        return convert_to_tensor(loss) * float(self.initial_scale)

    def finalize_variable_values(self, var_list: list) -> None:
        self.inner_optimizer.finalize_variable_values(var_list)

    def get_config(self) -> dict:
        from ..utils.serialization import serialize_keras_object

        return {"name": self.name, "inner_optimizer": serialize_keras_object(self.inner_optimizer),
                "initial_scale": self.initial_scale, "dynamic_growth_steps": self.dynamic_growth_steps}

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> LossScaleOptimizer:
        from ..utils.serialization import deserialize_keras_object

        config = dict(config)
        inner = deserialize_keras_object(config.pop("inner_optimizer"), custom_objects=custom_objects)
        return cls(inner, **config)


__all__ = ["LossScaleOptimizer"]
