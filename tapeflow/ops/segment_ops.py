"""Scatter, segment and bucketing ops: scatter_nd, tensor_scatter_nd_*, segment_*, unsorted_segment_*, sequence_mask, meshgrid, bincount, histograms."""

from __future__ import annotations

__all__: list[str] = []

