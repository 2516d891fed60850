"""``keras.datasets``: small standard datasets as NumPy arrays.

Example:
    >>> from tapeflow.keras import datasets
    >>> callable(datasets.mnist.load_data)
    True
"""

from . import fashion_mnist, mnist

__all__ = ["mnist", "fashion_mnist"]
