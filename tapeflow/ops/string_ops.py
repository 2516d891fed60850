"""String ops on bytes tensors (tf.strings, tf.as_string)."""

from __future__ import annotations

__all__: list[str] = []
