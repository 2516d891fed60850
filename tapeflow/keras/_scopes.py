"""``keras.name_scope`` and ``keras.device`` (Keras 3 with the TensorFlow backend).

A ``keras.name_scope`` prefixes the ``path`` of the Keras variables created inside it (a
layer's weights get ``"scope/layer/weight"``) and also enters ``tf.name_scope``. tapeflow does
not open a scope per layer call, so weights of layers nested in a model keep ``"layer/weight"``
paths (Keras 3 writes ``"model/layer/weight"``).

Example:
    >>> from tapeflow import keras
    >>> with keras.name_scope("outer"):
    ...     v = keras.Variable(1.0, name="v")
    >>> v.path
    'outer/v'
"""

from __future__ import annotations

import threading
from typing import Any


class _Stack(threading.local):
    def __init__(self) -> None:
        self.scopes: list = []


_STACK = _Stack()


class name_scope:  # noqa: N801  (Keras's name)
    """A context manager that adds ``name`` to the path of Keras variables made inside it.

    ``caller`` and ``deduplicate``: a scope entered by the same caller with the same name as the
    innermost scope is not entered twice. ``override_parent`` replaces the path of the
    enclosing scopes.

    Example:
        >>> from tapeflow import keras
        >>> with keras.name_scope("a"):
        ...     with keras.name_scope("b") as scope:
        ...         print(scope.name, keras.Variable(0.0, name="w").path)
        b a/b/w
    """

    def __init__(self, name: str, caller: Any = None, deduplicate: bool = True, override_parent: Any = None,
                 **kwargs: Any) -> None:
        if not isinstance(name, str) or "/" in name:
            raise ValueError(f"Argument `name` must be a string and cannot contain character `/`. Received: "
                             f"name={name}")
        self.name = name
        self.caller = caller
        self.deduplicate = deduplicate
        self.override_parent = override_parent
        if override_parent is None and deduplicate and getattr(caller, "_parent_path", None) is not None:
            self.override_parent = caller._parent_path
        self._pop_on_exit = False
        self._tf_scope: Any = None

    def __enter__(self) -> name_scope:
        stack = _STACK.scopes
        if self.deduplicate and stack:
            top = stack[-1]
            if self.caller is not None and self.caller is top.caller and self.name == top.name:
                return self
        stack.append(self)
        self._pop_on_exit = True
        from ..module import name_scope as tf_name_scope

        self._tf_scope = tf_name_scope(self.name)
        self._tf_scope.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pop_on_exit:
            if _STACK.scopes:
                _STACK.scopes.pop()
            self._tf_scope.__exit__(*exc)
            self._pop_on_exit = False


def current_path() -> str:
    """The path of the open ``keras.name_scope``s, joined by "/" ("" outside any).

    Example:
        >>> current_path()
        ''
    """
    stack = _STACK.scopes
    if not stack:
        return ""
    parts: list = []
    for entry in stack:
        if entry.override_parent is not None:
            parts = [p for p in entry.override_parent.split("/") if p]
        parts.append(entry.name)
    return "/".join(parts)


def device(device_name: Any) -> Any:
    """``keras.device(name)``: with the TensorFlow backend, ``tf.device(name)`` (tapeflow runs every
    op on the CPU, so the scope is accepted and ignored).

    Example:
        >>> from tapeflow import keras
        >>> with keras.device("cpu:0"):
        ...     pass
    """
    from .. import device as tf_device

    if isinstance(device_name, str):
        device_name = device_name.lower()
    return tf_device(device_name)


def version() -> str:
    """The Keras version tapeflow follows.

    Example:
        >>> version()
        '3.15.1'
    """
    return "3.15.1"


__all__ = ["name_scope", "current_path", "device", "version"]
