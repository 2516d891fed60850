"""``tf.train``: object-based checkpoints (``Checkpoint``, ``CheckpointManager``) and checkpoint readers.

A checkpoint holds the values of the variables reachable from a ``Checkpoint``'s arguments, each
under TF's object-graph key (``model/d1/_kernel/.ATTRIBUTES/VARIABLE_VALUE``: the shortest
attribute path to it), plus the object graph itself, so that values can be matched to objects built
later (deferred restoration: a Keras model built by its first call, optimizer slots created by the
first ``apply_gradients``).

Files are named as TF names them (``ckpt-1.index``, ``ckpt-1.data-00000-of-00001``) but hold
tapeflow's own format: the ``.index`` file is a magic line and a JSON header (object graph, and for
each value its dtype, shape, byte offset, size and CRC-32), the ``.data`` file the raw little-endian
bytes. Nothing is unpickled or executed on load. Both files are written to temporaries and moved in
place (data first, index last), so a crash never leaves a half-written checkpoint behind.

Example:
    >>> import tempfile, tapeflow as tf
    >>> v = tf.Variable([1.0, 2.0])
    >>> ckpt = tf.train.Checkpoint(v=v)
    >>> path = ckpt.save(tempfile.mkdtemp() + "/ckpt")
    >>> path.rsplit("/", 1)[1]
    'ckpt-1'
    >>> _ = v.assign([0.0, 0.0])
    >>> ckpt.restore(path).assert_consumed().run_restore_ops()
    >>> v.numpy()
    array([1., 2.], dtype=float32)
"""

from __future__ import annotations

import collections
import glob
import inspect
import json
import os
import sys
import time
import warnings
import weakref
import zlib
from typing import Any, Callable

import numpy as np

from . import dtypes as _dt
from . import errors, train_hooks
from ._data_structures import ListWrapper, _DictWrapper
from ._data_structures import wrap as _wrap
from ._io import write_durably
from .module import Module
from .tensor import Tensor, Variable

_SUFFIX = ".ATTRIBUTES/VARIABLE_VALUE"
_ITERATOR_SUFFIX = ".ATTRIBUTES/ITERATOR_STATE"
_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
_DATA_SUFFIX = ".data-00000-of-00001"
_MAGIC = b"TAPEFLOW-CHECKPOINT v1\n"
_TF_TABLE_MAGIC = bytes.fromhex("57fb808b247547db")  # the footer of TF's (LevelDB-style) .index tables
_STATE_FILE = "checkpoint"
_NUMERIC = {t.name: np.dtype(t.as_numpy_dtype) for t in vars(_dt).values()
            if isinstance(t, _dt.DType) and t.name != "string"}


# ---------------------------------------------------------------------------------------------------
# The object graph: which objects are tracked, and their named children
# ---------------------------------------------------------------------------------------------------
class _Virtual:
    """A node Keras 3 has and tapeflow does not (a Sequential's ``_functional``): named children only."""

    def __init__(self, children: list) -> None:
        self.children = children


class _StateLeaf:
    """A saved value that is not a ``tf.Variable`` (a ``tf.random.Generator``'s state), read and written
    through two functions."""

    def __init__(self, get: Callable, put: Callable) -> None:
        self.get, self.put = get, put


def _generator_leaf(g: Any) -> _StateLeaf:
    # NumPy's Philox state: counter (4), key (2), buffer (4), buffer_pos, has_uint32, uinteger as uint64
    def get() -> np.ndarray:
        st = g._rng.bit_generator.state
        return np.concatenate([st["state"]["counter"], st["state"]["key"], st["buffer"],
                               np.array([st["buffer_pos"], st["has_uint32"], st["uinteger"]], np.uint64)])

    def put(arr: np.ndarray) -> None:
        a = np.asarray(arr, np.uint64)
        g._rng.bit_generator.state = {
            "bit_generator": "Philox", "state": {"counter": a[0:4].copy(), "key": a[4:6].copy()},
            "buffer": a[6:10].copy(), "buffer_pos": int(a[10]), "has_uint32": int(a[11]), "uinteger": int(a[12])}

    return _StateLeaf(get, put)


def _generator_type() -> tuple:
    mod = sys.modules.get("tapeflow.ops.random_ops")
    return (mod.Generator,) if mod is not None else ()


def _iterator_type() -> tuple:
    mod = sys.modules.get("tapeflow.data.dataset")
    return (mod.DatasetIterator,) if mod is not None else ()


_KINDS: dict = {}


def _keras_kinds() -> dict:
    """Keras classes (imported only when Keras is loaded: otherwise no Keras object exists)."""
    if not _KINDS and "tapeflow.keras" in sys.modules:
        from .keras import metrics as _metrics
        from .keras import models as _models
        from .keras.layers.base import _UNTRACKED, InputLayer, Layer
        from .keras.optimizers.base_optimizer import Optimizer

        # a named probe layer: constructing it moves no auto-name counter
        skip = set(vars(Layer(name="checkpoint_probe"))) | {
            "_graph", "_graph_layers", "_seq", "_input_layer", "_last_out", "_compile_loss", "_compile_config",
            "_loss_tracker", "_layers"} | _UNTRACKED
        _KINDS.update(layer=Layer, input=InputLayer, sequential=_models.Sequential, optimizer=Optimizer,
                      metric=_metrics.Metric, skip=frozenset(skip))
    return _KINDS


def _host_types() -> tuple:
    k = _keras_kinds()
    return ((Module, Checkpoint, ListWrapper, _DictWrapper) + _generator_type() + _iterator_type()
            + ((k["layer"], k["optimizer"], k["metric"]) if k else ()))


def _trackable(x: Any) -> bool:
    """Can ``x`` be part of a checkpoint (a variable, a trackable object, or a container of them)?"""
    if isinstance(x, (Variable, _Virtual, _StateLeaf)) or isinstance(x, _host_types()):
        return True
    if isinstance(x, (list, tuple)):
        return any(_trackable(v) for v in x)
    if isinstance(x, dict):
        return any(_trackable(v) for v in x.values())
    return False


def _is_host(x: Any) -> bool:
    """Objects that can hold pending (deferred) restorations: everything but variables, iterators and plain
    containers (a trackable list or dict is a host: appending to it restores the new elements)."""
    if isinstance(x, (ListWrapper, _DictWrapper)):
        return True
    return not isinstance(x, (Variable, _StateLeaf, _Virtual, list, tuple, dict) + _iterator_type())


_UNDERSCORED = ("Dense", "EinsumDense", "_BaseConv", "Embedding")  # Keras 3 keeps `_kernel`/`_embeddings`


