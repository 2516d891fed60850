"""Sorting and selection ops: sort, argsort, top_k, unique, searchsorted."""

from __future__ import annotations

__all__: list[str] = []

