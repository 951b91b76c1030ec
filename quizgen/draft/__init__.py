"""Draft candidate questions from a source text by rules, for the teacher to curate."""
