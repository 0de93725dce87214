"""``@model``: a kw-only dataclass whose ``__init__``, ``__repr__`` and ``__eq__`` are made at
their first use, and then are what ``@dataclass(kw_only=True)`` makes."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from datetime import date

import pytest

from iwmo.berichten.basis import Basistype, BerichtIdentificatie, Header, XsdVersie, model
from iwmo.berichten.mapping import element


def _klasse(decorator):
    class Voorbeeld(Basistype):
        """A model of a test."""

        code: str = element("Code")
        aantal: int | None = element("Aantal", optioneel=True)
        regels: list[str] = element("Regels", lijst="Regel", optioneel=True)
        versie: XsdVersie = element("XsdVersie", default_factory=XsdVersie)

    return decorator(Voorbeeld)


def test_a_model_behaves_as_the_eager_dataclass():
    lui, gewoon = _klasse(model), _klasse(dataclasses.dataclass(kw_only=True))
    assert not inspect.isfunction(lui.__dict__["__init__"])  # not made yet

    a, b = lui(code="01"), gewoon(code="01")
    assert repr(a) == repr(b)
    assert repr(a).endswith(
        f".Voorbeeld(code='01', aantal=None, regels=[], versie={XsdVersie()!r})"
    )
    assert a == lui(code="01") and a != lui(code="02") and a != b  # another class
    assert a.regels is not lui(code="01").regels  # the factory per instance
    assert inspect.isfunction(lui.__dict__["__init__"])  # made, and in place of the descriptor
    assert str(inspect.signature(lui)) == str(inspect.signature(gewoon))
    assert repr(lui.__dataclass_params__) == repr(gewoon.__dataclass_params__)
    assert lui.__match_args__ == gewoon.__match_args__ == ()
    assert lui.__hash__ is None and gewoon.__hash__ is None
    assert lui.__doc__ == gewoon.__doc__ == "A model of a test."
    assert [f.name for f in dataclasses.fields(lui)] == ["code", "aantal", "regels", "versie"]
    assert dataclasses.replace(a, aantal=3) == lui(code="01", aantal=3)
    with pytest.raises(TypeError):
        lui("01")  # keyword-only, as before
    with pytest.raises(TypeError):
        lui()  # the required field


def test_eq_and_repr_first_work_before_init_was_made():
    lui = _klasse(model)
    a = object.__new__(lui)  # as a compiled reader makes it
    a.code, a.aantal, a.regels, a.versie = "01", None, [], XsdVersie()
    assert repr(a).endswith(
        f".Voorbeeld(code='01', aantal=None, regels=[], versie={XsdVersie()!r})"
    )
    assert a == lui(code="01")


def test_the_message_models_pickle_and_compare():
    header = Header(
        bericht_code="414",
        afzender="0307",
        ontvanger="87000000",
        bericht_identificatie=BerichtIdentificatie(identificatie="1", dagtekening=date(2026, 1, 5)),
    )
    kopie = pickle.loads(pickle.dumps(header))  # noqa: S301 - our own bytes
    assert kopie == header and kopie is not header
    assert kopie != dataclasses.replace(header, afzender="0310")
