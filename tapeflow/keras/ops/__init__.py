"""``keras.ops``: the NumPy-like op namespace of Keras 3, written in tapeflow ops (differentiable).

Semantics follow Keras 3 with its TensorFlow backend: Keras's dtype promotion (``add(int32 tensor,
1.5)`` is float32, ``add(int8, uint8)`` int16; Python scalars are weak), NumPy-style ``axis`` and
``keepdims``, Keras's argument names and layouts. Results are tapeflow Tensors; given the symbolic
inputs of the functional API (``keras.Input``), an op records a graph node instead, as in Keras 3.

Submodules as in Keras: ``keras.ops.numpy``, ``keras.ops.nn``, ``keras.ops.linalg``,
``keras.ops.image``; ``core`` and ``math`` hold the rest.

Example:
    >>> from tapeflow import keras
    >>> keras.ops.add(keras.ops.arange(3), 1.5).numpy().tolist()
    [1.5, 2.5, 3.5]
    >>> keras.ops.softmax([[1.0, 1.0]]).numpy().tolist()
    [[0.5, 0.5]]
"""

from __future__ import annotations

from . import image, linalg, nn, numpy  # noqa: F401  (Keras's submodules)
from .core import *  # noqa: F403
from .core import __all__ as _core_all
from .linalg import *  # noqa: F403
from .linalg import __all__ as _linalg_all
from .math import *  # noqa: F403
from .math import __all__ as _math_all
from .nn import *  # noqa: F403
from .nn import __all__ as _nn_all
from .numpy import *  # noqa: F403
from .numpy import __all__ as _numpy_all

__all__: list[str] = sorted(set(_numpy_all) | set(_nn_all) | set(_core_all) | set(_linalg_all) | set(_math_all)
                            | {"image", "linalg", "nn", "numpy"})
