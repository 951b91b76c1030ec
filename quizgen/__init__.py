"""quizgen: turn a source text into curated question banks and learning material."""

__version__ = "0.2.0"
