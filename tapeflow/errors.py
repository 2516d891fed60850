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

# TF's error codes (tf.errors.OK ... UNAUTHENTICATED)
OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS = 0, 1, 2, 3, 4, 5, 6
PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE = 7, 8, 9, 10, 11
UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED = 12, 13, 14, 15, 16


class OpError(Exception):
    """Base class of tapeflow's runtime errors (as ``tf.errors.OpError``).

    Takes tapeflow's ``(message, op=None)`` or TF's ``(node_def, op, message, *args)``.

    Example:
        >>> import tapeflow as tf
        >>> e = tf.errors.OutOfRangeError(None, None, "End of sequence")
        >>> e.message, e.error_code
        ('End of sequence', 11)
    """

    error_code = UNKNOWN

    def __init__(self, *args: object, op: str | None = None) -> None:
        if len(args) >= 3:  # TF's signature: (node_def, op, message, [error_code])
            node_def, op, message = args[0], args[1], args[2]
        else:
            node_def, message = None, (args[0] if args else "")
            op = args[1] if len(args) > 1 else op
        super().__init__(message)
        self.message = message
        self.op = op
        self.node_def = node_def


class InvalidArgumentError(OpError, ValueError):
    """An op received an invalid argument (bad dtype, shape or value)."""

    error_code = INVALID_ARGUMENT


class NotFoundError(OpError, FileNotFoundError):
    """A requested file or entity was not found."""

    error_code = NOT_FOUND


class AlreadyExistsError(OpError, FileExistsError):
    """An entity that should be created already exists."""

    error_code = ALREADY_EXISTS


class FailedPreconditionError(OpError, RuntimeError):
    """The system is not in a state required for the operation."""

    error_code = FAILED_PRECONDITION


class OutOfRangeError(OpError, IndexError):
    """An operation iterated or indexed past the valid range."""

    error_code = OUT_OF_RANGE


class UnimplementedError(OpError, NotImplementedError):
    """The operation is not implemented."""

    error_code = UNIMPLEMENTED


class InternalError(OpError, RuntimeError):
    """An internal invariant was broken."""

    error_code = INTERNAL


class ResourceExhaustedError(OpError, MemoryError):
    """A resource (memory) ran out."""

    error_code = RESOURCE_EXHAUSTED


class PermissionDeniedError(OpError, PermissionError):
    """The caller may not do this (e.g. writing to a file opened for reading)."""

    error_code = PERMISSION_DENIED


class CancelledError(OpError):
    """An operation was cancelled."""

    error_code = CANCELLED


class UnknownError(OpError):
    """An error of no other kind (e.g. an exception raised inside ``tf.py_function``)."""

    error_code = UNKNOWN


class DeadlineExceededError(OpError, TimeoutError):
    """A deadline expired before the operation could complete."""

    error_code = DEADLINE_EXCEEDED


class AbortedError(OpError):
    """An operation was aborted (a concurrency conflict)."""

    error_code = ABORTED


class UnavailableError(OpError):
    """A service is unavailable (e.g. a peer process went away)."""

    error_code = UNAVAILABLE


class DataLossError(OpError):
    """Unrecoverable data loss or corruption (e.g. a truncated file)."""

    error_code = DATA_LOSS


class UnauthenticatedError(OpError):
    """The request lacks valid authentication credentials."""

    error_code = UNAUTHENTICATED


class OperatorNotAllowedInGraphError(TypeError):
    """A Python operator used on a symbolic tensor where TF's graph mode forbids it (kept for compatibility:
    tapeflow is always eager, so it raises this only where TF would inside ``tf.function``)."""


__all__ = [
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
    "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED", "CancelledError", "UnknownError",
    "DeadlineExceededError", "AbortedError", "UnavailableError", "DataLossError", "UnauthenticatedError",
    "OperatorNotAllowedInGraphError",
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
