"""Entry point of sieve-detector (placeholder until the detector issue lands)."""

import sys


def main() -> int:
    """Run the service."""
    print("sieve-detector: not built yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
