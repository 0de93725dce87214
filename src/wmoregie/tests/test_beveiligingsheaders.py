"""Every response carries a strict Content-Security-Policy and a Permissions-Policy (#14 A.6)."""

import re

from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import UserFactory


def _richtlijnen(response) -> dict[str, str]:
    csp = response["Content-Security-Policy"]
    return dict(deel.strip().split(" ", 1) for deel in csp.split(";"))


@pytest.mark.parametrize("pad", ["/", "/account/inloggen/", "/api/v1/docs/", "/gezondheid/"])
@pytest.mark.django_db
def test_every_response_has_a_strict_csp_and_a_permissions_policy(client, pad):
    response = client.get(pad)
    assert response.status_code == 200
    richtlijnen = _richtlijnen(response)
    assert richtlijnen["script-src"] == "'self'" and richtlijnen["style-src"] == "'self'"
    assert richtlijnen["object-src"] == "'none'" and richtlijnen["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_no_page_of_ours_has_an_inline_script_or_style(client):
    client.force_login(UserFactory(rol=Rol.INKOPER))
    for pad in ["/", "/account/inloggen/", "/api/v1/docs/", reverse("accounts:mijn-account")]:
        html = client.get(pad).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), pad
        assert "<style" not in html and " style=" not in html, pad
        assert not re.search(r"\son[a-z]+=", html), pad


@pytest.mark.django_db
def test_the_api_docs_start_script_is_a_file_of_its_own(client):
    html = client.get("/api/v1/docs/").content.decode()
    script = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    response = client.get(script)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
