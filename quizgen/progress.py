"""Progress of a long build: a bar on a terminal, plain lines in a log, nothing when quiet.

Short work shows nothing: the bar appears after BAR_DELAY seconds, and a log gets its first line
after LINE_DELAY seconds and then one every LINE_INTERVAL seconds, so a quick rebuild stays quiet.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Literal, Never, Protocol, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

Mode = Literal["bar", "lines", "off"]
BAR_DELAY = 1.0
LINE_DELAY = 5.0
LINE_INTERVAL = 10.0


class Task(Protocol):
    """One piece of work with a known number of steps."""

    def advance(self, steps: int = 1) -> None:
        """Count steps as done."""

    def close(self) -> None:
        """End the task (a bar is removed; the summary line comes after it)."""


class Progress:
    """Makes tasks that show themselves as the mode says."""

    def __init__(self, mode: Mode = "off", stream: TextIO | None = None) -> None:
        self.mode = mode
        self.stream = stream or sys.stderr

    def task(self, description: str, total: int) -> Task:
        """Start a task of `total` steps."""
        if self.mode == "bar":
            # imported only when a terminal shows the bar
            from tqdm import tqdm

            bar = _Bar(
                tqdm(
                    total=total,
                    desc=f"quizgen: {description}",
                    file=self.stream,
                    delay=BAR_DELAY,
                    leave=False,
                    unit="",
                    dynamic_ncols=True,
                )
            )
            return bar
        if self.mode == "lines":
            return _Lines(description, total, self.stream)
        return _Silent()


def mode_for(stream: TextIO, quiet: bool) -> Mode:
    """Return how progress shows on a stream: a bar on a terminal, lines in a log."""
    if quiet:
        return "off"
    return "bar" if stream.isatty() else "lines"


class _Bar:
    def __init__(self, bar: tqdm[Never]) -> None:  # a bar over no iterable
        from tqdm.contrib.logging import logging_redirect_tqdm

        self.bar = bar
        # warnings logged meanwhile go above the bar, not through it
        self.redirect = logging_redirect_tqdm()
        self.redirect.__enter__()

    def advance(self, steps: int = 1) -> None:
        self.bar.update(steps)

    def close(self) -> None:
        self.redirect.__exit__(None, None, None)
        self.bar.close()


class _Lines:
    def __init__(self, description: str, total: int, stream: TextIO) -> None:
        self.description, self.total, self.stream = description, total, stream
        self.done = 0
        self.next_line = time.monotonic() + LINE_DELAY

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        now = time.monotonic()
        if now >= self.next_line and self.done < self.total:
            print(f"quizgen: {self.description}: {self.done} of {self.total}", file=self.stream)
            self.next_line = now + LINE_INTERVAL

    def close(self) -> None:
        pass


class _Silent:
    def advance(self, steps: int = 1) -> None:
        pass

    def close(self) -> None:
        pass
