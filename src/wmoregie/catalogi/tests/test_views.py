from django.urls import reverse


def test_the_catalogue_is_public_and_grouped_by_lot(client, catalogus):
    response = client.get(reverse("catalogi:catalogus"))
    assert response.status_code == 200
    html = response.content.decode()
    lots = [
        "Wmo begeleiding",
        "Beschermd wonen",
        "Begeleid wonen in een safehouse",
        "Respijtverblijf",
    ]
    # each lot heading comes before the products of the next one, in the lot order
    order = [html.index(f">{naam}</h2>") for naam in lots]
    assert order == sorted(order)
    assert html.index("Praktische begeleiding") < html.index(">Beschermd wonen</h2>")
    assert html.index(">Beschermd wonen</h2>") < html.index("Adempauzeplekken")
    assert "Taakgericht" in html


def test_a_product_page_shows_its_iwmo_codes_and_predecessor(client, catalogus):
    response = client.get(reverse("catalogi:product", args=["adempauzeplekken"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Adempauzeplekken</h1>" in html
    assert "Respijtverblijf/Time-out" in html
    assert "04 — Kortdurend verblijf" in html
    assert "14 — Etmaal" in html


def test_an_unknown_product_is_a_404(client, catalogus):
    assert client.get(reverse("catalogi:product", args=["bestaat-niet"])).status_code == 404


def test_the_mapping_table_groups_2026_products_under_their_2025_product(client, catalogus):
    html = client.get(reverse("catalogi:was-2025")).content.decode()
    assert 'rowspan="5">Begeleiding</th>' in html
    assert 'rowspan="2">Beschermd wonen</th>' in html
    assert html.count("<tr>") == 1 + 11


def test_the_municipalities_page_lists_codes_and_teams(client, catalogus):
    html = client.get(reverse("catalogi:gemeenten")).content.decode()
    assert "<code>0351</code>" in html
    assert "Gebiedsteam Amersfoort Noord" in html