def _holds_objects(x: Any) -> bool:
    if isinstance(x, (list, tuple)):
        return any(_holds_objects(v) for v in x)
    if isinstance(x, dict):
        return any(_holds_objects(v) for v in x.values())
    return isinstance(x, _host_types())


def _attr_children(obj: Any, skip: Any, metrics: bool = False, private_lists: bool = True) -> list:
    out = []
    k = _keras_kinds()
    for name, value in vars(obj).items():
        if name in skip or name.startswith("__"):
            continue
        if (not private_lists and name.startswith("_") and isinstance(value, (list, tuple, dict))
                and not _holds_objects(value)):
            continue  # a Keras layer's private list of variables is bookkeeping (a weight cache)
        if isinstance(value, Variable):
            out.append((name, value))
        elif k and isinstance(value, k["metric"]) and not metrics:
            continue  # Keras 3 metrics are not TF trackables (a compiled model's trackers are not saved)
        elif _trackable(value):
            out.append((name, value))
    return out


def _layer_children(layer: Any, k: dict) -> list:
    if isinstance(layer, k["sequential"]):
        ops = [None] + [x for x in layer.layers if not isinstance(x, k["input"])]
        out = [("_functional", _Virtual([("_operations", ops)]))]
    elif "_graph_layers" in vars(layer):  # a functional model
        out = [("_operations", list(layer._graph_layers))]
    else:
        out = []
    underscored = any(c.__name__ in _UNDERSCORED for c in type(layer).__mro__)
    for name, value in _attr_children(layer, k["skip"], private_lists=False):
        if underscored and name in ("kernel", "embeddings") and isinstance(value, Variable):
            name = "_" + name
        out.append((name, value))
    have = {id(v) for _, v in out}
    used = {n for n, _ in out}
    for w in vars(layer).get("_own_weights", ()):
        if id(w) not in have:  # a weight not held by an attribute: named by its own name
            name = w._name
            if underscored and name in ("kernel", "embeddings"):
                name = "_" + name
            base, i = name, 1
            while name in used:
                name, i = f"{base}_{i}", i + 1
            used.add(name)
            out.append((name, w))
    return out


def _children(obj: Any) -> list:
    """The named children of ``obj`` in the object graph, in TF's order."""
    if isinstance(obj, (Variable, _StateLeaf) + _iterator_type()):
        return []
    if isinstance(obj, Checkpoint):
        return obj._checkpoint_children()
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj) if _trackable(v)]
    if isinstance(obj, dict):
        return [(str(key), v) for key, v in obj.items() if _trackable(v)]
    if isinstance(obj, _Virtual):
        return obj.children
    if isinstance(obj, Module):
        return _attr_children(obj, getattr(obj, "_TF_MODULE_IGNORED_PROPERTIES", ()))
    if isinstance(obj, _generator_type()):
        if obj._rng.bit_generator.state.get("bit_generator") != "Philox":
            return []
        return [("_state_var", _generator_leaf(obj))]  # TF's key; tapeflow's value is NumPy's Philox state
    k = _keras_kinds()
    if k:
        if isinstance(obj, k["layer"]):
            return _layer_children(obj, k)
        if isinstance(obj, k["optimizer"]):
            out = [("_iterations", obj._iterations)]
            if isinstance(obj._learning_rate, Variable):
                out.append(("_learning_rate", obj._learning_rate))
            out += [("_variables", obj._variables), ("_trainable_variables", obj._trainable_variables)]
            return out + [(n, v) for n, v in vars(obj).items() if isinstance(v, k["optimizer"])]
        if isinstance(obj, k["metric"]):
            return _attr_children(obj, ("_variables", "_metrics"), metrics=True)
    return []


def _escape(name: str) -> str:
    return name.replace(".", "..").replace("/", "./")


def _walk(root: Any) -> tuple[list, list, list]:
    """Breadth-first walk from ``root``: (objects, [[name, id], ...] per object, key path per object).

    Each object is visited once, named by the first (so shortest) path that reaches it, as TF does.
    """
    objs, kids, paths = [root], [[]], [""]
    ids = {id(root): 0}
    i = 0
    while i < len(objs):
        for name, child in _children(objs[i]):
            name = str(name)
            cid = ids.get(id(child))
            if cid is None:
                cid = ids[id(child)] = len(objs)
                objs.append(child)
                kids.append([])
                paths.append(paths[i] + _escape(name) + "/")
            kids[i].append([name, cid])
        i += 1
    return objs, kids, paths


# ---------------------------------------------------------------------------------------------------
# The file format
# ---------------------------------------------------------------------------------------------------
def _encode(arr: np.ndarray) -> tuple[str, bytes, dict]:
    """(dtype name, bytes, extra header fields) of one value."""
    if arr.dtype.kind in "OUS":
        items = [x if isinstance(x, bytes) else str(x).encode("utf-8") for x in arr.reshape(-1).tolist()]
        return "string", b"".join(items), {"lengths": [len(x) for x in items]}
    name = _dt.from_numpy(arr.dtype).name
    le = np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<"))
    return name, le.tobytes(), {}


def _write_files(prefix: str, values: list, graph: list, op: str = "Checkpoint.write") -> None:
    """Write ``prefix.data-00000-of-00001`` then ``prefix.index``, each atomically."""
    d = os.path.dirname(os.path.abspath(prefix))
    os.makedirs(d, exist_ok=True)
    base = os.path.basename(prefix)
    entries: list = []

    def write_data(f: Any) -> None:
        offset = 0
        for key, arr in values:
            dtype, raw, extra = _encode(arr)
            f.write(raw)
            entries.append({"key": key, "dtype": dtype, "shape": list(arr.shape), "offset": offset,
                            "nbytes": len(raw), "crc32": zlib.crc32(raw), **extra})
            offset += len(raw)

    # the data first, then the index that points into it (one directory sync, after both)
    write_durably(prefix + _DATA_SUFFIX, write_data, prefix=f".{base}.data.", op=op, sync_directory=False)
    header = {"format": "tapeflow-checkpoint", "version": 1, "data_file": base + _DATA_SUFFIX,
              "data_bytes": sum(e["nbytes"] for e in entries), "tensors": entries, "object_graph": graph}
    write_durably(prefix + ".index",
                  lambda f: f.write(_MAGIC + json.dumps(header, separators=(",", ":")).encode("utf-8")),
                  prefix=f".{base}.index.", op=op)


def _corrupt(path: str, what: str) -> errors.DataLossError:
    return errors.DataLossError(f"Checkpoint {path!r} is corrupt or truncated: {what}")


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


