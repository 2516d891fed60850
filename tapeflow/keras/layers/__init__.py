"""``keras.layers``: the Layer base class and the built-in layers.

Example:
    >>> from tapeflow.keras import layers
    >>> layers.Dense(4, activation="relu").units
    4
"""

from .base import Input, InputLayer, KerasTensor, Layer
from .conv import (
    AveragePooling2D,
    AvgPool2D,
    Conv2D,
    Convolution2D,
    GlobalAveragePooling2D,
    GlobalAvgPool2D,
    GlobalMaxPool2D,
    GlobalMaxPooling2D,
    MaxPool2D,
    MaxPooling2D,
)
from .core import Activation, Dense, Dropout, Embedding, Flatten, Lambda, Rescaling, Reshape
from .merging import Add, Average, Concatenate, Maximum, Minimum, Multiply, Subtract, add, concatenate
from .normalization import BatchNormalization, LayerNormalization

__all__ = [
    "Layer", "Input", "InputLayer", "KerasTensor",
    "Dense", "Activation", "Flatten", "Reshape", "Dropout", "Lambda", "Rescaling", "Embedding",
    "Conv2D", "Convolution2D", "MaxPooling2D", "AveragePooling2D", "MaxPool2D", "AvgPool2D",
    "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAvgPool2D", "GlobalMaxPool2D",
    "BatchNormalization", "LayerNormalization",
    "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "add", "concatenate",
]
