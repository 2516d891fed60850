"""Keras's automatic names: ``to_snake_case`` and the per-session counters of ``unique_name``.

Example:
    >>> to_snake_case("BatchNormalization"), to_snake_case("Conv2D")
    ('batch_normalization', 'conv2d')
"""

from __future__ import annotations

_NAME_COUNTS: dict[str, int] = {}


def to_snake_case(name: str) -> str:
    """'BatchNormalization' -> 'batch_normalization', 'Conv2D' -> 'conv2d'."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i > 0:
            prev = name[i - 1]
            nxt = name[i + 1] if i + 1 < len(name) else ""
            # a word starts at an upper-case letter after a lower-case one, or at the last
            # capital of an acronym that is followed by lower case ("HTTPServer" -> http_server)
            if prev.islower() or (prev.isupper() and nxt.islower()):
                out.append("_")
        out.append(ch.lower())
    return "".join(out)


def unique_name(base: str) -> str:
    """Keras' auto-numbering: 'dense', 'dense_1', 'dense_2', ..."""
    n = _NAME_COUNTS.get(base, 0)
    _NAME_COUNTS[base] = n + 1
    return base if n == 0 else f"{base}_{n}"


def clear_session() -> None:
    """Reset the automatic layer-name counters (as ``keras.backend.clear_session``)."""
    _NAME_COUNTS.clear()


__all__ = ["to_snake_case", "unique_name", "clear_session"]