class CheckpointReader:
    """Reads one tapeflow checkpoint (``tf.train.load_checkpoint``): shapes, dtypes and values by key.

    The header is validated (names, shapes, dtypes, offsets and sizes against the data file) before
    any value is read; each value's CRC-32 is checked when it is read.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> path = tf.train.Checkpoint(step=tf.Variable(3, dtype=tf.int64)).write(tempfile.mkdtemp() + "/c")
        >>> reader = tf.train.load_checkpoint(path)
        >>> reader.get_variable_to_shape_map()["step/.ATTRIBUTES/VARIABLE_VALUE"], reader.get_tensor("step/.ATTRIBUTES/VARIABLE_VALUE")
        ([], np.int64(3))
    """

    def __init__(self, prefix: str) -> None:
        prefix = os.fspath(prefix)
        self._prefix = prefix
        index = prefix + ".index"
        if not os.path.isfile(index):
            raise errors.NotFoundError(
                f"Unsuccessful TensorSliceReader constructor: Failed to find any matching files for {prefix}")
        with open(index, "rb") as f:
            raw = f.read()
        if not raw.startswith(_MAGIC):
            if raw.endswith(_TF_TABLE_MAGIC):
                raise errors.UnimplementedError(
                    f"{index!r} is a checkpoint written by TensorFlow (TF's table format). tapeflow reads only "
                    "checkpoints written by tapeflow; re-save the values from TensorFlow in a portable format "
                    "(e.g. NumPy arrays) and assign them.")
            raise _corrupt(index, "not a tapeflow checkpoint index (bad magic line)")
        try:
            header = json.loads(raw[len(_MAGIC):].decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise _corrupt(index, f"unreadable header ({e})") from None
        self._header = header
        self._tensors = self._validate(index, header)
        data = prefix + _DATA_SUFFIX
        if not os.path.isfile(data):
            raise errors.NotFoundError(f"Checkpoint {prefix!r}: data file {data!r} is missing")
        size = os.path.getsize(data)
        if size != header["data_bytes"]:
            raise _corrupt(data, f"the data file has {size} bytes, the index expects {header['data_bytes']}")
        self._data_path = data
        self._data: bytes | None = None

    @staticmethod
    def _validate(index: str, h: Any) -> dict:
        if not isinstance(h, dict) or h.get("format") != "tapeflow-checkpoint":
            raise _corrupt(index, "the header is not a tapeflow checkpoint header")
        if h.get("version") != 1:
            raise _corrupt(index, f"unknown format version {h.get('version')!r}")
        if not _is_int(h.get("data_bytes")) or not isinstance(h.get("tensors"), list):
            raise _corrupt(index, "missing 'data_bytes' or 'tensors'")
        tensors: dict = {}
        for e in h["tensors"]:
            key = e.get("key") if isinstance(e, dict) else None
            if not isinstance(key, str) or key in tensors:
                raise _corrupt(index, f"bad or repeated tensor entry {key!r}")
            shape, dtype = e.get("shape"), e.get("dtype")
            if not isinstance(shape, list) or not all(_is_int(d) for d in shape):
                raise _corrupt(index, f"entry {key!r}: bad shape {shape!r}")
            if not all(_is_int(e.get(f)) for f in ("offset", "nbytes", "crc32")):
                raise _corrupt(index, f"entry {key!r}: bad offset/nbytes/crc32")
            if e["offset"] + e["nbytes"] > h["data_bytes"]:
                raise _corrupt(index, f"entry {key!r}: bytes {e['offset']}..{e['offset'] + e['nbytes']} lie beyond "
                                      f"the data ({h['data_bytes']} bytes)")
            count = int(np.prod(shape, dtype=np.int64))
            if dtype == "string":
                lengths = e.get("lengths")
                if (not isinstance(lengths, list) or len(lengths) != count or not all(_is_int(n) for n in lengths)
                        or sum(lengths) != e["nbytes"]):
                    raise _corrupt(index, f"entry {key!r}: bad string lengths")
            else:
                npdt = _NUMERIC.get(dtype)
                if npdt is None or npdt.kind == "O":
                    raise _corrupt(index, f"entry {key!r}: unknown dtype {dtype!r}")
                if count * npdt.itemsize != e["nbytes"]:
                    raise _corrupt(index, f"entry {key!r}: {e['nbytes']} bytes for shape {tuple(shape)} of {dtype}")
            tensors[key] = e
        graph = h.get("object_graph")
        if not isinstance(graph, list) or not graph:
            raise _corrupt(index, "missing object graph")
        for node in graph:
            ok = isinstance(node, dict) and isinstance(node.get("children"), list)
            ok = ok and all(isinstance(c, list) and len(c) == 2 and isinstance(c[0], str) and _is_int(c[1])
                            and c[1] < len(graph) for c in node["children"])
            ok = ok and (node.get("key") is None or node.get("key") in tensors)
            if not ok:
                raise _corrupt(index, f"bad object graph node {node!r}"[:200])
        return tensors

    # -- TF's reader API ----------------------------------------------------------------------------
    def get_variable_to_shape_map(self) -> dict:
        """``{key: shape list}`` for every saved value (and TF's ``_CHECKPOINTABLE_OBJECT_GRAPH``)."""
        out = {k: list(e["shape"]) for k, e in self._tensors.items()}
        out[_GRAPH_KEY] = []
        return out

    def get_variable_to_dtype_map(self) -> dict:
        """``{key: tf.DType}`` for every saved value."""
        out = {k: _dt.as_dtype(e["dtype"]) for k, e in self._tensors.items()}
        out[_GRAPH_KEY] = _dt.string
        return out

    def has_tensor(self, key: str) -> bool:
        """Whether ``key`` is saved in the checkpoint."""
        return key in self._tensors or key == _GRAPH_KEY

    def get_tensor(self, key: str) -> Any:
        """The saved value of ``key`` as a NumPy array (a NumPy scalar for a 0-d value)."""
        if key == _GRAPH_KEY:
            return json.dumps(self._header["object_graph"]).encode("utf-8")
        arr = self._array(key)
        return arr[()] if arr.ndim == 0 else arr

    def _array(self, key: str) -> np.ndarray:
        e = self._tensors.get(key)
        if e is None:
            raise errors.NotFoundError(f"Key {key} not found in checkpoint")
        if self._data is None:
            with open(self._data_path, "rb") as f:
                self._data = f.read()
            if len(self._data) != self._header["data_bytes"]:
                raise _corrupt(self._data_path, "the data file changed size while being read")
        raw = self._data[e["offset"]:e["offset"] + e["nbytes"]]
        if zlib.crc32(raw) != e["crc32"]:
            raise _corrupt(self._data_path, f"entry {key!r} fails its CRC-32 check")
        shape = tuple(e["shape"])
        if e["dtype"] == "string":
            items, pos = [], 0
            for n in e["lengths"]:
                items.append(raw[pos:pos + n])
                pos += n
            arr = np.empty(len(items), dtype=object)
            arr[:] = items
            return arr.reshape(shape)
        npdt = _dt.np_dtype(e["dtype"])
        return np.frombuffer(raw, dtype=npdt.newbyteorder("<")).astype(npdt).reshape(shape)


def _resolve_path(ckpt_dir_or_file: Any) -> str:
    p = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(p):
        latest = latest_checkpoint(p)
        if latest is None:
            raise ValueError(f"Couldn't find 'checkpoint' file or checkpoints in given directory {p}")
        return latest
    return p


def load_checkpoint(ckpt_dir_or_file: Any) -> CheckpointReader:
    """A ``CheckpointReader`` for a checkpoint prefix, or for the latest checkpoint in a directory.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(tempfile.mkdtemp() + "/c")
        >>> tf.train.load_checkpoint(path).get_tensor("v/.ATTRIBUTES/VARIABLE_VALUE")
        array([1., 2.], dtype=float32)
    """
    return CheckpointReader(_resolve_path(ckpt_dir_or_file))


def load_variable(ckpt_dir_or_file: Any, name: str) -> Any:
    """The saved value of the key ``name`` (a trailing ``:0`` is ignored, as in TF).

    Example:
        >>> import tempfile, tapeflow as tf
        >>> path = tf.train.Checkpoint(v=tf.Variable(2.5)).write(tempfile.mkdtemp() + "/c")
        >>> float(tf.train.load_variable(path, "v/.ATTRIBUTES/VARIABLE_VALUE"))
        2.5
    """
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)


