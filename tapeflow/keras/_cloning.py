"""``keras.models.clone_model``, ``keras.models.model_from_json`` and ``Model.to_json``.

Cloning builds a new model of the same structure with new layers (fresh weights, not copied):
a Sequential model from its layers, a functional model by replaying its graph on new inputs,
any other model through its config.

Example:
    >>> from tapeflow import keras
    >>> x = keras.Input((3,), name="x")
    >>> model = keras.Model(x, keras.layers.Dense(2, name="d")(x), name="m")
    >>> twin = keras.models.clone_model(model)
    >>> twin.name, [layer.name for layer in twin.layers], twin.layers[1] is model.layers[1]
    ('m', ['x', 'd'], False)
"""

from __future__ import annotations

import json
from typing import Any, Callable

import numpy as np


def _models() -> Any:
    from . import models

    return models


def _is_functional(model: Any) -> bool:
    m = _models()
    return isinstance(model, m.Model) and not isinstance(model, m.Sequential) and model._graph is not None


def _wrap_clone_function(clone_function: Callable | None, call_function: Callable | None = None,
                         recursive: bool = False, cache: dict | None = None) -> Callable:
    if clone_function is None:
        def _clone_layer(layer: Any) -> Any:
            return layer.__class__.from_config(layer.get_config())

        clone_function = _clone_layer
    if cache is None:
        cache = {}

    def wrapped_clone_function(layer: Any) -> Any:
        if id(layer) in cache:
            return cache[id(layer)]
        m = _models()
        if recursive and isinstance(layer, m.Sequential):
            clone = clone_model(layer, clone_function=clone_function, recursive=True, cache=cache)
        elif recursive and _is_functional(layer):
            clone = clone_model(layer, clone_function=clone_function, call_function=call_function, recursive=True,
                                cache=cache)
        else:
            clone = clone_function(layer)
        cache[id(layer)] = clone
        return clone

    return wrapped_clone_function


def _compile_like(clone: Any, model: Any) -> Any:
    if getattr(model, "compiled", False):
        clone.compile_from_config(model.get_compile_config())
    return clone


def _clone_sequential_model(model: Any, clone_function: Callable, input_tensors: Any = None) -> Any:
    m = _models()
    from .keras_tensor import KerasTensor

    if not callable(clone_function):
        raise ValueError(f"Expected `clone_function` argument to be a callable. Received: "
                         f"clone_function={clone_function}")
    new_layers = [clone_function(layer) for layer in model.layers]
    ref = model._input_layer
    if input_tensors is not None:
        if isinstance(input_tensors, (list, tuple)):
            if len(input_tensors) != 1:
                raise ValueError("Argument `input_tensors` must contain a single tensor.")
            input_tensors = input_tensors[0]
        if not isinstance(input_tensors, KerasTensor):
            raise ValueError(f"Argument `input_tensors` must be a KerasTensor. Received invalid value: "
                             f"input_tensors={input_tensors}")
        node = input_tensors._node
        if node is None or node.inputs is not None:
            raise ValueError("clone_model: tapeflow can build a Sequential clone only on a `keras.Input` tensor, "
                             f"not on the output of another layer; received {input_tensors!r}")
        new_layers = [input_tensors] + new_layers
    elif ref is not None:
        inputs = m.Input(batch_shape=ref.batch_shape, dtype=ref.dtype, name=ref.name, optional=ref.optional)
        new_layers = [inputs] + new_layers
    clone = m.Sequential(new_layers, name=model.name, trainable=model.trainable)
    return _compile_like(clone, model)


