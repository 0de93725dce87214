"""Pages of the contracten module."""

from django.urls import path

from . import views

app_name = "contracten"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("overeenkomsten/nieuw/", views.overeenkomst_nieuw, name="overeenkomst-nieuw"),
    path("overeenkomsten/<int:pk>/", views.overeenkomst_detail, name="overeenkomst"),
    path("overeenkomsten/<int:pk>/status/", views.overeenkomst_status, name="overeenkomst-status"),
    path(
        "overeenkomsten/<int:pk>/contactpersoon/",
        views.overeenkomst_contactpersoon,
        name="overeenkomst-contactpersoon",
    ),
    path(
        "overeenkomsten/<int:pk>/verlengingen/<int:volgnummer>/benutten/",
        views.verlengingsoptie_benutten,
        name="verlengingsoptie-benutten",
    ),
    path("overeenkomsten/<int:pk>/budget/nieuw/", views.budget_nieuw, name="budget-nieuw"),
    path(
        "overeenkomsten/<int:pk>/prijsbladen/nieuw/", views.prijsblad_nieuw, name="prijsblad-nieuw"
    ),
    path("overeenkomsten/<int:pk>/onderaannemers/", views.onderaannemers, name="onderaannemers"),
    path(
        "overeenkomsten/<int:pk>/onderaannemers.xlsx",
        views.onderaannemers_xlsx,
        name="onderaannemers-xlsx",
    ),
    path(
        "overeenkomsten/<int:pk>/onderaannemers/nieuw/",
        views.onderaannemer_nieuw,
        name="onderaannemer-nieuw",
    ),
    path("overeenkomsten/<int:pk>/tarieven/", views.tarieven, name="tarieven"),
    path("overeenkomsten/<int:pk>/tarieven/nieuw/", views.tarief_nieuw, name="tarief-nieuw"),
    path(
        "overeenkomsten/<int:pk>/tarieven/indexeren/",
        views.tarieven_indexeren,
        name="tarieven-indexeren",
    ),
    path("overeenkomsten/<int:pk>/tarieven.xlsx", views.tarieven_xlsx, name="tarieven-xlsx"),
    path("budgetten/<int:pk>/", views.budget_detail, name="budget"),
    path("budgetten/<int:pk>/indexeren/", views.budget_indexeren, name="budget-indexeren"),
    path("budgetten/<int:pk>/betaling/", views.budget_betaling, name="budget-betaling"),
    path("prijsbladen/<int:pk>/", views.prijsblad_detail, name="prijsblad"),
    path(
        "prijsbladen/<int:pk>/publiceren/", views.prijsblad_publiceren, name="prijsblad-publiceren"
    ),
    path("prijsbladen/<int:pk>/prijsblad.pdf", views.prijsblad_pdf, name="prijsblad-pdf"),
    path("prijsbladen/<int:pk>/prijsblad.xlsx", views.prijsblad_xlsx, name="prijsblad-xlsx"),
    path("onderaannemers/<int:pk>/", views.onderaannemer_detail, name="onderaannemer"),
    path(
        "onderaannemers/<int:pk>/toestemming/",
        views.onderaannemer_toestemming,
        name="onderaannemer-toestemming",
    ),
    path(
        "onderaannemers/<int:pk>/beeindigen/",
        views.onderaannemer_beeindigen,
        name="onderaannemer-beeindigen",
    ),
    path("onderaannemers/<int:pk>/documenten/nieuw/", views.document_nieuw, name="document-nieuw"),
    path("documenten/<int:pk>/document.pdf", views.document_bestand, name="document-bestand"),
    path(
        "onderaannemers/<int:pk>/contracten/nieuw/",
        views.onderaanneemcontract_nieuw,
        name="onderaanneemcontract-nieuw",
    ),
    path(
        "onderaanneemcontracten/<int:pk>/",
        views.onderaanneemcontract_detail,
        name="onderaanneemcontract",
    ),
    path(
        "onderaanneemcontracten/<int:pk>/contract.pdf",
        views.onderaanneemcontract_pdf,
        name="onderaanneemcontract-pdf",
    ),
]
