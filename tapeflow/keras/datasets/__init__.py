"""``keras.datasets``: small standard datasets as NumPy arrays.

Example:
    >>> from tapeflow.keras import datasets
    >>> callable(datasets.mnist.load_data)
    True
"""

from . import boston_housing, california_housing, cifar10, cifar100, fashion_mnist, imdb, mnist, reuters

__all__ = ["mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing", "california_housing"]
