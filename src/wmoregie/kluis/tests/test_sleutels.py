"""Envelope encryption: a value opens only with its key and in its own context; rotation
rewraps the data key without touching the ciphertext."""

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest

from wmoregie.kluis import sleutels

A = "a:" + sleutels.nieuwe_sleutel()
B = "b:" + sleutels.nieuwe_sleutel()


@override_settings(WMOREGIE_KLUIS_SLEUTELS=A)
def test_a_value_round_trips_and_each_value_has_its_own_data_key():
    eerste = sleutels.versleutel(b"geheim", "veld")
    tweede = sleutels.versleutel(b"geheim", "veld")
    assert eerste != tweede and b"geheim" not in eerste
    assert sleutels.ontsleutel(eerste, "veld") == b"geheim"
    assert sleutels.sleutel_id_van(eerste) == "a"


@override_settings(WMOREGIE_KLUIS_SLEUTELS=A)
def test_a_changed_byte_another_context_or_a_cut_value_is_refused():
    blob = bytearray(sleutels.versleutel(b"geheim", "veld"))
    with pytest.raises(sleutels.KluisFout):
        sleutels.ontsleutel(bytes(blob), "ander veld")
    blob[-1] ^= 1
    with pytest.raises(sleutels.KluisFout):
        sleutels.ontsleutel(bytes(blob), "veld")
    with pytest.raises(sleutels.KluisFout):
        sleutels.ontsleutel(bytes(blob[:20]), "veld")
    with pytest.raises(sleutels.KluisFout):
        sleutels.ontsleutel(b"platte tekst", "veld")


def test_rotation_rewraps_with_the_first_key_and_the_old_key_can_go():
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=A):
        blob = sleutels.versleutel(b"geheim", "veld")
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=f"{B},{A}"):
        nieuw = sleutels.herverpak(blob)
        assert sleutels.sleutel_id_van(nieuw) == "b"
        assert nieuw[-22:] == blob[-22:]  # the ciphertext itself is unchanged
        assert sleutels.herverpak(nieuw) == nieuw
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=B):
        assert sleutels.ontsleutel(nieuw, "veld") == b"geheim"
        with pytest.raises(sleutels.KluisFout, match="ontbreekt"):
            sleutels.ontsleutel(blob, "veld")


@pytest.mark.parametrize(
    "ring",
    ["", "zonder-dubbele-punt", "a:niet*base64", "a:" + "QUJD", f"{A},{A}", "x" * 41 + ":" + A[2:]],
    # Stable names: the keys are random, and parallel workers must collect the same tests.
    ids=["leeg", "zonder-dubbele-punt", "geen-base64", "te-kort", "dubbel-id", "id-te-lang"],
)
def test_a_bad_key_ring_stops_with_a_clear_message(ring):
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=ring), pytest.raises(ImproperlyConfigured):
        sleutels.sleutelring()
