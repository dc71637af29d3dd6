"""`sieve demo`: a small shop of microservices in network namespaces on this machine.

The modules the shop's processes import (`topology`, `people`, `shop`, `services`) use the
standard library only, so a service starts in a fraction of a second.
"""
