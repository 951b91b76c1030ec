"""Presenting: Markdown to safe HTML, UI strings per language, templates, self-contained pages."""
