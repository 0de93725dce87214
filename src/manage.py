#!/usr/bin/env python
"""Django's command-line utility for wmoregie. Defaults to the development settings."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
