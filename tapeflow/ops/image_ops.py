"""Image ops (tf.image): resizing with gradients, flips, crops, pads, colour adjustments."""

from __future__ import annotations

__all__: list[str] = []
