"""The Layer base class: weights, lazy build, the call contract, weight tracking and masks.

Its neighbours: ``keras_tensor.py`` (``KerasTensor``), ``_node.py`` (``Node``), ``_naming.py``
(``unique_name``, ``to_snake_case``), ``_call_context.py`` (``_CTX``, the ``training`` flag),
``_nest.py`` (``_flatten``/``_map``/``_pack``) and ``input_layer.py`` (``InputLayer``, ``Input``);
their names are re-exported here, so the old import paths keep working.

Contract (Keras 3): ``__init__`` stores configuration, ``build(input_shape)`` creates weights
with ``add_weight`` (called once, lazily, on the first ``__call__``), ``call(inputs, ...)``
computes outputs, ``get_config`` returns the constructor arguments.

Sub-layers and Keras variables are tracked by a scan of the instance ``__dict__`` (in attribute
order) for Layers and ``keras.Variable``s, directly or in lists/tuples/dicts (as Keras 3, a plain
``tf.Variable`` attribute is not a weight). The scan's results are cached against a global
version counter: ``Layer.__setattr__``/``__delattr__`` bump it when a trackable value is set or
replaced, and list/dict attributes are stored as ``_TrackedList``/``_TrackedDict``, whose
mutations bump it too, so ``self.blocks.append(layer)`` is seen at once.

Example:
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> class Scale(keras.layers.Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")
    ...     def call(self, x):
    ...         return x * self.w
    >>> Scale()(np.ones((2, 3))).shape.as_list()
    [2, 3]
"""

from __future__ import annotations

import inspect
import itertools
import warnings
from typing import Any, Callable

import numpy as np

from ... import dtypes as _dt
from ... import recorders as _rec
from ... import train_hooks as _train_hooks
from ...errors import OpError
from ...primitives import core as C
from ...tensor import Tensor, TensorShape, Variable, convert_to_tensor
from .. import initializers as _inits
from .. import regularizers as _regs
from .._call_context import _CTX, _CallContext  # noqa: F401  (re-exported)
from .._naming import _NAME_COUNTS, clear_session, to_snake_case, unique_name  # noqa: F401  (re-exported)
from .._nest import _flatten, _map, _pack  # noqa: F401  (re-exported)
from .._node import Node
from ..keras_tensor import KerasTensor, _has_symbolic, _kt_ids, _op  # noqa: F401  (re-exported)
from ..variables import Variable as KerasVariable

# bumped whenever the set of weights may change (new layer, new weight, trainable toggled):
# models cache their weight lists against it
_VERSION = [0]


def _bump() -> None:
    _VERSION[0] += 1


class _TrackedList(list):
    """A list held in a layer attribute: every change bumps the tracking version (so cached
    weight and layer lists are rebuilt)."""

    __slots__ = ()

    def append(self, v: Any) -> None:
        list.append(self, v)
        _bump()

    def extend(self, vs: Any) -> None:
        list.extend(self, vs)
        _bump()

    def insert(self, i: Any, v: Any) -> None:
        list.insert(self, i, v)
        _bump()

    def pop(self, *i: Any) -> Any:
        _bump()
        return list.pop(self, *i)

    def remove(self, v: Any) -> None:
        list.remove(self, v)
        _bump()

    def clear(self) -> None:
        list.clear(self)
        _bump()

    def reverse(self) -> None:
        list.reverse(self)
        _bump()

    def sort(self, *a: Any, **k: Any) -> None:
        list.sort(self, *a, **k)
        _bump()

    def __setitem__(self, i: Any, v: Any) -> None:
        list.__setitem__(self, i, v)
        _bump()

    def __delitem__(self, i: Any) -> None:
        list.__delitem__(self, i)
        _bump()

    def __iadd__(self, vs: Any) -> Any:
        list.__iadd__(self, vs)
        _bump()
        return self

    def __imul__(self, n: Any) -> Any:
        list.__imul__(self, n)
        _bump()
        return self


class _TrackedDict(dict):
    """A dict held in a layer attribute: every change bumps the tracking version."""

    __slots__ = ()

    def __setitem__(self, k: Any, v: Any) -> None:
        dict.__setitem__(self, k, v)
        _bump()

    def __delitem__(self, k: Any) -> None:
        dict.__delitem__(self, k)
        _bump()

    def update(self, *a: Any, **k: Any) -> None:
        dict.update(self, *a, **k)
        _bump()

    def setdefault(self, k: Any, v: Any = None) -> Any:
        _bump()
        return dict.setdefault(self, k, v)

    def pop(self, *a: Any) -> Any:
        _bump()
        return dict.pop(self, *a)

    def popitem(self) -> Any:
        _bump()
        return dict.popitem(self)

    def clear(self) -> None:
        dict.clear(self)
        _bump()

    def __ior__(self, other: Any) -> Any:
        dict.__ior__(self, other)
        _bump()
        return self


# attributes of the Layer machinery itself: set without the tracking checks (the code that
# changes them bumps the version where the weights may change)
_UNTRACKED = frozenset({
    "_own_weights", "_weight_regularizers", "_call_losses", "_inbound_nodes", "_build_input_shape", "_spec",
    "_spec_ok", "_call_training", "_call_mask", "_initial_weights", "_batch_input_shape", "_trainable",
    "_dtype", "_np_dtype", "_autocast", "_wcache", "_lcache", "built", "name", "_seq", "_graph",
    "_graph_layers", "_last_out", "_draws", "_mask_src", "supports_masking",
})


def _trackable(v: Any) -> bool:
    """Whether a value may hold layers or weights (setting or replacing it changes the tracking)."""
    return isinstance(v, (Layer, KerasVariable, list, tuple, dict))


_CALL_INFO: dict = {}


