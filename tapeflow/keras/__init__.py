"""``tapeflow.keras``: the Keras surface of a TF2 custom training loop.

Example:
    >>> from tapeflow import keras
    >>> from tapeflow.keras import layers
    >>> inputs = keras.Input(shape=(4,))
    >>> model = keras.Model(inputs, layers.Dense(2)(inputs))
    >>> model(__import__("numpy").zeros((3, 4), "float32")).shape.as_list()
    [3, 2]
"""

from . import (
    activations,
    backend,
    callbacks,
    constraints,
    datasets,
    initializers,
    layers,
    losses,
    metrics,
    models,
    ops,
    optimizers,
    random,
    regularizers,
    saving,
    utils,
)
from ._dtype_policy import DTypePolicy, FloatDTypePolicy
from ._scopes import device, name_scope, version
from .initializers import Initializer
from .layers import InputSpec, KerasTensor, Layer
from .layers.base import clear_session
from .losses import Loss
from .metrics import Metric
from .models import Input, Model, Sequential
from .optimizers import Optimizer
from .regularizers import Regularizer
from .variables import Variable

__all__ = [
    "activations", "backend", "callbacks", "constraints", "ops", "random", "utils", "datasets", "initializers", "layers", "losses", "metrics",
    "optimizers", "regularizers", "models", "saving", "Input", "Model", "Sequential", "clear_session", "Variable",
    "Initializer", "KerasTensor", "Layer", "Loss", "Metric", "Optimizer", "Regularizer",
    "InputSpec", "DTypePolicy", "FloatDTypePolicy", "name_scope", "device", "version",
]
__version__ = version()
