"""``keras.layers``: the Layer base class and the built-in layers.

Example:
    >>> from tapeflow.keras import layers
    >>> layers.Dense(4, activation="relu").units
    4
"""

from . import activation as _activation  # noqa: E402
from . import attention as _attention
from . import augmentation as _augmentation
from . import misc as _misc
from . import pooling as _pooling
from . import preprocessing as _preprocessing  # noqa: E402
from . import regularization as _regularization
from . import reshaping as _reshaping  # noqa: E402
from . import rnn as _rnn
from .activation import *  # noqa: F403
from .attention import *  # noqa: F403
from .augmentation import *  # noqa: F403
from .base import Input, InputLayer, KerasTensor, Layer
from .conv import (
    AveragePooling2D,
    AvgPool2D,
    Conv1D,
    Conv1DTranspose,
    Conv2D,
    Conv2DTranspose,
    Conv3D,
    Conv3DTranspose,
    Convolution1D,
    Convolution1DTranspose,
    Convolution2D,
    Convolution2DTranspose,
    Convolution3D,
    Convolution3DTranspose,
    DepthwiseConv1D,
    DepthwiseConv2D,
    GlobalAveragePooling2D,
    GlobalAvgPool2D,
    GlobalMaxPool2D,
    GlobalMaxPooling2D,
    MaxPool2D,
    MaxPooling2D,
    SeparableConv1D,
    SeparableConv2D,
    SeparableConvolution1D,
    SeparableConvolution2D,
)
from .core import Activation, Dense, Dropout, Embedding, Flatten, Lambda, Rescaling, Reshape
from .input_spec import InputSpec
from .merging import (
    Add,
    Average,
    Concatenate,
    Dot,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    concatenate,
    dot,
    maximum,
    minimum,
    multiply,
    subtract,
)
from .misc import *  # noqa: F403
from .normalization import (
    BatchNormalization,
    GroupNormalization,
    LayerNormalization,
    SpectralNormalization,
    UnitNormalization,
)
from .pooling import *  # noqa: F403
from .preprocessing import *  # noqa: F403
from .regularization import *  # noqa: F403
from .reshaping import *  # noqa: F403
from .rnn import *  # noqa: F403

__all__ = [
    "Layer", "Input", "InputLayer", "KerasTensor", "InputSpec",
    "Dense", "Activation", "Flatten", "Reshape", "Dropout", "Lambda", "Rescaling", "Embedding",
    "Conv2D", "Convolution2D", "MaxPooling2D", "AveragePooling2D", "MaxPool2D", "AvgPool2D",
    "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAvgPool2D", "GlobalMaxPool2D",
    "Conv1D", "Conv3D", "Convolution1D", "Convolution3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
    "Convolution1DTranspose", "Convolution2DTranspose", "Convolution3DTranspose", "DepthwiseConv1D",
    "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D", "SeparableConvolution1D", "SeparableConvolution2D",
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization", "SpectralNormalization",
    "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot", "add", "concatenate",
    "subtract", "multiply", "average", "maximum", "minimum", "dot",
]
for _m in (_activation, _attention, _augmentation, _misc, _pooling, _preprocessing, _regularization, _reshaping, _rnn):
    __all__ += list(_m.__all__)
