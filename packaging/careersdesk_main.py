"""Entry point of the frozen (PyInstaller) app: the same main() that `careersdesk` runs."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
