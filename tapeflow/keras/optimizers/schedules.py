"""Learning-rate schedules (``keras.optimizers.schedules``), evaluated at the optimizer's step.

A schedule is called with the optimizer's ``iterations`` (an int, a NumPy value, a Tensor or a
Variable) and returns a float32 scalar Tensor.

Example:
    >>> from tapeflow.keras.optimizers import schedules
    >>> s = schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    >>> round(float(s(10)), 6)
    0.05
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ...tensor import Tensor, Variable


def _step_value(step: Any) -> float:
    """The step as a Python float (accepts ints, NumPy values, Tensors and Variables)."""
    if isinstance(step, Variable):
        step = step._t._value
    elif isinstance(step, Tensor):
        step = step._value
    try:
        return float(np.asarray(step).reshape(()))
    except (TypeError, ValueError):
        raise ValueError(f"learning-rate schedule: the step must be a scalar number, got {step!r}") from None


def _step_array(step: Any) -> Any:
    """The step as a float, or a float64 array for an array of steps (as Keras's ops take them)."""
    if isinstance(step, Variable):
        step = step._t._value
    elif isinstance(step, Tensor):
        step = step._value
    try:
        a = np.asarray(step, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"learning-rate schedule: the step must be a number or an array of numbers, got {step!r}") \
            from None
    return float(a) if a.ndim == 0 else a


def _out(value: float) -> Tensor:
    return Tensor(np.asarray(value, np.float32))


def _positive(value: Any, what: str, cls: str) -> Any:
    """``value`` unchanged (Keras keeps the argument as given in ``get_config``), checked to be > 0."""
    if not float(value) > 0:
        raise ValueError(f"{cls}: argument `{what}` must be > 0. Received: {what}={value!r}")
    return value


class LearningRateSchedule:
    """Base class: subclasses implement ``__call__(step)`` and ``get_config()``.

    Example:
        >>> class Halving(LearningRateSchedule):
        ...     def __call__(self, step):
        ...         return 1.0 / (2 ** _step_value(step))
        ...     def get_config(self):
        ...         return {}
        >>> Halving()(2)
        0.25
    """

    def __call__(self, step: Any) -> Any:
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must override `__call__(self, step)`.")

    def get_config(self) -> dict:
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must override `get_config()`.")

    @classmethod
    def from_config(cls, config: dict) -> LearningRateSchedule:
        """Recreate a schedule from ``get_config()``'s output."""
        return cls(**config)


class _StepDecay(LearningRateSchedule):
    """ExponentialDecay and InverseTimeDecay: the same arguments, a function of ``step / decay_steps``."""

    _who = "_StepDecay"  # the class name used in error messages

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float, staircase: bool,
                 name: str) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = _positive(decay_steps, "decay_steps", self._who)
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def _progress(self, step: Any) -> float:
        """``step / decay_steps``, floored when ``staircase`` (elementwise for an array of steps)."""
        p = _step_array(step) / float(self.decay_steps)
        if self.staircase:
            p = math.floor(p) if isinstance(p, float) else np.floor(p)
        return p

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


