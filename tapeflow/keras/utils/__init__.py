"""``keras.utils``: data helpers (``to_categorical``, ``pad_sequences``, ``normalize``,
``split_dataset``, ``timeseries_dataset_from_array``, directory readers), ``Progbar``,
``get_file``, image I/O (with Pillow), object registration and (de)serialization, and a few
re-exports (``clear_session``, ``is_keras_tensor``, ``standardize_dtype``).

``PyDataset`` (also ``Sequence``) feeds ``fit``/``evaluate``/``predict`` batches from Python;
``plot_model`` / ``model_to_dot`` need the optional pydot (and Graphviz to draw).
``FeatureSpace``, ``audio_dataset_from_directory`` and ``get_source_inputs`` are not provided.

Example:
    >>> from tapeflow import keras
    >>> keras.utils.pad_sequences([[1], [2, 3]]).tolist()
    [[0, 1], [2, 3]]
"""

from __future__ import annotations

from ..backend import clear_session, is_keras_tensor, standardize_dtype
from .dataset_utils import (
    image_dataset_from_directory,
    split_dataset,
    text_dataset_from_directory,
    timeseries_dataset_from_array,
)
from .file_utils import get_file
from .general import (
    Config,
    normalize,
    pack_x_y_sample_weight,
    pad_sequences,
    set_random_seed,
    to_categorical,
    unpack_x_y_sample_weight,
)
from .image_utils import array_to_img, img_to_array, load_img, save_img
from .model_visualization import model_to_dot, plot_model
from .progbar import Progbar, disable_interactive_logging, enable_interactive_logging, is_interactive_logging_enabled
from .py_dataset import PyDataset
from .serialization import (
    CustomObjectScope,
    custom_object_scope,
    deserialize_keras_object,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
    serialize_keras_object,
)

__all__ = [
    "to_categorical", "normalize", "pad_sequences", "set_random_seed", "pack_x_y_sample_weight",
    "unpack_x_y_sample_weight", "Config", "split_dataset", "timeseries_dataset_from_array",
    "text_dataset_from_directory", "image_dataset_from_directory", "get_file", "array_to_img", "img_to_array",
    "load_img", "save_img", "Progbar", "enable_interactive_logging", "disable_interactive_logging",
    "is_interactive_logging_enabled", "register_keras_serializable", "get_registered_name", "get_registered_object",
    "get_custom_objects", "CustomObjectScope", "custom_object_scope", "serialize_keras_object",
    "deserialize_keras_object", "clear_session", "is_keras_tensor", "standardize_dtype", "PyDataset", "Sequence",
    "model_to_dot", "plot_model",
]

Sequence = PyDataset  # Keras 3's older name for it
