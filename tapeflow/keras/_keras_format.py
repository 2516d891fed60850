"""Keras 3's own files: ``.weights.h5`` and the ``.keras`` zip, read and written so that Keras 3 and
tapeflow load each other's files.

The weights tree is Keras's: every layer, model and optimizer has a group ``<path>/vars`` holding its
own variables as datasets ``"0"``, ``"1"``, ... (trainable ones first, in creation order; an
optimizer's ``variables``: iterations, learning rate, then its slots), with the object's ``name`` as
an attribute. Paths follow Keras's walk over the object tree: a Sequential or functional model's
``layers`` first, each named by its class in snake case (``dense``, ``dense_1``, ...), then the
object's attributes in sorted order (public before private), e.g. ``layers/lstm/cell/vars/0`` or
``optimizer/vars/3``. An object reached twice is stored at the first path.

A ``.keras`` file is a zip of ``metadata.json``, ``config.json`` (the model's Keras 3 config, with its
build and compile configs), ``model.weights.h5`` and, for lookup layers, their vocabularies as
``assets/<path>/vocabulary.txt``. Loading parses JSON and reads HDF5 through h5py
(the optional ``h5`` extra): nothing from the file is executed, and a ``Lambda`` layer holding Python
bytecode is refused unless ``safe_mode=False``. Files are written to a temporary file in the target's
directory and moved over it, so a crash mid-save leaves the previous file intact.

Example:
    >>> import os, tempfile
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    >>> [path for path, _, _ in weights_tree(model)]
    ['', 'layers/dense']
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import io
import json
import os
import shutil
import struct
import tempfile
import warnings
import zipfile
import zlib
from typing import Any

import numpy as np

from .._io import write_durably
from ..errors import NotFoundError

KERAS_FORMAT_VERSION = "3.15.1"  # the Keras release whose file layout this module writes

_CONFIG = "config.json"
_METADATA = "metadata.json"
_WEIGHTS = "model.weights.h5"

# public properties Keras walks for sublayers that tapeflow keeps in private attributes
_ALIASES = {"MultiHeadAttention": (("query_dense", "_query_dense"), ("key_dense", "_key_dense"),
                                   ("value_dense", "_value_dense"), ("output_dense", "_output_dense"))}


def h5py_module(path: str, op: str) -> Any:
    """Import h5py, or raise an ImportError naming the extra to install."""
    try:
        import h5py  # optional dependency (the `h5` extra)
    except ImportError:
        raise ImportError(
            f"{op}: '{path}' holds HDF5 weights (Keras's format), which need the h5py package: "
            "pip install 'tapeflow[h5]' (or use a '.weights.npz' file, tapeflow's own format)"
        ) from None
    return h5py


# --- the object tree ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _classes() -> tuple:
    from .layers.base import Layer
    from .models import Model, Sequential
    from .optimizers.base_optimizer import Optimizer

    return Layer, Model, Sequential, Optimizer


def _saveable(obj: Any) -> bool:
    Layer, _, _, Optimizer = _classes()
    return isinstance(obj, (Layer, Optimizer))


def _holds_saveable(obj: Any, depth: int = 0) -> bool:
    if depth > 4:
        return False
    items = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple)) else ()
    return any(_saveable(v) or (isinstance(v, (list, tuple, dict)) and _holds_saveable(v, depth + 1))
               for v in items)


def _name_key(name: str) -> str:
    return "~" + name if name.startswith("_") else name  # private attributes after public ones


def own_variables(obj: Any) -> list:
    """The variables ``obj`` stores in its own ``vars`` group, in Keras's order."""
    _, _, _, Optimizer = _classes()
    if isinstance(obj, Optimizer):
        return list(obj.variables)
    own = list(getattr(obj, "_own_weights", ()))
    return [w for w in own if w.trainable] + [w for w in own if not w.trainable]


