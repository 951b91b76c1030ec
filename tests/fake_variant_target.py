"""Registers the variant-writing stand-in target under its own module name."""

from tests.fake_target import VARIANT_TARGET as TARGET

__all__ = ["TARGET"]
