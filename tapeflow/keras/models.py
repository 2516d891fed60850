"""``keras.Model`` (functional and subclassed), ``keras.Sequential`` and ``keras.Input``.

A functional model is built from symbolic ``KerasTensor``s: ``keras.Model(inputs, outputs)``
walks the recorded layer calls back from the outputs once, stores them in topological order,
and on each call runs that plan on real tensors. A subclassed model defines ``call``; its
layers (attributes) are tracked by ``Layer``'s attribute scan.

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> from tapeflow.keras import layers
    >>> inputs = keras.Input(shape=(784,), name="digits")
    >>> x = layers.Dense(64, activation="relu")(inputs)
    >>> model = keras.Model(inputs=inputs, outputs=layers.Dense(10, activation="softmax")(x))
    >>> model(np.zeros((2, 784), "float32")).shape.as_list()
    [2, 10]
"""

from __future__ import annotations

import math
import os
import re
import shutil
from typing import Any, Callable

import numpy as np

from ..primitives import core as C
from ..tensor import Tensor, TensorShape, Variable, convert_to_tensor
from .layers.base import (
    _CTX,
    Input,
    InputLayer,
    KerasTensor,
    Layer,
    _annotate,
    _bump,
    _flatten,
    _map,
    _OpLayer,
    _positional_error,
    to_snake_case,
    unique_name,
)
from .trainer import Trainer


class _Const:
    """A non-tensor argument recorded in a graph node (replayed as is)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _shape_tuple(shape: Any) -> tuple:
    return tuple(None if d is None else int(d) for d in shape)


def _walk_nodes(root: Any, enter: Callable, leave: Callable) -> None:
    """Depth-first over a layer graph from ``root`` (a node, or None), without recursion: ``enter(t)``
    is called for each input tensor of a node in order and returns the node to descend into (or
    None); ``leave(node)`` runs after all of a node's inputs were walked (post-order)."""
    if root is None:
        return
    stack = [(root, iter(root.flat_inputs if root.inputs is not None else ()))]
    while stack:
        node, pending = stack[-1]
        for t in pending:
            child = enter(t)
            if child is not None:
                stack.append((child, iter(child.flat_inputs if child.inputs is not None else ())))
                break
        else:
            stack.pop()
            leave(node)


def _keras_layer_order(flat_in: list, flat_out: list, graph_inputs: set) -> list:
    """A functional model's layers in Keras 3's order (``model.layers``, so its weights' order): by
    decreasing depth (the number of layers between a layer and the outputs; a shared layer takes its
    deepest call), ties in the order a depth-first walk from the outputs first reaches them. Input
    layers the outputs do not use have depth 0 and come first among the depth-0 layers."""
    first: dict = {}
    layer_of: dict = {}
    post: list = []  # nodes, inputs before the nodes that use them
    done: set = set()
    producer: dict = {}

    def enter(t: KerasTensor) -> Any:
        node = t._node
        if node is None or id(node) in done:
            return None
        if node.inputs is not None and id(t) in graph_inputs:
            return None  # an intermediate tensor given as a model input: its layer is not part of the model
        done.add(id(node))
        first.setdefault(id(node.layer), len(first))
        layer_of[id(node.layer)] = node.layer
        return node

    def leave(node: Any) -> None:
        for o in node.flat_outputs:
            producer[id(o)] = node
        post.append(node)

    for t in flat_out:  # a depth-first walk without recursion (models of any depth)
        _walk_nodes(enter(t), enter, leave)
    depth: dict = {}
    layer_depth: dict = {}
    for node in reversed(post):
        d = max(depth.setdefault(id(node), 0), layer_depth.get(id(node.layer), 0))
        layer_depth[id(node.layer)] = d
        depth[id(node)] = d
        if node.inputs is not None:
            for t in node.flat_inputs:
                p = producer.get(id(t))
                if p is not None:
                    depth[id(p)] = max(d + 1, depth.get(id(p), 0))
    for t in flat_in:  # inputs not connected to the outputs
        n = t._node
        if n is not None and n.inputs is None and id(n.layer) not in layer_depth:
            layer_depth[id(n.layer)] = 0
            first[id(n.layer)] = -1
            layer_of[id(n.layer)] = n.layer
    keys = sorted(layer_depth, key=lambda k: (-layer_depth[k], first[k]))
    return [layer_of[k] for k in keys]