def _children(obj: Any) -> list:
    Layer, Model, Sequential, Optimizer = _classes()
    if isinstance(obj, Optimizer):
        return []
    first = []
    if isinstance(obj, Model) and (isinstance(obj, Sequential) or obj._graph is not None):
        first.append(("layers", obj.layers))
    attrs = {}
    for k, v in vars(obj).items():
        if k.startswith("__") or k in _INTERNAL:
            continue
        if _saveable(v) or (isinstance(v, (list, tuple, dict)) and _holds_saveable(v)):
            attrs[k] = v
    if isinstance(obj, Model):
        if not first:
            attrs["layers"] = obj.layers
        opt = getattr(obj, "optimizer", None)
        if _saveable(opt):
            attrs["optimizer"] = opt
    for alias, private in _ALIASES.get(type(obj).__name__, ()):
        if _saveable(getattr(obj, private, None)):
            attrs[alias] = getattr(obj, private)
    return first + sorted(attrs.items(), key=lambda kv: _name_key(kv[0]))


# tapeflow's own bookkeeping attributes holding layers (Keras skips its equivalents: a model's
# layers are walked once, as ``layers``)
_INTERNAL = frozenset({"_input_layer", "_graph_layers", "_seq", "_layers", "_sublayer_cache"})


def _join(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


def weights_tree(model: Any) -> list:
    """``[(path, object, own variables), ...]`` in the order Keras 3 walks the model's state.

    Example:
        >>> from tapeflow import keras
        >>> m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1), keras.layers.Dense(1)])
        >>> [(path, [v.name for v in own]) for path, _, own in weights_tree(m)]
        [('', []), ('layers/dense', ['kernel', 'bias']), ('layers/dense_1', ['kernel', 'bias'])]
    """
    from ._naming import to_snake_case

    out: list = []
    visited: set = set()

    def walk(obj: Any, path: str) -> None:
        if id(obj) in visited:
            return
        visited.add(id(obj))
        out.append((path, obj, own_variables(obj)))
        for attr, child in _children(obj):
            if _saveable(child):
                walk(child, _join(path, attr))
            else:
                container(child, _join(path, attr), set())

    def container(items: Any, path: str, seen: set) -> None:
        if id(items) in seen:
            return
        seen.add(id(items))
        used: dict = {}

        def unique(name: str) -> str:
            if name in used:
                used[name] += 1
                return f"{name}_{used[name]}"
            used[name] = 0
            return name

        for item in (list(items.values()) if isinstance(items, dict) else items):
            if _saveable(item):
                walk(item, _join(path, unique(to_snake_case(type(item).__name__))))
            elif isinstance(item, (list, tuple, dict)):
                container(item, _join(path, unique("container")), seen)

    walk(model, "")
    return out


# --- HDF5 weights ---------------------------------------------------------------------------------------


def write_weights_h5(model: Any, f: Any, tree: list | None = None) -> None:
    """Write ``model``'s state into the open h5py File ``f`` in Keras 3's layout."""
    for path, obj, own in (tree if tree is not None else weights_tree(model)):
        group = f.require_group(_join(path, "vars"))
        name = getattr(obj, "name", None)
        if isinstance(name, str):
            group.attrs["name"] = name
        for i, v in enumerate(own):
            group.create_dataset(str(i), data=np.asarray(v._t._value))


def _entry_label(obj: Any) -> str:
    _, _, _, Optimizer = _classes()
    kind = "optimizer" if isinstance(obj, Optimizer) else "layer"
    return f"{kind} '{getattr(obj, 'name', type(obj).__name__)}'"


def _mismatch(msg: str, skip: bool) -> None:
    """A saved entry that does not fit: a warning with ``skip_mismatch``, else the error."""
    if not skip:
        raise ValueError(msg)
    warnings.warn(msg + " Skipping it (skip_mismatch=True).", stacklevel=4)


def read_weights_h5(model: Any, f: Any, source: str, skip_mismatch: bool = False) -> None:
    """Assign the arrays of the open h5py File ``f`` (Keras 3's layout) to ``model``'s state.

    Everything is checked (counts, shapes, dtypes) before any variable changes: all or nothing.
    """
    _, _, _, Optimizer = _classes()
    updates = []
    for path, obj, own in weights_tree(model):
        group = f.get(_join(path, "vars"))
        keys = sorted(group.keys(), key=int) if group is not None else []
        if isinstance(obj, Optimizer):
            if len(keys) != len(own):
                if keys:
                    warnings.warn(
                        f"Skipping variable loading for optimizer '{obj.name}', because it has {len(own)} variables "
                        f"whereas the saved optimizer has {len(keys)} variables. "
                        + ("This is likely because the optimizer has not been called/built yet." if not own else ""),
                        stacklevel=3)
                continue
        elif len(keys) != len(own):
            if not own and not getattr(obj, "built", True):
                msg = (f"Layer '{obj.name}' was never built and thus it doesn't have any variables. However the "
                       f"weights file lists {len(keys)} variables for this layer.")
            else:
                msg = (f"A total of {len(keys)} objects could not be loaded. Layer '{obj.name}' expected "
                       f"{len(own)} variables, but received {len(keys)} variables during loading. Expected: "
                       f"{[v.name for v in own]} (path '{_join(path, 'vars')}' of '{source}')")
            _mismatch(msg, skip_mismatch)
            continue
        for i, v in enumerate(own):
            ds = group.get(str(i))
            if not hasattr(ds, "read_direct"):  # a group, a link, ... where a dataset should be
                raise ValueError(f"load_weights: entry '{_join(path, 'vars')}/{i}' of '{source}' should be a dataset "
                                 f"holding variable '{v.name}' of {_entry_label(obj)}, found {type(ds).__name__}")
            want = tuple(v._t._value.shape)
            if tuple(ds.shape) != want:
                msg = (f"The shape of the target variable and the shape of the target value in "
                       f"`variable.assign(value)` must match. variable.shape={want}, Received: value.shape="
                       f"{tuple(ds.shape)}. Target variable: '{v.name}' of {_entry_label(obj)} "
                       f"(entry '{_join(path, 'vars')}/{i}' of '{source}')")
                _mismatch(msg, skip_mismatch)
                continue
            dt = v._t._value.dtype
            if ds.dtype.kind not in "biuf" or (ds.dtype != dt and not np.can_cast(ds.dtype, dt, "same_kind")):
                raise ValueError(f"load_weights: variable '{v.name}' of {_entry_label(obj)} is {dt}, but entry "
                                 f"'{_join(path, 'vars')}/{i}' of '{source}' stores {ds.dtype}")
            updates.append((v, ds, dt))
    arrays = []
    for v, ds, dt in updates:  # each straight into a new array of the variable's dtype (no second copy)
        arr = np.empty(ds.shape, dtype=dt)
        if arr.size:
            try:
                ds.read_direct(arr)
            except (OSError, ValueError, TypeError) as e:
                raise ValueError(f"load_weights: cannot read entry '{ds.name}' of '{source}' (damaged or truncated "
                                 f"file?): {e}") from None
        arrays.append((v, arr))
    for v, arr in arrays:
        v._set_array(arr)


# --- the .keras zip -----------------------------------------------------------------------------------


def _config_json(model: Any) -> str:
    from ._cloning import _json_default, _model_dict

    return json.dumps(_model_dict(model), default=_json_default)


def _ensure_built_for_save(model: Any) -> None:
    if not model.built:
        raise ValueError(f"save: model '{model.name}' has not been built yet, so it has no weights to save. Call it "
                         "on a batch of data or call build(input_shape) first.")


def save_model(model: Any, filepath: Any, overwrite: bool = True, zipped: bool | None = None) -> None:
    """Write ``model`` to a ``.keras`` file that Keras 3 can load (config, weights and optimizer state).

    Example:
        >>> import os, tempfile
        >>> from tapeflow import keras
        >>> m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        >>> path = os.path.join(tempfile.mkdtemp(), "m.keras")
        >>> save_model(m, path)  # doctest: +SKIP
    """
    path = os.fspath(filepath)
    if zipped is False:
        raise ValueError("save_model: zipped=False (an unzipped model directory) is not supported by tapeflow; "
                         "save to a '.keras' file")
    if path.endswith((".h5", ".hdf5")) and not path.endswith(".weights.h5"):
        raise ValueError(f"save_model: the legacy Keras 2 HDF5 format is not supported by tapeflow. Save to a "
                         f"'.keras' file instead. Received: filepath={path}")
    if not path.endswith(".keras"):
        raise ValueError("Invalid filepath extension for saving. Please add either a `.keras` extension for the "
                         f"native Keras format (recommended) or a `.h5` extension. Received: filepath={path}.")
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"save_model: '{path}' already exists and overwrite=False")
    h5py = h5py_module(path, "save_model")
    _ensure_built_for_save(model)
    from .. import __version__ as tapeflow_version

    config = _config_json(model)
    metadata = json.dumps({"keras_version": KERAS_FORMAT_VERSION, "date_saved":
                           datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
                           "tapeflow_version": tapeflow_version})
    buf = io.BytesIO()
    tree = weights_tree(model)
    with h5py.File(buf, "w") as f:
        write_weights_h5(model, f, tree)
    assets = _assets(model, tree)
    atomic_write(path, "save_model", lambda out: _write_zip(out, metadata, config, buf.getvalue(), assets))


