"""``tf.signal``: FFTs, DCTs, windows, framing, STFT, MDCT and mel-scale helpers."""

from .ops.signal_ops import *  # noqa: F401,F403  (names listed in signal_ops.__all__)
from .ops.signal_ops import __all__  # noqa: F401
