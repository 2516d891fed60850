"""Keras 3's object registration and config (de)serialization (``keras.saving`` / ``keras.utils``).

``serialize_keras_object`` turns an object into Keras 3's config dict
(``{"module", "class_name", "config", "registered_name"}``); ``deserialize_keras_object`` finds
the class again (custom objects, the registry, then the built-in ``keras.*`` namespaces) and calls
its ``from_config``.

Example:
    >>> from tapeflow import keras
    >>> cfg = keras.utils.serialize_keras_object(keras.constraints.MaxNorm(3))
    >>> cfg["module"], cfg["class_name"], cfg["config"]
    ('keras.constraints', 'MaxNorm', {'max_value': 3, 'axis': 0})
    >>> type(keras.utils.deserialize_keras_object(cfg)).__name__
    'MaxNorm'
"""

from __future__ import annotations

import importlib
import inspect
import threading
import types
from collections.abc import Callable
from typing import Any

import numpy as np

_GLOBAL_CUSTOM_OBJECTS: dict[str, Any] = {}
_GLOBAL_CUSTOM_NAMES: dict[Any, str] = {}


class _Scopes(threading.local):
    def __init__(self) -> None:
        self.stack: list[dict] = []


_SCOPES = _Scopes()

# the keras namespaces whose public names deserialize from a ``module`` of "keras.<ns>"
_NAMESPACES = ("optimizers.schedules", "optimizers", "losses", "metrics", "constraints", "regularizers",
               "initializers", "activations", "layers", "callbacks", "models")
# where a built-in function named only by its name is looked for (Keras's BUILTIN_MODULES)
_BUILTIN_FN_MODULES = ("activations", "constraints", "initializers", "losses", "metrics", "optimizers",
                       "regularizers")
_PLAIN = (str, int, float, bool)


# --- registration ---------------------------------------------------------------------------------

