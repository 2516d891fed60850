"""Deferred checkpoint restoration: the registry that variable-creating code consults.

``tf.train.Checkpoint.restore`` records, for objects whose saved children do not exist yet (a Keras
layer before its first call, an optimizer before its first ``apply_gradients``), which saved values
to give them. Code that creates variables calls ``created(owner)`` when ``PENDING`` is not empty;
with nothing pending the cost is one falsy check.

Example:
    >>> from tapeflow import train_hooks
    >>> train_hooks.created(object())  # nothing pending: a no-op
"""

from __future__ import annotations

from typing import Any

# id(host) -> tapeflow.train._Pending (holds a weak reference to the host)
PENDING: dict = {}


def created(owner: Any) -> None:
    """``owner`` may have new children: give them the values a pending restore holds for them."""
    entry = PENDING.get(id(owner))
    if entry is not None:
        entry.resolve(owner)


__all__ = ["PENDING", "created"]
