"""Sieve interceptor."""
