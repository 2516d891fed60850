"""TF-style error classes; each also subclasses the matching Python built-in.

Example:
    >>> import tapeflow as tf
    >>> try:
    ...     tf.constant(1.0) + tf.constant(1.0, dtype=tf.float64)
    ... except ValueError as e:
    ...     print(type(e).__name__)
    InvalidArgumentError
"""

from __future__ import annotations


class OpError(Exception):
    """Base class of tapeflow's runtime errors (as ``tf.errors.OpError``)."""

    def __init__(self, message: str = "", op: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.op = op


class InvalidArgumentError(OpError, ValueError):
    """An op received an invalid argument (bad dtype, shape or value)."""


class NotFoundError(OpError, FileNotFoundError):
    """A requested file or entity was not found."""


class AlreadyExistsError(OpError, FileExistsError):
    """An entity that should be created already exists."""


class FailedPreconditionError(OpError, RuntimeError):
    """The system is not in a state required for the operation."""


class OutOfRangeError(OpError, IndexError):
    """An operation iterated or indexed past the valid range."""


class UnimplementedError(OpError, NotImplementedError):
    """The operation is not implemented."""


class InternalError(OpError, RuntimeError):
    """An internal invariant was broken."""


class ResourceExhaustedError(OpError, MemoryError):
    """A resource (memory) ran out."""


class PermissionDeniedError(OpError, PermissionError):
    """The caller may not do this (e.g. writing to a file opened for reading)."""


__all__ = [
    "OpError",
    "InvalidArgumentError",
    "NotFoundError",
    "AlreadyExistsError",
    "FailedPreconditionError",
    "OutOfRangeError",
    "UnimplementedError",
    "InternalError",
    "ResourceExhaustedError",
    "PermissionDeniedError",
]
