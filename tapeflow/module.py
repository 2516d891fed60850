"""``tf.Module`` and ``tf.name_scope``: variable tracking by attribute scan, and name scopes.

Example:
    >>> import tapeflow as tf
    >>> class Linear(tf.Module):
    ...     def __init__(self, name=None):
    ...         super().__init__(name=name)
    ...         self.w = tf.Variable(5.0)
    ...         self.b = tf.Variable(0.0, trainable=False)
    >>> m = Linear()
    >>> m.name, [v.numpy().item() for v in m.variables], len(m.trainable_variables)
    ('linear', [0.0, 5.0], 1)
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any, Callable

from . import _data_structures, nest, train_hooks
from .tensor import Variable


class _ScopeStack(threading.local):
    def __init__(self) -> None:
        self.stack: list[str] = []  # full scope names, each ending with "/"


_SCOPES = _ScopeStack()


class name_scope:  # noqa: N801  (TF's name)
    """``tf.name_scope(name)``: a context manager whose value is the full scope name (``"outer/inner/"``).

    tapeflow keeps the scope stack (``tf.get_current_name_scope``, ``tf.Module.name_scope``); op and
    tensor names are not scoped, as TF in eager mode.

    Example:
        >>> import tapeflow as tf
        >>> with tf.name_scope("outer") as outer:
        ...     with tf.name_scope("inner") as inner:
        ...         print(outer, inner, tf.get_current_name_scope())
        outer/ outer/inner/ outer/inner
    """

    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        if not isinstance(name, str):
            raise ValueError(f"name_scope: name for name_scope must be a string, got {type(name).__name__}")
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def __enter__(self) -> str:
        if not self._name:
            full = ""
        elif self._name.endswith("/"):  # an absolute scope, as TF
            full = self._name
        else:
            parent = _SCOPES.stack[-1] if _SCOPES.stack else ""
            full = parent + self._name + "/"
        _SCOPES.stack.append(full)
        return full

    def __exit__(self, *exc: Any) -> None:
        _SCOPES.stack.pop()


def get_current_name_scope() -> str:
    """The current name scope without its trailing ``/`` (``""`` at top level).

    Example:
        >>> import tapeflow as tf
        >>> tf.get_current_name_scope()
        ''
    """
    return _SCOPES.stack[-1].rstrip("/") if _SCOPES.stack else ""


def _camel_to_snake(name: str) -> str:
    s = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def _is_tf_variable(x: Any) -> bool:
    # Keras 3 variables are not tf.Variables (TF's Module does not collect them either)
    return isinstance(x, Variable) and Variable._NAME_SUFFIX == type(x)._NAME_SUFFIX


class Module:
    """``tf.Module``: finds the ``tf.Variable``s and sub-Modules held in its attributes.

    ``variables`` / ``trainable_variables`` / ``non_trainable_variables`` / ``submodules`` walk the
    instance's attributes in sorted-name order (into lists, tuples and dicts), this module's own
    variables first, then each sub-module's, each object once, as TF does. As in TF 2.16+ with Keras 3,
    Keras layers and Keras variables held by a Module are not tf.Modules and are not collected. A list
    or dict assigned to an attribute is held, as in TF, as a trackable ``ListWrapper`` / ``DictWrapper``
    (a ``list`` / ``dict`` sharing the assigned object's contents).

    Example:
        >>> import tapeflow as tf
        >>> class Outer(tf.Module):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.inner = tf.Module(name="inner")
        ...         self.inner.v = tf.Variable(1.0)
        ...         self.scale = tf.Variable(2.0)
        >>> [v.numpy().item() for v in Outer().variables]
        [2.0, 1.0]
    """

    _TF_MODULE_IGNORED_PROPERTIES: frozenset = frozenset(("_name", "_name_scope", "_scope_name"))

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            name = _camel_to_snake(type(self).__name__)
        elif not isinstance(name, str) or not name.isidentifier():
            raise ValueError(
                f"{name!r} is not a valid module name. Module names must be valid Python identifiers "
                "(e.g. a valid class name)."
            )
        self._name = name
        with name_scope(name) as scope:
            self._scope_name = scope
        self._name_scope = name_scope(self._scope_name)

    def __setattr__(self, name: str, value: Any) -> None:
        t = type(value)
        if (t is list or t is dict) and name not in self._TF_MODULE_IGNORED_PROPERTIES:
            value = _data_structures.wrap(value)  # a trackable ListWrapper / DictWrapper, as in TF
        object.__setattr__(self, name, value)
        if train_hooks.PENDING:  # a checkpoint restore waits for this module's variables
            train_hooks.created(self)

    @property
    def name(self) -> str:
        """The module's name (the snake-cased class name unless given)."""
        return self._name

    @property
    def name_scope(self) -> name_scope:
        """A ``tf.name_scope`` for this module (its ``name`` ends with ``/``)."""
        return self._name_scope

    @property
    def variables(self) -> tuple:
        """Every ``tf.Variable`` of this module and its sub-modules."""
        return tuple(self._flatten(predicate=_is_tf_variable))

    @property
    def trainable_variables(self) -> tuple:
        """The trainable ``tf.Variable``s of this module and its sub-modules."""
        return tuple(self._flatten(predicate=lambda v: _is_tf_variable(v) and v.trainable))

    @property
    def non_trainable_variables(self) -> tuple:
        """The non-trainable ``tf.Variable``s of this module and its sub-modules."""
        return tuple(self._flatten(predicate=lambda v: _is_tf_variable(v) and not v.trainable))

    @property
    def submodules(self) -> tuple:
        """Every ``tf.Module`` held (directly or deeper) by this one."""
        return tuple(self._flatten(predicate=lambda m: isinstance(m, Module)))

    def _flatten(self, recursive: bool = True, predicate: Callable | None = None,
                 attribute_traversal_key: Callable | None = None, with_path: bool = False,
                 expand_composites: bool = False) -> list:
        """The objects in this module's attributes that satisfy ``predicate`` (TF's traversal order)."""
        pred = predicate or (lambda _: True)
        out: list = []
        self._walk(self, recursive, pred, attribute_traversal_key, with_path, (), set(), {id(self)}, out)
        return out

    @classmethod
    def _walk(cls, module: Module, recursive: bool, pred: Callable, key: Callable | None, with_path: bool,
              path: tuple, seen: set, walked: set, out: list) -> None:
        subs = []
        attrs = vars(module)
        for name in sorted(attrs, key=key):
            if name in getattr(module, "_TF_MODULE_IGNORED_PROPERTIES", ()):
                continue
            for sub_path, leaf in _leaves_with_paths(attrs[name], (name,)):
                if pred(leaf) and (with_path or id(leaf) not in seen):
                    seen.add(id(leaf))
                    out.append((path + sub_path, leaf) if with_path else leaf)
                if recursive and isinstance(leaf, Module) and id(leaf) not in walked:
                    walked.add(id(leaf))
                    subs.append((sub_path, leaf))
        for sub_path, sub in subs:
            cls._walk(sub, recursive, pred, key, with_path, path + sub_path, seen, walked, out)

    @classmethod
    def with_name_scope(cls, method: Callable) -> Callable:
        """Decorate a method so that it runs inside the module's ``name_scope``."""

        @functools.wraps(method)
        def wrapper(self: Module, *args: Any, **kwargs: Any) -> Any:
            with self.name_scope:
                return method(self, *args, **kwargs)

        return wrapper


def _leaves_with_paths(value: Any, path: tuple) -> list:
    if isinstance(value, dict):
        return [p for k in sorted(value, key=nest._sort_key) for p in _leaves_with_paths(value[k], path + (k,))]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in _leaves_with_paths(v, path + (i,))]
    return [(path, value)]


__all__ = ["Module", "name_scope", "get_current_name_scope"]