def _write_zip(out: Any, metadata: str, config: str, weights: bytes, assets: dict | None = None) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr(_METADATA, metadata)
        z.writestr(_CONFIG, config)
        z.writestr(_WEIGHTS, weights)
        for name, data in (assets or {}).items():
            z.writestr(name, data)


def _vocabulary_holders(model: Any, tree: list | None = None) -> list:
    """``[(path, layer)]`` for the lookup layers (StringLookup, IntegerLookup, TextVectorization) whose
    vocabulary Keras keeps as an asset file, ``assets/<path>/vocabulary.txt``."""
    return [(path, obj) for path, obj, _ in (tree if tree is not None else weights_tree(model))
            if path and callable(getattr(obj, "get_vocabulary", None)) and callable(getattr(obj, "set_vocabulary",
                                                                                               None))]


def _assets(model: Any, tree: list | None = None) -> dict:
    out = {}
    for path, obj in _vocabulary_holders(model, tree):
        vocab = obj.get_vocabulary()
        if len(vocab):
            out[f"assets/{path}/vocabulary.txt"] = "\n".join(
                v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in vocab).encode("utf-8")
    return out


def _load_assets(model: Any, z: zipfile.ZipFile, path: str) -> None:
    names = set(z.namelist())
    for inner, obj in _vocabulary_holders(model):
        entry = f"assets/{inner}/vocabulary.txt"
        if entry not in names:
            continue
        lines = z.read(entry).decode("utf-8").split("\n")
        if str(getattr(obj, "vocabulary_dtype", "string")) not in ("string", "str"):
            try:
                lines = [int(v) for v in lines]
            except ValueError:
                raise ValueError(f"load_model: '{entry}' of '{path}' should hold integers, one per line") from None
        obj.set_vocabulary(lines)


