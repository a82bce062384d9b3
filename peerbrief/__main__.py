"""``python -m peerbrief``: the same command as ``peerbrief``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
