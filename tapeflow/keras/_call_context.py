"""The call context: the ``training`` flag a layer's ``__call__`` sets for the layers it calls.

One per thread; ``Layer.__call__`` sets ``_CTX.training`` for the duration of a call and restores it.

Example:
    >>> _CTX.training is None
    True
"""

from __future__ import annotations

import threading
from typing import Any


class _CallContext(threading.local):
    training: Any = None


_CTX = _CallContext()
