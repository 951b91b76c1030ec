"""Checking a bank: every quote grounded in its source, links that stay public, coverage."""
