"""Adadelta, as ``keras.optimizers.Adadelta``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Adadelta(learning_rate=1.0).apply_gradients([(tf.constant(0.5), v)])
    >>> round(float(v), 6)
    0.998586
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Adadelta(Optimizer):
    """Keras 3's Adadelta: ``a = rho * a + (1 - rho) * g**2``,
    ``delta = -sqrt(d + epsilon) * g / sqrt(a + epsilon)``, ``d = rho * d + (1 - rho) * delta**2``,
    ``w += lr * delta``.

    Example:
        >>> Adadelta().get_config()["rho"]
        0.95
    """

    def __init__(self, learning_rate: Any = 0.001, rho: float = 0.95, epsilon: float = 1e-7,
                 weight_decay: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list: list) -> None:
        """Create the accumulated-gradient and accumulated-update slots."""
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])
        self._register_slots(var_list, self._accumulated_grads, self._accumulated_delta_vars)

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, lr: float) -> None:
        dt = va.dtype.type
        ag, ad = slots
        rho, one_rho, eps = dt(self.rho), dt(1 - self.rho), dt(self.epsilon)
        ag_new = rho * ag._t._value + one_rho * (g * g)
        ag._set_array(ag_new)
        delta = -(np.sqrt(ad._t._value + eps) * g / np.sqrt(ag_new + eps))
        ad._set_array(rho * ad._t._value + one_rho * (delta * delta))
        v._set_array(va + dt(lr) * delta)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config


__all__ = ["Adadelta"]
