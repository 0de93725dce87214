"""EU notices of a procedure in eForms (UBL 2.3, eForms SDK 1.15): the contract notice of the
light regime at publication (subtype 20, ``cn-social``) and the contract award notice of the
light regime after the definitive award (subtype 33, ``can-social``).

``gegevens`` gathers what the notices say from the procedure, the catalogue and the agreement
(and lists what is missing), ``xml`` writes them, ``services`` hands out versions. See
``docs/aanbesteding.md`` §12 for which data feed which business term (BT-…).
"""