def _same_structure(a: Any, b: Any) -> bool:
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) and all(
            _same_structure(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b) and all(
            _same_structure(x, y) for x, y in zip(a, b))
    return True


def _clone_functional_model(model: Any, clone_function: Callable, input_tensors: Any = None,
                            call_function: Callable | None = None) -> Any:
    m = _models()
    from .layers.base import InputLayer, KerasTensor, _flatten, _map, _OpLayer

    if not callable(clone_function):
        raise ValueError(f"Expected `clone_function` argument to be a callable. Received: "
                         f"clone_function={clone_function}")
    g = model._graph
    if input_tensors is not None:
        if not all(isinstance(x, KerasTensor) for x in _flatten(input_tensors)):
            raise ValueError(f"All entries in `input_tensors` must be KerasTensors. Received invalid values: "
                             f"inputs_tensors={input_tensors}")
        if not _same_structure(input_tensors, g.inputs):
            raise ValueError(f"`input_tensors` must have the same structure as model.input\nReference structure: "
                             f"{g.inputs}\nReceived structure: {input_tensors}")
    else:
        input_tensors = _map(lambda t: m.Input(batch_shape=tuple(t.shape.as_list()), dtype=t.dtype.name,
                                               name=t.name), g.inputs)
    new: dict = {id(old): t for old, t in zip(g.flat_in, _flatten(input_tensors))}

    def swap(v: Any) -> Any:
        return _map(lambda t: new[id(t)] if type(t) is KerasTensor else t, v)

    ops: dict = {}
    for node in g.nodes:
        layer = node.layer
        if isinstance(layer, InputLayer):
            continue
        if isinstance(layer, _OpLayer):
            # a Python operator on symbolic tensors: the same operation on the new tensors
            op = ops.setdefault(id(layer), _OpLayer(layer.fn, layer.op))
            out = op(list(swap(list(node.inputs))))
        else:
            new_layer = clone_function(layer)
            args = (swap(node.inputs),) + tuple(swap(a) for a in node.args)
            kwargs = {k: swap(v) for k, v in node.kwargs.items()}
            out = call_function(new_layer, *args, **kwargs) if call_function is not None else new_layer(*args, **kwargs)
        flat = _flatten(out)
        if len(flat) != len(node.flat_outputs):
            raise ValueError(f"clone_model: the clone of layer '{layer.name}' returned {len(flat)} outputs, but the "
                             f"model's graph has {len(node.flat_outputs)}")
        for old, t in zip(node.flat_outputs, flat):
            new[id(old)] = t
    output_tensors = swap(g.outputs)
    cls = type(model) if type(model).__init__ is m.Model.__init__ else m.Model
    clone = cls(input_tensors, output_tensors, name=model.name)
    return _compile_like(clone, model)


def clone_model(model: Any, input_tensors: Any = None, clone_function: Callable | None = None,
                call_function: Callable | None = None, recursive: bool = False, **kwargs: Any) -> Any:
    """A new model with the same structure as ``model`` and new layers (fresh weights; call
    ``set_weights(model.get_weights())`` to copy them). A compiled model's clone is compiled the
    same way, with a new optimizer.

    Args:
        model: a Sequential or functional model, or a subclassed model with ``get_config``.
        input_tensors: ``keras.Input`` tensor(s) to build the clone on (the structure of
            ``model.input``); new Inputs like the model's by default.
        clone_function: called on each layer to make its clone (default:
            ``layer.__class__.from_config(layer.get_config())``); a layer used several times is
            cloned once. tapeflow replays Python operators on symbolic tensors (``x + 1``)
            without passing them to it (Keras passes its operation objects).
        call_function: ``call_function(new_layer, *args, **kwargs)`` calls each cloned layer in a
            functional model (default: ``new_layer(*args, **kwargs)``).
        recursive: clone nested Sequential and functional models layer by layer too.

    Example:
        >>> from tapeflow import keras
        >>> seq = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, name="d")], name="s")
        >>> def wider(layer):
        ...     return keras.layers.Dense(8, name="wide") if layer.name == "d" else layer
        >>> clone_model(seq, clone_function=wider).output_shape
        (None, 8)
    """
    cache = kwargs.pop("cache", None)
    if kwargs:
        raise ValueError(f"Unexpected keyword argument(s): {tuple(kwargs.keys())}")
    m = _models()
    if isinstance(model, m.Sequential):
        clone_function = _wrap_clone_function(clone_function, call_function=call_function, recursive=recursive,
                                              cache=cache)
        if call_function is not None:
            raise ValueError(
                "`call_function` argument is not supported with Sequential models.  In a Sequential model, layers "
                "aren't called at model-construction time (they're merely listed). Use `call_function` with "
                f"Functional models only. Received model of type '{type(model).__name__}', with "
                f"call_function={clone_function}")
        return _clone_sequential_model(model, clone_function=clone_function, input_tensors=input_tensors)
    if _is_functional(model):
        clone_function = _wrap_clone_function(clone_function, call_function=call_function, recursive=recursive,
                                              cache=cache)
        if type(model).get_config is m.Model.get_config or clone_function is not None or input_tensors is not None:
            return _clone_functional_model(model, clone_function=clone_function, call_function=call_function,
                                           input_tensors=input_tensors)
    if clone_function is not None or input_tensors is not None:
        raise ValueError(
            "Arguments `clone_function` and `input_tensors` are only supported for Sequential models or Functional "
            f"models. Received model of type '{type(model).__name__}', with clone_function={clone_function} and "
            f"input_tensors={input_tensors}")
    if call_function is not None:
        raise ValueError(f"Argument `call_function` is only supported for Functional models. Received model of type "
                         f"'{type(model).__name__}', with call_function={clone_function}")
    return model_from_config(_model_dict(model), custom_objects={type(model).__name__: type(model)})


# --- JSON ---------------------------------------------------------------------------------------------


def _model_dict(model: Any) -> dict:
    """The model as Keras 3's ``serialize_keras_object`` writes it (with build and compile configs)."""
    m = _models()
    if isinstance(model, m.Sequential):
        out = {"module": "keras", "class_name": "Sequential", "config": model.get_config(), "registered_name": None}
        if model._graph is not None:
            out["build_config"] = {"input_shape": model._input_layer.batch_shape}
    elif _is_functional(model) and type(model) is m.Model:
        out = {"module": "keras.src.models.functional", "class_name": "Functional", "config": model.get_config(),
               "registered_name": "Functional", "build_config": {"input_shape": None}}
    else:
        from .utils.serialization import serialize_keras_object

        out = serialize_keras_object(model)
        build = model.get_build_config() if hasattr(model, "get_build_config") else None
        if build is not None:
            out["build_config"] = build
    if hasattr(model, "get_compile_config"):
        out["compile_config"] = model.get_compile_config()
    return out


def _json_default(obj: Any) -> Any:
    from ..dtypes import DType
    from ..tensor import TensorShape

    if isinstance(obj, TensorShape):
        return obj.as_list() if obj.rank is not None else None
    if isinstance(obj, DType):
        return obj.name
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, (set, frozenset)):
        return list(obj)
    if hasattr(obj, "get_config"):
        from .utils.serialization import serialize_keras_object

        return serialize_keras_object(obj)
    raise TypeError(f"Unable to serialize {obj} to JSON. Unrecognized type {type(obj)}.")


