"""End-to-end: every Sieve service as its own process over pods in network namespaces."""
