"""Sieve's contracts: `.proto` sources under `sieve/v1/` and the Python generated from them."""
