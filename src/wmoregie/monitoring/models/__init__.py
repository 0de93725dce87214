"""Configurable figures of the monitoring: inhabitants, the consortium's reported spend and the
disclosure settings of the CBS-comparable tables."""

from .cijfers import Bestedingsopgave, Cijferinstelling, Inwonertal

__all__ = ["Bestedingsopgave", "Cijferinstelling", "Inwonertal"]