def to_json(model: Any, **kwargs: Any) -> str:
    """``model.to_json(**kwargs)``: the model's config as a JSON string (``kwargs`` go to ``json.dumps``)."""
    return json.dumps(_model_dict(model), default=_json_default, **kwargs)


def model_from_config(config: dict, custom_objects: dict | None = None) -> Any:
    """Rebuild a model from ``_model_dict``'s output (then build and compile it as recorded)."""
    m = _models()
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Improper config format for {config}. Expecting python dict contains `class_name` and "
                         "`config` as keys")
    name = config["class_name"]
    inner = config.get("config") or {}
    if name == "Functional" or (name == "Model" and "layers" in inner):
        model = m.Model.from_config(inner, custom_objects=custom_objects)
    elif name == "Sequential":
        model = m.Sequential.from_config(inner, custom_objects=custom_objects)
    else:
        from .utils.serialization import deserialize_keras_object

        bare = {k: v for k, v in config.items() if k not in ("build_config", "compile_config")}
        model = deserialize_keras_object(bare, custom_objects=custom_objects)
    build = config.get("build_config")
    if build and not model.built:
        if isinstance(model, m.Model) and model._graph is None and build.get("input_shape") is not None:
            model.build(build["input_shape"])  # a subclassed model: built by a call, as Keras's build
        else:
            model.build_from_config(build)
    compile_config = config.get("compile_config")
    if compile_config:
        model.compile_from_config(compile_config)
    return model


def model_from_json(json_string: str, custom_objects: dict | None = None) -> Any:
    """Rebuild a model (new weights) from ``model.to_json()``'s string; ``custom_objects`` maps
    names to user classes and functions. A compiled model comes back compiled.

    Example:
        >>> from tapeflow import keras
        >>> x = keras.Input((3,), name="x")
        >>> model = keras.Model(x, keras.layers.Dense(2, name="d")(x), name="m")
        >>> again = model_from_json(model.to_json())
        >>> type(again).__name__, again.name, again.output_shape
        ('Model', 'm', (None, 2))
    """
    return model_from_config(json.loads(json_string), custom_objects=custom_objects)


__all__ = ["clone_model", "model_from_json"]