def register_keras_serializable(package: str = "Custom", name: str | None = None) -> Callable:
    """A decorator registering a class or function under ``"package>name"`` for deserialization.

    Example:
        >>> @register_keras_serializable(package="doc")
        ... def triple(x):
        ...     return 3 * x
        >>> get_registered_name(triple), get_registered_object("doc>triple") is triple
        ('doc>triple', True)
    """
    def decorator(arg: Any) -> Any:
        class_name = name if name is not None else arg.__name__
        registered_name = package + ">" + class_name
        if inspect.isclass(arg) and not hasattr(arg, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        _GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg

    return decorator


def get_registered_name(obj: Any) -> str:
    """The name ``obj`` was registered under, or its ``__name__`` when not registered.

    Example:
        >>> get_registered_name(int)
        'int'
    """
    try:
        if obj in _GLOBAL_CUSTOM_NAMES:
            return _GLOBAL_CUSTOM_NAMES[obj]
    except TypeError:  # unhashable
        pass
    return obj.__name__


def get_custom_objects() -> dict:
    """The global dict of registered custom objects (it can be edited in place).

    Example:
        >>> isinstance(get_custom_objects(), dict)
        True
    """
    return _GLOBAL_CUSTOM_OBJECTS


def get_registered_object(name: str, custom_objects: dict | None = None, module_objects: dict | None = None) -> Any:
    """The object registered as ``name``: looked up in the active custom-object scopes, the global
    registry, ``custom_objects`` and ``module_objects`` (None when absent).

    Example:
        >>> get_registered_object("no>such") is None
        True
    """
    for scope in reversed(_SCOPES.stack):
        if name in scope:
            return scope[name]
    if name in _GLOBAL_CUSTOM_OBJECTS:
        return _GLOBAL_CUSTOM_OBJECTS[name]
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None


class _SafeMode(threading.local):
    def __init__(self) -> None:
        self.value: bool | None = None


_SAFE_MODE = _SafeMode()
_LAMBDA_REFUSED = (
    "Requested the deserialization of a `Lambda` layer whose `function` is a Python lambda. This carries a "
    "potential risk of arbitrary code execution and thus it is disallowed by default. If you trust the source of "
    "the artifact, you can override this error by passing `safe_mode=False` to the loading function, or calling "
    "`keras.config.enable_unsafe_deserialization()`.")


class SafeModeScope:
    """Inside it, deserialization runs in ``safe_mode`` (True: Python bytecode from a config, as in
    a ``Lambda`` layer, is refused). Outside any scope, safe mode is on.

    Example:
        >>> with SafeModeScope(False):
        ...     in_safe_mode()
        False
        >>> in_safe_mode()
        True
    """

    def __init__(self, safe_mode: bool | None = True) -> None:
        self.safe_mode = safe_mode

    def __enter__(self) -> SafeModeScope:
        self._prev = _SAFE_MODE.value
        _SAFE_MODE.value = self.safe_mode
        return self

    def __exit__(self, *exc: Any) -> None:
        _SAFE_MODE.value = self._prev


def in_safe_mode() -> bool:
    """Whether deserialization refuses Python bytecode now (True unless a ``SafeModeScope(False)``
    is active). Example: ``in_safe_mode()`` is True by default."""
    return _SAFE_MODE.value is not False


def lambda_to_config(fn: Callable) -> dict:
    """A Python lambda as Keras 3 stores it (its marshalled bytecode, base64): readable by Keras and,
    with ``safe_mode=False``, by tapeflow.

    Example:
        >>> lambda_to_config(lambda x: x + 1)["class_name"]
        '__lambda__'
    """
    import base64
    import marshal

    code = base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii")
    closure = tuple(c.cell_contents for c in fn.__closure__) if fn.__closure__ else None
    return {"class_name": "__lambda__", "config": {"code": code, "defaults": fn.__defaults__, "closure": closure}}


def lambda_from_config(config: dict) -> Callable:
    """Rebuild a Python lambda from ``lambda_to_config``'s output: refused in safe mode (it runs code
    from the file).

    Example:
        >>> with SafeModeScope(False):
        ...     lambda_from_config(lambda_to_config(lambda x: x * 2))(21)
        42
    """
    if in_safe_mode():
        raise ValueError(_LAMBDA_REFUSED)
    import base64
    import marshal

    inner = config["config"]
    try:
        code = marshal.loads(base64.b64decode(inner["code"].encode("ascii")))
    except (ValueError, EOFError, TypeError) as e:
        raise ValueError(f"Lambda: cannot load the function's bytecode (written by another Python version?): {e}")
    closure = inner.get("closure")
    cells = tuple(types.CellType(c) for c in closure) if closure else None
    defaults = tuple(inner["defaults"]) if inner.get("defaults") is not None else None
    import builtins

    import tapeflow

    # the names a lambda in a Keras program usually refers to
    env = {"__builtins__": builtins, "tf": tapeflow, "keras": tapeflow.keras, "ops": tapeflow.keras.ops, "np": np}
    return types.FunctionType(code, env, None, defaults, cells)


class CustomObjectScope:
    """A context manager making ``custom_objects`` visible to deserialization inside it.

    Example:
        >>> class Twice:
        ...     def get_config(self):
        ...         return {}
        ...     @classmethod
        ...     def from_config(cls, config):
        ...         return cls()
        >>> with CustomObjectScope({"Twice": Twice}):
        ...     type(deserialize_keras_object({"class_name": "Twice", "config": {}})).__name__
        'Twice'
    """

    def __init__(self, custom_objects: dict | None = None) -> None:
        self.custom_objects = dict(custom_objects or {})
        self._pushed: dict | None = None

    def __enter__(self) -> CustomObjectScope:
        self._pushed = dict(self.custom_objects)
        _SCOPES.stack.append(self._pushed)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pushed is not None and _SCOPES.stack and _SCOPES.stack[-1] is self._pushed:
            _SCOPES.stack.pop()
        self._pushed = None


custom_object_scope = CustomObjectScope


# --- serialization --------------------------------------------------------------------------------

def _public_module(cls: Any) -> str | None:
    """``keras.<ns>`` when ``cls`` is a tapeflow built-in reachable there by its name."""
    mod = getattr(cls, "__module__", "") or ""
    if not mod.startswith("tapeflow.keras"):
        return None
    from ... import keras as _k

    name = getattr(cls, "__name__", None)
    for ns in _NAMESPACES:
        obj = _k
        for part in ns.split("."):
            obj = getattr(obj, part, None)
        if obj is not None and getattr(obj, name, None) is cls:
            return f"keras.{ns}"
    if getattr(_k, name, None) is cls:
        return "keras"
    return None


def _is_tensor(obj: Any) -> bool:
    from ...tensor import Tensor, Variable

    return isinstance(obj, (Tensor, Variable))


def serialize_keras_object(obj: Any) -> Any:
    """Keras 3's config of ``obj``: plain values as they are, containers element-wise, NumPy arrays
    and tensors as ``__numpy__`` / ``__tensor__`` entries, functions by (registered) name, objects as
    ``{"module", "class_name", "config", "registered_name"}``.

    Example:
        >>> from tapeflow import keras
        >>> serialize_keras_object(keras.losses.mean_squared_error)["config"]
        'mean_squared_error'
        >>> serialize_keras_object(np.array([1.0, 2.0]))
        {'class_name': '__numpy__', 'config': {'value': [1.0, 2.0], 'dtype': 'float64'}}
    """
    if obj is None or isinstance(obj, _PLAIN):
        return obj
    if isinstance(obj, (list, tuple)):
        out = [serialize_keras_object(x) for x in obj]
        return tuple(out) if isinstance(obj, tuple) else out
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if _is_tensor(obj):
        arr = np.asarray(obj.numpy())
        return {"class_name": "__tensor__", "config": {"value": arr.tolist(), "dtype": str(arr.dtype)}}
    if type(obj).__module__ == np.__name__:
        if isinstance(obj, np.ndarray) and obj.ndim > 0:
            return {"class_name": "__numpy__", "config": {"value": obj.tolist(), "dtype": str(obj.dtype)}}
        return obj.item()
    from ...dtypes import DType

    if isinstance(obj, DType):
        return obj.name
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        raise ValueError("serialize_keras_object: cannot serialize a `lambda` (Keras stores its bytecode, which "
                         "tapeflow does not); use a named function instead")
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)):
        return {"module": "builtins", "class_name": "function", "config": get_registered_name(obj),
                "registered_name": "function"}
    if isinstance(obj, type):
        return {"module": obj.__module__ if obj.__module__ != "__main__" else None, "class_name": "type",
                "config": get_registered_name(obj), "registered_name": "type"}
    get_config = getattr(obj, "get_config", None)
    if get_config is None:
        raise TypeError(f"Cannot serialize {obj!r}: it has no `get_config()` method")
    inner = serialize_keras_object(get_config())
    cls = type(obj)
    public = _public_module(cls)
    if public is not None:
        return {"module": public, "class_name": cls.__name__, "config": inner, "registered_name": None}
    module = cls.__module__
    return {"module": None if module == "__main__" else module, "class_name": cls.__name__, "config": inner,
            "registered_name": get_registered_name(cls)}


