import pytest


@pytest.mark.django_db
def test_home_page_names_the_region(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Regio Amersfoort" in response.content.decode()
