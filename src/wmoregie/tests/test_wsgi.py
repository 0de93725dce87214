"""The WSGI entry point moves the start-up objects out of the garbage collector's reach (#14 B)."""

import gc
import importlib
import sys


def test_loading_the_wsgi_application_freezes_what_start_up_made():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    sys.modules.pop("wmoregie.wsgi", None)
    try:
        wsgi = importlib.import_module("wmoregie.wsgi")

        assert callable(wsgi.application)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
