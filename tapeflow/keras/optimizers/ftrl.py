"""FTRL-proximal, as ``keras.optimizers.Ftrl``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Ftrl(learning_rate=0.1).apply_gradients([(tf.constant(0.5), v)])
    >>> round(float(v), 6)
    0.380962
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Ftrl(Optimizer):
    """Keras 3's Ftrl ("Follow The Regularized Leader") with L1, L2 and L2-shrinkage terms.

    With ``p = -learning_rate_power``: ``n' = n + g**2``,
    ``z += g + 2 * l2_shrinkage * w - (n'**p - n**p) / lr * w``,
    ``w = (clip(z, -l1, l1) - z) / (n'**p / lr + 2 * (l2 + beta / (2 * lr)))``.

    Example:
        >>> Ftrl().get_config()["learning_rate_power"]
        -0.5
    """

    def __init__(self, learning_rate: Any = 0.001, learning_rate_power: float = -0.5,
                 initial_accumulator_value: float = 0.1, l1_regularization_strength: float = 0.0,
                 l2_regularization_strength: float = 0.0, l2_shrinkage_regularization_strength: float = 0.0,
                 beta: float = 0.0, weight_decay: float | None = None, clipnorm: float | None = None,
                 clipvalue: float | None = None, global_clipnorm: float | None = None, use_ema: bool = False,
                 ema_momentum: float = 0.99, ema_overwrite_frequency: int | None = None,
                 loss_scale_factor: float | None = None, gradient_accumulation_steps: int | None = None,
                 name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        if initial_accumulator_value < 0.0:
            raise ValueError("`initial_accumulator_value` needs to be positive or zero. Received: "
                             f"initial_accumulator_value={initial_accumulator_value}.")
        if learning_rate_power > 0.0:
            raise ValueError("`learning_rate_power` needs to be negative or zero. Received: "
                             f"learning_rate_power={learning_rate_power}.")
        if l1_regularization_strength < 0.0:
            raise ValueError("`l1_regularization_strength` needs to be positive or zero. Received: "
                             f"l1_regularization_strength={l1_regularization_strength}.")
        if l2_regularization_strength < 0.0:
            raise ValueError("`l2_regularization_strength` needs to be positive or zero. Received: "
                             f"l2_regularization_strength={l2_regularization_strength}.")
        if l2_shrinkage_regularization_strength < 0.0:
            raise ValueError("`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: "
                             f"l2_shrinkage_regularization_strength={l2_shrinkage_regularization_strength}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list: list) -> None:
        """Create the accumulator (filled with ``initial_accumulator_value``) and linear slots."""
        if self.built:
            return
        super().build(var_list)
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list, ["accumulator", "linear"], initializer=[float(self.initial_accumulator_value), "zeros"])
        self._register_slots(var_list, self._accumulators, self._linears)

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, lr: float) -> None:
        dt = va.dtype.type
        acc, lin = slots
        lr_t = dt(lr)
        p = dt(-self.learning_rate_power)
        l2 = dt(self.l2_regularization_strength + self.beta / (2.0 * lr)) if lr else dt(np.inf)
        l1 = dt(self.l1_regularization_strength)
        a = acc._t._value
        grad = g + dt(2 * self.l2_shrinkage_regularization_strength) * va
        new_acc = a + g * g
        with np.errstate(divide="ignore", invalid="ignore"):
            new_lin = lin._t._value + (grad - (np.power(new_acc, p) - np.power(a, p)) / lr_t * va)
            quadratic = np.power(new_acc, p) / lr_t + dt(2) * l2
            clipped = np.clip(new_lin, -l1, l1)
            lin._set_array(new_lin)
            v._set_array((clipped - new_lin) / quadratic)
        acc._set_array(new_acc)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta,
        })
        return config


__all__ = ["Ftrl"]