class _Graph:
    """The executable plan of a functional model."""

    def __init__(self, model: Model, inputs: Any, outputs: Any) -> None:
        name = model.name
        flat_in = _flatten(inputs)
        flat_out = _flatten(outputs)
        for what, flat in (("inputs", flat_in), ("outputs", flat_out)):
            if not flat:
                raise ValueError(f"Model '{name}': {what} must not be empty")
            for t in flat:
                if type(t) is not KerasTensor:
                    raise TypeError(
                        f"Model '{name}': all {what} must be symbolic tensors made by keras.Input or by calling "
                        f"layers on them; got {type(t).__name__}"
                    )
        if len({id(t) for t in flat_in}) != len(flat_in):
            raise ValueError(f"Model '{name}': the same input tensor is listed twice in inputs")
        slot: dict = {id(t): i for i, t in enumerate(flat_in)}
        order: list = []
        done: set = set()
        active: set = set()

        def enter(t: KerasTensor) -> Any:
            if id(t) in slot:
                return None
            node = t._node
            if node is None or node.inputs is None:
                raise ValueError(
                    f"Graph disconnected in model '{name}': cannot obtain a value for tensor {t!r}, which "
                    f"comes from layer '{node.layer.name if node else '?'}' but is not among the model "
                    f"inputs {[x.name for x in flat_in]}"
                )
            if id(node) in done:
                return None
            if id(node) in active:
                raise ValueError(f"Model '{name}': the layer graph has a cycle at layer '{node.layer.name}'")
            active.add(id(node))
            return node

        def leave(node: Any) -> None:
            active.discard(id(node))
            done.add(id(node))
            order.append(node)
            for o in node.flat_outputs:
                slot[id(o)] = len(slot)

        for t in flat_out:  # a depth-first walk without recursion (models of any depth)
            _walk_nodes(enter(t), enter, leave)

        def tmpl(x: Any) -> Any:
            return _map(lambda v: slot[id(v)] if type(v) is KerasTensor else _Const(v), x)

        self.plan = []
        for node in order:
            src = tmpl(node.inputs)
            dst = slot[id(node.flat_outputs[0])] if len(node.flat_outputs) == 1 and type(node.outputs) is KerasTensor \
                else [slot[id(o)] for o in node.flat_outputs]
            args = tuple(tmpl(a) for a in node.args)
            kwargs = {k: tmpl(v) for k, v in node.kwargs.items()}
            self.plan.append((node.layer, src, dst, args, kwargs, bool(args or kwargs)))
        self.n = len(slot)
        self.nodes = order
        self.inputs = inputs
        self.outputs = outputs
        self.flat_in = flat_in
        self.out_tmpl = tmpl(outputs)
        self.in_dtypes = [t.dtype._np for t in flat_in]
        self.in_shapes = [tuple(t.shape) for t in flat_in]
        self.in_names = list(inputs.keys()) if type(inputs) is dict else [t.name for t in flat_in]
        self.in_dict = type(inputs) is dict
        # a functional model checks its inputs' shapes; a Sequential model only their rank (its
        # layers check the rest), as Keras 3
        self.check_dims = not getattr(model, "_rank_only_inputs", False)
        self.ok_shapes: list = [None] * len(flat_in)
        self.model_name = name
        self.layers = _keras_layer_order(flat_in, flat_out, {id(t) for t in flat_in})
        # a plain chain (one tensor input, each layer fed by the one before, one tensor output):
        # run by `run_chain` without the slot table
        chain: list | None = []
        prev = 0
        for layer, src, dst, _args, _kwargs, extra in self.plan:
            if extra or type(src) is not int or type(dst) is not int or src != prev:
                chain = None
                break
            chain.append(layer)
            prev = dst
        self.chain = chain if len(flat_in) == 1 and type(self.out_tmpl) is int and prev == self.out_tmpl else None
        self.in_dtype0 = self.in_dtypes[0]

    # -- running ----------------------------------------------------------------------------------
    def _prep(self, i: int, x: Any) -> Tensor:
        dt = self.in_dtypes[i]
        if type(x) is Tensor:
            if x._value.dtype is not dt and x._value.dtype != dt:
                x = C.cast_raw(x, dt)
        elif isinstance(x, Variable):
            x = x._read()
            if x._value.dtype != dt:
                x = C.cast_raw(x, dt)
        elif isinstance(x, np.ndarray):
            x = Tensor(x if x.dtype == dt else x.astype(dt))
        elif isinstance(x, Tensor):
            if x._value.dtype != dt:
                x = C.cast_raw(x, dt)
        else:
            try:
                x = convert_to_tensor(x)
            except (TypeError, ValueError) as e:
                raise TypeError(
                    f"Model '{self.model_name}': input {i} ('{self.in_names[i]}') cannot be converted to a "
                    f"tensor: {e}"
                ) from None
            if x._value.dtype != dt:
                x = Tensor(x._value.astype(dt))
        shp = x._value.shape
        if shp != self.ok_shapes[i]:
            exp = self.in_shapes[i]
            if self.check_dims:
                # a functional model's input spec (Keras 3): the shape without its batch size, a
                # trailing axis of size 1 ignored on either side; raised as is (not a call error)
                spec = (None,) + tuple(exp[1:])
                s_spec = spec[:-1] if spec and spec[-1] == 1 else spec
                s_shp = shp[:-1] if shp and shp[-1] == 1 else shp
                if any(a is not None and a != b for a, b in zip(s_spec, s_shp)):
                    e = ValueError(f"Input {i} with name '{self.in_names[i]}' of layer '{self.model_name}' is "
                                   f"incompatible with the layer: expected shape={spec}, found shape={tuple(shp)}")
                    e._keras_call_info_injected = True
                    raise e
            if len(shp) == len(exp) + 1 and shp[-1] == 1:
                return C.reshape_to(x, shp[:-1])  # Keras 3 squeezes a trailing 1 (not cached)
            if len(shp) == len(exp) - 1 and exp[-1] == 1:
                return C.reshape_to(x, shp + (1,))  # ... or adds it
            if len(shp) != len(exp):
                path = "" if len(self.flat_in) == 1 else str(self.in_names[i] if self.in_dict else i)
                raise ValueError(f"Invalid input shape for input {np.asarray(x._value)} with name "
                                 f"'{self.flat_in[i].name}' and path '{path}'. Expected shape {_shape_tuple(exp)}, "
                                 f"but input has incompatible shape {tuple(shp)}")
            self.ok_shapes[i] = shp
        return x

    def standardize(self, inputs: Any) -> list:
        n = len(self.flat_in)
        if n == 1:
            if type(inputs) in (list, tuple) and len(inputs) == 1 and isinstance(
                    inputs[0], (Tensor, Variable, np.ndarray, dict)):
                inputs = inputs[0]
            elif type(inputs) is dict:
                inputs = self._from_dict(inputs)[0]
            return [self._prep(0, inputs)]
        if type(inputs) is dict:
            flat = self._from_dict(inputs)
        elif type(inputs) in (list, tuple):
            flat = _flatten(inputs) if len(inputs) != n else list(inputs)
        else:
            flat = [inputs]
        if len(flat) != n:
            raise ValueError(
                f"Model '{self.model_name}' expects {n} inputs ({self.in_names}), but it received "
                f"{len(flat)} input tensor(s)"
            )
        return [self._prep(i, x) for i, x in enumerate(flat)]

    def _from_dict(self, d: dict) -> list:
        missing = [k for k in self.in_names if k not in d]
        if missing:
            raise ValueError(
                f"Model '{self.model_name}': missing inputs {missing}; the model expects inputs named "
                f"{self.in_names}, got keys {list(d)}"
            )
        return [d[k] for k in self.in_names]

    def run_chain(self, x: Tensor) -> Any:
        """``run`` for a chain graph (``self.chain`` not None) on one Tensor."""
        v = x._value
        if v.dtype is not self.in_dtype0 or v.shape != self.ok_shapes[0]:
            x = self._prep(0, x)
        for layer in self.chain:
            x = layer(x)
        return x

    def run(self, inputs: Any) -> Any:
        vals = [None] * self.n
        xs = self.standardize(inputs)
        vals[: len(xs)] = xs
        get = vals.__getitem__
        for layer, src, dst, args, kwargs, extra in self.plan:
            if type(src) is int:
                x = vals[src]
            else:
                x = _map(lambda s: get(s) if type(s) is int else s.value, src)
            if extra:
                fill = (lambda s: get(s) if type(s) is int else s.value)  # noqa: E731
                kw = {k: _map(fill, v) for k, v in kwargs.items()}
                if "training" in kw and _CTX.training is not None:
                    # Keras 3: the model's own `training` flag overrides the one recorded when the
                    # graph was built (a loaded config records `training: true` for augmentation)
                    del kw["training"]
                out = layer(x, *[_map(fill, a) for a in args], **kw)
            else:
                out = layer(x)
            if type(dst) is int:
                vals[dst] = out
            else:
                flat = _flatten(out)
                if len(flat) != len(dst):
                    raise ValueError(
                        f"Layer '{layer.name}' returned {len(flat)} outputs, but the model graph recorded {len(dst)}"
                    )
                for i, o in zip(dst, flat):
                    vals[i] = o
        t = self.out_tmpl
        if type(t) is int:
            return vals[t]
        return _map(get, t)