def list_variables(ckpt_dir_or_file: Any) -> list:
    """``[(key, shape), ...]`` sorted by key, for a checkpoint prefix or a directory's latest checkpoint.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> path = tf.train.Checkpoint(w=tf.Variable([[1.0, 2.0]])).write(tempfile.mkdtemp() + "/c")
        >>> tf.train.list_variables(path)
        [('_CHECKPOINTABLE_OBJECT_GRAPH', []), ('w/.ATTRIBUTES/VARIABLE_VALUE', [1, 2])]
    """
    shapes = load_checkpoint(ckpt_dir_or_file).get_variable_to_shape_map()
    return [(k, shapes[k]) for k in sorted(shapes)]


# ---------------------------------------------------------------------------------------------------
# Restoring
# ---------------------------------------------------------------------------------------------------
class _Restore:
    """One restore: the reader, the saved graph, and which saved nodes went to which live objects."""

    def __init__(self, path: str, root: Any) -> None:
        self.path = path
        self.reader = CheckpointReader(path)
        self.graph = self.reader._header["object_graph"]
        self.root = weakref.ref(root)
        self.matched: dict[int, int] = {}  # saved node id -> id() of the live object it went to
        self.keys = [n.get("key") for n in self.graph]
        self.pending = 0  # deferred restorations still waiting for their objects

    def settle(self) -> None:
        """Drop deferred restorations of saved nodes that another path matched meanwhile; with none left
        waiting, release the checkpoint's bytes."""
        for entry in list(train_hooks.PENDING.values()):
            for relpath, (ctx, cid) in list(entry.items.items()):
                if ctx is self and cid in self.matched:
                    del entry.items[relpath]
                    self.pending -= 1
            host = entry.ref()
            if not entry.items and host is not None and train_hooks.PENDING.get(id(host)) is entry:
                del train_hooks.PENDING[id(host)]
        if self.pending <= 0:
            self.reader._data = None

    def assign(self, nid: int, var: Variable) -> None:
        key = self.keys[nid]
        arr = self.reader._array(key)
        cur = var._t._value
        if arr.dtype != cur.dtype and not (arr.dtype.kind == "O" and cur.dtype.kind in "OSU"):
            raise ValueError(f"Received incompatible tensor with dtype {_dt.from_numpy(arr.dtype).name} when "
                             f"attempting to restore variable with dtype {var.dtype.name} and name {var.name} "
                             f"(checkpoint key {key!r} in {self.path})")
        if arr.shape != cur.shape and getattr(var, "_validate_shape", True):
            raise ValueError(f"Received incompatible tensor with shape {arr.shape} when attempting to restore "
                             f"variable with shape {cur.shape} and name {var.name} (checkpoint key {key!r} in "
                             f"{self.path})")
        var._set_array(arr)  # (a fresh array: the reader makes a new one on every read)

    def restore_into(self, nid: int, obj: Any, host: Any, rel: tuple) -> None:
        """Give ``obj`` (saved node ``nid``) and what hangs below it their values; defer missing children."""
        stack = [(nid, obj, host, rel)]
        while stack:
            nid, obj, host, rel = stack.pop()
            if self.matched.get(nid) == id(obj):
                continue  # already restored into this object (reached by another path)
            self.matched[nid] = id(obj)
            node = self.graph[nid]
            if node.get("key") is not None:
                if isinstance(obj, Variable):
                    self.assign(nid, obj)
                elif isinstance(obj, _StateLeaf):
                    arr = self.reader._array(self.keys[nid])
                    if arr.dtype != np.uint64 or arr.shape != (13,):
                        raise ValueError(f"Checkpoint key {self.keys[nid]!r} in {self.path} is not a tapeflow "
                                         f"random generator state (got {arr.dtype} of shape {arr.shape})")
                    obj.put(arr)
                elif isinstance(obj, _iterator_type()):
                    arr = self.reader._array(self.keys[nid])
                    if arr.dtype != np.int64 or arr.shape != (1,) or arr[0] < 0:
                        raise ValueError(f"Checkpoint key {self.keys[nid]!r} in {self.path} is not a tapeflow "
                                         f"iterator state (got {arr.dtype} of shape {arr.shape})")
                    obj._restore_position(int(arr[0]))
            if not node["children"]:
                continue
            if _is_host(obj):
                host, rel = obj, ()
            live = dict(_children(obj))
            for name, cid in reversed(node["children"]):
                child = live.get(name)
                if child is None:
                    _defer(host, rel + (name,), self, cid)
                else:
                    stack.append((cid, child, host, rel + (name,)))

    def unresolved(self) -> list:
        """Keys of saved values not (yet) given to any object."""
        return sorted(k for i, k in enumerate(self.keys) if k is not None and i not in self.matched)

    def unmatched_live(self) -> list:
        """Variables (and data set iterators) reachable from the root now that got no value from this checkpoint."""
        root = self.root()
        if root is None:
            return []
        got = set(self.matched.values())
        objs, _, paths = _walk(root)
        kinds = (Variable,) + _iterator_type()
        return [o for o in objs if isinstance(o, kinds) and id(o) not in got]


