"""Entry point of the `sieve` CLI (also ``python -m standalone``)."""

import sys

from standalone.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