class Model(Layer, Trainer):
    """A model: functional (``Model(inputs, outputs)``) or subclassed (define ``call``).

    Training (``compile``/``fit``/``evaluate``/``predict``) comes from ``Trainer``.

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> from tapeflow.keras import layers
        >>> class MLP(keras.Model):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.hidden = layers.Dense(8, activation="relu")
        ...         self.out = layers.Dense(2)
        ...     def call(self, x, training=False):
        ...         return self.out(self.hidden(x))
        >>> m = MLP()
        >>> m(np.zeros((3, 4), "float32")).shape.as_list(), len(m.trainable_weights)
        ([3, 2], 4)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Keras 3: (inputs, outputs) positionally or by keyword make a functional model; anything else goes to
        # Layer.__init__, which takes no positional argument (a Keras 2 `super().__init__(self)` is a TypeError)
        if args and not (len(args) == 2 or (len(args) == 1 and "outputs" in kwargs)):
            raise TypeError(f"Layer.__init__() takes 1 positional argument but {len(args) + 1} were given")
        if ("inputs" in kwargs) != ("outputs" in kwargs) and not args:
            key = "inputs" if "inputs" in kwargs else "outputs"
            raise ValueError(f"Unrecognized keyword arguments passed to Model: {{{key!r}: {kwargs[key]!r}}} (a "
                             "functional Model needs both `inputs` and `outputs`)")
        inputs = kwargs.pop("inputs", None)
        outputs = kwargs.pop("outputs", None)
        if args:
            inputs = args[0]
            if len(args) > 1:
                outputs = args[1]
        functional = inputs is not None or outputs is not None
        if functional and (inputs is None or outputs is None):
            raise ValueError("A functional Model needs both `inputs` and `outputs`")
        name = kwargs.pop("name", None)
        if name is None:
            base = "functional" if functional and type(self) is Model else to_snake_case(type(self).__name__)
            name = unique_name(base)
        Layer.__init__(self, name=name, **kwargs)
        if Trainer.__init__ is not object.__init__:
            Trainer.__init__(self)
        self._graph: _Graph | None = None
        self._graph_layers: list = []
        if functional:
            self._init_graph(inputs, outputs)

    def _init_graph(self, inputs: Any, outputs: Any) -> None:
        self._graph = _Graph(self, inputs, outputs)
        self._graph_layers = list(self._graph.layers)
        self._autocast = False
        self.built = True
        _bump()

    # -- calling ----------------------------------------------------------------------------------
    def __call__(self, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        g = self._graph
        if (g is None or g.chain is None or type(inputs) is not Tensor or args or self._spec is not None
                or self.activity_regularizer is not None or type(self).call not in _GRAPH_CALLS):
            return Layer.__call__(self, inputs, *args, **kwargs)
        # the hot path of a functional chain called on a Tensor: Layer.__call__'s work, minus
        # what cannot apply (the graph casts and checks the input; the model is built)
        training = None
        if kwargs:
            if len(kwargs) != 1 or "training" not in kwargs:
                return Layer.__call__(self, inputs, *args, **kwargs)
            training = kwargs["training"]
        if self._call_losses:
            self._call_losses = []
        if training is None:
            try:
                return g.run_chain(inputs)
            except Exception as e:
                raise _annotate(e, self, (inputs,), {}).with_traceback(e.__traceback__) from None
        if isinstance(training, (Tensor, Variable)):
            training = bool(training)
        ctx = _CTX
        prev = ctx.training
        ctx.training = training
        try:
            return g.run_chain(inputs)
        except Exception as e:
            raise _annotate(e, self, (inputs,), {"training": training}).with_traceback(e.__traceback__) from None
        finally:
            ctx.training = prev

    def _convert_inputs(self, x: Any) -> Any:
        if self._graph is not None:
            # the graph converts and checks each input against its keras.Input; Keras 3's rule on
            # positional arguments still applies: tensors and array-likes only
            for v in _flatten(x):
                if not (v is None or isinstance(v, (Tensor, Variable, np.ndarray)) or hasattr(v, "__array__")):
                    raise _positional_error(v)
            return x
        return Layer._convert_inputs(self, x)

    def call(self, inputs: Any, training: Any = None, mask: Any = None) -> Any:
        """Run the functional graph (subclassed models override this)."""
        g = self._graph
        if g is None:
            raise NotImplementedError(
                f"Model '{self.name}' ({type(self).__name__}) has no call(): subclass keras.Model and define "
                "call(self, inputs), or build a functional model with keras.Model(inputs, outputs)"
            )
        return g.run(inputs)

    def build(self, input_shape: Any = None) -> None:
        """Create the weights of a subclassed model by calling it on zeros of ``input_shape``
        (unknown dimensions taken as 1).

        Example:
            >>> from tapeflow import keras
            >>> from tapeflow.keras import layers
            >>> class M(keras.Model):
            ...     def __init__(self):
            ...         super().__init__()
            ...         self.d = layers.Dense(3)
            ...     def call(self, x):
            ...         return self.d(x)
            >>> m = M(); m.build((None, 5)); m.count_params()
            18
        """
        if self._graph is not None:
            return
        if input_shape is None:
            if self.built:
                return
            raise ValueError(f"Model '{self.name}': build() needs an input_shape, e.g. model.build((None, 784))")

        def zeros(s: Any) -> Tensor:
            return Tensor(np.zeros([1 if d is None else int(d) for d in s], self._np_dtype))

        is_one = isinstance(input_shape, (tuple, list, TensorShape)) and all(
            d is None or isinstance(d, (int, np.integer)) for d in input_shape)
        x = zeros(input_shape) if is_one else _map_shapes(zeros, input_shape)
        self.built = True
        self._build_input_shape = input_shape
        self(x, training=False)
        _bump()

    # -- structure ----------------------------------------------------------------------------------
    @property
    def layers(self) -> list:
        """The model's layers: graph order for functional models (InputLayers included),
        tracked attributes for subclassed ones."""
        if self._graph is not None:
            return [lay for lay in self._graph_layers if not isinstance(lay, _OpLayer)]
        out, seen = [], set()
        for lay in self._sublayers():
            if id(lay) not in seen:
                seen.add(id(lay))
                out.append(lay)
        return out

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        """A layer by name (or by index into ``layers``).

        Example:
            >>> from tapeflow import keras
            >>> from tapeflow.keras import layers
            >>> x = keras.Input((2,)); m = keras.Model(x, layers.Dense(1, name="out")(x))
            >>> m.get_layer("out").units
            1
        """
        lays = self.layers
        if index is not None:
            if name is not None:
                raise ValueError("get_layer: provide only one of `name` and `index`")
            if not -len(lays) <= int(index) < len(lays):
                raise ValueError(f"get_layer: index {index} is out of range: model '{self.name}' has {len(lays)} layers")
            return lays[int(index)]
        if name is None:
            raise ValueError("get_layer: provide either a layer `name` or an `index`")
        for lay in lays:
            if lay.name == name:
                return lay
        raise ValueError(f"No such layer: {name}. Existing layers are: {[lay.name for lay in lays]}.")

    @property
    def inputs(self) -> list:
        return list(self._graph.flat_in) if self._graph is not None else None

    @property
    def outputs(self) -> list:
        return _flatten(self._graph.outputs) if self._graph is not None else None

    @property
    def output_names(self) -> list | None:
        """Names of the layers producing the outputs (dict outputs in sorted key order, as Keras 3
        flattens them); None if not functional."""
        g = self._graph
        if g is None:
            return None
        outs = [g.outputs[k] for k in sorted(g.outputs)] if type(g.outputs) is dict else _flatten(g.outputs)
        return [t._node.layer.name if t._node is not None else t.name for t in outs]

    @property
    def input(self) -> Any:
        if self._graph is None:
            raise AttributeError(f"Model '{self.name}' has no symbolic input (it is not a functional model)")
        return self._graph.inputs

    @property
    def output(self) -> Any:
        if self._graph is None:
            raise AttributeError(f"Model '{self.name}' has no symbolic output (it is not a functional model)")
        return self._graph.outputs

    def summary(
        self,
        line_length: int | None = None,
        positions: Any = None,
        print_fn: Callable | None = None,
        expand_nested: bool = False,
        show_trainable: bool = False,
        layer_range: Any = None,
    ) -> None:
        """Print Keras 3's table of the layers: name (type), output shape, parameter count (and,
        for functional models that are not a plain chain, the inputs each layer is connected to),
        then the parameter totals and their memory. ``print_fn`` is called once with the whole
        text; without it the text goes to stdout. The width follows Keras: 88 columns (108 with
        "Connected to") or the terminal's width less 4, whichever is smaller, unless
        ``line_length`` is given.

        Example:
            >>> from tapeflow import keras
            >>> from tapeflow.keras import layers
            >>> x = keras.Input((3,), name="x")
            >>> model = keras.Model(x, layers.Dense(2, name="d")(x), name="m")
            >>> model.summary(line_length=50)
            Model: "m"
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape   ┃ Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
            │ x (InputLayer)      │ (None, 3)      │       0 │
            ├─────────────────────┼────────────────┼─────────┤
            │ d (Dense)           │ (None, 2)      │       8 │
            └─────────────────────┴────────────────┴─────────┘
             Total params: 8 (32.00 B)
             Trainable params: 8 (32.00 B)
             Non-trainable params: 0 (0.00 B)
        """
        text = _summary_text(self, line_length, positions, expand_nested, show_trainable, layer_range)
        if print_fn is not None:
            print_fn(text)
        else:
            import sys

            sys.stdout.write(text)

    # -- weights files -------------------------------------------------------------------------------
    def save(self, filepath: Any, overwrite: bool = True, zipped: bool | None = None, **kwargs: Any) -> None:
        """Save the model to a ``.keras`` file (Keras 3's format, which Keras loads too): config,
        weights and optimizer state, written atomically. Needs h5py (``pip install 'tapeflow[h5]'``).

        Example: ``model.save("model.keras")``, then ``keras.models.load_model("model.keras")``.
        """
        from . import saving

        saving.save_model(self, filepath, overwrite=overwrite, zipped=zipped)

    def save_weights(self, filepath: Any, overwrite: bool = True, **kwargs: Any) -> None:
        """Write the weights (and optimizer state) to ``filepath``, atomically: ``.weights.h5`` in
        Keras 3's layout (needs h5py), or ``.weights.npz``, tapeflow's NumPy-only format.

        Example: ``model.save_weights("model.weights.npz")``.
        """
        from . import saving

        saving.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath: Any, skip_mismatch: bool = False, **kwargs: Any) -> None:
        """Load weights written by ``save_weights`` here or by Keras 3 (``.weights.h5``, ``.keras``,
        ``.weights.npz``); counts and shapes are checked first, so nothing changes on a mismatch.

        Example: ``model.load_weights("model.weights.npz")``.
        """
        from . import saving

        saving.load_weights(self, filepath, skip_mismatch=skip_mismatch)

    # -- config ---------------------------------------------------------------------------------------
    def get_config(self) -> dict:
        """Keras 3's config: a functional model's ``name``, ``trainable``, ``layers`` (each
        serialized, with its ``name`` and ``inbound_nodes``), ``input_layers`` and
        ``output_layers``; a subclassed model's base-layer ``name``, ``trainable`` and ``dtype``.

        Example:
            >>> from tapeflow import keras
            >>> x = keras.Input((3,), name="x")
            >>> cfg = keras.Model(x, keras.layers.Dense(2, name="d")(x), name="m").get_config()
            >>> list(cfg), cfg["input_layers"], cfg["output_layers"]
            (['name', 'trainable', 'layers', 'input_layers', 'output_layers'], ['x', 0, 0], ['d', 0, 0])
        """
        if self._graph is not None:
            return _functional_config(self)
        return Layer.get_config(self)

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Model:
        """Rebuild a functional model from ``get_config()``'s output (a subclassed model from its
        constructor arguments).

        Example:
            >>> from tapeflow import keras
            >>> x = keras.Input((3,), name="x")
            >>> m = keras.Model(x, keras.layers.Dense(2, name="d")(x), name="m")
            >>> again = keras.Model.from_config(m.get_config())
            >>> again.name, [layer.name for layer in again.layers]
            ('m', ['x', 'd'])
        """
        if "layers" in config and "input_layers" in config and "output_layers" in config:
            return _functional_from_config(cls if cls is not Sequential else Model, config, custom_objects)
        return cls(**config)

    def to_json(self, **kwargs: Any) -> str:
        """The model's config (with its build and compile configs) as a JSON string, as Keras 3
        writes it; ``keras.models.model_from_json`` rebuilds the model (new weights). ``kwargs``
        go to ``json.dumps``.

        Example:
            >>> import json
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="s")
            >>> cfg = json.loads(m.to_json())
            >>> cfg["class_name"], cfg["config"]["name"], cfg["build_config"]
            ('Sequential', 's', {'input_shape': [None, 3]})
        """
        from ._cloning import to_json

        return to_json(self, **kwargs)

    # -- shapes ---------------------------------------------------------------------------------------
    @property
    def output_shape(self) -> Any:
        """The symbolic output shape(s) of a functional or Sequential model (tuples, None for
        unknown dimensions); a subclassed model has none (AttributeError, as Keras 3)."""
        g = self._graph
        if g is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'output_shape'")
        shapes = _map(lambda t: tuple(t.shape.as_list()), g.outputs)
        return shapes

    @property
    def input_shape(self) -> Any:
        """The symbolic input shape(s) of a functional or Sequential model."""
        g = self._graph
        if g is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'input_shape'")
        shapes = [tuple(t.shape.as_list()) for t in g.flat_in]
        if type(g.inputs) is dict:
            return dict(zip(g.inputs.keys(), shapes))
        return shapes[0] if type(g.inputs) is KerasTensor else shapes

    def compute_output_shape(self, input_shape: Any) -> Any:
        """The output shape(s) for inputs of ``input_shape`` (run on zeros; for a functional model
        the graph is replayed symbolically).

        Example:
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
            >>> m.compute_output_shape((5, 3))
            (5, 2)
        """
        if self._graph is None:
            return Layer.compute_output_shape(self, input_shape)

        def zeros(s: Any) -> Tensor:
            s = TensorShape(s).as_list()
            return Tensor(np.zeros([1 if d is None else d for d in s], np.float32))

        flat_in = self._graph.flat_in
        if isinstance(input_shape, dict):
            shapes = [input_shape[k] for k in self._graph.in_names]
        elif len(flat_in) == 1:
            shapes = [input_shape]
        else:
            shapes = list(input_shape)
        batch = [TensorShape(s).as_list()[0] if TensorShape(s).rank else None for s in shapes]
        outs = self(_pack_like(self._graph.inputs, [zeros(s) for s in shapes]), training=False)

        def shape_of(t: Any) -> tuple:
            dims = list(t.shape)
            if dims and batch and batch[0] is None:
                dims[0] = None
            return tuple(dims)

        return _map(shape_of, outs)


Model.build._default_build = True


def _pack_like(template: Any, flat: list) -> Any:
    if type(template) is dict:
        return dict(zip(template.keys(), flat))
    if type(template) in (list, tuple):
        return type(template)(flat)
    return flat[0]


# --- summary (Keras 3's rich table, rendered here without rich) --------------------------------------

_WORD = re.compile(r"\s*\S+\s*")


def _console_width() -> int:
    """The width rich would print at: $COLUMNS, else a terminal on fd 0/1/2, else 80."""
    cols = os.environ.get("COLUMNS")
    if cols is not None and cols.isdigit():
        return int(cols)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def _ratio_reduce(total: int, ratios: list, maximums: list, values: list) -> list:
    """Take ``total`` away from ``values`` in proportion to ``ratios`` (at most ``maximums``)."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    left_ratio = sum(ratios)
    if not left_ratio:
        return list(values)
    left = total
    out = []
    for r, m, v in zip(ratios, maximums, values):
        if r and left_ratio > 0:
            d = min(m, round(r * left / left_ratio))
            out.append(v - d)
            left -= d
            left_ratio -= r
        else:
            out.append(v)
    return out


