"""``keras.utils.model_to_dot`` and ``keras.utils.plot_model``: a model's layer graph as a pydot
graph, and that graph drawn to an image file (by Graphviz). Both need the optional ``pydot``
package (or its forks ``pydot_ng`` / ``pydotplus``) and, to draw, Graphviz; without them they raise
Keras's ``ImportError``. Nested models are drawn as one node (``expand_nested=True`` is refused).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

__all__ = ["model_to_dot", "plot_model"]


def _pydot() -> Any:
    for name in ("pydot", "pydot_ng", "pydotplus"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def _check_built(model: Any) -> None:
    if not model.built:
        raise ValueError("This model has not yet been built. Build the model first by calling `build()` or by "
                         "calling the model on a batch of data.")


def _check_kwargs(kwargs: dict) -> None:
    if kwargs.pop("layer_range", None) is not None:
        raise ValueError("Argument `layer_range` is no longer supported.")
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {kwargs}")


def _shape_text(x: Any) -> str:
    shapes = [tuple(t.shape) for t in _kts(x)]
    text = ", ".join("(" + ", ".join(str(d) for d in s) + ")" for s in shapes)
    return text if len(shapes) == 1 else f"[{text}]"


def _kts(x: Any) -> list:
    if isinstance(x, dict):
        return [t for k in sorted(x) for t in _kts(x[k])]
    if isinstance(x, (list, tuple)):
        return [t for v in x for t in _kts(v)]
    return [x] if hasattr(x, "shape") else []


def _label(layer: Any, show_layer_names: bool, show_shapes: bool, show_dtype: bool,
           show_layer_activations: bool, show_trainable: bool) -> str:
    """A Graphviz record label: the layer's name and class, then the details asked for."""
    cls = type(layer).__name__
    if cls == "Model" and getattr(layer, "_graph", None) is not None:
        cls = "Functional"
    fields = [f"{layer.name} ({cls})" if show_layer_names else cls]
    nodes = getattr(layer, "_inbound_nodes", None) or []
    if show_shapes:
        if nodes and nodes[-1].inputs is not None:
            fields.append(f"{{Input shape: {_shape_text(nodes[-1].inputs)}|Output shape: "
                          f"{_shape_text(nodes[-1].outputs)}}}")
        elif nodes:
            fields.append(f"Output shape: {_shape_text(nodes[-1].outputs)}")
        else:
            fields.append("Output shape: ?")
    if show_dtype:
        fields.append(f"dtype: {getattr(layer.dtype, 'name', layer.dtype)}")
    activation = getattr(layer, "activation", None)
    if show_layer_activations and activation is not None:
        fields.append(f"Activation: {getattr(activation, '__name__', str(activation))}")
    if show_trainable:
        fields.append(f"Trainable: {'T' if layer.trainable else 'F'}")
    text = "|".join(fields)
    for ch in "<>":  # record-label metacharacters in shapes like `<None>` are escaped
        text = text.replace(ch, "\\" + ch)
    return "{" + text + "}" if len(fields) > 1 else text


