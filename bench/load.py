"""Load test on loopback: the production server under wrk, serving event and list pages over a large data set.

    python bench/load.py                         # 150,000 claims in `nc_load`, 20 s per page kind
    python bench/load.py --claims 300000 --duration 30 --connections 16
    python bench/load.py --fresh                 # drop and rebuild the database first

What runs is what production runs: gunicorn with `newsclaims.settings.production` (DEBUG off, persistent database
connections, whitenoise serving collected static files), on 127.0.0.1 with SECURE_SSL_REDIRECT off because wrk
speaks plain HTTP. The data lives in its own PostgreSQL database (`nc_load` on DATABASE_URL's server, never the
project's): the demo set (the Belgorod event) plus claims bulk-loaded with COPY by `bench/scale.py`'s loader.
wrk (Debian package `wrk`) drives each page kind for --duration seconds, cycling through a list of URLs, and a
Lua `done` hook reports requests/s, latency percentiles and every kind of error (connect, read, write, non-2xx
status, and a timeout for a request unanswered after 30 s). The run fails (exit 1) on any error at all.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

WRK_SCRIPT = """
local paths = {%(paths)s}
local i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "bytes": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_data(database: str, claims: int, fresh: bool) -> dict[str, list[str]]:
    """Database with the demo set and `claims` claims; returns the URLs to hit per page kind."""
    from scale import bulk_load, setup_database  # the scale benchmark's COPY loader (bench/scale.py)

    setup_database(database, keep=not fresh)
    from django.core.management import call_command
    from django.db.models import Count

    from newsclaims.models import Claim, Event, Party

    call_command("load_demo", verbosity=0)
    bulk_load(claims, seed=7)
    sized = list(Event.objects.annotate(n=Count("claims")).order_by("-n").values_list("slug", "n"))
    # The headline event and a spread over every size of event, the biggest included (one in 40 is taken).
    events = ["belgorod-incursion-2023-05"] + [s for s, _ in sized[:: max(1, len(sized) // 40)]]
    parties = list(Party.objects.values_list("pk", flat=True)[:8])
    lists = ["/claims/", "/claims/?category=killed", "/claims/?page=7", "/claims/?q=Belgorod",
             "/claims/?event=belgorod-incursion-2023-05"]
    lists += [f"/claims/?party={pk}" for pk in parties] + [f"/claims/?party={pk}&page=3" for pk in parties[:3]]
    print(
        f"data: {Claim.objects.count():,} claims in {len(sized):,} events; biggest events "
        + ", ".join(f"{n:,}" for _, n in sized[:5])
        + f" claims; {len(events)} event URLs, {len(lists)} list URLs"
    )
    return {"event page": [f"/events/{slug}/" for slug in events], "list page": lists}


def production_env(database_url: str, static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsclaims.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "ERROR",
    }


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by gunicorn's workers: /proc, so Linux only."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for child in children:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def wait_until_idle(base: str) -> None:
    """Let the workers finish what the previous run left queued, so that runs do not measure each other."""
    for _ in range(120):
        started = time.perf_counter()
        get(base + "/static/vendor/htmx.min.js")
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.5)


def run_wrk(base: str, paths: list[str], *, duration: int, connections: int, threads: int) -> dict:
    script = WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        result = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s",
             "-s", f.name, base],
            capture_output=True, text=True, timeout=duration + 60,
        )
    finally:
        os.unlink(f.name)
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")
    return json.loads(line.removeprefix("RESULT "))


def report(kind: str, r: dict) -> int:
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    seconds = r["duration_us"] / 1e6
    print(
        f"{kind:10} {r['requests'] / seconds:8.1f} req/s  p50 {r['p50'] / 1000:7.1f} ms  p95 {r['p95'] / 1000:7.1f} ms"
        f"  p99 {r['p99'] / 1000:7.1f} ms  max {r['max'] / 1000:7.1f} ms  {r['requests']:,} requests in {seconds:.1f} s"
        f"  errors {errors} ({100 * errors / max(1, r['requests']):.2f}%: connect {r['connect']}, read {r['read']},"
        f" write {r['write']}, status {r['status']}, timeout {r['timeout']})"
    )
    # CPU per request does not depend on what else the machine is doing, unlike the latencies above.
    per_request = r["cpu_s"] / max(1, r["requests"])
    print(f"{'':10} server CPU {per_request * 1000:.0f} ms per request: {1 / per_request:.0f} req/s per free core")
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=150_000, help="claims in the database (bulk-loaded)")
    parser.add_argument("--database", default="nc_load")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page kind")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) + 1), help="gunicorn workers")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    urls = prepare_data(args.database, args.claims, args.fresh)
    static_root = tempfile.mkdtemp(prefix="nc-load-static-")
    env = production_env(os.environ["DATABASE_URL"], static_root)  # setup_database pointed it at the load database
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=REPO, env=env,
                   check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsclaims.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"],
        cwd=REPO, env=env,
    )
    errors = 0
    try:
        for _ in range(150):
            try:
                if get(base + "/") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer on /")
        for path in [p for paths in urls.values() for p in paths] + ["/static/vendor/htmx.min.js"]:
            status = get(base + path)  # also warms every worker's templates and connections
            if status != 200:
                raise SystemExit(f"{path} answered {status} before the load started")
        print(f"gunicorn, production settings, {args.workers} workers; wrk {args.threads} threads, "
              f"{args.connections} connections, {args.duration} s per page kind; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before")
        for path in urls["event page"][1:2]:
            started = time.perf_counter()
            get(base + path)
            print(f"the biggest event alone ({path}): {(time.perf_counter() - started) * 1000:.0f} ms")
        for kind, paths in urls.items():
            wait_until_idle(base)
            cpu = server_cpu_seconds(server.pid)
            result = run_wrk(base, paths, duration=args.duration, connections=args.connections, threads=args.threads)
            wait_until_idle(base)
            result["cpu_s"] = server_cpu_seconds(server.pid) - cpu
            errors += report(kind, result)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
    if errors:
        raise SystemExit(f"{errors} errors under load")


if __name__ == "__main__":
    main()
