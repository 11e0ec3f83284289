"""Load generator for Woonvinder: a mix of visitors against a running server.

    .venv/bin/python benchmarks/load.py --base-url http://127.0.0.1:8000 --duration 60 --clients 8

Each virtual visitor loops over the mix: the home page, a content page, the questionnaire (start
page, then one step answered and posted with its own session), a results page with varied search
criteria, and a residence detail page found on a results page. At the end it prints requests per
second, p50/p95/p99 latency and errors, per kind and in total, and the resident memory of the
gunicorn workers serving the site (read from /proc, so run it on the server's machine).

Standard library only, so it runs with any Python 3.11. It only targets this machine unless told
otherwise (--allow-remote), and it stops by itself after --duration seconds.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
REQUEST_TIMEOUT_SECONDS = 30

# Search criteria, with the URL names of search/criteria.py (Criteria.to_pairs).
PLACES = [
    "Rotterdam",
    "Schiedam",
    "Vlaardingen",
    "Capelle aan den IJssel",
    "Spijkenisse",
    "Barendrecht",
    "Ridderkerk",
    "Maassluis",
    "3011",
    "3022",
    "3117",
]
DISTANCES_KM = [5, 10, 15, 25, 50]
MUST_CODES = {
    "doelgroep": ["vg", "lvb", "lg", "vv-som"],
    "zorgprofiel": ["VV04", "VV05", "VV06", "VG03", "VG06"],
    "financiering": ["zin", "vpt", "pgb"],
    "voorziening": ["tuin", "rolstoel", "eigen-badkamer"],
}
WISH_CODES = {
    "voorziening": ["tuin", "huisdieren", "eigen-keuken", "eigen-badkamer", "rolstoel"],
    "omgeving": ["rustig", "levendig", "stad", "dorp", "winkels", "ov"],
}
SORTS = ["", "", "afstand", "beschikbaarheid"]


def search_query(rng: random.Random) -> str:
    """One varied, valid results-page query string."""
    pairs: list[tuple[str, str]] = []
    if rng.random() < 0.8:
        pairs.append(("plaats", rng.choice(PLACES)))
        pairs.append(("afstand", str(rng.choice(DISTANCES_KM))))
    for url_name in rng.sample(sorted(MUST_CODES), k=rng.randint(0, 2)):
        pairs.append((url_name, rng.choice(MUST_CODES[url_name])))
    for _ in range(rng.randint(0, 4)):
        url_name = rng.choice(sorted(WISH_CODES))
        pairs.append(("wens", f"{url_name}:{rng.choice(WISH_CODES[url_name])}:{rng.randint(1, 3)}"))
    if rng.random() < 0.3:
        pairs.append(("leeftijd", str(rng.randint(18, 95))))
    sort = rng.choice(SORTS)
    if sort:
        pairs.append(("sorteer", sort))
    if rng.random() < 0.15:
        pairs.append(("pagina", "2"))
    return urlencode(pairs)


# HTTP -----------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    body: str
    location: str = ""
    cookies: dict[str, str] = field(default_factory=dict)


class Visitor:
    """One browser: its own cookies (sent whatever their Secure flag; the proxy is ours)."""

    def __init__(self, base_url: str, forwarded_proto: str):
        parts = urlsplit(base_url)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.netloc = parts.netloc
        self.forwarded_proto = forwarded_proto
        self.cookies: dict[str, str] = {}
        # Residence links on the last results page this visitor saw (with its search).
        self.detail_links: list[str] = []

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        connection_class = (
            http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        headers = {"Accept": "text/html", "Accept-Language": "nl", "Host": self.netloc}
        if self.forwarded_proto:
            headers["X-Forwarded-Proto"] = self.forwarded_proto
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            origin = f"{self.forwarded_proto or self.scheme}://{self.netloc}"
            headers["Referer"] = origin + path
            headers["Origin"] = origin
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
            for header in raw.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value and "max-age=0" not in rest.lower():
                    self.cookies[name.strip()] = value
                else:
                    self.cookies.pop(name.strip(), None)
            return Response(raw.status, text, raw.headers.get("Location", ""))
        finally:
            connection.close()


# Pages and forms ------------------------------------------------------------------------------


class FormReader(HTMLParser):
    """Reads a page's first POST form that `wanted(action)` accepts, and answers it the way a
    plausible visitor would: the first option of each question, hidden fields as they are."""

    def __init__(self, wanted=lambda action: True):
        super().__init__()
        self.wanted = wanted
        self.action: str | None = None
        self.fields: dict[str, list[str]] = {}
        self.choices: dict[str, str] = {}
        self.in_form = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and not self.done:
            action = attributes.get("action") or ""
            is_post = (attributes.get("method") or "").lower() == "post"
            if is_post and self.wanted(action):
                self.in_form, self.action = True, action
            return
        if not self.in_form or tag not in {"input", "select", "textarea"}:
            return
        name = attributes.get("name")
        kind = (attributes.get("type") or "text").lower()
        if not name or kind in {"submit", "button"}:
            return
        if kind in {"radio", "checkbox"}:
            self.choices.setdefault(name, attributes.get("value", "on"))
        elif kind == "hidden":
            self.fields.setdefault(name, []).append(attributes.get("value", ""))
        elif kind == "number":
            self.fields.setdefault(name, []).append(attributes.get("min") or "70")
        elif tag == "input":
            self.fields.setdefault(name, []).append(attributes.get("value") or "Rotterdam")

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True

    def answers(self) -> dict[str, list[str]]:
        result = dict(self.fields)
        for name, value in self.choices.items():
            result.setdefault(name, []).append(value)
        return result


LINK = re.compile(r'<a\s[^>]*href="([^"#?]+)"')
DETAIL_LINK = re.compile(r'class="result-card__title"[^>]*>\s*<a href="([^"]+)"')


def detail_links(page: str) -> list[str]:
    """The residence links of a results page, as a browser would follow them."""
    return [html.unescape(link) for link in DETAIL_LINK.findall(page)]


def same_site_links(page: str) -> list[str]:
    links = []
    for href in LINK.findall(page):
        if href.startswith("/") and not href.startswith("//"):
            links.append(href)
    return links


@dataclass
class Catalogue:
    """URLs found before the clock starts, shared by every visitor."""

    content_pages: list[str]
    detail_pages: list[str]
    first_question: str | None

    @classmethod
    def discover(cls, base_url: str, forwarded_proto: str, rng: random.Random) -> Catalogue:
        visitor = Visitor(base_url, forwarded_proto)
        home = visitor.request("GET", "/")
        if home.status != 200:
            raise SystemExit(f"The home page answered {home.status}; is the server up?")
        skip = ("/zoeken", "/vragenlijst", "/admin", "/django-admin", "/static", "/media", "/i18n")
        links = same_site_links(home.body)
        content = sorted({link for link in links if link != "/" and not link.startswith(skip)})
        # The ranking explanation is an editorial page every installation has.
        content.append("/zoeken/zo-rangschikken-wij/")
        details: set[str] = set()
        for _ in range(12):
            results = visitor.request("GET", "/zoeken/?" + search_query(rng))
            details.update(detail_links(results.body))
        start = visitor.request("GET", "/vragenlijst/")
        questions = [link for link in same_site_links(start.body) if "/vragenlijst/vraag/" in link]
        return cls(content, sorted(details), questions[0] if questions else None)


# Running --------------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    seconds: float
    status: int  # 0 when no answer came


class Run:
    def __init__(self, arguments, catalogue: Catalogue):
        self.arguments = arguments
        self.catalogue = catalogue
        self.samples: list[Sample] = []
        self.lock = threading.Lock()
        self.deadline = 0.0

    def timed(self, kind: str, call) -> Response | None:
        start = time.perf_counter()
        try:
            response = call()
            status = response.status
        except (OSError, http.client.HTTPException):
            response, status = None, 0
        elapsed = time.perf_counter() - start
        with self.lock:
            self.samples.append(Sample(kind, elapsed, status))
        return response

    def visit(self, visitor: Visitor, rng: random.Random) -> None:
        kind = rng.choices(
            ["home", "content", "questionnaire", "results", "detail"],
            weights=self.arguments.mix,
        )[0]
        if kind == "home":
            self.timed("home", lambda: visitor.request("GET", "/"))
        elif kind == "content":
            pages = self.catalogue.content_pages or ["/"]
            self.timed("content", lambda: visitor.request("GET", rng.choice(pages)))
        elif kind == "questionnaire":
            self.questionnaire(visitor)
        elif kind == "results":
            query = search_query(rng)
            page = self.timed("results", lambda: visitor.request("GET", "/zoeken/?" + query))
            if page is not None and page.status == 200:
                visitor.detail_links = detail_links(page.body)
        else:
            pages = self.catalogue.detail_pages or ["/"]
            if self.arguments.details == "own" and visitor.detail_links:
                # As a visitor does: a residence from their own results, carrying their search.
                pages = visitor.detail_links
            self.timed("detail", lambda: visitor.request("GET", rng.choice(pages)))

    def questionnaire(self, visitor: Visitor) -> None:
        self.timed("questionnaire", lambda: visitor.request("GET", "/vragenlijst/"))
        question = self.catalogue.first_question
        if not question:
            return
        page = self.timed("questionnaire", lambda: visitor.request("GET", question))
        if page is None or page.status != 200:
            return
        # The question's own form, not the language switch in the header.
        reader = FormReader(wanted=lambda action: action in {"", question})
        reader.feed(page.body)
        if reader.action is None:
            return
        action = urljoin(question, reader.action or question)
        answer = self.timed(
            "questionnaire", lambda: visitor.request("POST", action, reader.answers())
        )
        if answer is not None and answer.status in {301, 302, 303} and answer.location:
            following = urlsplit(answer.location)
            path = following.path + (f"?{following.query}" if following.query else "")
            self.timed("questionnaire", lambda: visitor.request("GET", path))

    def client_loop(self, number: int) -> None:
        rng = random.Random(self.arguments.seed * 1000 + number)
        visitor = Visitor(self.arguments.base_url, self.arguments.forwarded_proto)
        while time.monotonic() < self.deadline:
            self.visit(visitor, rng)
            if len(visitor.cookies) > 20:
                visitor.cookies.clear()

    def execute(self) -> float:
        self.deadline = time.monotonic() + self.arguments.duration
        started = time.monotonic()
        threads = [
            threading.Thread(target=self.client_loop, args=(number,), daemon=True)
            for number in range(self.arguments.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.arguments.duration + REQUEST_TIMEOUT_SECONDS + 5)
        return time.monotonic() - started


# Reporting ------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def is_error(status: int) -> bool:
    return status == 0 or status >= 400


def summarise(samples: list[Sample], elapsed: float) -> list[dict]:
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        groups[sample.kind].append(sample)
    groups["total"] = list(samples)
    rows = []
    for kind, group in groups.items():
        times = [sample.seconds * 1000 for sample in group]
        rows.append(
            {
                "kind": kind,
                "requests": len(group),
                "per_second": round(len(group) / elapsed, 1) if elapsed else 0.0,
                "p50_ms": round(percentile(times, 0.50), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
                "p99_ms": round(percentile(times, 0.99), 1),
                "mean_ms": round(statistics.fmean(times), 1) if times else 0.0,
                "errors": sum(1 for sample in group if is_error(sample.status)),
                "rate_limited": sum(1 for sample in group if sample.status == 429),
            }
        )
    return rows


def process_files(name: str):
    """(pid, command line, text of /proc/PID/<name>) for every process that can be read."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{entry}/{name}") as handle:
                text = handle.read()
        except OSError:
            continue
        yield int(entry), command, text


