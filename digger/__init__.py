"""Sieve digger."""
