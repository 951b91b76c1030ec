"""Every error quizgen reports to its users."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of the loader or checker, located in a file."""

    location: Location
    severity: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def as_error(self) -> Problem:
        """Return this problem promoted to an error (for --strict)."""
        return Problem(self.location, "error", self.message)


class QuizgenError(Exception):
    """An error caused by the user's input; the CLI prints it without a traceback."""

    exit_code = 1


class UsageError(QuizgenError):
    """The command line or configuration asks for something that does not exist."""

    exit_code = 2


class ProblemsFound(QuizgenError):
    """One or more banks are invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigProblems(ProblemsFound):
    """quizgen.toml is invalid: a usage error, found before any bank is read."""

    exit_code = 2


class RosterProblems(ProblemsFound):
    """A class roster (build --roster) cannot be used: found before any bank is read."""

    exit_code = 2


class TargetError(QuizgenError):
    """An output target could not build a bank (e.g. a forbidden resource)."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice most like `word` (a "did you mean" hint), or None if none is close."""
    import difflib  # here: only a mistake needs a hint, and the import costs every command

    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None