def atomic_write(path: str, op: str, write: Any) -> None:
    """Write ``path`` through ``write(binary file)`` to a temporary file, fsync it, then move it over
    ``path``: a crash mid-write leaves any previous file intact."""
    d = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(d):
        raise NotFoundError(f"{op}: the directory '{d}' does not exist (writing '{path}')")
    write_durably(path, write, prefix="." + os.path.basename(path) + ".", op=op)


def _open_zip(path: str) -> zipfile.ZipFile:
    if not os.path.exists(path):
        raise NotFoundError(f"load_model: no such file: '{path}'")
    if os.path.isdir(path):
        raise ValueError(f"load_model: '{path}' is a directory; tapeflow loads '.keras' zip files only (not a "
                         "SavedModel or an unzipped model directory)")
    try:
        z = zipfile.ZipFile(path, "r")
    except (zipfile.BadZipFile, OSError) as e:
        raise ValueError(f"load_model: '{path}' is not a valid .keras file (not a zip archive: {e})") from None
    names = set(z.namelist())
    missing = [n for n in (_CONFIG, _WEIGHTS) if n not in names]
    if missing:
        z.close()
        raise ValueError(f"load_model: '{path}' is not a complete .keras file: it has no {' / '.join(missing)} "
                         f"(entries: {sorted(names)})")
    return z


