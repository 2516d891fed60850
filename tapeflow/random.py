"""``tf.random``: seeded random tensors, Generator, stateless ops, candidate samplers, and
``tf.random.experimental``."""

import types as _types

from .ops import random_ops as _random_ops
from .ops.random_ops import *  # noqa: F401,F403  (names listed in random_ops.__all__)

experimental = _types.ModuleType(
    "tapeflow.random.experimental",
    "``tf.random.experimental``: index_shuffle, stateless_shuffle/fold_in/split and the Generator API.")
for _name, _value in {
    "Algorithm": _random_ops.Algorithm,
    "Generator": _random_ops.Generator,
    "create_rng_state": _random_ops.create_rng_state,
    "get_global_generator": _random_ops.get_global_generator,
    "set_global_generator": _random_ops.set_global_generator,
    "index_shuffle": _random_ops.index_shuffle,
    "stateless_fold_in": _random_ops.fold_in,
    "stateless_split": _random_ops.split,
    "stateless_shuffle": _random_ops.stateless_shuffle,
}.items():
    setattr(experimental, _name, _value)

__all__ = [*_random_ops.__all__, "experimental"]
