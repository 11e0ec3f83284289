"""The container's HEALTHCHECK: /healthz must answer 200 (the database is reachable)."""

import os
import sys
import urllib.request

port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz",
    # Looks like the TLS proxy's request, so SECURE_SSL_REDIRECT does not answer with a redirect.
    headers={"Host": "localhost", "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:  # any failure means unhealthy; say why in `docker inspect`
    print(f"healthz failed: {error}", file=sys.stderr)
    sys.exit(1)
