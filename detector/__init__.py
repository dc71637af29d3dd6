"""Sieve detector."""
