"""Weight files: ``save_weights`` / ``load_weights`` in NumPy's .npz format.

The file holds one array per weight, in ``model.weights`` order (layer by layer, kernel before
bias), under keys ``w0000``, ``w0001``, ... plus ``__names__`` (each weight's
``layer/weight`` path, for error messages). Files are written atomically: to a temporary file
in the same directory, flushed and fsync'ed, then moved over the target with ``os.replace``,
so a crash mid-save leaves any previous file intact. Loading never unpickles
(``allow_pickle=False``). Names ending in ``.h5`` need the optional ``h5py`` package.

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

import os
import zipfile
from typing import Any, BinaryIO

import numpy as np

from .._io import replacing
from ..errors import NotFoundError

_FORMAT = "tapeflow-weights-v1"


def _path(filepath: Any, op: str) -> str:
    try:
        return os.fspath(filepath)
    except TypeError:
        raise TypeError(f"{op}: filepath must be a str or os.PathLike, got {type(filepath).__name__}") from None


def _is_h5(path: str) -> bool:
    return path.endswith((".h5", ".hdf5"))


def _h5py(path: str, op: str) -> Any:
    try:
        import h5py  # optional dependency
    except ImportError:
        raise ImportError(
            f"{op}: '{path}' names an HDF5 file, which needs the h5py package (not installed). Install h5py, "
            "or use a file name ending in '.weights.npz'."
        ) from None
    return h5py


def _weight_name(v: Any) -> str:
    return getattr(v, "_path", None) or v.name


def _write_npz(f: BinaryIO, arrays: dict) -> None:
    np.savez(f, **arrays)


def _write_h5(path: str, arrays: dict) -> None:
    h5py = _h5py(path, "save_weights")
    with h5py.File(path, "w") as f:
        for k, a in arrays.items():
            f.create_dataset(k, data=a.astype("S") if a.dtype.kind == "U" else a)


def _atomic_write(path: str, write: Any) -> None:
    """Write via ``write(file_object_or_path)`` to a temporary file, then replace ``path``."""
    d = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(d):
        raise NotFoundError(f"save_weights: the directory '{d}' does not exist (writing '{path}')")
    with replacing(path, prefix="." + os.path.basename(path) + ".", suffix=".tmp") as (fd, tmp):
        if _is_h5(path):
            os.close(fd)
            write(tmp)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
        else:
            with os.fdopen(fd, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
    try:  # make the rename itself durable (best effort; not possible on every platform)
        dfd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


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
    weights = model.weights
    arrays = {f"w{i:04d}": np.asarray(v._t._value) for i, v in enumerate(weights)}
    arrays["__names__"] = np.array([_weight_name(v) for v in weights], dtype=str) if weights else np.zeros(0, "U1")
    arrays["__format__"] = np.array(_FORMAT)
    if _is_h5(path):
        _h5py(path, "save_weights")
        _atomic_write(path, lambda p: _write_h5(p, arrays))
    else:
        _atomic_write(path, lambda f: _write_npz(f, arrays))


def _read(path: str) -> dict:
    if not os.path.exists(path):
        raise NotFoundError(f"load_weights: no such file: '{path}'")
    if os.path.isdir(path):
        raise IsADirectoryError(f"load_weights: '{path}' is a directory, not a weights file")
    if _is_h5(path):
        h5py = _h5py(path, "load_weights")
        with h5py.File(path, "r") as f:
            out = {k: np.asarray(f[k]) for k in f.keys()}
        if "__names__" in out:
            out["__names__"] = out["__names__"].astype(str)
        return out
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as e:
        raise ValueError(f"load_weights: '{path}' is not a readable tapeflow weights file (.npz): {e}") from None


def load_weights(model: Any, filepath: Any, skip_mismatch: bool = False) -> None:
    """Assign the weights stored in ``filepath`` to ``model`` (all or nothing).

    Raises FileNotFoundError for a missing file, and ValueError naming the weight for a missing
    or mis-shaped one (``skip_mismatch=True`` skips mis-shaped weights instead).

    Example: ``keras.saving.load_weights(model, "model.weights.npz")``.
    """
    path = _path(filepath, "load_weights")
    data = _read(path)
    weights = model.weights
    if not weights and not model.built:
        raise ValueError(
            f"load_weights: model '{model.name}' has not been built yet, so it has no weights to load into. "
            "Call it on a batch of data or call build(input_shape) first."
        )
    if "__format__" not in data:
        raise ValueError(f"load_weights: '{path}' is not a tapeflow weights file (no '__format__' entry)")
    names = [str(n) for n in data.get("__names__", np.zeros(0, "U1")).tolist()]
    keys = sorted(k for k in data if k.startswith("w") and k[1:].isdigit())
    n_file = len(keys)
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
    updates = []
    for i, v in enumerate(weights):
        key = f"w{i:04d}"
        if key not in data:
            raise ValueError(
                f"load_weights: '{path}' has no value for weight '{_weight_name(v)}' (weight #{i}, "
                f"shape {tuple(v.shape)})"
            )
        arr = data[key]
        want = tuple(v._t._value.shape)
        if arr.shape != want:
            if skip_mismatch:
                continue
            saved = f" (saved as '{names[i]}')" if i < len(names) else ""
            raise ValueError(
                f"load_weights: weight '{_weight_name(v)}' of model '{model.name}' expects shape {want}, but "
                f"'{path}' has shape {arr.shape}{saved}"
            )
        dt = v._t._value.dtype
        if arr.dtype != dt:
            if not np.can_cast(arr.dtype, dt, casting="same_kind"):
                raise ValueError(
                    f"load_weights: weight '{_weight_name(v)}' is {dt}, but '{path}' stores {arr.dtype}"
                )
            arr = arr.astype(dt)
        updates.append((v, np.array(arr, copy=True)))
    for v, arr in updates:
        v._set_array(arr)


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

__all__ = ["save_weights", "load_weights", "CustomObjectScope", "custom_object_scope", "deserialize_keras_object",
           "get_custom_objects", "get_registered_name", "get_registered_object", "register_keras_serializable",
           "serialize_keras_object"]
