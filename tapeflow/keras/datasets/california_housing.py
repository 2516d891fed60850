"""California housing prices regression (as ``keras.datasets.california_housing``).

Example:
    >>> from tapeflow import keras
    >>> (x_train, y_train), _ = keras.datasets.california_housing.load_data(version="small")  # doctest: +SKIP
    >>> x_train.shape  # doctest: +SKIP
    (480, 8)
"""

from __future__ import annotations

from . import _files
from ._common import check_split, load_npz, locate, split_arrays

ORIGIN = _files.ORIGIN_BASE + "california_housing.npz"
FILE_HASH = "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f"
ENV_VAR = "TAPEFLOW_CALIFORNIA_HOUSING_PATH"


def load_data(version: str = "large", path: str = "california_housing.npz", test_split: float = 0.2,
              seed: int = 113) -> tuple:
    """Load California housing: ``(x_train, y_train), (x_test, y_test)``; 8 features per block
    and the median house value; ``version="small"`` keeps the first 600 samples; shuffled with
    ``np.random.RandomState(seed)``, the last ``test_split`` the test set (as Keras).

    The file is Keras's ``california_housing.npz`` (SHA-256 checked, cached, downloaded when
    missing); ``$TAPEFLOW_CALIFORNIA_HOUSING_PATH`` may name it.

    Example:
        >>> load_data(test_split=-0.1)
        Traceback (most recent call last):
        ...
        ValueError: Invalid `test_split` argument: -0.1. It must be between 0 and 1 (exclusive of 1).
    """
    check_split(test_split)
    p = locate(path, ORIGIN, FILE_HASH, ENV_VAR, "california_housing.load_data")
    f = load_npz(p, "california_housing.load_data", ("x", "y"), objects=False)
    x, y = f["x"], f["y"]
    if version == "small":
        x, y = x[:600], y[:600]
    elif version != "large":
        raise ValueError(f"Argument `version` must be one of 'small', 'large'. Received: version={version}")
    return split_arrays(x, y, test_split, seed)


__all__ = ["load_data"]
