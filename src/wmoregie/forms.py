"""Form helpers shared by the modules."""

from django import forms
from django.core.exceptions import ValidationError


def pas_fout_toe(form: forms.Form, fout: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the field exists."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)
