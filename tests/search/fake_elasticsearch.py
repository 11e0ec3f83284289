"""A tiny local HTTP server that answers the way an Elasticsearch node does in one situation.

For fault tests only: an 8.x node that refuses `compatible-with=9`, a proxy that answers 200
with another body, a busy cluster that rejects bulk items with 429, a swap that answers too
late. The real client talks to it over a socket, so everything of ours (client options,
transport, helpers) runs as it does in production. It keeps just enough state for the index
lifecycle (indexes, one alias); it never ranks or filters: tests that claim ranking, parity or
a working mapping run against a real server (test_elasticsearch_integration.py).
"""

from __future__ import annotations

import json
import re
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

_COMPATIBLE_WITH = re.compile(r"compatible-with=(\d+)")


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body) if self.body else None

    def ndjson(self) -> list:
        return [json.loads(line) for line in self.body.decode().splitlines() if line.strip()]


@dataclass
class FakeElasticsearch:
    version: str = "9.1.5"
    # Answers by (method, path regex); a handler returns (status, body) or None to fall through.
    handlers: list = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    indices: dict[str, dict] = field(default_factory=dict)  # name -> GET /<index> answer
    aliases: dict[str, set[str]] = field(default_factory=dict)  # alias -> index names
    documents: dict[str, dict] = field(default_factory=dict)  # index -> {id: source}

    def on(self, method: str, pattern: str, handler) -> None:
        self.handlers.insert(0, (method, re.compile(pattern), handler))

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def accepts(self, headers: dict[str, str]) -> bool:
        """A node accepts REST compatibility with its own major and the one before."""
        asked = {
            int(match.group(1))
            for name in ("accept", "content-type")
            for match in [_COMPATIBLE_WITH.search(headers.get(name, ""))]
            if match
        }
        return asked <= {self.major - 1, self.major}

    def paths(self, method: str | None = None) -> list[str]:
        return [r.path for r in self.requests if method is None or r.method == method]

    # Default answers: the index lifecycle -------------------------------------------------

    def answer(self, request: Request):
        for method, pattern, handler in self.handlers:
            if method == request.method and pattern.fullmatch(request.path):
                answered = handler(request)
                if answered is not None:
                    return answered
        return self.lifecycle(request)

    def lifecycle(self, request: Request):  # noqa: PLR0911 (one branch per API)
        method, path = request.method, request.path
        parts = [unquote(part) for part in path.strip("/").split("/") if part]
        if method == "GET" and not parts:
            return 200, {
                "name": "fake",
                "cluster_name": "fake",
                "version": {"number": self.version},
                "tagline": "You Know, for Search",
            }
        if method == "POST" and parts == ["_aliases"]:
            for action in request.json()["actions"]:
                ((kind, target),) = action.items()
                if kind == "add":
                    self.aliases.setdefault(target["alias"], set()).add(target["index"])
                elif kind == "remove":
                    self.aliases.get(target["alias"], set()).discard(target["index"])
                elif kind == "remove_index":
                    self.indices.pop(target["index"], None)
            return 200, {"acknowledged": True}
        if method == "GET" and len(parts) == 2 and parts[0] == "_alias":
            behind = self.aliases.get(parts[1]) or set()
            if not behind:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {name: {"aliases": {parts[1]: {}}} for name in behind}
        if method == "HEAD" and len(parts) == 1:
            return (200 if parts[0] in self.indices else 404), None
        if method == "PUT" and len(parts) == 1:
            body = request.json() or {}
            self.indices[parts[0]] = {
                "aliases": {},
                "mappings": body.get("mappings", {}),
                "settings": {"index": body.get("settings", {})},
            }
            return 200, {"acknowledged": True, "index": parts[0]}
        if method == "DELETE" and len(parts) == 1:
            for name in parts[0].split(","):
                self.indices.pop(name, None)
            return 200, {"acknowledged": True}
        if method == "GET" and len(parts) == 1:
            names = self.aliases.get(parts[0]) or ({parts[0]} & self.indices.keys())
            if not names:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
            return 200, {name: self.indices[name] for name in names}
        if method in ("POST", "PUT") and len(parts) == 2 and parts[1] == "_bulk":
            return 200, self.bulk(parts[0], request.ndjson())
        if method == "POST" and len(parts) == 2 and parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if method in ("GET", "POST") and len(parts) == 2 and parts[1] == "_count":
            return 200, {"count": self.count(parts[0])}
        if method in ("GET", "POST") and len(parts) == 2 and parts[1] == "_search":
            return 200, self.empty_hits()
        return 404, {"error": f"the fake has no answer for {method} {path}", "status": 404}

    def bulk(self, index: str, lines: list) -> dict:
        items, position = [], 0
        while position < len(lines):
            ((action, meta),) = lines[position].items()
            stored = self.documents.setdefault(index, {})
            if action == "delete":
                stored.pop(meta["_id"], None)
                position += 1
            else:
                stored[meta["_id"]] = lines[position + 1]
                position += 2
            items.append({action: {"_index": index, "_id": meta["_id"], "status": 200}})
        return {"took": 1, "errors": False, "items": items}

    def count(self, index: str) -> int:
        names = self.aliases.get(index) or {index}
        return sum(len(self.documents.get(name, {})) for name in names)

    @staticmethod
    def empty_hits() -> dict:
        return {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
            "aggregations": {},
        }

    # Serving ------------------------------------------------------------------------------

    def serve(self, tls: ssl.SSLContext | None = None) -> str:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet test output
                pass

            def handle_any(self):
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    method=self.command,
                    path=url.path,
                    query=url.query,
                    headers={name.lower(): value for name, value in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                fake.requests.append(request)
                if not fake.accepts(request.headers):
                    status, body = 400, media_type_error(request.headers)
                else:
                    status, body = fake.answer(request)
                self.respond(status, body, request)

            def respond(self, status, body, request):
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                asked = _COMPATIBLE_WITH.search(request.headers.get("accept", ""))
                if asked:
                    self.send_header(
                        "Content-Type",
                        f"application/vnd.elasticsearch+json;compatible-with={asked.group(1)}",
                    )
                else:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if request.method != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        scheme = "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"{scheme}://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def media_type_error(headers: dict[str, str]) -> dict:
    """What an Elasticsearch node answers to a compatibility version it does not support."""
    reason = "Invalid media-type value on headers [Accept, Content-Type]"
    return {
        "error": {
            "root_cause": [{"type": "media_type_header_exception", "reason": reason}],
            "type": "media_type_header_exception",
            "reason": reason,
            "caused_by": {
                "type": "status_exception",
                "reason": "A compatible version is required on both Content-Type and Accept "
                f"headers ... Accept={headers.get('accept')}, "
                f"Content-Type={headers.get('content-type')}",
            },
        },
        "status": 400,
    }


def slow(seconds: float, answer):
    """A handler that does its work at once and answers after `seconds` (the client may have
    given up by then, as a real client does while the cluster carries on)."""

    def handler(request):
        answered = answer(request) if callable(answer) else answer
        time.sleep(seconds)
        return answered

    return handler
