from django.shortcuts import get_object_or_404, render

from wmoregie.accounts.access import PUBLIC, declare_access

from .models import Product
from .selectors import gemeenten_met_gebiedsteams, percelen_met_producten, producten_per_was_2025


@declare_access(PUBLIC)
def catalogus(request):
    return render(request, "catalogi/catalogus.html", {"percelen": percelen_met_producten()})


@declare_access(PUBLIC)
def product_detail(request, code: str):
    product = get_object_or_404(Product.objects.select_related("perceel"), code=code)
    return render(request, "catalogi/product_detail.html", {"product": product})


@declare_access(PUBLIC)
def was_2025(request):
    return render(request, "catalogi/was_2025.html", {"groepen": producten_per_was_2025()})


@declare_access(PUBLIC)
def gemeenten(request):
    return render(request, "catalogi/gemeenten.html", {"gemeenten": gemeenten_met_gebiedsteams()})