class _Pending:
    """Deferred restorations held for one host object: ``{relative path: (restore, saved node id)}``."""

    def __init__(self, host: Any) -> None:
        self.ref = weakref.ref(host, lambda _r, k=id(host): _drop(k, _r))
        self.items: dict = {}

    def resolve(self, host: Any) -> None:
        if self.ref() is not host:
            return
        for relpath, (ctx, cid) in list(self.items.items()):
            obj = host
            for name in relpath:
                obj = dict(_children(obj)).get(name)
                if obj is None:
                    break
            if obj is not None and self.items.get(relpath) == (ctx, cid):
                del self.items[relpath]
                ctx.pending -= 1
                ctx.restore_into(cid, obj, host, relpath)
                ctx.settle()
        if not self.items and train_hooks.PENDING.get(id(host)) is self:
            del train_hooks.PENDING[id(host)]


def _drop(key: int, ref: Any) -> None:
    entry = train_hooks.PENDING.get(key)
    if entry is not None and entry.ref is ref:
        del train_hooks.PENDING[key]


def _defer(host: Any, relpath: tuple, ctx: _Restore, cid: int) -> None:
    if cid in ctx.matched:
        return  # the saved value already went to an object (reached by another path)
    entry = train_hooks.PENDING.get(id(host))
    if entry is None or entry.ref() is not host:
        entry = train_hooks.PENDING[id(host)] = _Pending(host)
    old = entry.items.get(relpath)
    if old is not None:
        old[0].pending -= 1
        if old[0].pending <= 0:
            old[0].reader._data = None
    entry.items[relpath] = (ctx, cid)  # a later restore replaces an earlier one
    ctx.pending += 1


class CheckpointLoadStatus:
    """What ``Checkpoint.restore`` returns: checks on how the checkpoint matched the objects.

    Values for objects created later (deferred restoration) arrive when they are created, so the
    checks reflect the state at the time they are called.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> path = tf.train.Checkpoint(v=tf.Variable(1.0)).save(tempfile.mkdtemp() + "/ckpt")
        >>> status = tf.train.Checkpoint(v=tf.Variable(0.0)).restore(path)
        >>> status.assert_consumed() is status
        True
    """

    def __init__(self, ctx: _Restore, root: Any = None) -> None:
        self._ctx = ctx
        self._root = root  # keeps the root alive as long as the status (the restore itself holds it weakly)

    def _unbound_error(self, objs: list) -> AssertionError:
        shown = objs[:10]
        return AssertionError(
            f"Found {len(objs)} Python objects that were not bound to checkpointed values, likely due to changes in "
            f"the Python program. Showing {len(shown)} of {len(objs)} unmatched objects: {shown}")

    def assert_consumed(self) -> CheckpointLoadStatus:
        """Every saved value went to an object, and every variable reachable from the root got one."""
        missing = self._ctx.unresolved()
        if missing:
            raise AssertionError(f"Unresolved object in checkpoint {self._ctx.path}: {len(missing)} saved values "
                                 f"were not restored (their objects do not exist yet or were renamed): {missing}")
        objs = self._ctx.unmatched_live()
        if objs:
            raise self._unbound_error(objs)
        return self

    def assert_existing_objects_matched(self) -> CheckpointLoadStatus:
        """Every variable reachable from the root now got a value (saved values may be left over)."""
        objs = self._ctx.unmatched_live()
        if objs:
            raise self._unbound_error(objs)
        return self

    def assert_nontrivial_match(self) -> CheckpointLoadStatus:
        """Something other than the root was matched."""
        if not any(k is not None and i in self._ctx.matched for i, k in enumerate(self._ctx.keys)):
            raise AssertionError(f"Nothing except the root object matched a checkpointed value in {self._ctx.path}.")
        return self

    def assert_nothing_matched(self) -> CheckpointLoadStatus:
        """No saved value went to any object."""
        hits = [k for i, k in enumerate(self._ctx.keys) if k is not None and i in self._ctx.matched]
        if hits:
            raise AssertionError(f"Expected nothing to match, but restored {hits} from {self._ctx.path}")
        return self

    def expect_partial(self) -> CheckpointLoadStatus:
        """Silence warnings about values left unused (tapeflow gives none)."""
        return self

    def run_restore_ops(self, session: Any = None) -> None:
        """Nothing to run in eager mode: values are assigned as soon as their objects exist."""

    def initialize_or_restore(self, session: Any = None) -> None:
        """Nothing to run in eager mode."""


class InitializationOnlyStatus:
    """What ``Checkpoint.restore(None)`` returns: nothing was restored.

    Example:
        >>> import tapeflow as tf
        >>> tf.train.Checkpoint().restore(None).assert_nothing_matched().run_restore_ops()
    """

    def assert_consumed(self) -> None:
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being restored.")

    def assert_existing_objects_matched(self) -> None:
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being restored.")

    def assert_nontrivial_match(self) -> None:
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being restored.")

    def assert_nothing_matched(self) -> InitializationOnlyStatus:
        return self

    def expect_partial(self) -> InitializationOnlyStatus:
        return self

    def run_restore_ops(self, session: Any = None) -> None:
        """Nothing to do."""

    def initialize_or_restore(self, session: Any = None) -> None:
        """Nothing to do: variables are initialized when created in eager mode."""


# ---------------------------------------------------------------------------------------------------
# Checkpoint
# ---------------------------------------------------------------------------------------------------
class CheckpointOptions:
    """``tf.train.CheckpointOptions``: accepted and recorded; ``experimental_write_callbacks`` are called
    with the path after each write.

    Example:
        >>> import tapeflow as tf
        >>> tf.train.CheckpointOptions(experimental_io_device="/job:localhost").experimental_io_device
        '/job:localhost'
    """

    def __init__(self, experimental_io_device: str | None = None, experimental_enable_async_checkpoint: bool = False,
                 experimental_write_callbacks: list | None = None, enable_async: bool = False,
                 experimental_sharding_callback: Any = None, experimental_skip_slot_variables: bool = False) -> None:
        self.experimental_io_device = experimental_io_device
        self.experimental_enable_async_checkpoint = experimental_enable_async_checkpoint
        self.experimental_write_callbacks = list(experimental_write_callbacks or [])
        self.enable_async = enable_async
        self.experimental_sharding_callback = experimental_sharding_callback
        self.experimental_skip_slot_variables = experimental_skip_slot_variables


def _run_callbacks(options: Any, path: str) -> None:
    for cb in getattr(options, "experimental_write_callbacks", None) or ():
        try:
            takes = len(inspect.signature(cb).parameters) > 0
        except (TypeError, ValueError):
            takes = True
        cb(path) if takes else cb()


