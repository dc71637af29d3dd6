"""Sieve standalone."""
