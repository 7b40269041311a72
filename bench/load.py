"""A small load generator for a server on this machine: loopback only, bounded in time and count.

    .venv/bin/python bench/load.py http://127.0.0.1:8001 / /konto/login/ -c 16 -d 20 -n 5000

For each path it keeps `concurrency` threads busy, each with its own HTTP/1.1 connection (reopened
when the server closes it, as gunicorn's sync workers do after every response), until the duration
or the request count runs out. It reports requests/s, p50/p99 latency, errors and status codes per
path. With --server-pid it also reads the server's CPU time (that process and all its descendants,
e.g. a gunicorn master and its workers) from /proc before and after each path, and reports
milliseconds of server CPU per request. With --runs N the paths are run N times interleaved
(A B A B ...) and the median of each figure is reported, because a shared machine varies.

Python standard library only."""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import platform
import socket
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_DURATION = 300.0  # seconds per path and run
MAX_REQUESTS = 200_000  # per path and run
MAX_CONCURRENCY = 256
TIMEOUT = 30.0
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class RefusedTarget(ValueError):
    pass


def loopback_target(base_url: str) -> tuple[str, int]:
    """Host and port of base_url, only if every address it names is a loopback address."""
    parts = urlsplit(base_url)
    if parts.scheme != "http":
        raise RefusedTarget(f"only http:// on a loopback address is allowed, not {base_url!r}")
    host = parts.hostname
    if not host:
        raise RefusedTarget(f"no host in {base_url!r}")
    port = parts.port or 80
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise RefusedTarget(f"cannot resolve {host!r}: {exc}") from exc
    addresses = {info[4][0] for info in infos}
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise RefusedTarget(
            f"{host!r} resolves to {sorted(addresses)}: this tool only loads loopback addresses"
        )
    return host, port


def process_tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of pid and all its descendants (live ones), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    total = 0.0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        # fields[11], fields[12]: utime, stime (man 5 proc, counting from "state" as 0)
        total += (int(fields[11]) + int(fields[12])) / CLK_TCK
        todo.extend(children.get(current, []))
    return total