def _call_args(cls: type) -> tuple:
    """(call accepts `training`, call accepts `mask`) for a layer class (cached)."""
    r = _CALL_INFO.get(cls)
    if r is None:
        try:
            params = inspect.signature(cls.call).parameters
        except (TypeError, ValueError):
            params = {}
        r = _CALL_INFO[cls] = ("training" in params, "mask" in params)
    return r


_TRAINING_DEFAULTS: dict = {}


def _training_default(cls: type) -> Any:
    """The default value of ``training`` in ``cls.call``'s signature (None when it has none)."""
    try:
        return _TRAINING_DEFAULTS[cls]
    except KeyError:
        pass
    try:
        p = inspect.signature(cls.call).parameters.get("training")
    except (TypeError, ValueError):
        p = None
    r = _TRAINING_DEFAULTS[cls] = None if p is None or p.default is inspect.Parameter.empty else p.default
    return r


# --- masks (Keras 3): a boolean tensor attached to a layer's output as `_keras_mask` ------------

# set once any tensor carries a mask: until then `Layer.__call__` skips all mask handling
_MASKS_ON = [False]
_MASK_INFO: dict = {}


def get_keras_mask(x: Any) -> Any:
    """The mask attached to ``x`` (a Tensor) by a masking layer, or None."""
    try:
        return x._keras_mask
    except AttributeError:
        return None


def set_keras_mask(x: Any, mask: Any) -> None:
    """Attach ``mask`` to the tensor ``x`` (None removes it); other values are left alone."""
    if mask is not None:
        _MASKS_ON[0] = True
    try:
        x._keras_mask = mask
    except AttributeError:
        pass


def _mask_info(cls: type) -> tuple:
    """(the signature of ``cls.call`` without ``self``, its ``mask``/``<arg>_mask`` parameter names,
    whether the class overrides ``compute_mask``) for a layer class (cached)."""
    r = _MASK_INFO.get(cls)
    if r is None:
        try:
            sig = inspect.signature(cls.call)
            sig = sig.replace(parameters=list(sig.parameters.values())[1:])
        except (TypeError, ValueError):
            sig = None
        names = () if sig is None else tuple(n for n in sig.parameters if n == "mask" or n.endswith("_mask"))
        r = _MASK_INFO[cls] = (sig, names, cls.compute_mask is not Layer.compute_mask)
    return r


def _is_tensor_arg(v: Any) -> bool:
    if isinstance(v, Tensor):
        return True
    if type(v) in (list, tuple, dict) and v:
        flat = _flatten(v)
        return all(x is None or isinstance(x, Tensor) for x in flat) and any(isinstance(x, Tensor) for x in flat)
    return False


def _copy_masks(src: Any, dst: Any) -> None:
    """Carry the masks of ``src``'s tensors over to ``dst`` (the same structure, converted)."""
    a, b = _flatten(src), _flatten(dst)
    if len(a) == len(b):
        for x, y in zip(a, b):
            m = get_keras_mask(x)
            if m is not None and y is not x and get_keras_mask(y) is None:
                set_keras_mask(y, m)


# --- nested-structure helpers (lists, tuples and dicts; dict order kept) ------------------------



# --- the Layer base class ---------------------------------------------------------------------


class _UserSpec:
    """An ``InputSpec`` (or list of them) set by ``layer.input_spec = ...``: checked on every call
    (the built-in layers keep their faster ``(ndim, min_ndim, axes)`` tuples)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


_LAYER_KWARGS = {"input_shape", "batch_input_shape", "batch_size", "input_dim", "dynamic",
                 "autocast", "input_dtype", "weights"}


def _format_arg(v: Any, float_dtype: str | None = "float32") -> str:
    if isinstance(v, (Tensor, Variable)):
        return f"tf.Tensor(shape={TensorShape(v.shape)}, dtype={v.dtype.name})"
    if isinstance(v, np.ndarray) and float_dtype is not None:
        # Keras converts array inputs (floats to the layer's dtype) first
        dt = float_dtype if v.dtype.kind == "f" else _dt.as_dtype(v.dtype).name
        return f"tf.Tensor(shape={TensorShape(v.shape)}, dtype={dt})"
    return repr(v)


def _annotate(e: BaseException, layer: Layer, args: tuple, kwargs: dict) -> BaseException:
    """Keras 3's report of an error raised in ``layer.call``: the same exception type, its message
    framed by "Exception encountered when calling <Class>.call()" and the arguments received
    (only the innermost failing call adds it)."""
    if getattr(e, "_keras_call_info_injected", False):
        return e
    try:
        sig = inspect.signature(layer.call)
        bound = sig.bind(*args, **kwargs).arguments
    except (TypeError, ValueError):
        return e
    cls = type(layer).__name__
    if cls == "Model" and getattr(layer, "_graph", None) is not None:
        cls = "Functional"  # keras.Model(inputs, outputs) is a Functional model (it does not convert arrays)
    dt = None if cls == "Functional" else layer.dtype
    lines = []
    for p in sig.parameters.values():
        value = _map(lambda v: _format_arg(v, dt), bound[p.name]) if p.name in bound else p.default
        lines.append(f"  \u2022 {p.name}={value}")
    if not lines:
        return e
    if isinstance(e, OpError):
        message = e.message
    else:
        message = e.args[0] if e.args else ""
    where = f"{cls}.call()"
    text = (f"Exception encountered when calling {where}.\n\n\x1b[1m{message}\x1b[0m\n\n"
            f"Arguments received by {where}:\n" + "\n".join(lines))
    try:
        new = type(e)(e.node_def, e.op, text) if isinstance(e, OpError) else type(e)(text)
    except Exception:  # an exception type with an unusual constructor
        new = RuntimeError(text)
    try:
        new._keras_call_info_injected = True
    except AttributeError:
        return e
    return new


def _positional_error(v: Any) -> ValueError:
    return ValueError("Only input tensors may be passed as positional arguments. The following argument value "
                      f"should be passed as a keyword argument: {v} (of type {type(v)})")


def _is_composite(v: Any) -> bool:
    return type(v).__name__ in ("RaggedTensor", "SparseTensor", "IndexedSlices")


def _is_shape_list(shape: Any) -> bool:
    """Whether ``shape`` is a list/tuple of shapes (several inputs) rather than one shape."""
    return isinstance(shape, (list, tuple)) and not isinstance(shape, TensorShape) and bool(shape) and all(
        s is None or isinstance(s, (list, tuple, TensorShape, dict)) for s in shape)


def _shape_tuples(shape: Any) -> Any:
    """A shape (or a structure of shapes) as Keras configs write it: tuples of ints/None, inside lists."""
    if isinstance(shape, dict):
        return {k: _shape_tuples(v) for k, v in shape.items()}
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list()) if shape.rank is not None else None
    if _is_shape_list(shape):
        return [_shape_tuples(s) for s in shape]
    if isinstance(shape, (list, tuple)):
        return tuple(None if d is None else int(d) for d in shape)
    return shape


def _serialize(obj: Any) -> Any:
    """Keras 3's serialized form of a config object (a regularizer, initializer, ...)."""
    try:
        from ..utils.serialization import serialize_keras_object
    except ImportError:
        return {"class_name": type(obj).__name__, "config": obj.get_config()}
    return serialize_keras_object(obj)