def model_to_dot(model: Any, show_shapes: bool = False, show_dtype: bool = False, show_layer_names: bool = True,
                 rankdir: str = "TB", expand_nested: bool = False, dpi: int = 200, subgraph: bool = False,
                 show_layer_activations: bool = False, show_trainable: bool = False, splines: str = "ortho",
                 **kwargs: Any) -> Any:
    """The model's layers and their connections as a ``pydot.Dot`` (a ``pydot.Cluster`` named after
    the model when ``subgraph``): one record node per layer (a subclassed model is one node), an
    edge from each layer to each layer it feeds.

    Example:
        >>> from tapeflow import keras
        >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        >>> try:
        ...     keras.utils.model_to_dot(m)
        ... except ImportError as e:  # without pydot installed
        ...     print(e)
        You must install pydot (`pip install pydot`) for model_to_dot to work.
    """
    _check_built(model)
    pydot = _pydot()
    if pydot is None:
        raise ImportError("You must install pydot (`pip install pydot`) for model_to_dot to work.")
    _check_kwargs(kwargs)
    if expand_nested:
        raise ValueError("model_to_dot: expand_nested=True is not supported by tapeflow (nested models are drawn "
                         "as one node)")
    if subgraph:
        dot = pydot.Cluster(style="dashed", graph_name=model.name)
        dot.set("label", model.name)
        dot.set("labeljust", "l")
    else:
        dot = pydot.Dot()
        dot.set("rankdir", rankdir)
        dot.set("concentrate", True)
        dot.set("dpi", dpi)
        dot.set("splines", splines)
        dot.set_node_defaults(shape="record")
    opts = dict(show_layer_names=show_layer_names, show_shapes=show_shapes, show_dtype=show_dtype,
                show_layer_activations=show_layer_activations, show_trainable=show_trainable)
    graph = getattr(model, "_graph", None)
    if graph is None:  # a subclassed model: one node
        dot.add_node(pydot.Node(str(id(model)), label=_label(model, **opts)))
        return dot
    is_sequential = type(model).__name__ == "Sequential"
    layers = list(model.layers) if is_sequential else list(graph.layers)
    shown = {id(layer) for layer in layers}
    for layer in layers:
        dot.add_node(pydot.Node(str(id(layer)), label=_label(layer, **opts)))
    for node in graph.nodes:
        for t in node.flat_inputs:
            src = t._node.layer if t._node is not None else None
            if src is None or id(src) not in shown or id(node.layer) not in shown:
                continue
            a, b = str(id(src)), str(id(node.layer))
            if not dot.get_edge(a, b):
                edge = pydot.Edge(a, b)
                edge.set("penwidth", "2")
                dot.add_edge(edge)
    return dot


def plot_model(model: Any, to_file: Any = "model.png", show_shapes: bool = False, show_dtype: bool = False,
               show_layer_names: bool = False, rankdir: str = "TB", expand_nested: bool = False, dpi: int = 200,
               show_layer_activations: bool = False, show_trainable: bool = False, splines: str = "ortho",
               **kwargs: Any) -> Any:
    """Draw ``model_to_dot(model, ...)`` into ``to_file`` (its extension picks the format, png by
    default) with Graphviz; returns an ``IPython.display.Image`` of it when IPython is installed
    (not for pdf). Without pydot or Graphviz it raises Keras's ``ImportError`` (in a notebook, where
    ``IPython.core.magics.namespace`` is loaded, it prints that message and returns None instead).

    Example:
        >>> from tapeflow import keras
        >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        >>> try:
        ...     keras.utils.plot_model(m, "model.png", show_shapes=True)
        ... except ImportError as e:  # without pydot installed
        ...     print(e)
        You must install pydot (`pip install pydot`) for `plot_model` to work.
    """
    _check_built(model)
    notebook = "IPython.core.magics.namespace" in sys.modules
    pydot = _pydot()
    missing = None
    if pydot is None:
        missing = "You must install pydot (`pip install pydot`) for `plot_model` to work."
    else:
        try:
            pydot.Dot.create(pydot.Dot())
        except (OSError, getattr(pydot, "PydotException", OSError)):
            missing = ("You must install graphviz (see instructions at https://graphviz.gitlab.io/download/) for "
                       "`plot_model` to work.")
    if missing is not None:
        if notebook:
            print(missing)
            return None
        raise ImportError(missing)
    _check_kwargs(kwargs)
    dot = model_to_dot(model, show_shapes=show_shapes, show_dtype=show_dtype, show_layer_names=show_layer_names,
                       rankdir=rankdir, expand_nested=expand_nested, dpi=dpi,
                       show_layer_activations=show_layer_activations, show_trainable=show_trainable, splines=splines)
    to_file = str(to_file)
    extension = os.path.splitext(to_file)[1][1:] or "png"
    dot.write(to_file, format=extension)
    if extension != "pdf":
        try:
            from IPython import display
        except ImportError:
            return None
        return display.Image(filename=to_file)
    return None
