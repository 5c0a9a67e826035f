"""Load benchmark: the main pages against a bare Django view, in one run, under wrk.

    .venv/bin/python benchmarks/load.py [--seconds 10] [--connections 8]

Builds a throwaway production-like deployment (PostgreSQL, Redis, production settings, demo
content), starts gunicorn with 2 workers on 127.0.0.1 and measures, anonymous then logged in:
the home page, a fiche, the clause listing with a filter, a search, a forum topic and the
self-assessment result. The bare view is /sante/, which returns "ok" through the same middleware.
Prints requests/s, p50 and p99 per page and the throughput as a share of the bare view's.
Targets: anonymous pages >= 50 %, logged-in pages >= 25 %.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BARE_PATH, Deployment, measure_pages, require_tools, wrk  # noqa: E402

TARGETS = {"anonyme": 0.50, "connecté": 0.25}


def measure(base, targets, seconds, connections):
    bare = wrk(base + BARE_PATH, seconds=seconds, connections=connections)
    bare["cache"] = "-"
    rows = [("vue nue « ok »", "anonyme", bare, 1.0)]
    for (name, audience), figures in measure_pages(base, targets, seconds, connections).items():
        rows.append((name, audience, figures, figures["rps"] / bare["rps"]))
    return rows


def report(rows, seconds, connections):
    print(
        f"gunicorn 2 workers, wrk 2 threads, {connections} connections, {seconds} s per page "
        "(PostgreSQL + Redis, production settings, demo content)\n"
    )
    header = (
        f"{'page':<26}{'public':<10}{'cache':<7}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'/ vue nue':>11}"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for name, audience, figures, ratio in rows:
        target = TARGETS.get(audience) if name != "vue nue « ok »" else None
        verdict = "" if target is None else ("  ok" if ratio >= target else "  SOUS L'OBJECTIF")
        print(
            f"{name:<26}{audience:<10}{figures['cache']:<7}{figures['rps']:>8.0f}{figures['p50']:>9.2f}"
            f"{figures['p99']:>9.2f}{ratio:>10.0%}{verdict}"
        )
        if figures["errors"] or figures["socket_errors"]:
            failures.append(f"{name} ({audience}): {figures['errors']} réponses en erreur")
        if target is not None and ratio < target:
            failures.append(f"{name} ({audience}): {ratio:.0%} < {target:.0%}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    require_tools()
    deployment = Deployment()
    try:
        print("Préparation : base, contenu de démonstration, fichiers statiques…", flush=True)
        deployment.create()
        targets = deployment.script(Path(__file__).parent / "targets.py")
        with deployment.gunicorn(workers=2) as base:
            rows = measure(base, targets, options.seconds, options.connections)
        failures = report(rows, options.seconds, options.connections)
    finally:
        if not options.keep:
            deployment.drop()
    if failures:
        print("\n" + "\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
