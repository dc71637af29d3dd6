"""Sieve collector."""