@dataclass
class PathResult:
    path: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    error_kinds: Counter = field(default_factory=Counter)
    server_cpu_seconds: float | None = None

    def percentile(self, q: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank]

    def summary(self) -> dict:
        p50, p99 = self.percentile(50), self.percentile(99)
        cpu_ms = (
            self.server_cpu_seconds * 1000 / self.requests
            if self.server_cpu_seconds is not None and self.requests
            else None
        )
        return {
            "path": self.path,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "requests_per_second": round(self.requests / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(p50 * 1000, 1) if p50 is not None else None,
            "p99_ms": round(p99 * 1000, 1) if p99 is not None else None,
            "errors": self.errors,
            "error_kinds": dict(self.error_kinds),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "server_cpu_ms_per_request": round(cpu_ms, 2) if cpu_ms is not None else None,
        }


def load_path(
    host: str,
    port: int,
    path: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    headers: dict[str, str],
    server_pid: int | None,
) -> PathResult:
    result = PathResult(path=path)
    lock = threading.Lock()
    issued = 0
    deadline = 0.0
    host_header = host if port == 80 else f"{host}:{port}"

    def take_ticket() -> bool:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.perf_counter() >= deadline:
                return False
            issued += 1
            return True

    def worker():
        conn = None
        latencies, statuses, errors = [], Counter(), Counter()
        while take_ticket():
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": host_header, **headers})
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                latencies.append(elapsed)
                statuses[response.status] += 1
                if response.status >= 400:
                    errors[f"HTTP {response.status}"] += 1
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.statuses.update(statuses)
            result.error_kinds.update(errors)

    cpu_before = process_tree_cpu_seconds(server_pid) if server_pid else None
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    deadline = started + duration
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - started
    if server_pid:
        result.server_cpu_seconds = process_tree_cpu_seconds(server_pid) - cpu_before
    result.requests = len(result.latencies)
    result.errors = sum(result.error_kinds.values())
    return result


def median_of(runs: list[dict]) -> dict:
    """Per-path medians over runs, keeping the individual runs for the record."""
    first = runs[0]
    out = {"path": first["path"], "runs": len(runs)}
    for key in (
        "requests",
        "requests_per_second",
        "p50_ms",
        "p99_ms",
        "errors",
        "server_cpu_ms_per_request",
    ):
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = round(statistics.median(values), 2) if values else None
    out["statuses"] = dict(sum((Counter(r["statuses"]) for r in runs), Counter()))
    out["each_run"] = runs
    return out


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8001 (loopback only)")
    parser.add_argument("paths", nargs="+", help="paths to load, e.g. / /konto/login/")
    parser.add_argument("-c", "--concurrency", type=int, default=16)
    parser.add_argument(
        "-d", "--duration", type=float, default=20.0, help="seconds per path (max 300)"
    )
    parser.add_argument(
        "-n", "--requests", type=int, default=10_000, help="max requests per path (max 200000)"
    )
    parser.add_argument("--warmup", type=int, default=20, help="requests per path before timing")
    parser.add_argument("--runs", type=int, default=1, help="interleaved runs; medians reported")
    parser.add_argument(
        "--server-pid", type=int, help="measure CPU of this process and its descendants"
    )
    parser.add_argument(
        "-H", "--header", action="append", default=[], help="extra header 'Name: value'"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"concurrency must be 1..{MAX_CONCURRENCY}")
    if not 0 < args.duration <= MAX_DURATION:
        parser.error(f"duration must be in (0, {MAX_DURATION:g}] seconds")
    if not 1 <= args.requests <= MAX_REQUESTS:
        parser.error(f"requests must be 1..{MAX_REQUESTS}")
    if not 1 <= args.runs <= 9:
        parser.error("runs must be 1..9")
    for path in args.paths:
        if not path.startswith("/"):
            parser.error(f"paths start with '/': {path!r}")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        host, port = loopback_target(args.base_url)
    except RefusedTarget as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    headers = dict(h.split(":", 1) for h in args.header)
    headers = {k.strip(): v.strip() for k, v in headers.items()}

    for path in args.paths:
        load_path(
            host,
            port,
            path,
            concurrency=min(args.concurrency, args.warmup) or 1,
            duration=MAX_DURATION,
            max_requests=max(args.warmup, 1),
            headers=headers,
            server_pid=None,
        )

    per_path: dict[str, list[dict]] = {p: [] for p in args.paths}
    for _run in range(args.runs):
        for path in args.paths:
            result = load_path(
                host,
                port,
                path,
                concurrency=args.concurrency,
                duration=args.duration,
                max_requests=args.requests,
                headers=headers,
                server_pid=args.server_pid,
            )
            per_path[path].append(result.summary())

    report = {
        "base_url": args.base_url,
        "concurrency": args.concurrency,
        "duration_limit_s": args.duration,
        "request_limit": args.requests,
        "runs": args.runs,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "paths": [median_of(runs) for runs in per_path.values()],
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(
            f"{args.base_url}  concurrency {args.concurrency}  runs {args.runs} "
            f"(medians)  limits {args.duration:g} s / {args.requests} requests per path"
        )
        print(
            f"{'path':<28}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
            f"{'errors':>8}{'CPU ms/req':>12}  statuses"
        )
        for row in report["paths"]:
            cpu = row["server_cpu_ms_per_request"]
            print(
                f"{row['path']:<28}{row['requests']:>9g}{row['requests_per_second']:>9g}"
                f"{row['p50_ms'] or 0:>9g}{row['p99_ms'] or 0:>9g}{row['errors']:>8g}"
                f"{(f'{cpu:g}' if cpu is not None else '-'):>12}  {row['statuses']}"
            )
    failed = any(row["errors"] for row in report["paths"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
