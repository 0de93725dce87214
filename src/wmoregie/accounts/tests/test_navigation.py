import pytest

from wmoregie.accounts.navigation import entries, items_for

from .factories import UserFactory


def test_every_navigation_entry_resolves_to_a_page_with_declared_access():
    from django.urls import resolve, reverse

    from wmoregie.accounts.access import declared_access_of

    assert ("Catalogus", "catalogi:catalogus") in entries()
    for _label, url_name in entries():
        assert declared_access_of(resolve(reverse(url_name)).func) is not None, url_name


@pytest.mark.django_db
def test_the_navigation_marks_the_current_module():
    items = items_for(UserFactory(), "/catalogus/producten/x/")
    catalogus = next(item for item in items if item["label"] == "Catalogus")
    assert catalogus["actief"] is True
