"""``keras.ops``: the NumPy-like op namespace of Keras 3, written in tapeflow ops (differentiable)."""

from __future__ import annotations

__all__: list[str] = []
