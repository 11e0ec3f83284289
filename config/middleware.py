"""Response headers that Django 5.2 does not set itself, and the request rate limit.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY); this module
only gives Wagtail's admin its own policy and adds the Permissions-Policy.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from config import ratelimit

# No page asks for the visitor's location (a place or postcode is typed), so geolocation is off
# like every other powerful feature, for us and any embedded frame.
PERMISSIONS_POLICY = ", ".join(
    [
        "geolocation=()",
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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under CSP_ADMIN_PATH_PREFIXES."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header, which neither Django nor django-csp sets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
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
