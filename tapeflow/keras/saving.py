"""Model and weight files (``keras.saving``).

- ``.keras`` (``save_model`` / ``load_model``, ``Model.save``): Keras 3's zip of config, metadata and
  weights, loadable by Keras 3 (see ``_keras_format``). Needs h5py (the ``h5`` extra).
- ``.weights.h5`` (``save_weights`` / ``load_weights``): Keras 3's HDF5 weights layout (layer
  variables and optimizer state, by object path), loadable by Keras 3. Needs h5py.
- ``.weights.npz``: tapeflow's own format, NumPy only: one array per weight in ``model.weights``
  order under keys ``w0000``, ``w0001``, ... plus ``__names__`` (each weight's ``layer/weight``
  path, for error messages).

Files are written atomically: to a temporary file in the same directory, flushed and fsync'ed,
then moved over the target with ``os.replace``, so a crash mid-save leaves any previous file
intact (and the next save removes the temporary file a killed save left). A failed write (full
disk, file-size limit) raises an OSError with its errno, naming the operation and the path.

Loading never unpickles and never runs code from the file. A ``.weights.npz`` is checked from its
zip directory and ``.npy`` headers first (entry names, shapes and dtypes against the model, sizes
against the entries), then the data of the entries to load is verified (CRC-32) and read one
array at a time straight into the new weights: any error leaves the model unchanged, names the
file and the entry, and the memory needed is the new weights plus 1 MiB. ``.weights.h5`` and
``.keras`` files are read through h5py in place (a ``.keras`` file's stored ``model.weights.h5``
member is not copied into memory).

Example:
    >>> import os, tempfile
    >>> import numpy as np
    >>> from tapeflow import keras
    >>> from tapeflow.keras import layers
    >>> x = keras.Input((3,)); model = keras.Model(x, layers.Dense(2)(x))
    >>> path = os.path.join(tempfile.mkdtemp(), "model.weights.npz")
    >>> model.save_weights(path)
    >>> model.load_weights(path)
"""

from __future__ import annotations

import io
import math
import os
import re
import zipfile
import zlib
from typing import Any

import numpy as np

from ..errors import NotFoundError

_FORMAT = "tapeflow-weights-v1"


def _path(filepath: Any, op: str) -> str:
    try:
        return os.fspath(filepath)
    except TypeError:
        raise TypeError(f"{op}: filepath must be a str or os.PathLike, got {type(filepath).__name__}") from None


def _is_h5(path: str) -> bool:
    return path.endswith((".h5", ".hdf5"))


def _weight_name(v: Any) -> str:
    return getattr(v, "_path", None) or v.name


def _write_npz(f: Any, arrays: dict) -> None:
    np.savez(f, **arrays)


def save_weights(model: Any, filepath: Any, overwrite: bool = True) -> None:
    """Write ``model.weights`` to ``filepath`` (.npz, atomically).

    Example: ``keras.saving.save_weights(model, "model.weights.npz")``.
    """
    path = _path(filepath, "save_weights")
    if not path.endswith((".weights.h5", ".weights.npz")):  # Keras 3's rule (and tapeflow's own format)
        raise ValueError(
            f"The filename must end in `.weights.h5`. Received: filepath={path} (tapeflow also writes its own "
            "format to names ending in `.weights.npz`; a whole model goes to `.keras` with model.save)"
        )
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"save_weights: '{path}' already exists and overwrite=False")
    if _is_h5(path):
        h5py = _kf.h5py_module(path, "save_weights")
        buf = io.BytesIO()
        with h5py.File(buf, "w") as f:
            _kf.write_weights_h5(model, f)
        _kf.atomic_write(path, "save_weights", lambda out: out.write(buf.getbuffer()))  # no copy
        return
    weights = model.weights
    arrays = {f"w{i:04d}": np.asarray(v._t._value) for i, v in enumerate(weights)}
    arrays["__names__"] = np.array([_weight_name(v) for v in weights], dtype=str) if weights else np.zeros(0, "U1")
    arrays["__format__"] = np.array(_FORMAT)
    _kf.atomic_write(path, "save_weights", lambda f: _write_npz(f, arrays))


_CHUNK = 1 << 20  # bytes read at a time from a zip member
_WEIGHT_KEY = re.compile(r"w\d{4,}")
_META_KEYS = ("__format__", "__names__")


