"""MNIST handwritten digits (as ``keras.datasets.mnist``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()  # doctest: +SKIP
    >>> x_train.shape, x_train.dtype  # doctest: +SKIP
    ((60000, 28, 28), dtype('uint8'))
"""

from __future__ import annotations

import os
from pathlib import Path

from . import _files
from ._common import load_npz

FILE_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"  # Keras's published sha256
ORIGIN = _files.ORIGIN_BASE + "mnist.npz"
ENV_VAR = "TAPEFLOW_MNIST_PATH"
_KEYS = ("x_train", "y_train", "x_test", "y_test")


def _checkout_copy() -> Path | None:
    """``../shared/data/mnist.npz`` beside a source checkout of tapeflow (a development copy)."""
    p = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "mnist.npz"
    return p if p.is_file() else None


def _read(path: Path) -> tuple:
    f = load_npz(path, "mnist.load_data", _KEYS, objects=False)
    x_train, y_train, x_test, y_test = (f[k] for k in _KEYS)
    if x_train.shape[0] != y_train.shape[0] or x_test.shape[0] != y_test.shape[0]:
        raise ValueError(
            f"mnist.load_data: {path} has mismatched sizes: x_train {x_train.shape}, y_train {y_train.shape}, "
            f"x_test {x_test.shape}, y_test {y_test.shape}"
        )
    return (x_train, y_train), (x_test, y_test)


def load_data(path: str = "mnist.npz") -> tuple:
    """Load MNIST: ``(x_train, y_train), (x_test, y_test)``, uint8 arrays of shapes
    (60000, 28, 28), (60000,), (10000, 28, 28), (10000,).

    Where the file comes from, in order: ``$TAPEFLOW_MNIST_PATH``; ``path`` when it names an
    existing file; ``$TAPEFLOW_HOME/datasets/<path>`` or ``~/.keras/datasets/<path>`` when their
    SHA-256 matches Keras's; ``../shared/data/mnist.npz`` beside a source checkout; else a
    download from Keras's origin (verified, written atomically to ``$TAPEFLOW_HOME/datasets``).
    Files given explicitly are trusted (checked for the four arrays, not for the hash).

    Example:
        >>> (x_train, y_train), _ = load_data()  # doctest: +SKIP
        >>> y_train[:3]  # doctest: +SKIP
        array([5, 0, 4], dtype=uint8)
    """
    env = os.environ.get(ENV_VAR)
    if env:
        p = Path(env).expanduser()
        if not p.is_file():
            raise FileNotFoundError(f"mnist.load_data: {ENV_VAR}={env!r} does not name an existing file")
        return _read(p)
    explicit = Path(path).expanduser()
    if explicit.is_file() and (explicit.is_absolute() or len(explicit.parts) > 1):
        return _read(explicit)
    name = explicit.name
    for d in _files.cache_dirs():
        p = d / name
        if p.is_file() and _files.sha256(p) == FILE_HASH:
            return _read(p)
    local = _checkout_copy()
    if local is not None and name == "mnist.npz":
        return _read(local)
    return _read(_files.get_file(name, ORIGIN, FILE_HASH, env_hint=ENV_VAR))


__all__ = ["load_data"]
