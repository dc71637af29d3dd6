"""Entry point of sieve-interceptor (placeholder until the interceptor issue lands)."""

import sys


def main() -> int:
    """Run the service."""
    print("sieve-interceptor: not built yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