class ExponentialDecay(_StepDecay):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)`` (floored when ``staircase``).

    Example:
        >>> s = ExponentialDecay(1.0, decay_steps=2, decay_rate=0.5, staircase=True)
        >>> float(s(3))
        0.5
    """

    _who = "ExponentialDecay"

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float,
                 staircase: bool = False, name: str = "ExponentialDecay") -> None:
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step: Any) -> Tensor:
        p = self._progress(step)
        return _out(float(self.initial_learning_rate) * float(self.decay_rate) ** p)


class InverseTimeDecay(_StepDecay):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)`` (floored when ``staircase``).

    Example:
        >>> float(InverseTimeDecay(1.0, decay_steps=1, decay_rate=1.0)(3))
        0.25
    """

    _who = "InverseTimeDecay"

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float,
                 staircase: bool = False, name: str = "InverseTimeDecay") -> None:
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step: Any) -> Tensor:
        p = self._progress(step)
        return _out(float(self.initial_learning_rate) / (1.0 + float(self.decay_rate) * p))


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[0]`` while ``step <= boundaries[0]``, ``values[i]`` for ``boundaries[i-1] < step <=
    boundaries[i]``, and ``values[-1]`` after the last boundary.

    Example:
        >>> s = PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
        >>> [float(s(k)) for k in (10, 11, 21)]
        [1.0, 0.5, 0.10000000149011612]
    """

    def __init__(self, boundaries: list, values: list, name: str = "PiecewiseConstant") -> None:
        boundaries, values = list(boundaries), list(values)
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "PiecewiseConstantDecay: the length of `boundaries` should be 1 less than the length of "
                f"`values`. Received: boundaries={boundaries} (length {len(boundaries)}), values={values} "
                f"(length {len(values)})"
            )
        if any(b2 < b1 for b1, b2 in zip(boundaries, boundaries[1:])):
            raise ValueError(f"PiecewiseConstantDecay: `boundaries` must be increasing, got {boundaries}")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step: Any) -> Tensor:
        s = _step_value(step)
        for b, v in zip(self.boundaries, self.values):
            if s <= float(b):
                return _out(float(v))
        return _out(float(self.values[-1]))

    def get_config(self) -> dict:
        return {"boundaries": list(self.boundaries), "values": list(self.values), "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """Polynomial decay from ``initial_learning_rate`` to ``end_learning_rate`` over ``decay_steps``.

    Example:
        >>> float(PolynomialDecay(1.0, decay_steps=4, end_learning_rate=0.0)(1))
        0.75
    """

    def __init__(self, initial_learning_rate: float, decay_steps: int, end_learning_rate: float = 0.0001,
                 power: float = 1.0, cycle: bool = False, name: str = "PolynomialDecay") -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = _positive(decay_steps, "decay_steps", "PolynomialDecay")
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step: Any) -> Tensor:
        s = _step_value(step)
        steps = float(self.decay_steps)
        if self.cycle:
            steps = steps * max(1.0, math.ceil(s / steps))
        else:
            s = min(s, steps)
        frac = (1.0 - s / steps) ** float(self.power)
        init, end = float(self.initial_learning_rate), float(self.end_learning_rate)
        return _out((init - end) * frac + end)

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power, "cycle": self.cycle,
                "name": self.name}


class CosineDecay(LearningRateSchedule):
    """Cosine decay (with an optional linear warmup first, as Keras 3).

    Without warmup: ``lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)``.
    With ``warmup_target``: linear from ``initial_learning_rate`` to ``warmup_target`` over
    ``warmup_steps`` steps, then the cosine decay of ``warmup_target`` over ``decay_steps``.

    Example:
        >>> round(float(CosineDecay(1.0, decay_steps=10)(5)), 6)
        0.5
    """

    def __init__(self, initial_learning_rate: float, decay_steps: int, alpha: float = 0.0,
                 name: str = "CosineDecay", warmup_target: float | None = None, warmup_steps: int = 0) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = _positive(decay_steps, "decay_steps", "CosineDecay")
        self.alpha = alpha
        self.name = name
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps
        if self.warmup_steps < 0:
            raise ValueError(f"CosineDecay: `warmup_steps` must be >= 0. Received: warmup_steps={warmup_steps}")

    def _decay(self, step: float, start_lr: float) -> float:
        cosine = 0.5 * (1.0 + math.cos(math.pi * step / float(self.decay_steps)))
        alpha = float(self.alpha)
        return start_lr * ((1.0 - alpha) * cosine + alpha)

    def __call__(self, step: Any) -> Tensor:
        s = _step_value(step)
        init, decay_steps = float(self.initial_learning_rate), float(self.decay_steps)
        if self.warmup_target is None:
            return _out(self._decay(min(s, decay_steps), init))
        warmup = float(self.warmup_steps)
        target = float(self.warmup_target)
        s = min(s, decay_steps + warmup)
        if s < warmup:
            return _out((target - init) * (s / warmup) + init)
        return _out(self._decay(s - warmup, target))

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "alpha": self.alpha, "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): the first period lasts ``first_decay_steps``; each
    next period is ``t_mul`` times longer and starts from ``m_mul`` times the previous peak;
    ``alpha`` is the floor as a fraction of ``initial_learning_rate``.

    Example:
        >>> s = CosineDecayRestarts(1.0, first_decay_steps=10, t_mul=1.0, m_mul=0.5)
        >>> [round(float(s(k)), 6) for k in (0, 5, 10, 15)]
        [1.0, 0.5, 0.5, 0.25]
    """

    def __init__(self, initial_learning_rate: float, first_decay_steps: int, t_mul: float = 2.0,
                 m_mul: float = 1.0, alpha: float = 0.0, name: str = "SGDRDecay") -> None:
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        if self.first_decay_steps <= 0:
            raise ValueError(f"Argument `first_decay_steps` must be > 0. Received: "
                             f"first_decay_steps={self.first_decay_steps}")

    def __call__(self, step: Any) -> Tensor:
        f32 = np.float32
        init = f32(self.initial_learning_rate)
        t_mul, m_mul, alpha = f32(self._t_mul), f32(self._m_mul), f32(self.alpha)
        frac = f32(_step_value(step)) / f32(self.first_decay_steps)
        if t_mul == 1.0:
            i_restart = np.floor(frac)
            frac = frac - i_restart
        else:
            i_restart = np.floor(np.log(f32(1.0) - frac * (f32(1.0) - t_mul)) / np.log(t_mul))
            sum_r = (f32(1.0) - t_mul ** i_restart) / (f32(1.0) - t_mul)
            frac = (frac - sum_r) / t_mul ** i_restart
        cosine = f32(0.5) * m_mul ** i_restart * (f32(1.0) + np.cos(f32(math.pi) * frac))
        return _out(init * ((f32(1) - alpha) * cosine + alpha))

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate, "first_decay_steps": self.first_decay_steps,
                "t_mul": self._t_mul, "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


_SCHEDULES = {c.__name__: c for c in (ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay,
                                      PolynomialDecay, CosineDecay, CosineDecayRestarts)}


def serialize(learning_rate_schedule: LearningRateSchedule) -> dict:
    """Keras 3's ``{"module", "class_name", "config", "registered_name"}`` for a schedule.

    Example:
        >>> serialize(ExponentialDecay(0.1, 10, 0.9))["class_name"]
        'ExponentialDecay'
    """
    from ..utils.serialization import serialize_keras_object

    return serialize_keras_object(learning_rate_schedule)


def deserialize(config: dict, custom_objects: dict | None = None) -> LearningRateSchedule:
    """Rebuild a schedule from ``serialize()``'s output.

    Example:
        >>> type(deserialize(serialize(CosineDecay(0.1, 10)))).__name__
        'CosineDecay'
    """
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"deserialize: expected a dict with 'class_name' and 'config', got {config!r}")
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or _SCHEDULES.get(name)
    if cls is None:
        from ..utils.serialization import deserialize_keras_object

        return deserialize_keras_object(config, custom_objects=custom_objects)
    return cls.from_config(dict(config.get("config") or {}))


__all__ = ["LearningRateSchedule", "ExponentialDecay", "InverseTimeDecay", "PiecewiseConstantDecay",
           "PolynomialDecay", "CosineDecay", "CosineDecayRestarts", "serialize", "deserialize"]