class Checkpoint:
    """``tf.train.Checkpoint(**kwargs)``: saves and restores the variables reachable from its arguments.

    Arguments may be ``tf.Variable``s, ``tf.Module``s, Keras layers and models, Keras optimizers and
    metrics, ``tf.random.Generator``s, ``tf.data`` iterators (``iter(dataset)``: their position is
    saved, see ``DatasetIterator``), other ``Checkpoint``s, and lists/dicts of those (held, as in TF, as a
    trackable ``ListWrapper``/``DictWrapper``: elements appended later are saved too, and restored when
    appended after a ``restore``). ``save`` numbers checkpoints with ``save_counter``; ``write``/``read``
    use the path as given. ``restore`` returns a status whose ``assert_*`` methods check the match;
    values for objects created later (a model built by its first call, optimizer slots) are assigned
    when those objects are created.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> from tapeflow import keras
        >>> model = keras.Sequential([keras.layers.Dense(2)])
        >>> _ = model(tf.ones((1, 3)))
        >>> path = tf.train.Checkpoint(model=model).save(tempfile.mkdtemp() + "/ckpt")
        >>> fresh = keras.Sequential([keras.layers.Dense(2)])
        >>> status = tf.train.Checkpoint(model=fresh).restore(path)  # fresh is not built yet
        >>> _ = fresh(tf.ones((1, 3)))  # its weights get the saved values when created
        >>> bool((fresh.layers[0].kernel.numpy() == model.layers[0].kernel.numpy()).all())
        True
    """

    def __init__(self, root: Any = None, **kwargs: Any) -> None:
        object.__setattr__(self, "_deps", {})
        object.__setattr__(self, "_root", None)
        object.__setattr__(self, "_save_counter", None)
        if root is not None:
            root = _wrap(root)
            if not _trackable(root):
                raise ValueError(_not_trackable("root", root))
            object.__setattr__(self, "_root", root)
        for k, v in sorted(kwargs.items()):
            if k == "save_counter":
                raise ValueError("`Checkpoint` cannot track an object named 'save_counter' (it is its own counter).")
            v = _wrap(v)
            if not _trackable(v):
                raise ValueError(_not_trackable(k, v))
            self._deps[k] = v

    def __getattr__(self, name: str) -> Any:
        deps = self.__dict__.get("_deps", {})
        if name in deps:
            return deps[name]
        raise AttributeError(f"'Checkpoint' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        """Track ``value`` under ``name`` (a list or dict becomes a trackable ``ListWrapper`` /
        ``DictWrapper``); a value that is not trackable is kept as a plain attribute, as in TF."""
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        value = _wrap(value)
        if not _trackable(value):
            self._deps.pop(name, None)
            object.__setattr__(self, name, value)
            return
        self.__dict__.pop(name, None)
        self._deps[name] = value
        if train_hooks.PENDING:
            train_hooks.created(self)

    def __delattr__(self, name: str) -> None:
        if name in self._deps:
            del self._deps[name]
        else:
            object.__delattr__(self, name)

    def _checkpoint_children(self) -> list:
        out = list(_children(self._root)) if self._root is not None else []
        out += list(self._deps.items())
        if self._save_counter is not None:
            out.append(("save_counter", self._save_counter))
        return out

    @property
    def save_counter(self) -> Variable:
        """An int64 ``tf.Variable`` counting ``save`` calls (created on first use, saved with the rest)."""
        if self._save_counter is None:
            object.__setattr__(self, "_save_counter", Variable(0, dtype=_dt.int64, trainable=False,
                                                               name="save_counter"))
            if train_hooks.PENDING:
                train_hooks.created(self)
        return self._save_counter

    # -- writing ------------------------------------------------------------------------------------
    def _write(self, file_prefix: str, op: str = "Checkpoint.write") -> str:
        objs, kids, paths = _walk(self)
        values, graph = [], []
        iterators = _iterator_type()
        for obj, children, path in zip(objs, kids, paths):
            key = None
            if isinstance(obj, (Variable, _StateLeaf)):
                key = path + _SUFFIX
                values.append((key, np.asarray(obj._t._value) if isinstance(obj, Variable) else obj.get()))
            elif iterators and isinstance(obj, iterators):
                key = path + _ITERATOR_SUFFIX  # TF's key; the value is tapeflow's (the iterator's position)
                values.append((key, np.array([obj._position()], np.int64)))
            elif isinstance(obj, (ListWrapper, _DictWrapper)):
                obj._check_saveable()
            graph.append({"children": children, "key": key})
        _write_files(file_prefix, values, graph, op)
        return file_prefix

    def write(self, file_prefix: Any, options: CheckpointOptions | None = None) -> str:
        """Write the checkpoint at ``file_prefix`` (no numbering, ``save_counter`` unchanged); returns it.

        Example: ``tf.train.Checkpoint(v=tf.Variable(1.0)).write("/tmp/ckpt/v")`` returns ``"/tmp/ckpt/v"``.
        """
        path = self._write(os.fspath(file_prefix))
        _run_callbacks(options, path)
        return path

    def save(self, file_prefix: Any, options: CheckpointOptions | None = None) -> str:
        """Increment ``save_counter``, write ``{file_prefix}-{save_counter}`` and record it in the
        directory's ``checkpoint`` file (for ``tf.train.latest_checkpoint``); returns the path.

        Example: ``ckpt.save("/tmp/training/ckpt")`` returns ``"/tmp/training/ckpt-1"``, then ``-2``...
        """
        file_prefix = os.fspath(file_prefix)
        counter = self.save_counter
        counter.assign_add(1)
        path = f"{file_prefix}-{int(counter.numpy())}"
        try:
            self._write(path, "Checkpoint.save")
        except BaseException:
            counter.assign_sub(1)
            raise
        _update_state(os.path.dirname(path), path, [path])
        _run_callbacks(options, path)
        return path

    # -- reading ------------------------------------------------------------------------------------
    def read(self, save_path: Any, options: CheckpointOptions | None = None) -> CheckpointLoadStatus:
        """Restore from a checkpoint written by ``write`` (or ``save``); returns the load status."""
        save_path = os.fspath(save_path)
        try:
            ctx = _Restore(save_path, self)
        except errors.NotFoundError as e:
            raise errors.NotFoundError(
                f"Error when restoring from checkpoint or SavedModel at {save_path}: {e.message if hasattr(e, 'message') else e}"
                "\nPlease double-check that the path is correct. You may be missing the checkpoint suffix "
                "(e.g. the '-1' in 'path/to/ckpt-1').") from None
        ctx.restore_into(0, self, self, ())
        ctx.settle()
        return CheckpointLoadStatus(ctx, self)

    def restore(self, save_path: Any, options: CheckpointOptions | None = None) -> Any:
        """Restore from ``save_path`` (a prefix as returned by ``save`` or ``tf.train.latest_checkpoint``).

        ``None`` restores nothing and returns an ``InitializationOnlyStatus``. A missing checkpoint is a
        ``tf.errors.NotFoundError``; a saved value whose shape differs from its variable a ValueError.
        """
        if save_path is None:
            return InitializationOnlyStatus()
        self.save_counter  # noqa: B018  (restore creates the counter, as TF's does; read does not)
        return self.read(save_path, options)


def _not_trackable(name: str, value: Any) -> str:
    return (f"`Checkpoint` was expecting {name} to be a trackable object (an object derived from `Trackable`), "
            f"got {value!r}. If you believe this object should be trackable (i.e. it is part of the TensorFlow "
            "Python API and manages state), please open an issue.")


# ---------------------------------------------------------------------------------------------------
# The `checkpoint` state file, latest_checkpoint, CheckpointManager
# ---------------------------------------------------------------------------------------------------
class CheckpointState:
    """The contents of a directory's ``checkpoint`` file (TF's ``CheckpointState`` proto), paths absolute.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> d = tempfile.mkdtemp()
        >>> _ = tf.train.Checkpoint(v=tf.Variable(1.0)).save(d + "/ckpt")
        >>> tf.train.get_checkpoint_state(d).model_checkpoint_path == d + "/ckpt-1"
        True
    """

    def __init__(self, model_checkpoint_path: str = "", all_model_checkpoint_paths: list | None = None,
                 all_model_checkpoint_timestamps: list | None = None, last_preserved_timestamp: float = 0.0) -> None:
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = list(all_model_checkpoint_paths or [])
        self.all_model_checkpoint_timestamps = list(all_model_checkpoint_timestamps or [])
        self.last_preserved_timestamp = last_preserved_timestamp

    def _text(self) -> str:
        lines = [f"model_checkpoint_path: {json.dumps(self.model_checkpoint_path)}"]
        lines += [f"all_model_checkpoint_paths: {json.dumps(p)}" for p in self.all_model_checkpoint_paths]
        lines += [f"all_model_checkpoint_timestamps: {t!r}" for t in self.all_model_checkpoint_timestamps]
        if self.last_preserved_timestamp:
            lines.append(f"last_preserved_timestamp: {self.last_preserved_timestamp!r}")
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        return self._text()

    __str__ = __repr__


def _parse_state(text: str) -> CheckpointState:
    st = CheckpointState()
    for line in text.splitlines():
        if not line.strip():
            continue
        field, sep, value = line.partition(":")
        value = value.strip()
        if not sep:
            raise ValueError(f"bad line {line!r}")
        if field == "model_checkpoint_path":
            st.model_checkpoint_path = json.loads(value)
        elif field == "all_model_checkpoint_paths":
            st.all_model_checkpoint_paths.append(json.loads(value))
        elif field == "all_model_checkpoint_timestamps":
            st.all_model_checkpoint_timestamps.append(float(value))
        elif field == "last_preserved_timestamp":
            st.last_preserved_timestamp = float(value)
        else:
            raise ValueError(f"unknown field {field!r}")
    return st


def get_checkpoint_state(checkpoint_dir: Any, latest_filename: str | None = None) -> CheckpointState | None:
    """The directory's ``checkpoint`` file (relative paths made absolute), or None if there is none.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> tf.train.get_checkpoint_state(tempfile.mkdtemp()) is None
        True
    """
    checkpoint_dir = os.fspath(checkpoint_dir)
    path = os.path.join(checkpoint_dir, latest_filename or _STATE_FILE)
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            st = _parse_state(f.read())
    except (OSError, ValueError, UnicodeDecodeError) as e:
        warnings.warn(f"{path}: unreadable checkpoint state file ({e})", stacklevel=2)
        return None
    if not st.model_checkpoint_path:
        return None

    def absolute(p: str) -> str:
        return p if os.path.isabs(p) else os.path.join(checkpoint_dir, p)

    st.model_checkpoint_path = absolute(st.model_checkpoint_path)
    st.all_model_checkpoint_paths = [absolute(p) for p in st.all_model_checkpoint_paths]
    return st


def _update_state(save_dir: str, latest: str, paths: list, timestamps: list | None = None,
                  last_preserved: float | None = None) -> None:
    """Atomically write ``save_dir/checkpoint`` with paths relative to ``save_dir``, as TF's managers do."""
    save_dir = save_dir or "."

    def rel(p: str) -> str:
        return os.path.relpath(p, save_dir) if not os.path.isabs(p) or os.path.isabs(save_dir) else p

    st = CheckpointState(rel(latest), [rel(p) for p in paths], timestamps, last_preserved or 0.0)
    os.makedirs(save_dir, exist_ok=True)
    write_durably(os.path.join(save_dir, _STATE_FILE), lambda f: f.write(st._text()), prefix=".checkpoint.",
                  op="checkpoint state update", text=True)