class Layer:
    """Base class of all layers: weights, lazy build, the call contract and weight tracking.

    Args:
        trainable: whether the layer's weights are updated in training.
        name: a unique name (auto-numbered from the class name by default).
        dtype: the dtype of the weights and computations (float32 by default); floating
            inputs are cast to it.

    Example:
        >>> import numpy as np
        >>> from tapeflow.keras import layers
        >>> d = layers.Dense(2)
        >>> d(np.zeros((1, 3), "float32")).shape.as_list(), [w.name for w in d.weights]
        ([1, 2], ['kernel', 'bias'])
    """

    _cast_all = False  # cast integer inputs too (layers that only compute on floats)
    # Keras 3 accepts only tensors (and array-likes, converted) as positional arguments; layers
    # that take Python values positionally (preprocessing) set this
    _allow_non_tensor_positional_args = False

    def __init__(self, trainable: bool = True, name: str | None = None, dtype: Any = None, **kwargs: Any) -> None:
        unknown = set(kwargs) - _LAYER_KWARGS - {"activity_regularizer"}
        if unknown:
            raise TypeError(f"{type(self).__name__}: unrecognized keyword arguments: {sorted(unknown)}")
        if name is None:
            name = unique_name(to_snake_case(type(self).__name__))
        elif not isinstance(name, str) or "/" in name:
            raise ValueError(f"{type(self).__name__}: name must be a string without '/', got {name!r}")
        self.name = name
        self._trainable = bool(trainable)
        if dtype is None:
            dtype = "float32"
        elif isinstance(dtype, dict):  # a serialized DTypePolicy (Keras 3's `get_config()["dtype"]`)
            dtype = (dtype.get("config") or {}).get("name", "float32")
        elif hasattr(dtype, "name") and not isinstance(dtype, _dt.DType) and hasattr(dtype, "variable_dtype"):
            if getattr(dtype, "compute_dtype", dtype.variable_dtype) != dtype.variable_dtype:
                raise ValueError(f"{type(self).__name__}: the dtype policy '{dtype.name}' computes in "
                                 f"{dtype.compute_dtype} with {dtype.variable_dtype} weights; tapeflow has no mixed "
                                 "precision (use a policy naming one dtype, e.g. 'float32')")
            dtype = dtype.variable_dtype  # a dtype-policy-like object
        if isinstance(dtype, str) and dtype.startswith("mixed_"):
            raise ValueError(f"{type(self).__name__}: the dtype policy '{dtype}' is a mixed-precision policy; "
                             "tapeflow has no mixed precision (use a policy naming one dtype, e.g. 'float32')")
        self._dtype = _dt.as_dtype(dtype)
        self._np_dtype = self._dtype._np
        self._autocast = bool(kwargs.get("autocast", True))
        self.built = False
        self._own_weights: list = []
        self._weight_regularizers: list = []
        self._call_losses: list = []
        self._inbound_nodes: list = []
        self._build_input_shape: Any = None
        self._spec: Any = None  # (ndim, min_ndim, ((axis, size), ...)) checked on each call
        self._spec_ok: Any = None  # the last input shape that passed the spec check
        self._call_training, self._call_mask = _call_args(type(self))
        # Keras 3: a layer supports masking when its class overrides `compute_mask`; such a layer
        # may create a mask, so its calls take the mask-handling path (`_mask_src`)
        self._mask_src = _mask_info(type(self))[2]
        self.supports_masking = self._mask_src
        self.activity_regularizer = _regs.get(kwargs.get("activity_regularizer"))
        shape = kwargs.get("batch_input_shape")
        if shape is None and kwargs.get("input_shape") is not None:
            shape = (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
        if shape is None and kwargs.get("input_dim") is not None:
            shape = (kwargs.get("batch_size"), int(kwargs["input_dim"]))
        self._batch_input_shape = None if shape is None else tuple(shape)
        self._initial_weights = kwargs.get("weights")
        _bump()

    # -- properties ---------------------------------------------------------------------------
    @property
    def dtype(self) -> str:
        """The name of the layer's dtype, e.g. 'float32'."""
        return self._dtype.name

    @property
    def compute_dtype(self) -> str:
        return self._dtype.name

    @property
    def variable_dtype(self) -> str:
        return self._dtype.name

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        value = bool(value)
        for layer in self._flat_layers():
            layer._trainable = value
        _bump()

    @property
    def input_spec(self) -> Any:
        """The ``keras.InputSpec`` (or list of them) this layer checks its inputs against, or None.

        Setting it (usually in ``__init__``) makes every call check its inputs first, as Keras 3.

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> d = layers.Dense(2); _ = d(np.zeros((1, 4), "float32")); d.input_spec
            InputSpec(min_ndim=2, axes={-1: 4})
        """
        spec = self._spec
        if spec is None:
            return None
        if type(spec) is tuple:
            from .input_spec import spec_from_tuple

            return spec_from_tuple(spec)
        return spec.value

    @input_spec.setter
    def input_spec(self, value: Any) -> None:
        from .input_spec import InputSpec, _flat

        self._spec_ok = None
        if value is None:
            self._spec = None
            return
        for v in _flat(value):
            if v is not None and not isinstance(v, InputSpec):
                raise TypeError(f"Layer input_spec must be an instance of InputSpec. Got: {v}")
        self._spec = _UserSpec(value)

    @property
    def dtype_policy(self) -> Any:
        """The layer's ``keras.DTypePolicy`` (tapeflow layers compute in their weights' dtype).

        Example:
            >>> from tapeflow.keras import layers
            >>> layers.Dense(2, dtype="float64").dtype_policy
            <DTypePolicy "float64">
        """
        from .._dtype_policy import DTypePolicy

        return DTypePolicy(self.dtype)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    # -- the contract ---------------------------------------------------------------------------
    def build(self, input_shape: Any) -> None:
        """Create the weights, given the input shape (a TensorShape or a structure of them)."""
        self.built = True

    def call(self, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        """The computation. The default returns the inputs unchanged."""
        return inputs

    def get_config(self) -> dict:
        """The constructor arguments, Keras 3's base keys: ``name``, ``trainable``, ``dtype`` (a
        serialized ``DTypePolicy``) and, when set, ``activity_regularizer`` (override in
        subclasses that take more).

        Example:
            >>> from tapeflow.keras import layers
            >>> cfg = layers.Layer(name="l").get_config()
            >>> list(cfg), cfg["dtype"]["config"]
            (['name', 'trainable', 'dtype'], {'name': 'float32'})
        """
        cfg = {"name": self.name, "trainable": self.trainable, "dtype": self._dtype_config()}
        if self.activity_regularizer is not None:
            cfg["activity_regularizer"] = _serialize(self.activity_regularizer)
        return cfg

    def _dtype_config(self) -> dict:
        """The layer's dtype as Keras 3 serializes its ``DTypePolicy``."""
        return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": self.dtype},
                "registered_name": None}

    def get_build_config(self) -> dict | None:
        """``{"input_shape": ...}`` once the layer is built from an input shape (Keras 3), else None.

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> d = layers.Dense(2); _ = d(np.ones((1, 3), "float32")); d.get_build_config()
            {'input_shape': (1, 3)}
        """
        shape = self._build_input_shape
        if shape is None:
            return None
        return {"input_shape": _shape_tuples(shape)}

    def build_from_config(self, config: dict | None) -> None:
        """Build the layer from ``get_build_config()``'s output."""
        if config and "input_shape" in config and not self.built:
            self._build_with_shapes(_map(TensorShape, _shape_tuples(config["input_shape"]))
                                    if _is_shape_list(config["input_shape"]) else TensorShape(config["input_shape"]))

    @classmethod
    def from_config(cls, config: dict) -> Layer:
        """Make a layer from ``get_config()``'s output."""
        return cls(**config)

    def compute_output_shape(self, input_shape: Any) -> Any:
        """The output shape for an input shape, found by running the layer on zeros."""
        kt = _map(lambda s: KerasTensor(s, self._dtype, name=""), input_shape)
        out = self._output_spec(kt, (), {})
        return _map(lambda t: t.shape, out)

    # -- weights --------------------------------------------------------------------------------
    def add_weight(
        self,
        *args: Any,
        name: str | None = None,
        shape: Any = None,
        initializer: Any = None,
        dtype: Any = None,
        trainable: bool = True,
        regularizer: Any = None,
        constraint: Any = None,
        **kwargs: Any,
    ) -> Variable:
        """Create a weight (a tapeflow Variable) tracked by this layer.

        Positional arguments follow Keras 3 (``shape, initializer, dtype, trainable``); a string first
        (TF 2's ``add_weight(name, shape)``) is a ValueError, as in Keras 3.

        Example:
            >>> from tapeflow.keras import layers
            >>> layer = layers.Layer()
            >>> w = layer.add_weight(name="w", shape=(2, 3), initializer="zeros")
            >>> w.shape.as_list(), len(layer.trainable_weights)
            ([2, 3], 1)
        """
        if args:
            if isinstance(args[0], str):
                raise ValueError(f"`name` must be passed as a keyword argument. Received: add_weight('{args[0]}', "
                                 f"...). Use: add_weight(shape=..., name='{args[0]}').")
            names = ("shape", "initializer", "dtype", "trainable")
            if len(args) > len(names):
                raise TypeError(f"add_weight() takes at most {len(names)} positional arguments here, got {len(args)}")
            given = dict(zip(names, args))
            name = given.get("name", name)
            shape = given.get("shape", shape)
            initializer = given.get("initializer", initializer)
            dtype = given.get("dtype", dtype)
            trainable = given.get("trainable", trainable)
        shape = () if shape is None else ((int(shape),) if isinstance(shape, (int, np.integer)) else tuple(shape))
        if any(d is None for d in shape):
            raise ValueError(
                f"Layer '{self.name}': add_weight('{name}') needs a fully known shape, got {shape}"
            )
        dt = _dt.as_dtype(dtype) if dtype is not None else self._dtype
        if initializer is None:
            initializer = "glorot_uniform" if dt.is_floating else "zeros"
        init = _inits.get(initializer)
        if name is None:
            name = f"variable_{len(self._own_weights)}" if self._own_weights else "variable"
        value = init(shape, dtype=dt)
        v = KerasVariable(value, trainable=trainable, name=name, dtype=dt, constraint=constraint,
                          path=f"{self.name}/{name}")
        self._own_weights.append(v)
        reg = _regs.get(regularizer)
        if reg is not None:
            self._weight_regularizers.append((v, reg))
        _bump()
        if _train_hooks.PENDING:  # a checkpoint restore waits for this layer's weights
            _train_hooks.created(self)
        return v

    # -- tracking ---------------------------------------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if name not in _UNTRACKED:
            t = type(value)
            if t is list:
                value = _TrackedList(value)
                _bump()
            elif t is dict:
                value = _TrackedDict(value)
                _bump()
            elif _trackable(value) or _trackable(self.__dict__.get(name)):
                _bump()
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if _trackable(self.__dict__.get(name)):
            _bump()
        object.__delattr__(self, name)

    def _flat_layers(self) -> list:
        """This layer and every layer tracked under it, depth first, each once (cached like
        the weight lists: ``model.losses`` asks for it on every training step)."""
        cache = self.__dict__.get("_lcache")
        if cache is not None and cache[0] == _VERSION[0]:
            return cache[1]
        out = self._walk_layers()
        self.__dict__["_lcache"] = (_VERSION[0], out)
        return out

    def _walk_layers(self) -> list:
        out: list = []
        seen: set = set()
        stack = [self]
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            stack.extend(reversed(layer._sublayers()))
        return out

    def _sublayers(self) -> list:
        """Layers held in attributes (directly, or in lists/tuples/dicts), in attribute order."""
        return self._scan()[0]

    def _scan(self) -> tuple:
        """(layers, Keras variables) held in attributes, directly or in lists/tuples/dicts. A plain
        ``tf.Variable`` is not tracked (Keras 3 tracks only ``keras.Variable``s)."""
        lays: list = []
        vs: list = []
        for v in self.__dict__.values():
            if isinstance(v, Layer):
                lays.append(v)
            elif isinstance(v, KerasVariable):
                vs.append(v)
            elif isinstance(v, (list, tuple, dict)):
                for x in (v.values() if isinstance(v, dict) else v):
                    if isinstance(x, Layer):
                        lays.append(x)
                    elif isinstance(x, KerasVariable):
                        vs.append(x)
        return lays, vs

    def _weight_lists(self) -> tuple:
        """(all, trainable, non-trainable) weights, layer by layer; cached until a change."""
        cache = self.__dict__.get("_wcache")
        if cache is not None and cache[0] == _VERSION[0]:
            return cache[1]
        all_w: list = []
        tr: list = []
        non: list = []
        seen_l: set = set()
        seen_w: set = set()

        def visit(layer: Layer, parent_trainable: bool) -> None:
            if id(layer) in seen_l:
                return
            seen_l.add(id(layer))
            on = parent_trainable and layer._trainable
            subs, attr_vars = layer._scan()
            # add_weight's weights in creation order, then keras.Variables assigned as attributes
            for v in itertools.chain(layer._own_weights, attr_vars):
                if id(v) in seen_w:
                    continue
                seen_w.add(id(v))
                all_w.append(v)
                (tr if on and v.trainable else non).append(v)
            for sub in subs:
                visit(sub, on)

        visit(self, True)
        res = (all_w, tr, non)
        self.__dict__["_wcache"] = (_VERSION[0], res)
        return res

    @property
    def weights(self) -> list:
        """All weights, layer by layer in tracking order (kernel before bias)."""
        return list(self._weight_lists()[0])

    @property
    def variables(self) -> list:
        return self.weights

    @property
    def trainable_weights(self) -> list:
        """The weights a training step updates (none when ``trainable`` is False)."""
        cache = self.__dict__.get("_wcache")  # `_weight_lists`'s cache, checked inline (hot path)
        if cache is not None and cache[0] == _VERSION[0]:
            return list(cache[1][1])
        return list(self._weight_lists()[1])

    @property
    def trainable_variables(self) -> list:
        return self.trainable_weights

    @property
    def non_trainable_weights(self) -> list:
        """Weights not updated by training (frozen layers, BatchNormalization statistics)."""
        return list(self._weight_lists()[2])

    @property
    def non_trainable_variables(self) -> list:
        return self.non_trainable_weights

    def get_weights(self) -> list:
        """The weights' values as NumPy arrays (copies), in ``weights`` order."""
        return [np.array(v._t._value, copy=True) for v in self.weights]

    def set_weights(self, weights: Any) -> None:
        """Assign NumPy values to all weights, in ``weights`` order (shapes are checked).

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> d = layers.Dense(1); _ = d(np.zeros((1, 2), "float32"))
            >>> d.set_weights([np.ones((2, 1)), np.zeros(1)])
            >>> d.get_weights()[0].tolist()
            [[1.0], [1.0]]
        """
        params = self.weights
        weights = list(weights)
        if len(weights) != len(params):
            raise ValueError(
                f"Layer '{self.name}': set_weights expects a list of {len(params)} arrays "
                f"({[tuple(p.shape) for p in params]}), got {len(weights)}"
            )
        arrays = []
        for i, (p, w) in enumerate(zip(params, weights)):
            arr = np.asarray(w.numpy() if hasattr(w, "numpy") else w)
            if arr.shape != tuple(p._t._value.shape):
                raise ValueError(
                    f"Layer '{self.name}': weight {i} ('{getattr(p, '_path', p.name)}') has shape "
                    f"{tuple(p._t._value.shape)}, but the value given has shape {arr.shape}"
                )
            arrays.append(arr.astype(p._t._value.dtype))
        for p, arr in zip(params, arrays):
            p._set_array(arr)

    def count_params(self) -> int:
        """The number of scalars in all weights."""
        if not self.built:
            raise ValueError(
                f"You tried to call count_params on layer '{self.name}', but the layer isn't built. "
                "Call it on data (or call build(input_shape)) first."
            )
        return int(sum(int(np.prod(v._t._value.shape)) for v in self.weights))

    # -- losses ---------------------------------------------------------------------------------
    def add_loss(self, loss: Any) -> None:
        """Add a loss tensor (or a zero-argument callable) to ``losses``; cleared on each call."""
        self._call_losses.append(loss)

    @property
    def losses(self) -> list:
        """Losses added during the last call plus weight-regularization penalties (computed now,
        so they are differentiable inside a GradientTape)."""
        out = []
        for layer in self._flat_layers():
            for loss in layer._call_losses:
                out.append(loss() if callable(loss) and not isinstance(loss, Tensor) else loss)
            for v, reg in layer._weight_regularizers:
                out.append(reg(v))
        return out

    # -- calling --------------------------------------------------------------------------------
    def __call__(self, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        if args:
            args = self._convert_args(args)
        t = type(inputs)
        masking = _MASKS_ON[0] or self._mask_src
        if t is Tensor:
            if inputs._value.dtype is not self._np_dtype and self._autocast:
                cast = self._cast_input(inputs)
                if masking and cast is not inputs:
                    set_keras_mask(cast, get_keras_mask(inputs))  # casting keeps the mask (as Keras)
                inputs = cast
            if not kwargs and not self._call_training and not masking:
                # the hot path: no `training` flag to set or pass on, so the call context is
                # left as it is (nested layers still see the caller's flag)
                if not self.built:
                    if self._spec is not None and type(self._spec) is not tuple:
                        self._check_spec(None, inputs)  # a user's InputSpec is checked before build
                    self._maybe_build(inputs)
                if self._spec is not None and inputs._value.shape != self._spec_ok:
                    self._check_spec(inputs._value.shape, inputs)
                if self._call_losses:
                    self._call_losses = []
                try:
                    outputs = self.call(inputs, *args)
                except Exception as e:
                    raise _annotate(e, self, (inputs,) + args, {}).with_traceback(e.__traceback__) from None
                if self.activity_regularizer is not None:
                    self._add_activity_losses(outputs)
                return outputs
        elif (t is KerasTensor or (t in (list, tuple, dict) and _has_symbolic(inputs))
              or (args and _has_symbolic(list(args))) or (kwargs and _has_symbolic(list(kwargs.values())))):
            return self._symbolic_call(inputs, args, kwargs)
        else:
            if inputs is None and self._spec is not None:  # Keras's InputSpec check
                raise ValueError(f"Inputs to a layer should be tensors. Got 'None' (of type {type(None)}) as input "
                                 f"for layer '{self.name}'.")
            raw = inputs
            inputs = self._convert_inputs(inputs)
            if masking and inputs is not raw:
                _copy_masks(raw, inputs)
        ctx = _CTX
        prev = ctx.training
        training = None
        given_mask = None
        if kwargs:
            training = kwargs.pop("training", None)
            if "mask" in kwargs and not self._call_mask:
                given_mask = kwargs.pop("mask")
        if training is not None:
            if isinstance(training, (Tensor, Variable)):
                training = bool(training)
            ctx.training = training
        else:
            training = prev
            if training is None and self._call_training:
                # Keras 3: no flag passed nor inherited: the default of `call`'s `training`
                # argument, which nested layers then inherit
                training = _training_default(type(self))
                if training is not None:
                    ctx.training = training
        if self._call_training and training is not None:
            kwargs["training"] = training
        previous_mask = None
        if masking or given_mask is not None or (kwargs and kwargs.get("mask") is not None):
            masking = True
            previous_mask = self._fill_masks(inputs, args, kwargs, given_mask)
        try:
            spec = self._spec
            if not self.built:
                if spec is not None and type(spec) is not tuple:
                    self._check_spec(None, inputs)  # a user's InputSpec is checked before build
                self._maybe_build(inputs)
            if spec is not None:
                if type(spec) is not tuple:
                    self._check_spec(None, inputs)
                elif type(inputs) is Tensor and inputs._value.shape != self._spec_ok:
                    self._check_spec(inputs._value.shape)
            if self._call_losses:
                self._call_losses = []
            try:
                outputs = self.call(inputs, *args, **kwargs)
            except Exception as e:
                raise _annotate(e, self, (inputs,) + args, kwargs).with_traceback(e.__traceback__) from None
            if masking:
                self._mask_outputs(inputs, outputs, previous_mask)
        finally:
            ctx.training = prev
        if self.activity_regularizer is not None:
            self._add_activity_losses(outputs)
        return outputs

    def _add_activity_losses(self, outputs: Any) -> None:
        """Keras 3's activity regularization: the regularizer of each output tensor, divided by
        the batch size (the output's first dimension; rank-0 outputs are not divided)."""
        from ...ops import math_ops

        for o in _flatten(outputs):
            if isinstance(o, Tensor):
                loss = self.activity_regularizer(o)
                if o._value.ndim > 0:
                    loss = math_ops.divide_no_nan(loss, math_ops.cast(o._value.shape[0], loss.dtype))
                self.add_loss(loss)

    # -- masks ----------------------------------------------------------------------------------
    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        """The mask of the outputs, given the inputs and their mask (Keras 3: the input mask,
        unchanged). Layers that make or change masks override this; a layer whose class
        overrides it has ``supports_masking`` True.

        Example:
            >>> import numpy as np
            >>> from tapeflow.keras import layers
            >>> emb = layers.Embedding(5, 2, mask_zero=True)
            >>> emb.compute_mask(np.array([[3, 0]]), None).numpy().tolist()
            [[True, False]]
        """
        return previous_mask

    def _fill_masks(self, inputs: Any, args: tuple, kwargs: dict, given_mask: Any) -> Any:
        """Pass the inputs' masks to ``call`` as Keras 3 does (``mask=`` when the call has one
        tensor argument, ``<arg>_mask=`` per tensor argument otherwise); returns the mask the
        outputs inherit by default."""
        sig, names, _ = _mask_info(type(self))
        if names and sig is not None:
            try:
                bound = sig.bind(inputs, *args, **kwargs).arguments
            except TypeError:
                bound = None
            if bound is not None:
                tensors = {k: v for k, v in bound.items() if _is_tensor_arg(v)}

                def fill(name: str, value: Any) -> None:
                    if name in names and bound.get(name) is None and (name not in bound or name in kwargs):
                        kwargs[name] = _map(get_keras_mask, value)

                if len(tensors) == 1:
                    fill("mask", next(iter(tensors.values())))
                elif len(tensors) > 1:
                    for k, v in tensors.items():
                        fill(f"{k}_mask", v)
        if kwargs.get("mask") is not None:
            return kwargs["mask"]
        if given_mask is not None:
            return given_mask
        return _map(get_keras_mask, inputs)

    def _mask_outputs(self, inputs: Any, outputs: Any, previous_mask: Any) -> None:
        """Attach ``compute_mask``'s masks to outputs that have none (layers supporting masking);
        warn, as Keras does, when a layer that does not support masking drops a mask."""
        if self.supports_masking:
            flat = _flatten(outputs)
            if all(get_keras_mask(o) is not None for o in flat):
                return
            masks = self.compute_mask(inputs, previous_mask)
            if masks is None:
                return
            for o, m in zip(flat, _flatten(masks)):
                if m is not None and isinstance(o, Tensor) and get_keras_mask(o) is None:
                    set_keras_mask(o, m)
        elif any(m is not None for m in _flatten(previous_mask)):
            warnings.warn(
                f"Layer '{self.name}' (of type {type(self).__name__}) was passed an input with a mask attached "
                "to it. However, this layer does not support masking and will therefore destroy the mask "
                "information. Downstream layers will not see the mask.", stacklevel=3)

    def _cast_input(self, x: Tensor) -> Tensor:
        dt = x._value.dtype
        if dt == self._np_dtype:
            return x
        if dt.kind == "f" or (self._cast_all and dt.kind in "iub"):
            return C.cast_raw(x, self._np_dtype)
        return x

    def _convert_inputs(self, x: Any) -> Any:
        """Positional inputs to Tensors, as Keras 3: tensors, Variables, NumPy arrays and other
        array-likes, in any list/tuple/dict structure (floats cast to the layer dtype). Any other
        leaf (a Python number, a string) raises Keras's ValueError ("Only input tensors may be
        passed as positional arguments..."), unless the layer sets
        ``_allow_non_tensor_positional_args`` (then Python values are converted to tensors)."""
        allow = self._allow_non_tensor_positional_args
        if isinstance(x, Variable):
            x = x._read()
        elif x is None or isinstance(x, Tensor):
            pass
        elif isinstance(x, (list, tuple)) and (not allow or any(isinstance(v, (Tensor, Variable, np.ndarray))
                                                                for v in x)):
            out = [self._convert_inputs(v) for v in x]
            return out if isinstance(x, list) else tuple(out)
        elif isinstance(x, dict):
            return {k: self._convert_inputs(v) for k, v in x.items()}
        elif isinstance(x, np.ndarray):
            dt = x.dtype
            if self._autocast and dt != self._np_dtype and (dt.kind == "f" or (self._cast_all and dt.kind in "iub")):
                x = x.astype(self._np_dtype)
            return Tensor(x)
        elif _is_composite(x) or type(x) is KerasTensor:
            return x
        elif not allow and not hasattr(x, "__array__"):
            raise _positional_error(x)
        else:
            try:
                x = convert_to_tensor(x)
            except (TypeError, ValueError) as e:
                raise TypeError(f"Layer '{self.name}' ({type(self).__name__}) cannot take input {x!r}: {e}") from None
        if self._autocast and isinstance(x, Tensor):
            x = self._cast_input(x)
        return x

    def _convert_args(self, args: tuple) -> tuple:
        """Extra positional arguments: converted as the inputs are (Keras 3 converts and checks
        every positional argument)."""
        if self._allow_non_tensor_positional_args:
            return args
        return tuple(self._convert_inputs(a) for a in args)

    def _maybe_build(self, inputs: Any) -> None:
        shapes = _map(lambda t: TensorShape(t.shape) if hasattr(t, "shape") else None, inputs)
        self._build_with_shapes(shapes)

    def _build_with_shapes(self, shapes: Any) -> None:
        b = type(self).build
        if b is not Layer.build and not getattr(b, "_default_build", False):
            self.build(shapes)
        self.built = True
        self._build_input_shape = shapes
        if self._initial_weights is not None:
            w, self._initial_weights = self._initial_weights, None
            self.set_weights(w)
        _bump()
        if _train_hooks.PENDING:
            _train_hooks.created(self)

    def _check_spec(self, shp: tuple | None, inputs: Any = None) -> None:
        """Check an input shape against the layer's spec (the last accepted shape is cached); a
        user's ``InputSpec`` checks the inputs themselves (shapes and dtypes, every call)."""
        if type(self._spec) is not tuple:
            from .input_spec import assert_input_compatibility

            assert_input_compatibility(self._spec.value, inputs, self.name)
            return
        nd, mn, axes = self._spec
        if (nd is None or len(shp) == nd) and len(shp) >= mn and all(shp[a] == n for a, n in axes):
            self._spec_ok = shp
            return
        self._spec_error(shp)

    def _spec_error(self, shape: tuple) -> None:
        """Keras 3's input-spec error (raised before ``call``, so not framed as this layer's call
        error; a model calling this layer frames it)."""
        nd, mn, axes = self._spec
        shape = tuple(shape)
        head = f"Input 0 with name 'None' of layer '{self.name}' is incompatible with the layer: "
        if nd is not None and len(shape) != nd:
            msg = f"expected ndim={nd}, found ndim={len(shape)}. Full shape received: {shape}"
        elif len(shape) < mn:
            msg = f"expected min_ndim={mn}, found ndim={len(shape)}. Full shape received: {shape}"
        else:
            a, n = next((a, n) for a, n in axes if shape[a] != n)
            msg = f"expected axis {a} of input shape to have value {n}, but received input with shape {shape}"
        raise ValueError(head + msg)

    # -- the functional API ---------------------------------------------------------------------
    def _symbolic_call(self, inputs: Any, args: tuple, kwargs: dict) -> Any:
        if self._spec is not None and type(self._spec) is not tuple:
            self._check_spec(None, inputs)
        if not self.built:
            self._build_with_shapes(_map(lambda t: t.shape if type(t) is KerasTensor else None, inputs))
        outputs = self._output_spec(inputs, args, kwargs)
        node = Node(self, inputs, None, args, dict(kwargs))
        flat = _flatten(outputs)
        kts = [KerasTensor(t.shape, t.dtype, node=node, index=i) for i, t in enumerate(flat)]
        for kt, t in zip(kts, flat):  # output masks: the input's mask passed on, or a new one (after the outputs)
            m = getattr(t, "_keras_mask", None)
            kt._keras_mask = m if m is None or type(m) is KerasTensor else KerasTensor(m, "bool")
        node.outputs = _pack(outputs, kts)
        node.flat_outputs = kts
        self._inbound_nodes.append(node)
        return node.outputs

    def _output_spec(self, inputs: Any, args: tuple, kwargs: dict) -> Any:
        """Output shapes/dtypes, found by running the layer on zeros twice (unknown dims 2 and 3):
        output dims that differ between the runs are unknown (None). Inputs with a symbolic mask get
        an all-True mask; an output's mask is then its input's mask passed on (that KerasTensor) or
        the shape of a new one."""
        runs = []
        masks_in: dict = {}  # id of a probe mask -> (that mask, the input's symbolic mask)
        for fill in (2, 3):
            def real(t: Any, fill: int = fill) -> Any:
                if type(t) is not KerasTensor:
                    return t
                z = Tensor(np.zeros([fill if d is None else d for d in t.shape], t.dtype._np))
                if t._keras_mask is not None:
                    m = Tensor(np.ones([fill if d is None else d for d in t._keras_mask.shape], np.bool_))
                    masks_in[id(m)] = (m, t._keras_mask)
                    set_keras_mask(z, m)
                return z

            kw = {k: _map(real, v) for k, v in kwargs.items()}  # (symbolic `initial_state=` too)
            kw.setdefault("training", False)
            with _rec.no_recording(), np.errstate(all="ignore"):  # probes are never recorded by an enclosing tape
                out = self.__call__(_map(real, inputs), *[_map(real, a) for a in args], **kw)
            self._call_losses = []
            runs.append(out)
        flat2, flat3 = _flatten(runs[0]), _flatten(runs[1])
        specs = []
        for a, b in zip(flat2, flat3):
            if not isinstance(a, Tensor):
                raise TypeError(
                    f"Layer '{self.name}' returned {type(a).__name__} on symbolic inputs; layers used in "
                    "the functional API must return tensors"
                )
            sa, sb = a._value.shape, b._value.shape
            shape = [x if len(sa) == len(sb) and x == y else None for x, y in zip(sa, sb)]
            spec = KerasTensor(shape, a.dtype, name="")
            ma, mb = get_keras_mask(a), get_keras_mask(b)
            if ma is not None and mb is not None:
                passed = masks_in.get(id(ma))
                if passed is not None and passed[0] is ma:
                    spec._keras_mask = passed[1]
                else:
                    sa, sb = ma._value.shape, mb._value.shape
                    spec._keras_mask = tuple(x if len(sa) == len(sb) and x == y else None for x, y in zip(sa, sb))
            specs.append(spec)
        return _pack(runs[0], specs)

    @property
    def output(self) -> Any:
        """The symbolic output of the layer's single call in a functional graph."""
        if not self._inbound_nodes:
            raise AttributeError(f"Layer '{self.name}' has never been called on symbolic inputs and has no output")
        if len(self._inbound_nodes) > 1:
            raise AttributeError(f"Layer '{self.name}' was called several times; use get_output_at(index)")
        return self._inbound_nodes[0].outputs

    @property
    def input(self) -> Any:
        """The symbolic input of the layer's single call in a functional graph."""
        if not self._inbound_nodes:
            raise AttributeError(f"Layer '{self.name}' has never been called on symbolic inputs and has no input")
        return self._inbound_nodes[0].inputs


Layer.build._default_build = False


class _OpLayer(Layer):
    """A Python operator applied to symbolic tensors (``inputs / 255.0`` in a functional model)."""

    def __init__(self, fn: Callable, op: str) -> None:
        super().__init__(name=unique_name(op), autocast=False)
        self.fn = fn
        self.op = op

    _allow_non_tensor_positional_args = True

    def _convert_inputs(self, x: Any) -> Any:
        return x  # operands go to the operator as given (Python scalars keep TF's dtype rule)

    def call(self, inputs: list) -> Any:
        return self.fn(*inputs)


# InputLayer and Input live in input_layer.py (they need Layer): re-exported for the old import path
from .input_layer import Input, InputLayer  # noqa: E402

__all__ = ["Layer", "InputLayer", "Input", "KerasTensor", "Node", "clear_session"]
