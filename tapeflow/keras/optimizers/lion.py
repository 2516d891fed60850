"""Lion (evolved sign momentum), as ``keras.optimizers.Lion``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Lion(learning_rate=0.1).apply_gradients([(tf.constant(0.5), v)])
    >>> round(float(v), 6)
    0.9
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Lion(Optimizer):
    """Keras 3's Lion: ``w -= lr * sign(beta_1 * m + (1 - beta_1) * g)``, then
    ``m = beta_2 * m + (1 - beta_2) * g``.

    Example:
        >>> Lion().get_config()["beta_2"]
        0.99
    """

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9, beta_2: float = 0.99,
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
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError("Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates "
                             f"to SignSGD. Received: beta_1={beta_1}.")

    def build(self, var_list: list) -> None:
        """Create the momentum slots."""
        if self.built:
            return
        super().build(var_list)
        self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._register_slots(var_list, self._momentums)

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, lr: float) -> None:
        dt = va.dtype.type
        m = slots[0]
        ma = m._t._value
        b1, b2 = dt(self.beta_1), dt(self.beta_2)
        v._set_array(va - dt(lr) * np.sign(ma * b1 + g * (dt(1.0) - b1)))
        m._set_array(ma * b2 + g * (dt(1.0) - b2))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2})
        return config


__all__ = ["Lion"]
