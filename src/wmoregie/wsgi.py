import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.production")

application = get_wsgi_application()

# Everything loaded at start-up (modules, settings, URL patterns, templates' code) lives as long
# as the process: move it out of the collector's generations, so the garbage collections during
# requests no longer walk it over and over (less CPU per request, #14 B). Each gunicorn worker
# loads this module itself, after its fork.
gc.freeze()
