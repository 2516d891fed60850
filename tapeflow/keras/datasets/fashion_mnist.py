"""Fashion-MNIST clothing images (as ``keras.datasets.fashion_mnist``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()  # doctest: +SKIP
    >>> x_train.shape  # doctest: +SKIP
    (60000, 28, 28)
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

from . import _files
from ._common import READ_ERRORS, corrupt

SUBDIR = "fashion-mnist"
ENV_VAR = "TAPEFLOW_FASHION_MNIST_PATH"
# the sha256 values Keras publishes for its copies of the four archives
FILE_HASHES = {
    "train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    "train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    "t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    "t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
}


def _idx(path: Path, offset: int) -> np.ndarray:
    try:
        with gzip.open(path, "rb") as f:
            return np.frombuffer(f.read(), np.uint8, offset=offset)
    except READ_ERRORS as e:
        raise corrupt("fashion_mnist.load_data", path, e, "gzip'ed IDX file") from None


def load_data() -> tuple:
    """Load Fashion-MNIST: ``(x_train, y_train), (x_test, y_test)``, uint8 arrays of shapes
    (60000, 28, 28), (60000,), (10000, 28, 28), (10000,).

    ``$TAPEFLOW_FASHION_MNIST_PATH`` may name a directory holding the four ``.gz`` files;
    otherwise they are looked up (and verified) in the dataset caches, or downloaded.

    Example:
        >>> (x_train, y_train), (x_test, y_test) = load_data()  # doctest: +SKIP
    """
    env = os.environ.get(ENV_VAR)
    paths = {}
    for fname, h in FILE_HASHES.items():
        if env:
            p = Path(env).expanduser() / fname
            if not p.is_file():
                raise FileNotFoundError(f"fashion_mnist.load_data: {ENV_VAR}={env!r} has no file {fname}")
            paths[fname] = p
        else:
            paths[fname] = _files.get_file(fname, _files.ORIGIN_BASE + fname, h, subdir=SUBDIR, env_hint=ENV_VAR)
    y_train = _idx(paths["train-labels-idx1-ubyte.gz"], 8)
    x_train = _idx(paths["train-images-idx3-ubyte.gz"], 16).reshape(len(y_train), 28, 28)
    y_test = _idx(paths["t10k-labels-idx1-ubyte.gz"], 8)
    x_test = _idx(paths["t10k-images-idx3-ubyte.gz"], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)


__all__ = ["load_data"]
