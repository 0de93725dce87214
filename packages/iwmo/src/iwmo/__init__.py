"""iWmo 3.2 messages in plain Python: build, parse, validate (layers 1-3) and answer with a retour.

The package has no web framework in it: ``lxml`` is its only runtime dependency. See the README
of the distribution for the entry points.
"""

__version__ = "0.1.0"