def _builtin(module: str | None, name: str) -> Any:
    """The tapeflow object behind ``keras.<ns>.<name>`` (None when absent)."""
    if not module or not (module == "keras" or module.startswith("keras.")):
        return None
    from ... import keras as _k

    obj: Any = _k
    for part in module.split(".")[1:]:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return getattr(obj, name, None)


def _retrieve(name: str, registered_name: str | None, module: str | None, kind: str,
              custom_objects: dict) -> Any:
    found = get_registered_object(name if kind == "function" else (registered_name or name),
                                  custom_objects=custom_objects)
    if found is None and registered_name and registered_name != name:
        found = get_registered_object(name, custom_objects=custom_objects)
    if found is not None:
        return found
    obj = _builtin(module, name)
    if obj is not None:
        return obj
    if kind == "function" and module == "builtins":
        for ns in _BUILTIN_FN_MODULES:
            obj = _builtin(f"keras.{ns}", name)
            if obj is not None:
                return obj
    if module and not module.startswith("keras") and module != "builtins":
        try:
            obj = vars(importlib.import_module(module)).get(name)
        except ImportError:
            obj = None
        if obj is not None:
            return obj
    raise TypeError(
        f"Could not locate {kind} '{name}'. Make sure custom classes and functions are decorated with "
        "`@keras.saving.register_keras_serializable()`. If they are already decorated, make sure they are all "
        "imported so that the decorator is run before trying to load them."
    )


