"""Entry point of sieve-collector (placeholder until the collector issue lands)."""

import sys


def main() -> int:
    """Run the service."""
    print("sieve-collector: not built yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
