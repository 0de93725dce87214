"""Demo data of monitoring (called by ``wmoregie.demo.laad_demo``)."""

from .sturing.demo import laad_demo

__all__ = ["laad_demo"]