def load_model(filepath: Any, custom_objects: dict | None = None, compile: bool = True,
               safe_mode: bool = True) -> Any:
    """Load a ``.keras`` file written by Keras 3 or tapeflow: the model, its weights and, when
    ``compile``, its compile config and optimizer state.

    Example:
        >>> from tapeflow import keras
        >>> keras.saving.load_model("model.keras")  # doctest: +SKIP
    """
    from .utils.serialization import SafeModeScope

    path = os.fspath(filepath)
    if path.endswith((".h5", ".hdf5")):
        raise ValueError(f"load_model: '{path}' names a legacy Keras 2 HDF5 model, which tapeflow does not read; "
                         "save it as '.keras' with Keras first")
    if not path.endswith(".keras"):
        raise ValueError(f"File format not supported: filepath={path}. Keras 3 only supports V3 `.keras` files "
                         "(tapeflow loads `.keras` files, and weights from `.weights.h5` / `.weights.npz`).")
    h5py = h5py_module(path, "load_model")
    with _open_zip(path) as z:
        try:
            config = json.loads(z.read(_CONFIG).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise ValueError(f"load_model: the config.json of '{path}' is not valid JSON: {e}") from None
        from ._cloning import model_from_config

        if not compile and isinstance(config, dict):
            config = {k: v for k, v in config.items() if k != "compile_config"}
        with SafeModeScope(safe_mode):
            model = model_from_config(config, custom_objects=custom_objects)
        _load_assets(model, z, path)
        opt = getattr(model, "optimizer", None)
        if opt is not None and not opt.built and model.trainable_variables:
            opt.build(model.trainable_variables)
        try:
            with weights_member(z, path, "load_model") as src, h5py.File(src, "r") as f:
                read_weights_h5(model, f, path)
        except OSError as e:
            raise ValueError(f"load_model: the weights of '{path}' ({_WEIGHTS}) are not a readable HDF5 file: "
                             f"{e}") from None
    return model


class _MemberWindow(io.RawIOBase):
    """A stored (uncompressed) zip member as a seekable read-only file: positioned reads on the
    archive, straight into the caller's buffer (h5py's ``readinto``), nothing held in memory."""

    def __init__(self, f: Any, start: int, size: int) -> None:
        super().__init__()
        self._f, self._start, self._size, self._pos = f, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, pos: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._size}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buf: Any) -> int:
        view = memoryview(buf).cast("B")
        n = max(0, min(len(view), self._size - self._pos))
        if not n:
            return 0
        self._f.seek(self._start + self._pos)
        got = self._f.readinto(view[:n]) or 0
        self._pos += got
        return got


def _member_start(f: Any, info: zipfile.ZipInfo) -> int:
    """Where a member's data starts in the archive (after its local header)."""
    f.seek(info.header_offset)
    head = f.read(30)
    if len(head) != 30 or head[:4] != b"PK\x03\x04":
        raise ValueError("bad local header")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    return info.header_offset + 30 + name_len + extra_len


@contextlib.contextmanager
def weights_member(z: zipfile.ZipFile, path: str, op: str) -> Any:
    """The ``model.weights.h5`` member of an open ``.keras`` zip as a seekable binary file for h5py,
    without reading it into memory: a window on the archive when the member is stored uncompressed
    (Keras's way), else a copy in an anonymous temporary file."""
    try:
        info = z.getinfo(_WEIGHTS)
    except KeyError:
        raise ValueError(f"{op}: '{path}' is not a complete .keras file: it has no {_WEIGHTS}") from None
    if info.compress_type == zipfile.ZIP_STORED and not info.flag_bits & 0x1:
        with open(path, "rb") as f:
            try:
                start = _member_start(f, info)
            except (OSError, ValueError, struct.error) as e:
                raise ValueError(f"{op}: cannot read {_WEIGHTS} of '{path}' (damaged zip entry: {e})") from None
            if start + info.file_size > os.fstat(f.fileno()).st_size:
                raise ValueError(f"{op}: {_WEIGHTS} of '{path}' is truncated: the zip directory gives it "
                                 f"{info.file_size} bytes at offset {start}, past the end of the file")
            yield _MemberWindow(f, start, info.file_size)
        return
    try:
        member = z.open(info)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as e:
        raise ValueError(f"{op}: cannot read {_WEIGHTS} of '{path}': {e}") from None
    with member, tempfile.TemporaryFile() as tmp:
        try:
            shutil.copyfileobj(member, tmp, 1 << 20)
        except (zipfile.BadZipFile, EOFError, zlib.error) as e:
            raise ValueError(f"{op}: {_WEIGHTS} of '{path}' is damaged: {e}") from None
        tmp.seek(0)
        yield tmp


__all__ = ["save_model", "load_model", "weights_tree", "read_weights_h5", "write_weights_h5"]
