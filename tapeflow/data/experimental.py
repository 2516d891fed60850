"""``tf.data.experimental``: the AUTOTUNE alias and cardinality helpers.

Example:
    >>> import tapeflow as tf
    >>> tf.data.experimental.AUTOTUNE == tf.data.AUTOTUNE
    True
"""

from __future__ import annotations

from ..tensor import Tensor
from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset


def cardinality(dataset: Dataset) -> Tensor:
    """``dataset.cardinality()`` (-1 infinite, -2 unknown).

    Example:
        >>> import tapeflow as tf
        >>> int(tf.data.experimental.cardinality(tf.data.Dataset.range(4)))
        4
    """
    return dataset.cardinality()


__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "cardinality"]
