"""``tf.data``: input pipelines (``Dataset``) and ``TensorSpec``.

Example:
    >>> import numpy as np
    >>> import tapeflow as tf
    >>> ds = tf.data.Dataset.from_tensor_slices(np.arange(10.0)).shuffle(4, seed=0).batch(5)
    >>> [b.shape.as_list() for b in ds]
    [[5], [5]]
"""

from . import experimental
from .dataset import (
    AUTOTUNE,
    INFINITE_CARDINALITY,
    UNKNOWN_CARDINALITY,
    Dataset,
    DatasetIterator,
)
from .readers import TextLineDataset
from .specs import TensorSpec

Iterator = DatasetIterator

__all__ = [
    "AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "DatasetIterator",
    "Iterator", "TensorSpec", "TextLineDataset", "experimental",
]
