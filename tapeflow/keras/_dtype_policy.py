"""``keras.DTypePolicy`` / ``keras.FloatDTypePolicy``: the dtype a layer computes in and keeps its
weights in, as Keras 3's layer configs serialize it (``{"class_name": "DTypePolicy", "config":
{"name": "float32"}}``).

tapeflow layers compute in their weights' dtype: a policy naming one dtype (``"float32"``,
``"float64"``, ``"int32"``...) works everywhere; the mixed policies (``"mixed_float16"``,
``"mixed_bfloat16"``) can be made and inspected, but a layer refuses them (tapeflow has no mixed
precision).

Example:
    >>> from tapeflow import keras
    >>> p = keras.DTypePolicy("float64")
    >>> p, p.compute_dtype, p.variable_dtype, p.get_config()
    (<DTypePolicy "float64">, 'float64', 'float64', {'name': 'float64'})
"""

from __future__ import annotations

from typing import Any

_MIXED = {"mixed_float16": ("float16", "float32"), "mixed_bfloat16": ("bfloat16", "float32")}


class DTypePolicy:
    """A dtype policy: ``name`` (a dtype name or a mixed policy), ``compute_dtype``,
    ``variable_dtype``; ``DTypePolicy()`` takes ``keras.backend.floatx()``.

    Example:
        >>> DTypePolicy("mixed_float16").compute_dtype, DTypePolicy("mixed_float16").variable_dtype
        ('float16', 'float32')
        >>> DTypePolicy()
        <DTypePolicy "float32">
    """

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            from .backend import floatx

            name = floatx()
        self._name = name
        self._compute_dtype, self._variable_dtype = self._parse_name(name)
        self._quantization_mode = None

    @staticmethod
    def _parse_name(name: Any) -> tuple:
        if not isinstance(name, str):
            raise TypeError(f"'name' must be a string, such as 'mixed_float16'. Received: name={name} "
                            f"(of type {type(name)})")
        if name in _MIXED:
            return _MIXED[name]
        from .ops._common import standardize_dtype

        try:
            dtype = standardize_dtype(name)
        except (TypeError, ValueError):
            raise ValueError(f"Cannot convert '{name}' to a mixed precision DTypePolicy. Valid policies include "
                             "'mixed_float16', 'mixed_bfloat16', and the name of any float dtype such as "
                             "'float32'.") from None
        return dtype, dtype

    @property
    def name(self) -> str:
        """The policy's name, e.g. 'float32' or 'mixed_float16'."""
        return self._name

    @property
    def compute_dtype(self) -> str:
        """The dtype of a layer's computations."""
        return self._compute_dtype

    @property
    def variable_dtype(self) -> str:
        """The dtype of a layer's weights."""
        return self._variable_dtype

    @property
    def quantization_mode(self) -> None:
        """None (tapeflow has no quantized policies)."""
        return self._quantization_mode

    def get_config(self) -> dict:
        return {"name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> DTypePolicy:
        return cls(**config)

    def __repr__(self) -> str:
        return f'<DTypePolicy "{self._name}">'

    def __eq__(self, other: Any) -> bool:
        if type(other) not in (DTypePolicy, FloatDTypePolicy):
            return False
        return self._name == other._name

    def __hash__(self) -> int:
        return hash(self._name)


class FloatDTypePolicy(DTypePolicy):
    """Keras 3's older name of ``DTypePolicy`` (a subclass that behaves the same).

    Example:
        >>> FloatDTypePolicy("float64")
        <DTypePolicy "float64">
    """


__all__ = ["DTypePolicy", "FloatDTypePolicy"]
