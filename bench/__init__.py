"""Reproducible benchmarks that print ratios (run: python -m bench)."""
