"""Adagrad, as ``keras.optimizers.Adagrad``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> _ = keras.optimizers.Adagrad(learning_rate=0.1).apply_gradients([(tf.constant(1.0), v)])
    >>> round(float(v), 4)
    0.9047
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...tensor import Variable
from .base_optimizer import Optimizer


class Adagrad(Optimizer):
    """Keras 3's Adagrad: ``acc += g²``; ``w -= lr * g / sqrt(acc + epsilon)``; ``acc`` starts at
    ``initial_accumulator_value``.

    Example:
        >>> Adagrad().get_config()["initial_accumulator_value"]
        0.1
    """

    def __init__(self, learning_rate: Any = 0.001, initial_accumulator_value: float = 0.1, epsilon: float = 1e-7,
                 weight_decay: float | None = None, clipnorm: float | None = None, clipvalue: float | None = None,
                 global_clipnorm: float | None = None, use_ema: bool = False, ema_momentum: float = 0.99,
                 ema_overwrite_frequency: int | None = None, loss_scale_factor: float | None = None,
                 gradient_accumulation_steps: int | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list: list) -> None:
        """Create the accumulator slots, filled with ``initial_accumulator_value``."""
        if self.built:
            return
        super().build(var_list)
        self._accumulators = self.add_optimizer_variables(var_list, "accumulator",
                                                          initializer=float(self.initial_accumulator_value))
        self._register_slots(var_list, self._accumulators)

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, lr: float) -> None:
        acc = slots[0]
        a = g * g
        a += acc._t._value
        acc._set_array(a)
        den = np.sqrt(a + self.epsilon)
        new = g * -lr
        new /= den
        new += va
        v._set_array(new)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value, "epsilon": self.epsilon})
        return config


__all__ = ["Adagrad"]
