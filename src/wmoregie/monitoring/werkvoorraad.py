"""The worklist of monitoring (``wmoregie.werkvoorraad``): the steering cycle's signals."""

from .sturing.werkvoorraad import werkvoorraad

__all__ = ["werkvoorraad"]
