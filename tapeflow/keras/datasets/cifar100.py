"""CIFAR-100 small colour images in 100 classes (as ``keras.datasets.cifar100``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), _ = keras.datasets.cifar100.load_data(label_mode="coarse")  # doctest: +SKIP
    >>> x_train.shape, y_train.shape  # doctest: +SKIP
    ((50000, 32, 32, 3), (50000, 1))
"""

from __future__ import annotations

import numpy as np

from ._cifar import _Source, parse_batch, to_data_format

ENV_VAR = "TAPEFLOW_CIFAR100_PATH"


def load_data(label_mode: str = "fine") -> tuple:
    """Load CIFAR-100: ``(x_train, y_train), (x_test, y_test)``; images uint8 of shapes
    (50000, 32, 32, 3) and (10000, 32, 32, 3), labels int64 of shapes (50000, 1) and
    (10000, 1): the 100 ``"fine"`` classes or the 20 ``"coarse"`` superclasses.

    The archive is Keras's (``cifar-100-python.tar.gz``, cached as
    ``cifar-100-python-target_archive``), SHA-256 checked, downloaded when missing, read without
    being extracted; ``$TAPEFLOW_CIFAR100_PATH`` may name the archive or a directory of
    extracted files instead.

    Example:
        >>> load_data(label_mode="medium")
        Traceback (most recent call last):
        ...
        ValueError: `label_mode` must be one of `"fine"`, `"coarse"`. Received: label_mode=medium.
    """
    if label_mode not in ("fine", "coarse"):
        raise ValueError(f'`label_mode` must be one of `"fine"`, `"coarse"`. Received: label_mode={label_mode}.')
    batches = _Source("cifar100", ENV_VAR, "cifar100.load_data").batches(["train", "test"])
    x_train, y_train = parse_batch(batches["train"], label_key=f"{label_mode}_labels")
    x_test, y_test = parse_batch(batches["test"], label_key=f"{label_mode}_labels")
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    return (to_data_format(x_train), y_train), (to_data_format(x_test), y_test)


__all__ = ["load_data"]