class _Entry:
    """One ``.npy`` member of a weights ``.npz``, from its header only (no data read)."""

    __slots__ = ("info", "shape", "fortran", "dtype", "offset", "nbytes")

    def __init__(self, info: zipfile.ZipInfo, shape: tuple, fortran: bool, dtype: np.dtype, offset: int) -> None:
        self.info, self.shape, self.fortran, self.dtype, self.offset = info, shape, fortran, dtype, offset
        self.nbytes = math.prod(shape) * dtype.itemsize


def _bad(path: str, what: str) -> ValueError:
    return ValueError(f"load_weights: '{path}' is not a readable tapeflow weights file (.npz): {what}")


def _npy_header(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, archive_size: int) -> _Entry:
    """Parse the ``.npy`` header of one member (not its data) and check it against the member's size."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise _bad(path, f"entry '{name}' is encrypted")
    if info.header_offset + info.compress_size > archive_size:
        raise _bad(path, f"entry '{name}' is truncated: the zip directory places {info.compress_size} bytes at offset "
                         f"{info.header_offset}, past the end of the {archive_size}-byte file")
    fmt = np.lib.format
    try:
        with z.open(info) as fp:
            version = fmt.read_magic(fp)
            if version == (1, 0):
                shape, fortran, dtype = fmt.read_array_header_1_0(fp)
            elif version == (2, 0):
                shape, fortran, dtype = fmt.read_array_header_2_0(fp)
            else:
                raise ValueError(f"unsupported .npy format version {version}")
            offset = fp.tell()
    except (zipfile.BadZipFile, zlib.error, OSError) as e:  # a small entry is read (and CRC-checked) whole
        raise _bad(path, f"entry '{name}' is damaged ({e})") from None
    except (ValueError, EOFError, SyntaxError) as e:
        raise _bad(path, f"entry '{name}' has no valid .npy header ({e})") from None
    if dtype.hasobject:
        raise _bad(path, f"entry '{name}' stores Python objects (dtype {dtype}, a pickle), which tapeflow never "
                         "unpickles; expected a numeric array")
    if dtype.fields is not None or dtype.subdtype is not None:
        raise _bad(path, f"entry '{name}' has a structured dtype {dtype}; expected a plain numeric array")
    if any(d < 0 for d in shape):
        raise _bad(path, f"entry '{name}' has a negative dimension in its shape {shape}")
    entry = _Entry(info, tuple(shape), bool(fortran), dtype, offset)
    have = info.file_size - offset
    if entry.nbytes != have:
        what = "truncated" if entry.nbytes > have else "longer than its header says"
        raise _bad(path, f"entry '{name}' is {what}: its header promises shape {entry.shape} of {dtype} "
                         f"({entry.nbytes} bytes) but the entry holds {have} bytes of data")
    return entry


def _index(z: zipfile.ZipFile, path: str) -> dict:
    """``{key: _Entry}`` for every member, checked from the zip directory and the ``.npy`` headers."""
    archive_size = os.path.getsize(path)
    if "__format__.npy" not in z.namelist():
        raise ValueError(f"load_weights: '{path}' is not a tapeflow weights file (no '__format__' entry)")
    entries: dict = {}
    for info in z.infolist():
        name = info.filename
        if not name.endswith(".npy"):
            raise _bad(path, f"unexpected entry '{name}' (no '.npy' suffix); expected only 'w0000.npy', "
                             "'w0001.npy', ..., '__names__.npy' and '__format__.npy'")
        key = name[:-4]
        if key not in _META_KEYS and not _WEIGHT_KEY.fullmatch(key):
            raise _bad(path, f"unexpected entry '{name}'; expected only 'w0000.npy', 'w0001.npy', ..., "
                             "'__names__.npy' and '__format__.npy'")
        if key in entries:
            raise _bad(path, f"entry '{name}' appears twice")
        entries[key] = _npy_header(z, info, path, archive_size)
    for key, e in entries.items():
        if key in _META_KEYS:
            if e.dtype.kind != "U" or len(e.shape) > 1:
                raise _bad(path, f"entry '{key}.npy' should hold text (a 0-d or 1-d unicode array), not shape "
                                 f"{e.shape} of {e.dtype}")
        elif e.dtype.kind not in "biufc":
            raise _bad(path, f"entry '{key}.npy' holds {e.dtype}; expected a numeric array")
    return entries


def _read_entry(z: zipfile.ZipFile, e: _Entry, path: str, keep: bool = True) -> np.ndarray | None:
    """Read one member's data straight into a new array, in 1 MiB pieces (``keep=False``: read and
    discard, which checks the member's CRC-32 without holding its data)."""
    arr = view = None
    if keep:
        arr = np.empty(e.shape[::-1] if e.fortran else e.shape, dtype=e.dtype)
        view = memoryview(arr.reshape(-1).view(np.uint8))
    try:
        with z.open(e.info) as fp:
            fp.seek(e.offset)
            pos = 0
            while pos < e.nbytes:
                n = min(_CHUNK, e.nbytes - pos)
                got = len(fp.read(n)) if view is None else fp.readinto(view[pos:pos + n])
                if not got:
                    raise EOFError(f"the data ends after {pos} of {e.nbytes} bytes")
                pos += got
            if fp.read(1):  # reaching the end checks the CRC-32
                raise ValueError("more data than its header says")
    except (ValueError, EOFError, OSError, zipfile.BadZipFile, zlib.error) as err:
        raise _bad(path, f"entry '{e.info.filename}' is damaged ({err})") from None
    if arr is None:
        return None
    return arr.T if e.fortran else arr


