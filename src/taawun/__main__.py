import sys

from taawun.cli import main

sys.exit(main())
