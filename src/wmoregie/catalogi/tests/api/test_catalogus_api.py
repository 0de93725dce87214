def test_products_can_be_read_without_login(client, catalogus):
    response = client.get("/api/v1/catalogi/producten/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 11
    product = next(p for p in data["results"] if p["code"] == "respijtverblijf")
    assert product == {
        "code": "respijtverblijf",
        "naam": "Respijtverblijf",
        "omschrijving": product["omschrijving"],
        "was_2025": "Respijtverblijf",
        "perceel": "respijtverblijf",
        "productcategorie": "04",
        "productcode": "RAR01",
        "eenheid": "14",
        "volgorde": 1,
    }


def test_a_gemeente_is_found_by_its_cbs_code(client, catalogus):
    response = client.get("/api/v1/catalogi/gemeenten/0307/")
    assert response.status_code == 200
    assert response.json()["naam"] == "Amersfoort"


def test_the_catalogue_api_is_read_only(client, catalogus, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="x-geheim-123456")
    client.force_login(admin)
    response = client.post("/api/v1/catalogi/gemeenten/", {"code": "0344", "naam": "Utrecht"})
    assert response.status_code == 405
