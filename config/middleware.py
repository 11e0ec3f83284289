"""Response headers that Django 5.2 does not set itself, and the request rate limit."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from config import ratelimit


def tile_origin(tile_url: str) -> str:
    """The origin of the map tile server, for img-src. Empty when tiles come from our own site."""
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.netloc
    # Leaflet's {s} placeholder spreads requests over subdomains a, b and c.
    if "{s}" in tile_url:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


@lru_cache(maxsize=4)
def public_policy(tile_url: str) -> str:
    """The Content-Security-Policy for every visitor-facing page: no inline script or style."""
    image_sources = " ".join(filter(None, ["'self'", "data:", tile_origin(tile_url)]))
    return "; ".join(
        [
            "default-src 'self'",
            f"img-src {image_sources}",
            "script-src 'self'",
            "style-src 'self'",
            "connect-src 'self'",
            "font-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


# Wagtail's admin still writes inline scripts and style attributes (Draftail, Stimulus controller
# values, the page preview), so it cannot live under the public policy. It keeps every other
# restriction: only our own origin for scripts, styles, frames and form targets. The admin is only
# reachable after login, and login is throttled by django-axes.
ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "connect-src 'self'",
        "font-src 'self' data:",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)

# Geolocation stays available to our own pages, so a "use my location" button can work without
# typing a postcode; every other powerful feature is off for us and any embedded frame.
PERMISSIONS_POLICY = ", ".join(
    [
        "geolocation=(self)",
        "camera=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "bluetooth=()",
        "magnetometer=()",
        "gyroscope=()",
        "accelerometer=()",
        "display-capture=()",
        "browsing-topics=()",
    ]
)


def is_admin_path(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.CSP_ADMIN_PATH_PREFIXES)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response.

    Referrer-Policy, X-Content-Type-Options, HSTS and Cross-Origin-Opener-Policy come from
    Django's SecurityMiddleware, configured in settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_admin_path(request.path):
            policy = ADMIN_POLICY
        else:
            policy = public_policy(settings.MAP_TILE_URL)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RateLimitMiddleware:
    """Answers 429 with a Dutch page once a client passes settings.RATE_LIMITS for a path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = ratelimit.limit_for_path(request.path)
        if limit is not None and ratelimit.hit(request, limit) > limit.requests:
            return ratelimit.too_many_requests(
                request, wait_seconds=ratelimit.retry_after(limit), reason="requests"
            )
        return self.get_response(request)


class DutchFirstMiddleware:
    """Serve Dutch unless the visitor chose English with the language switch.

    Many people in the Netherlands run an English-language browser; the site's language follows
    their own choice (the language cookie), not the browser's Accept-Language header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
