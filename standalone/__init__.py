"""The `sieve` CLI: the whole pipeline in one process (``analyze``, ``watch``, ``demo``)."""
