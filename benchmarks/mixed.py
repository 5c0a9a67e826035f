"""Realistic mix: 50 visitors browse 500 distinct URLs with a long tail while writes arrive.

    .venv/bin/python benchmarks/mixed.py [--seconds 30] [--visitors 50] [--urls 500]

Builds the same production-like deployment as benchmarks/load.py (PostgreSQL, Redis, production
settings, demo content, gunicorn with 2 workers), starts with an empty cache and measures in one
run:
- the bare one-file Django view (benchmarks/bare_app.py) under the same number of connections;
- the portal, page cache on as deployed, while `wrk` (benchmarks/mixed.lua) picks each request's
  URL with a Zipf law over the list, a fifth of requests logged in as a member, and a writer
  (benchmarks/mixed_site.py) stores a forum reply, a comment or a registration every second,
  each of which empties the cached pages it concerns.
Prints throughput against the bare view, p50 and p99, the cache hit rate and the writes done;
exits non-zero under the floors.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PYTHON, ROOT, Deployment, bare_django, require_tools, wrk

HERE = Path(__file__).parent
# (goal, floor)
THROUGHPUT = (0.20, 0.10)  # share of the bare view's req/s
P99_MS = (150.0, 300.0)


def run_mix(deployment, base, urls_file, cookie, seconds, visitors):
    writer = subprocess.Popen(
        [PYTHON, str(HERE / "mixed_site.py"), "writes", str(seconds)],
        cwd=ROOT,
        env=deployment.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    command = [
        "wrk",
        "-t2",
        f"-c{visitors}",
        f"-d{seconds}s",
        "--timeout=10s",
        "-s",
        str(HERE / "mixed.lua"),
        base,
        "--",
        urls_file,
        cookie,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    writes = json.loads(writer.communicate(timeout=seconds + 60)[0].strip().splitlines()[-1])
    line = next(line for line in output.splitlines() if line.startswith("MIXED "))
    figures = json.loads(line.removeprefix("MIXED "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["writes"] = writes["writes"]
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    require_tools()
    deployment = Deployment(name="spaser_mixed", redis_db=13)
    try:
        print("Préparation : base, contenu de démonstration, fichiers statiques…", flush=True)
        deployment.create()
        site = deployment.script(HERE / "mixed_site.py", "urls", str(options.urls))
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
            listing.write("\n".join(site["urls"]) + "\n")
        with bare_django() as bare_base:
            wrk(bare_base + "/", seconds=2, connections=options.visitors)
            bare = wrk(bare_base + "/", seconds=options.seconds, connections=options.visitors)
        deployment.flush_cache()
        with deployment.gunicorn(workers=2) as base:
            mix = run_mix(
                deployment,
                base,
                listing.name,
                site["member_cookie"],
                options.seconds,
                options.visitors,
            )
        Path(listing.name).unlink()
    finally:
        if not options.keep:
            deployment.drop()
    failures = report(bare, mix, options, len(site["urls"]))
    if failures:
        print("\n" + "\n".join(failures))
        sys.exit(1)


def report(bare, mix, options, url_count):
    served = mix["hits"] + mix["misses"]
    ratio = mix["rps"] / bare["rps"]
    print(
        f"gunicorn 2 workers, wrk 2 threads, {options.visitors} connections, "
        f"{options.seconds} s, {url_count} URLs (Zipf 1.1), a fifth logged in, "
        f"{mix['writes']} writes (about one a second)\n"
    )
    print(f"vue nue « ok »       {bare['rps']:>8.0f} req/s  p50 {bare['p50']:.1f} ms")
    print(
        f"portail, mélange     {mix['rps']:>8.0f} req/s  p50 {mix['p50']:.1f} ms  "
        f"p99 {mix['p99']:.1f} ms  = {ratio:.1%} de la vue nue (objectif {THROUGHPUT[0]:.0%})"
    )
    print(
        f"cache de pages : {mix['hits']} servies du cache, {mix['misses']} rendues "
        f"(taux {mix['hits'] / served if served else 0:.1%}), {mix['uncached']} non cachables ; "
        f"{mix['members']} requêtes de membre"
    )
    failures = []
    if mix["server_errors"] or mix["socket_errors"]:
        failures.append(
            f"{mix['server_errors']} réponses 5xx, {mix['socket_errors']} erreurs de connexion"
        )
    if ratio < THROUGHPUT[1]:
        failures.append(f"débit {ratio:.1%} < plancher {THROUGHPUT[1]:.0%}")
    if mix["p99"] > P99_MS[1]:
        failures.append(f"p99 {mix['p99']:.0f} ms > plancher {P99_MS[1]:.0f} ms")
    for label, ok in (
        (f"débit ≥ {THROUGHPUT[0]:.0%} de la vue nue", ratio >= THROUGHPUT[0]),
        (f"p99 ≤ {P99_MS[0]:.0f} ms", mix["p99"] <= P99_MS[0]),
    ):
        print(f"  {label} : {'ok' if ok else 'sous l’objectif'}")
    return failures


if __name__ == "__main__":
    main()
