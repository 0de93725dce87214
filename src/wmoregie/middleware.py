"""Response headers that limit what a page may load and use (#14 A.6).

The Content-Security-Policy allows scripts, styles, fonts and connections from this origin only:
no inline script or style, no ``eval``, no plugin, no framing, forms posting only here. The
Permissions-Policy switches off the browser features no page of wmoregie uses. Django's
SecurityMiddleware sets the other headers (HSTS, nosniff, Referrer-Policy); X-Frame-Options
comes from the clickjacking middleware.
"""

from django.conf import settings

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class BeveiligingsheadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = getattr(settings, "WMOREGIE_CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class MethodeNietToegestaanMiddleware:
    """A page for the 405 of a view that only takes a POST (a button's address opened as a
    link): Django answers it with an empty body, which a browser shows as a blank page. The API
    keeps its own answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        from django.shortcuts import render

        pagina = render(request, "405.html", status=405)
        if "Allow" in response.headers:
            pagina.headers["Allow"] = response.headers["Allow"]
        return pagina
