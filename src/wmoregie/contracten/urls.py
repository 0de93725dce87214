"""Pages of the contracten module."""

app_name = "contracten"

urlpatterns: list = []
