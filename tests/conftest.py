"""Shared test settings: hypothesis without per-example deadlines (timings vary on CI)."""

from hypothesis import settings

settings.register_profile("gdcore", deadline=None)
settings.load_profile("gdcore")
