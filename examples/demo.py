"""``make demo``: the library's main jobs end to end, offline, on the CPU."""

from __future__ import annotations

import streaming_loop
import titanic


def main() -> None:
    """Run each example in turn."""
    titanic.main()
    print()
    streaming_loop.main()


if __name__ == "__main__":
    main()
