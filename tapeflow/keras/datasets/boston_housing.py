"""Boston housing prices regression (as ``keras.datasets.boston_housing``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()  # doctest: +SKIP
    >>> x_train.shape, x_test.shape  # doctest: +SKIP
    ((404, 13), (102, 13))
"""

from __future__ import annotations

from . import _files
from ._common import check_split, load_npz, locate, split_arrays

ORIGIN = _files.ORIGIN_BASE + "boston_housing.npz"
FILE_HASH = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"
ENV_VAR = "TAPEFLOW_BOSTON_HOUSING_PATH"


def load_data(path: str = "boston_housing.npz", test_split: float = 0.2, seed: int = 113) -> tuple:
    """Load Boston housing: ``(x_train, y_train), (x_test, y_test)``, float64 arrays with 13
    features per house and the median price (k$); shuffled with
    ``np.random.RandomState(seed)``, the last ``test_split`` the test set (as Keras).

    The file is Keras's ``boston_housing.npz`` (SHA-256 checked, cached, downloaded when
    missing); ``$TAPEFLOW_BOSTON_HOUSING_PATH`` may name it.

    Example:
        >>> load_data(test_split=1.0)
        Traceback (most recent call last):
        ...
        ValueError: Invalid `test_split` argument: 1.0. It must be between 0 and 1 (exclusive of 1).
    """
    check_split(test_split)
    p = locate(path, ORIGIN, FILE_HASH, ENV_VAR, "boston_housing.load_data")
    f = load_npz(p, "boston_housing.load_data", ("x", "y"), objects=False)
    x, y = f["x"], f["y"]
    return split_arrays(x, y, test_split, seed)


__all__ = ["load_data"]
