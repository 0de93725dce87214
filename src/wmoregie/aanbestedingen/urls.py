"""Pages of the aanbestedingen module."""

app_name = "aanbestedingen"

urlpatterns: list = []
