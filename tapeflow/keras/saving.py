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
intact. Loading never unpickles (``allow_pickle=False``) and never runs code from the file.

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
import os
import zipfile
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
        _kf.atomic_write(path, "save_weights", lambda out: out.write(buf.getvalue()))
        return
    weights = model.weights
    arrays = {f"w{i:04d}": np.asarray(v._t._value) for i, v in enumerate(weights)}
    arrays["__names__"] = np.array([_weight_name(v) for v in weights], dtype=str) if weights else np.zeros(0, "U1")
    arrays["__format__"] = np.array(_FORMAT)
    _kf.atomic_write(path, "save_weights", lambda f: _write_npz(f, arrays))


def _read(path: str) -> dict:
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
    if not os.path.exists(path):
        raise NotFoundError(f"load_weights: no such file: '{path}'")
    if os.path.isdir(path):
        raise IsADirectoryError(f"load_weights: '{path}' is a directory, not a weights file")
    if path.endswith(".keras"):
        with zipfile.ZipFile(path) as z:
            data = z.read("model.weights.h5")
        _load_h5(model, io.BytesIO(data), path, skip_mismatch)
        return
    if _is_h5(path):
        _load_h5(model, path, path, skip_mismatch)
        return
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
