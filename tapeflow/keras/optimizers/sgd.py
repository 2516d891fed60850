"""Stochastic gradient descent, with optional (Nesterov) momentum, as ``keras.optimizers.SGD``.

Example:
    >>> import tapeflow as tf
    >>> from tapeflow import keras
    >>> v = tf.Variable(1.0)
    >>> opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
    >>> _ = opt.apply_gradients([(tf.constant(1.0), v)])
    >>> round(float(v), 6)
    0.9
"""

from __future__ import annotations

from typing import Any

from ...tensor import Variable
from .base_optimizer import Optimizer


class SGD(Optimizer):
    """Keras 3's SGD.

    Without momentum: ``w -= learning_rate * g``. With momentum:
    ``m = momentum * m - learning_rate * g``, then ``w += m`` (or, with ``nesterov``,
    ``w += momentum * m - learning_rate * g``).

    Example:
        >>> SGD(learning_rate=0.01, momentum=0.9, nesterov=True).get_config()["nesterov"]
        True
    """

    def __init__(self, learning_rate: Any = 0.01, momentum: float = 0.0, nesterov: bool = False,
                 weight_decay: float | None = None, clipnorm: float | None = None, clipvalue: float | None = None,
                 global_clipnorm: float | None = None, use_ema: bool = False, ema_momentum: float = 0.99,
                 ema_overwrite_frequency: int | None = None, loss_scale_factor: float | None = None,
                 gradient_accumulation_steps: int | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor, gradient_accumulation_steps=gradient_accumulation_steps,
                         **kwargs)
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables: list) -> None:
        """Create a momentum slot per variable (when ``momentum`` is not 0)."""
        if self.built:
            return
        super().build(variables)
        self.momentums: list = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")
            self._register_slots(variables, self.momentums)
        else:
            self._register_slots(variables)

    _coef: Any = None  # the last apply's _NegLR (reused while the learning rate is unchanged)

    def _coefficients(self, lr: float) -> Any:
        c = self._coef
        if c is None or c.lr != lr:
            c = self._coef = _NegLR(lr)
        return c

    def _update_arrays(self, work: list, c: Any) -> None:
        if type(c) is not _NegLR or type(self)._array_update_step is not SGD._array_update_step:
            return Optimizer._update_arrays(self, work, c)
        step = self._array_update_step
        for g, v, va, st in work:
            if st:
                step(g, v, va, st, c)
            else:  # `_array_update_step` without momentum, inlined
                neg = c.get(va.dtype)
                if neg is None:
                    neg = c.of(va.dtype)
                new = g * neg
                new += va
                v._set_array(new)
            if v.constraint is not None:
                v.assign(v.constraint(v))

    def _array_update_step(self, g: Any, v: Variable, va: Any, slots: list, lr: Any) -> None:
        # -lr as a scalar of the variable's dtype: the same value NumPy would cast a Python float
        # to, without the per-call promotion of a Python scalar
        neg = lr.get(va.dtype) if type(lr) is _NegLR else -lr
        if neg is None:
            neg = lr.of(va.dtype)
        if not slots:
            new = g * neg  # one fresh array, then in place: no second temporary
            new += va
            v._set_array(new)
            return
        m = slots[0]
        mom = self.momentum
        step = g * neg
        m_new = m._t._value * mom
        m_new += step
        m._set_array(m_new)
        if self.nesterov:
            upd = m_new * mom
            upd += step
            v._set_array(va + upd)
        else:
            v._set_array(va + m_new)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config


class _NegLR(dict):
    """-lr per variable dtype (as a NumPy scalar of that dtype), for one apply."""

    def __init__(self, lr: float) -> None:
        super().__init__()
        self.lr = lr

    def of(self, dtype: Any) -> Any:
        neg = -self.lr
        if dtype.kind == "f":
            neg = dtype.type(neg)
        self[dtype] = neg
        return neg

    def __float__(self) -> float:
        return float(self.lr)


__all__ = ["SGD"]