def _ratio_distribute(total: int, ratios: list) -> list:
    """Share ``total`` out in proportion to ``ratios`` (rounding up, the remainder to the last)."""
    left_ratio = sum(ratios)
    left = total
    out = []
    for r in ratios:
        share = math.ceil(r * left / left_ratio) if left_ratio > 0 else left
        out.append(share)
        left_ratio -= r
        left -= share
    return out


def _wrap(text: str, width: int, justify: str) -> list:
    """Word-wrap ``text`` into lines of exactly ``width`` cells: words move to the next line
    when they do not fit, a word longer than the width gets a line of its own, cut with '…'."""
    breaks = []
    offset = 0
    for m in _WORD.finditer(text):
        start, word = m.start(), m.group()
        size = len(word.rstrip())
        if width - offset >= size:
            offset += len(word)
        elif size > width or (offset and start):
            if start:
                breaks.append(start)
            offset = len(word)
    lines = []
    for a, b in zip([0] + breaks, breaks + [len(text)]):
        line = text[a:b].rstrip()
        if len(line) > width:
            line = line[:max(width - 1, 0)] + "…"
        pad = width - len(line)
        if justify == "right":
            line = " " * pad + line
        elif justify == "center":
            line = " " * (pad // 2) + line + " " * (pad - pad // 2)
        else:
            line = line + " " * pad
        lines.append(line)
    return lines


def _table(headers: list, justify: list, col_widths: list, rows: list, line_length: int) -> list:
    """The lines of a heavy-headed box table with a rule between rows, ``line_length`` wide."""
    n = len(headers)
    max_width = line_length - (n + 1)
    widths = [min(w + 2, max_width) for w in col_widths]
    if sum(widths) > max_width:
        widths = _ratio_reduce(sum(widths) - max_width, [1] * n, widths, widths)
    elif sum(widths) < max_width:
        widths = [w + p for w, p in zip(widths, _ratio_distribute(max_width - sum(widths), widths))]

    def render(cells: list, edge: str, bottom: bool = False) -> list:
        wrapped = [_wrap(c, max(w - 2, 0), j) for c, w, j in zip(cells, widths, justify)]
        height = max(len(c) for c in wrapped)
        if bottom:  # header cells sit on the header rule
            wrapped = [[" " * max(w - 2, 0)] * (height - len(c)) + c for c, w in zip(wrapped, widths)]
        out = []
        for i in range(height):
            parts = [" " + (c[i] if i < len(c) else " " * max(w - 2, 0)) + " " for c, w in zip(wrapped, widths)]
            out.append(edge + edge.join(parts) + edge)
        return out

    lines = ["┏" + "┳".join("━" * w for w in widths) + "┓"]
    lines += render(headers, "┃", bottom=True)
    lines.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    for i, r in enumerate(rows):
        if i:
            lines.append("├" + "┼".join("─" * w for w in widths) + "┤")
        lines += render(r, "│")
    lines.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return lines


_OP_CLASSES = {"add": "Add", "subtract": "Subtract", "multiply": "Multiply", "true_divide": "TrueDivide",
               "power": "Power", "matmul": "Matmul", "negative": "Negative", "get_item": "GetItem"}


def _class_name(layer: Any) -> str:
    if isinstance(layer, _OpLayer):
        return _OP_CLASSES.get(layer.op, type(layer).__name__)
    if type(layer) is Model and layer._graph is not None:
        return "Functional"
    return type(layer).__name__


def _shape_text(shape: Any) -> str:
    dims = TensorShape(shape).as_list() if not isinstance(shape, (list, tuple)) else list(shape)
    return "(" + ", ".join(str(d) for d in dims) + ")"


def _is_one_shape(x: Any) -> bool:
    return isinstance(x, TensorShape) or (isinstance(x, (list, tuple)) and all(
        d is None or isinstance(d, (int, np.integer)) for d in x))


def _map_shape(fn: Callable, x: Any) -> Any:
    if _is_one_shape(x):
        return fn(x)
    if isinstance(x, dict):
        return {k: _map_shape(fn, v) for k, v in x.items()}
    return type(x)(_map_shape(fn, v) for v in x)


def _output_shape_text(layer: Layer) -> str:
    nodes = layer._inbound_nodes
    if not nodes and layer._build_input_shape is None:
        return "?"
    if nodes:  # (Keras 3 shows a layer's several outputs as a flat list)
        shapes = [_shape_text(t.shape) for t in nodes[-1].flat_outputs]
    else:
        try:
            if isinstance(layer, Model) and layer._graph is not None:
                out = layer.output_shape
            else:
                out = layer.compute_output_shape(layer._build_input_shape)
        except Exception:  # noqa: BLE001 - a layer whose output shape cannot be found shows "?"
            return "?"
        shapes = _map_shape(_shape_text, out)
    flat = _flatten(shapes) if not isinstance(shapes, str) else [shapes]
    if len(flat) == 1:
        return flat[0]
    return str(shapes).replace("'", "")


def _node_depths(g: _Graph) -> dict:
    """Keras's node depths: 0 for the nodes making the outputs, deeper towards the inputs."""
    nodes = [t._node for t in g.flat_in if t._node is not None] + list(g.nodes)
    producer = {}
    for nd in nodes:
        for o in nd.flat_outputs:
            producer[id(o)] = nd
    depth: dict = {}
    layer_depth: dict = {}
    for nd in reversed(nodes):
        d = max(depth.setdefault(id(nd), 0), layer_depth.get(id(nd.layer), 0))
        layer_depth[id(nd.layer)] = d
        depth[id(nd)] = d
        for t in nd.flat_inputs:
            p = producer.get(id(t))
            if p is not None:
                depth[id(p)] = max(d + 1, depth.get(id(p), 0))
    by_depth: dict = {}
    for nd in nodes:
        by_depth.setdefault(depth[id(nd)], []).append(nd)
    return by_depth


def _memory(weights: list) -> float:
    total = 0.0
    seen = set()
    for v in weights:
        if id(v) in seen:
            continue
        seen.add(id(v))
        arr = v._t._value
        bits = 1 if arr.dtype == np.bool_ else arr.dtype.itemsize * 8
        total += arr.size * bits
    return total / 8


def _readable(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"


def _count(weights: list) -> int:
    return int(sum(int(np.prod(v._t._value.shape)) for v in weights))


def _layer_range(layers: list, layer_range: Any) -> tuple:
    if layer_range is None:
        return 0, len(layers)
    if len(layer_range) != 2:
        raise ValueError("layer_range must be a list or tuple of length 2. Received: "
                         f"layer_range = {layer_range} of length {len(layer_range)}")
    if not isinstance(layer_range[0], str) or not isinstance(layer_range[1], str):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    lo = [i for i, lay in enumerate(layers) if re.match(layer_range[0], lay.name)]
    hi = [i for i, lay in enumerate(layers) if re.match(layer_range[1], lay.name)]
    if not lo or not hi:
        raise ValueError(f"Passed layer_names do not match the layer names in the model. Received: {layer_range}")
    if min(lo) > max(hi):
        return min(hi), max(lo) + 1
    return min(lo), max(hi) + 1


def _summary_text(model: Model, line_length: Any, positions: Any, expand_nested: bool, show_trainable: bool,
                  layer_range: Any) -> str:
    g = model._graph
    sequential_like = True
    relevant: set = set()
    if isinstance(model, Sequential) or g is None:
        layers = model.layers
    else:
        layers = list(g.layers)
        by_depth = _node_depths(g)
        nodes = [nd for v in by_depth.values() for nd in v]
        relevant = {id(nd) for nd in nodes}
        for v in by_depth.values():
            if len(v) > 1 or (len(v) == 1 and len(v[0].flat_inputs) > 1):
                sequential_like = False
                break
        if sequential_like:
            for lay in layers:
                if sum(1 for nd in lay._inbound_nodes if id(nd) in relevant) > 1:
                    sequential_like = False
                    break
    if sequential_like:
        default, positions = 88, positions or [0.45, 0.80, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
        justify = ["left", "left", "right"]
    else:
        default, positions = 108, positions or [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        justify = ["left", "left", "right", "left"]
    if show_trainable:
        default += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        justify.append("center")
    default = min(default, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default
    widths = []
    current = 0
    for pos in positions:
        w = int(pos * line_length) - current
        if w < 4:
            raise ValueError("Insufficient console width to print summary.")
        widths.append(w)
        current += w

    def connections(lay: Layer) -> str:
        out = []
        for nd in lay._inbound_nodes:
            if relevant and id(nd) not in relevant:
                continue
            for t in nd.flat_inputs:
                src = t._node
                if src is None:
                    continue
                out.append(f"{src.layer.name}[{src.layer._inbound_nodes.index(src)}][{t._index}]")
        return ", ".join(out) if out else "-"

    def fields(lay: Layer, prefix: str) -> list:
        params = f"{lay.count_params():,}" if lay.built else "0 (unbuilt)"
        row = [f"{prefix}{lay.name} ({_class_name(lay)})", _output_shape_text(lay), params]
        if not sequential_like:
            row.append(connections(lay))
        if show_trainable:
            row.append(("Y" if lay.trainable else "N") if lay.weights else "-")
        return row

    def rows_of(lay: Layer, level: int = 0) -> list:
        out = [fields(lay, "   " * level + "└ " if level else "")]
        sub = getattr(lay, "layers", None) if expand_nested else None
        if sub:
            for s in sub:
                out.extend(rows_of(s, level + 1))
        return out

    lo, hi = _layer_range(layers, layer_range)
    rows = [r for lay in layers[lo:hi] for r in rows_of(lay)]
    tr = model.trainable_weights
    non = model.non_trainable_weights
    opt = getattr(model, "optimizer", None) if model.compiled else None
    opt_vars = list(opt.variables) if opt is not None and getattr(opt, "built", False) else None
    tr_n, tr_b = _count(tr), _memory(tr)
    non_n, non_b = _count(non), _memory(non)
    opt_n, opt_b = (_count(opt_vars), _memory(opt_vars)) if opt_vars is not None else (0, 0.0)
    lines = [f'Model: "{model.name}"']
    lines += _table(header, justify, widths, rows, line_length)
    lines.append(f" Total params: {tr_n + non_n + opt_n:,} ({_readable(tr_b + non_b + opt_b)})")
    lines.append(f" Trainable params: {tr_n:,} ({_readable(tr_b)})")
    lines.append(f" Non-trainable params: {non_n:,} ({_readable(non_b)})")
    if opt_vars is not None:
        lines.append(f" Optimizer params: {opt_n:,} ({_readable(opt_b)})")
    width = _console_width()
    return "".join(line[:width] + "\n" for line in lines)


# --- config ---------------------------------------------------------------------------------------------


def _serialize(obj: Any) -> dict:
    try:
        from .utils.serialization import serialize_keras_object
    except ImportError:
        serialize_keras_object = None
    if isinstance(obj, _OpLayer):
        cls = _OP_CLASSES.get(obj.op, "Operation")
        return {"module": "keras.src.ops.numpy", "class_name": cls, "config": {"name": obj.name},
                "registered_name": cls}
    if isinstance(obj, Model):  # a model used as a layer: as a top-level model is written (Keras 3)
        from ._cloning import _model_dict

        out = _model_dict(obj)
        out.pop("compile_config", None)
        return out
    if serialize_keras_object is not None:
        out = serialize_keras_object(obj)
    else:
        out = {"module": "keras.layers", "class_name": type(obj).__name__, "config": obj.get_config(),
               "registered_name": None}
    build = obj.get_build_config() if hasattr(obj, "get_build_config") else None
    if build is not None and "build_config" not in out:
        out["build_config"] = build
    return out


def _node_key(model_nodes: set, layer: Layer, node: Any) -> int:
    """The index of ``node`` among ``layer``'s calls that belong to the model's graph."""
    own = [nd for nd in layer._inbound_nodes if id(nd) in model_nodes or nd.inputs is None]
    return own.index(node) if node in own else layer._inbound_nodes.index(node)


def _functional_config(model: Model) -> dict:
    g = model._graph
    model_nodes = {id(nd) for nd in g.nodes}

    def history(t: KerasTensor) -> list:
        nd = t._node
        return [nd.layer.name, _node_key(model_nodes, nd.layer, nd), t._index]

    def arg(v: Any) -> Any:
        if type(v) is KerasTensor:
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": tuple(v.shape.as_list()), "dtype": v.dtype.name, "keras_history": history(v)}}
        return v

    entries = []
    for lay in g.layers:
        entry = _serialize(lay)
        entry["name"] = lay.name
        nodes = []
        for nd in lay._inbound_nodes:
            if id(nd) not in model_nodes:
                continue
            operands = tuple(nd.inputs) if isinstance(lay, _OpLayer) else (nd.inputs,)
            nodes.append({"args": tuple(_map(arg, a) for a in operands + tuple(nd.args)),
                          "kwargs": {k: _map(arg, v) for k, v in nd.kwargs.items()}})
        entry["inbound_nodes"] = nodes
        entries.append(entry)
    return {"name": model.name, "trainable": model.trainable, "layers": entries,
            "input_layers": _map(history, g.inputs), "output_layers": _map(history, g.outputs)}


_OP_FUNCTIONS = {"Add": ("add", lambda a, b: a + b), "Subtract": ("subtract", lambda a, b: a - b),
                 "Multiply": ("multiply", lambda a, b: a * b), "TrueDivide": ("true_divide", lambda a, b: a / b),
                 "Power": ("power", lambda a, b: a ** b), "Matmul": ("matmul", lambda a, b: a @ b),
                 "Negative": ("negative", lambda a: -a), "GetItem": ("get_item", lambda a, k: a[k])}


def _op_from_config(entry: dict) -> Layer:
    """A Keras 3 operation node of a functional config (e.g. ``NotEqual`` from ``ops.not_equal``, the
    mask an ``Embedding(mask_zero=True)`` makes) as the ``keras.ops`` function of the same name, with
    the op's config (other than its name) as keyword arguments."""
    import functools

    from . import ops as kops
    from ._naming import to_snake_case

    cls = entry.get("class_name", "")
    name = to_snake_case(cls)
    fn = getattr(kops, name, None)
    if not callable(fn):
        raise ValueError(f"Model config: the Keras operation '{cls}' (module {entry.get('module')}) has no "
                         f"keras.ops.{name} in tapeflow")
    params = {k: v for k, v in (entry.get("config") or {}).items() if k != "name"}
    return _OpLayer(functools.partial(fn, **params) if params else fn, name)


def _deserialize_layer(entry: dict, custom_objects: dict | None) -> Layer:
    if entry.get("module") == "keras.src.ops.numpy" and entry.get("class_name") in _OP_FUNCTIONS:
        op, fn = _OP_FUNCTIONS[entry["class_name"]]
        return _OpLayer(fn, op)
    if str(entry.get("module") or "").startswith("keras.src.ops"):
        return _op_from_config(entry)
    try:
        from .utils.serialization import deserialize_keras_object
    except ImportError:
        deserialize_keras_object = None
    if deserialize_keras_object is not None:
        layer = deserialize_keras_object({k: v for k, v in entry.items() if k not in ("name", "inbound_nodes",
                                                                                      "build_config")},
                                         custom_objects=custom_objects)
    else:
        from . import layers as layers_mod

        cls = (custom_objects or {}).get(entry["class_name"]) or getattr(layers_mod, entry["class_name"], None)
        if cls is None:
            raise ValueError(f"Unknown layer: '{entry['class_name']}'. Please ensure you are using a "
                             "`keras.utils.custom_object_scope` and that this object is included in the scope.")
        layer = cls.from_config(entry["config"])
    return layer


def _functional_from_config(cls: type, config: dict, custom_objects: dict | None) -> Model:
    created: dict = {}
    outputs_by_node: dict = {}  # (layer name, node index) -> outputs
    pending: list = []
    for entry in config["layers"]:
        layer = _deserialize_layer(entry, custom_objects)
        created[entry.get("name", layer.name)] = layer
        if isinstance(layer, InputLayer):
            outputs_by_node[(entry.get("name", layer.name), 0)] = layer.output
        for i, nd in enumerate(entry.get("inbound_nodes") or []):
            pending.append((entry.get("name", layer.name), i, nd))

    def resolve(v: Any) -> Any:
        if isinstance(v, dict) and v.get("class_name") == "__keras_tensor__":
            name, node_i, t_i = v["config"]["keras_history"]
            out = outputs_by_node[(name, node_i)]
            flat = _flatten(out)
            return flat[t_i]
        if isinstance(v, dict):
            return {k: resolve(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return type(v)(resolve(x) for x in v)
        return v

    while pending:
        progressed = False
        rest = []
        for name, i, nd in pending:
            try:
                args = [resolve(a) for a in nd["args"]]
                kwargs = {k: resolve(v) for k, v in nd.get("kwargs", {}).items()}
            except KeyError:
                rest.append((name, i, nd))
                continue
            layer = created[name]
            outputs_by_node[(name, i)] = layer(list(args)) if isinstance(layer, _OpLayer) else layer(*args, **kwargs)
            progressed = True
        if not progressed:
            raise ValueError(f"Model config of '{config.get('name')}': cannot connect layers "
                             f"{sorted({n for n, _, _ in rest})} (their inputs never appear)")
        pending = rest

    def tensors(spec: Any) -> Any:
        if isinstance(spec, dict):
            return {k: tensors(v) for k, v in spec.items()}
        if isinstance(spec, (list, tuple)) and spec and isinstance(spec[0], str):
            name, node_i, t_i = spec
            return _flatten(outputs_by_node[(name, node_i)])[t_i]
        return [tensors(s) for s in spec]

    model = cls(inputs=tensors(config["input_layers"]), outputs=tensors(config["output_layers"]),
                name=config.get("name"))
    model.trainable = config.get("trainable", True)
    return model


def _map_shapes(fn: Callable, shapes: Any) -> Any:
    if isinstance(shapes, dict):
        return {k: _map_shapes(fn, v) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)) and shapes and isinstance(shapes[0], (list, tuple, TensorShape, dict)):
        return type(shapes)(_map_shapes(fn, s) for s in shapes)
    return fn(shapes)


class Sequential(Model):
    """A linear stack of layers, with or without an explicit ``keras.Input``.

    Its input is checked for rank only (a trailing axis of size 1 may be added or dropped);
    each layer checks the rest of the shape, as in Keras 3.

    Without an input shape, the model is built on its first call from the data's shape.

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> from tapeflow.keras import layers
        >>> model = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
        >>> model(np.zeros((2, 3), "float32")).shape.as_list(), len(model.weights)
        ([2, 1], 4)
    """

    _rank_only_inputs = True

    def __init__(self, layers: Any = None, trainable: bool = True, name: str | None = None, **kwargs: Any) -> None:
        Model.__init__(self, trainable=trainable, name=name, **kwargs)
        self._seq: list = []
        self._input_layer: InputLayer | None = None
        self._last_out: Any = None
        if layers is not None:
            if isinstance(layers, (Layer, KerasTensor)):
                layers = [layers]
            for layer in layers:
                self.add(layer, rebuild=False)
            self._relink()

    def add(self, layer: Any, rebuild: bool = True) -> None:
        """Append a layer (a ``keras.Input`` or InputLayer may come first).

        Example:
            >>> from tapeflow import keras
            >>> from tapeflow.keras import layers
            >>> m = keras.Sequential(); m.add(keras.Input((3,))); m.add(layers.Dense(2))
            >>> m.count_params()
            8
        """
        if type(layer) is KerasTensor:
            node = layer._node
            if node is None or node.inputs is not None:
                raise TypeError(
                    "Sequential.add: only a keras.Input tensor or a Layer can be added; got a symbolic tensor "
                    "produced by a layer (use the functional API for graphs)"
                )
            layer = node.layer
        if isinstance(layer, InputLayer):
            if self._seq or self._input_layer is not None:
                raise ValueError(
                    f"Sequential model '{self.name}': an Input must be the first entry (the model already "
                    f"has {'an input' if self._input_layer is not None else 'layers'})"
                )
            self._input_layer = layer
            self._last_out = layer.output
            return
        if not isinstance(layer, Layer):
            raise TypeError(
                f"Sequential.add: the added layer must be an instance of keras.layers.Layer; received "
                f"{layer!r} of type {type(layer).__name__}"
            )
        if self._input_layer is None and not self._seq and layer._batch_input_shape is not None:
            self._input_layer = InputLayer(batch_shape=layer._batch_input_shape)
            self._last_out = self._input_layer.output
        stale = self._graph is None
        self._seq.append(layer)
        _bump()
        if self._input_layer is not None and rebuild:
            if stale:
                self._relink()  # layers were added without rebuilding: chain them all again
            else:
                self._last_out = self._symbolic(layer, self._last_out)
                self._new_graph(self._input_layer.output, self._last_out)
        else:
            self._graph = None

    def _symbolic(self, layer: Layer, x: Any) -> Any:
        out = layer(x)
        if type(out) is not KerasTensor:
            raise ValueError(
                f"Sequential model '{self.name}': all layers must have a single output tensor; layer "
                f"'{layer.name}' returned {type(out).__name__}"
            )
        return out

    def pop(self, rebuild: bool = True) -> Layer:
        """Remove and return the last layer."""
        if not self._seq:
            raise TypeError(f"Sequential model '{self.name}' has no layers to pop")
        layer = self._seq.pop()
        self._relink()
        _bump()
        return layer

    def _relink(self) -> None:
        if self._input_layer is None:
            self._graph = None
            return
        x = self._input_layer.output
        for lay in self._seq:
            x = self._symbolic(lay, x)
        self._last_out = x
        if self._seq:
            self._new_graph(self._input_layer.output, x)
        else:
            self._graph = None

    def _new_graph(self, inputs: Any, outputs: Any) -> None:
        # Keras 3 builds a Sequential as an inner Functional model, which takes an automatic name
        # ("functional", "functional_1", ...): the names of later functional models count it
        unique_name("functional")
        self._init_graph(inputs, outputs)

    def build(self, input_shape: Any = None) -> None:
        """Create the weights for inputs of ``input_shape`` (batch dimension included).

        Example: ``keras.Sequential([layers.Dense(2)]).build((None, 3))``.
        """
        if self._graph is not None:
            return
        if input_shape is None:
            if self._input_layer is None:
                raise ValueError(f"Sequential model '{self.name}': build() needs an input_shape, e.g. (None, 784)")
        else:
            self._input_layer = InputLayer(batch_shape=tuple(input_shape))
        self._relink()
        self.built = True

    def call(self, inputs: Any, training: Any = None, mask: Any = None) -> Any:
        if self._graph is None:
            if not self._seq:
                raise ValueError(f"Sequential model '{self.name}' has no layers; add some before calling it")
            self._build_from(inputs)
        return self._graph.run(inputs)

    def _symbolic_call(self, inputs: Any, args: tuple, kwargs: dict) -> Any:
        if self._graph is None and self._seq and type(inputs) is KerasTensor:
            self.build(tuple(inputs.shape.as_list()))  # built from the symbolic input's shape
        return Model._symbolic_call(self, inputs, args, kwargs)

    def _build_from(self, x: Any, keep_batch: bool = True) -> None:
        """Build from the first input: its full shape, batch included, as Keras 3 (``fit`` and
        friends build with an unknown batch size instead)."""
        if isinstance(x, (Tensor, Variable)):
            shape, dt = tuple(x.shape), x.dtype._np
        else:
            try:
                arr = x if isinstance(x, np.ndarray) else convert_to_tensor(x)._value
            except (TypeError, ValueError) as e:
                raise TypeError(f"Sequential model '{self.name}' cannot take input {x!r}: {e}") from None
            shape, dt = arr.shape, arr.dtype
        if not shape:
            raise ValueError(f"Sequential model '{self.name}': input must have a batch dimension, got a scalar")
        dtype = self._np_dtype if dt.kind == "f" else dt
        self._input_layer = InputLayer(batch_shape=(shape[0] if keep_batch else None,) + tuple(shape[1:]),
                                       dtype=dtype)
        self._relink()

    @property
    def layers(self) -> list:
        return list(self._seq)

    def get_config(self) -> dict:
        """Keras 3's config: ``name``, ``trainable``, ``dtype``, ``layers`` (the InputLayer first
        when there is one, each layer serialized with its ``build_config``) and, once built,
        ``build_input_shape``.

        Example:
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="s")
            >>> cfg = m.get_config()
            >>> list(cfg), [entry["class_name"] for entry in cfg["layers"]], cfg["build_input_shape"]
            (['name', 'trainable', 'dtype', 'layers', 'build_input_shape'], ['InputLayer', 'Dense'], (None, 3))
        """
        cfg = Layer.get_config(self)
        cfg.pop("activity_regularizer", None)
        entries = [self._input_layer] if self._input_layer is not None else []
        cfg["layers"] = [_serialize(lay) for lay in entries + list(self._seq)]
        if self._graph is not None:
            cfg["build_input_shape"] = self._input_layer.batch_shape
        return cfg

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Sequential:
        """Rebuild a Sequential model from ``get_config()``'s output.

        Example:
            >>> from tapeflow import keras
            >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d")], name="s")
            >>> again = keras.Sequential.from_config(m.get_config())
            >>> again.name, [layer.name for layer in again.layers], again.output_shape
            ('s', ['d'], (None, 2))
        """
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for entry in config.get("layers", []):
            layer = _deserialize_layer(entry, custom_objects)
            if not isinstance(layer, InputLayer) and entry.get("build_config") and not layer.built:
                layer.build_from_config(entry["build_config"])
            model.add(layer, rebuild=False)
        model._relink()
        shape = config.get("build_input_shape")
        if model._graph is None and shape is not None and model._seq:
            model.build(shape)
        return model


Sequential.build._default_build = True
_GRAPH_CALLS = (Model.call, Sequential.call)  # the calls that just run the functional graph  # built lazily from the first batch, not by Layer.__call__

from ._cloning import clone_model, model_from_json  # noqa: E402
from .saving import load_model, save_model  # noqa: E402

__all__ = ["Model", "Sequential", "Input", "InputLayer", "clone_model", "model_from_json", "load_model",
           "save_model"]
