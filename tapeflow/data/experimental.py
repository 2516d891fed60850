"""``tf.data.experimental``: the AUTOTUNE alias, cardinality helpers, ``CsvDataset`` and ``Counter``.

Example:
    >>> import tapeflow as tf
    >>> tf.data.experimental.AUTOTUNE == tf.data.AUTOTUNE
    True
"""

from __future__ import annotations

from typing import Any

from .. import dtypes as _dt
from ..tensor import Tensor
from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset
from .readers import CsvDataset


def cardinality(dataset: Dataset) -> Tensor:
    """``dataset.cardinality()`` (-1 infinite, -2 unknown).

    Example:
        >>> import tapeflow as tf
        >>> int(tf.data.experimental.cardinality(tf.data.Dataset.range(4)))
        4
    """
    return dataset.cardinality()


def Counter(start: Any = 0, step: Any = 1, dtype: Any = _dt.int64, name: str | None = None) -> Dataset:  # noqa: N802
    """``tf.data.Dataset.counter`` (TF's deprecated experimental name): an endless count.

    Example:
        >>> import tapeflow as tf
        >>> [int(v) for v in tf.data.experimental.Counter(start=1).take(3)]
        [1, 2, 3]
    """
    return Dataset.counter(start, step, dtype, name=name)


__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "CsvDataset", "Counter", "cardinality"]
