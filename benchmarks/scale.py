"""Scale benchmark: the main pages with about a hundred pages and posts, then with 20,000 and
with 100,000 more, in one run; p50 must not grow by more than 20 %.

    .venv/bin/python benchmarks/scale.py [--sizes 2000:18000 10000:90000] [--seconds 5]

Each size is model clauses (pages) and forum posts, counted on top of the demo content; the
content is added to the same database from one size to the next. Same deployment and pages as
benchmarks/load.py, measured at each size as deployed (the whole-page cache on, the target
applies: the script fails above it) and with the page cache off (PAGE_CACHE_SECONDS=0), so that
every request renders its page: the growth of the rendering time is printed against its goal
(20 %, search 50 %). The pages are picked once, at the small size, and measured again at each.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Deployment, measure_pages, require_tools

HERE = Path(__file__).parent
MAX_GROWTH = 0.20
MAX_SEARCH_RENDER_GROWTH = 0.50  # the render alone: a search scores every matching document
SMALL_PAGES = 40  # on top of the demo content: about a hundred pages and posts in all
MODES = {"cache": "600", "rendu": "0"}


def size(text):
    """A size given as <pages>:<posts>."""
    pages, _, posts = text.partition(":")
    if not (pages.isascii() and pages.isdigit() and posts.isascii() and posts.isdigit()):
        raise argparse.ArgumentTypeError("attendu : <pages>:<messages>, par exemple 2000:18000")
    return int(pages), int(posts)


def measure(deployment, targets, seconds, connections):
    """{(page, audience, mode): wrk figures} for the deployment as it is now."""
    figures = {}
    for mode, page_cache_seconds in MODES.items():
        with deployment.gunicorn(workers=2, PAGE_CACHE_SECONDS=page_cache_seconds) as base:
            measured = measure_pages(base, targets, seconds, connections)
        figures.update({(name, audience, mode): f for (name, audience), f in measured.items()})
    return figures


def grow(deployment, small, now, pages, posts):
    """Add content until the database holds `pages` more clauses and `posts` more posts than
    at the small size (`small` and `now`: bulk.py's counts); return the new counts."""
    missing_pages = max(0, pages - (now["clauses"] - small["clauses"]))
    missing_posts = max(0, posts - (now["posts"] - small["posts"]))
    started = time.monotonic()
    counts = deployment.script(HERE / "bulk.py", str(missing_pages), str(missing_posts))
    print(f"  ajoutés en {time.monotonic() - started:.0f} s", flush=True)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=size, nargs="+", default=[(2000, 18000), (10000, 90000)])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=2)
    options = parser.parse_args()
    require_tools()
    deployment = Deployment(name="spaser_scale")
    sizes = sorted(options.sizes)
    try:
        print("Préparation : base, contenu de démonstration, fichiers statiques…", flush=True)
        deployment.create()
        counts = [deployment.script(HERE / "bulk.py", str(SMALL_PAGES), "0")]
        # The same pages at every size: picked once, before the content grows.
        targets = deployment.script(HERE / "targets.py")
        figures = [measure(deployment, targets, options.seconds, options.connections)]
        for pages, posts in sizes:
            print(f"Ajout jusqu'à {pages} pages et {posts} messages de plus…", flush=True)
            counts.append(grow(deployment, counts[0], counts[-1], pages, posts))
            figures.append(measure(deployment, targets, options.seconds, options.connections))
    finally:
        deployment.drop()

    print(
        f"\ngunicorn 2 workers, wrk {options.connections} connections, {options.seconds} s per "
        "page (PostgreSQL + Redis, production settings)"
    )
    print(
        " ; ".join(
            f"base {number} : {each['pages']} pages, {each['posts']} messages"
            for number, each in enumerate(counts)
        )
        + "\n"
    )
    failures, missed = [], []
    for mode in MODES:
        header = f"{mode:<26}{'public':<10}" + "".join(
            f"{f'p50 base {number}':>14}{'écart':>8}" if number else f"{'p50 base 0':>14}"
            for number in range(len(figures))
        )
        print(header)
        print("-" * len(header))
        for name, audience, each in figures[0]:
            if each != mode:
                continue
            before = figures[0][name, audience, mode]
            cells = [f"{before['p50']:>12.1f}ms"]
            for number, measured in enumerate(figures[1:], start=1):
                after = measured[name, audience, mode]
                growth = after["p50"] / before["p50"] - 1
                cells.append(f"{after['p50']:>12.1f}ms{growth:>+8.0%}")
                if before["errors"] or after["errors"]:
                    failures.append(f"{name} ({audience}, {mode}, base {number}): erreurs")
                if mode == "cache" and growth > MAX_GROWTH:
                    failures.append(f"{name} ({audience}, base {number}): p50 {growth:+.0%}")
                limit = MAX_SEARCH_RENDER_GROWTH if name == "recherche" else MAX_GROWTH
                if mode == "rendu" and growth > limit:
                    missed.append(f"{name} ({audience}, base {number}): rendu {growth:+.0%}")
            print(f"{name:<26}{audience:<10}{''.join(cells)}")
        print()
    if missed:
        print("Objectif du rendu sans cache manqué (20 %, recherche 50 %) :")
        print("\n".join(missed) + "\n")
    if failures:
        print("\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
