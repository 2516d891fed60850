"""``keras.utils.Progbar``: Keras 3's text progress bar, and the interactive-logging switch.

Example:
    >>> import io, sys
    >>> from tapeflow import keras
    >>> bar = keras.utils.Progbar(2, verbose=2)
    >>> bar.update(2, values=[("loss", 0.25)])  # doctest: +ELLIPSIS
    2/2 - 0s - ...step - loss: 0.2500
"""

from __future__ import annotations

import logging
import math
import os
import sys
import time
from typing import Any

import numpy as np

_INTERACTIVE = [True]


def enable_interactive_logging() -> None:
    """Print messages (progress bars, downloads) to stdout (the default).

    Example:
        >>> enable_interactive_logging(); is_interactive_logging_enabled()
        True
    """
    _INTERACTIVE[0] = True


def disable_interactive_logging() -> None:
    """Send messages to Python's ``logging`` (INFO) instead of stdout.

    Example:
        >>> disable_interactive_logging(); is_interactive_logging_enabled()
        False
        >>> enable_interactive_logging()
    """
    _INTERACTIVE[0] = False


def is_interactive_logging_enabled() -> bool:
    """Whether messages go to stdout.

    Example:
        >>> is_interactive_logging_enabled()
        True
    """
    return _INTERACTIVE[0]


def print_msg(message: str, line_break: bool = True) -> None:
    """Write ``message`` to stdout (or log it when interactive logging is disabled)."""
    if _INTERACTIVE[0]:
        sys.stdout.write(message + ("\n" if line_break else ""))
        sys.stdout.flush()
    else:
        logging.getLogger("tapeflow.keras").info(message)


class Progbar:
    """A progress bar with Keras 3's layout: ``step/target`` in bold, a green/grey bar of ``━``, the
    ETA (or elapsed time), the time per ``unit_name`` and the running averages of ``values``.
    ``verbose=2`` prints one plain line when the target is reached. Updates closer than
    ``interval`` seconds apart are not redrawn (except the last).

    Example:
        >>> bar = Progbar(4, verbose=2)
        >>> for i in range(1, 5):
        ...     bar.update(i, values=[("acc", 0.5)])  # doctest: +ELLIPSIS
        4/4 - 0s - ...step - acc: 0.5000
    """

    def __init__(self, target: int | None, width: int = 20, verbose: int = 1, interval: float = 0.05,
                 stateful_metrics: Any = None, stateless_metrics: Any = None, unit_name: str = "step") -> None:
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError(
                "Only one of `stateful_metrics` or `stateless_metrics` can be provided. `stateful_metrics` is used "
                "to make metrics stateless by default (with an exclusion list), while `stateless_metrics` is used "
                "to make metrics stateful by default (with an exclusion list)."
            )
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        if stateful_metrics is not None:
            self.stateful_metrics: Any = set(stateful_metrics)
            self.stateless_metrics: Any = None
        elif stateless_metrics is not None:
            self.stateful_metrics = None
            self.stateless_metrics = set(stateless_metrics)
        else:
            self.stateful_metrics = set()
            self.stateless_metrics = None
        self._dynamic_display = ((hasattr(sys.stdout, "isatty") and sys.stdout.isatty()) or "ipykernel" in sys.modules
                                 or "posix" in sys.modules or "PYCHARM_HOSTED" in os.environ)
        self._seen_so_far = 0
        self._values: dict = {}
        self._values_order: list = []
        self._start = time.time()
        self._last_update = 0.0
        self._time_at_epoch_start = self._start
        self._time_after_first_step: float | None = None
        self._prev_total_width = 0

    def _avg(self, k: str) -> float:
        v, count = self._values[k]
        if not isinstance(v, float):
            v = np.mean(v)
        return v / max(1, count)

    def update(self, current: int, values: Any = None, finalize: bool | None = None) -> None:
        """Advance to step ``current``; ``values`` is a list of ``(name, value)`` to average (or, for
        stateful metrics, to show as they are)."""
        if finalize is None:
            finalize = False if self.target is None else current >= self.target
        for k, v in values or []:
            if k not in self._values_order:
                self._values_order.append(k)
            stateless = (k not in self.stateful_metrics) if self.stateful_metrics is not None else (
                k in self.stateless_metrics)
            if stateless:
                if finalize:
                    self._values[k] = [v, 1]
                else:
                    base = max(current - self._seen_so_far, 1)
                    if k not in self._values:
                        self._values[k] = [v * base, base]
                    else:
                        self._values[k][0] += v * base
                        self._values[k][1] += base
            else:
                self._values[k] = [v, 1]
        self._seen_so_far = current
        now = time.time()
        per_unit = self._estimate_step_duration(current, now)
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            message = ("\b" * self._prev_total_width + "\r") if self._dynamic_display else "\n"
            special = 0
            if self.target is not None and self.target > 0:
                digits = int(math.log10(self.target)) + 1
                bar = f"\x1b[1m{current:{digits}d}/{self.target}\x1b[0m "
                special += 8
                done = int(self.width * (float(current) / self.target))
                if done > 0:
                    bar += f"\33[32m{'━' * done}\x1b[0m"
                    special += 9
                bar += f"\33[37m{'━' * (self.width - done)}\x1b[0m"
                special += 9
            else:
                bar = "%7d/Unknown" % current
            message += bar
            if self.target is not None and self.target > 0 and not finalize:
                eta = per_unit * (self.target - current)
                if eta > 3600:
                    eta_text = "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
                elif eta > 60:
                    eta_text = "%d:%02d" % (eta // 60, eta % 60)
                else:
                    eta_text = "%ds" % eta
                info = f" \x1b[1m{eta_text}\x1b[0m"
            else:
                info = f" \x1b[1m{now - self._start:.0f}s\x1b[0m"
            special += 8
            info += self._format_time(per_unit, self.unit_name)
            for k in self._values_order:
                info += f" - {k}:"
                if isinstance(self._values[k], list):
                    avg = self._avg(k)
                    info += f" {avg:.4f}" if abs(avg) > 1e-3 else f" {avg:.4e}"
                else:
                    info += f" {self._values[k]}"
            message += info
            total_width = len(bar) + len(info) - special
            if self._prev_total_width > total_width:
                message += " " * (self._prev_total_width - total_width)
            if finalize:
                message += "\n"
            print_msg(message, line_break=False)
            self._prev_total_width = total_width
        elif self.verbose == 2:
            if finalize and self.target is not None and self.target > 0:
                digits = int(math.log10(self.target)) + 1
                info = f"{current:{digits}d}/{self.target} - {now - self._start:.0f}s"
                info += f" -{self._format_time(per_unit, self.unit_name)}"
                for k in self._values_order:
                    avg = self._avg(k)
                    info += f" - {k}:" + (f" {avg:.4f}" if avg > 1e-3 else f" {avg:.4e}")
                print_msg(info + "\n", line_break=False)
        self._last_update = now

    def add(self, n: int, values: Any = None) -> None:
        """Advance by ``n`` steps."""
        self.update(self._seen_so_far + n, values)

    def _format_time(self, per_unit: float, unit_name: str) -> str:
        if per_unit >= 1 or per_unit == 0:
            return f" {per_unit:.0f}s/{unit_name}"
        if per_unit >= 1e-3:
            return f" {per_unit * 1000.0:.0f}ms/{unit_name}"
        return f" {per_unit * 1000000.0:.0f}us/{unit_name}"

    def _estimate_step_duration(self, current: int, now: float) -> float:
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_unit


__all__ = ["Progbar", "enable_interactive_logging", "disable_interactive_logging", "is_interactive_logging_enabled"]
