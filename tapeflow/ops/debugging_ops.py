"""The tf.debugging checks: assert_* family, check_numerics (top-level tf.assert_* names come from here)."""

from __future__ import annotations

__all__: list[str] = []
