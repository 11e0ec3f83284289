"""gunicorn settings for the web container (and for the load benchmark)."""

import os
import sys
from pathlib import Path

# gunicorn reads this file before it changes into the app directory.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.logging import gunicorn_logging  # noqa: E402

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so slow leaks cannot grow a worker without bound; rarely enough
# that the restart (a cold cache) does not show in the latency figures.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = 1000
# Import Django once in the master: workers start fast and share the code pages.
preload_app = True
# Heartbeat files on a memory filesystem: a slow disk must not make the master kill workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the proxy in front of us may tell us the scheme and client address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log without client address, query string, referrer or user agent: config/logging.py
# picks method, path, status, size and duration out of each request.
accesslog = "-"
logconfig_dict = gunicorn_logging(os.environ.get("LOG_LEVEL", "INFO"))

# No runtime control socket: the container is managed by restarting it, and $HOME is read-only.
control_socket_disable = True


def pre_fork(server, worker):
    """Runs in the master, after the preloaded app is imported, before each worker forks.

    The app's objects live as long as the worker: frozen, the garbage collector no longer
    scans them on every full collection (about 0.4 ms per request on average before), and
    workers keep sharing their memory pages with the master.
    """
    import gc

    gc.freeze()
