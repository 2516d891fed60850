"""``tf.version``: tapeflow's own version (as ``tf.__version__``; a deliberate difference from TF,
whose programs print TF's version here).

Example:
    >>> import tapeflow as tf
    >>> tf.version.VERSION == tf.__version__
    True
"""

from __future__ import annotations

from . import __version__

VERSION: str = __version__
GIT_VERSION: str = "v" + __version__

__all__ = ["VERSION", "GIT_VERSION"]
