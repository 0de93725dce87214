from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

import pytest
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from wmoregie.accounts.access import PUBLIC, SIGNED_IN, declare_access, roles
from wmoregie.accounts.constants import Rol

from .factories import UserFactory


@declare_access(roles(Rol.CONTRACTMANAGER, Rol.BACKOFFICE))
def _contract_page(request):
    return HttpResponse("contracten")


class _ClientApi(APIView):
    access = roles(Rol.GEMEENTE_MEDEWERKER)

    def get(self, request):
        return HttpResponse("client")


class _UndeclaredApi(APIView):
    def get(self, request):
        return HttpResponse("open?")


def _request(user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/contracten/")
    request.user = user or AnonymousUser()
    return request


@pytest.mark.django_db
def test_a_visitor_is_sent_to_the_login_page():
    response = _contract_page(_request())
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=/contracten/")


@pytest.mark.django_db
def test_a_user_with_another_role_is_refused():
    with pytest.raises(PermissionDenied):
        _contract_page(_request(UserFactory(rol=Rol.INSCHRIJVER)))


@pytest.mark.django_db
def test_a_user_with_the_role_gets_the_page():
    assert _contract_page(_request(UserFactory(rol=Rol.BACKOFFICE))).status_code == 200


@pytest.mark.django_db
def test_an_inactive_user_has_no_roles():
    gebruiker = UserFactory(rol=Rol.CONTRACTMANAGER, is_active=False)
    assert gebruiker.rollen() == set()


@pytest.mark.django_db
def test_api_access_follows_the_declared_roles():
    factory = APIRequestFactory()
    view = _ClientApi.as_view()
    request = factory.get("/")
    assert view(request).status_code == 401  # no credentials: asked to authenticate

    from rest_framework.test import force_authenticate

    request = factory.get("/")
    force_authenticate(request, UserFactory(rol=Rol.GEMEENTE_MEDEWERKER))
    assert view(request).status_code == 200

    request = factory.get("/")
    force_authenticate(request, UserFactory(rol=Rol.ONDERAANNEMER_MEDEWERKER))
    assert view(request).status_code == 403


@pytest.mark.django_db
def test_an_api_view_that_declares_nothing_is_closed_even_to_superusers():
    factory = APIRequestFactory()
    request = factory.get("/")
    from rest_framework.test import force_authenticate

    force_authenticate(request, UserFactory(is_superuser=True, is_staff=True))
    assert _UndeclaredApi.as_view()(request).status_code == 403


def test_unknown_roles_are_a_programming_error():
    with pytest.raises(ValueError, match="unknown roles"):
        roles("koning")


@pytest.mark.django_db
def test_public_and_signed_in_access():
    from django.contrib.auth.models import AnonymousUser

    assert PUBLIC.allows(AnonymousUser())
    assert not SIGNED_IN.allows(AnonymousUser())
    assert SIGNED_IN.allows(UserFactory())