def latest_checkpoint(checkpoint_dir: Any, latest_filename: str | None = None) -> str | None:
    """The prefix of the newest checkpoint recorded in ``checkpoint_dir`` (None if none exists).

    Example:
        >>> import tempfile, tapeflow as tf
        >>> d = tempfile.mkdtemp()
        >>> print(tf.train.latest_checkpoint(d))
        None
        >>> tf.train.Checkpoint(v=tf.Variable(1.0)).save(d + "/ckpt") == tf.train.latest_checkpoint(d)
        True
    """
    st = get_checkpoint_state(checkpoint_dir, latest_filename)
    if st is None:
        return None
    p = st.model_checkpoint_path
    return p if os.path.isfile(p + ".index") else None


def checkpoints_iterator(checkpoint_dir: Any, min_interval_secs: float = 0, timeout: float | None = None,
                         timeout_fn: Callable | None = None) -> Any:
    """Yield each new latest checkpoint of ``checkpoint_dir`` as it appears (polling the directory).

    Waits at most ``timeout`` seconds (forever when None) for the next one; on a timeout the iterator
    ends, unless ``timeout_fn`` is given and returns False (then it waits again). Yields are at least
    ``min_interval_secs`` apart.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> d = tempfile.mkdtemp()
        >>> path = tf.train.Checkpoint(v=tf.Variable(1.0)).save(d + "/ckpt")
        >>> list(tf.train.checkpoints_iterator(d, timeout=0)) == [path]
        True
    """
    last = None
    while True:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            new = latest_checkpoint(checkpoint_dir)
            if new is not None and new != last:
                break
            if deadline is not None and time.monotonic() >= deadline:
                new = None
                break
            time.sleep(0.1 if deadline is None else max(0.0, min(0.1, deadline - time.monotonic())))
        if new is None:
            if timeout_fn is None or timeout_fn():
                return
            continue
        started = time.monotonic()
        last = new
        yield new
        left = started + min_interval_secs - time.monotonic()
        if left > 0:
            time.sleep(left)


