"""Scale benchmark: the main pages with about a hundred pages and posts, then with 20,000 more,
in one run; p50 must not grow by more than 20 %.

    .venv/bin/python benchmarks/scale.py [--pages 2000] [--posts 18000] [--seconds 5]

Same deployment and pages as benchmarks/load.py, measured twice at each size: as deployed (the
whole-page cache on, the target applies) and with the page cache off (PAGE_CACHE_SECONDS=0), so
that every request renders its page; the growth of the rendering time is printed for information.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Deployment, measure_pages, require_tools

HERE = Path(__file__).parent
MAX_GROWTH = 0.20
SMALL_PAGES = 40  # on top of the demo content: about a hundred pages and posts in all
MODES = {"cache": "600", "rendu": "0"}


def measure(deployment, seconds, connections):
    """{(page, audience, mode): wrk figures} for the deployment as it is now."""
    targets = deployment.script(HERE / "targets.py")
    figures = {}
    for mode, page_cache_seconds in MODES.items():
        with deployment.gunicorn(workers=2, PAGE_CACHE_SECONDS=page_cache_seconds) as base:
            measured = measure_pages(base, targets, seconds, connections)
        figures.update({(name, audience, mode): f for (name, audience), f in measured.items()})
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=18000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=2)
    options = parser.parse_args()
    require_tools()
    deployment = Deployment(name="spaser_scale")
    try:
        print("Préparation : base, contenu de démonstration, fichiers statiques…", flush=True)
        deployment.create()
        small_counts = deployment.script(HERE / "bulk.py", str(SMALL_PAGES), "0")
        small = measure(deployment, options.seconds, options.connections)
        print(f"Ajout de {options.pages} pages et {options.posts} messages…", flush=True)
        large_counts = deployment.script(HERE / "bulk.py", str(options.pages), str(options.posts))
        large = measure(deployment, options.seconds, options.connections)
    finally:
        deployment.drop()

    print(
        f"\ngunicorn 2 workers, wrk {options.connections} connections, {options.seconds} s per "
        "page (PostgreSQL + Redis, production settings)"
    )
    print(
        f"petite base : {small_counts['pages']} pages, {small_counts['posts']} messages ; "
        f"grande base : {large_counts['pages']} pages, {large_counts['posts']} messages\n"
    )
    header = (
        f"{'page':<26}{'public':<10}{'p50 petite':>12}{'p50 grande':>12}{'écart':>8}"
        f"{'rendu petite':>14}{'rendu grande':>14}{'écart':>8}"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for name, audience, mode in small:
        if mode != "cache":
            continue
        cells = []
        for each in MODES:
            before, after = small[name, audience, each], large[name, audience, each]
            growth = after["p50"] / before["p50"] - 1
            cells.append(f"{before['p50']:>10.1f}ms{after['p50']:>10.1f}ms{growth:>+8.0%}")
            if before["errors"] or after["errors"]:
                failures.append(f"{name} ({audience}, {each}): réponses en erreur")
            if each == "cache" and growth > MAX_GROWTH:
                failures.append(f"{name} ({audience}): p50 {growth:+.0%}")
        print(f"{name:<26}{audience:<10}{cells[0]}  {cells[1]}")
    if failures:
        print("\n" + "\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
