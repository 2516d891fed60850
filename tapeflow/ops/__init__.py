"""Public ops, composed from the primitives in ``tapeflow.primitives``."""
