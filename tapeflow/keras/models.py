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
    to_snake_case,
    unique_name,
)
from .trainer import Trainer


class _Const:
    """A non-tensor argument recorded in a graph node (replayed as is)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _shape_str(shape: Any) -> str:
    if isinstance(shape, (list, tuple)) and shape and not isinstance(shape, TensorShape) and \
            isinstance(shape[0], (list, tuple)):
        return "[" + ", ".join(_shape_str(s) for s in shape) + "]"
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


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

        def visit(t: KerasTensor) -> None:
            if id(t) in slot:
                return
            node = t._node
            if node is None or node.inputs is None:
                raise ValueError(
                    f"Graph disconnected in model '{name}': cannot obtain a value for tensor {t!r}, which "
                    f"comes from layer '{node.layer.name if node else '?'}' but is not among the model "
                    f"inputs {[x.name for x in flat_in]}"
                )
            if id(node) in done:
                return
            if id(node) in active:
                raise ValueError(f"Model '{name}': the layer graph has a cycle at layer '{node.layer.name}'")
            active.add(id(node))
            for d in node.flat_inputs:
                visit(d)
            active.discard(id(node))
            done.add(id(node))
            order.append(node)
            for o in node.flat_outputs:
                slot[id(o)] = len(slot)

        for t in flat_out:
            visit(t)

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
        self.ok_shapes: list = [None] * len(flat_in)
        self.model_name = name
        layers: list = []
        seen: set = set()
        for t in flat_in:
            n = t._node
            if n is not None and n.inputs is None and id(n.layer) not in seen:
                seen.add(id(n.layer))
                layers.append(n.layer)
        self.out_shapes: dict = {}
        for node in order:
            lay = node.layer
            shapes = [tuple(o.shape) for o in node.flat_outputs]
            s = shapes[0] if len(shapes) == 1 else shapes
            if id(lay) in seen:
                if self.out_shapes.get(id(lay)) != s:
                    self.out_shapes[id(lay)] = "multiple"
                continue
            seen.add(id(lay))
            layers.append(lay)
            self.out_shapes[id(lay)] = s
        for t in flat_in:
            if t._node is not None and t._node.inputs is None:
                self.out_shapes[id(t._node.layer)] = tuple(t.shape)
        self.layers = layers
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
            if len(shp) != len(exp) or any(e is not None and e != d for e, d in zip(exp, shp)):
                raise ValueError(
                    f"Input {i} ('{self.in_names[i]}') of model '{self.model_name}' is incompatible with the "
                    f"model: expected shape {_shape_str(exp)}, but received input with shape {tuple(shp)}"
                )
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
                out = layer(x, *[_map(fill, a) for a in args], **{k: _map(fill, v) for k, v in kwargs.items()})
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
        inputs = kwargs.pop("inputs", None)
        outputs = kwargs.pop("outputs", None)
        if len(args) > 2:
            raise TypeError(f"Model() takes at most 2 positional arguments (inputs, outputs), got {len(args)}")
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
            except ValueError as e:
                raise _annotate(e, self).with_traceback(e.__traceback__) from None
        if isinstance(training, (Tensor, Variable)):
            training = bool(training)
        ctx = _CTX
        prev = ctx.training
        ctx.training = training
        try:
            return g.run_chain(inputs)
        except ValueError as e:
            raise _annotate(e, self).with_traceback(e.__traceback__) from None
        finally:
            ctx.training = prev

    def _convert_inputs(self, x: Any) -> Any:
        if self._graph is not None:
            return x  # the graph converts and checks each input against its keras.Input
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
            return list(self._graph_layers)
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
        """Names of the outputs (dict keys, or the layers producing them); None if not functional."""
        g = self._graph
        if g is None:
            return None
        if type(g.outputs) is dict:
            return list(g.outputs.keys())
        return [t._node.layer.name if t._node is not None else t.name for t in _flatten(g.outputs)]

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
        """Print a table of the layers, their output shapes and parameter counts.

        Example:
            >>> from tapeflow import keras
            >>> from tapeflow.keras import layers
            >>> x = keras.Input((3,), name="x")
            >>> lines = []
            >>> keras.Model(x, layers.Dense(2, name="d")(x), name="m").summary(print_fn=lines.append)
            >>> lines[0], lines[-4]
            ('Model: "m"', 'Total params: 8 (32.00 B)')
        """
        if not self.built:
            raise ValueError(
                f"Model '{self.name}' has not yet been built. Build the model first by calling build() or "
                "by calling the model on a batch of data."
            )
        emit = print_fn if print_fn is not None else print
        shapes = self._graph.out_shapes if self._graph is not None else {}
        rows = []
        for lay in self.layers:
            s = shapes.get(id(lay))
            shape = "?" if s is None else s if isinstance(s, str) else _shape_str(s)
            params = lay.count_params() if lay.built else 0
            rows.append((f"{lay.name} ({type(lay).__name__})", shape, f"{params:,}"))
        head = ("Layer (type)", "Output Shape", "Param #")
        w1 = max(len(r[0]) for r in rows + [head]) + 3
        w2 = max(len(r[1]) for r in rows + [head]) + 3
        width = max(int(line_length or 65), w1 + w2 + 12)

        def row(fields: tuple) -> str:
            return (" " + fields[0].ljust(w1) + fields[1].ljust(w2) + fields[2]).rstrip()

        lines = [f'Model: "{self.name}"', "_" * width, row(head), "=" * width]
        for i, r in enumerate(rows):
            lines.append(row(r))
            if i < len(rows) - 1:
                lines.append("")
        all_w = self.weights
        tr = self.trainable_weights
        tr_ids = {id(v) for v in tr}
        non = [v for v in all_w if id(v) not in tr_ids]

        def count(ws: list) -> tuple:
            n = sum(int(np.prod(v._t._value.shape)) for v in ws)
            b = sum(int(v._t._value.nbytes) for v in ws)
            return n, b

        lines.append("=" * width)
        for label, ws in (("Total", all_w), ("Trainable", tr), ("Non-trainable", non)):
            n, b = count(ws)
            lines.append(f"{label} params: {n:,} ({_bytes(b)})")
        lines.append("_" * width)
        for line in lines:
            emit(line)

    # -- weights files -------------------------------------------------------------------------------
    def save_weights(self, filepath: Any, overwrite: bool = True, **kwargs: Any) -> None:
        """Write all weights to ``filepath`` (NumPy .npz; written atomically).

        Example: ``model.save_weights("model.weights.npz")``.
        """
        from . import saving

        saving.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath: Any, skip_mismatch: bool = False, **kwargs: Any) -> None:
        """Load weights written by ``save_weights`` (shapes and count are checked).

        Example: ``model.load_weights("model.weights.npz")``.
        """
        from . import saving

        saving.load_weights(self, filepath, skip_mismatch=skip_mismatch)

    def get_config(self) -> dict:
        return {"name": self.name, "trainable": self.trainable}


Model.build._default_build = True


def _map_shapes(fn: Callable, shapes: Any) -> Any:
    if isinstance(shapes, dict):
        return {k: _map_shapes(fn, v) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)) and shapes and isinstance(shapes[0], (list, tuple, TensorShape, dict)):
        return type(shapes)(_map_shapes(fn, s) for s in shapes)
    return fn(shapes)


def _bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.2f} {unit}"
        n /= 1024.0
    return f"{n:.2f} GB"


class Sequential(Model):
    """A linear stack of layers, with or without an explicit ``keras.Input``.

    Without an input shape, the model is built on its first call from the data's shape.

    Example:
        >>> import numpy as np
        >>> from tapeflow import keras
        >>> from tapeflow.keras import layers
        >>> model = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
        >>> model(np.zeros((2, 3), "float32")).shape.as_list(), len(model.weights)
        ([2, 1], 4)
    """

    def __init__(self, layers: Any = None, trainable: bool = True, name: str | None = None, **kwargs: Any) -> None:
        Model.__init__(self, trainable=trainable, name=name, **kwargs)
        self._seq: list = []
        self._input_layer: InputLayer | None = None
        self._last_out: Any = None
        if layers is not None:
            if isinstance(layers, (Layer, KerasTensor)):
                layers = [layers]
            for layer in layers:
                self.add(layer)

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
        self._seq.append(layer)
        _bump()
        if self._last_out is not None:
            self._last_out = self._symbolic(layer, self._last_out)
            if rebuild:
                self._init_graph(self._input_layer.output, self._last_out)
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
            self._init_graph(self._input_layer.output, x)
        else:
            self._graph = None

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

    def _build_from(self, x: Any) -> None:
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
        self._input_layer = InputLayer(batch_shape=(None,) + tuple(shape[1:]), dtype=dtype)
        self._relink()

    @property
    def layers(self) -> list:
        return list(self._seq)

    def get_config(self) -> dict:
        return {"name": self.name, "trainable": self.trainable,
                "layers": [{"class_name": type(lay).__name__, "config": lay.get_config()} for lay in self._seq]}


Sequential.build._default_build = True
_GRAPH_CALLS = (Model.call, Sequential.call)  # the calls that just run the functional graph  # built lazily from the first batch, not by Layer.__call__

__all__ = ["Model", "Sequential", "Input", "InputLayer"]
