"""Renderers: pure functions that turn the handbook models into Markdown, HTML fragments and DOT."""
