"""Trackable lists and dicts: what a list or dict becomes when assigned to a ``tf.train.Checkpoint`` or
``tf.Module`` attribute (TF's ``ListWrapper`` and ``_DictWrapper``).

A wrapper is a ``list`` (``dict``) subclass that keeps the assigned list (dict) as its storage, so
changes made through the original object show through it, as in TF. Lists and dicts put into a
wrapper are wrapped in turn. Elements added later are tracked (saved under ``listed/0/...``,
``mapped/key/...``) and, when a checkpoint restore is waiting for them, restored as they arrive.
As in TF, a list whose trackable elements were replaced, deleted or moved, and a dict mapping a
non-string key to a trackable value, refuse to be saved.

Example:
    >>> import tapeflow as tf
    >>> ckpt = tf.train.Checkpoint()
    >>> ckpt.listed = []
    >>> ckpt.listed
    ListWrapper([])
    >>> ckpt.listed.append(tf.Variable(1.0))
    >>> len(ckpt.listed), isinstance(ckpt.listed, list)
    (1, True)
"""

from __future__ import annotations

import copy as _copy
import sys
from typing import Any

from . import train_hooks
from .tensor import Variable


def _tracks(x: Any) -> bool:
    """Is ``x`` a trackable element (a variable, a wrapper, or an object a checkpoint can hold)?"""
    if isinstance(x, (Variable, ListWrapper, _DictWrapper)):
        return True
    train = sys.modules.get("tapeflow.train")
    return train is not None and isinstance(x, train._host_types())


def wrap(value: Any) -> Any:
    """``value`` as a checkpoint attribute holds it: a plain list or dict becomes a wrapper."""
    t = type(value)
    if t is list:
        return ListWrapper(value)
    if t is dict:
        return _DictWrapper(value)
    return value


def _notify(w: Any) -> None:
    if train_hooks.PENDING:  # a checkpoint restore waits for this container's elements
        train_hooks.created(w)


def _plain(x: Any) -> Any:
    return x._storage if isinstance(x, (ListWrapper, _DictWrapper)) else x


class ListWrapper(list):
    """A trackable list (TF's ``ListWrapper``): a ``list`` whose contents live in the wrapped list.

    Example:
        >>> from tapeflow._data_structures import ListWrapper
        >>> raw = [1]
        >>> w = ListWrapper(raw)
        >>> raw.append(2)
        >>> w, w == [1, 2]
        (ListWrapper([1, 2]), True)
    """

    __slots__ = ("_storage", "_non_append", "__weakref__")
    __hash__ = None  # type: ignore[assignment]  (unhashable, as a list)

    def __init__(self, wrapped_list: Any = None) -> None:
        if wrapped_list is None:
            wrapped_list = []
        elif isinstance(wrapped_list, ListWrapper):
            wrapped_list = wrapped_list._storage
        elif type(wrapped_list) is not list:
            wrapped_list = list(wrapped_list)
        self._storage = wrapped_list
        self._non_append = False
        for i, v in enumerate(wrapped_list):
            w = wrap(v)
            if w is not v:
                wrapped_list[i] = w

    def _mutated(self, *extra: Any) -> None:
        """A non-append change: once trackables are involved, the list can no longer be saved."""
        if not self._non_append and (any(_tracks(v) for v in extra) or any(_tracks(v) for v in self._storage)):
            self._non_append = True

    def _check_saveable(self) -> None:
        if self._non_append:
            raise ValueError(
                f"Unable to save the object {self!r} (a list wrapper constructed to track trackable TensorFlow "
                "objects). A list element was replaced (__setitem__, __setslice__), deleted (__delitem__, "
                "__delslice__), or moved (sort). In order to support restoration on object creation, tracking is "
                "exclusively for append-only data structures.\n\nIf you don't need this list checkpointed, wrap it "
                "in a non-trackable object; it will be subsequently ignored.")

    # -- reading --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._storage)

    def __getitem__(self, i: Any) -> Any:
        return self._storage[i]

    def __iter__(self) -> Any:
        return iter(self._storage)

    def __reversed__(self) -> Any:
        return reversed(self._storage)

    def __contains__(self, v: Any) -> bool:
        return v in self._storage

    def index(self, *a: Any) -> int:
        return self._storage.index(*a)

    def count(self, v: Any) -> int:
        return self._storage.count(v)

    def __eq__(self, o: Any) -> bool:
        return self._storage == _plain(o)

    def __ne__(self, o: Any) -> bool:
        return self._storage != _plain(o)

    def __lt__(self, o: Any) -> bool:
        return self._storage < _plain(o)

    def __le__(self, o: Any) -> bool:
        return self._storage <= _plain(o)

    def __gt__(self, o: Any) -> bool:
        return self._storage > _plain(o)

    def __ge__(self, o: Any) -> bool:
        return self._storage >= _plain(o)

    def __add__(self, o: Any) -> list:
        return self._storage + _plain(o)

    def __radd__(self, o: Any) -> list:
        return _plain(o) + self._storage

    def __mul__(self, n: Any) -> list:
        return self._storage * n

    __rmul__ = __mul__

    def __repr__(self) -> str:
        return f"ListWrapper({self._storage!r})"

    def copy(self) -> ListWrapper:
        return ListWrapper(list(self._storage))

    __copy__ = copy

    def __deepcopy__(self, memo: dict) -> ListWrapper:
        return ListWrapper(_copy.deepcopy(self._storage, memo))

    def __reduce_ex__(self, protocol: Any) -> tuple:
        return (ListWrapper, (self._storage,))

    # -- appending (restores what a pending checkpoint holds for the new elements) ---------------
    def append(self, v: Any) -> None:
        self._storage.append(wrap(v))
        _notify(self)

    def extend(self, vs: Any) -> None:
        self._storage.extend([wrap(v) for v in vs])
        _notify(self)

    def __iadd__(self, vs: Any) -> ListWrapper:
        self.extend(vs)
        return self

    def __imul__(self, n: Any) -> ListWrapper:
        if n <= 0:
            self._mutated()
        self._storage *= n
        _notify(self)
        return self

    # -- other changes ------------------------------------------------------------------------------
    def __setitem__(self, i: Any, v: Any) -> None:
        if isinstance(i, slice):
            if any(_tracks(x) for x in self._storage[i]):
                self._non_append = True  # a trackable element was replaced or removed
            self._storage[i] = [wrap(x) for x in v]
        else:
            if _tracks(self._storage[i]):
                self._non_append = True
            self._storage[i] = wrap(v)
        _notify(self)

    def __delitem__(self, i: Any) -> None:
        self._mutated()
        del self._storage[i]

    def insert(self, i: Any, v: Any) -> None:
        self._mutated(v)
        self._storage.insert(i, wrap(v))
        _notify(self)

    def pop(self, *i: Any) -> Any:
        self._mutated()
        return self._storage.pop(*i)

    def remove(self, v: Any) -> None:
        self._mutated()
        self._storage.remove(v)

    def clear(self) -> None:
        self._mutated()
        self._storage.clear()

    def reverse(self) -> None:
        self._mutated()
        self._storage.reverse()

    def sort(self, *, key: Any = None, reverse: bool = False) -> None:
        self._mutated()
        self._storage.sort(key=key, reverse=reverse)


