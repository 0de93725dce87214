"""De kluis: submissions stay encrypted at rest (envelope encryption, ``sleutels``)."""
