"""The answer layer: per question and variant, everything a target shows or scores, worked out once."""
