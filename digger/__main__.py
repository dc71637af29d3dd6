"""Entry point of sieve-digger (placeholder until the digger issue lands)."""

import sys


def main() -> int:
    """Run the service."""
    print("sieve-digger: not built yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
