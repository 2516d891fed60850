"""Per-object locks for stateful objects that several threads may update (metrics, optimizers).

``state_lock(obj)`` is the object's re-entrant lock, made on first use (``dict.setdefault`` is
atomic, so two threads get the same lock). ``locked`` runs a method under it; a locked method may
call other locked methods of the same object. ``getstate`` leaves the lock out of the object's
state, so ``copy.deepcopy`` (and pickling) still work: the copy makes its own lock when first used.

Example:
    >>> class Counter:
    ...     __getstate__ = getstate
    ...     def __init__(self):
    ...         self.n = 0
    ...     @locked
    ...     def add(self, k):
    ...         self.n += k
    >>> c = Counter()
    >>> c.add(2)
    >>> import copy
    >>> copy.deepcopy(c).n
    2
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

_ATTR = "_tf_state_lock"


def state_lock(obj: Any) -> Any:
    """``obj``'s re-entrant lock (``threading.RLock``), created on first use."""
    d = obj.__dict__
    lk = d.get(_ATTR)
    if lk is None:
        lk = d.setdefault(_ATTR, threading.RLock())
    return lk


def locked(fn: Callable) -> Callable:
    """Decorate a method so that it runs holding ``state_lock(self)``."""
    if getattr(fn, "_tf_locked", False):
        return fn

    @functools.wraps(fn)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        d = self.__dict__
        lk = d.get(_ATTR)
        if lk is None:
            lk = d.setdefault(_ATTR, threading.RLock())
        with lk:
            return fn(self, *args, **kwargs)

    wrapper._tf_locked = True  # type: ignore[attr-defined]
    return wrapper


def getstate(self: Any) -> dict:
    """``__getstate__`` without the lock (copies and unpickled objects make their own)."""
    state = self.__dict__.copy()
    state.pop(_ATTR, None)
    return state


__all__ = ["state_lock", "locked", "getstate"]