def _read_text(z: zipfile.ZipFile, e: _Entry | None, path: str) -> list:
    if e is None:
        return []
    return [str(x) for x in np.atleast_1d(_read_entry(z, e, path)).tolist()]


def _open_npz(path: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        raise _bad(path, f"{e} (a zip archive was expected; the file has {size} bytes: truncated, or not an .npz "
                         "file)") from None


def _load_npz(model: Any, path: str, skip_mismatch: bool) -> None:
    """Check every entry's name, shape and dtype from the headers, verify the data of the entries
    to load (CRC-32, nothing kept), then read them one at a time straight into new arrays that are
    installed in the model: the extra memory is one weight, not the whole file."""
    weights = model.weights
    if not weights and not model.built:
        raise ValueError(
            f"load_weights: model '{model.name}' has not been built yet, so it has no weights to load into. "
            "Call it on a batch of data or call build(input_shape) first."
        )
    with _open_npz(path) as z:
        entries = _index(z, path)
        names = _read_text(z, entries.get("__names__"), path)
        n_file = sum(1 for k in entries if k not in _META_KEYS)
        if n_file < len(weights):
            v = weights[n_file]
            raise ValueError(
                f"load_weights: '{path}' holds {n_file} weights but model '{model.name}' has {len(weights)}: "
                f"no value for weight '{_weight_name(v)}' of shape {tuple(v.shape)} (weight #{n_file})"
            )
        if n_file > len(weights):
            extra = names[len(weights)] if len(names) > len(weights) else f"#{len(weights)}"
            raise ValueError(
                f"load_weights: '{path}' holds {n_file} weights but model '{model.name}' has only {len(weights)} "
                f"(the file's weight '{extra}' has no place in the model)"
            )
        plan = []
        for i, v in enumerate(weights):
            key = f"w{i:04d}"
            e = entries.get(key)
            if e is None:
                raise ValueError(
                    f"load_weights: '{path}' has no value for weight '{_weight_name(v)}' (weight #{i}, "
                    f"shape {tuple(v.shape)}): no entry '{key}.npy'"
                )
            cur = np.asarray(v._t._value)
            if e.shape != cur.shape:
                if skip_mismatch:
                    continue
                saved = f" (saved as '{names[i]}')" if i < len(names) else ""
                raise ValueError(
                    f"load_weights: weight '{_weight_name(v)}' of model '{model.name}' expects shape {cur.shape}, "
                    f"but '{path}' has shape {e.shape}{saved} (entry '{key}.npy')"
                )
            if e.dtype != cur.dtype and not np.can_cast(e.dtype, cur.dtype, casting="same_kind"):
                raise ValueError(
                    f"load_weights: weight '{_weight_name(v)}' is {cur.dtype}, but '{path}' stores {e.dtype} "
                    f"(entry '{key}.npy')"
                )
            plan.append((v, e, cur.dtype))
        for _, e, _ in plan:  # a damaged file fails here, before any weight changes
            _read_entry(z, e, path, keep=False)
        for v, e, dt in plan:
            arr = _read_entry(z, e, path)
            if arr.dtype != dt or not arr.flags.c_contiguous:
                arr = np.ascontiguousarray(arr, dtype=dt)
            v._set_array(arr)


def load_weights(model: Any, filepath: Any, skip_mismatch: bool = False) -> None:
    """Assign the weights stored in ``filepath`` to ``model`` (all or nothing).

    Raises FileNotFoundError for a missing file, and ValueError naming the weight for a missing
    or mis-shaped one (``skip_mismatch=True`` skips mis-shaped weights instead).

    Example: ``keras.saving.load_weights(model, "model.weights.npz")``.
    """
    path = _path(filepath, "load_weights")
    if not os.path.exists(path):
        raise NotFoundError(f"load_weights: no such file: '{path}'")
    if os.path.isdir(path):
        raise IsADirectoryError(f"load_weights: '{path}' is a directory, not a weights file")
    if path.endswith(".keras"):
        _kf.h5py_module(path, "load_weights")
        try:
            z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
            raise ValueError(f"load_weights: '{path}' is not a valid .keras file (not a zip archive: {e})") from None
        with z, _kf.weights_member(z, path, "load_weights") as src:
            _load_h5(model, src, path, skip_mismatch)
        return
    if _is_h5(path):
        _load_h5(model, path, path, skip_mismatch)
        return
    _load_npz(model, path, skip_mismatch)


def _load_h5(model: Any, source: Any, path: str, skip_mismatch: bool) -> None:
    h5py = _kf.h5py_module(path, "load_weights")
    if not model.built and not model.weights:
        raise ValueError(
            f"load_weights: model '{model.name}' has not been built yet, so it has no weights to load into. "
            "Call it on a batch of data or call build(input_shape) first.")
    try:
        f = h5py.File(source, "r")
    except OSError as e:
        raise ValueError(f"load_weights: '{path}' is not a readable HDF5 weights file: {e}") from None
    with f:
        if "__format__" in f or any(k.startswith("w0") for k in f.keys()):
            raise ValueError(f"load_weights: '{path}' was written by tapeflow 0.1's own HDF5 layout, which is no "
                             "longer read; weights files now use Keras 3's layout")
        _kf.read_weights_h5(model, f, path, skip_mismatch=skip_mismatch)


def save_model(model: Any, filepath: Any, overwrite: bool = True, zipped: bool | None = None, **kwargs: Any) -> None:
    """Save ``model`` to a ``.keras`` file (Keras 3's format: Keras loads it too), atomically.

    Example:
        >>> import os, tempfile
        >>> from tapeflow import keras
        >>> model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        >>> path = os.path.join(tempfile.mkdtemp(), "model.keras")
        >>> keras.saving.save_model(model, path)  # doctest: +SKIP
        >>> keras.saving.load_model(path).output_shape  # doctest: +SKIP
        (None, 2)
    """
    _kf.save_model(model, filepath, overwrite=overwrite, zipped=zipped)


def load_model(filepath: Any, custom_objects: dict | None = None, compile: bool = True, safe_mode: bool = True,
               **kwargs: Any) -> Any:
    """Load a ``.keras`` file written by Keras 3 or tapeflow (model, weights, compile config and
    optimizer state). A ``Lambda`` layer's Python bytecode is refused unless ``safe_mode=False``.

    Example: ``keras.models.load_model("model.keras", custom_objects={"MyLayer": MyLayer})``.
    """
    return _kf.load_model(filepath, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode)


from . import _keras_format as _kf  # noqa: E402
from .utils.serialization import (  # noqa: E402  (keras.saving re-exports them, as Keras 3)
    CustomObjectScope,
    custom_object_scope,
    deserialize_keras_object,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
    serialize_keras_object,
)

__all__ = ["save_weights", "load_weights", "save_model", "load_model", "CustomObjectScope", "custom_object_scope", "deserialize_keras_object",
           "get_custom_objects", "get_registered_name", "get_registered_object", "register_keras_serializable",
           "serialize_keras_object"]
