"""Shared by the dataset loaders: where a file comes from, a pickle-safe ``.npz`` reader, and
Keras's sequence filtering.

Example:
    >>> _remove_long_seq(3, [[1, 2], [1, 2, 3]], [0, 1])
    ([[1, 2]], [0])
"""

from __future__ import annotations

import io
import os
import pickle
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from . import _files

# the only globals a dataset pickle may name: NumPy array reconstruction
_ALLOWED_GLOBALS = frozenset({
    ("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
})


class NumpyOnlyUnpickler(pickle.Unpickler):
    """An unpickler that rebuilds NumPy arrays, plain containers and numbers, and refuses
    every other global (so a crafted file cannot run code)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"Refusing to deserialize `{module}.{name}` while loading a Keras dataset. "
                                     "The file may be corrupted or malicious.")


def _read_npy(buf: io.BytesIO) -> np.ndarray:
    try:
        return np.lib.format.read_array(buf, allow_pickle=False)
    except ValueError:  # an object array: read its pickle with the restricted unpickler
        buf.seek(0)
        version = np.lib.format.read_magic(buf)
        if version[0] == 1:
            np.lib.format.read_array_header_1_0(buf)
        elif version[0] in (2, 3):
            np.lib.format.read_array_header_2_0(buf)
        else:
            raise ValueError(f"Unsupported `.npy` file version: {version}.") from None
        return NumpyOnlyUnpickler(buf).load()


# what reading a damaged file raises (zip, gzip, tar, pickle and .npy layers)
READ_ERRORS = (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error, pickle.UnpicklingError,
               tarfile.TarError, IndexError, KeyError, TypeError, AttributeError, MemoryError)


def corrupt(who: str, path: Any, e: BaseException, kind: str = "dataset file") -> ValueError:
    """The error for a dataset file that cannot be read: names the loader, the path and the cause."""
    cause = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    return ValueError(f"{who}: cannot read '{os.fspath(path)}': it is corrupt, truncated or not a {kind} ({cause}). "
                      "Replace it with a good copy (a cached file that is deleted is downloaded again).")


def load_npz(path: str | os.PathLike, who: str = "load_data", keys: tuple = (), objects: bool = True) -> dict:
    """The arrays of an ``.npz`` file (only ``keys`` when given: each must be present); object arrays
    (ragged sequences) are unpickled with ``NumpyOnlyUnpickler`` when ``objects``, never with
    ``allow_pickle=True``. A damaged file raises a ValueError naming ``who`` and ``path``."""
    arrays = {}
    kind = f"{who.split('.')[0]} .npz file"
    try:
        with zipfile.ZipFile(path) as archive:
            members = {m[:-4]: m for m in archive.namelist() if m.endswith(".npy")}
            missing = [k for k in keys if k not in members]
            if missing:
                raise ValueError(f"{who}: '{os.fspath(path)}' is not a {kind}: missing arrays {missing} (has "
                                 f"{sorted(members)})")
            for key in (keys or members):
                with archive.open(members[key]) as fp:
                    if objects:
                        arrays[key] = _read_npy(io.BytesIO(fp.read()))
                    else:
                        arrays[key] = np.lib.format.read_array(fp, allow_pickle=False)
    except READ_ERRORS as e:
        if isinstance(e, ValueError) and str(e).startswith(who + ":"):
            raise
        raise corrupt(who, path, e, kind) from None
    return arrays


def locate(path: str, origin: str, file_hash: str, env_var: str, who: str) -> Path:
    """Where a dataset file comes from: ``$<env_var>``; ``path`` when it names an existing file
    with a directory part (trusted, not hashed); else ``<cache>/<name>`` verified against
    ``file_hash`` (``$TAPEFLOW_HOME/datasets``, then ``~/.keras/datasets``), or a verified download
    from ``origin`` (written atomically)."""
    env = os.environ.get(env_var)
    if env:
        p = Path(env).expanduser()
        if not p.is_file():
            raise FileNotFoundError(f"{who}: {env_var}={env!r} does not name an existing file")
        return p
    explicit = Path(os.fspath(path)).expanduser()
    if explicit.is_file() and (explicit.is_absolute() or len(explicit.parts) > 1):
        return explicit
    return _files.get_file(explicit.name, origin, file_hash, env_hint=env_var)


def _remove_long_seq(maxlen: int, seq: list, label: Any) -> tuple:
    """Keep the sequences shorter than ``maxlen`` (and their labels), as Keras."""
    new_seq, new_label = [], []
    for x, y in zip(seq, label):
        if len(x) < maxlen:
            new_seq.append(x)
            new_label.append(y)
    return new_seq, new_label


def offset(xs: Any, start_char: Any, index_from: int) -> list:
    """Keras's word indices shifted by ``index_from``, each sequence led by ``start_char``."""
    if start_char is not None:
        return [[start_char] + [w + index_from for w in x] for x in xs]
    if index_from:
        return [[w + index_from for w in x] for x in xs]
    return [[w for w in x] for x in xs]


def vocabulary(xs: list, num_words: Any, skip_top: int, oov_char: Any) -> list:
    """Keras's vocabulary cut: indices outside ``[skip_top, num_words)`` become ``oov_char``
    (or are dropped when it is None)."""
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def split_arrays(x: np.ndarray, y: np.ndarray, test_split: float, seed: int) -> tuple:
    """Keras's shuffled train/test split of the regression datasets."""
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x))
    rng.shuffle(indices)
    x, y = x[indices], y[indices]
    cut = int(len(x) * (1 - test_split))
    return (np.array(x[:cut]), np.array(y[:cut])), (np.array(x[cut:]), np.array(y[cut:]))


def check_split(test_split: float) -> None:
    if not (0 <= test_split < 1):
        raise ValueError(f"Invalid `test_split` argument: {test_split}. It must be between 0 and 1 (exclusive of 1).")


__all__: list = []
