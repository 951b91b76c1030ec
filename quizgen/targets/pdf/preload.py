"""Imported by the fork server that starts the render workers: WeasyPrint is loaded once, there."""

from quizgen.targets.pdf import engine

engine.load()