def deserialize_keras_object(config: Any, custom_objects: dict | None = None, safe_mode: bool = True,
                             **kwargs: Any) -> Any:
    """Rebuild an object from ``serialize_keras_object``'s config.

    Example:
        >>> from tapeflow import keras
        >>> loss = deserialize_keras_object({"module": "keras.losses", "class_name": "MeanSquaredError",
        ...                                  "config": {"name": "mse2", "reduction": "sum"}, "registered_name": None})
        >>> loss.name, loss.reduction
        ('mse2', 'sum')
    """
    custom_objects = dict(custom_objects or {})
    if config is None or isinstance(config, _PLAIN):
        return config
    if isinstance(config, (list, tuple)):
        out = [deserialize_keras_object(x, custom_objects, safe_mode) for x in config]
        return tuple(out) if isinstance(config, tuple) else out
    if not isinstance(config, dict):
        raise TypeError(f"Could not parse config: {config}")
    if "class_name" not in config or "config" not in config:
        return {k: deserialize_keras_object(v, custom_objects, safe_mode) for k, v in config.items()}
    class_name = config["class_name"]
    inner = config["config"] if config["config"] is not None else {}
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner["dtype"])
    if class_name == "__tensor__":
        from ...tensor import constant

        return constant(inner["value"], dtype=inner["dtype"])
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name == "__lambda__":
        with SafeModeScope(safe_mode if _SAFE_MODE.value is None else _SAFE_MODE.value):
            return lambda_from_config(config)
    module = config.get("module")
    registered_name = config.get("registered_name", class_name)
    if class_name in ("function", "type"):
        if not isinstance(inner, str):
            raise TypeError(f"Expected 'config' to be a non-null str for a {class_name} classname,\n"
                            f"instead got {type(inner)}\nFull config: {config}")
        return _retrieve(inner, registered_name, module, "function" if class_name == "function" else "class",
                         custom_objects)
    if not isinstance(inner, dict):
        raise TypeError(f"Expected 'config' to be a dict for {class_name},\ninstead got {type(inner)}\n"
                        f"Full config: {config}")
    cls = _retrieve(class_name, registered_name, module, "class", custom_objects)
    if isinstance(cls, types.FunctionType):
        return cls
    if not hasattr(cls, "from_config"):
        raise TypeError(f"Unable to reconstruct an instance of '{class_name}' because the class is missing a "
                        f"`from_config()` method. Full object config: {config}")
    with CustomObjectScope(custom_objects):
        try:
            params = inspect.signature(cls.from_config).parameters
        except (TypeError, ValueError):
            params = {}
        if "custom_objects" in params:
            return cls.from_config(inner, custom_objects=custom_objects)
        return cls.from_config(inner)


__all__ = ["register_keras_serializable", "get_registered_name", "get_registered_object", "get_custom_objects",
           "CustomObjectScope", "custom_object_scope", "serialize_keras_object", "deserialize_keras_object",
           "SafeModeScope", "in_safe_mode"]
