"""CIFAR-10 small colour images in 10 classes (as ``keras.datasets.cifar10``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()  # doctest: +SKIP
    >>> x_train.shape, y_train.shape, y_train.dtype  # doctest: +SKIP
    ((50000, 32, 32, 3), (50000, 1), dtype('uint8'))
"""

from __future__ import annotations

import numpy as np

from ._cifar import _Source, parse_batch, to_data_format

ENV_VAR = "TAPEFLOW_CIFAR10_PATH"


def load_data() -> tuple:
    """Load CIFAR-10: ``(x_train, y_train), (x_test, y_test)``, uint8 arrays of shapes
    (50000, 32, 32, 3), (50000, 1), (10000, 32, 32, 3), (10000, 1) (channels first when
    ``keras.backend.image_data_format()`` says so).

    The archive is Keras's (``cifar-10-python.tar.gz``, cached as
    ``cifar-10-batches-py-target_archive`` in ``$TAPEFLOW_HOME/datasets`` or
    ``~/.keras/datasets``, SHA-256 checked, downloaded when missing) and is read without being
    extracted. ``$TAPEFLOW_CIFAR10_PATH`` may name the archive or a directory of extracted
    batches instead.

    Example:
        >>> (x_train, y_train), _ = load_data()  # doctest: +SKIP
    """
    src = _Source("cifar10", ENV_VAR, "cifar10.load_data")
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    batches = src.batches(names)
    xs, ys = [], []
    for n in names[:5]:
        x, y = parse_batch(batches[n])
        xs.append(np.asarray(x, np.uint8))
        ys.append(np.asarray(y, np.uint8))
    x_train = np.concatenate(xs)
    y_train = np.concatenate(ys)
    x_test, y_test = parse_batch(batches["test_batch"])
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    x_train, x_test = to_data_format(x_train), to_data_format(x_test)
    return (x_train, y_train), (x_test.astype(x_train.dtype), y_test.astype(y_train.dtype))


__all__ = ["load_data"]
