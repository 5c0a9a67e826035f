"""Load benchmark: the main pages against a bare one-file Django view, in one run, under wrk.

    .venv/bin/python benchmarks/load.py [--seconds 6] [--connections 8] [--rounds 2]

Builds a throwaway production-like deployment (PostgreSQL, Redis, production settings, demo
content) and starts, with the same gunicorn flags (2 workers on 127.0.0.1):
- benchmarks/bare_app.py, a one-file Django project answering « ok » through 2 middleware: the
  yardstick, measured in the same run as the pages;
- the portal with its page cache on, then with PAGE_CACHE_SECONDS=0 so that every request renders
  its page (a visitor's first view).
Each page (home, a fiche, the filtered clause listing, a search, a forum topic, the self-assessment
result, and /sante/) is measured anonymous and logged in; the best of `--rounds` rounds is kept.
Prints req/s, p50 and p99 and the throughput as a share of the bare view's, against the goals
below; exits non-zero when a share falls under its floor.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    BARE_PATH,
    Deployment,
    bare_django,
    measure_pages,
    require_tools,
    wrk,
)

# (cache, audience): (goal, floor), as shares of the bare view's req/s. Search is held to its own
# (lower) goal when rendered, /sante/ to a higher one when cached: middleware that has nothing to
# do must cost nothing.
GOALS = {
    ("oui", "anonyme"): (0.60, 0.30),
    ("oui", "connecté"): (0.30, 0.15),
    ("non", "anonyme"): (0.10, 0.05),
    ("non", "connecté"): (0.07, 0.035),
}
SEARCH_RENDERED = (0.05, 0.025)
HEALTH = (0.85, 0.50)
MODES = {"oui": 600, "non": 0}


def goal_for(name, cache, audience):
    if name == "santé":
        return HEALTH
    if name == "recherche" and cache == "non":
        return SEARCH_RENDERED
    return GOALS[cache, audience]


def best(runs):
    return max(runs, key=lambda figures: figures["rps"])


def measure(deployment, targets, seconds, connections, rounds):
    pages = {**targets["pages"], "santé": BARE_PATH}
    targets = {**targets, "pages": pages}
    bare_runs, runs = [], {}
    for _ in range(rounds):
        with bare_django() as base:
            wrk(base + "/", seconds=1, connections=connections)
            bare_runs.append(wrk(base + "/", seconds=seconds, connections=connections))
        for cache, seconds_cached in MODES.items():
            with deployment.gunicorn(workers=2, PAGE_CACHE_SECONDS=seconds_cached) as base:
                measured = measure_pages(base, targets, seconds, connections)
            for (name, audience), figures in measured.items():
                runs.setdefault((name, cache, audience), []).append(figures)
            deployment.flush_cache()
    return best(bare_runs), {key: best(each) for key, each in runs.items()}


def report(bare, rows, seconds, connections, rounds):
    print(
        f"gunicorn 2 workers, wrk 2 threads, {connections} connections, {seconds} s per page, "
        f"best of {rounds} rounds (PostgreSQL + Redis, production settings, demo content)\n"
    )
    header = (
        f"{'page':<25}{'cache':<7}{'public':<10}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'/ vue nue':>11}{'objectif':>10}"
    )
    print(header)
    print("-" * len(header))
    print(
        f"{'vue nue « ok »':<25}{'-':<7}{'anonyme':<10}{bare['rps']:>8.0f}{bare['p50']:>9.2f}"
        f"{bare['p99']:>9.2f}{1:>10.0%}"
    )
    failures = []
    for (name, cache, audience), figures in sorted(rows.items()):
        ratio = figures["rps"] / bare["rps"]
        goal, floor = goal_for(name, cache, audience)
        verdict = "ok" if ratio >= goal else ("sous l'objectif" if ratio >= floor else "ÉCHEC")
        print(
            f"{name:<25}{cache:<7}{audience:<10}{figures['rps']:>8.0f}{figures['p50']:>9.2f}"
            f"{figures['p99']:>9.2f}{ratio:>10.0%}{goal:>9.0%}  {verdict}"
        )
        if figures["errors"] or figures["socket_errors"]:
            failures.append(f"{name} ({cache}, {audience}): {figures['errors']} réponses en erreur")
        if ratio < floor:
            failures.append(f"{name} ({cache}, {audience}): {ratio:.1%} < plancher {floor:.1%}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    require_tools()
    deployment = Deployment()
    try:
        print("Préparation : base, contenu de démonstration, fichiers statiques…", flush=True)
        deployment.create()
        targets = deployment.script(Path(__file__).parent / "targets.py")
        bare, rows = measure(
            deployment, targets, options.seconds, options.connections, options.rounds
        )
        failures = report(bare, rows, options.seconds, options.connections, options.rounds)
    finally:
        if not options.keep:
            deployment.drop()
    if failures:
        print("\n" + "\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