def gunicorn_processes(match: str) -> dict[str, list[tuple[int, float]]]:
    """Resident memory (MB) of gunicorn's master and workers whose command line has `match`."""
    found: dict[int, tuple[int, float]] = {}
    for pid, command, text in process_files("status"):
        if "gunicorn" not in command or match not in command:
            continue
        status = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        rss_mb = int(status["VmRSS"].split()[0]) / 1024
        found[pid] = (int(status["PPid"].strip()), rss_mb)
    masters = [pid for pid, (parent, _) in found.items() if parent not in found]
    workers = [(pid, rss) for pid, (parent, rss) in found.items() if parent in found]
    return {
        "master": [(pid, found[pid][1]) for pid in masters],
        "workers": sorted(workers),
    }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(match: str, database: str) -> dict[int, float]:
    """CPU time used so far by each gunicorn process (and each PostgreSQL backend serving
    `database`), so the report can say what a request costs whatever else the machine runs."""
    used = {}
    for pid, command, text in process_files("stat"):
        is_gunicorn = "gunicorn" in command and match in command
        is_backend = (
            bool(database) and command.startswith("postgres: ") and (f" {database} " in command)
        )
        if not (is_gunicorn or is_backend):
            continue
        fields = text.rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the name).
        used[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return used


def cpu_used_between(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def print_report(rows: list[dict], memory: dict, arguments, elapsed: float) -> None:
    print(
        f"\nWoonvinder load: {arguments.base_url}, {arguments.clients} clients, "
        f"{elapsed:.0f} s, mix home/content/questionnaire/results/detail = "
        f"{'/'.join(str(weight) for weight in arguments.mix)}, residence pages from "
        f"{'each visitor’s own results' if arguments.details == 'own' else 'the catalogue'}\n"
    )
    header = f"{'kind':<14}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
    print(header + f"{'p99 ms':>9}{'errors':>8}{'429':>6}")
    for row in sorted(rows, key=lambda row: (row["kind"] == "total", row["kind"])):
        print(
            f"{row['kind']:<14}{row['requests']:>9}{row['per_second']:>8}{row['p50_ms']:>9}"
            f"{row['p95_ms']:>9}{row['p99_ms']:>9}{row['errors']:>8}{row['rate_limited']:>6}"
        )
    if memory["workers"]:
        print("\ngunicorn resident memory at the end:")
        for pid, rss in memory["master"]:
            print(f"  master  pid {pid:>7}  {rss:7.1f} MB")
        for pid, rss in memory["workers"]:
            print(f"  worker  pid {pid:>7}  {rss:7.1f} MB")
    else:
        print(f"\n(no gunicorn process matching {arguments.gunicorn_match!r} on this machine)")


def print_cost(server_cpu: float, requests: int, load_before: float, load_after: float) -> dict:
    """Server CPU per request, and what that allows on a machine's cores with nothing else on it.

    On a shared machine latency and throughput say as much about the neighbours as about us;
    CPU time per request does not.
    """
    cores = os.cpu_count() or 1
    per_request_ms = server_cpu / requests * 1000 if requests else 0.0
    capacity = cores * 1000 / per_request_ms if per_request_ms else 0.0
    print(
        f"\nserver CPU (gunicorn + PostgreSQL backends): {server_cpu:.1f} s for {requests} "
        f"requests = {per_request_ms:.1f} ms per request; at most {capacity:.0f} requests/s on "
        f"{cores} cores with nothing else running. Load average {load_before:.1f} before, "
        f"{load_after:.1f} after."
    )
    return {
        "server_cpu_seconds": round(server_cpu, 2),
        "cpu_ms_per_request": round(per_request_ms, 1),
        "capacity_per_second": round(capacity),
        "load_average": [round(load_before, 1), round(load_after, 1)],
    }


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--clients", type=int, default=8, help="concurrent visitors")
    parser.add_argument(
        "--mix",
        type=lambda text: [int(part) for part in text.split("/")],
        default=[15, 10, 15, 45, 15],
        help="weights home/content/questionnaire/results/detail (default 15/10/15/45/15)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--details",
        choices=["catalogue", "own"],
        default="catalogue",
        help="residence pages from the ~200 found before the start (catalogue, as in earlier "
        "rounds) or from each visitor's own last results page, with their search (own)",
    )
    parser.add_argument(
        "--forwarded-proto",
        default="https",
        help="X-Forwarded-Proto to send, as the TLS proxy would ('' to send none)",
    )
    parser.add_argument("--gunicorn-match", default="config.wsgi")
    parser.add_argument(
        "--database",
        default="",
        help="PostgreSQL database name, to count its backends' CPU as server work",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--allow-remote", action="store_true", help="target a non-local host")
    arguments = parser.parse_args(argv)
    if len(arguments.mix) != 5:
        parser.error("--mix needs five weights: home/content/questionnaire/results/detail")
    host = urlsplit(arguments.base_url).hostname or ""
    if host not in LOOPBACK_HOSTS and not host.startswith("127.") and not arguments.allow_remote:
        parser.error(f"{host} is not this machine; pass --allow-remote for a host you run")
    if not 0 < arguments.duration <= 3600 or not 0 < arguments.clients <= 256:
        parser.error("--duration must be 1..3600 s and --clients 1..256")
    return arguments


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    catalogue = Catalogue.discover(
        arguments.base_url, arguments.forwarded_proto, random.Random(arguments.seed)
    )
    print(
        f"Found {len(catalogue.content_pages)} content pages, {len(catalogue.detail_pages)} "
        f"residence pages, first question {catalogue.first_question or '(none)'}."
    )
    run = Run(arguments, catalogue)
    cpu_before = cpu_seconds(arguments.gunicorn_match, arguments.database)
    load_before = os.getloadavg()[0]
    elapsed = run.execute()
    server_cpu = cpu_used_between(
        cpu_before, cpu_seconds(arguments.gunicorn_match, arguments.database)
    )
    rows = summarise(run.samples, elapsed)
    memory = gunicorn_processes(arguments.gunicorn_match)
    print_report(rows, memory, arguments, elapsed)
    total = next(row for row in rows if row["kind"] == "total")
    cost = print_cost(server_cpu, total["requests"], load_before, os.getloadavg()[0])
    if arguments.json:
        with open(arguments.json, "w") as handle:
            figures = {"rows": rows, "memory": memory, "seconds": elapsed, "cost": cost}
            json.dump(figures, handle, indent=2)
    return 1 if total["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