class _DictWrapper(dict):
    """A trackable dict (TF's ``_DictWrapper``): a ``dict`` whose contents live in the wrapped dict.

    Changes made through the wrapper are mirrored in the ``dict`` base too, so C code that reads a dict
    subclass's own table (``json.dumps``) sees them; changes made through the original dict are seen by
    every Python-level read.

    Example:
        >>> from tapeflow._data_structures import _DictWrapper
        >>> d = _DictWrapper({"a": 1})
        >>> d["b"] = []
        >>> d, str(d)
        (DictWrapper({'a': 1, 'b': ListWrapper([])}), "{'a': 1, 'b': ListWrapper([])}")
    """

    __slots__ = ("_storage", "__weakref__")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) == 1 and not kwargs and type(args[0]) is dict:
            wrapped = args[0]
        elif len(args) == 1 and not kwargs and isinstance(args[0], _DictWrapper):
            wrapped = args[0]._storage
        else:
            wrapped = dict(*args, **kwargs)
        self._storage = wrapped
        for k, v in list(wrapped.items()):
            w = wrap(v)
            if w is not v:
                wrapped[k] = w
        dict.update(self, wrapped)

    def _check_saveable(self) -> None:
        if any(not isinstance(k, str) and _tracks(v) for k, v in self._storage.items()):
            raise ValueError(
                f"Unable to save the object {self._storage!r} (a dictionary wrapper constructed automatically on "
                "attribute assignment). The wrapped dictionary contains a non-string key which maps to a trackable "
                "object or mutable data structure.\n\nIf you don't need this dictionary checkpointed, wrap it in a "
                "non-trackable object; it will be subsequently ignored.")

    # -- reading --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._storage)

    def __getitem__(self, k: Any) -> Any:
        return self._storage[k]

    def __iter__(self) -> Any:
        return iter(self._storage)

    def __reversed__(self) -> Any:
        return reversed(self._storage)

    def __contains__(self, k: Any) -> bool:
        return k in self._storage

    def keys(self) -> Any:
        return self._storage.keys()

    def values(self) -> Any:
        return self._storage.values()

    def items(self) -> Any:
        return self._storage.items()

    def get(self, k: Any, default: Any = None) -> Any:
        return self._storage.get(k, default)

    def __eq__(self, o: Any) -> bool:
        return self._storage == _plain(o)

    def __ne__(self, o: Any) -> bool:
        return self._storage != _plain(o)

    def __or__(self, o: Any) -> dict:
        return self._storage | _plain(o)

    def __ror__(self, o: Any) -> dict:
        return _plain(o) | self._storage

    def __repr__(self) -> str:
        return f"DictWrapper({self._storage!r})"

    def __str__(self) -> str:
        return repr(self._storage)

    def copy(self) -> _DictWrapper:
        return _DictWrapper(dict(self._storage))

    __copy__ = copy

    def __deepcopy__(self, memo: dict) -> _DictWrapper:
        return _DictWrapper(_copy.deepcopy(self._storage, memo))

    def __reduce_ex__(self, protocol: Any) -> tuple:
        return (_DictWrapper, (self._storage,))

    # -- changes ----------------------------------------------------------------------------------
    def __setitem__(self, k: Any, v: Any) -> None:
        v = wrap(v)
        self._storage[k] = v
        dict.__setitem__(self, k, v)
        _notify(self)

    def __delitem__(self, k: Any) -> None:
        del self._storage[k]
        dict.pop(self, k, None)

    def setdefault(self, k: Any, default: Any = None) -> Any:
        if k not in self._storage:
            self[k] = default
        return self._storage[k]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for k, v in dict(*args, **kwargs).items():
            v = wrap(v)
            self._storage[k] = v
            dict.__setitem__(self, k, v)
        _notify(self)

    def __ior__(self, o: Any) -> _DictWrapper:
        self.update(o)
        return self

    def pop(self, *a: Any) -> Any:
        out = self._storage.pop(*a)
        dict.pop(self, a[0], None)
        return out

    def popitem(self) -> tuple:
        k, v = self._storage.popitem()
        dict.pop(self, k, None)
        return k, v

    def clear(self) -> None:
        self._storage.clear()
        dict.clear(self)


__all__ = ["ListWrapper", "wrap"]
