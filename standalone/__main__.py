"""Entry point of sieve-standalone (placeholder until the standalone issue lands)."""

import sys


def main() -> int:
    """Run the service."""
    print("sieve-standalone: not built yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