def _delete(prefix: str) -> None:
    for f in [prefix + ".index"] + glob.glob(glob.escape(prefix) + ".data-?????-of-?????"):
        try:
            os.remove(f)
        except FileNotFoundError:
            pass


def _number(x: Any) -> int:
    if isinstance(x, Variable):
        x = x.numpy()
    elif isinstance(x, Tensor):
        x = x.numpy()
    return int(x)


class CheckpointManager:
    """``tf.train.CheckpointManager``: numbered saves in a directory, keeping the newest ``max_to_keep``.

    The ``checkpoint`` file lists the kept checkpoints with their timestamps (TF's format); a new
    manager on the same directory picks them up. Checkpoints older than ``max_to_keep`` are deleted,
    except one every ``keep_checkpoint_every_n_hours``. With ``checkpoint_interval`` (and a
    ``step_counter``), ``save`` skips saves closer than that many steps to the previous one.

    Example:
        >>> import tempfile, tapeflow as tf
        >>> ckpt = tf.train.Checkpoint(step=tf.Variable(0, dtype=tf.int64))
        >>> manager = tf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=2)
        >>> [manager.save().rsplit("/", 1)[1] for _ in range(3)]
        ['ckpt-1', 'ckpt-2', 'ckpt-3']
        >>> [p.rsplit("/", 1)[1] for p in manager.checkpoints]
        ['ckpt-2', 'ckpt-3']
        >>> manager.restore_or_initialize() == manager.latest_checkpoint
        True
    """

    def __init__(self, checkpoint: Checkpoint, directory: Any, max_to_keep: int | None = 5,
                 keep_checkpoint_every_n_hours: float | None = None, checkpoint_name: str = "ckpt",
                 step_counter: Any = None, checkpoint_interval: int | None = None,
                 init_fn: Callable | None = None) -> None:
        if not isinstance(checkpoint, Checkpoint):
            raise TypeError(f"CheckpointManager: checkpoint must be a tf.train.Checkpoint, got {type(checkpoint).__name__}")
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError(f"Expected a positive integer or `None` for `max_to_keep`, got {max_to_keep}.")
        if checkpoint_interval is not None and step_counter is None:
            raise ValueError("`step_counter` should be passed if `checkpoint_interval` is not None.")
        self._checkpoint = checkpoint
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._directory = os.fspath(directory)
        self._checkpoint_prefix = os.path.join(self._directory, checkpoint_name)
        self._step_counter = step_counter
        self._checkpoint_interval = checkpoint_interval
        self._last_checkpoint_step: int | None = None
        self._init_fn = init_fn
        self._maybe_delete: collections.OrderedDict = collections.OrderedDict()
        now = time.time()
        st = get_checkpoint_state(self._directory)
        if st is None:
            self._latest_checkpoint = None
            self._last_preserved_timestamp = now - 1.0
        else:
            self._latest_checkpoint = st.model_checkpoint_path
            self._last_preserved_timestamp = min(st.last_preserved_timestamp, now)
            stamps = st.all_model_checkpoint_timestamps or [self._last_preserved_timestamp] * len(
                st.all_model_checkpoint_paths)
            for p, t in zip(st.all_model_checkpoint_paths, stamps):
                t = min(t, now)
                if t > self._last_preserved_timestamp:
                    self._maybe_delete[p] = t

    @property
    def directory(self) -> str:
        """The directory checkpoints are saved in."""
        return self._directory

    @property
    def checkpoint(self) -> Checkpoint:
        """The managed ``tf.train.Checkpoint``."""
        return self._checkpoint

    @property
    def checkpoint_interval(self) -> int | None:
        """The minimum number of steps between saves (None: no minimum)."""
        return self._checkpoint_interval

    @property
    def latest_checkpoint(self) -> str | None:
        """The newest checkpoint's prefix, or None."""
        return self._latest_checkpoint

    @property
    def checkpoints(self) -> list:
        """The prefixes of the managed checkpoints, oldest first."""
        return list(self._maybe_delete)

    def _record_state(self) -> None:
        _update_state(self._directory, self._latest_checkpoint, list(self._maybe_delete),
                      list(self._maybe_delete.values()), self._last_preserved_timestamp)

    def _sweep(self) -> None:
        if not self._max_to_keep:
            return
        while len(self._maybe_delete) > self._max_to_keep:
            path, stamp = self._maybe_delete.popitem(last=False)
            n = self._keep_checkpoint_every_n_hours
            if n and stamp - n * 3600.0 >= self._last_preserved_timestamp:
                self._last_preserved_timestamp = stamp
                continue
            _delete(path)

    def save(self, checkpoint_number: Any = None, check_interval: bool = True,
             options: CheckpointOptions | None = None) -> str | None:
        """Save a numbered checkpoint (``save_counter`` by default), record it, delete old ones.

        Returns the new checkpoint's prefix, or None when ``checkpoint_interval`` skipped the save.
        """
        if self._checkpoint_interval is not None:
            step = _number(self._step_counter)
            if self._last_checkpoint_step is not None:
                if step == self._last_checkpoint_step:
                    return None
                if check_interval and step < self._last_checkpoint_step + self._checkpoint_interval:
                    return None
            self._last_checkpoint_step = step
        counter = self._checkpoint.save_counter
        counter.assign_add(1)
        number = _number(counter if checkpoint_number is None else checkpoint_number)
        prefix = f"{self._checkpoint_prefix}-{number}"
        try:
            self._checkpoint._write(prefix, "CheckpointManager.save")
        except BaseException:
            counter.assign_sub(1)
            raise
        self._maybe_delete.pop(prefix, None)
        self._maybe_delete[prefix] = time.time()
        self._latest_checkpoint = prefix
        self._record_state()  # record the new one before deleting anything
        self._sweep()
        self._record_state()
        _run_callbacks(options, prefix)
        return prefix

    def restore_or_initialize(self) -> str | None:
        """Restore the latest checkpoint and return its path; with none, call ``init_fn`` and return None."""
        if self._latest_checkpoint is not None:
            self._checkpoint.restore(self._latest_checkpoint)
            if self._checkpoint_interval is not None:
                self._last_checkpoint_step = _number(self._step_counter)
            return self._latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None

    def sync(self) -> None:
        """Wait for pending writes (writes are synchronous in tapeflow)."""


__all__ = ["Checkpoint", "CheckpointManager", "CheckpointOptions", "CheckpointReader", "CheckpointState",
           "CheckpointLoadStatus", "InitializationOnlyStatus", "checkpoints_iterator", "latest_checkpoint",
           "get_checkpoint_state", "list_variables", "load_checkpoint", "load_variable"]
